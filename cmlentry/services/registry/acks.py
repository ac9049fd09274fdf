"""Acknowledgement payloads: what the registry made of each case of a batch (batch-format.md §7).

The payload is canonical JSON, sealed in the container of kind ``ack``: signed with the
registry's Ed25519 key, encrypted to the site's archive key. Both sides use this module: the
registry to build it, the site (``services/batches/ack.py``) to check it strictly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cmlentry.crypto import canonical

ACCEPTED = "accepted"
REJECTED = "rejected"
MAX_ACK_RECORDS = 20_000
_ID = re.compile(r"[A-Z]{2}-[0-9]{3}-[0-9]{4,6}-[0-9A-Z]")
_HEX64 = re.compile(r"[0-9a-f]{64}")


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
    doc = _exact(document, {"site", "batch", "imported_at", "cases"}, "the acknowledgement")
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
    return AckContent(doc["site"], batch["sequence"], batch["sha256"], doc["imported_at"], answers)


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


def _exact(value: object, names: set[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != names:
        raise AckPayloadInvalid(f"{where} does not have exactly the expected fields")
    return value
