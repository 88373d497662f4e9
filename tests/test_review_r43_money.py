"""Regressions of review round 43: money, JSON loading (serialize) and their tests."""

from __future__ import annotations

import decimal
import json
from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    InvalidDataError,
    InvalidValueError,
    Money,
    _decimals,
    serialize,
)

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


# --------------------------------------------------------------------------
# newcomer 1: a hint never sends the user to a second refusal
# --------------------------------------------------------------------------


def _contract_json(rate: str) -> str:
    data = serialize.to_dict(Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2)))
    return json.dumps({**data, "service_fee_rate": rate})


def test_a_json_rate_of_a_whole_percentage_is_told_what_json_reads():
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_json(Contract, _contract_json("10"))
    (problem,) = refused.value.problems
    assert ("$.service_fee_rate", "a fraction from 0 up to (not including) 1") == (
        problem.path,
        problem.rule,
    )
    assert 'write "0.1")' in problem.message
    assert "%'" not in problem.message  # no percentage text: the reader refuses it
    # The hint works: what it says to write is read.
    assert Decimal("0.1") == serialize.from_json(Contract, _contract_json("0.1")).service_fee_rate


def test_python_still_offers_the_percentage_it_accepts():
    with pytest.raises(InvalidValueError) as refused:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2), service_fee_rate="10")
    assert "write 0.1 or '10%')" in str(refused.value)
    fee = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2), service_fee_rate="10%")
    assert Decimal("0.1") == fee.service_fee_rate


# --------------------------------------------------------------------------
# newcomer 5: leftover cents go by position; listed largest first, by size
# --------------------------------------------------------------------------


def test_leftover_cents_go_by_position_and_largest_first_keeps_size_order():
    assert (Money("0.01", "USD"), Money("0.00", "USD"), Money("0.09", "USD")) == Money(
        "0.10", "USD"
    ).allocate([3, 7, 90])
    for total, shares in [("0.02", [10, 30, 60]), ("0.10", [3, 7, 90]), ("1.00", [1, 2, 2, 3])]:
        ordered = sorted(shares, reverse=True)
        parts = Money(total, "USD").allocate(ordered)
        assert Money(total, "USD") == sum(parts)
        assert list(parts) == sorted(parts, key=lambda part: part.amount, reverse=True)
