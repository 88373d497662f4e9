"""Hourly contracts: the UTC billing week, Hourly Protection, and the payout calendar.

This module owns what happens to a week of hourly work (DOMAIN.md section 3):

* :func:`billing_week` finds the Monday 00:00 → Sunday 23:59:59.999999 UTC
  billing week that contains a moment (HC 211063698).
* :func:`invoice` cuts the week's Work Diary into the 10-minute billing
  segments Upwork invoices (HC 211068518), marks the segments logged after
  the weekly limit was reached as over limit (not invoiced, HC 211063668),
  and says for every billed segment whether Hourly Protection covers it and,
  if not, why (HC 211068288).
* :func:`payout_calendar` gives the dates that follow the week: invoice,
  end of the client's dispute window, money available (HC 211063698,
  HC 211062158, HC 360047676133).
* :func:`dispute_response` gives the deadline to answer client-disputed
  hours and what silence means (HC 211068588).

**How a partly logged segment counts.**  Upwork bills whole segments: "Upwork
uses 10-minute billing segments, therefore some rounding must occur"
(HC 211068518).  The Work Diary is a grid of 10-minute slots in UTC
(hh:00, hh:10, …), so the library counts each slot once: a slot in which at
least :attr:`~upwork_safety.rules.PlatformRules.hourly_partial_segment_minimum`
(5 minutes, half a segment; *unconfirmed*, Upwork does not publish the rule)
is logged bills as one whole segment, and a slot with less bills nothing.
Set that rule to 10 minutes to count only fully logged slots (the cautious
reading).

Every number comes from :class:`~upwork_safety.rules.PlatformRules`; all
functions take ``rules=`` and default to the rules in force at the end of
the week (or when the dispute was opened).

>>> from datetime import datetime, timezone
>>> week = billing_week(datetime(2024, 1, 3, 15, 30, tzinfo=timezone.utc))
>>> str(week)
'2024-01-01 → 2024-01-07 (UTC)'
"""

from __future__ import annotations

import decimal
import enum
from datetime import datetime, time, timedelta, timezone
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._render import html_table, plain
from upwork_safety._validate import decimal_value, utc_instant
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.models import Contract, ContractKind, TimeEntry
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules
from upwork_safety.rules import as_of as _rules_as_of

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BillingWeek",
    "HoursDispute",
    "PayoutCalendar",
    "Segment",
    "TimeEntry",
    "UnprotectedReason",
    "WeeklyInvoice",
    "billing_week",
    "dispute_response",
    "invoice",
    "invoice_for",
    "payout_calendar",
    "weeks_of",
]

_UTC = timezone.utc
#: A billing week is a calendar week; its first day (Monday, in UTC) is the
#: platform rule (HC 211063698).
_WEEK = timedelta(days=7)
_MICROSECOND = timedelta(microseconds=1)
#: The dispute window's end is published to the second (Friday 23:59:59 UTC);
#: "right after" it is the next second.
_SECOND = timedelta(seconds=1)
_MICROSECONDS_PER_HOUR = 3_600_000_000
#: Wide enough that products of valid amounts and microsecond counts are exact.
_CONTEXT = decimal.Context(prec=60, rounding=ROUND_HALF_UP)
_HOURS_QUANTUM = Decimal("0.01")


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"{what} must be a bool, not {type(value).__name__}")
    return value


def _rules_for(rules: object, at: datetime) -> PlatformRules:
    if rules is None:
        return _rules_as_of(at)
    if not isinstance(rules, PlatformRules):
        raise InvalidTypeError(f"rules must be a PlatformRules or None, not {type(rules).__name__}")
    return rules


# --- The billing week --------------------------------------------------------


def _week_start(value: object) -> datetime:
    return utc_instant(value, "BillingWeek.start")


def _check_week_start(_instance: object, _attribute: object, value: datetime) -> None:
    if value.weekday() != 0 or value.time() != time(0):
        raise InvalidValueError(
            "BillingWeek.start must be a Monday 00:00 UTC (Upwork's billing week runs "
            f"Monday 00:00 → Sunday 23:59:59 UTC, HC 211063698), got {value.isoformat()}; "
            "use billing_week(at) to find the week containing a moment"
        )


@attrs.frozen
class BillingWeek:
    """One Upwork billing week: Monday 00:00 UTC to Sunday 23:59:59.999999 UTC.

    Build one with :func:`billing_week` (from any moment in the week) or
    directly from its Monday 00:00 UTC start.

    Args:
        start: The Monday 00:00 UTC that opens the week; an aware datetime in
            any zone naming that instant is accepted and kept in UTC.

    Raises:
        InvalidValueError: *start* is naive or not a Monday 00:00 UTC.
    """

    start: datetime = attrs.field(converter=_week_start, validator=_check_week_start)

    @property
    def end(self) -> datetime:
        """The last moment of the week, Sunday 23:59:59.999999 UTC."""
        return self.start + _WEEK - _MICROSECOND

    @property
    def closes_at(self) -> datetime:
        """The Monday 00:00 UTC that ends the week; the payout calendar counts from it."""
        return self.start + _WEEK

    def contains(self, at: datetime) -> bool:
        """Return whether the moment *at* falls in this week.

        Args:
            at: An aware datetime in any zone (compared as the same instant in UTC).

        Raises:
            InvalidValueError: *at* is naive.
        """
        moment = utc_instant(at, "BillingWeek.contains(at)")
        return self.start <= moment <= self.end

    def __contains__(self, at: object) -> bool:
        return self.contains(at)  # type: ignore[arg-type]

    def previous(self) -> BillingWeek:
        """Return the week before this one."""
        return BillingWeek(self.start - _WEEK)

    def next(self) -> BillingWeek:
        """Return the week after this one."""
        return BillingWeek(self.closes_at)

    def calendar(
        self, *, top_rated: bool = False, rules: PlatformRules | None = None
    ) -> PayoutCalendar:
        """Return this week's payout calendar (a shortcut for :func:`payout_calendar`)."""
        return payout_calendar(self, top_rated=top_rated, rules=rules)

    def __str__(self) -> str:
        return f"{self.start.date()} → {self.end.date()} (UTC)"


