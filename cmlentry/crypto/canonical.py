"""Strict canonical JSON: the one encoding of a document that key files and batch headers use.

Canonical means: UTF-8, keys sorted, no insignificant white space, non-ASCII written as itself,
integers only. :func:`parse` refuses what the encoder would never write — a byte-order mark,
duplicate keys, ``NaN`` or ``Infinity``, fractions and exponents, numbers of thousands of digits,
nesting deeper than asked — and callers compare :func:`encode` of the result with the input, so
a document has exactly one byte form and a signature over it means one thing.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn


class Refused(ValueError):
    """The bytes are not strict JSON; ``problem`` says why in words (never quoting the data)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def encode(document: object) -> bytes:
    """The canonical bytes of ``document`` (``ValueError`` for NaN or infinity)."""
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def parse(data: bytes, *, max_depth: int) -> Any:
    """Parse strict JSON; :class:`Refused` for anything the canonical encoder would not write.

    The caller still compares ``encode(result)`` with ``data`` to refuse other spacing, key
    order or escapes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise Refused("it starts with a byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("it is not UTF-8 text") from None
    try:
        document = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_no_fraction,
        )
    except Refused:
        raise
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            raise Refused("it has more bytes after its end") from None
        raise Refused("it is cut short or is not JSON") from None
    except RecursionError:
        raise Refused("it is nested too deeply") from None
    except ValueError:  # an integer of thousands of digits
        raise Refused("it holds a number out of range") from None
    if depth(document) > max_depth:
        raise Refused("it is nested too deeply")
    try:
        encode(document)
    except UnicodeEncodeError:  # "\ud800": valid JSON, but no Unicode text
        raise Refused("it holds an escape that is not a Unicode character") from None
    return document


def depth(value: object) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0)."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise Refused("a field appears twice")
    return document


def _no_constant(_name: str) -> NoReturn:
    raise Refused("it holds a number that is not a number (NaN or infinity)")


def _no_fraction(_text: str) -> NoReturn:
    raise Refused("it holds a number with a fraction")
