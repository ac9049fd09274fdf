"""Short runs of the batch harnesses (the long ones: ``make fuzz-batches``,
``make import-kill-harness``; docs/reliability.md).

The mutation run must refuse every byte mutant and accept a re-sealed one only when it is
consistent, import every re-sealed one that verifies with a typed outcome (into SQLite, and into
PostgreSQL when its server answers), and its negative controls must show acceptances and calls
over the time and the memory bound. The kill harness must find
every batch fully in or fully out after SIGKILLs during the import, on SQLite and on PostgreSQL
when its server answers, and its negative control (one transaction per case) must be caught
half in. The checks themselves are shown to see each kind of damage, made by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Executable, delete, insert, select
from sqlalchemy.exc import DataError

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.registry import importer
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.central.models import (
    Acknowledgement,
    CaseVersion,
    CentralCase,
    ReceivedBatch,
)
from tests.batch_world import COORDINATOR, PASSWORD
from tests.central_db import skip_or_fail_without_server

from . import fuzz_batches, import_kill

MUTANTS = 2000
CONTROL_MUTANTS = 200
PG_MUTANTS = 300  # family B only, each that verifies imported into a cloned database
SEED = 20261121
KILLS = 10
CONTROL_KILLS = 12  # an aimed kill of the control left a batch half in at the 1st–2nd try


# --- the mutation run ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the mutation run's world in ``world/``."""
    folder = tmp_path_factory.mktemp("fuzz-batches")
    fuzz_batches.build_world(folder / "world")
    return folder


@pytest.fixture(scope="module")
def mutation_run(fuzz_folder: Path) -> fuzz_batches.Result:
    result = fuzz_batches.campaign(
        fuzz_folder, MUTANTS, SEED, control_mutants=CONTROL_MUTANTS, jobs=2, sample=50,
        template=fuzz_folder / "world",
    )  # fmt: skip
    print(fuzz_batches.report("main", result.main))
    for name, tally in result.controls.items():
        print(fuzz_batches.report(f"control {name}", tally))
    return result


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_every_mutant_is_refused_or_consistent(mutation_run: fuzz_batches.Result) -> None:
    main = mutation_run.main
    report = fuzz_batches.report("main", main)
    assert main.total == MUTANTS
    assert main.mutants["A"] > 0 and main.mutants["B"] > 0
    assert main.accepted["A"] == 0, report
    assert main.inconsistent == 0, report
    assert main.unexpected == 0, report
    assert main.over_bound == 0, report


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_every_verified_mutant_is_imported_with_a_typed_outcome(
    mutation_run: fuzz_batches.Result,
) -> None:
    main = mutation_run.main
    report = fuzz_batches.report("main", main)
    assert main.imported == main.accepted["B"] > 0, report  # each one, into a fresh store
    assert main.import_unexpected == 0, report
    assert main.import_problems == 0, report
    assert main.imports[("sqlite", "imported")] > 0, report
    assert main.import_cases[("sqlite", "accepted")] > 0, report


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_mutants_reach_every_step_of_verification(mutation_run: fuzz_batches.Result) -> None:
    """Family A stops early; family B must get past the signature into the deep checks."""
    refused = {name for _family, name in mutation_run.main.refused}
    for step in ("Truncated", "BadSignature", "HeaderInvalid", "HeaderNotCanonical",
                 "PayloadHashMismatch", "SequenceGap", "PayloadInvalid", "PayloadUnsafe",
                 "PayloadMismatch", "RecordHashMismatch"):  # fmt: skip
        assert step in refused, fuzz_batches.report("main", mutation_run.main)
    assert mutation_run.main.accepted["B"] > 0  # consistent re-sealed files get through


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_refused_mutants_leave_the_store_unchanged(mutation_run: fuzz_batches.Result) -> None:
    main = mutation_run.main
    assert main.sampled >= 10
    assert main.sample_problems == 0, fuzz_batches.report("main", main)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_negative_controls_show_the_harness_sees_acceptances(
    mutation_run: fuzz_batches.Result,
) -> None:
    no_signature = mutation_run.controls["no_signature"]
    no_record_hash = mutation_run.controls["no_record_hash"]
    assert no_signature.accepted["A"] > 0, fuzz_batches.report("control", no_signature)
    assert no_record_hash.inconsistent > 0, fuzz_batches.report("control", no_record_hash)
    assert mutation_run.ok


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_negative_controls_show_the_meter_sees_calls_over_its_bounds(
    mutation_run: fuzz_batches.Result,
) -> None:
    """A planted check that sleeps past 2 s, or holds more than 64 MiB, is caught by the
    meter in every call, and for the bound it breaks only."""
    slow = mutation_run.controls["slow_check"]
    heavy = mutation_run.controls["heavy_check"]
    assert slow.over_time == slow.total > 0, fuzz_batches.report("control", slow)
    assert slow.over_memory == 0, fuzz_batches.report("control", slow)
    assert heavy.over_memory == heavy.total > 0, fuzz_batches.report("control", heavy)
    assert heavy.over_time == 0, fuzz_batches.report("control", heavy)
    assert not slow.clean and not heavy.clean


