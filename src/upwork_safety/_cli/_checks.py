"""``upwork-safety check`` and ``scan``: findings for a contract and for a message (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._cli import _args
from upwork_safety._cli._context import CLIError, options_for
from upwork_safety._cli._printer import shown
from upwork_safety._display import shown as quoted
from upwork_safety._text import is_blank
from upwork_safety.errors import UpworkSafetyError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety._cli._context import Context
    from upwork_safety._cli._printer import Printer
    from upwork_safety.checks import Finding
    from upwork_safety.models import Contract

__all__ = ["add_check_arguments", "add_scan_arguments", "print_findings", "run_check", "run_scan"]

CHECK_HELP = "review a contract for risks right now"
SCAN_HELP = "scan a message for the classic traps"


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``check``."""
    parser.add_argument("contract", help="JSON file of a contract (or a list) from serialize")
    parser.add_argument(
        "--now",
        type=_args.moment,
        metavar="DATETIME",
        help="the moment to look from, ISO with an offset, e.g. 2026-03-10T09:00:00+00:00 "
        "(default now, UTC)",
    )


def print_findings(p: Printer, found: Sequence[Finding], *, evidence: bool = False) -> None:
    """Each finding: severity, code, milestone, message and what to do.

    With *evidence* (``scan``), each also shows the words of the message
    that triggered it, so a long message says which sentence to worry about.
    """
    if not found:
        # Only what the checks cover (newcomer r38, second pass, 3): not "nothing needs you".
        p.line(
            "  No findings: none of the checks found anything "
            "(docs/checks.md lists what they cover)."
        )
        return
    for finding in found:
        # Ids, messages and evidence quote the input (a milestone's id, a message's words).
        where = f" [{shown(finding.milestone_id)}]" if finding.milestone_id else ""
        p.line(f"  {finding.severity.name:<7} {finding.code}{where}")
        p.wrapped(finding.message, indent=" " * 10)
        if evidence and finding.evidence:
            p.wrapped(f'Evidence: "{finding.evidence}"', indent=" " * 10)
        p.wrapped(f"What to do: {finding.advice}", indent=" " * 10)


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    """Review each contract in the file at ``--now``.

    A contract the review refuses is named with the file, and, when the file
    holds several, its place in the list: ``FILE: $[1] (contract 'c2'): ...``
    (review r35, 5), so one bad contract among hundreds can be found.
    """
    from upwork_safety import checks

    now: datetime = args.now or ctx.now()
    path: str = args.contract
    contracts = ctx.read_contracts(path)
    given = {"now": None if args.now is None else f"--now {now.isoformat()}"}
    results: list[tuple[Contract, list[Finding]]] = []
    for index, contract in enumerate(contracts):
        place = f"$[{index}] " if len(contracts) > 1 else ""
        where = f"{path}: {place}(contract {quoted(contract.id)})"
        try:
            with options_for(given):
                results.append((contract, checks.review_contract(contract, now=now)))
        except CLIError as error:
            raise CLIError(f"{where}: {error}", error.details) from None
        except UpworkSafetyError as error:
            lines = str(error).splitlines() or [type(error).__name__]
            raise CLIError(f"{where}: {lines[0]}", lines[1:]) from None
    if ctx.json:
        ctx.dump([{"contract": c.id, "now": now, "findings": found} for c, found in results])
        return 0
    p = ctx.printer()
    for contract, found in results:
        p.heading(f"Contract {shown(contract.id)} at {p.cell(now)}")
        print_findings(p, found)
    return 0


def add_scan_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``scan``."""
    parser.add_argument(
        "message", nargs="?", help="the message text, or - to read it from standard input"
    )
    parser.add_argument(
        "--file", metavar="PATH", help="read the message from a UTF-8 text file instead"
    )
    parser.add_argument("--outgoing", action="store_true", help="a message you are about to send")


def _message(args: argparse.Namespace, ctx: Context) -> str:
    """The message to scan: the argument, standard input (``-``) or ``--file``.

    A message that shows nothing (white space, zero-width characters) is
    refused: "No findings" for it would hide a quoting mistake (an unset
    shell variable, an empty file).
    """
    if args.file is not None:
        if args.message is not None:
            msg = "give the message as text, - or --file PATH, not two of them"
            raise CLIError(msg)
        where, text = args.file, ctx.read_message(args.file)
    elif args.message is None:
        msg = "give the message text (quoted), - to read it from standard input, or --file PATH"
        raise CLIError(msg)
    elif args.message == "-":
        where, text = "standard input", ctx.read_message("-")
    else:
        where, text = "the message", str(args.message)
    if is_blank(text):
        msg = f"{where} is empty: there is nothing to scan"
        raise CLIError(msg)
    return text


def run_scan(args: argparse.Namespace, ctx: Context) -> int:
    """Scan one message, incoming (from a client) or ``--outgoing`` (yours)."""
    from upwork_safety import checks

    direction = checks.Direction.OUTGOING if args.outgoing else checks.Direction.INCOMING
    found = checks.scan_message(_message(args, ctx), direction=direction)
    if ctx.json:
        ctx.dump({"direction": direction, "findings": found})
        return 0
    p = ctx.printer()
    p.heading(f"Scanning an {direction} message")
    print_findings(p, found, evidence=True)
    return 0
