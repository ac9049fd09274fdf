"""Creating, unlocking and recovering a workspace; the :class:`Workspace` every service works on.

Unlocking: the user's key slot opens the database key (Argon2id, see
:mod:`cmlentry.crypto.keyslots`), the database is opened with it and proven readable, migrations
are brought to head, ``PRAGMA quick_check`` runs (on failure the workspace opens read-only), and
the login is audited together with any failed attempts recorded while the database was locked.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import math
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry import __version__
from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import KdfPolicy, KeySlot, SlotOpenFailed
from cmlentry.crypto.recovery import new_recovery_key, recovery_secret
from cmlentry.domain import accounts
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.roles import Permission, Role, allowed, roles_that_may
from cmlentry.errors import (
    AccountDisabled,
    AccountLocked,
    CmlentryError,
    KeySlotsDamaged,
    LoginDelayed,
    NotPermitted,
    PasswordChangeRequired,
    UnknownUser,
    WorkspaceDamaged,
    WorkspaceTooNew,
    WrongCredentials,
    WrongRecoveryKey,
)
from cmlentry.fileio import error_for, fsync_directory
from cmlentry.storage import migrate
from cmlentry.storage.audit import Actor, AuditContext, format_utc, record_event, utc_now
from cmlentry.storage.engine import DatabaseUnreadable, check_file
from cmlentry.storage.models import AuditEvent, Site, User
from cmlentry.storage.slotfile import RECOVERY, SlotFile, SlotFileUnreadable, Throttle
from cmlentry.storage.workspace import DB_NAME, Database, WorkspaceFolder

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
ROTATED_DB_NAME = DB_NAME + ".rotated"
SYSTEM = Actor(user_id=None, username="system", printed_name="cmlentry", role="system")
DEFAULT_POLICY = keyslots.RFC9106_SECOND


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    printed_name: str
    role: Role
    active: bool
    must_change_password: bool

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(
            user.id,
            user.username,
            user.printed_name,
            Role(user.role),
            user.active,
            user.must_change_password,
        )


@dataclass(frozen=True)
class Created:
    """A new workspace, unlocked for its first administrator, and its recovery key (shown once)."""

    workspace: Workspace
    recovery_key: str


class Workspace:
    """An unlocked workspace with its logged-in user. Close it to release the folder lock."""

    def __init__(
        self,
        folder: WorkspaceFolder,
        slots: SlotFile,
        db: Database,
        db_key: bytes,
        user: UserInfo,
        *,
        clock: Clock,
        policy: KdfPolicy,
    ) -> None:
        self.folder = folder
        self.slots = slots
        self.db = db
        self._db_key = db_key
        self.user = user
        self.clock = clock
        self.policy = policy

    # --- identity and permission --------------------------------------------------------------

    @property
    def workspace_id(self) -> str:
        return self.slots.workspace_id

    @property
    def kind(self) -> str:
        return self.slots.kind

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def actor(self) -> Actor:
        return Actor(self.user.id, self.user.username, self.user.printed_name, self.user.role)

    def audit(self, reason: str | None = None) -> AuditContext:
        return AuditContext(self.actor(), __version__, reason, self.clock)

    def require(self, permission: Permission) -> None:
        """Refuse unless the logged-in user's role grants ``permission``."""
        if self.user.must_change_password:
            raise PasswordChangeRequired(username=self.user.username)
        if not allowed(self.user.role, permission):
            needed = " or ".join(role.label for role in roles_that_may(permission))
            raise NotPermitted(role=self.user.role.label, action=permission.value, needed=needed)

    @contextlib.contextmanager
    def write(self, reason: str | None = None) -> Iterator[Session]:
        with self.db.write(self.audit(reason)) as session:
            yield session

    def confirm_identity(self, username: str, password: str, purpose: str) -> None:
        """Check that the signed-in user typed their own user name and password again.

        For an electronic signature (security.md §3): the slot is opened with the password
        (Argon2id, about a second) and must give this workspace's key. A wrong name or password
        counts as a failed attempt of the signed-in user — audited as ``identity_refused`` with
        ``purpose``, throttled and locking the account like failed logins — so a signature cannot
        be guessed at the open screen of a PC left unlocked.

        Raises:
            WrongCredentials: the name or the password is not right.
            LoginDelayed, AccountLocked: too many wrong attempts.
        """
        own = self.user.username
        _check_throttle(self.slots, own, self.clock)
        slot = _slot(self.slots, SlotFile.user_key(own))
        confirmed = False
        if username.strip().lower() == own and slot is not None:
            try:
                key = keyslots.open_slot(slot, self.workspace_id, password)
                confirmed = hmac.compare_digest(key, self._db_key)
            except SlotOpenFailed:
                confirmed = False
        else:
            keyslots.derive_for_timing(password, self.policy)  # the same time either way
        if confirmed:
            if self.slots.throttle.pop(own, None) is not None:
                with contextlib.suppress(CmlentryError):
                    self.save_slots()
            return
        throttle = self.slots.throttle.setdefault(own, Throttle())
        throttle.failures += 1
        throttle.last_failure_at = pending_event("identity_refused", own, self.clock)["at"]
        locked = accounts.is_locked_after(throttle.failures)
        throttle.locked = throttle.locked or locked
        with self.write() as session:
            record_event(
                session, "identity_refused", "user", str(self.user.id), new={"for": purpose}
            )
            if locked:
                record_event(session, "account_locked", "user", str(self.user.id))
        with contextlib.suppress(CmlentryError):
            self.save_slots()  # the audit rows above are the record; the counter is a brake
        log.warning("identity not confirmed (failures=%d)", throttle.failures)
        if locked:
            raise AccountLocked(username=own)
        raise WrongCredentials(attempts_left=accounts.attempts_left(throttle.failures))

    # --- key material: only for the services that re-key or copy the database -----------------

    def database_key(self) -> bytes:
        return self._db_key

    def replace_database_key(self, db_key: bytes, db: Database) -> None:
        self._db_key = db_key
        self.db = db

    def save_slots(self) -> None:
        self.slots.save(self.folder.slots_path)

    def slot_change(
        self, username: str, slot: KeySlot | None, action: str
    ) -> contextlib.AbstractContextManager[dict[str, str]]:
        """See :func:`changed_slot`; the block records the yielded event in its transaction."""
        return changed_slot(self.folder, self.slots, self.clock, username, slot, action)

    def close(self) -> None:
        self.db.close()
        self.folder.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- changing a slot and the database together -------------------------------------------------


