"""Unlock and save, measured on a real workspace with the default key-slot policy.

Unlock is ``open_workspace(folder, user, password)`` (Argon2id m=64 MiB, t=3, p=4), the
workspace closed between runs. Its parts are timed inside the real call by wrapping, for the
length of the benchmark, the functions ``open_workspace`` looks up at call time
(:func:`bench.common.timed_calls`). A save is :func:`bench.workload.save` through
``Workspace.write``; its parts are split with an engine ``commit`` event.
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event

import cmlentry.services.workspace as svc
import cmlentry.storage.workspace as storage_workspace
from bench import workload
from bench.common import PASSWORD, SITE, USERNAME, Summary, local_tempdir, now, timed_calls
from cmlentry.crypto import keyslots
from cmlentry.errors import WrongCredentials
from cmlentry.storage import audit, migrate
from cmlentry.storage import engine as storage_engine
from cmlentry.storage.slotfile import SlotFile
from cmlentry.storage.workspace import Database

BATCH_ROWS = 10_000

# (owner, attribute, label): what one unlock is made of.
UNLOCK_PARTS: list[tuple[Any, str, str]] = [
    (storage_workspace, "unsafe_storage_kind", "mount_check"),
    (keyslots, "open_slot", "kdf"),
    (svc, "_open_database", "open_database"),
    (storage_engine, "connect_raw", "keyed_connect"),
    (migrate, "current_revision", "revision_read"),
    (migrate, "known_revisions", "alembic_scripts"),
    (migrate, "head_revision", "alembic_scripts"),
    (Database, "quick_check", "quick_check"),
    (svc, "_login", "login"),
    (svc, "_flush_pending_events", "pending_events"),
]
TOP_LEVEL = ("kdf", "open_database", "login")


def make_workspace(folder: Path) -> None:
    """A new workspace with its first administrator, default KDF policy; left closed."""
    created = svc.create_workspace(folder, SITE, USERNAME, "Bench Admin", PASSWORD)
    created.workspace.close()


def fill_trail(folder: Path, rows: int) -> dict[str, float]:
    """Append ``rows`` audit rows (data-entry field changes) in transactions of 10,000."""
    start = now()
    with svc.open_workspace(folder, USERNAME, PASSWORD) as ws:
        done = 0
        while done < rows:
            count = min(BATCH_ROWS, rows - done)
            with ws.write() as session:
                audit.append(session.connection(), ws.audit(), workload.trail_rows(done, count))
            done += count
    return {"seconds": now() - start, "db_bytes": (folder / "cmlentry.db").stat().st_size}


def _one_unlock(folder: Path) -> dict[str, float]:
    with timed_calls(UNLOCK_PARTS) as spent:
        start = now()
        ws = svc.open_workspace(folder, USERNAME, PASSWORD)
        total = now() - start
    ws.close()
    parts = {label: spent.get(label, 0.0) for _owner, _attr, label in UNLOCK_PARTS}
    parts["total"] = total
    parts["lock_and_slot_file"] = total - sum(parts[label] for label in TOP_LEVEL)
    return parts


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: Summary.of([run[key] for run in runs]).median for key in runs[0]}


def kdf_alone(folder: Path, runs: int) -> Summary:
    """Argon2id + unwrap (``keyslots.open_slot``) on the user's slot, nothing else."""
    slots = SlotFile.load(folder / "keyslots.json")
    slot = keyslots.KeySlot.from_json(slots.slots[SlotFile.user_key(USERNAME)])
    samples = []
    for _ in range(runs):
        start = now()
        keyslots.open_slot(slot, slots.workspace_id, PASSWORD)
        samples.append(now() - start)
    return Summary.of(samples)


