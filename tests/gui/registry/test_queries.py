"""The coordinator's queries in the registry window, over real services and files.

The world is made as people make it (``tests/batch_world.py``): the site's batches are imported,
the coordinator raises queries and sends them, a second coordinator raises one of his own, the
site reads the acknowledgement, answers, raises a query of its own and sends the case again.
The window then lists, raises, closes, cancels and sends through the real query service.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.errors import QueryNotAnswered, QueryNotYoursToCancel, QueryNotYoursToClose
from cmlentry.gui.dialogs.query_dialog import QueryTextDialog
from cmlentry.gui.editor.query_words import state_word
from cmlentry.gui.messages import describe
from cmlentry.gui.registry.queries_model import QueryColumn
from cmlentry.gui.registry.raise_query_dialog import RaiseQueryDialog
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN, REGISTRY, QueryService
from cmlentry.services.registry.errors import CaseNotHeld, NoAckToSend
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.queries import CentralQueryInfo, CentralQueryService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.review import ItemAddress
from cmlentry.services.users import UserService
from tests.batch_world import World
from tests.gui.registry.conftest import Batches, Opened, close_window, open_window

pytestmark = pytest.mark.timeout(300)

PLATELETS = ItemAddress("diagnosis", "baseline", 1, "platelets")
WBC = ItemAddress("diagnosis", "baseline", 1, "wbc")
CARL, CARL_PASSWORD = "carl", "coord-pass-Paris-26"
ANSWER = "Confirmed with the lab: 1650."


@contextmanager
def central(world: World, as_carl: bool = False) -> Iterator[CentralQueryService]:
    """The registry's query service, as Cora (or as Carl), outside any window."""
    ws = world.registry_as(CARL, CARL_PASSWORD) if as_carl else world.registry()
    store = open_central_store(ws)
    try:
        yield CentralQueryService(ws, store)
    finally:
        store.close()
        ws.close()


def import_files(world: World, *paths: Path) -> None:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            outcomes = ImportService(ws, store).import_files(list(paths), world.out)
        finally:
            store.close()
    assert [o.status for o in outcomes] == ["imported"] * len(paths), outcomes


@dataclass
class Queries:
    world: World
    cases: list[str]  # the case of each of the three batches
    mine_answered: CentralQueryInfo  # Cora's, answered by the site
    mine_open: CentralQueryInfo  # Cora's, not answered yet
    carls: CentralQueryInfo  # raised by another coordinator
    sites: str  # the id of the query the site raised itself


@pytest.fixture
def queries(batches: Batches) -> Queries:
    """Every kind of query the coordinator meets, made as people make them."""
    world = batches.world
    a, b, c = (ids[0] for ids in batches.cases)
    import_files(world, *batches.files)
    with central(world) as service:
        answered = service.raise_query(a, PLATELETS, "Platelets above 1500: confirmed?")
        mine_open = service.raise_query(b, PLATELETS, "Platelets: which lab?")
        ack = service.send("FR-086", world.out)
        UserService(service.ws).add_user(CARL, "Carl Coordinator", "coordinator", "first-1234-x")
    with world.registry_as(CARL, "first-1234-x") as ws:
        UserService(ws).change_own_password("first-1234-x", CARL_PASSWORD)
    with central(world, as_carl=True) as service:
        carls = service.raise_query(c, PLATELETS, "Is this the baseline count?")
    with world.site() as ws:
        AckService(ws).read(ack)
        site_queries = QueryService(ws, CaseService(ws))
        site_queries.answer(answered.id, ANSWER)
        sites = site_queries.raise_query(a, WBC, "WBC from which laboratory?").id
        again = ExportService(ws).export(world.out, [a]).path
    import_files(world, again)
    return Queries(world, [a, b, c], answered, mine_open, carls, sites)


@pytest.fixture
def window(qtbot: QtBot, queries: Queries, tmp_path: Path) -> Iterator[Opened]:
    made = open_window(qtbot, queries.world.registry(), tmp_path)
    yield made
    close_window(made)


def _text(window: RegistryWindow, query_id: str, column: QueryColumn) -> str:
    model = window.queries.view.model
    row = model.row_of(query_id)
    assert row is not None
    return str(model.data(model.index(row, column)))


