"""Derived items: the calculations fed from the form's answers, and the Form A soft warning.

Expected values are the domain.md vectors (§1.5 patients, §3.5 scenarios A–E, §4 CTCAE limits)
pushed through the form, so the mapping from answers to calculation inputs is what is tested.
"""

from __future__ import annotations

import datetime as dt
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from cmlentry.domain.derived import (
    ADVERSE_EVENTS,
    ASSESSMENTS,
    CALCULATIONS,
    DOSES,
    INTERRUPTIONS,
    SINGLE_ITEMS,
    Derived,
    _fixed,
    assessment_series,
    derive,
    discontinuation,
)
from cmlentry.domain.forms import DERIVATIONS, FormDefinition, parse_definition
from cmlentry.domain.response import CtcaeVersion, DatedAssessment, Discontinuation
from cmlentry.domain.scores import hasford, sokal
from cmlentry.domain.validation import Issue, blocking, validate_case
from cmlentry.domain.values import Entry
from tests.unit.test_validation import COMPLETE, E, case

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "forms" / "cml-ifp-1.0.yaml"
TODAY = dt.date(2026, 11, 21)
T0 = dt.date(2006, 1, 10)  # the §3.5 scenarios' imatinib start


@pytest.fixture(scope="module")
def definition() -> FormDefinition:
    return parse_definition(SHIPPED.read_text("utf-8"))


def at(months: float) -> dt.date:
    return T0 + dt.timedelta(days=round(months * 30.4375))


def with_rows(values: dict[str, Any], **groups: list[dict[str, Entry]]) -> dict[str, Any]:
    """``values`` with whole groups replaced: keyword 'form__group'."""
    changed = deepcopy(values)
    for key, rows in groups.items():
        form, group = key.split("__")
        changed.setdefault(form, {})[group] = rows
    return changed


def derived(definition: FormDefinition, values: dict[str, Any], item: str, row: int = 1) -> Derived:
    form, group = definition.form_of[item].id, definition.group_of[item].id
    return derive(definition, values)[(form, group, row, item)]


def text(definition: FormDefinition, values: dict[str, Any], item: str, row: int = 1) -> str:
    return derived(definition, values, item, row).text


def form_a_issues(definition: FormDefinition, values: dict[str, Any]) -> list[Issue]:
    return [i for i in validate_case(definition, values, TODAY) if i.code.startswith("form_a.")]


# --- the bridge itself ---------------------------------------------------------------------------


def test_every_calculation_the_form_may_name_is_implemented() -> None:
    assert set(CALCULATIONS) == DERIVATIONS


def test_the_answers_are_read_where_the_definition_keeps_them(definition: FormDefinition) -> None:
    for item, (form, group) in SINGLE_ITEMS.items():
        assert (definition.form_of[item].id, definition.group_of[item].id) == (form, group), item
        assert not definition.group_of[item].repeating
    for form, group in (ASSESSMENTS, DOSES, INTERRUPTIONS, ADVERSE_EVENTS):
        found = next(g for g in definition.forms_by_id[form].groups if g.id == group)
        assert found.repeating


def test_every_derived_item_of_every_row_is_derived(definition: FormDefinition) -> None:
    found = derive(definition, COMPLETE)
    expected = {
        (form.id, group.id, row, item.id)
        for form in definition.forms
        for group in form.groups
        for item in group.items
        if item.type == "derived"
        for row in range(1, (len(COMPLETE[form.id][group.id]) if group.repeating else 1) + 1)
    }
    assert set(found) == expected
    assert ("assessments", "assessment", 2, "a_cytogenetic_response") in found
    assert not any(key[1] == "adverse_event" for key in found)  # no toxicity rows


def test_the_complete_case(definition: FormDefinition) -> None:
    found = derive(definition, COMPLETE)
    shown = {key[3]: (d.text, d.value) for key, d in found.items() if key[2] == 1}
    # Born 1955-04, diagnosed 2005-03: 49 years; spleen 5, platelets 450, blasts 2, eos 2, baso 3.
    assert shown["sokal_score"] == ("0.94 (intermediate)", sokal(49, 5, 450, 2).value)
    assert shown["hasford_score"] == ("613.3 (low)", hasford(49, 5, 2, 2, 3, 450).value)
    assert shown["eutos_score"] == ("41 (low)", 41.0)
    assert shown["imatinib_days_to_failure"] == (
        "549 days (18.0 months), to the failure date",
        549,
    )
    assert shown["imatinib_dose_intensity"] == (
        "400.0 mg/day over 550 days (2005-04-01 to 2006-10-02)",
        400.0,
    )
    assert shown["imatinib_long_interruptions"] == ("none", (0, 0))
    assert shown["a_cytogenetic_response"] == ("minor", "minor")
    assert shown["a_chr"] == ("not evaluable: no blood count in this assessment", None)
    assert shown["form_a_supported"] == ("No MCyR (after 12 months) on 2006-05-02", ("NO_MCYR",))
    assert found[("diagnosis", "scores", 1, "sokal_score")].inputs == (
        "baseline_untreated",
        "birth_year",
        "birth_month",
        "diagnosis_date",
        "spleen_cm",
        "platelets",
        "pb_blasts",
    )


