"""Passwords typed at a real terminal: prompted, never echoed, confirmed when new."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a pty")


def spawn(args: list[str], home: Path) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMLENTRY_")}
    env["XDG_STATE_HOME"] = str(home / "state")
    return pexpect.spawn(
        sys.executable, ["-m", "cmlentry", *args], env=env, encoding="utf-8", timeout=60
    )


def test_init_then_info_at_the_prompts(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    child = spawn(
        [
            "init",
            "--workspace",
            ws,
            "--country",
            "FR",
            "--centre",
            "086",
            "--name",
            "CHU",
            "--admin",
            "ada",
        ],
        tmp_path,
    )
    child.expect("Choose a password for ada: ")
    child.sendline("typed-at-a-terminal")
    child.expect("Type it again: ")
    child.sendline("typed-at-a-terminal")
    child.expect("RECOVERY KEY")
    child.expect(pexpect.EOF)
    transcript = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "typed-at-a-terminal" not in transcript  # not echoed

    child = spawn(["info", "--workspace", ws], tmp_path)
    child.expect("User name: ")
    child.sendline("ada")
    child.expect("Password for ada: ")
    child.sendline("typed-at-a-terminal")
    child.expect("FR-086")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_two_different_entries_are_refused(tmp_path: Path) -> None:
    child = spawn(
        [
            "init",
            "--workspace",
            str(tmp_path / "ws"),
            "--country",
            "FR",
            "--centre",
            "086",
            "--name",
            "CHU",
            "--admin",
            "ada",
        ],
        tmp_path,
    )
    child.expect("Choose a password for ada: ")
    child.sendline("typed-at-a-terminal")
    child.expect("Type it again: ")
    child.sendline("typed-at-a-termina1")
    child.expect("the two entries differ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert not (tmp_path / "ws").exists()
