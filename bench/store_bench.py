"""SQLCipher against plain SQLite: the same saves and reads through the same code.

Three stores are built the same way, each a :class:`cmlentry.storage.workspace.Database` whose
write path, audit hook, schema (the Alembic migrations), pool and ``BEGIN``/``BEGIN IMMEDIATE``
hook are the application's; only the connection factory differs:

* ``encrypted`` – the application's engine: ``sqlcipher3`` with the raw 256-bit key
  (``cmlentry.storage.engine.make_engine``);
* ``plain`` – the baseline: the standard library's ``sqlite3``, no key;
* ``plain_sqlcipher_lib`` – ``sqlcipher3`` with no key set, i.e. the very same SQLite build
  with the cipher off. The standard library's SQLite is usually a different SQLite version,
  so this third store tells the cost of the cipher apart from the cost of the version.

Every connection gets the pragmas of ``cmlentry.storage.engine.connect_raw``: journal_mode=WAL,
synchronous=FULL, foreign_keys=ON, temp_store=MEMORY, busy_timeout. Each repetition makes new
stores, preloads each with the same audit trail, then runs rounds of one save and one read on
every store, the order of the stores rotating every round so that none always goes first, and
ends with one ``PRAGMA quick_check`` on each (the start-up check, a read of every page). The
ratio that counts against the budget is the total of the saves and reads.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from bench import workload
from bench.common import Summary, local_tempdir, now
from cmlentry import __version__
from cmlentry.crypto.keyslots import new_database_key
from cmlentry.storage import audit, migrate
from cmlentry.storage.audit import Actor, AuditContext, format_utc, utc_now
from cmlentry.storage.engine import BUSY_TIMEOUT_MS, SAFE

# The application's own hook, so that plain stores begin transactions exactly as it does.
from cmlentry.storage.engine import _install_transaction_hooks as install_transaction_hooks
from cmlentry.storage.models import Site, User
from cmlentry.storage.workspace import Database

STORES = ("encrypted", "plain", "plain_sqlcipher_lib")
PLAIN_HEADER = b"SQLite format 3\x00"
ACTOR = Actor(user_id=1, username="benchadmin", printed_name="Bench Admin", role="site_admin")


def _plain_connect(driver: Any, path: Path) -> Any:
    """``connect_raw`` without the key: same flags, same pragmas, same order."""
    conn = driver.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute(f"PRAGMA journal_mode = {SAFE.journal_mode}").fetchone()
    conn.execute(f"PRAGMA synchronous = {SAFE.synchronous}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _plain_engine(driver: Any, path: Path) -> Engine:
    """``make_engine`` without the key: same pool, same transaction hook."""
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: _plain_connect(driver, path),
        module=driver,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
    )
    install_transaction_hooks(engine)
    return engine


def open_store(kind: str, folder: Path, cache_kib: int | None = None) -> Database:
    """A new, empty store of ``kind`` in ``folder``, migrated to the head revision.

    ``cache_kib`` sets ``PRAGMA cache_size`` on every connection of the store (the application
    sets none; the option is there to try a larger page cache, on every store alike).
    """
    path = folder / f"{kind}.db"
    db = Database(path, new_database_key())
    if kind == "plain":
        db.engine.dispose()
        db.engine = _plain_engine(sqlite3, path)
    elif kind == "plain_sqlcipher_lib":
        db.engine.dispose()
        db.engine = _plain_engine(sqlcipher3.dbapi2, path)
    if cache_kib is not None:

        def set_cache(dbapi_conn: Any, _record: object) -> None:
            dbapi_conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")

        event.listen(db.engine, "connect", set_cache)
    with db.engine.begin() as conn:
        migrate.upgrade(conn)
    return db


def context() -> AuditContext:
    return AuditContext(ACTOR, __version__)


def seed(db: Database, trail_rows: int) -> tuple[int, float]:
    """The site row and the administrator (as ``create_workspace`` writes them), then a
    preloaded audit trail in one transaction. Returns the admin's id and the preload's time."""
    now_text = format_utc(utc_now())
    with db.write(context()) as session:
        site = Site(
            id=1,
            workspace_id="bench",
            kind="site",
            country="FR",
            centre_code="086",
            centre_name="Bench",
            created_at=now_text,
        )
        admin = User(
            username="benchadmin",
            printed_name="Bench Admin",
            role="site_admin",
            active=True,
            must_change_password=False,
            created_at=now_text,
        )
        session.add(site)
        session.add(admin)
    start = now()
    if trail_rows:
        with db.write(context()) as session:
            audit.append(session.connection(), context(), workload.trail_rows(0, trail_rows))
    return admin.id, now() - start


@dataclass
class StoreRun:
    """What one store did in one repetition."""

    saves: list[float] = field(default_factory=list)
    reads: list[float] = field(default_factory=list)
    preload: float = 0.0
    quick_check: float = 0.0
    db_bytes: int = 0

    @property
    def total(self) -> float:
        return sum(self.saves) + sum(self.reads)


def _timed(action: Callable[[], object]) -> float:
    start = now()
    action()
    return now() - start


def _round(db: Database, run: StoreRun, ids: list[int], serial: int, rng: random.Random) -> None:
    """One save, then one read of a random user's history, each timed."""

    def write() -> Any:
        return db.write(context())

    run.saves.append(_timed(lambda: workload.save(write, ids, serial, rng)))
    target = rng.choice(ids)
    run.reads.append(_timed(lambda: workload.read(db.read, target)))


