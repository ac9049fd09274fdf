"""Queries between the sites' records and the registry's table of them (batch-format.md §7).

Inside the import's transaction (``session``):

- :func:`record_query_problem`: a record whose queries cannot be this case's (an id the
  registry knows for another case, or with another origin) is rejected before anything of it
  is taken;
- :func:`take_queries`: from an *accepted* record only (a conflicting or rejected one changes
  nothing), the site's queries are taken as the site has them, and a registry query takes the
  site's answer (the registry alone closes or cancels its queries);
- :func:`ack_queries`: every registry query on the centre's cases, for the acknowledgement.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.services.queries import ANSWERED, OPEN, REGISTRY, SITE, RegistryQuery
from cmlentry.services.registry.acks import MAX_ACK_QUERIES
from cmlentry.services.review import ItemAddress
from cmlentry.storage.central.models import CentralCase, CentralQuery

_ANSWER = ("answer", "answered_by", "answered_name", "answered_at")
_SITE_FIELDS = ("state", *_ANSWER, "closed_by", "closed_name", "closed_at", "note")


def _known(session: Session, record: Mapping[str, Any]) -> dict[str, CentralQuery]:
    ids = [q["id"] for q in record.get("queries", ())]
    if not ids:
        return {}
    rows = session.scalars(select(CentralQuery).where(CentralQuery.query_id.in_(ids)))
    return {row.query_id: row for row in rows}


def record_query_problem(
    session: Session, case: CentralCase, record: Mapping[str, Any]
) -> str | None:
    """Why the queries of ``record`` cannot be those of ``case`` here, in words, or None."""
    known = _known(session, record)
    for query in record.get("queries", ()):
        row = known.get(query["id"])
        if row is None:
            continue
        if row.case_id != case.id:
            return "a query it carries is one the registry holds for another case"
        if row.origin != query["origin"]:
            return "a query it carries was raised elsewhere than the registry holds"
    return None


def take_queries(session: Session, case: CentralCase, record: Mapping[str, Any], now: str) -> None:
    """Bring the registry's queries of ``case`` up to the accepted ``record``."""
    known = _known(session, record)
    for query in record.get("queries", ()):
        row = known.get(query["id"])
        if row is None:
            # A registry query the registry no longer holds (its store restored from a backup)
            # is taken back as the site has it, like a site's query.
            session.add(_new(case, query, now))
            continue
        if row.origin == SITE:
            values = {name: query.get(name) for name in _SITE_FIELDS}
        elif "answer" in query and row.answer is None:
            values = {name: query[name] for name in _ANSWER}
            if row.state == OPEN:
                values["state"] = ANSWERED
        else:
            continue
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now


def _new(case: CentralCase, query: Mapping[str, Any], now: str) -> CentralQuery:
    item = query["item"]
    return CentralQuery(
        query_id=query["id"],
        case_id=case.id,
        form_id=item["form"],
        group_id=item["group"],
        row_key=item["row"],
        item_id=item["item"],
        origin=query["origin"],
        state=query["state"],
        text=query["text"],
        raised_by=query["raised_by"],
        raised_name=query["raised_name"],
        raised_at=query["raised_at"],
        **{name: query.get(name) for name in _SITE_FIELDS if name != "state"},
        updated_at=now,
    )


def ack_queries(session: Session, centre_id: int) -> tuple[RegistryQuery, ...]:
    """The registry's queries on the centre's cases as an acknowledgement carries them.

    Unresolved ones always; if there are more than an acknowledgement holds, the closed and
    cancelled ones changed most recently fill the rest (the site has the older ones).
    """
    rows = session.execute(
        select(CentralQuery, CentralCase.registry_id)
        .join(CentralCase, CentralCase.id == CentralQuery.case_id)
        .where(CentralCase.centre_id == centre_id, CentralQuery.origin == REGISTRY)
        .order_by(CentralQuery.id)
    ).all()
    if len(rows) > MAX_ACK_QUERIES:
        unresolved = [r for r in rows if r[0].state in (OPEN, ANSWERED)]
        resolved = sorted(
            (r for r in rows if r[0].state not in (OPEN, ANSWERED)),
            key=lambda r: r[0].updated_at,
            reverse=True,
        )
        kept = {id(r) for r in (unresolved + resolved)[:MAX_ACK_QUERIES]}
        rows = [r for r in rows if id(r) in kept]
    return tuple(_sent(row, registry_id) for row, registry_id in rows)


def _sent(row: CentralQuery, registry_id: str) -> RegistryQuery:
    closed = row.state not in (OPEN, ANSWERED)
    return RegistryQuery(
        id=row.query_id,
        registry_id=registry_id,
        address=ItemAddress(row.form_id, row.group_id, row.row_key, row.item_id),
        # An answered query is still open for the registry: the answer is the site's own.
        state=row.state if closed else OPEN,
        text=row.text,
        raised_by=row.raised_by,
        raised_name=row.raised_name,
        raised_at=row.raised_at,
        closed_at=row.closed_at if closed else None,
        closed_name=row.closed_name if closed else None,
        note=row.note if closed else None,
    )
