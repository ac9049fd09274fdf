"""The acknowledgement payload: its queries written and read back exactly, and every other shape
refused by the site's strict reader (bounded, canonical, nothing it could not take). Then the
registry's kept acknowledgement written again (``ack-again``), on both central backends: a
typed refusal for a batch never imported, and a folder it cannot be written to losing nothing.
The site's reader against hostile files is test_ack_vectors.py."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cmlentry.cli import EXIT_FAILED, EXIT_OK
from cmlentry.crypto import canonical
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService
from cmlentry.services.queries import RegistryQuery
from cmlentry.services.registry.acks import (
    MAX_ACK_QUERIES,
    AckContent,
    AckPayloadInvalid,
    CaseAnswer,
    parse_ack,
)
from cmlentry.services.registry.errors import AckNotWritten, BatchNotImported, UnknownCentre
from cmlentry.services.registry.importer import IMPORTED, ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.review import ItemAddress
from tests.batch_world import COORDINATOR, PASSWORD, World, make_world
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import FakeClock
from tests.services.test_maintenance import tmpfs

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


# --- the kept acknowledgement written again (``ack-again``) and a folder it cannot go to --------


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    """FR-086 with its complete cases, and a registry on each central backend."""
    return make_world(tmp_path, FakeClock(), cases=4, database_url=database_url)


def _export(world: World, ids: list[str]) -> Path:
    with world.site() as ws:
        return ExportService(ws).export(world.out, ids).path


def _import(world: World, batch: Path, acks: Path) -> ImportOutcome:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            return ImportService(ws, store).import_file(batch, acks)
        finally:
            store.close()


def _ack_again(world: World, site: str, sequence: int, folder: Path) -> Path:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            return ImportService(ws, store).write_ack_again(site, sequence, folder)
        finally:
            store.close()


def _as_coordinator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CMLENTRY_USER", COORDINATOR)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def test_ack_again_for_a_batch_never_imported_says_so(
    world: tuple[World, list[str]], tmp_path: Path
) -> None:
    """Regression: ``ack-again`` for a batch the registry never imported ended in an untyped
    NoResultFound (exit 70) instead of a sentence the coordinator can act on."""
    w, complete = world
    folder = tmp_path / "acks"
    folder.mkdir()
    with pytest.raises(BatchNotImported) as never:
        _ack_again(w, "FR-086", 1, folder)
    assert never.value.message.startswith("Batch 1 of FR-086 was never imported here")
    assert "'cmlentry centres list'" in never.value.message
    with pytest.raises(UnknownCentre) as unknown:
        _ack_again(w, "DE-012", 1, folder)
    assert unknown.value.params["centre"] == "DE-012"

    _import(w, _export(w, complete), folder)
    kept = (folder / "FR-086-000001.cmlack").read_bytes()
    for sequence in (2, 0, -1, 2**70):  # the next one, and numbers no batch can have
        with pytest.raises(BatchNotImported):
            _ack_again(w, "FR-086", sequence, folder)
    again = tmp_path / "again"
    again.mkdir()
    path = _ack_again(w, " fr-086", 1, again)  # as a coordinator may type the centre
    assert path == again / "FR-086-000001.cmlack"
    assert path.read_bytes() == kept
    assert sorted(p.name for p in folder.iterdir()) == ["FR-086-000001.cmlack"]


def test_ack_again_command_for_a_batch_never_imported(
    world: tuple[World, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    w, _complete = world
    _as_coordinator(monkeypatch, tmp_path)
    registry = ["--workspace", str(w.registry_folder)]
    code, _, err, _ = run(["ack-again", *registry, "FR-086", "7", "--to", str(tmp_path)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Batch 7 of FR-086 was never imported here", "nothing was written")
    code, _, err, _ = run(["ack-again", *registry, "XX-999", "1", "--to", str(tmp_path)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "No centre XX-999 is registered here")
    assert not list(tmp_path.glob("*.cmlack"))


def test_an_ack_folder_that_cannot_be_written_keeps_the_import_and_the_ack(
    world: tuple[World, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What AckNotWritten promises: the batch "is imported", the acknowledgement can be written
    again with the very command the sentence names, and "nothing is lost" — the site reads the
    file written later and marks its cases acknowledged."""
    w, complete = world
    batch = _export(w, complete)
    with tmpfs(tmp_path / "cdrom", "ro,size=1m") as cdrom:
        outcome = _import(w, batch, cdrom)
        assert outcome.status == IMPORTED
        assert type(outcome.error) is AckNotWritten
        assert outcome.ack_path is None and outcome.accepted == len(complete)
        assert list(cdrom.iterdir()) == []
        message = outcome.error.message
        assert message.startswith(f"Batch 1 of FR-086 is imported, but its acknowledgement could "
                                  f"not be written to {cdrom} (")  # fmt: skip
        assert "read-only" in message and message.endswith("nothing is lost.")
        with pytest.raises(AckNotWritten):  # the kept file, again to the read-only folder
            _ack_again(w, "FR-086", 1, cdrom)

    # The batch is in: the same file again is a replay, which writes the kept acknowledgement.
    replay_folder = tmp_path / "replay"
    replay_folder.mkdir()
    replay = _import(w, batch, replay_folder)
    assert replay.status == "already imported" and replay.ack_path is not None

    # The command the sentence names writes the same file.
    _as_coordinator(monkeypatch, tmp_path)
    command = re.search(r"'cmlentry (ack-again \S+ \d+) --to FOLDER'", message)
    assert command is not None
    acks = tmp_path / "acks"
    acks.mkdir()
    args = [*command.group(1).split(), "--workspace", str(w.registry_folder), "--to", str(acks)]
    code, _, err, lines = run(args, capsys)
    assert code == EXIT_OK, err
    written = acks / "FR-086-000001.cmlack"
    assert lines == [f"The acknowledgement was written again to {written}."]
    assert written.read_bytes() == replay.ack_path.read_bytes()

    with w.site() as ws:
        result = AckService(ws).read(written)
        statuses = {c.registry_id: c.status for c in CaseService(ws).list_cases()}
    assert (result.accepted, result.acknowledged) == (len(complete), len(complete))
    assert {statuses[rid] for rid in complete} == {"acknowledged"}
