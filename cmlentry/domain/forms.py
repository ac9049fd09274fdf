"""The case report form as data: the definition model, its loader, and what it can answer.

A definition is a YAML document (``resources/forms/cml-ifp-<version>.yaml``) that coordinators
review. :func:`parse_definition` turns its text into a frozen :class:`FormDefinition` and checks
the definition itself — unknown types or keys, duplicate ids, code lists, ranges and conditions
that name missing items — failing with a :class:`DefinitionError` that names the item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cmlentry.errors import CmlentryError

ItemType = Literal["text", "integer", "decimal", "date", "code", "derived"]
MissingCode = Literal["UNK", "ND", "NA"]
IDENTIFIER = r"^[a-z][a-z0-9_]{0,62}$"

# Calculations a derived item may name; cmlentry.domain.derived implements each one.
DERIVATIONS = frozenset(
    {
        "sokal", "hasford", "eutos", "elts", "imatinib_duration", "dose_intensity",
        "long_interruptions", "chr", "cytogenetic_response", "molecular_response", "phase",
        "ctcae_grade", "form_a_reasons",
    }
)  # fmt: skip


class DefinitionError(CmlentryError):
    code = "definition.invalid"
    template = "The form definition is not valid: {where}: {why}."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Range(_Strict):
    """Bounds of a number; both ends inclusive unless marked exclusive."""

    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    max_exclusive: bool = False
    message: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _numbers_as_floats(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                k: float(v) if k in ("min", "max") and isinstance(v, int) else v
                for k, v in data.items()
            }
        return data

    def contains(self, value: float) -> bool:
        if self.min is not None and (value <= self.min if self.min_exclusive else value < self.min):
            return False
        return not (
            self.max is not None and (value >= self.max if self.max_exclusive else value > self.max)
        )

    def describe(self) -> str:
        parts = []
        if self.min is not None:
            parts.append(f"{'more than' if self.min_exclusive else 'at least'} {_number(self.min)}")
        if self.max is not None:
            parts.append(f"{'less than' if self.max_exclusive else 'at most'} {_number(self.max)}")
        return " and ".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


class Condition(_Strict):
    """When an item applies: a test of one item, or all / any / not of other conditions."""

    item: str | None = None
    equals: str | None = None
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    filled: bool | None = None
    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _lists_as_tuples(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        tests = [x is not None for x in (self.equals, self.in_, self.filled)]
        combinators = [x is not None for x in (self.all, self.any, self.not_)]
        if self.item is not None and sum(tests) == 1 and not any(combinators):
            return self
        if self.item is None and not any(tests) and sum(combinators) == 1:
            return self
        raise ValueError(
            "a condition is {item, equals | in | filled} or one of {all}, {any}, {not}"
        )

    def items(self) -> Iterator[str]:
        """Every item this condition reads."""
        if self.item is not None:
            yield self.item
        for child in (*(self.all or ()), *(self.any or ()), *((self.not_,) if self.not_ else ())):
            yield from child.items()

    def holds(self, values: Mapping[str, object]) -> bool:
        """Evaluate against item values (a missing-data code or None counts as not filled)."""
        if self.all is not None:
            return all(c.holds(values) for c in self.all)
        if self.any is not None:
            return any(c.holds(values) for c in self.any)
        if self.not_ is not None:
            return not self.not_.holds(values)
        value = values.get(self.item or "")
        if self.filled is not None:
            return (value is not None) == self.filled
        if self.equals is not None:
            return value == self.equals
        return value in (self.in_ or ())


class Item(_Strict):
    id: Annotated[str, Field(pattern=IDENTIFIER)]
    label: str
    help: str = ""
    type: ItemType
    unit: str | None = None
    hard_range: Range | None = None
    soft_range: Range | None = None
    soft_values: tuple[int, ...] | None = None
    codelist: str | None = None
    required: bool = False
    show_if: Condition | None = None
    partial_date: bool = False
    missing: tuple[MissingCode, ...] = ()
    derived: str | None = None
    max_length: int = 500

    @model_validator(mode="before")
    @classmethod
    def _lists_as_tuples(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return data

    @property
    def is_number(self) -> bool:
        return self.type in ("integer", "decimal")


class Group(_Strict):
    id: Annotated[str, Field(pattern=IDENTIFIER)]
    label: str
    repeating: bool = False
    items: tuple[Item, ...]


class Form(_Strict):
    id: Annotated[str, Field(pattern=IDENTIFIER)]
    label: str
    help: str = ""
    groups: tuple[Group, ...]

    def items(self) -> Iterator[Item]:
        for group in self.groups:
            yield from group.items


class Header(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+$")]
    title: str
    sources: str = ""


class FormDefinition(_Strict):
    """A whole case report form, checked. Look-ups by id are precomputed."""

    definition: Header
    missing_codes: dict[MissingCode, str]
    codelists: dict[Annotated[str, Field(pattern=IDENTIFIER)], dict[str, str]]
    forms: tuple[Form, ...]

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _lists_as_tuples(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("forms"), list):
            return {**data, "forms": tuple(_tuples(f) for f in data["forms"])}
        return data

    @property
    def version(self) -> str:
        return self.definition.version

    @property
    def oid(self) -> str:
        return f"{self.definition.id}-{self.definition.version}"

    @cached_property
    def items_by_id(self) -> dict[str, Item]:
        return {item.id: item for form in self.forms for item in form.items()}

    @cached_property
    def group_of(self) -> dict[str, Group]:
        return {item.id: g for form in self.forms for g in form.groups for item in g.items}

    @cached_property
    def form_of(self) -> dict[str, Form]:
        return {item.id: form for form in self.forms for item in form.items()}

    @cached_property
    def forms_by_id(self) -> dict[str, Form]:
        return {form.id: form for form in self.forms}

    def item(self, item_id: str) -> Item:
        return self.items_by_id[item_id]

    def codes(self, item: Item) -> dict[str, str]:
        return self.codelists[item.codelist or ""]


def _tuples(data: Any) -> Any:
    """Nested lists become tuples (the models are frozen and strict)."""
    if isinstance(data, list):
        return tuple(_tuples(x) for x in data)
    if isinstance(data, dict):
        return {k: _tuples(v) for k, v in data.items()}
    return data


# --- loading and checking ---------------------------------------------------------------------


def parse_definition(text: str, source: str = "definition") -> FormDefinition:
    """Parse and check a definition; every problem is a :class:`DefinitionError` naming where."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark else source
        raise DefinitionError(where=where, why="it is not valid YAML") from exc
    if not isinstance(data, dict):
        raise DefinitionError(where=source, why="it must be a mapping with definition and forms")
    try:
        definition = FormDefinition.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DefinitionError(
            where=_describe_location(data, first["loc"]), why=first["msg"]
        ) from exc
    check_definition(definition)
    return definition


