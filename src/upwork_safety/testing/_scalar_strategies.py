"""Strategies for scalars: currencies, amounts, money, ids, dates and moments (private).

Public through :mod:`upwork_safety.testing.strategies`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from hypothesis import strategies as st

from upwork_safety import hourly
from upwork_safety._last_day import LATEST, too_late
from upwork_safety._moments import in_utc, plain_date
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import MAX_DIGITS, Money, minor_unit, to_decimal
from upwork_safety.testing._arguments import (
    _UTC,
    DEFAULT_CURRENCIES,
    _count,
    _currency,
    _ordered,
    _refuse,
    _scaled,
    _units,
    _zones,
    built,
    mapped,
    spread,
)
from upwork_safety.testing._rules import change_days, newest_rules_day

# --------------------------------------------------------------------------- scalars


def currencies(*codes: str) -> st.SearchStrategy[str]:
    """ISO codes the library accepts: *codes*, or USD and PKR by default.

    Raises:
        InvalidTypeError, InvalidValueError: A code the library refuses
            (``field`` is ``codes[i]``).
    """
    chosen = codes or DEFAULT_CURRENCIES
    return _currencies(tuple(_currency(code, f"codes[{i}]") for i, code in enumerate(chosen)))


@functools.cache
def _currencies(codes: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(codes)


def amounts(
    *,
    min_value: Decimal | int | str = "0",
    max_value: Decimal | int | str = "100000",
    places: int = 2,
) -> st.SearchStrategy[Decimal]:
    """Decimal amounts with exactly *places* decimals between the bounds.

    Drawn as a whole number of the smallest unit, so it shrinks towards
    *min_value* and costs one integer draw.  The bounds are ``Decimal``,
    ``int`` or decimal text (floats are refused, as everywhere in the
    library) with at most *places* decimals: a bound is never rounded.

    Raises:
        InvalidTypeError: A float or non-number bound, or *places* not an int.
        InvalidValueError: *places* outside 0 to 18, a bound with more
            decimals than *places*, or *min_value* above *max_value*.
    """
    digits = _count(places, "places")
    if digits > MAX_DIGITS:
        _refuse("places", f"must be {MAX_DIGITS} or fewer, got {digits}", f"0 to {MAX_DIGITS}")
    unit = f"units of 10**-{digits}"
    low = _units(to_decimal(min_value, "min_value"), digits, "min_value", unit)
    high = _units(to_decimal(max_value, "max_value"), digits, "max_value", unit)
    _ordered(min_value, max_value, below=high < low)
    return _amounts(low, high, digits)


@functools.cache
def _amounts(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    return mapped(st.integers(low, high), _scaled(places))


def money(
    currency: str | None = None,
    *,
    min_value: Decimal | int | str = "0",
    max_value: Decimal | int | str = "100000",
) -> st.SearchStrategy[Money]:
    """Non-negative :class:`Money` in *currency* (or USD or PKR), in whole minor units.

    The minor unit is the currency's own (``upwork_safety.money.minor_unit``:
    cents for USD and PKR, whole yen for JPY), so every value is one the
    library's ``Payment``, ``split`` and ``allocate`` take.  The bounds are
    ``Decimal``, ``int`` or decimal text (floats are refused) in whole
    minor units of the currency: a bound is never rounded.

    Raises:
        InvalidTypeError: A float or non-number bound, or a currency that is not a str.
        InvalidValueError: A currency the library does not know, a negative
            bound, a bound below the minor unit, or *min_value* above *max_value*.
    """
    codes = DEFAULT_CURRENCIES if currency is None else (_currency(currency, "currency"),)
    low = to_decimal(min_value, "min_value")
    high = to_decimal(max_value, "max_value")
    if low < 0:
        _refuse(
            "min_value",
            f"must be 0 or more (money draws non-negative amounts), got {low}",
            "0 or more",
        )
    _ordered(min_value, max_value, below=high < low)
    parts = []
    for code in codes:
        places = minor_unit(code)
        unit = f"{code} minor units"
        parts.append(
            (
                code,
                places,
                _units(low, places, "min_value", unit),
                _units(high, places, "max_value", unit),
            )
        )
    return _money(tuple(parts))


@functools.cache
def _money(parts: tuple[tuple[str, int, int, int], ...]) -> st.SearchStrategy[Money]:
    def in_currency(code: str, places: int, low: int, high: int) -> st.SearchStrategy[Money]:
        scaled = _scaled(places)
        return mapped(st.integers(low, high), lambda units: Money(scaled(units), code))

    return st.one_of(*(in_currency(*part) for part in parts))


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Short, non-blank identifiers."""
    return st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


def _day_bound(value: object, what: str) -> date:
    """*value* if it is a date the library takes (on or before ``LATEST``), else its error."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(
            f"{what} must be a date, not {type(value).__name__}", field=what, rule="a date"
        )
    # The library's own check: every value refuses a day after LATEST (9990-12-31).
    return plain_date(value, what)


#: The first and the last day :func:`dates` draws by default: Upwork's era.
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2030, 12, 31)


def dates(*, min_value: date = FIRST_DAY, max_value: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Dates within Upwork's era by default, often under today's rules or a day a rule changes.

    A draw is one of three, about a third each: any day from *min_value* to
    *max_value*, nearly evenly; a day from the newest rules' first day on
    (2025-05-01, when every rule set of :mod:`upwork_safety.rules` is its
    newest), when that day is inside the bounds; a day a rule set starts,
    or the day before (the fee schedules of 2016-06-21, 2023-05-03 and
    2025-05-01, the JSS, platform, tax and retention rules: read from the
    rules histories), so an off-by-one in "which rule applies" shows.
    Shrinks to *min_value*; a day shrunk past a condition lands up to 255
    days after the first day that meets it, or, when first drawn as one of
    the other two kinds, may stay one: the newest rules' first day (or up to
    255 days after it), or a change day (docs/testing.md).

    Raises:
        InvalidTypeError: A bound that is not a date.
        InvalidValueError: A bound after 9990-12-31 (the library's last
            day), or *min_value* after *max_value*.
    """
    low = _day_bound(min_value, "min_value")
    high = _day_bound(max_value, "max_value")
    _ordered(low.isoformat(), high.isoformat(), below=high < low)
    return _dates(low, high)


