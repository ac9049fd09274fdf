"""Never lose a keystroke: what is typed goes into the encrypted drafts every few seconds.

A single-shot timer restarts at each keystroke; when the person pauses for the interval (3 s by
default, shorter in tests), the typing of every form touched since the last write is put into
the acting user's drafts (:class:`DraftService`, in the encrypted workspace database) on the
worker thread. Saving a form deletes its draft in the same transaction, so a form whose save
returned is forgotten here. After a crash, :meth:`CaseEditor.open_case` finds the draft and
shows it with a banner.

Whether the last draft write of each form succeeded is kept (:meth:`Autosave.kept`): nothing may
say "kept as a draft" unless it is true, and a failed write is reported (:attr:`failed`) so the
editor can tell the person at once.

The focus is kept as ``"<group id>/<row from 0>/<item id>"``: the row's position in the draft,
which is valid for the rows the draft itself holds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from cmlentry.gui.workers import Op
from cmlentry.services.cases import RowData
from cmlentry.services.drafts import DraftService

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000

Snapshot = tuple[str, Mapping[str, Sequence[RowData]], str | None]
"""What a form's draft holds: registry ID, the rows of every group, the focus."""


def focus_text(group_id: str, row: int, item_id: str) -> str:
    return f"{group_id}/{row}/{item_id}"


def parse_focus(text: str | None) -> tuple[str, int, str] | None:
    parts = (text or "").split("/")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


class Autosave(QObject):
    """Writes the drafts of the forms being typed in, a moment after the last keystroke."""

    written = Signal(str, str)
    """A draft was written: registry ID, form id."""
    failed = Signal(object)
    """A draft could not be written: the exception (the typing is still on screen)."""
    discard_failed = Signal(object)
    """A draft could not be deleted: the exception (it is offered again next time)."""

    def __init__(
        self,
        drafts: DraftService,
        snapshot: Callable[[str], Snapshot | None],
        interval_ms: int,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._snapshot = snapshot
        self._widget = parent
        self._touched: set[str] = set()
        self._last_ok: dict[str, bool] = {}  # per form, whether its last draft write succeeded
        self._timer = QTimer(self)
        self._timer.setObjectName("autosave_timer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def timer(self) -> QTimer:
        return self._timer

    def touch(self, form_id: str) -> None:
        """Typing in ``form_id``: (re)start the countdown."""
        self._touched.add(form_id)
        self._timer.start()

    def forget(self, form_id: str) -> None:
        """The form is being saved: its draft would only be deleted again."""
        self._touched.discard(form_id)
        if not self._touched:
            self._timer.stop()

    def stop(self) -> None:
        self._touched.clear()
        self._last_ok.clear()
        self._timer.stop()

    def kept(self, form_id: str) -> bool:
        """Whether the last draft write of ``form_id`` succeeded (False before any)."""
        return self._last_ok.get(form_id, False)

    def failing(self) -> bool:
        """Whether the last draft write of some form failed."""
        return not all(self._last_ok.values())

    def saved(self, form_id: str) -> None:
        """The form was saved: its draft is gone with the save, and so is any failure of it."""
        self._last_ok.pop(form_id, None)

    def pending(self) -> bool:
        return bool(self._touched)

    def write_now(self, form_id: str | None = None) -> None:
        """Write the drafts now: of ``form_id``, or of every form touched."""
        forms = {form_id} if form_id else set(self._touched)
        self._touched -= forms
        if not self._touched:
            self._timer.stop()
        for form in sorted(forms):
            self._put(form)

    def discard(self, registry_id: str, form_id: str) -> None:
        """Delete a draft (the person chose to discard the recovered typing)."""
        self.forget(form_id)
        self._last_ok.pop(form_id, None)
        (
            Op(self._widget, lambda _p, _c: self._drafts.discard(registry_id, form_id))
            .failure(self._on_discard_failed)
            .run()
        )

    def _on_timer_timeout(self) -> None:
        self.write_now()

    def _put(self, form_id: str) -> None:
        snapshot = self._snapshot(form_id)
        if snapshot is None:
            return
        registry_id, groups, focus = snapshot

        def work(_progress: object, _cancelled: object) -> None:
            self._drafts.put(registry_id, form_id, groups, focus)

        (
            Op(self._widget, work)
            .success(lambda _none: self._on_put_returned(registry_id, form_id))
            .failure(lambda exc: self._on_put_failed(form_id, exc))
            .run()
        )

    def _on_put_returned(self, registry_id: str, form_id: str) -> None:
        self._last_ok[form_id] = True
        self.written.emit(registry_id, form_id)

    def _on_put_failed(self, form_id: str, exc: BaseException) -> None:
        log.warning("draft not written: %s", type(exc).__name__)
        self._last_ok[form_id] = False
        self.failed.emit(exc)

    def _on_discard_failed(self, exc: BaseException) -> None:
        log.warning("draft not discarded: %s", type(exc).__name__)
        self.discard_failed.emit(exc)
