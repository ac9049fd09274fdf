"""The signed, encrypted container of batch and acknowledgement files (docs/batch-format.md).

Pure bytes in, bytes out: nothing here knows a database, a case or ODM. :func:`seal` makes a
file; reading is split into the steps of the verification order so the importer can check the
sequence and chain (step 6) between the payload hash and the decryption:

1–2. :func:`read_preamble` — size, magic, kind, version, flags, lengths, exact total size;
3.   :func:`verify_signature` — the sender's key as the *verifier* trusts it, recipient, Ed25519;
4–5. :func:`parse_header` — strict canonical header, every field, then the ciphertext hash;
7.   :func:`decrypt` — the sealed file key, the AEAD, bounded inflate, the plaintext hash.

Every refusal is a :class:`BatchRefused` subclass naming the file and never quoting its content.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from cmlentry.crypto import canonical
from cmlentry.crypto.container_errors import (
    BadSignature,
    BatchTooLarge,
    BatchUnreadable,
    DecryptionFailed,
    HeaderInvalid,
    HeaderNotCanonical,
    HeaderTooLarge,
    KeyRevoked,
    NotABatch,
    NotForThisRecipient,
    PayloadHashMismatch,
    PayloadTooLarge,
    SiteMismatch,
    TrailingData,
    Truncated,
    UnknownCriticalFlag,
    UnknownSenderKey,
    UnsupportedFormat,
    WrongFileKind,
    WrongRecipient,
)
from cmlentry.crypto.container_header import (
    CONTENT_TYPES,
    LABELS,
    MAX_FILE,
    MAX_PLAINTEXT,
    MAX_RECORDS,
    ZERO_HASH,
    HeaderCheck,
    Kind,
)

# The limits and the chain's first link, for callers of this module (docs/batch-format.md §8).
__all__ = [
    "CONTENT_TYPES",
    "LABELS",
    "MAX_FILE",
    "MAX_HEADER",
    "MAX_PLAINTEXT",
    "MAX_RECORDS",
    "ZERO_HASH",
    "Header",
    "Kind",
    "Preamble",
    "Recipient",
    "TrustedKey",
    "decrypt",
    "parse_header",
    "read_file",
    "read_preamble",
    "seal",
    "sha256_hex",
    "verify_signature",
]

MAGIC = b"CMLENTRY"
VERSION = 1
KIND_BYTES: dict[Kind, int] = {"batch": 1, "ack": 2}
PREAMBLE = struct.Struct(">8sBBHIQ20s20s64s")  # 128 bytes
SIGNED_PREAMBLE = 64  # magic ... recipient key id: everything before the signature

MAX_HEADER = 4 * 1024 * 1024
MAX_DEPTH = 5
MIN_CIPHERTEXT = 16  # the Poly1305 tag alone

_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_ZERO_NONCE = bytes(12)


def _label(kind: Kind, purpose: str) -> bytes:
    return f"cmlentry/v1/{kind}-{purpose}".encode("ascii")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- what the parts are -------------------------------------------------------------------------


@dataclass(frozen=True)
class Preamble:
    kind: Kind
    header_length: int
    ciphertext_length: int
    sender_key_id: str
    recipient_key_id: str
    signature: bytes


@dataclass(frozen=True)
class TrustedKey:
    """A sender key as the verifier already knows it (never one carried in the file).

    ``owner`` is the site code the key is registered for ("FR-086") or "registry".
    """

    key_id: str
    owner: str
    signing_key: Ed25519PublicKey
    revoked: bool = False


@dataclass(frozen=True)
class Recipient:
    key_id: str
    public_key: X25519PublicKey


@dataclass(frozen=True)
class Header:
    """A verified header: its fields as parsed, and the file's hash."""

    kind: Kind
    fields: dict[str, Any]
    file_sha256: str
    ciphertext: bytes

    @property
    def site(self) -> str:
        return str(self.fields["site"])

    def binding(self) -> bytes:
        """What the sealed file keys are bound to: the site and the batch's number."""
        return _binding(self.site, _number(self.kind, self.fields))


def _number(kind: Kind, fields: dict[str, Any]) -> int:
    """The batch a file is about: its own sequence, or the one an acknowledgement answers."""
    return int(fields["sequence"] if kind == "batch" else fields["batch"]["sequence"])


def _binding(site: str, number: int) -> bytes:
    return b"\0" + site.encode("ascii") + b"\0" + str(number).encode("ascii")


# --- making a file ------------------------------------------------------------------------------


