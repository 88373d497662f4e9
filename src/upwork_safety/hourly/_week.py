"""The billing week and its payout calendar: when a week is invoiced, disputable and paid (private).

A billing week runs Monday 00:00 to Sunday 23:59:59.999999 UTC
(HC 211063698).  Its :class:`PayoutCalendar` counts from the Monday 00:00
UTC that closes it: invoice and Work Diary lock at Monday 12:00, the client's
dispute window to Friday 23:59:59, pay available on the Wednesday ten days
after the week (HC 211063698, HC 211062158), or for Top Rated freelancers
right after the dispute window, by the end of Friday (Saturday 00:00 UTC),
for a week invoiced on or after 2020-05-04 (HC 360047676133).  The week
and its calendar live together because the week names its own calendar
(:meth:`BillingWeek.calendar`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

import attrs

from upwork_safety._calendar import closed_by, closes_after, hourly_pay_available, week_start
from upwork_safety._decimals import flag
from upwork_safety._last_day import LATEST
from upwork_safety._moments import computed_utc_field, to_utc, utc_field, utc_instant
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table
from upwork_safety._validate import bool_field, field_name, instance_field, sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.hourly._args import MICROSECOND, WEEK, week_rules
from upwork_safety.models import TimeEntry, _check_no_overlaps
from upwork_safety.rules import PlatformRules, RuleHistory

__all__ = [
    "MAX_WEEKS",
    "BillingWeek",
    "PayoutCalendar",
    "billing_week",
    "payout_calendar",
    "weeks_of",
]

_WEEK_RULE = "a Monday 00:00 UTC (HC 211063698)"
#: The first day of Python's calendar is a Monday, so it opens the first week.
_FIRST_WEEK = date.min
#: Where week navigation stops at either end (the upper end is the inputs' bound).
_SUPPORTED_WEEKS_RULE = f"a week starting {_FIRST_WEEK.isoformat()} to {LATEST.isoformat()}"


def _check_week_start(instance: object, attribute: Any, value: Any) -> None:
    utc_field(instance, attribute, value)
    if value.weekday() != 0 or value.time() != time(0):
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} must be a Monday 00:00 UTC (Upwork's billing week runs "
            f"Monday 00:00 → Sunday 23:59:59 UTC, HC 211063698), got {value.isoformat()}; "
            "use billing_week(at) to find the week containing a moment",
            field=name,
            rule=_WEEK_RULE,
        )


@through_init
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
        InvalidTypeError: *start* is not a datetime.
    """

    start: datetime = attrs.field(converter=to_utc, validator=_check_week_start)

    @property
    def end(self) -> datetime:
        """The last moment of the week, Sunday 23:59:59.999999 UTC."""
        return self.start + WEEK - MICROSECOND

    @property
    def closes_at(self) -> datetime:
        """The Monday 00:00 UTC that ends the week; the payout calendar counts from it."""
        return self.start + WEEK

    def contains(self, at: datetime) -> bool:
        """Return whether the moment *at* falls in this week.

        Args:
            at: An aware datetime in any zone (compared as the same instant in UTC).

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        moment = utc_instant(at, "at")
        return self.start <= moment <= self.end

    def __contains__(self, at: object) -> bool:
        return self.contains(at)  # type: ignore[arg-type]  # contains() refuses non-datetimes

    def previous(self) -> BillingWeek:
        """Return the week before this one.

        Raises:
            InvalidValueError: This is the first week of the calendar
                (from 0001-01-01); ``field`` is ``BillingWeek.start``.
        """
        return self._step(-1)

    def next(self) -> BillingWeek:
        """Return the week after this one.

        Raises:
            InvalidValueError: The next week would start after the last
                supported day (9990-12-31); ``field`` is ``BillingWeek.start``.
        """
        return self._step(1)

    def _step(self, weeks: int) -> BillingWeek:
        """The week *weeks* away, or the supported-weeks error past either end."""
        try:
            start = self.start + WEEK * weeks
        except OverflowError:  # before 0001-01-01: Python's calendar has no such week
            start = None
        if start is None or start.date() > LATEST:
            raise InvalidValueError(
                f"there is no supported billing week {'after' if weeks > 0 else 'before'} "
                f"{self}: weeks start from {_FIRST_WEEK.isoformat()} to {LATEST.isoformat()}",
                field="BillingWeek.start",
                rule=_SUPPORTED_WEEKS_RULE,
            )
        return BillingWeek(start)

    def calendar(
        self,
        *,
        top_rated: bool = False,
        rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
    ) -> PayoutCalendar:
        """Return this week's payout calendar (a shortcut for :func:`payout_calendar`)."""
        return payout_calendar(self, top_rated=top_rated, rules=rules)

    def __str__(self) -> str:
        return f"{self.start.date()} → {self.end.date()} (UTC)"


