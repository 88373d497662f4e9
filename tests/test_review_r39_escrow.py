"""Review r39 (escrow): findings 1, 4, 5 and 8.

1. A refused step's ``rule`` is a stable key (``escrow.RefusalRule``), the same
   for every amount, id and state; the sentence stays in the message.
4. A ``ResolveDispute`` of nothing to either side cannot be built or loaded.
5. ``escrow.Transition`` refuses an unknown event and a wrong ``automatic``.
8. A wrong event ``"type"`` is refused at ``$.type``, with a rule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
    Money,
    escrow,
    serialize,
)
from upwork_safety.errors import InvalidDataError, InvalidValueError, TransitionError
from upwork_safety.testing import strategies as us

UTC = timezone.utc
AT = datetime(2024, 3, 1, 9, tzinfo=UTC)
R = escrow.RefusalRule


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(*amounts: str) -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone(f"m{i}", "Logo", usd(a)) for i, a in enumerate(amounts, 1)],
    )


def refused(contract: Contract, event: escrow.ManualEvent) -> TransitionError:
    with pytest.raises(TransitionError) as info:
        escrow.apply(contract, event)
    return info.value


# --- 1: stable rule keys ---------------------------------------------------------------


def test_the_same_broken_rule_has_the_same_rule_for_any_amount():
    low = refused(offer("4.99"), escrow.Fund("m1", AT))
    lower = refused(offer("3.00"), escrow.Fund("m1", AT))
    assert (R.MINIMUM_MILESTONE, R.MINIMUM_MILESTONE) == (low.rule, lower.rule)
    assert ("event", "event") == (low.field, lower.field)
    assert "its amount USD 4.99 is below the USD 5.00 minimum milestone" in str(low)


def test_each_fund_and_submit_refusal_has_its_own_key():
    funded = escrow.apply(offer("100", "100"), escrow.Fund("m1", AT))
    cases = [
        (offer("100", "100"), escrow.Fund("m2", AT), R.FUND_ORDER, "'m1' comes before it"),
        (funded, escrow.Fund("m2", AT), R.ONE_ACTIVE, "'m1' is still active"),
        (offer("100"), escrow.Submit("m1", AT), R.FUNDED_FIRST, "it is not funded"),
        (funded, escrow.Fund("m1", AT), R.FUNDED_ONCE, "it was already funded"),
    ]
    for contract, event, rule, text in cases:
        error = refused(contract, event)
        assert (rule, "event") == (error.rule, error.field)
        assert text in str(error)


def test_the_keys_are_distinct_short_and_those_the_history_reader_uses():
    keys = [v for k, v in vars(R).items() if k.isupper()]
    assert len(keys) == len(set(keys))
    assert all(len(key) < 50 and not any(c.isdigit() for c in key) for key in keys)
    assert "one milestone holding escrow" == R.ONE_ACTIVE
    assert "milestones funded in the contract's order" == R.FUND_ORDER


def test_a_closed_window_points_at_the_events_moment():
    contract = escrow.apply(offer("100"), escrow.Fund("m1", AT))
    contract = escrow.apply(contract, escrow.RequestRefund("m1", AT + timedelta(days=1)))
    contract = escrow.apply(contract, escrow.OpenDispute("m1", AT + timedelta(days=2)))
    contract = escrow.apply(contract, escrow.AnswerDispute("m1", AT + timedelta(days=3)))
    early = refused(contract, escrow.ClientPaysArbitration("m1", AT + timedelta(days=4)))
    assert ("event.at", R.MEDIATION_FIRST) == (early.field, early.rule)
    again = refused(contract, escrow.AnswerDispute("m1", AT + timedelta(days=4)))
    assert ("event", R.ANSWERED_ONCE) == (again.field, again.rule)


def test_choices_keep_the_sentence():
    funded = escrow.apply(offer("100", "100"), escrow.Fund("m1", AT))
    reason = escrow.allowed(funded, "m2", now=AT).reason("Fund")
    assert reason is not None
    assert reason.startswith("milestone 'm1' is still active (FUNDED)")


def test_the_factory_reads_the_key():
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(amount="4")
    assert ("amount", escrow.RefusalRule.MINIMUM_MILESTONE) == (
        info.value.field,
        info.value.rule,
    )


# --- 4: a dispute split of nothing -------------------------------------------------------


def test_a_split_of_nothing_is_refused_built_and_loaded():
    with pytest.raises(InvalidValueError) as info:
        escrow.ResolveDispute("m1", AT, usd("0.00"), usd("0.00"))
    assert ("ResolveDispute.to_client", "more than zero") == (info.value.field, info.value.rule)
    data = {
        "milestone_id": "m1",
        "at": "2024-03-07T00:00:00Z",
        "to_freelancer": {"amount": "0.00", "currency": "USD"},
        "to_client": {"amount": "0.00", "currency": "USD"},
    }
    with pytest.raises(InvalidDataError):
        serialize.from_dict(escrow.ResolveDispute, data)
    one_side = escrow.ResolveDispute("m1", AT, usd("0.00"), usd("5.00"))
    assert usd("5.00") == one_side.to_client


@settings(max_examples=200)
@given(us.events())
def test_the_events_strategy_draws_no_split_of_nothing(event):
    if isinstance(event, escrow.ResolveDispute):
        assert event.to_freelancer.amount or event.to_client.amount


# --- 5: Transition's event and automatic flag ---------------------------------------


@pytest.mark.parametrize(
    ("event", "automatic", "field", "rule"),
    [
        ("Fnud", False, "Transition.event", "an escrow event"),
        ("AutoApprove", False, "Transition.automatic", "automatic exactly for an automatic event"),
        ("Fund", True, "Transition.automatic", "automatic exactly for an automatic event"),
    ],
)
def test_a_transition_says_what_its_event_is(event, automatic, field, rule):
    edges = ((MilestoneState.NOT_FUNDED, MilestoneState.FUNDED),)
    with pytest.raises(InvalidValueError) as info:
        escrow.Transition(event, edges, automatic=automatic)
    assert (field, rule) == (info.value.field, info.value.rule)
    data = {"event": event, "edges": [["not_funded", "funded"]], "automatic": automatic}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(escrow.Transition, data)
    assert [rule] == [p.rule for p in loaded.value.problems]


def test_the_published_table_still_loads():
    for row in escrow.TRANSITIONS:
        assert row == serialize.from_dict(escrow.Transition, serialize.to_dict(row))


# --- 8: a wrong event type --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "tag", "rule"),
    [
        (escrow.ManualEvent, "AutoApprove", "a manual escrow event"),
        (escrow.Event, "Nope", "an escrow event"),
        (escrow.Fund, "AutoApprove", "the event type 'Fund'"),
    ],
)
def test_a_wrong_type_tag_is_refused_at_the_tag_with_a_rule(cls, tag, rule):
    data = {"type": tag, "milestone_id": "m1", "at": "2024-01-01T00:00:00Z"}
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(cls, data)
    (problem,) = info.value.problems
    assert ("$.type", rule) == (problem.path, problem.rule)
    assert "not an escrow event" not in problem.message


def test_an_automatic_event_read_as_manual_is_called_automatic():
    data = {"type": "AutoApprove", "milestone_id": "m1", "at": "2024-01-01T00:00:00Z"}
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(escrow.ManualEvent, data)
    assert "an automatic event" in info.value.problems[0].message
