"""Values of items: parsing what a person typed, partial dates, and missing-data codes.

An :class:`Entry` is what is stored for one item in one row: a typed value, or a missing-data
code (unknown / not done / not applicable) — never a silent blank once the form is complete —
and, when a soft warning was overridden, the reason given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cmlentry.domain.forms import Item, MissingCode

Value = str | int | Decimal | None

_DATE = re.compile(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?$")


class ValueProblem(ValueError):
    """What is wrong with a typed value, as the end of a sentence: 'give a whole number'."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``2006``, ``2006-03``, ``2006-03-14``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE.fullmatch(text.strip())
        if match is None:
            raise ValueProblem("give a date as YYYY-MM-DD (or YYYY-MM or YYYY where allowed)")
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
        if not 1900 <= year <= 2100:
            raise ValueProblem("give a year between 1900 and 2100")
        if month is not None and not 1 <= month <= 12:
            raise ValueProblem("give a month between 01 and 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueProblem(f"this month has days 01 to {last:02d}")
        return cls(year, month, day)

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Entry:
    """One stored answer. ``value`` is the canonical text form (as stored and exported)."""

    value: str | None = None
    missing: MissingCode | None = None
    override: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.missing is None


EMPTY = Entry()


# No clinical quantity needs more than 15 digits before the decimal mark; 20 after it hold
# any float a spreadsheet cell gives (repr has at most 17 significant digits).
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,15}(?:[.,][0-9]{1,20})?")


def canonical(item: Item, text: str) -> str:
    """Check typed text against the item's type and return the canonical stored form.

    Raises :class:`ValueProblem` with the end of a sentence saying what to type instead.
    """
    raw = text.strip()
    if item.type == "integer":
        # Plain digits only: Python's int() would also take "1_000" and a million digits.
        if not _INTEGER.fullmatch(raw):
            raise ValueProblem("give a whole number")
        return str(int(raw))
    if item.type == "decimal":
        # Plain decimals only: Decimal() would also take "1e3", "1_000" and "1E+9999999".
        if not _DECIMAL.fullmatch(raw):
            raise ValueProblem("give a number, for example 12.5")
        try:
            number = Decimal(raw.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
            raise ValueProblem("give a number, for example 12.5") from None
        return format(number.normalize(), "f") if number == number.to_integral() else str(number)
    if item.type == "date":
        date = PartialDate.parse(raw)
        if not date.is_complete and not item.partial_date:
            raise ValueProblem("give the full date as YYYY-MM-DD")
        return str(date)
    if item.type == "code":
        return raw.upper()  # codes are upper case; membership is checked by the validation
    if item.type == "text":
        if len(raw) > item.max_length:
            raise ValueProblem(f"use at most {item.max_length} characters")
        return raw
    raise ValueProblem("this value is calculated and cannot be typed")


def number(entry: Entry) -> Decimal | None:
    """The numeric value of an entry, or None when it is empty, missing or not a number."""
    if entry.value is None:
        return None
    try:
        return Decimal(entry.value)
    except InvalidOperation:
        return None


def date_of(entry: Entry) -> PartialDate | None:
    if entry.value is None:
        return None
    try:
        return PartialDate.parse(entry.value)
    except ValueProblem:
        return None
