"""Round 39 newcomer findings on the JSS: order-free points, days after the day scored."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError

STARS = ("5.0", "4.5", "4.0", "3.0", "2.0", "1.0")


def job(cid, ended, *, stars="5.0", client=None, amount="200"):
    """A fixed-price job paid and ended on *ended*, with feedback *stars*."""
    return Contract(
        cid,
        client or f"client-{cid}",
        ContractKind.FIXED_PRICE,
        ended,
        ended,
        payments=[Payment(ended, Money(amount, "USD"))],
        feedback=Feedback(stars=stars),
    )


def the_newcomers_history():
    """Three good jobs leaving the 24-month window, six staying, one bad job entering."""
    old = [job(f"job{i}", date(2024, 10, 20 + i)) for i in range(3)]
    recent = [job(f"job{10 + i}", date(2025, 6, 1)) for i in range(6)]
    return [*old, *recent, job("job99", date(2026, 11, 10), stars="2.0")]


def points(change):
    """Each changed contract's (kind, points), by id."""
    return {item.contract_id: (item.change, item.points) for item in change.changes}


# ---------------------------------------------------------------------------
# Finding 4: explain_change's points do not depend on the list's order


def test_explain_change_gives_the_same_points_in_any_order():
    """Leaving contracts are applied before entering ones, whatever the list's order."""
    history = the_newcomers_history()
    given_order = jss.explain_change(history, date(2026, 10, 1), date(2026, 12, 7))
    reversed_order = jss.explain_change(history[::-1], date(2026, 10, 1), date(2026, 12, 7))
    assert points(given_order) == points(reversed_order)
    assert points(given_order)["job99"] == (jss.ChangeKind.ENTERED, Decimal("-14.29"))
    for cid in ("job0", "job1", "job2"):
        assert points(reversed_order)[cid] == (jss.ChangeKind.LEFT, Decimal("0.00"))
    # The items are still listed in the order given.
    assert [i.contract_id for i in reversed_order.changes] == ["job99", "job2", "job1", "job0"]


@st.composite
def histories(draw):
    """Up to a dozen jobs around two days a few months apart, with mixed feedback."""
    count = draw(st.integers(min_value=1, max_value=12))
    contracts = []
    for index in range(count):
        ended = date(2024, 6, 1) + timedelta(days=draw(st.integers(0, 900)))
        stars = draw(st.sampled_from(STARS))
        client = f"c{draw(st.integers(0, 5))}"
        contracts.append(job(f"j{index}", ended, stars=stars, client=client))
    return contracts


@settings(max_examples=60, deadline=None)
@given(histories(), st.randoms(use_true_random=False), st.integers(0, 400))
def test_shuffling_the_history_never_changes_any_contracts_points(history, rnd, gap):
    """A property: every contract's change and points are the same in any order."""
    before = date(2025, 6, 1)
    after = before + timedelta(days=gap)
    shuffled = list(history)
    rnd.shuffle(shuffled)
    first = jss.explain_change(history, before, after)
    second = jss.explain_change(shuffled, before, after)
    assert points(first) == points(second)
    assert (first.before.score, first.after.score) == (second.before.score, second.after.score)


# ---------------------------------------------------------------------------
# Finding 5: an end or payments after the day scored are said first


def finished_book():
    """The finished version of an open contract: it ends on 28 December, five stars."""
    return Contract(
        "book",
        "BookNest",
        ContractKind.FIXED_PRICE,
        date(2026, 11, 1),
        date(2026, 12, 28),
        payments=[
            Payment(date(2026, 11, 16), Money("300.00", "USD")),
            Payment(date(2026, 12, 28), Money("300.00", "USD")),
        ],
        feedback=Feedback(stars="5.0"),
    )


