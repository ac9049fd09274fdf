"""A demo workspace of synthetic cases, so that a newcomer sees a living application at once.

``cmlentry gui --demo`` calls :func:`make_demo_workspace`: a new workspace with a demo nurse, PI
and administrator (:data:`DEMO_USERS`, one shared password, no first-login change) and a few
hundred synthetic cases entered by the demo nurse through :class:`CaseService` — ``save_form``
and ``mark_complete`` — so the validation, the derived values and the audit trail are real.

The cases are made up from a seeded random generator, the same seed giving the same cases:

* every one of the seven Form A reasons, each with the assessments that support it (a failing
  3-month visit for "No CHR", a Ph+ marrow above 95 % at 6 months for "Not any CyR", ...),
  and dates in order: diagnosis < imatinib start < failure < registration < decision;
* a spread of sexes, ages, prior interferon, dose changes, interruptions, adverse events,
  next treatments and follow-up;
* the states of a registry at work: cases complete, partly complete and in progress, some with
  soft warnings (some overridden with a reason), some with hard errors to fix, some corrected
  with a reason after completion (so the history of a field shows something).

No identities are made up: the identification list stays empty.

A folder is replaced only when it is a demo workspace: the file :data:`MARKER` beside the
database says so, and nothing else than a workspace's own files is in it. A real workspace is
never replaced (:class:`NotADemoFolder`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import filelock
import platformdirs

from cmlentry.crypto.keyslots import OWASP_FLOOR, KdfPolicy
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.values import Entry
from cmlentry.errors import Cancelled, CmlentryError, FormNotReady, WorkspaceInUse
from cmlentry.fileio import translated_os_errors
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import resources_folder
from cmlentry.services.demo_review import review_demo_cases
from cmlentry.services.keys import KeyService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Clock, create_workspace, open_workspace
from cmlentry.storage.audit import utc_now
from cmlentry.storage.workspace import DB_NAME, LOCK_NAME, SLOTS_NAME

log = logging.getLogger(__name__)

MARKER = "DEMO"
MARKER_TEXT = (
    "cmlentry demo workspace: synthetic cases only, no patient data.\n"
    "'cmlentry gui --demo' may replace this folder.\n"
)
# What a demo folder may hold: the workspace's own files and the marker, nothing else.
_DEMO_FILES = frozenset(
    {
        MARKER,
        DB_NAME,
        f"{DB_NAME}-wal",
        f"{DB_NAME}-shm",
        f"{DB_NAME}.rotated",
        SLOTS_NAME,
        LOCK_NAME,
    }
)


def _is_demo_file(name: str) -> bool:
    # The slot file is written through a temp file (.keyslots.json.XXXX.tmp) a crash may leave.
    return name in _DEMO_FILES or (name.startswith(f".{SLOTS_NAME}.") and name.endswith(".tmp"))


DEMO_SITE = SiteDetails("FR", "999", "Demo hospital (synthetic cases)")
# One password for the three demo users; it meets the password policy (and contains no name).
TRAINING_REGISTRY_KEY = "training-registry.cmlkey"  # resources/keys/: for training and demos
DEMO_PASSWORD = "cml-registry-2026"  # noqa: S105 - a published demo password, synthetic data
FIRST_PASSWORD = "first-login-8421"  # noqa: S105 - replaced at once by DEMO_PASSWORD
# The demo's key slots are made at OWASP's floor (security.md: never below it), not at the
# application's policy: nine Argon2id runs at 64 MiB would cost the newcomer over a second for
# synthetic data. Each slot is upgraded to the application's policy at that user's first login,
# as every slot is when the policy rises.
DEMO_POLICY = OWASP_FLOOR


@dataclass(frozen=True)
class DemoUser:
    username: str
    printed_name: str
    role: str


DEMO_NURSE = DemoUser("demo", "Demo research nurse", "nurse")
DEMO_PI = DemoUser("demo-pi", "Demo principal investigator", "pi")
DEMO_ADMIN = DemoUser("demo-admin", "Demo site administrator", "site_admin")
DEMO_USERS = (DEMO_NURSE, DEMO_PI, DEMO_ADMIN)
"""The demo's users; each logs in with :data:`DEMO_PASSWORD`."""


@dataclass(frozen=True)
class DemoWorkspace:
    """A demo workspace ready to unlock, and who to unlock it as (the demo nurse)."""

    folder: Path
    username: str
    password: str


