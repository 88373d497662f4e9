"""Boundaries of the hourly engine that mutation testing (red team r20) found unpinned.

Each test pins one edge exactly: the billing week's exclusive Monday 00:00
end, the order of :func:`weeks_of`, the payout calendar's and the hours
dispute's constructor checks at equality, and a pause that starts exactly as
an entry starts.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly import (
    BillingWeek,
    HoursDispute,
    Pause,
    PayoutCalendar,
    TimeEntry,
    invoice,
    payout_calendar,
    weeks_of,
)
from upwork_safety.hourly._week import HOURS_ORDER_RULE
from upwork_safety.money import Money

UTC = timezone.utc
MICROSECOND = timedelta(microseconds=1)
#: Monday 2024-01-01 00:00 UTC.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))


def at(day, hour=0, minute=0):
    """A moment in January 2024 (day 1 is the Monday that opens WEEK)."""
    return datetime(2024, 1, day, hour, minute, tzinfo=UTC)


# --- weeks_of (red team r20 L1, L2) ----------------------------------------------


def test_weeks_of_lists_twelve_weeks_oldest_first_whatever_the_entry_order():
    """r20 L1: twelve one-hour entries, given newest first, come back as their weeks oldest first."""
    entries = [
        TimeEntry(
            WEEK.start + timedelta(weeks=k, hours=9), WEEK.start + timedelta(weeks=k, hours=10)
        )
        for k in reversed(range(12))
    ]
    expected = tuple(BillingWeek(WEEK.start + timedelta(weeks=k)) for k in range(12))
    assert expected == weeks_of(entries)
    assert datetime(2024, 3, 18, tzinfo=UTC) == weeks_of(entries)[-1].start


def test_an_entry_ending_at_monday_midnight_touches_one_week():
    """r20 L2: Wednesday 09:00 to the next Monday 00:00 is in one week only (the end is exclusive)."""
    alone = TimeEntry(at(3, 9), at(8))
    assert (WEEK,) == weeks_of([alone])


def test_an_entry_ending_a_microsecond_after_monday_midnight_touches_two_weeks():
    """The other side of r20 L2: one microsecond into Monday is in the next week too."""
    longer = TimeEntry(at(3, 9), at(8) + MICROSECOND)
    assert (WEEK, WEEK.next()) == weeks_of([longer])


# --- the payout calendar's constructor (red team r20 L3, L4) ---------------------


def test_hold_skipped_without_top_rated_is_refused():
    """r20 L3: a calendar that skipped the hold but is not Top Rated is refused on hold_skipped."""
    top = payout_calendar(WEEK, top_rated=True)
    assert top.hold_skipped  # the same moments are valid for a Top Rated calendar
    with pytest.raises(InvalidValueError) as caught:
        PayoutCalendar(
            week=WEEK,
            invoiced_at=top.invoiced_at,
            dispute_window_ends=top.dispute_window_ends,
            available_at=top.available_at,
            top_rated=False,
            hold_skipped=True,
        )
    assert "PayoutCalendar.hold_skipped" == caught.value.field
    assert "HC 360047676133" in caught.value.rule


def test_an_invoice_at_the_weeks_last_microsecond_is_refused():
    """r20 L4: invoiced_at must be after the week's end; equal to it is refused, a microsecond later is not."""
    usual = payout_calendar(WEEK)
    assert datetime(2024, 1, 7, 23, 59, 59, 999999, tzinfo=UTC) == WEEK.end
    with pytest.raises(InvalidValueError) as caught:
        PayoutCalendar(
            week=WEEK,
            invoiced_at=WEEK.end,
            dispute_window_ends=usual.dispute_window_ends,
            available_at=usual.available_at,
        )
    assert "PayoutCalendar.available_at" == caught.value.field
    assert HOURS_ORDER_RULE == caught.value.rule
    just_after = PayoutCalendar(
        week=WEEK,
        invoiced_at=WEEK.end + MICROSECOND,
        dispute_window_ends=usual.dispute_window_ends,
        available_at=usual.available_at,
    )
    assert datetime(2024, 1, 8, tzinfo=UTC) == just_after.invoiced_at


# --- the hours dispute's constructor (red team r20 L5) ----------------------------


def test_a_dispute_due_the_moment_it_opens_is_refused():
    """r20 L5: respond_by equal to opened_at is refused; one microsecond later is accepted."""
    opened = datetime(2024, 1, 12, 18, tzinfo=UTC)
    with pytest.raises(InvalidValueError) as caught:
        HoursDispute(opened_at=opened, respond_by=opened, respond_by_if_business_days=opened)
    assert "HoursDispute.respond_by" == caught.value.field
    later = opened + MICROSECOND
    dispute = HoursDispute(opened_at=opened, respond_by=later, respond_by_if_business_days=later)
    assert later == dispute.respond_by


# --- a pause starting exactly at an entry's start (red team r20 M3) --------------


def test_a_wholly_paused_entry_starting_off_the_grid_leaves_the_segment_before_it_alone():
    """r20 M3: a manual entry inside a pause that starts with it adds nothing to 09:00's segment.

    Entry 0 runs 09:00-09:07 (memo, activity 8); entry 1 runs 09:07-09:30,
    manual with no memo, and the contract is paused 09:07-09:40.  Only entry
    0's 7 minutes are invoiced: one protected 09:00 segment (7 minutes is at
    least half of it), 1/6 h at USD 10.00 = USD 1.67, and entry 1's 23
    minutes are paused (0.38 h).
    """
    memo = TimeEntry(at(3, 9), at(3, 9, 7), memo="logo", activity=8)
    manual = TimeEntry(at(3, 9, 7), at(3, 9, 30), manual=True)
    bill = invoice(
        [memo, manual],
        week=WEEK,
        rate=Money("10.00", "USD"),
        pauses=[Pause(at(3, 9, 7), at(3, 9, 40))],
    )
    assert 1 == len(bill.segments)
    segment = bill.segments[0]
    assert at(3, 9) == segment.start
    assert (0,) == segment.entries
    assert not segment.manual
    assert () == segment.reasons
    assert timedelta(minutes=7) == segment.logged
    assert Decimal("0.17") == bill.protected_hours
    assert Decimal("0.00") == bill.unprotected_hours
    assert Decimal("0.38") == bill.paused_hours
    assert Money("1.67", "USD") == bill.amount