def pending_event(action: str, username: str, clock: Clock) -> dict[str, str]:
    """An event written into the slot file, to be recorded in the audit trail (once, by id)."""
    return {
        "id": str(uuid.uuid4()),
        "action": action,
        "username": username,
        "at": format_utc(clock()),
    }


def record_pending(session: Session, event: dict[str, str], *, late: bool = False) -> None:
    """Record a slot-file event in the audit trail, in the caller's transaction."""
    record_event(
        session,
        event["action"],
        "security",
        event["id"],
        field="username",
        new=event["username"],
        reason=f"at {event['at']}" if late else None,
        flags="recorded_late" if late else None,
    )


@contextlib.contextmanager
def changed_slot(
    wf: WorkspaceFolder,
    slots: SlotFile,
    clock: Clock,
    username: str,
    slot: KeySlot | None,
    action: str,
) -> Iterator[dict[str, str]]:
    """Change ``username``'s slot and the database as one unit, as far as two files allow.

    The new slot (or its removal) is written to the slot file *together with* a pending audit
    event, atomically; the block then records that event in its database transaction. A crash
    between the two writes leaves the slot file saying what happened, and the next login
    records the event from there (:func:`_flush_pending_events`) and removes any slot without
    an active user. If the block fails, the old slot is put back. A full disk refuses the whole
    change before anything is committed.
    """
    key = SlotFile.user_key(username)
    old = slots.slots.get(key)
    old_throttle = slots.throttle.pop(username, None)  # a new slot starts afresh
    event = pending_event(action, username, clock)

    def put_back() -> None:
        _set_slot(slots, key, old)
        if old_throttle is not None:
            slots.throttle[username] = old_throttle
        if event in slots.pending_events:
            slots.pending_events.remove(event)

    _set_slot(slots, key, slot.to_json() if slot else None)
    slots.pending_events.append(event)
    try:
        slots.save(wf.slots_path)
    except BaseException:
        put_back()
        raise
    try:
        yield event
    except BaseException:
        put_back()
        try:
            slots.save(wf.slots_path)
        except CmlentryError:
            # The file keeps the new slot with its pending event: the next login records
            # exactly what the file says, so the trail and the slots still agree.
            log.error("could not put the old key slot back after a failed change")
        raise
    slots.pending_events.remove(event)
    with contextlib.suppress(CmlentryError):
        slots.save(wf.slots_path)  # if not, the next login finds the event recorded and drops it


