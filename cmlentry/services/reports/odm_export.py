"""The registry's current data as one CDISC ODM 1.3.2 file (issue 7, item 4).

:func:`write_central_odm` writes the current accepted version of every case
(:meth:`RegistryReportService.records`) as one ODM document: ``FileType="Snapshot"`` (the
current state, no history), ``Granularity="All"`` (metadata, administrative and clinical data),
``CreationDateTime`` = ``AsOfDateTime`` = the moment of the export. The document is the batch
payload (``docs/batch-format.md`` §5) widened from one site to the registry:

- ``Study``: the form definition's ``MetaDataVersion`` (:func:`.odm_metadata.build_study`),
  with every definition version a form in the file was entered under.
- ``AdminData``: a ``User`` for each person who signed a case in the file, per centre
  (``USR.<centre>.<username>``: two centres may each have a ``pia``), with ``LoginName``,
  ``FullName`` (the printed name of that person's latest signature in the file) and a
  ``LocationRef`` to the centre; a ``Location`` (``LOC.<centre>``, ``LocationType="Site"``) for
  every registered centre in scope, with or without cases; a ``SignatureDef`` per meaning.
- ``ClinicalData``: one ``SubjectData`` per case, written by the batch writer's own
  :class:`~cmlentry.services.batches.odm_write.SubjectWriter`: ``SiteRef`` to the case's
  centre, the case status, forms, rows and answers, the PI's ``Signature`` with
  ``cml:SignatureBinding`` and the ``cml:Query`` elements exactly as a batch carries them.
  Two differences: no ``TransactionType`` (a Snapshot has none), and no ``AuditRecord``: the
  registry keeps records, not the sites' per-answer audit rows.

**Streaming.** ``AdminData`` comes before ``ClinicalData`` in ODM but names the signers and
meanings the records hold, so the records are read twice: a first pass collects what
``AdminData`` and the code lists must declare, the second checks each record and writes the
subjects one by one straight to the file, never holding the document. The two passes are two
reads of the store; if a batch imported in between brings a signer, meaning, version or centre
the first pass did not see, the second pass notices before writing that subject and the export
starts again (at most :data:`ATTEMPTS` times).

**Refused records.** A record the batch reader would refuse (a character XML cannot carry,
anything :class:`~cmlentry.services.batches.record.RecordChecker` rejects) stops the export with
:class:`OdmRecordNotExportable` naming the case: the sites refuse such records before sending,
so the central store holding one is damage, and an ODM file that silently changed or dropped
data would be worse than none.

**Atomic:** written as a hidden temporary file beside the target, flushed and renamed
(:func:`.csv_export.atomic_file`); an existing file is never replaced, and a failure or
cancellation leaves nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from odmlib.odm_1_3_2 import model as odm
from sqlalchemy import select

from cmlentry import __version__
from cmlentry.domain.forms import FormDefinition
from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.services.batches import odm_extension as ext
from cmlentry.services.batches import odm_metadata as meta
from cmlentry.services.batches.odm_write import (
    APPLICATION,
    LEGAL_REASON,
    XML_DECLARATION,
    OdmCase,
    SubjectWriter,
    declare_namespaces,
    safe_text,
)
from cmlentry.services.batches.record import RecordChecker
from cmlentry.services.reports.csv_export import atomic_file, never, no_progress, refuse_existing
from cmlentry.services.reports.registry_report import Progress, RegistryReportService
from cmlentry.services.reports.table_facts import CentralRecord
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import Centre

__all__ = [
    "ATTEMPTS",
    "OdmDataChanging",
    "OdmExportResult",
    "OdmRecordNotExportable",
    "write_central_odm",
]

ATTEMPTS = 3
"""Times the export starts again when the store changes between its two passes."""
PROGRESS_EVERY = 100
"""Subjects written between two progress reports and cancel checks."""
_SLOT = "cmlentry-subjects"
"""A placeholder element where the subjects go in the serialised document head."""


class OdmRecordNotExportable(CmlentryError):
    code = "reports.odm_record_not_exportable"
    template = (
        "Case {registry_id} of centre {centre} cannot be written to an ODM file: {problem}. "
        "Ask the centre to correct the case and send it again, then export again; no file was "
        "written."
    )


class OdmDataChanging(CmlentryError):
    code = "reports.odm_data_changing"
    template = (
        "The registry's data kept changing while the ODM file was being written (batches were "
        "being imported). Export again when the imports are done; no file was written."
    )


@dataclass(frozen=True)
class OdmExportResult:
    """What :func:`write_central_odm` wrote.

    Attributes:
        path: The ODM file.
        file_oid: Its ``FileOID`` (``REGISTRY.<UTC time of the export>``).
        created_at: Its ``CreationDateTime`` and ``AsOfDateTime`` (UTC).
        cases: ``SubjectData`` written: the counted cases in scope.
        centres: The centres given a ``Location``, by code (every registered centre in scope).
        signed: Cases written with the PI's signature.
        queries: Queries written (``cml:Query``).
        size: The file's size in bytes.
    """

    path: Path
    file_oid: str
    created_at: str
    cases: int
    centres: tuple[str, ...]
    signed: int
    queries: int
    size: int


def write_central_odm(
    service: RegistryReportService,
    path: Path,
    *,
    centres: Sequence[str] = (),
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never,
) -> OdmExportResult:
    """Write the registry's current case records in ``centres`` (all when empty) to ``path``.

    Args:
        service: The registry report service (its workspace, store and form definition; its
            permission: read cases, in a registry workspace).
        path: The ODM file to create (``.xml``); it must not exist.
        centres: Centre codes, e.g. ``("FR-086",)``; empty for every centre.
        progress: Called with (cases written, cases in all) every :data:`PROGRESS_EVERY`
            cases; with (0, cases in all) while the records are first read.
        cancelled: Polled as often; when true the export stops and nothing is left.

    Raises:
        ReportNeedsRegistry, NotPermitted: not a registry workspace, or a user who may not read
            cases.
        UnknownCentre: ``centres`` names a centre not registered here.
        TargetExists: ``path`` exists.
        OdmRecordNotExportable: a record an ODM document cannot carry as it is.
        OdmDataChanging: the store changed between the two passes, :data:`ATTEMPTS` times.
        Cancelled: ``cancelled()`` became true.
        DiskFull, ReadOnlyDestination, FileProblem: the file could not be written.
    """
    path = path.expanduser()
    wanted = tuple(centres)
    # The permission and the centres are checked when the stream is made, before any reading.
    service.records(centres=wanted)
    refuse_existing(path)
    created_at = format_utc(service.ws.clock())
    export = _Export(service, wanted, created_at, progress, cancelled)
    plan = _Plan()
    for _attempt in range(ATTEMPTS):
        export.collect(plan)
        try:
            with atomic_file(path) as handle:
                written = export.write(plan, handle)
                size = handle.tell()
        except _Undeclared:
            continue  # atomic_file removed what was written; plan keeps what it had seen
        return OdmExportResult(
            path=path,
            file_oid=export.file_oid,
            created_at=created_at,
            cases=written.cases,
            centres=tuple(plan.locations),
            signed=written.signed,
            queries=written.queries,
            size=size,
        )
    raise OdmDataChanging()


class _Undeclared(Exception):
    """A record needs a declaration the first pass did not make (the store changed)."""


_SIGNER = ("username", "printed_name", "meaning", "signed_at")


@dataclass
class _Plan:
    """What the document must declare before its subjects, gathered by the first pass."""

    signers: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """(centre, username) → (latest signed_at, its printed name)."""
    meanings: set[str] = field(default_factory=set)
    versions: set[str] = field(default_factory=set)
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)
    """centre code → (name, effective date), every registered centre in scope, by code."""

    def add(self, case: CentralRecord) -> None:
        """Note what ``case`` needs declared. Not checked yet: what is not as a record has it
        is skipped here, and the second pass's check refuses the record."""
        record = case.record
        forms = record.get("forms")
        for form in forms.values() if isinstance(forms, dict) else ():
            if isinstance(form, dict) and isinstance(form.get("version"), str):
                self.versions.add(form["version"])
        sig = record.get("signature")
        if isinstance(sig, dict) and all(isinstance(sig.get(k), str) for k in _SIGNER):
            self.meanings.add(sig["meaning"])
            key = (case.centre, sig["username"])
            if key not in self.signers or self.signers[key][0] < sig["signed_at"]:
                self.signers[key] = (sig["signed_at"], sig["printed_name"])

    def covers(self, case: CentralRecord) -> bool:
        record = case.record
        if case.centre not in self.locations:
            return False
        if not all(form["version"] in self.versions for form in record["forms"].values()):
            return False
        if "signature" in record:
            sig = record["signature"]
            signer = (case.centre, sig["username"])
            return signer in self.signers and sig["meaning"] in self.meanings
        return True


