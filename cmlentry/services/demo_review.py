"""The demo workspace's review: what a PI and a nurse did after the cases were entered.

So that a person trying the demo sees every part of the review at work: about half of the
complete cases verified against source (the diagnosis form) and signed by the demo PI, a quarter
with a query on one answer, half of those answered by the demo nurse (the rest still open), and
the remaining complete cases waiting in the review queue. Everything goes through the same
services and audit trail as real work; the signatures are real, made with the demo password.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

from cmlentry.crypto.keyslots import KdfPolicy
from cmlentry.services.cases import COMPLETE, CaseService
from cmlentry.services.queries import QueryService
from cmlentry.services.review import ItemAddress, ReviewService
from cmlentry.services.workspace import Clock, open_workspace

QUESTIONS = (
    "Please check this value against the laboratory report.",
    "The date looks late compared with the clinic letter: please confirm.",
    "Is this the value before or after the start of imatinib?",
)
ANSWERS = (
    "Checked against the source document: the value is right.",
    "Confirmed with the clinic letter of that day.",
)


def review_demo_cases(
    folder: Path,
    *,
    pi: tuple[str, str],
    nurse: tuple[str, str],
    clock: Clock,
    move: Callable[[float], None],
    policy: KdfPolicy,
    rng: random.Random,
    today: dt.date,
) -> None:
    """Review the demo's complete cases as the PI, then answer some queries as the nurse.

    Args:
        folder: The demo workspace, closed.
        pi: The demo PI's user name and password.
        nurse: The demo nurse's user name and password.
        clock: The demo's clock; ``move`` advances it by minutes between acts.
        policy: The key slots' Argon2id policy (a signature re-checks the PI's password).
        rng: The demo's random generator (same seed, same review).
        today: The demo's "today" for the validation (the day the demo is made).
    """
    raised: list[str] = []
    with open_workspace(folder, pi[0], pi[1], clock=clock, policy=policy) as ws:
        cases = CaseService(ws, today=today)
        review = ReviewService(ws, cases)
        queries = QueryService(ws, cases)
        complete = [c.registry_id for c in cases.list_cases() if c.status == COMPLETE]
        signed, queried = len(complete) // 2, max(2, len(complete) // 4)
        for registry_id in complete[:signed]:
            for address in _answers(cases, registry_id, "diagnosis"):
                review.set_verified(registry_id, address, True)
            move(3)
            review.sign(registry_id, pi[0], pi[1])
        for registry_id in complete[signed : signed + queried]:
            address = rng.choice(_answers(cases, registry_id, "diagnosis"))
            move(2)
            raised.append(queries.raise_query(registry_id, address, rng.choice(QUESTIONS)).id)
    with open_workspace(folder, nurse[0], nurse[1], clock=clock, policy=policy) as ws:
        queries = QueryService(ws, CaseService(ws, today=today))
        for query_id in raised[::2]:
            move(5)
            queries.answer(query_id, rng.choice(ANSWERS))


def _answers(cases: CaseService, registry_id: str, form_id: str) -> list[ItemAddress]:
    form = cases.get_case(registry_id).forms[form_id]
    return [
        ItemAddress(form_id, group_id, row.key or 1, item_id)
        for group_id, rows in form.groups.items()
        for row in rows
        for item_id, entry in row.entries.items()
        if not entry.is_empty
    ]
