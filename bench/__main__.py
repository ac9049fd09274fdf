"""``python -m bench``: measure cmlentry against its budgets and print one table.

Progress goes to stderr, the table to stdout, and with ``--json FILE`` every figure (seconds,
bytes, ratios) to FILE. ``--quick`` runs a smaller version of everything in under 30 s.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bench import drafts_bench, report, report_bench, store_bench, workspace_bench
from bench.common import fsync_floor, local_tempdir, machine, now

T = TypeVar("T")

FULL: dict[str, Any] = {
    "unlock_runs": 10,
    "cold_runs": 3,
    "trail_rows": [100_000, 1_000_000],
    "trail_unlock_runs": 3,
    "failed_runs": 2,
    "saves": 500,
    # (preloaded audit rows, repetitions, rounds): a store that fits in SQLCipher's page
    # cache, and one that has outgrown it (about 12 MiB), as a real workspace soon does.
    "store": [(5_000, 5, 200), (40_000, 4, 50)],
    "fsync_runs": 200,
    # Case list: generated cases for the widget, open runs; cases written to a real workspace.
    "caselist_cases": 10_000,
    "caselist_runs": 5,
    "caselist_store_cases": 10_000,
    # Autosaves (and heartbeats) of a draft; cases of the demo workspace (its default).
    "draft_runs": 500,
    "demo_cases": 150,
    "editor_runs": 20,
    # Batches: complete cases at the site; batch sizes exported and imported; runs of each.
    "batch_cases": 1_000,
    "batch_sizes": [100, 500, 1_000],
    "batch_runs": 3,
    # Central store: batches of batch_cases cases into PostgreSQL, the first few into SQLCipher.
    "central_batches": 100,
    "central_sqlite_batches": 10,
    # The PI's review queue: complete cases waiting; runs of each timing.
    "review_cases": 1_000,
    "review_runs": 5,
    # The registry report and exports: cases in the central store (each size its own store,
    # cached); distinct cases entered at a site and cloned into them.
    "report_sizes": [10_000, 100_000],
    "report_distinct": 400,
}
QUICK: dict[str, Any] = {
    "unlock_runs": 3,
    "cold_runs": 1,
    "trail_rows": [20_000],
    "trail_unlock_runs": 2,
    "failed_runs": 1,
    "saves": 100,
    "store": [(2_000, 2, 50), (30_000, 2, 10)],
    "fsync_runs": 50,
    "caselist_cases": 10_000,
    "caselist_runs": 2,
    "caselist_store_cases": 2_000,
    "draft_runs": 100,
    "demo_cases": 30,
    "editor_runs": 5,
    "batch_cases": 100,
    "batch_sizes": [20, 50, 100],
    "batch_runs": 2,
    "central_batches": 10,
    "central_sqlite_batches": 10,
    "review_cases": 100,
    "review_runs": 2,
    "report_sizes": [1_000, 3_000],
    "report_distinct": 60,
}
SECTIONS = (
    "unlock",
    "cold",
    "trail",
    "save",
    "store",
    "caselist",
    "drafts",
    "demo",
    "editor",
    "batch",
    "central",
    "review",
    "report",
)


def _rows_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _store_spec(text: str) -> tuple[int, int, int]:
    rows, repetitions, rounds = (int(part) for part in text.split(":"))
    if rows < 0 or repetitions < 1 or rounds < 1:
        raise argparse.ArgumentTypeError("ROWS >= 0, REPS >= 1, ROUNDS >= 1")
    return rows, repetitions, rounds


def _tasks(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(report_bench.MEASURED))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown: {', '.join(unknown)}")
    return chosen


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure unlock, save, SQLCipher overhead and the case list against "
        "product.md's budgets.",
    )
    parser.add_argument("--quick", action="store_true", help="a short run (under 30 s)")
    parser.add_argument("--saves", type=int, help="number of timed saves (default 500)")
    parser.add_argument("--unlock-runs", type=int, help="timed unlocks (default 10)")
    parser.add_argument("--cold-runs", type=int, help="unlocks in a fresh process (default 3)")
    parser.add_argument(
        "--trail-rows",
        type=_rows_list,
        help="audit-trail sizes for the unlock-vs-size runs, comma-separated "
        "(default 100000,1000000; 0 to skip)",
    )
    parser.add_argument(
        "--store",
        type=_store_spec,
        action="append",
        metavar="ROWS:REPS:ROUNDS",
        help="a SQLCipher-vs-plain scenario: audit rows preloaded, repetitions, save + read "
        "rounds per repetition (repeatable; default 5000:5:200 and 40000:4:50)",
    )
    parser.add_argument(
        "--cache-kib",
        type=int,
        metavar="KIB",
        help="try PRAGMA cache_size = -KIB on every store of the SQLCipher-vs-plain scenarios "
        "(the application sets none: SQLCipher's default applies)",
    )
    parser.add_argument(
        "--report-sizes",
        type=_rows_list,
        metavar="N,N",
        help="cases in the central store for the report section, comma-separated "
        "(default 10000,100000)",
    )
    parser.add_argument(
        "--report-cases",
        type=int,
        metavar="N",
        help="the report section at this one size (instead of --report-sizes)",
    )
    parser.add_argument(
        "--report-distinct",
        type=int,
        metavar="N",
        help="distinct cases entered at a site and cloned into the report's stores (default 400)",
    )
    parser.add_argument(
        "--report-seed",
        type=int,
        default=11,
        metavar="N",
        help="seed of the report's cases and centres (default 11)",
    )
    parser.add_argument(
        "--report-cache",
        type=Path,
        default=report_bench.DEFAULT_CACHE,
        metavar="DIR",
        help="where the report's stores are kept between runs (default bench/results/"
        "report-stores)",
    )
    parser.add_argument(
        "--report-tasks",
        type=_tasks,
        default=report_bench.MEASURED,
        metavar="T,T",
        help="what the report section measures besides its baseline (default "
        f"{','.join(report_bench.MEASURED)})",
    )
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only this section (repeatable)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    args = parser.parse_args(argv)
    profile = QUICK if args.quick else FULL
    for key, value in profile.items():
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    args.trail_rows = [rows for rows in args.trail_rows if rows > 0]
    if args.report_cases is not None:
        args.report_sizes = [args.report_cases]
    args.report_sizes = sorted({size for size in args.report_sizes if size > 0})
    args.only = set(args.only or SECTIONS)
    return args


def _step(label: str, action: Callable[[], T]) -> T:
    print(f"  {label} ...", end="", file=sys.stderr, flush=True)
    start = now()
    result = action()
    print(f" {now() - start:.1f} s", file=sys.stderr, flush=True)
    return result


def _load() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # not available on this platform
        return []


def _review(args: argparse.Namespace, results: dict[str, Any]) -> list[report.Row]:
    from bench import review_bench

    results["review"] = _step(
        f"review queue and signatures, {args.review_cases:,} cases",
        lambda: review_bench.review(args.review_cases, args.review_runs),
    )
    return review_bench.rows(results["review"])


def _report(args: argparse.Namespace, results: dict[str, Any]) -> list[report.Row]:
    sizes = "/".join(f"{size:,}" for size in args.report_sizes)
    print(f"  registry report and exports, {sizes} cases ...", file=sys.stderr, flush=True)
    start = now()
    results["report"] = report_bench.measure(
        args.report_sizes,
        args.report_seed,
        args.report_distinct,
        args.report_cache,
        args.report_tasks,
        lambda text: print(f"    {text}", file=sys.stderr, flush=True),
    )
    results["report"]["seconds"] = now() - start
    print(f"  ... {now() - start:.1f} s", file=sys.stderr, flush=True)
    return report_bench.rows(results["report"])


def run(args: argparse.Namespace) -> tuple[dict[str, Any], list[report.Row]]:
    results: dict[str, Any] = {"machine": machine(), "load_before": _load()}
    rows: list[report.Row] = []
    with local_tempdir("fsync") as folder:
        floor = _step("fsync floor", lambda: fsync_floor(folder, args.fsync_runs))
    fsync = {kind: summary.as_dict() for kind, summary in floor.items()}
    results["fsync_4k"] = fsync
    if "unlock" in args.only:
        results["unlock"] = _step(
            f"unlock x{args.unlock_runs}", lambda: workspace_bench.unlock(args.unlock_runs)
        )
        rows += report.unlock_rows(results["unlock"])
    if "cold" in args.only and args.cold_runs > 0:
        results["cold_unlock"] = _step(
            f"unlock in a fresh process x{args.cold_runs}",
            lambda: workspace_bench.cold_unlock(args.cold_runs),
        )
        rows += report.cold_rows(results["cold_unlock"])
    if "trail" in args.only:
        results["unlock_with_trail"] = []
        for size in args.trail_rows:
            result = _step(
                f"unlock with {size:,} audit rows",
                functools.partial(
                    workspace_bench.unlock_with_trail,
                    size,
                    args.trail_unlock_runs,
                    args.failed_runs,
                ),
            )
            results["unlock_with_trail"].append(result)
            rows += report.trail_rows(result)
    if "save" in args.only:
        results["save"] = _step(f"{args.saves} saves", lambda: workspace_bench.saves(args.saves))
        rows += report.save_rows(results["save"], fsync)
    if "store" in args.only:
        results["store"] = []
        for preload, repetitions, rounds in args.store:
            result = _step(
                f"SQLCipher vs plain, {preload:,} rows, {repetitions} x {rounds} rounds",
                functools.partial(
                    store_bench.compare, repetitions, rounds, preload, args.cache_kib
                ),
            )
            results["store"].append(result)
            rows += report.store_rows(result)
    if "caselist" in args.only:
        from bench import case_list_bench  # Qt is imported only when this section runs

        results["caselist"] = _step(
            f"case list, {args.caselist_cases:,} cases, {args.caselist_runs} opens",
            lambda: case_list_bench.gui(args.caselist_cases, args.caselist_runs),
        )
        results["caselist_service"] = _step(
            f"list_cases() on a workspace of {args.caselist_store_cases:,} cases",
            lambda: case_list_bench.service(args.caselist_store_cases, args.caselist_runs),
        )
        rows += report.caselist_rows(results["caselist"], results["caselist_service"])
    if "drafts" in args.only:
        results["drafts"] = _step(
            f"{args.draft_runs} draft autosaves", lambda: drafts_bench.drafts(args.draft_runs)
        )
        rows += report.drafts_rows(results["drafts"])
    if "demo" in args.only:
        results["demo"] = _step(
            f"demo workspace of {args.demo_cases} cases",
            lambda: drafts_bench.demo(args.demo_cases),
        )
        rows += report.demo_rows(results["demo"])
    if "editor" in args.only:
        from bench import editor_bench  # Qt is imported only when this section runs

        results["editor"] = _step(
            f"case editor, {args.editor_runs} runs", lambda: editor_bench.editor(args.editor_runs)
        )
        rows += report.editor_rows(results["editor"])
    rows += _review(args, results) if "review" in args.only else []
    rows += _report(args, results) if "report" in args.only else []
    if {"batch", "central"} & args.only:
        rows += _batches(args, results)
    results["load_after"] = _load()
    return results, rows


def _batches(args: argparse.Namespace, results: dict[str, Any]) -> list[report.Row]:
    """The two batch sections, on one site of complete cases entered once for both."""
    from bench import batch_bench, batch_report

    rows: list[report.Row] = []
    with contextlib.ExitStack() as stack:
        made = _step(
            f"site of {args.batch_cases:,} complete cases (entered once) and a registry",
            lambda: stack.enter_context(batch_bench.world(args.batch_cases)),
        )
        if "batch" in args.only:
            results["batch"] = _step(
                f"batches of {'/'.join(map(str, args.batch_sizes))} cases, x{args.batch_runs}",
                lambda: batch_bench.batch(made, args.batch_sizes, args.batch_runs),
            )
            rows += batch_report.batch_rows(results["batch"])
        if "central" in args.only:
            results["central"] = _step(
                f"{args.central_batches} batches of {args.batch_cases:,} cases into the "
                "central store",
                lambda: batch_bench.central(
                    made,
                    args.central_batches,
                    args.batch_cases,
                    args.central_sqlite_batches,
                    lambda text: print(f" {text}", end="", file=sys.stderr, flush=True),
                ),
            )
            rows += batch_report.central_rows(results["central"])
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    # Failed logins are part of the measurements; their warnings are not news here.
    logging.getLogger("cmlentry").setLevel(logging.ERROR)
    command = shlex.join(["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)])
    print(f"cmlentry benchmarks ({command})", file=sys.stderr)
    start = now()
    results, rows = run(args)
    results["command"] = command
    results["seconds"] = now() - start
    info = results["machine"]
    print(f"cmlentry benchmarks: {command}")
    print(
        f"machine: {info['cpu']}, {info['cpus_usable']} CPUs usable; {info['platform']}; "
        f"Python {info['python']}"
    )
    print(
        f"SQLCipher {info['sqlcipher']} (SQLite {info['sqlite_in_sqlcipher3']}); stdlib SQLite "
        f"{info['sqlite_stdlib']}; load average before {results['load_before']}, "
        f"after {results['load_after']}"
    )
    print(report.render(rows))
    print(f"\nwhole run: {results['seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
