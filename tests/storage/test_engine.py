"""The SQLCipher engine: pragmas of security.md, a key checked at once, nothing in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from cmlentry.crypto.keyslots import new_database_key
from cmlentry.services.workspace import Workspace
from cmlentry.storage.engine import DatabaseUnreadable, connect_raw
from cmlentry.storage.workspace import Database


def test_pragmas_are_as_security_md_says(admin_ws: Workspace) -> None:
    raw = admin_ws.db.engine.raw_connection()
    try:
        dbapi = raw.driver_connection

        def pragma(name: str) -> object:
            return dbapi.execute(f"PRAGMA {name}").fetchone()[0]

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("temp_store") == 2  # MEMORY
        assert pragma("cipher_page_size") == "4096"  # SQLCipher 4 defaults, compatibility 4
        assert pragma("cipher_hmac_algorithm") == "HMAC_SHA512"
        assert pragma("cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512"
    finally:
        raw.close()


def test_engine_url_holds_no_key(admin_ws: Workspace) -> None:
    key_hex = admin_ws.database_key().hex()
    url = admin_ws.db.engine.url
    for rendered in (str(url), repr(url), url.render_as_string(hide_password=False)):
        assert key_hex not in rendered
        assert key_hex.upper() not in rendered
    assert url.password is None


def test_a_wrong_key_fails_at_once_not_on_first_use(tmp_path: Path) -> None:
    key = new_database_key()
    db = Database(tmp_path / "x.db", key)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
    db.close()
    with pytest.raises(DatabaseUnreadable):
        connect_raw(tmp_path / "x.db", new_database_key())


def test_a_wrong_length_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        connect_raw(tmp_path / "y.db", b"short")


def test_the_file_is_encrypted_on_disk(admin_ws: Workspace) -> None:
    admin_ws.db.engine.dispose()  # checkpoint the WAL into the file
    data = admin_ws.folder.db_path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for plain in (b"Nina Nurse", b"CHU de Test", b"audit_events", b"site_admin"):
        assert plain not in data
    wal = admin_ws.folder.db_path.with_name("cmlentry.db-wal")
    if wal.exists():
        assert b"Nina Nurse" not in wal.read_bytes()


def test_plain_sqlite_cannot_read_it(admin_ws: Workspace) -> None:
    import sqlite3

    conn = sqlite3.connect(admin_ws.folder.db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT * FROM users").fetchall()
    finally:
        conn.close()


def test_sqlcipher_is_the_driver(admin_ws: Workspace) -> None:
    assert admin_ws.db.engine.dialect.dbapi is sqlcipher3.dbapi2
    assert admin_ws.db.cipher_version().startswith("4.")


def test_files_are_private_to_their_owner(admin_ws: Workspace) -> None:
    assert admin_ws.folder.db_path.stat().st_mode & 0o077 == 0
    assert admin_ws.folder.slots_path.stat().st_mode & 0o077 == 0
    assert admin_ws.folder.folder.stat().st_mode & 0o077 == 0


def test_damage_is_not_reported_as_a_wrong_key(tmp_path: Path) -> None:
    """Regression (crash harness): a corrupt file was reported as 'cannot be read with its key'."""
    from cmlentry.storage.engine import check_file

    key = new_database_key()
    db = Database(tmp_path / "x.db", key)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
        for _ in range(40):
            conn.exec_driver_sql("INSERT INTO t VALUES (randomblob(3000))")
    db.close()
    path = tmp_path / "x.db"
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 3 * 4096)
    problems = check_file(path, key, ("integrity_check", "cipher_integrity_check"))
    assert problems
    assert all("with its key" not in p for p in problems)


def test_a_journal_mode_sqlite_refuses_is_an_error(tmp_path: Path) -> None:
    """SQLite keeps its old journal mode silently when it cannot switch; we do not."""
    from cmlentry.errors import JournalUnavailable
    from cmlentry.storage.engine import Durability

    key = new_database_key()
    connect_raw(tmp_path / "m.db", key).close()
    with pytest.raises(JournalUnavailable, match="crash-safety journal"):
        connect_raw(
            tmp_path / "m.db", key, Durability(journal_mode="NOSUCHMODE", synchronous="FULL")
        )
