"""The single-fault batch files of the registry importer's test kit (docs/batch-test-kit.md).

Each :class:`Vector` is one valid batch made by the real exporter with exactly one thing wrong
(made with the tools of :mod:`tests.harness.batch_forge`, re-signed with the site's real key
when the fault lies behind the signature), the registry situation it needs, and the one typed
refusal ``docs/batch-format.md`` §6 names for it. :data:`VECTORS` lists them in the order of
verification; :data:`CONTROLS` are files made by the same tools with nothing wrong, which must
be imported. Each :class:`CaseVector` is a sound batch, sealed and listed consistently, one of
whose cases carries a PI signature that does not hold for its data: the batch is imported and
that case alone rejected (§7). ``python -m tests.harness.batch_vectors`` prints the kit page's
tables.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmlentry.crypto.container_errors import (
    BadSignature,
    BatchRefused,
    BatchTooLarge,
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
from cmlentry.services.batches.odm_errors import PayloadInvalid, PayloadUnsafe
from cmlentry.services.batches.odm_extension import CML_NS
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.record import record_sha256
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.registry.errors import (
    AlreadyImported,
    ChainBroken,
    PayloadMismatch,
    RecordHashMismatch,
    SequenceFork,
    SequenceGap,
    SequenceRollback,
    UnknownFormDefinition,
)
from tests.harness.batch_forge import (
    ACK_SIG_LABEL,
    MAX_FILE,
    MAX_HEADER,
    MAX_PLAINTEXT,
    SIGNED_IN_BATCH_1,
    SITUATIONS,
    ZEROS,
    Edit,
    Kit,
    Parts,
    Situation,
    add_field,
    assemble,
    b64,
    binding,
    canonical,
    copy_subject,
    deflate,
    drop_field,
    first,
    flip,
    forge,
    odm_bytes,
    odm_tree,
    oversized,
    reheader,
    replace_once,
    resign,
    set_field,
    sha256,
    special_file,
    subjects,
    tag,
    with_doctype,
    wrong_type,
    x25519,
    zip_bomb,
)

Build = Callable[[Kit], "bytes | Path"]
Tree = Callable[[ET.Element], None]


@dataclass(frozen=True)
class Vector:
    """One file with one fault, the registry situation it meets, and the refusal expected."""

    name: str
    wrong: str
    expected: type[BatchRefused]
    build: Build = field(repr=False, compare=False)
    situation: Situation = "fresh"
    bug: str | None = None  # a known defect of the importer: the test is xfail(strict=True)
    names: str | None = None  # a HeaderInvalid's problem must name this field


VECTORS: list[Vector] = []


def vec(
    name: str,
    wrong: str,
    expected: type[BatchRefused],
    build: Build,
    situation: Situation = "fresh",
    bug: str | None = None,
    names: str | None = None,
) -> None:
    VECTORS.append(Vector(name, wrong, expected, build, situation, bug, names))


def stem(path: str) -> str:
    """How a problem names the field at ``path``: "manifest.records.0" -> "record"."""
    return next(k for k in reversed(path.split(".")) if not k.isdigit()).removesuffix("s")


# --- building blocks ----------------------------------------------------------------------------


def batch(n: int) -> Build:
    return lambda kit: kit.batches[n]


def pre(**fields: Any) -> Build:
    """Batch 1 with preamble fields changed (a callable is given the kit), signed again."""
    return lambda kit: resign(
        kit.batches[1], kit, **{k: v(kit) if callable(v) else v for k, v in fields.items()}
    )


def hdr(edit: Edit | None = None, n: int = 1) -> Build:
    """Batch ``n`` with its header edited, signed again."""
    return lambda kit: reheader(kit, edit, n=n)


def hdr_raw(edit: Callable[[bytes], bytes]) -> Build:
    """Batch 1 with its header edited as bytes, signed again."""
    return lambda kit: reheader(kit, raw=edit(canonical(kit.header())))


def sealed(**knobs: Any) -> Build:
    """Batch 1 sealed anew with one knob of :func:`forge` turned."""
    return lambda kit: forge(kit, **knobs)


def odm(edit: Tree, n: int = 1) -> Build:
    """Batch ``n`` with its ODM edited as a tree, sealed anew."""

    def build(kit: Kit) -> bytes:
        root = odm_tree(kit.plaintext(n))
        edit(root)
        return forge(kit, odm_bytes(root), n=n)

    return build


def odm_raw(edit: Callable[[bytes], bytes]) -> Build:
    return lambda kit: forge(kit, edit(kit.plaintext()))


def attr(name: str, key: str, value: str | None, **where: str) -> Tree:
    """Set (or, with None, remove) attribute ``key`` of the first ``name`` element."""

    def edit(root: ET.Element) -> None:
        elem = first(root, name, **where)
        if value is None:
            del elem.attrib[key]
        else:
            elem.set(key, value)

    return edit


def sig(edit: Callable[[bytes], bytes]) -> Build:
    """Batch 1 with its signature bytes edited."""
    return lambda kit: kit.batches[1][:64] + edit(kit.batches[1][64:128]) + kit.batches[1][128:]


def cut_at(cut: Callable[[Kit], int]) -> Build:
    return lambda kit: kit.batches[1][: cut(kit)]


def appended(tail: bytes) -> Build:
    return lambda kit: kit.batches[1] + tail


def flipped(at: int) -> Callable[[bytes], bytes]:
    return lambda data: flip(data, at)


def replaced_by(raw: bytes) -> Callable[[bytes], bytes]:
    return lambda _header: raw


def header_len(kit: Kit) -> int:
    return len(Parts.of(kit.batches[1]).header)


def cipher_len(kit: Kit) -> int:
    return len(Parts.of(kit.batches[1]).ciphertext)


def number(name: str, value: bytes) -> Callable[[bytes], bytes]:
    """The number of header field ``name`` written as ``value`` (any spelling)."""

    def edit(header: bytes) -> bytes:
        start = header.index(b'"' + name.encode() + b'":') + len(name) + 3
        end = start
        while header[end : end + 1] in b"-0123456789":
            end += 1
        return header[:start] + value + header[end:]

    return edit


def json_with(**dumps: Any) -> Callable[[bytes], bytes]:
    """The header written again by ``json.dumps`` with these options."""
    return lambda h: json.dumps(json.loads(h), **dumps).encode()


def reversed_keys(path: str) -> Callable[[bytes], bytes]:
    """The object at ``path`` ("" the header) written with its keys in reverse order."""

    def edit(h: bytes) -> bytes:
        document = json.loads(h)
        node = document if not path else document[path]
        text = json.dumps(dict(reversed(node.items())), separators=(",", ":"))
        return canonical(document).replace(canonical(node), text.encode(), 1)

    return edit


def _sequence(sequence: int, previous: Callable[[Kit], str]) -> Build:
    """Batch 2's content sealed as ``sequence`` after ``previous``."""

    def build(kit: Kit) -> bytes:
        edit = {"sequence": sequence, "previous_batch_sha256": previous(kit)}
        return forge(kit, n=2, fields=lambda fields: fields.update(edit))

    return build


