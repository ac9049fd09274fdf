"""Imatinib treatment: its duration, dose intensity and long interruptions (domain.md §5.1).

These read the imatinib form (start and stop), its dose and interruption rows, and the failure
date of the registration form. The mapping choices:

* **Duration** runs from the start of imatinib to the failure date, else to its stop.
* **Dose intensity** is cumulative mg / days over the period the dose rows cover, first "From" to
  last "To", both days included. A row without an end runs to the stop of imatinib, else to the
  failure date. Where rows overlap, the later-starting row wins (a change entered with the same
  date as the end of the previous row). Interruption days, from "Interrupted on" to the day
  before "Resumed on", count as 0 mg, as do days no row covers.
* **Interruptions** last from "Interrupted on" to "Resumed on" (exclusive); one never resumed
  runs to the stop of imatinib, else to the failure date. Those longer than
  :data:`LONG_INTERRUPTION_DAYS` are counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cmlentry.domain.derived.answers import (
    DOSES,
    INTERRUPTIONS,
    AnswerReader,
    CaseAnswers,
    Derived,
    not_evaluable,
)
from cmlentry.domain.validation import Row

LONG_INTERRUPTION_DAYS = 28  # domain.md §5.1: interruptions of more than 4 weeks

_DURATION_INPUTS = ("imatinib_start_date", "failure_date", "imatinib_stop_date")


def _end_of_treatment(reader: AnswerReader) -> dt.date | None:
    """When imatinib stopped, else the failure date: where open-ended rows end."""
    return reader.date("imatinib_stop_date", optional=True) or reader.date(
        "failure_date", optional=True
    )


def derive_imatinib_duration(case: CaseAnswers, _row: Row) -> Derived:
    """Days on imatinib: from its start to the failure date, else to its stop."""
    inputs = _DURATION_INPUTS
    reader = AnswerReader(case)
    start = reader.date("imatinib_start_date")
    failure = reader.date("failure_date", optional=True)
    stop = reader.date("imatinib_stop_date", optional=True)
    if reader.problems or start is None:
        return reader.not_evaluable(inputs)
    if failure is not None:
        end, until = failure, "to the failure date"
    elif stop is not None:
        end, until = stop, "to the stop of imatinib"
    else:
        return not_evaluable("no failure date, and imatinib has not stopped", inputs)
    days = (end - start).days
    if days < 0:
        return not_evaluable(f"the end ({end}) is before imatinib started ({start})", inputs)
    months = days / 30.4375
    return Derived(f"{days} days ({months:.1f} months), {until}", days, inputs)


_INTERRUPTION_INPUTS = (
    "interruption_start_date",
    "interruption_end_date",
    "imatinib_stop_date",
    "failure_date",
)
_DOSE_INPUTS = ("dose_start_date", "dose_end_date", "dose_mg", *_INTERRUPTION_INPUTS)


@dataclass(frozen=True)
class _Span:
    start: dt.date
    end: dt.date  # included


def _interruption_spans(
    case: CaseAnswers, reader: AnswerReader, last_day: dt.date | None
) -> list[_Span]:
    """Days without imatinib: from "Interrupted on" to the day before "Resumed on".

    One never resumed runs to ``last_day``. Problems are noted on ``reader``.
    """
    spans = []
    for index, row in enumerate(case.rows(INTERRUPTIONS), start=1):
        row_reader = AnswerReader(case, row)
        start = row_reader.date("interruption_start_date")
        resumed = row_reader.date("interruption_end_date", optional=True)
        if row_reader.problems or start is None:
            pass  # noted below
        elif resumed is not None and resumed < start:
            row_reader.problems.append("resumed before it was interrupted")
        elif resumed is not None:
            spans.append(_Span(start, resumed - dt.timedelta(days=1)))
        elif last_day is not None:
            spans.append(_Span(start, max(last_day, start)))
        else:
            row_reader.problems.append("not resumed, and imatinib has not stopped")
        reader.problems.extend(f"interruption {index}: {p}" for p in row_reader.problems)
    return spans


def derive_dose_intensity(case: CaseAnswers, _row: Row) -> Derived:
    """The mean daily dose (mg/day) over the period the dose rows cover."""
    inputs = _DOSE_INPUTS
    reader = AnswerReader(case)
    treatment_end = _end_of_treatment(reader)
    doses: list[tuple[_Span, int]] = []
    for index, row in enumerate(case.rows(DOSES), start=1):
        row_reader = AnswerReader(case, row)
        start = row_reader.date("dose_start_date")
        end = row_reader.date("dose_end_date", optional=True) or treatment_end
        mg = row_reader.integer("dose_mg")
        if end is None and not row_reader.problems:
            row_reader.problems.append("no end date, and imatinib has not stopped")
        reader.problems.extend(f"dose {index}: {p}" for p in row_reader.problems)
        if start is not None and end is not None and mg is not None:
            doses.append((_Span(start, end), mg))
    if not reader.problems and not doses:
        return not_evaluable("no dose history entered", inputs)
    first = min((span.start for span, _mg in doses), default=None)
    last = max((span.end for span, _mg in doses), default=None)
    interruptions = _interruption_spans(case, reader, last)
    if reader.problems or first is None or last is None:
        return reader.not_evaluable(inputs)
    if last < first:
        return not_evaluable("the dose history ends before it starts", inputs)
    period = set(_days(first, last))
    daily: dict[dt.date, int] = {}
    # Sorted by start, so that at an overlap the dose that started later wins.
    for span, mg in sorted(doses, key=lambda dose: dose[0].start):
        daily.update((day, mg) for day in _days(span.start, span.end))
    stopped: set[dt.date] = set().union(*(_days(s.start, s.end) for s in interruptions))
    interrupted = period & stopped
    uncovered = period - daily.keys() - interrupted
    total_mg = sum(mg for day, mg in daily.items() if day in period and day not in interrupted)
    days = len(period)
    intensity = total_mg / days
    text = f"{intensity:.1f} mg/day over {days} days ({first} to {last})"
    if interrupted:
        text += f"; {len(interrupted)} days interrupted"
    if uncovered:
        text += f"; {len(uncovered)} days without a dose entered, counted as 0 mg"
    return Derived(text, intensity, inputs)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from ``first`` to ``last``, both included (none when ``last`` is earlier)."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def derive_long_interruptions(case: CaseAnswers, _row: Row) -> Derived:
    """How many interruptions lasted over 4 weeks, and the longest."""
    inputs = _INTERRUPTION_INPUTS
    reader = AnswerReader(case)
    end = _end_of_treatment(reader)
    # A span's end is the last day without imatinib: its length is end − start + 1 days.
    lengths = [(s.end - s.start).days + 1 for s in _interruption_spans(case, reader, end)]
    if reader.problems:
        return reader.not_evaluable(inputs)
    long = [n for n in lengths if n > LONG_INTERRUPTION_DAYS]
    longest = max(lengths, default=0)
    if long:
        return Derived(f"{len(long)} (longest {longest} days)", (len(long), longest), inputs)
    if lengths:
        return Derived(f"none (longest {longest} days)", (0, longest), inputs)
    return Derived("none", (0, 0), inputs)
