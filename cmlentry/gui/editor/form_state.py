"""The answers of the case open in the editor: what is saved, what is typed, what applies (no Qt).

:class:`CaseState` holds one :class:`RowState` list per group of every form, as typed. It gives
the validation and the calculations the typed values in canonical form, tells whether a form
differs from what was last saved, builds what :meth:`CaseService.save_form` takes, and after a
save gives new rows the keys the service chose (so the next save updates those rows instead of
removing and adding them again, which would cut each answer's history).

An item whose ``show_if`` stops holding because of an answer the person changed is cleared, as
the validation refuses an answer to an item that does not apply; the answer is remembered in the
row while the case is open, so that changing the condition back by mistake brings it back. An
answer that already did not apply when the case was opened (imported from a workbook, say) is
left alone and shown with its error, for the person to decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cmlentry.domain.derived import Derived, DerivedKey, derive
from cmlentry.domain.forms import Form, FormDefinition, Group, Item
from cmlentry.domain.validation import CaseValues, applies, condition_context
from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor.typed_values import canonical_entry, display_text
from cmlentry.services.cases import COMPLETE, CaseData, FormData, RowData

SINGLE_ROW_KEY = 1  # the key the service gives the one row of a non-repeating group
Address = tuple[str, str, int, str]  # form id, group id, row (from 0), item id
Snapshot = tuple[tuple[str, tuple[tuple[int | None, frozenset[tuple[str, Entry]]], ...]], ...]


@dataclass(eq=False)
class RowState:
    """One row as typed; ``key`` is None until the service has stored it."""

    key: int | None
    entries: dict[str, Entry] = field(default_factory=dict)
    remembered: dict[str, Entry] = field(default_factory=dict)
    applied: dict[str, bool] = field(default_factory=dict)  # item id -> applied when last seen

    def is_empty(self) -> bool:
        return all(entry.is_empty for entry in self.entries.values())


@dataclass
class SaveRequest:
    """What one save sends, and which rows of the editor it sent (to give them their keys)."""

    form_id: str
    groups: dict[str, list[RowData]]
    sent: dict[str, list[RowState]]


class CaseState:
    """The editable answers of one case."""

    def __init__(self, definition: FormDefinition, case: CaseData) -> None:
        self.definition = definition
        self.registry_id = case.registry_id
        self.case_status = case.status
        self.status: dict[str, str] = {}
        self._rows: dict[str, dict[str, list[RowState]]] = {}
        self._stored: dict[str, FormData] = {}
        for form in definition.forms:
            self.load_stored(case.forms[form.id])
        for form in definition.forms:
            self._note_applicability(form.id)

    # --- reading ----------------------------------------------------------------------------------

    def form(self, form_id: str) -> Form:
        return self.definition.forms_by_id[form_id]

    def rows(self, form_id: str, group_id: str) -> list[RowState]:
        return self._rows[form_id][group_id]

    def entry(self, form_id: str, group_id: str, row: int, item_id: str) -> Entry:
        rows = self._rows[form_id][group_id]
        return rows[row].entries.get(item_id, EMPTY) if row < len(rows) else EMPTY

    def is_complete(self, form_id: str) -> bool:
        return self.status.get(form_id) == COMPLETE

    def forms_complete(self) -> int:
        return sum(1 for form in self.definition.forms if self.is_complete(form.id))

    def values(self) -> CaseValues:
        """Every typed answer, canonical where it parses: what the checks and calculations read."""
        items = self.definition.items_by_id
        return {
            form_id: {
                group_id: [
                    {
                        item_id: canonical_entry(items[item_id], entry)
                        for item_id, entry in row.entries.items()
                        if item_id in items
                    }
                    for row in rows
                ]
                for group_id, rows in groups.items()
            }
            for form_id, groups in self._rows.items()
        }

    def derived(self) -> dict[DerivedKey, Derived]:
        """Every calculated item from the typed answers (about 1 ms for a whole case)."""
        return derive(self.definition, self.values())

    def context(self) -> dict[str, object]:
        return condition_context(self.definition, self.values())

    def applies(
        self, context: Mapping[str, object], form_id: str, group_id: str, row: int, item: Item
    ) -> bool:
        """Whether ``item`` applies in that row, as the validation decides it."""
        if item.show_if is None:
            return True
        rows = self._rows[form_id][group_id]
        entries = rows[row].entries if row < len(rows) else {}
        return applies(item, {**context, **{k: e.value for k, e in entries.items()}})

    # --- changing ---------------------------------------------------------------------------------

    def set_entry(self, form_id: str, group_id: str, row: int, item_id: str, entry: Entry) -> bool:
        """Put a typed answer; a changed value drops the override given for the old one.

        Overrides are set only by :meth:`set_override`: a reason given for one value never
        covers another.
        """
        target = self._rows[form_id][group_id][row]
        old = target.entries.get(item_id, EMPTY)
        if (old.value, old.missing) == (entry.value, entry.missing):
            return False
        target.entries[item_id] = Entry(entry.value, entry.missing, None)
        target.remembered.pop(item_id, None)
        return True

    def set_override(
        self, form_id: str, group_id: str, row: int, item_id: str, reason: str | None
    ) -> None:
        target = self._rows[form_id][group_id][row]
        old = target.entries.get(item_id, EMPTY)
        target.entries[item_id] = Entry(old.value, old.missing, reason)

    def add_row(self, form_id: str, group_id: str) -> int:
        rows = self._rows[form_id][group_id]
        rows.append(RowState(None))
        return len(rows) - 1

    def remove_row(self, form_id: str, group_id: str, row: int) -> RowState:
        return self._rows[form_id][group_id].pop(row)

    def shows(
        self, context: Mapping[str, object], form_id: str, group_id: str, row: int, item: Item
    ) -> bool:
        """Whether the editor shows the item: it applies, or it holds an answer to be cleared."""
        if self.applies(context, form_id, group_id, row, item):
            return True
        return not self.entry(form_id, group_id, row, item.id).is_empty

    def apply_conditions(self) -> list[Address]:
        """Clear what stopped applying and bring back what applies again; say where."""
        changed: list[Address] = []
        context = self.context()
        for form in self.definition.forms:
            for group in form.groups:
                for index, row in enumerate(self._rows[form.id][group.id]):
                    for item in group.items:
                        if item.show_if is None:
                            continue
                        if self._apply_condition(context, form.id, group.id, index, row, item):
                            changed.append((form.id, group.id, index, item.id))
                            if not group.repeating:
                                context = self.context()  # later conditions may read it
        return changed

    def _apply_condition(
        self,
        context: Mapping[str, object],
        form_id: str,
        group_id: str,
        index: int,
        row: RowState,
        item: Item,
    ) -> bool:
        now = self.applies(context, form_id, group_id, index, item)
        before = row.applied.get(item.id, now)
        row.applied[item.id] = now
        entry = row.entries.get(item.id, EMPTY)
        if before and not now and not entry.is_empty:
            row.remembered[item.id] = entry
            row.entries[item.id] = EMPTY
            return True
        if now and not before and entry.is_empty and item.id in row.remembered:
            row.entries[item.id] = row.remembered.pop(item.id)
            return True
        return False

    def _note_applicability(self, form_id: str) -> None:
        """Remember what applies now, so that only later changes clear answers."""
        context = self.context()
        for group in self.form(form_id).groups:
            for index, row in enumerate(self._rows[form_id][group.id]):
                for item in group.items:
                    if item.show_if is not None:
                        row.applied[item.id] = self.applies(context, form_id, group.id, index, item)

    # --- saving -----------------------------------------------------------------------------------

    def save_request(self, form_id: str) -> SaveRequest:
        """The form's answers as the service takes them; rows with nothing typed are left out."""
        groups: dict[str, list[RowData]] = {}
        sent: dict[str, list[RowState]] = {}
        for group in self.form(form_id).groups:
            rows = [r for r in self._rows[form_id][group.id] if not r.is_empty()]
            if not group.repeating:
                rows = self._rows[form_id][group.id][:1]
            sent[group.id] = rows
            groups[group.id] = [RowData(row.key, self._clean(group, row.entries)) for row in rows]
        return SaveRequest(form_id, groups, sent)

    def _clean(self, group: Group, entries: Mapping[str, Entry]) -> dict[str, Entry]:
        items = {item.id: item for item in group.items if item.type != "derived"}
        return {
            item_id: canonical_entry(items[item_id], entry)
            for item_id, entry in entries.items()
            if item_id in items and not entry.is_empty
        }

    def is_dirty(self, form_id: str) -> bool:
        """Whether the typed answers differ from what was last read from or written to the store."""
        request = self.save_request(form_id)
        return _snapshot(self.form(form_id), request.groups) != _snapshot(
            self.form(form_id), self._stored[form_id].groups
        )

    def mark_saved(self, request: SaveRequest, stored: FormData) -> None:
        """After a save: rows sent without a key get the key the service gave them, in order."""
        for group_id, rows in request.sent.items():
            for row, saved in zip(rows, stored.groups.get(group_id, ()), strict=False):
                if row.key is None:
                    row.key = saved.key
        self._stored[request.form_id] = stored
        self.status[request.form_id] = stored.status

    def load_stored(self, stored: FormData) -> None:
        """Show the stored answers of a form (on opening, or when typing is discarded)."""
        self._stored[stored.form_id] = stored
        self.status[stored.form_id] = stored.status
        self._rows[stored.form_id] = self._rows_of(self.form(stored.form_id), stored.groups)
        if len(self._rows) == len(self.definition.forms):
            self._note_applicability(stored.form_id)

    def load_status(self, stored: FormData) -> None:
        """A form's stored state changed without its answers (it was marked complete)."""
        self._stored[stored.form_id] = stored
        self.status[stored.form_id] = stored.status

    def set_status(self, form_id: str, status: str) -> None:
        self.status[form_id] = status

    def stored(self, form_id: str) -> FormData:
        return self._stored[form_id]

    # --- drafts -----------------------------------------------------------------------------------

    def draft_groups(self, form_id: str) -> dict[str, list[RowData]]:
        """Every row as typed, empty rows included: what a draft keeps."""
        return {
            group_id: [RowData(row.key, dict(row.entries)) for row in rows]
            for group_id, rows in self._rows[form_id].items()
        }

    def load_draft(self, form_id: str, groups: Mapping[str, Sequence[RowData]]) -> None:
        self._rows[form_id] = self._rows_of(self.form(form_id), groups)
        self._note_applicability(form_id)

    def _rows_of(
        self, form: Form, groups: Mapping[str, Sequence[RowData]]
    ) -> dict[str, list[RowState]]:
        rows: dict[str, list[RowState]] = {}
        for group in form.groups:
            given = [RowState(r.key, dict(r.entries)) for r in groups.get(group.id, ())]
            if not group.repeating:
                given = given[:1] or [RowState(SINGLE_ROW_KEY)]
                given[0].key = SINGLE_ROW_KEY
            rows[group.id] = given
        return rows


