"""Milestones funded in order (review r33, domain 1), at a cost flat in the milestone count.

The guard that refuses a ``Fund`` while an earlier milestone still waits
first read every earlier milestone: a ``Fund`` of the last of 1,000
milestones cost four times one of the first (lead r33 measured 43 → 180 µs),
so a whole lifecycle grew with the square of the milestone count, against
issue 12's "the cost of one apply must not grow with milestone count".  The
milestones now keep the index of their first waiting one, which no step
moves back, and a run only looks on from there.  These tests pin what the
index holds and how much a ``Fund`` reads, not how long it takes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings

from upwork_safety import Contract, ContractKind, Milestone, MilestoneState, Money, escrow
from upwork_safety.errors import TransitionError
from upwork_safety.escrow import Approve, Fund
from upwork_safety.escrow._run import Run
from upwork_safety.testing import strategies as us

UTC = timezone.utc
START = datetime(2025, 3, 3, 9, tzinfo=UTC)


def _first_waiting(contract: Contract) -> int:
    states = [m.escrow.state for m in contract.milestones]
    return next(
        (i for i, state in enumerate(states) if state is MilestoneState.NOT_FUNDED), len(states)
    )


def _offer(count: int) -> Contract:
    return Contract(
        "c1",
        "client",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=tuple(
            Milestone(f"m{k}", f"Part {k}", Money(Decimal("50.00"), "USD")) for k in range(count)
        ),
    )


def _paid_but_last(count: int) -> tuple[Contract, datetime]:
    events: list[escrow.ManualEvent] = []
    at = START
    for k in range(count - 1):
        events += [Fund(f"m{k}", at), Approve(f"m{k}", at + timedelta(minutes=1))]
        at += timedelta(hours=1)
    return escrow.replay(_offer(count), events), at


@settings(max_examples=200, deadline=None)
@given(us.contract_histories())
def test_the_milestones_keep_their_first_waiting_one(drawn):
    """Built, stepped or loaded, a contract's milestones know their first NOT_FUNDED one."""
    original, _events, final = drawn
    for contract in (original, final):
        assert _first_waiting(contract) == contract.milestones.waiting  # type: ignore[attr-defined]


def test_a_new_contract_waits_at_its_first_milestone_and_a_paid_one_at_none():
    assert 0 == _offer(3).milestones.waiting  # type: ignore[attr-defined]
    contract, _at = _paid_but_last(3)
    assert 2 == contract.milestones.waiting  # type: ignore[attr-defined]
    done = escrow.apply(contract, Fund("m2", START + timedelta(days=1)))
    assert 3 == done.milestones.waiting  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [1, 10, 1_000])
def test_a_fund_reads_no_more_milestones_however_many_come_before(monkeypatch, count):
    """Funding the last of *count* milestones (the others paid) reads at most two escrows."""
    contract, at = _paid_but_last(count)
    reads: list[int] = []
    books = Run.books

    def counted(self: Run, index: int) -> object:
        reads.append(index)
        return books(self, index)

    monkeypatch.setattr(Run, "books", counted)
    funded = escrow.apply(contract, Fund(f"m{count - 1}", at))
    assert MilestoneState.FUNDED is funded.milestones[-1].escrow.state
    assert len(reads) <= 2, reads


def test_in_one_replay_each_fund_looks_on_from_the_last():
    """Replaying 300 milestones funded in order reads each earlier escrow once, not 300 times."""
    events: list[escrow.ManualEvent] = []
    at = START
    for k in range(300):
        events += [Fund(f"m{k}", at), Approve(f"m{k}", at + timedelta(minutes=1))]
        at += timedelta(hours=1)
    reads: list[int] = []
    books = Run.books

    def counted(self: Run, index: int) -> object:
        reads.append(index)
        return books(self, index)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Run, "books", counted)
        done = escrow.replay(_offer(300), events)
    assert 300 == done.milestones.waiting  # type: ignore[attr-defined]
    assert len(reads) <= 2 * 300, len(reads)


def test_the_waiting_one_is_still_named_when_a_later_one_is_funded():
    """The cheaper reading refuses as before, naming the first milestone still waiting."""
    contract, at = _paid_but_last(5)
    stepped = escrow.apply(contract, Fund("m4", at))
    assert MilestoneState.FUNDED is stepped.milestones[4].escrow.state
    paid = escrow.apply(_offer(4), Fund("m0", START))
    paid = escrow.apply(paid, Approve("m0", START + timedelta(minutes=1)))
    with pytest.raises(TransitionError) as info:
        escrow.apply(paid, Fund("m2", START + timedelta(hours=1)))
    assert ("m2", "Fund") == (info.value.milestone_id, info.value.event)
    assert escrow.RefusalRule.FUND_ORDER == info.value.rule
    assert "'m1' comes before it" in str(info.value)
    assert ["Fund"] == [
        name
        for name in escrow.allowed(paid, "m1", now=START + timedelta(hours=1)).allowed
        if name == "Fund"
    ]


def test_a_milestone_holding_a_carried_remainder_is_to_be_funded_first():
    """Diff review r33 2: m2 holds what m1's partial approval carried; m3 is told to fund m2.

    m2 can be neither paid nor refunded before its own Fund, so the reason
    is the order's ("fund 'm2' first"), not "it must be paid or refunded".
    """
    contract = escrow.replay(
        _offer(3),
        [
            Fund("m0", START),
            escrow.Submit("m0", START + timedelta(hours=1)),
            Approve("m0", START + timedelta(hours=2), amount=Money("30.00", "USD")),
        ],
    )
    assert MilestoneState.NOT_FUNDED is contract.milestones[1].escrow.state
    assert Money("20.00", "USD") == contract.milestones[1].escrow.held
    choices = escrow.allowed(contract, "m2", now=START + timedelta(hours=3))
    reason = choices.reason("Fund")
    assert reason is not None
    assert "fund 'm1' first" in reason
    assert "paid or refunded" not in reason
    assert "Fund" in escrow.allowed(contract, "m1", now=START + timedelta(hours=3)).allowed
