"""Dependencies run one way: nothing outside cmlentry/gui imports Qt; gui never reaches storage.

import-linter checks the same contracts in `make lint`; this test keeps the rule visible in the
test suite too, and names the offending line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cmlentry"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_only_the_gui_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if "gui" not in path.relative_to(PACKAGE).parts
        for line, name in imports(path)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_the_gui_goes_through_services() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in (PACKAGE / "gui").rglob("*.py")
        for line, name in imports(path)
        if name.startswith(("cmlentry.storage", "sqlalchemy", "sqlcipher3"))
    ]
    assert offenders == []


def test_the_domain_does_no_io() -> None:
    """Clinical rules and calculations stay pure: no database, files or services."""
    forbidden = {"sqlalchemy", "sqlcipher3", "os", "pathlib", "shutil", "subprocess", "socket"}
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for line, name in imports(path)
        if name.split(".")[0] in forbidden
        or name.startswith(("cmlentry.storage", "cmlentry.services", "cmlentry.crypto"))
    ]
    assert offenders == []
