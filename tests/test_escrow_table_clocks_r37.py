"""Review r37, review 1: the published table describes the clocks the engine runs.

``escrow.TRANSITIONS`` published ``timer="dormancy_period"`` (76 days) for
``DormancyRefundRequest`` while the engine waited ``dormancy_course`` (97
days); ``AutoDisputeRelease`` did not say its 5 days are business days, and
``ArbitrationDefault`` did not say its 7 days start after mediation's 2 + 2.
Each row now publishes its clock's ``wait`` (the rules' durations it sums)
and ``business_days`` (the switch that makes it count business days), read
from the same ``Timer`` the engine runs.  Here every timed row's wait,
computed from the published row and the rules alone, is checked against
``deadlines()`` and, for an automatic step, ``advance()``.

6 March 2026 is a Friday.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.escrow import (
    AnswerDispute,
    Approve,
    Fund,
    OpenDispute,
    RequestRefund,
    Submit,
    Transition,
)
from upwork_safety.escrow._table import ROWS
from upwork_safety.models import MilestoneState

U = timezone.utc
MICROSECOND = timedelta(microseconds=1)
FRIDAY_15 = datetime(2026, 3, 6, 15, tzinfo=U)
STARTED = date(2026, 3, 2)


def row(event: str) -> Transition:
    (found,) = [t for t in escrow.TRANSITIONS if t.event == event and t.timer is not None]
    return found


def business_days_later(start: datetime, n: int) -> datetime:
    """n business days after a moment inside a Monday-Friday (UTC): same time of day."""
    assert start.weekday() < 5
    assert start != start.replace(hour=0, minute=0, second=0, microsecond=0)
    moment = start
    while n:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment


def published_due(transition: Transition, start: datetime, under: rules.PlatformRules) -> datetime:
    """When the clock of *transition* started at *start* runs out, from the published row alone."""
    wait = sum((getattr(under, name) for name in transition.wait), timedelta(0))
    if transition.business_days is not None and getattr(under, transition.business_days):
        assert wait == timedelta(days=wait.days)  # whole days under the published rules
        return business_days_later(start, wait.days)
    return start + wait


def offer() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        STARTED,
        milestones=[Milestone("m1", "Logo", Money("300.00", "USD"))],
    )


def run(*events: object) -> Contract:
    contract = offer()
    for event in events:
        contract = escrow.apply(contract, event)  # type: ignore[arg-type]
    return contract


FUNDED_AT = datetime(2026, 3, 2, 9, tzinfo=U)

#: Each timed row: the events that start its clock, and the moment the clock starts.
SCENARIOS = {
    "AutoApprove": ((Fund("m1", FUNDED_AT), Submit("m1", FRIDAY_15)), FRIDAY_15),
    "AutoRefund": ((Fund("m1", FUNDED_AT), RequestRefund("m1", FRIDAY_15)), FRIDAY_15),
    # Filed on a Friday afternoon: 5 business days are 7 calendar days, 5 elapsed days
    # would be Wednesday.
    "AutoDisputeRelease": (
        (
            Fund("m1", FUNDED_AT),
            RequestRefund("m1", FRIDAY_15 - timedelta(days=1)),
            OpenDispute("m1", FRIDAY_15),
        ),
        FRIDAY_15,
    ),
    # Counted from the client's answer: mediation's 2 + 2 days, then the 7-day opt-in.
    "ArbitrationDefault": (
        (
            Fund("m1", FUNDED_AT),
            RequestRefund("m1", FRIDAY_15 - timedelta(days=2)),
            OpenDispute("m1", FRIDAY_15 - timedelta(days=1)),
            AnswerDispute("m1", FRIDAY_15),
        ),
        FRIDAY_15,
    ),
    # Escrow untouched since it was funded: the whole dormancy course, 76 + 14 + 7 days.
    "DormancyRefundRequest": ((Fund("m1", FRIDAY_15),), FRIDAY_15),
    # The windows a manual step is allowed in.
    "OpenDispute": ((Fund("m1", FUNDED_AT), RequestRefund("m1", FRIDAY_15)), FRIDAY_15),
    "Refund": ((Fund("m1", FUNDED_AT), Approve("m1", FRIDAY_15)), FRIDAY_15),
}


def test_every_timed_row_has_a_scenario():
    """The scenarios below cover every row with a clock, automatic or a window."""
    timed = {t.event for t in escrow.TRANSITIONS if t.timer is not None}
    assert set(SCENARIOS) == timed
    for transition in escrow.TRANSITIONS:
        assert bool(transition.wait) == (transition.timer is not None)


@pytest.mark.parametrize("event", sorted(SCENARIOS))
def test_the_published_wait_is_the_deadline_the_engine_gives(event):
    """deadlines() gives the row's deadline at the moment the published wait computes."""
    transition = row(event)
    events, start = SCENARIOS[event]
    contract = run(*events)
    due = published_due(transition, start, rules.as_of(start.date()))
    found = [
        d.due
        for d in escrow.deadlines(contract, start)
        if d.kind == transition.deadline and d.milestone_id == "m1"
    ]
    assert [due] == found


