"""Which calculation fills which derived item, and :func:`derive`, which fills them all.

A derived item names its calculation in the form definition (``derived: sokal``);
:data:`CALCULATIONS` maps each name :data:`cmlentry.domain.forms.DERIVATIONS` allows onto the
function of this package that computes it (a test checks that the two agree).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cmlentry.domain.derived.answers import Calculation, CaseAnswers, Derived, DerivedKey
from cmlentry.domain.derived.assessments import (
    derive_chr,
    derive_cytogenetic_response,
    derive_molecular_response,
    derive_phase,
)
from cmlentry.domain.derived.form_a import derive_form_a_reasons
from cmlentry.domain.derived.scores import derive_score
from cmlentry.domain.derived.toxicity import derive_ctcae_grade
from cmlentry.domain.derived.treatment import (
    derive_dose_intensity,
    derive_imatinib_duration,
    derive_long_interruptions,
)
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.validation import CaseValues, Row

CALCULATIONS: Mapping[str, Calculation] = {
    "sokal": lambda case, _row: derive_score(case, "sokal"),
    "hasford": lambda case, _row: derive_score(case, "hasford"),
    "eutos": lambda case, _row: derive_score(case, "eutos"),
    "elts": lambda case, _row: derive_score(case, "elts"),
    "chr": derive_chr,
    "cytogenetic_response": derive_cytogenetic_response,
    "molecular_response": derive_molecular_response,
    "phase": derive_phase,
    "ctcae_grade": derive_ctcae_grade,
    "imatinib_duration": derive_imatinib_duration,
    "dose_intensity": derive_dose_intensity,
    "long_interruptions": derive_long_interruptions,
    "form_a_reasons": derive_form_a_reasons,
}


def derive(definition: FormDefinition, values: CaseValues) -> dict[DerivedKey, Derived]:
    """Every derived item of the definition, computed from the case's answers.

    Args:
        definition: The form definition the case was entered under.
        values: The case's answers, form id -> group id -> rows.

    Returns:
        ``(form id, group id, row, item id) -> Derived`` for every item of type ``derived``: one
        per row of a repeating group (rows count from 1), and row 1 elsewhere. Never raises for
        bad or missing answers: those give "not evaluable: <reason>".
    """
    case = CaseAnswers(values, definition)
    found: dict[DerivedKey, Derived] = {}
    for form in definition.forms:
        for group in form.groups:
            derived_items = [i for i in group.items if i.type == "derived"]
            if not derived_items:
                continue
            stored = values.get(form.id, {}).get(group.id, ())
            rows: Sequence[Row] = stored if group.repeating else (stored[:1] or ({},))
            for index, row in enumerate(rows, start=1):
                for item in derived_items:
                    calculation = CALCULATIONS[item.derived or ""]
                    found[(form.id, group.id, index, item.id)] = calculation(case, row)
    return found
