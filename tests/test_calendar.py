"""Tests for upwork_safety._calendar: business days are Monday to Friday in UTC."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from upwork_safety._calendar import add_business_days, is_business_day, week_rules_day
from upwork_safety._last_day import LATEST
from upwork_safety.errors import InvalidTypeError, InvalidValueError

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday 18:00 + 3: Monday, Tuesday, Wednesday.
        (datetime(2024, 1, 12, 18, tzinfo=UTC), 3, datetime(2024, 1, 17, 18, tzinfo=UTC)),
        # From a weekend the count starts at Monday 00:00: one business day is the whole
        # Monday (to Tuesday 00:00), from Saturday as from Sunday (review r32, hostile 1).
        (datetime(2024, 1, 13, 8, tzinfo=UTC), 1, datetime(2024, 1, 16, tzinfo=UTC)),
        (datetime(2024, 1, 14, 8, tzinfo=UTC), 1, datetime(2024, 1, 16, tzinfo=UTC)),
        # Sunday + 5 is the whole of Monday to Friday, to Saturday 00:00; so is Monday 00:00
        # + 5 (review r37, review 2: it was the next Monday); Saturday + 6 takes the next
        # Monday too, to Tuesday 00:00.
        (datetime(2024, 1, 14, tzinfo=UTC), 5, datetime(2024, 1, 20, tzinfo=UTC)),
        (datetime(2024, 1, 15, tzinfo=UTC), 5, datetime(2024, 1, 20, tzinfo=UTC)),
        (
            datetime(2024, 1, 15, 0, 0, 0, 1, tzinfo=UTC),
            5,
            datetime(2024, 1, 22, 0, 0, 0, 1, tzinfo=UTC),
        ),
        (datetime(2024, 1, 13, 23, tzinfo=UTC), 6, datetime(2024, 1, 23, tzinfo=UTC)),
        (datetime(2024, 1, 13, 23, tzinfo=UTC), 0, datetime(2024, 1, 13, 23, tzinfo=UTC)),
        # Wednesday + 10 crosses two weekends.
        (datetime(2024, 1, 17, 9, tzinfo=UTC), 10, datetime(2024, 1, 31, 9, tzinfo=UTC)),
        # Across a month and a leap day: Thursday 29 Feb + 1 is Friday 1 March.
        (datetime(2024, 2, 29, tzinfo=UTC), 1, datetime(2024, 3, 1, tzinfo=UTC)),
        (datetime(2024, 1, 12, 18, tzinfo=UTC), 0, datetime(2024, 1, 12, 18, tzinfo=UTC)),
    ],
)
def test_business_days_pinned(start, n, expected):
    """n business days after a moment, skipping Saturdays and Sundays, same time of day."""
    assert expected == add_business_days(start, n)


def test_business_days_count_in_utc():
    """Saturday 03:00 in Karachi is Friday 22:00 UTC: one business day later is Monday 22:00 UTC."""
    result = add_business_days(datetime(2024, 1, 13, 3, tzinfo=KARACHI), 1)
    assert datetime(2024, 1, 15, 22, tzinfo=UTC) == result
    assert UTC == result.tzinfo
    assert is_business_day(datetime(2024, 1, 13, 3, tzinfo=KARACHI))
    assert not is_business_day(datetime(2024, 1, 13, 5, tzinfo=KARACHI))


def naive_count(start: datetime, n: int) -> datetime:
    """The definition, one day at a time: from 00:00 or a weekend, whole days from 00:00."""
    moment = start
    if n and (moment.weekday() >= 5 or moment.time() == time(0)):
        while moment.weekday() >= 5:
            moment = datetime.combine(moment.date() + timedelta(days=1), time(0), UTC)
        # Monday is the first business day; the rest are stepped; the count ends at 00:00 after.
        n -= 1
        end = timedelta(days=1)
    else:
        end = timedelta(0)
    while n:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment + end


def business_time(start: datetime, end: datetime) -> timedelta:
    """The Monday–Friday (UTC) time between two UTC moments, one calendar day at a time."""
    total = timedelta(0)
    moment = start
    while moment < end:
        midnight = datetime.combine(moment.date() + timedelta(days=1), time(0), UTC)
        step = min(end, midnight)
        if moment.weekday() < 5:
            total += step - moment
        moment = step
    return total


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ),
    st.integers(0, 60),
)
def test_business_days_match_the_definition(start, n):
    """The week-at-a-time count equals stepping one day at a time; the result is a weekday.

    Or, for a count of whole days (from 00:00 or a weekend), the 00:00 ending a weekday.
    """
    result = add_business_days(start, n)
    assert naive_count(start, n) == result
    if n:
        whole = start.weekday() >= 5 or start.time() == time(0)
        ended = result - timedelta(microseconds=1)
        assert ended.weekday() < 5 if whole else result.weekday() < 5
        assert result.time() == time(0) if whole else result.time() == start.time()
        assert timedelta(days=n) <= result - start <= timedelta(days=n + 2 + 2 * (n // 5))


MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(
    MOMENTS, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9)), st.integers(0, 30)
)
@example(datetime(2025, 3, 7, 23, 59, 59, 999999, tzinfo=UTC), timedelta(microseconds=1), 5)
@example(datetime(2025, 3, 7, 12, tzinfo=UTC), timedelta(days=1), 1)
def test_a_later_start_never_gives_an_earlier_result(start, later_by, n):
    """Review r32, hostile 1: the result is monotonic in the start (a weekend start ran backwards)."""
    assert add_business_days(start, n) <= add_business_days(start + later_by, n)


@given(MOMENTS, st.integers(0, 30))
def test_the_result_is_exactly_n_business_days_of_time_after_the_start(start, n):
    """Review r32, hostile 1: n x 24 h of Monday-Friday time, never less (a weekend start had n - 1)."""
    assert timedelta(days=n) == business_time(start, add_business_days(start, n))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # The last microsecond of Friday keeps its time of day; 1 us later the weekend
        # counts from Monday 00:00 and ends with Friday, a microsecond later, not a day earlier.
        (
            datetime(2025, 3, 7, 23, 59, 59, 999999, tzinfo=UTC),
            datetime(2025, 3, 14, 23, 59, 59, 999999, tzinfo=UTC),
        ),
        (datetime(2025, 3, 8, tzinfo=UTC), datetime(2025, 3, 15, tzinfo=UTC)),
        (datetime(2025, 3, 9, 23, 59, 59, 999999, tzinfo=UTC), datetime(2025, 3, 15, tzinfo=UTC)),
        # Monday 00:00 is the same whole Monday to Friday (review r37, review 2: it ran to the
        # next Monday 00:00, two days after the five had passed); a microsecond later keeps
        # its time of day.
        (datetime(2025, 3, 10, tzinfo=UTC), datetime(2025, 3, 15, tzinfo=UTC)),
        (
            datetime(2025, 3, 10, 0, 0, 0, 1, tzinfo=UTC),
            datetime(2025, 3, 17, 0, 0, 0, 1, tzinfo=UTC),
        ),
        # An instant given in another zone is read in UTC: Saturday 03:00 in Karachi is Friday.
        (datetime(2025, 3, 8, 3, tzinfo=KARACHI), datetime(2025, 3, 14, 22, tzinfo=UTC)),
        (datetime(2025, 3, 8, 5, tzinfo=KARACHI), datetime(2025, 3, 15, tzinfo=UTC)),
    ],
)
def test_five_business_days_at_the_weekends_edges(start, expected):
    """Review r32, hostile 1: the boundary instants of the UTC weekend, pinned."""
    assert expected == add_business_days(start, 5)


@pytest.mark.parametrize(
    ("start", "n", "kind", "field"),
    [
        (datetime(2024, 1, 12), 1, InvalidValueError, "start"),
        (date(2024, 1, 12), 1, InvalidTypeError, "start"),
        (datetime(2024, 1, 12, tzinfo=UTC), -1, InvalidValueError, "n"),
        (datetime(2024, 1, 12, tzinfo=UTC), True, InvalidTypeError, "n"),
        (datetime(2024, 1, 12, tzinfo=UTC), 1.0, InvalidTypeError, "n"),
        (datetime(2024, 1, 12, tzinfo=UTC), "3", InvalidTypeError, "n"),
        (datetime(2024, 1, 12, tzinfo=UTC), 10**15, InvalidValueError, "n"),
        (datetime(9991, 1, 2, tzinfo=UTC), 5, InvalidValueError, "start"),
    ],
)
def test_business_day_arguments_are_checked(start, n, kind, field):
    """Naive or non-datetime starts, negative or non-int counts, and overflows are refused."""
    with pytest.raises(kind) as info:
        add_business_days(start, n)
    assert field == info.value.field


def test_a_business_day_deadline_may_fall_after_the_last_input_day():
    """Regression (review): an escrow dispute opened on 9990-12-30 left a contract no report took.

    The deadline is computed, like every other timer: only the start is an input.
    """
    sunday = datetime(9990, 12, 30, tzinfo=UTC)
    assert datetime(9991, 1, 5, tzinfo=UTC) == add_business_days(sunday, 5)  # Monday to Friday


def test_a_weeks_rules_are_those_of_its_sunday_up_to_the_last_day():
    """Review r18 #10: one helper says which day's rules date a week: its Sunday (so the week
    that closes on the day the streamlined disputes began keeps the older rules), and for the
    week of the last supported day, that day."""
    assert date(2023, 12, 3) == week_rules_day(datetime(2023, 12, 4, tzinfo=UTC))
    last_week_closes = datetime(9991, 1, 1, tzinfo=UTC)  # a Monday: the week of 9990-12-31
    assert date(9990, 12, 31) == LATEST == week_rules_day(last_week_closes)
