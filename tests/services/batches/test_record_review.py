"""The review parts of a record: the current signature and the queries, as the export reads
them from a real workspace, and the strict check of their shape."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cmlentry.services import queries as queries_module
from cmlentry.services.batches import record_review
from cmlentry.services.batches.odm_errors import PayloadInvalid
from cmlentry.services.batches.odm_sources import queries, signatures
from cmlentry.services.batches.record import (
    Record,
    binding_sha256,
    check_record,
    content_sha256,
    record_of,
    record_sha256,
    signature_problem,
)
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.desk import Desk
from cmlentry.services.queries import RegistryQuery
from tests.services.review_site import PI_PASSWORD, ReviewSite, some_answer

DEFINITION = installed_definitions().current
MEANING = "I confirm these data are accurate and complete"


def exported_record(desk: Desk, registry_id: str) -> Record:
    """The record the export makes of the case, from the same sources, in one read."""
    with desk.ws.db.read() as session:
        case = desk.cases._case(session, registry_id)
        return record_of(
            desk.cases._load(session, case),
            DEFINITION.oid,
            signature=signatures(session, [case.id]).get(case.id),
            queries=queries(session, [case.id]).get(case.id, ()),
        )


def test_a_signed_case_with_queries_carries_them_as_stored(review_site: ReviewSite) -> None:
    rid, plain = review_site.complete[0], review_site.complete[1]
    with review_site.pi() as desk:
        address, _ = some_answer(desk.cases, rid)
        asked = desk.queries.raise_query(rid, address, "Is this from the report?")
        withdrawn = desk.queries.raise_query(rid, address, "A second question")
        desk.queries.cancel(withdrawn.id, "asked twice")
    with review_site.nurse() as desk:
        desk.queries.answer(asked.id, "Yes,\r\nfrom the report of\tMay.")
    with review_site.pi() as desk:
        desk.queries.close(asked.id)
        signed = desk.review.sign(rid, "pia", PI_PASSWORD)
        registry = RegistryQuery(
            "5f0e0d0c-0b0a-4998-8776-655443322110", rid, address, "open", "Check the unit?",
            "cora", "Cora Ordinator", "2026-11-22T10:00:00.000000Z",
        )  # fmt: skip
        with desk.ws.write() as session:
            desk.queries.receive(session, registry)
        record = exported_record(desk, rid)
        stored = desk.queries.for_case(rid)
        untouched = exported_record(desk, plain)

    assert check_record(record, DEFINITION) is record
    sig = record["signature"]
    assert {k: sig[k] for k in ("username", "printed_name", "role", "meaning", "signed_at")} == {
        "username": signed.username,
        "printed_name": signed.printed_name,
        "role": signed.role,
        "meaning": signed.meaning,
        "signed_at": signed.signed_at,
    }
    assert sig["content_sha256"] == signed.content_sha256 == content_sha256(record)
    # The site's stored binding is the one record.binding_sha256 computes: the registry
    # verifies with the very function the site signed with.
    assert signature_problem(record) is None
    assert [q["id"] for q in record["queries"]] == [q.id for q in stored]  # oldest first
    first, second, third = record["queries"]
    assert first == {
        "id": asked.id,
        "item": {"form": address.form_id, "group": address.group_id,
                 "row": address.row_key, "item": address.item_id},
        "origin": "site", "state": "closed", "text": "Is this from the report?",
        "raised_by": "pia", "raised_name": "Pia Investigator", "raised_at": asked.raised_at,
        "answer": "Yes,\r\nfrom the report of\tMay.", "answered_by": "nina",
        "answered_name": "Nina Nurse", "answered_at": stored[0].answered_at,
        "closed_by": "pia", "closed_name": "Pia Investigator", "closed_at": stored[0].closed_at,
    }  # fmt: skip
    assert (second["state"], second["note"], "answer" in second) == (
        "cancelled",
        "asked twice",
        False,
    )
    assert (third["origin"], third["state"], third["raised_by"]) == ("registry", "open", "cora")
    assert "closed_at" not in third and "note" not in third
    # A case without a signature or queries has neither key: its record is what it was.
    assert set(untouched) == {"id", "status", "definition", "forms"}


def test_queries_and_signature_are_not_signed_content(review_site: ReviewSite) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        desk.review.sign(rid, "pia", PI_PASSWORD)
        before = exported_record(desk, rid)
        address, _ = some_answer(desk.cases, rid)
        registry = RegistryQuery(
            "6f0e0d0c-0b0a-4998-8776-655443322110", rid, address, "open", "Unit?",
            "cora", "Cora Ordinator", "2026-11-22T10:00:00.000000Z",
        )  # fmt: skip
        with desk.ws.write() as session:
            desk.queries.receive(session, registry)
    with review_site.nurse() as desk:
        desk.queries.answer(registry.id, "mmol/L")
        after = exported_record(desk, rid)
        assert desk.review.check_signature(rid).content_sha256 == content_sha256(after)
    assert record_sha256(after) != record_sha256(before)  # the record changed: it goes again
    assert content_sha256(after) == content_sha256(before)  # what was signed did not
    assert signature_problem(after) is None


def test_the_limits_agree_with_the_query_service() -> None:
    assert record_review.MAX_TEXT == queries_module.MAX_TEXT
    assert set(record_review.QUERY_STATES) == set(queries_module.STATES)
    assert set(record_review.ORIGINS) == {queries_module.SITE, queries_module.REGISTRY}


# --- the strict check ---------------------------------------------------------------------------


def _valid() -> Record:
    record: Record = {
        "id": "FR-086-0001-R",
        "status": "signed",
        "definition": "cml-ifp-1.0",
        "forms": {
            "patient": {
                "status": "complete",
                "version": "1.0",
                "groups": {"patient": [{"key": 1, "values": {"sex": {"value": "M"}}}]},
            }
        },
    }
    at, content = "2026-11-21T09:00:00.000000Z", content_sha256(record)
    record["signature"] = {
        "username": "pia", "printed_name": "Pia Investigator", "role": "pi", "meaning": MEANING,
        "signed_at": at, "content_sha256": content,
        "binding_sha256": binding_sha256(record["id"], "pia", "Pia Investigator", at, MEANING,
                                         content),
    }  # fmt: skip
    raised = {"raised_by": "cora", "raised_name": "Cora", "raised_at": at}
    record["queries"] = [
        {"id": "aaaaaaaa-0000-4000-8000-000000000001", "origin": "registry", "state": "answered",
         "item": {"form": "assessments", "group": "assessment", "row": 7, "item": "phase_reported"},
         "text": "SECRET question", **raised, "answer": "SECRET answer", "answered_by": "nina",
         "answered_name": "Nina", "answered_at": at},
        {"id": "00000000-0000-4000-8000-000000000002", "origin": "site", "state": "cancelled",
         "item": {"form": "patient", "group": "patient", "row": 1, "item": "sex"},
         "text": "SECRET", **raised, "closed_by": "pia", "closed_name": "Pia", "closed_at": at,
         "note": "SECRET note"},
    ]  # fmt: skip
    return record


def _sig(r: Record) -> dict[str, Any]:
    value: dict[str, Any] = r["signature"]
    return value


def _q(r: Record, n: int = 0) -> dict[str, Any]:
    value: dict[str, Any] = r["queries"][n]
    return value


REFUSALS: dict[str, tuple[Any, str]] = {
    "an unknown part": (lambda r: r.update(sdv=[]), "unexpected fields"),
    "signature not a mapping": (
        lambda r: r.update(signature="pia"),
        "its signature: not a mapping",
    ),
    "signature without a hash": (lambda r: _sig(r).pop("binding_sha256"), "binding_sha256 missing"),
    "signature with more": (lambda r: _sig(r).update(reason="x"), "unexpected fields"),
    "signer not a user name": (lambda r: _sig(r).update(username="SECRET Name"), "user name"),
    "empty printed name": (lambda r: _sig(r).update(printed_name=""), "printed name"),
    "unknown role": (lambda r: _sig(r).update(role="SECRET"), "the role is not one of"),
    "meaning with a carriage return": (
        lambda r: _sig(r).update(meaning="SECRET\r\nmeaning"),
        "the meaning",
    ),
    "local time": (lambda r: _sig(r).update(signed_at="2026-11-21T10:00:00+01:00"), "UTC time"),
    "upper-case hash": (
        lambda r: _sig(r).update(content_sha256=_sig(r)["content_sha256"].upper()),
        "64 lower-case hex",
    ),
    "queries empty": (lambda r: r.update(queries=[]), "at least one query"),
    "queries not a list": (lambda r: r.update(queries={}), "at least one query"),
    "query id upper case": (lambda r: _q(r).update(id=_q(r)["id"].upper()), "lower-case UUID"),
    "query twice": (lambda r: r["queries"].append(copy.deepcopy(_q(r))), "appears twice"),
    "unknown form": (lambda r: _q(r)["item"].update(form="SECRET"), "names no form"),
    "item of another group": (lambda r: _q(r)["item"].update(item="sex"), "not in group"),
    "row zero": (lambda r: _q(r)["item"].update(row=0), "its row"),
    "row as text": (lambda r: _q(r)["item"].update(row="7"), "its row"),
    "row 2 of a single group": (lambda r: _q(r, 1)["item"].update(row=2), "its row"),
    "unknown origin": (lambda r: _q(r).update(origin="SECRET"), "the origin"),
    "unknown state": (lambda r: _q(r).update(state="SECRET"), "the state"),
    "empty text": (lambda r: _q(r).update(text=""), "the question is empty"),
    "text too long": (lambda r: _q(r).update(text="S" * 2001), "longer than 2000"),
    "text with a control character": (
        lambda r: _q(r).update(text="SECRET\x07"),
        "control character",
    ),
    "answer without who": (lambda r: _q(r).pop("answered_by"), "needs its text, who and when"),
    "answered without answer": (
        lambda r: [_q(r).pop(k) for k in record_review.ANSWER_FIELDS],
        "an answered query has an answer",
    ),
    "open with an answer": (lambda r: _q(r).update(state="open"), "an open query has no answer"),
    "answered and closed": (
        lambda r: _q(r).update(closed_at=_q(r)["answered_at"]),
        "an answered query has an answer and is not closed",
    ),
    "cancelled without when": (lambda r: _q(r, 1).pop("closed_at"), "says when"),
    "closed by without name": (lambda r: _q(r, 1).pop("closed_name"), "a user name and a name"),
    "empty note": (lambda r: _q(r, 1).update(note=""), "the note is empty"),
    "a raised time that is not UTC": (lambda r: _q(r).update(raised_at="yesterday"), "UTC time"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_check_record_refuses_every_other_review_part(name: str) -> None:
    change, problem = REFUSALS[name]
    broken = _valid()
    assert check_record(broken, DEFINITION) == broken
    change(broken)
    with pytest.raises(PayloadInvalid) as caught:
        check_record(broken, DEFINITION, file="b.cmlbatch")
    assert problem in caught.value.message
    assert "SECRET" not in caught.value.message  # neither a text nor a name is quoted


def test_a_closed_query_may_lack_who_closed_it_and_a_note() -> None:
    """As a registry query the registry closed arrives at the site: when, and maybe no one."""
    record = _valid()
    for key in ("closed_by", "closed_name", "note"):
        _q(record, 1).pop(key)
    assert check_record(record, DEFINITION) == record


def test_signature_problem_names_what_does_not_hold() -> None:
    record = _valid()
    assert signature_problem(record) is None
    changed = copy.deepcopy(record)
    changed["forms"]["patient"]["groups"]["patient"][0]["values"]["sex"] = {"value": "F"}
    assert "signed content" in (signature_problem(changed) or "")
    later = copy.deepcopy(record)
    _sig(later)["signed_at"] = "2026-11-21T09:00:01.000000Z"
    assert "binding" in (signature_problem(later) or "")
    unsigned = {k: v for k, v in record.items() if k != "signature"}
    assert signature_problem(unsigned) is None
