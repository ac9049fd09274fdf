"""Queries at service level: their states, who may do what (checked by the service), the audit
trail, the case list's counts, and registry queries arriving in acknowledgements."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cmlentry.errors import (
    InvalidInput,
    NotPermitted,
    OwnQueryAnswer,
    QueryFinished,
    QueryNotAnswered,
    QueryNotOpen,
    QueryNotYours,
    QueryNotYoursToCancel,
    QueryNotYoursToClose,
    RegistryQueryClosed,
    UnknownQuery,
)
from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN, REGISTRY, RegistryQuery
from cmlentry.services.review import ItemAddress
from cmlentry.storage.models import AuditEvent, Case
from tests.conftest import NURSE
from tests.services.review_site import (
    PI,
    PI_PASSWORD,
    ReviewSite,
    some_answer,
)


def _counts(desk: object, rid: str) -> tuple[int, int]:
    row = next(c for c in desk.cases.list_cases() if c.registry_id == rid)  # type: ignore[attr-defined]
    return row.open_queries, row.answered_queries


def _revision(desk: object, rid: str) -> int:
    with desk.ws.db.read() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(Case.revision).where(Case.registry_id == rid)))


def _query_trail(desk: object, query_id: str) -> list[tuple[str, str | None, str, str | None]]:
    with desk.ws.db.read() as session:  # type: ignore[attr-defined]
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "query", AuditEvent.entity_id == query_id)
            .order_by(AuditEvent.seq)
        )
        return [(r.action, r.field, r.actor_username, r.reason) for r in rows]


def test_a_query_goes_open_answered_closed_with_every_step_audited(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        raised = desk.queries.raise_query(rid, address, "  Is this the value of the report?  ")
        assert (raised.state, raised.origin, raised.raised_name) == (
            OPEN,
            "site",
            "Pia Investigator",
        )
        assert raised.text == "Is this the value of the report?"
        assert raised.address == address
        assert _counts(desk, rid) == (1, 0)
        assert desk.queries.actions(raised) == {"cancel"}  # not answerable by who raised it
        with pytest.raises(OwnQueryAnswer):
            desk.queries.answer(raised.id, "answering my own question")
    with review_site.nurse() as desk:
        assert desk.queries.actions(raised) == {"answer"}
        answered = desk.queries.answer(raised.id[:8], "Yes, page 2 of the report.")  # a prefix
        assert (answered.state, answered.answered_by) == (ANSWERED, NURSE)
        assert _counts(desk, rid) == (0, 1)
        # the nurse cannot close or cancel the PI's query: the service refuses, not the GUI
        with pytest.raises(QueryNotYoursToClose, match="Pia Investigator"):
            desk.queries.close(raised.id)
        with pytest.raises(QueryNotYoursToCancel, match="Pia Investigator"):
            desk.queries.cancel(raised.id, "not needed")
        with pytest.raises(QueryNotOpen):
            desk.queries.answer(raised.id, "a second answer")
    # another PI did not raise it either
    with review_site.other_pi() as desk, pytest.raises(QueryNotYours):
        desk.queries.close(raised.id)
    with review_site.pi() as desk:
        assert desk.queries.actions(answered) == {"close", "cancel"}
        closed = desk.queries.close(raised.id, "confirmed")
        assert (closed.state, closed.closed_name, closed.note) == (
            CLOSED,
            "Pia Investigator",
            "confirmed",
        )
        assert _counts(desk, rid) == (0, 0)
        assert desk.queries.actions(closed) == frozenset()
        with pytest.raises(QueryFinished):
            desk.queries.cancel(raised.id, "too late")
        trail = _query_trail(desk, raised.id)
    assert ("create", "state", PI, None) in trail
    assert ("update", "answer", NURSE, None) in trail
    assert ("update", "state", PI, "confirmed") in trail


def test_a_nurse_cannot_raise_and_cancelling_needs_a_note(review_site: ReviewSite) -> None:
    rid = review_site.complete[0]
    with review_site.nurse() as desk:
        address, _entry = some_answer(desk.cases, rid)
        with pytest.raises(NotPermitted):
            desk.queries.raise_query(rid, address, "a nurse's question")
    # raising queries is the PI's review, not the administrator's
    with review_site.admin() as desk, pytest.raises(NotPermitted):
        desk.queries.raise_query(rid, address, "an admin's question")
    with review_site.pi() as desk:
        query = desk.queries.raise_query(rid, address, "raised on the wrong case")
        with pytest.raises(QueryNotAnswered):
            desk.queries.close(query.id)
        with pytest.raises(InvalidInput):
            desk.queries.cancel(query.id, "  ")
        cancelled = desk.queries.cancel(query.id, "raised in error")
        assert (cancelled.state, cancelled.note) == (CANCELLED, "raised in error")
        assert _counts(desk, rid) == (0, 0)
        assert desk.queries.unresolved() == []


@pytest.mark.parametrize(
    "address",
    [
        ItemAddress("nope", "patient", 1, "sex"),
        ItemAddress("patient", "nope", 1, "sex"),
        ItemAddress("patient", "patient", 1, "nope"),
        ItemAddress("patient", "patient", 2, "sex"),  # the patient group does not repeat
        ItemAddress("imatinib", "doses", 0, "dose_mg"),
    ],
    ids=["form", "group", "item", "row-of-single-group", "row-zero"],
)
def test_a_query_must_name_a_question_of_the_form(
    review_site: ReviewSite, address: ItemAddress
) -> None:
    with review_site.pi() as desk:
        with pytest.raises(InvalidInput):
            desk.queries.raise_query(review_site.complete[0], address, "where is this?")
        assert desk.queries.unresolved() == []


def test_a_query_text_xml_cannot_carry_is_refused(review_site: ReviewSite) -> None:
    """A control character would make the case impossible to send in a batch (ODM is XML)."""
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        with pytest.raises(InvalidInput, match="control character"):
            desk.queries.raise_query(rid, address, "look at this\x07value")
        assert desk.queries.for_case(rid) == []


def test_unknown_and_too_short_query_ids_are_refused(review_site: ReviewSite) -> None:
    with review_site.nurse() as desk:
        for wrong in ("", "1234567", "00000000-0000-4000-8000-000000000000", "abcdefgh"):
            with pytest.raises(UnknownQuery):
                desk.queries.answer(wrong, "an answer")


def test_registry_queries_arrive_are_answered_here_and_closed_only_by_the_registry(
    review_site: ReviewSite,
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        desk.review.sign(rid, PI, PI_PASSWORD)
        incoming = RegistryQuery(
            id="4b0b7f53-8f3e-4a7b-9a34-0c2f1b7d2e11",
            registry_id=rid,
            address=address,
            state=OPEN,
            text="The registry asks: please confirm this answer.",
            raised_by="cora",
            raised_name="Cora Ordinator",
            raised_at="2026-11-20T10:00:00.000000Z",
        )
        revision = _revision(desk, rid)
        with desk.ws.write() as session:
            assert desk.queries.receive(session, incoming) is True
        with desk.ws.write() as session:
            assert desk.queries.receive(session, incoming) is False  # the same ack twice
        # the registry's own query changes nothing the site must send back: same revision
        assert _revision(desk, rid) == revision
        (query,) = desk.queries.for_case(rid)
        assert (query.origin, query.state, query.raised_name) == (REGISTRY, OPEN, "Cora Ordinator")
        assert desk.queries.actions(query) == {"answer"}  # the PI may answer; never close it
        with pytest.raises(RegistryQueryClosed):
            desk.queries.close(query.id)
    with review_site.nurse() as desk:
        desk.queries.answer(query.id, "Confirmed from the source document.")
        row = next(c for c in desk.cases.list_cases() if c.registry_id == rid)
        # answering does not touch the signed answers: still signed and locked
        assert (row.status, row.locked, row.answered_queries) == ("signed", True, 1)
        assert desk.review.check_signature(rid).username == PI
    with review_site.pi() as desk:
        with desk.ws.write() as session:
            desk.queries.receive(
                session,
                RegistryQuery(
                    id=incoming.id,
                    registry_id=rid,
                    address=address,
                    state=CLOSED,
                    text=incoming.text,
                    raised_by="cora",
                    raised_name="Cora Ordinator",
                    raised_at=incoming.raised_at,
                    closed_at="2026-11-22T08:00:00.000000Z",
                    closed_name="Cora Ordinator",
                    note="thank you",
                ),
            )
        (query,) = desk.queries.for_case(rid)
        assert (query.state, query.answer, query.closed_name) == (
            CLOSED,
            "Confirmed from the source document.",
            "Cora Ordinator",
        )
        assert _counts(desk, rid) == (0, 0)
