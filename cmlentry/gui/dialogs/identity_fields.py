"""The four fields of the local identification list, shared by the new-case and identity dialogs.

Family name, given names, full date of birth and hospital number (``IDENTIFYING_FIELDS`` of the
identity service). :meth:`IdentityFields.problem` checks what the service would refuse, with the
service's own error, *before* anything is written: the new-case dialog must not register a case
and only then learn that its identification cannot be saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from cmlentry.domain.values import PartialDate, ValueProblem
from cmlentry.errors import CmlentryError, InvalidInput

MAX_NAME = 200  # the column widths of the identification list
MAX_NUMBER = 64


@dataclass(frozen=True)
class IdentityInput:
    """What is typed, white space tidied; empty strings where nothing is."""

    family_name: str
    given_names: str
    birth_date: str
    hospital_number: str

    @property
    def is_empty(self) -> bool:
        return not (self.family_name or self.given_names or self.birth_date or self.hospital_number)


class IdentityFields(QWidget):
    """Family name, given names, date of birth (YYYY-MM-DD) and hospital number."""

    edited = Signal()
    """A field was changed by typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family_name = self._field(
            "identity_family_name", self.tr("Family name"), self.tr("as on the hospital record")
        )
        self.given_names = self._field("identity_given_names", self.tr("Given names"), "")
        self.birth_date = self._field(
            "identity_birth_date", self.tr("Date of birth"), self.tr("YYYY-MM-DD")
        )
        self.birth_date.setMaxLength(10)
        self.hospital_number = self._field(
            "identity_hospital_number", self.tr("Hospital number"), ""
        )
        self.hospital_number.setMaxLength(MAX_NUMBER)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("&Family name:"), self.family_name)
        layout.addRow(self.tr("&Given names:"), self.given_names)
        layout.addRow(self.tr("Date of &birth:"), self.birth_date)
        layout.addRow(self.tr("&Hospital number:"), self.hospital_number)
        for edit in self.fields():
            edit.textEdited.connect(self._on_field_text_edited)
        self.setFocusProxy(self.family_name)

    def _field(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(MAX_NAME)
        return edit

    def fields(self) -> tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]:
        """The fields in their tab order."""
        return (self.family_name, self.given_names, self.birth_date, self.hospital_number)

    def value(self) -> IdentityInput:
        family, given, born, number = (" ".join(edit.text().split()) for edit in self.fields())
        return IdentityInput(family, given, born, number)

    def set_value(self, value: IdentityInput) -> None:
        for edit, text in zip(
            self.fields(),
            (value.family_name, value.given_names, value.birth_date, value.hospital_number),
            strict=True,
        ):
            edit.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.fields():
            edit.setReadOnly(read_only)

    def problem(
        self, today: dt.date, *, required: bool = False
    ) -> tuple[CmlentryError, QLineEdit] | None:
        """What the identity service would refuse (or a birth date after ``today``), and where.

        Empty fields are no problem unless ``required`` (an identity already recorded can be
        corrected, not emptied).
        """
        value = self.value()
        if value.is_empty and not required:
            return None
        if not value.family_name:
            error = InvalidInput(field="The family name", why="give it as on the hospital record")
            return error, self.family_name
        if value.birth_date:
            try:
                born = PartialDate.parse(value.birth_date)
            except ValueProblem as problem:
                return InvalidInput(field="The date of birth", why=str(problem)), self.birth_date
            if not born.is_complete:
                error = InvalidInput(field="The date of birth", why="give the full date")
                return error, self.birth_date
            if born.earliest > today:
                error = InvalidInput(field="The date of birth", why="it is after today")
                return error, self.birth_date
        return None

    def _on_field_text_edited(self, _text: str) -> None:
        self.edited.emit()


def identity_input(
    family_name: str, given_names: str, birth_date: str | None, hospital_number: str | None
) -> IdentityInput:
    """An :class:`IdentityInput` from the fields of a stored identity."""
    return IdentityInput(family_name, given_names, birth_date or "", hospital_number or "")
