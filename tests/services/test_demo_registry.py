"""The demo registry: real demo sites send signed batches, the registry imports them, and only the
registry workspace remains; never made over a real folder, nothing left when cancelled."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.services.demo import (
    DEMO_PASSWORD,
    DEMO_PI,
    NotADemoFolder,
    default_demo_folder,
    is_demo_folder,
)
from cmlentry.services.demo_registry import (
    DEMO_SITES,
    REGISTRATIONS,
    SCRATCH,
    DemoCentre,
    default_demo_registry_folder,
    make_demo_registry,
)
from cmlentry.services.registry.centres import CentreService, CentreStatus
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportOptions,
)
from cmlentry.services.reports.table_facts import CentralRecord
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.audit import verify_chain
from tests.conftest import FakeClock, Site

pytestmark = pytest.mark.timeout(300)

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
ULM = DemoCentre(SiteDetails("DE", "012", "Ulm demo centre (synthetic cases)"))
MILANO = DemoCentre(SiteDetails("IT", "014", "Milano demo centre (synthetic cases)"), 0.7, 6)
CASES = 3  # Ulm 3 cases, Milano round(3 * 0.7) = 2


def build(folder: Path, **kwargs: object) -> Path:
    options: dict[str, object] = {
        "sites": (ULM, MILANO),
        "cases_per_site": CASES,
        "seed": 7,
        "clock": FakeClock(NOW),
        "policy": OWASP_FLOOR,
    }
    options.update(kwargs)
    return make_demo_registry(folder, **options).folder  # type: ignore[arg-type]


def unlock(folder: Path) -> Workspace:
    return open_workspace(folder, "demo", DEMO_PASSWORD, clock=FakeClock(NOW), policy=OWASP_FLOOR)


@dataclasses.dataclass
class Made:
    folder: Path
    steps: list[tuple[int, int]]
    report: RegistryReport
    centres: list[CentreStatus]
    records: list[CentralRecord]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    steps: list[tuple[int, int]] = []
    folder = build(
        tmp_path_factory.mktemp("registry") / "demo-registry",
        progress=lambda done, total: steps.append((done, total)),
    )
    with unlock(folder) as ws:
        store = open_central_store(ws)
        try:
            service = RegistryReportService(ws, store)
            report = service.build(ReportOptions())
            centres = CentreService(ws, store).centres()
            records = list(service.records())
        finally:
            store.close()
    return Made(folder, steps, report, centres, records)


@pytest.fixture
def registry(made: Made) -> Iterator[Workspace]:
    with unlock(made.folder) as ws:
        yield ws


def registration_row(central: CentralRecord) -> dict[str, dict[str, str]]:
    row: dict[str, dict[str, str]] = central.record["forms"]["registration"]["groups"][
        "registration"
    ][0]["values"]
    return row


# --- what the coordinator finds ------------------------------------------------------------------


def test_the_coordinator_opens_the_registry_with_the_demo_password(registry: Workspace) -> None:
    assert registry.kind == "registry"
    assert registry.user.username == "demo"
    assert registry.user.role.value == "coordinator"


def test_every_case_entered_was_imported_and_accepted(made: Made) -> None:
    """Ulm 3 cases and Milano round(3 × 0.7) = 2: all five counted by the report."""
    assert made.report.patients == 5
    assert made.report.not_accepted == 0
    assert {c.code: c.patients for c in made.report.centres} == {"DE-012": 3, "IT-014": 2}
    assert {r.centre for r in made.records} == {"DE-012", "IT-014"}


def test_the_centres_sent_their_cases_in_batches_with_no_gap(made: Made) -> None:
    by_code = {c.code: c for c in made.centres}
    assert set(by_code) == {"DE-012", "IT-014"}
    assert by_code["DE-012"].name == ULM.site.centre_name
    for status in made.centres:
        assert status.last_sequence is not None and status.last_sequence >= 2
        assert not status.missing
        assert status.refused_forks == 0 and status.conflicts == 0
        assert len(status.keys) == 1 and status.keys[0].revoked_at is None
    # Progress: one step per case entered and one per batch imported, counted to the end.
    batches = sum(status.last_sequence or 0 for status in made.centres)
    assert made.steps[0] == (0, 5 + batches)
    assert made.steps[-1] == (5 + batches, 5 + batches)
    assert [done for done, _ in made.steps] == list(range(5 + batches + 1))


def test_every_case_carries_the_demo_pis_signature(made: Made) -> None:
    for central in made.records:
        signature = central.record["signature"]
        assert signature["username"] == DEMO_PI.username
        assert signature["role"] == "pi"
        assert central.record["status"] in ("signed", "exported")


def test_registrations_fall_in_the_demo_window_and_centres_join_later(made: Made) -> None:
    first, last = REGISTRATIONS
    months = made.report.tables.registrations.months
    assert (months[0].year, months[0].month) >= (first.year, first.month)
    assert (months[-1].year, months[-1].month) <= (last.year, last.month)
    assert made.report.tables.registrations.on_receipt == 0
    milano = [
        dt.date.fromisoformat(registration_row(r)["registration_date"]["value"])
        for r in made.records
        if r.centre == "IT-014"
    ]
    assert min(milano) >= first + dt.timedelta(days=6 * 30)


def test_only_the_registry_workspace_remains(made: Made, registry: Workspace) -> None:
    assert not (made.folder / SCRATCH).exists()
    assert is_demo_folder(made.folder)
    assert not any(p.suffix in (".cmlbatch", ".cmlack", ".cmlkey") for p in made.folder.rglob("*"))
    with registry.db.read() as session:
        assert verify_chain(session.connection()).intact


def test_the_default_folder_is_beside_the_site_demo() -> None:
    assert default_demo_registry_folder().parent == default_demo_folder().parent
    assert default_demo_registry_folder() != default_demo_folder()


def test_the_demo_centres_are_marked_as_demo_in_several_countries() -> None:
    assert len({c.site.country for c in DEMO_SITES}) >= 3
    assert len({(c.site.country, c.site.centre_code) for c in DEMO_SITES}) == len(DEMO_SITES)
    assert all("demo" in c.site.centre_name.lower() for c in DEMO_SITES)


# --- the folder ----------------------------------------------------------------------------------


def test_a_real_workspace_is_never_replaced(site: Site) -> None:
    before = sorted(p.name for p in site.folder.iterdir())
    with pytest.raises(NotADemoFolder):
        build(site.folder)
    assert sorted(p.name for p in site.folder.iterdir()) == before
    with site.open() as ws:
        assert ws.user.username == "admin"


def test_a_folder_with_other_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(NotADemoFolder):
        build(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cancelling_after_a_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "demo-registry"
    steps: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        build(
            folder,
            progress=lambda done, total: steps.append((done, total)),
            cancelled=lambda: len(steps) > 3,  # two cases and the first batch are in
        )
    assert len(steps) == 4
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failure_leaves_nothing_and_a_previous_demo_folder_stays_empty(tmp_path: Path) -> None:
    folder = tmp_path / "demo-registry"
    build(folder, sites=(ULM,), cases_per_site=1)
    assert is_demo_folder(folder)
    # Two centres with one code: the second site's workspace cannot be made.
    with pytest.raises(CmlentryError):
        build(folder, sites=(ULM, ULM), cases_per_site=1)
    assert folder.exists() and list(folder.iterdir()) == []
    # And a demo made there afterwards is whole.
    build(folder, sites=(ULM,), cases_per_site=1)
    with unlock(folder) as ws:
        store = open_central_store(ws)
        try:
            assert RegistryReportService(ws, store).build(ReportOptions()).patients == 1
        finally:
            store.close()


def test_a_centre_joining_after_the_window_is_refused_at_once() -> None:
    site = SiteDetails("DE", "099", "Late demo centre (synthetic cases)")
    with pytest.raises(ValueError, match="joins 0 to 24 months in"):
        DemoCentre(site, 1.0, joined_months=40)
    assert DemoCentre(site, 1.0, joined_months=24).joined_months == 24
