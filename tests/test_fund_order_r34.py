"""Each recorded Fund is judged by the state its history had reached then (red team r34 1, 5).

r33 refused a stored history that funded a milestone while an earlier one
still waited, but judged a milestone only when its first recorded event was
its ``Fund``, and two milestones holding escrow only in the final state.  So
two milestones funded at once (a what-if), the first paid since, or a later
one funded while an earlier one held a carried remainder that a dispute
then settled, loaded and ran under the real rules, though ``apply`` refuses
the same steps.  A history recorded under a rule history that switched the
rule on later (red team r34 5) is read as recorded: each Fund under the
rules of its own day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules, serialize
from upwork_safety.errors import InvalidValueError, TransitionError, UpworkSafetyError
from upwork_safety.escrow import (
    AcceptRefund,
    Approve,
    Fund,
    OpenDispute,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.kinds import MilestoneState
from upwork_safety.rules import RuleHistory

SEVERAL = attrs.evolve(rules.CURRENT, name="what-if several", one_active_milestone=False)
ORDER_RULE = "milestones funded in the contract's order"
ONE_RULE = "one milestone holding escrow"


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.utc)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(count: int = 3, amount: str = "10.00") -> Contract:
    milestones = [Milestone(f"m{n}", f"Part {n}", usd(amount)) for n in range(1, count + 1)]
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 1), milestones=milestones)


def _refused(
    contract: Contract, **kwargs: object
) -> tuple[type[Exception], str | None, str | None]:
    with pytest.raises(UpworkSafetyError) as caught:
        escrow.ledger(contract, at(20), **kwargs)  # type: ignore[arg-type]
    return type(caught.value), caught.value.field, caught.value.rule


def _every_reading_refuses(contract: Contract, field: str, rule: str) -> None:
    loaded = serialize.from_json(Contract, serialize.to_json(contract))
    for call in (
        lambda: escrow.ledger(loaded, at(20)),
        lambda: escrow.deadlines(loaded, at(20)),
        lambda: escrow.allowed(loaded, "m3"),
        lambda: escrow.advance(loaded, at(20)),
        lambda: escrow.apply(loaded, Submit("m3", at(20))),
    ):
        with pytest.raises(InvalidValueError) as caught:
            call()
        assert (field, rule) == (caught.value.field, caught.value.rule)


def test_two_milestones_funded_at_once_are_refused_at_the_second_fund():
    """(a) m1 and m2 funded together under a what-if, m1 paid since: history[1], one active."""
    events = [Fund("m1", at(2)), Fund("m2", at(3)), Submit("m1", at(4)), Approve("m1", at(5))]
    with pytest.raises(TransitionError) as live:
        escrow.replay(offer(), events)
    assert "events[1]" == live.value.field
    recorded = escrow.replay(offer(), events, rules=SEVERAL)
    assert [MilestoneState.PAID, MilestoneState.FUNDED, MilestoneState.NOT_FUNDED] == [
        m.state for m in recorded.milestones
    ]
    _every_reading_refuses(recorded, "Contract.history[1]", ONE_RULE)
    with pytest.raises(InvalidValueError) as caught:
        escrow.ledger(recorded, at(20), rules=rules.CURRENT)
    assert ("rules", ONE_RULE) == (caught.value.field, caught.value.rule)
    assert "milestone 'm1' still held escrow" in str(caught.value)
    # Read under the what-if it was recorded under, it is what it was.
    assert usd("10.00") == escrow.ledger(recorded, at(20), rules=SEVERAL).work_in_progress


def _carried_then_m3(extra: list[escrow.Event]) -> list[escrow.Event]:
    return [
        Fund("m1", at(2)),
        Submit("m1", at(3)),
        Approve("m1", at(4), amount=usd("4.00")),
        Fund("m3", at(5)),
        OpenDispute("m2", at(6)),
        *extra,
    ]


@pytest.mark.parametrize(
    "split",
    [(usd("0.00"), usd("6.00")), (usd("6.00"), usd("0.00"))],
    ids=["refunded", "paid"],
)
def test_a_later_fund_while_an_earlier_one_held_a_carried_remainder_is_refused(split):
    """(b) m3 funded while m2 held $6 carried, m2 then settled by a dispute: history[3]."""
    events = _carried_then_m3([ResolveDispute("m2", at(7), *split)])
    with pytest.raises(TransitionError) as live:
        escrow.replay(offer(), events)
    assert "events[3]" == live.value.field
    recorded = escrow.replay(offer(), events, rules=SEVERAL)
    assert [False, False, True] == [bool(m.held.amount) for m in recorded.milestones]
    _every_reading_refuses(recorded, "Contract.history[3]", ORDER_RULE)
    assert MilestoneState.SUBMITTED is (
        escrow.apply(recorded, Submit("m3", at(20)), rules=SEVERAL).milestone("m3").state
    )


def test_a_later_milestone_funded_first_that_carried_back_to_an_earlier_one_is_refused():
    """The lead's case: m2 funded first, its partial approval carried to m1: history[0]."""
    events = [
        Fund("m2", at(2)),
        Submit("m2", at(3)),
        Approve("m2", at(4), amount=usd("7.00")),
        OpenDispute("m1", at(5)),
        ResolveDispute("m1", at(6), usd("3.00"), usd("0.00")),
    ]
    recorded = escrow.replay(offer(2), events, rules=SEVERAL)
    assert [MilestoneState.PAID, MilestoneState.PAID] == [m.state for m in recorded.milestones]
    assert (InvalidValueError, "Contract.history[0]", ORDER_RULE) == _refused(recorded)


