"""Spreadsheet round trip: the entry template, its import, every refusal, and all-or-nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from cmlentry.domain.forms import FormDefinition, Item, parse_definition
from cmlentry.domain.values import Entry
from cmlentry.errors import AlreadyImported, Cancelled, SequenceExhausted
from cmlentry.services import cases as cases_module
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions, resources_folder
from cmlentry.services.spreadsheet import (
    MAX_MEMBERS,
    CellProblem,
    NotAWorkbook,
    SpreadsheetRejected,
    TargetExists,
    WorkbookDamaged,
    WorkbookNotFound,
    WorkbookProtected,
    WorkbookRefused,
    WorkbookTooLarge,
    WorkbookUnsafe,
    import_workbook,
    read_workbook,
    sheet_plans,
    write_template,
)
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import verify_chain
from cmlentry.storage.models import AuditHead, Case
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def definition() -> FormDefinition:
    return installed_definitions().current


@pytest.fixture(scope="module")
def template_bytes(definition: FormDefinition, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(definition, path)
    return path.read_bytes()


@pytest.fixture
def template(template_bytes: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes)
    return path


# --- filling the template the way a nurse does ------------------------------------------------


class Nurse:
    """Fills the template in openpyxl as a person does in Excel: Excel's own number and date
    types, choices picked from the drop-down or typed as a code or a label."""

    def __init__(self, template: Path, definition: FormDefinition) -> None:
        self.book = openpyxl.load_workbook(template)
        keys = {plan.key for plan in sheet_plans(definition)}
        self.sheets = {ws["A2"].value: ws for ws in self.book.worksheets if ws["A2"].value in keys}

    def column(self, key: str, item_id: str) -> int:
        sheet = self.sheets[key]
        for cell in sheet[2]:
            if cell.value == item_id:
                return int(cell.column)
        raise KeyError(item_id)

    def line(self, key: str, label: Any, values: Mapping[str, Any]) -> int:
        """Append one row to the sheet whose A2 is ``key``; return its row number."""
        sheet = self.sheets[key]
        row = max(3, sheet.max_row + 1)
        sheet.cell(row=row, column=1, value=label)
        for item_id, value in values.items():
            sheet.cell(row=row, column=self.column(key, item_id), value=value)
        return row

    def put(self, key: str, row: int, item_id: str, value: Any) -> None:
        self.sheets[key].cell(row=row, column=self.column(key, item_id), value=value)

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path


def as_typed(definition: FormDefinition, item: Item, entry: Entry, turn: int) -> Any:
    """What a person types for ``entry``: varied on purpose (``turn``), as people vary."""
    if entry.missing is not None:
        label = definition.missing_codes[entry.missing]
        return (f"{entry.missing} – {label}", entry.missing, label)[turn % 3]
    value = entry.value
    assert value is not None
    if item.type == "code":
        label = definition.codes(item)[value]
        return (f"{value} – {label}", value.lower(), label)[turn % 3]
    if item.type == "date":
        if len(value) == 10:
            return dt.date.fromisoformat(value) if turn % 2 else value
        return value  # a partial date is typed as text in a text-formatted column
    if item.type == "integer":
        return int(value)
    if item.type == "decimal":
        return float(value) if "." in value else int(value)
    return value


def fill_case(
    nurse: Nurse,
    definition: FormDefinition,
    label: object,
    case: Mapping[str, Mapping[str, list[dict[str, Entry]]]],
) -> None:
    """Type a whole case (COMPLETE's shape) into the workbook, one sheet after another."""
    turn = 0
    for plan in sheet_plans(definition):
        groups = case.get(plan.form.id, {})
        if plan.repeating:
            for row in groups.get(plan.groups[0].id, []):
                typed = {}
                for item_id, entry in row.items():
                    typed[item_id] = as_typed(definition, definition.item(item_id), entry, turn)
                    turn += 1
                nurse.line(plan.key, label, typed)
            continue
        typed = {}
        for group in plan.groups:
            for item_id, entry in (groups.get(group.id) or [{}])[0].items():
                typed[item_id] = as_typed(definition, definition.item(item_id), entry, turn)
                turn += 1
        nurse.line(plan.key, label, typed)


SECOND: dict[str, dict[str, list[dict[str, Entry]]]] = {
    "patient": {"patient": [{"sex": Entry("F"), "birth_year": Entry("1961")}]},
    "imatinib": {
        "doses": [
            {
                "dose_start_date": Entry("2004-01-05"),
                "dose_end_date": Entry("2004-06-30"),
                "dose_mg": Entry("400"),
                "dose_change_reason": Entry("START"),
            },
            {
                "dose_start_date": Entry("2004-07-01"),
                "dose_end_date": Entry(missing="NA"),
                "dose_mg": Entry("600"),
                "dose_change_reason": Entry("ESC"),
            },
        ]
    },
    "assessments": {
        "assessment": [
            {"assessment_date": Entry("2004-04-01"), "a_wbc": Entry("7.5")},
            {"assessment_date": Entry("2004-10-01"), "bcr_abl_pct": Entry("0.05")},
            {"assessment_date": Entry("2005-04-01"), "a_wbc": Entry(missing="ND")},
        ]
    },
}


def complete_workbook(template: Path, definition: FormDefinition, path: Path) -> Path:
    """The template with COMPLETE as line 1 and SECOND (repeating rows) as line "B-2"."""
    nurse = Nurse(template, definition)
    fill_case(nurse, definition, 1, COMPLETE)
    fill_case(nurse, definition, "B-2", SECOND)
    return nurse.save(path)


# --- the state of the workspace ---------------------------------------------------------------


def state(ws: Workspace) -> tuple[int, int]:
    """(cases, audit rows): an import that changed nothing leaves both as they were."""
    with ws.db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Case)) or 0,
            session.scalar(select(AuditHead.seq)) or 0,
        )


def stored(ws: Workspace, registry_id: str) -> dict[str, dict[str, list[dict[str, Entry]]]]:
    data = CaseService(ws, today=TODAY).get_case(registry_id)
    return {
        form_id: {g: [dict(row.entries) for row in rows] for g, rows in form.groups.items()}
        for form_id, form in data.forms.items()
    }


CaseAnswers = Mapping[str, Mapping[str, list[dict[str, Entry]]]]


def expected(
    case: CaseAnswers, definition: FormDefinition
) -> dict[str, dict[str, list[dict[str, Entry]]]]:
    """What get_case returns for a case entered as ``case``: every group, empty ones too."""
    return {
        form.id: {g.id: list(case.get(form.id, {}).get(g.id, [])) for g in form.groups}
        for form in definition.forms
    }


