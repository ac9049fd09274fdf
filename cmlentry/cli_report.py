"""``cmlentry report``: the registry's monthly report from the command line (issue 7).

The coordinator's report as the dashboard makes it, for a cron job or a batch file: the Excel
workbook (report tables, charts, listings, codebook), the CSV folder (listings, codebook) or the
ODM file, through the same services (docs/reports.md "Command line"). A short summary for an
e-mail follows on standard output; ``--quiet`` leaves only errors.

Everything that can be checked before the password is checked first (options against the
format, the target's name, its folder, that it does not exist yet), so a script's mistake costs
no report build. A target is never replaced: a script names its files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from cmlentry.domain.survival import CiType
from cmlentry.errors import CmlentryError
from cmlentry.services.maintenance import MaintenanceService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.reports.abstract import LANDMARK_MONTHS, PfsSummary
from cmlentry.services.reports.csv_export import refuse_existing
from cmlentry.services.reports.endpoints import EventSet, Origin
from cmlentry.services.reports.listing import CODES, LABELS
from cmlentry.services.reports.odm_export import OdmExportResult
from cmlentry.services.reports.registry_export import (
    ExportChoices,
    ExportFormat,
    Written,
    default_name,
    write_export,
)
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportNeedsRegistry,
    ReportOptions,
)
from cmlentry.services.reports.workbook import WorkbookExport

if TYPE_CHECKING:
    from cmlentry.cli import Console

FORMATS = tuple(f.value for f in ExportFormat)
SEPARATORS = {",": ",", ";": ";", "comma": ",", "semicolon": ";"}
"""``;`` also by name: cmd.exe splits a batch file's arguments at an unquoted semicolon."""
WIDTH = 19  # the summary's label column

Progress = Callable[[int, int], None]


# --- usage mistakes: one sentence, exit 2, before the password --------------------------------


class ReportUsageError(CmlentryError):
    """A command that cannot be what the coordinator meant; nothing was read or written."""

    code = "cli.report_usage"


class OptionNotForFormat(ReportUsageError):
    code = "cli.report_option_not_for_format"
    template = "{option} applies to {formats} only, not to --format {format}; nothing was written."


class TargetEnding(ReportUsageError):
    code = "cli.report_target_ending"
    template = (
        "{path} does not end in {ending}, as the file --format {format} writes must; choose "
        "another name or another --format. Nothing was written."
    )


class CsvTargetIsFile(ReportUsageError):
    code = "cli.report_csv_target"
    template = (
        "--format csv writes a folder of files (patient.csv ... codebook.csv), so {path} must "
        "not end in .csv; give a folder name. Nothing was written."
    )


class TargetFolderMissing(ReportUsageError):
    code = "cli.report_folder_missing"
    template = (
        "The folder {folder} does not exist; create it or choose another --to. Nothing was written."
    )


def landmark_months(text: str) -> tuple[float, ...]:
    """``--landmarks``: months separated by commas (``12,18``), sorted, each once."""
    try:
        values = {float(part) for part in text.split(",") if part.strip()}
    except ValueError:
        values = set()
    if not values or not all(math.isfinite(v) and v > 0 for v in values):
        raise argparse.ArgumentTypeError(
            f"give months after the origin separated by commas, e.g. 12,18 (not {text!r})"
        )
    return tuple(sorted(values))


def centre_code(text: str) -> str:
    """``--centre``: a registered centre's code, e.g. FR-086 (``fr-086`` reads the same)."""
    code = text.strip().upper()
    if not code:
        raise argparse.ArgumentTypeError("give the centre's code, e.g. FR-086")
    return code


def report_target(fmt: str, to: Path | None, today: dt.date) -> Path:
    """Where a run writes: ``to``, or the default name in ``to`` (a folder) or here.

    Raises:
        TargetEnding, CsvTargetIsFile: ``to`` names a file of another kind.
        TargetFolderMissing: the folder it would go in does not exist.
    """
    base = Path.cwd() if to is None else to.expanduser()
    named = to is not None and not base.is_dir()
    target = (base if named else base / default_name(ExportFormat(fmt), today)).absolute()
    name = target.name.lower()
    if named and fmt == "xlsx" and not name.endswith(".xlsx"):
        raise TargetEnding(path=str(target), ending=".xlsx", format=fmt)
    if named and fmt == "odm" and not name.endswith(".xml"):
        raise TargetEnding(path=str(target), ending=".xml", format=fmt)
    if named and fmt == "csv" and name.endswith(".csv"):
        raise CsvTargetIsFile(path=str(target))
    if not target.parent.is_dir():
        raise TargetFolderMissing(folder=str(target.parent))
    return target


def check_format_options(args: argparse.Namespace) -> None:
    """Refuse the file options the chosen format has no use for (a script's likely mistake).

    Raises:
        OptionNotForFormat: e.g. ``--separator`` with ``--format xlsx``.
    """
    given = [
        ("--labels" if args.labels else "--codes", args.labels is not None, ("xlsx", "csv")),
        ("--separator", args.separator is not None, ("csv",)),
        ("--no-bom", args.no_bom, ("csv",)),
    ]
    for option, present, formats in given:
        if present and args.format not in formats:
            raise OptionNotForFormat(option=option, formats="/".join(formats), format=args.format)


