"""The ``cmlentry`` command line: the same services as the GUI, one sentence per failure.

Passwords come from a prompt, or for scripts from the environment:

* ``CMLENTRY_USER`` — who is acting (instead of ``--user``);
* ``CMLENTRY_PASSWORD`` — that user's password (for ``init``: the first administrator's);
* ``CMLENTRY_NEW_PASSWORD`` — a password being set (``user add``, ``user enable``,
  ``user passwd``, ``recover``);
* ``CMLENTRY_RECOVERY_KEY`` — the recovery key, for ``recover``.

Every failure prints one sentence and exits non-zero with nothing changed; no traceback reaches
the user (unexpected errors go to the log file, which the sentence names).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cmlentry import __version__
from cmlentry.applog import configure_logging
from cmlentry.domain.roles import Role
from cmlentry.errors import CmlentryError, InvalidInput
from cmlentry.services import maintenance, setup
from cmlentry.services.maintenance import MaintenanceService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, open_workspace, recover

log = logging.getLogger(__name__)

DEMO_SITE = "site"
DEMO_REGISTRY = "registry"
"""The kinds of demo ``cmlentry gui --demo [site|registry]`` opens."""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PROBLEMS_FOUND = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class Console:
    """Prompts and output; tests replace ``read_secret`` and ``read_line``."""

    def __init__(self) -> None:
        self.interactive = sys.stdin.isatty()

    def say(self, text: str = "") -> None:
        print(text)

    def read_line(self, prompt: str) -> str:
        if not self.interactive:
            raise InvalidInput(field=prompt.rstrip(": "), why="give it as an option")
        return input(prompt)

    def read_secret(self, prompt: str, env: str, *, confirm: bool = False) -> str:
        value = os.environ.get(env)
        if value is not None:
            return value
        if not self.interactive:
            raise InvalidInput(
                field=prompt.rstrip(": "),
                why=f"type it at the prompt, or set {env} when running from a script",
            )
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Type it again: ") != first:
            raise InvalidInput(field="The password", why="the two entries differ")
        return first


# --- commands ---------------------------------------------------------------------------------


def _acting_user(args: argparse.Namespace, console: Console) -> str:
    user = args.user or os.environ.get("CMLENTRY_USER")
    return user or console.read_line("User name: ")


def unlock(args: argparse.Namespace, console: Console) -> Workspace:
    username = _acting_user(args, console)
    password = console.read_secret(f"Password for {username}: ", "CMLENTRY_PASSWORD")
    return open_workspace(args.workspace, username, password)


def cmd_init(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli_keys import confirm_registry_key, say_key

    if args.registry:
        from cmlentry.cli_batches import cmd_init_registry

        return cmd_init_registry(args, console)
    if args.country is None or args.centre is None:
        raise InvalidInput(field="The site", why="give --country and --centre (or --registry)")
    site = setup.check_site(args.country, args.centre, args.name)
    setup.check_username(args.admin)  # every field before any question or password
    setup.check_printed_name(args.admin_name or args.admin)
    setup.check_folder(args.workspace)
    registry = None
    if args.registry_key is not None:  # checked and confirmed before anything is made
        registry = setup.inspect_registry_key(args.registry_key)
        confirm_registry_key(console, registry, args.registry_key, assume_yes=args.yes)
    password = console.read_secret(
        f"Choose a password for {args.admin}: ", "CMLENTRY_PASSWORD", confirm=True
    )
    created = setup.set_up_site(
        args.workspace,
        site,
        args.admin,
        args.admin_name or args.admin,
        password,
        args.registry_key,
        registry_key_id=registry.key_id if registry else None,
    )
    created.workspace.close()
    console.say(f"Workspace created in {created.workspace.folder.folder}")
    console.say(
        f"Site {site.country}-{site.centre_code}, {site.centre_name}; administrator {args.admin}."
    )
    say_key(console, "Site key", created.site_key)
    if created.registry_key is None:
        console.say("Registry key    none yet: add it with 'cmlentry keys trust-registry FILE'.")
    else:
        say_key(console, "Registry key", created.registry_key)
    console.say()
    console.say("RECOVERY KEY (shown only this once):")
    console.say()
    console.say(f"    {created.recovery_key}")
    console.say()
    console.say("Write it down now and give it to the principal investigator to keep sealed.")
    console.say("With it, a new password can be set for any user if every password is lost.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        info = MaintenanceService(ws).summary()
    console.say(f"Workspace      {info.folder}")
    console.say(f"Kind           {info.kind}")
    console.say(f"Site           {info.country}-{info.centre_code}  {info.centre_name}")
    console.say(f"Created        {info.created_at}")
    console.say(f"Users          {info.users_active} active, {info.users_total} in all")
    console.say(f"Audit trail    {info.audit_rows} rows")
    console.say(f"Schema         {info.schema_revision}")
    console.say(f"cmlentry       {info.app_version}")
    console.say(f"SQLCipher      {info.sqlcipher_version}")
    console.say(f"Database size  {info.database_bytes:,} bytes")
    if info.read_only:
        console.say("State          READ-ONLY: the start-up check failed; restore a backup.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        report = MaintenanceService(ws).verify()
    chain = report.chain
    if chain.intact:
        console.say(f"Audit trail intact: {chain.rows_checked} rows checked.")
    else:
        console.say(f"AUDIT TRAIL BROKEN at row {chain.first_bad_seq}: {chain.problem}.")
        console.say(f"Rows 1 to {chain.rows_checked} are intact.")
    if report.data_mismatches:
        console.say(f"DATA CHANGED BEHIND THE APPLICATION'S BACK ({len(report.data_mismatches)}):")
        for line in report.data_mismatches[:10]:
            console.say(f"  {line}")
    else:
        console.say("The data match what the audit trail says they should be.")
    if report.integrity_problems:
        console.say("DATABASE CHECK FAILED: " + "; ".join(report.integrity_problems[:5]))
    else:
        console.say("Database checks passed (integrity_check, cipher_integrity_check).")
    if not report.sound:
        console.say("Keep this workspace as it is and call your registry's support.")
        return EXIT_PROBLEMS_FOUND
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        result = MaintenanceService(ws).backup(args.to)
    console.say(f"Backup written and checked: {result.path} ({result.size_bytes:,} bytes).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, console: Console) -> int:
    maintenance.read_backup_manifest(args.backup.expanduser().absolute())
    username = _acting_user(args, console)
    password = console.read_secret(f"Password for {username}: ", "CMLENTRY_PASSWORD")
    ws = maintenance.restore(args.backup, args.workspace, username, password)
    folder = ws.folder.folder
    ws.close()
    console.say(f"Backup restored and checked into {folder}.")
    console.say("Open it with --workspace pointing there; the old workspace was left as it was.")
    return EXIT_OK


def cmd_rotate_key(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        recovery_key = MaintenanceService(ws).rotate_key(new_recovery=args.new_recovery_key)
    console.say("The workspace key was rotated; old copies of the file no longer open with it.")
    if recovery_key:
        console.say()
        console.say("NEW RECOVERY KEY (shown only this once; the old one no longer works):")
        console.say()
        console.say(f"    {recovery_key}")
        console.say()
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, console: Console) -> int:
    key = console.read_secret("Recovery key: ", "CMLENTRY_RECOVERY_KEY")
    password = console.read_secret(
        f"New password for {args.user}: ", "CMLENTRY_NEW_PASSWORD", confirm=True
    )
    recover(args.workspace, key, args.user, password)
    console.say(f"A new password was set for {args.user}; the account is unlocked.")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        password = console.read_secret(
            f"First password for {args.username}: ", "CMLENTRY_NEW_PASSWORD", confirm=True
        )
        user = UserService(ws).add_user(args.username, args.name, args.role, password)
    console.say(
        f"User {user.username} ({user.printed_name}, {user.role.label}) added. "
        "They choose their own password at their first login."
    )
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        users = UserService(ws).list_users()
    for user in users:
        state = "active" if user.active else "disabled"
        console.say(f"{user.username:<20} {user.role.value:<12} {state:<9} {user.printed_name}")
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        user = UserService(ws).disable(args.username, args.reason)
    console.say(f"User {user.username} is disabled; their password no longer opens the workspace.")
    return EXIT_OK


def cmd_user_enable(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        password = console.read_secret(
            f"First password for {args.username}: ", "CMLENTRY_NEW_PASSWORD", confirm=True
        )
        user = UserService(ws).enable(args.username, password, args.reason)
    console.say(f"User {user.username} is active again with a first password.")
    return EXIT_OK


def cmd_user_role(args: argparse.Namespace, console: Console) -> int:
    with unlock(args, console) as ws:
        user = UserService(ws).set_role(args.username, args.role, args.reason)
    console.say(f"User {user.username} is now a {user.role.label}.")
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace, console: Console) -> int:
    username = args.username or _acting_user(args, console)
    acting = args.user or os.environ.get("CMLENTRY_USER") or username
    password = console.read_secret(f"Password for {acting}: ", "CMLENTRY_PASSWORD")
    with open_workspace(args.workspace, acting, password) as ws:
        service = UserService(ws)
        new = console.read_secret(
            f"New password for {username}: ", "CMLENTRY_NEW_PASSWORD", confirm=True
        )
        if username.strip().lower() == ws.user.username:
            service.change_own_password(password, new)
            console.say("Your password was changed.")
        else:
            reason = args.reason or "password reset by an administrator"
            service.reset_password(username, new, reason)
            console.say(f"A first password was set for {username}; they change it at login.")
    return EXIT_OK


# --- parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace",
        type=Path,
        default=setup.default_workspace_folder(),
        metavar="DIR",
        help="workspace folder (default: %(default)s)",
    )
    common.add_argument("--user", metavar="NAME", help="who is acting (or set CMLENTRY_USER)")

    parser = argparse.ArgumentParser(
        prog="cmlentry",
        description="Encrypted case entry for the European CML registry (command line).",
        epilog="Passwords come from a prompt, or from CMLENTRY_PASSWORD and "
        "CMLENTRY_NEW_PASSWORD in scripts.",
    )
    parser.add_argument("--version", action="version", version=f"cmlentry {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Callable[..., int], help_text: str, **kw: object
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(func=func)
        return sub

    init = add("init", cmd_init, "create a new site (or registry) workspace and its administrator")
    init.add_argument("--country", help="two-letter country code, e.g. FR")
    init.add_argument("--centre", help="three-digit centre code, e.g. 086")
    init.add_argument("--name", required=True, help="the centre's (or the registry's) name")
    init.add_argument(
        "--registry", action="store_true", help="a registry coordinator's workspace instead"
    )
    init.add_argument(
        "--database-url",
        metavar="URL",
        help="registry only: keep the central store in PostgreSQL, e.g. "
        "postgresql+psycopg://cml@dbhost/registry (password from PGPASSWORD or ~/.pgpass)",
    )
    init.add_argument("--admin", required=True, metavar="USER", help="first administrator")
    init.add_argument("--admin-name", metavar="NAME", help="the administrator's printed name")
    init.add_argument(
        "--registry-key",
        type=Path,
        metavar="FILE",
        help="the registry's public key file (.cmlkey); it can also be added later",
    )
    init.add_argument(
        "--yes", action="store_true", help="the registry key's fingerprint was already compared"
    )

    gui = add("gui", cmd_gui, "open the desktop application (the default of 'make run')")
    gui.add_argument(
        "--demo",
        nargs="?",
        const=DEMO_SITE,
        choices=(DEMO_SITE, DEMO_REGISTRY),
        help="open a fresh demo workspace of synthetic cases (user 'demo'), never real data: "
        "a site's (the default), or 'registry': a coordinator's, with batches from five demo "
        "centres to try the reports",
    )

    add("info", cmd_info, "show what this workspace is and holds")
    add("verify", cmd_verify, "check the audit trail's hash chain and the database file")
    backup = add("backup", cmd_backup, "write a checked, encrypted backup into a folder")
    backup.add_argument("--to", required=True, type=Path, metavar="DIR", help="where to write it")
    restore = add("restore", cmd_restore, "restore a backup into a NEW workspace folder")
    restore.add_argument("backup", type=Path, help="the backup folder")
    rotate = add("rotate-key", cmd_rotate_key, "re-key the workspace database")
    rotate.add_argument(
        "--new-recovery-key", action="store_true", help="also replace the recovery key"
    )
    rec = add("recover", cmd_recover, "set a new password for a user with the recovery key")
    rec.set_defaults(user=None)
    rec.add_argument("--for", dest="user", required=True, metavar="USER", help="whose password")

    _add_user_commands(commands, common)

    from cmlentry import cli_batches, cli_cases, cli_conflicts, cli_keys, cli_report, cli_review

    cli_cases.register(commands, common)
    cli_keys.register(commands, common)
    cli_batches.register(commands, common)
    cli_conflicts.register(commands, common)
    cli_review.register(commands, common)
    cli_report.register(commands, common)
    return parser


def _add_user_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    user = commands.add_parser("user", help="manage users and roles")
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")

    def add_user_cmd(
        name: str, func: Callable[..., int], help_text: str
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = user_commands.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        sub.set_defaults(func=func)
        return sub

    u_add = add_user_cmd("add", cmd_user_add, "add a user")
    u_add.add_argument("username")
    u_add.add_argument("--name", required=True, help="printed name, as on a signature")
    u_add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add_user_cmd("list", cmd_user_list, "list users")
    u_dis = add_user_cmd("disable", cmd_user_disable, "disable a user and delete their key slot")
    u_dis.add_argument("username")
    u_dis.add_argument("--reason", required=True)
    u_en = add_user_cmd("enable", cmd_user_enable, "enable a disabled user again")
    u_en.add_argument("username")
    u_en.add_argument("--reason", required=True)
    u_role = add_user_cmd("role", cmd_user_role, "change a user's role")
    u_role.add_argument("username")
    u_role.add_argument("role", choices=[r.value for r in Role])
    u_role.add_argument("--reason", required=True)
    u_pw = add_user_cmd(
        "passwd", cmd_user_passwd, "change your password, or (administrator) reset another's"
    )
    u_pw.add_argument("username", nargs="?")
    u_pw.add_argument("--reason")


GuiOpener = Callable[[Path, str | None], int]
"""Opens the desktop application on a folder, or a demo (``"site"`` or ``"registry"``); given by
:mod:`cmlentry.launcher`, so that this module and everything it imports stay free of Qt."""


def cmd_gui(args: argparse.Namespace, console: Console) -> int:
    opener: GuiOpener | None = args.open_gui
    if opener is None:
        console.say("The desktop application is not part of this installation.")
        return EXIT_FAILED
    return opener(args.workspace.expanduser(), args.demo)


def main(
    argv: Sequence[str] | None = None,
    console: Console | None = None,
    *,
    open_gui: GuiOpener | None = None,
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.open_gui = open_gui
    console = console or Console()
    log_path = configure_logging()
    try:
        return int(args.func(args, console))
    except CmlentryError as exc:
        log.info("refused: %s", exc.code)
        print(f"cmlentry: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("cmlentry: interrupted; nothing more was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        log.exception("unexpected error in %s", args.command)
        where = f" The details are in {log_path}." if log_path else ""
        print(
            "cmlentry: an unexpected problem stopped the command; what it had not finished was "
            f"not saved.{where} Send that file to your registry's support.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