def _set_slot(slots: SlotFile, key: str, value: dict[str, Any] | None) -> None:
    if value is None:
        slots.slots.pop(key, None)
    else:
        slots.slots[key] = value


# --- creating ---------------------------------------------------------------------------------


def create_workspace(
    folder: Path,
    site: SiteDetails,
    admin_username: str,
    admin_printed_name: str,
    password: str,
    *,
    kind: str = "site",
    clock: Clock = utc_now,
    policy: KdfPolicy = DEFAULT_POLICY,
) -> Created:
    """Make a new workspace in ``folder`` (new or empty) with its first administrator.

    Returns the workspace unlocked for that administrator and the recovery key, which is shown
    once and never stored. On any failure the folder is left as it was found.
    """
    username = accounts.check_username(admin_username)
    printed_name = accounts.check_printed_name(admin_printed_name)
    accounts.check_new_password(password, username)
    role = Role.SITE_ADMIN if kind == "site" else Role.COORDINATOR
    existed = folder.expanduser().exists()
    wf = WorkspaceFolder.claim_new(folder)
    try:
        ws = _create_in(wf, site, username, printed_name, password, role, kind, clock, policy)
    except BaseException:
        wf.release()
        _remove_partial(wf.folder, remove_folder=not existed)
        raise
    log.info("workspace created (kind=%s)", kind)
    return ws


