"""The case list with 10,000 cases: open, filter keystrokes, sorts; and ``list_cases()``.

Qt runs on the ``offscreen`` platform (software rendering into memory, no display); a real
screen adds the compositor's share. "Painted" means that what the change affects has received
its paint event: the control used and, when rows came, went or moved, the table's viewport
(``processEvents`` until then).

The GUI part works on 10,000 generated :class:`CaseSummary` objects (:func:`summaries`). The
service part reads the same 10,000 cases from a real workspace (default key-slot policy,
``CaseService(ws).list_cases()``). They are written as ``Case`` rows through the storage
models, 2,000 per audited transaction of ``Workspace.write``, in about a second: the service's
``create_case`` commits one case per transaction (about 3 ms each here) and stops at sequence
9,999, since one centre cannot hold 10,000 cases. The cases come from two centres, FR-086 and
FR-075, 5,000 each, as in a coordinator's view; ``cases.sequence`` is unique across centres,
so FR-075's cases get sequences 5,001-10,000. Only the ``cases`` table is filled (no forms or
answers): ``list_cases()`` reads nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bench.common import PASSWORD, SITE, USERNAME, Summary, local_tempdir, now
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.gui.case_list_widget import CaseListWidget
from cmlentry.gui.case_row import Column, SortRole
from cmlentry.gui.case_table_model import CaseTableModel
from cmlentry.services import workspace as svc
from cmlentry.services.cases import CaseService, CaseSummary
from cmlentry.services.definitions import installed_definitions
from cmlentry.storage.models import Case

FORMS = 9
CENTRES = ("086", "075")
WRITE_BATCH = 2_000
# (status, weight): most cases of a registry in its first years are drafts or acknowledged.
STATUS_MIX = [
    ("draft", 35),
    ("complete", 10),
    ("signed", 10),
    ("exported", 15),
    ("acknowledged", 30),
]
# What a person types, a keystroke each: an ID with dashes, corrected back to "FR-" and on to
# the other centre; the clear button; an ID without dashes; words of a reason.
BACKSPACE, CLEAR = "\b", "\x00"
TYPING = [*"FR-086-0123", *[BACKSPACE] * 8, *"075", CLEAR, *"0750042", CLEAR, *"relapse"]


def summaries(count: int, seed: int = 20261121) -> list[CaseSummary]:
    """``count`` case summaries with the mix of states, reasons, dates and counts of a registry."""
    rng = random.Random(seed)
    reasons = list(installed_definitions().current.codelists["form_a_reason"])
    start = dt.datetime(2024, 1, 8, 7, 0, tzinfo=dt.UTC)
    states = [status for status, weight in STATUS_MIX for _ in range(weight)]
    per_centre = -(-count // len(CENTRES))
    made = []
    for serial in range(count):
        centre, sequence = CENTRES[serial // per_centre], serial % per_centre + 1
        status = rng.choice(states)
        done = rng.randint(0, FORMS - 1) if status == "draft" else FORMS
        reason = rng.choice(reasons) if done == FORMS or rng.random() < 0.6 else None
        errors = rng.randint(1, 27) if status == "draft" and rng.random() < 0.7 else 0
        warnings = rng.randint(0, 3) if status == "draft" else 0
        when = start + dt.timedelta(seconds=rng.randint(0, 1_000 * 86400))  # to 2026-10
        made.append(
            CaseSummary(
                str(RegistryId("FR", centre, sequence)),
                status,
                reason,
                when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                done,
                FORMS,
                errors,
                warnings,
            )
        )
    return made


# --- the widget ----------------------------------------------------------------------------------


def _qt() -> QApplication:
    """The QApplication (offscreen unless a platform was chosen), made once per process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_quiet)
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages to stderr, less the offscreen platform's notice at every new window."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class _Painted(QObject):
    """Runs the event loop until what a change affects has painted again.

    That is the control that was used and, when rows came, went or moved, the table's
    viewport. A keystroke that leaves the same rows shown repaints only the search field.
    """

    def __init__(self, app: QApplication, widget: CaseListWidget) -> None:
        super().__init__()
        self.app, self.viewport = app, widget.table.viewport()
        self.painted: set[QObject] = set()
        self.rows_changed = False
        for watched in (self.viewport, widget.search_field, widget.status_filter):
            watched.installEventFilter(self)
        widget.problems_only.installEventFilter(self)
        proxy = widget.proxy
        for signal in (
            proxy.modelReset,
            proxy.layoutChanged,
            proxy.rowsInserted,
            proxy.rowsRemoved,
        ):
            signal.connect(self._on_proxy_rows_changed)

    def _on_proxy_rows_changed(self, *_args: object) -> None:
        self.rows_changed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        if event.type() == QEvent.Type.Paint:
            self.painted.add(watched)
        return False

    def reset(self) -> None:
        self.painted.clear()
        self.rows_changed = False

    def wait(self, start: float, control: QWidget | None = None, limit: float = 10.0) -> float:
        """Seconds from ``start`` until the control and, if rows changed, the table painted."""
        needed: set[QObject] = set() if control is None else {control}
        if self.rows_changed or control is None:
            needed.add(self.viewport)
        while not needed <= self.painted:
            self.app.processEvents()
            if now() - start > limit:
                raise RuntimeError("the case list did not paint")
        return now() - start

    def time(
        self, action: Callable[[], object], control: QWidget | None = None
    ) -> tuple[float, float]:
        """Seconds until ``action`` returned, and until what it changed had painted."""
        self.reset()
        start = now()
        action()
        returned = now() - start
        return returned, self.wait(start, control)


