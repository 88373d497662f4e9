"""Hypothesis strategies for every public upwork_safety type.

Use them in your own tests::

    from hypothesis import given
    from upwork_safety.testing import strategies as us

    @given(us.contracts())
    def test_my_report_handles_any_contract(contract): ...

Every strategy produces only valid values (they pass the models'
validators); shrinking goes towards small, simple contracts.  They are
built to be cheap: amounts, dates and moments are drawn as integers and
mapped (no rejection sampling, no filters), text fields are sampled from
short lists, so a contract costs about a millisecond and a whole escrow
history a few (see ``docs/testing.md`` for measured figures).
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn, TypeVar, cast

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover  (tested in a subprocess)
    msg = (
        "upwork_safety.testing.strategies needs Hypothesis: install the 'testing' extra "
        "(upwork_safety.testing.factories works without it)"
    )
    raise ImportError(msg) from error

from upwork_safety import escrow, hourly
from upwork_safety._display import shown
from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._moments import utc_instant
from upwork_safety._scales import ACTIVITY_SCALE, PRIVATE_SCORE_SCALE
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Payment,
    TimeEntry,
)
from upwork_safety.money import CONTEXT, MAX_DIGITS, ExchangeRate, Money, minor_unit, to_decimal
from upwork_safety.testing._rules import change_days, own_rates

if TYPE_CHECKING:
    from collections.abc import Callable

_T = TypeVar("_T")

__all__ = [
    "amounts",
    "aware_datetimes",
    "clients",
    "contract_histories",
    "contracts",
    "currencies",
    "dates",
    "events",
    "exchange_rates",
    "feedbacks",
    "fixed_price_contracts",
    "histories",
    "hourly_contracts",
    "ids",
    "milestones",
    "money",
    "payments",
    "time_entries",
]

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


def _sometimes(
    common: st.SearchStrategy[_T], rare: st.SearchStrategy[_T], *, one_in: int = 4
) -> st.SearchStrategy[_T]:
    """*rare* about one draw in *one_in*, else *common*; shrinks towards *common*."""
    return st.one_of(*[common] * (one_in - 1), rare)


# --------------------------------------------------------------------------- arguments


def _refuse(what: str, message: str, rule: str) -> NoReturn:
    raise InvalidValueError(f"{what} {message}", field=what, rule=rule)


def _count(value: object, what: str, *, least: int = 0) -> int:
    """*value* if it is an ``int`` (not a bool) of at least *least*, else the library's error."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"{what} must be an int, not {type(value).__name__}", field=what, rule="an int"
        )
    if value < least:
        _refuse(what, f"must be {least} or more, got {value}", f"{least} or more")
    return value


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
    try:
        # The library's own currency check.
        Money(0, code)  # type: ignore[arg-type]
    except (InvalidTypeError, InvalidValueError) as error:
        message = str(error).replace("Money.currency", what)
        raise type(error)(message, field=what, rule=error.rule) from None
    return cast("str", code)


