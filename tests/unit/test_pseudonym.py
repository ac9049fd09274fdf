"""Registry IDs: shape, and every single-character error and adjacent swap is caught."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.pseudonym import RegistryId, RegistryIdError, RegistryIdTypo

ALPHABET = string.ascii_uppercase + string.digits


def accepted(text: str) -> bool:
    try:
        RegistryId.parse(text)
    except (RegistryIdError, RegistryIdTypo):
        return False
    return True


def read_as(text: str) -> RegistryId | None:
    try:
        return RegistryId.parse(text)
    except (RegistryIdError, RegistryIdTypo):
        return None


CONFUSABLE = {("1", "I"), ("1", "L"), ("0", "O")}


def test_shape() -> None:
    rid = RegistryId("FR", "086", 7)
    assert str(rid) == f"FR-086-0007-{rid.check}"
    assert RegistryId.parse(str(rid)) == rid
    assert RegistryId.parse(str(rid).lower().replace("-", "")) == rid


def test_ids_sort_by_centre_then_sequence() -> None:
    assert sorted([RegistryId("FR", "086", 10), RegistryId("FR", "086", 9)])[0].sequence == 9


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "FR-086-7-K",
        "F1-086-0007-K",
        "FR-86-0007-K",
        "FR-086-0000-0",
        "FR-086-00007-K",
        "FRA-086-0007-K",
    ],
)
def test_malformed_ids(bad: str) -> None:
    with pytest.raises(RegistryIdError) as caught:
        RegistryId.parse(bad)
    assert "looks like FR-086-0007-K" in caught.value.message


def every_id_of_a_kind() -> list[RegistryId]:
    """A spread of IDs: every country letter at each place, every centre digit, and sequences."""
    ids = [RegistryId(a + b, "086", 7) for a in "AFZ" for b in string.ascii_uppercase]
    ids += [RegistryId("FR", f"{d}{d}{d}", s) for d in range(10) for s in (1, 10, 999, 9999)]
    return ids


def test_every_single_character_error_is_caught() -> None:
    """No typo yields another patient's ID. The only typos read at all are Crockford's
    look-alikes in the check position (I, L for 1; O for 0), which read as the same ID."""
    checked = 0
    for rid in every_id_of_a_kind():
        text = str(rid)
        for position, char in enumerate(text):
            if char == "-":
                continue
            for wrong in ALPHABET:
                if wrong != char:
                    typo = text[:position] + wrong + text[position + 1 :]
                    read = read_as(typo)
                    if read is not None:
                        assert read == rid and (char, wrong) in CONFUSABLE, typo
                        assert position == len(text) - 1
                    checked += 1
    assert checked > 40_000


def test_every_adjacent_swap_is_caught() -> None:
    for rid in every_id_of_a_kind():
        compact = str(rid).replace("-", "")
        for i in range(len(compact) - 1):
            if compact[i] != compact[i + 1]:
                swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
                assert not accepted(swapped), (str(rid), swapped)


@given(
    st.sampled_from(["FR", "IT", "DE", "PL", "LU", "IE"]), st.integers(0, 999), st.integers(1, 9999)
)
def test_round_trip(country: str, centre: int, sequence: int) -> None:
    rid = RegistryId(country, f"{centre:03d}", sequence)
    assert RegistryId.parse(str(rid)) == rid


def test_the_pseudonym_carries_nothing_but_centre_and_number() -> None:
    # Sequential, not derived from identifying data (security.md §5): same inputs, same ID.
    assert str(RegistryId("FR", "086", 7)) == str(RegistryId("FR", "086", 7))
    with pytest.raises(ValueError):
        RegistryId("FR", "086", 10_000)
