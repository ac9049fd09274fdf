"""The recovery key: shape, entropy, forgiving input, and typos reported by group."""

from __future__ import annotations

import re

import pytest

from cmlentry.crypto.recovery import GROUPS, new_recovery_key, recovery_secret
from cmlentry.domain.checkchar import CROCKFORD32
from cmlentry.errors import RecoveryKeyMalformed, RecoveryKeyTypo

SHAPE = re.compile(r"^([0-9A-HJKMNP-TV-Z]{5}-){6}[0-9A-HJKMNP-TV-Z]{5}$")


def test_shape_and_entropy() -> None:
    keys = {new_recovery_key() for _ in range(200)}
    assert len(keys) == 200
    for key in keys:
        assert SHAPE.match(key)
        recovery_secret(key)  # every fresh key passes its own checks
    # 7 groups x 4 data characters x 5 bits = 140 bits >= the 128 bits security.md asks for.
    assert GROUPS * 4 * 5 >= 128


def test_forgiving_input_gives_the_same_secret() -> None:
    key = new_recovery_key()
    sloppy = " ".join(key.lower().split("-"))
    assert recovery_secret(sloppy) == recovery_secret(key)
    assert recovery_secret(key.replace("-", "")) == recovery_secret(key)


def test_confusable_letters_are_read_as_digits() -> None:
    key = next(k for k in iter(new_recovery_key, None) if "0" in k and "1" in k)
    typed = key.replace("0", "O").replace("1", "l")
    assert recovery_secret(typed) == recovery_secret(key)


def test_each_single_typo_names_its_group() -> None:
    key = new_recovery_key()
    groups = key.split("-")
    for index, group in enumerate(groups):
        for position in range(5):
            wrong = next(c for c in CROCKFORD32 if c != group[position])
            typo_group = group[:position] + wrong + group[position + 1 :]
            typed = "-".join([*groups[:index], typo_group, *groups[index + 1 :]])
            with pytest.raises(RecoveryKeyTypo) as caught:
                recovery_secret(typed)
            assert caught.value.params["group"] == index + 1
            assert f"Group {index + 1}" in caught.value.message


def test_two_groups_typed_in_the_wrong_order_are_caught() -> None:
    key = new_recovery_key()
    groups = key.split("-")
    groups[0], groups[1] = groups[1], groups[0]
    if groups[0] == groups[1]:
        pytest.skip("identical groups")  # pragma: no cover - 1 in 2^25
    with pytest.raises(RecoveryKeyTypo):
        recovery_secret("-".join(groups))


@pytest.mark.parametrize("typed", ["", "ABCDE", "U" * 35, "ABCDE-" * 7 + "ABCDE", "ÄBCDE" * 7])
def test_malformed_keys_say_what_shape_is_expected(typed: str) -> None:
    with pytest.raises(RecoveryKeyMalformed) as caught:
        recovery_secret(typed)
    assert "7 groups of 5" in caught.value.message
