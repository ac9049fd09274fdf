"""A demo registry of synthetic cases from several centres, so that a coordinator has data to see.

:func:`make_demo_registry` makes a registry workspace the way a real one fills up. The registry
is set up first (:func:`create_registry`) and its public key written out; then each demo centre
(:data:`DEMO_SITES`, five hospitals in four countries, every name marked as a demo) gets a site
workspace of its own, in a hidden scratch folder inside the demo folder, with its keys, trusting
the registry's. Over a few months of demo time, in rounds, each site's demo nurse enters
synthetic cases through :class:`CaseService` (the site demo's planner, complete cases only), its
demo PI signs them with a real e-signature and makes a signed, encrypted batch
(:class:`ExportService`), and the coordinator imports it (:class:`ImportService`), writing the
acknowledgement into the scratch folder. So every case, batch, centre key and audit entry the
coordinator sees went through the same pipeline as real work. The scratch folder is removed at
the end, on failure and on cancel: only the registry workspace remains.

The cases' dates of registration lie within :data:`REGISTRATIONS` (three years; centres join
during the first year), so the registrations over time, the reasons for registration, the Sokal
groups and the progression-free survival of the reports have something to show. The site demo's
planner spreads dates of diagnosis over 2002–2016; only its complete cases registered in the
window are taken.

The folder is replaced only when it is a demo workspace (the site demo's marker file and
:func:`~cmlentry.services.demo.is_demo_folder`); anything else is refused (:class:`NotADemoFolder`).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cmlentry.crypto.keyslots import KdfPolicy
from cmlentry.domain.accounts import SiteDetails
from cmlentry.errors import Cancelled
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import COMPLETE, CaseService
from cmlentry.services.demo import (
    DEMO_ADMIN,
    DEMO_NURSE,
    DEMO_PASSWORD,
    DEMO_PI,
    DEMO_POLICY,
    FIRST_PASSWORD,
    FORMS,
    MARKER,
    MARKER_TEXT,
    REASONS,
    CasePlan,
    DemoClock,
    DemoUser,
    DemoWorkspace,
    default_demo_folder,
    enter_case,
    plan_case,
    prepare_demo_folder,
    remove_partial_demo,
)
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import create_registry, open_central_store
from cmlentry.services.review import ReviewService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Clock, Workspace, create_workspace, open_workspace
from cmlentry.storage.audit import utc_now

log = logging.getLogger(__name__)

REGISTRY_NAME = "Demo registry (synthetic cases)"
DEMO_COORDINATOR = DemoUser("demo", "Demo registry coordinator", "coordinator")
"""The demo registry's one user; logs in with :data:`DEMO_PASSWORD`."""
SCRATCH = ".demo-sites"  # the sites' workspaces, batches and acknowledgements while making
REGISTRATIONS = (dt.date(2007, 1, 1), dt.date(2009, 12, 31))
LAST_JOIN_MONTHS = 24  # a centre joins with at least a year of the window left
"""The first and last day a demo case may have been registered on (Form A)."""
BATCH_SHARES = (0.45, 0.35, 0.20)  # each site sends its cases in three batches, oldest first
DAYS = 180  # the demo's set-up, entry, batches and imports happen over the last half year
_DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True)
class DemoCentre:
    """One demo centre: its details, its size and when its first registration fell.

    Attributes:
        site: Country, centre code and name (the name says it is a demo).
        size: Cases relative to ``cases_per_site`` (1.0: as many).
        joined_months: Months after the start of :data:`REGISTRATIONS` of its first case.
    """

    site: SiteDetails
    size: float = 1.0
    joined_months: int = 0

    def __post_init__(self) -> None:
        # The planner is searched for cases registered after the centre joined: a centre
        # joining after the window would search for ever.
        if not 0 <= self.joined_months <= LAST_JOIN_MONTHS:
            raise ValueError(f"a demo centre joins 0 to {LAST_JOIN_MONTHS} months in")


DEMO_SITES = (
    DemoCentre(SiteDetails("DE", "012", "Ulm demo centre (synthetic cases)"), 1.3, 0),
    DemoCentre(SiteDetails("FR", "086", "Lyon demo centre (synthetic cases)"), 1.1, 2),
    DemoCentre(SiteDetails("IT", "014", "Milano demo centre (synthetic cases)"), 1.0, 5),
    DemoCentre(SiteDetails("ES", "021", "Madrid demo centre (synthetic cases)"), 0.9, 9),
    DemoCentre(SiteDetails("FR", "031", "Toulouse demo centre (synthetic cases)"), 0.7, 12),
)
"""Five centres in four countries; with 40 cases a site, 200 cases in all."""


def default_demo_registry_folder() -> Path:
    """Where the demo registry is kept: beside the site demo, ``demo-registry``."""
    return default_demo_folder().parent / "demo-registry"


