"""The dashboard's pages on the trial abstract's end points: responses and toxicity, and
progression-free survival (the Kaplan–Meier curve with its band, PFS at the landmarks, the
curves by Sokal group and their log-rank test). The options the survival figures were made with
are printed above them, as the issue asks: a PFS figure without its event set and interval
type cannot be compared with anything."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from cmlentry.domain.clinical import Risk
from cmlentry.gui.reports.report_page import (
    ReportPage,
    excluded_note,
    options_caption,
    percent,
)
from cmlentry.gui.reports.report_table import Percent, ReportTable, TableCell
from cmlentry.gui.reports.report_words import (
    cytogenetic_words,
    cytopenia_words,
    origin_words,
    risk_words,
)
from cmlentry.gui.reports.survival_plot import SurvivalPlot
from cmlentry.services.reports.abstract import Proportion
from cmlentry.services.reports.registry_report import RegistryReport

PLOT_HEIGHT = 420


class EndpointsPage(ReportPage):
    """Responses, cytopenias and interruptions, each over its own denominator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Responses and toxicity"), parent)
        self.responses = self.add(ReportTable(self.tr("Complete haematologic response"), self))
        self.cytogenetics = self.add(
            ReportTable(self.tr("Cytogenetic response at 12 months"), self)
        )
        self.cytopenias = self.add(ReportTable(self.tr("Grade III–IV cytopenias (CTCAE)"), self))
        self.interruptions = self.add(ReportTable(self.tr("Interruptions for toxicity"), self))
        self.finish()

    def _headings(self) -> tuple[str, ...]:
        return ("", self.tr("Patients"), self.tr("Of"), self.tr("%"))

    def set_report(self, report: RegistryReport) -> None:
        ends = report.endpoints

        def row(label: str, part: Proportion) -> tuple[TableCell, ...]:
            return (label, part.count, part.total, percent(part))

        self.responses.set_rows(
            self._headings(),
            [row(self.tr("CHR at any time on imatinib"), ends.chr_any_time)],
            excluded_note(self.tr("CHR"), ends.chr_excluded),
        )
        self.cytogenetics.set_rows(
            self._headings(),
            [row(cytogenetic_words(c), p) for c, p in ends.cytogenetic_12_months],
            " ".join(
                text
                for text in (
                    self.tr(
                        "Of the patients with a category 11 to 13.5 months after the start "
                        "of imatinib."
                    ),
                    excluded_note(self.tr("Cytogenetics"), ends.cytogenetic_excluded),
                )
                if text
            ),
        )
        self.cytopenias.set_rows(
            self._headings(),
            [row(cytopenia_words(term), p) for term, p in ends.severe_cytopenias],
            self.tr("Of all the patients: the registry's toxicity form is the only source."),
        )
        stops = ends.interruptions
        self.interruptions.set_rows(
            (
                self.tr("Patients interrupted"),
                self.tr("Median weeks"),
                self.tr("Min"),
                self.tr("Max"),
            ),
            [(stops.patients, stops.median_weeks, stops.min_weeks, stops.max_weeks)],
            excluded_note(self.tr("Interruptions"), stops.excluded),
        )


class SurvivalPage(ReportPage):
    """Kaplan–Meier progression-free survival, overall and by Sokal group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Progression-free survival"), parent)
        self.curve = self.add(SurvivalPlot(self))
        self.curve.setMinimumHeight(PLOT_HEIGHT)
        self.landmarks = self.add(ReportTable(self.tr("PFS at the landmarks"), self))
        self.by_sokal = self.add(SurvivalPlot(self))
        self.by_sokal.setMinimumHeight(PLOT_HEIGHT)
        for risk in Risk:  # each group keeps its colour whichever groups have patients
            self.by_sokal.colour_of(risk_words(risk))
        self.logrank = self.add(ReportTable(self.tr("By Sokal group: log-rank test"), self))
        self.finish()

    def set_report(self, report: RegistryReport) -> None:
        pfs = report.endpoints.pfs
        caption = options_caption(report.options)
        self.set_caption(caption)
        locale = QLocale()
        if pfs.curve is None:
            self.curve.clear(self.tr("No patient has a progression-free survival time yet."))
        else:
            self.curve.set_curves(
                [(self.tr("All patients"), pfs.curve)],
                title=self.tr("Progression-free survival"),
                caption=caption,
                band=True,
                landmarks=report.options.landmark_months,
                origin=origin_words(report.options.origin),
            )
        rows: list[tuple[TableCell, ...]] = [
            (
                locale.toString(mark.time),
                Percent(100 * mark.survival),
                Percent(100 * mark.lower),
                Percent(100 * mark.upper),
                mark.at_risk,
                self.tr("yes: carried forward") if mark.beyond_follow_up else self.tr("no"),
            )
            for mark in pfs.landmarks
        ]
        notes = []
        if pfs.curve is not None:
            median = pfs.curve.median
            notes.append(
                self.tr("%1 patients, %2 events; median PFS %3.")
                .replace("%1", locale.toString(pfs.curve.subjects))
                .replace("%2", locale.toString(pfs.curve.events))
                .replace(
                    "%3",
                    self.tr("not reached")
                    if median is None
                    else self.tr("%1 months").replace("%1", locale.toString(median, "f", 1)),
                )
            )
        notes.append(excluded_note(self.tr("PFS"), pfs.excluded))
        self.landmarks.set_rows(
            (
                self.tr("Months"),
                self.tr("PFS"),
                self.tr("Lower 95 %"),
                self.tr("Upper 95 %"),
                self.tr("Still followed"),
                self.tr("Beyond follow-up"),
            ),
            rows,
            " ".join(n for n in notes if n),
        )
        if len(pfs.by_sokal) == 0:
            self.by_sokal.clear(self.tr("No patient has both a Sokal group and a PFS time."))
        else:
            self.by_sokal.set_curves(
                [(risk_words(risk), curve) for risk, curve in pfs.by_sokal],
                title=self.tr("Progression-free survival by Sokal group"),
                caption=caption,
                band=False,
                landmarks=report.options.landmark_months,
                origin=origin_words(report.options.origin),
            )
        test = pfs.sokal_logrank
        group_rows: list[tuple[TableCell, ...]] = [
            (risk_words(risk), curve.subjects, curve.events) for risk, curve in pfs.by_sokal
        ]
        if test is None:
            verdict = self.tr("No log-rank test: fewer than two Sokal groups have patients.")
        else:
            verdict = (
                self.tr("χ² = %1, df = %2, p = %3.")
                .replace("%1", locale.toString(test.chi2, "f", 2))
                .replace("%2", locale.toString(test.df))
                .replace(
                    "%3",
                    locale.toString(test.p, "f", 4)
                    if test.p >= 0.0001
                    else "< " + locale.toString(0.0001, "f", 4),
                )
            )
        self.logrank.set_rows(
            (self.tr("Sokal group"), self.tr("Patients"), self.tr("Events")),
            group_rows,
            " ".join(
                n for n in (verdict, excluded_note(self.tr("Sokal group"), pfs.sokal_excluded)) if n
            ),
        )
