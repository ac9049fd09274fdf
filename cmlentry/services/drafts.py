"""Drafts: the typing of an open form editor, autosaved so that a crash loses seconds at most.

A draft is the form as the editor holds it (the rows of every group, saved or not) and where the
cursor was. It lives in the encrypted workspace database like everything else, one row per user
and form, replaced at every autosave tick. Saving the form (``CaseService.save_form``) deletes
the draft in the same transaction, so a saved form never leaves a stale draft behind.

Drafts are deliberately not audited: they are not part of the record until they are saved, and
the save writes the audited answers. The audit trail also travels with every batch, and
half-typed values have no place in it.

A draft is stored as canonical JSON (:func:`encode_groups`). Reading one back never raises on a
payload this version cannot use (written by another version, or for a form whose definition has
changed since): the draft comes back with ``problem`` saying why it cannot be restored, so the
editor can tell the nurse and offer to discard it.

A draft also says whether it is **stale**: the form was saved (by anyone, in any window) after
the draft was written, so the draft was typed over answers that are no longer the stored ones.
Restoring it would silently put old values back over newer saved ones; the editor shows it is
there and offers to discard it instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, delete, select
from sqlalchemy.dialects.sqlite import insert

from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.roles import Permission
from cmlentry.domain.values import Entry
from cmlentry.errors import CmlentryError, InvalidInput
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.models import Case as CaseRecord
from cmlentry.storage.models import Draft as DraftRecord
from cmlentry.storage.models import FormRecord

PAYLOAD_VERSION = 1
FOCUS_MAX = 200  # the column's width; a longer focus path is dropped, never the typing
MISSING_CODES = frozenset({"UNK", "ND", "NA"})

Groups = Mapping[str, Sequence[RowData]]


@dataclass(frozen=True)
class Draft:
    """The acting user's unsaved typing in one form.

    Attributes:
        registry_id: The case.
        form_id: The form.
        groups: The form as the editor held it: group id -> rows (a row's ``key`` is None
            until it is saved). Empty when ``problem`` is set.
        focus: Where the cursor was, e.g. ``"group_id/row_key/item_id"``, or None.
        saved_at: When it was autosaved (UTC ISO, as audit times are written).
        problem: None when the draft can be restored; otherwise why not, as the end of a
            sentence ("it was written by another version of cmlentry", "the group 'doses' has
            no item 'dose_route'").
        form_saved_at: When the form was last saved (UTC ISO), or None if it never was.
    """

    registry_id: str
    form_id: str
    groups: Mapping[str, Sequence[RowData]]
    focus: str | None
    saved_at: str
    problem: str | None = None
    form_saved_at: str | None = None

    @property
    def usable(self) -> bool:
        return self.problem is None

    @property
    def stale(self) -> bool:
        """The form was saved after this draft was written: the draft is based on answers that
        are no longer the stored ones, and restoring it would overwrite newer data."""
        return self.form_saved_at is not None and self.form_saved_at > self.saved_at


class DraftUnusable(CmlentryError):
    """Raised only by :meth:`DraftService.restore`: listing and reading never raise on a draft."""

    code = "drafts.unusable"
    template = (
        "The unsaved typing of {form} of case {registry_id} cannot be restored ({why}). "
        "Enter it again; the saved answers are unchanged."
    )


# --- the payload ---------------------------------------------------------------------------------


def encode_groups(groups: Groups) -> str:
    """Canonical JSON of the rows: the same form gives the same text, whatever the dict order."""
    body = {
        "v": PAYLOAD_VERSION,
        "groups": {
            group_id: [
                {
                    "key": row.key,
                    "entries": {
                        item_id: [entry.value, entry.missing, entry.override]
                        for item_id, entry in row.entries.items()
                    },
                }
                for row in rows
            ]
            for group_id, rows in groups.items()
        },
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Unreadable(Exception):
    """The payload's shape is not what :func:`encode_groups` writes (message: why)."""


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _Unreadable("a value is not text")


def _entry(raw: object) -> Entry:
    if not isinstance(raw, list) or len(raw) != 3:
        raise _Unreadable("an answer is not in the expected form")
    value, missing, override = (_text(part) for part in raw)
    if missing is not None and missing not in MISSING_CODES:
        raise _Unreadable(f"'{missing}' is not a missing-data code")
    return Entry(value, missing, override)  # type: ignore[arg-type]


def _row(raw: object) -> RowData:
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), dict):
        raise _Unreadable("a row is not in the expected form")
    key = raw.get("key")
    if key is not None and (not isinstance(key, int) or isinstance(key, bool) or key < 1):
        raise _Unreadable("a row key is not a positive whole number")
    entries = raw["entries"]
    return RowData(key, {str(item_id): _entry(entry) for item_id, entry in entries.items()})


def decode_groups(payload: str) -> dict[str, list[RowData]]:
    """The rows of a payload; raises :class:`ValueError` saying why it cannot be read."""
    try:
        body: Any = json.loads(payload)
    except ValueError:
        raise ValueError("it is not readable") from None
    try:
        if not isinstance(body, dict) or body.get("v") != PAYLOAD_VERSION:
            raise _Unreadable("it was written by another version of cmlentry")
        groups = body.get("groups")
        if not isinstance(groups, dict):
            raise _Unreadable("it holds no form")
        decoded: dict[str, list[RowData]] = {}
        for group_id, rows in groups.items():
            if not isinstance(rows, list):
                raise _Unreadable("a group is not in the expected form")
            decoded[str(group_id)] = [_row(row) for row in rows]
        return decoded
    except _Unreadable as problem:
        raise ValueError(str(problem)) from None


