"""Items described in words: for the codebook, the prompts of the template, and the messages.

The template explains every column (its type, range, choices, missing-data codes and when it
applies) and the reader's messages name the accepted choices; both take their words from here
so that what the workbook promises and what the import says agree. A choice is written
"code – label" (:data:`~.layout.DASH`), the form the drop-downs offer and the reader accepts.
"""

from __future__ import annotations

from cmlentry.domain.forms import Condition, FormDefinition, Item
from cmlentry.services.spreadsheet.layout import DASH


def _choice(definition: FormDefinition, item: Item, code: str) -> str:
    if item.type == "code":
        label = definition.codes(item).get(code)
        return f"{code}{DASH}{label}" if label else code
    return code


def _choices(definition: FormDefinition, item: Item) -> list[str]:
    """Every choice of a code item as the drop-down shows it ("M – male"), in the form's order."""
    return [_choice(definition, item, code) for code in definition.codes(item)]


def _missing_entries(definition: FormDefinition, item: Item) -> list[str]:
    return [f"{code}{DASH}{definition.missing_codes[code]}" for code in item.missing]


def _unit(item: Item) -> str:
    return f" {item.unit}" if item.unit and item.unit != "%" else (item.unit or "")


def _type_words(item: Item) -> str:
    if item.type == "integer":
        return "a whole number"
    if item.type == "decimal":
        return "a number"
    if item.type == "date":
        if item.partial_date:
            return "a date (YYYY-MM-DD; YYYY-MM or YYYY when only that is known)"
        return "a date (YYYY-MM-DD)"
    if item.type == "code":
        return "a choice from the list"
    if item.type == "text":
        return f"text (at most {item.max_length} characters)"
    return "calculated by cmlentry (no column)"


def _range_words(item: Item) -> str:
    if item.hard_range is None:
        return ""
    return f"{item.hard_range.describe()}{_unit(item)}"


def _usual_words(item: Item) -> str:
    if item.soft_range is not None:
        return f"{item.soft_range.describe()}{_unit(item)}"
    if item.soft_values:
        return "usually " + ", ".join(str(v) for v in item.soft_values) + _unit(item)
    return ""


def describe_condition(definition: FormDefinition, condition: Condition) -> str:
    """A show-if condition in words, naming each item by its label and id."""

    def nested(child: Condition) -> str:
        text = describe_condition(definition, child)
        return f"({text})" if child.all is not None or child.any is not None else text

    if condition.all is not None:
        return " and ".join(nested(c) for c in condition.all)
    if condition.any is not None:
        return " or ".join(nested(c) for c in condition.any)
    if condition.not_ is not None:
        return f"not ({describe_condition(definition, condition.not_)})"
    item = definition.item(condition.item or "")
    name = f"'{item.label}' ({item.id})"
    if condition.filled is not None:
        return f"{name} is {'filled in' if condition.filled else 'empty'}"
    wanted = (condition.equals,) if condition.equals is not None else (condition.in_ or ())
    shown = [_choice(definition, item, value) for value in wanted if value is not None]
    if len(shown) == 1:
        return f"{name} is {shown[0]}"
    return f"{name} is one of: {', '.join(shown)}"


def _what_to_type(definition: FormDefinition, item: Item) -> str:
    parts = [_type_words(item).capitalize()]
    if item.type == "code":
        shown = ", ".join(_choices(definition, item))
        parts = [f"Choose from the list, or type the code: {shown}"]
    if item.hard_range is not None:
        parts.append(_range_words(item))
    if item.missing:
        parts.append("or " + ", ".join(_missing_entries(definition, item)))
    return "; ".join(parts) + "."


def _required_words(item: Item) -> str:
    if item.type == "derived":
        return ""
    if not item.required:
        return "no"
    return "yes, when it applies" if item.show_if is not None else "yes"
