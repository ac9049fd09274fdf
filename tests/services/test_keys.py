"""KeyService over a real workspace: the site's key set, the trusted registry key, their audit.

The private halves live only in ``workspace_keys`` inside the encrypted database: every audit
row, every log line and every file of the workspace folder is scanned for them.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cmlentry.crypto import keyfiles
from cmlentry.crypto.keyfiles import KeyFileDamaged, KeyFileWrongRole, RegistryOwner
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.errors import NotPermitted, PasswordChangeRequired, WorkspaceDamaged
from cmlentry.services.keys import (
    ExportTargetExists,
    KeyFileChanged,
    KeyService,
    NoSiteKey,
    NotASiteWorkspace,
    SiteKeyExists,
    StoredKeysDamaged,
    inspect_key_file,
)
from cmlentry.services.maintenance import MaintenanceService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, create_workspace
from cmlentry.storage.models import AuditEvent, WorkspaceKey
from tests.conftest import NURSE, NURSE_PASSWORD, SITE, FakeClock, Site
from tests.keys_fixture import key_pairs_from_seed, write_key_file


@pytest.fixture
def keyed(admin_ws: Workspace) -> Workspace:
    """The admin's workspace with its site key set made (as set-up does)."""
    KeyService(admin_ws).make_site_keys(SITE)
    return admin_ws


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "registry.cmlkey"
    write_key_file(path, seed=b"first registry", owner=RegistryOwner("CML registry"))
    return path


def key_rows(ws: Workspace) -> list[tuple[str, str, bool, bool]]:
    """(purpose, key_id, active, has a private half) of every key row, in id order."""
    with ws.db.read() as session:
        return [
            (row.purpose, row.key_id, row.active, row.private_key is not None)
            for row in session.scalars(select(WorkspaceKey).order_by(WorkspaceKey.id))
        ]


def audit_rows(ws: Workspace) -> list[AuditEvent]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def audit_text(ws: Workspace) -> str:
    """Every column of every audit row, as one text to search."""
    return "\n".join(
        " ".join(str(getattr(row, column.name)) for column in AuditEvent.__table__.columns)
        for row in audit_rows(ws)
    )


def private_key_texts(ws: Workspace) -> list[str]:
    with ws.db.read() as session:
        stored = [
            row.private_key
            for row in session.scalars(select(WorkspaceKey))
            if row.private_key is not None
        ]
    texts = []
    for value in stored:
        raw = base64.b64decode(value)
        texts += [value, raw.hex(), base64.urlsafe_b64encode(raw).decode()]
    return texts


@pytest.fixture
def nurse_ws(site: Site) -> Iterator[Workspace]:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        yield ws


# --- the site's key set ---------------------------------------------------------------------------


