"""Batches: a site's export, the registry's import, and a central store that grows.

``batch``: on a site workspace of complete cases (entered once through :class:`CaseService`
with the demo's planner), each timed run takes a fresh copy of the site and of a registry that
trusts it, then times ``ExportService.export`` of the first *n* cases (batch 1, its parts
timed inside the real call), ``ImportService.verify`` alone and ``ImportService.import_file``
(verify + import + acknowledgement) into the registry's own SQLCipher central store. The
baseline, in the same run and on the same copy, is reading the same *n* cases with
``CaseService.get_case``: what merely looking at the cases costs.

``central``: 100 centres each send batch 1 of 1,000 cases into one registry whose central
store is a fresh PostgreSQL database. The batches are made from ONE real payload of the site's
exporter (:class:`bench.batch_world.CentreBatches`): each centre has its own key set, its own
pseudonyms and manifest hashes, and its file is sealed as ``export.py`` seals. Every file is
imported with :meth:`ImportService.import_file` and timed alone, so the per-batch cost can be
followed as the store grows from 0 to 100,000 cases; the first batches go into the SQLCipher
store as well, for comparison.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

from bench import batch_world as bw
from bench.common import Summary, local_tempdir, now, timed_calls
from cmlentry.crypto import container
from cmlentry.services.batches import export as export_module
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService
from cmlentry.services.registry import importer as importer_module
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.storage.workspace import DB_NAME

EXPORT_PARTS = [
    (CaseService, "_load", "read_cases"),
    (export_module, "record_of", "records"),
    (export_module, "value_audits", "audit_rows"),
    (export_module, "write_odm", "odm_write"),
    (container, "seal", "seal"),
    (ExportService, "verify_own", "self_check"),
    (export_module, "read_odm", "self_check_odm_read"),
    (export_module, "atomic_write_bytes", "write_file"),
]
# Parts that do not contain one another: what is left of the total is the transaction itself.
EXPORT_TOP = (
    "read_cases",
    "records",
    "audit_rows",
    "odm_write",
    "seal",
    "self_check",
    "write_file",
)
IMPORT_PARTS = [
    (ImportService, "verify", "verify"),
    (container, "decrypt", "decrypt"),
    (importer_module, "read_odm", "odm_read"),
    (ImportService, "_import", "store"),
    (importer_module, "seal_ack", "ack_seal"),
    (importer_module, "write_ack", "ack_write"),
]
IMPORT_TOP = ("verify", "store", "ack_write")


def _present(targets: list[tuple[Any, str, str]]) -> list[tuple[Any, str, str]]:
    """The targets the code has now: a part renamed in a refactoring is left out, not fatal."""
    return [
        (owner, attr, label)
        for owner, attr, label in targets
        if (attr in owner.__dict__ if isinstance(owner, type) else hasattr(owner, attr))
    ]


def _load() -> list[float]:
    """The load average: other work on this 2-CPU machine moves every figure."""
    return [round(value, 2) for value in os.getloadavg()]


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)


@contextlib.contextmanager
def world(cases: int) -> Iterator[bw.SiteAndRegistry]:
    """The template site (``cases`` complete cases) and registry, for both sections."""
    with local_tempdir("batch-world") as tmp, bw.site_and_registry(tmp / "w", cases) as made:
        yield made


# --- batch: export and import of n cases ----------------------------------------------------------


def _header(data: bytes) -> dict[str, Any]:
    """A batch's header fields, read without checks (the bench made the file)."""
    preamble = container.read_preamble(data, kind="batch", file="bench")
    header: dict[str, Any] = json.loads(data[128 : 128 + preamble.header_length])
    return header


