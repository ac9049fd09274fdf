"""Alembic environment: runs only on a connection cmlentry hands in (the key never leaves it)."""

from alembic import context

from cmlentry.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