def _shown(window: RegistryWindow) -> set[str]:
    return {q.id for q in window.queries.view.visible_queries()}


def _box(qtbot: QtBot, parent: QWidget, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox, name)), timeout=15_000)
    [box] = parent.findChildren(QMessageBox, name)
    return box


def _text_dialog(qtbot: QtBot, window: RegistryWindow) -> QueryTextDialog:
    def found() -> list[QueryTextDialog]:
        return [d for d in window.findChildren(QueryTextDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(found()))
    return found()[0]


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_every_query_with_its_item_state_and_answer(
    window: Opened, queries: Queries
) -> None:
    w = window.window
    view = w.queries.view
    q = queries.mine_answered
    assert _shown(w) == {q.id, queries.mine_open.id, queries.carls.id, queries.sites}
    definition = installed_definitions().current
    form, item = definition.forms_by_id["diagnosis"], definition.items_by_id["platelets"]
    label = _text(w, q.id, QueryColumn.ITEM)
    assert form.label in label and item.label in label
    assert _text(w, q.id, QueryColumn.CENTRE) == "FR-086"
    assert _text(w, q.id, QueryColumn.CASE) == queries.cases[0]
    assert _text(w, q.id, QueryColumn.STATE) == state_word(ANSWERED)
    assert _text(w, q.id, QueryColumn.QUESTION) == q.text
    assert "Cora Ordinator" in _text(w, q.id, QueryColumn.RAISED)
    assert _text(w, q.id, QueryColumn.ANSWER) == ANSWER
    assert _text(w, queries.mine_open.id, QueryColumn.ANSWER) == ""
    assert "Pia Investigator" in _text(w, queries.sites, QueryColumn.RAISED)
    # The tab says there is one to close; the detail of a query has its whole story.
    assert "1 to close" in w.tabs.tabText(1)
    assert view.select(q.id)
    assert ANSWER in view.detail.text() and q.text in view.detail.text()


def test_the_filters_narrow_by_state_centre_and_words(window: Opened, queries: Queries) -> None:
    view = window.window.queries.view
    window.window.registry_actions.show_queries.trigger()  # Ctrl+2
    assert view.isVisible()
    view.show_states(frozenset({ANSWERED}))
    assert _shown(window.window) == {queries.mine_answered.id}
    view.show_states(frozenset({CLOSED}))
    assert _shown(window.window) == set()
    assert view.empty.isVisible() and not view.table.isVisible()
    view.show_states(None)
    view.centre_box.setCurrentIndex(view.centre_box.findData("FR-086"))
    assert view.centre() == "FR-086" and len(_shown(window.window)) == 4
    view.search.setText(queries.cases[1].lower())
    assert _shown(window.window) == {queries.mine_open.id}
    view.search.setText("laboratory")  # words of a question
    assert _shown(window.window) == {queries.sites}


# --- closing and cancelling ---------------------------------------------------------------------


def test_close_and_cancel_are_offered_only_for_what_the_service_allows(
    window: Opened, queries: Queries
) -> None:
    view = window.window.queries.view
    offered = {}
    for query_id in (queries.mine_answered.id, queries.mine_open.id, queries.carls.id):
        assert view.select(query_id)
        offered[query_id] = (view.close_button.isEnabled(), view.cancel_button.isEnabled())
    assert view.select(queries.sites)
    offered[queries.sites] = (view.close_button.isEnabled(), view.cancel_button.isEnabled())
    assert "only the site" in view.hint.text()
    assert offered == {
        queries.mine_answered.id: (True, True),
        queries.mine_open.id: (False, True),  # not answered: cancel, do not close
        queries.carls.id: (False, False),  # another coordinator's
        queries.sites: (False, False),  # the site's own
    }
    assert view.select(queries.carls.id)
    assert "Carl Coordinator" in view.hint.text()


def test_the_service_refuses_a_close_not_offered_and_the_window_shows_its_sentence(
    qtbot: QtBot, window: Opened, queries: Queries
) -> None:
    w = window.window
    w.queries.close_query(queries.carls.id, None)
    box = _box(qtbot, w, "error_box")
    assert box.text() == describe(QueryNotYoursToClose(raised_by="Carl Coordinator"))
    box.accept()
    close_window(window)
    with central(queries.world) as service:  # refused outside the window too; nothing changed
        with pytest.raises(QueryNotYoursToClose):
            service.close(queries.carls.id)
        with pytest.raises(QueryNotYoursToCancel):
            service.cancel(queries.carls.id, "not mine to cancel")
        with pytest.raises(QueryNotAnswered):
            service.close(queries.mine_open.id)
        assert service.get(queries.carls.id).state == OPEN
        assert service.get(queries.mine_open.id).state == OPEN


def test_closing_an_answered_query_through_the_dialog(
    qtbot: QtBot, window: Opened, queries: Queries
) -> None:
    w = window.window
    view = w.queries.view
    assert view.select(queries.mine_answered.id)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    dialog = _text_dialog(qtbot, w)
    quoted = dialog.findChild(QLabel, "query_quoted")
    assert quoted is not None and ANSWER in quoted.text()  # what the note answers is quoted
    assert dialog.accept_button.isEnabled()  # a closing note is optional
    qtbot.keyClicks(dialog.text_box, "Thank you.")
    with qtbot.waitSignals([w.queries.query_changed, w.queries.queries_loaded], timeout=15_000):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    # Closed, it leaves the waiting queries; the tab has nothing left to close.
    assert queries.mine_answered.id not in _shown(w)
    assert "to close" not in w.tabs.tabText(1)
    assert "closed" in w.statusBar().currentMessage()
    close_window(window)
    with central(queries.world) as service:
        closed = service.get(queries.mine_answered.id)
    assert (closed.state, closed.note, closed.closed_by) == (CLOSED, "Thank you.", "cora")


def test_cancelling_an_open_query_needs_a_reason(
    qtbot: QtBot, window: Opened, queries: Queries
) -> None:
    w = window.window
    view = w.queries.view
    assert view.select(queries.mine_open.id)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    dialog = _text_dialog(qtbot, w)
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.text_box, "raised on the wrong case")
    assert dialog.accept_button.isEnabled()
    with qtbot.waitSignals([w.queries.query_changed, w.queries.queries_loaded], timeout=15_000):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    view.show_states(frozenset({CANCELLED}))
    assert _shown(w) == {queries.mine_open.id}
    close_window(window)
    with central(queries.world) as service:
        cancelled = service.get(queries.mine_open.id)
    assert (cancelled.state, cancelled.note) == (CANCELLED, "raised on the wrong case")


