"""Fuzz harness for the spreadsheet import: mutants of a valid filled workbook, imported for real.

``python -m tests.harness.fuzz_xlsx --cases 10000`` (from the project folder) makes a valid
entry workbook (the template, filled by :class:`tests.services.test_spreadsheet.Nurse` with two
cases), then imports N mutants of it into a real workspace through
:func:`cmlentry.services.spreadsheet.import_workbook`. A mutant is made at one of three levels:

* raw bytes: flipped bits, cuts, insertions, zeroed windows, trailing garbage;
* zip structure: members dropped, renamed (also to ``../`` and absolute names), repeated,
  swapped, or a zip-bomb member added; the zip itself is rebuilt, so its CRCs are right;
* XML inside the parts (the zip rebuilt around them): characters changed, spans cut or
  repeated, attribute values (``r``, ``t``, ``s``, ``ref`` ...) and cell texts replaced by
  awkward values, formulas inserted, DTDs and entities prepended, tags renamed, re-encoding.

For each mutant exactly one of these must hold, or it is counted as a finding:

1. a typed refusal (``WorkbookRefused``, ``SpreadsheetRejected`` or another ``CmlentryError``)
   and the workspace unchanged: the same number of cases, the same audit head;
2. an import, and the workspace holds exactly the cases reported, each with its audit rows and
   with exactly the answers a fresh read of the mutant gives.

Anything else raised is an *unexpected exception*; a refusal that changed the workspace, or an
import that does not match its report, is a *partial import*. The exit status is 0 only when the
run shows neither, AND both negative controls show what they must (``--control-cases`` each):

* ``leaky``: the reader without its guard around openpyxl, which must let exceptions through;
* ``non_atomic``: an importer that saves each case in its own transaction and reports problems
  afterwards, which must leave partial imports behind.

Work is spread over ``--jobs`` processes, each with its own workspace.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.errors import CmlentryError
from cmlentry.services import spreadsheet
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.spreadsheet import (
    SpreadsheetRejected,
    WorkbookRefused,
    import_workbook,
    write_template,
)
from cmlentry.services.workspace import Workspace, create_workspace
from cmlentry.storage.models import AuditHead, Case

SITE = SiteDetails.checked("FR", "086", "Fuzz harness")
ADMIN, PASSWORD = "admin", "fuzz-harness-pw-2026"
MAX_EXAMPLES = 12
ROTATE_AFTER_CASES = 4_000  # a fresh workspace well before the 9999 registry numbers run out

AWKWARD = [
    "", "0", "-1", "1", "2", "A0", "A1", "B3", "XFD1048576", "ZZZ1", "B99999999", "$A$1",
    "s", "n", "e", "b", "d", "str", "inlineStr", "99999", "1e309", "-1e309", "nan", "inf",
    "1.5", "3.0", "400", "2005-13-45", "2005-03-14T25:00:00", "2005-03", "38442", "=1+1",
    "SUM(A1)", "M", "m", "UNK", "not done", "M – female", "&amp;", "&lt;", "\u202e", "🙂",
    "  ", "true", "TRUE", "#N/A", "patient", "imatinib.doses", "wbc", "sokal_score",
    "x" * 600, "A1:XFD1048576", "A1:B", "-5:-2",
]  # fmt: skip


# --- the seed workbook ---------------------------------------------------------------------------


def seed_workbook(folder: Path) -> bytes:
    """A valid filled workbook: the template with COMPLETE and a case with repeating rows."""
    from tests.services.test_spreadsheet import complete_workbook

    definition = installed_definitions().current
    template = folder / "template.xlsx"
    if not template.exists():
        write_template(definition, template)
    return complete_workbook(template, definition, folder / "seed.xlsx").read_bytes()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def rezip(parts: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if rng.random() < 0.1 else zipfile.ZIP_DEFLATED
    with warnings_ignored(), zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in parts:
            package.writestr(name, data)
    return buffer.getvalue()


@contextlib.contextmanager
def warnings_ignored() -> Iterator[None]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" when a mutant repeats a member
        yield


# --- mutations -----------------------------------------------------------------------------------

Mutation = Callable[[random.Random, bytes, dict[str, bytes]], tuple[bytes, str]]


def _bytes_flip(rng: random.Random, data: bytes, _parts: dict[str, bytes]) -> tuple[bytes, str]:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out), "bytes: bits flipped"


def _bytes_cut(rng: random.Random, data: bytes, _parts: dict[str, bytes]) -> tuple[bytes, str]:
    return data[: rng.randrange(len(data))], "bytes: truncated"


def _bytes_insert(rng: random.Random, data: bytes, _parts: dict[str, bytes]) -> tuple[bytes, str]:
    at = rng.randrange(len(data))
    junk = rng.randbytes(rng.randint(1, 64))
    return data[:at] + junk + data[at:], "bytes: inserted"


def _bytes_zero(rng: random.Random, data: bytes, _parts: dict[str, bytes]) -> tuple[bytes, str]:
    at = rng.randrange(len(data))
    width = rng.randint(1, 256)
    return data[:at] + bytes(width) + data[at + width :], "bytes: zeroed"


def _bytes_tail(rng: random.Random, data: bytes, _parts: dict[str, bytes]) -> tuple[bytes, str]:
    return data + rng.randbytes(rng.randint(1, 2048)), "bytes: garbage appended"


def _zip_members(rng: random.Random, _data: bytes, parts: dict[str, bytes]) -> tuple[bytes, str]:
    items = list(parts.items())
    kind = rng.choice(["drop", "rename", "repeat", "swap", "bomb", "evil name"])
    i, j = rng.randrange(len(items)), rng.randrange(len(items))
    if kind == "drop":
        del items[i]
    elif kind == "rename":
        items[i] = (rng.choice([items[j][0], items[i][0].upper(), items[i][0] + "x"]), items[i][1])
    elif kind == "repeat":
        items.append(items[i])
    elif kind == "swap":
        items[i], items[j] = (items[i][0], items[j][1]), (items[j][0], items[i][1])
    elif kind == "bomb":
        items.append(("xl/media/fill.bin", bytes(rng.choice([300_000, 2_000_000]))))
    else:
        items.append((rng.choice(["../x.xml", "/x.xml", "a\\b.xml", "C:/x.xml"]), b"<x/>"))
    return rezip(items, rng), f"zip: {kind}"


def _xml_targets(parts: dict[str, bytes]) -> list[str]:
    names = [n for n in parts if n.endswith((".xml", ".rels"))]
    sheets = [n for n in names if n.startswith("xl/worksheets/")]
    # Sheets hold the data: weight them up, but leave every part a chance.
    return names + sheets * 6


def _xml_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    kind = rng.choice(
        ["chars", "cut", "repeat", "attribute", "attribute", "cell text", "cell text",
         "cell text", "formula", "cell type", "cell type", "dtd", "tag", "encoding"]
    )  # fmt: skip
    if kind == "chars":
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            chars[rng.randrange(len(chars))] = rng.choice("<>&\"'=/ x0\n")
        return "".join(chars), kind
    if kind == "cut":
        at = rng.randrange(len(text))
        return text[:at] + text[at + rng.randint(1, 200) :], kind
    if kind == "repeat":
        at, width = rng.randrange(len(text)), rng.randint(1, 300)
        to = rng.randrange(len(text))
        return text[:to] + text[at : at + width] + text[to:], kind
    if kind == "attribute":
        return _replace_one(rng, text, r'(\b[\w:]+=")([^"]*)(")', kind)
    if kind == "cell text":
        return _replace_one(rng, text, r"(<(?:v|t)(?: [^>]*)?>)([^<]*)(</(?:v|t)>)", kind)
    if kind == "formula":
        places = [m.end() for m in _finditer(r"<c [^>]*>", text)]
        if not places:
            return text, kind
        where = rng.choice(places)
        formula = f"<f>{rng.choice(['SUM(1,2)', 'A1', 'HYPERLINK(1)'])}</f>"
        return text[:where] + formula + text[where:], kind
    if kind == "cell type":
        places = [m.start() + 2 for m in _finditer(r"<c ", text)]
        if not places:
            return text, kind
        where = rng.choice(places)
        return text[:where] + f' t="{rng.choice(AWKWARD[12:19])}"' + text[where:], kind
    if kind == "dtd":
        head = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        return head + text.split("?>", 1)[-1], kind
    if kind == "tag":
        return _replace_one(rng, text, r"(<)(\w+)([ >/])", kind)
    encoded = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return encoded, kind


def _finditer(pattern: str, text: str) -> list[re.Match[str]]:
    return list(re.finditer(pattern, text))


def _replace_one(rng: random.Random, text: str, pattern: str, kind: str) -> tuple[str, str]:
    found = _finditer(pattern, text)
    if not found:
        return text, kind
    match = rng.choice(found)
    new = rng.choice(AWKWARD) if rng.random() < 0.8 else rng.choice(found)[2]
    new = new.replace("&", "&amp;").replace("<", "&lt;") if rng.random() < 0.7 else new
    return text[: match.start(2)] + new + text[match.end(2) :], kind


def _xml_part(rng: random.Random, _data: bytes, parts: dict[str, bytes]) -> tuple[bytes, str]:
    name = rng.choice(_xml_targets(parts))
    text = parts[name].decode("utf-8", errors="replace")
    kinds = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        text, kind = _xml_mutation(rng, text)
        kinds.append(kind)
    encoding = "utf-16" if "UTF-16" in text[:100] else "utf-8"
    changed = dict(parts)
    changed[name] = text.encode(encoding, errors="replace")
    return rezip(list(changed.items()), rng), f"xml {name}: {', '.join(kinds)}"


MUTATIONS: list[tuple[Mutation, int]] = [
    (_bytes_flip, 6),
    (_bytes_cut, 3),
    (_bytes_insert, 3),
    (_bytes_zero, 3),
    (_bytes_tail, 1),
    (_zip_members, 8),
    (_xml_part, 76),
]


def mutant(seed: int, data: bytes, parts: dict[str, bytes]) -> tuple[bytes, str]:
    rng = random.Random(seed)
    chosen: Mutation = rng.choices([m for m, _w in MUTATIONS], [w for _m, w in MUTATIONS])[0]
    return chosen(rng, data, parts)


# --- importers: the real one and the two controls ------------------------------------------------

Importer = Callable[[Workspace, Path], int]


def real_import(ws: Workspace, path: Path) -> int:
    report = import_workbook(ws, path, allow_repeat=True)
    _check_stored(ws, path, [c.registry_id for c in report.cases])
    return len(report.cases)


class ImportMismatch(AssertionError):
    """An accepted import whose stored answers differ from what the workbook holds."""


def _check_stored(ws: Workspace, path: Path, registry_ids: list[str]) -> None:
    """Every created case holds exactly what a fresh read of the workbook gives."""
    read = spreadsheet.read_workbook(installed_definitions().current, path)
    if len(read.cases) != len(registry_ids):
        raise ImportMismatch(f"{len(registry_ids)} cases made, {len(read.cases)} read")
    service = CaseService(ws)
    for case, registry_id in zip(read.cases, registry_ids, strict=True):
        stored = service.get_case(registry_id)
        for form_id, groups in case.forms.items():
            for group_id, rows in groups.items():
                got = [dict(r.entries) for r in stored.forms[form_id].groups[group_id]]
                if got != [dict(r) for r in rows]:
                    raise ImportMismatch(f"{registry_id} {form_id}/{group_id} differs")


@contextlib.contextmanager
def _no_guard(_file: str, _detail: str) -> Iterator[None]:
    yield  # the control: whatever openpyxl raises goes through


def leaky_import(ws: Workspace, path: Path) -> int:
    """Negative control: the reader without its guard around the parsers."""
    guard = spreadsheet._unreadable_as_damaged
    spreadsheet._unreadable_as_damaged = _no_guard  # type: ignore[assignment]
    try:
        return real_import(ws, path)
    finally:
        spreadsheet._unreadable_as_damaged = guard


def non_atomic_import(ws: Workspace, path: Path) -> int:
    """Negative control: saves each case as soon as it is read, and complains afterwards."""
    definition = installed_definitions().current
    file = path.name
    data = spreadsheet._read_bytes(path)
    spreadsheet.scan_parts(file, spreadsheet.check_package(file, data))
    reader = spreadsheet._WorkbookReader(definition)
    cases, _empty = reader.read(
        spreadsheet._load_cells(file, data), spreadsheet._no_progress, spreadsheet._never
    )
    service = CaseService(ws)
    for case in cases:
        registry_id = service.create_case()
        for form_id, groups in case.forms.items():
            rows = {g: [RowData(None, row) for row in r] for g, r in groups.items()}
            service.save_form(registry_id, form_id, rows)
    if reader.problems.total:
        raise SpreadsheetRejected(file, reader.problems.listed, reader.problems.total)
    return len(cases)


IMPORTERS: dict[str, Importer] = {
    "main": real_import,
    "leaky": leaky_import,
    "non_atomic": non_atomic_import,
}


# --- running -------------------------------------------------------------------------------------


@dataclass
class Tally:
    total: int = 0
    accepted: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    unexpected: int = 0
    partial: int = 0
    slowest_s: float = 0.0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.total += other.total
        self.accepted += other.accepted
        self.refused.update(other.refused)
        self.unexpected += other.unexpected
        self.partial += other.partial
        self.slowest_s = max(self.slowest_s, other.slowest_s)
        self.seconds = max(self.seconds, other.seconds)
        self.examples.extend(other.examples[: MAX_EXAMPLES - len(self.examples)])

    def note(self, text: str) -> None:
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(text)


@dataclass
class Result:
    main: Tally
    leaky: Tally
    non_atomic: Tally

    @property
    def ok(self) -> bool:
        clean = self.main.unexpected == 0 and self.main.partial == 0
        return clean and self.leaky.unexpected > 0 and self.non_atomic.partial > 0


def workspace_state(ws: Workspace) -> tuple[int, int]:
    with ws.db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Case)) or 0,
            session.scalar(select(AuditHead.seq)) or 0,
        )


class _Workspaces:
    """A workspace for a worker, replaced before the registry numbers can run out."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.ws = self._new()

    def _new(self) -> Workspace:
        self.count += 1
        created = create_workspace(
            self.folder / f"ws{self.count}", SITE, ADMIN, "Fuzz Admin", PASSWORD,
            policy=OWASP_FLOOR,
        )  # fmt: skip
        return created.workspace

    def current(self) -> Workspace:
        if workspace_state(self.ws)[0] > ROTATE_AFTER_CASES:
            self.ws.close()
            self.ws = self._new()
        return self.ws

    def close(self) -> None:
        self.ws.close()


