"""Mutation run against the batch importer: mutants of real batches, verified at a real registry.

``python -m tests.harness.fuzz_batches --mutants 100000`` (``make fuzz-batches``) builds a world
(:func:`tests.batch_world.make_world`: a site with complete cases, a registry that trusts its
key), has the site export batches 1, 2 and 3 with :class:`ExportService` and the registry import
1 and 2, so batch 3 is the file the registry would accept next. Mutant ``n`` is made from seed
``seed + n`` (even: family A, odd: family B) and given to :meth:`ImportService.verify`, which
writes nothing:

* **A, bytes**: batch 3 with 1–3 of bit flips, byte sets, preamble fields set to edge values,
  inserts, deletes, truncations, duplicated or swapped ranges, splices with batches 1 and 2,
  random tails (never a valid file: a no-op is drawn again). Every one must end in a
  ``BatchRefused`` subclass.
* **B, re-sealed**: the header object, its bytes, the preamble, the sealed fields, the manifest,
  the ODM text or the whole payload changed, then signed again with the site's real key
  (:func:`cmlentry.crypto.container.seal`, or a new signature over the changed header), so the
  deeper checks are reached. Each must be refused, or verify only if every record it returns
  re-hashes to the manifest it was sealed with (a consistent file the site really signed).
  Every one that verifies is then **imported** with :meth:`ImportService.import_file` into a
  fresh copy of the registry's central store (``--import-into``: a copy of a SQLCipher file,
  or a PostgreSQL database cloned from a template; batches 1 and 2 in, as in the registry),
  which must end in a typed outcome: imported (its cases accepted or rejected, answered in
  its manifest's order), or a ``CmlentryError``.

Any other exception is *unexpected*. Each verify is timed and its memory measured (see
:class:`Meter`); over 2 s or 64 MiB is *over bound*. Every ``--sample-every``-th pair of mutants,
if refused, also goes through :meth:`ImportService.import_file`, which must refuse it with the
same code, add exactly that refused attempt and change nothing else in the store. The exit
status is 0 only if all of that holds AND every negative control sees what it must:
``no_signature`` (the Ed25519 check skipped) accepts family A mutants, ``no_record_hash``
(the ODM-to-manifest check skipped) accepts family B mutants whose records do not re-hash,
``slow_check`` (a check that sleeps past the time bound) is over time and ``heavy_check`` (a
check that holds more than the memory bound) is over memory.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import random
import re
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, select

from cmlentry.crypto import canonical, container
from cmlentry.crypto.container import Preamble, Recipient, TrustedKey
from cmlentry.crypto.container_errors import BatchRefused, UnknownSenderKey, WrongRecipient
from cmlentry.crypto.keyslots import new_database_key
from cmlentry.errors import CmlentryError
from cmlentry.services.batches.export import ExportService
from cmlentry.services.batches.record import record_sha256
from cmlentry.services.cases import CaseService
from cmlentry.services.keys import KeyService
from cmlentry.services.registry import importer as importer_module
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.importer import ImportService, _Verified
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import utc_now
from cmlentry.storage.central.models import (
    Acknowledgement,
    CaseVersion,
    CentralCase,
    ReceivedBatch,
    RefusedBatch,
)
from cmlentry.storage.central.store import CentralStore
from cmlentry.storage.workspace import Database
from tests.batch_world import World, make_world
from tests.central_db import PostgresUnavailable, _drop_database, require_server
from tests.harness.batch_forge import clone_database, database_url

MAX_SECONDS = 2.0
MAX_BYTES = 64 * 1024 * 1024
MAX_EXAMPLES = 12
TARGET_NAME = "FR-086-000003.cmlbatch"
CONTROLS = ("no_signature", "no_record_hash", "slow_check", "heavy_check")
# The meter's controls: a planted check that sleeps past the time bound, or holds (and touches)
# more than the memory bound, at the first step of every verify. A few calls show it.
SLOW_SECONDS = MAX_SECONDS + 0.5
HEAVY_BYTES = MAX_BYTES + 16 * 1024 * 1024
METER_CONTROL_MUTANTS = {"slow_check": 2, "heavy_check": 20}
IMPORT_BACKENDS = ("sqlite", "postgresql")


# --- the world -----------------------------------------------------------------------------------


def export_series(world: World, groups: list[list[str]]) -> list[Path]:
    """Batches 1, 2, ... of ``groups`` from the site, each case's revision raised before it
    is sent again (a case re-sent unchanged is refused by the exporter's own self-check)."""
    paths: list[Path] = []
    sent: set[str] = set()
    with world.site() as ws:
        cases = CaseService(ws)
        first_form = cases.definition.forms[0].id
        for group in groups:
            for registry_id in sent.intersection(group):
                cases.mark_complete(registry_id, first_form)  # raises the revision only
            paths.append(ExportService(ws).export(world.out, group).path)
            sent.update(group)
    return paths


def build_world(folder: Path, cases: int = 7) -> list[Path]:
    """Site, registry, batches 1–3 exported and 1–2 imported; returns the three batch files.

    Batches 1 and 2 split the complete cases; batch 3 sends them all again, changed since.
    """
    world, complete = make_world(folder, utc_now, cases=cases)
    if len(complete) < 2:
        raise RuntimeError(f"the world has {len(complete)} complete cases; give more --cases")
    half = len(complete) // 2
    paths = export_series(world, [complete[:half], complete[half:], complete])
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            for path in paths[:2]:
                outcome = ImportService(ws, store).import_file(path, world.out)
                if outcome.status != "imported":
                    raise RuntimeError(f"the world's batch {path.name} was {outcome.status}")
        finally:
            store.close()
    return paths


def _world_at(folder: Path) -> World:
    return World(folder / "site", folder / "registry", folder / "out", utc_now)


def load_material(world: World, paths: list[Path]) -> Material:
    """What the mutators need: the three files, batch 3's fields and payload, the site's keys."""
    with world.site() as ws:
        keys = KeyService(ws)
        pairs, site_keys = keys.site_key_pairs(), keys.site_public_keys()
        registry = keys.registry_public_keys()
    if registry is None:
        raise RuntimeError("the world's site does not trust a registry key")
    target, name = paths[2].read_bytes(), paths[2].name
    preamble = container.read_preamble(target, kind="batch", file=name)
    own = TrustedKey(site_keys.key_id, "FR-086", site_keys.signing_key())
    key = container.verify_signature(
        target, preamble, trusted={own.key_id: own}.get, recipient_key_id=registry.key_id,
        file=name,
    )  # fmt: skip
    header = container.parse_header(target, preamble, key, file=name)
    payload = container.decrypt(
        header, key_id=site_keys.key_id, private_key=pairs.agreement, file=name
    )
    return Material(
        target, [p.read_bytes() for p in paths[:2]], header.fields, payload, pairs.signing,
        site_keys.key_id, registry.key_id,
        [Recipient(registry.key_id, registry.encryption_key()),
         Recipient(site_keys.key_id, site_keys.encryption_key())],
    )  # fmt: skip


# --- mutants -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    """Batch 3 (the file the registry would accept next), batches 1–2, and the site's keys."""

    target: bytes
    others: list[bytes]
    fields: dict[str, Any]
    payload: bytes
    signer: Ed25519PrivateKey
    sender: str
    recipient: str
    recipients: list[Recipient]

    def seal_fields(self) -> dict[str, Any]:
        """A copy of the header fields :func:`container.seal` takes (it fills in the rest)."""
        filled = {"label", "sender_key_id", "recipient_key_id", "payload", "recipients"}
        return {k: copy.deepcopy(v) for k, v in self.fields.items() if k not in filled}

    def seal(self, fields: dict[str, Any], payload: bytes) -> bytes:
        return container.seal(
            "batch", fields, payload, signer=self.signer, sender_key_id=self.sender,
            recipient_key_id=self.recipient, recipients=self.recipients,
        )  # fmt: skip

    def resign(self, header: bytes, ciphertext: bytes, **preamble: Any) -> bytes:
        """A file around ``header`` exactly as given, signed again by the site.

        ``preamble`` may set ``kind``, ``version``, ``flags``, ``sender``, ``recipient`` (the
        signed preamble fields), ``signer`` (another key) or ``label`` (another signature label).
        """
        signed = container.PREAMBLE.pack(
            container.MAGIC, preamble.get("kind", 1), preamble.get("version", container.VERSION),
            preamble.get("flags", 0), len(header), len(ciphertext),
            bytes.fromhex(preamble.get("sender", self.sender)),
            bytes.fromhex(preamble.get("recipient", self.recipient)), bytes(64),
        )[: container.SIGNED_PREAMBLE]  # fmt: skip
        message = container._signed_message(preamble.get("label", "batch"), signed, header)
        signer: Ed25519PrivateKey = preamble.get("signer", self.signer)
        return signed + signer.sign(message) + header + ciphertext


def split(data: bytes) -> tuple[bytes, bytes]:
    """A well-formed file's header bytes and ciphertext."""
    h = int(container.PREAMBLE.unpack_from(data)[4])
    return data[128 : 128 + h], data[128 + h :]


@dataclass(frozen=True)
class Mutant:
    data: bytes
    kind: str


# --- family A: byte surgery ----------------------------------------------------------------------

_Bytes = Callable[[random.Random, bytes, int, int, list[bytes]], bytes]


def _flip(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 8])):
        out[rng.randrange(lo, hi)] ^= 1 << rng.randrange(8)
    return bytes(out)


