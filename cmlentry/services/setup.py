"""The first-run set-up, without a display: what the set-up wizard and ``cmlentry init`` call.

The wizard checks each field as it is typed (:func:`check_site`, :func:`check_admin` and the
one-field checks they are made of); each refusal is a typed error whose ``params["field"]`` names
the field, so the sentence can sit beside it. :func:`set_up_site` then does the whole set-up —
workspace, first administrator, recovery key, the site's key set, and the registry key if one is
given — all or nothing: on any failure the folder is left as it was found.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

from cmlentry.crypto.keyslots import KdfPolicy
from cmlentry.domain import accounts
from cmlentry.domain.accounts import SiteDetails
from cmlentry.errors import InvalidInput, WeakPassword, WorkspaceExists
from cmlentry.services.keys import KeyFileChanged, KeyInfo, KeyService, inspect_key_file
from cmlentry.services.workspace import (
    DEFAULT_POLICY,
    Clock,
    Workspace,
    create_workspace,
)
from cmlentry.storage.audit import utc_now
from cmlentry.storage.workspace import DB_NAME, SLOTS_NAME

log = logging.getLogger(__name__)

T = TypeVar("T")

# Any valid site, to check one field of a site on its own with the domain's own checks.
_VALID_SITE = SiteDetails("FR", "001", "Centre")
GOOD_PASSWORD_LENGTH = 16


# --- errors: params["field"] names the field the sentence belongs beside ------------------------


class SetupFieldInvalid(InvalidInput):
    """A wizard field's value is refused; ``field`` is its id, ``label`` its name in a sentence."""

    code = "setup.field_invalid"
    template = "{label} is not valid: {why}."


class SetupPasswordWeak(WeakPassword):
    code = "setup.weak_password"
    template = "The password is too weak: {why}. Choose another one."


class SetupPasswordsDiffer(InvalidInput):
    code = "setup.passwords_differ"
    template = "The two passwords differ. Type the same password in both fields."


def _field(name: str, check: Callable[[], T]) -> T:
    try:
        return check()
    except InvalidInput as exc:
        label = str(exc.params.get("field", name))
        raise SetupFieldInvalid(field=name, label=label, why=exc.params.get("why", "")) from None


# --- the workspace folder -------------------------------------------------------------------------


def default_workspace_folder() -> Path:
    """Where a workspace lives unless told otherwise: the user's data folder."""
    return Path(platformdirs.user_data_dir("cmlentry", appauthor=False)) / "workspace"


def is_workspace(folder: Path) -> bool:
    """True when ``folder`` holds a workspace (then the app unlocks it rather than set one up).

    A workspace folder has its key slot file and its database file, as
    :meth:`~cmlentry.storage.workspace.WorkspaceFolder.open_existing` requires.
    """
    folder = folder.expanduser()
    try:
        return (folder / SLOTS_NAME).is_file() and (folder / DB_NAME).is_file()
    except OSError:  # a folder that cannot be read is not one we could open
        return False


def check_folder(folder: Path) -> Path:
    """Check that a workspace can be made in ``folder`` (new, or an empty folder).

    Raises :class:`~cmlentry.errors.WorkspaceExists` (``params["field"] == "folder"``).
    """
    folder = folder.expanduser().absolute()
    try:
        occupied = folder.exists() and (not folder.is_dir() or any(folder.iterdir()))
    except OSError:
        occupied = True
    if occupied:
        raise WorkspaceExists(folder=str(folder), field="folder")
    return folder


# --- the site -----------------------------------------------------------------------------------


def check_country(country: str) -> str:
    return _field(
        "country",
        lambda: SiteDetails.checked(country, _VALID_SITE.centre_code, _VALID_SITE.centre_name),
    ).country


def check_centre_code(centre_code: str) -> str:
    return _field(
        "centre_code",
        lambda: SiteDetails.checked(_VALID_SITE.country, centre_code, _VALID_SITE.centre_name),
    ).centre_code


def check_centre_name(centre_name: str) -> str:
    return _field(
        "centre_name",
        lambda: SiteDetails.checked(_VALID_SITE.country, _VALID_SITE.centre_code, centre_name),
    ).centre_name


def check_site(country: str, centre_code: str, centre_name: str) -> SiteDetails:
    """The site's details, tidied (``fr`` → ``FR``); the first wrong field is refused.

    Raises:
        SetupFieldInvalid: ``params["field"]`` is ``country``, ``centre_code`` or
            ``centre_name``.
    """
    return SiteDetails(
        check_country(country), check_centre_code(centre_code), check_centre_name(centre_name)
    )


# --- the first administrator ----------------------------------------------------------------------


def check_username(username: str) -> str:
    """The user name as it will be stored (lower case), or :class:`SetupFieldInvalid`."""
    return _field("username", lambda: accounts.check_username(username))


def check_printed_name(printed_name: str) -> str:
    """The printed name as signatures will show it, or :class:`SetupFieldInvalid`."""
    return _field("printed_name", lambda: accounts.check_printed_name(printed_name))


