"""Every count, size and number of places is read by one rule (``_decimals.count``).

A whole number (an ``int``, never a ``bool`` or ``2.0``) within the range the
argument documents; a wrong type is an ``InvalidTypeError`` with rule "a whole
number", a value out of range an ``InvalidValueError`` whose rule says the
range in the same words everywhere.  These arguments each had their own
check and their own words ("an int", "from 0 to 18", "positive", "a whole
percent") before they shared one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import fees, jss
from upwork_safety import testing as ust
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import MAX_PARTS, Money, round_half_up

USD = Money("10.00", "USD")


JOBS = [jss.FutureJob(Money("500", "USD"), days=14)]
ODDS = {jss.Outcome.POSITIVE: "1"}


def _forecast(trials: object = 10) -> jss.Forecast:
    return jss.forecast(
        [], as_of=date(2025, 6, 1), jobs=JOBS, outcome_odds=ODDS, trials=trials, seed=1
    )


CALLS = [
    ("split", USD.split, "parts", f"1 to {MAX_PARTS:,}", 0),
    ("round_half_up", lambda v: round_half_up(Decimal(1), v), "places", "0 to 18", 19),
    ("per_year", lambda v: fees.Frequency("x", v), "Frequency.per_year", "1 or more", 0),
    ("threshold", lambda v: _forecast().chance_at_least(v), "threshold", "0 to 100", 101),
    (
        "trials",
        lambda v: _forecast(trials=v),
        "trials",
        f"1 to {jss.MAX_TRIALS:,}",
        0,
    ),
    (
        "max_events",
        lambda v: ust.strategies.contract_histories(max_events=v),
        "max_events",
        "0 or more",
        -1,
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "field", "rule", "outside"), CALLS, ids=[c[0] for c in CALLS]
)
@pytest.mark.parametrize("wrong", [True, 2.0, "2"], ids=["bool", "float", "str"])
def test_a_count_of_the_wrong_type_is_refused_in_one_set_of_words(  # noqa: PLR0917
    name, call, field, rule, outside, wrong
):
    with pytest.raises(InvalidTypeError) as info:
        call(wrong)
    assert (field, "a whole number") == (info.value.field, info.value.rule)


@pytest.mark.parametrize(
    ("name", "call", "field", "rule", "outside"), CALLS, ids=[c[0] for c in CALLS]
)
def test_a_count_out_of_range_names_its_range(name, call, field, rule, outside):
    with pytest.raises(InvalidValueError) as info:
        call(outside)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_a_count_without_an_upper_bound_has_the_librarys_eighteen_digits():
    with pytest.raises(InvalidValueError) as info:
        fees.Frequency("x", 10**18)
    assert ("Frequency.per_year", "at most 18 digits") == (info.value.field, info.value.rule)
    assert 10**18 - 1 == fees.Frequency("x", 10**18 - 1).per_year
