"""Regressions from the red team: forecast clients and limits, rule bounds, calendar ends, frames."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.jss import FutureJob, Outcome, _forecast, _months
from upwork_safety.rules import _platform

AS_OF = date(2024, 6, 1)


def job(cid, client, *, stars="5.0", started=date(2024, 1, 1), days=31, amount="100"):
    ended = started + timedelta(days=days)
    return Contract(
        cid, client, ContractKind.FIXED_PRICE, started, ended,
        payments=[Payment(ended, Money(amount, "USD"))], feedback=Feedback(stars=stars),
    )  # fmt: skip


# --------------------------------------------------------------------------- forecast: new clients

#: One real client is called what forecast once named its first new client.
LOOKALIKE = [job("c1", "future-client-1", stars="2.0"), job("c2", "bob")]
NEUTRAL = {Outcome.NEUTRAL: Decimal(1)}


def forecast_one(history, jobs, **kwargs):
    return jss.forecast(
        history, as_of=AS_OF, jobs=jobs, outcome_odds=NEUTRAL, trials=1, seed=1, **kwargs
    )


def test_a_new_client_is_new_even_when_a_real_client_has_its_old_name():
    """Regression: a neutral job for a new client was judged a rehire of 'future-client-1' (67)."""
    new = job("n1", "someone-new", stars="4", started=AS_OF, days=30)
    expected = jss.score([*LOOKALIKE, new], as_of=AS_OF + timedelta(days=30)).score
    result = forecast_one(LOOKALIKE, [FutureJob(Money(100, "USD"), days=30)])
    assert 33 == expected
    assert (jss.ForecastBin(expected, 1),) == result.bins


def test_exclude_clients_never_drops_a_job_for_a_new_client():
    """Regression: exclude_clients={'future-client-1'} dropped the hypothetical job too.

    An excluded id must name a client (review r34 3): here a real client with
    the id a new client would first be given, left out with its contract.
    """
    history = [job("c1", "ann"), job("c2", "bob")]
    jobs = [FutureJob(Money(100, "USD"), days=30)]
    plain = forecast_one(history, jobs)
    lookalike = [*history, job("c3", "future-client-1", stars="1.0")]
    excluded = forecast_one(lookalike, jobs, exclude_clients={"future-client-1"})
    assert (jss.ForecastBin(67, 1),) == plain.bins
    assert plain.bins == excluded.bins


def test_a_new_client_differs_from_every_named_client_and_from_the_others():
    """Jobs naming the generated ids still leave the unnamed jobs two distinct new clients."""
    history = [job("c1", "ann"), job("c2", "bob")]
    amount = Money(100, "USD")
    named = [
        FutureJob(amount, days=10),
        FutureJob(amount, days=10, client_id="future-client-1"),
        FutureJob(amount, days=10),
    ]
    unnamed = [FutureJob(amount, days=10, client_id=c) for c in ("x", "y", "z")]
    # Three new clients, neutral: nobody is rehired, so both plans score alike.
    assert forecast_one(history, unnamed).bins == forecast_one(history, named).bins


def test_new_client_ids_keep_results_identical_for_a_seed():
    """The bins are those of the ids before the fix (pinned), and a lookalike client changes none."""
    history = [job(f"c{i}", f"client-{i}", stars="5.0" if i % 3 else "2.0") for i in range(9)]
    jobs = [FutureJob(Money(300, "USD"), days=14) for _ in range(6)]
    odds = {Outcome.POSITIVE: "0.7", Outcome.NEUTRAL: "0.2", Outcome.NEGATIVE: "0.1"}
    result = jss.forecast(history, as_of=AS_OF, jobs=jobs, outcome_odds=odds, trials=500, seed=3)
    renamed = [*history, job("c99", "future-client-3", started=date(2020, 1, 1))]
    # A client from 2020, outside the window, named like a new one (it made job 3 a rehire).
    again = jss.forecast(renamed, as_of=AS_OF, jobs=jobs, outcome_odds=odds, trials=500, seed=3)
    assert result.bins == again.bins
    assert {36: 1, 44: 5, 52: 34, 59: 97, 67: 156, 74: 140, 82: 67} == {
        b.score: b.trials for b in result.bins
    }


# --------------------------------------------------------------------------- forecast: limits

ODDS = {Outcome.POSITIVE: "0.7", Outcome.NEUTRAL: "0.2", Outcome.NEGATIVE: "0.1"}
HISTORY = [job(f"c{i}", f"client-{i}", stars="5.0" if i % 4 else "3.0") for i in range(8)]
PLAN = [FutureJob(Money(100 + 50 * i, "USD"), days=7 + i) for i in range(5)]


def plan_forecast(*, trials=300, jobs=PLAN):
    return jss.forecast(HISTORY, as_of=AS_OF, jobs=jobs, outcome_odds=ODDS, trials=trials, seed=9)


@pytest.mark.parametrize("trials", [10**9, jss.MAX_TRIALS + 1, 0])
def test_forecast_refuses_trials_beyond_the_documented_maximum(trials):
    """Regression: trials=10**9 built one list of jobs × trials draws (minutes, MemoryError)."""
    with pytest.raises(InvalidValueError) as info:
        plan_forecast(trials=trials)
    assert "trials" == info.value.field
    assert f"1 to {jss.MAX_TRIALS:,}" == info.value.rule
    assert 1_000_000 == jss.MAX_TRIALS


def test_forecast_refuses_more_jobs_than_the_maximum_without_reading_them_all():
    """Too many jobs are refused; an endless generator is read only one job past the limit."""
    endless = itertools.repeat(PLAN[0])
    with pytest.raises(InvalidValueError) as info:
        plan_forecast(jobs=endless)
    assert ("jobs", f"at most {jss.MAX_JOBS} jobs") == (info.value.field, info.value.rule)
    assert PLAN[0] == next(endless)
    short = [FutureJob(Money(10, "USD"), days=1)] * jss.MAX_JOBS
    assert 7 == sum(b.trials for b in plan_forecast(trials=7, jobs=short).bins)


def test_forecast_draws_in_chunks_with_the_same_result_as_all_at_once(monkeypatch):
    """Drawing a few picks at a time, and forgetting scores, changes no trial.

    The bins are those of drawing every pick in one call (pinned from before the chunks).
    """
    expected = plan_forecast()
    pinned = {45: 2, 53: 5, 60: 22, 62: 13, 68: 40, 70: 54, 75: 20, 77: 103, 85: 41}
    assert pinned == {b.score: b.trials for b in expected.bins}
    for chunk, memo in ((1, 1), (7, 3), (len(PLAN) * 299, 2)):
        monkeypatch.setattr(_forecast, "_CHUNK_PICKS", chunk)
        monkeypatch.setattr(_forecast, "_MEMO_LIMIT", memo)
        assert expected == plan_forecast()


# --------------------------------------------------------------------------- rules: bounds

DAYS = timedelta(days=1)


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"windows": (24300,)}, "windows", "at most 1,200 months"),
        ({"windows": (24, 1201)}, "windows", "at most 1,200 months"),
        ({"trending": (6, 1201)}, "trending", "at most 1,200 months"),
        ({"eligibility_months": 24300}, "eligibility_months", "at most 1,200 months"),
        ({"eligibility_months": 10**30}, "eligibility_months", "at most 1,200 months"),
        ({"duration_bonus_months": 1201}, "duration_bonus_months", "at most 1,200 months"),
        ({"long_term_months": 1201}, "long_term_months", "at most 1,200 months"),
        ({"top_rated_earnings_months": 1201}, "top_rated_earnings_months", "at most 1,200 months"),
        (
            {"top_rated_weeks": 200_000, "top_rated_required_weeks": 1},
            "top_rated_weeks",
            "at most 5,200 weeks",
        ),
        ({"open_idle_after": 3_000_000 * DAYS}, "open_idle_after", "at most 366 days"),
        (
            {"long_term_payment_interval": 3_000_000 * DAYS},
            "long_term_payment_interval",
            "at most 366 days",
        ),
        ({"snapshot_every": 367 * DAYS}, "snapshot_every", "at most 366 days"),
        ({"windows": (-(10**5000),)}, "windows", "positive whole months"),
        ({"min_jobs": 10**5000 * -1}, "min_jobs", "a positive whole number"),
        # Review 8: these were built, and then repr(), serialize and score raised ValueError
        ({"min_jobs": 10**5000}, "min_jobs", "at most 18 digits"),
        ({"min_clients": 10**18}, "min_clients", "at most 18 digits"),
        ({"min_window_clients": 10**30}, "min_window_clients", "at most 18 digits"),
        ({"top_rated_account_days": 36_601}, "top_rated_account_days", "at most 36,600 days"),
        ({"top_rated_required_weeks": 10**30}, "top_rated_required_weeks", "at most 5,200 weeks"),
    ],
)
def test_rules_refuse_spans_the_engines_cannot_use(changes, field, rule):
    """Regression: these were accepted and then raised ValueError/OverflowError when scoring."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(jss.CURRENT, **changes)
    assert (f"JSSRules.{field}", rule) == (info.value.field, info.value.rule)


