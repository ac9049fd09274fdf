"""The registry's central store: centres, their keys, imported batches, case versions.

In the coordinator's workspace SQLCipher file by default, or in PostgreSQL when given a database
URL; the same models (:mod:`.models`) and Alembic revisions (``migrations/``) on both. Open it
with :class:`cmlentry.storage.central.store.CentralStore`.
"""
