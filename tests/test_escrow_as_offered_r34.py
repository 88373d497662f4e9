"""``escrow.as_offered``: a stored contract as it was offered, exact or refused (newcomer r34 2).

An app that stored only the current contract could not correct a staff
entry: ``replay`` needs the offer, and rebuilding it by hand meant guessing
what to reset (the history, the release and bonus payments, every
milestone's escrow).  ``as_offered`` gives it, checked by replaying the
history on it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest
from hypothesis import given, settings

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, escrow, rules
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow import Approve, EndContract, Fund, RequestChanges, Submit
from upwork_safety.kinds import MilestoneState
from upwork_safety.models import Escrow, PaymentKind
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

UTC = timezone.utc
RULE = "a contract its history rebuilds from the offer"


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


OFFER = Contract(
    "c1",
    "acme",
    ContractKind.FIXED_PRICE,
    date(2026, 3, 1),
    milestones=[Milestone("m1", "Logo", usd("15.00")), Milestone("m2", "Guide", usd("10.00"))],
    payments=[Payment(date(2026, 3, 1), usd("5.00"))],  # recorded by hand, before any event
)
EVENTS = [
    Fund("m1", at(2)),
    Submit("m1", at(3)),
    Approve("m1", at(4), amount=usd("9.00"), bonus=usd("2.00")),  # $6 carried to m2
    Fund("m2", at(5)),
    Submit("m2", at(6)),
    EndContract(at(30)),
]


def test_the_offer_comes_back_exactly():
    stored = escrow.replay(OFFER, EVENTS)
    assert {PaymentKind.RELEASE, PaymentKind.BONUS, PaymentKind.OTHER} <= {
        p.kind for p in stored.payments
    }
    assert MilestoneState.PAID is stored.milestone("m1").state
    offered = escrow.as_offered(stored)
    assert OFFER == offered
    assert stored == escrow.replay(offered, stored.history)


def test_a_missed_entry_is_replayed_in_with_the_fix():
    """The recipe: the people's events, the missed one added, replayed on the offer."""
    stored = escrow.replay(OFFER, EVENTS[:3])
    people = [e for e in stored.history if not escrow.is_automatic(e)]
    fixed = escrow.replay(
        escrow.as_offered(stored),
        sorted([*people, RequestChanges("m1", at(3, 12))], key=lambda e: e.at),
    )
    assert ["Fund", "Submit", "RequestChanges", "Approve"] == [
        type(e).__name__ for e in fixed.history
    ]
    assert usd("6.00") == fixed.milestone("m2").held


def test_feedback_is_left_out_and_put_back():
    finished = attrs.evolve(
        escrow.replay(OFFER, EVENTS), feedback=factories.finished_contract().feedback
    )
    offered = escrow.as_offered(finished)
    assert offered.feedback is None
    assert finished == attrs.evolve(
        escrow.replay(offered, finished.history), feedback=finished.feedback
    )


@pytest.mark.parametrize(
    "edit",
    [
        # A milestone's escrow set by hand: funded with no Fund on record.
        lambda c: attrs.evolve(
            c,
            milestones=[
                c.milestones[0],
                attrs.evolve(
                    c.milestones[1],
                    escrow=Escrow(MilestoneState.FUNDED, usd("10.00"), held=usd("10.00")),
                ),
            ],
        ),
        # A payment recorded by hand after the history's first event.
        lambda c: attrs.evolve(c, payments=[*c.payments, Payment(date(2026, 3, 3), usd("1.00"))]),
    ],
    ids=["escrow by hand", "late payment by hand"],
)
def test_what_the_history_does_not_rebuild_is_refused(edit):
    stored = edit(escrow.replay(OFFER, EVENTS[:3]))
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(stored)
    assert ("contract", RULE) == (caught.value.field, caught.value.rule)
    assert "'c1'" in str(caught.value)


def test_a_history_recorded_under_other_rules_is_read_with_them():
    several = attrs.evolve(rules.CURRENT, one_active_milestone=False)
    both = escrow.replay(OFFER, [Fund("m1", at(2)), Fund("m2", at(3))], rules=several)
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(both)
    assert ("contract", RULE) == (caught.value.field, caught.value.rule)
    assert isinstance(caught.value.__cause__, TransitionError)  # the replay refused its Fund
    assert OFFER == escrow.as_offered(both, rules=several)


def test_an_hourly_contract_is_refused():
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(factories.hourly_contract())
    assert "contract" == caught.value.field


@settings(max_examples=100, deadline=None)
@given(us.contract_histories())
def test_every_engine_history_rebuilds_from_its_offer(drawn):
    original, _events, final = drawn
    offered = escrow.as_offered(final)
    assert final == escrow.replay(offered, final.history)
    assert not offered.history
    assert all(m.escrow == Escrow.unfunded(m.amount.currency) for m in offered.milestones)
    if not original.history and all(
        m.escrow == Escrow.unfunded(m.amount.currency) for m in original.milestones
    ):
        assert original == offered
