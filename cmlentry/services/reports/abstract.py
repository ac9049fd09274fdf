"""The trial abstract's end points for a set of patients: the figures a report prints (issue 7).

From the patients' end points (:func:`.endpoints.derive_endpoints`):

* CHR at any time: patients with CHR / patients whose assessments decide it;
* cytogenetic response at 12 months: patients per category / patients with a category;
* grade III–IV neutropenia, thrombocytopenia, anaemia: patients / all patients (no record of a
  cytopenia reads as none);
* interruptions for toxicity: patients interrupted, and the median and range of their weeks
  without imatinib (days / 7);
* progression-free survival: the Kaplan–Meier curve in months (days / 30.4375) with the 95 %
  interval type chosen, Ŝ at the landmarks (12 and 18 months), the curves by Sokal group and
  their log-rank test.

Each figure keeps its denominator, and each end point lists the patients left out by reason
(:class:`ExclusionCount`), so a report never hides who is missing. The event set, origin and CI
type travel with the result, to be printed beside it.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cmlentry.domain.clinical import Risk
from cmlentry.domain.response import CytogeneticCategory
from cmlentry.domain.survival import (
    CiType,
    KmCurve,
    Landmark,
    LogRank,
    ci_type,
    kaplan_meier,
    landmark,
    logrank,
)
from cmlentry.services.reports.endpoints import (
    EndpointOptions,
    Excluded,
    Exclusion,
    PatientEndpoints,
    PfsTime,
)
from cmlentry.services.reports.findings import CYTOPENIAS

LANDMARK_MONTHS = (12.0, 18.0)
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``total`` patients."""

    count: int
    total: int

    @property
    def percent(self) -> float | None:
        """100 × count / total; None when there is no patient to count."""
        return 100 * self.count / self.total if self.total else None


@dataclass(frozen=True)
class ExclusionCount:
    """How many patients an end point left out for one reason."""

    reason: Exclusion
    count: int


@dataclass(frozen=True)
class Interruptions:
    """Interruptions of imatinib for toxicity: patients interrupted, and their weeks off it."""

    patients: int
    median_weeks: float | None
    min_weeks: float | None
    max_weeks: float | None
    excluded: tuple[ExclusionCount, ...]


@dataclass(frozen=True)
class PfsSummary:
    """Progression-free survival under ``options``, in months, with ``ci`` intervals.

    Attributes:
        options: Event set, origin and censoring (print them beside the figures).
        ci: The interval type of every limit.
        curve: The Kaplan–Meier curve; None when no patient has a time.
        landmarks: Ŝ at each landmark month; empty without a curve.
        excluded: Patients without a time, by reason.
        by_sokal: A curve per Sokal group with patients (low, intermediate, high).
        sokal_logrank: The log-rank test across those groups; None with fewer than two.
        sokal_excluded: Patients with a time but no Sokal group, by reason.
    """

    options: EndpointOptions
    ci: CiType
    curve: KmCurve | None
    landmarks: tuple[Landmark, ...]
    excluded: tuple[ExclusionCount, ...]
    by_sokal: tuple[tuple[Risk, KmCurve], ...]
    sokal_logrank: LogRank | None
    sokal_excluded: tuple[ExclusionCount, ...]


@dataclass(frozen=True)
class AbstractEndpoints:
    """The abstract's end points for ``patients`` patients (see the module docstring)."""

    patients: int
    chr_any_time: Proportion
    chr_excluded: tuple[ExclusionCount, ...]
    cytogenetic_12_months: tuple[tuple[CytogeneticCategory, Proportion], ...]
    cytogenetic_excluded: tuple[ExclusionCount, ...]
    severe_cytopenias: tuple[tuple[str, Proportion], ...]
    interruptions: Interruptions
    pfs: PfsSummary


def abstract_endpoints(
    patients: Sequence[PatientEndpoints],
    options: EndpointOptions,
    ci: CiType | str = CiType.PLAIN,
    landmark_months: Sequence[float] = LANDMARK_MONTHS,
) -> AbstractEndpoints:
    """The figures of the module docstring.

    Args:
        patients: The patients' end points, computed under ``options``.
        options: The options ``patients`` were computed under (carried to the result).
        ci: The interval type: plain (as Cervantes 2003 reports), log or log-log.
        landmark_months: Where to read Ŝ off the curve.

    Raises:
        UnknownCiType: ``ci`` is not plain, log or log-log.
    """
    kind = ci_type(ci)
    findings = [p.findings for p in patients]
    chr_values = [f.chr_any_time for f in findings]
    decided_chr = [v for v in chr_values if isinstance(v, bool)]
    categories = [f.cytogenetic_12_months for f in findings]
    categorised = [c for c in categories if isinstance(c, CytogeneticCategory)]
    cytopenias = [
        (term, Proportion(sum(f.cytopenias[i].severe for f in findings), len(findings)))
        for i, term in enumerate(CYTOPENIAS)
    ]
    return AbstractEndpoints(
        patients=len(patients),
        chr_any_time=Proportion(sum(decided_chr), len(decided_chr)),
        chr_excluded=_excluded(chr_values),
        cytogenetic_12_months=tuple(
            (c, Proportion(categorised.count(c), len(categorised))) for c in CytogeneticCategory
        ),
        cytogenetic_excluded=_excluded(categories),
        severe_cytopenias=tuple(cytopenias),
        interruptions=_interruptions([f.toxicity_interruption_days for f in findings]),
        pfs=_pfs(patients, options, kind, landmark_months),
    )


def _excluded(values: Sequence[object]) -> tuple[ExclusionCount, ...]:
    counts = Counter(v.reason for v in values if isinstance(v, Excluded))
    return tuple(ExclusionCount(reason, counts[reason]) for reason in Exclusion if counts[reason])


def _interruptions(values: Sequence[int | Excluded | None]) -> Interruptions:
    weeks = [v / DAYS_PER_WEEK for v in values if isinstance(v, int)]
    return Interruptions(
        patients=len(weeks),
        median_weeks=statistics.median(weeks) if weeks else None,
        min_weeks=min(weeks, default=None),
        max_weeks=max(weeks, default=None),
        excluded=_excluded(values),
    )


def _pfs(
    patients: Sequence[PatientEndpoints],
    options: EndpointOptions,
    ci: CiType,
    landmark_months: Sequence[float],
) -> PfsSummary:
    timed = [(p, p.pfs) for p in patients if isinstance(p.pfs, PfsTime)]
    curve = None
    if timed:
        curve = kaplan_meier(
            [t.months for _, t in timed], [t.observed for _, t in timed], ci, what="PFS"
        )
    groups: dict[Risk, tuple[list[float], list[bool]]] = {risk: ([], []) for risk in Risk}
    for patient, time in timed:
        sokal = patient.findings.sokal
        if isinstance(sokal, Risk):
            groups[sokal][0].append(time.months)
            groups[sokal][1].append(time.observed)
    by_sokal = tuple(
        (risk, kaplan_meier(times, events, ci, what=f"Sokal {risk}"))
        for risk, (times, events) in groups.items()
        if times
    )
    return PfsSummary(
        options=options,
        ci=ci,
        curve=curve,
        landmarks=tuple(landmark(curve, m) for m in landmark_months) if curve else (),
        excluded=_excluded([p.pfs for p in patients]),
        by_sokal=by_sokal,
        sokal_logrank=(
            logrank({str(risk): groups[risk] for risk in Risk}) if len(by_sokal) >= 2 else None
        ),
        sokal_excluded=_excluded([patient.findings.sokal for patient, _ in timed]),
    )
