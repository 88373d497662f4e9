"""Strategies for hourly work: weeks, limits, pauses, Work Diaries, bonuses, weekly pay (private).

Public through :mod:`upwork_safety.testing.strategies`.  The Work Diary's
grid (the billing segment) and every hold are read from the platform rules
in force (:func:`upwork_safety.rules.as_of`), never copied.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from upwork_safety import hourly, rules
from upwork_safety._decimals import flag
from upwork_safety._scales import ACTIVITY_SCALE
from upwork_safety.hourly import BillingWeek, Bonus, Pause, WeeklyPayment
from upwork_safety.models import TimeEntry
from upwork_safety.money import Money, minor_unit
from upwork_safety.rules import PlatformRules
from upwork_safety.testing._arguments import (
    _UTC,
    _count,
    _currency,
    _ordered,
    _refuse,
    _scaled,
    _sometimes,
    _strategy_or_none,
    built,
    later,
    mapped,
)
from upwork_safety.testing._scalar_strategies import (
    FIRST_DAY,
    LAST_DAY,
    _day_bound,
    aware_datetimes,
    dates,
    money,
)

_WEEK = timedelta(weeks=1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
#: The hours in a week: no weekly limit can be more (Contract's rule).
_WEEK_HOURS = _WEEK // _HOUR

_MEMOS = ("", "Fix checkout bug", "Write tests")


# --------------------------------------------------------------------------- weeks


def billing_weeks(
    *, min_value: date = FIRST_DAY, max_value: date = LAST_DAY
) -> st.SearchStrategy[BillingWeek]:
    """:class:`~upwork_safety.hourly.BillingWeek` values: the week of a day from *min_value* on.

    The week containing a day of :func:`dates` (so, about one draw in four,
    the week a rule changes in), which may start a few days before
    *min_value*; shrinks towards the week of *min_value*.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> from upwork_safety.testing import strategies as us
    >>> str(find(us.billing_weeks(min_value=date(2024, 1, 3)), lambda w: True,
    ...          settings=settings(database=None)))
    '2024-01-01 → 2024-01-07 (UTC)'

    Raises:
        InvalidTypeError: A bound that is not a date.
        InvalidValueError: *min_value* after *max_value*.
    """
    low = _day_bound(min_value, "min_value")
    high = _day_bound(max_value, "max_value")
    _ordered(low.isoformat(), high.isoformat(), below=high < low)
    return _billing_weeks(low, high)


def _week_of(day: date) -> BillingWeek:
    return hourly.billing_week(datetime.combine(day, time(0), tzinfo=_UTC))


@functools.cache
def _billing_weeks(low: date, high: date) -> st.SearchStrategy[BillingWeek]:
    return mapped(dates(min_value=low, max_value=high), _week_of)


def weekly_limits(
    *, min_value: int = 1, max_value: int | None = None
) -> st.SearchStrategy[Decimal]:
    """A contract's weekly limit: whole hours from *min_value* to *max_value* (``Decimal``).

    What :class:`~upwork_safety.Contract` (``weekly_limit=``) and
    :func:`upwork_safety.hourly.invoice` take.  *max_value* defaults to the
    hours in a week, the most a limit can be; shrinks towards *min_value*.

    >>> from hypothesis import find, settings
    >>> from upwork_safety.testing import strategies as us
    >>> find(us.weekly_limits(), lambda hours: hours > 40, settings=settings(database=None))
    Decimal('41')

    Raises:
        InvalidTypeError: A bound that is not an int.
        InvalidValueError: *min_value* below 1, *max_value* above the hours
            in a week, or *min_value* above *max_value*.
    """
    low = _count(min_value, "min_value", least=1)
    high = _WEEK_HOURS if max_value is None else _count(max_value, "max_value", least=1)
    if high > _WEEK_HOURS:
        _refuse(
            "max_value",
            f"must be at most {_WEEK_HOURS} (the hours in a week), got {high}",
            f"at most {_WEEK_HOURS}",
        )
    _ordered(low, high, below=high < low)
    return _weekly_limits(low, high)


@functools.cache
def _weekly_limits(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return mapped(st.integers(low, high), Decimal)


# --------------------------------------------------------------------------- pauses


def pauses(*, open_ended: bool = True) -> st.SearchStrategy[Pause]:
    """:class:`~upwork_safety.hourly.Pause` values of one minute to three days.

    The start is one of :func:`aware_datetimes` (often near a Monday 00:00
    UTC, where a billing week starts); with *open_ended* (the default),
    about one pause in eight is still running (``end=None``).

    >>> from hypothesis import find, settings
    >>> from upwork_safety.testing import strategies as us
    >>> find(us.pauses(), lambda p: p.end is None, settings=settings(database=None)).length is None
    True

    Raises:
        InvalidTypeError: *open_ended* is not a bool.
    """
    return _pauses(flag(open_ended, "open_ended"))


@functools.cache
def _pauses(open_ended: bool) -> st.SearchStrategy[Pause]:  # noqa: FBT001  (cache key)
    lengths: st.SearchStrategy[timedelta | None] = mapped(
        st.integers(1, 3 * 24 * 60), lambda minutes: minutes * _MINUTE
    )
    if open_ended:
        lengths = _sometimes(lengths, st.none(), one_in=8)
    return built(_pause, aware_datetimes(), lengths)


def _pause(start: datetime, length: timedelta | None) -> Pause:
    """A pause from *start* lasting *length* (counted in UTC), or still running."""
    return Pause(start, None if length is None else later(start, length))


# --------------------------------------------------------------------------- Work Diary


def work_weeks(
    *, max_entries: int = 8, max_pauses: int = 2
) -> st.SearchStrategy[tuple[BillingWeek, tuple[TimeEntry, ...], tuple[Pause, ...]]]:
    """One billing week's Work Diary: ``(week, entries, pauses)``, what ``hourly.invoice`` takes.

    *entries* are up to *max_entries* :class:`~upwork_safety.TimeEntry`
    that do not overlap, in time order, the first starting on the week's
    start or a few hours before it (so it crosses into the week) and the
    last perhaps running past its end.  Half the entries start and end on
    the Work Diary's grid (the billing segment of the rules in force at the
    week's end: 10 minutes), half last any whole number of minutes, so
    partial segments are drawn too.  *pauses* are up to *max_pauses*
    :class:`~upwork_safety.hourly.Pause` inside the week, on the grid, not
    overlapping each other, the last perhaps still running; an entry may
    fall inside one (that time is reported as paused, not invoiced).

    >>> from upwork_safety import Money, hourly
    >>> from hypothesis import given, settings
    >>> from upwork_safety.testing import strategies as us
    >>> @settings(max_examples=20, database=None)
    ... @given(us.work_weeks())
    ... def check(diary):
    ...     week, entries, pauses = diary
    ...     bill = hourly.invoice(entries, week=week, rate=Money("20", "USD"), pauses=pauses)
    ...     assert bill.billable_hours >= 0
    >>> check()

    Raises:
        InvalidTypeError: A count that is not an int.
        InvalidValueError: A negative count.
    """
    return _work_weeks(_count(max_entries, "max_entries"), _count(max_pauses, "max_pauses"))


#: How many hours before the week's start the first entry may begin.
_LEAD_HOURS = st.sampled_from([0, 1, 3, 6])


@functools.cache
def _work_weeks(
    max_entries: int, max_pauses: int
) -> st.SearchStrategy[tuple[BillingWeek, tuple[TimeEntry, ...], tuple[Pause, ...]]]:
    return _work_week(max_entries, max_pauses)


@st.composite
def _work_week(
    draw: st.DrawFn, max_entries: int, max_pauses: int
) -> tuple[BillingWeek, tuple[TimeEntry, ...], tuple[Pause, ...]]:
    week = draw(billing_weeks())
    segment = rules.as_of(week.end).hourly_segment
    slots = _WEEK // segment
    count = draw(st.integers(0, max_entries))
    at = week.start - draw(_LEAD_HOURS) * _HOUR
    entries = []
    for index in range(count):
        # The first entry starts where the diary does (so it crosses into the week when
        # that is before it); then gaps of up to a day, in whole segments.
        start = at + (draw(st.integers(0, _DAY // segment)) * segment if index else timedelta(0))
        if draw(st.booleans()):
            length = draw(st.integers(1, slots // 7 // 3)) * segment
        else:
            length = draw(st.integers(1, 8 * 60)) * _MINUTE
        entries.append(
            TimeEntry(
                start,
                start + length,
                manual=draw(st.booleans()),
                memo=draw(st.sampled_from(_MEMOS)),
                activity=draw(st.none() | st.integers(*ACTIVITY_SCALE)),
            )
        )
        at = start + length
    marks = sorted(draw(st.lists(st.integers(0, slots), max_size=2 * max_pauses, unique=True)))
    pairs = list(zip(marks[::2], marks[1::2], strict=False))
    found = [Pause(week.start + a * segment, week.start + b * segment) for a, b in pairs]
    if found and draw(st.integers(0, 3)) == 0:
        found[-1] = Pause(found[-1].start)  # still paused when the week was billed
    return week, tuple(entries), tuple(found)


# --------------------------------------------------------------------------- payments


def _positive(currency: str, most: str) -> st.SearchStrategy[Money]:
    """Positive money in whole minor units of *currency*, up to *most*."""
    return money(currency, min_value=_scaled(minor_unit(currency))(1), max_value=most)


def bonuses(
    currency: str = "USD", *, rules: st.SearchStrategy[PlatformRules] | None = None
) -> st.SearchStrategy[Bonus]:
    """:class:`~upwork_safety.hourly.Bonus` values, built by :func:`upwork_safety.hourly.bonus`.

    A positive amount in *currency* up to 1,000 of it (whole minor units),
    paid at one of :func:`aware_datetimes`, held for the security period of
    the rules in force then, or of a rule set drawn from *rules* (a
    strategy such as :func:`platform_rules`, for what-ifs).

    >>> from hypothesis import find, settings
    >>> from upwork_safety.testing import strategies as us
    >>> extra = find(us.bonuses(), lambda b: True, settings=settings(database=None))
    >>> extra.amount, extra.available_at - extra.paid_at
    (Money(amount=Decimal('0.01'), currency='USD'), datetime.timedelta(days=5))

    Raises:
        InvalidTypeError, InvalidValueError: A currency the library refuses,
            or *rules* not a strategy.
    """
    code = _currency(currency, "currency")
    return _bonuses(code, _strategy_or_none(rules, "rules", "PlatformRules"))


@functools.cache
def _bonuses(
    currency: str, rule_sets: st.SearchStrategy[PlatformRules] | None
) -> st.SearchStrategy[Bonus]:
    return built(
        lambda amount, paid_at, chosen: hourly.bonus(amount, paid_at=paid_at, rules=chosen),
        _positive(currency, "1000"),
        aware_datetimes(),
        st.none() if rule_sets is None else rule_sets,
    )


def weekly_payments(
    currency: str = "USD", *, rules: st.SearchStrategy[PlatformRules] | None = None
) -> st.SearchStrategy[WeeklyPayment]:
    """:class:`~upwork_safety.hourly.WeeklyPayment` values, built by ``hourly.weekly_payment``.

    A weekly amount in *currency* up to 2,000 of it for one of
    :func:`billing_weeks`; the contract started before the week or on one
    of its days, ended after it or on a day from its start, and one week in
    four was paused for a while, so every basis appears (full week, started,
    ended, both, paused).  The shares and moments are those of the rules in
    force at the week's end, or of a rule set drawn from *rules*.

    >>> from hypothesis import find, settings
    >>> from upwork_safety.testing import strategies as us
    >>> find(us.weekly_payments(), lambda p: not p.issued, settings=settings(database=None)).basis
    <WeeklyPaymentBasis.PAUSED: 'paused'>

    Raises:
        InvalidTypeError, InvalidValueError: A currency the library refuses,
            or *rules* not a strategy.
    """
    code = _currency(currency, "currency")
    return _weekly_payments(code, _strategy_or_none(rules, "rules", "PlatformRules"))


@functools.cache
def _weekly_payments(
    currency: str, rule_sets: st.SearchStrategy[PlatformRules] | None
) -> st.SearchStrategy[WeeklyPayment]:
    return _weekly_payment(currency, rule_sets)


@st.composite
def _weekly_payment(
    draw: st.DrawFn, currency: str, rule_sets: st.SearchStrategy[PlatformRules] | None
) -> WeeklyPayment:
    week = draw(billing_weeks())
    first = week.start.date()
    days = _WEEK // _DAY
    start = draw(st.none() | st.integers(0, days - 1))
    end = draw(st.none() | st.integers(start or 0, days - 1))
    started = None if start is None else first + start * _DAY
    ended = None if end is None else first + end * _DAY
    paused: tuple[Pause, ...] = ()
    if draw(st.integers(0, 3)) == 0:
        # A pause that starts on a day the contract ran, in the week.
        day = draw(st.integers(start or 0, days - 1 if end is None else end))
        at = week.start + day * _DAY + draw(st.integers(0, 23)) * _HOUR
        paused = (Pause(at, None if draw(st.booleans()) else at + _HOUR),)
    chosen = None if rule_sets is None else draw(rule_sets)
    return hourly.weekly_payment(
        draw(_positive(currency, "2000")),
        week=week,
        started=started,
        ended=ended,
        pauses=paused,
        rules=chosen,
    )
