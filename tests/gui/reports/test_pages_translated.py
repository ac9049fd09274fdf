"""The dashboard's pages in another language: every heading, caption, note, column heading and
option goes through the translator, and every reason a patient was not counted is the
interface's, never the service's English.

A pseudo-translation (``tests/gui/review/pseudo.py``) wraps whatever Qt translates in ⟦ ⟧. The
report is built by the report's own functions over cases entered through the case service
(``tests/services/reports/test_listing.py``), so it has real left-outs and exclusions. What
may stay unwrapped is data: numbers, and the form definition's code labels (the definition is
English, like the validation messages).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui.reports.endpoint_pages import EndpointsPage, SurvivalPage
from cmlentry.gui.reports.registry_pages import OverviewPage, PatientsPage, TreatmentPage
from cmlentry.gui.reports.report_options import ReportOptionsBar
from cmlentry.gui.reports.report_page import ReportPage
from cmlentry.gui.reports.report_table import ReportTable
from cmlentry.services.reports.exclusions import Exclusion
from cmlentry.services.reports.registry_report import RegistryReport
from cmlentry.services.reports.table_facts import LeftOutReason
from tests.gui.review.pseudo import PseudoTranslator, pseudo, wrapped
from tests.services.reports.test_listing import build_report, make_central

__all__ = ["pseudo"]  # the fixture, used by name

DATA = re.compile(r"^[\d\s.,%()–\-:]*$")  # numbers, percentages, ranges, times


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> RegistryReport:
    return build_report(make_central(tmp_path_factory.mktemp("central"), cases=12))


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).strip()


def _pages(parent: QWidget) -> list[ReportPage]:
    return [
        OverviewPage(parent),
        PatientsPage(parent),
        TreatmentPage(parent),
        EndpointsPage(parent),
        SurvivalPage(parent),
    ]


def test_every_text_of_every_page_is_translated(
    qtbot: QtBot, pseudo: PseudoTranslator, report: RegistryReport
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    pages = _pages(holder)
    for page in pages:
        page.set_report(report)
        assert wrapped(page.title), page.title
        for label in page.findChildren(QLabel):
            text = _plain(label.text())
            if text and not DATA.match(text):
                assert wrapped(text), f"{type(page).__name__}: {text!r}"
        for table in page.findChildren(ReportTable):
            assert wrapped(table.title)
            model = table.model
            for column in range(model.columnCount()):
                heading = model.headerData(column, Qt.Orientation.Horizontal)
                assert not heading or wrapped(heading) or DATA.match(heading) or "FR" in heading


def test_reasons_not_counted_are_the_interfaces_words(
    qtbot: QtBot, pseudo: PseudoTranslator, report: RegistryReport
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    notes = " ".join(
        table.note.text()
        for page in _pages(holder)
        for table in page.findChildren(ReportTable)
        if page.set_report(report) is None
    )
    english = [r.label for r in LeftOutReason] + [e.label for e in Exclusion]
    shown = [label for label in english if label in notes]
    assert shown, "the report has patients not counted, and the notes say why"
    for label in shown:
        assert f"⟦{label}⟧" in notes, label  # asked of the translator, not the service's text


def test_the_options_offered_are_translated(qtbot: QtBot, pseudo: PseudoTranslator) -> None:
    bar = ReportOptionsBar()
    qtbot.addWidget(bar)
    for combo in bar.findChildren(QComboBox):
        for index in range(combo.count()):
            text = combo.itemText(index)
            if combo is not bar.centre or index == 0:  # centre codes are data
                assert wrapped(text), text
    assert wrapped(bar.censor.text())


def test_the_plots_texts_are_translated(
    qtbot: QtBot, pseudo: PseudoTranslator, report: RegistryReport, tmp_path: Path
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    survival = SurvivalPage(holder)
    survival.set_report(report)
    axes = survival.curve.figure.axes[0]
    assert wrapped(axes.get_ylabel()) and wrapped(axes.get_xlabel())
    overview = OverviewPage(holder)
    overview.set_report(report)
    labels = [a.get_ylabel() for a in overview.registrations.figure.axes if a.get_ylabel()]
    assert labels and all(wrapped(text) for text in labels)
