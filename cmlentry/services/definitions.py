"""Every released version of the form definition, loaded once from ``resources/forms``.

The newest version is the one new data are entered under; older versions stay loadable so that
records entered under them are shown and exported with the definition they were entered under.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from cmlentry.domain.forms import VERSION_FILE, DefinitionError, FormDefinition, parse_definition

RESOURCES_ENV = "CMLENTRY_RESOURCES"


def resources_folder() -> Path:
    """``resources/`` beside the package (source tree or installed bundle), or as configured."""
    configured = os.environ.get(RESOURCES_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "resources"


@dataclass(frozen=True)
class DefinitionSet:
    """The released definitions of one form, by version."""

    by_version: dict[str, FormDefinition]

    @property
    def current(self) -> FormDefinition:
        return self.by_version[max(self.by_version, key=_version_key)]

    def version(self, version: str) -> FormDefinition:
        try:
            return self.by_version[version]
        except KeyError:
            raise DefinitionError(
                where=f"version {version}",
                why="this version of the form is not installed; install a newer cmlentry",
            ) from None

    @classmethod
    def load(cls, folder: Path) -> DefinitionSet:
        found: dict[str, FormDefinition] = {}
        for path in sorted(folder.glob("*.yaml")):
            match = VERSION_FILE.match(path.name)
            if match is None:
                continue
            definition = parse_definition(path.read_text("utf-8"), source=path.name)
            if definition.version != match["version"]:
                raise DefinitionError(
                    where=path.name, why=f"it declares version {definition.version}"
                )
            found[definition.version] = definition
        if not found:
            raise DefinitionError(where=str(folder), why="no form definition was found there")
        return cls(found)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@functools.cache
def installed_definitions() -> DefinitionSet:
    return DefinitionSet.load(resources_folder() / "forms")
