"""Importing batch files at the registry: verify in order, then all or nothing.

Each file is verified in the order of security.md §4 — size, preamble, signature with a key
registered for a centre, strict header, payload hash, sequence and chain, decryption, ODM,
per-record hashes — and only then imported in **one transaction** with its
``(centre, sequence, file hash)`` row, every case version and the acknowledgement. The same
file twice is a reported no-op; a refusal changes nothing but the list of refused attempts
(which is how a centre's status shows gaps and forks).

Within a sound batch each case is judged on its own (:mod:`.case_judge`); the acknowledgement
says what became of each and carries the registry's queries on the centre's cases. Every import
and every refusal is audited (:mod:`.import_audit`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.crypto import container
from cmlentry.crypto.container import Header, Recipient, TrustedKey
from cmlentry.crypto.container_errors import (
    BatchRefused,
)
from cmlentry.crypto.keyfiles import KeyPairs, key_time
from cmlentry.domain.forms import FormDefinition
from cmlentry.errors import CmlentryError, WorkspaceDamaged
from cmlentry.services.batches.odm_read import OdmDocument, read_odm
from cmlentry.services.batches.record import record_sha256
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.keys import KeyService
from cmlentry.services.registry import centres, import_audit
from cmlentry.services.registry.ack_files import seal_ack, write_ack
from cmlentry.services.registry.acks import ACCEPTED, REJECTED, AckContent, CaseAnswer
from cmlentry.services.registry.case_judge import BatchCases
from cmlentry.services.registry.errors import (
    AckNotWritten,
    AlreadyImported,
    ChainBroken,
    PayloadMismatch,
    RecordHashMismatch,
    SequenceFork,
    SequenceGap,
    SequenceRollback,
    UnknownFormDefinition,
)
from cmlentry.services.registry.query_sync import ack_queries
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import (
    Acknowledgement,
    Centre,
    ReceivedBatch,
    RefusedBatch,
)
from cmlentry.storage.central.store import CentralStore

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


IMPORTED = "imported"
ALREADY = "already imported"
REFUSED = "refused"
"""What became of a batch file (:attr:`ImportOutcome.status`)."""


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file, for the coordinator's report."""

    file: str
    status: str  # IMPORTED, ALREADY or REFUSED
    site: str | None = None
    sequence: int | None = None
    answers: tuple[CaseAnswer, ...] = ()
    ack_path: Path | None = None
    error: CmlentryError | None = field(default=None, compare=False)

    @property
    def accepted(self) -> int:
        return sum(1 for a in self.answers if a.outcome == ACCEPTED)

    @property
    def rejected(self) -> tuple[CaseAnswer, ...]:
        return tuple(a for a in self.answers if a.outcome == REJECTED)


@dataclass
class _Verified:
    header: Header
    key: TrustedKey
    document: OdmDocument
    records: list[dict[str, Any]]


