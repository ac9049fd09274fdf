"""The prognostic scores at diagnosis (Sokal, Hasford, EUTOS, ELTS) from the baseline answers.

The scores themselves are computed by :mod:`cmlentry.domain.scores`; this module reads the
baseline answers, works out the age at diagnosis and formats the result (domain.md §1).

**Age at diagnosis** (Sokal, Hasford, ELTS) is in completed years from the year and month of
birth (the day is never recorded) and the date of diagnosis, which may be partial. When the data
allow two or more ages, the score is computed at the youngest and the oldest (every score rises
with age, so these bound it). If both give the same risk group, the value at the youngest age
(the age the patient had certainly reached) is reported and the text says the age is uncertain;
if the risk groups differ, the score is not evaluable.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from cmlentry.domain.clinical import settled
from cmlentry.domain.derived.answers import (
    AnswerReader,
    CaseAnswers,
    Derived,
    not_evaluable,
    refused,
)
from cmlentry.domain.response import ClinicalValueError
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
class AgeAtDiagnosis:
    youngest: int
    oldest: int
    why: str  # why it is uncertain, when it is

    def describe(self) -> str:
        joined = "or" if self.oldest - self.youngest == 1 else "to"
        return f"age {self.youngest} {joined} {self.oldest} at diagnosis, as {self.why}"


def _completed_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_at_diagnosis(reader: AnswerReader) -> AgeAtDiagnosis | None:
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
    return AgeAtDiagnosis(youngest, oldest, why)


def derive_score(case: CaseAnswers, name: str) -> Derived:
    """The score ``name`` (sokal, hasford, eutos or elts) from the baseline answers."""
    inputs = _SCORE_INPUTS[name]
    reader = AnswerReader(case)
    before = reader.yes_no("baseline_untreated")
    gate = baseline_scores(
        before_any_treatment=before, age=None, spleen_cm=None, platelets=None, blasts_pct=None
    )
    inputs_with_gate = ("baseline_untreated", *inputs)
    if isinstance(gate, ScoresNotEvaluable):
        return not_evaluable(gate.reason.value, inputs_with_gate)
    needs_age = name != "eutos"
    age = age_at_diagnosis(reader) if needs_age else AgeAtDiagnosis(0, 0, "")
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
        return refused(error, inputs_with_gate)
    if low.risk is not high.risk:
        return not_evaluable(
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
