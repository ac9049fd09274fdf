"""The case's history as the Form A rules take it, and the Form A reasons it supports (§3.5).

:func:`assessment_series` and :func:`discontinuation` turn the assessment rows and the stop of
imatinib into the inputs of the ELN 2006 and Form A functions of
:mod:`cmlentry.domain.response`; the derived item ``form_a_supported`` lists the reasons they
support, and :mod:`cmlentry.domain.form_a_check` checks the reason chosen against them. Each
assessment takes CHR and the phase as the derived items compute them
(:mod:`cmlentry.domain.derived.assessments`), so the computed phase, not the reported one, feeds
the derivation. :data:`FORM_A_CODES` maps the form's code list onto the calculation's reasons.
"""

from __future__ import annotations

from cmlentry.domain.derived.answers import (
    ADVERSE_EVENTS,
    ASSESSMENTS,
    AnswerReader,
    CaseAnswers,
    Derived,
    refused,
)
from cmlentry.domain.derived.assessments import (
    CHR_INPUTS,
    CYTOGENETIC_INPUTS,
    MOLECULAR_INPUTS,
    derive_chr,
    derive_phase,
    usable_karyotype,
    usable_pcr,
)
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.response import (
    ClinicalValueError,
    CtcaeVersion,
    DatedAssessment,
    Discontinuation,
    FormAReason,
    Phase,
    supported_form_a_reasons,
)
from cmlentry.domain.validation import CaseValues, Row

# Form A codes of the form's code list, in Form A order.
FORM_A_CODES: dict[str, FormAReason] = {
    "NO_CHR": FormAReason.NO_CHR,
    "NO_CYR": FormAReason.NO_CYR,
    "NO_MCYR": FormAReason.NO_MCYR,
    "HAEM_RELAPSE": FormAReason.HAEMATOLOGICAL_RELAPSE,
    "CYTO_RELAPSE": FormAReason.CYTOGENETIC_RELAPSE,
    "PROGRESSION": FormAReason.PROGRESSION,
    "TOXICITY": FormAReason.TOXICITY,
}
_FORM_A_CODE_OF = {reason: code for code, reason in FORM_A_CODES.items()}

_FORM_A_INPUTS = (
    "imatinib_start_date",
    "assessment_date",
    *CHR_INPUTS,
    *CYTOGENETIC_INPUTS,
    *MOLECULAR_INPUTS,
    "bm_blasts",
    "extramedullary_disease",
    "new_aca",
    "imatinib_stop_date",
    "imatinib_stop_reason",
    "ae_action",
    "ae_grade",
)


def _series(case: CaseAnswers) -> tuple[list[DatedAssessment], list[str]]:
    """The assessment rows as the ELN and Form A rules take them, and the rows left out."""
    series: list[DatedAssessment] = []
    notes: list[str] = []
    for index, row in enumerate(case.rows(ASSESSMENTS), start=1):
        reader = AnswerReader(case, row)
        on = reader.date("assessment_date")
        if on is None:
            notes.append(f"assessment {index} left out: {', '.join(reader.problems)}")
            continue
        chr_value = derive_chr(case, row).value
        phase_value = derive_phase(case, row).value
        karyotype = usable_karyotype(case, row)
        pcr = usable_pcr(case, row)
        try:
            series.append(
                DatedAssessment(
                    on,
                    chr=chr_value if isinstance(chr_value, bool) else None,
                    ph_positive_pct=karyotype[0] if karyotype else None,
                    metaphases=karyotype[1] if karyotype else None,
                    bcr_abl1_is_pct=pcr.level if pcr else None,
                    bcr_abl1_undetectable=pcr.undetectable if pcr else False,
                    abl1_copies=pcr.abl1_copies if pcr else None,
                    bcr_abl1_on_is=pcr.on_is if pcr else True,
                    phase=Phase(phase_value) if isinstance(phase_value, str) else None,
                    clonal_evolution=reader.yes_no("new_aca"),
                )
            )
        except ClinicalValueError as error:  # pragma: no cover - each part was checked above
            notes.append(f"assessment {index} left out: {error.message.rstrip('.')}")
    return series, notes


