"""Interface languages: installing a translator, and keeping the ``.ts`` catalogues up to date.

English is the source language. Each other language has a Qt Linguist catalogue,
``resources/translations/cmlentry_<lang>.ts``; ``cmlentry_en.ts`` holds only the English plural
forms (``%n case(s)`` → "1 case", "2 cases").

Compiled ``.qm`` files are generated artefacts and are not committed: at start-up
:func:`install_translator` compiles the catalogue with the ``lrelease`` shipped in the PySide6
wheel into the user cache folder, in a file named after the catalogue's SHA-256, so it compiles
once per catalogue version and a changed ``.ts`` is never shadowed by a stale ``.qm``.
Unfinished translations are left out (``-nounfinished``): an English sentence is better than a
half-checked French one.

``python -m cmlentry.gui.translations --update`` refreshes every catalogue: ``pyside6-lupdate``
collects the ``tr()`` strings of ``cmlentry/gui`` and ``ui/``, then the English template of every
:class:`~cmlentry.errors.CmlentryError` subclass is merged into the ``"errors"`` context, which
lupdate cannot see because :func:`cmlentry.gui.messages.describe` looks templates up at run time.
docs/translations.md describes the whole routine.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import logging
import os
import pkgutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # only writes; parsing goes through defusedxml
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped, unused-ignore]
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import cmlentry
from cmlentry.errors import CmlentryError
from cmlentry.gui.messages import ERRORS_CONTEXT, placeholders

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"
_GONE = ("vanished", "obsolete")
# Modules never imported when collecting error classes: __main__ runs the command line, and
# migration scripts are loaded by Alembic only.
_SKIP_MODULES = (
    "cmlentry.__main__",
    "cmlentry.storage.migrations",
    "cmlentry.storage.central.migrations",
)

# The translators installed by install_translator (kept alive here, removed on a new install).
_installed: list[QTranslator] = []


# --- choosing and installing a language -------------------------------------------------------


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"cmlentry_{language}.ts"


def available_languages() -> list[str]:
    """Language codes the interface can be shown in, English first."""
    found = sorted(p.stem.removeprefix("cmlentry_") for p in TRANSLATIONS_DIR.glob("cmlentry_*.ts"))
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def resolve_language(language: str | None) -> str:
    """The language to use: ``language`` if available, else the system's first available one.

    ``None`` means "as set in the preferences"; ``""`` means "as the system says".
    """
    if language is None:
        from cmlentry.gui.settings import Settings

        language = Settings().language
    available = available_languages()
    wanted = [language] if language else QLocale.system().uiLanguages()
    for code in wanted:
        primary = code.replace("_", "-").split("-")[0].lower()
        if primary in available:
            return primary
    return SOURCE_LANGUAGE


def _lrelease() -> Path:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(PySide6.__file__).parent / name


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("cmlentry", appauthor=False)) / "translations"


def compiled_catalogue(language: str, cache_dir: Path | None = None) -> Path:
    """The ``.qm`` of ``language``, compiled into ``cache_dir`` unless already there.

    Raises:
        FileNotFoundError: there is no catalogue for ``language``.
        OSError: the cache folder cannot be written.
        subprocess.CalledProcessError: lrelease refused the catalogue.
    """
    source = catalogue_path(language)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = cache_dir or default_cache_dir()
    target = folder / f"cmlentry_{language}-{digest}.qm"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    os.close(handle)
    try:
        command = [str(_lrelease()), "-silent", "-nounfinished", str(source), "-qm", temporary]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    for stale in folder.glob(f"cmlentry_{language}-*.qm"):
        if stale != target:
            stale.unlink(missing_ok=True)
    return target


def install_translator(
    app: QCoreApplication, language: str | None = None, *, cache_dir: Path | None = None
) -> str:
    """Translate the interface into ``language`` (see :func:`resolve_language`); return it.

    Qt's own strings (standard buttons, context menus) come from Qt's ``qtbase`` catalogue.
    A catalogue that cannot be compiled or loaded leaves the interface in English and is logged;
    it never stops the application.
    """
    remove_translators(app)
    chosen = resolve_language(language)
    if catalogue_path(chosen).exists():
        try:
            qm = compiled_catalogue(chosen, cache_dir)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("the %s catalogue could not be compiled (%s)", chosen, type(exc).__name__)
            return SOURCE_LANGUAGE
        ours = QTranslator(app)
        if not ours.load(str(qm)):
            log.warning("the %s catalogue could not be loaded", chosen)
            return SOURCE_LANGUAGE
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if chosen != SOURCE_LANGUAGE and qt_own.load(QLocale(chosen), "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return chosen


def remove_translators(app: QCoreApplication) -> None:
    """Take out every catalogue :func:`install_translator` put in: the source strings again."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


