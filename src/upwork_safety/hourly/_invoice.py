"""The weekly invoice: :class:`WeeklyInvoice`, the states it accepts, its times and pay (private).

:func:`invoice` (``_invoicing``) builds it from a week's Work Diary; its
constructor accepts exactly the states that function can reach (segments on
the rules' grid of slots, billed until the weekly limit, each with the
reasons Hourly Protection gives, logged and paused time that add up, the
week's payout calendar), so a value built by hand or loaded says no more
than a real week could.  Times are exact; hours are rounded for reading;
pay is computed from the exact times.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any, cast

import attrs

from upwork_safety._amount_fields import positive_cents_field
from upwork_safety._decimals import CONTEXT, INTEGER_DIGITS_RULE, MAX_DIGITS
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_duration
from upwork_safety._render import html_table
from upwork_safety._validate import (
    KEPT_ORDER,
    as_tuple,
    bool_field,
    field_name,
    instance_field,
    items_field,
    sequence_of,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly._args import (
    MICROSECOND,
    WEEK,
    duration_field,
    rules_changed,
    week_rules,
)
from upwork_safety.hourly._pauses import Pause, pauses_argument
from upwork_safety.hourly._segment import (
    REASONS_RULE,
    SEGMENT_COLUMNS,
    Segment,
    UnprotectedReason,
    protection_reasons,
)
from upwork_safety.hourly._week import BillingWeek, PayoutCalendar, payout_calendar
from upwork_safety.models import _weekly_limit_hours
from upwork_safety.money import Money, plain_money, round_half_up
from upwork_safety.rules import PlatformRules

__all__ = ["WeeklyInvoice"]


_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)
#: Hours are shown rounded half up to this many places (10 minutes is 1/6 hour).
_HOURS_PLACES = 2


def _check_segments(instance: WeeklyInvoice, attribute: Any, value: Any) -> None:
    items_field(Segment)(instance, attribute, value)
    previous_end: datetime | None = None
    for index, segment in enumerate(value):
        name = f"WeeklyInvoice.segments[{index}]"
        if not (instance.week.contains(segment.start) and segment.end <= instance.week.closes_at):
            raise InvalidValueError(
                f"{name} ({segment.start.isoformat()}) is outside the week {instance.week}",
                field=name,
                rule="inside the week",
            )
        if previous_end is not None and segment.start < previous_end:
            raise InvalidValueError(
                f"{name} must start after the previous segment ends",
                field=name,
                rule="segments in time order, not overlapping",
            )
        previous_end = segment.end


def _check_pauses(instance: WeeklyInvoice, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    # In the order given (a set's order changes between runs), then in time order.
    in_order = pauses_argument(sequence_of(value, Pause, name, ordered=KEPT_ORDER), name)
    for index, pause in enumerate(value):
        where = f"{name}[{index}]"
        if pause is not in_order[index]:
            raise InvalidValueError(
                f"{where} is out of time order", field=where, rule="pauses in time order"
            )
        if not pause.overlap(instance.week.start, instance.week.closes_at):
            raise InvalidValueError(
                f"{where} does not touch the week {instance.week}",
                field=where,
                rule="pauses that touch the week",
            )


def _invoice_limit(value: Any) -> Decimal | None:
    return _weekly_limit_hours(value, "WeeklyInvoice.weekly_limit")


_OVER_LIMIT_RULE = "billed until the weekly limit is reached, then over limit"
_LOGGED_RULE = "covers the segments' logged time (paused time aside)"


def _rules_of_week(invoice: WeeklyInvoice) -> PlatformRules:
    """The default *rules*: those in force at the end of the invoice's week."""
    week: object = invoice.week
    if not isinstance(week, BillingWeek):
        # Refused by the week's own validator, which runs first.
        return cast("PlatformRules", week)
    return week_rules(None, week)


