"""Forging batch files for the fault kit: the world they come from and the tools that bend them.

:func:`build_kit` makes, once, a site with two real batches (made by :class:`ExportService`),
the site's real key pairs, a few foreign key sets, and the registry workspace in every situation
a vector needs, as folders a test copies. The tools re-make a batch with one thing changed and
sign it again with the site's key, so a vector is refused where the format says and not at the
signature: :func:`resign` (preamble fields), :func:`reheader` (the header, as a document or as
bytes), :func:`forge` (sealing from scratch with one knob turned) and :func:`odm` (the payload).

Everything here is written from ``docs/batch-format.md``, not from
:mod:`cmlentry.crypto.container`, so a file forged here with nothing wrong being imported (the
kit's control files) shows that the code reads the format the page describes.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import secrets
import shutil
import struct
import time
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import psycopg
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from cmlentry.crypto.keyfiles import KeyPairs
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.batches.export import ExportService
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import Clock, Workspace, open_workspace
from cmlentry.storage.central.store import CentralStore
from tests.batch_world import COORDINATOR, PASSWORD, make_world, sign_cases

# The format, from docs/batch-format.md.
MAX_FILE = 256 * 1024 * 1024
MAX_HEADER = 4 * 1024 * 1024
MAX_PLAINTEXT = 512 * 1024 * 1024
PREAMBLE = struct.Struct(">8sBBHIQ20s20s64s")
SIG_LABEL = b"cmlentry/v1/batch-signature"
ACK_SIG_LABEL = b"cmlentry/v1/ack-signature"
KEY_LABEL = b"cmlentry/v1/batch-file-key"
PAYLOAD_AAD = b"cmlentry/v1/batch-payload"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
ZEROS = "0" * 64
_FILLED_BY_SEALING = ("label", "sender_key_id", "recipient_key_id", "payload", "recipients")

Situation = Literal["fresh", "imported_1", "imported_2", "revoked", "other_centre"]
SITUATIONS: dict[Situation, str] = {
    "fresh": "FR-086 registered, nothing imported",
    "imported_1": "batch 1 imported",
    "imported_2": "batches 1 and 2 imported",
    "revoked": "FR-086's key revoked",
    "other_centre": "DE-012 registered too",
}
Edit = Callable[[dict[str, Any]], None]


def canonical(document: object) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def flip(data: bytes, at: int, bit: int = 0) -> bytes:
    """``data`` with one bit of byte ``at`` flipped."""
    return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]


def binding(site: str, sequence: int, label: bytes = KEY_LABEL) -> bytes:
    """The HPKE ``info`` a file key is sealed under (§4)."""
    return label + b"\0" + site.encode() + b"\0" + str(sequence).encode()


@dataclass(frozen=True)
class Parts:
    """A file cut where its preamble says (whatever it says)."""

    kind: int
    version: int
    flags: int
    sender: str
    recipient: str
    signature: bytes
    header: bytes
    ciphertext: bytes

    @classmethod
    def of(cls, data: bytes) -> Parts:
        _magic, kind, version, flags, h_len, _c, sender, recipient, signature = (
            PREAMBLE.unpack_from(data)
        )
        end = PREAMBLE.size + h_len
        return cls(
            kind,
            version,
            flags,
            sender.hex(),
            recipient.hex(),
            signature,
            data[PREAMBLE.size : end],
            data[end:],
        )


def assemble(
    header: bytes,
    ciphertext: bytes,
    *,
    signer: Ed25519PrivateKey,
    sender: str,
    recipient: str,
    kind: int = 1,
    version: int = 1,
    flags: int = 0,
    h_len: int | None = None,
    c_len: int | None = None,
    label: bytes = SIG_LABEL,
    magic: bytes = b"CMLENTRY",
) -> bytes:
    """A file with a valid signature (§3) over exactly these preamble fields and header."""
    signed = PREAMBLE.pack(
        magic,
        kind,
        version,
        flags,
        len(header) if h_len is None else h_len,
        len(ciphertext) if c_len is None else c_len,
        bytes.fromhex(sender),
        bytes.fromhex(recipient),
        bytes(64),
    )[:64]
    message = label + struct.pack(">Q", 64) + signed + struct.pack(">Q", len(header)) + header
    return signed + signer.sign(message) + header + ciphertext


# --- the kit ------------------------------------------------------------------------------------


@dataclass
class Kit:
    """What every vector is made from. Nothing in it is open while a vector runs."""

    folder: Path
    clock: Clock
    batches: dict[int, bytes]  # the exporter's batches 1 and 2
    site: KeyPairs  # the site's real key set
    registry_id: str
    registry_key: X25519PublicKey
    other_site: KeyPairs = field(default_factory=lambda: KeyPairs.generate("site"))  # DE-012
    stranger: KeyPairs = field(default_factory=lambda: KeyPairs.generate("site"))
    other_registry: KeyPairs = field(default_factory=lambda: KeyPairs.generate("registry"))
    acks: dict[int, bytes] = field(default_factory=dict)  # the registry's, for batches 1, 2
    templates: dict[Situation, Path] = field(default_factory=dict)
    key_files: dict[str, Path] = field(default_factory=dict)  # FR-086's and DE-012's .cmlkey
    _plain: dict[int, bytes] = field(default_factory=dict)

    def registry_copy(self, situation: Situation, dest: Path) -> Path:
        """A fresh copy of the registry workspace in ``situation``, at ``dest``."""
        shutil.copytree(self.templates[situation], dest)
        return dest

    def open_registry(self, folder: Path) -> Workspace:
        return open_workspace(folder, COORDINATOR, PASSWORD, clock=self.clock, policy=OWASP_FLOOR)

    def header(self, n: int = 1) -> dict[str, Any]:
        """Batch ``n``'s header, a new copy each time."""
        document: dict[str, Any] = json.loads(Parts.of(self.batches[n]).header)
        return document

    def fields(self, n: int = 1) -> dict[str, Any]:
        """Batch ``n``'s header without what sealing fills in."""
        return {k: v for k, v in self.header(n).items() if k not in _FILLED_BY_SEALING}

    def plaintext(self, n: int = 1) -> bytes:
        """Batch ``n``'s ODM, opened with the site's archive key."""
        if n not in self._plain:
            parts, header = Parts.of(self.batches[n]), self.header(n)
            stanza = next(r for r in header["recipients"] if r["key_id"] == self.site.key_id)
            file_key = SUITE.decrypt(
                base64.b64decode(stanza["sealed_file_key"]),
                self.site.agreement,
                info=binding(header["site"], header["sequence"]),
            )
            compressed = ChaCha20Poly1305(file_key).decrypt(
                bytes(12), parts.ciphertext, PAYLOAD_AAD
            )
            self._plain[n] = zlib.decompress(compressed)
        return self._plain[n]


