"""What the review shows beside each answer of the open case: its SDV mark and its queries (no Qt).

:class:`CaseReviewData` is what was read from the review and query services for one case (the
"verified against source" marks, the queries with what the signed-in user may do with each, and
the current signature). :class:`ReviewMarks` adds what the user may do and answers, for one
answer on screen, what goes beside it (:class:`AnswerMarks`).

Only a **saved** answer can carry a mark: its row has a key, the store holds an answer for it,
and what is on screen is that very answer. An answer being changed shows no tick, since the mark
vouches for the stored value and the service drops it when that value changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.typed_values import canonical_entry
from cmlentry.services.queries import ANSWERED, OPEN, QueryInfo
from cmlentry.services.review import ItemAddress, SignatureInfo, Verification

UNRESOLVED = (OPEN, ANSWERED)
"""Query states that still wait for someone: the nurse (open) or whoever raised it (answered)."""


@dataclass(frozen=True)
class AnswerMarks:
    """What goes beside one answer."""

    verifiable: bool = False
    """A saved answer, unchanged on screen: it can be (or is) verified against source."""
    verification: Verification | None = None
    """The SDV mark, shown only while the answer is :attr:`verifiable`."""
    queries: tuple[QueryInfo, ...] = ()

    @property
    def verified(self) -> bool:
        return self.verification is not None

    @property
    def unresolved(self) -> int:
        return sum(1 for q in self.queries if q.state in UNRESOLVED)

    @property
    def query_state(self) -> str | None:
        """The state that matters most: open, else answered, else closed (any other), else None."""
        states = {q.state for q in self.queries}
        for state in UNRESOLVED:
            if state in states:
                return state
        return "closed" if states else None


NO_MARKS = AnswerMarks()


@dataclass(frozen=True)
class CaseReviewData:
    """The review's data of one case, as last read."""

    registry_id: str
    verifications: Mapping[ItemAddress, Verification] = field(default_factory=dict)
    queries: tuple[QueryInfo, ...] = ()
    actions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per query id, what the signed-in user may do with it now (answer, close, cancel)."""
    signature: SignatureInfo | None = None

    @property
    def locked(self) -> bool:
        return self.signature is not None

    def unresolved(self) -> int:
        return sum(1 for q in self.queries if q.state in UNRESOLVED)


class ReviewMarks:
    """The marks of the open case for the answers on screen, and what the user may do."""

    def __init__(self, data: CaseReviewData, *, can_verify: bool, can_raise: bool) -> None:
        self.data = data
        self.can_verify = can_verify
        self.can_raise = can_raise
        self._by_address: dict[ItemAddress, list[QueryInfo]] = {}
        for query in data.queries:
            self._by_address.setdefault(query.address, []).append(query)

    def at(
        self, state: CaseState, form_id: str, group_id: str, row: int, item_id: str
    ) -> AnswerMarks:
        """The marks of the answer in row ``row`` (from 0) of a group of the open case."""
        address = address_of(state, form_id, group_id, row, item_id)
        if address is None:
            return NO_MARKS
        verifiable = is_saved_answer(state, address, row)
        verification = self.data.verifications.get(address) if verifiable else None
        return AnswerMarks(verifiable, verification, tuple(self._by_address.get(address, ())))

    def queries_at(self, address: ItemAddress) -> tuple[QueryInfo, ...]:
        return tuple(self._by_address.get(address, ()))

    def unverified(self, state: CaseState, form_id: str) -> list[ItemAddress]:
        """The saved answers of a form that carry no mark yet (what "verify all" marks)."""
        found: list[ItemAddress] = []
        for group in state.form(form_id).groups:
            for row in range(len(state.rows(form_id, group.id))):
                for item in group.items:
                    if item.type == "derived":
                        continue
                    address = address_of(state, form_id, group.id, row, item.id)
                    if (
                        address is not None
                        and address not in self.data.verifications
                        and is_saved_answer(state, address, row)
                    ):
                        found.append(address)
        return found


def address_of(
    state: CaseState, form_id: str, group_id: str, row: int, item_id: str
) -> ItemAddress | None:
    """The service's address of an answer on screen; None while its row has no key (unsaved)."""
    rows = state.rows(form_id, group_id)
    key = rows[row].key if 0 <= row < len(rows) else None
    return None if key is None else ItemAddress(form_id, group_id, key, item_id)


def stored_entry(state: CaseState, address: ItemAddress) -> Entry:
    """What the store holds for an answer, as last read or written by the editor."""
    for row in state.stored(address.form_id).groups.get(address.group_id, ()):
        if row.key == address.row_key:
            return row.entries.get(address.item_id, EMPTY)
    return EMPTY


def is_saved_answer(state: CaseState, address: ItemAddress, row: int) -> bool:
    """Whether the store holds an answer there and the screen shows exactly that answer."""
    saved = stored_entry(state, address)
    if saved.is_empty:
        return False
    item = state.definition.item(address.item_id)
    typed = canonical_entry(
        item, state.entry(address.form_id, address.group_id, row, address.item_id)
    )
    return typed == saved


def row_of(state: CaseState, address: ItemAddress) -> int | None:
    """The row (from 0) on screen of an address's row key; None when the row is gone."""
    for index, row in enumerate(state.rows(address.form_id, address.group_id)):
        if row.key == address.row_key:
            return index
    return None


def local_moment(utc_text: str | None) -> str:
    """``2026-11-21T14:03:07Z`` as local ``2026-11-21 15:03`` (as written, if it does not parse)."""
    if not utc_text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    except ValueError:
        return utc_text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def answer_label(state: CaseState, address: ItemAddress, removed: str) -> str:
    """Where an answer is, for a person: "Diagnosis › Haemoglobin", "… › Doses 2 › Dose".

    ``removed`` says, in the interface's words, that the answer's row is gone.
    """
    definition = state.definition
    form = definition.forms_by_id.get(address.form_id)
    item = definition.items_by_id.get(address.item_id)
    if form is None or item is None:
        return f"{address.form_id} › {address.item_id}"
    group = next((g for g in form.groups if g.id == address.group_id), None)
    if group is None or not group.repeating:
        return f"{form.label} › {item.label}"
    row = row_of(state, address)
    where = f"{group.label} {row + 1}" if row is not None else f"{group.label} ({removed})"
    return f"{form.label} › {where} › {item.label}"
