"""What the case editor says about saving: the status bar's short text and the red banner.

The banner says only what is true at the moment: a save that failed says "kept as a draft" once
the draft write of that form has returned, and a draft write that failed says so at once ("Your
typing could not be kept as a draft: … Do not close cmlentry …"), since the typing then exists
only on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cmlentry.gui.editor.autosave import Autosave
from cmlentry.gui.editor.banner import Banner
from cmlentry.gui.messages import describe, show_error


class SaveReport(QObject):
    """Keeps the save state text and the error banner of one editor."""

    changed = Signal(str)
    """The short text for the status bar changed: "Saved at 14:02", "Not saved: …"."""

    def __init__(self, autosave: Autosave, banner: Banner, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent
        self._autosave = autosave
        self._banner = banner
        self.text = ""
        self.failed: set[str] = set()
        """The forms whose last save failed."""
        self._save_error = ""  # the sentence of the last failed save
        self._draft_error: str | None = None  # the sentence of the last failed draft write
        autosave.written.connect(self._on_autosave_written)
        autosave.failed.connect(self._on_autosave_failed)
        autosave.discard_failed.connect(self._on_autosave_discard_failed)

    def note(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.changed.emit(text)

    def save_failed(self, form_id: str, exc: BaseException) -> None:
        self.failed.add(form_id)
        self._save_error = describe(exc)
        self.note(self.tr("Not saved: %1").replace("%1", self._save_error))
        self._show()

    def saved(self, form_id: str) -> None:
        self.failed.discard(form_id)
        self._autosave.saved(form_id)
        self._show()

    def clear(self) -> None:
        self.failed.clear()
        self._draft_error = None
        self._banner.clear()

    def _show(self) -> None:
        if self._draft_error is not None and self._autosave.failing():
            self._banner.show_draft_failed(self._draft_error)
        elif self.failed:
            kept = all(self._autosave.kept(form_id) for form_id in self.failed)
            self._banner.show_not_saved(self._save_error, kept=kept)
        else:
            self._draft_error = None
            self._banner.clear()

    def _on_autosave_written(self, _registry_id: str, _form_id: str) -> None:
        if self.failed or self._draft_error is not None:
            self._show()

    def _on_autosave_failed(self, exc: BaseException) -> None:
        self._draft_error = describe(exc)
        self._show()

    def _on_autosave_discard_failed(self, exc: BaseException) -> None:
        show_error(self._widget, exc)
