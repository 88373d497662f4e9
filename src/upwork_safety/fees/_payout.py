"""The whole path in one call: a payment, the service fee, the withdrawal, the rupees (private)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._validate import whole_cents
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.fees._common import Steps, day_arg, optional_day, ratio_percent
from upwork_safety.fees._contract_terms import payment_terms
from upwork_safety.fees._fee_explanation import ServiceFee, explain
from upwork_safety.fees._route import rates_day
from upwork_safety.fees._withdrawal import WithdrawalQuote, quote
from upwork_safety.models import Contract, ContractKind, Payment, PaymentKind
from upwork_safety.money import ExchangeRate, Money, exact
from upwork_safety.rules import _hourly_available
from upwork_safety.rules import as_of as platform_as_of

if TYPE_CHECKING:
    from upwork_safety.fees._service_fee import Rules
    from upwork_safety.rules import WithdrawalMethod

__all__ = ["Payout", "payout"]

RateLike = Decimal | int | str
#: Monday in :meth:`date.weekday`: Upwork invoices a week's hours on the Monday after it.
_MONDAY = 0


def _wrong_parts() -> InvalidTypeError:
    return InvalidTypeError(
        "Payout needs a ServiceFee and a WithdrawalQuote",
        field="Payout",
        rule="a ServiceFee and a WithdrawalQuote",
    )


def _default_available(payout: Payout) -> date:
    """:func:`available_from` the payment's day (the default of ``Payout.available_on``)."""
    fee: object = payout.fee
    if not isinstance(fee, ServiceFee):
        raise _wrong_parts()
    return available_from(fee.on)


@through_init
@attrs.frozen(kw_only=True, repr=False)
class Payout(Steps):
    """A client's payment all the way to the freelancer's account.

    Built by :func:`payout`: the service fee on the payment, and the
    withdrawal of what it leaves on the Upwork balance.

    Args:
        fee: The service fee on the payment (:class:`ServiceFee`).
        withdrawal: The itemised withdrawal of the fee's net amount.
        available_on: The first day the balance can be withdrawn (UTC):
            by default the payment's day plus the security period (5 days,
            HC 211060918); :func:`payout` gives an hourly contract's week of
            pay its own, later day.

    Raises:
        InvalidValueError: The withdrawal does not withdraw the net amount,
            or *available_on* is before the security period ends.
    """

    fee: ServiceFee = attrs.field()
    withdrawal: WithdrawalQuote = attrs.field()
    available_on: date = attrs.field(default=attrs.Factory(_default_available, takes_self=True))

    def __attrs_post_init__(self) -> None:
        parts: tuple[object, object] = (self.fee, self.withdrawal)
        if not isinstance(parts[0], ServiceFee) or not isinstance(parts[1], WithdrawalQuote):
            raise _wrong_parts()
        if self.withdrawal.sent != self.fee.net:
            raise InvalidValueError(
                f"the withdrawal takes {self.withdrawal.sent} but the payment leaves "
                f"{self.fee.net} on the balance",
                field="Payout.withdrawal",
                rule="withdraws the net amount",
            )
        available = self.available_on
        if type(available) is not date:
            raise InvalidTypeError(
                f"Payout.available_on must be a date, not {type(available).__name__}",
                field="Payout.available_on",
                rule="a date",
            )
        earliest = available_from(self.fee.on)
        if available < earliest:
            raise InvalidValueError(
                f"Payout.available_on is {available}, before the payment of {self.fee.on} "
                f"leaves its security period on {earliest}",
                field="Payout.available_on",
                rule="on or after the payment's day plus the security period",
            )

    def __repr__(self) -> str:
        return f"<Payout {self.paid} on {self.on} → {self.received}>"

    @property
    def paid(self) -> Money:
        """What the client paid for the work (before Upwork's fee)."""
        return self.fee.amount

    @property
    def on(self) -> date:
        """The payment date (it picks the service-fee schedule)."""
        return self.fee.on

    @property
    def schedule(self) -> str:
        """The name of the service-fee schedule applied."""
        return self.fee.schedule.name

    @property
    def service_fee(self) -> Money:
        """Upwork's service fee."""
        return self.fee.fee

    @property
    def balance(self) -> Money:
        """What reached the Upwork balance (and is withdrawn)."""
        return self.fee.net

    @property
    def received(self) -> Money:
        """What arrives in the freelancer's account."""
        return self.withdrawal.received

    @property
    def ideal(self) -> Money:
        """What *paid* buys at the reference rate with no costs at all."""
        return self.withdrawal.reference_rate.convert(self.paid)

    @property
    def cost_vs_reference(self) -> Money:
        """:attr:`ideal` minus :attr:`received`: the service fee and every withdrawal cost."""
        return self.ideal - self.received

    @property
    def cost_percent(self) -> Decimal:
        """:attr:`cost_vs_reference` as a percent of :attr:`ideal` (2 decimals, half up)."""
        return ratio_percent(self.cost_vs_reference, self.ideal)

    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""
        return [
            ("Client paid", self.paid, f"on {self.on}"),
            ("Upwork service fee", -self.service_fee, self.fee.explanation),
            ("Upwork balance", self.balance, f"available to withdraw from {self.available_on}"),
            *self.withdrawal.steps(),
            (
                "Total cost against the reference rate",
                -self.cost_vs_reference,
                f"{self.cost_percent}% of what the payment buys at the reference rate",
            ),
        ]

    def _caption(self) -> str:
        return f"{self.paid} paid on {self.on}"