# --- raising ------------------------------------------------------------------------------------


def _import_in_window(qtbot: QtBot, window: RegistryWindow, path: Path) -> None:
    with qtbot.waitSignals([window.import_finished, window.queries.queries_loaded], timeout=30_000):
        window.import_files([path])


def _raise_dialog(qtbot: QtBot, window: RegistryWindow) -> RaiseQueryDialog:
    window.registry_actions.raise_query.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(RaiseQueryDialog)))
    [dialog] = window.findChildren(RaiseQueryDialog)
    return dialog


def _choose(dialog: RaiseQueryDialog, address: ItemAddress) -> None:
    for box, wanted in (
        (dialog.form_box, address.form_id),
        (dialog.group_box, address.group_id),
        (dialog.item_box, address.item_id),
    ):
        at = box.findData(wanted)
        assert at >= 0, wanted
        box.setCurrentIndex(at)


def test_raising_a_query_through_the_dialog_creates_it(
    qtbot: QtBot, opened: Opened, batches: Batches
) -> None:
    w = opened.window
    _import_in_window(qtbot, w, batches.files[0])
    case = batches.cases[0][0]
    dialog = _raise_dialog(qtbot, w)
    completions = dialog.case_field.completer().model()
    offered = [completions.index(r, 0).data() for r in range(completions.rowCount())]
    assert case in offered  # the case the import accepted is offered
    qtbot.keyClicks(dialog.case_field, case.lower())
    _choose(dialog, PLATELETS)
    assert not dialog.raise_button.isEnabled()  # no question yet
    qtbot.keyClicks(dialog.text_box, "Platelets above 1500: confirmed?")
    assert dialog.raise_button.isEnabled()
    with qtbot.waitSignals([w.queries.query_changed, w.queries.queries_loaded], timeout=15_000):
        qtbot.mouseClick(dialog.raise_button, Qt.MouseButton.LeftButton)
    current = w.queries.view.current()
    assert current is not None and w.tabs.currentIndex() == 1  # shown where it now is
    close_window(opened)
    with central(batches.world) as service:
        [raised] = service.list()
    assert raised.id == current.id
    assert (raised.registry_id, raised.address, raised.text) == (
        case,
        PLATELETS,
        "Platelets above 1500: confirmed?",
    )
    assert (raised.origin, raised.state, raised.raised_by) == (REGISTRY, OPEN, "cora")