class ImportService:
    """Imports into one registry workspace's central store."""

    def __init__(
        self, ws: Workspace, store: CentralStore, definitions: DefinitionSet | None = None
    ) -> None:
        self.ws = ws
        self.store = store
        self.definitions = definitions or installed_definitions()
        self._keys: KeyPairs | None = None

    def _registry_keys(self) -> KeyPairs:
        """The registry's own key set, read once per service (imports and acks need it)."""
        if self._keys is None:
            self._keys = KeyService(self.ws).registry_key_pairs()
        return self._keys

    def import_files(
        self,
        paths: Sequence[Path],
        ack_folder: Path,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[ImportOutcome]:
        """Import each file in turn (all or nothing per file); a refusal does not stop the rest.

        Files are taken in (site, sequence) order where they can be read, so a site's batches
        7, 8 and 9 chosen together go in whatever order they were dropped.
        """
        centres.require_registry(self.ws)
        if self.ws.read_only:
            raise WorkspaceDamaged()  # before the store changes: its audit rows must follow
        if import_audit.catch_up(self.ws, self.store):
            log.warning("audit rows of earlier imports were missing and are now written")
        outcomes: list[ImportOutcome] = []
        for done, path in enumerate(_in_chain_order(paths), 1):
            if cancelled is not None and cancelled():
                break
            outcomes.append(self.import_file(path, ack_folder))
            if progress is not None:
                progress(done, len(paths))
        return outcomes

    def import_file(self, path: Path, ack_folder: Path) -> ImportOutcome:
        """Import one batch file and write its acknowledgement into ``ack_folder``.

        Raises:
            WorkspaceDamaged: the workspace is read-only, so its audit trail cannot be written.
        """
        centres.require_registry(self.ws)
        if self.ws.read_only:
            raise WorkspaceDamaged()
        name = path.name
        data = b""
        try:
            data = container.read_file(path)
            verified = self.verify(data, name)
            answers = self._import(verified, len(data), name)
        except AlreadyImported as exc:
            site, sequence = str(exc.params["site"]), int(str(exc.params["sequence"]))
            try:
                ack: Path | None = write_ack(self.store, site, sequence, ack_folder)
            except AckNotWritten:
                ack = None
            import_audit.record_refused(self.ws, exc, data)
            return ImportOutcome(name, ALREADY, site, sequence, (), ack, exc)
        except BatchRefused as exc:
            self._record_refusal(data, exc)
            import_audit.record_refused(self.ws, exc, data)
            return ImportOutcome(name, REFUSED, error=exc)
        site, sequence = verified.header.site, int(verified.header.fields["sequence"])
        import_audit.record_imported(self.ws, site, sequence, len(answers))
        log.info("batch imported: %d cases", len(answers))
        try:
            ack = write_ack(self.store, site, sequence, ack_folder)
        except AckNotWritten as exc:
            return ImportOutcome(name, IMPORTED, site, sequence, answers, None, exc)
        return ImportOutcome(name, IMPORTED, site, sequence, answers, ack)

    # --- verification (steps 1–9) ---------------------------------------------------------------

    def verify(self, data: bytes, name: str) -> _Verified:
        """Every check of docs/batch-format.md §6 up to the import; a typed refusal otherwise."""
        registry = self._registry_keys()
        preamble = container.read_preamble(data, kind="batch", file=name)
        with self.store.read() as session:
            trusted = centres.trusted_keys(session)
        key = container.verify_signature(
            data, preamble, trusted=trusted.get, recipient_key_id=registry.key_id, file=name
        )
        header = container.parse_header(data, preamble, key, file=name)
        with self.store.read() as session:
            self._check_sequence(session, header, name)
        payload = container.decrypt(
            header, key_id=registry.key_id, private_key=registry.agreement, file=name
        )
        definition = self._definition_of(header, name)
        document = read_odm(payload, definition, file=name)
        if document.metadata_version_oid != f"MDV.{definition.oid}":
            raise PayloadMismatch(
                file=name, problem="its ODM names another form definition than its header"
            )
        self._check_payload(header, document, name)
        return _Verified(header, key, document, document.records)

    def _definition_of(self, header: Header, name: str) -> FormDefinition:
        """The definition the site entered the batch under: one this registry has installed."""
        oid = str(header.fields["versions"]["form_definition"])
        for definition in self.definitions.by_version.values():
            if definition.oid == oid:
                return definition
        raise UnknownFormDefinition(file=name, definition=oid)

    def _check_sequence(self, session: Session, header: Header, name: str) -> None:
        site, sequence = header.site, int(header.fields["sequence"])
        centre = session.scalars(select(Centre).where(Centre.code == site)).one()
        known = session.scalars(
            select(ReceivedBatch).where(ReceivedBatch.file_sha256 == header.file_sha256)
        ).first()
        if known is not None:
            raise AlreadyImported(
                file=name, sequence=sequence, site=site, imported_at=_when(known.imported_at)
            )
        last = session.scalars(
            select(ReceivedBatch)
            .where(ReceivedBatch.centre_id == centre.id)
            .order_by(ReceivedBatch.sequence.desc())
            .limit(1)
        ).first()
        last_sequence = last.sequence if last else 0
        if sequence == last_sequence and last is not None:
            raise SequenceFork(file=name, sequence=sequence, site=site)
        if sequence < last_sequence:
            raise SequenceRollback(file=name, sequence=sequence, site=site, last=last_sequence)
        if sequence > last_sequence + 1:
            missing = centres.missing_words(range(last_sequence + 1, sequence))
            raise SequenceGap(
                file=name, sequence=sequence, site=site, last=last_sequence, missing=missing
            )
        expected = last.file_sha256 if last else container.ZERO_HASH
        if header.fields["previous_batch_sha256"] != expected:
            raise ChainBroken(file=name, sequence=sequence, site=site, previous=last_sequence)

    @staticmethod
    def _check_payload(header: Header, document: OdmDocument, name: str) -> None:
        site, sequence = header.site, int(header.fields["sequence"])
        if document.file_oid != f"BATCH.{site}.{sequence:06d}":
            raise PayloadMismatch(file=name, problem="its ODM file id is not this batch's")
        prior = None if sequence == 1 else f"BATCH.{site}.{sequence - 1:06d}"
        if document.prior_file_oid != prior:
            raise PayloadMismatch(file=name, problem="its ODM prior file id is not the last batch")
        if document.site_id != site:
            raise PayloadMismatch(file=name, problem="its ODM names another site")
        manifest = header.fields["manifest"]["records"]
        if [r["id"] for r in document.records] != [m["id"] for m in manifest]:
            raise PayloadMismatch(file=name, problem="its cases are not those of its list")
        for record, entry in zip(document.records, manifest, strict=True):
            if record_sha256(record) != entry["sha256"]:
                raise RecordHashMismatch(file=name, registry_id=entry["id"])

    # --- the import (step 10) -------------------------------------------------------------------

    def _import(self, verified: _Verified, size: int, name: str) -> tuple[CaseAnswer, ...]:
        header = verified.header
        site, sequence = header.site, int(header.fields["sequence"])
        now = format_utc(self.ws.clock())
        registry = self._registry_keys()
        with self.store.write() as session:
            centre = session.scalars(
                select(Centre).where(Centre.code == site).with_for_update()
            ).one()
            # Checked again under the lock: a second coordinator may have imported meanwhile.
            self._check_sequence(session, header, name)
            batch = ReceivedBatch(
                centre_id=centre.id,
                sequence=sequence,
                file_sha256=header.file_sha256,
                file_size=size,
                previous_sha256=header.fields["previous_batch_sha256"],
                created_at=header.fields["created_at"],
                imported_at=now,
                imported_by=self.ws.user.username,
                imported_in=self.ws.workspace_id,
                key_id=verified.key.key_id,
                record_count=len(verified.records),
                accepted_count=0,
                rejected_count=0,
            )
            session.add(batch)
            session.flush()
            entries = header.fields["manifest"]["records"]
            cases = BatchCases(session, centre, batch, now, entries)
            answers = tuple(
                cases.take(record, entry)
                for record, entry in zip(verified.records, entries, strict=True)
            )
            batch.accepted_count = sum(1 for a in answers if a.outcome == ACCEPTED)
            batch.rejected_count = len(answers) - batch.accepted_count
            content = AckContent(
                site, sequence, header.file_sha256, now, answers, ack_queries(session, centre.id)
            )
            site_key_id = verified.key.key_id
            archive = Recipient(site_key_id, centres.archive_key(session, site_key_id))
            ack = seal_ack(content, registry, archive, key_time(self.ws.clock()))
            session.add(
                Acknowledgement(
                    batch_id=batch.id,
                    file=ack,
                    file_sha256=container.sha256_hex(ack),
                    created_at=now,
                    payload=content.to_bytes().decode("utf-8"),
                )
            )
        return answers

    # --- acknowledgements -----------------------------------------------------------------------

    def write_ack_again(self, site: str, sequence: int, folder: Path) -> Path:
        centres.require_registry(self.ws)
        return write_ack(self.store, site, sequence, folder)

    def _record_refusal(self, data: bytes, exc: BatchRefused) -> None:
        """Keep the refused attempt (no content, only its hash and what was wrong)."""
        site = exc.params.get("site")
        sequence = exc.params.get("sequence")
        with self.store.write() as session:
            centre_id = None
            if isinstance(site, str):
                centre_id = session.scalars(select(Centre.id).where(Centre.code == site)).first()
            session.add(
                RefusedBatch(
                    centre_id=centre_id,
                    sequence=sequence if isinstance(sequence, int) else None,
                    file_sha256=container.sha256_hex(data),
                    error_code=exc.code,
                    refused_at=format_utc(self.ws.clock()),
                    refused_by=self.ws.user.username,
                )
            )


def _in_chain_order(paths: Sequence[Path]) -> list[Path]:
    """Batch files sorted by their names' site and sequence (FR-086-000012.cmlbatch)."""
    return sorted(paths, key=lambda p: (p.name.rsplit("-", 1)[0], p.name))


def _when(moment: str) -> str:
    """A stored UTC time as people read it: ``2026-11-21 09:00 UTC``."""
    return moment[:16].replace("T", " ") + " UTC"