def test_nothing_entered_is_not_evaluable_and_never_raises(definition: FormDefinition) -> None:
    found = derive(definition, {})
    assert len(found) == 8  # the non-repeating derived items; no rows, nothing else
    assert found[("diagnosis", "scores", 1, "sokal_score")].text == (
        "not evaluable: not stated whether the values precede any CML treatment"
    )
    assert found[("imatinib", "imatinib", 1, "imatinib_days_to_failure")].text == (
        "not evaluable: Imatinib started not entered"
    )
    assert found[("registration", "registration", 1, "form_a_supported")].value is None


def test_garbage_answers_are_not_evaluable_with_the_reason(definition: FormDefinition) -> None:
    values = case(
        **{
            "diagnosis.baseline.platelets": E("lots"),
            "diagnosis.baseline.spleen_cm": E(missing="UNK"),
            "imatinib.imatinib.imatinib_start_date": E("2005-04"),
            "assessments.assessment.1.metaphases_counted": E("20.5"),
        }
    )
    found = {key[3]: d.text for key, d in derive(definition, values).items() if key[2] == 1}
    assert found["sokal_score"] == (
        "not evaluable: Spleen below the left costal margin is 'unknown', Platelets is not a number"
    )
    assert found["eutos_score"] == (
        "not evaluable: Spleen below the left costal margin is 'unknown'"
    )
    assert found["imatinib_days_to_failure"] == "not evaluable: Imatinib started is not a full date"
    assert (
        found["a_cytogenetic_response"] == "not evaluable: Metaphases counted is not a whole number"
    )
    assert found["form_a_supported"] == "not evaluable: Imatinib started is not a full date"
    # A value is kept as typed when it is not valid; "sNaN" even parses as a Decimal.
    values = case(**{"diagnosis.baseline.pb_eosinophils": E("sNaN")})
    assert text(definition, values, "hasford_score") == (
        "not evaluable: Eosinophils in peripheral blood is not a number"
    )


def test_a_value_the_calculation_refuses_is_not_evaluable_with_its_message(
    definition: FormDefinition,
) -> None:
    values = case(**{"diagnosis.baseline.platelets": E("0")})  # platelets must be above 0
    assert text(definition, values, "sokal_score") == (
        "not evaluable: The input 'platelets' is not valid: give a number above 0 and at most "
        "5000 ×10⁹/L"
    )


# --- prognostic scores (§1) ----------------------------------------------------------------------


def baseline(age: int, spleen: float, plt: float, blasts: float, eos: float, baso: float) -> Any:
    """The diagnosis form of a patient of ``age`` at diagnosis (born January, diagnosed June)."""
    return case(
        **{
            "patient.patient.birth_year": E(str(2005 - age)),
            "patient.patient.birth_month": E("1"),
            "diagnosis.diagnosis.diagnosis_date": E("2005-06"),
            "diagnosis.baseline.spleen_cm": E(f"{spleen:g}"),
            "diagnosis.baseline.platelets": E(f"{plt:g}"),
            "diagnosis.baseline.pb_blasts": E(f"{blasts:g}"),
            "diagnosis.baseline.pb_eosinophils": E(f"{eos:g}"),
            "diagnosis.baseline.pb_basophils": E(f"{baso:g}"),
        }
    )


@pytest.mark.parametrize(
    ("patient", "texts", "values"),
    [
        (
            (35, 0, 300, 1, 2, 1),
            ("0.59 (low)", "141.0 (low)", "7 (low)", "0.9617 (low)"),
            (0.5913, 141.0, 7, 0.9617),
        ),
        (
            (56, 5, 400, 2, 3, 2),
            ("1.01 (intermediate)", "1117.3 (intermediate)", "34 (low)", "1.6058 (intermediate)"),
            (1.0063, 1117.3, 34, 1.6058),
        ),
        (
            (62, 15, 1600, 5, 6, 4),
            ("4.99 (high)", "3135.9 (high)", "88 (high)", "2.3688 (high)"),
            (4.9916, 3135.9, 88, 2.3688),
        ),
    ],
)
def test_the_domain_md_1_5_patients_through_the_diagnosis_form(
    definition: FormDefinition,
    patient: tuple[int, float, float, float, float, float],
    texts: tuple[str, str, str, str],
    values: tuple[float, float, float, float],
) -> None:
    answers = baseline(*patient)
    items = ("sokal_score", "hasford_score", "eutos_score", "elts_score")
    found = [derived(definition, answers, item) for item in items]
    assert tuple(d.text for d in found) == texts
    for d, value in zip(found, values, strict=True):
        assert d.value == pytest.approx(value, abs=5e-5)


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("N", "values obtained after CML treatment had started"),
        (None, "not stated whether the values precede any CML treatment"),
    ],
)
def test_scores_from_values_after_treatment_started_are_not_evaluable(
    definition: FormDefinition, answer: str | None, why: str
) -> None:
    values = case(**{"diagnosis.diagnosis.baseline_untreated": E(answer) if answer else None})
    for item in ("sokal_score", "hasford_score", "eutos_score", "elts_score"):
        found = derived(definition, values, item)
        assert (found.text, found.value) == (f"not evaluable: {why}", None)


