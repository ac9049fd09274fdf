"""Signatures and queries travelling in batches and acknowledgements, on both central backends.

The whole loop with real services and files: a nurse completes (the world's cases), the PI
signs, the default export takes only signed cases, the registry imports and verifies each
signature, the coordinator raises a query, an acknowledgement carries it, the site's nurse
answers it, the case goes with the next default batch, the registry sees the answer, the
coordinator closes it and the next acknowledgement closes it at the site. Then the hostile
cases: acknowledgements with queries the site cannot take, and a batch whose signed data and
signature disagree.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient
from cmlentry.crypto.keyfiles import key_time
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.errors import QueryNotYours, QueryStateRefused
from cmlentry.services.batches.ack import AckInvalid, AckQueryRefused, AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.batches.record import signature_problem
from cmlentry.services.cases import CaseService
from cmlentry.services.keys import KeyService
from cmlentry.services.queries import (
    ANSWERED,
    CLOSED,
    OPEN,
    REGISTRY,
    QueryService,
    RegistryQuery,
)
from cmlentry.services.registry.ack_files import seal_ack
from cmlentry.services.registry.acks import parse_ack
from cmlentry.services.registry.errors import AckTooOld, CaseNotHeld, NotARegistry, UnknownCentre
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.queries import CentralQueryInfo, CentralQueryService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress, ReviewService
from cmlentry.services.users import UserService
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import Acknowledgement, CaseVersion, CentralCase
from cmlentry.storage.models import AuditEvent, Batch, Query
from tests.batch_world import (
    PI,
    World,
    add_nurse,
    make_world,
    sign_cases,
)
from tests.conftest import FakeClock

pytestmark = pytest.mark.timeout(300)

PLATELETS = ItemAddress("diagnosis", "baseline", 1, "platelets")


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    made, complete = make_world(tmp_path, FakeClock(), cases=6, database_url=database_url)
    add_nurse(made)
    return made, complete


def export_default(world: World) -> Path:
    with world.site() as ws:
        return ExportService(ws).export(world.out).path


def import_one(world: World, path: Path) -> ImportOutcome:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            [outcome] = ImportService(ws, store).import_files([path], world.out)
        finally:
            store.close()
    assert outcome.status == "imported", outcome.error
    return outcome


def coordinator(world: World) -> tuple[object, CentralQueryService]:
    """An open registry workspace and its query service (close both with :func:`done`)."""
    ws = world.registry()
    return ws, CentralQueryService(ws, open_central_store(ws))


def done(opened: tuple[object, CentralQueryService]) -> None:
    ws, service = opened
    service.store.close()
    ws.close()  # type: ignore[attr-defined]


def statuses(world: World) -> dict[str, str]:
    with world.site() as ws:
        return {c.registry_id: c.status for c in CaseService(ws).list_cases()}


def payload_of(world: World, path: Path) -> bytes:
    """A batch's ODM, opened with the site's archive key (as the site's own check does)."""
    with world.site() as ws:
        keys = KeyService(ws)
        pairs, site_keys = keys.site_key_pairs(), keys.site_public_keys()
    data = path.read_bytes()
    preamble = container.read_preamble(data, kind="batch", file=path.name)
    trusted = container.TrustedKey(site_keys.key_id, "FR-086", site_keys.signing_key())
    key = container.verify_signature(
        data, preamble, trusted=lambda _k: trusted, recipient_key_id=preamble.recipient_key_id,
        file=path.name,
    )  # fmt: skip
    header = container.parse_header(data, preamble, key, file=path.name)
    return container.decrypt(header, key_id=site_keys.key_id, private_key=pairs.agreement, file="x")


def central_record(world: World, registry_id: str) -> dict[str, object]:
    """The registry's current version of a case, as stored."""
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            with store.read() as session:
                case = session.scalars(
                    select(CentralCase).where(CentralCase.registry_id == registry_id)
                ).one()
                version = session.get_one(CaseVersion, case.current_version_id)
                record: dict[str, object] = json.loads(version.record)
                return record
        finally:
            store.close()


def test_signatures_and_queries_go_back_and_forth(world: tuple[World, list[str]]) -> None:
    w, complete = world
    signed, unsigned = complete[:2], complete[2]
    sign_cases(w, signed)

    # --- the site: only signed cases go by default; an unsigned one is said to be unsigned
    with w.site() as ws:
        exports = ExportService(ws)
        assert exports.default_selection() == signed
        by_id = {c.registry_id: c for c in exports.candidates()}
    assert by_id[unsigned].sendable and not by_id[unsigned].eligible
    assert not by_id[unsigned].signed and all(by_id[r].signed for r in signed)
    first = export_default(w)
    assert {statuses(w)[r] for r in signed} == {"exported"}
    with w.site() as ws:
        # still signed once sent: the wizard's "signed" is the signature, not the status
        assert all(c.signed for c in ExportService(ws).candidates() if c.registry_id in signed)
    odm = payload_of(w, first).decode("utf-8")
    assert f"<Meaning>{MEANING_APPROVAL}</Meaning>" in odm
    assert odm.count("<cml:SignatureBinding ") == 2

    # --- the registry: both accepted, each signature present and holding centrally
    outcome = import_one(w, first)
    assert (outcome.accepted, outcome.rejected) == (2, ())
    with w.site() as ws:
        stored = ReviewService(ws, CaseService(ws)).signature(signed[0])
    record = central_record(w, signed[0])
    assert stored is not None and record["signature"] == {
        "username": PI,
        "printed_name": "Pia Investigator",
        "role": "pi",
        "meaning": MEANING_APPROVAL,
        "signed_at": stored.signed_at,
        "content_sha256": stored.content_sha256,
        "binding_sha256": record["signature"]["binding_sha256"],  # type: ignore[index]
    }
    assert signature_problem(record) is None
    assert outcome.ack_path is not None
    with w.site() as ws:
        assert AckService(ws).read(outcome.ack_path).acknowledged == 2
    assert {statuses(w)[r] for r in signed} == {"acknowledged"}

    # --- the coordinator raises a query; an acknowledgement takes it to the site
    opened = coordinator(w)
    try:
        raised = opened[1].raise_query(signed[0], PLATELETS, "Platelets above 1500: confirmed?")
        assert (raised.origin, raised.state, raised.raised_by) == (REGISTRY, OPEN, "cora")
        sent = opened[1].send("FR-086", w.out)
    finally:
        done(opened)
    assert sent.name == "FR-086-000001.cmlack"
    with w.site() as ws:
        result = AckService(ws).read(sent)
        assert (result.queries_new, result.queries_closed, result.already_read) == (1, 0, False)
        [arrived] = QueryService(ws, CaseService(ws)).for_case(signed[0])
    assert (arrived.id, arrived.origin, arrived.state) == (raised.id, REGISTRY, OPEN)
    assert (arrived.address, arrived.raised_name) == (PLATELETS, "Cora Ordinator")
    with w.site() as ws:  # the same file again takes nothing new
        assert AckService(ws).read(sent).queries_new == 0

    # --- the nurse answers; the signed case goes with the next default batch
    with w.nurse() as ws:
        QueryService(ws, CaseService(ws)).answer(raised.id, "Confirmed with the lab: 1650.")
    assert statuses(w)[signed[0]] == "signed"
    with w.site() as ws:
        assert ExportService(ws).default_selection() == [signed[0]]
        # answering a query is not signed content: the signature still holds
        assert ReviewService(ws, CaseService(ws)).check_signature(signed[0]) == stored
    second = import_one(w, export_default(w))
    assert second.accepted == 1

    # --- the registry sees the answer; the coordinator closes the query
    opened = coordinator(w)
    try:
        [seen] = opened[1].list(registry_id=signed[0])
        assert (seen.state, seen.answer, seen.answered_by) == (
            ANSWERED,
            "Confirmed with the lab: 1650.",
            "nina",
        )
        closed = opened[1].close(raised.id[:8], "Thank you.")
        assert (closed.state, closed.closed_by, closed.note) == (CLOSED, "cora", "Thank you.")
        assert opened[1].list(states=[OPEN, ANSWERED]) == []
        again = opened[1].send("FR-086", w.out)
    finally:
        done(opened)
    assert again.name == "FR-086-000002.cmlack"
    with w.site() as ws:
        result = AckService(ws).read(again)
        assert (result.queries_new, result.queries_closed) == (0, 1)
        [final] = QueryService(ws, CaseService(ws)).for_case(signed[0])
    assert (final.state, final.closed_name, final.note) == (CLOSED, "Cora Ordinator", "Thank you.")
    assert final.answer == "Confirmed with the lab: 1650."

    # --- every step of the coordinator is in the registry workspace's audit trail
    with w.registry() as ws, ws.db.read() as session:
        trail = [
            (e.action, e.entity_id)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.entity.in_(("query", "batch")))
            )
        ]
    assert ("query_raised", raised.id) in trail and ("query_closed", raised.id) in trail
    assert [a for a, _ in trail].count("queries_sent") == 2


