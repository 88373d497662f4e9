"""The whole path in one call: a payment, the service fee, the withdrawal, the rupees (private)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

from upwork_safety._amount_fields import whole_cents
from upwork_safety._display import shown
from upwork_safety._last_day import LATEST, too_late
from upwork_safety._moments import optional_to_utc, optional_utc_field, utc_instant
from upwork_safety._pickling import through_init
from upwork_safety._plain import to_date
from upwork_safety._validate import bool_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.fees._available import (
    WeekRules,
    available_from,
    check_available,
    hourly_pay_days,
    pay_days_text,
)
from upwork_safety.fees._carriers import amount_type
from upwork_safety.fees._common import Steps, day_arg, optional_day, ratio_percent
from upwork_safety.fees._contract_terms import payment_terms, started_before_rates
from upwork_safety.fees._fee_explanation import ServiceFee, explain
from upwork_safety.fees._route import check_reference, reference_day, usable_method
from upwork_safety.fees._service_fee import Rules
from upwork_safety.fees._withdrawal import WithdrawalQuote, quote
from upwork_safety.models import Contract, ContractKind, Payment, PaymentKind
from upwork_safety.money import ExchangeRate, Money, exact
from upwork_safety.rules import (
    PlatformRules,
    WithdrawalMethod,
    _given_rules,
)

__all__ = ["Payout", "payout"]

RateLike = Decimal | int | str


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
    chosen = _given_rules(payout.platform_rules, PlatformRules, "Payout.platform_rules")
    at = _checked_moment(payout.paid_at, fee.on)
    if payout.hourly_pay:
        return hourly_pay_days(fee.on, chosen, at=at, field="Payout.platform_rules")[0][0]
    return available_from(fee.on, chosen, field="Payout.platform_rules", at=at)


def _checked_moment(at: datetime | None, day: date) -> datetime | None:
    """*at* (``Payout.paid_at``), refused unless it is a moment of *day*, the payment's."""
    if at is not None and at.date() != day:
        raise InvalidValueError(
            f"Payout.paid_at ({at.isoformat()}) is not on the payment's day {day}",
            field="Payout.paid_at",
            rule="a moment of the payment's UTC day",
        )
    return at


