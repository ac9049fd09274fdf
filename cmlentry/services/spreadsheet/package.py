"""The checks of the xlsx package (its zip and XML) before openpyxl reads a byte of it.

A workbook to import is hostile until proven otherwise. openpyxl has no limits of its own: it
trusts the zip's table of contents, a sheet's declared size and the XML it is handed, so a zip
bomb, a billion-laughs DTD or a sheet declaring a million rows would exhaust the machine before
any value is seen. :func:`check_package` therefore checks the file's size and its zip
structure, and :func:`scan_parts` streams every XML part once with entities forbidden, counting
rows, columns, cells and texts against :mod:`.limits`. Only then may :mod:`.cells` let openpyxl
parse it. Every failure is a typed :class:`~.errors.WorkbookRefused`, never a traceback.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

# Typed with the types-defusedxml stubs where installed, as Any otherwise.
from defusedxml import ElementTree as SafeElementTree  # type: ignore[import-untyped, unused-ignore]
from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]

from cmlentry.errors import CmlentryError
from cmlentry.services import spreadsheet  # the guard, at call time: errors._unreadable_as_damaged
from cmlentry.services.spreadsheet.errors import (
    NotAWorkbook,
    WorkbookDamaged,
    WorkbookNotFound,
    WorkbookProtected,
    WorkbookTooLarge,
    WorkbookUnsafe,
)
from cmlentry.services.spreadsheet.layout import LAST_ROW, _letters
from cmlentry.services.spreadsheet.limits import (
    LENIENT_SUFFIXES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_ELEMENTS_PER_TEXT,
    MAX_FILE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SHARED_STRINGS,
    MAX_STRUCTURE_ELEMENTS,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR_BYTES,
)

log = logging.getLogger(__name__)

_CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_RANGE_REF = re.compile(r"^([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?$")


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit rather than trusting stat (pipes, special files).
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise WorkbookNotFound(file=name, detail="there is no such file") from None
    except IsADirectoryError:
        raise WorkbookNotFound(file=name, detail="it is a folder") from None
    except OSError as exc:
        raise WorkbookNotFound(file=name, detail=exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookTooLarge(file=name, detail=f"it is over {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _shown(name: str) -> str:
    """A member name fit for a message: printable, short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 60 else clean[:59] + "…"


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in name.split("/")


def _declared_entries(data: bytes) -> int | None:
    """The member count in the end-of-central-directory record, read before zipfile builds
    one object per member; None when there is no such record (a truncated file)."""
    tail = data[-(0xFFFF + _EOCD.size) :]
    at = tail.rfind(_EMPTY_ZIP_MAGIC)
    if at < 0 or len(tail) - at < _EOCD.size:
        return None
    entries = int(_EOCD.unpack(tail[at : at + _EOCD.size])[4])
    if entries == 0xFFFF:
        # More than 65,534 members: the real count is in the ZIP64 record, found through
        # the locator just before the end record.
        locator = tail[max(at - _ZIP64_LOCATOR.size, 0) : at]
        if len(locator) == _ZIP64_LOCATOR.size and locator.startswith(b"PK\x06\x07"):
            offset = int(_ZIP64_LOCATOR.unpack(locator)[2])
            record = data[offset : offset + _ZIP64_EOCD.size]
            if len(record) == _ZIP64_EOCD.size and record.startswith(b"PK\x06\x06"):
                entries = int(_ZIP64_EOCD.unpack(record)[7])
    return entries


