"""The catalogues: every error template present, placeholders kept, French really loads."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped, unused-ignore]
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cmlentry.errors import Cancelled, NotAWorkspace, WorkspaceInUse
from cmlentry.gui import translations
from cmlentry.gui.messages import ERRORS_CONTEXT
from cmlentry.gui.translations import (
    TRANSLATIONS_DIR,
    available_languages,
    compiled_catalogue,
    error_templates,
    install_translator,
    merge_error_templates,
    remove_translators,
    resolve_language,
)

CATALOGUES = sorted(TRANSLATIONS_DIR.glob("cmlentry_*.ts"))
UPDATE = "run `python -m cmlentry.gui.translations --update`, then translate (docs/translations.md)"
# English grammar helpers some templates carry ("problem"/"problems"); another language words
# its plural itself and may leave them out.
ENGLISH_ONLY_PARAMS = {"noun"}
_QT_ARG = re.compile(r"%L?(\d+|n)")


def messages_of(path: Path) -> Iterator[tuple[str, Element]]:
    root = SafeET.parse(path).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def is_current(message: Element) -> bool:
    translation = message.find("translation")
    return translation is not None and translation.get("type") not in {"vanished", "obsolete"}


def translated_forms(message: Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [translation.text or ""]


def qt_args(text: str) -> list[str]:
    return sorted(match.group(1) for match in _QT_ARG.finditer(text))


@pytest.fixture
def english_again(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    cache = tmp_path / "qm"
    yield cache
    # Back to the source texts, as every other test expects (English plural forms are a
    # catalogue too: leaving it installed changes "patient(s)" for the tests that follow).
    remove_translators(qapp)


def test_there_is_a_french_and_an_english_plural_catalogue() -> None:
    assert [p.name for p in CATALOGUES] == ["cmlentry_en.ts", "cmlentry_fr.ts"]
    assert available_languages() == ["en", "fr"]


@pytest.mark.parametrize("path", [p for p in CATALOGUES if p.stem != "cmlentry_en"], ids=str)
def test_every_error_template_is_in_the_catalogue(path: Path) -> None:
    present = {
        message.findtext("source")
        for context, message in messages_of(path)
        if context == ERRORS_CONTEXT and is_current(message)
    }
    missing = sorted(set(error_templates()) - present)
    assert missing == [], f"{path.name} lacks {len(missing)} error template(s): {UPDATE}"


def placeholders_lost_or_invented(source: str, form: str, *, numerus: bool) -> bool:
    """True when ``form`` does not keep the placeholders of ``source``.

    ``{name}`` (error templates, and the few tr() strings filled with ``str.format``) must be
    the same set, apart from English-only grammar helpers; Qt's ``%1``/``%L1``/``%n``/``%Ln`` the
    same multiset, except that a plural form may leave ``%n`` out ("un seul dossier").
    """
    needed = set(re.findall(r"{(\w+)}", source))
    kept = set(re.findall(r"{(\w+)}", form))
    if kept - needed or needed - kept - ENGLISH_ONLY_PARAMS:
        return True
    if qt_args(form) == qt_args(source):
        return False
    return not (numerus and qt_args(form) == [a for a in qt_args(source) if a != "n"])


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_every_translation_keeps_its_placeholders(path: Path) -> None:
    wrong = [
        f"{context}: {message.findtext('source')!r} -> {form!r}"
        for context, message in messages_of(path)
        if is_current(message) and not message.find("translation").get("type")  # type: ignore[union-attr]
        for form in translated_forms(message)
        if placeholders_lost_or_invented(
            message.findtext("source") or "", form, numerus=message.get("numerus") == "yes"
        )
    ]
    assert wrong == []


def test_the_placeholder_check_catches_a_lost_or_invented_placeholder() -> None:
    assert placeholders_lost_or_invented(
        "{folder} is full.", "Le dossier est plein.", numerus=False
    )
    assert placeholders_lost_or_invented("Saved at %1", "Enregistré", numerus=False)
    assert placeholders_lost_or_invented("Saved", "Enregistré à %1", numerus=False)
    assert placeholders_lost_or_invented("%n case(s)", "dossiers", numerus=False)
    assert not placeholders_lost_or_invented("%n case(s)", "un dossier", numerus=True)
    assert not placeholders_lost_or_invented("%1 of %Ln", "%1 sur %Ln", numerus=True)
    assert not placeholders_lost_or_invented("{count} {noun}", "{count} problème(s)", numerus=False)


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_no_translation_is_finished_but_empty(path: Path) -> None:
    empty = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in messages_of(path)
        if is_current(message)
        and not message.find("translation").get("type")  # type: ignore[union-attr]
        and any(not form.strip() for form in translated_forms(message))
    ]
    assert empty == []


def test_the_french_translator_loads_and_translates(
    qapp: QApplication, english_again: Path
) -> None:
    assert install_translator(qapp, "fr", cache_dir=english_again) == "fr"
    assert QCoreApplication.translate(ERRORS_CONTEXT, Cancelled.template) == (
        "Annulé\u00a0; rien n’a été modifié."
    )
    french = QCoreApplication.translate(ERRORS_CONTEXT, NotAWorkspace.template)
    assert french.startswith("{folder} n’est pas un espace de travail cmlentry")
    assert QCoreApplication.translate("ProgressDialog", "Cancel") == "Annuler"
    # Qt's own buttons (QMessageBox, QDialogButtonBox) come from Qt's French catalogue.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"

    assert install_translator(qapp, "en", cache_dir=english_again) == "en"
    assert QCoreApplication.translate(ERRORS_CONTEXT, Cancelled.template) == Cancelled.template


@pytest.mark.parametrize(
    ("asked", "used"), [("fr", "fr"), ("fr_FR", "fr"), ("fr-CA", "fr"), ("en", "en"), ("de", "en")]
)
def test_the_language_asked_for_or_english(asked: str, used: str) -> None:
    assert resolve_language(asked) == used


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogues the test may change."""
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, folder)
    monkeypatch.setattr(translations, "TRANSLATIONS_DIR", folder)
    return folder


