"""Users and roles: add, disable, enable, change role, change or reset a password.

Every change is audited: the ORM audit hook records the user's fields, and key-slot changes are
recorded as events in the same transaction. Role checks are here, not in the GUI.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import KeySlot, SlotOpenFailed
from cmlentry.domain import accounts
from cmlentry.domain.roles import ADMIN_ROLES, REGISTRY_ROLES, SITE_ROLES, Permission, Role
from cmlentry.errors import InvalidInput, LastAdmin, UnknownUser, UserExists, WrongCredentials
from cmlentry.services.workspace import UserInfo, Workspace, record_pending
from cmlentry.storage.audit import format_utc
from cmlentry.storage.models import User
from cmlentry.storage.slotfile import SlotFile

log = logging.getLogger(__name__)


class UserService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- reading ------------------------------------------------------------------------------

    def list_users(self) -> list[UserInfo]:
        with self.ws.db.read() as session:
            return [UserInfo.of(u) for u in session.scalars(select(User).order_by(User.username))]

    def get(self, username: str) -> UserInfo:
        with self.ws.db.read() as session:
            return UserInfo.of(self._user(session, username))

    @staticmethod
    def _user(session: Session, username: str) -> User:
        user = session.scalars(
            select(User).where(User.username == username.strip().lower())
        ).one_or_none()
        if user is None:
            raise UnknownUser(username=username)
        return user

    def _check_role(self, role: Role | str) -> Role:
        allowed = SITE_ROLES if self.ws.kind == "site" else REGISTRY_ROLES
        if role not in {r.value for r in allowed}:
            names = ", ".join(sorted(r.value for r in allowed))
            raise InvalidInput(field="The role", why=f"choose one of {names}")
        return Role(role)

    def _new_slot(self, username: str, password: str) -> KeySlot:
        return keyslots.make_user_slot(
            self.ws.workspace_id, username, password, self.ws.database_key(), self.ws.policy
        )

    @staticmethod
    def _refuse_last_admin(session: Session, user: User) -> None:
        admins = session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.active, User.role.in_([r.value for r in ADMIN_ROLES]))
        )
        if (admins or 0) <= 1:
            raise LastAdmin(username=user.username)

    # --- changes ------------------------------------------------------------------------------

    def add_user(
        self, username: str, printed_name: str, role: Role | str, password: str
    ) -> UserInfo:
        """Create a user with a first password that they must change at their first login."""
        self.ws.require(Permission.MANAGE_USERS)
        name = accounts.check_username(username)
        printed = accounts.check_printed_name(printed_name)
        checked_role = self._check_role(role)
        accounts.check_new_password(password, name)
        with self.ws.db.read() as session:
            if session.scalars(select(User).where(User.username == name)).first():
                raise UserExists(username=name)
        slot = self._new_slot(name, password)
        with (
            self.ws.slot_change(name, slot, "key_slot_created") as event,
            self.ws.write() as session,
        ):
            user = User(
                username=name,
                printed_name=printed,
                role=checked_role.value,
                active=True,
                must_change_password=True,
                created_at=format_utc(self.ws.clock()),
            )
            session.add(user)
            session.flush()
            record_pending(session, event)
            info = UserInfo.of(user)
        log.info("user added (role=%s)", checked_role.value)
        return info

    def set_role(self, username: str, role: Role | str, reason: str) -> UserInfo:
        self.ws.require(Permission.MANAGE_USERS)
        checked_role = self._check_role(role)
        with self.ws.write(reason) as session:
            user = self._user(session, username)
            if Role(user.role) in ADMIN_ROLES and checked_role not in ADMIN_ROLES:
                self._refuse_last_admin(session, user)
            user.role = checked_role.value
            return UserInfo.of(user)

    def disable(self, username: str, reason: str) -> UserInfo:
        """Disable a user and delete their key slot: their password no longer opens anything."""
        self.ws.require(Permission.MANAGE_USERS)
        info = self.get(username)
        with (
            self.ws.slot_change(info.username, None, "key_slot_deleted") as event,
            self.ws.write(reason) as session,
        ):
            user = self._user(session, username)
            if user.active and Role(user.role) in ADMIN_ROLES:
                self._refuse_last_admin(session, user)
            user.active = False
            record_pending(session, event)
            return UserInfo.of(user)

    def enable(self, username: str, password: str, reason: str) -> UserInfo:
        """Enable a disabled user with a new first password (changed at their next login)."""
        return self._set_first_password(username, password, reason, enable=True)

    def reset_password(self, username: str, new_password: str, reason: str) -> UserInfo:
        """An administrator sets a first password for someone else (it clears a lock-out)."""
        return self._set_first_password(username, new_password, reason, enable=False)

    def _set_first_password(
        self, username: str, password: str, reason: str, *, enable: bool
    ) -> UserInfo:
        self.ws.require(Permission.MANAGE_USERS)
        name = self.get(username).username
        accounts.check_new_password(password, name)
        slot = self._new_slot(name, password)
        with (
            self.ws.slot_change(name, slot, "password_reset") as event,
            self.ws.write(reason) as session,
        ):
            user = self._user(session, name)
            if enable:
                user.active = True
            user.must_change_password = True
            record_pending(session, event)
            return UserInfo.of(user)

    def change_own_password(self, old_password: str, new_password: str) -> UserInfo:
        """The logged-in user changes their own password (the current one is asked again)."""
        me = self.ws.user
        slot_data = self.ws.slots.slots.get(SlotFile.user_key(me.username))
        try:
            if slot_data is None:
                raise SlotOpenFailed("no slot")
            keyslots.open_slot(KeySlot.from_json(slot_data), self.ws.workspace_id, old_password)
        except SlotOpenFailed:
            raise WrongCredentials(
                "The current password is not right. Type it again; nothing was changed."
            ) from None
        accounts.check_new_password(new_password, me.username)
        if new_password == old_password:
            raise InvalidInput(field="The new password", why="it must differ from the current one")
        slot = self._new_slot(me.username, new_password)
        with (
            self.ws.slot_change(me.username, slot, "password_changed") as event,
            self.ws.write() as session,
        ):
            user = session.get_one(User, me.id)
            user.must_change_password = False
            record_pending(session, event)
            info = UserInfo.of(user)
        self.ws.user = info
        return info
