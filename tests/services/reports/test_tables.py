"""The registry letter's tables for hand-made records whose figures are known.

Records are made by the report kit (:mod:`tests.services.reports.kit`: the record ``record_of``
gives, passed through the registry's strict check); :data:`kit.BASE` is a woman born 1955-04,
diagnosed 2005-03 (age 49), never in a prospective study, imatinib 400 mg/day from 2005-04-01 to
the failure on 2007-01-08 (647 days), cytogenetic relapse registered 2007-02-01, dasatinib next.
"""

from __future__ import annotations

import copy
import datetime as dt

from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.values import Entry
from cmlentry.services.reports.abstract import Proportion
from cmlentry.services.reports.tables import (
    CentralRecord,
    LeftOut,
    LeftOutReason,
    MonthCount,
    registry_tables,
)
from tests.services.reports.kit import DEFINITION, E, Forms, forms, record

MONTH = 30.4375
TAB_1 = [  # seeds/004, Tab. 1, in its order: the form's wording, the letter's N and %
    ("NO_CHR", "No CHR (after 3 months)", 12, 2),
    ("NO_CYR", "Not any CyR (after 6 months)", 56, 10),
    ("NO_MCYR", "No MCyR (after 12 months)", 90, 16),
    ("HAEM_RELAPSE", "Haematological relapse", 42, 7),
    ("CYTO_RELAPSE", "Cytogenetic relapse or progression", 65, 11),
    ("PROGRESSION", "Progression to accelerated phase or blast crisis", 130, 23),
    ("TOXICITY", "Toxicity (leading to discontinuation)", 95, 17),
]


def case(
    values: Forms | None = None,
    serial: int = 1,
    *,
    centre: str = "FR-086",
    received: dt.date | None = None,
) -> CentralRecord:
    country, code = centre.split("-")
    rec = record(values, serial)
    rec["id"] = str(RegistryId(country, code, serial))
    return CentralRecord(centre, country, rec, received)


def cases(*values: Forms, centre: str = "FR-086") -> list[CentralRecord]:
    return [case(v, serial, centre=centre) for serial, v in enumerate(values, 1)]


def ids(items: list[CentralRecord], *positions: int) -> tuple[str, ...]:
    """The registry IDs of the cases at ``positions`` (from 1)."""
    return tuple(items[p - 1].registry_id for p in positions)


def without(group: tuple[str, str], values: Forms | None = None) -> Forms:
    """:data:`BASE` (or ``values``) with every row of a group removed."""
    changed = copy.deepcopy(values or forms())
    del changed[group[0]][group[1]]
    return changed


def test_tab_1_reasons_for_registration_as_the_letter_prints_them() -> None:
    """567 patients as in December 2007: 490 with a reason of the list, 312 men, 255 women.
    The letter's percentages are of all 567 patients (they add up to 86 %)."""
    reasons = [code for code, _label, n, _pct in TAB_1 for _ in range(n)] + [None] * 77
    templates = {
        (sex, reason): record(
            forms(
                patient__patient__sex=E(sex),
                registration__registration__form_a_reason=None if reason is None else E(reason),
            )
        )
        for sex in ("M", "F")
        for reason in {*reasons}
    }
    records = [
        CentralRecord(
            "FR-086",
            "FR",
            {
                **templates["M" if serial <= 312 else "F", reason],
                "id": str(RegistryId("FR", "086", serial)),
            },
        )
        for serial, reason in enumerate(reasons, 1)
    ]

    tables = registry_tables(records, DEFINITION)

    tab = tables.reasons.overall
    assert (tab.patients, tab.answered) == (567, 490)
    assert [(r.code, r.label, r.of_all.count) for r in tab.rows] == [t[:3] for t in TAB_1]
    assert [round(r.of_all.percent or 0) for r in tab.rows] == [t[3] for t in TAB_1]
    assert round(tab.row("PROGRESSION").of_answered.percent or 0, 1) == 26.5  # 130 / 490
    [left_out] = tab.left_out
    assert (left_out.reason, left_out.count) == (LeftOutReason.NO_REASON, 77)
    assert [round(r.of_all.percent or 0) for r in tables.sex.rows] == [55, 45]  # M 55 %; F 45 %


def test_sex_split_counts_every_patient_and_lists_who_has_no_answer() -> None:
    male = forms(patient__patient__sex=E("M"))
    items = cases(male, male, male, forms(), forms(patient__patient__sex=None))
    sex = registry_tables(items, DEFINITION).sex
    assert [(r.code, r.label) for r in sex.rows] == [("M", "male"), ("F", "female")]
    assert sex.row("M").of_all == Proportion(3, 5)
    assert sex.row("M").of_answered == Proportion(3, 4)
    assert sex.row("F").of_answered.percent == 25.0
    assert sex.left_out == (LeftOut(LeftOutReason.SEX_NOT_RECORDED, ids(items, 5)),)


