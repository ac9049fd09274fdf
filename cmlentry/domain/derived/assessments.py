"""One response assessment: CHR, cytogenetic and molecular response, and the phase (domain.md §2).

Each calculation reads one row of the assessments group and hands it to
:mod:`cmlentry.domain.response`, mapping the form's vocabulary onto the calculation's. The
mapping choices (the form does not always ask exactly what a calculation takes):

* **CHR** needs "no myelocytes, promyelocytes or blasts in the differential"; the form asks it as
  one yes/no question (``a_immature_cells``) beside the blast and promyelocyte percentages, and
  never asks for myelocytes. "Yes" fails the criterion. "No" meets it: the myelocyte, blast and
  promyelocyte percentages count as 0 unless entered, and an entered percentage above 0 wins over
  the "no" (the criterion then fails). Not done or not answered leaves the criterion open unless
  a percentage above 0 already fails it.
* **BCR-ABL1** of 0 % is read as undetectable; the form has no separate flag. Control-gene copies
  grade the depth of an undetectable result only when the control gene is ABL1 (domain.md §2.3
  gives copy numbers for ABL1 alone); otherwise the result counts as MMR of limited sensitivity.
* **Phase** is computed with the MDACC/ELN rules (domain.md §2.4) and compared with the phase
  reported. The form does not record whether a low platelet count is related to therapy, so the
  thrombocytopenia criterion is shown as unconfirmed, never counted. The computed phase, not the
  reported one, feeds the Form A derivation.

:func:`usable_karyotype` and :func:`usable_pcr` give the parts of a row the ELN and Form A rules
can take even when the row's own category cannot be shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmlentry.domain.derived.answers import (
    AnswerReader,
    CaseAnswers,
    Derived,
    not_evaluable,
    refused,
)
from cmlentry.domain.response import (
    MIN_METAPHASES,
    ClinicalValueError,
    CytogeneticCategory,
    MolecularResponse,
    Phase,
    PhaseRuleSet,
    complete_haematologic_response,
    cytogenetic_response,
    disease_phase,
    molecular_response,
)
from cmlentry.domain.validation import Row

CHR_INPUTS = (
    "a_wbc",
    "a_platelets",
    "a_pb_blasts",
    "a_pb_promyelocytes",
    "a_pb_basophils",
    "a_immature_cells",
    "a_spleen_cm",
)
# Criterion of complete_haematologic_response -> (why it fails, what is missing), in its order.
_CHR_CRITERIA = {
    "platelets": ("platelets ≥ 450 ×10⁹/L", "platelets"),
    "wbc": ("white blood cells ≥ 10 ×10⁹/L", "white blood cells"),
    "immature_granulocytes": (
        "myelocytes, promyelocytes or blasts in the differential",
        "myelocytes, promyelocytes or blasts",
    ),
    "basophils": ("basophils ≥ 5 %", "basophils"),
    "spleen": ("palpable spleen", "spleen"),
}


def derive_chr(case: CaseAnswers, row: Row) -> Derived:
    """Complete haematologic response in one assessment: yes, no or not evaluable."""
    reader = AnswerReader(case, row)
    platelets = reader.number("a_platelets", optional=True)
    wbc = reader.number("a_wbc", optional=True)
    blasts = reader.number("a_pb_blasts", optional=True)
    promyelocytes = reader.number("a_pb_promyelocytes", optional=True)
    basophils = reader.number("a_pb_basophils", optional=True)
    spleen = reader.number("a_spleen_cm", optional=True)
    immature = reader.yes_no("a_immature_cells")
    if reader.problems:
        return reader.not_evaluable(CHR_INPUTS)
    if all(v is None for v in (platelets, wbc, blasts, promyelocytes, basophils, spleen, immature)):
        return not_evaluable("no blood count in this assessment", CHR_INPUTS)
    none_seen = immature is False
    try:
        result = complete_haematologic_response(
            platelets=platelets,
            wbc=wbc,
            basophils_pct=basophils,
            # "No myelocytes, promyelocytes or blasts" is 0 % of each, unless a percentage says
            # otherwise (then the percentage wins and the criterion fails).
            blasts_pct=0.0 if blasts is None and none_seen else blasts,
            promyelocytes_pct=0.0 if promyelocytes is None and none_seen else promyelocytes,
            myelocytes_pct=0.0 if none_seen else None,
            spleen_cm=spleen,
        )
    except ClinicalValueError as error:
        return refused(error, CHR_INPUTS)
    unmet = set(result.unmet)
    missing = set(result.missing)
    if immature is True:
        unmet.add("immature_granulocytes")
        missing.discard("immature_granulocytes")
    if unmet:
        reasons = ", ".join(_CHR_CRITERIA[c][0] for c in _CHR_CRITERIA if c in unmet)
        return Derived(f"no CHR: {reasons}", False, CHR_INPUTS)
    if missing:
        absent = ", ".join(_CHR_CRITERIA[c][1] for c in _CHR_CRITERIA if c in missing)
        return not_evaluable(f"no value for {absent}", CHR_INPUTS)
    return Derived("CHR", True, CHR_INPUTS)


CYTOGENETIC_INPUTS = ("ph_positive_pct", "metaphases_counted")
_CYTOGENETIC_WORDS = {
    CytogeneticCategory.COMPLETE: "complete (CCyR)",
    CytogeneticCategory.PARTIAL: "partial (PCyR)",
    CytogeneticCategory.MINOR: "minor",
    CytogeneticCategory.MINIMAL: "minimal",
    CytogeneticCategory.NONE: "none",
}


def derive_cytogenetic_response(case: CaseAnswers, row: Row) -> Derived:
    """The cytogenetic response category of one assessment's karyotype."""
    inputs = CYTOGENETIC_INPUTS
    reader = AnswerReader(case, row)
    if all(reader.entry(i).is_empty for i in inputs):
        return not_evaluable("no karyotype in this assessment", inputs)
    pct = reader.number("ph_positive_pct")
    # The count is asked only with a Ph+ %: without one, it is not a second problem.
    metaphases = reader.integer("metaphases_counted") if pct is not None else None
    if reader.problems or pct is None or metaphases is None:
        return reader.not_evaluable(inputs)
    try:
        result = cytogenetic_response(pct, metaphases)
    except ClinicalValueError as error:
        return refused(error, inputs)
    if metaphases == 0:
        return not_evaluable("no metaphases analysed", inputs)
    if result.category is None:
        return not_evaluable(
            f"{metaphases} metaphases, fewer than {MIN_METAPHASES}: {result.best_possible} to "
            f"{result.worst_possible}",
            inputs,
        )
    short = f", {metaphases} metaphases" if metaphases < MIN_METAPHASES else ""
    return Derived(f"{_CYTOGENETIC_WORDS[result.category]}{short}", result.category.value, inputs)


