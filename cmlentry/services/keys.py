"""The workspace's keys: the site's own key set and the registry key it trusts.

A site workspace holds its own key set (Ed25519 batch signing, X25519 archive), made once at
set-up, and trusts at most one registry key set at a time (X25519 batches are encrypted to,
Ed25519 acknowledgements are checked with). Each key is one row of ``workspace_keys``; the rows of
one set share its key id, so a row's ``key_id`` is ``<set key id>:<purpose>`` (the column is
unique). Private halves are kept only there, inside the encrypted database, and are not an
audited field: the audit trail travels with every batch.

Every change goes through ``Workspace.write`` so the audit trail records the rows (purpose, key
id, public key, owner, active) and an event naming the fingerprint. Only a site administrator
changes keys; anyone signed in may read the public ones. See docs/keys.md.
"""

from __future__ import annotations

import base64
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, defer

from cmlentry.crypto import keyfiles
from cmlentry.crypto.keyfiles import KeyPairs, KeyRole, Owner, PublicKeySet, RegistryOwner
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.roles import Role
from cmlentry.errors import CmlentryError, NotPermitted, PasswordChangeRequired
from cmlentry.fileio import atomic_write_bytes
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import record_event
from cmlentry.storage.models import Site, WorkspaceKey

log = logging.getLogger(__name__)

MANAGE_KEYS = "manage the workspace's keys"


# --- errors -------------------------------------------------------------------------------------


class NoSiteKey(CmlentryError):
    code = "keys.no_site_key"
    template = (
        "This workspace has no site key, so it cannot sign batches. It was set up before site "
        "keys existed: call your registry's support. Nothing was changed."
    )


class SiteKeyExists(CmlentryError):
    code = "keys.site_key_exists"
    template = (
        "This workspace already has its site key (fingerprint {fingerprint}); a site has one. "
        "Nothing was changed."
    )


class NotASiteWorkspace(CmlentryError):
    code = "keys.not_a_site"
    template = (
        "This is a registry workspace: site keys and trusted registry keys belong to a site's "
        "workspace. Nothing was changed."
    )


class NotARegistryWorkspace(CmlentryError):
    code = "keys.not_registry"
    template = (
        "This is a site's workspace; only a registry coordinator's workspace (made with "
        "'cmlentry init --registry') holds the registry's keys. Nothing was changed."
    )


class KeyFileChanged(CmlentryError):
    code = "keys.file_changed"
    template = (
        "The key file {file} changed after its fingerprint was shown. Check the new fingerprint "
        "with the registry before trusting it; nothing was changed."
    )


class StoredKeysDamaged(CmlentryError):
    code = "keys.store_damaged"
    template = (
        "The keys stored in this workspace do not fit together, so they are not used. Restore "
        "the last good backup with 'cmlentry restore' and call your registry's support."
    )


class ExportTargetExists(CmlentryError):
    code = "keys.export_target_exists"
    template = (
        "{file} already exists and is not this site's key file. Choose another name; nothing "
        "was changed."
    )


# --- what the interfaces see ---------------------------------------------------------------------


@dataclass(frozen=True)
class KeyInfo:
    """A key set as people see it: who holds it, its fingerprint, and when it was made.

    ``purpose`` names what the set's two keys are for, joined by ``+``:
    ``site-signing+site-archive`` or ``registry-signing+registry-encryption``.
    """

    key_id: str
    role: KeyRole
    purpose: str
    owner: str
    fingerprint: str
    created_at: str

    @classmethod
    def of(cls, keys: PublicKeySet) -> KeyInfo:
        return cls(
            key_id=keys.key_id,
            role=keys.role,
            purpose="+".join(keys.purposes),
            owner=keys.owner_label,
            fingerprint=keys.fingerprint,
            created_at=keys.created_at,
        )


def inspect_key_file(path: Path, *, expected_role: KeyRole | None = None) -> KeyInfo:
    """Read and check a key file without a workspace (the set-up wizard's registry page)."""
    return KeyInfo.of(keyfiles.read_key_file(path, expected_role=expected_role))


