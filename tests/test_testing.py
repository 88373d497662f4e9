"""Tests for upwork_safety.testing: the strategies other projects use produce valid values."""

from hypothesis import given, settings

from upwork_safety import Contract, ContractKind, escrow, serialize
from upwork_safety.testing import strategies as us


@given(us.contracts())
def test_contracts_are_valid_and_round_trip(contract):
    """Every generated contract is valid and survives serialisation."""
    assert contract == serialize.from_json(Contract, serialize.to_json(contract))


@given(us.hourly_contracts())
def test_hourly_contracts_have_rates(contract):
    """Hourly contracts carry a rate and no milestones."""
    assert ContractKind.HOURLY == contract.kind
    assert contract.hourly_rate is not None
    assert () == contract.milestones


@settings(max_examples=60)
@given(us.contract_histories())
def test_histories_replay_and_conserve_money(history):
    """A generated history replays to the same contract and keeps money conserved."""
    original, events, final = history
    assert len(events) <= len(final.history)
    assert final == escrow.replay(original, final.history)
    last = final.history[-1].at if final.history else None
    if last is not None:
        book = escrow.ledger(final, last)
        assert book.funded == (
            book.work_in_progress + book.in_review + book.pending + book.available + book.refunded
        )


@given(us.events())
def test_events_round_trip(event):
    """Single events of every kind round-trip through JSON."""
    from upwork_safety._events import Event

    assert event == serialize.from_json(Event, serialize.to_json(event))


def test_factories_build_valid_overridable_values():
    """Factories give fixed, valid values and accept field overrides."""
    from datetime import date, datetime, timezone

    from upwork_safety import Money, jss
    from upwork_safety.models import MilestoneState
    from upwork_safety.testing import factories

    c = factories.contract(amount="250", title="Logo")
    assert (Money("250", "USD"), "Logo", "acme") == (c.milestones[0].amount, c.title, c.client_id)
    m = factories.milestone(milestone_id="m9", amount=Money("7", "USD"), description="PNG")
    assert ("m9", Money("7", "USD"), "PNG") == (m.id, m.amount, m.description)
    s = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=timezone.utc))
    assert MilestoneState.SUBMITTED == s.milestones[0].state
    assert datetime(2026, 3, 2, 9, tzinfo=timezone.utc) == s.history[0].at
    done = factories.finished_contract(stars=None, private_score=None, end_reason=None)
    assert (None, date(2026, 4, 1)) == (done.feedback, done.ended)
    past = factories.history(4, clients=2)
    assert ["client1", "client2", "client1", "client2"] == [p.client_id for p in past]
    assert 100 == jss.score(past, as_of=date(2025, 6, 1)).score
