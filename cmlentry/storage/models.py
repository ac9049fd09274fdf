"""ORM models of the workspace database.

A model whose changes must be audited declares ``__audit_entity__`` and ``__audit_fields__``;
:mod:`cmlentry.storage.audit` then writes one audit row per changed field in the same flush, so
no code path can change audited data without its audit row. ORM objects never leave ``storage``.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Mixin marker: subclasses name their audit entity and the fields whose changes are logged."""

    __audit_entity__: ClassVar[str]
    __audit_fields__: ClassVar[tuple[str, ...]]

    def audit_id(self) -> str:
        return str(self.id)  # type: ignore[attr-defined]


class Site(Audited, Base):
    """The one row that says whose workspace this is."""

    __tablename__ = "site"
    __audit_entity__ = "site"
    __audit_fields__ = ("kind", "country", "centre_code", "centre_name")
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16))  # "site" or "registry"
    country: Mapped[str] = mapped_column(String(2))
    centre_code: Mapped[str] = mapped_column(String(3))
    centre_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(32))


class User(Audited, Base):
    __tablename__ = "users"
    __audit_entity__ = "user"
    __audit_fields__ = ("username", "printed_name", "role", "active", "must_change_password")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    printed_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(32))


class AuditEvent(Base):
    """One append-only, hash-chained audit row (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at_utc: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_username: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(160))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    app_version: Mapped[str] = mapped_column(String(32))
    flags: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The last audit row's number and hash, so a verifier also notices rows cut from the end."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str] = mapped_column(String(64))


# --- cases ------------------------------------------------------------------------------------


class Case(Audited, Base):
    """One registered patient, known here only by the registry pseudonym."""

    __tablename__ = "cases"
    __audit_entity__ = "case"
    __audit_fields__ = ("registry_id", "status")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registry_id: Mapped[str] = mapped_column(String(16), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(16))  # draft, complete, signed, exported, ...
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    # Kept up to date at every save so that the case list never validates 10,000 cases.
    forms_complete: Mapped[int] = mapped_column(Integer, default=0)
    open_errors: Mapped[int] = mapped_column(Integer, default=0)
    open_warnings: Mapped[int] = mapped_column(Integer, default=0)
    form_a_reason: Mapped[str | None] = mapped_column(String(32))
    # Grows by one with every transaction that changes the case's record; batches carry it so
    # the registry can tell a newer state from a conflicting one.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # A current signature locks the case (kept here so the case list needs no join).
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    open_queries: Mapped[int] = mapped_column(Integer, default=0)
    answered_queries: Mapped[int] = mapped_column(Integer, default=0)


class FormRecord(Audited, Base):
    """The state of one form of one case, and the definition version it was entered under."""

    __tablename__ = "form_records"
    __audit_entity__ = "form"
    __audit_fields__ = ("status", "definition_version")
    __table_args__ = (UniqueConstraint("case_id", "form_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    form_id: Mapped[str] = mapped_column(String(64))
    definition_version: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # draft or complete
    updated_at: Mapped[str] = mapped_column(String(32))
    # The next row key of this form's repeating groups: keys are never reused.
    next_row_key: Mapped[int] = mapped_column(Integer, default=1)

    def audit_id(self) -> str:
        return f"{self.case_id}:{self.form_id}"


class ItemValue(Audited, Base):
    """One answer: a value or a missing-data code, and the reason a soft warning was overridden.

    ``row_key`` identifies a row of a repeating group for good (it is never reused);
    ``row_order`` is where the row is shown. Non-repeating groups have the one row ``1``.
    """

    __tablename__ = "item_values"
    __audit_entity__ = "value"
    __audit_fields__ = ("value", "missing", "override")
    __table_args__ = (UniqueConstraint("case_id", "form_id", "group_id", "row_key", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    group_id: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[int] = mapped_column(Integer)
    row_order: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    missing: Mapped[str | None] = mapped_column(String(8))
    override: Mapped[str | None] = mapped_column(Text)
    definition_version: Mapped[str] = mapped_column(String(16))

    def audit_id(self) -> str:
        return f"{self.case_id}:{self.form_id}:{self.group_id}:{self.row_key}:{self.item_id}"


class PatientIdentity(Base):
    """The local identification list: who a pseudonym is. It never leaves this workspace.

    Read and written only through :mod:`cmlentry.services.identities` (site roles); no export
    code may import this model (``tests/services/test_identities.py`` enforces it).

    Deliberately *not* :class:`Audited`: the audit trail is append-only and travels with batches,
    so identifying values must never be written into it. Changes are audited as events naming
    the fields changed, without their values (see the identities service).
    """

    __tablename__ = "patient_identities"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    hospital_number: Mapped[str | None] = mapped_column(String(64))


# --- keys -------------------------------------------------------------------------------------


class WorkspaceKey(Audited, Base):
    """A signing or encryption key this workspace holds or trusts.

    Own keys (the site's Ed25519 signing key and X25519 archive key) keep their private half in
    ``private_key``: only here, inside the encrypted database, never in a file or a log. Trusted
    keys of others (the registry's public keys) have ``private_key`` None. The private half is
    deliberately not an audited field: the audit trail travels with every batch.
    """

    __tablename__ = "workspace_keys"
    __audit_entity__ = "key"
    __audit_fields__ = ("purpose", "key_id", "public_key", "owner", "active")
    __table_args__ = (UniqueConstraint("key_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # site-signing | site-archive | registry-encryption | registry-signing
    purpose: Mapped[str] = mapped_column(String(32))
    key_id: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(128))  # base64 of the raw public key
    private_key: Mapped[str | None] = mapped_column(String(128))  # base64; own keys only
    owner: Mapped[str] = mapped_column(String(200))  # "FR-086 CHU de Test" or the registry's name
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(32))


# --- the desktop application's scratch state ------------------------------------------------------


class Draft(Base):
    """Typing not yet saved: the state of one form in a user's open editor, every few seconds.

    Not :class:`Audited` on purpose: a draft is not part of the record until it is saved, and
    a save writes the audited answers. It sits in the encrypted database like everything else,
    so a crash loses seconds of typing at most and nothing is ever written in clear.
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "registry_id", "form_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    registry_id: Mapped[str] = mapped_column(String(16))
    form_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON of the form's rows
    focus: Mapped[str | None] = mapped_column(String(200))
    saved_at: Mapped[str] = mapped_column(String(32))


class AppSession(Base):
    """One run of the desktop application; ``ended_at`` None after a crash or a power cut."""

    __tablename__ = "app_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[str] = mapped_column(String(32))
    last_seen_at: Mapped[str] = mapped_column(String(32))
    ended_at: Mapped[str | None] = mapped_column(String(32))


# --- batches: what left this site, and what the registry answered ---------------------------------


class Batch(Audited, Base):
    """One batch file this site made, kept byte for byte so it can be sent again.

    The file is encrypted to the registry and to the site's own archive key; keeping it here
    (inside the encrypted database, with the backups) is what lets ``cmlentry export --again``
    write the very same bytes, and the chain of ``file_sha256`` values is the site's side of
    the registry's sequence checks.
    """

    __tablename__ = "batches"
    __audit_entity__ = "batch"
    __audit_fields__ = ("file_sha256", "case_count", "acknowledged_at", "ack_sha256")

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    previous_sha256: Mapped[str] = mapped_column(String(64))
    file: Mapped[bytes] = mapped_column(LargeBinary)
    case_count: Mapped[int] = mapped_column(Integer)
    acknowledged_at: Mapped[str | None] = mapped_column(String(32))
    ack_sha256: Mapped[str | None] = mapped_column(String(64))

    def audit_id(self) -> str:
        return str(self.sequence)


class BatchCase(Audited, Base):
    """A case in a batch: the revision sent, and the registry's answer once acknowledged."""

    __tablename__ = "batch_cases"
    __audit_entity__ = "batch_case"
    __audit_fields__ = ("revision", "record_sha256", "ack_outcome", "ack_reason")
    __table_args__ = (UniqueConstraint("batch_sequence", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_sequence: Mapped[int] = mapped_column(ForeignKey("batches.sequence"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    registry_id: Mapped[str] = mapped_column(String(16))
    revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int | None] = mapped_column(Integer)
    record_sha256: Mapped[str] = mapped_column(String(64))
    ack_outcome: Mapped[str | None] = mapped_column(String(16))  # accepted | rejected
    ack_reason: Mapped[str | None] = mapped_column(Text)

    def audit_id(self) -> str:
        return f"{self.batch_sequence}:{self.registry_id}"


class CentralStoreSetting(Audited, Base):
    """A registry workspace's one setting: where its central store lives.

    ``url`` None keeps the central tables in this encrypted database; otherwise a PostgreSQL
    address without a password (libpq's PGPASSWORD or ~/.pgpass supply it).
    """

    __tablename__ = "central_store_setting"
    __audit_entity__ = "central_store"
    __audit_fields__ = ("url",)
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str | None] = mapped_column(String(500))


# --- review: signatures, source-data verification, queries ----------------------------------------


class Signature(Audited, Base):
    """A PI's electronic signature of a whole case, bound to a hash of what was signed.

    ``content_sha256`` is the SHA-256 of the case's signed content (its registry ID, form
    definition and every stored answer; ``services/batches/record.py``), and ``binding_sha256``
    the SHA-256 of the canonical statement {case, signer, printed name, time, meaning, content
    hash}: a row moved to another case, or a case changed behind the application's back, no longer
    verifies. Unlocking never deletes a signature: it sets ``revoked_*`` (audited, with the reason).
    """

    __tablename__ = "signatures"
    __audit_entity__ = "signature"
    __audit_fields__ = (
        "registry_id",
        "signer_username",
        "printed_name",
        "meaning",
        "signed_at",
        "content_sha256",
        "binding_sha256",
        "revoked_at",
        "revoked_by",
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    registry_id: Mapped[str] = mapped_column(String(16))
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signer_username: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    meaning: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[str] = mapped_column(String(32))
    content_sha256: Mapped[str] = mapped_column(String(64))
    binding_sha256: Mapped[str] = mapped_column(String(64))
    # The last audit row before this signature: "changed since the last signature" starts here.
    audit_seq: Mapped[int] = mapped_column(Integer)
    revoked_at: Mapped[str | None] = mapped_column(String(32))
    revoked_by: Mapped[str | None] = mapped_column(String(200))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class SourceVerification(Audited, Base):
    """One answer marked "verified against source"; deleted (audited) when the answer changes."""

    __tablename__ = "source_verifications"
    __audit_entity__ = "sdv"
    __audit_fields__ = ("username", "at_utc")
    __table_args__ = (UniqueConstraint("case_id", "form_id", "group_id", "row_key", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    group_id: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    at_utc: Mapped[str] = mapped_column(String(32))

    def audit_id(self) -> str:
        return f"{self.case_id}:{self.form_id}:{self.group_id}:{self.row_key}:{self.item_id}"


class Query(Audited, Base):
    """A question on one answer: raised (at the site or by the registry), answered, closed.

    ``query_id`` is a UUID, the same at the site, in batches and at the registry. States:
    open → answered → closed, or cancelled (by whoever raised it); ``origin`` "registry" queries
    come in acknowledgement files and are closed only by the registry.
    """

    __tablename__ = "queries"
    __audit_entity__ = "query"
    __audit_fields__ = ("state", "text", "answer", "answered_by", "closed_by", "note")
    __table_args__ = (UniqueConstraint("query_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query_id: Mapped[str] = mapped_column(String(36))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    group_id: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(16))  # site | registry
    state: Mapped[str] = mapped_column(String(16))  # open | answered | closed | cancelled
    text: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int | None] = mapped_column(Integer)  # None: raised at the registry
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

    def audit_id(self) -> str:
        return self.query_id
