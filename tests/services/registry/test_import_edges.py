"""Branches of the registry importer the fault kit does not reach, on both central backends.

A case of another centre inside an otherwise sound batch (the batch re-sealed and re-signed with
the site's own key, its manifest listing the case consistently, as a site whose workspace held
such a case would send it): the batch is imported, that case alone is rejected with its reason
and nothing of it is stored. A file the operating system cannot read (missing, below a file, a
symbolic link loop, no permission) is ``BatchUnreadable``, from the service and the command line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cmlentry.crypto.container_errors import BatchUnreadable
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.services.batches.export import ExportService
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.record import record_sha256
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.importer import IMPORTED, REFUSED, ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.storage.central.models import CaseVersion, CentralBase, CentralCase, RefusedBatch
from cmlentry.storage.central.store import CentralStore
from tests.batch_world import COORDINATOR, PASSWORD, World, make_world
from tests.cli.test_cli import run
from tests.conftest import FakeClock
from tests.harness.batch_forge import Kit, forge, odm_bytes, odm_tree, subjects

pytestmark = pytest.mark.timeout(300)

FOREIGN = str(RegistryId("DE", "012", 1))
"""A registry ID of another centre, with its right check character."""


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    return make_world(tmp_path, FakeClock(), cases=6, database_url=database_url)


Snapshot = dict[str, list[str]]


def snapshot(store: CentralStore) -> Snapshot:
    """Every row of every central table, as text, in a stable order."""
    with store.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in CentralBase.metadata.sorted_tables
        }


def import_with_snapshots(world: World, path: Path) -> tuple[ImportOutcome, Snapshot, Snapshot]:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            before = snapshot(store)
            outcome = ImportService(ws, store).import_file(path, world.out)
            return outcome, before, snapshot(store)
        finally:
            store.close()


# --- a case of another centre -------------------------------------------------------------------


def with_a_case_of_another_centre(world: World, complete: list[str], index: int) -> bytes:
    """FR-086's batch of ``complete``, its case ``index`` renamed to another centre's ID, the
    manifest listing it with its record's hash, sealed anew and signed with FR-086's key."""
    with world.site() as ws:
        batch = ExportService(ws).export(world.out, complete).path.read_bytes()
        keys = KeyService(ws)
        site, registry = keys.site_key_pairs(), keys.registry_public_keys()
    assert registry is not None
    kit = Kit(world.out, world.clock, {1: batch}, site, registry.key_id, registry.encryption_key())
    root = odm_tree(kit.plaintext())
    subject: ET.Element = subjects(root)[1][index]
    subject.set("SubjectKey", FOREIGN)
    xml = odm_bytes(root)
    records = read_odm(xml, installed_definitions().current).records

    def relist(fields: dict[str, Any]) -> None:
        for entry, record in zip(fields["manifest"]["records"], records, strict=True):
            entry["id"], entry["sha256"] = record["id"], record_sha256(record)

    return forge(kit, xml, fields=relist)


def test_a_case_of_another_centre_is_rejected_and_the_rest_imported(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    assert len(complete) >= 3
    path = w.out / "FR-086-000001.cmlbatch"
    path.write_bytes(with_a_case_of_another_centre(w, complete, 1))
    outcome, before, after = import_with_snapshots(w, path)

    assert outcome.status == IMPORTED, outcome.error
    assert [a.registry_id for a in outcome.answers] == [complete[0], FOREIGN, *complete[2:]]
    [rejected] = outcome.rejected
    assert rejected.registry_id == FOREIGN
    assert rejected.reason is not None and "another centre" in rejected.reason
    assert outcome.accepted == len(complete) - 1
    assert outcome.ack_path is not None and outcome.ack_path.exists()
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            with store.read() as session:
                held = set(session.scalars(select(CentralCase.registry_id)))
                versions = session.scalars(select(CaseVersion.record)).all()
        finally:
            store.close()
    # Nothing of the other centre's case is kept: no case, no version carrying its ID.
    assert held == set(complete) - {complete[1]}
    assert len(versions) == len(complete) - 1
    assert not any(FOREIGN in record for record in versions)
    assert after != before


def test_the_forging_here_is_sound(world: tuple[World, list[str]]) -> None:
    """Control: the same re-sealing with no case renamed is imported whole, so the rejection
    above is for the other centre's ID and not for a slip of the forging."""
    w, complete = world
    with w.site() as ws:
        batch = ExportService(ws).export(w.out, complete).path.read_bytes()
        keys = KeyService(ws)
        site, registry = keys.site_key_pairs(), keys.registry_public_keys()
    assert registry is not None
    kit = Kit(w.out, w.clock, {1: batch}, site, registry.key_id, registry.encryption_key())
    path = w.out / "resealed.cmlbatch"
    path.write_bytes(forge(kit, odm_bytes(odm_tree(kit.plaintext()))))
    outcome, _before, _after = import_with_snapshots(w, path)
    assert outcome.status == IMPORTED, outcome.error
    assert (outcome.accepted, outcome.rejected) == (len(complete), ())


