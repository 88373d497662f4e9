"""The jss package's surface: new rule fields, Top Rated, populations, pickling, types and errors."""

from __future__ import annotations

import decimal
import inspect
import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Money,
    Payment,
    UpworkSafetyError,
    jss,
    serialize,
)
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

AS_OF = date(2025, 6, 1)


def job(cid, *, client=None, stars="5.0", private=None, amount="100", started=None, ended=None,
        payments=None, reason=None):  # fmt: skip
    started = started or date(2025, 1, 1)
    ended = ended or started + timedelta(days=30)
    if payments is None:
        payments = [Payment(ended, Money(amount, "USD"))] if amount != "0" else []
    feedback = None
    if stars is not None or private is not None or reason is not None:
        feedback = Feedback(stars=stars, private_score=private, end_reason=reason)
    return Contract(
        cid, client or f"client-{cid}", ContractKind.FIXED_PRICE, started, ended,
        payments=payments, feedback=feedback,
    )  # fmt: skip


def goods(count, **kwargs):
    return [job(f"g{i}", **kwargs) for i in range(count)]


# --------------------------------------------------------------------------- calibrated fields


def test_neutral_credit_gives_middling_outcomes_part_of_a_success():
    """With neutral_credit 0.5, 3 successes and 1 neutral of equal weight give 87.5 → 88."""
    history = [*goods(3), job("mid", stars="4.2")]
    assert 75 == jss.score(history, as_of=AS_OF).score
    credit = attrs.evolve(jss.CURRENT, neutral_credit="0.5")
    report = jss.score(history, as_of=AS_OF, rules=credit)
    assert 88 == report.score
    assert Decimal(1) == report.windows[0].neutrals


def test_unpaid_weight_sets_what_a_zero_dollar_contract_weighs():
    """A counted $0 failure weighs the lowest tier (1) by default, unpaid_weight when set."""
    history = [*goods(3, started=date(2019, 1, 1)), job("unpaid", stars="1.0", amount="0",
                                                         started=date(2019, 1, 1))]  # fmt: skip
    on = date(2019, 6, 2)
    assert 75 == jss.score(history, as_of=on).score
    light = attrs.evolve(jss.LAUNCH_2015, unpaid_weight="0.5")
    assert 86 == jss.score(history, as_of=on, rules=light).score


def test_duration_bonus_non_positive_sets_the_bonus_of_weak_outcomes():
    """A 6-month failure weighs 1 + 2 bonuses by default; with 0 bonus for weak outcomes, 1."""
    long_bad = job(
        "long", stars="1.0", started=date(2024, 6, 1), ended=date(2024, 12, 15),
        payments=[Payment(date(2024, m, 1), Money("40", "USD")) for m in range(7, 13)],
    )  # fmt: skip
    history = [*goods(3), long_bad]
    assert Decimal(3) == jss.score(history, as_of=AS_OF).impact("long").weight
    assert 50 == jss.score(history, as_of=AS_OF).score
    no_bonus = attrs.evolve(jss.CURRENT, duration_bonus_non_positive=0)
    assert 75 == jss.score(history, as_of=AS_OF, rules=no_bonus).score


def test_a_zero_dollar_rehire_is_not_a_success():
    """A $0 contract with a returning client stays neutral (rehire_needs_earnings, case 'cathy')."""
    on = date(2016, 7, 17)
    paid = job("paid", client="acme", started=date(2016, 5, 1))
    unpaid = job("unpaid", client="acme", stars=None, amount="0", started=date(2016, 4, 1))
    others = [job(f"o{i}", started=date(2016, 5, 1)) for i in range(3)]
    report = jss.score([paid, unpaid, *others], as_of=on)
    assert jss.Outcome.NEUTRAL == report.impact("unpaid").outcome
    old = attrs.evolve(jss.LAUNCH_2015, rehire_needs_earnings=False)
    assert (
        jss.Outcome.POSITIVE
        == jss.score([paid, unpaid, *others], as_of=on, rules=old).impact("unpaid").outcome
    )


# --------------------------------------------------------------------------- eligibility


def test_current_eligibility_counts_jobs_from_the_whole_history():
    """Today (newest HC wording) an old job still counts toward 2 jobs from 2 clients."""
    old = job("old", started=date(2020, 1, 1))
    recent = job("recent", started=date(2025, 1, 1))
    current = jss.score([old, recent], as_of=AS_OF)
    assert 100 == current.score
    assert jss.Outcome.EXCLUDED == current.impact("old").outcome
    window = jss.score([old, recent], as_of=AS_OF, rules=jss.ELIGIBILITY_2023)
    assert window.score is None
    assert "in the last 24 months" in window.reason


def test_lifetime_eligibility_in_a_timeline_equals_score():
    """The timeline keeps the lifetime tally exactly as score() computes it, day by day."""
    history = [job("old", started=date(2022, 1, 1)), job("recent", started=date(2024, 1, 1)),
               job("bad", stars="1.0", started=date(2024, 3, 1))]  # fmt: skip
    points = jss.timeline(history, start=date(2024, 1, 1), end=date(2025, 1, 1), step=timedelta(7))
    for point in points:
        assert jss.score(history, as_of=point.on).score == point.score


# --------------------------------------------------------------------------- Top Rated


