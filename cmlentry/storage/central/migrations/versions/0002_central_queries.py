"""Queries at the registry, and the payload of each kept acknowledgement.

``central_queries``: queries raised by coordinators and those the sites' records bring.
``acknowledgements.payload``: the canonical JSON sealed in the file, so that the latest
acknowledgement of a centre can be sealed again with the queries of the moment. The same
revision runs on SQLite (SQLCipher) and PostgreSQL.

Revision ID: c0002
Revises: c0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_queries",
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
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["central_cases.id"],
            name=op.f("fk_central_queries_case_id_central_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_central_queries")),
        sa.UniqueConstraint("query_id", name=op.f("uq_central_queries_query_id")),
    )
    op.create_index(op.f("ix_central_queries_case_id"), "central_queries", ["case_id"])
    # A nullable column: a plain ALTER TABLE … ADD COLUMN on SQLite and on PostgreSQL.
    op.add_column("acknowledgements", sa.Column("payload", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("acknowledgements", "payload")
    op.drop_index(op.f("ix_central_queries_case_id"), table_name="central_queries")
    op.drop_table("central_queries")
