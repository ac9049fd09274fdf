"""SQLAlchemy models, the SQLCipher engine, the audit trail, migrations and the workspace folder."""