class NotADemoFolder(CmlentryError):
    code = "demo.not_a_demo_folder"
    template = (
        "{folder} holds files that are not a demo workspace, so cmlentry will not replace them. "
        "Choose another folder for the demo; nothing was changed."
    )


def default_demo_folder() -> Path:
    """Where ``cmlentry gui --demo`` keeps its workspace: the user data folder's ``demo``."""
    return Path(platformdirs.user_data_dir("cmlentry", appauthor=False)) / "demo"


# --- the folder -----------------------------------------------------------------------------------


def is_demo_folder(folder: Path) -> bool:
    """True when ``folder`` holds a demo workspace's files and nothing else."""
    marker = folder / MARKER
    try:
        if marker.read_text("utf-8") != MARKER_TEXT:
            return False
        return all(_is_demo_file(path.name) for path in folder.iterdir())
    except OSError:
        return False


def _clear(folder: Path) -> None:
    """Remove a demo workspace's files (the folder stays); refused while it is open."""
    lock = filelock.FileLock(str(folder / LOCK_NAME), timeout=0, is_singleton=False)
    try:
        lock.acquire()
    except filelock.Timeout as exc:
        raise WorkspaceInUse() from exc
    try:
        with translated_os_errors(folder):
            for path in folder.iterdir():
                if path.name not in (LOCK_NAME, MARKER):
                    path.unlink()
            # The marker goes last: a folder left half-cleared is still known as a demo.
            (folder / MARKER).unlink(missing_ok=True)
    finally:
        lock.release()
    with contextlib.suppress(OSError):
        (folder / LOCK_NAME).unlink()


def prepare_demo_folder(folder: Path) -> bool:
    """Make ``folder`` ready for a new demo; return whether it existed before."""
    if not folder.exists():
        return False
    if not folder.is_dir():
        raise NotADemoFolder(folder=str(folder))
    if any(folder.iterdir()):
        if not is_demo_folder(folder):
            raise NotADemoFolder(folder=str(folder))
        _clear(folder)
    return True


def remove_partial_demo(folder: Path, *, remove_folder: bool) -> None:
    """Remove what a failed or cancelled demo left in ``folder`` (and ``folder`` if it is new)."""
    for path in folder.iterdir() if folder.is_dir() else ():
        if _is_demo_file(path.name):
            with contextlib.suppress(OSError):
                path.unlink()
    if remove_folder:
        with contextlib.suppress(OSError):
            folder.rmdir()


# --- the clock ------------------------------------------------------------------------------------


class DemoClock:
    """Time as the demo's data entry saw it: the past weeks, moving a few minutes per save.

    The demo's audit trail and case list then show a plausible spread of dates, all before the
    moment the demo is opened (so nothing real is ever flagged as written with a clock gone
    backwards).
    """

    def __init__(self, end: dt.datetime, days: int) -> None:
        self.now = end - dt.timedelta(days=days)
        self.end = end - dt.timedelta(hours=1)

    def __call__(self) -> dt.datetime:
        return self.now

    def move(self, minutes: float) -> None:
        self.now = min(self.now + dt.timedelta(minutes=minutes), self.end)


# --- making it ------------------------------------------------------------------------------------


def make_demo_workspace(
    folder: Path,
    *,
    cases: int = 150,
    seed: int = 2026,
    clock: Clock = utc_now,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
    policy: KdfPolicy = DEMO_POLICY,
) -> DemoWorkspace:
    """Make a demo workspace of ``cases`` synthetic cases in ``folder``.

    A previous demo workspace there is replaced; anything else is refused. On failure or when
    cancelled, nothing is left behind (an earlier demo there is gone either way).

    Args:
        folder: New, empty, or a previous demo workspace.
        cases: How many cases to enter (at most 9,999, the sequence of one centre).
        seed: The random seed: the same seed gives the same cases.
        clock: The current time; the demo's data entry is dated in the weeks before it.
        progress: Called with (cases done, cases in all) after each case.
        cancelled: Polled between cases; True stops and removes the partial workspace.
        policy: The key slots' Argon2id policy (see :data:`DEMO_POLICY`).

    Returns:
        Where the workspace is, and the demo nurse's user name and password.

    Raises:
        NotADemoFolder: ``folder`` holds something that is not a demo workspace.
        WorkspaceInUse: The previous demo workspace is open in another window.
        Cancelled: ``cancelled`` returned True.
    """
    folder = folder.expanduser().absolute()
    existed = prepare_demo_folder(folder)
    demo_clock = DemoClock(clock(), days=max(14, min(120, cases)))
    try:
        _make(folder, cases, seed, demo_clock, progress, cancelled, policy)
        (folder / MARKER).write_text(MARKER_TEXT, "utf-8")
    except BaseException:
        remove_partial_demo(folder, remove_folder=not existed)
        raise
    log.info("demo workspace made (%d synthetic cases)", cases)
    return DemoWorkspace(folder, DEMO_NURSE.username, DEMO_PASSWORD)


