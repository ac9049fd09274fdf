"""Key slots: how each user's password (or the recovery key) unlocks the workspace key.

The workspace database key is 256 random bits. It is never derived from a password and never
stored in the clear. Each slot holds:

* an X25519 key pair whose private half is wrapped with AES-256-GCM under a key-encryption key
  (KEK): Argon2id of the NFC-normalised password for a user slot (RFC 9106's second
  recommendation by default), HKDF-SHA256 of the 140-bit recovery key for the recovery slot;
* the database key sealed to the slot's public key with HPKE (RFC 9180, X25519, HKDF-SHA256,
  AES-256-GCM).

Sealing to a public key is what lets ``rotate-key`` re-seal a new database key for every user
without knowing their passwords, while a removed user's slot, an old password (its key pair is
replaced at every password change) and the old database key all stop opening the rotated
workspace. The workspace id, slot kind, user name, KDF parameters and public key are bound as
associated data (AES-GCM) and HPKE ``info``, so a slot copied to another user or workspace fails.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

DB_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

SlotKind = Literal["user", "recovery"]


class SlotOpenFailed(Exception):
    """The secret does not open this slot (wrong password, wrong key, or a tampered slot)."""


@dataclass(frozen=True, order=True)
class KdfPolicy:
    """Argon2id cost, stored with every slot; a weaker slot is re-made at the next login."""

    memory_kib: int
    iterations: int
    lanes: int

    def meets(self, other: KdfPolicy) -> bool:
        return (
            self.memory_kib >= other.memory_kib
            and self.iterations >= other.iterations
            and self.lanes >= other.lanes
        )


# RFC 9106 §4, second recommended option: m = 64 MiB, t = 3, p = 4.
RFC9106_SECOND = KdfPolicy(memory_kib=64 * 1024, iterations=3, lanes=4)
# OWASP Password Storage Cheat Sheet floor for Argon2id: m = 19 MiB, t = 2, p = 1.
OWASP_FLOOR = KdfPolicy(memory_kib=19 * 1024, iterations=2, lanes=1)


def new_database_key() -> bytes:
    return os.urandom(DB_KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def normalise_password(password: str) -> bytes:
    """NFC form, UTF-8: the same password typed on any keyboard gives the same bytes."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


