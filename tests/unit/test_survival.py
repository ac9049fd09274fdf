"""Kaplan–Meier, Greenwood intervals, landmarks and log-rank (domain.md §7) over lifelines."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from cmlentry.domain.survival import (
    CiType,
    InvalidEventFlag,
    InvalidTime,
    LengthsDiffer,
    NegativeTime,
    NoObservations,
    SurvivalInputInvalid,
    TooFewGroups,
    UnknownCiType,
    kaplan_meier,
    landmark,
    logrank,
)
from cmlentry.errors import CmlentryError

# domain.md §7.2 test vector: R survival::aml, "Maintained" group (Miller 1981); + is censored.
AML_TIMES = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
AML_EVENTS = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]

# t, n, d, S, SE, log CI, log-log CI, plain CI — every row of the table, to 4 decimals.
AML_TABLE = [
    (9, 11, 1, 0.9091, 0.0867, (0.7541, 1), (0.5081, 0.9867), (0.7392, 1)),
    (13, 10, 1, 0.8182, 0.1163, (0.6192, 1), (0.4474, 0.9512), (0.5903, 1)),
    (18, 8, 1, 0.7159, 0.1397, (0.4884, 1), (0.3502, 0.8990), (0.4422, 0.9896)),
    (23, 7, 1, 0.6136, 0.1526, (0.3769, 0.9992), (0.2658, 0.8353), (0.3145, 0.9128)),
    (31, 5, 1, 0.4909, 0.1642, (0.2549, 0.9456), (0.1673, 0.7534), (0.1691, 0.8127)),
    (34, 4, 1, 0.3682, 0.1627, (0.1549, 0.8753), (0.0928, 0.6570), (0.0494, 0.6870)),
    (48, 2, 1, 0.1841, 0.1535, (0.0359, 0.9435), (0.0117, 0.5250), (0, 0.4849)),
]
CI_COLUMN = {CiType.LOG: 5, CiType.LOG_LOG: 6, CiType.PLAIN: 7}


@pytest.mark.parametrize("ci", list(CiType))
def test_every_row_of_the_domain_vector_for_every_ci_type(ci: CiType) -> None:
    curve = kaplan_meier(AML_TIMES, AML_EVENTS, ci)
    assert curve.ci is ci
    assert len(curve.steps) == len(AML_TABLE)
    for step, row in zip(curve.steps, AML_TABLE, strict=True):
        t, n, d, s, se = row[:5]
        lower, upper = row[CI_COLUMN[ci]]  # type: ignore[misc]
        assert (step.time, step.at_risk, step.events) == (t, n, d)
        assert round(step.survival, 4) == s
        assert round(step.se, 4) == se
        assert (round(step.lower, 4), round(step.upper, 4)) == (lower, upper), step.time


def test_the_curve_carries_its_counts_censorings_end_and_median() -> None:
    curve = kaplan_meier(AML_TIMES, AML_EVENTS, "log-log")
    assert (curve.subjects, curve.events) == (11, 7)
    assert curve.censored_times == (13.0, 28.0, 45.0, 161.0)
    assert curve.last_time == 161.0
    assert curve.median == 31.0  # Ŝ(23) = 0.61 > 0.5 ≥ Ŝ(31) = 0.49
    assert all(isinstance(v, float) for step in curve.steps for v in (step.survival, step.lower))


def test_plain_and_log_intervals_are_clipped_to_zero_and_one() -> None:
    plain = kaplan_meier(AML_TIMES, AML_EVENTS, "plain").steps
    assert plain[0].survival + 1.959964 * plain[0].se > 1  # unclipped it would pass 1
    assert plain[0].upper == 1.0
    assert plain[-1].survival - 1.959964 * plain[-1].se < 0
    assert plain[-1].lower == 0.0


def test_censorings_tied_with_events_are_still_at_risk_at_that_time() -> None:
    # At t = 13 one event and one censoring: both are among the 10 at risk, so S drops by
    # 1/10; had the censoring come first it would drop by 1/9.
    step = kaplan_meier(AML_TIMES, AML_EVENTS).steps[1]
    assert (step.time, step.at_risk, step.events) == (13.0, 10, 1)
    assert step.survival == pytest.approx(10 / 11 * 9 / 10)
    after = kaplan_meier(AML_TIMES, AML_EVENTS).steps[2]
    assert after.at_risk == 8  # the censored patient at 13 has left before 18


def test_tied_events_make_one_step() -> None:
    curve = kaplan_meier([2, 2, 2, 5], [1, 1, 0, 1])
    assert [(s.time, s.at_risk, s.events) for s in curve.steps] == [(2.0, 4, 2), (5.0, 1, 1)]
    assert curve.steps[0].survival == pytest.approx(0.5)
    # Greenwood: S² · d / (n (n − d)) = 0.25 · 2 / 8
    assert curve.steps[0].se == pytest.approx(math.sqrt(0.25 * 2 / 8))


def test_an_all_censored_group_has_no_step_and_stays_at_one() -> None:
    curve = kaplan_meier([3, 7, 7, 12], [0, 0, 0, 0], "log")
    assert curve.steps == ()
    assert (curve.subjects, curve.events, curve.median) == (4, 0, None)
    mark = landmark(curve, 10)
    assert (mark.survival, mark.se, mark.lower, mark.upper) == (1.0, 0.0, 1.0, 1.0)
    assert mark.event_time is None
    assert mark.at_risk == 1


@pytest.mark.parametrize("ci", list(CiType))
def test_once_everyone_has_had_the_event_the_estimate_is_zero_with_zero_limits(
    ci: CiType,
) -> None:
    last = kaplan_meier([1, 2], [True, True], ci).steps[-1]
    assert (last.survival, last.se, last.lower, last.upper) == (0.0, 0.0, 0.0, 0.0)


def test_an_event_at_time_zero_is_a_step_at_zero() -> None:
    curve = kaplan_meier([0, 4, 6], [1, 0, 1])
    assert curve.steps[0].time == 0.0
    assert curve.steps[0].survival == pytest.approx(2 / 3)
    assert landmark(curve, 0).survival == pytest.approx(2 / 3)


# --- landmarks ----------------------------------------------------------------------------------


def test_a_landmark_takes_the_last_event_time_at_or_before_it() -> None:
    curve = kaplan_meier(AML_TIMES, AML_EVENTS, "plain")
    at_30 = landmark(curve, 30)  # events at 23 and 31: the estimate of 23
    assert at_30.event_time == 23.0
    assert (round(at_30.survival, 4), round(at_30.lower, 4), round(at_30.upper, 4)) == (
        0.6136,
        0.3145,
        0.9128,
    )
    assert at_30.ci is CiType.PLAIN
    assert landmark(curve, 31).event_time == 31.0  # an event exactly on the landmark counts


def test_a_landmark_before_the_first_event_is_one() -> None:
    mark = landmark(kaplan_meier(AML_TIMES, AML_EVENTS), 8.99)
    assert (mark.survival, mark.se, mark.lower, mark.upper, mark.event_time) == (
        1.0,
        0.0,
        1.0,
        1.0,
        None,
    )
    assert mark.at_risk == 11


def test_a_landmark_counts_those_still_followed() -> None:
    curve = kaplan_meier(AML_TIMES, AML_EVENTS)
    # Follow-up ≥ 13: all but the event at 9; ≥ 13.5: also without the two at 13.
    assert landmark(curve, 13).at_risk == 10
    assert landmark(curve, 13.5).at_risk == 8
    assert landmark(curve, 161).at_risk == 1
    assert not landmark(curve, 161).beyond_follow_up


def test_a_landmark_past_the_longest_follow_up_says_so() -> None:
    mark = landmark(kaplan_meier(AML_TIMES, AML_EVENTS), 200)
    assert mark.beyond_follow_up
    assert mark.at_risk == 0
    assert round(mark.survival, 4) == 0.1841  # carried forward from t = 48


@pytest.mark.parametrize(("time", "error"), [(-1, NegativeTime), (math.nan, InvalidTime)])
def test_a_landmark_must_be_a_time(time: float, error: type[Exception]) -> None:
    with pytest.raises(error):
        landmark(kaplan_meier(AML_TIMES, AML_EVENTS), time)


# --- log-rank ------------------------------------------------------------------------------------


def test_two_identical_groups_do_not_differ() -> None:
    result = logrank({"a": (AML_TIMES, AML_EVENTS), "b": (AML_TIMES, AML_EVENTS)})
    assert result.chi2 == pytest.approx(0.0, abs=1e-12)
    assert result.p == pytest.approx(1.0)
    assert result.df == 1


def test_logrank_against_a_hand_computed_case() -> None:
    # A dies at 1 and 2, B at 3 and 4. At t=1: n=4, nA=2, d=1 → E_A = 1/2,
    # V = nA·nB·d·(n−d) / (n²(n−1)) = 2·2·1·3 / (16·3) = 1/4. At t=2: n=3, nA=1 → E_A = 1/3,
    # V = 1·2·1·2 / (9·2) = 2/9. Later A has nobody at risk. O_A − E_A = 2 − 5/6 = 7/6.
    chi2 = (7 / 6) ** 2 / (1 / 4 + 2 / 9)
    result = logrank({"A": ([1, 2], [1, 1]), "B": ([3, 4], [1, 1])})
    assert result.chi2 == pytest.approx(chi2)
    assert result.p == pytest.approx(math.erfc(math.sqrt(chi2 / 2)))  # χ² survival, 1 df
    assert [(g.name, g.subjects, g.events) for g in result.groups] == [("A", 2, 2), ("B", 2, 2)]


def test_logrank_matches_r_survdiff_on_aml() -> None:
    # survdiff(Surv(time, status) ~ x, data = aml): Chisq = 3.4 on 1 df, p = 0.0653.
    nonmaintained = ([5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45], [1] * 5 + [0] + [1] * 6)
    result = logrank({"Maintained": (AML_TIMES, AML_EVENTS), "Nonmaintained": nonmaintained})
    assert round(result.chi2, 1) == 3.4
    assert round(result.p, 4) == 0.0653


def test_three_groups_give_the_k_sample_test_with_two_degrees_of_freedom() -> None:
    result = logrank(
        {
            "low": ([10, 20, 30, 40], [0, 1, 0, 0]),
            "intermediate": ([5, 15, 25], [1, 1, 0]),
            "high": ([2, 3, 4], [1, 1, 1]),
        }
    )
    assert result.df == 2
    assert result.chi2 > 0
    assert result.p == pytest.approx(math.exp(-result.chi2 / 2))  # χ² survival, 2 df


def test_a_group_without_patients_is_listed_but_not_tested() -> None:
    result = logrank(
        {"low": (AML_TIMES, AML_EVENTS), "high": ([], []), "mid": (AML_TIMES, AML_EVENTS)}
    )
    assert [(g.name, g.subjects) for g in result.groups] == [("low", 11), ("high", 0), ("mid", 11)]
    assert result.df == 1


def test_all_censored_groups_give_no_evidence_of_a_difference() -> None:
    result = logrank({"a": ([1, 2], [0, 0]), "b": ([3, 4], [0, 0])})
    assert (result.chi2, result.p) == (0.0, 1.0)


@pytest.mark.parametrize(
    "groups",
    [{}, {"only": (AML_TIMES, AML_EVENTS)}, {"one": ([1], [1]), "empty": ([], [])}],
)
def test_logrank_needs_two_groups_with_patients(
    groups: dict[str, tuple[list[float], list[int]]],
) -> None:
    with pytest.raises(TooFewGroups):
        logrank(groups)


# --- refused input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("times", "events", "error"),
    [
        ([], [], NoObservations),
        ([1, 2], [1], LengthsDiffer),
        ([1, -0.5], [1, 0], NegativeTime),
        ([1, math.inf], [1, 0], InvalidTime),
        ([1, math.nan], [1, 0], InvalidTime),
        ([1, "2"], [1, 0], InvalidTime),
        ([1, True], [1, 0], InvalidTime),
        ([1, 2], [1, 2], InvalidEventFlag),
        ([1, 2], [1, 0.5], InvalidEventFlag),
        ([1, 2], [1, None], InvalidEventFlag),
    ],
)
def test_impossible_input_is_refused_with_a_typed_error(
    times: list[object], events: list[object], error: type[SurvivalInputInvalid]
) -> None:
    with pytest.raises(error) as raised:
        kaplan_meier(times, events)  # type: ignore[arg-type]  # wrong on purpose
    assert isinstance(raised.value, CmlentryError)
    assert isinstance(raised.value, ValueError)
    assert raised.value.code.startswith("survival.")


def test_an_invalid_group_is_refused_by_the_logrank_test_too() -> None:
    with pytest.raises(NegativeTime):
        logrank({"a": ([1, -2], [1, 1]), "b": ([1], [1])})


def test_an_unknown_ci_type_is_refused() -> None:
    with pytest.raises(UnknownCiType, match="choose plain, log or log-log"):
        kaplan_meier(AML_TIMES, AML_EVENTS, "loglog")


def test_errors_name_counts_never_times() -> None:
    with pytest.raises(NegativeTime) as raised:
        kaplan_meier([17.25, -3.75], [1, 0])
    assert "3.75" not in raised.value.message and "17.25" not in raised.value.message
    assert raised.value.params == {"count": 1}


def test_importing_the_module_does_not_load_lifelines_or_pandas() -> None:
    code = (
        "import sys, cmlentry.domain.survival; "
        "print(sorted(m for m in ('lifelines', 'pandas', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
