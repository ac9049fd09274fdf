"""Logging set-up: a rotating file in the platform's user log directory.

Log lines carry event names, user names, counts and file names; never patient data, passwords,
keys or recovery keys (``tests/services/test_no_secrets.py`` scans every log line for sentinels).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir("cmlentry", appauthor=False))


def configure_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send cmlentry's log to a rotating file; return its path, or None if it cannot be written.

    A log that cannot be written must never stop a nurse from working, so failures here are
    swallowed and reported by the return value only.
    """
    folder = log_dir or default_log_dir()
    path = folder / "cmlentry.log"
    root = logging.getLogger("cmlentry")
    for existing in root.handlers:
        if getattr(existing, "baseFilename", None) == str(path.absolute()):
            return path  # configured already (the CLI's main() may run more than once)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.touch(mode=0o600, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(level)
    root.addHandler(handler)
    return path
