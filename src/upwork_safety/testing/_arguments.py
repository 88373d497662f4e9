"""The strategies' shared parts: argument checks, zones, mixing (private).

Every strategy checks its arguments when it is built, with the library's own
errors naming the argument as the caller passed it; these are those checks,
and the few pieces several strategy modules draw with.
"""

from __future__ import annotations

import enum
import functools
import math
import zoneinfo
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from hypothesis import strategies as st

from upwork_safety._decimals import CONTEXT, count
from upwork_safety._display import shown
from upwork_safety._validate import member
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import Money
from upwork_safety.testing._renamed import as_arguments

if TYPE_CHECKING:
    from collections.abc import Callable

_E = TypeVar("_E", bound=enum.Enum)
_S = TypeVar("_S")
_T = TypeVar("_T")

#: Currencies used by default: Upwork's contract currency and Pakistan's.
DEFAULT_CURRENCIES = ("USD", "PKR")
_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001  (naive bounds, as Hypothesis takes them)

#: The zones moments are shown in: UTC first (what shrinking goes to), then
#: Pakistan's, a zone with daylight saving, a half-hour offset and the
#: furthest from UTC, each with its standard offset where the system has no
#: time-zone database (so the draws stay the same, only the zone's name differs).
_ZONE_NAMES = (
    ("Asia/Karachi", 5 * 60),
    ("America/New_York", -5 * 60),
    ("Asia/Kolkata", 5 * 60 + 30),
    ("Pacific/Kiritimati", 14 * 60),
)


def _zone(name: str, minutes: int) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # pragma: no cover  (no tz database)
        return timezone(timedelta(minutes=minutes), name)


@functools.cache
def _zones() -> tuple[tzinfo, ...]:
    return (_UTC, *(_zone(name, minutes) for name, minutes in _ZONE_NAMES))


def later(start: datetime, length: timedelta) -> datetime:
    """The moment *length* after *start* on a clock that ran for it, shown in *start*'s zone.

    Counted in UTC: an aware ``start + length`` is wall-clock arithmetic, so
    in a zone with daylight saving it drops ``fold`` (01:12 in New York's
    repeated autumn hour, EST, plus 37 minutes reads as 01:49 EDT, 23 minutes
    *earlier*) and gains or loses the hour across a change (red team r20 M1).
    """
    return (start.astimezone(_UTC) + length).astimezone(start.tzinfo)


# --------------------------------------------------------------------------- building values
#
# Hypothesis records every ``st.builds`` call and every ``.map`` step with its
# result, and prints a falsifying example as those calls when they are shorter
# than the value's repr: a $9.95 amount showed as ``Money(scaled(995), code)``
# and 2020-07-25 as ``day(*(0, 2032))``, which read as $995 and the year 2032
# (red team r20 M1).  A value built inside ``st.composite`` is not recorded,
# so it prints as itself; every strategy here builds its values with these two.


@st.composite
def _applied(
    draw: st.DrawFn,
    target: Callable[..., _T],
    args: tuple[st.SearchStrategy[Any], ...],
    kwargs: tuple[tuple[str, st.SearchStrategy[Any]], ...],
) -> _T:
    drawn = [draw(part) for part in args]
    named = {name: draw(part) for name, part in kwargs}
    return target(*drawn, **named)


def built(
    target: Callable[..., _T], /, *args: st.SearchStrategy[Any], **kwargs: st.SearchStrategy[Any]
) -> st.SearchStrategy[_T]:
    """``target(*drawn args, **drawn kwargs)``, drawn in order, printed as the value it returns.

    ``st.builds`` without its argument inference and without the recorded call:
    a falsifying example shows the value's own repr, not *target*'s name and
    its raw draws.
    """
    return _applied(target, args, tuple(kwargs.items()))


def mapped(strategy: st.SearchStrategy[_S], function: Callable[[_S], _T]) -> st.SearchStrategy[_T]:
    """``strategy.map(function)``, printed as the value *function* returns (see :func:`built`)."""
    return built(function, strategy)


def _sometimes(
    common: st.SearchStrategy[_T], rare: st.SearchStrategy[_T], *, one_in: int = 4
) -> st.SearchStrategy[_T]:
    """*rare* about one draw in *one_in*, else *common*; shrinks towards *common*.

    The branch is one evenly sampled number below *one_in*, *rare* on the
    last: ``st.one_of(*[common] * 7, rare)`` keeps one copy of the repeated
    branch, so it gave *rare* half the draws whatever *one_in* was (red team
    r20 L1), and ``st.integers`` favours 0 (about four draws in ten).
    """
    return _either(common, rare, one_in)


@st.composite
def _either(
    draw: st.DrawFn, common: st.SearchStrategy[_T], rare: st.SearchStrategy[_T], one_in: int
) -> _T:
    return draw(rare if draw(st.sampled_from(range(one_in))) == one_in - 1 else common)


#: The largest choice :func:`spread` draws in one go: Hypothesis draws an
#: index below 256 evenly, and a larger integer on a log scale (most draws
#: near its lower bound).
_DIGIT = 256


