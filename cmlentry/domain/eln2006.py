"""ELN 2006 assessment of the response to imatinib at 3, 6, 12 and 18 months and at any time.

domain.md §3.1 (Baccarani et al., Blood 2006) with the milestone windows of §3.5 [DESIGN]. Import
the names from :mod:`cmlentry.domain.response`.

=========  ===============================  ================================  =====================
time       failure                          suboptimal response               warning
=========  ===============================  ================================  =====================
diagnosis  –                                –                                 high risk (Sokal or
                                                                              Euro); del(9q+);
                                                                              ACA in Ph+ cells
3 months   no HR (stable disease or         less than CHR                     –
           progression)
6 months   less than CHR; no CyR (Ph+>95%)  less than PCyR (Ph+ > 35 %)       –
12 months  less than PCyR (Ph+ > 35 %)      less than CCyR                    less than MMR
18 months  less than CCyR                   less than MMR                     –
any time   loss of CHR; loss of CCyR;       ACA in Ph+ cells; loss of MMR;    any rise in transcript
           mutation, high insensitivity;    mutation, low insensitivity       level; ACA in Ph−
           progression to AP/BC                                               cells
=========  ===============================  ================================  =====================

ELN 2006 has no "optimal" column (ELN 2009 added one). Here ``OPTIMAL`` means only that no
failure, suboptimal or warning criterion is met. Progression to AP/BC is listed as an any-time
failure because domain.md §3.5 grades it so ("implies loss of CHR").

The confirmation rules are the footnotes of the ELN 2006 table, which are [UNVERIFIED] in
domain.md (recalled, not retrieved); they are applied as domain.md states them:

* loss of CHR: confirmed on 2 occasions unless associated with progression to AP/BC;
* loss of CCyR: confirmed on 2 occasions unless associated with loss of CHR or progression;
* ACA in Ph+ cells and loss of MMR: confirmed on 2 occasions unless associated with loss of CHR
  or of CCyR.

"Confirmed on 2 occasions" is read as two consecutive determinations of the same kind showing the
loss; "associated with" as shown at the same assessment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cmlentry.domain.clinical import ClinicalValueError, Risk, settled
from cmlentry.domain.phase import Phase
from cmlentry.domain.response_categories import (
    CytogeneticResponse,
    MolecularResponse,
    cytogenetic_response,
    molecular_response,
)

DAYS_PER_MONTH = 30.4375  # domain.md §3.5: months since T0 = days / 30.4375
MILESTONE_MONTHS = (3, 6, 12, 18)
WINDOW_MONTHS_BEFORE = 1.0  # §3.5 [DESIGN]: the window of milestone m is [m − 1, m + 1.5]
WINDOW_MONTHS_AFTER = 1.5


def months_on_imatinib(imatinib_start: date, on: date) -> float:
    """Months from the imatinib start date to ``on``: days / 30.4375 (domain.md §3.5)."""
    return (on - imatinib_start).days / DAYS_PER_MONTH


def in_milestone_window(months: float, milestone: int) -> bool:
    """Whether ``months`` lies in the window [m − 1, m + 1.5] of milestone ``m`` (ends included)."""
    return milestone - WINDOW_MONTHS_BEFORE <= months <= milestone + WINDOW_MONTHS_AFTER


class ImatinibInsensitivity(StrEnum):
    """How insensitive a BCR-ABL1 kinase-domain mutation makes the leukaemia to imatinib."""

    HIGH = "high"  # e.g. T315I: failure
    LOW = "low"  # suboptimal response


@dataclass(frozen=True)
class DatedAssessment:
    """What one dated assessment on imatinib showed. Leave ``None`` what was not examined.

    Attributes:
        on: Date of the assessment (blood, marrow or PCR sample).
        chr: Complete haematologic response, computed from the counts with
            :func:`~cmlentry.domain.response.complete_haematologic_response`.
        haematologic_response: Any haematologic response (complete or partial); ``False`` is
            "no HR", i.e. stable disease. Needed only for the 3-month failure criterion.
        ph_positive_pct: Ph+ metaphases in %.
        metaphases: Number of metaphases analysed; required with ``ph_positive_pct``.
        bcr_abl1_is_pct: BCR-ABL1 in % on the IS (see ``bcr_abl1_on_is``).
        bcr_abl1_undetectable: The transcript was not detected.
        abl1_copies: ABL1 control-gene copies of the PCR sample.
        bcr_abl1_on_is: Whether ``bcr_abl1_is_pct`` is on the International Scale.
        phase: Disease phase (computed with :func:`~cmlentry.domain.response.disease_phase`).
        clonal_evolution: Additional chromosome abnormalities (ACA) in Ph+ cells that were not
            there before.
        aca_ph_negative: Chromosome abnormalities in Ph− cells.
        mutation: A kinase-domain mutation found, by its insensitivity to imatinib.
    """

    on: date
    chr: bool | None = None
    haematologic_response: bool | None = None
    ph_positive_pct: float | None = None
    metaphases: int | None = None
    bcr_abl1_is_pct: float | None = None
    bcr_abl1_undetectable: bool = False
    abl1_copies: int | None = None
    bcr_abl1_on_is: bool = True
    phase: Phase | None = None
    clonal_evolution: bool | None = None
    aca_ph_negative: bool | None = None
    mutation: ImatinibInsensitivity | None = None

    def __post_init__(self) -> None:
        if (self.ph_positive_pct is None) != (self.metaphases is None):
            raise ClinicalValueError(
                "metaphases", "give the Ph+ % and the number of metaphases together"
            )
        # Check the values now, so that a bad one is reported where it was entered.
        _ = self.cytogenetic, self.molecular

    @property
    def cytogenetic(self) -> CytogeneticResponse | None:
        """The cytogenetic response, or ``None`` when no karyotype was done."""
        if self.ph_positive_pct is None or self.metaphases is None:
            return None
        return cytogenetic_response(self.ph_positive_pct, self.metaphases)

    @property
    def molecular(self) -> MolecularResponse | None:
        """The molecular response, or ``None`` when no PCR was done."""
        if self.bcr_abl1_is_pct is None and not self.bcr_abl1_undetectable:
            return None
        return molecular_response(
            self.bcr_abl1_is_pct,
            undetectable=self.bcr_abl1_undetectable,
            abl1_copies=self.abl1_copies,
            international_scale=self.bcr_abl1_on_is,
        )

    @property
    def progressed(self) -> bool:
        return self.phase is not None and Phase(self.phase).advanced

    @property
    def chr_status(self) -> bool | None:
        """CHR as entered; without it, accelerated or blast phase means no CHR."""
        if self.chr is not None:
            return self.chr
        return False if self.progressed else None

    @property
    def no_haematologic_response(self) -> bool | None:
        """ "No HR (stable disease or progression)": ``True``, ``False`` or unknown."""
        if self.progressed or self.haematologic_response is False:
            return True
        if self.chr is True or self.haematologic_response is True:
            return False
        return None


class ElnGrade(StrEnum):
    """Grade of an ELN assessment, from best to worst, then "not evaluable"."""

    OPTIMAL = "optimal"
    WARNING = "warning"
    SUBOPTIMAL = "suboptimal"
    FAILURE = "failure"
    NOT_EVALUABLE = "not evaluable"

    @property
    def severity(self) -> int:
        """0 optimal, 1 warning, 2 suboptimal, 3 failure; −1 for not evaluable."""
        return -1 if self is ElnGrade.NOT_EVALUABLE else list(ElnGrade).index(self)


class Eln2006Criterion(StrEnum):
    """The criteria of the ELN 2006 table (domain.md §3.1)."""

    HIGH_RISK = "high risk (Sokal or Euro)"
    DELETION_9Q = "del(9q+)"
    NO_HR = "no haematologic response"
    LESS_THAN_CHR = "less than CHR"
    NO_CYR = "no cytogenetic response (Ph+ > 95 %)"
    LESS_THAN_PCYR = "less than PCyR (Ph+ > 35 %)"
    LESS_THAN_CCYR = "less than CCyR (Ph+ > 0 %)"
    LESS_THAN_MMR = "less than MMR"
    LOSS_OF_CHR = "loss of CHR"
    LOSS_OF_CCYR = "loss of CCyR"
    LOSS_OF_MMR = "loss of MMR"
    # Not in the ELN 2006 table: the IRIS-protocol cytogenetic relapse, a Form A sub-code (§3.5).
    LOSS_OF_MCYR = "loss of MCyR"
    PROGRESSION = "progression to AP/BC"
    MUTATION_HIGH_INSENSITIVITY = "mutation, high insensitivity to imatinib"
    MUTATION_LOW_INSENSITIVITY = "mutation, low insensitivity to imatinib"
    ACA_PH_POSITIVE = "ACA in Ph+ cells"
    ACA_PH_NEGATIVE = "ACA in Ph− cells"
    RISING_TRANSCRIPT = "rise in transcript level"


@dataclass(frozen=True)
class ElnFinding:
    """A criterion met, with the date of the assessment that establishes it.

    Attributes:
        criterion: The criterion.
        grade: Its grade in the ELN 2006 table.
        on: The date the criterion is established (for a loss, the confirming determination).
        first_seen: The first determination showing it (earlier than ``on`` for a confirmed
            loss; equal otherwise).
    """

    criterion: Eln2006Criterion
    grade: ElnGrade
    on: date
    first_seen: date


@dataclass(frozen=True)
class MilestoneAssessment:
    """The ELN 2006 grade at one milestone.

    Attributes:
        month: 3, 6, 12 or 18.
        grade: The worst grade of the criteria met. ``NOT_EVALUABLE`` when no failure or
            suboptimal criterion is met and one of them could not be assessed (no data in the
            window); a grade of at least suboptimal stands even if a worse criterion could not be
            assessed, and is then a lower bound (``complete`` is ``False``).
        findings: The criteria met.
        not_assessed: The criteria of this milestone that the data could not decide.
    """

    month: int
    grade: ElnGrade
    findings: tuple[ElnFinding, ...]
    not_assessed: tuple[Eln2006Criterion, ...]

    @property
    def complete(self) -> bool:
        return not self.not_assessed


@dataclass(frozen=True)
class Eln2006Assessment:
    """The ELN 2006 assessment of one patient on imatinib.

    Attributes:
        milestones: The assessments at 3, 6, 12 and 18 months, in that order.
        any_time: The "any time" criteria met, in date order.
        any_time_grade: Their worst grade; ``OPTIMAL`` if none is met; ``NOT_EVALUABLE`` when
            there is no assessment on imatinib at all.
    """

    milestones: tuple[MilestoneAssessment, ...]
    any_time: tuple[ElnFinding, ...]
    any_time_grade: ElnGrade

    def at(self, month: int) -> MilestoneAssessment:
        """The milestone assessment at ``month`` (3, 6, 12 or 18)."""
        for milestone in self.milestones:
            if milestone.month == month:
                return milestone
        raise ClinicalValueError("month", "choose 3, 6, 12 or 18")


# --- milestones --------------------------------------------------------------------------------

_Test = Callable[[DatedAssessment], bool | None]


def has_haematology(a: DatedAssessment) -> bool:
    """The assessment says whether there is a (complete) haematologic response."""
    return a.chr_status is not None or a.haematologic_response is not None


def has_cytogenetics(a: DatedAssessment) -> bool:
    """The assessment has a karyotype with at least one metaphase."""
    # A karyotype without metaphases (culture failure) is no result at all.
    return a.metaphases is not None and a.metaphases > 0


def has_molecular(a: DatedAssessment) -> bool:
    """The assessment has a BCR-ABL1 result with a category (on the IS, or undetectable)."""
    return a.molecular is not None and a.molecular.category is not None


def _less_than_chr(a: DatedAssessment) -> bool | None:
    return None if a.chr_status is None else not a.chr_status


def _ph_above(pct: float) -> _Test:
    def test(a: DatedAssessment) -> bool | None:
        cytogenetic = a.cytogenetic
        return None if cytogenetic is None else cytogenetic.ph_positive_above(pct)

    return test


def _less_than_mmr(a: DatedAssessment) -> bool | None:
    molecular = a.molecular
    major = None if molecular is None else molecular.major
    return None if major is None else not major


_C = Eln2006Criterion
_G = ElnGrade
# Per milestone: (criterion, grade, which assessments carry the data, the test).
_MILESTONE_RULES: dict[
    int, tuple[tuple[Eln2006Criterion, ElnGrade, Callable[[DatedAssessment], bool], _Test], ...]
] = {
    3: (
        (_C.NO_HR, _G.FAILURE, has_haematology, lambda a: a.no_haematologic_response),
        (_C.LESS_THAN_CHR, _G.SUBOPTIMAL, has_haematology, _less_than_chr),
    ),
    6: (
        (_C.LESS_THAN_CHR, _G.FAILURE, has_haematology, _less_than_chr),
        (_C.NO_CYR, _G.FAILURE, has_cytogenetics, _ph_above(95.0)),
        (_C.LESS_THAN_PCYR, _G.SUBOPTIMAL, has_cytogenetics, _ph_above(35.0)),
    ),
    12: (
        (_C.LESS_THAN_PCYR, _G.FAILURE, has_cytogenetics, _ph_above(35.0)),
        (_C.LESS_THAN_CCYR, _G.SUBOPTIMAL, has_cytogenetics, _ph_above(0.0)),
        (_C.LESS_THAN_MMR, _G.WARNING, has_molecular, _less_than_mmr),
    ),
    18: (
        (_C.LESS_THAN_CCYR, _G.FAILURE, has_cytogenetics, _ph_above(0.0)),
        (_C.LESS_THAN_MMR, _G.SUBOPTIMAL, has_molecular, _less_than_mmr),
    ),
}


def milestone_data(
    imatinib_start: date,
    assessments: Iterable[DatedAssessment],
    milestone: int,
    has_data: Callable[[DatedAssessment], bool],
) -> DatedAssessment | None:
    """The last assessment in the milestone's window that carries the data ``has_data`` asks for.

    [DESIGN] domain.md §3.5 says "use the last assessment in the window". Blood counts, marrow and
    PCR are often on different dates, so "last" is taken per kind of data: a blood count at
    6.5 months does not hide the marrow at 6.0 months.
    """
    in_window = [
        a
        for a in assessments
        if in_milestone_window(months_on_imatinib(imatinib_start, a.on), milestone) and has_data(a)
    ]
    return max(in_window, key=lambda a: a.on, default=None)


def _milestone(
    imatinib_start: date, assessments: Sequence[DatedAssessment], month: int
) -> MilestoneAssessment:
    findings: list[ElnFinding] = []
    not_assessed: list[Eln2006Criterion] = []
    for criterion, grade, has_data, test in _MILESTONE_RULES[month]:
        chosen = milestone_data(imatinib_start, assessments, month, has_data)
        met = None if chosen is None else test(chosen)
        if met is None:
            not_assessed.append(criterion)
        elif met and chosen is not None:
            findings.append(ElnFinding(criterion, grade, chosen.on, chosen.on))
    worst = max((f.grade for f in findings), key=lambda g: g.severity, default=ElnGrade.OPTIMAL)
    open_serious = any(
        grade.severity >= ElnGrade.SUBOPTIMAL.severity
        for criterion, grade, _has, _test in _MILESTONE_RULES[month]
        if criterion in not_assessed
    )
    if worst.severity < ElnGrade.SUBOPTIMAL.severity and open_serious:
        worst = ElnGrade.NOT_EVALUABLE
    return MilestoneAssessment(month, worst, tuple(findings), tuple(not_assessed))


# --- the series: losses, progression, clonal evolution -----------------------------------------


@dataclass(frozen=True)
class ResponseHistory:
    """What the series of assessments on imatinib shows over time.

    Each event is the first :class:`ElnFinding` of its kind (``None`` if it never happened);
    ``first_*`` are the dates a response was first documented on imatinib.
    ``loss_of_mcyr`` is the IRIS-protocol variant of cytogenetic relapse (domain.md §3.5), not an
    ELN 2006 criterion; it is graded ``FAILURE`` like the loss of CCyR it stands in for.
    ``clonal_evolution_seen`` is the first ACA in Ph+ cells, confirmed or not.
    """

    progression: ElnFinding | None
    loss_of_chr: ElnFinding | None
    loss_of_ccyr: ElnFinding | None
    loss_of_mcyr: ElnFinding | None
    loss_of_mmr: ElnFinding | None
    clonal_evolution: ElnFinding | None
    clonal_evolution_seen: ElnFinding | None
    aca_ph_negative: ElnFinding | None
    rising_transcript: ElnFinding | None
    mutation_high: ElnFinding | None
    mutation_low: ElnFinding | None
    first_chr: date | None
    first_ccyr: date | None
    first_mcyr: date | None

    def eln2006_findings(self) -> tuple[ElnFinding, ...]:
        """The ELN 2006 "any time" criteria met, in date order."""
        events = (
            self.progression,
            self.loss_of_chr,
            self.loss_of_ccyr,
            self.mutation_high,
            self.clonal_evolution,
            self.loss_of_mmr,
            self.mutation_low,
            self.rising_transcript,
            self.aca_ph_negative,
        )
        return tuple(sorted((e for e in events if e is not None), key=lambda e: e.on))


class _Loss:
    """Tracks one response through the series: documented, then lost and confirmed."""

    def __init__(self, criterion: Eln2006Criterion, grade: ElnGrade) -> None:
        self.criterion = criterion
        self.grade = grade
        self.first_response: date | None = None
        self.pending: date | None = None
        self.event: ElnFinding | None = None

    def responded(self, on: date) -> None:
        self.first_response = self.first_response or on
        self.pending = None

    def lost(self, on: date, *, no_confirmation_needed: bool) -> bool:
        """Record a determination showing the loss; return whether the response was there."""
        if self.first_response is None:
            return False
        if self.event is None and (no_confirmation_needed or self.pending is not None):
            self.event = ElnFinding(self.criterion, self.grade, on, self.pending or on)
        self.pending = self.pending or on
        return True


class _Scan:
    """One pass over the series in date order; each step updates every response it concerns."""

    def __init__(self) -> None:
        self.chr = _Loss(_C.LOSS_OF_CHR, _G.FAILURE)
        self.ccyr = _Loss(_C.LOSS_OF_CCYR, _G.FAILURE)
        self.mcyr = _Loss(_C.LOSS_OF_MCYR, _G.FAILURE)
        self.mmr = _Loss(_C.LOSS_OF_MMR, _G.SUBOPTIMAL)
        self.firsts: dict[Eln2006Criterion, ElnFinding] = {}
        self.aca_pending: date | None = None
        self.clonal_evolution: ElnFinding | None = None
        self.previous_level: float | None = None

    def once(self, criterion: Eln2006Criterion, grade: ElnGrade, on: date) -> None:
        self.firsts.setdefault(criterion, ElnFinding(criterion, grade, on, on))

    def step(self, a: DatedAssessment) -> None:
        if a.progressed:
            self.once(_C.PROGRESSION, _G.FAILURE, a.on)
        lost_chr = False
        if a.chr_status is True:
            self.chr.responded(a.on)
        elif a.chr_status is False:
            lost_chr = self.chr.lost(a.on, no_confirmation_needed=a.progressed)
        lost_ccyr = self._cytogenetics(a, associated=lost_chr or a.progressed)
        self._molecular(a, associated=lost_chr or lost_ccyr)
        self._karyotype(a, associated=lost_chr or lost_ccyr)
        if a.mutation is not None:
            if ImatinibInsensitivity(a.mutation) is ImatinibInsensitivity.HIGH:
                self.once(_C.MUTATION_HIGH_INSENSITIVITY, _G.FAILURE, a.on)
            else:
                self.once(_C.MUTATION_LOW_INSENSITIVITY, _G.SUBOPTIMAL, a.on)

    def _cytogenetics(self, a: DatedAssessment, *, associated: bool) -> bool:
        """Track CCyR and MCyR; return whether this marrow shows a loss of CCyR."""
        cytogenetic = a.cytogenetic if has_cytogenetics(a) else None
        if cytogenetic is None:
            return False
        lost_ccyr = False
        if cytogenetic.complete is True:
            self.ccyr.responded(a.on)
        elif cytogenetic.ph_positive_above(0.0) is True:
            lost_ccyr = self.ccyr.lost(a.on, no_confirmation_needed=associated)
        if cytogenetic.major is True:
            self.mcyr.responded(a.on)
        elif cytogenetic.ph_positive_above(35.0) is True:
            self.mcyr.lost(a.on, no_confirmation_needed=associated)
        return lost_ccyr

    def _molecular(self, a: DatedAssessment, *, associated: bool) -> None:
        molecular = a.molecular if has_molecular(a) else None
        if molecular is None:
            return
        if molecular.major:
            self.mmr.responded(a.on)
        else:
            self.mmr.lost(a.on, no_confirmation_needed=associated)
        # "Any rise in transcript level": above the previous IS result; undetectable counts as 0.
        level = settled(molecular.bcr_abl1_is_pct or 0.0)
        if self.previous_level is not None and level > self.previous_level:
            self.once(_C.RISING_TRANSCRIPT, _G.WARNING, a.on)
        self.previous_level = level

    def _karyotype(self, a: DatedAssessment, *, associated: bool) -> None:
        if a.clonal_evolution is True:
            self.once(_C.ACA_PH_POSITIVE, _G.SUBOPTIMAL, a.on)
            if self.clonal_evolution is None and (associated or self.aca_pending is not None):
                first = self.aca_pending or a.on
                self.clonal_evolution = ElnFinding(_C.ACA_PH_POSITIVE, _G.SUBOPTIMAL, a.on, first)
            self.aca_pending = self.aca_pending or a.on
        elif a.clonal_evolution is False:
            self.aca_pending = None
        if a.aca_ph_negative is True:
            self.once(_C.ACA_PH_NEGATIVE, _G.WARNING, a.on)


def response_history(
    imatinib_start: date, assessments: Iterable[DatedAssessment]
) -> ResponseHistory:
    """Scan the assessments from the imatinib start date on, in date order.

    Assessments dated before the start are ignored: a CHR under hydroxyurea is not a response to
    imatinib. A determination that cannot decide (e.g. 0 Ph+ of 10 metaphases) neither confirms
    nor interrupts a loss.

    Args:
        imatinib_start: The date imatinib was started (T0).
        assessments: The dated assessments, in any order.

    Returns:
        The first event of each kind and the dates responses were first documented.
    """
    scan = _Scan()
    for a in sorted((a for a in assessments if a.on >= imatinib_start), key=lambda a: a.on):
        scan.step(a)
    firsts = scan.firsts
    return ResponseHistory(
        progression=firsts.get(_C.PROGRESSION),
        loss_of_chr=scan.chr.event,
        loss_of_ccyr=scan.ccyr.event,
        loss_of_mcyr=scan.mcyr.event,
        loss_of_mmr=scan.mmr.event,
        clonal_evolution=scan.clonal_evolution,
        clonal_evolution_seen=firsts.get(_C.ACA_PH_POSITIVE),
        aca_ph_negative=firsts.get(_C.ACA_PH_NEGATIVE),
        rising_transcript=firsts.get(_C.RISING_TRANSCRIPT),
        mutation_high=firsts.get(_C.MUTATION_HIGH_INSENSITIVITY),
        mutation_low=firsts.get(_C.MUTATION_LOW_INSENSITIVITY),
        first_chr=scan.chr.first_response,
        first_ccyr=scan.ccyr.first_response,
        first_mcyr=scan.mcyr.first_response,
    )


# --- public entry points -----------------------------------------------------------------------


def eln2006_assessment(
    imatinib_start: date, assessments: Iterable[DatedAssessment]
) -> Eln2006Assessment:
    """The ELN 2006 grades at 3, 6, 12 and 18 months and at any time (domain.md §3.1, §3.5).

    Each milestone ``m`` uses, for each kind of data (blood, marrow, PCR), the last assessment in
    the window [m − 1, m + 1.5] months after the imatinib start; with none, the criteria needing
    it are "not assessed" (see :class:`MilestoneAssessment` for the resulting grade). Months are
    days / 30.4375. ELN gives no tolerance window; this one is the [DESIGN] of §3.5.

    Args:
        imatinib_start: The date imatinib was started (T0).
        assessments: The dated assessments, in any order. Those before T0 are ignored.

    Returns:
        The milestone grades and the "any time" findings.
    """
    series = tuple(assessments)
    on_treatment = [a for a in series if a.on >= imatinib_start]
    history = response_history(imatinib_start, series)
    any_time = history.eln2006_findings()
    if any_time:
        any_time_grade = max((f.grade for f in any_time), key=lambda g: g.severity)
    else:
        any_time_grade = ElnGrade.OPTIMAL if on_treatment else ElnGrade.NOT_EVALUABLE
    return Eln2006Assessment(
        milestones=tuple(_milestone(imatinib_start, on_treatment, m) for m in MILESTONE_MONTHS),
        any_time=any_time,
        any_time_grade=any_time_grade,
    )


def eln2006_baseline_warnings(
    *,
    sokal_risk: Risk | None = None,
    hasford_risk: Risk | None = None,
    deletion_9q: bool | None = None,
    aca_ph_positive: bool | None = None,
) -> tuple[Eln2006Criterion, ...]:
    """ELN 2006 warnings at diagnosis: high risk (Sokal or Euro), del(9q+), ACA in Ph+ cells."""
    warnings: list[Eln2006Criterion] = []
    if Risk.HIGH in (sokal_risk, hasford_risk):
        warnings.append(_C.HIGH_RISK)
    if deletion_9q:
        warnings.append(_C.DELETION_9Q)
    if aca_ph_positive:
        warnings.append(_C.ACA_PH_POSITIVE)
    return tuple(warnings)
