"""The coordinator dashboard's pictures: registrations over time, Kaplan–Meier curves, centres.

Each is a :class:`~cmlentry.gui.reports.plot_canvas.PlotWidget`: a matplotlib figure on a Qt
canvas with "Save picture…" and a summary for screen readers. Texts on the figures go through
``self.tr``; month names come from :class:`QLocale`, so a French interface reads "janv. 2003".
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from datetime import date

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator
from matplotlib.transforms import offset_copy
from PySide6.QtWidgets import QWidget

from cmlentry.domain.survival import KmCurve, landmark
from cmlentry.gui.reports.plot_canvas import (
    OKABE_ITO,
    PlotWidget,
    count_axis,
    month_name,
    number,
    percent,
    plot_style,
)
from cmlentry.services.reports.tables import MonthCount

__all__ = ["CentresPlot", "RegistrationsPlot", "SurvivalPlot", "at_risk_ticks", "step_corners"]

LIGHT_BARS = "#9ecae9"
"""The monthly bars: a light blue that lets the cumulative line stand out."""


# --- registrations over time --------------------------------------------------------------------


class RegistrationsPlot(PlotWidget):
    """Fig. 1 of the registry letter: cumulative patients registered by month (a line, the main
    picture) over bars of the patients registered each month (a small panel below)."""

    default_file_name = "registrations"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registrations_plot")
        self.setAccessibleName(self.tr("Patients registered over time"))
        self.line_axes: Axes | None = None
        self.bar_axes: Axes | None = None
        self.clear(self.tr("No patient has been registered yet."))

    def set_months(self, months: Sequence[MonthCount]) -> None:
        """Draw these months (every month from the first to the last, as the report gives them)."""
        if not months:
            self.clear(self.tr("No patient has been registered yet."))
            return
        self._begin()
        # Each month is drawn at its 15th, so a bar sits on its month and its tick under it.
        middles = [mdates.date2num(date(m.year, m.month, 15)) for m in months]
        start = mdates.date2num(date(months[0].year, months[0].month, 1))
        last = months[-1]
        following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
        end = mdates.date2num(following)
        with plot_style():
            grid = self.figure.add_gridspec(2, 1, height_ratios=(3, 1))
            top = self.figure.add_subplot(grid[0])
            bottom = self.figure.add_subplot(grid[1], sharex=top)
            self.figure.suptitle(self.tr("Patients registered by month"))
            # Dots while there are few months: a single month is a point, not a line.
            marker = "o" if len(months) <= 24 else None
            cumulative = [m.cumulative for m in months]
            top.plot(middles, cumulative, color=OKABE_ITO[0], linewidth=2, marker=marker, ms=3)
            top.set_ylabel(self.tr("Cumulative"))
            count_axis(top.yaxis)
            top.set_ylim(bottom=0)
            top.grid(axis="y", color="0.9")
            top.tick_params(labelbottom=False)
            bottom.bar(middles, [m.registered for m in months], width=24, color=LIGHT_BARS)
            bottom.set_ylabel(self.tr("Per month"))
            count_axis(bottom.yaxis)
            bottom.set_xlim(start, end)
            self._month_ticks(bottom, len(months))
        self.line_axes, self.bar_axes = top, bottom
        self._drawn(self._summary(months))

    def _month_ticks(self, axes: Axes, count: int) -> None:
        if count <= 24:
            interval = max(1, math.ceil(count / 8))
            axes.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=15, interval=interval))
            pattern = "MMM yyyy"
        else:
            # Long series: one label per year, under the middle of the year; months as minor ticks.
            years = count / 12
            base = max(1, math.ceil(years / 12))
            axes.xaxis.set_major_locator(mdates.YearLocator(base=base, month=7, day=1))
            axes.xaxis.set_minor_locator(mdates.MonthLocator())
            pattern = "yyyy"

        def label(value: float, _position: int | None) -> str:
            day = mdates.num2date(value)
            return month_name(day.year, day.month, pattern)

        axes.xaxis.set_major_formatter(FuncFormatter(label))

    def _summary(self, months: Sequence[MonthCount]) -> str:
        first, last = months[0], months[-1]
        busiest = max(months, key=lambda m: m.registered)
        return (
            self.tr("Patients registered: %1 from %2 to %3; the most in one month: %4 (%5).")
            .replace("%1", number(last.cumulative))
            .replace("%2", month_name(first.year, first.month, "MMMM yyyy"))
            .replace("%3", month_name(last.year, last.month, "MMMM yyyy"))
            .replace("%4", number(busiest.registered))
            .replace("%5", month_name(busiest.year, busiest.month, "MMMM yyyy"))
        )


# --- Kaplan–Meier curves ------------------------------------------------------------------------


def step_corners(curve: KmCurve) -> tuple[list[float], list[float]]:
    """The corners of the curve's staircase, from (0, 1) to its last follow-up time."""
    xs, ys = [0.0], [1.0]
    survival = 1.0
    for step in curve.steps:
        xs += [step.time, step.time]
        ys += [survival, step.survival]
        survival = step.survival
    if curve.last_time > xs[-1]:
        xs.append(curve.last_time)
        ys.append(survival)
    return xs, ys


