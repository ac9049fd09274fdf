"""CTCAE v3.0 and v5.0 grades of cytopenias (domain.md §4.1, §4.2), both sides of every limit."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.response import (
    ClinicalValueError,
    CountUnit,
    CtcaeVersion,
    HaemoglobinUnit,
    anaemia_grade,
    leukopenia_grade,
    neutropenia_grade,
    thrombocytopenia_grade,
)

V3, V5 = CtcaeVersion.V3_0, CtcaeVersion.V5_0
PER_L, PER_MM3 = CountUnit.PER_LITRE_E9, CountUnit.PER_MM3

# (value, grade) pairs: a value on a limit belongs to the milder grade ("< 1.5 – 1.0").
ANC_G9L = [(2.0, 0), (1.99, 1), (1.5, 1), (1.49, 2), (1.0, 2), (0.99, 3), (0.5, 3), (0.49, 4)]
ANC_MM3 = [(2000, 0), (1999, 1), (1500, 1), (1499, 2), (1000, 2), (999, 3), (500, 3), (499, 4)]
PLT_G9L = [(150, 0), (149, 1), (75, 1), (74.9, 2), (50, 2), (49.9, 3), (25, 3), (24.9, 4)]
PLT_MM3 = [(75_000, 1), (74_999, 2), (50_000, 2), (49_999, 3), (25_000, 3), (24_999, 4)]
WBC_G9L = [(4.0, 0), (3.9, 1), (3.0, 1), (2.9, 2), (2.0, 2), (1.9, 3), (1.0, 3), (0.9, 4)]


@pytest.mark.parametrize("version", list(CtcaeVersion))
@pytest.mark.parametrize(("value", "grade"), ANC_G9L)
def test_neutrophils_per_litre(version: CtcaeVersion, value: float, grade: int) -> None:
    assert neutropenia_grade(value, unit=PER_L, version=version, lln=2.0).grade == grade


@pytest.mark.parametrize("version", list(CtcaeVersion))
@pytest.mark.parametrize(("value", "grade"), ANC_MM3)
def test_neutrophils_per_mm3(version: CtcaeVersion, value: float, grade: int) -> None:
    assert neutropenia_grade(value, unit=PER_MM3, version=version, lln=2000).grade == grade


@pytest.mark.parametrize("version", list(CtcaeVersion))
@pytest.mark.parametrize(("value", "grade"), PLT_G9L)
def test_platelets_per_litre(version: CtcaeVersion, value: float, grade: int) -> None:
    assert thrombocytopenia_grade(value, unit=PER_L, version=version, lln=150).grade == grade


@pytest.mark.parametrize("version", list(CtcaeVersion))
@pytest.mark.parametrize(("value", "grade"), PLT_MM3)
def test_platelets_per_mm3(version: CtcaeVersion, value: float, grade: int) -> None:
    result = thrombocytopenia_grade(value, unit="/mm3", version=version, lln=150_000)
    assert result.grade == grade


@pytest.mark.parametrize("version", list(CtcaeVersion))
@pytest.mark.parametrize(("value", "grade"), WBC_G9L)
def test_leukocytes(version: CtcaeVersion, value: float, grade: int) -> None:
    assert leukopenia_grade(value, version=version, lln=4.0).grade == grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [(12.0, 0), (11.9, 1), (10.0, 1), (9.9, 2), (8.0, 2), (7.9, 3), (6.5, 3), (6.4, 4), (3.0, 4)],
)
def test_haemoglobin_v3_g_per_dl(value: float, grade: int) -> None:
    assert anaemia_grade(value, unit="g/dL", version=V3, lln=12.0).grade == grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [(12.0, 0), (11.9, 1), (10.0, 1), (9.9, 2), (8.0, 2), (7.9, 3), (6.5, 3), (6.4, 3), (3.0, 3)],
)
def test_anaemia_v5_has_no_numeric_grade_4(value: float, grade: int) -> None:
    """§4.2: anemia has no numeric grade 4 in v4.03/v5 (it is a clinical judgement)."""
    assert anaemia_grade(value, unit="g/dL", version=V5, lln=12.0).grade == grade


@pytest.mark.parametrize(
    ("version", "value", "grade"),
    [
        (V3, 100, 1),
        (V3, 99, 2),
        (V3, 80, 2),
        (V3, 79, 3),
        (V3, 65, 3),
        (V3, 64, 4),
        (V5, 100, 1),
        (V5, 99, 2),
        (V5, 80, 2),
        (V5, 79, 3),
        (V5, 64, 3),
    ],
)
def test_haemoglobin_g_per_litre(version: CtcaeVersion, value: float, grade: int) -> None:
    assert anaemia_grade(value, unit=HaemoglobinUnit.G_PER_L, version=version, lln=120).grade == (
        grade
    )


@pytest.mark.parametrize(("value", "grade"), [(6.2, 1), (6.19, 2), (4.9, 2), (4.89, 3), (2.0, 3)])
def test_anaemia_v5_mmol_per_litre_uses_the_printed_limits(value: float, grade: int) -> None:
    # 6.2 mmol/L is 9.99 g/dL; converting would make it grade 2, but CTCAE prints "< LLN – 6.2".
    assert anaemia_grade(value, unit="mmol/L", version=V5, lln=7.4).grade == grade


def test_grade_1_needs_the_lln() -> None:
    assert neutropenia_grade(1.8, version=V5).grade is None  # grade 0 or 1
    assert neutropenia_grade(1.8, version=V5, lln=1.8).grade == 0  # "< LLN": LLN itself is 0
    assert neutropenia_grade(1.8, version=V5, lln=1.81).grade == 1
    assert neutropenia_grade(1.4, version=V5).grade == 2  # no LLN needed below grade 1


def test_terms_follow_the_version() -> None:
    assert neutropenia_grade(1, version=V3).term == "Neutrophils/granulocytes (ANC/AGC)"
    assert neutropenia_grade(1, version=V5).term == "Neutrophil count decreased"
    assert thrombocytopenia_grade(1, version=V3).term == "Platelets"
    assert thrombocytopenia_grade(1, version=V5).term == "Platelet count decreased"
    assert anaemia_grade(9, version=V3).term == "Hemoglobin"
    assert anaemia_grade(9, version=V5).term == "Anemia"
    assert anaemia_grade(9, version="5.0").version is V5


def test_neutropenia_is_graded_from_an_absolute_count_not_a_percentage() -> None:
    """§4.2 [DESIGN]: grade neutropenia from the ANC (not the WBC or a %) and store the unit."""
    with pytest.raises(ClinicalValueError, match="absolute count"):
        neutropenia_grade(45, unit="%", version=V5)


def test_scenario_e_grade_4_neutropenia() -> None:
    """§3.5 scenario E: grade 4 neutropenia (ANC < 0.5 ×10⁹/L)."""
    assert neutropenia_grade(0.4, version=V3).grade == 4
    assert neutropenia_grade(400, unit="/mm3", version=V5).grade == 4


def test_ctcae_refuses_impossible_values() -> None:
    with pytest.raises(ClinicalValueError, match="'anc'"):
        neutropenia_grade(-0.1, version=V5)
    with pytest.raises(ClinicalValueError, match="'anc'"):
        neutropenia_grade(math.nan, version=V5)
    with pytest.raises(ClinicalValueError, match="'lln'"):
        neutropenia_grade(1.0, version=V5, lln=0)
    with pytest.raises(ClinicalValueError, match="'version'"):
        neutropenia_grade(1.0, version="4.03")
    with pytest.raises(ClinicalValueError, match="'unit'"):
        anaemia_grade(9, unit="mg/dL", version=V5)


_GRADERS = (neutropenia_grade, thrombocytopenia_grade, leukopenia_grade, anaemia_grade)


@given(
    st.sampled_from(_GRADERS),
    st.sampled_from(list(CtcaeVersion)),
    st.floats(0, 200),
    st.floats(0, 200),
    st.floats(0.1, 200),
)
def test_the_grade_never_falls_as_the_value_falls(
    grader: object, version: CtcaeVersion, v1: float, v2: float, lln: float
) -> None:
    assert callable(grader)
    higher = grader(max(v1, v2), version=version, lln=lln).grade
    lower = grader(min(v1, v2), version=version, lln=lln).grade
    assert lower >= higher
