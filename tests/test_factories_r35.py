"""``factories.submitted_contract`` names its own argument for what the rules refuse (review r35, 2).

Before, an ``amount`` below the minimum milestone and an ``at`` after
dormancy closed the contract reached the escrow engine, which raised a
``TransitionError`` naming ``event``, an event the caller never wrote.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from upwork_safety import MilestoneState, Money, escrow
from upwork_safety.errors import InvalidValueError
from upwork_safety.testing import factories

#: When the factory funds its milestone by default: 09:00 UTC on its start day.
FUNDED = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
#: The rules in force then: the minimum milestone and dormancy's whole course.
IN_FORCE = escrow.rules_in_force(FUNDED)


def test_an_amount_below_the_minimum_milestone_names_amount():
    """USD 4.00, accepted by ``contract()``, is refused naming ``amount`` (InvalidValueError)."""
    assert Money("5.00", "USD") == IN_FORCE.minimum_milestone
    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(amount="4.00")
    assert ("amount", escrow.RefusalRule.MINIMUM_MILESTONE) == (
        info.value.field,
        info.value.rule,
    )
    assert "USD 5.00" in str(info.value)


def test_a_milestone_of_milestones_below_the_minimum_names_its_path():
    """A milestone given through ``milestones=`` is named by its place there."""
    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(milestones=[factories.milestone(amount="4.99")])
    assert "milestones[0].amount" == info.value.field


def test_the_minimum_milestone_itself_is_submitted():
    """USD 5.00, the minimum, is funded and submitted; another currency is not held to it."""
    assert (
        MilestoneState.SUBMITTED is factories.submitted_contract(amount="5.00").milestones[0].state
    )
    other = factories.submitted_contract(amount=Money("4.00", "PKR"))
    assert MilestoneState.SUBMITTED is other.milestones[0].state


def test_an_at_after_dormancy_closed_the_contract_names_at():
    """Submitted 200 days after the funding: dormancy closed it at 97 days; ``at`` is named."""
    assert timedelta(days=97) == IN_FORCE.dormancy_course
    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(at=FUNDED + timedelta(days=200))
    assert ("at", "before dormancy closes the contract") == (info.value.field, info.value.rule)
    assert "2026-06-07 09:00:00 UTC" in str(info.value)


def test_dormancy_closing_is_the_boundary():
    """At the closing it is refused; one microsecond before, the work is submitted."""
    closing = FUNDED + IN_FORCE.dormancy_course
    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(at=closing)
    assert "at" == info.value.field
    made = factories.submitted_contract(at=closing - timedelta(microseconds=1))
    assert closing - timedelta(microseconds=1) == made.milestones[0].escrow.submitted_at


def test_dormancy_counts_from_the_funding_given():
    """A later ``funded_at`` moves the closing with it."""
    funded = FUNDED + timedelta(days=150)
    made = factories.submitted_contract(funded_at=funded, at=FUNDED + timedelta(days=200))
    assert MilestoneState.SUBMITTED is made.milestones[0].state
