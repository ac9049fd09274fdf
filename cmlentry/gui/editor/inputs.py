"""The input of one item, chosen by its type: a line edit, or a code list.

Every input has the same small interface the field and the table delegate use:

* ``edited`` — the person typed or chose something (every keystroke: drafts and live
  calculations follow it);
* ``left`` — the value is finished (focus left the line edit, or a choice was made): the editor
  checks and saves;
* :meth:`value_text` and :meth:`set_value_text` — the value as stored text (a code for a code
  list); populating never emits ``edited`` or ``left``.

A line edit accepts any text up to a length limit: nothing typed is dropped. A validator that
kept out "impossible" characters turned mistypes into plausible wrong values ("12,5,3" became
12.53, "19a6" became 196); now the text stays as typed and the validation says beside the field
what is not a number or a date.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from cmlentry.domain.forms import FormDefinition, Item, MissingCode

VALUE_MAX_LENGTH = 40
"""The longest number or date that can be typed: room for any mistype to be seen and fixed."""


def placeholder_for(item: Item) -> str:
    """What the input accepts, said in its placeholder."""
    if item.type == "date":
        if item.partial_date:
            return QCoreApplication.translate(
                "ValueLineEdit", "YYYY-MM-DD, YYYY-MM or YYYY; or DD.MM.YYYY"
            )
        return QCoreApplication.translate("ValueLineEdit", "YYYY-MM-DD or DD.MM.YYYY")
    if item.type == "integer":
        return QCoreApplication.translate("ValueLineEdit", "whole number")
    if item.type == "decimal":
        return QCoreApplication.translate("ValueLineEdit", "number, e.g. 12.5 or 12,5")
    return ""


class ValueLineEdit(QLineEdit):
    """A text, whole number, number or (partial) date typed on one line."""

    edited = Signal()
    left = Signal()

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setMaxLength(item.max_length if item.type == "text" else VALUE_MAX_LENGTH)
        self.setPlaceholderText(placeholder_for(item))
        self.textEdited.connect(self._on_self_text_edited)
        self.editingFinished.connect(self._on_self_editing_finished)

    def value_text(self) -> str:
        return self.text()

    def set_value_text(self, text: str) -> None:
        with QSignalBlocker(self):
            self.setText(text)

    def _on_self_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_self_editing_finished(self) -> None:
        self.left.emit()


class CodeCombo(QComboBox):
    """A choice from the item's code list; the first entry, "— choose —", is no answer.

    Typing the first letters of a label selects it (Qt's keyboard search of a closed combo).
    A stored code that is not in the list (typed in a workbook) is shown as it is, so that it is
    neither lost nor silently replaced.
    """

    edited = Signal()
    left = Signal()

    def __init__(
        self,
        definition: FormDefinition,
        item: Item,
        parent: QWidget | None = None,
        *,
        missing: tuple[MissingCode, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.addItem(self.tr("— choose —"), "")
        for code, label in definition.codes(item).items():
            self.addItem(label, code)
        # In a table cell the missing-data codes are choices of the same list.
        for code in missing:
            self.addItem(f"({definition.missing_codes[code]})", f"missing:{code}")
        self.activated.connect(self._on_self_activated)

    def value_text(self) -> str:
        return str(self.currentData() or "")

    def set_value_text(self, text: str) -> None:
        with QSignalBlocker(self):
            index = self.findData(text) if text else 0
            if index < 0:
                self.addItem(self.tr("%1 (not in the list)").replace("%1", text), text)
                index = self.count() - 1
            self.setCurrentIndex(index)

    def _on_self_activated(self, _index: int) -> None:
        self.edited.emit()
        self.left.emit()


class MissingCombo(QComboBox):
    """Why there is no value: "—" (there is one), or one of the codes the item accepts."""

    chosen = Signal()

    def __init__(
        self, definition: FormDefinition, item: Item, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.addItem(self.tr("—"), None)
        for code in item.missing:
            self.addItem(definition.missing_codes[code], code)
        self.activated.connect(self._on_self_activated)

    def code(self) -> MissingCode | None:
        data = self.currentData()
        return data if data in ("UNK", "ND", "NA") else None

    def set_code(self, code: MissingCode | None) -> None:
        with QSignalBlocker(self):
            index = self.findData(code) if code else 0
            self.setCurrentIndex(max(index, 0))

    def _on_self_activated(self, _index: int) -> None:
        self.chosen.emit()


ItemInput = ValueLineEdit | CodeCombo


def make_input(definition: FormDefinition, item: Item, parent: QWidget | None = None) -> ItemInput:
    """The input that fits the item's type (a code list, or a line for everything else)."""
    if item.type == "code":
        return CodeCombo(definition, item, parent)
    return ValueLineEdit(item, parent)
