"""Form A reasons for registration supported by the data, and checks of the chosen one (§3.5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cmlentry.domain.response import (
    CtcaeVersion,
    CytogeneticRelapse,
    DatedAssessment,
    Discontinuation,
    FormAReason,
    FormAWarning,
    Phase,
    check_form_a_reason,
    disease_phase,
    neutropenia_grade,
    supported_form_a_reasons,
)

T0 = date(2006, 1, 10)
R = FormAReason
V3 = CtcaeVersion.V3_0


def at(months: float) -> date:
    return T0 + timedelta(days=round(months * 30.4375))


def visit(months: float, **values: Any) -> DatedAssessment:
    return DatedAssessment(at(months), **values)


def marrow(months: float, ph_positive: float, metaphases: int = 20, **more: Any) -> DatedAssessment:
    return visit(months, ph_positive_pct=ph_positive, metaphases=metaphases, **more)


def reasons(*assessments: DatedAssessment, stop: Discontinuation | None = None) -> tuple[R, ...]:
    return supported_form_a_reasons(T0, assessments, stop).reasons


# --- the §3.5 scenarios ------------------------------------------------------------------------


def test_scenario_a_supports_no_chr_and_not_any_cyr() -> None:
    data = [visit(3, chr=False), marrow(6, 100, chr=False)]
    derived = supported_form_a_reasons(T0, data)
    assert derived.reasons == (R.NO_CHR, R.NO_CYR)  # both supported, in Form A order
    assert [s.on for s in derived.supported] == [at(3), at(6)]


def test_scenario_b_supports_no_mcyr() -> None:
    assert reasons(visit(3, chr=True), marrow(6, 80, chr=True), marrow(12, 50)) == (R.NO_MCYR,)


def test_scenario_c_supports_cytogenetic_relapse_by_loss_of_ccyr() -> None:
    derived = supported_form_a_reasons(
        T0, [marrow(6, 20), marrow(12, 0), marrow(24, 15), marrow(27, 30)]
    )
    assert derived.reasons == (R.CYTOGENETIC_RELAPSE,)
    (relapse,) = derived.supported
    assert relapse.sub_code is CytogeneticRelapse.LOSS_OF_CCYR
    assert relapse.on == at(27)


def test_scenario_d_supports_progression_under_the_chosen_rule_set() -> None:
    for blasts, mdacc, who in ((18, True, True), (12, False, True)):
        for rule_set, expected in (("mdacc_eln", mdacc), ("who", who)):
            phase = disease_phase(rule_set=rule_set, pb_blasts_pct=blasts).phase  # type: ignore[arg-type]
            found = reasons(marrow(12, 0, chr=True), visit(30, phase=phase))
            assert (R.PROGRESSION in found) is expected


def test_scenario_e_supports_toxicity_leading_to_discontinuation() -> None:
    grade = neutropenia_grade(0.3, version=CtcaeVersion.V3_0)
    assert grade.grade == 4
    stop = Discontinuation(
        at(4), because_of_toxicity=True, ctcae_term=grade.term, ctcae_grade=4, ctcae_version=V3
    )
    assert reasons(stop=stop) == (R.TOXICITY,)
    assert reasons(stop=Discontinuation(at(4), because_of_toxicity=False)) == ()


# --- the rules ---------------------------------------------------------------------------------


def test_no_chr_at_a_later_assessment_without_an_earlier_chr() -> None:
    assert reasons(visit(5, chr=False)) == (R.NO_CHR,)  # after the 3-month window, never in CHR
    assert reasons(visit(3, chr=True), visit(5, chr=False)) == ()  # CHR earlier: not "no CHR"
    # Progression without CHR supports both "no CHR" and "progression".
    assert reasons(visit(3, phase=Phase.ACCELERATED)) == (R.NO_CHR, R.PROGRESSION)


def test_not_any_cyr_needs_ph_positive_above_95_at_6_months() -> None:
    assert reasons(marrow(6, 96, chr=True)) == (R.NO_CYR,)
    assert reasons(marrow(6, 95, chr=True)) == ()
    assert reasons(marrow(9, 100, chr=True)) == ()  # not at the 6-month milestone


def test_no_mcyr_needs_ph_positive_above_35_at_12_months() -> None:
    assert reasons(marrow(12, 36)) == (R.NO_MCYR,)
    assert reasons(marrow(12, 35)) == ()
    assert reasons(marrow(12, 100, metaphases=15)) == (R.NO_MCYR,)  # ≥ 75 % whatever the rest


def test_haematological_relapse() -> None:
    data = [visit(3, chr=True), visit(10, chr=False), visit(11, chr=False)]
    assert reasons(*data) == (R.HAEMATOLOGICAL_RELAPSE,)
    assert reasons(*data[:2]) == ()  # not confirmed


def test_loss_of_mcyr_is_its_own_sub_code() -> None:
    derived = supported_form_a_reasons(T0, [marrow(12, 20), marrow(20, 50), marrow(23, 60)])
    assert [s.sub_code for s in derived.supported] == [CytogeneticRelapse.LOSS_OF_MCYR]


def test_clonal_evolution_is_a_cytogenetic_progression() -> None:
    derived = supported_form_a_reasons(T0, [marrow(12, 20, clonal_evolution=True)])
    assert [s.sub_code for s in derived.supported] == [CytogeneticRelapse.CLONAL_EVOLUTION]


def test_less_than_ccyr_at_18_months_is_reported_although_form_a_lacks_it() -> None:
    """§0 [DESIGN] note: ELN 2006 has an 18-month failure (less than CCyR) that Form A lacks."""
    derived = supported_form_a_reasons(T0, [marrow(12, 20), marrow(18, 5)])
    assert derived.less_than_ccyr_at_18_months is True
    assert derived.reasons == ()
    assert supported_form_a_reasons(T0, [marrow(18, 0)]).less_than_ccyr_at_18_months is False
    assert supported_form_a_reasons(T0, []).less_than_ccyr_at_18_months is None


# --- consistency checks ------------------------------------------------------------------------


def check(reason: FormAReason, failure: date, *data: DatedAssessment) -> tuple[FormAWarning, ...]:
    return check_form_a_reason(reason, failure_date=failure, imatinib_start=T0, assessments=data)


def test_a_supported_reason_gives_no_warning() -> None:
    assert check(R.NO_MCYR, at(12), marrow(12, 50)) == ()


def test_no_mcyr_without_a_marrow_in_the_window_or_with_ph_positive_35() -> None:
    assert check(R.NO_MCYR, at(12), marrow(9, 50)) == (FormAWarning.NOT_SUPPORTED,)
    assert check(R.NO_MCYR, at(12), marrow(12, 35)) == (FormAWarning.NOT_SUPPORTED,)


def test_failure_date_before_the_earliest_date_of_the_reason() -> None:
    data = marrow(12, 50)
    assert FormAWarning.BEFORE_EARLIEST_DATE in check(R.NO_MCYR, at(10.9), data)
    assert FormAWarning.BEFORE_EARLIEST_DATE not in check(R.NO_MCYR, at(11), data)
    assert FormAWarning.BEFORE_EARLIEST_DATE in check(R.NO_CHR, at(1.9), visit(3, chr=False))
    assert FormAWarning.BEFORE_EARLIEST_DATE in check(R.NO_CYR, at(4.9), marrow(6, 100))
    assert FormAWarning.BEFORE_EARLIEST_DATE in check(R.PROGRESSION, T0 - timedelta(days=1))


def test_haematological_relapse_without_an_earlier_chr() -> None:
    found = check(R.HAEMATOLOGICAL_RELAPSE, at(11), visit(10, chr=False), visit(11, chr=False))
    assert FormAWarning.NO_EARLIER_CHR in found
    assert FormAWarning.NOT_SUPPORTED in found


def test_cytogenetic_relapse_without_an_earlier_response() -> None:
    found = check(R.CYTOGENETIC_RELAPSE, at(20), marrow(12, 50), marrow(20, 60))
    assert FormAWarning.NO_EARLIER_CYTOGENETIC_RESPONSE in found
    relapse = check(R.CYTOGENETIC_RELAPSE, at(23), marrow(12, 0), marrow(20, 10), marrow(23, 20))
    assert relapse == ()
