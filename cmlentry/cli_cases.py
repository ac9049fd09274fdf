"""``cmlentry cases …``: the case commands of the command line (same services as the GUI)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from cmlentry.services.cases import CaseService

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
    return actions
