"""The trial abstract's per-patient end points other than survival (Cervantes 2003, issue 7).

From one case's answers, each computed as the case editor computes its derived items:

* **Sokal group**: the Sokal score of the baseline values (:mod:`cmlentry.domain.derived.scores`:
  only pre-treatment values, age from the month and year of birth) and its risk group;
* **complete haematologic response at any time on imatinib**: CHR at any assessment dated on or
  after the imatinib start (:func:`~cmlentry.domain.derived.assessments.derive_chr`); "no" when
  every assessment that decides it shows no CHR;
* **cytogenetic response at 12 months**: the category of the last karyotype with a category
  (≥ 20 metaphases, or few metaphases that still decide it) in the ELN window of the 12-month
  milestone, 11 to 13.5 months after the imatinib start (domain.md §3.5 [DESIGN]);
* **worst grade of neutropenia, thrombocytopenia and anaemia**: from the toxicity form, the higher
  of the grade entered and the grade of the lowest value entered (CTCAE, the version entered);
  and for thrombocytopenia also from the platelet counts of the assessments on imatinib (from
  its start to its stop, else the failure date) in chronic phase, as reported and as computed,
  since a low count in AP/BC is the disease's. The assessments have no neutrophil count or
  haemoglobin, so those two come from the toxicity form only. The platelet limits are the same
  in CTCAE v3.0 and v5.0. An absent record reads as no such event: the form is the only source;
* **interruptions for toxicity**: the days without imatinib over every interruption whose reason
  is toxicity, from "Interrupted on" to the day before "Resumed on"; one not resumed runs to the
  stop of imatinib, else to the failure date (as :mod:`cmlentry.domain.derived.treatment`).

A patient for whom an end point cannot be decided gets an :class:`~.endpoints.Excluded` for it,
with the reason; rows left out of a calculation are listed in ``notes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cmlentry.domain.clinical import Risk
from cmlentry.domain.derived import ADVERSE_EVENTS, ASSESSMENTS, CALCULATIONS, INTERRUPTIONS
from cmlentry.domain.derived.answers import AnswerReader, CaseAnswers
from cmlentry.domain.derived.toxicity import derive_ctcae_grade
from cmlentry.domain.response import (
    ClinicalValueError,
    CtcaeVersion,
    CytogeneticCategory,
    DatedAssessment,
    Phase,
    milestone_data,
    thrombocytopenia_grade,
)
from cmlentry.domain.scores import sokal_risk
from cmlentry.domain.validation import Row
from cmlentry.services.reports.evidence import ADVANCED_PHASES
from cmlentry.services.reports.exclusions import Excluded, Exclusion
from cmlentry.services.reports.records import CaseView

CYTOPENIAS = ("NEUTROPENIA", "THROMBOCYTOPENIA", "ANAEMIA")
SEVERE_GRADE = 3  # "grade III–IV": 3 and worse (a grade 5 cytopenia went through grade 4)
CYTOGENETIC_MILESTONE = 12


@dataclass(frozen=True)
class Cytopenia:
    """The worst grade of one cytopenia a case records.

    Attributes:
        term: NEUTROPENIA, THROMBOCYTOPENIA or ANAEMIA (the form's code).
        worst_grade: The worst CTCAE grade recorded; None when none is (a value without a
            lower limit of normal that is not low enough for grade 2 counts as none).
        from_counts: The worst grade comes from the assessments' counts, not the toxicity form.
    """

    term: str
    worst_grade: int | None
    from_counts: bool = False

    @property
    def severe(self) -> bool:
        """Grade III–IV (or worse)."""
        return self.worst_grade is not None and self.worst_grade >= SEVERE_GRADE


@dataclass(frozen=True)
class PatientFindings:
    """One patient's end points other than survival; see the module docstring for each.

    Attributes:
        sokal: The Sokal risk group, or why there is none.
        chr_any_time: Whether CHR was reached at any time on imatinib.
        cytogenetic_12_months: The cytogenetic response category at 12 months.
        cytopenias: Neutropenia, thrombocytopenia and anaemia, in that order.
        toxicity_interruption_days: Days without imatinib for toxicity; None if never
            interrupted for toxicity.
        notes: Rows left out of a calculation, and why (row numbers, never values).
    """

    sokal: Risk | Excluded
    chr_any_time: bool | Excluded
    cytogenetic_12_months: CytogeneticCategory | Excluded
    cytopenias: tuple[Cytopenia, ...]
    toxicity_interruption_days: int | Excluded | None
    notes: tuple[str, ...] = ()


def patient_findings(view: CaseView) -> PatientFindings:
    """Every end point of the module docstring for one case (:meth:`.records.CaseView.of`)."""
    notes: list[str] = []
    case, singles = view.answers, view.singles
    reader = AnswerReader(case, singles)
    start = reader.date("imatinib_start_date")
    no_start = Excluded(Exclusion.NO_IMATINIB_START, "; ".join(reader.problems))
    # Where imatinib ends for counts on it and unresumed interruptions: its stop, else failure.
    ends = AnswerReader(case, singles)
    treatment_end = ends.date("imatinib_stop_date", optional=True) or ends.date(
        "failure_date", optional=True
    )
    series = list(view.series)
    for index, row in enumerate(case.rows(ASSESSMENTS), start=1):
        row_reader = AnswerReader(case, row)
        if row_reader.date("assessment_date") is None:
            notes.append(f"assessment {index} left out: {'; '.join(row_reader.problems)}")
    return PatientFindings(
        sokal=sokal_group(case),
        chr_any_time=no_start if start is None else _chr_any_time(start, series),
        cytogenetic_12_months=no_start if start is None else _cytogenetics_12(start, series),
        cytopenias=_cytopenias(view, start, treatment_end, notes),
        toxicity_interruption_days=_interruption_days(case, treatment_end),
        notes=tuple(notes),
    )


def sokal_group(case: CaseAnswers) -> Risk | Excluded:
    """The Sokal risk group exactly as the case editor's derived item computes it."""
    derived = CALCULATIONS["sokal"](case, {})
    if not isinstance(derived.value, float):
        return Excluded(Exclusion.SOKAL_NOT_EVALUABLE, derived.text.removeprefix("not evaluable: "))
    return sokal_risk(derived.value)


def _chr_any_time(start: dt.date, series: list[DatedAssessment]) -> bool | Excluded:
    decided = [a.chr_status for a in series if a.on >= start and a.chr_status is not None]
    if not decided:
        return Excluded(Exclusion.NO_BLOOD_COUNT)
    return any(decided)


def _cytogenetics_12(
    start: dt.date, series: list[DatedAssessment]
) -> CytogeneticCategory | Excluded:
    def categorised(a: DatedAssessment) -> bool:
        return a.cytogenetic is not None and a.cytogenetic.category is not None

    chosen = milestone_data(start, series, CYTOGENETIC_MILESTONE, categorised)
    category = chosen.cytogenetic.category if chosen and chosen.cytogenetic else None
    if category is not None:
        return category
    short = milestone_data(start, series, CYTOGENETIC_MILESTONE, lambda a: bool(a.metaphases))
    why = "the karyotypes there have too few metaphases to decide" if short else ""
    return Excluded(Exclusion.NO_MARROW_AT_12_MONTHS, why)


def _cytopenias(
    view: CaseView, start: dt.date | None, end: dt.date | None, notes: list[str]
) -> tuple[Cytopenia, ...]:
    case = view.answers
    worst: dict[str, int] = {}
    for index, row in enumerate(case.rows(ADVERSE_EVENTS), start=1):
        row_reader = AnswerReader(case, row)
        term = row_reader.code("ae_term", optional=True)
        if term not in CYTOPENIAS:
            continue
        entered = row_reader.integer("ae_grade", optional=True)
        computed = derive_ctcae_grade(case, row).value
        grades = [g for g in (entered, computed) if isinstance(g, int)]
        if not grades:
            why = "; ".join(row_reader.problems) or "no grade and no usable lowest value"
            notes.append(f"adverse event {index} left out: {why}")
            continue
        worst[term] = max(worst.get(term, 0), *grades)
    counted = _platelet_grade(view, start, end) if start is not None else None
    found = []
    for term in CYTOPENIAS:
        from_form = worst.get(term)
        if term == "THROMBOCYTOPENIA" and counted is not None and counted > (from_form or 0):
            found.append(Cytopenia(term, counted, from_counts=True))
        else:
            found.append(Cytopenia(term, from_form))
    return tuple(found)


def _platelet_grade(view: CaseView, start: dt.date, end: dt.date | None) -> int | None:
    """The worst CTCAE grade of the platelet counts on imatinib in chronic phase."""
    grades: list[int] = []
    rows = view.answers.rows(ASSESSMENTS)
    for row, phase in zip(rows, view.phases, strict=True):
        row_reader = AnswerReader(view.answers, row)
        on = row_reader.date("assessment_date")
        platelets = row_reader.number("a_platelets", optional=True)
        if on is None or platelets is None or on < start or (end is not None and on > end):
            continue
        reported = row_reader.code("phase_reported", optional=True)
        if reported in ADVANCED_PHASES or phase != Phase.CHRONIC:
            continue
        try:
            grade = thrombocytopenia_grade(platelets, version=CtcaeVersion.V3_0).grade
        except ClinicalValueError:
            continue  # an impossible count: the validation reports it; it grades nothing
        if grade is not None:
            grades.append(grade)
    return max(grades, default=None)


def _interruption_days(case: CaseAnswers, last_day: dt.date | None) -> int | Excluded | None:
    total: int | None = None
    for index, row in enumerate(case.rows(INTERRUPTIONS), start=1):
        days = _interruption(case, row, last_day)
        if days is None:
            continue
        if isinstance(days, str):
            return Excluded(Exclusion.INTERRUPTION_UNDATED, f"interruption {index}: {days}")
        total = (total or 0) + days
    return total


def _interruption(case: CaseAnswers, row: Row, last_day: dt.date | None) -> int | str | None:
    """Days of one interruption for toxicity; why not, in words; None for another reason."""
    reader = AnswerReader(case, row)
    if reader.code("interruption_reason", optional=True) != "TOX":
        return None
    start = reader.date("interruption_start_date")
    resumed = reader.date("interruption_end_date", optional=True)
    if start is None or reader.problems:
        return "; ".join(reader.problems)
    if resumed is not None:
        if resumed < start:
            return "resumed before it was interrupted"
        return (resumed - start).days
    if last_day is None:
        return "not resumed, and imatinib has not stopped"
    return max((last_day - start).days + 1, 1)
