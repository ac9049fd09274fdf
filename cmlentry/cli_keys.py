"""``cmlentry keys …``: the site's key set and the registry key it trusts (as in the GUI).

A registry key is trusted only after its fingerprint was compared with the registry coordinator
by phone: the command shows it and asks, unless ``--yes`` says the comparison was done.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.services.keys import KeyInfo, KeyService, NoSiteKey, inspect_key_file

if TYPE_CHECKING:
    from cmlentry.cli import Console


class ConfirmationNeeded(CmlentryError):
    code = "cli.confirmation_needed"
    template = (
        "Compare the fingerprint of {file} with the registry coordinator by phone, then run the "
        "command again with --yes; nothing was changed."
    )


def say_key(console: Console, title: str, info: KeyInfo) -> None:
    """Print a key set in the layout of ``keys show``."""
    console.say(f"{title:<15} {info.owner}")
    console.say(f"  fingerprint   {info.fingerprint}")
    console.say(f"  key id        {info.key_id}")
    console.say(f"  made          {info.created_at}")


def confirm_registry_key(console: Console, info: KeyInfo, file: Path, *, assume_yes: bool) -> None:
    """Show the registry key's fingerprint and have the person confirm it (or ``--yes``)."""
    say_key(console, "Registry key", info)
    console.say(
        "Read the fingerprint to the registry coordinator by phone: every group must match."
    )
    if assume_yes:
        return
    if not console.interactive:
        raise ConfirmationNeeded(file=str(file))
    answer = console.read_line("Does every group match what the registry reads? (yes/no): ")
    if answer.strip().lower() not in {"yes", "y"}:
        raise Cancelled()


def cmd_keys_show(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        service = KeyService(ws)
        try:
            site: KeyInfo | None = service.site_key()
        except NoSiteKey:
            site = None
        registry = service.registry_key()
    if site is None:
        console.say("Site key        none: this workspace was set up before site keys existed.")
    else:
        say_key(console, "Site key", site)
    if registry is None:
        console.say("Registry key    none yet: add it with 'cmlentry keys trust-registry FILE'.")
    else:
        say_key(console, "Registry key", registry)
    return EXIT_OK


def cmd_keys_export_site(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        info = KeyService(ws).export_site_public_key(args.to)
    console.say(f"The site's public key file was written to {args.to}.")
    console.say("Send it to the registry; they will read its fingerprint back to you by phone:")
    console.say(f"    {info.fingerprint}")
    return EXIT_OK


def cmd_keys_trust_registry(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    inspected = inspect_key_file(args.file, expected_role="registry")  # before any password
    with unlock(args, console) as ws:
        service = KeyService(ws)
        service.require_key_admin()
        before = service.registry_key()
        if before is not None and before.key_id == inspected.key_id:
            console.say(f"This registry key is already trusted ({inspected.fingerprint}).")
            console.say("Nothing was changed.")
            return EXIT_OK
        confirm_registry_key(console, inspected, args.file, assume_yes=args.yes)
        info = service.trust_registry_key(
            args.file, expected_key_id=inspected.key_id, reason=args.reason
        )
    console.say(f"The registry key of {info.owner} is trusted from now on.")
    if before is not None:
        console.say(f"It replaces the key {before.fingerprint}, which is kept as inactive.")
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """Add ``keys`` and its actions to the top-level parser; return the actions for more."""
    keys = commands.add_parser("keys", help="the site's keys and the registry key it trusts")
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = keys.add_subparsers(
        dest="keys_command", required=True, metavar="ACTION"
    )
    show = actions.add_parser(
        "show",
        parents=[common],
        help="show the site's key and the trusted registry key, with fingerprints",
        description="Show the site's key and the trusted registry key, with fingerprints.",
    )
    show.set_defaults(func=cmd_keys_show)
    export = actions.add_parser(
        "export-site",
        parents=[common],
        help="write the site's public key file, to send to the registry (site administrator)",
        description="Write the site's public key file, to send to the registry.",
    )
    export.add_argument(
        "--to", required=True, type=Path, metavar="FILE", help="the file (or folder) to write"
    )
    export.set_defaults(func=cmd_keys_export_site)
    trust = actions.add_parser(
        "trust-registry",
        parents=[common],
        help="trust the registry's public key file (site administrator)",
        description="Trust the registry's public key file once its fingerprint has been "
        "compared with the registry coordinator by phone. A registry key trusted before is "
        "kept as inactive.",
    )
    trust.add_argument("file", type=Path, metavar="FILE", help="the registry's .cmlkey file")
    trust.add_argument(
        "--yes", action="store_true", help="the fingerprint was already compared by phone"
    )
    trust.add_argument("--reason", help="why the registry key is trusted or replaced")
    trust.set_defaults(func=cmd_keys_trust_registry)
    return actions
