"""Sokal group, CHR, cytogenetic response at 12 months, cytopenias, interruptions (kit.py)."""

from __future__ import annotations

import pytest

from cmlentry.domain.clinical import Risk
from cmlentry.domain.response import CytogeneticCategory
from cmlentry.domain.values import Entry
from cmlentry.services.reports.endpoints import (
    Cytopenia,
    Excluded,
    Exclusion,
    PatientFindings,
    patient_endpoints,
)
from tests.services.reports.kit import DEFINITION, E, forms, record


def findings(**changes: Entry | None) -> PatientFindings:
    return patient_endpoints(record(forms(**changes)), None, DEFINITION).findings


def grades(found: PatientFindings) -> dict[str, tuple[int | None, bool]]:
    return {c.term: (c.worst_grade, c.from_counts) for c in found.cytopenias}


# --- Sokal ---------------------------------------------------------------------------------------


def test_sokal_group_of_the_baseline_values() -> None:
    # Age 49, spleen 5, platelets 450, blasts 2: exp(0.0116·5.6 + 0.0345·(−2.51)
    # + 0.188·((450/700)² − 0.563) + 0.0887·(−0.1)) = 0.94, intermediate (0.8–1.2).
    assert findings().sokal is Risk.INTERMEDIATE
    # Spleen 20 cm: 0.94 · exp(0.0345 · 15) = 1.58, high.
    assert findings(diagnosis__baseline__spleen_cm=E("20")).sokal is Risk.HIGH


def test_no_sokal_group_without_pre_treatment_values() -> None:
    got = findings(diagnosis__diagnosis__baseline_untreated=E("N")).sokal
    assert isinstance(got, Excluded)
    assert got.reason is Exclusion.SOKAL_NOT_EVALUABLE
    assert got.detail == "values obtained after CML treatment had started"


def test_no_sokal_group_with_a_value_missing_names_it() -> None:
    got = findings(diagnosis__baseline__platelets=E(missing="ND")).sokal
    assert isinstance(got, Excluded) and got.detail == "Platelets is 'not done'"


# --- CHR -----------------------------------------------------------------------------------------


def test_chr_at_any_time_on_imatinib() -> None:
    assert findings().chr_any_time is True


def test_no_chr_when_every_count_on_imatinib_falls_short() -> None:
    assert findings(assessments__assessment__1__a_wbc=E("25")).chr_any_time is False


def test_a_chr_before_imatinib_started_does_not_count() -> None:
    got = findings(
        assessments__assessment__1__assessment_date=E("2005-03-20"),
        assessments__assessment__3__a_wbc=E("30"),
        assessments__assessment__3__a_platelets=E("300"),
    ).chr_any_time
    assert got is False


def test_chr_undecided_without_a_count_on_imatinib() -> None:
    changes = {
        f"assessments__assessment__1__{item}": None
        for item in ("a_wbc", "a_platelets", "a_pb_basophils", "a_immature_cells", "a_spleen_cm")
    }
    got = findings(**changes, assessments__assessment__1__ph_positive_pct=E("80"),
                   assessments__assessment__1__metaphases_counted=E("20")).chr_any_time  # fmt: skip
    assert isinstance(got, Excluded) and got.reason is Exclusion.NO_BLOOD_COUNT


def test_no_imatinib_start_leaves_chr_and_cytogenetics_undecided() -> None:
    got = findings(imatinib__imatinib__imatinib_start_date=None)
    for value in (got.chr_any_time, got.cytogenetic_12_months):
        assert isinstance(value, Excluded)
        assert (value.reason, value.detail) == (
            Exclusion.NO_IMATINIB_START,
            "Imatinib started not entered",
        )


# --- cytogenetic response at 12 months -----------------------------------------------------------


def test_the_karyotype_in_the_12_month_window_gives_the_category() -> None:
    assert findings().cytogenetic_12_months is CytogeneticCategory.COMPLETE  # 12.1 months
    got = findings(assessments__assessment__2__ph_positive_pct=E("50")).cytogenetic_12_months
    assert got is CytogeneticCategory.MINOR


@pytest.mark.parametrize(
    ("day", "inside"),
    [("2006-03-02", True), ("2006-02-27", False), ("2006-05-16", True), ("2006-05-17", False)],
)
def test_the_window_runs_from_11_to_13_5_months(day: str, inside: bool) -> None:
    # T0 2005-04-01: 11 months = 334.8 days (2006-03-01.8), 13.5 months = 410.9 days.
    got = findings(assessments__assessment__2__assessment_date=E(day)).cytogenetic_12_months
    assert (got is CytogeneticCategory.COMPLETE) is inside


def test_the_last_karyotype_in_the_window_wins() -> None:
    got = findings(
        assessments__assessment__5__assessment_date=E("2006-05-10"),
        assessments__assessment__5__ph_positive_pct=E("30"),
        assessments__assessment__5__metaphases_counted=E("25"),
        assessments__assessment__5__phase_reported=E("CP"),
    ).cytogenetic_12_months
    assert got is CytogeneticCategory.PARTIAL


def test_too_few_metaphases_in_the_window_is_said() -> None:
    got = findings(assessments__assessment__2__metaphases_counted=E("10")).cytogenetic_12_months
    assert isinstance(got, Excluded)
    assert got.reason is Exclusion.NO_MARROW_AT_12_MONTHS
    assert got.detail == "the karyotypes there have too few metaphases to decide"


# --- cytopenias ----------------------------------------------------------------------------------