SIGNED_IN_BATCH_1 = 0
"""Batch 1's first case is signed by the PI (its ODM has a Signature), its second is not."""


Step = Callable[[Kit, Workspace, CentralStore, dict[int, bytes]], None]
"""One act that takes a registry from one situation to the next, in the given central store;
an import keeps its acknowledgement in the dict, by sequence."""


def importing(n: int) -> Step:
    """The registry imports the kit's batch ``n`` (and must)."""

    def act(kit: Kit, ws: Workspace, store: CentralStore, acks: dict[int, bytes]) -> None:
        inbox = kit.folder / f"inbox-{secrets.token_hex(4)}"
        inbox.mkdir()
        path = inbox / f"FR-086-{n:06d}.cmlbatch"
        path.write_bytes(kit.batches[n])
        outcome = ImportService(ws, store).import_file(path, inbox)
        if outcome.status != "imported" or outcome.ack_path is None:
            raise RuntimeError(f"the kit's batch {n} was not imported: {outcome.error}")
        acks[n] = outcome.ack_path.read_bytes()

    return act


def registering(code: str) -> Step:
    """The registry registers the centre ``code`` from its key file."""

    def act(kit: Kit, ws: Workspace, store: CentralStore, acks: dict[int, bytes]) -> None:
        CentreService(ws, store).register(kit.key_files[code])

    return act


