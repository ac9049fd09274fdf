"""Why a patient is left out of an end point: a reason to count by, and the answers at fault.

No patient is ever dropped from a report silently: each end point either has a value for a
patient or an :class:`Excluded`, and the report counts the exclusions by :class:`Exclusion`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Exclusion(StrEnum):
    """Why a patient is left out of one end point (counted and reported by reason)."""

    NO_ORIGIN = "no_origin"
    ADVANCED_AT_ORIGIN = "advanced_at_origin"
    DEAD_AT_ORIGIN = "dead_at_origin"
    UNDATED_EVENT = "undated_event"
    NO_LAST_CONTACT = "no_last_contact"
    CONTACT_BEFORE_ORIGIN = "contact_before_origin"
    TRANSPLANT_UNDATED = "transplant_undated"
    TRANSPLANT_AT_ORIGIN = "transplant_at_origin"
    NO_IMATINIB_START = "no_imatinib_start"
    NO_BLOOD_COUNT = "no_blood_count"
    NO_MARROW_AT_12_MONTHS = "no_marrow_at_12_months"
    SOKAL_NOT_EVALUABLE = "sokal_not_evaluable"
    INTERRUPTION_UNDATED = "interruption_undated"

    @property
    def label(self) -> str:
        return _EXCLUSION_LABELS[self]


_EXCLUSION_LABELS = {
    Exclusion.NO_ORIGIN: "no usable date for the origin",
    Exclusion.ADVANCED_AT_ORIGIN: "in accelerated phase or blast crisis at or before the origin",
    Exclusion.DEAD_AT_ORIGIN: "died on or before the origin",
    Exclusion.UNDATED_EVENT: "an event of the set without a usable date",
    Exclusion.NO_LAST_CONTACT: "no date of last contact and no event",
    Exclusion.CONTACT_BEFORE_ORIGIN: "last contact before the origin and no event",
    Exclusion.TRANSPLANT_UNDATED: "allogeneic transplant without a usable date",
    Exclusion.TRANSPLANT_AT_ORIGIN: "allogeneic transplant on or before the origin",
    Exclusion.NO_IMATINIB_START: "no usable imatinib start date",
    Exclusion.NO_BLOOD_COUNT: "no blood count on imatinib that shows CHR or its absence",
    Exclusion.NO_MARROW_AT_12_MONTHS: "no evaluable karyotype 11 to 13.5 months into imatinib",
    Exclusion.SOKAL_NOT_EVALUABLE: "Sokal score not evaluable",
    Exclusion.INTERRUPTION_UNDATED: "an interruption for toxicity without usable dates",
}


@dataclass(frozen=True)
class Excluded:
    """A patient left out of one end point: the reason, and the answers at fault in words."""

    reason: Exclusion
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason.label}: {self.detail}" if self.detail else self.reason.label
