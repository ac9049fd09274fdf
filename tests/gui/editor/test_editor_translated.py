"""The editor's review texts in another language, and Alt letters that do not clash.

The pseudo-translation (``tests/gui/review/pseudo.py``) wraps whatever Qt translates in ⟦ ⟧:
a text shown unwrapped never reached the translator; one wrapped in pieces was glued.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.roles import Role
from cmlentry.gui.editor.derived_view import inputs_text
from cmlentry.gui.editor.form_state import DerivedInput
from cmlentry.gui.editor.inputs import placeholder_for
from cmlentry.gui.editor.query_mark import QueryMark
from cmlentry.gui.editor.query_table_model import QueryColumn, QueryRow, QueryTableModel
from cmlentry.gui.editor.review_marks import AnswerMarks
from cmlentry.gui.editor.sdv_mark import SdvMark, shortcut_text
from cmlentry.gui.main_actions import MainActions
from cmlentry.services.cases import CaseService
from cmlentry.services.queries import CANCELLED, CLOSED, OPEN, QueryInfo
from cmlentry.services.review import ItemAddress
from tests.gui.editor.conftest import answer_dialog
from tests.gui.editor.review_helpers import action, editor_on, write_text
from tests.gui.editor.test_editor_review import line_field
from tests.gui.review.pseudo import PseudoTranslator, pseudo, wrapped
from tests.services.review_site import PI, PI_PASSWORD, ReviewSite

__all__ = ["pseudo"]  # the fixture, used by name

SEX = ItemAddress("patient", "patient", 1, "sex")


def query(state: str, number: int, note: str | None = None) -> QueryInfo:
    done = state in (CLOSED, CANCELLED)
    return QueryInfo(
        f"q{number}", "FR-086-0001-X", SEX, "site", state, "Is this right?", PI,
        "Pia Investigator", "2026-11-20T09:00:00Z",
        closed_by=PI if done else None, closed_name="Pia Investigator" if done else None,
        closed_at="2026-11-21T09:00:00Z" if done else None, note=note,
    )  # fmt: skip


def test_the_verify_key_is_said_in_the_systems_words(
    qtbot: QtBot, pseudo: PseudoTranslator
) -> None:
    mark = SdvMark("Sex")
    qtbot.addWidget(mark)
    mark.show_marks(AnswerMarks(verifiable=True), can_verify=True)
    native = shortcut_text()
    assert "⟦Shift⟧" in native  # Qt's key names, translated as Qt's catalogue does ("Maj")
    assert mark.toolTip() == (
        f"⟦Not verified against source.⟧ ⟦Click to mark it verified against source ({native}).⟧"
    )


def test_query_states_and_counts_are_words_of_the_language(
    qtbot: QtBot, pseudo: PseudoTranslator
) -> None:
    mark = QueryMark("Sex")
    qtbot.addWidget(mark)
    marks = AnswerMarks(True, None, (query(OPEN, 1), query(OPEN, 2), query(CLOSED, 3)))
    mark.show_marks(marks)
    assert mark.toolTip() == "⟦⟦Queries: ⟦2 open⟧, ⟦1 closed⟧.⟧ Click to show them.⟧"
    assert mark.accessibleName() == "⟦Queries on Sex⟧"

    model = QueryTableModel()
    rows = [
        QueryRow(query(OPEN, 1), "Patient › Sex", frozenset(), 1),
        QueryRow(query(CANCELLED, 2, "raised by mistake"), "Patient › Sex", frozenset(), 2),
    ]
    model.set_rows(rows)
    assert model.headerData(QueryColumn.WHERE, Qt.Orientation.Horizontal) == "⟦Field⟧"
    assert model.index(0, QueryColumn.STATE).data() == "⟦open⟧"
    detail = model.detail(rows[1]).splitlines()
    assert detail[0] == "⟦Query 2 on Patient › Sex (⟦cancelled⟧)⟧"
    # Who cancelled it is a sentence of its own, not a state word put into another one.
    assert re.fullmatch(
        r"⟦Cancelled by Pia Investigator on [-0-9: ]+: raised by mistake⟧", detail[-1]
    )


def test_placeholders_and_calculated_inputs_are_translated(
    pseudo: PseudoTranslator, cases: CaseService
) -> None:
    definition = cases.definition
    for item in definition.items_by_id.values():
        if item.type in ("integer", "decimal", "date"):
            assert wrapped(placeholder_for(item)), item.id
    shown = [DerivedInput("Doses", rows=2), DerivedInput("Platelets")]
    assert inputs_text(shown) == "⟦from: ⟦Doses (2 row(s))⟧; ⟦Platelets not entered⟧⟧"


def test_raising_a_query_asks_in_the_language_of_the_screen(
    qtbot: QtBot, pseudo: PseudoTranslator, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    seen: dict[str, str] = {}

    def look_then_write(dialog: QWidget) -> None:
        intro = dialog.findChild(QLabel, "query_intro")
        assert intro is not None
        seen.update(title=dialog.windowTitle(), intro=intro.text())
        write_text("Please check this against the referral letter.")(dialog)

    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        _address, field = line_field(editor, rid)
        menu = field.context_menu(field.input)
        verify = action(menu, "menu_verify")
        assert verify.text() == f"⟦&Verified against source⟧\t{shortcut_text()}"
        answer_dialog(look_then_write)
        action(menu, "menu_raise_query").trigger()
        menu.deleteLater()
        qtbot.waitUntil(lambda: len(desk.queries.for_case(rid)) == 1)
    assert seen["title"] == "⟦Raise a query⟧"
    assert wrapped(seen["intro"]) and field.item.label in seen["intro"]


def mnemonic(text: str) -> str | None:
    """The Alt letter of a label ("C&lose" → "l"), or None."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_the_editors_alt_letters_clash_neither_with_each_other_nor_the_menus(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    """A signed case with a query, on a form with tables: every button the editor may show."""
    rid = review_site.complete[0]
    window = QMainWindow()
    qtbot.addWidget(window)
    MainActions(window, Role.PI).build_menus()
    titles = [menu.text() for menu in window.menuBar().actions()]
    letters = {title: mnemonic(title) for title in titles}
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
        desk.queries.raise_query(rid, SEX, "Is this right?")  # a signed case takes queries
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "imatinib")
        assert editor.locked and editor.page("imatinib").tables
        for button in editor.findChildren(QAbstractButton):
            if mnemonic(button.text()):
                letters[button.text()] = mnemonic(button.text())
    assert "&Case" in letters and "&Unlock…" in letters and "C&lose…" in letters
    by_letter: dict[str | None, list[str]] = {}
    for text, letter in letters.items():
        by_letter.setdefault(letter, []).append(text)
    assert {k: v for k, v in by_letter.items() if len(v) > 1} == {}