def _create_in(
    wf: WorkspaceFolder,
    site: SiteDetails,
    username: str,
    printed_name: str,
    password: str,
    role: Role,
    kind: str,
    clock: Clock,
    policy: KdfPolicy,
) -> Created:
    db: Database | None = None
    try:
        workspace_id = str(uuid.uuid4())
        db_key = keyslots.new_database_key()
        recovery_key = new_recovery_key()
        slots = SlotFile(workspace_id=workspace_id, kind=kind)
        slots.slots[SlotFile.user_key(username)] = keyslots.make_user_slot(
            workspace_id, username, password, db_key, policy
        ).to_json()
        slots.slots[RECOVERY] = keyslots.make_recovery_slot(
            workspace_id, recovery_secret(recovery_key), db_key
        ).to_json()
        # Created empty with owner-only permissions; SQLite gives its WAL the same mode.
        os.close(os.open(wf.db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        db = Database(wf.db_path, db_key)
        db.migrate()
        now = format_utc(clock())
        with db.write(AuditContext(SYSTEM, __version__, None, clock)) as session:
            session.add(
                Site(
                    id=1,
                    workspace_id=workspace_id,
                    kind=kind,
                    country=site.country,
                    centre_code=site.centre_code,
                    centre_name=site.centre_name,
                    created_at=now,
                )
            )
            admin = User(
                username=username,
                printed_name=printed_name,
                role=role.value,
                active=True,
                must_change_password=False,
                created_at=now,
            )
            session.add(admin)
            session.flush()
            record_event(session, "workspace_created", "site", "1", new=workspace_id)
            user = UserInfo.of(admin)
        # The slot file is written last: a folder without it is not a workspace, so a crash
        # before this point leaves nothing that could be half-opened.
        slots.save(wf.slots_path)
    except OSError as exc:
        if db is not None:
            db.close()
        raise error_for(exc, wf.folder) from exc
    except BaseException:
        if db is not None:
            db.close()
        raise
    ws = Workspace(wf, slots, db, db_key, user, clock=clock, policy=policy)
    return Created(ws, recovery_key)


def _remove_partial(folder: Path, *, remove_folder: bool) -> None:
    for path in sorted(folder.glob("*"), reverse=True) + sorted(folder.glob(".*")):
        with contextlib.suppress(OSError):
            path.unlink()
    if remove_folder:
        with contextlib.suppress(OSError):
            folder.rmdir()


# --- unlocking --------------------------------------------------------------------------------


def remove_side_files(db_path: Path) -> None:
    """Remove a database file's WAL and shared-memory files (only once it is closed)."""
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + suffix).unlink()


def _load_slots(wf: WorkspaceFolder) -> SlotFile:
    try:
        return SlotFile.load(wf.slots_path)
    except SlotFileUnreadable as exc:
        raise KeySlotsDamaged() from exc


def _slot(slots: SlotFile, key: str) -> KeySlot | None:
    data = slots.slots.get(key)
    if data is None:
        return None
    try:
        return KeySlot.from_json(data)
    except ValueError as exc:
        raise KeySlotsDamaged() from exc


def _open_database(wf: WorkspaceFolder, db_key: bytes) -> Database:
    """Open the database with ``db_key``, finishing a key rotation a crash interrupted."""
    rotated = wf.folder / ROTATED_DB_NAME
    if rotated.exists():
        # Decide by which file the slot's key opens; never delete the only readable copy.
        if not check_file(rotated, db_key, ("quick_check",)):
            # The slots already hold the new key: the rotation got past its last durable step
            # but the rename did not happen. The old file's WAL belongs to the old key.
            remove_side_files(wf.db_path)
            remove_side_files(rotated)
            os.replace(rotated, wf.db_path)
            fsync_directory(wf.folder)
            log.warning("finished a key rotation that was interrupted")
        elif not check_file(wf.db_path, db_key, ("quick_check",)):
            remove_side_files(rotated)
            rotated.unlink()
            log.warning("discarded an unfinished key rotation")
        else:
            log.error("neither the database nor the rotated copy opens with this key")
            raise WorkspaceDamaged()
    try:
        db = Database(wf.db_path, db_key)
        with db.engine.connect() as conn:
            revision = migrate.current_revision(conn)
    except DatabaseUnreadable as exc:
        raise WorkspaceDamaged() from exc
    if revision not in migrate.known_revisions():
        db.close()
        raise WorkspaceTooNew()
    if not db.quick_check():
        db.read_only = True
        log.error("quick_check failed: the workspace is read-only")
        return db
    if revision != migrate.head_revision():
        db.migrate()
    return db


def _record_failure(wf: WorkspaceFolder, slots: SlotFile, username: str, clock: Clock) -> int:
    throttle = slots.throttle.setdefault(username, Throttle())
    throttle.failures += 1
    event = pending_event("login_failed", username, clock)
    throttle.last_failure_at = event["at"]
    slots.pending_events.append(event)
    if accounts.is_locked_after(throttle.failures) and not throttle.locked:
        throttle.locked = True
        slots.pending_events.append(pending_event("account_locked", username, clock))
    slots.save(wf.slots_path)
    log.warning("failed login (failures=%d)", throttle.failures)
    return throttle.failures


def _unknown_user(
    wf: WorkspaceFolder, slots: SlotFile, password: str, policy: KdfPolicy, clock: Clock
) -> None:
    """A login under a name that has no slot costs the same Argon2id time as a wrong password
    (no timing tells which names exist) and is audited — without the name, which may be
    anything typed into the wrong field."""
    keyslots.derive_for_timing(password, policy)
    slots.pending_events.append(pending_event("login_failed_unknown_user", "", clock))
    with contextlib.suppress(CmlentryError):
        slots.save(wf.slots_path)


def _check_throttle(slots: SlotFile, username: str, clock: Clock) -> None:
    throttle = slots.throttle.get(username)
    if throttle is None:
        return
    if throttle.locked:
        raise AccountLocked(username=username)
    wait = accounts.delay_after(throttle.failures)
    if wait and throttle.last_failure_at:
        last = datetime.strptime(throttle.last_failure_at, "%Y-%m-%dT%H:%M:%S.%fZ")
        ready = last.replace(tzinfo=clock().tzinfo) + timedelta(seconds=wait)
        remaining = (ready - clock()).total_seconds()
        if remaining > 0:
            raise LoginDelayed(seconds=math.ceil(remaining))


def _flush_pending_events(session: Session, slots: SlotFile) -> list[dict[str, str]]:
    """Record the slot file's pending events in the audit trail (each once, by its id).

    They are failed logins and lock-outs (which happen while the database is locked) and slot
    changes whose database transaction a crash cut off. Returns the events handled; the caller
    removes them from the slot file once its transaction has committed.
    """
    pending = list(slots.pending_events)
    if not pending:
        return []
    ids = [event["id"] for event in pending]
    already = set(
        session.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.entity == "security", AuditEvent.entity_id.in_(ids)
            )
        )
    )
    for event in pending:
        if event["id"] not in already:
            record_pending(session, event, late=True)
    return pending


