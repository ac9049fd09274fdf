"""What the registry's tables read from one case record (issue 7, item 1; :mod:`.tables`).

:func:`case_facts` turns one :class:`CentralRecord` into a small :class:`CaseFacts`: the month of
registration, sex, age at diagnosis, prospective study participation, reason for registration,
imatinib start and highest dose, duration until failure and the decision after failure. A caller
streaming 100,000 records keeps the facts and drops each record. Where an answer cannot be
counted, the facts name the reason (:class:`LeftOutReason`) instead of guessing.

The answers are read as the case editor reads them (:class:`~cmlentry.domain.derived.answers.
AnswerReader`, :mod:`.records`): the age at diagnosis by the domain's rule, the duration by the
derived item "Days on imatinib until failure".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.derived import CALCULATIONS, DOSES
from cmlentry.domain.derived.answers import AnswerReader, CaseAnswers

# The domain's own rule for the age at diagnosis (completed years from the year and month of
# birth and a possibly partial date of diagnosis), so the report and the scores agree.
from cmlentry.domain.derived.scores import age_at_diagnosis
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.validation import CaseValues, Row
from cmlentry.domain.values import EMPTY
from cmlentry.services.reports.records import Record, case_values


@dataclass(frozen=True)
class CentralRecord:
    """The current record of one case at the registry, and where it comes from.

    Attributes:
        centre: The centre's code, e.g. ``FR-086``.
        country: The centre's country, e.g. ``FR``.
        record: The case record (:func:`~cmlentry.services.batches.record.record_of`).
        received: The day the registry first received the case (its registration month when
            Form A has no usable date of registration); None if unknown.
    """

    centre: str
    country: str
    record: Record
    received: dt.date | None = None

    @property
    def registry_id(self) -> str:
        return str(self.record.get("id", ""))


class LeftOutReason(StrEnum):
    """Why a patient is not counted in one table."""

    NO_REGISTRATION_MONTH = "no_registration_month"
    SEX_NOT_RECORDED = "sex_not_recorded"
    AGE_NOT_EVALUABLE = "age_not_evaluable"
    STUDY_UNKNOWN = "study_unknown"
    STUDY_NOT_RECORDED = "study_not_recorded"
    NO_REASON = "no_reason"
    NO_DOSE = "no_dose"
    START_DOSE_UNDATED = "start_dose_undated"
    DURATION_NOT_EVALUABLE = "duration_not_evaluable"
    NO_DECISION = "no_decision"

    @property
    def label(self) -> str:
        return _LEFT_OUT_LABELS[self]


_LEFT_OUT_LABELS = {
    LeftOutReason.NO_REGISTRATION_MONTH: "no date of registration and no date of receipt",
    LeftOutReason.SEX_NOT_RECORDED: "sex not entered",
    LeftOutReason.AGE_NOT_EVALUABLE: (
        "year of birth or date of diagnosis not entered or not valid, or diagnosis before birth"
    ),
    LeftOutReason.STUDY_UNKNOWN: "prospective study participation unknown",
    LeftOutReason.STUDY_NOT_RECORDED: "prospective study participation not entered",
    LeftOutReason.NO_REASON: "no reason for registration entered",
    LeftOutReason.NO_DOSE: "no daily dose in the dose history",
    LeftOutReason.START_DOSE_UNDATED: "no dose row with a usable 'From' date",
    LeftOutReason.DURATION_NOT_EVALUABLE: "imatinib start, failure or stop date not usable",
    LeftOutReason.NO_DECISION: "no decision after failure entered",
}


@dataclass(frozen=True)
class LeftOut:
    """The patients a table could not count for one reason, by registry ID."""

    reason: LeftOutReason
    registry_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.registry_ids)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the tables read from one case; None where a table leaves the case out (``gaps``)."""

    registry_id: str
    centre: str
    country: str
    registered: tuple[int, int] | None  # (year, month)
    registered_on_receipt: bool
    sex: str | None
    age: int | None
    age_uncertain: bool
    prospective_study: str | None
    reason: str | None
    start_dose: int | None
    highest_dose: int | None
    duration_days: int | None
    duration_until_stop: bool
    decision: str | None
    gaps: tuple[LeftOutReason, ...]


