"""The shape of an entry workbook: the contract between the template writer and the reader.

Which data sheets a form definition gives (:func:`sheet_plans`: a form's single-row groups
together, one sheet per repeating group), how each is recognised (its key in cell A2, never its
title), where the headers and the data rows are, and how columns are named in messages. The
writer (:mod:`.template`) lays a workbook out by these rules and the reader (:mod:`.reader`)
finds its way back by the same ones, so they are stated once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Typed with the types-openpyxl stubs where installed, as Any otherwise.
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

from cmlentry.domain.forms import Form, FormDefinition, Group, Item
from cmlentry.services.spreadsheet.limits import MAX_DATA_ROWS

HEADER_ROWS = 2
FIRST_DATA_ROW = HEADER_ROWS + 1
LAST_ROW = HEADER_ROWS + MAX_DATA_ROWS
CASE_HEADER = "Case"
DASH = " \u2013 "  # "M – male": code, en dash, label
README_TITLE = "Read me"
CODEBOOK_TITLE = "Codebook"
LISTS_TITLE = "Lists"
INFO_TITLES = frozenset(t.casefold() for t in (README_TITLE, CODEBOOK_TITLE, LISTS_TITLE))
DEFAULT_TEMPLATE_NAME = "cmlentry-entry-template.xlsx"

_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class SheetPlan:
    """One data sheet: a form's single-row groups together, or one repeating group.

    ``key`` is written in cell A2 and is how the reader finds the sheet, whatever its title.
    """

    key: str
    title: str
    form: Form
    groups: tuple[Group, ...]
    repeating: bool

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for g in self.groups for i in g.items if i.type != "derived")


def sheet_plans(definition: FormDefinition) -> list[SheetPlan]:
    """The data sheets in form order; the first one lists the cases (the roster)."""
    plans: list[SheetPlan] = []
    used = set(INFO_TITLES)

    def title(text: str, fallback: str) -> str:
        base = _SHEET_TITLE_BAD.sub(" ", text).strip().strip("'")[:31].strip() or fallback
        candidate, n = base, 2
        while candidate.casefold() in used:
            suffix = f" {n}"
            candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(candidate.casefold())
        return candidate

    for form in definition.forms:
        single = tuple(g for g in form.groups if not g.repeating)
        if any(i.type != "derived" for g in single for i in g.items):
            plans.append(SheetPlan(form.id, title(form.label, form.id), form, single, False))
        for group in form.groups:
            if group.repeating:
                plans.append(
                    SheetPlan(
                        f"{form.id}.{group.id}",
                        title(group.label, group.id),
                        form,
                        (group,),
                        True,
                    )
                )
    return plans


def _letters(column: int) -> str:
    return get_column_letter(column) if 1 <= column <= 18278 else str(column)
