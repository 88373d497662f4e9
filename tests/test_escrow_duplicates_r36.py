"""An event delivered twice: ``apply`` is not idempotent, ``in history`` is the check (newcomer r36, 1).

A repeated partial approval is a second approval, since two equal events can
both be real (a day's two equal approvals entered by hand at midnight), so
the engine applies it; the docs now say so and give the check an app uses.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from upwork_safety import Money, escrow
from upwork_safety.escrow import Approve
from upwork_safety.testing import factories

UTC = timezone.utc
PKT = timezone(timedelta(hours=5))


def test_an_equal_partial_approval_is_applied_again():
    """The same partial approval given twice releases twice: two equal approvals can be real."""
    submitted = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=UTC))
    part = Approve("m1", datetime(2026, 3, 10, tzinfo=UTC), amount=Money("100.00", "USD"))
    twice = escrow.apply(escrow.apply(submitted, part), part)
    assert Money("300.00", "USD") == twice.milestone("m1").held
    assert [Money("100.00", "USD")] * 2 == [p.amount for p in twice.payments]
    assert [part, part] == list(twice.history[-2:])


def test_an_event_in_another_zone_is_found_in_the_history():
    """The check the docs teach: an equal event given with +05:00 is ``in`` the history."""
    submitted = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=UTC))
    part = Approve("m1", datetime(2026, 3, 10, tzinfo=UTC), amount=Money("100.00", "USD"))
    again = Approve("m1", datetime(2026, 3, 10, 5, tzinfo=PKT), amount=Money("100.00", "USD"))
    assert again in escrow.apply(submitted, part).history
