"""Upwork's service fee on a payment, by the dated schedule in force, and its inverse (private).

:func:`explain_service_fee` works out one transaction's fee and says which
rate it used and why (:class:`ServiceFee`, :class:`FeeBasis`, in
``_fee_explanation``); :func:`service_fee` and :func:`net_earnings` return
the money alone, and also take a whole contract (its payments charged by
``_contract_terms``); :func:`gross_for_net` prices work for a net amount;
:func:`contract_payment_fees` charges many payments of one contract in one
pass over its payments.
"""

from __future__ import annotations

# Imported at run time: the doctests call date(), and the API docs resolve the annotations.
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import overload

from upwork_safety._decimals import INTEGER_DIGITS_RULE
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.fees._carriers import amount_type
from upwork_safety.fees._common import (
    day_arg,
    first_reaching,
    from_units,
    money_arg,
    most_units,
    units_up,
)
from upwork_safety.fees._contract_terms import (
    ContractWork,
    _contract_fees,
    payment_terms,
    started_before_rates,
)
from upwork_safety.fees._fee_explanation import (
    ServiceFee,
    _schedule,
    cents_arg,
    explain,
    resolve_rate,
)
from upwork_safety.models import Contract, Payment
from upwork_safety.money import MAX_DIGITS, Money, exact
from upwork_safety.rules import RuleHistory, ServiceFeeSchedule

__all__ = [
    "contract_payment_fees",
    "explain_service_fee",
    "gross_for_net",
    "net_earnings",
    "service_fee",
]

#: What ``rules=`` accepts: one schedule, a history of them, or ``None`` (Upwork's).
Rules = ServiceFeeSchedule | RuleHistory[ServiceFeeSchedule] | None
RateLike = Decimal | int | str