def _make(
    folder: Path,
    count: int,
    seed: int,
    clock: DemoClock,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    policy: KdfPolicy,
) -> None:
    created = create_workspace(
        folder,
        DEMO_SITE,
        DEMO_ADMIN.username,
        DEMO_ADMIN.printed_name,
        DEMO_PASSWORD,
        clock=clock,
        policy=policy,
    )
    with created.workspace as admin:
        users = UserService(admin)
        for user in (DEMO_NURSE, DEMO_PI):
            users.add_user(user.username, user.printed_name, user.role, FIRST_PASSWORD)
        # Keys as a real set-up makes them, and the training registry's key, so that the demo
        # PI can make a batch (it can only be read by the training registry, never a real one).
        keys = KeyService(admin)
        keys.make_site_keys(DEMO_SITE)
        keys.trust_registry_key(resources_folder() / "keys" / TRAINING_REGISTRY_KEY)
    clock.move(5)
    with open_workspace(folder, DEMO_PI.username, FIRST_PASSWORD, clock=clock, policy=policy) as pi:
        UserService(pi).change_own_password(FIRST_PASSWORD, DEMO_PASSWORD)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible by its seed
    plans = plan_cases(rng, count)
    progress(0, count)
    minutes = (clock.end - clock.now).total_seconds() / 60 / max(1, count) / 12
    clock.move(5)
    with open_workspace(
        folder, DEMO_NURSE.username, FIRST_PASSWORD, clock=clock, policy=policy
    ) as nurse:
        UserService(nurse).change_own_password(FIRST_PASSWORD, DEMO_PASSWORD)
        service = CaseService(nurse, today=clock.end.date())
        for done, plan in enumerate(plans, start=1):
            if cancelled():
                raise Cancelled()
            enter_case(service, plan, lambda: clock.move(minutes * (0.5 + rng.random())))
            progress(done, count)
    review_demo_cases(
        folder,
        pi=(DEMO_PI.username, DEMO_PASSWORD),
        nurse=(DEMO_NURSE.username, DEMO_PASSWORD),
        clock=clock,
        move=clock.move,
        policy=policy,
        rng=rng,
        today=clock.end.date(),
    )


# --- entering one case ----------------------------------------------------------------------------

CaseForms = dict[str, dict[str, list[dict[str, Entry]]]]
FORMS = (
    "patient",
    "diagnosis",
    "prior_therapy",
    "imatinib",
    "assessments",
    "toxicity",
    "registration",
    "decision",
    "follow_up",
)


@dataclass(frozen=True)
class CasePlan:
    """One synthetic case and how far its data entry has gone.

    Attributes:
        forms: Every form's answers, consistent with each other.
        saved: How many forms (in :data:`FORMS` order) have been saved.
        completed: How many of the saved forms are then marked complete.
        corrections: Answers changed with a reason after completion: (form, group, row index,
            item, new entry, reason).
    """

    forms: CaseForms
    saved: int
    completed: int
    corrections: tuple[tuple[str, str, int, str, Entry, str], ...] = ()


def enter_case(service: CaseService, plan: CasePlan, tick: Callable[[], None]) -> str:
    """Enter ``plan`` through ``service`` as a nurse would; return the new registry ID."""
    registry_id = service.create_case()
    for form_id in FORMS[: plan.saved]:
        tick()
        service.save_form(registry_id, form_id, _rows(plan.forms[form_id]))
    for form_id in FORMS[: plan.completed]:
        tick()
        try:
            service.mark_complete(registry_id, form_id)
        except FormNotReady:
            # The plan is meant to be ready; should a seed make one form not so, the case
            # simply stays a draft there, as a real one would.
            log.debug("a demo form was not ready to complete")
    for form_id, group_id, index, item_id, entry, reason in plan.corrections:
        tick()
        groups = service.get_case(registry_id).forms[form_id].groups
        rows = [RowData(row.key, dict(row.entries)) for row in groups.get(group_id, ())]
        if index < len(rows):
            rows[index].entries[item_id] = entry  # type: ignore[index]
            service.save_form(registry_id, form_id, {**groups, group_id: rows}, reason=reason)
    return registry_id