def _scaled(places: int) -> Callable[[int], Decimal]:
    def scaled(units: int) -> Decimal:
        return Decimal(units).scaleb(-places, context=CONTEXT)

    return scaled


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
    return st.integers(low, high).map(_scaled(places))


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
        return st.integers(low, high).map(lambda units: Money(scaled(units), code))

    return st.one_of(*(in_currency(*part) for part in parts))


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Short, non-blank identifiers."""
    return st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


def _day_bound(value: object, what: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(
            f"{what} must be a date, not {type(value).__name__}", field=what, rule="a date"
        )
    return value


def dates(
    *, min_value: date = date(2015, 1, 1), max_value: date = date(2030, 12, 31)
) -> st.SearchStrategy[date]:
    """Dates within Upwork's era by default, often a day a rule changes.

    About one draw in four is a day a rule set of :mod:`upwork_safety.rules`
    starts, or the day before (the fee schedules of 2016-06-21, 2023-05-03
    and 2025-05-01, the JSS, platform, tax and retention rules: read from
    the rules histories), so an off-by-one in "which rule applies" shows.
    The rest are a day offset from *min_value*, shrinking to it.

    Raises:
        InvalidTypeError: A bound that is not a date.
        InvalidValueError: *min_value* after *max_value*.
    """
    low = _day_bound(min_value, "min_value")
    high = _day_bound(max_value, "max_value")
    _ordered(low.isoformat(), high.isoformat(), below=high < low)
    return _dates(low, high)


@functools.cache
def _dates(low: date, high: date) -> st.SearchStrategy[date]:
    uniform = st.integers(0, (high - low).days).map(lambda n: low + timedelta(days=n))
    special = [day for day in change_days() if low <= day <= high]
    return _sometimes(uniform, st.sampled_from(special)) if special else uniform


def _moment_bound(value: object, what: str) -> datetime:
    """*value* as a naive UTC datetime: an aware one converted, a naive one read as UTC."""
    if not isinstance(value, datetime):
        raise InvalidTypeError(
            f"{what} must be a datetime (aware, or naive read as UTC), not {type(value).__name__}",
            field=what,
            rule="a datetime",
        )
    if value.utcoffset() is None:
        return value
    return utc_instant(value, what).replace(tzinfo=None)


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
        InvalidValueError: *min_value* after *max_value*.
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
    uniform = st.integers(0, span).map(lambda seconds: start + timedelta(seconds=seconds))
    monday = hourly.billing_week(start).closes_at  # the first Monday 00:00 UTC after *low*
    weeks = max((last - monday).days // 7, 0)
    anchors = st.integers(0, weeks).map(lambda k: monday + timedelta(weeks=k))
    days = [
        datetime.combine(day, time(0), tzinfo=_UTC)
        for day in change_days()
        if low.date() <= day <= high.date()
    ]
    if days:
        anchors = anchors | st.sampled_from(days)
    near = st.builds(
        lambda anchor, seconds: min(max(anchor + timedelta(seconds=seconds), start), last),
        anchors,
        st.integers(-_NEAR, _NEAR),
    )
    return st.builds(
        lambda moment, zone: moment.astimezone(zone),
        _sometimes(uniform, near),
        st.sampled_from(_zones()),
    )


def _numbered(prefix: str, top: int) -> st.SearchStrategy[str]:
    """Ids like ``c1`` … ``c<top>``: one integer draw, shrinking to ``c1``."""
    return st.integers(1, top).map(lambda n: f"{prefix}{n}")


@functools.cache
def clients() -> st.SearchStrategy[Client]:
    """:class:`Client` values (ids ``client-1`` to ``client-50``, so clients recur)."""
    return st.builds(
        Client,
        id=_numbered("client-", 50),
        name=st.sampled_from(["", "Acme", "Studio Noor", "Jane D."]),
        payment_verified=st.booleans(),
        country=st.sampled_from(["", "United States", "Pakistan", "Germany"]),
    )


@functools.cache
def feedbacks() -> st.SearchStrategy[Feedback]:
    """:class:`Feedback`, each part possibly missing."""
    return st.builds(
        Feedback,
        stars=st.none() | amounts(min_value="1", max_value="5", places=1),
        private_score=st.none() | st.integers(*PRIVATE_SCORE_SCALE),
        end_reason=st.none() | st.sampled_from(EndReason),
    )


def payments(currency: str = "USD") -> st.SearchStrategy[Payment]:
    """:class:`Payment` values in *currency* up to 20,000 of it, in whole minor units.

    Recorded by hand: no milestone, no moment.

    Raises:
        InvalidTypeError, InvalidValueError: A currency the library refuses.
    """
    return _payments(_currency(currency, "currency"))


@functools.cache
def _payments(currency: str) -> st.SearchStrategy[Payment]:
    return st.builds(Payment, on=dates(), amount=money(currency, max_value="20000"))


def exchange_rates(
    *,
    min_value: Decimal | int | str = "100",
    max_value: Decimal | int | str = "400",
    as_of: st.SearchStrategy[date | None] | None = None,
) -> st.SearchStrategy[ExchangeRate]:
    """USD→PKR rates from *min_value* to *max_value* (4 places), dated by *as_of*.

    *as_of* is a strategy that draws the rate's day; by default a day of
    :func:`dates` or none.  The day picks the rules in force wherever the
    rate is used (a withdrawal quote reads its tax rules by it), so narrow
    it to the days your code supports, e.g.
    ``as_of=us.dates(min_value=date(2024, 1, 1))``.

    Raises:
        InvalidTypeError: A float or non-number bound, or *as_of* not a strategy.
        InvalidValueError: A bound with more than 4 decimals, *min_value* not
            positive (a rate is), or above *max_value*.
    """
    rates = amounts(min_value=min_value, max_value=max_value, places=4)
    if to_decimal(min_value, "min_value") <= 0:
        _refuse("min_value", f"must be positive (a rate is), got {min_value}", "positive")
    if as_of is not None and not isinstance(as_of, st.SearchStrategy):
        raise InvalidTypeError(
            f"as_of must be a Hypothesis strategy of dates (e.g. us.dates(min_value=...)) or "
            f"None, not {type(as_of).__name__}",
            field="as_of",
            rule="a strategy or None",
        )
    return st.builds(
        ExchangeRate,
        base=st.just("USD"),
        quote=st.just("PKR"),
        rate=rates,
        as_of=st.none() | dates() if as_of is None else as_of,
        source=st.sampled_from(["", "SBP interbank"]),
    )


_TITLES = ("Logo in SVG and PNG", "Landing page", "API client")
_DESCRIPTIONS = ("", "3 concepts, 2 rounds", "Figma + HTML")
_LAST_DAY = date(2030, 12, 31)

#: From when every fee schedule charges a contract's own rate, and its range (from the rules).
_OWN_RATES = own_rates()


@functools.cache
def _milestone_terms() -> st.SearchStrategy[tuple[str, Money, str, date | None]]:
    """(title, amount, description, due) of an unfunded USD milestone."""
    return st.tuples(
        st.sampled_from(_TITLES),
        money("USD", min_value="5", max_value="5000"),
        st.sampled_from(_DESCRIPTIONS),
        st.none() | dates(),
    )


def _milestone(milestone_id: str, terms: tuple[str, Money, str, date | None]) -> Milestone:
    title, amount, description, due = terms
    return Milestone(milestone_id, title, amount, description=description, due=due)


def milestones(*, milestone_id: str | None = None) -> st.SearchStrategy[Milestone]:
    """Unfunded USD :class:`Milestone` values, at least the $5 minimum.

    Raises:
        InvalidTypeError, InvalidValueError: A *milestone_id* a milestone
            refuses (not a str, or empty).
    """
    if milestone_id is not None:
        try:
            Milestone(milestone_id, "title", Money(5, "USD"))
        except UpworkSafetyError as error:
            message = str(error).replace("Milestone.id", "milestone_id")
            raise type(error)(message, field="milestone_id", rule=error.rule) from None
    return _milestones(milestone_id)


@functools.cache
def _milestones(milestone_id: str | None) -> st.SearchStrategy[Milestone]:
    mid = st.just(milestone_id) if milestone_id is not None else ids()
    return st.builds(_milestone, mid, _milestone_terms())


def _entry(
    start: datetime, seconds: int, *, manual: bool, memo: str, activity: int | None
) -> TimeEntry:
    end = start + timedelta(seconds=seconds)
    return TimeEntry(start, end, manual=manual, memo=memo, activity=activity)


@functools.cache
def time_entries() -> st.SearchStrategy[TimeEntry]:
    """A :class:`TimeEntry` of 1 minute to 8 hours."""
    return st.builds(
        _entry,
        aware_datetimes(),
        st.integers(min_value=60, max_value=8 * 3600),
        manual=st.booleans(),
        memo=st.sampled_from(["", "Fix checkout bug", "Write tests"]),
        activity=st.none() | st.integers(*ACTIVITY_SCALE),
    )


def _own_rate() -> st.SearchStrategy[Decimal | None]:
    if _OWN_RATES is None:  # pragma: no cover  (the newest schedule charges a contract's own rate)
        return st.none()
    return st.none() | amounts(min_value=_OWN_RATES.low, max_value=_OWN_RATES.high)


@functools.cache
def _base_parts() -> st.SearchStrategy[tuple[object, ...]]:
    """Everything a contract of either kind has, as one tuple of draws."""
    return st.tuples(
        _numbered("c", 9999),
        clients() | _numbered("client-", 50),
        dates(),
        st.none() | st.integers(0, 400),
        st.lists(payments(), max_size=3).map(tuple),
        st.none() | feedbacks(),
        _own_rate(),
        st.sampled_from(["", "Shopify store", "Data pipeline"]),
    )


def _contract_base(draw: st.DrawFn, kind: ContractKind) -> dict[str, object]:
    contract_id, client, started, length, paid, feedback, rate, title = draw(_base_parts())
    # Nothing is paid before a contract starts (Contract refuses it).
    paid_on = [payment.on for payment in cast("tuple[Payment, ...]", paid)]
    started = min([cast("date", started), *paid_on])
    # A contract's own fee rate is drawn only where the fees charge one: from
    # the day every later schedule charges one (every payment is on or after
    # the start, so each is charged by such a schedule).
    if _OWN_RATES is None or started < _OWN_RATES.first_day:
        rate = None
    ended = None
    if length is not None:
        # A contract ends after its start and after what was paid on it.
        ended = min(max([started + timedelta(days=cast("int", length)), *paid_on]), _LAST_DAY)
    else:
        feedback = None  # Upwork asks for feedback when a contract ends
    return {
        "id": contract_id,
        "client": client,
        "kind": kind,
        "started": started,
        "ended": ended,
        "payments": paid,
        "feedback": feedback,
        "service_fee_rate": rate,
        "title": title,
    }


@st.composite
def fixed_price_contracts(draw: st.DrawFn) -> Contract:
    """Fixed-price contracts with 0–3 unfunded milestones and no escrow history."""
    base = _contract_base(draw, ContractKind.FIXED_PRICE)
    terms = draw(st.lists(_milestone_terms(), max_size=3))
    items = tuple(_milestone(f"m{i + 1}", t) for i, t in enumerate(terms))
    return Contract(milestones=items, **base)  # type: ignore[arg-type]


def _diary(entries: list[TimeEntry], first: datetime) -> tuple[TimeEntry, ...]:
    """*entries* as one Work Diary: laid end to end from *first*.

    A Work Diary never bills the same minutes twice (``Contract`` refuses
    overlapping entries), so entries drawn independently are laid end to
    end, each keeping its length and other fields.
    """
    diary = []
    at = first
    for entry in entries:
        length = entry.end - entry.start
        diary.append(attrs.evolve(entry, start=at, end=at + length))
        at += length
    return tuple(diary)


#: Where a Work Diary starts, in hours after 00:00 UTC on the contract's first
#: day: that midnight, or Karachi's next midnight (19:00 UTC), or (negative)
#: that many hours before the first Monday 00:00 UTC after the start, so
#: entries cross the billing week's boundary.
_DIARY_STARTS = st.sampled_from([0, 19, -1, -3, -6])


@st.composite
def hourly_contracts(draw: st.DrawFn) -> Contract:
    """Hourly contracts with a rate, maybe a weekly limit, and a Work Diary of 0–6 entries.

    The diary starts at 00:00 UTC on the first day, at midnight in Karachi
    (19:00 UTC), or a few hours before the next Monday 00:00 UTC, so its
    entries often cross a billing week's boundary; the contract's end is
    moved past the diary's last entry when needed.
    """
    base = _contract_base(draw, ContractKind.HOURLY)
    started = cast("date", base["started"])
    entries = draw(st.lists(time_entries(), max_size=6))
    diary: tuple[TimeEntry, ...] = ()
    if entries:
        first = datetime.combine(started, time(0), tzinfo=_UTC)
        hours = draw(_DIARY_STARTS)
        if hours < 0:
            first = hourly.billing_week(first).closes_at
        diary = _diary(entries, first + timedelta(hours=hours))
        ended = cast("date | None", base["ended"])
        last = (diary[-1].end - timedelta(microseconds=1)).date()
        if ended is not None and ended < last:
            base["ended"] = last
    return Contract(
        hourly_rate=draw(money("USD", min_value="3", max_value="200")),
        weekly_limit=draw(st.none() | st.integers(1, 80).map(Decimal)),
        time_entries=diary,
        **base,  # type: ignore[arg-type]
    )


@functools.cache
def contracts() -> st.SearchStrategy[Contract]:
    """Fixed-price or hourly :class:`Contract` values."""
    return fixed_price_contracts() | hourly_contracts()


def histories(*, min_size: int = 0, max_size: int = 8) -> st.SearchStrategy[list[Contract]]:
    """A freelancer's history: a list of :func:`contracts` with distinct ids.

    What :func:`upwork_safety.jss.score` and the other JSS functions take
    (they refuse two contracts with one id).

    Raises:
        InvalidTypeError: A size that is not an int.
        InvalidValueError: A negative size, or *min_size* above *max_size*.
    """
    low = _count(min_size, "min_size")
    high = _count(max_size, "max_size")
    if high < low:
        _refuse("max_size", f"({high}) must not be below min_size ({low})", "not below min_size")
    return _histories(low, high)


@functools.cache
def _histories(low: int, high: int) -> st.SearchStrategy[list[Contract]]:
    return st.lists(contracts(), min_size=low, max_size=high, unique_by=lambda c: c.id)


@functools.cache
def events() -> st.SearchStrategy[escrow.Event]:
    """Any single escrow event (not necessarily allowed in any given state).

    Its moment is one of :func:`aware_datetimes` (often near a Monday
    00:00 UTC or a rule's first day, in any of its zones), which the event
    holds in UTC.
    """
    mid = st.sampled_from(["m1", "m2", "m3"])
    at = aware_datetimes()
    usd = money("USD", max_value="1000")
    simple = (
        Fund,
        Submit,
        RequestChanges,
        RequestRefund,
        AcceptRefund,
        OpenDispute,
        AnswerDispute,
        ClientPaysArbitration,
        FreelancerPaysArbitration,
        AutoApprove,
        AutoRefund,
        DormancyRefundRequest,
        AutoDisputeRelease,
        ArbitrationDefault,
    )
    return cast(
        "st.SearchStrategy[escrow.Event]",
        st.one_of(
            *(st.builds(kind, mid, at) for kind in simple),
            st.builds(Approve, mid, at, amount=st.none() | usd, bonus=st.none() | usd),
            st.builds(Refund, mid, at, amount=st.none() | usd),
            st.builds(ResolveDispute, mid, at, usd, usd),
            st.builds(EndContract, at),
        ),
    )


# --------------------------------------------------------------------------- histories


def _minor(draw: st.DrawFn, least: int, upto: Money) -> Money:
    """An amount in whole minor units of *upto*'s currency, from *least* units up to *upto*."""
    places = minor_unit(upto.currency)
    top = int(upto.amount.scaleb(places, context=CONTEXT))
    units = draw(st.integers(least, max(top, least)))
    return Money(_scaled(places)(units), upto.currency)


def _one_unit(currency: str) -> Money:
    """The smallest amount of *currency* (one cent of USD)."""
    return Money(_scaled(minor_unit(currency))(1), currency)


@functools.cache
def _bonuses(currency: str) -> st.SearchStrategy[Money | None]:
    return st.none() | money(currency, min_value="1", max_value="50")


_SIMPLE: dict[str, Callable[[str, datetime], escrow.ManualEvent]] = {
    "Fund": Fund,
    "Submit": Submit,
    "RequestChanges": RequestChanges,
    "RequestRefund": RequestRefund,
    "AcceptRefund": AcceptRefund,
    "OpenDispute": OpenDispute,
    "AnswerDispute": AnswerDispute,
    "ClientPaysArbitration": ClientPaysArbitration,
    "FreelancerPaysArbitration": FreelancerPaysArbitration,
}


def _event_for(  # noqa: PLR0911  (one return per kind of event)
    draw: st.DrawFn, name: str, milestone: Milestone, at: datetime
) -> escrow.ManualEvent:
    """Build the manual event *name* for *milestone* with sensible amounts."""
    mid = milestone.id
    held = milestone.held
    unit = _one_unit(held.currency)
    if name == "Approve":
        amount = None
        # A partial approval (some of what is held) three times in four it can be one.
        if held.amount >= 2 * unit.amount and draw(_GOES_FORWARD):
            amount = _minor(draw, 1, held - unit)
        return Approve(mid, at, amount=amount, bonus=draw(_bonuses(held.currency)))
    if name == "Refund":
        partial = draw(st.booleans())
        if held.amount >= 2 * unit.amount and partial:
            return Refund(mid, at, amount=_minor(draw, 1, held - unit))
        if not held.amount and partial:
            # One unit of a payment: what is refundable (inside its window) is at least that.
            return Refund(mid, at, amount=unit)
        return Refund(mid, at)
    if name == "ResolveDispute":
        to_freelancer = _minor(draw, 0, held)
        return ResolveDispute(mid, at, to_freelancer, held - to_freelancer)
    if name == "EndContract":
        return EndContract(at)
    return _SIMPLE[name](mid, at)


#: Clock jumps between events: mostly minutes to three days, so a history
#: stays mid-life (in review, with changes requested, disputed), and one in
#: four just past a business week, a refund window, a review period, or the
#: dormancy period, so those clocks run out.
_JUMPS_SHORT = st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m))
_JUMPS = _sometimes(
    _JUMPS_SHORT,
    st.sampled_from([timedelta(days=d, minutes=1) for d in (5, 7, 8, 11, 14, 20, 97, 181)]),
    one_in=8,
)