def assessment_series(values: CaseValues) -> list[DatedAssessment]:
    """The case's assessment rows as :class:`~cmlentry.domain.response.DatedAssessment` records.

    Each row gives its date; CHR and the phase as the derived items compute them (see
    :mod:`cmlentry.domain.derived.assessments` for the mapping); the karyotype, the PCR result and
    new ACA in Ph+ cells when they are usable. A row without a full date is left out; an unusable
    part of a row (e.g. a Ph+ % without its metaphase count) is left out of that row.

    Args:
        values: The case's answers, form id -> group id -> rows.

    Returns:
        The records, in the order of the rows.
    """
    return _series(CaseAnswers(values))[0]


def _discontinuation(case: CaseAnswers) -> Discontinuation | None:
    reader = AnswerReader(case)
    stopped = reader.date("imatinib_stop_date", optional=True)
    if stopped is None:
        return None
    if reader.code("imatinib_stop_reason", optional=True) != "TOX":
        return Discontinuation(stopped, because_of_toxicity=False)
    worst: tuple[int, str, CtcaeVersion | None] | None = None
    for row in case.rows(ADVERSE_EVENTS):
        event = AnswerReader(case, row)
        if event.code("ae_action", optional=True) != "STOP":
            continue
        grade = event.integer("ae_grade", optional=True) or 0
        term = event.code("ae_term", optional=True) or ""
        if term == "OTHER":
            term = event.code("ae_term_other", optional=True) or term
        version_code = event.code("ctcae_version", optional=True)
        version = CtcaeVersion(version_code) if version_code in tuple(CtcaeVersion) else None
        if worst is None or grade > worst[0]:
            worst = (grade, term, version)
    if worst is None:
        return Discontinuation(stopped, because_of_toxicity=True)
    grade, term, version = worst
    return Discontinuation(
        stopped,
        because_of_toxicity=True,
        ctcae_term=term or None,
        ctcae_grade=grade or None,
        ctcae_version=version,
    )


def discontinuation(values: CaseValues) -> Discontinuation | None:
    """The stop of imatinib as the Form A rules take it, or None while it has not stopped.

    Imatinib stopped for toxicity when the reason given is TOX; the event is then the worst
    (highest grade) adverse event whose action was "imatinib discontinued", with its term (the
    code, or the text given for OTHER), grade and CTCAE version.

    Args:
        values: The case's answers, form id -> group id -> rows.

    Returns:
        The discontinuation, or None when no full stop date is entered.
    """
    return _discontinuation(CaseAnswers(values))


def form_a_label(reason: FormAReason, definition: FormDefinition | None = None) -> str:
    """The label the form gives ``reason`` (its code list), or the calculation's own name."""
    code = _FORM_A_CODE_OF[reason]
    if definition is not None and "form_a_reason" in definition.codelists:
        return definition.codelists["form_a_reason"].get(code, reason.value)
    return reason.value


def derive_form_a_reasons(case: CaseAnswers, _row: Row) -> Derived:
    """The Form A reasons the data entered support, with their dates."""
    inputs = _FORM_A_INPUTS
    reader = AnswerReader(case)
    start = reader.date("imatinib_start_date")
    if reader.problems or start is None:
        return reader.not_evaluable(inputs)
    series, notes = _series(case)
    try:
        found = supported_form_a_reasons(start, series, _discontinuation(case))
    except ClinicalValueError as error:  # pragma: no cover - the series is checked row by row
        return refused(error, inputs)
    parts = []
    for supported in found.supported:
        label = form_a_label(supported.reason, case.definition)
        kind = f" ({supported.sub_code})" if supported.sub_code is not None else ""
        parts.append(f"{label}{kind} on {supported.on}")
    text = "; ".join(parts) if parts else "none supported by the data entered"
    if found.less_than_ccyr_at_18_months:
        text += "; also less than CCyR at 18 months (ELN 2006 failure; not a Form A reason)"
    if notes:
        text += f" ({'; '.join(notes)})"
    codes = tuple(_FORM_A_CODE_OF[reason] for reason in found.reasons)
    return Derived(text, codes, inputs)
