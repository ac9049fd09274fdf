"""The table rows of the batch sections (``batch``, ``central``) of ``python -m bench``."""

from __future__ import annotations

from typing import Any

from bench.common import mib, ms
from bench.report import Row, heading, info, ratio, under

# "In seconds" (product.md) read as under ten; "linear" as a per-case cost that grows by at most
# half from the smallest batch to the largest (ours, like the editor's).
BATCH_BUDGET = 10.0
LINEAR_BUDGET = 1.5


def _load_row(load: list[list[float]]) -> Row:
    """Other work on the machine moves these figures: the load says how much there was."""
    return info("  load average (1, 5, 15 min) before / after", f"{load[0]} / {load[1]}")


def _part(parts: dict[str, float], label: str) -> str:
    """A part's median, or a dash when the code no longer has the function it was timed by."""
    return ms(parts[label]) if label in parts else "-"


def _per_case(sizes: list[dict[str, Any]], name: str) -> str:
    return " / ".join(ms(size[name]["median"] / size["cases"]) for size in sizes)


def _linear(figure: str, growth: float) -> Row:
    verdict = "PASS" if growth <= LINEAR_BUDGET else "OVER"
    return Row(figure, f"{growth:.2f}x", f"<= {LINEAR_BUDGET:g}x", verdict)


def batch_rows(result: dict[str, Any]) -> list[Row]:
    sizes = result["sizes"]
    big = sizes[-1]
    n = f"{big['cases']:,}"
    counts = " / ".join(f"{size['cases']:,}" for size in sizes)
    export, imported = big["export_parts"], big["import_parts"]
    rows = [
        heading(
            f"Batches: {result['cases']:,} complete cases (demo planner); batch 1 of "
            f"{counts} cases, {result['runs']} runs each, every run on fresh copies of the "
            "site and of the registry (central store in its SQLCipher file)"
        ),
        under(
            f"export of {n} cases (ExportService.export), median",
            big["export"]["median"],
            BATCH_BUDGET,
        ),
        under(f"export of {n} cases, max", big["export"]["max"], BATCH_BUDGET),
        info("  CPU time of this process, median", ms(big["export_cpu"]["median"])),
        info("  part: read the cases (CaseService._load)", _part(export, "read_cases")),
        info("  part: records (record_of)", _part(export, "records")),
        info("  part: audit row of each answer (query)", _part(export, "audit_rows")),
        info("  part: ODM write (odmlib)", _part(export, "odm_write")),
        info("  part: seal (deflate, HPKE, ChaCha20-Poly1305, Ed25519)", _part(export, "seal")),
        info("  part: self-check (verify, decrypt, ODM read, hashes)", _part(export, "self_check")),
        info("    of which ODM read (defusedxml)", _part(export, "self_check_odm_read")),
        info("  part: file written (temp, fsync, rename)", _part(export, "write_file")),
        info(
            "  rest: transaction (batch + case rows, file kept, audit, COMMIT)",
            _part(export, "rest"),
        ),
        info(
            "  file size; ODM before deflate", f"{mib(big['file_bytes'])}; {mib(big['odm_bytes'])}"
        ),
        under(
            f"import of {n} cases (verify + import + ack), median",
            big["import"]["median"],
            BATCH_BUDGET,
        ),
        under(f"import of {n} cases, max", big["import"]["max"], BATCH_BUDGET),
        info("  CPU time of this process, median", ms(big["import_cpu"]["median"])),
        info("  part: verify (steps 1-9)", _part(imported, "verify")),
        info("    of which decrypt (HPKE, AEAD, inflate)", _part(imported, "decrypt")),
        info("    of which ODM read (defusedxml, records rebuilt)", _part(imported, "odm_read")),
        info("  part: store (one transaction: batch, versions, ack)", _part(imported, "store")),
        info("    of which ack sealed", _part(imported, "ack_seal")),
        info("  part: ack file written", _part(imported, "ack_write")),
        info("  rest: file read, audit event in the registry workspace", _part(imported, "rest")),
        info(
            f"verify alone (ImportService.verify), {n} cases, median", ms(big["verify"]["median"])
        ),
        info(f"export per case at {counts}", _per_case(sizes, "export")),
        info(f"import per case at {counts}", _per_case(sizes, "import")),
        info(f"verify per case at {counts}", _per_case(sizes, "verify")),
    ]
    if len(sizes) > 1:
        ratio_of = f"{big['cases']:,} / {sizes[0]['cases']:,}"
        rows += [
            _linear(f"export per case, {ratio_of} (1.0 = linear)", result["growth"]["export"]),
            _linear(f"import per case, {ratio_of}", result["growth"]["import"]),
        ]
    rows += [
        ratio(f"export / baseline (get_case of the same {n} cases)", big["ratios"]["export"], None),
        ratio("import / baseline", big["ratios"]["import"], None),
        ratio("verify alone / baseline", big["ratios"]["verify"], None),
        info(
            f"  baseline: CaseService.get_case of {n} cases, median",
            ms(big["baseline_read"]["median"]),
        ),
        info(f"  for scale: SHA-256 of the {n}-case file, median", ms(big["sha256"]["median"])),
        info(
            f"  entering the cases (CaseService, {result['entered']:,} plans), once",
            f"{result['fill_seconds']:.0f} s",
        ),
        _load_row(result["load"]),
    ]
    return rows


