"""``cmlentry cases template`` and ``cmlentry cases import``: a line list in, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmlentry.cli import EXIT_FAILED, EXIT_OK
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.spreadsheet import write_template
from tests.cli.test_cli import assert_one_sentence, env, run, ws
from tests.services.test_spreadsheet import Nurse, complete_workbook

__all__ = ["env", "ws"]  # fixtures used here by name


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(installed_definitions().current, path)
    return path


def listed(ws: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, _, err, lines = run(["cases", "list", "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    return lines


def test_template_goes_to_the_current_folder_and_never_over_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err, lines = run(["cases", "template"], capsys)
    assert code == EXIT_OK, err
    written = tmp_path / "cmlentry-entry-template.xlsx"
    assert lines == [
        f"Entry template written: {written}",
        "Form cml-ifp-1.0: 11 sheets to fill, 84 columns; the 'Read me' sheet says how.",
    ]
    before = written.read_bytes()
    code, _, err, _ = run(["cases", "template"], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already exists", "nothing was written")
    assert written.read_bytes() == before
    code, _, err, _ = run(["cases", "template", "--to", str(tmp_path / "other.xlsx")], capsys)
    assert code == EXIT_OK, err
    assert (tmp_path / "other.xlsx").stat().st_size > 10_000


def test_import_prints_each_line_label_with_its_registry_id(
    ws: Path, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = complete_workbook(template, installed_definitions().current, tmp_path / "list.xlsx")
    code, _, err, lines = run(["cases", "import", str(path), "--workspace", str(ws)], capsys)
    assert code == EXIT_OK, err
    assert lines[0] == "  1 → FR-086-0001-R"
    assert lines[1].startswith("B-2 → FR-086-0002-Y  (")
    assert lines[1].endswith(" to resolve)")
    assert lines[2] == (
        "Imported 2 cases from list.xlsx as drafts; 1 has findings to resolve in cmlentry."
    )
    assert [line.split()[:2] for line in listed(ws, capsys)[1:]] == [
        ["FR-086-0001-R", "draft"],
        ["FR-086-0002-Y", "draft"],
    ]
    # The same file again is refused, in one sentence, unless asked for with --again.
    code, _, err, _ = run(["cases", "import", str(path), "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already imported", "Nothing was changed")
    assert len(listed(ws, capsys)) == 3
    code, _, err, lines = run(
        ["cases", "import", str(path), "--again", "--workspace", str(ws)], capsys
    )
    assert code == EXIT_OK, err
    assert lines[0] == "  1 → FR-086-0003-W"


def test_a_workbook_with_problems_lists_them_all_and_imports_nothing(
    ws: Path, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    definition = installed_definitions().current
    nurse = Nurse(template, definition)
    nurse.line("patient", 1, {"sex": "M", "birth_year": 1955})
    nurse.line("patient", 2, {"sex": "male?", "birth_year": "=1900+56"})
    nurse.line("diagnosis", 3, {"wbc": 10})
    path = nurse.save(tmp_path / "bad list.xlsx")
    code, _, err, lines = run(["cases", "import", str(path), "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert lines == [
        "Problems in bad list.xlsx (nothing was imported):",
        "  sheet Patient, row 4, column B (Sex): not one of its choices (M – male, F – female); "
        "choose from the list",
        "  sheet Patient, row 4, column C (Year of birth): a formula is not accepted; type the "
        "value",
        "  sheet Diagnosis and baseline, row 3, column A: the line label '3' is not on the sheet "
        "Patient; add the case there, or correct the label",
    ]
    assert_one_sentence(
        err,
        "The workbook bad list.xlsx has 3 problems; the first: sheet Patient, row 4, column B "
        "(Sex): not one of its choices",
        "Nothing was imported.",
    )
    assert listed(ws, capsys) == ["No cases yet."]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600), "password-protected or in the old .xls"),
        (b"case;sex\n1;M\n", "is not an Excel workbook (.xlsx)"),
        (b"PK\x03\x04" + bytes(100), "damaged or incomplete"),
    ],
)
def test_files_that_are_not_workbooks_are_one_sentence(
    ws: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    words: str,
) -> None:
    path = tmp_path / "cases.xlsx"
    path.write_bytes(content)
    code, _, err, lines = run(["cases", "import", str(path), "--workspace", str(ws)], capsys)
    assert code == EXIT_FAILED
    assert lines == []
    assert_one_sentence(err, "cases.xlsx", words, "nothing was imported")
    assert listed(ws, capsys) == ["No cases yet."]


def test_a_missing_file(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err, _ = run(
        ["cases", "import", str(tmp_path / "nowhere.xlsx"), "--workspace", str(ws)], capsys
    )
    assert code == EXIT_FAILED
    assert_one_sentence(err, "nowhere.xlsx cannot be opened (there is no such file)")
