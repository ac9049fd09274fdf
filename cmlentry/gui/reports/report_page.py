"""What every page of the dashboard shares: a scrolling column, headline tiles, and the notes
that say who was not counted.

A page is built once and shown again with each new report (:meth:`ReportPage.set_report`).
Nothing on a page is computed here: the figures are the service's
(:class:`~cmlentry.services.reports.registry_report.RegistryReport`); a page only lays them out
and words them in the interface's language.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from cmlentry.domain.survival import Landmark
from cmlentry.gui.reports.report_table import DASH, Percent, TableCell, cell_text
from cmlentry.gui.reports.report_words import (
    ci_words,
    event_set_words,
    exclusion_words,
    left_out_words,
    origin_words,
)
from cmlentry.services.reports.abstract import ExclusionCount, Proportion
from cmlentry.services.reports.registry_report import RegistryReport, ReportOptions
from cmlentry.services.reports.table_facts import LeftOut
from cmlentry.services.reports.tables import CodeSplit, Distribution

W = TypeVar("W", bound=QWidget)


def percent(part: Proportion) -> Percent:
    return Percent(part.percent)


def share_text(part: Proportion) -> str:
    """ "12 of 48 (25.0 %)"; "none to count" when there is no denominator."""
    if not part.total:
        return QCoreApplication.translate("ReportPage", "none to count")
    return (
        QCoreApplication.translate("ReportPage", "%1 of %2 (%3)")
        .replace("%1", cell_text(part.count))
        .replace("%2", cell_text(part.total))
        .replace("%3", cell_text(percent(part)))
    )


def figures(values: Distribution) -> tuple[float | None, float | None, float | None]:
    """Median, minimum and maximum as numbers with a decimal: a median of 58 is shown "58.0"
    beside one of 58.5, never "58"."""

    def number(value: float | None) -> float | None:
        return None if value is None else float(value)

    return number(values.median), number(values.minimum), number(values.maximum)


def distribution_text(values: Distribution) -> str:
    """The median and range, "58.0 (12.0–80.0)"; a dash when no patient has a value."""
    median, low, high = figures(values)
    if median is None or low is None or high is None:
        return DASH
    return (
        QCoreApplication.translate("ReportPage", "%1 (%2–%3)")
        .replace("%1", cell_text(median))
        .replace("%2", cell_text(low))
        .replace("%3", cell_text(high))
    )


def landmark_text(mark: Landmark) -> str:
    """ "78.5 % (65.2–91.8 %)", said to be carried forward past the longest follow-up."""
    text = (
        QCoreApplication.translate("ReportPage", "%1 (%2–%3)")
        .replace("%1", cell_text(Percent(100 * mark.survival)))
        .replace("%2", QLocale().toString(100 * mark.lower, "f", 1))
        .replace("%3", cell_text(Percent(100 * mark.upper)))
    )
    if mark.beyond_follow_up:
        text += " " + QCoreApplication.translate("ReportPage", "(beyond the longest follow-up)")
    return text


def options_caption(options: ReportOptions) -> str:
    """The options every survival figure is printed with."""
    text = (
        QCoreApplication.translate("ReportPage", "Events: %1. Time from: %2. 95 % CI: %3.")
        .replace("%1", event_set_words(options.event_set))
        .replace("%2", origin_words(options.origin))
        .replace("%3", ci_words(options.ci))
    )
    if options.censor_at_transplant:
        text += " " + QCoreApplication.translate("ReportPage", "Censored at allogeneic transplant.")
    return text


def not_counted_note(left_out: Iterable[LeftOut]) -> str:
    """ "Not counted: 3 — sex not entered." (nothing when everyone was counted)."""
    parts = [
        f"{cell_text(len(x.registry_ids))} — {left_out_words(x.reason)}"
        for x in left_out
        if x.registry_ids
    ]
    return (
        QCoreApplication.translate("ReportPage", "Not counted: %1.").replace("%1", "; ".join(parts))
        if parts
        else ""
    )


def excluded_note(what: str, excluded: Iterable[ExclusionCount]) -> str:
    """ "PFS: left out 2 — no usable date for the origin." (nothing when nobody was)."""
    parts = [f"{cell_text(x.count)} — {exclusion_words(x.reason)}" for x in excluded if x.count]
    if not parts:
        return ""
    return (
        QCoreApplication.translate("ReportPage", "%1: left out %2.")
        .replace("%1", what)
        .replace("%2", "; ".join(parts))
    )


def split_rows(split: CodeSplit) -> list[tuple[TableCell, ...]]:
    """A coded table's rows: answer, patients, % of all, % of those who answered."""
    return [
        (row.label, row.of_all.count, percent(row.of_all), percent(row.of_answered))
        for row in split.rows
    ]


def split_headings() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("ReportPage", "Answer"),
        QCoreApplication.translate("ReportPage", "Patients"),
        QCoreApplication.translate("ReportPage", "% of all"),
        QCoreApplication.translate("ReportPage", "% with an answer"),
    )


class Tile(QFrame):
    """A headline figure: the number large, what it is below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel(DASH, self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(caption, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_caption(self, caption: str) -> None:
        self.caption.setText(caption)
        self.setAccessibleName(caption)

    def set_value(self, text: str, detail: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(detail)
        self.setAccessibleDescription(f"{text}. {detail}".strip())


def tile_grid(tiles: Sequence[Tile], columns: int = 4) -> QGridLayout:
    grid = QGridLayout()
    for number, tile in enumerate(tiles):
        grid.addWidget(tile, number // columns, number % columns)
    return grid


class ReportPage(QScrollArea):
    """One page of the dashboard: a heading and a column of tables and pictures."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.column = QVBoxLayout(body)
        heading = QLabel(f"<h2>{html.escape(title)}</h2>", body)
        self.column.addWidget(heading)
        self.caption = QLabel(body)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # it carries data: paths, labels
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setVisible(False)
        self.column.addWidget(self.caption)
        self.setWidget(body)

    def add(self, widget: W, stretch: int = 0) -> W:
        self.column.addWidget(widget, stretch)
        return widget

    def finish(self) -> None:
        """Keep the content at the top when it is shorter than the page."""
        self.column.addStretch(1)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def set_report(self, report: RegistryReport) -> None:
        raise NotImplementedError