MOLECULAR_INPUTS = ("bcr_abl_pct", "bcr_abl_is", "control_gene", "control_copies")


@dataclass(frozen=True)
class Pcr:
    level: float | None
    undetectable: bool
    abl1_copies: int | None
    on_is: bool
    control_gene: str | None
    copies: int | None


def _read_pcr(reader: AnswerReader) -> Pcr | None:
    """The PCR answers as molecular_response takes them; None when one is not usable."""
    level = reader.number("bcr_abl_pct")
    if level is None:
        return None  # the other PCR items are asked only with a result
    gene = reader.code("control_gene", optional=True)
    copies = reader.integer("control_copies", optional=True)
    undetectable = level == 0
    on_is = reader.yes_no("bcr_abl_is")
    if on_is is None and not undetectable:
        reader.code("bcr_abl_is")  # notes why: undetectable is undetectable on every scale
    if reader.problems:
        return None
    return Pcr(
        level=None if undetectable else level,
        undetectable=undetectable,
        # The copy thresholds of domain.md §2.3 are ABL1 copies; other control genes differ.
        abl1_copies=copies if gene == "ABL1" else None,
        on_is=bool(on_is),
        control_gene=gene,
        copies=copies,
    )


def _classify(pcr: Pcr) -> MolecularResponse:
    """molecular_response on the PCR answers; raises ClinicalValueError as it does."""
    return molecular_response(
        pcr.level,
        undetectable=pcr.undetectable,
        abl1_copies=pcr.abl1_copies,
        international_scale=pcr.on_is,
    )


def derive_molecular_response(case: CaseAnswers, row: Row) -> Derived:
    """The molecular response category of one assessment's BCR-ABL1 result."""
    inputs = MOLECULAR_INPUTS
    reader = AnswerReader(case, row)
    if reader.entry("bcr_abl_pct").is_empty:
        return not_evaluable("no BCR-ABL1 result in this assessment", inputs)
    pcr = _read_pcr(reader)
    if pcr is None:
        return reader.not_evaluable(inputs)
    try:
        result = _classify(pcr)
    except ClinicalValueError as error:
        return refused(error, inputs)
    if result.category is None:
        return not_evaluable("not on the International Scale", inputs)
    text = result.category.value
    if result.limited_sensitivity:
        if pcr.copies is None:
            why = "control-gene copies not given"
        elif pcr.control_gene == "ABL1":
            why = "fewer than 10,000 ABL1 copies"
        elif pcr.control_gene is None:
            why = "control gene not given"
        else:
            why = f"control gene {pcr.control_gene}, not ABL1"
        text += f" (undetectable; {why}: not deeper than MMR)"
    elif result.undetectable:
        text += f" (undetectable, {result.abl1_copies:,} ABL1 copies)"
    return Derived(text, result.category.value, inputs)


