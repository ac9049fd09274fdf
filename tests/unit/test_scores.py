"""Sokal, Hasford (Euro), EUTOS and ELTS against every vector of domain.md §1 and its §9 code."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.clinical import ClinicalValueError, Risk
from cmlentry.domain.scores import (
    BaselineScores,
    NotEvaluableReason,
    ScoresNotEvaluable,
    baseline_scores,
    elts,
    elts_risk,
    eutos,
    eutos_risk,
    hasford,
    hasford_risk,
    sokal,
    sokal_risk,
)
from cmlentry.errors import InvalidInput

# --- domain.md §9, copied verbatim: the reference the implementation must agree with -----------


def ref_sokal(a: float, s: float, p: float, b: float) -> float:
    return math.exp(
        0.0116 * (a - 43.4) + 0.0345 * (s - 7.51) + 0.188 * ((p / 700) ** 2 - 0.563)
        + 0.0887 * (b - 2.10)
    )  # fmt: skip


def ref_hasford(a: float, s: float, b: float, eo: float, ba: float, p: float) -> float:
    return 1000 * (
        0.6666 * (a >= 50) + 0.0420 * s + 0.0584 * b + 0.0413 * eo + 0.2039 * (ba >= 3)
        + 1.0956 * (p >= 1500)
    )  # fmt: skip


def ref_eutos(ba: float, s: float) -> float:
    return 7 * ba + 4 * s


def ref_eutos_p(ba: float, s: float) -> float:
    x = -2.1007 + 0.0700 * ba + 0.0402 * s
    return math.exp(x) / (1 + math.exp(x))


def ref_elts(a: float, s: float, b: float, p: float) -> float:
    return float(0.0025 * (a / 10) ** 3 + 0.0615 * s + 0.1052 * b + 0.4104 * (p / 1000) ** -0.5)


FOUR_DECIMALS = 5e-5
ONE_DECIMAL = 0.05

# --- §1.1 Sokal --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "spleen", "platelets", "blasts", "expected", "risk"),
    [
        (32, 0, 280, 1, 0.5685, "low"),  # public suite TC1
        (47, 8, 600, 3, 1.1862, "intermediate"),  # TC2
        (68, 20, 950, 8, 4.3930, "high"),  # TC3 (the suite says 4.3929 ± 0.01)
        (25, 0, 200, 0, 0.4727, "low"),  # TC4
        (55, 12, 1800, 5, 5.3868, "high"),  # TC5 (the suite says 5.3866 ± 0.01)
        (35, 0, 300, 1, 0.5913, "low"),  # cliot example 1 ("approx 0.6")
        (60, 10, 700, 5, 1.8549, "high"),  # cliot example 2 ("> 1.2")
    ],
)
def test_sokal_vectors(
    age: float, spleen: float, platelets: float, blasts: float, expected: float, risk: str
) -> None:
    score = sokal(age, spleen, platelets, blasts)
    assert score.value == pytest.approx(expected, abs=FOUR_DECIMALS)
    assert score.risk == risk


def test_sokal_suite_tolerances() -> None:
    assert sokal(68, 20, 950, 8).value == pytest.approx(4.3929, abs=0.01)
    assert sokal(55, 12, 1800, 5).value == pytest.approx(5.3866, abs=0.01)


@pytest.mark.parametrize(
    ("value", "risk"),
    [
        (0.7999999, Risk.LOW),
        (0.8, Risk.INTERMEDIATE),  # "0.8 – 1.2 (both ends inclusive)"
        (1.0, Risk.INTERMEDIATE),
        (1.2, Risk.INTERMEDIATE),
        (1.2000001, Risk.HIGH),
    ],
)
def test_sokal_cut_offs_both_sides(value: float, risk: Risk) -> None:
    assert sokal_risk(value) is risk


def test_sokal_exponential_covers_the_whole_sum() -> None:
    """Pitfall §1.1: bloodref.com writes "exp(0.0116 × (age − 43.4)) + …"; do not copy it."""
    wrong = (
        math.exp(0.0116 * (32 - 43.4)) + 0.0345 * (0 - 7.51) + 0.188 * ((280 / 700) ** 2 - 0.563)
        + 0.0887 * (1 - 2.10)
    )  # fmt: skip
    value = sokal(32, 0, 280, 1).value
    assert value == pytest.approx(0.5685, abs=FOUR_DECIMALS)
    assert abs(value - wrong) > 0.1


# --- §1.2 Hasford ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "spleen", "blasts", "eos", "baso", "platelets", "expected", "risk"),
    [
        (35, 0, 1, 2, 1, 300, 141.0, "low"),
        (40, 12, 2, 3, 1, 600, 744.7, "low"),
        (56, 5, 2, 3, 2, 400, 1117.3, "intermediate"),
        (55, 10, 3, 4, 5, 450, 1630.9, "high"),
        (62, 15, 5, 6, 4, 1600, 3135.9, "high"),
        (49.9, 0, 0, 0, 2.9, 1499, 0.0, "low"),  # boundary: all indicators off
        (50, 0, 0, 0, 3, 1500, 1966.1, "high"),  # boundary: all indicators on
    ],
)
def test_hasford_vectors(
    age: float,
    spleen: float,
    blasts: float,
    eos: float,
    baso: float,
    platelets: float,
    expected: float,
    risk: str,
) -> None:
    score = hasford(age, spleen, blasts, eos, baso, platelets)
    assert score.value == pytest.approx(expected, abs=ONE_DECIMAL)
    assert score.risk == risk


@pytest.mark.parametrize(
    ("below", "at", "contribution"),
    [
        ({"age": 49.99}, {"age": 50}, 666.6),
        ({"basophils_pct": 2.99}, {"basophils_pct": 3}, 203.9),
        ({"platelets": 1499.9}, {"platelets": 1500}, 1095.6),
    ],
)
def test_hasford_indicators_are_inclusive(
    below: dict[str, float], at: dict[str, float], contribution: float
) -> None:
    """Pitfall §1.2: a public implementation uses strict ">" for age, basophils and platelets."""
    base = {
        "age": 30.0,
        "spleen_cm": 0.0,
        "blasts_pct": 0.0,
        "eosinophils_pct": 0.0,
        "basophils_pct": 0.0,
        "platelets": 300.0,
    }
    assert hasford(**(base | below)).value == pytest.approx(0.0, abs=1e-9)
    assert hasford(**(base | at)).value == pytest.approx(contribution, abs=1e-9)


@pytest.mark.parametrize(
    ("value", "risk"),
    [
        (780.0, Risk.LOW),
        (780.1, Risk.INTERMEDIATE),
        (1480.0, Risk.INTERMEDIATE),
        (1480.1, Risk.HIGH),
    ],
)
def test_hasford_cut_offs_both_sides(value: float, risk: Risk) -> None:
    assert hasford_risk(value) is risk


def test_hasford_cut_offs_reached_by_real_inputs() -> None:
    # 666.6 + 42 × 2.7 = 780 exactly: low ("≤ 780"), however the floats round.
    assert hasford(50, 2.7, 0, 0, 0, 300).risk is Risk.LOW
    assert hasford(50, 2.71, 0, 0, 0, 300).risk is Risk.INTERMEDIATE
    # 666.6 + 252 + 233.6 + 123.9 + 203.9 = 1480 exactly: intermediate ("781–1480").
    assert hasford(50, 6, 4, 3, 3, 300).value == pytest.approx(1480.0)
    assert hasford(50, 6, 4, 3, 3, 300).risk is Risk.INTERMEDIATE
    assert hasford(50, 6, 4, 3.1, 3, 300).risk is Risk.HIGH


def test_hasford_scale_is_times_1000() -> None:
    """Pitfall §1.2: PMC4317875 prints "× 100", a typo for × 1000."""
    assert hasford(35, 0, 1, 2, 1, 300).value == pytest.approx(141.0, abs=ONE_DECIMAL)


def test_hasford_coefficients_are_not_the_misprinted_ones() -> None:
    """Pitfall §1.2: PMC4317875 prints 0.666 and 0.20399 instead of 0.6666 and 0.2039."""
    assert hasford(50, 0, 0, 0, 3, 300).value == pytest.approx(666.6 + 203.9, abs=1e-9)


def test_hasford_age_and_platelets_are_indicators_not_multipliers() -> None:
    """Pitfall §1.2: a TypeScript calculator computes 0.6666 × age and 1.0956 × platelets."""
    assert hasford(80, 0, 0, 0, 0, 4000).value == pytest.approx(
        hasford(50, 0, 0, 0, 0, 1500).value, abs=1e-9
    )


@pytest.mark.parametrize("eos", [1, 6, 7, 8])
def test_hasford_eosinophils_are_linear_without_threshold_or_x100(eos: float) -> None:
    """Pitfalls §1.2: an eosinophil threshold ≥ 7 %, and an eosinophil term multiplied by 100."""
    assert hasford(30, 0, 0, eos, 0, 300).value == pytest.approx(41.3 * eos, abs=1e-9)


# --- §1.3 EUTOS --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basophils", "spleen", "expected", "risk", "p_no_ccyr"),
    [
        (2, 0, 14, "low", 0.1234),  # cliot eutos_cml_score
        (8, 10, 96, "high", 0.2426),  # cliot
        (5, 13, 87, "low", 0.2265),  # boundary
    ],
)
def test_eutos_vectors(
    basophils: float, spleen: float, expected: float, risk: str, p_no_ccyr: float
) -> None:
    score = eutos(basophils, spleen)
    assert score.value == expected
    assert score.risk == risk
    assert score.p_no_ccyr_18_months == pytest.approx(p_no_ccyr, abs=FOUR_DECIMALS)


def test_eutos_87_is_about_22_7_percent() -> None:
    assert eutos(5, 13).p_no_ccyr_18_months == pytest.approx(0.227, abs=0.0005)


@pytest.mark.parametrize(
    ("basophils", "spleen", "risk"),
    [(5, 13, Risk.LOW), (5, 13.25, Risk.HIGH), (5.1, 13, Risk.HIGH), (12.4, 0, Risk.LOW)],
)
def test_eutos_cut_off_both_sides(basophils: float, spleen: float, risk: Risk) -> None:
    assert eutos(basophils, spleen).risk is risk


def test_eutos_has_no_intermediate_group() -> None:
    assert {eutos_risk(v) for v in (0, 50, 87, 87.0001, 200)} == {Risk.LOW, Risk.HIGH}


# --- §1.4 ELTS ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "spleen", "blasts", "platelets", "expected", "risk"),
    [
        (35, 0, 0, 320, 0.8327, "low"),
        (52, 2, 1, 280, 1.3553, "low"),
        (60, 5, 2, 220, 1.9329, "intermediate"),
        (72, 12, 6, 180, 3.2696, "high"),
        (82, 25, 12, 60, 5.8538, "high"),
        (45, 0, 1, 350, 1.0267, "low"),  # worked example of the calculator's documentation
    ],
)
def test_elts_vectors(
    age: float, spleen: float, blasts: float, platelets: float, expected: float, risk: str
) -> None:
    score = elts(age, spleen, blasts, platelets)
    assert score.value == pytest.approx(expected, abs=FOUR_DECIMALS)
    assert score.risk == risk


@pytest.mark.parametrize(
    ("value", "risk"),
    [
        (1.5680, Risk.LOW),
        (1.56801, Risk.INTERMEDIATE),
        (2.2185, Risk.INTERMEDIATE),
        (2.21851, Risk.HIGH),
    ],
)
def test_elts_cut_offs_both_sides(value: float, risk: Risk) -> None:
    assert elts_risk(value) is risk


def test_elts_platelet_and_blast_terms_are_not_swapped() -> None:
    """Pitfall §1.4: a TypeScript implementation computes 0.1052 × plt + 0.4104 × blasts/100."""
    assert elts(35, 0, 0, 320).value == pytest.approx(0.8327, abs=FOUR_DECIMALS)
    # Only the platelet term changes: 0.4104 × (0.32^−0.5 − 0.64^−0.5).
    difference = elts(35, 0, 0, 320).value - elts(35, 0, 0, 640).value
    assert difference == pytest.approx(0.4104 * (0.32**-0.5 - 0.64**-0.5), abs=1e-12)


def test_elts_does_not_round_blasts() -> None:
    """[UNVERIFIED] "round(blasts_pct)" of one public spec: domain.md's [DESIGN] is not to round."""
    assert elts(45, 0, 1.4, 350).value - elts(45, 0, 1, 350).value == pytest.approx(0.1052 * 0.4)