def _rows(groups: dict[str, list[dict[str, Entry]]]) -> dict[str, list[RowData]]:
    return {group_id: [RowData(None, row) for row in rows] for group_id, rows in groups.items()}


# --- the synthetic cases --------------------------------------------------------------------------

REASONS = (
    "NO_CHR",
    "NO_CYR",
    "NO_MCYR",
    "HAEM_RELAPSE",
    "CYTO_RELAPSE",
    "PROGRESSION",
    "TOXICITY",
)
DAYS_PER_MONTH = 30.4375
OVERRIDES = (
    "confirmed with the source document",
    "value checked with the laboratory report",
    "confirmed by the investigator",
    "as recorded in the clinic letter",
)
LATE_START = "interferon first, as was usual at the time"
CORRECTIONS = (
    "corrected from the source document",
    "typing error corrected",
    "updated after the monitoring visit",
)


def _e(value: object = None, missing: str | None = None, override: str | None = None) -> Entry:
    """An answer as the store keeps it (numbers in their canonical text: 12, not 12.0)."""
    text: str | None = None
    if isinstance(value, float):
        number = Decimal(repr(value))
        text = format(number.normalize(), "f") if number == number.to_integral() else str(number)
    elif value is not None:
        text = str(value)
    return Entry(text, missing, override)  # type: ignore[arg-type]


def _day(start: dt.date, months: float) -> dt.date:
    return start + dt.timedelta(days=round(months * DAYS_PER_MONTH))


def _date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def plan_cases(rng: random.Random, count: int) -> list[CasePlan]:
    """``count`` synthetic cases; every run of seven has each Form A reason once."""
    plans = []
    for first in range(0, count, len(REASONS)):
        reasons = list(REASONS)
        rng.shuffle(reasons)
        for serial, reason in enumerate(reasons[: count - first], start=first):
            plans.append(plan_case(rng, serial, reason))
    return plans


def plan_case(rng: random.Random, serial: int, reason: str) -> CasePlan:
    """One synthetic case with ``reason`` on Form A: its answers, and how far it was entered.

    The first seven cases are entered in full (four of them completed), so that even a small
    demo shows every reason in the case list and complete cases beside the drafts.
    """
    forms = _case(rng, reason)
    if serial < len(REASONS):
        stage = "complete" if serial % 2 == 0 else "partly"
    else:
        stage = rng.choices(("complete", "partly", "in_progress", "errors"), (22, 18, 45, 15))[0]
    if stage == "complete":
        _soft_warnings(rng, forms, overridden=True)
        wanted = serial == 0 or rng.random() < 0.35
        return CasePlan(forms, 9, 9, _corrections(rng, forms) if wanted else ())
    if stage == "partly":
        _soft_warnings(rng, forms, overridden=rng.random() < 0.5)
        return CasePlan(forms, 9, rng.randint(1, 6))
    if stage == "in_progress":
        if rng.random() < 0.3:
            _soft_warnings(rng, forms, overridden=rng.random() < 0.5)
        return CasePlan(forms, rng.randint(1, 8), rng.choice((0, 0, 1)))
    _hard_errors(rng, forms)
    if rng.random() < 0.4:
        _soft_warnings(rng, forms, overridden=False)
    return CasePlan(forms, rng.randint(5, 9), 0)


