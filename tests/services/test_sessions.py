"""Runs of the application: a run that never ended is reported with what it saved and typed.

A crash is simulated by closing the workspace without ending the run, as a killed process would
leave it: the session row still open, the committed saves in the store, the drafts in place.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.drafts import DraftService
from cmlentry.services.sessions import UNCLEAN_EVENT, SavedForm, SessionService
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.audit import data_mismatches, verify_chain
from cmlentry.storage.models import AppSession, AuditEvent
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock, Site
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)


def rows(form: str) -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


def nurse(site: Site) -> Workspace:
    return open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=site.clock, policy=OWASP_FLOOR)


def runs(ws: Workspace) -> list[tuple[str, str, str | None]]:
    with ws.db.read() as session:
        return [
            (r.started_at, r.last_seen_at, r.ended_at)
            for r in session.scalars(select(AppSession).order_by(AppSession.id))
        ]


def test_a_clean_run_leaves_nothing_to_report(site: Site, clock: FakeClock) -> None:
    with nurse(site) as ws:
        sessions = SessionService(ws)
        assert sessions.start() is None
        clock.advance(5)
        sessions.heartbeat()
        clock.advance(5)
        sessions.end()
        sessions.heartbeat()  # after the end: nothing to touch
        assert runs(ws) == [
            (
                "2026-11-21T09:00:00.000000Z",
                "2026-11-21T09:00:10.000000Z",
                "2026-11-21T09:00:10.000000Z",
            )
        ]
    clock.advance(60)
    with nurse(site) as ws:
        assert SessionService(ws).start() is None


def test_after_a_crash_the_notice_lists_the_saves_and_the_typing(
    site: Site, clock: FakeClock
) -> None:
    with site.open() as admin:
        cases = CaseService(admin, today=TODAY)
        first, second = cases.create_case(), cases.create_case()
        DraftService(admin).put(first, "decision", rows("decision"))  # another user's typing
    clock.advance(60)
    ws = nurse(site)
    cases = CaseService(ws, today=TODAY)
    sessions = SessionService(ws, cases)
    assert sessions.start() is None
    clock.advance(10)
    cases.save_form(first, "patient", rows("patient"))
    clock.advance(10)
    cases.save_form(first, "diagnosis", rows("diagnosis"))
    sessions.heartbeat()
    clock.advance(10)
    cases.mark_complete(first, "patient")
    # Committed after the last heartbeat, before the screen could say "Saved": still reported.
    cases.save_form(second, "patient", rows("patient"))
    DraftService(ws).put(second, "diagnosis", rows("diagnosis"), focus="baseline/1/wbc")
    ws.close()  # the process dies: the run is never ended

    clock.advance(300)
    with nurse(site) as ws:
        notice = SessionService(ws).start()
        assert notice is not None
        assert notice.started_at == "2026-11-21T09:01:00.000000Z"
        assert notice.last_seen_at == "2026-11-21T09:01:20.000000Z"
        assert notice.saved == [
            SavedForm(
                first, "diagnosis", "Diagnosis and baseline", "2026-11-21T09:01:20.000000Z", 13
            ),
            # Answers, not audit rows (an answer writes value, missing code and override):
            # review finding, "6 changes" for two answers read as wrong.
            SavedForm(first, "patient", "Patient", "2026-11-21T09:01:30.000000Z", 4),
            SavedForm(second, "patient", "Patient", "2026-11-21T09:01:30.000000Z", 4),
        ]
        assert [(d.registry_id, d.form_id, d.focus) for d in notice.drafts] == [
            (second, "diagnosis", "baseline/1/wbc")
        ]
        # The run is closed as ended unclean, at its last sign of life, and the trail says so.
        assert runs(ws)[0][2] == "2026-11-21T09:01:20.000000Z"
        with ws.db.read() as session:
            events = session.scalars(
                select(AuditEvent.actor_username).where(AuditEvent.action == UNCLEAN_EVENT)
            ).all()
            assert events == [NURSE]
            assert verify_chain(session.connection()).intact
            assert data_mismatches(session) == []


def test_only_the_runs_own_saves_are_reported(site: Site, clock: FakeClock) -> None:
    """Saves before the run, and other users' saves, are not the nurse's lost work."""
    with site.open() as admin:
        cases = CaseService(admin, today=TODAY)
        rid = cases.create_case()
        cases.save_form(rid, "patient", rows("patient"))
    clock.advance(60)
    with nurse(site) as ws:
        cases = CaseService(ws, today=TODAY)
        cases.save_form(rid, "decision", rows("decision"))  # a clean, earlier run
    clock.advance(60)
    ws = nurse(site)
    SessionService(ws).start()
    ws.close()
    clock.advance(60)
    with site.open() as admin:
        CaseService(admin, today=TODAY).save_form(rid, "follow_up", rows("follow_up"))
    clock.advance(60)
    with nurse(site) as ws:
        notice = SessionService(ws).start()
        assert notice is not None
        assert notice.saved == []
        assert notice.drafts == []


def test_several_unclean_runs_report_the_latest_and_close_all(site: Site, clock: FakeClock) -> None:
    for _ in range(3):
        ws = nurse(site)
        SessionService(ws).start()
        clock.advance(30)
        ws.close()
        clock.advance(30)
    with nurse(site) as ws:
        sessions = SessionService(ws)
        notice = sessions.start()
        assert notice is not None
        assert notice.started_at == "2026-11-21T09:02:00.000000Z"
        assert [ended for _s, _l, ended in runs(ws)] == [
            "2026-11-21T09:00:00.000000Z",
            "2026-11-21T09:01:00.000000Z",
            "2026-11-21T09:02:00.000000Z",
            None,
        ]
        sessions.end()
    clock.advance(30)
    with nurse(site) as ws:
        assert SessionService(ws).start() is None


def test_another_users_unclean_run_is_not_this_users(site: Site, clock: FakeClock) -> None:
    ws = site.open()
    SessionService(ws).start()
    ws.close()
    clock.advance(30)
    with nurse(site) as ws:
        assert SessionService(ws).start() is None
    clock.advance(30)
    with site.open() as ws:
        assert SessionService(ws).start() is not None


def test_a_read_only_workspace_reports_but_writes_nothing(site: Site, clock: FakeClock) -> None:
    ws = nurse(site)
    SessionService(ws).start()
    ws.close()
    clock.advance(30)
    with nurse(site) as ws:
        ws.db.read_only = True  # as after a failed quick_check
        sessions = SessionService(ws)
        assert sessions.start() is not None
        sessions.heartbeat()
        sessions.end()
        assert [ended for _s, _l, ended in runs(ws)] == [None]


def test_a_run_is_started_once(site: Site) -> None:
    with nurse(site) as ws:
        sessions = SessionService(ws)
        sessions.start()
        with pytest.raises(RuntimeError):
            sessions.start()


def test_typing_in_the_notice_is_the_users_own(site: Site, clock: FakeClock) -> None:
    with site.open() as admin:
        rid = CaseService(admin, today=TODAY).create_case()
        DraftService(admin).put(rid, "patient", {"patient": [RowData(None, {"sex": Entry("F")})]})
    ws = nurse(site)
    SessionService(ws).start()
    DraftService(ws).put(rid, "patient", {"patient": [RowData(None, {"sex": Entry("M")})]})
    ws.close()
    clock.advance(30)
    with nurse(site) as ws:
        notice = SessionService(ws).start()
        assert notice is not None
        (draft,) = notice.drafts
        assert draft.groups["patient"][0].entries["sex"] == Entry("M")
