"""Backup, restore, key rotation, verify — including a full disk and a read-only destination."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import KeySlot
from cmlentry.errors import (
    BackupDamaged,
    DiskFull,
    InvalidInput,
    NotABackup,
    ReadOnlyDestination,
    WorkspaceExists,
    WrongRecoveryKey,
)
from cmlentry.services.maintenance import MaintenanceService, restore
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, recover
from cmlentry.storage.engine import DatabaseUnreadable, check_file, connect_raw
from cmlentry.storage.slotfile import SlotFile
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, NURSE_PASSWORD, Site


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A real small file system: full disks and read-only folders, not simulations."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


# --- backup and restore -----------------------------------------------------------------------


def test_backup_then_restore_gives_the_same_data(site: Site, tmp_path: Path) -> None:
    with site.open() as ws:
        UserService(ws).add_user("paul", "Paul PI", "pi", "first-pass-9999")
        result = MaintenanceService(ws).backup(tmp_path / "backups")
        users_then = UserService(ws).list_users()
    assert result.path.parent == tmp_path / "backups"
    assert sorted(p.name for p in result.path.iterdir()) == [
        "backup.json",
        "cmlentry.db",
        "keyslots.json",
    ]
    assert not any(p.name.startswith(".") for p in (tmp_path / "backups").iterdir())
    restored = restore(result.path, tmp_path / "restored", ADMIN, ADMIN_PASSWORD, clock=site.clock)
    with restored as ws:
        assert UserService(ws).list_users() == users_then
        report = MaintenanceService(ws).verify()
        assert report.sound, report
    # The live workspace is untouched and still opens.
    site.open().close()


def test_backup_is_an_export_checked_after_writing(admin_ws: Workspace, tmp_path: Path) -> None:
    result = MaintenanceService(admin_ws).backup(tmp_path)
    db = result.path / "cmlentry.db"
    assert (
        check_file(db, admin_ws.database_key(), ("integrity_check", "cipher_integrity_check")) == []
    )
    assert db.read_bytes() != admin_ws.folder.db_path.read_bytes()  # a new file, new salt
    manifest = json.loads((result.path / "backup.json").read_text())
    assert manifest["workspace_id"] == admin_ws.workspace_id
    assert manifest["audit_rows"] == result.audit_rows


def test_a_pi_may_back_up_but_a_nurse_may_not(site: Site, tmp_path: Path) -> None:
    from cmlentry.errors import NotPermitted

    with site.open(NURSE, NURSE_PASSWORD) as ws, pytest.raises(NotPermitted):
        MaintenanceService(ws).backup(tmp_path)


def test_backup_inside_the_workspace_is_refused(admin_ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="outside the workspace"):
        MaintenanceService(admin_ws).backup(admin_ws.folder.folder / "b")


def test_restore_never_overwrites_a_workspace(site: Site, tmp_path: Path) -> None:
    with site.open() as ws:
        backup = MaintenanceService(ws).backup(tmp_path / "b").path
    before = tree_digest(site.folder)
    with pytest.raises(WorkspaceExists):
        restore(backup, site.folder, ADMIN, ADMIN_PASSWORD)
    assert tree_digest(site.folder) == before


def test_restore_of_a_tampered_backup_is_refused(site: Site, tmp_path: Path) -> None:
    with site.open() as ws:
        backup = MaintenanceService(ws).backup(tmp_path / "b").path
    data = bytearray((backup / "cmlentry.db").read_bytes())
    data[5000] ^= 1
    (backup / "cmlentry.db").write_bytes(bytes(data))
    with pytest.raises(BackupDamaged, match="checksum"):
        restore(backup, tmp_path / "r", ADMIN, ADMIN_PASSWORD)
    assert not (tmp_path / "r").exists()


def test_restore_of_something_that_is_not_a_backup(tmp_path: Path) -> None:
    with pytest.raises(NotABackup):
        restore(tmp_path, tmp_path / "r", ADMIN, ADMIN_PASSWORD)


def test_restore_with_a_wrong_password_leaves_no_folder(site: Site, tmp_path: Path) -> None:
    from cmlentry.errors import WrongCredentials

    with site.open() as ws:
        backup = MaintenanceService(ws).backup(tmp_path / "b").path
    with pytest.raises(WrongCredentials):
        restore(backup, tmp_path / "r", ADMIN, "not-the-password")
    assert not (tmp_path / "r").exists()


def test_backup_onto_a_full_disk(admin_ws: Workspace, tmp_path: Path) -> None:
    before = tree_digest(admin_ws.folder.folder)
    with tmpfs(tmp_path / "small", "size=24k") as small:
        with pytest.raises(DiskFull) as caught:
            MaintenanceService(admin_ws).backup(small)
        assert "not enough free space" in caught.value.message
        assert list(small.iterdir()) == []  # no half backup left behind
    assert tree_digest(admin_ws.folder.folder).keys() == before.keys()
    assert MaintenanceService(admin_ws).verify().sound


def test_backup_onto_a_read_only_folder(admin_ws: Workspace, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=1m") as read_only:
        with pytest.raises(ReadOnlyDestination) as caught:
            MaintenanceService(admin_ws).backup(read_only)
        assert "read-only" in caught.value.message
    assert MaintenanceService(admin_ws).verify().sound


# --- key rotation -----------------------------------------------------------------------------


def test_after_rotation_the_old_key_no_longer_opens_the_workspace(
    site: Site, tmp_path: Path
) -> None:
    old_slots = site.folder.joinpath("keyslots.json").read_bytes()
    with site.open() as ws:
        old_key = ws.database_key()
        assert MaintenanceService(ws).rotate_key() is None
        new_key = ws.database_key()
        assert new_key != old_key
        assert MaintenanceService(ws).verify().sound  # the same session goes on working
    with pytest.raises(DatabaseUnreadable):
        connect_raw(site.folder / "cmlentry.db", old_key).close()
    # An old copy of the slot file with an old password yields only the old key.
    old = SlotFile.from_bytes(old_slots)
    slot = KeySlot.from_json(old.slots["user:admin"])
    assert keyslots.open_slot(slot, old.workspace_id, ADMIN_PASSWORD) == old_key
    # Every user's password and the recovery key still work.
    site.open().close()
    site.open(NURSE, NURSE_PASSWORD).close()
    recover(site.folder, site.recovery_key, NURSE, "after-rotation-1")
    with site.open() as ws:
        assert ws.database_key() == new_key
        assert MaintenanceService(ws).verify().sound


def test_rotation_can_replace_the_recovery_key(site: Site) -> None:
    with site.open() as ws:
        new_recovery = MaintenanceService(ws).rotate_key(new_recovery=True)
    assert new_recovery and new_recovery != site.recovery_key
    with pytest.raises(WrongRecoveryKey):
        recover(site.folder, site.recovery_key, NURSE, "after-rotation-1")
    recover(site.folder, new_recovery, NURSE, "after-rotation-1")


def test_a_nurse_may_not_rotate_the_key(site: Site) -> None:
    from cmlentry.errors import NotPermitted

    with site.open(NURSE, NURSE_PASSWORD) as ws, pytest.raises(NotPermitted):
        MaintenanceService(ws).rotate_key()


def test_a_rotation_cut_short_before_the_slots_were_written_is_discarded(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    with site.open() as ws:
        key = ws.database_key()

        def crash() -> None:
            raise KeyboardInterrupt  # the process dies while writing the slot file

        monkeypatch.setattr(ws, "save_slots", crash)
        with pytest.raises(KeyboardInterrupt):
            MaintenanceService(ws).rotate_key()
    monkeypatch.undo()
    with site.open() as ws:
        assert ws.database_key() == key
        assert not (site.folder / "cmlentry.db.rotated").exists()
        assert MaintenanceService(ws).verify().sound


def test_a_rotation_cut_short_after_the_slots_were_written_is_finished(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cmlentry.services import maintenance

    real_replace = os.replace

    def crash(src: object, dst: object) -> None:
        if str(src).endswith(".rotated"):
            raise KeyboardInterrupt  # the process dies before the rename
        real_replace(src, dst)  # type: ignore[arg-type]

    with site.open() as ws:
        monkeypatch.setattr(maintenance.os, "replace", crash)
        with pytest.raises(KeyboardInterrupt):
            MaintenanceService(ws).rotate_key()
        monkeypatch.undo()
        new_key_slots = SlotFile.load(site.folder / "keyslots.json")
    assert (site.folder / "cmlentry.db.rotated").exists()
    with site.open() as ws:
        slot = KeySlot.from_json(new_key_slots.slots["user:admin"])
        assert ws.database_key() == keyslots.open_slot(slot, ws.workspace_id, ADMIN_PASSWORD)
        assert not (site.folder / "cmlentry.db.rotated").exists()
        report = MaintenanceService(ws).verify()
        assert report.sound, report


def test_verify_reports_a_sound_workspace(admin_ws: Workspace) -> None:
    report = MaintenanceService(admin_ws).verify()
    assert report.sound
    assert report.chain.rows_checked > 10


def test_an_interrupted_rotation_never_deletes_the_only_copy(site: Site) -> None:
    """Review finding: if neither file opens with the slot's key, both are kept."""
    from cmlentry.errors import WorkspaceDamaged

    live = site.folder / "cmlentry.db"
    rotated = site.folder / "cmlentry.db.rotated"
    rotated.write_bytes(b"\0" * 8192)
    site.open().close()  # the live file opens: the stale copy is discarded
    assert not rotated.exists()
    rotated.write_bytes(b"\1" * 8192)
    live_bytes = b"\2" * 8192
    live.write_bytes(live_bytes)
    with pytest.raises(WorkspaceDamaged):
        site.open()
    assert rotated.read_bytes() == b"\1" * 8192 and live.read_bytes() == live_bytes


def test_a_write_inside_a_write_fails_at_once(admin_ws: Workspace) -> None:
    """Review finding: a nested write waited out the busy timeout on its own transaction."""
    with (
        admin_ws.write(),
        pytest.raises(RuntimeError, match="write inside a write"),
        admin_ws.write(),
    ):
        pass
    with admin_ws.write():  # and the lock was released properly
        pass


def test_restore_checks_the_copy_it_made(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review finding: the source was hashed before copying, so a bad second read went
    unnoticed. Fault injection: the copy differs from what was hashed."""
    from cmlentry.services import maintenance

    with site.open() as ws:
        backup = MaintenanceService(ws).backup(tmp_path / "b").path

    def flaky_copy(source: Path, target: Path) -> None:
        data = bytearray(Path(source).read_bytes())
        data[9000] ^= 0x01
        Path(target).write_bytes(bytes(data))

    monkeypatch.setattr(maintenance.shutil, "copyfile", flaky_copy)
    with pytest.raises(BackupDamaged, match="copy read from it"):
        restore(backup, tmp_path / "r", ADMIN, ADMIN_PASSWORD)
    assert not (tmp_path / "r").exists()
