"""From what a person types in the editor to an :class:`Entry`, and back (no Qt here).

The editor keeps every keystroke: a value that parses is turned into its canonical form (the form
the service stores, ``12,5`` → ``12.5``), anything else is kept exactly as typed so the
validation can say what is wrong with it. Dates are also accepted the way they are written in
France or Germany (``14.03.2006``, ``14/03/2006``, ``03.2006``) and turned into ISO on leave.
"""

from __future__ import annotations

import re

from cmlentry.domain.forms import FormDefinition, Item, MissingCode
from cmlentry.domain.values import EMPTY, Entry, ValueProblem, canonical

_DAY_FIRST = re.compile(r"^(?P<d>[0-9]{1,2})[./](?P<m>[0-9]{1,2})[./](?P<y>[0-9]{4})$")
_MONTH_FIRST = re.compile(r"^(?P<m>[0-9]{1,2})[./](?P<y>[0-9]{4})$")


def iso_date_text(text: str) -> str:
    """``14.03.2006`` / ``14/03/2006`` → ``2006-03-14``, ``3.2006`` → ``2006-03``; else as is.

    Only the shape is converted; whether the date exists (and whether a partial date is allowed)
    is for :func:`cmlentry.domain.values.canonical` and the validation to say.
    """
    raw = text.strip()
    if match := _DAY_FIRST.fullmatch(raw):
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    if match := _MONTH_FIRST.fullmatch(raw):
        return f"{match['y']}-{int(match['m']):02d}"
    return raw


def clean_text(item: Item, text: str) -> str:
    """The canonical form of a valid value; an invalid one stays as typed (never lost)."""
    raw = iso_date_text(text) if item.type == "date" else text.strip()
    try:
        return canonical(item, raw)
    except ValueProblem:
        return raw


def entry_from_text(item: Item, text: str, override: str | None = None) -> Entry:
    """What a typed text is stored as: empty text is an empty entry."""
    if not text.strip():
        return EMPTY
    return Entry(clean_text(item, text), None, override)


def problem_of(item: Item, text: str) -> str | None:
    """What is wrong with a typed text, as the end of a sentence, or None when it parses."""
    if not text.strip():
        return None
    raw = iso_date_text(text) if item.type == "date" else text.strip()
    try:
        canonical(item, raw)
    except ValueProblem as problem:
        return str(problem)
    return None


def canonical_entry(item: Item, entry: Entry) -> Entry:
    """``entry`` with its value in canonical form where it parses (for checks and calculations)."""
    if entry.value is None or item.type == "derived":
        return entry
    value = clean_text(item, entry.value)
    return entry if value == entry.value else Entry(value, entry.missing, entry.override)


def display_text(definition: FormDefinition, item: Item, entry: Entry) -> str:
    """How an entry reads in a table cell: the code's label, the missing code's word, the value."""
    if entry.missing is not None:
        return definition.missing_codes.get(entry.missing, entry.missing)
    if entry.value is None:
        return ""
    if item.type == "code":
        return definition.codes(item).get(entry.value, entry.value)
    if item.unit and item.is_number:
        return f"{entry.value} {item.unit}"
    return entry.value


def missing_from_text(definition: FormDefinition, item: Item, text: str) -> MissingCode | None:
    """A missing-data code the item accepts, typed as its code (``ND``) or its word (not done)."""
    wanted = text.strip().casefold()
    for code in item.missing:
        if wanted in (code.casefold(), definition.missing_codes.get(code, code).casefold()):
            return code
    return None
