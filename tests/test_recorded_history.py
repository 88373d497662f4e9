"""A loaded contract's escrow, payments and history tell one story (red team r21).

Each regression edits the JSON of a contract the engine made, as the red
team's repros did, into one its own history contradicts, and checks the
file is refused with :class:`InvalidDataError` naming the path and the rule:
a bonus edited where a ``Submit`` shares the ``Approve``'s instant (H1), a
dispute won by the freelancer loaded as refunded (H2), histories the engine
could never record (M1) and escrow amounts other than the history's (M2).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, serialize
from upwork_safety.errors import InvalidDataError
from upwork_safety.escrow import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    EndContract,
    Fund,
    OpenDispute,
    Refund,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import Escrow, MilestoneState

if TYPE_CHECKING:
    from collections.abc import Callable

RULE = "escrow and payments as the history recorded them"
STEP = "a step from a state the transition table allows"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(amount: str = "100.00") -> Contract:
    return Contract(
        "c",
        "cl",
        ContractKind.FIXED_PRICE,
        date(2024, 7, 1),
        milestones=[Milestone("m0", "t", usd(amount))],
    )


def refused(contract: Contract, edit: Callable[[dict[str, Any]], None]) -> tuple[str, str]:
    """Load *contract*'s JSON after *edit*: the first problem's path and rule."""
    data = json.loads(serialize.to_json(contract))
    edit(data)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Contract, json.dumps(data))
    problem = info.value.problems[0]
    return problem.path, problem.rule or ""


def money(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


@pytest.mark.parametrize("submitted", [at(2024, 7, 1, 0, 30), at(2024, 7, 1, 1)])
def test_a_bonus_is_what_its_approve_states_whatever_shares_its_instant(submitted):
    """H1 (high): a bonus of $20 edited to $2,000 loaded when the Submit was at the
    Approve's instant: the amounts were read only when one event was there."""
    c = escrow.replay(
        offer("50.00"),
        [
            Fund("m0", at(2024, 7, 1)),
            Submit("m0", submitted),
            Approve("m0", at(2024, 7, 1, 1), bonus=usd("20.00")),
        ],
    )
    assert c == serialize.from_json(Contract, serialize.to_json(c))

    def edit(data: dict[str, Any]) -> None:
        bonus = next(p for p in data["payments"] if p["kind"] == "bonus")
        bonus["amount"] = money("2000.00")

    assert ("$.payments", RULE) == refused(c, edit)


def test_a_release_is_what_its_approve_states_whatever_shares_its_instant():
    """H1: the same for a partial release ($100 edited to $150, the escrow kept adding up)."""
    c = escrow.replay(
        offer("500.00"),
        [
            Fund("m0", at(2024, 7, 1)),
            Submit("m0", at(2024, 7, 2)),
            Approve("m0", at(2024, 7, 2), amount=usd("100.00")),
        ],
    )
    assert (usd("400.00"), usd("100.00")) == (c.milestones[0].held, c.milestones[0].released)

    def edit(data: dict[str, Any]) -> None:
        data["payments"][0]["amount"] = money("150.00")
        data["milestones"][0]["escrow"].update(released=money("150.00"), held=money("350.00"))

    assert ("$.payments", RULE) == refused(c, edit)


def test_a_dispute_won_by_the_freelancer_does_not_load_as_refunded():
    """H2 (high): the Refund after ResolveDispute(to_freelancer=100) deleted from the
    file; the escrow REFUNDED with no payment loaded, and $100 of earnings vanished."""
    c = escrow.replay(
        offer(),
        [
            Fund("m0", at(2024, 7, 1, 2)),
            OpenDispute("m0", at(2024, 7, 1, 3)),
            AnswerDispute("m0", at(2024, 7, 1, 4)),
            ResolveDispute("m0", at(2024, 7, 3), usd("100.00"), usd("0.00")),
            Refund("m0", at(2024, 7, 3, 1)),
        ],
    )
    assert MilestoneState.REFUNDED is c.milestones[0].state
    assert not c.payments  # the refund gave the whole release back

    def edit(data: dict[str, Any]) -> None:
        data["history"] = [event for event in data["history"] if event["type"] != "Refund"]

    expected = ("$.milestones[0].escrow", "the state its last recorded event leads to")
    assert expected == refused(c, edit)


def test_an_event_that_released_escrow_has_its_release_payment():
    """H2: a release recorded by an event must be in the payments: two approvals' releases
    merged into one payment at the second (the first Approve left with none) loaded."""
    c = escrow.replay(
        offer("500.00"),
        [
            Fund("m0", at(2024, 7, 1)),
            Approve("m0", at(2024, 7, 2), amount=usd("100.00")),
            Approve("m0", at(2024, 7, 3)),
        ],
    )
    assert [usd("100.00"), usd("400.00")] == [p.amount for p in c.payments]

    def edit(data: dict[str, Any]) -> None:
        data["payments"] = data["payments"][1:]
        data["payments"][0]["amount"] = money("500.00")

    assert ("$.payments", RULE) == refused(c, edit)