def _case(rng: random.Random, reason: str) -> CaseForms:
    diagnosis = _date(rng, dt.date(2002, 1, 1), dt.date(2016, 12, 31))
    prior_ifn = rng.random() < 0.15
    if prior_ifn:
        ifn_months = rng.randint(4, 30)
        start = _day(diagnosis, ifn_months + rng.uniform(0.5, 2))
    else:
        ifn_months = 0
        start = diagnosis + dt.timedelta(days=rng.randint(7, 80))
    assessments, failure, kind = _assessments(rng, reason, start)
    stop_for_toxicity = reason == "TOXICITY"
    forms: CaseForms = {
        "patient": _patient(rng, diagnosis),
        "diagnosis": _diagnosis(rng, diagnosis),
        "prior_therapy": _prior_therapy(rng, diagnosis, ifn_months),
    }
    next_treatment = rng.choice(
        ("DASATINIB", "DASATINIB", "NILOTINIB", "NILOTINIB", "IMA_UP", "BOSUTINIB", "ALLO_SCT")
    )
    still_on = next_treatment == "IMA_UP" and not stop_for_toxicity
    forms["imatinib"] = _imatinib(rng, start, failure, prior_ifn, still_on, stop_for_toxicity)
    if (start - diagnosis).days > 365:
        # Imatinib after a year of interferon: the late-start warning, confirmed.
        _set(forms, "imatinib", "imatinib", "imatinib_start_date", _e(start, override=LATE_START))
    forms["assessments"] = {"assessment": assessments}
    forms["toxicity"] = _toxicity(rng, start, failure, stop_for_toxicity)
    registration = failure + dt.timedelta(days=rng.randint(10, 90))
    forms["registration"] = {
        "registration": [
            {
                "registration_date": _e(registration),
                "form_a_reason": _e(reason),
                **({"cyto_relapse_kind": _e(kind)} if kind else {}),
                "failure_date": _e(failure),
            }
        ]
    }
    decided = failure + dt.timedelta(days=rng.randint(0, 30))
    forms["decision"] = _decision(rng, next_treatment, decided)
    forms["follow_up"] = _follow_up(rng, max(decided, registration), next_treatment)
    return forms


def _patient(rng: random.Random, diagnosis: dt.date) -> dict[str, list[dict[str, Entry]]]:
    age = rng.choice((rng.randint(22, 45), rng.randint(40, 65), rng.randint(55, 80)))
    row = {
        "sex": _e(rng.choice("MMMFF")),
        "birth_year": _e(diagnosis.year - age),
        "birth_month": _e(rng.randint(1, 12)) if rng.random() < 0.9 else _e(missing="UNK"),
        "prospective_study": _e(rng.choice("NNNNY")),
    }
    if row["prospective_study"].value == "Y":
        row["prospective_study_name"] = _e(rng.choice(("CML-Study IV", "SPIRIT", "TOPS")))
    return {"patient": [row]}


def _diagnosis(rng: random.Random, diagnosis: dt.date) -> dict[str, list[dict[str, Entry]]]:
    untreated = rng.random() < 0.85
    text = diagnosis.isoformat() if rng.random() < 0.75 else diagnosis.isoformat()[:7]
    return {
        "diagnosis": [
            {
                "diagnosis_date": _e(text),
                "phase_at_diagnosis": _e("CP"),
                "baseline_untreated": _e("Y" if untreated else "N"),
                "baseline_date": _e(diagnosis + dt.timedelta(days=rng.randint(0, 6)))
                if rng.random() < 0.9
                else _e(missing="UNK"),
            }
        ],
        "baseline": [
            {
                "wbc": _e(round(rng.uniform(15, 250), 1)),
                "haemoglobin": _e(round(rng.uniform(9, 14.8), 1)),
                "platelets": _e(rng.randint(180, 950)),
                "pb_blasts": _e(rng.randint(0, 6)),
                "pb_basophils": _e(rng.randint(1, 9)),
                "pb_eosinophils": _e(rng.randint(1, 6)),
                "pb_promyelocytes": _e(rng.randint(0, 5))
                if rng.random() < 0.7
                else _e(missing="ND"),
                "spleen_cm": _e(rng.choice((0, 0, 2, 4, 6, 9, 12, 15))),
            }
        ],
        "karyotype": [
            {"aca_at_diagnosis": _e("N")}
            if rng.random() < 0.9
            else {
                "aca_at_diagnosis": _e("Y"),
                "aca_karyotype": _e(rng.choice(("+8", "+Ph", "i(17q)"))),
            }
        ],
    }


def _prior_therapy(
    rng: random.Random, diagnosis: dt.date, ifn_months: int
) -> dict[str, list[dict[str, Entry]]]:
    row: dict[str, Entry] = {"prior_interferon": _e("Y" if ifn_months else "N")}
    if ifn_months:
        row["ifn_start_date"] = _e(_day(diagnosis, 0.5).isoformat()[:7])
        row["ifn_duration_months"] = _e(ifn_months)
        row["ifn_outcome"] = _e(rng.choice(("RES", "RES", "INT", "OTH")))
    row["prior_hydroxyurea"] = _e("Y" if rng.random() < 0.6 else "N")
    row["prior_other"] = _e("N")
    return {"prior_therapy": [row]}