def run_chunk(mode: str, seeds: range, folder: Path, keep: Path | None) -> Tally:
    """Import the mutants of ``seeds`` with importer ``mode``; count what happened."""
    folder.mkdir(parents=True, exist_ok=True)
    data = seed_workbook(folder)
    parts = unzip(data)
    importer = IMPORTERS[mode]
    spaces = _Workspaces(folder)
    tally = Tally()
    path = folder / "mutant.xlsx"
    started = time.perf_counter()
    try:
        for seed in seeds:
            ws = spaces.current()
            data_, how = mutant(seed, data, parts)
            path.write_bytes(data_)
            before = workspace_state(ws)
            tally.total += 1
            began = time.perf_counter()
            _one(importer, ws, path, before, tally, f"#{seed} ({how})", keep, data_)
            tally.slowest_s = max(tally.slowest_s, time.perf_counter() - began)
    finally:
        spaces.close()
    tally.seconds = time.perf_counter() - started
    return tally


def _one(
    importer: Importer,
    ws: Workspace,
    path: Path,
    before: tuple[int, int],
    tally: Tally,
    name: str,
    keep: Path | None,
    data: bytes,
) -> None:
    try:
        made = importer(ws, path)
    except ImportMismatch as error:
        tally.partial += 1
        tally.note(f"import does not match the workbook: {name}: {error}")
        _keep(keep, name, data)
        return
    except (WorkbookRefused, SpreadsheetRejected, CmlentryError) as error:
        tally.refused[error.code] += 1
        if workspace_state(ws) != before:
            tally.partial += 1
            tally.note(f"partial import after {error.code}: {name}")
            _keep(keep, name, data)
        return
    except Exception as error:
        tally.unexpected += 1
        tally.note(f"unexpected {type(error).__name__}: {name}: {str(error)[:120]}")
        _keep(keep, name, data)
        return
    tally.accepted += 1
    cases, audit = workspace_state(ws)
    if cases != before[0] + made or (made and audit <= before[1]):
        tally.partial += 1
        tally.note(f"import does not match its report: {name}")
        _keep(keep, name, data)


