"""Fixed weekly payments on hourly contracts: no review window, then the security hold (private).

A client can add a recurring weekly amount to an hourly contract's offer
(Advanced Options), on top of the hours or instead of them (HC 211067938,
HC 211063668).  Upwork adds it to the Monday invoice of each week, even when
no hours were logged; unlike hours it has **no review window**: it is
*Pending* from the invoice for the five-day security period, then *Available*
(HC 211063668).  Hourly Protection does not cover it (HC 211068288: "weekly
rate payments", "advanced recurring weekly payments not based on hours
billed").

What a week's payment is (HC 211067938):

* a week in which the contract was paused or its hours disputed at any
  time pays nothing;
* the week the contract starts pays a share by the UTC weekday it started
  (``PlatformRules.weekly_payment_start_percent``: Monday 100%,
  Tuesday 80%, Wednesday 60%, Thursday 40%, Friday to Sunday 20%);
* the week it ends pays a share by the weekday it ended
  (``weekly_payment_end_percent``; *unconfirmed*: the published table
  is cut off in the copies read, so the library mirrors the start table);
* a contract that starts and ends in the same week pays the smaller share
  (a modelling assumption; nothing is published).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import attrs

from upwork_safety._amount_fields import positive_cents_field
from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._moments import computed_utc_field, to_utc, utc_day
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table
from upwork_safety._validate import field_name, instance_field, member_field, member_text
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.hourly._args import (
    positive_cents,
    rules_changed,
    week_rules,
)
from upwork_safety.hourly._kinds import PayoutStatus, WeeklyPaymentBasis, payout_status
from upwork_safety.hourly._pauses import Pause, pauses_in_run
from upwork_safety.hourly._week import BillingWeek, invoice_time, week_argument
from upwork_safety.money import Money, plain_money, round_half_up
from upwork_safety.rules import PlatformRules, RuleHistory, _available_after

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["WeeklyPayment", "weekly_payment"]

_NOT_PROTECTED = (
    "weekly payments are not covered by Hourly Protection (HC 211068288: "
    "recurring weekly payments not based on hours billed)"
)


def _check_share(instance: object, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    if type(value) is not Decimal or not value.is_finite():
        raise InvalidTypeError(
            f"{name} must be a Decimal share of the weekly amount, not {shown(value)}",
            field=name,
            rule="a Decimal",
        )
    # A negative zero equals 0 but is no share the tables give (and would be
    # written back as "-0"): refused under the range's rule, not rewritten.
    if not 0 <= value <= 1 or value.is_signed():
        raise InvalidValueError(
            f"{name} is a share of the weekly amount from 0 to 1, got {value}",
            field=name,
            rule="0 to 1",
        )


def _share(percent: int) -> Decimal:
    return CONTEXT.divide(Decimal(percent), Decimal(100))


def week_share(
    *, paused: bool, started: int | None, ended: int | None, rules: PlatformRules
) -> tuple[WeeklyPaymentBasis, Decimal]:
    """What a week pays of the weekly amount under *rules*, and why (HC 211067938).

    The one statement of the rule: :func:`weekly_payment` prices every week
    with it, and :func:`shares_for`, which :class:`WeeklyPayment` checks a
    share against, lists what it can give.

    Args:
        paused: Whether the contract was paused (or its hours disputed) at
            any time in the week.
        started: The UTC weekday (Monday 0) the contract started on, when
            it started in the week; else ``None``.
        ended: The UTC weekday it ended on, when it ended in the week (not
            before *started*); else ``None``.
        rules: The platform rules whose weekday tables give the shares.

    Returns:
        The basis and the share, a fraction: a paused week pays nothing, a
        full week all; the week the contract started or ended pays its
        table's share for the weekday, and a week it did both the smaller
        of the two (a modelling assumption; nothing is published).
    """
    start = None if started is None else rules.weekly_payment_start_percent[started]
    end = None if ended is None else rules.weekly_payment_end_percent[ended]
    if paused:
        return WeeklyPaymentBasis.PAUSED, _share(0)
    if start is not None and end is not None:
        return WeeklyPaymentBasis.STARTED_AND_ENDED, _share(min(start, end))
    if start is not None:
        return WeeklyPaymentBasis.CONTRACT_STARTED, _share(start)
    if end is not None:
        return WeeklyPaymentBasis.CONTRACT_ENDED, _share(end)
    return WeeklyPaymentBasis.FULL_WEEK, _share(100)


#: Each way a week can meet a contract's start and end: (started, ended)
#: weekdays, ``None`` for a contract that started before the week or ends after it.
_START_AND_END_DAYS = tuple(
    (started, ended)
    for started in (None, *range(7))
    for ended in (None, *range(7))
    if started is None or ended is None or started <= ended
)


@functools.lru_cache(maxsize=64)
def _shares(rules: PlatformRules) -> Mapping[WeeklyPaymentBasis, frozenset[Decimal]]:
    """Every share :func:`week_share` gives under *rules*, by basis (once per rule set).

    Cached because every :class:`WeeklyPayment` checks its share against
    them; the key is an immutable rule set, and the value is immutable too.
    """
    found: dict[WeeklyPaymentBasis, set[Decimal]] = {basis: set() for basis in WeeklyPaymentBasis}
    for paused in (False, True):
        for started, ended in _START_AND_END_DAYS:
            basis, share = week_share(paused=paused, started=started, ended=ended, rules=rules)
            found[basis].add(share)
    return MappingProxyType({basis: frozenset(shares) for basis, shares in found.items()})


def shares_for(basis: WeeklyPaymentBasis, rules: PlatformRules) -> frozenset[Decimal]:
    """The shares *rules* give a week of *basis* (HC 211067938), as fractions.

    Derived from :func:`week_share`, over every weekday a contract can
    start and end on: a full week pays all, a paused one nothing; the week
    the contract started or ended pays a share of the rules' tables by
    weekday, and a week it started and ended in pays the smaller of the
    start share and an end share on the same or a later day.
    """
    return _shares(rules)[basis]


def _basis(value: WeeklyPaymentBasis | str) -> WeeklyPaymentBasis:
    """A converter: the basis a text names; anything else is for member_field."""
    return cast("WeeklyPaymentBasis", member_text(WeeklyPaymentBasis, value))


def _rules_of_week(payment: WeeklyPayment) -> PlatformRules:
    """The default *rules*: those in force at the end of the payment's week."""
    week: object = payment.week
    if not isinstance(week, BillingWeek):
        # Refused by the week's own validator, which runs first.
        return cast("PlatformRules", week)
    return week_rules(None, week)


