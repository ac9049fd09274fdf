"""The registry's end points for each patient, from the case records (issue 7, domain.md §7).

This is the entry point of the reports' statistical core::

    from cmlentry.services.reports.endpoints import EndpointOptions, EventSet, derive_endpoints

    patients = derive_endpoints(records, EndpointOptions(event_set=EventSet.AP_BC))

Each :class:`PatientEndpoints` holds the progression-free survival time under the options
chosen (:mod:`.pfs`) and the trial abstract's other end points (:mod:`.findings`). Any end point
the data cannot decide for a patient is an :class:`Excluded` with its reason, never a silent gap;
partial dates are imputed as :mod:`.records` says. :mod:`.abstract` turns the patients into the
report's figures with :mod:`cmlentry.domain.survival`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cmlentry.domain.forms import FormDefinition
from cmlentry.services.reports.evidence import EventKind
from cmlentry.services.reports.exclusions import Excluded, Exclusion
from cmlentry.services.reports.findings import Cytopenia, PatientFindings, patient_findings
from cmlentry.services.reports.pfs import (
    CensorKind,
    EndpointOptions,
    EventSet,
    Origin,
    PfsTime,
    pfs_time,
)
from cmlentry.services.reports.records import CaseView, Record, case_values

__all__ = [
    "CensorKind",
    "Cytopenia",
    "EndpointOptions",
    "EventKind",
    "EventSet",
    "Excluded",
    "Exclusion",
    "Origin",
    "PatientEndpoints",
    "PatientFindings",
    "PfsTime",
    "derive_endpoints",
    "patient_endpoints",
]


@dataclass(frozen=True)
class PatientEndpoints:
    """One patient's end points.

    Attributes:
        registry_id: The case's registry ID (pseudonym).
        pfs: The survival time under the options chosen, or why there is none.
        findings: Sokal group, CHR, cytogenetic response at 12 months, cytopenias,
            interruptions for toxicity.
    """

    registry_id: str
    pfs: PfsTime | Excluded
    findings: PatientFindings


def patient_endpoints(
    record: Record,
    options: EndpointOptions | None = None,
    definition: FormDefinition | None = None,
) -> PatientEndpoints:
    """The end points of one case record (as :func:`~cmlentry.services.batches.record.record_of`
    gives it, or as the registry stores it).

    Args:
        record: The case record.
        options: Event set, origin and censoring for the survival time (the defaults if None).
        definition: The form definition, whose item labels name the answers at fault in an
            exclusion (item ids without it).
    """
    view = CaseView.of(case_values(record), definition)
    return PatientEndpoints(
        registry_id=str(record.get("id", "")),
        pfs=pfs_time(view, options or EndpointOptions()),
        findings=patient_findings(view),
    )


def derive_endpoints(
    records: Iterable[Record],
    options: EndpointOptions | None = None,
    definition: FormDefinition | None = None,
) -> tuple[PatientEndpoints, ...]:
    """:func:`patient_endpoints` of every record, in their order."""
    return tuple(patient_endpoints(record, options, definition) for record in records)
