"""A check character over Crockford base-32 that catches every typing slip people make most.

Each character is a symbol of the finite field GF(32). With ``n`` data symbols ``a_1 … a_n`` the
check symbol is ``c = Σ g^(n-i+1) · a_i`` where ``g`` is a primitive element, so the data and the
check satisfy one linear equation whose weights ``g^n … g^1, 1`` are all different and non-zero.
Hence (for ``n ≤ 30``):

* a single wrong character changes the sum by ``w · e`` with ``w ≠ 0`` and ``e ≠ 0``: detected;
* two neighbours swapped change it by ``(w - w') · (a - a')`` with ``w ≠ w'``: detected,
  including a swap of the last data character with the check character.

ISO/IEC 7064's hybrid MOD 33,32 was tried first and misses that last swap, which is why this
module does not use it. ``tests/unit/test_checkchar.py`` checks both properties exhaustively.
"""

from __future__ import annotations

from collections.abc import Sequence

CROCKFORD32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_DATA_LENGTH = 30

# GF(2^5) modulo the primitive x^5 + x^2 + 1; g = x (= 2) generates all 31 non-zero elements.
_EXP = [0] * 62
_LOG = [0] * 32
_value = 1
for _power in range(31):
    _EXP[_power] = _EXP[_power + 31] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0b100000:
        _value ^= 0b100101


def _times_g_power(symbol: int, power: int) -> int:
    return 0 if symbol == 0 else _EXP[_LOG[symbol] + power % 31]


def _symbols(text: str) -> list[int]:
    values = []
    for char in text:
        index = CROCKFORD32.find(char)
        if index < 0:
            raise ValueError("character outside the Crockford base-32 alphabet")
        values.append(index)
    return values


def check_symbol(symbols: Sequence[int]) -> int:
    """The check symbol (0-31) for 1 to 30 data symbols, each 0-31."""
    if not 1 <= len(symbols) <= MAX_DATA_LENGTH:
        raise ValueError("a check character covers 1 to 30 characters")
    total = 0
    for position, symbol in enumerate(symbols):
        if not 0 <= symbol < 32:
            raise ValueError("a symbol of GF(32) is 0 to 31")
        total ^= _times_g_power(symbol, len(symbols) - position)
    return total


def check_character(text: str) -> str:
    """Return the check character for ``text`` (1 to 30 Crockford base-32 characters)."""
    return CROCKFORD32[check_symbol(_symbols(text))]


def is_valid(text_with_check: str) -> bool:
    """True when the last character is the right check character for the rest."""
    try:
        return check_character(text_with_check[:-1]) == text_with_check[-1:]
    except ValueError:
        return False