def _remove_orphan_slots(session: Session, slots: SlotFile) -> list[str]:
    """Delete (and audit) slots whose user has no active row: left by a crash in ``user add``,
    or an old slot file put back after a user was disabled."""
    active = set(session.scalars(select(User.username).where(User.active)))
    orphans = [
        key
        for key, data in slots.slots.items()
        if data.get("kind") == "user" and key.removeprefix("user:") not in active
    ]
    for key in orphans:
        record_event(
            session,
            "key_slot_removed",
            "security",
            None,
            field="username",
            new=key.removeprefix("user:"),
            reason="no active user for this key slot",
        )
    return orphans


def open_workspace(
    folder: Path,
    username: str,
    password: str,
    *,
    clock: Clock = utc_now,
    policy: KdfPolicy = DEFAULT_POLICY,
) -> Workspace:
    """Unlock ``folder`` as ``username``. Every refusal is a typed error; nothing is changed
    except the failed-attempt counter in the slot file."""
    username = username.strip().lower()
    wf = WorkspaceFolder.open_existing(folder)
    try:
        slots = _load_slots(wf)
        _check_throttle(slots, username, clock)
        slot = _slot(slots, SlotFile.user_key(username))
        if slot is None:
            _unknown_user(wf, slots, password, policy, clock)
            raise WrongCredentials(
                "The user name or password is not right. Check both and try again."
            )
        try:
            db_key = keyslots.open_slot(slot, slots.workspace_id, password)
        except SlotOpenFailed:
            failures = _record_failure(wf, slots, username, clock)
            if accounts.is_locked_after(failures):
                raise AccountLocked(username=username) from None
            raise WrongCredentials(attempts_left=accounts.attempts_left(failures)) from None
        db = _open_database(wf, db_key)
        try:
            ws = _login(wf, slots, db, db_key, username, password, slot, clock, policy)
        except BaseException:
            db.close()
            raise
    except BaseException:
        wf.release()
        raise
    return ws


