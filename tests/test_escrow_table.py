"""The one transition table: what it publishes, and that the engine moves only along its edges.

A Hypothesis walk drives contracts through random histories (partial
approvals and carry-over, refunds of escrow and of payments, the end of the
contract, dormancy, disputes through mediation and arbitration) and replays
each history one event at a time: every state change taken must be a drawn
edge of that event's rows, and every drawn edge must be taken somewhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.escrow import TRANSITIONS, Transition
from upwork_safety.escrow._run import Draft
from upwork_safety.escrow._table import ROWS
from upwork_safety.models import Escrow, MilestoneState

if TYPE_CHECKING:
    import random

S = MilestoneState
UTC = timezone.utc
EVENTS = {cls.__name__: cls for cls in (*escrow.MANUAL_EVENTS, *escrow.AUTOMATIC_EVENTS)}
#: (from, to, event name) for every drawn edge: the state changes of the table.
DRAWN = {(a, b, t.event) for t in TRANSITIONS for a, b in t.changes}


# --------------------------------------------------------------------------- what is published


def test_every_event_class_has_its_rows():
    """Each manual and automatic event class has at least one row; automatic ones are marked."""
    assert set(EVENTS) == {t.event for t in TRANSITIONS}
    automatic = {cls.__name__ for cls in escrow.AUTOMATIC_EVENTS}
    assert automatic == {t.event for t in TRANSITIONS if t.automatic}
    assert all(t.timer is not None for t in TRANSITIONS if t.automatic)


def test_published_rows_are_the_engine_rows():
    """TRANSITIONS is the engine's own table, row for row (nothing copied by hand)."""
    assert [row.transition for row in ROWS] == list(TRANSITIONS)


def test_the_diagram_draws_exactly_the_state_changes():
    """to_mermaid() has one line per (from, to, event) state change of the table, and no other."""
    lines = escrow.to_mermaid().splitlines()[2:-2]
    drawn = set()
    for line in lines:
        edge, _, label = line.strip().partition(": ")
        source, _, target = edge.partition(" --> ")
        drawn.add((S[source], S[target], label.split(" ")[0].rstrip(",")))
    assert DRAWN == drawn
    assert len(lines) == len(drawn)


def test_carried_remainder_edges_are_in_the_table():
    """Regression: NOT_FUNDED escrow (a carried remainder) goes to REFUND_REQUESTED on end or dormancy."""
    assert (S.NOT_FUNDED, S.REFUND_REQUESTED, "EndContract") in DRAWN
    assert (S.NOT_FUNDED, S.REFUND_REQUESTED, "DormancyRefundRequest") in DRAWN


def test_each_rows_sources_are_its_published_sources_once_each():
    """The engine's Row.sources (a tuple) holds exactly the published row's source states."""
    for row in ROWS:
        assert len(set(row.sources)) == len(row.sources)
        assert frozenset(row.sources) == row.transition.sources


def test_transitions_are_checked_values():
    """A Transition refuses edges that are not state pairs and timers that are not rules."""
    row = TRANSITIONS[0]
    assert ("Fund", frozenset({S.NOT_FUNDED}), frozenset({S.FUNDED})) == (
        row.event,
        row.sources,
        row.targets,
    )
    with pytest.raises(InvalidTypeError) as info:
        Transition("Fund", ((S.NOT_FUNDED, "funded"),))  # type: ignore[arg-type]
    assert "Transition.edges[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        Transition("Fund", ((S.NOT_FUNDED, S.FUNDED),), timer="review")
    assert "Transition.timer" == info.value.field
    assert [(S.NOT_FUNDED, S.FUNDED)] == list(
        attrs.evolve(row, edges=[[S.NOT_FUNDED, S.FUNDED]]).edges
    )


# --------------------------------------------------------------------------- the walk

#: Clock jumps just past a clock: mediation, a business week, a refund window,
#: the arbitration window, a review; then, rarely, dormancy and the 180 days to
#: refund a payment.
CLOCKS = [timedelta(days=d, minutes=1) for d in (4, 5, 7, 8, 11, 14)]
LONG = [timedelta(days=97, minutes=1), timedelta(days=181)]


def _jump(rnd: random.Random) -> timedelta:
    """Mostly minutes to days; often just past a clock; rarely past dormancy."""
    roll = rnd.randrange(30)
    if roll < len(LONG):
        return LONG[roll]
    if roll < 12:
        return rnd.choice(CLOCKS)
    return timedelta(minutes=rnd.randrange(1, 3 * 24 * 60))


