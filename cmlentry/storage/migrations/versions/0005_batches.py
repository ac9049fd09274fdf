"""Batches made at a site, their cases, case revisions, and the registry's central store setting.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    # Every case that exists has been saved at least once.
    op.execute("UPDATE cases SET revision = 1")
    op.create_table(
        "batches",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(64), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("previous_sha256", sa.String(64), nullable=False),
        sa.Column("file", sa.LargeBinary(), nullable=False),
        sa.Column("case_count", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", sa.String(32), nullable=True),
        sa.Column("ack_sha256", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_batches")),
        sa.UniqueConstraint("file_sha256", name=op.f("uq_batches_file_sha256")),
    )
    op.create_table(
        "batch_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_sequence", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("registry_id", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=True),
        sa.Column("record_sha256", sa.String(64), nullable=False),
        sa.Column("ack_outcome", sa.String(16), nullable=True),
        sa.Column("ack_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_sequence"],
            ["batches.sequence"],
            name=op.f("fk_batch_cases_batch_sequence_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_batch_cases_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_cases")),
        sa.UniqueConstraint(
            "batch_sequence", "case_id", name=op.f("uq_batch_cases_batch_sequence")
        ),
    )
    op.create_index(op.f("ix_batch_cases_case_id"), "batch_cases", ["case_id"])
    op.create_table(
        "central_store_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(500), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_central_store_setting_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_central_store_setting")),
    )


def downgrade() -> None:
    op.drop_table("central_store_setting")
    op.drop_index(op.f("ix_batch_cases_case_id"), table_name="batch_cases")
    op.drop_table("batch_cases")
    op.drop_table("batches")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("revision")
