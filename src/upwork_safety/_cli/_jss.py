"""``upwork-safety jss``: the Job Success Score a contract history gives (private)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from upwork_safety import _display
from upwork_safety._cli import _args
from upwork_safety._cli._context import CLIError, only_with, options_for, problems_error
from upwork_safety._cli._rules import check_known_day
from upwork_safety.errors import InvalidDataError, Problem
from upwork_safety.jss import _UNIQUE_IDS

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from upwork_safety._cli._context import Context
    from upwork_safety._cli._printer import Printer
    from upwork_safety.jss import Impact, JSSReport, JSSRules, JSSTimeline
    from upwork_safety.models import Contract

__all__ = ["add_arguments", "run"]

HELP = "the Job Success Score a contract history gives"
#: How far back ``--timeline`` reaches, and its step, in days, unless ``--days`` and
#: ``--step`` say otherwise.
DAYS = 365
STEP = 7


def _days(text: str) -> int:
    return _args.whole(text, 1, 36_500, "days")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``jss``."""
    parser.add_argument("history", help="JSON file of contracts written by upwork_safety.serialize")
    parser.add_argument(
        "--as-of", type=_args.day, metavar="DATE", help="YYYY-MM-DD (default today, UTC)"
    )
    parser.add_argument("--timeline", action="store_true", help="also print the score over time")
    # No default here: given without --timeline, they are refused (newcomer r27 2).
    parser.add_argument(
        "--days", type=_days, help=f"with --timeline: timeline length in days (default {DAYS})"
    )
    parser.add_argument(
        "--step", type=_days, help=f"with --timeline: timeline step in days (default {STEP})"
    )
    parser.add_argument(
        "--exclude-client", action="append", default=[], help="client id to leave out (repeatable)"
    )


def _check_unique_ids(path: str, history: Sequence[Contract]) -> None:
    """Each contract in the file at *path* has its own id, or every repeat is named by its place.

    The score explains each contract by its id, so the model refuses two
    with one id; here the file's own elements are named (``$[1].id``), not
    the model's argument.
    """
    first: dict[str, int] = {}
    repeats: list[Problem] = []
    for index, contract in enumerate(history):
        before = first.setdefault(contract.id, index)
        if before != index:
            repeats.append(
                Problem(
                    f"$[{index}].id",
                    f"{_display.shown(contract.id)} is also the id of $[{before}]; each contract "
                    "in the file needs its own id, so its part in the score can be told apart",
                    rule=_UNIQUE_IDS,
                )
            )
    if repeats:
        raise problems_error(path, InvalidDataError(repeats))


