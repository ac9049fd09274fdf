"""Kaplan–Meier estimates with Greenwood 95 % intervals, landmarks and the log-rank test (§7).

The estimators are lifelines' (``KaplanMeierFitter``, ``multivariate_logrank_test``), not ours:
a well-kept library that statisticians recognise, checked here against the worked example of
domain.md §7 (R ``survival::aml``, "Maintained"). This module adapts it to the registry: plain
floats in frozen dataclasses out (no pandas object leaves it), typed errors for impossible
input, and the three interval types of §7.2 with z = 1.959964 and g = Σ dᵢ / (nᵢ(nᵢ − dᵢ)):

* ``plain``: Ŝ ± z·Ŝ·√g — what Cervantes 2003's symmetric intervals suggest;
* ``log``: Ŝ·exp(±z·√g) — R's ``survfit`` default;
* ``log-log``: Ŝ^exp(±z·√g / ln Ŝ) — lifelines' own ("exponential Greenwood").

lifelines computes the log-log interval itself; the plain and log ones are computed here from
the Greenwood sum over lifelines' event table. Every interval is clipped to [0, 1]. Once Ŝ
reaches 0 (everyone left at risk has the event) Greenwood's variance is undefined (nᵢ = dᵢ);
the estimate 0 is then exact and its standard error and both limits are reported as 0.

At a time where events and censorings tie, the censored patients count as still at risk
(censoring after events), as §7.2 says and lifelines does.

lifelines pulls in pandas and scipy, so it is imported only when an estimate is asked for: the
application's start-up does not pay for it.
"""

from __future__ import annotations

import bisect
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cmlentry.errors import CmlentryError

Z_95 = 1.959963984540054
"""The 97.5 % quantile of the standard normal distribution: two-sided 95 % intervals."""


class CiType(StrEnum):
    """How the 95 % interval of Ŝ(t) is built from Greenwood's variance (domain.md §7.2)."""

    PLAIN = "plain"
    LOG = "log"
    LOG_LOG = "log-log"


# --- errors -----------------------------------------------------------------------------------


class SurvivalInputInvalid(CmlentryError, ValueError):
    """Times and events a survival estimate cannot be computed from (nothing was computed).

    Also a :class:`ValueError`, which is what a statistician calling these functions from a
    script expects. Params carry counts and group names only, never a time.
    """

    code = "survival.input_invalid"
    template = "The survival analysis could not be computed from these data; nothing was shown."


class NoObservations(SurvivalInputInvalid):
    code = "survival.no_observations"
    template = (
        "No patient is left for the survival analysis of {what}: choose more patients or "
        "another end point."
    )


class LengthsDiffer(SurvivalInputInvalid):
    code = "survival.lengths_differ"
    template = (
        "The survival analysis was given {times} times but {events} event flags, which must "
        "pair up one to one; nothing was computed. Please report this to your registry's support."
    )


class NegativeTime(SurvivalInputInvalid):
    code = "survival.negative_time"
    template = (
        "{count} follow-up time(s) are negative, so an end is dated before its start; nothing "
        "was computed. Check those patients' dates."
    )


class InvalidTime(SurvivalInputInvalid):
    code = "survival.invalid_time"
    template = (
        "{count} follow-up time(s) are not finite numbers; nothing was computed. Please report "
        "this to your registry's support."
    )


class InvalidEventFlag(SurvivalInputInvalid):
    code = "survival.invalid_event"
    template = (
        "{count} event flag(s) are neither 1 (event) nor 0 (censored); nothing was computed. "
        "Please report this to your registry's support."
    )


class UnknownCiType(SurvivalInputInvalid):
    code = "survival.unknown_ci_type"
    template = "'{ci}' is not a type of confidence interval: choose plain, log or log-log."


class TooFewGroups(SurvivalInputInvalid):
    code = "survival.too_few_groups"
    template = (
        "A log-rank test compares at least two groups of patients, and {count} group(s) have "
        "patients: choose a grouping that splits them."
    )


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KmStep:
    """The estimate at one event time.

    Attributes:
        time: The event time tᵢ.
        at_risk: nᵢ, patients at risk just before tᵢ (those censored at tᵢ included).
        events: dᵢ, events at tᵢ.
        survival: Ŝ(tᵢ).
        se: Greenwood standard error of Ŝ(tᵢ): Ŝ·√g.
        lower: Lower 95 % limit, of the curve's :class:`CiType`.
        upper: Upper 95 % limit.
    """

    time: float
    at_risk: int
    events: int
    survival: float
    se: float
    lower: float
    upper: float