def _revoking(kit: Kit, ws: Workspace, store: CentralStore, acks: dict[int, bytes]) -> None:
    CentreService(ws, store).revoke_key("FR-086", "laptop stolen")


FRESH_STEP: Step = registering("FR-086")
"""How an empty central store becomes "fresh" (the kit's own world did it at set-up)."""

SITUATION_STEPS: dict[Situation, tuple[Situation, Step]] = {
    "imported_1": ("fresh", importing(1)),
    "imported_2": ("imported_1", importing(2)),
    "revoked": ("fresh", _revoking),
    "other_centre": ("fresh", registering("DE-012")),
}
"""Every situation but "fresh": the one it is made from, and the act that makes it. The same
steps build the kit's registry folders (SQLite) and the PostgreSQL templates of the tests."""


def build_kit(folder: Path, clock: Clock) -> Kit:
    """The site's batches 1 and 2 and a registry template for every :data:`Situation`."""
    world, complete = make_world(folder / "world", clock)
    sign_cases(world, [complete[SIGNED_IN_BATCH_1]])
    with world.site() as ws:
        export = ExportService(ws)
        first = export.export(world.out, complete[:2]).path.read_bytes()
        second = export.export(world.out, complete[2:]).path.read_bytes()
        keys = KeyService(ws)
        site, registry = keys.site_key_pairs(), keys.registry_public_keys()
    assert registry is not None
    kit = Kit(
        folder, clock, {1: first, 2: second}, site, registry.key_id, registry.encryption_key()
    )
    owner = SiteDetails.checked("DE", "012", "Uniklinik Test")
    other_file = folder / "DE-012.cmlkey"
    other_file.write_bytes(kit.other_site.key_file(owner, "2026-11-01T00:00:00Z"))
    kit.key_files.update({"FR-086": world.out / "site.cmlkey", "DE-012": other_file})
    kit.templates["fresh"] = shutil.copytree(world.registry_folder, folder / "fresh")
    for name, (source, act) in SITUATION_STEPS.items():
        kit.templates[name] = kit.registry_copy(source, folder / name)
        with kit.open_registry(kit.templates[name]) as ws:
            store = open_central_store(ws)
            try:
                act(kit, ws, store, kit.acks)
            finally:
                store.close()
    return kit


# --- the registry's store as PostgreSQL databases ------------------------------------------------


def clone_database(admin: Engine, template: str | None) -> str:
    """A new database on ``admin``'s server (a copy of ``template`` when given); its name.

    ``CREATE DATABASE … TEMPLATE`` is a copy the server makes in tens of milliseconds, so a
    registry in any state can be had afresh for every file. ``admin`` is an AUTOCOMMIT engine
    on the server's maintenance database; the caller drops the database
    (:func:`tests.central_db._drop_database`).
    """
    name = f"cml_test_{secrets.token_hex(6)}"
    statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(statement))
            return name
        except DBAPIError as exc:
            # An autovacuum worker may be in the template for a moment ("source database is
            # being accessed by other users"); it leaves by itself.
            if attempt == 19 or not isinstance(exc.orig, psycopg.errors.ObjectInUse):
                raise
        time.sleep(0.25)
    raise AssertionError("unreachable")


def database_url(server: str, database: str) -> str:
    """``server``'s URL naming ``database`` instead."""
    return make_url(server).set(database=database).render_as_string(hide_password=False)


# --- re-signing and re-sealing ------------------------------------------------------------------


def resign(data: bytes, kit: Kit, **preamble: Any) -> bytes:
    """``data`` with preamble fields (see :func:`assemble`) changed, signed again by the site."""
    p = Parts.of(data)
    fields: dict[str, Any] = {
        "signer": kit.site.signing,
        "sender": p.sender,
        "recipient": p.recipient,
        "kind": p.kind,
        "version": p.version,
        "flags": p.flags,
    }
    return assemble(p.header, p.ciphertext, **{**fields, **preamble})


