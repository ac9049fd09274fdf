"""Reading a case's stored answers for the calculations, and what a derived item shows.

Every calculation of the package reads its inputs through an :class:`AnswerReader`: it turns the
stored text into numbers, dates and codes, and keeps, as phrases a person understands ("Platelets
not entered", "Spleen is 'not done'"), why an input is not usable. A calculation that meets such a
problem returns :func:`not_evaluable` with those phrases instead of raising, so that the case
editor can always show every derived item.

This module also says where the answers live: :data:`SINGLE_ITEMS` places each non-repeating
answer the calculations read, and :data:`ASSESSMENTS`, :data:`DOSES`, :data:`INTERRUPTIONS` and
:data:`ADVERSE_EVENTS` name the repeating groups (a test checks them against the shipped
definition).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cmlentry.domain.forms import FormDefinition, MissingCode
from cmlentry.domain.response import ClinicalValueError
from cmlentry.domain.validation import CaseValues, Row
from cmlentry.domain.values import EMPTY, Entry, PartialDate, date_of, number

DerivedValue = bool | int | float | str | tuple[str, ...] | tuple[int, int] | None
DerivedKey = tuple[str, str, int, str]  # form id, group id, row (from 1), item id


@dataclass(frozen=True)
class Derived:
    """What a derived item shows.

    Attributes:
        text: What the case editor shows read-only, e.g. ``"1.19 (intermediate)"``, ``"MMR"``,
            ``"grade 3"`` or ``"not evaluable: Platelets not entered"``.
        value: The machine value: the score, ``True``/``False`` for CHR, the category or phase
            name, the CTCAE grade, days, mg/day, ``(count, longest days)`` of the long
            interruptions, or the supported Form A codes; ``None`` when not evaluable.
        inputs: The ids of the items it is computed from ("from: platelets, spleen_cm, …").
    """

    text: str
    value: DerivedValue
    inputs: tuple[str, ...]


# Where the non-repeating answers the calculations read are kept: (form id, group id). A test
# checks this against the shipped definition.
SINGLE_ITEMS: dict[str, tuple[str, str]] = {
    "birth_year": ("patient", "patient"),
    "birth_month": ("patient", "patient"),
    "diagnosis_date": ("diagnosis", "diagnosis"),
    "baseline_untreated": ("diagnosis", "diagnosis"),
    **{
        item: ("diagnosis", "baseline")
        for item in ("platelets", "pb_blasts", "pb_basophils", "pb_eosinophils", "spleen_cm")
    },
    **{
        item: ("imatinib", "imatinib")
        for item in ("imatinib_start_date", "imatinib_stop_date", "imatinib_stop_reason")
    },
    "failure_date": ("registration", "registration"),
    "form_a_reason": ("registration", "registration"),
}
ASSESSMENTS = ("assessments", "assessment")
DOSES = ("imatinib", "doses")
INTERRUPTIONS = ("imatinib", "interruptions")
ADVERSE_EVENTS = ("toxicity", "adverse_event")

_MISSING_WORDS = {"UNK": "unknown", "ND": "not done", "NA": "not applicable"}


@dataclass
class CaseAnswers:
    """A case's answers, with the definition (when known) for the items' labels."""

    values: CaseValues
    definition: FormDefinition | None = None

    def single(self, item_id: str) -> Entry:
        form, group = SINGLE_ITEMS[item_id]
        rows = self.values.get(form, {}).get(group, ())
        return rows[0].get(item_id, EMPTY) if rows else EMPTY

    def rows(self, where: tuple[str, str]) -> Sequence[Row]:
        return self.values.get(where[0], {}).get(where[1], ())

    def label(self, item_id: str) -> str:
        if self.definition is not None and item_id in self.definition.items_by_id:
            return self.definition.item(item_id).label
        return item_id

    def missing_word(self, code: MissingCode) -> str:
        if self.definition is not None and code in self.definition.missing_codes:
            return self.definition.missing_codes[code]
        return _MISSING_WORDS.get(code, code)


@dataclass
class AnswerReader:
    """Reads answers for one calculation and keeps, as phrases, why an input is not usable."""

    case: CaseAnswers
    row: Row = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def entry(self, item_id: str) -> Entry:
        if item_id in SINGLE_ITEMS:
            return self.case.single(item_id)
        return self.row.get(item_id, EMPTY)

    def _absent(self, item_id: str, optional: bool) -> bool:
        """Whether the answer is empty or missing-coded, noting why unless it is optional."""
        entry = self.entry(item_id)
        if entry.value is not None:
            return False
        if not optional:
            label = self.case.label(item_id)
            if entry.missing is not None:
                self.problems.append(f"{label} is '{self.case.missing_word(entry.missing)}'")
            else:
                self.problems.append(f"{label} not entered")
        return True

    def number(self, item_id: str, *, optional: bool = False) -> float | None:
        if self._absent(item_id, optional):
            return None
        value = number(self.entry(item_id))
        # Stored text is not always canonical (a value is kept as typed): "NaN" parses.
        if value is None or not value.is_finite():
            self.problems.append(f"{self.case.label(item_id)} is not a number")
            return None
        return float(value)

    def integer(self, item_id: str, *, optional: bool = False) -> int | None:
        if self._absent(item_id, optional):
            return None
        value = number(self.entry(item_id))
        if value is None or not value.is_finite() or value != value.to_integral_value():
            self.problems.append(f"{self.case.label(item_id)} is not a whole number")
            return None
        return int(value)

    def date(self, item_id: str, *, optional: bool = False) -> dt.date | None:
        if self._absent(item_id, optional):
            return None
        value = date_of(self.entry(item_id))
        if value is None or not value.is_complete:
            self.problems.append(f"{self.case.label(item_id)} is not a full date")
            return None
        return value.earliest

    def partial_date(self, item_id: str) -> PartialDate | None:
        if self._absent(item_id, optional=False):
            return None
        value = date_of(self.entry(item_id))
        if value is None:
            self.problems.append(f"{self.case.label(item_id)} is not a date")
        return value

    def code(self, item_id: str, *, optional: bool = False) -> str | None:
        if self._absent(item_id, optional):
            return None
        return self.entry(item_id).value

    def yes_no(self, item_id: str) -> bool | None:
        """Y is True, N is False; anything else (not done, unknown, empty) is None."""
        return {"Y": True, "N": False}.get(self.code(item_id, optional=True) or "")

    def not_evaluable(self, inputs: tuple[str, ...]) -> Derived:
        return not_evaluable(", ".join(self.problems), inputs)


# A calculation: the case and, for an item of a repeating group, its row (else an empty row).
Calculation = Callable[[CaseAnswers, Row], Derived]


def not_evaluable(why: str, inputs: tuple[str, ...]) -> Derived:
    """What an item shows when it cannot be computed: "not evaluable: <why>", no value."""
    return Derived(f"not evaluable: {why}", None, inputs)


def refused(error: ClinicalValueError, inputs: tuple[str, ...]) -> Derived:
    """Not evaluable because a calculation refused a value, with its reason."""
    return not_evaluable(error.message.rstrip("."), inputs)
