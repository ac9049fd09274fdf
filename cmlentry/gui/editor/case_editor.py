"""The case editor: the nine forms of one case, rendered from the form definition.

Header (registry ID, case status, forms complete, Save, Mark form complete, Close), banners
(recovered typing, a failed save), the list of forms on the left and the selected form on the
right. What is typed is in the :class:`CaseState` at every keystroke, and the calculated values
follow it. Leaving a field applies the conditions, checks the typed answers and saves the form on
the worker thread; a pause in typing autosaves a draft. Ctrl+S saves now; Ctrl+H shows the
focused field's history.

A change to a complete form asks its reason (naming the change) before it is saved; the reason
serves that change only, and cancelling puts the saved answers back and deletes the draft.

With the review services (:mod:`.editor_review`): SDV ticks and query markers beside the answers,
the queries panel on the right, and a signed case opened locked — read-only, no drafts, a banner
with Unlock… for the principal investigator.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from cmlentry.errors import CaseLocked, CmlentryError, ReasonRequired
from cmlentry.gui.editor import prompts
from cmlentry.gui.editor.autosave import AUTOSAVE_MS, Autosave, Snapshot, focus_text
from cmlentry.gui.editor.banner import Banner
from cmlentry.gui.editor.editor_header import EditorHeader
from cmlentry.gui.editor.editor_review import EditorReview
from cmlentry.gui.editor.field_actions import FieldActions
from cmlentry.gui.editor.findings import Findings, check, count_blocking
from cmlentry.gui.editor.form_nav import FormNavigation
from cmlentry.gui.editor.form_page import FormPage, commit_focused
from cmlentry.gui.editor.form_stack import FormStack
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.form_steps import FormSteps
from cmlentry.gui.editor.recovery import DraftRecovery
from cmlentry.gui.editor.save_key import SaveKey
from cmlentry.gui.editor.save_report import SaveReport
from cmlentry.gui.editor.saving import FormSaver, drain
from cmlentry.gui.editor.sdv_mark import SHORTCUT as VERIFY_SHORTCUT
from cmlentry.gui.messages import describe, show_error
from cmlentry.services.cases import COMPLETE, CaseService, SaveResult
from cmlentry.services.drafts import DraftService
from cmlentry.services.queries import QueryService
from cmlentry.services.review import ReviewService


class CaseEditor(QWidget):
    """Edits one case at a time; the main window shows it in place of the case list."""

    case_saved = Signal(str)
    """A save or a completion of the case returned (the list refreshes that row)."""
    save_state_changed = Signal(str)
    """A short text for the status bar: "Saved at 14:02", "Saving…", "Not saved: …"."""
    closed = Signal()
    """The person closed the case (after its typing was saved)."""

    def __init__(
        self,
        cases: CaseService,
        drafts: DraftService,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        review: ReviewService | None = None,
        queries: QueryService | None = None,
    ) -> None:
        """Make the editor; without ``review`` and ``queries`` it has no SDV marks, no queries
        and no locking of signed cases (each service brings its part)."""
        super().__init__(parent)
        self.setObjectName("case_editor")
        self._cases = cases
        self._definition = cases.definition
        self._state: CaseState | None = None
        self._saver: FormSaver | None = None
        self._findings = Findings()
        self._quiet = False  # flush(ask=False) is running: no question may be asked

        self.header = EditorHeader(self)
        self.recovered_banner = Banner("recovered_banner", self)
        self.error_banner = Banner("error_banner", self)
        self.navigation = FormNavigation(self._definition.forms, self)
        self.stack = FormStack(self)
        parts = (self.header, self.navigation, self.stack)
        self.review = EditorReview(review, queries, cases.ws.user.role, parts, self)
        self._lay_out()

        self.autosave = Autosave(drafts, self._draft_snapshot, autosave_ms, self)
        self._report = SaveReport(self.autosave, self.error_banner, self)
        self._recovery = DraftRecovery(drafts, self.autosave, self.recovered_banner, self)
        self._actions = FieldActions(cases, self.stack, self)
        self.steps = FormSteps(self, self.navigation, self.stack, lambda: self._state)
        SaveKey(self.save_now, self)
        for keys, slot in (
            ("Ctrl+H", self._actions.history_of_focus),
            (VERIFY_SHORTCUT, self.review.toggle_focused),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._connect()
        self.setEnabled(False)

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.review.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        for banner in (self.header, self.review.banner, self.recovered_banner, self.error_banner):
            layout.addWidget(banner)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.header.save_button.clicked.connect(self._on_save_button_clicked)
        self.header.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.header.close_button.clicked.connect(self._on_close_button_clicked)
        self.navigation.selectionModel().currentChanged.connect(self._on_navigation_current_changed)
        self.stack.edited.connect(self._on_stack_edited)
        self.stack.committed.connect(self._on_stack_committed)
        self.stack.override_requested.connect(self._actions.override)
        self.stack.history_requested.connect(self._actions.history)
        self.stack.removal_requested.connect(self._actions.remove_row)
        self._actions.changed.connect(self._on_actions_changed)
        self._actions.noted.connect(self._set_save_state)
        self._actions.reason_given.connect(self._save)
        self._actions.reason_refused.connect(self._put_back)
        self.stack.last_input_passed.connect(self._on_stack_last_input_passed)
        self._recovery.discarded.connect(self._on_recovery_discarded)
        self._report.changed.connect(self.save_state_changed)
        self.review.lock_changed.connect(self._on_review_lock_changed)
        self.review.noted.connect(self._set_save_state)
        self.review.case_changed.connect(self.case_saved)

    # --- public API -------------------------------------------------------------------------------

    @property
    def state(self) -> CaseState | None:
        return self._state

    @property
    def save_state(self) -> str:
        """The short text the status bar shows about saving."""
        return self._report.text

    @property
    def findings(self) -> Findings:
        return self._findings

    def page(self, form_id: str) -> FormPage:
        """The page of a form of the open case (made when first needed)."""
        return self.stack.page(form_id)

    def current_registry_id(self) -> str | None:
        return self._state.registry_id if self._state else None

    def current_form_id(self) -> str | None:
        return self.navigation.current_form_id() if self._state else None

    @property
    def locked(self) -> bool:
        """The open case is signed: read-only until it is unlocked."""
        return self.review.locked

    def open_case(
        self, registry_id: str, form_id: str | None = None, *, restore_draft: bool = True
    ) -> None:
        """Show a case, on ``form_id`` or its first form.

        The acting user's drafts of its forms are shown instead of their saved answers, with a
        banner saying so, and the editor opens on the newest of them unless ``form_id`` is given.
        """
        if self._state is not None:
            self.flush()
        try:
            case = self._cases.get_case(registry_id)
        except CmlentryError as exc:
            show_error(self, exc)
            return
        self._close_case()
        state = CaseState(self._definition, case)
        self._state = state
        self.stack.set_state(state)
        self._saver = FormSaver(self._cases, state, self)
        self._saver.saved.connect(self._on_saver_saved)
        self._saver.save_failed.connect(self._on_saver_save_failed)
        self._saver.completed.connect(self._on_saver_completed)
        self._saver.complete_failed.connect(self._on_saver_complete_failed)
        self._actions.bind(state)
        self.review.open(state)  # a signed case is locked from here on (lock_changed)
        recovered = []
        if restore_draft and self.locked:
            self._recovery.hold(state)  # shown as signed; the typing comes back at unlocking
        elif restore_draft:
            recovered = self._recovery.restore(state)
        self.setEnabled(True)
        self._revalidate()
        chosen = form_id or (recovered[0].form_id if recovered else self._definition.forms[0].id)
        self.navigation.select_form(chosen)
        page = self.stack.show_form(chosen, self._findings)
        self._update_header()
        address = self._recovery.focus(chosen)
        if address is None or not page.focus_address(*address):
            page.focus_first()
        if self._cases.ws.read_only:  # failed its check at start-up: read, never write
            self.stack.setEnabled(False)
            self.autosave.stop()
            self.error_banner.show_read_only()

    def flush(self, *, ask: bool = True) -> bool:
        """Save everything typed now and wait for it; False if something is left unsaved.

        What is left unsaved is written as a draft before this returns (whether that worked:
        :meth:`unsaved_typing_kept`). With ``ask`` False (the window locks itself or quits) no
        dialog is opened: a change to a complete form that has no reason yet is not saved but
        kept as a draft, and its reason is asked when it is next saved.
        """
        state, saver = self._state, self._saver
        if state is None or saver is None:
            return True
        self._quiet = not ask
        try:
            commit_focused(self)
            if not ask:
                self._actions.cancel_questions()
            self._actions.ask_reason_now()
            self._save_dirty()
            self._actions.ask_reason_now()  # the changes _save_dirty found need a reason
            saver.wait()
            dirty = [f.id for f in self._definition.forms if state.is_dirty(f.id)]
            for form_id in dirty:
                self.autosave.write_now(form_id)
            drain()  # the drafts are written before anything closes the workspace
        finally:
            self._quiet = False
        return not dirty

    def unsaved_typing_kept(self) -> bool:
        """Whether every form with unsaved typing has it in a draft (its last write worked)."""
        state = self._state
        if state is None:
            return True
        forms = [f.id for f in self._definition.forms if state.is_dirty(f.id)]
        return all(self.autosave.kept(form_id) for form_id in forms)

    def save_now(self) -> None:
        """Ctrl+S: save what is typed now, without waiting."""
        if self._state is None or self._saver is None:
            return
        if self.locked:
            self._set_save_state(self.tr("This case is signed and locked: unlock it to change it."))
            return
        commit_focused(self)
        self._save_dirty()
        if not self._saver.busy() and not self._report.failed:
            self._set_save_state(self.tr("Everything is saved"))

    # --- checking and showing ---------------------------------------------------------------------

    def _revalidate(self) -> None:
        """Check and recalculate the typed answers; show it all on the current page."""
        state = self._state
        assert state is not None
        self._findings = check(state, self._cases.today())
        page = self.stack.current_page()
        if page is not None:
            page.refresh(self._findings)
        self.navigation.show_state(state, self._findings.issues)
        self._update_header()

    def _update_header(self) -> None:
        state, form_id = self._state, self.navigation.current_form_id()
        if state is None or form_id is None:
            return
        self.header.show_case(state, len(self._definition.forms))
        count = count_blocking(self._findings.issues, form_id)
        read_only = self._cases.ws.read_only or self.locked
        self.header.show_form(state.is_complete(form_id), count, read_only=read_only)

    def _set_save_state(self, text: str) -> None:
        self._report.note(text)

    def _now(self) -> str:
        return self._cases.ws.clock().astimezone().strftime("%H:%M")

    def _close_case(self) -> None:
        if self._saver is not None:  # a late result (flush waited) must not reach the next case
            self._saver.blockSignals(True)
            if not self._saver.busy():
                self._saver.deleteLater()
            self._saver = None
        self.autosave.stop()
        self.stack.set_state(None)
        self.review.close()
        self._actions.bind(None)
        self._report.clear()
        self._recovery.clear()
        self._state = None
        self.header.show_case(None, 0)
        self.setEnabled(False)

    # --- saving -----------------------------------------------------------------------------------

    def _save_dirty(self) -> None:
        state, saver = self._state, self._saver
        assert state is not None and saver is not None
        for form in self._definition.forms:
            if state.is_dirty(form.id) and not saver.is_saving(form.id):
                self._save(form.id)

    def _save(self, form_id: str, reason: str | None = None) -> None:
        """Save a form on the worker; a complete form first needs the reason of its change."""
        state, saver = self._state, self._saver
        assert state is not None and saver is not None
        if self.locked:  # signed meanwhile: the typing stays on screen (and in its draft)
            return
        reason = reason or saver.reasons.get(form_id)
        if state.is_complete(form_id):
            if reason is None:
                if not self._quiet:  # else left unsaved, in its draft, until the next save
                    self._actions.ask_reason_later(form_id)  # then saved, or put back
                return
            saver.reasons[form_id] = reason
        self.autosave.forget(form_id)
        self._set_save_state(self.tr("Saving…"))
        saver.save(form_id, reason)

    def _put_back(self, form_id: str) -> None:
        """The change of a complete form was cancelled: show the saved answers again, and delete
        its draft so the cancelled change never comes back as recovered typing."""
        assert self._state is not None
        self._state.load_stored(self._state.stored(form_id))
        self.autosave.discard(self._state.registry_id, form_id)
        self._recovery.forget(form_id)
        if form_id in self.stack.pages:
            self.stack.pages[form_id].show_values()
        self._revalidate()

    def _commit_form(self, form_id: str, reason: str | None = None) -> None:
        """A value is finished: conditions, checks, and a save if the form changed."""
        assert self._state is not None
        self._state.apply_conditions()
        self._revalidate()
        if self._state.is_dirty(form_id):
            self._save(form_id, reason)

    def _on_saver_saved(self, registry_id: str, form_id: str, _result: SaveResult) -> None:
        self.case_saved.emit(registry_id)
        if self._state is None or registry_id != self._state.registry_id:
            return
        self._report.saved(form_id)
        self._recovery.forget(form_id)
        self._set_save_state(self.tr("Saved at %1").replace("%1", self._now()))
        self._revalidate()
        self.review.reload()  # the service dropped the marks of the answers that changed

    def _on_saver_save_failed(self, registry_id: str, form_id: str, exc: BaseException) -> None:
        state = self._state
        if state is None or registry_id != state.registry_id:
            show_error(self, exc)
            return
        if isinstance(exc, ReasonRequired):
            # The form was marked complete elsewhere in the meantime: ask, then save again.
            state.set_status(form_id, COMPLETE)
            self._save(form_id)
            return
        self._report.save_failed(form_id, exc)
        self.autosave.write_now(form_id)  # the banner says "kept as a draft" once it is
        self._revalidate()
        if isinstance(exc, CaseLocked):  # signed in another window: show it signed, locked
            self.review.reload()
            show_error(self, exc)

    def _on_saver_completed(self, registry_id: str, form_id: str) -> None:
        self.case_saved.emit(registry_id)
        if self._state is None or registry_id != self._state.registry_id:
            return
        label = self._definition.forms_by_id[form_id].label
        self._set_save_state(
            self.tr("%1 marked complete at %2").replace("%1", label).replace("%2", self._now())
        )
        self._revalidate()
        self.steps.after_completed(form_id)

    def _on_saver_complete_failed(self, _rid: str, _form_id: str, exc: BaseException) -> None:
        self._set_save_state(self.tr("Not marked complete: %1").replace("%1", describe(exc)))
        show_error(self, exc)

    # --- slots ------------------------------------------------------------------------------------

    def _on_navigation_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        form_id = self.navigation.current_form_id()
        if self._state is not None and form_id is not None and current.isValid():
            self.stack.show_form(form_id, self._findings)
            self._update_header()

    def _on_stack_edited(self, form_id: str) -> None:
        if self._state is None:
            return
        self.autosave.touch(form_id)
        self._findings.derived = self._state.derived()
        page = self.stack.page(form_id)
        page.refresh_derived(self._findings.derived)
        page.refresh_marks()  # an answer being changed shows no tick
        self._set_save_state(self.tr("Not saved yet"))

    def _on_stack_committed(self, form_id: str) -> None:
        if self._state is not None:
            self._commit_form(form_id)

    def _on_actions_changed(self, form_id: str, reason: str | None) -> None:
        if self._state is not None:
            self._commit_form(form_id, reason)

    def _on_stack_last_input_passed(self, _form_id: str) -> None:
        # Decided once the last field's leave has been checked: it may be what completes it.
        QTimer.singleShot(0, self._focus_complete_or_save)

    def _focus_complete_or_save(self) -> None:
        button = self.header.complete_button
        (button if button.isEnabled() else self.header.save_button).setFocus()

    def _on_recovery_discarded(self, form_id: str) -> None:
        if form_id in self.stack.pages:
            self.stack.pages[form_id].show_values()
        self._revalidate()

    def _on_review_lock_changed(self, locked: bool) -> None:
        """Signed (read-only, no drafts) or unlocked (editable again, held drafts restored)."""
        state = self._state
        self._actions.locked = locked
        if state is None:
            return
        if locked:
            self.autosave.stop()
        for draft in [] if locked else self._recovery.release():
            if draft.form_id in self.stack.pages:
                self.stack.pages[draft.form_id].show_values()
        try:
            state.case_status = self._cases.get_case(state.registry_id).status
        except CmlentryError as exc:  # the header keeps the status it had
            show_error(self, exc)
        self._revalidate()

    def _on_save_button_clicked(self) -> None:
        self.save_now()

    def _on_complete_button_clicked(self) -> None:
        form_id = self.navigation.current_form_id()
        if self.locked:
            return
        if self._state is not None and self._saver is not None and form_id is not None:
            commit_focused(self)
            if self._state.is_dirty(form_id) and not self._saver.is_saving(form_id):
                self._save(form_id)
            self._set_save_state(self.tr("Marking complete…"))
            self._saver.complete(form_id)

    def _on_close_button_clicked(self) -> None:
        saved = self.flush()
        if not saved and not prompts.confirm_close_unsaved(self, kept=self.unsaved_typing_kept()):
            return
        self._close_case()
        self.closed.emit()

    def _draft_snapshot(self, form_id: str) -> Snapshot | None:
        state = self._state
        if state is None:
            return None
        page = self.stack.pages.get(form_id)
        address = page.focused_address() if page is not None else None
        focus = focus_text(*address) if address else None
        return state.registry_id, state.draft_groups(form_id), focus
