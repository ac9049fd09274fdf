"""Progression-free survival of one case, from its record, under the options a user chose (§7).

**Options** (:class:`EndpointOptions`): the event set (:class:`EventSet`, domain.md §7.1
[DESIGN]), the time origin (:class:`Origin`: imatinib start, or the failure or registration date
for outcomes after failure) and whether follow-up is censored at an allogeneic transplant.

**Events**, each dated, the earliest after the origin ending the follow-up:

* progression to AP/BC: an assessment whose phase, as reported or as computed from its values
  (MDACC/ELN, :mod:`cmlentry.domain.derived.assessments`), is AP or BC; a follow-up visit that
  reports progression (its date of progression); Form A reason "progression" (the failure date);
* death: a follow-up visit with status dead (its date of death);
* loss of CHR, of MCyR, of CCyR: the first determination showing the loss, once confirmed as
  ELN 2006 asks (:func:`~cmlentry.domain.response.response_history`, scanning from the origin,
  so a response must be documented after the origin before it can be lost); Form A reasons
  "haematological relapse" and "cytogenetic relapse" with a loss of CCyR or MCyR (the failure
  date);
* discontinuation: the date imatinib stopped, whatever the reason.

**Censoring** at the last contact: the latest follow-up visit or assessment date. A death that is
not an event of the set censors at the date of death. With ``censor_at_transplant`` an
allogeneic transplant censors too, dated by the decision for it (the form records the decision,
not the transplant) or by the first follow-up visit on it, whichever comes first.

**Exclusions**, never silent: a patient whose data cannot give a time is left out with an
:class:`Excluded` naming the reason (:class:`Exclusion`) and the answers at fault. Progression or
death documented on or before the origin excludes the patient (already in AP/BC, or dead, at the
origin); so does an event of the set reported without a usable date, since it might come first.
Losses and a discontinuation on or before the origin are history, not events: they are what
brought a patient into an analysis from the failure date. Partial dates are imputed
(:mod:`.records`), and a time that used one says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.derived.answers import AnswerReader
from cmlentry.domain.response import DAYS_PER_MONTH
from cmlentry.services.reports.evidence import (
    ADVANCED_PHASES,
    CaseEvidence,
    EventKind,
)
from cmlentry.services.reports.exclusions import Excluded, Exclusion
from cmlentry.services.reports.records import CaseView


class CensorKind(StrEnum):
    """What ended a follow-up without an event."""

    LAST_CONTACT = "last_contact"
    DEATH = "death"  # a death that is not an event of the set
    TRANSPLANT = "transplant"


_RESPONSE_LOSSES = frozenset(
    {EventKind.LOSS_OF_CHR, EventKind.LOSS_OF_MCYR, EventKind.LOSS_OF_CCYR}
)


class EventSet(StrEnum):
    """Which events end a progression-free (or event-free) survival (domain.md §7.1)."""

    AP_BC = "ap_bc"
    AP_BC_DEATH = "ap_bc_death"
    PERSISTENT_RESPONSE = "persistent_response"
    EFS = "efs"

    @property
    def kinds(self) -> frozenset[EventKind]:
        progression = frozenset({EventKind.PROGRESSION})
        return {
            EventSet.AP_BC: progression,
            EventSet.AP_BC_DEATH: progression | {EventKind.DEATH},
            EventSet.PERSISTENT_RESPONSE: progression | _RESPONSE_LOSSES,
            EventSet.EFS: progression
            | _RESPONSE_LOSSES
            | {EventKind.DEATH, EventKind.DISCONTINUATION},
        }[self]

    @property
    def label(self) -> str:
        """The set in words, to print beside every result computed with it."""
        return {
            EventSet.AP_BC: "progression to AP/BC",
            EventSet.AP_BC_DEATH: "progression to AP/BC or death",
            EventSet.PERSISTENT_RESPONSE: (
                "progression to AP/BC or loss of CHR, MCyR or CCyR (persistent response)"
            ),
            EventSet.EFS: (
                "progression to AP/BC, loss of CHR, MCyR or CCyR, death or stop of imatinib (EFS)"
            ),
        }[self]


class Origin(StrEnum):
    """Where follow-up times start."""

    IMATINIB_START = "imatinib_start"
    FAILURE = "failure"
    REGISTRATION = "registration"

    @property
    def label(self) -> str:
        """The origin in words, to print beside every result measured from it."""
        return {
            Origin.IMATINIB_START: "start of imatinib",
            Origin.FAILURE: "failure (Form A failure date)",
            Origin.REGISTRATION: "registration (Form A date of registration)",
        }[self]

    @property
    def item(self) -> str:
        """The item holding the origin's date."""
        return {
            Origin.IMATINIB_START: "imatinib_start_date",
            Origin.FAILURE: "failure_date",
            Origin.REGISTRATION: "registration_date",
        }[self]


