"""The registry report: the letter's tables and the trial abstract's end points (issue 7).

:class:`RegistryReportService` reads the central store of a registry workspace: the *current*
version of every case, which the importer moves only to an accepted version (a conflicting or
rejected version is kept beside it and never counted), with its centre and country. It builds
:class:`RegistryReport`, everything a workbook, a CSV file, the dashboard and the command line
print: the tables of :mod:`.tables` and the end points of :mod:`.abstract` under the options the
coordinator chose (:class:`ReportOptions`).

**Scale.** Records are streamed: one SELECT of plain rows (never ORM objects) read in chunks of
:data:`CHUNK` (``yield_per``: a server-side cursor on PostgreSQL), each record parsed, reduced to
its small :class:`~.table_facts.CaseFacts` and end points, and dropped. Everything is read in one
read session that sees one snapshot of the store (repeatable read on PostgreSQL), so counts and
records agree even while a batch is being imported.
:meth:`RegistryReportService.records` gives the same stream for listings and exports.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.roles import Permission
from cmlentry.domain.survival import CiType, ci_type
from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.registry.errors import UnknownCentre
from cmlentry.services.reports.abstract import (
    LANDMARK_MONTHS,
    AbstractEndpoints,
    abstract_endpoints,
)
from cmlentry.services.reports.endpoints import (
    EndpointOptions,
    EventSet,
    Origin,
    PatientEndpoints,
    patient_endpoints,
)
from cmlentry.services.reports.tables import (
    CaseFacts,
    CentralRecord,
    RegistryTables,
    case_facts,
    tables_of,
)
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import ACCEPTED, CaseVersion, CentralCase, Centre
from cmlentry.storage.central.store import CentralStore

CHUNK = 1000
"""Records read from the store at a time (between two progress reports and cancel checks)."""

Progress = Callable[[int, int], None]
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")

__all__ = [
    "CHUNK",
    "CentreSummary",
    "RegistryReport",
    "RegistryReportService",
    "ReportNeedsRegistry",
    "ReportOptions",
]


class ReportNeedsRegistry(CmlentryError):
    code = "reports.not_registry"
    template = (
        "This is a site's workspace; the registry report is made in the registry coordinator's "
        "workspace, from the batches the sites sent. Nothing was changed."
    )


@dataclass(frozen=True)
class ReportOptions:
    """The coordinator's choices, printed beside the results they shape.

    Attributes:
        event_set: The events that end progression-free survival (domain.md §7.1).
        origin: Where follow-up times start.
        censor_at_transplant: Censor follow-up at an allogeneic transplant.
        ci: The 95 % interval type: plain, log or log-log (domain.md §7.2).
        landmark_months: Where Ŝ is read off the curve (12 and 18 months, as the abstract).
        centres: Centre codes to report on (e.g. ``("FR-086",)``); empty for every centre.
    """

    event_set: EventSet = EventSet.PERSISTENT_RESPONSE
    origin: Origin = Origin.IMATINIB_START
    censor_at_transplant: bool = False
    ci: CiType = CiType.PLAIN
    landmark_months: tuple[float, ...] = LANDMARK_MONTHS
    centres: tuple[str, ...] = ()

    @property
    def endpoint_options(self) -> EndpointOptions:
        return EndpointOptions(self.event_set, self.origin, self.censor_at_transplant)


@dataclass(frozen=True)
class CentreSummary:
    """A registered centre and how many of the report's patients it sent."""

    code: str
    country: str
    name: str
    patients: int


@dataclass(frozen=True)
class RegistryReport:
    """Everything a registry report shows.

    Attributes:
        generated_at: When it was built (UTC, ISO 8601).
        source: Where the central data are (the workspace file, or host/database).
        definition: The form definition whose code lists label the tables, e.g. cml-ifp-1.0.
        options: The choices it was built under.
        patients: Cases counted: those with an accepted current version.
        not_accepted: Cases the registry holds but does not count, because no version of them
            was accepted (each was a conflict or rejected; the centre's status lists them).
        centres: Every registered centre in the report's scope, by code, with 0 patients too.
        tables: The letter's tables.
        endpoints: The trial abstract's end points.
    """

    generated_at: str
    source: str
    definition: str
    options: ReportOptions
    patients: int
    not_accepted: int
    centres: tuple[CentreSummary, ...]
    tables: RegistryTables
    endpoints: AbstractEndpoints


def _never() -> bool:
    return False


def _no_progress(_done: int, _total: int) -> None:
    return None


