"""No password, recovery key or database key in logs, exception texts, URLs or files in the clear.

Sentinel secrets go through every path that touches them, with every logger (SQLAlchemy's
statement log included) at DEBUG; then every log line, every exception text and every file
written is searched for them.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from cmlentry.cli import Console, main
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.errors import CmlentryError
from cmlentry.services.maintenance import MaintenanceService, restore
from cmlentry.services.users import UserService
from cmlentry.services.workspace import create_workspace, open_workspace, recover
from tests.conftest import SITE

ADMIN_SECRET = "Sentinel-Adm-7Q4x"
NURSE_SECRET = "Sentinel-Nurse-9Z2"
NEW_SECRET = "Sentinel-New-3K8"


class Quiet(Console):
    def __init__(self) -> None:
        self.interactive = False

    def say(self, text: str = "") -> None:
        pass


def test_no_secret_escapes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "alembic", "cmlentry"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    errors: list[str] = []

    def expect_refusal(action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except CmlentryError as exc:
            errors.extend([exc.message, repr(exc), str(exc.params)])
        else:
            raise AssertionError("expected a refusal")

    created = create_workspace(
        tmp_path / "ws", SITE, "admin", "Ada", ADMIN_SECRET, policy=OWASP_FLOOR
    )
    recovery_key = created.recovery_key
    with created.workspace as ws:
        db_key = ws.database_key().hex()
        url_texts = [str(ws.db.engine.url), repr(ws.db.engine.url)]
        UserService(ws).add_user("nina", "Nina", "nurse", NURSE_SECRET)
        backup = MaintenanceService(ws).backup(tmp_path / "backups").path
        MaintenanceService(ws).rotate_key()
        rotated_key = ws.database_key().hex()
        expect_refusal(
            lambda: UserService(ws).change_own_password("wrong-" + ADMIN_SECRET, NEW_SECRET)
        )
    expect_refusal(lambda: open_workspace(tmp_path / "ws", "admin", ADMIN_SECRET + "x"))
    expect_refusal(lambda: open_workspace(tmp_path / "ws", "nina", NURSE_SECRET.lower()))
    expect_refusal(lambda: recover(tmp_path / "ws", recovery_key[:-1] + "0", "nina", NEW_SECRET))
    recover(tmp_path / "ws", recovery_key, "nina", NEW_SECRET, policy=OWASP_FLOOR)
    restore(backup, tmp_path / "restored", "admin", ADMIN_SECRET).close()
    monkeypatch.setenv("CMLENTRY_PASSWORD", ADMIN_SECRET + "-wrong")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    main(["info", "--workspace", str(tmp_path / "ws"), "--user", "admin"], Quiet())

    secrets = {
        "admin password": ADMIN_SECRET,
        "nurse password": NURSE_SECRET,
        "new password": NEW_SECRET,
        "recovery key": recovery_key,
        "recovery key (compact)": recovery_key.replace("-", ""),
        "database key": db_key,
        "rotated database key": rotated_key,
    }
    log_text = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    log_text += "".join(p.read_text() for p in (tmp_path / "state").rglob("*.log"))
    assert len(caplog.records) > 50  # the statement log was really on
    files = {
        str(p): p.read_bytes()
        for p in tmp_path.rglob("*")
        if p.is_file() and "state" not in p.parts
    }
    assert any(name.endswith("keyslots.json") for name in files)
    for label, secret in secrets.items():
        for variant in {secret, secret.lower(), secret.upper()}:
            assert variant not in log_text, f"{label} in the log"
            assert all(variant not in text for text in errors), f"{label} in an exception"
            assert all(variant not in text for text in url_texts), f"{label} in the engine URL"
            for path, data in files.items():
                assert variant.encode() not in data, f"{label} in {path}"


def test_patient_data_stay_out_of_database_error_texts_and_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Review finding: SQLAlchemy put statement parameters (patient data) into exception texts,
    which the CLI's unexpected-error path writes to the log file."""
    import datetime as dt

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from cmlentry.services.cases import CaseService
    from cmlentry.services.identities import IdentityService

    caplog.set_level(logging.DEBUG)
    created = create_workspace(
        tmp_path / "ws", SITE, "admin", "Ada", ADMIN_SECRET, policy=OWASP_FLOOR
    )
    with created.workspace as ws:
        rid = CaseService(ws, today=dt.date(2026, 11, 21)).create_case()
        IdentityService(ws).set(rid, "Sentinel-Patient-Name", "Jeanne", "1950-02-03", "H-777-SENT")
        with pytest.raises(DBAPIError) as caught, ws.write() as session:
            session.execute(
                text(
                    "INSERT INTO patient_identities (case_id, family_name, given_names) "
                    "VALUES (:case, :family, :given)"
                ),
                {"case": 1, "family": "Sentinel-Patient-Name", "given": "H-777-SENT"},
            )
        logging.getLogger("cmlentry.test").error("unexpected error", exc_info=caught.value)
    exception_text = f"{caught.value} {caught.value!r}"
    formatter = logging.Formatter()
    log_text = "\n".join(
        r.getMessage() + (formatter.formatException(r.exc_info) if r.exc_info else "")
        for r in caplog.records
    )
    assert "IntegrityError" in log_text  # the traceback was really logged
    for value in ("Sentinel-Patient-Name", "H-777-SENT", "1950-02-03"):
        assert value not in exception_text
        assert value not in log_text
    assert "hidden" in exception_text  # the statement is named, its parameters are not
