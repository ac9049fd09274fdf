"""The dashboard's pages on the registry's patients: the overview (headline figures,
registrations over time, patients per centre), who the patients are (the registry letter's
sex, age, prospective studies and Tab. 1), and their imatinib treatment and the decision after
failure."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from cmlentry.gui.reports.plots import CentresPlot, RegistrationsPlot
from cmlentry.gui.reports.report_page import (
    ReportPage,
    Tile,
    distribution_text,
    figures,
    landmark_text,
    not_counted_note,
    options_caption,
    percent,
    share_text,
    split_headings,
    split_rows,
    tile_grid,
)
from cmlentry.gui.reports.report_table import DASH, Percent, ReportTable, TableCell, cell_text
from cmlentry.services.reports.abstract import Proportion
from cmlentry.services.reports.registry_report import RegistryReport
from cmlentry.services.reports.tables import CodeSplit, DoseTable

PLOT_HEIGHT = 340


def _row(split: CodeSplit, code: str) -> Proportion:
    found = next((r.of_all for r in split.rows if r.code == code), None)
    return found or Proportion(0, split.patients)


class OverviewPage(ReportPage):
    """The registry at a glance: the figures people ask for first, then two pictures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Overview"), parent)
        self.patients = Tile(self.tr("patients counted"), self)
        self.centres = Tile(self.tr("centres with patients"), self)
        self.age = Tile(self.tr("median age at diagnosis, years (range)"), self)
        self.women = Tile(self.tr("women"), self)
        self.never_in_study = Tile(self.tr("never in a prospective study"), self)
        self.pfs = [Tile("", self), Tile("", self)]
        self.follow_up = Tile(self.tr("patients with a PFS time"), self)
        holder = QWidget(self)
        holder.setLayout(
            tile_grid(
                [
                    self.patients,
                    self.centres,
                    self.age,
                    self.women,
                    self.never_in_study,
                    *self.pfs,
                    self.follow_up,
                ]
            )
        )
        self.add(holder)
        self.registrations = RegistrationsPlot(self)
        self.registrations.setMinimumHeight(PLOT_HEIGHT)
        self.add(self.registrations)
        self.registrations_note = self.add(QLabel(self))
        self.registrations_note.setTextFormat(Qt.TextFormat.PlainText)
        self.registrations_note.setWordWrap(True)
        self.per_centre = CentresPlot(self)
        self.per_centre.setMinimumHeight(PLOT_HEIGHT - 60)
        self.add(self.per_centre)
        self.centre_table = ReportTable(self.tr("Centres"), self)
        self.add(self.centre_table)
        self.finish()

    def set_report(self, report: RegistryReport) -> None:
        tables, ends = report.tables, report.endpoints
        self.set_caption(
            self.tr("Made at %1 (UTC) from %2 · form definition %3.")
            .replace("%1", report.generated_at.replace("T", " ")[:19])
            .replace("%2", report.source)
            .replace("%3", report.definition)
            + (
                " "
                + self.tr(
                    "%n case(s) the registry holds have no accepted version and are not counted.",
                    "",
                    report.not_accepted,
                )
                if report.not_accepted
                else ""
            )
            + " "
            + options_caption(report.options)
        )
        self.patients.set_value(cell_text(report.patients))
        with_patients = [c for c in report.centres if c.patients]
        countries = {c.country for c in with_patients}
        self.centres.set_value(
            cell_text(len(with_patients)),
            self.tr("%n country(ies)", "", len(countries)),
        )
        self.age.set_value(distribution_text(tables.age_at_diagnosis.years))
        self.women.set_value(
            cell_text(percent(_row(tables.sex, "F"))), share_text(_row(tables.sex, "F"))
        )
        never = _row(tables.prospective_study, "N")
        self.never_in_study.set_value(cell_text(percent(never)), share_text(never))
        marks = ends.pfs.landmarks
        for tile, landmark in zip(self.pfs, report.options.landmark_months, strict=False):
            months = QLocale().toString(landmark)
            mark = next((m for m in marks if m.time == landmark), None)
            if mark is None:
                caption = self.tr("PFS at %1 months")
            elif mark.beyond_follow_up:
                caption = self.tr("PFS at %1 months: beyond the longest follow-up, carried forward")
            else:
                caption = (
                    self.tr("PFS at %1 months, 95 % CI %2–%3")
                    .replace("%2", QLocale().toString(100 * mark.lower, "f", 1))
                    .replace("%3", cell_text(Percent(100 * mark.upper)))
                )
            tile.set_caption(caption.replace("%1", months))
            tile.set_value(
                cell_text(Percent(100 * mark.survival)) if mark else DASH,
                landmark_text(mark) if mark else self.tr("no patient with a PFS time"),
            )
        curve = ends.pfs.curve
        self.follow_up.set_value(
            cell_text(curve.subjects if curve else 0),
            self.tr("%n event(s)", "", curve.events if curve else 0),
        )
        registrations = tables.registrations
        if registrations.months:
            self.registrations.set_months(registrations.months)
        else:
            self.registrations.clear(self.tr("No patient has a month of registration yet."))
        notes = [
            self.tr(
                "%n patient(s) without a usable date of registration are counted in the month "
                "the registry first received them.",
                "",
                registrations.on_receipt,
            )
            if registrations.on_receipt
            else "",
            not_counted_note(registrations.left_out),
        ]
        self.registrations_note.setText(" ".join(n for n in notes if n))
        self.registrations_note.setVisible(any(notes))
        counts = [(c.code, c.patients) for c in report.centres]
        if any(n for _code, n in counts):
            self.per_centre.set_counts(counts)
        else:
            self.per_centre.clear(self.tr("No centre has sent an accepted case yet."))
        self.centre_table.set_rows(
            (self.tr("Centre"), self.tr("Country"), self.tr("Name"), self.tr("Patients")),
            [(c.code, c.country, c.name, c.patients) for c in report.centres],
        )


