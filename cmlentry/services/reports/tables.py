"""The registry letter's tables, from the current record of every case (issue 7, item 1).

The information letter No. 5 (seeds/004) reports: patients registered over time (Fig. 1), the
sex split, the median age at diagnosis with its range, the share never included in prospective
studies and the reasons for registration (Tab. 1); the registry's research questions add the
imatinib dose and duration until failure and the decision after failure. Each is a frozen
dataclass here, built by :func:`registry_tables` from :class:`~.table_facts.CentralRecord` s in
two steps, so that a caller can stream 100,000 records: :func:`~.table_facts.case_facts` reads
the few answers the tables need from one record, :func:`tables_of` counts the facts.

**Denominators.** A code table (:class:`CodeSplit`) gives each row's share of *all* the patients
it covers, as Tab. 1 of the letter does (its percentages are of the 567 patients and add up to
86 %: the others had no reason of the list), and beside it the share of the patients with an
answer. A patient who cannot be counted in a table is listed in its ``left_out`` with the reason
(:class:`~.table_facts.LeftOutReason`), by registry ID: nobody disappears silently.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.response import DAYS_PER_MONTH
from cmlentry.services.reports.abstract import Proportion
from cmlentry.services.reports.table_facts import (
    CaseFacts,
    CentralRecord,
    LeftOut,
    LeftOutReason,
    case_facts,
)

__all__ = [
    "AgeAtDiagnosis",
    "CaseFacts",
    "CentralRecord",
    "CodeRow",
    "CodeSplit",
    "Distribution",
    "DoseTable",
    "ImatinibTreatment",
    "LeftOut",
    "LeftOutReason",
    "MonthCount",
    "ReasonsForRegistration",
    "RegistrationsOverTime",
    "RegistryTables",
    "case_facts",
    "code_split",
    "registry_tables",
    "tables_of",
]


@dataclass(frozen=True)
class MonthCount:
    """Patients registered in one month, and in all months up to it."""

    year: int
    month: int
    registered: int
    cumulative: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class RegistrationsOverTime:
    """Fig. 1: patients by month of registration, every month from the first to the last.

    Attributes:
        months: One per calendar month, none skipped (a month without registrations is 0).
        patients: Patients counted (the last cumulative figure).
        on_receipt: Of those, patients dated by the registry's first receipt of the case, as
            Form A had no usable date of registration.
        left_out: Patients with neither date.
    """

    months: tuple[MonthCount, ...]
    patients: int
    on_receipt: int
    left_out: tuple[LeftOut, ...]


@dataclass(frozen=True)
class CodeRow:
    """One answer of a code list: its share of all patients and of those who have an answer."""

    code: str
    label: str
    of_all: Proportion
    of_answered: Proportion


@dataclass(frozen=True)
class CodeSplit:
    """Patients by the answer to one coded question, in the order of the form's code list.

    Every code of the list has a row (0 when unused); a code the list does not know (a record
    entered under another version of the form) follows, labelled by its code.

    Attributes:
        patients: All the patients the table covers (the denominator of ``of_all``).
        answered: Those with an answer (the denominator of ``of_answered``).
        rows: One per code.
        left_out: The patients without an answer, by reason.
    """

    patients: int
    answered: int
    rows: tuple[CodeRow, ...]
    left_out: tuple[LeftOut, ...]

    def row(self, code: str) -> CodeRow:
        """The row of ``code`` (KeyError if the table has none)."""
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)


@dataclass(frozen=True)
class Distribution:
    """Median and range of one quantity over the patients who have it."""

    patients: int
    median: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class AgeAtDiagnosis:
    """Age at diagnosis in completed years.

    Attributes:
        years: Median and range.
        uncertain: Patients whose age is known only to within a year or two (month of birth
            unknown, partial date of diagnosis); the youngest possible age is counted, the age
            they had certainly reached, as the prognostic scores do.
        left_out: Patients without a usable year of birth or date of diagnosis.
    """

    years: Distribution
    uncertain: int
    left_out: tuple[LeftOut, ...]


@dataclass(frozen=True)
class DoseTable:
    """One imatinib daily dose per patient (mg/day): median, range and patients by dose."""

    mg: Distribution
    by_dose: tuple[tuple[int, Proportion], ...]  # ascending dose; of the patients with a dose
    left_out: tuple[LeftOut, ...]


@dataclass(frozen=True)
class ImatinibTreatment:
    """Imatinib until failure: start and highest dose, and the duration in months.

    Attributes:
        start_dose: The dose of the row of the dose history with the earliest "From" date.
        highest_dose: The highest dose of any row.
        escalated: Patients whose highest dose is above their start dose, of those with both.
        duration_months: From the start of imatinib to the failure date, else to its stop, as
            the case editor's "Days on imatinib until failure" (days / 30.4375).
        until_stop: Patients whose duration runs to the stop of imatinib (no failure date).
        duration_left_out: Patients without a duration.
    """

    start_dose: DoseTable
    highest_dose: DoseTable
    escalated: Proportion
    duration_months: Distribution
    until_stop: int
    duration_left_out: tuple[LeftOut, ...]


@dataclass(frozen=True)
class ReasonsForRegistration:
    """Tab. 1 (Form A): overall, per country and per centre (by code)."""

    overall: CodeSplit
    by_country: tuple[tuple[str, CodeSplit], ...]
    by_centre: tuple[tuple[str, CodeSplit], ...]


@dataclass(frozen=True)
class RegistryTables:
    """Every table of the letter, for ``patients`` patients."""

    patients: int
    registrations: RegistrationsOverTime
    sex: CodeSplit
    age_at_diagnosis: AgeAtDiagnosis
    prospective_study: CodeSplit  # "never included" is the row N
    reasons: ReasonsForRegistration
    imatinib: ImatinibTreatment
    decision: CodeSplit


# --- counting ---------------------------------------------------------------------------------


def registry_tables(records: Iterable[CentralRecord], definition: FormDefinition) -> RegistryTables:
    """Every table for ``records`` (:func:`case_facts` of each, then :func:`tables_of`)."""
    return tables_of([case_facts(record, definition) for record in records], definition)


def tables_of(facts: Sequence[CaseFacts], definition: FormDefinition) -> RegistryTables:
    """Every table for the patients ``facts`` describe; labels from ``definition``'s lists."""
    reasons = definition.codelists["form_a_reason"]
    return RegistryTables(
        patients=len(facts),
        registrations=_registrations(facts),
        sex=code_split(facts, lambda f: f.sex, definition.codelists["sex"], _SEX_GAPS),
        age_at_diagnosis=AgeAtDiagnosis(
            years=_distribution([f.age for f in facts if f.age is not None]),
            uncertain=sum(f.age is not None and f.age_uncertain for f in facts),
            left_out=_left_out(facts, (LeftOutReason.AGE_NOT_EVALUABLE,)),
        ),
        prospective_study=code_split(
            facts, lambda f: f.prospective_study, definition.codelists["yes_no"], _STUDY_GAPS
        ),
        reasons=ReasonsForRegistration(
            overall=_reason_split(facts, reasons),
            by_country=tuple(
                (key, _reason_split(group, reasons))
                for key, group in _grouped(facts, lambda f: f.country)
            ),
            by_centre=tuple(
                (key, _reason_split(group, reasons))
                for key, group in _grouped(facts, lambda f: f.centre)
            ),
        ),
        imatinib=_imatinib(facts),
        decision=code_split(
            facts,
            lambda f: f.decision,
            definition.codelists["next_treatment"],
            (LeftOutReason.NO_DECISION,),
        ),
    )


