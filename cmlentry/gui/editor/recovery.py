"""Typing recovered from the drafts when a case is opened (after a crash, a power cut, a lock).

The acting user's drafts of the case replace the saved answers of their forms, and a yellow
banner says so: "Unsaved typing from 14:02 was recovered — check it and save (Ctrl+S) or
discard". Discard deletes the drafts and shows the saved answers again. A draft identical to the
saved answers (the save returned, the draft write was already queued) is deleted silently; a draft
this version cannot read is named in the banner and deleted with Discard.

A **stale** draft (the form was saved again after the draft was written, by another user or in
another window) is never loaded: it was typed over answers that are no longer the stored ones,
and restoring it would silently put old values back over newer data, to be saved at the next
leave or Close. The banner says it was not restored and when the form was saved; the draft is
kept until it is discarded, or replaced by the next autosave of new typing in that form.

A **signed** (locked) case is shown as it was signed: its drafts are *held* (:meth:`hold`), not
loaded, since nothing could be saved; they are restored when the case is unlocked
(:meth:`release`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from cmlentry.errors import CmlentryError
from cmlentry.gui.editor.autosave import Autosave, parse_focus
from cmlentry.gui.editor.banner import Banner
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.prompts import local_time
from cmlentry.services.drafts import Draft, DraftService

log = logging.getLogger(__name__)


class DraftRecovery(QObject):
    """Restores drafts into an opened case and keeps the banner about them."""

    discarded = Signal(str)
    """The recovered typing of a form was discarded; carries the form id."""

    def __init__(
        self, drafts: DraftService, autosave: Autosave, banner: Banner, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._autosave = autosave
        self._banner = banner
        self._state: CaseState | None = None
        self._recovered: dict[str, Draft] = {}
        self._unusable: dict[str, Draft] = {}
        self._stale: dict[str, Draft] = {}
        self._held: CaseState | None = None
        banner.action_clicked.connect(self._on_banner_action_clicked)
        autosave.written.connect(self._on_autosave_written)

    def restore(self, state: CaseState) -> list[Draft]:
        """Put the acting user's drafts of the case into ``state``; newest first."""
        self.clear()
        self._state = state
        try:
            mine = [d for d in self._drafts.mine() if d.registry_id == state.registry_id]
        except CmlentryError as exc:  # a role that enters no data has no drafts
            log.info("drafts not read: %s", exc.code)
            return []
        for draft in mine:
            if draft.form_id not in state.definition.forms_by_id:
                continue
            if not draft.usable:
                self._unusable[draft.form_id] = draft
                continue
            state.load_draft(draft.form_id, draft.groups)
            if not state.is_dirty(draft.form_id):
                self._autosave.discard(state.registry_id, draft.form_id)
            elif draft.stale:  # never over answers saved after it: shown, not loaded
                state.load_stored(state.stored(draft.form_id))
                self._stale[draft.form_id] = draft
            else:
                self._recovered[draft.form_id] = draft
        self._show()
        return list(self._recovered.values())

    def hold(self, state: CaseState) -> None:
        """The case opened locked: restore its drafts only once it is unlocked."""
        self.clear()
        self._held = state

    def release(self) -> list[Draft]:
        """The case was unlocked: restore the drafts held (as :meth:`restore`)."""
        state, self._held = self._held, None
        return self.restore(state) if state is not None else []

    def focus(self, form_id: str) -> tuple[str, int, str] | None:
        draft = self._recovered.get(form_id)
        return parse_focus(draft.focus) if draft else None

    def forget(self, form_id: str) -> None:
        """The form's draft is gone (the form was saved, or its change cancelled)."""
        found = [kind.pop(form_id, None) for kind in (self._recovered, self._stale)]
        if any(found):
            self._show()

    def clear(self) -> None:
        self._recovered.clear()
        self._unusable.clear()
        self._stale.clear()
        self._state = None
        self._held = None
        self._banner.clear()

    def _show(self) -> None:
        state = self._state
        if state is None or not (self._recovered or self._unusable or self._stale):
            self._banner.clear()
            return
        lines = []
        if self._recovered:
            newest = max(d.saved_at for d in self._recovered.values())
            forms = ", ".join(state.form(f).label for f in self._recovered)
            lines.append(
                self.tr(
                    "Unsaved typing from %1 was recovered (%2) — check it and save (Ctrl+S) or "
                    "discard."
                )
                .replace("%1", local_time(newest))
                .replace("%2", forms)
            )
        for draft in self._unusable.values():
            lines.append(
                self.tr("The unsaved typing of %1 from %2 cannot be restored (%3).")
                .replace("%1", state.form(draft.form_id).label)
                .replace("%2", local_time(draft.saved_at))
                .replace("%3", draft.problem or "")
            )
        for draft in self._stale.values():
            lines.append(
                self.tr(
                    "Unsaved typing in %1 from %2 was not restored: this form was saved again "
                    "after it, at %3."
                )
                .replace("%1", state.form(draft.form_id).label)
                .replace("%2", local_time(draft.saved_at))
                .replace("%3", local_time(draft.form_saved_at or ""))
            )
        self._banner.show_message("recovered", "\n".join(lines), self.tr("&Discard"))

    def _on_banner_action_clicked(self) -> None:
        state = self._state
        if state is None:
            return
        for form_id in list(self._recovered) + list(self._unusable) + list(self._stale):
            self._autosave.discard(state.registry_id, form_id)
        for form_id in list(self._recovered):
            state.load_stored(state.stored(form_id))
            self.discarded.emit(form_id)
        self._recovered.clear()
        self._unusable.clear()
        self._stale.clear()
        self._banner.clear()

    def _on_autosave_written(self, registry_id: str, form_id: str) -> None:
        # New typing in the form replaced its stale draft in the store: nothing left to discard.
        state = self._state
        if state is not None and registry_id == state.registry_id and form_id in self._stale:
            del self._stale[form_id]
            self._show()