def test_elts_refuses_zero_platelets() -> None:
    """§1.4 validation rule: the platelet term diverges as the count approaches 0."""
    with pytest.raises(ClinicalValueError, match="platelets"):
        elts(45, 0, 1, 0)
    assert elts(45, 0, 1, 0.001).risk is Risk.HIGH


# --- §1.5 one patient through all four scores --------------------------------------------------


@pytest.mark.parametrize(
    ("patient", "expected"),
    [
        (
            (35, 0, 300, 1, 2, 1),
            ((0.5913, "low"), (141.0, "low"), (7, "low", 0.116), (0.9617, "low")),
        ),
        (
            (56, 5, 400, 2, 3, 2),
            (
                (1.0063, "intermediate"),
                (1117.3, "intermediate"),
                (34, "low", 0.147),
                (1.6058, "intermediate"),
            ),
        ),
        (
            (62, 15, 1600, 5, 6, 4),
            ((4.9916, "high"), (3135.9, "high"), (88, "high", 0.228), (2.3688, "high")),
        ),
    ],
)
def test_one_patient_through_all_four_scores(
    patient: tuple[float, float, float, float, float, float],
    expected: tuple[
        tuple[float, str], tuple[float, str], tuple[float, str, float], tuple[float, str]
    ],
) -> None:
    age, spleen, platelets, blasts, eos, baso = patient
    scores = baseline_scores(
        before_any_treatment=True,
        age=age,
        spleen_cm=spleen,
        platelets=platelets,
        blasts_pct=blasts,
        eosinophils_pct=eos,
        basophils_pct=baso,
    )
    assert isinstance(scores, BaselineScores)
    assert scores.sokal is not None
    assert scores.hasford is not None
    assert scores.eutos is not None
    assert scores.elts is not None
    (sokal_v, sokal_r), (euro_v, euro_r), (eutos_v, eutos_r, eutos_p), (elts_v, elts_r) = expected
    assert scores.sokal.value == pytest.approx(sokal_v, abs=FOUR_DECIMALS)
    assert scores.sokal.risk == sokal_r
    assert scores.hasford.value == pytest.approx(euro_v, abs=ONE_DECIMAL)
    assert scores.hasford.risk == euro_r
    assert scores.eutos.value == eutos_v
    assert scores.eutos.risk == eutos_r
    assert scores.eutos.p_no_ccyr_18_months == pytest.approx(eutos_p, abs=0.0005)
    assert scores.elts.value == pytest.approx(elts_v, abs=FOUR_DECIMALS)
    assert scores.elts.risk == elts_r