# --- progress, on a terminal only -------------------------------------------------------------


class _Meter:
    """One line of progress on ``stream`` (None: silent), rewritten in place."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.total = 0
        self.width = 0

    def stream_total(self, _done: int, total: int) -> None:
        """For the record stream, whose total the writers do not know."""
        self.total = max(self.total, total)

    def phase(self, what: str) -> Progress:
        def show(done: int, total: int) -> None:
            if self.stream is not None:
                self._show(f"{what}: {done:,} of {max(done, total, self.total):,} cases")

        return show

    def _show(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.stream is not None and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


# --- the command ------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, EXIT_USAGE, unlock

    try:
        check_format_options(args)
        target = report_target(args.format, args.to, dt.date.today())
    except ReportUsageError as exc:
        print(f"cmlentry: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    refuse_existing(target, empty_folder_ok=args.format == "csv")
    options = _options(args)
    terminal = sys.stderr is not None and sys.stderr.isatty()  # None under pythonw
    meter = _Meter(sys.stderr if terminal and not args.quiet else None)
    try:
        with unlock(args, console) as ws:
            if ws.kind != "registry":  # before opening a central store a site does not have
                raise ReportNeedsRegistry()
            registry = MaintenanceService(ws).summary().centre_name
            store = open_central_store(ws)
            try:
                service = RegistryReportService(ws, store)
                report = None
                if args.format == "xlsx" or not args.quiet:  # csv and odm: for the summary only
                    reading = meter.phase("Reading the registry")
                    report = service.build(options, progress=reading)
                written = _write(args, target, options.centres, service, report, meter)
            finally:
                store.close()
    finally:
        meter.clear()
    if not args.quiet:
        assert report is not None
        for line in [*summary(registry, report), *written_lines(written)]:
            console.say(line)
    return EXIT_OK


def _options(args: argparse.Namespace) -> ReportOptions:
    return ReportOptions(
        event_set=EventSet(args.event_set),
        origin=Origin(args.origin),
        censor_at_transplant=args.censor_at_transplant,
        ci=CiType(args.ci),
        landmark_months=args.landmarks,
        centres=tuple(dict.fromkeys(args.centre or ())),  # each once, in the order given
    )


def _write(
    args: argparse.Namespace,
    target: Path,
    centres: tuple[str, ...],
    service: RegistryReportService,
    report: RegistryReport | None,
    meter: _Meter,
) -> Written:
    """The chosen file, from a fresh stream of the records (the services write atomically)."""
    separator: Literal[",", ";"] = ";" if SEPARATORS[args.separator or ","] == ";" else ","
    choices = ExportChoices(
        format=ExportFormat(args.format),
        style=LABELS if args.labels else CODES,
        delimiter=separator,
        bom=not args.no_bom,
    )
    return write_export(
        service,
        target,
        choices,
        centres=centres,
        report=report,
        progress=meter.phase(f"Writing {target.name}"),
        counted=meter.stream_total,
    )


# --- the summary ------------------------------------------------------------------------------


def _line(label: str, text: object) -> str:
    return f"{label:<{WIDTH - 1}} {text}"


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def summary(registry: str, report: RegistryReport) -> list[str]:
    """The report in a few lines for an e-mail: whose, when, whom, under which options, PFS."""
    options, pfs = report.options, report.endpoints.pfs
    counted = f"{report.patients}"
    if report.not_accepted:
        counted += f"; {report.not_accepted} more held without an accepted version, not counted"
    scope = "all" if not options.centres else "chosen"
    transplant = "censored" if options.censor_at_transplant else "not censored"
    centres = ", ".join(f"{c.code} {c.patients}" for c in report.centres)
    lines = [
        _line("Registry", registry),
        _line("Data as of", f"{report.generated_at[:10]} {report.generated_at[11:16]} UTC"),
        _line("Patients counted", counted),
        _line("Centres", f"{len(report.centres)} ({scope}): {centres or 'none'}"),
        _line("Events ending PFS", options.event_set.label),
        _line("Time origin", options.origin.label),
        _line("Transplant", f"follow-up {transplant} at allogeneic transplant"),
        _line("95 % CI", pfs.ci.value),
    ]
    return lines + pfs_lines(pfs)


def pfs_lines(pfs: PfsSummary) -> list[str]:
    """The curve in a line, Ŝ at each landmark with its interval, the Sokal log-rank test."""
    left_out = sum(x.count for x in pfs.excluded)
    reasons = "; ".join(f"{x.reason.label} {x.count}" for x in pfs.excluded)
    not_counted = f"{left_out} not counted" + (f" ({reasons})" if reasons else "")
    curve = pfs.curve
    if curve is None:
        return [_line("PFS", f"no patient has a follow-up time; {not_counted}")]
    median = "not reached" if curve.median is None else f"{curve.median:.1f} months"
    lines = [
        _line("PFS", f"{curve.subjects} patients, {curve.events} events, median {median}; "
              f"{not_counted}"),
    ]  # fmt: skip
    for m in pfs.landmarks:
        text = f"{_pct(m.survival)} (95 % CI {100 * m.lower:.1f}-{_pct(m.upper)})"
        if m.beyond_follow_up:
            text += (
                f", beyond the longest follow-up ({curve.last_time:.1f} months): "
                "the last estimate carried forward"
            )
        else:
            text += f", {m.at_risk} still followed"
        lines.append(_line(f"PFS at {m.time:g} months", text))
    if pfs.sokal_logrank is not None:
        test = pfs.sokal_logrank
        lines.append(
            _line("Log-rank by Sokal", f"chi2 {test.chi2:.3f}, df {test.df}, p {test.p:.4f}")
        )
    return lines


def written_lines(written: Written) -> list[str]:
    """What was written, and what had to change in it so a spreadsheet shows it safely."""
    if isinstance(written, OdmExportResult):
        return [
            _line("Written", f"{written.path} ({written.size:,} bytes, CDISC ODM 1.3.2)"),
            _line("Cases", f"{written.cases:,} ({written.signed:,} signed), "
                  f"{written.queries:,} queries, {len(written.centres)} centres"),
        ]  # fmt: skip
    cells = f"{written.replaced_characters} characters replaced"
    if isinstance(written, WorkbookExport):
        path, what, parts = written.path, "Sheets", written.sheets
        cells = (f"{written.neutralised_cells} kept as text (formula-like), {cells}, "
                 f"{written.truncated_cells} texts cut to 32,767 characters")  # fmt: skip
    else:
        path, what, parts = written.folder, "Files", written.files
        cells = f"{written.neutralised_cells} given an apostrophe (formula-like), {cells}"
    return [
        _line("Written", path),
        _line(what, f"{len(parts)}: {', '.join(parts)}"),
        _line("Cases", f"{written.cases:,}"),
        _line("Rows", ", ".join(f"{name} {count:,}" for name, count in written.rows.items())),
        _line("Cells", cells),
    ]


# --- the parser -------------------------------------------------------------------------------


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """Add ``report`` to the top-level parser."""
    text = "write the registry report: Excel workbook, CSV folder or ODM file (coordinator)"
    sub: argparse.ArgumentParser = commands.add_parser(
        "report",
        parents=[common],
        help=text,
        description=text,
        epilog="Exit status: 0 written; 1 refused (one sentence on stderr, nothing written); "
        "2 a usage mistake; 130 interrupted (nothing written). The target is never replaced.",
    )
    sub.set_defaults(func=cmd_report)
    sub.add_argument("--format", choices=FORMATS, default="xlsx",
                     help="xlsx: report, charts, listings, codebook; csv: a folder of listings "
                     "and codebook; odm: CDISC ODM 1.3.2 (default: %(default)s)")  # fmt: skip
    sub.add_argument("--to", type=Path, metavar="PATH",
                     help="the file (csv: folder) to create, or an existing folder to create "
                     "registry-report-YYYY-MM-DD.xlsx, -csv or .odm.xml in (today's local "
                     "date); default: that name here")  # fmt: skip
    sub.add_argument("--quiet", "-q", action="store_true",
                     help="print nothing but errors (for scripts)")  # fmt: skip
    report = sub.add_argument_group("report options (Report sheet and summary)")
    report.add_argument("--event-set", choices=[e.value for e in EventSet],
                        default=EventSet.PERSISTENT_RESPONSE.value,
                        help="events ending PFS (default: %(default)s)")  # fmt: skip
    report.add_argument("--origin", choices=[o.value for o in Origin],
                        default=Origin.IMATINIB_START.value,
                        help="where follow-up starts (default: %(default)s)")  # fmt: skip
    report.add_argument("--censor-at-transplant", action="store_true",
                        help="censor follow-up at an allogeneic transplant")  # fmt: skip
    report.add_argument("--ci", choices=[c.value for c in CiType], default=CiType.PLAIN.value,
                        help="95 %% interval type (default: %(default)s)")  # fmt: skip
    report.add_argument("--landmarks", type=landmark_months, default=LANDMARK_MONTHS,
                        metavar="MONTHS", help="PFS read off at these months, e.g. 12,18 "
                        "(default: 12,18)")  # fmt: skip
    report.add_argument("--centre", action="append", type=centre_code, metavar="CODE",
                        help="only this centre, e.g. FR-086 (repeat for several; default: "
                        "every centre)")  # fmt: skip
    files = sub.add_argument_group("Excel and CSV")
    style = files.add_mutually_exclusive_group()
    style.add_argument("--labels", dest="labels", action="store_true", default=None,
                       help="choices as their labels (male, unknown)")  # fmt: skip
    style.add_argument("--codes", dest="labels", action="store_false", default=None,
                       help="choices as their codes (M, UNK; the default)")  # fmt: skip
    files.add_argument("--separator", choices=list(SEPARATORS), metavar="{,|;}",
                       help="CSV field separator: , (default) or ; (also 'comma', "
                       "'semicolon')")  # fmt: skip
    files.add_argument("--no-bom", action="store_true",
                       help="CSV in plain UTF-8, without the BOM Excel needs")  # fmt: skip