def billing_week(at: datetime) -> BillingWeek:
    """Return the billing week containing *at*.

    The moment is first converted to UTC, so Monday 03:00 in Karachi
    (UTC+05:00) is still Sunday in UTC and belongs to the week before.

    Args:
        at: A timezone-aware datetime.

    Returns:
        The Monday 00:00 → Sunday 23:59:59.999999 UTC week (HC 211063698).

    Raises:
        InvalidValueError: *at* is naive.
        InvalidTypeError: *at* is not a datetime.

    >>> from datetime import datetime, timedelta, timezone
    >>> karachi = timezone(timedelta(hours=5))
    >>> str(billing_week(datetime(2024, 1, 8, 3, 0, tzinfo=karachi)))
    '2024-01-01 → 2024-01-07 (UTC)'
    """
    moment = utc_instant(at, "billing_week(at)")
    day = moment - timedelta(days=moment.weekday())
    return BillingWeek(day.replace(hour=0, minute=0, second=0, microsecond=0))


def weeks_of(entries: Iterable[TimeEntry]) -> tuple[BillingWeek, ...]:
    """Return every billing week that *entries* touch, oldest first.

    An entry that crosses midnight between Sunday and Monday (UTC) touches
    both weeks.

    Args:
        entries: Work Diary entries.

    Raises:
        InvalidTypeError: An item is not a :class:`TimeEntry`.
    """
    weeks: set[BillingWeek] = set()
    for entry in _entries(entries):
        week = billing_week(entry.start)
        # The end is exclusive: an entry ending at Monday 00:00 is not in that week.
        last = billing_week(entry.end - _MICROSECOND)
        while week.start <= last.start:
            weeks.add(week)
            week = week.next()
    return tuple(sorted(weeks, key=lambda w: w.start))


# --- The payout calendar -----------------------------------------------------


@attrs.frozen
class PayoutCalendar:
    """What happens to a billing week's pay, and when (all UTC).

    Args:
        week: The billing week.
        invoiced_at: Monday 12:00 after the week: the Work Diary locks and
            the client is invoiced (HC 211068518, HC 211063698); the client's
            review and dispute window opens (HC 211062158).
        dispute_window_ends: Friday 23:59:59 after the week: the last moment
            the client can dispute the hours (HC 211062158).
        available_at: When the pay becomes available to withdraw: Wednesday
            00:00, ten days after the week's Sunday (HC 211063698); for Top
            Rated freelancers since 2020-05-04, right after the dispute
            window (HC 360047676133).
        top_rated: Whether the calendar is for a Top Rated freelancer.
        hold_skipped: Whether the Top Rated early release applied.

    Raises:
        InvalidValueError: The moments are out of order.
    """

    week: BillingWeek
    invoiced_at: datetime
    dispute_window_ends: datetime
    available_at: datetime
    top_rated: bool = False
    hold_skipped: bool = False

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.week, BillingWeek):
            raise InvalidTypeError("PayoutCalendar.week must be a BillingWeek")
        for name in ("invoiced_at", "dispute_window_ends", "available_at"):
            utc_instant(getattr(self, name), f"PayoutCalendar.{name}")
        if not self.week.end < self.invoiced_at <= self.dispute_window_ends < self.available_at:
            raise InvalidValueError(
                "PayoutCalendar needs week end < invoiced_at <= dispute_window_ends < "
                f"available_at, got {self.invoiced_at.isoformat()}, "
                f"{self.dispute_window_ends.isoformat()}, {self.available_at.isoformat()}"
            )

    @property
    def edits_close(self) -> datetime:
        """The last moment to add, edit or delete the week's time (HC 211068518)."""
        return self.invoiced_at

    def to_records(self) -> list[dict[str, object]]:
        """Return the calendar as rows (``when``, ``step``, ``source``), in time order."""
        available_source = "HC 360047676133 (Top Rated)" if self.hold_skipped else "HC 211063698"
        return [
            {
                "when": self.week.start,
                "step": "billing week starts (Monday 00:00 UTC)",
                "source": "HC 211063698",
            },
            {
                "when": self.week.end,
                "step": "billing week ends (Sunday 23:59:59 UTC)",
                "source": "HC 211063698",
            },
            {
                "when": self.invoiced_at,
                "step": "Work Diary locked; client invoiced; review window opens",
                "source": "HC 211068518, HC 211063698, HC 211062158",
            },
            {
                "when": self.dispute_window_ends,
                "step": "last moment the client can dispute the hours",
                "source": "HC 211062158",
            },
            {
                "when": self.available_at,
                "step": "pay available to withdraw",
                "source": available_source,
            },
        ]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption=f"Payout calendar, week {self.week}")


