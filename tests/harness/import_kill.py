"""Kill harness for the import: SIGKILL a registry importing batches, then prove each batch is
fully in or fully out, and that a re-run imports the rest.

``python -m tests.harness.import_kill --kills 200`` (``make import-kill-harness``) builds a site
with complete cases and a registry that knows it, and has the site export ``--batches`` batches,
each holding every complete case (changed since the last one). A child process
(:mod:`tests.harness.import_child`) then imports them through :meth:`ImportService.import_file`
while this process kills it with SIGKILL at seeded random moments: seven kills in ten wait for
the child to say an import transaction begins and fall a random fraction (0–1.1) of a
transaction's measured length later; the rest fall after a commit, or on a timer from the moment
the store is open. After every kill, with the child dead and all it printed read, the registry is
opened here and for every batch:

1. **all or nothing**: either its ``received_batches`` row (by file hash), a case version for
   every record of its manifest (same case, same record hash, none missing, none extra) and its
   acknowledgement row are all there, or none of them is; no version, acknowledgement or case is
   left without the batch it came with;
2. **nothing committed is lost**: every batch the child said it committed is fully in;
3. **order**: the batches in are 1 … m, the chain has no hole;
4. **acknowledgement files**: every ``.cmlack`` written is the very acknowledgement stored.

Each next child re-imports the whole list: what is in must come back ``already imported``, the
rest ``imported``. When a child gets through every file, one more run must import nothing, and
the registry is reset to its state before the first batch (a copy of its folder; on PostgreSQL
the batch tables emptied) for the next round of kills.

The run is on the registry's own SQLCipher store always, and on PostgreSQL when
:mod:`tests.central_db` reaches its server. The negative control
(``CMLENTRY_HARNESS_SPLIT_IMPORT=1`` in the child: each case imported in its own transaction)
must be seen to leave a batch half in, or the harness proves nothing. The exit status is 0 only
when the safe kills show no problem and the control shows a partial batch on every backend.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
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

from sqlalchemy import delete, func, select

from cmlentry.crypto import container
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.cases import CaseService
from cmlentry.services.demo import REASONS, enter_case, plan_case
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.workspace import create_registry, open_central_store
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.audit import utc_now
from cmlentry.storage.central.models import (
    Acknowledgement,
    CaseVersion,
    CentralCase,
    ReceivedBatch,
    RefusedBatch,
)
from tests.batch_world import ADMIN, COORDINATOR, PASSWORD, World, make_site, register_site
from tests.central_db import PostgresUnavailable, require_server, scratch_database
from tests.harness.fuzz_batches import export_series
from tests.harness.import_child import SPLIT_FLAG

ROOT = Path(__file__).resolve().parents[2]
CHILD_MODULE = "tests.harness.import_child"
SITE = SiteDetails.checked("FR", "086", "CHU de Test")
LOAD_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 120.0
MAX_EXAMPLES = 12
MAX_CHILD_ERRORS = 3  # a child that cannot import at all would keep the loop going


class HarnessError(Exception):
    """The harness itself cannot go on (not a finding about the registry)."""


# --- the world -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFacts:
    """What a batch file says about itself (read here from the files this harness made)."""

    sequence: int
    sha256: str
    records: tuple[tuple[str, str], ...]  # (registry id, record hash), manifest order


@dataclass
class KillWorld:
    registry: Path  # the registry workspace the child imports into
    pristine: Path  # a copy of it from before the first import
    batches: Path  # the batch files; the child writes the acknowledgements here too
    facts: list[BatchFacts]
    database_url: str | None


def build_world(
    folder: Path, *, cases: int, batches: int, seed: int, database_url: str | None
) -> KillWorld:
    """A site whose every case is complete, a registry (its central store at ``database_url``,
    or in its own file), and ``batches`` batches each holding every case (changed since)."""
    make_site(folder / "site", utc_now, site=SITE, cases=0)
    world = World(folder / "site", folder / "registry", folder / "out", utc_now)
    world.out.mkdir()
    with open_workspace(world.site_folder, ADMIN, PASSWORD, policy=OWASP_FLOOR) as ws:
        service = CaseService(ws)
        rng = random.Random(seed)
        for _ in range(cases):  # serial 2: the demo planner's "complete" stage, every time
            enter_case(service, plan_case(rng, 2, rng.choice(REASONS)), lambda: None)
        complete = [c.registry_id for c in service.list_cases() if c.status == "complete"]
    created = create_registry(
        world.registry_folder, "ELN CML registry", COORDINATOR, "Cora Ordinator", PASSWORD,
        database_url=database_url, policy=OWASP_FLOOR,
    )  # fmt: skip
    with created.created.workspace as ws:
        KeyService(ws).export_registry_public_key(world.out / "registry.cmlkey")
    with open_workspace(world.site_folder, ADMIN, PASSWORD, policy=OWASP_FLOOR) as ws:
        KeyService(ws).trust_registry_key(world.out / "registry.cmlkey")
        KeyService(ws).export_site_public_key(world.out / "site.cmlkey")
    register_site(world, world.out / "site.cmlkey", None)
    paths = export_series(world, [complete] * batches)
    shutil.copytree(world.registry_folder, folder / "pristine")
    (folder / "batches").mkdir()
    for path in paths:
        shutil.copy2(path, folder / "batches" / path.name)
    return KillWorld(
        world.registry_folder, folder / "pristine", folder / "batches",
        [facts_of(path.read_bytes()) for path in paths], database_url,
    )  # fmt: skip


def facts_of(data: bytes) -> BatchFacts:
    header = json.loads(data[128 : 128 + int.from_bytes(data[12:16], "big")])
    records = tuple((r["id"], r["sha256"]) for r in header["manifest"]["records"])
    return BatchFacts(header["sequence"], container.sha256_hex(data), records)


def reset(world: KillWorld) -> int:
    """The registry as it was before the first import: its folder again, and on PostgreSQL the
    batch tables emptied (centres and keys stay). Returns how many temp files a killed
    acknowledgement write had left in the folder (removed with the acknowledgements)."""
    shutil.rmtree(world.registry)
    shutil.copytree(world.pristine, world.registry)
    for ack in world.batches.glob("*.cmlack"):
        ack.unlink()
    strays = list(world.batches.glob(".*.tmp"))
    for stray in strays:
        stray.unlink()
    if world.database_url is None:
        return len(strays)
    with open_workspace(world.registry, COORDINATOR, PASSWORD, policy=OWASP_FLOOR) as ws:
        store = open_central_store(ws)
        try:
            with store.write() as session:
                for table in (Acknowledgement, CaseVersion, CentralCase, ReceivedBatch):
                    session.execute(delete(table))
                session.execute(delete(RefusedBatch))
        finally:
            store.close()
    return len(strays)


# --- the child process ---------------------------------------------------------------------------


class Child:
    """One importing process; its output lines are collected by a thread, with arrival times."""

    def __init__(self, split: bool) -> None:
        env = {k: v for k, v in os.environ.items() if k != SPLIT_FLAG}
        if split:
            env[SPLIT_FLAG] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", CHILD_MODULE], cwd=ROOT, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        )  # fmt: skip
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
        """The next output line, or None at the end of the output or when ``deadline`` passes."""
        try:
            item = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if item is not None:
            self.seen.append(item[1])
        return item

    def start(self, world: KillWorld) -> float:
        """Wait for ``LOADED``, hand over the job on stdin; return the moment it was handed."""
        item = self.next_line(time.monotonic() + LOAD_TIMEOUT_S)
        if item is None or item[1] != "LOADED":
            self.kill()
            raise HarnessError(f"the import child did not start: {self.stderr_tail[-1500:]}")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{world.registry}\n{world.batches}\n{PASSWORD}\n")
        self.proc.stdin.close()
        return time.monotonic()

    def kill(self) -> int:
        """SIGKILL (if still running), reap, and read every line the child wrote."""
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

    def said(self, word: str) -> set[int]:
        """The sequence numbers the child named after ``word`` (``BEGIN``, ``COMMITTED`` ...)."""
        return {int(x.split()[1]) for x in self.seen if x.split()[0] == word}

    def statuses(self) -> dict[int, str]:
        return {
            int(x.split()[1]): x.split(maxsplit=2)[2] for x in self.seen if x.startswith("DONE ")
        }

    def phase(self) -> str:
        """Where the kill fell, from the last thing the child said."""
        if "ALLDONE" in self.seen:
            return "after every file"
        if "READY" not in self.seen:
            return "before the store was open"
        last = self.seen[-1].split()
        return {
            "READY": "before the first file",
            "START": "while verifying",
            "BEGIN": "in the import transaction",
            "COMMITTED": "after the commit (audit, acknowledgement file)",
            "DONE": "between files",
        }.get(last[0], "elsewhere")


# --- checking the registry -----------------------------------------------------------------------


@dataclass
class Report:
    """What one inspection of the registry found; ``states`` is each batch's: in, out, partial."""

    states: dict[int, str] = field(default_factory=dict)
    partial: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    ack_files: list[str] = field(default_factory=list)

    def findings(self) -> list[str]:
        return [*self.partial, *self.orphans, *self.lost, *self.order, *self.statuses,
                *self.ack_files]  # fmt: skip

    @property
    def inside(self) -> set[int]:
        return {n for n, state in self.states.items() if state == "in"}


