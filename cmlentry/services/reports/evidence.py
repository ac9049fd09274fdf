"""The dated events, contacts and transplant a case record documents (for :mod:`.endpoints`).

:class:`CaseEvidence` reads them once from the case's answers; :mod:`.endpoints` decides which
of them end a follow-up under the options chosen. Each piece of evidence says where it is
documented ("follow-up visit 2", "assessment 3 (phase reported)") by row number, never by value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.derived import ASSESSMENTS
from cmlentry.domain.derived.answers import AnswerReader
from cmlentry.domain.response import Phase, response_history
from cmlentry.domain.validation import Row
from cmlentry.domain.values import Entry, date_of
from cmlentry.services.reports.records import FOLLOW_UP, CaseView, impute

ADVANCED_PHASES = frozenset({"AP", "BC"})


class EventKind(StrEnum):
    """What ended a follow-up with an event."""

    PROGRESSION = "progression"
    DEATH = "death"
    LOSS_OF_CHR = "loss_of_chr"
    LOSS_OF_MCYR = "loss_of_mcyr"
    LOSS_OF_CCYR = "loss_of_ccyr"
    DISCONTINUATION = "discontinuation"


@dataclass(frozen=True)
class Evidence:
    """One dated event the case documents; ``source`` says where (row numbers, never values)."""

    kind: EventKind
    on: dt.date
    source: str
    imputed: bool = False


_FORM_A_EVENTS = {
    "PROGRESSION": EventKind.PROGRESSION,
    "HAEM_RELAPSE": EventKind.LOSS_OF_CHR,
    "CYTO_RELAPSE LOSS_CCYR": EventKind.LOSS_OF_CCYR,
    "CYTO_RELAPSE LOSS_MCYR": EventKind.LOSS_OF_MCYR,
}


class CaseEvidence:
    """The events, contacts and transplant a case documents, read once."""

    def __init__(self, view: CaseView, origin: dt.date) -> None:
        self.view = view
        self.case = view.answers
        self.singles = view.singles
        self.origin = origin
        self.evidence: list[Evidence] = []
        self.undated: list[tuple[EventKind, str]] = []
        self.visits = list(enumerate(self.case.rows(FOLLOW_UP), start=1))
        self.assessments = list(enumerate(self.case.rows(ASSESSMENTS), start=1))
        self._assessed_phases()
        self._visits()
        self._form_a()
        self._responses()
        self._discontinuation()

    def _reader(self, row: Row | None = None) -> AnswerReader:
        return AnswerReader(self.case, self.singles if row is None else row)

    def _add(self, kind: EventKind, reader: AnswerReader, item_id: str, source: str) -> None:
        on = reader.date(item_id)
        if on is None:
            self.undated.append((kind, f"{source}: {'; '.join(reader.problems)}"))
        else:
            self.evidence.append(Evidence(kind, on, source))

    def _assessed_phases(self) -> None:
        for (index, row), phase in zip(self.assessments, self.view.phases, strict=True):
            reader = self._reader(row)
            reported = reader.code("phase_reported", optional=True) in ADVANCED_PHASES
            computed = phase in (Phase.ACCELERATED, Phase.BLAST)
            if reported or computed:
                how = "reported" if reported else "computed from its values"
                source = f"assessment {index} (phase {how})"
                self._add(EventKind.PROGRESSION, reader, "assessment_date", source)

    def _visits(self) -> None:
        alive = max((on for on, _ in self._contacts(alive_only=True)), default=None)
        for index, row in self.visits:
            reader = self._reader(row)
            source = f"follow-up visit {index}"
            if reader.code("progression", optional=True) == "Y":
                self._partial(reader, "progression_date", EventKind.PROGRESSION, source, None)
            if reader.code("vital_status", optional=True) == "DEAD":
                self._partial(reader, "death_date", EventKind.DEATH, source, alive)

    def _partial(
        self,
        reader: AnswerReader,
        item_id: str,
        kind: EventKind,
        source: str,
        seen_alive: dt.date | None,
    ) -> None:
        date = reader.partial_date(item_id)
        if date is None:
            self.undated.append((kind, f"{source}: {'; '.join(reader.problems)}"))
            return
        # A death cannot precede the last day the patient was seen alive.
        after = max(self.origin, seen_alive) if seen_alive else self.origin
        on, imputed = impute(date, after=after)
        self.evidence.append(Evidence(kind, on, source, imputed))

    def _form_a(self) -> None:
        reader = self._reader()
        reason = reader.code("form_a_reason", optional=True) or ""
        if reason == "CYTO_RELAPSE":
            reason += f" {reader.code('cyto_relapse_kind', optional=True)}"
        kind = _FORM_A_EVENTS.get(reason)
        if kind is not None:
            self._add(kind, reader, "failure_date", "Form A reason")

    def _responses(self) -> None:
        history = response_history(self.origin, self.view.series)
        losses = {
            EventKind.LOSS_OF_CHR: history.loss_of_chr,
            EventKind.LOSS_OF_CCYR: history.loss_of_ccyr,
            EventKind.LOSS_OF_MCYR: history.loss_of_mcyr,
        }
        for kind, finding in losses.items():
            if finding is not None:
                # Dated by the first determination showing the loss, not the confirming one.
                source = "assessments (confirmed loss)"
                self.evidence.append(Evidence(kind, finding.first_seen, source))

    def _discontinuation(self) -> None:
        if self.singles.get("imatinib_stop_date", Entry()).missing == "NA":
            return  # still on imatinib
        self._add(
            EventKind.DISCONTINUATION, self._reader(), "imatinib_stop_date", "imatinib stopped"
        )

    def _contacts(self, *, alive_only: bool) -> list[tuple[dt.date, str]]:
        found: list[tuple[dt.date, str]] = []
        for index, row in self.assessments:
            on = _full_date(row.get("assessment_date"))
            if on is not None:
                found.append((on, f"assessment {index}"))
        for index, row in self.visits:
            dead = row.get("vital_status", Entry()).value == "DEAD"
            on = _full_date(row.get("last_contact_date"))
            if on is not None and not (alive_only and dead):
                found.append((on, f"follow-up visit {index}"))
        return found

    def last_contact(self) -> tuple[dt.date, str] | None:
        """The latest dated follow-up visit or assessment, and where it is."""
        return max(self._contacts(alive_only=False), key=lambda c: c[0], default=None)

    def transplant(self) -> tuple[dt.date, str] | str | None:
        """The transplant's date and source; a phrase when it has no usable date; None if none."""
        dated: list[tuple[dt.date, str]] = []
        undated: list[str] = []
        reader = self._reader()
        if reader.code("next_treatment", optional=True) == "ALLO_SCT":
            on = reader.date("decision_date")
            if on is None:
                undated.append(f"decision after failure: {'; '.join(reader.problems)}")
            else:
                dated.append((on, "decision after failure"))
        for index, row in self.visits:
            if row.get("current_therapy", Entry()).value == "ALLO_SCT":
                on = _full_date(row.get("last_contact_date"))
                if on is None:
                    undated.append(f"follow-up visit {index}: no usable date of last contact")
                else:
                    dated.append((on, f"follow-up visit {index}"))
        if dated:
            return min(dated, key=lambda d: d[0])
        return "; ".join(undated) if undated else None


def _full_date(entry: Entry | None) -> dt.date | None:
    date = date_of(entry) if entry is not None else None
    return date.earliest if date is not None and date.is_complete else None
