"""``upwork-safety week``: an hourly billing week's calendar from one moment (private).

Every date comes from the ``hourly`` engine (``billing_week``, the week's
``calendar`` for an ordinary and a Top Rated freelancer, and
``dispute_response``); this module computes none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._cli import _args
from upwork_safety._cli._context import CLIError, options_for
from upwork_safety._display import day_ended_text, utc_text

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from upwork_safety._cli._context import Context
    from upwork_safety.hourly import HoursDispute, PayoutCalendar

__all__ = ["HELP", "add_arguments", "run"]

HELP = "an hourly billing week: diary lock, invoice, dispute window, pay day"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``week``."""
    parser.add_argument(
        "moment",
        type=_args.moment,
        metavar="MOMENT",
        help="a moment in the week, ISO with an offset, e.g. 2026-12-07T08:00:00+11:00",
    )
    parser.add_argument(
        "--top-rated",
        action="store_true",
        help="you are Top Rated: your pay day is the faster one",
    )
    parser.add_argument(
        "--disputed-at",
        type=_args.moment,
        metavar="DATETIME",
        help="when the client disputed the week's hours: gives the deadline to answer",
    )


def _dispute(calendar: PayoutCalendar, at: datetime) -> HoursDispute:
    """The answer to a dispute of *calendar*'s week opened *at*, refused outside its window."""
    from upwork_safety import hourly

    if not calendar.in_dispute_window(at):
        msg = (
            f"--disputed-at {at.isoformat()} is outside the client's dispute window of the "
            f"week {calendar.week}, {utc_text(calendar.invoiced_at)} to "
            f"{utc_text(calendar.dispute_window_ends)}: a client disputes a week's hours only "
            "then (HC 211062158)"
        )
        raise CLIError(msg)
    with options_for({"opened_at": f"--disputed-at {at.isoformat()}"}):
        return hourly.dispute_response(at)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print or dump the billing week *MOMENT* falls in and the dates that follow it."""
    from upwork_safety import hourly

    moment: datetime = args.moment
    with options_for({"at": f"MOMENT {moment.isoformat()}"}):
        week = hourly.billing_week(moment)
        ordinary = week.calendar()
        top_rated = week.calendar(top_rated=True)
    yours = top_rated if args.top_rated else ordinary
    dispute = None if args.disputed_at is None else _dispute(yours, args.disputed_at)
    if ctx.json:
        ctx.dump(
            {
                "moment": moment,
                "week": {"start": week.start, "end": week.end},
                "edits_close": yours.edits_close,
                "invoiced_at": yours.invoiced_at,
                "dispute_window": {
                    "opens": yours.invoiced_at,
                    "ends": yours.dispute_window_ends,
                },
                "top_rated": args.top_rated,
                "available_at": yours.available_at,
                "available_at_ordinary": ordinary.available_at,
                "available_at_top_rated": top_rated.available_at,
                "top_rated_release": top_rated.hold_skipped,
                "dispute": None
                if dispute is None
                else {
                    "opened_at": dispute.opened_at,
                    "respond_by": dispute.respond_by,
                    "respond_by_if_business_days": dispute.respond_by_if_business_days,
                    "if_silent": dispute.if_silent,
                },
            }
        )
        return 0
    p = ctx.printer()
    p.heading(f"Billing week {week}, for {utc_text(moment)}")
    ends = utc_text(yours.dispute_window_ends)
    rows: list[tuple[str, object]] = [
        ("week starts", week.start),
        ("week ends", week.end),
        ("Work Diary locks", yours.edits_close),
        ("client invoiced", yours.invoiced_at),
        ("client can dispute", f"{utc_text(yours.invoiced_at)} to {ends}"),
    ]
    if args.top_rated:
        rows.append(("pay available (Top Rated)", _top_rated_day(top_rated)))
        rows.append(("not Top Rated", ordinary.available_at))
    else:
        rows.append(("pay available", ordinary.available_at))
        rows.append(("Top Rated", _top_rated_day(top_rated)))
    if dispute is not None:
        rows.append(("dispute opened", dispute.opened_at))
        rows.append(("answer by", dispute.respond_by))
        rows.append(("(if business days)", dispute.respond_by_if_business_days))
    p.pairs(rows)
    if dispute is not None:
        p.line()
        p.wrapped(f"If you do not answer: {dispute.if_silent}.")
    p.line()
    p.wrapped(
        "All UTC. Upwork names the pay day, not the hour: count on the day. The dates "
        "are the rules' (hourly.payout_calendar); a hold or a dispute can make the pay later."
    )
    return 0


def _top_rated_day(calendar: PayoutCalendar) -> str:
    """The Top Rated pay day in words: by the end of Friday, or the ordinary day."""
    if not calendar.hold_skipped:
        return f"{utc_text(calendar.available_at)} (no faster release for this week)"
    return day_ended_text(calendar.available_at, "by")