@dataclass(frozen=True)
class _Stored:
    """The central store's batch tables, as read after a kill."""

    rows: dict[str, tuple[int, int, int]]  # file hash -> (batch id, record count, answered)
    versions: dict[int, list[tuple[str, str]]]  # batch id -> (registry id, record hash)
    acks: dict[int, bytes]  # batch id -> the acknowledgement file
    bare_cases: int  # central cases without any version


def read_store(world: KillWorld) -> _Stored:
    """Open the registry (which also proves the dead child's lock is gone) and read it."""
    with open_workspace(world.registry, COORDINATOR, PASSWORD, policy=OWASP_FLOOR) as ws:
        store = open_central_store(ws)
        try:
            with store.read() as s:
                batches = s.execute(select(ReceivedBatch)).scalars().all()
                versions = s.execute(
                    select(CaseVersion.batch_id, CentralCase.registry_id, CaseVersion.record_sha256)
                    .join(CentralCase, CentralCase.id == CaseVersion.case_id)
                ).all()  # fmt: skip
                acks = s.execute(select(Acknowledgement.batch_id, Acknowledgement.file)).all()
                has_version = select(CaseVersion.id).where(CaseVersion.case_id == CentralCase.id)
                bare = s.scalar(
                    select(func.count()).select_from(CentralCase).where(~has_version.exists())
                )
        finally:
            store.close()
    by_batch: dict[int, list[tuple[str, str]]] = {}
    for batch_id, registry_id, record_hash in versions:
        by_batch.setdefault(batch_id, []).append((registry_id, record_hash))
    rows = {
        b.file_sha256: (b.id, b.record_count, b.accepted_count + b.rejected_count) for b in batches
    }
    return _Stored(rows, by_batch, {b: bytes(f) for b, f in acks}, bare or 0)


