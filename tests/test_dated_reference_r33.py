"""A withdrawal is measured against a reference rate with its date (DOMAIN.md section 5).

Review r33, domain 2 (fidelity audit r32, finding 4): an undated reference
rate was priced with the newest s.154A tax rules, and the quote did not say
that no day was given.  Every function that quotes a withdrawal, and every
value that holds a quote, now refuses a reference rate without ``as_of``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from upwork_safety import fees, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.models import Payment
from upwork_safety.money import ExchangeRate, Money

DAY = date(2025, 6, 2)
UNDATED = ExchangeRate("USD", "PKR", "280")
DATED = ExchangeRate("USD", "PKR", "280", as_of=DAY)
FIELD = "reference_rate.as_of"
RULE = "a reference rate needs its date (as_of)"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.mark.parametrize(
    "call",
    [
        lambda rate: fees.quote_withdrawal(usd("100.00"), "payoneer", reference_rate=rate),
        lambda rate: fees.quote_withdrawal(usd("100.00"), "payoneer", reference_rate=rate, on=DAY),
        lambda rate: fees.compare_withdrawals(usd("100.00"), reference_rate=rate),
        lambda rate: fees.compare_withdrawals(usd("100.00"), reference_rate=rate, on=DAY),
        lambda rate: fees.withdrawal_for_target(
            Money("26000.00", "PKR"), "payoneer", reference_rate=rate
        ),
        lambda rate: fees.break_even(
            "payoneer", attrs.evolve(fees.WIRE_USD, spread=Decimal(0)), reference_rate=rate
        ),
        lambda rate: fees.payout(Payment(date(2025, 5, 28), usd("100.00")), method="payoneer",
                                 reference_rate=rate),
    ],
    ids=[
        "quote_withdrawal",
        "quote_withdrawal_on",
        "compare_withdrawals",
        "compare_withdrawals_on",
        "withdrawal_for_target",
        "break_even",
        "payout",
    ],
)  # fmt: skip
def test_every_withdrawal_function_refuses_an_undated_reference_rate(call):
    """The same rate with its day is accepted; without it, refused naming its as_of."""
    call(DATED)
    with pytest.raises(InvalidValueError) as caught:
        call(UNDATED)
    assert (FIELD, RULE) == (caught.value.field, caught.value.rule)
    assert "has no as_of" in str(caught.value)


def test_a_dated_quote_prices_as_the_audit_checked_by_hand():
    """USD 100 by Payoneer at 280 on 2025-06-02: 98.00 at 274.40, less 1% tax (audit r32 w5)."""
    quote = fees.quote_withdrawal(usd("100.00"), "payoneer", reference_rate=DATED)
    # (100 - 2) x 280 x 0.98 = 26,891.20; 1% tax 268.91.
    assert (Money("26891.20", "PKR"), Decimal("0.01"), Money("26622.29", "PKR")) == (
        quote.converted,
        quote.tax_rate,
        quote.received,
    )
    assert DAY == quote.reference_rate.as_of


def test_a_quote_or_comparison_built_with_an_undated_reference_rate_is_refused():
    """The rule holds in the values too: attrs.evolve names the field's as_of."""
    quote = fees.quote_withdrawal(usd("100.00"), "payoneer", reference_rate=DATED)
    undated_applied = attrs.evolve(quote.applied_rate, as_of=None)
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(quote, reference_rate=UNDATED, applied_rate=undated_applied)
    assert ("WithdrawalQuote.reference_rate.as_of", RULE) == (
        caught.value.field,
        caught.value.rule,
    )
    comparison = fees.compare_withdrawals(usd("100.00"), reference_rate=DATED)
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(comparison, reference_rate=UNDATED)
    assert ("WithdrawalComparison.reference_rate.as_of", RULE) == (
        caught.value.field,
        caught.value.rule,
    )


def test_a_saved_quote_without_its_rate_day_is_refused_on_load_at_its_path():
    """A quote saved with an undated reference rate (as 0.2.0 made them) does not load."""
    quote = fees.quote_withdrawal(usd("100.00"), "payoneer", reference_rate=DATED)
    data = serialize.to_dict(quote)
    assert quote == serialize.from_dict(fees.WithdrawalQuote, data)
    data["reference_rate"]["as_of"] = None
    data["applied_rate"]["as_of"] = None
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(fees.WithdrawalQuote, data)
    assert [("$.reference_rate.as_of", RULE)] == [
        (problem.path, problem.rule) for problem in caught.value.problems
    ]
