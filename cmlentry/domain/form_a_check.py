"""The Form A reason for registration against the data entered: a soft warning (domain.md §3.5).

:func:`form_a_consistency` is one of the validation's cross-form checks. It runs
:func:`~cmlentry.domain.response.check_form_a_reason` on the reason chosen in the registration
form, the assessments and the stop of imatinib, and places each warning on that reason as a soft
warning: completion waits until the data are corrected or a person gives a reason to keep it
(stored on the ``form_a_reason`` answer, as for every soft warning).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from cmlentry.domain.derived import (
    FORM_A_CODES,
    SINGLE_ITEMS,
    assessment_series,
    discontinuation,
    form_a_label,
)
from cmlentry.domain.response import (
    DAYS_PER_MONTH,
    FormAReason,
    FormAWarning,
    check_form_a_reason,
    response_history,
)
from cmlentry.domain.values import EMPTY, Entry, date_of

if TYPE_CHECKING:
    from cmlentry.domain.validation import CaseValues, _Collector

CODES = {
    FormAWarning.NOT_SUPPORTED: "form_a.not_supported",
    FormAWarning.BEFORE_EARLIEST_DATE: "form_a.too_early",
    FormAWarning.NO_EARLIER_CHR: "form_a.no_earlier_chr",
    FormAWarning.NO_EARLIER_CYTOGENETIC_RESPONSE: "form_a.no_earlier_cytogenetic_response",
}

# What the data would have to show, as the words in brackets after "not supported".
_SUPPORT = {
    FormAReason.NO_CHR: (
        "no assessment without CHR between 2 and 4.5 months, nor a later one before any CHR"
    ),
    FormAReason.NO_CYR: (
        "no marrow result between 5 and 7.5 months with Ph+ above 95 % of at least 20 metaphases"
    ),
    FormAReason.NO_MCYR: "no marrow result between 11 and 13.5 months with Ph+ above 35 %",
    FormAReason.HAEMATOLOGICAL_RELAPSE: (
        "no CHR followed by two assessments without CHR, or by progression"
    ),
    FormAReason.CYTOGENETIC_RELAPSE: (
        "no CCyR or MCyR lost on two marrow results, and no new additional chromosome "
        "abnormalities in Ph+ cells"
    ),
    FormAReason.PROGRESSION: "no assessment whose values give accelerated phase or blast crisis",
    FormAReason.TOXICITY: "imatinib was not stopped because of toxicity",
}
# Start of the milestone window (m − 1 months after the start of imatinib), as in form_a.
_EARLIEST_MONTHS = {FormAReason.NO_CHR: 2, FormAReason.NO_CYR: 5, FormAReason.NO_MCYR: 11}


def _answer(values: CaseValues, item_id: str) -> Entry:
    form, group = SINGLE_ITEMS[item_id]
    rows = values.get(form, {}).get(group, ())
    return rows[0].get(item_id, EMPTY) if rows else EMPTY


def _full_date(values: CaseValues, item_id: str) -> dt.date | None:
    date = date_of(_answer(values, item_id))
    return date.earliest if date is not None and date.is_complete else None


def form_a_consistency(collector: _Collector, values: CaseValues) -> None:
    """Warn when the Form A reason chosen is not what the data entered support.

    Nothing is checked until the reason, the start of imatinib and the failure date are entered
    (their own checks ask for them). Each :class:`~cmlentry.domain.response.FormAWarning` becomes
    a soft warning on ``form_a_reason`` with the code in :data:`CODES`; the override reason kept
    on that answer overrides them all.

    Args:
        collector: The validation's collector of findings.
        values: The case's answers, form id -> group id -> rows.
    """
    definition = collector.definition
    if "form_a_reason" not in definition.items_by_id:
        return
    entry = _answer(values, "form_a_reason")
    reason = FORM_A_CODES.get(entry.value or "")
    start = _full_date(values, "imatinib_start_date")
    failure = _full_date(values, "failure_date")
    if reason is None or start is None or failure is None:
        return
    series = assessment_series(values)
    stop = discontinuation(values)
    warnings = check_form_a_reason(
        reason,
        failure_date=failure,
        imatinib_start=start,
        assessments=series,
        discontinuation=stop,
    )
    label = form_a_label(reason, definition)
    item = definition.item("form_a_reason")
    for warning in warnings:
        if warning is FormAWarning.NOT_SUPPORTED:
            where = "imatinib form" if reason is FormAReason.TOXICITY else "assessments"
            message = (
                f"The reason '{label}' is not supported by the data entered "
                f"({_SUPPORT[reason]}): check the {where}, or give a reason to keep it."
            )
        elif warning is FormAWarning.BEFORE_EARLIEST_DATE:
            earliest = _earliest(reason, start, values)
            message = (
                f"The date of failure ({failure}) is before the reason '{label}' can apply "
                f"({earliest}): check the date of failure and the reason, or give a reason "
                "to keep them."
            )
        elif warning is FormAWarning.NO_EARLIER_CHR:
            message = (
                f"The reason '{label}' needs an assessment in CHR before the date of failure, "
                "and none shows one: check the assessments, or give a reason to keep it."
            )
        else:
            message = (
                f"The reason '{label}' needs a CCyR or MCyR before the date of failure (or new "
                "additional chromosome abnormalities in Ph+ cells), and no marrow result shows "
                "one: check the assessments, or give a reason to keep it."
            )
        collector.add("soft", item, message, CODES[warning], entry=entry)


def _earliest(reason: FormAReason, start: dt.date, values: CaseValues) -> str:
    """When ``reason`` can first apply, in words."""
    months = _EARLIEST_MONTHS.get(reason)
    if months is not None:
        on = start + dt.timedelta(days=math.ceil(months * DAYS_PER_MONTH))
        return f"{months} months after imatinib started, on {on}"
    history = response_history(start, assessment_series(values))
    if reason is FormAReason.HAEMATOLOGICAL_RELAPSE and history.first_chr is not None:
        return f"after the first CHR, on {history.first_chr}"
    if reason is FormAReason.CYTOGENETIC_RELAPSE and history.first_mcyr is not None:
        return f"after the first MCyR, on {history.first_mcyr}"
    return f"from the start of imatinib, on {start}"
