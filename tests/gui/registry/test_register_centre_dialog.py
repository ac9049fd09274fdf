"""Registering a centre: its key file, its fingerprint read by phone, and only then Register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.gui import workers
from cmlentry.gui.registry.register_centre_dialog import RegisterCentreDialog
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import create_workspace
from tests.batch_world import World, make_world
from tests.conftest import FakeClock

NEW_SITE = SiteDetails.checked("DE", "123", "Uniklinik Test")


@pytest.fixture
def world(tmp_path: Path, clock: FakeClock) -> World:
    world, _complete = make_world(tmp_path / "world", clock, cases=1)
    return world


@pytest.fixture
def new_site_key(tmp_path: Path, clock: FakeClock) -> tuple[Path, str]:
    """A second site's public key file as its administrator exports it, and its fingerprint as
    the site's own screen shows it."""
    created = create_workspace(
        tmp_path / "de", NEW_SITE, "root", "Rita Root", "Berlin-2026-ws", clock=clock,
        policy=OWASP_FLOOR,
    )  # fmt: skip
    with created.workspace as ws:
        keys = KeyService(ws)
        keys.make_site_keys(NEW_SITE)
        keys.export_site_public_key(tmp_path / "de.cmlkey")
        return tmp_path / "de.cmlkey", keys.site_key().fingerprint


@pytest.fixture
def centres(world: World) -> Iterator[CentreService]:
    ws = world.registry()
    store = open_central_store(ws)
    yield CentreService(ws, store)
    assert workers.wait_for_done()
    store.close()
    ws.close()


def _codes(centres: CentreService) -> list[str]:
    return [c.code for c in centres.centres()]


def test_register_is_possible_only_after_the_fingerprint_was_compared(
    qtbot: QtBot, centres: CentreService, new_site_key: tuple[Path, str]
) -> None:
    path, fingerprint = new_site_key
    dialog = RegisterCentreDialog(centres)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.register_button.isEnabled()  # no file yet

    dialog.load_key_file(path)
    assert dialog.fingerprint.text() == fingerprint  # what the site reads on its own screen
    assert dialog.fingerprint.isVisible() and dialog.compared.isVisible()
    assert not dialog.register_button.isEnabled()
    dialog.register_button.click()  # disabled: nothing happens
    assert workers.wait_for_done()
    assert "DE-123" not in _codes(centres)

    dialog.compared.setChecked(True)
    assert dialog.register_button.isEnabled()
    with qtbot.waitSignal(dialog.centre_registered, timeout=15_000) as blocker:
        dialog.register_button.click()
    assert blocker.args is not None and blocker.args[0].code == "DE-123"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    registered = {c.code: c for c in centres.centres()}
    assert [k.fingerprint for k in registered["DE-123"].keys] == [fingerprint]


def test_another_file_must_be_compared_again(
    qtbot: QtBot, centres: CentreService, new_site_key: tuple[Path, str], world: World
) -> None:
    path, _fingerprint = new_site_key
    dialog = RegisterCentreDialog(centres)
    qtbot.addWidget(dialog)
    dialog.load_key_file(path)
    dialog.compared.setChecked(True)
    assert dialog.register_button.isEnabled()
    # The registry's own key file is not a site's: refused with a sentence, nothing to tick.
    dialog.load_key_file(world.out / "registry.cmlkey")
    assert dialog.key is None
    assert not dialog.compared.isChecked()
    assert not dialog.register_button.isEnabled()
    message = dialog.findChild(type(dialog.fingerprint), "register_message")
    assert message is not None and message.text()


def test_a_refusal_is_said_in_the_dialog_and_registers_nothing(
    qtbot: QtBot, centres: CentreService, tmp_path: Path, clock: FakeClock
) -> None:
    # A second key for FR-086, which already has an active one: the service refuses it.
    other = SiteDetails.checked("FR", "086", "CHU de Test")
    created = create_workspace(
        tmp_path / "fr2", other, "root", "Rita Root", "Grenoble-2026-two", clock=clock,
        policy=OWASP_FLOOR,
    )  # fmt: skip
    with created.workspace as ws:
        KeyService(ws).make_site_keys(other)
        KeyService(ws).export_site_public_key(tmp_path / "fr2.cmlkey")
    before = [k.key_id for c in centres.centres() for k in c.keys]
    dialog = RegisterCentreDialog(centres)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_key_file(tmp_path / "fr2.cmlkey")
    dialog.compared.setChecked(True)
    dialog.register_button.click()
    message = dialog.findChild(type(dialog.fingerprint), "register_message")
    assert message is not None
    qtbot.waitUntil(lambda: bool(message.text()), timeout=15_000)
    assert "FR-086" in message.text()
    assert dialog.isVisible()  # stays open, the sentence beside the file
    assert [k.key_id for c in centres.centres() for k in c.keys] == before