def payment_moments(week: BillingWeek, rules: PlatformRules) -> tuple[datetime, datetime]:
    """When *week*'s weekly payment is invoiced and available under *rules*.

    With the week's hours (HC 211067938), then pending for
    ``rules.security_period`` with no review window first (HC 211063668),
    by the rules' one reading of it (``rules._available_after``).
    """
    invoiced = invoice_time(week, rules)
    return invoiced, _available_after(invoiced, rules)


#: The order of a week's weekly payment: invoiced after the week, available after that.
WEEKLY_PAYMENT_ORDER_RULE = "week end < invoice < available"


def check_weekly_payment_order(
    week: BillingWeek, invoiced: datetime, available: datetime, owner: str, invoiced_name: str
) -> None:
    """Refuse a weekly payment invoiced before its week ends or available before it is invoiced.

    The one rule of a :class:`WeeklyPayment` and of a payout item for one;
    *owner* and *invoiced_name* name the class and its invoice field.
    """
    if week.end < invoiced < available:
        return
    raise InvalidValueError(
        f"{owner} needs week end < {invoiced_name} < available_at, got "
        f"{invoiced.isoformat()}, {available.isoformat()} for the week {week}",
        field=f"{owner}.available_at",
        rule=WEEKLY_PAYMENT_ORDER_RULE,
    )