def inspect(world: KillWorld, committed: set[int]) -> Report:
    """Every batch fully in or fully out, nothing left over, nothing committed lost."""
    stored = read_store(world)
    report = Report()
    ids = {row[0] for row in stored.rows.values()}
    strangers = stored.rows.keys() - {f.sha256 for f in world.facts}
    report.orphans += [f"a row for a file never given to the child ({h[:12]})" for h in strangers]
    for batch_id, versions in stored.versions.items():
        if batch_id not in ids:
            report.orphans.append(f"{len(versions)} case versions of a batch row that is gone")
    if stored.acks.keys() - ids:
        report.orphans.append("an acknowledgement of a batch row that is gone")
    if stored.bare_cases:
        report.orphans.append(f"{stored.bare_cases} central cases without any version")
    for facts in world.facts:
        _judge(report, facts, stored)
    for number in sorted(committed - report.inside):
        report.lost.append(f"batch {number} was committed but is not fully in")
    inside = sorted(report.inside)
    if inside != list(range(1, len(inside) + 1)):
        report.order.append(f"the batches in are {inside}, not 1 to {len(inside)}")
    for ack in world.batches.glob("*.cmlack"):
        row = stored.rows.get(world.facts[int(ack.stem.rsplit("-", 1)[1]) - 1].sha256)
        if row is None or stored.acks.get(row[0]) != ack.read_bytes():
            report.ack_files.append(f"{ack.name} is not the stored acknowledgement")
    return report


