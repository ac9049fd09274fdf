"""Crash harness: SIGKILL a process that is saving, then prove no acknowledged save was lost.

``python -m tests.harness.crash --runs 300`` (from the project folder) kills a writer process
(:mod:`tests.harness.crash_writer`) 300 times at seeded random moments while it saves through the
application's own write path, and after every kill checks the workspace in this process:

1. every acknowledged save is there (each ``ACK n`` the child printed, up to its death);
2. no half transaction: each save is all there or not at all; every user row has exactly its audit
   "create" rows with the right values, every audit "create" row has its user row, the site's
   centre name equals the last audit row about it and names the newest save present;
3. ``PRAGMA integrity_check`` says ok and ``PRAGMA cipher_integrity_check`` says nothing;
4. the audit hash chain verifies (:func:`cmlentry.storage.audit.verify_chain`).

Then it runs the negative control (``--control-runs``, 100 by default): the same workload and the
same kills with the database opened journal-off and sync-off
(:data:`cmlentry.storage.engine.UNSAFE_FOR_HARNESS`), which must show damage, or the harness
proves nothing. The exit status is 0 only when the safe runs show no damage at all and the
control shows some.

One workspace is reused across kills (damage would accumulate, and every earlier acknowledged
save is checked again after every kill) and replaced every ``--runs-per-workspace`` kills to keep
the checks fast; in the control it is replaced as soon as damage is seen.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3
from sqlalchemy import text

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.workspace import create_workspace
from cmlentry.storage.audit import ChainReport, decode_value, encode_value, verify_chain
from cmlentry.storage.engine import check_file
from cmlentry.storage.models import User
from cmlentry.storage.workspace import FULL_CHECKS, Database, WorkspaceFolder

from . import crash_writer

ROOT = Path(__file__).resolve().parents[2]
WRITER_MODULE = "tests.harness.crash_writer"
SITE = ("FR", "086", "Harness")
ADMIN, ADMIN_NAME = crash_writer.ADMIN, "Admin Person"
USER_NAME_RE = re.compile(r"h(\d+)\.(\d+)\.(\d+)")
CENTRE_RE = re.compile(r"Harness run (\d+) save (\d+)")
EXPECTED_MODE = {"safe": ("wal", "2"), "control": ("off", "0")}
MAX_EXAMPLES = 12
LOAD_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 60.0


class HarnessError(Exception):
    """The harness itself cannot go on (not a finding about the workspace)."""


# --- the child process ---------------------------------------------------------------------------


class Child:
    """One writer process; its output lines are collected by a thread, with arrival times."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", WRITER_MODULE],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        self.seen: list[str] = []
        self.stderr_tail = ""
        self._out = threading.Thread(target=self._read_stdout, daemon=True)
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._out.start()
        self._err.start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.strip()))
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr_tail = (self.stderr_tail + line)[-4000:]

    def next_line(self, deadline: float) -> tuple[float, str] | None:
        """The next output line, or None at end of output or when ``deadline`` passes."""
        try:
            item = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if item is not None:
            self.seen.append(item[1])
        return item

    def wait_loaded(self) -> None:
        item = self.next_line(time.monotonic() + LOAD_TIMEOUT_S)
        if item is None or item[1] != "LOADED":
            self.kill()
            raise HarnessError(f"the writer did not start: {self.stderr_tail[-1500:]}")

    def start(self, mode: str, folder: Path, run: int, users: int, password: str) -> float:
        """Hand over the job on stdin (never argv, env or a file); return the start time."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{mode}\n{folder}\n{run}\n{users}\n{password}\n")
        self.proc.stdin.flush()
        self.proc.stdin.close()
        return time.monotonic()

    def kill(self) -> int:
        """SIGKILL, reap, and read every line the child wrote before it died."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        code = self.proc.wait()
        self._out.join(timeout=10)
        self._err.join(timeout=10)
        while True:
            try:
                item = self.lines.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                self.seen.append(item[1])
        return code

    def acked(self) -> int:
        numbers = [int(line.split()[1]) for line in self.seen if line.startswith("ACK ")]
        return max(numbers, default=0)


# --- checking a workspace ------------------------------------------------------------------------


@dataclass
class Report:
    """What one inspection of the workspace found after a kill."""

    lost: list[str] = field(default_factory=list)
    half: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)
    unopenable: list[str] = field(default_factory=list)
    unacked_committed: int = 0

    @property
    def damaged(self) -> bool:
        return bool(self.lost or self.half or self.integrity or self.chain or self.unopenable)

    def findings(self) -> list[str]:
        return [
            *(f"lost: {x}" for x in self.lost),
            *(f"half transaction: {x}" for x in self.half),
            *(f"integrity: {x}" for x in self.integrity),
            *(f"chain: {x}" for x in self.chain),
            *(f"unopenable: {x}" for x in self.unopenable),
        ]