#: Whether a step ends the contract: one in ten (Hypothesis favours the ends of a range a little).
_ENDS = st.integers(0, 19).map(lambda n: n == 19)

#: The steps that move a milestone along its working life, and whether a step
#: takes one of them when it can (three in four): a walk through every
#: allowed step falls into a refund or a payment within a few steps, so few
#: milestones would be left in review or with changes requested.
_FORWARD = frozenset({"Fund", "Submit", "RequestChanges"})
_GOES_FORWARD = st.integers(0, 3).map(bool)

#: Whether an open contract's history ends by leaving a milestone in review
#: (half of them), and the steps that do.
_LEFT_IN_REVIEW = st.booleans()
_IN_REVIEW = frozenset({"Submit", "RequestChanges"})

#: The hour of the first event: 09:00 UTC, Karachi's midnight (19:00 UTC) or
#: just before a UTC midnight, so local and UTC days differ.
_FIRST_HOURS = st.sampled_from([9, 19, 23])


@functools.cache
def _fresh_terms() -> st.SearchStrategy[tuple[int, str, date, Money]]:
    return st.tuples(
        st.integers(1, 99),
        st.sampled_from(["acme", "studio-noor", "client-7"]),
        dates(max_value=date(2029, 12, 31)),
        money("USD", min_value="5", max_value="5000"),
    )


