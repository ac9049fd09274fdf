"""A registry coordinator's workspace: making one, and opening its central store.

The workspace itself (users, key slots, audit trail, the registry's own keys) is the same
encrypted SQLCipher workspace a site has. The central store — centres, batches, case versions,
acknowledgements — lives in that same database by default, or in PostgreSQL when the
coordinator gives a database address at ``init --registry --database-url``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from cmlentry.crypto.keyslots import KdfPolicy
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.keys import KeyInfo, KeyService
from cmlentry.services.registry.errors import NotARegistry
from cmlentry.services.workspace import (
    DEFAULT_POLICY,
    Clock,
    Created,
    Workspace,
    create_workspace,
)
from cmlentry.storage.audit import utc_now
from cmlentry.storage.central.store import CentralStore, check_url
from cmlentry.storage.models import CentralStoreSetting

# A registry is nobody's centre: its workspace row carries a fixed, impossible site code.
REGISTRY_COUNTRY = "EU"
REGISTRY_CENTRE = "000"


@dataclass(frozen=True)
class CreatedRegistry:
    created: Created
    key: KeyInfo
    store_description: str


def create_registry(
    folder: Path,
    name: str,
    admin_username: str,
    admin_printed_name: str,
    password: str,
    *,
    database_url: str | None = None,
    clock: Clock = utc_now,
    policy: KdfPolicy = DEFAULT_POLICY,
) -> CreatedRegistry:
    """Make a registry workspace, its key set and its central store (migrated).

    With ``database_url`` the PostgreSQL database is checked (reachable, migrated) before the
    address is kept; on any failure the new folder is removed again.
    """
    if database_url is not None:
        database_url = check_url(database_url)
    site = SiteDetails.checked(REGISTRY_COUNTRY, REGISTRY_CENTRE, name)
    created = create_workspace(
        folder,
        site,
        admin_username,
        admin_printed_name,
        password,
        kind="registry",
        clock=clock,
        policy=policy,
    )
    ws = created.workspace
    try:
        key = KeyService(ws).make_registry_keys(site.centre_name)
        with ws.write("central store chosen") as session:
            session.add(CentralStoreSetting(id=1, url=database_url))
        store = open_central_store(ws)
        description = store.description
        store.close()
    except BaseException:
        ws.close()
        # The folder was new or empty (create_workspace refuses any other): leave it so.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return CreatedRegistry(created, key, description)


def open_central_store(ws: Workspace) -> CentralStore:
    """The central store of a registry workspace, migrated to head."""
    if ws.kind != "registry":
        raise NotARegistry()
    with ws.db.read() as session:
        setting = session.get(CentralStoreSetting, 1)
    url = setting.url if setting is not None else None
    if url is None:
        return CentralStore.in_workspace(ws.db)
    return CentralStore.at_url(url)
