"""The set-up wizard's logic without a display: field checks; a set-up that is all or nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cmlentry.crypto.keyfiles import (
    KeyFileDamaged,
    KeyFileUnreadable,
    KeyFileWrongRole,
    NotAKeyFile,
    RegistryOwner,
)
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.errors import CmlentryError, InvalidInput, WeakPassword, WorkspaceExists
from cmlentry.services import setup
from cmlentry.services.keys import KeyFileChanged, KeyService
from cmlentry.services.setup import (
    SetupFieldInvalid,
    SetupPasswordsDiffer,
    SetupPasswordWeak,
    SetupResult,
)
from cmlentry.services.workspace import open_workspace, recover
from tests.conftest import ADMIN_PASSWORD, SITE, FakeClock
from tests.keys_fixture import TRAINING_REGISTRY_FILE, write_key_file


def field_of(error: pytest.ExceptionInfo[CmlentryError]) -> object:
    return error.value.params["field"]


# --- the site page --------------------------------------------------------------------------------


def test_check_site_tidies_what_was_typed() -> None:
    assert setup.check_site(" fr ", "086 ", "  CHU   de  Test ") == SITE


@pytest.mark.parametrize(
    ("country", "centre", "name", "field", "sentence"),
    [
        ("France", "086", "CHU", "country", "The country is not valid: give the two-letter code"),
        ("F1", "086", "CHU", "country", "The country is not valid"),
        ("FR", "86", "CHU", "centre_code", "The centre code is not valid: give three digits"),
        ("FR", "O86", "CHU", "centre_code", "The centre code is not valid"),
        ("FR", "086", "   ", "centre_name", "The centre name is not valid: give the hospital"),
        ("FR", "086", "C" * 201, "centre_name", "The centre name is not valid"),
    ],
)
def test_each_site_field_names_itself(
    country: str, centre: str, name: str, field: str, sentence: str
) -> None:
    with pytest.raises(SetupFieldInvalid) as caught:
        setup.check_site(country, centre, name)
    assert field_of(caught) == field
    assert caught.value.message.startswith(sentence)
    assert isinstance(caught.value, InvalidInput)  # callers that catch InvalidInput still do


def test_one_field_at_a_time_while_typing() -> None:
    """The wizard checks the field being typed even while the others are still empty."""
    assert setup.check_country("de") == "DE"
    assert setup.check_centre_code("001") == "001"
    assert setup.check_centre_name("Charité") == "Charité"
    with pytest.raises(SetupFieldInvalid) as caught:
        setup.check_centre_code("")
    assert field_of(caught) == "centre_code"


# --- the first administrator ----------------------------------------------------------------------


def test_check_admin_accepts_a_good_administrator() -> None:
    setup.check_admin("Ada", "Ada Martin", "Grenoble-2026-ws", "Grenoble-2026-ws")
    assert setup.check_username(" Ada ") == "ada"
    assert setup.check_printed_name(" Ada   Martin ") == "Ada Martin"


@pytest.mark.parametrize(
    ("username", "printed", "password", "repeat", "error", "field"),
    [
        ("9ada", "Ada", "Grenoble-2026", "Grenoble-2026", SetupFieldInvalid, "username"),
        ("ada", "", "Grenoble-2026", "Grenoble-2026", SetupFieldInvalid, "printed_name"),
        ("ada", "Ada\x07", "Grenoble-2026", "Grenoble-2026", SetupFieldInvalid, "printed_name"),
        ("ada", "Ada", "short", "short", SetupPasswordWeak, "password"),
        ("ada", "Ada", "ada-is-my-name", "ada-is-my-name", SetupPasswordWeak, "password"),
        ("ada", "Ada", "Grenoble-2026", "Grenoble-2062", SetupPasswordsDiffer, "repeat"),
    ],
)
def test_each_admin_field_names_itself(
    username: str,
    printed: str,
    password: str,
    repeat: str,
    error: type[CmlentryError],
    field: str,
) -> None:
    with pytest.raises(error) as caught:
        setup.check_admin(username, printed, password, repeat)
    assert type(caught.value) is error
    assert field_of(caught) == field
    assert caught.value.message.endswith(".")
    assert password not in caught.value.message


def test_the_password_sentences() -> None:
    with pytest.raises(SetupPasswordWeak) as weak:
        setup.check_password("short", "ada")
    assert (
        weak.value.message
        == "The password is too weak: use at least 10 characters. Choose another one."
    )
    assert isinstance(weak.value, WeakPassword)
    with pytest.raises(SetupPasswordsDiffer) as differ:
        setup.check_repeat("Grenoble-2026", "grenoble-2026")
    assert (
        differ.value.message == "The two passwords differ. Type the same password in both fields."
    )


def test_password_strength_hint() -> None:
    assert setup.password_strength_hint("short", "ada") == "Use at least 10 characters."
    assert setup.password_strength_hint("ada-is-my-name", "ada") == "It contains the user name."
    assert setup.password_strength_hint("Grenoble-2026", "ada") == (
        "Accepted. A longer password, such as a short sentence, is stronger."
    )
    assert setup.password_strength_hint("the sea at Grenoble in winter", "ada") is None


# --- the folder ---------------------------------------------------------------------------------


def test_default_workspace_folder_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert setup.default_workspace_folder() == tmp_path / "data" / "cmlentry" / "workspace"


def test_is_workspace(tmp_path: Path) -> None:
    assert not setup.is_workspace(tmp_path / "missing")
    assert not setup.is_workspace(tmp_path)
    (tmp_path / "keyslots.json").write_text("{}")
    assert not setup.is_workspace(tmp_path)  # a workspace has its database as well
    result = set_up(tmp_path / "ws")
    result.workspace.close()
    assert setup.is_workspace(tmp_path / "ws")
    assert not setup.is_workspace(tmp_path / "ws" / "keyslots.json")


def test_check_folder(tmp_path: Path) -> None:
    assert setup.check_folder(tmp_path / "new") == tmp_path / "new"
    assert setup.check_folder(tmp_path) == tmp_path  # empty
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(WorkspaceExists) as caught:
        setup.check_folder(tmp_path)
    assert field_of(caught) == "folder"


# --- the registry key -----------------------------------------------------------------------------


def test_inspect_registry_key(tmp_path: Path) -> None:
    info = setup.inspect_registry_key(TRAINING_REGISTRY_FILE)
    assert info.role == "registry"
    assert info.owner.startswith("European CML registry (TRAINING")
    site_file = tmp_path / "site.cmlkey"
    write_key_file(site_file, role="site", owner=SITE)
    with pytest.raises(KeyFileWrongRole):
        setup.inspect_registry_key(site_file)
    with pytest.raises(NotAKeyFile):
        setup.inspect_registry_key(tmp_path)


# --- setting up -----------------------------------------------------------------------------------


def set_up(folder: Path, registry: Path | None = None, **kw: object) -> SetupResult:
    return setup.set_up_site(
        folder,
        SITE,
        "Ada",
        "Ada Admin",
        ADMIN_PASSWORD,
        registry,
        clock=kw.pop("clock", FakeClock()),  # type: ignore[arg-type]
        policy=OWASP_FLOOR,
        **kw,  # type: ignore[arg-type]
    )


def test_set_up_makes_everything(tmp_path: Path) -> None:
    result = set_up(tmp_path / "ws", TRAINING_REGISTRY_FILE)
    with result.workspace as ws:
        assert ws.user.username == "ada"
        assert ws.user.role.value == "site_admin"
        keys = KeyService(ws)
        assert keys.site_key() == result.site_key
        assert keys.registry_key() == result.registry_key
        assert result.site_key.owner == "FR-086 CHU de Test"
        assert result.site_key.created_at == "2026-11-21T09:00:00Z"
        assert result.registry_key == setup.inspect_registry_key(TRAINING_REGISTRY_FILE)
    with open_workspace(tmp_path / "ws", "ada", ADMIN_PASSWORD, policy=OWASP_FLOOR) as ws:
        assert KeyService(ws).site_key() == result.site_key
    recover(tmp_path / "ws", result.recovery_key, "ada", "a-new-pass-2027", policy=OWASP_FLOOR)


def test_set_up_without_a_registry_key(tmp_path: Path) -> None:
    result = set_up(tmp_path / "ws")
    with result.workspace as ws:
        assert result.registry_key is None
        assert KeyService(ws).registry_key() is None
        assert KeyService(ws).site_key() == result.site_key


def snapshot(root: Path) -> list[tuple[str, bytes | None]]:
    return sorted(
        (str(path.relative_to(root)), path.read_bytes() if path.is_file() else None)
        for path in root.rglob("*")
    )


def test_a_bad_registry_key_file_stops_set_up_before_anything_is_made(tmp_path: Path) -> None:
    damaged = tmp_path / "registry.cmlkey"
    damaged.write_bytes(TRAINING_REGISTRY_FILE.read_bytes()[:-30])
    before = snapshot(tmp_path)
    for key_file, error in (
        (damaged, KeyFileDamaged),
        (tmp_path / "missing.cmlkey", KeyFileUnreadable),
    ):
        with pytest.raises(error):
            set_up(tmp_path / "new" / "ws", key_file)
        assert snapshot(tmp_path) == before  # not even the parent folder was made


def test_a_wrong_field_stops_set_up_before_anything_is_made(tmp_path: Path) -> None:
    with pytest.raises(SetupPasswordWeak):
        setup.set_up_site(tmp_path / "ws", SITE, "ada", "Ada", "short", None, policy=OWASP_FLOOR)
    with pytest.raises(SetupFieldInvalid) as caught:
        setup.set_up_site(
            tmp_path / "ws", SITE, "Ada Lovelace", "Ada", ADMIN_PASSWORD, None, policy=OWASP_FLOOR
        )
    assert field_of(caught) == "username"
    assert list(tmp_path.iterdir()) == []


def test_a_key_file_changed_since_it_was_checked_is_refused_first(tmp_path: Path) -> None:
    key_file = tmp_path / "registry.cmlkey"
    write_key_file(key_file, seed=b"checked", owner=RegistryOwner("CML registry"))
    shown = setup.inspect_registry_key(key_file)
    write_key_file(key_file, seed=b"swapped", owner=RegistryOwner("CML registry"))
    with pytest.raises(KeyFileChanged):
        set_up(tmp_path / "ws", key_file, registry_key_id=shown.key_id)
    assert not (tmp_path / "ws").exists()


class DamagingClock(FakeClock):
    """A clock that, the first time the workspace asks it the time, does something to a file.

    The workspace asks only once it is being created, after the key file was checked: this is how
    a test makes the set-up fail after a valid start.
    """

    def __init__(self, key_file: Path, new_content: bytes) -> None:
        super().__init__()
        self.key_file = key_file
        self.new_content = new_content
        self.done = False

    def __call__(self) -> datetime:
        if not self.done:
            self.done = True
            self.key_file.write_bytes(self.new_content)
        return super().__call__()


@pytest.mark.parametrize("already_there", [False, True], ids=["new folder", "empty folder"])
def test_a_failure_after_a_valid_start_leaves_the_folder_as_it_was(
    tmp_path: Path, already_there: bool
) -> None:
    key_file = tmp_path / "registry.cmlkey"
    good = TRAINING_REGISTRY_FILE.read_bytes()
    key_file.write_bytes(good)
    folder = tmp_path / "parent" / "ws"
    if already_there:
        folder.mkdir(parents=True)
    before = snapshot(tmp_path)
    clock = DamagingClock(key_file, good.replace(b"TRAINING", b"TRAINEES"))
    with pytest.raises(KeyFileDamaged, match="self-signature"):
        set_up(folder, key_file, clock=clock)
    assert clock.done  # the workspace was really being made when the file changed
    key_file.write_bytes(good)
    assert snapshot(tmp_path) == before
    # ... and the same folder takes a set-up at once (nothing left behind, no lock held).
    set_up(folder, key_file).workspace.close()
    assert setup.is_workspace(folder)


def test_a_key_swapped_after_a_valid_start_is_not_trusted(tmp_path: Path) -> None:
    key_file = tmp_path / "registry.cmlkey"
    write_key_file(key_file, seed=b"real", owner=RegistryOwner("CML registry"))
    other = tmp_path / "other.cmlkey"
    write_key_file(other, seed=b"mallory", owner=RegistryOwner("CML registry"))
    clock = DamagingClock(key_file, other.read_bytes())
    with pytest.raises(KeyFileChanged):
        set_up(tmp_path / "ws", key_file, clock=clock)
    assert not (tmp_path / "ws").exists()


def test_set_up_never_touches_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "thesis.docx").write_bytes(b"years of work")
    before = snapshot(tmp_path)
    with pytest.raises(WorkspaceExists):
        set_up(tmp_path / "ws", TRAINING_REGISTRY_FILE)
    assert snapshot(tmp_path) == before
