"""Upwork's calendar conventions: business days and the end of a window (private).

Some platform deadlines are stated in business days: a client answers a
fixed-price dispute within 5 business days (HC 211062068), and an older text
of HC 211068588 gave a freelancer 3 business days to answer disputed hours.
Upwork publishes no holiday calendar, so a business day here is Monday to
Friday **in UTC**, the clock every platform rule runs on; public holidays are
not skipped.  Engines that need business days call :func:`add_business_days`
(the earliest moment by which the business days have passed: a start on a
Saturday or Sunday counts from Monday 00:00 UTC, so every count is whole
business days of time) and say in their docs that holidays are ignored;
rules about days, not moments (a withdrawal's processing and arrival days),
use :func:`first_business_day` and :func:`business_day_after`.

Upwork publishes the end of a window to the second (the client's hourly
dispute window ends "Friday 23:59:59"); the window takes in the whole of that
second and closes at the next one (:func:`closes_after`).  The rules check
their hourly timings with it and the hourly engine builds its calendar with
it, so both read the one convention.

The billing week (Monday 00:00 UTC, HC 211063698), the day whose rules date
a week (:func:`week_rules_day`) and the day a week's hours are paid out
(:func:`hourly_pay_available`) live here too: the hourly engine builds its
calendar with them, and ``fees.payout`` checks the day an hourly
contract's pay is available against them, without importing the hourly
engine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from upwork_safety._decimals import count
from upwork_safety._last_day import LATEST
from upwork_safety._moments import utc_instant
from upwork_safety.errors import InvalidValueError

__all__ = [
    "SECOND",
    "add_business_days",
    "add_business_span",
    "business_day_after",
    "closed_by",
    "closes_after",
    "first_business_day",
    "hourly_pay_available",
    "is_business_day",
    "week_rules_day",
    "week_start",
]

#: Monday is 0 and Friday 4 in :meth:`datetime.weekday`.
_FRIDAY = 4
_DAY = timedelta(days=1)
_WEEK_DAYS = 7
_BUSINESS_DAYS_PER_WEEK = 5
_MICROSECOND = timedelta(microseconds=1)
#: Upwork publishes the end of a window to the second; "right after" it is the
#: next second.
SECOND = timedelta(seconds=1)

_Moment = TypeVar("_Moment", datetime, timedelta)


def closes_after(last_second: _Moment) -> _Moment:
    """The first moment after a window Upwork ends "at" *last_second* (Friday 23:59:59).

    The window takes in the whole of its last second, as a billing week takes
    in the whole of Sunday 23:59:59: it closes at the next whole second.
    *last_second* is a moment, or an offset from one (a rule's delay).
    """
    return last_second + SECOND


def closed_by(last_second: datetime, moment: datetime) -> bool:
    """Whether a window Upwork ends "at" *last_second* has closed by *moment*.

    ``closes_after(last_second) <= moment``, written so that it holds for
    any two moments of the calendar: a *last_second* on Python's last day
    (where adding the second would overflow) is simply not closed by an
    earlier *moment*.
    """
    return last_second < moment and last_second <= moment - SECOND


def week_start(moment: datetime) -> datetime:
    """The Monday 00:00 that opens the billing week of the UTC *moment* (HC 211063698)."""
    day = moment - _DAY * moment.weekday()
    return day.replace(hour=0, minute=0, second=0, microsecond=0)


class HourlyTimings(Protocol):
    """The hourly timings of a rule set (``PlatformRules``) that date a week's pay."""

    @property
    def hourly_invoice_delay(self) -> timedelta:
        """From the week's close to its invoice."""
        ...

    @property
    def hourly_review_window(self) -> timedelta:
        """From the week's close to the last second of the client's dispute window."""
        ...

    @property
    def hourly_available_delay(self) -> timedelta:
        """From the week's close to the pay being available."""
        ...

    @property
    def top_rated_skip_hold_since(self) -> date:
        """The first invoice day on which Top Rated pay skips the hold."""
        ...


def week_rules_day(closes: datetime) -> date:
    """The day whose rules in force date the week that *closes* (Monday 00:00 UTC): its Sunday.

    A week is invoiced, disputed and paid under the rules in force at its
    end.  The week of the last supported day (``LATEST``) ends after it;
    the rules in force that day are the last that can apply, so they are
    the week's.  The one statement of the choice: the hourly engine's
    ``week_rules`` and ``fees.payout``'s hourly pay days both read it
    (with ``rules.as_of``, which this module cannot import: the rules
    import it).
    """
    return min((closes - _MICROSECOND).date(), LATEST)


def hourly_pay_available(
    closes: datetime, rules: HourlyTimings, *, top_rated: bool
) -> tuple[datetime, bool]:
    """When the hours of the week that *closes* (Monday 00:00 UTC) are available, under *rules*.

    ``rules.hourly_available_delay`` after the week closes (the Wednesday
    ten days after its Sunday, HC 211063698), or for a Top Rated freelancer
    invoiced on or after ``rules.top_rated_skip_hold_since`` right after the
    dispute window (HC 360047676133).  The one statement of the rule:
    ``hourly.payout_calendar`` builds its calendar with it, and
    ``fees.payout`` checks the day an hourly payment is available against it.

    Returns:
        The moment, and whether the Top Rated early release applied.
    """
    invoiced = closes + rules.hourly_invoice_delay
    if top_rated and invoiced.date() >= rules.top_rated_skip_hold_since:
        return closes_after(closes + rules.hourly_review_window), True
    return closes + rules.hourly_available_delay, False


def is_business_day(at: datetime) -> bool:
    """Return whether the moment *at* falls on a Monday–Friday in UTC.

    Args:
        at: A timezone-aware datetime in any zone.

    Raises:
        InvalidTypeError: *at* is not a datetime.
        InvalidValueError: *at* is naive.
    """
    return utc_instant(at, "at").weekday() <= _FRIDAY


def add_business_days(start: datetime, n: int) -> datetime:
    """Return the moment by which *n* whole business days have passed since *start*.

    A business day is a Monday–Friday in UTC (holidays are not skipped:
    Upwork publishes no holiday calendar).  The result is the earliest
    moment with exactly ``n`` × 24 hours of Monday–Friday time between
    *start* and it.  From a moment inside a business day that is the same
    UTC time of day *n* business days later, counting one calendar day at
    a time and only the days that land on a Monday–Friday: from Friday
    18:00, one business day is Monday 18:00.  A *start* at the very start
    of a day (00:00:00 UTC) or on a Saturday or Sunday counts whole days,
    from that day's 00:00 when it is a business day and else from the
    Monday 00:00 after it, and ends at 00:00 after the last of them: from
    Monday 00:00 or from any moment of the weekend before, five business
    days end at the next Saturday 00:00 (the end of Friday), and from
    Friday 00:00 one business day ends at Saturday 00:00 too, not at the
    Monday after the weekend (review r37, review 2).  ``n == 0`` is
    *start* itself (in UTC).

    A later *start* never gives an earlier result (review r32, hostile 1:
    a weekend start kept its time of day and lost up to a whole business
    day).  Rules about days rather than moments (a withdrawal's arrival
    day) use :func:`business_day_after`.

    Args:
        start: A timezone-aware datetime in any zone; the result is in UTC.
        n: How many business days, a whole number from 0.

    Returns:
        The aware UTC datetime *n* business days later.

    Raises:
        InvalidTypeError: *start* is not a datetime or *n* is not an ``int``.
        InvalidValueError: *start* is naive or after the last supported day,
            *n* is negative, or the result falls outside Python's calendar.

    >>> from datetime import datetime, timezone
    >>> friday = datetime(2024, 1, 12, 18, 0, tzinfo=timezone.utc)
    >>> add_business_days(friday, 3).isoformat()
    '2024-01-17T18:00:00+00:00'
    >>> saturday = datetime(2024, 1, 13, 9, 30, tzinfo=timezone.utc)
    >>> add_business_days(saturday, 5).isoformat()
    '2024-01-20T00:00:00+00:00'
    >>> monday = datetime(2024, 1, 15, 0, 0, tzinfo=timezone.utc)
    >>> add_business_days(monday, 5).isoformat()
    '2024-01-20T00:00:00+00:00'
    """
    moment = utc_instant(start, "start")
    n = count(n, "n")
    if n == 0:
        return moment
    weekday = moment.weekday()
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if weekday <= _FRIDAY and moment != midnight:
        base, days = moment, _business_steps(weekday, n)
    else:
        # Whole days, from the first business day that starts at or after the
        # start (that day itself, or the Monday after a weekend): its n business
        # days are that day and the n - 1 after it, and end at 00:00 after the
        # last, so never at a Monday 00:00 the weekend before already reached.
        first = 0 if weekday <= _FRIDAY else _WEEK_DAYS - weekday
        base = midnight
        days = first + _business_steps((weekday + first) % _WEEK_DAYS, n - 1) + 1
    # The result is a computed moment: it may fall after the last day an input
    # may be (LATEST), as other timers do; only Python's calendar bounds it.
    try:
        return base + _DAY * days
    except OverflowError:
        raise InvalidValueError(
            f"{n} business days after {moment.isoformat()} falls outside the calendar",
            field="n",
            rule="within the calendar",
        ) from None


def _business_steps(weekday: int, n: int) -> int:
    """How many days after a day of *weekday* (Monday 0 to Friday 4) its *n*-th business day is."""
    if not n:
        return 0
    # Any 7 consecutive days hold exactly 5 business days, so whole weeks are
    # added at once and at most 5 business days are stepped one by one.
    weeks, rest = divmod(n - 1, _BUSINESS_DAYS_PER_WEEK)
    rest += 1
    days = weeks * _WEEK_DAYS
    while rest:
        days += 1
        if (weekday + days) % _WEEK_DAYS <= _FRIDAY:
            rest -= 1
    return days


def business_day_after(day: date, n: int) -> date:
    """The *n*-th business day after *day*, a Monday–Friday (a day's count, as a date).

    For rules about days rather than moments (a withdrawal processed on a
    Friday arrives one business day later, on the Monday): counting the
    days that fall on a Monday–Friday, holidays not skipped.  ``n == 0`` is
    *day* itself.  The caller passes a business day and a count from 0.
    """
    assert day.weekday() <= _FRIDAY, day
    assert n >= 0, n
    return day + _DAY * _business_steps(day.weekday(), n)


def first_business_day(day: date) -> date:
    """*day* if it is a Monday–Friday, else the Monday after it (a day's business day, as a date).

    For rules about days rather than moments (a withdrawal requested on a
    Saturday is processed on Monday): :func:`add_business_days` counts
    time, so from a weekend moment it counts whole days from Monday 00:00.
    """
    weekday = day.weekday()
    return day if weekday <= _FRIDAY else day + _DAY * (_WEEK_DAYS - weekday)


def add_business_span(start: datetime, span: timedelta) -> datetime:
    """Return *start* plus *span* read in business days: its whole days, then the rest.

    A rule stated in business days (a client's 5 days to answer a dispute)
    counts its whole days with :func:`add_business_days` (from a Saturday or
    Sunday, from Monday 00:00 UTC); a part of a day (only a what-if period
    has one) is added as elapsed time after them.

    Raises:
        InvalidValueError: As :func:`add_business_days` (a negative *span*).
    """
    whole = timedelta(days=span.days)
    return add_business_days(start, span.days) + (span - whole)
