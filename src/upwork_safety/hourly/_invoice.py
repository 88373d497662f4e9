"""The weekly invoice: 10-minute segments, weekly limit, Hourly Protection, paused time (private).

:func:`invoice` cuts one billing week of a Work Diary into the 10-minute
billing segments Upwork invoices (HC 211068518), leaves out time logged while
the contract was paused (HC 211062218), marks the segments logged after the
weekly limit was reached as over limit (not invoiced, HC 211063668), and says
for every billed segment whether Hourly Protection covers it and, if not, why
(HC 211068288).

**How a partly logged segment counts.**  Upwork bills whole segments: "Upwork
uses 10-minute billing segments, therefore some rounding must occur"
(HC 211068518).  The Work Diary is a grid of 10-minute slots in UTC
(hh:00, hh:10, …), so the library counts each slot once: a slot in which at
least :attr:`~upwork_safety.rules.PlatformRules.hourly_partial_segment_minimum`
(5 minutes, half a segment; *unconfirmed*, Upwork does not publish the rule)
is logged bills as one whole segment, and a slot with less bills nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs

from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_duration
from upwork_safety._render import html_table
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    field_name,
    instance,
    instance_field,
    is_blank,
    items_field,
    sequence_of,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly._args import (
    MICROSECOND,
    WEEK,
    duration_field,
    flag,
    positive_cents,
    positive_cents_field,
    rules_changed,
    week_rules,
)
from upwork_safety.hourly._pauses import Pause, pauses_argument, pauses_in_run, unpaused
from upwork_safety.hourly._segment import (
    REASONS_RULE,
    SEGMENT_COLUMNS,
    Segment,
    UnprotectedReason,
    protection_reasons,
)
from upwork_safety.hourly._week import BillingWeek, PayoutCalendar, payout_calendar, week_argument
from upwork_safety.models import (
    Contract,
    ContractKind,
    TimeEntry,
    _check_no_overlaps,
    _weekly_limit_hours,
)
from upwork_safety.money import CONTEXT, Money, plain_money, round_half_up
from upwork_safety.rules import PlatformRules

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["WeeklyInvoice", "invoice", "invoice_for"]

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
    in_order = pauses_argument(value, name)
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
    return week_rules(None, week.end)


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
    decimal holds exactly).  Amounts are computed from the exact times.

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
            whole cents.  ``field``
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
        """:attr:`unprotected_time` in hours (two places, half up)."""
        return _hours(self.unprotected_time)

    @property
    def paused_hours(self) -> Decimal:
        """:attr:`paused_time` in hours (two places, half up): logged while paused, not invoiced."""
        return _hours(self.paused_time)

    # -- money
    def _pay(self, span: timedelta) -> Money:
        exact = CONTEXT.divide(
            CONTEXT.multiply(self.rate.amount, Decimal(span // MICROSECOND)),
            _MICROSECONDS_PER_HOUR,
        )
        return Money(round_half_up(exact, self.rate.minor_unit), self.rate.currency)

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
        """Return one flat dict per segment, in time order (for ``pandas.DataFrame``)."""
        return [segment.to_record() for segment in self.segments]

    def _repr_html_(self) -> str:
        totals = [{"item": key, "value": value} for key, value in self.summary().items()]
        caption = f"Hourly invoice, week {self.week}"
        if self.rules_changed:
            caption += " (what-if rules: " + ", ".join(self.rules_changed) + ")"
        return html_table(totals, caption=caption) + html_table(
            self.to_records(), caption="Segments", columns=SEGMENT_COLUMNS
        )


# --- Building an invoice -----------------------------------------------------


def _limit_segments(limit: Decimal | None, segment: timedelta) -> int | None:
    if limit is None:
        return None
    limit_us = CONTEXT.multiply(limit, _MICROSECONDS_PER_HOUR)
    count = CONTEXT.divide(limit_us, Decimal(segment // MICROSECOND))
    # A segment that would take the total past the limit is over it: Upwork
    # bills whole segments, and only time within the limit (HC 211063668).
    return int(count.to_integral_value(rounding=ROUND_FLOOR, context=CONTEXT))


def _memo(members: list[TimeEntry], blank: list[bool]) -> str:
    """The members' memos joined, each once, in order; *blank* says which members have none.

    A dict keeps the first of each memo in order and finds a repeat in one
    hash look-up, so the cost grows with the memos' length, not with the
    square of how many entries share a slot (a list look-up did).
    """
    memos = dict.fromkeys(
        entry.memo.strip() for entry, no_memo in zip(members, blank, strict=True) if not no_memo
    )
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
    pauses: Iterable[Pause] = (),
    rules: PlatformRules | None = None,
) -> WeeklyInvoice:
    """Invoice one billing week of a Work Diary and say what Hourly Protection covers.

    The week's time is cut into the Work Diary's 10-minute UTC slots, in
    time order.  Entries crossing the week's boundaries count only their
    part inside the week, and time inside a :class:`Pause` is not invoiced
    (it is reported as :attr:`WeeklyInvoice.paused_time`).  A slot counts as
    one whole segment when at least ``rules.hourly_partial_segment_minimum``
    of its unpaused time is logged (see the module docs).  Once the weekly
    limit is reached, later segments are over limit and not invoiced.  A
    billed segment is protected only if all its time is tracked (not manual),
    has a memo, has activity of at least ``rules.hourly_minimum_activity``,
    and the client is verified (HC 211068288).

    Args:
        entries: The Work Diary (any weeks; only *week*'s time is used).
        week: The billing week to invoice.
        rate: The hourly rate, positive :class:`~upwork_safety.money.Money`
            in whole cents (an Upwork rate is; a rate below a cent would
            bill nothing).
        weekly_limit: The contract's weekly limit in hours
            (``Decimal | int | str``, more than 0 and at most 168, as for a
            :class:`~upwork_safety.Contract`), or ``None`` for no
            limit.
        client_verified: Whether the client has a verified billing method
            (Hourly Protection needs one, HC 211068288).  The default,
            ``True``, is the public signature's; :func:`invoice_for` reads
            ``Client.payment_verified`` instead, which is ``False`` unless
            the client says so: pass what the client's profile shows.
        top_rated: Whether the freelancer is Top Rated (changes when the pay
            is available).
        pauses: When the contract was paused (a sequence of :class:`Pause`,
            not overlapping); nothing logged inside them is invoiced.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`, which keeps the rules it was
        counted under (:attr:`WeeklyInvoice.rules`).

    Raises:
        InvalidValueError: Two entries or two pauses overlap (the message
            names both), the rate or the limit is not positive.
        InvalidTypeError: An argument has the wrong type (a sequence that is
            not one, an item that is not a :class:`TimeEntry` or
            :class:`Pause`, a number where Money is expected, ...).
    """
    week = week_argument(week)
    rate = positive_cents(rate, "rate")
    limit = _weekly_limit_hours(weekly_limit, "weekly_limit")
    client_verified = flag(client_verified, "client_verified")
    rules = week_rules(rules, week.end)
    items = sequence_of(entries, TimeEntry, "entries")
    order = _check_no_overlaps(items, "entries")  # the entries' time order
    paused = tuple(
        p for p in pauses_argument(pauses) if p.overlap(week.start, week.closes_at) > timedelta(0)
    )
    calendar = payout_calendar(week, top_rated=top_rated, rules=rules)

    segment = rules.hourly_segment
    slots: dict[int, list[tuple[int, timedelta]]] = {}
    logged = timedelta(0)
    paused_time = timedelta(0)
    # Entries (not overlapping) and pauses (in time order, not overlapping) are
    # swept together: a pause that ended before an entry starts ended before every
    # later one too, so it is passed once, and the cost grows with entries + pauses.
    first_pause = 0
    # Whether each entry in the week has no memo, read once however many slots it spans.
    blank: dict[int, bool] = {}
    for index in order:
        start = max(items[index].start, week.start)
        end = min(items[index].end, week.closes_at)
        if end <= start:
            continue
        blank[index] = is_blank(items[index].memo)
        logged += end - start
        while first_pause < len(paused) and (paused[first_pause].end or end) <= start:
            first_pause += 1
        pieces = unpaused(start, end, paused, first_pause)
        paused_time += end - start - sum((e - s for s, e in pieces), timedelta(0))
        for part_start, part_end in pieces:
            first = (part_start - week.start) // segment
            last = -((week.start - part_end) // segment)  # ceiling: exclusive slot bound
            for slot in range(first, last):
                slot_start = week.start + segment * slot
                covered = min(part_end, slot_start + segment) - max(part_start, slot_start)
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
        indices = tuple(dict.fromkeys(i for i, _ in parts))  # a pause may split an entry
        members = [items[i] for i in indices]
        blanks = [blank[i] for i in indices]
        slot_start = week.start + segment * slot
        manual = any(e.manual for e in members)
        activity = _activity(members)
        segments.append(
            Segment(
                start=slot_start,
                end=slot_start + segment,
                logged=covered,
                manual=manual,
                memo=_memo(members, blanks),
                activity=activity,
                over_limit=over,
                reasons=protection_reasons(
                    over_limit=over,
                    manual=manual,
                    memo_missing=any(blanks),
                    activity=activity,
                    minimum_activity=rules.hourly_minimum_activity,
                    client_verified=client_verified,
                ),
                entries=indices,
            )
        )
    return WeeklyInvoice(
        week=week,
        rate=rate,
        segments=tuple(segments),
        calendar=calendar,
        logged_time=logged,
        weekly_limit=limit,
        client_verified=client_verified,
        paused_time=paused_time,
        pauses=paused,
        rules=rules,
    )


def invoice_for(
    contract: Contract,
    *,
    week: BillingWeek,
    top_rated: bool = False,
    pauses: Iterable[Pause] = (),
    rules: PlatformRules | None = None,
) -> WeeklyInvoice:
    """Invoice one week of an hourly contract's Work Diary.

    Takes the entries, rate, weekly limit and the client's verification
    from *contract* and calls :func:`invoice`.

    Args:
        contract: An hourly :class:`~upwork_safety.Contract` with an
            ``hourly_rate``.
        week: The billing week to invoice.
        top_rated: Whether the freelancer is Top Rated.
        pauses: When the contract was paused (see :func:`invoice`); none
            may start before ``contract.started`` or after
            ``contract.ended`` (UTC days), as for its Work Diary.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`.

    Raises:
        InvalidValueError: The contract is fixed price or has no hourly
            rate, or a pause starts before it started or after it ended
            (``field`` ``pauses[i]``, the Work Diary's rules).
        InvalidTypeError: *contract* is not a Contract, or another argument
            has the wrong type.
    """
    contract = instance(contract, Contract, "contract")
    if contract.kind is not ContractKind.HOURLY:
        raise InvalidValueError(
            f"contract {shown(contract.id)} is fixed price; only hourly contracts are "
            "invoiced weekly",
            field="Contract.kind",
            rule="an hourly contract",
        )
    if contract.hourly_rate is None:
        raise InvalidValueError(
            f"contract {shown(contract.id)} has no hourly_rate; set Contract.hourly_rate to "
            "invoice it",
            field="Contract.hourly_rate",
            rule="an hourly rate",
        )
    week = week_argument(week)
    in_run = pauses_in_run(
        pauses, contract.started, contract.ended, week=(week.start, week.closes_at)
    )
    return invoice(
        contract.time_entries,
        week=week,
        rate=contract.hourly_rate,
        weekly_limit=contract.weekly_limit,
        client_verified=contract.client.payment_verified,
        top_rated=top_rated,
        pauses=in_run,
        rules=rules,
    )