def _audit_values(row: tuple[object, ...]) -> dict[str, str | None]:
    """The audit "create" values a user row must have, encoded as the audit hook encodes them."""
    _id, username, printed, role, active, must_change = row
    return {
        "username": encode_value(username),
        "printed_name": encode_value(printed),
        "role": encode_value(role),
        "active": encode_value(bool(active)),
        "must_change_password": encode_value(bool(must_change)),
    }


@dataclass
class State:
    """What the checks read from the database in one go."""

    users: list[tuple[object, ...]]
    creates: dict[str, list[tuple[str, str | None]]]
    site_name: object
    site_audit: str | None
    chain: ChainReport


def read_state(db: Database) -> State:
    """Read users, their audit "create" rows, the site row and the chain (raises if unreadable)."""
    with db.engine.connect() as conn:
        users = [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT id, username, printed_name, role, active, must_change_password "
                    "FROM users"
                )
            )
        ]
        creates: dict[str, list[tuple[str, str | None]]] = {}
        for entity_id, fld, new in conn.execute(
            text(
                "SELECT entity_id, field, new_value FROM audit_events "
                "WHERE entity = 'user' AND action = 'create'"
            )
        ):
            creates.setdefault(str(entity_id), []).append((fld, new))
        site_name = conn.execute(text("SELECT centre_name FROM site WHERE id = 1")).scalar()
        site_audit = conn.execute(
            text(
                "SELECT new_value FROM audit_events WHERE entity = 'site' "
                "AND field = 'centre_name' ORDER BY seq DESC LIMIT 1"
            )
        ).scalar()
        chain = verify_chain(conn)
    return State(users, creates, site_name, site_audit, chain)


def check_users(state: State, report: Report) -> Counter[tuple[int, int]]:
    """Every user row has exactly its audit "create" rows, with its values, and the reverse.

    Returns how many users of each harness save ``(run, save)`` are present.
    """
    fields = sorted(User.__audit_fields__)
    saves: Counter[tuple[int, int]] = Counter()
    ids = set()
    for row in state.users:
        ids.add(str(row[0]))
        match = USER_NAME_RE.fullmatch(str(row[1]))
        if match:
            run, save, index = (int(g) for g in match.groups())
            saves[(run, save)] += 1
            want = (crash_writer.printed_name(run, save, index), "nurse", 1, 0)
            if tuple(row[2:]) != want:
                report.half.append(f"user {row[1]} has wrong values {tuple(row[2:])!r}")
        audit = state.creates.get(str(row[0]), [])
        if sorted(f for f, _ in audit) != fields:
            report.half.append(f"user {row[1]} (id {row[0]}) has audit fields {sorted(audit)}")
        elif dict(audit) != _audit_values(row):
            report.half.append(f"user {row[1]} (id {row[0]}) differs from its audit rows")
    for entity_id in sorted(set(state.creates) - ids):
        report.half.append(f"audit 'create' rows for user id {entity_id}, which does not exist")
    return saves


def check_saves(
    saves: Counter[tuple[int, int]], acked: dict[int, int], users: int, report: Report
) -> None:
    """Each save is whole or absent, and every acknowledged save of every run is whole."""
    for (run, save), count in sorted(saves.items()):
        if count != users:
            report.half.append(f"save {run}.{save} has {count} of its {users} users")
        if run not in acked:
            report.half.append(f"save {run}.{save} belongs to no run of this workspace")
        elif save > acked[run] + 1:
            report.half.append(f"save {run}.{save} present but only {acked[run]} acknowledged")
        elif save == acked[run] + 1:
            report.unacked_committed += 1  # committed, killed before it could say so: allowed
    for run, count in sorted(acked.items()):
        for save in range(1, count + 1):
            have = saves.get((run, save), 0)
            if have != users:
                report.lost.append(f"acknowledged save {run}.{save} has {have} of {users} users")


def check_site(state: State, saves: Counter[tuple[int, int]], report: Report) -> None:
    """The site row agrees with the last audit row about it and names the newest save present."""
    try:
        audited = decode_value(state.site_audit)
    except ValueError:
        audited = f"<undecodable {state.site_audit!r}>"
    if state.site_name != audited:
        report.half.append(f"site name {state.site_name!r}, audit trail says {audited!r}")
    newest = max(saves, default=None)
    match = CENTRE_RE.fullmatch(str(state.site_name))
    named = (int(match.group(1)), int(match.group(2))) if match else None
    if named != newest:
        report.half.append(f"site name {state.site_name!r}, newest save present {newest}")