# --- the service ---------------------------------------------------------------------------------


class DraftService:
    """Autosave, read and discard the acting user's drafts (role: enter data)."""

    def __init__(self, ws: Workspace, case_service: CaseService | None = None) -> None:
        self.ws = ws
        self.cases = case_service or CaseService(ws)

    def put(
        self,
        registry_id: str,
        form_id: str,
        groups: Groups,
        focus: str | None = None,
    ) -> None:
        """Save (or replace) the acting user's draft of one form, in one short transaction.

        Called at every autosave tick: one upsert, no audit rows. Group and item ids are checked
        against the form (a mistyped id would make the draft impossible to restore).

        Raises:
            UnknownCase: No case has this registry ID.
            InvalidInput: The form, a group or an item does not exist.
        """
        self.ws.require(Permission.ENTER_DATA)
        key = str(RegistryId.parse(registry_id))
        self.cases.refuse_unknown(form_id, groups)
        payload = encode_groups(groups)
        if focus is not None and len(focus) > FOCUS_MAX:
            focus = None
        now = format_utc(self.ws.clock())
        statement = insert(DraftRecord).values(
            user_id=self.ws.user.id,
            registry_id=key,
            form_id=form_id,
            payload=payload,
            focus=focus,
            saved_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "registry_id", "form_id"],
            set_={"payload": payload, "focus": focus, "saved_at": now},
        )
        with self.ws.write() as session:
            CaseService._case(session, key)  # refuses a case that does not exist
            session.execute(statement)

    def get(self, registry_id: str, form_id: str) -> Draft | None:
        """The acting user's draft of this form, or None (never another user's)."""
        self.ws.require(Permission.ENTER_DATA)
        key = str(RegistryId.parse(registry_id))
        with self.ws.db.read() as session:
            found = session.execute(
                _with_form_saved_at().where(
                    DraftRecord.user_id == self.ws.user.id,
                    DraftRecord.registry_id == key,
                    DraftRecord.form_id == form_id,
                )
            ).one_or_none()
            return to_draft(found[0], self.cases, found[1]) if found else None

    def mine(self) -> list[Draft]:
        """Every draft of the acting user, newest first."""
        self.ws.require(Permission.ENTER_DATA)
        return user_drafts(self.ws, self.cases)

    def discard(self, registry_id: str, form_id: str) -> None:
        """Delete the acting user's draft of this form (nothing happens if there is none)."""
        self.ws.require(Permission.ENTER_DATA)
        key = str(RegistryId.parse(registry_id))
        with self.ws.write() as session:
            session.execute(
                delete(DraftRecord).where(
                    DraftRecord.user_id == self.ws.user.id,
                    DraftRecord.registry_id == key,
                    DraftRecord.form_id == form_id,
                )
            )

    def restore(self, registry_id: str, form_id: str) -> Draft | None:
        """Like :meth:`get`, but a draft that cannot be restored raises :class:`DraftUnusable`."""
        draft = self.get(registry_id, form_id)
        if draft is not None and draft.problem is not None:
            form = self.cases.definition.forms_by_id.get(form_id)
            raise DraftUnusable(
                form=form.label if form else form_id,
                registry_id=draft.registry_id,
                why=draft.problem,
            )
        return draft


def _with_form_saved_at() -> Select[DraftRecord, str]:
    """Drafts with the time their form was last saved (None for a form never saved)."""
    return (
        select(DraftRecord, FormRecord.updated_at)
        .outerjoin(CaseRecord, CaseRecord.registry_id == DraftRecord.registry_id)
        .outerjoin(
            FormRecord,
            and_(FormRecord.case_id == CaseRecord.id, FormRecord.form_id == DraftRecord.form_id),
        )
    )


def to_draft(record: DraftRecord, cases: CaseService, form_saved_at: str | None = None) -> Draft:
    """A stored draft as a :class:`Draft`; one that cannot be used says why in ``problem``."""
    problem: str | None = None
    groups: dict[str, list[RowData]] = {}
    try:
        groups = decode_groups(record.payload)
        cases.refuse_unknown(record.form_id, groups)
    except ValueError as error:
        problem, groups = str(error), {}
    except InvalidInput as error:
        problem, groups = f"{error.params.get('why', error.message)}", {}
    return Draft(
        record.registry_id,
        record.form_id,
        groups,
        record.focus,
        record.saved_at,
        problem,
        form_saved_at,
    )


def user_drafts(ws: Workspace, cases: CaseService) -> list[Draft]:
    """The logged-in user's drafts, newest first (no permission check: their own typing)."""
    with ws.db.read() as session:
        found = session.execute(
            _with_form_saved_at()
            .where(DraftRecord.user_id == ws.user.id)
            .order_by(DraftRecord.saved_at.desc(), DraftRecord.id.desc())
        ).all()
        return [to_draft(record, cases, saved_at) for record, saved_at in found]


__all__ = [
    "Draft",
    "DraftService",
    "DraftUnusable",
    "Groups",
    "decode_groups",
    "encode_groups",
    "user_drafts",
]
