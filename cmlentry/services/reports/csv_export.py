"""CSV export of the central data: one file per listing and the codebook, written as one folder.

Files (:mod:`.listing` says what each holds): ``<listing key>.csv`` per listing
(``patient.csv``, ``imatinib.doses.csv``, ...), and ``codebook.csv``. The header row holds the
column names (item ids), stable for scripts; the codebook gives their labels, types and codes.

**Encoding: UTF-8 with a byte-order mark** by default. Excel on Windows opens a double-clicked
CSV in the computer's legacy code page unless the file starts with the UTF-8 BOM, and the
registry's texts (centre names, labels, free text from five languages) are not ASCII; R
(``readr``, ``read.csv(fileEncoding = "UTF-8-BOM")``), pandas and LibreOffice all read the BOM.
``bom=False`` writes plain UTF-8 for tools that do not. Lines end in CRLF (RFC 4180).

**Separator** "," by default; ``;`` for Excel set to a European locale, whose list separator it
is. Every text field is quoted, numbers are not: a separator inside a text can never start a
new cell, whichever separator the reader assumes.

**Formula injection** (OWASP, "CSV Injection"): a text starting with ``= + - @``, a tab or a
carriage return gets a leading apostrophe, so that no spreadsheet program runs it. A number of a
number item is written as its digits: ``-2`` stays a number. A text that merely looks like one
("-2" typed in a free-text item) is a text and gets the apostrophe.

**Atomic:** the files are written into a hidden folder beside the target, flushed to disk, and
the folder is renamed into place: a failed or cancelled export leaves nothing behind. The target
must not exist, or be an empty folder.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Literal

from cmlentry.domain.forms import FormDefinition
from cmlentry.errors import Cancelled
from cmlentry.fileio import fsync_directory, translated_os_errors
from cmlentry.services.reports.listing import (
    CODEBOOK_COLUMNS,
    CODES,
    ListingBuilder,
    Record,
    Value,
    ValueStyle,
    clean_text,
    codebook_rows,
)
from cmlentry.services.spreadsheet import FORMULA_STARTS, TargetExists

Progress = Callable[[int, int], None]
"""Called with (cases done, cases in all; 0 when not known)."""
CODEBOOK_FILE = "codebook.csv"
PROGRESS_EVERY = 200


@dataclass(frozen=True)
class CsvExport:
    """What :func:`write_csv` wrote.

    Attributes:
        folder: The folder holding the files.
        files: The file names, listings first, the codebook last.
        cases: Cases exported.
        rows: Data rows per file (the codebook: one per column it describes).
        replaced_characters: Characters CSV could carry but the other exports cannot, replaced
            by U+FFFD so that every format says the same (see :mod:`.listing`).
        neutralised_cells: Texts given a leading apostrophe against formula injection.
    """

    folder: Path
    files: tuple[str, ...]
    cases: int
    rows: dict[str, int]
    replaced_characters: int
    neutralised_cells: int


def neutralise(text: str) -> tuple[str, bool]:
    """``text`` as a spreadsheet can only read it as text, and whether it had to change.

    OWASP's rule: a cell starting with = + - @, a tab or a carriage return is prefixed with an
    apostrophe. Only for texts: a number is written as its digits and stays a number.
    """
    if text.startswith(FORMULA_STARTS):
        return "'" + text, True
    return text, False


class _Cells:
    """Listing values as CSV fields, counting the texts neutralised."""

    def __init__(self) -> None:
        self.neutralised = 0

    def row(self, values: Iterable[Value]) -> list[str | int | Decimal]:
        return [self.field(v) for v in values]

    def field(self, value: Value) -> str | int | Decimal:
        if value is None:
            return ""
        if isinstance(value, int | Decimal):
            return value  # csv writes its digits unquoted (QUOTE_NONNUMERIC)
        text, changed = neutralise(value)
        self.neutralised += changed
        return text


def never() -> bool:
    """The default ``cancelled``: never."""
    return False


def no_progress(_done: int, _total: int) -> None:
    """The default ``progress``: nothing."""
    return None


def write_csv(
    folder: Path,
    records: Iterable[Record],
    definition: FormDefinition,
    *,
    style: ValueStyle = CODES,
    bom: bool = True,
    delimiter: Literal[",", ";"] = ",",
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never,
) -> CsvExport:
    """Write the listings of ``records`` and the codebook as CSV files into a new ``folder``.

    One pass over ``records`` (an iterator of 100,000 records is never held in memory).

    Args:
        folder: The folder to create (it must not exist, or be empty).
        records: Case records (:func:`~cmlentry.services.batches.record.record_of`), all
            under ``definition``.
        definition: The form definition.
        style: Codes or labels; missing-data codes or words.
        bom: Start each file with the UTF-8 byte-order mark (for Excel; see module docstring).
        delimiter: "," or ";".
        progress: Called every few hundred cases.
        cancelled: Polled as often; when true the export stops and nothing is left.

    Raises:
        TargetExists: ``folder`` exists and is not an empty folder.
        DefinitionMismatch: a record was entered under another definition.
        Cancelled: ``cancelled()`` became true.
        DiskFull, ReadOnlyDestination, FileProblem: the files could not be written.
    """
    folder = folder.expanduser()
    total = len(records) if isinstance(records, Sized) else 0
    builder = ListingBuilder(definition, style)
    cells = _Cells()
    names = [f"{listing.key}.csv" for listing in builder.listings] + [CODEBOOK_FILE]
    counts = dict.fromkeys(names, 0)
    cases = 0
    with atomic_folder(folder) as staging, contextlib.ExitStack() as files:
        writers = []
        for name in names:
            handle = files.enter_context(_open_csv(staging / name, bom=bom))
            writers.append(csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC))
        for writer, listing in zip(writers, builder.listings, strict=False):
            writer.writerow([c.name for c in listing.columns])
        for record in records:
            if cases % PROGRESS_EVERY == 0:
                if cancelled():
                    raise Cancelled()
                progress(cases, total)
            for index, (_listing, rows) in enumerate(builder.rows(record)):
                writers[index].writerows(cells.row(row) for row in rows)
                counts[names[index]] += len(rows)
            cases += 1
        codebook = writers[-1]
        codebook.writerow(CODEBOOK_COLUMNS)
        for entry in codebook_rows(definition):
            codebook.writerow(cells.row(clean_text(text)[0] for text in entry))
            counts[CODEBOOK_FILE] += 1
        progress(cases, total)
    return CsvExport(folder, tuple(names), cases, counts, builder.replaced, cells.neutralised)


@contextlib.contextmanager
def _open_csv(path: Path, *, bom: bool) -> Iterator[IO[str]]:
    """A new text file for csv, flushed to disk when the block ends without error."""
    with open(path, "x", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


# --- writing atomically (shared with .workbook) ----------------------------------------------


def refuse_existing(target: Path, *, empty_folder_ok: bool = False) -> None:
    """Raise :class:`TargetExists` unless ``target`` is free (or an empty folder, if allowed)."""
    if not target.exists() and not target.is_symlink():
        return
    if empty_folder_ok and target.is_dir() and not target.is_symlink():
        with contextlib.suppress(OSError), os.scandir(target) as entries:
            if next(entries, None) is None:
                return
    raise TargetExists(path=str(target))


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """A hidden staging folder beside ``target`` that becomes ``target`` when the block ends.

    On any failure (or :class:`Cancelled`) the staging folder and everything in it is removed
    and ``target`` is left as it was.

    Raises:
        TargetExists: ``target`` exists and is not an empty folder.
        DiskFull, ReadOnlyDestination, FileProblem: the folder could not be written.
    """
    refuse_existing(target, empty_folder_ok=True)
    parent = target.parent
    with translated_os_errors(parent):
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
        try:
            yield staging
            fsync_directory(staging)
            refuse_existing(target, empty_folder_ok=True)
            if target.is_dir():
                target.rmdir()  # an empty folder the user chose; Windows cannot rename onto it
            os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_directory(parent)


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces nothing and appears as ``target`` only when complete.

    Written as a hidden temp file in the same folder, flushed to disk, then renamed; on any
    failure it is removed. Unlike :func:`cmlentry.fileio.atomic_write_bytes` the content is
    streamed, never held in memory whole.

    Raises:
        TargetExists: ``target`` exists.
        DiskFull, ReadOnlyDestination, FileProblem: the file could not be written.
    """
    refuse_existing(target)
    folder = target.parent
    with translated_os_errors(folder):
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        temp = Path(name)
        try:
            with os.fdopen(fd, "w+b") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            refuse_existing(target)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        fsync_directory(folder)