@st.composite
def _fresh_contract(draw: st.DrawFn) -> Contract:
    """An open fixed-price contract with 1–3 unfunded USD milestones and nothing else."""
    count = draw(st.integers(1, 3))
    number, client, started, first = draw(_fresh_terms())
    amounts = [
        first,
        *(draw(money("USD", min_value="5", max_value="5000")) for _ in range(count - 1)),
    ]
    rate = None
    if _OWN_RATES is not None and started >= _OWN_RATES.first_day:
        rate = draw(st.sampled_from([None, _OWN_RATES.default]))
    return Contract(
        id=f"c{number}",
        client=client,
        kind=ContractKind.FIXED_PRICE,
        started=started,
        milestones=tuple(
            Milestone(f"m{i + 1}", _TITLES[i], amount) for i, amount in enumerate(amounts)
        ),
        service_fee_rate=rate,
    )


def contract_histories(
    *, max_events: int = 12
) -> st.SearchStrategy[tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]]:
    """A fixed-price contract, a valid sequence of manual events, and the result.

    Each event is drawn from what :func:`upwork_safety.escrow.allowed` says is
    allowed at that moment (partial approvals with bonuses, refunds of escrow
    and of payments, disputes through mediation and arbitration, the end of
    the contract: only one step in ten ends it while something else is
    allowed), with clock jumps mostly of minutes to days, so a history is
    often left mid-life (funded, in review, with changes requested,
    disputed), and one in four past a business week, a refund window, a
    review period or the dormancy period, so those clocks run out and their
    automatic steps appear in the history.  Events are built in UTC,
    ``Asia/Karachi`` or another zone (held in UTC), starting at 09:00,
    19:00 (Karachi's midnight) or 23:00 UTC.
    Returns ``(original, events, final)`` where ``final`` is the original
    with every event applied and :func:`~upwork_safety.escrow.advance` run
    to the last moment.

    Raises:
        InvalidTypeError: *max_events* is not an int.
        InvalidValueError: *max_events* is negative.
    """
    return _contract_histories(_count(max_events, "max_events"))