_SEX_GAPS = (LeftOutReason.SEX_NOT_RECORDED,)
_STUDY_GAPS = (LeftOutReason.STUDY_UNKNOWN, LeftOutReason.STUDY_NOT_RECORDED)


def _reason_split(facts: Sequence[CaseFacts], labels: Mapping[str, str]) -> CodeSplit:
    return code_split(facts, lambda f: f.reason, labels, (LeftOutReason.NO_REASON,))


def code_split(
    facts: Sequence[CaseFacts],
    answer: Callable[[CaseFacts], str | None],
    labels: Mapping[str, str],
    gaps: Sequence[LeftOutReason],
) -> CodeSplit:
    """Patients by ``answer`` in the order of ``labels`` (a code list), unknown codes after."""
    counts = Counter(a for a in map(answer, facts) if a is not None)
    answered = sum(counts.values())
    codes = [*labels, *sorted(set(counts) - set(labels))]
    return CodeSplit(
        patients=len(facts),
        answered=answered,
        rows=tuple(
            CodeRow(
                code,
                labels.get(code, code),
                Proportion(counts[code], len(facts)),
                Proportion(counts[code], answered),
            )
            for code in codes
        ),
        left_out=_left_out(facts, gaps),
    )


def _registrations(facts: Sequence[CaseFacts]) -> RegistrationsOverTime:
    counts = Counter(f.registered for f in facts if f.registered is not None)
    months: list[MonthCount] = []
    if counts:
        year, month = min(counts)
        last = max(counts)
        total = 0
        while (year, month) <= last:
            total += counts[(year, month)]
            months.append(MonthCount(year, month, counts[(year, month)], total))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return RegistrationsOverTime(
        months=tuple(months),
        patients=sum(counts.values()),
        on_receipt=sum(f.registered is not None and f.registered_on_receipt for f in facts),
        left_out=_left_out(facts, (LeftOutReason.NO_REGISTRATION_MONTH,)),
    )


