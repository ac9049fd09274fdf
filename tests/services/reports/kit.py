"""Hand-made case records whose end points are known, for the report tests.

:data:`BASE` is one complete case with a known history (T0 = imatinib start 2005-04-01):

* baseline before any treatment, age 49 at diagnosis (born 1955-04, diagnosed 2005-03),
  spleen 5 cm, platelets 450, blasts 2 %: Sokal 0.94, intermediate;
* assessment 1, 2005-05-02: counts in CHR (chronic phase);
* assessment 2, 2006-04-03 (12.1 months): Ph+ 0 of 20 metaphases, CCyR;
* assessments 3 and 4, 2006-10-02 and 2007-01-08: Ph+ 10 % then 20 %: loss of CCyR first seen
  2006-10-02, confirmed 2007-01-08 (still MCyR);
* imatinib stopped 2007-01-08 for failure; Form A: cytogenetic relapse (loss of CCyR), failure
  2007-01-08, registered 2007-02-01; decision dasatinib on 2007-01-20;
* follow-up visit 1: last contact 2008-06-01, alive, no progression.

:func:`record` turns (a changed copy of) it into the record ``record_of`` gives, checked with
the registry's strict record check, so every test reads a record exactly as the registry stores.
"""

from __future__ import annotations

import copy
import datetime as dt

from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.values import Entry
from cmlentry.services.batches.record import Record, check_record, record_of
from cmlentry.services.cases import CaseData, FormData, RowData
from cmlentry.services.definitions import installed_definitions

DEFINITION = installed_definitions().current
T0 = dt.date(2005, 4, 1)
LAST_CONTACT = dt.date(2008, 6, 1)
LOSS_OF_CCYR = dt.date(2006, 10, 2)
FAILURE = dt.date(2007, 1, 8)
REGISTRATION = dt.date(2007, 2, 1)

Forms = dict[str, dict[str, list[dict[str, Entry]]]]


def E(value: str | None = None, missing: str | None = None) -> Entry:
    return Entry(value, missing)  # type: ignore[arg-type]


BASE: Forms = {
    "patient": {
        "patient": [
            {
                "sex": E("F"),
                "birth_year": E("1955"),
                "birth_month": E("4"),
                "prospective_study": E("N"),
            }
        ]
    },
    "diagnosis": {
        "diagnosis": [
            {
                "diagnosis_date": E("2005-03"),
                "phase_at_diagnosis": E("CP"),
                "baseline_untreated": E("Y"),
            }
        ],
        "baseline": [
            {
                "wbc": E("85"),
                "haemoglobin": E("11.2"),
                "platelets": E("450"),
                "pb_blasts": E("2"),
                "pb_basophils": E("3"),
                "pb_eosinophils": E("2"),
                "spleen_cm": E("5"),
            }
        ],
        "karyotype": [{"aca_at_diagnosis": E("N")}],
    },
    "prior_therapy": {
        "prior_therapy": [
            {"prior_interferon": E("N"), "prior_hydroxyurea": E("Y"), "prior_other": E("N")}
        ]
    },
    "imatinib": {
        "imatinib": [
            {
                "imatinib_start_date": E("2005-04-01"),
                "imatinib_first_line": E("Y"),
                "phase_at_imatinib_start": E("CP"),
                "imatinib_stop_date": E("2007-01-08"),
                "imatinib_stop_reason": E("FAIL"),
            }
        ],
        "doses": [
            {
                "dose_start_date": E("2005-04-01"),
                "dose_end_date": E("2007-01-08"),
                "dose_mg": E("400"),
                "dose_change_reason": E("START"),
            }
        ],
    },
    "assessments": {
        "assessment": [
            {
                "assessment_date": E("2005-05-02"),
                "a_wbc": E("6"),
                "a_platelets": E("250"),
                "a_pb_basophils": E("1"),
                "a_immature_cells": E("N"),
                "a_spleen_cm": E("0"),
                "phase_reported": E("CP"),
            },
            {
                "assessment_date": E("2006-04-03"),
                "ph_positive_pct": E("0"),
                "metaphases_counted": E("20"),
                "phase_reported": E("CP"),
            },
            {
                "assessment_date": E("2006-10-02"),
                "ph_positive_pct": E("10"),
                "metaphases_counted": E("20"),
                "phase_reported": E("CP"),
            },
            {
                "assessment_date": E("2007-01-08"),
                "ph_positive_pct": E("20"),
                "metaphases_counted": E("20"),
                "phase_reported": E("CP"),
            },
        ]
    },
    "registration": {
        "registration": [
            {
                "registration_date": E("2007-02-01"),
                "form_a_reason": E("CYTO_RELAPSE"),
                "cyto_relapse_kind": E("LOSS_CCYR"),
                "failure_date": E("2007-01-08"),
            }
        ]
    },
    "decision": {
        "decision": [
            {
                "next_treatment": E("DASATINIB"),
                "decision_date": E("2007-01-20"),
                "mutation_analysis": E("N"),
                "next_dose_mg": E("140"),
            }
        ]
    },
    "follow_up": {
        "follow_up": [
            {
                "last_contact_date": E("2008-06-01"),
                "vital_status": E("ALIVE"),
                "progression": E("N"),
            }
        ]
    },
}


def forms(**changes: Entry | None) -> Forms:
    """:data:`BASE` with answers changed: ``form__group__N__item=E(...)`` (N from 1), or
    ``form__group__item`` for row 1; None removes the answer. A row past the end is added."""
    values = copy.deepcopy(BASE)
    for key, entry in changes.items():
        form, group, *rest = key.split("__")
        index = int(rest[0]) - 1 if len(rest) == 2 else 0
        rows = values.setdefault(form, {}).setdefault(group, [])
        while len(rows) <= index:
            rows.append({})
        if entry is None:
            rows[index].pop(rest[-1], None)
        else:
            rows[index][rest[-1]] = entry
    return values


def record(values: Forms | None = None, serial: int = 1) -> Record:
    """The record ``record_of`` gives for a complete case with these answers (checked)."""
    case = CaseData(
        str(RegistryId("FR", "086", serial)),
        "complete",
        {
            form_id: FormData(
                form_id,
                "complete",
                DEFINITION.version,
                {g: [RowData(i, dict(r)) for i, r in enumerate(rs, 1)] for g, rs in groups.items()},
            )
            for form_id, groups in (BASE if values is None else values).items()
        },
    )
    return check_record(record_of(case, DEFINITION.oid), DEFINITION)


def months(first: dt.date, last: dt.date) -> float:
    """Months as the ELN milestones count them: days / 30.4375."""
    return (last - first).days / 30.4375
