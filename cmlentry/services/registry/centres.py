"""Centres and their keys at the registry, and each centre's status (last batch, gaps).

A centre is registered from the public key file its site administrator exported
(``cmlentry keys export-site``); the coordinator compares the fingerprint with the site by
phone before confirming, exactly as a site does with the registry's key. Only keys registered
here ever verify a batch: the key id a file carries is a hint for finding one of them.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.crypto import keyfiles
from cmlentry.crypto.container import TrustedKey
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.roles import Permission
from cmlentry.services.keys import KeyFileChanged
from cmlentry.services.registry.errors import CentreExists, NotARegistry, UnknownCentre
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.central.models import (
    CentralCase,
    Centre,
    CentreKey,
    ReceivedBatch,
    RefusedBatch,
)
from cmlentry.storage.central.store import CentralStore

log = logging.getLogger(__name__)

GAP = "batch.sequence_gap"
FORK_CODES = ("batch.sequence_fork", "batch.sequence_rollback", "batch.chain_broken")


@dataclass(frozen=True)
class CentreKeyInfo:
    key_id: str
    fingerprint: str
    added_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class CentreStatus:
    """What the coordinator's centre table shows."""

    code: str
    name: str
    keys: tuple[CentreKeyInfo, ...]
    last_sequence: int
    last_imported_at: str | None
    days_since_last: int | None
    # Sequences not received though a later one was offered: one run, from the last batch
    # received to the highest number offered (a range, not a list: a forged far gap may offer
    # sequence 2**31, which as a list would not fit in memory).
    missing: range
    refused_forks: int  # forks, rollbacks and broken chains refused
    cases: int
    conflicts: int


def missing_words(missing: range) -> str:
    """The missing sequences as a short phrase: ``"3"``, ``"3–7"``, or ``""`` when none."""
    if not missing:
        return ""
    first, last = missing[0], missing[-1]
    return str(first) if first == last else f"{first}\u2013{last}"


def require_registry(ws: Workspace) -> None:
    if ws.kind != "registry":
        raise NotARegistry()
    ws.require(Permission.IMPORT_BATCHES)


def trusted_keys(session: Session) -> dict[str, TrustedKey]:
    """Every centre key registered here, by key id, with the centre it belongs to."""
    rows = session.execute(
        select(CentreKey.key_id, Centre.code, CentreKey.ed25519_public, CentreKey.revoked_at).join(
            Centre, Centre.id == CentreKey.centre_id
        )
    )
    return {
        key_id: TrustedKey(
            key_id,
            code,
            Ed25519PublicKey.from_public_bytes(base64.b64decode(public)),
            revoked=revoked_at is not None,
        )
        for key_id, code, public, revoked_at in rows
    }


def archive_key(session: Session, key_id: str) -> X25519PublicKey:
    """A centre's archive key: acknowledgements are encrypted to it."""
    public = session.scalars(
        select(CentreKey.x25519_public).where(CentreKey.key_id == key_id)
    ).one()
    return X25519PublicKey.from_public_bytes(base64.b64decode(public))