def reheader(
    kit: Kit, edit: Edit | None = None, *, raw: bytes | None = None, n: int = 1, **preamble: Any
) -> bytes:
    """Batch ``n`` with its header edited (or replaced by ``raw``), signed again by the site."""
    p = Parts.of(kit.batches[n])
    header = kit.header(n)
    if edit is not None:
        edit(header)
    fields: dict[str, Any] = {
        "signer": kit.site.signing,
        "sender": p.sender,
        "recipient": p.recipient,
    }
    return assemble(
        canonical(header) if raw is None else raw, p.ciphertext, **{**fields, **preamble}
    )


def forge(
    kit: Kit,
    plaintext: bytes | None = None,
    *,
    n: int = 1,
    fields: Edit | None = None,
    compressed: bytes | None = None,
    payload_key: bytes | None = None,
    aad: bytes = PAYLOAD_AAD,
    info: bytes | None = None,
    stanzas: list[tuple[str, X25519PublicKey]] | None = None,
    header: Edit | None = None,
    signer: KeyPairs | None = None,
    recipient: str | None = None,
) -> bytes:
    """Seal batch ``n``'s fields and ODM anew (§4), with at most one knob turned.

    ``fields`` edits the header fields before sealing, ``header`` the whole header after
    (payload description and recipients filled in); ``compressed`` replaces the deflated
    payload, ``stanzas`` the (key id, key) pairs the file key is sealed to.
    """
    body = kit.fields(n)
    if fields is not None:
        fields(body)
    plaintext = kit.plaintext(n) if plaintext is None else plaintext
    file_key = os.urandom(32)
    compressed = zlib.compress(plaintext, 6) if compressed is None else compressed
    ciphertext = ChaCha20Poly1305(payload_key or file_key).encrypt(bytes(12), compressed, aad)
    info = binding(body["site"], body["sequence"]) if info is None else info
    if stanzas is None:
        stanzas = [(kit.registry_id, kit.registry_key), (kit.site.key_id, x25519(kit.site))]
    signer = signer or kit.site
    document = {
        **body,
        "label": "cmlentry/v1/batch",
        "sender_key_id": signer.key_id,
        "recipient_key_id": recipient or kit.registry_id,
        "payload": {
            "content_type": "application/vnd.cdisc.odm+xml;version=1.3.2",
            "compression": "deflate",
            "plaintext_length": len(plaintext),
            "plaintext_sha256": sha256(plaintext),
            "ciphertext_length": len(ciphertext),
            "ciphertext_sha256": sha256(ciphertext),
        },
        "recipients": [
            {"key_id": key_id, "sealed_file_key": b64(SUITE.encrypt(file_key, key, info=info))}
            for key_id, key in stanzas
        ],
    }
    if header is not None:
        header(document)
    return assemble(
        canonical(document),
        ciphertext,
        signer=signer.signing,
        sender=document["sender_key_id"],
        recipient=document["recipient_key_id"],
    )


def x25519(pairs: KeyPairs) -> X25519PublicKey:
    return pairs.agreement.public_key()


def deflate(data: bytes, wbits: int) -> bytes:
    """``data`` deflated with other framing: -15 raw deflate, 31 gzip."""
    deflater = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return deflater.compress(data) + deflater.flush()