def start_of(day: date) -> datetime:
    """00:00 UTC on *day*."""
    return datetime.combine(day, time(0), timezone.utc)


def available_from(paid_on: date) -> date:
    """The day money paid on *paid_on* leaves the security period in force that day."""
    return (start_of(paid_on) + platform_as_of(paid_on).security_period).date()


def _available(
    day: date, payment: object, contract: object, *, top_rated: bool
) -> tuple[date, str]:
    """The first day a payment of *day* can be withdrawn, and the rule that says so.

    Hourly pay (an hourly *contract*'s payment of kind ``OTHER``, or a bare
    amount on one) dated on a Monday is read as that Monday's invoice, as
    Upwork's reports date it: its week's :func:`~upwork_safety.hourly.payout_calendar`
    gives the day (the Wednesday after; a Top Rated freelancer's pay skips
    the hold).  Anything else leaves the security period
    (:func:`available_from`).
    """
    kind = payment.kind if isinstance(payment, Payment) else PaymentKind.OTHER
    hourly = isinstance(contract, Contract) and contract.kind is ContractKind.HOURLY
    if hourly and kind is PaymentKind.OTHER and day.weekday() == _MONDAY:
        closes = start_of(day)  # this Monday's invoice is of the week that closed at 00:00
        rules = platform_as_of(day - timedelta(days=1))  # in force at the end of that week
        available, _ = _hourly_available(closes, rules, top_rated=top_rated)
        first = (closes - timedelta(days=7)).date()
        return available.date(), (
            f"hourly pay for the week of {first}, invoiced on {day}, is paid out then, HC 211063698"
        )
    return available_from(day), "the security period, HC 211060918"


def _withdrawal_day(
    reference_rate: object, offered_rate: object, available: date
) -> tuple[date, str, str]:
    """The withdrawal's day, why, and the argument that dates it.

    The rates' day (:func:`~._route.rates_day`: the reference rate's, else
    the offered rate's), else *available*, the first day the payment is
    available.
    """
    dated, dated_by = (
        rates_day(reference_rate, [("offered_rate", offered_rate)])
        if isinstance(reference_rate, ExchangeRate)
        else (None, "")
    )
    if dated is not None:
        return dated, f"{dated_by}'s as_of", dated_by
    why = (
        "the first day the payment is available (its day plus the security period, or an "
        "hourly week's pay day), which payout() withdraws on when reference_rate has no "
        "as_of; to withdraw on another day, pass a reference_rate dated that day"
    )
    return available, why, ""


