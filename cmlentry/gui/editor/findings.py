"""What the checks and calculations say about the typed answers, and where it belongs (no Qt).

:func:`check` runs the validation (``validate_case``, about 0.5 ms for a whole case) and the
calculations (``derive``, about 1 ms) on the typed answers, not on what is stored, so a finding
appears beside a field as soon as it is left, and a calculated value follows every keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cmlentry.domain.derived import Derived, DerivedKey, derive
from cmlentry.domain.forms import Group
from cmlentry.domain.validation import Issue, condition_context, validate_case
from cmlentry.gui.editor.form_state import CaseState


@dataclass(frozen=True)
class IssueCount:
    """What stops a form from being complete: hard errors and warnings not overridden."""

    errors: int = 0
    warnings: int = 0

    @property
    def total(self) -> int:
        return self.errors + self.warnings


@dataclass
class Findings:
    """The findings, calculated values and condition values of the typed answers of a case."""

    issues: list[Issue] = field(default_factory=list)
    derived: dict[DerivedKey, Derived] = field(default_factory=dict)
    context: dict[str, object] = field(default_factory=dict)


def check(state: CaseState, today: dt.date) -> Findings:
    values = state.values()
    return Findings(
        validate_case(state.definition, values, today),
        derive(state.definition, values),
        condition_context(state.definition, values),
    )


def count_blocking(issues: Iterable[Issue], form_id: str) -> IssueCount:
    errors = warnings = 0
    for issue in issues:
        if issue.form == form_id and issue.blocks:
            if issue.severity == "hard":
                errors += 1
            else:
                warnings += 1
    return IssueCount(errors, warnings)


def issues_at(
    issues: Iterable[Issue], form_id: str, group: Group, row: int, item_id: str | None = None
) -> Iterator[Issue]:
    """The findings for one field (or one row when ``item_id`` is None); ``row`` from 0."""
    for issue in issues:
        if issue.form != form_id or (item_id is not None and issue.item != item_id):
            continue
        if group.repeating:
            if issue.group == group.id and issue.row == row + 1:
                yield issue
        elif issue.group is None and issue.item in {i.id for i in group.items}:
            yield issue
