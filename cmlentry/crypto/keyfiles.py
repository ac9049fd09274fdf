"""Key sets and public-key files: the keys a site and a registry hold, and how they meet.

A *key set* is one party's Ed25519 key and X25519 key:

* a **site**: Ed25519 signs its batches; X25519 is its *archive* key — every batch is encrypted
  to the registry AND to it, so the site can read what it sent;
* a **registry**: X25519 receives batches (HPKE, RFC 9180); Ed25519 signs acknowledgements.

The public halves travel in a *key file* (``.cmlkey``): strict canonical JSON (UTF-8, sorted keys,
no spaces, one final newline) holding the role, the owner, both public keys, the creation time,
the **key id** and a **self-signature**. The key id is derived from the public keys (and the role)
with a domain-separation label, so it is checked on load; the self-signature, by the Ed25519 key
over the canonical body with a label of its own, detects damage. Neither proves who made the file:
that comes from the **fingerprint**, 120 bits of the key id in six groups of five characters, each
ending in a check character, which the two parties read to each other over the phone.

Reading is strict and fails closed: size first (16 KiB at most, checked before reading), then
UTF-8, JSON without duplicate keys, NaN or fractions, the format marker, the version, exactly the
known fields, each field's shape and length, the key id, the self-signature, and finally that the
bytes are the one canonical encoding. Every refusal is a typed error naming the file; no message
ever quotes a key or anything else read from the file.

See docs/keys.md for the format.
"""

from __future__ import annotations

import base64
import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from cmlentry.crypto import canonical
from cmlentry.crypto.recovery import _group_check
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.checkchar import CROCKFORD32
from cmlentry.errors import CmlentryError, InvalidInput

KeyRole = Literal["site", "registry"]
ROLES: tuple[KeyRole, ...] = ("site", "registry")

FORMAT = "cmlentry-public-key"
VERSION = 1
SUFFIX = ".cmlkey"
MAX_FILE_BYTES = 16 * 1024
MAX_TEXT = 200  # the longest owner string (a centre's name is at most 200 characters)
RAW_KEY_BYTES = 32
SIGNATURE_BYTES = 64
KEY_ID_BYTES = 20  # 160 bits, written as 40 lower-case hex digits
FINGERPRINT_GROUPS = 6  # x 4 data characters x 5 bits = 120 bits of the key id
FINGERPRINT_DATA = 4

KEY_ID_LABEL = b"cmlentry key id v1\0"
SELF_SIGNATURE_LABEL = b"cmlentry public key file v1\0"

# What each key of a set is for, as (Ed25519 purpose, X25519 purpose); the names are those of
# the ``workspace_keys.purpose`` column.
PURPOSES: dict[KeyRole, tuple[str, str]] = {
    "site": ("site-signing", "site-archive"),
    "registry": ("registry-signing", "registry-encryption"),
}

_FIELDS = frozenset(
    {"format", "version", "role", "owner", "keys", "key_id", "created_at", "self_signature"}
)
_KEY_FIELDS = frozenset({"ed25519", "x25519"})
_OWNER_FIELDS: dict[KeyRole, frozenset[str]] = {
    "site": frozenset({"country", "centre_code", "centre_name"}),
    "registry": frozenset({"name"}),
}
_MARKER = FORMAT.encode("ascii")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_KEY_ID_RE = re.compile(rf"[0-9a-f]{{{2 * KEY_ID_BYTES}}}")


# --- errors: each names the file, none quotes what the file holds --------------------------------


class KeyFileError(CmlentryError):
    """Base of the refusals of a key file."""

    code = "keys.file"


class NotAKeyFile(KeyFileError):
    code = "keys.not_a_key_file"
    template = (
        "{file} is not a cmlentry public key file. Choose the .cmlkey file you were sent; "
        "nothing was changed."
    )


class KeyFileTooLarge(KeyFileError):
    code = "keys.too_large"
    template = (
        "{file} is larger than a cmlentry public key file can be ({limit} bytes), so it was not "
        "read. Choose the .cmlkey file you were sent; nothing was changed."
    )


class KeyFileDamaged(KeyFileError):
    code = "keys.damaged"
    template = (
        "The key file {file} is damaged ({problem}). Ask its sender for a new copy; nothing "
        "was changed."
    )


class KeyFileUnknownVersion(KeyFileError):
    code = "keys.unknown_version"
    template = (
        "{file} is a key file of version {version}, which this cmlentry does not know. Install "
        "a newer cmlentry or ask the sender for a version {known} file; nothing was changed."
    )


class KeyFileWrongRole(KeyFileError):
    code = "keys.wrong_role"
    template = (
        "{file} holds the keys of a {found}, not of a {expected}. Choose the {expected}'s key "
        "file; nothing was changed."
    )


