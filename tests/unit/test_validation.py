"""Validation: hard errors, soft warnings with overrides, conditions, dates and eligibility."""

from __future__ import annotations

import datetime as dt
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from cmlentry.domain.forms import FormDefinition, parse_definition
from cmlentry.domain.validation import Issue, blocking, validate_case
from cmlentry.domain.values import Entry, PartialDate, ValueProblem, canonical

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "forms" / "cml-ifp-1.0.yaml"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def definition() -> FormDefinition:
    return parse_definition(SHIPPED.read_text("utf-8"))


def E(value: str | None = None, missing: str | None = None, override: str | None = None) -> Entry:
    return Entry(value, missing, override)  # type: ignore[arg-type]


COMPLETE: dict[str, dict[str, list[dict[str, Entry]]]] = {
    "patient": {
        "patient": [
            {
                "sex": E("M"),
                "birth_year": E("1955"),
                "birth_month": E("4"),
                "prospective_study": E("N"),
            }
        ]
    },
    "diagnosis": {
        "diagnosis": [
            {
                "diagnosis_date": E("2005-03"),
                "phase_at_diagnosis": E("CP"),
                "baseline_untreated": E("Y"),
                "baseline_date": E("2005-03-14"),
            }
        ],
        "baseline": [
            {
                "wbc": E("85"),
                "haemoglobin": E("11.2"),
                "platelets": E("450"),
                "pb_blasts": E("2"),
                "pb_basophils": E("3"),
                "pb_eosinophils": E("2"),
                "pb_promyelocytes": E(missing="ND"),
                "spleen_cm": E("5"),
            }
        ],
        "karyotype": [{"aca_at_diagnosis": E("N")}],
    },
    "prior_therapy": {
        "prior_therapy": [
            {"prior_interferon": E("N"), "prior_hydroxyurea": E("Y"), "prior_other": E("N")}
        ]
    },
    "imatinib": {
        "imatinib": [
            {
                "imatinib_start_date": E("2005-04-01"),
                "imatinib_first_line": E("Y"),
                "phase_at_imatinib_start": E("CP"),
                "imatinib_stop_date": E("2006-10-02"),
                "imatinib_stop_reason": E("FAIL"),
            }
        ],
        "doses": [
            {
                "dose_start_date": E("2005-04-01"),
                "dose_end_date": E("2006-10-02"),
                "dose_mg": E("400"),
                "dose_change_reason": E("START"),
            }
        ],
        "interruptions": [],
    },
    "assessments": {
        "assessment": [
            {
                "assessment_date": E("2006-04-03"),
                "ph_positive_pct": E("60"),
                "metaphases_counted": E("20"),
                "phase_reported": E("CP"),
            },
            # A second marrow in the 12-month window (13.0 months): the Form A reason NO_MCYR
            # stays supported when a test breaks the first row's karyotype.
            {
                "assessment_date": E("2006-05-02"),
                "ph_positive_pct": E("50"),
                "metaphases_counted": E("20"),
                "phase_reported": E("CP"),
            },
        ]
    },
    "toxicity": {"adverse_event": []},
    "registration": {
        "registration": [
            {
                "registration_date": E("2006-11-15"),
                "form_a_reason": E("NO_MCYR"),
                "failure_date": E("2006-10-02"),
            }
        ]
    },
    "decision": {
        "decision": [
            {
                "next_treatment": E("DASATINIB"),
                "decision_date": E("2006-10-20"),
                "mutation_analysis": E("N"),
                "next_dose_mg": E("140"),
            }
        ]
    },
    "follow_up": {
        "follow_up": [
            {
                "last_contact_date": E("2007-06-01"),
                "vital_status": E("ALIVE"),
                "progression": E("N"),
            }
        ]
    },
}


def case(**changes: Any) -> dict[str, Any]:
    """The complete case with some entries changed: key 'form.group.item' or 'form.group.N.item'."""
    values = deepcopy(COMPLETE)
    for key, entry in changes.items():
        form, group, *rest = key.split(".")
        row = int(rest[0]) - 1 if len(rest) == 2 else 0
        rows = values[form][group]
        while len(rows) <= row:
            rows.append({})
        if entry is None:
            rows[row].pop(rest[-1], None)
        else:
            rows[row][rest[-1]] = entry
    return values