# --- the catalogues ---------------------------------------------------------------------------


def error_classes() -> tuple[list[type[CmlentryError]], list[str]]:
    """Every CmlentryError subclass defined in cmlentry, after importing all its modules.

    Returns the classes (sorted by code) and the modules that failed to import, with why.
    """
    failures: list[str] = []
    for module in pkgutil.walk_packages(cmlentry.__path__, "cmlentry."):
        if module.name.startswith(_SKIP_MODULES):
            continue
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # report every broken module, not only the first
            failures.append(f"{module.name}: {type(exc).__name__}: {exc}")
    found: dict[type[CmlentryError], None] = {CmlentryError: None}
    todo: list[type[CmlentryError]] = [CmlentryError]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found and sub.__module__.startswith("cmlentry."):
                found[sub] = None
                todo.append(sub)
    return sorted(found, key=lambda cls: (cls.code, cls.__qualname__)), failures


def error_templates() -> dict[str, str]:
    """Each error template (the translation's source text) with the code(s) that use it."""
    templates: dict[str, list[str]] = {}
    for cls in error_classes()[0]:
        codes = templates.setdefault(cls.template, [])
        if cls.code not in codes:
            codes.append(cls.code)
    return {template: ", ".join(codes) for template, codes in templates.items()}


def read_catalogue(path: Path) -> ET.Element:
    """The ``<TS>`` element of a catalogue."""
    root: ET.Element = SafeET.parse(path).getroot()
    return root