def tick_step(longest: float) -> int:
    """Months between ticks (and numbers at risk): 6 for short follow-up, 12 or 24 for long."""
    if longest <= 48:
        return 6
    return 12 if longest <= 180 else 24


def at_risk_ticks(longest: float) -> list[float]:
    """The times under which numbers at risk are printed: every tick from 0 to ``longest``."""
    step = tick_step(longest)
    return [float(t) for t in range(0, int(longest) + 1, step)]


MAX_CENSOR_MARKS = 120
"""Above this many censorings, one mark per 1/120 of the follow-up that holds any (about one
per 6 pixels of an 800-pixel plot)."""


def _thinned(times: Sequence[float], longest: float) -> list[float]:
    """The censoring times to mark: all of them, unless thousands would cover the curve and
    its band with a solid bar of marks; then the first of each slice of time that has one."""
    if len(times) <= MAX_CENSOR_MARKS or longest <= 0:
        return list(times)
    width = longest / MAX_CENSOR_MARKS
    kept: dict[int, float] = {}
    for time in times:
        kept.setdefault(int(time / width), time)
    return list(kept.values())


def _survival_at(curve: KmCurve, times: Sequence[float]) -> list[float]:
    """Ŝ at each time (after any event at that very time), by bisection: censor marks can be
    many thousands."""
    event_times = [step.time for step in curve.steps]
    result = []
    for time in times:
        position = bisect.bisect_right(event_times, time)
        result.append(1.0 if position == 0 else curve.steps[position - 1].survival)
    return result


def _spread(values: Sequence[float], gap: float = 0.065) -> list[float]:
    """Heights for labels of ``values`` (highest first), each a little above its value but at
    least ``gap`` below the previous one: two curves at the same Ŝ keep readable labels."""
    heights: list[float] = []
    for value in values:
        height = value + 0.035
        if heights:
            height = min(height, heights[-1] - gap)
        heights.append(height)
    return heights


