"""The child process of the crash harness: it saves through the application, forever, until killed.

Run as ``python -m tests.harness.crash_writer`` with nothing on the command line. It imports
everything first and prints ``LOADED``, then reads five lines from standard input: the mode
(``safe`` or ``control``), the workspace folder, the run number, the users per save and the
password. The password therefore never appears in the process's arguments, its environment or a
file.

* ``safe``: unlock with :func:`cmlentry.services.workspace.open_workspace` and save through
  :meth:`Workspace.write`, the application's one write path, with its SAFE durability.
* ``control``: unlock once to learn the database key, close the workspace, and reopen the file
  with :data:`cmlentry.storage.engine.UNSAFE_FOR_HARNESS` (journal and sync off); save through
  :meth:`Database.write`. The workload is the same.

Output, one line each, flushed at once:

* ``LOADED``: imports done;
* ``READY <journal_mode> <synchronous>``: unlocked, as read back from the connection;
* ``COMMIT <n>``: save ``n`` is built (its users already flushed) and the ``with`` block is about
  to return, which commits it (lets the parent aim kills at the commit);
* ``ACK <n>``: save ``n`` is committed (printed only after the ``with`` block returned);
* ``OPENFAIL <error>`` / ``READONLY``: the workspace could not be unlocked for writing (exit 3/4);
* ``DONE``: the save budget is spent (the parent kills it anyway).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy.orm import Session

from cmlentry import __version__
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.audit import AuditContext, format_utc, utc_now
from cmlentry.storage.engine import UNSAFE_FOR_HARNESS
from cmlentry.storage.models import Site, User
from cmlentry.storage.workspace import Database

USERS_PER_SAVE = 400
"""Rows per save. Big enough that SQLite's page cache spills during the transaction, which is
what lets the negative control tear a save; the safe mode uses exactly the same workload."""
NAME_PAD = 120
"""Extra characters in each printed name (makes each row, and its audit row, heavier)."""
MAX_SAVES = 500
ADMIN = "admin"


def username(run: int, save: int, index: int) -> str:
    """``h<run>.<save>.<index>`` — fits ^[a-z][a-z0-9._-]{1,31}$ for any realistic run."""
    return f"h{run}.{save}.{index}"


def printed_name(run: int, save: int, index: int) -> str:
    stem = f"Harness Nurse {run}-{save}-{index} "
    filler = "abcdefghijklmnopqrstuvwxyz"
    return (stem + filler * (NAME_PAD // len(filler) + 1))[: len(stem) + NAME_PAD]


def centre_name(run: int, save: int) -> str:
    return f"Harness run {run} save {save}"


def workload(session: Session, run: int, save: int, users: int) -> None:
    """One save: ``users`` new users and the site's centre name, in the caller's transaction.
    The audit hook adds one audit row per field of each new user and one for the site."""
    now = format_utc(utc_now())
    for index in range(users):
        session.add(
            User(
                username=username(run, save, index),
                printed_name=printed_name(run, save, index),
                role="nurse",
                active=True,
                must_change_password=False,
                created_at=now,
            )
        )
    session.get_one(Site, 1).centre_name = centre_name(run, save)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    say("LOADED")
    mode = sys.stdin.readline().strip()
    folder = Path(sys.stdin.readline().rstrip("\n"))
    run = int(sys.stdin.readline())
    users = int(sys.stdin.readline())
    password = sys.stdin.readline().rstrip("\n")
    if mode not in ("safe", "control"):
        say(f"OPENFAIL unknown mode {mode!r}")
        return 2
    try:
        ws = open_workspace(folder, ADMIN, password, policy=OWASP_FLOOR)
    except Exception as exc:  # any refusal is a finding for the parent, not a crash here
        say(f"OPENFAIL {type(exc).__name__}: {exc}")
        return 3
    if ws.read_only:
        say("READONLY")
        return 4
    if mode == "safe":
        db = ws.db

        def save(number: int) -> None:
            with ws.write() as session:
                workload(session, run, number, users)
                say(f"COMMIT {number}")

    else:
        key, actor, path = ws.database_key(), ws.actor(), ws.folder.db_path
        ws.close()
        db = Database(path, key, durability=UNSAFE_FOR_HARNESS)

        def save(number: int) -> None:
            with db.write(AuditContext(actor, __version__)) as session:
                workload(session, run, number, users)
                say(f"COMMIT {number}")

    with db.engine.connect() as conn:  # what the connection really runs with
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    say(f"READY {journal} {synchronous}")
    for number in range(1, MAX_SAVES + 1):
        save(number)
        say(f"ACK {number}")
    say("DONE")
    while True:  # keep the lock and wait for the kill, like an idle application
        time.sleep(60)


if __name__ == "__main__":
    sys.exit(main())
