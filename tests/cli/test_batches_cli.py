"""The batch commands end to end, as a site and a coordinator type them: ``init --registry``,
``centres``, ``export``, ``import``, ``ack``, ``ack-again``, and the coordinator's ``queries``.
Each failure is one sentence and a non-zero exit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cmlentry.cli import EXIT_FAILED, EXIT_OK
from cmlentry.crypto.container import sha256_hex
from cmlentry.crypto.container_errors import HeaderInvalid
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.keys import KeyService
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.central.models import ReceivedBatch, RefusedBatch
from cmlentry.storage.central.store import CentralStore
from tests.batch_world import (
    ADMIN,
    COORDINATOR,
    PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    make_site,
    make_world,
    sign_cases,
)
from tests.central_db import scratch_database, skip_or_fail_without_server
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import FakeClock
from tests.harness.batch_forge import Parts, assemble, canonical


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[World, list[str]]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_world(tmp_path, FakeClock(), cases=6)


def as_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CMLENTRY_USER", PI)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PI_PASSWORD)


def as_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CMLENTRY_USER", COORDINATOR)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)


def test_init_registry_makes_a_coordinators_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "registry"
    args = ["init", "--registry", "--name", "ELN CML registry", "--admin", "cora"]
    code, _, err, lines = run([*args, "--workspace", str(folder)], capsys)
    assert code == EXIT_OK, err
    text = "\n".join(lines)
    assert "Registry key    ELN CML registry" in text and "RECOVERY KEY" in text
    with open_workspace(folder, "cora", PASSWORD) as ws:
        assert (ws.kind, ws.user.role.value) == ("registry", "coordinator")
    # A site's init still needs its country and centre, and says so.
    code, _, err, _ = run(
        ["init", "--workspace", str(tmp_path / "s"), "--name", "X", "--admin", "a"], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "--country and --centre")


def test_export_import_ack_round_trip(
    world: tuple[World, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    w, complete = world
    site, registry = ["--workspace", str(w.site_folder)], ["--workspace", str(w.registry_folder)]
    outbox, acks = tmp_path / "outbox", tmp_path / "acks"
    outbox.mkdir()
    acks.mkdir()

    as_site(monkeypatch)
    code, _, err, _ = run(["export", *site, "--to", str(outbox)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "nothing to export")
    cases = [arg for rid in complete for arg in ("--case", rid)]
    code, _, err, lines = run(["export", *site, "--to", str(outbox), *cases], capsys)
    assert code == EXIT_OK, err
    batch = outbox / "FR-086-000001.cmlbatch"
    assert lines[0] == f"Batch 1 with {len(complete)} cases was written to {batch}."

    as_registry(monkeypatch)
    code, _, err, lines = run(["centres", "list", *registry], capsys)
    assert code == EXIT_OK, err
    assert lines == ["FR-086  CHU de Test: 0 cases, no batch yet"]
    damaged = outbox / "FR-086-000002.cmlbatch"
    damaged.write_bytes(batch.read_bytes()[:-1])
    code, _, err, lines = run(
        ["import", *registry, "--acks", str(acks), str(batch), str(damaged)], capsys
    )
    assert code == EXIT_FAILED  # one of the files was refused
    assert lines[0].startswith(
        f"FR-086-000001.cmlbatch: batch 1 of FR-086 imported, {len(complete)}"
    )
    assert any("FR-086-000002.cmlbatch" in line and "cut short" in line for line in lines)
    ack = acks / "FR-086-000001.cmlack"
    ack_bytes = ack.read_bytes()
    ack.unlink()
    code, _, err, lines = run(["ack-again", *registry, "FR-086", "1", "--to", str(acks)], capsys)
    assert code == EXIT_OK, err
    assert ack.read_bytes() == ack_bytes
    code, _, err, lines = run(["centres", "list", *registry], capsys)
    assert lines == [f"FR-086  CHU de Test: {len(complete)} cases, batch 1, 0 days ago"]

    as_site(monkeypatch)
    code, _, err, lines = run(["ack", *site, str(ack)], capsys)
    assert code == EXIT_OK, err
    assert lines[0] == (
        f"Batch 1: {len(complete)} cases accepted by the registry, 0 rejected; "
        f"{len(complete)} marked acknowledged."
    )
    code, _, err, lines = run(["export", *site, "--list"], capsys)
    assert code == EXIT_OK, err
    assert "acknowledged" in lines[0] and f"{len(complete)} accepted" in lines[0]
    again = tmp_path / "again"
    again.mkdir()
    code, _, err, _ = run(["export", *site, "--again", "1", "--to", str(again)], capsys)
    assert code == EXIT_OK, err
    assert sha256_hex((again / batch.name).read_bytes()) == sha256_hex(batch.read_bytes())


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (skipped without a server, failed in CI)."""
    with scratch_database(skip_or_fail_without_server()) as url:
        yield url