def test_median_age_at_diagnosis_with_range_in_completed_years() -> None:
    items = cases(
        forms(),  # born 1955-04, diagnosed 2005-03: 49
        forms(patient__patient__birth_year=E("1975"), patient__patient__birth_month=E("6"),
              diagnosis__diagnosis__diagnosis_date=E("2005-06-30")),  # 30 (born by 30 June)
        forms(patient__patient__birth_year=E("1944"), patient__patient__birth_month=E("1"),
              diagnosis__diagnosis__diagnosis_date=E("2005-03")),  # 61
        forms(patient__patient__birth_year=E("1935"), patient__patient__birth_month=E(None, "UNK"),
              diagnosis__diagnosis__diagnosis_date=E("2005-03-15")),  # 69 or 70: 69 counted
        forms(diagnosis__diagnosis__diagnosis_date=None),
        forms(patient__patient__birth_year=E("2006"), patient__patient__birth_month=E("1")),
    )  # fmt: skip
    age = registry_tables(items, DEFINITION).age_at_diagnosis
    assert (age.years.patients, age.years.median) == (4, 55)  # (49 + 61) / 2
    assert (age.years.minimum, age.years.maximum) == (30, 69)
    assert age.uncertain == 1
    assert age.left_out == (LeftOut(LeftOutReason.AGE_NOT_EVALUABLE, ids(items, 5, 6)),)


def test_age_below_18_at_diagnosis_is_counted() -> None:
    """domain.md §0: the registry's range was 12-80; a child at diagnosis is not an error."""
    young = forms(patient__patient__birth_year=E("1990"), patient__patient__birth_month=E("2"))
    age = registry_tables(cases(young), DEFINITION).age_at_diagnosis
    assert (age.years.minimum, age.uncertain, age.left_out) == (15, 0, ())


def test_registrations_by_month_cumulative_every_month_and_the_receipt_when_undated() -> None:
    on = "registration__registration__registration_date"
    items = [
        case(forms(), 1, received=dt.date(2026, 1, 1)),  # 2007-02: Form A's date wins
        case(forms(**{on: E("2007-02-20")}), 2),
        case(forms(**{on: E("2007-04-05")}), 3),
        case(forms(**{on: E("2006-12-31")}), 4),
        case(forms(**{on: None}), 5, received=dt.date(2007, 5, 10)),
        case(forms(**{on: E("01/04/2007")}), 6, received=dt.date(2007, 5, 28)),  # kept as typed
        case(forms(**{on: None}), 7),
    ]
    over_time = registry_tables(items, DEFINITION).registrations
    assert over_time.months == (
        MonthCount(2006, 12, 1, 1),
        MonthCount(2007, 1, 0, 1),
        MonthCount(2007, 2, 2, 3),
        MonthCount(2007, 3, 0, 3),
        MonthCount(2007, 4, 1, 4),
        MonthCount(2007, 5, 2, 6),
    )
    assert [m.label for m in over_time.months][:2] == ["2006-12", "2007-01"]
    assert (over_time.patients, over_time.on_receipt) == (6, 2)
    assert over_time.left_out == (LeftOut(LeftOutReason.NO_REGISTRATION_MONTH, ids(items, 7)),)


def test_share_never_in_prospective_studies_of_all_and_of_those_answered() -> None:
    study = "patient__patient__prospective_study"
    items = cases(
        forms(),
        forms(),
        forms(**{study: E("Y"), "patient__patient__prospective_study_name": E("CML IV")}),
        forms(**{study: E(None, "UNK")}),
        forms(**{study: None}),
    )
    table = registry_tables(items, DEFINITION).prospective_study
    never = table.row("N")
    assert (never.label, never.of_all, never.of_answered) == (
        "no",
        Proportion(2, 5),
        Proportion(2, 3),
    )
    assert table.row("Y").of_answered == Proportion(1, 3)
    assert table.left_out == (
        LeftOut(LeftOutReason.STUDY_UNKNOWN, ids(items, 4)),
        LeftOut(LeftOutReason.STUDY_NOT_RECORDED, ids(items, 5)),
    )


def test_reasons_by_country_and_by_centre() -> None:
    reason = "registration__registration__form_a_reason"
    toxicity = forms(
        **{reason: E("TOXICITY"), "registration__registration__cyto_relapse_kind": None}
    )
    no_chr = forms(**{reason: E("NO_CHR"), "registration__registration__cyto_relapse_kind": None})
    items = [
        case(forms(), 1, centre="FR-086"),
        case(toxicity, 2, centre="FR-086"),
        case(forms(), 1, centre="FR-001"),
        case(no_chr, 1, centre="DE-012"),
        case(forms(**{reason: None}), 2, centre="DE-012"),
    ]
    reasons = registry_tables(items, DEFINITION).reasons
    assert reasons.overall.row("CYTO_RELAPSE").of_all == Proportion(2, 5)
    assert [key for key, _ in reasons.by_country] == ["DE", "FR"]
    assert [key for key, _ in reasons.by_centre] == ["DE-012", "FR-001", "FR-086"]
    germany, france = (split for _, split in reasons.by_country)
    assert (germany.patients, germany.answered) == (2, 1)
    assert germany.row("NO_CHR").of_all.percent == 50.0
    assert germany.left_out == (LeftOut(LeftOutReason.NO_REASON, (items[4].registry_id,)),)
    assert (france.row("CYTO_RELAPSE").of_all, france.row("TOXICITY").of_all) == (
        Proportion(2, 3),
        Proportion(1, 3),
    )
    lyon = dict(reasons.by_centre)["FR-001"]
    assert [r.of_all.count for r in lyon.rows] == [0, 0, 0, 0, 1, 0, 0]
    assert len(lyon.rows) == len(TAB_1)  # every reason of the list, even when 0


