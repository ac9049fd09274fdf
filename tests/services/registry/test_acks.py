"""The acknowledgement payload: its queries written and read back exactly, and every other shape
refused by the site's strict reader (bounded, canonical, nothing it could not take)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from cmlentry.crypto import canonical
from cmlentry.services.queries import RegistryQuery
from cmlentry.services.registry.acks import (
    MAX_ACK_QUERIES,
    AckContent,
    AckPayloadInvalid,
    CaseAnswer,
    parse_ack,
)
from cmlentry.services.review import ItemAddress

AT = "2026-11-21T10:04:00.000000Z"
PLATELETS = ItemAddress("diagnosis", "baseline", 1, "platelets")


def _content() -> AckContent:
    raised = {"raised_by": "cora", "raised_name": "Cora Ordinator", "raised_at": AT}
    return AckContent(
        "FR-086",
        3,
        "ab" * 32,
        "2026-11-21T10:05:00.123456Z",
        (
            CaseAnswer("FR-086-0007-K", 17, "accepted"),
            CaseAnswer("FR-086-0008-3", 4, "rejected", "the registry holds revision 5"),
        ),
        (
            RegistryQuery("aaaaaaaa-0000-4000-8000-000000000001", "FR-086-0007-K", PLATELETS,
                          "open", "Platelets\r\nabove 1500: confirmed? <&>", **raised),
            RegistryQuery("aaaaaaaa-0000-4000-8000-000000000002", "FR-086-0007-K", PLATELETS,
                          "closed", "Units?", **raised, closed_at=AT, closed_name="Cora O."),
            RegistryQuery("aaaaaaaa-0000-4000-8000-000000000003", "FR-086-0008-3",
                          ItemAddress("assessments", "assessment", 12, "phase_reported"),
                          "cancelled", "Phase?", **raised, closed_at=AT,
                          closed_name="Cora O.", note="raised in error"),
        ),
    )  # fmt: skip


def test_queries_travel_exactly() -> None:
    content = _content()
    data = content.to_bytes()
    assert parse_ack(data) == content
    document = json.loads(data)
    assert document["queries"][0]["item"] == {
        "form": "diagnosis",
        "group": "baseline",
        "row": 1,
        "item": "platelets",
    }
    assert document["queries"][0]["closed_at"] is None  # every field, null where it has none
    assert parse_ack(AckContent("FR-086", 1, "ab" * 32, AT, ()).to_bytes()).queries == ()


def _q(document: dict[str, Any], n: int = 0) -> dict[str, Any]:
    query: dict[str, Any] = document["queries"][n]
    return query


REFUSALS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "no queries": (lambda d: d.pop("queries"), "expected fields"),
    "queries not a list": (lambda d: d.update(queries={}), "list of queries"),
    "a field more": (lambda d: _q(d).update(answer="x"), "a query does not have"),
    "a field less": (lambda d: _q(d).pop("note"), "a query does not have"),
    "an id that is no UUID": (lambda d: _q(d).update(id="q-1"), "query id"),
    "an upper-case id": (lambda d: _q(d).update(id=_q(d)["id"].upper()), "query id"),
    "a query twice": (lambda d: d["queries"].append(_q(d)), "names a query twice"),
    "a case of another centre": (
        lambda d: _q(d).update(case="DE-012-0001-A"),
        "not the site's",
    ),
    "a case that is no ID": (lambda d: _q(d).update(case="Jean Dupont"), "not the site's"),
    "an item that is no id": (lambda d: _q(d)["item"].update(item="Platelets!"), "item"),
    "row zero": (lambda d: _q(d)["item"].update(row=0), "item"),
    "row true": (lambda d: _q(d)["item"].update(row=True), "item"),
    "an item field less": (lambda d: _q(d)["item"].pop("row"), "item does not have"),
    "state answered": (lambda d: _q(d).update(state="answered"), "state"),
    "an empty text": (lambda d: _q(d).update(text=""), "text or who raised it"),
    "a text too long": (lambda d: _q(d).update(text="x" * 2001), "text or who raised it"),
    "a control character": (lambda d: _q(d).update(text="bell\x07"), "text or who raised it"),
    "no user name": (lambda d: _q(d).update(raised_by="Cora O."), "text or who raised it"),
    "a local time": (lambda d: _q(d).update(raised_at="2026-11-21 10:04"), "time"),
    "an open query closed": (lambda d: _q(d).update(closed_at=AT), "an open query"),
    "a closed one without who": (lambda d: _q(d, 1).update(closed_name=None), "when or by whom"),
    "a closed one without when": (lambda d: _q(d, 1).update(closed_at=None), "when or by whom"),
    "a cancelled one without why": (lambda d: _q(d, 2).update(note=None), "note"),
    "an empty note": (lambda d: _q(d, 1).update(note=""), "note"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_every_other_shape_of_queries_is_refused(name: str) -> None:
    change, problem = REFUSALS[name]
    document = json.loads(_content().to_bytes())
    change(document)
    with pytest.raises(AckPayloadInvalid) as refused:
        parse_ack(canonical.encode(document))
    assert problem in refused.value.problem
    for secret in ("Platelets", "Jean", "Cora", "bell"):
        assert secret not in refused.value.problem


def test_the_list_of_queries_is_bounded() -> None:
    document = json.loads(_content().to_bytes())
    one = _q(document)
    document["queries"] = [
        {**one, "id": f"aaaaaaaa-0000-4000-8000-{n:012d}"} for n in range(MAX_ACK_QUERIES + 1)
    ]
    with pytest.raises(AckPayloadInvalid, match="list of queries"):
        parse_ack(canonical.encode(document))
    document["queries"].pop()
    assert len(parse_ack(canonical.encode(document)).queries) == MAX_ACK_QUERIES


def test_the_same_document_in_another_spelling_is_refused() -> None:
    data = _content().to_bytes()
    spaced = json.dumps(json.loads(data), sort_keys=True, ensure_ascii=False).encode()
    with pytest.raises(AckPayloadInvalid, match="canonical"):
        parse_ack(spaced)
