"""One payment's (and one month's) net of a contract: service_fee and net_earnings take a Payment.

Regression (newcomer r22 L4): ``net_earnings(payment, contract=c)`` was refused with
"amount must be Money, not Payment", which said nothing of what to call, and the call
that was accepted, ``net_earnings(payment.amount, on=payment.on, contract=c)``, charges
the amount as one *more* payment after the contract's own, so under the sliding scale
the obvious call was off by the tier difference ($360 for a payment that left $350).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import ExchangeRate, fees
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import Contract, ContractKind, Payment
from upwork_safety.money import Money


def usd(amount: str) -> Money:
    """US dollars."""
    return Money(amount, "USD")


def _by_hand(amount: Decimal, before: Decimal) -> Decimal:
    """The 2016-2023 sliding scale (DOMAIN.md section 4), written out for these tests only.

    20% of the first $500 billed with the client, 10% of $500.01-$10,000, 5% above.
    """
    bands = [(Decimal(500), Decimal("0.20")), (Decimal(10_000), Decimal("0.10"))]
    fee, low = Decimal(0), before
    high = before + amount
    for top, share in bands:
        if low < top:
            fee += (min(high, top) - low) * share
            low = min(high, top)
    fee += max(high - max(low, Decimal(10_000)), Decimal(0)) * Decimal("0.05")
    return fee


#: Two $400 payments with one client in 2020, under the sliding scale.
JAN = Payment(date(2020, 1, 10), usd("400.00"))
FEB = Payment(date(2020, 2, 10), usd("400.00"))
MAR = Payment(date(2020, 3, 10), usd("300.00"))
C = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 1), payments=[JAN, FEB, MAR])


def test_the_hand_figures():
    """DOMAIN.md section 4 by hand: $80 on January's $400 (all in the 20% band), $50 on
    February's ($100 at 20% and $300 at 10%), $30 on March's $300 (all at 10%)."""
    assert Decimal(80) == _by_hand(Decimal(400), Decimal(0))
    assert Decimal(50) == _by_hand(Decimal(400), Decimal(400))
    assert Decimal(30) == _by_hand(Decimal(300), Decimal(800))
    assert Decimal(110) == _by_hand(Decimal(600), Decimal(0))  # the source's own example


@pytest.mark.parametrize(
    ("payment", "before"),
    [(JAN, Decimal(0)), (FEB, Decimal(400)), (MAR, Decimal(800))],
    ids=["jan", "feb", "mar"],
)
def test_a_contracts_own_payment_is_charged_in_its_place(payment, before):
    """net_earnings and service_fee take the contract's own Payment and charge it where it
    stands: only the payments before it count as billed before."""
    fee = _by_hand(payment.amount.amount, before)
    assert usd(str(fee)) == fees.service_fee(payment, contract=C)
    assert usd(str(payment.amount.amount - fee)) == fees.net_earnings(payment, contract=C)
    explained = fees.explain_service_fee(payment, contract=C)  # the one rule: same answer
    assert (explained.fee, explained.net) == (
        fees.service_fee(payment, contract=C),
        fees.net_earnings(payment, contract=C),
    )
    assert fees.net_earnings(payment, on=payment.on, contract=C) == fees.net_earnings(
        payment, contract=C
    )


def test_one_payment_and_one_month_350_not_360():
    """The report's case: February's payment left $350 ($400 less $50), while an amount with
    contract= is one more payment after February's, charged $40 (all at 10%)."""
    assert usd("350.00") == fees.net_earnings(FEB, contract=C)
    assert usd("360.00") == fees.net_earnings(FEB.amount, on=FEB.on, contract=C)
    february = [p for p in C.payments if (p.on.year, p.on.month) == (2020, 2)]
    month = Money.total((fees.net_earnings(p, contract=C) for p in february), "USD")
    assert usd("350.00") == month
    # The same month from the contract's running totals.
    assert month == fees.net_earnings(C, on=date(2020, 2, 29)) - fees.net_earnings(
        C, on=date(2020, 1, 31)
    )
    # And as payout charges it.
    rate = ExchangeRate("USD", "PKR", "280.00", as_of=date(2020, 2, 17))
    assert (
        month
        == fees.payout(FEB, contract=C, method="payoneer", reference_rate=rate, tax_rate=0).fee.net
    )