def unlock(runs: int) -> dict[str, Any]:
    """Unlock of a new workspace in a warm process: totals, parts, and the KDF alone."""
    with local_tempdir("unlock") as tmp:
        folder = tmp / "ws"
        make_workspace(folder)
        _one_unlock(folder)  # the first unlock in a process also imports and caches; not counted
        measured = [_one_unlock(folder) for _ in range(runs)]
        kdf = kdf_alone(folder, runs)
    return {
        "total": Summary.of([run["total"] for run in measured]).as_dict(),
        "parts_median": _medians(measured),
        "kdf_alone": kdf.as_dict(),
    }


def cold_unlock(runs: int) -> dict[str, Any]:
    """Unlock as the first thing a fresh interpreter does (imports included), via a child."""
    results = []
    with local_tempdir("cold") as tmp:
        folder = tmp / "ws"
        make_workspace(folder)
        for _ in range(runs):
            request = {"folder": str(folder), "username": USERNAME, "password": PASSWORD}
            child = subprocess.run(
                [sys.executable, "-m", "bench.cold_unlock"],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                check=True,
                cwd=Path(__file__).resolve().parent.parent,
            )
            results.append(json.loads(child.stdout))
    return {key: Summary.of([result[key] for result in results]).as_dict() for key in results[0]}


def unlock_with_trail(rows: int, runs: int, failed_runs: int) -> dict[str, Any]:
    """Unlock of a workspace whose audit trail holds ``rows`` rows; also after a failed login."""
    with local_tempdir("trail") as tmp:
        folder = tmp / "ws"
        make_workspace(folder)
        fill = fill_trail(folder, rows)
        _one_unlock(folder)
        measured = [_one_unlock(folder) for _ in range(runs)]
        after_failure = []
        for _ in range(failed_runs):
            with contextlib.suppress(WrongCredentials):
                svc.open_workspace(folder, USERNAME, PASSWORD + "x")
            after_failure.append(_one_unlock(folder))
    result: dict[str, Any] = {
        "rows": rows,
        "fill": fill,
        "total": Summary.of([run["total"] for run in measured]).as_dict(),
        "parts_median": _medians(measured),
    }
    if after_failure:
        result["after_failed_login"] = {
            "total": Summary.of([run["total"] for run in after_failure]).as_dict(),
            "parts_median": _medians(after_failure),
        }
    return result


def saves(count: int, seed: int = 20261121) -> dict[str, Any]:
    """``count`` saves through ``Workspace.write`` on an unlocked workspace, each timed."""
    rng = random.Random(seed)
    with local_tempdir("save") as tmp:
        folder = tmp / "ws"
        make_workspace(folder)
        ws = svc.open_workspace(folder, USERNAME, PASSWORD)
        try:
            marks: dict[str, float] = {}

            def body_done() -> None:
                marks["body"] = now()

            def on_commit(_conn: object) -> None:
                marks["commit"] = now()

            event.listen(ws.db.engine, "commit", on_commit)
            ids = [ws.user.id]
            totals, bodies, flushes, commits, audits = [], [], [], [], []
            with timed_calls([(audit, "append", "audit_append")]) as spent:
                for serial in range(1, count + 1):
                    before = spent.get("audit_append", 0.0)
                    start = now()
                    workload.save(ws.write, ids, serial, rng, body_done)
                    end = now()
                    totals.append(end - start)
                    bodies.append(marks["body"] - start)
                    flushes.append(marks["commit"] - marks["body"])
                    commits.append(end - marks["commit"])
                    audits.append(spent["audit_append"] - before)
            event.remove(ws.db.engine, "commit", on_commit)
            db_bytes = ws.folder.db_path.stat().st_size
        finally:
            ws.close()
    tenth = max(1, count // 10)
    return {
        "count": count,
        "total": Summary.of(totals).as_dict(),
        "body": Summary.of(bodies).as_dict(),
        "flush": Summary.of(flushes).as_dict(),
        "audit_append": Summary.of(audits).as_dict(),
        "commit": Summary.of(commits).as_dict(),
        "first_tenth_median": Summary.of(totals[:tenth]).median,
        "last_tenth_median": Summary.of(totals[-tenth:]).median,
        "db_bytes_before_close": db_bytes,
    }