class CentreService:
    def __init__(self, ws: Workspace, store: CentralStore) -> None:
        self.ws = ws
        self.store = store

    def register(self, path: Path, *, expected_key_id: str | None = None) -> CentreStatus:
        """Register the centre of the site key file at ``path`` (fingerprint already compared).

        A centre registered before with this very key is left as it is; with another active
        key it is refused (:class:`CentreExists`): revoke the old key first.
        """
        require_registry(self.ws)
        keys = keyfiles.read_key_file(path, expected_role="site")
        if expected_key_id is not None and keys.key_id != expected_key_id:
            raise KeyFileChanged(file=str(path))
        owner = keys.owner
        assert isinstance(owner, SiteDetails)
        code = f"{owner.country}-{owner.centre_code}"
        now = format_utc(self.ws.clock())
        with self.store.write() as session:
            centre = session.scalars(select(Centre).where(Centre.code == code)).one_or_none()
            if centre is None:
                centre = Centre(
                    code=code,
                    country=owner.country,
                    centre_code=owner.centre_code,
                    name=owner.centre_name,
                    registered_at=now,
                    registered_by=self.ws.user.username,
                )
                session.add(centre)
                session.flush()
            active = session.scalars(
                select(CentreKey).where(
                    CentreKey.centre_id == centre.id, CentreKey.revoked_at.is_(None)
                )
            ).all()
            if any(k.key_id == keys.key_id for k in active):
                return self._status(session, centre)
            if active:
                raise CentreExists(centre=code)
            session.add(
                CentreKey(
                    centre_id=centre.id,
                    key_id=keys.key_id,
                    ed25519_public=base64.b64encode(keys.ed25519).decode("ascii"),
                    x25519_public=base64.b64encode(keys.x25519).decode("ascii"),
                    added_at=now,
                    added_by=self.ws.user.username,
                )
            )
            session.flush()
            status = self._status(session, centre)
        with self.ws.write("centre key registered") as audit:
            record_event(audit, "centre_key_registered", "centre", code, new=keys.fingerprint)
        log.info("centre key registered")
        return status

    def revoke_key(self, code: str, reason: str) -> None:
        """Revoke a centre's active key: batches signed with it are refused from now on."""
        require_registry(self.ws)
        now = format_utc(self.ws.clock())
        with self.store.write() as session:
            centre = self._centre(session, code)
            for key in session.scalars(
                select(CentreKey).where(
                    CentreKey.centre_id == centre.id, CentreKey.revoked_at.is_(None)
                )
            ):
                key.revoked_at = now
                key.revoked_by = self.ws.user.username
                key.revoke_reason = reason
        with self.ws.write(reason) as audit:
            record_event(audit, "centre_key_revoked", "centre", code)

    def centres(self) -> list[CentreStatus]:
        """Every centre with its status, by code."""
        require_registry(self.ws)
        with self.store.read() as session:
            return [
                self._status(session, centre)
                for centre in session.scalars(select(Centre).order_by(Centre.code))
            ]

    @staticmethod
    def _centre(session: Session, code: str) -> Centre:
        centre = session.scalars(select(Centre).where(Centre.code == code)).one_or_none()
        if centre is None:
            raise UnknownCentre(centre=code)
        return centre

    def _status(self, session: Session, centre: Centre) -> CentreStatus:
        last = session.execute(
            select(ReceivedBatch.sequence, ReceivedBatch.imported_at)
            .where(ReceivedBatch.centre_id == centre.id)
            .order_by(ReceivedBatch.sequence.desc())
            .limit(1)
        ).first()
        last_sequence, last_at = (last[0], last[1]) if last else (0, None)
        offered = session.scalar(
            select(func.max(RefusedBatch.sequence)).where(
                RefusedBatch.centre_id == centre.id, RefusedBatch.error_code == GAP
            )
        )
        missing = range(last_sequence + 1, offered or 0)
        forks = session.scalar(
            select(func.count()).where(
                RefusedBatch.centre_id == centre.id, RefusedBatch.error_code.in_(FORK_CODES)
            )
        )
        cases, conflicts = session.execute(
            select(func.count(), func.coalesce(func.sum(CentralCase.conflicts), 0)).where(
                CentralCase.centre_id == centre.id
            )
        ).one()
        keys = tuple(
            CentreKeyInfo(k.key_id, keyfiles.fingerprint(k.key_id), k.added_at, k.revoked_at)
            for k in session.scalars(
                select(CentreKey).where(CentreKey.centre_id == centre.id).order_by(CentreKey.id)
            )
        )
        return CentreStatus(
            centre.code,
            centre.name,
            keys,
            last_sequence,
            last_at,
            self._days_since(last_at),
            missing,
            int(forks or 0),
            int(cases),
            int(conflicts),
        )

    def _days_since(self, moment: str | None) -> int | None:
        if moment is None:
            return None
        then = dt.datetime.strptime(moment[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
        return max(0, (self.ws.clock() - then).days)