def seal(
    kind: Kind,
    fields: dict[str, Any],
    payload: bytes,
    *,
    signer: Ed25519PrivateKey,
    sender_key_id: str,
    recipient_key_id: str,
    recipients: Sequence[Recipient],
) -> bytes:
    """The whole file for ``payload`` under the header ``fields``.

    ``fields`` are the kind's header fields except ``label``, the two key ids, ``payload`` and
    ``recipients``, which are filled in here. ``recipients`` are the key sets the file key is
    sealed to, in order (a batch: the registry, then the site's own archive key).
    """
    binding = _binding(str(fields["site"]), _number(kind, fields))
    file_key = os.urandom(32)
    compressed = zlib.compress(payload, 6)
    ciphertext = ChaCha20Poly1305(file_key).encrypt(
        _ZERO_NONCE, compressed, _label(kind, "payload")
    )
    sealed = [
        {
            "key_id": r.key_id,
            "sealed_file_key": base64.b64encode(
                _HPKE.encrypt(file_key, r.public_key, info=_label(kind, "file-key") + binding)
            ).decode("ascii"),
        }
        for r in recipients
    ]
    header = {
        **fields,
        "label": LABELS[kind],
        "sender_key_id": sender_key_id,
        "recipient_key_id": recipient_key_id,
        "payload": {
            "content_type": CONTENT_TYPES[kind],
            "compression": "deflate",
            "plaintext_length": len(payload),
            "plaintext_sha256": sha256_hex(payload),
            "ciphertext_length": len(ciphertext),
            "ciphertext_sha256": sha256_hex(ciphertext),
        },
        "recipients": sealed,
    }
    header_bytes = canonical.encode(header)
    signed_preamble = PREAMBLE.pack(
        MAGIC,
        KIND_BYTES[kind],
        VERSION,
        0,
        len(header_bytes),
        len(ciphertext),
        bytes.fromhex(sender_key_id),
        bytes.fromhex(recipient_key_id),
        bytes(64),
    )[:SIGNED_PREAMBLE]
    signature = signer.sign(_signed_message(kind, signed_preamble, header_bytes))
    return signed_preamble + signature + header_bytes + ciphertext


def _signed_message(kind: Kind, signed_preamble: bytes, header: bytes) -> bytes:
    return (
        _label(kind, "signature")
        + struct.pack(">Q", len(signed_preamble))
        + signed_preamble
        + struct.pack(">Q", len(header))
        + header
    )


# --- reading a file, step by step ---------------------------------------------------------------


