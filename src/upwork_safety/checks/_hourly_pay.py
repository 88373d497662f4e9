"""Billed hours still in review or pending: ``HOURS_IN_REVIEW`` and ``HOURS_PENDING`` (private).

The hourly counterpart of ``REVIEW_PERIOD_RUNNING`` and ``FUNDS_PENDING``
(``_clocks``, ``_pending``): :func:`~upwork_safety.checks.review_contract`
reports, for every week of the Work Diary whose pay is not yet available,
whether the client can still dispute it and when the pay becomes available.
Only the last few weeks can be waiting, so only they are looked at
(:func:`weeks_back`, :func:`unpaid_weeks`), never every week of the Work
Diary's history (red team r20 M3, L1).  Every
moment, amount and status is the hourly engine's own: each week's payout
calendar (:meth:`~upwork_safety.hourly.BillingWeek.calendar`), its invoice from
:func:`~upwork_safety.hourly.invoice_for`, laid out by
:func:`~upwork_safety.hourly.payout_schedule`, whose items say where the pay
is at the moment of the review (:class:`~upwork_safety.hourly.PayoutStatus`);
the Top Rated moment is the week's own
:meth:`~upwork_safety.hourly.BillingWeek.calendar` with ``top_rated=True``.
Nothing here restates a rule of the payout calendar.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from datetime import date, timedelta
from typing import TYPE_CHECKING

import upwork_safety.hourly as hourly  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import day_ended_text
from upwork_safety.checks._clocks import _left, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._net import becomes_available, net_of_weeks
from upwork_safety.rules import HISTORY, RuleHistory

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import datetime
    from typing import TypeAlias

    from upwork_safety.models import Contract, TimeEntry
    from upwork_safety.rules import PlatformRules

    #: Each week's invoice of the contract under review (``hourly.invoice_for``).
    Bills: TypeAlias = Callable[[hourly.BillingWeek], hourly.WeeklyInvoice]


#: How a review names the billing week containing its moment.
THIS_WEEK = "this week"


def week_label(week: hourly.BillingWeek, now: datetime) -> str:
    """*week* as the hourly findings name it: 'this week', 'last week', '3 weeks ago'.

    The one wording of a week's age: ``UNPROTECTED_HOURS`` and
    ``OVER_WEEKLY_LIMIT`` (``_hourly_weeks``) and the findings here name
    the same week alike (red team r20 L3).
    """
    back = (hourly.billing_week(now).start - week.start).days // 7
    if not back:
        return THIS_WEEK
    return "last week" if back == 1 else f"{back} weeks ago"


def weeks_back(
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
    still_open: Callable[[hourly.PayoutCalendar], bool],
) -> Iterator[hourly.BillingWeek]:
    """The week containing *now*, then each week before it, while *still_open* may hold.

    *still_open* tells from a week's own payout calendar whether a moment
    of the week is still ahead at *now* (its dispute window's close, its
    pay).  The walk stops at the first week for which it holds under none
    of the rule sets that can apply: *rules* (every preset of a history
    given), or with ``None`` every preset of
    :data:`upwork_safety.rules.HISTORY`, since each week is counted under
    the rules in force at its end (DOMAIN.md section 3), and those can
    differ from week to week.

    Why no older week is missed: such a moment comes a fixed time (a rule)
    after the week closes, so under any one rule set an older week's moment
    is no later than a newer week's.  An older week is counted under one of
    the rule sets checked, and under that set the week where the walk stops
    is already past its moment, so the older week is too.  Stopping instead
    at the first week whose *own* calendar is past would miss an older week
    whose rules give a longer delay than the newer week's (a rule change
    that shortens it).  The walk covers the longest delay the rules allow
    (a year at most, ``PlatformRules``), never the Work Diary's history
    (red team r20 M3).
    """
    if rules is None:
        possible = tuple(HISTORY)
    elif isinstance(rules, RuleHistory):
        possible = tuple(rules)
    else:
        possible = (rules,)
    week = hourly.billing_week(now)
    while any(still_open(week.calendar(rules=chosen)) for chosen in possible):
        yield week
        # The calendar's first week (from 0001-01-01) has no week before it.
        if week.start.date() - date.min < timedelta(days=7):
            return
        week = week.previous()


def _worked(
    entries: Sequence[TimeEntry], weeks: Sequence[hourly.BillingWeek]
) -> list[hourly.BillingWeek]:
    """The *weeks* (consecutive, oldest first) that *entries* touch, as ``weeks_of`` counts.

    An entry touches a week when it starts by the week's end and ends after
    the week starts (its end is exclusive).  One pass keeps the entries
    that touch the run of weeks at all.  A contract keeps its entries in
    the order given, so those are sorted by start; they do not overlap (a
    contract refuses that), so the last to start by a week's end is also
    the last to end, and the week is touched exactly when that entry ends
    after the week starts.
    """
    if not weeks:
        return []
    first, last = weeks[0].start, weeks[-1].end
    near = sorted((e.start, e.end) for e in entries if e.start <= last and e.end > first)
    starts = [start for start, _ in near]
    touched: list[hourly.BillingWeek] = []
    for week in weeks:
        index = bisect_right(starts, week.end)
        if index and near[index - 1][1] > week.start:
            touched.append(week)
    return touched


def unpaid_weeks(
    contract: Contract, now: datetime, rules: PlatformRules | RuleHistory[PlatformRules] | None
) -> list[hourly.BillingWeek]:
    """The weeks of *contract*'s Work Diary invoiced by *now* whose pay is not yet available.

    Oldest first.  Only the last few weeks can be (:func:`weeks_back`); each
    is then decided by its own calendar, not Top Rated's (the findings tell
    the Top Rated moment besides).
    """

    def pay_ahead(calendar: hourly.PayoutCalendar) -> bool:
        return now < calendar.available_at

    recent = list(weeks_back(now, rules, pay_ahead))[::-1]
    found: list[hourly.BillingWeek] = []
    for week in _worked(contract.time_entries, recent):
        calendar = week.calendar(rules=rules)
        if calendar.invoiced_at <= now < calendar.available_at:
            found.append(week)
    return found


def _top_rated(item: hourly.PayoutItem, now: datetime) -> str:
    """What the Top Rated early release changes for *item*'s week, in words, or ``""``.

    The week's own calendar for a Top Rated freelancer, under the rules
    the invoice was counted with; ``""`` when the hold is not skipped.
    """
    assert item.week is not None  # an item of invoiced hours has its week
    early = item.week.calendar(top_rated=True, rules=item.rules)
    if not early.hold_skipped:
        return ""
    at = early.available_at
    if now >= at:
        when = day_ended_text(at, "since")
        return f" For a Top Rated freelancer it is available already, {when}."
    return f" For a Top Rated freelancer it is available earlier, {day_ended_text(at, 'by')}."


def _covered(item: hourly.PayoutItem) -> str:
    """How much of the week's pay Hourly Protection covers, in words."""
    if item.protected_amount == item.amount:
        return "all of it covered by Hourly Protection"
    if not item.protected_amount.amount:
        return "none of it covered by Hourly Protection"
    return f"{item.protected_amount} of it covered by Hourly Protection"


