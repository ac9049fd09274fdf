"""Alembic environment of the central store: runs only on a connection cmlentry hands in.

Its own version table, and only the central tables compared, so it can share a registry
workspace's SQLCipher file with the workspace's migrations.
"""

from alembic import context

from cmlentry.storage.central.models import VERSION_TABLE, CentralBase, central_names_only

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=CentralBase.metadata,
    version_table=VERSION_TABLE,
    include_name=central_names_only,
    render_as_batch=True,  # SQLite alters tables by copying them; PostgreSQL uses ALTER
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