def payout_calendar(
    week: BillingWeek, *, top_rated: bool = False, rules: PlatformRules | None = None
) -> PayoutCalendar:
    """Return the payout calendar of *week*.

    Args:
        week: The billing week.
        top_rated: Whether the freelancer is Top Rated; from
            ``rules.top_rated_skip_hold_since`` (2020-05-04) on, Top Rated
            pay skips the hold and is available right after the dispute
            window.  The date compared is the invoice date.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The invoice time, the end of the dispute window and when the pay is available.

    Raises:
        InvalidTypeError: *week* is not a :class:`BillingWeek`.
        RulesError: *rules* put the steps out of order.

    >>> from datetime import datetime, timezone
    >>> cal = payout_calendar(billing_week(datetime(2024, 1, 3, tzinfo=timezone.utc)))
    >>> cal.available_at.isoformat()
    '2024-01-17T00:00:00+00:00'
    """
    if not isinstance(week, BillingWeek):
        raise InvalidTypeError(
            f"payout_calendar(week) must be a BillingWeek, not {type(week).__name__}"
        )
    top_rated = _bool(top_rated, "payout_calendar(top_rated)")
    rules = _rules_for(rules, week.end)
    closes = week.closes_at
    invoiced = closes + rules.hourly_invoice_delay
    window_ends = closes + rules.hourly_review_window
    skip = top_rated and invoiced.date() >= rules.top_rated_skip_hold_since
    available = window_ends + _SECOND if skip else closes + rules.hourly_available_delay
    if not invoiced <= window_ends < available:
        raise RulesError(
            "PlatformRules hourly timings must give invoice <= end of dispute window < "
            f"available, got hourly_invoice_delay={rules.hourly_invoice_delay}, "
            f"hourly_review_window={rules.hourly_review_window}, "
            f"hourly_available_delay={rules.hourly_available_delay}"
        )
    return PayoutCalendar(
        week=week,
        invoiced_at=invoiced,
        dispute_window_ends=window_ends,
        available_at=available,
        top_rated=top_rated,
        hold_skipped=skip,
    )


# --- Segments and Hourly Protection -----------------------------------------


class UnprotectedReason(enum.Enum):
    """Why Hourly Protection does not cover a segment (HC 211068288)."""

    #: Logged after the weekly limit was reached: not invoiced (HC 211063668).
    OVER_LIMIT = "over_limit"
    #: Manual time, not tracked by the desktop app.
    MANUAL = "manual"
    #: No memo says what the time was for.
    NO_MEMO = "no_memo"
    #: Activity not recorded, or below ``rules.hourly_minimum_activity``.
    LOW_ACTIVITY = "low_activity"
    #: The client has no verified billing method.
    CLIENT_UNVERIFIED = "client_unverified"

    @property
    def explanation(self) -> str:
        """The reason in words, with its source."""
        return _EXPLANATIONS[self]


_EXPLANATIONS = {
    UnprotectedReason.OVER_LIMIT: (
        "logged after the weekly limit was reached: not invoiced (HC 211063668)"
    ),
    UnprotectedReason.MANUAL: "manual time, not tracked by the desktop app (HC 211068288)",
    UnprotectedReason.NO_MEMO: "no memo describing the work (HC 211068288)",
    UnprotectedReason.LOW_ACTIVITY: (
        "activity not recorded or below the threshold (HC 211068288; the threshold "
        "is not published)"
    ),
    UnprotectedReason.CLIENT_UNVERIFIED: (
        "the client has no verified billing method (HC 211068288)"
    ),
}


def _check_reasons(instance: Segment, _attribute: object, value: tuple[object, ...]) -> None:
    for reason in value:
        if not isinstance(reason, UnprotectedReason):
            raise InvalidTypeError(
                f"Segment.reasons must hold UnprotectedReason members, not {reason!r}"
            )
    if (UnprotectedReason.OVER_LIMIT in value) != instance.over_limit:
        raise InvalidValueError(
            "Segment.reasons must include OVER_LIMIT exactly when Segment.over_limit is True"
        )


