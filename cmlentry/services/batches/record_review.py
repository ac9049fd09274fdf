"""The review parts of a record: the PI's signature and the case's queries, and their check.

A record (``docs/batch-format.md`` §5) carries, besides the answers, two parts that are *not*
signed content (:data:`.record.SIGNED_PARTS`), so answering a registry query on a signed case
leaves its signature valid:

- ``"signature"``, only when the case has a current signature::

      {"username": "pia", "printed_name": "Pia Investigator", "role": "pi",
       "meaning": "I confirm these data are accurate and complete",
       "signed_at": "2026-11-21T14:03:07.000000Z",
       "content_sha256": "<64 hex>", "binding_sha256": "<64 hex>"}

- ``"queries"``, only when the case has any, oldest first::

      [{"id": "<UUID>", "item": {"form": "patient", "group": "patient", "row": 1,
        "item": "sex"}, "origin": "registry", "state": "answered", "text": "…",
        "raised_by": "cora", "raised_name": "Cora Ordinator", "raised_at": "…Z",
        "answer": "…", "answered_by": "nina", "answered_name": "Nina Nurse",
        "answered_at": "…Z"}]

  ``answer``/``answered_*`` come together (always for an answered query, never for an open
  one); ``closed_at`` is there exactly when the query is closed or cancelled, with
  ``closed_by``/``closed_name`` (both or neither) and ``note`` when given.

:class:`ReviewPartChecker` holds the strict rules; :mod:`.record` calls it. Problems are
phrased without quoting a value (a query's text may name a patient's finding).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from typing import Any

from cmlentry.domain.accounts import USERNAME_RE
from cmlentry.domain.forms import Group, Item
from cmlentry.domain.roles import Role

SIGNATURE_FIELDS = frozenset(
    {
        "username",
        "printed_name",
        "role",
        "meaning",
        "signed_at",
        "content_sha256",
        "binding_sha256",
    }
)
QUERY_REQUIRED = frozenset(
    {"id", "item", "origin", "state", "text", "raised_by", "raised_name", "raised_at"}
)
ANSWER_FIELDS = frozenset({"answer", "answered_by", "answered_name", "answered_at"})
CLOSED_FIELDS = frozenset({"closed_by", "closed_name", "closed_at", "note"})
ITEM_FIELDS = frozenset({"form", "group", "row", "item"})
QUERY_STATES = ("open", "answered", "closed", "cancelled")
ORIGINS = ("site", "registry")
MAX_TEXT = 2000
"""The longest query text, answer or note (``services/queries.py`` ``MAX_TEXT``)."""
MAX_NAME = 200
MAX_QUERIES = 1000
"""Queries one case may carry: far more than a case ever gets, few enough to bound a record."""

UTC_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot carry at all (control characters, lone surrogates)."""
_ROLES = frozenset(role.value for role in Role)


class RecordProblem(Exception):
    """One thing wrong with a record, in words that quote no value."""


def fields(obj: object, required: Set[str], optional: Set[str], where: str) -> dict[str, Any]:
    """``obj`` if it is a mapping with all of ``required`` and nothing but ``optional`` more."""
    if not isinstance(obj, dict):
        raise RecordProblem(f"{where}: not a mapping")
    keys = set(obj)
    if not required <= keys:
        raise RecordProblem(f"{where}: {', '.join(sorted(required - keys))} missing")
    if not keys <= required | optional:
        raise RecordProblem(f"{where}: unexpected fields")
    return obj


def is_xml_text(value: str, *, element_text: bool = False) -> bool:
    """Whether XML carries ``value`` exactly (as element text a carriage return becomes \\n)."""
    return NOT_XML.search(value) is None and not (element_text and "\r" in value)


