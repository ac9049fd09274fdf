"""``cmlentry init --registry-key`` and ``cmlentry keys …``: each works; each failure is one
sentence, a non-zero exit, and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmlentry.cli import EXIT_FAILED, EXIT_OK, main
from cmlentry.crypto.keyfiles import RegistryOwner, read_key_file
from cmlentry.domain.accounts import SiteDetails
from cmlentry.services.keys import KeyService
from cmlentry.services.setup import inspect_registry_key
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, open_workspace
from tests.cli.test_cli import PASSWORD, Scripted, assert_one_sentence, env, run, snapshot, ws
from tests.keys_fixture import TRAINING_REGISTRY_FILE, write_key_file

__all__ = ["env", "ws"]  # fixtures used here by name

TRAINING = inspect_registry_key(TRAINING_REGISTRY_FILE)
OTHER_SITE = SiteDetails("DE", "001", "Charité")


class Answering(Scripted):
    """A person at a terminal who answers each question in turn (secrets still come from env)."""

    def __init__(self, *answers: str) -> None:
        super().__init__()
        self.interactive = True
        self.answers = list(answers)
        self.prompts: list[str] = []

    def read_line(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


def run_as(
    console: Scripted, args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, list[str]]:
    code = main(args, console)
    _, err = capsys.readouterr()
    return code, err, console.lines


def init_args(folder: Path, *extra: str) -> list[str]:
    return [
        "init",
        "--workspace",
        str(folder),
        "--country",
        "FR",
        "--centre",
        "086",
        "--name",
        "CHU de Test",
        "--admin",
        "admin",
        *extra,
    ]


def as_admin(folder: Path) -> Workspace:
    """The workspace opened by its administrator, to check what a command did."""
    return open_workspace(folder, "admin", PASSWORD)


def show(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, _, err, lines = run(["keys", "show", "--workspace", str(folder)], capsys)
    assert code == EXIT_OK, err
    return lines


@pytest.fixture
def registry_file(env: Path) -> Path:
    path = env / "registry.cmlkey"
    write_key_file(path, seed=b"cli registry", owner=RegistryOwner("CML registry"))
    return path


# --- init -----------------------------------------------------------------------------------------


def test_init_makes_the_site_key_and_trusts_the_registry_key(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = env / "w"
    code, _, err, lines = run(
        init_args(folder, "--registry-key", str(TRAINING_REGISTRY_FILE), "--yes"), capsys
    )
    assert code == EXIT_OK, err
    text = "\n".join(lines)
    assert f"  fingerprint   {TRAINING.fingerprint}" in text
    assert "RECOVERY KEY" in text
    with as_admin(folder) as ws:
        site_key = KeyService(ws).site_key()
        assert KeyService(ws).registry_key() == TRAINING
    assert f"  fingerprint   {site_key.fingerprint}" in text
    assert show(folder, capsys) == [
        "Site key        FR-086 CHU de Test",
        f"  fingerprint   {site_key.fingerprint}",
        f"  key id        {site_key.key_id}",
        f"  made          {site_key.created_at}",
        f"Registry key    {TRAINING.owner}",
        f"  fingerprint   {TRAINING.fingerprint}",
        f"  key id        {TRAINING.key_id}",
        f"  made          {TRAINING.created_at}",
    ]


def test_init_without_a_registry_key_says_how_to_add_it(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = show(ws, capsys)
    assert lines[0] == "Site key        FR-086 CHU de Test"
    assert lines[4] == (
        "Registry key    none yet: add it with 'cmlentry keys trust-registry FILE'."
    )


def test_init_asks_before_trusting_and_a_no_makes_nothing(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = env / "w"
    args = init_args(folder, "--registry-key", str(TRAINING_REGISTRY_FILE))
    console = Answering("no")
    code, err, lines = run_as(console, args, capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Cancelled; nothing was changed.")
    assert console.prompts == ["Does every group match what the registry reads? (yes/no): "]
    assert TRAINING.fingerprint in "\n".join(lines)  # shown before the question
    assert not folder.exists()
    code, err, _ = run_as(Answering("yes"), args, capsys)
    assert code == EXIT_OK, err
    with as_admin(folder) as ws:
        assert KeyService(ws).registry_key() == TRAINING


def test_init_from_a_script_needs_yes_for_a_registry_key(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = env / "w"
    code, _, err, _ = run(init_args(folder, "--registry-key", str(TRAINING_REGISTRY_FILE)), capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Compare the fingerprint of", "--yes", "nothing was changed")
    assert not folder.exists()


def test_init_checks_every_field_and_the_folder_before_asking_anything(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = ["--registry-key", str(TRAINING_REGISTRY_FILE)]
    console = Answering("yes")
    args = init_args(env / "w", *key)
    args[args.index("admin")] = "Ada Lovelace"
    code, err, _ = run_as(console, args, capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "The user name is not valid")
    occupied = env / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    code, err, _ = run_as(console, init_args(occupied, *key), capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already holds files")
    assert console.prompts == []
    assert not (env / "w").exists()
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]


def test_init_with_a_damaged_registry_key_makes_nothing(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = env / "damaged.cmlkey"
    damaged.write_bytes(TRAINING_REGISTRY_FILE.read_bytes().replace(b"TRAINING", b"TRAINEES"))
    folder = env / "w"
    code, _, err, _ = run(init_args(folder, "--registry-key", str(damaged), "--yes"), capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, f"The key file {damaged} is damaged", "self-signature")
    assert not folder.exists()


def test_init_with_a_site_key_file_instead_of_the_registry_s(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_file = env / "site.cmlkey"
    code, _, err, _ = run(
        ["keys", "export-site", "--to", str(site_file), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    code, _, err, _ = run(init_args(env / "w2", "--registry-key", str(site_file), "--yes"), capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "holds the keys of a site, not of a registry")
    assert not (env / "w2").exists()


# --- keys export-site -----------------------------------------------------------------------------


def test_export_site_writes_the_site_key_file(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = env / "FR-086.cmlkey"
    code, _, err, lines = run(
        ["keys", "export-site", "--to", str(target), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    with as_admin(ws) as opened:
        service = KeyService(opened)
        assert target.read_bytes() == service.site_public_key_bytes()
        fingerprint = service.site_key().fingerprint
    assert read_key_file(target, expected_role="site").fingerprint == fingerprint
    assert lines == [
        f"The site's public key file was written to {target}.",
        "Send it to the registry; they will read its fingerprint back to you by phone:",
        f"    {fingerprint}",
    ]


def test_export_site_never_overwrites_another_file(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = env / "letter.txt"
    other.write_text("Dear registry")
    code, _, err, _ = run(
        ["keys", "export-site", "--to", str(other), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, f"{other} already exists", "nothing was changed")
    assert other.read_text() == "Dear registry"


# --- keys trust-registry --------------------------------------------------------------------------


def test_trust_registry_then_replace_it(
    ws: Path, env: Path, registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = inspect_registry_key(registry_file)
    trust = ["keys", "trust-registry", str(registry_file), "--yes", "--workspace", str(ws)]
    code, _, err, lines = run(trust, capsys)
    assert code == EXIT_OK, err
    assert f"  fingerprint   {first.fingerprint}" in lines
    assert lines[-1] == "The registry key of CML registry is trusted from now on."
    code, _, err, lines = run(trust, capsys)
    assert code == EXIT_OK, err
    assert lines == [
        f"This registry key is already trusted ({first.fingerprint}).",
        "Nothing was changed.",
    ]
    code, _, err, lines = run(
        [
            "keys",
            "trust-registry",
            str(TRAINING_REGISTRY_FILE),
            "--yes",
            "--reason",
            "training session",
            "--workspace",
            str(ws),
        ],
        capsys,
    )
    assert code == EXIT_OK, err
    assert lines[-1] == f"It replaces the key {first.fingerprint}, which is kept as inactive."
    with as_admin(ws) as opened:
        assert KeyService(opened).registry_key() == TRAINING


def test_trust_registry_asks_and_a_no_changes_nothing(
    ws: Path, registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["keys", "trust-registry", str(registry_file), "--workspace", str(ws)]
    console = Answering("n")
    code, err, lines = run_as(console, args, capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Cancelled; nothing was changed.")
    assert "Read the fingerprint to the registry coordinator by phone" in " ".join(lines)
    with as_admin(ws) as opened:
        assert KeyService(opened).registry_key() is None
    code, err, _ = run_as(Answering("YES"), args, capsys)
    assert code == EXIT_OK, err


def test_a_nurse_may_show_keys_but_not_trust_one(
    ws: Path,
    registry_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_workspace(ws, "admin", PASSWORD) as admin:
        UserService(admin).add_user("nina", "Nina Nurse", "nurse", "first-pass-1234")
    with open_workspace(ws, "nina", "first-pass-1234") as nina:
        UserService(nina).change_own_password("first-pass-1234", "nurse-pass-0815")
    monkeypatch.setenv("CMLENTRY_USER", "nina")
    monkeypatch.setenv("CMLENTRY_PASSWORD", "nurse-pass-0815")
    assert show(ws, capsys)[0] == "Site key        FR-086 CHU de Test"
    console = Answering("yes")
    code, err, _ = run_as(
        console, ["keys", "trust-registry", str(registry_file), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "research nurse", "may not manage the workspace's keys")
    assert console.prompts == []  # refused before the question
    code, _, err, _ = run(
        ["keys", "export-site", "--to", str(ws.parent / "s.cmlkey"), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "may not manage the workspace's keys")
    assert not (ws.parent / "s.cmlkey").exists()
    with as_admin(ws) as opened:
        assert KeyService(opened).registry_key() is None


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (None, "there is no such file"),
        (b"\x89PNG\r\n\x1a\n", "is not a cmlentry public key file"),
        (TRAINING_REGISTRY_FILE.read_bytes()[:100], "is damaged (it is cut short or is not JSON)"),
        (TRAINING_REGISTRY_FILE.read_bytes() + b"{}", "it has more bytes after its end"),
        (b"x" * 20_000, "is larger than a cmlentry public key file can be (16384 bytes)"),
    ],
    ids=["missing", "a picture", "truncated", "trailing bytes", "too large"],
)
def test_a_bad_key_file_is_refused_before_the_workspace_is_opened(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, sentence: str
) -> None:
    path = env / "sent.cmlkey"
    if content is not None:
        path.write_bytes(content)
    before = snapshot(ws)
    code, _, err, _ = run(
        ["keys", "trust-registry", str(path), "--yes", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, str(path), sentence)
    assert snapshot(ws) == before  # not even a login was recorded


def test_a_site_key_file_is_not_trusted_as_the_registry_s(
    ws: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_file = env / "other-site.cmlkey"
    write_key_file(site_file, role="site", seed=b"another site", owner=OTHER_SITE)
    before = snapshot(ws)
    code, _, err, _ = run(
        ["keys", "trust-registry", str(site_file), "--yes", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "holds the keys of a site, not of a registry", "Choose the registry's")
    assert snapshot(ws) == before


def test_a_wrong_password_changes_nothing(
    ws: Path,
    registry_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CMLENTRY_PASSWORD", "not-the-password")
    before = snapshot(ws)["cmlentry.db"]
    code, _, err, _ = run(
        ["keys", "trust-registry", str(registry_file), "--yes", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "password is not right")
    assert snapshot(ws)["cmlentry.db"] == before