def check_rows(db: Database, acked: dict[int, int], users: int, report: Report) -> None:
    """Checks 1, 2 and 4 on an open database (they raise if the file cannot be read)."""
    state = read_state(db)
    if not state.chain.intact:
        report.chain.append(f"{state.chain.problem} (after {state.chain.rows_checked} good rows)")
    saves = check_users(state, report)
    check_saves(saves, acked, users, report)
    check_site(state, saves, report)


def inspect(folder: Path, key: bytes, acked: dict[int, int], users: int) -> Report:
    """Checks 1–4 after a kill, in this process, holding the workspace lock."""
    report = Report()
    try:
        held = WorkspaceFolder.open_existing(folder)
    except Exception as exc:  # a lock still held after SIGKILL would itself be a finding
        report.unopenable.append(f"folder: {type(exc).__name__}: {exc}")
        return report
    try:
        db: Database | None = None
        try:
            db = Database(held.db_path, key)
            check_rows(db, acked, users, report)
        except Exception as exc:  # corruption shows up as errors from the driver
            report.unopenable.append(f"reading: {type(exc).__name__}: {exc}")
        finally:
            if db is not None:
                db.close()
        try:
            report.integrity.extend(check_file(held.db_path, key, FULL_CHECKS))
        except Exception as exc:
            report.integrity.append(f"{type(exc).__name__}: {exc}")
    finally:
        held.release()
    return report


# --- a campaign of kills -------------------------------------------------------------------------


@dataclass
class Tally:
    mode: str
    runs: int = 0
    acked: int = 0
    unacked_committed: int = 0
    lost: int = 0
    half: int = 0
    integrity: int = 0
    chain: int = 0
    unopenable: int = 0
    child_errors: int = 0
    damaged_runs: int = 0
    first_damage_run: int | None = None
    before_ready: int = 0
    before_first_ack: int = 0
    workspaces: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return (
            self.lost
            + self.half
            + self.integrity
            + self.chain
            + self.unopenable
            + self.child_errors
        )

    def note(self, run: int, finding: str) -> None:
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(f"run {run}: {finding}")

    def summary(self) -> str:
        titles = {
            "safe": "safe (journal WAL, synchronous FULL: the application's settings)",
            "control": "negative control (journal off, synchronous off)",
        }
        lines = [
            f"{titles[self.mode]}:",
            f"  runs (kills)               {self.runs}",
            f"  acknowledged saves         {self.acked}",
            f"  committed, not yet acked   {self.unacked_committed}",
            f"  kills before unlock done   {self.before_ready}",
            f"  kills before first ACK     {self.before_first_ack}",
            f"  lost acknowledged saves    {self.lost}",
            f"  half transactions          {self.half}",
            f"  integrity failures (runs)  {self.integrity}",
            f"  chain failures (runs)      {self.chain}",
            f"  unreadable (runs)          {self.unopenable}",
            f"  writer errors (not kills)  {self.child_errors}",
            f"  runs with damage           {self.damaged_runs}",
            f"  workspaces used            {self.workspaces}",
            f"  time                       {self.seconds:.1f} s",
        ]
        if self.first_damage_run is not None:
            lines.append(f"  first damage at run        {self.first_damage_run}")
        lines.extend(f"  e.g. {example}" for example in self.examples)
        return "\n".join(lines)


@dataclass
class Space:
    folder: Path
    key: bytes
    acked: dict[int, int] = field(default_factory=dict)
    runs: int = 0


@dataclass
class Pace:
    """Running estimates of how long an unlock and a save take, for choosing kill moments."""

    unlock: list[float] = field(default_factory=lambda: [0.1])
    save: list[float] = field(default_factory=lambda: [0.06])
    commit: list[float] = field(default_factory=lambda: [0.005])

    def unlock_s(self) -> float:
        return statistics.median(self.unlock[-50:])

    def save_s(self) -> float:
        return statistics.median(self.save[-50:])

    def commit_s(self) -> float:
        return statistics.median(self.commit[-50:])


def new_space(workdir: Path, number: int, password: str) -> Space:
    folder = workdir / f"ws-{number:04d}"
    created = create_workspace(
        folder,
        SiteDetails.checked(*SITE),
        ADMIN,
        ADMIN_NAME,
        password,
        policy=OWASP_FLOOR,
    )
    key = created.workspace.database_key()
    created.workspace.close()
    return Space(folder, key)