def week_argument(value: object, what: str = "week") -> BillingWeek:
    """Return *value* if it is a :class:`BillingWeek`, else raise naming *what*."""
    if not isinstance(value, BillingWeek):
        hint = ""
        if isinstance(value, datetime):
            hint = "; use billing_week(at) to find the week containing a moment"
        raise InvalidTypeError(
            f"{what} must be a BillingWeek, not {type(value).__name__}{hint}",
            field=what,
            rule="a BillingWeek",
        )
    return value


def billing_week(at: datetime) -> BillingWeek:
    """Return the billing week containing *at*.

    The moment is first converted to UTC, so Monday 03:00 in Karachi
    (UTC+05:00) is still Sunday in UTC and belongs to the week before.

    Args:
        at: A timezone-aware datetime.

    Returns:
        The Monday 00:00 → Sunday 23:59:59.999999 UTC week (HC 211063698);
        the week of 9990-12-31, the last day an input may be, ends on
        9991-01-06.

    Raises:
        InvalidValueError: *at* is naive.
        InvalidTypeError: *at* is not a datetime.

    >>> from datetime import datetime, timedelta, timezone
    >>> karachi = timezone(timedelta(hours=5))
    >>> str(billing_week(datetime(2024, 1, 8, 3, 0, tzinfo=karachi)))
    '2024-01-01 → 2024-01-07 (UTC)'
    """
    return BillingWeek(week_start(utc_instant(at, "at")))


#: The most billing weeks :func:`weeks_of` returns, as many as the points of a
#: JSS timeline (``jss.MAX_TIMELINE_POINTS``): over 1,900 years of weeks, where
#: Upwork is far younger than a century.  More is refused before a week is built.
MAX_WEEKS = 100_000


