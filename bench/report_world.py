"""A registry with N cases in its central store, for the report benchmark (``report_bench``).

The store holds what imports of real batches leave, made fast:

* ``distinct`` complete cases are entered once through :class:`CaseService` on a throw-away
  site (the demo's planner, as the batch benchmarks make them: nine forms saved and completed,
  repeating rows, overridden warnings, corrections with a reason), and each is turned into the
  record its batch would carry (:func:`record_of`, as ``ExportService`` calls it);
* a registry workspace (central store in its own SQLCipher file) registers :data:`CENTRES`
  centres in eight countries from written site key files (``CentreService.register``);
* the N cases are those records cloned under new pseudonyms of a centre drawn at random (centres
  of different sizes), with the record's ``id`` and hash made anew, written as the importer's
  ``_take`` writes an accepted new case: a ``CentralCase`` whose ``current_version_id`` is its
  one ``CaseVersion`` (revision of the site's case, no base revision, outcome accepted, the
  record's canonical JSON and SHA-256), in batches of :data:`BATCH_CASES` per centre, each a
  ``ReceivedBatch`` linked to the last and committed on its own, as an import commits.

No file is sealed, so the batches' file hashes and sizes are stand-ins (the hash of the
batch's record hashes, the size of its records) and no acknowledgement is kept: the report and
the exports read none of them.

A store is built once for each (N, seed, distinct) and this builder's version and the schema
heads, in a folder of the cache (``bench/results/report-stores/`` by default, which git
ignores), and reused by later runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench.batch_world import (
    complete_plans,
    make_registry,
    new_centre,
    open_registry,
    register_key,
    store_size,
)
from bench.common import PASSWORD, SITE, USERNAME, local_tempdir, now
from cmlentry.crypto import container
from cmlentry.crypto.keyfiles import key_time
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.pseudonym import MAX_SEQUENCE, RegistryId
from cmlentry.services.batches.record import Record, record_bytes, record_of, record_sha256
from cmlentry.services.cases import CaseService
from cmlentry.services.demo import enter_case
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import create_workspace
from cmlentry.storage import migrate
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import (
    ACCEPTED,
    CaseVersion,
    CentralCase,
    Centre,
    CentreKey,
    ReceivedBatch,
)
from cmlentry.storage.central.store import head_revision
from cmlentry.storage.models import Case
from cmlentry.storage.workspace import DB_NAME

BUILDER = 1
"""This builder's version: a change to what it writes makes stores built before it stale."""

COUNTRIES = ("DE", "FR", "IT", "ES", "NL", "AT", "CZ", "PL")
CENTRES = 24
BATCH_CASES = 1_000
FIRST_IMPORT = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC)
IMPORT_DAYS = 3 * 365  # the batches arrive over three years
READY = "store.json"  # written last: a folder without it is an interrupted build

Say = Callable[[str], None]


@dataclass(frozen=True)
class SiteCase:
    record: Record
    revision: int


@dataclass(frozen=True)
class BuiltStore:
    """A registry workspace holding ``cases`` counted cases; closed.

    Attributes:
        folder: The registry workspace (open it with :func:`bench.batch_world.open_registry`).
        cases: Cases in the central store, every one counted by the report.
        seed: The seed of the planner and of the centres' draw.
        distinct: Distinct cases entered at the site and cloned.
        centres: Centres registered (every one has cases).
        batches: Batches recorded.
        store_bytes: Size of the workspace file (central store inside) and its WAL.
        record_bytes: Size of the records' JSON in all.
        cached: True when an earlier run built it and this one only reused it.
        build: Seconds of the build: "site" (entering the distinct cases), "centres"
            (registration), "fill" (the rows); empty when cached is True and not rebuilt.
    """

    folder: Path
    cases: int
    seed: int
    distinct: int
    centres: int
    batches: int
    store_bytes: int
    record_bytes: int
    cached: bool
    build: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "folder": str(self.folder)}


def cache_key(cases: int, seed: int, distinct: int) -> str:
    """The cache folder's name: the parameters, this builder and the schemas it wrote."""
    schemas = f"{BUILDER}-{head_revision()}-{migrate.head_revision()}"
    tag = hashlib.sha256(schemas.encode("ascii")).hexdigest()[:10]
    return f"n{cases}-seed{seed}-distinct{distinct}-{tag}"