def _keep(keep: Path | None, name: str, data: bytes) -> None:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{name.split(maxsplit=1)[0].lstrip('#')}.xlsx").write_bytes(data)


def _spread(mode: str, first: int, count: int, jobs: int, folder: Path, keep: Path | None) -> Tally:
    tally = Tally()
    if count == 0:
        return tally
    jobs = max(1, min(jobs, count))
    size = -(-count // jobs)
    chunks = [
        range(first + n * size, min(first + (n + 1) * size, first + count)) for n in range(jobs)
    ]
    if jobs == 1:
        tally.add(run_chunk(mode, chunks[0], folder / f"{mode}-0", keep))
        return tally
    with ProcessPoolExecutor(jobs) as pool:
        futures = [
            pool.submit(run_chunk, mode, chunk, folder / f"{mode}-{n}", keep)
            for n, chunk in enumerate(chunks)
        ]
        for future in futures:
            tally.add(future.result())
    return tally


def run(
    cases: int,
    control_cases: int,
    seed: int,
    folder: Path,
    jobs: int = 1,
    keep: Path | None = None,
) -> Result:
    """The main run and both controls; mutant ``n`` of every run is made from ``seed + n``."""
    return Result(
        _spread("main", seed, cases, jobs, folder, keep),
        _spread("leaky", seed, control_cases, jobs, folder, None),
        _spread("non_atomic", seed, control_cases, jobs, folder, None),
    )


def _print(name: str, tally: Tally) -> None:
    refused = sum(tally.refused.values())
    print(
        f"{name:<11} {tally.total:>6} mutants: {tally.accepted} imported, {refused} refused, "
        f"{tally.unexpected} unexpected exceptions, {tally.partial} partial imports; slowest "
        f"{tally.slowest_s:.2f} s, {tally.seconds:.0f} s in all"
    )
    for code, count in sorted(tally.refused.items(), key=lambda kv: -kv[1]):
        print(f"{'':<13}{count:>6}  {code}")
    for example in tally.examples:
        print(f"{'':<13}{example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1000, help="mutants in the main run")
    parser.add_argument("--control-cases", type=int, default=300, help="mutants per control")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--keep", type=Path, help="save every mutant that is a finding here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cmlentry-fuzz-") as tmp:
        result = run(args.cases, args.control_cases, args.seed, Path(tmp), args.jobs, args.keep)
    _print("main", result.main)
    _print("leaky", result.leaky)
    _print("non_atomic", result.non_atomic)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak memory: {max(peak, children) // 1024} MB (largest process)")
    if result.ok:
        print("OK: no unexpected exception and no partial import; both controls were caught.")
        return 0
    print("FAILED: see above.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
