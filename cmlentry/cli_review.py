"""The principal investigator's review on the command line: ``review``, ``sign``, ``unlock``,
``verify-signature``, ``queries`` and ``print`` (the same services as the GUI).

``queries`` also works in a registry workspace, for the coordinator: list the queries of every
centre, raise one on a case the registry holds, close or cancel one, and ``send`` a centre's
queries at once in its latest acknowledgement (``services/registry/queries.py``).

For scripts, the signature's second entry of user name and password comes from
``CMLENTRY_SIGN_USER`` (or ``--signer``) and ``CMLENTRY_SIGN_PASSWORD``; at a terminal they are
asked for after the meaning statement is shown.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmlentry.errors import AlreadySigned, CmlentryError, InvalidInput, NotComplete
from cmlentry.services.case_summary import CaseSummaryService, default_file_name, utc_text
from cmlentry.services.cases import COMPLETE, CaseService
from cmlentry.services.queries import QueryInfo, QueryService
from cmlentry.services.registry.queries import CentralQueryInfo, CentralQueryService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress, ReviewService, SignatureInfo
from cmlentry.services.workspace import Workspace

if TYPE_CHECKING:
    from cmlentry.cli import Console

ITEM_FORMAT = "FORM/GROUP/ROW/ITEM"


class AnsweredAtTheSite(CmlentryError):
    code = "cli.answered_at_site"
    template = (
        "Queries are answered at the site, in its workspace; the registry reads the answer in "
        "the site's next batch. Nothing was changed."
    )


ID_SHOWN = 8  # the services take a query id by a unique prefix of at least 8 characters


# --- the review queue and the signature -------------------------------------------------------


def cmd_review(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        entries = ReviewService(ws, CaseService(ws)).queue()
    if not entries:
        console.say("No complete case is waiting for a signature.")
        return EXIT_OK
    console.say(
        f"{'registry ID':<15} {'status':<9} {'queries':>7} {'verified':>9} {'changed':>7}  "
        "ready to sign"
    )
    for e in entries:
        queries = f"{e.open_queries}/{e.answered_queries}"
        verified = f"{e.verified}/{e.answers}"
        changed = str(e.changes_since_signature) if e.last_signed_at else "-"
        ready = "ready" if e.ready else f"no: {e.why_not}"
        console.say(
            f"{e.registry_id:<15} {e.status:<9} {queries:>7} {verified:>9} {changed:>7}  {ready}"
        )
    console.say(
        "queries: open/answered; verified: answers verified against source/answers; "
        "changed: answers changed since the last signature (- if never signed)."
    )
    return EXIT_OK


def say_signature(console: Console, sig: SignatureInfo) -> None:
    """The stored signature, as the PDF's signature box words it."""
    console.say(f"Signed by       {sig.printed_name} ({sig.username}, {sig.role})")
    console.say(f"At              {utc_text(sig.signed_at)}")
    console.say(f'Meaning         "{sig.meaning}"')
    console.say(f"Content SHA-256 {sig.content_sha256}")


