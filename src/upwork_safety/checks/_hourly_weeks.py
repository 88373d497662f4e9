"""The hourly findings of a contract review: every billing week still disputable (private).

:func:`~upwork_safety.checks.review_contract` (``_contracts``) reviews an
hourly contract with :func:`_hourly`: the Work Diary must end by the moment
of the review (:func:`_check_diary_ends_by`); this week, and every earlier
week whose dispute window may still be open (:func:`_past_weeks`), is
invoiced with :func:`upwork_safety.hourly.invoice_for` for
``UNPROTECTED_HOURS`` and ``OVER_WEEKLY_LIMIT`` (:func:`_week_findings`);
an open contract with an unverified client gives ``UNVERIFIED_CLIENT``;
and every billed week whose pay is not yet available gives ``HOURS_IN_REVIEW``
or ``HOURS_PENDING`` (``_hourly_pay``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import upwork_safety.hourly as hourly  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import NAME_LIMIT, shown
from upwork_safety.checks._clocks import _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._hourly_pay import (
    THIS_WEEK,
    bills_of,
    hourly_pay_findings,
    week_label,
    weeks_back,
)
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from upwork_safety.checks._hourly_pay import Bills
    from upwork_safety.models import Contract
    from upwork_safety.rules import PlatformRules, RuleHistory


def _hours(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def _week_findings(
    contract: Contract,
    week: hourly.BillingWeek,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
    *,
    label: str,
    bills: Bills,
) -> list[Finding]:
    """The findings of one billing week: this week, or a past one the client may still dispute."""
    if label != THIS_WEEK and now >= week.calendar(rules=rules).dispute_window_closes:
        return []
    if not any(e.start <= week.end and e.end > week.start for e in contract.time_entries):
        return []
    bill = bills(week)
    due = bill.dispute_window_ends
    # due is the window's last whole second (Friday 23:59:59); the window itself
    # closes at Saturday 00:00, so in the last second the time left is nil, not negative.
    # Until the Work Diary locks (Monday 12:00, HC 211068518) nothing is billed yet:
    # the freelancer can still add memos or delete time, and that is the deadline.
    lock = bill.invoiced_at
    open_diary = now < lock
    found: list[Finding] = []
    if bill.unprotected_time:
        unprotected = bill.unprotected_segments
        by_reason = {
            reason: span
            for reason in hourly.UnprotectedReason
            if (span := sum((s.length for s in unprotected if reason in s.reasons), timedelta()))
        }
        reasons = "; ".join(
            f"{_hours(span)} {reason.explanation}" for reason, span in by_reason.items()
        )
        why = "; ".join(f"{_hours(span)}, {r.explanation}" for r, span in by_reason.items())
        # Which hours fail which rule, in the message too (red team r20 L2): the CLI
        # prints the message, not the evidence. Time can fail several rules at once.
        overlap = (
            " (some time is counted under more than one reason)"
            if len(by_reason) > 1 and sum(by_reason.values(), timedelta()) > bill.unprotected_time
            else ""
        )
        why = f"Why: {why}{overlap}."
        if open_diary:
            # Logged is what the Work Diary shows; the amount is that of the billable
            # segments, a partial slot rounded up by a modelling assumption (docs/hourly.md),
            # so both are said when they differ (newcomer r43 3).
            logged = sum((s.logged for s in unprotected), timedelta())
            said = _hours(logged) + " logged"
            if logged != bill.unprotected_time:
                said += f" ({_hours(bill.unprotected_time)} billable, in whole segments)"
            message = (
                f"{said} {label} ({week}), worth "
                f"{bill.unprotected_amount}, is not covered by Hourly Protection. {why} "
                f"The Work Diary can be edited until {_when(lock)}, when it locks "
                f"and the week is invoiced, and the client can then dispute it until "
                f"{_when(due)}."
            )
        else:
            message = (
                f"{_hours(bill.unprotected_time)} billed {label} ({week}), worth "
                f"{bill.unprotected_amount}, is not covered by Hourly Protection. {why} "
                f"The client can dispute it until {_when(due)}."
            )
        advice = (
            "Track time with the desktop app, write a memo for every stretch, keep "
            "activity up, and prefer manual time only with the client's written OK."
        )
        if open_diary and any(hourly.UnprotectedReason.NO_MEMO in s.reasons for s in unprotected):
            advice = (
                f"Before the Work Diary locks at {_when(lock)}, add the missing memos. {advice}"
            )
        script = _unprotected_script(unprotected, label)
        found.append(
            make_finding(
                FindingCode.UNPROTECTED_HOURS,
                message,
                advice,
                script,
                due=due,
                time_left=max(due - now, timedelta()),
                amount=bill.unprotected_amount,
                evidence=reasons,
            )
        )
    if bill.over_limit_time:
        # The time actually logged in the over-limit slots, from the Work Diary: the
        # invoice's over_limit_time counts whole billing segments (a partial slot
        # rounded up by a modelling assumption) and can exceed all the time logged.
        logged = sum((s.logged for s in bill.over_limit_segments), timedelta())
        if open_diary:
            message = (
                f"{_hours(logged)} logged {label} ({week}) after the weekly limit of "
                f"{bill.weekly_limit} hours will not be invoiced when the Work Diary locks "
                f"at {_when(lock)}: that time is unpaid."
            )
        else:
            message = (
                f"{_hours(logged)} logged {label} ({week}) after the weekly "
                f"limit of {bill.weekly_limit} hours is not invoiced: that time is unpaid."
            )
        advice = "Stop tracking at the limit, or ask the client to raise it first."
        script = (
            "This week needs more hours than our weekly limit allows. Could you raise the "
            "limit so the extra time is billed? Otherwise I'll stop at the limit."
        )
        found.append(
            make_finding(
                FindingCode.OVER_WEEKLY_LIMIT,
                message,
                advice,
                script,
                # Over-limit time is never invoiced, so the client's dispute window is not
                # its clock: the Work Diary lock is, while it is ahead; then none is.
                due=lock if open_diary else None,
                time_left=lock - now if open_diary else None,
                evidence=f"over limit: {_hours(logged)} logged, in "
                f"{len(bill.over_limit_segments)} billing segments ({bill.over_limit_hours} h)",
            )
        )
    return found


def _unprotected_script(unprotected: tuple[hourly.Segment, ...], label: str) -> str:
    """The note to the client that the week's reasons make true, or ``""`` if none fits.

    Manual time is worth telling the client about, and with it every other
    reason the client sees in the Work Diary (red team r20 L2: a note that
    names the manual hours alone reads as if they were all): tracked time
    with little or no activity, and time without a memo.  The note says
    the details are in the memos only when every unprotected segment has
    one, and otherwise offers to say what the time was for.  Low activity,
    missing memos or an unverified client alone have no honest note
    (UNVERIFIED_CLIENT carries its own).
    """
    manual = _time(unprotected, hourly.UnprotectedReason.MANUAL)
    if not manual:
        return ""
    # Manual time records no activity: its own reason covers it, so low activity is
    # said of tracked time only.
    tracked = tuple(s for s in unprotected if hourly.UnprotectedReason.MANUAL not in s.reasons)
    idle = _time(tracked, hourly.UnprotectedReason.LOW_ACTIVITY)
    bare = _time(unprotected, hourly.UnprotectedReason.NO_MEMO)
    also = [f"{_hours(idle)} of tracked time shows little or no activity"] if idle else []
    also += [f"{_hours(bare)} has no memo"] if bare else []
    more = "".join(f", {part}" for part in also[:-1]) + (f", and {also[-1]}" if also else "")
    details = (
        "; I'm happy to tell you what I worked on in those hours"
        if bare
        else "; the details are in the memos"
    )
    return (
        f"Quick note: I added {_hours(manual)} of manual time {label} for work done away "
        f"from the tracker{more}{details}. Let me know if you have any questions."
    )


def _time(segments: tuple[hourly.Segment, ...], reason: hourly.UnprotectedReason) -> timedelta:
    """The time of *segments* that *reason* leaves unprotected."""
    return sum((s.length for s in segments if reason in s.reasons), timedelta())


def _check_diary_ends_by(contract: Contract, now: datetime) -> None:
    """Refuse a Work Diary that records time after *now*, as the escrow engine refuses history."""
    last = max((entry.end for entry in contract.time_entries), default=None)
    if last is not None and now < last:
        raise InvalidValueError(
            f"now ({_when(now)}) is earlier than the end of the last time entry in the Work "
            f"Diary ({_when(last)}); time only moves forward",
            field="now",
            rule="not before the end of the last time entry",
        )


def _past_weeks(
    now: datetime, rules: PlatformRules | RuleHistory[PlatformRules] | None
) -> list[tuple[hourly.BillingWeek, str]]:
    """The weeks before *now*'s whose dispute window may still be open, newest first.

    Last week under the published rules; under a what-if dispute window
    longer than a week (up to a year), every week it may still cover.  Each
    week's own calendar decides (:func:`_week_findings`); the walk
    (``_hourly_pay.weeks_back``) stops where no rule set in use can keep a
    window open.
    """

    def window_open(calendar: hourly.PayoutCalendar) -> bool:
        return now < calendar.dispute_window_closes

    weeks = list(weeks_back(now, rules, window_open))[1:]
    return [(week, week_label(week, now)) for week in weeks]


def _hourly(
    contract: Contract, now: datetime, rules: PlatformRules | RuleHistory[PlatformRules] | None
) -> list[Finding]:
    _check_diary_ends_by(contract, now)
    bills = bills_of(contract, rules)
    this_week = hourly.billing_week(now)
    found = _week_findings(contract, this_week, now, rules, label=THIS_WEEK, bills=bills)
    for week, label in _past_weeks(now, rules):
        found.extend(_week_findings(contract, week, now, rules, label=label, bills=bills))
    found.extend(hourly_pay_findings(contract, now, rules, bill=bills))
    if contract.ended is None and not contract.client.payment_verified:
        message = (
            f"Client {shown(contract.client.name or contract.client_id, NAME_LIMIT)} has no "
            "verified billing method: Hourly Protection covers none of your hours."
        )
        advice = (
            "Ask the client to verify a billing method before you log more time, or move "
            "the work to funded fixed-price milestones."
        )
        script = (
            "Before I log more hours, could you verify your billing method on Upwork? "
            "It's what lets Upwork protect hourly work for both of us."
        )
        found.append(
            make_finding(
                FindingCode.UNVERIFIED_CLIENT,
                message,
                advice,
                script,
                evidence="Client.payment_verified is False",
            )
        )
    return found