class KeyFileUnreadable(KeyFileError):
    code = "keys.unreadable"
    template = (
        "cmlentry could not read {file} ({reason}). Check the file's name and that you may read "
        "it; nothing was changed."
    )


# --- owners -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryOwner:
    """Who holds a registry key set: the registry's name as its people say it."""

    name: str


Owner = SiteDetails | RegistryOwner


def owner_label(owner: Owner) -> str:
    """One line naming the owner: ``FR-086 CHU de Test`` or the registry's name."""
    if isinstance(owner, SiteDetails):
        return f"{owner.country}-{owner.centre_code} {owner.centre_name}"
    return owner.name


def _owner_json(owner: Owner) -> dict[str, str]:
    if isinstance(owner, SiteDetails):
        return {
            "country": owner.country,
            "centre_code": owner.centre_code,
            "centre_name": owner.centre_name,
        }
    return {"name": owner.name}


def _role_of(owner: Owner) -> KeyRole:
    return "site" if isinstance(owner, SiteDetails) else "registry"


# --- ids and fingerprints ---------------------------------------------------------------------


def key_id(role: KeyRole, ed25519_public: bytes, x25519_public: bytes) -> str:
    """The id of a key set: SHA-256 over a label, the role and both raw public keys, 160 bits.

    The role is inside, so a site's and a registry's sets never share an id, and both keys are,
    so neither can be swapped without the id changing.
    """
    digest = hashlib.sha256(
        KEY_ID_LABEL + role.encode("ascii") + b"\0" + ed25519_public + x25519_public
    ).digest()
    return digest[:KEY_ID_BYTES].hex()


def fingerprint(set_key_id: str) -> str:
    """The key id in a form read aloud: ``7KQ2M 0XH4D …``, six groups of five characters.

    Each group is four Crockford base-32 characters (120 bits in all) and a check character over
    the group's number and its data — the same check as the recovery key's groups, so a misheard
    character or a group read in the wrong place shows as a mismatch.
    """
    if not _KEY_ID_RE.fullmatch(set_key_id):
        raise ValueError("a key id is 40 lower-case hex digits")
    length = FINGERPRINT_GROUPS * FINGERPRINT_DATA
    value = int(set_key_id, 16) >> (4 * len(set_key_id) - 5 * length)
    chars = "".join(CROCKFORD32[(value >> (5 * (length - 1 - i))) & 31] for i in range(length))
    groups = [chars[i : i + FINGERPRINT_DATA] for i in range(0, length, FINGERPRINT_DATA)]
    return " ".join(group + _group_check(index, group) for index, group in enumerate(groups))


def key_time(moment: datetime) -> str:
    """A key file's time stamp: UTC to the second, ``2026-11-21T09:00:00Z``."""
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


# --- key sets -----------------------------------------------------------------------------------


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKeySet:
    """The public half of a key set, as a key file carries it (read with :func:`read_key_file`)."""

    role: KeyRole
    owner: Owner
    ed25519: bytes = field(repr=False)
    x25519: bytes = field(repr=False)
    created_at: str

    @property
    def key_id(self) -> str:
        return key_id(self.role, self.ed25519, self.x25519)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    @property
    def owner_label(self) -> str:
        return owner_label(self.owner)

    @property
    def purposes(self) -> tuple[str, str]:
        """What the Ed25519 and the X25519 key are for, in that order."""
        return PURPOSES[self.role]

    def signing_key(self) -> Ed25519PublicKey:
        """The Ed25519 key: a site's batch signatures, a registry's acknowledgements."""
        return Ed25519PublicKey.from_public_bytes(self.ed25519)

    def encryption_key(self) -> X25519PublicKey:
        """The X25519 key batches are encrypted to (a registry's, or a site's archive key)."""
        return X25519PublicKey.from_public_bytes(self.x25519)


