"""``cmlentry cases …``: the case commands of the command line (same services as the GUI)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.spreadsheet import (
    DEFAULT_TEMPLATE_NAME,
    SpreadsheetRejected,
    import_workbook,
    write_template,
)

if TYPE_CHECKING:
    from cmlentry.cli import Console

Command = Callable[[argparse.Namespace, "Console"], int]


def cmd_cases_list(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        service = CaseService(ws)
        cases = service.list_cases()
        reasons = service.definition.codelists["form_a_reason"]
    if not cases:
        console.say("No cases yet.")
        return EXIT_OK
    console.say(
        f"{'registry ID':<15} {'status':<9} {'forms':<6} {'errors':>6} {'warnings':>8}  "
        "reason for registration"
    )
    for case in cases:
        reason = reasons.get(case.form_a_reason or "", "")
        console.say(
            f"{case.registry_id:<15} {case.status:<9} {case.forms_complete}/{case.forms_total:<4} "
            f"{case.open_errors:>6} {case.open_warnings:>8}  {reason}"
        )
    return EXIT_OK


def cmd_cases_template(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK

    definition = installed_definitions().current
    summary = write_template(definition, args.to.expanduser().absolute())
    data_sheets = len(summary.sheets) - 3  # Read me, Codebook and the hidden Lists
    console.say(f"Entry template written: {summary.path}")
    console.say(
        f"Form {summary.definition}: {data_sheets} sheets to fill, {summary.columns} columns; "
        "the 'Read me' sheet says how."
    )
    return EXIT_OK


def cmd_cases_import(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        try:
            report = import_workbook(ws, args.file, allow_repeat=args.again)
        except SpreadsheetRejected as rejected:
            # The whole report goes to standard output, so the site can fix every cell in one
            # go; the one-sentence refusal follows on standard error as for any failure.
            console.say(f"Problems in {args.file.name} (nothing was imported):")
            for problem in rejected.problems:
                console.say(f"  {problem.describe()}")
            if rejected.total > len(rejected.problems):
                console.say(f"  ... and {rejected.total - len(rejected.problems)} more")
            raise
    width = max((len(c.label) for c in report.cases), default=4)
    for case in report.cases:
        findings = [
            _counted(len(found), word)
            for found, word in ((case.errors, "error"), (case.warnings, "warning"))
            if found
        ]
        note = f"  ({', '.join(findings)} to resolve)" if findings else ""
        console.say(f"{case.label:>{width}} → {case.registry_id}{note}")
    with_findings = report.cases_with_findings
    console.say(
        f"Imported {_counted(len(report.cases), 'case')} from {report.file} as drafts; "
        f"{with_findings} {'has' if with_findings == 1 else 'have'} findings to resolve in "
        "cmlentry."
    )
    if report.empty_lines:
        console.say(f"Skipped {_counted(report.empty_lines, 'line')} with a label and no value.")
    return EXIT_OK


def _counted(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """Add ``cases`` and its actions to the top-level parser; return the actions for more."""
    cases = commands.add_parser("cases", help="list cases, and move line lists in and out")
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = cases.add_subparsers(
        dest="cases_command", required=True, metavar="ACTION"
    )
    listing = actions.add_parser(
        "list",
        parents=[common],
        help="list the cases with their state",
        description="List the cases with their state.",
    )
    listing.set_defaults(func=cmd_cases_list)
    template = actions.add_parser(
        "template",
        help="write an Excel entry workbook for moving a line list into the registry",
        description="Write the Excel entry workbook made from the installed form definition.",
    )
    template.add_argument(
        "--to",
        type=Path,
        default=Path(DEFAULT_TEMPLATE_NAME),
        metavar="FILE",
        help="where to write it (default: %(default)s in the current folder)",
    )
    template.set_defaults(func=cmd_cases_template)
    importing = actions.add_parser(
        "import",
        parents=[common],
        help="create cases from a filled entry workbook (all of them, or none)",
        description="Create cases from a filled entry workbook, all of them or none. Every "
        "problem found is listed; nothing is imported while one remains.",
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="the filled .xlsx workbook")
    importing.add_argument(
        "--again",
        action="store_true",
        help="import a file that was already imported (creates its cases a second time)",
    )
    importing.set_defaults(func=cmd_cases_import)
    return actions
