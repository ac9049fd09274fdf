"""The PI's review: the review queue, source-data verification, e-signatures and unlocking.

A signature (security.md §3) needs the signer's user name and password again
(:meth:`Workspace.confirm_identity`), and stores the printed name, the UTC time, the meaning
("I confirm these data are accurate and complete"), the SHA-256 of the signed content (the case's
ID, form definition and every stored answer: ``record.content_sha256``) and the SHA-256 of the
binding statement {case, signer, name, time, meaning, content hash}. :meth:`check_signature`
recomputes both from the case as stored now: a signature row moved to another case, or an answer
changed behind the application's back, no longer verifies.

A current signature **locks** the case (``Case.locked``; :func:`.cases.refuse_locked` refuses
every save). :meth:`unlock` needs a reason and drops the signature (the row is kept with who,
when and why: the trail and the case's signature list show it). Source-data verification marks
are per answer; the case service deletes a mark, audited, in the transaction that changes or
removes its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from cmlentry.domain.roles import Permission
from cmlentry.domain.validation import validate_case
from cmlentry.errors import (
    AlreadySigned,
    HasErrors,
    InvalidInput,
    NotComplete,
    NotSigned,
    OpenQueries,
    SignatureAltered,
    SignatureInvalid,
    SignatureMoved,
    SignedContentChanged,
)
from cmlentry.services.batches.record import binding_sha256, content_sha256, record_of
from cmlentry.services.cases import COMPLETE, CaseService
from cmlentry.services.history import FORM_ENTITY, case_changes
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.models import (
    AuditEvent,
    Case,
    ItemValue,
    Query,
    Signature,
    SourceVerification,
)

MEANING_APPROVAL = "I confirm these data are accurate and complete"
MEANINGS: tuple[str, ...] = (MEANING_APPROVAL,)


class ItemAddress(NamedTuple):
    """One answer of a case (``row_key`` 1 in a group that does not repeat)."""

    form_id: str
    group_id: str
    row_key: int
    item_id: str


@dataclass(frozen=True)
class SignatureInfo:
    registry_id: str
    username: str
    printed_name: str
    role: str
    meaning: str
    signed_at: str
    content_sha256: str
    revoked_at: str | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None


@dataclass(frozen=True)
class Verification:
    """One answer marked "verified against source", by whom and when (UTC)."""

    address: ItemAddress
    username: str
    printed_name: str
    at_utc: str


@dataclass(frozen=True)
class Change:
    """One audited change of a case since its last signature."""

    at_utc: str
    username: str
    printed_name: str
    form_id: str
    form_label: str
    group_id: str
    row_key: int
    item_id: str
    item_label: str
    field: str
    old: str | None
    new: str | None
    reason: str | None


@dataclass(frozen=True)
class ReviewEntry:
    """One row of the PI's review queue."""

    registry_id: str
    status: str
    updated_at: str
    forms_complete: int
    forms_total: int
    open_queries: int
    answered_queries: int
    verified: int
    answers: int
    last_signed_at: str | None
    last_signed_by: str | None
    changes_since_signature: int
    ready: bool
    why_not: str | None  # in English, for the command line; a screen builds its own from:
    errors: int = 0  # hard errors to fix
    blocking_queries: int = 0  # open queries, and answered ones raised here (not yet closed)