def test_an_uncertain_age_is_said_and_decides_nothing_it_cannot(
    definition: FormDefinition,
) -> None:
    """Born 1955 (month unknown), diagnosed 2005-03-14: 49 or 50 at diagnosis.

    Hasford counts 666.6 points from age 50 (§1.2), so the §1.5 first patient is low at 49 and
    intermediate at 50: not evaluable. Sokal is low either way: shown, with the value at 49.
    """
    values = deepcopy(baseline(35, 0, 300, 1, 2, 1))
    values["patient"]["patient"][0].update(birth_year=E("1955"), birth_month=E(missing="UNK"))
    values["diagnosis"]["diagnosis"][0]["diagnosis_date"] = E("2005-03-14")
    why = "age 49 or 50 at diagnosis, as the month of birth is not known"
    assert text(definition, values, "hasford_score") == (
        f"not evaluable: {why}, and the risk group depends on it: low at 49, intermediate at 50"
    )
    found = derived(definition, values, "sokal_score")
    assert found.text == f"0.70 (low; {why})"  # 0.6956 at 49, 0.7037 at 50
    assert found.value == sokal(49, 0, 300, 1).value
    assert text(definition, values, "elts_score") == f"1.1486 to 1.1670 (low; {why})"
    assert text(definition, values, "eutos_score") == "7 (low)"  # no age in EUTOS


def test_born_in_the_month_of_diagnosis(definition: FormDefinition) -> None:
    values = case(
        **{
            "patient.patient.birth_month": E("3"),
            "diagnosis.diagnosis.diagnosis_date": E("2005-03-14"),
        }
    )  # born 1955-03: 49 or 50
    assert text(definition, values, "sokal_score").endswith(
        "(intermediate; age 49 or 50 at diagnosis, as the patient was born in the month of "
        "diagnosis and the day of birth is not recorded)"
    )


def test_a_value_near_a_cut_off_is_not_printed_as_the_cut_off() -> None:
    assert _fixed(1.2004, 2, (0.8, 1.2)) == "1.2004"  # high, not "1.20 (high)"
    assert _fixed(1.2, 2, (0.8, 1.2)) == "1.20"
    assert _fixed(1.19, 2, (0.8, 1.2)) == "1.19"


# --- one assessment (§2) -------------------------------------------------------------------------


def assessment(**answers: str) -> dict[str, Any]:
    """The complete case with one assessment row of these answers ('ND' is 'not done')."""
    row = {item: E(missing="ND") if value == "ND" else E(value) for item, value in answers.items()}
    return with_rows(COMPLETE, assessments__assessment=[row])


CHR_COUNTS = {"a_wbc": "6", "a_platelets": "250", "a_pb_basophils": "1", "a_spleen_cm": "0"}


@pytest.mark.parametrize(
    ("answers", "expected", "value"),
    [
        ({**CHR_COUNTS, "a_immature_cells": "N"}, "CHR", True),
        (
            {**CHR_COUNTS, "a_immature_cells": "N", "a_pb_blasts": "0", "a_pb_promyelocytes": "0"},
            "CHR",
            True,
        ),
        (
            {**CHR_COUNTS, "a_immature_cells": "Y"},
            "no CHR: myelocytes, promyelocytes or blasts in the differential",
            False,
        ),
        (  # an entered percentage above 0 wins over "no immature cells"
            {**CHR_COUNTS, "a_immature_cells": "N", "a_pb_blasts": "2"},
            "no CHR: myelocytes, promyelocytes or blasts in the differential",
            False,
        ),
        (  # myelocytes are never asked as a percentage: without the yes/no, CHR stays open
            {**CHR_COUNTS, "a_immature_cells": "ND", "a_pb_blasts": "0", "a_pb_promyelocytes": "0"},
            "not evaluable: no value for myelocytes, promyelocytes or blasts",
            None,
        ),
        (  # §3.5 scenario A at 3 months
            {"a_wbc": "14"},
            "no CHR: white blood cells ≥ 10 ×10⁹/L",
            False,
        ),
        (
            {**CHR_COUNTS, "a_platelets": "450", "a_spleen_cm": "2", "a_immature_cells": "N"},
            "no CHR: platelets ≥ 450 ×10⁹/L, palpable spleen",
            False,
        ),
        (
            {"a_wbc": "6"},
            "not evaluable: no value for platelets, myelocytes, promyelocytes or blasts, "
            "basophils, spleen",
            None,
        ),
        ({}, "not evaluable: no blood count in this assessment", None),
    ],
)
def test_chr_from_the_blood_count(
    definition: FormDefinition, answers: dict[str, str], expected: str, value: bool | None
) -> None:
    found = derived(definition, assessment(assessment_date="2006-04-10", **answers), "a_chr")
    assert (found.text, found.value) == (expected, value)


