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


class _LyingAmount(Money):
    """A caller's subclass whose ``amount`` attribute answers another value than it holds."""

    def __getattribute__(self, name: str) -> object:
        if name == "amount":
            return Decimal(999)
        return super().__getattribute__(name)


class _AlwaysRounded(Money):
    """A caller's subclass that says every amount is in whole cents."""

    def is_rounded(self) -> bool:
        return True

    def rounded(self) -> Money:
        return self


def test_a_formatted_subclass_shows_what_it_holds_not_what_its_attribute_answers():
    """Diff review r37, 1: ``f"{s:.2f}"`` read ``self.amount`` and printed 999.00."""
    lying = _LyingAmount("1.00", "USD")
    assert (f"{lying:.2f}", f"{lying}", str(lying)) == ("1.00", "USD 1.00", "USD 1.00")


@pytest.mark.parametrize(
    "share", [lambda m: m.split(2), lambda m: m.allocate([1, 1])], ids=["split", "allocate"]
)
def test_sharing_refuses_sub_cent_amounts_whatever_a_subclass_says(share):
    """Diff review r37, 2: ``split`` asked ``self.is_rounded()``, which a subclass answered
    ``True`` for USD 1.005, and the parts added up to USD 1.00."""
    with pytest.raises(InvalidValueError) as refused:
        share(_AlwaysRounded("1.005", "USD"))
    assert (refused.value.field, refused.value.rule) == ("amount", "whole minor units")
    assert _AlwaysRounded("1.005", "USD").is_rounded() is True  # its own method, its own answer
    assert Money.is_rounded(_AlwaysRounded("1.005", "USD")) is False


def test_the_serialize_module_pickles_as_a_reference_to_itself():
    """The clean-clone CI's Dask session: a module whose class is ``SealedModule`` could not be
    pickled, so cloudpickle could not send a function naming ``serialize`` to a worker and the
    docs' Dask recipe failed (``TokenizationError``)."""
    import pickle

    from upwork_safety import serialize

    assert pickle.loads(pickle.dumps(serialize)) is serialize
    assert serialize.__reduce__()[1] == ("upwork_safety.serialize",)