def cached_store(cases: int, seed: int, distinct: int, cache: Path, say: Say) -> BuiltStore:
    """The store of ``cases`` cases from the cache, built there first if it is not yet."""
    folder = cache / cache_key(cases, seed, distinct)
    ready = folder / READY
    if ready.exists():
        facts = json.loads(ready.read_text())
        return BuiltStore(**{**facts, "folder": folder, "cached": True})
    # An interrupted build, or stores of the same size from an older builder or schema.
    for stale in cache.glob(f"n{cases}-seed{seed}-distinct{distinct}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".{folder.name}.building"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        built = build_store(partial, cases, seed, distinct, say)
        facts = {k: v for k, v in built.as_dict().items() if k not in ("folder", "cached")}
        (partial / READY).write_text(json.dumps(facts, indent=2) + "\n")
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BuiltStore(**{**facts, "folder": folder, "cached": False})


def build_store(folder: Path, cases: int, seed: int, distinct: int, say: Say) -> BuiltStore:
    """Make the registry workspace in ``folder`` (new) with ``cases`` cases: see the module."""
    rng = random.Random(seed)
    build: dict[str, float] = {}
    start = now()
    say(f"{distinct} distinct cases entered at a site (once a run)")
    site_cases = entered_cases(distinct, seed)
    build["site"] = now() - start
    start = now()
    registry = make_registry(folder / "registry")
    centre_ids = _register_centres(registry, folder / "keys", rng, cases)
    shutil.rmtree(folder / "keys")
    build["centres"] = now() - start
    start = now()
    say(f"writing {cases:,} cases")
    batches, sizes = _fill(registry, site_cases, centre_ids, cases, rng, say)
    build["fill"] = now() - start
    with open_registry(registry) as ws:
        store = open_central_store(ws)
        try:
            size = store_size(store, registry / DB_NAME)
        finally:
            store.close()
    return BuiltStore(
        folder=folder,
        cases=cases,
        seed=seed,
        distinct=distinct,
        centres=len(centre_ids),
        batches=batches,
        store_bytes=size,
        record_bytes=sizes,
        cached=False,
        build=build,
    )


@functools.cache  # one site for every size of a run
def entered_cases(count: int, seed: int) -> tuple[SiteCase, ...]:
    """``count`` complete cases entered through the case service, as their batch records."""
    with local_tempdir("report-site") as tmp:
        created = create_workspace(
            tmp / "site", SITE, USERNAME, "Bench Admin", PASSWORD, policy=OWASP_FLOOR
        )
        with created.workspace as ws:
            service = CaseService(ws)
            rng, entered, complete = random.Random(seed), 0, list[str]()
            # A plan may end with a form not ready to complete (the demo keeps it a draft, and
            # no batch carries a draft): top up until there are enough complete cases.
            while len(complete) < count:
                for plan in complete_plans(rng, count - len(complete), 1000 + entered):
                    enter_case(service, plan, lambda: None)
                    entered += 1
                complete = [c.registry_id for c in service.list_cases() if c.status == "complete"]
            with ws.db.read() as session:
                revisions = dict(session.execute(select(Case.registry_id, Case.revision)).all())
            oid = service.definition.oid
            return tuple(
                SiteCase(record_of(service.get_case(rid), oid), revisions[rid])
                for rid in complete[:count]
            )


def _register_centres(
    registry: Path, keys: Path, rng: random.Random, cases: int
) -> dict[str, tuple[int, str, float]]:
    """Register the centres from written key files: code -> (row id, key id, weight)."""
    keys.mkdir()
    count = max(CENTRES, -(-cases * 2 // MAX_SEQUENCE))  # room to spare in every centre
    made = [new_centre(101 + n, COUNTRIES[n % len(COUNTRIES)]) for n in range(count)]
    with open_registry(registry) as ws:
        for centre in made:
            register_key(ws, centre.key_file(keys))
        store = open_central_store(ws)
        try:
            with store.read() as session:
                rows = session.execute(
                    select(Centre.code, Centre.id, CentreKey.key_id).join(
                        CentreKey, CentreKey.centre_id == Centre.id
                    )
                ).all()
        finally:
            store.close()
    # Centres of different sizes, the largest about three times the smallest.
    return {code: (row_id, key_id, rng.uniform(0.5, 1.5)) for code, row_id, key_id in rows}


def _fill(
    registry: Path,
    site_cases: tuple[SiteCase, ...],
    centres: dict[str, tuple[int, str, float]],
    cases: int,
    rng: random.Random,
    say: Say,
) -> tuple[int, int]:
    """Write the cases, batch by batch; return (batches, bytes of records)."""
    codes = sorted(centres)
    weights = [centres[code][2] for code in codes]
    per_centre: dict[str, list[SiteCase]] = {code: [] for code in codes}
    for index in range(cases):
        code = rng.choices(codes, weights)[0]
        while len(per_centre[code]) >= MAX_SEQUENCE:
            code = codes[(codes.index(code) + 1) % len(codes)]
        per_centre[code].append(site_cases[index % len(site_cases)])
    batches = [
        (code, sequence, chunk)
        for code in codes
        for sequence, chunk in enumerate(_chunks(per_centre[code], BATCH_CASES), 1)
    ]
    times = sorted(
        FIRST_IMPORT + dt.timedelta(seconds=rng.uniform(0, IMPORT_DAYS * 86400)) for _ in batches
    )
    # Each centre's batches arrive in their order; the centres interleave.
    batches.sort(key=lambda batch: (batch[1], rng.random()))
    last_hash: dict[str, str] = {}
    numbers = dict.fromkeys(codes, 0)  # pseudonyms given in each centre so far
    written = 0
    total_bytes = 0
    with open_registry(registry) as ws:
        store = open_central_store(ws)
        try:
            for (code, sequence, chunk), when in zip(batches, times, strict=True):
                centre_id, key_id, _weight = centres[code]
                imported = format_utc(when)
                rows = _Rows(code, numbers[code], written, imported)
                for site_case in chunk:
                    rows.add(site_case)
                numbers[code] += len(chunk)
                written += len(chunk)
                total_bytes += rows.size
                file_hash = hashlib.sha256("".join(rows.hashes).encode("ascii")).hexdigest()
                with store.write() as session:
                    batch = ReceivedBatch(
                        centre_id=centre_id,
                        sequence=sequence,
                        file_sha256=file_hash,
                        file_size=rows.size,
                        previous_sha256=last_hash.get(code, container.ZERO_HASH),
                        created_at=key_time(when - dt.timedelta(days=rng.randint(1, 20))),
                        imported_at=imported,
                        imported_by=ws.user.username,
                        key_id=key_id,
                        record_count=len(chunk),
                        accepted_count=len(chunk),
                        rejected_count=0,
                    )
                    session.add(batch)
                    session.flush()
                    session.execute(
                        insert(CentralCase), [{**c, "centre_id": centre_id} for c in rows.cases]
                    )
                    session.execute(
                        insert(CaseVersion), [{**v, "batch_id": batch.id} for v in rows.versions]
                    )
                last_hash[code] = file_hash
                if written // 20_000 > (written - len(chunk)) // 20_000:
                    say(f"{written:,} cases written")
        finally:
            store.close()
    return len(batches), total_bytes


class _Rows:
    """The rows an import of one batch of ``code`` adds: a new accepted case per record."""

    def __init__(self, code: str, numbered: int, written: int, imported: str) -> None:
        self.country, self.centre = code.split("-")
        self.numbered, self.written, self.imported = numbered, written, imported
        self.cases: list[dict[str, Any]] = []
        self.versions: list[dict[str, Any]] = []
        self.hashes: list[str] = []
        self.size = 0

    def add(self, site_case: SiteCase) -> None:
        self.numbered += 1
        self.written += 1
        row_id = self.written  # rows are numbered as the store would number them: 1, 2, ...
        rid = str(RegistryId(self.country, self.centre, self.numbered))
        record = {**site_case.record, "id": rid}
        text = record_bytes(record).decode("utf-8")
        digest = record_sha256(record)
        self.size += len(text.encode("utf-8"))
        self.hashes.append(digest)
        self.cases.append(
            {
                "id": row_id,
                "registry_id": rid,
                "current_version_id": row_id,
                "first_seen_at": self.imported,
                "updated_at": self.imported,
                "conflicts": 0,
            }
        )
        self.versions.append(
            {
                "id": row_id,
                "case_id": row_id,
                "revision": site_case.revision,
                "base_revision": None,
                "record": text,
                "record_sha256": digest,
                "outcome": ACCEPTED,
                "reason": None,
            }
        )


def _chunks(items: list[SiteCase], size: int) -> Iterator[list[SiteCase]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
