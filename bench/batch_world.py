"""Workspaces and files for the batch benchmarks (``bench/batch_bench.py``).

* :func:`site_and_registry`: a site workspace with complete cases entered through
  :class:`CaseService` (the demo's planner: every form saved and marked complete, repeating
  rows, overridden warnings, corrections with a reason) and a registry workspace that has
  registered the site's key, the site trusting the registry's. Both are closed templates: each
  timed run works on a fresh copy (:func:`copy_of`), so every run makes batch 1 of the same
  cases and imports it into an empty store.
* :func:`scratch_postgres`: a new, empty database on the local PostgreSQL server, dropped
  afterwards (as ``tests/central_db.py`` makes them for the tests).
* :class:`CentreBatches`: batches of other centres made from one real payload of the site's
  exporter, each centre with its own key set, its own pseudonyms and correct manifest hashes,
  sealed exactly as ``services/batches/export.py`` seals.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bench.common import PASSWORD, SITE, USERNAME, now
from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient, TrustedKey
from cmlentry.crypto.keyfiles import KeyPairs, PublicKeySet, key_time
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.services.batches.export import ExportService, batch_file_name
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.record import record_sha256
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.demo import FORMS, REASONS, CasePlan, enter_case, plan_case
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.workspace import create_registry, open_central_store
from cmlentry.services.workspace import Workspace, create_workspace, open_workspace
from cmlentry.storage.central.store import CentralStore

COORDINATOR = "benchcoord"
DEFAULT_PG_URL = "postgresql+psycopg://cmlentry@127.0.0.1:5432/postgres"
SITE_CODE = f"{SITE.country}-{SITE.centre_code}"
_SITE_ID = re.compile(re.escape(SITE_CODE.encode("ascii")) + rb"-([0-9]{4})-[0-9A-Z]")


@dataclass(frozen=True)
class SiteAndRegistry:
    """Closed template workspaces; open copies of them, never the templates themselves."""

    site: Path
    registry: Path  # central store in its own SQLCipher file
    complete: tuple[str, ...]  # registry IDs of the complete cases, in entry order
    entered: int  # cases entered (a few plans do not end complete)
    fill_seconds: float


def open_site(folder: Path) -> Workspace:
    return open_workspace(folder, USERNAME, PASSWORD, policy=OWASP_FLOOR)


def open_registry(folder: Path) -> Workspace:
    return open_workspace(folder, COORDINATOR, PASSWORD, policy=OWASP_FLOOR)


def copy_of(template: Path, target: Path) -> Path:
    """A copy of a closed workspace folder (database, WAL, key slots) at ``target``."""
    shutil.copytree(template, target)
    return target


def complete_plans(rng: random.Random, count: int, start: int) -> list[CasePlan]:
    """``count`` plans that save and complete all nine forms (the demo's "complete" stage)."""
    plans: list[CasePlan] = []
    serial = start
    while len(plans) < count:
        plan = plan_case(rng, serial, REASONS[serial % len(REASONS)])
        serial += 1
        if plan.saved == len(FORMS) and plan.completed == len(FORMS):
            plans.append(plan)
    return plans


def _make_site(folder: Path, cases: int, seed: int) -> tuple[list[str], int]:
    created = create_workspace(folder, SITE, USERNAME, "Bench Admin", PASSWORD, policy=OWASP_FLOOR)
    rng = random.Random(seed)
    entered = 0
    with created.workspace as ws:
        KeyService(ws).make_site_keys(SITE)
        service = CaseService(ws)
        complete: list[str] = []
        # A seed may leave a planned-complete form not ready (it then stays a draft, as the
        # demo's do): top up until there are enough complete cases.
        while len(complete) < cases:
            for plan in complete_plans(rng, cases - len(complete), 1000 + entered):
                enter_case(service, plan, lambda: None)
                entered += 1
            complete = [c.registry_id for c in service.list_cases() if c.status == "complete"]
    return complete[:cases], entered


def make_registry(folder: Path, *, database_url: str | None = None) -> Path:
    """A registry workspace (central store in its file, or at ``database_url``); closed."""
    created = create_registry(
        folder,
        "Bench registry",
        COORDINATOR,
        "Bench Coordinator",
        PASSWORD,
        database_url=database_url,
        policy=OWASP_FLOOR,
    )
    created.created.workspace.close()
    return folder


def registry_public_keys(registry: Workspace) -> PublicKeySet:
    keys = KeyService(registry).registry_public_keys()
    assert keys is not None  # create_registry made them
    return keys


def store_size(store: CentralStore, sqlite_file: Path) -> int:
    """Bytes the central store takes: the PostgreSQL database, or the workspace file + WAL."""
    if store.backend == "postgresql":
        with store.engine.connect() as conn:
            return int(
                conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            )
    wal = sqlite_file.with_name(sqlite_file.name + "-wal")
    return sqlite_file.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def register_key(registry: Workspace, key_file: Path) -> None:
    store = open_central_store(registry)
    try:
        CentreService(registry, store).register(key_file)
    finally:
        store.close()


@contextlib.contextmanager
def site_and_registry(root: Path, cases: int, seed: int = 11) -> Iterator[SiteAndRegistry]:
    """Make the two template workspaces in ``root`` (removed on leaving)."""
    start = now()
    complete, entered = _make_site(root / "site", cases, seed)
    fill = now() - start
    make_registry(root / "registry")
    keys = root / "keys"
    keys.mkdir()
    with open_registry(root / "registry") as reg:
        KeyService(reg).export_registry_public_key(keys / "registry.cmlkey")
    with open_site(root / "site") as ws:
        KeyService(ws).trust_registry_key(keys / "registry.cmlkey")
        KeyService(ws).export_site_public_key(keys / "site.cmlkey")
    with open_registry(root / "registry") as reg:
        register_key(reg, keys / "site.cmlkey")
    try:
        yield SiteAndRegistry(root / "site", root / "registry", tuple(complete), entered, fill)
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_server() -> tuple[str | None, str]:
    """(maintenance URL, where) of the local test server, or (None, why it cannot be used)."""
    url = os.environ.get("CMLENTRY_TEST_PG_URL", DEFAULT_PG_URL)
    parsed = make_url(url)
    where = f"{parsed.host}:{parsed.port or 5432}"
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
    except DBAPIError as exc:
        orig = exc.orig if exc.orig is not None else exc
        reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        return None, (
            f"PostgreSQL at {where} cannot be used ({reason}); .ci/run starts the server "
            "and sets CMLENTRY_TEST_PG_URL and PGPASSWORD"
        )
    finally:
        engine.dispose()
    return url, f"PostgreSQL {version.split(maxsplit=1)[0]} at {where}"


@contextlib.contextmanager
def scratch_postgres(url: str) -> Iterator[str]:
    """A new, empty database on the server of ``url``, dropped on leaving; yields its URL."""
    name = f"cml_bench_{secrets.token_hex(6)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


# --- batches of other centres from one real payload ---------------------------------------------


@dataclass(frozen=True)
class Payload:
    """One batch as the site's exporter made it, opened with the site's archive key."""

    odm: bytes
    fields: dict[str, Any]  # the header, as signed
    records: list[dict[str, Any]]


def open_own_batch(site: Workspace, path: Path) -> Payload:
    """Read a batch the site made, as the site can (its archive key), down to the records."""
    keys = KeyService(site)
    pairs, public = keys.site_key_pairs(), keys.site_public_keys()
    registry = keys.registry_public_keys()
    assert registry is not None
    data = path.read_bytes()
    own = TrustedKey(public.key_id, SITE_CODE, public.signing_key())
    preamble = container.read_preamble(data, kind="batch", file=path.name)
    key = container.verify_signature(
        data,
        preamble,
        trusted=lambda kid: own if kid == own.key_id else None,
        recipient_key_id=registry.key_id,
        file=path.name,
    )
    header = container.parse_header(data, preamble, key, file=path.name)
    odm = container.decrypt(
        header, key_id=public.key_id, private_key=pairs.agreement, file=path.name
    )
    records = read_odm(odm, installed_definitions().current).records
    return Payload(odm, header.fields, records)


@dataclass
class OtherCentre:
    site: SiteDetails
    keys: KeyPairs

    @property
    def code(self) -> str:
        return f"{self.site.country}-{self.site.centre_code}"

    def key_file(self, folder: Path) -> Path:
        path = folder / f"{self.code}.cmlkey"
        path.write_bytes(self.keys.key_file(self.site, key_time(dt.datetime.now(dt.UTC))))
        return path


def new_centre(number: int, country: str = "DE") -> OtherCentre:
    """Centre ``country``-``number`` with a freshly generated site key set."""
    site = SiteDetails.checked(country, f"{number:03d}", f"Bench centre {number}")
    return OtherCentre(site, KeyPairs.generate("site"))


class CentreBatches:
    """Batch 1 of any centre, carrying the cases of ``payload`` under that centre's pseudonyms."""

    def __init__(self, payload: Payload) -> None:
        self.payload = payload

    def odm_for(self, centre: OtherCentre) -> bytes:
        """The payload with every pseudonym and the site code rewritten for ``centre``.

        Pseudonyms keep their number and get the check character of the new centre; the
        site code appears in FileOID (``BATCH.FR-086.000001``) and the Location OID.
        """
        country, code = centre.site.country, centre.site.centre_code

        def pseudonym(match: re.Match[bytes]) -> bytes:
            return str(RegistryId(country, code, int(match.group(1)))).encode("ascii")

        odm = _SITE_ID.sub(pseudonym, self.payload.odm)
        return odm.replace(SITE_CODE.encode("ascii"), centre.code.encode("ascii"))

    def seal_for(self, centre: OtherCentre, registry: PublicKeySet) -> bytes:
        """The whole file of ``centre``'s batch 1 for ``registry``, as export.py seals it."""
        fields = self.payload.fields
        manifest = fields["manifest"]
        records = []
        for record, entry in zip(self.payload.records, manifest["records"], strict=True):
            new_id = str(
                RegistryId(
                    centre.site.country,
                    centre.site.centre_code,
                    RegistryId.parse(record["id"]).sequence,
                )
            )
            records.append(
                {**entry, "id": new_id, "sha256": record_sha256({**record, "id": new_id})}
            )
        header = {
            "site": centre.code,
            "sequence": 1,
            "previous_batch_sha256": container.ZERO_HASH,
            "created_at": fields["created_at"],
            "versions": fields["versions"],
            "manifest": {
                "record_count": len(records),
                "records": records,
                "audit_chain_head": manifest["audit_chain_head"],
            },
        }
        return container.seal(
            "batch",
            header,
            self.odm_for(centre),
            signer=centre.keys.signing,
            sender_key_id=centre.keys.key_id,
            recipient_key_id=registry.key_id,
            recipients=[
                Recipient(registry.key_id, registry.encryption_key()),
                Recipient(centre.keys.key_id, centre.keys.agreement.public_key()),
            ],
        )

    def write_for(self, centre: OtherCentre, registry: PublicKeySet, folder: Path) -> Path:
        path = folder / batch_file_name(centre.code, 1)
        path.write_bytes(self.seal_for(centre, registry))
        return path


def export_once(site_template: Path, work: Path, ids: list[str]) -> tuple[Path, Payload]:
    """Batch 1 of ``ids`` made by the real exporter on a copy of the site, and its payload."""
    folder = copy_of(site_template, work / "site")
    out = work / "out"
    out.mkdir()
    with open_site(folder) as ws:
        made = ExportService(ws).export(out, ids)
        payload = open_own_batch(ws, made.path)
    shutil.rmtree(folder)
    return made.path, payload