@functools.cache
def spread(span: int, *, ways: int = 1) -> st.SearchStrategy[tuple[int, int]]:
    """``(way, n)``: one of *ways* readings, and an integer from 0 to *span* nearly evenly.

    ``st.integers(0, span)`` draws on a log scale past 256 (about a quarter
    of the draws in the first sixteenth of a 16-year range of days), so *n*
    is drawn as base-256 digits, most significant first, each sampled
    evenly; every digit shrinks to 0, so *n* shrinks to 0 (to the start of
    a block of 256 when a lower digit cannot carry).  *way* (0 to
    ``ways - 1``, shrinking to 0) is drawn in the same flat tuple: a nested
    tuple of the same shape lets Hypothesis copy the outer draws into the
    inner ones, which drags *n* back towards 0.
    """
    sizes = []
    rest = span
    while rest >= _DIGIT:
        sizes.append(_DIGIT)
        rest //= _DIGIT
    sizes.append(rest + 1)
    sizes.reverse()
    total = math.prod(sizes)

    def joined(drawn: tuple[int, ...]) -> tuple[int, int]:
        way, *digits = drawn
        number = 0
        for digit in digits:
            number = number * _DIGIT + digit
        # Scaled, not clamped: every n from 0 to span gets as many draws as another, give or
        # take one (review r16 L1: clamping put up to half the draws of a one-year span on
        # its last day); 0 is still drawn from all-zero digits.
        return way, number * (span + 1) // total

    parts = (st.sampled_from(range(size)) for size in (ways, *sizes))
    return mapped(st.tuples(*parts), joined)


# --------------------------------------------------------------------------- arguments


def _refuse(what: str, message: str, rule: str) -> NoReturn:
    raise InvalidValueError(f"{what} {message}", field=what, rule=rule)


def _size_range(
    min_size: object, max_size: object, *, most: int | None = None, of: str = ""
) -> tuple[int, int]:
    """*min_size* and *max_size* checked: ints of 0 or more, the first not above the second.

    With *most*, *max_size* may not be above it either: the most *of* (``"rows"``,
    ``"contracts"``) the strategy draws.  Hypothesis gives each example a bounded
    amount of choices, so a strategy asked for more fails its health check
    (``FailedHealthCheck``) or never draws an example (``Unsatisfiable``); it
    is refused when the strategy is built, naming the limit (red team r20 L2).
    """
    low = _count(min_size, "min_size")
    high = _count(max_size, "max_size")
    if high < low:
        _refuse("max_size", f"({high}) must not be below min_size ({low})", "not below min_size")
    if most is not None and high > most:
        _refuse(
            "max_size",
            f"must be at most {most:,} (the most {of} the strategy draws within Hypothesis's "
            f"limit on one example), got {high:,}",
            f"at most {most:,}",
        )
    return low, high


def _count(value: object, what: str, *, least: int = 0) -> int:
    """*value* if it is an ``int`` (not a bool) of at least *least*, else the library's error."""
    return count(value, what, low=least)


def _units(value: Decimal, places: int, what: str, unit: str) -> int:
    """*value* as a whole number of 10**-*places*, refusing one that is not (never rounded)."""
    scaled = value.scaleb(places, context=CONTEXT)
    if scaled != scaled.to_integral_value():
        _refuse(
            what,
            f"must be in whole {unit} ({places} decimal places), got {value}",
            f"whole {unit}",
        )
    return int(scaled)


def _ordered(low: object, high: object, *, below: bool) -> None:
    """Refuse *low* above *high*, naming ``max_value`` and both values as passed."""
    if below:
        _refuse(
            "max_value",
            f"({shown(high)}) must not be below min_value ({shown(low)})",
            "not below min_value",
        )


def _currency(code: object, what: str) -> str:
    """*code* if the library accepts it as a currency, else its error naming *what*."""
    with as_arguments({"Money.currency": what}):
        # The library's own currency check.
        Money(0, code)  # type: ignore[arg-type]
    return cast("str", code)


def _scaled(places: int) -> Callable[[int], Decimal]:
    def scaled(units: int) -> Decimal:
        return Decimal(units).scaleb(-places, context=CONTEXT)

    return scaled


def kind_of(kind: type[_E], value: object, what: str) -> _E:
    """*value* as a member of *kind*: a member, or its text, as the models take it.

    The models' own reader (a ``Contract``'s ``kind="hourly"``, a
    ``Statement``'s ``format="weekly_summary"``), so a strategy takes exactly
    what the model it draws takes (review r24, newcomer N4).

    Raises:
        InvalidValueError: Text no member of *kind* has (the values listed).
        InvalidTypeError: Anything else that is not a member.
    """
    return member(kind, value, what)


def _strategy_or_none(value: object, what: str, of: str) -> st.SearchStrategy[object] | None:
    """*value* if it is a Hypothesis strategy or ``None``, else the library's error."""
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InvalidTypeError(
            f"{what} must be a Hypothesis strategy of {of} or None, not {type(value).__name__}",
            field=what,
            rule="a strategy or None",
        )
    return value