@functools.cache
def _dates(low: date, high: date) -> st.SearchStrategy[date]:
    span = (high - low).days
    newest = newest_rules_day()
    era = span - (newest - low).days if low < newest <= high else None
    special = [day for day in change_days() if low <= day <= high]

    def day(branch: int, n: int) -> date:
        # One number read three ways, so every branch is the same draws and
        # the simplest (branch 0, n = 0) is min_value.
        if branch == 1 and era is not None:
            return newest + timedelta(days=n * era // max(span, 1))
        if branch == 2 and special:
            return special[n * len(special) // (span + 1)]
        return low + timedelta(days=n)

    return mapped(spread(span, ways=3), lambda drawn: day(*drawn))


def _moment_bound(value: object, what: str) -> datetime:
    """*value* as a naive UTC datetime: an aware one converted, a naive one read as UTC."""
    if not isinstance(value, datetime):
        raise InvalidTypeError(
            f"{what} must be a datetime (aware, or naive read as UTC), not {type(value).__name__}",
            field=what,
            rule="a datetime",
        )
    moment = value if value.utcoffset() is None else in_utc(value, what).replace(tzinfo=None)
    # Every value of the library refuses a moment after LATEST; a moment on
    # Python's first day cannot be shown west of UTC (New York).
    if moment.date() > LATEST:
        too_late(moment, what)
    if moment < _EARLIEST:
        _refuse(
            what,
            f"must be on or after {_EARLIEST.date().isoformat()} (a moment on Python's first "
            f"day cannot be shown in every zone drawn), got {moment.isoformat()}",
            f"on or after {_EARLIEST.date().isoformat()}",
        )
    return moment


#: The first moment every zone :func:`aware_datetimes` shows can show (New York is UTC-5).
_EARLIEST = datetime.combine(date.min + timedelta(days=1), time(0))


#: How far from a special moment (a week's start, a rule's first day) a moment near it lies.
_NEAR = 8 * 3600


def aware_datetimes(
    *,
    min_value: datetime = datetime(2015, 1, 1),  # noqa: DTZ001  (hypothesis-style naive bounds)
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes in UTC, Asia/Karachi and other zones.

    The moment is drawn as whole seconds after *min_value*; about one in
    four lies within 8 hours of a Monday 00:00 UTC (where a billing week
    starts, Monday 05:00 in Karachi) or of the first moment of a day a rule
    changes.  It is then shown in UTC, ``Asia/Karachi``, ``America/New_York``
    (daylight saving), ``Asia/Kolkata`` (+05:30) or ``Pacific/Kiritimati``
    (+14:00).  The library's values convert a moment to UTC on entry, so an
    event or a time entry built from one holds it in UTC.

    The bounds may be aware (converted to UTC) or naive (read as UTC, as
    Hypothesis takes them).

    Raises:
        InvalidTypeError: A bound that is not a datetime.
        InvalidValueError: A bound after 9990-12-31 (the library's last day)
            or on 0001-01-01 (which New York's zone cannot show), or
            *min_value* after *max_value*.
    """
    low = _moment_bound(min_value, "min_value")
    high = _moment_bound(max_value, "max_value")
    _ordered(min_value.isoformat(), max_value.isoformat(), below=high < low)
    return _aware(low, high)


@functools.cache
def _aware(low: datetime, high: datetime) -> st.SearchStrategy[datetime]:
    span = int((high - low).total_seconds())
    start = low.replace(tzinfo=_UTC)
    last = high.replace(tzinfo=_UTC)
    monday = hourly.billing_week(start).closes_at  # the first Monday 00:00 UTC after *low*
    weeks = max((last - monday).days // 7, 0)
    days = [
        datetime.combine(day, time(0), tzinfo=_UTC)
        for day in change_days()
        if low.date() <= day <= high.date()
    ]

    def moment(drawn: tuple[int, int], seconds: int, zone: tzinfo) -> datetime:
        # One number read as seconds after *low* (six ways in eight), or, the
        # other two, as a Monday 00:00 UTC or a rule's first day with
        # *seconds* around it: every way is the same draws, so the simplest
        # (way 0, n = 0, UTC) is *low* itself.
        way, n = drawn
        at = start + timedelta(seconds=n)
        if way == _NEAR_MONDAY or (way == _NEAR_RULE and not days):
            at = (
                monday + timedelta(weeks=n * (weeks + 1) // (span + 1)) + timedelta(seconds=seconds)
            )
        elif way == _NEAR_RULE:
            at = days[n * len(days) // (span + 1)] + timedelta(seconds=seconds)
        return min(max(at, start), last).astimezone(zone)

    return built(
        moment,
        spread(span, ways=_NEAR_RULE + 1),
        st.integers(-_NEAR, _NEAR),
        st.sampled_from(_zones()),
    )


#: The ways of :func:`_aware` that aim near a Monday 00:00 UTC and near a rule's first day.
_NEAR_MONDAY = 6
_NEAR_RULE = 7


def _numbered(prefix: str, top: int) -> st.SearchStrategy[str]:
    """Ids like ``c1`` … ``c<top>``: one integer draw, shrinking to ``c1``."""
    return mapped(st.integers(1, top), lambda n: f"{prefix}{n}")
