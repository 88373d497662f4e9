"""``escrow.as_offered`` keeps a payment by hand wherever it is listed (hostile r35, 8).

Before, a payment recorded by hand, dated before every event but listed
after the engine's payments (the natural way to add one), was refused:
the replay lists the payments by hand first, and the check compared the
two lists in order.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import Contract, Milestone, Money, Payment, escrow
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow import Approve, Fund, Submit

RULE = "a contract its history rebuilds from the offer"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


OFFER = Contract(
    "c1",
    "acme",
    "fixed_price",
    date(2025, 6, 1),
    milestones=[Milestone("m1", "Logo", Money("100", "USD"))],
)
EVENTS = [
    Fund("m1", utc(2025, 6, 2, 9)),
    Submit("m1", utc(2025, 6, 3)),
    Approve("m1", utc(2025, 6, 4)),
]
HAND = Payment(date(2025, 6, 1), Money("5", "USD"))
DONE = escrow.replay(OFFER, EVENTS)
#: The natural way to add a payment by hand: after the engine's release.
ADDED = attrs.evolve(DONE, payments=[*DONE.payments, HAND])


def test_a_payment_by_hand_listed_last_is_kept():
    """The offer keeps it, and the replay gives the contract back with it listed first."""
    offer = escrow.as_offered(ADDED)
    assert attrs.evolve(OFFER, payments=[HAND]) == offer
    replayed = escrow.replay(offer, ADDED.history)
    assert (HAND, *DONE.payments) == replayed.payments
    assert attrs.evolve(ADDED, payments=[HAND, *DONE.payments]) == replayed


def test_each_kind_keeps_its_order():
    """Two payments by hand keep their order among themselves, wherever the engine's are listed."""
    other = Payment(date(2025, 6, 2), Money("7", "USD"))
    stored = attrs.evolve(DONE, payments=[HAND, *DONE.payments, other])
    assert (HAND, other) == escrow.as_offered(stored).payments


def test_a_payment_by_hand_dated_after_an_event_is_still_refused():
    """Dated after the last event, the replay cannot keep it before them: refused as before."""
    late = attrs.evolve(
        DONE, payments=[*DONE.payments, Payment(date(2025, 6, 10), Money("5", "USD"))]
    )
    with pytest.raises(InvalidValueError) as info:
        escrow.as_offered(late)
    assert ("contract", RULE) == (info.value.field, info.value.rule)
