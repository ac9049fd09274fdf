"""The case editor: opening a case (all nine forms rendered from the definition, validated and
calculated), going from form to form, and a field left until its save has committed.

Runs on a demo workspace (synthetic, complete cases with repeating rows), offscreen unless a Qt
platform is chosen. The editor is the real one with the real services; a "save" is the time
from leaving a changed field to ``case_saved`` (the worker thread's COMMIT and the read back).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.case_list_bench import _qt
from bench.common import Summary, local_tempdir, now
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.gui import workers
from cmlentry.gui.editor import CaseEditor
from cmlentry.services.cases import CaseService
from cmlentry.services.demo import make_demo_workspace
from cmlentry.services.drafts import DraftService
from cmlentry.services.workspace import open_workspace


def _wait(condition: Any, app: QApplication, limit_s: float = 30) -> None:
    deadline = now() + limit_s
    while not condition():
        if now() > deadline:
            raise TimeoutError("the editor did not finish in time")
        app.processEvents()


def editor(runs: int) -> dict[str, Any]:
    app = _qt()
    with local_tempdir("editor") as tmp:
        demo = make_demo_workspace(tmp / "demo", cases=20)
        with open_workspace(demo.folder, demo.username, demo.password, policy=OWASP_FLOOR) as ws:
            cases = CaseService(ws)
            summaries = cases.list_cases()
            full = max(summaries, key=lambda c: c.forms_complete)
            drafts_ = [c for c in summaries if c.forms_complete == 0][:1] or summaries[:1]
            editor = CaseEditor(cases, DraftService(ws, cases))
            editor.resize(1280, 800)
            editor.show()
            opens, switches, saves = [], [], []
            for run in range(runs):
                target = full if run % 2 == 0 else drafts_[0]
                start = now()
                editor.open_case(target.registry_id, "patient")
                app.processEvents()
                opens.append(now() - start)
            editor.open_case(full.registry_id, "patient")
            forms = [form.id for form in cases.definition.forms]
            for run in range(runs):
                start = now()
                editor.navigation.select_form(forms[run % len(forms)])
                app.processEvents()
                switches.append(now() - start)
            editor.open_case(drafts_[0].registry_id, "patient")
            field = editor.page("patient").fields["birth_month"]
            for run in range(runs):
                saved: list[str] = []
                editor.case_saved.connect(saved.append)
                field.input.setFocus()
                QTest.keySequence(field.input, QKeySequence.StandardKey.SelectAll)
                QTest.keyClicks(field.input, str(1 + run % 12))
                start = now()
                editor.page("patient").fields["prospective_study"].input.setFocus()
                _wait(lambda saved=saved: bool(saved), app)
                saves.append(now() - start)
                editor.case_saved.disconnect(saved.append)
            editor.flush()
            workers.wait_for_done()
            editor.close()
            QCoreApplication.processEvents()
    return {
        "runs": runs,
        "open": Summary.of(opens).as_dict(),
        "switch": Summary.of(switches).as_dict(),
        "save": Summary.of(saves).as_dict(),
    }