class SurvivalPlot(PlotWidget):
    """Kaplan–Meier curves: steps, 95 % CI band, censoring ticks, numbers at risk below."""

    default_file_name = "survival"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survival_plot")
        self.setAccessibleName(self.tr("Survival curves"))
        self.axes: Axes | None = None
        self.risk_axes: Axes | None = None
        # A group keeps its colour for the widget's life (low, intermediate, high Sokal…).
        self._colours: dict[str, str] = {}
        self.clear(self.tr("No survival curve to show."))

    def colour_of(self, name: str) -> str:
        """The colour of the curve called ``name``: the same at every redraw."""
        if name not in self._colours:
            self._colours[name] = OKABE_ITO[len(self._colours) % len(OKABE_ITO)]
        return self._colours[name]

    def set_curves(
        self,
        curves: Sequence[tuple[str, KmCurve]],
        *,
        title: str,
        caption: str,
        band: bool = True,
        landmarks: Sequence[float] = (),
        origin: str | None = None,
    ) -> None:
        """Draw the curves, each with its name.

        Args:
            curves: (name, curve) pairs, drawn and listed in this order.
            title: Above the plot.
            caption: Under the title, small: the event set and the CI type.
            band: Shade each curve's 95 % interval (off for overlays of several groups).
            landmarks: Months at which a dashed guide shows each curve's Ŝ.
            origin: What time is counted from ("imatinib start"), for the x axis label.
        """
        if not curves:
            self.clear(self.tr("No survival curve to show."))
            return
        self._begin()
        longest = max(curve.last_time for _name, curve in curves)
        ticks = at_risk_ticks(longest)
        with plot_style():
            grid = self.figure.add_gridspec(2, 1, height_ratios=(5, 0.5 + 0.3 * len(curves)))
            axes = self.figure.add_subplot(grid[0])
            risk = self.figure.add_subplot(grid[1], sharex=axes)
            self.figure.suptitle(title)
            axes.set_title(caption, fontsize=8, color="0.3")
            for name, curve in curves:
                self._draw_curve(axes, name, curve, band=band, several=len(curves) > 1)
            self._draw_landmarks(axes, curves, landmarks, longest)
            axes.set_xlim(0, max(longest, 1.0))
            axes.set_ylim(0, 1.04)
            axes.xaxis.set_major_locator(FixedLocator(ticks))
            axes.yaxis.set_major_locator(MultipleLocator(0.25))
            axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: percent(v)))
            axes.grid(axis="y", color="0.92")
            axes.set_xlabel(
                self.tr("Months since %1").replace("%1", origin) if origin else self.tr("Months")
            )
            axes.set_ylabel(self.tr("Without event"))
            if len(curves) > 1:
                # Under the numbers at risk, across the figure: inside the axes a legend always
                # hides some curve (a CML plateau fills the top, long follow-up the right).
                handles, labels = axes.get_legend_handles_labels()
                self.figure.legend(
                    handles, labels, loc="outside lower center", ncols=len(curves), frameon=False
                )
            self._draw_at_risk(risk, curves, ticks)
        self.axes, self.risk_axes = axes, risk
        self.setAccessibleName(title)
        self._drawn(self._summary(curves, caption, landmarks))

    def _draw_curve(
        self, axes: Axes, name: str, curve: KmCurve, *, band: bool, several: bool
    ) -> None:
        colour = self.colour_of(name)
        xs, ys = step_corners(curve)
        label = (
            self.tr("%1 (n = %2, events = %3)")
            .replace("%1", name)
            .replace("%2", number(curve.subjects))
            .replace("%3", number(curve.events))
        )
        (line,) = axes.plot(xs, ys, color=colour, linewidth=1.8, label=label if several else None)
        line.set_gid("km_steps")
        if band:
            times = [0.0, *(s.time for s in curve.steps), curve.last_time]
            lower = [1.0, *(s.lower for s in curve.steps)]
            upper = [1.0, *(s.upper for s in curve.steps)]
            lower.append(lower[-1])
            upper.append(upper[-1])
            shade = axes.fill_between(
                times, lower, upper, step="post", color=colour, alpha=0.18, linewidth=0
            )
            shade.set_gid("km_band")
        censored = _thinned(curve.censored_times, curve.last_time)
        (marks,) = axes.plot(
            censored,
            _survival_at(curve, censored),
            linestyle="none",
            marker="+",
            markersize=6,
            color=colour,
        )
        marks.set_gid("km_censored")

    def _draw_landmarks(
        self,
        axes: Axes,
        curves: Sequence[tuple[str, KmCurve]],
        landmarks: Sequence[float],
        longest: float,
    ) -> None:
        # Values are written just right of their guide, a little above their curve.
        beside = offset_copy(axes.transData, fig=self.figure, x=3, y=0, units="points")
        for time in landmarks:
            if time > longest:
                continue  # past every follow-up: nothing was observed there
            guide = axes.axvline(time, color="0.45", linestyle="--", linewidth=0.9)
            guide.set_gid("landmark_guide")
            axes.text(
                time, 0.02, self.tr("%1 months").replace("%1", number(time)),
                rotation=90, ha="right", va="bottom", fontsize=7.5, color="0.35",
            )  # fmt: skip
            points = [(landmark(curve, time), name) for name, curve in curves]
            shown = sorted(
                ((p.survival, name) for p, name in points if not p.beyond_follow_up), reverse=True
            )
            for (survival, name), y in zip(shown, _spread([s for s, _n in shown]), strict=True):
                value = axes.text(
                    time, y, percent(survival), transform=beside, va="center", fontsize=8,
                    color=self.colour_of(name),
                )  # fmt: skip
                value.set_gid("landmark_value")

    def _draw_at_risk(
        self, risk: Axes, curves: Sequence[tuple[str, KmCurve]], ticks: Sequence[float]
    ) -> None:
        rows = len(curves)
        widest = 0
        for row, (_name, curve) in enumerate(curves):
            y = rows - 1 - row
            for tick in ticks:
                # Followed at t: patients minus events and censorings strictly before t.
                count = number(landmark(curve, tick).at_risk)
                risk.text(tick, y, count, ha="center", va="center", fontsize=8)
            widest = max(widest, len(number(curve.subjects)))
        risk.set_ylim(-0.5, rows - 0.5)
        risk.set_yticks([rows - 1 - row for row in range(rows)], [name for name, _curve in curves])
        for label, (name, _curve) in zip(risk.get_yticklabels(), curves, strict=True):
            label.set_color(self.colour_of(name))
        risk.set_title(self.tr("Number at risk"), loc="left", fontsize=8, color="0.3")
        # The numbers under 0 are centred there: keep the curves' names clear of their left
        # half (a digit of 8 pt is about 5 pt wide).
        risk.tick_params(bottom=False, labelbottom=False, left=False, pad=4 + 2.5 * widest)
        for spine in risk.spines.values():
            spine.set_visible(False)

    def _summary(
        self, curves: Sequence[tuple[str, KmCurve]], caption: str, landmarks: Sequence[float]
    ) -> str:
        sentences = [caption]
        for name, curve in curves:
            median = (
                self.tr("%1 months").replace("%1", number(curve.median, 1))
                if curve.median is not None
                else self.tr("not reached")
            )
            sentences.append(
                self.tr("%1: %2 patients, %3 events, median %4.")
                .replace("%1", name)
                .replace("%2", number(curve.subjects))
                .replace("%3", number(curve.events))
                .replace("%4", median)
            )
            for time in landmarks:
                point = landmark(curve, time)
                if not point.beyond_follow_up:
                    sentences.append(
                        self.tr("At %1 months: %2.")
                        .replace("%1", number(time))
                        .replace("%2", percent(point.survival))
                    )
        return " ".join(sentences)


