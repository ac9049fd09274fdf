"""The report's options, chosen above the dashboard: centres, event set, origin, CI type.

Every survival figure depends on them, so they stay in view above the pages and the pages
print them again beside each result. Changing one does not recompute at once (a report of
100,000 cases takes a minute or more): the dashboard says the figures are for other options
until the coordinator presses *Update report*.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QWidget

from cmlentry.domain.survival import CiType
from cmlentry.gui.reports.report_words import ci_words, event_set_words, origin_words
from cmlentry.services.reports.pfs import EventSet, Origin
from cmlentry.services.reports.registry_report import ReportOptions

ALL_CENTRES = ""
"""The centre choice that means every registered centre."""


class ReportOptionsBar(QWidget):
    """Two columns of choices; :meth:`options` gives the :class:`ReportOptions` they make."""

    changed = Signal()
    """The person changed an option."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_options")
        self.centre = QComboBox(self)
        self.centre.setObjectName("report_centre")
        self.centre.addItem(self.tr("All centres"), ALL_CENTRES)
        self.event_set = QComboBox(self)
        self.event_set.setObjectName("report_event_set")
        for event_set in EventSet:
            self.event_set.addItem(event_set_words(event_set), event_set.value)
        self.origin = QComboBox(self)
        self.origin.setObjectName("report_origin")
        for origin in Origin:
            self.origin.addItem(origin_words(origin), origin.value)
        self.ci = QComboBox(self)
        self.ci.setObjectName("report_ci")
        for ci in CiType:
            self.ci.addItem(ci_words(ci), ci.value)
        self.censor = QCheckBox(self.tr("Censor at allogeneic &transplant"), self)
        self.censor.setObjectName("report_censor")
        self.set_options(ReportOptions())

        left = QFormLayout()
        left.addRow(self.tr("&Centres:"), self.centre)
        left.addRow(self.tr("Events ending &PFS:"), self.event_set)
        right = QFormLayout()
        right.addRow(self.tr("Time &origin:"), self.origin)
        right.addRow(self.tr("95 % &interval:"), self.ci)
        right.addRow("", self.censor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        for combo in (self.centre, self.event_set, self.origin, self.ci):
            combo.currentIndexChanged.connect(self.changed)
        self.censor.toggled.connect(self.changed)

    def set_centres(self, codes: Iterable[str]) -> None:
        """Offer these centres (keeping the chosen one when it is still registered)."""
        chosen = self.centre.currentData()
        with QSignalBlocker(self.centre):
            while self.centre.count() > 1:
                self.centre.removeItem(1)
            for code in sorted(codes):
                self.centre.addItem(code, code)
            self.centre.setCurrentIndex(max(self.centre.findData(chosen), 0))
        if self.centre.currentData() != chosen:
            self.changed.emit()

    def options(self) -> ReportOptions:
        """The options as chosen now."""
        centre = self.centre.currentData() or ALL_CENTRES
        return ReportOptions(
            event_set=EventSet(self.event_set.currentData()),
            origin=Origin(self.origin.currentData()),
            censor_at_transplant=self.censor.isChecked(),
            ci=CiType(self.ci.currentData()),
            centres=(centre,) if centre else (),
        )

    def set_options(self, options: ReportOptions) -> None:
        """Show ``options`` (without announcing a change)."""
        widgets = (self.centre, self.event_set, self.origin, self.ci, self.censor)
        blockers = [QSignalBlocker(widget) for widget in widgets]
        try:
            centre = options.centres[0] if len(options.centres) == 1 else ALL_CENTRES
            self.centre.setCurrentIndex(max(self.centre.findData(centre), 0))
            self.event_set.setCurrentIndex(self.event_set.findData(options.event_set.value))
            self.origin.setCurrentIndex(self.origin.findData(options.origin.value))
            self.ci.setCurrentIndex(self.ci.findData(options.ci.value))
            self.censor.setChecked(options.censor_at_transplant)
        finally:
            for blocker in blockers:
                blocker.unblock()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.centre, self.event_set, self.origin, self.ci, self.censor):
            widget.setEnabled(enabled)
