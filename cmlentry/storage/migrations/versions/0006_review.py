"""The PI's review: signatures, source-data verification marks, queries; case lock and counts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("locked", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("open_queries", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("answered_queries", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("registry_id", sa.String(16), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=False),
        sa.Column("signer_username", sa.String(64), nullable=False),
        sa.Column("printed_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("meaning", sa.String(200), nullable=False),
        sa.Column("signed_at", sa.String(32), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("binding_sha256", sa.String(64), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
        sa.Column("revoked_by", sa.String(200), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_signatures_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["users.id"], name=op.f("fk_signatures_signer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    op.create_index(op.f("ix_signatures_case_id"), "signatures", ["case_id"])
    op.create_table(
        "source_verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("row_key", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("printed_name", sa.String(200), nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_source_verifications_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_verifications")),
        sa.UniqueConstraint(
            "case_id",
            "form_id",
            "group_id",
            "row_key",
            "item_id",
            name=op.f("uq_source_verifications_case_id"),
        ),
    )
    op.create_index(op.f("ix_source_verifications_case_id"), "source_verifications", ["case_id"])
    op.create_table(
        "queries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query_id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("row_key", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("raised_by", sa.String(64), nullable=False),
        sa.Column("raised_name", sa.String(200), nullable=False),
        sa.Column("raised_at", sa.String(32), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(64), nullable=True),
        sa.Column("answered_name", sa.String(200), nullable=True),
        sa.Column("answered_at", sa.String(32), nullable=True),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("closed_name", sa.String(200), nullable=True),
        sa.Column("closed_at", sa.String(32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_queries_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queries")),
        sa.UniqueConstraint("query_id", name=op.f("uq_queries_query_id")),
    )
    op.create_index(op.f("ix_queries_case_id"), "queries", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_queries_case_id"), table_name="queries")
    op.drop_table("queries")
    op.drop_index(op.f("ix_source_verifications_case_id"), table_name="source_verifications")
    op.drop_table("source_verifications")
    op.drop_index(op.f("ix_signatures_case_id"), table_name="signatures")
    op.drop_table("signatures")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("answered_queries")
        batch.drop_column("open_queries")
        batch.drop_column("locked")