def make_demo_registry(
    folder: Path | None = None,
    *,
    sites: Sequence[DemoCentre] = DEMO_SITES,
    cases_per_site: int = 40,
    seed: int = 2026,
    clock: Clock = utc_now,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
    policy: KdfPolicy = DEMO_POLICY,
) -> DemoWorkspace:
    """Make a demo registry workspace holding the signed batches of ``sites``.

    A previous demo (site or registry) in ``folder`` is replaced; anything else is refused. On
    failure or when cancelled nothing is left behind: neither the registry nor the sites.

    Args:
        folder: New, empty, or a previous demo; default :func:`default_demo_registry_folder`.
        sites: The centres that send cases (distinct codes).
        cases_per_site: Cases of a centre of size 1.0 (at least one case per centre).
        seed: The random seed: the same seed gives the same cases.
        clock: The current time; everything is dated in the :data:`DAYS` before it.
        progress: Called with (steps done, steps in all) after each case entered and each
            batch imported.
        cancelled: Polled before each case and each batch; True stops and removes everything.
        policy: The key slots' Argon2id policy (the site demo's, see ``DEMO_POLICY``).

    Returns:
        Where the registry is, and the demo coordinator's user name and password.

    Raises:
        NotADemoFolder: ``folder`` holds something that is not a demo.
        WorkspaceInUse: The previous demo there is open in another window.
        Cancelled: ``cancelled`` returned True.
    """
    folder = (folder or default_demo_registry_folder()).expanduser().absolute()
    existed = prepare_demo_folder(folder)
    demo_clock = DemoClock(clock(), days=DAYS)
    counts = [max(1, round(cases_per_site * centre.size)) for centre in sites]
    try:
        _make(
            folder,
            list(zip(sites, counts, strict=True)),
            seed,
            demo_clock,
            progress,
            cancelled,
            policy,
        )
        (folder / MARKER).write_text(MARKER_TEXT, "utf-8")
    except BaseException:
        # The scratch folder is ours: prepare_demo_folder refused any folder that already held one.
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        remove_partial_demo(folder, remove_folder=not existed)
        raise
    log.info("demo registry made (%d centres, %d synthetic cases)", len(sites), sum(counts))
    return DemoWorkspace(folder, DEMO_COORDINATOR.username, DEMO_PASSWORD)


# --- making it ------------------------------------------------------------------------------------


