"""Recorded automatic steps are checked against the rules the engine runs with (review r32, hostile 3).

A loaded history whose ``AutoApprove`` (or ``AutoRefund``, ``AutoDisputeRelease``,
``ArbitrationDefault``, ``DormancyRefundRequest``) is at a moment its clock did not
make due under the rules in force loads (the models do not read rules), but
every engine function that reads it with rules refuses it, naming the entry.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, checks, escrow, rules, serialize
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow import (
    AnswerDispute,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    DormancyRefundRequest,
    Fund,
    OpenDispute,
    RequestRefund,
    Submit,
)

UTC = timezone.utc
RULE = "the automatic step due"
SECOND = timedelta(seconds=1)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def offer() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 2),
        milestones=[Milestone("m1", "Three logo concepts (PNG)", Money("150.00", "USD"))],
    )


def drive(*events: object, until: datetime, what_if: rules.PlatformRules | None = None) -> Contract:
    c = offer()
    for event in events:
        c = escrow.apply(c, event, rules=what_if)  # type: ignore[arg-type]
    return escrow.advance(c, until, rules=what_if)


FUND = Fund("m1", at(2025, 6, 2, 9))
SUBMIT = Submit("m1", at(2025, 6, 5, 16, 30))
ASK = RequestRefund("m1", at(2025, 6, 3, 10))
DISPUTE = OpenDispute("m1", at(2025, 6, 4, 11))  # a Wednesday
ANSWER = AnswerDispute("m1", at(2025, 6, 6, 9))

#: (automatic step, the manual events before it, the moment it is due under today's rules)
CASES = [
    (AutoApprove, (FUND, SUBMIT), at(2025, 6, 19, 16, 30)),  # 14 days
    (AutoRefund, (FUND, ASK), at(2025, 6, 10, 10)),  # 7 days
    (AutoDisputeRelease, (FUND, ASK, DISPUTE), at(2025, 6, 11, 11)),  # 5 business days
    (ArbitrationDefault, (FUND, ASK, DISPUTE, ANSWER), at(2025, 6, 17, 9)),  # 2 + 2 + 7 days
    (DormancyRefundRequest, (FUND,), at(2025, 9, 7, 9)),  # 76 + 14 + 7 days untouched
]
IDS = [case[0].__name__ for case in CASES]


def moved(contract: Contract, old: datetime, new: datetime) -> Contract:
    """*contract* written and loaded with every record of the moment *old* at *new* instead."""
    text = serialize.to_json(contract).replace(old.isoformat(), new.isoformat())
    return serialize.from_json(Contract, text)


def refusals(contract: Contract, now: datetime, **kwargs: object) -> list[InvalidValueError]:
    """What ledger, advance, deadlines, allowed and review_contract each raise (all must)."""
    calls = [
        lambda: escrow.ledger(contract, now, **kwargs),  # type: ignore[arg-type]
        lambda: escrow.advance(contract, now, **kwargs),  # type: ignore[arg-type]
        lambda: escrow.deadlines(contract, now, **kwargs),  # type: ignore[arg-type]
        lambda: escrow.allowed(contract, "m1", now=now, **kwargs),  # type: ignore[arg-type]
    ]
    if not kwargs:
        calls.append(lambda: checks.review_contract(contract, now=now))
    found = []
    for call in calls:
        with pytest.raises(InvalidValueError) as info:
            call()
        found.append(info.value)
    return found


@pytest.mark.parametrize(("step", "before", "due"), CASES, ids=IDS)
def test_each_automatic_step_at_its_moment_is_taken(step, before, due):
    """The engine's own history (each step at the moment due) is read by every engine function."""
    c = drive(*before, until=due)
    assert step("m1", due) == c.history[-1]
    now = due + timedelta(hours=1)
    assert c == escrow.advance(c, now)
    loaded = serialize.from_json(Contract, serialize.to_json(c))
    assert escrow.ledger(loaded, now).funded == escrow.ledger(c, now).funded
    escrow.deadlines(loaded, now)
    checks.review_contract(loaded, now=now)