def repetition(
    rounds: int, trail_rows: int, seed_value: int, cache_kib: int | None = None
) -> dict[str, StoreRun]:
    """New stores, the same preload, then ``rounds`` × (save, read) on each, interleaved."""
    runs = {kind: StoreRun() for kind in STORES}
    with local_tempdir("store") as folder:
        stores = {kind: open_store(kind, folder, cache_kib) for kind in STORES}
        try:
            ids: dict[str, list[int]] = {}
            rngs = {kind: random.Random(seed_value) for kind in STORES}
            for kind, db in stores.items():
                admin_id, runs[kind].preload = seed(db, trail_rows)
                ids[kind] = [admin_id]
            for serial in range(1, rounds + 1):
                shift = serial % len(STORES)
                for kind in STORES[shift:] + STORES[:shift]:
                    _round(stores[kind], runs[kind], ids[kind], serial, rngs[kind])
            for kind in STORES:
                runs[kind].quick_check = _timed(stores[kind].quick_check)
        finally:
            for db in stores.values():
                db.close()
        for kind in STORES:
            path = folder / f"{kind}.db"
            runs[kind].db_bytes = path.stat().st_size
            _check_cipher(kind, path)
    return runs


def _check_cipher(kind: str, path: Path) -> None:
    """Refuse a comparison in which the encrypted store is not encrypted, or a plain one is."""
    with path.open("rb") as handle:
        plain_file = handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    if plain_file == (kind == "encrypted"):
        raise RuntimeError(f"{path.name}: {'plain' if plain_file else 'encrypted'}, not {kind}")


def _ratio(
    runs: list[dict[str, StoreRun]], kind: str, measure: Callable[[StoreRun], float]
) -> dict[str, float]:
    """encrypted / ``kind``: per repetition (median, min, max) and over all repetitions."""
    ratios = [measure(run["encrypted"]) / measure(run[kind]) for run in runs]
    encrypted = sum(measure(run["encrypted"]) for run in runs)
    baseline = sum(measure(run[kind]) for run in runs)
    return {
        "median": Summary.of(ratios).median,
        "min": min(ratios),
        "max": max(ratios),
        "pooled": encrypted / baseline,
    }


def _page_cache_kib(cache_kib: int | None) -> int:
    """The page cache each encrypted connection gets (the application sets no cache_size)."""
    with local_tempdir("cache") as folder:
        db = open_store("encrypted", folder, cache_kib)
        try:
            with db.engine.connect() as conn:
                pages = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0)
                page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
        finally:
            db.close()
    return -pages if pages < 0 else pages * page_size // 1024


def compare(
    repetitions: int, rounds: int, trail_rows: int, cache_kib: int | None = None
) -> dict[str, Any]:
    """All repetitions; per store the figures, and encrypted / plain ratios."""
    runs = [
        repetition(rounds, trail_rows, seed_value=1000 + rep, cache_kib=cache_kib)
        for rep in range(repetitions)
    ]
    stores: dict[str, Any] = {}
    for kind in STORES:
        stores[kind] = {
            "save": Summary.of([t for run in runs for t in run[kind].saves]).as_dict(),
            "read": Summary.of([t for run in runs for t in run[kind].reads]).as_dict(),
            "total_per_repetition": Summary.of([run[kind].total for run in runs]).as_dict(),
            "preload": Summary.of([run[kind].preload for run in runs]).as_dict(),
            "quick_check": Summary.of([run[kind].quick_check for run in runs]).as_dict(),
            "db_bytes": runs[-1][kind].db_bytes,
        }
    ratios: dict[str, Any] = {}
    for kind in STORES[1:]:
        ratios[kind] = {
            "total": _ratio(runs, kind, lambda run: run.total),
            "saves": _ratio(runs, kind, lambda run: sum(run.saves)),
            "reads": _ratio(runs, kind, lambda run: sum(run.reads)),
            "preload": _ratio(runs, kind, lambda run: run.preload),
            "quick_check": _ratio(runs, kind, lambda run: run.quick_check),
            "db_bytes": runs[-1]["encrypted"].db_bytes / runs[-1][kind].db_bytes,
        }
    return {
        "page_cache_kib": _page_cache_kib(cache_kib),
        "page_cache_set_by_bench": cache_kib is not None,
        "repetitions": repetitions,
        "rounds": rounds,
        "trail_rows": trail_rows,
        "stores": stores,
        "ratios": ratios,
    }
