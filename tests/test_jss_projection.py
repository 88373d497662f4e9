"""A timeline past the history's last recorded day says what it assumes (newcomer r18 F6).

Points after the data's end are ``projected``; on them, an open contract that
stops counting or goes idle only because no payment is recorded after the data
ends is named by a :class:`~upwork_safety.jss.Lapse`, with the day it turned.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings

from test_jss import contract_histories
from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss, serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError

LAST_PAID = date(2026, 11, 24)


def usd(amount: str) -> Money:
    """US dollars."""
    return Money(amount, "USD")


def done(number: int, stars: str = "5.0") -> Contract:
    """A finished one-month job of its own client, paid when it ended in 2026."""
    ended = date(2026, 3, 1) + timedelta(days=20 * number)
    return Contract(
        f"job{number}",
        f"client{number}",
        ContractKind.FIXED_PRICE,
        ended - timedelta(days=30),
        ended,
        payments=[Payment(ended, usd("300.00"))],
        feedback=Feedback(stars=stars),
    )


def hourly(*, weeks: int = 13) -> Contract:
    """An open hourly contract paid weekly from 2026-09-01 (13 weeks: last paid 2026-11-24)."""
    return Contract(
        "hourly",
        "lumen",
        ContractKind.HOURLY,
        date(2026, 9, 1),
        payments=[
            Payment(date(2026, 9, 1) + timedelta(days=7 * i), usd("160.00")) for i in range(weeks)
        ],
    )


def history() -> list[Contract]:
    """Five good jobs, a bad one, and the open hourly contract."""
    return [*(done(i) for i in range(5)), done(5, "2.0"), hourly()]


def test_a_forward_timeline_names_the_open_contract_it_lets_go_idle():
    """Regression (newcomer r18 F6): the fall past the data's end is flagged, with its days."""
    line = jss.timeline(history(), start=LAST_PAID, end=date(2027, 6, 1), step=timedelta(days=30))
    stopped = jss.Lapse("hourly", jss.LapseKind.STOPPED, date(2027, 2, 23))
    idle = jss.Lapse("hourly", jss.LapseKind.IDLE, date(2027, 5, 23))
    assert [
        jss.JSSPoint(date(2026, 11, 24), 83),
        jss.JSSPoint(date(2026, 12, 24), 86, projected=True),
        jss.JSSPoint(date(2027, 1, 23), 86, projected=True),
        jss.JSSPoint(date(2027, 2, 22), 86, projected=True),
        jss.JSSPoint(date(2027, 3, 24), 83, projected=True, lapses=(stopped,)),
        jss.JSSPoint(date(2027, 4, 23), 83, projected=True, lapses=(stopped,)),
        jss.JSSPoint(date(2027, 5, 23), 69, projected=True, lapses=(idle,)),
    ] == line
    assert (stopped, idle) == line.lapses()
    # The days are the model's own: 90 days paid, then 180 idle (jss.CURRENT).
    assert jss.Outcome.POSITIVE == jss.classify(hourly(), as_of=date(2027, 2, 22)).outcome
    assert jss.Outcome.EXCLUDED == jss.classify(hourly(), as_of=date(2027, 2, 23)).outcome
    assert jss.Outcome.NEUTRAL == jss.classify(hourly(), as_of=date(2027, 5, 23)).outcome
    assert {
        "on": date(2027, 3, 24),
        "score": 83,
        "projected": True,
        "lapses": "hourly stopped since 2027-02-23",
    } == line.to_records()[4]


def test_expected_payments_take_the_lapses_away():
    """With the payments the freelancer expects added, nothing lapses inside the range."""
    paid_on = [c if c.id != "hourly" else hourly(weeks=40) for c in history()]
    line = jss.timeline(paid_on, start=LAST_PAID, end=date(2027, 6, 1), step=timedelta(days=30))
    assert () == line.lapses()
    assert [83, 88, 88, 88, 89, 89, 89] == [p.score for p in line]
    # The last payment is now 2027-06-01, the last point: nothing is projected.
    assert [False] * 7 == [p.projected for p in line]


def test_a_contract_already_idle_in_the_data_is_no_lapse():
    """A contract idle before the data ends is idle in the data, not by assumption."""
    idle = Contract(
        "idle",
        "quiet",
        ContractKind.HOURLY,
        date(2026, 1, 5),
        payments=[Payment(date(2026, 1, 5), usd("50.00"))],
    )
    line = jss.timeline([*history(), idle], start=date(2027, 1, 1), end=date(2027, 1, 1))
    assert jss.Outcome.NEUTRAL == jss.classify(idle, as_of=LAST_PAID).outcome
    assert (jss.JSSPoint(date(2027, 1, 1), 78, projected=True),) == tuple(line)


def test_a_timeline_inside_the_data_projects_nothing():
    """Points up to the last recorded day are not projected, whatever the contracts."""
    line = jss.timeline(history(), start=date(2026, 11, 1), end=LAST_PAID, step=timedelta(days=23))
    assert [False, False] == [p.projected for p in line]
    assert () == line.lapses()