@exact
def explain_service_fee(
    amount: Money | Payment,
    *,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> ServiceFee:
    """Work out the service fee on one payment and say which rate it used, and why.

    From 2025-05-01 the Help Center still publishes a flat 10%, while
    secondary sources report a per-contract rate of 0–15% shown on the
    offer: without the contract's own rate the fee is 10%
    (:attr:`FeeBasis.DEFAULT`), with it, that rate (:attr:`FeeBasis.CONTRACT`).

    Args:
        amount: The payment's amount (USD), or the
            :class:`~upwork_safety.Payment` itself.  A payment that is one
            of *contract*'s own (the same object, or an equal copy) is
            charged in its place, as :func:`service_fee` charges the
            contract's payments and :func:`payout` charges it: under the
            sliding scale only the payments billed before it count, not
            the payment itself (an amount, or a payment not on the
            contract, is one more payment, billed after the contract's
            payments up to and including its day).
        on: The payment date (a date, or an aware datetime's UTC date);
            a :class:`~upwork_safety.Payment`'s own date when *amount* is
            one (another date is refused), and required for an amount.
        rate: The contract's own fee as a fraction (``Decimal("0.12")``,
            ``"0.12"`` or ``"12%"``): used from 2025-05-01 (0–15%), and
            under the 2023 flat 10% schedule as the legacy 5% (honoured
            until 2023-12-31).  Refused by the sliding scale.
        billed_before: Lifetime billings with this client before this
            payment; ``None`` means a new client ($0 billed).  The 2016–2023
            sliding scale charges by it, and the 2023 flat schedule reads
            it for a legacy 5% *rate*: only a client billed past the scale's
            $10,000 was at 5%, so a smaller amount, or none, is refused.
            Every other schedule ignores it.  With *contract*, the billings
            before the contract's first payment.
        contract: The contract the payment is on: the payment is charged as
            :func:`service_fee` charges the contract's payments (its
            ``service_fee_rate``, and the kept 5% only for a contract already
            at it).  The payment is one more on the contract: under the
            sliding scale, every payment of the contract up to and including
            *on* counts as billed before, as :func:`service_fee` would charge
            it appended to the contract.
        rules: A schedule (e.g. :data:`ENTERPRISE`) or a history of them
            (e.g. :data:`DATABASE_ADMINISTRATION_HISTORY`) to use instead of
            Upwork's marketplace schedules.

    Returns:
        A :class:`ServiceFee` with ``fee``, ``net``, ``rate``, ``basis`` and
        ``explanation``.

    Raises:
        RulesError: A rate the schedule does not charge, or a date before
            the first schedule of *rules*.
        InvalidValueError: A negative amount or one below the cent, a rate that is not a fraction
            below 1, *rate* conflicting with the contract's own, *on*
            before the *contract* started (``field='on'``: the contract
            refuses a payment of its own dated then), no *on* for an
            amount, *on* disagreeing with a payment's own date
            (``field='on'``), or a payment that could be more than one of
            the contract's payments under the sliding scale (listed twice,
            or a copy equal to two of them; ``field='amount'``); with
            *contract*, *billed_before* and the contract's payments billed
            before this one adding up past 18 digits before the point, when
            the schedule reads them (``field='billed_before'``, ``rule`` "a
            total of at most 18 integer digits").
        CurrencyMismatchError: An amount not in USD.
        InvalidTypeError: A wrong-typed argument.

    >>> from upwork_safety.money import Money
    >>> fee = explain_service_fee(Money("100.00", "USD"), on=date(2026, 1, 5))
    >>> print(fee.fee, fee.basis)
    USD 10.00 default
    >>> print(explain_service_fee(Money("100.00", "USD"), on=date(2026, 1, 5), rate="15%").fee)
    USD 15.00

    A contract's own payment, charged in its place (the sliding scale of
    2020 charges the first $500 billed with a client 20%, the rest 10%):

    >>> from upwork_safety import Contract, ContractKind, Payment
    >>> first = Payment(date(2020, 3, 2), Money("750.00", "USD"))
    >>> c = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 3, 1), payments=[first])
    >>> print(explain_service_fee(first, contract=c).fee)
    USD 125.00
    >>> print(explain_service_fee(first.amount, on=first.on, contract=c).fee)  # one more payment
    USD 75.00
    """
    if isinstance(amount, Contract):
        raise InvalidTypeError(
            "explain_service_fee explains one payment: pass its amount and the contract as "
            "contract=...; for a whole contract, service_fee(contract, on=...) and "
            "net_earnings(contract, on=...) take it as it is",
            field="amount",
            rule="Money",
        )
    return _one_payment(
        amount,
        on=on,
        rate=rate,
        billed_before=billed_before,
        contract=contract,
        rules=rules,
        caller="explain_service_fee",
    )


def _one_payment(
    amount: object,
    *,
    on: object,
    rate: object,
    billed_before: object,
    contract: object,
    rules: object,
    caller: str,
    work: ContractWork | None = None,
) -> ServiceFee:
    """The fee on one payment, an amount *on* a day or a Payment: the one rule of the fee functions.

    With *contract*, the payment is charged as one more on it, or, when
    *amount* is a :class:`~upwork_safety.Payment` that is one of the
    contract's own payments, in its place
    (:func:`~upwork_safety.fees._contract_terms.payment_terms`).  A Payment
    brings its own date (*on*, if given, must agree); an amount needs *on*,
    and *caller* names the function that said so.  *work*: as for
    :func:`~upwork_safety.fees._contract_terms.payment_terms`.
    """
    payment = amount if isinstance(amount, Payment) else None
    if payment is None:  # the amount's type first, then its date (review r37, newcomer 4)
        amount_type(amount, "amount", caller, payment=True)
    if payment is not None:
        day = payment.on
        if on is not None and day_arg(on, "on") != day:
            raise InvalidValueError(
                f"on={day_arg(on, 'on')} disagrees with the payment's own date {day}; pass one",
                field="on",
                rule="the payment's date",
            )
        amount = payment.amount
    elif on is None:
        raise InvalidValueError(
            f"{caller}() needs on= (the payment date) for an amount: it picks the "
            "service-fee schedule",
            field="on",
            rule="a payment date",
        )
    else:
        day = day_arg(on, "on")
    chosen, field, before = payment_terms(
        rate,
        contract,
        day=day,
        billed_before=billed_before,
        rules=rules,
        payment=payment,
        payment_field="amount",
        work=work,
    )
    return explain(
        amount,
        day=day,
        rate=chosen,
        rate_field=field,
        billed_before=before,
        rules=rules,
        contract_started=started_before_rates(rate, contract, day=day, rules=rules),
    )


@exact
def contract_payment_fees(contract: Contract) -> Callable[[Payment], ServiceFee]:
    """Return a function that charges payments on *contract*, with one pass over its payments.

    ``contract_payment_fees(contract)(payment)`` is
    ``explain_service_fee(payment, contract=contract)``: the same
    :class:`ServiceFee`, or the same refusal, for each payment (one of the
    contract's own is charged in its place: under the sliding scale after
    the payments billed before it; any other is one more payment).  The
    work that reads every payment of the contract (checking its rate
    against each, counting what was billed before) is done once for all
    the calls, so charging each of a contract's payments in turn is linear
    in its payments, where calling :func:`explain_service_fee` for each
    is quadratic.  The contract is read when the
    function is made: charge another contract, or an edited copy, with a
    new one.

        >>> from datetime import date
        >>> from upwork_safety import Contract, ContractKind, Payment
        >>> from upwork_safety.money import Money
        >>> paid = [Payment(date(2020, 3, d), Money("400.00", "USD")) for d in (1, 2)]
        >>> c = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 2, 1), payments=paid)
        >>> charge = contract_payment_fees(c)
        >>> [str(charge(p).fee) for p in c.payments]  # $400 at 20%; $100 at 20%, $300 at 10%
        ['USD 80.00', 'USD 50.00']

    Args:
        contract: The :class:`~upwork_safety.Contract` whose payments are
            charged, with its ``service_fee_rate`` and the schedule in
            force on each payment's day (Upwork's, as
            :func:`explain_service_fee` with no *rules*).

    Returns:
        A function of a :class:`~upwork_safety.Payment` returning its
        :class:`ServiceFee`.

    Raises:
        InvalidTypeError: *contract* is not a Contract.  The function
            raises, when called, ``InvalidTypeError`` (field ``payment``)
            for anything but a ``Payment``, and every error of
            :func:`explain_service_fee` for that payment.
    """
    if not isinstance(contract, Contract):
        raise InvalidTypeError(
            f"contract_payment_fees() takes a Contract, not {type(contract).__name__}",
            field="contract",
            rule="a Contract",
        )
    work = ContractWork(contract, billed_before=None, rules=None, shared=True)

    @exact
    def charge(payment: Payment) -> ServiceFee:
        if not isinstance(payment, Payment):
            raise InvalidTypeError(
                f"the function contract_payment_fees() returns takes a Payment, not "
                f"{type(payment).__name__}: an amount has no day or place on the contract",
                field="payment",
                rule="a Payment",
            )
        return _one_payment(
            payment,
            on=None,
            rate=None,
            billed_before=None,
            contract=contract,
            rules=None,
            caller="explain_service_fee",
            work=work,
        )

    return charge


@overload
def service_fee(
    amount: Payment,
    *,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money: ...


@overload
def service_fee(
    amount: Money | Contract,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money: ...


@exact
def service_fee(
    amount: Money | Payment | Contract,
    *,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money:
    """Return Upwork's service fee on a payment, by the schedule in force *on* that date.

    The fee is computed per transaction and rounded half up to the cent
    (HC 211062538: $266.64 → $26.66, $333.36 → $33.34).  From 2025-05-01 it
    is the published flat 10% unless the contract's own rate is given;
    :func:`explain_service_fee` says which rate was used.

    A :class:`~upwork_safety.Contract` stands for the money paid to
    the freelancer on it up to and including *on*: each of its payments is
    one transaction, charged by the schedule in force on the payment's own
    date, with the contract's ``service_fee_rate``, and the sliding scale
    counts the earlier payments as billed before.  A contract that kept the
    legacy 5% into 2023 carries it as its rate: its payments under the
    sliding scale are charged by the bands (the top band is that 5%), and
    any other rate is refused there.  Only a contract already at 5% when
    the flat schedule took effect (2023-05-03) kept it: one started before
    that day whose billings with the client by then (*billed_before* and
    its payments before that day) had passed the scale's $10,000; any other
    is refused on a day it would be charged the kept rate, whether or not
    any of its payments fell under the scale.  One payment (an amount with
    ``rate="5%"``) is charged the kept rate by the same rule: only when
    *billed_before* is past $10,000; without it the client is new, and the
    rate is refused.

    Args:
        amount: The payment's amount (USD), the
            :class:`~upwork_safety.Payment` itself, or a contract whose
            payments to charge.  A payment that is one of *contract*'s own
            is charged in its place, as :func:`explain_service_fee` charges
            it: under the sliding scale only the contract's payments billed
            before it count.  Its type is judged before *on* is asked for;
            an ``hourly.WeeklyInvoice`` (or another of the library's values
            that carries an amount and its dates) is refused with the call
            that takes it, e.g. ``service_fee(inv.amount, on=inv.invoiced_at)``.
        on: The payment date (for a contract, the last day counted);
            required, except for a Payment, which brings its own date
            (another date is refused).
        rate: The contract's own fee as a fraction, as in
            :func:`explain_service_fee`.
        billed_before: As :func:`explain_service_fee`.
        contract: As :func:`explain_service_fee`: the contract the payment
            is on.  An amount (or a payment not on the contract) is charged
            as one more payment on it (its ``service_fee_rate``; under the
            sliding scale its payments up to and including *on* count as
            billed before); one of its own payments, in its place.  Only
            with one payment: a contract as *amount* already stands for its
            payments.
        rules: As :func:`explain_service_fee`.

    Returns:
        The fee, in USD, rounded to the cent.

    Raises:
        RulesError: A rate the schedule does not charge on that date, or
            the kept 5% for a contract that was not already at 5%.
        InvalidValueError: A negative amount or one below the cent, *rate* conflicting with the
            contract's own, *on* before the *contract* started, no *on* for an
            amount or a contract, or *on* disagreeing with a payment's own
            date (``field='on'``), or a Payment that could be more than one
            of the *contract*'s payments under the sliding scale (listed
            twice, or a copy equal to two of them; ``field='amount'``), or
            *billed_before* and a contract's payments adding up past 18
            digits before the point (for a contract as *amount*, before any
            of its payments but the last; ``field='billed_before'``, ``rule``
            "a total of at most 18 integer digits").
        CurrencyMismatchError: An amount not in USD; for a contract's payment,
            ``field`` is its path, e.g. ``Contract.payments[0].amount``.
        InvalidTypeError: A wrong-typed argument, or a contract as *amount*
            together with *contract*.

    >>> from upwork_safety.money import Money
    >>> service_fee(Money("500.00", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('50.00'), currency='USD')
    """
    return _charged(
        amount,
        on=on,
        rate=rate,
        billed_before=billed_before,
        contract=contract,
        rules=rules,
        caller="service_fee",
    )[0]


def _charged(
    amount: object,
    *,
    on: object,
    rate: object,
    billed_before: object,
    contract: object,
    rules: object,
    caller: str,
) -> tuple[Money, Money]:
    """``(fee, net)`` of one payment (on *contract*, if given), or of a contract's payments."""
    if isinstance(amount, Contract):
        if contract is not None:
            raise InvalidTypeError(
                "with contract=..., amount is one payment's amount (Money) or one of the "
                "contract's payments (Payment): the contract as amount stands for all its "
                "payments up to on; pass it one way, not both",
                field="amount",
                rule="Money or Payment with contract=",
            )
        if on is None:
            raise InvalidValueError(
                f"{caller}() needs on= for a contract: the last day whose payments it counts",
                field="on",
                rule="a date",
            )
        day = day_arg(on, "on")
        fees = _contract_fees(amount, on=day, rate=rate, billed_before=billed_before, rules=rules)
        return Money.total((f.fee for f in fees), "USD"), Money.total((f.net for f in fees), "USD")
    charged = _one_payment(
        amount,
        on=on,
        rate=rate,
        billed_before=billed_before,
        contract=contract,
        rules=rules,
        caller=caller,
    )
    return charged.fee, charged.net


@overload
def net_earnings(
    amount: Payment,
    *,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money: ...


@overload
def net_earnings(
    amount: Money | Contract,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money: ...


@exact
def net_earnings(
    amount: Money | Payment | Contract,
    *,
    on: date | datetime | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money:
    """Return what reaches the freelancer's Upwork balance: *amount* minus the service fee.

    Takes the same arguments as :func:`service_fee`: a contract as *amount*
    stands for its payments up to and including *on*; ``contract=`` charges
    an amount as one more payment on that contract, so
    ``net_earnings(gross_for_net(n, on=d, contract=c), on=d, contract=c)`` is
    *n* (the inverse, exact to the cent), and one of the contract's own
    payments (a :class:`~upwork_safety.Payment`, ``contract.payments[i]``) in
    its place: ``net_earnings(c.payments[i], contract=c)`` is what that
    payment left on the balance.

    Returns:
        The net amount in USD.

    Raises:
        RulesError: As :func:`service_fee`.
        InvalidValueError: As :func:`service_fee`, among them a Payment
            that could be more than one of the *contract*'s payments under
            the sliding scale (listed twice, or a copy equal to two of
            them; ``field='amount'``).
        CurrencyMismatchError: As :func:`service_fee`.
        InvalidTypeError: As :func:`service_fee`.

    >>> from upwork_safety.money import Money
    >>> net_earnings(Money("266.64", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('239.98'), currency='USD')

    One payment of a contract under the sliding scale of 2020 (20% of the
    first $500 billed with a client, 10% of the rest): its own, in its place,
    and an amount, billed after it:

    >>> from upwork_safety import Contract, ContractKind, Payment
    >>> paid = [Payment(date(2020, 1, 10), Money("400.00", "USD")),
    ...         Payment(date(2020, 2, 10), Money("400.00", "USD"))]
    >>> c = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 1), payments=paid)
    >>> print(net_earnings(c.payments[1], contract=c))
    USD 350.00
    >>> print(net_earnings(Money("400.00", "USD"), on=date(2020, 2, 10), contract=c))
    USD 360.00
    """
    return _charged(
        amount,
        on=on,
        rate=rate,
        billed_before=billed_before,
        contract=contract,
        rules=rules,
        caller="net_earnings",
    )[1]


@exact
def gross_for_net(
    net: Money,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money:
    """Return the smallest payment whose net (after the service fee) reaches *net*.

    Use it to price a milestone: to take home $300.02 in 2024, ask for
    $333.36.  Exact to the cent, and every net is hit exactly:
    ``net_earnings`` of the result is *net*.  Every rate a schedule may
    charge is below 1, so one more cent of payment raises the fee (rounded
    half up) by at most one cent, and the net by none or one.

    Args:
        net: The amount the freelancer wants to receive (USD, ≥ 0).
        on: The payment date.
        rate: As :func:`explain_service_fee`.
        billed_before: As :func:`explain_service_fee`.
        contract: As :func:`explain_service_fee`: the payment is priced as
            one more payment on the contract on *on*, billed after all of the
            contract's payments up to and including *on*.
        rules: As :func:`explain_service_fee`.

    Returns:
        The gross payment in USD, in whole cents.

    Raises:
        RulesError: As :func:`service_fee`.
        InvalidValueError: A negative *net*, one that only a payment
            beyond the library's 18-digit limit would reach, a negative
            *billed_before* or one below the cent (as :func:`service_fee`),
            or *on* before the *contract* started (as
            :func:`explain_service_fee`).

    >>> from upwork_safety.money import Money
    >>> gross_for_net(Money("300.02", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('333.36'), currency='USD')
    """
    day = day_arg(on, "on")
    chosen, field, earlier = payment_terms(
        rate, contract, day=day, billed_before=billed_before, rules=rules
    )
    schedule = _schedule(day, rules)
    currency = schedule.currency
    target = money_arg(net, "net", currency, why="Upwork's service fee is charged on USD")
    before = None if earlier is None else cents_arg(earlier, "billed_before", currency)
    resolve_rate(schedule, day, chosen, field, rules, billed_before=before)

    def net_of(cents: int) -> Money:
        gross = from_units(cents, currency)
        return ServiceFee(
            amount=gross, on=day, schedule=schedule, contract_rate=chosen, billed_before=before
        ).net

    # Every marginal rate is below 1, so the net never falls as the gross grows.
    low = units_up(target.amount, currency)
    most = most_units(currency)
    found = first_reaching(lambda cents: net_of(cents) >= target, low, most)
    if found is None:
        largest = from_units(most, currency)
        raise InvalidValueError(
            f"net {target} needs a payment larger than the largest amount the library holds "
            f"({largest}, {MAX_DIGITS} digits before the decimal point), whose net is only "
            f"{net_of(most)}",
            field="net",
            rule=INTEGER_DIGITS_RULE,
        )
    return from_units(found, currency)
