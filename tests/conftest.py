"""Shared fixtures: real workspaces in temporary folders, a controllable clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, create_workspace, open_workspace
from tests.central_db import central_store, postgres_url  # noqa: F401  (fixtures for all tests)

if TYPE_CHECKING:
    from tests.services.review_site import ReviewSite

ADMIN = "admin"
ADMIN_PASSWORD = "Grenoble-2026-ws"
NURSE = "nina"
NURSE_PASSWORD = "nurse-pass-0815"
SITE = SiteDetails.checked("FR", "086", "CHU de Test")


class FakeClock:
    """A UTC clock the test moves by hand (no sleeps)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Site:
    """A created workspace folder with its admin and one nurse; nothing open."""

    folder: Path
    recovery_key: str
    clock: FakeClock

    def open(self, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> Workspace:
        return open_workspace(self.folder, username, password, clock=self.clock, policy=OWASP_FLOOR)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def site(tmp_path: Path, clock: FakeClock) -> Iterator[Site]:
    created = create_workspace(
        tmp_path / "ws", SITE, ADMIN, "Ada Admin", ADMIN_PASSWORD, clock=clock, policy=OWASP_FLOOR
    )
    with created.workspace as ws:
        UserService(ws).add_user(NURSE, "Nina Nurse", "nurse", "first-pass-1234")
    # The nurse's first password must be changed before she can work.
    with open_workspace(
        tmp_path / "ws", NURSE, "first-pass-1234", clock=clock, policy=OWASP_FLOOR
    ) as ws:
        UserService(ws).change_own_password("first-pass-1234", NURSE_PASSWORD)
    yield Site(tmp_path / "ws", created.recovery_key, clock)


@pytest.fixture
def admin_ws(site: Site) -> Iterator[Workspace]:
    with site.open() as ws:
        yield ws


@pytest.fixture
def review_site(site: Site) -> ReviewSite:
    """A site with a nurse, two PIs and complete synthetic cases (tests/services/review_site.py)."""
    from tests.services.review_site import make_review_site

    return make_review_site(site)
