"""When paid money can be withdrawn: the security period, an hourly week's pay days (private).

The one reading :func:`~upwork_safety.fees.payout` and :class:`~upwork_safety.fees.Payout`
hold a payment's available day to, split from ``_payout``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from upwork_safety._calendar import hourly_pay_available, week_rules_day, week_start
from upwork_safety._moments import payment_moment
from upwork_safety.errors import InvalidValueError
from upwork_safety.rules import HISTORY as PLATFORM_HISTORY
from upwork_safety.rules import PlatformRules, RuleHistory, _available_after, _in_force_of
from upwork_safety.rules import as_of as platform_as_of

#: *platform_rules*: the rules that date an hourly week's pay, or ``None`` for each week's own.
WeekRules = PlatformRules | RuleHistory[PlatformRules] | None


def start_of(day: date) -> datetime:
    """00:00 UTC on *day*."""
    return datetime.combine(day, time(0), timezone.utc)


def available_from(
    paid_on: date,
    rules: WeekRules = None,
    *,
    field: str = "platform_rules",
    at: datetime | None = None,
) -> date:
    """The day money paid on *paid_on* (at *at*, if known) leaves the security period of *rules*.

    The rules' one reading (``rules._available_after``) under *rules* as the
    escrow engine reads them (review r38, review 1): a rule set as given (a
    what-if), a history's set in force that day (refused naming *field* if
    it starts later), or with ``None`` Upwork's published rules of that day.
    Counted from the payment's moment *at*, as the engine counts it; when
    only the day is known, from 00:00 UTC of it, the moment
    ``Payment.moment`` gives, from which the ledger and
    ``checks.review_contract`` count too (review r38, diff review 3: one
    what-if, one answer).
    """
    chosen = (
        platform_as_of(paid_on)
        if rules is None
        else _in_force_of(rules, PLATFORM_HISTORY, paid_on, field=field)
    )
    return _available_after(payment_moment(paid_on, at), chosen).date()


def check_available(
    available: date,
    paid_on: date,
    field: str,
    rules: WeekRules = None,
    *,
    rules_field: str = "platform_rules",
    at: datetime | None = None,
    hourly_pay: bool = False,
) -> None:
    """Refuse a day *available* before money paid on *paid_on* (at *at*) can be available.

    Released money is held to its security period (:func:`available_from`);
    an hourly contract's pay (*hourly_pay*) to the earliest of
    :func:`hourly_pay_days`, its week's payout calendar under *rules*, not
    to the security period (review r38, hostile2 4).
    """
    if hourly_pay:
        days = hourly_pay_days(paid_on, rules, at=at, field=rules_field)
        if available < days[0][0]:
            raise InvalidValueError(
                f"{field} is {available}, before a payment of {paid_on} on an hourly contract "
                f"can be available: it is first available on one of these days, "
                f"{pay_days_text(days)}, or later (a hold, disputed hours released)",
                field=field,
                rule=HOURLY_PAY_RULE,
            )
        return
    earliest = available_from(paid_on, rules, field=rules_field, at=at)
    if available < earliest:
        raise InvalidValueError(
            f"{field} is {available}, before the payment of {paid_on} leaves its security "
            f"period on {earliest} (HC 211060918)",
            field=field,
            rule="on or after the payment's day plus the security period",
        )


_WEEK = timedelta(days=7)


def _rules_of_week(
    closes: datetime, rules: WeekRules, field: str = "platform_rules"
) -> PlatformRules:
    """*rules*, or the rules its history (or Upwork) has in force as the week that *closes* ends."""
    day = week_rules_day(closes)
    if rules is None:
        return platform_as_of(day)
    return _in_force_of(rules, PLATFORM_HISTORY, day, field=field)


def _week_pay_days(
    closes: datetime, rules: WeekRules, field: str = "platform_rules"
) -> list[tuple[date, str]]:
    """The days the hours of the week that *closes* are available: as usual, and Top Rated."""
    chosen = _rules_of_week(closes, rules, field)
    end = closes - timedelta(microseconds=1)
    week = f"{(closes - _WEEK).date()} → {end.date()}"
    usual, _ = hourly_pay_available(closes, chosen, top_rated=False)
    days = [(usual.date(), f"the hours of the week {week} (HC 211063698)")]
    early, skipped = hourly_pay_available(closes, chosen, top_rated=True)
    if skipped:
        days.append((early.date(), f"the hours of the week {week}, Top Rated (HC 360047676133)"))
    return days


def hourly_pay_days(
    day: date,
    rules: WeekRules = None,
    *,
    at: datetime | None = None,
    field: str = "platform_rules",
) -> list[tuple[date, str]]:
    """Every day an hourly contract's payment dated *day* is first available, with what it pays.

    A payment of kind ``OTHER`` on an hourly contract does not say what it
    pays, nor how its export dated it: a week's hours dated by the day
    worked (the week containing *day*) or by the week's invoice (the week
    invoiced on *day*), each available on its payout calendar's day
    (:func:`~upwork_safety._calendar.hourly_pay_available`, Top Rated or
    not) under *rules* (default the week's own,
    :func:`~upwork_safety._calendar.week_rules_day`); or a bonus or fixed
    weekly payment, available when the security period in force on *day*
    ends (counted from *at*, the payment's moment, if known:
    :func:`available_from`).  Each day once, earliest first.  A history
    *rules* that starts too late is refused naming *field*.
    """
    found = {
        available_from(
            day, rules, at=at, field=field
        ): "a bonus or fixed weekly payment paid that day (the security period, HC 211060918)"
    }
    start = start_of(day)
    weeks: list[datetime] = []
    try:
        weeks.append(week_start(start) + _WEEK)  # dated by the day worked
        # Dated by its invoice: the week whose invoice moment falls on *day*.  The delay
        # is read from the rules of the week before *day*'s, then confirmed by the
        # candidate week's own.
        lo = start - _rules_of_week(week_start(start), rules, field).hourly_invoice_delay
        closes = week_start(lo) if week_start(lo) == lo else week_start(lo) + _WEEK
        invoiced = closes + _rules_of_week(closes, rules, field).hourly_invoice_delay
        if start <= invoiced < start + timedelta(days=1):
            weeks.append(closes)
    except OverflowError:  # a week at either end of Python's calendar
        pass
    for closes in weeks:
        for available, what in _week_pay_days(closes, rules, field):
            found[available] = f"{found[available]}, or {what}" if available in found else what
    return sorted(found.items())


def pay_days_text(days: list[tuple[date, str]]) -> str:
    """*days* (from :func:`hourly_pay_days`) as one line of text, for an error message."""
    return "; ".join(f"{available} for {what}" for available, what in days)


#: The rule an hourly contract's *available_on* is held to.
HOURLY_PAY_RULE = (
    "on or after the earliest day an hourly contract's payment of that date is available"
)
