"""Key slots: what opens them, and every way a moved or altered slot is refused."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import OWASP_FLOOR, RFC9106_SECOND, KdfPolicy, KeySlot, SlotOpenFailed

WS = "5b3f3c1e-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def db_key() -> bytes:
    return keyslots.new_database_key()


@pytest.fixture(scope="module")
def slot(db_key: bytes) -> KeySlot:
    return keyslots.make_user_slot(WS, "nina", "Grenoble-2026!", db_key, OWASP_FLOOR)


def test_the_right_password_opens_the_slot(slot: KeySlot, db_key: bytes) -> None:
    assert keyslots.open_slot(slot, WS, "Grenoble-2026!") == db_key


def test_a_wrong_password_does_not(slot: KeySlot) -> None:
    with pytest.raises(SlotOpenFailed):
        keyslots.open_slot(slot, WS, "grenoble-2026!")


def test_the_slot_is_bound_to_its_workspace_and_user(slot: KeySlot) -> None:
    with pytest.raises(SlotOpenFailed):
        keyslots.open_slot(slot, "another-workspace", "Grenoble-2026!")
    moved = dataclasses.replace(slot, username="admin")
    with pytest.raises(SlotOpenFailed):
        keyslots.open_slot(moved, WS, "Grenoble-2026!")


def test_weakened_parameters_in_the_file_are_refused(slot: KeySlot) -> None:
    weaker = dataclasses.replace(slot, kdf={**slot.kdf, "memory_kib": 1024, "iterations": 1})
    with pytest.raises(SlotOpenFailed):
        keyslots.open_slot(weaker, WS, "Grenoble-2026!")


def test_a_flipped_bit_anywhere_is_refused(slot: KeySlot) -> None:
    for name in ("public_key", "wrapped_private_key", "sealed_db_key"):
        data = bytearray(getattr(slot, name))
        data[len(data) // 2] ^= 0x01
        with pytest.raises(SlotOpenFailed):
            keyslots.open_slot(
                dataclasses.replace(slot, **{name: bytes(data)}), WS, "Grenoble-2026!"
            )


def test_password_is_nfc_normalised(db_key: bytes) -> None:
    composed = unicodedata.normalize("NFC", "Hôpital-Lyon-5")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    slot = keyslots.make_user_slot(WS, "nina", composed, db_key, OWASP_FLOOR)
    assert keyslots.open_slot(slot, WS, decomposed) == db_key


def test_slot_json_round_trip_keeps_parameters(slot: KeySlot) -> None:
    again = KeySlot.from_json(slot.to_json())
    assert again == slot
    assert again.kdf_policy == OWASP_FLOOR
    assert len(again.kdf["salt"]) > 20  # 16 random bytes, base64


def test_default_policy_is_rfc9106_second_recommendation() -> None:
    assert KdfPolicy(memory_kib=65536, iterations=3, lanes=4) == RFC9106_SECOND
    assert RFC9106_SECOND.meets(OWASP_FLOOR)
    with pytest.raises(ValueError):
        keyslots.make_user_slot(WS, "x", "pw", b"k" * 32, KdfPolicy(1024, 1, 1))


def test_reseal_keeps_the_key_pair_and_changes_the_key(slot: KeySlot) -> None:
    new_key = keyslots.new_database_key()
    resealed = keyslots.reseal(slot, WS, new_key)
    assert resealed.public_key == slot.public_key
    assert keyslots.open_slot(resealed, WS, "Grenoble-2026!") == new_key


def test_recovery_slot(db_key: bytes) -> None:
    secret = b"cmlentry-recovery-v1:ABCDEFGHJKMNPQRSTVWXYZ0123456"
    slot = keyslots.make_recovery_slot(WS, secret, db_key)
    assert keyslots.open_slot(slot, WS, secret) == db_key
    with pytest.raises(SlotOpenFailed):
        keyslots.open_slot(slot, WS, secret[:-1] + b"7")
    with pytest.raises(SlotOpenFailed):  # a password never opens a recovery slot
        keyslots.open_slot(slot, WS, secret.decode())


@pytest.mark.parametrize(
    "broken",
    [{}, {"kind": "other"}, {"kind": "user", "username": "x", "kdf": {}, "public_key": "!!"}],
)
def test_malformed_slot_json(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        KeySlot.from_json(broken)


@pytest.mark.parametrize(
    "change",
    [
        {"memory_kib": 1 << 40},  # a tampered file must not make Argon2id allocate terabytes
        {"iterations": 0},
        {"lanes": "4"},
        {"salt": "AAAA"},
        {"alg": "pbkdf2"},
        {"extra": 1},
    ],
)
def test_tampered_kdf_parameters_are_refused_when_read(slot: KeySlot, change: dict) -> None:  # type: ignore[type-arg]
    data = slot.to_json()
    data["kdf"] = {**data["kdf"], **change}
    with pytest.raises(ValueError):
        KeySlot.from_json(data)
