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
    Milestone,
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


# --------------------------------------------------------------------------
# hostile 1: a list or dict subclass whose len() lies is read boundedly
# --------------------------------------------------------------------------

_MILESTONE = {"id": "m1", "title": "Logo", "amount": {"amount": "5.00", "currency": "USD"}}
_CONTRACT = {"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2026-03-02"}
_STOP = 50  # items past the (patched) bound at which the test stops an endless read itself


class _Endless(list):  # type: ignore[type-arg]
    """A list subclass whose len() says 1 and whose iteration never ends."""

    def __init__(self, item: object) -> None:
        super().__init__([item])
        self.item, self.read = item, 0

    def __len__(self) -> int:
        return 1

    def __iter__(self):  # type: ignore[no-untyped-def]
        while True:
            self.read += 1
            if self.read > _decimals.MAX_ITEMS + _STOP:
                raise AssertionError("read past the bound")
            yield self.item


class _EndlessKeys(dict):  # type: ignore[type-arg]
    """A dict subclass whose keys never end (each looked up by its own [])."""

    def __init__(self, data: dict[str, object]) -> None:
        super().__init__(data)
        self.read = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield from dict.__iter__(self)
        while True:
            self.read += 1
            if self.read > _decimals.MAX_ITEMS + _STOP:
                raise AssertionError("read past the bound")
            yield f"extra{self.read}"

    def __getitem__(self, key: str) -> object:
        return dict.get(self, key, 0)


@pytest.fixture
def small_bound(monkeypatch):
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 10)


def test_a_list_subclass_field_is_refused_at_the_item_past_the_bound(small_bound):
    endless = _Endless(_MILESTONE)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, {**_CONTRACT, "milestones": endless})
    (problem,) = refused.value.problems
    assert ("$.milestones", "at most 10 items") == (problem.path, problem.rule)
    assert problem.message.startswith("Contract.milestones holds more than 10 items")
    assert 11 == endless.read  # item 11 read, and refused: no more


def test_a_list_subclass_is_refused_the_same_at_the_top(small_bound):
    endless = _Endless(_MILESTONE)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(list[Milestone], endless)
    (problem,) = refused.value.problems
    assert ("$", "at most 10 items") == (problem.path, problem.rule)
    assert 11 == endless.read


def test_a_list_subclass_within_the_bound_reads_as_its_own_items(small_bound):
    class Shown(list):  # type: ignore[type-arg]
        def __len__(self) -> int:
            return 0

    contract = serialize.from_dict(Contract, {**_CONTRACT, "milestones": Shown([_MILESTONE])})
    assert ("m1",) == tuple(m.id for m in contract.milestones)
    assert ("m1",) == tuple(m.id for m in serialize.from_dict(list[Milestone], Shown([_MILESTONE])))


def test_a_dict_subclass_with_endless_keys_is_refused_at_the_key_past_the_bound(monkeypatch):
    monkeypatch.setattr(serialize._strict, "MAX_KEYS", 10, raising=False)
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 10)  # the guard of _EndlessKeys
    endless = _EndlessKeys(_CONTRACT)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, endless)
    (problem,) = refused.value.problems
    assert ("$", "at most 10 items") == (problem.path, problem.rule)
    assert len(_CONTRACT) + endless.read == 11