def _guess_kind(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "it is a PDF document"
    if not data:
        return "the file is empty"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "its first bytes are not those of a workbook"
    return "it is a text file (CSV or similar)"


def check_package(file: str, data: bytes) -> zipfile.ZipFile:
    """Check ``data`` as an xlsx package before any XML parser sees it; return the open zip.

    Refuses: CFB files (password-protected workbooks and old .xls), anything not a zip, a zip
    without ``[Content_Types].xml``, too many members, members that unpack too far in total or
    at more than :data:`MAX_RATIO` to 1 (zip bombs), member names that climb out of the archive
    or repeat, encrypted members and foreign compression methods.
    """
    if data.startswith(_CFB_MAGIC):
        raise WorkbookProtected(file=file)
    if not data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        raise NotAWorkbook(file=file, detail=_guess_kind(data))
    declared = _declared_entries(data)
    if declared is None:
        raise WorkbookDamaged(file=file, detail="the end of the file is missing")
    if declared > MAX_MEMBERS:
        raise _too_many_parts(file, declared)
    with spreadsheet._unreadable_as_damaged(file, "its table of contents cannot be read"):
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        # The record may understate the members; the real table of contents is checked too.
        raise _too_many_parts(file, len(infos))
    seen: set[str] = set()
    for info in infos:
        _check_member(file, info, seen)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise WorkbookTooLarge(
            file=file, detail=f"it unpacks to {total // (1024 * 1024):,} MB of parts"
        )
    names = {i.filename for i in infos}
    if "xl/workbook.bin" in names:
        raise NotAWorkbook(file=file, detail="it is a binary workbook (.xlsb)")
    if "[Content_Types].xml" not in names:
        raise NotAWorkbook(
            file=file,
            detail="it is a zip archive without the parts of a workbook (an OpenDocument "
            ".ods file, perhaps)",
        )
    return package


def _too_many_parts(file: str, count: int) -> WorkbookTooLarge:
    return WorkbookTooLarge(
        file=file, detail=f"it has {count:,} parts, and at most {MAX_MEMBERS:,} are read"
    )


def _check_member(file: str, info: zipfile.ZipInfo, seen: set[str]) -> None:
    shown = _shown(info.filename)
    if _unsafe_name(info.filename) or _unsafe_name(info.orig_filename):
        raise WorkbookUnsafe(
            file=file, detail=f"a part is named '{shown}', which points outside the workbook"
        )
    # OPC part names are case-insensitive: two spellings of one name are one part twice.
    if info.filename.casefold() in seen:
        raise WorkbookUnsafe(file=file, detail=f"two parts are named '{shown}'")
    seen.add(info.filename.casefold())
    if info.flag_bits & 0x1:
        raise WorkbookProtected(file=file)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise WorkbookDamaged(
            file=file, detail=f"the part '{shown}' uses a compression Excel never uses"
        )
    if info.file_size > MAX_MEMBER_BYTES:
        raise WorkbookTooLarge(
            file=file,
            detail=f"the part '{shown}' unpacks to {info.file_size // (1024 * 1024):,} MB",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size >= RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        raise WorkbookUnsafe(
            file=file,
            detail=f"the part '{shown}' would unpack {ratio:,.0f} times larger (a zip bomb)",
        )


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


@dataclass
class _ScanTotals:
    cells: int = 0
    strings: int = 0
    structure: int = 0


def scan_parts(file: str, package: zipfile.ZipFile) -> None:
    """Parse every XML member once, streaming, with entities (and DTDs) forbidden.

    Establishes what openpyxl may then read without limits of its own: every part is
    well-formed, no sheet reaches beyond :data:`LAST_ROW` rows or :data:`MAX_COLUMNS` columns
    (declared or real), and the cells, texts and layout entries stay within their limits.

    Members are chosen by content, not by name: openpyxl finds sheets and shared strings
    through relationships and content types, which may name any member. A member that does
    not start like XML cannot be parsed by anyone past its first bytes.
    """
    totals = _ScanTotals()
    for info in package.infolist():
        name = info.filename.lower()
        if info.is_dir():
            continue
        if not name.endswith((".xml", ".rels")) and not _looks_like_xml(file, package, info):
            continue
        _scan_part(file, package, info, totals, lenient=name.endswith(LENIENT_SUFFIXES))


def _looks_like_xml(file: str, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    detail = f"the part '{_shown(info.filename)}' cannot be unpacked"
    with spreadsheet._unreadable_as_damaged(file, detail), package.open(info) as stream:
        head = stream.read(512)
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.lstrip(b" \t\r\n\x00").startswith(b"<")


class _PartScan:
    """The running position in one XML part, as openpyxl would count it."""

    def __init__(
        self, file: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, totals: _ScanTotals
    ) -> None:
        self.file, self.package, self.info, self.totals = file, package, info, totals
        self.row = self.column = 0
        self.root: str | None = None
        self.in_data = False
        self.elements = 0
        self.text_start = 0

    def where(self) -> str:
        return _where(self.package, self.info.filename)

    def reach(self, row: int, column: int) -> None:
        if row > LAST_ROW or column > MAX_COLUMNS:
            raise WorkbookTooLarge(
                file=self.file,
                detail=f"{self.where()} reaches row {row:,} and column {_letters(column)}; at "
                f"most {MAX_DATA_ROWS:,} rows below the headers and {MAX_COLUMNS} columns "
                "are read",
            )

    def too_large(self, detail: str) -> WorkbookTooLarge:
        return WorkbookTooLarge(file=self.file, detail=f"{self.where()} {detail}")

    def start(self, local: str, element: Any) -> None:
        self.elements += 1
        if self.root is None:
            self.root = local or element.tag
        if local == "sheetData":
            self.in_data = True
        elif local in ("c", "si"):
            self.text_start = self.elements
        if local == "row":
            number = element.get("r")
            self.row = self._number(number) if number else self.row + 1
            self.column = 0
            self.reach(self.row, 1)

    def end(self, local: str, element: Any) -> None:
        if local == "sheetData":
            self.in_data = False
        elif not self.in_data and self.root != "sst":
            self.totals.structure += 1
            if self.totals.structure > MAX_STRUCTURE_ELEMENTS:
                raise self.too_large(
                    f"has over {MAX_STRUCTURE_ELEMENTS:,} formatting and layout entries"
                )
        if local in ("c", "si") and self.elements - self.text_start > MAX_ELEMENTS_PER_TEXT:
            raise self.too_large(f"has a cell of over {MAX_ELEMENTS_PER_TEXT} formatting runs")
        if local == "c":
            self._cell(element)
        elif local == "si":
            self.totals.strings += 1
            if self.totals.strings > MAX_SHARED_STRINGS:
                raise WorkbookTooLarge(
                    file=self.file, detail=f"it has over {MAX_SHARED_STRINGS:,} texts"
                )
        elif local == "dimension":
            # The used range a sheet declares must fit too: openpyxl trusts it.
            match = _RANGE_REF.match((element.get("ref") or "").replace("$", ""))
            corner = _CELL_REF.match(match[2] or match[1]) if match else None
            if corner is None:
                raise WorkbookDamaged(
                    file=self.file, detail=f"{self.where()} declares a range that is wrong"
                )
            self.reach(int(corner[2]), _column_number(corner[1]))

    def _cell(self, element: Any) -> None:
        ref = element.get("r")
        if ref:
            match = _CELL_REF.match(ref)
            if match is None:
                raise WorkbookDamaged(
                    file=self.file, detail=f"{self.where()} has a cell reference that is wrong"
                )
            self.column, row = _column_number(match[1]), int(match[2])
        else:
            self.column, row = self.column + 1, self.row
        self.reach(row, self.column)
        if len(element):
            self.totals.cells += 1
            if self.totals.cells > MAX_CELLS:
                raise WorkbookTooLarge(
                    file=self.file, detail=f"it has over {MAX_CELLS:,} filled cells"
                )

    def _number(self, text: str) -> int:
        if not text.isdigit() or len(text) > 7:
            raise WorkbookDamaged(file=self.file, detail=f"{self.where()} has a wrong row number")
        return int(text)


def _scan_part(
    file: str,
    package: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    totals: _ScanTotals,
    *,
    lenient: bool = False,
) -> None:
    """Scan one member; ``lenient`` (drawings and images) tolerates a DTD without entities and
    XML that breaks off: the limits still hold for everything before the break, which is all
    any parser could read of it."""
    scan = _PartScan(file, package, info, totals)
    try:
        with package.open(info) as stream:
            events = SafeElementTree.iterparse(
                stream, events=("start", "end"), forbid_dtd=not lenient, forbid_entities=True
            )
            for event, element in events:
                tag = element.tag
                local = tag[len(_SHEET_NS) :] if tag.startswith(_SHEET_NS) else ""
                if event == "start":
                    scan.start(local, element)
                else:
                    scan.end(local, element)
                    element.clear()  # a streaming scan: nothing kept but the counts
    except CmlentryError:
        raise
    except DefusedXmlException as exc:
        raise WorkbookUnsafe(
            file=file, detail=f"{scan.where()} declares a DTD or entities (an XML attack)"
        ) from exc
    except ParseError as exc:
        if lenient:
            return
        line = getattr(exc, "position", (0, 0))[0]
        raise WorkbookDamaged(
            file=file, detail=f"{scan.where()} is not well-formed XML (line {line})"
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:
        log.info("workbook part unreadable: %s", type(exc).__name__)
        raise WorkbookDamaged(file=file, detail=f"{scan.where()} cannot be unpacked") from exc


def _where(package: zipfile.ZipFile, part: str) -> str:
    """'sheet Diagnosis' when the part is a worksheet whose title can be found, else the part."""
    try:
        titles = _sheet_titles(package)
    except Exception:  # only for wording a message; the part name is enough
        titles = {}
    title = titles.get(part)
    return f"sheet {title}" if title else f"the part '{_shown(part)}'"


def _sheet_titles(package: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> title, from xl/workbook.xml and its relationships (standard places)."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    book = SafeElementTree.fromstring(package.read("xl/workbook.xml"), forbid_dtd=True)
    rels = SafeElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {}
    for rel in rels.iter(f"{pkg_ns}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return {
        targets.get(sheet.get(f"{rel_ns}id"), ""): sheet.get("name", "")
        for sheet in book.iter(f"{_SHEET_NS}sheet")
    }