class KeyPairs:
    """A whole key set, private halves included. Lives in memory only as long as it is used.

    The private halves leave this object only through :meth:`private_halves`, for the encrypted
    workspace database; ``repr`` shows the role and the key id, never key bytes.
    """

    def __init__(
        self, role: KeyRole, signing: Ed25519PrivateKey, agreement: X25519PrivateKey
    ) -> None:
        self.role: KeyRole = role
        self.signing = signing
        self.agreement = agreement

    @classmethod
    def generate(cls, role: KeyRole) -> KeyPairs:
        return cls(role, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_private_halves(cls, role: KeyRole, ed25519: bytes, x25519: bytes) -> KeyPairs:
        """Rebuild a set from its two raw 32-byte private keys (ValueError if malformed)."""
        if len(ed25519) != RAW_KEY_BYTES or len(x25519) != RAW_KEY_BYTES:
            raise ValueError("a private key is 32 bytes")
        return cls(
            role,
            Ed25519PrivateKey.from_private_bytes(ed25519),
            X25519PrivateKey.from_private_bytes(x25519),
        )

    def private_halves(self) -> tuple[bytes, bytes]:
        """The raw Ed25519 and X25519 private keys, for the encrypted database and nowhere else."""
        return (
            self.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
            self.agreement.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
        )

    @property
    def ed25519_public(self) -> bytes:
        return _raw_public(self.signing.public_key())

    @property
    def x25519_public(self) -> bytes:
        return _raw_public(self.agreement.public_key())

    @property
    def key_id(self) -> str:
        return key_id(self.role, self.ed25519_public, self.x25519_public)

    def public(self, owner: Owner, created_at: str) -> PublicKeySet:
        if _role_of(owner) != self.role:
            raise ValueError("the owner does not fit the key set's role")
        return PublicKeySet(self.role, owner, self.ed25519_public, self.x25519_public, created_at)

    def key_file(self, owner: Owner, created_at: str) -> bytes:
        """The public key file of this set: canonical bytes with the self-signature.

        Ed25519 signatures are deterministic (RFC 8032), so the same set, owner and time always
        give the same bytes.
        """
        body = _body(self.public(owner, created_at))
        signature = self.signing.sign(SELF_SIGNATURE_LABEL + _canonical(body))
        return _canonical({**body, "self_signature": _b64(signature)}) + b"\n"

    def __repr__(self) -> str:
        return f"KeyPairs(role={self.role!r}, key_id={self.key_id!r})"


def generate_site_keys() -> KeyPairs:
    """A site's new key set: the Ed25519 batch-signing key and the X25519 archive key."""
    return KeyPairs.generate("site")


def generate_registry_keys() -> KeyPairs:
    """A registry's new key set: the X25519 batch-receiving key and the Ed25519 signing key."""
    return KeyPairs.generate("registry")


# --- encoding -----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _canonical(document: dict[str, Any]) -> bytes:
    return canonical.encode(document)


def _body(keys: PublicKeySet) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "role": keys.role,
        "owner": _owner_json(keys.owner),
        "keys": {"ed25519": _b64(keys.ed25519), "x25519": _b64(keys.x25519)},
        "key_id": keys.key_id,
        "created_at": keys.created_at,
    }


# --- reading ------------------------------------------------------------------------------------


def read_key_file(path: Path, *, expected_role: KeyRole | None = None) -> PublicKeySet:
    """Read and check the key file at ``path``; a typed :class:`KeyFileError` on any fault.

    The size is checked before anything is read, and never more than the limit plus one byte is.
    """
    name = str(path)
    try:
        # A folder or a device is no key file; reading a named pipe would wait for ever.
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise NotAKeyFile(file=name)
        if status.st_size > MAX_FILE_BYTES:
            raise KeyFileTooLarge(file=name, limit=MAX_FILE_BYTES)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileUnreadable(file=name, reason="there is no such file") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise KeyFileUnreadable(file=name, reason=reason.lower()) from None
    return parse_key_file(data, name, expected_role=expected_role)


def parse_key_file(data: bytes, file: str, *, expected_role: KeyRole | None = None) -> PublicKeySet:
    """Check the bytes of a key file (named ``file`` in messages) and return its public keys.

    Raises:
        KeyFileTooLarge: more than :data:`MAX_FILE_BYTES`.
        NotAKeyFile: not a cmlentry key file at all.
        KeyFileUnknownVersion: a key file of a version this program does not know.
        KeyFileDamaged: a key file with anything wrong in it.
        KeyFileWrongRole: a sound key file of the other role than ``expected_role``.
    """
    if len(data) > MAX_FILE_BYTES:
        raise KeyFileTooLarge(file=file, limit=MAX_FILE_BYTES)
    reader = _Reader(file, looks_like_key_file=_MARKER in data)
    document = reader.document(data)
    keys = reader.key_set(document)
    expected = data.endswith(b"\n") and data[:-1] == _canonical(document)
    if not expected:
        reader.damaged("it is not in the one canonical form: it was edited or re-saved")
    if expected_role is not None and keys.role != expected_role:
        raise KeyFileWrongRole(file=file, found=keys.role, expected=expected_role)
    return keys