def _without(kind: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["history"] = [event for event in data["history"] if event["type"] != kind]

    return edit


def _fund_again(data: dict[str, Any]) -> None:
    again = {"type": "Fund", "milestone_id": "m0", "at": "2024-07-01T03:00:00+00:00"}
    data["history"].insert(1, again)


@pytest.mark.parametrize(
    ("events", "edit"),
    [
        pytest.param(
            [Fund("m0", at(2024, 7, 1, 2)), Submit("m0", at(2024, 7, 2))],
            _fund_again,
            id="funded twice",
        ),
        pytest.param(
            [
                Fund("m0", at(2024, 7, 1, 2)),
                OpenDispute("m0", at(2024, 7, 2)),
                AnswerDispute("m0", at(2024, 7, 2, 1)),
                ResolveDispute("m0", at(2024, 7, 9), usd("60.00"), usd("40.00")),
            ],
            _without("OpenDispute"),
            id="answer with no dispute",
        ),
        pytest.param(
            [
                Fund("m0", at(2024, 7, 1, 2)),
                RequestRefund("m0", at(2024, 7, 2)),
                AcceptRefund("m0", at(2024, 7, 3)),
            ],
            _without("RequestRefund"),
            id="accept with no request",
        ),
    ],
)
def test_a_history_the_engine_could_not_record_does_not_load(events, edit):
    """M1 (medium): Fund twice, AnswerDispute with no dispute, AcceptRefund with no
    request all loaded, and replaying the loaded history was then refused."""
    c = escrow.replay(offer(), events)
    assert ("$.history[1]", STEP) == refused(c, edit)


def test_refunds_recorded_add_up_to_what_the_escrow_refunded():
    """M2 (medium): Refunds of $99.00 (edited from $100.00) and $66.67 loaded as
    $166.67 refunded."""
    c = escrow.replay(
        offer("300.00"),
        [
            Fund("m0", at(2024, 7, 1, 2)),
            RequestRefund("m0", at(2024, 7, 2)),
            Refund("m0", at(2024, 7, 2, 1), amount=usd("100.00")),
            Refund("m0", at(2024, 7, 2, 2), amount=usd("66.67")),
        ],
    )
    assert usd("166.67") == c.milestones[0].escrow.refunded

    def edit(data: dict[str, Any]) -> None:
        data["history"][2]["amount"] = money("99.00")

    assert ("$.milestones[0].escrow", RULE) == refused(c, edit)


def test_a_full_approval_leaves_nothing_held():
    """M2: an Approve of all the escrow (no amount) loaded as $40 paid and $10 held."""
    c = escrow.replay(
        offer("50.00"), [Fund("m0", at(2024, 7, 1, 2)), Approve("m0", at(2024, 7, 2))]
    )

    def edit(data: dict[str, Any]) -> None:
        data["payments"][0]["amount"] = money("40.00")
        data["milestones"][0]["escrow"].update(released=money("40.00"), held=money("10.00"))

    assert ("$.milestones[0].escrow.held", RULE) == refused(c, edit)


def test_a_milestone_before_its_history_is_not_judged_by_its_first_event():
    """A milestone built by hand in dispute, whose history starts with the answer: its
    state before that event is not recorded, so the walk starts there; it builds, and the
    engine carries it on."""
    books = Escrow(
        MilestoneState.DISPUTED,
        usd("100.00"),
        held=usd("100.00"),
        disputed_at=at(2024, 7, 2),
        dispute_answered_at=at(2024, 7, 3),
    )
    c = attrs.evolve(
        offer(),
        milestones=[Milestone("m0", "t", usd("100.00"), escrow=books)],
        history=[AnswerDispute("m0", at(2024, 7, 3))],
    )
    done = escrow.apply(c, ResolveDispute("m0", at(2024, 7, 9), usd("100.00"), usd("0.00")))
    assert done == serialize.from_json(Contract, serialize.to_json(done))


def test_an_end_set_by_hand_may_have_made_the_request_a_refund_answers():
    """The contract's end with no EndContract on record (an export's) turned held escrow
    into a refund request, so an AcceptRefund after a Fund loads (and without the end, not)."""
    c = escrow.replay(
        offer(),
        [
            Fund("m0", at(2024, 7, 1, 2)),
            EndContract(at(2024, 7, 2)),
            AcceptRefund("m0", at(2024, 7, 3)),
        ],
    )
    hand = attrs.evolve(c, history=[c.history[0], c.history[2]])
    assert date(2024, 7, 2) == hand.ended
    assert ("$.history[1]", STEP) == refused(hand, lambda data: data.update(ended=None))


def test_a_request_only_an_end_set_by_hand_made_is_on_its_day():
    """Round 22 fuzzer: the EndContract deleted and `ended` moved a day later; the refund
    request it made (recorded by nothing else) loaded a day before the end."""
    c = escrow.replay(
        offer(),
        [
            Fund("m0", at(2024, 7, 4, 2)),
            Submit("m0", at(2024, 7, 7, 2)),
            EndContract(at(2024, 7, 10, 2)),
        ],
    )
    assert MilestoneState.REFUND_REQUESTED is c.milestones[0].state

    def moved(data: dict[str, Any]) -> None:
        data["history"] = data["history"][:2]
        data["ended"] = "2024-07-11"

    path, rule = refused(c, moved)
    assert ("$.milestones[0].escrow.refund_requested_at", RULE) == (path, rule)
    # The end set by hand on the request's day still loads (an export's contract).
    hand = attrs.evolve(c, history=c.history[:2])
    assert hand == serialize.from_json(Contract, serialize.to_json(hand))
