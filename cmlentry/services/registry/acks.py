"""Acknowledgement payloads: what the registry made of each case of a batch (batch-format.md §7),
and the registry's queries on the centre's cases.

The payload is canonical JSON, sealed in the container of kind ``ack``: signed with the
registry's Ed25519 key, encrypted to the site's archive key. Both sides use this module: the
registry to build it, the site (``services/batches/ack.py``) to check it strictly.

``queries`` lists every query the registry raised on the centre's cases, whatever became of it,
as the registry sees it: ``open`` (raised and not closed: an answer is the site's, and comes
back in the site's records), ``closed`` or ``cancelled`` (with when, by whom, and the note).
The site takes them idempotently (``QueryService.receive``): a new one is created, one closed
or cancelled here is closed or cancelled there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cmlentry.crypto import canonical
from cmlentry.domain.accounts import USERNAME_RE
from cmlentry.services.batches.record_review import (
    MAX_NAME,
    MAX_TEXT,
    UTC_TIME,
    UUID,
    is_xml_text,
)
from cmlentry.services.queries import CANCELLED, CLOSED, OPEN, RegistryQuery
from cmlentry.services.review import ItemAddress

ACCEPTED = "accepted"
REJECTED = "rejected"
MAX_ACK_RECORDS = 20_000
MAX_ACK_QUERIES = 20_000
ACK_QUERY_STATES = (OPEN, CLOSED, CANCELLED)
_ID = re.compile(r"[A-Z]{2}-[0-9]{3}-[0-9]{4,6}-[0-9A-Z]")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DEFINITION_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_QUERY_FIELDS = {
    "id",
    "case",
    "item",
    "state",
    "text",
    "raised_by",
    "raised_name",
    "raised_at",
    "closed_at",
    "closed_name",
    "note",
}


@dataclass(frozen=True)
class CaseAnswer:
    """The registry's answer on one case: accepted, or rejected with a reason in words."""

    registry_id: str
    revision: int
    outcome: str
    reason: str | None = None


@dataclass(frozen=True)
class AckContent:
    site: str
    sequence: int
    batch_sha256: str
    imported_at: str
    answers: tuple[CaseAnswer, ...]
    queries: tuple[RegistryQuery, ...] = ()

    def to_bytes(self) -> bytes:
        return canonical.encode(
            {
                "site": self.site,
                "batch": {"sequence": self.sequence, "sha256": self.batch_sha256},
                "imported_at": self.imported_at,
                "cases": [
                    {
                        "id": a.registry_id,
                        "revision": a.revision,
                        "outcome": a.outcome,
                        "reason": a.reason,
                    }
                    for a in self.answers
                ],
                "queries": [_query_document(q) for q in self.queries],
            }
        )


