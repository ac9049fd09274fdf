"""The derived items of the form: from a case's stored answers to the registry's calculations.

:func:`derive` fills every item of type ``derived`` in a definition with a :class:`Derived`: the
text the case editor shows read-only, a machine value for the exports, and the items it was
computed from. The calculations themselves live in :mod:`cmlentry.domain.scores` and
:mod:`cmlentry.domain.response`; this module only reads the answers and maps the form's
vocabulary onto theirs. A missing, unparsable or missing-coded input, or a value a calculation
refuses (:class:`~cmlentry.domain.clinical.ClinicalValueError`), gives "not evaluable: <reason>",
never an exception.

Mapping choices (the form does not always ask exactly what a calculation takes):

* **Age at diagnosis** (Sokal, Hasford, ELTS) is in completed years from the year and month of
  birth (the day is never recorded) and the date of diagnosis, which may be partial. When the
  data allow two or more ages, the score is computed at the youngest and the oldest (every score
  rises with age, so these bound it). If both give the same risk group, the value at the youngest
  age (the age the patient had certainly reached) is reported and the text says the age is
  uncertain; if the risk groups differ, the score is not evaluable.
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
* **Dose intensity** (domain.md §5.1) is cumulative mg / days over the period the dose rows cover,
  first "From" to last "To", both days included. A row without an end runs to the stop of
  imatinib, else to the failure date. Where rows overlap, the later-starting row wins (a change
  entered with the same date as the end of the previous row). Interruption days, from
  "Interrupted on" to the day before "Resumed on", count as 0 mg, as do days no row covers.
* **Interruptions** last from "Interrupted on" to "Resumed on" (exclusive); one never resumed
  runs to the stop of imatinib, else to the failure date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from cmlentry.domain.clinical import settled
from cmlentry.domain.forms import FormDefinition, MissingCode
from cmlentry.domain.response import (
    MIN_METAPHASES,
    ClinicalValueError,
    CtcaeGrade,
    CtcaeVersion,
    CytogeneticCategory,
    DatedAssessment,
    Discontinuation,
    FormAReason,
    Phase,
    PhaseRuleSet,
    anaemia_grade,
    complete_haematologic_response,
    cytogenetic_response,
    disease_phase,
    molecular_response,
    neutropenia_grade,
    supported_form_a_reasons,
    thrombocytopenia_grade,
)
from cmlentry.domain.scores import (
    ELTS_HIGH_ABOVE,
    ELTS_LOW_MAX,
    EUTOS_LOW_MAX,
    HASFORD_HIGH_ABOVE,
    HASFORD_LOW_MAX,
    SOKAL_HIGH_ABOVE,
    SOKAL_LOW_BELOW,
    BaselineScores,
    EltsScore,
    EutosScore,
    HasfordScore,
    ScoresNotEvaluable,
    SokalScore,
    baseline_scores,
)
from cmlentry.domain.validation import CaseValues, Row
from cmlentry.domain.values import EMPTY, Entry, PartialDate, date_of, number

DerivedValue = bool | int | float | str | tuple[str, ...] | tuple[int, int] | None
DerivedKey = tuple[str, str, int, str]  # form id, group id, row (from 1), item id

LONG_INTERRUPTION_DAYS = 28  # domain.md §5.1: interruptions of more than 4 weeks

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


@dataclass(frozen=True)
class Derived:
    """What a derived item shows.

    Attributes:
        text: What the case editor shows read-only, e.g. ``"1.19 (intermediate)"``, ``"MMR"``,
            ``"grade 3"`` or ``"not evaluable: Platelets not entered"``.
        value: The machine value: the score, ``True``/``False`` for CHR, the category or phase
            name, the CTCAE grade, days, mg/day, ``(count, longest days)`` of the long
            interruptions, or the supported Form A codes; ``None`` when not evaluable.
        inputs: The ids of the items it is computed from ("from: platelets, spleen_cm, …").
    """

    text: str
    value: DerivedValue
    inputs: tuple[str, ...]


# Where the non-repeating answers the calculations read are kept: (form id, group id). A test
# checks this against the shipped definition.
SINGLE_ITEMS: dict[str, tuple[str, str]] = {
    "birth_year": ("patient", "patient"),
    "birth_month": ("patient", "patient"),
    "diagnosis_date": ("diagnosis", "diagnosis"),
    "baseline_untreated": ("diagnosis", "diagnosis"),
    **{
        item: ("diagnosis", "baseline")
        for item in ("platelets", "pb_blasts", "pb_basophils", "pb_eosinophils", "spleen_cm")
    },
    **{
        item: ("imatinib", "imatinib")
        for item in ("imatinib_start_date", "imatinib_stop_date", "imatinib_stop_reason")
    },
    "failure_date": ("registration", "registration"),
    "form_a_reason": ("registration", "registration"),
}
ASSESSMENTS = ("assessments", "assessment")
DOSES = ("imatinib", "doses")
INTERRUPTIONS = ("imatinib", "interruptions")
ADVERSE_EVENTS = ("toxicity", "adverse_event")

_MISSING_WORDS = {"UNK": "unknown", "ND": "not done", "NA": "not applicable"}


@dataclass
class _Case:
    values: CaseValues
    definition: FormDefinition | None = None

    def single(self, item_id: str) -> Entry:
        form, group = SINGLE_ITEMS[item_id]
        rows = self.values.get(form, {}).get(group, ())
        return rows[0].get(item_id, EMPTY) if rows else EMPTY

    def rows(self, where: tuple[str, str]) -> Sequence[Row]:
        return self.values.get(where[0], {}).get(where[1], ())

    def label(self, item_id: str) -> str:
        if self.definition is not None and item_id in self.definition.items_by_id:
            return self.definition.item(item_id).label
        return item_id

    def missing_word(self, code: MissingCode) -> str:
        if self.definition is not None and code in self.definition.missing_codes:
            return self.definition.missing_codes[code]
        return _MISSING_WORDS.get(code, code)


@dataclass
class _Reader:
    """Reads answers for one calculation and keeps, as phrases, why an input is not usable."""

    case: _Case
    row: Row = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def entry(self, item_id: str) -> Entry:
        if item_id in SINGLE_ITEMS:
            return self.case.single(item_id)
        return self.row.get(item_id, EMPTY)

    def _absent(self, item_id: str, optional: bool) -> bool:
        """Whether the answer is empty or missing-coded, noting why unless it is optional."""
        entry = self.entry(item_id)
        if entry.value is not None:
            return False
        if not optional:
            label = self.case.label(item_id)
            if entry.missing is not None:
                self.problems.append(f"{label} is '{self.case.missing_word(entry.missing)}'")
            else:
                self.problems.append(f"{label} not entered")
        return True

    def number(self, item_id: str, *, optional: bool = False) -> float | None:
        if self._absent(item_id, optional):
            return None
        value = number(self.entry(item_id))
        # Stored text is not always canonical (a value is kept as typed): "NaN" parses.
        if value is None or not value.is_finite():
            self.problems.append(f"{self.case.label(item_id)} is not a number")
            return None
        return float(value)

    def integer(self, item_id: str, *, optional: bool = False) -> int | None:
        if self._absent(item_id, optional):
            return None
        value = number(self.entry(item_id))
        if value is None or not value.is_finite() or value != value.to_integral_value():
            self.problems.append(f"{self.case.label(item_id)} is not a whole number")
            return None
        return int(value)

    def date(self, item_id: str, *, optional: bool = False) -> dt.date | None:
        if self._absent(item_id, optional):
            return None
        value = date_of(self.entry(item_id))
        if value is None or not value.is_complete:
            self.problems.append(f"{self.case.label(item_id)} is not a full date")
            return None
        return value.earliest

    def partial_date(self, item_id: str) -> PartialDate | None:
        if self._absent(item_id, optional=False):
            return None
        value = date_of(self.entry(item_id))
        if value is None:
            self.problems.append(f"{self.case.label(item_id)} is not a date")
        return value

    def code(self, item_id: str, *, optional: bool = False) -> str | None:
        if self._absent(item_id, optional):
            return None
        return self.entry(item_id).value

    def yes_no(self, item_id: str) -> bool | None:
        """Y is True, N is False; anything else (not done, unknown, empty) is None."""
        return {"Y": True, "N": False}.get(self.code(item_id, optional=True) or "")

    def not_evaluable(self, inputs: tuple[str, ...]) -> Derived:
        return _not_evaluable(", ".join(self.problems), inputs)


def _not_evaluable(why: str, inputs: tuple[str, ...]) -> Derived:
    return Derived(f"not evaluable: {why}", None, inputs)


def _refused(error: ClinicalValueError, inputs: tuple[str, ...]) -> Derived:
    return _not_evaluable(error.message.rstrip("."), inputs)


# --- prognostic scores (domain.md §1) -----------------------------------------------------------

_AGE_INPUTS = ("birth_year", "birth_month", "diagnosis_date")
_SCORE_INPUTS: dict[str, tuple[str, ...]] = {
    "sokal": (*_AGE_INPUTS, "spleen_cm", "platelets", "pb_blasts"),
    "hasford": (
        *_AGE_INPUTS,
        "spleen_cm",
        "pb_blasts",
        "pb_eosinophils",
        "pb_basophils",
        "platelets",
    ),
    "eutos": ("pb_basophils", "spleen_cm"),
    "elts": (*_AGE_INPUTS, "spleen_cm", "pb_blasts", "platelets"),
}
# Decimals shown, and the cut-offs a shown value must not appear to sit on.
_SCORE_FORMAT: dict[str, tuple[int, tuple[float, ...]]] = {
    "sokal": (2, (SOKAL_LOW_BELOW, SOKAL_HIGH_ABOVE)),
    "hasford": (1, (HASFORD_LOW_MAX, HASFORD_HIGH_ABOVE)),
    "eutos": (1, (EUTOS_LOW_MAX,)),
    "elts": (4, (ELTS_LOW_MAX, ELTS_HIGH_ABOVE)),
}
_AnyScore = SokalScore | HasfordScore | EutosScore | EltsScore


def _fixed(value: float, decimals: int, cut_offs: tuple[float, ...]) -> str:
    """``value`` rounded for display, with more decimals when rounding would land on a cut-off.

    Sokal 1.2004 is high; printed "1.20 (high)" it would contradict the table (≤ 1.2 is
    intermediate), so it is printed "1.2004 (high)".
    """
    while decimals < 6 and any(round(value, decimals) == cut != settled(value) for cut in cut_offs):
        decimals += 1
    return f"{value:.{decimals}f}"


@dataclass(frozen=True)
class _Age:
    youngest: int
    oldest: int
    why: str  # why it is uncertain, when it is

    def describe(self) -> str:
        joined = "or" if self.oldest - self.youngest == 1 else "to"
        return f"age {self.youngest} {joined} {self.oldest} at diagnosis, as {self.why}"


def _completed_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age_at_diagnosis(reader: _Reader) -> _Age | None:
    """The youngest and oldest the patient can have been at diagnosis, in completed years."""
    year = reader.integer("birth_year")
    month = reader.integer("birth_month", optional=True)
    if month is not None and not 1 <= month <= 12:
        reader.problems.append(f"{reader.case.label('birth_month')} is not a month")
        month = None
    diagnosis = reader.partial_date("diagnosis_date")
    if year is None or diagnosis is None or reader.problems:
        return None
    try:
        first_born = dt.date(year, month or 1, 1)
        last_month = month or 12
        last_born = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    except ValueError:
        reader.problems.append(f"{reader.case.label('birth_year')} is not a year")
        return None
    oldest = _completed_years(first_born, diagnosis.latest)
    # Diagnosed in the month and year of birth, the latest birth date lies after the diagnosis.
    youngest = max(_completed_years(last_born, diagnosis.earliest), min(oldest, 0))
    if month is None:
        why = "the month of birth is not known"
    elif not diagnosis.is_complete:
        why = "the date of diagnosis is not known to the day"
    else:
        why = "the patient was born in the month of diagnosis and the day of birth is not recorded"
    return _Age(youngest, oldest, why)


def _score(case: _Case, name: str) -> Derived:
    inputs = _SCORE_INPUTS[name]
    reader = _Reader(case)
    before = reader.yes_no("baseline_untreated")
    gate = baseline_scores(
        before_any_treatment=before, age=None, spleen_cm=None, platelets=None, blasts_pct=None
    )
    inputs_with_gate = ("baseline_untreated", *inputs)
    if isinstance(gate, ScoresNotEvaluable):
        return _not_evaluable(gate.reason.value, inputs_with_gate)
    needs_age = name != "eutos"
    age = _age_at_diagnosis(reader) if needs_age else _Age(0, 0, "")
    spleen = reader.number("spleen_cm")
    blasts = reader.number("pb_blasts") if name != "eutos" else None
    platelets = reader.number("platelets") if name != "eutos" else None
    eosinophils = reader.number("pb_eosinophils") if name == "hasford" else None
    basophils = reader.number("pb_basophils") if name in ("hasford", "eutos") else None
    if reader.problems or age is None:
        return reader.not_evaluable(inputs_with_gate)

    def at(years: int) -> _AnyScore:
        scores = baseline_scores(
            before_any_treatment=True,
            age=float(years) if needs_age else None,
            spleen_cm=spleen,
            platelets=platelets,
            blasts_pct=blasts,
            eosinophils_pct=eosinophils,
            basophils_pct=basophils,
        )
        assert isinstance(scores, BaselineScores)
        score: _AnyScore | None = getattr(scores, name)
        assert score is not None  # every input it needs was given
        return score

    decimals, cut_offs = _SCORE_FORMAT[name]
    try:
        low, high = at(age.youngest), at(age.oldest)
    except ClinicalValueError as error:
        return _refused(error, inputs_with_gate)
    if low.risk is not high.risk:
        return _not_evaluable(
            f"{age.describe()}, and the risk group depends on it: {low.risk} at "
            f"{age.youngest}, {high.risk} at {age.oldest}",
            inputs_with_gate,
        )
    if name == "eutos" and settled(low.value).is_integer():
        decimals = 0  # 7 × basophils + 4 × spleen: whole with whole inputs, as domain.md prints it
    shown = _fixed(low.value, decimals, cut_offs)
    if age.youngest == age.oldest:
        return Derived(f"{shown} ({low.risk})", low.value, inputs_with_gate)
    upper = _fixed(high.value, decimals, cut_offs)
    shown = shown if upper == shown else f"{shown} to {upper}"
    return Derived(f"{shown} ({low.risk}; {age.describe()})", low.value, inputs_with_gate)


# --- one assessment: CHR, cytogenetic and molecular response, phase (domain.md §2) -------------

_CHR_INPUTS = (
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


def _chr(case: _Case, row: Row) -> Derived:
    reader = _Reader(case, row)
    platelets = reader.number("a_platelets", optional=True)
    wbc = reader.number("a_wbc", optional=True)
    blasts = reader.number("a_pb_blasts", optional=True)
    promyelocytes = reader.number("a_pb_promyelocytes", optional=True)
    basophils = reader.number("a_pb_basophils", optional=True)
    spleen = reader.number("a_spleen_cm", optional=True)
    immature = reader.yes_no("a_immature_cells")
    if reader.problems:
        return reader.not_evaluable(_CHR_INPUTS)
    if all(v is None for v in (platelets, wbc, blasts, promyelocytes, basophils, spleen, immature)):
        return _not_evaluable("no blood count in this assessment", _CHR_INPUTS)
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
        return _refused(error, _CHR_INPUTS)
    unmet = set(result.unmet)
    missing = set(result.missing)
    if immature is True:
        unmet.add("immature_granulocytes")
        missing.discard("immature_granulocytes")
    if unmet:
        reasons = ", ".join(_CHR_CRITERIA[c][0] for c in _CHR_CRITERIA if c in unmet)
        return Derived(f"no CHR: {reasons}", False, _CHR_INPUTS)
    if missing:
        absent = ", ".join(_CHR_CRITERIA[c][1] for c in _CHR_CRITERIA if c in missing)
        return _not_evaluable(f"no value for {absent}", _CHR_INPUTS)
    return Derived("CHR", True, _CHR_INPUTS)


_CYTOGENETIC_INPUTS = ("ph_positive_pct", "metaphases_counted")
_CYTOGENETIC_WORDS = {
    CytogeneticCategory.COMPLETE: "complete (CCyR)",
    CytogeneticCategory.PARTIAL: "partial (PCyR)",
    CytogeneticCategory.MINOR: "minor",
    CytogeneticCategory.MINIMAL: "minimal",
    CytogeneticCategory.NONE: "none",
}


def _cytogenetic(case: _Case, row: Row) -> Derived:
    inputs = _CYTOGENETIC_INPUTS
    reader = _Reader(case, row)
    if all(reader.entry(i).is_empty for i in inputs):
        return _not_evaluable("no karyotype in this assessment", inputs)
    pct = reader.number("ph_positive_pct")
    # The count is asked only with a Ph+ %: without one, it is not a second problem.
    metaphases = reader.integer("metaphases_counted") if pct is not None else None
    if reader.problems or pct is None or metaphases is None:
        return reader.not_evaluable(inputs)
    try:
        result = cytogenetic_response(pct, metaphases)
    except ClinicalValueError as error:
        return _refused(error, inputs)
    if metaphases == 0:
        return _not_evaluable("no metaphases analysed", inputs)
    if result.category is None:
        return _not_evaluable(
            f"{metaphases} metaphases, fewer than {MIN_METAPHASES}: {result.best_possible} to "
            f"{result.worst_possible}",
            inputs,
        )
    short = f", {metaphases} metaphases" if metaphases < MIN_METAPHASES else ""
    return Derived(f"{_CYTOGENETIC_WORDS[result.category]}{short}", result.category.value, inputs)


_MOLECULAR_INPUTS = ("bcr_abl_pct", "bcr_abl_is", "control_gene", "control_copies")


@dataclass(frozen=True)
class _Pcr:
    level: float | None
    undetectable: bool
    abl1_copies: int | None
    on_is: bool
    control_gene: str | None
    copies: int | None


def _pcr(reader: _Reader) -> _Pcr | None:
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
    return _Pcr(
        level=None if undetectable else level,
        undetectable=undetectable,
        # The copy thresholds of domain.md §2.3 are ABL1 copies; other control genes differ.
        abl1_copies=copies if gene == "ABL1" else None,
        on_is=bool(on_is),
        control_gene=gene,
        copies=copies,
    )


def _molecular(case: _Case, row: Row) -> Derived:
    inputs = _MOLECULAR_INPUTS
    reader = _Reader(case, row)
    if reader.entry("bcr_abl_pct").is_empty:
        return _not_evaluable("no BCR-ABL1 result in this assessment", inputs)
    pcr = _pcr(reader)
    if pcr is None:
        return reader.not_evaluable(inputs)
    try:
        result = molecular_response(
            pcr.level,
            undetectable=pcr.undetectable,
            abl1_copies=pcr.abl1_copies,
            international_scale=pcr.on_is,
        )
    except ClinicalValueError as error:
        return _refused(error, inputs)
    if result.category is None:
        return _not_evaluable("not on the International Scale", inputs)
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


def _phase(case: _Case, row: Row) -> Derived:
    inputs = _PHASE_INPUTS
    reader = _Reader(case, row)
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
        return _not_evaluable("no blood, marrow or karyotype values in this assessment", inputs)
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
        return _refused(error, inputs)
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


# --- toxicity (domain.md §4) -------------------------------------------------------------------

_CTCAE_INPUTS = ("ae_term", "ctcae_version", "ae_lab_value", "ae_grade")
_GRADED: dict[str, Callable[..., CtcaeGrade]] = {
    "NEUTROPENIA": neutropenia_grade,
    "THROMBOCYTOPENIA": thrombocytopenia_grade,
    "ANAEMIA": anaemia_grade,
}


def _ctcae_grade(case: _Case, row: Row) -> Derived:
    inputs = _CTCAE_INPUTS
    reader = _Reader(case, row)
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
        return _refused(error, inputs)
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


# --- imatinib: duration, dose intensity, interruptions (domain.md §5.1) ------------------------

_DURATION_INPUTS = ("imatinib_start_date", "failure_date", "imatinib_stop_date")


def _end_of_treatment(reader: _Reader) -> dt.date | None:
    """When imatinib stopped, else the failure date: where open-ended rows end."""
    return reader.date("imatinib_stop_date", optional=True) or reader.date(
        "failure_date", optional=True
    )


def _imatinib_duration(case: _Case, _row: Row) -> Derived:
    inputs = _DURATION_INPUTS
    reader = _Reader(case)
    start = reader.date("imatinib_start_date")
    failure = reader.date("failure_date", optional=True)
    stop = reader.date("imatinib_stop_date", optional=True)
    if reader.problems or start is None:
        return reader.not_evaluable(inputs)
    if failure is not None:
        end, until = failure, "to the failure date"
    elif stop is not None:
        end, until = stop, "to the stop of imatinib"
    else:
        return _not_evaluable("no failure date, and imatinib has not stopped", inputs)
    days = (end - start).days
    if days < 0:
        return _not_evaluable(f"the end ({end}) is before imatinib started ({start})", inputs)
    months = days / 30.4375
    return Derived(f"{days} days ({months:.1f} months), {until}", days, inputs)


_DOSE_INPUTS = (
    "dose_start_date",
    "dose_end_date",
    "dose_mg",
    "interruption_start_date",
    "interruption_end_date",
    "imatinib_stop_date",
    "failure_date",
)


@dataclass(frozen=True)
class _Span:
    start: dt.date
    end: dt.date  # included


def _interruption_spans(case: _Case, reader: _Reader, last_day: dt.date | None) -> list[_Span]:
    """Days without imatinib: from "Interrupted on" to the day before "Resumed on".

    One never resumed runs to ``last_day``. Problems are noted on ``reader``.
    """
    spans = []
    for index, row in enumerate(case.rows(INTERRUPTIONS), start=1):
        row_reader = _Reader(case, row)
        start = row_reader.date("interruption_start_date")
        resumed = row_reader.date("interruption_end_date", optional=True)
        if row_reader.problems or start is None:
            pass  # noted below
        elif resumed is not None and resumed < start:
            row_reader.problems.append("resumed before it was interrupted")
        elif resumed is not None:
            spans.append(_Span(start, resumed - dt.timedelta(days=1)))
        elif last_day is not None:
            spans.append(_Span(start, max(last_day, start)))
        else:
            row_reader.problems.append("not resumed, and imatinib has not stopped")
        reader.problems.extend(f"interruption {index}: {p}" for p in row_reader.problems)
    return spans


def _dose_intensity(case: _Case, _row: Row) -> Derived:
    inputs = _DOSE_INPUTS
    reader = _Reader(case)
    treatment_end = _end_of_treatment(reader)
    doses: list[tuple[_Span, int]] = []
    for index, row in enumerate(case.rows(DOSES), start=1):
        row_reader = _Reader(case, row)
        start = row_reader.date("dose_start_date")
        end = row_reader.date("dose_end_date", optional=True) or treatment_end
        mg = row_reader.integer("dose_mg")
        if end is None and not row_reader.problems:
            row_reader.problems.append("no end date, and imatinib has not stopped")
        reader.problems.extend(f"dose {index}: {p}" for p in row_reader.problems)
        if start is not None and end is not None and mg is not None:
            doses.append((_Span(start, end), mg))
    if not reader.problems and not doses:
        return _not_evaluable("no dose history entered", inputs)
    first = min((span.start for span, _mg in doses), default=None)
    last = max((span.end for span, _mg in doses), default=None)
    interruptions = _interruption_spans(case, reader, last)
    if reader.problems or first is None or last is None:
        return reader.not_evaluable(inputs)
    if last < first:
        return _not_evaluable("the dose history ends before it starts", inputs)
    period = set(_days(first, last))
    daily: dict[dt.date, int] = {}
    # Sorted by start, so that at an overlap the dose that started later wins.
    for span, mg in sorted(doses, key=lambda dose: dose[0].start):
        daily.update((day, mg) for day in _days(span.start, span.end))
    stopped: set[dt.date] = set().union(*(_days(s.start, s.end) for s in interruptions))
    interrupted = period & stopped
    uncovered = period - daily.keys() - interrupted
    total_mg = sum(mg for day, mg in daily.items() if day in period and day not in interrupted)
    days = len(period)
    intensity = total_mg / days
    text = f"{intensity:.1f} mg/day over {days} days ({first} to {last})"
    if interrupted:
        text += f"; {len(interrupted)} days interrupted"
    if uncovered:
        text += f"; {len(uncovered)} days without a dose entered, counted as 0 mg"
    return Derived(text, intensity, inputs)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from ``first`` to ``last``, both included (none when ``last`` is earlier)."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


_INTERRUPTION_INPUTS = (
    "interruption_start_date",
    "interruption_end_date",
    "imatinib_stop_date",
    "failure_date",
)


def _long_interruptions(case: _Case, _row: Row) -> Derived:
    inputs = _INTERRUPTION_INPUTS
    reader = _Reader(case)
    end = _end_of_treatment(reader)
    # A span's end is the last day without imatinib: its length is end − start + 1 days.
    lengths = [(s.end - s.start).days + 1 for s in _interruption_spans(case, reader, end)]
    if reader.problems:
        return reader.not_evaluable(inputs)
    long = [n for n in lengths if n > LONG_INTERRUPTION_DAYS]
    longest = max(lengths, default=0)
    if long:
        return Derived(f"{len(long)} (longest {longest} days)", (len(long), longest), inputs)
    if lengths:
        return Derived(f"none (longest {longest} days)", (0, longest), inputs)
    return Derived("none", (0, 0), inputs)


# --- Form A (domain.md §3.5) -------------------------------------------------------------------

_FORM_A_INPUTS = (
    "imatinib_start_date",
    "assessment_date",
    *_CHR_INPUTS,
    *_CYTOGENETIC_INPUTS,
    *_MOLECULAR_INPUTS,
    "bm_blasts",
    "extramedullary_disease",
    "new_aca",
    "imatinib_stop_date",
    "imatinib_stop_reason",
    "ae_action",
    "ae_grade",
)


def _series(case: _Case) -> tuple[list[DatedAssessment], list[str]]:
    """The assessment rows as the ELN and Form A rules take them, and the rows left out."""
    series: list[DatedAssessment] = []
    notes: list[str] = []
    for index, row in enumerate(case.rows(ASSESSMENTS), start=1):
        reader = _Reader(case, row)
        on = reader.date("assessment_date")
        if on is None:
            notes.append(f"assessment {index} left out: {', '.join(reader.problems)}")
            continue
        chr_value = _chr(case, row).value
        phase_value = _phase(case, row).value
        karyotype = _karyotype(case, row)
        pcr = _usable_pcr(case, row)
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


def _karyotype(case: _Case, row: Row) -> tuple[float, int] | None:
    """Ph+ % and metaphases when both are usable, even if too few for a category.

    A short count has no category but can still decide a milestone (15 of 15 Ph+ is > 35 %).
    """
    reader = _Reader(case, row)
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


def _usable_pcr(case: _Case, row: Row) -> _Pcr | None:
    """The PCR result when molecular_response accepts it (off the IS it has no category)."""
    reader = _Reader(case, row)
    if reader.entry("bcr_abl_pct").is_empty:
        return None
    pcr = _pcr(reader)
    if pcr is None:
        return None
    try:
        molecular_response(
            pcr.level,
            undetectable=pcr.undetectable,
            abl1_copies=pcr.abl1_copies,
            international_scale=pcr.on_is,
        )
    except ClinicalValueError:
        return None
    return pcr


def assessment_series(values: CaseValues) -> list[DatedAssessment]:
    """The case's assessment rows as :class:`~cmlentry.domain.response.DatedAssessment` records.

    Each row gives its date; CHR and the phase as the derived items compute them (see the module
    docstring for the mapping); the karyotype, the PCR result and new ACA in Ph+ cells when they
    are usable. A row without a full date is left out; an unusable part of a row (e.g. a Ph+ %
    without its metaphase count) is left out of that row.

    Args:
        values: The case's answers, form id -> group id -> rows.

    Returns:
        The records, in the order of the rows.
    """
    return _series(_Case(values))[0]


def _discontinuation(case: _Case) -> Discontinuation | None:
    reader = _Reader(case)
    stopped = reader.date("imatinib_stop_date", optional=True)
    if stopped is None:
        return None
    if reader.code("imatinib_stop_reason", optional=True) != "TOX":
        return Discontinuation(stopped, because_of_toxicity=False)
    worst: tuple[int, str, CtcaeVersion | None] | None = None
    for row in case.rows(ADVERSE_EVENTS):
        event = _Reader(case, row)
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
    return _discontinuation(_Case(values))


def form_a_label(reason: FormAReason, definition: FormDefinition | None = None) -> str:
    """The label the form gives ``reason`` (its code list), or the calculation's own name."""
    code = _FORM_A_CODE_OF[reason]
    if definition is not None and "form_a_reason" in definition.codelists:
        return definition.codelists["form_a_reason"].get(code, reason.value)
    return reason.value


