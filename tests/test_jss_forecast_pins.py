"""JSS forecast answers that mutation testing (red team r20) found unpinned.

Each test pins a number a caller sees: the forecast's count of new clients
against the eligibility rule, today's score when the future jobs end under
another rule set, and the last supported day as a forecast's horizon.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from upwork_safety import jss
from upwork_safety.errors import InvalidValueError, RulesError
from upwork_safety.jss import Outcome
from upwork_safety.models import Contract, ContractKind, EndReason, Feedback, Payment
from upwork_safety.money import Money

#: Under the current rules (from 2024-06-01): 2 eligible jobs from 2 clients make a score.
AS_OF = date(2025, 6, 1)
POSITIVE = {Outcome.POSITIVE: 1}


def done(cid, client, *, started, ended, stars="5.0"):
    """A finished fixed-price contract paid USD 100 on its last day, with public stars."""
    return Contract(
        cid,
        client,
        ContractKind.FIXED_PRICE,
        started,
        ended,
        payments=[Payment(ended, Money("100", "USD"))],
        feedback=Feedback(stars=Decimal(stars)),
    )


def as_realised(job, client, start):
    """The contract a POSITIVE future job becomes, as the forecast docstring describes it."""
    end = start + timedelta(days=job.days)
    return Contract(
        "future-1",
        client,
        ContractKind.FIXED_PRICE,
        start,
        end,
        payments=[Payment(end, job.amount)],
        feedback=Feedback(stars=Decimal(5), private_score=10, end_reason=EndReason.COMPLETED),
    )


# --- the new-client count (red team r20 M1) ---------------------------------------


@pytest.mark.parametrize(
    ("client_id", "expected"),
    [
        # A new client is the second client: 2 jobs from 2 clients, both successes.
        (None, 100),
        # The same client again: 2 jobs from 1 client is not eligible (DOMAIN.md section 6).
        ("acme", None),
    ],
)
def test_a_forecast_counts_a_new_client_toward_eligibility(client_id, expected):
    """r20 M1: after one job for "acme", a job for a new client makes a score; one for "acme" does not."""
    history = [done("a1", "acme", started=date(2025, 1, 1), ended=date(2025, 1, 31))]
    assert jss.score(history, as_of=AS_OF).score is None  # one job, one client
    job = jss.FutureJob(Money("100", "USD"), days=20, client_id=client_id)
    result = jss.forecast(history, as_of=AS_OF, jobs=[job], outcome_odds=POSITIVE, trials=4, seed=1)
    assert (jss.ForecastBin(expected, 4),) == result.bins
    assert date(2025, 6, 21) == result.on
    realised = [*history, as_realised(job, client_id or "someone-new", AS_OF)]
    assert expected == jss.score(realised, as_of=result.on).score


def test_a_forecast_from_no_history_needs_the_second_new_client():
    """r20 M1: from no history, one positive job is not eligible and two (two new clients) score 100."""
    one = [jss.FutureJob(Money("500", "USD"), days=20)]
    two = one * 2
    first = jss.forecast([], as_of=AS_OF, jobs=one, outcome_odds=POSITIVE, trials=3, seed=1)
    second = jss.forecast([], as_of=AS_OF, jobs=two, outcome_odds=POSITIVE, trials=3, seed=1)
    assert (jss.ForecastBin(None, 3),) == first.bins
    assert (jss.ForecastBin(100, 3),) == second.bins


# --- today's score under today's rules (red team r20 M2) --------------------------


def test_forecast_current_is_todays_score_under_todays_rules():
    """r20 M2: Forecast.current reads today's rules though the job ends under the next set.

    On 2024-05-25 the 2023-12 rules are in force: biweekly snapshots, the
    latest on 2024-05-12, so the two 2-star jobs that ended on 2024-05-22
    do not count yet and five successes give 5/5 = 100.  The 10-day job ends
    on 2024-06-04 under the current daily rules: 6 successes of 8 jobs
    (each weight 1, USD 100) = 75.  Scored under the current rules today,
    the history would be 5/7 = 71, which is not today's score.
    """
    day = date(2024, 5, 25)
    goods = [
        done(f"g{i}", f"good-{i}", started=date(2024, 4, 5), ended=date(2024, 5, 5))
        for i in range(5)
    ]
    bads = [
        done(f"b{i}", f"bad-{i}", started=date(2024, 4, 15), ended=date(2024, 5, 22), stars="2.0")
        for i in range(2)
    ]
    history = goods + bads
    assert jss.ELIGIBILITY_2023 is jss.rules_as_of(day)
    assert jss.CURRENT is jss.rules_as_of(date(2024, 6, 4))
    assert 100 == jss.score(history, as_of=day).score
    assert 71 == jss.score(history, as_of=day, rules=jss.CURRENT).score
    result = jss.forecast(
        history,
        as_of=day,
        jobs=[jss.FutureJob(Money("100", "USD"), days=10)],
        outcome_odds=POSITIVE,
        trials=3,
        seed=1,
    )
    assert 100 == result.current
    assert date(2024, 6, 4) == result.on
    assert (jss.ForecastBin(75, 3),) == result.bins


# --- the last supported day (red team r20 L6) -------------------------------------


def test_a_forecast_may_end_on_the_last_supported_day():
    """r20 L6: jobs ending exactly on 9990-12-31 are forecast; one day more is refused on jobs."""
    last = date(9990, 12, 31)
    start = last - timedelta(days=30)
    fits = [jss.FutureJob(Money("500", "USD"), days=30)]
    result = jss.forecast([], as_of=start, jobs=fits, outcome_odds=POSITIVE, trials=3, seed=1)
    assert last == result.on
    assert (jss.ForecastBin(None, 3),) == result.bins  # one job, one client: no score
    with pytest.raises(InvalidValueError) as caught:
        jss.forecast(
            [],
            as_of=start,
            jobs=[jss.FutureJob(Money("500", "USD"), days=31)],
            outcome_odds=POSITIVE,
            trials=3,
            seed=1,
        )
    assert "jobs" == caught.value.field
    assert "ending on or before 9990-12-31" == caught.value.rule


# --- a start before the first rule set (red team r23) -----------------------------


@pytest.mark.parametrize(
    ("as_of", "days"),
    [
        # The jobs end before 2015-03-01 too.
        (date(2014, 6, 1), 30),
        # The jobs end under the 2015 rules: the start is still the day without rules.
        (date(2014, 12, 1), 120),
    ],
)
def test_a_forecast_starting_before_the_first_rule_set_names_as_of(as_of, days):
    """r23: a start before 2015-03-01 is refused naming as_of (it named jobs), with the rule."""
    with pytest.raises(RulesError) as caught:
        jss.forecast(
            [],
            as_of=as_of,
            jobs=[jss.FutureJob(Money("500", "USD"), days=days)],
            outcome_odds=POSITIVE,
            trials=3,
            seed=1,
        )
    assert "as_of" == caught.value.field
    assert "on or after 2015-03-01" == caught.value.rule