@pytest.mark.parametrize(
    ("ph", "metaphases", "expected", "value"),
    [
        ("0", "20", "complete (CCyR)", "complete"),
        ("20", "25", "partial (PCyR)", "partial"),
        ("60", "20", "minor", "minor"),
        ("80", "20", "minimal", "minimal"),
        ("100", "20", "none", "none"),
        ("5.3", "19", "partial (PCyR), 19 metaphases", "partial"),  # 1 of 19: PCyR whatever
        ("0", "10", "not evaluable: 10 metaphases, fewer than 20: complete to minor", None),
        ("0", "0", "not evaluable: no metaphases analysed", None),
        ("ND", "", "not evaluable: Ph+ metaphases is 'not done'", None),
        ("", "", "not evaluable: no karyotype in this assessment", None),
    ],
)
def test_cytogenetic_response(
    definition: FormDefinition, ph: str, metaphases: str, expected: str, value: str | None
) -> None:
    answers = {"ph_positive_pct": ph, "metaphases_counted": metaphases}
    values = assessment(assessment_date="2006-04-10", **{k: v for k, v in answers.items() if v})
    found = derived(definition, values, "a_cytogenetic_response")
    assert (found.text, found.value) == (expected, value)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"bcr_abl_pct": "0.05", "bcr_abl_is": "Y"}, "MMR"),
        ({"bcr_abl_pct": "0.1", "bcr_abl_is": "Y"}, "MMR"),
        ({"bcr_abl_pct": "0.5", "bcr_abl_is": "Y"}, "no MMR"),
        ({"bcr_abl_pct": "0.005", "bcr_abl_is": "Y"}, "MR4"),
        (
            {"bcr_abl_pct": "0", "control_gene": "ABL1", "control_copies": "12000"},
            "MR4 (undetectable, 12,000 ABL1 copies)",
        ),
        (
            {
                "bcr_abl_pct": "0",
                "bcr_abl_is": "Y",
                "control_gene": "ABL1",
                "control_copies": "800",
            },
            "MMR (undetectable; fewer than 10,000 ABL1 copies: not deeper than MMR)",
        ),
        (
            {"bcr_abl_pct": "0", "control_gene": "GUSB", "control_copies": "50000"},
            "MMR (undetectable; control gene GUSB, not ABL1: not deeper than MMR)",
        ),
        (
            {"bcr_abl_pct": "0", "control_copies": "50000"},
            "MMR (undetectable; control gene not given: not deeper than MMR)",
        ),
        (
            {"bcr_abl_pct": "0"},
            "MMR (undetectable; control-gene copies not given: not deeper than MMR)",
        ),
        (
            {"bcr_abl_pct": "0.05", "bcr_abl_is": "N"},
            "not evaluable: not on the International Scale",
        ),
        ({"bcr_abl_pct": "0.05"}, "not evaluable: On the International Scale not entered"),
        ({}, "not evaluable: no BCR-ABL1 result in this assessment"),
    ],
)
def test_molecular_response(
    definition: FormDefinition, answers: dict[str, str], expected: str
) -> None:
    values = assessment(assessment_date="2006-04-10", **answers)
    assert text(definition, values, "a_molecular_response") == expected