def rejected(definition: FormDefinition, path: Path) -> SpreadsheetRejected:
    with pytest.raises(SpreadsheetRejected) as caught:
        read_workbook(definition, path)
    return caught.value


def cells(error: SpreadsheetRejected) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in error.problems]


# --- the template -----------------------------------------------------------------------------


def test_the_template_has_a_sheet_per_form_and_repeating_group(
    definition: FormDefinition, template: Path
) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        "Read me",
        "Patient",
        "Diagnosis and baseline",
        "Prior therapy",
        "Imatinib therapy",
        "Dose history",
        "Interruptions",
        "Assessment",
        "Adverse event",
        "Registration (Form A)",
        "Decision after failure",
        "Follow-up visit",
        "Codebook",
        "Lists",
    ]
    assert book["Lists"].sheet_state == "hidden"
    patient = book["Patient"]
    assert [c.value for c in patient[1]] == [
        "Case",
        "Sex",
        "Year of birth",
        "Month of birth",
        "Ever included in a prospective study",
        "Which study",
    ]
    assert [c.value for c in patient[2]] == [
        "patient",
        "sex",
        "birth_year",
        "birth_month",
        "prospective_study",
        "prospective_study_name",
    ]
    assert patient.freeze_panes == "B3"
    baseline = book["Diagnosis and baseline"]
    assert baseline["F1"].value == "White blood cells (×10⁹/L)"  # the unit is in the header
    assert baseline["F2"].value == "wbc"
    assert baseline["F1"].comment is not None
    assert "at least 0 and at most 1000" in baseline["F1"].comment.text
    doses = book["Dose history"]
    assert [c.value for c in doses[2]] == [
        "imatinib.doses",
        "dose_start_date",
        "dose_end_date",
        "dose_mg",
        "dose_change_reason",
    ]
    # Derived items are calculated by cmlentry: they have no column anywhere.
    ids = {c.value for ws in book.worksheets[1:12] for c in ws[2]}
    assert "sokal_score" not in ids and "a_chr" not in ids
    every_item = {i.id for f in definition.forms for i in f.items() if i.type != "derived"}
    assert every_item <= ids


