"""The CTCAE grade of a laboratory adverse event, computed from the value entered (domain.md §4).

Neutropenia, thrombocytopenia and anaemia are graded from the laboratory value by
:mod:`cmlentry.domain.response`; other events have no laboratory grade and are not calculated.
The computed grade is shown beside the grade entered when they disagree, so that the person
entering the case can check one against the other.
"""

from __future__ import annotations

from collections.abc import Callable

from cmlentry.domain.derived.answers import AnswerReader, CaseAnswers, Derived, refused
from cmlentry.domain.response import (
    ClinicalValueError,
    CtcaeGrade,
    anaemia_grade,
    neutropenia_grade,
    thrombocytopenia_grade,
)
from cmlentry.domain.validation import Row

_CTCAE_INPUTS = ("ae_term", "ctcae_version", "ae_lab_value", "ae_grade")
_GRADED: dict[str, Callable[..., CtcaeGrade]] = {
    "NEUTROPENIA": neutropenia_grade,
    "THROMBOCYTOPENIA": thrombocytopenia_grade,
    "ANAEMIA": anaemia_grade,
}


def derive_ctcae_grade(case: CaseAnswers, row: Row) -> Derived:
    """The CTCAE grade of one adverse event from its laboratory value."""
    inputs = _CTCAE_INPUTS
    reader = AnswerReader(case, row)
    term = reader.code("ae_term")
    if term is not None and term not in _GRADED:
        return Derived("not calculated (no laboratory grade for this event)", None, inputs)
    version = reader.code("ctcae_version")
    value = reader.number("ae_lab_value")
    entered = reader.integer("ae_grade", optional=True)
    if reader.problems or term is None or version is None or value is None:
        return reader.not_evaluable(inputs)
    try:
        # The form gives the units in the item's help: counts in ×10⁹/L, haemoglobin in g/dL.
        result = _GRADED[term](value, version=version)
    except ClinicalValueError as error:
        return refused(error, inputs)
    text = (
        f"grade {result.grade}"
        if result.grade is not None
        else "grade 0 or 1 (no lower limit of normal recorded)"
    )
    # Without the LLN a value above the grade 2 limit is grade 0 or 1: an entered 1 agrees.
    agrees = entered == result.grade or (result.grade is None and entered == 1)
    if entered is not None and not agrees:
        text += f"; grade entered: {entered}"
    return Derived(text, result.grade, inputs)
