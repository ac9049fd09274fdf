"""The registry report and its exports over 10,000 and 100,000 cases: time and peak memory.

For each size a registry workspace holds that many counted cases in its central store (its own
SQLCipher file; :mod:`bench.report_world` builds it once and caches it). Each measurement runs
in a child process of its own (``python -m bench.report_bench TASK ...``), so that each has its
own peak resident set size (the kernel's ``VmHWM``):

* ``records``, the **baseline**: ``RegistryReportService.records()`` streamed to the end, each
  record's JSON parsed (the service does), nothing else: the floor under any report or export;
* ``report``: ``RegistryReportService.build(ReportOptions())``;
* ``excel``: the report built first (timed apart), then ``write_workbook`` of a fresh record
  stream with that report; for the peak of the write alone, the memory the report freed is
  handed back (``malloc_trim``) and the high-water mark reset (``/proc/self/clear_refs``)
  before the write starts; the peak of the whole process is given too;
* ``csv``: ``write_csv`` of a fresh record stream (codes, the default);
* ``odm``: ``write_central_odm`` (two passes over the records).

Every child imports what its task needs and unlocks the workspace before the clock starts (both
timed apart), and the store file is read once beforehand, so every child finds it in the OS
page cache. The files are written into a temporary folder, measured and removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bench import report
from bench.common import local_tempdir, mib, now

if TYPE_CHECKING:  # the child imports these itself, timed
    from cmlentry.services.reports.listing import Record
    from cmlentry.services.reports.registry_report import RegistryReportService

MEASURED = ("report", "excel", "csv", "odm")
"""What can be measured against the baseline (``records``, always measured)."""
TASKS = ("records", *MEASURED)
ROOT = Path(__file__).resolve().parents[1]
EXCEL_FILE, ODM_FILE, CSV_FOLDER = "registry.xlsx", "registry.odm.xml", "csv"
# What a task imports besides the service, before its clock starts (lifelines is otherwise
# imported by the report's first curve).
_IMPORTS = {
    "report": ("lifelines",),
    "excel": ("lifelines", "cmlentry.services.reports.workbook"),
    "csv": ("cmlentry.services.reports.csv_export",),
    "odm": ("cmlentry.services.reports.odm_export",),
}
DEFAULT_CACHE = ROOT / "bench" / "results" / "report-stores"
Say = Callable[[str], None]
T = TypeVar("T")


# --- the parent -------------------------------------------------------------------------------


def measure(
    sizes: list[int],
    seed: int,
    distinct: int,
    cache: Path,
    tasks: tuple[str, ...],
    say: Say,
) -> dict[str, Any]:
    """Build (or reuse) a store for each size and run every task on it in a child process."""
    from bench.report_world import cached_store

    runs = []
    for cases in sizes:
        say(f"[{cases:,} cases]")
        start = now()
        built = cached_store(cases, seed, distinct, cache, say)
        ready_in = now() - start
        say("reused from the cache" if built.cached else f"built in {ready_in:.0f} s")
        registry = built.folder / "registry"
        _read_through(registry)
        measured: dict[str, Any] = {}
        with local_tempdir("report") as work:
            for task in ("records", *tasks):
                say(task)
                measured[task] = _child(task, registry, work)
                say(f"{measured[task]['seconds']:.1f} s")
        runs.append(
            {
                "cases": cases,
                "store": {**built.as_dict(), "ready_seconds": ready_in},
                "tasks": measured,
            }
        )
    return {"seed": seed, "distinct": distinct, "cache": str(cache), "runs": runs}


def _read_through(registry: Path) -> None:
    """Read the store's files once, so that no child pays for the disk and the others not."""
    for path in sorted(registry.iterdir()):
        if path.is_file():
            with path.open("rb") as handle:
                while handle.read(1 << 22):
                    pass


