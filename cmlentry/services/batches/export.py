"""Making a batch at the site: the chosen cases as ODM, sealed, kept, written, read back.

The order is what makes a batch safe to lose at any moment (docs/batch-format.md §7):

1. In **one transaction** the next sequence number is taken, every case is read, the ODM built,
   the container sealed and **verified by reading it back** (signature, header, the payload
   decrypted with the archive key and every record hash recomputed from the ODM), and the file
   kept in the workspace with its cases, marked *exported*. A failure anywhere changes nothing.
2. Only then is the file written to the chosen folder (temp file, fsync, rename) and read back
   from the disk byte for byte. If that fails (a full USB stick), batch *n* is still kept and
   :meth:`ExportService.write_again` writes the same bytes later: a number is never reused, so
   the registry never sees two different batches with one sequence (a *fork*).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from cmlentry import __version__
from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient, TrustedKey
from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.crypto.keyfiles import KeyPairs, PublicKeySet, key_time
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.roles import Permission
from cmlentry.errors import CmlentryError
from cmlentry.fileio import atomic_write_bytes, translated_os_errors
from cmlentry.services.batches.errors import (
    BatchSelfCheckFailed,
    BatchWriteFailed,
    CaseNotReady,
    CaseUnchanged,
    NoRegistryKey,
    NotASite,
    NothingToExport,
    UnknownBatch,
)
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.odm_sources import (
    queries,
    sent_revisions,
    signatures,
    users_named,
    value_audits,
)
from cmlentry.services.batches.odm_write import (
    OdmBatchInfo,
    OdmCase,
    write_odm,
)
from cmlentry.services.batches.record import Record, record_of, record_sha256
from cmlentry.services.cases import COMPLETE, DRAFT, EXPORTED, CaseService
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.keys import KeyService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.models import AuditHead, Batch, BatchCase, Case, Site

log = logging.getLogger(__name__)

SIGNED = "signed"  # set by the PI's signature (services/review.py); only these go by default
SUFFIX = ".cmlbatch"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Candidate:
    """A case as the export wizard lists it."""

    registry_id: str
    status: str
    revision: int
    sent_revision: int | None  # the revision in the last batch that held it
    signed: bool  # the case has a current signature (exported or not)

    @property
    def changed_since_sent(self) -> bool:
        return self.sent_revision is None or self.revision > self.sent_revision

    @property
    def eligible(self) -> bool:
        """Chosen by default: signed, and changed since the last batch that held it."""
        return self.signed and self.changed_since_sent

    @property
    def sendable(self) -> bool:
        """May be chosen: not a draft, and not already sent as it is now."""
        return self.status != DRAFT and self.changed_since_sent


@dataclass(frozen=True)
class BatchInfo:
    sequence: int
    file_name: str
    created_at: str
    created_by: str
    case_count: int
    file_sha256: str
    acknowledged_at: str | None
    accepted: int
    rejected: int


@dataclass(frozen=True)
class ExportedBatch:
    sequence: int
    path: Path
    case_count: int
    file_sha256: str
    registry_ids: tuple[str, ...]


def batch_file_name(site: str, sequence: int) -> str:
    return f"{site}-{sequence:06d}{SUFFIX}"


class ExportService:
    """Batches of one site workspace: what can go, making one, writing one again."""

    def __init__(self, ws: Workspace, definitions: DefinitionSet | None = None) -> None:
        self.ws = ws
        self.definitions = definitions or installed_definitions()
        self.cases = CaseService(ws, self.definitions)

    @property
    def definition(self) -> FormDefinition:
        return self.definitions.current

    def _require(self) -> None:
        if self.ws.kind != "site":
            raise NotASite()
        self.ws.require(Permission.EXPORT_BATCHES)

    # --- reading ------------------------------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        """Every case with its state, revision and the revision last sent, in registry order."""
        self._require()
        with self.ws.db.read() as session:
            sent = dict(
                session.execute(
                    select(BatchCase.case_id, func.max(BatchCase.revision)).group_by(
                        BatchCase.case_id
                    )
                ).all()
            )
            rows = session.execute(
                select(Case.id, Case.registry_id, Case.status, Case.revision, Case.locked).order_by(
                    Case.sequence
                )
            ).all()
        return [
            Candidate(rid, status, revision, sent.get(case_id), bool(locked))
            for case_id, rid, status, revision, locked in rows
        ]

    def default_selection(self) -> list[str]:
        return [c.registry_id for c in self.candidates() if c.eligible]

    def batches(self) -> list[BatchInfo]:
        """Every batch this site made, newest first, with the registry's answers so far."""
        self._require()
        with self.ws.db.read() as session:
            outcomes: dict[tuple[int, str | None], int] = {
                (seq, outcome): count
                for seq, outcome, count in session.execute(
                    select(BatchCase.batch_sequence, BatchCase.ack_outcome, func.count()).group_by(
                        BatchCase.batch_sequence, BatchCase.ack_outcome
                    )
                )
            }
            rows = session.execute(
                select(
                    Batch.sequence,
                    Batch.file_name,
                    Batch.created_at,
                    Batch.created_by,
                    Batch.case_count,
                    Batch.file_sha256,
                    Batch.acknowledged_at,
                ).order_by(Batch.sequence.desc())
            ).all()
        return [
            BatchInfo(
                *row,
                accepted=outcomes.get((row.sequence, "accepted"), 0),
                rejected=outcomes.get((row.sequence, "rejected"), 0),
            )
            for row in rows
        ]

    # --- making a batch -----------------------------------------------------------------------

    def export(
        self,
        folder: Path,
        registry_ids: Sequence[str] | None = None,
        *,
        progress: Progress | None = None,
    ) -> ExportedBatch:
        """Make the next batch of ``registry_ids`` (default: :meth:`default_selection`).

        Raises:
            NothingToExport: no case chosen and none eligible.
            CaseNotReady: a chosen case is still a draft.
            NoRegistryKey: the registry's key is not trusted yet.
            BatchWriteFailed: made and kept, but not written to ``folder``.
        """
        self._require()
        chosen = list(dict.fromkeys(registry_ids or self.default_selection()))
        if not chosen:
            raise NothingToExport()
        keys = KeyService(self.ws)
        registry = keys.registry_public_keys()
        if registry is None:
            raise NoRegistryKey()
        site_keys = keys.site_public_keys()
        pairs = keys.site_key_pairs()
        made = self._make(chosen, pairs, site_keys, registry, progress)
        path = self._write(folder, made)
        log.info("batch %d made with %d cases", made.sequence, made.case_count)
        return ExportedBatch(made.sequence, path, made.case_count, made.file_sha256, tuple(chosen))

    def _make(
        self,
        chosen: list[str],
        pairs: KeyPairs,
        site_keys: PublicKeySet,
        registry: PublicKeySet,
        progress: Progress | None,
    ) -> Batch:
        now = self.ws.clock()
        with self.ws.write("batch made") as session:
            site = session.get_one(Site, 1)
            site_code = f"{site.country}-{site.centre_code}"
            last = session.scalars(select(Batch).order_by(Batch.sequence.desc()).limit(1)).first()
            sequence = 1 if last is None else last.sequence + 1
            previous = container.ZERO_HASH if last is None else last.file_sha256
            cases = [self.cases._case(session, rid) for rid in chosen]
            for case in cases:
                if case.status == DRAFT:
                    raise CaseNotReady(registry_id=case.registry_id)
            ids = [c.id for c in cases]
            sent = sent_revisions(session, ids)
            signed, asked = signatures(session, ids), queries(session, ids)
            for case in cases:
                if sent.get(case.id) == case.revision:
                    raise CaseUnchanged(registry_id=case.registry_id)
            # Progress in three even steps per case (read, written as ODM, read back) and a last
            # one after COMMIT; each step before it is also where Cancel may stop the export.
            n = len(cases)
            total = 3 * n + 1

            def step(offset: int) -> Callable[[int], None] | None:
                if progress is None:
                    return None
                return lambda done: progress(offset + done, total)

            odm_cases: list[OdmCase] = []
            manifest: list[dict[str, object]] = []
            for done, case in enumerate(cases, 1):
                record = record_of(
                    self.cases._load(session, case),
                    self.definition.oid,
                    signature=signed.get(case.id),
                    queries=asked.get(case.id, ()),
                )
                odm_cases.append(OdmCase(record, value_audits(session, case.id)))
                manifest.append(
                    {
                        "id": case.registry_id,
                        "sha256": record_sha256(record),
                        "revision": case.revision,
                        "base_revision": sent.get(case.id),
                    }
                )
                if progress is not None:
                    progress(done, total)
            info = OdmBatchInfo(
                file_oid=f"BATCH.{site_code}.{sequence:06d}",
                prior_file_oid=None if last is None else f"BATCH.{site_code}.{last.sequence:06d}",
                created_at=key_time(now),
                app_version=__version__,
                site_id=site_code,
                site_name=site.centre_name,
            )
            payload = write_odm(
                self.definition,
                info,
                odm_cases,
                users_named(session, odm_cases),
                progress=step(n),
            )
            head = session.get(AuditHead, 1)
            fields = {
                "site": site_code,
                "sequence": sequence,
                "previous_batch_sha256": previous,
                "created_at": key_time(now),
                "versions": {
                    "application": __version__,
                    "form_definition": self.definition.oid,
                    "sqlcipher": self.ws.db.cipher_version(),
                },
                "manifest": {
                    "record_count": len(manifest),
                    "records": manifest,
                    "audit_chain_head": {
                        "seq": head.seq if head else 0,
                        "sha256": head.row_hash if head else container.ZERO_HASH,
                    },
                },
            }
            data = container.seal(
                "batch",
                fields,
                payload,
                signer=pairs.signing,
                sender_key_id=site_keys.key_id,
                recipient_key_id=registry.key_id,
                recipients=[
                    Recipient(registry.key_id, registry.encryption_key()),
                    Recipient(site_keys.key_id, site_keys.encryption_key()),
                ],
            )
            name = batch_file_name(site_code, sequence)
            records = [r.record for r in odm_cases]
            self.verify_own(
                data, pairs, site_keys, registry, name, records, site_code, progress=step(2 * n)
            )
            batch = Batch(
                sequence=sequence,
                created_at=format_utc(now),
                created_by=self.ws.user.username,
                file_name=name,
                file_sha256=container.sha256_hex(data),
                previous_sha256=previous,
                file=data,
                case_count=len(cases),
            )
            session.add(batch)
            session.flush()
            for case, entry in zip(cases, manifest, strict=True):
                session.add(
                    BatchCase(
                        batch_sequence=sequence,
                        case_id=case.id,
                        registry_id=case.registry_id,
                        revision=case.revision,
                        base_revision=sent.get(case.id),
                        record_sha256=str(entry["sha256"]),
                    )
                )
                if case.status in (COMPLETE, SIGNED):
                    case.status = EXPORTED
            record_event(session, "batch_made", "batch", str(sequence), new=len(cases))
        if progress is not None:
            progress(3 * len(cases) + 1, 3 * len(cases) + 1)
        return batch

    def verify_own(
        self,
        data: bytes,
        pairs: KeyPairs,
        site_keys: PublicKeySet,
        registry: PublicKeySet,
        name: str,
        records: list[Record],
        site_code: str,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Read a batch just sealed as the registry will, with the archive key; raise if wrong.

        Any failure here is a fault of this program, never of the data: the transaction rolls
        back and :class:`BatchSelfCheckFailed` says so.
        """
        own = TrustedKey(site_keys.key_id, site_code, site_keys.signing_key())
        try:
            preamble = container.read_preamble(data, kind="batch", file=name)
            key = container.verify_signature(
                data,
                preamble,
                trusted=lambda kid: own if kid == own.key_id else None,
                recipient_key_id=registry.key_id,
                file=name,
            )
            header = container.parse_header(data, preamble, key, file=name)
            payload = container.decrypt(
                header, key_id=site_keys.key_id, private_key=pairs.agreement, file=name
            )
            document = read_odm(payload, self.definition, file=name, progress=progress)
        except BatchRefused as exc:
            raise BatchSelfCheckFailed() from exc
        if [record_sha256(r) for r in document.records] != [record_sha256(r) for r in records]:
            raise BatchSelfCheckFailed()

    # --- writing the file -----------------------------------------------------------------------

    def write_again(self, sequence: int, folder: Path) -> Path:
        """Write kept batch ``sequence`` to ``folder`` again, the very same bytes."""
        self._require()
        with self.ws.db.read() as session:
            batch = session.get(Batch, sequence)
            if batch is None:
                raise UnknownBatch(sequence=sequence)
        return self._write(folder, batch)

    @staticmethod
    def _write(folder: Path, batch: Batch) -> Path:
        target = folder.expanduser() / batch.file_name
        try:
            atomic_write_bytes(target, batch.file, mode=0o644)
            with translated_os_errors(folder):
                written = target.read_bytes()
            if written != batch.file:
                raise OSError("the file read back differs from the batch")
        except (CmlentryError, OSError) as exc:
            reason = exc.message if isinstance(exc, CmlentryError) else str(exc)
            raise BatchWriteFailed(
                sequence=batch.sequence, folder=str(folder), reason=reason.rstrip(".")
            ) from exc
        return target