def adverse_event(
    row: int, term: str, grade: str, lowest: str | None = None
) -> dict[str, Entry | None]:
    prefix = f"toxicity__adverse_event__{row}__"
    answers = {
        "ae_term": E(term),
        "ctcae_version": E("3.0"),
        "ae_grade": E(grade),
        "ae_start_date": E("2005-06"),
        "ae_action": E("INT"),
    }
    if lowest is not None:
        answers["ae_lab_value"] = E(lowest)
    return {prefix + item: value for item, value in answers.items()}


def test_no_cytopenia_recorded_reads_as_none() -> None:
    assert grades(findings()) == {
        "NEUTROPENIA": (None, False),
        "THROMBOCYTOPENIA": (None, False),
        "ANAEMIA": (None, False),
    }


def test_the_worst_of_the_grade_entered_and_the_grade_of_the_lowest_value() -> None:
    got = findings(
        **adverse_event(1, "NEUTROPENIA", "3", "0.8"),
        **adverse_event(2, "THROMBOCYTOPENIA", "2", "20"),  # 20 ×10⁹/L is grade 4
        **adverse_event(3, "ANAEMIA", "2"),
        **adverse_event(4, "NEUTROPENIA", "4"),
        **adverse_event(5, "NAUSEA", "3"),
    )
    assert grades(got) == {
        "NEUTROPENIA": (4, False),
        "THROMBOCYTOPENIA": (4, False),
        "ANAEMIA": (2, False),
    }
    assert [c.severe for c in got.cytopenias] == [True, True, False]


def test_low_platelets_on_imatinib_in_chronic_phase_grade_thrombocytopenia() -> None:
    # Platelets 40 ×10⁹/L at the first assessment: grade 3 (< 50 – 25).
    got = findings(assessments__assessment__1__a_platelets=E("40"))
    assert got.cytopenias[1] == Cytopenia("THROMBOCYTOPENIA", 3, from_counts=True)
    # A worse grade on the toxicity form wins over the counts.
    form = findings(
        assessments__assessment__1__a_platelets=E("40"),
        **adverse_event(1, "THROMBOCYTOPENIA", "4"),
    )
    assert form.cytopenias[1] == Cytopenia("THROMBOCYTOPENIA", 4, from_counts=False)


@pytest.mark.parametrize(
    "changes",
    [
        {"assessments__assessment__5__assessment_date": E("2007-03-01")},  # after the stop
        {"assessments__assessment__5__assessment_date": E("2005-03-01")},  # before the start
        {"assessments__assessment__5__assessment_date": E("2006-06-01"),
         "assessments__assessment__5__phase_reported": E("AP")},  # the disease's
    ],
)  # fmt: skip
def test_platelet_counts_off_imatinib_or_in_advanced_phase_grade_nothing(
    changes: dict[str, Entry],
) -> None:
    got = findings(**changes, assessments__assessment__5__a_platelets=E("20"))
    assert got.cytopenias[1].worst_grade is None


def test_an_adverse_event_without_a_grade_is_noted() -> None:
    changes = adverse_event(1, "NEUTROPENIA", "3")
    changes["toxicity__adverse_event__1__ae_grade"] = None
    got = findings(**changes)
    assert got.cytopenias[0].worst_grade is None
    assert got.notes == ("adverse event 1 left out: no grade and no usable lowest value",)


def test_an_assessment_without_a_usable_date_is_noted() -> None:
    got = findings(assessments__assessment__5__assessment_date=E("2006-13-01"),
                   assessments__assessment__5__phase_reported=E("CP"))  # fmt: skip
    assert got.notes == ("assessment 5 left out: Date is not a full date",)


# --- interruptions for toxicity ------------------------------------------------------------------


def interruption(row: int, start: str, end: Entry | None, reason: str = "TOX") -> dict[str, Entry]:
    prefix = f"imatinib__interruptions__{row}__"
    answers = {"interruption_start_date": E(start), "interruption_reason": E(reason)}
    if end is not None:
        answers["interruption_end_date"] = end
    return {prefix + item: value for item, value in answers.items()}


def test_no_interruption_for_toxicity_is_none() -> None:
    assert findings().toxicity_interruption_days is None
    other = findings(**interruption(1, "2005-06-01", E("2005-07-01"), "NONADH"))
    assert other.toxicity_interruption_days is None


def test_days_without_imatinib_add_up_over_interruptions_for_toxicity() -> None:
    got = findings(
        **interruption(1, "2005-06-01", E("2005-06-29")),  # 28 days: resumed on the 29th
        **interruption(2, "2005-08-01", E("2005-08-20"), "NONADH"),  # not for toxicity
        **interruption(3, "2006-01-02", E("2006-01-16")),  # 14 days
    )
    assert got.toxicity_interruption_days == 42


def test_an_interruption_never_resumed_runs_to_the_stop_of_imatinib() -> None:
    got = findings(**interruption(1, "2007-01-01", E(missing="NA")))
    assert got.toxicity_interruption_days == 8  # 1 to 8 January, the stop day included


def test_an_interruption_without_usable_dates_excludes_the_patient() -> None:
    got = findings(**interruption(1, "2005-06-01", E("2005-05-01")))
    assert got.toxicity_interruption_days == Excluded(
        Exclusion.INTERRUPTION_UNDATED, "interruption 1: resumed before it was interrupted"
    )
    undated = findings(**interruption(1, "2005-06", None))
    assert isinstance(undated.toxicity_interruption_days, Excluded)
    assert (
        undated.toxicity_interruption_days.detail
        == "interruption 1: Interrupted on is not a full date"
    )