# --- §1 [DESIGN]: only pre-treatment values ----------------------------------------------------

PATIENT = {
    "age": 35,
    "spleen_cm": 0,
    "platelets": 300,
    "blasts_pct": 1,
    "eosinophils_pct": 2,
    "basophils_pct": 1,
}


def test_scores_from_treated_values_are_not_evaluable() -> None:
    result = baseline_scores(before_any_treatment=False, **PATIENT)
    assert result == ScoresNotEvaluable(NotEvaluableReason.TREATED_BEFORE_SAMPLING)


def test_scores_are_not_evaluable_when_nobody_said_the_values_precede_treatment() -> None:
    result = baseline_scores(before_any_treatment=None, **PATIENT)
    assert result == ScoresNotEvaluable(NotEvaluableReason.PRETREATMENT_NOT_STATED)


def test_a_score_missing_an_input_is_none_and_the_others_stand() -> None:
    result = baseline_scores(
        before_any_treatment=True, **(PATIENT | {"eosinophils_pct": None, "basophils_pct": None})
    )
    assert isinstance(result, BaselineScores)
    assert result.hasford is None
    assert result.eutos is None
    assert result.sokal is not None
    assert result.sokal.value == pytest.approx(0.5913, abs=FOUR_DECIMALS)
    assert result.elts is not None
    assert result.elts.value == pytest.approx(0.9617, abs=FOUR_DECIMALS)


