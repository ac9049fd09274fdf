"""The ``cmlentry`` program: the command line, and ``cmlentry gui`` for the desktop application.

The command line (:mod:`cmlentry.cli`) never imports Qt, so scripts and servers run it without a
display library; this thin entry point hands it the one function that opens the GUI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cmlentry import cli


def open_gui(folder: Path, demo: str | None) -> int:
    """Open the desktop application on ``folder``, or on a fresh demo of kind ``demo``."""
    from cmlentry.gui.start import run  # Qt is loaded only when the GUI is asked for

    if demo is None:
        return run(sys.argv[:1], folder)
    return run(sys.argv[:1], None, demo=True, demo_registry=demo == cli.DEMO_REGISTRY)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_gui=open_gui)


if __name__ == "__main__":
    raise SystemExit(main())
