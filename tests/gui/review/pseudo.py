"""A pseudo-translation: every text asked of the translator comes back as ``⟦text⟧``.

Installed, it shows which texts of a screen go through Qt's translation (wrapped) and which are
English put on screen as they are (not wrapped). Placeholders stay inside the brackets, so
``⟦Signed by %1⟧`` filled in reads ``⟦Signed by Pia⟧``; Qt's own texts (``QShortcut``'s "Ctrl",
a dialog button's "Cancel") are wrapped too, as a real catalogue would translate them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

OPEN, CLOSE = "⟦", "⟧"


class PseudoTranslator(QTranslator):
    """Wraps every source text in ⟦ ⟧; remembers what it was asked (context, source)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add((context, source))
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


def wrapped(text: str) -> bool:
    """Whether the whole of ``text`` came from the translator."""
    return text.startswith(OPEN) and text.endswith(CLOSE)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[PseudoTranslator]:
    """The pseudo-translation, installed for the test (install it before building widgets)."""
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)