def test_the_duration_bound_is_the_platform_rules_one():
    """The JSS durations are bounded by the one rule the platform rules use (derived, not copied)."""
    longest = _platform._MAX_DURATION
    for name in ("snapshot_every", "long_term_payment_interval", "open_idle_after"):
        assert longest == getattr(attrs.evolve(jss.CURRENT, **{name: longest}), name)
        with pytest.raises(RulesError) as info:
            attrs.evolve(jss.CURRENT, **{name: longest + DAYS})
        assert f"at most {longest.days} days" == info.value.rule


def contracts_from(start, stars=("5.0", "5.0", "5.0", "2.0")):
    """Four ten-day jobs for four clients, a few days apart from *start*."""
    return [
        job(f"j{i}", f"client-{i}", stars=s, started=start + timedelta(days=9 * i), days=10)
        for i, s in enumerate(stars)
    ]


#: Every month and week field at its largest, the idle and payment periods at their longest.
WIDEST = {
    "windows": (1200, 6),
    "trending": (1200, 6),
    "eligibility_months": 1200,
    "duration_bonus_months": 1200,
    "long_term_months": 1200,
    "top_rated_earnings_months": 1200,
    "top_rated_weeks": 5200,
    "open_idle_after": 366 * DAYS,
    "long_term_payment_interval": 366 * DAYS,
}