@pytest.mark.parametrize(
    ("answers", "expected", "value"),
    [
        (  # §3.5 scenario D: 18 % blood blasts is AP under MDACC/ELN
            {"a_pb_blasts": "18", "phase_reported": "CP"},
            "accelerated phase (blood blasts 15–29 %); reported as chronic phase: check the "
            "values or the reported phase",
            "accelerated",
        ),
        (  # 12 %: AP under WHO only; the default rules are MDACC/ELN
            {"a_pb_blasts": "12", "a_pb_basophils": "1", "a_platelets": "250"},
            "chronic phase",
            "chronic",
        ),
        (
            {"a_pb_blasts": "2", "phase_reported": "CP"},
            "chronic phase; as far as entered: no value for basophils in peripheral blood, "
            "platelets",
            "chronic",
        ),
        (
            {"a_pb_blasts": "1", "a_pb_basophils": "1", "a_platelets": "80"},
            "chronic phase; platelets ≤ 100 ×10⁹/L: accelerated phase if unrelated to therapy, "
            "which the form does not record",
            "chronic",
        ),
        (
            {"bm_blasts": "35", "new_aca": "Y", "phase_reported": "BC"},
            "blast crisis (marrow blasts ≥ 30 %, clonal evolution)",
            "blast",
        ),
        (
            {"phase_reported": "AP"},
            "not evaluable: no blood, marrow or karyotype values in this assessment",
            None,
        ),
    ],
)
def test_phase_computed_and_compared_with_the_phase_reported(
    definition: FormDefinition, answers: dict[str, str], expected: str, value: str | None
) -> None:
    found = derived(
        definition, assessment(assessment_date="2006-04-10", **answers), "a_phase_computed"
    )
    assert (found.text, found.value) == (expected, value)


# --- toxicity (§4) -------------------------------------------------------------------------------


def event(term: str, version: str, lab: str | None, grade: str, action: str = "NONE") -> Any:
    row = {
        "ae_term": E(term),
        "ctcae_version": E(version),
        "ae_grade": E(grade),
        "ae_start_date": E("2006-03"),
        "ae_action": E(action),
    }
    if lab is not None:
        row["ae_lab_value"] = E(missing="UNK") if lab == "UNK" else E(lab)
    return row


@pytest.mark.parametrize(
    ("row", "expected", "value"),
    [
        (event("NEUTROPENIA", "3.0", "0.3", "4"), "grade 4", 4),
        (event("NEUTROPENIA", "5.0", "1.0", "3"), "grade 2; grade entered: 3", 2),  # on a limit
        (event("THROMBOCYTOPENIA", "3.0", "49", "3"), "grade 3", 3),
        (event("ANAEMIA", "3.0", "6", "4"), "grade 4", 4),
        (event("ANAEMIA", "5.0", "6", "3"), "grade 3", 3),  # v5.0 has no numeric grade 4
        (
            event("THROMBOCYTOPENIA", "5.0", "75", "1"),
            "grade 0 or 1 (no lower limit of normal recorded)",
            None,
        ),
        (
            event("NEUTROPENIA", "3.0", "1.6", "2"),
            "grade 0 or 1 (no lower limit of normal recorded); grade entered: 2",
            None,
        ),
        (
            event("NAUSEA", "3.0", None, "2"),
            "not calculated (no laboratory grade for this event)",
            None,
        ),
        (event("ANAEMIA", "3.0", "UNK", "2"), "not evaluable: Lowest value is 'unknown'", None),
    ],
)
def test_ctcae_grade_from_the_lowest_value(
    definition: FormDefinition, row: dict[str, Entry], expected: str, value: int | None
) -> None:
    values = with_rows(COMPLETE, toxicity__adverse_event=[row])
    found = derived(definition, values, "ae_grade_calculated")
    assert (found.text, found.value) == (expected, value)


# --- imatinib (§5.1) -----------------------------------------------------------------------------


def test_imatinib_duration_runs_to_the_failure_date_else_to_the_stop(
    definition: FormDefinition,
) -> None:
    no_failure = case(**{"registration.registration.failure_date": None})
    no_failure["imatinib"]["imatinib"][0]["imatinib_stop_date"] = E("2006-08-01")
    assert text(definition, no_failure, "imatinib_days_to_failure") == (
        "487 days (16.0 months), to the stop of imatinib"
    )
    no_failure["imatinib"]["imatinib"][0]["imatinib_stop_date"] = E(missing="NA")
    assert text(definition, no_failure, "imatinib_days_to_failure") == (
        "not evaluable: no failure date, and imatinib has not stopped"
    )


def dose(start: str, end: str | None, mg: int, reason: str = "START") -> dict[str, Entry]:
    return {
        "dose_start_date": E(start),
        "dose_end_date": E(end) if end else E(missing="NA"),
        "dose_mg": E(str(mg)),
        "dose_change_reason": E(reason),
    }


def pause(start: str, resumed: str | None) -> dict[str, Entry]:
    return {
        "interruption_start_date": E(start),
        "interruption_end_date": E(resumed) if resumed else E(missing="NA"),
        "interruption_reason": E("TOX"),
    }


