"""Queries: a question on one answer, raised by the PI (or by the registry), answered, closed.

States: ``open`` → ``answered`` → ``closed``, or ``cancelled``. Who may do what is checked here,
not only hidden in the GUI:

- raise: :attr:`Permission.RAISE_QUERIES` (the site's PI; the coordinator raises at the registry,
  and those queries arrive in acknowledgement files: :meth:`QueryService.receive`);
- answer: :attr:`Permission.ENTER_DATA` (nurse, PI, administrator), an open query, not one's own;
- close, cancel: only the person who raised the query; a registry query only by the registry.

Every step is an audited change of the query's row (state, answer, who), with the note as the
audit reason. The case row keeps its counts of open and answered queries for the case list, and
the case's revision grows: queries travel with the case in the next batch.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.domain.roles import Permission, allowed
from cmlentry.errors import (
    InvalidInput,
    OwnQueryAnswer,
    QueryFinished,
    QueryNotAnswered,
    QueryNotOpen,
    QueryNotYoursToCancel,
    QueryNotYoursToClose,
    RegistryQueryClosed,
    UnknownQuery,
)
from cmlentry.services.batches.record_review import is_xml_text
from cmlentry.services.cases import CaseService
from cmlentry.services.review import ItemAddress
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.models import Case, Query

OPEN, ANSWERED, CLOSED, CANCELLED = "open", "answered", "closed", "cancelled"
STATES = (OPEN, ANSWERED, CLOSED, CANCELLED)
SITE, REGISTRY = "site", "registry"
MAX_TEXT = 2000
_MIN_PREFIX = 8


@dataclass(frozen=True)
class QueryInfo:
    id: str
    registry_id: str
    address: ItemAddress
    origin: str
    state: str
    text: str
    raised_by: str
    raised_name: str
    raised_at: str
    answer: str | None = None
    answered_by: str | None = None
    answered_name: str | None = None
    answered_at: str | None = None
    closed_by: str | None = None
    closed_name: str | None = None
    closed_at: str | None = None
    note: str | None = None

    @property
    def unresolved(self) -> bool:
        return self.state in (OPEN, ANSWERED)


@dataclass(frozen=True)
class RegistryQuery:
    """A query as the registry sends it in an acknowledgement (``services/registry/acks.py``)."""

    id: str
    registry_id: str
    address: ItemAddress
    state: str
    text: str
    raised_by: str
    raised_name: str
    raised_at: str
    closed_at: str | None = None
    closed_name: str | None = None
    note: str | None = None


class QueryService:
    def __init__(self, ws: Workspace, cases: CaseService) -> None:
        self.ws = ws
        self.cases = cases

    # --- reading --------------------------------------------------------------------------------

    def for_case(self, registry_id: str) -> list[QueryInfo]:
        """The case's queries, oldest first."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            rows = session.scalars(select(Query).where(Query.case_id == case.id).order_by(Query.id))
            return [_info(q, case.registry_id) for q in rows]

    def unresolved(self) -> list[QueryInfo]:
        """Every open or answered query of the workspace, oldest first."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            rows = session.execute(
                select(Query, Case.registry_id)
                .join(Case, Case.id == Query.case_id)
                .where(Query.state.in_((OPEN, ANSWERED)))
                .order_by(Query.id)
            )
            return [_info(q, rid) for q, rid in rows]

    def get(self, query_id: str) -> QueryInfo:
        """One query by its id (or a unique prefix of at least 8 characters)."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            query = _find(session, query_id)
            return _info(query, session.get_one(Case, query.case_id).registry_id)

    def actions(self, query: QueryInfo) -> frozenset[str]:
        """What the signed-in user may do with ``query`` now: "answer", "close", "cancel"."""
        user = self.ws.user
        mine = query.origin == SITE and query.raised_by == user.username
        found = set()
        if query.state == OPEN and not mine and allowed(user.role, Permission.ENTER_DATA):
            found.add("answer")
        if mine and query.state in (OPEN, ANSWERED):
            found.update({"close", "cancel"} if query.state == ANSWERED else {"cancel"})
        return frozenset(found)

    # --- the life of a query --------------------------------------------------------------------

    def raise_query(self, registry_id: str, address: ItemAddress, text: str) -> QueryInfo:
        """Raise a query on one answer of a case (an empty answer may be queried too).

        Raises:
            NotPermitted, UnknownCase, InvalidInput (no such item, no text).
        """
        self.ws.require(Permission.RAISE_QUERIES)
        text = _text(text, "The query")
        self._check_address(address)
        user = self.ws.user
        with self.ws.write() as session:
            case = self.cases._case(session, registry_id)
            query = Query(
                query_id=str(uuid.uuid4()),
                case_id=case.id,
                form_id=address.form_id,
                group_id=address.group_id,
                row_key=address.row_key,
                item_id=address.item_id,
                origin=SITE,
                state=OPEN,
                text=text,
                raised_by_id=user.id,
                raised_by=user.username,
                raised_name=user.printed_name,
                raised_at=format_utc(self.ws.clock()),
            )
            session.add(query)
            _recount(session, case, self.cases)
            return _info(query, case.registry_id)

    def answer(self, query_id: str, text: str) -> QueryInfo:
        """Answer an open query (not one's own).

        Raises:
            NotPermitted, UnknownQuery, QueryStateRefused, QueryNotYours, InvalidInput.
        """
        self.ws.require(Permission.ENTER_DATA)
        text = _text(text, "The answer")
        user = self.ws.user
        with self.ws.write() as session:
            query = _find(session, query_id)
            if query.state != OPEN:
                raise QueryNotOpen()
            if query.origin == SITE and query.raised_by_id == user.id:
                raise OwnQueryAnswer()
            query.state = ANSWERED
            query.answer = text
            query.answered_by = user.username
            query.answered_name = user.printed_name
            query.answered_at = format_utc(self.ws.clock())
            return self._done(session, query)

    def close(self, query_id: str, note: str | None = None) -> QueryInfo:
        """Close an answered query: only its raiser, and at the site only the site's queries.

        Raises:
            UnknownQuery, QueryNotYours, QueryStateRefused.
        """
        return self._finish(query_id, CLOSED, (note or "").strip() or None)

    def cancel(self, query_id: str, note: str) -> QueryInfo:
        """Withdraw an open or answered query (raised in error): its raiser, with a note.

        Raises:
            UnknownQuery, QueryNotYours, QueryStateRefused, InvalidInput (no note).
        """
        return self._finish(query_id, CANCELLED, _text(note, "The reason for cancelling"))

    def receive(self, session: Session, incoming: RegistryQuery) -> bool:
        """Take a registry query from an acknowledgement into the caller's transaction.

        A new query is created as the registry raised it; a known one takes the registry's
        state when the registry closed or cancelled it (an answer given here is kept). The case
        must be this site's. Returns whether anything changed (the same ack twice changes
        nothing).
        """
        case = self.cases._case(session, incoming.registry_id)
        query = session.scalars(select(Query).where(Query.query_id == incoming.id)).one_or_none()
        if query is None:
            self._check_address(incoming.address)
            session.add(
                Query(
                    query_id=incoming.id,
                    case_id=case.id,
                    form_id=incoming.address.form_id,
                    group_id=incoming.address.group_id,
                    row_key=incoming.address.row_key,
                    item_id=incoming.address.item_id,
                    origin=REGISTRY,
                    state=incoming.state,
                    text=incoming.text,
                    raised_by_id=None,
                    raised_by=incoming.raised_by,
                    raised_name=incoming.raised_name,
                    raised_at=incoming.raised_at,
                    closed_at=incoming.closed_at,
                    closed_name=incoming.closed_name,
                    note=incoming.note,
                )
            )
        elif query.origin != REGISTRY or query.case_id != case.id:
            raise InvalidInput(field="A query", why="the registry's query names another case")
        elif incoming.state in (CLOSED, CANCELLED) and query.state != incoming.state:
            query.state = incoming.state
            query.closed_by = incoming.raised_by if incoming.closed_name else None
            query.closed_name = incoming.closed_name
            query.closed_at = incoming.closed_at
            query.note = incoming.note
        else:
            return False
        # What the registry sent is what the registry knows: the case's own record did not
        # change, so its revision does not grow and a sent case is not sent again for it.
        _recount(session, case, self.cases, changed=False)
        return True

    # --- helpers --------------------------------------------------------------------------------

    def _finish(self, query_id: str, state: str, note: str | None) -> QueryInfo:
        self.ws.require(Permission.VIEW_CASES)
        user = self.ws.user
        with self.ws.write(note) as session:
            query = _find(session, query_id)
            if query.origin == REGISTRY:
                raise RegistryQueryClosed()
            if query.raised_by_id != user.id:
                refused = QueryNotYoursToClose if state == CLOSED else QueryNotYoursToCancel
                raise refused(raised_by=query.raised_name)
            if query.state in (CLOSED, CANCELLED):
                raise QueryFinished()
            if state == CLOSED and query.state != ANSWERED:
                raise QueryNotAnswered()
            query.state = state
            query.closed_by = user.username
            query.closed_name = user.printed_name
            query.closed_at = format_utc(self.ws.clock())
            query.note = note
            return self._done(session, query)

    def _done(self, session: Session, query: Query) -> QueryInfo:
        case = session.get_one(Case, query.case_id)
        _recount(session, case, self.cases)
        return _info(query, case.registry_id)

    def _check_address(self, address: ItemAddress) -> None:
        definition = self.cases.definition
        form = definition.forms_by_id.get(address.form_id)
        group = next((g for g in form.groups if g.id == address.group_id), None) if form else None
        if group is None or address.item_id not in {i.id for i in group.items}:
            raise InvalidInput(field="The item", why="the form has no such question")
        if address.row_key < 1 or (not group.repeating and address.row_key != 1):
            raise InvalidInput(field="The row", why="the form has no such row")