def check_password(password: str, username: str) -> None:
    """The password policy of every account (:class:`SetupPasswordWeak` if not met)."""
    try:
        accounts.check_new_password(password, username.strip().lower())
    except WeakPassword as exc:
        raise SetupPasswordWeak(field="password", why=exc.params["why"]) from None


def check_repeat(password: str, repeat: str) -> None:
    """The second entry of the password (:class:`SetupPasswordsDiffer` if it differs)."""
    if repeat != password:
        raise SetupPasswordsDiffer(field="repeat")


def check_admin(username: str, printed_name: str, password: str, repeat: str) -> None:
    """Check the first administrator's fields in the order the page shows them.

    Raises:
        SetupFieldInvalid: ``field`` is ``username`` or ``printed_name``.
        SetupPasswordWeak: ``field`` is ``password``.
        SetupPasswordsDiffer: ``field`` is ``repeat``.
    """
    name = check_username(username)
    check_printed_name(printed_name)
    check_password(password, name)
    check_repeat(password, repeat)


def password_strength_hint(password: str, username: str) -> str | None:
    """A hint to show under the password while it is typed; None when there is nothing to say.

    The policy is length first (NIST SP 800-63B): a refused password gets the reason, an
    accepted but short one the advice that a short sentence is stronger.
    """
    try:
        check_password(password, username)
    except SetupPasswordWeak as exc:
        why = str(exc.params["why"])
        return why[:1].upper() + why[1:] + "."
    if len(password) < GOOD_PASSWORD_LENGTH:
        return "Accepted. A longer password, such as a short sentence, is stronger."
    return None


# --- the registry key -----------------------------------------------------------------------------


def inspect_registry_key(path: Path) -> KeyInfo:
    """Read and check the registry's public key file (a typed error for any other file)."""
    return inspect_key_file(path, expected_role="registry")


# --- doing it -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetupResult:
    """A new site workspace, unlocked for its first administrator.

    ``recovery_key`` is shown once and never stored; ``registry_key`` is None when the registry's
    key file is to be added later (``cmlentry keys trust-registry``).
    """

    workspace: Workspace
    recovery_key: str
    site_key: KeyInfo
    registry_key: KeyInfo | None


def set_up_site(
    folder: Path,
    site: SiteDetails,
    admin_username: str,
    admin_printed_name: str,
    password: str,
    registry_key_file: Path | None,
    *,
    clock: Clock = utc_now,
    policy: KdfPolicy = DEFAULT_POLICY,
    registry_key_id: str | None = None,
) -> SetupResult:
    """Set up a site workspace in ``folder``: all of it, or nothing.

    Creates the workspace with its first administrator and recovery key, makes the site's key
    set, and trusts the registry key file if one is given. Every field and the registry key file
    are checked before anything is created. On any later failure the workspace is closed and the
    folder left as it was found (absent, or empty); folders made on the way are removed too.

    Args:
        registry_key_id: the key id whose fingerprint the person compared (from
            :func:`inspect_registry_key`); a file that has changed since is refused.

    Raises:
        SetupFieldInvalid, SetupPasswordWeak: a field is refused (``params["field"]``).
        KeyFileError: the registry key file is refused (nothing was created).
        KeyFileChanged: the file no longer holds the key whose fingerprint was compared.
        WorkspaceExists, NetworkShareRefused, DiskFull, …: as :func:`create_workspace`.
    """
    username = check_username(admin_username)
    printed_name = check_printed_name(admin_printed_name)
    check_password(password, username)
    registry: KeyInfo | None = None
    if registry_key_file is not None:
        registry = inspect_registry_key(registry_key_file)
        if registry_key_id is not None and registry.key_id != registry_key_id:
            raise KeyFileChanged(file=str(registry_key_file))
    folder = folder.expanduser().absolute()
    made = _missing_folders(folder)
    try:
        created = create_workspace(
            folder, site, username, printed_name, password, clock=clock, policy=policy
        )
    except BaseException:
        # create_workspace leaves the folder itself as it found it; the parents it made go too.
        _remove_empty(made)
        raise
    ws = created.workspace
    try:
        keys = KeyService(ws)
        site_key = keys.make_site_keys(site)
        registry_key = None
        if registry_key_file is not None:
            assert registry is not None
            registry_key = keys.trust_registry_key(
                registry_key_file,
                expected_key_id=registry.key_id,
                reason="registry key trusted at set-up",
            )
    except BaseException:
        ws.close()
        _undo(folder, made)
        log.warning("set-up failed after the workspace was made; it was removed again")
        raise
    log.info("site set up (registry key: %s)", registry_key is not None)
    return SetupResult(ws, created.recovery_key, site_key, registry_key)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for path in folders:  # deepest first; a folder someone else put something in stays
        with contextlib.suppress(OSError):
            path.rmdir()


def _undo(folder: Path, made: list[Path]) -> None:
    """Remove a workspace made in ``folder`` moments ago (it was new, or empty, before)."""
    if folder in made:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        for path in folder.iterdir():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
    _remove_empty(made)
