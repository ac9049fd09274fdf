"""The GF(32) check character: every single substitution and adjacent swap is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.checkchar import CROCKFORD32, MAX_DATA_LENGTH, check_character, is_valid


def test_known_values_are_stable() -> None:
    # Pinned so that a change to the field or weights (which would orphan printed keys) fails.
    assert check_character("0") == "0"
    assert check_character("1") == "2"
    assert check_character("01") == "2"
    assert check_character("10") == "4"
    assert check_character("ZZZZ") == check_character("ZZZZ")
    assert is_valid("0000" + check_character("0000"))


@pytest.mark.parametrize("length", range(1, MAX_DATA_LENGTH + 1))
def test_every_single_substitution_is_caught_exhaustively(length: int) -> None:
    """The check is linear, so trying every error value at every position of one base string
    covers every string of this length."""
    base = "0" * length
    full = base + check_character(base)
    for position in range(length + 1):
        for wrong in CROCKFORD32:
            if wrong != full[position]:
                typo = full[:position] + wrong + full[position + 1 :]
                assert not is_valid(typo), (length, position, wrong)


@pytest.mark.parametrize("length", range(1, MAX_DATA_LENGTH + 1))
def test_every_adjacent_swap_is_caught_exhaustively(length: int) -> None:
    """Every pair of distinct symbols at every pair of neighbours, check character included."""
    for position in range(length):  # position, position + 1 (the last pair includes the check)
        for a in CROCKFORD32:
            for b in CROCKFORD32:
                if a == b:
                    continue
                data = list("0" * length)
                data[position] = a
                if position + 1 < length:
                    data[position + 1] = b
                    text = "".join(data)
                    full = text + check_character(text)
                else:
                    text = "".join(data)
                    full = text + check_character(text)
                    if full[-1] == full[-2]:
                        continue
                i = position
                swapped = full[:i] + full[i + 1] + full[i] + full[i + 2 :]
                if swapped != full:
                    assert not is_valid(swapped), (length, position, a, b)


@given(st.text(alphabet=CROCKFORD32, min_size=1, max_size=MAX_DATA_LENGTH))
def test_round_trip(text: str) -> None:
    assert is_valid(text + check_character(text))


@pytest.mark.parametrize("bad", ["", "A", "0U", "0I", "é0"])
def test_invalid_input_is_never_valid(bad: str) -> None:
    assert not is_valid(bad)


def test_length_limits() -> None:
    with pytest.raises(ValueError):
        check_character("")
    with pytest.raises(ValueError):
        check_character("0" * (MAX_DATA_LENGTH + 1))