def test_top_rated_checks_earnings_and_account_age_beside_the_weeks():
    """90%+ for 16 weeks, $1,000 in 12 months and a first contract over 90 days ago: met."""
    history = goods(10, amount="150", started=date(2024, 11, 1))
    status = jss.top_rated(history, as_of=AS_OF)
    assert status.weeks.met
    assert Money("1500", "USD") == status.earned
    assert (True, True, True) == (status.earnings_met, status.account_met, status.met)
    assert date(2024, 11, 1) == status.first_contract
    assert 212 == status.account_days
    assert 3 == len(status.to_records())
    assert "Top Rated met" in status._repr_html_()
    assert (
        "<TopRated 2025-06-01: met; 16 of 16 weeks at 90% or more, 13 needed (met); earned "
        "USD 1,500.00 of USD 1,000.00 (met); 212 account days, more than 90 needed (met)>"
    ) == repr(status)
    assert repr(status.weeks).startswith("<TopRatedWeeks 2025-06-01: 16 of 16 weeks")


@pytest.mark.parametrize(
    ("amount", "started", "earnings_met", "account_met"),
    [
        ("99", date(2024, 11, 1), False, True),  # $990 in 12 months
        ("100", date(2024, 11, 1), True, True),  # exactly $1,000
        ("150", date(2025, 3, 3), True, False),  # 90 days exactly is not "over 90 days"
        ("150", date(2025, 3, 2), True, True),  # 91 days
    ],
)
def test_top_rated_boundaries(amount, started, earnings_met, account_met):
    """$1,000 is enough, $990 is not; a first contract 90 days ago is not over 90 days."""
    status = jss.top_rated(goods(10, amount=amount, started=started), as_of=AS_OF)
    assert (earnings_met, account_met) == (status.earnings_met, status.account_met)
    assert status.met is (status.weeks.met and earnings_met and account_met)


def test_top_rated_is_not_met_on_the_weeks_and_earnings_alone():
    """Red team r19 mutation R5: 13 weeks at 90%+ and $1,500 earned, but a first contract
    exactly 90 days ago (not "more than 90 days", HC 211068468), is not Top Rated."""
    history = goods(10, amount="150", started=date(2025, 3, 3), ended=date(2025, 3, 5))
    status = jss.top_rated(history, as_of=AS_OF)
    assert (13, True) == (status.weeks.qualifying, status.weeks.met)
    assert (Money("1500.00", "USD"), True) == (status.earned, status.earnings_met)
    assert (date(2025, 3, 3), 90, False) == (
        status.first_contract,
        status.account_days,
        status.account_met,
    )
    assert status.met is False


def test_top_rated_counts_a_first_contract_started_on_the_day_read():
    """Red team r19 mutation R3: a contract started on *as_of* is the first contract,
    0 days old; one starting the day after is not counted yet."""
    today = Contract("new", "acme", ContractKind.FIXED_PRICE, AS_OF)
    status = jss.top_rated([today], as_of=AS_OF)
    assert (AS_OF, 0, False, False) == (
        status.first_contract,
        status.account_days,
        status.account_met,
        status.met,
    )
    tomorrow = Contract("new", "acme", ContractKind.FIXED_PRICE, AS_OF + timedelta(days=1))
    later = jss.top_rated([tomorrow], as_of=AS_OF)
    assert (None, 0) == (later.first_contract, later.account_days)


def test_top_rated_counts_only_the_last_12_months_of_earnings():
    """A payment 12 months and a day ago does not count; one within 12 months does."""
    old = job("old", amount="5000", started=date(2024, 4, 1), ended=date(2024, 5, 31))
    new = job("new", amount="300", started=date(2025, 1, 1))
    assert Money("300", "USD") == jss.top_rated([old, new], as_of=AS_OF).earned


@pytest.mark.parametrize(
    ("as_of", "counted"),
    [
        (date(2025, 6, 1), True),  # exactly 12 months after the payment and the contract's end
        (date(2025, 6, 2), False),  # 12 months and a day
    ],
)
def test_top_rated_and_the_windows_share_the_last_12_months(as_of, counted):
    """Regression: top_rated left out a payment made exactly 12 months before as_of.

    The score's 12-month window counts a contract that ended exactly 12
    months before (documented: it leaves "N months and one day" later);
    Top Rated's earnings now count a payment made that day too.
    """
    paid = job("a", amount="1000", started=date(2024, 5, 1), ended=date(2024, 6, 1))
    rules = attrs.evolve(jss.CURRENT, windows=(12,))
    report = jss.score([paid], as_of=as_of, rules=rules)
    status = jss.top_rated([paid], as_of=as_of, rules=rules)
    assert counted is (report.impact("a").outcome is jss.Outcome.POSITIVE)
    assert Money("1000" if counted else "0", "USD") == status.earned
    assert counted is status.earnings_met


@given(
    paid_on=us.dates(min_value=date(2015, 3, 1), max_value=date(2026, 12, 31)),
    as_of=us.dates(min_value=date(2016, 3, 1), max_value=date(2027, 12, 31)),
    months=st.sampled_from([1, 6, 12, 24]),
)
def test_a_payment_counts_for_top_rated_exactly_when_its_contract_is_in_the_window(
    paid_on, as_of, months
):
    """Property: Top Rated's earnings and the JSS windows share one rule of "the last N months"."""
    if paid_on > as_of:
        paid_on, as_of = as_of, paid_on
    rules = attrs.evolve(jss.CURRENT, windows=(months,), top_rated_earnings_months=months)
    paid = job("a", amount="10", started=paid_on, ended=paid_on)
    in_window = jss.score([paid], as_of=as_of, rules=rules).impact("a").outcome
    earned = jss.top_rated([paid], as_of=as_of, rules=rules).earned
    assert (in_window is jss.Outcome.POSITIVE) is bool(earned.amount)


