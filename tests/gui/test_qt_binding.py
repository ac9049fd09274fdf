"""The installed Qt binding must not drop references to None (regression).

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every call of a Qt method
that returns nothing; after enough calls, or at exit, the interpreter aborted with "Fatal
Python error: none_dealloc". pyproject.toml pins PySide6 below 6.12 for that reason; this test
fails if a binding with the defect is installed again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Far more calls than the ~40,000 references a fresh interpreter holds to None.
CALLS = """
import sys
from PySide6.QtCore import QObject
probe = QObject()
before = sys.getrefcount(None)
for _ in range(200_000):
    probe.setObjectName("x")
print("lost", before - sys.getrefcount(None), flush=True)
"""


def test_many_qt_calls_keep_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CALLS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lost = int(result.stdout.split()[1])
    assert lost < 1000, f"the Qt binding dropped {lost} references to None"