def _s_plus_l(signature: bytes) -> bytes:
    """The same Ed25519 signature with S + L: a second encoding a lax verifier accepts."""
    order = 2**252 + 27742317777372353535851937790883648493
    s = int.from_bytes(signature[32:], "little") + order
    return signature[:32] + s.to_bytes(32, "little")


def _header_only(kit: Kit) -> bytes:
    data = kit.batches[1]
    return data[:64] + kit.site.signing.sign(Parts.of(data).header) + data[128:]


def _ciphertext_of_2(kit: Kit) -> bytes:
    other = Parts.of(kit.batches[2]).ciphertext
    head = kit.batches[1][: 128 + header_len(kit)]
    return resign(head + other, kit, c_len=len(other))


def _ciphertext_resigned(kit: Kit) -> bytes:
    """A ciphertext bit flipped and the header's hash of it signed again: the AEAD refuses."""
    p = Parts.of(kit.batches[1])
    ciphertext = flip(p.ciphertext, 20)
    header = kit.header()
    header["payload"]["ciphertext_sha256"] = sha256(ciphertext)
    signer = kit.site.signing
    return assemble(
        canonical(header), ciphertext, signer=signer, sender=p.sender, recipient=p.recipient
    )


STORED_INT_LIMIT = 2**31 - 1
"""The largest revision (and sequence) a batch may carry: the registry's columns for them are
32-bit integers on PostgreSQL (docs/batch-format.md §8)."""


def _revision_at_the_limit(fields: dict[str, Any]) -> None:
    """The first case at revision 2^31 - 1, changed from 2^31 - 2: the largest numbers allowed."""
    fields["manifest"]["records"][0].update(
        revision=STORED_INT_LIMIT, base_revision=STORED_INT_LIMIT - 1
    )


def _many_records(header: dict[str, Any]) -> None:
    record = header["manifest"]["records"][0]
    records = [{**record, "id": f"FR-086-{i:06d}-A"} for i in range(20_001)]
    header["manifest"].update(records=records, record_count=len(records))


def _swap_hashes(fields: dict[str, Any]) -> None:
    records = fields["manifest"]["records"]
    records[0]["sha256"], records[1]["sha256"] = records[1]["sha256"], records[0]["sha256"]


def _unicode_version(h: bytes) -> bytes:
    document = json.loads(h)
    document["versions"]["application"] = "0.1.0-\u00e9"
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def _upper(value: str) -> str:
    return value.upper()


def _flip_sex(root: ET.Element) -> None:
    item = first(root, "ItemData", ItemOID="I.sex")
    item.set("Value", "F" if item.get("Value") == "M" else "M")


def _change_override(root: ET.Element) -> None:
    comment = first(root, "Comment")
    comment.text = (comment.text or "") + " (changed)"


def _change_case_status(root: ET.Element) -> None:
    flag = first(root, "FlagValue", CodeListOID="CL.CASE_STATUS")
    flag.text = "signed" if flag.text != "signed" else "complete"


def _drop_answer(root: ET.Element) -> None:
    row = next(g for g in root.iter(tag("ItemGroupData")) if len(g) > 1)
    row.remove(row.findall(tag("ItemData"))[-1])


def _drop_subject(root: ET.Element) -> None:
    clinical, found = subjects(root)
    clinical.remove(found[-1])


def _swap_subjects(root: ET.Element) -> None:
    clinical, found = subjects(root)
    for subject in found:
        clinical.remove(subject)
    clinical.extend(reversed(found))


def _repeat_subject(root: ET.Element) -> None:
    clinical, found = subjects(root)
    clinical.append(copy.deepcopy(found[0]))


def _rename_location(root: ET.Element) -> None:
    for elem in root.iter():
        for key in ("OID", "LocationOID"):
            if elem.get(key) == "LOC.FR-086":
                elem.set(key, "LOC.DE-012")


def _xinclude(root: ET.Element) -> None:
    include = root.makeelement("{http://www.w3.org/2001/XInclude}include", {"href": "/etc/passwd"})
    first(root, "SubjectData").append(include)


def _no_location(root: ET.Element) -> None:
    first(root, "AdminData").remove(first(root, "Location"))


def _text_in_row(root: ET.Element) -> None:
    first(root, "ItemGroupData").text = "x"


def _add_subject_of_2(kit: Kit) -> bytes | Path:
    return odm(copy_subject(kit.plaintext(2)))(kit)


LAUGHS = (
    b'<!DOCTYPE ODM [<!ENTITY l0 "lol">'
    + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    + b'<!ENTITY e "&l9;">]>'
)
ODM_NS = b"http://www.cdisc.org/ns/odm/v1.3"
SOURCE = b'SourceSystem="cmlentry"'

# --- the vectors, in the order of verification (docs/batch-format.md §6) -----------------------
# fmt: off

# 1 size
vec("size.oversized", "a sparse file of 256 MiB + 1 byte", BatchTooLarge, oversized)
vec("size.empty", "an empty file", NotABatch, lambda kit: b"")
vec("size.text", "a text file", NotABatch, lambda kit: b"site;case\nFR-086;1\n" * 20)
vec("size.zip", "a zip file (an xlsx)", NotABatch, lambda kit: b"PK\x03\x04" + bytes(300))
vec("size.folder", "a folder named like a batch", NotABatch, special_file("folder"))
vec("size.fifo", "a named pipe (reading it would wait for ever)", NotABatch, special_file("fifo"))

# 2 preamble: each field wrong, signed again so that only the field is wrong
for magic in (b"cmlentry", b"CMLENTRX", bytes(8), b"<?xml ve"):
    vec(f"preamble.magic.{magic.hex()}", f"magic {magic!r}", NotABatch, pre(magic=magic))
vec("preamble.kind.ack_file", "a real acknowledgement file given as a batch", WrongFileKind,
    lambda kit: kit.acks[1], "imported_1")
vec("preamble.kind.2", "kind byte 2, signed as an acknowledgement", WrongFileKind,
    pre(kind=2, label=ACK_SIG_LABEL))
for kind in (0, 3, 255):
    vec(f"preamble.kind.{kind}", f"kind byte {kind}", NotABatch, pre(kind=kind))
for version, what in ((0, "downgrade to version 0"), (2, "future version 2"), (255, "255")):
    vec(f"preamble.version.{version}", what, UnsupportedFormat, pre(version=version))
