"""Validation of a case against its form definition: hard errors and soft warnings.

Hard errors (impossible values, wrong date order, a required answer missing) block completion.
Soft warnings (unusual values, eligibility, a Form A reason the data do not support) block it
too until a person overrides them with a reason, which is stored and exported. Every message
names the field and says what to do.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cmlentry.domain.forms import Form, FormDefinition, Group, Item
from cmlentry.domain.values import (
    EMPTY,
    Entry,
    PartialDate,
    ValueProblem,
    canonical,
    date_of,
    number,
)

Severity = Literal["hard", "soft"]
Row = Mapping[str, Entry]
FormValues = Mapping[str, Sequence[Row]]  # group id -> rows (one row for a non-repeating group)
CaseValues = Mapping[str, FormValues]  # form id -> groups

ADULT_AGE = 18
LATE_START_DAYS = 365


@dataclass(frozen=True)
class Issue:
    """One finding. ``row`` counts from 1 within a repeating group; None elsewhere."""

    severity: Severity
    form: str
    item: str
    message: str
    code: str
    group: str | None = None
    row: int | None = None
    overridden_by: str | None = None

    @property
    def blocks(self) -> bool:
        return self.severity == "hard" or self.overridden_by is None

    @property
    def where(self) -> str:
        return (
            f"{self.form}/{self.group}[{self.row}]/{self.item}"
            if self.row
            else (f"{self.form}/{self.item}")
        )


@dataclass
class _Collector:
    definition: FormDefinition
    issues: list[Issue] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        item: Item,
        message: str,
        code: str,
        *,
        row: int | None = None,
        entry: Entry = EMPTY,
    ) -> None:
        group = self.definition.group_of[item.id]
        self.issues.append(
            Issue(
                severity=severity,
                form=self.definition.form_of[item.id].id,
                item=item.id,
                message=message,
                code=code,
                group=group.id if group.repeating else None,
                row=row if group.repeating else None,
                overridden_by=entry.override if severity == "soft" else None,
            )
        )


def rows_of(values: CaseValues, form: Form, group: Group) -> Sequence[Row]:
    rows = values.get(form.id, {}).get(group.id, ())
    return rows if group.repeating else (rows[:1] or ({},))


def condition_context(definition: FormDefinition, values: CaseValues) -> dict[str, object]:
    """Values of every non-repeating item, as conditions read them (missing codes read as None)."""
    context: dict[str, object] = {}
    for form in definition.forms:
        for group in form.groups:
            if group.repeating:
                continue
            row = rows_of(values, form, group)[0]
            for item in group.items:
                context[item.id] = row.get(item.id, EMPTY).value
    return context


def applies(item: Item, context: Mapping[str, object]) -> bool:
    return item.show_if is None or item.show_if.holds(context)


def validate_case(definition: FormDefinition, values: CaseValues, today: dt.date) -> list[Issue]:
    """Every finding for the whole case: item by item, then across forms."""
    collector = _Collector(definition)
    context = condition_context(definition, values)
    for form in definition.forms:
        for group in form.groups:
            for index, row in enumerate(rows_of(values, form, group), start=1):
                row_context = {**context, **{k: e.value for k, e in row.items()}}
                for item in group.items:
                    _check_entry(
                        collector, item, row.get(item.id, EMPTY), row_context, index, today
                    )
    for check in CROSS_CHECKS:
        check(collector, values)
    return collector.issues


def validate_form(
    definition: FormDefinition, values: CaseValues, form_id: str, today: dt.date
) -> list[Issue]:
    """The findings that concern one form (cross-form findings are placed on a form's item)."""
    return [i for i in validate_case(definition, values, today) if i.form == form_id]


def _check_entry(
    collector: _Collector,
    item: Item,
    entry: Entry,
    context: Mapping[str, object],
    row: int,
    today: dt.date,
) -> None:
    if item.type == "derived":
        return

    def hard(message: str, code: str) -> None:
        collector.add("hard", item, message, code, row=row, entry=entry)

    if not applies(item, context):
        if not entry.is_empty:
            hard(f"{item.label} does not apply to this case: clear it.", "value.not_applicable")
        return
    if entry.is_empty:
        if item.required:
            accepted = _missing_choices(collector.definition, item)
            hard(f"{item.label} is required: enter it{accepted}.", "value.required")
        return
    if entry.missing is not None:
        if entry.missing not in item.missing:
            label = collector.definition.missing_codes[entry.missing]
            choices = _missing_choices(collector.definition, item)
            hard(
                f"{item.label} cannot be left as '{label}': enter a value{choices}.",
                "value.missing_not_allowed",
            )
        return
    _check_value(collector, item, entry, row, today)


def _check_value(collector: _Collector, item: Item, entry: Entry, row: int, today: dt.date) -> None:
    """A typed value: its canonical form, then the checks of its type."""

    def hard(message: str, code: str) -> None:
        collector.add("hard", item, message, code, row=row, entry=entry)

    assert entry.value is not None
    try:
        if canonical(item, entry.value) != entry.value:
            raise ValueProblem("enter it again")
    except ValueProblem as problem:
        hard(f"{item.label}: {problem}.", "value.type")
        return
    if item.type == "code" and entry.value not in collector.definition.codes(item):
        hard(
            f"{item.label}: '{entry.value}' is not one of its choices; choose from the list.",
            "value.code",
        )
    elif item.is_number:
        _check_number(collector, item, entry, row)
    elif item.type == "date":
        date = date_of(entry)
        if date is not None and date.earliest > today:
            hard(f"{item.label} ({date}) is in the future: check the date.", "date.future")


def _missing_choices(definition: FormDefinition, item: Item) -> str:
    if not item.missing:
        return ""
    names = " or ".join(f"'{definition.missing_codes[code]}'" for code in item.missing)
    return f", or choose {names}"


def _check_number(collector: _Collector, item: Item, entry: Entry, row: int) -> None:
    value = number(entry)
    assert value is not None
    unit = f" {item.unit}" if item.unit and item.unit != "%" else (item.unit or "")
    if item.hard_range and not item.hard_range.contains(float(value)):
        collector.add(
            "hard",
            item,
            f"{item.label} must be {item.hard_range.describe()}{unit}: check the value.",
            "value.hard_range",
            row=row,
            entry=entry,
        )
        return
    if item.soft_range and not item.soft_range.contains(float(value)):
        why = item.soft_range.message or f"usually {item.soft_range.describe()}{unit}"
        collector.add(
            "soft",
            item,
            f"{item.label} of {entry.value}{unit} is unusual ({why}): check it, or give "
            "a reason to keep it.",
            "value.soft_range",
            row=row,
            entry=entry,
        )
    if item.soft_values and value not in item.soft_values:
        usual = ", ".join(str(v) for v in item.soft_values)
        collector.add(
            "soft",
            item,
            f"{item.label} of {entry.value}{unit} is not a usual dose ({usual}): check "
            "it, or give a reason to keep it.",
            "value.soft_values",
            row=row,
            entry=entry,
        )


# --- across forms -----------------------------------------------------------------------------


def _single(values: CaseValues, definition: FormDefinition, item_id: str) -> Entry:
    """The answer to a non-repeating item (empty when this definition does not ask for it)."""
    if item_id not in definition.items_by_id:
        return EMPTY
    form = definition.form_of[item_id]
    group = definition.group_of[item_id]
    return rows_of(values, form, group)[0].get(item_id, EMPTY)


def _date_order(collector: _Collector, values: CaseValues) -> None:
    """Diagnosis ≤ imatinib start ≤ failure ≤ registration (partial dates: only when certain)."""
    definition = collector.definition
    chain = [
        i
        for i in ("diagnosis_date", "imatinib_start_date", "failure_date", "registration_date")
        if i in definition.items_by_id
    ]
    dated = [
        (definition.item(i), date)
        for i in chain
        if (date := date_of(_single(values, definition, i))) is not None
    ]
    for (first, first_date), (later, later_date) in itertools.pairwise(dated):
        if first_date.earliest > later_date.latest:
            collector.add(
                "hard",
                later,
                f"{later.label} ({later_date}) is before {first.label.lower()} ({first_date}): "
                "check both dates.",
                "date.order",
            )


def _row_date_order(collector: _Collector, values: CaseValues) -> None:
    """Within a row: an end never before its start."""
    definition = collector.definition
    pairs = [
        ("dose_start_date", "dose_end_date"),
        ("interruption_start_date", "interruption_end_date"),
        ("ae_start_date", "ae_end_date"),
    ]
    for start_id, end_id in pairs:
        if not {start_id, end_id} <= definition.items_by_id.keys():
            continue
        form, group = definition.form_of[start_id], definition.group_of[start_id]
        end_item = definition.item(end_id)
        for index, row in enumerate(rows_of(values, form, group), start=1):
            start = date_of(row.get(start_id, EMPTY))
            end = date_of(row.get(end_id, EMPTY))
            if start and end and start.earliest > end.latest:
                collector.add(
                    "hard",
                    end_item,
                    f"{end_item.label} ({end}) is before the start ({start}): check both dates.",
                    "date.order",
                    row=index,
                    entry=row.get(end_id, EMPTY),
                )


def _age_at(birth_year: int, birth_month: int | None, on: PartialDate) -> tuple[int, int]:
    """The youngest and oldest the patient can be on ``on`` (completed years)."""
    months = [birth_month] if birth_month else list(range(1, 13))
    ages = []
    for month in months:
        for day in (on.earliest, on.latest):
            age = day.year - birth_year - (1 if (day.month, 1) < (month, 1) else 0)
            ages.append(age)
    return min(ages), max(ages)


def _eligibility(collector: _Collector, values: CaseValues) -> None:
    """Adults at registration, chronic phase at the start of imatinib (domain.md §0, §3.5).

    Age at diagnosis may be under 18 (the registry's range is 12–80): it is not checked.
    """
    definition = collector.definition
    needed = {"birth_year", "registration_date", "phase_at_imatinib_start", "imatinib_start_date"}
    if not needed <= definition.items_by_id.keys():
        return
    year = number(_single(values, definition, "birth_year"))
    month_number = number(_single(values, definition, "birth_month"))
    registration = _single(values, definition, "registration_date")
    registered = date_of(registration)
    if year is not None and registered is not None:
        month = int(month_number) if month_number is not None else None
        _youngest, oldest = _age_at(int(year), month, registered)
        if oldest < ADULT_AGE:
            collector.add(
                "soft",
                definition.item("registration_date"),
                f"The patient was {oldest} at registration; the registry takes patients aged 18 "
                "or more: check the year of birth, or give the reason for registering.",
                "eligibility.age",
                entry=registration,
            )
    phase = _single(values, definition, "phase_at_imatinib_start")
    if phase.value is not None and phase.value != "CP":
        collector.add(
            "soft",
            definition.item("phase_at_imatinib_start"),
            "The registry takes patients in chronic phase when imatinib started: check the "
            "phase, or give the reason for registering.",
            "eligibility.phase",
            entry=phase,
        )
    diagnosis = date_of(_single(values, definition, "diagnosis_date"))
    start_entry = _single(values, definition, "imatinib_start_date")
    start = date_of(start_entry)
    if diagnosis and start and (start.earliest - diagnosis.latest).days > LATE_START_DAYS:
        collector.add(
            "soft",
            definition.item("imatinib_start_date"),
            "Imatinib started more than 12 months after diagnosis (late chronic phase): check "
            "the dates, or give a reason to keep them.",
            "dates.late_start",
            entry=start_entry,
        )


def _form_a_consistency(collector: _Collector, values: CaseValues) -> None:
    """The Form A reason against the data entered (domain.md §3.5): soft warnings."""
    # Imported here: the check builds on cmlentry.domain.derived, which imports this module.
    from cmlentry.domain.form_a_check import form_a_consistency

    form_a_consistency(collector, values)


CrossCheck = Callable[[_Collector, CaseValues], None]
CROSS_CHECKS: list[CrossCheck] = [_date_order, _row_date_order, _eligibility, _form_a_consistency]


def blocking(issues: Sequence[Issue], form_id: str) -> Iterator[Issue]:
    """What stops ``form_id`` from being marked complete."""
    return (issue for issue in issues if issue.form == form_id and issue.blocks)