def test_who_may_raise_close_and_send_queries_at_the_registry(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    sign_cases(w, complete[:1])
    import_one(w, export_default(w))
    opened = coordinator(w)
    try:
        service = opened[1]
        with pytest.raises(CaseNotHeld):  # a case the registry never received
            service.raise_query(complete[1], PLATELETS, "Anything?")
        # the cases a query may be raised on: exactly the one accepted so far
        assert service.held_cases() == [complete[0]]
        assert service.held_cases("FR-086") == [complete[0]]
        assert service.held_cases("DE-001") == []
        raised = service.raise_query(complete[0], PLATELETS, "Platelets?")
        with pytest.raises(QueryStateRefused):  # not answered yet: cancel, do not close
            service.close(raised.id)
        with pytest.raises(UnknownCentre):
            service.send("XX-999", w.out)
        with service.store.write() as session:  # as an acknowledgement kept before c0002
            for kept in session.scalars(select(Acknowledgement)):
                kept.payload = None
        with pytest.raises(AckTooOld):
            service.send("FR-086", w.out)
        UserService(opened[0]).add_user(
            "carl", "Carl Coordinator", "coordinator", "first-pass-1234"
        )  # type: ignore[arg-type]
    finally:
        done(opened)
    with w.registry_as("carl", "first-pass-1234") as ws:
        UserService(ws).change_own_password("first-pass-1234", "coord-pass-Paris-26")
    with w.registry_as("carl", "coord-pass-Paris-26") as ws:
        store = open_central_store(ws)
        try:
            other = CentralQueryService(ws, store)
            with pytest.raises(QueryNotYours) as refused:  # only who raised it
                other.cancel(raised.id, "not mine")
            assert "Cora Ordinator" in refused.value.message
            assert other.get(raised.id).state == OPEN  # reading is everyone's
        finally:
            store.close()
    opened = coordinator(w)
    try:
        cancelled = opened[1].cancel(raised.id, "raised on the wrong item")
        assert (cancelled.state, cancelled.note) == ("cancelled", "raised on the wrong item")
        with pytest.raises(QueryStateRefused):
            opened[1].cancel(raised.id, "again")
    finally:
        done(opened)
    with w.site() as ws, pytest.raises(NotARegistry):  # a site's workspace is not the registry
        CentralQueryService(ws, store=None).list()  # type: ignore[arg-type]


# --- hostile acknowledgements and records ---------------------------------------------------------


def forged_ack(world: World, ack: Path, **change: object) -> Path:
    """The registry's real acknowledgement ``ack`` with its payload changed, sealed again with
    the registry's real key (what a registry with a bug could send)."""
    with world.registry() as ws:
        registry = KeyService(ws).registry_key_pairs()
        store = open_central_store(ws)
        try:
            with store.read() as session:
                kept = session.scalars(
                    select(Acknowledgement.payload).order_by(Acknowledgement.id.desc())
                ).first()
        finally:
            store.close()
    with world.site() as ws:
        site = KeyService(ws).site_public_keys()
    assert kept is not None
    content = replace(parse_ack(kept.encode("utf-8")), **change)  # type: ignore[arg-type]
    data = seal_ack(
        content, registry, Recipient(site.key_id, site.encryption_key()), key_time(world.clock())
    )
    path = ack.with_name("forged.cmlack")
    path.write_bytes(data)
    return path


def _site_state(world: World) -> tuple[object, ...]:
    with world.site() as ws, ws.db.read() as session:
        state = (
            session.scalar(select(func.count()).select_from(Query)),
            session.execute(select(Batch.acknowledged_at, Batch.ack_sha256)).all(),
        )
    return (*state, sorted(statuses(world).items()))


def test_an_ack_with_a_query_the_site_cannot_take_is_refused_whole(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    sign_cases(w, complete[:1])
    outcome = import_one(w, export_default(w))
    assert outcome.ack_path is not None
    opened = coordinator(w)
    try:
        good = opened[1].raise_query(complete[0], PLATELETS, "Platelets?")
    finally:
        done(opened)
    before = _site_state(w)
    now = format_utc(w.clock())
    other = replace(good, id="00000000-0000-4000-8000-00000000000b")
    cases = {
        "a case of another centre": (replace(other, registry_id="DE-012-0001-A"), AckInvalid),
        "a case this site has not": (
            replace(other, registry_id=str(RegistryId("FR", "086", 999))),
            AckQueryRefused,
        ),
        "a mistyped case ID": (replace(other, registry_id="FR-086-0999-0"), AckQueryRefused),
        "an item the form has not": (
            replace(other, address=ItemAddress("diagnosis", "baseline", 1, "nope")),
            AckQueryRefused,
        ),
        "a row a single group has not": (
            replace(other, address=ItemAddress("diagnosis", "baseline", 2, "platelets")),
            AckQueryRefused,
        ),
    }
    for name, (bad, error) in cases.items():
        sent = forged_ack(w, outcome.ack_path, queries=(_as_sent(good, now), _as_sent(bad, now)))
        with w.site() as ws, pytest.raises(error) as refused:
            AckService(ws).read(sent)
        assert "nothing" in refused.value.message.lower(), name
        if name == "a case this site has not":
            assert "there is no such case" in refused.value.message
        assert "Platelets" not in refused.value.message
        assert _site_state(w) == before, name  # the good query and the answers: not applied


def _as_sent(query: CentralQueryInfo, now: str) -> RegistryQuery:
    """A registry query as an acknowledgement carries it (services/registry/query_sync.py)."""
    return RegistryQuery(
        id=query.id,
        registry_id=query.registry_id,
        address=query.address,
        state=OPEN,
        text=query.text,
        raised_by=query.raised_by,
        raised_name=query.raised_name,
        raised_at=now,
    )


def test_a_case_whose_signature_does_not_hold_is_rejected_alone(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    sign_cases(w, complete[:2])
    with w.site() as ws, ws.write("test: a signature altered behind the app") as s:
        # What a site whose data and signature disagree sends (a bug, or a hand on the file).
        s.execute(
            text("UPDATE signatures SET content_sha256 = :h WHERE registry_id = :r"),
            {"h": "0" * 64, "r": complete[0]},
        )
    outcome = import_one(w, export_default(w))
    [rejected] = outcome.rejected
    assert rejected.registry_id == complete[0]
    assert rejected.reason is not None and "PI signature does not hold" in rejected.reason
    assert "signed content" in rejected.reason
    assert outcome.accepted == 1  # the other case of the batch is taken
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            with store.read() as session:
                case = session.scalars(
                    select(CentralCase).where(CentralCase.registry_id == complete[0])
                ).one()
                versions = session.scalars(
                    select(CaseVersion.outcome).where(CaseVersion.case_id == case.id)
                ).all()
        finally:
            store.close()
    assert case.current_version_id is None and versions == ["rejected"]
    assert outcome.ack_path is not None
    with w.site() as ws:
        read = AckService(ws).read(outcome.ack_path)
    assert [a.registry_id for a in read.rejected] == [complete[0]]