def test_top_rated_refuses_earnings_in_another_currency():
    """Earnings are counted in the rules' currency; a PKR payment is refused, not converted."""
    pkr = Contract("p", "c", ContractKind.FIXED_PRICE, date(2025, 1, 1), date(2025, 2, 1),
                   payments=[Payment(date(2025, 2, 1), Money("100", "PKR"))])  # fmt: skip
    with pytest.raises(CurrencyMismatchError):
        jss.top_rated([pkr], as_of=AS_OF)


# --------------------------------------------------------------------------- populations


def test_score_many_streams_reports_in_order_equal_to_score():
    """score_many yields one report per history, lazily, each equal to score()."""
    histories = [goods(3), [*goods(2), job("bad", stars="1.0")], goods(1)]
    consumed = []

    def feed():
        for history in histories:
            consumed.append(len(history))
            yield history

    stream = jss.score_many(feed(), as_of=AS_OF)
    assert [] == consumed  # nothing read before the first report is asked for
    first = next(stream)
    assert [3] == consumed
    assert [first, *stream] == [jss.score(h, as_of=AS_OF) for h in histories]


def test_score_many_names_the_bad_history():
    """A history that is a single contract or holds a non-contract is named by its index."""
    with pytest.raises(InvalidTypeError) as info:
        list(jss.score_many([goods(2), job("x")], as_of=AS_OF))
    assert "histories[1]" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        list(jss.score_many([goods(2), [job("y"), 5]], as_of=AS_OF))
    assert "histories[1][1]" == info.value.field


@pytest.mark.parametrize("bad", [None, 5, "histories", job("solo"), {"a": []}])
def test_score_many_refuses_what_is_not_histories_up_front(bad):
    """A scalar, a string, a mapping or one contract is refused before any scoring."""
    with pytest.raises(InvalidTypeError) as info:
        jss.score_many(bad, as_of=AS_OF)
    assert "histories" == info.value.field


def test_score_frame_groups_contracts_by_freelancer():
    """A DataFrame of contracts gives one row per freelancer: Int64 scores, missing if ineligible."""
    pd = pytest.importorskip("pandas")
    rows = [("ali", c) for c in goods(3)]
    rows += [("sara", c) for c in [*goods(2), job("bad", stars="1.0")]]
    rows += [("new", job("only"))]
    frame = pd.DataFrame(rows, columns=["freelancer", "contract"])
    scores = jss.score_frame(frame, as_of=AS_OF)
    assert ["ali", "sara", "new"] == list(scores.index)
    assert "Int64" == str(scores["score"].dtype)
    assert [100, 67] == list(scores["score"][:2])
    assert scores["score"].isna().tolist() == [False, False, True]
    assert [3, 3, 1] == list(scores["contracts_given"])
    assert [3, 3, 1] == list(scores["contracts_counted"])


def _later_starts():
    """Two contracts done by 2024-09-30, two that start after it (the newcomer's case)."""
    return [
        job("done", started=date(2024, 1, 1)),
        job("also", started=date(2024, 3, 1)),
        job("oct", started=date(2024, 10, 25)),
        job("jan", started=date(2025, 1, 6)),
    ]


def test_report_repr_counts_the_counted_contracts_of_those_given():
    """r19 L1: the repr said '4 contracts' on a day only 2 had started; it says 2 of 4 counted."""
    report = jss.score(_later_starts(), as_of=date(2024, 9, 30), rules=jss.CURRENT)
    assert (4, 2) == (len(report.impacts), report.windows[0].contracts)
    assert ", 2 of 4 contracts counted, " in repr(report)
    later = jss.score(_later_starts(), as_of=date(2025, 6, 1), rules=jss.CURRENT)
    assert ", 4 contracts counted, " in repr(later)
    one = jss.score(_later_starts()[3:], as_of=date(2024, 9, 30), rules=jss.CURRENT)
    assert ": not eligible, 0 of 1 contract counted, " in repr(one)