@pytest.mark.parametrize("shift", [-SECOND, SECOND], ids=["early", "late"])
@pytest.mark.parametrize(("step", "before", "due"), CASES, ids=IDS)
def test_each_automatic_step_moved_is_refused_naming_the_entry(step, before, due, shift):
    """Review r32, hostile 3: an automatic step recorded 1 s early or late loaded and was used."""
    c = moved(drive(*before, until=due), due, due + shift)  # it loads: the models read no rules
    index = len(c.history) - 1
    assert step("m1", due + shift) == c.history[index]
    for error in refusals(c, due + timedelta(hours=1)):
        assert (f"Contract.history[{index}]", RULE) == (error.field, error.rule)
        assert f"Contract.history[{index}] ({step.__name__}" in str(error)


def test_the_reports_auto_approve_one_second_after_submit_is_refused():
    """Review r32, hostile 3, the report's case: an AutoApprove 1 s after Submit, its release too."""
    c = drive(FUND, SUBMIT, until=at(2025, 6, 19, 16, 30))
    data = serialize.to_dict(c)
    data["history"][2]["at"] = "2025-06-05T16:30:01+00:00"
    data["payments"][0].update(at="2025-06-05T16:30:01+00:00", on="2025-06-05")
    early = serialize.from_dict(Contract, data)
    assert Money("150.00", "USD") == early.payments[0].amount
    assert SUBMIT.at + SECOND == early.payments[0].at
    for error in refusals(early, at(2025, 8, 1)):
        assert ("Contract.history[2]", RULE) == (error.field, error.rule)
        assert "it was due at 2025-06-19 16:30:00 UTC" in str(error)
    # replay refused it already, as it still does
    with pytest.raises(TransitionError) as info:
        escrow.replay(offer(), early.history)
    assert RULE == info.value.rule


def test_a_step_no_clock_made_due_is_refused():
    """An AutoDisputeRelease after the client answered loads; the client's clock had stopped."""
    c = drive(FUND, ASK, DISPUTE, ANSWER, until=at(2025, 6, 6, 10))
    data = serialize.to_dict(c)
    moment = "2025-06-11T11:00:00+00:00"  # when it was due had the client not answered
    data["history"].append({"type": "AutoDisputeRelease", "milestone_id": "m1", "at": moment})
    usd = {"amount": "150.00", "currency": "USD"}
    data["payments"] = [
        {"on": "2025-06-11", "amount": usd, "at": moment, "milestone_id": "m1", "kind": "release"}
    ]
    data["milestones"][0]["escrow"] = {"state": "paid", "funded": usd, "released": usd}
    loaded = serialize.from_dict(Contract, data)
    for error in refusals(loaded, at(2025, 6, 12)):
        assert ("Contract.history[4]", RULE) == (error.field, error.rule)
        assert "no such step was due then" in str(error)


SLOW = attrs.evolve(rules.CURRENT, review_period=timedelta(days=30))


def test_a_what_if_history_is_read_with_its_rules_and_refused_without():
    """A history recorded under rules=SLOW is taken with them; without them the entry is named."""
    due = SUBMIT.at + timedelta(days=30)
    c = drive(FUND, SUBMIT, until=due, what_if=SLOW)
    assert AutoApprove("m1", due) == c.history[-1]
    now = due + timedelta(days=1)
    assert Money("150.00", "USD") == escrow.ledger(c, now, rules=SLOW).pending
    escrow.deadlines(c, now, rules=SLOW)
    assert c == escrow.advance(c, now, rules=SLOW)
    loaded = serialize.from_json(Contract, serialize.to_json(c))
    assert escrow.ledger(loaded, now, rules=SLOW).funded == Money("150.00", "USD")
    for error in refusals(loaded, now):
        assert ("Contract.history[2]", RULE) == (error.field, error.rule)
        assert "under the rules in force: it was due at 2025-06-19 16:30:00 UTC" in str(error)


def test_todays_history_read_with_other_rules_blames_the_rules():
    """A history recorded under today's rules, read with rules=SLOW: the field is rules."""
    c = drive(FUND, SUBMIT, until=at(2025, 6, 19, 16, 30))
    loaded = serialize.from_json(Contract, serialize.to_json(c))
    for error in refusals(loaded, at(2025, 8, 1), rules=SLOW):
        assert ("rules", RULE) == (error.field, error.rule)
        assert "Contract.history[2] (AutoApprove" in str(error)
        assert "under the rules given (rules=)" in str(error)


