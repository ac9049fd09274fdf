"""The derived items of the form: from a case's stored answers to the registry's calculations.

:func:`derive` fills every item of type ``derived`` in a definition with a :class:`Derived`: the
text the case editor shows read-only, a machine value for the exports, and the items it was
computed from. The calculations themselves live in :mod:`cmlentry.domain.scores` and
:mod:`cmlentry.domain.response`; this package only reads the answers and maps the form's
vocabulary onto theirs. A missing, unparsable or missing-coded input, or a value a calculation
refuses (:class:`~cmlentry.domain.clinical.ClinicalValueError`), gives "not evaluable: <reason>",
never an exception.

One module a feature, each with the mapping choices it makes (the form does not always ask
exactly what a calculation takes) in its docstring:

* :mod:`~cmlentry.domain.derived.answers`: reading answers, where they live, :class:`Derived`;
* :mod:`~cmlentry.domain.derived.scores`: Sokal, Hasford, EUTOS, ELTS and the age at diagnosis;
* :mod:`~cmlentry.domain.derived.assessments`: CHR, cytogenetic and molecular response, phase;
* :mod:`~cmlentry.domain.derived.toxicity`: the CTCAE grade of a laboratory adverse event;
* :mod:`~cmlentry.domain.derived.treatment`: imatinib duration, dose intensity, interruptions;
* :mod:`~cmlentry.domain.derived.form_a`: the assessment series, the stop of imatinib and the
  Form A reasons they support;
* :mod:`~cmlentry.domain.derived.dispatch`: which calculation fills which item, and
  :func:`derive`.

The names below are the package's public interface; import them from here.
"""

from cmlentry.domain.derived.answers import (
    ADVERSE_EVENTS,
    ASSESSMENTS,
    DOSES,
    INTERRUPTIONS,
    SINGLE_ITEMS,
    Derived,
    DerivedKey,
    DerivedValue,
)
from cmlentry.domain.derived.dispatch import CALCULATIONS, derive
from cmlentry.domain.derived.form_a import (
    FORM_A_CODES,
    assessment_series,
    discontinuation,
    form_a_label,
)
from cmlentry.domain.derived.scores import _fixed  # the tests check its rounding directly
from cmlentry.domain.derived.treatment import LONG_INTERRUPTION_DAYS

__all__ = [
    "ADVERSE_EVENTS",
    "ASSESSMENTS",
    "CALCULATIONS",
    "DOSES",
    "FORM_A_CODES",
    "INTERRUPTIONS",
    "LONG_INTERRUPTION_DAYS",
    "SINGLE_ITEMS",
    "Derived",
    "DerivedKey",
    "DerivedValue",
    "_fixed",
    "assessment_series",
    "derive",
    "discontinuation",
    "form_a_label",
]
