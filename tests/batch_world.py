"""A site and a registry that know each other, for batch, import and acknowledgement tests.

``make_world`` builds, in real temporary workspaces: a site (FR-086) with synthetic cases
entered through the case service (the demo's planner: complete forms, repeating rows,
overrides), a registry workspace whose central store is the given one or its own SQLCipher
file, the site's key registered there and the registry's key trusted at the site. Everything
goes through the services a person would use; nothing is written behind their backs.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.cases import CaseService
from cmlentry.services.demo import enter_case, plan_cases
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.workspace import create_registry, open_central_store
from cmlentry.services.review import ReviewService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, create_workspace, open_workspace
from cmlentry.storage.central.store import CentralStore

PI = "pia"
PI_PASSWORD = "pi-pass-Lyon-2026"
NURSE = "nina"
NURSE_PASSWORD = "nurse-pass-0815"
ADMIN = "admin"
PASSWORD = "Grenoble-2026-ws"
COORDINATOR = "cora"


@dataclass
class World:
    site_folder: Path
    registry_folder: Path
    out: Path  # where batch and acknowledgement files are written
    clock: Callable[[], datetime]

    def site(self, username: str = PI, password: str = PI_PASSWORD) -> Workspace:
        return open_workspace(
            self.site_folder, username, password, clock=self.clock, policy=OWASP_FLOOR
        )

    def registry(self) -> Workspace:
        return open_workspace(
            self.registry_folder, COORDINATOR, PASSWORD, clock=self.clock, policy=OWASP_FLOOR
        )

    def registry_as(self, username: str, password: str) -> Workspace:
        return open_workspace(
            self.registry_folder, username, password, clock=self.clock, policy=OWASP_FLOOR
        )

    def nurse(self) -> Workspace:
        """The site as its nurse (made by :func:`add_nurse`)."""
        return self.site(NURSE, NURSE_PASSWORD)


def sign_cases(world: World, registry_ids: list[str]) -> None:
    """The PI signs each case, typing her user name and password again, as in the window."""
    with world.site() as ws:
        review = ReviewService(ws, CaseService(ws))
        for registry_id in registry_ids:
            review.sign(registry_id, PI, PI_PASSWORD)


def add_nurse(world: World) -> None:
    """A nurse at the site, her first password changed."""
    with world.site(ADMIN, PASSWORD) as ws:
        UserService(ws).add_user(NURSE, "Nina Nurse", "nurse", "first-pass-1234")
    with world.site(NURSE, "first-pass-1234") as ws:
        UserService(ws).change_own_password("first-pass-1234", NURSE_PASSWORD)


def make_site(
    folder: Path, clock: Callable[[], datetime], *, site: SiteDetails, cases: int, seed: int = 5
) -> list[str]:
    """A site workspace with a PI and ``cases`` synthetic cases; returns the complete ones."""
    created = create_workspace(
        folder, site, ADMIN, "Ada Admin", PASSWORD, clock=clock, policy=OWASP_FLOOR
    )
    with created.workspace as ws:
        KeyService(ws).make_site_keys(site)
        UserService(ws).add_user(PI, "Pia Investigator", "pi", "first-pass-1234")
        service = CaseService(ws)
        for plan in plan_cases(random.Random(seed), cases):
            enter_case(service, plan, lambda: None)
        complete = [c.registry_id for c in service.list_cases() if c.status == "complete"]
    # The PI's first password must be changed before she can work.
    with open_workspace(folder, PI, "first-pass-1234", clock=clock, policy=OWASP_FLOOR) as ws:
        UserService(ws).change_own_password("first-pass-1234", PI_PASSWORD)
    return complete


def make_world(
    tmp: Path,
    clock: Callable[[], datetime],
    *,
    cases: int = 6,
    store: CentralStore | None = None,
    site: SiteDetails | None = None,
    database_url: str | None = None,
) -> tuple[World, list[str]]:
    site = site or SiteDetails.checked("FR", "086", "CHU de Test")
    complete = make_site(tmp / "site", clock, site=site, cases=cases)
    created = create_registry(
        tmp / "registry", "ELN CML registry", COORDINATOR, "Cora Ordinator", PASSWORD,
        clock=clock, policy=OWASP_FLOOR, database_url=database_url,
    )  # fmt: skip
    reg_ws = created.created.workspace
    out = tmp / "out"
    out.mkdir()
    KeyService(reg_ws).export_registry_public_key(out / "registry.cmlkey")
    reg_ws.close()
    world = World(tmp / "site", tmp / "registry", out, clock)
    with open_workspace(world.site_folder, ADMIN, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        KeyService(ws).trust_registry_key(out / "registry.cmlkey")
        KeyService(ws).export_site_public_key(out / "site.cmlkey")
    register_site(world, out / "site.cmlkey", store)
    return world, complete


def register_site(world: World, key_file: Path, store: CentralStore | None) -> None:
    with world.registry() as ws:
        central = store or open_central_store(ws)
        CentreService(ws, central).register(key_file)
