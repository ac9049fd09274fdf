"""The single-fault kit (docs/batch-test-kit.md): every vector refused with exactly its error.

The world is built once per module (:func:`tests.harness.batch_forge.build_kit`); each vector
gets a fresh copy of the registry workspace in the situation it needs, is imported with
:meth:`ImportService.import_file` and checked again with :meth:`ImportService.verify`. A refusal
must leave every central table as it was but ``refused_batches``, which gains the one row that
names the error; a replay changes nothing at all and writes the same acknowledgement again.
Control files made by the same forging tools with nothing wrong must be imported, so a vector
is refused for its one fault and not for a slip of the tools. A case vector is a sound batch
one of whose cases carries a PI signature that does not hold: imported, that case alone
rejected, its version kept and flagged.

The checks of the import itself (sequence and chain against the stored batches, the refusal
row, the one transaction, the store's column types) run again on a PostgreSQL registry: the
sequence and chain vectors, the header vectors of the numbers the store keeps, every control
and case vector. Each situation is a database cloned from a template built by the kit's own
steps (skipped without a server, failed with ``CMLENTRY_REQUIRE_POSTGRES=1``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import create_engine, select

from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.services.registry.errors import AlreadyImported
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import Workspace
from cmlentry.storage.central.models import CaseVersion, CentralBase, CentralCase, RefusedBatch
from cmlentry.storage.central.store import CentralStore
from tests.central_db import _drop_database, skip_or_fail_without_server
from tests.conftest import FakeClock
from tests.harness.batch_forge import (
    FRESH_STEP,
    SITUATION_STEPS,
    Kit,
    Situation,
    build_kit,
    clone_database,
    database_url,
)
from tests.harness.batch_vectors import (
    CASE_VECTORS,
    CASES_BEGIN,
    CASES_END,
    CONTROLS,
    PAGE,
    PAGE_BEGIN,
    PAGE_END,
    REJECTED_BECAUSE,
    STORED_INT_LIMIT,
    VECTORS,
    Build,
    CaseVector,
    Vector,
    case_table,
    markdown_table,
    page_table,
)

FORMAT_PAGE = PAGE.with_name("batch-format.md")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return build_kit(tmp_path_factory.mktemp("kit"), FakeClock())


class Registries(Protocol):
    """Where a vector is imported: a registry workspace and its central store in a situation."""

    acks: dict[int, bytes]  # the acknowledgements its batches 1 and 2 got, by sequence

    def open(self, situation: Situation) -> contextlib.AbstractContextManager[Opened]: ...

    def retire(self, situation: Situation) -> None:
        """The registry in ``situation`` changed: the next vector gets a new one."""


Opened = tuple[Workspace, CentralStore]


class SqliteRegistries:
    """The registry workspaces the vectors meet: one shared for "fresh", a copy for the rest.

    A refusal changes nothing but ``refused_batches``, which no check reads, so the vectors that
    need only the registered centre share one open workspace (opening one costs a key
    derivation). Any other outcome, or an exception, retires it: the next vector gets a new copy.
    """

    def __init__(self, kit: Kit, folder: Path) -> None:
        self.kit, self.folder = kit, folder
        self.acks = kit.acks
        self.shared: Opened | None = None
        self.made = 0

    def _open(self, situation: Situation) -> Opened:
        self.made += 1
        folder = self.kit.registry_copy(situation, self.folder / f"{self.made}-{situation}")
        ws = self.kit.open_registry(folder)
        return ws, open_central_store(ws)

    @staticmethod
    def _close(opened: Opened) -> None:
        opened[1].close()
        opened[0].close()

    @contextlib.contextmanager
    def open(self, situation: Situation) -> Iterator[Opened]:
        if situation != "fresh":
            opened = self._open(situation)
            try:
                yield opened
            finally:
                self._close(opened)
            return
        if self.shared is None:
            self.shared = self._open("fresh")
        try:
            yield self.shared
        except BaseException:
            self.retire("fresh")
            raise

    def retire(self, situation: Situation) -> None:
        if situation == "fresh" and self.shared is not None:
            self._close(self.shared)
            self.shared = None


class PostgresRegistries:
    """The same situations in PostgreSQL databases.

    Each situation is built once as a template database by the kit's own steps
    (:data:`~tests.harness.batch_forge.SITUATION_STEPS`: register, import batch 1, ...) and
    cloned (``CREATE DATABASE … TEMPLATE``, a copy made by the server) into the database the
    vectors meet. As on SQLite, refusals share that clone (they change nothing a check reads);
    an import or an exception retires it, and the next vector gets a new clone. The registry
    workspace that imports (its keys, its user, its audit trail) is one copy of the kit's; its
    central store is the clone.
    """

    def __init__(self, kit: Kit, folder: Path, server: str) -> None:
        self.kit, self.server = kit, server
        self.acks: dict[int, bytes] = {}  # this store's own, sealed at its imports
        self.admin = create_engine(server, isolation_level="AUTOCOMMIT")
        self.ws = kit.open_registry(kit.registry_copy("fresh", folder / "registry"))
        self.templates: dict[Situation, str] = {}
        self.shared: dict[Situation, tuple[str, CentralStore]] = {}

    def template(self, situation: Situation) -> str:
        """The template database of ``situation``, built (with those it comes from) once."""
        if situation not in self.templates:
            if situation == "fresh":
                source, step = None, FRESH_STEP
            else:
                before, step = SITUATION_STEPS[situation]
                source = self.template(before)
            self.templates[situation] = clone_database(self.admin, source)
            store = CentralStore.at_url(database_url(self.server, self.templates[situation]))
            try:
                step(self.kit, self.ws, store, self.acks)
            finally:
                store.close()  # a template takes no connections, or it cannot be cloned
        return self.templates[situation]

    @contextlib.contextmanager
    def open(self, situation: Situation) -> Iterator[Opened]:
        if situation not in self.shared:
            name = clone_database(self.admin, self.template(situation))
            try:
                self.shared[situation] = name, CentralStore.at_url(database_url(self.server, name))
            except BaseException:
                _drop_database(self.admin, name)
                raise
        try:
            yield self.ws, self.shared[situation][1]
        except BaseException:
            self.retire(situation)
            raise

    def retire(self, situation: Situation) -> None:
        if situation in self.shared:
            name, store = self.shared.pop(situation)
            store.close()
            _drop_database(self.admin, name)

    def close(self) -> None:
        try:
            for situation in list(self.shared):
                self.retire(situation)
            for name in self.templates.values():
                _drop_database(self.admin, name)
        finally:
            self.ws.close()
            self.admin.dispose()


@pytest.fixture(scope="module")
def registries(kit: Kit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteRegistries]:
    opened = SqliteRegistries(kit, tmp_path_factory.mktemp("registries"))
    yield opened
    opened.retire("fresh")


@pytest.fixture(scope="module")
def pg_registries(
    kit: Kit, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PostgresRegistries]:
    server = skip_or_fail_without_server()
    opened = PostgresRegistries(kit, tmp_path_factory.mktemp("pg-registries"), server)
    try:
        yield opened
    finally:
        opened.close()


Snapshot = dict[str, list[str]]


def snapshot(store: CentralStore) -> Snapshot:
    """Every row of every central table, as text, in a stable order."""
    with store.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in CentralBase.metadata.sorted_tables
        }


@dataclass
class Run:
    outcome: ImportOutcome
    before: Snapshot
    after: Snapshot
    acks: list[Path]  # the files in the acknowledgement folder afterwards
    verified: bool = False  # ImportService.verify was run on the bytes too
    again: BatchRefused | None = None  # what it raised
    stored: list[tuple[str, int, int | None]] | None = None  # (case, revision, base) kept


def run(
    kit: Kit,
    registries: Registries,
    build: Build,
    situation: Situation,
    tmp_path: Path,
    *,
    verify: bool,
) -> Run:
    """Import the file ``build`` makes into the registry in ``situation``, then verify it."""
    made = build(kit)
    if isinstance(made, Path):
        path, data = made, None
    else:
        path = tmp_path / "FR-086-000001.cmlbatch"
        path.write_bytes(made)
        data = made
    acks = tmp_path / "acks"
    acks.mkdir()
    with registries.open(situation) as (ws, store):
        service = ImportService(ws, store)
        before = snapshot(store)
        outcome = service.import_file(path, acks)
        result = Run(outcome, before, snapshot(store), sorted(acks.iterdir()))
        if verify and data is not None:
            result.verified = True
            try:
                service.verify(data, path.name)
            except BatchRefused as exc:
                result.again = exc
        if outcome.status != "refused":
            result.stored = stored_revisions(store)
            registries.retire(situation)
    return result


def stored_revisions(store: CentralStore) -> list[tuple[str, int, int | None]]:
    """Every case version the store holds: (case, revision, base revision), read back."""
    query = select(CentralCase.registry_id, CaseVersion.revision, CaseVersion.base_revision).join(
        CentralCase, CaseVersion.case_id == CentralCase.id
    )
    with store.read() as session:
        return sorted((rid, rev, base) for rid, rev, base in session.execute(query))


def _param(vector: Vector) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=vector.bug)] if vector.bug else []
    return pytest.param(vector, id=vector.name, marks=marks)


def check_refused(kit: Kit, registries: Registries, vector: Vector, tmp_path: Path) -> None:
    """``vector`` is refused with its error, changing nothing but one refusal row (§6)."""
    result = run(kit, registries, vector.build, vector.situation, tmp_path, verify=True)
    outcome, before, after = result.outcome, result.before, result.after

    assert type(outcome.error) is vector.expected, outcome.error
    if vector.names is not None:  # §6: HeaderInvalid names the field
        assert vector.names in str(outcome.error.params["problem"])
    if vector.expected is AlreadyImported:
        assert outcome.status == "already imported"
        assert after == before
        assert outcome.ack_path is not None and outcome.sequence is not None
        assert result.acks == [outcome.ack_path]
        assert outcome.ack_path.read_bytes() == registries.acks[outcome.sequence]
    else:
        assert outcome.status == "refused"
        refused = RefusedBatch.__tablename__
        new_rows = set(after.pop(refused)) - set(before.pop(refused))
        assert after == before
        assert len(new_rows) == 1 and repr(vector.expected.code) in new_rows.pop()
        assert result.acks == []
    if result.verified:  # the same verdict from the verification alone
        assert type(result.again) is vector.expected


def check_control(kit: Kit, registries: Registries, name: str, tmp_path: Path) -> Run:
    """Control file ``name`` (nothing wrong) is imported, every case accepted."""
    build, situation = CONTROLS[name]
    result = run(kit, registries, build, situation, tmp_path, verify=False)
    outcome = result.outcome

    assert outcome.status == "imported", outcome.error
    assert outcome.error is None
    assert outcome.accepted == len(outcome.answers) > 0
    assert result.acks == [outcome.ack_path]
    assert result.after != result.before
    return result


def check_case_vector(kit: Kit, registries: Registries, vector: CaseVector, tmp_path: Path) -> None:
    """The batch of ``vector`` is imported with its one case rejected, its version kept."""
    result = run(kit, registries, vector.build, vector.situation, tmp_path, verify=False)
    outcome = result.outcome

    assert outcome.status == "imported", outcome.error
    ids = [a.registry_id for a in outcome.answers]
    [rejected] = outcome.rejected
    assert rejected.registry_id == ids[vector.case]
    assert rejected.reason is not None and REJECTED_BECAUSE in rejected.reason
    assert outcome.accepted == len(ids) - 1
    versions = set(result.after["case_versions"]) - set(result.before["case_versions"])
    flagged = [v for v in versions if "'rejected'" in v]
    assert len(versions) == len(ids) and len(flagged) == 1
    assert f'"id":"{ids[vector.case]}"' in flagged[0]  # its record is kept, flagged
    assert result.acks == [outcome.ack_path]


def check_revision_at_limit(kit: Kit, registries: Registries, tmp_path: Path) -> None:
    result = check_control(kit, registries, "revision_at_limit", tmp_path)
    first = result.outcome.answers[0].registry_id
    assert result.stored is not None
    assert (first, STORED_INT_LIMIT, STORED_INT_LIMIT - 1) in result.stored


# --- SQLite: the registry's own workspace file -------------------------------------------------


@pytest.mark.parametrize("vector", [_param(v) for v in VECTORS])
def test_vector_is_refused_with_its_error(
    kit: Kit, registries: SqliteRegistries, vector: Vector, tmp_path: Path
) -> None:
    check_refused(kit, registries, vector, tmp_path)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_control_file_with_nothing_wrong_is_imported(
    kit: Kit, registries: SqliteRegistries, name: str, tmp_path: Path
) -> None:
    check_control(kit, registries, name, tmp_path)


@pytest.mark.parametrize("vector", [pytest.param(v, id=v.name) for v in CASE_VECTORS])
def test_case_vector_is_imported_with_its_case_alone_rejected(
    kit: Kit, registries: SqliteRegistries, vector: CaseVector, tmp_path: Path
) -> None:
    check_case_vector(kit, registries, vector, tmp_path)


def test_revisions_at_the_limit_are_stored_exactly(
    kit: Kit, registries: SqliteRegistries, tmp_path: Path
) -> None:
    check_revision_at_limit(kit, registries, tmp_path)


# --- PostgreSQL: the same checks where the import's own checks run on the server ---------------

# The checks made against the store (step 6), and the header's numbers the store keeps (a
# batch's sequence and record count, a case's revision and base revision).
_ON_POSTGRESQL = ("sequence.", "chain.", "header.range.sequence.", "header.range.record")


def on_postgresql(vector: Vector) -> bool:
    return vector.name.startswith(_ON_POSTGRESQL)


PG_VECTORS = [v for v in VECTORS if on_postgresql(v)]


@pytest.mark.postgresql
@pytest.mark.parametrize("vector", [_param(v) for v in PG_VECTORS])
def test_vector_is_refused_on_postgresql(
    kit: Kit, pg_registries: PostgresRegistries, vector: Vector, tmp_path: Path
) -> None:
    """Regression (``header.range.record.revision.2_pow_31``): a revision of 2^31 passed the
    header check, then failed the import with an untyped DataError on PostgreSQL only, whose
    revision columns are 32-bit."""
    check_refused(kit, pg_registries, vector, tmp_path)


@pytest.mark.postgresql
@pytest.mark.parametrize("name", list(CONTROLS))
def test_control_file_is_imported_on_postgresql(
    kit: Kit, pg_registries: PostgresRegistries, name: str, tmp_path: Path
) -> None:
    check_control(kit, pg_registries, name, tmp_path)


@pytest.mark.postgresql
@pytest.mark.parametrize("vector", [pytest.param(v, id=v.name) for v in CASE_VECTORS])
def test_case_vector_on_postgresql(
    kit: Kit, pg_registries: PostgresRegistries, vector: CaseVector, tmp_path: Path
) -> None:
    check_case_vector(kit, pg_registries, vector, tmp_path)


@pytest.mark.postgresql
def test_revisions_at_the_limit_are_stored_exactly_on_postgresql(
    kit: Kit, pg_registries: PostgresRegistries, tmp_path: Path
) -> None:
    """The largest revision and base revision the header allows fit the store's 32-bit
    columns and come back as sent (the limit is not set too low)."""
    check_revision_at_limit(kit, pg_registries, tmp_path)


MUST_RUN_ON_POSTGRESQL = (
    "sequence.replay_1", "sequence.rollback", "sequence.gap_far", "sequence.fork_2",
    "chain.broken", "header.range.sequence.2_pow_31", "header.range.record.revision.2_pow_31",
    "header.range.record.base.2_pow_31",
)  # fmt: skip


def test_postgresql_runs_the_import_time_checks() -> None:
    """The PostgreSQL run covers replay, rollback, gap, fork, chain and the number limits."""
    names = {v.name for v in PG_VECTORS}
    assert set(MUST_RUN_ON_POSTGRESQL) <= names, set(MUST_RUN_ON_POSTGRESQL) - names


def test_kit_has_at_least_100_vectors_with_unique_names() -> None:
    names = [v.name for v in [*VECTORS, *CASE_VECTORS]]
    assert len(names) >= 100
    assert len(set(names)) == len(names)


def test_every_refusal_of_the_format_page_has_a_vector() -> None:
    """Each error named in §6 of docs/batch-format.md is what some vector expects."""
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    section = text.split("## 6.", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ")]
    documented = {
        name for line in table for name in re.findall(r"`([A-Z][A-Za-z]+)`", line.split("|")[3])
    }
    expected = {v.expected.__name__ for v in VECTORS}
    assert documented, "no error names found in §6"
    assert documented <= expected, sorted(documented - expected)


def test_kit_page_table_is_the_kit() -> None:
    """docs/batch-test-kit.md lists exactly these vectors (``--write`` puts them there)."""
    page = PAGE.read_text(encoding="utf-8")
    assert PAGE_BEGIN in page and PAGE_END in page
    assert page_table(page) == markdown_table()
    assert page_table(page, CASES_BEGIN, CASES_END) == case_table()
