"""A site and a registry for the review screens' tests: the batch world with a nurse added.

``make_review_world`` is the batches' world (``tests/batch_world.py``: a PI, an administrator,
synthetic cases entered through the case service, the registry's key trusted) with a research
nurse, added by the administrator as a site would. Tests copy it from a template made once.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.desk import Desk
from cmlentry.services.users import UserService
from cmlentry.services.workspace import open_workspace
from tests.batch_world import ADMIN, PASSWORD, PI, PI_PASSWORD, World, make_world
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock
from tests.unit.test_validation import COMPLETE

__all__ = ["NURSE", "NURSE_PASSWORD", "PI", "PI_PASSWORD", "World"]


def make_review_world(folder: Path) -> tuple[World, list[str]]:
    """The batch world plus a nurse; returns it with the registry IDs of its complete cases."""
    clock = FakeClock()
    world, complete = make_world(folder, clock)
    with open_workspace(world.site_folder, ADMIN, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        UserService(ws).add_user(NURSE, "Nina Nurse", "nurse", "first-pass-1234")
    # A first password is changed before anything else, as the nurse would.
    with open_workspace(
        world.site_folder, NURSE, "first-pass-1234", clock=clock, policy=OWASP_FLOOR
    ) as ws:
        UserService(ws).change_own_password("first-pass-1234", NURSE_PASSWORD)
    return world, complete


def copy_world(template: World, to: Path, clock: FakeClock) -> World:
    shutil.copytree(template.site_folder, to / "site")
    shutil.copytree(template.registry_folder, to / "registry")
    out = to / "out"
    out.mkdir()
    return World(to / "site", to / "registry", out, clock)


@contextlib.contextmanager
def desk_of(world: World, username: str, password: str) -> Iterator[Desk]:
    """The site's workspace opened by ``username``, with its services."""
    with world.site(username, password) as ws:
        yield Desk.for_workspace(ws)


def case_all_but_last_form(cases: CaseService) -> tuple[str, str]:
    """A new case with the complete example typed in and every form but the last marked complete.

    Returns the registry ID and the form left to mark complete.
    """
    registry_id = cases.create_case()
    forms = list(COMPLETE)
    for form_id in forms:
        groups = {
            group: [RowData(None, dict(row)) for row in rows]
            for group, rows in deepcopy(COMPLETE[form_id]).items()
        }
        cases.save_form(registry_id, form_id, groups)
    for form_id in forms[:-1]:
        cases.mark_complete(registry_id, form_id)
    return registry_id, forms[-1]