def _imatinib(
    rng: random.Random,
    start: dt.date,
    failure: dt.date,
    prior_ifn: bool,
    still_on: bool,
    for_toxicity: bool,
) -> dict[str, list[dict[str, Entry]]]:
    stop = None if still_on else failure
    main = {
        "imatinib_start_date": _e(start),
        "imatinib_first_line": _e("N" if prior_ifn else "Y"),
        "phase_at_imatinib_start": _e("CP"),
        "imatinib_stop_date": _e(missing="NA") if stop is None else _e(stop),
    }
    if stop is not None:
        main["imatinib_stop_reason"] = _e("TOX" if for_toxicity else "FAIL")
    first_dose = rng.choice((400, 400, 400, 600))
    doses = []
    change = start + dt.timedelta(days=(failure - start).days * rng.uniform(0.4, 0.8))
    if for_toxicity and rng.random() < 0.5 and (change - start).days > 14:
        doses = [
            _dose(start, change, first_dose, "START"),
            _dose(change, stop, 300, "RED"),
        ]
    elif not for_toxicity and rng.random() < 0.3 and (change - start).days > 30:
        doses = [
            _dose(start, change, first_dose, "START"),
            _dose(change, stop, 800 if first_dose == 600 else 600, "ESC"),
        ]
    else:
        doses = [_dose(start, stop, first_dose, "START")]
    interruptions = []
    if rng.random() < 0.2 and (failure - start).days > 60:
        paused = start + dt.timedelta(days=rng.randint(20, (failure - start).days - 40))
        resumed = paused + dt.timedelta(days=rng.randint(5, 35))
        interruptions.append(
            {
                "interruption_start_date": _e(paused),
                "interruption_end_date": _e(resumed),
                "interruption_reason": _e(rng.choice(("TOX", "NONADH", "OTH"))),
            }
        )
    return {"imatinib": [main], "doses": doses, "interruptions": interruptions}


def _dose(start: dt.date, end: dt.date | None, mg: int, why: str) -> dict[str, Entry]:
    return {
        "dose_start_date": _e(start),
        "dose_end_date": _e(missing="NA") if end is None else _e(end),
        "dose_mg": _e(mg),
        "dose_change_reason": _e(why),
    }


# --- assessments: what each Form A reason needs ---------------------------------------------------


def _visit(rng: random.Random, on: dt.date, *, chr_: bool) -> dict[str, Entry]:
    """A blood count with or without complete haematological response (chronic phase)."""
    if chr_:
        values = {
            "a_wbc": round(rng.uniform(3.5, 9.5), 1),
            "a_platelets": rng.randint(150, 420),
            "a_pb_blasts": 0,
            "a_pb_basophils": rng.choice((0, 1, 2)),
            "a_immature_cells": "N",
            "a_spleen_cm": 0,
        }
    else:
        values = {
            "a_wbc": round(rng.uniform(14, 60), 1),
            "a_platelets": rng.randint(460, 800),
            "a_pb_blasts": rng.randint(1, 4),
            "a_pb_basophils": rng.randint(2, 8),
            "a_immature_cells": "Y",
            "a_spleen_cm": rng.choice((2, 3, 5, 8)),
        }
    row = {"assessment_date": _e(on), **{k: _e(v) for k, v in values.items()}}
    row["phase_reported"] = _e("CP")
    return row


def _marrow(rng: random.Random, on: dt.date, ph: int, *, chr_: bool = True) -> dict[str, Entry]:
    row = _visit(rng, on, chr_=chr_)
    row["ph_positive_pct"] = _e(ph)
    row["metaphases_counted"] = _e(rng.choice((20, 20, 22, 25, 30)))
    if rng.random() < 0.5:
        level = 0.05 * (1 + ph) if ph < 35 else rng.uniform(8, 60)
        row["bcr_abl_pct"] = _e(round(level, 3))
        row["bcr_abl_is"] = _e("Y")
        row["control_gene"] = _e("ABL1")
        row["control_copies"] = _e(rng.randint(20_000, 150_000))
    return row


def _accelerated(rng: random.Random, on: dt.date) -> dict[str, Entry]:
    row = _visit(rng, on, chr_=False)
    row["a_pb_blasts"] = _e(rng.randint(16, 25))
    row["phase_reported"] = _e("AP")
    return row


