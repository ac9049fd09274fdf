"""The registry report over a real registry: two sites enter cases, export batches, the
registry imports them (on SQLCipher and on PostgreSQL), and the report counts what the sites sent.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.survival import CiType, UnknownCiType
from cmlentry.domain.values import Entry
from cmlentry.errors import Cancelled
from cmlentry.services.batches.export import ExportService
from cmlentry.services.batches.record import record_bytes, record_of
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.errors import UnknownCentre
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.reports.abstract import Proportion, abstract_endpoints
from cmlentry.services.reports.endpoints import EventSet, Origin, derive_endpoints
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportNeedsRegistry,
    ReportOptions,
)
from cmlentry.services.reports.tables import CentralRecord, registry_tables
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.central.models import CONFLICT, REJECTED, CaseVersion, CentralCase
from cmlentry.storage.central.store import CentralStore
from tests.batch_world import (
    ADMIN,
    PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    make_site,
    make_world,
    register_site,
)
from tests.central_db import empty_central_store, skip_or_fail_without_server
from tests.conftest import FakeClock
from tests.services.reports.kit import DEFINITION

pytestmark = pytest.mark.timeout(300)

LYON = SiteDetails.checked("FR", "086", "CHU de Test")
ULM = SiteDetails.checked("DE", "012", "Universitätsklinikum Test")


@dataclasses.dataclass
class Registry:
    """A registry that imported one batch from each of two sites."""

    world: World
    store: CentralStore
    sent: dict[str, list[CentralRecord]]  # by centre: the records as each site holds them

    def report(self, options: ReportOptions | None = None) -> RegistryReport:
        with self.world.registry() as ws:
            return RegistryReportService(ws, self.store).build(options)

    def all_sent(self) -> list[CentralRecord]:
        """Every case sent, in the order the registry first saw them: the importer takes the
        batches chosen together by site code, so Ulm's (DE-012) before Lyon's (FR-086)."""
        return [r for code in sorted(self.sent) for r in self.sent[code]]


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ],
)
def registry(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Registry]:
    """One registry a backend for the whole module (building it takes most of the time): the
    same empty store :func:`tests.central_db.central_store` gives, at module scope. A test that
    changes the store puts it back."""
    if request.param == "postgresql":
        skip_or_fail_without_server()
    tmp_path = tmp_path_factory.mktemp(f"registry-{request.param}")
    with empty_central_store(request.param, tmp_path) as central_store:
        yield _filled(tmp_path, central_store)


def _filled(tmp_path: Path, central_store: CentralStore) -> Registry:
    clock = FakeClock()
    world, lyon = make_world(tmp_path, clock, cases=7, store=central_store, site=LYON)
    ulm_folder = tmp_path / "ulm"
    ulm = make_site(ulm_folder, clock, site=ULM, cases=7, seed=11)
    with open_workspace(ulm_folder, ADMIN, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        KeyService(ws).trust_registry_key(world.out / "registry.cmlkey")
        KeyService(ws).export_site_public_key(world.out / "ulm.cmlkey")
    register_site(world, world.out / "ulm.cmlkey", central_store)
    sent: dict[str, list[CentralRecord]] = {}
    batches = []
    for code, folder, ids in (("FR-086", world.site_folder, lyon), ("DE-012", ulm_folder, ulm)):
        with open_workspace(folder, PI, PI_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
            batches.append(ExportService(ws).export(world.out, ids).path)
            cases = CaseService(ws)
            sent[code] = [
                CentralRecord(code, code[:2], record_of(cases.get_case(rid), DEFINITION.oid))
                for rid in ids
            ]
    with world.registry() as ws:
        outcomes = ImportService(ws, central_store).import_files(batches, world.out)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    return Registry(world, central_store, sent)


def test_the_report_counts_what_the_sites_sent(registry: Registry) -> None:
    report = registry.report()
    sent = registry.all_sent()
    assert len(registry.sent["FR-086"]) == 4 and len(registry.sent["DE-012"]) == 4
    assert (report.patients, report.not_accepted) == (8, 0)
    assert [(c.code, c.country, c.name, c.patients) for c in report.centres] == [
        ("DE-012", "DE", "Universitätsklinikum Test", 4),
        ("FR-086", "FR", "CHU de Test", 4),
    ]
    assert report.definition == "cml-ifp-1.0"
    assert report.generated_at == "2026-11-21T09:00:00.000000Z"

    # The tables, checked against the sites' own answers.
    sexes = Counter(_answer(r, "patient", "sex") for r in sent)
    assert {row.code: row.of_all for row in report.tables.sex.rows} == {
        code: Proportion(sexes[code], 8) for code in ("M", "F")
    }
    for code, split in report.tables.reasons.by_centre:
        reasons = Counter(_answer(r, "registration", "form_a_reason") for r in registry.sent[code])
        assert {row.code: row.of_all.count for row in split.rows} == {
            reason: reasons[reason] for reason in DEFINITION.codelists["form_a_reason"]
        }
    assert [key for key, _ in report.tables.reasons.by_country] == ["DE", "FR"]
    months = Counter(_answer(r, "registration", "registration_date")[:7] for r in sent)
    over_time = report.tables.registrations
    assert {m.label: m.registered for m in over_time.months if m.registered} == months
    assert (over_time.months[-1].cumulative, over_time.on_receipt) == (8, 0)
    # ... and as a whole: the registry's copy gives what the sites' data give.
    assert report.tables == registry_tables(sent, DEFINITION)

    # The trial end points, under the default options.
    direct = abstract_endpoints(
        derive_endpoints([r.record for r in sent], definition=DEFINITION),
        report.options.endpoint_options,
    )
    assert report.endpoints.patients == 8
    assert report.endpoints.chr_any_time == direct.chr_any_time
    assert report.endpoints.severe_cytopenias == direct.severe_cytopenias
    assert report.endpoints.pfs.landmarks == direct.pfs.landmarks
    assert report.endpoints.pfs.excluded == direct.pfs.excluded


def _answer(case: CentralRecord, form: str, item: str) -> str:
    return case.record["forms"][form]["groups"][form][0]["values"][item]["value"]  # type: ignore[no-any-return]


def test_the_options_chosen_shape_and_travel_with_the_end_points(registry: Registry) -> None:
    options = ReportOptions(
        event_set=EventSet.AP_BC, origin=Origin.FAILURE, ci=CiType.LOG_LOG, centres=("DE-012",)
    )
    report = registry.report(options)
    assert report.options == options
    assert report.patients == 4 and [c.code for c in report.centres] == ["DE-012"]
    pfs = report.endpoints.pfs
    assert (pfs.options.event_set, pfs.options.origin, pfs.ci) == (
        EventSet.AP_BC,
        Origin.FAILURE,
        CiType.LOG_LOG,
    )
    assert all(landmark.ci is CiType.LOG_LOG for landmark in pfs.landmarks)
    assert report.tables == registry_tables(registry.sent["DE-012"], DEFINITION)
    with pytest.raises(UnknownCiType):
        registry.report(ReportOptions(ci="wide"))  # type: ignore[arg-type]
    with pytest.raises(UnknownCentre):
        registry.report(ReportOptions(centres=("IT-001",)))


def test_a_case_sent_again_is_counted_once_with_its_new_answers(registry: Registry) -> None:
    """The registry keeps every version; the report reads the current one only."""
    case = registry.sent["FR-086"][0]
    old = _answer(case, "patient", "sex")
    new = {"M": "F", "F": "M"}[old]
    before = registry.report().tables.sex
    try:
        _send_sex(registry, case.registry_id, new, "corrected from the source document")
        after = registry.report()
        assert (after.patients, after.not_accepted) == (8, 0)
        assert after.tables.sex.row(new).of_all.count == before.row(new).of_all.count + 1
        assert after.tables.sex.row(old).of_all.count == before.row(old).of_all.count - 1
    finally:  # the module's other tests share this registry
        _send_sex(registry, case.registry_id, old, "changed back after the test")
    assert registry.report().tables.sex == before


def _send_sex(registry: Registry, registry_id: str, sex: str, reason: str) -> None:
    """At Lyon, change a case's sex with a reason and send it; the registry imports it."""
    world = registry.world
    with world.site() as ws:
        cases = CaseService(ws)
        groups = cases.get_case(registry_id).forms["patient"].groups
        [row] = groups["patient"]
        entries = dict(row.entries, sex=Entry(sex))
        cases.save_form(registry_id, "patient", {"patient": [RowData(row.key, entries)]}, reason)
        batch = ExportService(ws).export(world.out, [registry_id]).path
    with world.registry() as ws:
        [outcome] = ImportService(ws, registry.store).import_files([batch], world.out)
    assert (outcome.status, outcome.accepted) == ("imported", 1)