def test_dose_intensity_of_two_doses_with_an_interruption(definition: FormDefinition) -> None:
    """domain.md §5.1: cumulative mg / days, interruptions counted as 0 mg.

    400 mg from 2006-01-01 to 2006-03-31 (31 + 28 + 31 = 90 days), then 600 mg from 2006-04-01
    to 2006-06-30 (30 + 31 + 30 = 91 days): 181 days. Interrupted on 2006-02-01, resumed on
    2006-02-15: 14 days without imatinib (1 to 14 February), all in the 400 mg period.
    Cumulative dose = (90 − 14) × 400 + 91 × 600 = 30 400 + 54 600 = 85 000 mg.
    Dose intensity = 85 000 / 181 = 469.61 mg/day.
    """
    values = with_rows(
        COMPLETE,
        imatinib__doses=[
            dose("2006-01-01", "2006-03-31", 400),
            dose("2006-04-01", "2006-06-30", 600, "ESC"),
        ],
        imatinib__interruptions=[pause("2006-02-01", "2006-02-15")],
    )
    found = derived(definition, values, "imatinib_dose_intensity")
    assert found.value == pytest.approx(85_000 / 181)
    assert found.text == (
        "469.6 mg/day over 181 days (2006-01-01 to 2006-06-30); 14 days interrupted"
    )


def test_dose_history_edges(definition: FormDefinition) -> None:
    # A change entered with the same date as the end of the previous row: that day is at 600.
    # 2006-01-01..03-30 at 400 (89 days) + 03-31..04-09 at 600 (10 days) = 35 600 + 6 000 mg.
    values = with_rows(
        COMPLETE,
        imatinib__doses=[
            dose("2006-01-01", "2006-03-31", 400),
            dose("2006-03-31", "2006-04-09", 600),
        ],
    )
    assert derived(definition, values, "imatinib_dose_intensity").value == pytest.approx(
        41_600 / 99
    )
    # An open last row runs to the stop of imatinib (2006-10-02 in the complete case); a gap
    # between rows counts as 0 mg and is said.
    values = with_rows(
        COMPLETE,
        imatinib__doses=[dose("2006-09-01", "2006-09-10", 400), dose("2006-09-21", None, 300)],
    )
    found = derived(definition, values, "imatinib_dose_intensity")
    assert found.value == pytest.approx((10 * 400 + 12 * 300) / 32)
    assert found.text.endswith("; 10 days without a dose entered, counted as 0 mg")
    values = with_rows(COMPLETE, imatinib__doses=[])
    assert derived(definition, values, "imatinib_dose_intensity").text == (
        "not evaluable: no dose history entered"
    )


def test_interruptions_longer_than_four_weeks(definition: FormDefinition) -> None:
    values = with_rows(
        COMPLETE,
        imatinib__interruptions=[
            pause("2005-06-01", "2005-06-15"),  # 14 days
            pause("2005-08-01", "2005-08-29"),  # 28 days: not more than 4 weeks
            pause("2006-01-02", "2006-02-16"),  # 45 days
        ],
    )
    found = derived(definition, values, "imatinib_long_interruptions")
    assert (found.text, found.value) == ("1 (longest 45 days)", (1, 45))
    # Never resumed: runs to the stop of imatinib on 2006-10-02 (from 2006-09-01: 32 days).
    values = with_rows(COMPLETE, imatinib__interruptions=[pause("2006-09-01", None)])
    assert derived(definition, values, "imatinib_long_interruptions").value == (1, 32)
    values = with_rows(COMPLETE, imatinib__interruptions=[pause("2005-06-01", "2005-06-15")])
    assert derived(definition, values, "imatinib_long_interruptions").text == (
        "none (longest 14 days)"
    )


# --- Form A (§3.5) -------------------------------------------------------------------------------


def visit(months: float, **answers: str) -> dict[str, Entry]:
    return {
        "assessment_date": E(str(at(months))),
        "phase_reported": E("CP"),
        **{item: E(value) for item, value in answers.items()},
    }


def marrow(months: float, ph: int, **answers: str) -> dict[str, Entry]:
    return visit(months, ph_positive_pct=str(ph), metaphases_counted="20", **answers)


IN_CHR = {**CHR_COUNTS, "a_immature_cells": "N"}


def scenario(
    rows: list[dict[str, Entry]], reason: str, failure: dt.date, **imatinib: Entry
) -> dict[str, Any]:
    """The complete case with imatinib from T0, these assessments, reason and failure date."""
    values = with_rows(
        COMPLETE,
        assessments__assessment=rows,
        imatinib__doses=[dose(str(T0), str(failure), 400)],
    )
    values["imatinib"]["imatinib"][0].update(
        imatinib_start_date=E(str(T0)), imatinib_stop_date=E(str(failure)), **imatinib
    )
    values["registration"]["registration"][0].update(
        form_a_reason=E(reason), failure_date=E(str(failure)), registration_date=E("2009-06-01")
    )
    return values


def supported(definition: FormDefinition, values: dict[str, Any]) -> Derived:
    return derived(definition, values, "form_a_supported")