def _assessments(
    rng: random.Random, reason: str, start: dt.date
) -> tuple[list[dict[str, Entry]], dt.date, str | None]:
    """Assessments supporting ``reason``; the failure date; the kind of cytogenetic relapse."""

    def at(months: float) -> dt.date:
        return _day(start, months + rng.uniform(-0.15, 0.15))

    kind = None
    rows: list[dict[str, Entry]]
    if reason == "NO_CHR":
        rows = [_visit(rng, at(1), chr_=False), _visit(rng, at(3), chr_=False)]
    elif reason == "NO_CYR":
        rows = [
            _visit(rng, at(3), chr_=True),
            _marrow(rng, at(6), rng.choice((96, 98, 100))),
        ]
    elif reason == "NO_MCYR":
        rows = [
            _visit(rng, at(3), chr_=True),
            _marrow(rng, at(6), rng.randint(70, 90)),
            _marrow(rng, at(12), rng.randint(40, 85)),
        ]
    elif reason == "HAEM_RELAPSE":
        lost = rng.uniform(9, 20)
        rows = [
            _visit(rng, at(3), chr_=True),
            _marrow(rng, at(6), rng.randint(20, 60)),
            _visit(rng, _day(start, lost), chr_=False),
            _visit(rng, _day(start, lost + 1), chr_=False),
        ]
    elif reason == "CYTO_RELAPSE":
        if rng.random() < 0.6:
            kind = "LOSS_CCYR"
            rows = [
                _marrow(rng, at(6), rng.randint(10, 30)),
                _marrow(rng, at(12), 0),
                _marrow(rng, at(24), rng.randint(5, 20)),
                _marrow(rng, at(27), rng.randint(25, 35)),
            ]
        else:
            kind = "LOSS_MCYR"
            rows = [
                _marrow(rng, at(12), rng.randint(10, 30)),
                _marrow(rng, at(20), rng.randint(40, 60)),
                _marrow(rng, at(23), rng.randint(55, 80)),
            ]
    elif reason == "PROGRESSION":
        rows = [
            _visit(rng, at(3), chr_=True),
            _marrow(rng, at(12), 0),
            _accelerated(rng, at(rng.uniform(18, 40))),
        ]
    else:  # TOXICITY: in CHR, stopped for a severe adverse event
        rows = [_visit(rng, at(1), chr_=True), _visit(rng, at(3), chr_=True)]
    last = max(dt.date.fromisoformat(row["assessment_date"].value or "") for row in rows)
    failure = last + dt.timedelta(days=rng.randint(10, 40)) if reason == "TOXICITY" else last
    return rows, failure, kind


# --- toxicity, decision, follow-up ----------------------------------------------------------------

_LAB_TERMS = {"NEUTROPENIA": (0.3, 0.9), "THROMBOCYTOPENIA": (15, 45), "ANAEMIA": (6.5, 8.5)}
_OTHER_TERMS = ("OEDEMA", "NAUSEA", "CRAMPS", "RASH", "FATIGUE", "DIARRHOEA", "MUSCULOSKELETAL")


def _toxicity(
    rng: random.Random, start: dt.date, failure: dt.date, for_toxicity: bool
) -> dict[str, list[dict[str, Entry]]]:
    events = []
    span = max(1, (failure - start).days)
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        began = start + dt.timedelta(days=rng.randint(7, max(7, span - 7)))
        events.append(_event(rng, rng.choice(_OTHER_TERMS), rng.randint(1, 2), began, "NONE"))
    if for_toxicity:
        term = rng.choice((*_LAB_TERMS, "HEPATOTOXICITY", "RASH"))
        began = failure - dt.timedelta(days=rng.randint(3, 20))
        events.append(_event(rng, term, rng.choice((3, 3, 4)), began, "STOP"))
    events.sort(key=lambda event: event["ae_start_date"].value or "")
    return {"adverse_event": events}


def _event(
    rng: random.Random, term: str, grade: int, began: dt.date, action: str
) -> dict[str, Entry]:
    event = {
        "ae_term": _e(term),
        "ctcae_version": _e(rng.choice(("3.0", "5.0"))),
        "ae_grade": _e(grade),
        "ae_start_date": _e(began),
        "ae_end_date": _e(began + dt.timedelta(days=rng.randint(5, 40)))
        if rng.random() < 0.8
        else _e(missing="UNK"),
        "ae_action": _e(action),
    }
    if term in _LAB_TERMS:
        low, high = _LAB_TERMS[term]
        event["ae_lab_value"] = _e(round(rng.uniform(low, high), 1))
    return event


_NEXT_DOSE = {
    "DASATINIB": (100, 140),
    "NILOTINIB": (600, 800),
    "IMA_UP": (600, 800),
    "BOSUTINIB": (500,),
}


