"""Cases, their forms and answers, and the local identification list.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Audit entity ids of answers name case, form, group, row and item. On SQLite the batch
    # alteration copies the table, which drops its triggers: they are made again at once.
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("entity_id", type_=sa.String(160), existing_nullable=True)
    _append_only_triggers()
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registry_id", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("forms_complete", sa.Integer(), nullable=False),
        sa.Column("open_errors", sa.Integer(), nullable=False),
        sa.Column("open_warnings", sa.Integer(), nullable=False),
        sa.Column("form_a_reason", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("registry_id", name=op.f("uq_cases_registry_id")),
        sa.UniqueConstraint("sequence", name=op.f("uq_cases_sequence")),
    )
    op.create_table(
        "form_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("definition_version", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("next_row_key", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_form_records_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_records")),
        sa.UniqueConstraint("case_id", "form_id", name=op.f("uq_form_records_case_id")),
    )
    op.create_table(
        "item_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("row_key", sa.Integer(), nullable=False),
        sa.Column("row_order", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("missing", sa.String(8), nullable=True),
        sa.Column("override", sa.Text(), nullable=True),
        sa.Column("definition_version", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_item_values_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_values")),
        sa.UniqueConstraint(
            "case_id",
            "form_id",
            "group_id",
            "row_key",
            "item_id",
            name=op.f("uq_item_values_case_id"),
        ),
    )
    op.create_index(op.f("ix_item_values_case_id"), "item_values", ["case_id"])
    op.create_table(
        "patient_identities",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=True),
        sa.Column("hospital_number", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_patient_identities_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_patient_identities")),
    )


def _append_only_triggers() -> None:
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{verb.lower()}")
        op.execute(
            f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("patient_identities")
    op.drop_index(op.f("ix_item_values_case_id"), table_name="item_values")
    op.drop_table("item_values")
    op.drop_table("form_records")
    op.drop_table("cases")
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("entity_id", type_=sa.String(64), existing_nullable=True)
    _append_only_triggers()