def weeks_of(entries: Iterable[TimeEntry]) -> tuple[BillingWeek, ...]:
    """Return every billing week that *entries* touch, oldest first.

    An entry that crosses midnight between Sunday and Monday (UTC) touches
    both weeks.  The entries are one Work Diary, so they may not overlap
    (the same minutes cannot be billed twice), as :func:`~upwork_safety.hourly.invoice` and
    :class:`~upwork_safety.Contract` require; and they may touch at most
    :data:`MAX_WEEKS` (100,000) weeks, counted before any week is built, so
    the time taken grows with the entries and the weeks returned, never
    with their product.

    Args:
        entries: Work Diary entries (a sequence of :class:`TimeEntry`).

    Raises:
        InvalidTypeError: *entries* is not a sequence, or an item is not a
            :class:`TimeEntry`.
        InvalidValueError: Two entries overlap (``field`` names the later
            one, ``entries[i]``, and the message both), or the entries touch
            more than :data:`MAX_WEEKS` weeks (``field='entries'``).
    """
    items = sequence_of(entries, TimeEntry, "entries")
    # Runs of consecutive weeks, as the Monday 00:00 UTC opening the first and the last.
    runs: list[list[datetime]] = []
    for index in _check_no_overlaps(items, "entries"):
        entry = items[index]
        first = week_start(entry.start)
        # The end is exclusive: an entry ending at Monday 00:00 is not in that week.
        last = week_start(entry.end - MICROSECOND)
        # In time order and not overlapping, an entry starts no earlier than the week the
        # one before it ended in: it goes on that run when it starts in that same week.
        if runs and first <= runs[-1][1]:
            runs[-1][1] = last
        else:
            runs.append([first, last])
    count = sum((last - first) // WEEK + 1 for first, last in runs)
    if count > MAX_WEEKS:
        raise InvalidValueError(
            f"entries touch {count:,} billing weeks, from {runs[0][0].date()} to "
            f"{runs[-1][1].date()}; weeks_of returns at most {MAX_WEEKS:,} "
            "(hourly.MAX_WEEKS): pass the Work Diary in parts",
            field="entries",
            rule=f"at most {MAX_WEEKS:,} weeks",
        )
    # Every entry ends by the library's last day, so no week starts after it.
    return tuple(
        BillingWeek(first + WEEK * step)
        for first, last in runs
        for step in range((last - first) // WEEK + 1)
    )


# --- The payout calendar -----------------------------------------------------


#: The order of a week's invoiced hours: the one rule of a payout calendar and a payout item.
HOURS_ORDER_RULE = "week end < invoice <= end of dispute window < window closes <= available"


def check_hours_order(
    week: BillingWeek,
    invoiced: datetime,
    window_ends: datetime,
    available: datetime,
    *,
    owner: str,
    names: tuple[str, str, str],
) -> None:
    """Refuse a week's hours whose moments are out of the calendar's order.

    The client is invoiced after the week ends, can dispute until the end of
    the window (the whole of its last second), and the pay is available no
    earlier than the window closes (HC 211063698, HC 211062158).
    *owner* and *names* name the class and its three fields in the error.
    """
    if week.end < invoiced <= window_ends and closed_by(window_ends, available):
        return
    first, middle, last = names
    raise InvalidValueError(
        f"{owner} needs week end < {first} <= {middle}, and {last} no earlier than the "
        f"window closes (the second after its end), got {invoiced.isoformat()}, "
        f"{window_ends.isoformat()}, {available.isoformat()} for the week {week}",
        field=f"{owner}.{last}",
        rule=HOURS_ORDER_RULE,
    )


@through_init
@attrs.frozen
class PayoutCalendar:
    """What happens to a billing week's pay, and when (all UTC).

    Built by :func:`payout_calendar`.  The moments are the ones the rules in
    force give; the constructor checks their order, not their values, so a
    what-if rule set can move them.

    Args:
        week: The billing week.
        invoiced_at: Monday 12:00 after the week: the Work Diary locks and
            the client is invoiced (HC 211068518, HC 211063698); the client's
            review and dispute window opens (HC 211062158).
        dispute_window_ends: Friday 23:59:59 after the week: the last second
            the client can dispute the hours, as Upwork writes it; the window
            takes in the whole of that second (:attr:`dispute_window_closes`)
            (HC 211062158).
        available_at: When the pay becomes available to withdraw: Wednesday
            00:00, ten days after the week's Sunday (HC 211063698); for Top
            Rated freelancers, for a week invoiced on or after 2020-05-04
            (the invoice day decides), right after the dispute window: by
            the end of the Friday after the week (Saturday 00:00 UTC, the
            moment held here), as HC 360047676133 says ("Cleared payments
            are released on Fridays by 11:59 p.m., UTC") and DOMAIN.md
            reads "the Friday after the review window".
        top_rated: Whether the calendar is for a Top Rated freelancer.
        hold_skipped: Whether the Top Rated early release applied.

    Raises:
        InvalidValueError: The moments are naive or out of order, or
            *hold_skipped* without *top_rated*.
        InvalidTypeError: A field has the wrong type.
    """

    week: BillingWeek = attrs.field(validator=instance_field(BillingWeek))
    invoiced_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    dispute_window_ends: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    available_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    top_rated: bool = attrs.field(default=False, validator=bool_field)
    hold_skipped: bool = attrs.field(default=False, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        check_hours_order(
            self.week,
            self.invoiced_at,
            self.dispute_window_ends,
            self.available_at,
            owner="PayoutCalendar",
            names=("invoiced_at", "dispute_window_ends", "available_at"),
        )
        if self.hold_skipped and not self.top_rated:
            raise InvalidValueError(
                "PayoutCalendar.hold_skipped needs top_rated: only Top Rated freelancers "
                "skip the hold (HC 360047676133)",
                field="PayoutCalendar.hold_skipped",
                rule="Top Rated only (HC 360047676133)",
            )

    @property
    def edits_close(self) -> datetime:
        """The last moment to add, edit or delete the week's time (HC 211068518)."""
        return self.invoiced_at

    @property
    def dispute_window_closes(self) -> datetime:
        """The first moment after the dispute window: Saturday 00:00 UTC.

        :attr:`dispute_window_ends` is the window's last second as Upwork
        writes it (Friday 23:59:59); the window takes in the whole of that
        second, as a billing week takes in the whole of Sunday 23:59:59.
        """
        return closes_after(self.dispute_window_ends)

    def in_dispute_window(self, at: datetime) -> bool:
        """Return whether the client can dispute the week's hours at *at* (HC 211062158).

        From :attr:`invoiced_at` up to, not including,
        :attr:`dispute_window_closes`.

        Args:
            at: An aware datetime in any zone (compared as the same instant in UTC).

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        moment = utc_instant(at, "at")
        return self.invoiced_at <= moment < self.dispute_window_closes

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
                "step": "last second the client can dispute the hours (all of it)",
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


def invoice_time(week: BillingWeek, rules: PlatformRules) -> datetime:
    """When *week* is invoiced under *rules*: ``rules.hourly_invoice_delay`` after it closes.

    The one statement of the moment: :func:`payout_calendar` and a weekly
    payment (invoiced with the week's hours, HC 211067938) both read it.
    """
    return week.closes_at + rules.hourly_invoice_delay


def payout_calendar(
    week: BillingWeek,
    *,
    top_rated: bool = False,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> PayoutCalendar:
    """Return the payout calendar of *week*.

    Args:
        week: The billing week.
        top_rated: Whether the freelancer is Top Rated; from
            ``rules.top_rated_skip_hold_since`` (2020-05-04) on, Top Rated
            pay skips the hold and is available right after the dispute
            window: by the end of Friday, Saturday 00:00 UTC
            (HC 360047676133: "released on Fridays by 11:59 p.m., UTC").
            The date compared is the invoice date.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The invoice time, the end of the dispute window and when the pay is
        available.  These add Upwork's timers to the week, so at the end of
        the calendar they pass 9990-12-31, the last day an input may be (the
        pay of the week starting 9990-12-17 is available 9991-01-02): such a
        moment, or its day as ``fees.payout``'s ``available_on``, cannot be
        passed back in (docs/hourly.md lists each place).

    Raises:
        InvalidTypeError: *week* is not a :class:`BillingWeek`, or another
            argument has the wrong type.

    >>> from datetime import datetime, timezone
    >>> cal = payout_calendar(billing_week(datetime(2024, 1, 3, tzinfo=timezone.utc)))
    >>> cal.available_at.isoformat()
    '2024-01-17T00:00:00+00:00'
    """
    week = week_argument(week)
    top_rated = flag(top_rated, "top_rated")
    rules = week_rules(rules, week)
    closes = week.closes_at
    invoiced = invoice_time(week, rules)
    window_ends = closes + rules.hourly_review_window
    available, skip = hourly_pay_available(closes, rules, top_rated=top_rated)
    return PayoutCalendar(
        week=week,
        invoiced_at=invoiced,
        dispute_window_ends=window_ends,
        available_at=available,
        top_rated=top_rated,
        hold_skipped=skip,
    )
