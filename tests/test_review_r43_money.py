"""Regressions of review round 43: money, JSON loading (serialize) and their tests."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest

from upwork_safety import InvalidValueError, Money, _decimals

# --------------------------------------------------------------------------
# review 3: Money * Decimal is exact; a refusal never quotes a rounded product
# --------------------------------------------------------------------------

_LARGEST = "999999999999999999.999999999999999999"  # a valid amount, and a valid factor


def test_a_product_of_two_valid_numbers_is_exact_in_the_refusal():
    exact = decimal.Context(prec=100).multiply(Decimal(_LARGEST), Decimal(_LARGEST))
    assert 72 == len(exact.as_tuple().digits)  # more than CONTEXT's 60
    with pytest.raises(InvalidValueError) as refused:
        Money(_LARGEST, "USD") * Decimal(_LARGEST)
    assert ("product", _decimals.INTEGER_DIGITS_RULE) == (
        refused.value.field,
        refused.value.rule,
    )
    assert "998.000000000000000000000000000000000001," in str(refused.value)
    assert exact == _decimals.exact_product(Decimal(_LARGEST), Decimal(_LARGEST))


def test_a_product_that_fits_is_unchanged():
    assert Money("0.000000000000000001", "USD") == Money("0.5", "USD") * Decimal(
        "0.000000000000000002"
    )
    assert Money("-12.50", "USD") == Money("2.50", "USD") * -5