def test_a_payment_not_on_the_contract_is_one_more_payment():
    """A Payment that is not one of the contract's is charged as an amount is: billed after
    the contract's payments up to its day."""
    other = Payment(date(2020, 2, 10), usd("100.00"))
    assert fees.net_earnings(other, contract=C) == fees.net_earnings(
        other.amount, on=other.on, contract=C
    )
    assert usd("90.00") == fees.net_earnings(other, contract=C)  # after $800: all at 10%
    assert usd("80.00") == fees.net_earnings(other)  # a new client: all at 20%


def test_a_payment_brings_its_own_date():
    """Another on= than the payment's own is refused, naming on."""
    with pytest.raises(InvalidValueError) as info:
        fees.net_earnings(FEB, on=date(2020, 2, 11), contract=C)
    assert ("on", "the payment's date") == (info.value.field, info.value.rule)


@pytest.mark.parametrize("function", [fees.net_earnings, fees.service_fee])
def test_an_amount_or_a_contract_still_needs_on(function):
    """on= stays required for an amount and for a contract, and its absence is named."""
    with pytest.raises(InvalidValueError) as info:
        function(usd("400.00"))  # type: ignore[call-overload]
    assert "on" == info.value.field
    assert function.__name__ in str(info.value)
    with pytest.raises(InvalidValueError) as info:
        function(C)  # type: ignore[call-overload]
    assert "on" == info.value.field


def test_a_contract_with_contract_is_still_refused():
    """A contract stands for all its payments: passing one as contract= too is refused."""
    with pytest.raises(InvalidTypeError) as info:
        fees.net_earnings(C, on=date(2020, 2, 29), contract=C)
    assert "amount" == info.value.field
    assert "Payment" in str(info.value)


#: The same object listed twice, and a contract of two equal payments (so an equal copy
#: could be either): under the sliding scale each is charged differently.
TWICE = Contract("c2", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 1), payments=[JAN, JAN])


@pytest.mark.parametrize(
    "function", [fees.net_earnings, fees.service_fee, fees.explain_service_fee]
)
@pytest.mark.parametrize(
    "payment", [JAN, Payment(JAN.on, usd("400.00"))], ids=["listed-twice", "equal-copy"]
)
def test_an_ambiguous_payment_is_refused_naming_the_amount_argument(function, payment):
    """A Payment that could be either of two entries is refused under ``amount``, the argument
    the caller passed, not ``payment``, which these functions have no argument of (red team r22
    L3)."""
    with pytest.raises(InvalidValueError) as info:
        function(payment, contract=TWICE)
    assert type(info.value) is InvalidValueError
    assert ("amount", "one payment of the contract") == (info.value.field, info.value.rule)
    assert "payments[0], payments[1]" in str(info.value)


@pytest.mark.parametrize(
    "function", [fees.net_earnings, fees.service_fee, fees.explain_service_fee]
)
def test_a_payment_dated_before_the_contract_is_refused_naming_amount(function):
    """A Payment dated before the contract started is refused under ``amount`` too."""
    with pytest.raises(InvalidValueError) as info:
        function(Payment(date(2019, 12, 31), usd("400.00")), contract=C)
    assert "amount" == info.value.field


def test_payout_still_names_its_payment_argument():
    """payout's argument is ``payment``: its refusal of the same case keeps that name."""
    rate = ExchangeRate("USD", "PKR", "280.00", as_of=date(2020, 1, 17))
    with pytest.raises(InvalidValueError) as info:
        fees.payout(JAN, contract=TWICE, method="payoneer", reference_rate=rate, tax_rate=0)
    assert ("payment", "one payment of the contract") == (info.value.field, info.value.rule)
