"""A contract's history is held to its one currency when built or loaded (review r35, 1).

Before, an ``Approve``, ``Refund`` or ``ResolveDispute`` stating money in
another currency than the contract's was built and loaded (the load check
compared amounts only), the engine read it, and only ``replay`` and
``as_offered`` refused it.  Now the contract refuses it naming
``Contract.history[i].<field>`` and the rule its milestones and payments
follow, and one event in two currencies is refused when it is built.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from upwork_safety import Contract, CurrencyMismatchError, Milestone, Money, escrow, serialize
from upwork_safety.errors import InvalidDataError
from upwork_safety.escrow import Approve, Fund, OpenDispute, Refund, ResolveDispute, Submit

if TYPE_CHECKING:
    from upwork_safety._events import Event


#: The rule the milestones and payments follow (``_money_fields.ONE_CURRENCY``).
ONE_CURRENCY = "one currency"


def at(day: int) -> datetime:
    return datetime(2026, 1, day, tzinfo=timezone.utc)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def pkr(amount: str) -> Money:
    return Money(amount, "PKR")


OFFER = Contract(
    "c1",
    "acme",
    "fixed_price",
    date(2026, 1, 1),
    milestones=[Milestone("m1", "Logo", usd("15.00"))],
)


def made(*events: Event) -> Contract:
    """What the engine makes of *events* on the one-milestone USD 15.00 offer."""
    return escrow.replay(OFFER, events)


def rebuilt(contract: Contract, index: int, event: Event) -> Contract:
    """*contract* built again by hand with its history's entry *index* replaced by *event*."""
    history = list(contract.history)
    history[index] = event
    fields = {f.alias: getattr(contract, f.name) for f in attrs.fields(Contract)}
    return Contract(**{**fields, "history": history})


RESOLVED = made(
    Fund("m1", at(1)),
    OpenDispute("m1", at(2)),
    ResolveDispute("m1", at(3), usd("10.00"), usd("5.00")),
)
APPROVED = made(Fund("m1", at(1)), Submit("m1", at(2)), Approve("m1", at(3), amount=usd("15.00")))
BONUS = made(Fund("m1", at(1)), Submit("m1", at(2)), Approve("m1", at(3), bonus=usd("2.00")))
REFUNDED = made(Fund("m1", at(1)), Refund("m1", at(2), amount=usd("5.00")))

#: (what, the engine's contract, the entry edited, the same entry in PKR, its field).
CASES = [
    (
        "a dispute split in PKR",
        RESOLVED,
        2,
        ResolveDispute("m1", at(3), pkr("10.00"), pkr("5.00")),
        "to_freelancer",
    ),
    (
        "an approval of PKR over a USD release",
        APPROVED,
        2,
        Approve("m1", at(3), amount=pkr("15.00")),
        "amount",
    ),
    ("a bonus in PKR", BONUS, 2, Approve("m1", at(3), bonus=pkr("2.00")), "bonus"),
    ("a refund of escrow in PKR", REFUNDED, 1, Refund("m1", at(2), amount=pkr("5.00")), "amount"),
]


@pytest.mark.parametrize(
    ("contract", "index", "event", "name"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_contract_refuses_history_money_in_another_currency(contract, index, event, name):
    """Built by hand, the contract names the history entry's field and the one-currency rule."""
    with pytest.raises(CurrencyMismatchError) as info:
        rebuilt(contract, index, event)
    assert (f"Contract.history[{index}].{name}", ONE_CURRENCY) == (
        info.value.field,
        info.value.rule,
    )
    assert "PKR" in str(info.value)
    assert "USD" in str(info.value)


@pytest.mark.parametrize(
    ("contract", "index", "event", "name"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_file_with_history_money_in_another_currency_is_refused(contract, index, event, name):
    """Loaded from JSON, the problem's path is the money's, and its rule the one currency."""
    data: dict[str, Any] = json.loads(serialize.to_json(contract))
    # Every money field of the event: in one currency, not the contract's.
    for value in data["history"][index].values():
        if isinstance(value, dict):
            value["currency"] = "PKR"
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    problem = info.value.problems[0]
    assert (f"$.history[{index}].{name}", ONE_CURRENCY) == (problem.path, problem.rule)
    # The edit is the case's event: built by hand, the same contract is refused too.
    assert type(event) is type(contract.history[index])


def test_the_same_history_in_the_contract_currency_loads():
    """The check refuses the currency only: the engine's own contracts build and load as before."""
    for _what, contract, index, _event, _name in CASES:
        assert contract == rebuilt(contract, index, contract.history[index])
        assert contract == serialize.from_json(Contract, serialize.to_json(contract))


def test_a_dispute_split_in_two_currencies_is_refused_when_built():
    """``ResolveDispute`` splits one escrow: its two parts are in one currency."""
    with pytest.raises(CurrencyMismatchError) as info:
        ResolveDispute("m1", at(3), usd("10.00"), pkr("5.00"))
    assert ("ResolveDispute.to_client", ONE_CURRENCY) == (info.value.field, info.value.rule)


def test_an_approval_in_two_currencies_is_refused_when_built():
    """``Approve``'s amount and bonus, both given, are in one currency."""
    with pytest.raises(CurrencyMismatchError) as info:
        Approve("m1", at(3), amount=usd("1.00"), bonus=pkr("1.00"))
    assert ("Approve.bonus", ONE_CURRENCY) == (info.value.field, info.value.rule)


def test_an_event_in_one_currency_is_built():
    """One currency per event is all that is asked: either part may be absent or zero."""
    assert pkr("1.00") == Approve("m1", at(3), bonus=pkr("1.00")).bonus
    assert usd("2.00") == Approve("m1", at(3), amount=usd("1.00"), bonus=usd("2.00")).bonus
    assert usd("0") == ResolveDispute("m1", at(3), usd("15.00"), usd("0")).to_client
