"""The command line: each command works, and each failure is one sentence with nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cmlentry.cli import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS_FOUND, Console, main
from cmlentry.storage.engine import connect_raw
from cmlentry.storage.workspace import WorkspaceFolder
from tests.services.test_maintenance import tmpfs

PASSWORD = "Grenoble-2026-ws"


class Scripted(Console):
    """No terminal: every secret comes from the environment, as in a script."""

    def __init__(self) -> None:
        self.interactive = False
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        self.lines.append(text)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, list[str]]:
    console = Scripted()
    code = main(args, console)
    out, err = capsys.readouterr()
    return code, out, err, console.lines


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CMLENTRY_USER", "admin")
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    monkeypatch.delenv("CMLENTRY_NEW_PASSWORD", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the log file goes here
    return tmp_path


@pytest.fixture
def ws(env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = env / "ws"
    code, _, err, lines = run(
        [
            "init",
            "--workspace",
            str(folder),
            "--country",
            "fr",
            "--centre",
            "086",
            "--name",
            "CHU de Test",
            "--admin",
            "admin",
            "--admin-name",
            "Ada Admin",
        ],
        capsys,
    )
    assert code == EXIT_OK, err
    assert any("RECOVERY KEY" in line for line in lines)
    return folder


def recovery_key_of(lines: list[str]) -> str:
    return next(line.strip() for line in lines if line.count("-") == 6 and len(line.strip()) == 41)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_one_sentence(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("cmlentry: ")
    assert lines[0].endswith((".", ")"))
    for fragment in fragments:
        assert fragment in lines[0]


# --- commands that work -----------------------------------------------------------------------


def test_init_info_and_user_management(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _, lines = run(["info", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK
    assert "FR-086  CHU de Test" in "\n".join(lines)
    monkeypatch.setenv("CMLENTRY_NEW_PASSWORD", "nurse-first-pw")
    code, _, err, lines = run(
        ["user", "add", "nina", "--name", "Nina Nurse", "--role", "nurse", "--workspace", str(ws)],
        capsys,
    )
    assert code == EXIT_OK, err
    code, _, _, lines = run(["user", "list", "--workspace", str(ws)], capsys)
    assert [line.split()[:3] for line in lines] == [
        ["admin", "site_admin", "active"],
        ["nina", "nurse", "active"],
    ]
    code, _, err, _ = run(
        ["user", "role", "nina", "pi", "--reason", "new PI", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    code, _, err, _ = run(
        ["user", "disable", "nina", "--reason", "left", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    monkeypatch.setenv("CMLENTRY_NEW_PASSWORD", "nurse-again-pw")
    code, _, err, _ = run(
        ["user", "enable", "nina", "--reason", "back", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    # nina logs in with the first password and must choose her own.
    monkeypatch.setenv("CMLENTRY_USER", "nina")
    monkeypatch.setenv("CMLENTRY_PASSWORD", "nurse-again-pw")
    code, _, err, _ = run(["verify", "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "must choose a new password", "cmlentry user passwd nina")
    monkeypatch.setenv("CMLENTRY_NEW_PASSWORD", "own-secret-2026x")
    code, _, err, lines = run(["user", "passwd", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    assert lines == ["Your password was changed."]
    monkeypatch.setenv("CMLENTRY_PASSWORD", "own-secret-2026x")
    code, _, err, lines = run(["verify", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err


def test_backup_restore_rotate_verify(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err, lines = run(["backup", "--to", str(env / "b"), "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    backup = next((env / "b").iterdir())
    code, _, err, lines = run(["restore", str(backup), "--workspace", str(env / "r")], capsys)
    assert code == EXIT_OK, err
    assert "restored and checked" in lines[0]
    code, _, err, lines = run(["rotate-key", "--new-recovery-key", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    assert recovery_key_of(lines)
    code, _, err, lines = run(["verify", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith("Audit trail intact:")


def test_recover_with_the_recovery_key(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _, lines = run(
        [
            "init",
            "--workspace",
            str(env / "w"),
            "--country",
            "FR",
            "--centre",
            "001",
            "--name",
            "X",
            "--admin",
            "admin",
        ],
        capsys,
    )
    monkeypatch.setenv("CMLENTRY_RECOVERY_KEY", recovery_key_of(lines))
    monkeypatch.setenv("CMLENTRY_NEW_PASSWORD", "recovered-pass-1")
    code, _, err, lines = run(["recover", "--for", "admin", "--workspace", str(env / "w")], capsys)
    assert code == EXIT_OK, err
    monkeypatch.setenv("CMLENTRY_PASSWORD", "recovered-pass-1")
    assert run(["info", "--workspace", str(env / "w")], capsys)[0] == EXIT_OK


# --- every failure: one sentence, non-zero, nothing changed ----------------------------------


def test_wrong_password(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CMLENTRY_PASSWORD", "not-the-password")
    before = snapshot(ws)
    code, _out, err, _ = run(
        ["backup", "--to", str(ws.parent / "b"), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "password is not right", "9 attempts")
    assert snapshot(ws)["cmlentry.db"] == before["cmlentry.db"]
    assert not (ws.parent / "b").exists()


def test_folder_that_is_not_a_workspace(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "photos").mkdir()
    code, _, err, _ = run(["info", "--workspace", str(env / "photos")], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "is not a cmlentry workspace")
    assert list((env / "photos").iterdir()) == []


def test_damaged_file(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ws / "cmlentry.db"
    db.write_bytes(b"\0" * 100 + db.read_bytes()[100:])  # the first page destroyed
    before = snapshot(ws)
    code, _, err, _ = run(["info", "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "damaged", "cmlentry restore")
    assert snapshot(ws) == before


def test_damaged_key_file(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ws / "keyslots.json").write_text("garbage")
    code, _, err, _ = run(["info", "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "keyslots.json", "damaged")


def test_workspace_in_use(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    held = WorkspaceFolder.open_existing(ws)
    try:
        before = snapshot(ws)
        code, _, err, _ = run(["info", "--workspace", str(ws)], capsys)
    finally:
        held.release()
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already open in another cmlentry window")
    assert snapshot(ws) == before


def test_disk_full(ws: Path, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(env / "stick", "size=24k") as stick:
        code, _, err, _ = run(["backup", "--to", str(stick), "--workspace", str(ws)], capsys)
        assert list(stick.iterdir()) == []
    assert code == EXIT_FAILED
    assert_one_sentence(err, "not enough free space", "nothing was changed")


def test_disk_full_while_creating_a_workspace(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(env / "tiny", "size=8k") as tiny:
        code, _, err, _ = run(
            [
                "init",
                "--workspace",
                str(tiny / "ws"),
                "--country",
                "FR",
                "--centre",
                "001",
                "--name",
                "X",
                "--admin",
                "admin",
            ],
            capsys,
        )
        assert list(tiny.iterdir()) == []
    assert code == EXIT_FAILED
    assert_one_sentence(err, "not enough free space")


def test_read_only_destination(ws: Path, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(env / "cdrom", "ro,size=1m") as cdrom:
        code, _, err, _ = run(["backup", "--to", str(cdrom), "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "read-only", "Choose another place")


def test_restore_onto_a_live_workspace(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["backup", "--to", str(env / "b"), "--workspace", str(ws)], capsys)
    backup = next((env / "b").iterdir())
    before = snapshot(ws)
    code, _, err, _ = run(["restore", str(backup), "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already holds files")
    assert snapshot(ws) == before


def test_missing_password_without_a_terminal(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CMLENTRY_PASSWORD")
    code, _, err, _ = run(["info", "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "CMLENTRY_PASSWORD")


def test_bad_site_details(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err, _ = run(
        [
            "init",
            "--workspace",
            str(env / "w"),
            "--country",
            "France",
            "--centre",
            "086",
            "--name",
            "X",
            "--admin",
            "admin",
        ],
        capsys,
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "two-letter code")
    assert not (env / "w").exists()


def test_verify_names_the_first_bad_row(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cmlentry.services.workspace import open_workspace

    with open_workspace(ws, "admin", PASSWORD) as opened:
        opened.db.engine.dispose()
        conn = connect_raw(ws / "cmlentry.db", opened.database_key())
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE audit_events SET actor_username = 'mallory' WHERE seq = 4")
    conn.close()
    code, _, _err, lines = run(["verify", "--workspace", str(ws)], capsys)
    assert code == EXIT_PROBLEMS_FOUND
    assert lines[0] == "AUDIT TRAIL BROKEN at row 4: row 4 was changed after it was written."
    assert lines[1] == "Rows 1 to 3 are intact."


def test_an_unexpected_error_is_one_sentence_and_logged(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object) -> None:
        raise ZeroDivisionError("internal detail")

    monkeypatch.setattr("cmlentry.services.maintenance.MaintenanceService.summary", explode)
    code, _, err, _ = run(["info", "--workspace", str(ws)], capsys)
    assert code == 70
    assert_one_sentence(err, "unexpected problem", "cmlentry.log")
    assert "internal detail" not in err
    log = next((env / "state").rglob("cmlentry.log")).read_text()
    assert "ZeroDivisionError" in log


# --- as a real process: no terminal, exit codes, nothing on stderr but the sentence -----------


def test_as_a_separate_process(env: Path) -> None:
    environment = {**os.environ, "CMLENTRY_PASSWORD": PASSWORD, "XDG_STATE_HOME": str(env)}
    environment.pop("CMLENTRY_USER", None)
    base = [sys.executable, "-m", "cmlentry"]
    made = subprocess.run(
        [
            *base,
            "init",
            "--workspace",
            str(env / "p"),
            "--country",
            "FR",
            "--centre",
            "086",
            "--name",
            "X",
            "--admin",
            "admin",
        ],
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    wrong = subprocess.run(
        [*base, "info", "--workspace", str(env / "p"), "--user", "admin"],
        env={**environment, "CMLENTRY_PASSWORD": "nope-nope-nope"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode == 1
    assert_one_sentence(wrong.stderr, "password is not right")
    usage = subprocess.run([*base, "frobnicate"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr
