"""``cmlentry report`` end to end, as a coordinator's monthly script runs it: a real registry
that imported batches from two sites, each format written and read back, the options reaching
the workbook and the summary, and every refusal one sentence with nothing written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

from cmlentry.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from cmlentry.cli_report import pfs_lines
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.survival import CiType
from cmlentry.services.batches.export import ExportService
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.reports.endpoints import EventSet
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportOptions,
)
from cmlentry.services.workspace import open_workspace
from tests.batch_world import (
    ADMIN,
    COORDINATOR,
    NURSE,
    NURSE_PASSWORD,
    PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    add_nurse,
    make_site,
    make_world,
    register_site,
)
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import FakeClock
from tests.services.batches.test_odm import schema  # noqa: F401  (fixture)

pytestmark = pytest.mark.timeout(300)

LYON = SiteDetails.checked("FR", "086", "CHU de Test")
ULM = SiteDetails.checked("DE", "012", "Universitätsklinikum Test")
BOM = "\ufeff".encode()


@dataclass
class Registry:
    world: World
    where: list[str]  # --workspace DIR

    def report(self, options: ReportOptions) -> RegistryReport:
        """The report as the service builds it, to compare the command's output with."""
        with self.world.registry() as ws:
            store = open_central_store(ws)
            try:
                return RegistryReportService(ws, store).build(options)
            finally:
                store.close()


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """One registry for the module (making it takes most of the time): each site sent its
    complete cases in one batch, imported into the store inside the registry's workspace."""
    tmp = tmp_path_factory.mktemp("report-cli")
    clock = FakeClock()
    world, lyon = make_world(tmp, clock, cases=7, site=LYON)
    ulm_folder = tmp / "ulm"
    ulm = make_site(ulm_folder, clock, site=ULM, cases=7, seed=11)
    with open_workspace(ulm_folder, ADMIN, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        KeyService(ws).trust_registry_key(world.out / "registry.cmlkey")
        KeyService(ws).export_site_public_key(world.out / "ulm.cmlkey")
    register_site(world, world.out / "ulm.cmlkey", None)
    batches = []
    for folder, ids in ((world.site_folder, lyon), (ulm_folder, ulm)):
        with open_workspace(folder, PI, PI_PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
            batches.append(ExportService(ws).export(world.out, ids).path)
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            outcomes = ImportService(ws, store).import_files(batches, world.out)
        finally:
            store.close()
    assert [o.status for o in outcomes] == ["imported", "imported"]
    add_nurse(world)
    return Registry(world, ["--workspace", str(world.registry_folder)])


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to write in, signed in as the coordinator, as a script would be."""
    monkeypatch.setenv("CMLENTRY_USER", COORDINATOR)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def everything_in(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, hidden ones (temporary files) included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def said(lines: list[str], label: str) -> str:
    """The text after ``label`` on the summary line that starts with it."""
    found = [line[len(label) :].strip() for line in lines if line.startswith(label + " ")]
    assert len(found) == 1, lines
    return found[0]


def report_rows(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book["Report"].iter_rows(values_only=True)]
    finally:
        book.close()


def rows_after(rows: list[tuple[Any, ...]], title: str) -> list[tuple[Any, ...]]:
    """The rows of the table titled ``title`` on the Report sheet, headings included."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == title)
    end = next((i for i in range(start + 1, len(rows)) if not any(rows[i])), len(rows))
    return rows[start + 1 : end]


# --- the three formats ------------------------------------------------------------------------


def test_the_workbook_carries_the_options_and_the_figures_the_service_computes(
    registry: Registry,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(out)
    options = ReportOptions(
        event_set=EventSet.AP_BC, censor_at_transplant=True, ci=CiType.LOG_LOG,
        landmark_months=(6.0, 60.0),
    )  # fmt: skip
    args = ["report", *registry.where, "--event-set", "ap_bc", "--censor-at-transplant",
            "--ci", "log-log", "--landmarks", "60, 6,60"]  # fmt: skip
    code, stdout, err, lines = run(args, capsys)
    assert code == EXIT_OK, err
    assert err == ""  # no progress: stderr is not a terminal
    assert stdout == ""  # everything through the console
    expected = registry.report(options)
    path = out / f"registry-report-{dt.date.today().isoformat()}.xlsx"  # local date, here
    assert everything_in(out) == [path.name]

    # The summary: the service's numbers, the options in words.
    assert said(lines, "Registry") == "ELN CML registry"
    assert said(lines, "Patients counted") == str(expected.patients)
    assert said(lines, "Centres") == "2 (all): " + ", ".join(
        f"{c.code} {c.patients}" for c in expected.centres
    )
    assert said(lines, "Events ending PFS") == EventSet.AP_BC.label == "progression to AP/BC"
    assert said(lines, "Transplant") == "follow-up censored at allogeneic transplant"
    assert said(lines, "95 % CI") == "log-log"
    pfs = expected.endpoints.pfs
    assert pfs.curve is not None and [m.time for m in pfs.landmarks] == [6.0, 60.0]
    for m in pfs.landmarks:
        line = said(lines, f"PFS at {m.time:g} months")
        assert line.startswith(
            f"{100 * m.survival:.1f} % (95 % CI {100 * m.lower:.1f}-{100 * m.upper:.1f} %)"
        )
        assert ("beyond the longest follow-up" in line) is m.beyond_follow_up
    # Five years is past any synthetic follow-up: said so, with the longest follow-up.
    assert pfs.landmarks[1].beyond_follow_up and not pfs.landmarks[0].beyond_follow_up
    assert said(lines, "PFS at 60 months").endswith(
        f", beyond the longest follow-up ({pfs.curve.last_time:.1f} months): "
        "the last estimate carried forward"
    )
    assert said(lines, "PFS at 6 months").endswith(f", {pfs.landmarks[0].at_risk} still followed")
    assert [line for line in lines if line.startswith("PFS")] == pfs_lines(pfs)
    assert said(lines, "Written") == str(path)
    assert said(lines, "Cases") == str(expected.patients)
    assert said(lines, "Cells") == (
        "0 kept as text (formula-like), 0 characters replaced, 0 texts cut to 32,767 characters"
    )

    # The Report sheet: the options and the patients the service counts.
    rows = report_rows(path)
    made = {row[0]: row[1] for row in rows_after(rows, "Registry report")}
    assert made["Patients counted"] == expected.patients
    assert made["Events ending PFS"] == EventSet.AP_BC.label
    assert made["Censored at allogeneic transplant"] == "yes"
    assert made["95 % confidence interval"] == "log-log"
    assert made["Centres"] == "all"
    landmarks = rows_after(rows, "Progression-free survival at landmarks (log-log 95 % CI)")
    assert [row[:4] for row in landmarks[1:3]] == [
        (m.time, round(m.survival, 3), round(m.lower, 3), round(m.upper, 3)) for m in pfs.landmarks
    ]
    sheets = said(lines, "Sheets").split(": ", 1)[1].split(", ")
    assert sheets[:4] == ["About", "Report", "Registrations", "PFS"] and sheets[-1] == "Codebook"


def test_a_csv_folder_for_one_centre_with_labels_and_semicolons(
    registry: Registry, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = out / "monthly"
    args = ["report", *registry.where, "--format", "csv", "--to", str(folder),
            "--centre", "de-012", "--labels", "--separator", "semicolon"]  # fmt: skip
    code, _, err, lines = run(args, capsys)
    assert code == EXIT_OK, err
    expected = registry.report(ReportOptions(centres=("DE-012",)))
    assert said(lines, "Centres") == f"1 (chosen): DE-012 {expected.patients}"
    assert said(lines, "Patients counted") == str(expected.patients)
    assert said(lines, "Events ending PFS") == EventSet.PERSISTENT_RESPONSE.label
    assert said(lines, "Written") == str(folder)
    files = said(lines, "Files").split(": ", 1)[1].split(", ")
    assert "patient.csv" in files and files[-1] == "codebook.csv"
    assert sorted(files) == everything_in(folder)
    for name in ("patient.csv", "codebook.csv"):
        assert (folder / name).read_bytes().startswith(BOM)
    with open(folder / "patient.csv", encoding="utf-8-sig", newline="") as handle:
        patients = list(csv.DictReader(handle, delimiter=";"))
    assert len(patients) == expected.patients > 0
    assert {p["centre"] for p in patients} == {"DE-012"}
    assert {p["sex"] for p in patients} <= {"male", "female"}  # labels, not M and F
    assert said(lines, "Rows").startswith(f"patient.csv {expected.patients}, ")

    # --quiet: nothing at all on success; --no-bom: plain UTF-8.
    plain = out / "plain"
    code, stdout, err, lines = run(
        ["report", *registry.where, "--format", "csv", "--to", str(plain), "--no-bom", "-q"],
        capsys,
    )
    assert (code, stdout, err, lines) == (EXIT_OK, "", "", [])
    assert (plain / "patient.csv").read_bytes().startswith(b'"case_id",')


def test_the_odm_file_is_valid_and_holds_every_counted_case(
    registry: Registry,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    schema: xmlschema.XMLSchema,  # noqa: F811
) -> None:
    code, _, err, lines = run(["report", *registry.where, "--format", "odm", "--to", str(out)],
                              capsys)  # fmt: skip
    assert code == EXIT_OK, err
    path = out / f"registry-report-{dt.date.today().isoformat()}.odm.xml"
    assert everything_in(out) == [path.name]
    assert list(schema.iter_errors(path.read_text(encoding="utf-8")))[:1] == []
    expected = registry.report(ReportOptions())
    assert said(lines, "Patients counted") == str(expected.patients)
    assert said(lines, "Written") == f"{path} ({path.stat().st_size:,} bytes, CDISC ODM 1.3.2)"
    assert said(lines, "Cases").startswith(f"{expected.patients} (0 signed), 0 queries, 2 centres")


# --- refusals: one sentence, nothing written --------------------------------------------------


def test_an_existing_target_is_refused_before_the_password_and_left_untouched(
    registry: Registry,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine = out / "november.xlsx"
    mine.write_bytes(b"last month's report")
    monkeypatch.setenv("CMLENTRY_PASSWORD", "not-even-asked")
    code, _, err, _ = run(["report", *registry.where, "--to", str(mine)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, str(mine), "already exists")
    # A folder given to --to gets the day's name in it: a second run that day is refused.
    today = out / f"registry-report-{dt.date.today().isoformat()}-csv"
    (today / "keep").mkdir(parents=True)
    code, _, err, _ = run(["report", *registry.where, "--format", "csv", "--to", str(out)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, str(today), "already exists")
    assert mine.read_bytes() == b"last month's report"
    assert everything_in(out) == ["november.xlsx", today.name, f"{today.name}/keep"]


def test_an_unknown_centre_is_the_services_sentence(
    registry: Registry, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("xlsx", "odm"):
        code, _, err, _ = run(
            ["report", *registry.where, "--format", fmt, "--to", str(out), "--centre", "XX-999"],
            capsys,
        )
        assert code == EXIT_FAILED
        assert_one_sentence(err, "No centre XX-999 is registered here.")
    assert everything_in(out) == []


def test_a_site_workspace_is_refused_for_its_nurse_too(
    registry: Registry,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CMLENTRY_USER", NURSE)
    monkeypatch.setenv("CMLENTRY_PASSWORD", NURSE_PASSWORD)
    site = ["--workspace", str(registry.world.site_folder)]
    code, _, err, _ = run(["report", *site, "--format", "csv", "--to", str(out)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "This is a site's workspace", "Nothing was changed.")
    assert everything_in(out) == []


@pytest.mark.parametrize(
    "bad",
    [
        ["--format", "pdf"],
        ["--ci", "wide"],
        ["--event-set", "progression"],
        ["--origin", "diagnosis"],
        ["--landmarks", "12,x"],
        ["--landmarks", "0,12"],
        ["--landmarks", "nan"],
        ["--landmarks", ","],
        ["--separator", "tab"],
        ["--centre", " "],
        ["--labels", "--codes"],
    ],
)
def test_bad_option_values_are_argparse_errors(
    bad: list[str], out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["report", "--workspace", str(out), "--to", str(out), *bad], capsys)
    assert exited.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cmlentry report: error:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--format", "odm", "--labels"], ["--labels applies to xlsx/csv only"]),
        (["--format", "odm", "--codes"], ["--codes applies to xlsx/csv only"]),
        (["--separator", ";"], ["--separator applies to csv only, not to --format xlsx"]),
        (["--format", "odm", "--no-bom"], ["--no-bom applies to csv only"]),
        (["--to", "{out}/report.csv"], ["report.csv does not end in .xlsx"]),
        (["--format", "odm", "--to", "{out}/r.xlsx"], ["r.xlsx does not end in .xml"]),
        (["--format", "csv", "--to", "{out}/r.csv"], ["writes a folder of files"]),
        (["--to", "{out}/missing/r.xlsx"], ["The folder", "missing does not exist"]),
    ],
)
def test_a_command_that_cannot_be_meant_is_one_sentence_before_the_password(
    args: list[str],
    fragments: list[str],
    registry: Registry,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CMLENTRY_PASSWORD", "not-even-asked")
    given = [arg.replace("{out}", str(out)) for arg in args]
    code, _, err, lines = run(["report", *registry.where, *given], capsys)
    assert (code, lines) == (EXIT_USAGE, [])
    assert_one_sentence(err, *fragments)
    assert everything_in(out) == []


# --- on a terminal: progress, and Ctrl+C ------------------------------------------------------


class Terminal(io.StringIO):
    """A terminal's stderr; Ctrl+C pressed when a line containing ``interrupt_at`` appears."""

    def __init__(self, interrupt_at: str | None = None) -> None:
        super().__init__()
        self.interrupt_at = interrupt_at

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.interrupt_at is not None and self.interrupt_at in text:
            self.interrupt_at = None
            raise KeyboardInterrupt
        return super().write(text)


def test_progress_on_a_terminal_and_ctrl_c_leaves_no_partial_file(
    registry: Registry,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    code, _, _, lines = run(["report", *registry.where, "--format", "csv", "--to", str(out)],
                            capsys)  # fmt: skip
    assert code == EXIT_OK, screen.getvalue()
    cases = said(lines, "Cases")
    shown = screen.getvalue()
    assert "\rReading the registry: 0 of " in shown
    assert (
        f"Writing registry-report-{dt.date.today().isoformat()}-csv: {cases} of {cases} cases"
        in shown
    )
    assert shown.endswith("\r") and shown.split("\r")[-2].strip() == ""  # the line is cleared

    # --quiet shows no progress on a terminal either.
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    code, _, _, _ = run(["report", *registry.where, "-q", "--to", str(out / "q.xlsx")], capsys)
    assert (code, screen.getvalue()) == (EXIT_OK, "")

    # Ctrl+C while the workbook is being written: nothing of it is left, not even hidden.
    before = everything_in(out)
    screen = Terminal(interrupt_at="Writing")
    monkeypatch.setattr(sys, "stderr", screen)
    code, _, _, lines = run(["report", *registry.where, "--to", str(out / "x.xlsx")], capsys)
    assert code == EXIT_INTERRUPTED
    assert screen.getvalue().rstrip().endswith("cmlentry: interrupted; nothing more was changed.")
    assert lines == []
    assert everything_in(out) == before
