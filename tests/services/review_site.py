"""A site for review tests: an administrator, a nurse, two PIs and complete synthetic cases.

Everything is entered through the services a person would use (the demo's case planner fills
the forms). Each test opens the workspace as the person it plays, one at a time, as on a ward PC.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.demo import enter_case, plan_cases
from cmlentry.services.desk import Desk
from cmlentry.services.review import ItemAddress
from cmlentry.services.users import UserService
from cmlentry.services.workspace import open_workspace
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, NURSE_PASSWORD, FakeClock, Site

PI = "pia"
PI_PASSWORD = "pi-pass-Lyon-2026"
OTHER_PI = "paul"
OTHER_PI_PASSWORD = "pi-pass-Nice-2026"


@dataclass
class ReviewSite:
    folder: Path
    clock: FakeClock
    complete: list[str]  # registry IDs of complete cases
    drafts: list[str]

    @contextlib.contextmanager
    def desk(self, username: str, password: str) -> Iterator[Desk]:
        with open_workspace(
            self.folder, username, password, clock=self.clock, policy=OWASP_FLOOR
        ) as ws:
            yield Desk.for_workspace(ws)

    def pi(self) -> contextlib.AbstractContextManager[Desk]:
        return self.desk(PI, PI_PASSWORD)

    def nurse(self) -> contextlib.AbstractContextManager[Desk]:
        return self.desk(NURSE, NURSE_PASSWORD)

    def other_pi(self) -> contextlib.AbstractContextManager[Desk]:
        return self.desk(OTHER_PI, OTHER_PI_PASSWORD)

    def admin(self) -> contextlib.AbstractContextManager[Desk]:
        return self.desk(ADMIN, ADMIN_PASSWORD)


def make_review_site(site: Site, cases: int = 6, seed: int = 5) -> ReviewSite:
    with site.open() as ws:
        users = UserService(ws)
        users.add_user(PI, "Pia Investigator", "pi", "first-pass-1234")
        users.add_user(OTHER_PI, "Paul Investigator", "pi", "first-pass-5678")
    for name, first, final in (
        (PI, "first-pass-1234", PI_PASSWORD),
        (OTHER_PI, "first-pass-5678", OTHER_PI_PASSWORD),
    ):
        with site.open(name, first) as ws:
            UserService(ws).change_own_password(first, final)
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        service = CaseService(ws)
        for plan in plan_cases(random.Random(seed), cases):
            enter_case(service, plan, lambda: None)
        listed = service.list_cases()
    complete = [c.registry_id for c in listed if c.status == "complete"]
    drafts = [c.registry_id for c in listed if c.status == "draft"]
    assert complete and drafts, "the planner is expected to give both (seed 5)"
    return ReviewSite(site.folder, site.clock, complete, drafts)


def some_answer(cases: CaseService, registry_id: str) -> tuple[ItemAddress, Entry]:
    """A stored answer of the patient form that may be changed to "unknown" (missing UNK)."""
    data = cases.get_case(registry_id)
    form = data.forms["patient"]
    for group_id, rows in form.groups.items():
        for row in rows:
            for item_id, entry in row.entries.items():
                item = cases.definition.item(item_id)
                if entry.value is not None and "UNK" in item.missing:
                    assert row.key is not None
                    return ItemAddress("patient", group_id, row.key, item_id), entry
    raise AssertionError("no answer that may be unknown on the patient form")


def change_answer(
    cases: CaseService, registry_id: str, address: ItemAddress, entry: Entry, reason: str
) -> None:
    """Save the case's form with one answer replaced by ``entry``."""
    data = cases.get_case(registry_id)
    form = data.forms[address.form_id]
    groups = {
        group_id: [
            RowData(
                row.key,
                {**row.entries, address.item_id: entry}
                if (group_id, row.key) == (address.group_id, address.row_key)
                else row.entries,
            )
            for row in rows
        ]
        for group_id, rows in form.groups.items()
    }
    cases.save_form(registry_id, address.form_id, groups, reason=reason)
