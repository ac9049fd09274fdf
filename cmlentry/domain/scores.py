"""Baseline prognostic scores of CML: Sokal, Hasford (Euro), EUTOS and ELTS.

Formulas, cut-offs and test vectors are those of the clinical reference (domain.md §1 and the
reference code in §9). Conventions (§1): age in years; spleen in cm below the left costal margin
(0 when not palpable); platelets in ×10⁹/L; blasts, eosinophils and basophils as % of the
peripheral-blood differential.

The scores are valid only with values obtained **before any CML treatment** (§1): use
:func:`baseline_scores`, which refuses to show them otherwise, wherever a score reaches a person.

Inputs are checked against the hard ranges of domain.md §8 (age 0–110 years, spleen 0–40 cm,
platelets above 0 and at most 5000 ×10⁹/L, percentages 0–100 adding up to at most 100). A value
outside them raises :class:`~cmlentry.domain.clinical.ClinicalValueError`, a ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.clinical import (
    MAX_AGE_YEARS,
    MAX_PLATELETS,
    MAX_SPLEEN_CM,
    ClinicalValueError,
    Risk,
    checked_differential,
    checked_number,
    checked_percent,
    settled,
)

__all__ = [
    "ELTS_HIGH_ABOVE",
    "ELTS_LOW_MAX",
    "EUTOS_LOW_MAX",
    "HASFORD_HIGH_ABOVE",
    "HASFORD_LOW_MAX",
    "SOKAL_HIGH_ABOVE",
    "SOKAL_LOW_BELOW",
    "BaselineScores",
    "ClinicalValueError",
    "EltsScore",
    "EutosScore",
    "HasfordScore",
    "NotEvaluableReason",
    "Risk",
    "ScoresNotEvaluable",
    "SokalScore",
    "baseline_scores",
    "elts",
    "elts_risk",
    "eutos",
    "eutos_risk",
    "hasford",
    "hasford_risk",
    "sokal",
    "sokal_risk",
]

# Cut-offs, domain.md §1.1–1.4. The comparison operators in the *_risk functions are the point:
# Sokal's intermediate band and Hasford's and ELTS's low bands include their ends.
SOKAL_LOW_BELOW = 0.8
SOKAL_HIGH_ABOVE = 1.2
HASFORD_LOW_MAX = 780.0
HASFORD_HIGH_ABOVE = 1480.0
EUTOS_LOW_MAX = 87.0
ELTS_LOW_MAX = 1.5680
ELTS_HIGH_ABOVE = 2.2185


@dataclass(frozen=True)
class SokalScore:
    """Sokal score (Sokal 1984): the unrounded value and its risk group."""

    value: float
    risk: Risk


@dataclass(frozen=True)
class HasfordScore:
    """Hasford (Euro) score (Hasford 1998): the unrounded value and its risk group."""

    value: float
    risk: Risk


@dataclass(frozen=True)
class EutosScore:
    """EUTOS score (Hasford 2011).

    Attributes:
        value: ``7 × basophils % + 4 × spleen cm``.
        risk: ``Risk.LOW`` or ``Risk.HIGH``; EUTOS has no intermediate group.
        p_no_ccyr_18_months: Predicted probability of **not** reaching a complete cytogenetic
            response at 18 months, from the EUTOS logistic model.
    """

    value: float
    risk: Risk
    p_no_ccyr_18_months: float


@dataclass(frozen=True)
class EltsScore:
    """ELTS score (Pfirrmann 2016; predicts death from CML): the value and its risk group."""

    value: float
    risk: Risk


# --- inputs ------------------------------------------------------------------------------------


def _age(value: float) -> float:
    return checked_number("age", value, high=MAX_AGE_YEARS, unit=" years")


def _spleen(value: float) -> float:
    return checked_number("spleen_cm", value, high=MAX_SPLEEN_CM, unit=" cm")


def _platelets(value: float) -> float:
    # Above 0 for every score (domain.md §8), not only for ELTS, whose term diverges at 0 (§1.4).
    return checked_number("platelets", value, low_open=True, high=MAX_PLATELETS, unit=" ×10⁹/L")


# --- risk groups -------------------------------------------------------------------------------


def sokal_risk(value: float) -> Risk:
    """Sokal risk group: low < 0.8 ≤ intermediate ≤ 1.2 < high (domain.md §1.1)."""
    value = settled(value)
    if value < SOKAL_LOW_BELOW:
        return Risk.LOW
    return Risk.INTERMEDIATE if value <= SOKAL_HIGH_ABOVE else Risk.HIGH


def hasford_risk(value: float) -> Risk:
    """Hasford risk group: low ≤ 780 < intermediate ≤ 1480 < high (domain.md §1.2)."""
    value = settled(value)
    if value <= HASFORD_LOW_MAX:
        return Risk.LOW
    return Risk.INTERMEDIATE if value <= HASFORD_HIGH_ABOVE else Risk.HIGH


def eutos_risk(value: float) -> Risk:
    """EUTOS risk group: low ≤ 87 < high; there is no intermediate group (domain.md §1.3)."""
    return Risk.LOW if settled(value) <= EUTOS_LOW_MAX else Risk.HIGH


def elts_risk(value: float) -> Risk:
    """ELTS risk group: low ≤ 1.5680 < intermediate ≤ 2.2185 < high (domain.md §1.4)."""
    value = settled(value)
    if value <= ELTS_LOW_MAX:
        return Risk.LOW
    return Risk.INTERMEDIATE if value <= ELTS_HIGH_ABOVE else Risk.HIGH


# --- scores ------------------------------------------------------------------------------------


def sokal(age: float, spleen_cm: float, platelets: float, blasts_pct: float) -> SokalScore:
    """Sokal score (domain.md §1.1, Sokal JE et al., Blood 1984;63:789–799).

    ``exp(0.0116 (age − 43.4) + 0.0345 (spleen − 7.51) + 0.1880 ((platelets/700)² − 0.563)
    + 0.0887 (blasts − 2.10))``. The exponential applies to the whole sum.

    The separate Sokal formula for younger patients (1985, with haematocrit and sex) is
    [UNVERIFIED] in domain.md and not implemented; the ELN registries use this 1984 formula.

    Args:
        age: Age at diagnosis in years.
        spleen_cm: Spleen below the left costal margin in cm; 0 when not palpable.
        platelets: Platelet count in ×10⁹/L.
        blasts_pct: Peripheral-blood blasts in %.

    Returns:
        The score and its risk group.

    Raises:
        ClinicalValueError: An input is NaN, infinite or outside its range.
    """
    age = _age(age)
    spleen = _spleen(spleen_cm)
    platelets = _platelets(platelets)
    blasts = checked_percent("blasts_pct", blasts_pct)
    value = math.exp(
        0.0116 * (age - 43.4)
        + 0.0345 * (spleen - 7.51)
        + 0.1880 * ((platelets / 700) ** 2 - 0.563)
        + 0.0887 * (blasts - 2.10)
    )
    return SokalScore(value, sokal_risk(value))


def hasford(
    age: float,
    spleen_cm: float,
    blasts_pct: float,
    eosinophils_pct: float,
    basophils_pct: float,
    platelets: float,
) -> HasfordScore:
    """Hasford (Euro) score (domain.md §1.2, Hasford J et al., JNCI 1998;90:850–858).

    ``1000 × (0.6666 [age ≥ 50] + 0.0420 spleen + 0.0584 blasts + 0.0413 eosinophils
    + 0.2039 [basophils ≥ 3] + 1.0956 [platelets ≥ 1500])``, where a bracket is 1 when true.
    The three thresholds are inclusive (the paper: "0 when age < 50 years; 1 otherwise").

    Args:
        age: Age at diagnosis in years.
        spleen_cm: Spleen below the left costal margin in cm; 0 when not palpable.
        blasts_pct: Peripheral-blood blasts in %.
        eosinophils_pct: Peripheral-blood eosinophils in %.
        basophils_pct: Peripheral-blood basophils in %.
        platelets: Platelet count in ×10⁹/L.

    Returns:
        The score and its risk group.

    Raises:
        ClinicalValueError: An input is NaN, infinite or outside its range, or the three
            percentages add up to more than 100.
    """
    age = _age(age)
    spleen = _spleen(spleen_cm)
    blasts = checked_percent("blasts_pct", blasts_pct)
    eosinophils = checked_percent("eosinophils_pct", eosinophils_pct)
    basophils = checked_percent("basophils_pct", basophils_pct)
    platelets = _platelets(platelets)
    checked_differential(blasts_pct=blasts, eosinophils_pct=eosinophils, basophils_pct=basophils)
    value = 1000 * (
        0.6666 * (age >= 50)
        + 0.0420 * spleen
        + 0.0584 * blasts
        + 0.0413 * eosinophils
        + 0.2039 * (basophils >= 3)
        + 1.0956 * (platelets >= 1500)
    )
    return HasfordScore(value, hasford_risk(value))


def eutos(basophils_pct: float, spleen_cm: float) -> EutosScore:
    """EUTOS score (domain.md §1.3, Hasford J et al., Blood 2011;118:686–692).

    ``7 × basophils + 4 × spleen``; low ≤ 87 < high. The probability of no CCyR at 18 months is
    ``logistic(−2.1007 + 0.0700 × basophils + 0.0402 × spleen)`` (about 22.7 % at a score of 87).

    Args:
        basophils_pct: Peripheral-blood basophils in %.
        spleen_cm: Spleen below the left costal margin in cm; 0 when not palpable.

    Returns:
        The score, its risk group and the probability of no CCyR at 18 months.

    Raises:
        ClinicalValueError: An input is NaN, infinite or outside its range.
    """
    basophils = checked_percent("basophils_pct", basophils_pct)
    spleen = _spleen(spleen_cm)
    value = 7 * basophils + 4 * spleen
    x = -2.1007 + 0.0700 * basophils + 0.0402 * spleen
    probability = math.exp(x) / (1 + math.exp(x))
    return EutosScore(value, eutos_risk(value), probability)


def elts(age: float, spleen_cm: float, blasts_pct: float, platelets: float) -> EltsScore:
    """ELTS score (domain.md §1.4, Pfirrmann M et al., Leukemia 2016;30:48–56).

    ``0.0025 (age/10)³ + 0.0615 spleen + 0.1052 blasts + 0.4104 (platelets/1000)^−0.5``.

    Blasts are **not** rounded: the "round blasts to an integer" convention seen in one public
    calculator is [UNVERIFIED] in domain.md, whose [DESIGN] advice is not to round.

    Args:
        age: Age at diagnosis in years.
        spleen_cm: Spleen below the left costal margin in cm; 0 when not palpable.
        blasts_pct: Peripheral-blood blasts in %.
        platelets: Platelet count in ×10⁹/L; must be above 0 (the term diverges at 0).

    Returns:
        The score and its risk group.

    Raises:
        ClinicalValueError: An input is NaN, infinite or outside its range.
    """
    age = _age(age)
    spleen = _spleen(spleen_cm)
    blasts = checked_percent("blasts_pct", blasts_pct)
    platelets = _platelets(platelets)
    value = (
        0.0025 * (age / 10) ** 3
        + 0.0615 * spleen
        + 0.1052 * blasts
        + 0.4104 * (platelets / 1000) ** -0.5
    )
    return EltsScore(value, elts_risk(value))


# --- the gate: scores only from pre-treatment values -------------------------------------------


class NotEvaluableReason(StrEnum):
    """Why the baseline scores may not be shown."""

    TREATED_BEFORE_SAMPLING = "values obtained after CML treatment had started"
    PRETREATMENT_NOT_STATED = "not stated whether the values precede any CML treatment"


@dataclass(frozen=True)
class ScoresNotEvaluable:
    """The baseline values may not be used for prognostic scores (domain.md §1 [DESIGN])."""

    reason: NotEvaluableReason


@dataclass(frozen=True)
class BaselineScores:
    """The four baseline scores; a score is ``None`` when an input it needs was not entered."""

    sokal: SokalScore | None
    hasford: HasfordScore | None
    eutos: EutosScore | None
    elts: EltsScore | None


def baseline_scores(
    *,
    before_any_treatment: bool | None,
    age: float | None,
    spleen_cm: float | None,
    platelets: float | None,
    blasts_pct: float | None,
    eosinophils_pct: float | None = None,
    basophils_pct: float | None = None,
) -> BaselineScores | ScoresNotEvaluable:
    """All four scores, or "not evaluable" unless the values precede any CML treatment.

    [DESIGN] (domain.md §1): the scores are valid only with pre-treatment values (the EUTOS page
    forbids its use in pretreated patients), so the case form stores "values obtained before any
    CML treatment, including hydroxyurea? yes/no" and no score is computed when the answer is no.
    An unanswered question (``None``) is treated like "no": a score shown from treated values
    would be wrong without anyone noticing.

    Args:
        before_any_treatment: The answer to that question; ``None`` when not answered.
        age: Age at diagnosis in years.
        spleen_cm: Spleen below the left costal margin in cm.
        platelets: Platelet count in ×10⁹/L.
        blasts_pct: Peripheral-blood blasts in %.
        eosinophils_pct: Peripheral-blood eosinophils in % (Hasford only).
        basophils_pct: Peripheral-blood basophils in % (Hasford and EUTOS).

    Returns:
        :class:`ScoresNotEvaluable` with the reason, or :class:`BaselineScores` in which each
        score whose inputs are all present is computed and the others are ``None``.

    Raises:
        ClinicalValueError: A given input is NaN, infinite or outside its range.
    """
    if before_any_treatment is None:
        return ScoresNotEvaluable(NotEvaluableReason.PRETREATMENT_NOT_STATED)
    if not before_any_treatment:
        return ScoresNotEvaluable(NotEvaluableReason.TREATED_BEFORE_SAMPLING)
    return BaselineScores(
        sokal=(
            sokal(age, spleen_cm, platelets, blasts_pct)
            if age is not None
            and spleen_cm is not None
            and platelets is not None
            and blasts_pct is not None
            else None
        ),
        hasford=(
            hasford(age, spleen_cm, blasts_pct, eosinophils_pct, basophils_pct, platelets)
            if age is not None
            and spleen_cm is not None
            and blasts_pct is not None
            and eosinophils_pct is not None
            and basophils_pct is not None
            and platelets is not None
            else None
        ),
        eutos=(
            eutos(basophils_pct, spleen_cm)
            if basophils_pct is not None and spleen_cm is not None
            else None
        ),
        elts=(
            elts(age, spleen_cm, blasts_pct, platelets)
            if age is not None
            and spleen_cm is not None
            and blasts_pct is not None
            and platelets is not None
            else None
        ),
    )
