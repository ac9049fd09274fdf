"""Queries at the registry: the coordinator raises them on a case's answer, reads the sites'
answers, and closes or cancels them (docs/batches.md, "Queries").

A query raised here reaches the site in the next acknowledgement of its centre: the one written
when its next batch is imported, or at once with :meth:`CentralQueryService.send`, which seals
the centre's latest acknowledgement again with the queries of the moment. The site's answer
comes back in the case's record in its next batch (``services/registry/query_sync.py``); the
coordinator who raised the query then closes it (or cancels it, with a reason), and the next
acknowledgement closes it at the site. The site's own queries are listed here too, as its
records bring them; only the site changes those.

Every step is written in the central store and audited in the registry workspace's trail
(the query's id, the case and item, the states and the note; never the query's text).
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient
from cmlentry.crypto.keyfiles import key_time
from cmlentry.domain.roles import Permission
from cmlentry.errors import (
    InvalidInput,
    QueryFinished,
    QueryNotAnswered,
    QueryNotYoursToCancel,
    QueryNotYoursToClose,
    SiteQueryClosed,
    UnknownQuery,
)
from cmlentry.services.batches.record_review import MAX_TEXT, is_xml_text
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.keys import KeyService
from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN, REGISTRY
from cmlentry.services.registry import centres
from cmlentry.services.registry.ack_files import seal_ack, write_ack
from cmlentry.services.registry.acks import ACCEPTED, parse_ack
from cmlentry.services.registry.errors import (
    AckTooOld,
    CaseNotHeld,
    NoAckToSend,
    NotARegistry,
    UnknownCentre,
)
from cmlentry.services.registry.query_sync import ack_queries
from cmlentry.services.review import ItemAddress
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.central.models import (
    Acknowledgement,
    CaseVersion,
    CentralCase,
    CentralQuery,
    Centre,
    CentreKey,
    ReceivedBatch,
)
from cmlentry.storage.central.store import CentralStore

log = logging.getLogger(__name__)

_MIN_PREFIX = 8


@dataclass(frozen=True)
class CentralQueryInfo:
    """A query as the registry holds it."""

    id: str
    centre: str
    registry_id: str
    address: ItemAddress
    origin: str
    state: str
    text: str
    raised_by: str
    raised_name: str
    raised_at: str
    answer: str | None
    answered_by: str | None
    answered_name: str | None
    answered_at: str | None
    closed_by: str | None
    closed_name: str | None
    closed_at: str | None
    note: str | None
    updated_at: str

    @property
    def unresolved(self) -> bool:
        return self.state in (OPEN, ANSWERED)


class CentralQueryService:
    """The coordinator's queries in one registry workspace's central store."""

    def __init__(
        self, ws: Workspace, store: CentralStore, definitions: DefinitionSet | None = None
    ) -> None:
        self.ws = ws
        self.store = store
        self.definitions = definitions or installed_definitions()

    def _require(self, permission: Permission) -> None:
        if self.ws.kind != "registry":
            raise NotARegistry()
        self.ws.require(permission)

    # --- reading --------------------------------------------------------------------------------

    def held_cases(self, centre: str | None = None) -> list[str]:
        """The registry IDs of the cases a query may be raised on: those whose current version
        the registry accepted (of one centre, or of all), in order."""
        self._require(Permission.VIEW_CASES)
        query = (
            select(CentralCase.registry_id)
            .join(CaseVersion, CaseVersion.id == CentralCase.current_version_id)
            .where(CaseVersion.outcome == ACCEPTED)
            .order_by(CentralCase.registry_id)
        )
        if centre is not None:
            query = query.join(Centre, Centre.id == CentralCase.centre_id).where(
                Centre.code == centre
            )
        with self.store.read() as session:
            return list(session.scalars(query))

    def list(
        self,
        *,
        centre: str | None = None,
        registry_id: str | None = None,
        states: Iterable[str] | None = None,
    ) -> list[CentralQueryInfo]:
        """The queries of a centre, of a case, in some states (all of them by default),
        oldest first."""
        self._require(Permission.VIEW_CASES)
        query = (
            select(CentralQuery, CentralCase.registry_id, Centre.code)
            .join(CentralCase, CentralCase.id == CentralQuery.case_id)
            .join(Centre, Centre.id == CentralCase.centre_id)
            .order_by(CentralQuery.id)
        )
        if centre is not None:
            query = query.where(Centre.code == centre.strip().upper())
        if registry_id is not None:
            query = query.where(CentralCase.registry_id == registry_id.strip().upper())
        if states is not None:
            query = query.where(CentralQuery.state.in_(list(states)))
        with self.store.read() as session:
            return [_info(row, rid, code) for row, rid, code in session.execute(query)]

    def get(self, query_id: str) -> CentralQueryInfo:
        """One query by its id, or a unique prefix of at least 8 characters."""
        self._require(Permission.VIEW_CASES)
        with self.store.read() as session:
            return self._info(session, _find(session, query_id))

    # --- the coordinator's steps ----------------------------------------------------------------

    def raise_query(self, registry_id: str, address: ItemAddress, text: str) -> CentralQueryInfo:
        """Raise a query on one answer of a case the registry holds.

        Raises:
            NotPermitted, NotARegistry, CaseNotHeld (no accepted version of that case),
            InvalidInput (no such item or row, no text).
        """
        self._require(Permission.RAISE_QUERIES)
        text = _text(text, "The query")
        self._check_address(address)
        user, now = self.ws.user, format_utc(self.ws.clock())
        with self.store.write() as session:
            case = session.scalars(
                select(CentralCase).where(CentralCase.registry_id == registry_id.strip().upper())
            ).one_or_none()
            if case is None or case.current_version_id is None:
                raise CaseNotHeld(registry_id=registry_id.strip().upper())
            row = CentralQuery(
                query_id=str(uuid.uuid4()),
                case_id=case.id,
                form_id=address.form_id,
                group_id=address.group_id,
                row_key=address.row_key,
                item_id=address.item_id,
                origin=REGISTRY,
                state=OPEN,
                text=text,
                raised_by=user.username,
                raised_name=user.printed_name,
                raised_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            info = self._info(session, row)
        where = f"{info.registry_id} {_place(address)}"
        with self.ws.write() as audit:
            record_event(audit, "query_raised", "query", info.id, field="state", new=OPEN,
                         old=None, reason=where)  # fmt: skip
        log.info("registry query raised")
        return info

    def close(self, query_id: str, note: str | None = None) -> CentralQueryInfo:
        """Close an answered query the coordinator raised.

        Raises:
            UnknownQuery, QueryNotYours (another's, or the site's), QueryStateRefused.
        """
        cleaned = (note or "").strip() or None
        if cleaned is not None:
            cleaned = _text(cleaned, "The note")
        return self._finish(query_id, CLOSED, cleaned)

    def cancel(self, query_id: str, note: str) -> CentralQueryInfo:
        """Withdraw an open or answered query the coordinator raised, with a reason.

        Raises:
            UnknownQuery, QueryNotYours, QueryStateRefused, InvalidInput (no reason).
        """
        return self._finish(query_id, CANCELLED, _text(note, "The reason for cancelling"))

    def send(self, centre: str, folder: Path) -> Path:
        """Seal the centre's latest acknowledgement again with the queries of the moment,
        keep it in place of the old one and write it into ``folder`` for the site.

        The site reads it like any acknowledgement: the answers on the batch's cases are
        the same, and the queries are taken (a query already known changes only when closed
        or cancelled here).

        Raises:
            UnknownCentre, NoAckToSend (no batch imported yet), AckTooOld, AckNotWritten.
        """
        self._require(Permission.RAISE_QUERIES)
        code = centre.strip().upper()
        registry = KeyService(self.ws).registry_key_pairs()
        now = self.ws.clock()
        with self.store.write() as session:
            row = session.scalars(select(Centre).where(Centre.code == code)).one_or_none()
            if row is None:
                raise UnknownCentre(centre=code)
            batch = session.scalars(
                select(ReceivedBatch)
                .where(ReceivedBatch.centre_id == row.id)
                .order_by(ReceivedBatch.sequence.desc())
                .limit(1)
            ).first()
            if batch is None:
                raise NoAckToSend(centre=code)
            kept = session.scalars(
                select(Acknowledgement).where(Acknowledgement.batch_id == batch.id)
            ).one()
            if kept.payload is None:
                raise AckTooOld(centre=code, sequence=batch.sequence)
            content = dataclasses.replace(
                parse_ack(kept.payload.encode("utf-8")), queries=ack_queries(session, row.id)
            )
            key_id = _site_key(session, row.id, batch.key_id)
            archive = Recipient(key_id, centres.archive_key(session, key_id))
            data = seal_ack(content, registry, archive, key_time(now))
            kept.file = data
            kept.file_sha256 = container.sha256_hex(data)
            kept.created_at = format_utc(now)
            kept.payload = content.to_bytes().decode("utf-8")
            sequence, count = batch.sequence, len(content.queries)
        with self.ws.write() as audit:
            record_event(audit, "queries_sent", "batch", f"{code}:{sequence}", new=count)
        return write_ack(self.store, code, sequence, folder)

    # --- helpers --------------------------------------------------------------------------------

    def _finish(self, query_id: str, state: str, note: str | None) -> CentralQueryInfo:
        self._require(Permission.RAISE_QUERIES)
        user, now = self.ws.user, format_utc(self.ws.clock())
        with self.store.write() as session:
            row = _find(session, query_id)
            if row.origin != REGISTRY:
                raise SiteQueryClosed()
            if row.raised_by != user.username:
                refused = QueryNotYoursToClose if state == CLOSED else QueryNotYoursToCancel
                raise refused(raised_by=row.raised_name)
            if row.state in (CLOSED, CANCELLED):
                raise QueryFinished()
            if state == CLOSED and row.state != ANSWERED:
                raise QueryNotAnswered()
            old = row.state
            row.state = state
            row.closed_by = user.username
            row.closed_name = user.printed_name
            row.closed_at = now
            row.note = note
            row.updated_at = now
            session.flush()
            info = self._info(session, row)
        with self.ws.write(note) as audit:
            record_event(audit, f"query_{state}", "query", info.id, field="state", old=old,
                         new=state)  # fmt: skip
        return info

    def _check_address(self, address: ItemAddress) -> None:
        form = self.definitions.current.forms_by_id.get(address.form_id)
        group = next((g for g in form.groups if g.id == address.group_id), None) if form else None
        if group is None or address.item_id not in {i.id for i in group.items}:
            raise InvalidInput(field="The item", why="the form has no such question")
        if address.row_key < 1 or (not group.repeating and address.row_key != 1):
            raise InvalidInput(field="The row", why="the form has no such row")

    @staticmethod
    def _info(session: Session, row: CentralQuery) -> CentralQueryInfo:
        case = session.get_one(CentralCase, row.case_id)
        code = session.get_one(Centre, case.centre_id).code
        return _info(row, case.registry_id, code)


def _text(text: str | None, field: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput(field=field, why="it is empty")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(field=field, why=f"it is longer than {MAX_TEXT} characters")
    if not is_xml_text(cleaned):
        raise InvalidInput(field=field, why="it holds a control character")
    return cleaned


def _find(session: Session, query_id: str) -> CentralQuery:
    key = (query_id or "").strip().lower()
    found: list[CentralQuery] = []
    if len(key) == 36:
        found = list(session.scalars(select(CentralQuery).where(CentralQuery.query_id == key)))
    elif len(key) >= _MIN_PREFIX:
        found = list(
            session.scalars(
                select(CentralQuery).where(CentralQuery.query_id.startswith(key)).limit(2)
            )
        )
    if len(found) != 1:
        raise UnknownQuery(query_id=query_id)
    return found[0]


def _site_key(session: Session, centre_id: int, fallback: str) -> str:
    """The key id the site reads acknowledgements with: its newest active key."""
    active = session.scalars(
        select(CentreKey.key_id)
        .where(CentreKey.centre_id == centre_id, CentreKey.revoked_at.is_(None))
        .order_by(CentreKey.id.desc())
        .limit(1)
    ).first()
    return active or fallback


def _place(a: ItemAddress) -> str:
    return f"{a.form_id}/{a.group_id}/{a.row_key}/{a.item_id}"


def _info(row: CentralQuery, registry_id: str, centre: str) -> CentralQueryInfo:
    return CentralQueryInfo(
        row.query_id,
        centre,
        registry_id,
        ItemAddress(row.form_id, row.group_id, row.row_key, row.item_id),
        row.origin,
        row.state,
        row.text,
        row.raised_by,
        row.raised_name,
        row.raised_at,
        row.answer,
        row.answered_by,
        row.answered_name,
        row.answered_at,
        row.closed_by,
        row.closed_name,
        row.closed_at,
        row.note,
        row.updated_at,
    )