@dataclass(frozen=True)
class EndpointOptions:
    """The choices a survival end point is computed under; printed beside its results."""

    event_set: EventSet = EventSet.PERSISTENT_RESPONSE
    origin: Origin = Origin.IMATINIB_START
    censor_at_transplant: bool = False


@dataclass(frozen=True)
class PfsTime:
    """One patient's follow-up: from ``origin`` to ``end``, ended by an event or censored.

    Attributes:
        origin: The day follow-up starts.
        end: The day of the first event, or of censoring.
        event: The event that ended it; None when censored.
        censored: Why it was censored; None when it ended with an event.
        source: Where the end is documented, e.g. "follow-up visit 2".
        imputed: The end date was imputed from a partial date.
    """

    origin: dt.date
    end: dt.date
    event: EventKind | None
    censored: CensorKind | None
    source: str
    imputed: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.origin).days

    @property
    def months(self) -> float:
        """Days / 30.4375, the month of the ELN milestones (domain.md §3.5)."""
        return self.days / DAYS_PER_MONTH

    @property
    def observed(self) -> bool:
        return self.event is not None


def pfs_time(view: CaseView, options: EndpointOptions) -> PfsTime | Excluded:
    """The follow-up time and event of one case under ``options`` (see the module docstring).

    Args:
        view: The case (:meth:`.records.CaseView.of` its answers).
        options: Event set, origin, censoring at transplant.
    """
    reader = AnswerReader(view.answers, view.singles)
    origin = reader.date(options.origin.item)
    if origin is None:
        return Excluded(Exclusion.NO_ORIGIN, "; ".join(reader.problems))
    phase_at_start = reader.code("phase_at_imatinib_start", optional=True)
    if options.origin is Origin.IMATINIB_START and phase_at_start in ADVANCED_PHASES:
        return Excluded(Exclusion.ADVANCED_AT_ORIGIN, "phase when imatinib started")
    found = CaseEvidence(view, origin)
    refused = _refused(found, options, origin)
    if refused is not None:
        return refused
    stop = _stop(found, options, origin)
    if isinstance(stop, Excluded):
        return stop
    kinds = options.event_set.kinds
    events = sorted(
        (e for e in found.evidence if e.kind in kinds and e.on > origin), key=lambda e: e.on
    )
    if stop is not None:
        events = [e for e in events if e.on <= stop.end]
    if events:
        first = events[0]
        return PfsTime(origin, first.on, first.kind, None, first.source, first.imputed)
    if stop is not None:
        return stop
    contact = found.last_contact()
    if contact is None:
        return Excluded(Exclusion.NO_LAST_CONTACT, "no follow-up visit or assessment is dated")
    on, source = contact
    if on < origin:
        return Excluded(Exclusion.CONTACT_BEFORE_ORIGIN, source)
    return PfsTime(origin, on, None, CensorKind.LAST_CONTACT, source)


def _refused(found: CaseEvidence, options: EndpointOptions, origin: dt.date) -> Excluded | None:
    """Why the case cannot give a time whatever its follow-up: see "Exclusions" above."""
    undated = [why for kind, why in found.undated if kind in options.event_set.kinds]
    if undated:
        return Excluded(Exclusion.UNDATED_EVENT, "; ".join(undated))
    for evidence in sorted(found.evidence, key=lambda e: e.on):
        if evidence.on <= origin and evidence.kind is EventKind.PROGRESSION:
            return Excluded(Exclusion.ADVANCED_AT_ORIGIN, evidence.source)
        if evidence.on <= origin and evidence.kind is EventKind.DEATH:
            return Excluded(Exclusion.DEAD_AT_ORIGIN, evidence.source)
    return None


def _stop(
    found: CaseEvidence, options: EndpointOptions, origin: dt.date
) -> PfsTime | Excluded | None:
    """A censoring after which no event can count: a death outside the set, or a transplant."""
    stop: PfsTime | None = None
    deaths = sorted((e for e in found.evidence if e.kind is EventKind.DEATH), key=lambda e: e.on)
    if deaths and EventKind.DEATH not in options.event_set.kinds:
        death = deaths[0]
        stop = PfsTime(origin, death.on, None, CensorKind.DEATH, death.source, death.imputed)
    if not options.censor_at_transplant:
        return stop
    transplant = found.transplant()
    if isinstance(transplant, str):
        return Excluded(Exclusion.TRANSPLANT_UNDATED, transplant)
    if transplant is None:
        return stop
    on, source = transplant
    if on <= origin:
        return Excluded(Exclusion.TRANSPLANT_AT_ORIGIN, source)
    if stop is None or on < stop.end:
        return PfsTime(origin, on, None, CensorKind.TRANSPLANT, source)
    return stop
