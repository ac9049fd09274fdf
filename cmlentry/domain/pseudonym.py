"""Registry IDs: country + centre + per-centre sequence + check character, e.g. ``FR-086-0007-K``.

The pseudonym is sequential, never derived from identifying data (security.md §5). Its check
character is the GF(32) code of :mod:`cmlentry.domain.checkchar` over the symbols of the ID:
country letters A-Z as 0-25, digits as 0-9. Each position holds one kind of character, so

* one wrong letter or digit anywhere changes one symbol: always caught;
* two neighbours of the same kind swapped: caught by the distinct weights;
* a letter swapped with a digit (country/centre boundary) breaks the shape: caught by parsing;
* the last digit swapped with the check character: caught (weights ``g`` and ``1`` differ).

``tests/unit/test_pseudonym.py`` checks every single-character error and every adjacent swap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmlentry.domain.checkchar import CROCKFORD32, check_symbol
from cmlentry.errors import CmlentryError

MAX_SEQUENCE = 9999
_SHAPE = re.compile(r"^([A-Z]{2})-?([0-9]{3})-?([0-9]{4})-?([0-9A-Z])$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


class RegistryIdError(CmlentryError):
    code = "pseudonym.invalid"
    template = (
        "{text} is not a registry ID: it looks like FR-086-0007-K (country, centre, number, "
        "check character). Check it against the case list."
    )


class RegistryIdTypo(CmlentryError):
    code = "pseudonym.typo"
    template = (
        "{text} has a typing error (its check character does not match). Check it against the "
        "case list."
    )


def _symbols(country: str, centre: str, sequence: int) -> list[int]:
    return [ord(c) - ord("A") for c in country] + [int(d) for d in f"{centre}{sequence:04d}"]


@dataclass(frozen=True, order=True)
class RegistryId:
    country: str
    centre: str
    sequence: int

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z]{2}", self.country) or not re.fullmatch(
            r"[0-9]{3}", self.centre
        ):
            raise ValueError("country is two capital letters, centre three digits")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise ValueError("the sequence runs from 1 to 9999")

    @property
    def check(self) -> str:
        return CROCKFORD32[check_symbol(_symbols(self.country, self.centre, self.sequence))]

    def __str__(self) -> str:
        return f"{self.country}-{self.centre}-{self.sequence:04d}-{self.check}"

    @classmethod
    def parse(cls, text: str) -> RegistryId:
        """Read a typed ID (lower case and missing dashes accepted) and verify its check."""
        compact = "".join(text.split()).upper()
        match = _SHAPE.fullmatch(compact)
        if match is None or int(match.group(3)) == 0:
            raise RegistryIdError(text=text.strip() or "An empty text")
        country, centre, digits, check = match.groups()
        parsed = cls(country, centre, int(digits))
        if parsed.check != check.translate(_CONFUSABLE):
            raise RegistryIdTypo(text=text.strip())
        return parsed
