"""Upwork's automatic withdrawal schedules and their thresholds, dated (private).

DOMAIN.md section 5, "Getting paid" (HC 211063708): weekly, twice monthly,
monthly and quarterly paydays, the balance thresholds, the 180-day rule and
the wait for a newly added method.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from upwork_safety._decimals import flag
from upwork_safety._display import shown
from upwork_safety._last_day import LATEST
from upwork_safety._moments import plain_date, settle_date, utc_day
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int, plain_int_items, whole_number
from upwork_safety._validate import KEPT_ORDER, as_sequence, finer_error, id_field, member
from upwork_safety.errors import InvalidTypeError, RulesError
from upwork_safety.kinds import StrEnum
from upwork_safety.money import Money
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._provenance import rule as _rule

# --------------------------------------------------------------------------
# Automatic payment schedules (DOMAIN.md section 5, "Getting paid")
# --------------------------------------------------------------------------


class PaymentSchedule(StrEnum):
    """How often Upwork pays the balance out automatically (HC 211063708)."""

    WEEKLY = "weekly"
    TWICE_MONTHLY = "twice_monthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def _weekday(_instance: object, _attribute: object, value: Any) -> None:
    if not _whole(value) or not 0 <= value <= 6:
        raise RulesError(
            f"Payday.weekday must be 0 (Monday) to 6 (Sunday), got {shown(value)}",
            field="Payday.weekday",
            rule="0 (Monday) to 6 (Sunday)",
        )


def _int_tuple(value: object, name: str) -> tuple[int, ...]:
    """*value*, a sequence, as a tuple (items checked by the validators); else refused naming it."""
    return plain_int_items(as_sequence(value, f"Payday.{name}", "int", ordered=KEPT_ORDER))


def _week_tuple(value: object) -> tuple[int, ...]:
    """An attrs converter for ``Payday.weeks``."""
    return _int_tuple(value, "weeks")


def _month_tuple(value: object) -> tuple[int, ...]:
    """An attrs converter for ``Payday.months``."""
    return _int_tuple(value, "months")


def _whole(item: object) -> bool:
    """Whether *item* is a whole number: an ``int``, not a bool or a float such as ``1.0``.

    The fields' converters have made every ``int`` subclass plain (:func:`plain_int`), so
    the comparisons that follow ask the builtin.
    """
    return whole_number(item) is not None


def _weeks(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
    for item in value:
        if not _whole(item) or item not in _ORDINALS:
            raise RulesError(
                f"Payday.weeks holds 1–5 (the nth weekday of the month) or -1 (the last), "
                f"got {shown(item)}",
                field="Payday.weeks",
                rule="1 to 5, or -1",
            )


def _months(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
    for item in value:
        if not _whole(item) or not 1 <= item <= 12:
            raise RulesError(
                f"Payday.months holds month numbers 1–12, got {shown(item)}",
                field="Payday.months",
                rule="1 to 12",
            )


@through_init
@attrs.frozen
class Payday:
    """Which days a payment schedule pays on: a weekday, which of them in the month, which months.

    Args:
        weekday: 0 (Monday) to 6 (Sunday).
        weeks: Which of that weekday's occurrences in the month pay: 1–5
            for the nth, -1 for the last; empty for every one.
        months: The months that pay (1–12); empty for every month.

    >>> Payday(2, (-1,)).describe()
    'the last Wednesday of each month'
    """

    weekday: int = attrs.field(converter=plain_int, validator=_weekday)
    weeks: tuple[int, ...] = attrs.field(default=(), converter=_week_tuple, validator=_weeks)
    months: tuple[int, ...] = attrs.field(default=(), converter=_month_tuple, validator=_months)

    def matches(self, day: date | datetime) -> bool:
        """Whether *day* is a payday under this rule.

        Args:
            day: A date, or a timezone-aware datetime: its UTC day is judged,
                as :func:`upwork_safety.fees.paydays` judges days (Upwork's
                clocks run in UTC), so one instant gets one answer in every
                zone.

        Raises:
            InvalidTypeError: *day* is neither a date nor a datetime.
            InvalidValueError: *day* is a naive datetime.
        """
        if type(day) is not date:
            day = utc_day(day, "day")
        if day.weekday() != self.weekday or (self.months and day.month not in self.months):
            return False
        if not self.weeks:
            return True
        nth = (day.day - 1) // 7 + 1
        last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        return nth in self.weeks or (last and -1 in self.weeks)

    def describe(self) -> str:
        """The rule in words, e.g. ``"the 1st and 3rd Wednesday of each month"``."""
        name = _WEEKDAYS[self.weekday]
        if not self.weeks:
            text = f"every {name}"
        else:
            text = f"the {' and '.join(_ORDINALS[w] for w in self.weeks)} {name}"
        if self.months:
            months = ", ".join(calendar.month_abbr[m] for m in self.months)
            return f"{text} of {months}"
        return text if not self.weeks else f"{text} of each month"


def _threshold(_instance: object, attribute: Any, value: Any) -> None:
    name = f"PaymentScheduleRules.{attribute.name}"
    if not isinstance(value, Money):
        raise InvalidTypeError(f"{name} must be Money", field=name, rule="Money")
    if value.amount <= 0:
        raise RulesError(f"{name} must be positive, got {value}", field=name, rule="positive")


def _duration(_instance: object, attribute: Any, value: Any) -> None:
    name = f"PaymentScheduleRules.{attribute.name}"
    if type(value) is not timedelta and issubclass(type(value), timedelta):
        # The converter made any subclass plain that it could: this one holds
        # nanoseconds, refused as such (red team r22 L2).
        raise finer_error(value, timedelta, name, error=RulesError)
    if type(value) is not timedelta:
        raise InvalidTypeError(f"{name} must be a timedelta", field=name, rule="a timedelta")
    if value < timedelta(0):
        raise RulesError(f"{name} must not be negative", field=name, rule="not negative")


def _payday(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Payday):
        name = f"PaymentScheduleRules.{attribute.name}"
        raise InvalidTypeError(f"{name} must be a Payday", field=name, rule="a Payday")


def _schedule_kind(
    value: object, name: str = "PaymentScheduleRules.default_schedule"
) -> PaymentSchedule:
    try:
        return PaymentSchedule(value)
    except ValueError:
        known = ", ".join(s.value for s in PaymentSchedule)
        raise RulesError(
            f"{name} must be one of {known}, got {shown(value)}",
            field=name,
            rule="a PaymentSchedule",
        ) from None


def _schedule_kinds(value: object) -> tuple[PaymentSchedule, ...]:
    return tuple(
        _schedule_kind(item, f"PaymentScheduleRules.deferred_when_all_new[{index}]")
        for index, item in enumerate(_int_or_text_tuple(value))
    )


def _int_or_text_tuple(value: object) -> tuple[object, ...]:
    # each item checked by the caller
    return as_sequence(
        value, "PaymentScheduleRules.deferred_when_all_new", "PaymentSchedule", ordered=KEPT_ORDER
    )


_SCHEDULE_HC = "HC 211063708"


@rule_set_kind
@through_init
@attrs.frozen(kw_only=True)
class PaymentScheduleRules:
    """When Upwork pays a freelancer's balance out automatically (HC 211063708).

    A scheduled payout pays the *whole* available balance, and only when it
    reaches the threshold, or when some of it has been held longer than the
    time limit; monthly and twice-monthly schedules defer a payout when the
    whole balance became available that same day.  "Get paid now" (a manual
    withdrawal) is always possible.  A newly added payment method becomes
    active after a wait.  Use :func:`upwork_safety.rules.sources` to list
    each field with its source.
    """

    #: First day these rules apply (the Help Center gives no start date; its
    #: examples date from 2016).
    effective: date = attrs.field(default=date.min)
    #: A short human name for this rule set.
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so id_field refuses a str subclass instead of storing it plain.
    name: str = attrs.field(default="automatic payment schedules", validator=id_field)
    #: Weekly: every Wednesday.
    weekly: Payday = _rule(Payday(2), _SCHEDULE_HC, "weekly: every Wednesday", validator=_payday)
    #: Twice per month: the 1st and 3rd Wednesday.
    twice_monthly: Payday = _rule(
        Payday(2, (1, 3)),
        _SCHEDULE_HC,
        "twice per month: first and third Wednesday of each month",
        validator=_payday,
    )
    #: Monthly: the last Wednesday.
    monthly: Payday = _rule(
        Payday(2, (-1,)), _SCHEDULE_HC, "monthly: last Wednesday of each month", validator=_payday
    )
    #: Quarterly: the last Monday of March, June, September and December.
    quarterly: Payday = _rule(
        Payday(0, (-1,), (3, 6, 9, 12)),
        _SCHEDULE_HC,
        "quarterly: last Monday of each quarter (e.g. 2016-03-28, 06-27, 09-26, 12-26)",
        validator=_payday,
    )
    #: The schedule used when the freelancer chooses none.
    default_schedule: PaymentSchedule = _rule(
        PaymentSchedule.QUARTERLY,
        _SCHEDULE_HC,
        "quarterly is the default",
        converter=_schedule_kind,
    )
    #: A US freelancer's balance is paid out when it reaches this.
    us_threshold: Money = _rule(
        Money("100.00", "USD"),
        _SCHEDULE_HC,
        "balance limit for U.S. freelancers: paid out at $100 or more",
        validator=_threshold,
    )
    #: Everyone else's balance is paid out when it reaches this.
    international_threshold: Money = _rule(
        Money("1000.00", "USD"),
        _SCHEDULE_HC,
        "balance limit for non-U.S. freelancers: paid out at $1,000 or more",
        validator=_threshold,
    )
    #: Funds held longer than this are paid out whatever the balance.
    time_limit: timedelta = _rule(
        timedelta(days=180),
        _SCHEDULE_HC,
        "funds held longer than 180 days are paid out on the next scheduled date",
        validator=_duration,
    )
    #: These schedules defer a payout when the whole balance became available that day.
    deferred_when_all_new: tuple[PaymentSchedule, ...] = _rule(
        (PaymentSchedule.MONTHLY, PaymentSchedule.TWICE_MONTHLY),
        _SCHEDULE_HC,
        "monthly and twice-monthly schedules do not pay out if the entire balance became "
        "available that same day",
        converter=_schedule_kinds,
    )
    #: A newly added payment method becomes active after this long.
    new_method_wait: timedelta = _rule(
        timedelta(days=3),
        f"{_SCHEDULE_HC}; HC 35089917299219",
        "a new payment method becomes active in three calendar days",
        validator=_duration,
    )

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "PaymentScheduleRules.effective")
        for name in ("us_threshold", "international_threshold"):
            threshold: Money = getattr(self, name)
            if threshold.currency != "USD":
                raise RulesError(
                    f"PaymentScheduleRules.{name} must be in USD, the balance's currency",
                    field=f"PaymentScheduleRules.{name}",
                    rule="USD",
                )
            if not threshold.is_rounded():
                raise RulesError(
                    f"PaymentScheduleRules.{name} must be whole cents, got {threshold}",
                    field=f"PaymentScheduleRules.{name}",
                    rule="whole minor units",
                )

    def payday(self, schedule: PaymentSchedule | str) -> Payday:
        """The :class:`Payday` rule of *schedule*.

        Args:
            schedule: A :class:`PaymentSchedule`, or its value (``"weekly"``).

        Raises:
            InvalidValueError: Text that names no schedule.
            InvalidTypeError: Anything else that is not a schedule.
        """
        return getattr(self, member(PaymentSchedule, schedule, "schedule").value)  # type: ignore[no-any-return]

    def threshold(self, *, us_freelancer: bool) -> Money:
        """The balance that triggers a scheduled payout.

        Raises:
            InvalidTypeError: *us_freelancer* is not a bool.
        """
        flag(us_freelancer, "us_freelancer")
        return self.us_threshold if us_freelancer else self.international_threshold

    def method_active(self, added: date, on: date) -> bool:
        """Whether a payment method added on *added* can be paid to on the day *on*.

        It can once :attr:`new_method_wait` has passed since the day it was
        added (three calendar days: added on a Monday, usable from Thursday),
        for scheduled and manual withdrawals alike; never before it was added.

        Raises:
            InvalidTypeError: *added* or *on* is not a date.
            InvalidValueError: *added* or *on* is after 9990-12-31, the
                library's last day.
        """
        if not (type(added) is date and type(on) is date and max(added, on) <= LATEST):
            added = plain_date(added, "added")  # the library's refusals (review r38, review 4)
            on = plain_date(on, "on")
        # Compared as durations, so no day past date.max is ever computed.
        return on - added >= self.new_method_wait


#: The automatic payment schedules as the Help Center describes them.
PAYMENT_SCHEDULES = PaymentScheduleRules()

#: Every payment-schedule rule set, oldest first.
PAYMENT_SCHEDULE_HISTORY: RuleHistory[PaymentScheduleRules] = RuleHistory(
    "payment-schedule rules", (PAYMENT_SCHEDULES,)
)