def test_only_an_accepted_current_version_is_counted(registry: Registry) -> None:
    """A conflicting version beside the current one, and a case known only from a rejected
    version, change nothing; a current version that is not accepted is not read."""
    lyon = registry.sent["FR-086"]
    other_sex = {"M": "F", "F": "M"}[_answer(lyon[0], "patient", "sex")]
    flipped = dict(lyon[0].record)
    flipped["forms"] = dict(flipped["forms"], patient=_with_sex(flipped, other_sex))
    before = registry.report()
    try:
        with registry.store.write() as session:
            case = session.scalars(
                select(CentralCase).where(CentralCase.registry_id == lyon[0].registry_id)
            ).one()
            current = case.current_version_id
            conflict = _version(session, case, flipped, CONFLICT)
            stranger = CentralCase(
                centre_id=case.centre_id,
                registry_id=STRANGER,
                first_seen_at=case.first_seen_at,
                updated_at=case.updated_at,
                conflicts=0,
            )
            session.add(stranger)
            session.flush()
            _version(session, stranger, flipped, REJECTED)
        after = registry.report()
        assert (after.patients, after.not_accepted) == (8, 1)
        assert after.tables == before.tables

        # Damage no importer makes: a case pointing at its conflicting version.
        _point(registry.store, lyon[0].registry_id, conflict)
        damaged = registry.report()
        assert (damaged.patients, damaged.not_accepted) == (7, 2)
        assert damaged.tables == registry_tables(registry.all_sent()[:4] + lyon[1:], DEFINITION)
    finally:  # the module's other tests share this registry
        _point(registry.store, lyon[0].registry_id, current)
        with registry.store.write() as session:
            session.execute(delete(CaseVersion).where(CaseVersion.revision == TEST_REVISION))
            session.execute(delete(CentralCase).where(CentralCase.registry_id == STRANGER))
    assert registry.report().tables == before.tables