def test_score_frame_columns_say_counted_and_given():
    """r19 L1: the 'contracts' column counted contracts not started yet; now counted and given."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"freelancer": "bilal", "contract": _later_starts()})
    days = [date(2024, 9, 30), date(2024, 12, 31), date(2025, 6, 1)]
    scores = [jss.score_frame(frame, as_of=day, rules=jss.CURRENT) for day in days]
    assert ["score", "reason", "window", "contracts_counted", "contracts_given"] == list(
        scores[0].columns
    )
    assert [2, 3, 4] == [s.loc["bilal", "contracts_counted"] for s in scores]
    assert [4, 4, 4] == [s.loc["bilal", "contracts_given"] for s in scores]
    assert "int64" == str(scores[0]["contracts_counted"].dtype)


def test_score_frame_refuses_a_missing_column_and_a_non_frame():
    """A frame without the named column, or something that is not a DataFrame, is refused."""
    pd = pytest.importorskip("pandas")
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(pd.DataFrame({"who": []}), as_of=AS_OF)
    assert "freelancer" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame([("a", job("x"))], as_of=AS_OF)
    assert "frame" == info.value.field
    holes = pd.DataFrame({"freelancer": ["a", None], "contract": [job("x"), job("y")]})
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(holes, as_of=AS_OF)
    assert "freelancer[1]" == info.value.field  # the row (review r36, 6)


def test_score_frame_refuses_unhashable_ids_and_a_column_named_twice():
    """Regression (red team): a raw TypeError, and a message about a str that was not a Contract."""
    pd = pytest.importorskip("pandas")
    unhashable = pd.DataFrame({"freelancer": [["a"], ["b"]], "contract": [job("x"), job("y")]})
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame(unhashable, as_of=AS_OF)
    assert ("freelancer[0]", "hashable freelancer ids") == (info.value.field, info.value.rule)
    twice = pd.DataFrame([["a", job("x"), "note"]], columns=["freelancer", "contract", "contract"])
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(twice, as_of=AS_OF)
    assert ("contract", "one column of that name") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------- pickling


def test_reports_pickle_compactly_and_equal():
    """A report pickles by field values (no field names), smaller than attrs' default, and equal."""
    report = jss.score([*goods(30), job("bad", stars="1.0")], as_of=AS_OF)
    data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    assert report == pickle.loads(data)
    assert b"contract_id" not in data
    assert b"reasons" not in data


def test_reports_pickled_before_the_tallies_moved_still_load():
    """A pickle naming Impact and WindowScore in jss._reports (0.2.0 wrote it so) loads equal."""
    report = jss.score([*goods(30), job("bad", stars="1.0")], as_of=AS_OF)
    data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"upwork_safety.jss._tallies" in data
    # Same length, so every frame and length prefix of the pickle stays valid.
    old = data.replace(b"upwork_safety.jss._tallies", b"upwork_safety.jss._reports")
    assert b"_tallies" not in old
    again = pickle.loads(old)
    assert report == again
    assert isinstance(again.impacts[0], jss.Impact)
    assert isinstance(again.windows[0], jss.WindowScore)


# --------------------------------------------------------------------------- types, not strings


def test_formula_and_rounding_are_enums_that_accept_their_text():
    """formula="net" and rounding=decimal.ROUND_HALF_EVEN still work; they become enum members."""
    rules = attrs.evolve(jss.CURRENT, formula="net", rounding=decimal.ROUND_HALF_EVEN)
    assert jss.Formula.NET is rules.formula
    assert jss.Rounding.HALF_EVEN is rules.rounding
    assert rules.formula == "net"
    assert "ROUND_HALF_EVEN" == str(rules.rounding)


def test_change_kinds_are_enums_equal_to_their_text():
    """ChangeItem.change is a ChangeKind that still equals 'left', 'entered' or 'changed'."""
    history = [*goods(4), job("old", stars="1.0", started=date(2023, 3, 1))]
    change = jss.explain_change(history, date(2025, 3, 1), date(2025, 5, 1))
    assert jss.ChangeKind.LEFT is change.changes[0].change
    assert "left" == change.changes[0].change
    assert "left" == change.to_records()[0]["change"]


def test_scores_are_exact_in_any_decimal_context():
    """A caller's decimal context (precision 3, traps on) changes no score, weight or percent."""
    history = [job("a", amount="1234.56"), job("b", amount="250.01"), job("c", stars="1.0")]
    expected = jss.score(history, as_of=AS_OF)
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        assert expected == jss.score(history, as_of=AS_OF)


# --------------------------------------------------------------------------- wrong types sweep

ON = date(2025, 6, 1)
HISTORY = [*goods(3), job("bad", stars="1.0")]
FUTURE = [jss.FutureJob(Money("500", "USD"), days=14)]
ODDS = {jss.Outcome.POSITIVE: "0.9", jss.Outcome.NEGATIVE: "0.1"}