def _judge(report: Report, facts: BatchFacts, stored: _Stored) -> None:
    row = stored.rows.get(facts.sha256)
    if row is None:
        report.states[facts.sequence] = "out"
        return
    batch_id, record_count, answered = row
    found = sorted(stored.versions.get(batch_id, []))
    problems = []
    if found != sorted(facts.records):
        problems.append(f"{len(found)} of its {len(facts.records)} case versions")
    if batch_id not in stored.acks:
        problems.append("no acknowledgement")
    if record_count != len(facts.records) or answered != len(facts.records):
        problems.append("its counts do not add up")
    report.states[facts.sequence] = "partial" if problems else "in"
    if problems:
        report.partial.append(f"batch {facts.sequence} is half in: {', '.join(problems)}")


def check_statuses(report: Report, before: set[int], statuses: dict[int, str]) -> None:
    """What a run said of each file it got to must fit what was in before it began."""
    for number, status in sorted(statuses.items()):
        expected = "already imported" if number in before else "imported"
        if status != expected:
            report.statuses.append(f"batch {number} came back '{status}', not '{expected}'")


# --- the campaign --------------------------------------------------------------------------------


@dataclass
class Pace:
    """Running measures of the child's phases, for choosing kill moments."""

    transaction: list[float] = field(default_factory=lambda: [0.1])  # BEGIN to COMMITTED
    tail: list[float] = field(default_factory=lambda: [0.02])  # COMMITTED to DONE
    batch: list[float] = field(default_factory=lambda: [0.3])  # START to DONE, imported

    @staticmethod
    def typical(values: list[float]) -> float:
        return statistics.median(values[-30:])

    def learn(self, child: Child, times: dict[str, float]) -> None:
        for number in child.said("COMMITTED"):
            if f"BEGIN {number}" in times:
                self.transaction.append(times[f"COMMITTED {number}"] - times[f"BEGIN {number}"])
            if f"DONE {number}" in times:
                self.tail.append(times[f"DONE {number}"] - times[f"COMMITTED {number}"])
                self.batch.append(times[f"DONE {number}"] - times[f"START {number}"])


@dataclass(frozen=True)
class Plan:
    """Kill ``delay`` seconds after the child says ``line`` (None: let it run to the end)."""

    line: str | None
    delay: float = 0.0


def choose_kill(rng: random.Random, pace: Pace, pending: list[int]) -> Plan:
    """Seven in ten in an import transaction of a batch not yet in (:func:`aim_at_transaction`);
    15 % just after a commit; 15 % on a timer from the moment the store is open, within the
    time the batches still to import take."""
    if not pending:
        return Plan(None)
    target = rng.choice(pending)
    draw = rng.random()
    if draw < 0.7:
        return aim_at_transaction(rng, pace, pending)
    if draw < 0.85:
        return Plan(f"COMMITTED {target}", rng.uniform(0.0, 1.2) * pace.typical(pace.tail))
    return Plan("READY", rng.uniform(0.0, 1.0) * pace.typical(pace.batch) * len(pending))


def aim_at_transaction(rng: random.Random, pace: Pace, pending: list[int]) -> Plan:
    """0–1.1 of a transaction's measured length after one begins, in a batch not yet in."""
    if not pending:
        return Plan(None)
    delay = rng.uniform(0.0, 1.1) * pace.typical(pace.transaction)
    return Plan(f"BEGIN {rng.choice(pending)}", delay)


