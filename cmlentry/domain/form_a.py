"""Which Form A "reasons for registration" the entered data support, and checks of the chosen one.

domain.md §3.5 [DESIGN] (the whole section is a proposal built on ELN 2006, not a published
rule). Import the names from :mod:`cmlentry.domain.response`.

================================  ===========================================================
Form A reason                     supported by
================================  ===========================================================
No CHR (after 3 months)           no CHR at the 3-month milestone, or at any later assessment
                                  (after the 3-month window) without an earlier CHR
Not any CyR (after 6 months)      Ph+ > 95 % at the 6-month milestone
No MCyR (after 12 months)         Ph+ > 35 % at the 12-month milestone
Haematological relapse            CHR documented, then lost (2 determinations unless
                                  progression)
Cytogenetic relapse or            CCyR documented then lost (2 determinations); MCyR
progression                       documented then lost (IRIS variant); new ACA in Ph+ cells
Progression to AP or BC           phase accelerated or blast on imatinib
Toxicity leading to               imatinib stopped because of an adverse event
discontinuation
================================  ===========================================================

Less than CCyR at 18 months is an ELN 2006 failure that Form A has no category for; it is
reported separately. Every check is a warning for the user, never a block.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cmlentry.domain.ctcae import CtcaeVersion
from cmlentry.domain.eln2006 import (
    DatedAssessment,
    ElnFinding,
    has_cytogenetics,
    has_haematology,
    milestone_data,
    months_on_imatinib,
    response_history,
)


class FormAReason(StrEnum):
    """The seven Form A reasons for registration, in Form A order (the order of precedence)."""

    NO_CHR = "No CHR (after 3 months)"
    NO_CYR = "Not any CyR (after 6 months)"
    NO_MCYR = "No MCyR (after 12 months)"
    HAEMATOLOGICAL_RELAPSE = "Haematological relapse"
    CYTOGENETIC_RELAPSE = "Cytogenetic relapse or progression"
    PROGRESSION = "Progression to AP or BC"
    TOXICITY = "Toxicity leading to discontinuation"


class CytogeneticRelapse(StrEnum):
    """Sub-codes of "cytogenetic relapse or progression" (domain.md §3.5 [DESIGN])."""

    LOSS_OF_CCYR = "loss of CCyR"
    LOSS_OF_MCYR = "loss of MCyR"
    CLONAL_EVOLUTION = "new ACA in Ph+ cells (clonal evolution)"


@dataclass(frozen=True)
class Discontinuation:
    """Imatinib was stopped.

    Attributes:
        on: Date imatinib was stopped.
        because_of_toxicity: Whether an adverse event was the reason.
        ctcae_term: The CTCAE term of that event.
        ctcae_grade: Its grade.
        ctcae_version: The CTCAE version of the grade.
    """

    on: date
    because_of_toxicity: bool
    ctcae_term: str | None = None
    ctcae_grade: int | None = None
    ctcae_version: CtcaeVersion | None = None


@dataclass(frozen=True)
class SupportedReason:
    """A Form A reason the data support.

    Attributes:
        reason: The Form A reason.
        on: The date of the assessment (or discontinuation) that establishes it.
        sub_code: For a cytogenetic relapse, which kind.
    """

    reason: FormAReason
    on: date
    sub_code: CytogeneticRelapse | None = None


@dataclass(frozen=True)
class FormAReasons:
    """The Form A reasons the data support.

    Attributes:
        supported: In Form A order, then by date. With several, the user picks the primary one.
        less_than_ccyr_at_18_months: The ELN 2006 18-month failure (Ph+ > 0 %), which Form A
            lacks; ``None`` when the 18-month marrow is missing or cannot decide.
    """

    supported: tuple[SupportedReason, ...]
    less_than_ccyr_at_18_months: bool | None

    @property
    def reasons(self) -> tuple[FormAReason, ...]:
        """The distinct reasons supported, in Form A order."""
        return tuple(dict.fromkeys(s.reason for s in self.supported))


_ORDER = {reason: index for index, reason in enumerate(FormAReason)}
# Earliest time (months after T0) a milestone reason can apply: the start of its window.
_EARLIEST_MONTHS = {FormAReason.NO_CHR: 2.0, FormAReason.NO_CYR: 5.0, FormAReason.NO_MCYR: 11.0}


def _no_chr(imatinib_start: date, series: list[DatedAssessment]) -> date | None:
    at_3 = milestone_data(imatinib_start, series, 3, has_haematology)
    if at_3 is not None and at_3.chr_status is False:
        return at_3.on
    chr_seen = False
    for a in series:
        if a.chr_status is True:
            chr_seen = True
        elif (
            a.chr_status is False
            and not chr_seen
            and months_on_imatinib(imatinib_start, a.on) > 3 + 1.5
        ):
            return a.on
    return None


def _milestone_ph_above(
    imatinib_start: date, series: list[DatedAssessment], month: int, pct: float
) -> tuple[bool | None, date | None]:
    chosen = milestone_data(imatinib_start, series, month, has_cytogenetics)
    if chosen is None or chosen.cytogenetic is None:
        return None, None
    return chosen.cytogenetic.ph_positive_above(pct), chosen.on


def supported_form_a_reasons(
    imatinib_start: date,
    assessments: Iterable[DatedAssessment],
    discontinuation: Discontinuation | None = None,
) -> FormAReasons:
    """The Form A reasons for registration that the entered data support (domain.md §3.5).

    Milestones use the windows and "last assessment" rule of
    :func:`~cmlentry.domain.response.eln2006_assessment`. A cytogenetic criterion counts only when
    the result decides it: with fewer than 20 metaphases, Ph+ > 35 % can be certain (e.g. 15 of
    15), Ph+ > 95 % cannot.

    Args:
        imatinib_start: The date imatinib was started (T0).
        assessments: The dated assessments on imatinib, in any order.
        discontinuation: The stop of imatinib, if it was stopped.

    Returns:
        The supported reasons and the 18-month finding Form A lacks.
    """
    series = sorted((a for a in assessments if a.on >= imatinib_start), key=lambda a: a.on)
    history = response_history(imatinib_start, series)
    found: list[SupportedReason] = []

    no_chr = _no_chr(imatinib_start, series)
    if no_chr is not None:
        found.append(SupportedReason(FormAReason.NO_CHR, no_chr))
    no_cyr, on = _milestone_ph_above(imatinib_start, series, 6, 95.0)
    if no_cyr and on is not None:
        found.append(SupportedReason(FormAReason.NO_CYR, on))
    no_mcyr, on = _milestone_ph_above(imatinib_start, series, 12, 35.0)
    if no_mcyr and on is not None:
        found.append(SupportedReason(FormAReason.NO_MCYR, on))
    if history.loss_of_chr is not None:
        found.append(SupportedReason(FormAReason.HAEMATOLOGICAL_RELAPSE, history.loss_of_chr.on))
    relapses: tuple[tuple[ElnFinding | None, CytogeneticRelapse], ...] = (
        (history.loss_of_ccyr, CytogeneticRelapse.LOSS_OF_CCYR),
        (history.loss_of_mcyr, CytogeneticRelapse.LOSS_OF_MCYR),
        # Form A asks only for a new ACA; the ELN confirmation rule grades it, not this.
        (history.clonal_evolution_seen, CytogeneticRelapse.CLONAL_EVOLUTION),
    )
    for event, sub_code in relapses:
        if event is not None:
            found.append(SupportedReason(FormAReason.CYTOGENETIC_RELAPSE, event.on, sub_code))
    if history.progression is not None:
        found.append(SupportedReason(FormAReason.PROGRESSION, history.progression.on))
    if discontinuation is not None and discontinuation.because_of_toxicity:
        found.append(SupportedReason(FormAReason.TOXICITY, discontinuation.on))

    at_18, _on = _milestone_ph_above(imatinib_start, series, 18, 0.0)
    return FormAReasons(
        supported=tuple(sorted(found, key=lambda s: (_ORDER[s.reason], s.on))),
        less_than_ccyr_at_18_months=at_18,
    )


class FormAWarning(StrEnum):
    """Consistency warnings about the reason a centre chose (domain.md §3.5; warn, never block)."""

    NOT_SUPPORTED = "the entered data do not support this reason"
    BEFORE_EARLIEST_DATE = "the failure date is before the earliest date this reason can apply"
    NO_EARLIER_CHR = "haematological relapse without an earlier assessment in CHR"
    NO_EARLIER_CYTOGENETIC_RESPONSE = "cytogenetic relapse without an earlier CCyR or MCyR"


def check_form_a_reason(
    reason: FormAReason,
    *,
    failure_date: date,
    imatinib_start: date,
    assessments: Iterable[DatedAssessment],
    discontinuation: Discontinuation | None = None,
) -> tuple[FormAWarning, ...]:
    """Warnings about the Form A reason a centre chose, against the entered data (§3.5).

    * the data do not support the reason (e.g. "No MCyR" but no marrow between 11 and 13.5 months,
      or Ph+ ≤ 35 % there);
    * the failure date is before the earliest date the reason can apply (2, 5 and 11 months
      after T0 for the three milestone reasons, the first documented response for a relapse,
      T0 otherwise);
    * "Haematological relapse" without an earlier assessment in CHR;
    * "Cytogenetic relapse" without an earlier CCyR or MCyR (unless it is clonal evolution).

    Args:
        reason: The reason chosen on Form A.
        failure_date: The failure date entered.
        imatinib_start: The date imatinib was started (T0).
        assessments: The dated assessments on imatinib.
        discontinuation: The stop of imatinib, if it was stopped.

    Returns:
        The warnings, empty when the reason is consistent with the data.
    """
    chosen = FormAReason(reason)
    series = tuple(assessments)
    derived = supported_form_a_reasons(imatinib_start, series, discontinuation)
    history = response_history(imatinib_start, series)
    warnings: list[FormAWarning] = []
    if chosen not in derived.reasons:
        warnings.append(FormAWarning.NOT_SUPPORTED)

    earliest_month = _EARLIEST_MONTHS.get(chosen)
    if earliest_month is not None:
        too_early = months_on_imatinib(imatinib_start, failure_date) < earliest_month
    elif chosen is FormAReason.HAEMATOLOGICAL_RELAPSE and history.first_chr is not None:
        too_early = failure_date <= history.first_chr
    elif chosen is FormAReason.CYTOGENETIC_RELAPSE and history.first_mcyr is not None:
        too_early = failure_date <= history.first_mcyr and history.clonal_evolution_seen is None
    else:
        too_early = failure_date < imatinib_start
    if too_early:
        warnings.append(FormAWarning.BEFORE_EARLIEST_DATE)

    if chosen is FormAReason.HAEMATOLOGICAL_RELAPSE and (
        history.first_chr is None or history.first_chr >= failure_date
    ):
        warnings.append(FormAWarning.NO_EARLIER_CHR)
    if (
        chosen is FormAReason.CYTOGENETIC_RELAPSE
        and history.clonal_evolution_seen is None
        and (history.first_mcyr is None or history.first_mcyr >= failure_date)
    ):
        warnings.append(FormAWarning.NO_EARLIER_CYTOGENETIC_RESPONSE)
    return tuple(warnings)