#: Every public function of jss with each argument it takes, called with one wrong value.
CALLS = {
    "classify(contract)": lambda bad: jss.classify(bad, as_of=ON),
    "classify(as_of)": lambda bad: jss.classify(HISTORY[0], as_of=bad),
    "classify(history)": lambda bad: jss.classify(HISTORY[0], as_of=ON, history=bad),
    "score(contracts)": lambda bad: jss.score(bad, as_of=ON),
    "score(as_of)": lambda bad: jss.score(HISTORY, as_of=bad),
    "score(rules)": lambda bad: jss.score(HISTORY, as_of=ON, rules=bad),
    "score(exclude_clients)": lambda bad: jss.score(HISTORY, as_of=ON, exclude_clients=bad),
    "score_many(histories)": lambda bad: list(jss.score_many(bad, as_of=ON)),
    "score_many(as_of)": lambda bad: list(jss.score_many([HISTORY], as_of=bad)),
    "score_frame(frame)": lambda bad: jss.score_frame(bad, as_of=ON),
    "timeline(contracts)": lambda bad: jss.timeline(bad, start=ON, end=ON),
    "timeline(start)": lambda bad: jss.timeline(HISTORY, start=bad, end=ON),
    "timeline(end)": lambda bad: jss.timeline(HISTORY, start=ON, end=bad),
    "timeline(step)": lambda bad: jss.timeline(HISTORY, start=ON, end=ON, step=bad),
    "what_if(contracts)": lambda bad: jss.what_if(bad, HISTORY[0], as_of=ON),
    "what_if(extra)": lambda bad: jss.what_if(HISTORY, bad, as_of=ON),
    "forecast(contracts)": lambda bad: jss.forecast(
        bad, as_of=ON, jobs=FUTURE, outcome_odds=ODDS, trials=5, seed=1
    ),
    "forecast(jobs)": lambda bad: jss.forecast(
        HISTORY, as_of=ON, jobs=bad, outcome_odds=ODDS, trials=5, seed=1
    ),
    "forecast(outcome_odds)": lambda bad: jss.forecast(
        HISTORY, as_of=ON, jobs=FUTURE, outcome_odds=bad, trials=5, seed=1
    ),
    "forecast(trials)": lambda bad: jss.forecast(
        HISTORY, as_of=ON, jobs=FUTURE, outcome_odds=ODDS, trials=bad, seed=1
    ),
    "forecast(seed)": lambda bad: jss.forecast(
        HISTORY, as_of=ON, jobs=FUTURE, outcome_odds=ODDS, trials=5, seed=bad
    ),
    "explain_change(contracts)": lambda bad: jss.explain_change(bad, ON, ON),
    "explain_change(before)": lambda bad: jss.explain_change(HISTORY, bad, ON),
    "top_rated_weeks(contracts)": lambda bad: jss.top_rated_weeks(bad, as_of=ON),
    "top_rated(contracts)": lambda bad: jss.top_rated(bad, as_of=ON),
    "top_rated(as_of)": lambda bad: jss.top_rated(HISTORY, as_of=bad),
    "rules_as_of(on)": jss.rules_as_of,
    "rule_sources(rules)": jss.rule_sources,
    "FutureJob(amount)": jss.FutureJob,
    "FutureJob(days)": lambda bad: jss.FutureJob(Money("5", "USD"), days=bad),
    "WeightTier(weight)": lambda bad: jss.WeightTier(None, bad),
    "JSSRules(windows)": lambda bad: attrs.evolve(jss.CURRENT, windows=bad),
    "JSSRules(min_jobs)": lambda bad: attrs.evolve(jss.CURRENT, min_jobs=bad),
    "JSSRules(formula)": lambda bad: attrs.evolve(jss.CURRENT, formula=bad),
    "JSSRules(exclude_no_feedback)": lambda bad: attrs.evolve(jss.CURRENT, exclude_no_feedback=bad),
    "JSSRules(positive_stars_at_least)": lambda bad: attrs.evolve(
        jss.CURRENT, positive_stars_at_least=bad
    ),
    "JSSReport.impact(contract_id)": lambda bad: jss.score(HISTORY, as_of=ON).impact(bad),
    "Forecast.chance_at_least(threshold)": lambda bad: jss.forecast(
        HISTORY, as_of=ON, jobs=FUTURE, outcome_odds=ODDS, trials=5, seed=1
    ).chance_at_least(bad),
}

WRONG = [
    None,
    5,
    1.5,
    "text",
    b"bytes",
    object(),
    [1],
    [None],
    {"a": 1},
    HISTORY[0],
    datetime(2025, 1, 1),
    Decimal(5),
]

#: (call, wrong value) pairs that are valid input, not wrong.
VALID = {
    ("classify(history)", "[None]"),
    ("score(rules)", "None"),
    ("score(exclude_clients)", "{'a': 1}"),
    ("JSSRules(windows)", "[1]"),
    ("JSSRules(min_jobs)", "5"),
    ("JSSRules(positive_stars_at_least)", "5"),
    ("JSSRules(positive_stars_at_least)", "Decimal('5')"),
    ("FutureJob(days)", "5"),
    ("WeightTier(weight)", "5"),
    ("WeightTier(weight)", "Decimal('5')"),
    ("forecast(trials)", "5"),
    ("forecast(seed)", "5"),
    ("rule_sources(rules)", "None"),
    ("Forecast.chance_at_least(threshold)", "5"),
}


