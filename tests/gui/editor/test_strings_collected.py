"""The review's and the editor's texts reach the catalogues: lupdate collects every one of them.

lupdate reads the source, it does not run it: it collects ``self.tr("…")`` in a class (the
class is the context) and ``QCoreApplication.translate("Context", "…")``, and nothing else. A
helper ``_tr(text)``, a context in a variable or ``other.tr`` hide texts from it, and they stay
English in every language. ``QCoreApplication.translate`` with a count gets no plural forms
from lupdate's Python parser, so counted texts are ``self.tr(…, "", n)``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped, unused-ignore]

from cmlentry.services.review import MEANING_APPROVAL

ROOT = Path(__file__).resolve().parents[3]
GUI = ROOT / "cmlentry" / "gui"
SOURCES = sorted(
    [
        *(GUI / "editor").glob("*.py"),
        *(GUI / "review").glob("*.py"),
        GUI / "main_actions.py",
        GUI / "dialogs" / "query_dialog.py",
        GUI / "role_words.py",
    ]
)


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def problems_of(path: Path, root: Path = ROOT) -> list[str]:
    """Calls lupdate cannot collect (or collects without plural forms), as "file:line: why"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func, where = node.func, f"{path.relative_to(root)}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in {"tr", "_tr"}:
            found.append(f"{where}: {func.id}() hides its text from lupdate")
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr == "tr":
            if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                found.append(f"{where}: tr() of another object: lupdate gives no context")
            elif not node.args or not _literal(node.args[0]):
                found.append(f"{where}: self.tr() of a text that is not a literal")
        is_translate = (
            func.attr == "translate"
            and isinstance(func.value, ast.Name)
            and func.value.id == "QCoreApplication"
        )
        if is_translate:
            if len(node.args) < 2 or not all(_literal(arg) for arg in node.args[:2]):
                found.append(f"{where}: translate() with a context or text that is not literal")
            if len(node.args) > 3 or any(k.arg == "n" for k in node.keywords):
                found.append(f"{where}: translate() with a count gets no plural forms")
    return found


def test_every_text_is_a_literal_call_lupdate_collects() -> None:
    assert SOURCES
    problems = [problem for path in SOURCES for problem in problems_of(path)]
    assert problems == []


def test_the_check_finds_the_helpers_that_hid_texts(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden.py"
    hidden.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "_CONTEXT = 'X'\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate(_CONTEXT, text)\n"
        "def f(n, window):\n"
        "    return _tr('a'), window.tr('b'), QCoreApplication.translate('X', '%n c', '', n)\n",
        encoding="utf-8",
    )
    assert len(problems_of(hidden, tmp_path)) == 4


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, bool]]:
    """(context, source, has plural forms) of every message lupdate collects from SOURCES."""
    target = tmp_path_factory.mktemp("lupdate") / "collected_fr.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    command = [str(lupdate) if lupdate.exists() else "pyside6-lupdate", "-silent"]
    command += [str(path) for path in SOURCES] + ["-target-language", "fr", "-ts", str(target)]
    subprocess.run(command, check=True, timeout=120)
    root = SafeET.parse(target).getroot()
    return [
        (
            context.findtext("name") or "",
            message.findtext("source") or "",
            bool(message.get("numerus")),
        )
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_lupdate_gives_every_text_a_context_and_every_count_its_plural_forms(
    collected: list[tuple[str, str, bool]],
) -> None:
    assert [source for context, source, _n in collected if not context] == []
    assert [source for _c, source, plural in collected if "%n" in source and not plural] == []


@pytest.mark.parametrize(
    ("context", "source"),
    [
        ("ReviewPrompts", "Raise a query"),
        ("ReviewPrompts", "Answer a query"),
        ("ReviewPrompts", "Close a query"),
        ("ReviewPrompts", "Cancel a query"),
        ("ReviewPrompts", "Unlock a signed case"),
        ("ReviewPrompts", "Verify all answers on this form"),
        ("QueryWords", "open"),
        ("QueryWords", "answered"),
        ("QueryWords", "closed"),
        ("QueryWords", "cancelled"),
        ("QueryWords", "Queries: %1."),
        ("QueryMark", "Queries on %1"),
        ("CaseEditor", "Change a complete form"),
        ("ValueLineEdit", "whole number"),
        ("meanings", MEANING_APPROVAL),
        ("roles", "principal investigator"),
    ],
)
def test_the_texts_a_translator_found_english_are_collected(
    collected: list[tuple[str, str, bool]], context: str, source: str
) -> None:
    assert (context, source) in {(c, s) for c, s, _n in collected}
