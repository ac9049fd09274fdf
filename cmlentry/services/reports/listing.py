"""The central data as plain tables, for every export format: listings, codebook, report.

A *listing* holds the answers of one form's single-row groups, one row per case, or of one
repeating group, one row per case and row. Listings follow the entry workbook's layout
(:func:`cmlentry.services.spreadsheet.sheet_plans`: the same keys, titles and item order), so
a coordinator who knows the template knows the export. Every case appears in every single-row
listing, with an empty form status when the form was never filled in, so that the listings of a
set of cases all have the same cases.

Columns: :data:`CASE_COLUMNS` (registry ID, centre, case status, form status), ``row`` (its
position among the case's rows, as shown, counted from 1) in a repeating group's listing, then
one column per stored item. Calculated items are never stored, so they have no column.

Values (:class:`ValueStyle`):

* a choice as its code (``M``) or its label (``male``); a code not in the list (a draft's
  value kept as typed) as it is;
* a missing-data code as the code (``UNK``) or in words (``unknown``);
* a number as a number (``int`` or :class:`~decimal.Decimal`, exactly its stored digits) when it
  is one, and as the text typed otherwise;
* a date as stored: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` where partial dates are allowed.

:func:`report_tables` lays a :class:`~.registry_report.RegistryReport` out as titled tables
(the letter's tables and the abstract's end points, with the options they were computed under).

Text reaches every writer clean: a character XML cannot carry (a control character, a lone
surrogate) becomes U+FFFD, counted in :attr:`ListingBuilder.replaced`. Formula injection is the
writers' concern (:mod:`.csv_export`, :mod:`.workbook`): what neutralises a cell depends on the
format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cmlentry.domain.forms import Form, FormDefinition, Group, Item
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.errors import CmlentryError
from cmlentry.services.batches.record_review import NOT_XML
from cmlentry.services.spreadsheet import DASH, sheet_plans

if TYPE_CHECKING:  # the report's types only: a listing needs no store or statistics
    from cmlentry.services.reports.abstract import Proportion
    from cmlentry.services.reports.registry_report import RegistryReport
    from cmlentry.services.reports.tables import CodeSplit

Record = Mapping[str, Any]
Value = str | int | Decimal | None
"""One cell of a listing: text, a number with its stored digits, or nothing."""
TableCell = Value | float
"""One cell of a report table (a percentage, a median: floats)."""

CASE_COLUMNS = ("case_id", "centre", "case_status", "form_status")
ROW_COLUMN = "row"
REPLACEMENT = "\ufffd"

# A stored number: canonical integers and decimals, never an exponent or a grouping character
# (those were kept as typed, so they are text). Bounded so that no hostile digit string becomes a
# number a spreadsheet would round.
_INTEGER = re.compile(r"-?[0-9]{1,15}")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")


class DefinitionMismatch(CmlentryError):
    code = "reports.listing.definition"
    template = (
        "Case {case} was entered under the form definition {found}, not {expected}: export the "
        "cases of each definition separately."
    )


@dataclass(frozen=True)
class ValueStyle:
    """How values are written.

    Attributes:
        labels: A choice as its label ("male") instead of its code ("M").
        missing_words: A missing-data code in words ("unknown") instead of its code ("UNK").
    """

    labels: bool = False
    missing_words: bool = False


CODES = ValueStyle()
LABELS = ValueStyle(labels=True, missing_words=True)


@dataclass(frozen=True)
class Column:
    """One column of a listing: its name (an item id, or a fixed column), heading and item."""

    name: str
    heading: str
    item: Item | None = None


@dataclass(frozen=True)
class Listing:
    """One table of the export.

    Attributes:
        key: ``patient`` for a form's single-row groups, ``imatinib.doses`` for a repeating
            group (the entry template's sheet keys).
        title: A sheet title (at most 31 characters, unique, as in the entry template).
        form: The form.
        groups: The groups whose items are the columns.
        repeating: One row per case and row (True) or per case (False).
        columns: The columns in order.
    """

    key: str
    title: str
    form: Form
    groups: tuple[Group, ...]
    repeating: bool
    columns: tuple[Column, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(c.item for c in self.columns if c.item is not None)


_FIXED_HEADINGS = {
    "case_id": "Registry ID",
    "centre": "Centre",
    "case_status": "Case status",
    "form_status": "Form status",
    ROW_COLUMN: "Row",
}


def heading(item: Item) -> str:
    """An item's column heading: its label, with its unit in brackets."""
    return f"{item.label} ({item.unit})" if item.unit else item.label


def listings(definition: FormDefinition) -> tuple[Listing, ...]:
    """The listings of ``definition``, in form order (the entry template's data sheets)."""
    result = []
    for plan in sheet_plans(definition):
        fixed = CASE_COLUMNS + ((ROW_COLUMN,) if plan.repeating else ())
        columns = [Column(name, _FIXED_HEADINGS[name]) for name in fixed]
        columns += [Column(item.id, heading(item), item) for item in plan.items]
        result.append(
            Listing(plan.key, plan.title, plan.form, plan.groups, plan.repeating, tuple(columns))
        )
    return tuple(result)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with every character XML cannot carry replaced by U+FFFD, and how many were."""
    cleaned, count = NOT_XML.subn(REPLACEMENT, text)
    return cleaned, count


class ListingBuilder:
    """Turns records into the rows of each listing, in one pass over the records.

    Attributes:
        definition: The form definition every record must have been entered under.
        style: Codes or labels, missing-data codes or words.
        listings: The listings, in order.
        replaced: Characters replaced by U+FFFD so far (see the module docstring).
    """

    def __init__(self, definition: FormDefinition, style: ValueStyle = CODES) -> None:
        self.definition = definition
        self.style = style
        self.listings = listings(definition)
        self.replaced = 0
        self._items = {listing.key: listing.items for listing in self.listings}
        self._missing: Mapping[str, str] = {str(k): v for k, v in definition.missing_codes.items()}
        self._labels = {
            item.id: definition.codes(item)
            for listing in self.listings
            for item in listing.items
            if item.type == "code"
        }

    def rows(self, record: Record) -> Iterator[tuple[Listing, list[tuple[Value, ...]]]]:
        """Every listing with the rows ``record`` gives it (an empty list: none).

        Raises:
            DefinitionMismatch: the record was entered under another form definition.
        """
        case_id = str(record.get("id", ""))
        found = record.get("definition")
        if found != self.definition.oid:
            raise DefinitionMismatch(
                case=self._text(case_id), found=self._text(str(found)), expected=self.definition.oid
            )
        case = (self._text(case_id), _centre(case_id), self._text(str(record.get("status", ""))))
        forms = record.get("forms", {})
        for listing in self.listings:
            form = forms.get(listing.form.id)
            yield listing, self._listing_rows(listing, case, form)

    def _listing_rows(
        self, listing: Listing, case: tuple[Value, ...], form: Mapping[str, Any] | None
    ) -> list[tuple[Value, ...]]:
        groups = form.get("groups", {}) if form is not None else {}
        status = self._text(str(form.get("status", ""))) if form is not None else None
        items = self._items[listing.key]
        if listing.repeating:
            stored = groups.get(listing.groups[0].id, ())
            return [
                (*case, status, position, *self._values(items, row.get("values", {})))
                for position, row in enumerate(stored, start=1)
            ]
        answers: dict[str, Mapping[str, str]] = {}
        for group in listing.groups:
            for row in groups.get(group.id, ())[:1]:
                answers.update(row.get("values", {}))
        return [(*case, status, *self._values(items, answers))]

    def _values(
        self, items: Sequence[Item], answers: Mapping[str, Mapping[str, str]]
    ) -> list[Value]:
        values: list[Value] = []
        for item in items:
            answer = answers.get(item.id)
            values.append(None if answer is None else self.value(item, answer))
        return values

    def value(self, item: Item, answer: Mapping[str, str]) -> Value:
        """One stored answer (``{"value": ...}`` or ``{"missing": ...}``) as a listing cell."""
        missing = answer.get("missing")
        if missing is not None:
            if self.style.missing_words:
                return self._text(self._missing.get(missing, missing))
            return self._text(missing)
        value = answer.get("value")
        if value is None:
            return None
        if item.type == "integer" and _INTEGER.fullmatch(value):
            return int(value)
        if item.type == "decimal" and _DECIMAL.fullmatch(value):
            return Decimal(value)
        if self.style.labels and item.type == "code":
            value = self._labels[item.id].get(value, value)
        return self._text(value)

    def _text(self, text: str) -> str:
        cleaned, count = clean_text(text)
        self.replaced += count
        return cleaned


def _centre(case_id: str) -> str | None:
    """The centre part of a registry ID ("FR-086"), or None when the ID does not parse."""
    try:
        parsed = RegistryId.parse(case_id)
    except (CmlentryError, ValueError):
        return None
    return f"{parsed.country}-{parsed.centre}"


# --- the codebook ---------------------------------------------------------------------------

CODEBOOK_COLUMNS = (
    "listing",
    "column",
    "form",
    "form_label",
    "group",
    "group_label",
    "repeating",
    "label",
    "type",
    "unit",
    "codelist",
    "codes",
    "missing_codes",
    "partial_date",
    "definition",
    "version",
)
"""The codebook's columns. ``codes`` and ``missing_codes`` hold one "code – label" a line."""


def codebook_rows(definition: FormDefinition) -> list[tuple[str, ...]]:
    """One row per listing column that holds an item, in listing order (see
    :data:`CODEBOOK_COLUMNS`); calculated items are never stored, so they have no row."""
    rows: list[tuple[str, ...]] = []
    for listing in listings(definition):
        for group in listing.groups:
            for item in group.items:
                if item.type == "derived":
                    continue
                codes = definition.codes(item) if item.type == "code" else {}
                rows.append(
                    (
                        listing.key,
                        item.id,
                        listing.form.id,
                        listing.form.label,
                        group.id,
                        group.label,
                        "yes" if group.repeating else "no",
                        item.label,
                        item.type,
                        item.unit or "",
                        item.codelist or "",
                        "\n".join(f"{code}{DASH}{label}" for code, label in codes.items()),
                        "\n".join(
                            f"{code}{DASH}{definition.missing_codes[code]}" for code in item.missing
                        ),
                        ("yes" if item.partial_date else "no") if item.type == "date" else "",
                        definition.oid,
                        definition.version,
                    )
                )
    return rows


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A titled table of a report: its headings and rows."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]


def _pct(part: Proportion) -> float | None:
    return None if part.percent is None else round(part.percent, 1)


def _num(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def _not_counted(reasons: Iterable[tuple[str, int]]) -> list[tuple[TableCell, ...]]:
    return [(f"Not counted: {label}", count) for label, count in reasons]


def _split(title: str, split: CodeSplit) -> Table:
    rows: list[tuple[TableCell, ...]] = [
        (f"{r.code}: {r.label}", r.of_all.count, _pct(r.of_all), _pct(r.of_answered))
        for r in split.rows
    ]
    rows += _not_counted((x.reason.label, x.count) for x in split.left_out)
    return Table(title, ("Answer", "Patients", "% of all", "% with an answer"), tuple(rows))


def _by_group(what: str, overall: CodeSplit, groups: Sequence[tuple[str, CodeSplit]]) -> Table:
    """Tab. 1 across countries or centres: patients and % of each group's patients."""
    headings = ("Reason", *(f"{k} n" for k, _s in groups), *(f"{k} %" for k, _s in groups))
    rows = []
    for row in overall.rows:
        found = [next((r for r in split.rows if r.code == row.code), None) for _k, split in groups]
        counts = [r.of_all.count if r else 0 for r in found]
        shares = [_pct(r.of_all) if r else None for r in found]
        rows.append((f"{row.code}: {row.label}", *counts, *shares))
    return Table(f"Reasons for registration by {what}", headings, tuple(rows))


def report_tables(report: RegistryReport) -> list[Table]:
    """The report as tables, in reading order: how it was made, the letter's tables (Tab. 1 by
    country and by centre too), the abstract's end points; each with the patients not counted."""
    options, tables, ends = report.options, report.tables, report.endpoints
    age, imatinib, pfs, stops = (
        tables.age_at_diagnosis, tables.imatinib, ends.pfs, ends.interruptions,
    )  # fmt: skip
    made: list[tuple[TableCell, ...]] = [
        ("Made at (UTC)", report.generated_at),
        ("Central data", report.source),
        ("Form definition", report.definition),
        ("Patients counted", report.patients),
        ("Cases not counted (no accepted version)", report.not_accepted),
        ("Events ending PFS", options.event_set.label),
        ("Time origin", options.origin.label),
        ("Censored at allogeneic transplant", "yes" if options.censor_at_transplant else "no"),
        ("95 % confidence interval", pfs.ci.value),
        ("Centres", ", ".join(options.centres) or "all"),
    ]
    dist = ("", "Patients", "Median", "Min", "Max")
    treatment: list[tuple[TableCell, ...]] = [
        (name, d.patients, _num(d.median), _num(d.minimum), _num(d.maximum))
        for name, d in (
            ("Start dose (mg/day)", imatinib.start_dose.mg),
            ("Highest dose (mg/day)", imatinib.highest_dose.mg),
            ("Duration until failure (months)", imatinib.duration_months),
        )
    ]
    treatment.append(("Duration up to the stop of imatinib (no failure date)", imatinib.until_stop))
    treatment += _not_counted((x.reason.label, x.count) for x in imatinib.duration_left_out)
    endpoints: list[tuple[TableCell, ...]] = [
        ("Complete haematologic response", *_share(ends.chr_any_time)),
        *((f"Cytogenetic response at 12 months: {c.value}", *_share(p))
          for c, p in ends.cytogenetic_12_months),
        *((f"Grade III-IV {term.lower()}", *_share(p)) for term, p in ends.severe_cytopenias),
        ("Interrupted for toxicity: patients; weeks median, min, max", stops.patients, None,
         None, _num(stops.median_weeks), _num(stops.min_weeks), _num(stops.max_weeks)),
    ]  # fmt: skip
    endpoints += _not_counted(
        [(f"CHR: {x.reason.label}", x.count) for x in ends.chr_excluded]
        + [(f"cytogenetics: {x.reason.label}", x.count) for x in ends.cytogenetic_excluded]
        + [(f"interruptions: {x.reason.label}", x.count) for x in stops.excluded]
    )
    survival: list[tuple[TableCell, ...]] = [
        (m.time, _num(m.survival, 3), _num(m.lower, 3), _num(m.upper, 3), m.at_risk,
         "yes" if m.beyond_follow_up else "no")
        for m in pfs.landmarks
    ]  # fmt: skip
    if pfs.curve is not None:
        survival.append(("Patients, events, median (months)", pfs.curve.subjects,
                         pfs.curve.events, _num(pfs.curve.median)))  # fmt: skip
    if pfs.sokal_logrank is not None:
        test = pfs.sokal_logrank
        survival.append(("Log-rank by Sokal group: chi2, df, p", _num(test.chi2, 3), test.df,
                         _num(test.p, 4)))  # fmt: skip
    survival += _not_counted(
        [(f"PFS: {x.reason.label}", x.count) for x in pfs.excluded]
        + [(f"Sokal group: {x.reason.label}", x.count) for x in pfs.sokal_excluded]
    )
    return [
        Table("Registry report", (), tuple(made)),
        Table("Centres", ("Centre", "Country", "Name", "Patients"),
              tuple((c.code, c.country, c.name, c.patients) for c in report.centres)),
        _split("Sex", tables.sex),
        Table("Age at diagnosis (years)", dist, (
            ("Age", age.years.patients, _num(age.years.median), _num(age.years.minimum),
             _num(age.years.maximum)),
            ("Known only to within a year or two", age.uncertain),
            *_not_counted((x.reason.label, x.count) for x in age.left_out))),
        _split("In a prospective study (N: never)", tables.prospective_study),
        _split("Reasons for registration (Tab. 1)", tables.reasons.overall),
        _by_group("country", tables.reasons.overall, tables.reasons.by_country),
        _by_group("centre", tables.reasons.overall, tables.reasons.by_centre),
        Table("Imatinib until failure", dist, tuple(treatment)),
        Table("Imatinib dose escalated", ("", "Patients", "Of", "%"),
              (("Highest dose above the start dose", *_share(imatinib.escalated)),)),
        _split("Decision after failure", tables.decision),
        Table("End points (trial abstract)", ("", "Patients", "Of", "%", "Median", "Min", "Max"),
              tuple(endpoints)),
        Table(f"Progression-free survival at landmarks ({pfs.ci.value} 95 % CI)",
              ("Months", "PFS", "Lower", "Upper", "At risk", "Beyond follow-up"),
              tuple(survival)),
    ]  # fmt: skip


def _share(part: Proportion) -> tuple[TableCell, ...]:
    return part.count, part.total, _pct(part)


def registrations_table(report: RegistryReport) -> Table:
    """Fig. 1: every month from the first registration to the last, with the cumulative sum."""
    registrations = report.tables.registrations
    rows: list[tuple[TableCell, ...]] = [
        (m.label, m.registered, m.cumulative) for m in registrations.months
    ]
    return Table("Patients registered by month", ("Month", "Registered", "Cumulative"), tuple(rows))