def _check_activity(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and not (type(value) is int and 0 <= value <= 10):
        raise InvalidValueError(
            f"Segment.activity is the Work Diary's 0–10 activity level or None, got {value!r}"
        )


def _reason_tuple(value: Iterable[UnprotectedReason]) -> tuple[UnprotectedReason, ...]:
    return tuple(value)


def _index_tuple(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _segment_tuple(value: Iterable[Segment]) -> tuple[Segment, ...]:
    return tuple(value)


def _segment_start(value: object) -> datetime:
    return utc_instant(value, "Segment.start")


def _segment_end(value: object) -> datetime:
    return utc_instant(value, "Segment.end")


_SEGMENT_COLUMNS = (
    "start",
    "end",
    "logged",
    "manual",
    "memo",
    "activity",
    "billed",
    "protected",
    "reasons",
    "entries",
)


@attrs.frozen
class Segment:
    """One 10-minute billing segment of the Work Diary, as invoiced (or not).

    Args:
        start: The slot's start (on the UTC 10-minute grid).
        end: The slot's end.
        logged: How much time was logged inside the slot; the segment bills
            whole whatever this is (see the module docs).
        manual: Whether any time in the slot was manual.
        memo: The memos of the entries in the slot, joined with ``" / "``.
        activity: The lowest activity level of the entries in the slot, or
            ``None`` when any of them recorded none.
        over_limit: Whether the slot was logged after the weekly limit was
            reached (not invoiced).
        reasons: Why Hourly Protection does not cover the segment; empty
            when it does.  Contains ``OVER_LIMIT`` exactly when *over_limit*.
        entries: The positions, in the list given to :func:`invoice`, of
            the entries whose time falls in the slot.

    Raises:
        InvalidValueError: *end* not after *start*, *logged* outside the
            slot's length, or *reasons* inconsistent with *over_limit*.
    """

    start: datetime = attrs.field(converter=_segment_start)
    end: datetime = attrs.field(converter=_segment_end)
    logged: timedelta
    manual: bool = False
    memo: str = ""
    activity: int | None = attrs.field(default=None, validator=_check_activity)
    over_limit: bool = False
    reasons: tuple[UnprotectedReason, ...] = attrs.field(
        default=(), converter=_reason_tuple, validator=_check_reasons
    )
    entries: tuple[int, ...] = attrs.field(default=(), converter=_index_tuple)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                f"Segment.end ({self.end.isoformat()}) must be after "
                f"Segment.start ({self.start.isoformat()})"
            )
        if not timedelta(0) < self.logged <= self.end - self.start:
            raise InvalidValueError(
                f"Segment.logged must be more than zero and at most the segment's "
                f"length {self.end - self.start}, got {self.logged}"
            )

    @property
    def length(self) -> timedelta:
        """The segment's length (what it bills), 10 minutes by default."""
        return self.end - self.start

    @property
    def billed(self) -> bool:
        """Whether the segment is invoiced (it is within the weekly limit)."""
        return not self.over_limit

    @property
    def protected(self) -> bool:
        """Whether Hourly Protection covers the segment."""
        return not self.reasons

    def to_record(self) -> dict[str, object]:
        """Return the segment as one flat dict (``logged`` in seconds)."""
        return {
            "start": self.start,
            "end": self.end,
            "logged": plain(self.logged),
            "manual": self.manual,
            "memo": self.memo,
            "activity": self.activity,
            "billed": self.billed,
            "protected": self.protected,
            "reasons": ", ".join(reason.value for reason in self.reasons),
            "entries": ", ".join(str(index) for index in self.entries),
        }

    def to_records(self) -> list[dict[str, object]]:
        """Return ``[self.to_record()]``, for a one-row DataFrame."""
        return [self.to_record()]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Billing segment")


def _check_segments(instance: WeeklyInvoice, _attribute: object, value: tuple[object, ...]) -> None:
    previous_end: datetime | None = None
    for index, segment in enumerate(value):
        if not isinstance(segment, Segment):
            raise InvalidTypeError(
                f"WeeklyInvoice.segments[{index}] must be a Segment, not {type(segment).__name__}"
            )
        if not (instance.week.contains(segment.start) and segment.end <= instance.week.closes_at):
            raise InvalidValueError(
                f"WeeklyInvoice.segments[{index}] ({segment.start.isoformat()}) is "
                f"outside the week {instance.week}"
            )
        if previous_end is not None and segment.start < previous_end:
            raise InvalidValueError(
                f"WeeklyInvoice.segments[{index}] must start after the previous segment ends"
            )
        previous_end = segment.end


def _check_rate(_instance: object, _attribute: object, value: Money) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError(f"the hourly rate must be Money, not {type(value).__name__}")
    if value.amount <= 0:
        raise InvalidValueError(f"the hourly rate must be positive, got {value}")


def _limit(value: object) -> Decimal | None:
    if value is None:
        return None
    hours = decimal_value(value, "weekly_limit")
    if hours <= 0:
        raise InvalidValueError(
            f"weekly_limit is hours per week and must be positive (None = no limit), got {hours}"
        )
    return hours


def _hours(span: timedelta) -> Decimal:
    exact = _CONTEXT.divide(Decimal(span // _MICROSECOND), Decimal(_MICROSECONDS_PER_HOUR))
    return exact.quantize(_HOURS_QUANTUM, rounding=ROUND_HALF_UP, context=_CONTEXT)


@attrs.frozen
class WeeklyInvoice:
    """A billing week of hourly work: what is invoiced, what is protected, and when it pays.

    Built by :func:`invoice`.  Times (``*_time``) are exact ``timedelta``;
    hours (``*_hours``) are the same times as ``Decimal`` hours rounded
    half up to two places for reading (10 minutes is 1/6 hour, which no
    decimal holds exactly).  Amounts are computed from the exact times.

    Args:
        week: The billing week.
        rate: The hourly rate.
        segments: Every counted segment of the week, billed or over limit,
            in time order.
        calendar: The week's payout calendar.
        logged_time: The time logged inside the week, exactly, before
            counting it in whole segments.
        weekly_limit: The weekly limit in hours, or ``None``.
        client_verified: Whether the client's billing method is verified.

    Raises:
        InvalidValueError: Segments outside the week or out of order, a
            calendar for another week, or a rate that is not positive.
    """

    week: BillingWeek
    rate: Money = attrs.field(validator=_check_rate)
    segments: tuple[Segment, ...] = attrs.field(converter=_segment_tuple, validator=_check_segments)
    calendar: PayoutCalendar
    logged_time: timedelta
    weekly_limit: Decimal | None = attrs.field(default=None, converter=_limit)
    client_verified: bool = True

    def __attrs_post_init__(self) -> None:
        if self.calendar.week != self.week:
            raise InvalidValueError(
                f"WeeklyInvoice.calendar is for the week {self.calendar.week}, not {self.week}"
            )
        if not timedelta(0) <= self.logged_time <= _WEEK:
            raise InvalidValueError(
                f"WeeklyInvoice.logged_time must be between 0 and one week, got {self.logged_time}"
            )

    # -- segments by status
    @property
    def billable_segments(self) -> tuple[Segment, ...]:
        """The segments within the weekly limit (invoiced)."""
        return tuple(s for s in self.segments if s.billed)

    @property
    def over_limit_segments(self) -> tuple[Segment, ...]:
        """The segments logged after the weekly limit was reached (not invoiced)."""
        return tuple(s for s in self.segments if s.over_limit)

    @property
    def protected_segments(self) -> tuple[Segment, ...]:
        """The billed segments Hourly Protection covers."""
        return tuple(s for s in self.segments if s.protected)

    @property
    def unprotected_segments(self) -> tuple[Segment, ...]:
        """The billed segments Hourly Protection does not cover (each with its reasons)."""
        return tuple(s for s in self.segments if s.billed and not s.protected)

    # -- exact times
    @staticmethod
    def _total(segments: tuple[Segment, ...]) -> timedelta:
        return sum((s.length for s in segments), timedelta(0))

    @property
    def billable_time(self) -> timedelta:
        """Invoiced time: whole segments within the weekly limit."""
        return self._total(self.billable_segments)

    @property
    def over_limit_time(self) -> timedelta:
        """Time logged after the weekly limit was reached (not invoiced)."""
        return self._total(self.over_limit_segments)

    @property
    def protected_time(self) -> timedelta:
        """Invoiced time that Hourly Protection covers."""
        return self._total(self.protected_segments)

    @property
    def unprotected_time(self) -> timedelta:
        """Invoiced time that Hourly Protection does not cover."""
        return self._total(self.unprotected_segments)

    # -- hours for reading
    @property
    def billable_hours(self) -> Decimal:
        """:attr:`billable_time` in hours (two places, half up)."""
        return _hours(self.billable_time)

    @property
    def over_limit_hours(self) -> Decimal:
        """:attr:`over_limit_time` in hours (two places, half up)."""
        return _hours(self.over_limit_time)

    @property
    def protected_hours(self) -> Decimal:
        """:attr:`protected_time` in hours (two places, half up)."""
        return _hours(self.protected_time)

    @property
    def unprotected_hours(self) -> Decimal:
        """:attr:`unprotected_time` in hours (two places, half up)."""
        return _hours(self.unprotected_time)

    # -- money
    def _pay(self, span: timedelta) -> Money:
        exact = _CONTEXT.divide(
            _CONTEXT.multiply(self.rate.amount, Decimal(span // _MICROSECOND)),
            Decimal(_MICROSECONDS_PER_HOUR),
        )
        quantum = Decimal(1).scaleb(-self.rate.minor_unit)
        return Money(
            exact.quantize(quantum, rounding=ROUND_HALF_UP, context=_CONTEXT), self.rate.currency
        )

    @property
    def amount(self) -> Money:
        """Billable time × rate, rounded half up to the cent: what the client is invoiced."""
        return self._pay(self.billable_time)

    @property
    def protected_amount(self) -> Money:
        """Protected time × rate, rounded half up to the cent: pay a dispute cannot take."""
        return self._pay(self.protected_time)

    @property
    def unprotected_amount(self) -> Money:
        """``amount - protected_amount``: invoiced pay a client dispute can take back."""
        return self.amount - self.protected_amount

    # -- calendar
    @property
    def top_rated(self) -> bool:
        """Whether the calendar is for a Top Rated freelancer."""
        return self.calendar.top_rated

    @property
    def invoiced_at(self) -> datetime:
        """Monday 12:00 UTC after the week (HC 211063698)."""
        return self.calendar.invoiced_at

    @property
    def dispute_window_ends(self) -> datetime:
        """Friday 23:59:59 UTC after the week (HC 211062158)."""
        return self.calendar.dispute_window_ends

    @property
    def available_at(self) -> datetime:
        """When the pay is available (HC 211063698; Top Rated: HC 360047676133)."""
        return self.calendar.available_at

    def time_by_reason(self) -> dict[UnprotectedReason, timedelta]:
        """Return how much time each reason leaves unprotected (billed or over limit).

        A segment with two reasons counts under both, so the values may add
        up to more than the unprotected time.  Reasons that apply to no
        segment are left out.
        """
        totals: dict[UnprotectedReason, timedelta] = {}
        for reason in UnprotectedReason:
            span = self._total(tuple(s for s in self.segments if reason in s.reasons))
            if span:
                totals[reason] = span
        return totals

    def summary(self) -> dict[str, object]:
        """Return the totals and dates as one flat dict."""
        return {
            "week_start": self.week.start,
            "rate": self.rate,
            "weekly_limit": self.weekly_limit,
            "billable_hours": self.billable_hours,
            "over_limit_hours": self.over_limit_hours,
            "protected_hours": self.protected_hours,
            "unprotected_hours": self.unprotected_hours,
            "amount": self.amount,
            "protected_amount": self.protected_amount,
            "unprotected_amount": self.unprotected_amount,
            "invoiced_at": self.invoiced_at,
            "dispute_window_ends": self.dispute_window_ends,
            "available_at": self.available_at,
        }

    def to_records(self) -> list[dict[str, object]]:
        """Return one flat dict per segment, in time order (for ``pandas.DataFrame``)."""
        return [segment.to_record() for segment in self.segments]

    def _repr_html_(self) -> str:
        totals = [{"item": key, "value": value} for key, value in self.summary().items()]
        return html_table(totals, caption=f"Hourly invoice, week {self.week}") + html_table(
            self.to_records(), caption="Segments", columns=_SEGMENT_COLUMNS
        )


# --- Building an invoice -----------------------------------------------------


def _entries(entries: Iterable[object]) -> tuple[TimeEntry, ...]:
    if isinstance(entries, (str, bytes)) or not hasattr(entries, "__iter__"):
        raise InvalidTypeError(
            f"entries must be a sequence of TimeEntry, not {type(entries).__name__}"
        )
    checked: list[TimeEntry] = []
    for index, item in enumerate(entries):
        if not isinstance(item, TimeEntry):
            raise InvalidTypeError(
                f"entries[{index}] must be a TimeEntry, not {type(item).__name__}"
            )
        checked.append(item)
    return tuple(checked)


def _describe(index: int, entry: TimeEntry) -> str:
    return f"entries[{index}] ({entry.start.isoformat()} → {entry.end.isoformat()})"


def _check_overlaps(items: tuple[TimeEntry, ...]) -> None:
    order = sorted(range(len(items)), key=lambda i: (items[i].start, items[i].end))
    latest: int | None = None
    for index in order:
        if latest is not None and items[index].start < items[latest].end:
            raise InvalidValueError(
                f"{_describe(latest, items[latest])} and {_describe(index, items[index])} "
                "overlap: the same minutes cannot be billed twice; split or remove one"
            )
        # Sorted by start and not overlapping, so this entry ends last so far.
        latest = index


def _check_segment_rules(rules: PlatformRules) -> None:
    segment = rules.hourly_segment
    if _WEEK % segment:
        raise RulesError(
            f"PlatformRules.hourly_segment ({segment}) must divide a week evenly "
            "so segments sit on the Work Diary's grid"
        )
    if not timedelta(0) < rules.hourly_partial_segment_minimum <= segment:
        raise RulesError(
            "PlatformRules.hourly_partial_segment_minimum must be more than zero and "
            f"at most hourly_segment ({segment}), got {rules.hourly_partial_segment_minimum}"
        )


def _limit_segments(limit: Decimal | None, segment: timedelta) -> int | None:
    if limit is None:
        return None
    limit_us = _CONTEXT.multiply(limit, Decimal(_MICROSECONDS_PER_HOUR))
    count = _CONTEXT.divide(limit_us, Decimal(segment // _MICROSECOND))
    # A segment that would take the total past the limit is over it: Upwork
    # bills whole segments, and only time within the limit (HC 211063668).
    return int(count.to_integral_value(rounding=ROUND_FLOOR))


def _reasons(
    members: list[TimeEntry],
    *,
    over_limit: bool,
    client_verified: bool,
    minimum_activity: int,
) -> tuple[UnprotectedReason, ...]:
    reasons: list[UnprotectedReason] = []
    if over_limit:
        reasons.append(UnprotectedReason.OVER_LIMIT)
    if any(e.manual for e in members):
        reasons.append(UnprotectedReason.MANUAL)
    if any(not e.memo.strip() for e in members):
        reasons.append(UnprotectedReason.NO_MEMO)
    if any(e.activity is None or e.activity < minimum_activity for e in members):
        reasons.append(UnprotectedReason.LOW_ACTIVITY)
    if not client_verified:
        reasons.append(UnprotectedReason.CLIENT_UNVERIFIED)
    return tuple(reasons)


def _memo(members: list[TimeEntry]) -> str:
    memos: list[str] = []
    for entry in members:
        memo = entry.memo.strip()
        if memo and memo not in memos:
            memos.append(memo)
    return " / ".join(memos)


def _activity(members: list[TimeEntry]) -> int | None:
    levels = [e.activity for e in members]
    if any(level is None for level in levels):
        return None
    return min(level for level in levels if level is not None)


def invoice(
    entries: Iterable[TimeEntry],
    *,
    week: BillingWeek,
    rate: Money,
    weekly_limit: Decimal | int | str | None = None,
    client_verified: bool = True,
    top_rated: bool = False,
    rules: PlatformRules | None = None,
) -> WeeklyInvoice:
    """Invoice one billing week of a Work Diary and say what Hourly Protection covers.

    The week's time is cut into the Work Diary's 10-minute UTC slots, in
    time order.  Entries crossing the week's boundaries count only their
    part inside the week.  A slot counts as one whole segment when at least
    ``rules.hourly_partial_segment_minimum`` of it is logged (see the module
    docs).  Once the weekly limit is reached, later segments are over limit
    and not invoiced.  A billed segment is protected only if all its time is
    tracked (not manual), has a memo, has activity of at least
    ``rules.hourly_minimum_activity``, and the client is verified
    (HC 211068288).

    Args:
        entries: The Work Diary (any weeks; only *week*'s time is used).
        week: The billing week to invoice.
        rate: The hourly rate, positive :class:`~upwork_safety.money.Money`.
        weekly_limit: The contract's weekly limit in hours
            (``Decimal | int | str``), or ``None`` for no limit.
        client_verified: Whether the client has a verified billing method.
        top_rated: Whether the freelancer is Top Rated (changes when the pay
            is available).
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`.

    Raises:
        InvalidValueError: Two entries overlap (the message names both),
            the rate or the limit is not positive.
        InvalidTypeError: An entry is not a :class:`TimeEntry`, or an
            argument has the wrong type.
        RulesError: *rules* give segments that do not fit the week.
    """
    if not isinstance(week, BillingWeek):
        raise InvalidTypeError(f"invoice(week) must be a BillingWeek, not {type(week).__name__}")
    _check_rate(None, None, rate)
    limit = _limit(weekly_limit)
    client_verified = _bool(client_verified, "invoice(client_verified)")
    rules = _rules_for(rules, week.end)
    _check_segment_rules(rules)
    items = _entries(entries)
    _check_overlaps(items)

    segment = rules.hourly_segment
    slots: dict[int, list[tuple[int, timedelta]]] = {}
    logged = timedelta(0)
    for index in sorted(range(len(items)), key=lambda i: items[i].start):
        start = max(items[index].start, week.start)
        end = min(items[index].end, week.closes_at)
        if end <= start:
            continue
        logged += end - start
        first = (start - week.start) // segment
        last = -((week.start - end) // segment)  # ceiling division: exclusive slot bound
        for slot in range(first, last):
            slot_start = week.start + segment * slot
            covered = min(end, slot_start + segment) - max(start, slot_start)
            slots.setdefault(slot, []).append((index, covered))

    budget = _limit_segments(limit, segment)
    billed = 0
    segments: list[Segment] = []
    for slot in sorted(slots):
        parts = slots[slot]
        covered = sum((c for _, c in parts), timedelta(0))
        if covered < rules.hourly_partial_segment_minimum:
            continue
        over = budget is not None and billed >= budget
        billed += not over
        members = [items[i] for i, _ in parts]
        slot_start = week.start + segment * slot
        segments.append(
            Segment(
                start=slot_start,
                end=slot_start + segment,
                logged=covered,
                manual=any(e.manual for e in members),
                memo=_memo(members),
                activity=_activity(members),
                over_limit=over,
                reasons=_reasons(
                    members,
                    over_limit=over,
                    client_verified=client_verified,
                    minimum_activity=rules.hourly_minimum_activity,
                ),
                entries=tuple(i for i, _ in parts),
            )
        )
    return WeeklyInvoice(
        week=week,
        rate=rate,
        segments=tuple(segments),
        calendar=payout_calendar(week, top_rated=top_rated, rules=rules),
        logged_time=logged,
        weekly_limit=limit,
        client_verified=client_verified,
    )


def invoice_for(
    contract: Contract,
    *,
    week: BillingWeek,
    top_rated: bool = False,
    rules: PlatformRules | None = None,
) -> WeeklyInvoice:
    """Invoice one week of an hourly contract's Work Diary.

    Takes the entries, rate, weekly limit and the client's verification
    from *contract* and calls :func:`invoice`.

    Args:
        contract: An hourly :class:`~upwork_safety.models.Contract` with an
            ``hourly_rate``.
        week: The billing week to invoice.
        top_rated: Whether the freelancer is Top Rated.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`.

    Raises:
        InvalidValueError: The contract is fixed price or has no hourly rate.
        InvalidTypeError: *contract* is not a Contract.
    """
    if not isinstance(contract, Contract):
        raise InvalidTypeError(
            f"invoice_for(contract) must be a Contract, not {type(contract).__name__}"
        )
    if contract.kind is not ContractKind.HOURLY:
        raise InvalidValueError(
            f"contract {contract.id!r} is fixed price; only hourly contracts are invoiced weekly"
        )
    if contract.hourly_rate is None:
        raise InvalidValueError(
            f"contract {contract.id!r} has no hourly_rate; set Contract.hourly_rate to invoice it"
        )
    return invoice(
        contract.time_entries,
        week=week,
        rate=contract.hourly_rate,
        weekly_limit=contract.weekly_limit,
        client_verified=contract.client.payment_verified,
        top_rated=top_rated,
        rules=rules,
    )


# --- Client-disputed hours ---------------------------------------------------


def _add_business_days(start: datetime, span: timedelta) -> datetime:
    moment = start
    remaining = span.days
    while remaining:
        moment += timedelta(days=1)
        if moment.weekday() < 5:  # Monday to Friday, in UTC
            remaining -= 1
    return moment + (span - timedelta(days=span.days))


@attrs.frozen
class HoursDispute:
    """A client's dispute of invoiced hours: the deadline to answer and what silence costs.

    Built by :func:`dispute_response`.  While the dispute is open Upwork
    pauses the contract and sets its weekly limit to zero (HC 211068588).

    Args:
        opened_at: When the client opened the dispute (UTC).
        respond_by: The deadline to accept or decline: ``opened_at`` plus
            ``rules.hourly_dispute_response`` (3 days, read as calendar days,
            as the current HC 211068588 says).
        respond_by_if_business_days: The same 3 days read as business days
            (Monday–Friday UTC, holidays ignored), as an older version of
            HC 211068588 said; never earlier than *respond_by*.
        protected_amount: Pay a dispute cannot take (protected hours), when
            the invoice was given.
        unprotected_amount: Pay the dispute can take back, when the invoice
            was given.
    """

    opened_at: datetime
    respond_by: datetime
    respond_by_if_business_days: datetime
    protected_amount: Money | None = None
    unprotected_amount: Money | None = None

    #: What happens if the freelancer does not answer by :attr:`respond_by`.
    if_silent = (
        "Upwork reviews the Work Diary without you: hours that qualify for Hourly "
        "Protection are paid, the rest may be refunded to the client (HC 211068588; "
        "an older version said all disputed hours are refunded)"
    )
    #: What accepting the dispute does.
    if_accepted = "all disputed hours are refunded to the client (HC 211068588)"
    #: What declining the dispute does.
    if_declined = (
        "a dispute specialist checks the disputed hours against Hourly Protection: "
        "compliant hours are paid on the usual cycle, the rest refunded (HC 211068588)"
    )

    def to_records(self) -> list[dict[str, object]]:
        """Return the deadlines and outcomes as rows (``what``, ``when_or_amount``)."""
        return [
            {"what": "dispute opened", "value": self.opened_at},
            {"what": "respond by (calendar days)", "value": self.respond_by},
            {"what": "respond by (if business days)", "value": self.respond_by_if_business_days},
            {"what": "pay a dispute cannot take", "value": self.protected_amount},
            {"what": "pay a dispute can take back", "value": self.unprotected_amount},
            {"what": "if you stay silent", "value": self.if_silent},
            {"what": "if you accept", "value": self.if_accepted},
            {"what": "if you decline", "value": self.if_declined},
        ]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Client-disputed hours")


def dispute_response(
    opened_at: datetime,
    *,
    invoice: WeeklyInvoice | None = None,
    rules: PlatformRules | None = None,
) -> HoursDispute:
    """Return the deadline to answer client-disputed hours and what silence means.

    Args:
        opened_at: When the client opened the dispute (aware).
        invoice: The disputed week's invoice; when given, *opened_at* must
            fall in its dispute window and the result says how much pay is
            protected and how much is at risk.
        rules: The platform rules; default: those in force at *opened_at*.

    Returns:
        The :class:`HoursDispute`; answer by :attr:`HoursDispute.respond_by`,
        the earlier reading of the unconfirmed "3 days".

    Raises:
        InvalidValueError: *opened_at* is naive, or outside the invoice's
            dispute window (clients may dispute only from Monday 12:00 to
            Friday 23:59:59 UTC after the week, HC 211062158).

    >>> from datetime import datetime, timezone
    >>> dispute = dispute_response(datetime(2024, 1, 12, 18, 0, tzinfo=timezone.utc))
    >>> dispute.respond_by.isoformat()
    '2024-01-15T18:00:00+00:00'
    """
    opened = utc_instant(opened_at, "dispute_response(opened_at)")
    rules = _rules_for(rules, opened)
    protected: Money | None = None
    unprotected: Money | None = None
    if invoice is not None:
        if not isinstance(invoice, WeeklyInvoice):
            raise InvalidTypeError(
                "dispute_response(invoice) must be a WeeklyInvoice or None, "
                f"not {type(invoice).__name__}"
            )
        if not invoice.invoiced_at <= opened <= invoice.dispute_window_ends:
            raise InvalidValueError(
                f"a client can dispute the week {invoice.week} only from "
                f"{invoice.invoiced_at.isoformat()} to {invoice.dispute_window_ends.isoformat()} "
                f"(HC 211062158), not at {opened.isoformat()}"
            )
        protected = invoice.protected_amount
        unprotected = invoice.unprotected_amount
    span = rules.hourly_dispute_response
    return HoursDispute(
        opened_at=opened,
        respond_by=opened + span,
        respond_by_if_business_days=_add_business_days(opened, span),
        protected_amount=protected,
        unprotected_amount=unprotected,
    )
