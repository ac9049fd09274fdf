"""The coordinator dashboard's pictures: registrations over time and patients per centre (the
Kaplan–Meier curves are :mod:`~cmlentry.gui.reports.survival_plot`).

Each is a :class:`~cmlentry.gui.reports.plot_canvas.PlotWidget`: a matplotlib figure on a Qt
canvas with "Save picture…" and a summary for screen readers. Texts on the figures go through
``self.tr``; month names come from :class:`QLocale`, so a French interface reads "janv. 2003".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter
from PySide6.QtWidgets import QWidget

from cmlentry.gui.reports.plot_canvas import (
    OKABE_ITO,
    PlotWidget,
    count_axis,
    month_name,
    number,
    plot_style,
)
from cmlentry.services.reports.tables import MonthCount

__all__ = ["CentresPlot", "RegistrationsPlot"]

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
