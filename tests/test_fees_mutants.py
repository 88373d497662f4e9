"""Tests that kill the mutants of ``fees`` that survived the main suite (mutmut).

The survivors were in the report rows (``to_records`` with a locale, the
rows of skipped methods, the notes of ``WithdrawalQuote.lines``) and in
``break_even`` with a percentage fee and withheld tax.  ``break_even`` is
checked here against brute force: at the returned amount the winner does
not receive more, and at every cent above it (for the next $30) it does.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from upwork_safety import ExchangeRate, Money, fees

RATE = ExchangeRate("USD", "PKR", "280.50")
PERCENTAGE = attrs.evolve(
    fees.PAYONEER,
    key="percentage",
    name="Percentage",
    fixed_fee=Money("1.00", "USD"),
    percentage_fee=Decimal("0.03"),
    spread=Decimal("0.01"),
)
WIRE = attrs.evolve(
    fees.WIRE_USD,
    key="wire",
    name="Wire",
    fixed_fee=Money("25.00", "USD"),
    spread=Decimal("0.005"),
    minimum=Money("10.00", "USD"),
    currency="PKR",
)
CENT = Decimal("0.01")


def _received(method, amount, tax):
    return fees.quote_withdrawal(
        Money(amount, "USD"), method, reference_rate=RATE, tax_rate=tax
    ).received


@pytest.mark.parametrize("tax", [None, "0.01", "0.0025"])
@pytest.mark.parametrize(("a", "b"), [(PERCENTAGE, WIRE), (WIRE, PERCENTAGE)], ids=["ab", "ba"])
def test_break_even_with_percentage_fee_and_tax_matches_brute_force(a, b, tax):
    """The crossing is exact to the cent whatever the order of the methods and the tax."""
    found = fees.break_even(a, b, reference_rate=RATE, tax_rate=tax)
    assert found is not None
    assert ("Wire", "Percentage") == (found.better_above, found.better_below)
    at = found.amount.amount
    assert _received(WIRE, at, tax) <= _received(PERCENTAGE, at, tax)
    above = [at + CENT * n for n in range(1, 3001)]
    assert [] == [x for x in above if _received(WIRE, x, tax) <= _received(PERCENTAGE, x, tax)]


def test_break_even_exact_amount():
    """A 3% + $1 method against a $25 wire with a 0.5% spread cross at $688.30."""
    expected = fees.BreakEven(
        amount=Money("688.30", "USD"), better_above="Wire", better_below="Percentage"
    )
    assert expected == fees.break_even(PERCENTAGE, WIRE, reference_rate=RATE)
    assert expected == fees.break_even(PERCENTAGE, WIRE, reference_rate=RATE, tax_rate="0.01")


def test_comparison_records_with_a_locale_and_skipped_methods():
    """to_records(locale=...) formats every money column and lists skipped methods last."""
    comparison = fees.compare_withdrawals(
        Money("1000.00", "USD"),
        reference_rate=RATE,
        methods=(fees.DIRECT_TO_LOCAL_BANK, fees.PAYPAL),
        tax_rate=fees.TAX_RATE_NOT_PSEB,
    )
    assert [
        {
            "method": "Direct to Local Bank (PKR)",
            "received": "PKR277,420.09",
            "fees": "$0.99",
            "spread": Decimal(0),
            "tax": "PKR2,802.22",
            "cost_vs_reference": "PKR3,079.91",
            "cost_percent": Decimal("1.10"),
            "effective_rate": Decimal("277.4201"),
            "business_days": "1–7",
            "note": "spread unconfirmed",
        },
        {
            "method": "PayPal",
            "received": None,
            "fees": None,
            "spread": None,
            "tax": None,
            "cost_vs_reference": None,
            "cost_percent": None,
            "effective_rate": None,
            "business_days": None,
            "note": "skipped: not available in Pakistan",
        },
    ] == comparison.to_records(locale="en_US")
    plain = comparison.to_records()[0]
    expected = {
        "received": Decimal("277420.09"),
        "fees": Decimal("0.99"),
        "tax": Decimal("2802.22"),
        "cost_vs_reference": Decimal("3079.91"),
    }
    assert expected == {key: plain[key] for key in expected}


def test_quote_lines_name_every_step_with_its_sign():
    """Costs are negative, unconfirmed sources are marked, and the notes name the rates."""
    quote = fees.quote_withdrawal(
        Money("1000.00", "USD"),
        fees.PAYONEER,
        reference_rate=RATE,
        tax_rate=fees.TAX_RATE_NOT_PSEB,
    )
    assert [
        ("Withdrawn", Money("1000.00", "USD"), "Upwork balance"),
        (
            "Payoneer fee",
            Money("-2.00", "USD"),
            "COMM Payoneer tip; SEC news reports (unconfirmed)",
        ),
        (
            "Converted",
            Money("274340.22", "PKR"),
            "at 274.89 = reference 280.5 less a 2% spread",
        ),
        ("Spread cost (included above)", Money("-5598.78", "PKR"), "against the reference rate"),
        (
            "Income tax withheld",
            Money("-2743.40", "PKR"),
            "1% of the converted amount (Income Tax Ordinance s.154A)",
        ),
        ("Received", Money("271596.82", "PKR"), "Payoneer"),
        (
            "Cost against the reference rate",
            Money("-8903.18", "PKR"),
            "3.17% of what the balance buys at the reference rate",
        ),
    ] == quote.lines()


def test_quote_lines_confirmed_source_has_no_mark():
    """A confirmed fee's note is its source alone."""
    quote = fees.quote_withdrawal(
        Money("100.00", "USD"), fees.DIRECT_TO_LOCAL_BANK, reference_rate=RATE
    )
    fee_line = quote.lines()[1]
    assert ("Direct to Local Bank (PKR) fee", Money("-0.99", "USD")) == fee_line[:2]
    assert not fee_line[2].endswith("(unconfirmed)")
