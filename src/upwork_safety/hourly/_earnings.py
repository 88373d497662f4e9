"""An hourly contract's payout schedule: hours, bonuses and weekly payments side by side (private).

An hourly contract pays in three ways (HC 211067938): invoiced hours, which
the client can dispute until Friday and which are available on the
Wednesday ten days after the week (HC 211063698); bonuses, pending for five
days from the moment they are paid; and fixed weekly payments, pending for
five days from the Monday invoice.  :func:`payout_schedule` lays them out in
the order the money becomes available and says, for any moment, how much is
upcoming, in review, pending and available, and how much of it Hourly
Protection covers (only hours can be protected, HC 211068288).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

import attrs

from upwork_safety._amount_fields import cents_field, positive_cents_field
from upwork_safety._decimals import fitting_total
from upwork_safety._display import shown
from upwork_safety._last_day import LATEST
from upwork_safety._moments import (
    computed_utc_field,
    optional_computed_utc_field,
    optional_to_utc,
    to_utc,
    utc_instant,
)
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._render import html_table, money_record
from upwork_safety._validate import (
    KEPT_ORDER,
    as_tuple,
    field_name,
    instance_field,
    member_field,
    member_text,
    sequence_of,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.hourly._args import (
    rules_changed,
    rules_changed_on,
    rules_for,
    week_rules,
)
from upwork_safety.hourly._bonus import Bonus, bonus_available
from upwork_safety.hourly._invoice import WeeklyInvoice
from upwork_safety.hourly._kinds import PayoutKind, PayoutStatus, payout_status
from upwork_safety.hourly._week import BillingWeek, check_hours_order, payout_calendar
from upwork_safety.hourly._weekly_payment import (
    WeeklyPayment,
    check_weekly_payment_order,
    payment_moments,
)
from upwork_safety.money import Money, plain_money
from upwork_safety.rules import PlatformRules

__all__ = ["PayoutItem", "PayoutSchedule", "payout_schedule"]

#: Upwork pays freelancers in US dollars; an empty schedule is in USD.
_DEFAULT_CURRENCY = "USD"


def _optional_week(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        instance_field(BillingWeek)(instance, attribute, value)


def _payout_kind(value: PayoutKind | str) -> PayoutKind:
    """A converter: the PayoutKind member a text names; anything else is for member_field."""
    return cast("PayoutKind", member_text(PayoutKind, value))


def _item_amount_field(instance: PayoutItem, attribute: Any, value: Any) -> None:
    """An attrs validator: a bonus's amount is more than zero, any other's not negative.

    Whole cents both; a bonus of zero or less is refused by the one "more than
    zero" rule (:data:`~upwork_safety._amount_fields.MORE_THAN_ZERO`), a negative
    one too.  *kind* is converted and checked before this runs (it comes first).
    """
    if instance.kind is PayoutKind.BONUS:
        positive_cents_field(instance, attribute, value)
    else:
        cents_field(instance, attribute, value)


def _rules_of_item(item: PayoutItem) -> PlatformRules:
    """The default *rules*: those its source's builder uses when given none.

    Those in force at the end of the week for hours and a weekly payment,
    at the charge for a bonus (the moment it is paid).
    """
    week: object = item.week
    if isinstance(week, BillingWeek):
        return week_rules(None, week)
    charged: object = item.charged_at
    if isinstance(charged, datetime) and charged.tzinfo is not None:
        return rules_for(None, min(charged.date(), LATEST))
    # Refused by the moment's own validator, which runs first.
    return cast("PlatformRules", charged)


@through_init
@attrs.frozen
class PayoutItem:
    """One payment of an hourly contract on its way to the freelancer's balance (UTC).

    Built by :func:`payout_schedule` from a :class:`WeeklyInvoice`, a
    :class:`Bonus` or a :class:`WeeklyPayment`.  Amounts are what the client
    pays, before the freelancer's service fee.

    The moments are the ones *rules* give the item it comes from, and the
    constructor checks them: invoiced hours charged at the week's invoice
    time, in review to the end of its dispute window, available when the
    week's :func:`payout_calendar` says (for a Top Rated freelancer or
    not); a weekly payment charged with the week's hours and available
    ``rules.security_period`` later (as in :class:`WeeklyPayment`); a bonus,
    positive, available ``rules.security_period`` after it is paid (as in
    :class:`Bonus`).  A what-if rule set is kept with the item, and
    :attr:`rules_changed` names each rule whose value is not the published
    one.

    Args:
        kind: Hours, a bonus or a weekly payment (a :class:`PayoutKind`
            member or its text, e.g. ``"bonus"``).
        amount: What the client is charged, in whole cents (minor units).
        charged_at: When the client is charged: the Monday 12:00 invoice for
            hours and weekly payments (after *week* ends), the moment of
            payment for a bonus.
        review_ends: The end of the client's dispute window (hours only;
            ``None`` for bonuses and weekly payments, which have none).
        available_at: When the money is available to withdraw.
        protected_amount: The part Hourly Protection covers, in whole cents
            (hours only; zero otherwise, HC 211068288).
        week: The billing week (``None`` for a bonus).
        rules: The platform rules the item's moments come from; default:
            those in force at the end of *week* (hours, weekly payments) or
            at *charged_at* (a bonus), as the builders use.

    Raises:
        InvalidValueError: The moments are out of order (for hours and
            weekly payments, against the week too) or not the ones *rules*
            give, an amount is not in whole cents, a bonus is not positive,
            or the fields do not fit the kind (a bonus with a week, a weekly
            payment with a review window, a protected bonus, ...), or
            *kind* is text no :class:`PayoutKind` has.
        CurrencyMismatchError: The amounts are in different currencies.
        InvalidTypeError: A field has the wrong type.
    """

    kind: PayoutKind = attrs.field(converter=_payout_kind, validator=member_field(PayoutKind))
    amount: Money = attrs.field(converter=plain_money, validator=_item_amount_field)
    charged_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    review_ends: datetime | None = attrs.field(
        converter=optional_to_utc, validator=optional_computed_utc_field
    )
    available_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    protected_amount: Money = attrs.field(converter=plain_money, validator=cents_field)
    week: BillingWeek | None = attrs.field(default=None, validator=_optional_week)
    rules: PlatformRules = attrs.field(
        default=attrs.Factory(_rules_of_item, takes_self=True),
        validator=instance_field(PlatformRules),
    )

    def __attrs_post_init__(self) -> None:
        self._check_order()
        self._check_kind()
        self._check_moments()
        if self.protected_amount.currency != self.amount.currency:
            raise CurrencyMismatchError(
                f"PayoutItem.protected_amount is in {self.protected_amount.currency} but the "
                f"amount is in {self.amount.currency}",
                field="PayoutItem.protected_amount",
                rule="one currency",
            )
        if self.protected_amount > self.amount:
            raise InvalidValueError(
                f"PayoutItem.protected_amount ({self.protected_amount}) cannot be more than "
                f"the amount ({self.amount})",
                field="PayoutItem.protected_amount",
                rule="at most the amount",
            )

    def _check_order(self) -> None:
        week = self.week
        if week is not None and self.kind is PayoutKind.HOURS and self.review_ends is not None:
            check_hours_order(
                week,
                self.charged_at,
                self.review_ends,
                self.available_at,
                owner="PayoutItem",
                names=("charged_at", "review_ends", "available_at"),
            )
        elif week is not None and self.kind is PayoutKind.WEEKLY_PAYMENT:
            check_weekly_payment_order(
                week, self.charged_at, self.available_at, "PayoutItem", "charged_at"
            )
        review = self.review_ends if self.review_ends is not None else self.charged_at
        if not self.charged_at <= review < self.available_at:
            raise InvalidValueError(
                "PayoutItem needs charged_at <= review_ends < available_at, got "
                f"{self.charged_at.isoformat()}, {self.review_ends}, "
                f"{self.available_at.isoformat()}",
                field="PayoutItem.available_at",
                rule="charged <= review ends < available",
            )

    def _check_kind(self) -> None:
        hours = self.kind is PayoutKind.HOURS
        problem = ""
        if (self.week is None) != (self.kind is PayoutKind.BONUS):
            problem = "a bonus has no week; hours and weekly payments have one"
        elif not hours and self.review_ends is not None:
            problem = f"a {self.kind} has no review window (HC 211063668)"
        elif not hours and self.protected_amount.amount != 0:
            problem = f"a {self.kind} is never protected (HC 211068288)"
        elif hours and self.review_ends is None:
            problem = "invoiced hours have a review window (HC 211062158)"
        if problem:
            raise InvalidValueError(
                f"PayoutItem fields do not fit its kind: {problem}",
                field="PayoutItem.kind",
                rule=problem,
            )

    def _check_moments(self) -> None:
        """The moments are the ones *rules* give the item's source; a bonus is positive."""
        rules, week = self.rules, self.week
        # Every kind is compared as (charged, review ends or None, available).
        given = (self.charged_at, self.review_ends, self.available_at)
        options: list[tuple[datetime, datetime | None, datetime]]
        if week is None:  # a bonus (_check_kind)
            options = [(self.charged_at, None, bonus_available(self.charged_at, rules))]
            how = "the charge, plus rules.security_period (as a Bonus)"
        elif self.kind is PayoutKind.WEEKLY_PAYMENT:
            invoiced, available = payment_moments(week, rules)
            options = [(invoiced, None, available)]
            how = "the week's invoice time, plus rules.security_period (as a WeeklyPayment)"
        else:
            calendars = (payout_calendar(week, top_rated=t, rules=rules) for t in (False, True))
            options = [(c.invoiced_at, c.dispute_window_ends, c.available_at) for c in calendars]
            how = "the week's payout_calendar() under its rules (Top Rated or not)"
        if given in options:
            return
        expected = ", ".join(moment.isoformat() for moment in options[0] if moment is not None)
        found = ", ".join(moment.isoformat() for moment in given if moment is not None)
        raise InvalidValueError(
            f"PayoutItem's moments must be {how}: {expected} under rules "
            f"{shown(self.rules.name)}, got {found} (an item saved from what-if rules by an "
            "earlier version, which kept no rules, needs those rules added as its rules)",
            field="PayoutItem.available_at",
            rule="the moments its rules give",
        )

    @property
    def rules_changed(self) -> tuple[str, ...]:
        """The rules (field names of :attr:`rules`) not as published for the item.

        The same comparison as :attr:`WeeklyInvoice.rules_changed`: against
        the rules in force at the end of the week, or at the charge for a
        bonus; empty under the published rules.
        """
        if self.week is None:
            return rules_changed_on(self.rules, self.charged_at)
        return rules_changed(self.rules, self.week)

    def status(self, at: datetime) -> PayoutStatus:
        """Return where the payment is at *at*: upcoming, in review, pending or available.

        Hours are *in review* from the invoice to the end of the dispute
        window (inclusive), then *pending* until their Wednesday; bonuses and
        weekly payments go straight from the charge to *pending*.

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        return payout_status(at, self.charged_at, self.available_at, self.review_ends)

    def to_record(self) -> dict[str, object]:
        """Return the item as one flat dict.

        ``amount`` and ``protected_amount`` are ``Decimal`` amounts, each
        with its currency code after it (``currency``,
        ``protected_amount_currency``), as in every report's rows.
        """
        return money_record(
            (
                ("kind", self.kind),
                ("week", None if self.week is None else str(self.week)),
                ("amount", self.amount),
                ("protected_amount", self.protected_amount),
                ("charged_at", self.charged_at),
                ("review_ends", self.review_ends),
                ("available_at", self.available_at),
                ("rules_changed", ", ".join(self.rules_changed)),
            ),
            ("amount", "protected_amount"),
        )


#: Why the payments a schedule is built from must come in an order: it keeps it for ties.
_TIES = "the order of payouts available at one moment"

#: A week is invoiced once and has one weekly payment.
_ONCE_A_WEEK = "one invoice and one weekly payment per week"


def _check_items(instance: PayoutSchedule, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    items = sequence_of(value, PayoutItem, name, ordered=KEPT_ORDER)
    seen: set[tuple[PayoutKind, BillingWeek]] = set()
    previous: PayoutItem | None = None
    for index, item in enumerate(items):
        where = f"{name}[{index}]"
        if item.amount.currency != instance.currency:
            raise CurrencyMismatchError(
                f"{where} is in {item.amount.currency} but the schedule is in {instance.currency}",
                field=where,
                rule="one currency",
            )
        if previous is not None and _order(item) < _order(previous):
            raise InvalidValueError(
                f"{where} must not become available before the item before it",
                field=where,
                rule="in the order money becomes available",
            )
        if item.week is not None:
            key = (item.kind, item.week)
            if key in seen:
                raise InvalidValueError(
                    f"{where}: the {item.kind} of the week {item.week} is listed twice; a "
                    "schedule is one contract's, so for two contracts build one schedule "
                    "per contract and add their balances()",
                    field=where,
                    rule=_ONCE_A_WEEK,
                )
            seen.add(key)
        previous = item
    # The total and every balance must be money the library can hold (second red team r42, 6).
    fitting_total(
        (item.amount.amount for item in items),
        name,
        "the schedule's total could not be written: build one schedule per period",
    )


def _order(item: PayoutItem) -> tuple[datetime, datetime, str]:
    return (item.available_at, item.charged_at, item.kind.value)


def _added(amounts: list[Money], currency: str) -> Money:
    """*amounts* added up; none is the zero in *currency*'s minor unit, as the engines write it.

    A zero the schedule works out itself is ``0.00`` beside ``150.00``, as an
    empty escrow ledger bucket is (red team r22 L1: it was ``0``); amounts
    that are there are added as given, never rewritten.
    """
    return Money.total(amounts, currency) if amounts else Money.zero(currency).rounded()


def _check_currency(instance: object, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be an ISO 4217 code as str, not {type(value).__name__}",
            field=name,
            rule="an ISO 4217 code",
        )
    try:
        Money.zero(value)
    except InvalidValueError:
        raise InvalidValueError(
            f"{name} must be an ISO 4217 currency code (e.g. 'USD'), got {shown(value)}",
            field=name,
            rule="an ISO 4217 code",
        ) from None


@through_init
@attrs.frozen
class PayoutSchedule:
    """Every payment of an hourly contract, in the order the money becomes available.

    Built by :func:`payout_schedule`.

    Args:
        items: The payments, ordered by when they become available (then by
            when they are charged).
        currency: The one currency of every item (Upwork pays freelancers in
            USD; an empty schedule is in USD).

    Raises:
        InvalidValueError: Items out of order, or the same week's invoice
            or weekly payment listed twice.
        CurrencyMismatchError: Items in different currencies.
        InvalidTypeError: A field has the wrong type.
    """

    currency: str = attrs.field(converter=plain_text, validator=_check_currency)
    items: tuple[PayoutItem, ...] = attrs.field(converter=as_tuple, validator=_check_items)

    @property
    def total(self) -> Money:
        """The sum of every item (``0.00`` in the currency's minor unit when there are none)."""
        return _added([item.amount for item in self.items], self.currency)

    @property
    def protected(self) -> Money:
        """The part of :attr:`total` Hourly Protection covers (invoiced protected hours)."""
        return _added([item.protected_amount for item in self.items], self.currency)

    def balances(self, at: datetime) -> dict[PayoutStatus, Money]:
        """Return how much is upcoming, in review, pending and available at *at*.

        Every status is present (zero in the currency's minor unit, ``0.00``,
        when nothing is in it), in the order money moves through them; the
        values add up to :attr:`total`.

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        moment = utc_instant(at, "at")
        held: dict[PayoutStatus, list[Money]] = {status: [] for status in PayoutStatus}
        for item in self.items:
            held[item.status(moment)].append(item.amount)
        return {status: _added(amounts, self.currency) for status, amounts in held.items()}

    def to_records(self) -> list[dict[str, object]]:
        """Return one flat dict per item, in the schedule's order."""
        return [item.to_record() for item in self.items]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Hourly payouts")


def payout_schedule(
    *,
    invoices: Iterable[WeeklyInvoice] = (),
    bonuses: Iterable[Bonus] = (),
    weekly_payments: Iterable[WeeklyPayment] = (),
) -> PayoutSchedule:
    """Lay out an hourly contract's invoices, bonuses and weekly payments by when they pay.

    A schedule is one contract's: an invoice does not say which contract it
    bills, so two invoices (or weekly payments) of one week are refused as
    that week's given twice.  For a freelancer's several contracts, build
    one schedule per contract and add their :meth:`PayoutSchedule.balances`
    status by status (docs/hourly.md, "Everything an hourly contract pays").

    Args:
        invoices: Weekly invoices of hours (from :func:`invoice`).
        bonuses: Bonuses (from :func:`bonus`).
        weekly_payments: Fixed weekly payments (from :func:`weekly_payment`).

    Returns:
        The :class:`PayoutSchedule`, ordered by when the money becomes available.

    Raises:
        InvalidTypeError: An argument is not a sequence of the right kind
            (a ``set`` is refused, rule ``"an ordered sequence"``: payouts
            available at one moment keep the order given).
        InvalidValueError: The same week's invoice or weekly payment is
            given twice (two contracts' invoices of one week too: one
            schedule per contract).
        CurrencyMismatchError: The payments are in different currencies.

    >>> from datetime import datetime, timezone
    >>> from upwork_safety import Money
    >>> from upwork_safety.hourly import bonus
    >>> paid = datetime(2024, 1, 10, 15, tzinfo=timezone.utc)
    >>> plan = payout_schedule(bonuses=[bonus(Money("50.00", "USD"), paid_at=paid)])
    >>> plan.balances(paid)[PayoutStatus.PENDING]
    Money(amount=Decimal('50.00'), currency='USD')
    """
    # Each week's invoice and weekly payment once, checked as they are read (a repeat
    # is refused before the rest are built), naming the caller's arguments.
    first_of: dict[tuple[PayoutKind, BillingWeek], str] = {}
    named: list[tuple[str, PayoutItem]] = []
    for index, bill in enumerate(sequence_of(invoices, WeeklyInvoice, "invoices", ordered=_TIES)):
        what = f"invoices[{index}]"
        _once(first_of, PayoutKind.HOURS, bill.week, what)
        named.append(
            (
                what,
                PayoutItem(
                    kind=PayoutKind.HOURS,
                    amount=bill.amount,
                    charged_at=bill.invoiced_at,
                    review_ends=bill.dispute_window_ends,
                    available_at=bill.available_at,
                    protected_amount=bill.protected_amount,
                    week=bill.week,
                    rules=bill.rules,
                ),
            )
        )
    named.extend(
        (
            f"bonuses[{index}]",
            PayoutItem(
                kind=PayoutKind.BONUS,
                amount=extra.amount,
                charged_at=extra.paid_at,
                review_ends=None,
                available_at=extra.available_at,
                protected_amount=Money.zero(extra.amount.currency).rounded(),
                rules=extra.rules,
            ),
        )
        for index, extra in enumerate(sequence_of(bonuses, Bonus, "bonuses", ordered=_TIES))
    )
    for index, weekly in enumerate(
        sequence_of(weekly_payments, WeeklyPayment, "weekly_payments", ordered=_TIES)
    ):
        what = f"weekly_payments[{index}]"
        _once(first_of, PayoutKind.WEEKLY_PAYMENT, weekly.week, what)
        named.append(
            (
                what,
                PayoutItem(
                    kind=PayoutKind.WEEKLY_PAYMENT,
                    amount=weekly.amount,
                    charged_at=weekly.invoiced_at,
                    review_ends=None,
                    available_at=weekly.available_at,
                    protected_amount=Money.zero(weekly.amount.currency).rounded(),
                    week=weekly.week,
                    rules=weekly.rules,
                ),
            )
        )
    currency = named[0][1].amount.currency if named else _DEFAULT_CURRENCY
    for what, item in named:
        if item.amount.currency != currency:
            raise CurrencyMismatchError(
                f"{what} is in {item.amount.currency} but {named[0][0]} is in {currency}: "
                "a schedule holds one currency",
                field=what,
                rule="one currency",
            )
    items = sorted((item for _, item in named), key=_order)
    return PayoutSchedule(currency=currency, items=items)


def _once(
    first_of: dict[tuple[PayoutKind, BillingWeek], str],
    kind: PayoutKind,
    week: BillingWeek,
    what: str,
) -> None:
    """Refuse a second *kind* of payout for *week*, naming both arguments."""
    key = (kind, week)
    if key in first_of:
        raise InvalidValueError(
            f"{first_of[key]} and {what} are both the {kind} of the week {week}: "
            "give each week's invoice and weekly payment once; a schedule is one "
            "contract's, so for two contracts build one schedule per contract and add "
            "their balances()",
            field=what,
            rule=_ONCE_A_WEEK,
        )
    first_of[key] = what