def _hours(span: timedelta) -> Decimal:
    exact = CONTEXT.divide(Decimal(span // MICROSECOND), _MICROSECONDS_PER_HOUR)
    return round_half_up(exact, _HOURS_PLACES)


@through_init
@attrs.frozen(repr=False)
class WeeklyInvoice:
    """A billing week of hourly work: what is invoiced, what is protected, and when it pays.

    Built by :func:`invoice`.  Times (``*_time``) are exact ``timedelta``;
    hours (``*_hours``) are the same times as ``Decimal`` hours rounded
    half up to two places for reading (10 minutes is 1/6 hour, which no
    decimal holds exactly), except :attr:`unprotected_hours`, which is
    ``billable_hours - protected_hours`` so the hours shown add up.  Amounts
    are computed from the exact times, and :attr:`unprotected_amount` is
    likewise ``amount - protected_amount``.

    Args:
        week: The billing week.
        rate: The hourly rate, positive, in whole cents.
        segments: Every counted segment of the week, billed or over limit,
            in time order.
        calendar: The week's payout calendar.
        logged_time: The time logged inside the week, exactly, before
            counting it in whole segments (paused time included).
        weekly_limit: The weekly limit in hours (more than 0, at most 168),
            or ``None``.
        client_verified: Whether the client's billing method is verified
            (the segments' reasons are checked against it).
        paused_time: The part of *logged_time* logged while the contract was
            paused: not invoiced (HC 211062218).
        pauses: The pauses that touch the week, in time order.
        rules: The platform rules the invoice was counted under (a what-if
            given to :func:`invoice` is kept, and serialised, with it);
            default: those in force at the end of *week*.  Whatever rules
            it carries, :attr:`rules_changed` names each rule whose value is
            not the published one for the week, and the ``repr``,
            :meth:`summary` and the notebook table show them.

    The constructor accepts exactly the states :func:`invoice` can reach,
    so a value built by hand or loaded with
    :func:`~upwork_safety.serialize.from_dict` says no more than a real
    week's Work Diary could under the rules it carries (and rules that are
    not the published ones are always shown, :attr:`rules_changed`):

    * each segment is one slot of ``rules.hourly_segment`` on the week's
      grid, with at least ``rules.hourly_partial_segment_minimum`` logged
      and no more than the slot's time outside *pauses*;
    * segments are billed, in time order, until the weekly limit is
      reached, then over limit: with a limit of *L* hours exactly the first
      ⌊*L* / segment⌋ are billed, with no limit all of them
      (HC 211063668);
    * each segment's *reasons* are the ones :func:`invoice` derives (with
      one shared function) from its facts, *client_verified* and
      ``rules.hourly_minimum_activity`` (HC 211068288): ``MANUAL`` for
      manual time, ``NO_MEMO`` for a blank memo, ``LOW_ACTIVITY`` for no
      activity or activity below the minimum, ``CLIENT_UNVERIFIED`` on every
      segment of an unverified client (so none is protected);
    * *logged_time* less *paused_time* covers the segments' logged time,
      and the rest fits in the other slots, each below the partial minimum;
      *paused_time* fits in the pauses;
    * *calendar* is :func:`payout_calendar` of the week under *rules*.

    Raises:
        InvalidValueError: Segments outside the week, out of order or off
            the rules' grid; billed segments past the weekly limit (or over
            limit before it); reasons that do not follow the segment's
            facts, the client and the rules; logged or paused time that
            does not match the segments and pauses; a calendar for another
            week or other rules; a rate that is not positive or not in
            whole cents, or whose pay for the billable time would have more
            than 18 digits before the point (``field``
            ``WeeklyInvoice.rate``, ``rule`` ``at most 18 integer digits``).  ``field``
            names the part, e.g. ``WeeklyInvoice.segments[6].over_limit``.
        InvalidTypeError: A field has the wrong type.
    """

    week: BillingWeek = attrs.field(validator=instance_field(BillingWeek))
    rate: Money = attrs.field(converter=plain_money, validator=positive_cents_field)
    segments: tuple[Segment, ...] = attrs.field(converter=as_tuple, validator=_check_segments)
    calendar: PayoutCalendar = attrs.field(validator=instance_field(PayoutCalendar))
    logged_time: timedelta = attrs.field(converter=plain_duration, validator=duration_field)
    weekly_limit: Decimal | None = attrs.field(default=None, converter=_invoice_limit)
    client_verified: bool = attrs.field(default=True, validator=bool_field)
    paused_time: timedelta = attrs.field(
        default=timedelta(0), converter=plain_duration, validator=duration_field
    )
    pauses: tuple[Pause, ...] = attrs.field(default=(), converter=as_tuple, validator=_check_pauses)
    rules: PlatformRules = attrs.field(
        default=attrs.Factory(_rules_of_week, takes_self=True),
        validator=instance_field(PlatformRules),
    )

    def __attrs_post_init__(self) -> None:
        if self.calendar.week != self.week:
            raise InvalidValueError(
                f"WeeklyInvoice.calendar is for the week {self.calendar.week}, not {self.week}",
                field="WeeklyInvoice.calendar",
                rule="the invoice's week",
            )
        expected = payout_calendar(self.week, top_rated=self.calendar.top_rated, rules=self.rules)
        if self.calendar != expected:
            raise InvalidValueError(
                f"WeeklyInvoice.calendar is not the one WeeklyInvoice.rules ({self.rules.name}) "
                f"give for the week {self.week}: invoiced at {self.calendar.invoiced_at}, "
                f"available at {self.calendar.available_at}, where the rules say "
                f"{expected.invoiced_at} and {expected.available_at}",
                field="WeeklyInvoice.calendar",
                rule="payout_calendar() of the week under the invoice's rules",
            )
        if not timedelta(0) <= self.logged_time <= WEEK:
            raise InvalidValueError(
                f"WeeklyInvoice.logged_time must be between 0 and one week, got {self.logged_time}",
                field="WeeklyInvoice.logged_time",
                rule="0 to one week",
            )
        if not timedelta(0) <= self.paused_time <= self.logged_time:
            raise InvalidValueError(
                "WeeklyInvoice.paused_time is part of the logged time: between 0 and "
                f"logged_time ({self.logged_time}), got {self.paused_time}",
                field="WeeklyInvoice.paused_time",
                rule="0 to logged_time",
            )
        paused = sum(
            (p.overlap(self.week.start, self.week.closes_at) for p in self.pauses), timedelta(0)
        )
        if self.paused_time > paused:
            raise InvalidValueError(
                f"WeeklyInvoice.paused_time ({self.paused_time}) is time logged inside the "
                f"pauses, which cover only {paused} of the week",
                field="WeeklyInvoice.paused_time",
                rule="at most the pauses' time in the week",
            )
        self._check_segments_follow_the_rules()
        self._check_logged_time_covers_the_segments()
        self._check_amount_fits()

    def _check_segments_follow_the_rules(self) -> None:
        """Each segment is what :func:`invoice` makes of its slot under the invoice's rules."""
        rules = self.rules
        size = rules.hourly_segment
        budget = _limit_segments(self.weekly_limit, size)
        pauses = self.pauses  # in time order, none overlapping (their validator)
        first = 0  # pauses before *first* ended before this segment: done with
        for index, segment in enumerate(self.segments):
            name = f"WeeklyInvoice.segments[{index}]"
            if segment.length != size or (segment.start - self.week.start) % size:
                raise InvalidValueError(
                    f"{name} ({segment.start.isoformat()} to {segment.end.isoformat()}) is "
                    f"not one slot of the Work Diary's grid of {size} "
                    "(rules.hourly_segment) from the week's start",
                    field=name,
                    rule="one slot of rules.hourly_segment on the week's grid",
                )
            # Segments run in time order too, so the pauses are walked once: cost grows
            # with segments + pauses, not their product.
            while first < len(pauses) and (pauses[first].end or segment.end) <= segment.start:
                first += 1
            paused, at = timedelta(0), first
            while at < len(pauses) and pauses[at].start < segment.end:
                paused += pauses[at].overlap(segment.start, segment.end)
                at += 1
            unpaused = size - paused
            if not rules.hourly_partial_segment_minimum <= segment.logged <= unpaused:
                minimum = rules.hourly_partial_segment_minimum
                raise InvalidValueError(
                    f"{name}.logged ({segment.logged}) must be at least "
                    f"rules.hourly_partial_segment_minimum ({minimum}) "
                    f"and at most the slot's unpaused time ({unpaused}): a slot with less "
                    "bills nothing, and nothing is logged while the contract is paused",
                    field=f"{name}.logged",
                    rule="hourly_partial_segment_minimum to the slot's unpaused time",
                )
            over = budget is not None and index >= budget
            if segment.over_limit != over:
                limit = (
                    f"{self.weekly_limit} h ({budget} segments)" if budget is not None else "none"
                )
                raise InvalidValueError(
                    f"{name}.over_limit must be {over}: the weekly limit is {limit}, and "
                    "segments in time order are billed until it is reached, then over limit "
                    "(HC 211063668)",
                    field=f"{name}.over_limit",
                    rule=_OVER_LIMIT_RULE,
                )
            reasons = protection_reasons(
                over_limit=segment.over_limit,
                manual=segment.manual,
                # The segment's own check tied NO_MEMO to its memo (memo_missing):
                # the reason says it, so the memo is not read a second time.
                memo_missing=UnprotectedReason.NO_MEMO in segment.reasons,
                activity=segment.activity,
                minimum_activity=rules.hourly_minimum_activity,
                client_verified=self.client_verified,
            )
            if segment.reasons != reasons:
                shown = ", ".join(reason.name for reason in reasons)
                raise InvalidValueError(
                    f"{name}.reasons must be ({shown}) for its facts, with "
                    f"client_verified={self.client_verified} and hourly_minimum_activity="
                    f"{rules.hourly_minimum_activity} (HC 211068288)",
                    field=f"{name}.reasons",
                    rule=REASONS_RULE,
                )

    def _check_logged_time_covers_the_segments(self) -> None:
        """*logged_time* less *paused_time* is the segments' time plus slots too short to bill."""
        unpaused = self.logged_time - self.paused_time
        in_segments = sum((s.logged for s in self.segments), timedelta(0))
        # Every unpaused moment logged in the week falls in one slot of the grid;
        # a slot that does not bill holds less than the partial-segment minimum.
        slots = WEEK // self.rules.hourly_segment - len(self.segments)
        below = self.rules.hourly_partial_segment_minimum - MICROSECOND
        if not in_segments <= unpaused <= in_segments + below * slots:
            raise InvalidValueError(
                f"WeeklyInvoice.logged_time less paused_time ({unpaused}) must cover the time "
                f"logged in the segments ({in_segments}), plus less than "
                "rules.hourly_partial_segment_minimum in each other slot of the week",
                field="WeeklyInvoice.logged_time",
                rule=_LOGGED_RULE,
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

    @property
    def rules_changed(self) -> tuple[str, ...]:
        """The rules (field names of :attr:`rules`) not as published for the invoice's week.

        Empty when the invoice was counted under the published rules (those
        in force at the end of the week); otherwise each
        :class:`~upwork_safety.rules.PlatformRules` field whose value differs,
        in declaration order, whatever the rule set is named: a what-if given
        to :func:`invoice` as ``rules=``, or an edited file, is always named.
        """
        return rules_changed(self.rules, self.week)

    def __repr__(self) -> str:
        # One line: the fields (every 10-minute segment) run to kilobytes a day.
        changed = self.rules_changed
        what_if = f", what-if rules: {', '.join(changed)}" if changed else ""
        return (
            f"<WeeklyInvoice {self.week}: {self.billable_hours} h at {self.rate} = "
            f"{self.amount} ({self.protected_hours} h protected), available "
            f"{self.available_at.isoformat()}{what_if}>"
        )

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
        """``billable_hours - protected_hours``: :attr:`unprotected_time` in hours, two places.

        Derived, as :attr:`unprotected_amount` is, so the hours shown add up
        (``protected_hours + unprotected_hours == billable_hours``); it carries
        the rounding, so it may differ by 0.01 from :attr:`unprotected_time`
        rounded on its own (two 10-minute segments, one of each: 0.33 h
        billed, 0.17 h protected, 0.16 h not).  Sum the ``*_time`` fields for
        exact figures.
        """
        return CONTEXT.subtract(self.billable_hours, self.protected_hours)

    @property
    def paused_hours(self) -> Decimal:
        """:attr:`paused_time` in hours (two places, half up): logged while paused, not invoiced."""
        return _hours(self.paused_time)

    # -- money
    def _check_amount_fits(self) -> None:
        """Refuse a rate whose pay for the billable time is past the amounts Money holds.

        Every other amount of the invoice (protected, unprotected) is at most
        this one, so an invoice that is built can always give them
        (red team r42, hostile 4).
        """
        pay = self._pay_amount(self.billable_time)
        if pay.adjusted() >= MAX_DIGITS:
            raise InvalidValueError(
                f"WeeklyInvoice.rate {self.rate} × {self.billable_hours} billable hours is "
                f"{self.rate.currency} {pay:,f}, more than {MAX_DIGITS} digits before the "
                "decimal point: the invoice's amount is too large to hold",
                field="WeeklyInvoice.rate",
                rule=INTEGER_DIGITS_RULE,
            )

    def _pay_amount(self, span: timedelta) -> Decimal:
        exact = CONTEXT.divide(
            CONTEXT.multiply(self.rate.amount, Decimal(span // MICROSECOND)),
            _MICROSECONDS_PER_HOUR,
        )
        return round_half_up(exact, self.rate.minor_unit)

    def _pay(self, span: timedelta) -> Money:
        return Money(self._pay_amount(span), self.rate.currency)

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
        """When the pay is available (HC 211063698; Top Rated: HC 360047676133).

        For a Top Rated freelancer, Saturday 00:00 UTC: the end of the Friday
        after the week, by which HC 360047676133 releases the pay.
        """
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
        """Return the totals and dates as one flat dict.

        ``rules_changed`` is :attr:`rules_changed` joined with ``", "``:
        empty under the published rules for the week.
        """
        return {
            "week_start": self.week.start,
            "rules": self.rules.name,
            "rules_changed": ", ".join(self.rules_changed),
            "rate": self.rate,
            "weekly_limit": self.weekly_limit,
            "billable_hours": self.billable_hours,
            "over_limit_hours": self.over_limit_hours,
            "paused_hours": self.paused_hours,
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
        """Return one flat dict per segment, in time order (for ``pandas.DataFrame``).

        Each is :meth:`~upwork_safety.hourly.Segment.to_record`: ``logged`` is in seconds,
        exactly.
        """
        return [segment.to_record() for segment in self.segments]

    def _repr_html_(self) -> str:
        totals = [{"item": key, "value": value} for key, value in self.summary().items()]
        caption = f"Hourly invoice, week {self.week}"
        if self.rules_changed:
            caption += " (what-if rules: " + ", ".join(self.rules_changed) + ")"
        return html_table(totals, caption=caption) + html_table(
            self.to_records(), caption="Segments", columns=SEGMENT_COLUMNS
        )


def _limit_segments(limit: Decimal | None, segment: timedelta) -> int | None:
    if limit is None:
        return None
    limit_us = CONTEXT.multiply(limit, _MICROSECONDS_PER_HOUR)
    count = CONTEXT.divide(limit_us, Decimal(segment // MICROSECOND))
    # A segment that would take the total past the limit is over it: Upwork
    # bills whole segments, and only time within the limit (HC 211063668).
    return int(count.to_integral_value(rounding=ROUND_FLOOR, context=CONTEXT))