@exact
def payout(
    payment: Payment | Money,
    *,
    method: WithdrawalMethod | str,
    reference_rate: ExchangeRate,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    offered_rate: ExchangeRate | None = None,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
    pseb_registered: bool = False,
    top_rated: bool = False,
    rules: Rules = None,
) -> Payout:
    """Follow a client's payment to the freelancer's bank: fee, balance, withdrawal, rupees.

    The whole net balance is withdrawn by *method*, on or after the day
    it is available: released money is pending for the security period
    (5 days, HC 211060918), :attr:`Payout.available_on`.  The withdrawal's
    day picks the s.154A tax rules in force: it is the reference rate's
    ``as_of`` (the rate is that day's), else the first day the payment is
    available, so a past payment is taxed by the rules of its time, not
    today's (a payment that is available before 2022-07-01, with an
    undated rate, is refused, since no s.154A rates are known before
    then).  To withdraw on another day, pass a reference rate dated that
    day; or give *tax_rate* yourself.
    :func:`quote_withdrawal`, which has no payment, uses the newest rules
    when neither *on* nor the rate's ``as_of`` is given.

    Args:
        payment: A :class:`~upwork_safety.Payment`, or the amount paid.
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: As :func:`quote_withdrawal`; its ``as_of``, when
            given, is the withdrawal's day, on or after the day the payment
            is available (hourly pay is available later still:
            :func:`~upwork_safety.hourly.invoice` gives its day).
        on: The payment date; defaults to a Payment's own date and is
            required for a bare amount.
        rate: The contract's own service fee, as :func:`service_fee`
            (default: the schedule's, 10% today).
        billed_before: As :func:`explain_service_fee`.
        contract: The contract the payment is on, as
            :func:`explain_service_fee`.  When *payment* is one of its own
            payments (the same object, or an equal copy such as one read
            back from JSON), the ones listed before it on its day count as
            billed before, so the fee is the one :func:`service_fee`
            charges it; any other payment or amount is one more payment,
            billed after all of the contract's payments up to its day.
            Under the sliding scale, where the place decides the fee, a
            copy equal to several of the contract's payments (or one object
            listed twice) is refused (``field='payment'``): pass the
            contract's own entry, ``contract.payments[i]``.
        offered_rate: As :func:`quote_withdrawal`.
        spread: As :func:`quote_withdrawal`.
        tax_rate: As :func:`quote_withdrawal` (default the s.154A rate in
            force on the withdrawal's day).
        pseb_registered: As :func:`quote_withdrawal`.
        top_rated: Whether the freelancer is Top Rated: an hourly week's pay
            then skips the hold (as :func:`~upwork_safety.hourly.invoice`).
        rules: As :func:`service_fee`.

    Returns:
        A :class:`Payout` with every step.

    Raises:
        InvalidValueError: No date for a bare amount, *on* disagreeing with
            the payment's date, a reference (or offered) rate dated before
            the payment is available, its day plus the security period
            (``field='reference_rate'`` or ``'offered_rate'``), a balance after the service fee that
            *method* cannot withdraw (``field='payment'``: the message
            gives the payment, the fee and what they leave), a *payment*
            that could be more than one of the contract's payments
            (``field='payment'``), and every
            error of :func:`service_fee` and :func:`quote_withdrawal`.
        RulesError: No *tax_rate* and a withdrawal's day before the known
            s.154A rules (the message says where the day came from), and
            the rule errors of :func:`service_fee` and :func:`quote_withdrawal`.
    """
    given_day = optional_day(on, "on")
    if isinstance(payment, Payment):
        if given_day is not None and given_day != payment.on:
            raise InvalidValueError(
                f"on={given_day} disagrees with the payment's own date {payment.on}; pass one",
                field="on",
                rule="the payment's date",
            )
        day = payment.on
        paid: object = payment.amount
    elif given_day is None:
        raise InvalidValueError(
            "payout() needs on= (the payment date) for a bare amount: it picks the "
            "service-fee schedule",
            field="on",
            rule="a payment date",
        )
    else:
        day = day_arg(given_day, "on")
        paid = payment
        if isinstance(paid, Money):  # what was paid is whole cents (as a Payment's is)
            whole_cents(paid, "payment")
    chosen, field, before = payment_terms(
        rate, contract, day=day, billed_before=billed_before, rules=rules, payment=payment
    )
    fee = explain(
        paid,
        day=day,
        rate=chosen,
        rate_field=field,
        billed_before=before,
        rules=rules,
        what="payment",
    )
    if not isinstance(top_rated, bool):
        raise InvalidTypeError(
            f"top_rated must be a bool, not {type(top_rated).__name__}",
            field="top_rated",
            rule="a bool",
        )
    available, why = _available(day, payment, contract, top_rated=top_rated)
    withdrawn_on, day_source, dated_by = _withdrawal_day(reference_rate, offered_rate, available)
    if withdrawn_on < available:
        raise InvalidValueError(
            f"{dated_by} is for {withdrawn_on}, but the payment on {day} is not available "
            f"until {available} ({why}): it can be withdrawn from then, so measure it "
            "against a rate of that day or later",
            field=dated_by,
            rule="dated on or after the day the payment is available",
        )
    withdrawal = quote(
        fee.net,
        method,
        reference_rate=reference_rate,
        offered_rate=offered_rate,
        spread=spread,
        tax_rate=tax_rate,
        pseb_registered=pseb_registered,
        on=withdrawn_on,
        day_source=day_source,
        what="payment",
        came_from=f"the {fee.net} left of the {fee.amount} payment after the {fee.fee} "
        "service fee cannot be withdrawn: ",
    )
    return Payout(fee=fee, withdrawal=withdrawal, available_on=available)
