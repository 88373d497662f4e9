"""Round 24's escrow speed work: the cheaper readings give the answers the old ones gave."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules
from upwork_safety.errors import TransitionError
from upwork_safety.escrow import DormancyRefundRequest, Fund

UTC = timezone.utc
STARTED = date(2025, 3, 3)
MIDNIGHT = datetime(2025, 3, 3, tzinfo=UTC)


def _offer() -> Contract:
    return Contract(
        "c1",
        "client",
        ContractKind.FIXED_PRICE,
        STARTED,
        milestones=(Milestone("m1", "Landing page", Money("50.00", "USD")),),
    )


class TestDormancyCountsFromTheLastActivity:
    """The contract's clock (dormancy) is read before every event, from the last one.

    The engine reads the start day only when there is no event: an event is
    never before 00:00 UTC on that day, so the latest of the two is the event.
    """

    def test_an_event_at_the_first_instant_counts_from_itself(self):
        funded = escrow.apply(_offer(), Fund("m1", MIDNIGHT))
        closes = MIDNIGHT + rules.CURRENT.dormancy_course
        assert funded == escrow.advance(funded, closes - timedelta(microseconds=1))
        closed = escrow.advance(funded, closes)
        assert (DormancyRefundRequest("m1", closes), closes.date()) == (
            closed.history[-1],
            closed.ended,
        )

    def test_an_event_in_another_zone_on_the_day_before_in_utc_is_refused(self):
        karachi = timezone(timedelta(hours=5))
        with pytest.raises(TransitionError) as info:
            escrow.apply(_offer(), Fund("m1", datetime(2025, 3, 3, 4, 59, tzinfo=karachi)))
        assert ("event.at", "m1") == (info.value.field, info.value.milestone_id)

    def test_the_closing_is_the_third_of_the_dormancy_times(self):
        """The engine's closing and the deadlines' (the notices and the closing) agree."""
        funded = escrow.apply(_offer(), Fund("m1", MIDNIGHT + timedelta(hours=7)))
        found = {d.kind: d.due for d in escrow.deadlines(funded, MIDNIGHT + timedelta(days=1))}
        closed = escrow.advance(funded, found["dormancy_close"])
        assert DormancyRefundRequest("m1", found["dormancy_close"]) == closed.history[-1]
        assert found["dormancy_close"] == MIDNIGHT + timedelta(hours=7, days=97)