@functools.cache
def _contract_histories(
    max_events: int,
) -> st.SearchStrategy[tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]]:
    return _histories_of(max_events)


@st.composite
def _histories_of(
    draw: st.DrawFn, max_events: int
) -> tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]:
    original = draw(_fresh_contract())
    start = original.started
    at = datetime(start.year, start.month, start.day, draw(_FIRST_HOURS), tzinfo=_UTC)
    zone = draw(st.sampled_from(_zones()))
    contract = original
    events: list[escrow.ManualEvent] = []
    for _ in range(draw(st.integers(0, max_events))):
        at += draw(_JUMPS)
        contract = escrow.advance(contract, at)
        options = [
            (milestone, name)
            for milestone in contract.milestones
            for name in escrow.allowed(contract, milestone.id, now=at).allowed
            if name != "EndContract"
        ]
        local = at.astimezone(zone)
        if contract.ended is None and (not options or draw(_ENDS)):
            event: escrow.ManualEvent = EndContract(local)
        elif options:
            forward = [option for option in options if option[1] in _FORWARD]
            goes_forward: bool = bool(forward) and draw(_GOES_FORWARD)
            if goes_forward:
                options = forward
            milestone, name = draw(st.sampled_from(options))
            event = _event_for(draw, name, milestone, local)
        else:
            break  # ended, and every milestone settled: nothing is left to happen
        # allowed() and apply() agree by construction; a refusal here is an engine bug.
        contract = escrow.apply(contract, event)
        events.append(event)
    if len(events) < max_events and contract.ended is None and draw(_LEFT_IN_REVIEW):
        # Leave a milestone in review: submit work, or ask for changes to it.
        at += draw(_JUMPS_SHORT)
        contract = escrow.advance(contract, at)
        last = [
            (milestone, name)
            for milestone in contract.milestones
            for name in escrow.allowed(contract, milestone.id, now=at).allowed
            if name in _IN_REVIEW
        ]
        if last:
            milestone, name = draw(st.sampled_from(last))
            event = _event_for(draw, name, milestone, at.astimezone(zone))
            contract = escrow.apply(contract, event)
            events.append(event)
    return original, tuple(events), contract