@through_init
@attrs.frozen(repr=False)
class WeeklyPayment:
    """One week's fixed weekly payment on an hourly contract, and when it is available (UTC).

    Built by :func:`weekly_payment`.  Amounts are what the client pays,
    before the freelancer's service fee.

    The share and the moments are the ones *rules* give (the builder
    function computes them, and a what-if rule set is kept with the
    payment); the constructor checks them against *rules*, so a value built
    by hand or loaded from JSON says no more than :func:`weekly_payment`
    could under the rules it carries.  Rules that are not the published
    ones for the week (a what-if, or an edited file that kept a preset's
    name) are always named by :attr:`rules_changed`, in the ``repr`` and
    the notebook table too.

    Args:
        week: The billing week the payment is for.
        weekly_amount: The contract's agreed weekly amount, positive.
        share: The share of *weekly_amount* invoiced for this week, one
            the rules' table gives for *basis*: 1 for a full week, 0 for a
            paused one, ``rules.weekly_payment_start_percent`` /
            ``weekly_payment_end_percent`` (as fractions) for the week the
            contract started / ended, and the smaller of a start and a later
            end share when it did both.
        basis: Why the share is what it is (a :class:`WeeklyPaymentBasis`
            member or its text).
        invoiced_at: Monday 12:00 UTC after the week, when the client is
            invoiced (with the week's hours, HC 211067938): the invoice time
            of the week's :func:`payout_calendar` under *rules*.
        available_at: *invoiced_at* plus ``rules.security_period`` (5 days):
            no review window comes first (HC 211063668).
        rules: The platform rules the payment was worked out under;
            default: those in force at the end of *week*.

    Raises:
        InvalidValueError: The moments are out of order or not the ones
            *rules* give, or *share* is not one the rules give for *basis*
            (``field`` ``WeeklyPayment.share``).
        InvalidTypeError: A field has the wrong type.
    """

    week: BillingWeek = attrs.field(validator=instance_field(BillingWeek))
    weekly_amount: Money = attrs.field(converter=plain_money, validator=positive_cents_field)
    share: Decimal = attrs.field(validator=_check_share)
    basis: WeeklyPaymentBasis = attrs.field(
        converter=_basis, validator=member_field(WeeklyPaymentBasis)
    )
    invoiced_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    available_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    rules: PlatformRules = attrs.field(
        default=attrs.Factory(_rules_of_week, takes_self=True),
        validator=instance_field(PlatformRules),
    )

    #: Why Hourly Protection never covers a weekly payment.
    not_protected_because = _NOT_PROTECTED

    def __attrs_post_init__(self) -> None:
        check_weekly_payment_order(
            self.week, self.invoiced_at, self.available_at, "WeeklyPayment", "invoiced_at"
        )
        allowed = shares_for(self.basis, self.rules)
        if self.share not in allowed:
            listed = ", ".join(str(share) for share in sorted(allowed))
            raise InvalidValueError(
                f"WeeklyPayment.share must be one the rules give for a {self.basis} week "
                f"({listed}; HC 211067938), got {self.share}",
                field="WeeklyPayment.share",
                rule="a share the rules' table gives for the basis",
            )
        invoiced, available = payment_moments(self.week, self.rules)
        if (self.invoiced_at, self.available_at) != (invoiced, available):
            raise InvalidValueError(
                f"WeeklyPayment is invoiced at {invoiced.isoformat()} and available at "
                f"{available.isoformat()} under its rules (the week's invoice, then "
                f"security_period), got {self.invoiced_at.isoformat()} and "
                f"{self.available_at.isoformat()}",
                field="WeeklyPayment.available_at",
                rule="the week's invoice time, plus rules.security_period",
            )

    @property
    def rules_changed(self) -> tuple[str, ...]:
        """The rules (field names of :attr:`rules`) not as published for the payment's week.

        Empty under the published rules (those in force at the end of the
        week); otherwise each changed field, in declaration order, whatever
        the rule set is named.  The same comparison as
        :attr:`WeeklyInvoice.rules_changed`.
        """
        return rules_changed(self.rules, self.week)

    def __repr__(self) -> str:
        # One line, as an invoice's: the rule set alone runs to kilobytes.
        changed = self.rules_changed
        what_if = f", what-if rules: {', '.join(changed)}" if changed else ""
        return (
            f"<WeeklyPayment {self.week}: {self.basis} {self.share} of {self.weekly_amount} = "
            f"{self.amount}, available {self.available_at.isoformat()}{what_if}>"
        )

    @property
    def amount(self) -> Money:
        """``weekly_amount × share``, rounded half up to the minor unit: what is invoiced."""
        exact = CONTEXT.multiply(self.weekly_amount.amount, self.share)
        return Money(
            round_half_up(exact, self.weekly_amount.minor_unit), self.weekly_amount.currency
        )

    @property
    def issued(self) -> bool:
        """Whether anything is invoiced this week (``False`` for a paused week)."""
        return self.share > 0

    @property
    def protected(self) -> bool:
        """Always ``False``: Hourly Protection does not cover weekly payments (HC 211068288)."""
        return False

    def status(self, at: datetime) -> PayoutStatus:
        """Return where the payment is at *at*: upcoming, pending or available (never in review).

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        return payout_status(at, self.invoiced_at, self.available_at)

    def to_records(self) -> list[dict[str, object]]:
        """Return the payment's calendar as rows (``when``, ``step``, ``source``)."""
        if not self.issued:
            return [
                {
                    "when": self.invoiced_at,
                    "step": f"no weekly payment: {self.basis}",
                    "source": "HC 211067938",
                }
            ]
        return [
            {
                "when": self.invoiced_at,
                "step": f"weekly payment of {self.amount} invoiced: pending, no review window",
                "source": "HC 211067938, HC 211063668",
            },
            {
                "when": self.available_at,
                "step": "weekly payment available to withdraw",
                "source": "HC 211063668",
            },
        ]

    def _repr_html_(self) -> str:
        caption = f"Weekly payment, week {self.week}"
        if self.rules_changed:
            caption += " (what-if rules: " + ", ".join(self.rules_changed) + ")"
        return html_table(self.to_records(), caption=caption)


