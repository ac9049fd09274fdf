"""The demo workspace: synthetic, reproducible, varied, entered through the real services, and
never made over a real workspace."""

from __future__ import annotations

import collections
import datetime as dt
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.validation import blocking, validate_case
from cmlentry.errors import Cancelled, WorkspaceInUse
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.demo import (
    CORRECTIONS,
    DEMO_PASSWORD,
    DEMO_USERS,
    FORMS,
    MARKER,
    REASONS,
    CasePlan,
    DemoWorkspace,
    NotADemoFolder,
    default_demo_folder,
    is_demo_folder,
    make_demo_workspace,
    plan_cases,
)
from cmlentry.services.desk import Desk
from cmlentry.services.history import field_history
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.audit import data_mismatches, verify_chain
from cmlentry.storage.models import AuditEvent, PatientIdentity
from tests.conftest import FakeClock, Site

CASES = 28
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def build(folder: Path, cases: int = CASES, seed: int = 2026, **kwargs: object) -> DemoWorkspace:
    return make_demo_workspace(
        folder,
        cases=cases,
        seed=seed,
        clock=FakeClock(NOW),
        policy=OWASP_FLOOR,
        **kwargs,  # type: ignore[arg-type]
    )


def unlock(demo: DemoWorkspace, username: str | None = None) -> Workspace:
    return open_workspace(
        demo.folder,
        username or demo.username,
        demo.password,
        clock=FakeClock(NOW),
        policy=OWASP_FLOOR,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build(tmp_path_factory.mktemp("demo") / "demo")


@pytest.fixture
def nurse(demo: DemoWorkspace) -> Iterator[Workspace]:
    with unlock(demo) as ws:
        yield ws


# --- the cases ------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_cases() -> None:
    def plans(seed: int) -> list[CasePlan]:
        return plan_cases(random.Random(seed), 40)

    assert plans(7) == plans(7)
    assert plans(7) != plans(8)


def test_a_rebuild_with_the_same_seed_holds_the_same_cases(
    demo: DemoWorkspace, nurse: Workspace, tmp_path: Path
) -> None:
    again = build(tmp_path / "again")
    with unlock(again) as ws:
        theirs = CaseService(ws)
        ours = CaseService(nurse)
        assert [theirs.get_case(c.registry_id) for c in theirs.list_cases()] == [
            ours.get_case(c.registry_id) for c in ours.list_cases()
        ]


def test_every_synthetic_case_validates_and_supports_its_form_a_reason() -> None:
    """Many seeds' worth of cases: the validation runs without an exception on each, the data
    support the Form A reason chosen, the dates are in order, and a case meant to be complete
    has nothing left that blocks completion."""
    definition = installed_definitions().current
    today = NOW.date()
    for serial, plan in enumerate(plan_cases(random.Random(99), 400)):
        issues = validate_case(definition, plan.forms, today)
        codes = {issue.code for issue in issues}
        assert not {c for c in codes if c.startswith("form_a.")}, (serial, issues)
        if plan.completed == len(FORMS):
            assert [i for f in FORMS for i in blocking(issues, f)] == [], (serial, issues)
        # Dates out of order only where a hard error was put on purpose (registration).
        assert {i.item for i in issues if i.code == "date.order"} <= {"registration_date"}


def test_statuses_reasons_and_findings_vary(nurse: Workspace) -> None:
    cases = CaseService(nurse).list_cases()
    assert len(cases) == CASES
    statuses = collections.Counter(c.status for c in cases)
    assert statuses["complete"] >= 2 and statuses["draft"] >= CASES // 2, statuses
    assert {c.form_a_reason for c in cases} >= set(REASONS)
    assert len({c.forms_complete for c in cases}) >= 3
    assert any(c.open_errors for c in cases if c.forms_complete > 0 or c.status == "draft")
    assert any(c.open_warnings for c in cases)
    with nurse.db.read() as session:
        overridden = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.field == "override", AuditEvent.new_value.is_not(None))
        )
    assert overridden  # some soft warnings are kept with a reason


def test_everything_went_through_the_audited_services(nurse: Workspace) -> None:
    with nurse.db.read() as session:
        assert verify_chain(session.connection()).intact
        assert data_mismatches(session) == []
        actors = set(
            session.scalars(select(AuditEvent.actor_username).where(AuditEvent.entity == "value"))
        )
        assert actors == {"demo"}
        # Dated in the weeks before the demo was made, never at or after that moment.
        last = session.scalar(
            select(func.max(AuditEvent.at_utc)).where(AuditEvent.entity == "value")
        )
        assert last is not None and last < "2026-11-21T09:00"
        # No made-up identities: the identification list is empty.
        assert session.scalar(select(func.count()).select_from(PatientIdentity)) == 0


