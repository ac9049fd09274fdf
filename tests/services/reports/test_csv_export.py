"""CSV export: one file per listing and the codebook, UTF-8, neutralised, written atomically."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import pytest

from cmlentry.errors import Cancelled
from cmlentry.services.batches.record import Record
from cmlentry.services.reports.csv_export import CODEBOOK_FILE, neutralise, write_csv
from cmlentry.services.reports.listing import (
    CODEBOOK_COLUMNS,
    LABELS,
    REPLACEMENT,
    DefinitionMismatch,
    listings,
)
from cmlentry.services.spreadsheet import TargetExists
from tests.services.reports.test_listing import (
    AT_SUM,
    ERROR_LIKE,
    HYPERLINK,
    LONG,
    NON_ASCII,
    PLUS_CMD,
    Central,
    make_central,
)

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Central:
    return make_central(tmp_path_factory.mktemp("central"))


def read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    data = path.read_bytes()
    text = data.removeprefix(BOM).decode("utf-8")  # strict: a lone surrogate would fail here
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def cell(rows: list[dict[str, str]], case: str, name: str, index: int = 0) -> str:
    return [r for r in rows if r["case_id"] == case][index][name]


def test_one_file_per_listing_and_the_codebook_with_headers_and_one_row_per_case(
    central: Central, tmp_path: Path
) -> None:
    out = write_csv(tmp_path / "export", central.records, central.definition)
    found = listings(central.definition)
    assert out.files == (*(f"{x.key}.csv" for x in found), CODEBOOK_FILE)
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(out.files)
    assert [p.name for p in tmp_path.iterdir()] == ["export"]  # no staging folder left
    assert out.cases == len(central.records)
    for listing in found:
        path = tmp_path / "export" / f"{listing.key}.csv"
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [c.name for c in listing.columns]
        rows = read(path)
        assert out.rows[path.name] == len(rows)
        if not listing.repeating:
            assert [r["case_id"] for r in rows] == [r["id"] for r in central.records]
    codebook = read(tmp_path / "export" / CODEBOOK_FILE)
    assert list(codebook[0]) == list(CODEBOOK_COLUMNS)
    sex = next(r for r in codebook if r["column"] == "sex")
    sexes = central.definition.codelists["sex"]
    assert sex["codes"].splitlines() == [f"{c} – {label}" for c, label in sexes.items()]


def test_utf_8_with_a_bom_by_default_and_without_on_request(
    central: Central, tmp_path: Path
) -> None:
    write_csv(tmp_path / "bom", central.records, central.definition)
    write_csv(tmp_path / "plain", central.records, central.definition, bom=False)
    with_bom = (tmp_path / "bom" / "decision.csv").read_bytes()
    without = (tmp_path / "plain" / "decision.csv").read_bytes()
    assert with_bom.startswith(BOM) and not without.startswith(BOM)
    assert with_bom[len(BOM) :] == without
    assert NON_ASCII.encode("utf-8") in without.replace(b"\r\n", b"\n")


def test_formula_injection_is_neutralised_and_a_negative_number_stays_a_number(
    central: Central, tmp_path: Path
) -> None:
    out = write_csv(tmp_path / "export", [central.hostile], central.definition)
    case = central.hostile["id"]
    folder = tmp_path / "export"
    patient, prior = read(folder / "patient.csv"), read(folder / "prior_therapy.csv")
    assert cell(patient, case, "prospective_study_name") == "'" + HYPERLINK
    assert cell(patient, case, "sex") == "'=1+1"
    assert cell(prior, case, "prior_other_specify") == "'" + PLUS_CMD
    assert cell(read(folder / "diagnosis.csv"), case, "aca_karyotype") == "'" + AT_SUM
    assert cell(read(folder / "decision.csv"), case, "next_treatment_specify") == "'-2"
    raw = (folder / "imatinib.doses.csv").read_text(encoding="utf-8-sig")
    assert ",-2," in raw.splitlines()[1]  # unquoted: a spreadsheet reads a number
    assert cell(read(folder / "diagnosis.csv"), case, "haemoglobin") == "-2"
    events = [r["ae_term_other"] for r in read(folder / "toxicity.adverse_event.csv")]
    assert events == [LONG, ERROR_LIKE, "_x003D_1+1", "'-2", "plain"]  # a CSV has no cell limit
    assert out.neutralised_cells == 6


def test_tabs_carriage_returns_and_characters_xml_cannot_carry(
    central: Central, tmp_path: Path
) -> None:
    out = write_csv(tmp_path / "export", [central.injected], central.definition)
    events = [r["ae_term_other"] for r in read(tmp_path / "export" / "toxicity.adverse_event.csv")]
    assert events == [
        "'\tTAB then text",
        "'\rCR then text",
        f"bell{REPLACEMENT}here",
        f"lone {REPLACEMENT} surrogate",
        REPLACEMENT,
    ]
    assert out.replaced_characters == 3


def test_a_separator_inside_a_text_never_starts_a_cell(central: Central, tmp_path: Path) -> None:
    """A text like 'a;=1+1' opened with ';' as separator must stay one cell (all texts quoted)."""
    record = _with_text(central.hostile, "a;=1+1,b")
    write_csv(tmp_path / "semi", [record], central.definition, delimiter=";")
    rows = read(tmp_path / "semi" / "decision.csv", delimiter=";")
    assert rows[0]["mutation_text"] == "a;=1+1,b"
    line = (tmp_path / "semi" / "decision.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert '"a;=1+1,b"' in line


def test_labels_instead_of_codes(central: Central, tmp_path: Path) -> None:
    write_csv(tmp_path / "labels", central.records, central.definition, style=LABELS)
    rows = read(tmp_path / "labels" / "patient.csv")
    labels = set(central.definition.codelists["sex"].values())
    demo = [r for r in rows if r["case_id"] not in (central.hostile["id"],) and r["sex"]]
    assert demo and all(r["sex"] in labels for r in demo)
    assert cell(rows, central.hostile["id"], "birth_month") == "unknown"


def test_an_existing_folder_is_refused_and_an_empty_one_is_filled(
    central: Central, tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    with pytest.raises(TargetExists):
        write_csv(taken, central.records, central.definition)
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    write_csv(empty, central.records, central.definition)
    assert (empty / CODEBOOK_FILE).exists()


def test_a_failed_or_cancelled_export_leaves_nothing(central: Central, tmp_path: Path) -> None:
    other = {**central.records[-1], "definition": "cml-ifp-9.9"}
    with pytest.raises(DefinitionMismatch):
        write_csv(tmp_path / "failed", [*central.records, other], central.definition)
    with pytest.raises(Cancelled):
        write_csv(tmp_path / "cancelled", central.records, central.definition,
                  cancelled=lambda: True)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_the_cases(central: Central, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_csv(tmp_path / "p", central.records, central.definition,
              progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert seen[0] == (0, len(central.records)) and seen[-1] == (len(central.records),) * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("a=1", "a=1"), ("", ""), ("1-2", "1-2"),
    ],
)  # fmt: skip
def test_neutralise_follows_owasp(text: str, expected: str) -> None:
    assert neutralise(text) == (expected, expected != text)


def _with_text(record: Record, text: str) -> Record:
    changed = copy.deepcopy(record)
    changed["forms"]["decision"]["groups"]["decision"][0]["values"]["mutation_text"] = {
        "value": text
    }
    return changed