@dataclass(frozen=True)
class KeySlot:
    """One slot as stored in the workspace's slot file (no secret in the clear)."""

    kind: SlotKind
    username: str | None
    kdf: dict[str, Any]
    public_key: bytes
    wrapped_private_key: bytes
    sealed_db_key: bytes

    # --- serialisation ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "username": self.username,
            "kdf": self.kdf,
            "public_key": _b64(self.public_key),
            "wrapped_private_key": _b64(self.wrapped_private_key),
            "sealed_db_key": _b64(self.sealed_db_key),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeySlot:
        """Read a slot, refusing malformed or out-of-bounds parameters with ValueError.

        A tampered file must not make Argon2id allocate without limit, nor surface as a
        KeyError deep inside the unlock.
        """
        try:
            kind = data["kind"]
            if kind not in ("user", "recovery"):
                raise ValueError("unknown slot kind")
            _check_kdf(data["kdf"], kind)
            return cls(
                kind=kind,
                username=data["username"],
                kdf=dict(data["kdf"]),
                public_key=_unb64(data["public_key"]),
                wrapped_private_key=_unb64(data["wrapped_private_key"]),
                sealed_db_key=_unb64(data["sealed_db_key"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError("malformed key slot") from exc

    @property
    def kdf_policy(self) -> KdfPolicy | None:
        if self.kdf.get("alg") != "argon2id":
            return None
        return KdfPolicy(self.kdf["memory_kib"], self.kdf["iterations"], self.kdf["lanes"])

    @property
    def fingerprint(self) -> str:
        """Short, non-secret id of this slot's key pair (for the audit trail)."""
        return hashlib.sha256(self.public_key).hexdigest()[:16]

    # --- binding ------------------------------------------------------------------------------

    def _binding(self, workspace_id: str, purpose: str) -> bytes:
        return _canonical(
            {
                "purpose": purpose,
                "workspace": workspace_id,
                "kind": self.kind,
                "username": self.username,
                "kdf": self.kdf,
                "public_key": _b64(self.public_key),
            }
        )


MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB: more than any policy here, less than a runaway
MAX_ITERATIONS = 64
MAX_LANES = 64


def _check_kdf(kdf: Any, kind: str) -> None:
    if not isinstance(kdf, dict):
        raise ValueError("kdf is not a mapping")
    if len(_unb64(kdf["salt"])) != SALT_BYTES:
        raise ValueError("salt of the wrong length")
    if kind == "recovery":
        if kdf.get("alg") != "hkdf-sha256" or set(kdf) != {"alg", "salt"}:
            raise ValueError("a recovery slot uses HKDF-SHA256")
        return
    bounds = {"memory_kib": MAX_MEMORY_KIB, "iterations": MAX_ITERATIONS, "lanes": MAX_LANES}
    if kdf.get("alg") != "argon2id" or set(kdf) != {"alg", "salt", *bounds}:
        raise ValueError("a user slot uses Argon2id")
    for name, upper in bounds.items():
        value = kdf[name]
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= upper:
            raise ValueError(f"{name} out of bounds")


# --- key-encryption keys ----------------------------------------------------------------------


def _argon2id_kek(password: str, kdf: dict[str, Any]) -> bytes:
    policy = KdfPolicy(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
    if not policy.meets(OWASP_FLOOR):
        raise SlotOpenFailed("KDF parameters below the floor")
    return Argon2id(
        salt=_unb64(kdf["salt"]),
        length=32,
        iterations=policy.iterations,
        lanes=policy.lanes,
        memory_cost=policy.memory_kib,
    ).derive(normalise_password(password))


def _recovery_kek(recovery_secret: bytes, kdf: dict[str, Any]) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=_unb64(kdf["salt"]),
        info=b"cmlentry/v1/recovery-kek",
    ).derive(recovery_secret)


def _kek_for(slot_kdf: dict[str, Any], secret: str | bytes) -> bytes:
    alg = slot_kdf.get("alg")
    if alg == "argon2id" and isinstance(secret, str):
        return _argon2id_kek(secret, slot_kdf)
    if alg == "hkdf-sha256" and isinstance(secret, bytes):
        return _recovery_kek(secret, slot_kdf)
    raise SlotOpenFailed("secret does not fit this slot")


# --- making and opening slots -----------------------------------------------------------------


def _make_slot(
    workspace_id: str,
    kind: SlotKind,
    username: str | None,
    kdf: dict[str, Any],
    secret: str | bytes,
    db_key: bytes,
) -> KeySlot:
    private = X25519PrivateKey.generate()
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    private_raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    slot = KeySlot(kind, username, kdf, public_raw, b"", b"")
    kek = _kek_for(kdf, secret)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = nonce + AESGCM(kek).encrypt(
        nonce, private_raw, slot._binding(workspace_id, "cmlentry/v1/slot-private-key")
    )
    return reseal(replace(slot, wrapped_private_key=wrapped), workspace_id, db_key)


def make_user_slot(
    workspace_id: str, username: str, password: str, db_key: bytes, policy: KdfPolicy
) -> KeySlot:
    """A new slot for ``username``: fresh salt, fresh key pair, the database key sealed to it."""
    if not policy.meets(OWASP_FLOOR):
        raise ValueError("KDF policy below OWASP's floor")
    kdf = {
        "alg": "argon2id",
        "memory_kib": policy.memory_kib,
        "iterations": policy.iterations,
        "lanes": policy.lanes,
        "salt": _b64(os.urandom(SALT_BYTES)),
    }
    return _make_slot(workspace_id, "user", username, kdf, password, db_key)


def make_recovery_slot(workspace_id: str, recovery_secret: bytes, db_key: bytes) -> KeySlot:
    kdf = {"alg": "hkdf-sha256", "salt": _b64(os.urandom(SALT_BYTES))}
    return _make_slot(workspace_id, "recovery", None, kdf, recovery_secret, db_key)


def derive_for_timing(password: str, policy: KdfPolicy) -> None:
    """Spend the time of one slot opening on nothing (for user names that have no slot)."""
    kdf = {
        "memory_kib": policy.memory_kib,
        "iterations": policy.iterations,
        "lanes": policy.lanes,
        "salt": _b64(os.urandom(SALT_BYTES)),
    }
    _argon2id_kek(password, kdf)


def open_slot(slot: KeySlot, workspace_id: str, secret: str | bytes) -> bytes:
    """Return the database key, or raise :class:`SlotOpenFailed`."""
    kek = _kek_for(slot.kdf, secret)
    wrapped = slot.wrapped_private_key
    try:
        private_raw = AESGCM(kek).decrypt(
            wrapped[:NONCE_BYTES],
            wrapped[NONCE_BYTES:],
            slot._binding(workspace_id, "cmlentry/v1/slot-private-key"),
        )
        private = X25519PrivateKey.from_private_bytes(private_raw)
        db_key = _HPKE.decrypt(
            slot.sealed_db_key, private, info=slot._binding(workspace_id, "cmlentry/v1/slot-db-key")
        )
    except (InvalidTag, ValueError) as exc:
        raise SlotOpenFailed("secret does not open this slot") from exc
    if len(db_key) != DB_KEY_BYTES:
        raise SlotOpenFailed("sealed key has the wrong length")
    return db_key


def reseal(slot: KeySlot, workspace_id: str, db_key: bytes) -> KeySlot:
    """Seal ``db_key`` to the slot's public key (used at creation and by key rotation)."""
    public = X25519PublicKey.from_public_bytes(slot.public_key)
    sealed = _HPKE.encrypt(
        db_key, public, info=slot._binding(workspace_id, "cmlentry/v1/slot-db-key")
    )
    return replace(slot, sealed_db_key=sealed)