# --- patients per centre ------------------------------------------------------------------------


class CentresPlot(PlotWidget):
    """Patients per centre (horizontal bars, largest first), labelled 'FR-086 (12)'."""

    default_file_name = "centres"
    ROW_PIXELS = 18
    """Height per centre: the widget grows with the centres so labels never overlap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centres_plot")
        self.setAccessibleName(self.tr("Patients per centre"))
        self.axes: Axes | None = None
        self._given_minimum: int | None = None  # the caller's minimum height, once we grew it
        self.clear(self.tr("No centre is registered yet."))

    def _fit_rows(self, rows: int) -> None:
        """Grow past the minimum height the caller gave when the centres need it; back after."""
        given = self.minimumHeight() if self._given_minimum is None else self._given_minimum
        needed = min(120 + self.ROW_PIXELS * rows, 4000)
        if needed > given:
            self._given_minimum = given
            self.setMinimumHeight(needed)
        elif self._given_minimum is not None:
            self.setMinimumHeight(self._given_minimum)
            self._given_minimum = None

    def set_counts(self, counts: Sequence[tuple[str, int]]) -> None:
        """Draw one bar per (centre code, patients), the largest first (ties by code)."""
        if not counts:
            self.clear(self.tr("No centre is registered yet."))
            return
        self._begin()
        ordered = sorted(counts, key=lambda item: (-item[1], item[0]))
        labels = [
            self.tr("%1 (%2)").replace("%1", code).replace("%2", number(n)) for code, n in ordered
        ]
        with plot_style():
            axes = self.figure.add_subplot()
            self.figure.suptitle(self.tr("Patients per centre"))
            positions = list(range(len(ordered)))
            axes.barh(positions, [n for _code, n in ordered], color=OKABE_ITO[0], height=0.7)
            axes.set_yticks(positions, labels)
            axes.invert_yaxis()  # largest on top
            axes.set_xlabel(self.tr("Patients"))
            count_axis(axes.xaxis)
            axes.grid(axis="x", color="0.92")
            axes.set_axisbelow(True)
        self.axes = axes
        self._fit_rows(len(ordered))
        total = sum(n for _code, n in ordered)
        self._drawn(
            self.tr("Patients per centre, %1 in all: %2.")
            .replace("%1", number(total))
            .replace("%2", "; ".join(labels))
        )
