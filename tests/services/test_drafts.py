"""Drafts: autosaved typing, one per user and form, never audited, gone once the form is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.roles import Role
from cmlentry.domain.values import Entry
from cmlentry.errors import InvalidInput, NotPermitted, ReasonRequired, UnknownCase
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.drafts import (
    DraftService,
    DraftUnusable,
    decode_groups,
    encode_groups,
)
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.audit import format_utc, verify_chain
from cmlentry.storage.models import AuditEvent
from cmlentry.storage.models import Draft as DraftRecord
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock, Site
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)
ROW = '{"v": 1, "groups": {"patient": [{"key": null, "entries": %s}]}}'


def typing(form: str = "patient") -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


def audit_rows(ws: Workspace) -> int:
    with ws.db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_put_and_get_round_trip_every_part_of_an_entry(admin_ws: Workspace) -> None:
    rid = CaseService(admin_ws, today=TODAY).create_case()
    drafts = DraftService(admin_ws)
    groups = {
        "doses": [
            RowData(1, {"dose_mg": Entry("500", override="as prescribed, confirmed")}),
            RowData(None, {"dose_start_date": Entry("2006-0"), "dose_end_date": Entry(None, "NA")}),
        ],
        "imatinib": [RowData(None, {"imatinib_start_date": Entry("2005-04-01")})],
    }
    drafts.put(rid, "imatinib", groups, focus="doses/2/dose_start_date")
    draft = drafts.get(rid, "imatinib")
    assert draft is not None and draft.usable
    assert (draft.registry_id, draft.form_id, draft.focus) == (
        rid,
        "imatinib",
        "doses/2/dose_start_date",
    )
    assert draft.saved_at == "2026-11-21T09:00:00.000000Z"
    assert {g: list(rows) for g, rows in draft.groups.items()} == groups
    assert drafts.get(rid, "patient") is None


def test_the_payload_is_canonical_json() -> None:
    one = {"patient": [RowData(None, {"sex": Entry("F"), "birth_year": Entry("1950")})]}
    other = {"patient": [RowData(None, {"birth_year": Entry("1950"), "sex": Entry("F")})]}
    assert encode_groups(one) == encode_groups(other)
    assert decode_groups(encode_groups(one)) == one


def test_a_put_replaces_the_draft_and_writes_no_audit_row(
    admin_ws: Workspace, clock: FakeClock
) -> None:
    rid = CaseService(admin_ws, today=TODAY).create_case()
    drafts = DraftService(admin_ws)
    before = audit_rows(admin_ws)
    drafts.put(rid, "patient", {"patient": [RowData(None, {"sex": Entry("F")})]})
    clock.advance(5)
    drafts.put(rid, "patient", {"patient": [RowData(None, {"sex": Entry("M")})]}, focus="x")
    assert audit_rows(admin_ws) == before
    with admin_ws.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DraftRecord)) == 1
        assert verify_chain(session.connection()).intact
    draft = drafts.get(rid, "patient")
    assert draft is not None
    assert draft.groups["patient"][0].entries["sex"] == Entry("M")
    assert draft.saved_at == "2026-11-21T09:00:05.000000Z"
    drafts.discard(rid, "patient")
    assert drafts.get(rid, "patient") is None
    drafts.discard(rid, "patient")  # nothing there: nothing happens
    assert audit_rows(admin_ws) == before


def test_mine_is_newest_first_and_never_shows_another_users_drafts(
    site: Site, clock: FakeClock
) -> None:
    with site.open() as admin:
        cases = CaseService(admin, today=TODAY)
        first, second = cases.create_case(), cases.create_case()
        DraftService(admin).put(first, "patient", typing())
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        drafts = DraftService(ws)
        assert drafts.mine() == []
        assert drafts.get(first, "patient") is None
        drafts.put(first, "patient", typing())
        clock.advance(3)
        drafts.put(second, "diagnosis", typing("diagnosis"))
        assert [(d.registry_id, d.form_id) for d in drafts.mine()] == [
            (second, "diagnosis"),
            (first, "patient"),
        ]
        drafts.discard(first, "patient")  # the nurse's only
    with site.open() as admin:
        assert [(d.registry_id, d.form_id) for d in DraftService(admin).mine()] == [
            (first, "patient")
        ]


def test_saving_the_form_deletes_the_draft_in_the_same_transaction(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    drafts = DraftService(admin_ws)
    rid = cases.create_case()
    drafts.put(rid, "patient", typing())
    drafts.put(rid, "diagnosis", typing("diagnosis"))
    cases.save_form(rid, "patient", typing())
    assert drafts.get(rid, "patient") is None
    assert drafts.get(rid, "diagnosis") is not None  # another form's typing stays


def test_a_refused_save_keeps_the_draft(admin_ws: Workspace) -> None:
    """The draft goes with the save's transaction: a save refused (here: a complete form changed
    without a reason) rolls back and leaves the typing where it was."""
    cases = CaseService(admin_ws, today=TODAY)
    drafts = DraftService(admin_ws)
    rid = cases.create_case()
    for form in COMPLETE:
        cases.save_form(rid, form, typing(form))
    cases.mark_complete(rid, "patient")
    changed = typing()
    changed["patient"][0].entries["birth_month"] = Entry("5")  # type: ignore[index]
    drafts.put(rid, "patient", changed)
    with pytest.raises(ReasonRequired):
        cases.save_form(rid, "patient", changed)
    kept = drafts.get(rid, "patient")
    assert kept is not None and kept.groups["patient"][0].entries["birth_month"] == Entry("5")
    cases.save_form(rid, "patient", changed, reason="month corrected from the clinic letter")
    assert drafts.get(rid, "patient") is None


def test_a_save_deletes_only_the_acting_users_draft(site: Site, clock: FakeClock) -> None:
    with site.open() as admin:
        rid = CaseService(admin, today=TODAY).create_case()
        DraftService(admin).put(rid, "patient", typing())
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        DraftService(ws).put(rid, "patient", typing())
        CaseService(ws, today=TODAY).save_form(rid, "patient", typing())
        assert DraftService(ws).get(rid, "patient") is None
    with site.open() as admin:
        assert DraftService(admin).get(rid, "patient") is not None


def test_a_draft_older_than_the_forms_last_save_is_stale(site: Site, clock: FakeClock) -> None:
    """Review finding: a stale draft silently overwrote newer saved data. The nurse's draft
    said 1950, another user then saved 1961, and opening the case loaded the draft over it. A
    draft now says it is stale (the form was saved after it was written), with when."""
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        cases = CaseService(ws, today=TODAY)
        rid = cases.create_case()
        drafts = DraftService(ws, cases)
        fresh = typing("diagnosis")
        drafts.put(rid, "diagnosis", fresh)  # a form never saved: nothing newer to lose
        old = typing()
        old["patient"][0].entries["birth_year"] = Entry("1950")  # type: ignore[index]
        drafts.put(rid, "patient", old)
        written_at = format_utc(clock())
    clock.advance(60)
    with site.open() as admin:
        newer = typing()
        newer["patient"][0].entries["birth_year"] = Entry("1961")  # type: ignore[index]
        CaseService(admin, today=TODAY).save_form(rid, "patient", newer)
    with open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        drafts = DraftService(ws)
        draft = drafts.get(rid, "patient")
        assert draft is not None and draft.usable and draft.stale
        assert draft.saved_at == written_at
        assert draft.form_saved_at == format_utc(clock())
        assert draft.groups["patient"][0].entries["birth_year"] == Entry("1950")  # kept
        assert {(d.form_id, d.stale) for d in drafts.mine()} == {
            ("patient", True),
            ("diagnosis", False),
        }
        # Typing again over the newer answers makes a draft that is not stale.
        clock.advance(5)
        drafts.put(rid, "patient", newer)
        again = drafts.get(rid, "patient")
        assert again is not None and not again.stale


def test_put_refuses_what_could_never_be_restored(admin_ws: Workspace) -> None:
    drafts = DraftService(admin_ws)
    rid = CaseService(admin_ws, today=TODAY).create_case()
    with pytest.raises(InvalidInput, match="no form 'nope'"):
        drafts.put(rid, "nope", {})
    with pytest.raises(InvalidInput, match="no item 'colour'"):
        drafts.put(rid, "patient", {"patient": [RowData(None, {"colour": Entry("blue")})]})
    with pytest.raises(UnknownCase):
        drafts.put(str(RegistryId("FR", "086", 99)), "patient", {})
    with admin_ws.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DraftRecord)) == 0


def test_a_focus_too_long_for_its_column_is_dropped_not_the_typing(admin_ws: Workspace) -> None:
    drafts = DraftService(admin_ws)
    rid = CaseService(admin_ws, today=TODAY).create_case()
    drafts.put(rid, "patient", typing(), focus="x" * 201)
    draft = drafts.get(rid, "patient")
    assert draft is not None and draft.focus is None and draft.groups["patient"]


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        ("{not json", "it is not readable"),
        ('{"v": 99, "groups": {}}', "another version of cmlentry"),
        ('{"v": 1, "groups": {"patient": [{"key": "one", "entries": {}}]}}', "row key"),
        ('{"v": 1, "groups": {"patient": [{"key": null, "entries": {"sex": 1}}]}}', "answer"),
        (ROW % '{"sex": [null, "XX", null]}', "missing-data code"),
        (ROW % '{"eye_colour": ["b", null, null]}', "no item 'eye_colour'"),
    ],
)
def test_a_draft_that_no_longer_parses_is_reported_never_raised(
    admin_ws: Workspace, payload: str, why: str
) -> None:
    drafts = DraftService(admin_ws)
    rid = CaseService(admin_ws, today=TODAY).create_case()
    drafts.put(rid, "patient", typing(), focus="patient/1/sex")
    with admin_ws.write() as session:  # what another version, or an older form, left behind
        session.execute(update(DraftRecord).values(payload=payload))
    draft = drafts.get(rid, "patient")
    assert draft is not None and not draft.usable
    assert why in (draft.problem or "")
    assert draft.groups == {}
    assert [d.usable for d in drafts.mine()] == [False]
    with pytest.raises(DraftUnusable) as caught:
        drafts.restore(rid, "patient")
    assert caught.value.message.startswith(f"The unsaved typing of Patient of case {rid}")
    drafts.discard(rid, "patient")
    assert drafts.mine() == []


def test_drafts_need_the_right_to_enter_data(
    admin_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = CaseService(admin_ws, today=TODAY).create_case()
    coordinator = admin_ws.user.__class__(admin_ws.user.id, "c", "C", Role.COORDINATOR, True, False)
    monkeypatch.setattr(admin_ws, "user", coordinator)
    drafts = DraftService(admin_ws)
    with pytest.raises(NotPermitted):
        drafts.put(rid, "patient", typing())
    with pytest.raises(NotPermitted):
        drafts.mine()
