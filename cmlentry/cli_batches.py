"""Batches on the command line: ``export``, ``ack`` at a site; ``init --registry``, ``centres``,
``import`` and ``ack-again`` at the registry (docs/batch-format.md, the same services as the GUI).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.services import setup
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.keys import inspect_key_file
from cmlentry.services.registry.centres import CentreService, missing_words
from cmlentry.services.registry.importer import IMPORTED, REFUSED, ImportOutcome, ImportService
from cmlentry.services.registry.workspace import create_registry, open_central_store

if TYPE_CHECKING:
    from cmlentry.cli import Console

EXIT_REFUSED = 1


class CentreConfirmationNeeded(CmlentryError):
    code = "cli.centre_confirmation_needed"
    template = (
        "Compare the fingerprint of {file} with the centre by phone, then run the command "
        "again with --yes; nothing was changed."
    )


# --- the site ---------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        service = ExportService(ws)
        if args.again is not None:
            path = service.write_again(args.again, args.to)
            console.say(f"Batch {args.again} was written again, the same bytes, to {path}.")
            return EXIT_OK
        if args.list:
            for b in service.batches():
                answer = (
                    f"acknowledged {b.acknowledged_at[:10]}: {b.accepted} accepted, "
                    f"{b.rejected} rejected"
                    if b.acknowledged_at
                    else "not acknowledged yet"
                )
                console.say(
                    f"{b.sequence:>5}  {b.created_at[:16]}  {b.case_count:>5} cases  {answer}"
                )
            return EXIT_OK
        made = service.export(args.to, args.case or None)
    console.say(f"Batch {made.sequence} with {made.case_count} cases was written to {made.path}.")
    console.say("It is signed and encrypted: send it to the registry by e-mail or on a USB stick.")
    console.say("It is kept in the workspace too ('cmlentry export --again N --to DIR').")
    return EXIT_OK


def cmd_ack(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        result = AckService(ws).read(args.file)
    if result.already_read:
        console.say(f"This acknowledgement of batch {result.sequence} was already read.")
    console.say(
        f"Batch {result.sequence}: {result.accepted} cases accepted by the registry, "
        f"{len(result.rejected)} rejected; {result.acknowledged} marked acknowledged."
    )
    if result.changed_since:
        console.say(
            f"{result.changed_since} accepted cases were changed here since they were sent: "
            "they go with the next batch."
        )
    for answer in result.rejected:
        console.say(f"  rejected {answer.registry_id}: {answer.reason}")
    if result.queries_new or result.queries_closed:
        console.say(
            f"Queries of the registry: {result.queries_new} new, {result.queries_closed} closed "
            "or cancelled there ('cmlentry queries' lists the open ones)."
        )
    return EXIT_OK


# --- the registry -----------------------------------------------------------------------------


def cmd_init_registry(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK
    from cmlentry.cli_keys import say_key

    setup.check_username(args.admin)
    setup.check_printed_name(args.admin_name or args.admin)
    setup.check_folder(args.workspace)
    password = console.read_secret(
        f"Choose a password for {args.admin}: ", "CMLENTRY_PASSWORD", confirm=True
    )
    made = create_registry(
        args.workspace,
        args.name,
        args.admin,
        args.admin_name or args.admin,
        password,
        database_url=args.database_url,
    )
    made.created.workspace.close()
    console.say(f"Registry workspace created in {args.workspace}; coordinator {args.admin}.")
    console.say(f"Central store: {made.store_description}")
    say_key(console, "Registry key", made.key)
    console.say("Send the registry's public key to the sites ('cmlentry centres export-key').")
    console.say()
    console.say("RECOVERY KEY (shown only this once):")
    console.say()
    console.say(f"    {made.created.recovery_key}")
    console.say()
    console.say("Write it down now and keep it sealed.")
    return EXIT_OK


def cmd_centres(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock
    from cmlentry.cli_keys import say_key

    inspected = None
    if args.centres_command == "add":  # checked and shown before any password
        inspected = inspect_key_file(args.file, expected_role="site")
    with unlock(args, console) as ws:
        if args.centres_command == "export-key":
            from cmlentry.services.keys import KeyService

            info = KeyService(ws).export_registry_public_key(args.to)
            console.say(f"The registry's public key file was written to {args.to}.")
            console.say(f"Read its fingerprint to each site by phone: {info.fingerprint}")
            return EXIT_OK
        store = open_central_store(ws)
        try:
            service = CentreService(ws, store)
            if inspected is not None:
                say_key(console, "Centre key", inspected)
                console.say(
                    "Read the fingerprint with the centre by phone: every group must match."
                )
                if not args.yes:
                    if not console.interactive:
                        raise CentreConfirmationNeeded(file=str(args.file))
                    answer = console.read_line("Does every group match? (yes/no): ")
                    if answer.strip().lower() not in {"yes", "y"}:
                        raise Cancelled()
                status = service.register(args.file, expected_key_id=inspected.key_id)
                console.say(f"Centre {status.code} ({status.name}) is registered.")
            elif args.centres_command == "revoke-key":
                service.revoke_key(args.code, args.reason)
                console.say(f"The key of {args.code} is revoked: its batches are refused now.")
            else:
                for c in service.centres():
                    last = (
                        f"batch {c.last_sequence}, {c.days_since_last} days ago"
                        if c.last_imported_at
                        else "no batch yet"
                    )
                    missing = f"; MISSING {missing_words(c.missing)}" if c.missing else ""
                    conflicts = (
                        f"; {c.conflicts} conflicting versions wait (cmlentry conflicts)"
                        if c.conflicts
                        else ""
                    )
                    console.say(f"{c.code}  {c.name}: {c.cases} cases, {last}{missing}{conflicts}")
        finally:
            store.close()
    return EXIT_OK


def say_outcome(console: Console, outcome: ImportOutcome) -> None:
    """One file's result in the words of the coordinator's report."""
    if outcome.status == IMPORTED:
        console.say(
            f"{outcome.file}: batch {outcome.sequence} of {outcome.site} imported, "
            f"{outcome.accepted} cases accepted, {len(outcome.rejected)} rejected."
        )
        for answer in outcome.rejected:
            console.say(f"    rejected {answer.registry_id}: {answer.reason}")
        if outcome.ack_path is not None:
            console.say(f"    acknowledgement: {outcome.ack_path}")
    if outcome.error is not None:
        console.say(f"{outcome.file}: {outcome.error.message}")


def cmd_import(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    acks = args.acks or Path.cwd()
    with unlock(args, console) as ws:
        store = open_central_store(ws)
        try:
            outcomes = ImportService(ws, store).import_files(args.files, acks)
        finally:
            store.close()
    for outcome in outcomes:
        say_outcome(console, outcome)
    return EXIT_REFUSED if any(o.status == REFUSED for o in outcomes) else EXIT_OK


def cmd_ack_again(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        store = open_central_store(ws)
        try:
            path = ImportService(ws, store).write_ack_again(args.site, args.sequence, args.to)
        finally:
            store.close()
    console.say(f"The acknowledgement was written again to {path}.")
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """Add the batch commands to the top-level parser."""

    def add(name: str, func: object, text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, parents=[common], help=text, description=text
        )
        sub.set_defaults(func=func)
        return sub

    export = add("export", cmd_export, "make the next batch for the registry (site)")
    export.add_argument(
        "--to", type=Path, metavar="DIR", default=Path.cwd(), help="where to write it"
    )
    export.add_argument(
        "--case", action="append", metavar="ID",
        help="a case to send (repeat; default: every signed case changed since it was sent)",
    )  # fmt: skip
    export.add_argument("--again", type=int, metavar="N", help="write kept batch N again")
    export.add_argument("--list", action="store_true", help="list the batches made here")

    ack = add("ack", cmd_ack, "read the registry's acknowledgement of a batch (site)")
    ack.add_argument("file", type=Path, help="the .cmlack file")

    imp = add("import", cmd_import, "import batch files into the registry (coordinator)")
    imp.add_argument("files", type=Path, nargs="+", help="the .cmlbatch files")
    imp.add_argument("--acks", type=Path, metavar="DIR", help="where acknowledgements go")

    again = add("ack-again", cmd_ack_again, "write a batch's acknowledgement again (coordinator)")
    again.add_argument("site", help="the centre, e.g. FR-086")
    again.add_argument("sequence", type=int, help="the batch number")
    again.add_argument("--to", type=Path, metavar="DIR", default=Path.cwd())

    centres = commands.add_parser("centres", help="the registry's centres and their keys")
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = centres.add_subparsers(
        dest="centres_command", required=True, metavar="ACTION"
    )
    for name, text in (
        ("list", "every centre with its last batch, gaps and conflicts"),
        ("add", "register a centre from its site key file (fingerprint compared by phone)"),
        ("revoke-key", "revoke a centre's key: its batches are refused from now on"),
        ("export-key", "write the registry's public key file for the sites"),
    ):
        sub = actions.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(func=cmd_centres)
        if name == "add":
            sub.add_argument("file", type=Path, help="the centre's .cmlkey file")
            sub.add_argument("--yes", action="store_true", help="the fingerprint was compared")
        elif name == "revoke-key":
            sub.add_argument("code", help="the centre, e.g. FR-086")
            sub.add_argument("--reason", required=True, help="why (kept in the audit trail)")
        elif name == "export-key":
            sub.add_argument("--to", type=Path, required=True, metavar="FILE|DIR")
