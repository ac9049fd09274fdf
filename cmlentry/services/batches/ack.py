"""Reading the registry's acknowledgement at the site (``cmlentry ack FILE``).

Verified like a batch, the other way round (docs/batch-format.md §6): the file's signature
must be the registry key this site trusts, it must be made for this site's key, the batch it
answers must be one this site made (same number, same file hash), and its payload is checked
strictly. Then, in one transaction, each case of the batch gets the registry's answer, a
case accepted and not changed since is marked **acknowledged**, and the registry's queries are
taken (``QueryService.receive``: a new one is created, one the registry closed or cancelled is
closed or cancelled here). A query this workspace cannot take (a case it does not have, an item
the form does not ask) refuses the whole file: nothing of it is applied. Reading the same file
again changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.crypto import container
from cmlentry.crypto.container import TrustedKey
from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.domain.roles import Permission
from cmlentry.errors import CmlentryError, InvalidInput, UnknownCase
from cmlentry.services.batches.errors import NotASite
from cmlentry.services.cases import EXPORTED, CaseService
from cmlentry.services.keys import KeyService
from cmlentry.services.queries import QueryService
from cmlentry.services.registry.acks import (
    ACCEPTED,
    AckContent,
    AckPayloadInvalid,
    CaseAnswer,
    parse_ack,
)
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.models import Batch, BatchCase, Case, Query, Site

log = logging.getLogger(__name__)

ACKNOWLEDGED = "acknowledged"
MAX_ACK_FILE = 64 * 1024 * 1024


class AckInvalid(BatchRefused):
    code = "ack.invalid"
    template = (
        "{file} is not a valid acknowledgement ({problem}). Ask the registry to send it again; "
        "nothing was changed."
    )


class AckForUnknownBatch(BatchRefused):
    code = "ack.unknown_batch"
    template = (
        "{file} answers batch {sequence}, which this workspace did not make (or made "
        "differently). Check that it is meant for this site; nothing was changed."
    )


class AckQueryRefused(BatchRefused):
    code = "ack.query_refused"
    template = (
        "{file} holds a query of the registry on case {registry_id} that this workspace cannot "
        "take ({problem}). Ask the registry to check the query; nothing of the acknowledgement "
        "was applied."
    )


class NoTrustedRegistry(CmlentryError):
    code = "ack.no_registry_key"
    template = (
        "This workspace does not trust a registry key yet, so the acknowledgement cannot be "
        "checked. A site administrator adds it with 'cmlentry keys trust-registry FILE'; "
        "nothing was changed."
    )


@dataclass(frozen=True)
class AckResult:
    sequence: int
    accepted: int
    rejected: tuple[CaseAnswer, ...]
    acknowledged: int  # cases now marked acknowledged
    changed_since: int  # accepted, but changed at the site since they were sent
    already_read: bool
    queries_new: int = 0  # registry queries seen here for the first time
    queries_closed: int = 0  # registry queries the registry closed or cancelled since


class AckService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.queries = QueryService(ws, CaseService(ws))

    def read(self, path: Path) -> AckResult:
        """Verify the acknowledgement at ``path`` and record it (a typed refusal otherwise)."""
        if self.ws.kind != "site":
            raise NotASite()
        self.ws.require(Permission.EXPORT_BATCHES)
        name = path.name
        data = container.read_file(path, limit=MAX_ACK_FILE)
        content, file_sha256 = self.verify(data, name)
        return self._apply(content, file_sha256, name)

    def verify(self, data: bytes, name: str) -> tuple[AckContent, str]:
        keys = KeyService(self.ws)
        registry = keys.registry_public_keys()
        if registry is None:
            raise NoTrustedRegistry()
        site_keys = keys.site_public_keys()
        trusted = TrustedKey(registry.key_id, "registry", registry.signing_key())
        preamble = container.read_preamble(data, kind="ack", file=name)
        key = container.verify_signature(
            data,
            preamble,
            trusted=lambda kid: trusted if kid == trusted.key_id else None,
            recipient_key_id=site_keys.key_id,
            file=name,
        )
        header = container.parse_header(data, preamble, key, file=name)
        payload = container.decrypt(
            header, key_id=site_keys.key_id, private_key=keys.site_key_pairs().agreement, file=name
        )
        try:
            content = parse_ack(payload)
        except AckPayloadInvalid as exc:
            raise AckInvalid(file=name, problem=exc.problem) from None
        batch = header.fields["batch"]
        if (content.site, content.sequence, content.batch_sha256) != (
            header.site,
            batch["sequence"],
            batch["sha256"],
        ):
            raise AckInvalid(file=name, problem="its content names another batch than its header")
        return content, header.file_sha256

    def _apply(self, content: AckContent, file_sha256: str, name: str) -> AckResult:
        with self.ws.write("acknowledgement read") as session:
            site = session.get_one(Site, 1)
            batch = session.get(Batch, content.sequence)
            if (
                batch is None
                or batch.file_sha256 != content.batch_sha256
                or content.site != f"{site.country}-{site.centre_code}"
            ):
                raise AckForUnknownBatch(file=name, sequence=content.sequence)
            already = batch.ack_sha256 == file_sha256
            rows = {
                row.registry_id: row
                for row in session.scalars(
                    select(BatchCase).where(BatchCase.batch_sequence == batch.sequence)
                )
            }
            if set(rows) != {a.registry_id for a in content.answers}:
                raise AckInvalid(file=name, problem="its cases are not those of the batch")
            new, closed = self._take_queries(session, content, name)
            acknowledged = changed = 0
            for answer in content.answers:
                row = rows[answer.registry_id]
                if row.revision != answer.revision:
                    raise AckInvalid(file=name, problem="it answers another revision of a case")
                row.ack_outcome = answer.outcome
                row.ack_reason = answer.reason
                if answer.outcome != ACCEPTED:
                    continue
                case = session.get_one(Case, row.case_id)
                if case.revision != row.revision:
                    changed += 1
                elif case.status in (EXPORTED, ACKNOWLEDGED):
                    acknowledged += case.status == EXPORTED
                    case.status = ACKNOWLEDGED
            if not already:
                batch.acknowledged_at = format_utc(self.ws.clock())
                batch.ack_sha256 = file_sha256
                record_event(session, "ack_read", "batch", str(batch.sequence))
        rejected = tuple(a for a in content.answers if a.outcome != ACCEPTED)
        log.info("acknowledgement read: %d rejected", len(rejected))
        return AckResult(
            content.sequence,
            len(content.answers) - len(rejected),
            rejected,
            acknowledged,
            changed,
            already,
            new,
            closed,
        )

    def _take_queries(self, session: Session, content: AckContent, name: str) -> tuple[int, int]:
        """The registry's queries, in the acknowledgement's transaction: (new, now closed)."""
        known = set(
            session.scalars(
                select(Query.query_id).where(Query.query_id.in_([q.id for q in content.queries]))
            )
        )
        new = closed = 0
        for incoming in content.queries:
            try:
                changed = self.queries.receive(session, incoming)
            except UnknownCase:
                raise AckQueryRefused(
                    file=name, registry_id=incoming.registry_id, problem="there is no such case"
                ) from None
            except InvalidInput as exc:
                raise AckQueryRefused(
                    file=name, registry_id=incoming.registry_id, problem=str(exc.params["why"])
                ) from None
            except CmlentryError:  # the registry ID's check character is wrong
                raise AckQueryRefused(
                    file=name, registry_id=incoming.registry_id, problem="the ID is not valid"
                ) from None
            if changed and incoming.id not in known:
                new += 1
            elif changed:
                closed += 1
        return new, closed