def _event(rnd: random.Random, name: str, milestone: Milestone, at: datetime) -> object:
    held = milestone.held
    if name == "EndContract":
        return escrow.EndContract(at)
    if name == "Approve":
        partial = held.amount >= Decimal("0.02") and rnd.random() < 0.5
        amount = Money(held.amount - Decimal("0.01"), "USD") if partial else None
        bonus = rnd.choice([None, Money("5.00", "USD")])
        return escrow.Approve(milestone.id, at, amount=amount, bonus=bonus)
    if name == "Refund":
        part = held.amount >= Decimal("0.02") and rnd.random() < 0.5
        return escrow.Refund(milestone.id, at, amount=Money("0.01", "USD") if part else None)
    if name == "ResolveDispute":
        share = rnd.choice([Decimal(0), held.amount / 2, held.amount])
        to_freelancer = Money(share, "USD").rounded()
        return escrow.ResolveDispute(milestone.id, at, to_freelancer, held - to_freelancer)
    return EVENTS[name](milestone.id, at)


def walk(rnd: random.Random) -> tuple[Contract, Contract]:
    """A fresh contract and the same contract after a random, allowed history."""
    amounts = [rnd.choice(["15.00", "20.00", "300.00"]) for _ in range(rnd.randint(1, 3))]
    original = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone(f"m{i}", "Part", Money(a, "USD")) for i, a in enumerate(amounts)],
    )
    contract = original
    at = datetime(2025, 3, 3, 9, tzinfo=UTC)
    for _ in range(rnd.randint(8, 30)):
        at += _jump(rnd)
        contract = escrow.advance(contract, at)
        options = sorted(
            (m.id, name)
            for m in contract.milestones
            for name in escrow.allowed(contract, m.id, now=at).allowed
            if name != "EndContract"
        )
        if contract.ended is None and rnd.randrange(15) == 0:
            options = [("", "EndContract")]  # now and then, not at every chance
        if not options:
            continue
        mid, name = rnd.choice(options)
        milestone = contract.milestone(mid) if mid else contract.milestones[0]
        contract = escrow.apply(contract, _event(rnd, name, milestone, at))  # type: ignore[arg-type]
    return original, escrow.advance(contract, at + _jump(rnd))


def changes(original: Contract, final: Contract) -> set[tuple[MilestoneState, MilestoneState, str]]:
    """Every (from, to, event) state change of *final*'s history, replayed one event at a time."""
    taken = set()
    contract = original
    for event in final.history:
        after = escrow.replay(contract, [event])
        for before_m, after_m in zip(contract.milestones, after.milestones, strict=True):
            if before_m.state is not after_m.state:
                taken.add((before_m.state, after_m.state, type(event).__name__))
        contract = after
    assert final == contract
    return taken


@pytest.mark.slow
def test_every_state_change_is_drawn_and_every_drawn_edge_is_taken():
    """Random histories move milestones only along drawn edges, and together take every one."""
    taken: set[tuple[MilestoneState, MilestoneState, str]] = set()

    @settings(
        max_examples=1500,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.randoms(use_true_random=False))
    def one_walk(rnd: random.Random) -> None:
        original, final = walk(rnd)
        found = changes(original, final)
        assert found <= DRAWN, found - DRAWN
        taken.update(found)

    one_walk()
    assert set() == DRAWN - taken


@pytest.mark.slow
@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.randoms(use_true_random=False))
def test_one_replay_of_a_whole_history_equals_the_steps(rnd: random.Random):
    """One run over a random history (its intermediate states never built) gives what the steps gave."""
    original, final = walk(rnd)
    assert final == escrow.replay(original, final.history)


def test_what_if_rules_can_switch_non_release_disputes_off():
    """With dispute_on_active_contract off, a dispute answers a refund request only."""
    strict = attrs.evolve(rules.CURRENT, dispute_on_active_contract=False)
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Part", Money("15.00", "USD"))],
    )
    c = escrow.apply(c, escrow.Fund("m1", datetime(2025, 3, 3, 9, tzinfo=UTC)))
    choices = escrow.allowed(c, "m1", rules=strict)
    assert "OpenDispute" not in choices
    assert "only after an escrow refund request" in (choices.reason("OpenDispute") or "")


# --------------------------------------------------------------------------- drafts


def test_a_draft_has_every_field_of_escrow():
    """A run's working copy of a milestone's escrow has exactly Escrow's fields (and the milestone's id and amount)."""
    assert {f.name for f in attrs.fields(Escrow)} | {"milestone", "id", "amount"} == set(
        Draft.__slots__
    )


def test_a_draft_is_checked_when_it_is_built():
    """Whatever a run leaves in a draft goes through Escrow's constructor: books that do not add up are refused."""
    funded = escrow.apply(_one_milestone(), escrow.Fund("m1", datetime(2025, 3, 3, 9, tzinfo=UTC)))
    draft = Draft(funded.milestones[0])
    assert funded.milestones[0] == draft.build()
    draft.held = Money("1.00", "USD")
    with pytest.raises(InvalidValueError) as info:
        draft.build()
    assert "Escrow.funded" == info.value.field
    draft.held = Money("15.00", "USD")
    draft.state = S.SUBMITTED
    with pytest.raises(InvalidValueError) as info:
        draft.build()
    assert "Escrow.submitted_at" == info.value.field


def _one_milestone() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Part", Money("15.00", "USD"))],
    )
