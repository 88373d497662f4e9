"""Round 37, the lead's fixes of what round 36 left open."""

from __future__ import annotations

from decimal import Decimal

import pytest

from upwork_safety import CurrencyMismatchError, InvalidValueError
from upwork_safety.money import Money

_BUILT = "a Money built by its constructor"


def _forged(amount: str, currency: str) -> Money:
    """A Money made without its constructor: its slots set by hand."""
    money = object.__new__(Money)
    object.__setattr__(money, "amount", Decimal(amount))
    object.__setattr__(money, "currency", currency)
    return money


_OPERATIONS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
}


@pytest.mark.parametrize("op", list(_OPERATIONS))
@pytest.mark.parametrize("currency", ["usd", "XXX", "PKR "])
def test_a_hand_made_currency_is_named_as_no_currency_not_as_another_one(op, currency):
    """Closing note r36: ``Money("1", "USD") + <"usd" set by hand>`` said "cannot add USD and
    usd", a currency mismatch; the hand-made side is no Money the constructor built."""
    good, bad = Money("1.00", "USD"), _forged("1.00", currency)
    for left, right, field in ((good, bad, "other"), (bad, good, "self")):
        with pytest.raises(InvalidValueError) as refused:
            _OPERATIONS[op](left, right)
        assert (refused.value.field, refused.value.rule) == (field, _BUILT)
        assert not isinstance(refused.value, CurrencyMismatchError)


@pytest.mark.parametrize("op", list(_OPERATIONS))
def test_two_real_currencies_are_still_a_mismatch(op):
    with pytest.raises(CurrencyMismatchError) as refused:
        _OPERATIONS[op](Money("1.00", "USD"), Money("1.00", "PKR"))
    assert (refused.value.field, refused.value.rule) == ("currency", "one currency")
