"""Response, phase and toxicity calculations of the registry: the public API.

Everything the case editor, the validation, the exports and statisticians need is importable from
here; the code lives in smaller modules:

* :mod:`cmlentry.domain.response_categories` — CHR, cytogenetic and molecular response at one
  assessment (domain.md §2.1–2.3);
* :mod:`cmlentry.domain.phase` — disease phase under a chosen rule set (§2.4);
* :mod:`cmlentry.domain.ctcae` — CTCAE v3.0 and v5.0 grades of cytopenias (§4.1, §4.2);
* :mod:`cmlentry.domain.eln2006` — the ELN 2006 assessment at 3, 6, 12, 18 months and at any
  time (§3.1, §3.5);
* :mod:`cmlentry.domain.form_a` — the Form A reasons for registration the data support (§3.5).

Inputs outside their domain raise :class:`ClinicalValueError`, a ``ValueError``.
"""

from __future__ import annotations

from cmlentry.domain.clinical import ClinicalValueError
from cmlentry.domain.ctcae import (
    CountUnit,
    CtcaeGrade,
    CtcaeVersion,
    HaemoglobinUnit,
    anaemia_grade,
    leukopenia_grade,
    neutropenia_grade,
    thrombocytopenia_grade,
)
from cmlentry.domain.eln2006 import (
    DAYS_PER_MONTH,
    MILESTONE_MONTHS,
    DatedAssessment,
    Eln2006Assessment,
    Eln2006Criterion,
    ElnFinding,
    ElnGrade,
    ImatinibInsensitivity,
    MilestoneAssessment,
    ResponseHistory,
    eln2006_assessment,
    eln2006_baseline_warnings,
    in_milestone_window,
    milestone_data,
    months_on_imatinib,
    response_history,
)
from cmlentry.domain.form_a import (
    CytogeneticRelapse,
    Discontinuation,
    FormAReason,
    FormAReasons,
    FormAWarning,
    SupportedReason,
    check_form_a_reason,
    supported_form_a_reasons,
)
from cmlentry.domain.phase import Phase, PhaseAssessment, PhaseRuleSet, disease_phase
from cmlentry.domain.response_categories import (
    MIN_METAPHASES,
    ChrAssessment,
    CytogeneticCategory,
    CytogeneticResponse,
    MolecularCategory,
    MolecularResponse,
    complete_haematologic_response,
    cytogenetic_category,
    cytogenetic_response,
    molecular_response,
    to_international_scale,
)

__all__ = [
    "DAYS_PER_MONTH",
    "MILESTONE_MONTHS",
    "MIN_METAPHASES",
    "ChrAssessment",
    "ClinicalValueError",
    "CountUnit",
    "CtcaeGrade",
    "CtcaeVersion",
    "CytogeneticCategory",
    "CytogeneticRelapse",
    "CytogeneticResponse",
    "DatedAssessment",
    "Discontinuation",
    "Eln2006Assessment",
    "Eln2006Criterion",
    "ElnFinding",
    "ElnGrade",
    "FormAReason",
    "FormAReasons",
    "FormAWarning",
    "HaemoglobinUnit",
    "ImatinibInsensitivity",
    "MilestoneAssessment",
    "MolecularCategory",
    "MolecularResponse",
    "Phase",
    "PhaseAssessment",
    "PhaseRuleSet",
    "ResponseHistory",
    "SupportedReason",
    "anaemia_grade",
    "check_form_a_reason",
    "complete_haematologic_response",
    "cytogenetic_category",
    "cytogenetic_response",
    "disease_phase",
    "eln2006_assessment",
    "eln2006_baseline_warnings",
    "in_milestone_window",
    "leukopenia_grade",
    "milestone_data",
    "molecular_response",
    "months_on_imatinib",
    "neutropenia_grade",
    "response_history",
    "supported_form_a_reasons",
    "thrombocytopenia_grade",
    "to_international_scale",
]