def test_imatinib_start_and_highest_dose_and_duration_until_failure() -> None:
    base = forms()
    escalated = copy.deepcopy(base)
    escalated["imatinib"]["doses"] = [  # entered out of order: the start is the earliest "From"
        _dose("2006-01-01", "600", "ESC"),
        _dose("2005-04-01", "400", "START"),
        _dose("2006-06-01", "800", "ESC"),
    ]
    imatinib = escalated["imatinib"]["imatinib"][0]
    imatinib["imatinib_stop_date"] = E("2007-03-01")
    del escalated["registration"]["registration"][0]["failure_date"]  # to the stop: 699 days
    undated = forms(imatinib__imatinib__imatinib_start_date=None)
    undated["imatinib"]["doses"] = [{"dose_mg": E("300"), "dose_change_reason": E("START")}]
    items = cases(base, escalated, undated, without(("imatinib", "doses")))

    treatment = registry_tables(items, DEFINITION).imatinib

    start = treatment.start_dose
    assert (start.mg.patients, start.mg.median, start.by_dose) == (
        2,
        400,
        ((400, Proportion(2, 2)),),
    )
    assert start.left_out == (
        LeftOut(LeftOutReason.NO_DOSE, ids(items, 4)),
        LeftOut(LeftOutReason.START_DOSE_UNDATED, ids(items, 3)),
    )
    highest = treatment.highest_dose
    assert (highest.mg.median, highest.mg.minimum, highest.mg.maximum) == (400, 300, 800)
    third = Proportion(1, 3)
    assert highest.by_dose == ((300, third), (400, third), (800, third))
    assert highest.left_out == (LeftOut(LeftOutReason.NO_DOSE, ids(items, 4)),)
    assert treatment.escalated == Proportion(1, 2)

    duration = treatment.duration_months
    assert duration.patients == 3
    assert duration.median == 647 / MONTH  # 2005-04-01 to 2007-01-08, twice
    assert (duration.minimum, duration.maximum) == (647 / MONTH, 699 / MONTH)
    assert treatment.until_stop == 1
    assert treatment.duration_left_out == (
        LeftOut(LeftOutReason.DURATION_NOT_EVALUABLE, ids(items, 3)),
    )


def _dose(start: str, mg: str, why: str) -> dict[str, Entry]:
    return {"dose_start_date": E(start), "dose_mg": E(mg), "dose_change_reason": E(why)}


def test_decision_after_failure_in_the_order_of_the_form() -> None:
    treatment = "decision__decision__next_treatment"
    items = cases(
        forms(),
        forms(),
        forms(**{treatment: E("ALLO_SCT")}),
        forms(**{treatment: None}),
    )
    decision = registry_tables(items, DEFINITION).decision
    assert [r.code for r in decision.rows] == list(DEFINITION.codelists["next_treatment"])
    assert decision.row("DASATINIB").of_all == Proportion(2, 4)
    assert decision.row("DASATINIB").of_answered == Proportion(2, 3)
    assert decision.row("ALLO_SCT").label == "allogeneic stem cell transplantation"
    assert sum(r.of_all.count for r in decision.rows) == 3
    assert decision.left_out == (LeftOut(LeftOutReason.NO_DECISION, ids(items, 4)),)


def test_a_code_the_current_list_does_not_know_gets_a_row_of_its_own() -> None:
    """A record entered under another version of the form is counted, not dropped."""
    items = cases(forms(), forms())
    items[1].record["forms"]["registration"]["groups"]["registration"][0]["values"][
        "form_a_reason"
    ] = {"value": "LATE_FAILURE"}
    reasons = registry_tables(items, DEFINITION).reasons.overall
    assert [r.code for r in reasons.rows][-2:] == ["TOXICITY", "LATE_FAILURE"]
    assert (reasons.rows[-1].label, reasons.rows[-1].of_all) == ("LATE_FAILURE", Proportion(1, 2))
    assert reasons.answered == 2


def test_no_patient_gives_empty_tables_not_errors() -> None:
    tables = registry_tables([], DEFINITION)
    assert tables.patients == 0
    assert tables.registrations.months == ()
    assert tables.age_at_diagnosis.years.median is None
    assert tables.imatinib.escalated.percent is None
    assert all(r.of_all.percent is None for r in tables.reasons.overall.rows)
    assert tables.reasons.by_centre == ()