def case_facts(case: CentralRecord, definition: FormDefinition | None = None) -> CaseFacts:
    """What the tables need from one case record (``definition`` names items in problems)."""
    values = case_values(case.record)
    answers = CaseAnswers(values, definition)
    gaps: list[LeftOutReason] = []

    def code(where: tuple[str, str], item: str, missing: LeftOutReason) -> str | None:
        value = _row(values, *where).get(item, EMPTY).value
        if value is None:
            gaps.append(missing)
        return value

    registered, on_receipt = _registration_month(answers, values, case.received)
    if registered is None:
        gaps.append(LeftOutReason.NO_REGISTRATION_MONTH)
    sex = code(("patient", "patient"), "sex", LeftOutReason.SEX_NOT_RECORDED)
    age = age_at_diagnosis(AnswerReader(answers))
    if age is not None and age.youngest < 0:
        age = None  # diagnosed before the month of birth: an error of entry, not an age
    if age is None:
        gaps.append(LeftOutReason.AGE_NOT_EVALUABLE)
    study = _row(values, "patient", "patient").get("prospective_study", EMPTY)
    if study.value is None:
        unknown = study.missing == "UNK"
        gaps.append(LeftOutReason.STUDY_UNKNOWN if unknown else LeftOutReason.STUDY_NOT_RECORDED)
    reason = code(("registration", "registration"), "form_a_reason", LeftOutReason.NO_REASON)
    start, highest = _doses(answers, gaps)
    duration = CALCULATIONS["imatinib_duration"](answers, {}).value
    if not isinstance(duration, int):
        duration = None
        gaps.append(LeftOutReason.DURATION_NOT_EVALUABLE)
    has_failure = AnswerReader(answers).date("failure_date", optional=True) is not None
    decision = code(("decision", "decision"), "next_treatment", LeftOutReason.NO_DECISION)
    return CaseFacts(
        registry_id=case.registry_id,
        centre=case.centre,
        country=case.country,
        registered=registered,
        registered_on_receipt=on_receipt,
        sex=sex,
        age=None if age is None else age.youngest,
        age_uncertain=age is not None and age.youngest != age.oldest,
        prospective_study=study.value,
        reason=reason,
        start_dose=start,
        highest_dose=highest,
        duration_days=duration,
        duration_until_stop=duration is not None and not has_failure,
        decision=decision,
        gaps=tuple(gaps),
    )


def _row(values: CaseValues, form: str, group: str) -> Row:
    rows = values.get(form, {}).get(group, ())
    return rows[0] if rows else {}


def _registration_month(
    answers: CaseAnswers, values: CaseValues, received: dt.date | None
) -> tuple[tuple[int, int] | None, bool]:
    reader = AnswerReader(answers, _row(values, "registration", "registration"))
    day = reader.date("registration_date")
    if day is not None:
        return (day.year, day.month), False
    if received is not None:
        return (received.year, received.month), True
    return None, False


def _doses(answers: CaseAnswers, gaps: list[LeftOutReason]) -> tuple[int | None, int | None]:
    """The start dose (earliest "From"; the first such row on a tie) and the highest dose."""
    dated: list[tuple[dt.date, int]] = []
    doses: list[int] = []
    for row in answers.rows(DOSES):
        reader = AnswerReader(answers, row)
        mg = reader.integer("dose_mg")
        if mg is None:
            continue
        doses.append(mg)
        start = reader.date("dose_start_date")
        if start is not None:
            dated.append((start, mg))
    if not doses:
        gaps.append(LeftOutReason.NO_DOSE)
        return None, None
    if not dated:
        gaps.append(LeftOutReason.START_DOSE_UNDATED)
        return None, max(doses)
    return min(dated, key=lambda pair: pair[0])[1], max(doses)
