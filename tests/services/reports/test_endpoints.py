"""Progression-free survival of hand-made records whose answer is known (see kit.py's BASE)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cmlentry.domain.values import Entry
from cmlentry.services.batches.record import record_of
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.demo import plan_cases
from cmlentry.services.reports.endpoints import (
    CensorKind,
    EndpointOptions,
    EventKind,
    EventSet,
    Excluded,
    Exclusion,
    Origin,
    PfsTime,
    derive_endpoints,
    patient_endpoints,
)
from cmlentry.services.workspace import Workspace
from tests.services.reports.kit import (
    BASE,
    DEFINITION,
    FAILURE,
    LAST_CONTACT,
    LOSS_OF_CCYR,
    REGISTRATION,
    T0,
    E,
    forms,
    record,
)

AP_BC = EndpointOptions(EventSet.AP_BC)
AP_BC_DEATH = EndpointOptions(EventSet.AP_BC_DEATH)
PERSISTENT = EndpointOptions(EventSet.PERSISTENT_RESPONSE)
EFS = EndpointOptions(EventSet.EFS)

NO_LOSS = {  # assessments 3 and 4 keep CCyR: no loss of response anywhere
    "assessments__assessment__3__ph_positive_pct": E("0"),
    "assessments__assessment__4__ph_positive_pct": E("0"),
    "registration__registration__form_a_reason": E("TOXICITY"),
    "registration__registration__cyto_relapse_kind": None,
}


def pfs(options: EndpointOptions, **changes: Entry | None) -> PfsTime | Excluded:
    return patient_endpoints(record(forms(**changes)), options, DEFINITION).pfs


def timed(options: EndpointOptions, **changes: Entry | None) -> PfsTime:
    result = pfs(options, **changes)
    assert isinstance(result, PfsTime), result
    return result


def excluded(options: EndpointOptions, **changes: Entry | None) -> Excluded:
    result = pfs(options, **changes)
    assert isinstance(result, Excluded), result
    return result


# --- censoring and the event sets ---------------------------------------------------------------


def test_without_progression_ap_bc_is_censored_at_the_last_contact() -> None:
    got = timed(AP_BC)
    assert (got.origin, got.end, got.event, got.censored) == (
        T0,
        LAST_CONTACT,
        None,
        CensorKind.LAST_CONTACT,
    )
    assert got.days == (dt.date(2008, 6, 1) - dt.date(2005, 4, 1)).days == 1157
    assert got.months == pytest.approx(1157 / 30.4375)
    assert not got.observed and got.source == "follow-up visit 1"


@pytest.mark.parametrize("options", [PERSISTENT, EFS])
def test_a_confirmed_loss_of_ccyr_is_an_event_dated_when_first_seen(
    options: EndpointOptions,
) -> None:
    got = timed(options)
    assert (got.end, got.event, got.censored) == (LOSS_OF_CCYR, EventKind.LOSS_OF_CCYR, None)
    assert got.observed


def test_an_unconfirmed_loss_is_no_event() -> None:
    # Only one marrow shows Ph+ cells: the loss is never confirmed. Form A says no relapse.
    got = timed(PERSISTENT, **NO_LOSS | {"assessments__assessment__3__ph_positive_pct": E("10")})
    assert (got.end, got.censored) == (LAST_CONTACT, CensorKind.LAST_CONTACT)


def test_form_a_relapse_counts_when_the_assessments_do_not_show_it() -> None:
    changes = NO_LOSS | {
        "registration__registration__form_a_reason": E("CYTO_RELAPSE"),
        "registration__registration__cyto_relapse_kind": E("LOSS_MCYR"),
    }
    got = timed(PERSISTENT, **changes)
    assert (got.end, got.event, got.source) == (FAILURE, EventKind.LOSS_OF_MCYR, "Form A reason")


def test_a_loss_of_chr_is_an_event_of_the_persistent_response_set() -> None:
    lost = {
        "assessment_date": E("2005-09-01"),
        "a_wbc": E("25"),
        "a_platelets": E("300"),
        "a_pb_basophils": E("1"),
        "a_immature_cells": E("N"),
        "a_spleen_cm": E("0"),
        "phase_reported": E("CP"),
    }
    changes = NO_LOSS | {f"assessments__assessment__5__{k}": v for k, v in lost.items()}
    changes |= {f"assessments__assessment__6__{k}": v for k, v in lost.items()}
    changes["assessments__assessment__6__assessment_date"] = E("2005-10-03")
    got = timed(PERSISTENT, **changes)
    assert (got.end, got.event) == (dt.date(2005, 9, 1), EventKind.LOSS_OF_CHR)
    assert timed(AP_BC, **changes).censored is CensorKind.LAST_CONTACT


def test_efs_counts_the_stop_of_imatinib() -> None:
    got = timed(EFS, **NO_LOSS)
    assert (got.end, got.event, got.source) == (
        FAILURE,
        EventKind.DISCONTINUATION,
        "imatinib stopped",
    )
    still_on = {"imatinib__imatinib__imatinib_stop_date": E(missing="NA")}
    assert timed(EFS, **NO_LOSS | still_on).censored is CensorKind.LAST_CONTACT


def test_an_assessment_in_ap_by_its_reported_phase_is_progression() -> None:
    got = timed(AP_BC, assessments__assessment__4__phase_reported=E("AP"))
    assert (got.end, got.event) == (FAILURE, EventKind.PROGRESSION)
    assert got.source == "assessment 4 (phase reported)"


def test_an_assessment_in_ap_by_its_values_is_progression_though_reported_cp() -> None:
    got = timed(AP_BC, assessments__assessment__3__a_pb_blasts=E("20"))
    assert (got.end, got.event) == (LOSS_OF_CCYR, EventKind.PROGRESSION)
    assert got.source == "assessment 3 (phase computed from its values)"


def test_progression_reported_at_follow_up_with_a_month_is_imputed_to_the_15th() -> None:
    got = timed(
        AP_BC,
        follow_up__follow_up__progression=E("Y"),
        follow_up__follow_up__progression_date=E("2007-11"),
        follow_up__follow_up__progression_phase=E("BC"),
    )
    assert (got.end, got.event, got.imputed) == (dt.date(2007, 11, 15), EventKind.PROGRESSION, True)


def test_an_event_after_the_last_contact_still_counts() -> None:
    got = timed(
        AP_BC,
        follow_up__follow_up__progression=E("Y"),
        follow_up__follow_up__progression_date=E("2009-03-04"),
        follow_up__follow_up__progression_phase=E("AP"),
    )
    assert (got.end, got.imputed) == (dt.date(2009, 3, 4), False)


def test_the_earliest_event_of_the_set_ends_the_follow_up() -> None:
    changes = {
        "follow_up__follow_up__progression": E("Y"),
        "follow_up__follow_up__progression_date": E("2006-06-20"),
        "follow_up__follow_up__progression_phase": E("AP"),
    }
    assert timed(PERSISTENT, **changes).event is EventKind.PROGRESSION  # before the loss
    assert timed(EFS, **changes).end == dt.date(2006, 6, 20)


# --- death --------------------------------------------------------------------------------------

DEATH = {
    "follow_up__follow_up__2__last_contact_date": E("2009-09-01"),
    "follow_up__follow_up__2__vital_status": E("DEAD"),
    "follow_up__follow_up__2__progression": E("N"),
    "follow_up__follow_up__2__death_cause": E("OTHER"),
}


def test_death_is_an_event_when_the_set_has_it_and_censors_otherwise() -> None:
    dated = DEATH | {"follow_up__follow_up__2__death_date": E("2009-08-17")}
    got = timed(AP_BC_DEATH, **dated)
    assert (got.end, got.event, got.source) == (
        dt.date(2009, 8, 17),
        EventKind.DEATH,
        "follow-up visit 2",
    )
    censored = timed(AP_BC, **dated)
    assert (censored.end, censored.event, censored.censored) == (
        dt.date(2009, 8, 17),
        None,
        CensorKind.DEATH,
    )


def test_a_death_known_to_the_year_is_imputed_to_1_july() -> None:
    got = timed(AP_BC_DEATH, **DEATH | {"follow_up__follow_up__2__death_date": E("2009")})
    assert (got.end, got.imputed) == (dt.date(2009, 7, 1), True)


def test_a_partial_death_date_is_not_put_before_the_patient_was_last_seen_alive() -> None:
    # Alive at visit 1 on 2008-06-01, dead in 2008: the days 2008-06-02 to 2008-12-31 remain,
    # whose middle (212 days on, the earlier of two) is 2008-09-16.
    got = timed(AP_BC_DEATH, **DEATH | {"follow_up__follow_up__2__death_date": E("2008")})
    assert (got.end, got.imputed) == (dt.date(2008, 9, 16), True)


def test_a_death_without_a_usable_date_excludes_when_it_is_an_event() -> None:
    got = excluded(AP_BC_DEATH, **DEATH)
    assert got.reason is Exclusion.UNDATED_EVENT
    assert "follow-up visit 2" in got.detail and "Date of death not entered" in got.detail
    # Outside the set it cannot date a censoring either: follow-up ends at the last contact.
    assert timed(AP_BC, **DEATH).end == dt.date(2009, 9, 1)


# --- origin ---------------------------------------------------------------------------------------


def test_the_origin_can_be_the_failure_or_the_registration_date() -> None:
    for origin, day in ((Origin.FAILURE, FAILURE), (Origin.REGISTRATION, REGISTRATION)):
        got = timed(EndpointOptions(EventSet.AP_BC, origin))
        assert (got.origin, got.end, got.days) == (day, LAST_CONTACT, (LAST_CONTACT - day).days)


def test_a_loss_before_a_post_failure_origin_is_history_not_an_event() -> None:
    got = timed(EndpointOptions(EventSet.EFS, Origin.FAILURE))
    # The loss of CCyR (2006) and the stop of imatinib (on the failure date) came before.
    assert (got.end, got.censored) == (LAST_CONTACT, CensorKind.LAST_CONTACT)


def test_progression_at_the_failure_date_excludes_from_post_failure_pfs() -> None:
    got = excluded(
        EndpointOptions(EventSet.AP_BC, Origin.FAILURE),
        registration__registration__form_a_reason=E("PROGRESSION"),
        registration__registration__cyto_relapse_kind=None,
    )
    assert (got.reason, got.detail) == (Exclusion.ADVANCED_AT_ORIGIN, "Form A reason")


def test_not_in_chronic_phase_when_imatinib_started_excludes_from_pfs_from_its_start() -> None:
    got = excluded(AP_BC, imatinib__imatinib__phase_at_imatinib_start=E("AP"))
    assert got.reason is Exclusion.ADVANCED_AT_ORIGIN


def test_a_partial_date_straddling_the_origin_is_put_after_it() -> None:
    # Registered 2007-02-20; progression "2007-02": the days 21 to 28 remain, middle the 24th.
    got = timed(
        EndpointOptions(EventSet.AP_BC, Origin.REGISTRATION),
        registration__registration__registration_date=E("2007-02-20"),
        follow_up__follow_up__progression=E("Y"),
        follow_up__follow_up__progression_date=E("2007-02"),
        follow_up__follow_up__progression_phase=E("AP"),
    )
    assert (got.origin, got.end, got.imputed) == (dt.date(2007, 2, 20), dt.date(2007, 2, 24), True)


def test_no_origin_date_excludes_and_names_the_item() -> None:
    got = excluded(
        EndpointOptions(origin=Origin.REGISTRATION),
        registration__registration__registration_date=None,
    )
    assert got.reason is Exclusion.NO_ORIGIN
    assert got.detail == "Date of registration not entered"
    assert str(got) == "no usable date for the origin: Date of registration not entered"


def test_a_date_kept_as_typed_is_no_date() -> None:
    got = excluded(AP_BC, imatinib__imatinib__imatinib_start_date=E("01/04/2005"))
    assert (got.reason, got.detail) == (Exclusion.NO_ORIGIN, "Imatinib started is not a full date")


# --- missing follow-up ------------------------------------------------------------------------


def test_no_dated_contact_and_no_event_excludes() -> None:
    values = forms(**NO_LOSS)
    del values["follow_up"], values["assessments"]
    got = patient_endpoints(record(values), AP_BC, DEFINITION).pfs
    assert isinstance(got, Excluded) and got.reason is Exclusion.NO_LAST_CONTACT


def test_a_last_contact_before_the_origin_excludes() -> None:
    got = excluded(
        EndpointOptions(EventSet.AP_BC, Origin.REGISTRATION),
        follow_up__follow_up__last_contact_date=E("2007-01-15"),
    )
    assert (got.reason, got.detail) == (Exclusion.CONTACT_BEFORE_ORIGIN, "follow-up visit 1")


def test_an_assessment_after_the_last_visit_is_the_last_contact() -> None:
    got = timed(AP_BC, assessments__assessment__5__assessment_date=E("2008-12-01"))
    assert (got.end, got.source) == (dt.date(2008, 12, 1), "assessment 5")


# --- transplant -------------------------------------------------------------------------------

TRANSPLANT = {
    "decision__decision__next_treatment": E("ALLO_SCT"),
    "decision__decision__decision_date": E("2007-03-01"),
    "decision__decision__next_dose_mg": E(missing="NA"),
    "follow_up__follow_up__progression": E("Y"),
    "follow_up__follow_up__progression_date": E("2007-06-10"),
    "follow_up__follow_up__progression_phase": E("BC"),
}


def test_censoring_at_transplant_is_an_option() -> None:
    after_failure = EndpointOptions(EventSet.AP_BC, Origin.FAILURE)
    assert timed(after_failure, **TRANSPLANT).event is EventKind.PROGRESSION
    censored = timed(
        EndpointOptions(EventSet.AP_BC, Origin.FAILURE, censor_at_transplant=True), **TRANSPLANT
    )
    assert (censored.end, censored.censored, censored.source) == (
        dt.date(2007, 3, 1),
        CensorKind.TRANSPLANT,
        "decision after failure",
    )


def test_a_follow_up_visit_on_a_transplant_dates_it_when_earlier_than_the_decision() -> None:
    changes = TRANSPLANT | {
        "decision__decision__decision_date": E(missing="UNK"),
        "follow_up__follow_up__2__last_contact_date": E("2007-05-02"),
        "follow_up__follow_up__2__vital_status": E("ALIVE"),
        "follow_up__follow_up__2__progression": E("N"),
        "follow_up__follow_up__2__current_therapy": E("ALLO_SCT"),
    }
    got = timed(EndpointOptions(EventSet.AP_BC, censor_at_transplant=True), **changes)
    assert (got.end, got.censored) == (dt.date(2007, 5, 2), CensorKind.TRANSPLANT)


def test_a_transplant_without_a_date_excludes_only_when_censoring_at_it() -> None:
    changes = TRANSPLANT | {"decision__decision__decision_date": E(missing="UNK")}
    got = excluded(EndpointOptions(EventSet.AP_BC, censor_at_transplant=True), **changes)
    assert got.reason is Exclusion.TRANSPLANT_UNDATED
    assert "Date of the decision is 'unknown'" in got.detail
    assert timed(AP_BC, **changes).event is EventKind.PROGRESSION


def test_a_transplant_before_the_origin_excludes_when_censoring_at_it() -> None:
    options = EndpointOptions(EventSet.AP_BC, Origin.REGISTRATION, censor_at_transplant=True)
    got = excluded(options, **TRANSPLANT | {"decision__decision__decision_date": E("2007-01-20")})
    assert got.reason is Exclusion.TRANSPLANT_AT_ORIGIN


# --- the set of records ---------------------------------------------------------------------------


def test_every_record_gets_a_time_or_a_reason_in_order() -> None:
    records = [record(BASE, 1), record(forms(imatinib__imatinib__imatinib_start_date=None), 2)]
    patients = derive_endpoints(records, AP_BC, DEFINITION)
    assert [p.registry_id for p in patients] == ["FR-086-0001-R", "FR-086-0002-Y"]
    assert isinstance(patients[0].pfs, PfsTime)
    assert isinstance(patients[1].pfs, Excluded)
    assert patients[1].pfs.reason is Exclusion.NO_ORIGIN


def test_without_a_definition_exclusions_name_item_ids() -> None:
    values = forms(registration__registration__registration_date=None)
    got = patient_endpoints(record(values), EndpointOptions(origin=Origin.REGISTRATION)).pfs
    assert isinstance(got, Excluded) and got.detail == "registration_date not entered"


def test_records_read_back_from_the_case_service_give_the_same_end_points(
    admin_ws: Workspace,
) -> None:
    """A record as the store holds it (saved through CaseService) reads like the hand-made one."""
    cases = CaseService(admin_ws, today=dt.date(2026, 11, 21))
    for plan in plan_cases(random.Random(11), 3):
        rid = cases.create_case()
        for form_id, groups in plan.forms.items():
            rows = {g: [RowData(None, dict(r)) for r in rs] for g, rs in groups.items()}
            cases.save_form(rid, form_id, rows)
        stored = record_of(cases.get_case(rid), DEFINITION.oid)
        hand_made = record(plan.forms, int(rid.split("-")[2]))
        # The same answers, rows and keys (the forms are drafts in the store, complete by hand).
        assert {f: form["groups"] for f, form in stored["forms"].items()} == {
            f: form["groups"] for f, form in hand_made["forms"].items()
        }
        for options in (AP_BC, EFS, EndpointOptions(origin=Origin.FAILURE)):
            assert patient_endpoints(stored, options, DEFINITION) == patient_endpoints(
                hand_made, options, DEFINITION
            )