# --- inputs outside their domain ---------------------------------------------------------------

SOKAL_ARGS = {"age": 47, "spleen_cm": 8, "platelets": 600, "blasts_pct": 3}
HASFORD_ARGS = {
    "age": 56,
    "spleen_cm": 5,
    "blasts_pct": 2,
    "eosinophils_pct": 3,
    "basophils_pct": 2,
    "platelets": 400,
}
EUTOS_ARGS = {"basophils_pct": 2, "spleen_cm": 0}
ELTS_ARGS = {"age": 60, "spleen_cm": 5, "blasts_pct": 2, "platelets": 220}
BAD_VALUES = {
    "age": [-1, 110.5, math.nan, math.inf],
    "spleen_cm": [-0.1, 40.5, math.nan, -math.inf],
    "platelets": [0, -5, 5000.1, math.nan, math.inf],
    "blasts_pct": [-0.1, 100.1, math.nan],
    "eosinophils_pct": [-2, 101, math.nan],
    "basophils_pct": [-2, 100.5, math.nan],
}
CASES = [
    (function, args, name, bad)
    for function, args in (
        (sokal, SOKAL_ARGS),
        (hasford, HASFORD_ARGS),
        (eutos, EUTOS_ARGS),
        (elts, ELTS_ARGS),
    )
    for name in args
    for bad in BAD_VALUES[name]
]