def test_some_answers_were_corrected_with_a_reason(nurse: Workspace) -> None:
    cases = CaseService(nurse)
    complete = [c.registry_id for c in cases.list_cases() if c.status == "complete"]
    corrected = [
        change
        for registry_id in complete
        for item in ("wbc", "haemoglobin")
        for change in field_history(nurse, registry_id, "diagnosis", "baseline", 1, item)
        if change.action == "update"
    ]
    assert corrected
    assert {change.reason for change in corrected} <= set(CORRECTIONS)


def test_the_demo_users_log_in_with_the_demo_password(demo: DemoWorkspace) -> None:
    assert demo.password == DEMO_PASSWORD
    assert demo.username == "demo"
    for user in DEMO_USERS:
        with unlock(demo, user.username) as ws:
            assert ws.user.role.value == user.role
            assert not ws.user.must_change_password
            assert ws.user.printed_name == user.printed_name


# --- the folder ---------------------------------------------------------------------------------


def test_a_real_workspace_is_never_replaced(site: Site) -> None:
    before = sorted(p.name for p in site.folder.iterdir())
    with pytest.raises(NotADemoFolder) as caught:
        build(site.folder, cases=1)
    assert "not a demo workspace" in caught.value.message
    assert sorted(p.name for p in site.folder.iterdir()) == before
    with site.open() as ws:
        assert ws.user.username == "admin"


def test_a_marker_does_not_make_a_folder_with_other_files_a_demo(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / MARKER).write_text((Path(__file__).read_text())[:10])  # not our marker
    with pytest.raises(NotADemoFolder):
        build(folder, cases=1)
    other = tmp_path / "other"
    demo = build(other, cases=1)
    (other / "notes.txt").write_text("mine")
    assert not is_demo_folder(demo.folder)
    with pytest.raises(NotADemoFolder):
        build(other, cases=1)
    assert (other / "notes.txt").read_text() == "mine"
    file = tmp_path / "a-file"
    file.write_text("x")
    with pytest.raises(NotADemoFolder):
        build(file, cases=1)


def test_a_previous_demo_is_replaced_unless_it_is_open(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    first = build(folder, cases=2, seed=1)
    assert is_demo_folder(folder)
    with unlock(first), pytest.raises(WorkspaceInUse):
        build(folder, cases=3)
    with unlock(first) as ws:
        assert len(CaseService(ws).list_cases()) == 2  # the open demo was left alone
    second = build(folder, cases=3, seed=2)
    with unlock(second) as ws:
        assert len(CaseService(ws).list_cases()) == 3


def test_cancelling_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        build(
            folder,
            cases=5,
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) >= 3,
        )
    assert seen == [(0, 5), (1, 5), (2, 5)]
    assert not folder.exists()


def test_the_default_folder_is_in_the_user_data_folder() -> None:
    assert default_demo_folder().name == "demo"
    assert default_demo_folder().parent.name.lower() == "cmlentry"


def test_the_demo_pi_can_make_a_batch_for_the_training_registry(
    demo: DemoWorkspace, tmp_path: Path
) -> None:
    from cmlentry.crypto import container
    from cmlentry.services.batches.export import ExportService
    from cmlentry.services.keys import KeyService
    from tests.keys_fixture import TRAINING_REGISTRY_FILE

    copy = tmp_path / "demo"
    shutil.copytree(demo.folder, copy)
    with unlock(DemoWorkspace(copy, demo.username, demo.password), "demo-pi") as ws:
        exports = ExportService(ws)
        complete = [c.registry_id for c in exports.candidates() if c.sendable][:2]
        made = exports.export(tmp_path, complete)
        training = KeyService(ws).inspect(TRAINING_REGISTRY_FILE)
        assert KeyService(ws).registry_key() == training
    preamble = container.read_preamble(made.path.read_bytes(), kind="batch", file="x")
    assert preamble.recipient_key_id == training.key_id  # only the training registry reads it
    assert made.case_count == len(complete) == 2


def test_the_demo_shows_every_part_of_the_review(demo: DemoWorkspace, nurse: Workspace) -> None:
    """Signed (and verified) cases, open and answered queries, and cases waiting in the queue."""
    desk = Desk.for_workspace(nurse)
    cases = desk.cases.list_cases()
    signed = [c.registry_id for c in cases if c.status == "signed"]
    assert signed and all(c.locked for c in cases if c.status == "signed")
    for registry_id in signed:
        signature = desk.review.check_signature(registry_id)  # really bound to the content
        assert signature.printed_name == "Demo principal investigator"
        assert desk.review.verifications(registry_id)
    states = collections.Counter(q.state for q in desk.queries.unresolved())
    assert states["open"] >= 1 and states["answered"] >= 1, states
    assert any(c.open_queries for c in cases) and any(c.answered_queries for c in cases)
    assert desk.review.queue()  # and some complete cases wait for the PI