class RegistryReportService:
    """Reads the registry's current case records and builds the report from them.

    Args:
        ws: The registry coordinator's workspace (permission: read cases).
        store: Its central store.
        definitions: The installed form definitions (the current one labels the tables).
        chunk: Records read at a time.
    """

    def __init__(
        self,
        ws: Workspace,
        store: CentralStore,
        *,
        definitions: DefinitionSet | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self.ws = ws
        self.store = store
        self.definition: FormDefinition = (definitions or installed_definitions()).current
        self.chunk = chunk

    def _require(self) -> None:
        if self.ws.kind != "registry":
            raise ReportNeedsRegistry()
        self.ws.require(Permission.VIEW_CASES)

    def build(
        self,
        options: ReportOptions | None = None,
        *,
        progress: Progress = _no_progress,
        cancelled: Callable[[], bool] = _never,
    ) -> RegistryReport:
        """The report over every counted case in ``options.centres`` (all when empty).

        Args:
            options: The coordinator's choices (the defaults if None).
            progress: Called with (cases read, cases to read) after each chunk.
            cancelled: Polled before each chunk; True stops with :class:`Cancelled`.

        Raises:
            ReportNeedsRegistry: a site's workspace.
            NotPermitted: the user may not read cases.
            UnknownCentre: ``options.centres`` names a centre not registered here.
            UnknownCiType: ``options.ci`` is not plain, log or log-log.
            Cancelled: ``cancelled()`` became true; nothing was built.
        """
        self._require()
        options = options or ReportOptions()
        ci = ci_type(options.ci)
        endpoint_options = options.endpoint_options
        facts: list[CaseFacts] = []
        patients: list[PatientEndpoints] = []
        with self.store.read() as session:
            self._snapshot(session)
            centres = self._centres(session, options.centres)
            held = session.scalar(_in_scope(select(func.count(CentralCase.id)), options.centres))
            for case in self._stream(session, options.centres, progress, cancelled):
                facts.append(case_facts(case, self.definition))
                patients.append(patient_endpoints(case.record, endpoint_options, self.definition))
        sent = Counter(fact.centre for fact in facts)
        return RegistryReport(
            generated_at=format_utc(self.ws.clock()),
            source=self.store.description,
            definition=self.definition.oid,
            options=options,
            patients=len(facts),
            not_accepted=int(held or 0) - len(facts),
            centres=tuple(
                CentreSummary(code, country, name, sent[code]) for code, country, name in centres
            ),
            tables=tables_of(facts, self.definition),
            endpoints=abstract_endpoints(patients, endpoint_options, ci, options.landmark_months),
        )

    def records(
        self,
        *,
        centres: Sequence[str] = (),
        progress: Progress = _no_progress,
        cancelled: Callable[[], bool] = _never,
    ) -> Generator[CentralRecord, None, None]:
        """The current record of every counted case in ``centres`` (all when empty), by case.

        A generator over one read session: use it to the end, or close it. The permission and
        the centres are checked at once, before the first record is asked for.

        Raises:
            ReportNeedsRegistry, NotPermitted, UnknownCentre: as :meth:`build`.
            Cancelled: while iterating, ``cancelled()`` became true.
        """
        self._require()
        wanted = tuple(centres)
        with self.store.read() as session:
            self._centres(session, wanted)
        return self._records(wanted, progress, cancelled)

    def _records(
        self, centres: tuple[str, ...], progress: Progress, cancelled: Callable[[], bool]
    ) -> Generator[CentralRecord, None, None]:
        with self.store.read() as session:
            self._snapshot(session)
            yield from self._stream(session, centres, progress, cancelled)

    def _snapshot(self, session: Session) -> None:
        """Make every statement of ``session`` read one snapshot of the store.

        SQLite's read transaction already is one; PostgreSQL's default (read committed) takes a
        snapshot a statement, so a batch imported between the counts and the records would
        make them disagree. Repeatable read never fails a transaction that only reads.
        """
        if self.store.backend == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})

    @staticmethod
    def _centres(session: Session, codes: Sequence[str]) -> list[tuple[str, str, str]]:
        """(code, country, name) of the centres in scope, by code; an unknown code is refused."""
        query = select(Centre.code, Centre.country, Centre.name).order_by(Centre.code)
        if codes:
            query = query.where(Centre.code.in_(codes))
        found = [(code, country, name) for code, country, name in session.execute(query)]
        known = {code for code, _country, _name in found}
        for code in codes:
            if code not in known:
                raise UnknownCentre(centre=code)
        return found

    def _stream(
        self,
        session: Session,
        centres: Sequence[str],
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> Iterator[CentralRecord]:
        counted = _counted(select(func.count(CentralCase.id)), centres)
        total = int(session.scalar(counted) or 0)
        rows = _counted(
            select(
                CentralCase.first_seen_at, Centre.code, Centre.country, CaseVersion.record
            ).order_by(CentralCase.id),
            centres,
        ).execution_options(yield_per=self.chunk)
        done = 0
        progress(0, total)
        for chunk in session.execute(rows).partitions():
            if cancelled():
                raise Cancelled()
            for first_seen, code, country, record in chunk:
                yield CentralRecord(code, country, json.loads(record), _day(first_seen))
            done += len(chunk)
            progress(done, max(done, total))


def _in_scope(query: _Query, centres: Sequence[str]) -> _Query:
    """Every case the registry holds in ``centres`` (all when empty), counted or not."""
    query = query.join(Centre, Centre.id == CentralCase.centre_id)
    return query.where(Centre.code.in_(centres)) if centres else query


def _counted(query: _Query, centres: Sequence[str]) -> _Query:
    """The cases whose current version is accepted, in ``centres`` (all when empty)."""
    query = query.join(Centre, Centre.id == CentralCase.centre_id).join(
        CaseVersion, CaseVersion.id == CentralCase.current_version_id
    )
    query = query.where(CaseVersion.outcome == ACCEPTED)
    return query.where(Centre.code.in_(centres)) if centres else query


def _day(moment: str | None) -> dt.date | None:
    """The UTC day of a stored time (``2026-03-02T09:00:00.000000Z``), None if unreadable."""
    try:
        return dt.date.fromisoformat((moment or "")[:10])
    except ValueError:
        return None
