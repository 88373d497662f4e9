"""A schedule's paydays, and what each one does with the balance (private).

The values of an automatic-withdrawal replay: a :class:`Credit` reaching
the balance, a :class:`ScheduledPayout` or a :class:`SkippedPayday` with
its reason, and :func:`paydays`, the days a schedule pays out on
(HC 211063708).  :mod:`upwork_safety.fees._replay` replays a balance
history through them, for the runs of ``_schedules`` and
``_schedule_comparison``.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs

from upwork_safety._amount_fields import whole_cents
from upwork_safety._decimals import CONTEXT, fitting_total
from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._validate import (
    as_tuple,
    field_name,
    items_field,
    member,
    member_field,
    member_text,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees._common import (
    Default,
    day_arg,
    money_arg,
)
from upwork_safety.kinds import StrEnum
from upwork_safety.money import Money, plain_money
from upwork_safety.rules import (
    PAYMENT_SCHEDULE_HISTORY,
    PaymentSchedule,
    PaymentScheduleRules,
    RuleHistory,
    _pick_rules,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MAX_CREDITS",
    "MAX_SPAN",
    "Credit",
    "PayoutReason",
    "ScheduledPayout",
    "SkipReason",
    "SkippedPayday",
    "paydays",
]

#: The longest period :func:`paydays` and the replays cover: 100 years.
MAX_SPAN = timedelta(days=36_525)
#: The most credits a balance history replayed by :func:`auto_withdrawals`
#: or :func:`compare_schedules` (or held by an :class:`AutoWithdrawals`) may
#: hold.  Credits of one day can always be added up into one, and a hundred
#: years has 36,525 days; a replay's time grows with paydays + credits, so
#: at this limit comparing all four schedules takes about a second.
MAX_CREDITS = 100_000

_CENT = Decimal("0.01")


def exact_sum(amounts: Iterable[Money]) -> Decimal:
    """The exact sum of *amounts*' Decimals, in the library's context, one addition each.

    Plain Decimals, not Money: a run at :data:`MAX_CREDITS` adds a hundred
    thousand amounts for each of its totals.
    """
    return functools.reduce(CONTEXT.add, (m.amount for m in amounts), Decimal(0))


def usd_total(amounts: Iterable[Money]) -> Money:
    """The sum of whole-cent USD *amounts*, with its cents (``USD 0.00``, never ``USD 0``).

    Callers only add amounts already known to fit the 18-digit limit
    together (a payout's funds, a run's history: see :func:`check_total`).
    """
    return Money(CONTEXT.quantize(exact_sum(amounts), _CENT), "USD")


def check_total(entries: Iterable[Credit], what: str) -> None:
    """Refuse credits (*entries*) whose amounts add up past the 18-digit limit, naming *what*."""
    fitting_total(
        (c.amount.amount for c in entries),
        what,
        "a balance holding these credits could not be written: use fewer or smaller credits",
    )


_ALL_SCHEDULES = Default("tuple(PaymentSchedule)")
_NOTHING = Money("0.00", "USD")


def _usd_cents(value: object, what: str) -> Money:
    """*value*: non-negative USD :class:`Money` in whole cents (the balance's), else refused."""
    money = money_arg(value, what, "USD", why="the Upwork balance is in USD")
    return whole_cents(money, what)


def _usd_positive_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: USD :class:`Money` in whole cents, more than zero.

    Zero and every amount below it are refused by the one "more than zero"
    rule (:data:`~upwork_safety._amount_fields.MORE_THAN_ZERO`).
    """
    what = field_name(instance, attribute)
    money = money_arg(value, what, "USD", why="the Upwork balance is in USD", positive=True)
    whole_cents(money, what)


@through_init
@attrs.frozen
class Credit:
    """An amount that became available to withdraw on a day (the balance history's unit).

    The amount is what reached your Upwork balance: **net** of Upwork's
    service fee, as the balance holds it (an income row of an export less
    its ``Service Fee`` row, never the gross row alone).  To start from
    today's balance, make it one credit on today's date.  Nothing takes
    money off the history: a manual withdrawal ("Get paid now") is not
    replayed, so build the history from what is still on the balance (the
    export's closing balance) and what becomes available after it, not
    from every income row since you started.  docs/fees.md, "Getting paid
    automatically", builds one from a statements export.

    Args:
        on: The day the money became *Available* (after the security period).
        amount: How much, in USD, net of the service fee: more than zero,
            in whole cents (the balance holds cents; round a computed
            amount first).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: An amount that is not more than zero or not in
            whole cents.
        CurrencyMismatchError: An amount not in USD.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    amount: Money = attrs.field(converter=plain_money, validator=_usd_positive_field)


class PayoutReason(StrEnum):
    """Why a scheduled payday paid out."""

    #: The balance reached the threshold.
    THRESHOLD = "threshold"
    #: Some of the balance had been held longer than the time limit.
    TIME_LIMIT = "time_limit"


class SkipReason(StrEnum):
    """Why a scheduled payday with money on the balance paid nothing."""

    #: The balance was below the threshold and nothing was held too long.
    BELOW_THRESHOLD = "below_threshold"
    #: Monthly or twice monthly, and the whole balance became available that day.
    ALL_NEW_TODAY = "all_new_today"
    #: The payment method was added less than the waiting time ago.
    METHOD_NOT_ACTIVE = "method_not_active"
    #: The balance is too small for the method (below its minimum or its fees).
    BELOW_METHOD_MINIMUM = "below_method_minimum"


def _usd_field(instance: object, attribute: Any, value: Any) -> None:
    _usd_cents(value, field_name(instance, attribute))


def _payout_reason(value: PayoutReason | str) -> PayoutReason:
    # A value that is not a member is left for member_field to refuse.
    return cast("PayoutReason", member_text(PayoutReason, value))


def _skip_reason(value: SkipReason | str) -> SkipReason:
    return cast("SkipReason", member_text(SkipReason, value))


def _schedule(value: PaymentSchedule | str) -> PaymentSchedule:
    return cast("PaymentSchedule", member_text(PaymentSchedule, value))


@through_init
@attrs.frozen(kw_only=True)
class ScheduledPayout:
    """One automatic payout: the day, the funds it paid out, why, and the method's fee.

    On its own a payout knows nothing of the schedule, the method or the
    rest of the balance: an :class:`AutoWithdrawals` holding it checks that
    it is the payout its payday makes (the day, the whole balance, the
    reason and the method's fee).

    Args:
        on: The payday.
        funds: The funds paid out (the whole available balance), oldest
            first (by the day each became available).
        reason: Why the payday paid (:class:`PayoutReason`, or its value).
        fee: What the method charged for the withdrawal, in USD whole cents.

    Raises:
        InvalidTypeError: A field of the wrong type (*funds* must be a
            sequence of :class:`Credit`).
        InvalidValueError: No funds, funds not available by *on* or not
            oldest first, an unknown reason, or a fee that is negative or
            not in whole cents.
        CurrencyMismatchError: A fee not in USD.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    funds: tuple[Credit, ...] = attrs.field(converter=as_tuple, validator=items_field(Credit))
    reason: PayoutReason = attrs.field(
        converter=_payout_reason, validator=member_field(PayoutReason)
    )
    fee: Money = attrs.field(converter=plain_money, validator=_usd_field)

    def __attrs_post_init__(self) -> None:
        if not self.funds or any(c.on > self.on for c in self.funds):
            raise InvalidValueError(
                "a payout pays out funds available on or before its day",
                field="ScheduledPayout.funds",
                rule="available by the payday",
            )
        for index in range(1, len(self.funds)):
            if self.funds[index].on < self.funds[index - 1].on:
                raise InvalidValueError(
                    f"ScheduledPayout.funds[{index}] became available on "
                    f"{self.funds[index].on}, before funds[{index - 1}] "
                    f"({self.funds[index - 1].on}): a payout lists its funds oldest first",
                    field=f"ScheduledPayout.funds[{index}]",
                    rule="oldest first",
                )
        check_total(self.funds, "ScheduledPayout.funds")

    @property
    def amount(self) -> Money:
        """The balance paid out."""
        return usd_total(c.amount for c in self.funds)

    @property
    def oldest(self) -> date:
        """The day the oldest funds paid out became available."""
        return min(c.on for c in self.funds)


@through_init
@attrs.frozen(kw_only=True)
class SkippedPayday:
    """A payday with money on the balance that paid nothing, and why.

    Args:
        on: The payday.
        balance: The available balance that day, in USD whole cents (more
            than zero).
        reason: Why nothing was paid (:class:`SkipReason`, or its value).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A balance that is not more than zero or not in
            whole cents, or an unknown reason.
        CurrencyMismatchError: A balance not in USD.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    # More than zero: a payday with nothing on the balance skips nothing.
    balance: Money = attrs.field(converter=plain_money, validator=_usd_positive_field)
    reason: SkipReason = attrs.field(converter=_skip_reason, validator=member_field(SkipReason))


def _check_span(start: date, end: date, prefix: str = "") -> None:
    """*start* to *end* is a period: *end* not before *start*, at most 100 years after it."""
    field = f"{prefix}end"
    if end < start:
        raise InvalidValueError(
            f"{field} ({end}) is before start ({start})", field=field, rule="on or after start"
        )
    if end - start > MAX_SPAN:
        raise InvalidValueError(
            f"the period from {start} to {end} is longer than 100 years",
            field=field,
            rule="at most 100 years after start",
        )


def _schedule_arg(value: object, rules: PaymentScheduleRules) -> PaymentSchedule:
    if value is None:
        return rules.default_schedule
    return member(PaymentSchedule, value, "schedule")


def _rules(rules: object, on: date) -> PaymentScheduleRules:
    return _pick_rules(rules, PaymentScheduleRules, PAYMENT_SCHEDULE_HISTORY, on)


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _days(
    schedule: PaymentSchedule, start: date, end: date, rules: PaymentScheduleRules
) -> list[date]:
    rule = rules.payday(schedule)
    found: list[date] = []
    for year, month in _months(start, end):
        if rule.months and month not in rule.months:
            continue
        length = calendar.monthrange(year, month)[1]
        first = 1 + (rule.weekday - calendar.weekday(year, month, 1)) % 7
        candidates = [date(year, month, day) for day in range(first, length + 1, 7)]
        found.extend(day for day in candidates if rule.matches(day) and start <= day <= end)
    return found


def paydays(
    schedule: PaymentSchedule | str | None = None,
    *,
    start: date | datetime,
    end: date | datetime,
    rules: PaymentScheduleRules | RuleHistory[PaymentScheduleRules] | None = None,
) -> tuple[date, ...]:
    """Return the scheduled paydays of *schedule* from *start* to *end*, both included.

    Weekly pays every Wednesday; twice monthly, the 1st and 3rd Wednesday;
    monthly, the last Wednesday; quarterly (the default), the last Monday of
    March, June, September and December (HC 211063708).

    Args:
        schedule: A :class:`PaymentSchedule` or its value (``"monthly"``);
            default the rules' default (quarterly).
        start: The first day (a date, or an aware datetime's UTC date).
        end: The last day, at most 100 years after *start*.
        rules: The schedule rules; default those in force on *start*.

    Returns:
        The paydays, in order.

    Raises:
        InvalidValueError: An unknown schedule, or *end* before *start* or
            too far after it.

    >>> [str(day) for day in paydays("quarterly", start=date(2016, 1, 1), end=date(2016, 12, 31))]
    ['2016-03-28', '2016-06-27', '2016-09-26', '2016-12-26']
    """
    first = day_arg(start, "start")
    last = day_arg(end, "end")
    _check_span(first, last)
    chosen_rules = _rules(rules, first)
    chosen = _schedule_arg(schedule, chosen_rules)
    return tuple(_days(chosen, first, last, chosen_rules))