Chooser = Callable[[random.Random, Pace, list[int]], Plan]


def one_run(child: Child, world: KillWorld, plan: Plan, pace: Pace) -> tuple[int, bool]:
    """Start ``child``, kill it as ``plan`` says; the exit code and whether it was killed."""
    started = child.start(world)
    deadline = started + RUN_TIMEOUT_S
    times: dict[str, float] = {}
    mark: float | None = None
    while mark is None:
        item = child.next_line(deadline)
        if item is None:
            break
        at, line = item
        times[" ".join(line.split()[:2])] = at
        if line == plan.line:
            mark = at
    if mark is not None:
        time.sleep(max(0.0, mark + plan.delay - time.monotonic()))
    killed = child.proc.poll() is None
    code = child.kill()
    for at_line in child.seen:
        times.setdefault(" ".join(at_line.split()[:2]), time.monotonic())
    pace.learn(child, times)
    return code, killed and code == -9


@dataclass
class Tally:
    """What a campaign on one backend found."""

    backend: str
    mode: str
    kills: int = 0
    phases: Counter[str] = field(default_factory=Counter)
    imported: int = 0  # batch imports that finished in a killed run
    rounds: int = 0  # registries brought from empty to every batch in
    problems: Counter[str] = field(default_factory=Counter)
    partial_runs: int = 0  # kills after which a batch was found half in
    child_errors: int = 0
    seconds: float = 0.0
    transaction_s: float = 0.0
    stray_temp_files: int = 0  # hidden .cmlack temp files a kill left (not a finding)
    examples: list[str] = field(default_factory=list)

    def note(self, run: int, text: str) -> None:
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(f"run {run}: {text}")

    def add(self, run: int, report: Report, killed: bool) -> None:
        for name in ("partial", "orphans", "lost", "order", "statuses", "ack_files"):
            self.problems[name] += len(getattr(report, name))
        self.partial_runs += bool(report.partial) and killed  # half in because of a kill
        for finding in report.findings()[:2]:
            self.note(run, finding)

    @property
    def total_problems(self) -> int:
        return sum(self.problems.values()) + self.child_errors

    def summary(self) -> str:
        lines = [
            f"{self.backend}, {self.mode}: {self.kills} kills, {self.rounds} registries taken "
            f"from empty to all batches in, {self.imported} imports finished before a kill, "
            f"{self.seconds:.0f} s; an import transaction took {self.transaction_s * 1000:.0f} ms",
            "  where the kills fell:",
        ]
        lines += [f"    {count:>5}  {phase}" for phase, count in self.phases.most_common()]
        words = {
            "partial": "batches half in",
            "orphans": "rows left without their batch",
            "lost": "committed batches not fully in",
            "order": "holes in the chain",
            "statuses": "re-runs that did not import exactly the rest",
            "ack_files": "acknowledgement files unlike the stored one",
        }
        lines += [f"  {words[k]}: {self.problems[k]}" for k in words]
        lines.append(f"  child errors other than the kill: {self.child_errors}")
        lines.append(
            f"  (not a finding: {self.stray_temp_files} hidden temp files of acknowledgement "
            "writes the kill cut short, left in the folder)"
        )
        lines += [f"    {example}" for example in self.examples]
        return "\n".join(lines)


