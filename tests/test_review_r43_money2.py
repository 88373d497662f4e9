"""Regressions of review round 43, second pass: rate hints, bounded readers' words, a docs example."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    InvalidDataError,
    InvalidValueError,
    _decimals,
    fees,
    serialize,
)
from upwork_safety.money import Money

_RULE = "a fraction from 0 up to (not including) 1"
_CONTRACT = {"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2026-03-02"}
#: A hint's offered value: in data `write "0.1"`, in Python `write 0.1 or '10%'`.
_OFFERED = re.compile(r"""write "?([0-9.]+)"?(?: or '([0-9.]+%)')?\)$""")


def _contract(rate: object) -> Contract:
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2), service_fee_rate=rate)


def _refused_in_python(rate: object) -> InvalidValueError:
    with pytest.raises(InvalidValueError) as refused:
        _contract(rate)
    assert ("Contract.service_fee_rate", _RULE) == (refused.value.field, refused.value.rule)
    return refused.value


def _refused_in_data(rate: object) -> str:
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_json(Contract, json.dumps({**_CONTRACT, "service_fee_rate": rate}))
    (problem,) = refused.value.problems
    assert ("$.service_fee_rate", _RULE) == (problem.path, problem.rule)
    return problem.message


# --------------------------------------------------------------------------
# hostile F2: a rate's hint offers only what the same rule accepts
# --------------------------------------------------------------------------

_NO_FRACTION = ["100", "250", "100.5", "1" + "0" * 17, "1.123456789012345678"]


@pytest.mark.parametrize("rate", _NO_FRACTION)
def test_a_rate_whose_fraction_is_refused_gets_no_hint(rate):
    with pytest.raises(InvalidValueError) as refused:  # the fee functions' rate too: one rule
        fees.service_fee(Money("100.00", "USD"), on=date(2025, 6, 2), rate=rate)
    assert ("rate", _RULE) == (refused.value.field, refused.value.rule)
    assert "write" not in str(refused.value)
    assert "write" not in str(_refused_in_python(rate))
    assert "write" not in str(_refused_in_python(Decimal(rate)))
    assert "write" not in _refused_in_data(rate)


@pytest.mark.parametrize("rate", ["1", "10", "15.5", "99", "99.99"])
def test_every_value_a_hint_offers_is_accepted(rate):
    offered = _OFFERED.search(str(_refused_in_python(rate)))
    assert offered is not None
    fraction, percent = offered.groups()
    expected = Decimal(rate) / 100
    assert expected == _contract(fraction).service_fee_rate
    assert expected == _contract(percent).service_fee_rate
    in_data = _OFFERED.search(_refused_in_data(rate))
    assert in_data is not None
    assert (fraction, None) == in_data.groups()
    read = serialize.from_json(Contract, json.dumps({**_CONTRACT, "service_fee_rate": fraction}))
    assert expected == read.service_fee_rate


# --------------------------------------------------------------------------
# review 7: a data message shows the value as the data wrote it
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [("10", "got 10 "), (10, "got 10 "), ("10.50", "got 10.50 "), ("-0", "got -0:")],
)
def test_a_rate_refused_in_data_is_shown_as_written(written, shown):
    message = _refused_in_data(written)
    assert shown in message
    assert "Decimal(" not in message


def test_python_still_shows_the_value_it_was_given():
    assert "got Decimal('10')" in str(_refused_in_python(Decimal(10)))
    assert "got '10'" in str(_refused_in_python("10"))


# --------------------------------------------------------------------------
# review 3: the bounded readers' refusal says what it counted
# --------------------------------------------------------------------------


class _Keys(dict):  # type: ignore[type-arg]
    """A dict subclass (an ORM row), read through its own keys."""


def test_an_object_past_the_bound_is_told_of_its_keys(monkeypatch):
    monkeypatch.setattr(serialize._strict, "MAX_KEYS", 10)
    data = _Keys({**_CONTRACT, **{f"extra{index}": 0 for index in range(10)}})
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, data)
    (problem,) = refused.value.problems
    assert ("$", "at most 10 items") == (problem.path, problem.rule)
    assert "more than 10 keys" in problem.message
    assert "in one object" in problem.message
    assert "list" not in problem.message


def test_a_list_past_the_bound_is_still_told_of_its_items(monkeypatch):
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    with pytest.raises(InvalidValueError) as refused:
        tuple(_decimals.bounded(iter(range(5)), "items"))
    assert ("items", "at most 3 items") == (refused.value.field, refused.value.rule)
    assert "more than 3 items" in str(refused.value)
    with pytest.raises(InvalidValueError) as keys:
        tuple(_decimals.bounded(iter(range(5)), "this object", keys=True))
    assert ("this object", "at most 3 items") == (keys.value.field, keys.value.rule)
    assert "more than 3 keys" in str(keys.value)


def test_the_docs_example_reads_no_message_text():
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "api" / "serialize.md").read_text("utf-8")
    assert 'split("got ")' not in text
