"""The dashboard's Kaplan–Meier picture: each curve's steps, its 95 % band, censoring ticks on
the curve, dashed guides at the landmarks with Ŝ written beside them, and the numbers at risk
in a table under the time axis (:class:`SurvivalPlot`). The figures come from
:class:`~cmlentry.domain.survival.KmCurve`; nothing is estimated here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator
from matplotlib.transforms import offset_copy
from PySide6.QtWidgets import QWidget

from cmlentry.domain.survival import KmCurve, landmark
from cmlentry.gui.reports.plot_canvas import (
    OKABE_ITO,
    PlotWidget,
    number,
    percent,
    plot_style,
)

__all__ = ["SurvivalPlot", "at_risk_ticks", "step_corners"]


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