def _imatinib(facts: Sequence[CaseFacts]) -> ImatinibTreatment:
    both = [
        (f.start_dose, f.highest_dose)
        for f in facts
        if f.start_dose is not None and f.highest_dose is not None
    ]
    days = [f.duration_days for f in facts if f.duration_days is not None]
    return ImatinibTreatment(
        start_dose=_dose_table(
            [f.start_dose for f in facts],
            _left_out(facts, (LeftOutReason.NO_DOSE, LeftOutReason.START_DOSE_UNDATED)),
        ),
        highest_dose=_dose_table(
            [f.highest_dose for f in facts], _left_out(facts, (LeftOutReason.NO_DOSE,))
        ),
        escalated=Proportion(sum(high > start for start, high in both), len(both)),
        duration_months=_distribution([d / DAYS_PER_MONTH for d in days]),
        until_stop=sum(f.duration_until_stop for f in facts),
        duration_left_out=_left_out(facts, (LeftOutReason.DURATION_NOT_EVALUABLE,)),
    )


def _dose_table(doses: Sequence[int | None], left_out: tuple[LeftOut, ...]) -> DoseTable:
    known = [d for d in doses if d is not None]
    counts = Counter(known)
    return DoseTable(
        mg=_distribution(known),
        by_dose=tuple((mg, Proportion(counts[mg], len(known))) for mg in sorted(counts)),
        left_out=left_out,
    )


def _distribution(values: Sequence[float]) -> Distribution:
    if not values:
        return Distribution(0, None, None, None)
    return Distribution(len(values), statistics.median(values), min(values), max(values))


def _left_out(facts: Iterable[CaseFacts], reasons: Sequence[LeftOutReason]) -> tuple[LeftOut, ...]:
    ids: dict[LeftOutReason, list[str]] = {reason: [] for reason in reasons}
    for fact in facts:
        for gap in fact.gaps:
            if gap in ids:
                ids[gap].append(fact.registry_id)
    return tuple(LeftOut(reason, tuple(found)) for reason, found in ids.items() if found)


def _grouped(
    facts: Iterable[CaseFacts], key: Callable[[CaseFacts], str]
) -> list[tuple[str, list[CaseFacts]]]:
    groups: dict[str, list[CaseFacts]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return sorted(groups.items())
