"""Round 38, hostile2 pass 8: the engine judges an event's amounts by its constructor's rules.

When "more than zero" moved into the event constructors (review r38,
review 3), the engine stopped checking it: a zero ``Refund`` built around
its constructor (``object.__new__``) was applied and recorded, giving a
contract that ``to_dict`` wrote and ``from_dict`` refused.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import Client, Contract, ContractKind, Milestone, Money, escrow
from upwork_safety.errors import InvalidValueError

UTC = timezone.utc


def _submitted() -> Contract:
    contract = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2024, 1, 1),
        milestones=[Milestone("m1", "Deliver 3 logo concepts as PNG and SVG", Money("500", "USD"))],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2024, 1, 1, 9, tzinfo=UTC)))
    return escrow.apply(contract, escrow.Submit("m1", datetime(2024, 1, 2, 9, tzinfo=UTC)))


def _forged(kind: type[object], **values: object) -> object:
    """An event of *kind* holding *values*, built around its constructor."""
    event = object.__new__(kind)
    for field in attrs.fields(kind):  # type: ignore[arg-type]
        object.__setattr__(event, field.name, values.get(field.name, field.default))
    return event


AT = datetime(2024, 1, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "name", "value", "rule"),
    [
        (escrow.Refund, "amount", Money("0.00", "USD"), "more than zero"),
        (escrow.Approve, "amount", Money("0.00", "USD"), "more than zero"),
        (escrow.Approve, "bonus", Money("0.00", "USD"), "more than zero"),
        # Negative too: one rule for every amount of zero or less (review r43, review 1).
        (escrow.Refund, "amount", Money("-5.00", "USD"), "more than zero"),
    ],
)
def test_a_forged_event_amount_is_refused_by_its_constructor_rule(
    kind: type[object], name: str, value: Money, rule: str
) -> None:
    contract = _submitted()
    event = _forged(kind, milestone_id="m1", at=AT, **{name: value})
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(contract, event)  # type: ignore[arg-type]
    assert caught.value.field == f"event.{name}"
    assert caught.value.rule == rule
    assert f"{kind.__name__}.{name}" in str(caught.value)


def test_a_forged_event_in_a_list_is_named_where_it_was_passed() -> None:
    contract = _submitted()
    zero = _forged(escrow.Refund, milestone_id="m1", at=AT, amount=Money("0.00", "USD"))
    with pytest.raises(InvalidValueError) as caught:
        escrow.replay(contract, [zero])  # type: ignore[list-item]
    assert caught.value.field == "events[0].amount"
    assert caught.value.rule == "more than zero"


def test_a_forged_dispute_split_is_refused_by_its_constructor_rule() -> None:
    contract = _submitted()
    contract = escrow.apply(contract, escrow.RequestRefund("m1", AT))
    contract = escrow.apply(contract, escrow.OpenDispute("m1", datetime(2024, 1, 4, tzinfo=UTC)))
    split = _forged(
        escrow.ResolveDispute,
        milestone_id="m1",
        at=datetime(2024, 1, 5, tzinfo=UTC),
        to_freelancer=Money("600.00", "USD"),
        to_client=Money("-100.00", "USD"),
    )
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(contract, split)  # type: ignore[arg-type]
    assert caught.value.field == "event.to_client"
    assert caught.value.rule == "not negative"


def test_an_event_its_constructor_built_is_applied_as_before() -> None:
    contract = escrow.apply(_submitted(), escrow.Refund("m1", AT, amount=Money("100", "USD")))
    assert contract.milestones[0].escrow.held == Money("400.00", "USD")
    assert type(contract.history[-1]) is escrow.Refund