@pytest.mark.parametrize(("function", "args", "name", "bad"), CASES)
def test_inputs_outside_their_domain_are_refused_by_name(
    function: object, args: dict[str, float], name: str, bad: float
) -> None:
    assert callable(function)
    with pytest.raises(ValueError, match=repr(name)) as caught:
        function(**(args | {name: bad}))
    assert isinstance(caught.value, ClinicalValueError)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.input_name == name
    assert caught.value.code == "input.invalid"


def test_error_messages_do_not_repeat_the_patient_value() -> None:
    with pytest.raises(ClinicalValueError) as caught:
        sokal(47, 8, -123.456, 3)
    assert "123.456" not in caught.value.message
    assert "above 0" in caught.value.message


@pytest.mark.parametrize("bad", [True, "12", None])
def test_non_numbers_are_refused(bad: object) -> None:
    with pytest.raises(ClinicalValueError, match="'age'"):
        sokal(bad, 8, 600, 3)  # type: ignore[arg-type]


def test_a_differential_above_100_percent_is_refused() -> None:
    with pytest.raises(ClinicalValueError, match="add up to at most 100"):
        hasford(56, 5, 50, 30, 21, 400)
    assert hasford(56, 5, 50, 30, 20, 400).risk is Risk.HIGH


def test_range_ends_are_accepted() -> None:
    assert sokal(0, 0, 5000, 0).risk is Risk.HIGH
    assert sokal(110, 40, 0.1, 100).risk is Risk.HIGH
    assert eutos(100, 40).risk is Risk.HIGH


# --- properties --------------------------------------------------------------------------------

ages = st.floats(0, 110)
spleens = st.floats(0, 40)
platelet_counts = st.floats(1, 5000)
small_pcts = st.floats(0, 33)


@given(ages, spleens, platelet_counts, small_pcts)
def test_sokal_agrees_with_the_reference_code(a: float, s: float, p: float, b: float) -> None:
    assert sokal(a, s, p, b).value == pytest.approx(ref_sokal(a, s, p, b), rel=1e-12)