@dataclass(frozen=True)
class KmCurve:
    """A Kaplan–Meier curve: one :class:`KmStep` per event time, in time order.

    Attributes:
        ci: The interval type of every step's limits (print it beside each figure).
        subjects: Patients in the analysis.
        events: Events observed in all.
        steps: The estimate at each event time.
        censored_times: Each censoring time, sorted, repeated when several patients share it
            (the tick marks of a plot).
        last_time: The longest follow-up, event or censored: the curve ends there.
        median: The first time Ŝ ≤ 0.5, as lifelines defines the median; None if not reached.
    """

    ci: CiType
    subjects: int
    events: int
    steps: tuple[KmStep, ...]
    censored_times: tuple[float, ...]
    last_time: float
    median: float | None


@dataclass(frozen=True)
class Landmark:
    """Ŝ and its interval at a landmark time (e.g. 12 months).

    Attributes:
        time: The landmark asked for.
        survival: Ŝ at the last event time ≤ ``time`` (1 before the first event).
        se: Its Greenwood standard error (0 before the first event).
        lower: Lower 95 % limit, of type ``ci``.
        upper: Upper 95 % limit.
        ci: The interval type.
        event_time: The event time the estimate is taken at; None before the first event.
        at_risk: Patients still followed at ``time`` (follow-up ≥ ``time``).
        beyond_follow_up: ``time`` is past the longest follow-up, so nobody was observed there
            and the figure only carries the last estimate forward: report it as such.
    """

    time: float
    survival: float
    se: float
    lower: float
    upper: float
    ci: CiType
    event_time: float | None
    at_risk: int
    beyond_follow_up: bool


@dataclass(frozen=True)
class LogRankGroup:
    """One group of a log-rank test: its name, patients and events observed."""

    name: str
    subjects: int
    events: int


@dataclass(frozen=True)
class LogRank:
    """The log-rank test of equal survival across groups.

    Attributes:
        chi2: The test statistic.
        df: Degrees of freedom: groups with patients − 1.
        p: P-value from the χ² distribution with ``df`` degrees of freedom.
        groups: Every group given, in the order given; a group without patients is listed
            (``subjects`` 0) but takes no part in the test.
    """

    chi2: float
    df: int
    p: float
    groups: tuple[LogRankGroup, ...]


# --- input checks -----------------------------------------------------------------------------


def ci_type(ci: CiType | str) -> CiType:
    """``ci`` as a :class:`CiType`.

    Raises:
        UnknownCiType: when it is not plain, log or log-log.
    """
    try:
        return CiType(ci)
    except ValueError:
        raise UnknownCiType(ci=str(ci)[:20]) from None


def _checked(
    times: Sequence[float], events: Sequence[bool | int], what: str
) -> tuple[list[float], list[bool]]:
    if len(times) != len(events):
        raise LengthsDiffer(times=len(times), events=len(events))
    if not times:
        raise NoObservations(what=what)
    reals = [t for t in times if isinstance(t, numbers.Real) and not isinstance(t, bool)]
    finite = [float(t) for t in reals if math.isfinite(t)]
    if len(finite) != len(times):
        raise InvalidTime(count=len(times) - len(finite))
    negative = sum(t < 0 for t in finite)
    if negative:
        raise NegativeTime(count=negative)
    flags = [e for e in events if isinstance(e, bool | numbers.Integral) and e in (0, 1)]
    if len(flags) != len(events):
        raise InvalidEventFlag(count=len(events) - len(flags))
    return finite, [bool(e) for e in flags]


# --- Kaplan–Meier ------------------------------------------------------------------------------