def test_make_site_keys_stores_both_halves_in_the_database_only(
    keyed: Workspace, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    info = KeyService(keyed).site_key()
    assert info.role == "site"
    assert info.purpose == "site-signing+site-archive"
    assert info.owner == "FR-086 CHU de Test"
    assert info.created_at == "2026-11-21T09:00:00Z"  # the workspace's clock, to the second
    assert key_rows(keyed) == [
        ("site-signing", f"{info.key_id}:site-signing", True, True),
        ("site-archive", f"{info.key_id}:site-archive", True, True),
    ]
    secrets = private_key_texts(keyed)
    assert len(secrets) == 6
    trail = audit_text(keyed)
    # The scan can see key material: the public halves are audited, by design.
    with keyed.db.read() as session:
        publics = [row.public_key for row in session.scalars(select(WorkspaceKey))]
    assert all(public in trail for public in publics)
    assert "site_keys_made" in trail
    assert info.fingerprint in trail
    for secret in secrets:
        assert secret not in trail
        assert all(secret not in record.getMessage() for record in caplog.records)
    for path in site.folder.iterdir():  # the database is encrypted: no private half in clear
        data = path.read_bytes()
        assert all(secret.encode() not in data for secret in secrets)
        assert all(raw not in data for raw in keyed_raw_privates(keyed))


def keyed_raw_privates(ws: Workspace) -> list[bytes]:
    return list(KeyService(ws).site_key_pairs().private_halves())


def test_the_private_halves_sign_what_the_public_key_file_verifies(keyed: Workspace) -> None:
    service = KeyService(keyed)
    pairs = service.site_key_pairs()
    published = keyfiles.parse_key_file(
        service.site_public_key_bytes(), "site", expected_role="site"
    )
    assert pairs.key_id == published.key_id == service.site_key().key_id
    published.signing_key().verify(pairs.signing.sign(b"batch header"), b"batch header")
    assert published.owner == SITE
    assert service.site_public_key_bytes() == service.site_public_key_bytes()  # same every time


def test_a_site_has_one_key_set(keyed: Workspace) -> None:
    before = key_rows(keyed), len(audit_rows(keyed))
    with pytest.raises(SiteKeyExists) as caught:
        KeyService(keyed).make_site_keys(SITE)
    assert caught.value.params["fingerprint"] == KeyService(keyed).site_key().fingerprint
    assert (key_rows(keyed), len(audit_rows(keyed))) == before


def test_a_workspace_without_site_keys_says_so(admin_ws: Workspace) -> None:
    service = KeyService(admin_ws)
    for read in (service.site_key, service.site_key_pairs, service.site_public_key_bytes):
        with pytest.raises(NoSiteKey, match="no site key"):
            read()
    assert service.registry_key() is None


# --- roles ----------------------------------------------------------------------------------------


def test_a_nurse_may_read_keys_but_not_change_them(
    site: Site, registry_file: Path, tmp_path: Path
) -> None:
    with site.open() as admin:
        KeyService(admin).make_site_keys(SITE)
    with site.open(NURSE, NURSE_PASSWORD) as nurse:
        service = KeyService(nurse)
        assert not service.may_manage_keys()
        assert service.site_key().owner == "FR-086 CHU de Test"
        before = key_rows(nurse), len(audit_rows(nurse))
        refusals: list[Callable[[], object]] = [
            lambda: service.trust_registry_key(registry_file),
            lambda: service.make_site_keys(SITE),
            lambda: service.export_site_public_key(tmp_path / "site.cmlkey"),
        ]
        for refusal in refusals:
            with pytest.raises(NotPermitted) as caught:
                refusal()
            assert caught.value.message == (
                "Your role (research nurse) may not manage the workspace's keys. Ask a site "
                "administrator to do it."
            )
        assert (key_rows(nurse), len(audit_rows(nurse))) == before
        assert service.registry_key() is None
    assert not (tmp_path / "site.cmlkey").exists()


def test_a_user_who_must_change_the_password_is_sent_to_do_that(
    site: Site, registry_file: Path
) -> None:
    with site.open() as admin:
        UserService(admin).add_user("sam", "Sam Admin", "site_admin", "first-pass-4321")
    with site.open("sam", "first-pass-4321") as sam:
        with pytest.raises(PasswordChangeRequired):
            KeyService(sam).trust_registry_key(registry_file)
        assert KeyService(sam).registry_key() is None


def test_a_registry_workspace_holds_no_site_keys(tmp_path: Path, clock: FakeClock) -> None:
    created = create_workspace(
        tmp_path / "reg",
        SiteDetails("EU", "000", "Registry"),
        "coord",
        "Coordinator",
        "Registry-2026-pw",
        kind="registry",
        clock=clock,
        policy=OWASP_FLOOR,
    )
    with created.workspace as ws, pytest.raises(NotASiteWorkspace):
        KeyService(ws).make_site_keys(SITE)


# --- the registry key -----------------------------------------------------------------------------


def test_trusting_a_registry_key(keyed: Workspace, registry_file: Path) -> None:
    service = KeyService(keyed)
    inspected = service.inspect(registry_file)
    rows_before = len(audit_rows(keyed))
    info = service.trust_registry_key(registry_file, expected_key_id=inspected.key_id)
    assert info == inspected == service.registry_key()
    assert info.purpose == "registry-signing+registry-encryption"
    assert info.owner == "CML registry"
    assert key_rows(keyed)[2:] == [
        ("registry-signing", f"{info.key_id}:registry-signing", True, False),
        ("registry-encryption", f"{info.key_id}:registry-encryption", True, False),
    ]
    new_rows = audit_rows(keyed)[rows_before:]
    assert {row.reason for row in new_rows} == {"registry key trusted"}
    event = new_rows[-1]
    assert (event.action, event.entity_id) == ("registry_key_trusted", info.key_id)
    assert info.fingerprint in (event.new_value or "")
    public = service.registry_public_keys()
    assert public is not None
    assert (
        public.encryption_key().public_bytes_raw()
        == key_pairs_from_seed("registry", b"first registry").x25519_public
    )
    # The same key again changes nothing.
    assert service.trust_registry_key(registry_file) == info
    assert len(audit_rows(keyed)) == len(new_rows) + rows_before


def test_a_new_registry_key_replaces_the_old_one_with_a_reason(
    keyed: Workspace, registry_file: Path, tmp_path: Path
) -> None:
    service = KeyService(keyed)
    first = service.trust_registry_key(registry_file)
    second_file = tmp_path / "second.cmlkey"
    write_key_file(second_file, seed=b"second registry", owner=RegistryOwner("CML registry"))
    rows_before = len(audit_rows(keyed))
    second = service.trust_registry_key(second_file, reason="the registry renewed its keys")
    assert service.registry_key() == second != first
    assert [(purpose, active) for purpose, _, active, _ in key_rows(keyed)[2:]] == [
        ("registry-signing", False),
        ("registry-encryption", False),
        ("registry-signing", True),
        ("registry-encryption", True),
    ]
    changes = audit_rows(keyed)[rows_before:]
    assert {row.reason for row in changes} == {"the registry renewed its keys"}
    deactivated = [row for row in changes if row.action == "update" and row.field == "active"]
    assert sorted(row.entity_id or "" for row in deactivated) == ["3", "4"]
    assert all((row.old_value, row.new_value) == ("true", "false") for row in deactivated)
    event = changes[-1]
    assert (event.old_value, event.new_value) == (
        f'"{first.fingerprint}"',
        f'"{second.fingerprint}"',
    )
    # Going back to the first key re-activates its rows (a key id is stored once).
    assert service.trust_registry_key(registry_file, reason="back to the old key") == first
    assert [active for _, _, active, _ in key_rows(keyed)[2:]] == [True, True, False, False]
    report = MaintenanceService(keyed).verify()
    assert report.chain.intact
    assert report.data_mismatches == []  # the audit trail replays to the key rows exactly


def test_a_file_changed_since_its_fingerprint_was_shown_is_refused(
    keyed: Workspace, registry_file: Path
) -> None:
    service = KeyService(keyed)
    shown = service.inspect(registry_file)
    write_key_file(registry_file, seed=b"mallory", owner=RegistryOwner("CML registry"))
    before = len(audit_rows(keyed))
    with pytest.raises(KeyFileChanged, match="changed after its fingerprint was shown"):
        service.trust_registry_key(registry_file, expected_key_id=shown.key_id)
    assert service.registry_key() is None
    assert len(audit_rows(keyed)) == before


def test_a_site_key_file_or_a_damaged_one_is_not_trusted(
    keyed: Workspace, registry_file: Path, tmp_path: Path
) -> None:
    service = KeyService(keyed)
    site_file = tmp_path / "site.cmlkey"
    site_file.write_bytes(service.site_public_key_bytes())
    assert service.inspect(site_file).role == "site"  # inspecting any role is fine
    before = key_rows(keyed), len(audit_rows(keyed))
    with pytest.raises(KeyFileWrongRole, match="keys of a site, not of a registry"):
        service.trust_registry_key(site_file)
    registry_file.write_bytes(registry_file.read_bytes().replace(b"CML", b"CLM"))
    with pytest.raises(KeyFileDamaged, match="self-signature"):
        service.trust_registry_key(registry_file)
    assert (key_rows(keyed), len(audit_rows(keyed))) == before


# --- exporting ------------------------------------------------------------------------------------


def test_export_writes_the_site_key_file_and_never_over_another_file(
    keyed: Workspace, tmp_path: Path
) -> None:
    service = KeyService(keyed)
    target = tmp_path / "out" / "site.cmlkey"
    target.parent.mkdir()
    info = service.export_site_public_key(target)
    assert info == service.site_key()
    assert target.read_bytes() == service.site_public_key_bytes()
    assert inspect_key_file(target, expected_role="site") == info
    assert audit_rows(keyed)[-1].action == "site_key_exported"
    assert service.export_site_public_key(target) == info  # the same file again: fine
    into_folder = service.export_site_public_key(tmp_path / "out")
    assert (tmp_path / "out" / "FR-086-site.cmlkey").read_bytes() == target.read_bytes()
    assert into_folder == info
    other = tmp_path / "notes.txt"
    other.write_text("not a key")
    rows = len(audit_rows(keyed))
    with pytest.raises(ExportTargetExists, match=r"notes\.txt already exists"):
        service.export_site_public_key(other)
    assert other.read_text() == "not a key"
    assert len(audit_rows(keyed)) == rows
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "FR-086-site.cmlkey",
        "site.cmlkey",
    ]


