"""The query marker beside an answer that has queries: how many, and in which state.

The marker reads "? 2" on amber for open queries (the site must answer), "↩ 1" on blue for
answered ones (waiting for whoever raised them to close them), "— 3" in grey when every query of
the answer is closed or cancelled. Each state has its own sign, so colour is never the only cue;
the tooltip says it in words. Clicking it shows the queries panel on the answer's first query.

The words of query states are in :mod:`.query_words`.

A table cell has no room for buttons: :func:`cell_icon` paints the tick and the marker side by
side as the cell's decoration.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from cmlentry.gui.editor.query_words import describe_states
from cmlentry.gui.editor.review_marks import AnswerMarks
from cmlentry.gui.editor.sdv_mark import describe_verification, paint_tick
from cmlentry.services.queries import ANSWERED, OPEN

# state: (sign, text colour, background)
_LOOK: dict[str, tuple[str, str, str]] = {
    OPEN: ("?", "#ffffff", "#c2410c"),
    ANSWERED: ("↩", "#ffffff", "#1d4ed8"),
    "closed": ("—", "#374151", "#e5e7eb"),
}


def marker_text(marks: AnswerMarks) -> str:
    """The marker's text ("? 2"): the sign of the state that matters most and its count."""
    state = marks.query_state
    if state is None:
        return ""
    if state in (OPEN, ANSWERED):
        count = sum(1 for q in marks.queries if q.state == state)
    else:
        count = len(marks.queries)
    return f"{_LOOK[state][0]} {count}"


def describe_queries(marks: AnswerMarks) -> str:
    """The queries in words ("Queries: 2 open, 1 answered."); "" when there are none."""
    return describe_states([query.state for query in marks.queries])


class QueryMark(QToolButton):
    """The marker of one answer's queries; emits ``clicked`` to show them."""

    def __init__(self, item_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = item_label
        self.setAutoRaise(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel and the context menu reach them
        self.setVisible(False)

    def show_marks(self, marks: AnswerMarks) -> None:
        state = marks.query_state
        self.setVisible(state is not None)
        if state is None:
            return
        _sign, colour, background = _LOOK[state]
        self.setText(marker_text(marks))
        self.setStyleSheet(
            f"QToolButton {{ color: {colour}; background: {background}; border-radius: 6px;"
            " padding: 0 5px; font-weight: bold; }"
        )
        words = describe_queries(marks)
        self.setToolTip(self.tr("%1 Click to show them.").replace("%1", words))
        self.setAccessibleName(self.tr("Queries on %1").replace("%1", self._label))
        self.setAccessibleDescription(words)


def cell_icon(marks: AnswerMarks, height: int = 16) -> QIcon | None:
    """The tick and the query marker of a table cell, side by side; None when it has neither."""
    state = marks.query_state
    if not marks.verified and state is None:
        return None
    text = marker_text(marks)
    font = QFont()
    font.setPixelSize(max(8, height - 5))
    font.setBold(True)
    badge_width = 0
    if state is not None:
        pixmap = QPixmap(1, 1)
        probe = QPainter(pixmap)
        probe.setFont(font)
        badge_width = probe.fontMetrics().horizontalAdvance(text) + 8
        probe.end()
    tick_width = height if marks.verified else 0
    gap = 2 if tick_width and badge_width else 0
    canvas = QPixmap(tick_width + gap + badge_width, height)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if tick_width:
        paint_tick(painter, QRectF(0, 0, height, height), True)
    if state is not None:
        _sign, colour, background = _LOOK[state]
        box = QRectF(tick_width + gap, 1, badge_width, height - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(QColor(colour))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(canvas)


def cell_tooltip(marks: AnswerMarks) -> str:
    """What a cell's tooltip adds about its mark and its queries."""
    lines = []
    if marks.verified:
        lines.append(describe_verification(marks.verification))
    queries = describe_queries(marks)
    if queries:
        lines.append(queries)
    return "\n".join(lines)