def test_scenario_a_no_chr_and_not_any_cyr(definition: FormDefinition) -> None:
    """3 months: WBC 14, no CHR; 6 months: WBC 12, Ph+ 100 %. Both reasons are supported."""
    values = scenario([visit(3, a_wbc="14"), marrow(6, 100, a_wbc="12")], "NO_CHR", at(6))
    found = supported(definition, values)
    assert found.value == ("NO_CHR", "NO_CYR")
    assert found.text == (
        f"No CHR (after 3 months) on {at(3)}; Not any CyR (after 6 months) on {at(6)}"
    )
    assert form_a_issues(definition, values) == []
    values = scenario([visit(3, a_wbc="14"), marrow(6, 100, a_wbc="12")], "NO_CYR", at(6))
    assert form_a_issues(definition, values) == []


def test_scenario_a_registered_as_no_mcyr_is_warned(definition: FormDefinition) -> None:
    values = scenario([visit(3, a_wbc="14"), marrow(6, 100, a_wbc="12")], "NO_MCYR", at(6))
    issues = form_a_issues(definition, values)
    assert [(i.severity, i.form, i.item, i.code) for i in issues] == [
        ("soft", "registration", "form_a_reason", "form_a.not_supported"),
        ("soft", "registration", "form_a_reason", "form_a.too_early"),
    ]
    assert issues[0].message == (
        "The reason 'No MCyR (after 12 months)' is not supported by the data entered (no marrow "
        "result between 11 and 13.5 months with Ph+ above 35 %): check the assessments, or give "
        "a reason to keep it."
    )
    assert issues[1].message == (
        f"The date of failure ({at(6)}) is before the reason 'No MCyR (after 12 months)' can "
        f"apply (11 months after imatinib started, on {T0 + dt.timedelta(days=335)}): check the "
        "date of failure and the reason, or give a reason to keep them."
    )


def test_scenario_b_no_mcyr(definition: FormDefinition) -> None:
    rows = [visit(3, **IN_CHR), marrow(6, 80, **IN_CHR), marrow(12, 50)]
    values = scenario(rows, "NO_MCYR", at(12))
    assert supported(definition, values).value == ("NO_MCYR",)
    assert form_a_issues(definition, values) == []


def test_scenario_c_cytogenetic_relapse(definition: FormDefinition) -> None:
    rows = [marrow(6, 20), marrow(12, 0), marrow(24, 15), marrow(27, 30)]
    values = scenario(rows, "CYTO_RELAPSE", at(27), cyto_relapse_kind=E("LOSS_CCYR"))
    found = supported(definition, values)
    assert found.text == f"Cytogenetic relapse or progression (loss of CCyR) on {at(27)}"
    assert form_a_issues(definition, values) == []


@pytest.mark.parametrize(("blasts", "progression"), [("18", True), ("12", False)])
def test_scenario_d_progression_under_mdacc_eln(
    definition: FormDefinition, blasts: str, progression: bool
) -> None:
    """18 % blood blasts is AP under MDACC/ELN (and WHO); 12 % is AP under WHO only."""
    rows = [marrow(12, 0, **IN_CHR), visit(30, a_pb_blasts=blasts)]
    values = scenario(rows, "PROGRESSION", at(30))
    found = supported(definition, values)
    assert ("PROGRESSION" in (found.value or ())) is progression
    if progression:
        # Blasts in the blood also end the CHR; with progression that needs no confirmation.
        assert found.value == ("HAEM_RELAPSE", "PROGRESSION")
        assert form_a_issues(definition, values) == []
    else:
        assert found.text == "none supported by the data entered"
        assert [i.code for i in form_a_issues(definition, values)] == ["form_a.not_supported"]


def test_scenario_e_toxicity_leading_to_discontinuation(definition: FormDefinition) -> None:
    """Grade 4 neutropenia at 2 months, again after the restart at 300 mg: imatinib stopped."""
    stop = at(4)
    values = scenario([visit(1, **IN_CHR)], "TOXICITY", stop, imatinib_stop_reason=E("TOX"))
    values["toxicity"]["adverse_event"] = [
        event("NEUTROPENIA", "3.0", "0.3", "4", action="INT"),
        event("NEUTROPENIA", "3.0", "0.4", "4", action="STOP"),
        event("NAUSEA", "3.0", None, "1", action="STOP"),
    ]
    values["imatinib"]["doses"] = [
        dose(str(T0), str(at(2)), 400),
        dose(str(at(2.5)), str(stop), 300, "RED"),
    ]
    values["imatinib"]["interruptions"] = [pause(str(at(2)), str(at(2.5)))]
    assert discontinuation(values) == Discontinuation(
        stop,
        because_of_toxicity=True,
        ctcae_term="NEUTROPENIA",
        ctcae_grade=4,
        ctcae_version=CtcaeVersion.V3_0,
    )
    found = supported(definition, values)
    assert (found.text, found.value) == (
        f"Toxicity (leading to discontinuation) on {stop}",
        ("TOXICITY",),
    )
    assert form_a_issues(definition, values) == []
    assert text(definition, values, "ae_grade_calculated", row=2) == "grade 4"