_PHASE_INPUTS = (
    "a_pb_blasts",
    "bm_blasts",
    "a_pb_promyelocytes",
    "a_pb_basophils",
    "a_platelets",
    "new_aca",
    "extramedullary_disease",
    "phase_reported",
)
_PHASE_WORDS = {
    Phase.CHRONIC: "chronic phase",
    Phase.ACCELERATED: "accelerated phase",
    Phase.BLAST: "blast crisis",
}
_REPORTED_PHASE = {"CP": Phase.CHRONIC, "AP": Phase.ACCELERATED, "BC": Phase.BLAST}
_CRITERION_WORDS = {
    "pb_blasts_30": "blood blasts ≥ 30 %",
    "bm_blasts_30": "marrow blasts ≥ 30 %",
    "extramedullary_blasts": "extramedullary blasts",
    "pb_blasts_15_29": "blood blasts 15–29 %",
    "pb_blasts_promyelocytes_30": "blood blasts + promyelocytes ≥ 30 %",
    "pb_basophils_20": "blood basophils ≥ 20 %",
    "thrombocytopenia": "platelets ≤ 100 ×10⁹/L unrelated to therapy",
    "clonal_evolution": "clonal evolution",
}
# Without these the computed chronic phase is only a lower bound.
_PHASE_CORE = ("a_pb_blasts", "a_pb_basophils", "a_platelets")


def derive_phase(case: CaseAnswers, row: Row) -> Derived:
    """The phase by the MDACC/ELN rules, checked against the phase reported."""
    inputs = _PHASE_INPUTS
    reader = AnswerReader(case, row)
    values = {
        item: reader.number(item, optional=True)
        for item in ("a_pb_blasts", "bm_blasts", "a_pb_promyelocytes", "a_pb_basophils")
    }
    platelets = reader.number("a_platelets", optional=True)
    clonal_evolution = reader.yes_no("new_aca")
    extramedullary = reader.yes_no("extramedullary_disease")
    reported = _REPORTED_PHASE.get(reader.code("phase_reported", optional=True) or "")
    if reader.problems:
        return reader.not_evaluable(inputs)
    if all(v is None for v in (*values.values(), platelets, clonal_evolution, extramedullary)):
        return not_evaluable("no blood, marrow or karyotype values in this assessment", inputs)
    try:
        result = disease_phase(
            rule_set=PhaseRuleSet.MDACC_ELN,
            reported=reported,
            pb_blasts_pct=values["a_pb_blasts"],
            bm_blasts_pct=values["bm_blasts"],
            pb_promyelocytes_pct=values["a_pb_promyelocytes"],
            pb_basophils_pct=values["a_pb_basophils"],
            platelets=platelets,
            clonal_evolution=clonal_evolution,
            extramedullary_blasts=extramedullary,
        )
    except ClinicalValueError as error:
        return refused(error, inputs)
    text = _PHASE_WORDS[result.phase]
    if result.criteria:
        text += f" ({', '.join(_CRITERION_WORDS.get(c, c) for c in result.criteria)})"
    notes: list[str] = []
    absent = [case.label(i).lower() for i in _PHASE_CORE if reader.entry(i).value is None]
    if result.phase is Phase.CHRONIC and absent:
        notes.append(f"as far as entered: no value for {', '.join(absent)}")
    if "thrombocytopenia" in result.unconfirmed:
        notes.append(
            "platelets ≤ 100 ×10⁹/L: accelerated phase if unrelated to therapy, which the form "
            "does not record"
        )
    if result.disagrees and result.reported is not None:
        notes.append(
            f"reported as {_PHASE_WORDS[result.reported]}: check the values or the reported phase"
        )
    if notes:
        text += "; " + "; ".join(notes)
    return Derived(text, result.phase.value, inputs)


def usable_karyotype(case: CaseAnswers, row: Row) -> tuple[float, int] | None:
    """Ph+ % and metaphases when both are usable, even if too few for a category.

    A short count has no category but can still decide a milestone (15 of 15 Ph+ is > 35 %).
    """
    reader = AnswerReader(case, row)
    if reader.entry("ph_positive_pct").is_empty:
        return None
    pct, metaphases = reader.number("ph_positive_pct"), reader.integer("metaphases_counted")
    if pct is None or metaphases is None:
        return None
    try:
        cytogenetic_response(pct, metaphases)
    except ClinicalValueError:
        return None
    return pct, metaphases


def usable_pcr(case: CaseAnswers, row: Row) -> Pcr | None:
    """The PCR result when molecular_response accepts it (off the IS it has no category)."""
    reader = AnswerReader(case, row)
    if reader.entry("bcr_abl_pct").is_empty:
        return None
    pcr = _read_pcr(reader)
    if pcr is None:
        return None
    try:
        _classify(pcr)
    except ClinicalValueError:
        return None
    return pcr