@pytest.mark.parametrize("base", [jss.CURRENT, jss.LAUNCH_2015], ids=["current", "launch"])
@pytest.mark.parametrize("start", [date.min, date(9990, 9, 1)], ids=["year-1", "year-9990"])
def test_the_widest_rules_work_at_both_ends_of_the_calendar(base, start):
    """Every engine runs with the largest allowed fields; the timeline equals score at each point."""
    rules = attrs.evolve(base, **WIDEST)
    history = contracts_from(start)
    end = start + timedelta(days=100)
    points = jss.timeline(history, start=start, end=end, step=7 * DAYS, rules=rules)
    assert [jss.score(history, as_of=p.on, rules=rules).score for p in points] == [
        p.score for p in points
    ]
    assert 75 == jss.score(history, as_of=end, rules=rules).score
    assert isinstance(jss.top_rated(history, as_of=end, rules=rules), jss.TopRated)
    assert isinstance(jss.explain_change(history, start, end, rules=rules), jss.JSSChange)
    plan = [FutureJob(Money(100, "USD"), days=5)]
    result = jss.forecast(
        history, as_of=end, jobs=plan, outcome_odds=NEUTRAL, trials=2, seed=0, rules=rules
    )
    assert 2 == sum(b.trials for b in result.bins)


# --------------------------------------------------------------------------- the calendar's ends

YEAR_ONE = contracts_from(date(1, 1, 1))


@pytest.mark.parametrize(
    ("rules", "computed_on"),
    [(jss.CURRENT, date(1, 3, 1)), (jss.LAUNCH_2015, date(1, 2, 18))],
    ids=["current", "launch"],
)
def test_contracts_in_year_one_are_scored(rules, computed_on):
    """Regression: a 24-month window on 0001-03-01 raised 'year -1 is out of range'."""
    report = jss.score(YEAR_ONE, as_of=date(1, 3, 1), rules=rules)
    assert (75, computed_on) == (report.score, report.computed_on)
    assert all(4 == window.contracts for window in report.windows)
    assert (
        jss.Outcome.POSITIVE == jss.classify(YEAR_ONE[0], as_of=date(1, 3, 1), rules=rules).outcome
    )