def _describe_location(data: Any, loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location into words, naming the item by its id where there is one."""
    words: list[str] = []
    node = data
    for part in loc:
        if isinstance(node, list | tuple) and isinstance(part, int) and part < len(node):
            node = node[part]
            name = node.get("id") if isinstance(node, dict) else None
            words.append(f"'{name}'" if name else f"#{part + 1}")
        elif isinstance(node, dict) and part in node:
            node = node[part]
            words.append(str(part))
        else:
            words.append(str(part))
            node = None
    return " > ".join(words)


def check_definition(definition: FormDefinition) -> None:
    """The checks a schema cannot express; raise on the first problem, naming the item."""
    seen: dict[str, str] = {}

    def unique(kind: str, name: str) -> None:
        if name in seen:
            raise DefinitionError(where=f"{kind} '{name}'", why=f"the id is already a {seen[name]}")
        seen[name] = kind

    for form in definition.forms:
        unique("form", form.id)
        for group in form.groups:
            if group.id != form.id:
                unique("group", group.id)
            for item in group.items:
                unique("item", item.id)
    for codelist, codes in definition.codelists.items():
        if not codes:
            raise DefinitionError(where=f"code list '{codelist}'", why="it has no codes")
    for form in definition.forms:
        for group in form.groups:
            for item in group.items:
                _check_item(definition, group, item)


def _check_item(definition: FormDefinition, group: Group, item: Item) -> None:
    _check_item_kind(definition, item)
    if item.show_if is not None:
        for name in item.show_if.items():
            _check_reference(definition, group, item, name)
        _check_condition_values(definition, item, item.show_if)


def _check_item_kind(definition: FormDefinition, item: Item) -> None:
    """Type-specific fields only where the type has them, and consistent with each other."""
    problem = _kind_problem(definition, item)
    if problem:
        raise DefinitionError(where=f"item '{item.id}'", why=problem)


def _kind_problem(definition: FormDefinition, item: Item) -> str | None:
    if item.type == "code" and item.codelist is None:
        return "a code item needs a codelist"
    if item.type == "code" and item.codelist not in definition.codelists:
        return f"the code list '{item.codelist}' does not exist"
    if item.type != "code" and item.codelist is not None:
        return "only a code item has a codelist"
    if (item.hard_range or item.soft_range or item.soft_values) and not item.is_number:
        return "only a number has ranges"
    if item.hard_range and item.soft_range:
        for bound in ("min", "max"):
            soft = getattr(item.soft_range, bound)
            if soft is not None and not item.hard_range.contains(soft):
                return f"the soft {bound} lies outside the hard range"
    if item.partial_date and item.type != "date":
        return "only a date can be partial"
    if item.type == "derived" and item.derived not in DERIVATIONS:
        return f"the calculation '{item.derived}' is not known"
    if item.type == "derived" and (item.required or item.missing or item.show_if):
        return "a derived item is read-only: no required, missing or show_if"
    if item.type != "derived" and item.derived is not None:
        return "only a derived item names a calculation"
    if len(set(item.missing)) != len(item.missing):
        return "a missing-data code is listed twice"
    return None


def _check_reference(definition: FormDefinition, group: Group, item: Item, name: str) -> None:
    where = f"item '{item.id}'"
    if name not in definition.items_by_id:
        raise DefinitionError(
            where=where, why=f"its condition names '{name}', which is not an item"
        )
    if name == item.id:
        raise DefinitionError(where=where, why="its condition names the item itself")
    other = definition.group_of[name]
    if other.repeating and other.id != group.id:
        raise DefinitionError(
            where=where, why=f"its condition names '{name}' in another repeating group"
        )
    position = [i.id for i in definition.items_by_id.values()]
    if other.id == group.id and position.index(name) > position.index(item.id):
        raise DefinitionError(where=where, why=f"its condition names '{name}', which comes later")


def _check_condition_values(definition: FormDefinition, item: Item, condition: Condition) -> None:
    for child in (*(condition.all or ()), *(condition.any or ())):
        _check_condition_values(definition, item, child)
    if condition.not_ is not None:
        _check_condition_values(definition, item, condition.not_)
    if condition.item is None or condition.filled is not None:
        return
    target = definition.item(condition.item)
    wanted = (condition.equals,) if condition.equals is not None else (condition.in_ or ())
    if target.type == "code":
        codes = definition.codes(target)
        for value in wanted:
            if value not in codes:
                raise DefinitionError(
                    where=f"item '{item.id}'",
                    why=f"its condition expects '{value}', which is not a code of '{target.id}'",
                )


VERSION_FILE = re.compile(r"^(?P<id>[a-z][a-z0-9-]*)-(?P<version>[0-9]+\.[0-9]+)\.yaml$")
