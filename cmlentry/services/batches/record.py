"""A case as the registry stores it: the record, its canonical bytes, its hash, its strict check.

The record is the stored data and nothing computed (``docs/batch-format.md`` §5)::

    {"id": "FR-086-0007-K", "status": "signed", "definition": "cml-ifp-1.0",
     "forms": {"patient": {"status": "complete", "version": "1.0",
       "groups": {"patient": [{"key": 1, "values": {
           "sex": {"value": "M"}, "birth_month": {"missing": "UNK"},
           "wbc": {"value": "250", "override": "confirmed with the lab"}}}]}}}}

Forms, groups and rows without answers are left out; rows keep their shown order; derived
(calculated) items are never stored (``CaseService`` skips them), so they never appear. A value is
in its *stored form*: canonical for its item type when it is valid, exactly as typed when it is
not (the case service keeps every keystroke and the validation reports it), so
:func:`check_record` accepts a value that :func:`~cmlentry.domain.values.canonical` refuses but
never one it would have rewritten.

A signed case's record also carries its ``"signature"``, and a case with queries its
``"queries"`` (:mod:`.record_review`); neither is part of the signed content
(:data:`SIGNED_PARTS`), and a case without them has neither key, so its record and hash are
what they were before signatures existed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from cmlentry.crypto import canonical as canonical_json
from cmlentry.domain.forms import FormDefinition, Group, Item
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.values import Entry, ValueProblem, canonical
from cmlentry.errors import CmlentryError
from cmlentry.services.batches.odm_errors import DEFAULT_FILE, PayloadInvalid
from cmlentry.services.batches.record_review import (
    RecordProblem,
    ReviewPartChecker,
    fields,
    is_xml_text,
)
from cmlentry.services.cases import CaseData

Record = dict[str, Any]

CASE_STATUSES = ("draft", "complete", "signed", "exported", "acknowledged")
FORM_STATUSES = ("draft", "complete")
SINGLE_ROW_KEY = 1

_VERSION = re.compile(r"^[0-9]+\.[0-9]+$")
REVIEW_PARTS = ("signature", "queries")
"""Keys a record has only when the case has them: its current signature, its queries."""


def record_of(
    case: CaseData,
    definition_oid: str,
    *,
    signature: Mapping[str, str] | None = None,
    queries: Sequence[Mapping[str, Any]] = (),
) -> Record:
    """The record of ``case`` as stored, under the definition ``definition_oid`` (cml-ifp-1.0).

    Args:
        case: the case as :class:`CaseService` loads it.
        definition_oid: the form definition's OID.
        signature: the case's current signature as :mod:`.record_review` shapes it, if any.
        queries: the case's queries, oldest first, shaped likewise (none: no ``"queries"``).
    """
    forms: dict[str, Any] = {}
    for form_id, form in case.forms.items():
        groups: dict[str, list[dict[str, Any]]] = {}
        for group_id, rows in form.groups.items():
            kept = []
            for row in rows:
                values = {i: _answer(e) for i, e in row.entries.items() if not e.is_empty}
                if not values:
                    continue
                if row.key is None:  # loaded rows always have one; a bug otherwise
                    raise ValueError("a stored row has no key")
                kept.append({"key": row.key, "values": values})
            if kept:
                groups[group_id] = kept
        if groups:
            forms[form_id] = {
                "status": form.status,
                "version": form.definition_version,
                "groups": groups,
            }
    record: Record = {
        "id": case.registry_id,
        "status": case.status,
        "definition": definition_oid,
        "forms": forms,
    }
    if signature is not None:
        record["signature"] = dict(signature)
    if queries:
        record["queries"] = [dict(q) for q in queries]
    return record


def _answer(entry: Entry) -> dict[str, str]:
    answer = {"value": entry.value} if entry.value is not None else {"missing": str(entry.missing)}
    if entry.override:
        answer["override"] = entry.override
    return answer


SIGNED_PARTS = ("id", "definition", "forms")
"""What a PI's signature covers: the case's ID, form definition and every stored answer (with
form statuses and override reasons) — not its status, signature, queries or SDV marks, which
change without changing what was signed."""


def content_sha256(record: Record) -> str:
    """Hex SHA-256 of the signed content of ``record`` (:data:`SIGNED_PARTS`, canonical JSON)."""
    return record_sha256({part: record[part] for part in SIGNED_PARTS})


def binding_sha256(
    registry_id: str,
    username: str,
    printed_name: str,
    signed_at: str,
    meaning: str,
    content: str,
) -> str:
    """Hex SHA-256 of the statement a signature binds: who signed which content, when, meaning
    what. The site (``services/review.py``) and the registry's importer compute it here, alike.
    """
    statement = {
        "case": registry_id,
        "signer": username,
        "printed_name": printed_name,
        "signed_at": signed_at,
        "meaning": meaning,
        "content_sha256": content,
    }
    return hashlib.sha256(canonical_json.encode(statement)).hexdigest()


def signature_problem(record: Record) -> str | None:
    """Why the signature ``record`` carries does not hold for its content, or None if it does.

    The content hash must be :func:`content_sha256` of the record and the binding hash the
    binding of that content to this case, signer, name, time and meaning: a signature moved
    to another case, or answers changed after signing, fail here. A record without a
    signature has no problem.
    """
    sig = record.get("signature")
    if sig is None:
        return None
    content = content_sha256(record)
    if sig["content_sha256"] != content:
        return "the hash of the signed content is not that of its answers"
    binding = binding_sha256(
        record["id"],
        sig["username"],
        sig["printed_name"],
        sig["signed_at"],
        sig["meaning"],
        content,
    )
    if binding != sig["binding_sha256"]:
        return "the binding hash is not that of this case, signer, time and meaning"
    return None


def record_bytes(record: Record) -> bytes:
    """Canonical JSON of ``record``: sorted keys, no spaces, non-ASCII as itself, UTF-8."""
    return json.dumps(
        record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def record_sha256(record: Record) -> str:
    """Hex SHA-256 of :func:`record_bytes`: the hash a batch manifest lists."""
    return hashlib.sha256(record_bytes(record)).hexdigest()


def is_stored_form(item: Item, value: str) -> bool:
    """Whether the case service could have stored ``value`` for ``item`` (see module docstring)."""
    try:
        return canonical(item, value) == value
    except ValueProblem:
        return True
    except (ArithmeticError, ValueError):
        # canonical() fails outright on some numbers (an exponent past the decimal context,
        # over 4,300 digits); a save would have failed the same way, so it was never stored.
        return False


def check_record(record: object, definition: FormDefinition, *, file: str = DEFAULT_FILE) -> Record:
    """Return ``record`` if it has exactly the shape :func:`record_of` gives under ``definition``.

    Raises:
        PayloadInvalid: naming the case, form, group, row and item at fault (never a value).
    """
    problem = RecordChecker(definition).problem(record)
    if problem is not None:
        raise PayloadInvalid(file=file, problem=problem)
    return record  # type: ignore[return-value]  # checked just above


_Problem = RecordProblem


class RecordChecker:
    """The rules of :func:`check_record`, with the definition's look-ups built once."""

    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition
        self.groups = {
            form.id: {group.id: group for group in form.groups} for form in definition.forms
        }
        self.items = {
            group.id: {item.id: item for item in group.items}
            for form in definition.forms
            for group in form.groups
        }
        self.missing = frozenset(definition.missing_codes)
        self.review = ReviewPartChecker(self.groups, self.items)

    def problem(self, record: object) -> str | None:
        """What is wrong with ``record`` in one phrase, or None if nothing is."""
        try:
            self._record(record)
        except _Problem as exc:
            return str(exc)
        return None

    def _record(self, record: object) -> None:
        where = "a case"
        _fields(record, {"id", "status", "definition", "forms"}, set(REVIEW_PARTS), where)
        assert isinstance(record, dict)
        registry_id = record["id"]
        if not isinstance(registry_id, str) or not _is_registry_id(registry_id):
            raise _Problem(f"{where}: the subject key is not a registry ID")
        where = f"case {registry_id}"
        if record["status"] not in CASE_STATUSES:
            raise _Problem(f"{where}: the case status is not one of {', '.join(CASE_STATUSES)}")
        if record["definition"] != self.definition.oid:
            raise _Problem(f"{where}: the form definition is not {self.definition.oid}")
        forms = record["forms"]
        if not isinstance(forms, dict):
            raise _Problem(f"{where}: the forms are not a mapping")
        for form_id, form in forms.items():
            if form_id not in self.groups:
                raise _Problem(f"{where}: there is no form '{_name(form_id)}'")
            self._form(form, self.groups[form_id], f"{where}, form '{form_id}'")
        if "signature" in record:
            self.review.signature(record["signature"], where)
        if "queries" in record:
            self.review.queries(record["queries"], where)

    def _form(self, form: object, groups: Mapping[str, Group], where: str) -> None:
        _fields(form, {"status", "version", "groups"}, set(), where)
        assert isinstance(form, dict)
        if form["status"] not in FORM_STATUSES:
            raise _Problem(f"{where}: the form status is not one of {', '.join(FORM_STATUSES)}")
        if not isinstance(form["version"], str) or not _VERSION.fullmatch(form["version"]):
            raise _Problem(f"{where}: the definition version is not like 1.0")
        if not isinstance(form["groups"], dict) or not form["groups"]:
            raise _Problem(f"{where}: a form without answers must be left out")
        for group_id, rows in form["groups"].items():
            if group_id not in groups:
                raise _Problem(f"{where}: there is no group '{_name(group_id)}' in this form")
            self._rows(rows, groups[group_id], f"{where}, group '{group_id}'")

    def _rows(self, rows: object, group: Group, where: str) -> None:
        if not isinstance(rows, list) or not rows:
            raise _Problem(f"{where}: a group without rows must be left out")
        seen: set[int] = set()
        for row in rows:
            _fields(row, {"key", "values"}, set(), f"{where}, a row")
            assert isinstance(row, dict)
            key = row["key"]
            if type(key) is not int or key < 1:
                raise _Problem(f"{where}: a row key is not a positive whole number")
            if key in seen:
                raise _Problem(f"{where}: row {key} appears twice")
            if not group.repeating and key != SINGLE_ROW_KEY:
                raise _Problem(f"{where}: the group does not repeat, so its one row is row 1")
            seen.add(key)
            self._values(row["values"], self.items[group.id], f"{where}, row {key}")

    def _values(self, values: object, items: Mapping[str, Item], where: str) -> None:
        if not isinstance(values, dict) or not values:
            raise _Problem(f"{where}: a row without answers must be left out")
        for item_id, answer in values.items():
            item = items.get(item_id)
            if item is None:
                raise _Problem(f"{where}: there is no item '{_name(item_id)}' in this group")
            here = f"{where}, item '{item_id}'"
            if item.type == "derived":
                raise _Problem(f"{here}: a calculated item is never stored")
            self._answer(answer, item, here)

    def _answer(self, answer: object, item: Item, where: str) -> None:
        if not isinstance(answer, dict) or len(answer.keys() & {"value", "missing"}) != 1:
            raise _Problem(f"{where}: an answer is a value or a missing-data code")
        _fields(answer, set(), {"value", "missing", "override"}, where)
        if "value" in answer:
            value = answer["value"]
            if not isinstance(value, str) or not _is_xml_text(value):
                raise _Problem(f"{where}: the value holds a character a batch cannot carry")
            if not is_stored_form(item, value):
                raise _Problem(f"{where}: the value is not written in its canonical form")
        elif not isinstance(answer["missing"], str) or answer["missing"] not in self.missing:
            raise _Problem(
                f"{where}: the missing-data code is not one of {', '.join(sorted(self.missing))}"
            )
        if "override" in answer:
            reason = answer["override"]
            # The reason travels as element text, where XML turns a carriage return into a
            # line feed: refused rather than changed.
            if (
                not isinstance(reason, str)
                or not reason
                or not _is_xml_text(reason, element_text=True)
            ):
                raise _Problem(
                    f"{where}: the reason for overriding a warning is empty or holds a control "
                    "character"
                )


def _fields(obj: object, required: set[str], optional: set[str], where: str) -> None:
    fields(obj, required, optional, where)


def _is_registry_id(text: str) -> bool:
    try:
        return str(RegistryId.parse(text)) == text
    except (CmlentryError, ValueError):
        return False


def _is_xml_text(value: str, *, element_text: bool = False) -> bool:
    return is_xml_text(value, element_text=element_text)


def _name(key: object) -> str:
    """An id from the file, echoed only when it has the shape of an id (never free text)."""
    if isinstance(key, str) and re.fullmatch(r"[a-z][a-z0-9_]{0,62}", key):
        return key
    return "?"
