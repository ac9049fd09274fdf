"""The editor's answers without widgets: typed text, saved rows and their keys, conditions."""

from __future__ import annotations

import pytest

from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.typed_values import (
    display_text,
    entry_from_text,
    iso_date_text,
    missing_from_text,
    problem_of,
)
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import installed_definitions
from tests.gui.editor.conftest import complete_rows

DEFINITION = installed_definitions().current


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("14.03.2006", "2006-03-14"),
        ("4/3/2006", "2006-03-04"),
        ("03.2006", "2006-03"),
        ("2006-03-14", "2006-03-14"),
        (" 2006 ", "2006"),
        ("31.02.2006", "2006-02-31"),  # the shape only; canonical() refuses the day
    ],
)
def test_dates_typed_the_european_way_become_iso(typed: str, iso: str) -> None:
    assert iso_date_text(typed) == iso


def test_typed_text_becomes_a_canonical_entry_or_stays_as_typed() -> None:
    item = DEFINITION.item
    assert entry_from_text(item("haemoglobin"), "11,50") == Entry("11.50")
    assert entry_from_text(item("diagnosis_date"), "03.2005") == Entry("2005-03")
    assert entry_from_text(item("imatinib_start_date"), "03.2005") == Entry("2005-03")
    assert problem_of(item("imatinib_start_date"), "03.2005") == "give the full date as YYYY-MM-DD"
    assert entry_from_text(item("birth_year"), "19x5") == Entry("19x5")  # kept, never lost
    assert entry_from_text(item("birth_year"), "  ") == EMPTY
    assert missing_from_text(DEFINITION, item("wbc"), "Not done") == "ND"
    assert missing_from_text(DEFINITION, item("wbc"), "NA") is None  # not accepted by wbc
    assert display_text(DEFINITION, item("sex"), Entry("F")) == "female"
    assert display_text(DEFINITION, item("dose_mg"), Entry("400")) == "400 mg/day"


def test_new_rows_get_the_keys_the_service_gave_them(cases: CaseService) -> None:
    registry_id = cases.create_case()
    state = CaseState(DEFINITION, cases.get_case(registry_id))
    for date in ("2005-04-01", "2005-10-01"):
        row = state.add_row("imatinib", "doses")
        state.set_entry("imatinib", "doses", row, "dose_start_date", Entry(date))
    state.add_row("imatinib", "doses")  # an empty row is not sent
    assert state.is_dirty("imatinib")
    request = state.save_request("imatinib")
    assert [len(rows) for rows in request.groups.values()] == [1, 2, 0]
    cases.save_form(registry_id, "imatinib", request.groups)
    state.mark_saved(request, cases.get_case(registry_id).forms["imatinib"])
    keys = [row.key for row in state.rows("imatinib", "doses")]
    assert keys[0] is not None and keys[1] is not None and keys[2] is None
    assert not state.is_dirty("imatinib")
    # Saved again, the rows are updated in place: their history stays theirs.
    state.set_entry("imatinib", "doses", 1, "dose_mg", Entry("600"))
    request = state.save_request("imatinib")
    assert [r.key for r in request.groups["doses"]] == keys[:2]
    cases.save_form(registry_id, "imatinib", request.groups)
    stored = cases.get_case(registry_id).forms["imatinib"].groups["doses"]
    assert [r.key for r in stored] == keys[:2]
    assert stored[1].entries["dose_mg"] == Entry("600")


def test_only_a_change_of_condition_clears_an_answer(cases: CaseService) -> None:
    registry_id = cases.create_case()
    # Imported data may answer an item that does not apply: it is shown, with its error.
    patient = complete_rows("patient", patient__prospective_study_name=Entry("CML-IV"))
    cases.save_form(registry_id, "patient", patient)
    state = CaseState(DEFINITION, cases.get_case(registry_id))
    assert state.apply_conditions() == []
    context = state.context()
    item = DEFINITION.item("prospective_study_name")
    assert not state.applies(context, "patient", "patient", 0, item)
    assert state.shows(context, "patient", "patient", 0, item)
    # Yes, then no: the name typed meanwhile is cleared, and comes back with yes.
    state.set_entry("patient", "patient", 0, "prospective_study", Entry("Y"))
    assert state.apply_conditions() == []
    state.set_entry("patient", "patient", 0, "prospective_study_name", Entry("GIMEMA"))
    state.set_entry("patient", "patient", 0, "prospective_study", Entry("N"))
    assert state.apply_conditions() == [("patient", "patient", 0, "prospective_study_name")]
    assert state.entry("patient", "patient", 0, "prospective_study_name") == EMPTY
    state.set_entry("patient", "patient", 0, "prospective_study", Entry("Y"))
    state.apply_conditions()
    assert state.entry("patient", "patient", 0, "prospective_study_name") == Entry("GIMEMA")


def test_an_override_is_dropped_when_the_value_changes(cases: CaseService) -> None:
    registry_id = cases.create_case()
    state = CaseState(DEFINITION, cases.get_case(registry_id))
    state.set_entry("diagnosis", "baseline", 0, "platelets", Entry("1600"))
    state.set_override("diagnosis", "baseline", 0, "platelets", "checked twice")
    assert not state.set_entry("diagnosis", "baseline", 0, "platelets", Entry("1600"))
    assert state.entry("diagnosis", "baseline", 0, "platelets").override == "checked twice"
    state.set_entry("diagnosis", "baseline", 0, "platelets", Entry("1700"))
    assert state.entry("diagnosis", "baseline", 0, "platelets") == Entry("1700")


def test_a_draft_equal_to_the_saved_answers_is_not_unsaved_typing(cases: CaseService) -> None:
    registry_id = cases.create_case()
    cases.save_form(registry_id, "patient", complete_rows("patient"))
    state = CaseState(DEFINITION, cases.get_case(registry_id))
    state.load_draft("patient", state.draft_groups("patient"))
    assert not state.is_dirty("patient")
    state.load_draft("patient", {"patient": [RowData(1, {"birth_year": Entry("1955")})]})
    assert state.is_dirty("patient")