def test_a_window_reaching_before_year_one_starts_on_its_first_day():
    """The first job (ended 0001-01-11) counts until it is 24 months and one day old, as anywhere."""
    scores = [
        jss.score(YEAR_ONE, as_of=day, rules=jss.CURRENT).score
        for day in (date(2, 12, 1), date(3, 1, 11), date(3, 1, 12))
    ]
    assert [75, 75, 67] == scores


def test_a_snapshot_before_the_calendar_is_read_on_its_first_day():
    """Biweekly rules on 0001-01-05: the snapshot day would be in year 0, so it is 0001-01-01."""
    assert date.min == jss.LAUNCH_2015.snapshot(date(1, 1, 5))
    assert date(1, 1, 7) == jss.LAUNCH_2015.snapshot(date(1, 1, 20))
    assert date.min == jss.score(YEAR_ONE, as_of=date(1, 1, 5), rules=jss.LAUNCH_2015).computed_on
    far = attrs.evolve(jss.LAUNCH_2015, snapshot_anchor=date(9990, 1, 1))
    assert date.min == far.snapshot(date(1, 1, 5))
    yearly = attrs.evolve(far, snapshot_every=366 * DAYS)
    assert (date.min, date(1, 4, 30)) == (
        yearly.snapshot(date(1, 4, 29)),
        yearly.snapshot(date(1, 4, 30)),
    )
    assert date.min == jss.score(YEAR_ONE, as_of=date(1, 4, 29), rules=yearly).computed_on


def test_top_rated_in_year_one_reads_the_weeks_and_earnings_that_exist():
    """Weeks before year 1 are not read; a 12-month period reaching before it counts every payment."""
    weeks = jss.top_rated_weeks(YEAR_ONE, as_of=date(1, 2, 1), rules=jss.CURRENT)
    assert [date(1, 1, 4) + timedelta(weeks=n) for n in range(5)] == [p.on for p in weeks.weeks]
    paid_first_day = [*YEAR_ONE, job("first", "early", started=date.min, days=0)]
    result = jss.top_rated(paid_first_day, as_of=date(1, 6, 1), rules=jss.CURRENT)
    assert Money("500", "USD") == result.earned
    assert date.min == result.first_contract


def test_a_contract_near_the_calendars_end_never_leaves_a_long_window():
    """The day it would leave a 100-year window is past year 9999: it never leaves within it."""
    assert _months._leaves(date(9990, 12, 31), 1200) is None
    # One month after 30 November is 30 December: out on the 31st (red team r10 #2).
    assert date(9990, 12, 31) == _months._leaves(date(9990, 11, 30), 1)
    assert date(9999, 12, 31) == _months._leaves(date(9999, 11, 30), 1)
    assert _months._leaves(date(9999, 1, 31), 11) is None  # in through 9999-12-31
    assert _months._leaves(date(9999, 12, 1), 1) is None


# --------------------------------------------------------------------------- score_frame

SCORED = date(2025, 6, 1)


def rows(*pairs):
    """A frame of (freelancer, contract) rows."""
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(list(pairs), columns=["freelancer", "contract"])


def test_score_frame_takes_tuple_ids():
    """Regression: tuple ids raised pandas' 'Names should be list-like for a MultiIndex'."""
    frame = rows(
        (("team", 1), job("a", "x", started=date(2025, 1, 1))),
        (("team", 1), job("b", "y", started=date(2025, 1, 2), stars="1.0")),
        (("team", 2), job("c", "z", started=date(2025, 1, 3))),
    )
    scores = jss.score_frame(frame, as_of=SCORED)
    assert [("team", 1), ("team", 2)] == list(scores.index)
    assert 1 == scores.index.nlevels
    assert ([False, True], 50) == (scores["score"].isna().tolist(), scores["score"].iloc[0])
    assert [2, 1] == scores["contracts_given"].tolist()