def _text(text: str | None, field: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput(field=field, why="it is empty")
    if not is_xml_text(cleaned):
        # A control character would make the case impossible to send in a batch (ODM is XML).
        raise InvalidInput(field=field, why="it holds a control character; retype it")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(field=field, why=f"it is longer than {MAX_TEXT} characters")
    return cleaned


def _find(session: Session, query_id: str) -> Query:
    key = (query_id or "").strip().lower()
    if len(key) == 36:
        query = session.scalars(select(Query).where(Query.query_id == key)).one_or_none()
    elif len(key) >= _MIN_PREFIX:
        found = list(session.scalars(select(Query).where(Query.query_id.startswith(key)).limit(2)))
        query = found[0] if len(found) == 1 else None
    else:
        query = None
    if query is None:
        raise UnknownQuery(query_id=query_id)
    return query


def _recount(session: Session, case: Case, cases: CaseService, *, changed: bool = True) -> None:
    """Keep the case row's query counts right; ``changed``: grow its revision (queries travel
    with the case, so a query raised or answered here sends the case again)."""
    session.flush()
    counts = dict(
        session.execute(
            select(Query.state, func.count())
            .where(Query.case_id == case.id, Query.state.in_((OPEN, ANSWERED)))
            .group_by(Query.state)
        ).all()
    )
    case.open_queries = counts.get(OPEN, 0)
    case.answered_queries = counts.get(ANSWERED, 0)
    cases._refresh(session, case, changed=changed)


def _info(q: Query, registry_id: str) -> QueryInfo:
    return QueryInfo(
        q.query_id,
        registry_id,
        ItemAddress(q.form_id, q.group_id, q.row_key, q.item_id),
        q.origin,
        q.state,
        q.text,
        q.raised_by,
        q.raised_name,
        q.raised_at,
        q.answer,
        q.answered_by,
        q.answered_name,
        q.answered_at,
        q.closed_by,
        q.closed_name,
        q.closed_at,
        q.note,
    )