def test_histories_the_live_engine_takes_still_load():
    """m2's carried remainder disputed and paid, then m3 funded: allowed, and read back."""
    events = [
        Fund("m1", at(2)),
        Submit("m1", at(3)),
        Approve("m1", at(4), amount=usd("4.00")),
        OpenDispute("m2", at(5)),
        ResolveDispute("m2", at(6), usd("6.00"), usd("0.00")),
        Fund("m3", at(7)),
        RequestRefund("m3", at(8)),
        AcceptRefund("m3", at(9)),
    ]
    done = escrow.replay(offer(), events)
    loaded = serialize.from_json(Contract, serialize.to_json(done))
    assert usd("20.00") == escrow.ledger(loaded, at(20)).funded  # m1 and m3: m2 held m1's carry
    assert MilestoneState.REFUNDED is loaded.milestone("m3").state


def test_a_partial_refund_keeps_its_milestone_holding():
    """A Refund after the Fund refunds escrow: m1 still held $4 when m2 was funded."""
    events = [Fund("m1", at(2)), escrow.Refund("m1", at(3), amount=usd("6.00")), Fund("m2", at(4))]
    recorded = escrow.replay(offer(2), events, rules=SEVERAL)
    assert ("Contract.history[2]", ONE_RULE) == _refused(recorded)[1:]


#: Off until 5 March 2026, on from then (red team r34 5).
_OFF = attrs.evolve(
    rules.CURRENT, effective=date(2026, 1, 1), name="off", one_active_milestone=False
)
_ON = attrs.evolve(rules.CURRENT, effective=date(2026, 3, 5), name="on", one_active_milestone=True)
SWITCH = RuleHistory("switched on", [_OFF, _ON])


def test_milestones_funded_together_before_the_rule_came_in_are_read_back():
    """Replay under a rule history accepts what ledger and apply then read, and the reverse."""
    done = escrow.replay(
        offer(), [Fund("m2", at(2)), Fund("m3", at(3)), Submit("m2", at(6))], rules=SWITCH
    )
    ledger = escrow.ledger(done, at(10), rules=SWITCH)
    assert (usd("10.00"), usd("10.00")) == (ledger.in_review, ledger.work_in_progress)
    stepped = escrow.apply(done, Submit("m3", at(10)), rules=SWITCH)
    assert MilestoneState.SUBMITTED is stepped.milestone("m3").state
    # A Fund on a day the rule is on is refused, live and read back.
    with pytest.raises(TransitionError) as live:
        escrow.apply(done, Fund("m1", at(10)), rules=SWITCH)
    assert "event" == live.value.field
    # Under the rules in force (on throughout), the same history is refused at its Fund.
    assert ("Contract.history[0]", ORDER_RULE) == _refused(done)[1:]