@pytest.mark.parametrize("bad", WRONG, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("call", CALLS, ids=str)
def test_wrong_typed_arguments_raise_library_errors(call, bad):
    """Every public jss function given a wrong-typed argument raises the library's error, naming it."""
    if call.startswith("score_frame"):
        pytest.importorskip("pandas")
    try:
        CALLS[call](bad)
    except UpworkSafetyError as error:
        assert error.field, f"{call} with {bad!r}: {error}"
    except Exception as error:  # noqa: BLE001  (the point: nothing else may escape)
        pytest.fail(f"{call} with {bad!r} raised {type(error).__name__}: {error}")


def test_the_sweep_covers_every_public_function():
    """Each public function of jss appears in the wrong-type sweep."""
    functions = {name for name in jss.__all__ if inspect.isfunction(getattr(jss, name))}
    swept = {key.split("(")[0] for key in CALLS}
    assert functions <= swept


def test_forecast_jobs_must_be_a_list_of_future_jobs():
    """jobs=10, None or one FutureJob: InvalidTypeError naming jobs (issue 17)."""
    for bad in (10, None, jss.FutureJob(Money("500", "USD"))):
        with pytest.raises(InvalidTypeError) as info:
            jss.forecast(HISTORY, as_of=ON, jobs=bad, outcome_odds=ODDS, trials=5, seed=1)
        assert "jobs" == info.value.field


def test_naive_and_aware_datetimes_follow_the_one_rule():
    """A naive datetime is refused naming the argument; an aware one uses its UTC day."""
    with pytest.raises(InvalidValueError) as info:
        jss.top_rated(HISTORY, as_of=datetime(2025, 6, 1))
    assert "as_of" == info.value.field
    late = datetime(2025, 6, 1, 23, tzinfo=timezone(timedelta(hours=-5)))
    assert date(2025, 6, 2) == jss.top_rated(HISTORY, as_of=late).as_of


def test_an_end_reason_alone_is_no_feedback():
    """A reason for ending without stars or a private score is "ended without feedback".

    DOMAIN.md section 6 lists the reason for ending as an input beside public
    and private feedback; the 2020-11-08 exclusion is about the feedback.  Four
    good jobs and one closed with only a reason score 100 (the domain audit
    found 80: the reason alone had made it count as not successful).
    """
    closed = job("closed", stars=None, reason=EndReason.COMPLETED)
    assert jss.Outcome.EXCLUDED == jss.classify(closed, as_of=AS_OF).outcome
    assert 100 == jss.score([*goods(4), closed], as_of=AS_OF).score
    cancelled = job("cancelled", stars=None, reason=EndReason.CANCELLED_EARLY)
    assert jss.Outcome.EXCLUDED == jss.classify(cancelled, as_of=AS_OF).outcome
    # With a private score beside it, the reason counts as before.
    judged = job("judged", stars=None, private=3, reason=EndReason.CANCELLED_EARLY)
    assert jss.Outcome.NEGATIVE == jss.classify(judged, as_of=AS_OF).outcome


_ODDS = {jss.Outcome.POSITIVE: "0.9", jss.Outcome.NEUTRAL: "0.05", jss.Outcome.NEGATIVE: "0.05"}


def _rated(contract_id, client, stars, started, ended):
    from upwork_safety import Feedback, Payment

    return Contract(
        contract_id,
        client,
        ContractKind.FIXED_PRICE,
        started,
        ended,
        payments=[Payment(ended, Money("100", "USD"))],
        feedback=Feedback(stars=stars),
    )


def test_what_if_says_when_a_bad_job_opens_a_window_and_raises_the_score():
    """Regression (red team r10 #1): a 1-star job from a new client gave the short windows
    their second client, so they showed and beat the 24-month window (+17 points); the
    what-if called the job negative and said nothing of why the score rose."""
    history = [
        _rated("old1", "a", "1.0", date(2022, 9, 1), date(2022, 10, 1)),
        _rated("old2", "b", "1.0", date(2022, 9, 1), date(2022, 10, 1)),
        _rated("new1", "c", "5.0", date(2024, 1, 1), date(2024, 2, 1)),
        _rated("new2", "c", "5.0", date(2024, 1, 5), date(2024, 2, 5)),
    ]
    bad = _rated("oops", "d", "1.0", date(2024, 1, 10), date(2024, 2, 10))
    change = jss.what_if(history, bad, as_of=date(2024, 3, 1))
    assert (50, 67, 17) == (change.before, change.after, change.delta)
    assert [jss.Outcome.NEGATIVE] == [impact.outcome for impact in change.added]
    assert "12 months (2 clients)" in change.reason
    assert "whatever the added contracts' outcomes" in change.reason


def test_explain_change_gives_no_points_where_a_step_has_no_score():
    """Regression (red team r10 #5): ``points`` was a number when one side had no score, and
    the contract whose leaving cost eligibility showed 0.00 points and no reason."""
    history = [
        _rated("old", "x", "1.0", date(2016, 1, 1), date(2016, 2, 1)),
        _rated("a", "x", "5.0", date(2017, 1, 1), date(2017, 2, 1)),
        _rated("b", "y", "5.0", date(2017, 1, 1), date(2017, 2, 1)),
        _rated("c", "z", "5.0", date(2017, 1, 1), date(2017, 2, 1)),
    ]
    change = jss.explain_change(history, date(2017, 6, 1), date(2018, 3, 1), rules=jss.LAUNCH_2015)
    assert (100, None) == (change.before.score, change.after.score)
    first = change.changes[0]
    assert ("old", None) == (first.contract_id, first.points)
    assert first.reasons[0].startswith("with this change there is no score: not eligible")
    assert all(item.points is None for item in change.changes)


@pytest.mark.parametrize("seed", [-1, -7])
def test_a_negative_forecast_seed_is_refused(seed):
    """Regression (red team r10 #8): ``random.Random`` reads -7 as 7, so ``seed=-7`` drew
    what ``seed=7`` drew while the forecast said another seed."""
    from upwork_safety.errors import InvalidValueError

    with pytest.raises(InvalidValueError) as info:
        jss.forecast(
            [], as_of=date(2025, 1, 1), jobs=FUTURE, outcome_odds=_ODDS, trials=10, seed=seed
        )
    assert "seed" == info.value.field


@pytest.mark.parametrize("threshold", [-5, 101, 10**30])
def test_chance_at_least_takes_a_whole_percent_from_0_to_100(threshold):
    """Regression (red team r10 #9): -5 answered 1 and 10**30 answered 0."""
    from upwork_safety.errors import InvalidValueError

    forecast = jss.forecast(
        [], as_of=date(2025, 1, 1), jobs=FUTURE, outcome_odds=_ODDS, trials=10, seed=1
    )
    with pytest.raises(InvalidValueError) as info:
        forecast.chance_at_least(threshold)
    assert "threshold" == info.value.field
    assert Decimal(1) == forecast.chance_at_least(0) + sum(
        (Decimal(b.trials) / 10 for b in forecast.bins if b.score is None), Decimal(0)
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: jss.score([], as_of=date(2015, 2, 28)), "as_of"),
        (lambda: jss.timeline([], start=date(2015, 2, 1), end=date(2015, 3, 5)), "start"),
        (lambda: jss.explain_change([], date(2015, 1, 1), date(2015, 2, 1)), "after"),
    ],
    ids=["score", "timeline", "explain_change"],
)
def test_a_day_before_the_first_rules_is_named_as_the_caller_passed_it(call, field):
    """Regression (red team r10 #7): these errors named ``on``, which no caller passes."""
    from upwork_safety.errors import RulesError

    with pytest.raises(RulesError) as info:
        call()
    assert (field, "on or after 2015-03-01") == (info.value.field, info.value.rule)


