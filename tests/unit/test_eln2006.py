"""ELN 2006 assessment at 3, 6, 12, 18 months and at any time (domain.md §3.1, §3.5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.clinical import Risk
from cmlentry.domain.response import (
    ClinicalValueError,
    DatedAssessment,
    Eln2006Criterion,
    ElnGrade,
    ImatinibInsensitivity,
    Phase,
    eln2006_assessment,
    eln2006_baseline_warnings,
    in_milestone_window,
    months_on_imatinib,
)

T0 = date(2006, 1, 10)  # scenario A's imatinib start
C = Eln2006Criterion
FAILURE, SUBOPTIMAL, WARNING = ElnGrade.FAILURE, ElnGrade.SUBOPTIMAL, ElnGrade.WARNING
OPTIMAL, NOT_EVALUABLE = ElnGrade.OPTIMAL, ElnGrade.NOT_EVALUABLE


def at(months: float) -> date:
    return T0 + timedelta(days=round(months * 30.4375))


def visit(months: float, **values: Any) -> DatedAssessment:
    return DatedAssessment(at(months), **values)


def marrow(months: float, ph_positive: float, metaphases: int = 20, **more: Any) -> DatedAssessment:
    return visit(months, ph_positive_pct=ph_positive, metaphases=metaphases, **more)


def criteria(month: int, *assessments: DatedAssessment) -> set[Eln2006Criterion]:
    return {f.criterion for f in eln2006_assessment(T0, assessments).at(month).findings}


def grade(month: int, *assessments: DatedAssessment) -> ElnGrade:
    return eln2006_assessment(T0, assessments).at(month).grade


# --- months and windows (§3.5 [DESIGN]) --------------------------------------------------------


def test_months_are_days_over_30_4375() -> None:
    assert months_on_imatinib(T0, T0 + timedelta(days=365)) == pytest.approx(365 / 30.4375)
    assert months_on_imatinib(T0, T0 + timedelta(days=1461)) == 48.0


@pytest.mark.parametrize(
    ("days", "inside"),
    [(60, False), (61, True), (136, True), (137, False)],  # window [2, 4.5] months
)
def test_three_month_window_both_ends(days: int, inside: bool) -> None:
    assert in_milestone_window(months_on_imatinib(T0, T0 + timedelta(days=days)), 3) is inside
    data = DatedAssessment(T0 + timedelta(days=days), chr=False)
    assert (grade(3, data) is SUBOPTIMAL) is inside


@pytest.mark.parametrize(("months", "inside"), [(10.99, False), (11.0, True), (13.5, True)])
def test_twelve_month_window_ends_are_included(months: float, inside: bool) -> None:
    assert in_milestone_window(months, 12) is inside
    assert in_milestone_window(13.51, 12) is False


def test_the_last_assessment_of_each_kind_in_the_window_counts() -> None:
    # The marrow at 6.0 months is not hidden by a later blood count at 6.5 months.
    result = eln2006_assessment(
        T0, [marrow(5.2, 100), marrow(6.0, 30, chr=True), visit(6.5, chr=True)]
    ).at(6)
    assert result.grade is OPTIMAL
    assert result.findings == ()


def test_a_milestone_without_data_is_not_evaluable() -> None:
    result = eln2006_assessment(T0, [marrow(9, 0, chr=True)]).at(6)
    assert result.grade is NOT_EVALUABLE
    assert set(result.not_assessed) == {C.LESS_THAN_CHR, C.NO_CYR, C.LESS_THAN_PCYR}


# --- the milestone cells of the ELN 2006 table -------------------------------------------------


def test_3_months() -> None:
    assert grade(3, visit(3, chr=True)) is OPTIMAL
    assert grade(3, visit(3, chr=False)) is SUBOPTIMAL  # less than CHR
    assert grade(3, visit(3, chr=False, haematologic_response=True)) is SUBOPTIMAL
    assert grade(3, visit(3, chr=False, haematologic_response=False)) is FAILURE  # no HR
    assert grade(3, visit(3, phase=Phase.ACCELERATED)) is FAILURE  # progression = no HR
    assert criteria(3, visit(3, haematologic_response=False)) == {C.NO_HR}


def test_no_chr_at_3_months_is_only_suboptimal_and_failure_at_6() -> None:
    """§0 [DESIGN] note: ELN 2006 calls no CHR at 3 months suboptimal; at 6 months failure."""
    assert grade(3, visit(3, chr=False, haematologic_response=True)) is SUBOPTIMAL
    assert grade(6, marrow(6, 30, chr=False)) is FAILURE
    assert criteria(6, marrow(6, 30, chr=False)) == {C.LESS_THAN_CHR}


@pytest.mark.parametrize(
    ("ph_positive", "expected_grade", "expected"),
    [
        (96, FAILURE, {C.NO_CYR, C.LESS_THAN_PCYR}),  # no CyR: Ph+ > 95 %
        (95, SUBOPTIMAL, {C.LESS_THAN_PCYR}),
        (36, SUBOPTIMAL, {C.LESS_THAN_PCYR}),  # less than PCyR: Ph+ > 35 %
        (35, OPTIMAL, set()),
        (0, OPTIMAL, set()),
    ],
)
def test_6_months(
    ph_positive: float, expected_grade: ElnGrade, expected: set[Eln2006Criterion]
) -> None:
    data = marrow(6, ph_positive, chr=True)
    assert grade(6, data) is expected_grade
    assert criteria(6, data) == expected


@pytest.mark.parametrize(
    ("ph_positive", "bcr_abl1", "expected_grade", "expected"),
    [
        (36, 5.0, FAILURE, {C.LESS_THAN_PCYR, C.LESS_THAN_CCYR, C.LESS_THAN_MMR}),
        (35, 0.05, SUBOPTIMAL, {C.LESS_THAN_CCYR}),
        (1, 0.05, SUBOPTIMAL, {C.LESS_THAN_CCYR}),
        (0, 0.11, WARNING, {C.LESS_THAN_MMR}),  # less than MMR is only a warning at 12 months
        (0, 0.1, OPTIMAL, set()),
    ],
)
def test_12_months(
    ph_positive: float,
    bcr_abl1: float,
    expected_grade: ElnGrade,
    expected: set[Eln2006Criterion],
) -> None:
    data = marrow(12, ph_positive, bcr_abl1_is_pct=bcr_abl1)
    assert grade(12, data) is expected_grade
    assert criteria(12, data) == expected


@pytest.mark.parametrize(
    ("ph_positive", "bcr_abl1", "expected_grade", "expected"),
    [
        (1, 0.05, FAILURE, {C.LESS_THAN_CCYR}),  # the 18-month failure Form A lacks (§0)
        (0, 0.11, SUBOPTIMAL, {C.LESS_THAN_MMR}),
        (0, 0.1, OPTIMAL, set()),
    ],
)
def test_18_months(
    ph_positive: float,
    bcr_abl1: float,
    expected_grade: ElnGrade,
    expected: set[Eln2006Criterion],
) -> None:
    data = marrow(18, ph_positive, bcr_abl1_is_pct=bcr_abl1)
    assert grade(18, data) is expected_grade
    assert criteria(18, data) == expected


def test_a_missing_warning_criterion_does_not_make_the_milestone_not_evaluable() -> None:
    result = eln2006_assessment(T0, [marrow(12, 0)]).at(12)
    assert result.grade is OPTIMAL
    assert result.not_assessed == (C.LESS_THAN_MMR,)
    assert not result.complete


def test_a_suboptimal_grade_stands_as_a_lower_bound_when_a_failure_criterion_is_open() -> None:
    result = eln2006_assessment(T0, [marrow(6, 80)]).at(6)  # no blood count at 6 months
    assert result.grade is SUBOPTIMAL
    assert C.LESS_THAN_CHR in result.not_assessed


def test_a_molecular_result_off_the_is_does_not_decide_mmr() -> None:
    result = eln2006_assessment(T0, [marrow(12, 0, bcr_abl1_is_pct=0.3, bcr_abl1_on_is=False)]).at(
        12
    )
    assert result.not_assessed == (C.LESS_THAN_MMR,)


def test_too_few_metaphases_decide_only_what_they_can() -> None:
    # 15 of 15 Ph+ at 12 months: the full 20 would be ≥ 75 %, so Ph+ > 35 % is certain.
    assert grade(12, marrow(12, 100, metaphases=15)) is FAILURE
    # 19 of 19 at 6 months: 95 % or 100 %, so "no CyR (> 95 %)" is open; "> 35 %" is certain.
    six = eln2006_assessment(T0, [marrow(6, 100, metaphases=19, chr=True)]).at(6)
    assert six.grade is SUBOPTIMAL
    assert C.NO_CYR in six.not_assessed
    # 0 of 10 at 18 months: CCyR cannot be claimed, and less than CCyR cannot be shown.
    assert grade(18, marrow(18, 0, metaphases=10, bcr_abl1_is_pct=0.05)) is NOT_EVALUABLE


# --- §3.5 scenarios ----------------------------------------------------------------------------


def test_scenario_a() -> None:
    """3 mo: WBC 14, no CHR; 6 mo: WBC 12, Ph+ 100 %: suboptimal at 3, failure at 6 months."""
    result = eln2006_assessment(
        T0,
        [visit(3, chr=False), marrow(6, 100, chr=False)],  # 20 metaphases: not stated in §3.5
    )
    assert result.at(3).grade is SUBOPTIMAL
    assert result.at(6).grade is FAILURE
    assert {f.criterion for f in result.at(6).findings} >= {C.LESS_THAN_CHR, C.NO_CYR}


def test_scenario_b() -> None:
    """CHR at 3 mo; 6 mo Ph+ 80 %; 12 mo Ph+ 50 %: suboptimal at 6, failure at 12 months."""
    result = eln2006_assessment(T0, [visit(3, chr=True), marrow(6, 80, chr=True), marrow(12, 50)])
    assert result.at(3).grade is OPTIMAL
    assert result.at(6).grade is SUBOPTIMAL
    assert result.at(12).grade is FAILURE


def test_scenario_c() -> None:
    """6 mo Ph+ 20 %; 12 mo 0 %; 24 mo 15 % then 30 %: loss of CCyR, confirmed twice."""
    result = eln2006_assessment(T0, [marrow(6, 20), marrow(12, 0), marrow(24, 15), marrow(27, 30)])
    assert [f.criterion for f in result.any_time] == [C.LOSS_OF_CCYR]
    loss = result.any_time[0]
    assert loss.grade is FAILURE
    assert (loss.first_seen, loss.on) == (at(24), at(27))
    assert result.any_time_grade is FAILURE


def test_scenario_d_progression_is_an_any_time_failure() -> None:
    """12 mo Ph+ 0 %; 30 mo PB blasts 18 % (accelerated phase)."""
    result = eln2006_assessment(T0, [marrow(12, 0, chr=True), visit(30, phase=Phase.ACCELERATED)])
    assert [f.criterion for f in result.any_time] == [C.PROGRESSION, C.LOSS_OF_CHR]
    assert result.any_time_grade is FAILURE


# --- any time ----------------------------------------------------------------------------------


def any_time(*assessments: DatedAssessment) -> dict[Eln2006Criterion, ElnGrade]:
    return {f.criterion: f.grade for f in eln2006_assessment(T0, assessments).any_time}


def test_loss_of_chr_needs_two_determinations() -> None:
    assert any_time(visit(3, chr=True), visit(8, chr=False)) == {}
    assert any_time(visit(3, chr=True), visit(8, chr=False), visit(9, chr=False)) == {
        C.LOSS_OF_CHR: FAILURE
    }
    # A CHR in between starts the count again.
    assert any_time(visit(3, chr=True), visit(8, chr=False), visit(9, chr=True)) == {}


def test_loss_of_chr_with_progression_needs_no_confirmation() -> None:
    found = any_time(visit(3, chr=True), visit(8, chr=False, phase=Phase.BLAST))
    assert found == {C.LOSS_OF_CHR: FAILURE, C.PROGRESSION: FAILURE}


def test_no_chr_without_an_earlier_chr_is_no_loss() -> None:
    assert any_time(visit(3, chr=False), visit(8, chr=False)) == {}


def test_a_chr_before_imatinib_is_not_a_response_to_imatinib() -> None:
    before = DatedAssessment(T0 - timedelta(days=30), chr=True)
    assert any_time(before, visit(8, chr=False), visit(9, chr=False)) == {}


def test_loss_of_ccyr_single_determination_with_loss_of_chr() -> None:
    found = any_time(marrow(12, 0, chr=True), marrow(20, 40, chr=False))
    assert found[C.LOSS_OF_CCYR] is FAILURE


def test_an_undecided_karyotype_neither_confirms_nor_interrupts_a_loss() -> None:
    found = any_time(marrow(12, 0), marrow(20, 10), marrow(21, 0, metaphases=8), marrow(23, 15))
    assert found == {C.LOSS_OF_CCYR: FAILURE}


def test_loss_of_mmr_is_suboptimal_and_needs_two_determinations() -> None:
    mmr = visit(12, bcr_abl1_is_pct=0.05)
    assert C.LOSS_OF_MMR not in any_time(mmr, visit(15, bcr_abl1_is_pct=0.3))
    found = any_time(mmr, visit(15, bcr_abl1_is_pct=0.3), visit(18, bcr_abl1_is_pct=0.4))
    assert found[C.LOSS_OF_MMR] is SUBOPTIMAL


def test_any_rise_in_transcript_level_is_a_warning() -> None:
    assert any_time(visit(6, bcr_abl1_is_pct=1.0), visit(9, bcr_abl1_is_pct=1.0)) == {}
    assert any_time(visit(6, bcr_abl1_is_pct=1.0), visit(9, bcr_abl1_is_pct=1.01)) == {
        C.RISING_TRANSCRIPT: WARNING
    }
    undetectable = visit(6, bcr_abl1_undetectable=True, abl1_copies=50_000)
    assert any_time(undetectable, visit(9, bcr_abl1_is_pct=0.0005)) == {
        C.RISING_TRANSCRIPT: WARNING
    }


def test_aca_in_ph_positive_cells_is_suboptimal_once_confirmed() -> None:
    assert C.ACA_PH_POSITIVE not in any_time(marrow(9, 50, clonal_evolution=True))
    found = any_time(marrow(9, 50, clonal_evolution=True), marrow(12, 50, clonal_evolution=True))
    assert found[C.ACA_PH_POSITIVE] is SUBOPTIMAL


def test_aca_in_ph_negative_cells_is_a_warning() -> None:
    assert any_time(marrow(9, 0, aca_ph_negative=True)) == {C.ACA_PH_NEGATIVE: WARNING}


def test_mutations_by_insensitivity() -> None:
    assert any_time(visit(9, mutation=ImatinibInsensitivity.HIGH)) == {
        C.MUTATION_HIGH_INSENSITIVITY: FAILURE
    }
    assert any_time(visit(9, mutation=ImatinibInsensitivity.LOW)) == {
        C.MUTATION_LOW_INSENSITIVITY: SUBOPTIMAL
    }


def test_any_time_grade_without_findings() -> None:
    assert eln2006_assessment(T0, [visit(3, chr=True)]).any_time_grade is OPTIMAL
    assert eln2006_assessment(T0, []).any_time_grade is NOT_EVALUABLE


# --- diagnosis ---------------------------------------------------------------------------------


def test_warnings_at_diagnosis() -> None:
    assert eln2006_baseline_warnings(sokal_risk=Risk.HIGH) == (C.HIGH_RISK,)
    assert eln2006_baseline_warnings(sokal_risk=Risk.LOW, hasford_risk=Risk.HIGH) == (C.HIGH_RISK,)
    assert eln2006_baseline_warnings(sokal_risk=Risk.INTERMEDIATE) == ()
    assert eln2006_baseline_warnings(deletion_9q=True, aca_ph_positive=True) == (
        C.DELETION_9Q,
        C.ACA_PH_POSITIVE,
    )


# --- inputs ------------------------------------------------------------------------------------


def test_ph_positive_percentage_needs_the_metaphase_count() -> None:
    with pytest.raises(ClinicalValueError, match="metaphases"):
        DatedAssessment(T0, ph_positive_pct=20)
    with pytest.raises(ClinicalValueError, match="ph_positive_pct"):
        DatedAssessment(T0, ph_positive_pct=120, metaphases=20)


def test_unknown_milestone() -> None:
    with pytest.raises(ClinicalValueError, match="month"):
        eln2006_assessment(T0, []).at(9)


@given(st.floats(0, 100), st.floats(0, 100), st.sampled_from([6, 12, 18]))
def test_a_higher_ph_positive_percentage_never_improves_a_milestone(
    p1: float, p2: float, month: int
) -> None:
    def severity(pct: float) -> int:
        return grade(month, marrow(month, pct, chr=True, bcr_abl1_is_pct=0.05)).severity

    assert severity(max(p1, p2)) >= severity(min(p1, p2))
