"""Backup, restore, key rotation, verification and the workspace summary.

Backups are made with ``sqlcipher_export`` into a new file (never a copy of the live one), then
opened and checked (``integrity_check`` and ``cipher_integrity_check``) before they count. A
backup is a folder: the exported database, a copy of the key slots (so the passwords and the
recovery key of the day open it) and a manifest with the database's SHA-256.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from cmlentry import __version__
from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import KeySlot
from cmlentry.crypto.recovery import new_recovery_key, recovery_secret
from cmlentry.domain.roles import Permission
from cmlentry.errors import (
    BackupDamaged,
    Cancelled,
    CmlentryError,
    InvalidInput,
    NotABackup,
    WorkspaceDamaged,
    WorkspaceExists,
)
from cmlentry.fileio import atomic_write_bytes, fsync_directory, translated_os_errors
from cmlentry.services.workspace import (
    ROTATED_DB_NAME,
    Clock,
    Workspace,
    _remove_partial,
    open_workspace,
    remove_side_files,
)
from cmlentry.storage import migrate
from cmlentry.storage.audit import (
    ChainReport,
    data_mismatches,
    format_utc,
    record_event,
    utc_now,
    verify_chain,
)
from cmlentry.storage.engine import check_file
from cmlentry.storage.models import AuditHead, Site, User
from cmlentry.storage.slotfile import RECOVERY, SlotFile
from cmlentry.storage.workspace import DB_NAME, FULL_CHECKS, SLOTS_NAME, Database, WorkspaceFolder

log = logging.getLogger(__name__)

MANIFEST_NAME = "backup.json"
BACKUP_FORMAT = "cmlentry-backup"
Progress = Callable[[int, int], None]


def _no_progress(_done: int, _total: int) -> None:
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


class RotationFailed(CmlentryError):
    code = "maintenance.rotation_failed"
    template = (
        "The re-keyed copy of the workspace failed its check, so the key rotation was abandoned. "
        "The workspace keeps its old key; nothing was changed."
    )


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    audit_rows: int


@dataclass(frozen=True)
class VerifyReport:
    chain: ChainReport
    data_mismatches: list[str]
    integrity_problems: list[str]

    @property
    def sound(self) -> bool:
        return self.chain.intact and not self.data_mismatches and not self.integrity_problems


@dataclass(frozen=True)
class WorkspaceSummary:
    folder: Path
    workspace_id: str
    kind: str
    country: str
    centre_code: str
    centre_name: str
    created_at: str
    users_active: int
    users_total: int
    audit_rows: int
    schema_revision: str | None
    app_version: str
    sqlcipher_version: str
    database_bytes: int
    read_only: bool


class MaintenanceService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- summary and verification -------------------------------------------------------------

    def summary(self) -> WorkspaceSummary:
        ws = self.ws
        with ws.db.read() as session:
            site = session.get_one(Site, 1)
            users_total = session.scalar(select(func.count()).select_from(User)) or 0
            users_active = session.scalar(select(func.count()).select_from(User).where(User.active))
            rows = session.scalar(select(AuditHead.seq)) or 0
            revision = migrate.current_revision(session.connection())
            return WorkspaceSummary(
                folder=ws.folder.folder,
                workspace_id=ws.workspace_id,
                kind=site.kind,
                country=site.country,
                centre_code=site.centre_code,
                centre_name=site.centre_name,
                created_at=site.created_at,
                users_active=users_active or 0,
                users_total=users_total,
                audit_rows=rows,
                schema_revision=revision,
                app_version=__version__,
                sqlcipher_version=ws.db.cipher_version(),
                database_bytes=ws.folder.db_path.stat().st_size,
                read_only=ws.read_only,
            )

    def verify(self) -> VerifyReport:
        """Walk the audit chain, rebuild the data from it and compare, run both file checks.

        Finds audit rows changed, inserted or removed, and data changed without an audit row.
        """
        self.ws.require(Permission.VERIFY_AUDIT)
        with self.ws.db.read() as session:
            chain = verify_chain(session.connection())
            mismatches = data_mismatches(session)
        problems = self.ws.db.full_check()
        report = VerifyReport(chain, mismatches, problems)
        if not self.ws.read_only:
            with self.ws.write() as session:
                outcome = "intact" if report.sound else "problems found"
                record_event(session, "verify", "audit", None, new=outcome)
        return report

    # --- backup -------------------------------------------------------------------------------

    def backup(
        self,
        destination: Path,
        *,
        progress: Progress = _no_progress,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> BackupResult:
        """Write a checked backup folder inside ``destination``; return where it is."""
        ws = self.ws
        ws.require(Permission.BACKUP)
        destination = destination.expanduser().absolute()
        if destination.resolve().is_relative_to(ws.folder.folder.resolve()):
            raise InvalidInput(
                field="The backup folder", why="choose a place outside the workspace folder"
            )
        with ws.db.read() as session:
            site = session.get_one(Site, 1)
            stamp = format_utc(ws.clock()).replace("-", "").replace(":", "").split(".")[0]
            name = f"cmlentry-backup-{site.country}-{site.centre_code}-{stamp}Z"
            rows = session.scalar(select(AuditHead.seq)) or 0
        final = destination / name
        staging = destination / f".{name}.partial"
        progress(0, 4)
        with translated_os_errors(destination):
            destination.mkdir(parents=True, exist_ok=True)
            if final.exists():
                raise WorkspaceExists(folder=str(final))
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(mode=0o700)
        try:
            with translated_os_errors(destination):
                ws.db.export_to(staging / DB_NAME, ws.database_key())
                _fsync_file(staging / DB_NAME)
                progress(1, 4)
                if cancelled():
                    raise Cancelled()
                slots = SlotFile(ws.workspace_id, ws.kind, dict(ws.slots.slots))
                slots.save(staging / SLOTS_NAME)
                manifest = {
                    "format": BACKUP_FORMAT,
                    "version": 1,
                    "workspace_id": ws.workspace_id,
                    "created_at": format_utc(ws.clock()),
                    "app_version": __version__,
                    "database_sha256": _sha256(staging / DB_NAME),
                    "audit_rows": rows,
                }
                atomic_write_bytes(staging / MANIFEST_NAME, json.dumps(manifest, indent=1).encode())
                progress(2, 4)
                problems = check_file(staging / DB_NAME, ws.database_key(), FULL_CHECKS)
                if problems:
                    raise BackupDamaged(path=str(final), detail=problems[0])
                if cancelled():
                    raise Cancelled()
                os.replace(staging, final)
                fsync_directory(destination)
                progress(3, 4)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        size = (final / DB_NAME).stat().st_size
        with ws.write() as session:
            record_event(session, "backup", "workspace", ws.workspace_id, new=final.name)
        progress(4, 4)
        log.info("backup written (%d bytes)", size)
        return BackupResult(final, size, rows)

    # --- key rotation -------------------------------------------------------------------------

    def rotate_key(self, *, new_recovery: bool = False) -> str | None:
        """Re-key the database with a fresh random key and re-seal every slot to it.

        Steps, each durable before the next: export into ``cmlentry.db.rotated`` under the new
        key and check it; write the slot file with the new key sealed to every slot; replace the
        database file. A crash before the slot file is written leaves the old key in force; a
        crash after it is finished at the next unlock. Returns a new recovery key when asked.
        """
        ws = self.ws
        ws.require(Permission.ROTATE_KEY)
        if ws.read_only:
            raise WorkspaceDamaged()
        folder = ws.folder.folder
        rotated = folder / ROTATED_DB_NAME
        new_key = keyslots.new_database_key()
        recovery_key = new_recovery_key() if new_recovery else None
        with ws.db.exclusive(), translated_os_errors(folder):
            with contextlib.suppress(FileNotFoundError):
                rotated.unlink()
            remove_side_files(rotated)
            try:
                self._write_rotated(rotated, new_key)
                new_slots = self._resealed_slots(new_key, recovery_key)
            except BaseException:
                remove_side_files(rotated)
                with contextlib.suppress(OSError):
                    rotated.unlink()
                raise
            old_slots = dict(ws.slots.slots)
            ws.slots.slots = new_slots
            try:
                ws.save_slots()  # from here on the new key is the workspace's key
            except BaseException:
                ws.slots.slots = old_slots
                remove_side_files(rotated)
                with contextlib.suppress(OSError):
                    rotated.unlink()
                raise
            ws.db.close()
            remove_side_files(ws.folder.db_path)  # step 1 read everything in the old WAL
            remove_side_files(rotated)
            os.replace(rotated, ws.folder.db_path)
            fsync_directory(folder)
            ws.replace_database_key(new_key, Database(ws.folder.db_path, new_key))
        log.info("workspace key rotated")
        return recovery_key

    def _write_rotated(self, rotated: Path, new_key: bytes) -> None:
        """Step 1: the re-keyed copy, with the rotation audited inside it, checked and synced."""
        ws = self.ws
        ws.db.export_to(rotated, new_key)
        fresh = Database(rotated, new_key)
        try:
            with fresh.write(ws.audit()) as session:
                record_event(session, "key_rotation", "workspace", ws.workspace_id)
        finally:
            fresh.close()
        if check_file(rotated, new_key, FULL_CHECKS):
            raise RotationFailed()
        _fsync_file(rotated)

    def _resealed_slots(self, new_key: bytes, recovery_key: str | None) -> dict[str, Any]:
        """Step 2's content: every slot sealed to the new key (a new recovery slot if asked)."""
        ws = self.ws
        new_slots: dict[str, Any] = {}
        for name, data in ws.slots.slots.items():
            slot = KeySlot.from_json(data)
            if name == RECOVERY and recovery_key is not None:
                slot = keyslots.make_recovery_slot(
                    ws.workspace_id, recovery_secret(recovery_key), new_key
                )
            else:
                slot = keyslots.reseal(slot, ws.workspace_id, new_key)
            new_slots[name] = slot.to_json()
        return new_slots


