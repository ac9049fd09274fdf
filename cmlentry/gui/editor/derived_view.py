"""A calculated item: read-only, on grey, with the value and the answers it was calculated from.

Scores with their risk group, response categories, CTCAE grades and the Form A reasons the data
support are never typed: :func:`cmlentry.domain.derived.derive` computes them from the typed
answers while the person types, and this widget shows the text ("0.94 (intermediate)", or
"not evaluable: Platelets not entered") and a line "from: …" naming each input with its value.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cmlentry.domain.derived import Derived
from cmlentry.domain.forms import Item
from cmlentry.gui.editor.form_state import DerivedInput

DERIVED_STYLE = (
    "QFrame#derived_field { background: #eeeeee; border: 1px solid #d4d4d4; border-radius: 3px; }"
)


class DerivedInputsText(QObject):
    """Words of the line under a calculated value (``self.tr``: lupdate gives plural forms)."""

    def text(self, inputs: Sequence[DerivedInput]) -> str:
        parts = []
        for shown in inputs:
            if shown.rows is not None:
                parts.append(self.tr("%1 (%n row(s))", "", shown.rows).replace("%1", shown.label))
            elif shown.text:
                parts.append(f"{shown.label} {shown.text}")
            else:
                parts.append(self.tr("%1 not entered").replace("%1", shown.label))
        if not parts:
            return ""
        return self.tr("from: %1").replace("%1", "; ".join(parts))


def inputs_text(inputs: Sequence[DerivedInput]) -> str:
    """The line under a calculated value.

    For example "from: Platelets 450 ×10⁹/L; Spleen below the left costal margin 5 cm;
    Dose history (2 rows)".
    """
    return DerivedInputsText().text(inputs)


class DerivedField(QFrame):
    """One calculated item of a non-repeating group."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("derived_field")
        self.setStyleSheet(DERIVED_STYLE)
        self.setAccessibleName(item.label)

        self._value = QLabel(self)
        self._value.setObjectName("derived_value")
        self._value.setTextFormat(Qt.TextFormat.PlainText)
        self._value.setWordWrap(True)
        self._value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._value.setAccessibleName(item.label)
        tag = QLabel(self.tr("calculated"), self)
        tag.setObjectName("derived_tag")
        tag.setStyleSheet("color: #666666; font-style: italic;")
        self._inputs = QLabel(self)
        self._inputs.setObjectName("derived_inputs")
        self._inputs.setTextFormat(Qt.TextFormat.PlainText)
        self._inputs.setWordWrap(True)
        self._inputs.setStyleSheet("color: #555555; font-size: small;")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._value, 1)
        top.addWidget(tag)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addWidget(self._inputs)

    @property
    def value_text(self) -> str:
        return self._value.text()

    @property
    def inputs_text(self) -> str:
        return self._inputs.text()

    def set_derived(self, derived: Derived | None, inputs: Sequence[DerivedInput]) -> None:
        text = derived.text if derived is not None else ""
        self._value.setText(text)
        self._inputs.setText(inputs_text(inputs))
        self.setAccessibleDescription(f"{text}. {self._inputs.text()}")
        self.setToolTip(self._inputs.text())