def test_drop_downs_number_rules_and_column_formats(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    patient = book["Patient"]
    rules = {str(dv.sqref): dv for dv in patient.data_validations.dataValidation}
    sex = rules["B3:B10002"]
    assert (sex.type, sex.formula1) == ("list", "Lists!$A$1:$A$2")
    assert [book["Lists"]["A1"].value, book["Lists"]["A2"].value] == ["M – male", "F – female"]
    year = rules["C3:C10002"]
    assert year.type == "custom"
    assert year.formula1 == "OR(AND(ISNUMBER(C3),C3=INT(C3),C3>=1900,C3<=2030))"
    month = rules["D3:D10002"]  # accepts UNK, in each of the forms the import accepts
    assert 'D3="UNK"' in month.formula1 and 'D3="unknown"' in month.formula1
    baseline = book["Diagnosis and baseline"]
    platelets = next(
        dv for dv in baseline.data_validations.dataValidation if str(dv.sqref).startswith("H3")
    )
    assert "H3>0" in platelets.formula1 and "H3<=5000" in platelets.formula1  # exclusive min
    # Partial dates stay text (Excel would make 2005-03 into 1 March); full dates show ISO.
    assert baseline.column_dimensions["B"].number_format == "@"
    assert baseline.column_dimensions["E"].number_format == "yyyy-mm-dd"
    phase_list = next(
        dv for dv in baseline.data_validations.dataValidation if str(dv.sqref).startswith("C3")
    )
    column = phase_list.formula1.split("$")[1]
    entries = [c.value for c in book["Lists"][column] if c.value]
    assert entries == [
        "CP – chronic phase",
        "AP – accelerated phase",
        "BC – blast crisis",
        "UNK – unknown",
    ]


def test_the_codebook_lists_every_item_in_words(definition: FormDefinition, template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["Codebook"]
    header = [c.value for c in sheet[1]]
    rows = {
        row[3]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    assert set(rows) == set(definition.items_by_id)
    study = rows["prospective_study_name"]
    assert study["Applies when"] == (
        "'Ever included in a prospective study' (prospective_study) is Y – yes"
    )
    assert study["Required"] == "yes, when it applies"
    assert study["Missing-data codes accepted"] == "UNK – unknown"
    assert study["Sheet"] == "Patient"
    platelets = rows["platelets"]
    assert platelets["Possible range"] == "more than 0 and at most 5000 ×10⁹/L"
    assert platelets["Usual range"] == "less than 1500 ×10⁹/L"
    assert rows["dose_mg"]["Usual range"] == "usually 300, 400, 600, 800 mg/day"
    assert rows["sex"]["Choices (code – label)"] == "M – male\nF – female"
    assert rows["diagnosis_date"]["Partial dates"] == "yes"
    assert rows["imatinib_start_date"]["Partial dates"] == "no"
    assert rows["sokal_score"]["Type"] == "calculated by cmlentry (no column)"
    assert rows["ae_lab_value"]["Applies when"] == (
        "'Adverse event (CTCAE term)' (ae_term) is one of: NEUTROPENIA – neutrophil count "
        "decreased (neutropenia), THROMBOCYTOPENIA – platelet count decreased "
        "(thrombocytopenia), ANAEMIA – anaemia (haemoglobin decreased)"
    )
    readme = "\n".join(str(c.value or "") for c in book["Read me"]["A"])
    assert "Never a name, a hospital number or a date of birth" in readme
    assert "All or nothing" in readme


def test_the_template_is_never_written_over_an_existing_file(
    definition: FormDefinition, template: Path
) -> None:
    before = template.read_bytes()
    with pytest.raises(TargetExists):
        write_template(definition, template)
    assert template.read_bytes() == before
    assert not list(template.parent.glob(".*.tmp"))


def test_text_in_the_template_can_never_become_a_formula(tmp_path: Path) -> None:
    """Labels, help and code labels that look like formulas are written as text (security §6)."""
    source = (resources_folder() / "forms" / "cml-ifp-1.0.yaml").read_text("utf-8")
    hostile = {
        "label: Sex\n": 'label: "=HYPERLINK(\\"http://evil.example\\",\\"Sex\\")"\n',
        "sex: {M: male, F: female}": 'sex: {M: "+male", F: "-female"}',
        "label: Year of birth\n": 'label: "@SUM(1+1)"\n',
        "label: Month of birth\n": 'label: "\\tcmd|calc"\n',
        "label: Which study\n": 'label: "\\rstudy"\n',
    }
    for old, new in hostile.items():
        assert old in source
        source = source.replace(old, new, 1)
    definition = parse_definition(source)
    path = tmp_path / "hostile.xlsx"
    write_template(definition, path)
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                assert "<f>" not in package.read(name).decode("utf-8"), name
    book = openpyxl.load_workbook(path)
    patient = book["Patient"]
    for cell in patient[1][1:6]:
        assert cell.data_type == "s"
        assert isinstance(cell.value, str)
    assert patient["B1"].value.startswith("=HYPERLINK")
    assert patient["B1"].quotePrefix and patient["C1"].quotePrefix and patient["D1"].quotePrefix
    assert patient["F1"].quotePrefix
    assert book["Lists"]["A1"].value == "M – +male"
    codebook = {row[3]: row for row in book["Codebook"].iter_rows(2, values_only=True)}
    assert codebook["sex"][9] == "M – +male\nF – -female"
    for row in book["Codebook"].iter_rows(2):
        for cell in row:
            if cell.value is None:
                continue
            assert cell.data_type == "s"
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.quotePrefix


# --- the round trip ---------------------------------------------------------------------------


def test_round_trip_gives_back_exactly_what_was_typed(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    path = complete_workbook(template, definition, tmp_path / "line-list.xlsx")
    cases_before, audit_before = state(admin_ws)
    progress: list[tuple[int, int]] = []
    report = import_workbook(
        admin_ws, path, today=TODAY, progress=lambda d, t: progress.append((d, t))
    )
    assert [(c.label, c.registry_id) for c in report.cases] == [
        ("1", "FR-086-0001-R"),
        ("B-2", "FR-086-0002-Y"),
    ]
    assert stored(admin_ws, "FR-086-0001-R") == expected(COMPLETE, definition)
    assert stored(admin_ws, "FR-086-0002-Y") == expected(SECOND, definition)
    first, second = report.cases
    assert (first.errors, first.warnings) == ((), ())  # COMPLETE is a complete, valid case
    assert second.errors and {i.code for i in second.errors} >= {"value.required"}
    listed = CaseService(admin_ws, today=TODAY).list_cases()
    assert [c.status for c in listed] == ["draft", "draft"]  # imported cases stay drafts
    assert listed[1].open_errors == len(second.errors)
    assert progress[-1] == (100, 100)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    cases_after, audit_after = state(admin_ws)
    assert cases_after == cases_before + 2 and audit_after > audit_before
    with admin_ws.db.read() as session:
        assert verify_chain(session.connection()).intact


def test_choices_and_missing_codes_by_code_label_or_drop_down(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    variants = [
        ("M", "M"),
        ("m", "M"),
        ("male", "M"),
        ("Male", "M"),
        ("M – male", "M"),
        ("M - male", "M"),
        ("  F — female ", "F"),
    ]
    for n, (typed, _code) in enumerate(variants, start=1):
        nurse.line(
            "patient", n, {"sex": typed, "birth_month": ("UNK", "unknown", "UNK – unknown")[n % 3]}
        )
    nurse.line("diagnosis", 1, {"phase_at_diagnosis": "UNK", "wbc": "not done", "platelets": "ND"})
    nurse.line("imatinib.doses", 2, {"dose_end_date": "not applicable", "dose_mg": 400.0})
    nurse.line("toxicity.adverse_event", 3, {"ctcae_version": 3, "ae_grade": 2})
    nurse.line("toxicity.adverse_event", 3, {"ctcae_version": "5.0 – CTCAE v5.0"})
    nurse.line("toxicity.adverse_event", 3, {"ctcae_version": "5"})
    imported = read_workbook(definition, nurse.save(tmp_path / "codes.xlsx"))
    sexes = [c.forms["patient"]["patient"][0]["sex"] for c in imported.cases]
    assert sexes == [Entry(code) for _typed, code in variants]
    months = {c.forms["patient"]["patient"][0]["birth_month"] for c in imported.cases}
    assert months == {Entry(missing="UNK")}
    baseline = imported.cases[0].forms["diagnosis"]
    assert baseline["diagnosis"][0] == {"phase_at_diagnosis": Entry(missing="UNK")}
    assert baseline["baseline"][0] == {"wbc": Entry(missing="ND"), "platelets": Entry(missing="ND")}
    assert imported.cases[1].forms["imatinib"]["doses"][0] == {
        "dose_end_date": Entry(missing="NA"),
        "dose_mg": Entry("400"),
    }
    events = imported.cases[2].forms["toxicity"]["adverse_event"]
    assert [e["ctcae_version"] for e in events] == [Entry("3.0"), Entry("5.0"), Entry("5.0")]


def test_excel_dates_numbers_and_partial_dates(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    row = nurse.line(
        "diagnosis",
        1,
        {
            "diagnosis_date": dt.datetime(2005, 3, 1),  # shown as "Mar-05": a month
            "baseline_date": dt.datetime(2005, 3, 14, 0, 0),
            "wbc": 85.5,
            "haemoglobin": "11,20",  # a decimal comma typed as text
            "platelets": 0.25,
            "pb_blasts": 2,
        },
    )
    nurse.sheets["diagnosis"].cell(row=row, column=2).number_format = "mmm-yy"
    nurse.line("prior_therapy", 1, {"ifn_start_date": 1999, "ifn_duration_months": 24.0})
    nurse.line("toxicity.adverse_event", 1, {"ae_start_date": dt.date(2006, 5, 1)})
    nurse.line("patient", 1, {"birth_year": "1955"})
    imported = read_workbook(definition, nurse.save(tmp_path / "dates.xlsx"))
    forms = imported.cases[0].forms
    assert forms["diagnosis"]["diagnosis"][0] == {
        "diagnosis_date": Entry("2005-03"),
        "baseline_date": Entry("2005-03-14"),
    }
    assert forms["diagnosis"]["baseline"][0] == {
        "wbc": Entry("85.5"),
        "haemoglobin": Entry("11.20"),  # canonical() keeps the zeros typed
        "platelets": Entry("0.25"),
        "pb_blasts": Entry("2"),
    }
    assert forms["prior_therapy"]["prior_therapy"][0] == {
        "ifn_start_date": Entry("1999"),  # a year, where a partial date is allowed
        "ifn_duration_months": Entry("24"),
    }
    assert forms["toxicity"]["adverse_event"][0] == {"ae_start_date": Entry("2006-05-01")}


def test_a_percentage_cell_imports_the_percentage_it_shows(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    """Excel stores "60%" as 0.6; the % items get 60, any other item refuses it."""
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M"})
    row = nurse.line("assessments.assessment", 1, {"ph_positive_pct": 0.6, "bcr_abl_pct": 0.00155})
    sheet = nurse.sheets["assessments.assessment"]
    for item_id in ("ph_positive_pct", "bcr_abl_pct"):
        sheet.cell(
            row=row, column=nurse.column("assessments.assessment", item_id)
        ).number_format = "0.00%"
    imported = read_workbook(definition, nurse.save(tmp_path / "percent.xlsx"))
    assert imported.cases[0].forms["assessments"]["assessment"][0] == {
        "ph_positive_pct": Entry("60"),
        "bcr_abl_pct": Entry("0.155"),
    }
    nurse.put("assessments.assessment", row, "a_wbc", 0.5)
    sheet.cell(row=row, column=nurse.column("assessments.assessment", "a_wbc")).number_format = "0%"
    error = rejected(definition, nurse.save(tmp_path / "percent-wbc.xlsx"))
    assert [(p.item, p.message) for p in error.problems] == [
        ("a_wbc", "the cell is formatted as a percentage; type the plain number")
    ]


def test_sheets_are_found_by_key_and_columns_by_id_not_by_title_or_label(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    patient = nurse.sheets["patient"]
    patient.title = "Patients (site list)"
    patient["B1"] = "Gender"  # a relabelled header changes nothing
    patient.move_range("B1:B2", rows=0, cols=5)  # the sex column moved to column G
    nurse.line("patient", 7, {"sex": "F", "birth_year": 1970})
    nurse.book.move_sheet(patient, offset=5)
    imported = read_workbook(definition, nurse.save(tmp_path / "moved.xlsx"))
    assert imported.cases[0].forms["patient"]["patient"][0] == {
        "sex": Entry("F"),
        "birth_year": Entry("1970"),
    }


def test_key_only_lines_and_blank_cells_are_skipped(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    for n in range(1, 6):
        nurse.line("patient", n, {})
    nurse.put("patient", 4, "sex", "F")
    nurse.put("patient", 5, "sex", "   ")
    imported = read_workbook(definition, nurse.save(tmp_path / "numbered.xlsx"))
    assert [(c.label, c.row) for c in imported.cases] == [("2", 4)]
    assert imported.empty_lines == 4


# --- what is wrong in a workbook: every kind, where it is --------------------------------------


def test_the_report_names_sheet_row_column_and_item(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M", "birth_year": 1955})
    nurse.line("diagnosis", 1, {"wbc": 85, "platelets": "many"})
    path = nurse.save(tmp_path / "bad.xlsx")
    before = state(admin_ws)
    with pytest.raises(SpreadsheetRejected) as caught:
        import_workbook(admin_ws, path, today=TODAY)
    error = caught.value
    assert error.problems == (
        CellProblem(
            "Diagnosis and baseline",
            3,
            "H",
            "platelets",
            "Platelets",
            "give a number, for example 12.5",
        ),
    )
    assert error.message == (
        "The workbook bad.xlsx has 1 problem; the first: sheet Diagnosis and baseline, row 3, "
        "column H (Platelets): give a number, for example 12.5. Nothing was imported."
    )
    assert error.code == "spreadsheet.rejected"
    assert state(admin_ws) == before


@pytest.mark.parametrize(
    ("key", "values", "where", "message"),
    [
        (
            "patient",
            {"sex": "X"},
            ("Patient", 3, "B"),
            "not one of its choices (M – male, F – female); choose from the list",
        ),
        (
            "patient",
            {"sex": "M – female"},
            ("Patient", 3, "B"),
            "the code and the words after it do not match; choose again",
        ),
        ("patient", {"birth_year": 1955.5}, ("Patient", 3, "C"), "give a whole number"),
        (
            "patient",
            {"sex": "UNK"},
            ("Patient", 3, "B"),
            "'unknown' is not accepted here; choose from the list",
        ),
        (
            "patient",
            {"birth_year": "not done"},
            ("Patient", 3, "C"),
            "'not done' is not accepted here; give a whole number",
        ),
        (
            "diagnosis",
            {"wbc": "=85+1"},
            ("Diagnosis and baseline", 3, "F"),
            "a formula is not accepted; type the value",
        ),
        (
            "diagnosis",
            {"wbc": "#N/A"},
            ("Diagnosis and baseline", 3, "F"),
            "the cell shows an error; give a number",
        ),
        (
            "diagnosis",
            {"wbc": True},
            ("Diagnosis and baseline", 3, "F"),
            "TRUE or FALSE is not accepted; give a number",
        ),
        (
            "diagnosis",
            {"wbc": dt.date(2005, 1, 1)},
            ("Diagnosis and baseline", 3, "F"),
            "a date is not accepted here; give a number",
        ),
        (
            "imatinib",
            {"imatinib_start_date": "2005-03"},
            ("Imatinib therapy", 3, "B"),
            "give the full date as YYYY-MM-DD",
        ),
        (
            "imatinib",
            {"imatinib_start_date": "14/03/2005"},
            ("Imatinib therapy", 3, "B"),
            "give a date as YYYY-MM-DD (or YYYY-MM or YYYY where allowed)",
        ),
        (
            "imatinib",
            {"imatinib_start_date": "2005-02-30"},
            ("Imatinib therapy", 3, "B"),
            "this month has days 01 to 28",
        ),
        (
            "imatinib",
            {"imatinib_start_date": 38442},
            ("Imatinib therapy", 3, "B"),
            "give a date as YYYY-MM-DD (the cell holds a plain number)",
        ),
        (
            "imatinib",
            {"imatinib_start_date": dt.datetime(2005, 3, 14, 8, 30)},
            ("Imatinib therapy", 3, "B"),
            "the cell holds a time of day too; give the date only",
        ),
        (
            "imatinib",
            {"imatinib_start_date": dt.time(8, 30)},
            ("Imatinib therapy", 3, "B"),
            "a time or a duration is not accepted; give a date as YYYY-MM-DD",
        ),
        (
            "patient",
            {"prospective_study_name": "x" * 501},
            ("Patient", 3, "F"),
            "use at most 500 characters",
        ),
    ],
)
def test_each_kind_of_bad_value(
    definition: FormDefinition,
    template: Path,
    tmp_path: Path,
    key: str,
    values: dict[str, object],
    where: tuple[str, int, str],
    message: str,
) -> None:
    nurse = Nurse(template, definition)
    if key != "patient":
        nurse.line("patient", 1, {"sex": "M"})
    nurse.line(key, 1, values)
    error = rejected(definition, nurse.save(tmp_path / "bad.xlsx"))
    assert len(error.problems) == 1, error.problems
    problem = error.problems[0]
    assert (problem.sheet, problem.row, problem.column) == where
    assert problem.item == next(iter(values))
    assert problem.message == message


def test_a_month_shown_in_a_full_date_column_is_refused(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    row = nurse.line("patient", 1, {"sex": "M"})
    row = nurse.line("imatinib", 1, {"imatinib_start_date": dt.datetime(2005, 3, 1)})
    nurse.sheets["imatinib"].cell(row=row, column=2).number_format = "mmmm yyyy"
    error = rejected(definition, nurse.save(tmp_path / "month.xlsx"))
    assert [(p.column, p.message) for p in error.problems] == [
        ("B", "the cell shows only the month or year; type the full date")
    ]


def test_lines_labels_and_cases_that_do_not_fit_together(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M"})  # row 3
    nurse.line("patient", 2, {"sex": "F"})  # row 4
    nurse.line("patient", 1, {"sex": "F"})  # row 5: the label is used twice
    nurse.line("patient", None, {"sex": "F"})  # row 6: values without a label
    nurse.line("patient", dt.date(1950, 1, 2), {"sex": "F"})  # row 7: a date as label
    nurse.line("patient", "L" * 61, {"sex": "F"})  # row 8
    nurse.line("patient", "=ROW()", {"sex": "F"})  # row 9
    nurse.line("diagnosis", 2, {"wbc": 5})  # row 3
    nurse.line("diagnosis", 2, {"wbc": 6})  # row 4: one row per case on a form's sheet
    nurse.line("imatinib.doses", 1, {"dose_mg": 400})  # row 3: fine, repeats may share
    nurse.line("imatinib.doses", 1, {"dose_mg": 600})
    nurse.line("imatinib.doses", 9, {"dose_mg": 400})  # row 5: no such case
    error = rejected(definition, nurse.save(tmp_path / "lines.xlsx"))
    assert [(p.sheet, p.row, p.column, p.message) for p in error.problems] == [
        (
            "Patient",
            6,
            "A",
            "this row has values but no line label in column A; give the case's label",
        ),
        ("Patient", 7, "A", "a date is not a line label; use the line number of your list"),
        ("Patient", 8, "A", "a line label has at most 60 characters"),
        ("Patient", 9, "A", "a formula is not accepted; type the line label"),
        (
            "Patient",
            5,
            "A",
            "the line label '1' is already used on row 3; a case has one row on this sheet",
        ),
        (
            "Diagnosis and baseline",
            4,
            "A",
            "the line label '2' is already used on row 3; a case has one row on this sheet",
        ),
        (
            "Dose history",
            5,
            "A",
            "the line label '9' is not on the sheet Patient; add the case there, or correct "
            "the label",
        ),
    ]
    assert error.total == 7
    assert error.message.startswith(
        "The workbook lines.xlsx has 7 problems; the first: sheet Patient, row 6, column A: "
    )


def test_columns_and_sheets_that_are_not_the_template(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M"})
    patient = nurse.sheets["patient"]
    patient["H2"] = "hospital_number"  # a column of the site's own
    patient["I2"] = "wbc"  # belongs on another sheet
    patient["J2"] = "sokal_score"  # calculated
    patient["K2"] = "sex"  # twice
    patient["L3"] = "a note"  # values under no id
    patient["M2"] = "  "  # a blank id is no id
    patient["M3"] = 12
    notes = nurse.book.create_sheet("Notes")
    notes["A1"] = "call Dr X"
    nurse.book.create_sheet("Sheet1")  # empty: harmless
    copy = nurse.book.copy_worksheet(nurse.sheets["imatinib.doses"])
    copy.title = "Doses 2"
    error = rejected(definition, nurse.save(tmp_path / "columns.xlsx"))
    assert [(p.sheet, p.row, p.column, p.message) for p in error.problems] == [
        (
            "Patient",
            2,
            "H",
            "row 2 does not hold a column id of this form version; restore it from the "
            "template, or delete the column",
        ),
        (
            "Patient",
            2,
            "I",
            "'wbc' belongs on the sheet Diagnosis and baseline; move the column there",
        ),
        ("Patient", 2, "J", "'sokal_score' is calculated by cmlentry; delete this column"),
        ("Patient", 2, "K", "the column id 'sex' is already used by column B; keep one of them"),
        (
            "Patient",
            3,
            "L",
            "this column has values but no column id in row 2, so they would be lost; move "
            "them to the right column",
        ),
        (
            "Patient",
            3,
            "M",
            "this column has values but no column id in row 2, so they would be lost; move "
            "them to the right column",
        ),
        (
            "Notes",
            None,
            None,
            "this sheet is not part of the template, so its contents would not be imported; "
            "move them to the right sheet, or delete the sheet",
        ),
        (
            "Doses 2",
            None,
            None,
            "it repeats the sheet Dose history (the same key in cell A2); put their rows "
            "together on one sheet",
        ),
    ]


def test_a_damaged_id_row_or_a_missing_case_list(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M"})
    nurse.sheets["diagnosis"].delete_rows(2)
    error = rejected(definition, nurse.save(tmp_path / "ids.xlsx"))
    assert cells(error) == [("Diagnosis and baseline", None, None)]
    assert error.problems[0].message.startswith("row 2 must hold the ids of the template")
    nurse = Nurse(template, definition)
    nurse.line("diagnosis", 1, {"wbc": 5})
    del nurse.book["Patient"]
    error = rejected(definition, nurse.save(tmp_path / "no-roster.xlsx"))
    assert [p.describe() for p in error.problems] == [
        "the sheet Patient, which lists the cases, is missing (no sheet has 'patient' in cell "
        "A2); start from the template"
    ]


def test_an_empty_template_is_no_import(
    definition: FormDefinition, template: Path, admin_ws: Workspace
) -> None:
    before = state(admin_ws)
    with pytest.raises(SpreadsheetRejected) as caught:
        import_workbook(admin_ws, template, today=TODAY)
    assert [p.describe() for p in caught.value.problems] == [
        "sheet Patient: there is no case to import: fill at least one line on the sheet Patient"
    ]
    assert state(admin_ws) == before


def test_every_problem_is_counted_and_the_first_thousand_listed(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    for n in range(1, 601):
        nurse.line("patient", n, {"sex": "?", "birth_year": "?"})
    error = rejected(definition, nurse.save(tmp_path / "many.xlsx"))
    assert error.total == 1200
    assert len(error.problems) == 1000
    assert "has 1200 problems" in error.message


# --- all or nothing -----------------------------------------------------------------------------


def test_one_bad_cell_among_good_cases_imports_nothing(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    nurse = Nurse(template, definition)
    fill_case(nurse, definition, 1, COMPLETE)
    fill_case(nurse, definition, 2, SECOND)
    fill_case(nurse, definition, 3, COMPLETE)
    nurse.line("assessments.assessment", 3, {"assessment_date": "2006-13-01"})
    path = nurse.save(tmp_path / "one-bad.xlsx")
    CaseService(admin_ws, today=TODAY).create_case()
    before = state(admin_ws)
    with pytest.raises(SpreadsheetRejected) as caught:
        import_workbook(admin_ws, path, today=TODAY)
    bad_row = 2 + 2 * len(COMPLETE["assessments"]["assessment"]) + 3 + 1
    assert cells(caught.value) == [("Assessment", bad_row, "B")]
    assert state(admin_ws) == before


def test_a_failure_while_saving_rolls_every_case_back(
    definition: FormDefinition,
    template: Path,
    tmp_path: Path,
    admin_ws: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The registry numbers run out at the second case: the first is not kept either."""
    path = complete_workbook(template, definition, tmp_path / "two.xlsx")
    monkeypatch.setattr(cases_module, "MAX_SEQUENCE", 1)
    before = state(admin_ws)
    with pytest.raises(SequenceExhausted):
        import_workbook(admin_ws, path, today=TODAY)
    assert state(admin_ws) == before


def test_cancelling_leaves_the_workspace_unchanged(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    path = complete_workbook(template, definition, tmp_path / "two.xlsx")
    before = state(admin_ws)
    seen: list[int] = []

    def cancel_after_the_first_case() -> bool:
        return len([d for d in seen if d > 50]) >= 1

    with pytest.raises(Cancelled):
        import_workbook(
            admin_ws,
            path,
            today=TODAY,
            progress=lambda d, _t: seen.append(d),
            cancelled=cancel_after_the_first_case,
        )
    assert any(d > 50 for d in seen)  # it was cancelled while saving, not before
    assert state(admin_ws) == before


def test_the_same_file_is_not_imported_twice_unless_asked(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    path = complete_workbook(template, definition, tmp_path / "once.xlsx")
    import_workbook(admin_ws, path, today=TODAY)
    before = state(admin_ws)
    copy = tmp_path / "renamed copy.xlsx"
    copy.write_bytes(path.read_bytes())
    with pytest.raises(AlreadyImported) as caught:
        import_workbook(admin_ws, copy, today=TODAY)
    assert "already imported on 2026-11-21 (2 cases)" in caught.value.message
    assert state(admin_ws) == before
    again = import_workbook(admin_ws, copy, today=TODAY, allow_repeat=True)
    assert [c.registry_id for c in again.cases] == ["FR-086-0003-W", "FR-086-0004-J"]


def test_the_audit_trail_says_where_imported_values_came_from(
    definition: FormDefinition, template: Path, tmp_path: Path, admin_ws: Workspace
) -> None:
    from cmlentry.storage.models import AuditEvent

    path = complete_workbook(template, definition, tmp_path / "source list.xlsx")
    report = import_workbook(admin_ws, path, today=TODAY)
    with admin_ws.db.read() as session:
        reasons = set(
            session.scalars(select(AuditEvent.reason).where(AuditEvent.entity == "value")).all()
        )
        event = session.execute(
            select(AuditEvent.entity_id, AuditEvent.new_value).where(AuditEvent.action == "import")
        ).one()
    # The hash names the file; its name stays out of the trail (it might be a patient's name).
    assert reasons == {f"imported from a spreadsheet (SHA-256 {report.sha256[:16]})"}
    assert event.entity_id == report.sha256
    assert event.new_value == '{"cases": ["FR-086-0001-R", "FR-086-0002-Y"], "kind": "spreadsheet"}'
    with admin_ws.db.read() as session:
        texts = session.execute(select(AuditEvent.new_value, AuditEvent.reason)).all()
    assert not any("source list" in str(t) for t in texts)


def test_a_nurse_may_import(
    definition: FormDefinition, template: Path, tmp_path: Path, site: Any
) -> None:
    from tests.conftest import NURSE, NURSE_PASSWORD

    path = complete_workbook(template, definition, tmp_path / "nurse.xlsx")
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        report = import_workbook(ws, path, today=TODAY)
    assert len(report.cases) == 2


# --- hostile files ----------------------------------------------------------------------------


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def zipped(parts: Mapping[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def sheet_part(parts: Mapping[str, bytes], title: str) -> str:
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(title)}"[^>]*r:id="(rId\d+)"', workbook)
    if rid is None:
        rid = re.search(rf'<sheet[^>]*r:id="(rId\d+)"[^>]*name="{re.escape(title)}"', workbook)
    assert rid is not None
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(
        rf'Id="{rid[1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid[1]}"', rels
    )
    assert target is not None
    found = target[1] or target[2]
    return found.lstrip("/") if found.startswith("/") else f"xl/{found}"


def hostile_files(filled: Path) -> Iterator[tuple[str, bytes, type[WorkbookRefused], str]]:
    """(name, bytes, error, words in its message): one fault each."""
    parts = members(filled)
    patient = sheet_part(parts, "Patient")
    xml = parts[patient].decode()

    bomb = dict(parts)
    bomb["xl/media/padding.bin"] = b"\0" * (10 * 1024 * 1024)  # about 1000:1 deflated
    yield "zip bomb", zipped(bomb), WorkbookUnsafe, "would unpack"

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
        for n in range(100_000):
            package.writestr(f"x/{n}", b"")
    yield "100,000 members", buffer.getvalue(), WorkbookTooLarge, "100,"

    climbing = dict(parts)
    climbing["../../evil.xml"] = b"<x/>"
    yield "../ path", zipped(climbing), WorkbookUnsafe, "points outside the workbook"

    absolute = dict(parts)
    absolute["/etc/evil.xml"] = b"<x/>"
    yield "absolute path", zipped(absolute), WorkbookUnsafe, "points outside the workbook"

    twice = io.BytesIO()
    with zipfile.ZipFile(twice, "w") as package, pytest.warns(UserWarning):
        for name, data in parts.items():
            package.writestr(name, data)
        package.writestr(patient, parts[patient])
    yield "a part twice", twice.getvalue(), WorkbookUnsafe, "two parts are named"

    cfb = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4096)
    yield "CFB (.xls or password)", cfb, WorkbookProtected, "password-protected"

    data = filled.read_bytes()
    yield "truncated", data[: len(data) // 2], WorkbookDamaged, "end of the file is missing"
    yield "text", b"case,sex\n1,M\n", NotAWorkbook, "text file"
    yield "empty", b"", NotAWorkbook, "empty"
    yield (
        "xlsb",
        zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01"}),
        NotAWorkbook,
        "binary workbook (.xlsb)",
    )
    yield (
        "ods-like zip",
        zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
        NotAWorkbook,
        "OpenDocument",
    )

    broken = dict(parts)
    broken[patient] = xml.replace("<sheetData>", '<sheetData><row r="99"><c r="A99">').encode()
    yield "malformed XML", zipped(broken), WorkbookDamaged, "sheet Patient is not well-formed XML"

    laughs = dict(parts)
    laughs[patient] = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        + xml.split("?>", 1)[-1]
    ).encode()
    yield "entity expansion", zipped(laughs), WorkbookUnsafe, "DTD or entities"

    huge = dict(parts)
    huge[patient] = re.sub(
        r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', xml
    ).encode()
    yield "huge dimension", zipped(huge), WorkbookTooLarge, "reaches row 1,048,576"

    far = dict(parts)
    far[patient] = xml.replace(
        "</sheetData>",
        '<row r="200000"><c r="B200000" t="inlineStr"><is><t>M</t></is></c></row></sheetData>',
    ).encode()
    yield "a cell far below", zipped(far), WorkbookTooLarge, "reaches row 200,000"

    wide = dict(parts)
    wide[patient] = xml.replace(
        '<c r="B3"', '<c r="ZZ3" t="inlineStr"><is><t>x</t></is></c><c r="B3"'
    ).encode()
    yield "a cell far right", zipped(wide), WorkbookTooLarge, "column ZZ"

    layout = dict(parts)
    entries = "".join(f'<x a="{n * 7919 % 1_000_003:x}"/>' for n in range(120_000))
    layout["xl/styles.xml"] = (
        parts["xl/styles.xml"].decode().replace("</styleSheet>", f"<x>{entries}</x></styleSheet>")
    ).encode()
    yield "100,000 layout entries", zipped(layout), WorkbookTooLarge, "layout entries"

    runs = dict(parts)
    rich = "<r><t>a</t></r>" * 300
    runs[patient] = xml.replace(
        "</sheetData>",
        f'<row r="40"><c r="B40" t="inlineStr"><is>{rich}</is></c></row></sheetData>',
    ).encode()
    yield "300 text runs in a cell", zipped(runs), WorkbookTooLarge, "formatting runs"

    # A sheet may be called anything its relationship says: a name is no reason to skip it.
    disguised = {k: v for k, v in parts.items() if k != patient}
    hidden_name = "xl/media/picture.png"
    disguised[hidden_name] = far[patient]
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        disguised[name] = parts[name].replace(
            patient.split("/", 1)[1].encode(), b"media/picture.png"
        )
        disguised[name] = disguised[name].replace(
            f"/{patient}".encode(), f"/{hidden_name}".encode()
        )
    yield "a sheet named like a picture", zipped(disguised), WorkbookTooLarge, "sheet Patient"

    drawing = next(n for n in parts if n.endswith(".vml"))
    as_vml = {k: v for k, v in parts.items() if k != patient}
    as_vml[drawing] = far[patient]
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        as_vml[name] = parts[name].replace(
            patient.split("/", 1)[1].encode(), drawing.split("/", 1)[1].encode()
        )
        as_vml[name] = as_vml[name].replace(f"/{patient}".encode(), f"/{drawing}".encode())
    as_vml[drawing] = as_vml[drawing].replace(b"</worksheet>", b"<br></worksheet>")
    yield "a sheet named like a drawing", zipped(as_vml), WorkbookTooLarge, "reaches row 200,000"

    bad_index = dict(parts)
    bad_index[patient] = xml.replace(
        't="inlineStr"><is><t>patient</t></is>', 't="s"><v>99999</v>', 1
    ).encode()
    yield "shared string out of range", zipped(bad_index), WorkbookDamaged, "sheets cannot be read"

    no_book = {k: v for k, v in parts.items() if k != "xl/workbook.xml"}
    yield "no workbook part", zipped(no_book), WorkbookDamaged, "cannot be read"

    # zipfile cannot write an encrypted member: set the "encrypted" flag in every header.
    encrypted = bytearray(zipped(parts, zipfile.ZIP_STORED))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = encrypted.find(signature)
        while at >= 0:
            encrypted[at + flags_at] |= 0x1
            at = encrypted.find(signature, at + 4)
    yield "encrypted member", bytes(encrypted), WorkbookProtected, "password"

    odd = io.BytesIO()
    with zipfile.ZipFile(odd, "w") as package:
        for name, data in parts.items():
            package.writestr(
                name,
                data,
                compress_type=zipfile.ZIP_BZIP2 if name == patient else zipfile.ZIP_DEFLATED,
            )
    yield "bzip2 member", odd.getvalue(), WorkbookDamaged, "compression"

    flipped = bytearray(zipped(parts, zipfile.ZIP_STORED))
    at = flipped.find(b"<sheetData>")
    flipped[at + 3] ^= 0x20
    yield "CRC mismatch", bytes(flipped), WorkbookDamaged, "damaged"


HOSTILE_NAMES = [
    "zip bomb",
    "100,000 members",
    "../ path",
    "absolute path",
    "a part twice",
    "CFB (.xls or password)",
    "truncated",
    "text",
    "empty",
    "xlsb",
    "ods-like zip",
    "malformed XML",
    "entity expansion",
    "huge dimension",
    "a cell far below",
    "a cell far right",
    "100,000 layout entries",
    "300 text runs in a cell",
    "a sheet named like a picture",
    "a sheet named like a drawing",
    "shared string out of range",
    "no workbook part",
    "encrypted member",
    "bzip2 member",
    "CRC mismatch",
]


@pytest.fixture(scope="module")
def hostile(
    definition: FormDefinition, template_bytes: bytes, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[bytes, type[WorkbookRefused], str]]:
    """Every hostile file, built once (the 100,000-member zip takes a while)."""
    folder = tmp_path_factory.mktemp("hostile")
    template = folder / "template.xlsx"
    template.write_bytes(template_bytes)
    filled = complete_workbook(template, definition, folder / "filled.xlsx")
    return {name: (data, error, words) for name, data, error, words in hostile_files(filled)}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_workbooks_are_refused_with_nothing_changed(
    name: str,
    hostile: dict[str, tuple[bytes, type[WorkbookRefused], str]],
    tmp_path: Path,
    admin_ws: Workspace,
) -> None:
    data, error, words = hostile[name]
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(data)
    before = state(admin_ws)
    with pytest.raises(error) as caught:
        import_workbook(admin_ws, path, today=TODAY)
    assert type(caught.value) is error
    assert caught.value.message.startswith("hostile.xlsx ")
    assert words in caught.value.message
    assert (
        "Nothing was imported" in caught.value.message
        or "nothing was imported" in caught.value.message
    )
    assert state(admin_ws) == before


def test_every_hostile_kind_is_tested(
    hostile: dict[str, tuple[bytes, type[WorkbookRefused], str]],
) -> None:
    assert sorted(hostile) == sorted(HOSTILE_NAMES)
    assert len(HOSTILE_NAMES) == len(set(HOSTILE_NAMES)) == 25
    assert MAX_MEMBERS < 100_000


def test_excel_drawings_that_are_not_well_formed_xml_are_tolerated(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    """Excel writes comment and button drawings (VML) with an unclosed <br>; openpyxl never
    reads them in read-only mode, so they must not make a good workbook unreadable."""
    parts = members(complete_workbook(template, definition, tmp_path / "filled.xlsx"))
    drawing = next(n for n in parts if n.endswith(".vml"))
    parts[drawing] = re.sub(rb"(</[\w]*:?ClientData>)", rb"<br>\1", parts[drawing], count=1)
    assert b"<br>" in parts[drawing]
    path = tmp_path / "vml.xlsx"
    path.write_bytes(zipped(parts))
    assert [c.label for c in read_workbook(definition, path).cases] == ["1", "B-2"]


def test_files_that_are_not_there_or_too_big(tmp_path: Path) -> None:
    definition = installed_definitions().current
    with pytest.raises(WorkbookNotFound):
        read_workbook(definition, tmp_path / "missing.xlsx")
    with pytest.raises(WorkbookNotFound):
        read_workbook(definition, tmp_path)
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + bytes(21 * 1024 * 1024))
    with pytest.raises(WorkbookTooLarge) as caught:
        read_workbook(definition, big)
    assert "over 20 MB" in caught.value.message


def test_formula_cells_anywhere_are_refused_by_name(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M", "birth_year": "=1900+55"})
    nurse.line("diagnosis", 1, {"platelets": "=SUM(1,2)", "wbc": '=HYPERLINK("http://x","85")'})
    error = rejected(definition, nurse.save(tmp_path / "formulas.xlsx"))
    assert [(p.describe()) for p in error.problems] == [
        "sheet Patient, row 3, column C (Year of birth): a formula is not accepted; type the value",
        "sheet Diagnosis and baseline, row 3, column F (White blood cells): a formula is not "
        "accepted; type the value",
        "sheet Diagnosis and baseline, row 3, column H (Platelets): a formula is not accepted; "
        "type the value",
    ]


def test_text_that_only_looks_like_a_formula_is_text(
    definition: FormDefinition, template: Path, tmp_path: Path
) -> None:
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"prospective_study": "Y"})
    nurse.put("patient", 3, "prospective_study_name", "=CML-IV")
    cell = nurse.sheets["patient"].cell(row=3, column=6)
    cell.data_type = "s"  # typed with a leading apostrophe in Excel
    imported = read_workbook(definition, nurse.save(tmp_path / "text.xlsx"))
    assert imported.cases[0].forms["patient"]["patient"][0]["prospective_study_name"] == Entry(
        "=CML-IV"
    )


# --- property: arbitrary cells never raise anything but the typed errors ----------------------

_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40).map(
    lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)
)
CELL_VALUES = st.one_of(
    st.none(),
    _TEXT,
    st.sampled_from(
        [
            "=1+1",
            "+A1",
            "-3",
            "@SUM(A1)",
            "\tx",
            '=HYPERLINK("http://x")',
            "M – male",
            "UNK",
            "not done",
            "2005-03",
            "2005-02-30",
            "patient",
            "imatinib.doses",
            "wbc",
            "#N/A",
            "#REF!",
        ]
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 1, 1)),
    st.booleans(),
)
PLANS = sheet_plans(installed_definitions().current)
EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(PLANS) - 1),
        st.integers(min_value=2, max_value=6),
        st.integers(min_value=1, max_value=22),
        CELL_VALUES,
    ),
    min_size=1,
    max_size=6,
)


def lean_workbook(definition: FormDefinition, edits: list[tuple[int, int, int, Any]]) -> bytes:
    """A workbook like the template's data sheets (without its decorations), COMPLETE as line
    1, then ``edits`` typed over it."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for plan in PLANS:
        sheet = book.create_sheet(plan.title)
        sheet.cell(row=2, column=1, value=plan.key)
        for column, item in enumerate(plan.items, start=2):
            sheet.cell(row=2, column=column, value=item.id)
        rows = (
            COMPLETE.get(plan.form.id, {}).get(plan.groups[0].id, [])
            if plan.repeating
            else [
                {
                    k: e
                    for g in plan.groups
                    for r in COMPLETE.get(plan.form.id, {}).get(g.id, [])[:1]
                    for k, e in r.items()
                }
            ]
        )
        for number, row in enumerate(rows, start=3):
            sheet.cell(row=number, column=1, value=1)
            for column, item in enumerate(plan.items, start=2):
                entry = row.get(item.id)
                if entry is not None:
                    sheet.cell(
                        row=number, column=column, value=as_typed(definition, item, entry, column)
                    )
    for index, at_row, column, value in edits:
        book[PLANS[index].title].cell(row=at_row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_arbitrary_cells_end_in_a_typed_error_or_an_exact_import(
    edits: list[tuple[int, int, int, Any]], tmp_path: Path, admin_ws: Workspace
) -> None:
    definition = installed_definitions().current
    path = tmp_path / "arbitrary.xlsx"
    path.write_bytes(lean_workbook(definition, edits))
    before = state(admin_ws)
    try:
        report = import_workbook(admin_ws, path, today=TODAY, allow_repeat=True)
    except (WorkbookRefused, SpreadsheetRejected) as error:
        event(f"refused: {error.code}")
        assert state(admin_ws) == before
        return
    event("imported")
    cases, _audit = state(admin_ws)
    assert cases == before[0] + len(report.cases)
    read = read_workbook(definition, path)
    for case, outcome in zip(read.cases, report.cases, strict=True):
        got = stored(admin_ws, outcome.registry_id)
        for form_id, groups in case.forms.items():
            for group_id, rows in groups.items():
                assert got[form_id][group_id] == [dict(r) for r in rows]


def test_the_fuzz_harness_finds_nothing_and_its_controls_do(tmp_path: Path) -> None:
    """A short run of tests/harness/fuzz_xlsx.py, with both negative controls."""
    from tests.harness import fuzz_xlsx

    result = fuzz_xlsx.run(cases=100, control_cases=80, seed=20261121, folder=tmp_path)
    assert result.main.unexpected == 0, result.main.examples
    assert result.main.partial == 0, result.main.examples
    assert result.main.total == 100
    assert result.leaky.unexpected > 0
    assert result.non_atomic.partial > 0
    assert result.ok