def read_file(path: Path, *, limit: int = MAX_FILE) -> bytes:
    """A batch or acknowledgement file's bytes, its size checked with ``stat`` before reading.

    Never more than ``limit`` + 1 bytes are read; a folder or a device is no batch (reading a
    named pipe would wait for ever).
    """
    name = path.name
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise NotABatch(file=name)
        if status.st_size > limit:
            raise BatchTooLarge(file=name, limit_mib=limit // (1024 * 1024))
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise BatchUnreadable(file=name, reason=reason) from None


def read_preamble(data: bytes, *, kind: Kind, file: str) -> Preamble:
    """Steps 1–2: size, magic, kind, version, flags, lengths and the exact size of the file."""
    if len(data) > MAX_FILE:
        raise BatchTooLarge(file=file, limit_mib=MAX_FILE // (1024 * 1024))
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise NotABatch(file=file)
    if len(data) < PREAMBLE.size:
        raise Truncated(file=file)
    _magic, kind_byte, version, flags, h_len, c_len, sender, recipient, signature = (
        PREAMBLE.unpack_from(data)
    )
    kinds = {v: k for k, v in KIND_BYTES.items()}
    found = kinds.get(kind_byte)
    if found is None:
        raise NotABatch(file=file)
    if found != kind:
        raise WrongFileKind(file=file, expected=_SUFFIXES[kind])
    if version != VERSION:
        raise UnsupportedFormat(file=file, version=version, known=VERSION)
    if flags != 0:
        raise UnknownCriticalFlag(file=file)
    if h_len > MAX_HEADER:
        raise HeaderTooLarge(file=file, limit_kib=MAX_HEADER // 1024)
    if h_len < 2 or c_len < MIN_CIPHERTEXT:
        raise HeaderInvalid(file=file, problem="the lengths in its first bytes are impossible")
    expected = PREAMBLE.size + h_len + c_len
    if len(data) < expected:
        raise Truncated(file=file)
    if len(data) > expected:
        raise TrailingData(file=file)
    return Preamble(found, h_len, c_len, sender.hex(), recipient.hex(), signature)


def verify_signature(
    data: bytes,
    preamble: Preamble,
    *,
    trusted: Callable[[str], TrustedKey | None],
    recipient_key_id: str,
    file: str,
) -> TrustedKey:
    """Step 3: the sender key must be one the verifier trusts; the file must be for us."""
    key = trusted(preamble.sender_key_id)
    if key is None:
        raise UnknownSenderKey(file=file)
    if key.revoked:
        raise KeyRevoked(file=file, owner=key.owner)
    if preamble.recipient_key_id != recipient_key_id:
        raise WrongRecipient(file=file)
    header = data[PREAMBLE.size : PREAMBLE.size + preamble.header_length]
    message = _signed_message(preamble.kind, data[:SIGNED_PREAMBLE], header)
    try:
        key.signing_key.verify(preamble.signature, message)
    except InvalidSignature:
        raise BadSignature(file=file, owner=key.owner) from None
    return key


def parse_header(data: bytes, preamble: Preamble, key: TrustedKey, *, file: str) -> Header:
    """Steps 4–5: the strict header, its agreement with the preamble and key, the payload hash."""
    raw = data[PREAMBLE.size : PREAMBLE.size + preamble.header_length]
    try:
        fields = canonical.parse(raw, max_depth=MAX_DEPTH)
    except canonical.Refused as exc:
        raise HeaderNotCanonical(file=file, problem=exc.problem) from None
    if canonical.encode(fields) != raw:
        raise HeaderNotCanonical(file=file, problem="it is not in the one canonical form")
    HeaderCheck(file).check(preamble.kind, fields)
    if fields["sender_key_id"] != preamble.sender_key_id:
        raise HeaderInvalid(file=file, problem="sender_key_id differs from the file's first bytes")
    if fields["recipient_key_id"] != preamble.recipient_key_id:
        raise HeaderInvalid(
            file=file, problem="recipient_key_id differs from the file's first bytes"
        )
    if key.owner not in ("registry", fields["site"]):
        raise SiteMismatch(file=file, site=fields["site"], owner=key.owner)
    # A batch's second file key is the site's own archive key (format §2), so the site can
    # read what it sent; whether the first is ours is the decryption's question (step 7).
    if preamble.kind == "batch" and fields["recipients"][1]["key_id"] != fields["sender_key_id"]:
        raise HeaderInvalid(
            file=file, problem="the second recipient is not the sender's own archive key"
        )
    ciphertext = data[PREAMBLE.size + preamble.header_length :]
    payload = fields["payload"]
    if payload["ciphertext_length"] != len(ciphertext):
        raise PayloadHashMismatch(file=file)
    if sha256_hex(ciphertext) != payload["ciphertext_sha256"]:
        raise PayloadHashMismatch(file=file)
    return Header(preamble.kind, fields, sha256_hex(data), ciphertext)


def decrypt(header: Header, *, key_id: str, private_key: X25519PrivateKey, file: str) -> bytes:
    """Step 7: open our sealed file key, the payload, inflate it within the signed length."""
    stanza = next((r for r in header.fields["recipients"] if r["key_id"] == key_id), None)
    if stanza is None:
        raise NotForThisRecipient(file=file)
    sealed = base64.b64decode(stanza["sealed_file_key"])
    try:
        file_key = _HPKE.decrypt(
            sealed, private_key, info=_label(header.kind, "file-key") + header.binding()
        )
        compressed = ChaCha20Poly1305(file_key).decrypt(
            _ZERO_NONCE, header.ciphertext, _label(header.kind, "payload")
        )
    except (InvalidTag, ValueError):
        raise DecryptionFailed(file=file) from None
    payload = header.fields["payload"]
    plaintext = _inflate(compressed, payload["plaintext_length"], file)
    if sha256_hex(plaintext) != payload["plaintext_sha256"]:
        raise PayloadHashMismatch(file=file)
    return plaintext


def _inflate(compressed: bytes, length: int, file: str) -> bytes:
    """Inflate never beyond ``length`` bytes: a zip bomb stops at the limit, not at the end."""
    inflater = zlib.decompressobj()
    try:
        plaintext = inflater.decompress(compressed, length + 1)
    except zlib.error:
        raise DecryptionFailed(file=file) from None
    if len(plaintext) > length or inflater.unconsumed_tail:
        raise PayloadTooLarge(file=file)
    if not inflater.eof or inflater.unused_data or len(plaintext) != length:
        raise PayloadHashMismatch(file=file)
    return plaintext


_SUFFIXES: dict[Kind, str] = {"batch": ".cmlbatch", "ack": ".cmlack"}
