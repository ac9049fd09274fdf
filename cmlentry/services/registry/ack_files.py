"""Acknowledgement files at the registry: sealed at the import, kept, written (again).

The file is sealed in the import's own transaction and kept in the central store, so an
acknowledgement exists exactly when its batch is imported; writing it to a folder comes after
and can be repeated byte for byte (a replay of the batch, or ``cmlentry ack-again``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cmlentry import __version__
from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient
from cmlentry.crypto.keyfiles import KeyPairs
from cmlentry.errors import CmlentryError
from cmlentry.fileio import atomic_write_bytes
from cmlentry.services.registry.acks import AckContent
from cmlentry.services.registry.errors import AckNotWritten, BatchNotImported, UnknownCentre
from cmlentry.storage.central.models import Acknowledgement, Centre, ReceivedBatch
from cmlentry.storage.central.store import CentralStore

ACK_SUFFIX = ".cmlack"
MAX_SEQUENCE = 2**31 - 1  # the sequence column is a 32-bit integer on PostgreSQL


def ack_file_name(site: str, sequence: int) -> str:
    return f"{site}-{sequence:06d}{ACK_SUFFIX}"


def seal_ack(content: AckContent, registry: KeyPairs, site: Recipient, created_at: str) -> bytes:
    """The acknowledgement file: signed by the registry, readable by the site's archive key."""
    fields = {
        "site": content.site,
        "batch": {"sequence": content.sequence, "sha256": content.batch_sha256},
        "created_at": created_at,
        "versions": {"application": __version__},
    }
    return container.seal(
        "ack",
        fields,
        content.to_bytes(),
        signer=registry.signing,
        sender_key_id=registry.key_id,
        recipient_key_id=site.key_id,
        recipients=[site],
    )


def write_ack(store: CentralStore, site: str, sequence: int, folder: Path) -> Path:
    """Write the kept acknowledgement of (site, sequence) into ``folder``, the same bytes.

    ``site`` is a centre's code as a coordinator types it (``fr-086`` is FR-086).

    Raises:
        UnknownCentre: no centre with that code is registered.
        BatchNotImported: the centre's batch ``sequence`` was never imported here.
        AckNotWritten: the file could not be written into ``folder`` (it stays kept).
    """
    code = site.strip().upper()
    with store.read() as session:
        centre = session.scalars(select(Centre.id).where(Centre.code == code)).one_or_none()
        if centre is None:
            raise UnknownCentre(centre=code)
        # The acknowledgement is sealed in the import's own transaction: no batch row, no file.
        # A number no batch can have is not looked up (SQLite refuses integers past 64 bits).
        data: bytes | None = None
        if 0 < sequence <= MAX_SEQUENCE:
            data = session.scalars(
                select(Acknowledgement.file)
                .join(ReceivedBatch, ReceivedBatch.id == Acknowledgement.batch_id)
                .where(ReceivedBatch.centre_id == centre, ReceivedBatch.sequence == sequence)
            ).one_or_none()
    if data is None:
        raise BatchNotImported(site=code, sequence=sequence)
    target = folder.expanduser() / ack_file_name(code, sequence)
    try:
        atomic_write_bytes(target, data, mode=0o644)
    except CmlentryError as exc:
        raise AckNotWritten(
            site=code, sequence=sequence, folder=str(folder), reason=exc.message.rstrip(".")
        ) from exc
    return target
