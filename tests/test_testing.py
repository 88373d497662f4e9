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