def _widget(app: QApplication, cases: list[CaseSummary]) -> tuple[CaseListWidget, _Painted, float]:
    """A shown case list (1280 x 800) and the seconds from construction to its first paint."""
    labels = installed_definitions().current.codelists["form_a_reason"]
    start = now()
    widget = CaseListWidget(lambda: cases, labels)
    widget.resize(1280, 800)
    painted = _Painted(app, widget)
    widget.show()
    return widget, painted, painted.wait(start)


def _close(app: QApplication, widget: CaseListWidget) -> None:
    widget.close()
    widget.deleteLater()
    app.processEvents()


def _keystroke(widget: CaseListWidget, key: str) -> None:
    field = widget.search_field
    if key == BACKSPACE:
        QTest.keyClick(field, Qt.Key.Key_Backspace)
    elif key == CLEAR:
        field.clear()  # what the clear button does
    else:
        QTest.keyClicks(field, key)


def _qt_proxy_sort(cases: list[CaseSummary]) -> float:
    """For comparison: Qt's own proxy sort by SortRole, which asks ``data()`` for every key."""
    model = CaseTableModel(installed_definitions().current.codelists["form_a_reason"])
    model.set_cases(cases)
    proxy = QSortFilterProxyModel()
    proxy.setSortRole(SortRole)
    proxy.setSourceModel(model)
    start = now()
    proxy.sort(Column.UPDATED, Qt.SortOrder.AscendingOrder)
    return now() - start


def gui(count: int, runs: int) -> dict[str, Any]:
    """Open, filter and sort the case list with ``count`` generated cases."""
    app = _qt()
    cases = summaries(count)
    opens, reloads = [], []
    for _ in range(runs):
        widget, painted, total = _widget(app, cases)
        opens.append(total)
        reloads.append(painted.time(functools.partial(widget.set_cases, cases))[1])
        _close(app, widget)
    widget, painted, _total = _widget(app, cases)
    widget.search_field.setFocus()
    refilters, keystrokes, shown = [], [], []
    for key in TYPING:
        keystroke = functools.partial(_keystroke, widget, key)
        refilter, total = painted.time(keystroke, widget.search_field)
        refilters.append(refilter)
        keystrokes.append(total)
        shown.append(widget.proxy.rowCount())
    widget.search_field.clear()
    app.processEvents()
    status = [
        painted.time(
            functools.partial(widget.status_filter.setCurrentIndex, index), widget.status_filter
        )[1]
        for index in (1, 5, 0)  # draft, acknowledged, all
    ]
    problems = [
        painted.time(widget.problems_only.toggle, widget.problems_only)[1] for _ in range(2)
    ]
    sorts: dict[str, dict[str, float]] = {}
    for column in Column:
        sorts[column.name.lower()] = {
            order.name: painted.time(functools.partial(widget.table.sortByColumn, column, order))[1]
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder)
        }
    _close(app, widget)
    return {
        "qt_proxy_sort": _qt_proxy_sort(cases),
        "cases": count,
        "open": Summary.of(opens).as_dict(),
        "reload": Summary.of(reloads).as_dict(),
        "keystroke": Summary.of(keystrokes).as_dict(),
        "refilter": Summary.of(refilters).as_dict(),
        "rows_shown": {"min": min(shown), "max": max(shown)},
        "status_filter": Summary.of(status).as_dict(),
        "problems_toggle": Summary.of(problems).as_dict(),
        "sort": sorts,
    }


# --- the service ---------------------------------------------------------------------------------


def _store(ws: svc.Workspace, cases: list[CaseSummary]) -> None:
    for first in range(0, len(cases), WRITE_BATCH):
        with ws.write() as session:
            session.add_all(
                Case(
                    registry_id=case.registry_id,
                    sequence=first + offset + 1,
                    status=case.status,
                    created_at=case.updated_at,
                    updated_at=case.updated_at,
                    forms_complete=case.forms_complete,
                    open_errors=case.open_errors,
                    open_warnings=case.open_warnings,
                    form_a_reason=case.form_a_reason,
                )
                for offset, case in enumerate(cases[first : first + WRITE_BATCH])
            )


def service(count: int, runs: int) -> dict[str, Any]:
    """``CaseService.list_cases()`` on a real workspace holding ``count`` cases; then open."""
    app = _qt()
    cases = summaries(count)
    with local_tempdir("caselist") as tmp:
        folder = tmp / "ws"
        svc.create_workspace(folder, SITE, USERNAME, "Bench Admin", PASSWORD).workspace.close()
        with svc.open_workspace(folder, USERNAME, PASSWORD) as ws:
            start = now()
            _store(ws, cases)
            fill = now() - start
            listing = CaseService(ws)
            first = now()
            read = listing.list_cases()
            first = now() - first
            if len(read) != count:
                raise RuntimeError(f"wrote {count} cases, list_cases() read {len(read)}")
            lists = []
            for _ in range(runs):
                start = now()
                listing.list_cases()
                lists.append(now() - start)
            together = []
            for _ in range(runs):
                start = now()
                widget, _painted, _total = _widget(app, listing.list_cases())
                together.append(now() - start)
                _close(app, widget)
            db_path = ws.folder.db_path
        db_bytes = db_path.stat().st_size  # closed: the WAL is checkpointed into the file
    return {
        "cases": count,
        "fill_seconds": fill,
        "db_bytes": db_bytes,
        "first_list": first,
        "list_cases": Summary.of(lists).as_dict(),
        "list_and_open": Summary.of(together).as_dict(),
    }