def _idle_warning(history: Sequence[Contract], report: JSSReport) -> str:
    """A warning when no contract scored has feedback and some count only as idle open ones.

    Contracts read from an export (``statements.to_contracts``) have no
    ``ended`` or ``feedback``: scored as they are, the open ones unpaid for
    months count as not successful, and the score looks far worse than
    Upwork's.  The score itself is left as the model gives it.
    """
    from upwork_safety.jss import Outcome

    by_id = {contract.id: contract for contract in history}
    scored = [
        (by_id[impact.contract_id], impact.outcome)
        for impact in report.impacts
        if impact.outcome is not Outcome.EXCLUDED and impact.contract_id in by_id
    ]
    if any(contract.feedback is not None for contract, _ in scored):
        return ""
    # An open contract is neutral only when it is idle (jss: open_idle_after).
    idle = sum(
        1
        for contract, outcome in scored
        if outcome is Outcome.NEUTRAL
        and (contract.ended is None or contract.ended > report.computed_on)
    )
    if not idle:
        return ""
    ones = "one counts" if idle == 1 else "ones count"
    return (
        f"no contract scored has feedback, and {idle} open {ones} as idle (not successful): "
        "add ended and feedback to the contracts that have finished"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Score the history on ``--as-of``, every contract explained, and optionally over time."""
    from upwork_safety import jss

    only_with(
        "--timeline",
        "the timeline's",
        ("--days", "--step"),
        given=not args.timeline and (args.days is not None or args.step is not None),
    )
    as_of: date = args.as_of or ctx.today()
    check_known_day(jss.HISTORY, as_of, f"--as-of {as_of}", "choose a later day")
    history = ctx.read_contracts(args.history)
    _check_unique_ids(args.history, history)
    clients = {contract.client_id for contract in history}
    for client in args.exclude_client:
        if client not in clients:
            # A typo would silently leave the score as it was.
            known = ", ".join(sorted(clients)[:10]) or "none"
            raise CLIError(
                f"--exclude-client {_display.shown(client)}: no contract in {args.history} "
                "has this client "
                f"(clients: {known}{', …' if len(clients) > 10 else ''})"
            )
    with options_for({"as_of": None if args.as_of is None else f"--as-of {as_of}"}):
        report = jss.score(history, as_of=as_of, exclude_clients=args.exclude_client)
    points = None
    if args.timeline:
        days = DAYS if args.days is None else args.days
        step = STEP if args.step is None else args.step
        # Back from --as-of in whole steps, so the last point is --as-of itself.
        start = as_of - timedelta(days=days // step * step)
        check_known_day(jss.HISTORY, start, f"--days {days}", "use fewer days")
        points = jss.timeline(
            history,
            start=start,
            end=as_of,
            step=timedelta(days=step),
            exclude_clients=args.exclude_client,
        )
    if ctx.json:
        data: dict[str, object] = {
            "as_of": as_of,
            # The snapshot day the score is of (biweekly rules), the window that gave
            # it and the rule set: what the text output says too (red team r15 L3).
            "computed_on": report.computed_on,
            "score": report.score,
            "window": report.window,
            "rules": report.rules,
            "reason": report.reason,
            "impacts": report.impacts,
        }
        if points is not None:
            # A point after the history's last recorded day is a projection with no
            # more payments; lapses name the open contracts that turns (newcomer r18 F6).
            data["timeline"] = [
                {"on": pt.on, "score": pt.score, "projected": pt.projected, "lapses": pt.lapses}
                for pt in points
            ]
        ctx.dump(data)
        return 0
    p = ctx.printer()
    said = "not eligible" if report.score is None else f"{report.score}%"
    p.heading(f"Job Success Score on {as_of}: {said}")
    p.wrapped(report.reason)
    warning = _idle_warning(history, report)
    if warning:
        p.wrapped(warning, first="  Warning: ")
    if report.computed_on != report.as_of:
        p.wrapped(
            f"(computed on {report.computed_on}, the last snapshot day on or before {as_of}: "
            "the score is updated on snapshot days, and the dates below are that day's)"
        )
    p.line()
    _print_impacts(p, history, report, jss.rules_as_of(as_of))
    if points is not None:
        p.heading("Timeline")
        p.table(
            ["on", "score", "projected"],
            [(pt.on, pt.score, "yes" if pt.projected else "") for pt in points],
        )
        _print_lapses(p, points)
    return 0


def _points(impact: Impact) -> object:
    """An impact's points as the table shows them: ``-`` without a score."""
    return "-" if impact.points is None else impact.points


def _print_impacts(
    p: Printer, history: Sequence[Contract], report: JSSReport, rules: JSSRules
) -> None:
    """Each contract's part in the score; two or more outside every window in one paragraph.

    On a long history most contracts ended before every window; listed one by
    one they bury the few that count (newcomer r39 6).  They are found by their
    :class:`~upwork_safety.jss.ExclusionCode`, never by their words (issue 12,
    item 9), and every fact is kept: each id, client and the day it ended
    (the contract's own ``ended``), with the weight and points they share.
    *rules* is the rule set the report was scored under.
    """
    from upwork_safety.jss import ExclusionCode

    outside = [i for i in report.impacts if i.exclusion is ExclusionCode.OUTSIDE_WINDOWS]
    grouped = {i.contract_id for i in outside} if len(outside) > 1 else set()
    # Each contract's share of the score shown: the column adds up to the
    # unrounded percent (``Impact.points``; "-" without a score).
    rows = [i for i in report.impacts if i.contract_id not in grouped]
    if rows:
        p.table(
            ["contract", "client", "outcome", "weight", "points", "why"],
            [
                (i.contract_id, i.client_id, i.outcome, i.weight, _points(i), "; ".join(i.reasons))
                for i in rows
            ],
        )
    if not grouped:
        return
    ended = {contract.id: contract.ended for contract in history}
    listed = "; ".join(
        f"{i.contract_id} ({i.client_id}, ended {ended[i.contract_id]})" for i in outside
    )
    worth = {str(_points(i)) for i in outside}
    each = f"points {worth.pop()} each" if len(worth) == 1 else "points as in --json"
    still = "; they still count toward lifetime eligibility" if rules.lifetime_eligibility else ""
    p.line()
    p.wrapped(
        f"{len(outside)} contracts, EXCLUDED (weight 0, {each}), outside every window: each "
        f"ended more than {rules.tracked_months[0]} months before {report.computed_on}"
        f"{still}: {listed}",
        first="  ",
        indent="    ",
    )


_LAPSED = {
    "stopped": "stops counting as a long-term contract from {since}",
    "idle": "is idle from {since}: it counts as not successful",
}


def _print_lapses(p: Printer, points: JSSTimeline) -> None:
    """Say what the projected points assume, and which open contracts it turns."""
    if not any(pt.projected for pt in points):
        return
    p.line()
    p.wrapped(
        "Projected points are after the last day the file records anything: they assume "
        "no payment comes after it."
    )
    for lapse in points.lapses():
        said = _LAPSED[lapse.kind.value].format(since=lapse.since)
        p.wrapped(f"{lapse.contract_id} {said}", indent="    ", first="  - ")
    if points.lapses():
        p.wrapped("Add the payments you expect to the file to see the score without this.")