def test_toxicity_chosen_although_imatinib_was_stopped_for_failure(
    definition: FormDefinition,
) -> None:
    values = case(**{"registration.registration.form_a_reason": E("TOXICITY")})
    (issue,) = form_a_issues(definition, values)
    assert issue.message == (
        "The reason 'Toxicity (leading to discontinuation)' is not supported by the data entered "
        "(imatinib was not stopped because of toxicity): check the imatinib form, or give a "
        "reason to keep it."
    )


def test_haematological_relapse_without_an_earlier_chr(definition: FormDefinition) -> None:
    rows = [visit(10, a_wbc="14"), visit(11, a_wbc="15")]
    values = scenario(rows, "HAEM_RELAPSE", at(11))
    assert [i.code for i in form_a_issues(definition, values)] == [
        "form_a.not_supported",
        "form_a.no_earlier_chr",
    ]


def test_less_than_ccyr_at_18_months_is_shown(definition: FormDefinition) -> None:
    values = scenario([marrow(12, 20), marrow(18, 5)], "NO_MCYR", at(18))
    assert supported(definition, values).text == (
        "none supported by the data entered; also less than CCyR at 18 months (ELN 2006 "
        "failure; not a Form A reason)"
    )


def test_the_complete_case_supports_its_reason(definition: FormDefinition) -> None:
    """COMPLETE chose NO_MCYR with a marrow on 2006-04-03, Ph+ 60 % of 20 metaphases.

    Imatinib started on 2005-04-01: 367 days = 12.06 months, inside the 12-month window
    [11, 13.5], and 60 % > 35 %, so the reason is supported and no Form A warning is given
    (with the first assessment alone, too).
    """
    assert form_a_issues(definition, COMPLETE) == []
    first_only = deepcopy(COMPLETE)
    del first_only["assessments"]["assessment"][1]
    assert form_a_issues(definition, first_only) == []
    assert supported(definition, first_only).text == "No MCyR (after 12 months) on 2006-04-03"


def test_the_form_a_warning_waits_for_an_override_reason(definition: FormDefinition) -> None:
    values = with_rows(
        COMPLETE, assessments__assessment=[marrow(12, 30) | {"assessment_date": E("2006-04-03")}]
    )
    (issue,) = validate_case(definition, values, TODAY)
    assert (issue.severity, issue.code, issue.overridden_by) == (
        "soft",
        "form_a.not_supported",
        None,
    )
    assert list(blocking([issue], "registration")) == [issue]
    values["registration"]["registration"][0]["form_a_reason"] = E(
        "NO_MCYR", override="marrow of 2006-06 not yet entered"
    )
    (kept,) = validate_case(definition, values, TODAY)
    assert kept.overridden_by == "marrow of 2006-06 not yet entered"
    assert list(blocking([kept], "registration")) == []


# --- the public helpers --------------------------------------------------------------------------


def test_assessment_series_of_the_complete_case() -> None:
    assert assessment_series(COMPLETE) == [
        DatedAssessment(dt.date(2006, 4, 3), ph_positive_pct=60.0, metaphases=20),
        DatedAssessment(dt.date(2006, 5, 2), ph_positive_pct=50.0, metaphases=20),
    ]


def test_assessment_series_leaves_out_what_it_cannot_use() -> None:
    values = with_rows(
        COMPLETE,
        assessments__assessment=[
            {"assessment_date": E("2006-04"), "ph_positive_pct": E("60")},  # not a full date
            {"assessment_date": E("2006-05-02"), "ph_positive_pct": E("60")},  # no metaphases
            visit(3, **IN_CHR, bcr_abl_pct="0.5", bcr_abl_is="Y", a_pb_blasts="18"),
        ],
    )
    assert assessment_series(values) == [
        DatedAssessment(dt.date(2006, 5, 2)),
        DatedAssessment(
            at(3),
            chr=False,
            bcr_abl1_is_pct=0.5,
            phase="accelerated",  # type: ignore[arg-type]
        ),
    ]


def test_discontinuation() -> None:
    assert discontinuation(COMPLETE) == Discontinuation(dt.date(2006, 10, 2), False)
    still_on = case(**{"imatinib.imatinib.imatinib_stop_date": E(missing="NA")})
    assert discontinuation(still_on) is None
    for_toxicity = case(**{"imatinib.imatinib.imatinib_stop_reason": E("TOX")})
    assert discontinuation(for_toxicity) == Discontinuation(dt.date(2006, 10, 2), True)