def campaign(
    world: KillWorld,
    kills: int,
    *,
    seed: int,
    backend: str,
    split: bool = False,
    stop_on_partial: bool = False,
    chooser: Chooser = choose_kill,
) -> Tally:
    """``kills`` SIGKILLs of import children (split: the control's importer) on ``world``."""
    mode = "control (one transaction per case)" if split else "safe"
    tally = Tally(backend, mode)
    rng = random.Random(f"{seed}:{backend}:{split}")
    pace = Pace()
    began = time.monotonic()
    reset(world)
    inside: set[int] = set()
    run = 0
    child = Child(split)
    try:
        while tally.kills < kills:
            run += 1
            pending = [f.sequence for f in world.facts if f.sequence not in inside]
            plan = chooser(rng, pace, pending)
            code, killed = one_run(child, world, plan, pace)
            previous, child = child, Child(split)  # loads while the registry is checked
            report = inspect(world, previous.said("COMMITTED"))
            check_statuses(report, inside, previous.statuses())
            if killed:
                tally.kills += 1
                tally.phases[previous.phase()] += 1
                tally.imported += sum(1 for s in previous.statuses().values() if s == "imported")
            elif code != 0 or "ALLDONE" not in previous.seen:
                tally.child_errors += 1
                tally.note(run, f"child exit {code}: {previous.stderr_tail[-600:]}")
                if tally.child_errors >= MAX_CHILD_ERRORS:
                    break
            tally.add(run, report, killed)
            inside = report.inside
            if stop_on_partial and report.partial:
                break
            if plan.line is None or report.findings():
                # Every batch is in (checked just now by a run that was not killed), or the
                # registry is damaged: a new round on an empty registry either way.
                tally.rounds += plan.line is None and not report.findings()
                tally.stray_temp_files += reset(world)
                inside = set()
    finally:
        child.kill()
    tally.stray_temp_files += len(list(world.batches.glob(".*.tmp")))
    tally.seconds = time.monotonic() - began
    tally.transaction_s = pace.typical(pace.transaction)
    return tally


# --- running it ----------------------------------------------------------------------------------


def backends(wanted: str) -> list[tuple[str, str | None]]:
    """``auto``: SQLite, and PostgreSQL when its server answers; ``sqlite`` or ``postgresql``:
    that one only (PostgreSQL then must answer). Each with its server URL (None for SQLite)."""
    chosen: list[tuple[str, str | None]] = []
    if wanted in ("auto", "sqlite"):
        chosen.append(("sqlite", None))
    if wanted == "postgresql":
        chosen.append(("postgresql", require_server()))
    elif wanted == "auto":
        try:
            chosen.append(("postgresql", require_server()))
        except PostgresUnavailable as exc:
            print(f"PostgreSQL skipped: {exc}")
    return chosen


@contextlib.contextmanager
def world_on(
    backend: str, server: str | None, folder: Path, *, cases: int, batches: int, seed: int
) -> Iterator[KillWorld]:
    """A kill world whose registry store is its own file, or a scratch PostgreSQL database."""
    if server is None:
        yield build_world(folder, cases=cases, batches=batches, seed=seed, database_url=None)
        return
    with scratch_database(server) as url:
        yield build_world(folder, cases=cases, batches=batches, seed=seed, database_url=url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="safe kills per backend")
    parser.add_argument("--control-kills", type=int, default=20, help="at most, per backend")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--cases", type=int, default=40, help="cases in every batch")
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--backend", choices=["auto", "sqlite", "postgresql"], default="auto")
    args = parser.parse_args(argv)
    ok = True
    for backend, server in backends(args.backend):
        with tempfile.TemporaryDirectory(prefix="cmlentry-import-kill-") as tmp, world_on(
            backend, server, Path(tmp), cases=args.cases, batches=args.batches, seed=args.seed
        ) as world:  # fmt: skip
            print(f"{backend}: {len(world.facts)} batches of {len(world.facts[0].records)} cases")
            safe = campaign(world, args.kills, seed=args.seed, backend=backend)
            print(safe.summary(), flush=True)
            control = campaign(
                world, args.control_kills, seed=args.seed, backend=backend, split=True,
                stop_on_partial=True, chooser=aim_at_transaction,
            )  # fmt: skip
            print(control.summary(), flush=True)
        ok = ok and safe.total_problems == 0 and safe.kills == args.kills
        ok = ok and control.partial_runs > 0 and control.child_errors == 0
    print("OK: every batch fully in or fully out after every kill; the control was seen half "
          "in." if ok else "FAILED: see above.")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
