"""Milestones are funded in the contract's order (DOMAIN.md section 1, HC 360000990268).

Review r33, domain 1 (fidelity audit r32, finding 3): "future milestones
wait unfunded, in order", yet ``escrow.apply(c, Fund("m2", ...))`` funded m2
while m1 still waited.  The Fund row's guard now refuses it, so ``apply``,
``allowed``, ``replay`` and ``to_mermaid`` say the same, and a stored
history that funded out of order is refused by the engine at its entry.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules, serialize
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow import Approve, Fund, OpenDispute, ResolveDispute, Submit
from upwork_safety.kinds import MilestoneState

#: A what-if in which several milestones may be funded at once, in any order.
SEVERAL = attrs.evolve(rules.CURRENT, name="what-if several", one_active_milestone=False)
ORDER_RULE = "milestones funded in the contract's order"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)  # type: ignore[misc]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(*amounts: str) -> Contract:
    milestones = [
        Milestone(f"m{n}", f"Deliverable {n}: 3 pages", usd(amount))
        for n, amount in enumerate(amounts, 1)
    ]
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 6, 2), milestones=milestones)


def test_funding_a_later_milestone_first_is_refused_naming_the_earlier_one():
    """m2 before m1: a TransitionError naming m1, its field and rule; m1 first is allowed."""
    contract = offer("10.00", "10.00")
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, Fund("m2", at(2025, 6, 2, 9)))
    error = caught.value
    assert ("event", "m2", "NOT_FUNDED") == (error.field, error.milestone_id, error.state)
    assert escrow.RefusalRule.FUND_ORDER == error.rule
    assert "milestone 'm1' comes before it in the contract" in str(error)
    assert "fund 'm1' first" in str(error)
    funded = escrow.apply(contract, Fund("m1", at(2025, 6, 2, 9)))
    assert [MilestoneState.FUNDED, MilestoneState.NOT_FUNDED] == [
        m.state for m in funded.milestones
    ]


def test_allowed_and_replay_say_what_apply_says():
    """allowed() gives the same reason for m2; replay refuses the event at its index."""
    contract = offer("10.00", "10.00", "10.00")
    choices = escrow.allowed(contract, "m3", now=at(2025, 6, 2, 9))
    assert "Fund" not in choices.allowed
    assert choices.reason("Fund").startswith("milestone 'm1' comes before it in the contract")
    assert "Fund" in escrow.allowed(contract, "m1", now=at(2025, 6, 2, 9)).allowed
    with pytest.raises(TransitionError) as caught:
        escrow.replay(contract, [Fund("m1", at(2025, 6, 2, 9)), Fund("m3", at(2025, 6, 3, 9))])
    assert "events[1]" == caught.value.field


def test_the_next_milestone_is_funded_once_the_earlier_one_is_paid():
    """m1 funded, approved and paid: m2 may be funded, m3 still not before m2."""
    paid = escrow.replay(
        offer("10.00", "10.00", "10.00"),
        [
            Fund("m1", at(2025, 6, 2, 9)),
            Submit("m1", at(2025, 6, 3, 9)),
            Approve("m1", at(2025, 6, 4, 9)),
        ],
    )
    with pytest.raises(TransitionError) as caught:
        escrow.apply(paid, Fund("m3", at(2025, 6, 5, 9)))
    assert escrow.RefusalRule.FUND_ORDER == caught.value.rule
    assert "milestone 'm2' comes before it" in str(caught.value)
    assert (
        MilestoneState.FUNDED
        is escrow.apply(paid, Fund("m2", at(2025, 6, 5, 9))).milestone("m2").state
    )


def test_a_milestone_holding_a_carried_remainder_still_waits_for_its_fund():
    """$15 funded, $9 released: the $6 carried to m2 is not its Fund; m2 is still the next."""
    contract = escrow.replay(
        offer("15.00", "20.00", "10.00"),
        [
            Fund("m1", at(2025, 6, 2, 9)),
            Submit("m1", at(2025, 6, 3, 9)),
            Approve("m1", at(2025, 6, 4, 9), amount=usd("9.00")),
        ],
    )
    m2 = contract.milestone("m2")
    assert (MilestoneState.NOT_FUNDED, usd("6.00")) == (m2.state, m2.held)
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, Fund("m3", at(2025, 6, 5, 9)))
    assert escrow.RefusalRule.FUND_ORDER == caught.value.rule
    assert "milestone 'm2' holds USD 6.00 carried from a partial" in str(caught.value)
    assert "fund 'm2' first." in str(caught.value)  # diff review r33 2
    topped_up = escrow.apply(contract, Fund("m2", at(2025, 6, 5, 9))).milestone("m2")
    assert (MilestoneState.FUNDED, usd("20.00")) == (topped_up.state, topped_up.held)


def test_a_milestone_settled_without_a_fund_of_its_own_does_not_wait():
    """A carried remainder disputed and paid out settles m2 without its Fund: m3 may be funded."""
    contract = escrow.replay(
        offer("15.00", "20.00", "10.00"),
        [
            Fund("m1", at(2025, 6, 2, 9)),
            Submit("m1", at(2025, 6, 3, 9)),
            Approve("m1", at(2025, 6, 4, 9), amount=usd("9.00")),
            OpenDispute("m2", at(2025, 6, 5, 9)),
            ResolveDispute("m2", at(2025, 6, 6, 9), usd("6.00"), usd("0.00")),
        ],
    )
    assert MilestoneState.PAID is contract.milestone("m2").state
    funded = escrow.apply(contract, Fund("m3", at(2025, 6, 7, 9)))
    assert MilestoneState.FUNDED is funded.milestone("m3").state


def test_an_unfunded_milestone_deleted_no_longer_waits():
    """Only unfunded milestones may be deleted (HC 360000990268); m2 is then the first."""
    contract = offer("10.00", "10.00")
    without_m1 = attrs.evolve(contract, milestones=contract.milestones[1:])
    assert (
        MilestoneState.FUNDED
        is escrow.apply(without_m1, Fund("m2", at(2025, 6, 2, 9))).milestone("m2").state
    )


def test_a_what_if_funding_several_at_once_funds_in_any_order():
    """With one_active_milestone off, the order is lifted too, and the diagram says so."""
    funded = escrow.apply(offer("10.00", "10.00"), Fund("m2", at(2025, 6, 2, 9)), rules=SEVERAL)
    assert MilestoneState.FUNDED is funded.milestone("m2").state
    assert "    NOT_FUNDED --> FUNDED: Fund" in escrow.to_mermaid(rules=SEVERAL).splitlines()
    assert (
        "    NOT_FUNDED --> FUNDED: Fund (one at a time, earlier milestones first)"
        in escrow.to_mermaid().splitlines()
    )


def test_a_stored_history_that_funded_out_of_order_is_refused_at_its_entry():
    """Loaded, it is judged by the engine (as other impossible histories): Contract.history[0]."""
    recorded = escrow.apply(offer("10.00", "10.00"), Fund("m2", at(2025, 6, 2, 9)), rules=SEVERAL)
    loaded = serialize.from_json(Contract, serialize.to_json(recorded))
    for call in (
        lambda: escrow.apply(loaded, Fund("m1", at(2025, 6, 3, 9))),
        lambda: escrow.ledger(loaded, at(2025, 6, 3, 9)),
        lambda: escrow.deadlines(loaded, at(2025, 6, 3, 9)),
    ):
        with pytest.raises(InvalidValueError) as caught:
            call()
        assert ("Contract.history[0]", ORDER_RULE) == (caught.value.field, caught.value.rule)
        assert "milestone 'm1'" in str(caught.value)
    with pytest.raises(InvalidValueError) as caught:
        escrow.ledger(loaded, at(2025, 6, 3, 9), rules=rules.CURRENT)
    assert ("rules", ORDER_RULE) == (caught.value.field, caught.value.rule)
    # Read with the rules it was recorded under, it is what it was.
    assert usd("10.00") == escrow.ledger(loaded, at(2025, 6, 3, 9), rules=SEVERAL).work_in_progress