@pytest.mark.slow
@pytest.mark.postgresql
@pytest.mark.timeout(300)
def test_verified_mutants_import_on_postgresql(fuzz_folder: Path) -> None:
    """Regression: a re-sealed batch with a revision of 2^31 verified and then ended its
    import into PostgreSQL (32-bit revision columns) with an untyped DataError; SQLite took it.
    Family B mutants, each that verifies imported into a database cloned for it."""
    server = skip_or_fail_without_server()
    tally = fuzz_batches.run(
        fuzz_folder / "world", fuzz_folder / "pg", PG_MUTANTS, SEED, jobs=2, families="B",
        sample=0, import_into=("postgresql",), server=server,
    )  # fmt: skip
    report = fuzz_batches.report("family B into PostgreSQL", tally)
    print(report)
    assert tally.mutants["B"] == PG_MUTANTS
    assert tally.imported == tally.accepted["B"] > 0, report
    assert tally.imports[("postgresql", "imported")] > 0, report
    assert tally.import_unexpected == 0, report
    assert tally.import_problems == 0, report
    assert tally.clean, report


def test_the_import_step_counts_an_untyped_exception(
    fuzz_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import of a verified file is counted as imported; a planted untyped exception in
    the importer (as PostgreSQL's DataError was) is counted as unexpected, not passed over."""
    registry = fuzz_batches._Registry(fuzz_folder / "world", tmp_path / "w", ("sqlite",))
    try:
        target = registry.material.target
        ids = [r["id"] for r in registry.material.fields["manifest"]["records"]]
        tally = fuzz_batches.Tally()
        fuzz_batches.import_verified(registry, tally, target, "batch 3", ids)
        assert tally.imports == {("sqlite", "imported"): 1}
        assert tally.import_cases[("sqlite", "accepted")] == len(ids)
        assert tally.import_unexpected == 0 and tally.clean

        def overflow(*args: object, **kwargs: object) -> None:
            raise DataError("INSERT INTO case_versions", {}, ValueError("integer out of range"))

        monkeypatch.setattr(importer.ImportService, "_import", overflow)  # the transaction
        fuzz_batches.import_verified(registry, tally, target, "batch 3", ids)
        assert tally.import_unexpected == 1 and not tally.clean
        assert tally.imports == {("sqlite", "imported"): 1}
        assert "unexpected DataError" in tally.examples[-1]
    finally:
        registry.close()


def test_byte_mutants_are_never_the_original(fuzz_folder: Path) -> None:
    """A no-op mutation would rightly be accepted: the mutator must never hand one out, and a
    seed must make the same mutant every time."""
    world = fuzz_batches._world_at(fuzz_folder / "world")
    material = fuzz_batches.load_material(world, sorted(world.out.glob("*.cmlbatch")))
    valid = {material.target, *material.others}
    for seed in range(300):
        mutant = fuzz_batches.family_a(seed, material)
        assert mutant.data not in valid
        assert fuzz_batches.family_a(seed, material) == mutant


# --- kill -9 during import -----------------------------------------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def kill_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[import_kill.KillWorld]:
    server = skip_or_fail_without_server() if request.param == "postgresql" else None
    folder = tmp_path_factory.mktemp(f"import-kill-{request.param}")
    with import_kill.world_on(
        request.param, server, folder, cases=12, batches=3, seed=SEED
    ) as world:
        yield world


def _backend(world: import_kill.KillWorld) -> str:
    return "sqlite" if world.database_url is None else "postgresql"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_sigkill_leaves_every_batch_fully_in_or_out(kill_world: import_kill.KillWorld) -> None:
    tally = import_kill.campaign(kill_world, KILLS, seed=SEED, backend=_backend(kill_world))
    print(tally.summary())
    assert tally.kills == KILLS
    assert tally.phases["in the import transaction"] >= 2, tally.summary()
    assert tally.total_problems == 0, tally.summary()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_negative_control_is_caught_half_in(kill_world: import_kill.KillWorld) -> None:
    tally = import_kill.campaign(
        kill_world, CONTROL_KILLS, seed=SEED, backend=_backend(kill_world), split=True,
        stop_on_partial=True, chooser=import_kill.aim_at_transaction,
    )  # fmt: skip
    print(tally.summary())
    assert tally.partial_runs >= 1, tally.summary()
    assert tally.child_errors == 0, tally.summary()  # half in because of a kill, not a crash


def test_the_checks_see_each_kind_of_damage(tmp_path: Path) -> None:
    """Without any kill: an import done, then damaged by hand, is named by the right check."""
    world = import_kill.build_world(tmp_path, cases=3, batches=2, seed=SEED, database_url=None)
    child = import_kill.Child(split=False)
    code, killed = import_kill.one_run(child, world, import_kill.Plan(None), import_kill.Pace())
    assert (code, killed) == (0, False), child.stderr_tail
    assert child.statuses() == {1: "imported", 2: "imported"}
    clean = import_kill.inspect(world, {1, 2})
    assert clean.findings() == [] and clean.inside == {1, 2}

    saved = tmp_path / "saved"
    shutil.copytree(world.registry, saved)

    def damage(*statements: Executable) -> import_kill.Report:
        shutil.rmtree(world.registry)
        shutil.copytree(saved, world.registry)
        with open_workspace(world.registry, COORDINATOR, PASSWORD, policy=OWASP_FLOOR) as ws:
            store = open_central_store(ws)
            with store.write() as session:
                for statement in statements:
                    session.execute(statement)
        return import_kill.inspect(world, {1, 2})

    with (
        open_workspace(world.registry, COORDINATOR, PASSWORD, policy=OWASP_FLOOR) as ws,
        open_central_store(ws).read() as session,
    ):
        second = session.scalars(select(ReceivedBatch.id).where(ReceivedBatch.sequence == 2)).one()
        one_version = session.scalars(
            select(CaseVersion.id).where(CaseVersion.batch_id == second).limit(1)
        ).one()

    cases = len(world.facts[1].records)
    half = damage(delete(CaseVersion).where(CaseVersion.id == one_version))
    assert half.states[2] == "partial"
    assert f"{cases - 1} of its {cases} case versions" in half.partial[0]
    assert half.lost == ["batch 2 was committed but is not fully in"]

    no_ack = damage(delete(Acknowledgement).where(Acknowledgement.batch_id == second))
    assert no_ack.states[2] == "partial" and "no acknowledgement" in no_ack.partial[0]
    assert any("is not the stored acknowledgement" in x for x in no_ack.ack_files)

    # The foreign keys keep versions and acknowledgements from outliving their batch row; a case
    # row left behind by a half import is what can be left over.
    orphaned = damage(
        insert(CentralCase).values(
            centre_id=1, registry_id="FR-086-9999-Z", first_seen_at="x", updated_at="x",
            conflicts=0,
        )
    )  # fmt: skip
    assert orphaned.orphans == ["1 central cases without any version"]

    first = world.facts[0].sha256
    hole = damage(
        delete(Acknowledgement).where(Acknowledgement.batch_id != second),
        delete(CaseVersion).where(CaseVersion.batch_id != second),
        delete(ReceivedBatch).where(ReceivedBatch.file_sha256 == first),
    )
    assert hole.order == ["the batches in are [2], not 1 to 1"]

    report = import_kill.Report()
    import_kill.check_statuses(report, {1}, {1: "imported", 2: "imported"})
    assert report.statuses == ["batch 1 came back 'imported', not 'already imported'"]