class _Reader:
    """The checks of one file, in order; each failure names the file and what is wrong."""

    def __init__(self, file: str, *, looks_like_key_file: bool) -> None:
        self.file = file
        self.looks_like_key_file = looks_like_key_file

    def damaged(self, problem: str) -> NoReturn:
        # A file without the format marker anywhere was never a key file: say so, rather than
        # calling a photo "damaged".
        if not self.looks_like_key_file:
            raise NotAKeyFile(file=self.file)
        raise KeyFileDamaged(file=self.file, problem=problem)

    # --- syntax -------------------------------------------------------------------------------

    def document(self, data: bytes) -> dict[str, Any]:
        try:
            document = canonical.parse(data, max_depth=3)
        except canonical.Refused as exc:
            self.damaged(exc.problem)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise NotAKeyFile(file=self.file)
        self.looks_like_key_file = True  # even if the marker was written with escapes
        return document

    # --- fields -------------------------------------------------------------------------------

    def key_set(self, document: dict[str, Any]) -> PublicKeySet:
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            self.damaged("the field version is not valid")
        if not 0 <= version < 1_000_000:
            self.damaged("the field version is not valid")
        if version != VERSION:
            raise KeyFileUnknownVersion(file=self.file, version=version, known=VERSION)
        self.exact_fields(document, _FIELDS, "")
        role = document["role"]
        if role not in ROLES:
            self.damaged("the field role is not valid")
        owner = self.owner(role, document["owner"])
        keys = document["keys"]
        if not isinstance(keys, dict):
            self.damaged("the field keys is not valid")
        self.exact_fields(keys, _KEY_FIELDS, "keys.")
        ed25519 = self.b64(keys["ed25519"], RAW_KEY_BYTES, "keys.ed25519")
        x25519 = self.b64(keys["x25519"], RAW_KEY_BYTES, "keys.x25519")
        created_at = self.time(document["created_at"])
        stated_id = document["key_id"]
        if not isinstance(stated_id, str) or not _KEY_ID_RE.fullmatch(stated_id):
            self.damaged("the field key_id is not valid")
        signature = self.b64(document["self_signature"], SIGNATURE_BYTES, "self_signature")
        found = PublicKeySet(role, owner, ed25519, x25519, created_at)
        if found.key_id != stated_id:
            self.damaged("its key id does not match its keys")
        self.usable(found)
        body = {name: value for name, value in document.items() if name != "self_signature"}
        try:
            found.signing_key().verify(signature, SELF_SIGNATURE_LABEL + _canonical(body))
        except InvalidSignature:
            self.damaged("its self-signature does not match its content")
        return found

    def exact_fields(self, mapping: dict[str, Any], expected: frozenset[str], prefix: str) -> None:
        missing = sorted(expected - mapping.keys())
        if missing:
            self.damaged(f"the field {prefix}{missing[0]} is missing")
        if mapping.keys() - expected:
            # Not named: the name comes from the file and could be anything.
            self.damaged("it has a field this version does not know")

    def owner(self, role: KeyRole, value: object) -> Owner:
        if not isinstance(value, dict):
            self.damaged("the field owner is not valid")
        self.exact_fields(value, _OWNER_FIELDS[role], "owner.")
        for name in sorted(value):
            self.text(value[name], f"owner.{name}")
        if role == "registry":
            name = value["name"]
            if name != " ".join(name.split()):
                self.damaged("the field owner.name is not valid")
            return RegistryOwner(name)
        try:
            site = SiteDetails.checked(value["country"], value["centre_code"], value["centre_name"])
        except InvalidInput:
            self.damaged("the field owner is not valid")
        if _owner_json(site) != value:  # canonical: no spaces or lower case left to tidy
            self.damaged("the field owner is not valid")
        return site

    def text(self, value: object, name: str) -> str:
        if not isinstance(value, str) or not value:
            self.damaged(f"the field {name} is not valid")
        if len(value) > MAX_TEXT:
            self.damaged(f"the field {name} is too long")
        # Control and format characters (a right-to-left override, say) could make a name read
        # as another one; a name must also be in the one Unicode form (NFC).
        if any(unicodedata.category(ch)[0] == "C" for ch in value) or value != (
            unicodedata.normalize("NFC", value)
        ):
            self.damaged(f"the field {name} is not valid")
        return value

    def b64(self, value: object, size: int, name: str) -> bytes:
        if not isinstance(value, str) or len(value) != 4 * ((size + 2) // 3):
            self.damaged(f"the field {name} is not valid")
        try:
            raw = base64.b64decode(value.encode("ascii"), validate=True)
        except (UnicodeEncodeError, ValueError):
            self.damaged(f"the field {name} is not valid")
        if len(raw) != size or _b64(raw) != value:
            self.damaged(f"the field {name} is not valid")
        return raw

    def time(self, value: object) -> str:
        if not isinstance(value, str) or not _TIME_RE.fullmatch(value):
            self.damaged("the field created_at is not valid")
        try:
            datetime.strptime(value, _TIME_FORMAT)
        except ValueError:
            self.damaged("the field created_at is not valid")
        return value

    def usable(self, keys: PublicKeySet) -> None:
        """Refuse an X25519 key of low order (all zeros, say): nothing could be sent to it."""
        try:
            X25519PrivateKey.generate().exchange(keys.encryption_key())
            keys.signing_key()
        except ValueError:
            self.damaged("one of its keys is not a usable key")