class ReviewService:
    def __init__(self, ws: Workspace, cases: CaseService) -> None:
        self.ws = ws
        self.cases = cases

    # --- the queue ------------------------------------------------------------------------------

    def queue(self) -> list[ReviewEntry]:
        """Complete cases waiting for a signature, in registry order, with what the PI needs."""
        self.ws.require(Permission.VIEW_CASES)
        total = len(self.cases.definition.forms)
        with self.ws.db.read() as session:
            waiting = list(
                session.scalars(
                    select(Case)
                    .where(Case.status == COMPLETE, Case.locked.is_(False))
                    .order_by(Case.sequence)
                )
            )
            ids = [c.id for c in waiting]
            answers = _count_by_case(session, ItemValue.case_id, ids)
            verified = _count_by_case(session, SourceVerification.case_id, ids)
            last = _last_signatures(session, ids)
            blocking = _blocking_by_case(session, ids)
            entries = []
            for case in waiting:
                previous = last.get(case.id)
                # Only a case signed before has "changes since": one index range of its own
                # audit rows after that signature (a never-signed case reads nothing).
                changed = (
                    {
                        entity_id
                        for entity, entity_id, _c in case_changes(
                            session, case.id, previous.audit_seq
                        )
                        if entity != FORM_ENTITY
                    }
                    if previous
                    else set()
                )
                why = _why_not(case, blocking.get(case.id, 0))
                entries.append(
                    ReviewEntry(
                        case.registry_id,
                        case.status,
                        case.updated_at,
                        case.forms_complete,
                        total,
                        case.open_queries,
                        case.answered_queries,
                        verified.get(case.id, 0),
                        answers.get(case.id, 0),
                        previous.signed_at if previous else None,
                        previous.printed_name if previous else None,
                        len(changed) if previous else 0,
                        why is None,
                        why,
                        case.open_errors,
                        blocking.get(case.id, 0),
                    )
                )
        return entries

    def changes_since_signature(self, registry_id: str) -> list[Change]:
        """Every change of answers and form statuses since the case's last signature (all of
        them when it was never signed), oldest first."""
        self.ws.require(Permission.VIEW_CASES)
        definition = self.cases.definition
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            previous = _last_signatures(session, [case.id]).get(case.id)
            rows = case_changes(session, case.id, previous.audit_seq if previous else 0)
        changes = []
        for _entity, entity_id, c in rows:
            parts = entity_id.split(":")
            form_id = parts[1]
            group_id, row_key, item_id = "", 0, ""  # a form's status change names no answer
            if len(parts) == 5:
                group_id, row_key, item_id = parts[2], int(parts[3]), parts[4]
            form = definition.forms_by_id.get(form_id)
            try:
                item_label = definition.item(item_id).label if item_id else ""
            except KeyError:
                item_label = item_id
            changes.append(
                Change(
                    c.at_utc,
                    c.username,
                    c.printed_name,
                    form_id,
                    form.label if form else form_id,
                    group_id,
                    row_key,
                    item_id,
                    item_label,
                    c.field,
                    c.old,
                    c.new,
                    c.reason,
                )
            )
        return changes

    # --- signatures -----------------------------------------------------------------------------

    def signature(self, registry_id: str) -> SignatureInfo | None:
        """The case's current signature, or None."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            current = _current(session, case.id)
            return _info(current) if current else None

    def signatures(self, registry_id: str) -> list[SignatureInfo]:
        """Every signature the case ever had, oldest first (dropped ones with who and why)."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            rows = session.scalars(
                select(Signature).where(Signature.case_id == case.id).order_by(Signature.id)
            )
            return [_info(s) for s in rows]

    def check_signature(self, registry_id: str) -> SignatureInfo:
        """Recompute the current signature's binding from the case as stored now.

        Raises:
            NotSigned: the case has no current signature.
            SignatureInvalid: the signature belongs to another case, or the content changed.
        """
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            current = _current(session, case.id)
            if current is None:
                raise NotSigned(registry_id=case.registry_id)
            problem = self._problem(session, case, current)
            if problem is not None:
                raise problem(registry_id=case.registry_id)
            return _info(current)

    def sign(
        self, registry_id: str, username: str, password: str, meaning: str = MEANING_APPROVAL
    ) -> SignatureInfo:
        """Sign the case as the signed-in PI, who types user name and password again.

        Refused, with nothing signed, unless the user may sign, the meaning is one of
        :data:`MEANINGS`, the case is complete with no hard error and not signed, and no query
        blocks it (open ones, and answered ones raised at this site, which whoever raised them
        closes first). The identity check comes last: it costs a second and counts failures.

        Raises:
            NotPermitted, NotSignable, OpenQueries, WrongCredentials, LoginDelayed,
            AccountLocked, UnknownCase.
        """
        self.ws.require(Permission.SIGN_CASES)
        if meaning not in MEANINGS:
            raise InvalidInput(field="The meaning of the signature", why="it is not one offered")
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            self._refuse_unsignable(session, case)
        self.ws.confirm_identity(username, password, purpose=f"signature of {case.registry_id}")
        user = self.ws.user
        with self.ws.write() as session:
            case = self.cases._case(session, registry_id)
            self._refuse_unsignable(session, case)  # again: the state may have moved meanwhile
            content = self._content_sha256(session, case)
            signed_at = format_utc(self.ws.clock())
            last_seq = session.scalar(select(func.max(AuditEvent.seq))) or 0
            signature = Signature(
                case_id=case.id,
                registry_id=case.registry_id,
                signer_id=user.id,
                signer_username=user.username,
                printed_name=user.printed_name,
                role=user.role.value,
                meaning=meaning,
                signed_at=signed_at,
                content_sha256=content,
                binding_sha256=binding_sha256(
                    case.registry_id, user.username, user.printed_name, signed_at, meaning, content
                ),
                audit_seq=last_seq,
            )
            session.add(signature)
            case.locked = True
            self.cases._refresh(session, case, changed=True)
            info = _info(signature)
        return info

    def unlock(self, registry_id: str, reason: str) -> None:
        """Drop the case's signature, with a reason, so that it can be changed again.

        Raises:
            NotPermitted, InvalidInput (no reason), NotSigned, UnknownCase.
        """
        self.ws.require(Permission.SIGN_CASES)
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput(field="The reason", why="unlocking a signed case needs one")
        with self.ws.write(reason) as session:
            case = self.cases._case(session, registry_id)
            current = _current(session, case.id)
            if current is None:
                raise NotSigned(registry_id=case.registry_id)
            current.revoked_at = format_utc(self.ws.clock())
            current.revoked_by = self.ws.user.printed_name
            current.revoke_reason = reason
            case.locked = False
            self.cases._refresh(session, case, changed=True)

    # --- source-data verification ---------------------------------------------------------------

    def verifications(self, registry_id: str) -> dict[ItemAddress, Verification]:
        """The case's "verified against source" marks, by answer."""
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self.cases._case(session, registry_id)
            marks = session.scalars(
                select(SourceVerification).where(SourceVerification.case_id == case.id)
            )
            found = {}
            for m in marks:
                address = ItemAddress(m.form_id, m.group_id, m.row_key, m.item_id)
                found[address] = Verification(address, m.username, m.printed_name, m.at_utc)
            return found

    def set_verified(self, registry_id: str, address: ItemAddress, verified: bool) -> None:
        """Mark one stored answer verified against source, or take the mark away (audited).

        Raises:
            NotPermitted, UnknownCase, InvalidInput (no such stored answer).
        """
        self.ws.require(Permission.VERIFY_SOURCE)
        with self.ws.write() as session:
            case = self.cases._case(session, registry_id)
            where = (
                SourceVerification.case_id == case.id,
                SourceVerification.form_id == address.form_id,
                SourceVerification.group_id == address.group_id,
                SourceVerification.row_key == address.row_key,
                SourceVerification.item_id == address.item_id,
            )
            mark = session.scalars(select(SourceVerification).where(*where)).one_or_none()
            if not verified:
                if mark is not None:
                    session.delete(mark)
                return
            if mark is not None:
                return
            stored = session.scalar(
                select(func.count())
                .select_from(ItemValue)
                .where(
                    ItemValue.case_id == case.id,
                    ItemValue.form_id == address.form_id,
                    ItemValue.group_id == address.group_id,
                    ItemValue.row_key == address.row_key,
                    ItemValue.item_id == address.item_id,
                )
            )
            if not stored:
                raise InvalidInput(
                    field="The answer",
                    why="only a saved answer can be marked verified against source",
                )
            session.add(
                SourceVerification(
                    case_id=case.id,
                    form_id=address.form_id,
                    group_id=address.group_id,
                    row_key=address.row_key,
                    item_id=address.item_id,
                    username=self.ws.user.username,
                    printed_name=self.ws.user.printed_name,
                    at_utc=format_utc(self.ws.clock()),
                )
            )

    # --- helpers --------------------------------------------------------------------------------

    def _content_sha256(self, session: Session, case: Case) -> str:
        record = record_of(self.cases._load(session, case), self.cases.definition.oid)
        return content_sha256(record)

    def _refuse_unsignable(self, session: Session, case: Case) -> None:
        if case.locked:
            raise AlreadySigned(registry_id=case.registry_id)
        if case.status != COMPLETE:
            raise NotComplete(registry_id=case.registry_id)
        blocking = _blocking_queries(session, case.id)
        if blocking:
            raise OpenQueries(registry_id=case.registry_id, count=blocking)
        values = self.cases._load(session, case).values()
        issues = validate_case(self.cases.definition, values, self.cases.today())
        if any(i.severity == "hard" for i in issues):
            raise HasErrors(registry_id=case.registry_id)

    def _problem(
        self, session: Session, case: Case, signature: Signature
    ) -> type[SignatureInvalid] | None:
        """Which way the signature fails to bind to the case as stored now, or None."""
        if signature.registry_id != case.registry_id:
            return SignatureMoved
        content = self._content_sha256(session, case)
        if content != signature.content_sha256:
            return SignedContentChanged
        binding = binding_sha256(
            case.registry_id,
            signature.signer_username,
            signature.printed_name,
            signature.signed_at,
            signature.meaning,
            content,
        )
        if binding != signature.binding_sha256:
            return SignatureAltered
        return None