def _one_run(made: bw.SiteAndRegistry, folder: Path, ids: list[str]) -> dict[str, Any]:
    folder.mkdir()
    out = folder / "out"
    out.mkdir()
    run: dict[str, Any] = {}
    with bw.open_site(bw.copy_of(made.site, folder / "site")) as ws:
        cases = CaseService(ws)
        start = now()
        for registry_id in ids:
            cases.get_case(registry_id)
        run["baseline_read"] = now() - start
        service = ExportService(ws)
        with timed_calls(_present(EXPORT_PARTS)) as parts:
            start, cpu = now(), time.process_time()
            exported = service.export(out, ids)
            run["export"], run["export_cpu"] = now() - start, time.process_time() - cpu
        run["export_parts"] = dict(parts)
    data = exported.path.read_bytes()
    start = now()
    hashlib.sha256(data).hexdigest()
    run["sha256"] = now() - start
    run["file_bytes"] = len(data)
    run["odm_bytes"] = _header(data)["payload"]["plaintext_length"]
    with bw.open_registry(bw.copy_of(made.registry, folder / "registry")) as reg:
        store = open_central_store(reg)
        try:
            start, cpu = now(), time.process_time()
            ImportService(reg, store).verify(container.read_file(exported.path), "bench")
            run["verify"], run["verify_cpu"] = now() - start, time.process_time() - cpu
            with timed_calls(_present(IMPORT_PARTS)) as parts:
                start, cpu = now(), time.process_time()
                outcome = ImportService(reg, store).import_file(exported.path, out)
                run["import"], run["import_cpu"] = now() - start, time.process_time() - cpu
            run["import_parts"] = dict(parts)
        finally:
            store.close()
    _require_imported(outcome, len(ids))
    shutil.rmtree(folder)
    return run


def _require_imported(outcome: ImportOutcome, cases: int) -> None:
    if outcome.status != "imported" or outcome.accepted != cases:
        why = outcome.error.message if outcome.error is not None else "cases rejected"
        raise RuntimeError(f"the benchmark's batch was not imported in full: {why}")


