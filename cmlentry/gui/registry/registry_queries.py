"""The registry window's queries: the tab, its dialogs, and every call of the query service.

:class:`RegistryQueries` owns the :class:`QueriesView` the window shows as its *Queries* tab and
answers its requests: it reads the queries, raises one (:class:`RaiseQueryDialog`), closes or
cancels one (the note asked with the query quoted), and sends a centre its queries now. Every
call of :class:`CentralQueryService` runs on the worker thread through :class:`Op`; a refusal
shows the service's sentence (:func:`cmlentry.gui.messages.show_error`) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QTabWidget, QWidget

from cmlentry.gui import messages
from cmlentry.gui.dialogs.query_dialog import QueryTextDialog
from cmlentry.gui.registry.ack_folder import AckFolder
from cmlentry.gui.registry.queries_view import QueriesView
from cmlentry.gui.registry.raise_query_dialog import RaiseQueryDialog
from cmlentry.gui.workers import Op
from cmlentry.services.queries import CANCELLED, REGISTRY
from cmlentry.services.registry.acks import ACCEPTED
from cmlentry.services.registry.importer import ImportOutcome
from cmlentry.services.registry.queries import CentralQueryInfo, CentralQueryService


class RegistryQueries(QObject):
    """The coordinator's queries in one window (a QObject: ``self.tr`` and signals)."""

    queries_loaded = Signal()
    """The queries were (re)read from the registry database."""
    query_changed = Signal(object)
    """A query was raised, closed or cancelled here (the :class:`CentralQueryInfo`)."""
    queries_sent = Signal(object)
    """A centre's acknowledgement was written with its queries (the file's ``Path``)."""
    title_changed = Signal(str)
    """The tab's title, with how many queries wait for the coordinator."""
    said = Signal(str)
    """A sentence for the status bar: what was just done."""

    def __init__(self, window: QWidget, ack: AckFolder, username: str) -> None:
        super().__init__(window)
        self._window = window
        self._ack = ack
        self._username = username
        self._service: CentralQueryService | None = None
        self._known_cases: set[str] = set()
        self._centres: list[str] = []
        self._available = False
        self._reveal: str | None = None  # the query to show once the queries are read again
        self.view = QueriesView(window)
        self.view.raise_requested.connect(self.ask_raise)
        self.view.close_requested.connect(self.ask_close)
        self.view.cancel_requested.connect(self.ask_cancel)
        self.view.send_requested.connect(self.ask_send)

    def add_tab(self, tabs: QTabWidget) -> None:
        """Show the queries as a tab of ``tabs``: its title counts what waits, and it comes to
        the front when a query was raised, closed or cancelled."""
        tabs.addTab(self.view, self.title())
        self.title_changed.connect(lambda title: tabs.setTabText(tabs.indexOf(self.view), title))
        self.query_changed.connect(lambda _query: tabs.setCurrentWidget(self.view))

    # --- reading ----------------------------------------------------------------------------------

    def start(self, service: CentralQueryService) -> None:
        """Use ``service`` (the registry database is open) and read the queries."""
        self._service = service
        self.set_available(self._available)
        self.reload()

    def reload(self) -> None:
        """Read every query again, on the worker thread."""
        service = self._service
        if service is not None:
            Op(self.view, lambda _p, _c: (service.list(), service.held_cases())).success(
                self._on_listed
            ).run()

    def _on_listed(self, found: tuple[list[CentralQueryInfo], list[str]]) -> None:
        if self._service is None:
            return
        queries, held = found
        self._known_cases.update(held)
        self._known_cases.update(q.registry_id for q in queries)
        self.view.set_queries(queries, self._service.definitions.current, self._username)
        self.view.set_centres(self._centres)
        if self._reveal is not None:
            self.view.reveal(self._reveal)
            self._reveal = None
        self.title_changed.emit(self.title())
        self.queries_loaded.emit()

    def title(self) -> str:
        """The tab's title: how many answered queries wait to be closed, else how many wait."""
        to_close = self.view.model.to_close()
        if to_close:
            return self.tr("Queries (%n to close)", "", to_close)
        waiting = sum(1 for q in self.view.model.queries() if q.unresolved)
        return self.tr("Queries (%n waiting)", "", waiting) if waiting else self.tr("Queries")

    def set_centres(self, codes: Iterable[str]) -> None:
        """The registered centres (for the centre filter and for sending)."""
        self._centres = sorted(codes)
        self.view.set_centres(self._centres)

    def note_outcomes(self, outcomes: Iterable[ImportOutcome]) -> None:
        """The cases an import accepted: offered when a query is raised."""
        for outcome in outcomes:
            self._known_cases.update(
                a.registry_id for a in outcome.answers if a.outcome == ACCEPTED
            )

    def set_available(self, available: bool) -> None:
        """Whether the registry database may be used now (open, not locked, no import)."""
        self._available = available
        self.view.set_available(available and self._service is not None)

    # --- raising, closing, cancelling -------------------------------------------------------------

    def ask_raise(self) -> RaiseQueryDialog | None:
        """Open the dialog that raises a query (on the selected query's case, if any)."""
        if self._service is None:
            return None
        current = self.view.current()
        dialog = RaiseQueryDialog(
            self._service,
            sorted(self._known_cases),
            self._window,
            case=current.registry_id if current else "",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.query_raised.connect(self._on_query_raised)
        dialog.open()
        return dialog

    def _on_query_raised(self, query: CentralQueryInfo) -> None:
        self._known_cases.add(query.registry_id)
        self._reveal = query.id
        text = self.tr(
            "Query %1 raised on case %2. It reaches centre %3 with its next acknowledgement, or "
            "now with “Send to the centre…”."
        )
        self.said.emit(
            text.replace("%1", query.id[:8])
            .replace("%2", query.registry_id)
            .replace("%3", query.centre)
        )
        self.query_changed.emit(query)
        self.reload()

    def ask_close(self, query: CentralQueryInfo) -> QueryTextDialog:
        """Ask for an optional closing note, then close ``query``."""
        dialog = self._text_dialog(
            self.tr("Close a query"),
            self.tr(
                "Close this query: the answer of centre %1 settles it. The site sees it closed "
                "with the next acknowledgement. A note is optional."
            ).replace("%1", query.centre),
            query,
            label=self.tr("&Note:"),
            accept_label=self.tr("Close the query"),
            required=False,
        )
        dialog.accepted.connect(lambda: self.close_query(query.id, dialog.text))
        dialog.open()
        return dialog

    def ask_cancel(self, query: CentralQueryInfo) -> QueryTextDialog:
        """Ask why ``query`` is withdrawn, then cancel it."""
        dialog = self._text_dialog(
            self.tr("Cancel a query"),
            self.tr(
                "Cancel this query (it was raised by mistake or no longer applies). Say why: "
                "centre %1 reads it with the next acknowledgement."
            ).replace("%1", query.centre),
            query,
            label=self.tr("&Why:"),
            accept_label=self.tr("Cancel the query"),
            required=True,
        )
        dialog.accepted.connect(lambda: self.cancel_query(query.id, dialog.text or ""))
        dialog.open()
        return dialog

    def _text_dialog(
        self,
        title: str,
        intro: str,
        query: CentralQueryInfo,
        *,
        label: str,
        accept_label: str,
        required: bool,
    ) -> QueryTextDialog:
        dialog = QueryTextDialog(
            title,
            intro,
            self._window,
            label=label,
            accept_label=accept_label,
            required=required,
            quoted=self.view.model.detail(query),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def close_query(self, query_id: str, note: str | None) -> None:
        """Close a query on the worker thread; the service's refusal is shown as it says it."""
        service = self._service
        if service is not None:
            Op(self.view, lambda _p, _c: service.close(query_id, note or None)).success(
                self._on_query_finished
            ).run()

    def cancel_query(self, query_id: str, note: str) -> None:
        """Cancel a query on the worker thread, with its reason."""
        service = self._service
        if service is not None:
            Op(self.view, lambda _p, _c: service.cancel(query_id, note)).success(
                self._on_query_finished
            ).run()

    def _on_query_finished(self, query: CentralQueryInfo) -> None:
        # Not revealed: a closed query leaving the list of waiting ones is the feedback.
        if query.state == CANCELLED:
            text = self.tr(
                "Query %1 on case %2 cancelled. Centre %3 reads it with the next "
                "acknowledgement, or now with “Send to the centre…”."
            )
        else:
            text = self.tr(
                "Query %1 on case %2 closed. Centre %3 reads it with the next acknowledgement, "
                "or now with “Send to the centre…”."
            )
        self.said.emit(
            text.replace("%1", query.id[:8])
            .replace("%2", query.registry_id)
            .replace("%3", query.centre)
        )
        self.query_changed.emit(query)
        self.reload()

    # --- sending ----------------------------------------------------------------------------------

    def ask_send(self) -> None:
        """Choose the centre (when the filter or selection does not say it) and the folder,
        then write the centre's acknowledgement with its queries."""
        centre = self._centre_to_send()
        if centre is None:
            return
        chosen = QFileDialog.getExistingDirectory(
            self._window,
            self.tr("Where should the acknowledgement for %1 be written?").replace("%1", centre),
            str(self._ack.current()),
        )
        if chosen:
            self.send(centre, Path(chosen))

    def _centre_to_send(self) -> str | None:
        current = self.view.current()
        centre = self.view.centre() or (current.centre if current else None)
        if centre is not None:
            return centre
        codes = self._centres or sorted({q.centre for q in self.view.model.queries()})
        if len(codes) == 1:
            return codes[0]
        if not codes:
            messages.inform(
                self._window,
                self.tr("Send queries to a centre"),
                self.tr("No centre is registered yet, so there is nobody to send queries to."),
            )
            return None
        code, ok = QInputDialog.getItem(
            self._window,
            self.tr("Send queries to a centre"),
            self.tr("Which centre should get the registry's queries now?"),
            codes,
            0,
            False,
        )
        return code if ok and code else None

    def send(self, centre: str, folder: Path) -> None:
        """Write ``centre``'s acknowledgement again with its queries into ``folder``."""
        service = self._service
        if service is None:
            return
        (
            Op(self.view, lambda _p, _c: service.send(centre, folder))
            .with_progress(
                self.tr("Writing the queries for %1").replace("%1", centre), cancellable=False
            )
            .success(lambda path: self._on_sent(centre, path))
            .run()
        )

    def _on_sent(self, centre: str, path: Path) -> None:
        waiting = sum(
            1
            for q in self.view.model.queries()
            if q.centre == centre and q.origin == REGISTRY and q.unresolved
        )
        text = self.tr(
            "The acknowledgement for %1 was written again, with the registry's queries as they "
            "are now, to:\n%2\n\nSend this file to the centre; its site reads it with “Read "
            "acknowledgement…”."
        )
        counted = self.tr(
            "It carries %n query(ies) from the registry still open or answered.", "", waiting
        )
        messages.inform(
            self._window,
            self.tr("Queries written"),
            text.replace("%1", centre).replace("%2", str(path)) + "\n\n" + counted,
        )
        self.queries_sent.emit(path)

    def finish(self) -> None:
        """The registry database is closing: no more service calls."""
        self._service = None
        self.set_available(False)
        for dialog in self._window.findChildren(QDialog):
            if isinstance(dialog, RaiseQueryDialog | QueryTextDialog) and dialog.isVisible():
                dialog.reject()
