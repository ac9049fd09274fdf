"""Screenshots of the PI's review (``make screenshots`` runs them after the others).

The review queue, the sign dialog, the case list with signed cases and queries, a signed case in
the editor, the queries panel and answering a query — on the demo workspace, which comes with
cases signed, queried and waiting (``services/demo_review.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.settings import Settings
from cmlentry.services.cases import RowData
from cmlentry.services.desk import Desk
from cmlentry.services.workspace import open_workspace
from tests.harness.screenshots import WINDOW_SIZE, Shooter


def review_screens(shot: Shooter, folder: Path, settings: Settings) -> None:
    """The PI's review over the demo: signed cases and queries in the list, the queue, signing.

    The demo comes with cases signed, queried and waiting (``services/demo_review.py``); here the
    PI also unlocks one signed case and corrects an answer, through the services, so that the
    queue shows what changed since a signature.
    """
    from cmlentry.gui.case_row import Column
    from cmlentry.gui.review import ReviewDialog, SignDialog
    from cmlentry.services.demo import DEMO_PASSWORD, DEMO_PI

    with open_workspace(folder, DEMO_PI.username, DEMO_PASSWORD, policy=OWASP_FLOOR) as ws:
        desk = Desk.for_workspace(ws)
        review = desk.review
        ready = [e.registry_id for e in review.queue() if e.ready]
        signed = [c.registry_id for c in desk.cases.list_cases() if c.locked]
        while len(signed) < 2 and ready:  # a small demo may have signed too few
            registry_id = ready.pop()
            review.sign(registry_id, DEMO_PI.username, DEMO_PASSWORD)
            signed.append(registry_id)
        corrected, still_signed = signed[0], signed[1]
        review.unlock(corrected, "correction after source verification")
        stored = desk.cases.get_case(corrected).forms["patient"].groups["patient"][0]
        sex = "M" if stored.entries["sex"].value == "F" else "F"
        desk.cases.save_form(
            corrected,
            "patient",
            {"patient": [RowData(stored.key, {**stored.entries, "sex": Entry(sex)})]},
            reason="transcription error corrected",
        )

        window = MainWindow(desk, settings, demo=True)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.case_list.table.sortByColumn(Column.STATUS, Qt.SortOrder.DescendingOrder)
        shot.shoot(window, "case-list-signed-and-queries")

        window.main_actions.review.trigger()
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog))
        shot.wait_until(lambda: dialog.loaded)
        dialog.resize(1100, 720)
        dialog.select_case(corrected)
        shot.wait_until(lambda: dialog.detail.loaded)
        shot.shoot(dialog, "review-queue")

        dialog.sign_button.click()
        signer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignDialog))
        QTest.keyClicks(signer.username_field, DEMO_PI.username)
        QTest.keyClicks(signer.password_field, "********")
        shot.shoot(signer, "sign-dialog")
        signer.reject()

        dialog.select_case(still_signed)
        shot.wait_until(lambda: dialog.detail.loaded)
        shot.shoot(dialog, "review-signed")
        dialog.reject()

        # The signed case in the editor: read-only under the lock banner (Unlock… for the PI),
        # the diagnosis form's answers ticked as verified against source.
        window.open_case(still_signed, "diagnosis")
        shot.shoot(window, "editor-signed-verified")
        window.finish()
        window.hide()
        window.deleteLater()


def editor_queries(shot: Shooter, folder: Path, settings: Settings) -> None:
    """The demo nurse on a case with an open query: the queries panel, then answering it."""
    from PySide6.QtCore import QTimer

    from cmlentry.gui.dialogs.query_dialog import QueryTextDialog
    from cmlentry.services.demo import DEMO_NURSE, DEMO_PASSWORD
    from cmlentry.services.queries import OPEN

    with open_workspace(folder, DEMO_NURSE.username, DEMO_PASSWORD, policy=OWASP_FLOOR) as ws:
        desk = Desk.for_workspace(ws)
        queried = next(c for c in desk.cases.list_cases() if c.open_queries and not c.locked)
        query = next(q for q in desk.queries.for_case(queried.registry_id) if q.state == OPEN)
        window = MainWindow(desk, settings, demo=True)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.open_case(queried.registry_id)  # the panel opens by itself: a query waits
        panel = window.editor.review.panel
        panel.select(query.id)  # shows the queried answer, with its marker, in the form
        shot.shoot(window, "editor-queries-panel")

        def answer_dialog() -> None:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QueryTextDialog) and w.isVisible()
            ]
            if not shown:  # not on screen yet: look again
                QTimer.singleShot(20, answer_dialog)
                return
            dialog = shown[0]
            QTest.keyClicks(
                dialog.text_box, "Checked against the laboratory report of that day: it is right."
            )
            shot.shoot(dialog, "query-answer")
            dialog.reject()

        QTimer.singleShot(0, answer_dialog)  # Answer… runs the dialog in its own event loop
        panel.answer_button.click()
        window.finish()
        window.hide()
        window.deleteLater()
