"""The Excel export, written and opened again: sheets, cells, codebook, charts and safety."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from cmlentry.domain.survival import kaplan_meier
from cmlentry.errors import Cancelled
from cmlentry.services.reports import workbook
from cmlentry.services.reports.listing import (
    CODEBOOK_COLUMNS,
    LABELS,
    REPLACEMENT,
    DefinitionMismatch,
    listings,
)
from cmlentry.services.reports.registry_report import RegistryReport
from cmlentry.services.reports.workbook import (
    MAX_CELL_TEXT,
    WorkbookExport,
    step_points,
    write_workbook,
)
from cmlentry.services.spreadsheet import TargetExists
from tests.services.reports.test_listing import (
    AT_SUM,
    HYPERLINK,
    LONG,
    NON_ASCII,
    PLUS_CMD,
    Central,
    build_report,
    make_central,
)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Central:
    return make_central(tmp_path_factory.mktemp("central"))


@pytest.fixture(scope="module")
def report(central: Central) -> RegistryReport:
    return build_report(central)


@pytest.fixture(scope="module")
def golden(
    central: Central, report: RegistryReport, tmp_path_factory: pytest.TempPathFactory
) -> tuple[WorkbookExport, Any]:
    path = tmp_path_factory.mktemp("golden") / "registry.xlsx"
    written = write_workbook(path, central.records, central.definition, report=report)
    return written, load_workbook(path)


def data_rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=3, values_only=True))


def case_row(sheet: Any, case: str, index: int = 0) -> dict[str, Any]:
    names = [c.value for c in sheet[2]]
    rows = [row for row in sheet.iter_rows(min_row=3) if row[0].value == case]
    return dict(zip(names, rows[index], strict=True))


def refs(chart: Any) -> list[tuple[str | None, str]]:
    return [
        (s.xVal.numRef.f if s.xVal is not None else None, (s.yVal or s.val).numRef.f)
        for s in chart.series
    ]


# --- the golden workbook ------------------------------------------------------------------


def test_the_sheets_in_order_with_their_headers(
    central: Central, golden: tuple[WorkbookExport, Any]
) -> None:
    written, book = golden
    found = listings(central.definition)
    assert book.sheetnames == [
        "About", "Report", "Registrations", "PFS", *(x.title for x in found), "Codebook",
    ]  # fmt: skip
    assert list(written.sheets) == book.sheetnames
    for listing in found:
        sheet = book[listing.title]
        assert [c.value for c in sheet[1]] == [c.heading for c in listing.columns]
        assert [c.value for c in sheet[2]] == [c.name for c in listing.columns]
        assert len(data_rows(sheet)) == written.rows[listing.title]
        assert sheet.freeze_panes == "B3"
        assert sheet.auto_filter.ref == f"A2:{sheet.cell(2, sheet.max_column).column_letter}" + (
            f"{written.rows[listing.title] + 2}"
        )
    patient = book["Patient"]
    assert [row[0] for row in data_rows(patient)] == [r["id"] for r in central.records]
    assert written.cases == len(central.records)


def test_cells_hold_codes_numbers_and_dates_as_stored(
    central: Central, golden: tuple[WorkbookExport, Any]
) -> None:
    _written, book = golden
    hostile = central.hostile["id"]
    demo = central.records[0]
    stored = demo["forms"]["patient"]["groups"]["patient"][0]["values"]
    patient = case_row(book["Patient"], demo["id"])
    assert patient["sex"].value == stored["sex"]["value"]
    assert patient["birth_year"].value == int(stored["birth_year"]["value"])
    assert patient["birth_year"].data_type == "n"
    baseline = case_row(book["Diagnosis and baseline"], hostile)
    assert baseline["haemoglobin"].value == -2 and baseline["haemoglobin"].data_type == "n"
    assert baseline["wbc"].value == "12,5 G/L" and baseline["wbc"].data_type == "s"
    assert baseline["diagnosis_date"].value == "2004-03"
    assert baseline["platelets"].value == "ND"
    doses = [case_row(book["Dose history"], hostile, i)["dose_mg"] for i in (0, 1)]
    assert [(d.value, d.data_type) for d in doses] == [(-2, "n"), (600, "n")]
    text = case_row(book["Decision after failure"], hostile)["next_treatment_specify"]
    assert (text.value, text.data_type) == ("-2", "s")


def test_labels_instead_of_codes(central: Central, tmp_path: Path) -> None:
    path = tmp_path / "labels.xlsx"
    write_workbook(path, central.records, central.definition, style=LABELS)
    book = load_workbook(path)
    assert book.sheetnames[0] == "About" and "Report" not in book.sheetnames
    demo = central.records[0]
    code = demo["forms"]["patient"]["groups"]["patient"][0]["values"]["sex"]["value"]
    assert (
        case_row(book["Patient"], demo["id"])["sex"].value
        == (central.definition.codelists["sex"][code])
    )
    assert case_row(book["Patient"], central.hostile["id"])["birth_month"].value == "unknown"


def test_the_codebook_sheet(central: Central, golden: tuple[WorkbookExport, Any]) -> None:
    _written, book = golden
    sheet = book["Codebook"]
    assert [c.value for c in sheet[1]] == list(CODEBOOK_COLUMNS)
    rows = [
        dict(zip(CODEBOOK_COLUMNS, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    sex = next(r for r in rows if r["column"] == "sex")
    codes = central.definition.codelists["sex"]
    assert sex["codes"].split("\n") == [f"{c} – {label}" for c, label in codes.items()]
    assert (sex["listing"], sex["type"], sex["version"]) == ("patient", "code", "1.0")
    assert len(rows) == sum(len(x.items) for x in listings(central.definition))


def test_registrations_sheet_and_its_line_and_bar_charts(
    report: RegistryReport, golden: tuple[WorkbookExport, Any]
) -> None:
    written, book = golden
    sheet = book["Registrations"]
    months = report.tables.registrations.months
    values = list(sheet.iter_rows(min_row=3, max_row=2 + len(months), values_only=True))
    assert [v[0] for v in values] == [m.label for m in months]
    assert [v[1] for v in values] == [m.registered for m in months]
    cumulative = [v[2] for v in values]
    assert cumulative == sorted(cumulative)
    assert cumulative[-1] == sum(v[1] for v in values) == report.tables.registrations.patients
    charts = sheet._charts
    assert [type(c).__name__ for c in charts] == ["LineChart", "BarChart"]
    last = 2 + len(months)
    assert refs(charts[0]) == [(None, f"'Registrations'!$C$3:$C${last}")]
    assert refs(charts[1]) == [(None, f"'Registrations'!$B$3:$B${last}")]
    for chart in charts:
        assert chart.series[0].cat.numRef.f == f"'Registrations'!$A$3:$A${last}" or (
            chart.series[0].cat.strRef.f == f"'Registrations'!$A$3:$A${last}"
        )
        assert chart.x_axis.delete is False and chart.y_axis.delete is False
    assert written.charts["Registrations"] == 2


def test_the_kaplan_meier_curve_is_a_scatter_chart_of_steps_with_its_band(
    report: RegistryReport, golden: tuple[WorkbookExport, Any]
) -> None:
    written, book = golden
    path = written.path
    curve = report.endpoints.pfs.curve
    assert curve is not None and curve.steps
    sheet = book["PFS"]
    chart = sheet._charts[0]
    assert type(chart).__name__ == "ScatterChart" and chart.scatterStyle == "line"
    points = [r[:4] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    last = 3 + len(points)
    x = f"'PFS'!$A$4:$A${last}"
    assert refs(chart)[:3] == [(x, f"'PFS'!${c}$4:${c}${last}") for c in "BCD"]
    # openpyxl reads <symbol val="none"/> back as None: the file says "none" (checked below).
    assert all(s.marker is not None and s.marker.symbol is None for s in chart.series[:3])
    assert [s.smooth for s in chart.series[:3]] == [False] * 3
    assert chart.series[1].graphicalProperties.line.prstDash == "dash"
    # A step function: time never goes back, the estimate never rises, each event time
    # appears twice (before and after its drop), and the band holds the estimate.
    times = [p[0] for p in points]
    assert times == sorted(times) and points[0] == (0, 1, 1, 1)
    assert [p[1] for p in points] == sorted((p[1] for p in points), reverse=True)
    assert all(low <= est <= up for _t, est, low, up in points)
    for step in curve.steps:
        at = [p for p in points if p[0] == pytest.approx(step.time)]
        assert len(at) == 2 and at[1][1] == pytest.approx(step.survival)
    assert times[-1] == pytest.approx(curve.last_time)
    marks = chart.series[3]
    assert marks.marker.symbol == "plus"
    assert refs(chart)[3][0] == f"'PFS'!$F$4:$F${3 + len(curve.censored_times)}"
    with zipfile.ZipFile(path) as archive:
        xml = next(
            text
            for name in archive.namelist()
            if name.startswith("xl/charts/")
            and b">Progression-free survival<" in (text := archive.read(name))
        )
    assert xml.count(b'<symbol val="none" />') == 3 and b'<smooth val="1"' not in xml


def test_the_report_sheet_prints_the_options_beside_the_figures(
    report: RegistryReport, golden: tuple[WorkbookExport, Any]
) -> None:
    _written, book = golden
    cells = {row[0]: row[1:] for row in book["Report"].iter_rows(values_only=True) if row[0]}
    assert cells["Events ending PFS"][0] == report.options.event_set.label
    assert cells["95 % confidence interval"][0] == report.options.ci.value
    assert cells["Patients counted"][0] == report.patients
    chr_ = report.endpoints.chr_any_time
    assert cells["Complete haematologic response"][:2] == (chr_.count, chr_.total)


# --- safety -----------------------------------------------------------------------------------


def test_openpyxl_alone_writes_formulas_errors_and_corrupt_files() -> None:
    """Why the guards exist: each of these openpyxl behaviours is what the export prevents."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("S")
    sheet.append([HYPERLINK, "#REF!", "a\ud800b"])
    buffer = io.BytesIO()
    book.save(buffer)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    assert b"<f>HYPERLINK(" in xml and b't="e"' in xml and b"&#55296;" in xml
    with pytest.raises(Exception, match="invalid character"):
        load_workbook(io.BytesIO(buffer.getvalue()))