def test_classify_says_first_that_the_end_comes_after_the_day_scored():
    """The first reason names the end day and the later payment; no idle warning it rules out."""
    impact = jss.classify(finished_book(), as_of=date(2026, 12, 7))
    assert impact.outcome is jss.Outcome.EXCLUDED
    first = impact.reasons[0]
    assert first.startswith("ends 2026-12-28, after 2026-12-07:")
    assert "the payment of 2026-12-28" in first
    assert "score on or after 2026-12-28" in first
    assert not any("not successful" in reason for reason in impact.reasons)
    assert not any("idle" in reason for reason in impact.reasons)
    # Scored on its end day, it counts, with no such sentence.
    after = jss.classify(finished_book(), as_of=date(2026, 12, 28))
    assert after.outcome is jss.Outcome.POSITIVE
    assert not any("after 2026-12-28" in reason for reason in after.reasons)


def test_classify_keeps_the_idle_warning_when_the_end_comes_after_the_idle_day():
    """An end after the idle day does not rule the idle warning out."""
    late = Contract(
        "late",
        "Slow Co",
        ContractKind.FIXED_PRICE,
        date(2026, 11, 1),
        date(2027, 9, 1),
        payments=[Payment(date(2026, 11, 16), Money("300.00", "USD"))],
    )
    reasons = jss.classify(late, as_of=date(2026, 12, 7)).reasons
    assert reasons[0].startswith("ends 2027-09-01, after 2026-12-07: its end counts")
    assert "not successful from 2027-05-15" in reasons[1]


def test_classify_names_payments_after_the_day_of_an_open_contract():
    """A payment recorded after the day scored is named, and it rules out the idle warning."""
    weekly = Contract(
        "weekly",
        "Weekly Co",
        ContractKind.HOURLY,
        date(2026, 11, 2),
        payments=[
            Payment(date(2026, 11, 2), Money("100", "USD")),
            Payment(date(2027, 3, 2), Money("100", "USD")),
        ],
    )
    reasons = jss.classify(weekly, as_of=date(2026, 12, 7)).reasons
    assert reasons[0].startswith("the payment of 2027-03-02 comes after 2026-12-07")
    assert not any("not successful" in reason for reason in reasons)


def test_what_if_says_the_changed_contract_ends_after_the_day_asked():
    """what_if's reason names the end after as_of, and not the idle warning."""
    history = [job(f"j{i}", date(2026, 2, 1)) for i in range(4)]
    open_book = Contract(
        "book",
        "BookNest",
        ContractKind.FIXED_PRICE,
        date(2026, 11, 1),
        payments=[Payment(date(2026, 11, 16), Money("300.00", "USD"))],
    )
    answer = jss.what_if([*history, open_book], replace=finished_book(), as_of=date(2026, 12, 7))
    assert (answer.before, answer.after, answer.delta) == (100, 100, 0)
    assert "the changed contract 'book' ends 2026-12-28, after 2026-12-07" in answer.reason
    assert "not successful" not in answer.reason
    assert answer.changed[0].reasons[0].startswith("ends 2026-12-28, after 2026-12-07")


# ---------------------------------------------------------------------------
# Finding 3: a forecast can play out the contracts that are open


ALL_MIDDLING = {jss.Outcome.POSITIVE: "0", jss.Outcome.NEUTRAL: "1", jss.Outcome.NEGATIVE: "0"}
ALL_GOOD = {jss.Outcome.POSITIVE: "1", jss.Outcome.NEUTRAL: "0", jss.Outcome.NEGATIVE: "0"}
TODAY = date(2026, 12, 7)


def open_contract(cid="book", client="booknest", started=date(2026, 11, 1)):
    """An open fixed-price contract paid once."""
    return Contract(
        cid,
        client,
        ContractKind.FIXED_PRICE,
        started,
        payments=[Payment(started + timedelta(days=15), Money("300", "USD"))],
    )


def five_done():
    """Five five-star jobs earlier in the year."""
    return [job(f"job{i}", date(2026, 2, 1)) for i in range(5)]


def plan(odds, *jobs, history=None, trials=5, seed=1):
    """The forecast of *jobs* over *history* (five good jobs and the open contract)."""
    return jss.forecast(
        [*five_done(), open_contract()] if history is None else history,
        as_of=TODAY,
        jobs=list(jobs),
        outcome_odds=odds,
        trials=trials,
        seed=seed,
    )


