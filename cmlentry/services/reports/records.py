"""Reading a case record for the reports: its answers, and dates known only to the month or year.

A record (:func:`cmlentry.services.batches.record.record_of`) holds every answer in its stored
form: the canonical text of a valid value, or the text as typed when it was not valid, or a
missing-data code. :func:`case_values` turns it back into the answers the domain's calculations
read (:mod:`cmlentry.domain.derived`), so a report computes a Sokal group or a response exactly as
the case editor shows it.

**Partial dates.** Dates are stored as ``YYYY-MM-DD``; where the form allows it (progression,
death, adverse events, diagnosis) also as ``YYYY-MM`` or ``YYYY``. A time-to-event needs a day,
so :func:`impute` places a partial date in the middle of the period it allows: the 15th of its
month, or 1 July of its year. When that period straddles the origin of the analysis, only the
days after the origin are possible for an event that ended a follow-up, so the middle of those
days is taken instead. Every imputed date is flagged in the result that used it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cmlentry.domain.derived import (
    ADVERSE_EVENTS,
    ASSESSMENTS,
    DOSES,
    INTERRUPTIONS,
    DerivedValue,
    assessment_series,
)
from cmlentry.domain.derived.answers import CaseAnswers
from cmlentry.domain.derived.assessments import derive_phase
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.response import DatedAssessment
from cmlentry.domain.validation import CaseValues, Row
from cmlentry.domain.values import Entry, PartialDate

Record = Mapping[str, Any]
FOLLOW_UP = ("follow_up", "follow_up")
_REPEATING = {ASSESSMENTS, DOSES, INTERRUPTIONS, ADVERSE_EVENTS, FOLLOW_UP}

MID_MONTH_DAY = 15
MID_YEAR = (7, 1)  # 1 July: the middle of a year, to the day or two


def case_values(record: Record) -> CaseValues:
    """The answers of ``record``: form id -> group id -> rows of item id -> :class:`Entry`.

    Rows keep their order in the record (the order they were shown in).
    """
    values: dict[str, dict[str, list[dict[str, Entry]]]] = {}
    for form_id, form in record.get("forms", {}).items():
        groups = values.setdefault(form_id, {})
        for group_id, rows in form.get("groups", {}).items():
            groups[group_id] = [
                {item_id: _entry(answer) for item_id, answer in row.get("values", {}).items()}
                for row in rows
            ]
    return values


def _entry(answer: Mapping[str, str]) -> Entry:
    return Entry(answer.get("value"), answer.get("missing"), answer.get("override"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class CaseView:
    """One case as the end points read it, with what several of them need computed once.

    Attributes:
        answers: The answers, with the definition for labels in reasons.
        singles: Every answer of the non-repeating groups, by item id (ids are unique).
        series: The assessments as the ELN and Form A rules take them (rows with a full date).
        phases: The phase computed from each assessment row's values (MDACC/ELN), row by row;
            None where not evaluable.
    """

    answers: CaseAnswers
    singles: Row
    series: tuple[DatedAssessment, ...]
    phases: tuple[DerivedValue, ...]

    @classmethod
    def of(cls, values: CaseValues, definition: FormDefinition | None = None) -> CaseView:
        answers = CaseAnswers(values, definition)
        singles: dict[str, Entry] = {}
        for form_id, groups in values.items():
            for group_id, rows in groups.items():
                if (form_id, group_id) not in _REPEATING and rows:
                    singles.update(rows[0])
        return cls(
            answers=answers,
            singles=singles,
            series=tuple(assessment_series(values)),
            phases=tuple(derive_phase(answers, row).value for row in answers.rows(ASSESSMENTS)),
        )


def imputed_midpoint(date: PartialDate) -> dt.date:
    """The day a partial date stands for: itself when complete, the 15th, or 1 July."""
    if date.is_complete:
        return date.earliest
    if date.month is not None:
        return dt.date(date.year, date.month, MID_MONTH_DAY)
    return dt.date(date.year, *MID_YEAR)


def impute(date: PartialDate, *, after: dt.date | None = None) -> tuple[dt.date, bool]:
    """The day to use for ``date``, and whether it was imputed (not known to the day).

    Args:
        date: A date known to the day, the month or the year.
        after: The last day the event cannot have happened on (the origin, or the last day the
            patient was seen alive). When the partial period lies wholly after it, or wholly on
            or before it, the day is that of :func:`imputed_midpoint`; when the period
            straddles it, the middle of the days after it (the earlier of two middle days).

    Returns:
        The day, and True when it was imputed.
    """
    if date.is_complete:
        return date.earliest, False
    middle = imputed_midpoint(date)
    if after is None or date.earliest > after or date.latest <= after:
        return middle, True
    first = after + dt.timedelta(days=1)
    return first + dt.timedelta(days=(date.latest - first).days // 2), True