class ReviewPartChecker:
    """The rules of a record's ``signature`` and ``queries``, under one form definition."""

    def __init__(
        self, groups: Mapping[str, Mapping[str, Group]], items: Mapping[str, Mapping[str, Item]]
    ) -> None:
        self.groups = groups
        self.items = items

    def signature(self, value: object, where: str) -> None:
        where = f"{where}, its signature"
        sig = fields(value, SIGNATURE_FIELDS, frozenset(), where)
        _username(sig["username"], "the signer's user name", where)
        _name(sig["printed_name"], "the signer's printed name", where)
        if sig["role"] not in _ROLES:
            raise RecordProblem(f"{where}: the role is not one of {', '.join(sorted(_ROLES))}")
        # The meaning travels as the text of an ODM SignatureDef/Meaning element.
        if not _text(sig["meaning"], MAX_NAME, element_text=True):
            raise RecordProblem(f"{where}: the meaning is empty, too long or unprintable")
        _time(sig["signed_at"], "the time of signing", where)
        for part in ("content_sha256", "binding_sha256"):
            if not isinstance(sig[part], str) or not HEX64.fullmatch(sig[part]):
                raise RecordProblem(f"{where}: {part} is not 64 lower-case hex digits")

    def queries(self, value: object, where: str) -> None:
        if not isinstance(value, list) or not value:
            raise RecordProblem(f"{where}: the queries are not a list of at least one query")
        if len(value) > MAX_QUERIES:
            raise RecordProblem(f"{where}: more than {MAX_QUERIES} queries")
        seen: set[str] = set()
        for query in value:
            query_id = self.query(query, where)
            if query_id in seen:
                raise RecordProblem(f"{where}, query {query_id}: it appears twice")
            seen.add(query_id)

    def query(self, value: object, where: str) -> str:
        query = fields(value, QUERY_REQUIRED, ANSWER_FIELDS | CLOSED_FIELDS, f"{where}, a query")
        query_id = query["id"]
        if not isinstance(query_id, str) or not UUID.fullmatch(query_id):
            raise RecordProblem(f"{where}: a query id is not a lower-case UUID")
        here = f"{where}, query {query_id}"
        self.address(query["item"], here)
        if query["origin"] not in ORIGINS:
            raise RecordProblem(f"{here}: the origin is not one of {', '.join(ORIGINS)}")
        state = query["state"]
        if state not in QUERY_STATES:
            raise RecordProblem(f"{here}: the state is not one of {', '.join(QUERY_STATES)}")
        _long_text(query["text"], "the question", here)
        _person(query, "raised", here)
        answered = ANSWER_FIELDS & query.keys()
        if answered and answered != ANSWER_FIELDS:
            raise RecordProblem(f"{here}: an answer needs its text, who and when")
        if answered:
            _long_text(query["answer"], "the answer", here)
            _person(query, "answered", here)
        closed = CLOSED_FIELDS & query.keys()
        if state == "open" and (answered or closed):
            raise RecordProblem(f"{here}: an open query has no answer and is not closed")
        if state == "answered" and (not answered or closed):
            raise RecordProblem(f"{here}: an answered query has an answer and is not closed")
        if state in ("closed", "cancelled"):
            if "closed_at" not in query:
                raise RecordProblem(f"{here}: a {state} query says when")
            _time(query["closed_at"], "the time it was closed", here)
            if ("closed_by" in query) != ("closed_name" in query):
                raise RecordProblem(f"{here}: who closed it needs a user name and a name")
            if "closed_by" in query:
                _username(query["closed_by"], "who closed it", here)
                _name(query["closed_name"], "who closed it", here)
            if "note" in query:
                _long_text(query["note"], "the note", here)
        return query_id

    def address(self, value: object, where: str) -> None:
        item = fields(value, ITEM_FIELDS, frozenset(), f"{where}, its item")
        groups = self.groups.get(item["form"]) if isinstance(item["form"], str) else None
        group = groups.get(item["group"]) if groups and isinstance(item["group"], str) else None
        if group is None or not isinstance(item["item"], str):
            raise RecordProblem(f"{where}: its item names no form and group of the definition")
        if item["item"] not in self.items[group.id]:
            raise RecordProblem(f"{where}: its item is not in group '{group.id}'")
        row = item["row"]
        if type(row) is not int or row < 1 or (not group.repeating and row != 1):
            raise RecordProblem(f"{where}: its row is not a row of group '{group.id}'")


def _text(value: object, limit: int, *, element_text: bool = False) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= limit
        and is_xml_text(value, element_text=element_text)
    )


def _long_text(value: object, what: str, where: str) -> None:
    if not _text(value, MAX_TEXT):
        raise RecordProblem(
            f"{where}: {what} is empty, longer than {MAX_TEXT} characters or holds a control "
            "character"
        )


def _name(value: object, what: str, where: str) -> None:
    if not _text(value, MAX_NAME):
        raise RecordProblem(f"{where}: {what} is empty, too long or unprintable")


def _username(value: object, what: str, where: str) -> None:
    if not isinstance(value, str) or not USERNAME_RE.fullmatch(value):
        raise RecordProblem(f"{where}: {what} is not a user name")


def _time(value: object, what: str, where: str) -> None:
    if not isinstance(value, str) or not UTC_TIME.fullmatch(value):
        raise RecordProblem(f"{where}: {what} is not a UTC time like 2026-11-21T14:03:07Z")


def _person(query: Mapping[str, Any], step: str, where: str) -> None:
    """``<step>_by``, ``<step>_name`` and ``<step>_at`` of a query."""
    _username(query[f"{step}_by"], f"who {step} it", where)
    _name(query[f"{step}_name"], f"who {step} it", where)
    _time(query[f"{step}_at"], f"when it was {step}", where)
