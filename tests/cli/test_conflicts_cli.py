"""``cmlentry conflicts`` in a registry workspace: listing the versions kept but not applied,
and taking a centre's version, each refusal one sentence with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmlentry.cli import EXIT_FAILED, EXIT_OK
from tests.batch_world import COORDINATOR, PASSWORD, World, make_world, sign_cases
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import FakeClock
from tests.services.registry.test_conflicts import (
    forget_sent,
    held,
    revision_of,
    send,
    unlock_and_sign,
)

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def conflict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[World, str, int, int]:
    """A registry holding revision ``first`` of a case and a kept conflict ``second``."""
    world, complete = make_world(tmp_path, FakeClock(), cases=3)
    case = complete[0]
    sign_cases(world, [case])
    send(world, case)
    first = revision_of(world, case)
    unlock_and_sign(world, case, "a correction")
    forget_sent(world, case)
    send(world, case)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("CMLENTRY_USER", COORDINATOR)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    return world, case, first, revision_of(world, case)


def test_list_then_take_the_centres_version(
    conflict: tuple[World, str, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    world, case, first, second = conflict
    where = ["--workspace", str(world.registry_folder)]
    code, _, err, lines = run(["conflicts", *where], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith(f"{case}: revision {second} (batch 2 of {case[:6]}")
    assert lines[0].endswith(
        f"was made from no earlier revision; the registry holds revision {first}."
    )
    assert "cmlentry conflicts take|keep CASE REVISION" in lines[1]
    code, _, err, _ = run(["conflicts", "--centre", "XX-999", *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "XX-999")

    code, _, err, _ = run(
        ["conflicts", "take", case, str(first), "--reason", "phone", *where], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(
        err, case, f"no conflicting revision {first} waiting", "Nothing was changed"
    )
    code, _, err, _ = run(["conflicts", "take", case, str(second), "--reason", " ", *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Say why")
    assert held(world, case)[:2] == (first, 1)

    code, _, err, lines = run(
        ["conflicts", "take", case, str(second), "--reason", "confirmed by phone", *where], capsys
    )
    assert code == EXIT_OK, err
    assert lines == [
        f"{case}: the registry now holds revision {second} of {case[:6]}; its earlier versions "
        "stay in the case's history."
    ]
    assert held(world, case)[:2] == (second, 0)
    code, _, err, lines = run(["conflicts", *where], capsys)
    assert (code, lines) == (EXIT_OK, ["No conflicts wait."])


def test_keep_the_registrys_version(
    conflict: tuple[World, str, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    world, case, first, second = conflict
    where = ["--workspace", str(world.registry_folder)]
    code, _, err, lines = run(
        ["conflicts", "keep", case, str(second), "--reason", "an old copy", *where], capsys
    )
    assert code == EXIT_OK, err
    assert lines == [
        f"{case}: the registry keeps revision {first}; revision {second} of {case[:6]} stays "
        "in the case's history, not applied."
    ]
    assert held(world, case)[:2] == (first, 0)
    code, _, err, lines = run(["conflicts", "--centre", case[:6], *where], capsys)
    assert (code, lines) == (EXIT_OK, ["No conflicts wait."])
