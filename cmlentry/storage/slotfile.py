"""The slot file beside the database: key slots, login throttling and events awaiting the audit.

It must be readable before the database is unlocked, so it is plain JSON; nothing in it is a
secret in the clear (slots hold wrapped keys only). Failed logins happen while the database is
still locked, so they are recorded here as *pending events* and moved into the audit trail at
the next successful login. Writes are atomic (temp file, fsync, rename).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmlentry.fileio import atomic_write_bytes

FORMAT = "cmlentry-keyslots"
VERSION = 1
RECOVERY = "recovery"


class SlotFileUnreadable(Exception):
    """The slot file is missing, not JSON, or not of our format."""


@dataclass
class Throttle:
    failures: int = 0
    last_failure_at: str | None = None
    locked: bool = False


@dataclass
class SlotFile:
    workspace_id: str
    kind: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    throttle: dict[str, Throttle] = field(default_factory=dict)
    pending_events: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def user_key(username: str) -> str:
        return f"user:{username}"

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "workspace_id": self.workspace_id,
            "kind": self.kind,
            "slots": self.slots,
            "throttle": {
                name: {
                    "failures": t.failures,
                    "last_failure_at": t.last_failure_at,
                    "locked": t.locked,
                }
                for name, t in sorted(self.throttle.items())
                if t.failures or t.locked
            },
            "pending_events": self.pending_events,
        }
        return json.dumps(document, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> SlotFile:
        try:
            document = json.loads(data.decode("utf-8"))
            if document.get("format") != FORMAT or document.get("version") != VERSION:
                raise SlotFileUnreadable("not a cmlentry slot file of a known version")
            return cls(
                workspace_id=str(document["workspace_id"]),
                kind=str(document["kind"]),
                slots=dict(document["slots"]),
                throttle={
                    name: Throttle(int(t["failures"]), t["last_failure_at"], bool(t["locked"]))
                    for name, t in document.get("throttle", {}).items()
                },
                pending_events=list(document.get("pending_events", [])),
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise SlotFileUnreadable("the slot file is damaged") from exc

    @classmethod
    def load(cls, path: Path) -> SlotFile:
        try:
            return cls.from_bytes(path.read_bytes())
        except FileNotFoundError as exc:
            raise SlotFileUnreadable("no slot file") from exc

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())