def _decision(
    rng: random.Random, next_treatment: str, decided: dt.date
) -> dict[str, list[dict[str, Entry]]]:
    doses = _NEXT_DOSE.get(next_treatment)
    row = {
        "next_treatment": _e(next_treatment),
        "decision_date": _e(decided),
        "next_dose_mg": _e(rng.choice(doses)) if doses else _e(missing="NA"),
        "mutation_analysis": _e("Y" if rng.random() < 0.6 else "N"),
    }
    if row["mutation_analysis"].value == "Y":
        row["mutation_result"] = _e(
            rng.choice(("NONE", "NONE", "NONE", "T315I", "Y253H", "E255", "F317"))
        )
    return {"decision": [row]}


def _follow_up(
    rng: random.Random, after: dt.date, treatment: str
) -> dict[str, list[dict[str, Entry]]]:
    visits = []
    seen = after
    for index in range(rng.choice((1, 1, 2, 3))):
        seen += dt.timedelta(days=rng.randint(60, 240))
        last = index > 0 and rng.random() < 0.15
        status = rng.choice(("DEAD", "LOST")) if last else "ALIVE"
        row = {
            "last_contact_date": _e(seen),
            "vital_status": _e(status),
            "progression": _e("N"),
            "fu_response": _e(rng.choice(("CHR", "MCYR", "CCYR", "MMR"))),
            "current_therapy": _e(treatment),
        }
        if status == "DEAD":
            row["death_date"] = _e(seen)
            row["death_cause"] = _e(rng.choice(("CML", "TRANSPLANT", "OTHER")))
            row.pop("fu_response")
        visits.append(row)
        if last:
            break
    return {"follow_up": visits}


# --- findings: soft warnings, hard errors, corrections --------------------------------------------


def _set(forms: CaseForms, form: str, group: str, item: str, entry: Entry, row: int = 0) -> None:
    rows = forms[form][group]
    if row < len(rows):
        rows[row][item] = entry


def _soft_warnings(rng: random.Random, forms: CaseForms, *, overridden: bool) -> None:
    """One or two unusual values a person must confirm; with their reasons if ``overridden``."""
    reason = rng.choice(OVERRIDES) if overridden else None
    choices = [
        ("diagnosis", "baseline", "wbc", _e(rng.randint(510, 640), override=reason)),
        ("diagnosis", "baseline", "platelets", _e(rng.randint(1550, 2400), override=reason)),
        ("diagnosis", "baseline", "pb_basophils", _e(rng.randint(20, 24), override=reason)),
        ("diagnosis", "baseline", "spleen_cm", _e(rng.randint(26, 30), override=reason)),
        ("imatinib", "doses", "dose_mg", _e(500, override=reason)),
    ]
    for form, group, item, entry in rng.sample(choices, rng.choice((1, 1, 2))):
        _set(forms, form, group, item, entry)


def _hard_errors(rng: random.Random, forms: CaseForms) -> None:
    """One or two things a nurse must fix before the case can be completed."""
    failure = forms["registration"]["registration"][0]["failure_date"].value or ""
    early = (dt.date.fromisoformat(failure) - dt.timedelta(days=20)).isoformat()
    choices = [
        ("diagnosis", "baseline", "haemoglobin", _e("11,2 g")),  # kept as typed, then flagged
        ("diagnosis", "baseline", "pb_blasts", _e(120)),
        ("patient", "patient", "sex", Entry()),
        ("registration", "registration", "registration_date", _e(early)),
        ("imatinib", "imatinib", "imatinib_first_line", Entry()),
        ("decision", "decision", "decision_date", Entry()),
    ]
    for form, group, item, entry in rng.sample(choices, rng.choice((1, 1, 2))):
        if entry.is_empty:
            forms[form][group][0].pop(item, None)
        else:
            _set(forms, form, group, item, entry)


def _corrections(
    rng: random.Random, forms: CaseForms
) -> tuple[tuple[str, str, int, str, Entry, str], ...]:
    """A blood count corrected after completion, with its reason (for the field's history)."""
    baseline = forms["diagnosis"]["baseline"][0]
    # An overridden value was confirmed, not mistyped: correct another one then.
    item = "haemoglobin" if baseline["wbc"].override else "wbc"
    entry = baseline[item]
    value = float(entry.value or 0) + rng.choice((-1, 1)) * (0.3 if item == "haemoglobin" else 1)
    corrected = _e(round(value, 1), override=entry.override)
    return (("diagnosis", "baseline", 0, item, corrected, rng.choice(CORRECTIONS)),)