def issues(definition: FormDefinition, values: dict[str, Any]) -> list[Issue]:
    return validate_case(definition, values, TODAY)


def only(definition: FormDefinition, values: dict[str, Any]) -> Issue:
    found = issues(definition, values)
    assert len(found) == 1, found
    return found[0]


def test_a_complete_case_has_no_findings(definition: FormDefinition) -> None:
    assert issues(definition, COMPLETE) == []


def test_a_required_answer_missing_is_hard_and_says_what_to_do(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"patient.patient.sex": None}))
    assert (issue.severity, issue.item, issue.code) == ("hard", "sex", "value.required")
    assert issue.message == "Sex is required: enter it."
    issue = only(definition, case(**{"diagnosis.baseline.wbc": None}))
    assert (
        issue.message
        == "White blood cells is required: enter it, or choose 'unknown' or 'not done'."
    )


def test_missing_data_codes(definition: FormDefinition) -> None:
    assert issues(definition, case(**{"patient.patient.birth_month": E(missing="UNK")})) == []
    issue = only(definition, case(**{"patient.patient.sex": E(missing="UNK")}))
    assert issue.code == "value.missing_not_allowed"
    assert "cannot be left as 'unknown'" in issue.message


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        (
            "diagnosis.baseline.platelets",
            "0",
            "Platelets must be more than 0 and at most 5000 ×10⁹/L",
        ),
        ("diagnosis.baseline.spleen_cm", "40.5", "must be at least 0 and at most 40 cm"),
        ("diagnosis.baseline.pb_blasts", "-1", "must be at least 0 and at most 100%"),
        ("patient.patient.birth_month", "13", "Month of birth must be at least 1 and at most 12"),
    ],
)
def test_hard_ranges(definition: FormDefinition, item: str, value: str, message: str) -> None:
    issue = only(definition, case(**{item: E(value)}))
    assert issue.severity == "hard"
    assert message in issue.message


def test_hard_range_edges_are_inclusive_where_domain_md_says(definition: FormDefinition) -> None:
    at_edge = issues(definition, case(**{"diagnosis.baseline.spleen_cm": E("40")}))
    assert [i.severity for i in at_edge] == ["soft"]  # unusual (> 25 cm), not impossible
    assert issues(definition, case(**{"diagnosis.baseline.platelets": E("0.1")})) == []


def test_a_soft_warning_blocks_until_overridden_with_a_reason(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"diagnosis.baseline.platelets": E("1500")}))
    assert issue.severity == "soft"
    assert "platelets of 1500 ×10⁹/L or more" in issue.message
    assert list(blocking([issue], "diagnosis")) == [issue]
    kept = only(
        definition, case(**{"diagnosis.baseline.platelets": E("1500", override="confirmed by lab")})
    )
    assert kept.overridden_by == "confirmed by lab"
    assert list(blocking([kept], "diagnosis")) == []
    assert issues(definition, case(**{"diagnosis.baseline.platelets": E("1499.9")})) == []


def test_an_unusual_dose(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"imatinib.doses.dose_mg": E("500")}))
    assert (issue.severity, issue.group, issue.row) == ("soft", "doses", 1)
    assert "300, 400, 600, 800" in issue.message


def test_show_if_makes_an_item_required_or_forbidden(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"patient.patient.prospective_study": E("Y")}))
    assert (issue.item, issue.code) == ("prospective_study_name", "value.required")
    issue = only(definition, case(**{"patient.patient.prospective_study_name": E("IRIS")}))
    assert issue.message == "Which study does not apply to this case: clear it."


def test_conditions_within_a_repeating_row(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"assessments.assessment.1.metaphases_counted": None}))
    assert (issue.item, issue.row) == ("metaphases_counted", 1)


def test_dates(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"imatinib.imatinib.imatinib_start_date": E("2005-04")}))
    assert "give the full date" in issue.message
    issue = only(definition, case(**{"follow_up.follow_up.last_contact_date": E("2027-01-01")}))
    assert issue.code == "date.future"
    issue = only(definition, case(**{"patient.patient.birth_year": E("1955.5")}))
    assert issue.message == "Year of birth: give a whole number."