def test_hostile_texts_stay_inert_text_and_every_cell_can_be_read(
    central: Central, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.xlsx"
    written = write_workbook(path, [central.hostile, central.injected], central.definition)
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = b"".join(archive.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml and b't="e"' not in xml
    assert b"_x005F_x003D_1+1" in xml  # Excel shows the text as typed, not "=1+1"
    book = load_workbook(path)  # no character XML cannot carry: it parses
    hostile, injected = central.hostile["id"], central.injected["id"]
    for sheet, case, name, text in (
        ("Patient", hostile, "prospective_study_name", HYPERLINK),
        ("Patient", hostile, "sex", "=1+1"),
        ("Prior therapy", hostile, "prior_other_specify", PLUS_CMD),
        ("Diagnosis and baseline", hostile, "aca_karyotype", AT_SUM),
        ("Decision after failure", hostile, "next_treatment_specify", "-2"),
    ):
        found = case_row(book[sheet], case)[name]
        assert (found.value, found.data_type, found.quotePrefix) == (text, "s", True)
    events = [case_row(book["Adverse event"], hostile, i)["ae_term_other"] for i in range(5)]
    long, error_like = events[0], events[1]
    assert len(long.value) == MAX_CELL_TEXT and long.value.endswith("…")
    assert long.value[:-1] == LONG[: MAX_CELL_TEXT - 1]
    assert (error_like.value, error_like.data_type) == ("#REF!", "s")
    decision = case_row(book["Decision after failure"], hostile)["mutation_text"]
    assert decision.value == NON_ASCII
    injected_texts = [
        case_row(book["Adverse event"], injected, i)["ae_term_other"].value for i in range(5)
    ]
    # XML turns a carriage return in element text into a line feed.
    assert injected_texts == [
        "\tTAB then text", "\nCR then text", f"bell{REPLACEMENT}here",
        f"lone {REPLACEMENT} surrogate", REPLACEMENT,
    ]  # fmt: skip
    assert written.truncated_cells == 1  # the injected copy has other texts in those rows
    assert written.replaced_characters == 3
    assert written.neutralised_cells >= 2 * 6


def test_sheet_streams_stay_beside_the_target_never_in_the_system_temp_folder(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    out = tmp_path / "out"
    out.mkdir()
    write_workbook(out / "registry.xlsx", central.records, central.definition)
    assert list(system_temp.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["registry.xlsx"]


def test_an_existing_file_is_never_replaced(central: Central, tmp_path: Path) -> None:
    path = tmp_path / "registry.xlsx"
    path.write_bytes(b"mine")
    with pytest.raises(TargetExists):
        write_workbook(path, central.records, central.definition)
    assert path.read_bytes() == b"mine"


def test_a_report_of_other_cases_than_the_listings_is_refused(
    central: Central, report: RegistryReport, tmp_path: Path
) -> None:
    """As when a batch is imported between the report's read and the listings' read."""
    path = tmp_path / "registry.xlsx"
    with pytest.raises(workbook.WorkbookDataChanged) as refused:
        write_workbook(path, central.records[:-1], central.definition, report=report)
    assert refused.value.params == {"report": report.patients, "listed": report.patients - 1}
    assert list(tmp_path.iterdir()) == []


def test_a_failed_or_cancelled_export_leaves_nothing(central: Central, tmp_path: Path) -> None:
    other = {**central.records[-1], "definition": "cml-ifp-9.9"}
    with pytest.raises(DefinitionMismatch):
        write_workbook(tmp_path / "a.xlsx", [*central.records, other], central.definition)
    with pytest.raises(Cancelled):
        write_workbook(tmp_path / "b.xlsx", central.records, central.definition,
                       cancelled=lambda: True)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_step_points_of_a_known_curve() -> None:
    """Times 1, 2+ (censored), 3, 3: Ŝ is 3/4 after 1, then 0 after the two events at 3."""
    curve = kaplan_meier([1, 2, 3, 3], [1, 0, 1, 1])
    points = step_points(curve)
    assert [t for t, _s, _low, _up in points] == [0, 1, 1, 3, 3]
    assert [s for _t, s, _low, _up in points] == pytest.approx([1, 1, 0.75, 0.75, 0.0])
    # The band steps with the estimate: at each drop the limits are the step's own.
    assert points[2][2:] == (curve.steps[0].lower, curve.steps[0].upper)
    assert points[1][2:] == (1.0, 1.0)


def test_a_listing_past_excels_row_limit_goes_on_in_a_sheet_right_after_it(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel has 1,048,576 rows: a long listing (100,000 cases' assessments) is continued."""
    monkeypatch.setattr(workbook, "ROWS_PER_SHEET", 4)
    path = tmp_path / "long.xlsx"
    written = write_workbook(path, central.records, central.definition)
    book = load_workbook(path)
    total = written.rows["Assessment"]
    parts = ["Assessment", *(f"Assessment ({n})" for n in range(2, (total + 3) // 4 + 1))]
    start = book.sheetnames.index("Assessment")
    assert book.sheetnames[start : start + len(parts)] == parts
    everything = [row for title in parts for row in data_rows(book[title])]
    assert [len(data_rows(book[t])) for t in parts[:-1]] == [4] * (len(parts) - 1)
    assert all([c.value for c in book[t][2]] == [c.value for c in book["Assessment"][2]]
               for t in parts)  # fmt: skip
    expected = [
        (record["id"], n)
        for record in central.records
        for n, _row in enumerate(
            record["forms"].get("assessments", {}).get("groups", {}).get("assessment", []),
            start=1,
        )
    ]
    assert [(row[0], row[4]) for row in everything] == expected