def test_an_excluded_client_lapses_nothing():
    """A contract left out by exclude_clients moves no score, so it is named nowhere."""
    line = jss.timeline(
        history(), start=date(2027, 6, 1), end=date(2027, 6, 1), exclude_clients={"lumen"}
    )
    assert () == line.lapses()


@settings(max_examples=60, deadline=None)
@given(contract_histories())
def test_property_every_lapse_is_the_day_classify_turns(contracts):
    """Each lapse names an open contract and the day classify first judges it so."""
    end = date(2026, 6, 1)
    line = jss.timeline(
        contracts, start=date(2024, 1, 1), end=end, step=timedelta(days=45), rules=jss.CURRENT
    )
    by_id = {c.id: c for c in contracts}
    recorded = max(
        [d for c in contracts for d in (c.started, c.ended, *(p.on for p in c.payments)) if d],
        default=None,
    )
    for point in line:
        assert point.projected is (recorded is not None and point.on > recorded)
        for lapse in point.lapses:
            contract = by_id[lapse.contract_id]
            assert contract.ended is None
            assert recorded is not None
            assert recorded < lapse.since <= point.on
            before = jss.classify(
                contract,
                as_of=lapse.since - timedelta(days=1),
                history=contracts,
                rules=jss.CURRENT,
            )
            after = jss.classify(contract, as_of=lapse.since, history=contracts, rules=jss.CURRENT)
            turned = {
                jss.LapseKind.STOPPED: {jss.Outcome.EXCLUDED},
                jss.LapseKind.IDLE: {jss.Outcome.NEUTRAL, jss.Outcome.NEGATIVE},
            }[lapse.kind]
            assert after.outcome in turned
            assert (before.outcome, before.weight) != (after.outcome, after.weight) or (
                lapse.kind is jss.LapseKind.IDLE
            )


def test_a_point_refuses_lapses_it_cannot_have():
    """Lapses only on a projected point, none after its day, one per contract."""
    lapse = jss.Lapse("c1", "idle", date(2025, 1, 10))
    assert jss.LapseKind.IDLE is lapse.kind
    with pytest.raises(InvalidValueError) as info:
        jss.JSSPoint(date(2025, 2, 1), 80, lapses=(lapse,))
    assert ("JSSPoint.lapses", "only on a projected point") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        jss.JSSPoint(date(2025, 1, 9), 80, projected=True, lapses=(lapse,))
    assert "JSSPoint.lapses[0].since" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        jss.JSSPoint(date(2025, 2, 1), 80, projected=True, lapses=(lapse, lapse))
    assert "JSSPoint.lapses[1].contract_id" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        jss.Lapse("c1", "asleep", date(2025, 1, 10))
    assert "Lapse.kind" == info.value.field
    with pytest.raises(InvalidTypeError):
        jss.JSSPoint(date(2025, 2, 1), 80, projected=1)  # type: ignore[arg-type]


def test_a_projected_point_round_trips():
    """A point with its lapses is written and read back equal; the kind is its text."""
    line = jss.timeline(history(), start=date(2027, 6, 1), end=date(2027, 6, 1))
    data = serialize.to_dict(line)
    assert [
        {
            "on": "2027-06-01",
            "score": 69,
            "projected": True,
            "lapses": [{"contract_id": "hourly", "kind": "idle", "since": "2027-05-23"}],
        }
    ] == data
    assert list(line) == serialize.from_json(list[jss.JSSPoint], serialize.to_json(line))


def test_a_point_scored_at_a_recorded_snapshot_is_not_projected():
    """Review r18 #6: under the 2019 rules (a snapshot every 14 days), 2019-04-01 to 04-13 are
    scored at the snapshot of 2019-03-31, the last recorded day, so they read only recorded
    data and are not projected; from 2019-04-14, the next snapshot, they are."""
    rules = jss.rules_as_of(date(2019, 6, 1))
    assert timedelta(days=14) == rules.snapshot_every
    jobs = [
        Contract(
            f"j{i}",
            f"c{i}",
            ContractKind.FIXED_PRICE,
            ended - timedelta(days=20),
            ended,
            payments=[Payment(ended, usd("300.00"))],
            feedback=Feedback(stars="5.0"),
        )
        for i, ended in enumerate(date(2019, 3, 1) + timedelta(days=10 * i) for i in range(4))
    ]
    points = jss.timeline(
        jobs, start=date(2019, 3, 31), end=date(2019, 4, 15), step=timedelta(days=1), rules=rules
    )
    assert [(date(2019, 3, 31) + timedelta(days=n), 100, n >= 14) for n in range(16)] == [
        (point.on, point.score, point.projected) for point in points
    ]
    assert date(2019, 3, 31) == rules.snapshot(date(2019, 4, 13))
