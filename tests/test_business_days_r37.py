"""Review r37, review 2: business days from exactly 00:00 UTC end when they have passed.

``add_business_days`` from the very start of a business day (Monday 00:00 + 5,
Friday 00:00 + 1, Tuesday 00:00 + 4) returned the next Monday 00:00, two
calendar days after the business days had passed (at Saturday 00:00): the
client's answer to an escrow dispute, and so the freelancer's money, came two
days late for a filing at 00:00, a microsecond after a filing on Sunday night.
The result is now the least moment with ``n`` x 24 h of Monday-Friday time
since the start, for escrow and hourly disputes alike (one helper).

11 March 2024 is a Monday.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, hourly
from upwork_safety._calendar import add_business_days, add_business_span
from upwork_safety.escrow import AutoDisputeRelease, Fund, OpenDispute, RequestRefund
from upwork_safety.models import MilestoneState

U = timezone.utc
MICROSECOND = timedelta(microseconds=1)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=U)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # From Monday 00:00 five business days are Monday to Friday whole: Saturday 00:00.
        (at(2024, 3, 11), 5, at(2024, 3, 16)),
        # From Tuesday 00:00 four are Tuesday to Friday; from Friday 00:00 one is Friday.
        (at(2024, 3, 12), 4, at(2024, 3, 16)),
        (at(2024, 3, 15), 1, at(2024, 3, 16)),
        # From Friday 00:00 two are Friday and Monday: Tuesday 00:00.
        (at(2024, 3, 15), 2, at(2024, 3, 19)),
        # From Wednesday 00:00 one is Wednesday: Thursday 00:00, as before.
        (at(2024, 3, 13), 1, at(2024, 3, 14)),
        # The last microsecond of Friday keeps its time of day: one business day is the
        # whole of Monday but that microsecond.
        (at(2024, 3, 15, 23, 59, 59, 999999), 1, at(2024, 3, 18, 23, 59, 59, 999999)),
        (at(2024, 3, 15, 23, 59, 59, 999999), 5, at(2024, 3, 22, 23, 59, 59, 999999)),
        # Saturday and Sunday, at any moment, count from Monday 00:00: the same Saturday
        # 00:00 as a filing at Monday 00:00 itself.
        (at(2024, 3, 9), 5, at(2024, 3, 16)),
        (at(2024, 3, 9, 14, 30), 5, at(2024, 3, 16)),
        (at(2024, 3, 10, 23, 59, 59, 999999), 5, at(2024, 3, 16)),
        (at(2024, 3, 10, 23, 59, 59, 999999), 1, at(2024, 3, 12)),
        # A microsecond after Monday 00:00 keeps its time of day.
        (at(2024, 3, 11, 0, 0, 0, 1), 5, at(2024, 3, 18, 0, 0, 0, 1)),
    ],
)
def test_business_days_from_the_start_of_a_day_end_when_they_have_passed(start, n, expected):
    """The boundary instants: 00:00 on a business day counts that day whole."""
    result = add_business_days(start, n)
    assert expected == result
    assert U is result.tzinfo
    assert timedelta(days=n) == business_time(start, result)


def business_time(start: datetime, end: datetime) -> timedelta:
    """The Monday-Friday (UTC) time between two UTC moments, one calendar day at a time."""
    total = timedelta(0)
    moment = start
    while moment < end:
        midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), U)
        step = min(end, midnight)
        if moment.weekday() < 5:
            total += step - moment
        moment = step
    return total


MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(U)
)


@given(MOMENTS, st.integers(1, 30))
@example(at(2024, 3, 11), 5)
@example(at(2024, 3, 15), 1)
@example(at(2024, 3, 12), 4)
def test_one_microsecond_before_the_result_the_days_have_not_passed(start, n):
    """The result is the least moment with n x 24 h of Monday-Friday time since *start*."""
    result = add_business_days(start, n)
    assert timedelta(days=n) == business_time(start, result)
    assert business_time(start, result - MICROSECOND) < timedelta(days=n)


def brute_force(start: datetime, n: int, step: timedelta) -> datetime:
    """The first moment on *start*'s grid of *step* with n x 24 h of Monday-Friday time."""
    needed = timedelta(days=n)
    total = timedelta(0)
    moment = start
    while total < needed:
        # A step never straddles midnight: the grid is whole steps of a whole day.
        if moment.weekday() < 5:
            total += step
        moment += step
    return moment


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(0, 6),
)
@example(datetime(2024, 3, 11), 5)
@example(datetime(2024, 3, 15), 1)
@example(datetime(2024, 3, 12), 4)
@example(datetime(2024, 3, 10, 23, 45), 5)
@example(datetime(2024, 3, 15, 23, 45), 1)
def test_the_result_is_the_least_moment_a_brute_force_count_finds(start, n):
    """Against a count of quarter hours from a start on that grid (its answer is on it too)."""
    step = timedelta(minutes=15)
    start = start.replace(minute=start.minute // 15 * 15, second=0, microsecond=0, tzinfo=U)
    assert brute_force(start, n, step) == add_business_days(start, n)


def test_the_span_reader_adds_a_part_of_a_day_after_the_whole_days():
    """A what-if period's part of a day is elapsed time after the whole days have passed."""
    span = timedelta(days=5, hours=12)
    assert at(2024, 3, 16, 12) == add_business_span(at(2024, 3, 11), span)
    assert at(2024, 3, 16, 12) == add_business_span(at(2024, 3, 10, 9), span)


def disputed(filed: datetime) -> Contract:
    """A refund request disputed at *filed* (funded two days before, asked one day before)."""
    funded = filed - timedelta(days=2)
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        funded.date(),
        milestones=[Milestone("m1", "Logo", Money("15.00", "USD"))],
    )
    c = escrow.apply(c, Fund("m1", funded))
    c = escrow.apply(c, RequestRefund("m1", funded + timedelta(days=1)))
    return escrow.apply(c, OpenDispute("m1", filed))