def _set(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        out[rng.randrange(lo, hi)] = rng.choice([0, 0xFF, 0x7F, 0x80, rng.randrange(256)])
    return bytes(out)


def _field(rng: random.Random, data: bytes, _lo: int, _hi: int, _o: list[bytes]) -> bytes:
    """A preamble field set to an edge value (lengths: off by one, at and past the limits)."""
    h = int(container.PREAMBLE.unpack_from(data)[4])
    c = len(data) - 128 - h
    at, size, values = rng.choice(
        [
            (8, 1, [0, 2, 3, 0x81, 255]),  # kind
            (9, 1, [0, 2, 3, 255]),  # version
            (10, 2, [1, 2, 0x8000, 0xFFFF]),  # flags
            (12, 4, [0, 1, 2, 3, h - 1, h + 1, container.MAX_HEADER, container.MAX_HEADER + 1,
                     2**32 - 1]),
            (16, 8, [0, 15, 16, 17, c - 1, c + 1, container.MAX_FILE, 2**63, 2**64 - 1]),
        ]
    )  # fmt: skip
    value = rng.choice(values) % (1 << (8 * size))
    return data[:at] + value.to_bytes(size, "big") + data[at + size :]


def _insert(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    at = rng.randrange(lo, hi + 1)
    return data[:at] + rng.randbytes(rng.choice([1, 1, 2, 7, 64, 1000])) + data[at:]


def _delete(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    at = rng.randrange(lo, hi)
    return data[:at] + data[at + rng.choice([1, 1, 2, 16, 256]) :]


def _truncate(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    return data[: rng.randrange(lo, hi)]


def _duplicate(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    at, to = rng.randrange(lo, hi), rng.randrange(len(data))
    return data[:to] + data[at : at + rng.choice([1, 4, 32, 128, 1024])] + data[to:]


def _swap(rng: random.Random, data: bytes, lo: int, hi: int, _o: list[bytes]) -> bytes:
    width = rng.choice([1, 2, 8, 20, 64])
    i, j = sorted((rng.randrange(lo, hi), rng.randrange(len(data))))
    j = max(j, i + width)
    a, b = data[i : i + width], data[j : j + width]
    return data[:i] + b + data[i + width : j] + a + data[j + len(b) :]


def _splice(rng: random.Random, data: bytes, _lo: int, _hi: int, others: list[bytes]) -> bytes:
    """The head of one valid batch and the tail of another, at the same offset or anywhere."""
    other = rng.choice(others)
    if rng.random() < 0.5:
        data, other = other, data
    i = rng.randrange(1, len(data))
    j = i if rng.random() < 0.5 else rng.randrange(len(other))
    return data[:i] + other[j:]


def _tail(rng: random.Random, data: bytes, _lo: int, _hi: int, _o: list[bytes]) -> bytes:
    return data + rng.randbytes(rng.choice([1, 1, 16, 4096]))


_FAMILY_A: dict[str, tuple[_Bytes, int]] = {
    "flip": (_flip, 20), "set": (_set, 14), "field": (_field, 10), "insert": (_insert, 8),
    "delete": (_delete, 8), "truncate": (_truncate, 8), "duplicate": (_duplicate, 6),
    "swap": (_swap, 6), "splice": (_splice, 14), "tail": (_tail, 6),
}  # fmt: skip


def family_a(seed: int, material: Material) -> Mutant:
    """1–3 byte operations on batch 3, each aimed at a part of the file or anywhere."""
    rng = random.Random(seed)
    valid = {material.target, *material.others}
    names, weights = list(_FAMILY_A), [w for _f, w in _FAMILY_A.values()]
    while True:
        data, kinds = material.target, []
        for _ in range(rng.choice([1, 1, 1, 1, 2, 3])):
            kind = rng.choices(names, weights)[0]
            if len(data) < 129:  # an earlier cut left too little to aim at
                kind = "tail"
            h = int.from_bytes(data[12:16], "big")
            end = min(128 + h, len(data) - 1)
            lo, hi = rng.choices(
                [(0, len(data)), (0, 64), (64, 128), (128, max(end, 129)), (end, len(data))],
                [30, 15, 15, 25, 15],
            )[0]
            data = _FAMILY_A[kind][0](rng, data, lo, hi, material.others)
            kinds.append(kind)
        if data not in valid:  # a no-op would rightly be accepted: draw again
            return Mutant(data, "+".join(kinds))


# --- family B: signed again with the site's key --------------------------------------------------

AWKWARD_JSON: list[Any] = [
    None, True, False, 0, 1, -1, 2, 3, 4, 2**31 - 1, 2**31, 2**62, 2**62 + 1, 2**63, 2**64,
    -(2**63), 1.5, 0.0, "", " ", "x" * 201, "é" * 10, "\u0000", "FR-086", "DE-012", "fr-086",
    "FR-086-0001-R", "FR-086-9999-Z", "0" * 64, "f" * 64, "F" * 64, "0" * 40, "0" * 63,
    "2026-11-21T09:00:00Z", "2026-13-45T25:61:61Z", "2026-11-21 09:00:00", "cmlentry/v1/ack",
    "cmlentry/v1/batch", "application/json", "deflate", "none", "AAAA", "A" * 108, [], {}, [1],
    {"a": 1}, [[[[[1]]]]], {"id": "FR-086-0001-R"},
]  # fmt: skip


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at] if at else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*at, index))
    return found


def _tweak(rng: random.Random, value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return rng.choice(AWKWARD_JSON)
    if isinstance(value, int):
        return rng.choice([value + 1, value - 1, value * 2, -value, value + 2**32])
    if isinstance(value, str) and value:
        i = rng.randrange(len(value))
        changed = value[:i] + rng.choice("0af9Z-/ é") + value[i + 1 :]
        return rng.choice([changed, value[:i] + value[i + 1 :], value + value[-1], value.upper()])
    return value[::-1] if isinstance(value, list) else rng.choice(AWKWARD_JSON)


def _add(rng: random.Random, value: Any) -> Any:
    if isinstance(value, dict):
        return {**value, rng.choice(["extra", "critical", "site", "z"]): rng.choice(AWKWARD_JSON)}
    if isinstance(value, list):
        return [*value, copy.deepcopy(rng.choice(value or AWKWARD_JSON))]
    return [value, value]


_JSON_OPS: dict[str, Callable[[random.Random, Any], Any]] = {
    "replace": lambda rng, _v: copy.deepcopy(rng.choice(AWKWARD_JSON)),
    "tweak": _tweak,
    "add": _add,
    "retype": lambda _rng, v: [v] if isinstance(v, str) else str(v),
    "repeat": lambda rng, v: v * rng.choice([2, 3]) if isinstance(v, list) else {"v": v},
}
_DELETE = object()


def mutate_json(rng: random.Random, document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """One change at a random place of a JSON document (a changed copy, and what was done)."""
    doc = copy.deepcopy(document)
    path = rng.choice(_paths(doc))
    parent: Any = doc
    for step in path[:-1]:
        parent = parent[step]
    op = rng.choice(["replace", "replace", "tweak", "tweak", "delete", "add", "retype", "repeat"])
    if op == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = _JSON_OPS[op](rng, parent[path[-1]])
    return doc, f"{op} {'.'.join(map(str, path))[:48]}"


def _b_header(rng: random.Random, m: Material) -> Mutant:
    """The header object changed anywhere (once or twice), written canonically, signed again."""
    fields, how = mutate_json(rng, m.fields)
    if rng.random() < 0.3:
        fields, more = mutate_json(rng, fields)
        how += f", {more}"
    return Mutant(m.resign(canonical.encode(fields), split(m.target)[1]), f"header: {how}")


_SEQ = '"sequence":3'
_HEADER_TEXT: dict[str, Callable[[random.Random, str, dict[str, Any]], str]] = {
    "indent": lambda rng, _t, f: json.dumps(f, sort_keys=True, indent=rng.choice([0, 1])),
    "spaces": lambda _r, _t, f: json.dumps(f, sort_keys=True, ensure_ascii=False),
    "unsorted": lambda _r, _t, f: json.dumps(dict(reversed(f.items())), separators=(",", ":")),
    "ascii": lambda _r, _t, f: json.dumps({**f, "created_at": "é"}, sort_keys=True),
    "duplicate key": lambda _r, t, _f: '{"site":"DE-012",' + t[1:],
    "bom": lambda _r, t, _f: "\ufeff" + t,
    "float": lambda _r, t, _f: t.replace(_SEQ, _SEQ + ".0"),
    "exponent": lambda _r, t, _f: t.replace(_SEQ, _SEQ + "e0"),
    "leading zero": lambda _r, t, _f: t.replace(_SEQ, '"sequence":03'),
    "minus zero": lambda _r, t, _f: t.replace(_SEQ, '"sequence":-0'),
    "nan": lambda rng, t, _f: t.replace(_SEQ, '"sequence":' + rng.choice(["NaN", "-Infinity"])),
    "huge number": lambda _r, t, _f: t.replace(_SEQ, '"sequence":' + "9" * 5000),
    "deep": lambda rng, t, _f: (
        t[:-1] + ',"z":' + "[" * (d := rng.choice([6, 50, 5000])) + "]" * d + "}"
    ),
    "surrogate": lambda _r, t, _f: t.replace('"FR-086"', '"FR-086\\ud800"', 1),
    "escape": lambda _r, t, _f: t.replace('"FR-086"', '"\\u0046R-086"', 1),
    "trailing": lambda rng, t, _f: t + rng.choice([" ", "\n", "{}", "\x00"]),
    "cut": lambda rng, t, _f: t[: rng.randrange(2, len(t))],
    "huge string": lambda rng, t, _f: t.replace('"FR-086"', f'"{"F" * rng.choice([201, 10**5])}"'),
    "control char": lambda _r, t, _f: t.replace('"FR-086"', '"FR-086\x01"', 1),
}


def _b_header_bytes(rng: random.Random, m: Material) -> Mutant:
    """The header's bytes written in a way the canonical form forbids, signed again."""
    header, ciphertext = split(m.target)
    kind = rng.choice([*_HEADER_TEXT, "bad utf-8"])
    if kind == "bad utf-8":
        raw = bytearray(header)
        raw[rng.randrange(len(raw))] = rng.choice([0xFF, 0xC0, 0x80, 0xED])
        new = bytes(raw)
    else:
        new = _HEADER_TEXT[kind](rng, header.decode(), m.fields).encode("utf-8", "surrogatepass")
    return Mutant(m.resign(new, ciphertext), f"header bytes: {kind}")


def _b_preamble(rng: random.Random, m: Material) -> Mutant:
    """Preamble fields changed (or another signer or label), signed over as changed."""
    header, ciphertext = split(m.target)
    stranger = rng.randbytes(20).hex()
    kind, value = rng.choice(
        [("kind", rng.choice([0, 2, 3])), ("version", rng.choice([0, 2, 255])),
         ("flags", rng.choice([1, 0x8000])), ("sender", rng.choice([m.recipient, stranger])),
         ("recipient", rng.choice([m.sender, stranger])),
         ("signer", Ed25519PrivateKey.generate()), ("label", "ack")]
    )  # fmt: skip
    return Mutant(m.resign(header, ciphertext, **{kind: value}), f"preamble: {kind}")


_FIELD_VALUES: dict[str, Callable[[random.Random, Material], tuple[tuple[str, ...], Any]]] = {
    "site": lambda rng, _m: (("site",), rng.choice(["DE-012", "FR-087", "XX-000"])),
    "sequence": lambda rng, _m: (("sequence",), rng.choice([1, 2, 4, 5, 100, 2**31 - 1])),
    "previous": lambda rng, m: (("previous_batch_sha256",), rng.choice(
        [container.ZERO_HASH, container.sha256_hex(m.others[0]), rng.randbytes(32).hex()])),
    "created_at": lambda rng, _m: (("created_at",), rng.choice(
        ["1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z"])),
    "versions": lambda rng, _m: (("versions", rng.choice(["application", "sqlcipher"])),
                                 rng.choice(["", "9.9.9", "x" * 201, 1])),
    "audit head": lambda rng, _m: (("manifest", "audit_chain_head"), rng.choice(
        [{"seq": 0, "sha256": container.ZERO_HASH}, {"seq": -1, "sha256": "x"}, {}])),
}  # fmt: skip


def _b_fields(rng: random.Random, m: Material) -> Mutant:
    """Sealed fields changed and the file sealed properly (the file keys bound to them)."""
    fields = m.seal_fields()
    kind = rng.choice(list(_FIELD_VALUES))
    path, value = _FIELD_VALUES[kind](rng, m)
    parent = fields
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return Mutant(m.seal(fields, m.payload), f"fields: {kind}")


_SUBJECT = re.compile(r"<SubjectData\b.*?</SubjectData>", re.S)


def _both(rng: random.Random, m: Material, drop: bool) -> tuple[list[int], bytes]:
    """Subjects dropped or reordered in the ODM and the manifest alike: still consistent."""
    text = m.payload.decode()
    subjects = list(_SUBJECT.finditer(text))
    order = list(range(len(subjects)))
    if drop and len(order) > 1:
        order.pop(rng.randrange(len(order)))
    elif len(order) > 1:
        while order == sorted(order):
            rng.shuffle(order)
    body = "".join(subjects[i].group(0) for i in order)
    return order, (text[: subjects[0].start()] + body + text[subjects[-1].end() :]).encode()


def _b_manifest(rng: random.Random, m: Material) -> Mutant:
    """The manifest changed; the ODM left alone, or changed the same way (then consistent)."""
    fields = m.seal_fields()
    records: list[dict[str, Any]] = fields["manifest"]["records"]
    payload, one = m.payload, rng.choice(records)
    kind = rng.choice(["drop both", "reorder both", "drop", "reorder", "duplicate", "hash", "id",
                       "revision", "base", "count", "many"])  # fmt: skip
    if kind.endswith("both"):
        order, payload = _both(rng, m, kind == "drop both")
        records[:] = [records[i] for i in order]
    elif kind in ("drop", "reorder", "duplicate", "many"):
        records[:] = {
            "drop": records[1:],
            "reorder": records[::-1],
            "duplicate": [*records, one],
            "many": [dict(one, id=f"FR-086-{i:04d}-A") for i in range(1, 20_002)],
        }[kind]
    else:
        key, value = {
            "hash": ("sha256", rng.choice([container.ZERO_HASH, records[0]["sha256"]])),
            "id": ("id", rng.choice(["FR-086-0002-Y", "DE-012-0001-A", records[0]["id"]])),
            "revision": ("revision", rng.choice([1, one["revision"] + 1, 2**62])),
            "base": ("base_revision", rng.choice([1, one["revision"] - 1, one["revision"]])),
            "count": ("revision", one["revision"]),
        }[kind]
        one[key] = value
    count = len(records) + (rng.choice([-1, 1]) if kind == "count" else 0)
    fields["manifest"]["record_count"] = count
    return Mutant(m.seal(fields, payload), f"manifest: {kind}")


_XML_AWKWARD = [
    "", "0", "1", "-1", "2", "01", "1.0", "99999999999", "Yes", "No", "M", "F", "X", "UNK", "NA",
    "ND", "NASK", "FR-086-0001-R", "FR-086-0003-W", "FR-086-0002-Y", "FR-086", "DE-012",
    "BATCH.FR-086.000002", "BATCH.FR-086.000003", "BATCH.FR-086.000004", "MDV.cml-ifp-1.0",
    "MDV.x", "ST.cml-ifp", "F.patient", "F.x", "IG.patient", "IG.x", "I.sex", "I.wbc", "I.x",
    "CL.MISSING", "CL.CASE_STATUS", "USR.admin", "USR.nobody", "LOC.FR-086", "LOC.XX-000",
    "2026-11-21T09:00:00Z", "2026-02-30T09:00:00Z", "2016-07", "2016-13", "x" * 300, "é",
    "&amp;", "&lt;", "&#0;", "&#x1F600;", "\u202e", "Upsert", "Remove", "Insert", "Snapshot",
    "1.3.2", "1.3.1", "complete", "draft", "signed",
]  # fmt: skip
_ATTRIBUTE = re.compile(r'(\b[\w:]+=")([^"]*)(")')
_TEXT = re.compile(r"(>)([^<]+)(</)")
_TAG = re.compile(r"(</?)(\w+)([ >/])")
_NAMES = "ItemData|ItemGroupData|FormData|SubjectData|Annotation|AuditRecord|Flag|Signature|User"
_ELEMENT = re.compile(rf"<({_NAMES})\b[^>]*?(?:/>|>.*?</\1>)", re.S)
_DTDS = [
    '<!DOCTYPE ODM [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE ODM [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE ODM SYSTEM "http://127.0.0.1:9/odm.dtd">',
    '<!DOCTYPE ODM [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x">%p;]>',
    "<!DOCTYPE ODM>",
]
_Odm = Callable[[random.Random, str, int], str]


def _sub_one(pattern: re.Pattern[str]) -> _Odm:
    """Replace group 2 of one match (an attribute value, a text, a tag name) after ``lo``."""

    def mutate(rng: random.Random, text: str, lo: int) -> str:
        found = [x for x in pattern.finditer(text, lo)]
        if not found:
            return text
        match = rng.choice(found)
        new = rng.choice(_XML_AWKWARD) if rng.random() < 0.8 else rng.choice(found).group(2)
        if rng.random() < 0.6:
            new = new.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        return text[: match.start(2)] + new + text[match.end(2) :]

    return mutate


def _element(op: str) -> _Odm:
    """Duplicate, drop or swap whole elements (an answer, a row, a form, a subject ...)."""

    def mutate(rng: random.Random, text: str, lo: int) -> str:
        found = list(_ELEMENT.finditer(text, lo))
        if not found:
            return text
        a = rng.choice(found)
        if op == "duplicate":
            return text[: a.end()] + a.group(0) + text[a.end() :]
        if op == "drop":
            return text[: a.start()] + text[a.end() :]
        later = [b for b in found if b.group(1) == a.group(1) and b.start() >= a.end()]
        if not later:
            return text
        b = rng.choice(later)
        middle = text[a.end() : b.start()]
        return text[: a.start()] + b.group(0) + middle + a.group(0) + text[b.end() :]

    return mutate


def _chars(rng: random.Random, text: str, lo: int) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        chars[rng.randrange(lo, len(chars))] = rng.choice("<>&\"'=/ x0\n\x00")
    return "".join(chars)


def _at(rng: random.Random, text: str, lo: int, insert: str) -> str:
    at = text.find(">", rng.randrange(lo, len(text) - 1)) + 1
    return text[:at] + insert + text[at:]


_ASIDES = ["<!--x-->", "<?x?>", "<![CDATA[x]]>", "<x/>", "\x0c"]


def _nest(depth: int) -> str:
    return "<x>" * depth + "</x>" * depth


_ODM_OPS: dict[str, _Odm] = {
    "chars": _chars,
    "cut": lambda rng, t, lo: t[: (a := rng.randrange(lo, len(t)))]
    + t[a + rng.choice([1, 10, 200, 5000]) :],
    "repeat": lambda rng, t, lo: _at(rng, t, lo, t[(a := rng.randrange(lo, len(t))) : a + 300]),
    "attribute": _sub_one(_ATTRIBUTE),
    "text": _sub_one(_TEXT),
    "tag": _sub_one(_TAG),
    "dtd": lambda rng, t, _lo: t.replace("?>", "?>" + rng.choice(_DTDS), 1),
    "entity": lambda rng, t, lo: _at(rng, t, lo, rng.choice(["&a;", "&lt;", "&#0;", "&#xD800;"])),
    "comment": lambda rng, t, lo: _at(rng, t, lo, rng.choice(_ASIDES)),
    "namespace": lambda rng, t, _lo: t.replace("odm/v1.3", rng.choice(["odm/v1.2", ""]), 1),
    "encoding": lambda rng, t, _lo: t.replace("UTF-8", rng.choice(["UTF-16", "latin-1", "x"]), 1),
    "duplicate": _element("duplicate"),
    "drop": _element("drop"),
    "swap": _element("swap"),
    "deep": lambda rng, t, lo: _at(rng, t, lo, _nest(rng.choice([100, 5000, 100_000]))),
    "big text": lambda rng, t, lo: _at(rng, t, lo, f"<x>{'y' * rng.choice([10**4, 2**21])}</x>"),
    "whitespace": lambda _rng, t, _lo: t.replace("><", ">\n  <"),
    "null": lambda _rng, t, lo: t[: (a := t.find("<ItemData ", lo) + 10)] + 'IsNull="Yes" ' + t[a:],
}  # fmt: skip
_ODM_WEIGHTS = {"attribute": 6, "text": 3, "drop": 3, "duplicate": 2, "swap": 2, "chars": 2}


def _b_odm(rng: random.Random, m: Material) -> Mutant:
    """The ODM text changed 1–3 times (at the clinical data 4 in 5), sealed with batch 3's
    own fields and manifest."""
    text = m.payload.decode()
    names = list(_ODM_OPS)
    weights = [_ODM_WEIGHTS.get(n, 1) for n in names]
    kinds = rng.choices(names, weights, k=rng.choice([1, 1, 1, 2, 3]))
    for kind in kinds:
        lo = max(text.find("<ClinicalData"), 0) if rng.random() < 0.8 else 0
        text = _ODM_OPS[kind](rng, text, lo)
    payload = text.encode("utf-8", "surrogatepass")
    return Mutant(m.seal(m.seal_fields(), payload), f"odm: {', '.join(kinds)}")


_LAUGHS = b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(8))


def _b_payload(rng: random.Random, m: Material) -> Mutant:
    """Another payload altogether, or a small ciphertext that inflates far past its signed
    length (a zip bomb: the header says less than the stream holds)."""
    kind = rng.choice(["empty", "random", "not odm", "utf-16", "laughs", "bomb"])
    if kind == "bomb":
        header, ciphertext = split(m.seal(m.seal_fields(), bytes(rng.choice([4, 32]) << 20)))
        document = json.loads(header)
        document["payload"]["plaintext_length"] = rng.choice([0, 1000, len(m.payload)])
        return Mutant(m.resign(canonical.encode(document), ciphertext), "payload: bomb")
    payload = {
        "empty": b"",
        "random": rng.randbytes(rng.choice([1, 100, 10_000])),
        "not odm": b"<?xml version='1.0'?><html><body/></html>",
        "utf-16": m.payload.decode().replace("UTF-8", "UTF-16", 1).encode("utf-16"),
        "laughs": b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + _LAUGHS + b"]><ODM>&i;</ODM>",
    }[kind]
    return Mutant(m.seal(m.seal_fields(), payload), f"payload: {kind}")


_FAMILY_B: list[tuple[Callable[[random.Random, Material], Mutant], int]] = [
    (_b_header, 28), (_b_header_bytes, 8), (_b_preamble, 5), (_b_fields, 10),
    (_b_manifest, 14), (_b_odm, 32), (_b_payload, 3),
]  # fmt: skip


def family_b(seed: int, material: Material) -> Mutant:
    """A mutant signed again with the site's real key, so the deeper checks are reached."""
    rng = random.Random(seed)
    maker = rng.choices([f for f, _w in _FAMILY_B], [w for _f, w in _FAMILY_B])[0]
    return maker(rng, material)


# --- running -------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What became of the mutants of one run."""

    mutants: Counter[str] = field(default_factory=Counter)  # by family
    refused: Counter[tuple[str, str]] = field(default_factory=Counter)  # (family, class)
    accepted: Counter[str] = field(default_factory=Counter)  # verify returned, by family
    inconsistent: int = 0  # family B accepted although a record does not re-hash
    unexpected: int = 0
    over_bound: int = 0
    over_time: int = 0
    over_memory: int = 0
    sampled: int = 0
    sample_problems: int = 0
    traced: int = 0
    # The imports of family B mutants that verified: what became of them, by backend.
    imports: Counter[tuple[str, str]] = field(default_factory=Counter)  # (backend, outcome)
    import_cases: Counter[tuple[str, str]] = field(default_factory=Counter)  # (backend, answer)
    import_unexpected: int = 0  # an exception that is not a CmlentryError
    import_problems: int = 0  # imported, but not answering its manifest's cases in order
    slowest: tuple[float, str] = (0.0, "")
    slowest_import: tuple[float, str] = (0.0, "")
    heaviest_rss: tuple[int, str] = (0, "")
    heaviest_traced: tuple[int, str] = (0, "")
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(text)

    def add(self, other: Tally) -> None:
        for name in ("mutants", "refused", "accepted", "imports", "import_cases"):
            getattr(self, name).update(getattr(other, name))
        for name in ("inconsistent", "unexpected", "over_bound", "over_time", "over_memory",
                     "sampled", "sample_problems", "traced", "import_unexpected",
                     "import_problems"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("slowest", "slowest_import", "heaviest_rss", "heaviest_traced"):
            setattr(self, name, max(getattr(self, name), getattr(other, name)))
        self.seconds = max(self.seconds, other.seconds)
        self.examples.extend(other.examples[: MAX_EXAMPLES - len(self.examples)])

    @property
    def total(self) -> int:
        return sum(self.mutants.values())

    @property
    def imported(self) -> int:
        """Imports tried (one per verified family B mutant and backend)."""
        return sum(self.imports.values()) + self.import_unexpected

    @property
    def clean(self) -> bool:
        """Nothing a correct importer may show: no family A acceptance, no bad B acceptance,
        no import ending otherwise than typed."""
        bad = self.accepted["A"] + self.inconsistent + self.unexpected + self.over_bound
        bad += self.sample_problems + self.import_unexpected + self.import_problems
        return bad == 0


class Meter:
    """Time and memory of one verify.

    Memory is the peak resident set during the call above the resident set just before it
    (Linux: the peak is reset through ``/proc/self/clear_refs`` before each call, so it covers
    C allocations — OpenSSL, zlib, expat — too). Resident memory the allocator kept from an
    earlier call can hide part of a peak, so one call in ``trace_every`` is repeated under
    ``tracemalloc``, which counts every Python allocation exactly (and runs 3–4 times slower,
    which is why it is not used for every call, nor for the timing).
    """

    STATUS = Path("/proc/self/status")
    CLEAR = Path("/proc/self/clear_refs")

    def __init__(self, trace_every: int) -> None:
        self.trace_every = trace_every
        try:
            self.CLEAR.write_text("5")
            self.rss = True
        except OSError:  # not Linux, or not allowed: tracemalloc for every call instead
            self.rss, self.trace_every = False, 1

    def _kib(self, field_name: str) -> int:
        for line in self.STATUS.read_text().splitlines():
            if line.startswith(field_name):
                return int(line.split()[1])
        return 0

    def measure(self, service: ImportService, data: bytes) -> tuple[object, float, int]:
        """The result (or the exception), seconds, and resident bytes added at the peak."""
        before = 0
        if self.rss:
            self.CLEAR.write_text("5")
            before = self._kib("VmRSS:")
        began = time.perf_counter()
        result = _verify(service, data)
        seconds = time.perf_counter() - began
        peak = (self._kib("VmHWM:") - before) * 1024 if self.rss else 0
        return result, seconds, peak

    @staticmethod
    def traced(service: ImportService, data: bytes) -> int:
        """Peak bytes the Python allocators handed out during a verify of ``data``."""
        tracemalloc.start()
        try:
            _verify(service, data)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def _verify(service: ImportService, data: bytes) -> object:
    try:
        return service.verify(data, TARGET_NAME)
    except Exception as exc:  # classified by the caller; nothing may escape the tally
        return exc


def run_chunk(
    template: Path,
    folder: Path,
    seeds: range,
    control: str | None,
    families: str,
    sample: int,
    trace_every: int,
    import_into: tuple[str, ...] = (),
    server: str | None = None,
) -> Tally:
    """Verify the mutants of ``seeds`` in a copy of the world at ``template`` (and import
    those of family B that verify into fresh stores of each backend of ``import_into``)."""
    registry = _Registry(template, folder, import_into, server)
    meter = Meter(trace_every)
    tally = Tally()
    started = time.perf_counter()
    try:
        with planted(control):
            for seed in seeds:
                family = "B" if seed % 2 else "A"
                family = family if family in families else families
                refused = _one(registry, meter, tally, seed, family)
                if refused is not None and sample and seed // 2 % sample == 0:
                    _sample(registry, tally, *refused, f"#{seed}")
    finally:
        registry.close()
    tally.seconds = time.perf_counter() - started
    return tally


def make_mutant(seed: int, family: str, material: Material) -> Mutant:
    return family_a(seed, material) if family == "A" else family_b(seed, material)


def _one(
    registry: _Registry, meter: Meter, tally: Tally, seed: int, family: str
) -> tuple[bytes, BatchRefused] | None:
    """Make, verify and classify mutant ``seed``; the mutant and its refusal if refused."""
    material = registry.material
    mutant = make_mutant(seed, family, material)
    tally.mutants[family] += 1
    name = f"#{seed} {family} {mutant.kind}"
    result, seconds, rss = meter.measure(registry.service, mutant.data)
    traced = 0
    if seed // 2 % meter.trace_every == 0:  # both families: mutants come in pairs
        traced = meter.traced(registry.service, mutant.data)
        tally.traced += 1
    tally.slowest = max(tally.slowest, (seconds, name))
    tally.heaviest_rss = max(tally.heaviest_rss, (rss, name))
    tally.heaviest_traced = max(tally.heaviest_traced, (traced, name))
    over_time, over_memory = seconds > MAX_SECONDS, max(rss, traced) > MAX_BYTES
    if over_time or over_memory:
        tally.over_bound += 1
        tally.over_time += over_time
        tally.over_memory += over_memory
        tally.note(f"over bound ({seconds:.2f} s, {max(rss, traced) / 2**20:.1f} MiB): {name}")
    if isinstance(result, BatchRefused):
        tally.refused[(family, type(result).__name__)] += 1
        return mutant.data, result
    if isinstance(result, Exception):
        tally.unexpected += 1
        tally.note(f"unexpected {type(result).__name__}: {name}: {str(result)[:160]}")
        return None
    tally.accepted[family] += 1
    if family == "A":
        tally.note(f"accepted: {name}")
        return None
    # The manifest this harness signed: the one in the mutant's own header bytes.
    sealed = json.loads(split(mutant.data)[0])["manifest"]["records"]
    records = result.records if isinstance(result, _Verified) else []
    found = [(r["id"], record_sha256(r)) for r in records]
    if found != [(m["id"], m["sha256"]) for m in sealed]:
        tally.inconsistent += 1
        tally.note(f"accepted, records do not re-hash to the sealed manifest: {name}")
    if registry.copies:
        import_verified(registry, tally, mutant.data, name, [m["id"] for m in sealed])
    return None


def import_verified(
    registry: _Registry, tally: Tally, data: bytes, name: str, ids: list[str]
) -> None:
    """Import a file that verified into a fresh copy of the store on each backend: it must be
    imported, answering the cases ``ids`` in order, or end in a ``CmlentryError``."""
    path = registry.samples / TARGET_NAME
    path.write_bytes(data)
    try:
        for copies in registry.copies:
            with copies.fresh() as store:
                _import_into(store, copies.backend, registry, tally, path, name, ids)
    finally:
        path.unlink()
        for ack in registry.samples.glob("*.cmlack"):
            ack.unlink()


def _import_into(
    store: CentralStore,
    backend: str,
    registry: _Registry,
    tally: Tally,
    path: Path,
    name: str,
    ids: list[str],
) -> None:
    began = time.perf_counter()
    try:
        outcome = ImportService(registry.ws, store).import_file(path, registry.samples)
    except CmlentryError as exc:  # typed: a sentence for the coordinator
        tally.imports[(backend, f"{type(exc).__name__} ({exc.code})")] += 1
        return
    except Exception as exc:  # classified here; nothing may escape the tally
        tally.import_unexpected += 1
        first = (str(exc).splitlines() or [""])[0]
        tally.note(f"import into {backend}: unexpected {type(exc).__name__}: {name}: {first[:160]}")
        return
    finally:
        took = time.perf_counter() - began
        tally.slowest_import = max(tally.slowest_import, (took, f"{name} into {backend}"))
    error = outcome.error
    what = outcome.status
    if error is not None:
        what += f", {type(error).__name__} ({error.code})"
    tally.imports[(backend, what)] += 1
    if outcome.status == "imported":
        tally.import_cases[(backend, "accepted")] += outcome.accepted
        tally.import_cases[(backend, "rejected")] += len(outcome.rejected)
        if [answer.registry_id for answer in outcome.answers] != ids:
            tally.import_problems += 1
            tally.note(f"imported into {backend}, not answering its manifest: {name}")


def _no_signature_check(
    data: bytes,
    preamble: Preamble,
    *,
    trusted: Any,
    recipient_key_id: str,
    file: str,
) -> TrustedKey:
    """The control's planted defect: every check of step 3 but the Ed25519 signature."""
    del data
    key: TrustedKey | None = trusted(preamble.sender_key_id)
    if key is None:
        raise UnknownSenderKey(file=file)
    if preamble.recipient_key_id != recipient_key_id:
        raise WrongRecipient(file=file)
    return key


@contextlib.contextmanager
def planted(control: str | None) -> Iterator[None]:
    """The importer as it is (``None``) or with one control's defect, restored on leaving."""
    if control is None:
        yield
        return
    if control == "no_signature":
        saved: Any = container.verify_signature
        container.verify_signature = _no_signature_check
        try:
            yield
        finally:
            container.verify_signature = saved
        return
    if control == "no_record_hash":
        saved = importer_module.ImportService._check_payload
        importer_module.ImportService._check_payload = staticmethod(  # type: ignore[method-assign]
            lambda header, document, name: None
        )
        try:
            yield
        finally:
            importer_module.ImportService._check_payload = saved  # type: ignore[method-assign]
        return
    if control in ("slow_check", "heavy_check"):
        saved = container.read_preamble
        container.read_preamble = _costly_check(saved, control == "slow_check")
        try:
            yield
        finally:
            container.read_preamble = saved
        return
    raise ValueError(f"unknown control {control!r}; choose one of {CONTROLS}")


def _costly_check(check: Any, slow: bool) -> Any:
    """The meter's controls' planted defect: ``check`` (step 2, which every verify reaches)
    after sleeping past the time bound, or while holding more than the memory bound."""

    def planted_check(*args: Any, **kwargs: Any) -> Any:
        if slow:
            time.sleep(SLOW_SECONDS)
            return check(*args, **kwargs)
        ballast = b"\x01" * HEAVY_BYTES  # written, so every page is resident
        try:
            return check(*args, **kwargs)
        finally:
            del ballast

    return planted_check


class _Registry:
    """A worker's own copy of the world, its registry open, ready to verify; and the stores a
    verified mutant is imported into."""

    def __init__(
        self,
        template: Path,
        folder: Path,
        import_into: tuple[str, ...] = (),
        server: str | None = None,
    ) -> None:
        shutil.copytree(template, folder)
        self.folder = folder
        self.world = _world_at(folder)
        self.paths = sorted(self.world.out.glob("*.cmlbatch"))
        self.material = load_material(self.world, self.paths)
        self.ws: Workspace = self.world.registry()
        self.store: CentralStore = open_central_store(self.ws)
        self.service = ImportService(self.ws, self.store)
        self.samples = folder / "samples"
        self.samples.mkdir()
        self.copies: list[SqliteCopies | PostgresCopies] = []
        try:
            for backend in import_into:
                if backend == "sqlite":
                    self.copies.append(SqliteCopies(self))
                elif backend == "postgresql" and server is not None:
                    self.copies.append(PostgresCopies(self, server))
                else:
                    raise ValueError(f"cannot import into {backend!r} (server: {server})")
        except BaseException:
            self.close()
            raise

    def as_the_registry_holds(self, store: CentralStore) -> None:
        """``store`` (empty) brought to where the world's registry is, by the same services:
        the site's key registered, batches 1 and 2 imported."""
        CentreService(self.ws, store).register(self.world.out / "site.cmlkey")
        scratch = Path(tempfile.mkdtemp(dir=self.folder))
        for path in self.paths[:2]:
            outcome = ImportService(self.ws, store).import_file(path, scratch)
            if outcome.status != "imported":
                raise RuntimeError(f"the world's batch {path.name} was {outcome.status}")
        shutil.rmtree(scratch)

    def close(self) -> None:
        try:
            for copies in self.copies:
                copies.close()
        finally:
            self.store.close()
            self.ws.close()

    def snapshot(self) -> tuple[object, ...]:
        """Everything an import could change in the store, except the list of refusals."""
        with self.store.read() as s:
            return (
                s.execute(select(ReceivedBatch.id, ReceivedBatch.file_sha256)).all(),
                s.execute(select(CaseVersion.id, CaseVersion.record_sha256)).all(),
                s.execute(
                    select(CentralCase.id, CentralCase.current_version_id, CentralCase.updated_at)
                ).all(),
                s.execute(select(Acknowledgement.id, Acknowledgement.file_sha256)).all(),
            )

    def refusals(self) -> list[tuple[str, str]]:
        with self.store.read() as s:
            rows = s.execute(
                select(RefusedBatch.file_sha256, RefusedBatch.error_code).order_by(RefusedBatch.id)
            ).all()
        return [(r.file_sha256, r.error_code) for r in rows]


class SqliteCopies:
    """Fresh central stores in SQLCipher files: a template made once, copied for each import
    (a file of a few hundred KiB: milliseconds). Its key lives in memory only."""

    backend = "sqlite"

    def __init__(self, registry: _Registry) -> None:
        self.key = new_database_key()
        self.template = registry.folder / "central-template.db"
        self.copy = registry.folder / "central-copy.db"
        db = Database(self.template, self.key)
        try:
            db.migrate()  # the workspace's tables beside the central ones, as in a registry
            registry.as_the_registry_holds(CentralStore.in_workspace(db))
        finally:
            db.close()

    @contextlib.contextmanager
    def fresh(self) -> Iterator[CentralStore]:
        shutil.copyfile(self.template, self.copy)
        db = Database(self.copy, self.key)
        try:
            yield CentralStore.in_workspace(db)
        finally:
            db.close()
            for path in self.copy.parent.glob(self.copy.name + "*"):
                path.unlink()

    def close(self) -> None:
        """Nothing held: the files go with the worker's folder."""


class PostgresCopies:
    """Fresh central stores in PostgreSQL: a template database made once, cloned for each
    import (:func:`tests.harness.batch_forge.clone_database`) and dropped after it."""

    backend = "postgresql"

    def __init__(self, registry: _Registry, server: str) -> None:
        self.server = server
        self.admin = create_engine(server, isolation_level="AUTOCOMMIT")
        self.template: str | None = None
        try:
            self.template = clone_database(self.admin, None)
            store = CentralStore.at_url(database_url(server, self.template))
            try:
                registry.as_the_registry_holds(store)
            finally:
                store.close()  # a template takes no connections, or it cannot be cloned
        except BaseException:
            self.close()
            raise

    @contextlib.contextmanager
    def fresh(self) -> Iterator[CentralStore]:
        name = clone_database(self.admin, self.template)
        try:
            store = CentralStore.at_url(database_url(self.server, name))
            try:
                yield store
            finally:
                store.close()
        finally:
            _drop_database(self.admin, name)

    def close(self) -> None:
        try:
            if self.template is not None:
                _drop_database(self.admin, self.template)
        finally:
            self.admin.dispose()


def _sample(
    registry: _Registry, tally: Tally, data: bytes, refusal: BatchRefused, name: str
) -> None:
    """The full import of a refused mutant: the same refusal, the store unchanged."""
    tally.sampled += 1
    path = registry.samples / TARGET_NAME
    path.write_bytes(data)
    before, refused = registry.snapshot(), registry.refusals()
    outcome = registry.service.import_file(path, registry.samples)
    problems = []
    if outcome.status != "refused" or outcome.error is None:
        problems.append(f"import_file says {outcome.status}")
    elif outcome.error.code != refusal.code:
        problems.append(f"import_file refused with {outcome.error.code}, verify {refusal.code}")
    if registry.snapshot() != before:
        problems.append("the store changed")
    if registry.refusals() != [*refused, (container.sha256_hex(data), refusal.code)]:
        problems.append("the refusal was not recorded exactly once")
    if any(registry.samples.glob("*.cmlack")):
        problems.append("an acknowledgement was written")
    path.unlink()
    if problems:
        tally.sample_problems += 1
        tally.note(f"full import of {name}: {'; '.join(problems)}")


def run(
    template: Path,
    folder: Path,
    mutants: int,
    seed: int,
    *,
    jobs: int = 1,
    control: str | None = None,
    families: str = "AB",
    sample: int = 500,
    trace_every: int = 20,
    import_into: tuple[str, ...] = (),
    server: str | None = None,
) -> Tally:
    """Mutants ``seed`` … ``seed + mutants - 1`` of the world at ``template``, over ``jobs``
    processes (each verifies in its own copy of the world, under ``folder``)."""
    tally = Tally()
    jobs = max(1, min(jobs, mutants))
    size = -(-mutants // jobs) if mutants else 0
    tag = control or "main"
    chunks = [range(seed + n * size, seed + min((n + 1) * size, mutants)) for n in range(jobs)]
    args = [
        (template, folder / f"{tag}-{n}", chunk, control, families, sample, trace_every,
         import_into, server)
        for n, chunk in enumerate(chunks)
        if chunk
    ]  # fmt: skip
    if len(args) == 1:
        tally.add(run_chunk(*args[0]))
    elif args:
        with ProcessPoolExecutor(jobs) as pool:
            for part in pool.map(run_chunk, *zip(*args, strict=True)):
                tally.add(part)
    return tally


@dataclass
class Result:
    main: Tally
    controls: dict[str, Tally]

    @property
    def controls_seen(self) -> bool:
        """Each planted defect was seen: the harness can see an acceptance of each kind, a
        call over the time bound and one over the memory bound."""
        return (
            self.controls["no_signature"].accepted["A"] > 0
            and self.controls["no_record_hash"].inconsistent > 0
            and self.controls["slow_check"].over_time > 0
            and self.controls["heavy_check"].over_memory > 0
        )

    @property
    def ok(self) -> bool:
        return self.main.clean and self.controls_seen


def campaign(
    folder: Path,
    mutants: int,
    seed: int,
    *,
    control_mutants: int = 600,
    jobs: int = 1,
    sample: int = 500,
    trace_every: int = 20,
    cases: int = 7,
    template: Path | None = None,
    import_into: tuple[str, ...] = ("sqlite",),
    server: str | None = None,
) -> Result:
    """Run the mutants (importing the family B ones that verify into ``import_into``), then
    each control, on the world at ``template`` (built in ``folder`` when not given)."""
    if template is None:
        template = folder / "world"
        build_world(template, cases)
    main_run = run(
        template, folder, mutants, seed, jobs=jobs, sample=sample, trace_every=trace_every,
        import_into=import_into, server=server,
    )  # fmt: skip
    families = {"no_signature": "A", "no_record_hash": "B"}
    controls = {
        name: run(
            template,
            folder,
            METER_CONTROL_MUTANTS.get(name, control_mutants),
            seed,
            jobs=jobs,
            control=name,
            families=families.get(name, "AB"),
            sample=0,
            # A traced call is the call again: the slow control would sleep twice.
            trace_every=2**62 if name == "slow_check" else trace_every,
        )
        for name in CONTROLS
    }
    return Result(main_run, controls)


# --- the report ----------------------------------------------------------------------------------


def report(title: str, tally: Tally) -> str:
    """The summary of one run: the refusals by error class, then everything that must be 0."""
    rate = tally.total / max(tally.seconds, 1e-9)
    lines = [
        f"{title}: {tally.total} mutants (family A {tally.mutants['A']}, B {tally.mutants['B']})"
        f" in {tally.seconds:.1f} s, {rate:.0f} mutants/s",
        f"  {'refused by':<26}{'A':>8}{'B':>8}{'total':>8}",
    ]
    classes = sorted({c for _f, c in tally.refused}, key=lambda c: -sum(
        tally.refused[(f, c)] for f in "AB"))  # fmt: skip
    for name in classes:
        a, b = tally.refused[("A", name)], tally.refused[("B", name)]
        lines.append(f"  {name:<26}{a:>8}{b:>8}{a + b:>8}")
    consistent = tally.accepted["B"] - tally.inconsistent
    mib = 2**20
    lines += [
        f"  accepted, family A: {tally.accepted['A']}",
        f"  accepted, family B: {tally.accepted['B']} ({consistent} consistent with their "
        f"manifest, {tally.inconsistent} not)",
        f"  unexpected exceptions: {tally.unexpected}",
        f"  over bound ({MAX_SECONDS:.0f} s or {MAX_BYTES // mib} MiB): {tally.over_bound} "
        f"({tally.over_time} over time, {tally.over_memory} over memory)",
        f"  max time {tally.slowest[0] * 1000:.0f} ms ({tally.slowest[1]})",
        f"  max memory, resident peak over the call: {tally.heaviest_rss[0] / mib:.1f} MiB "
        f"({tally.heaviest_rss[1]})",
        f"  max memory, tracemalloc peak ({tally.traced} calls traced): "
        f"{tally.heaviest_traced[0] / mib:.1f} MiB ({tally.heaviest_traced[1]})",
        f"  full imports of refused mutants: {tally.sampled}, store changed or refusal "
        f"differed: {tally.sample_problems}",
    ]
    if tally.imported:
        lines.append(
            f"  imports of verified family B mutants into fresh stores: {tally.imported}, "
            f"unexpected exceptions: {tally.import_unexpected}, not answering their manifest: "
            f"{tally.import_problems}; slowest {tally.slowest_import[0] * 1000:.0f} ms"
        )
        for (backend, what), count in sorted(tally.imports.items()):
            lines.append(f"    {backend:<11}{what:<60}{count:>8}")
        for backend in sorted({b for b, _what in tally.import_cases}):
            accepted = tally.import_cases[(backend, "accepted")]
            rejected = tally.import_cases[(backend, "rejected")]
            lines.append(f"    {backend:<11}cases accepted {accepted}, rejected {rejected}")
    lines += [f"    {example}" for example in tally.examples]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument(
        "--control-mutants",
        type=int,
        default=600,
        help="per acceptance control (the meter's need a few)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--sample-every", type=int, default=500, help="full imports: 1 in N")
    parser.add_argument("--trace-every", type=int, default=20, help="tracemalloc: 1 in N")
    parser.add_argument("--cases", type=int, default=7, help="cases entered at the site")
    parser.add_argument(
        "--import-into", choices=["sqlite", "postgresql", "both"], default="sqlite",
        help="where verified family B mutants are imported (PostgreSQL: the server of "
        "tests/central_db.py, a database cloned for each)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    import_into = IMPORT_BACKENDS if args.import_into == "both" else (args.import_into,)
    server = None
    if "postgresql" in import_into:
        try:
            server = require_server()
        except PostgresUnavailable as exc:
            print(f"{exc}.")
            return 2
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cmlentry-fuzz-batches-") as tmp:
        result = campaign(
            Path(tmp), args.mutants, args.seed, control_mutants=args.control_mutants,
            jobs=args.jobs, sample=args.sample_every, trace_every=args.trace_every,
            cases=args.cases, import_into=import_into, server=server,
        )  # fmt: skip
    print(report("main", result.main))
    for name, tally in result.controls.items():
        print(report(f"negative control {name}", tally))
    print(f"whole run: {time.perf_counter() - began:.0f} s")
    if result.ok:
        print("OK: 0 family A accepted, 0 inconsistent, 0 unexpected, 0 over bound, the store "
              "unchanged by every sampled import, every verified family B mutant imported or "
              "refused with a typed error; every control was seen.")  # fmt: skip
        return 0
    print("FAILED: see above.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