# --- a file that cannot be read -----------------------------------------------------------------


def _missing(folder: Path) -> Path:
    return folder / "FR-086-000001.cmlbatch"


def _below_a_file(folder: Path) -> Path:
    (folder / "stick").write_bytes(b"not a folder")
    return folder / "stick" / "FR-086-000001.cmlbatch"


def _loop(folder: Path) -> Path:
    path = folder / "FR-086-000001.cmlbatch"
    path.symlink_to(path)
    return path


# No "permission denied" case: the tests run as root in CI, and root reads any file.
UNREADABLE = {
    "missing": (_missing, "no such file or directory"),
    "below_a_file": (_below_a_file, "not a directory"),
    "link_loop": (_loop, "too many levels of symbolic links"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_a_file_that_cannot_be_read_is_batch_unreadable(
    world: tuple[World, list[str]], tmp_path: Path, case: str
) -> None:
    w, _complete = world
    make, reason = UNREADABLE[case]
    folder = tmp_path / "inbox"
    folder.mkdir()
    path = make(folder)
    outcome, before, after = import_with_snapshots(w, path)

    assert outcome.status == REFUSED
    assert type(outcome.error) is BatchUnreadable
    assert outcome.error.params == {"file": "FR-086-000001.cmlbatch", "reason": reason}
    assert outcome.error.message.startswith(
        f"cmlentry could not read FR-086-000001.cmlbatch ({reason})."
    )
    # Nothing but the record of a refused attempt, which names the error.
    refused = RefusedBatch.__tablename__
    new_rows = set(after.pop(refused)) - set(before.pop(refused))
    assert after == before
    assert len(new_rows) == 1 and repr(BatchUnreadable.code) in new_rows.pop()
    assert not list(w.out.glob("*.cmlack"))


def test_import_command_reports_an_unreadable_file_and_imports_the_rest(
    world: tuple[World, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    w, complete = world
    with w.site() as ws:
        batch = ExportService(ws).export(w.out, complete).path
    monkeypatch.setenv("CMLENTRY_USER", COORDINATOR)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    acks = tmp_path / "acks"
    acks.mkdir()
    missing = tmp_path / "DE-012-000001.cmlbatch"
    args = ["import", "--workspace", str(w.registry_folder), "--acks", str(acks)]
    code, _, err, lines = run([*args, str(missing), str(batch)], capsys)

    assert code == 1, err  # a refusal among the files
    assert "Traceback" not in err
    assert (
        "DE-012-000001.cmlbatch: cmlentry could not read DE-012-000001.cmlbatch (no such file "
        "or directory). Check the file's name and that you may read it; nothing was changed."
    ) in lines
    assert f"{batch.name}: batch 1 of FR-086 imported, {len(complete)} cases accepted, " in (
        "\n".join(lines)
    )
    assert sorted(p.name for p in acks.iterdir()) == ["FR-086-000001.cmlack"]