@pytest.mark.parametrize("event", sorted(e for e in SCENARIOS if row(e).automatic))
def test_the_published_wait_is_when_advance_takes_the_step(event):
    """advance() takes the automatic step exactly when the published wait runs out."""
    transition = row(event)
    events, start = SCENARIOS[event]
    contract = run(*events)
    due = published_due(transition, start, rules.as_of(start.date()))
    before = escrow.advance(contract, due - MICROSECOND)
    assert [] == [e for e in before.history if type(e).__name__ == event]
    after = escrow.advance(contract, due)
    (step,) = [e for e in after.history if type(e).__name__ == event]
    assert due == step.at


def test_the_rows_the_review_named_publish_their_real_clocks():
    """Dormancy waits its whole course; the client's answer counts business days."""
    dormancy = row("DormancyRefundRequest")
    assert ("dormancy_course",) == dormancy.wait
    assert timedelta(days=97) == rules.CURRENT.dormancy_course
    answer = row("AutoDisputeRelease")
    assert ("client_dispute_response",) == answer.wait
    assert "client_response_business_days" == answer.business_days
    arbitration = row("ArbitrationDefault")
    assert ("mediation_proposal", "mediation_acceptance", "arbitration_opt_in") == (
        arbitration.wait
    )
    assert None is arbitration.business_days
    # The field the clock is named after (and whose source its deadline cites) is kept.
    assert ("dormancy_period", "arbitration_opt_in") == (dormancy.timer, arbitration.timer)


def test_the_published_row_is_the_engines_clock():
    """Each row's wait and business_days are read from the Timer the engine runs."""
    for table_row in ROWS:
        clock = table_row.timer or table_row.window
        published = table_row.transition
        if clock is None:
            assert ((), None) == (published.wait, published.business_days)
        else:
            assert (clock.wait, clock.business_days) == (published.wait, published.business_days)


def test_calendar_days_when_the_switch_is_off():
    """Under rules with the switch off the same row's wait is elapsed time, as advance() runs it."""
    calendar = attrs.evolve(rules.CURRENT, client_response_business_days=False)
    transition = row("AutoDisputeRelease")
    events, start = SCENARIOS["AutoDisputeRelease"]
    due = published_due(transition, start, calendar)
    assert start + timedelta(days=5) == due
    after = escrow.advance(run(*events), due, rules=calendar)
    assert MilestoneState.PAID is after.milestones[0].state
    assert MilestoneState.DISPUTED is (
        escrow.advance(run(*events), due - MICROSECOND, rules=calendar).milestones[0].state
    )


@pytest.mark.parametrize(
    ("changes", "kind", "field"),
    [
        ({"wait": ("review",)}, InvalidValueError, "Transition.wait[0]"),
        (
            {"wait": ("review_period", "one_active_milestone")},
            InvalidValueError,
            "Transition.wait[1]",
        ),
        ({"wait": "review_period"}, InvalidTypeError, "Transition.wait"),
        ({"business_days": "review_period"}, InvalidValueError, "Transition.business_days"),
    ],
)
def test_the_new_fields_are_checked(changes, kind, field):
    """A wait names PlatformRules durations; business_days names a PlatformRules switch."""
    with pytest.raises(kind) as info:
        attrs.evolve(row("AutoApprove"), **changes)
    assert field == info.value.field


def test_a_wait_read_from_json_lists_is_a_tuple():
    """A list (as JSON gives it) is taken as the tuple of names."""
    rebuilt = attrs.evolve(row("ArbitrationDefault"), wait=["mediation_proposal"])
    assert ("mediation_proposal",) == rebuilt.wait
