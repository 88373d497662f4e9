"""Tests for upwork_safety._calendar: business days are Monday to Friday in UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety._calendar import add_business_days, is_business_day, week_rules_day
from upwork_safety._moments import LATEST
from upwork_safety.errors import InvalidTypeError, InvalidValueError

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday 18:00 + 3: Monday, Tuesday, Wednesday.
        (datetime(2024, 1, 12, 18, tzinfo=UTC), 3, datetime(2024, 1, 17, 18, tzinfo=UTC)),
        # Saturday + 1 and Sunday + 1 are Monday.
        (datetime(2024, 1, 13, 8, tzinfo=UTC), 1, datetime(2024, 1, 15, 8, tzinfo=UTC)),
        (datetime(2024, 1, 14, 8, tzinfo=UTC), 1, datetime(2024, 1, 15, 8, tzinfo=UTC)),
        # Sunday + 5 is Friday; Monday + 5 is the next Monday.
        (datetime(2024, 1, 14, tzinfo=UTC), 5, datetime(2024, 1, 19, tzinfo=UTC)),
        (datetime(2024, 1, 15, tzinfo=UTC), 5, datetime(2024, 1, 22, tzinfo=UTC)),
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
    """The definition, one day at a time."""
    moment = start
    while n:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ),
    st.integers(0, 60),
)
def test_business_days_match_the_definition(start, n):
    """The week-at-a-time count equals stepping one day at a time; the result is a weekday."""
    result = add_business_days(start, n)
    assert naive_count(start, n) == result
    if n:
        assert result.weekday() < 5
        assert timedelta(days=n) <= result - start <= timedelta(days=n + 2 + 2 * (n // 5))


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
    assert datetime(9991, 1, 4, tzinfo=UTC) == add_business_days(sunday, 5)  # Monday to Friday


def test_a_weeks_rules_are_those_of_its_sunday_up_to_the_last_day():
    """Review r18 #10: one helper says which day's rules date a week: its Sunday (so the week
    that closes on the day the streamlined disputes began keeps the older rules), and for the
    week of the last supported day, that day."""
    assert date(2023, 12, 3) == week_rules_day(datetime(2023, 12, 4, tzinfo=UTC))
    last_week_closes = datetime(9991, 1, 1, tzinfo=UTC)  # a Monday: the week of 9990-12-31
    assert date(9990, 12, 31) == LATEST == week_rules_day(last_week_closes)