def drop_space(space: Space) -> None:
    shutil.rmtree(space.folder, ignore_errors=True)


@dataclass(frozen=True)
class Plan:
    """When to kill: ``delay`` seconds after the ``count``-th ``wait_for`` line
    (``"start"``: the moment the password is handed over; ``"ACK"`` with count 0: ``READY``)."""

    wait_for: str
    count: int
    delay: float


Chooser = Callable[[random.Random, "Pace"], Plan]


def choose_kill(rng: random.Random, pace: Pace) -> Plan:
    """A fifth of the kills fall on a timer from the start, which can land before or during the
    unlock and its login transaction; 30 % wait for 0–5 ACKs (0 = just unlocked) and a random
    fraction of a save, so they land anywhere in a save; half are aimed at a commit."""
    draw = rng.random()
    if draw < 0.2:
        return Plan("start", 0, rng.uniform(0.0, pace.unlock_s() + 4 * pace.save_s()))
    if draw < 0.5:
        return Plan("ACK", rng.randint(0, 5), rng.uniform(0.0, 1.2 * pace.save_s()))
    return aim_at_commit(rng, pace)


def aim_at_commit(rng: random.Random, pace: Pace) -> Plan:
    """Wait for the 1st–5th ``COMMIT`` line, then a random fraction (0–1.2) of the time a commit
    takes (``COMMIT`` to ``ACK``), so the kill lands while the commit writes to the file."""
    return Plan("COMMIT", rng.randint(1, 5), rng.uniform(0.0, 1.2 * pace.commit_s()))


def one_run(child: Child, started: float, plan: Plan, pace: Pace) -> tuple[int, str | None]:
    """Kill the ``child`` started at ``started`` as ``plan`` says.

    Returns the exit code and, if the child stopped by itself, the line that says why.
    """
    deadline = started + RUN_TIMEOUT_S
    last_ack = started
    commit_at = started
    seen = {"ACK": 0, "COMMIT": 0}
    ready = False
    mark = started
    while plan.wait_for != "start":
        item = child.next_line(deadline)
        if item is None:
            break
        at, line = item
        word = line.split()[0]
        if word == "READY":
            pace.unlock.append(at - started)
            ready = True
            last_ack = at
        elif word == "COMMIT":
            commit_at = at
            seen[word] += 1
        elif word == "ACK":
            pace.save.append(at - last_ack)
            pace.commit.append(at - commit_at)
            last_ack = at
            seen[word] += 1
        elif word in ("OPENFAIL", "READONLY", "DONE"):
            break
        if ready and seen[plan.wait_for] >= plan.count:
            mark = at
            break
    time.sleep(max(0.0, mark + plan.delay - time.monotonic()))
    code = child.kill()
    ending = next((x for x in child.seen if x.startswith(("OPENFAIL", "READONLY"))), None)
    if ending is None and code != -9:
        ending = f"exit {code}: {child.stderr_tail[-1500:]}"
    return code, ending


def campaign(
    mode: str,
    runs: int,
    *,
    seed: int,
    users: int = crash_writer.USERS_PER_SAVE,
    runs_per_workspace: int = 10,
    workdir: Path | None = None,
    stop_on_damage: bool = False,
    chooser: Chooser = choose_kill,
    progress: Callable[[str], None] | None = None,
) -> Tally:
    """``runs`` kills in ``mode`` ("safe" or "control"); returns what the checks found."""
    if mode not in EXPECTED_MODE:
        raise ValueError(mode)
    rng = random.Random(f"{seed}:{mode}")
    tally = Tally(mode)
    pace = Pace()
    password = f"harness-{secrets.token_hex(12)}"
    began = time.monotonic()
    with _workdir(workdir) as base:
        space = new_space(base, 1, password)
        tally.workspaces = 1
        child: Child | None = Child()
        try:
            for run in range(1, runs + 1):
                assert child is not None
                child.wait_loaded()
                plan = chooser(rng, pace)
                started = child.start(mode, space.folder, run, users, password)
                code, ending = one_run(child, started, plan, pace)
                # The next writer imports while this process checks the workspace (starting it
                # earlier would compete with the writer being timed for CPU).
                previous, child = child, (Child() if run < runs else None)
                _check_mode(previous, mode)
                tally.runs += 1
                acked = previous.acked()
                tally.acked += acked
                tally.before_ready += not any(x.startswith("READY") for x in previous.seen)
                tally.before_first_ack += acked == 0
                space.acked[run] = acked
                space.runs += 1
                report = inspect(space.folder, space.key, space.acked, users)
                tally.unacked_committed += report.unacked_committed
                if ending is not None:
                    if ending.startswith(("OPENFAIL", "READONLY")):
                        report.unopenable.append(f"the writer could not unlock: {ending}")
                    else:
                        tally.child_errors += 1
                        tally.note(run, f"writer error: {ending}")
                _add(tally, run, report)
                if progress is not None and (report.damaged or run % 25 == 0):
                    progress(
                        f"[{mode}] run {run}/{runs}: acked {acked}, exit {code}, "
                        f"{'DAMAGE ' + report.findings()[0] if report.damaged else 'sound'}"
                    )
                if stop_on_damage and report.damaged:
                    break
                if run < runs and (report.damaged or space.runs >= runs_per_workspace):
                    drop_space(space)
                    tally.workspaces += 1
                    space = new_space(base, tally.workspaces, password)
        finally:
            if child is not None:
                child.kill()
    tally.seconds = time.monotonic() - began
    return tally