def test_top_rated_soon_after_the_jss_began_reads_only_weeks_that_had_a_score():
    """Regression (red team r10 #7): 16 weeks back from 2015-03-10 asked for 2014-11-25,
    before any JSS rules, and raised about a day the caller never gave."""
    weeks = jss.top_rated_weeks([], as_of=date(2015, 3, 10))
    assert [date(2015, 3, 3), date(2015, 3, 10)] == [point.on for point in weeks.weeks]
    assert (False, 0) == (weeks.met, weeks.qualifying)
    assert jss.top_rated([], as_of=date(2015, 3, 10)).met is False


def test_an_open_contracts_negative_signal_counts_from_the_day_it_is_on_record():
    """Regression (review of r10): an open contract with a dispute lost on 2024-11-15 was
    already NEGATIVE on 2024-06-01: a later event changed past scores. It counts as
    negative from the day the signal is on record, in ``score`` and in ``timeline`` alike."""
    from datetime import datetime, timezone

    from upwork_safety import Milestone, MilestoneState, Payment, escrow
    from upwork_safety.models import Escrow

    lost = escrow.ResolveDispute(
        "m2", datetime(2024, 11, 15, tzinfo=timezone.utc), Money("0", "USD"), Money("100", "USD")
    )
    # As the engine leaves it: the client got it all back.
    refunded = Escrow(MilestoneState.REFUNDED, Money("100", "USD"), refunded=Money("100", "USD"))
    contract = Contract(
        "open",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        None,
        payments=[Payment(date(2024, k, 1), Money("500", "USD")) for k in range(1, 13)],
        history=[lost],
        milestones=[Milestone("m2", "x", Money("100", "USD"), escrow=refunded)],
    )
    outcomes = [
        jss.classify(contract, as_of=day).outcome
        for day in (date(2024, 6, 1), date(2024, 11, 14), date(2024, 11, 15), date(2024, 12, 1))
    ]
    good, bad = jss.Outcome.POSITIVE, jss.Outcome.NEGATIVE
    assert [good, good, bad, bad] == outcomes
    others = [
        _rated(f"g{k}", f"client{k}", "5.0", date(2024, 8, 1), date(2024, 9, 1)) for k in range(4)
    ]
    history = [contract, *others]
    points = jss.timeline(
        history, start=date(2024, 11, 10), end=date(2024, 11, 20), rules=jss.CURRENT
    )
    scores = [p.score for p in points]
    assert scores == [jss.score(history, as_of=p.on, rules=jss.CURRENT).score for p in points]
    assert (100, 47) == (scores[0], scores[-1])  # the lost dispute lowers it from the 15th
    assert (100, 47) == (scores[4], scores[5])  # 11-15 is the first day it counts


def test_scaling_page_score_over_time_recipes_print_what_the_page_shows():
    """r19 M3: the 'score over time' recipes in docs/scaling.md run and print their comments.

    Regression (newcomer r22 L3): the test handed the recipes ``timedelta``, which no line
    of the page imported, so pasted into a notebook the recipe raised NameError.  The
    page's examples now run in page order in one namespace that starts empty, as a reader
    pasting them would run them (the Dask recipe, which needs Dask and a module of its own,
    is run by tests/dask_recipe_check.py).
    """
    import contextlib
    import doctest
    import io
    import re
    from pathlib import Path

    pd = pytest.importorskip("pandas")
    page = Path(__file__).resolve().parent.parent / "docs" / "scaling.md"
    text = page.read_text("utf-8")
    blocks = re.findall(r"(<!-- [^>]*-->\n)?```(pycon|python)\n(.*?)```", text, re.DOTALL)
    marked = [code for marker, _, code in blocks if marker.startswith("<!-- jss-over-time:")]
    assert 2 == len(marked)
    namespace: dict[str, object] = {"__name__": "scaling_page"}
    for marker, kind, code in blocks:
        if marker.startswith("<!-- dask-recipe:"):
            continue
        if kind == "pycon":
            for example in doctest.DocTestParser().get_examples(code):
                with contextlib.redirect_stdout(io.StringIO()), contextlib.ExitStack() as stack:
                    if example.exc_msg is not None:  # an example that shows an error
                        stack.enter_context(pytest.raises(UpworkSafetyError))
                    exec(compile(example.source, str(page), "single"), namespace)  # noqa: S102
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(page), "exec"), namespace)  # noqa: S102  (the page's own example)
        if code in marked:
            shown = "\n".join(
                line.removeprefix("# ") for line in code.splitlines() if line.startswith("# ")
            )
            assert shown == printed.getvalue().strip()
    history = namespace["history"]
    assert isinstance(history, list)
    assert 4 == len(history)
    weekly = namespace["weekly"]
    for (who, on), score in weekly["score"].items():  # type: ignore[attr-defined]
        expected = jss.score(history, as_of=on).score
        assert (who, expected) == ("ali", None if score is pd.NA else score)