@dataclass
class _Written:
    cases: int = 0
    signed: int = 0
    queries: int = 0


class _Export:
    def __init__(
        self,
        service: RegistryReportService,
        centres: tuple[str, ...],
        created_at: str,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> None:
        self.service = service
        self.definition: FormDefinition = service.definition
        self.checker = RecordChecker(self.definition)
        self.centres = centres
        self.created_at = created_at
        self.file_oid = "REGISTRY." + "".join(c for c in created_at if c.isalnum())
        self.progress = progress
        self.cancelled = cancelled
        self.total = 0

    # --- the first pass ---------------------------------------------------------------------

    def collect(self, plan: _Plan) -> None:
        """Add to ``plan`` what the records hold now.

        Records are checked in the second pass only, the one that writes them (a record may
        change between the passes).
        """

        def reading(_done: int, total: int) -> None:
            self.total = total
            self.progress(0, total)

        with contextlib.closing(self._records(reading)) as records:
            for case in records:
                plan.add(case)
        plan.locations = self._locations()  # after the records: every centre they name

    def _locations(self) -> dict[str, tuple[str, str]]:
        query = select(Centre.code, Centre.name, Centre.registered_at).order_by(Centre.code)
        if self.centres:
            query = query.where(Centre.code.in_(self.centres))
        with self.service.store.read() as session:
            return {
                code: (safe_text(name) or code, _date(registered_at, self.created_at))
                for code, name, registered_at in session.execute(query)
            }

    def _check(self, case: CentralRecord) -> None:
        problem = self.checker.problem(case.record)
        if problem is not None:
            raise OdmRecordNotExportable(
                registry_id=safe_text(case.registry_id), centre=case.centre, problem=problem
            )

    def _records(self, progress: Progress) -> Generator[CentralRecord, None, None]:
        """The records in scope; closing this closes the store's stream (and its session)."""
        yield from self.service.records(
            centres=self.centres, progress=progress, cancelled=self.cancelled
        )

    # --- the second pass --------------------------------------------------------------------

    def write(self, plan: _Plan, handle: IO[bytes]) -> _Written:
        """Write the document; :class:`_Undeclared` if a record needs more than ``plan``."""
        head, tail = self._frame(plan)
        handle.write(XML_DECLARATION + head.encode("utf-8"))
        subjects = SubjectWriter(
            self.definition,
            _signature_defs(plan),
            transaction_type=None,
            users_by_site=True,
        )
        written = _Written()
        scratch = ET.Element("ClinicalData")
        chunk: list[str] = []
        with meta.collector_paused(), contextlib.closing(self._records(self._read)) as records:
            for case in records:
                self._check(case)
                if not plan.covers(case):
                    raise _Undeclared()
                element = subjects.write(OdmCase(dict(case.record), {}), case.centre, scratch)
                chunk.append(ET.tostring(element, encoding="unicode"))
                scratch.remove(element)
                written.cases += 1
                written.signed += "signature" in case.record
                written.queries += len(case.record.get("queries", ()))
                if written.cases % PROGRESS_EVERY == 0:
                    handle.write("".join(chunk).encode("utf-8"))
                    chunk.clear()
                    if self.cancelled():
                        raise Cancelled()
                    self.progress(written.cases, max(self.total, written.cases))
            handle.write(("".join(chunk) + tail).encode("utf-8"))
        self.progress(written.cases, written.cases)
        return written

    def _read(self, _done: int, total: int) -> None:
        self.total = total

    def _frame(self, plan: _Plan) -> tuple[str, str]:
        """The serialised document before and after its subjects."""
        root = self._root(plan).to_xml()
        assert root is not None  # a top-level to_xml() returns the element it made
        clinical = root.find("ClinicalData")
        assert clinical is not None
        ET.SubElement(clinical, _SLOT)
        declare_namespaces(root)
        # Declared always: the subjects, written later, may use the extension.
        root.set(f"xmlns:{ext.PREFIX}", ext.CML_NS)
        head, tail = ET.tostring(root, encoding="unicode").split(f"<{_SLOT} />")
        return head, tail

    def _root(self, plan: _Plan) -> odm.ODM:
        definition = self.definition
        study, mdv = meta.study_oid(definition), meta.metadata_version_oid(definition)
        return odm.ODM(
            Description="cmlentry registry export: the current accepted version of every case",
            FileType="Snapshot",
            Granularity="All",
            FileOID=self.file_oid,
            CreationDateTime=self.created_at,
            AsOfDateTime=self.created_at,
            ODMVersion="1.3.2",
            SourceSystem=APPLICATION,
            SourceSystemVersion=__version__,
            Study=[meta.build_study(definition, plan.versions)],
            AdminData=[_admin(plan, study, mdv)],
            ClinicalData=[odm.ClinicalData(StudyOID=study, MetaDataVersionOID=mdv)],
        )


def _admin(plan: _Plan, study: str, mdv: str) -> odm.AdminData:
    return odm.AdminData(
        User=[
            odm.User(
                OID=meta.user_oid(username, centre),
                LoginName=odm.LoginName(_content=username),
                FullName=odm.FullName(_content=safe_text(printed)),
                LocationRef=[odm.LocationRef(LocationOID=meta.location_oid(centre))],
            )
            for (centre, username), (_at, printed) in sorted(plan.signers.items())
        ],
        Location=[
            odm.Location(
                OID=meta.location_oid(code),
                Name=name,
                LocationType="Site",
                MetaDataVersionRef=[
                    odm.MetaDataVersionRef(
                        StudyOID=study, MetaDataVersionOID=mdv, EffectiveDate=effective
                    )
                ],
            )
            for code, (name, effective) in plan.locations.items()
        ],
        SignatureDef=[
            odm.SignatureDef(
                OID=oid,
                Methodology="Electronic",
                Meaning=odm.Meaning(_content=safe_text(meaning)),
                LegalReason=odm.LegalReason(_content=LEGAL_REASON),
            )
            for meaning, oid in _signature_defs(plan).items()
        ],
    )


def _signature_defs(plan: _Plan) -> dict[str, str]:
    return {meaning: f"SD.{n}" for n, meaning in enumerate(sorted(plan.meanings), start=1)}


def _date(moment: str, fallback: str) -> str:
    """The UTC day of a stored time (a centre's registration), ``fallback``'s if unreadable."""
    try:
        return dt.date.fromisoformat(moment[:10]).isoformat()
    except ValueError:
        return fallback[:10]
