"""CTCAE grades of neutropenia, thrombocytopenia, anaemia and leukopenia from a lab value.

domain.md §4.1 (v3.0) and §4.2 (v5.0). Import the names from :mod:`cmlentry.domain.response`.

CTCAE writes a grade as a half-open range such as "< 1.5 – 1.0": below the first number, down to
and including the second. So a value exactly on a limit belongs to the milder grade (ANC 1.0 is
grade 2, 0.99 is grade 3), and grade 1 starts strictly below the lab's lower limit of normal (LLN).

The v3.0 values are [UNVERIFIED] in domain.md (the official document was not retrieved; a public
table agrees). They are used as given; the version is part of every result so that a graded event
is always stored with its version (§4.2 [DESIGN]).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.clinical import ClinicalValueError, checked_number


class CtcaeVersion(StrEnum):
    V3_0 = "3.0"
    V5_0 = "5.0"


class CountUnit(StrEnum):
    """Units of a cell count. ×10⁹/L equals G/L and ×10³/µL; /mm³ equals /µL."""

    PER_LITRE_E9 = "10^9/L"
    PER_MM3 = "/mm3"


class HaemoglobinUnit(StrEnum):
    G_PER_DL = "g/dL"
    G_PER_L = "g/L"
    MMOL_PER_L = "mmol/L"


@dataclass(frozen=True)
class CtcaeGrade:
    """A CTCAE grade of a laboratory value.

    Attributes:
        term: The CTCAE term of that version, e.g. "Neutrophil count decreased".
        version: The CTCAE version used.
        grade: 0 (not below the LLN) to 4; ``None`` when the value is not low enough for grade 2
            and no LLN was given, so grade 0 and grade 1 cannot be told apart.
    """

    term: str
    version: CtcaeVersion
    grade: int | None


# Lower limits of grades 2, 3 and 4 in ×10⁹/L: a value below the limit has at least that grade.
_COUNT_LIMITS = {
    "neutrophils": (1.5, 1.0, 0.5),
    "platelets": (75.0, 50.0, 25.0),
    "leukocytes": (3.0, 2.0, 1.0),
}
# The same limits per mm³, written out so that the boundaries are exact integers.
_COUNT_LIMITS_PER_MM3 = {
    "neutrophils": (1500.0, 1000.0, 500.0),
    "platelets": (75_000.0, 50_000.0, 25_000.0),
    "leukocytes": (3000.0, 2000.0, 1000.0),
}
_COUNT_TERMS = {
    CtcaeVersion.V3_0: {
        "neutrophils": "Neutrophils/granulocytes (ANC/AGC)",
        "platelets": "Platelets",
        "leukocytes": "Leukocytes (total WBC)",
    },
    CtcaeVersion.V5_0: {
        "neutrophils": "Neutrophil count decreased",
        "platelets": "Platelet count decreased",
        "leukocytes": "White blood cell decreased",
    },
}
# Haemoglobin limits of grades 2, 3 and 4 per unit, as CTCAE prints them (not converted): v5.0 has
# no numeric grade 4 ("life-threatening consequences"). The mmol/L column of v5.0 (6.2, 4.9) is in
# the pharmaverse admiral grading metadata cited by domain.md §4.2; the v3.0 grade 4 limit in
# mmol/L (4.0) is not in domain.md and is [UNVERIFIED], like the rest of v3.0.
_HB_LIMITS: dict[CtcaeVersion, dict[HaemoglobinUnit, tuple[float, float, float | None]]] = {
    CtcaeVersion.V3_0: {
        HaemoglobinUnit.G_PER_DL: (10.0, 8.0, 6.5),
        HaemoglobinUnit.G_PER_L: (100.0, 80.0, 65.0),
        HaemoglobinUnit.MMOL_PER_L: (6.2, 4.9, 4.0),
    },
    CtcaeVersion.V5_0: {
        HaemoglobinUnit.G_PER_DL: (10.0, 8.0, None),
        HaemoglobinUnit.G_PER_L: (100.0, 80.0, None),
        HaemoglobinUnit.MMOL_PER_L: (6.2, 4.9, None),
    },
}
_HB_TERMS = {CtcaeVersion.V3_0: "Hemoglobin", CtcaeVersion.V5_0: "Anemia"}


def _grade(
    value: float, limits: tuple[float, float, float | None], lln: float | None
) -> int | None:
    grade2, grade3, grade4 = limits
    if grade4 is not None and value < grade4:
        return 4
    if value < grade3:
        return 3
    if value < grade2:
        return 2
    if lln is None:
        return None
    return 1 if value < lln else 0


def _version(version: CtcaeVersion | str) -> CtcaeVersion:
    try:
        return CtcaeVersion(version)
    except ValueError:
        raise ClinicalValueError("version", "choose CTCAE 3.0 or 5.0") from None


def _count_grade(
    kind: str, name: str, value: float, unit: CountUnit | str, version: CtcaeVersion | str,
    lln: float | None,
) -> CtcaeGrade:  # fmt: skip
    ctcae = _version(version)
    try:
        count_unit = CountUnit(unit)
    except ValueError:
        raise ClinicalValueError(
            "unit", "give an absolute count in 10^9/L or /mm3 (not a percentage)"
        ) from None
    count = checked_number(name, value)
    normal = None if lln is None else checked_number("lln", lln, low_open=True)
    limits = (_COUNT_LIMITS_PER_MM3 if count_unit is CountUnit.PER_MM3 else _COUNT_LIMITS)[kind]
    return CtcaeGrade(_COUNT_TERMS[ctcae][kind], ctcae, _grade(count, limits, normal))


def neutropenia_grade(
    anc: float,
    *,
    unit: CountUnit | str = CountUnit.PER_LITRE_E9,
    version: CtcaeVersion | str,
    lln: float | None = None,
) -> CtcaeGrade:
    """CTCAE grade of a low absolute neutrophil count (domain.md §4.1, §4.2).

    Grade 1 < LLN – 1.5; grade 2 < 1.5 – 1.0; grade 3 < 1.0 – 0.5; grade 4 < 0.5 ×10⁹/L
    (× 1000 per mm³). Identical in v3.0 and v5.0. [DESIGN] §4.2: grade from the ANC, never from
    the WBC, and store the unit.

    Args:
        anc: Absolute neutrophil (granulocyte) count.
        unit: ``"10^9/L"`` or ``"/mm3"``; ``lln`` is in the same unit.
        version: ``"3.0"`` or ``"5.0"``.
        lln: The laboratory's lower limit of normal; needed only to tell grade 0 from grade 1.

    Returns:
        The term of that version and the grade.

    Raises:
        ClinicalValueError: A negative or non-finite value, an LLN of 0 or less, an unknown unit
            or version.
    """
    return _count_grade("neutrophils", "anc", anc, unit, version, lln)


def thrombocytopenia_grade(
    platelets: float,
    *,
    unit: CountUnit | str = CountUnit.PER_LITRE_E9,
    version: CtcaeVersion | str,
    lln: float | None = None,
) -> CtcaeGrade:
    """CTCAE grade of a low platelet count (domain.md §4.1, §4.2).

    Grade 1 < LLN – 75; grade 2 < 75 – 50; grade 3 < 50 – 25; grade 4 < 25 ×10⁹/L
    (75,000/50,000/25,000 per mm³). Identical in v3.0 and v5.0.

    Args:
        platelets: Platelet count.
        unit: ``"10^9/L"`` or ``"/mm3"``; ``lln`` is in the same unit.
        version: ``"3.0"`` or ``"5.0"``.
        lln: The laboratory's lower limit of normal; needed only to tell grade 0 from grade 1.

    Returns:
        The term of that version and the grade.

    Raises:
        ClinicalValueError: A negative or non-finite value, an LLN of 0 or less, an unknown unit
            or version.
    """
    return _count_grade("platelets", "platelets", platelets, unit, version, lln)


def leukopenia_grade(
    wbc: float,
    *,
    unit: CountUnit | str = CountUnit.PER_LITRE_E9,
    version: CtcaeVersion | str,
    lln: float | None = None,
) -> CtcaeGrade:
    """CTCAE grade of a low total white cell count (domain.md §4.1, §4.2).

    Grade 1 < LLN – 3.0; grade 2 < 3.0 – 2.0; grade 3 < 2.0 – 1.0; grade 4 < 1.0 ×10⁹/L.
    Not a substitute for :func:`neutropenia_grade`.

    Args:
        wbc: Total white cell count.
        unit: ``"10^9/L"`` or ``"/mm3"``; ``lln`` is in the same unit.
        version: ``"3.0"`` or ``"5.0"``.
        lln: The laboratory's lower limit of normal; needed only to tell grade 0 from grade 1.

    Returns:
        The term of that version and the grade.

    Raises:
        ClinicalValueError: A negative or non-finite value, an LLN of 0 or less, an unknown unit
            or version.
    """
    return _count_grade("leukocytes", "wbc", wbc, unit, version, lln)


def anaemia_grade(
    haemoglobin: float,
    *,
    unit: HaemoglobinUnit | str = HaemoglobinUnit.G_PER_DL,
    version: CtcaeVersion | str,
    lln: float | None = None,
) -> CtcaeGrade:
    """CTCAE grade of a low haemoglobin (domain.md §4.1, §4.2).

    v3.0 "Hemoglobin": grade 1 < LLN – 10.0; grade 2 < 10.0 – 8.0; grade 3 < 8.0 – 6.5;
    grade 4 < 6.5 g/dL. v5.0 "Anemia": the same grades 1 and 2, grade 3 < 8.0 g/dL, and **no
    numeric grade 4** (it is "life-threatening consequences; urgent intervention indicated", a
    clinical judgement), so v5.0 never returns more than 3 from a value.

    Limits per unit are those CTCAE prints (g/L: 100, 80, 65; mmol/L: 6.2, 4.9, 4.0), not a
    conversion, so that a value on a printed limit lands where CTCAE puts it.

    Args:
        haemoglobin: Haemoglobin concentration.
        unit: ``"g/dL"``, ``"g/L"`` or ``"mmol/L"``; ``lln`` is in the same unit.
        version: ``"3.0"`` or ``"5.0"``.
        lln: The laboratory's lower limit of normal; needed only to tell grade 0 from grade 1.

    Returns:
        The term of that version and the grade.

    Raises:
        ClinicalValueError: A negative or non-finite value, an LLN of 0 or less, an unknown unit
            or version.
    """
    ctcae = _version(version)
    try:
        hb_unit = HaemoglobinUnit(unit)
    except ValueError:
        raise ClinicalValueError("unit", "give haemoglobin in g/dL, g/L or mmol/L") from None
    value = checked_number("haemoglobin", haemoglobin)
    normal = None if lln is None else checked_number("lln", lln, low_open=True)
    return CtcaeGrade(_HB_TERMS[ctcae], ctcae, _grade(value, _HB_LIMITS[ctcae][hb_unit], normal))