def site_key_file_name(site: SiteDetails) -> str:
    """The usual name of a site's public key file: ``FR-086-site.cmlkey``."""
    return f"{site.country}-{site.centre_code}-site{keyfiles.SUFFIX}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _row_key_id(set_key_id: str, purpose: str) -> str:
    return f"{set_key_id}:{purpose}"


def _without_private() -> Select[WorkspaceKey]:
    """Key rows without their private halves: those are read only to sign, never to list."""
    return select(WorkspaceKey).options(defer(WorkspaceKey.private_key, raiseload=True))


# --- the service ----------------------------------------------------------------------------------


class KeyService:
    """The site's key set and the trusted registry key of one unlocked workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- permission ---------------------------------------------------------------------------

    def may_manage_keys(self) -> bool:
        """True when the signed-in user may make, trust or export keys (the GUI hides the rest)."""
        return self.ws.user.role == Role.SITE_ADMIN and not self.ws.user.must_change_password

    def require_key_admin(self) -> None:
        """Refuse unless the signed-in user is a site administrator in a site workspace."""
        if self.ws.user.must_change_password:
            raise PasswordChangeRequired(username=self.ws.user.username)
        if self.ws.kind != "site":
            raise NotASiteWorkspace()
        if self.ws.user.role != Role.SITE_ADMIN:
            raise NotPermitted(
                role=self.ws.user.role.label, action=MANAGE_KEYS, needed=Role.SITE_ADMIN.label
            )

    # --- reading ------------------------------------------------------------------------------

    def site_key(self) -> KeyInfo:
        """The site's own key set; :class:`NoSiteKey` if it has none."""
        return KeyInfo.of(self.site_public_keys())

    def registry_key(self) -> KeyInfo | None:
        """The registry key set this site trusts now, or None before one is trusted."""
        keys = self.registry_public_keys()
        return None if keys is None else KeyInfo.of(keys)

    def inspect(self, path: Path) -> KeyInfo:
        """Read and check the key file at ``path`` (any role); nothing is changed."""
        return inspect_key_file(path)

    def site_public_keys(self) -> PublicKeySet:
        """The public half of the site's key set (for the batch services)."""
        with self.ws.db.read() as session:
            found = self._active_set(session, "site")
            if found is None:
                raise NoSiteKey()
            return found

    def registry_public_keys(self) -> PublicKeySet | None:
        """The trusted registry's public keys (for the batch services), or None."""
        with self.ws.db.read() as session:
            return self._active_set(session, "registry")

    def site_key_pairs(self) -> KeyPairs:
        """The site's key set with its private halves: for the batch services only.

        Never hand the result to a widget or a log; it lives as long as one signing does.
        """
        return self._own_pairs("site")

    def registry_key_pairs(self) -> KeyPairs:
        """A registry workspace's own key set with its private halves (imports and acks only)."""
        if self.ws.kind != "registry":
            raise NoSiteKey()
        return self._own_pairs("registry")

    def _own_pairs(self, role: KeyRole) -> KeyPairs:
        with self.ws.db.read() as session:
            keys = self._active_set(session, role)
            if keys is None:
                raise NoSiteKey()
            rows = self._rows(session, keys.key_id, role, with_private=True)
            signing, agreement = (rows[purpose] for purpose in keyfiles.PURPOSES[role])
            if signing.private_key is None or agreement.private_key is None:
                raise StoredKeysDamaged()
            try:
                pairs = KeyPairs.from_private_halves(
                    role, _unb64(signing.private_key), _unb64(agreement.private_key)
                )
            except ValueError:
                raise StoredKeysDamaged() from None
        if pairs.key_id != keys.key_id:
            raise StoredKeysDamaged()
        return pairs

    def make_registry_keys(self, name: str) -> KeyInfo:
        """Make a registry workspace's key set (once, at ``init --registry``).

        The X25519 half receives batches, the Ed25519 half signs acknowledgements; the private
        halves stay in the encrypted database.
        """
        if self.ws.kind != "registry" or self.ws.user.role != Role.COORDINATOR:
            raise NotARegistryWorkspace()
        with self.ws.db.read() as session:
            existing = self._active_set(session, "registry")
        if existing is not None:
            raise SiteKeyExists(fingerprint=existing.fingerprint)
        pairs = keyfiles.generate_registry_keys()
        keys = pairs.public(RegistryOwner(name), keyfiles.key_time(self.ws.clock()))
        with self.ws.write("registry key set made") as session:
            self._add_rows(session, keys, pairs)
            record_event(session, "registry_keys_made", "key", keys.key_id, new=keys.fingerprint)
        log.info("registry key set made")
        return KeyInfo.of(keys)

    def export_registry_public_key(self, dest: Path) -> KeyInfo:
        """Write a registry workspace's public key file to ``dest`` (a file or a folder)."""
        if self.ws.kind != "registry":
            raise NotARegistryWorkspace()
        keys = self.registry_public_keys()
        if keys is None:
            raise NoSiteKey()
        pairs = self.registry_key_pairs()
        data = pairs.key_file(keys.owner, keys.created_at)
        return self._export(dest, data, keys, "registry.cmlkey", "registry_key_exported")

    def site_public_key_bytes(self) -> bytes:
        """The site's public key file, as sent to the registry (the same bytes every time)."""
        pairs = self.site_key_pairs()
        keys = self.site_public_keys()
        return pairs.key_file(self._site_details(), keys.created_at)

    # --- changes ------------------------------------------------------------------------------

    def make_site_keys(self, site: SiteDetails) -> KeyInfo:
        """Make the site's key set (once, at set-up); the private halves stay in the database.

        Raises:
            NotPermitted: the user is not a site administrator.
            SiteKeyExists: the workspace has its key set already.
        """
        self.require_key_admin()
        with self.ws.db.read() as session:
            existing = self._active_set(session, "site")
        if existing is not None:
            raise SiteKeyExists(fingerprint=existing.fingerprint)
        pairs = keyfiles.generate_site_keys()
        keys = pairs.public(site, keyfiles.key_time(self.ws.clock()))
        with self.ws.write("site key set made") as session:
            self._add_rows(session, keys, pairs)
            record_event(session, "site_keys_made", "key", keys.key_id, new=keys.fingerprint)
        log.info("site key set made")
        return KeyInfo.of(keys)

    def trust_registry_key(
        self, path: Path, *, expected_key_id: str | None = None, reason: str | None = None
    ) -> KeyInfo:
        """Trust the registry key file at ``path``; an earlier registry key is deactivated.

        Args:
            path: the registry's ``.cmlkey`` file.
            expected_key_id: the key id whose fingerprint the person compared; if the file now
                holds another key, it is refused (:class:`KeyFileChanged`).
            reason: recorded in the audit trail (a default says what happened).

        Trusting the key already trusted changes nothing. Raises a :class:`KeyFileError` for a
        bad file, :class:`NotPermitted` for anyone but a site administrator.
        """
        self.require_key_admin()
        keys = keyfiles.read_key_file(path, expected_role="registry")
        if expected_key_id is not None and keys.key_id != expected_key_id:
            raise KeyFileChanged(file=str(path))
        with self.ws.db.read() as session:
            current = self._active_set(session, "registry")
        if current is not None and current.key_id == keys.key_id:
            return KeyInfo.of(keys)
        if reason is None:
            reason = "registry key trusted" if current is None else "registry key replaced"
        with self.ws.write(reason) as session:
            for row in session.scalars(
                _without_private().where(
                    WorkspaceKey.active,
                    WorkspaceKey.purpose.in_(keyfiles.PURPOSES["registry"]),
                )
            ):
                row.active = False
            known = self._rows(session, keys.key_id, "registry", active=None)
            if known:  # trusted before, then replaced: trusted again
                for row in known.values():
                    row.active = True
            else:
                self._add_rows(session, keys, None)
            record_event(
                session,
                "registry_key_trusted",
                "key",
                keys.key_id,
                old=None if current is None else current.fingerprint,
                new=keys.fingerprint,
            )
        log.info("registry key trusted (replaced one: %s)", current is not None)
        return KeyInfo.of(keys)

    def export_site_public_key(self, dest: Path) -> KeyInfo:
        """Write the site's public key file to ``dest`` (a file, or a folder to put it in).

        Written atomically; an existing file is replaced only if it is this very key file, so no
        other file is ever overwritten. The export is audited.
        """
        self.require_key_admin()
        data = self.site_public_key_bytes()
        keys = self.site_public_keys()
        name = site_key_file_name(self._site_details())
        return self._export(dest, data, keys, name, "site_key_exported")

    def _export(
        self, dest: Path, data: bytes, keys: PublicKeySet, name: str, action: str
    ) -> KeyInfo:
        target = dest.expanduser()
        if target.is_dir():
            target = target / name
        existed = target.exists()
        if existed:
            try:
                same = target.is_file() and target.read_bytes() == data
            except OSError:
                same = False
            if not same:
                raise ExportTargetExists(file=str(target))
        atomic_write_bytes(target, data, mode=0o644)
        try:
            with self.ws.write() as session:
                record_event(session, action, "key", keys.key_id, new=target.name)
        except BaseException:
            # Not recorded, so not made: the file goes again (a same file found there stays).
            if not existed:
                with contextlib.suppress(OSError):
                    target.unlink()
            raise
        log.info("public key exported (%s)", action)
        return KeyInfo.of(keys)

    # --- rows ---------------------------------------------------------------------------------

    def _site_details(self) -> SiteDetails:
        with self.ws.db.read() as session:
            return self._site_in(session)

    @staticmethod
    def _site_in(session: Session) -> SiteDetails:
        site = session.get_one(Site, 1)
        return SiteDetails(site.country, site.centre_code, site.centre_name)

    def _add_rows(self, session: Session, keys: PublicKeySet, pairs: KeyPairs | None) -> None:
        privates: tuple[str | None, str | None] = (None, None)
        if pairs is not None:
            ed25519, x25519 = pairs.private_halves()
            privates = (_b64(ed25519), _b64(x25519))
        for purpose, public, private in zip(
            keys.purposes, (keys.ed25519, keys.x25519), privates, strict=True
        ):
            session.add(
                WorkspaceKey(
                    purpose=purpose,
                    key_id=_row_key_id(keys.key_id, purpose),
                    public_key=_b64(public),
                    private_key=private,
                    owner=keys.owner_label,
                    active=True,
                    created_at=keys.created_at,
                )
            )

    @staticmethod
    def _rows(
        session: Session,
        set_key_id: str,
        role: KeyRole,
        *,
        active: bool | None = True,
        with_private: bool = False,
    ) -> dict[str, WorkspaceKey]:
        ids = [_row_key_id(set_key_id, purpose) for purpose in keyfiles.PURPOSES[role]]
        query = (select(WorkspaceKey) if with_private else _without_private()).where(
            WorkspaceKey.key_id.in_(ids)
        )
        if active is not None:
            query = query.where(WorkspaceKey.active == active)
        return {row.purpose: row for row in session.scalars(query)}

    def _active_set(self, session: Session, role: KeyRole) -> PublicKeySet | None:
        """The one active key set of ``role``, checked: both rows, one set, the id they make."""
        purposes = keyfiles.PURPOSES[role]
        rows = list(
            session.scalars(
                _without_private().where(WorkspaceKey.active, WorkspaceKey.purpose.in_(purposes))
            )
        )
        if not rows:
            return None
        by_purpose = {row.purpose: row for row in rows}
        set_ids = {row.key_id.rpartition(":")[0] for row in rows}
        if len(rows) != 2 or set(by_purpose) != set(purposes) or len(set_ids) != 1:
            raise StoredKeysDamaged()
        first, second = (by_purpose[purpose] for purpose in purposes)
        owner: Owner = self._site_in(session) if role == "site" else RegistryOwner(first.owner)
        try:
            keys = PublicKeySet(
                role, owner, _unb64(first.public_key), _unb64(second.public_key), first.created_at
            )
        except ValueError:
            raise StoredKeysDamaged() from None
        if keys.key_id != set_ids.pop():
            raise StoredKeysDamaged()
        return keys