class AckPayloadInvalid(ValueError):
    """The decrypted payload is not an acknowledgement; ``problem`` says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_ack(data: bytes) -> AckContent:
    """Strictly read an acknowledgement payload (after its signature and hash were checked)."""
    try:
        document = canonical.parse(data, max_depth=4)
    except canonical.Refused as exc:
        raise AckPayloadInvalid(exc.problem) from None
    if canonical.encode(document) != data:
        raise AckPayloadInvalid("it is not in the one canonical form")
    doc = _exact(
        document, {"site", "batch", "imported_at", "cases", "queries"}, "the acknowledgement"
    )
    batch = _exact(doc["batch"], {"sequence", "sha256"}, "batch")
    if not isinstance(batch["sequence"], int) or not isinstance(batch["sha256"], str):
        raise AckPayloadInvalid("the batch it answers is not valid")
    if not _HEX64.fullmatch(batch["sha256"]):
        raise AckPayloadInvalid("the batch it answers is not valid")
    cases = doc["cases"]
    if not isinstance(cases, list) or len(cases) > MAX_ACK_RECORDS:
        raise AckPayloadInvalid("its list of cases is not valid")
    answers = tuple(_answer(c) for c in cases)
    if len({a.registry_id for a in answers}) != len(answers):
        raise AckPayloadInvalid("it names a case twice")
    if not isinstance(doc["site"], str) or not isinstance(doc["imported_at"], str):
        raise AckPayloadInvalid("its site or time is not valid")
    listed = doc["queries"]
    if not isinstance(listed, list) or len(listed) > MAX_ACK_QUERIES:
        raise AckPayloadInvalid("its list of queries is not valid")
    queries = tuple(_query(q, doc["site"]) for q in listed)
    if len({q.id for q in queries}) != len(queries):
        raise AckPayloadInvalid("it names a query twice")
    return AckContent(
        doc["site"], batch["sequence"], batch["sha256"], doc["imported_at"], answers, queries
    )


def _answer(value: object) -> CaseAnswer:
    case = _exact(value, {"id", "revision", "outcome", "reason"}, "a case")
    rid, revision, outcome, reason = case["id"], case["revision"], case["outcome"], case["reason"]
    if not isinstance(rid, str) or not _ID.fullmatch(rid):
        raise AckPayloadInvalid("a case id is not valid")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise AckPayloadInvalid("a case revision is not valid")
    if outcome not in (ACCEPTED, REJECTED):
        raise AckPayloadInvalid("a case outcome is not valid")
    if (outcome == REJECTED) != isinstance(reason, str) or (
        isinstance(reason, str) and not 1 <= len(reason) <= 500
    ):
        raise AckPayloadInvalid("a case reason is not valid")
    return CaseAnswer(rid, revision, outcome, reason)


def _query_document(q: RegistryQuery) -> dict[str, Any]:
    a = q.address
    return {
        "id": q.id,
        "case": q.registry_id,
        "item": {"form": a.form_id, "group": a.group_id, "row": a.row_key, "item": a.item_id},
        "state": q.state,
        "text": q.text,
        "raised_by": q.raised_by,
        "raised_name": q.raised_name,
        "raised_at": q.raised_at,
        "closed_at": q.closed_at,
        "closed_name": q.closed_name,
        "note": q.note,
    }


def _query(value: object, site: object) -> RegistryQuery:
    q = _exact(value, _QUERY_FIELDS, "a query")
    if not isinstance(q["id"], str) or not UUID.fullmatch(q["id"]):
        raise AckPayloadInvalid("a query id is not valid")
    case = q["case"]
    if not isinstance(case, str) or not _ID.fullmatch(case) or not case.startswith(f"{site}-"):
        raise AckPayloadInvalid("a query names a case that is not the site's")
    item = _exact(q["item"], {"form", "group", "row", "item"}, "a query's item")
    row = item["row"]
    if (
        not all(isinstance(item[k], str) and _DEFINITION_ID.fullmatch(item[k])
                for k in ("form", "group", "item"))
        or type(row) is not int
        or not 1 <= row < 10**9
    ):  # fmt: skip
        raise AckPayloadInvalid("a query's item is not valid")
    state = q["state"]
    if state not in ACK_QUERY_STATES:
        raise AckPayloadInvalid("a query's state is not valid")
    if not _text(q["text"], MAX_TEXT) or not _text(q["raised_name"], MAX_NAME):
        raise AckPayloadInvalid("a query's text or who raised it is not valid")
    if not isinstance(q["raised_by"], str) or not USERNAME_RE.fullmatch(q["raised_by"]):
        raise AckPayloadInvalid("a query's text or who raised it is not valid")
    if not _time(q["raised_at"]):
        raise AckPayloadInvalid("a query's time is not valid")
    _closing(q, state)
    return RegistryQuery(
        id=q["id"],
        registry_id=case,
        address=ItemAddress(item["form"], item["group"], row, item["item"]),
        state=state,
        text=q["text"],
        raised_by=q["raised_by"],
        raised_name=q["raised_name"],
        raised_at=q["raised_at"],
        closed_at=q["closed_at"],
        closed_name=q["closed_name"],
        note=q["note"],
    )


def _closing(q: Mapping[str, Any], state: str) -> None:
    """An open query is not closed; a closed one says when and by whom; a cancelled one why."""
    closing = (q["closed_at"], q["closed_name"], q["note"])
    if state == OPEN:
        if closing != (None, None, None):
            raise AckPayloadInvalid("an open query is said to be closed")
        return
    if not _time(q["closed_at"]) or not _text(q["closed_name"], MAX_NAME):
        raise AckPayloadInvalid("a closed query does not say when or by whom")
    if (q["note"] is not None or state == CANCELLED) and not _text(q["note"], MAX_TEXT):
        raise AckPayloadInvalid("a query's note is not valid")


def _text(value: object, limit: int) -> bool:
    """Text the site can keep and send back in a batch (its records refuse what XML cannot)."""
    return isinstance(value, str) and 0 < len(value) <= limit and is_xml_text(value)


def _time(value: object) -> bool:
    return isinstance(value, str) and UTC_TIME.fullmatch(value) is not None


def _exact(value: object, names: set[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != names:
        raise AckPayloadInvalid(f"{where} does not have exactly the expected fields")
    return value
