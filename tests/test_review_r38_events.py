"""Round 38 code review, findings 3 and 7: the escrow events' amounts and ``History`` indexes."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from upwork_safety import Client, Contract, ContractKind, Milestone, Money, escrow, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError

UTC = timezone.utc


def _at(day: int) -> datetime:
    return datetime(2025, 1, day, 9, tzinfo=UTC)


ZERO = Money("0", "USD")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: escrow.Approve("m1", _at(3), amount=ZERO), "Approve.amount"),
        (lambda: escrow.Approve("m1", _at(3), bonus=ZERO), "Approve.bonus"),
        (lambda: escrow.Refund("m1", _at(3), amount=ZERO), "Refund.amount"),
    ],
)
def test_a_zero_amount_cannot_be_built(build, field):
    """Review r38, 3: a zero amount no contract can apply was built and refused only by apply."""
    with pytest.raises(InvalidValueError) as info:
        build()
    assert (field, "more than zero") == (info.value.field, info.value.rule)


def test_a_zero_amount_cannot_be_loaded():
    """The constructor's rule holds when an event is read back from data too."""
    data = serialize.to_dict(escrow.Approve("m1", _at(3), amount=Money("5", "USD")))
    data["amount"] = {"amount": "0", "currency": "USD"}
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(escrow.Approve, data)
    assert "Approve.amount must be more than zero" in str(info.value)


def test_the_engine_still_refuses_what_depends_on_the_contract():
    """The currency rule stays the engine's: it depends on the milestone."""
    ct = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2025, 1, 1),
        milestones=[Milestone("m1", "Deliver 3 logo concepts", Money("100", "USD"))],
    )
    ct = escrow.apply(escrow.apply(ct, escrow.Fund("m1", _at(1))), escrow.Submit("m1", _at(2)))
    done = escrow.apply(ct, escrow.Approve("m1", _at(3), amount=Money("1.00", "USD")))
    assert done.milestones[0].amount == Money("100", "USD")


def _history() -> escrow.History:
    ct = Contract(
        "c1",
        "cl",
        ContractKind.FIXED_PRICE,
        started=date(2025, 3, 1),
        milestones=[Milestone("m1", "Deliver 3 logo concepts", Money("600", "USD"))],
    )
    ct = escrow.apply(ct, escrow.Fund("m1", datetime(2025, 6, 1, 9, tzinfo=UTC)))
    return escrow.apply(ct, escrow.Submit("m1", datetime(2025, 6, 2, 9, tzinfo=UTC))).history


class _Index:
    """Anything with ``__index__`` (a numpy integer, say) indexes a tuple."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_history_takes_any_index_a_tuple_takes():
    """Review r38, 7: ``History`` "reads like a tuple" but refused an ``__index__`` object."""
    h = _history()
    assert h[_Index(0)] == tuple(h)[_Index(0)]
    assert h[_Index(-1)] == h[1]


@pytest.mark.parametrize("index", [True, "0", 1.0])
def test_history_still_refuses_what_is_not_an_index(index):
    with pytest.raises(InvalidTypeError) as info:
        _history()[index]
    assert (info.value.field, info.value.rule) == ("index", "an int or a slice")
