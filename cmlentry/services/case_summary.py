"""The case summary for the site file: one case as a person reads it, its review and signature.

:class:`CaseSummaryService` gathers what the printed summary shows into frozen dataclasses
(:class:`CaseSummaryDoc`): every form with its status and definition version, each stored answer
with its item's label, code-list label, missing-data code in words and override reason, the
calculated values, the source-verification marks, the queries, the current signature (and whether
it still verifies) and the signatures dropped by an unlock. :mod:`.pdf_summary` draws it.

The summary is pseudonymised: the local identification list (names, birth date, hospital number)
is never read here, so nothing identifying can reach the printout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cmlentry import __version__
from cmlentry.domain.derived import Derived, DerivedKey, derive
from cmlentry.domain.forms import FormDefinition, Group, Item
from cmlentry.domain.roles import Permission
from cmlentry.domain.values import Entry
from cmlentry.errors import NotSigned, SignatureInvalid
from cmlentry.fileio import atomic_write_bytes
from cmlentry.services.cases import CaseData, CaseService, FormData, RowData
from cmlentry.services.queries import QueryInfo, QueryService
from cmlentry.services.review import ItemAddress, ReviewService, SignatureInfo, Verification
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.models import Site

# The printout is for the site file: readable by the site, and by nobody else on a shared PC.
PDF_MODE = 0o600


@dataclass(frozen=True)
class Mark:
    """A source-data verification mark as printed: who verified the answer, and when (UTC)."""

    printed_name: str
    username: str
    at_utc: str


@dataclass(frozen=True)
class Answer:
    """One line of a form: an item's label and its answer as a person reads it.

    Attributes:
        label: The item's label, as the form shows it.
        text: The value (a code as its label, a number with its unit), or for a missing-data
            code its meaning ("not done"); for a calculated item, its result.
        missing: ``text`` is a missing-data code in words.
        override: The reason given for a warning that was overridden, if any.
        verified: The source-verification mark, if the answer was verified.
        derived: A calculated value (never typed, never verified).
    """

    label: str
    text: str
    missing: bool = False
    override: str | None = None
    verified: Mark | None = None
    derived: bool = False


@dataclass(frozen=True)
class RowSummary:
    """One row of a group; ``number`` is its place in a repeating group (from 1), else None."""

    number: int | None
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class GroupSummary:
    label: str
    repeating: bool
    rows: tuple[RowSummary, ...]


@dataclass(frozen=True)
class FormSummary:
    form_id: str
    label: str
    status: str
    definition_version: str
    groups: tuple[GroupSummary, ...]


@dataclass(frozen=True)
class QuerySummary:
    """A query with the place of its item in words ("Diagnosis › Baseline › Platelets")."""

    where: str
    query: QueryInfo


@dataclass(frozen=True)
class CaseSummaryDoc:
    """Everything the printed case summary shows; nothing identifying.

    Attributes:
        signature: The current signature, or None ("Not signed").
        signature_verifies: Whether :meth:`ReviewService.check_signature` accepts it now (False
            when not signed).
        signature_problem: Why it does not verify, when it is signed and does not.
        earlier_signatures: Signatures dropped by an unlock, oldest first.
        printed_at: When the summary was made, UTC ISO 8601.
    """

    registry_id: str
    centre: str
    status: str
    definition_title: str
    forms: tuple[FormSummary, ...]
    verified: int
    answers: int
    queries: tuple[QuerySummary, ...]
    signature: SignatureInfo | None
    signature_verifies: bool
    signature_problem: str | None
    earlier_signatures: tuple[SignatureInfo, ...]
    printed_at: str
    printed_by: str
    printed_by_username: str
    app_version: str


def default_file_name(registry_id: str) -> str:
    """The file name offered for a case's summary: ``case-summary-FR-086-0007-K.pdf``."""
    return f"case-summary-{registry_id}.pdf"


