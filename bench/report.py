"""The table printed at the end of a run: each figure, its budget, PASS / OVER (or info)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.common import mib, ms

UNLOCK_BUDGET = 1.5
SAVE_BUDGET = 0.050
RATIO_BUDGET = 1.3
CASELIST_OPEN_BUDGET = 1.0
CASELIST_FILTER_BUDGET = 0.100
# An autosave runs every few seconds while a person types: well under a save's budget.
AUTOSAVE_BUDGET = 0.025
DEMO_BUDGET = 10.0  # a newcomer waits for the demo workspace (150 cases)


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    budget: str = ""
    verdict: str = ""


def heading(title: str) -> Row:
    return Row(f"[{title}]", "")


def under(figure: str, seconds: float, budget: float) -> Row:
    verdict = "PASS" if seconds < budget else "OVER"
    budget_text = f"< {budget:g} s" if budget >= 1 else f"< {budget * 1000:g} ms"
    return Row(figure, ms(seconds), budget_text, verdict)


def ratio(figure: str, values: dict[str, float], budget: float | None) -> Row:
    text = f"{values['median']:.2f}x  ({values['min']:.2f}-{values['max']:.2f})"
    if budget is None:
        return Row(figure, text, "", "info")
    return Row(figure, text, f"<= {budget:g}x", "PASS" if values["median"] <= budget else "OVER")


def info(figure: str, measured: str) -> Row:
    return Row(figure, measured, "", "info")


def unlock_rows(result: dict[str, Any]) -> list[Row]:
    total, parts = result["total"], result["parts_median"]
    return [
        heading(f"Unlock: open_workspace, Argon2id m=64 MiB t=3 p=4, {total['n']} runs"),
        under("unlock, median", total["median"], UNLOCK_BUDGET),
        under("unlock, max", total["max"], UNLOCK_BUDGET),
        info("  Argon2id + unwrap alone (open_slot), median", ms(result["kdf_alone"]["median"])),
        info("  part: folder lock, mount check, slot file", ms(parts["lock_and_slot_file"])),
        info("  part: key slot (Argon2id + unwrap)", ms(parts["kdf"])),
        info("  part: open database", ms(parts["open_database"])),
        info("    keyed connection(s)", ms(parts["keyed_connect"])),
        info("    migration revision read", ms(parts["revision_read"])),
        info("    Alembic script scan (known + head)", ms(parts["alembic_scripts"])),
        info("    PRAGMA quick_check", ms(parts["quick_check"])),
        info("  part: login (user read + audited write)", ms(parts["login"])),
    ]


def cold_rows(result: dict[str, Any]) -> list[Row]:
    both = result["import_and_first_unlock"]
    return [
        heading(f"Unlock in a fresh process (imports included), {both['n']} runs"),
        under("import + first unlock, median", both["median"], UNLOCK_BUDGET),
        under("import + first unlock, max", both["max"], UNLOCK_BUDGET),
        info("  import cmlentry.services.workspace, median", ms(result["import"]["median"])),
        info("  first unlock, median", ms(result["first_unlock"]["median"])),
        info("  second unlock, median", ms(result["second_unlock"]["median"])),
    ]


def trail_rows(result: dict[str, Any]) -> list[Row]:
    total, parts = result["total"], result["parts_median"]
    size = result["fill"]["db_bytes"]
    rows = [
        heading(f"Unlock with {result['rows']:,} audit rows ({mib(size)}), {total['n']} runs"),
        under("unlock, median", total["median"], UNLOCK_BUDGET),
        under("unlock, max", total["max"], UNLOCK_BUDGET),
        info("  part: key slot (Argon2id + unwrap)", ms(parts["kdf"])),
        info("  PRAGMA quick_check", ms(parts["quick_check"])),
        info("    quick_check per MiB of database", ms(parts["quick_check"] / (size / 2**20))),
        info("  part: login", ms(parts["login"])),
    ]
    failed = result.get("after_failed_login")
    if failed:
        rows += [
            under(
                "unlock after 1 failed attempt, median", failed["total"]["median"], UNLOCK_BUDGET
            ),
            info(
                "  pending event into the trail (IN query, scans trail)",
                ms(failed["parts_median"]["pending_events"]),
            ),
        ]
    return rows


def save_rows(result: dict[str, Any], fsync: dict[str, dict[str, float]]) -> list[Row]:
    total = result["total"]
    return [
        heading(f"Save: one audited transaction via Workspace.write, {total['n']} saves"),
        under("save, median", total["median"], SAVE_BUDGET),
        under("save, 95th percentile", total["p95"], SAVE_BUDGET),
        under("save, max", total["max"], SAVE_BUDGET),
        info("  part: BEGIN IMMEDIATE + load + change", ms(result["body"]["median"])),
        info("  part: flush incl. audit rows", ms(result["flush"]["median"])),
        info("    audit append (6 rows + head)", ms(result["audit_append"]["median"])),
        info("  part: COMMIT (WAL write + fsync)", ms(result["commit"]["median"])),
        info(
            "  4 KiB durable: overwrite+fdatasync / append+fsync",
            f"{ms(fsync['overwrite']['median'])} / {ms(fsync['append']['median'])}",
        ),
        info(
            "  median of first / last tenth",
            f"{ms(result['first_tenth_median'])} / {ms(result['last_tenth_median'])}",
        ),
    ]


def store_rows(result: dict[str, Any]) -> list[Row]:
    stores, ratios = result["stores"], result["ratios"]
    plain, same = ratios["plain"], ratios["plain_sqlcipher_lib"]
    size = stores["encrypted"]["db_bytes"]
    cache = result["page_cache_kib"] * 1024
    fits = "fits in" if size <= cache else "outgrows"
    cache_kind = "default page cache"
    if result.get("page_cache_set_by_bench"):
        cache_kind = "page cache set by --cache-kib"
    title = (
        f"SQLCipher vs plain SQLite: {result['trail_rows']:,} preloaded audit rows, "
        f"{result['repetitions']} x {result['rounds']} rounds of save + read; "
        f"file {mib(size)} {fits} the {mib(cache)} {cache_kind}"
    )
    rows = [
        heading(title),
        ratio("encrypted / plain (stdlib sqlite3): total", plain["total"], RATIO_BUDGET),
        ratio("encrypted / plain: saves", plain["saves"], None),
        ratio("encrypted / plain: reads", plain["reads"], None),
        ratio("encrypted / plain: preload (1 bulk transaction)", plain["preload"], None),
        ratio("encrypted / plain: PRAGMA quick_check", plain["quick_check"], None),
        ratio("encrypted / same SQLite, no key: total", same["total"], RATIO_BUDGET),
        ratio("encrypted / same SQLite, no key: saves", same["saves"], None),
        ratio("encrypted / same SQLite, no key: reads", same["reads"], None),
        ratio("encrypted / same SQLite, no key: quick_check", same["quick_check"], None),
    ]
    for kind, label in (
        ("encrypted", "encrypted"),
        ("plain", "plain"),
        ("plain_sqlcipher_lib", "same SQLite, no key"),
    ):
        store = stores[kind]
        rows.append(
            info(
                f"  {label}: save / read median; file",
                f"{ms(store['save']['median'])} / {ms(store['read']['median'])}; "
                f"{mib(store['db_bytes'])}",
            )
        )
    return rows


def caselist_rows(gui: dict[str, Any], service: dict[str, Any]) -> list[Row]:
    opened, keys, refilter = gui["open"], gui["keystroke"], gui["refilter"]
    rows = [
        heading(
            f"Case list: {gui['cases']:,} cases, CaseListWidget 1280x800 on the offscreen "
            "platform, each figure until the table has painted"
        ),
        under(
            f"open (model filled, shown, painted), median of {opened['n']}",
            opened["median"],
            CASELIST_OPEN_BUDGET,
        ),
        under("open, max", opened["max"], CASELIST_OPEN_BUDGET),
        info("  set_cases on the shown list (reload), median", ms(gui["reload"]["median"])),
        under(f"filter keystroke, median of {keys['n']}", keys["median"], CASELIST_FILTER_BUDGET),
        under("filter keystroke, max", keys["max"], CASELIST_FILTER_BUDGET),
        info(
            "  refilter alone (until setText returned), median / max",
            f"{ms(refilter['median'])} / {ms(refilter['max'])}",
        ),
        info(
            "  rows shown during the typing, fewest / most",
            f"{gui['rows_shown']['min']:,} / {gui['rows_shown']['max']:,}",
        ),
        under("status filter changed, max", gui["status_filter"]["max"], CASELIST_FILTER_BUDGET),
        under(
            "'only with problems' toggled, max",
            gui["problems_toggle"]["max"],
            CASELIST_FILTER_BUDGET,
        ),
    ]
    for column, times in gui["sort"].items():
        rows.append(
            info(
                f"  sort by {column.replace('_', ' ')}: descending / ascending",
                f"{ms(times['DescendingOrder'])} / {ms(times['AscendingOrder'])}",
            )
        )
    rows.append(
        info(
            "  for comparison: Qt's own proxy sort by last change (data() per key)",
            ms(gui["qt_proxy_sort"]),
        )
    )
    lists, both = service["list_cases"], service["list_and_open"]
    rows += [
        heading(
            f"Case list from a real workspace: CaseService.list_cases() over {service['cases']:,} "
            f"cases ({mib(service['db_bytes'])} encrypted)"
        ),
        info(f"list_cases(), median of {lists['n']}", ms(lists["median"])),
        info("list_cases(), max", ms(lists["max"])),
        info("  first list_cases() after the writes", ms(service["first_list"])),
        under("list_cases() + open (shown, painted), median", both["median"], CASELIST_OPEN_BUDGET),
        under("list_cases() + open, max", both["max"], CASELIST_OPEN_BUDGET),
        info(
            "  writing the cases (2,000 per audited transaction)",
            f"{service['fill_seconds']:.1f} s",
        ),
    ]
    return rows


def _is_heading(row: Row) -> bool:
    return row.figure.startswith("[") and not row.measured


def drafts_rows(result: dict[str, Any]) -> list[Row]:
    put, beat, save = result["put"], result["heartbeat"], result["save_form"]
    return [
        heading(
            f"Autosave: DraftService.put of the assessments form ({result['assessment_rows']} "
            f"rows), {put['n']} runs"
        ),
        under("autosave, median", put["median"], AUTOSAVE_BUDGET),
        under("autosave, 95th percentile", put["p95"], AUTOSAVE_BUDGET),
        under("autosave, max", put["max"], AUTOSAVE_BUDGET),
        under("heartbeat (SessionService), median", beat["median"], AUTOSAVE_BUDGET),
        info("  for comparison: save_form of the same form, median", ms(save["median"])),
    ]


EDITOR_OPEN_BUDGET = 1.0  # a case opens about as fast as the list (product.md: the list < 1 s)
EDITOR_SWITCH_BUDGET = 0.1  # another form of the open case: as a keystroke in the list


def editor_rows(result: dict[str, Any]) -> list[Row]:
    opens, switches, saves = result["open"], result["switch"], result["save"]
    return [
        heading(f"Case editor (demo cases, offscreen), {result['runs']} runs each"),
        under("open a case (9 forms rendered), median", opens["median"], EDITOR_OPEN_BUDGET),
        under("open a case, max", opens["max"], EDITOR_OPEN_BUDGET),
        under("show another form, median", switches["median"], EDITOR_SWITCH_BUDGET),
        under("show another form, max", switches["max"], EDITOR_SWITCH_BUDGET),
        under("field left → COMMIT → case_saved, median", saves["median"], SAVE_BUDGET),
        under("field left → case_saved, 95th percentile", saves["p95"], SAVE_BUDGET),
    ]


def demo_rows(result: dict[str, Any]) -> list[Row]:
    parts = result["parts"]
    return [
        heading(f"Demo workspace: make_demo_workspace, {result['cases']} cases, its defaults"),
        under("made, ready to unlock", result["seconds"], DEMO_BUDGET),
        info("  Argon2id (users' key slots)", ms(parts["argon2id"])),
        info("  create_case", ms(parts["create_case"])),
        info("  save_form", ms(parts["save_form"])),
        info("  mark_complete", ms(parts["mark_complete"])),
        info("  database size", mib(result["db_bytes"])),
    ]


def render(rows: list[Row]) -> str:
    header = Row("figure", "measured", "budget", "verdict")
    cells = [row for row in [header, *rows] if not _is_heading(row)]
    widths = [max(len(getattr(row, name)) for row in cells) for name in Row.__dataclass_fields__]
    lines = []
    for row in [header, *rows]:
        if _is_heading(row):
            lines.append("")
            lines.append(row.figure)
            continue
        texts = [row.figure, row.measured, row.budget, row.verdict]
        lines.append(
            "  ".join(text.ljust(width) for text, width in zip(texts, widths, strict=True))
        )
        if row is header:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
