"""The PI's review at service level: signatures, locking, unlocking, SDV marks, the queue.

Permissions are tested here, at the service, with the nurse's own workspace session: the GUI
hiding a button is not what keeps a nurse from signing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from cmlentry.domain.values import Entry
from cmlentry.errors import (
    AlreadySigned,
    CaseLocked,
    InvalidInput,
    NotComplete,
    NotPermitted,
    NotSigned,
    OpenQueries,
    SignatureAltered,
    SignatureMoved,
    SignedContentChanged,
    WrongCredentials,
)
from cmlentry.services.batches.record import content_sha256, record_of
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress
from cmlentry.storage.models import AuditEvent
from tests.conftest import NURSE, NURSE_PASSWORD
from tests.services.review_site import (
    OTHER_PI,
    PI,
    PI_PASSWORD,
    ReviewSite,
    change_answer,
    some_answer,
)


def _events(desk: object, action: str) -> list[AuditEvent]:
    with desk.ws.db.read() as session:  # type: ignore[attr-defined]
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# --- signing ------------------------------------------------------------------------------------


def test_a_pi_signs_with_name_and_password_again_and_the_case_is_locked(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        record = record_of(desk.cases.get_case(rid), desk.cases.definition.oid)
        signed = desk.review.sign(rid, "PIA ", PI_PASSWORD)  # the name as typed, case-insensitive
        assert (signed.username, signed.printed_name, signed.role) == (PI, "Pia Investigator", "pi")
        assert signed.meaning == MEANING_APPROVAL
        assert signed.signed_at == "2026-11-21T09:00:00.000000Z"  # the (fake) clock, in UTC
        assert signed.content_sha256 == content_sha256(record)
        assert desk.review.signature(rid) == signed
        assert desk.review.check_signature(rid) == signed
        summary = next(c for c in desk.cases.list_cases() if c.registry_id == rid)
        assert (summary.status, summary.locked) == ("signed", True)
        # the signature is in the audit trail, with the signer and the meaning
        created = [
            e for e in _events(desk, "create") if e.entity == "signature" and e.field == "meaning"
        ]
        assert [e.actor_username for e in created] == [PI]
        assert MEANING_APPROVAL in (created[0].new_value or "")
    with review_site.nurse() as desk:
        address, _entry = some_answer(desk.cases, rid)
        with pytest.raises(CaseLocked) as refused:
            change_answer(desk.cases, rid, address, Entry(None, "UNK"), "typo")
        assert "Pia Investigator" in refused.value.message
        with pytest.raises(CaseLocked):
            desk.cases.mark_complete(rid, "patient", reason="again")
        # nothing changed: the signature still verifies
        assert desk.review.check_signature(rid).printed_name == "Pia Investigator"


@pytest.mark.parametrize(
    ("username", "password"),
    [(PI, "not-the-password"), (OTHER_PI, PI_PASSWORD), (NURSE, NURSE_PASSWORD), ("", "")],
    ids=["wrong-password", "another-pi", "the-nurse", "empty"],
)
def test_a_signature_needs_the_signed_in_pis_own_name_and_password(
    review_site: ReviewSite, username: str, password: str
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        with pytest.raises(WrongCredentials):
            desk.review.sign(rid, username, password)
        assert desk.review.signature(rid) is None
        assert next(c for c in desk.cases.list_cases() if c.registry_id == rid).status == "complete"
        refused = _events(desk, "identity_refused")
        assert len(refused) == 1
        assert password not in (refused[0].new_value or "") or password == ""


def test_a_nurse_cannot_sign_unlock_or_verify_even_with_her_own_password(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.nurse() as desk:
        address, _entry = some_answer(desk.cases, rid)
        with pytest.raises(NotPermitted):
            desk.review.sign(rid, NURSE, NURSE_PASSWORD)
        with pytest.raises(NotPermitted):
            desk.review.set_verified(rid, address, True)
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
    with review_site.nurse() as desk:
        with pytest.raises(NotPermitted):
            desk.review.unlock(rid, "I want to change it")
        assert desk.review.signature(rid) is not None
    # an administrator is not the PI either
    with review_site.admin() as desk, pytest.raises(NotPermitted):
        desk.review.unlock(rid, "I want to change it")


def test_drafts_and_signed_cases_cannot_be_signed(review_site: ReviewSite) -> None:
    with review_site.pi() as desk:
        with pytest.raises(NotComplete):
            desk.review.sign(review_site.drafts[0], PI, PI_PASSWORD)
        rid = review_site.complete[0]
        desk.review.sign(rid, PI, PI_PASSWORD)
        with pytest.raises(AlreadySigned):
            desk.review.sign(rid, PI, PI_PASSWORD)
        assert len(desk.review.signatures(rid)) == 1


# --- unlocking ----------------------------------------------------------------------------------


def test_unlocking_needs_a_reason_drops_the_signature_and_lets_the_case_change(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
        with pytest.raises(InvalidInput):
            desk.review.unlock(rid, "   ")
        assert desk.review.signature(rid) is not None
        review_site.clock.advance(60)
        desk.review.unlock(rid, "lab value corrected at source")
        assert desk.review.signature(rid) is None
        with pytest.raises(NotSigned):
            desk.review.check_signature(rid)
        (dropped,) = desk.review.signatures(rid)
        assert dropped.revoked_by == "Pia Investigator"
        assert dropped.revoke_reason == "lab value corrected at source"
        summary = next(c for c in desk.cases.list_cases() if c.registry_id == rid)
        assert (summary.status, summary.locked) == ("complete", False)
        unlock_rows = [e for e in _events(desk, "update") if e.entity == "signature"]
        assert {e.reason for e in unlock_rows} == {"lab value corrected at source"}
        with pytest.raises(NotSigned):
            desk.review.unlock(rid, "twice")
    with review_site.nurse() as desk:
        address, _entry = some_answer(desk.cases, rid)
        change_answer(desk.cases, rid, address, Entry(None, "UNK"), "not known after all")
        changes = desk.review.changes_since_signature(rid)
        assert [(c.item_id, c.field, c.reason) for c in changes if c.field == "missing"] == [
            (address.item_id, "missing", "not known after all")
        ]
        assert all(c.at_utc > dropped.signed_at for c in changes)


# --- what a signature is bound to ---------------------------------------------------------------


def test_a_signature_moved_to_another_case_does_not_verify(review_site: ReviewSite) -> None:
    first, second = review_site.complete[:2]
    with review_site.pi() as desk:
        desk.review.sign(first, PI, PI_PASSWORD)
        # Behind the application's back: the signature row now points at another case.
        with desk.ws.db.engine.begin() as conn:
            other = conn.execute(
                text("SELECT id FROM cases WHERE registry_id = :r"), {"r": second}
            ).scalar_one()
            conn.execute(text("UPDATE signatures SET case_id = :c"), {"c": other})
            conn.execute(text("UPDATE cases SET locked = 1 WHERE id = :c"), {"c": other})
        with pytest.raises(SignatureMoved, match="another case"):
            desk.review.check_signature(second)
        # ... and a forger who also rewrites the registry ID is caught by the content hash
        with desk.ws.db.engine.begin() as conn:
            conn.execute(text("UPDATE signatures SET registry_id = :r"), {"r": second})
        with pytest.raises(SignedContentChanged, match="changed after it was signed"):
            desk.review.check_signature(second)


def test_an_answer_changed_behind_the_applications_back_breaks_the_signature(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
        address, entry = some_answer(desk.cases, rid)
        with desk.ws.db.engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE item_values SET value = :v WHERE item_id = :i AND form_id = :f "
                    "AND case_id = (SELECT id FROM cases WHERE registry_id = :r)"
                ),
                {"v": f"{entry.value}9", "i": address.item_id, "f": address.form_id, "r": rid},
            )
        with pytest.raises(SignedContentChanged, match="changed after it was signed"):
            desk.review.check_signature(rid)


def test_a_signers_name_or_meaning_altered_in_the_row_does_not_verify(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
        with desk.ws.db.engine.begin() as conn:
            conn.execute(text("UPDATE signatures SET printed_name = 'Paul Investigator'"))
        with pytest.raises(SignatureAltered, match="signer, time or meaning"):
            desk.review.check_signature(rid)


# --- source-data verification -------------------------------------------------------------------


def test_sdv_marks_are_the_pis_and_go_when_the_answer_changes(review_site: ReviewSite) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        data = desk.cases.get_case(rid)
        others = [
            ItemAddress("patient", g, row.key or 1, item_id)
            for g, rows in data.forms["patient"].groups.items()
            for row in rows
            for item_id in row.entries
            if item_id != address.item_id
        ]
        desk.review.set_verified(rid, address, True)
        desk.review.set_verified(rid, others[0], True)
        desk.review.set_verified(rid, address, True)  # twice: still one mark
        marks = desk.review.verifications(rid)
        assert set(marks) == {address, others[0]}
        assert marks[address].printed_name == "Pia Investigator"
        with pytest.raises(InvalidInput, match="saved answer"):
            desk.review.set_verified(rid, ItemAddress("patient", "patient", 1, "nope"), True)
    with review_site.nurse() as desk:
        change_answer(desk.cases, rid, address, Entry(None, "UNK"), "unknown after all")
        assert set(desk.review.verifications(rid)) == {others[0]}  # the other mark stays
        gone = [e for e in _events(desk, "delete") if e.entity == "sdv"]
        assert [e.actor_username for e in gone] == [NURSE]
        assert gone[0].reason == "unknown after all"
    with review_site.pi() as desk:
        desk.review.set_verified(rid, others[0], False)
        assert desk.review.verifications(rid) == {}


# --- the queue ----------------------------------------------------------------------------------


def test_the_queue_holds_complete_unsigned_cases_and_what_changed_since_a_signature(
    review_site: ReviewSite,
) -> None:
    first = review_site.complete[0]
    with review_site.pi() as desk:
        queue = {e.registry_id: e for e in desk.review.queue()}
        assert set(queue) == set(review_site.complete)
        assert not set(review_site.drafts) & set(queue)
        entry = queue[first]
        assert entry.ready and entry.why_not is None
        assert entry.last_signed_at is None and entry.changes_since_signature == 0
        assert entry.answers > 0 and entry.verified == 0
        desk.review.sign(first, PI, PI_PASSWORD)
        assert first not in {e.registry_id for e in desk.review.queue()}
        desk.review.unlock(first, "one answer to correct")
    with review_site.nurse() as desk:
        address, _entry = some_answer(desk.cases, first)
        change_answer(desk.cases, first, address, Entry(None, "UNK"), "corrected")
    with review_site.pi() as desk:
        queue = {e.registry_id: e for e in desk.review.queue()}
        if first in queue:  # still complete after the change (UNK is allowed here)
            assert queue[first].last_signed_by == "Pia Investigator"
            assert queue[first].changes_since_signature == 1


def test_a_case_with_an_open_query_is_not_ready_and_cannot_be_signed(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        query = desk.queries.raise_query(rid, address, "Please check against the lab report.")
        entry = next(e for e in desk.review.queue() if e.registry_id == rid)
        assert not entry.ready and "query" in (entry.why_not or "")
        with pytest.raises(OpenQueries):
            desk.review.sign(rid, PI, PI_PASSWORD)
    with review_site.nurse() as desk:
        desk.queries.answer(query.id, "Checked: the value is right.")
    with review_site.pi() as desk:
        # answered but not closed by the PI who raised it: still blocking
        entry = next(e for e in desk.review.queue() if e.registry_id == rid)
        assert not entry.ready and "query" in (entry.why_not or "")
        with pytest.raises(OpenQueries):
            desk.review.sign(rid, PI, PI_PASSWORD)
        desk.queries.close(query.id, "thank you")
        assert desk.review.sign(rid, PI, PI_PASSWORD).registry_id == rid
        assert _events(desk, "identity_refused") == []
