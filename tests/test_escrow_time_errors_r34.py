"""A TransitionError for an event at a refused moment says the milestone's state and what is allowed.

Newcomer r34 3: an event entered out of time order raised a TransitionError
with ``allowed=()`` and a ``state`` that was a sentence ("history ends at
..."), while its docstring promised the state the event found and the
events allowed instead.  An app building "it is {state}; allowed now:
{allowed}" told staff nothing was allowed.  Only the moment was wrong, so
``state`` is the milestone's state and ``allowed`` what ``escrow.allowed``
allows on it at the contract's last recorded moment.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import Money, Payment, escrow
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow import Approve, EndContract, Fund, Submit
from upwork_safety.models import Escrow
from upwork_safety.testing import factories

UTC = timezone.utc


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


SUBMITTED = factories.submitted_contract(at=at(9, 15))


def _refused(call) -> TransitionError:
    with pytest.raises(TransitionError) as caught:
        call()
    return caught.value


def test_an_event_out_of_time_order_names_the_state_and_what_is_allowed():
    error = _refused(lambda: escrow.apply(SUBMITTED, Approve("m1", at(1))))
    assert ("event.at", "in time order", "m1") == (error.field, error.rule, error.milestone_id)
    assert "SUBMITTED" == error.state
    assert escrow.allowed(SUBMITTED, "m1").allowed == error.allowed
    assert ("RequestChanges", "Approve", "RequestRefund", "Refund", "EndContract") == error.allowed


def test_a_replayed_event_out_of_order_is_judged_on_the_run_so_far():
    """In a replay the state and the allowed events are those the earlier events left."""
    offer = attrs.evolve(SUBMITTED, history=[], payments=[], milestones=[
        attrs.evolve(m, escrow=Escrow.unfunded("USD")) for m in SUBMITTED.milestones
    ])  # fmt: skip
    error = _refused(
        lambda: escrow.replay(offer, [Fund("m1", at(3)), Submit("m1", at(5)), Approve("m1", at(4))])
    )
    assert ("events[2].at", "SUBMITTED") == (error.field, error.state)
    assert "Approve" in error.allowed


def test_an_event_before_a_recorded_payment_or_the_start_says_the_same():
    paid = attrs.evolve(SUBMITTED, payments=[Payment(date(2026, 3, 12), Money("5.00", "USD"))])
    error = _refused(lambda: escrow.apply(paid, Approve("m1", at(10))))
    assert ("event.at", "SUBMITTED") == (error.field, error.state)
    assert escrow.allowed(paid, "m1").allowed == error.allowed
    early = _refused(
        lambda: escrow.apply(factories.contract(), Fund("m1", datetime(2020, 1, 1, tzinfo=UTC)))
    )
    assert ("not before Contract.started", "NOT_FUNDED", ("Fund", "EndContract")) == (
        early.rule,
        early.state,
        early.allowed,
    )


def test_end_contract_out_of_order_names_the_contract_open():
    error = _refused(lambda: escrow.apply(SUBMITTED, EndContract(at(1))))
    assert (None, "open", ("EndContract",)) == (error.milestone_id, error.state, error.allowed)


def test_an_unknown_milestone_is_named_before_its_moment_is_judged():
    """The id is looked up first: a typo gets the list of ids, not a time-order error."""
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(SUBMITTED, Approve("m9", at(1)))
    assert "event.milestone_id" == caught.value.field
