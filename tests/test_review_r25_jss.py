"""Regressions from review r25's JSS pass (J1-J2).

A forecast's chance that does not end within the library's 60 digits, and
the latest day every JSS function takes.
"""

import decimal
from datetime import date, datetime, timezone
from decimal import Decimal
from fractions import Fraction

import pytest

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss import FutureJob, Outcome

ODDS = {Outcome.POSITIVE: "0.8", Outcome.NEUTRAL: "0.1", Outcome.NEGATIVE: "0.1"}


def _job(cid: str, stars: str) -> Contract:
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        date(2025, 1, 6),
        date(2025, 2, 3),
        payments=[Payment(date(2025, 2, 3), Money("500", "USD"))],
        feedback=Feedback(stars=stars),
    )


def _history() -> list[Contract]:
    """docs/jss.md's ``good(8) + bad(1)``."""
    return [_job(f"good{i}", "5.0") for i in range(8)] + [_job("bad0", "2.0")]


def _outlook(trials: int, seed: int) -> jss.Forecast:
    plan = [FutureJob(Money("300", "USD"), days=14) for _ in range(5)]
    return jss.forecast(
        _history(),
        as_of=date(2025, 6, 1),
        jobs=plan,
        outcome_odds=ODDS,
        trials=trials,
        seed=seed,
    )


# J1: the exact chance is reachable, the rounded one documented --------------------------


def test_a_chance_that_does_not_end_is_rounded_half_up_at_60_digits_and_its_count_is_exact():
    outlook = _outlook(3000, 11)
    hits = outlook.trials_at_least(90)
    assert (989, 3000) == (hits, outlook.trials)
    assert Fraction(989, 3000) == Fraction(hits, outlook.trials)
    chance = outlook.chance_at_least(90)
    assert Decimal("0." + "3296" + "6" * 55 + "7") == chance  # 60 significant digits, half up
    assert 60 == len(chance.as_tuple().digits)


def test_a_chance_that_ends_is_exact():
    outlook = _outlook(2000, 7)
    assert (654, Decimal("0.327")) == (outlook.trials_at_least(90), outlook.chance_at_least(90))


def test_the_count_agrees_with_the_bins_and_not_eligible_never_counts():
    outlook = _outlook(3000, 11)
    assert outlook.trials == outlook.trials_at_least(0)
    assert 0 == outlook.trials_at_least(100)
    sixty = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)
    for row in outlook.to_records():
        assert isinstance(row["trials"], int)
        assert sixty.divide(Decimal(row["trials"]), Decimal(outlook.trials)) == row["share"]
    exact = sum(Fraction(row["trials"], outlook.trials) for row in outlook.to_records())
    assert Fraction(1) == exact


@pytest.mark.parametrize("threshold", [-1, 101])
def test_the_count_refuses_a_threshold_as_the_chance_does(threshold):
    outlook = _outlook(2000, 7)
    for ask in (outlook.trials_at_least, outlook.chance_at_least):
        with pytest.raises(InvalidValueError) as caught:
            ask(threshold)
        assert "threshold" == caught.value.field


# J2: the latest day ------------------------------------------------------------------------

LATE = date(9991, 1, 1)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: jss.score([], as_of=LATE), "as_of"),
        (lambda: jss.score([], as_of=datetime(9991, 1, 1, tzinfo=timezone.utc)), "as_of"),
        (lambda: jss.timeline([], start=date(9990, 1, 1), end=LATE), "end"),
        (lambda: jss.explain_change([], before=date(2020, 1, 1), after=LATE), "after"),
    ],
)
def test_a_day_after_the_last_is_refused_with_a_reason_that_fits_a_score(call, field):
    with pytest.raises(InvalidValueError) as caught:
        call()
    assert (field, "on or before 9990-12-31") == (caught.value.field, caught.value.rule)
    assert "timers" not in str(caught.value)
    assert "the last day the library supports" in str(caught.value)


def test_the_last_day_itself_is_taken():
    assert jss.score([], as_of=date(9990, 12, 31)).score is None
