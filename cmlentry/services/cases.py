"""Cases: create under a new pseudonym, list, read, save a form, mark a form complete.

Every write goes through the workspace's audited single-writer path, so each changed answer has
its audit row (old → new, who, when, why) in the same transaction. A form that is complete can
be changed only with a reason. Typed values are stored in their canonical form when they are
valid and as typed otherwise — a keystroke is never thrown away; validation reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cmlentry.domain.forms import Form, FormDefinition
from cmlentry.domain.pseudonym import MAX_SEQUENCE, RegistryId
from cmlentry.domain.roles import Permission
from cmlentry.domain.validation import CaseValues, Issue, blocking, validate_case
from cmlentry.domain.values import Entry, ValueProblem, canonical
from cmlentry.errors import (
    AlreadyImported,
    Cancelled,
    CaseLocked,
    FormNotReady,
    InvalidInput,
    ReasonRequired,
    SequenceExhausted,
    UnknownCase,
)
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import decode_value, format_utc, record_event
from cmlentry.storage.models import (
    AuditEvent,
    Case,
    FormRecord,
    ItemValue,
    Signature,
    Site,
    SourceVerification,
)
from cmlentry.storage.models import Draft as DraftRecord

if TYPE_CHECKING:
    from cmlentry.services.history import FieldChange

DRAFT = "draft"
COMPLETE = "complete"
# Set by the review service: the PI signed the case, which locks it (services/review.py).
SIGNED = "signed"
# Set by batches (services/batches): the case went to the registry in a batch, and the
# registry's acknowledgement accepted it. Any later change to its record brings it back to
# signed (still locked) or, unsigned, to draft/complete.
EXPORTED = "exported"
ACKNOWLEDGED = "acknowledged"
_SENT = (EXPORTED, ACKNOWLEDGED)
SINGLE_ROW = 1


@dataclass(frozen=True)
class RowData:
    """One row of a group; ``key`` is None for a row not yet saved."""

    key: int | None
    entries: Mapping[str, Entry]


@dataclass(frozen=True)
class FormData:
    form_id: str
    status: str
    definition_version: str
    groups: Mapping[str, Sequence[RowData]] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseData:
    registry_id: str
    status: str
    forms: Mapping[str, FormData]

    def values(self) -> CaseValues:
        return {
            form_id: {g: [row.entries for row in rows] for g, rows in form.groups.items()}
            for form_id, form in self.forms.items()
        }


@dataclass(frozen=True)
class CaseSummary:
    registry_id: str
    status: str
    form_a_reason: str | None
    updated_at: str
    forms_complete: int
    forms_total: int
    open_errors: int
    open_warnings: int
    locked: bool = False
    open_queries: int = 0
    answered_queries: int = 0


@dataclass(frozen=True)
class SaveResult:
    changed: int
    issues: list[Issue]
    form_status: str


NewCase = Mapping[str, Mapping[str, Sequence[RowData]]]
"""The answers of a case being imported: form id -> group id -> rows."""


@dataclass(frozen=True)
class ImportSource:
    """The file imported cases come from; its SHA-256 keeps it from being imported twice.

    Only the kind and the hash go into the audit trail, never ``name``: the trail travels with
    every batch, and a site's file name may well be a patient's name.
    """

    name: str
    sha256: str
    kind: str = "spreadsheet"
    allow_repeat: bool = False


@dataclass(frozen=True)
class CreatedCase:
    """One imported case: its new registry ID and every finding of the validation."""

    registry_id: str
    issues: list[Issue]


class CaseService:
    def __init__(
        self,
        ws: Workspace,
        definitions: DefinitionSet | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.ws = ws
        self.definitions = definitions or installed_definitions()
        self._today = today

    @property
    def definition(self) -> FormDefinition:
        return self.definitions.current

    def today(self) -> dt.date:
        """The local date: a date typed as today just after midnight is not in the future."""
        return self._today or self.ws.clock().astimezone().date()

    # --- reading ------------------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        """Every case with what the case list shows, in registry order."""
        self.ws.require(Permission.VIEW_CASES)
        total = len(self.definition.forms)
        # Plain columns, not ORM objects: 29 ms instead of 137 ms for 10,000 cases (bench).
        query = select(
            Case.registry_id,
            Case.status,
            Case.form_a_reason,
            Case.updated_at,
            Case.forms_complete,
            Case.open_errors,
            Case.open_warnings,
            Case.locked,
            Case.open_queries,
            Case.answered_queries,
        ).order_by(Case.sequence)
        with self.ws.db.read() as session:
            return [
                CaseSummary(rid, status, reason, updated, done, total, *rest)
                for rid, status, reason, updated, done, *rest in session.execute(query)
            ]

    def get_case(self, registry_id: str) -> CaseData:
        self.ws.require(Permission.VIEW_CASES)
        with self.ws.db.read() as session:
            case = self._case(session, registry_id)
            return self._load(session, case)

    def validate(self, registry_id: str) -> list[Issue]:
        data = self.get_case(registry_id)
        return validate_case(self.definition, data.values(), self.today())

    @staticmethod
    def _case(session: Session, registry_id: str) -> Case:
        key = str(RegistryId.parse(registry_id))  # a mistyped ID says so, by its check character
        case = session.scalars(select(Case).where(Case.registry_id == key)).one_or_none()
        if case is None:
            raise UnknownCase(registry_id=key)
        return case

    def _load(self, session: Session, case: Case) -> CaseData:
        records = {
            r.form_id: r
            for r in session.scalars(select(FormRecord).where(FormRecord.case_id == case.id))
        }
        rows: dict[tuple[str, str], dict[int, tuple[int, dict[str, Entry]]]] = {}
        # Plain columns, not ORM objects: every save reloads the case, and this is 3x faster.
        # (The session's pending changes are flushed first, so what is read is what is saved.)
        values = session.execute(
            select(
                ItemValue.form_id,
                ItemValue.group_id,
                ItemValue.row_key,
                ItemValue.row_order,
                ItemValue.item_id,
                ItemValue.value,
                ItemValue.missing,
                ItemValue.override,
            )
            .where(ItemValue.case_id == case.id)
            .order_by(ItemValue.row_order, ItemValue.row_key)
        )
        for form_id, group_id, row_key, row_order, item_id, value, missing, override in values:
            group_rows = rows.setdefault((form_id, group_id), {})
            _order, entries = group_rows.setdefault(row_key, (row_order, {}))
            entries[item_id] = Entry(value, missing, override)  # type: ignore[arg-type]
        forms: dict[str, FormData] = {}
        for current in self.definition.forms:
            record = records.get(current.id)
            # A form is read with the definition it was entered under, and every stored answer
            # is returned, whether or not a later definition still asks for it.
            entered_under = (
                self.definitions.version(record.definition_version) if record else self.definition
            )
            form = entered_under.forms_by_id.get(current.id, current)
            group_ids = [g.id for g in form.groups] + [
                g for (f, g) in rows if f == form.id and g not in {x.id for x in form.groups}
            ]
            groups = {
                group_id: [
                    RowData(key, entries)
                    for key, (_o, entries) in sorted(
                        rows.get((form.id, group_id), {}).items(), key=lambda kv: kv[1][0]
                    )
                ]
                for group_id in group_ids
            }
            forms[form.id] = FormData(
                form.id,
                record.status if record else DRAFT,
                record.definition_version if record else self.definition.version,
                groups,
            )
        return CaseData(case.registry_id, case.status, forms)

    # --- writing ------------------------------------------------------------------------------

    def create_case(self) -> str:
        """Register a new case under the centre's next registry ID; return the ID."""
        self.ws.require(Permission.ENTER_DATA)
        now = format_utc(self.ws.clock())
        with self.ws.write() as session:
            case = self._insert_case(session, now)
            self._refresh(session, case, changed=True)
        return case.registry_id

    def _insert_case(self, session: Session, now: str) -> Case:
        """A new draft case under the centre's next registry ID, inside the caller's transaction."""
        site = session.get_one(Site, 1)
        last = session.scalar(select(func.max(Case.sequence))) or 0
        if last >= MAX_SEQUENCE:
            raise SequenceExhausted()
        registry_id = str(RegistryId(site.country, site.centre_code, last + 1))
        session.add(
            Case(
                registry_id=registry_id,
                sequence=last + 1,
                status=DRAFT,
                created_at=now,
                updated_at=now,
                forms_complete=0,
                open_errors=0,
                open_warnings=0,
            )
        )
        session.flush()
        return session.scalars(select(Case).where(Case.registry_id == registry_id)).one()

    def save_form(
        self,
        registry_id: str,
        form_id: str,
        groups: Mapping[str, Sequence[RowData]],
        reason: str | None = None,
    ) -> SaveResult:
        """Replace the answers of one form with ``groups`` (missing rows are removed).

        One transaction: the answers, their audit rows, the case's state, and the removal of
        the acting user's draft of this form (a saved form never leaves a stale draft behind;
        a refused save keeps it). A complete form needs ``reason`` for any change.
        """
        self.ws.require(Permission.ENTER_DATA)
        form = self.definition.forms_by_id.get(form_id)
        if form is None:
            raise InvalidInput(field="The form", why=f"there is no form '{form_id}'")
        reason = (reason or "").strip() or None
        now = format_utc(self.ws.clock())
        with self.ws.write(reason) as session:
            case = self._case(session, registry_id)
            refuse_locked(session, case)
            record = self._record(session, case, form_id)
            changed = self._apply(session, case, form_id, groups, record)
            if changed and record.status == COMPLETE and reason is None:
                raise ReasonRequired(form=form.label)
            if changed:
                case.updated_at = record.updated_at = now
            issues = self._refresh(session, case, changed=bool(changed))
            if record.status == COMPLETE and any(blocking(issues, form_id)):
                record.status = DRAFT
                self._refresh(session, case)
            status = record.status
            self._discard_draft(session, case.registry_id, form_id)
        return SaveResult(changed, [i for i in issues if i.form == form_id], status)

    def mark_complete(self, registry_id: str, form_id: str, reason: str | None = None) -> None:
        """Mark a form complete; refused while hard errors or un-overridden warnings remain."""
        self.ws.require(Permission.ENTER_DATA)
        form = self._form(form_id)
        with self.ws.write(reason) as session:
            case = self._case(session, registry_id)
            refuse_locked(session, case)
            values = self._load(session, case).values()
            issues = validate_case(self.definition, values, self.today())
            remaining = list(blocking(issues, form_id))
            if remaining:
                raise FormNotReady(
                    form=form.label, count=len(remaining), first=remaining[0].message
                )
            record = self._record(session, case, form_id)
            record.status = COMPLETE
            record.updated_at = case.updated_at = format_utc(self.ws.clock())
            # A status is not an answer: the answers and findings just read still hold.
            self._refresh(session, case, (values, issues), changed=True)

    def _discard_draft(self, session: Session, registry_id: str, form_id: str) -> None:
        """Delete the acting user's draft of the form, in the caller's transaction."""
        session.execute(
            delete(DraftRecord).where(
                DraftRecord.user_id == self.ws.user.id,
                DraftRecord.registry_id == registry_id,
                DraftRecord.form_id == form_id,
            )
        )

    # --- history --------------------------------------------------------------------------------

    def history(
        self, registry_id: str, form_id: str, group_id: str, row_key: int, item_id: str
    ) -> list[FieldChange]:
        """Every change of one answer, oldest first (see :func:`.history.field_history`)."""
        from cmlentry.services.history import field_history

        return field_history(self.ws, registry_id, form_id, group_id, row_key, item_id)

    def form_history(self, registry_id: str, form_id: str) -> list[FieldChange]:
        """The status changes of one form, oldest first (see :func:`.history.form_history`)."""
        from cmlentry.services.history import form_history

        return form_history(self.ws, registry_id, form_id)

    # --- importing many cases in one transaction ---------------------------------------------

    def import_cases(
        self,
        cases: Sequence[NewCase],
        source: ImportSource,
        *,
        progress: Callable[[int, int], None] = lambda _done, _total: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> list[CreatedCase]:
        """Create ``cases`` with their answers, all in ONE transaction: every case or none.

        Each case gets the centre's next registry ID and stays a draft; the findings of the
        validation are returned, not enforced (a person resolves them in the case editor). The
        audit rows carry the reason "imported from a <kind> (SHA-256 …)", and one ``import``
        event records the file's SHA-256 and the cases made, so the same file is refused a
        second time unless ``source.allow_repeat``. ``cancelled`` is polled between cases;
        cancelling rolls everything back.
        """
        self.ws.require(Permission.ENTER_DATA)
        for forms in cases:
            for form_id in forms:
                if form_id not in self.definition.forms_by_id:
                    raise InvalidInput(field="The form", why=f"there is no form '{form_id}'")
        now = format_utc(self.ws.clock())
        created: list[CreatedCase] = []
        reason = f"imported from a {source.kind} (SHA-256 {source.sha256[:16]})"
        with self.ws.write(reason) as session:
            if not source.allow_repeat:
                self._refuse_repeat(session, source)
            for done, forms in enumerate(cases, start=1):
                if cancelled():
                    raise Cancelled()
                case = self._insert_case(session, now)
                for form_id, groups in forms.items():
                    record = self._record(session, case, form_id)
                    if self._apply(session, case, form_id, groups, record):
                        case.updated_at = record.updated_at = now
                issues = self._refresh(session, case, changed=True)
                created.append(CreatedCase(case.registry_id, issues))
                progress(done, len(cases))
            record_event(
                session,
                "import",
                "file",
                source.sha256,
                new={"kind": source.kind, "cases": [c.registry_id for c in created]},
            )
        return created

    @staticmethod
    def _refuse_repeat(session: Session, source: ImportSource) -> None:
        earlier = session.execute(
            select(AuditEvent.at_utc, AuditEvent.new_value)
            .where(
                AuditEvent.entity == "file",
                AuditEvent.entity_id == source.sha256,
                AuditEvent.action == "import",
            )
            .order_by(AuditEvent.seq)
            .limit(1)
        ).first()
        if earlier is not None:
            details = decode_value(earlier.new_value)
            made = details.get("cases", []) if isinstance(details, dict) else []
            raise AlreadyImported(file=source.name, when=earlier.at_utc[:10], count=len(made))

    def _form(self, form_id: str) -> Form:
        form = self.definition.forms_by_id.get(form_id)
        if form is None:
            raise InvalidInput(field="The form", why=f"there is no form '{form_id}'")
        return form

    def refuse_unknown(self, form_id: str, groups: Mapping[str, Sequence[RowData]]) -> None:
        """Raise :class:`InvalidInput` for a form, group or item id no installed version has.

        The drafts service checks what it autosaves with it, as :meth:`save_form` does.
        """
        self._refuse_unknown(form_id, groups)

    def _refuse_unknown(self, form_id: str, groups: Mapping[str, Sequence[RowData]]) -> None:
        """A mistyped group or item id would otherwise lose its answer without a word.

        Ids that an older installed version of the form has are accepted (and their stored
        answers kept as they are): a form read under version 1.0 may be saved under 1.1.
        """
        self._form(form_id)
        known: dict[str, set[str]] = {}
        for definition in self.definitions.by_version.values():
            older = definition.forms_by_id.get(form_id)
            for group in older.groups if older else ():
                known.setdefault(group.id, set()).update(i.id for i in group.items)
        for group_id, rows in groups.items():
            if group_id not in known:
                raise InvalidInput(
                    field="The group", why=f"the form '{form_id}' has no group '{group_id}'"
                )
            for row in rows:
                for item_id in row.entries:
                    if item_id not in known[group_id]:
                        raise InvalidInput(
                            field="The item", why=f"the group '{group_id}' has no item '{item_id}'"
                        )

    def _record(self, session: Session, case: Case, form_id: str) -> FormRecord:
        record = session.scalars(
            select(FormRecord).where(FormRecord.case_id == case.id, FormRecord.form_id == form_id)
        ).one_or_none()
        if record is None:
            record = FormRecord(
                case_id=case.id,
                form_id=form_id,
                definition_version=self.definition.version,
                status=DRAFT,
                updated_at=format_utc(self.ws.clock()),
                next_row_key=1,
            )
            session.add(record)
            session.flush()
        return record

    def _apply(
        self,
        session: Session,
        case: Case,
        form_id: str,
        groups: Mapping[str, Sequence[RowData]],
        record: FormRecord,
    ) -> int:
        """Write the differences between stored answers and ``groups`` into the form's
        ``record``; return how many."""
        form = self._form(form_id)
        self._refuse_unknown(form_id, groups)
        stored = {
            (v.group_id, v.row_key, v.item_id): v
            for v in session.scalars(
                select(ItemValue).where(ItemValue.case_id == case.id, ItemValue.form_id == form_id)
            )
        }
        # Row keys are never reused, not even after the last row was deleted: the audit trail
        # names answers by their row key.
        next_key = max(record.next_row_key, 1 + max((k for (_g, k, _i) in stored), default=0))
        stored_rows = {(g, k) for (g, k, _i) in stored}
        wanted: dict[tuple[str, int, str], tuple[int, Entry]] = {}
        for group in form.groups:
            rows = list(groups.get(group.id, ()))
            if not group.repeating:
                rows = [RowData(SINGLE_ROW, rows[0].entries if rows else {})]
            for order, row in enumerate(rows, start=1):
                key = row.key
                # A key this group does not hold (a row deleted since, say, a draft was made)
                # is a new row: reviving the old key would give two rows one audit identity.
                if key is None or (group.repeating and (group.id, key) not in stored_rows):
                    key, next_key = next_key, next_key + 1
                for item in group.items:
                    entry = row.entries.get(item.id)
                    if entry is not None and not entry.is_empty and item.type != "derived":
                        wanted[(group.id, key, item.id)] = (order, self._clean(item.id, entry))
        record.next_row_key = next_key
        asked = {(g.id, i.id) for g in form.groups for i in g.items}
        changed = 0
        touched: list[tuple[str, int, str]] = []
        for address, value in stored.items():
            group_id, _key, item_id = address
            # Answers to items this definition no longer asks for are kept untouched.
            if address not in wanted and (group_id, item_id) in asked:
                session.delete(value)
                touched.append(address)
                changed += 1
        for (group_id, key, item_id), (order, entry) in wanted.items():
            current = stored.get((group_id, key, item_id))
            if current is None:
                record.definition_version = self.definition.version
                session.add(
                    ItemValue(
                        case_id=case.id,
                        form_id=form_id,
                        group_id=group_id,
                        row_key=key,
                        row_order=order,
                        item_id=item_id,
                        value=entry.value,
                        missing=entry.missing,
                        override=entry.override,
                        definition_version=self.definition.version,
                    )
                )
                changed += 1
            elif (current.value, current.missing, current.override) != (
                entry.value,
                entry.missing,
                entry.override,
            ):
                current.value, current.missing, current.override = (
                    entry.value,
                    entry.missing,
                    entry.override,
                )
                current.definition_version = self.definition.version
                touched.append((group_id, key, item_id))
                changed += 1
            if current is not None and current.row_order != order:
                current.row_order = order
        session.flush()
        _clear_verifications(session, case, form_id, touched)
        return changed

    def _clean(self, item_id: str, entry: Entry) -> Entry:
        """The canonical form of a valid typed value; anything else is kept exactly as typed."""
        override = (entry.override or "").strip() or None
        if entry.value is None:
            return Entry(None, entry.missing, override)
        try:
            value = canonical(self.definition.item(item_id), entry.value)
        except ValueProblem:
            value = entry.value
        return Entry(value, None, override)

    def _refresh(
        self,
        session: Session,
        case: Case,
        known: tuple[CaseValues, list[Issue]] | None = None,
        *,
        changed: bool = False,
    ) -> list[Issue]:
        """Recompute what the case list shows: completeness, findings, Form A reason, status.

        ``known`` is the case's answers and findings when the caller has just loaded and
        validated them and changed no answer since (marking a form complete changes a status).
        ``changed``: this transaction changed the case's record, so its revision grows and a
        case already sent to the registry is back to draft or complete until sent again.
        """
        if changed:
            case.revision = (case.revision or 0) + 1
            if case.status in _SENT:
                case.status = SIGNED if case.locked else COMPLETE
        session.flush()
        if known is None:
            values = self._load(session, case).values()
            issues = validate_case(self.definition, values, self.today())
        else:
            values, issues = known
        statuses = {
            form_id: status
            for form_id, status in session.execute(
                select(FormRecord.form_id, FormRecord.status).where(FormRecord.case_id == case.id)
            )
        }
        complete = sum(1 for f in self.definition.forms if statuses.get(f.id) == COMPLETE)
        reason_rows = values.get("registration", {}).get("registration", [])
        reason = reason_rows[0].get("form_a_reason") if reason_rows else None
        case.forms_complete = complete
        case.open_errors = sum(1 for i in issues if i.severity == "hard")
        case.open_warnings = sum(1 for i in issues if i.severity == "soft" and i.blocks)
        case.form_a_reason = reason.value if reason else None
        if case.status in (DRAFT, COMPLETE, SIGNED):
            if case.locked:
                case.status = SIGNED
            else:
                case.status = COMPLETE if complete == len(self.definition.forms) else DRAFT
        return issues


def refuse_locked(session: Session, case: Case) -> None:
    """Raise :class:`CaseLocked` if ``case`` has a current signature (see services/review.py)."""
    if not case.locked:
        return
    signature = session.scalars(
        select(Signature)
        .where(Signature.case_id == case.id, Signature.revoked_at.is_(None))
        .order_by(Signature.id.desc())
        .limit(1)
    ).first()
    signer = signature.printed_name if signature else "the principal investigator"
    when = signature.signed_at[:10] if signature else "an earlier date"
    raise CaseLocked(registry_id=case.registry_id, signer=signer, when=when)


def _clear_verifications(
    session: Session, case: Case, form_id: str, touched: Sequence[tuple[str, int, str]]
) -> None:
    """Delete the "verified against source" marks of answers just changed or removed.

    Deleted through the ORM, one by one, so that each removal has its audit row in this very
    transaction: a mark never survives the change of the value it vouched for.
    """
    if not touched:
        return
    wanted = set(touched)
    marks = session.scalars(
        select(SourceVerification).where(
            SourceVerification.case_id == case.id, SourceVerification.form_id == form_id
        )
    )
    for mark in marks:
        if (mark.group_id, mark.row_key, mark.item_id) in wanted:
            session.delete(mark)
    session.flush()