def test_two_milestones_holding_escrow_by_hand_are_still_refused_under_a_switch():
    """With no Fund on record, two holding are judged by the rules in force when read."""
    two = escrow.replay(offer(2), [Fund("m1", at(2)), Fund("m2", at(3))], rules=SWITCH)
    by_hand = attrs.evolve(two, history=[], payments=[], started=date(2026, 3, 6))
    assert ("rules", ONE_RULE) == _refused(by_hand, rules=SWITCH)[1:]
    # Read from a day the rule is off, the same milestones are taken as they are.
    earlier = attrs.evolve(by_hand, started=date(2026, 3, 1))
    assert usd("20.00") == escrow.ledger(earlier, at(4), rules=SWITCH).funded


_KINDS = ("Fund", "Submit", "Approve", "Part", "Dispute", "Resolve", "Ask", "Accept")


def _event(kind: str, milestone: str, moment: datetime) -> escrow.ManualEvent:
    made: dict[str, escrow.ManualEvent] = {
        "Fund": Fund(milestone, moment),
        "Submit": Submit(milestone, moment),
        "Approve": Approve(milestone, moment),
        "Part": Approve(milestone, moment, amount=usd("3.00")),
        "Dispute": OpenDispute(milestone, moment),
        "Resolve": ResolveDispute(milestone, moment, usd("1.00"), usd("0.00")),
        "Ask": RequestRefund(milestone, moment),
        "Accept": AcceptRefund(milestone, moment),
    }
    return made[kind]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_KINDS), st.integers(1, 3)), max_size=14))
def test_reading_a_what_if_history_refuses_where_the_live_engine_refused(steps):
    """Recorded under SEVERAL, read under the real rules: refused at the Fund apply refused.

    The steps taken are those SEVERAL allows; replaying them under the real
    rules refuses the first Fund the guard refuses (the only guard the two
    rule sets differ in), and reading the what-if's result is refused at that
    same Fund's entry, or read as it is when the live engine took every step.
    """
    contract = offer(3, "10.00")
    taken: list[escrow.ManualEvent] = []
    moment = at(2)
    for kind, number in steps:
        moment += timedelta(hours=1)
        event = _event(kind, f"m{number}", moment)
        try:
            contract = escrow.apply(contract, event, rules=SEVERAL)
        except UpworkSafetyError:
            continue
        taken.append(event)
    try:
        escrow.replay(offer(3, "10.00"), taken)
    except TransitionError as error:
        assert error.field is not None
        refused = taken[int(error.field.removeprefix("events[").rstrip("]"))]
        assert isinstance(refused, Fund)
        entry = list(contract.history).index(refused)
        with pytest.raises(InvalidValueError) as caught:
            escrow.ledger(contract, moment)
        assert f"Contract.history[{entry}]" == caught.value.field
        assert caught.value.rule in {ORDER_RULE, ONE_RULE}
    else:
        assert (
            escrow.ledger(contract, moment).funded
            == escrow.ledger(contract, moment, rules=SEVERAL).funded
        )


def test_the_engines_own_result_is_read_as_its_reload_is():
    """Two held by hand, read on a day the rule is off, then stepped into a day it is on:
    the next call judges the result as a reload of its JSON does (not from memory)."""
    two = escrow.replay(offer(2), [Fund("m1", at(2)), Fund("m2", at(3))], rules=SWITCH)
    by_hand = attrs.evolve(two, history=[], payments=[])
    stepped = escrow.apply(by_hand, Submit("m1", at(6)), rules=SWITCH)
    reloaded = serialize.from_json(Contract, serialize.to_json(stepped))
    assert ("rules", ONE_RULE) == _refused(stepped, rules=SWITCH)[1:]
    assert ("rules", ONE_RULE) == _refused(reloaded, rules=SWITCH)[1:]