for flags in (0x0001, 0x0100, 0x8000, 0xFFFF):
    vec(f"preamble.flags.{flags:04x}", f"flags {flags:#06x}", UnknownCriticalFlag,
        pre(flags=flags))
vec("preamble.h.too_big", "header length 4 MiB + 1", HeaderTooLarge, pre(h_len=MAX_HEADER + 1))
vec("preamble.h.max", "header length 2^32 - 1", HeaderTooLarge, pre(h_len=2**32 - 1))
vec("preamble.h.real_too_big", "a real header of 4 MiB + 1, lengths consistent", HeaderTooLarge,
    lambda kit: reheader(kit, raw=b"{" + b" " * (MAX_HEADER - 1) + b"}"))
vec("preamble.h.0", "header length 0", HeaderInvalid, pre(h_len=0))
vec("preamble.h.1", "header length 1", HeaderInvalid, pre(h_len=1))
vec("preamble.h.plus_1", "header length one too big", Truncated,
    pre(h_len=lambda k: header_len(k) + 1))
vec("preamble.h.minus_1", "header length one too small", TrailingData,
    pre(h_len=lambda k: header_len(k) - 1))
vec("preamble.c.0", "ciphertext length 0", HeaderInvalid, pre(c_len=0))
vec("preamble.c.15", "ciphertext length 15 (less than a tag)", HeaderInvalid, pre(c_len=15))
vec("preamble.c.plus_1", "ciphertext length one too big", Truncated,
    pre(c_len=lambda k: cipher_len(k) + 1))
vec("preamble.c.minus_1", "ciphertext length one too small", TrailingData,
    pre(c_len=lambda k: cipher_len(k) - 1))
vec("preamble.c.max", "ciphertext length 2^64 - 1", Truncated, pre(c_len=2**64 - 1))

