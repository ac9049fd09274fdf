"""A batch's whole journey on both central backends: export, import, acknowledgement, and the
sequence rules of docs/batch-format.md §6 (replay, gap, fork, rollback) with real files.

Single faults of the file itself are the test kit's (test_fault_vectors.py); this module checks
what the services do with sound files in the wrong situation, and that nothing half-happens.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cmlentry.crypto import container
from cmlentry.domain.values import Entry
from cmlentry.errors import NotPermitted
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.errors import (
    BatchWriteFailed,
    CaseNotReady,
    CaseUnchanged,
    NotASite,
    NothingToExport,
)
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.identities import IdentityService
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService, missing_words
from cmlentry.services.registry.errors import (
    NotARegistry,
    SequenceFork,
    SequenceGap,
    SequenceRollback,
)
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.storage.central.models import CaseVersion, CentralCase, ReceivedBatch
from tests.batch_world import ADMIN, PASSWORD, World, make_world
from tests.conftest import FakeClock
from tests.services.test_maintenance import tmpfs

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    return make_world(tmp_path, FakeClock(), cases=6, database_url=database_url)


def export(world: World, ids: list[str] | None = None, folder: Path | None = None) -> Path:
    with world.site() as ws:
        return ExportService(ws).export(folder or world.out, ids).path


def import_(world: World, *paths: Path) -> list:  # type: ignore[type-arg]
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            return ImportService(ws, store).import_files(list(paths), world.out)
        finally:
            store.close()


def central_counts(world: World) -> tuple[int, int, int]:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            with store.read() as s:
                return (
                    s.scalar(select(func.count()).select_from(ReceivedBatch)) or 0,
                    s.scalar(select(func.count()).select_from(CentralCase)) or 0,
                    s.scalar(select(func.count()).select_from(CaseVersion)) or 0,
                )
        finally:
            store.close()


def change_a_value(world: World, candidates: list[str]) -> str:
    """Reword the reason of an overridden warning in a complete case, with a reason for the
    change, as a nurse would; the case stays complete. Returns the case changed."""
    with world.site(ADMIN, PASSWORD) as ws:
        cases = CaseService(ws)
        for registry_id in candidates:
            for form_id, form in cases.get_case(registry_id).forms.items():
                for group_id, rows in form.groups.items():
                    for index, row in enumerate(rows):
                        for item, entry in row.entries.items():
                            if entry.override is None:
                                continue
                            entries = dict(row.entries)
                            entries[item] = Entry(entry.value, entry.missing, "checked again")
                            new_rows = list(rows)
                            new_rows[index] = RowData(row.key, entries)
                            groups = {**form.groups, group_id: new_rows}
                            cases.save_form(registry_id, form_id, groups, "reason reworded")
                            return registry_id
    raise AssertionError("no overridden warning in these cases")


def test_export_import_acknowledge(world: tuple[World, list[str]]) -> None:
    w, complete = world
    path = export(w, complete)
    with w.site() as ws:
        statuses = {c.registry_id: c.status for c in CaseService(ws).list_cases()}
        kept = ExportService(ws).batches()[0]
    assert {statuses[r] for r in complete} == {"exported"}
    assert container.sha256_hex(path.read_bytes()) == kept.file_sha256

    [outcome] = import_(w, path)
    assert outcome.status == "imported", outcome.error
    assert (outcome.site, outcome.sequence, outcome.accepted) == ("FR-086", 1, len(complete))
    assert central_counts(w) == (1, len(complete), len(complete))
    with w.registry() as ws:
        store = open_central_store(ws)
        [centre] = CentreService(ws, store).centres()
        store.close()
    assert (centre.code, centre.last_sequence, len(centre.missing), centre.days_since_last) == (
        "FR-086", 1, 0, 0,
    )  # fmt: skip

    assert outcome.ack_path is not None
    with w.site() as ws:
        result = AckService(ws).read(outcome.ack_path)
        again = AckService(ws).read(outcome.ack_path)
        statuses = {c.registry_id: c.status for c in CaseService(ws).list_cases()}
    assert (result.accepted, result.rejected, result.acknowledged) == (
        len(complete),
        (),
        len(complete),
    )
    assert again.already_read and again.acknowledged == 0
    assert {statuses[r] for r in complete} == {"acknowledged"}


def test_the_same_batch_twice_changes_nothing(world: tuple[World, list[str]]) -> None:
    w, complete = world
    path = export(w, complete)
    [first] = import_(w, path)
    before = central_counts(w)
    ack = first.ack_path.read_bytes()
    first.ack_path.unlink()
    [second] = import_(w, path)
    assert second.status == "already imported"
    assert type(second.error).__name__ == "AlreadyImported"
    assert central_counts(w) == before
    assert second.ack_path.read_bytes() == ack  # the very same acknowledgement, written again


def test_a_changed_case_goes_again_as_a_new_version(world: tuple[World, list[str]]) -> None:
    w, complete = world
    first = export(w, complete)
    import_(w, first)
    with w.site() as ws, pytest.raises(CaseUnchanged):
        ExportService(ws).export(w.out, [complete[0]])  # sent as it is: nothing to send
    changed = change_a_value(w, complete)
    with w.site() as ws:
        [candidate] = [c for c in ExportService(ws).candidates() if c.registry_id == changed]
    assert candidate.status == "complete" and candidate.changed_since_sent
    second = export(w, [changed])
    [outcome] = import_(w, second)
    assert (outcome.status, outcome.accepted) == ("imported", 1)
    assert central_counts(w) == (2, len(complete), len(complete) + 1)


def test_gap_is_refused_and_shown_until_the_missing_batch_comes(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    one, two, three = (export(w, [rid]) for rid in complete[:3])
    import_(w, one)
    [gap] = import_(w, three)
    assert isinstance(gap.error, SequenceGap)
    assert "2" in gap.error.message
    assert central_counts(w)[0] == 1
    with w.registry() as ws:
        store = open_central_store(ws)
        [centre] = CentreService(ws, store).centres()
        store.close()
    assert centre.missing == range(2, 3)
    outcomes = import_(w, three, two)  # dropped in the wrong order: taken in chain order
    assert [o.status for o in outcomes] == ["imported", "imported"]
    assert central_counts(w)[0] == 3


def test_fork_and_rollback_from_a_copied_site(
    world: tuple[World, list[str]], tmp_path: Path
) -> None:
    w, complete = world
    copy = tmp_path / "site-copy"
    shutil.copytree(w.site_folder, copy)  # as if restored from a backup made now
    import_(w, export(w, [complete[0]]), export(w, [complete[1]]))
    twin = World(copy, w.registry_folder, w.out, w.clock)
    other = tmp_path / "other"
    other.mkdir()
    forked_one = export(twin, [complete[2]], other)
    forked_two = export(twin, [complete[0]], other)
    [rollback] = import_(w, forked_one)
    [fork] = import_(w, forked_two)
    assert isinstance(rollback.error, SequenceRollback)
    assert isinstance(fork.error, SequenceFork)
    assert central_counts(w)[0] == 2
    with w.registry() as ws:
        store = open_central_store(ws)
        [centre] = CentreService(ws, store).centres()
        store.close()
    assert centre.refused_forks == 2


def test_who_may_do_what_and_refusals_that_change_nothing(
    world: tuple[World, list[str]], tmp_path: Path
) -> None:
    w, complete = world
    with w.site() as ws:
        service = ExportService(ws)
        with pytest.raises(NothingToExport):  # nothing is signed yet (issue 6)
            service.export(w.out)
        draft = next(c.registry_id for c in service.candidates() if c.status == "draft")
        with pytest.raises(CaseNotReady):
            service.export(w.out, [draft])
        assert service.batches() == []
        with pytest.raises(NotARegistry):
            ImportService(ws, store=None).import_files([], w.out)  # type: ignore[arg-type]
    with w.registry() as ws, pytest.raises(NotASite):
        ExportService(ws).candidates()
    missing = tmp_path / "no-such-folder"
    with w.site() as ws:
        service = ExportService(ws)
        with pytest.raises(BatchWriteFailed) as raised:
            service.export(missing, complete[:1])
        assert "Batch 1 is made and kept" in raised.value.message
        path = service.write_again(1, w.out)
        assert container.sha256_hex(path.read_bytes()) == service.batches()[0].file_sha256


def test_nurse_may_not_export(world: tuple[World, list[str]]) -> None:
    w, complete = world
    from cmlentry.services.users import UserService

    with w.site(ADMIN, PASSWORD) as ws:
        UserService(ws).add_user("nora", "Nora Nurse", "nurse", "first-pass-1234")
    with w.site("nora", "first-pass-1234") as ws:
        UserService(ws).change_own_password("first-pass-1234", "nurse-pass-0815")
    with w.site("nora", "nurse-pass-0815") as ws, pytest.raises(NotPermitted):
        ExportService(ws).export(w.out, complete)


def test_no_identifying_data_in_a_batch(world: tuple[World, list[str]]) -> None:
    w, complete = world
    with w.site(ADMIN, PASSWORD) as ws:
        IdentityService(ws).set(complete[0], "Zyxwvutson", "Quirinella", "1950-03-14", "HN-99173")
        pairs = KeyService(ws).site_key_pairs()
        site_keys = KeyService(ws).site_public_keys()
    path = export(w, complete)
    data = path.read_bytes()
    preamble = container.read_preamble(data, kind="batch", file=path.name)
    trusted = container.TrustedKey(site_keys.key_id, "FR-086", site_keys.signing_key())
    key = container.verify_signature(
        data, preamble, trusted=lambda _k: trusted, recipient_key_id=preamble.recipient_key_id,
        file=path.name,
    )  # fmt: skip
    header = container.parse_header(data, preamble, key, file=path.name)
    odm = container.decrypt(header, key_id=site_keys.key_id, private_key=pairs.agreement, file="x")
    for secret in (b"Zyxwvutson", b"Quirinella", b"1950-03-14", b"HN-99173"):
        assert secret not in odm and secret not in data
    assert b"FR-086-" in odm  # the decryption and the search are real


def test_a_far_gap_is_shown_as_one_run_of_numbers(world: tuple[World, list[str]]) -> None:
    """A batch numbered 2**31 - 1 after batch 1 (the kit's sequence.gap_far) is refused; the
    centre's status then names the missing run without listing two thousand million numbers."""
    w, complete = world
    import_(w, export(w, complete[:1]))
    far = 2**31 - 1
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            # Recorded as the importer records the refusal of that file.
            refusal = SequenceGap(
                file="FR-086-far.cmlbatch", sequence=far, site="FR-086", last=1,
                missing=missing_words(range(2, far)),
            )  # fmt: skip
            ImportService(ws, store)._record_refusal(b"far", refusal)
            [centre] = CentreService(ws, store).centres()
        finally:
            store.close()
    assert centre.missing == range(2, far)
    assert (len(centre.missing), missing_words(centre.missing)) == (far - 2, f"2–{far - 1}")
    assert f"these batches are missing: 2–{far - 1}." in refusal.message
    assert (missing_words(range(3, 4)), missing_words(range(3, 3))) == ("3", "")


def test_a_full_or_read_only_stick_keeps_the_batch_to_write_again(tmp_path: Path) -> None:
    """Real small file systems (tmpfs): the batch is made and kept, nothing half-written is
    left on the medium, and the same bytes go out later."""
    w, complete = make_world(tmp_path / "world", FakeClock(), cases=3)
    with tmpfs(tmp_path / "full", "size=64k") as full:
        (full / "photos.bin").write_bytes(bytes(60 * 1024))  # the stick is nearly full
        with w.site() as ws, pytest.raises(BatchWriteFailed) as raised:
            ExportService(ws).export(full, complete[:2])
        assert "Batch 1 is made and kept" in raised.value.message
        assert sorted(p.name for p in full.iterdir()) == ["photos.bin"]
    with tmpfs(tmp_path / "locked", "ro,size=1m") as locked:
        with w.site() as ws, pytest.raises(BatchWriteFailed) as raised:
            ExportService(ws).write_again(1, locked)
        assert list(locked.iterdir()) == []
    with w.site() as ws:
        service = ExportService(ws)
        [kept] = service.batches()
        statuses = {c.registry_id: c.status for c in service.candidates()}
        path = service.write_again(1, w.out)
    assert container.sha256_hex(path.read_bytes()) == kept.file_sha256
    assert kept.case_count == 2 and {statuses[r] for r in complete[:2]} == {"exported"}


class _Stop(Exception):
    """Raised from the progress callback, as the wizard's Cancel does."""


def test_export_reports_progress_through_every_step_and_stops_in_each(tmp_path: Path) -> None:
    """Three steps a case (read, written as ODM, read back) and one after COMMIT: the bar moves
    during the whole export, and a stop at any step before COMMIT leaves no batch."""
    w, complete = make_world(tmp_path / "world", FakeClock(), cases=4)
    chosen = complete[:2]
    total = 3 * len(chosen) + 1
    for stop_at in range(1, total):  # every step before the COMMIT
        seen: list[tuple[int, int]] = []

        def report(done: int, of: int, stop_at: int = stop_at, seen: list = seen) -> None:  # type: ignore[type-arg]
            seen.append((done, of))
            if done == stop_at:
                raise _Stop

        with w.site() as ws, pytest.raises(_Stop):
            ExportService(ws).export(w.out, chosen, progress=report)
        assert seen == [(done, total) for done in range(1, stop_at + 1)]
        with w.site() as ws:
            assert ExportService(ws).batches() == []
            statuses = {c.registry_id: c.status for c in ExportService(ws).candidates()}
        assert {statuses[r] for r in chosen} == {"complete"}
        assert list(w.out.glob("*.cmlbatch")) == []
    seen = []
    with w.site() as ws:
        made = ExportService(ws).export(w.out, chosen, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(done, total) for done in range(1, total + 1)]
    assert made.sequence == 1 and made.path.exists()
