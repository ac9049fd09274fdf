"""The "verified against source" tick beside a saved answer (source-data verification, SDV).

A verified answer shows a green disc with a white tick; to the principal investigator an answer
not yet verified shows an empty grey ring that verifies it when clicked (Ctrl+Shift+V on the
focused field does the same). Everyone else sees the tick only where an answer is verified,
read-only, with who verified it and when in its tooltip. The two marks differ in shape (a filled
disc with a tick, an empty ring), not only in colour.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from cmlentry.gui.editor.review_marks import AnswerMarks, local_moment
from cmlentry.services.review import Verification

VERIFIED_COLOUR = QColor("#15803d")
UNVERIFIED_COLOUR = QColor("#9ca3af")
SHORTCUT = "Ctrl+Shift+V"
"""The key that marks the focused answer verified (portable text, for ``QKeySequence``)."""


def shortcut_text() -> str:
    """:data:`SHORTCUT` as the system writes it ("Ctrl+Maj+V" in French, "⇧⌘V" on a Mac)."""
    return QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)


def paint_tick(painter: QPainter, box: QRectF, verified: bool) -> None:
    """A verified mark (disc with a tick) or a mark to set (empty ring) in ``box``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(box.width(), box.height())
    disc = QRectF(0, 0, side - 2, side - 2)
    disc.moveCenter(box.center())
    if verified:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(VERIFIED_COLOUR)
        painter.drawEllipse(disc)
        tick = QPainterPath(QPointF(disc.left() + side * 0.25, disc.center().y()))
        tick.lineTo(QPointF(disc.left() + side * 0.42, disc.bottom() - side * 0.28))
        tick.lineTo(QPointF(disc.right() - side * 0.22, disc.top() + side * 0.28))
        painter.setPen(QPen(QColor("white"), max(1.5, side / 8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    else:
        painter.setPen(QPen(UNVERIFIED_COLOUR, max(1.0, side / 12)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(disc)
    painter.restore()


@cache
def tick_icon(verified: bool, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_tick(painter, QRectF(0, 0, size, size), verified)
    painter.end()
    return QIcon(pixmap)


class SdvMark(QToolButton):
    """The tick of one answer; :attr:`toggled_by_person` when the PI clicks it."""

    toggled_by_person = Signal(bool)
    """The PI asked to mark (True) or unmark (False) the answer as verified."""

    def __init__(self, item_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = item_label
        self._can_toggle = False
        self._verification: Verification | None = None
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Shift+V reaches it from the input
        self.setVisible(False)
        self.clicked.connect(self._on_self_clicked)

    @property
    def can_toggle(self) -> bool:
        """Whether a click changes the mark (the principal investigator, a saved answer)."""
        return self._can_toggle

    @property
    def verification(self) -> Verification | None:
        return self._verification

    def show_marks(self, marks: AnswerMarks, *, can_verify: bool) -> None:
        """Show the answer's mark; ``can_verify``: the signed-in user may set it."""
        self._verification = marks.verification
        self._can_toggle = can_verify and marks.verifiable
        verified = marks.verified
        self.setCheckable(self._can_toggle)
        if self._can_toggle:
            self.setChecked(verified)
        self.setIcon(tick_icon(verified))
        self.setVisible(self._can_toggle or verified)
        text = describe_verification(marks.verification)
        if self._can_toggle:
            action = (
                self.tr("Click to remove the mark (%1).")
                if verified
                else self.tr("Click to mark it verified against source (%1).")
            )
            text = f"{text} {action.replace('%1', shortcut_text())}"
        self.setToolTip(text)
        self.setAccessibleName(self.tr("Source verification of %1").replace("%1", self._label))
        self.setAccessibleDescription(text)

    def _on_self_clicked(self, checked: bool) -> None:
        if self._can_toggle:
            self.toggled_by_person.emit(checked)


def describe_verification(verification: Verification | None) -> str:
    """The mark in words: who verified the answer and when, or that nobody has."""
    if verification is None:
        return QCoreApplication.translate("SdvMark", "Not verified against source.")
    return (
        QCoreApplication.translate("SdvMark", "Verified against source by %1 on %2.")
        .replace("%1", verification.printed_name)
        .replace("%2", local_moment(verification.at_utc))
    )