@pytest.mark.parametrize(
    ("filed", "due"),
    [
        (at(2024, 3, 10, 23, 59, 59, 999999), at(2024, 3, 16)),
        (at(2024, 3, 11), at(2024, 3, 16)),
        # Tuesday 00:00: Tuesday to Friday and Monday, to Tuesday 00:00 (as before).
        (at(2024, 3, 12), at(2024, 3, 19)),
        (at(2024, 3, 15), at(2024, 3, 22)),
        (at(2024, 3, 11, 0, 0, 0, 1), at(2024, 3, 18, 0, 0, 0, 1)),
    ],
)
def test_the_clients_answer_to_a_dispute_filed_at_midnight_is_due_when_five_days_passed(filed, due):
    """``deadlines`` and ``advance`` agree: the funds go to the freelancer at *due*, not later."""
    c = disputed(filed)
    (answer,) = [d for d in escrow.deadlines(c, filed) if d.kind == "dispute_response_due"]
    assert due == answer.due
    assert "client" == answer.who
    assert MilestoneState.DISPUTED is escrow.advance(c, due - MICROSECOND).milestones[0].state
    after = escrow.advance(c, due)
    assert MilestoneState.PAID is after.milestones[0].state
    (release,) = [e for e in after.history if isinstance(e, AutoDisputeRelease)]
    assert due == release.at


def test_an_hourly_dispute_read_in_business_days_from_midnight_ends_when_they_passed():
    """Hourly disputes read the same helper: 3 business days from Wednesday 00:00 end Saturday.

    Opened at 00:00 on Wednesday 13 March 2024, inside the week of 4 March's dispute window.
    """
    answer = hourly.dispute_response(at(2024, 3, 13))
    assert at(2024, 3, 16) == answer.respond_by
    assert at(2024, 3, 16) == answer.respond_by_if_business_days
    later = hourly.dispute_response(at(2024, 3, 13, 0, 0, 0, 1))
    assert at(2024, 3, 18, 0, 0, 0, 1) == later.respond_by_if_business_days
    assert date(2024, 3, 13) == answer.opened_at.date()