def test_a_job_that_finishes_an_open_contract_is_not_a_rehire():
    """A middling end of the open contract costs what what_if(replace=...) says."""
    finishing = jss.FutureJob(Money("300", "USD"), days=21, finishes="book")
    middling = plan(ALL_MIDDLING, finishing)
    assert (middling.current, middling.on) == (100, date(2026, 12, 28))
    assert [(b.score, b.trials) for b in middling.bins] == [(80, 5)]
    ended = Contract(
        "book",
        "booknest",
        ContractKind.FIXED_PRICE,
        date(2026, 11, 1),
        date(2026, 12, 28),
        payments=[
            Payment(date(2026, 11, 16), Money("300", "USD")),
            Payment(date(2026, 12, 28), Money("300", "USD")),
        ],
        feedback=Feedback(stars="3.0"),
    )
    answer = jss.what_if([*five_done(), open_contract()], replace=ended, as_of=date(2026, 12, 28))
    assert answer.after == 80
    assert [(b.score, b.trials) for b in plan(ALL_GOOD, finishing).bins] == [(100, 5)]


def test_jobs_that_finish_open_contracts_run_beside_the_new_ones():
    """New jobs run back to back from as_of; finishing jobs run from as_of too."""
    history = [*five_done(), open_contract(), open_contract("site", "sitehub")]
    jobs = [
        jss.FutureJob(Money("300", "USD"), days=13, finishes="book"),
        jss.FutureJob(Money("300", "USD"), days=8, finishes="site"),
        jss.FutureJob(Money("100", "USD"), days=7),
        jss.FutureJob(Money("100", "USD"), days=4),
    ]
    outlook = plan(ALL_GOOD, *jobs, history=history)
    assert outlook.on == TODAY + timedelta(days=13)  # not 13 + 8 + 7 + 4 days
    assert [(b.score, b.trials) for b in outlook.bins] == [(100, 5)]


def test_a_finishing_forecast_is_identical_for_a_seed():
    """The same seed gives the same distribution."""
    odds = {jss.Outcome.POSITIVE: "0.6", jss.Outcome.NEUTRAL: "0.3", jss.Outcome.NEGATIVE: "0.1"}
    jobs = [
        jss.FutureJob(Money("300", "USD"), days=21, finishes="book"),
        jss.FutureJob(Money("200", "USD"), days=10),
    ]
    first = plan(odds, *jobs, trials=500, seed=9)
    assert first == plan(odds, *jobs, trials=500, seed=9)
    assert len(first.bins) > 1


@pytest.mark.parametrize(
    ("finishes", "history", "rule"),
    [
        ("nope", None, "the id of a contract in contracts"),
        ("job0", None, "an open contract"),
    ],
)
def test_finishes_must_name_an_open_contract(finishes, history, rule):
    """An unknown id, or a contract that has ended, is refused naming the job's field."""
    with pytest.raises(InvalidValueError) as caught:
        plan(ALL_GOOD, jss.FutureJob(Money("300", "USD"), days=5, finishes=finishes))
    assert (caught.value.field, caught.value.rule) == ("jobs[0].finishes", rule)


def test_an_open_contract_is_finished_once():
    """Two jobs finishing one contract: the second is refused."""
    twice = [jss.FutureJob(Money("300", "USD"), days=5, finishes="book") for _ in range(2)]
    with pytest.raises(InvalidValueError) as caught:
        plan(ALL_GOOD, *twice)
    assert (caught.value.field, caught.value.rule) == (
        "jobs[1].finishes",
        "each open contract finished by one job",
    )


def test_a_finishing_job_names_no_client():
    """finishes and client_id together are refused by the constructor."""
    with pytest.raises(InvalidValueError) as caught:
        jss.FutureJob(Money("300", "USD"), days=5, client_id="booknest", finishes="book")
    assert (caught.value.field, caught.value.rule) == ("FutureJob.finishes", "not with a client_id")


def test_a_finishing_job_in_another_currency_is_refused_naming_the_job():
    """The open contract's own rule (one currency) refuses it, naming jobs[i]."""
    with pytest.raises(CurrencyMismatchError) as caught:
        plan(ALL_GOOD, jss.FutureJob(Money("300", "EUR"), days=5, finishes="book"))
    assert caught.value.field == "jobs[0]"
