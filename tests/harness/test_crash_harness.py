"""A short run of the crash harness (the long one is ``make crash-harness``; docs/reliability.md).

25 SIGKILLs with the application's settings must show nothing wrong, and the negative control
(journal and sync off, kills aimed at the commit) must show damage, or the harness is blind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from cmlentry import __version__
from cmlentry.services.workspace import SYSTEM
from cmlentry.storage.audit import AuditContext
from cmlentry.storage.workspace import DB_NAME, Database

from .crash import aim_at_commit, campaign, inspect, new_space
from .crash_writer import workload

SAFE_RUNS = 25
CONTROL_BOUND = 40  # an aimed control kill damaged the file in 62 of 120 trial runs
USERS = 3


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_sigkill_never_loses_an_acknowledged_save() -> None:
    tally = campaign("safe", SAFE_RUNS, seed=7, runs_per_workspace=5)
    print(tally.summary())
    assert tally.runs == SAFE_RUNS
    assert tally.acked > 0, "no save was acknowledged: the kills came too early to test anything"
    assert tally.problems == 0, tally.summary()
    assert tally.damaged_runs == 0, tally.summary()


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_negative_control_shows_the_harness_sees_damage() -> None:
    tally = campaign("control", CONTROL_BOUND, seed=7, chooser=aim_at_commit, stop_on_damage=True)
    print(tally.summary())
    assert tally.damaged_runs >= 1, tally.summary()
    assert tally.integrity + tally.half + tally.chain + tally.unopenable + tally.lost > 0


def test_the_checks_see_each_kind_of_damage(tmp_path: Path) -> None:
    """Without any kill: damage made by hand is named by the right check."""
    space = new_space(tmp_path, 1, "harness-pass-123456")
    db = Database(space.folder / DB_NAME, space.key)
    try:
        for save in (1, 2):
            with db.write(AuditContext(SYSTEM, __version__)) as session:
                workload(session, 1, save, USERS)
        assert not inspect(space.folder, space.key, {1: 2}, USERS).damaged
        assert inspect(space.folder, space.key, {1: 1}, USERS).unacked_committed == 1

        lost = inspect(space.folder, space.key, {1: 3}, USERS)  # a third save was acknowledged
        assert [x.split(" has")[0] for x in lost.lost] == ["acknowledged save 1.3"]

        with db.engine.begin() as conn:  # rows changed behind the audit trail: half a save
            conn.execute(text("DELETE FROM users WHERE username = 'h1.2.0'"))
            conn.execute(text("UPDATE site SET centre_name = 'Harness run 1 save 1'"))
        half = inspect(space.folder, space.key, {1: 2}, USERS)
        assert any("save 1.2 has 2 of its 3 users" in x for x in half.half)
        assert any("audit 'create' rows for user id" in x for x in half.half)
        assert any("audit trail says" in x for x in half.half)
        assert [x.split(" has")[0] for x in half.lost] == ["acknowledged save 1.2"]
        assert not half.chain and not half.integrity
    finally:
        db.close()

    page = 4096 * 3  # a page in the middle of the file, overwritten: the cipher check sees it
    with (space.folder / DB_NAME).open("r+b") as raw:
        raw.seek(page + 100)
        raw.write(b"\0" * 64)
    broken = inspect(space.folder, space.key, {1: 2}, USERS)
    assert broken.integrity and broken.damaged