def _why_not(case: Case, blocking_queries: int) -> str | None:
    """Why the queue's case cannot be signed now (the sentence the PI reads), or None."""
    if case.open_errors:
        return f"{_count(case.open_errors, 'error')} to fix"
    if blocking_queries:
        return f"{_count(blocking_queries, 'query', 'queries')} to answer or close"
    return None


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# Queries that keep a case from being signed: open ones, and answered ones raised at this site
# (whoever raised them reads the answer and closes them first). An answered registry query does
# not: its answer reaches the registry in the next batch, which only a signed case joins.
_BLOCKING = (Query.state == "open") | ((Query.state == "answered") & (Query.origin == "site"))


def _blocking_queries(session: Session, case_id: int) -> int:
    return _blocking_by_case(session, [case_id]).get(case_id, 0)


def _blocking_by_case(session: Session, case_ids: list[int]) -> dict[int, int]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(Query.case_id, func.count())
        .where(Query.case_id.in_(case_ids), _BLOCKING)
        .group_by(Query.case_id)
    )
    return {case_id: count for case_id, count in rows}


def _current(session: Session, case_id: int) -> Signature | None:
    return session.scalars(
        select(Signature)
        .where(Signature.case_id == case_id, Signature.revoked_at.is_(None))
        .order_by(Signature.id.desc())
        .limit(1)
    ).first()


def _last_signatures(session: Session, case_ids: list[int]) -> dict[int, Signature]:
    """The latest signature (current or dropped) of each case."""
    if not case_ids:
        return {}
    last: dict[int, Signature] = {}
    for s in session.scalars(
        select(Signature).where(Signature.case_id.in_(case_ids)).order_by(Signature.id)
    ):
        last[s.case_id] = s
    return last


def _count_by_case(
    session: Session, column: InstrumentedAttribute[int], case_ids: list[int]
) -> dict[int, int]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(column, func.count()).where(column.in_(case_ids)).group_by(column)
    )
    return {case_id: count for case_id, count in rows}


def _info(s: Signature) -> SignatureInfo:
    return SignatureInfo(
        s.registry_id,
        s.signer_username,
        s.printed_name,
        s.role,
        s.meaning,
        s.signed_at,
        s.content_sha256,
        s.revoked_at,
        s.revoked_by,
        s.revoke_reason,
    )
