"""Round 39's speed cuts keep every check and every refusal (benchmarks/README.md, r39).

* ``cents_field`` reads a Money once (``held()``) for both of its tests, where it read it
  twice (``held()``, then ``is_rounded()``): it takes and refuses exactly what it did;
* a bucket of an ``Escrow`` or a ``Ledger`` that holds the very object an earlier Money
  field of the same value holds is not checked a second time: a value its constructor
  refuses is still refused, by the first field that holds it, with the same error.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest

from upwork_safety import InvalidValueError, MilestoneState, Money
from upwork_safety._amount_fields import _plain_non_negative, cents_field, money_field, whole_cents
from upwork_safety._validate import field_name
from upwork_safety.errors import UpworkSafetyError
from upwork_safety.escrow import Ledger
from upwork_safety.escrow._reports import _BESIDE, _BUCKETS
from upwork_safety.models import Escrow

_S = MilestoneState
#: The ledger's money fields that skip a value an earlier one holds, and the first.
_EARLIER = (*_BUCKETS, *_BESIDE)
_AT = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def _forged(amount: object, currency: object) -> Money:
    """A Money made without its constructor: its slots set by hand."""
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


class _Sub(Money):
    """A Money subclass (a field's converter makes it plain; the validator alone refuses it)."""


_LEDGER = Ledger(_AT, *[Money("0.00", "USD")] * 9)


def _before_r39(instance: object, attribute: Any, value: Any) -> None:
    """``cents_field`` as it was before the round: two reads of the value."""
    if _plain_non_negative(value) and value.is_rounded():
        return
    money_field(instance, attribute, value)
    whole_cents(value, field_name(instance, attribute))


def _outcome(check: Any, value: object) -> tuple[object, ...]:
    attribute = attrs.fields(Ledger).available
    try:
        check(_LEDGER, attribute, value)
    except UpworkSafetyError as error:
        return (type(error), error.field, error.rule, str(error))
    return ("taken",)


@pytest.mark.parametrize(
    "value",
    [
        Money("5.00", "USD"),
        Money("5", "USD"),
        Money("0", "JPY"),
        Money("5.005", "USD"),
        Money("-5.00", "USD"),
        Money("12.5", "JPY"),
        _forged(Decimal("5.00"), "USD"),
        _forged(Decimal("NaN"), "USD"),
        _forged(Decimal("5.00"), "usd"),
        _forged("5.00", "USD"),
        _Sub("5.00", "USD"),
        Decimal("5.00"),
        "5.00",
        None,
    ],
    ids=repr,
)
def test_cents_field_takes_and_refuses_as_before(value: object) -> None:
    assert _outcome(cents_field, value) == _outcome(_before_r39, value)


@pytest.mark.parametrize("field", ["released", "refunded", "carried_over"])
def test_escrow_refuses_a_shared_forged_zero_at_its_first_field(field: str) -> None:
    zero = _forged(Decimal("0.00"), "usd")
    buckets = dict.fromkeys(("released", "refunded", "carried_over"), zero)
    funded = Money("50.00", "USD")
    # The first bucket after ``held`` holding the forged zero is the one named.
    for name in ("released", "refunded", "carried_over"):
        if name != field:
            buckets[name] = Money("0.00", "USD")
        else:
            break
    with pytest.raises(InvalidValueError) as refused:
        Escrow(_S.FUNDED, funded, funded, **buckets)
    assert (refused.value.field, refused.value.rule) == (
        f"Escrow.{field}",
        "a Money built by its constructor",
    )


def test_escrow_refuses_funded_shared_with_held_as_funded_alone() -> None:
    forged = _forged(Decimal("50.00"), "USD ")
    with pytest.raises(InvalidValueError) as alone:
        Escrow(_S.FUNDED, forged, Money("50.00", "USD"))
    with pytest.raises(InvalidValueError) as shared:
        Escrow(_S.FUNDED, forged, forged)
    assert (shared.value.field, shared.value.rule, str(shared.value)) == (
        alone.value.field,
        alone.value.rule,
        str(alone.value),
    )


def test_escrow_refuses_a_shared_negative_at_its_first_field() -> None:
    minus = Money("-1.00", "USD")
    with pytest.raises(InvalidValueError) as refused:
        Escrow(_S.PAID, Money("0.00", "USD"), Money("0.00", "USD"), minus, minus, minus)
    assert refused.value.field == "Escrow.released"


@pytest.mark.parametrize("first", ["in_review", "pending", "available", "at_risk"])
def test_ledger_refuses_a_shared_value_at_its_first_bucket(first: str) -> None:
    zero = Money("0.00", "USD")
    bad = Money("0.005", "USD")
    order = [name for name in _EARLIER if name != "work_in_progress"]
    buckets = {name: (bad if order.index(name) >= order.index(first) else zero) for name in order}
    with pytest.raises(InvalidValueError) as refused:
        Ledger(_AT, work_in_progress=zero, funded=zero, **buckets)
    assert (refused.value.field, refused.value.rule) == (f"Ledger.{first}", "whole minor units")


def test_ledger_takes_a_subclass_shared_by_every_bucket_as_plain_money() -> None:
    zero = _Sub("0.00", "USD")
    buckets = dict.fromkeys(_EARLIER, zero)
    # The converter makes each bucket's subclass plain (one new Money per field): every
    # bucket is checked, and the ledger is built.
    ledger = Ledger(_AT, funded=Money("0.00", "USD"), **buckets)
    assert all(type(getattr(ledger, name)) is Money for name in _EARLIER)
