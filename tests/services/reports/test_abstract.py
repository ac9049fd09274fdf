"""The abstract's figures for a handful of hand-made patients whose figures are known."""

from __future__ import annotations

import datetime as dt

import pytest

from cmlentry.domain.clinical import Risk
from cmlentry.domain.response import CytogeneticCategory
from cmlentry.domain.survival import CiType, UnknownCiType
from cmlentry.domain.values import Entry
from cmlentry.services.reports.abstract import (
    ExclusionCount,
    Proportion,
    abstract_endpoints,
)
from cmlentry.services.reports.endpoints import (
    EndpointOptions,
    EventSet,
    Exclusion,
    PatientEndpoints,
    derive_endpoints,
)
from tests.services.reports.kit import DEFINITION, T0, E, forms, months, record

AP_BC = EndpointOptions(EventSet.AP_BC)
HIGH = {"diagnosis__baseline__spleen_cm": E("20")}


def progression(day: str) -> dict[str, Entry]:
    return {
        "follow_up__follow_up__progression": E("Y"),
        "follow_up__follow_up__progression_date": E(day),
        "follow_up__follow_up__progression_phase": E("AP"),
    }


def toxicity_break(start: str, resumed: str) -> dict[str, Entry]:
    return {
        "imatinib__interruptions__interruption_start_date": E(start),
        "imatinib__interruptions__interruption_end_date": E(resumed),
        "imatinib__interruptions__interruption_reason": E("TOX"),
    }


NEUTROPENIA_G3 = {
    "toxicity__adverse_event__ae_term": E("NEUTROPENIA"),
    "toxicity__adverse_event__ctcae_version": E("3.0"),
    "toxicity__adverse_event__ae_grade": E("3"),
    "toxicity__adverse_event__ae_start_date": E("2005-06"),
    "toxicity__adverse_event__ae_action": E("INT"),
}

PATIENTS = [
    forms(),  # intermediate, censored at 2008-06-01 (38 months)
    forms(**progression("2005-10-01"), **NEUTROPENIA_G3),  # intermediate, event at 6 months
    forms(**HIGH, **progression("2006-01-01"), **toxicity_break("2005-06-01", "2005-06-29")),
    forms(**HIGH, **progression("2006-08-01"), **toxicity_break("2005-07-01", "2005-07-15")),
    forms(imatinib__imatinib__imatinib_start_date=None),  # no time, no CHR, no karyotype
    forms(diagnosis__diagnosis__baseline_untreated=E("N")),  # no Sokal group, censored
]


@pytest.fixture(scope="module")
def patients() -> tuple[PatientEndpoints, ...]:
    records = [record(values, serial) for serial, values in enumerate(PATIENTS, start=1)]
    return derive_endpoints(records, AP_BC, DEFINITION)


def test_the_kaplan_meier_figures_at_12_and_18_months(
    patients: tuple[PatientEndpoints, ...],
) -> None:
    result = abstract_endpoints(patients, AP_BC)
    pfs = result.pfs
    assert (pfs.options, pfs.ci) == (AP_BC, CiType.PLAIN)
    assert pfs.curve is not None
    assert (pfs.curve.subjects, pfs.curve.events) == (5, 3)
    at_12, at_18 = pfs.landmarks
    # Events at 6 and 9 months among 5, then at 16 months among the 3 left.
    assert at_12.survival == pytest.approx(4 / 5 * 3 / 4)
    assert at_12.event_time == pytest.approx(months(T0, dt.date(2006, 1, 1)))
    assert at_18.survival == pytest.approx(4 / 5 * 3 / 4 * 2 / 3)
    assert (at_12.time, at_18.time, at_18.at_risk, at_18.ci) == (12.0, 18.0, 2, CiType.PLAIN)
    assert pfs.excluded == (ExclusionCount(Exclusion.NO_ORIGIN, 1),)


def test_pfs_by_sokal_group_with_its_logrank_test(patients: tuple[PatientEndpoints, ...]) -> None:
    pfs = abstract_endpoints(patients, AP_BC, "log-log").pfs
    assert [(risk, curve.subjects, curve.events) for risk, curve in pfs.by_sokal] == [
        (Risk.INTERMEDIATE, 2, 1),
        (Risk.HIGH, 2, 2),
    ]
    assert all(curve.ci is CiType.LOG_LOG for _, curve in pfs.by_sokal)
    assert pfs.sokal_logrank is not None
    assert pfs.sokal_logrank.df == 1
    assert [(g.name, g.subjects) for g in pfs.sokal_logrank.groups] == [
        ("low", 0),
        ("intermediate", 2),
        ("high", 2),
    ]
    assert pfs.sokal_excluded == (ExclusionCount(Exclusion.SOKAL_NOT_EVALUABLE, 1),)


def test_no_logrank_with_one_sokal_group(patients: tuple[PatientEndpoints, ...]) -> None:
    pfs = abstract_endpoints(patients[:2], AP_BC).pfs
    assert [risk for risk, _ in pfs.by_sokal] == [Risk.INTERMEDIATE]
    assert pfs.sokal_logrank is None


def test_responses_toxicities_and_interruptions(patients: tuple[PatientEndpoints, ...]) -> None:
    result = abstract_endpoints(patients, AP_BC)
    assert result.patients == 6
    assert result.chr_any_time == Proportion(5, 5)
    assert result.chr_excluded == (ExclusionCount(Exclusion.NO_IMATINIB_START, 1),)
    categories = dict(result.cytogenetic_12_months)
    assert categories[CytogeneticCategory.COMPLETE] == Proportion(5, 5)
    assert categories[CytogeneticCategory.NONE] == Proportion(0, 5)
    assert dict(result.severe_cytopenias) == {
        "NEUTROPENIA": Proportion(1, 6),
        "THROMBOCYTOPENIA": Proportion(0, 6),
        "ANAEMIA": Proportion(0, 6),
    }
    assert Proportion(1, 6).percent == pytest.approx(100 / 6)
    breaks = result.interruptions
    assert (breaks.patients, breaks.median_weeks, breaks.min_weeks, breaks.max_weeks) == (
        2,
        3.0,
        2.0,
        4.0,
    )


def test_no_patient_gives_no_curve_and_no_percentages() -> None:
    result = abstract_endpoints((), AP_BC)
    assert (result.pfs.curve, result.pfs.landmarks, result.pfs.sokal_logrank) == (None, (), None)
    assert result.chr_any_time.percent is None
    assert result.interruptions.median_weeks is None


def test_an_unknown_ci_type_is_refused(patients: tuple[PatientEndpoints, ...]) -> None:
    with pytest.raises(UnknownCiType):
        abstract_endpoints(patients, AP_BC, "linear")
