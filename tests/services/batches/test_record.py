"""Records: a case as stored, its canonical bytes and hash, and the strict shape check."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmlentry.domain.values import Entry
from cmlentry.services.batches.odm_errors import PayloadInvalid
from cmlentry.services.batches.record import (
    Record,
    check_record,
    record_bytes,
    record_of,
    record_sha256,
)
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.workspace import Workspace
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)
DEFINITION = installed_definitions().current


def rows(form: str) -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


def complete_case(cases: CaseService) -> str:
    rid = cases.create_case()
    for form in COMPLETE:
        cases.save_form(rid, form, rows(form))
    for form in COMPLETE:
        cases.mark_complete(rid, form)
    return rid


def record(cases: CaseService, rid: str) -> Record:
    return record_of(cases.get_case(rid), DEFINITION.oid)


def test_the_record_of_a_complete_case_is_its_stored_answers(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = complete_case(cases)
    got = record(cases, rid)
    assert (got["id"], got["status"], got["definition"]) == (rid, "complete", "cml-ifp-1.0")
    assert set(got["forms"]) == set(COMPLETE) - {"toxicity"}  # no answers: left out
    patient = got["forms"]["patient"]
    assert patient == {
        "status": "complete",
        "version": "1.0",
        "groups": {
            "patient": [
                {
                    "key": 1,
                    "values": {
                        "sex": {"value": "M"},
                        "birth_year": {"value": "1955"},
                        "birth_month": {"value": "4"},
                        "prospective_study": {"value": "N"},
                    },
                }
            ]
        },
    }
    diagnosis = got["forms"]["diagnosis"]["groups"]
    assert diagnosis["baseline"][0]["values"]["pb_promyelocytes"] == {"missing": "ND"}
    assert "interruptions" not in got["forms"]["imatinib"]["groups"]  # empty group left out
    assert [r["key"] for r in got["forms"]["assessments"]["groups"]["assessment"]] == [1, 2]
    # Calculated items (scores, durations) are not stored, so they are not in the record.
    derived = {i.id for i in DEFINITION.items_by_id.values() if i.type == "derived"}
    answered = {
        item
        for form in got["forms"].values()
        for group in form["groups"].values()
        for row in group
        for item in row["values"]
    }
    assert derived and not derived & answered
    assert check_record(got, DEFINITION) is got


def test_an_empty_case_has_no_forms(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    assert record(cases, rid) == {
        "id": rid,
        "status": "draft",
        "definition": "cml-ifp-1.0",
        "forms": {},
    }


def test_rows_keep_their_keys_and_shown_order_and_answers_keep_overrides(
    admin_ws: Workspace,
) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    first = RowData(None, {"assessment_date": Entry("2006-01-10")})
    second = RowData(None, {"assessment_date": Entry("2006-04-10")})
    cases.save_form(rid, "assessments", {"assessment": [first, second]})
    saved = cases.get_case(rid).forms["assessments"].groups["assessment"]
    third = RowData(None, {"assessment_date": Entry("2006-07-10"), "phase_reported": Entry("cp")})
    # The first row deleted, a new one shown first: keys 2 and 3 in the order shown.
    cases.save_form(rid, "assessments", {"assessment": [third, saved[1]]})
    baseline = rows("diagnosis")
    baseline["baseline"][0].entries["platelets"] = Entry("1650", override="confirmed: lab")  # type: ignore[index]
    baseline["baseline"][0].entries["haemoglobin"] = Entry("eleven")  # type: ignore[index]
    baseline["baseline"][0].entries["wbc"] = Entry(None, "UNK", "not in the chart")  # type: ignore[index]
    cases.save_form(rid, "diagnosis", baseline)
    got = record(cases, rid)
    assessment = got["forms"]["assessments"]["groups"]["assessment"]
    assert assessment == [
        {
            "key": 3,
            "values": {
                "assessment_date": {"value": "2006-07-10"},
                "phase_reported": {"value": "CP"},
            },
        },
        {"key": 2, "values": {"assessment_date": {"value": "2006-04-10"}}},
    ]
    values = got["forms"]["diagnosis"]["groups"]["baseline"][0]["values"]
    assert values["platelets"] == {"value": "1650", "override": "confirmed: lab"}
    assert values["haemoglobin"] == {"value": "eleven"}  # kept as typed, as stored
    assert values["wbc"] == {"missing": "UNK", "override": "not in the chart"}
    assert check_record(got, DEFINITION) is got


def test_canonical_bytes_are_one_encoding_and_the_hash_is_stable() -> None:
    small = {"status": "draft", "forms": {}, "id": "FR-086-0001-R", "definition": "cml-ifp-1.0"}
    expected = b'{"definition":"cml-ifp-1.0","forms":{},"id":"FR-086-0001-R","status":"draft"}'
    assert record_bytes(small) == expected
    assert record_sha256(small) == hashlib.sha256(expected).hexdigest()
    reordered = dict(reversed(list(small.items())))
    assert record_bytes(reordered) == expected
    text = {"value": "Étude <CML> & 日本"}
    assert record_bytes(text) == '{"value":"Étude <CML> & 日本"}'.encode()
    assert json.loads(record_bytes(text)) == text


def test_the_hash_changes_with_any_stored_detail(admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = complete_case(cases)
    original = record(cases, rid)
    assert record_sha256(original) == record_sha256(record(cases, rid))
    seen = {record_sha256(original)}
    for change in (
        lambda r: r["forms"]["patient"].__setitem__("status", "draft"),
        lambda r: r["forms"]["patient"]["groups"]["patient"][0].__setitem__("key", 2),
        lambda r: r["forms"]["patient"]["groups"]["patient"][0]["values"]["sex"].update(
            override="x"
        ),
        lambda r: r.__setitem__("status", "signed"),
    ):
        changed = copy.deepcopy(original)
        change(changed)
        seen.add(record_sha256(changed))
    assert len(seen) == 5


def _valid() -> Record:
    return {
        "id": "FR-086-0001-R",
        "status": "signed",
        "definition": "cml-ifp-1.0",
        "forms": {
            "patient": {
                "status": "complete",
                "version": "1.0",
                "groups": {"patient": [{"key": 1, "values": {"sex": {"value": "M"}}}]},
            },
            "assessments": {
                "status": "draft",
                "version": "1.0",
                "groups": {
                    "assessment": [
                        {"key": 4, "values": {"ph_positive_pct": {"value": "SECRET-85"}}},
                        {"key": 2, "values": {"phase_reported": {"missing": "NA"}}},
                    ]
                },
            },
        },
    }


def _patient(r: Record) -> dict[str, Any]:
    values: dict[str, Any] = r["forms"]["patient"]["groups"]["patient"][0]["values"]
    return values


def _assessment(r: Record) -> list[dict[str, Any]]:
    rows_: list[dict[str, Any]] = r["forms"]["assessments"]["groups"]["assessment"]
    return rows_


REFUSALS: dict[str, tuple[Any, str]] = {
    "extra top-level field": (lambda r: r.update(site="FR-086"), "unexpected fields"),
    "no forms": (lambda r: r.pop("forms"), "forms missing"),
    "mistyped registry ID": (lambda r: r.update(id="FR-086-0001-X"), "not a registry ID"),
    "unknown case status": (lambda r: r.update(status="deleted"), "case status"),
    "another definition": (lambda r: r.update(definition="cml-ifp-9.9"), "cml-ifp-1.0"),
    "unknown form": (lambda r: r["forms"].update(patients=r["forms"]["patient"]), "patients"),
    "form without answers": (
        lambda r: r["forms"]["patient"].update(groups={}),
        "form 'patient': a form without answers",
    ),
    "bad form version": (lambda r: r["forms"]["patient"].update(version="v1"), "version"),
    "unknown form status": (lambda r: r["forms"]["patient"].update(status="signed"), "form status"),
    "group of another form": (
        lambda r: r["forms"]["patient"]["groups"].update(baseline=[]),
        "no group 'baseline'",
    ),
    "group without rows": (
        lambda r: r["forms"]["patient"]["groups"].update(patient=[]),
        "group 'patient': a group without rows",
    ),
    "row key zero": (lambda r: _assessment(r)[0].update(key=0), "positive whole number"),
    "row key true": (lambda r: _assessment(r)[0].update(key=True), "positive whole number"),
    "row key text": (lambda r: _assessment(r)[0].update(key="4"), "positive whole number"),
    "row twice": (lambda r: _assessment(r)[1].update(key=4), "row 4 appears twice"),
    "second row of a single group": (
        lambda r: r["forms"]["patient"]["groups"]["patient"][0].update(key=2),
        "its one row is row 1",
    ),
    "empty row": (lambda r: _assessment(r)[1].update(values={}), "row 2: a row without answers"),
    "item of another group": (lambda r: _patient(r).update(wbc={"value": "5"}), "no item 'wbc'"),
    "calculated item": (
        lambda r: _assessment(r)[0]["values"].update(a_chr={"value": "CHR"}),
        "item 'a_chr': a calculated item is never stored",
    ),
    "value and missing": (
        lambda r: _patient(r)["sex"].update(missing="UNK"),
        "item 'sex': an answer is a value or a missing-data code",
    ),
    "neither": (lambda r: _patient(r).update(sex={"override": "x"}), "an answer is a value"),
    "unknown missing code": (
        lambda r: _patient(r).update(sex={"missing": "XX"}),
        "missing-data code is not one of NA, ND, UNK",
    ),
    "extra answer field": (
        lambda r: _patient(r)["sex"].update(note="x"),
        "unexpected fields",
    ),
    "value not text": (lambda r: _patient(r).update(sex={"value": 1}), "cannot carry"),
    "control character": (
        lambda r: _assessment(r)[0]["values"].update(ph_positive_pct={"value": "SECRET\x0185"}),
        "cannot carry",
    ),
    "not canonical": (
        lambda r: _assessment(r)[0]["values"].update(ph_positive_pct={"value": " 85"}),
        "item 'ph_positive_pct': the value is not written in its canonical form",
    ),
    "lower-case code": (lambda r: _patient(r).update(sex={"value": "m"}), "canonical"),
    "empty override": (lambda r: _patient(r)["sex"].update(override=""), "overriding"),
    "override with a carriage return": (
        lambda r: _patient(r)["sex"].update(override="SECRET\r\nreason"),
        "control character",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_check_record_refuses_every_other_shape(name: str) -> None:
    change, problem = REFUSALS[name]
    broken = _valid()
    assert check_record(broken, DEFINITION, file="b.cmlbatch") == broken
    change(broken)
    with pytest.raises(PayloadInvalid) as caught:
        check_record(broken, DEFINITION, file="b.cmlbatch")
    assert problem in caught.value.message
    assert caught.value.message.startswith("b.cmlbatch ")
    assert "SECRET" not in caught.value.message  # a value is never quoted
    assert caught.value.code == "batch.payload_invalid"


@pytest.mark.parametrize("thing", [None, [], "record", {"id": 1}])
def test_check_record_refuses_what_is_not_a_record(thing: object) -> None:
    with pytest.raises(PayloadInvalid):
        check_record(thing, DEFINITION)


@pytest.mark.parametrize(
    ("item", "value"), [("ph_positive_pct", "1E+9999999"), ("metaphases_counted", "9" * 5000)]
)
def test_numbers_canonical_refuses_are_kept_as_typed(item: str, value: str) -> None:
    """Found while fuzzing the reader: ``canonical()`` raised ``decimal.Overflow`` for an
    exponent past the decimal context and ``ValueError`` for 4,300 digits. It now refuses both
    with its sentence, so they are what a save keeps of input it refuses: text as typed (a hard
    error in the case), which a record carries like any other refused input."""
    record = _valid()
    _assessment(record)[0]["values"] = {item: {"value": value}}
    assert check_record(record, DEFINITION) == record


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["UNK", "1.0", "M", "draft"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["id", "status", "key", "values", "value", "missing", "override", "sex"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(where=st.sampled_from(["case", "form", "row", "answer"]), junk=JSON)
def test_check_record_raises_nothing_but_payload_invalid(where: str, junk: object) -> None:
    broken = _valid()
    if where == "case":
        broken["forms"] = junk
    elif where == "form":
        broken["forms"]["patient"] = junk
    elif where == "row":
        _assessment(broken)[0] = junk
    else:
        _patient(broken)["sex"] = junk
    with contextlib.suppress(PayloadInvalid):
        check_record(broken, DEFINITION)