def kaplan_meier(
    times: Sequence[float],
    events: Sequence[bool | int],
    ci: CiType | str = CiType.PLAIN,
    *,
    what: str = "this curve",
) -> KmCurve:
    """The Kaplan–Meier estimate with Greenwood 95 % intervals of type ``ci``.

    Args:
        times: Follow-up time of each patient (any unit; ≥ 0).
        events: Whether that patient's follow-up ended with the event (True or 1) or was
            censored (False or 0).
        ci: ``"plain"``, ``"log"`` or ``"log-log"`` (domain.md §7.2).
        what: What the curve is of, for the error when there is no patient ("group high").

    Returns:
        The curve, one step per event time.

    Raises:
        NoObservations: no patient.
        LengthsDiffer: ``times`` and ``events`` differ in length.
        InvalidTime: a time is not a finite number.
        NegativeTime: a time is negative.
        InvalidEventFlag: an event flag is not a bool, 0 or 1.
        UnknownCiType: ``ci`` is not one of the three types.
    """
    kind = ci_type(ci)
    durations, observed = _checked(times, events, what)
    import numpy
    from lifelines import KaplanMeierFitter  # late: it pulls in pandas and scipy (see above)

    # lifelines calls numpy.seterr() while fitting; errstate puts the process's setting back.
    with numpy.errstate():
        fitter = KaplanMeierFitter().fit(durations, event_observed=observed, alpha=0.05)
    table = fitter.event_table
    at_risk = table["at_risk"].to_numpy()
    deaths = table["observed"].to_numpy()
    survival = fitter.survival_function_.iloc[:, 0].to_numpy()
    log_log = fitter.confidence_interval_.to_numpy()
    steps: list[KmStep] = []
    greenwood = 0.0
    for index, time in enumerate(table.index.to_numpy()):
        n, d = int(at_risk[index]), int(deaths[index])
        if d == 0:
            continue
        s = float(survival[index])
        if n > d:
            greenwood += d / (n * (n - d))
        if s <= 0.0:
            steps.append(KmStep(float(time), n, d, 0.0, 0.0, 0.0, 0.0))
            continue
        root = math.sqrt(greenwood)
        if kind is CiType.PLAIN:
            low, high = s - Z_95 * s * root, s + Z_95 * s * root
        elif kind is CiType.LOG:
            low, high = s * math.exp(-Z_95 * root), s * math.exp(Z_95 * root)
        else:
            low, high = float(log_log[index, 0]), float(log_log[index, 1])
        steps.append(KmStep(float(time), n, d, s, s * root, _clip(low), _clip(high)))
    median = float(fitter.median_survival_time_)
    return KmCurve(
        ci=kind,
        subjects=len(durations),
        events=sum(observed),
        steps=tuple(steps),
        censored_times=tuple(sorted(t for t, e in zip(durations, observed, strict=True) if not e)),
        last_time=max(durations),
        median=median if math.isfinite(median) else None,
    )


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def landmark(curve: KmCurve, time: float) -> Landmark:
    """Ŝ and its interval at ``time``: those of the last event time ≤ ``time`` (§7 [DESIGN]).

    Before the first event the estimate is 1 with no uncertainty (limits 1 and 1).

    Raises:
        InvalidTime: ``time`` is not a finite number.
        NegativeTime: ``time`` is negative.
    """
    if isinstance(time, bool) or not isinstance(time, numbers.Real) or not math.isfinite(time):
        raise InvalidTime(count=1)
    if time < 0:
        raise NegativeTime(count=1)
    event_times = [step.time for step in curve.steps]
    position = bisect.bisect_right(event_times, time)
    # At risk at ``time`` as in a KM table: follow-up ≥ time, so an event on it still counts.
    ended = bisect.bisect_left(event_times, time)
    gone = sum(step.events for step in curve.steps[:ended])
    gone += bisect.bisect_left(curve.censored_times, time)
    followed = curve.subjects - gone
    beyond = time > curve.last_time
    if position == 0:
        return Landmark(float(time), 1.0, 0.0, 1.0, 1.0, curve.ci, None, followed, beyond)
    step = curve.steps[position - 1]
    return Landmark(
        time=float(time),
        survival=step.survival,
        se=step.se,
        lower=step.lower,
        upper=step.upper,
        ci=curve.ci,
        event_time=step.time,
        at_risk=followed,
        beyond_follow_up=beyond,
    )


# --- log-rank ------------------------------------------------------------------------------------


def logrank(
    groups: Mapping[str, tuple[Sequence[float], Sequence[bool | int]]],
) -> LogRank:
    """The log-rank test that survival is the same in every group (lifelines, χ² statistic).

    With more than two groups it is the multivariate (k-sample) log-rank test, df = k − 1;
    with two it equals the two-sample test.

    Args:
        groups: Group name -> (times, events), as :func:`kaplan_meier` takes them. A group
            without patients is reported but left out of the test.

    Raises:
        TooFewGroups: fewer than two groups have patients.
        LengthsDiffer, InvalidTime, NegativeTime, InvalidEventFlag: as :func:`kaplan_meier`.
    """
    listed: list[LogRankGroup] = []
    durations: list[float] = []
    observed: list[bool] = []
    labels: list[int] = []
    for name, (times, events) in groups.items():
        if len(times) == 0 and len(events) == 0:
            listed.append(LogRankGroup(name, 0, 0))
            continue
        group_times, group_events = _checked(times, events, f"group {name}")
        listed.append(LogRankGroup(name, len(group_times), sum(group_events)))
        durations += group_times
        observed += group_events
        labels += [len(listed)] * len(group_times)
    with_patients = sum(group.subjects > 0 for group in listed)
    if with_patients < 2:
        raise TooFewGroups(count=with_patients)
    import numpy
    from lifelines.statistics import multivariate_logrank_test  # late, as above

    with numpy.errstate():
        result = multivariate_logrank_test(durations, labels, observed)
    return LogRank(
        chi2=float(result.test_statistic),
        df=int(result.degrees_of_freedom),
        p=float(result.p_value),
        groups=tuple(listed),
    )