def test_report_repr_says_which_window_the_count_is_of_when_the_score_is_another_windows():
    """Review r19 L3: '100% (12 months), 6 contracts counted' read as the 12 months' count."""
    history = [
        job("bad", stars="1.0", started=date(2021, 1, 1), client="a"),
        job("bad2", stars="1.0", started=date(2021, 2, 1), client="b"),
        *(job(f"g{i}", started=date(2022, 3, 1 + i)) for i in range(4)),
    ]
    day = date(2022, 9, 1)
    report = jss.score(history, as_of=day, rules=jss.rules_as_of(day))
    assert ("12 months", [(24, 6), (12, 4)]) == (
        report.window,
        [(w.months, w.contracts) for w in report.windows[:2]],
    )
    assert ": 100% (12 months), 6 contracts counted in 24 months, " in repr(report)


# --------------------------------------------------------------- r20 L4: JSSTimeline


def _points() -> jss.JSSTimeline:
    history = [
        factories.finished_contract(contract_id=f"c{i}", started=date(2025, 1, 6)) for i in range(3)
    ]
    return jss.timeline(
        history, start=date(2025, 6, 1), end=date(2025, 8, 1), step=timedelta(days=20)
    )


@pytest.mark.parametrize(
    ("points", "error", "field"),
    [
        ([1, "x"], InvalidTypeError, "JSSTimeline[0]"),
        ("abc", InvalidTypeError, "JSSTimeline"),
        (jss.JSSPoint(date(2025, 6, 1), 90), InvalidTypeError, "JSSTimeline"),
        ([jss.JSSPoint(date(2025, 6, 2), 90), jss.JSSPoint(date(2025, 6, 1), 90)], InvalidValueError, "JSSTimeline[1].on"),
        ([jss.JSSPoint(date(2025, 6, 1), 90), jss.JSSPoint(date(2025, 6, 1), 80)], InvalidValueError, "JSSTimeline[1].on"),
    ],
)  # fmt: skip
def test_jss_timeline_holds_only_points_in_date_order(points, error, field):
    """Regression (r20 L4): JSSTimeline([1, "x"]) was accepted, and to_json wrote what from_json refused."""
    with pytest.raises(error) as info:
        jss.JSSTimeline(points)
    assert field == info.value.field


def test_jss_timeline_cannot_be_changed():
    """Regression (r20 L4): append/reverse/item assignment undid the constructor's checks."""
    line = _points()
    before = list(line)
    changes = [
        lambda: line.append(line[0]),
        lambda: line.extend([]),
        lambda: line.insert(0, line[0]),
        line.pop,
        lambda: line.remove(line[0]),
        line.clear,
        line.sort,
        line.reverse,
        lambda: line.__setitem__(0, line[0]),
        lambda: line.__delitem__(0),
        lambda: line.__iadd__([]),
        lambda: line.__imul__(2),
        lambda: line.__init__([]),
    ]
    for change in changes:
        with pytest.raises(InvalidTypeError) as info:
            change()
        assert ("JSSTimeline", "a JSSTimeline cannot be changed") == (
            info.value.field,
            info.value.rule,
        )
    assert before == line
    assert isinstance(line, list)


def test_jss_timeline_round_trips_and_refuses_bad_data():
    """A timeline pickles, copies and serialises as itself; data it could not hold is refused."""
    line = _points()
    assert 4 == len(line)
    for back in (
        pickle.loads(pickle.dumps(line)),
        serialize.from_json(jss.JSSTimeline, serialize.to_json(line)),
    ):
        assert (jss.JSSTimeline, line) == (type(back), back)
    with pytest.raises(InvalidDataError):
        serialize.from_json(jss.JSSTimeline, serialize.to_json(list(reversed(line))))
    with pytest.raises(InvalidDataError):
        serialize.from_json(jss.JSSTimeline, '[1, "x"]')


def test_forecasts_pickled_before_their_values_moved_still_load(monkeypatch):
    """A pickle naming Forecast, ForecastBin and FutureJob in jss._forecast loads equal."""
    result = jss.forecast(HISTORY, as_of=ON, jobs=FUTURE, outcome_odds=ODDS, trials=50, seed=1)
    # Pickled as 0.2.0 did, with the classes named in their old module.
    for cls in (jss.Forecast, jss.ForecastBin, jss.FutureJob):
        monkeypatch.setattr(cls, "__module__", "upwork_safety.jss._forecast")
    old = pickle.dumps((result, FUTURE), protocol=pickle.HIGHEST_PROTOCOL)
    monkeypatch.undo()
    assert b"upwork_safety.jss._forecast\x94" in old
    assert b"_forecast_values" not in old
    again, jobs = pickle.loads(old)
    assert (result, FUTURE) == (again, jobs)
    assert type(again) is jss.Forecast
    assert type(again.bins[0]) is jss.ForecastBin
