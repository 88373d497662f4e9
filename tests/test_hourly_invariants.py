"""Tests that a Segment or WeeklyInvoice in a state invoice() cannot produce cannot be built or loaded."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import rules, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.hourly import (
    BillingWeek,
    Segment,
    TimeEntry,
    UnprotectedReason,
    WeeklyInvoice,
    payout_calendar,
)
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
R = UnprotectedReason
#: Monday 2024-01-01 00:00 UTC.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))
SEGMENT = timedelta(minutes=10)
RATE = Money("50.00", "USD")
#: A what-if: activity below 6 is not adequate, and only whole slots bill.
STRICT = attrs.evolve(
    rules.CURRENT,
    name="strict what-if",
    hourly_minimum_activity=6,
    hourly_partial_segment_minimum=SEGMENT,
)


def at(day, hour=0, minute=0):
    """A moment in January 2024 (day 1 is the Monday that opens WEEK)."""
    return datetime(2024, 1, day, hour, minute, tzinfo=UTC)


def entry(start, end, **kwargs):
    kwargs.setdefault("memo", "work")
    kwargs.setdefault("activity", 5)
    return TimeEntry(start, end, **kwargs)


def slot(index, **kwargs):
    """A full, protected 10-minute segment: slot *index* of WEEK."""
    start = WEEK.start + SEGMENT * index
    kwargs.setdefault("memo", "work")
    kwargs.setdefault("activity", 5)
    return Segment(start, start + SEGMENT, SEGMENT, **kwargs)


def bill(segments, **kwargs):
    """A WeeklyInvoice of WEEK built by hand, logged_time = the segments' time by default."""
    kwargs.setdefault("logged_time", sum((s.logged for s in segments), timedelta(0)))
    kwargs.setdefault("calendar", payout_calendar(WEEK))
    return WeeklyInvoice(WEEK, RATE, tuple(segments), **kwargs)


def load_problem_paths(data):
    """Load *data* as a WeeklyInvoice; return the JSON paths of the problems it is refused for."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(WeeklyInvoice, data)
    return [problem.split(": ", 1)[0] for problem in info.value.problems]


# --- a segment's reasons follow its own facts ------------------------------------


@pytest.mark.parametrize(
    ("facts", "reasons"),
    [
        pytest.param({"manual": True}, (), id="manual-without-MANUAL"),
        pytest.param({}, (R.MANUAL,), id="MANUAL-without-manual-time"),
        pytest.param({"memo": ""}, (), id="blank-memo-without-NO_MEMO"),
        pytest.param({"memo": "   "}, (), id="spaces-memo-without-NO_MEMO"),
        pytest.param({"activity": None}, (), id="no-activity-without-LOW_ACTIVITY"),
        pytest.param({"activity": 10}, (R.LOW_ACTIVITY,), id="LOW_ACTIVITY-at-the-top-of-scale"),
        pytest.param({"over_limit": True}, (), id="over-limit-without-OVER_LIMIT"),
        pytest.param({}, (R.OVER_LIMIT,), id="OVER_LIMIT-without-over-limit"),
        pytest.param(
            {"manual": True, "activity": None}, (R.LOW_ACTIVITY, R.MANUAL), id="out-of-order"
        ),
        pytest.param({"manual": True}, (R.MANUAL, R.MANUAL), id="repeated"),
    ],
)
def test_segment_reasons_must_follow_its_facts(facts, reasons):
    """A Segment whose reasons contradict its manual, memo, activity or over_limit is refused."""
    with pytest.raises(InvalidValueError) as info:
        slot(0, reasons=reasons, **facts)
    assert "Segment.reasons" == info.value.field


@pytest.mark.parametrize(
    ("facts", "reasons"),
    [
        pytest.param({}, (), id="protected"),
        pytest.param({"memo": "api"}, (R.NO_MEMO,), id="memo-of-one-entry-not-the-other"),
        pytest.param({"activity": 3}, (R.LOW_ACTIVITY,), id="below-a-threshold-above-3"),
        pytest.param({}, (R.CLIENT_UNVERIFIED,), id="unverified-client"),
        pytest.param(
            {"over_limit": True, "manual": True, "memo": "", "activity": None},
            (R.OVER_LIMIT, R.MANUAL, R.NO_MEMO, R.LOW_ACTIVITY, R.CLIENT_UNVERIFIED),
            id="every-reason",
        ),
    ],
)
def test_segment_reasons_some_invoice_could_give(facts, reasons):
    """Reasons that depend on the invoice (threshold, client) are left to the invoice to check."""
    assert reasons == slot(0, reasons=reasons, **facts).reasons
