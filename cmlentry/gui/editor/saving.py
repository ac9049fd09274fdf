"""Saving forms and marking them complete on the worker thread, one form save at a time.

Every write goes through :class:`cmlentry.gui.workers.Op` (one worker thread: the GUI thread
never holds a transaction while a person types). A form is never saved twice at once: new rows
get their keys only when a save has returned, and a second save sent before that would add those
rows again. A save asked for while one is running is remembered and sent when it returns, with
what is typed by then.

After a save returned, the stored form is read back (a short read on the GUI thread, as the
case list does) so that the rows sent without a key get the keys the service gave them.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import QWidget

from cmlentry.gui.editor.form_state import CaseState, SaveRequest
from cmlentry.gui.workers import Op, wait_for_done
from cmlentry.services.cases import CaseService, SaveResult

log = logging.getLogger(__name__)

WAIT_LIMIT_MS = 30000


class FormSaver(QObject):
    """Saves the forms of one open case, and marks them complete."""

    saved = Signal(str, str, object)
    """A save returned: registry ID, form id, :class:`SaveResult`."""
    save_failed = Signal(str, str, object)
    """A save failed: registry ID, form id, the exception (nothing was changed)."""
    completed = Signal(str, str)
    """A form was marked complete: registry ID, form id."""
    complete_failed = Signal(str, str, object)
    """Marking complete was refused: registry ID, form id, the exception."""

    def __init__(self, cases: CaseService, state: CaseState, parent: QWidget) -> None:
        super().__init__(parent)
        self._cases = cases
        self._widget = parent
        self.state = state
        self._running: set[str] = set()
        self._again: dict[str, str | None] = {}
        self._completing: set[str] = set()
        self._complete_after_save: set[str] = set()
        self.reasons: dict[str, str] = {}
        """Per form, the reason given for the change of a complete form now being saved. It is
        dropped once a save under it has returned, so a later change asks its own reason; a
        failed save keeps it for the retry of the same change."""

    def busy(self) -> bool:
        return bool(self._running or self._again or self._completing or self._complete_after_save)

    def is_saving(self, form_id: str) -> bool:
        return form_id in self._running or form_id in self._again

    # --- saving -----------------------------------------------------------------------------------

    def save(self, form_id: str, reason: str | None) -> None:
        """Save what is typed in ``form_id`` now, or as soon as the running save returns."""
        if form_id in self._running:
            self._again[form_id] = reason
            return
        request = self.state.save_request(form_id)
        registry_id = self.state.registry_id
        self._running.add(form_id)

        def work(_progress: object, _cancelled: object) -> SaveResult:
            return self._cases.save_form(registry_id, form_id, request.groups, reason)

        (
            Op(self._widget, work)
            .success(lambda result: self._on_save_returned(request, result, reason))
            .failure(lambda exc: self._on_save_refused(form_id, exc))
            .finished(lambda: self._on_save_finished(form_id))
            .run()
        )

    def _on_save_returned(
        self, request: SaveRequest, result: SaveResult, reason: str | None
    ) -> None:
        if reason is not None and self.reasons.get(request.form_id) == reason:
            del self.reasons[request.form_id]  # it served its change; the next one asks again
        try:
            stored = self._cases.get_case(self.state.registry_id)
        except Exception as exc:  # the save itself went through
            log.warning("saved form could not be read back: %s", type(exc).__name__)
            self.state.set_status(request.form_id, result.form_status)
        else:
            self.state.mark_saved(request, stored.forms[request.form_id])
            self.state.case_status = stored.status
        self.saved.emit(self.state.registry_id, request.form_id, result)

    def _on_save_refused(self, form_id: str, exc: BaseException) -> None:
        self._again.pop(form_id, None)  # the next leave or Ctrl+S tries again
        self._complete_after_save.discard(form_id)
        self.save_failed.emit(self.state.registry_id, form_id, exc)

    def _on_save_finished(self, form_id: str) -> None:
        self._running.discard(form_id)
        if form_id in self._again:
            reason = self._again.pop(form_id)
            if self.state.is_dirty(form_id):
                self.save(form_id, reason)
                return
        if form_id in self._complete_after_save:
            self._complete_after_save.discard(form_id)
            self.complete(form_id)

    # --- completing -------------------------------------------------------------------------------

    def complete(self, form_id: str) -> None:
        """Mark the form complete once what is typed in it is saved (saving it first if not)."""
        if self.state.is_dirty(form_id) or self.is_saving(form_id):
            self._complete_after_save.add(form_id)
            if not self.is_saving(form_id):
                self.save(form_id, self.reasons.get(form_id))
            return
        self.mark_complete(form_id)

    def mark_complete(self, form_id: str) -> None:
        """Mark the form complete now."""
        registry_id = self.state.registry_id
        self._completing.add(form_id)

        def work(_progress: object, _cancelled: object) -> None:
            self._cases.mark_complete(registry_id, form_id)

        (
            Op(self._widget, work)
            .success(lambda _none: self._on_complete_returned(form_id))
            .failure(lambda exc: self.complete_failed.emit(registry_id, form_id, exc))
            .finished(lambda: self._completing.discard(form_id))
            .run()
        )

    def _on_complete_returned(self, form_id: str) -> None:
        self.reasons.pop(form_id, None)
        try:
            stored = self._cases.get_case(self.state.registry_id)
        except Exception as exc:  # the form is complete all the same
            log.warning("completed form could not be read back: %s", type(exc).__name__)
            self.state.set_status(form_id, "complete")
        else:
            self.state.load_status(stored.forms[form_id])
            self.state.case_status = stored.status
        self.completed.emit(self.state.registry_id, form_id)

    # --- waiting ----------------------------------------------------------------------------------

    def wait(self, timeout_ms: int = WAIT_LIMIT_MS) -> bool:
        """Wait until every save and completion of this case has returned and been handled."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.busy() and time.monotonic() < deadline:
            drain(1000)
        return not self.busy()


def drain(timeout_ms: int = WAIT_LIMIT_MS) -> None:
    """Wait for the worker thread, then deliver the results it queued for the GUI thread."""
    wait_for_done(timeout_ms)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