def test_a_case_the_registry_does_not_hold_is_refused_with_the_services_sentence(
    qtbot: QtBot, opened: Opened, batches: Batches
) -> None:
    w = opened.window
    _import_in_window(qtbot, w, batches.files[0])
    not_held = batches.cases[1][0]  # in batch 2, which was not imported
    dialog = _raise_dialog(qtbot, w)
    qtbot.keyClicks(dialog.case_field, not_held)
    _choose(dialog, PLATELETS)
    qtbot.keyClicks(dialog.text_box, "Anything to add?")
    qtbot.mouseClick(dialog.raise_button, Qt.MouseButton.LeftButton)
    box = _box(qtbot, dialog, "error_box")
    assert box.text() == describe(CaseNotHeld(registry_id=not_held))
    box.accept()
    assert dialog.isVisible() and dialog.text_box.toPlainText() == "Anything to add?"
    dialog.reject()
    close_window(opened)
    with central(batches.world) as service:
        assert service.list() == []


def test_the_row_is_chosen_only_in_a_repeating_group(
    qtbot: QtBot, opened: Opened, batches: Batches
) -> None:
    definition = installed_definitions().current
    form, group = next(
        (f, g) for f in definition.forms for g in f.groups if g.repeating and len(g.items) > 1
    )
    dialog = _raise_dialog(qtbot, opened.window)
    _choose(dialog, ItemAddress(form.id, group.id, 1, group.items[1].id))
    assert dialog.row_box.isEnabled()
    dialog.row_box.setValue(3)
    assert dialog.address() == ItemAddress(form.id, group.id, 3, group.items[1].id)
    _choose(dialog, PLATELETS)
    assert not dialog.row_box.isEnabled()
    assert dialog.address() == PLATELETS  # a single group's one row
    dialog.reject()


# --- sending ------------------------------------------------------------------------------------


def test_send_writes_the_acknowledgement_with_the_queries_into_the_chosen_folder(
    qtbot: QtBot,
    window: Opened,
    queries: Queries,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "for FR-086"
    folder.mkdir()
    asked: list[str] = []

    def choose(_parent: QWidget, title: str, _start: str) -> str:
        asked.append(title)
        return str(folder)

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", choose)
    w = window.window
    view = w.queries.view
    view.search.setText("no query says this")  # nothing selected: the only centre is meant
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    box = _box(qtbot, w, "info_box")
    [written] = list(folder.iterdir())
    assert "FR-086" in asked[0]
    assert str(written) in box.text()
    box.accept()
    close_window(window)
    # The site takes the file as an acknowledgement: the open registry query is in it.
    with queries.world.site() as ws:
        AckService(ws).read(written)
        held = {q.id: q for q in QueryService(ws, CaseService(ws)).for_case(queries.cases[1])}
    assert held[queries.mine_open.id].state == OPEN
    assert held[queries.mine_open.id].origin == REGISTRY


def test_send_before_any_batch_says_there_is_nothing_to_send(
    qtbot: QtBot, opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *_a: str(folder)
    )
    w = opened.window
    w.registry_actions.send_queries.trigger()
    box = _box(qtbot, w, "error_box")
    assert box.text() == describe(NoAckToSend(centre="FR-086"))
    box.accept()
    assert list(folder.iterdir()) == []


def test_every_text_of_the_queries_tab_is_collected_by_lupdate() -> None:
    from tests.gui.editor.test_strings_collected import ROOT, problems_of

    folder = ROOT / "cmlentry" / "gui" / "registry"
    assert [p for path in sorted(folder.glob("*.py")) for p in problems_of(path)] == []