def revision_past_the_limit(batch: bytes, site_folder: Path) -> bytes:
    """``batch`` with its first case at revision 2^31, signed again with the site's real key."""
    with open_workspace(site_folder, PI, PI_PASSWORD) as ws:
        signer = KeyService(ws).site_key_pairs().signing
    parts = Parts.of(batch)
    header = json.loads(parts.header)
    header["manifest"]["records"][0]["revision"] = 2**31
    return assemble(
        canonical(header), parts.ciphertext, signer=signer, sender=parts.sender,
        recipient=parts.recipient,
    )  # fmt: skip


@pytest.mark.postgresql
def test_a_registry_on_postgresql_imports_from_the_command_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pg_database: str,
) -> None:
    """``init --registry --database-url`` keeps the central store in PostgreSQL, and the batch
    commands work on it. Regression: a signed batch with a revision of 2^31 ended the import
    with an internal error (exit 70: a DataError of the 32-bit column); it is one sentence."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    site_folder, registry_folder = tmp_path / "site", tmp_path / "registry"
    complete = make_site(
        site_folder, FakeClock(), site=SiteDetails.checked("FR", "086", "CHU de Test"), cases=4
    )
    out, outbox, acks = tmp_path / "out", tmp_path / "outbox", tmp_path / "acks"
    for folder in (out, outbox, acks):
        folder.mkdir()
    site, registry = ["--workspace", str(site_folder)], ["--workspace", str(registry_folder)]

    as_registry(monkeypatch)
    code, _, err, lines = run(
        ["init", "--registry", "--name", "ELN CML registry", "--admin", COORDINATOR,
         "--database-url", pg_database, *registry],
        capsys,
    )  # fmt: skip
    assert code == EXIT_OK, err
    database = pg_database.rsplit("/", 1)[1]
    assert f"Central store: 127.0.0.1:5432/{database}" in lines
    code, _, err, _ = run(["centres", "export-key", *registry, "--to", str(out)], capsys)
    assert code == EXIT_OK, err
    [registry_key] = out.glob("*.cmlkey")

    monkeypatch.setenv("CMLENTRY_USER", ADMIN)
    code, _, err, _ = run(["keys", "trust-registry", *site, str(registry_key), "--yes"], capsys)
    assert code == EXIT_OK, err
    site_key = out / "FR-086.cmlkey"
    code, _, err, _ = run(["keys", "export-site", *site, "--to", str(site_key)], capsys)
    assert code == EXIT_OK, err
    as_registry(monkeypatch)
    code, _, err, lines = run(["centres", "add", *registry, str(site_key), "--yes"], capsys)
    assert code == EXIT_OK, err

    as_site(monkeypatch)
    cases = [arg for rid in complete for arg in ("--case", rid)]
    code, _, err, _ = run(["export", *site, "--to", str(outbox), *cases], capsys)
    assert code == EXIT_OK, err
    batch = outbox / "FR-086-000001.cmlbatch"
    forged = tmp_path / "forged" / batch.name
    forged.parent.mkdir()
    forged.write_bytes(revision_past_the_limit(batch.read_bytes(), site_folder))

    as_registry(monkeypatch)
    code, _, err, lines = run(["import", *registry, "--acks", str(acks), str(forged)], capsys)
    assert code == EXIT_FAILED, err
    refusal = HeaderInvalid(
        file=batch.name, problem="the field manifest.records.revision is not valid"
    )
    assert lines == [f"{batch.name}: {refusal.message}"]
    code, _, err, lines = run(["import", *registry, "--acks", str(acks), str(batch)], capsys)
    assert code == EXIT_OK, err
    assert lines[0] == (
        f"{batch.name}: batch 1 of FR-086 imported, {len(complete)} cases accepted, 0 rejected."
    )
    code, _, err, lines = run(["import", *registry, "--acks", str(acks), str(batch)], capsys)
    assert code == EXIT_OK, err
    assert "already imported" in lines[0]
    code, _, err, lines = run(["centres", "list", *registry], capsys)
    assert lines == [f"FR-086  CHU de Test: {len(complete)} cases, batch 1, 0 days ago"]

    store = CentralStore.at_url(pg_database)  # the rows are in PostgreSQL itself
    try:
        with store.read() as session:
            assert session.scalars(select(ReceivedBatch.file_sha256)).all() == [
                sha256_hex(batch.read_bytes())
            ]
            assert session.scalars(select(RefusedBatch.error_code)).all() == [
                "batch.header_invalid"
            ]
    finally:
        store.close()


def test_a_centre_is_registered_only_after_the_fingerprint_is_confirmed(
    world: tuple[World, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from cmlentry.crypto.keyfiles import KeyPairs
    from cmlentry.domain.accounts import SiteDetails

    w, _ = world
    key = tmp_path / "DE-012.cmlkey"
    key.write_bytes(
        KeyPairs.generate("site").key_file(
            SiteDetails("DE", "012", "Klinikum"), "2026-11-21T09:00:00Z"
        )
    )
    as_registry(monkeypatch)
    registry = ["--workspace", str(w.registry_folder)]
    code, _, err, _ = run(["centres", "add", *registry, str(key)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "fingerprint", "--yes")
    code, _, err, lines = run(["centres", "add", *registry, str(key), "--yes"], capsys)
    assert code == EXIT_OK, err
    assert lines[-1] == "Centre DE-012 (Klinikum) is registered."
    code, _, err, lines = run(
        ["centres", "revoke-key", *registry, "DE-012", "--reason", "lost"], capsys
    )
    assert code == EXIT_OK, err


def test_the_coordinators_queries_reach_the_site(
    world: tuple[World, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    w, complete = world
    site, registry = ["--workspace", str(w.site_folder)], ["--workspace", str(w.registry_folder)]
    outbox, acks = tmp_path / "outbox", tmp_path / "acks"
    outbox.mkdir()
    acks.mkdir()
    sign_cases(w, complete[:1])
    as_site(monkeypatch)
    code, _, err, lines = run(["export", *site, "--to", str(outbox)], capsys)  # the signed one
    assert code == EXIT_OK, err
    assert lines[0].startswith("Batch 1 with 1 cases was written")
    as_registry(monkeypatch)
    code, _, err, _ = run(
        ["import", *registry, "--acks", str(acks), *map(str, outbox.iterdir())], capsys
    )
    assert code == EXIT_OK, err

    item = "diagnosis/baseline/1/platelets"
    code, _, err, lines = run(
        ["queries", *registry, "raise", complete[0], "--item", item, "--text", "Platelets?"],
        capsys,
    )
    assert code == EXIT_OK, err
    assert lines[0].endswith(f"on {complete[0]} {item} is raised.")
    assert "cmlentry queries send FR-086 --to DIR" in lines[1]
    query_id = lines[0].split()[1]
    code, _, err, lines = run(["queries", *registry, "--centre", "FR-086"], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith(f"{query_id[:8]}  {complete[0]}  open")
    code, _, err, _ = run(["queries", *registry, "answer", query_id, "--text", "x"], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "answered at the site")
    code, _, err, _ = run(["queries", *registry, "close", query_id[:8]], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "cannot be closed")
    code, _, err, lines = run(["queries", *registry, "send", "FR-086", "--to", str(acks)], capsys)
    assert code == EXIT_OK, err
    assert lines[0] == f"The queries of FR-086 were written to {acks / 'FR-086-000001.cmlack'}."

    as_site(monkeypatch)
    code, _, err, lines = run(["ack", *site, str(acks / "FR-086-000001.cmlack")], capsys)
    assert code == EXIT_OK, err
    assert lines[-1].startswith("Queries of the registry: 1 new, 0 closed or cancelled there")
    code, _, err, lines = run(["queries", *site], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith(f"{query_id[:8]}  {complete[0]}  open")
    assert "raised by Cora Ordinator (registry)" in lines[1]
    code, _, err, _ = run(["queries", *site, "--centre", "FR-086"], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "its own cases")