def _form_a_reasons(case: _Case, _row: Row) -> Derived:
    inputs = _FORM_A_INPUTS
    reader = _Reader(case)
    start = reader.date("imatinib_start_date")
    if reader.problems or start is None:
        return reader.not_evaluable(inputs)
    series, notes = _series(case)
    try:
        found = supported_form_a_reasons(start, series, _discontinuation(case))
    except ClinicalValueError as error:  # pragma: no cover - the series is checked row by row
        return _refused(error, inputs)
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


# --- the bridge ---------------------------------------------------------------------------------

_Calculation = Callable[[_Case, Row], Derived]
CALCULATIONS: Mapping[str, _Calculation] = {
    "sokal": lambda case, _row: _score(case, "sokal"),
    "hasford": lambda case, _row: _score(case, "hasford"),
    "eutos": lambda case, _row: _score(case, "eutos"),
    "elts": lambda case, _row: _score(case, "elts"),
    "chr": _chr,
    "cytogenetic_response": _cytogenetic,
    "molecular_response": _molecular,
    "phase": _phase,
    "ctcae_grade": _ctcae_grade,
    "imatinib_duration": _imatinib_duration,
    "dose_intensity": _dose_intensity,
    "long_interruptions": _long_interruptions,
    "form_a_reasons": _form_a_reasons,
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
    case = _Case(values, definition)
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
