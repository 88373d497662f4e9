"""Billed hours still in review or pending: ``HOURS_IN_REVIEW`` and ``HOURS_PENDING`` (private).

The hourly counterpart of ``REVIEW_PERIOD_RUNNING`` and ``FUNDS_PENDING``
(``_clocks``, ``_pending``): :func:`~upwork_safety.checks.review_contract`
reports, for every week of the Work Diary whose pay is not yet available,
whether the client can still dispute it and when the pay becomes available.
Every moment, amount and status is the hourly engine's own: the weeks from
:func:`upwork_safety.hourly.weeks_of`, each week's invoice from
:func:`~upwork_safety.hourly.invoice_for`, laid out by
:func:`~upwork_safety.hourly.payout_schedule`, whose items say where the pay
is at the moment of the review (:class:`~upwork_safety.hourly.PayoutStatus`);
the Top Rated moment is the week's own
:meth:`~upwork_safety.hourly.BillingWeek.calendar` with ``top_rated=True``.
Nothing here restates a rule of the payout calendar.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import upwork_safety.hourly as hourly  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import shown
from upwork_safety.checks._clocks import _left, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from datetime import datetime

    from upwork_safety.models import Contract
    from upwork_safety.rules import PlatformRules


def _unpaid(week: hourly.BillingWeek, now: datetime, rules: PlatformRules | None) -> bool:
    """Whether *week* is invoiced by *now* and its pay (not Top Rated's) is not yet available."""
    calendar = week.calendar(rules=rules)
    return calendar.invoiced_at <= now < calendar.available_at


def _label(week: hourly.BillingWeek, now: datetime) -> str:
    """The week as the hourly findings name it: 'last week', '3 weeks ago'."""
    back = (hourly.billing_week(now).start - week.start).days // 7
    return "last week" if back == 1 else f"{back} weeks ago"


def _top_rated(item: hourly.PayoutItem, now: datetime) -> str:
    """What the Top Rated early release changes for *item*'s week, in words, or ``""``.

    The week's own calendar for a Top Rated freelancer, under the rules
    the invoice was counted with; ``""`` when the hold is not skipped.
    """
    assert item.week is not None  # an item of invoiced hours has its week
    early = item.week.calendar(top_rated=True, rules=item.rules)
    if not early.hold_skipped:
        return ""
    if now >= early.available_at:
        return (
            f" For a Top Rated freelancer it is available already, since "
            f"{_when(early.available_at)}."
        )
    return f" For a Top Rated freelancer it is available earlier, at {_when(early.available_at)}."


def _covered(item: hourly.PayoutItem) -> str:
    """How much of the week's pay Hourly Protection covers, in words."""
    if item.protected_amount == item.amount:
        return "all of it covered by Hourly Protection"
    if not item.protected_amount.amount:
        return "none of it covered by Hourly Protection"
    return f"{item.protected_amount} of it covered by Hourly Protection"


def _weeks(contract: Contract) -> tuple[hourly.BillingWeek, ...]:
    """The billing weeks of *contract*'s Work Diary, or an error naming its field.

    A contract's entries never overlap (its constructor refuses that), so
    the one rule :func:`~upwork_safety.hourly.weeks_of` can refuse them by
    is its bound on the weeks returned: the error then names the field the
    caller gave, not the engine's argument (red team r20: a single entry of
    thousands of years).
    """
    try:
        return hourly.weeks_of(contract.time_entries)
    except InvalidValueError as error:
        raise InvalidValueError(
            f"Contract.time_entries of contract {shown(contract.id)}: {error}",
            field="Contract.time_entries",
            rule=error.rule,
        ) from error


def hourly_pay_findings(
    contract: Contract, now: datetime, rules: PlatformRules | None
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
    """
    weeks = [w for w in _weeks(contract) if _unpaid(w, now, rules)]
    bills = [hourly.invoice_for(contract, week=week, rules=rules) for week in weeks]
    schedule = hourly.payout_schedule(invoices=[bill for bill in bills if bill.amount.amount])
    found: list[Finding] = []
    for item in schedule.items:
        assert item.week is not None  # only invoices are laid out here
        assert item.review_ends is not None  # invoiced hours have a review window
        status = item.status(now)
        label = _label(item.week, now)
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
                f"({_left(max(due - now, timedelta()))} from now). If they do not, the pay "
                f"becomes available to withdraw at {available}.{early}"
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
                f"(it ended at {_when(item.review_ends)}) and is pending: it becomes "
                f"available to withdraw at {available} ({_left(due - now)} from now).{early}"
            )
            advice = (
                "Nothing to do: pending money becomes available by itself. Plan the "
                f"withdrawal for {available} or later; until then it cannot be withdrawn."
            )
            code = FindingCode.HOURS_PENDING
        else:  # pragma: no cover  (_unpaid keeps only invoiced weeks not yet available)
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