def _child(task: str, registry: Path, work: Path) -> dict[str, Any]:
    out = work / f"{task}.json"
    command = [sys.executable, "-m", "bench.report_bench", task, str(registry), str(work), str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"the {task} child failed ({done.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


# --- the child --------------------------------------------------------------------------------


def _memory() -> tuple[int, int]:
    """(resident now, peak resident) of this process in bytes (Linux: VmRSS, VmHWM)."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):  # not Linux: ru_maxrss (bytes on macOS)
        import psutil

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return psutil.Process().memory_info().rss, peak * (1 if sys.platform == "darwin" else 1024)


def _give_back() -> None:
    """Collect garbage and hand freed heap back to the system (glibc), where possible.

    Without it the resident size after the report stays at the report's peak, and the write's
    own peak hides under memory the report no longer uses.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_peak() -> bool:
    """Reset this process's peak to its present size (Linux ≥ 4.0); False if it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_child(task: str, registry: Path, work: Path) -> dict[str, Any]:
    """One task in this (fresh) process; see the module docstring."""
    start = now()
    from bench.batch_world import open_registry
    from cmlentry.services.registry.workspace import open_central_store
    from cmlentry.services.reports.registry_report import RegistryReportService

    for module in _IMPORTS.get(task, ()):
        importlib.import_module(module)
    step = _STEPS[task]
    imports = now() - start
    start = now()
    ws = open_registry(registry)
    store = open_central_store(ws)
    result: dict[str, Any] = {"task": task, "imports": imports, "unlock": now() - start}
    result["rss_ready"] = _memory()[0]
    try:
        result.update(step(RegistryReportService(ws, store), work))
    finally:
        store.close()
        ws.close()
    result["peak"] = max(_memory()[1], result.get("peak_report", 0), result.get("peak_write", 0))
    for name in (EXCEL_FILE, ODM_FILE):
        (work / name).unlink(missing_ok=True)
    shutil.rmtree(work / CSV_FOLDER, ignore_errors=True)
    return result


def _records(service: RegistryReportService) -> Iterator[Record]:
    return (case.record for case in service.records())


def _timed(call: Callable[[], T]) -> tuple[T, dict[str, float]]:
    """``call()`` with its wall-clock and CPU seconds (CPU: this process, all threads)."""
    wall, cpu = now(), time.process_time()
    value = call()
    return value, {"seconds": now() - wall, "cpu": time.process_time() - cpu}


def _baseline(service: RegistryReportService, _work: Path) -> dict[str, Any]:
    cases, times = _timed(lambda: sum(1 for _ in service.records()))
    return {**times, "cases": cases}


def _report(service: RegistryReportService, _work: Path) -> dict[str, Any]:
    from cmlentry.services.reports.registry_report import ReportOptions

    built, times = _timed(lambda: service.build(ReportOptions()))
    return {**times, "cases": built.patients}


def _excel(service: RegistryReportService, work: Path) -> dict[str, Any]:
    from cmlentry.services.reports.registry_report import ReportOptions
    from cmlentry.services.reports.workbook import write_workbook

    built, times = _timed(lambda: service.build(ReportOptions()))
    result: dict[str, Any] = {"report_seconds": times["seconds"], "report_cpu": times["cpu"]}
    result["peak_report"] = _memory()[1]
    _give_back()
    result["rss_before_write"] = _memory()[0]
    result["peak_reset"] = _reset_peak()
    path = work / EXCEL_FILE
    book, times = _timed(
        lambda: write_workbook(path, _records(service), service.definition, report=built)
    )
    result.update(times, cases=book.cases, peak_write=_memory()[1])
    result.update(bytes=path.stat().st_size, rows=sum(book.rows.values()))
    return result


def _csv(service: RegistryReportService, work: Path) -> dict[str, Any]:
    from cmlentry.services.reports.csv_export import CODEBOOK_FILE, write_csv

    done, times = _timed(
        lambda: write_csv(work / CSV_FOLDER, _records(service), service.definition)
    )
    listings = sum(count for name, count in done.rows.items() if name != CODEBOOK_FILE)
    return {**times, "cases": done.cases, "bytes": _size(work / CSV_FOLDER), "rows": listings}


def _odm(service: RegistryReportService, work: Path) -> dict[str, Any]:
    from cmlentry.services.reports.odm_export import write_central_odm

    odm, times = _timed(lambda: write_central_odm(service, work / ODM_FILE))
    return {**times, "cases": odm.cases, "bytes": odm.size}


_STEPS: dict[str, Callable[[RegistryReportService, Path], dict[str, Any]]] = {
    "records": _baseline,
    "report": _report,
    "excel": _excel,
    "csv": _csv,
    "odm": _odm,
}


def main(argv: list[str]) -> int:
    task, registry, work, out = argv
    if task not in TASKS:
        raise SystemExit(f"usage: python -m bench.report_bench {{{','.join(TASKS)}}} ...")
    result = run_child(task, Path(registry), Path(work))
    Path(out).write_text(json.dumps(result) + "\n")
    return 0


# --- the table --------------------------------------------------------------------------------


def _s(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


def _per_case(seconds: float, cases: int) -> str:
    return f"{seconds / cases * 1000:.3f} ms a case"


def _time(done: dict[str, Any], cases: int) -> str:
    """Wall-clock time, CPU time, and wall-clock time per case."""
    return f"{_s(done['seconds'])} (CPU {_s(done['cpu'])}); {_per_case(done['seconds'], cases)}"


LABELS = {
    "report": "full report: build(ReportOptions())",
    "excel": "Excel: write_workbook(..., report=report)",
    "csv": "CSV: write_csv (codes)",
    "odm": "ODM 1.3.2: write_central_odm (two passes)",
}


def rows(result: dict[str, Any]) -> list[report.Row]:
    out: list[report.Row] = []
    for run in result["runs"]:
        out += _size_rows(run)
    if len(result["runs"]) > 1:
        first, last = result["runs"][0], result["runs"][-1]
        out.append(
            report.heading(
                f"Registry report: cost per case at {last['cases']:,} / at "
                f"{first['cases']:,} cases (1.00x = flat)"
            )
        )
        for task in TASKS:
            if task in first["tasks"] and task in last["tasks"]:
                a, b = first["tasks"][task], last["tasks"][task]
                wall = (b["seconds"] / b["cases"]) / (a["seconds"] / a["cases"])
                cpu = (b["cpu"] / b["cases"]) / (a["cpu"] / a["cases"])
                out.append(report.info(f"  {task}: wall-clock; CPU", f"{wall:.2f}x; {cpu:.2f}x"))
    return out


def _size_rows(run: dict[str, Any]) -> list[report.Row]:
    cases, store, tasks = run["cases"], run["store"], run["tasks"]
    where = "reused from the cache"
    if not store["cached"]:
        where = f"built in {store['ready_seconds']:.0f} s"
    base = tasks["records"]
    out = [
        report.heading(
            f"Registry report and exports: {cases:,} cases in {store['centres']} centres "
            f"({store['distinct']} distinct cases cloned); SQLCipher store "
            f"{mib(store['store_bytes'])}, {where}; each task in a process of its own"
        ),
        report.info("baseline: records() streamed, JSON parsed", _time(base, cases)),
        report.info(
            "  peak RSS / RSS when ready (imports, unlock)",
            f"{mib(base['peak'])} / {mib(base['rss_ready'])}",
        ),
    ]
    for task, label in LABELS.items():
        if task not in tasks:
            continue
        done = tasks[task]
        out.append(report.info(label, _time(done, cases)))
        out.append(report.info("  / baseline", f"{done['seconds'] / base['seconds']:.1f}x"))
        if task == "excel":
            out += [
                report.info(
                    "  peak RSS of the write / RSS when it started",
                    f"{mib(done['peak_write'])} / {mib(done['rss_before_write'])}",
                ),
                report.info(
                    "  report + Excel in one process: time; peak RSS",
                    f"{_s(done['report_seconds'] + done['seconds'])}; {mib(done['peak'])}",
                ),
            ]
        else:
            out.append(
                report.info(
                    "  peak RSS / RSS when ready", f"{mib(done['peak'])} / {mib(done['rss_ready'])}"
                )
            )
        if task == "report":
            kept = (done["peak"] - done["rss_ready"]) / cases
            out.append(report.info("  (peak - ready) / cases", f"{kept / 1024:.2f} KiB a case"))
        if "bytes" in done:
            listed = f"; {done['rows']:,} listing rows" if done.get("rows") else ""
            out.append(report.info("  written", f"{mib(done['bytes'])}{listed}"))
    out.append(
        report.info(
            "  before the clock: imports; unlock (report's imports, lifelines too)",
            f"{_s(base['imports'])}; {_s(base['unlock'])} "
            f"({_s(tasks.get('report', base)['imports'])})",
        )
    )
    return out


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
