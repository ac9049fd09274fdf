"""Which workspace imported a batch, and how a coordinator settled a conflicting case version.

``received_batches.imported_in``: the importing registry workspace's id, so that the audit
rows an interrupted import left out are written by that workspace only (services/registry/
import_audit.py). ``case_versions.settled_*``: a version flagged *conflict* waits until a
coordinator settles it — the centre's version taken, or the registry's kept — with who, when,
why and in which workspace (services/registry/conflicts.py). Nullable columns: a plain
ALTER TABLE … ADD COLUMN on SQLite and on PostgreSQL; rows from before stay NULL.

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

_SETTLED = (
    ("settlement", sa.String(16)),
    ("settled_at", sa.String(32)),
    ("settled_by", sa.String(64)),
    ("settled_in", sa.String(36)),
    ("settle_reason", sa.Text()),
)


def upgrade() -> None:
    op.add_column("received_batches", sa.Column("imported_in", sa.String(36), nullable=True))
    for name, kind in _SETTLED:
        op.add_column("case_versions", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for name, _kind in reversed(_SETTLED):
        op.drop_column("case_versions", name)
    op.drop_column("received_batches", "imported_in")
