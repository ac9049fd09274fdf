"""Every icon name has a valid SVG that renders crisply at any size, with its source documented."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from cmlentry.gui.icons import ICON_DIR, ICON_NAMES, icon, icon_path

STATUS_COLOURS = {
    "complete": "#2e7d32",
    "ok": "#2e7d32",
    "draft": "#616161",
    "warning": "#b45309",
    "error": "#c62828",
}


def test_the_names_the_other_windows_use_all_exist() -> None:
    needed = [
        "new-case",
        "open",
        "save",
        "complete",
        "draft",
        "signed",
        "exported",
        "acknowledged",
        "lock",
        "unlock",
        "search",
        "filter",
        "history",
        "warning",
        "error",
        "ok",
        "info",
        "add-row",
        "remove-row",
        "backup",
        "restore",
        "import",
        "export",
        "settings",
        "user",
        "users",
        "key",
        "help",
        "quit",
        "override",
        "close",
        "calendar",
        "demo",
    ]
    assert set(needed) <= set(ICON_NAMES)
    assert len(set(ICON_NAMES)) == len(ICON_NAMES)


@pytest.mark.parametrize("name", ICON_NAMES)
def test_each_icon_is_a_valid_svg_that_scales(qtbot: QtBot, name: str) -> None:
    renderer = QSvgRenderer(str(icon_path(name)))
    assert renderer.isValid(), name
    made = icon(name)
    assert not made.isNull()
    # A 24-pixel icon on a 200 % screen is drawn from the SVG at 48 device pixels, not blown up.
    pixmap = made.pixmap(QSize(24, 24), 2.0)
    assert pixmap.size() == QSize(48, 48)
    assert pixmap.devicePixelRatio() == 2.0
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(48) for y in range(48)), (
        "the icon draws nothing"
    )


def test_an_unknown_name_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        icon("no-such-icon")


def test_no_svg_without_a_name_and_no_name_without_an_svg() -> None:
    files = {path.stem for path in ICON_DIR.glob("*.svg")}
    assert files == set(ICON_NAMES)


@pytest.mark.parametrize(("name", "colour"), STATUS_COLOURS.items())
def test_status_icons_are_drawn_in_their_colour(qtbot: QtBot, name: str, colour: str) -> None:
    text = icon_path(name).read_text()
    assert "currentColor" not in text
    assert f'stroke="{colour}"' in text
    image = (
        icon(name).pixmap(QSize(64, 64), 1.0).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    )
    wanted = QColor(colour)
    opaque = [
        image.pixelColor(x, y)
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert opaque and all(c.rgb() == wanted.rgb() for c in opaque)


def test_status_icons_differ_in_shape_not_only_in_colour() -> None:
    def shape(name: str) -> str:
        return re.sub(r'"#[0-9a-f]{6}"', '"C"', icon_path(name).read_text())

    shapes = {shape(name) for name in ("complete", "draft", "warning", "error", "ok")}
    assert len(shapes) == 5


def test_the_source_and_licence_are_documented() -> None:
    readme = (ICON_DIR / "README.md").read_text()
    licence = (ICON_DIR / "LICENSE").read_text()
    assert "lucide-static" in readme and re.search(r"\*\*version \d+\.\d+\.\d+\*\*", readme)
    assert "ISC License" in licence
    for name in ICON_NAMES:
        assert f"| `{name}` |" in readme, f"{name} has no row in resources/icons/README.md"