def write_catalogue(root: ET.Element, path: Path) -> None:
    """Write a catalogue atomically, in one stable layout whatever wrote it before."""
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'
    temporary = path.with_suffix(".ts.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _context(root: ET.Element, name: str) -> ET.Element:
    for context in root.findall("context"):
        if context.findtext("name") == name:
            return context
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = name
    return context


def error_messages(path: Path) -> dict[str, ET.Element]:
    """The ``"errors"`` messages of a catalogue, by source text."""
    context = _context(read_catalogue(path), ERRORS_CONTEXT)
    return {m.findtext("source") or "": m for m in context.findall("message")}


def merge_error_templates(
    path: Path, templates: dict[str, str], before: dict[str, ET.Element] | None = None
) -> list[str]:
    """Make the ``"errors"`` context of ``path`` hold exactly ``templates``; return the new ones.

    Translations of templates still in use are kept: from ``before`` (the messages as they were
    before lupdate ran, since lupdate drops or marks vanished what it does not see in the code)
    or from the file itself. A new template whose code had an older template gets that older
    translation as an *unfinished* hint for the translator.
    """
    root = read_catalogue(path)
    context = _context(root, ERRORS_CONTEXT)
    old: dict[str, ET.Element] = {}
    for previous in context.findall("message"):
        old[previous.findtext("source") or ""] = previous
        context.remove(previous)
    for source, message in (before or {}).items():
        if source not in old or not is_current(old[source]):
            old[source] = message
    hints = {_codes_of(m): m.findtext("translation") or "" for m in old.values()}
    added: list[str] = []
    for template, codes in sorted(templates.items(), key=lambda item: (item[1], item[0])):
        known = old.get(template)
        message = known if known is not None else ET.Element("message")
        if known is None:
            added.append(template)
            ET.SubElement(message, "source").text = template
            hint = ET.SubElement(message, "translation", type="unfinished")
            hint.text = hints.get(codes, "")
        translation = message.find("translation")
        if translation is not None and translation.get("type") in _GONE:
            # lupdate marks a finished message "vanished" and an unfinished one "obsolete".
            if translation.get("type") == "vanished":
                del translation.attrib["type"]
            else:
                translation.set("type", "unfinished")
        comment = message.find("extracomment")
        if comment is None:
            comment = ET.Element("extracomment")
            message.insert(1, comment)
        comment.text = _extracomment(codes, template)
        context.append(message)
    write_catalogue(root, path)
    return added


def _extracomment(codes: str, template: str) -> str:
    """The note a translator sees: which error it is and which placeholders to keep."""
    fields = sorted(placeholders(template))
    keep = f"; keep {' '.join('{' + field + '}' for field in fields)}" if fields else ""
    return f"error {codes}{keep}"


def _codes_of(message: ET.Element) -> str:
    comment = message.findtext("extracomment") or ""
    return comment.removeprefix("error ").split(";")[0]


def is_current(message: ET.Element) -> bool:
    """False for a message lupdate marked vanished or obsolete."""
    return message.find("translation[@type='vanished']") is None and (
        message.find("translation[@type='obsolete']") is None
    )


def prune_gone(path: Path) -> int:
    """Drop the messages lupdate marked vanished or obsolete; return how many."""
    root = read_catalogue(path)
    dropped = 0
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in _GONE:
                context.remove(message)
                dropped += 1
        if context.find("message") is None:
            root.remove(context)
    write_catalogue(root, path)
    return dropped


def _lupdate(sources: Sequence[Path], target: Path, *, plural_only: bool) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    command = [str(lupdate) if lupdate.exists() else "pyside6-lupdate", "-silent"]
    command += ["-locations", "none"] + (["-pluralonly"] if plural_only else [])
    command += [str(source) for source in sources]
    command += ["-target-language", target.stem.removeprefix("cmlentry_"), "-ts", str(target)]
    subprocess.run(command, check=True, timeout=300)


def update_catalogues(languages: Sequence[str] | None = None) -> list[str]:
    """Refresh the catalogues of ``languages`` (all but English by default); return a report."""
    sources = sorted((ROOT / "cmlentry" / "gui").rglob("*.py")) + sorted((ROOT / "ui").glob("*.ui"))
    classes, failures = error_classes()
    templates = error_templates()
    report = [f"cannot import {failure}" for failure in failures]
    codes = languages or [code for code in available_languages() if code != SOURCE_LANGUAGE]
    for language in codes:
        path = catalogue_path(language)
        before = error_messages(path)
        _lupdate(sources, path, plural_only=False)
        added = merge_error_templates(path, templates, before)
        dropped = prune_gone(path)
        unfinished = len(unfinished_messages(path))
        report.append(
            f"{path.name}: {len(added)} new error template(s), {dropped} stale message(s) "
            f"dropped, {unfinished} message(s) to translate"
        )
        report.extend(
            f"warning: {source!r} has no context (tr aliased, or the context is a variable), "
            "so it is never translated"
            for source in contextless_messages(path)
        )
    english = catalogue_path(SOURCE_LANGUAGE)
    _lupdate(sources, english, plural_only=True)
    prune_gone(english)
    report.append(f"{english.name}: plural forms only, {len(classes)} error classes seen")
    return report


def contextless_messages(path: Path) -> list[str]:
    """Source texts lupdate could not give a context: at run time nothing translates them."""
    return [
        message.findtext("source") or ""
        for context in read_catalogue(path).findall("context")
        if not context.findtext("name")
        for message in context.findall("message")
    ]


def unfinished_messages(path: Path) -> list[str]:
    """Source texts of ``path`` still waiting for a translation."""
    return [
        message.findtext("source") or ""
        for message in read_catalogue(path).iter("message")
        if message.find("translation[@type='unfinished']") is not None
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cmlentry.gui.translations")
    parser.add_argument("--update", action="store_true", help="refresh every .ts catalogue")
    parser.add_argument("languages", nargs="*", help="only these languages (e.g. fr)")
    args = parser.parse_args(argv)
    if not args.update:
        parser.print_help()
        return 2
    for line in update_catalogues(args.languages or None):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
