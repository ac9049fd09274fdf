"""The central store: centres, their keys, received and refused batches, cases, versions, acks.

The same revision runs on SQLite (SQLCipher) and PostgreSQL.

Revision ID: c0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centres",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("centre_code", sa.String(3), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("registered_at", sa.String(32), nullable=False),
        sa.Column("registered_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centres")),
        sa.UniqueConstraint("code", name=op.f("uq_centres_code")),
    )
    op.create_table(
        "centre_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(40), nullable=False),
        sa.Column("ed25519_public", sa.String(64), nullable=False),
        sa.Column("x25519_public", sa.String(64), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_centre_keys_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_centre_keys_key_id")),
    )
    op.create_table(
        "received_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        sa.Column("previous_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(40), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("accepted_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_received_batches_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_batches")),
        sa.UniqueConstraint(
            "centre_id", "sequence", name=op.f("uq_received_batches_centre_sequence")
        ),
        sa.UniqueConstraint("file_sha256", name=op.f("uq_received_batches_file_sha256")),
    )
    op.create_table(
        "refused_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=False),
        sa.Column("refused_at", sa.String(32), nullable=False),
        sa.Column("refused_by", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_refused_batches_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_batches")),
    )
    op.create_table(
        "central_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("registry_id", sa.String(16), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("first_seen_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_central_cases_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_central_cases")),
        sa.UniqueConstraint("registry_id", name=op.f("uq_central_cases_registry_id")),
    )
    op.create_table(
        "case_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("record_sha256", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["received_batches.id"],
            name=op.f("fk_case_versions_batch_id_received_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["central_cases.id"], name=op.f("fk_case_versions_case_id_central_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_versions")),
    )
    op.create_index(op.f("ix_case_versions_batch_id"), "case_versions", ["batch_id"])
    op.create_index(
        op.f("ix_case_versions_case_id_revision"), "case_versions", ["case_id", "revision"]
    )
    op.create_table(
        "acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.LargeBinary(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["received_batches.id"],
            name=op.f("fk_acknowledgements_batch_id_received_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acknowledgements")),
        sa.UniqueConstraint("batch_id", name=op.f("uq_acknowledgements_batch_id")),
    )


def downgrade() -> None:
    op.drop_table("acknowledgements")
    op.drop_index(op.f("ix_case_versions_case_id_revision"), table_name="case_versions")
    op.drop_index(op.f("ix_case_versions_batch_id"), table_name="case_versions")
    op.drop_table("case_versions")
    op.drop_table("central_cases")
    op.drop_table("refused_batches")
    op.drop_table("received_batches")
    op.drop_table("centre_keys")
    op.drop_table("centres")