# --- restore ----------------------------------------------------------------------------------


def read_backup_manifest(backup: Path) -> dict[str, object]:
    try:
        manifest = json.loads((backup / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise NotABackup(path=str(backup)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise NotABackup(path=str(backup))
    if not (backup / DB_NAME).is_file() or not (backup / SLOTS_NAME).is_file():
        raise NotABackup(path=str(backup))
    return manifest


def restore(
    backup: Path,
    target: Path,
    username: str,
    password: str,
    *,
    clock: Clock = utc_now,
) -> Workspace:
    """Restore ``backup`` into the new (or empty) folder ``target`` and unlock it.

    The live workspace is never overwritten: ``target`` must not hold anything. The copy is
    checked (SHA-256 against the manifest, ``integrity_check``, ``cipher_integrity_check``) and
    the restore is audited in the restored workspace. On any failure ``target`` is left empty.
    """
    backup = backup.expanduser().absolute()
    manifest = read_backup_manifest(backup)
    if _sha256(backup / DB_NAME) != manifest.get("database_sha256"):
        raise BackupDamaged(path=str(backup), detail="the database does not match its checksum")
    existed = target.expanduser().exists()
    wf = WorkspaceFolder.claim_new(target)
    folder = wf.folder
    try:
        with translated_os_errors(folder):
            shutil.copyfile(backup / DB_NAME, folder / DB_NAME)
            os.chmod(folder / DB_NAME, 0o600)
            _fsync_file(folder / DB_NAME)
            # The copy is what will be used: it is the copy that must match the manifest
            # (a USB stick can return other bytes on a second read).
            if _sha256(folder / DB_NAME) != manifest.get("database_sha256"):
                raise BackupDamaged(
                    path=str(backup), detail="the copy read from it does not match its checksum"
                )
            atomic_write_bytes(folder / SLOTS_NAME, (backup / SLOTS_NAME).read_bytes())
    except BaseException:
        wf.release()
        _remove_partial(folder, remove_folder=not existed)
        raise
    wf.release()
    try:
        ws = open_workspace(folder, username, password, clock=clock)
    except BaseException:
        _remove_partial(folder, remove_folder=not existed)
        raise
    problems = ws.db.full_check()
    if problems or ws.read_only:
        ws.close()
        _remove_partial(folder, remove_folder=not existed)
        raise BackupDamaged(path=str(backup), detail=problems[0] if problems else "quick_check")
    with ws.write() as session:
        record_event(session, "restore", "workspace", ws.workspace_id, new=backup.name)
    log.info("backup restored")
    return ws