def test_an_export_that_cannot_be_recorded_leaves_no_file(keyed: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    keyed.db.read_only = True  # as after a failed start-up check: no write is accepted
    with pytest.raises(WorkspaceDamaged):
        KeyService(keyed).export_site_public_key(out / "site.cmlkey")
    assert list(out.iterdir()) == []


# --- stored keys changed behind the application's back ------------------------------------------


def test_keys_changed_in_the_database_are_not_used(keyed: Workspace) -> None:
    other = base64.b64encode(key_pairs_from_seed("site", b"other").ed25519_public).decode()
    with keyed.write() as session:  # an edit that bypasses the service (and so its checks)
        session.execute(
            text("UPDATE workspace_keys SET public_key = :key WHERE purpose = 'site-signing'"),
            {"key": other},
        )
    service = KeyService(keyed)
    with pytest.raises(StoredKeysDamaged):
        service.site_key()
    with pytest.raises(StoredKeysDamaged):
        service.site_key_pairs()


def test_a_key_set_missing_a_row_is_not_used(keyed: Workspace) -> None:
    with keyed.write() as session:
        session.execute(text("UPDATE workspace_keys SET active = 0 WHERE purpose = 'site-archive'"))
    with pytest.raises(StoredKeysDamaged, match="do not fit together"):
        KeyService(keyed).site_key()


def _log_while_using_keys(
    ws: Workspace, registry_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, level: int
) -> str:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("cmlentry").setLevel(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(level)
    try:
        service = KeyService(ws)
        service.make_site_keys(SITE)
        service.trust_registry_key(registry_file)
        service.site_key()
        service.registry_key()
        service.export_site_public_key(tmp_path / "site.cmlkey")
        service.site_key_pairs()
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    return "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)


def test_no_log_line_carries_a_private_half(
    admin_ws: Workspace, registry_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """cmlentry's own log at DEBUG, SQLAlchemy's statement log (parameters hidden) on."""
    log_text = _log_while_using_keys(admin_ws, registry_file, tmp_path, caplog, logging.INFO)
    assert "INSERT INTO workspace_keys" in log_text  # the statement log was really on
    for secret in private_key_texts(admin_ws):
        assert secret not in log_text


def test_no_log_line_carries_a_private_half_even_with_row_logging(
    admin_ws: Workspace, registry_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Regression: with 'sqlalchemy.engine' at DEBUG, SQLAlchemy logged every result row,
    private key halves included; storage/engine.py now drops row records."""
    log_text = _log_while_using_keys(admin_ws, registry_file, tmp_path, caplog, logging.DEBUG)
    assert "SELECT" in log_text  # statements are still logged: the DEBUG level was really on
    assert "Row (" not in log_text
    for secret in private_key_texts(admin_ws):
        assert secret not in log_text