# 2 preamble: the exact size
_CUTS: list[tuple[str, Callable[[Kit], int]]] = [
    ("8", lambda k: 8), ("9", lambda k: 9), ("16", lambda k: 16), ("63", lambda k: 63),
    ("64", lambda k: 64), ("100", lambda k: 100), ("127", lambda k: 127),
    ("128_preamble_only", lambda k: 128), ("129", lambda k: 129),
    ("header_half", lambda k: 128 + header_len(k) // 2),
    ("header_minus_1", lambda k: 127 + header_len(k)),
    ("header_only", lambda k: 128 + header_len(k)),
    ("ciphertext_1", lambda k: 129 + header_len(k)),
    ("ciphertext_half", lambda k: 128 + header_len(k) + cipher_len(k) // 2),
    ("tag_missing", lambda k: len(k.batches[1]) - 16),
    ("last_byte", lambda k: len(k.batches[1]) - 1),
]
vec("truncated.4", "cut after byte 4 (inside the magic)", NotABatch,
    lambda kit: kit.batches[1][:4])
for where, cut in _CUTS:
    vec(f"truncated.{where}", f"cut at {where.replace('_', ' ')}", Truncated,
        cut_at(cut))
for where, tail in (("zero", b"\0"), ("newline", b"\n"), ("kib", os.urandom(1024))):
    vec(f"trailing.{where}", f"{len(tail)} byte(s) after the end", TrailingData,
        appended(tail))
vec("trailing.batch_2", "batch 2 appended", TrailingData,
    lambda kit: kit.batches[1] + kit.batches[2])

# 3 signature and keys
for at in (0, 31, 32, 63):
    vec(f"signature.flip_{at}", f"a bit of signature byte {at} flipped", BadSignature,
        sig(flipped(at)))
vec("signature.zeroed", "signature all zeros", BadSignature, sig(lambda s: bytes(64)))
vec("signature.ones", "signature all 0xff", BadSignature, sig(lambda s: b"\xff" * 64))
vec("signature.s_plus_l", "S + L, a malleable second encoding", BadSignature, sig(_s_plus_l))
vec("signature.of_batch_2", "batch 2's signature", BadSignature,
    lambda kit: kit.batches[1][:64] + kit.batches[2][64:128] + kit.batches[1][128:])
vec("signature.ack_label", "signed under the acknowledgement's label", BadSignature,
    pre(label=ACK_SIG_LABEL))
vec("signature.header_only", "signature over the header alone", BadSignature, _header_only)
vec("signature.header_bit", "a header bit flipped after signing", BadSignature,
    lambda kit: flip(kit.batches[1], 128 + header_len(kit) // 2, 1))
vec("signature.header_last", "the header's last byte changed", BadSignature,
    lambda kit: flip(kit.batches[1], 127 + header_len(kit), 2))
vec("signature.other_key", "FR-086's key id, signed by DE-012's registered key", BadSignature,
    pre(signer=lambda k: k.other_site.signing), "other_centre")
vec("keys.sender_id_bit", "a bit of the sender key id flipped", UnknownSenderKey,
    lambda kit: flip(kit.batches[1], 24))
vec("keys.recipient_id_bit", "a bit of the recipient key id flipped", WrongRecipient,
    lambda kit: flip(kit.batches[1], 44))
vec("keys.unregistered", "sealed and signed by a key registered nowhere", UnknownSenderKey,
    lambda kit: forge(kit, signer=kit.stranger))
vec("keys.swapped", "sender and recipient ids swapped", UnknownSenderKey,
    lambda kit: reheader(kit, lambda h: h.update(
        sender_key_id=h["recipient_key_id"], recipient_key_id=h["sender_key_id"]),
        sender=kit.registry_id, recipient=kit.site.key_id))
vec("keys.revoked", "batch 1 as made, its key revoked since", KeyRevoked, batch(1), "revoked")
vec("keys.revoked_new", "a new batch 1 signed by the revoked key", KeyRevoked, forge, "revoked")
vec("keys.other_centre", "signed by DE-012's registered key, site FR-086", SiteMismatch,
    lambda kit: forge(kit, signer=kit.other_site), "other_centre")
vec("keys.unknown_site", "site XX-999 (no such centre), FR-086's key", SiteMismatch,
    hdr(set_field("site", "XX-999")))
vec("keys.site_of_other_centre", "site DE-012 (registered), FR-086's key", SiteMismatch,
    hdr(set_field("site", "DE-012")), "other_centre")
vec("keys.other_registry", "made for another registry", WrongRecipient,
    lambda kit: forge(kit, recipient=kit.other_registry.key_id, stanzas=[
        (kit.other_registry.key_id, x25519(kit.other_registry)),
        (kit.site.key_id, x25519(kit.site))]))
vec("keys.recipient_is_site", "the recipient is the site itself", WrongRecipient,
    lambda kit: forge(kit, recipient=kit.site.key_id))
vec("keys.header_sender", "header sender_key_id not the preamble's", HeaderInvalid,
    lambda kit: reheader(kit, set_field("sender_key_id", kit.stranger.key_id)),
    names="sender_key_id")
vec("keys.header_recipient", "header recipient_key_id not the preamble's", HeaderInvalid,
    lambda kit: reheader(kit, set_field("recipient_key_id", kit.other_registry.key_id)),
    names="recipient_key_id")
vec("keys.header_swapped", "header key ids swapped, the preamble's right", HeaderInvalid,
    hdr(lambda h: h.update(
        sender_key_id=h["recipient_key_id"], recipient_key_id=h["sender_key_id"])),
    names="key_id")

# 4 header: every field missing, of another type, out of range; unknown fields
HEADER_FIELDS = [
    "label", "site", "sender_key_id", "recipient_key_id", "sequence", "previous_batch_sha256",
    "created_at", "versions", "versions.application", "versions.form_definition",
    "versions.sqlcipher", "manifest", "manifest.record_count", "manifest.records",
    "manifest.records.0", "manifest.records.0.id", "manifest.records.0.sha256",
    "manifest.records.0.revision", "manifest.records.0.base_revision",
    "manifest.audit_chain_head", "manifest.audit_chain_head.seq",
    "manifest.audit_chain_head.sha256", "payload", "payload.content_type",
    "payload.compression", "payload.plaintext_length", "payload.plaintext_sha256",
    "payload.ciphertext_length", "payload.ciphertext_sha256", "recipients", "recipients.0",
    "recipients.0.key_id", "recipients.0.sealed_file_key",
]
for path in HEADER_FIELDS:
    vec(f"header.missing.{path}", f"{path} left out", HeaderInvalid, hdr(drop_field(path)),
        names=stem(path))
for path in HEADER_FIELDS:
    vec(f"header.type.{path}", f"{path} of another JSON type", HeaderInvalid,
        hdr(set_field(path, wrong_type)), names=stem(path))
for path in ("", "versions", "manifest", "manifest.records.0", "manifest.audit_chain_head",
             "payload", "recipients.0"):
    vec(f"header.extra.{path or 'top'}", f"an unknown field in {path or 'the header'}",
        HeaderInvalid, hdr(add_field(path)))
vec("header.extra.encryption", 'an unknown "payload.encryption": "none"', HeaderInvalid,
    hdr(add_field("payload", "encryption", "none")))
vec("header.extra.depth_5", "an unknown object field nested 5 deep", HeaderInvalid,
    hdr(add_field("manifest.records.0", "extra", {"a": 1})))
_RANGES: list[tuple[str, str, Any]] = [
    ("sequence.zero", "sequence", 0),
    ("sequence.negative", "sequence", -1),
    ("sequence.2_pow_31", "sequence", 2**31),
    ("sequence.true", "sequence", True),
    ("previous.not_zero_for_1", "previous_batch_sha256", "11" * 32),
    ("previous.63_hex", "previous_batch_sha256", "0" * 63),
    ("previous.upper", "previous_batch_sha256", "AB" * 32),
    ("site.lower", "site", "fr-086"),
    ("site.short", "site", "FR-86"),
    ("site.empty", "site", ""),
    ("site.201_chars", "site", "F" * 201),
    ("sender_key_id.upper", "sender_key_id", _upper),
    ("sender_key_id.39_hex", "sender_key_id", lambda v: v[:39]),
    ("recipient_key_id.41_hex", "recipient_key_id", lambda v: v + "0"),
    ("created_at.offset", "created_at", "2026-11-21T10:00:00+01:00"),
    ("created_at.fraction", "created_at", "2026-11-21T10:00:00.5Z"),
    ("created_at.space", "created_at", "2026-11-21 10:00:00Z"),
    ("application.empty", "versions.application", ""),
    ("application.201_chars", "versions.application", "1" * 201),
    ("sqlcipher.201_chars", "versions.sqlcipher", "4" * 201),
    ("record_count.zero", "manifest.record_count", 0),
    ("record_count.3_for_2", "manifest.record_count", 3),
    ("record_count.20001", "manifest.record_count", 20_001),
    ("record_count.true", "manifest.record_count", True),
    ("record.id.no_check_char", "manifest.records.0.id", "FR-086-0001"),
    ("record.id.lower", "manifest.records.0.id", str.lower),
    ("record.id.201_chars", "manifest.records.0.id", "F" * 201),
    ("record.sha256.63_hex", "manifest.records.0.sha256", lambda v: v[:63]),
    ("record.sha256.upper", "manifest.records.0.sha256", _upper),
    ("record.revision.zero", "manifest.records.0.revision", 0),
    ("record.revision.huge", "manifest.records.0.revision", 2**62 + 1),
    # The store's revision columns are 32-bit on PostgreSQL: one past their largest number.
    ("record.revision.2_pow_31", "manifest.records.0.revision", 2**31),
    ("record.base.zero", "manifest.records.0.base_revision", 0),
    ("record.base.above", "manifest.records.0.base_revision", 2**40),
    ("record.base.2_pow_31", "manifest.records.0.base_revision", 2**31),
    ("audit.seq.negative", "manifest.audit_chain_head.seq", -1),
    ("audit.seq.huge", "manifest.audit_chain_head.seq", 2**62 + 1),
    ("audit.sha256.upper", "manifest.audit_chain_head.sha256", _upper),
    ("plaintext_length.negative", "payload.plaintext_length", -1),
    ("plaintext_length.too_big", "payload.plaintext_length", MAX_PLAINTEXT + 1),
    ("ciphertext_length.negative", "payload.ciphertext_length", -1),
    ("ciphertext_length.too_big", "payload.ciphertext_length", MAX_FILE + 1),
    ("plaintext_sha256.63_hex", "payload.plaintext_sha256", lambda v: v[:63]),
    ("ciphertext_sha256.upper", "payload.ciphertext_sha256", _upper),
    ("content_type.ack", "payload.content_type", "application/json"),
    ("content_type.xml", "payload.content_type", "application/xml"),
    ("compression.none", "payload.compression", "none"),
    ("compression.gzip", "payload.compression", "gzip"),
    ("label.ack", "label", "cmlentry/v1/ack"),
    ("label.v2", "label", "cmlentry/v2/batch"),
    ("label.empty", "label", ""),
    ("recipients.one", "recipients", lambda v: v[:1]),
    ("recipients.three", "recipients", lambda v: [*v, v[1]]),
    ("recipients.same_key", "recipients", lambda v: [v[0], v[0]]),
    ("sealed_key.not_base64", "recipients.0.sealed_file_key", "!" * 108),
    ("sealed_key.unpadded", "recipients.0.sealed_file_key", lambda v: v.rstrip("=")),
    ("sealed_key.newline", "recipients.0.sealed_file_key", lambda v: v[:50] + "\n" + v[50:]),
    ("sealed_key.79_bytes", "recipients.0.sealed_file_key",
     lambda v: b64(base64.b64decode(v)[:79])),
    ("sealed_key.81_bytes", "recipients.0.sealed_file_key",
     lambda v: b64(base64.b64decode(v) + b"\0")),
]
for name, path, value in _RANGES:
    shown = "" if callable(value) else json.dumps(value)
    if not shown or len(shown) > 28:  # then the name says it: "site.201_chars"
        shown = name.rsplit(".", 1)[-1].replace("_", " ")
    vec(f"header.range.{name}", f"{path} {shown}", HeaderInvalid, hdr(set_field(path, value)),
        names=stem(path))
vec("header.range.record.duplicate", "the manifest names a case twice", HeaderInvalid,
    lambda kit: reheader(kit, set_field("manifest.records.1.id", kit.header()["manifest"]
                                        ["records"][0]["id"])), names="record")
vec("header.range.record.base.is_revision", "base_revision equal to revision", HeaderInvalid,
    hdr(lambda h: h["manifest"]["records"][0].update(
        base_revision=h["manifest"]["records"][0]["revision"])), names="base_revision")
vec("header.range.record.both_past_2_pow_31", "revision 2^31 + 1 made from base_revision 2^31",
    HeaderInvalid, hdr(lambda h: h["manifest"]["records"][0].update(
        revision=STORED_INT_LIMIT + 2, base_revision=STORED_INT_LIMIT + 1)), names="revision")
vec("header.range.records.20001", "20,001 records listed and counted", HeaderInvalid,
    hdr(_many_records), names="record_count")
vec("header.range.previous.zero_for_2", "batch 2 with 64 zeros as previous hash",
    HeaderInvalid, hdr(set_field("previous_batch_sha256", ZEROS), n=2), "imported_1",
    names="previous_batch_sha256")
vec("header.rule.recipients_order", "recipients the site's, then the registry's", HeaderInvalid,
    lambda kit: forge(kit, stanzas=[(kit.site.key_id, x25519(kit.site)),
                                    (kit.registry_id, kit.registry_key)]))
vec("header.rule.second_not_site", "second recipient a key other than the site's",
    HeaderInvalid, lambda kit: forge(kit, stanzas=[(kit.registry_id, kit.registry_key),
                                                   (kit.stranger.key_id, x25519(kit.stranger))]),)
vec("header.rule.created_at_impossible", "created_at 2026-13-45T99:99:99Z", HeaderInvalid,
    sealed(fields=set_field("created_at", "2026-13-45T99:99:99Z")))
for shape, raw in (("empty_object", b"{}"), ("array", b"[]"), ("string", b'"cmlentry"')):
    vec(f"header.shape.{shape}", f"the header is {raw.decode()}", HeaderInvalid,
        hdr_raw(replaced_by(raw)))

# 4 header: other encodings of the same document, each signed
_SAME: list[tuple[str, str, Callable[[bytes], bytes]]] = [
    ("spaces", "', ' and ': ' separators", json_with(sort_keys=True, ensure_ascii=False)),
    ("indented", "pretty-printed", json_with(sort_keys=True, indent=1)),
    ("newline_after", "a newline after the object", lambda h: h + b"\n"),
    ("space_before", "a space before the object", lambda h: b" " + h),
    ("keys_reversed", "top-level keys in reverse order", reversed_keys("")),
    ("nested_keys_reversed", "payload keys in reverse order", reversed_keys("payload")),
    ("escaped_letter", 'site written "\\u0046R-086"',
     replace_once(b'"site":"FR-086"', b'"site":"\\u0046R-086"')),
    ("escaped_slash", 'label written with "\\/"',
     replace_once(b"cmlentry/v1/batch", b"cmlentry\\/v1\\/batch")),
    ("escaped_non_ascii", "a non-ASCII character written \\u00e9", _unicode_version),
    ("duplicate_key", "site given twice", lambda h: b'{"site":"FR-086",' + h[1:]),
    ("duplicate_other_value", "sequence given twice, 99 first",
     lambda h: b'{"sequence":99,' + h[1:]),
    ("nan", "plaintext_length NaN", number("plaintext_length", b"NaN")),
    ("infinity", "plaintext_length Infinity", number("plaintext_length", b"Infinity")),
    ("minus_infinity", "record_count -Infinity", number("record_count", b"-Infinity")),
    ("float", "sequence 1.0", number("sequence", b"1.0")),
    ("exponent", "sequence 1e0", number("sequence", b"1e0")),
    ("exponent_upper", "record_count 2E0", number("record_count", b"2E0")),
    ("minus_zero", "audit seq -0", number("seq", b"-0")),
    ("leading_zero", "sequence 01", number("sequence", b"01")),
    ("huge_integer", "a 5000-digit sequence", number("sequence", b"9" * 5000)),
    ("bom", "a UTF-8 byte-order mark", lambda h: b"\xef\xbb\xbf" + h),
    ("not_utf8", "a byte that is not UTF-8",
     replace_once(b'"cmlentry/v1/batch"', b'"cmlentry/v1/batch\xff"')),
    ("control_character", "a raw tab inside a string",
     replace_once(b'"FR-086"', b'"FR-\t086"')),
    ("lone_surrogate", "a lone surrogate \\ud800 as the site",
     replace_once(b'"site":"FR-086"', b'"site":"\\ud800"')),
    ("deep_nesting", "an unknown field nested 6 deep",
     lambda h: canonical({**json.loads(h), "extra": [[[[[1]]]]]})),
    ("very_deep", "100,000 nested arrays", lambda h: b"[" * 100_000 + b"]" * 100_000),
    ("cut_json", "the JSON cut short, lengths consistent", lambda h: h[:-1]),
    ("garbage_after", "a byte after the JSON", lambda h: h + b"x"),
]
for name, wrong, edit in _SAME:
    vec(f"canonical.{name}", wrong, HeaderNotCanonical, hdr_raw(edit))

# 5 payload hash
vec("payload_hash.ciphertext_bit", "a ciphertext bit flipped, header as signed",
    PayloadHashMismatch, lambda kit: flip(kit.batches[1], len(kit.batches[1]) - 40))
vec("payload_hash.other_ciphertext", "batch 2's ciphertext under batch 1's header",
    PayloadHashMismatch, _ciphertext_of_2)
vec("payload_hash.sha256", "ciphertext_sha256 of other bytes", PayloadHashMismatch,
    hdr(set_field("payload.ciphertext_sha256", sha256(b"x"))))
vec("payload_hash.length_plus_1", "ciphertext_length one too big", PayloadHashMismatch,
    hdr(set_field("payload.ciphertext_length", lambda v: v + 1)))
vec("payload_hash.length_minus_1", "ciphertext_length one too small", PayloadHashMismatch,
    hdr(set_field("payload.ciphertext_length", lambda v: v - 1)))

# 6 sequence and chain
vec("sequence.replay_1", "batch 1 again", AlreadyImported, batch(1), "imported_1")
vec("sequence.replay_1_after_2", "batch 1 again after 2", AlreadyImported, batch(1),
    "imported_2")
vec("sequence.replay_2", "batch 2 again", AlreadyImported, batch(2), "imported_2")
vec("sequence.fork_1", "another batch 1 (its cases sealed again)", SequenceFork, forge,
    "imported_1")
vec("sequence.fork_2", "another batch 2", SequenceFork,
    _sequence(2, lambda kit: sha256(kit.batches[1])), "imported_2")
vec("sequence.rollback", "another batch 1 after batch 2", SequenceRollback, forge, "imported_2")
vec("sequence.gap_2_first", "batch 2 before batch 1", SequenceGap, batch(2))
vec("sequence.gap_3", "batch 3 after batch 1", SequenceGap,
    _sequence(3, lambda kit: sha256(kit.batches[2])), "imported_1")
vec("sequence.gap_far", "batch 2^31 - 1 after batch 2", SequenceGap,
    _sequence(2**31 - 1, lambda kit: sha256(kit.batches[2])), "imported_2")
vec("chain.broken", "batch 2 naming another previous hash", ChainBroken,
    _sequence(2, lambda kit: sha256(b"another batch 1")), "imported_1")
vec("chain.after_fork", "batch 2 following a forked batch 1", ChainBroken,
    _sequence(2, lambda kit: sha256(forge(kit))), "imported_1")
vec("chain.skips_one", "batch 3 naming batch 1 as its previous", ChainBroken,
    _sequence(3, lambda kit: sha256(kit.batches[1])), "imported_2")

# 7 decryption
vec("decrypt.not_for_us", "file key sealed to another registry and the site",
    NotForThisRecipient, lambda kit: forge(kit, stanzas=[
        (kit.other_registry.key_id, x25519(kit.other_registry)),
        (kit.site.key_id, x25519(kit.site))]))
vec("decrypt.sealed_key_bit", "a bit of the registry's sealed key flipped", DecryptionFailed,
    hdr(set_field("recipients.0.sealed_file_key",
                  lambda v: b64(flip(base64.b64decode(v), 40)))))
vec("decrypt.sealed_enc_bit", "a bit of the sealed key's HPKE enc flipped", DecryptionFailed,
    hdr(set_field("recipients.0.sealed_file_key",
                  lambda v: b64(flip(base64.b64decode(v), 3)))))
vec("decrypt.sealed_key_of_site", "the site's sealed key in the registry's stanza",
    DecryptionFailed, lambda kit: reheader(kit, set_field(
        "recipients.0.sealed_file_key", kit.header()["recipients"][1]["sealed_file_key"])))
vec("decrypt.sealed_key_zeroed", "the sealed key all zeros", DecryptionFailed,
    hdr(set_field("recipients.0.sealed_file_key", b64(bytes(80)))))
vec("decrypt.binding_sequence", "file key sealed for sequence 2", DecryptionFailed,
    sealed(info=binding("FR-086", 2)))
vec("decrypt.binding_site", "file key sealed for DE-012", DecryptionFailed,
    sealed(info=binding("DE-012", 1)))
vec("decrypt.binding_label", "file key sealed under the acknowledgement's label",
    DecryptionFailed, sealed(info=binding("FR-086", 1, b"cmlentry/v1/ack-file-key")))
vec("decrypt.payload_key", "payload encrypted under another key", DecryptionFailed,
    sealed(payload_key=os.urandom(32)))
vec("decrypt.aad", "payload encrypted with the acknowledgement's associated data",
    DecryptionFailed, sealed(aad=b"cmlentry/v1/ack-payload"))
vec("decrypt.ciphertext_resigned", "a ciphertext bit flipped and its hash signed again",
    DecryptionFailed, _ciphertext_resigned)
vec("decrypt.not_deflate", "the payload not compressed", DecryptionFailed,
    lambda kit: forge(kit, compressed=kit.plaintext()))
vec("decrypt.raw_deflate", "raw deflate without the zlib wrapper", DecryptionFailed,
    lambda kit: forge(kit, compressed=deflate(kit.plaintext(), -15)))
vec("decrypt.gzip", "a gzip stream", DecryptionFailed,
    lambda kit: forge(kit, compressed=deflate(kit.plaintext(), 31)))
vec("decrypt.zip_bomb", "600 MiB of zeros deflated to ~600 KiB, 16 MiB declared",
    PayloadTooLarge, zip_bomb)
vec("decrypt.longer", "the plaintext one byte longer than declared", PayloadTooLarge,
    sealed(header=set_field("payload.plaintext_length", lambda v: v - 1)))
vec("decrypt.shorter", "the plaintext one byte shorter than declared", PayloadHashMismatch,
    sealed(header=set_field("payload.plaintext_length", lambda v: v + 1)))
vec("decrypt.stream_cut", "the zlib stream cut before its end", PayloadHashMismatch,
    lambda kit: forge(kit, compressed=deflate(kit.plaintext(), 15)[:-4]))
vec("decrypt.after_stream", "bytes after the zlib stream", PayloadHashMismatch,
    lambda kit: forge(kit, compressed=deflate(kit.plaintext(), 15) + b"junk"))
vec("decrypt.plaintext_sha256", "plaintext_sha256 of other bytes", PayloadHashMismatch,
    sealed(header=set_field("payload.plaintext_sha256", sha256(b"x"))))

# 8 ODM payload
_UNSAFE: list[tuple[str, str, bytes, bool]] = [
    ("billion_laughs", "entity expansion (billion laughs)", LAUGHS, True),
    ("doctype", "a bare document type declaration", b"<!DOCTYPE ODM>", False),
    ("external_entity", "an external entity (file:///etc/passwd)",
     b'<!DOCTYPE ODM [<!ENTITY e SYSTEM "file:///etc/passwd">]>', True),
    ("external_dtd", "an external DTD",
     b'<!DOCTYPE ODM SYSTEM "http://example.org/odm.dtd">', False),
    ("parameter_entity", "a parameter entity",
     b'<!DOCTYPE ODM [<!ENTITY % p SYSTEM "http://example.org/p.dtd"> %p;]>', False),
    ("internal_entity", "one harmless internal entity",
     b'<!DOCTYPE ODM [<!ENTITY e "cmlentry">]>', True),
]
for name, wrong, declaration, uses in _UNSAFE:
    vec(f"odm.unsafe.{name}", wrong, PayloadUnsafe, odm_raw(with_doctype(declaration, uses)))
_INVALID: list[tuple[str, str, Build]] = [
    ("empty", "an empty payload", lambda kit: forge(kit, b"")),
    ("not_xml", "JSON instead of XML", lambda kit: forge(kit, b'{"ODM": []}')),
    ("cut", "the XML cut in half", odm_raw(lambda x: x[: len(x) // 2])),
    ("not_utf8", "a byte that is not UTF-8", odm_raw(replace_once(SOURCE, SOURCE + b"\xff"))),
    ("second_root", "a second root element", odm_raw(lambda x: x + b"<ODM/>")),
    ("undefined_entity", "an entity never declared",
     odm_raw(replace_once(SOURCE, b'SourceSystem="&e;"'))),
    ("no_namespace", "the ODM namespace left out",
     odm_raw(replace_once(b' xmlns="' + ODM_NS + b'"', b""))),
    ("other_namespace", "the ODM 1.2 namespace",
     odm_raw(replace_once(ODM_NS, b"http://www.cdisc.org/ns/odm/v1.2"))),
    ("root", "another root element", odm(lambda r: setattr(r, "tag", tag("Study")))),
    ("file_type", "FileType Snapshot", odm(attr("ODM", "FileType", "Snapshot"))),
    ("granularity", "Granularity All", odm(attr("ODM", "Granularity", "All"))),
    ("odm_version", "ODMVersion 1.3.1", odm(attr("ODM", "ODMVersion", "1.3.1"))),
    ("creation_time", "CreationDateTime no date", odm(attr("ODM", "CreationDateTime", "now"))),
    ("root_attribute", "an unknown attribute on ODM", odm(attr("ODM", "Archival", "Yes"))),
    ("study", "another Study OID", odm(attr("Study", "OID", "ST.other"))),
    ("metadata", "another MetaDataVersion", odm(attr("MetaDataVersion", "OID", "MDV.x-9"))),
    ("clinical_mdv", "ClinicalData for another version",
     odm(attr("ClinicalData", "MetaDataVersionOID", "MDV.other"))),
    ("subject_twice", "a subject twice", odm(_repeat_subject)),
    ("subject_key", "a SubjectKey that is no registry ID",
     odm(attr("SubjectData", "SubjectKey", "Jean Dupont"))),
    ("transaction", "TransactionType Remove",
     odm(attr("SubjectData", "TransactionType", "Remove"))),
    ("unknown_form", "an unknown FormOID", odm(attr("FormData", "FormOID", "F.unknown"))),
    ("unknown_item", "an unknown ItemOID",
     odm(attr("ItemData", "ItemOID", "I.unknown", ItemOID="I.sex"))),
    ("repeat_key", "ItemGroupRepeatKey 0",
     odm(attr("ItemGroupData", "ItemGroupRepeatKey", "0"))),
    ("value_and_null", "an answer with Value and IsNull",
     odm(attr("ItemData", "IsNull", "Yes", ItemOID="I.sex"))),
    ("undeclared_user", "an audit record's undeclared user",
     odm(attr("UserRef", "UserOID", "USR.mallory"))),
    ("text_in_row", "text where only elements belong", odm(_text_in_row)),
    ("xinclude", "an XInclude element in a subject", odm(_xinclude)),
    ("no_location", "AdminData without its Location", odm(_no_location)),
]
for name, wrong, build in _INVALID:
    vec(f"odm.invalid.{name}", wrong, PayloadInvalid, build)
_MISMATCH: list[tuple[str, str, Build, Situation]] = [
    ("subject_dropped", "the last subject left out", odm(_drop_subject), "fresh"),
    ("subjects_swapped", "the subjects in another order", odm(_swap_subjects), "fresh"),
    ("subject_added", "a subject of batch 2 added", _add_subject_of_2, "fresh"),
    ("subject_renamed", "a subject renamed to another registry ID",
     odm(attr("SubjectData", "SubjectKey", "FR-086-0005-G")), "fresh"),
    ("manifest_id", "the manifest's first id another case's",
     sealed(fields=set_field("manifest.records.0.id", "FR-086-0005-G")), "fresh"),
    ("file_oid", "FileOID of batch 2", odm(attr("ODM", "FileOID", "BATCH.FR-086.000002")),
     "fresh"),
    ("file_oid_site", "FileOID of another site",
     odm(attr("ODM", "FileOID", "BATCH.DE-012.000001")), "fresh"),
    ("prior_on_1", "a PriorFileOID on batch 1",
     odm(attr("ODM", "PriorFileOID", "BATCH.FR-086.000000")), "fresh"),
    ("prior_missing", "batch 2 without PriorFileOID",
     odm(attr("ODM", "PriorFileOID", None), n=2), "imported_1"),
    ("prior_wrong", "batch 2 naming batch 7 as prior",
     odm(attr("ODM", "PriorFileOID", "BATCH.FR-086.000007"), n=2), "imported_1"),
    ("location_site", "the ODM's site DE-012", odm(_rename_location), "fresh"),
]
for name, wrong, build, situation in _MISMATCH:
    vec(f"odm.mismatch.{name}", wrong, PayloadMismatch, build, situation)
vec("odm.unknown_definition", "header form_definition cml-ifp-2.0, not installed here",
    UnknownFormDefinition, sealed(fields=set_field("versions.form_definition", "cml-ifp-2.0")))

# 9 records
_RECORDS: list[tuple[str, str, Build]] = [
    ("value", "a value changed (sex), the manifest not", odm(_flip_sex)),
    ("override", "an override reason changed", odm(_change_override)),
    ("case_status", "a case status changed", odm(_change_case_status)),
    ("answer_dropped", "an answer left out", odm(_drop_answer)),
    ("manifest_sha256", "the manifest's hash of a case changed",
     sealed(fields=set_field("manifest.records.0.sha256", sha256(b"x")))),
    ("manifest_swapped", "the manifest's two hashes swapped", sealed(fields=_swap_hashes)),
]
for name, wrong, build in _RECORDS:
    vec(f"records.{name}", wrong, RecordHashMismatch, build)

# fmt: on
# --- case vectors: a sound batch, one case whose PI signature does not hold ----------------------


@dataclass(frozen=True)
class CaseVector:
    """A batch sealed and listed consistently by the site's key, whose case number ``case``
    (in the batch's order) carries a signature that does not hold: only that case is rejected."""

    name: str
    wrong: str
    build: Build = field(repr=False, compare=False)
    case: int = SIGNED_IN_BATCH_1
    situation: Situation = "fresh"


REJECTED_BECAUSE = "its PI signature does not hold"
"""What the acknowledgement's reason says for every case vector."""


def reviewed(edit: Tree) -> Build:
    """Batch 1 with its ODM edited and its manifest's record hashes made to match again, as a
    site whose data and signature disagree would seal it: every check of §6 passes."""

    def build(kit: Kit) -> bytes:
        root = odm_tree(kit.plaintext(1))
        edit(root)
        xml = odm_bytes(root)
        records = read_odm(xml, installed_definitions().current).records

        def relist(fields: dict[str, Any]) -> None:
            for entry, record in zip(fields["manifest"]["records"], records, strict=True):
                entry["sha256"] = record_sha256(record)

        return forge(kit, xml, fields=relist)

    return build


def _binding(root: ET.Element) -> ET.Element:
    return next(root.iter(f"{{{CML_NS}}}SignatureBinding"))


def _binding_attr(name: str, value: str) -> Tree:
    return lambda root: _binding(root).set(name, value)


def _signature(root: ET.Element) -> ET.Element:
    return first(root, "Signature")


def _later(root: ET.Element) -> None:
    stamp = _signature(root).find(tag("DateTimeStamp"))
    assert stamp is not None and stamp.text is not None  # 2026-11-21T09:00:00.000000Z
    second = "01" if stamp.text[17:19] != "01" else "02"
    stamp.text = stamp.text[:17] + second + stamp.text[19:]


def _other_meaning(root: ET.Element) -> None:
    meaning = first(root, "SignatureDef").find(tag("Meaning"))
    assert meaning is not None
    meaning.text = "I have read these data"


def _other_signer(root: ET.Element) -> None:
    declared = [u.get("OID", "") for u in root.iter(tag("User"))]
    ref = _signature(root).find(tag("UserRef"))
    assert ref is not None
    ref.set("UserOID", next(oid for oid in declared if oid != ref.get("UserOID")))


def _answer_changed(root: ET.Element) -> None:
    signed = subjects(root)[1][SIGNED_IN_BATCH_1]
    sex = next(i for i in signed.iter(tag("ItemData")) if i.get("ItemOID") == "I.sex")
    sex.set("Value", "F" if sex.get("Value") == "M" else "M")


def _moved(root: ET.Element) -> None:
    found = subjects(root)[1]
    signed, other = found[SIGNED_IN_BATCH_1], found[1 - SIGNED_IN_BATCH_1]
    signature = _signature(signed)
    signed.remove(signature)
    other.insert(0, signature)


CASE_VECTORS: list[CaseVector] = [
    CaseVector("signature.content_hash", "the signed content hash of another content",
               reviewed(_binding_attr("ContentSHA256", sha256(b"other content")))),
    CaseVector("signature.binding_hash", "the binding hash of another statement",
               reviewed(_binding_attr("BindingSHA256", sha256(b"other statement")))),
    CaseVector("signature.printed_name", "another printed name of the signer",
               reviewed(_binding_attr("PrintedName", "Somebody Else"))),
    CaseVector("signature.time", "another time of signing", reviewed(_later)),
    CaseVector("signature.meaning", "another meaning in the SignatureDef",
               reviewed(_other_meaning)),
    CaseVector("signature.signer", "another declared user as the signer", reviewed(_other_signer)),
    CaseVector("signature.answer_changed", "an answer of the signed case changed",
               reviewed(_answer_changed)),
    CaseVector("signature.moved", "the signature moved to the batch's other case",
               reviewed(_moved), case=1 - SIGNED_IN_BATCH_1),
]  # fmt: skip


# --- controls and the kit's page ----------------------------------------------------------------

CONTROLS: dict[str, tuple[Build, Situation]] = {
    "batch_1": (batch(1), "fresh"),
    "batch_2": (batch(2), "imported_1"),
    "resigned": (pre(), "fresh"),
    "reheadered": (hdr(), "fresh"),
    "forged": (forge, "fresh"),
    "forged_2": (_sequence(2, lambda kit: sha256(kit.batches[1])), "imported_1"),
    "odm_round_trip": (odm(lambda root: None), "fresh"),
    "reviewed_round_trip": (reviewed(lambda root: None), "fresh"),
    "revision_at_limit": (sealed(fields=_revision_at_the_limit), "fresh"),
}
"""Files made by the same tools with nothing wrong: each must be imported."""


def markdown_table(vectors: list[Vector] = VECTORS) -> str:
    """The kit page's first table: one row per vector."""
    rows = [
        "| # | vector | registry holds | what is wrong | expected error |",
        "|---:|---|---|---|---|",
    ]
    for number_, v in enumerate(vectors, 1):
        wrong = v.wrong.replace("|", "\\|")
        known = f" — **known defect**: {v.bug}" if v.bug else ""
        rows.append(
            f"| {number_} | `{v.name}` | {SITUATIONS[v.situation]} | {wrong} | "
            f"`{v.expected.__name__}` (`{v.expected.code}`){known} |"
        )
    return "\n".join(rows) + "\n"


def case_table(vectors: list[CaseVector] = CASE_VECTORS) -> str:
    """The kit page's second table: one row per case vector."""
    rows = [
        "| # | vector | registry holds | what is wrong | the case rejected |",
        "|---:|---|---|---|---|",
    ]
    for number_, v in enumerate(vectors, 1):
        which = "the signed case" if v.case == SIGNED_IN_BATCH_1 else "the other case"
        rows.append(
            f"| {number_} | `{v.name}` | {SITUATIONS[v.situation]} | {v.wrong} | {which}: "
            f'"{REJECTED_BECAUSE} …" |'
        )
    return "\n".join(rows) + "\n"


PAGE = Path(__file__).resolve().parents[2] / "docs" / "batch-test-kit.md"
PAGE_BEGIN, PAGE_END = "<!-- vectors: begin -->\n", "<!-- vectors: end -->"
CASES_BEGIN, CASES_END = "<!-- case vectors: begin -->\n", "<!-- case vectors: end -->"


def page_table(page: str, begin: str = PAGE_BEGIN, end: str = PAGE_END) -> str:
    """A generated part of the kit page's text."""
    return page.split(begin, 1)[1].split(end, 1)[0]


def main(argv: list[str]) -> int:
    """Print the tables, or with ``--write`` put them into docs/batch-test-kit.md."""
    if argv != ["--write"]:
        sys.stdout.write(markdown_table() + "\n" + case_table())
        return 0
    page = PAGE.read_text(encoding="utf-8")
    for begin, end, table in (
        (PAGE_BEGIN, PAGE_END, markdown_table()),
        (CASES_BEGIN, CASES_END, case_table()),
    ):
        head, rest = page.split(begin, 1)
        page = head + begin + table + end + rest.split(end, 1)[1]
    PAGE.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