def utc_text(iso: str) -> str:
    """``2026-11-21T14:03:07.000000Z`` as a person reads it: ``2026-11-21 14:03:07 UTC``."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


class CaseSummaryService:
    """Builds a case's summary and writes it as a PDF (needs the permission to read cases)."""

    def __init__(
        self, ws: Workspace, cases: CaseService, review: ReviewService, queries: QueryService
    ) -> None:
        self.ws = ws
        self.cases = cases
        self.review = review
        self.queries = queries

    def summary(self, registry_id: str) -> CaseSummaryDoc:
        """What the printed summary of ``registry_id`` shows, read now.

        Raises:
            NotPermitted: the signed-in user may not read cases.
            UnknownCase: there is no such case (a mistyped ID says so).
        """
        self.ws.require(Permission.VIEW_CASES)
        case = self.cases.get_case(registry_id)
        rid = case.registry_id
        marks = self.review.verifications(rid)
        derived: dict[str, dict[DerivedKey, Derived]] = {}  # by definition version
        forms = tuple(self._form(case, form, marks, derived) for form in case.forms.values())
        answers = sum(
            1
            for form in case.forms.values()
            for rows in form.groups.values()
            for row in rows
            for entry in row.entries.values()
            if not entry.is_empty
        )
        current = self.review.signature(rid)
        verifies, problem = self._check(rid) if current is not None else (False, None)
        earlier = tuple(s for s in self.review.signatures(rid) if s.revoked_at is not None)
        queries = tuple(
            QuerySummary(self._where(case, q.address), q) for q in self.queries.for_case(rid)
        )
        return CaseSummaryDoc(
            registry_id=rid,
            centre=self._centre(),
            status=case.status,
            definition_title=self.cases.definition.definition.title,
            forms=forms,
            verified=len(marks),
            answers=answers,
            queries=queries,
            signature=current,
            signature_verifies=verifies,
            signature_problem=problem,
            earlier_signatures=earlier,
            printed_at=format_utc(self.ws.clock()),
            printed_by=self.ws.user.printed_name,
            printed_by_username=self.ws.user.username,
            app_version=__version__,
        )

    def write_pdf(self, registry_id: str, path: Path) -> Path:
        """Write the summary of ``registry_id`` as a PDF to ``path``, all of it or nothing.

        The PDF is made in memory, then written next to ``path`` and renamed over it, so a
        failure (disk full, read-only folder) leaves no half file and any older file as it was.

        Raises:
            DiskFull, ReadOnlyDestination, FileProblem: the file could not be written.
        """
        from cmlentry.services.pdf_summary import render_pdf

        data = render_pdf(self.summary(registry_id))
        target = path.expanduser().absolute()
        atomic_write_bytes(target, data, mode=PDF_MODE)
        return target

    # --- building ------------------------------------------------------------------------------

    def _check(self, registry_id: str) -> tuple[bool, str | None]:
        try:
            self.review.check_signature(registry_id)
        except SignatureInvalid as exc:
            return False, str(exc.params.get("problem") or exc.message)
        except NotSigned:  # unlocked between the two reads
            return False, None
        return True, None

    def _centre(self) -> str:
        with self.ws.db.read() as session:
            site = session.get_one(Site, 1)
            return f"{site.country}-{site.centre_code} {site.centre_name}"

    def _form(
        self,
        case: CaseData,
        data: FormData,
        marks: Mapping[ItemAddress, Verification],
        computed: dict[str, dict[DerivedKey, Derived]],
    ) -> FormSummary:
        definition = self.cases.definitions.version(data.definition_version)
        if definition.version not in computed:  # the calculations, once per definition version
            computed[definition.version] = derive(definition, case.values())
        derived = computed[definition.version]
        form = definition.forms_by_id.get(data.form_id) or self.cases.definition.forms_by_id.get(
            data.form_id
        )
        groups: list[GroupSummary] = []
        known = {g.id: g for g in form.groups} if form else {}
        for group_id, rows in data.groups.items():
            group = known.get(group_id)
            shown = _group_rows(definition, data.form_id, group_id, group, rows, marks, derived)
            if shown:
                label = group.label if group else group_id
                repeating = group.repeating if group else len(rows) > 1
                groups.append(GroupSummary(label, repeating, tuple(shown)))
        label = form.label if form else data.form_id
        return FormSummary(data.form_id, label, data.status, data.definition_version, tuple(groups))

    def _where(self, case: CaseData, address: ItemAddress) -> str:
        """The place of an answer in words: form › group (row n) › item."""
        form_id, group_id, row_key, item_id = address
        definition = self.cases.definition
        form = definition.forms_by_id.get(form_id)
        group = next((g for g in form.groups if g.id == group_id), None) if form else None
        item = definition.items_by_id.get(item_id)
        parts = [form.label if form else form_id, group.label if group else group_id]
        if group is not None and group.repeating:
            data = case.forms.get(form_id)
            rows = data.groups.get(group_id, ()) if data else ()
            keys = [row.key for row in rows]
            parts[-1] += f", row {keys.index(row_key) + 1}" if row_key in keys else " (row removed)"
        parts.append(item.label if item else item_id)
        return " › ".join(parts)


