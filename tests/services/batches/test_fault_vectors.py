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
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.services.registry.errors import AlreadyImported
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import Workspace
from cmlentry.storage.central.models import CentralBase, RefusedBatch
from cmlentry.storage.central.store import CentralStore
from tests.conftest import FakeClock
from tests.harness.batch_forge import Kit, Situation, build_kit
from tests.harness.batch_vectors import (
    CASE_VECTORS,
    CASES_BEGIN,
    CASES_END,
    CONTROLS,
    PAGE,
    PAGE_BEGIN,
    PAGE_END,
    REJECTED_BECAUSE,
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


class Registries:
    """The registry workspaces the vectors meet: one shared for "fresh", a copy for the rest.

    A refusal changes nothing but ``refused_batches``, which no check reads, so the vectors that
    need only the registered centre share one open workspace (opening one costs a key
    derivation). Any other outcome, or an exception, retires it: the next vector gets a new copy.
    """

    def __init__(self, kit: Kit, folder: Path) -> None:
        self.kit, self.folder = kit, folder
        self.shared: tuple[Workspace, CentralStore] | None = None
        self.made = 0

    def _open(self, situation: Situation) -> tuple[Workspace, CentralStore]:
        self.made += 1
        folder = self.kit.registry_copy(situation, self.folder / f"{self.made}-{situation}")
        ws = self.kit.open_registry(folder)
        return ws, open_central_store(ws)

    @staticmethod
    def _close(opened: tuple[Workspace, CentralStore]) -> None:
        opened[1].close()
        opened[0].close()

    @contextlib.contextmanager
    def open(self, situation: Situation) -> Iterator[tuple[Workspace, CentralStore]]:
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
            self.retire_shared()
            raise

    def retire_shared(self) -> None:
        if self.shared is not None:
            self._close(self.shared)
            self.shared = None


@pytest.fixture(scope="module")
def registries(kit: Kit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registries]:
    opened = Registries(kit, tmp_path_factory.mktemp("registries"))
    yield opened
    opened.retire_shared()


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
        if outcome.status != "refused":
            registries.retire_shared()
        if verify and data is not None:
            result.verified = True
            try:
                service.verify(data, path.name)
            except BatchRefused as exc:
                result.again = exc
    return result


def _param(vector: Vector) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=vector.bug)] if vector.bug else []
    return pytest.param(vector, id=vector.name, marks=marks)


@pytest.mark.parametrize("vector", [_param(v) for v in VECTORS])
def test_vector_is_refused_with_its_error(
    kit: Kit, registries: Registries, vector: Vector, tmp_path: Path
) -> None:
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
        assert outcome.ack_path.read_bytes() == kit.acks[outcome.sequence]
    else:
        assert outcome.status == "refused"
        refused = RefusedBatch.__tablename__
        new_rows = set(after.pop(refused)) - set(before.pop(refused))
        assert after == before
        assert len(new_rows) == 1 and repr(vector.expected.code) in new_rows.pop()
        assert result.acks == []
    if result.verified:  # the same verdict from the verification alone
        assert type(result.again) is vector.expected


@pytest.mark.parametrize("name", list(CONTROLS))
def test_control_file_with_nothing_wrong_is_imported(
    kit: Kit, registries: Registries, name: str, tmp_path: Path
) -> None:
    build, situation = CONTROLS[name]
    result = run(kit, registries, build, situation, tmp_path, verify=False)
    outcome = result.outcome

    assert outcome.status == "imported", outcome.error
    assert outcome.error is None
    assert outcome.accepted == len(outcome.answers) > 0
    assert result.acks == [outcome.ack_path]
    assert result.after != result.before


@pytest.mark.parametrize("vector", [pytest.param(v, id=v.name) for v in CASE_VECTORS])
def test_case_vector_is_imported_with_its_case_alone_rejected(
    kit: Kit, registries: Registries, vector: CaseVector, tmp_path: Path
) -> None:
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