def _ratio(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def _parts_median(runs: list[dict[str, Any]], key: str, total: str, top: tuple[str, ...]) -> Any:
    labels = sorted({label for run in runs for label in run[key]})
    medians = {
        label: statistics.median(run[key].get(label, 0.0) for run in runs) for label in labels
    }
    medians["rest"] = statistics.median(
        run[total] - sum(run[key].get(label, 0.0) for label in top) for run in runs
    )
    return medians


def batch(made: bw.SiteAndRegistry, sizes: list[int], runs: int) -> dict[str, Any]:
    """Export and import of each size in ``sizes``, ``runs`` times, the sizes interleaved."""
    ids = list(made.complete)
    sizes = sorted({min(size, len(ids)) for size in sizes})
    load_before = _load()
    samples: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    with local_tempdir("batch-runs") as tmp:
        # Imports (odmlib, defusedxml), SQL compilation and caches: not part of any figure.
        _one_run(made, tmp / "warm-up", ids[: min(10, len(ids))])
        for repetition in range(runs):
            for size in sizes:
                samples[size].append(_one_run(made, tmp / f"{size}-{repetition}", ids[:size]))
    by_size = []
    for size in sizes:
        done = samples[size]
        by_size.append(
            {
                "cases": size,
                "runs": len(done),
                **{
                    name: Summary.of([run[name] for run in done]).as_dict()
                    for name in (
                        "export",
                        "import",
                        "verify",
                        "export_cpu",
                        "import_cpu",
                        "verify_cpu",
                        "baseline_read",
                        "sha256",
                    )
                },
                "file_bytes": done[0]["file_bytes"],
                "odm_bytes": done[0]["odm_bytes"],
                "export_parts": _parts_median(done, "export_parts", "export", EXPORT_TOP),
                "import_parts": _parts_median(done, "import_parts", "import", IMPORT_TOP),
                "ratios": {
                    name: _ratio([run[name] / run["baseline_read"] for run in done])
                    for name in ("export", "import", "verify")
                },
            }
        )
    smallest, largest = by_size[0], by_size[-1]
    return {
        "cases": len(ids),
        "entered": made.entered,
        "fill_seconds": made.fill_seconds,
        "runs": runs,
        "load": [load_before, _load()],
        "sizes": by_size,
        "growth": {
            name: (largest[name]["median"] / largest["cases"])
            / (smallest[name]["median"] / smallest["cases"])
            for name in ("export", "import", "verify")
        },
    }


# --- central: 100 batches into one store -----------------------------------------------------


def _imports(
    registry: Path,
    maker: bw.CentreBatches,
    centres: list[bw.OtherCentre],
    folder: Path,
    progress: Callable[[int], None],
) -> dict[str, Any]:
    """Register ``centres`` at ``registry``, make their files, import them one by one."""
    keys_folder, files, acks = folder / "keys", folder / "batches", folder / "acks"
    for made in (keys_folder, files, acks):
        made.mkdir()
    with bw.open_registry(registry) as reg:
        store = open_central_store(reg)
        try:
            start = now()
            registry_keys = bw.registry_public_keys(reg)
            registering = CentreService(reg, store)
            for centre in centres:
                registering.register(centre.key_file(keys_folder))
            registered = now() - start
            start = now()
            paths = [maker.write_for(centre, registry_keys, files) for centre in centres]
            built = now() - start
            importer = ImportService(reg, store)
            seconds, cpu_seconds, parts_per_batch, rss = [], [], [], []
            rss_before = _rss()
            with timed_calls(_present(IMPORT_PARTS)) as parts:
                for done, path in enumerate(paths, 1):
                    before = dict(parts)
                    start, cpu = now(), time.process_time()
                    outcome = importer.import_file(path, acks)
                    seconds.append(now() - start)
                    cpu_seconds.append(time.process_time() - cpu)
                    parts_per_batch.append(
                        {label: parts[label] - before.get(label, 0.0) for label in parts}
                    )
                    _require_imported(outcome, len(maker.payload.records))
                    rss.append(_rss())
                    progress(done)
            size = bw.store_size(store, registry / DB_NAME)
        finally:
            store.close()
    return {
        "batches": len(paths),
        "register_seconds": registered,
        "build_seconds": built,
        "file_bytes": paths[0].stat().st_size,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "parts": parts_per_batch,
        "rss_before": rss_before,
        "rss": rss,
        "store_bytes": size,
    }


def _every_tenth(progress: Callable[[str], None], label: str, done: int, total: int) -> None:
    if done % max(1, total // 10) == 0 or done == total:
        progress(f"{label} {done}/{total}")


def _deciles(result: dict[str, Any], cases: int) -> list[dict[str, Any]]:
    seconds, parts = result["seconds"], result["parts"]
    width = max(1, len(seconds) // 10)
    groups = []
    for first in range(0, len(seconds), width):
        chunk = slice(first, first + width)
        median = statistics.median(seconds[chunk])
        groups.append(
            {
                "first": first + 1,
                "last": min(first + width, len(seconds)),
                "median": median,
                "max": max(seconds[chunk]),
                "per_case": median / cases,
                "cpu": statistics.median(result["cpu_seconds"][chunk]),
                "verify": statistics.median(p.get("verify", 0.0) for p in parts[chunk]),
                "store": statistics.median(p.get("store", 0.0) for p in parts[chunk]),
            }
        )
    return groups


def central(
    made: bw.SiteAndRegistry,
    batches: int,
    cases: int,
    sqlite_batches: int,
    progress: Callable[[str], None] = lambda _text: None,
) -> dict[str, Any]:
    """``batches`` batches of ``cases`` cases into PostgreSQL; ``sqlite_batches`` into SQLCipher."""
    cases = min(cases, len(made.complete))
    url, server = bw.postgres_server()
    result: dict[str, Any] = {"batches": batches, "cases": cases, "server": server}
    load_before = _load()
    with local_tempdir("central") as tmp:
        start = now()
        _path, payload = bw.export_once(made.site, tmp / "source", list(made.complete[:cases]))
        result["payload_seconds"] = now() - start
        maker = bw.CentreBatches(payload)
        centres = [bw.new_centre(number) for number in range(1, batches + 1)]
        runs: dict[str, dict[str, Any]] = {}
        if url is not None:
            with bw.scratch_postgres(url) as database:
                registry = bw.make_registry(tmp / "pg" / "registry", database_url=database)
                runs["postgresql"] = _imports(
                    registry,
                    maker,
                    centres,
                    tmp / "pg",
                    lambda done: _every_tenth(progress, "postgresql", done, batches),
                )
        sqlite_centres = centres[:sqlite_batches]
        registry = bw.make_registry(tmp / "sqlite" / "registry")
        runs["sqlite"] = _imports(
            registry,
            maker,
            sqlite_centres,
            tmp / "sqlite",
            lambda done: _every_tenth(progress, "sqlite", done, len(sqlite_centres)),
        )
    for run in runs.values():
        run["deciles"] = _deciles(run, cases)
        run["total_seconds"] = sum(run["seconds"])
        run["rss_peak"] = max(run["rss"])
        first, last = run["deciles"][0], run["deciles"][-1]
        run["growth"] = last["median"] / first["median"]
    result["runs"] = runs
    result["load"] = [load_before, _load()]
    if "postgresql" in runs:
        count = runs["sqlite"]["batches"]
        pg = statistics.median(runs["postgresql"]["seconds"][:count])
        lite = statistics.median(runs["sqlite"]["seconds"])
        result["compared"] = {
            "batches": count,
            "postgresql": pg,
            "sqlite": lite,
            "ratio": pg / lite,
        }
    result["payload_odm_bytes"] = len(payload.odm)
    result["process_peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result