def test_score_frame_reads_the_column_when_an_index_level_has_its_name():
    """Regression: set_index('freelancer', drop=False) raised pandas' ambiguity ValueError."""
    frame = rows(
        ("ali", job("a", "x", started=date(2025, 1, 1))),
        ("ali", job("b", "y", started=date(2025, 1, 2))),
    ).set_index("freelancer", drop=False)
    scores = jss.score_frame(frame, as_of=SCORED)
    assert (["ali"], [100], [2]) == (
        list(scores.index),
        scores["score"].tolist(),
        scores["contracts_given"].tolist(),
    )


@pytest.mark.parametrize(
    "ids", [[1, True, 1.0], [True, 1], [0.0, -0.0], [("a", 1), ("a", True)]], ids=repr
)
def test_score_frame_refuses_equal_ids_of_different_types(ids):
    """Regression: ids 1, True and 1.0 were merged into one freelancer with 3 contracts."""
    contracts = [job(f"c{i}", f"x{i}", started=date(2025, 1, i + 1)) for i in range(len(ids))]
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(rows(*zip(ids, contracts, strict=True)), as_of=SCORED)
    assert ("freelancer[1]", "equal ids of one type, written alike") == (  # 2nd row (r36, 6)
        info.value.field,
        info.value.rule,
    )


def test_score_frame_keeps_equal_ids_of_one_type_together():
    """The same id written the same way on several rows is one freelancer, whatever its type."""
    contracts = [job(f"c{i}", f"x{i}", started=date(2025, 1, i + 1)) for i in range(4)]
    frame = rows((1.5, contracts[0]), (7, contracts[1]), (1.5, contracts[2]), (7, contracts[3]))
    scores = jss.score_frame(frame, as_of=SCORED)
    assert ([1.5, 7], [2, 2]) == (list(scores.index), scores["contracts_given"].tolist())


def test_score_frame_names_the_row_of_a_bad_contract_cell():
    """Regression: the error named 'histories[1][0]', an index the caller never wrote."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"who": ["a", "b"], "work": [job("c1", "x"), None]}, index=["row-a", "row-b"]
    )
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame(frame, as_of=SCORED, freelancer="who", contract="work")
    assert ("work['row-b']", "a Contract") == (info.value.field, info.value.rule)
    twice = rows(("a", job("c1", "x")), ("a", job("c1", "y")))
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(twice, as_of=SCORED)
    assert ("contract[1].id", "unique contract ids") == (info.value.field, info.value.rule)


def test_score_frame_refuses_one_column_for_both_roles():
    """The contract column cannot also be the freelancer column."""
    frame = rows(("a", job("c1", "x")))
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(frame, as_of=SCORED, freelancer="contract")
    assert "contract" == info.value.field


def test_score_frame_messages_survive_ids_too_long_to_print():
    """An int id Python refuses to print, equal to a Decimal, is still a library error."""
    huge = 10**5000
    contracts = [job("c1", "x"), job("c2", "y", started=date(2025, 1, 2))]
    pd = pytest.importorskip("pandas")
    # Built column by column as objects: some pandas versions try the huge int as a float.
    frame = pd.DataFrame(
        {
            "freelancer": pd.Series([huge, Decimal(huge)], dtype=object),
            "contract": pd.Series(contracts, dtype=object),
        }
    )
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(frame, as_of=SCORED)
    assert "freelancer[1]" == info.value.field  # the second row (review r36, 6)
    long_label = "r" * 500
    frame = pd.DataFrame({"freelancer": ["a"], "contract": [None]}, index=[long_label])
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame(frame, as_of=SCORED)
    assert f"contract['{'r' * 80}'… (500 characters)]" == info.value.field  # 80 shown


def test_a_sub_cent_future_job_is_refused_where_it_is_written():
    """Review: FutureJob(USD 100.005) was built, and forecast then failed naming
    Payment.amount, a value the caller never wrote."""
    with pytest.raises(InvalidValueError) as info:
        jss.FutureJob(Money("100.005", "USD"))
    assert ("FutureJob.amount", "whole minor units") == (info.value.field, info.value.rule)