def _check_mode(child: Child, mode: str) -> None:
    """The writer must really have run with the durability the mode claims."""
    for line in child.seen:
        if line.startswith("READY"):
            got = tuple(line.split()[1:3])
            if got != EXPECTED_MODE[mode]:
                raise HarnessError(f"{mode} writer ran with journal/sync {got}")


def _add(tally: Tally, run: int, report: Report) -> None:
    tally.lost += len(report.lost)
    tally.half += len(report.half)
    tally.integrity += bool(report.integrity)
    tally.chain += bool(report.chain)
    tally.unopenable += bool(report.unopenable)
    if report.damaged:
        tally.damaged_runs += 1
        if tally.first_damage_run is None:
            tally.first_damage_run = run
        for finding in report.findings()[:2]:
            tally.note(run, finding)


@contextlib.contextmanager
def _workdir(parent: Path | None) -> Iterator[Path]:
    base = Path(tempfile.mkdtemp(prefix="cmlentry-crash-", dir=parent))
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


# --- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.crash", description=__doc__)
    parser.add_argument("--runs", type=int, default=300, help="kills with the safe settings")
    parser.add_argument(
        "--control-runs", type=int, default=100, help="kills with journal and sync off"
    )
    parser.add_argument("--seed", type=int, default=20240601, help="seed for the kill moments")
    parser.add_argument(
        "--users-per-save", type=int, default=crash_writer.USERS_PER_SAVE, help="rows per save"
    )
    parser.add_argument("--runs-per-workspace", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=None, help="where temp workspaces go")
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.control_runs < 0 or args.users_per_save < 1:
        parser.error("--runs and --users-per-save must be at least 1, --control-runs at least 0")

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    print(
        f"crash harness: seed {args.seed}, {args.users_per_save} users per save "
        f"(+{5 * args.users_per_save + 1} audit rows), SIGKILL; {versions()}",
        flush=True,
    )
    results: dict[str, Tally] = {}
    for mode, runs in (("safe", args.runs), ("control", args.control_runs)):
        if runs > 0:
            results[mode] = campaign(
                mode,
                runs,
                seed=args.seed,
                users=args.users_per_save,
                runs_per_workspace=args.runs_per_workspace,
                workdir=args.workdir,
                progress=progress,
            )
            print(results[mode].summary(), flush=True)
    return verdict(results["safe"], results.get("control"))


def versions() -> str:
    """SQLite and SQLCipher versions, and the commit checked out (for the record)."""
    conn = sqlcipher3.connect(":memory:")
    try:
        sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    return f"SQLite {sqlite}, SQLCipher {cipher}, commit {commit}"


def verdict(safe: Tally, control: Tally | None) -> int:
    """Print the result; 0 only if the safe runs are spotless and the control saw damage."""
    failures = []
    if safe.problems:
        failures.append(f"the safe runs found {safe.problems} problems")
    if safe.acked == 0:
        failures.append("no save was ever acknowledged in the safe runs")
    if control is not None and control.damaged_runs == 0:
        failures.append("the negative control showed no damage: the harness proves nothing")
    if failures:
        print("RESULT: FAIL — " + "; ".join(failures))
        return 1
    print(
        f"RESULT: PASS — {safe.runs} kills, {safe.acked} acknowledged saves, 0 lost, "
        "0 half transactions, 0 integrity failures, 0 chain failures"
    )
    if control is None:
        print("        (no negative control was run: alone, this does not show damage is seen)")
    else:
        print(f"        negative control damaged in {control.damaged_runs} of {control.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
