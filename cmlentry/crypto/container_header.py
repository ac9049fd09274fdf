"""The fields of a batch or acknowledgement header: exactly the known ones, each checked.

Step 4 of the verification order (docs/batch-format.md §2, §6): every field is required, no
other is allowed, each of its type and within its limits; a refusal names the field and never
quotes what it holds.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Any, ClassVar, Literal

from cmlentry.crypto.container_errors import HeaderInvalid

Kind = Literal["batch", "ack"]

LABELS: dict[Kind, str] = {"batch": "cmlentry/v1/batch", "ack": "cmlentry/v1/ack"}
CONTENT_TYPES: dict[Kind, str] = {
    "batch": "application/vnd.cdisc.odm+xml;version=1.3.2",
    "ack": "application/json",
}
MAX_FILE = 256 * 1024 * 1024
MAX_PLAINTEXT = 512 * 1024 * 1024
MAX_RECORDS = 20_000
MAX_TEXT = 200
# The largest number the registry can store where a header's number lands in an ``Integer``
# column (cmlentry/storage/central/models.py: a batch's sequence and record count, a case
# version's revision and base revision), which PostgreSQL makes 32 bits. Refused here, in the
# signed header, so a batch too big for the store is a typed refusal at step 4 on every backend
# rather than a database error at the import on PostgreSQL only.
MAX_STORED_INT = 2**31 - 1
# ``audit_chain_head.seq`` is not stored by the registry (and the site's own column is 64 bits).
MAX_AUDIT_SEQ = 2**62
ZERO_HASH = "0" * 64
SEALED_KEY_BYTES = 32 + 32 + 16  # HPKE enc, the file key, the tag
_HEX40 = re.compile(r"[0-9a-f]{40}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_SITE = re.compile(r"[A-Z]{2}-[0-9]{3}")
_RECORD_ID = re.compile(r"[A-Z]{2}-[0-9]{3}-[0-9]{4,6}-[0-9A-Z]")


class HeaderCheck:
    """Exactly the known fields, each of its type and within its limits; names the field."""

    _COMMON = "label site sender_key_id recipient_key_id created_at versions payload recipients"
    _FIELDS: ClassVar[dict[Kind, frozenset[str]]] = {
        "batch": frozenset(f"{_COMMON} sequence previous_batch_sha256 manifest".split()),
        "ack": frozenset(f"{_COMMON} batch".split()),
    }
    _PAYLOAD = frozenset(
        [
            "content_type",
            "compression",
            "plaintext_length",
            "plaintext_sha256",
            "ciphertext_length",
            "ciphertext_sha256",
        ]
    )

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, problem: str) -> HeaderInvalid:
        return HeaderInvalid(file=self.file, problem=problem)

    def exact(self, value: object, names: frozenset[str], where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where} is not an object")
        missing = sorted(names - value.keys())
        if missing:
            raise self.fail(f"{where} lacks the field {missing[0]}")
        extra = sorted(value.keys() - names)
        if extra:
            raise self.fail(f"{where} has an unknown field")
        return value

    def text(self, value: object, name: str, pattern: re.Pattern[str] | None = None) -> str:
        if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
            raise self.fail(f"the field {name} is not valid")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.fail(f"the field {name} is not valid")
        return value

    def integer(self, value: object, name: str, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(f"the field {name} is not valid")
        return value

    def check(self, kind: Kind, fields: object) -> None:
        fields = self.exact(fields, self._FIELDS[kind], "the header")
        if fields["label"] != LABELS[kind]:
            raise self.fail("the field label is not this kind of file's")
        self.text(fields["site"], "site", _SITE)
        self.text(fields["sender_key_id"], "sender_key_id", _HEX40)
        self.text(fields["recipient_key_id"], "recipient_key_id", _HEX40)
        created = self.text(fields["created_at"], "created_at", _TIME)
        try:
            datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            raise self.fail("the field created_at is not a real time") from None
        if kind == "batch":
            self.batch_fields(fields)
        else:
            batch = self.exact(fields["batch"], frozenset({"sequence", "sha256"}), "batch")
            self.integer(batch["sequence"], "batch.sequence", 1, MAX_STORED_INT)
            self.text(batch["sha256"], "batch.sha256", _HEX64)
            self.exact(fields["versions"], frozenset({"application"}), "versions")
            self.text(fields["versions"]["application"], "versions.application")
        self.payload(kind, fields["payload"])
        self.recipients(fields["recipients"], 2 if kind == "batch" else 1)

    def batch_fields(self, fields: dict[str, Any]) -> None:
        self.integer(fields["sequence"], "sequence", 1, MAX_STORED_INT)
        previous = self.text(fields["previous_batch_sha256"], "previous_batch_sha256", _HEX64)
        if (fields["sequence"] == 1) != (previous == ZERO_HASH):
            raise self.fail("the field previous_batch_sha256 does not fit the sequence")
        versions = self.exact(
            fields["versions"],
            frozenset({"application", "form_definition", "sqlcipher"}),
            "versions",
        )
        for name, value in versions.items():
            self.text(value, f"versions.{name}")
        manifest = self.exact(
            fields["manifest"],
            frozenset({"record_count", "records", "audit_chain_head"}),
            "manifest",
        )
        count = self.integer(manifest["record_count"], "manifest.record_count", 1, MAX_RECORDS)
        records = manifest["records"]
        if not isinstance(records, list) or len(records) != count:
            raise self.fail("manifest.records does not hold record_count records")
        names = frozenset({"id", "sha256", "revision", "base_revision"})
        seen: set[str] = set()
        for record in records:
            self.exact(record, names, "a manifest record")
            seen.add(self.text(record["id"], "manifest.records.id", _RECORD_ID))
            self.text(record["sha256"], "manifest.records.sha256", _HEX64)
            revision = self.integer(
                record["revision"], "manifest.records.revision", 1, MAX_STORED_INT
            )
            base = record["base_revision"]
            if base is not None:
                self.integer(base, "manifest.records.base_revision", 1, revision - 1)
        if len(seen) != count:
            raise self.fail("manifest.records names a case twice")
        head = self.exact(
            manifest["audit_chain_head"], frozenset({"seq", "sha256"}), "audit_chain_head"
        )
        self.integer(head["seq"], "audit_chain_head.seq", 0, MAX_AUDIT_SEQ)
        self.text(head["sha256"], "audit_chain_head.sha256", _HEX64)

    def payload(self, kind: Kind, value: object) -> None:
        payload = self.exact(value, self._PAYLOAD, "payload")
        if payload["content_type"] != CONTENT_TYPES[kind]:
            raise self.fail("the field payload.content_type is not valid")
        if payload["compression"] != "deflate":
            raise self.fail("the field payload.compression is not valid")
        self.integer(payload["plaintext_length"], "payload.plaintext_length", 0, MAX_PLAINTEXT)
        self.integer(payload["ciphertext_length"], "payload.ciphertext_length", 0, MAX_FILE)
        self.text(payload["plaintext_sha256"], "payload.plaintext_sha256", _HEX64)
        self.text(payload["ciphertext_sha256"], "payload.ciphertext_sha256", _HEX64)

    def recipients(self, value: object, count: int) -> None:
        if not isinstance(value, list) or len(value) != count:
            raise self.fail("the field recipients is not valid")
        seen: set[str] = set()
        for stanza in value:
            self.exact(stanza, frozenset({"key_id", "sealed_file_key"}), "a recipient")
            seen.add(self.text(stanza["key_id"], "recipients.key_id", _HEX40))
            sealed = self.text(stanza["sealed_file_key"], "recipients.sealed_file_key")
            try:
                raw = base64.b64decode(sealed, validate=True)
            except (binascii.Error, ValueError):
                raise self.fail("the field recipients.sealed_file_key is not base64") from None
            if len(raw) != SEALED_KEY_BYTES or base64.b64encode(raw).decode() != sealed:
                raise self.fail("the field recipients.sealed_file_key is not valid")
        if len(seen) != count:
            raise self.fail("the field recipients names a key twice")