def _day(value: object, what: str) -> date | None:
    return None if value is None else utc_day(value, what)


def weekly_payment(
    weekly_amount: Money,
    *,
    week: BillingWeek,
    started: date | datetime | None = None,
    ended: date | datetime | None = None,
    pauses: Iterable[Pause] = (),
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> WeeklyPayment:
    """Return one week's fixed weekly payment: its share, amount and payout dates.

    Args:
        weekly_amount: The weekly amount agreed in the offer, positive Money.
        week: The billing week.
        started: The day the contract started (a date, or an aware datetime
            whose UTC day is used); ``None`` when it started before *week*.
        ended: The day the contract ended; ``None`` while it is open.
        pauses: When the contract was paused, or its hours disputed
            (a sequence of :class:`Pause`); any pause in the week means no
            weekly payment for it.  None may start before the day
            *started* or after the day *ended* (UTC), as for Work Diary
            time: the contract did not exist then.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The :class:`WeeklyPayment`.

    Raises:
        InvalidValueError: The contract did not run in *week* (it started
            after it or ended before it), *ended* is before *started*, the
            amount is not positive, pauses overlap, or a pause starts
            before *started* (rule ``not before Contract.started``) or
            after *ended* (``not after Contract.ended``); ``field``
            ``pauses[i]``.
        InvalidTypeError: An argument has the wrong type.

    >>> from datetime import date, datetime, timezone
    >>> from upwork_safety import Money
    >>> week = BillingWeek(datetime(2024, 1, 1, tzinfo=timezone.utc))
    >>> first = weekly_payment(Money("400.00", "USD"), week=week, started=date(2024, 1, 3))
    >>> first.amount, first.available_at.isoformat()
    (Money(amount=Decimal('240.00'), currency='USD'), '2024-01-13T12:00:00+00:00')
    """
    weekly_amount = positive_cents(weekly_amount, "weekly_amount")
    week = week_argument(week)
    start_day = _day(started, "started")
    end_day = _day(ended, "ended")
    rules = week_rules(rules, week)
    first, last = week.start.date(), week.end.date()
    if start_day is not None and start_day > last:
        raise InvalidValueError(
            f"the contract started on {start_day}, after the week {week}: it has no "
            "weekly payment for that week",
            field="started",
            rule="on or before the week's last day",
        )
    if end_day is not None and end_day < first:
        raise InvalidValueError(
            f"the contract ended on {end_day}, before the week {week}: it has no "
            "weekly payment for that week",
            field="ended",
            rule="on or after the week's first day",
        )
    if start_day is not None and end_day is not None and end_day < start_day:
        raise InvalidValueError(
            f"ended ({end_day}) must not be before started ({start_day})",
            field="ended",
            rule="not before started",
        )
    items = pauses_in_run(pauses, start_day, end_day, week=(week.start, week.closes_at))
    basis, share = week_share(
        paused=any(p.overlap(week.start, week.closes_at) > timedelta(0) for p in items),
        started=start_day.weekday() if start_day is not None and start_day >= first else None,
        ended=end_day.weekday() if end_day is not None and end_day <= last else None,
        rules=rules,
    )
    invoiced, available = payment_moments(week, rules)
    return WeeklyPayment(
        week=week,
        weekly_amount=weekly_amount,
        share=share,
        basis=basis,
        invoiced_at=invoiced,
        available_at=available,
        rules=rules,
    )