def cmd_sign(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        cases = CaseService(ws)
        review = ReviewService(ws, cases)
        case = cases.get_case(args.case)
        rid = case.registry_id
        # Refuse the plain cases before asking for a password that could not be used.
        if review.signature(rid) is not None:
            raise AlreadySigned(registry_id=rid)
        if case.status != COMPLETE:
            raise NotComplete(registry_id=rid)
        console.say(f"You are signing case {rid} electronically. Your signature means:")
        console.say()
        console.say(f'    "{MEANING_APPROVAL}"')
        console.say()
        console.say("Type your user name and password again to sign; the case is then locked.")
        signer = (
            args.signer or os.environ.get("CMLENTRY_SIGN_USER") or console.read_line("User name: ")
        )
        password = console.read_secret(f"Password for {signer}: ", "CMLENTRY_SIGN_PASSWORD")
        sig = review.sign(rid, signer, password, MEANING_APPROVAL)
    console.say(f"Case {rid} is signed and locked.")
    say_signature(console, sig)
    return EXIT_OK


def cmd_unlock(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        review = ReviewService(ws, CaseService(ws))
        sig = review.signature(args.case)
        review.unlock(args.case, args.reason)
    rid = sig.registry_id if sig is not None else args.case
    signer = f" by {sig.printed_name} ({utc_text(sig.signed_at)})" if sig is not None else ""
    console.say(f"Case {rid} is unlocked: its signature{signer} was dropped.")
    console.say("The reason is kept in the audit trail; the case must be signed again to be sent.")
    return EXIT_OK


def cmd_verify_signature(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        sig = ReviewService(ws, CaseService(ws)).check_signature(args.case)
    console.say(f"The signature of case {sig.registry_id} verifies.")
    say_signature(console, sig)
    return EXIT_OK


# --- queries ----------------------------------------------------------------------------------


def parse_item(text: str) -> ItemAddress:
    """``FORM/GROUP/ROW/ITEM`` (ROW is the row's number in the audit trail; 1 if not repeating)."""
    parts = [p.strip() for p in text.strip().split("/")]
    if len(parts) == 3:  # a group that does not repeat has one row
        parts.insert(2, "1")
    if len(parts) != 4 or not all(parts) or not parts[2].isdigit():
        raise InvalidInput(
            field="The item",
            why=f"give it as {ITEM_FORMAT}, for example diagnosis/baseline/1/platelets",
        )
    return ItemAddress(parts[0], parts[1], int(parts[2]), parts[3])


AnyQuery = QueryInfo | CentralQueryInfo


def _place(q: AnyQuery) -> str:
    a = q.address
    return f"{a.form_id}/{a.group_id}/{a.row_key}/{a.item_id}"


def say_query(console: Console, q: AnyQuery) -> None:
    """One query in a few lines: id, case, state, item, then who said what."""
    origin = "registry" if q.origin == "registry" else "site"
    console.say(f"{q.id[:ID_SHOWN]}  {q.registry_id}  {q.state:<9}  {_place(q)}")
    console.say(f"    raised by {q.raised_name} ({origin}), {utc_text(q.raised_at)}: {q.text}")
    if q.answer is not None:
        console.say(
            f"    answered by {q.answered_name}, {utc_text(q.answered_at or '')}: {q.answer}"
        )
    if q.closed_at is not None:
        note = f": {q.note}" if q.note else ""
        console.say(f"    {q.state} by {q.closed_name}, {utc_text(q.closed_at)}{note}")


def cmd_queries(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    action = getattr(args, "queries_command", None)
    with unlock(args, console) as ws:
        if ws.kind == "registry":
            return _registry_queries(args, console, ws)
        if args.centre or action == "send":
            raise InvalidInput(
                field="A centre", why="a site's workspace holds the queries of its own cases only"
            )
        service = QueryService(ws, CaseService(ws))
        if action is None:
            found = service.for_case(args.case) if args.case else service.unresolved()
            if args.state:
                found = [q for q in found if q.state in args.state]
            if not found:
                console.say("No queries." if args.case else "No open or answered queries.")
            for q in found:
                say_query(console, q)
            return EXIT_OK
        if action == "raise":
            q = service.raise_query(args.case_id, parse_item(args.item), args.text)
            done = "raised"
        elif action == "answer":
            q = service.answer(args.query_id, args.text)
            done = "answered"
        elif action == "close":
            q = service.close(args.query_id, args.note)
            done = "closed"
        else:
            q = service.cancel(args.query_id, args.note)
            done = "cancelled"
    console.say(f"Query {q.id} on {q.registry_id} {_place(q)} is {done}.")
    return EXIT_OK


def _registry_queries(args: argparse.Namespace, console: Console, ws: Workspace) -> int:
    """``queries`` in a registry workspace: the coordinator's side."""
    from cmlentry.cli import EXIT_OK

    action = getattr(args, "queries_command", None)
    store = open_central_store(ws)
    try:
        service = CentralQueryService(ws, store)
        if action is None:
            states = args.state or (None if args.case else ["open", "answered"])
            found = service.list(centre=args.centre, registry_id=args.case, states=states)
            if not found:
                console.say("No queries.")
            for q in found:
                say_query(console, q)
            return EXIT_OK
        if action == "send":
            path = service.send(args.centre_code, args.to)
            console.say(f"The queries of {args.centre_code.upper()} were written to {path}.")
            console.say("Send this acknowledgement file to the site.")
            return EXIT_OK
        if action == "raise":
            q = service.raise_query(args.case_id, parse_item(args.item), args.text)
            done = "raised"
        elif action == "close":
            q = service.close(args.query_id, args.note)
            done = "closed"
        elif action == "cancel":
            q = service.cancel(args.query_id, args.note)
            done = "cancelled"
        else:
            raise AnsweredAtTheSite()
    finally:
        store.close()
    console.say(f"Query {q.id} on {q.registry_id} {_place(q)} is {done}.")
    if done == "raised":
        console.say(
            f"It goes to the site with its next acknowledgement, or now with "
            f"'cmlentry queries send {q.centre} --to DIR'."
        )
    return EXIT_OK


# --- printing ---------------------------------------------------------------------------------


def cmd_print(args: argparse.Namespace, console: Console) -> int:
    from cmlentry.cli import EXIT_OK, unlock

    with unlock(args, console) as ws:
        cases = CaseService(ws)
        service = CaseSummaryService(ws, cases, ReviewService(ws, cases), QueryService(ws, cases))
        target: Path = args.to.expanduser()
        if target.is_dir():
            target = target / default_file_name(cases.get_case(args.case).registry_id)
        path = service.write_pdf(args.case, target)
    console.say(f"The case summary was written to {path}.")
    return EXIT_OK


# --- the parser -------------------------------------------------------------------------------


def quiet_options(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``common``'s options without defaults, for the actions under ``queries``.

    argparse lets a sub-command's defaults overwrite what its parent parsed, so
    ``queries --workspace W answer …`` would otherwise act on the default workspace.
    """
    quiet = argparse.ArgumentParser(add_help=False)
    for action in common._actions:  # argparse has no public copy of options
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            options: dict[str, Any] = {"dest": action.dest, "default": argparse.SUPPRESS}
            if action.type is not None:
                options["type"] = action.type
            if action.metavar is not None:
                options["metavar"] = action.metavar
            if action.help:
                options["help"] = action.help.replace("%(default)s", str(action.default))
            quiet.add_argument(*action.option_strings, **options)
    return quiet


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """Add the review commands to the top-level parser."""

    def add(name: str, func: object, text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, parents=[common], help=text, description=text
        )
        sub.set_defaults(func=func)
        return sub

    add("review", cmd_review, "the complete cases waiting for the PI's signature")

    sign = add("sign", cmd_sign, "sign a case electronically (PI; user name and password again)")
    sign.add_argument("case", metavar="CASE", help="the registry ID, e.g. FR-086-0007-K")
    sign.add_argument(
        "--signer", metavar="USER", help="your user name, typed again (or CMLENTRY_SIGN_USER)"
    )

    unlock = add("unlock", cmd_unlock, "unlock a signed case so it can be changed (PI)")
    unlock.add_argument("case", metavar="CASE")
    unlock.add_argument("--reason", required=True, help="why (kept in the audit trail)")

    verify = add(
        "verify-signature", cmd_verify_signature, "check that a case's signature still holds"
    )
    verify.add_argument("case", metavar="CASE")

    printing = add("print", cmd_print, "write a case summary as PDF for the site file")
    printing.add_argument("case", metavar="CASE")
    printing.add_argument(
        "--to",
        type=Path,
        default=Path.cwd(),
        metavar="FILE.pdf",
        help="the PDF file, or a folder to write case-summary-<ID>.pdf in (default: here)",
    )

    queries = add("queries", cmd_queries, "list queries, or raise, answer, close or cancel one")
    queries.add_argument("--case", metavar="ID", help="every query of this case (default: the "
                         "open and answered ones of every case)")  # fmt: skip
    queries.add_argument("--state", action="append", metavar="STATE",
                         choices=("open", "answered", "closed", "cancelled"),
                         help="only queries in this state (repeat for several)")  # fmt: skip
    queries.add_argument("--centre", metavar="CODE",
                         help="only this centre's queries (registry workspace)")  # fmt: skip
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = queries.add_subparsers(
        dest="queries_command", metavar="ACTION"
    )
    quiet = quiet_options(common)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, parents=[quiet], help=text, description=text)
        sub.set_defaults(func=cmd_queries)
        return sub

    raising = action("raise", "raise a query on one answer of a case (PI)")
    raising.add_argument("case_id", metavar="CASE")
    raising.add_argument("--item", required=True, metavar=ITEM_FORMAT, help="the answer queried")
    raising.add_argument("--text", required=True, help="the question")
    answering = action("answer", "answer an open query")
    answering.add_argument("query_id", metavar="QUERY", help="its number (8 characters suffice)")
    answering.add_argument("--text", required=True, help="the answer")
    closing = action("close", "close an answered query you raised")
    closing.add_argument("query_id", metavar="QUERY")
    closing.add_argument("--note", help="a closing note")
    cancelling = action("cancel", "withdraw a query you raised")
    cancelling.add_argument("query_id", metavar="QUERY")
    cancelling.add_argument("--note", required=True, help="why it is withdrawn")
    sending = action(
        "send", "write a centre's latest acknowledgement again with its queries (registry)"
    )
    sending.add_argument("centre_code", metavar="CENTRE", help="the centre, e.g. FR-086")
    sending.add_argument("--to", type=Path, default=Path.cwd(), metavar="DIR",
                         help="where the acknowledgement file goes (default: here)")  # fmt: skip