def test_the_compiled_catalogue_is_cached_by_content(catalogues: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = compiled_catalogue("fr", cache)
    stamp = first.stat().st_mtime_ns
    assert compiled_catalogue("fr", cache) == first
    assert first.stat().st_mtime_ns == stamp  # not compiled again
    source = catalogues / "cmlentry_fr.ts"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = compiled_catalogue("fr", cache)
    assert second != first and second.exists()
    assert not first.exists()  # the stale one is removed
    assert [p.name for p in cache.iterdir()] == [second.name]  # and no temporary file is left


def test_a_broken_catalogue_leaves_the_interface_in_english(
    qapp: QApplication, catalogues: Path, english_again: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (catalogues / "cmlentry_xx.ts").write_text("<TS><context>", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="cmlentry"):
        assert install_translator(qapp, "xx", cache_dir=english_again) == "en"
    assert "could not be compiled" in caplog.text


def test_merging_keeps_translations_adds_new_templates_and_drops_old_ones(catalogues: Path) -> None:
    path = catalogues / "cmlentry_fr.ts"
    templates = error_templates()
    changed = dict(templates)
    # The template of workspace.in_use is reworded; a new error appears; WorkspaceInUse's old
    # French stays as an unfinished hint for the translator.
    del changed[WorkspaceInUse.template]
    changed["This workspace is open elsewhere. Close it there."] = "workspace.in_use"
    changed["A brand-new problem with {thing}."] = "test.new"
    added = merge_error_templates(path, changed)
    assert sorted(added) == [
        "A brand-new problem with {thing}.",
        "This workspace is open elsewhere. Close it there.",
    ]
    found = {
        message.findtext("source"): message
        for context, message in messages_of(path)
        if context == ERRORS_CONTEXT
    }
    assert set(found) == set(changed)
    hint = found["This workspace is open elsewhere. Close it there."].find("translation")
    assert hint is not None and hint.get("type") == "unfinished"
    assert hint.text and hint.text.startswith("Cet espace de travail est déjà ouvert")
    kept = found[Cancelled.template].find("translation")
    assert kept is not None and kept.get("type") is None and kept.text
    note = found[NotAWorkspace.template].findtext("extracomment")
    assert note == "error workspace.not_found; keep {folder}"


def test_every_translate_call_spells_out_its_context_and_text() -> None:
    """lupdate reads ``translate("context", "text")`` only when both are written out: a helper
    such as ``_t(text)`` with the context in a variable leaves its texts out of the catalogue
    without a warning, and the French interface shows them in English. The one exception is
    the error templates, put into the catalogue from the error classes by ``--update``."""
    import ast

    root = Path(__file__).parents[2] / "cmlentry" / "gui"
    hidden: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "QCoreApplication"
            ):
                continue
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
            if len(literal) >= 2 and all(literal[:2]):
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            if not _error_template_call(node):
                hidden.append(where)
    assert hidden == []


def _error_template_call(node: object) -> bool:
    """``translate(ERRORS_CONTEXT, template)``: the error templates (see the test above)."""
    import ast

    assert isinstance(node, ast.Call)
    first = node.args[0] if node.args else None
    return isinstance(first, ast.Name) and first.id == "ERRORS_CONTEXT"