def bills_of(contract: Contract, rules: PlatformRules | RuleHistory[PlatformRules] | None) -> Bills:
    """Each week's invoice of *contract* under *rules*, counted once however often asked.

    A review asks for last week's invoice for ``UNPROTECTED_HOURS`` and
    again for ``HOURS_IN_REVIEW``; the engine reads the whole Work Diary for
    each, so one review counts each week once.
    """

    @functools.cache
    def bill(week: hourly.BillingWeek) -> hourly.WeeklyInvoice:
        return hourly.invoice_for(contract, week=week, rules=rules)

    return bill


def hourly_pay_findings(
    contract: Contract,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
    *,
    bill: Bills | None = None,
) -> list[Finding]:
    """One finding per billed week whose pay is not yet available at *now*.

    ``HOURS_IN_REVIEW`` while the client can dispute the week's hours, due
    at the end of the dispute window; then ``HOURS_PENDING``, due when the
    pay becomes available.  A week that bills nothing (all its time over
    the weekly limit) has no pay to wait for and gives neither.

    Args:
        contract: An hourly contract with its Work Diary up to *now*.
        now: The moment of the review (UTC).
        rules: The caller's rules, or ``None`` for those in force each week.
        bill: The review's invoices (:func:`bills_of`); default: counted here.
    """
    weeks = unpaid_weeks(contract, now, rules)
    return pay_findings(contract, weeks, now, rules, bill=bill)


def pay_findings(
    contract: Contract,
    weeks: Sequence[hourly.BillingWeek],
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
    *,
    bill: Bills | None = None,
) -> list[Finding]:
    """The findings of :func:`hourly_pay_findings` for *weeks*, invoiced and not yet paid."""
    invoice = bill or bills_of(contract, rules)
    bills = [invoice(week) for week in weeks]
    schedule = hourly.payout_schedule(invoices=[bill for bill in bills if bill.amount.amount])
    found: list[Finding] = []
    # Each week's pay is billed gross; the fee comes off at the invoice, each week charged
    # in its own place (newcomer r21 H1; review r21 H1: the sliding scale).
    nets = net_of_weeks(
        contract, [(item.amount, item.charged_at.date()) for item in schedule.items]
    )
    for item, net in zip(schedule.items, nets, strict=True):
        assert item.week is not None  # only invoices are laid out here
        assert item.review_ends is not None  # invoiced hours have a review window
        status = item.status(now)
        label = week_label(item.week, now)
        covered = _covered(item)
        early = _top_rated(item, now)
        available = _when(item.available_at)
        evidence = (
            f"invoiced at {_when(item.charged_at)}; dispute window ends "
            f"{_when(item.review_ends)}; available at {available} "
            "(hourly.payout_schedule)"
        )
        if status is hourly.PayoutStatus.IN_REVIEW:
            # The window's last whole second (Friday 23:59:59), as UNPROTECTED_HOURS gives
            # it; within that second the time left is nil, not negative.
            due = item.review_ends
            message = (
                f"{item.amount} billed {label} ({item.week}) is in the client's review, "
                f"{covered}: the client can dispute the hours until {_when(due)} "
                f"({_left(max(due - now, timedelta()))} from now). If they do not, "
                f"{becomes_available(net, 'the pay')} at {available}.{early}"
            )
            advice = (
                "Nothing to do unless the client disputes the hours; if they do, answer "
                f"in the dispute before its deadline. Plan the withdrawal for {available} "
                "or later."
            )
            code = FindingCode.HOURS_IN_REVIEW
        elif status is hourly.PayoutStatus.PENDING:
            due = item.available_at
            message = (
                f"{item.amount} billed {label} ({item.week}) is past the client's review "
                f"(it ended at {_when(item.review_ends)}) and is pending: "
                f"{becomes_available(net)} at {available} ({_left(due - now)} from now).{early}"
            )
            advice = (
                "Nothing to do: pending money becomes available by itself. Plan the "
                f"withdrawal for {available} or later; until then it cannot be withdrawn."
            )
            code = FindingCode.HOURS_PENDING
        else:  # pragma: no cover  (unpaid_weeks keeps only invoiced weeks not yet available)
            continue
        found.append(
            make_finding(
                code,
                message,
                advice,
                "",
                due=due,
                time_left=max(due - now, timedelta()),
                amount=item.amount,
                evidence=evidence,
            )
        )
    return found
