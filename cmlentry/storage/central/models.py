"""ORM models of the registry's central store: centres, keys, batches, case versions, queries.

The same models run on SQLite (SQLCipher, inside the coordinator's workspace file) and on
PostgreSQL, so every type is one both map without surprise: ``BigInteger`` for sizes,
``LargeBinary`` (``bytea``) for files, times as the UTC text the workspace uses everywhere.
None of these models is :class:`~cmlentry.storage.models.Audited`: the central store is the
registry's copy of what sites sent, and the audit hook of :mod:`cmlentry.storage.audit` leaves
such objects alone (a central write needs no ``AuditContext``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cmlentry.storage.models import NAMING

# Outcomes of one case version (batch-format.md §7).
ACCEPTED = "accepted"
CONFLICT = "conflict"
REJECTED = "rejected"


class CentralBase(DeclarativeBase):
    """Its own metadata: the central tables are migrated apart from the workspace's."""

    metadata = MetaData(naming_convention=NAMING)


class Centre(CentralBase):
    """A participating centre, e.g. ``FR-086``."""

    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)  # "FR-086"
    country: Mapped[str] = mapped_column(String(2))
    centre_code: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(200))
    registered_at: Mapped[str] = mapped_column(String(32))
    registered_by: Mapped[str] = mapped_column(String(64))


class CentreKey(CentralBase):
    """A centre's public key set (keys.md): the only keys its batches are verified with."""

    __tablename__ = "centre_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"))
    key_id: Mapped[str] = mapped_column(String(40), unique=True)
    ed25519_public: Mapped[str] = mapped_column(String(64))  # base64 of the raw key
    x25519_public: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[str] = mapped_column(String(32))
    added_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[str | None] = mapped_column(String(32))
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class ReceivedBatch(CentralBase):
    """A batch imported in full: one link of its centre's chain (batch-format.md §6)."""

    __tablename__ = "received_batches"
    __table_args__ = (
        UniqueConstraint("centre_id", "sequence", name="uq_received_batches_centre_sequence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_size: Mapped[int] = mapped_column(BigInteger)
    previous_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))  # the site's, from the signed header
    imported_at: Mapped[str] = mapped_column(String(32))
    imported_by: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(40))
    record_count: Mapped[int] = mapped_column(Integer)
    accepted_count: Mapped[int] = mapped_column(Integer)
    rejected_count: Mapped[int] = mapped_column(Integer)
    # The importing registry workspace's id (None before revision c0003).
    imported_in: Mapped[str | None] = mapped_column(String(36))


class RefusedBatch(CentralBase):
    """Every refused import attempt, so a centre's status can show gaps and forks.

    ``centre_id`` and ``sequence`` are None when the file was refused before they were known
    (not a batch, unknown sender key, ...).
    """

    __tablename__ = "refused_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"))
    sequence: Mapped[int | None] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64))
    error_code: Mapped[str] = mapped_column(String(64))
    refused_at: Mapped[str] = mapped_column(String(32))
    refused_by: Mapped[str] = mapped_column(String(64))


class CentralCase(CentralBase):
    """One case as the registry knows it; its data are in its versions."""

    __tablename__ = "central_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"))
    registry_id: Mapped[str] = mapped_column(String(16), unique=True)
    # No foreign key: case_versions already points here, and a cycle would need deferred
    # constraints (or ALTER TABLE, which SQLite cannot add) on both backends.
    current_version_id: Mapped[int | None] = mapped_column(Integer)
    first_seen_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


class CaseVersion(CentralBase):
    """One record of a case as one batch carried it, with what the import made of it."""

    __tablename__ = "case_versions"
    # (case_id, revision) also serves every lookup by case_id alone, so case_id has no index
    # of its own.
    __table_args__ = (Index("ix_case_versions_case_id_revision", "case_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("central_cases.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("received_batches.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int | None] = mapped_column(Integer)
    record: Mapped[str] = mapped_column(Text)  # canonical JSON (batch-format.md §5)
    record_sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # ACCEPTED | CONFLICT | REJECTED
    reason: Mapped[str | None] = mapped_column(Text)
    # A CONFLICT waits until a coordinator settles it (services/registry/conflicts.py):
    # "taken" (the centre's version became current) or "kept" (the registry's stayed).
    settlement: Mapped[str | None] = mapped_column(String(16))
    settled_at: Mapped[str | None] = mapped_column(String(32))
    settled_by: Mapped[str | None] = mapped_column(String(64))
    settled_in: Mapped[str | None] = mapped_column(String(36))  # the registry workspace's id
    settle_reason: Mapped[str | None] = mapped_column(Text)


class Acknowledgement(CentralBase):
    """The acknowledgement file written at a batch's import, kept to be written again on replay."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("received_batches.id"), unique=True)
    file: Mapped[bytes] = mapped_column(LargeBinary)
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    # The payload sealed in ``file`` (canonical JSON): sealed again with the queries of the
    # moment when the coordinator sends queries (services/registry/queries.py). None for an
    # acknowledgement kept before revision c0002.
    payload: Mapped[str | None] = mapped_column(Text)


class CentralQuery(CentralBase):
    """A query on one answer of a case the registry holds (batch-format.md §7).

    ``origin`` "registry": raised here by a coordinator, sent to the site in every later
    acknowledgement, answered in the site's next batch, closed or cancelled here. ``origin``
    "site": raised by the site's PI, known here from the records of accepted batches, which
    bring every change of it. ``query_id`` is the UUID the site and the registry share.
    """

    __tablename__ = "central_queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query_id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("central_cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    group_id: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(16))  # site | registry
    state: Mapped[str] = mapped_column(String(16))  # open | answered | closed | cancelled
    text: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(64))
    raised_name: Mapped[str] = mapped_column(String(200))
    raised_at: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(64))
    answered_name: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[str | None] = mapped_column(String(32))
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_name: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))  # when the registry last changed it


# --- how the central schema shares a database ----------------------------------------------------

# Alembic's version table for the central revisions: beside the workspace's ``alembic_version``
# in a registry workspace's SQLCipher file.
VERSION_TABLE = "central_alembic_version"


def central_names_only(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: compare only the central tables.

    In a workspace file the workspace's own tables sit beside the central ones; without this,
    autogenerate would propose dropping them.
    """
    if type_ == "table":
        return name in CentralBase.metadata.tables
    return True
