"""Tests that kill the mutants of ``money`` that survived the main suite (mutmut).

The comparison operators survived because Python falls back to the
reflected operator when one returns ``NotImplemented``, so ``a <= b`` stayed
right even when ``__le__`` was broken; the dunders are called directly here.
Messages, the rounding quantum of ``inverse`` and the babel pass-through
arguments are pinned exactly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import ExchangeRate, Money
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError

ONE = Money("1.00", "USD")
ONE_AND_A_HALF = Money("1.50", "USD")


@pytest.mark.parametrize(
    ("method", "left", "right", "expected"),
    [
        ("__lt__", ONE, ONE_AND_A_HALF, True),
        ("__lt__", ONE, ONE, False),
        ("__lt__", ONE_AND_A_HALF, ONE, False),
        ("__le__", ONE, ONE_AND_A_HALF, True),
        ("__le__", ONE, ONE, True),
        ("__le__", ONE_AND_A_HALF, ONE, False),
        ("__gt__", ONE_AND_A_HALF, ONE, True),
        ("__gt__", ONE, ONE, False),
        ("__gt__", ONE, ONE_AND_A_HALF, False),
        ("__ge__", ONE_AND_A_HALF, ONE, True),
        ("__ge__", ONE, ONE, True),
        ("__ge__", ONE, ONE_AND_A_HALF, False),
    ],
)
def test_comparison_dunders_answer_themselves(method, left, right, expected):
    """Each comparison dunder answers directly (not through Python's reflected fallback)."""
    assert expected is getattr(left, method)(right)


@pytest.mark.parametrize("method", ["__lt__", "__le__", "__gt__", "__ge__"])
def test_comparison_dunders_decline_other_types(method):
    """Comparing with a non-Money returns NotImplemented, so Python raises TypeError."""
    assert NotImplemented is getattr(ONE, method)(Decimal(1))


def test_half_a_cent_apart_is_ordered():
    """Sub-unit differences order correctly: 1.005 > 1.00 and not <= 1.00."""
    a = Money("1.005", "USD")
    assert a.__gt__(ONE) is True
    assert a.__le__(ONE) is False


def test_float_multiplication_message():
    """Multiplying by a float names the Decimal to pass instead."""
    with pytest.raises(InvalidTypeError) as info:
        ONE * 1.5
    assert "Money can be multiplied by an int or Decimal, not a float; pass Decimal('1.5')" == str(
        info.value
    )


def test_float_division_message():
    """Dividing by a float names the Decimal to pass instead."""
    with pytest.raises(InvalidTypeError) as info:
        ONE / 1.5
    assert "Money can be divided by an int or Decimal, not a float; pass Decimal('1.5')" == str(
        info.value
    )


def test_division_by_zero_message():
    """Dividing by zero is refused with a plain message."""
    with pytest.raises(InvalidValueError) as info:
        ONE / 0
    assert "cannot divide Money by zero" == str(info.value)


def test_inverse_keeps_date_and_source_and_18_places():
    """inverse() keeps as_of and source and rounds to exactly 18 decimal places."""
    rate = ExchangeRate("USD", "PKR", "3", as_of=date(2025, 1, 2), source="SBP")
    expected = ExchangeRate(
        "PKR", "USD", Decimal("0.333333333333333333"), as_of=date(2025, 1, 2), source="SBP"
    )
    assert expected == rate.inverse()


def test_format_passes_babel_arguments_through():
    """format= and currency_digits= reach babel unchanged."""
    usd = Money("1234.5", "USD")
    assert "1,234.500 $" == usd.format(locale="en_US", format="#,##0.000 ¤", currency_digits=False)
    yen = Money("1234.5", "JPY")
    assert "¥1,234" == yen.format(locale="en_US")
    assert "¥1,234.50" == yen.format(locale="en_US", currency_digits=False)
    assert "1,234.50 US dollars" == usd.format(locale="en_US", format_type="name")


def test_format_spec_applies_to_the_amount():
    """A format spec formats the amount; an empty spec gives str()."""
    usd = Money("1234.5", "USD")
    assert "1234.500" == f"{usd:.3f}"
    assert "USD 1,234.50" == f"{usd}"


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: Money(1, "USD") + Money(1, "PKR"),
            CurrencyMismatchError,
            "cannot add USD and PKR: convert one with an ExchangeRate first",
        ),
        (
            lambda: ExchangeRate("USD", "PKR", "x"),
            InvalidValueError,
            "ExchangeRate.rate must be a decimal number, got 'x'",
        ),
        (
            lambda: ExchangeRate("USD", "PKR", "1", as_of="2025-01-01"),
            InvalidTypeError,
            "ExchangeRate.as_of must be a date or None, not str",
        ),
        (
            lambda: ExchangeRate("USD", "PKR", "1", source=3),
            InvalidTypeError,
            "ExchangeRate.source must be a str, not int",
        ),
        (
            lambda: ExchangeRate("USD", "PKR", "280").with_spread("x"),
            InvalidValueError,
            "spread must be a decimal number, got 'x'",
        ),
    ],
    ids=["add", "rate", "as_of", "source", "spread"],
)
def test_refusals_name_the_field(build, error, message):
    """Each refusal names the field or operation exactly."""
    with pytest.raises(error) as info:
        build()
    assert message == str(info.value)