STRANGER = "FR-086-0999-?"
TEST_REVISION = 99


def _point(store: CentralStore, registry_id: str, version_id: int | None) -> None:
    with store.write() as session:
        session.execute(
            update(CentralCase)
            .where(CentralCase.registry_id == registry_id)
            .values(current_version_id=version_id)
        )


def _with_sex(record: dict, sex: str) -> dict:  # type: ignore[type-arg]
    patient = record["forms"]["patient"]
    row = patient["groups"]["patient"][0]
    values = dict(row["values"], sex={"value": sex})
    return dict(patient, groups={"patient": [dict(row, values=values)]})


def _version(session: Session, case: CentralCase, record: dict, outcome: str) -> int:  # type: ignore[type-arg]
    batch = session.scalars(select(CaseVersion.batch_id)).first()
    version = CaseVersion(
        case_id=case.id,
        batch_id=batch,
        revision=TEST_REVISION,
        base_revision=1,
        record=record_bytes(dict(record, id=case.registry_id)).decode(),
        record_sha256="0" * 64,
        outcome=outcome,
        reason="made by the test",
    )
    session.add(version)
    session.flush()
    return version.id


def test_records_stream_in_chunks_with_progress_and_can_be_cancelled(registry: Registry) -> None:
    with registry.world.registry() as ws:
        service = RegistryReportService(ws, registry.store, chunk=3)
        steps: list[tuple[int, int]] = []
        sent = registry.all_sent()
        streamed = list(service.records(progress=lambda done, total: steps.append((done, total))))
        assert steps == [(0, 8), (3, 8), (6, 8), (8, 8)]
        assert [(r.registry_id, r.centre, r.country) for r in streamed] == [
            (r.registry_id, r.centre, r.country) for r in registry.all_sent()
        ]
        assert [r.record["forms"] for r in streamed] == [r.record["forms"] for r in sent]
        assert {r.received for r in streamed} == {FakeClock()().date()}

        ulm = [r.registry_id for r in service.records(centres=["DE-012"])]
        assert ulm == [r.registry_id for r in registry.sent["DE-012"]]
        with pytest.raises(UnknownCentre):
            service.records(centres=["IT-001"])  # refused before the first record

        reads: list[int] = []
        with pytest.raises(Cancelled):
            service.build(
                progress=lambda done, _total: reads.append(done), cancelled=lambda: 3 in reads
            )
        assert reads == [0, 3]


def test_a_site_workspace_cannot_build_the_registry_report(registry: Registry) -> None:
    with registry.world.site() as ws:
        service = RegistryReportService(ws, registry.store)
        with pytest.raises(ReportNeedsRegistry):
            service.build()
        with pytest.raises(ReportNeedsRegistry):
            service.records()
