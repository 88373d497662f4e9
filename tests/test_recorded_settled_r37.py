"""Review r37, review 4 (its second half): the load check reads the one settled-state rule.

``models._recorded_states._after`` hard-coded "a full ``Refund`` leaves
REFUNDED or PAID" and "a ``ResolveDispute`` with anything to the freelancer
leaves PAID", a copy of ``_escrow_amounts.settled_state``, the rule the
escrow engine settles a milestone by.  It now asks that rule, so the walk
of a recorded history and the engine cannot disagree on it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow
from upwork_safety._escrow_amounts import settled_state
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow import (
    AnswerDispute,
    Fund,
    OpenDispute,
    Refund,
    RequestRefund,
    ResolveDispute,
)
from upwork_safety.models import MilestoneState, _recorded_states

U = timezone.utc
S = MilestoneState


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=U)  # type: ignore[misc]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 2),
        milestones=[Milestone("m1", "Logo", usd("500.00"))],
    )


def resolved() -> Contract:
    """A dispute resolved with USD 300.00 to the freelancer: PAID."""
    return escrow.replay(
        offer(),
        [
            Fund("m1", at(2025, 6, 2, 9)),
            RequestRefund("m1", at(2025, 6, 3, 9)),
            OpenDispute("m1", at(2025, 6, 4, 9)),
            AnswerDispute("m1", at(2025, 6, 5, 9)),
            ResolveDispute(
                "m1", at(2025, 6, 6, 9), to_freelancer=usd("300.00"), to_client=usd("200.00")
            ),
        ],
    )


def refunded() -> Contract:
    """Escrow refunded in full: REFUNDED (nothing was released)."""
    return escrow.replay(offer(), [Fund("m1", at(2025, 6, 2, 9)), Refund("m1", at(2025, 6, 3, 9))])


def rebuilt(contract: Contract) -> Contract:
    """The contract built again by hand, so its recorded history is walked again."""
    return attrs.evolve(contract, milestones=list(contract.milestones))


@pytest.mark.parametrize(
    ("build", "state", "released"),
    [
        # What the resolution released.
        (resolved, S.PAID, [Decimal("300.00")]),
        # A full refund: nothing or something released before it (the walk knows no amounts).
        (refunded, S.REFUNDED, [Decimal(0), Decimal(1)]),
    ],
)
def test_the_walk_asks_the_settled_state_rule(monkeypatch, build, state, released):
    """The walk of a loaded history reads ``settled_state``, with what the event released."""
    asked: list[Decimal] = []

    def spy(released: Decimal) -> MilestoneState:
        asked.append(released)
        return settled_state(released)

    contract = build()
    assert state is contract.milestones[0].state
    monkeypatch.setattr(_recorded_states, "settled_state", spy)
    assert contract == rebuilt(contract)
    assert released == asked


def test_another_settled_state_rule_would_change_what_the_walk_accepts(monkeypatch):
    """One rule: were the engine's rule the other way round, the walk would follow it."""
    contract = resolved()
    monkeypatch.setattr(
        _recorded_states,
        "settled_state",
        lambda released: S.REFUNDED if released else S.PAID,
    )
    with pytest.raises(InvalidValueError) as info:
        rebuilt(contract)
    assert "Contract.milestones[0].escrow" == info.value.field
    assert "the state its last recorded event leads to" == info.value.rule
