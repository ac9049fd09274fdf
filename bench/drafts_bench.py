"""The desktop application's background writes: the autosave of a draft, the run's heartbeat,
and making the demo workspace of ``cmlentry gui --demo``.

An autosave is ``DraftService.put`` of a whole form as the editor holds it (one upsert in one
audited-path transaction that writes no audit row), repeated on the same form as the editor's
timer would; the heartbeat is ``SessionService.heartbeat`` (one UPDATE). Both run on a real
workspace with the default key-slot policy, whose audit trail already holds the cases' saves.
The form autosaved is the assessments form with ``assessment_rows`` rows (the largest form a
nurse keeps open). For comparison, ``CaseService.save_form`` of the same form with one answer
changed is timed too.

The demo is ``make_demo_workspace`` with its defaults (150 cases, key slots at OWASP's floor):
what a newcomer waits for, from nothing to a workspace ready to unlock.
"""

from __future__ import annotations

from typing import Any

from bench.common import PASSWORD, SITE, USERNAME, Summary, local_tempdir, now, timed_calls
from cmlentry.domain.values import Entry
from cmlentry.services import workspace as svc
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.drafts import DraftService
from cmlentry.services.sessions import SessionService

CASES = 20


def _assessments(rows: int, serial: int) -> dict[str, list[RowData]]:
    """``rows`` assessments, all keyed as new; ``serial`` changes one value per autosave."""
    return {
        "assessment": [
            RowData(
                None,
                {
                    "assessment_date": Entry(f"2006-{1 + row % 12:02d}-{1 + row // 12:02d}"),
                    "a_wbc": Entry(f"{5 + (row + serial) % 7}.{serial % 10}"),
                    "a_platelets": Entry(str(200 + row)),
                    "a_pb_basophils": Entry("1"),
                    "a_immature_cells": Entry("N"),
                    "a_spleen_cm": Entry("0"),
                    "ph_positive_pct": Entry(str(row % 100)),
                    "metaphases_counted": Entry("20"),
                    "phase_reported": Entry("CP"),
                },
            )
            for row in range(rows)
        ]
    }


def drafts(runs: int, assessment_rows: int = 20) -> dict[str, Any]:
    """``runs`` autosaves and heartbeats, and a few saves of the same form for comparison."""
    with local_tempdir("drafts") as tmp:
        folder = tmp / "ws"
        svc.create_workspace(folder, SITE, USERNAME, "Bench Admin", PASSWORD).workspace.close()
        with svc.open_workspace(folder, USERNAME, PASSWORD) as ws:
            cases = CaseService(ws)
            ids = [cases.create_case() for _ in range(CASES)]
            for serial, registry_id in enumerate(ids):
                cases.save_form(registry_id, "assessments", _assessments(assessment_rows, serial))
            target = ids[-1]
            service = DraftService(ws, cases)
            sessions = SessionService(ws, cases)
            sessions.start()
            puts, beats = [], []
            for serial in range(runs):
                form = _assessments(assessment_rows, serial)
                start = now()
                service.put(target, "assessments", form, focus="assessment/3/a_wbc")
                puts.append(now() - start)
                start = now()
                sessions.heartbeat()
                beats.append(now() - start)
            payload = len(service.get(target, "assessments").groups["assessment"])  # type: ignore[union-attr]
            saves = []
            stored = cases.get_case(target).forms["assessments"].groups["assessment"]
            for serial in range(max(3, runs // 20)):
                # As the editor saves: the stored rows with their keys, one answer changed.
                changed = [RowData(row.key, dict(row.entries)) for row in stored]
                changed[3].entries["a_wbc"] = Entry(f"{5 + serial % 7}.{serial % 9}")  # type: ignore[index]
                start = now()
                cases.save_form(target, "assessments", {"assessment": changed})
                saves.append(now() - start)
            sessions.end()
    return {
        "runs": runs,
        "assessment_rows": assessment_rows,
        "rows_read_back": payload,
        "put": Summary.of(puts).as_dict(),
        "heartbeat": Summary.of(beats).as_dict(),
        "save_form": Summary.of(saves).as_dict(),
    }


def demo(cases: int) -> dict[str, Any]:
    """``make_demo_workspace`` of ``cases`` cases with its defaults; the time by part."""
    from cmlentry.crypto import keyslots
    from cmlentry.services import cases as case_module
    from cmlentry.services.demo import make_demo_workspace

    parts = [
        (keyslots, "_argon2id_kek", "argon2id"),
        (case_module.CaseService, "create_case", "create_case"),
        (case_module.CaseService, "save_form", "save_form"),
        (case_module.CaseService, "mark_complete", "mark_complete"),
    ]
    counted: dict[str, int] = {}

    def count(done: int, _total: int) -> None:
        counted["cases"] = done

    with local_tempdir("demo") as tmp, timed_calls(parts) as spent:
        start = now()
        made = make_demo_workspace(tmp / "demo", cases=cases, progress=count)
        total = now() - start
        db_bytes = (made.folder / "cmlentry.db").stat().st_size
    return {
        "cases": counted.get("cases", 0),
        "seconds": total,
        "parts": {label: spent.get(label, 0.0) for _owner, _attr, label in parts},
        "db_bytes": db_bytes,
    }
