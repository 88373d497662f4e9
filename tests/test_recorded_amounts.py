"""A loaded contract's history moves money only as the engine could have (round 22).

After r21 the load check walked each milestone's recorded events through
the transition table's states, but not the money they move, so the
fuzzer's hand edits of engine-made JSON still loaded about a hundred
contracts whose history the engine refuses to replay for its amounts.
Each regression below edits the JSON of a contract the engine made into
one such family and checks it is refused with :class:`InvalidDataError`
naming the path and the rule; the old code loaded every one of them.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, serialize
from upwork_safety._escrow_amounts import MORE_THAN_ZERO
from upwork_safety.errors import InvalidDataError
from upwork_safety.escrow import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    ClientPaysArbitration,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import MilestoneState
from upwork_safety.models._recorded_amounts import FEE_RULE, ONCE_RULE, STEP_RULE

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety._events import Event


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def made(amount: str, *events: Event) -> Contract:
    """What the engine makes of *events* on a one-milestone offer of *amount*; it loads."""
    offer = Contract(
        "c",
        "cl",
        ContractKind.FIXED_PRICE,
        date(2024, 7, 1),
        milestones=[Milestone("m0", "t", usd(amount))],
    )
    contract = escrow.replay(offer, events)
    assert contract == serialize.from_json(Contract, serialize.to_json(contract))
    return contract


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


def repeat(index: int) -> Callable[[dict[str, Any]], None]:
    """An edit that records history[index] twice."""

    def edit(data: dict[str, Any]) -> None:
        data["history"].insert(index + 1, copy.deepcopy(data["history"][index]))

    return edit


def test_a_refund_after_everything_was_refunded_does_not_load():
    """A full Refund of the paid money repeated: the second finds nothing to refund
    (29 fuzzer edits loaded, replay: 'Refund refused (REFUNDED)')."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        Submit("m0", at(2024, 7, 2)),
        Approve("m0", at(2024, 7, 3)),
        Refund("m0", at(2024, 7, 4)),
    )
    assert MilestoneState.REFUNDED is c.milestones[0].state
    assert ("$.history[4]", STEP_RULE) == refused(c, repeat(3))


def test_a_resolution_must_split_exactly_the_escrow_it_froze():
    """ResolveDispute(100, 0) edited to give $101 (a later Refund gave the payment back,
    so no payment showed it): 27 fuzzer edits loaded."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        OpenDispute("m0", at(2024, 7, 1, 1)),
        AnswerDispute("m0", at(2024, 7, 1, 2)),
        ResolveDispute("m0", at(2024, 7, 3), usd("100.00"), usd("0.00")),
        Refund("m0", at(2024, 7, 3, 1)),
    )

    def edit(data: dict[str, Any]) -> None:
        data["history"][3]["to_freelancer"] = money("101.00")

    assert ("$.history[3]", STEP_RULE) == refused(c, edit)


def test_an_approval_with_nothing_left_held_does_not_load():
    """An Approve of all the escrow repeated on the PAID milestone (7 fuzzer edits)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        Approve("m0", at(2024, 7, 2)),
        Refund("m0", at(2024, 7, 3)),
    )
    assert ("$.history[2]", STEP_RULE) == refused(c, repeat(1))


def test_an_approval_of_more_than_is_held_does_not_load():
    """$0.02 then $4.98 of a $5 escrow approved, the second edited to $4.99 (9 fuzzer
    edits, with Refund amounts more than held)."""
    c = made(
        "5.00",
        Fund("m0", at(2024, 8, 20)),
        Approve("m0", at(2024, 8, 28), amount=usd("0.02")),
        Approve("m0", at(2024, 10, 7), amount=usd("4.98")),
        Refund("m0", at(2024, 10, 7, 1)),
    )

    def edit(data: dict[str, Any]) -> None:
        data["history"][2]["amount"] = money("4.99")

    assert ("$.history[2]", STEP_RULE) == refused(c, edit)


def test_a_refund_request_with_nothing_held_does_not_load():
    """A RequestRefund inserted after an Approve of all the escrow (3 fuzzer edits, with
    an OpenDispute on nothing held)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        Approve("m0", at(2024, 7, 2)),
        Refund("m0", at(2024, 7, 3)),
    )

    def edit(data: dict[str, Any]) -> None:
        request = {"type": "RequestRefund", "milestone_id": "m0", "at": "2024-07-02T12:00:00Z"}
        data["history"].insert(2, request)

    assert ("$.history[2]", STEP_RULE) == refused(c, edit)


def test_a_refund_of_zero_does_not_load():
    """A Refund amount edited to $0.00 (8 fuzzer edits, with an Approve of $0.00)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        RequestRefund("m0", at(2024, 7, 2)),
        Refund("m0", at(2024, 7, 3), amount=usd("40.00")),
        AcceptRefund("m0", at(2024, 7, 4)),
    )

    def edit(data: dict[str, Any]) -> None:
        data["history"][2]["amount"] = money("0.00")

    assert ("$.history[2].amount", MORE_THAN_ZERO) == refused(c, edit)


