"""The history of one answer and of one form's status, from the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain import roles
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.roles import Permission, Role
from cmlentry.domain.values import Entry
from cmlentry.errors import NotPermitted, PasswordChangeRequired, UnknownCase
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.history import FieldChange, field_history, form_history
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, open_workspace
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock, Site
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)


def rows(form: str) -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


def what(changes: list[FieldChange]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(c.action, c.field, c.old, c.new, c.reason) for c in changes]


def test_an_answer_from_creation_to_a_reasoned_change_after_completion(
    site: Site, clock: FakeClock
) -> None:
    with site.open() as admin:
        cases = CaseService(admin, today=TODAY)
        rid = cases.create_case()
        patient = rows("patient")
        patient["patient"][0].entries["birth_month"] = Entry("3")  # type: ignore[index]
        cases.save_form(rid, "patient", patient)
    clock.advance(60)
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        cases = CaseService(ws, today=TODAY)
        patient["patient"][0].entries["birth_month"] = Entry("4")  # type: ignore[index]
        cases.save_form(rid, "patient", patient)
        cases.mark_complete(rid, "patient")
        clock.advance(60)
        patient["patient"][0].entries["birth_month"] = Entry(None, "UNK")  # type: ignore[index]
        cases.save_form(rid, "patient", patient, reason="month not in the source record")
        history = cases.history(rid, "patient", "patient", 1, "birth_month")
    assert what(history) == [
        ("create", "value", None, "3", None),
        ("update", "value", "3", "4", None),
        ("update", "value", "4", None, "month not in the source record"),
        ("update", "missing", None, "UNK", "month not in the source record"),
    ]
    first, second = history[0], history[1]
    assert (first.username, first.printed_name, first.role) == ("admin", "Ada Admin", "site_admin")
    assert (second.username, second.printed_name, second.role) == (NURSE, "Nina Nurse", "nurse")
    assert first.at_utc == "2026-11-21T09:00:00.000000Z"
    assert history[2].at_utc == "2026-11-21T09:02:00.000000Z"


def test_an_override_and_its_reason(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    diagnosis = rows("diagnosis")
    diagnosis["baseline"][0].entries["platelets"] = Entry("1650")  # type: ignore[index]
    cases.save_form(rid, "diagnosis", diagnosis)
    diagnosis["baseline"][0].entries["platelets"] = Entry("1650", override="confirmed by the lab")  # type: ignore[index]
    cases.save_form(rid, "diagnosis", diagnosis)
    assert what(field_history(admin_ws, rid, "diagnosis", "baseline", 1, "platelets")) == [
        ("create", "value", None, "1650", None),
        ("update", "override", None, "confirmed by the lab", None),
    ]


def test_a_removed_row_keeps_its_history_and_says_it_was_removed(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    first = {"assessment_date": Entry("2006-01-10"), "phase_reported": Entry(None, "UNK")}
    second = {"assessment_date": Entry("2006-04-10"), "phase_reported": Entry("CP")}
    cases.save_form(
        rid, "assessments", {"assessment": [RowData(None, first), RowData(None, second)]}
    )
    saved = cases.get_case(rid).forms["assessments"].groups["assessment"]
    cases.save_form(rid, "assessments", {"assessment": [saved[1]]})  # row 1 removed
    assert what(cases.history(rid, "assessments", "assessment", 1, "phase_reported")) == [
        ("create", "missing", None, "UNK", None),
        ("delete", "missing", "UNK", None, None),
    ]
    assert what(cases.history(rid, "assessments", "assessment", 1, "assessment_date")) == [
        ("create", "value", None, "2006-01-10", None),
        ("delete", "value", "2006-01-10", None, None),
    ]
    # The row that stayed has only its creation.
    assert what(cases.history(rid, "assessments", "assessment", 2, "assessment_date")) == [
        ("create", "value", None, "2006-04-10", None)
    ]
    assert cases.history(rid, "assessments", "assessment", 3, "assessment_date") == []


def test_the_history_of_a_form_status(admin_ws: Workspace, clock: FakeClock) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    for form in COMPLETE:
        cases.save_form(rid, form, rows(form))
    cases.mark_complete(rid, "patient")
    clock.advance(1)
    broken = rows("patient")
    broken["patient"][0].entries.pop("sex")  # type: ignore[attr-defined]
    cases.save_form(rid, "patient", broken, reason="sex to be checked in the file")
    assert what(form_history(admin_ws, rid, "patient")) == [
        ("create", "status", None, "draft", None),
        ("update", "status", "draft", "complete", None),
        ("update", "status", "complete", "draft", "sex to be checked in the file"),
    ]
    assert what(cases.form_history(rid, "decision")) == [("create", "status", None, "draft", None)]


def test_history_is_one_indexed_query(admin_ws: Workspace) -> None:
    """ix_audit_events_entity serves it: no scan of the whole trail, however long."""
    with admin_ws.db.read() as session:
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT * FROM audit_events "
                "WHERE entity = 'value' AND entity_id = '1:patient:patient:1:sex' ORDER BY seq"
            )
        ).all()
    assert any("ix_audit_events_entity" in str(step) for step in plan), plan


def test_unknown_case(admin_ws: Workspace) -> None:
    with pytest.raises(UnknownCase):
        field_history(admin_ws, str(RegistryId("FR", "086", 99)), "patient", "patient", 1, "sex")


def test_reading_history_needs_the_right_to_read_cases(
    site: Site, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every role may read cases today, so the check is shown on a role without the right, and
    on a user who must first change their password."""
    with site.open() as admin:
        rid = CaseService(admin, today=TODAY).create_case()
        UserService(admin).add_user("paul", "Paul Pi", "pi", "first-pass-9876")
    monkeypatch.setitem(
        roles.PERMISSIONS, Role.NURSE, roles.PERMISSIONS[Role.NURSE] - {Permission.VIEW_CASES}
    )
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        with pytest.raises(NotPermitted):
            field_history(ws, rid, "patient", "patient", 1, "sex")
        with pytest.raises(NotPermitted):
            form_history(ws, rid, "patient")
    with (
        open_workspace(
            site.folder, "paul", "first-pass-9876", clock=clock, policy=OWASP_FLOOR
        ) as ws,
        pytest.raises(PasswordChangeRequired),
    ):
        field_history(ws, rid, "patient", "patient", 1, "sex")