def _login(
    wf: WorkspaceFolder,
    slots: SlotFile,
    db: Database,
    db_key: bytes,
    username: str,
    password: str,
    slot: KeySlot,
    clock: Clock,
    policy: KdfPolicy,
) -> Workspace:
    with db.read() as session:
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        info = UserInfo.of(user) if user else None
    if info is None:
        # A slot without a user row: a crash between writing a slot and the user's row.
        raise WrongCredentials("The user name or password is not right. Check both and try again.")
    if not info.active:
        raise AccountDisabled(username=username)
    ws = Workspace(wf, slots, db, db_key, info, clock=clock, policy=policy)
    if db.read_only:
        return ws
    with ws.write() as session:
        handled = _flush_pending_events(session, slots)
        record_event(session, "login", "user", str(info.id))
        orphans = _remove_orphan_slots(session, slots)
    if handled or orphans or username in slots.throttle:
        slots.pending_events = [e for e in slots.pending_events if e not in handled]
        for key in orphans:
            slots.slots.pop(key, None)
        slots.throttle.pop(username, None)
        with contextlib.suppress(CmlentryError):
            ws.save_slots()  # if not, the next login finds all of it recorded and retries
    if slot.kdf_policy is None or not slot.kdf_policy.meets(policy):
        upgraded = keyslots.make_user_slot(slots.workspace_id, username, password, db_key, policy)
        with ws.slot_change(username, upgraded, "key_slot_upgraded") as event, ws.write() as s:
            record_pending(s, event)
    log.info("login (role=%s)", info.role.value)
    return ws


# --- recovery ---------------------------------------------------------------------------------


def recover(
    folder: Path,
    recovery_key: str,
    username: str,
    new_password: str,
    *,
    clock: Clock = utc_now,
    policy: KdfPolicy = DEFAULT_POLICY,
) -> None:
    """Set a new password for ``username`` with the recovery key (clears a lock-out)."""
    secret = recovery_secret(recovery_key)
    username = username.strip().lower()
    accounts.check_new_password(new_password, username)
    wf = WorkspaceFolder.open_existing(folder)
    try:
        slots = _load_slots(wf)
        slot = _slot(slots, RECOVERY)
        if slot is None:
            raise KeySlotsDamaged()
        try:
            db_key = keyslots.open_slot(slot, slots.workspace_id, secret)
        except SlotOpenFailed:
            # 140 random bits cannot be guessed, but every attempt is still audited.
            slots.pending_events.append(pending_event("recovery_failed", username, clock))
            with contextlib.suppress(CmlentryError):
                slots.save(wf.slots_path)
            raise WrongRecoveryKey() from None
        db = _open_database(wf, db_key)
        try:
            with db.read() as session:
                user = session.scalars(select(User).where(User.username == username)).one_or_none()
                if user is None:
                    raise UnknownUser(username=username)
                info = UserInfo.of(user)
            if not info.active:
                raise AccountDisabled(username=username)  # a removed user keeps no slot
            new_slot = keyslots.make_user_slot(
                slots.workspace_id, username, new_password, db_key, policy
            )
            actor = Actor(None, "recovery-key", "holder of the recovery key", "recovery")
            with (
                changed_slot(wf, slots, clock, username, new_slot, "password_recovered") as event,
                db.write(AuditContext(actor, __version__, None, clock)) as session,
            ):
                record_pending(session, event)
                handled = _flush_pending_events(session, slots)  # failed logins, lock-out
                if info.must_change_password:
                    session.get_one(User, info.id).must_change_password = False
            slots.pending_events = [e for e in slots.pending_events if e not in handled]
            with contextlib.suppress(CmlentryError):
                slots.save(wf.slots_path)
        finally:
            db.close()
    finally:
        wf.release()
    log.info("password set with the recovery key")


__all__ = [
    "CmlentryError",
    "Created",
    "UserInfo",
    "Workspace",
    "create_workspace",
    "open_workspace",
    "recover",
]