def test_date_order_across_forms(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"imatinib.imatinib.imatinib_start_date": E("2005-02-27")}))
    assert (issue.severity, issue.item, issue.code) == ("hard", "imatinib_start_date", "date.order")
    assert issue.message == (
        "Imatinib started (2005-02-27) is before date of diagnosis (2005-03): check both dates."
    )
    # A partial date is out of order only when it certainly is: 2005-03 may be 2005-03-01.
    assert (
        issues(
            definition,
            case(
                **{
                    "imatinib.imatinib.imatinib_start_date": E("2005-03-01"),
                    "imatinib.doses.dose_start_date": E("2005-03-01"),
                }
            ),
        )
        == []
    )
    issue = only(definition, case(**{"registration.registration.failure_date": E("2006-11-16")}))
    assert issue.item == "registration_date"


def test_date_order_within_a_row(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"imatinib.doses.dose_end_date": E("2005-03-31")}))
    assert (issue.item, issue.row, issue.severity) == ("dose_end_date", 1, "hard")


def test_eligibility_adult_at_registration(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"patient.patient.birth_year": E("1990")}))
    assert (issue.severity, issue.code) == ("soft", "eligibility.age")
    assert "was 16 at registration" in issue.message


def test_a_child_at_diagnosis_is_eligible_as_an_adult_at_registration(
    definition: FormDefinition,
) -> None:
    """domain.md §0: age at diagnosis may be under 18 (registry range 12-80)."""
    values = case(
        **{"patient.patient.birth_year": E("1988"), "patient.patient.birth_month": E("1")}
    )
    assert issues(definition, values) == []  # 17 at diagnosis, 18 at registration


def test_eligibility_chronic_phase_at_imatinib_start(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"imatinib.imatinib.phase_at_imatinib_start": E("AP")}))
    assert (issue.severity, issue.code) == ("soft", "eligibility.phase")


def test_late_chronic_phase_note(definition: FormDefinition) -> None:
    values = case(**{"diagnosis.diagnosis.diagnosis_date": E("2003-01")})
    issue = only(definition, values)
    assert (issue.severity, issue.code) == ("soft", "dates.late_start")


def test_a_code_outside_its_list(definition: FormDefinition) -> None:
    issue = only(definition, case(**{"patient.patient.sex": E("X")}))
    assert issue.message == "Sex: 'X' is not one of its choices; choose from the list."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12,5", "12.5"), (" 100 ", "100"), ("+7", "7"), ("0.10", "0.10")],
)
def test_decimal_canonical_form(definition: FormDefinition, typed: str, stored: str) -> None:
    assert canonical(definition.item("wbc"), typed) == stored


# Exponents, digit separators and numbers of thousands of digits are no way to type a blood
# count: Decimal() took them ("1E+9999999" raised an untyped Overflow, a million-digit string
# came out of it), so they are refused with the sentence a nurse can act on.
@pytest.mark.parametrize(
    "typed", ["abc", "NaN", "inf", "", "1e2", "1_000", "1E+9999999", "9" * 5000, "0x10"]
)
def test_not_a_number(definition: FormDefinition, typed: str) -> None:
    with pytest.raises(ValueProblem, match="give a number"):
        canonical(definition.item("wbc"), typed)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2006", "2006-01-01", "2006-12-31"),
        ("2008-02", "2008-02-01", "2008-02-29"),
        ("2006-03-14", "2006-03-14", "2006-03-14"),
    ],
)
def test_partial_dates(text: str, earliest: str, latest: str) -> None:
    date = PartialDate.parse(text)
    assert (str(date.earliest), str(date.latest), str(date)) == (earliest, latest, text)


@pytest.mark.parametrize("bad", ["2006-02-30", "2006-13", "06-03-14", "1899", "2006-3-14"])
def test_impossible_dates(bad: str) -> None:
    with pytest.raises(ValueProblem):
        PartialDate.parse(bad)
