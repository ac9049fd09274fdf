"""The case list over real cases of a temporary workspace, driven as a person would with qtbot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.case_list_widget import CaseListWidget
from cmlentry.gui.case_row import (
    STATUSES,
    Column,
    PercentRole,
    RecordRole,
    SearchRole,
    SortRole,
)
from cmlentry.services.cases import CaseService, CaseSummary, RowData
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.workspace import Workspace
from tests.conftest import FakeClock
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)
REASONS = installed_definitions().current.codelists["form_a_reason"]
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def rows(form: str, **changes: Entry) -> dict[str, list[RowData]]:
    """The answers of ``form`` in the complete example case; ``group__item=Entry`` changes one."""
    groups = {g: [RowData(None, dict(r)) for r in rs] for g, rs in deepcopy(COMPLETE[form]).items()}
    for key, entry in changes.items():
        group, item = key.split("__")
        groups[group][0].entries[item] = entry  # type: ignore[index]
    return groups


@dataclass
class Cases:
    """Five real cases in varied states; the attribute names say which is which."""

    service: CaseService
    patient_only: str  # 1 form complete, many errors, no reason; changed last
    complete: str  # every form complete: status complete, NO_MCYR
    empty: str  # just registered: every required answer missing
    relapse: str  # reason HAEM_RELAPSE, which the data do not support: 2 warnings, 3 forms
    warning: str  # platelets 1500 without an override: 1 warning, 1 form complete

    def summary(self, registry_id: str) -> CaseSummary:
        return next(c for c in self.service.list_cases() if c.registry_id == registry_id)


@pytest.fixture
def cases(admin_ws: Workspace, clock: FakeClock) -> Cases:
    service = CaseService(admin_ws, today=TODAY)

    def fill(registry_id: str, **changes: Entry) -> None:
        for form in COMPLETE:
            mine = {k.split("__", 1)[1]: v for k, v in changes.items() if k.startswith(form)}
            service.save_form(registry_id, form, rows(form, **mine))
            clock.advance(10)

    patient_only = service.create_case()
    service.save_form(patient_only, "patient", rows("patient"))
    service.mark_complete(patient_only, "patient")
    clock.advance(60)
    complete = service.create_case()
    fill(complete)
    for form in COMPLETE:
        service.mark_complete(complete, form)
        clock.advance(10)
    empty = service.create_case()
    clock.advance(60)
    relapse = service.create_case()
    fill(relapse, registration__registration__form_a_reason=Entry("HAEM_RELAPSE"))
    for form in ("patient", "prior_therapy", "toxicity"):
        service.mark_complete(relapse, form)
    clock.advance(60)
    warning = service.create_case()
    fill(warning, diagnosis__baseline__platelets=Entry("1500"))
    service.mark_complete(warning, "patient")
    clock.advance(60)
    service.save_form(patient_only, "prior_therapy", rows("prior_therapy"))
    return Cases(service, patient_only, complete, empty, relapse, warning)


@pytest.fixture
def widget(qtbot: QtBot, cases: Cases) -> CaseListWidget:
    shown = CaseListWidget(cases.service.list_cases, REASONS)
    qtbot.addWidget(shown)
    shown.resize(1100, 500)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def shown_ids(widget: CaseListWidget) -> list[str]:
    proxy = widget.proxy
    return [proxy.index(row, 0).data(RecordRole).registry_id for row in range(proxy.rowCount())]


def texts(widget: CaseListWidget, registry_id: str) -> list[str]:
    row = widget.model.row_of(registry_id)
    assert row is not None
    return [str(widget.model.index(row, column).data()) for column in Column]


def proxy_index(widget: CaseListWidget, registry_id: str, column: int = 0) -> QModelIndex:
    row = widget.model.row_of(registry_id)
    assert row is not None
    return widget.proxy.mapFromSource(widget.model.index(row, column))


# --- what is shown ------------------------------------------------------------------------------


def test_every_case_is_a_row_with_readable_columns(
    widget: CaseListWidget, cases: Cases, paris_time: None
) -> None:
    assert widget.model.rowCount() == widget.proxy.rowCount() == 5
    assert widget.count_label.text() == "5 of 5 cases"
    assert shown_ids(widget) == sorted(shown_ids(widget))  # registry ID order to start with
    headers = [widget.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "Registry ID",
        "Status",
        "Queries",
        "Reason for registration",
        "Last change",
        "Forms complete",
        "Open warnings",
        "Open errors",
    ]
    # Last marked complete at 09:03:50 UTC by the fake clock: 10:03 in Paris in November.
    assert texts(widget, cases.complete) == [
        cases.complete,
        "Complete",
        "",
        "No MCyR (after 12 months)",
        "2026-11-21 10:03",
        "9 / 9",
        "0",
        "0",
    ]
    assert texts(widget, cases.relapse)[1:] == [
        "Draft",
        "",
        "Haematological relapse",
        "2026-11-21 10:06",
        "3 / 9",
        "2",
        "0",
    ]
    empty = texts(widget, cases.empty)
    assert (empty[Column.REASON], empty[Column.COMPLETENESS], empty[Column.WARNINGS]) == (
        "",
        "0 / 9",
        "0",
    )
    assert int(empty[Column.ERRORS]) > 10  # every required answer still missing


def test_roles_for_records_sorting_searching_and_assistive_technology(
    widget: CaseListWidget, cases: Cases
) -> None:
    model = widget.model
    row = model.row_of(cases.relapse)
    assert row is not None

    def at(column: Column, role: int) -> Any:
        return model.index(row, column).data(role)

    assert at(Column.REGISTRY_ID, RecordRole) == cases.summary(cases.relapse)
    assert at(Column.COMPLETENESS, PercentRole) == pytest.approx(100 * 3 / 9)
    assert at(Column.COMPLETENESS, SortRole) == pytest.approx(100 * 3 / 9)
    assert at(Column.WARNINGS, SortRole) == 2
    assert at(Column.STATUS, SortRole) == STATUSES.index("draft")
    assert at(Column.UPDATED, SortRole) == "2026-11-21T09:06:30.000000Z"
    search = at(Column.REGISTRY_ID, SearchRole)
    assert cases.relapse.lower() in search
    assert cases.relapse.replace("-", "").lower() in search
    assert "haematological relapse" in search
    accessible = int(Qt.ItemDataRole.AccessibleTextRole)
    assert at(Column.COMPLETENESS, accessible) == "3 of 9 forms complete (33 %)"
    tooltip = int(Qt.ItemDataRole.ToolTipRole)
    assert at(Column.WARNINGS, tooltip) == "Warnings not yet resolved or overridden: 2"
    assert at(Column.WARNINGS, accessible) == at(Column.WARNINGS, tooltip)
    alignment = int(Qt.ItemDataRole.TextAlignmentRole)
    assert at(Column.ERRORS, alignment) & Qt.AlignmentFlag.AlignRight
    assert at(Column.REASON, alignment) & Qt.AlignmentFlag.AlignLeft


def summary(
    number: int, status: str, *, locked: bool = False, open_q: int = 0, answered_q: int = 0
) -> CaseSummary:
    """A case summary as the case service gives it, for states the fixture does not reach."""
    return CaseSummary(
        f"FR-086-000{number}-X",
        status,
        None,
        "2026-11-21T09:00:00.000000Z",
        9,
        9,
        0,
        0,
        locked=locked,
        open_queries=open_q,
        answered_queries=answered_q,
    )


def test_every_state_has_its_word_and_its_own_colour(qtbot: QtBot) -> None:
    summaries = [summary(n, status) for n, status in enumerate(STATUSES, start=1)]
    shown = CaseListWidget(lambda: summaries, REASONS)
    qtbot.addWidget(shown)
    words = [texts(shown, s.registry_id)[Column.STATUS] for s in summaries]
    assert words == ["Draft", "Complete", "Signed", "Exported", "Acknowledged"]
    foreground = int(Qt.ItemDataRole.ForegroundRole)
    colours = [
        shown.model.index(row, Column.STATUS).data(foreground) for row in range(len(STATUSES))
    ]
    assert colours[0] is None  # draft keeps the palette's text colour
    assert len({c.name() for c in colours[1:]}) == 4
    assert all(isinstance(c, QColor) and c.lightness() < 128 for c in colours[1:])


def test_signed_cases_show_a_lock_and_queries_their_counts(qtbot: QtBot) -> None:
    rows = [
        summary(1, "signed", locked=True),
        summary(2, "exported", locked=True, answered_q=1),
        summary(3, "complete", open_q=2),
        summary(4, "draft", open_q=2, answered_q=1),
        summary(5, "acknowledged"),  # sent before signatures existed: not locked
    ]
    shown = CaseListWidget(lambda: rows, REASONS)
    qtbot.addWidget(shown)
    queries = [texts(shown, r.registry_id)[Column.QUERIES] for r in rows]
    assert queries == ["", "1 answered", "2 open", "2 open, 1 answered", ""]
    model = shown.model
    decoration = int(Qt.ItemDataRole.DecorationRole)
    tooltip = int(Qt.ItemDataRole.ToolTipRole)
    accessible = int(Qt.ItemDataRole.AccessibleTextRole)

    def status(number: int, role: int) -> Any:
        row = model.row_of(rows[number - 1].registry_id)
        assert row is not None
        return model.index(row, Column.STATUS).data(role)

    for locked in (1, 2):
        assert not status(locked, decoration).isNull()
        assert "Locked by the PI's signature" in status(locked, tooltip)
    assert status(1, accessible) == "Signed, locked"
    assert status(2, accessible) == "Exported, locked"
    for unlocked in (3, 4, 5):
        assert status(unlocked, decoration) is None
        assert "Locked" not in status(unlocked, tooltip)
    row = model.row_of(rows[3].registry_id)
    assert row is not None
    assert model.index(row, Column.QUERIES).data(tooltip) == (
        "2 query(ies) waiting for an answer; 1 answered query(ies) waiting to be closed by "
        "whoever raised them"
    )

    # Open queries first when sorted downwards, then answered ones; ties in ID order.
    shown.proxy.sort(Column.QUERIES, DESC)
    assert shown_ids(shown) == [rows[i].registry_id for i in (3, 2, 1, 0, 4)]
    shown.proxy.sort(Column.QUERIES, ASC)
    assert shown_ids(shown) == [rows[i].registry_id for i in (0, 4, 1, 2, 3)]


def test_the_filter_finds_cases_with_open_or_answered_queries(qtbot: QtBot) -> None:
    rows = [
        summary(1, "signed", locked=True),
        summary(2, "exported", locked=True, answered_q=1),
        summary(3, "complete", open_q=2),
        summary(4, "draft", open_q=1, answered_q=1),
    ]
    shown = CaseListWidget(lambda: rows, REASONS)
    qtbot.addWidget(shown)
    combo = shown.status_filter
    choices = [combo.itemText(i) for i in range(combo.count())]
    assert "Complete, waiting for signature" in choices
    combo.setCurrentIndex(choices.index("With open queries"))
    assert shown_ids(shown) == [rows[2].registry_id, rows[3].registry_id]
    combo.setCurrentIndex(choices.index("With answered queries to close"))
    assert shown_ids(shown) == [rows[1].registry_id, rows[3].registry_id]
    assert shown.count_label.text() == "2 of 4 cases"
    combo.setCurrentIndex(choices.index("Signed"))  # a state again: the query filter is off
    assert shown_ids(shown) == [rows[0].registry_id]
    combo.setCurrentIndex(0)
    assert len(shown_ids(shown)) == 4


# --- sorting ------------------------------------------------------------------------------------


KEYS: dict[Column, Callable[[CaseSummary], Any]] = {
    Column.REGISTRY_ID: lambda c: c.registry_id,
    Column.STATUS: lambda c: STATUSES.index(c.status),
    Column.QUERIES: lambda c: (c.open_queries, c.answered_queries),
    Column.REASON: lambda c: REASONS.get(c.form_a_reason or "", "").casefold(),
    Column.UPDATED: lambda c: c.updated_at,
    Column.COMPLETENESS: lambda c: c.forms_complete / c.forms_total,
    Column.WARNINGS: lambda c: c.open_warnings,
    Column.ERRORS: lambda c: c.open_errors,
}


def test_sorting_by_each_column_both_ways(widget: CaseListWidget, cases: Cases) -> None:
    summaries = cases.service.list_cases()
    # Queries need a PI to raise them: that column is sorted in the signed-cases test below.
    for column in (c for c in Column if c != Column.QUERIES):
        keys = {KEYS[column](c) for c in summaries}
        assert len(keys) > 1, f"{column.name} does not decide the order in this data"
        for order in (ASC, DESC):
            widget.proxy.sort(column, order)
            expected = sorted(summaries, key=lambda c: c.registry_id)  # ties stay in ID order
            expected.sort(key=KEYS[column], reverse=order == DESC)
            assert shown_ids(widget) == [c.registry_id for c in expected], (column, order)


def test_clicking_a_header_sorts_and_a_second_click_reverses(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases
) -> None:
    header = widget.table.horizontalHeader()
    centre = (
        header.sectionViewportPosition(Column.UPDATED) + header.sectionSize(Column.UPDATED) // 2
    )
    at = header.rect().center()
    at.setX(centre)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    newest_last = [
        c.registry_id for c in sorted(cases.service.list_cases(), key=KEYS[Column.UPDATED])
    ]
    assert shown_ids(widget) == newest_last
    assert newest_last[-1] == cases.patient_only  # changed last, registered first
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert shown_ids(widget) == newest_last[::-1]
    assert header.sortIndicatorSection() == Column.UPDATED
    assert header.sortIndicatorOrder() == DESC


# --- searching and filtering --------------------------------------------------------------------


def test_searching_a_registry_id_with_or_without_dashes(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases
) -> None:
    rid = cases.relapse  # FR-086-0004-J
    typed = [rid, rid.replace("-", ""), rid.lower(), rid[:-2], "0860004", "fr 086 0004"]
    for text in typed:
        widget.search_field.clear()
        qtbot.keyClicks(widget.search_field, text)
        assert shown_ids(widget) == [rid], text
        assert widget.count_label.text() == "1 of 5 cases"


def test_searching_words_of_the_reason(qtbot: QtBot, widget: CaseListWidget, cases: Cases) -> None:
    qtbot.keyClicks(widget.search_field, "MCyR")
    assert shown_ids(widget) == sorted([cases.complete, cases.warning])
    widget.search_field.clear()
    qtbot.keyClicks(widget.search_field, "relapse haem")  # every word, in any order
    assert shown_ids(widget) == [cases.relapse]
    qtbot.keyClicks(widget.search_field, " blast")
    assert shown_ids(widget) == []
    assert widget.count_label.text() == "0 of 5 cases"
    widget.search_field.clear()
    assert len(shown_ids(widget)) == 5


def test_the_status_filter(qtbot: QtBot, widget: CaseListWidget, cases: Cases) -> None:
    combo = widget.status_filter
    assert combo.currentText() == "All statuses"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Draft
    assert combo.currentText() == "Draft"
    assert shown_ids(widget) == sorted(
        [cases.patient_only, cases.empty, cases.relapse, cases.warning]
    )
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Complete
    assert shown_ids(widget) == [cases.complete]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Signed: none yet
    assert shown_ids(widget) == []
    assert widget.count_label.text() == "0 of 5 cases"
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert len(shown_ids(widget)) == 5


def test_only_cases_with_problems(qtbot: QtBot, widget: CaseListWidget, cases: Cases) -> None:
    qtbot.mouseClick(widget.problems_only, Qt.MouseButton.LeftButton)
    assert widget.problems_only.isChecked()
    assert cases.complete not in shown_ids(widget)
    assert shown_ids(widget) == sorted(
        [cases.patient_only, cases.empty, cases.relapse, cases.warning]
    )
    assert widget.count_label.text() == "4 of 5 cases"
    # Filters combine: problems AND the search.
    qtbot.keyClicks(widget.search_field, "mcyr")
    assert shown_ids(widget) == [cases.warning]
    qtbot.mouseClick(widget.problems_only, Qt.MouseButton.LeftButton)
    assert shown_ids(widget) == sorted([cases.complete, cases.warning])


def test_the_sort_order_holds_while_filtering(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases
) -> None:
    widget.table.sortByColumn(Column.ERRORS, DESC)
    by_errors = shown_ids(widget)
    qtbot.keyClicks(widget.search_field, "fr")
    widget.search_field.clear()
    qtbot.mouseClick(widget.problems_only, Qt.MouseButton.LeftButton)
    assert shown_ids(widget) == [rid for rid in by_errors if rid != cases.complete]
    qtbot.mouseClick(widget.problems_only, Qt.MouseButton.LeftButton)
    assert shown_ids(widget) == by_errors


# --- opening a case and the keyboard -------------------------------------------------------------


def test_enter_on_a_row_opens_that_case(qtbot: QtBot, widget: CaseListWidget, cases: Cases) -> None:
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_Home)
    qtbot.keyClick(widget.table, Qt.Key.Key_Down)
    qtbot.keyClick(widget.table, Qt.Key.Key_Down)
    third = shown_ids(widget)[2]
    assert widget.current_registry_id() == third
    with qtbot.waitSignal(widget.case_activated) as opened:
        qtbot.keyClick(widget.table, Qt.Key.Key_Return)
    assert opened.args == [third]
    with qtbot.waitSignal(widget.case_activated) as opened:
        qtbot.keyClick(widget.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert opened.args == [third]


def test_a_double_click_opens_the_case_under_the_pointer(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases
) -> None:
    widget.proxy.sort(Column.UPDATED, DESC)
    index = proxy_index(widget, cases.warning, Column.REASON)
    where = widget.table.visualRect(index).center()
    # A real double-click begins with a click; QTest's double-click alone does not set the
    # view's pressed index, and the view then ignores it.
    qtbot.mouseClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(widget.case_activated) as opened:
        qtbot.mouseDClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [cases.warning]


def test_ctrl_f_goes_to_the_search_field(qtbot: QtBot, widget: CaseListWidget) -> None:
    widget.activateWindow()
    widget.table.setFocus()
    qtbot.waitUntil(widget.table.hasFocus)
    qtbot.keyClick(widget.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(widget.search_field.hasFocus)
    qtbot.keyClicks(widget.search_field, "0002")
    assert widget.count_label.text() == "1 of 5 cases"


def test_down_from_the_search_goes_to_the_results(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases
) -> None:
    widget.activateWindow()
    widget.search_field.setFocus()
    qtbot.waitUntil(widget.search_field.hasFocus)
    qtbot.keyClicks(widget.search_field, "relapse")
    qtbot.keyClick(widget.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(widget.table.hasFocus)
    assert widget.current_registry_id() == cases.relapse
    with qtbot.waitSignal(widget.case_activated) as opened:
        qtbot.keyClick(widget.table, Qt.Key.Key_Return)
    assert opened.args == [cases.relapse]


def test_inputs_have_accessible_names(widget: CaseListWidget) -> None:
    assert widget.search_field.placeholderText() == "Search registry ID or reason"
    assert widget.search_field.isClearButtonEnabled()
    for control in (widget.search_field, widget.status_filter, widget.problems_only, widget.table):
        assert control.accessibleName(), control.objectName()
    table = widget.table
    assert table.isSortingEnabled() and table.alternatingRowColors()
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert table.selectionBehavior() == table.SelectionBehavior.SelectRows


# --- keeping up with saves ----------------------------------------------------------------------


def test_a_saved_case_updates_its_row_only(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases, clock: FakeClock
) -> None:
    clock.advance(3600)
    cases.service.save_form(cases.empty, "registration", rows("registration"))
    changed = cases.summary(cases.empty)
    row = widget.model.row_of(cases.empty)
    with qtbot.waitSignal(widget.model.dataChanged) as signal:
        widget.case_changed(changed)
    top_left, bottom_right = signal.args[:2]
    assert (top_left.row(), bottom_right.row()) == (row, row)
    assert (top_left.column(), bottom_right.column()) == (0, len(Column) - 1)
    assert texts(widget, cases.empty)[Column.REASON] == "No MCyR (after 12 months)"
    assert widget.model.rowCount() == 5
    qtbot.keyClicks(widget.search_field, "mcyr")  # the filter sees the new reason
    assert cases.empty in shown_ids(widget)


def test_a_changed_case_moves_to_its_place_in_the_sort_and_stays_selected(
    qtbot: QtBot, widget: CaseListWidget, cases: Cases, clock: FakeClock
) -> None:
    widget.table.sortByColumn(Column.UPDATED, ASC)
    assert widget.select_case(cases.complete)
    clock.advance(3600)
    cases.service.save_form(
        cases.complete, "patient", rows("patient", patient__birth_month=Entry("5")), reason="typo"
    )
    widget.case_changed(cases.summary(cases.complete))
    assert shown_ids(widget)[-1] == cases.complete  # changed last: now at the end
    assert widget.current_registry_id() == cases.complete


def test_a_new_case_is_added(qtbot: QtBot, widget: CaseListWidget, cases: Cases) -> None:
    new = cases.service.create_case()
    with qtbot.waitSignal(widget.model.rowsInserted):
        widget.case_changed(cases.summary(new))
    assert widget.count_label.text() == "6 of 6 cases"
    assert shown_ids(widget)[-1] == new


def test_reload_reads_the_cases_again_and_keeps_the_selection(
    widget: CaseListWidget, cases: Cases
) -> None:
    assert widget.select_case(cases.relapse)
    new = cases.service.create_case()
    widget.reload()
    assert new in shown_ids(widget)
    assert widget.current_registry_id() == cases.relapse
