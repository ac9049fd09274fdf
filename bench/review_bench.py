"""The PI's review: the queue, a signature, its verification, and the case list with review counts.

On a site workspace with ``cases`` complete cases entered through the case service (the demo's
planner, as the batch benchmarks make them) and a PI:

* ``queue()`` with every case waiting, against ``list_cases()`` on the same workspace (the
  baseline measured in the same run: the queue reads more per case, the ratio says how much);
* ``sign()`` of one case, split into the identity check (Argon2id with the workspace's policy,
  the same cost as an unlock) and the rest (content hash, checks, the audited write);
* ``check_signature()`` of a signed case (it re-reads the case and re-hashes its content);
* ``queue()`` again once half of the cases are signed (a quarter of those unlocked again, back in
  the queue with a last signature) and each of the others has a query.
"""

from __future__ import annotations

import random
import time
from typing import Any

from bench import report
from bench.batch_world import complete_plans
from bench.common import PASSWORD, SITE, USERNAME, Summary, local_tempdir, ms, now
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.cases import CaseService
from cmlentry.services.demo import enter_case
from cmlentry.services.desk import Desk
from cmlentry.services.review import ItemAddress
from cmlentry.services.users import UserService
from cmlentry.services.workspace import create_workspace, open_workspace

PI = "benchpi"
PI_PASSWORD = "bench-only PI phrase 8"  # noqa: S105 - a throw-away workspace
QUEUE_BUDGET = 1.0  # s: the review queue opens as fast as the case list's budget


def review(cases: int, runs: int) -> dict[str, Any]:
    with local_tempdir("review") as tmp:
        folder = tmp / "site"
        created = create_workspace(
            folder, SITE, USERNAME, "Bench Admin", PASSWORD, policy=OWASP_FLOOR
        )
        with created.workspace as ws:
            UserService(ws).add_user(PI, "Bench Investigator", "pi", "first-pass-1234")
            service = CaseService(ws)
            for plan in complete_plans(random.Random(7), cases, 1000):
                enter_case(service, plan, lambda: None)
        with open_workspace(folder, PI, "first-pass-1234", policy=OWASP_FLOOR) as ws:
            UserService(ws).change_own_password("first-pass-1234", PI_PASSWORD)
        with open_workspace(folder, PI, PI_PASSWORD, policy=OWASP_FLOOR) as ws:
            desk = Desk.for_workspace(ws)
            waiting = [e.registry_id for e in desk.review.queue()]
            listing = _timed(runs, desk.cases.list_cases)
            queue = _timed(runs, desk.review.queue)
            identity, signing, checks = [], [], []
            for registry_id in waiting[: len(waiting) // 2]:
                start = now()
                ws.confirm_identity(PI, PI_PASSWORD, "bench")
                identity.append(now() - start)
                start = now()
                desk.review.sign(registry_id, PI, PI_PASSWORD)
                signing.append(now() - start)
                start = now()
                desk.review.check_signature(registry_id)
                checks.append(now() - start)
            for registry_id in waiting[len(waiting) // 2 :]:
                data = desk.cases.get_case(registry_id).forms["diagnosis"]
                group_id, rows = next(iter(data.groups.items()))
                item_id = next(iter(rows[0].entries))
                address = ItemAddress("diagnosis", group_id, rows[0].key or 1, item_id)
                desk.queries.raise_query(registry_id, address, "Please check.")
            # A quarter of the signed cases unlocked again: back in the queue with a last
            # signature, so the queue reads their changes since it.
            for registry_id in waiting[: len(waiting) // 8]:
                desk.review.unlock(registry_id, "bench: a value to correct")
            queue_after = _timed(runs, desk.review.queue)
    sign_rest = [total - kdf for total, kdf in zip(signing, identity, strict=True)]
    return {
        "cases": cases,
        "runs": runs,
        "waiting": len(waiting),
        "list_cases": listing.as_dict(),
        "queue": queue.as_dict(),
        "queue_ratio": queue.median / listing.median,
        "identity": Summary.of(identity).as_dict(),
        "sign_without_identity": Summary.of(sign_rest).as_dict(),
        "check_signature": Summary.of(checks).as_dict(),
        "queue_after": queue_after.as_dict(),
    }


def _timed(runs: int, call: Any) -> Summary:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return Summary.of(samples)


def rows(result: dict[str, Any]) -> list[report.Row]:
    queue, listing = result["queue"], result["list_cases"]
    return [
        report.heading(
            f"PI review: {result['cases']:,} complete cases, {result['runs']} runs each"
        ),
        report.under("review queue, every case waiting, median", queue["median"], QUEUE_BUDGET),
        report.info("  list_cases() on the same workspace (baseline)", ms(listing["median"])),
        report.info("  queue / list_cases", f"{result['queue_ratio']:.1f}x"),
        report.under(
            "review queue, half signed (some unlocked), half with a query",
            result["queue_after"]["median"],
            QUEUE_BUDGET,
        ),
        report.info("sign: identity check (Argon2id), median", ms(result["identity"]["median"])),
        report.info(
            "sign: the rest (hash, checks, audited write), median",
            ms(result["sign_without_identity"]["median"]),
        ),
        report.info("check_signature(), median", ms(result["check_signature"]["median"])),
    ]