def zip_bomb(kit: Kit, size: int = 600 * 1024 * 1024, declared: int = 16 * 1024 * 1024) -> bytes:
    """``size`` zeros as a zlib stream (600 MiB make about 600 KiB) under a header declaring less.

    The stream is one 8 MiB block made with a full flush (so it does not depend on what came
    before), repeated, then an empty final block and the Adler-32 of all ``size`` zeros: a
    valid stream, made in a fraction of the time deflating 600 MiB takes.
    """
    chunk = bytes(8 * 1024 * 1024)
    deflater = zlib.compressobj(9)
    head = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(size // len(chunk)):
        adler = zlib.adler32(chunk, adler)
    stream = head + block * (size // len(chunk) - 1) + b"\x03\x00" + adler.to_bytes(4, "big")

    def declare(document: dict[str, Any]) -> None:
        document["payload"]["plaintext_length"] = declared
        document["payload"]["plaintext_sha256"] = sha256(bytes(declared))

    return forge(kit, compressed=stream, header=declare)


def oversized(kit: Kit) -> Path:
    """A sparse file of 256 MiB + 1 byte that starts as batch 1: refused by its size alone."""
    path = kit.folder / "oversized.cmlbatch"
    path.write_bytes(kit.batches[1])
    os.truncate(path, MAX_FILE + 1)
    return path


def special_file(kind: Literal["folder", "fifo"]) -> Callable[[Kit], Path]:
    """A folder or a named pipe where a batch file is expected."""

    def build(kit: Kit) -> Path:
        path = kit.folder / f"{kind}.cmlbatch"
        if kind == "folder":
            path.mkdir(exist_ok=True)
        elif not path.exists():
            os.mkfifo(path)
        return path

    return build


# --- header edits -------------------------------------------------------------------------------


def _walk(document: Any, path: str) -> tuple[Any, Any]:
    """The container of ``path`` ("manifest.records.0.id") and its last key or index."""
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    node = document
    for key in keys[:-1]:
        node = node[key]
    return node, keys[-1]


def set_field(path: str, value: Any) -> Edit:
    """Set ``path``; a callable ``value`` is given the old value."""

    def edit(header: dict[str, Any]) -> None:
        node, key = _walk(header, path)
        node[key] = value(node[key]) if callable(value) else value

    return edit


def drop_field(path: str) -> Edit:
    def edit(header: dict[str, Any]) -> None:
        node, key = _walk(header, path)
        del node[key]

    return edit


def add_field(path: str, name: str = "extra", value: Any = "x") -> Edit:
    """A field ``name`` added to the object at ``path`` ("" is the header itself)."""

    def edit(header: dict[str, Any]) -> None:
        node: Any = header
        if path:
            holder, key = _walk(header, path)
            node = holder[key]
        node[name] = value

    return edit


def wrong_type(value: Any) -> Any:
    """A value of another JSON type than ``value``."""
    if value is None or isinstance(value, int):
        return "7"
    if isinstance(value, str):
        return 7
    if isinstance(value, list):
        return {"0": value[:1]}
    return ["x"]


# --- ODM edits ----------------------------------------------------------------------------------


def tag(name: str) -> str:
    return f"{{{ODM_NS}}}{name}"


def first(root: ET.Element, name: str, **attrs: str) -> ET.Element:
    """The first ``name`` element (the root included) with these attribute values."""
    for elem in root.iter(tag(name)):
        if all(elem.get(k) == v for k, v in attrs.items()):
            return elem
    raise KeyError(name)  # the kit's batch no longer holds what the vector changes


def odm_tree(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314  (the kit's own batch, made by the exporter)


def odm_bytes(root: ET.Element) -> bytes:
    # Written with an "ns0:" prefix: the same document to a namespace-aware reader (the
    # kit's control file shows it), and no global ET.register_namespace that would change how
    # other code in the process writes ODM.
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def subjects(root: ET.Element) -> tuple[ET.Element, list[ET.Element]]:
    clinical = first(root, "ClinicalData")
    return clinical, clinical.findall(tag("SubjectData"))


def replace_once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        if old not in data:
            raise KeyError(old)  # the kit's batch no longer holds what the vector changes
        return data.replace(old, new, 1)

    return edit


def with_doctype(declaration: bytes, uses_entity: bool) -> Callable[[bytes], bytes]:
    """A document type declaration before the ODM root; ``uses_entity``: ``&e;`` used in it."""

    def edit(xml: bytes) -> bytes:
        start = xml.index(b"<ODM")
        body = xml[start:]
        if uses_entity:
            body = replace_once(b'SourceSystem="cmlentry"', b'SourceSystem="&e;"')(body)
        return xml[:start] + declaration + b"\n" + body

    return edit


def copy_subject(source: bytes) -> Callable[[ET.Element], None]:
    """Append the first subject of the ODM ``source`` to a document's clinical data."""

    def edit(root: ET.Element) -> None:
        subject = subjects(odm_tree(source))[1][0]
        subjects(root)[0].append(copy.deepcopy(subject))

    return edit