class _Steps:
    """Progress over the cases entered and the batches imported; the cancel flag between them."""

    def __init__(
        self, total: int, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> None:
        self.done, self.total = 0, total
        self._progress, self._cancelled = progress, cancelled

    def check(self) -> None:
        if self._cancelled():
            raise Cancelled()

    def step(self) -> None:
        self.done += 1
        self._progress(self.done, self.total)


def _make(
    folder: Path,
    centres: list[tuple[DemoCentre, int]],
    seed: int,
    clock: DemoClock,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    policy: KdfPolicy,
) -> None:
    created = create_registry(
        folder,
        REGISTRY_NAME,
        DEMO_COORDINATOR.username,
        DEMO_COORDINATOR.printed_name,
        DEMO_PASSWORD,
        clock=clock,
        policy=policy,
    )
    scratch = folder / SCRATCH
    for made in (scratch, scratch / "batches", scratch / "acks"):
        made.mkdir()
    rounds = [_batch_sizes(count) for _, count in centres]
    batches = sum(1 for sizes in rounds for size in sizes if size)
    steps = _Steps(sum(count for _, count in centres) + batches, progress, cancelled)
    progress(0, steps.total)
    start = clock.now
    with created.created.workspace as registry:
        store = open_central_store(registry)
        try:
            registry_key = scratch / "registry.cmlkey"
            KeyService(registry).export_registry_public_key(registry_key)
            sites = []
            for centre, count in centres:
                steps.check()
                clock.move(60 * 24)  # a centre a day: keys exchanged, fingerprints read by phone
                site = _DemoSite(centre, count, scratch, seed, clock, policy)
                CentreService(registry, store).register(site.set_up(registry_key))
                sites.append(site)
            importer = ImportService(registry, store)
            for index in range(len(BATCH_SHARES)):
                _advance_to(clock, start + dt.timedelta(days=DAYS * (0.1 + 0.3 * index)))
                for site, sizes in zip(sites, rounds, strict=True):
                    if sizes[index]:
                        _send_and_import(site, sizes[index], importer, scratch / "acks", steps)
        finally:
            store.close()
    shutil.rmtree(scratch)


def _send_and_import(
    site: _DemoSite, count: int, importer: ImportService, acks: Path, steps: _Steps
) -> None:
    batch = site.send(count, steps)
    site.clock.move(60 * 24 * site.rng.uniform(0.5, 3))  # on its way to the registry
    steps.check()
    outcome = importer.import_file(batch, acks)
    if outcome.error is not None:
        raise outcome.error
    if outcome.rejected:
        log.warning("demo registry: %d cases rejected by the import", len(outcome.rejected))
    steps.step()
    site.clock.move(60 * 24 * site.rng.uniform(1, 4))


class _DemoSite:
    """One demo centre's site workspace in the scratch folder, and its cases still to enter."""

    def __init__(
        self,
        centre: DemoCentre,
        count: int,
        scratch: Path,
        seed: int,
        clock: DemoClock,
        policy: KdfPolicy,
    ) -> None:
        self.site = centre.site
        code = f"{centre.site.country}-{centre.site.centre_code}"
        self.folder = scratch / code
        self.key_file = scratch / f"{code}.cmlkey"
        self.outbox = scratch / "batches"
        self.clock, self.policy = clock, policy
        # A generator per centre: adding a centre does not change the others' cases.
        self.rng = random.Random(f"{seed}:{code}")  # noqa: S311 - synthetic data
        first = REGISTRATIONS[0] + dt.timedelta(days=round(centre.joined_months * _DAYS_PER_MONTH))
        self.plans = _plans(self.rng, first, REGISTRATIONS[1])
        # Entered in the order they were registered, so each batch brings the newer ones.
        self.waiting = sorted((next(self.plans) for _ in range(count)), key=_registered)

    def _open(self, user: DemoUser, password: str = DEMO_PASSWORD) -> Workspace:
        return open_workspace(
            self.folder, user.username, password, clock=self.clock, policy=self.policy
        )

    def set_up(self, registry_key: Path) -> Path:
        """Make the workspace, its keys and users; return the site's public key file."""
        created = create_workspace(
            self.folder,
            self.site,
            DEMO_ADMIN.username,
            DEMO_ADMIN.printed_name,
            DEMO_PASSWORD,
            clock=self.clock,
            policy=self.policy,
        )
        with created.workspace as admin:
            keys = KeyService(admin)
            keys.make_site_keys(self.site)
            keys.trust_registry_key(registry_key)
            keys.export_site_public_key(self.key_file)
            users = UserService(admin)
            for user in (DEMO_NURSE, DEMO_PI):
                users.add_user(user.username, user.printed_name, user.role, FIRST_PASSWORD)
        for user in (DEMO_NURSE, DEMO_PI):
            self.clock.move(10)
            with self._open(user, FIRST_PASSWORD) as ws:
                UserService(ws).change_own_password(FIRST_PASSWORD, DEMO_PASSWORD)
        return self.key_file

    def send(self, count: int, steps: _Steps) -> Path:
        """The nurse enters the next ``count`` cases, the PI signs them and makes a batch."""
        today = self.clock.end.date()
        with self._open(DEMO_NURSE) as ws:
            service = CaseService(ws, today=today)
            for plan in self.waiting[:count]:
                steps.check()
                self._enter(service, plan)
                steps.step()
        del self.waiting[:count]
        self.clock.move(60 * 24 * self.rng.uniform(1, 3))  # the PI's review, a few days later
        with self._open(DEMO_PI) as ws:
            review = ReviewService(ws, CaseService(ws, today=today))
            for entry in review.queue():
                if entry.ready:
                    self.clock.move(self.rng.uniform(1, 4))
                    review.sign(entry.registry_id, DEMO_PI.username, DEMO_PASSWORD)
            self.clock.move(15)
            return ExportService(ws).export(self.outbox).path

    def _enter(self, service: CaseService, plan: CasePlan) -> None:
        def tick() -> None:
            self.clock.move(self.rng.uniform(1, 5))

        registry_id = enter_case(service, plan, tick)
        # Should a seed leave a planned form not ready, the case stays a draft at the site
        # (never sent, as a real one would not be) and another is entered in its place.
        while service.get_case(registry_id).status != COMPLETE:
            registry_id = enter_case(service, next(self.plans), tick)


def _plans(rng: random.Random, first: dt.date, last: dt.date) -> Iterator[CasePlan]:
    """The planner's complete cases registered from ``first`` to ``last``, without end."""
    serial = len(REASONS)  # past the first seven, which the planner treats as a showcase
    while True:
        plan = plan_case(rng, serial, REASONS[serial % len(REASONS)])
        serial += 1
        complete = plan.saved == plan.completed == len(FORMS)
        if complete and first <= _registered(plan) <= last:
            yield plan


def _registered(plan: CasePlan) -> dt.date:
    entry = plan.forms["registration"]["registration"][0]["registration_date"]
    return dt.date.fromisoformat(entry.value or "")


def _batch_sizes(count: int) -> list[int]:
    """``count`` cases split into :data:`BATCH_SHARES` (a share may round to no batch)."""
    bounds, share = [], 0.0
    for part in BATCH_SHARES[:-1]:
        share += part
        bounds.append(round(count * share))
    bounds.append(count)
    return [high - low for low, high in zip([0, *bounds], bounds, strict=False)]


def _advance_to(clock: DemoClock, moment: dt.datetime) -> None:
    clock.move(max(0.0, (moment - clock.now).total_seconds() / 60))