def _snapshot(form: Form, groups: Mapping[str, Sequence[RowData]]) -> Snapshot:
    """What decides whether two versions of a form differ: keys and non-empty answers."""
    shots = []
    for group in form.groups:
        rows = [
            (
                row.key if group.repeating else SINGLE_ROW_KEY,
                frozenset((k, e) for k, e in row.entries.items() if not e.is_empty),
            )
            for row in groups.get(group.id, ())
        ]
        rows = [r for r in rows if r[1]] if group.repeating else (rows[:1] or [(1, frozenset())])
        shots.append((group.id, tuple(rows)))
    return tuple(shots)


# --- calculated items: where their inputs come from -------------------------------------------


@dataclass(frozen=True)
class DerivedInput:
    """One input of a calculated item: its label and value, or a group and its number of rows."""

    label: str
    text: str = ""
    rows: int | None = None


def derived_inputs(
    state: CaseState, derived: Derived, form_id: str, group: Group, row: int
) -> list[DerivedInput]:
    """The inputs of a calculated item, in the order it lists them.

    An input of the item's own row, or of a non-repeating group anywhere in the case, is shown
    with its value; an input from another repeating group is shown once as the group's label and
    its number of rows ("Dose history", "2 rows").
    """
    definition = state.definition
    shown: list[DerivedInput] = []
    groups_named: set[str] = set()
    for item_id in derived.inputs:
        if item_id not in definition.items_by_id:
            continue
        item = definition.item(item_id)
        source_form = definition.form_of[item_id]
        source_group = definition.group_of[item_id]
        if source_group.repeating and not (
            source_group.id == group.id and form_id == source_form.id
        ):
            if source_group.id not in groups_named:
                groups_named.add(source_group.id)
                count = len(state.rows(source_form.id, source_group.id))
                shown.append(DerivedInput(source_group.label, rows=count))
            continue
        index = row if source_group.repeating else 0
        entry = state.entry(source_form.id, source_group.id, index, item_id)
        shown.append(
            DerivedInput(item.label, display_text(definition, item, canonical_entry(item, entry)))
        )
    return shown