class PatientsPage(ReportPage):
    """Who the registry's patients are: the registry letter's figures and its Tab. 1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Patients"), parent)
        self.sex = self.add(ReportTable(self.tr("Sex"), self))
        self.age = self.add(ReportTable(self.tr("Age at diagnosis (years)"), self))
        self.study = self.add(
            ReportTable(self.tr("Ever included in a prospective study (N: never)"), self)
        )
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("reasons_grouping")
        self.grouping.addItem(self.tr("all centres together"), "overall")
        self.grouping.addItem(self.tr("by country"), "country")
        self.grouping.addItem(self.tr("by centre"), "centre")
        row = QWidget(self)
        form = QFormLayout(row)
        form.setContentsMargins(0, 6, 0, 0)
        form.addRow(self.tr("Reasons for registration sho&wn:"), self.grouping)
        self.add(row)
        self.reasons = self.add(ReportTable(self.tr("Reasons for registration (Tab. 1)"), self))
        self.finish()
        self._report: RegistryReport | None = None
        self.grouping.currentIndexChanged.connect(self._show_reasons)

    def set_report(self, report: RegistryReport) -> None:
        self._report = report
        tables = report.tables
        self.sex.set_rows(
            split_headings(), split_rows(tables.sex), not_counted_note(tables.sex.left_out)
        )
        age = tables.age_at_diagnosis
        self.age.set_rows(
            (self.tr("Patients"), self.tr("Median"), self.tr("Min"), self.tr("Max")),
            [(age.years.patients, *figures(age.years))],
            " ".join(
                text
                for text in (
                    self.tr(
                        "%n patient(s) with an age known only to within a year: the youngest "
                        "possible age is counted.",
                        "",
                        age.uncertain,
                    )
                    if age.uncertain
                    else "",
                    not_counted_note(age.left_out),
                )
                if text
            ),
        )
        study = tables.prospective_study
        self.study.set_rows(split_headings(), split_rows(study), not_counted_note(study.left_out))
        self._show_reasons()

    def _show_reasons(self) -> None:
        report = self._report
        if report is None:
            return
        reasons = report.tables.reasons
        how = self.grouping.currentData()
        groups = {"country": reasons.by_country, "centre": reasons.by_centre}.get(how, ())
        headings: list[str] = [self.tr("Reason"), self.tr("All n"), self.tr("All %")]
        for key, _split in groups:
            headings += [self.tr("%1 n").replace("%1", key), self.tr("%1 %").replace("%1", key)]
        rows: list[tuple[TableCell, ...]] = []
        for row in reasons.overall.rows:
            cells: list[TableCell] = [row.label, row.of_all.count, percent(row.of_all)]
            for _key, split in groups:
                share = _row(split, row.code)
                cells += [share.count, percent(share)]
            rows.append(tuple(cells))
        total: list[TableCell] = [self.tr("Patients"), reasons.overall.patients, None]
        for _key, split in groups:
            total += [split.patients, None]
        rows.append(tuple(total))
        note = self.tr(
            "Percentages are of all the patients of each column, as in the registry letter's "
            "Tab. 1."
        )
        left_out = not_counted_note(reasons.overall.left_out)
        self.reasons.set_rows(headings, rows, f"{note} {left_out}".strip())


class TreatmentPage(ReportPage):
    """Imatinib until failure, and what was decided after it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Imatinib and decision"), parent)
        self.doses = ReportTable(self.tr("Imatinib until failure"), self)
        self.start_doses = ReportTable(self.tr("Start dose"), self)
        self.highest_doses = ReportTable(self.tr("Highest dose"), self)
        self.decision = ReportTable(self.tr("Decision after failure"), self)
        for table in (self.doses, self.start_doses, self.highest_doses, self.decision):
            self.add(table)
        self.finish()

    def set_report(self, report: RegistryReport) -> None:
        imatinib = report.tables.imatinib
        rows: list[tuple[TableCell, ...]] = [
            (name, d.patients, *figures(d))
            for name, d in (
                (self.tr("Start dose (mg/day)"), imatinib.start_dose.mg),
                (self.tr("Highest dose (mg/day)"), imatinib.highest_dose.mg),
                (self.tr("Duration until failure (months)"), imatinib.duration_months),
            )
        ]
        notes = [
            self.tr("Dose escalated above the start dose: %1.").replace(
                "%1", share_text(imatinib.escalated)
            )
        ]
        if imatinib.until_stop:
            notes.append(
                self.tr(
                    "%n duration(s) end at the stop of imatinib: no failure date was entered.",
                    "",
                    imatinib.until_stop,
                )
            )
        notes.append(not_counted_note(imatinib.duration_left_out))
        self.doses.set_rows(
            ("", self.tr("Patients"), self.tr("Median"), self.tr("Min"), self.tr("Max")),
            rows,
            " ".join(n for n in notes if n),
        )
        self._dose_split(self.start_doses, imatinib.start_dose)
        self._dose_split(self.highest_doses, imatinib.highest_dose)
        decision = report.tables.decision
        self.decision.set_rows(
            split_headings(), split_rows(decision), not_counted_note(decision.left_out)
        )

    def _dose_split(self, table: ReportTable, doses: DoseTable) -> None:
        table.set_rows(
            (self.tr("mg/day"), self.tr("Patients"), self.tr("% of those with a dose")),
            [(mg, share.count, percent(share)) for mg, share in doses.by_dose],
            not_counted_note(doses.left_out),
        )
