"""Spreadsheet round trip: an entry workbook made from the form definition, and its import.

A site moving its paper or Excel line list into the registry writes the template
(:func:`write_template`), fills one row per case on each form's sheet and one row per repeat on
each repeating group's sheet, and imports it (:func:`import_workbook`). docs/spreadsheets.md is
the user's side of this package; the decisions it states are made here:

* Columns are found by the item ids in row 2, never by the labels in row 1; a sheet is found by
  the key in its cell A2 (``patient``, ``imatinib.doses``), so renamed sheets and moved columns
  still import.
* Column A holds the site's own line label for the case. It ties a case's rows together during
  the import and is reported back beside the new registry ID; it is not stored.
* A choice may be typed as its code (``M``), picked from the drop-down (``M – male``) or typed as
  its label (``male``); a missing-data code likewise (``UNK``, ``UNK – unknown``, ``unknown``).
* The import is all or nothing. Anything that cannot be stored as a value of its item (a word in
  a number column, a code not in the list, a formula, a line that belongs to no case) rejects the
  whole workbook with a report of every problem. What the validation judges (ranges, required
  answers, date order, eligibility) does not block: the cases are created as drafts and the
  findings are reported per case, exactly as if the values had been typed in the case editor.

The file is hostile until proven otherwise: its size, zip members, compression ratios, member
names and XML are checked (:func:`check_package`, :func:`scan_parts`) before openpyxl parses
anything, and any failure while parsing ends in a typed error, never a traceback.

The modules, in the order a workbook meets them:

* :mod:`.limits` and :mod:`.layout`: the limits, and the shape of a workbook (which sheets,
  which rows) that the writer and the reader share; :mod:`.wording` describes items in words.
* :mod:`.template`: writing the entry workbook, its drop-downs, codebook and read-me.
* :mod:`.package`: the checks of the zip and its XML before any parser runs.
* :mod:`.cells`: the cells, read through openpyxl and turned into canonical values.
* :mod:`.reader`: from the cells to the cases, collecting every problem.
* :mod:`.importer`: the all-or-nothing import through :class:`CaseService`.
* :mod:`.errors`: the typed errors, and the problems a rejection lists.

Callers import from this package, never from its modules.
"""

from __future__ import annotations

from cmlentry.services.spreadsheet.cells import _load_cells as _load_cells
from cmlentry.services.spreadsheet.errors import (
    CellProblem,
    NotAWorkbook,
    SpreadsheetRejected,
    TargetExists,
    WorkbookDamaged,
    WorkbookNotFound,
    WorkbookProtected,
    WorkbookRefused,
    WorkbookTooLarge,
    WorkbookUnsafe,
)
from cmlentry.services.spreadsheet.errors import _unreadable_as_damaged as _unreadable_as_damaged
from cmlentry.services.spreadsheet.importer import CaseOutcome, ImportReport, import_workbook
from cmlentry.services.spreadsheet.layout import (
    CASE_HEADER,
    CODEBOOK_TITLE,
    DASH,
    DEFAULT_TEMPLATE_NAME,
    FIRST_DATA_ROW,
    HEADER_ROWS,
    INFO_TITLES,
    LAST_ROW,
    LISTS_TITLE,
    README_TITLE,
    SheetPlan,
    sheet_plans,
)
from cmlentry.services.spreadsheet.limits import (
    LENIENT_SUFFIXES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_ELEMENTS_PER_TEXT,
    MAX_FILE_BYTES,
    MAX_LABEL_LENGTH,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_PROBLEMS_LISTED,
    MAX_RATIO,
    MAX_SHARED_STRINGS,
    MAX_STRUCTURE_ELEMENTS,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR_BYTES,
)
from cmlentry.services.spreadsheet.package import _read_bytes as _read_bytes
from cmlentry.services.spreadsheet.package import check_package, scan_parts
from cmlentry.services.spreadsheet.reader import (
    FormRows,
    ImportedCase,
    ImportedCases,
    Progress,
    read_workbook,
)
from cmlentry.services.spreadsheet.reader import _never as _never
from cmlentry.services.spreadsheet.reader import _no_progress as _no_progress
from cmlentry.services.spreadsheet.reader import _WorkbookReader as _WorkbookReader
from cmlentry.services.spreadsheet.template import (
    CODEBOOK_COLUMNS,
    FORMULA_STARTS,
    TemplateSummary,
    write_template,
)
from cmlentry.services.spreadsheet.wording import describe_condition

# Every public name of the former single module stays importable from here; the ones other code
# uses today are the errors, check_package, scan_parts, read_workbook, import_workbook,
# write_template, sheet_plans, DEFAULT_TEMPLATE_NAME and MAX_MEMBERS. The private names imported
# above are the fuzz harness's (tests/harness/fuzz_xlsx.py): its negative controls rebuild the
# import from these parts, and the "leaky" one replaces the guard here.
__all__ = [
    "CASE_HEADER",
    "CODEBOOK_COLUMNS",
    "CODEBOOK_TITLE",
    "DASH",
    "DEFAULT_TEMPLATE_NAME",
    "FIRST_DATA_ROW",
    "FORMULA_STARTS",
    "HEADER_ROWS",
    "INFO_TITLES",
    "LAST_ROW",
    "LENIENT_SUFFIXES",
    "LISTS_TITLE",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_DATA_ROWS",
    "MAX_ELEMENTS_PER_TEXT",
    "MAX_FILE_BYTES",
    "MAX_LABEL_LENGTH",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_PROBLEMS_LISTED",
    "MAX_RATIO",
    "MAX_SHARED_STRINGS",
    "MAX_STRUCTURE_ELEMENTS",
    "MAX_TOTAL_BYTES",
    "RATIO_FLOOR_BYTES",
    "README_TITLE",
    "CaseOutcome",
    "CellProblem",
    "FormRows",
    "ImportReport",
    "ImportedCase",
    "ImportedCases",
    "NotAWorkbook",
    "Progress",
    "SheetPlan",
    "SpreadsheetRejected",
    "TargetExists",
    "TemplateSummary",
    "WorkbookDamaged",
    "WorkbookNotFound",
    "WorkbookProtected",
    "WorkbookRefused",
    "WorkbookTooLarge",
    "WorkbookUnsafe",
    "check_package",
    "describe_condition",
    "import_workbook",
    "read_workbook",
    "scan_parts",
    "sheet_plans",
    "write_template",
]