def test_a_step_whose_clock_started_before_the_history_is_not_judged():
    """A milestone built in review by hand: its AutoApprove's start is not recorded, so not judged."""
    c = drive(FUND, SUBMIT, until=at(2025, 6, 10))
    by_hand = attrs.evolve(c, history=())
    after = escrow.advance(by_hand, at(2025, 6, 20))
    assert [AutoApprove("m1", at(2025, 6, 19, 16, 30))] == list(after.history)
    early = moved(after, at(2025, 6, 19, 16, 30), at(2025, 6, 19, 16, 29, 59))
    assert Money("150.00", "USD") == escrow.ledger(early, at(2025, 6, 20)).pending


def test_a_history_is_read_once_per_rule_set(monkeypatch):
    """The check walks a history once: a contract the engine built is not walked again."""
    from upwork_safety.escrow import _recorded_steps

    walks = []
    original = _recorded_steps._Walk.check

    def counted(self):
        walks.append(len(self.history))
        original(self)

    monkeypatch.setattr(_recorded_steps._Walk, "check", counted)
    c = drive(FUND, SUBMIT, until=at(2025, 6, 19, 16, 30))
    assert [] == walks  # the engine built every step: nothing to read
    loaded = serialize.from_json(Contract, serialize.to_json(c))
    now = at(2025, 7, 1)
    escrow.ledger(loaded, now)
    escrow.ledger(loaded, now)
    escrow.deadlines(loaded, now)
    assert [3] == walks
    escrow.ledger(escrow.advance(loaded, now), now)
    assert [3] == walks
    with pytest.raises(InvalidValueError):
        escrow.ledger(loaded, now, rules=SLOW)
    assert [3, 3] == walks


# ---------- dormancy reads every escrow moment the engine reads (diff review r32, 2)


def _arbitration_by_hand() -> tuple[Contract, rules.PlatformRules]:
    """m2 built by hand in arbitration, both fees paid (no clock runs), last moment 06-12."""
    from upwork_safety.models import Escrow

    usd = lambda text: Money(text, "USD")  # noqa: E731
    multi = attrs.evolve(rules.CURRENT, name="what-if multi", one_active_milestone=False)
    m2 = Milestone(
        "m2",
        "Hand-built arbitration",
        usd("200.00"),
        escrow=Escrow(
            "disputed",
            usd("200.00"),
            held=usd("200.00"),
            disputed_at=at(2025, 6, 3, 9),
            dispute_answered_at=at(2025, 6, 5, 9),
            client_paid_arbitration_at=at(2025, 6, 10, 9),
            freelancer_paid_arbitration_at=at(2025, 6, 12, 9),
        ),
    )
    m1 = Milestone(
        "m1",
        "Three logo concepts (PNG)",
        usd("150.00"),
        escrow=Escrow("funded", usd("150.00"), held=usd("150.00")),
    )
    data = serialize.to_dict(
        Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 6, 2), milestones=[m1, m2])
    )
    data["history"] = [{"type": "Fund", "milestone_id": "m1", "at": "2025-06-02T09:00:00+00:00"}]
    return serialize.from_dict(Contract, data), multi


def test_a_dormancy_closure_counts_an_arbitration_fee_as_activity_as_the_engine_does():
    loaded, multi = _arbitration_by_hand()
    closed = escrow.advance(loaded, at(2025, 10, 1), rules=multi)
    closure = closed.history[1]
    assert isinstance(closure, DormancyRefundRequest)
    assert closure.at == at(2025, 9, 17, 9)  # from the last fee paid, 06-12, not from 06-03
    again = serialize.from_json(Contract, serialize.to_json(closed))
    book = escrow.ledger(again, at(2025, 10, 2), rules=multi)  # the engine's own closure: taken
    assert book.funded == Money("350.00", "USD")


def test_a_dormancy_closure_dated_from_an_earlier_moment_than_the_last_activity_is_refused():
    loaded, multi = _arbitration_by_hand()
    text = serialize.to_json(escrow.advance(loaded, at(2025, 10, 1), rules=multi))
    early = serialize.from_json(
        Contract, text.replace("2025-09-17", "2025-09-08").replace("2025-09-24", "2025-09-15")
    )
    with pytest.raises(InvalidValueError) as info:
        escrow.ledger(early, at(2025, 10, 2), rules=multi)
    assert info.value.rule == RULE
    assert info.value.field == "rules"