@through_init
@attrs.frozen(kw_only=True, repr=False)
class Payout(Steps):
    """A client's payment all the way to the freelancer's account.

    Built by :func:`payout`: the service fee on the payment, and the
    withdrawal of what it leaves on the Upwork balance.

    Args:
        fee: The service fee on the payment (:class:`ServiceFee`).
        withdrawal: The itemised withdrawal of the fee's net amount.
        platform_rules: The :class:`~upwork_safety.rules.PlatformRules`
            whose security period bounds *available_on*: a what-if (used as
            given), a ``RuleHistory`` (the set it has in force on the
            payment's day), or ``None`` (default) for Upwork's rules in
            force on the payment's day; :func:`payout` stores the
            *platform_rules* it was given.
        available_on: The first day the balance can be withdrawn (UTC):
            by default the day the security period of *platform_rules*
            ends (5 days after the payment under Upwork's, HC 211060918),
            counted from *paid_at* as the escrow engine counts it; an
            hourly contract's pay, the day :func:`payout` was given (a
            week's hours: the Wednesday ten days after the week ends,
            HC 211063698).
        paid_at: The payment's moment (timezone-aware, on the fee's day),
            when known, as a :class:`~upwork_safety.Payment`'s ``at`` (or
            the moment :func:`payout` was given as ``on=`` with a bare
            amount or a Payment without ``at``): the security period runs
            from it.  ``None`` (default): the
            moment of the day is not known, and the period is counted
            from 00:00 UTC of the day, as ``Payment.moment`` reads it for
            the escrow ledger and ``checks.review_contract``.
        hourly_pay: The payment is an hourly contract's pay of kind
            ``OTHER`` (:func:`payout` says so): *available_on* is bounded
            by the earliest day such a payment can be available (a week's
            hours by its payout calendar under *platform_rules*,
            HC 211063698), not by the security period alone.
        withdrawn_on: The withdrawal's day, which picked the tax rules
            (default *available_on*).

    Raises:
        InvalidTypeError: *platform_rules* is not a ``PlatformRules``, a
            ``RuleHistory`` of them or ``None`` (``field='Payout.platform_rules'``).
        RulesError: A *platform_rules* history that starts after the
            payment's day (``field='Payout.platform_rules'``).
        InvalidValueError: The withdrawal does not withdraw the net amount,
            *paid_at* not on the payment's day, *available_on* is before
            the security period of *platform_rules* ends (for
            *hourly_pay*, before the earliest day such pay can be
            available),
            *withdrawn_on* is before *available_on*, or the withdrawal's
            reference or applied rate is dated another day than
            *withdrawn_on*.
    """

    fee: ServiceFee = attrs.field()
    withdrawal: WithdrawalQuote = attrs.field()
    platform_rules: WeekRules = attrs.field(default=None)  # checked as available_on is
    paid_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    hourly_pay: bool = attrs.field(default=False, validator=bool_field)
    available_on: date = attrs.field(
        default=attrs.Factory(_default_available, takes_self=True), converter=to_date
    )
    withdrawn_on: date = attrs.field(
        default=attrs.Factory(lambda self: self.available_on, takes_self=True), converter=to_date
    )

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
        for name in ("available_on", "withdrawn_on"):
            value: object = getattr(self, name)
            if type(value) is not date:
                raise InvalidTypeError(
                    f"Payout.{name} must be a date, not {type(value).__name__}",
                    field=f"Payout.{name}",
                    rule="a date",
                )
        check_available(
            self.available_on,
            self.fee.on,
            "Payout.available_on",
            _given_rules(self.platform_rules, PlatformRules, "Payout.platform_rules"),
            rules_field="Payout.platform_rules",
            at=_checked_moment(self.paid_at, self.fee.on),
            hourly_pay=self.hourly_pay,
        )
        if self.withdrawn_on < self.available_on:
            raise InvalidValueError(
                f"Payout.withdrawn_on is {self.withdrawn_on}, before the balance is available "
                f"on {self.available_on}",
                field="Payout.withdrawn_on",
                rule="on or after available_on",
            )
        for name in ("reference_rate", "applied_rate"):
            dated = getattr(self.withdrawal, name).as_of
            if dated is not None and dated != self.withdrawn_on:
                # payout() withdraws on the rates' day: a rate of another day is not the
                # withdrawal's, and one before available_on could not be withdrawn at.
                raise InvalidValueError(
                    f"Payout.withdrawal.{name} is for {dated}, but the payout is withdrawn on "
                    f"{self.withdrawn_on}: a dated rate is the withdrawal's day",
                    field=f"Payout.withdrawal.{name}",
                    rule="dated the withdrawal's day",
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
        """The label of the service-fee schedule applied (its name, or what a what-if changed)."""
        return self.fee.schedule.label

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


def _available(
    day: date,
    payment: object,
    contract: object,
    given: object,
    rules: WeekRules,
    *,
    at: datetime | None = None,
) -> tuple[date, bool]:
    """The first day a payment of *day* can be withdrawn: *given*, else the security period's end.

    An hourly contract's pay (of kind ``OTHER``, or a bare amount) needs the
    day given, since neither the payment's kind nor its date says what it
    pays or which week (an export dates hourly pay by its invoice, or by
    the day worked): a week's hours are available on the Wednesday ten days
    after the week ends, later than a fixed weekly payment or a bonus.  The
    day is refused only before the earliest of :func:`hourly_pay_days`
    (under *rules*): a later one may be a hold, or disputed hours released.
    With no hourly *contract*, a payment is read as released fixed-price
    money: its day plus the security period, counted from its moment
    (``Payment.at``, or *at* for a bare amount: ``on=`` given as a moment)
    when known.  Returns the day and whether the payment is an hourly
    contract's pay (:attr:`Payout.hourly_pay`).
    """
    if isinstance(payment, Payment) and payment.at is not None:
        at = payment.at
    kind = payment.kind if isinstance(payment, Payment) else PaymentKind.OTHER
    hourly_pay = (
        isinstance(contract, Contract)
        and contract.kind is ContractKind.HOURLY
        and kind is PaymentKind.OTHER
    )
    if given is not None:
        if type(given) is not date:
            raise InvalidTypeError(
                f"available_on must be a date or None, not {type(given).__name__}",
                field="available_on",
                rule="a date or None",
            )
        if given > LATEST:  # the withdrawal's day could not be on or after it
            too_late(given, "available_on")
        check_available(given, day, "available_on", rules, at=at, hourly_pay=hourly_pay)
        return given, hourly_pay
    if hourly_pay:
        assert isinstance(contract, Contract)
        raise InvalidValueError(
            f"the payment of {day} on hourly contract {shown(contract.id)} needs available_on=, "
            "since it does not say what it pays: pass the day it is available, one of "
            f"{pay_days_text(hourly_pay_days(day, rules, at=at))} for what it is (a week's hours: "
            "its hourly.invoice(...).available_at, or hourly.payout_calendar(week); a "
            "statement's row: statements.available_on(row)), or a later day your dashboard "
            "gives",
            field="available_on",
            rule="given for an hourly contract's pay",
        )
    return available_from(day, rules, at=at), False


def _withdrawal_day(reference_rate: object, method: object) -> date:
    """The withdrawal's day: the reference rate's ``as_of``, a rate that must have one.

    The method and the rate are checked as :func:`quote_withdrawal` checks
    them, so a payout refuses what a quote refuses, in the same order.
    """
    chosen = usable_method(method)
    return reference_day(check_reference(reference_rate, chosen.balance_currency, chosen))


def _payment_moment(payment: Payment, on: object, given_day: date | None) -> datetime | None:
    """*on* checked against a Payment's date and moment: the moment given, if any.

    A moment given as ``on=`` is used, never dropped (red team r40, hostile
    4): it is the moment of a Payment without ``at``, and must be the
    moment of one with it.
    """
    if given_day is not None and given_day != payment.on:
        raise InvalidValueError(
            f"on={given_day} disagrees with the payment's own date {payment.on}; pass one",
            field="on",
            rule="the payment's date",
        )
    if not issubclass(type(on), datetime):
        return None
    moment = utc_instant(on, "on")
    if payment.at is not None and moment != payment.at:
        raise InvalidValueError(
            f"on={moment.isoformat()} disagrees with the payment's own moment "
            f"{payment.at.isoformat()} (Payment.at); pass one (or a date as on=)",
            field="on",
            rule="the payment's moment",
        )
    return moment


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
    available_on: date | None = None,
    rules: Rules = None,
    platform_rules: WeekRules = None,
) -> Payout:
    """Follow a client's payment to the freelancer's bank: fee, balance, withdrawal, rupees.

    The whole net balance is withdrawn by *method*, on or after the day
    it is available: released money is pending for the security period
    (5 days, HC 211060918), :attr:`Payout.available_on`.  The withdrawal's
    day is the reference rate's ``as_of`` (the rate is that day's; a rate
    without one is refused, as :func:`quote_withdrawal` refuses it), and it
    picks the s.154A tax rules in force, so a past payment is taxed by the
    rules of its time, not today's (a withdrawal before 2022-07-01 is
    refused, since no s.154A rates are known before then, unless you give
    *tax_rate* yourself).  To follow a payment that is still pending, date
    the rate you expect on the day you plan to withdraw.

    Args:
        payment: A :class:`~upwork_safety.Payment`, or the amount paid
            (:class:`~upwork_safety.money.Money`), judged before *on* is
            asked for.  An ``hourly.WeeklyInvoice`` (or another of the
            library's values that carries an amount and its dates) is
            refused with the call that takes it:
            ``payout(inv.amount, on=inv.invoiced_at,
            available_on=inv.available_at.date(), ...)``.
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: As :func:`quote_withdrawal`; its ``as_of`` (required)
            is the withdrawal's day, on or after the day the payment is
            available (hourly pay is available later still:
            :func:`~upwork_safety.hourly.invoice` gives its day).
        on: The payment date; defaults to a Payment's own date and is
            required for a bare amount.  For a bare amount, an aware
            ``datetime`` is the payment's moment: its UTC day is the
            payment's day, and the security period is counted from it, as
            from a Payment's ``at`` (it is :attr:`Payout.paid_at`).  For a
            Payment, its UTC day must be the payment's day; an aware
            ``datetime`` is the moment of a Payment without ``at``, used
            as for a bare amount, and must equal the ``at`` of one with it
            (another moment is refused, ``rule="the payment's moment"``),
            so a moment given is never dropped.
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
        available_on: The first day the payment could be withdrawn, when
            you know it (a hold or a dispute makes it later): at least the
            payment's day plus the security period; default that day.
            Required only when *contract* is an hourly contract and
            *payment* is a bare amount or a Payment of kind ``OTHER``,
            since such a payment does not say what it pays: a week's hours
            are available on the Wednesday ten days after the week ends
            (its ``hourly.invoice(...).available_at`` day, earlier for a
            Top Rated freelancer), whether the payment is dated by the day
            worked or by the week's invoice; a bonus or fixed weekly
            payment 5 days after it is paid.  Any day from the earliest of
            these is taken; an earlier one is refused, and the message
            lists them.  **Without** *contract* (or with a fixed-price
            one), a bare amount or a Payment is read as released
            fixed-price money, available 5 days after its day: for a
            week's hours that day is too early, so pass *available_on*
            (for a statement's row,
            :func:`upwork_safety.statements.available_on`).
        rules: As :func:`service_fee`.
        platform_rules: The :class:`~upwork_safety.rules.PlatformRules`
            that date an hourly week's pay, as
            ``hourly.payout_calendar(week, rules=...)`` (a what-if made
            with ``attrs.evolve``); default those in force at the end of
            each week; and whose ``security_period`` says when the payment
            leaves the security period, read as the escrow engine and
            :func:`upwork_safety.checks.review_contract` read it (a rule set
            as given, a history's in force on the payment's day; default
            Upwork's of that day), counted from the payment's moment
            (``Payment.at``; else *on* when it is a moment; for a payment
            without ``at`` or a bare amount dated by a ``date``, 00:00 UTC
            of its day).  An hourly contract's pay is held
            to its week's payout calendar under them, not to the security
            period.  The :class:`Payout` keeps them, and with them its
            bound.

    Returns:
        A :class:`Payout` with every step.

    Raises:
        InvalidValueError: No date for a bare amount, *on* disagreeing with
            the payment's date, or given as a moment other than a
            Payment's ``at``, a payment dated before the *contract*
            started (``field='payment'``, or ``'on'`` for a bare amount),
            a reference rate without its ``as_of``, or one after
            9990-12-31, the library's last day
            (``field='reference_rate.as_of'``), or dated before the payment
            is available, its day plus the security period
            (``field='reference_rate'``), a payment not available until
            after 9990-12-31 (paid from 9990-12-27: no rate is dated on or
            after its day; ``field='payment'``, or ``'on'`` for a bare
            amount, ``rule='available on or before 9990-12-31'``), an
            offered rate of another day
            than the reference rate (``field='offered_rate'``), a balance
            after the service fee that
            *method* cannot withdraw (``field='payment'``: the message
            gives the payment, the fee and what they leave), a *payment*
            that could be more than one of the contract's payments
            (``field='payment'``), an hourly contract's payment without
            *available_on*, or with a day before it can first be available
            (``field='available_on'``: the message lists the days it can
            first be), an *available_on* after 9990-12-31
            (``field='available_on'``), and every
            error of :func:`service_fee` and :func:`quote_withdrawal`.
        InvalidTypeError: *platform_rules* is not a ``PlatformRules``, a
            ``RuleHistory`` of them or ``None``, and the type errors of :func:`service_fee` and
            :func:`quote_withdrawal`.
        RulesError: No *tax_rate* and a withdrawal's day before the known
            s.154A rules (the message says where the day came from), and
            the rule errors of :func:`service_fee` and :func:`quote_withdrawal`.
    """
    if not isinstance(payment, Payment):  # its type first, then its date (review r37, newcomer 4)
        amount_type(payment, "payment", "payout", payment=True)
    given_day = optional_day(on, "on")
    moment: datetime | None = None  # a bare amount's moment, when on= gives one
    if isinstance(payment, Payment):
        moment = _payment_moment(payment, on, given_day)
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
        # A moment given as on= is the payment's moment, counted as a Payment's at is
        # (red team r39, hostile 4: it had been cut to its day, 00:00 UTC).
        if issubclass(type(on), datetime):
            moment = utc_instant(on, "on")
        if isinstance(paid, Money):  # what was paid is whole cents (as a Payment's is)
            whole_cents(paid, "payment")
    chosen, field, before = payment_terms(
        rate,
        contract,
        day=day,
        billed_before=billed_before,
        rules=rules,
        payment=payment,
        payment_field="payment",
    )
    fee = explain(
        paid,
        day=day,
        rate=chosen,
        rate_field=field,
        billed_before=before,
        rules=rules,
        what="payment",
        contract_started=started_before_rates(rate, contract, day=day, rules=rules),
    )
    chosen_platform = _given_rules(platform_rules, PlatformRules, "platform_rules")
    available, hourly_pay = _available(
        day, payment, contract, available_on, chosen_platform, at=moment
    )
    withdrawn_on = _withdrawal_day(reference_rate, method)
    if withdrawn_on < available and available > LATEST:  # no rate can be dated that late
        raise InvalidValueError(
            f"the payment on {day} is not available until {available} (the security "
            f"period, HC 211060918), after {LATEST.isoformat()}, the library's last day: no "
            "withdrawal of it can be measured, since no reference rate is dated after that day",
            field="payment" if isinstance(payment, Payment) else "on",
            rule=f"available on or before {LATEST.isoformat()}",
        )
    if withdrawn_on < available:
        why = (
            "the day given as available_on"
            if available_on is not None
            else "the security period, HC 211060918"
        )
        raise InvalidValueError(
            f"reference_rate is for {withdrawn_on}, but the payment on {day} is not available "
            f"until {available} ({why}): it can be withdrawn from then, so measure it "
            "against a rate of that day or later",
            field="reference_rate",
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
        day_source="reference_rate's as_of",
        what="payment",
        came_from=f"the {fee.net} left of the {fee.amount} payment after the {fee.fee} "
        "service fee cannot be withdrawn: ",
    )
    return Payout(
        fee=fee,
        withdrawal=withdrawal,
        platform_rules=chosen_platform,
        paid_at=payment.at if isinstance(payment, Payment) and payment.at is not None else moment,
        hourly_pay=hourly_pay,
        available_on=available,
        withdrawn_on=withdrawn_on,
    )