def _group_rows(
    definition: FormDefinition,
    form_id: str,
    group_id: str,
    group: Group | None,
    rows: Sequence[RowData],
    marks: Mapping[ItemAddress, Verification],
    derived: Mapping[DerivedKey, Derived],
) -> list[RowSummary]:
    """The rows of a group that hold an answer or a calculated result, in their shown order."""
    items = list(group.items) if group else []
    repeating = group.repeating if group else False
    # A group without stored rows still has its calculations (the prognostic scores).
    indexed: Sequence[RowData | None] = rows if rows or repeating else (None,)
    shown: list[RowSummary] = []
    for number, row in enumerate(indexed, start=1):
        entries: Mapping[str, Entry] = row.entries if row is not None else {}
        key = row.key if row is not None and row.key is not None else number
        extra = [i for i in entries if i not in {item.id for item in items}]
        answers: list[Answer] = []
        for item in items:
            if item.type == "derived":
                found = derived.get((form_id, group_id, number, item.id))
                if found is not None and (entries or found.value is not None):
                    answers.append(Answer(item.label, found.text, derived=True))
                continue
            entry = entries.get(item.id)
            if entry is not None and not entry.is_empty:
                mark = marks.get(ItemAddress(form_id, group_id, key, item.id))
                answers.append(_answer(definition, item, entry, mark))
        for item_id in extra:  # answers to items this definition no longer asks for
            entry = entries[item_id]
            older = definition.items_by_id.get(item_id)
            if not entry.is_empty:
                mark = marks.get(ItemAddress(form_id, group_id, key, item_id))
                answers.append(_answer(definition, older, entry, mark, item_id))
        if answers:
            shown.append(RowSummary(number if repeating else None, tuple(answers)))
    return shown


def _answer(
    definition: FormDefinition,
    item: Item | None,
    entry: Entry,
    mark: Verification | None,
    item_id: str = "",
) -> Answer:
    verified = Mark(mark.printed_name, mark.username, mark.at_utc) if mark is not None else None
    label = item.label if item is not None else item_id
    if entry.value is None:
        meaning = (
            definition.missing_codes.get(entry.missing, entry.missing) if entry.missing else ""
        )
        return Answer(label, meaning, missing=True, override=entry.override, verified=verified)
    return Answer(
        label, _value_text(definition, item, entry.value), False, entry.override, verified
    )


def _value_text(definition: FormDefinition, item: Item | None, value: str) -> str:
    """A stored value as a person reads it: a code as its label, a number with its unit."""
    if item is None:
        return value
    if item.type == "code":
        return definition.codelists.get(item.codelist or "", {}).get(value, value)
    if item.unit and item.is_number:
        return f"{value} {item.unit}"
    return value