@given(ages, spleens, small_pcts, small_pcts, small_pcts, platelet_counts)
def test_hasford_agrees_with_the_reference_code(
    a: float, s: float, b: float, eo: float, ba: float, p: float
) -> None:
    assert hasford(a, s, b, eo, ba, p).value == pytest.approx(
        ref_hasford(a, s, b, eo, ba, p), rel=1e-12, abs=1e-9
    )


@given(st.floats(0, 100), spleens)
def test_eutos_agrees_with_the_reference_code(ba: float, s: float) -> None:
    score = eutos(ba, s)
    assert score.value == pytest.approx(ref_eutos(ba, s), rel=1e-12, abs=1e-12)
    assert score.p_no_ccyr_18_months == pytest.approx(ref_eutos_p(ba, s), rel=1e-12)
    assert 0 < score.p_no_ccyr_18_months < 1


@given(ages, spleens, small_pcts, st.floats(0.01, 5000))
def test_elts_agrees_with_the_reference_code(a: float, s: float, b: float, p: float) -> None:
    assert elts(a, s, b, p).value == pytest.approx(ref_elts(a, s, b, p), rel=1e-12)


_RANK = {Risk.LOW: 0, Risk.INTERMEDIATE: 1, Risk.HIGH: 2}


@given(ages, ages, spleens, spleens, platelet_counts, platelet_counts, small_pcts, small_pcts)
def test_sokal_never_falls_when_a_risk_input_rises(
    a1: float, a2: float, s1: float, s2: float, p1: float, p2: float, b1: float, b2: float
) -> None:
    low = sokal(min(a1, a2), min(s1, s2), min(p1, p2), min(b1, b2))
    high = sokal(max(a1, a2), max(s1, s2), max(p1, p2), max(b1, b2))
    assert high.value >= low.value
    assert _RANK[high.risk] >= _RANK[low.risk]


@given(
    st.tuples(
        st.tuples(ages, ages),
        st.tuples(spleens, spleens),
        st.tuples(small_pcts, small_pcts),
        st.tuples(small_pcts, small_pcts),
        st.tuples(small_pcts, small_pcts),
        st.tuples(platelet_counts, platelet_counts),
    )
)
def test_hasford_never_falls_when_a_risk_input_rises(
    pairs: tuple[tuple[float, float], ...],
) -> None:
    low = hasford(*(min(pair) for pair in pairs))
    high = hasford(*(max(pair) for pair in pairs))
    assert high.value >= low.value - 1e-9
    assert _RANK[high.risk] >= _RANK[low.risk]


@given(st.tuples(st.floats(0, 100), st.floats(0, 100)), st.tuples(spleens, spleens))
def test_eutos_never_falls_when_a_risk_input_rises(
    basophils: tuple[float, float], spleen: tuple[float, float]
) -> None:
    low = eutos(min(basophils), min(spleen))
    high = eutos(max(basophils), max(spleen))
    assert high.value >= low.value
    assert high.p_no_ccyr_18_months >= low.p_no_ccyr_18_months
    assert _RANK[high.risk] >= _RANK[low.risk]


@given(
    st.tuples(ages, ages),
    st.tuples(spleens, spleens),
    st.tuples(small_pcts, small_pcts),
    st.tuples(platelet_counts, platelet_counts),
)
def test_elts_never_falls_when_a_risk_input_rises(
    age: tuple[float, float],
    spleen: tuple[float, float],
    blasts: tuple[float, float],
    platelets: tuple[float, float],
) -> None:
    # For ELTS a *lower* platelet count is the higher risk.
    low = elts(min(age), min(spleen), min(blasts), max(platelets))
    high = elts(max(age), max(spleen), max(blasts), min(platelets))
    assert high.value >= low.value
    assert _RANK[high.risk] >= _RANK[low.risk]


@given(st.floats(0, 10), st.floats(0, 10))
def test_risk_groups_never_fall_as_the_value_rises(v1: float, v2: float) -> None:
    low, high = min(v1, v2), max(v1, v2)
    for classify in (sokal_risk, elts_risk):
        assert _RANK[classify(high)] >= _RANK[classify(low)]
    for classify in (hasford_risk, eutos_risk):
        assert _RANK[classify(high * 400)] >= _RANK[classify(low * 400)]