def _central_run(label: str, run: dict[str, Any], cases: int) -> list[Row]:
    total_cases = run["batches"] * cases
    deciles = run["deciles"]
    rows = [
        info(
            f"{label}: {run['batches']} batches, {total_cases:,} cases, total import time",
            f"{run['total_seconds']:.1f} s",
        ),
    ]
    for decile in deciles:
        span = (
            f"batch {decile['first']}"
            if decile["first"] == decile["last"]
            else f"batches {decile['first']}-{decile['last']}"
        )
        rows.append(
            info(
                f"  {span}: per batch median (max); per case; verify / store; CPU of this process",
                f"{ms(decile['median'])} ({ms(decile['max'])}); {ms(decile['per_case'])}; "
                f"{ms(decile['verify'])} / {ms(decile['store'])}; {ms(decile['cpu'])}",
            )
        )
    if len(deciles) > 1:
        rows.append(
            _linear(f"  {label}: per batch, last tenth / first tenth (1.0 = flat)", run["growth"])
        )
    rows += [
        info(
            f"  {label}: RSS before / after the first tenth / at the end / peak",
            f"{mib(run['rss_before'])} / {mib(run['rss'][max(0, len(run['rss']) // 10 - 1)])}"
            f" / {mib(run['rss'][-1])} / {mib(run['rss_peak'])}",
        ),
        info(f"  {label}: store size at the end", mib(run["store_bytes"])),
        info(
            f"  {label}: {run['batches']} centres registered; {run['batches']} files made",
            f"{run['register_seconds']:.1f} s; {run['build_seconds']:.1f} s",
        ),
    ]
    return rows


def central_rows(result: dict[str, Any]) -> list[Row]:
    runs, cases = result["runs"], result["cases"]
    rows = [
        heading(
            f"Central store: {result['batches']} centres send batch 1 of {cases:,} cases each "
            f"(one real payload, re-keyed per centre), imported one by one with "
            f"ImportService.import_file; {result['server']}"
        )
    ]
    if "postgresql" in runs:
        rows += _central_run("PostgreSQL", runs["postgresql"], cases)
    else:
        rows.append(info("PostgreSQL: skipped (see the line above)", "-"))
    rows += _central_run("SQLCipher store", runs["sqlite"], cases)
    if "compared" in result:
        compared = result["compared"]
        rows.append(
            info(
                f"PostgreSQL / SQLCipher store, batches 1-{compared['batches']}, per batch median",
                f"{compared['ratio']:.2f}x ({ms(compared['postgresql'])} / "
                f"{ms(compared['sqlite'])})",
            )
        )
    rows += [
        info(
            "  the real payload: export once; ODM size",
            f"{result['payload_seconds']:.1f} s; {mib(result['payload_odm_bytes'])}",
        ),
        info("  process peak RSS (whole run so far)", mib(result["process_peak_rss"])),
        _load_row(result["load"]),
    ]
    return rows
