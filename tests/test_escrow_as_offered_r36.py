"""``escrow.as_offered`` on a contract saved by 0.2.0 with a weekend dispute (newcomer r36, 2).

0.2.0 released a dispute filed on a Saturday or Sunday at the old deadline,
so the stored ``AutoDisputeRelease`` is at a moment no rules give, and
``as_offered``'s message sent the reader to ``rules=``, which cannot help.
It now names the entry and what to do; docs/upgrading.md rebuilds the
contract from the events people performed.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules, serialize
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow import AutoDisputeRelease, Fund, OpenDispute, RequestRefund, Submit
from upwork_safety.models import Escrow, PaymentKind

UTC = timezone.utc
RULE = "a contract its history rebuilds from the offer"
OFFER = Contract(
    "c1",
    "acme",
    ContractKind.FIXED_PRICE,
    date(2025, 3, 3),
    milestones=[Milestone("m1", "Logo", Money("300.00", "USD"))],
)
PEOPLE = (
    Fund("m1", datetime(2025, 3, 3, 9, tzinfo=UTC)),
    Submit("m1", datetime(2025, 3, 5, 9, tzinfo=UTC)),
    RequestRefund("m1", datetime(2025, 3, 6, 9, tzinfo=UTC)),
    OpenDispute("m1", datetime(2025, 3, 8, 10, tzinfo=UTC)),  # a Saturday
)
NOW = datetime(2025, 3, 20, tzinfo=UTC)
OLD_RELEASE = datetime(2025, 3, 14, 10, tzinfo=UTC)  # 0.2.0's deadline
DUE = datetime(2025, 3, 15, tzinfo=UTC)  # the deadline the rules give


def saved_by_020() -> Contract:
    """The contract as 0.2.0 saved it: the release (and its payment) a day early."""
    text = serialize.to_json(escrow.advance(escrow.replay(OFFER, PEOPLE), NOW))
    text = text.replace(DUE.isoformat(), OLD_RELEASE.isoformat()).replace(
        '"on":"2025-03-15"', '"on":"2025-03-14"'
    )
    stored = serialize.from_json(Contract, text)
    assert AutoDisputeRelease("m1", OLD_RELEASE) == stored.history[4]
    return stored


def test_the_refusal_names_the_recorded_step_and_not_rules():
    """The message names ``Contract.history[4]`` and the upgrade recipe, not ``rules=``."""
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(saved_by_020())
    error = caught.value
    assert ("contract", RULE) == (error.field, error.rule)
    assert isinstance(error.__cause__, TransitionError)
    assert "the automatic step due" == error.__cause__.rule
    text = str(error)
    assert "Contract.history[4]" in text
    assert "docs/upgrading.md" in text
    assert "rules=" not in text


def test_with_rules_given_the_refusal_says_so():
    """With ``rules=`` passed, the message says the step is not due under the rules given."""
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(saved_by_020(), rules=rules.CURRENT)
    assert "under the rules given" in str(caught.value)


def test_other_refusals_keep_their_advice():
    """A refusal that is not an automatic step's moment still mentions other rules."""
    several = attrs.evolve(rules.CURRENT, one_active_milestone=False)
    two = attrs.evolve(
        OFFER, milestones=[*OFFER.milestones, Milestone("m2", "Guide", Money("10.00", "USD"))]
    )
    both = escrow.replay(
        two, [PEOPLE[0], Fund("m2", datetime(2025, 3, 3, 10, tzinfo=UTC))], rules=several
    )
    with pytest.raises(InvalidValueError) as caught:
        escrow.as_offered(both)
    assert "rules=" in str(caught.value)


def test_the_upgrade_recipe_rebuilds_the_contract_with_the_release_when_due():
    """The offer built from the stored contract, replayed with people's events, pays on time."""
    stored = saved_by_020()
    offer = attrs.evolve(
        stored,
        history=(),
        ended=None,
        feedback=None,
        payments=[p for p in stored.payments if p.kind is PaymentKind.OTHER],
        milestones=[
            attrs.evolve(m, escrow=Escrow.unfunded(m.amount.currency)) for m in stored.milestones
        ],
    )
    assert OFFER == offer
    people = [e for e in stored.history if not escrow.is_automatic(e)]
    assert list(PEOPLE) == people
    rebuilt = escrow.advance(escrow.replay(offer, people), NOW)
    assert AutoDisputeRelease("m1", DUE) == rebuilt.history[-1]
    assert [DUE] == [p.at for p in rebuilt.payments]
    assert offer == escrow.as_offered(rebuilt)
