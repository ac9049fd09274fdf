"""The screenshot script runs (offscreen here, under Xvfb for docs/screenshots/) and saves a
picture of every screen, so it cannot rot between two documentation updates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.harness import screenshots


def test_every_screen_is_saved_and_shows_something(tmp_path: Path) -> None:
    saved = screenshots.run(tmp_path, demo_cases=30, registry_cases_per_site=2)
    names = [path.name.split("-", 1)[1] for path in saved]
    for expected in (
        "setup-welcome.png",
        "setup-recovery-key.png",
        "unlock-wrong-password.png",
        "case-list.png",
        "editor-diagnosis-scores.png",
        "field-history.png",
        "crash-notice.png",
        "locked.png",
        "reports-overview.png",
        "reports-survival.png",
    ):
        assert expected in names
    for path in saved:
        image = QImage(str(path))
        assert image.width() >= 200 and image.height() >= 80, path.name
        # Not one flat colour: something was drawn.
        corner = image.pixel(0, 0)
        assert any(
            image.pixel(x, y) != corner
            for x in range(0, image.width(), 17)
            for y in range(0, image.height(), 13)
        ), path.name
