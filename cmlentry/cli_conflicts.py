"""``cmlentry conflicts`` in a registry workspace: the case versions kept but not applied, and
settling one — the centre's version taken, or the registry's kept — once the coordinator has
spoken with the centre (services/registry/conflicts.py; the registry window's *Conflicting
versions…* does the same).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cmlentry.cli_review import quiet_options
from cmlentry.services.registry.conflicts import ConflictService, WaitingConflict
from cmlentry.services.registry.workspace import open_central_store

if TYPE_CHECKING:
    from cmlentry.cli import Console


def say_conflict(console: Console, c: WaitingConflict) -> None:
    held = "nothing" if c.current_revision is None else f"revision {c.current_revision}"
    made_from = "no earlier revision" if c.base_revision is None else f"revision {c.base_revision}"
    console.say(
        f"{c.registry_id}: revision {c.revision} (batch {c.batch_sequence} of {c.centre}, "
        f"imported {c.imported_at[:10]}) was made from {made_from}; the registry holds {held}."
    )


def cmd_conflicts(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        store = open_central_store(ws)
        try:
            service = ConflictService(ws, store)
            if args.conflicts_command == "take":
                taken = service.take_site_version(args.case, args.revision, args.reason)
                console.say(
                    f"{taken.registry_id}: the registry now holds revision {taken.revision} "
                    f"of {taken.centre}; its earlier versions stay in the case's history."
                )
                return EXIT_OK
            if args.conflicts_command == "keep":
                kept = service.keep_registry_version(args.case, args.revision, args.reason)
                held = "nothing" if kept.current_revision is None else kept.current_revision
                console.say(
                    f"{kept.registry_id}: the registry keeps revision {held}; revision "
                    f"{kept.revision} of {kept.centre} stays in the case's history, not applied."
                )
                return EXIT_OK
            waiting = service.waiting(centre=args.centre)
        finally:
            store.close()
    if not waiting:
        console.say("No conflicts wait.")
    for conflict in waiting:
        say_conflict(console, conflict)
    if waiting:
        console.say(
            "Speak with the centre, then take its version or keep the registry's: "
            'cmlentry conflicts take|keep CASE REVISION --reason "…"'
        )
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """Add ``conflicts`` to the top-level parser."""
    text = "case versions kept but not applied at the registry, and settling them"
    conflicts = commands.add_parser("conflicts", parents=[common], help=text, description=text)
    conflicts.set_defaults(func=cmd_conflicts, conflicts_command=None)
    conflicts.add_argument("--centre", metavar="CODE", help="only this centre's conflicts")
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = conflicts.add_subparsers(
        dest="conflicts_command", metavar="ACTION"
    )
    for name, what in (
        ("take", "make the centre's kept version of a case the registry's"),
        ("keep", "keep the registry's version of a case; the centre's stays in its history"),
    ):
        action = actions.add_parser(
            name, parents=[quiet_options(common)], help=what, description=what
        )
        action.set_defaults(func=cmd_conflicts)
        action.add_argument("case", metavar="CASE", help="the registry ID, e.g. FR-086-0001-R")
        action.add_argument("revision", type=int, help="the centre's conflicting revision")
        action.add_argument("--reason", required=True, help="why (kept in the audit trail)")