def test_a_dispute_is_answered_once():
    """A second AnswerDispute in one dispute (4 fuzzer edits, with a fee paid twice)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        OpenDispute("m0", at(2024, 7, 2)),
        AnswerDispute("m0", at(2024, 7, 2, 1)),
        ResolveDispute("m0", at(2024, 7, 9), usd("60.00"), usd("40.00")),
    )
    assert ("$.history[3]", ONCE_RULE) == refused(c, repeat(2))


def test_an_arbitration_fee_comes_after_the_answer():
    """A fee paid in a dispute whose recorded opening has no answer before the fee."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        OpenDispute("m0", at(2024, 7, 2)),
        AnswerDispute("m0", at(2024, 7, 2, 1)),
        ClientPaysArbitration("m0", at(2024, 7, 8)),
        ResolveDispute("m0", at(2024, 7, 9), usd("60.00"), usd("40.00")),
    )

    def edit(data: dict[str, Any]) -> None:
        del data["history"][2]

    assert ("$.history[2]", FEE_RULE) == refused(c, edit)


def test_a_release_the_events_recorded_cannot_vanish():
    """Approve($0.01) then a Refund of the rest of the escrow: loaded as REFUNDED with
    nothing released and no payment (7 fuzzer edits had escrow or payments other than
    the events left)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        Approve("m0", at(2024, 7, 2), amount=usd("0.01")),
        Refund("m0", at(2024, 7, 3)),
    )
    assert (usd("0.01"), usd("99.99")) == (
        c.milestones[0].escrow.released,
        c.milestones[0].escrow.refunded,
    )

    def edit(data: dict[str, Any]) -> None:
        data["payments"] = []
        data["milestones"][0]["escrow"].update(
            state="refunded", released=money("0.00"), refunded=money("100.00")
        )

    assert ("$.milestones[0].escrow", STEP_RULE) == refused(c, edit)


def test_a_full_refund_of_one_payment_returns_all_of_it():
    """A Refund of all the paid money when there was one release payment returns it all
    (the payment is inside its window, or the engine refuses the refund): edited to have
    returned only $0.01 of it."""
    c = made(
        "15.00",
        Fund("m0", at(2024, 7, 1)),
        Approve("m0", at(2024, 7, 2)),
        Refund("m0", at(2024, 7, 3), amount=usd("0.01")),
        Refund("m0", at(2024, 7, 3, 1)),
    )
    assert not c.payments

    def edit(data: dict[str, Any]) -> None:
        data["payments"] = [
            {
                "on": "2024-07-02",
                "amount": money("14.98"),
                "at": "2024-07-02T00:00:00Z",
                "milestone_id": "m0",
                "kind": "release",
            }
        ]
        data["milestones"][0]["escrow"].update(
            state="paid", released=money("14.98"), refunded=money("0.02")
        )

    assert ("$.milestones[0].escrow", STEP_RULE) == refused(c, edit)


def test_a_funded_milestone_was_funded_with_its_amount():
    """The escrow of a milestone whose Fund is recorded edited to $99.99 of its $100."""
    c = made("100.00", Fund("m0", at(2024, 7, 1)), EndContract(at(2024, 7, 2)))

    def edit(data: dict[str, Any]) -> None:
        data["milestones"][0]["escrow"].update(funded=money("99.99"), held=money("99.99"))

    assert ("$.milestones[0].escrow.funded", STEP_RULE) == refused(c, edit)


def test_an_arbitration_default_the_freelancer_paid_for_releases():
    """Only the freelancer paid the arbitration fee, so the default released the escrow to
    them; edited to have refunded it to the client, with no payment (seed-11 fuzzer edit)."""
    c = made(
        "100.00",
        Fund("m0", at(2024, 7, 1)),
        OpenDispute("m0", at(2024, 7, 2)),
        AnswerDispute("m0", at(2024, 7, 2, 1)),
        FreelancerPaysArbitration("m0", at(2024, 7, 8)),
        ArbitrationDefault("m0", at(2024, 7, 13, 1)),
    )
    assert usd("100.00") == c.milestones[0].escrow.released

    def edit(data: dict[str, Any]) -> None:
        data["payments"] = []
        data["milestones"][0]["escrow"].update(
            state="refunded", released=money("0.00"), refunded=money("100.00")
        )

    assert ("$.milestones[0].escrow", STEP_RULE) == refused(c, edit)
