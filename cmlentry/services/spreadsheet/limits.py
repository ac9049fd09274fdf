"""Every limit a workbook must stay within, checked before anything expensive is done with it.

They live together because they are read in three places: the package checks enforce them
(:mod:`.package`), the reader caps its problem list and line labels with them (:mod:`.cells`,
:mod:`.reader`), and the template's "Read me" sheet tells the user the ones that matter
(:mod:`.template`). docs/spreadsheets.md quotes them too.
"""

from __future__ import annotations

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
# Small parts may compress very well (a styles part of repeated entries); only big ones can hurt.
RATIO_FLOOR_BYTES = 256 * 1024
MAX_DATA_ROWS = 10_000
MAX_COLUMNS = 256
MAX_CELLS = 500_000
MAX_SHARED_STRINGS = 500_000
# openpyxl turns styles, validations, merged ranges and the like into objects all at once, and
# the runs of one rich text too; cell data it streams row by row.
MAX_STRUCTURE_ELEMENTS = 100_000
MAX_ELEMENTS_PER_TEXT = 200
MAX_LABEL_LENGTH = 60
# Excel writes legacy VML drawings that are not well-formed XML (an unclosed <br>), and SVG
# images may carry a DTD: for members so named, only those two faults are forgiven.
LENIENT_SUFFIXES = (".vml", ".svg")
MAX_PROBLEMS_LISTED = 1_000
