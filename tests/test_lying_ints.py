"""An ``int`` subclass whose comparisons lie is read as the int it holds (red team r18 M1).

Python asks a subclass's reflected comparison first, so ``1 <= parts <= MAX_PARTS``
with such a subclass said yes to any number: ``Money.split`` built three million
parts, ``jss.forecast`` ran five million trials, ``to_json`` wrote a hundred
million spaces.  Every size and count is now read with ``int``'s own method
before it is compared, and the plain value is what is used afterwards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from upwork_safety import Money, fees, jss, serialize
from upwork_safety._calendar import add_business_days
from upwork_safety._plain import whole_number
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us


class Liar(int):
    """Says yes to every comparison: any range holds it, and it equals anything."""

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __gt__(self, other: object) -> bool:
        return False

    def __ge__(self, other: object) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = int.__hash__


def _forecast(trials: Any, seed: Any = 1) -> jss.Forecast:
    return jss.forecast(
        [],
        as_of=date(2024, 1, 1),
        jobs=[jss.FutureJob(Money("500.00", "USD"))],
        outcome_odds={jss.Outcome.POSITIVE: "0.9", jss.Outcome.NEGATIVE: "0.1"},
        trials=trials,
        seed=seed,
    )


def test_whole_number_reads_the_builtin_value():
    """The shared reader: an int subclass's plain value; a bool, float or text is None."""
    assert (7, int) == (whole_number(Liar(7)), type(whole_number(Liar(7))))
    assert [None, None, None] == [whole_number(True), whole_number(7.0), whole_number("7")]


def test_split_refuses_more_parts_than_allowed():
    """``split(Liar(3_000_000))`` built three million parts; it is refused by the bound."""
    with pytest.raises(InvalidValueError) as info:
        Money("100000.00", "USD").split(Liar(3_000_000))
    assert ("parts", "1 to 100,000") == (info.value.field, info.value.rule)


def test_split_uses_the_number_the_subclass_holds():
    """A subclass within the bound splits into the parts it holds."""
    parts = Money("10.00", "USD").split(Liar(3))
    assert (Money("3.34", "USD"), Money("3.33", "USD"), Money("3.33", "USD")) == parts


def test_sum_does_not_drop_a_start_that_claims_to_be_zero():
    """``sum([money], Liar(5))`` returned the money: its ``== 0`` said yes."""
    with pytest.raises(TypeError):
        sum([Money("1.00", "USD")], Liar(5))  # type: ignore[arg-type]
    assert Money("1.00", "USD") == sum([Money("1.00", "USD")], Liar(0))  # type: ignore[arg-type]


def test_forecast_refuses_too_many_trials_before_running_them():
    """``trials=Liar(5_000_000)`` ran every trial before a result refused it."""
    with pytest.raises(InvalidValueError) as info:
        _forecast(Liar(jss.MAX_TRIALS * 5))
    assert "trials" == info.value.field


def test_forecast_refuses_a_negative_seed():
    """A negative seed would draw what its absolute value draws; the subclass said it was not."""
    with pytest.raises(InvalidValueError) as info:
        _forecast(10, seed=Liar(-7))
    assert "seed" == info.value.field


def test_forecast_keeps_plain_trials_and_seed():
    """A subclass within the bounds runs as the plain ints it holds, and they are stored plain."""
    result = _forecast(Liar(10), seed=Liar(3))
    assert (10, 3, int, int) == (result.trials, result.seed, type(result.trials), type(result.seed))
    assert _forecast(10, seed=3) == result


def test_chance_at_least_refuses_a_threshold_over_100():
    """A threshold of 150 was taken for one from 0 to 100."""
    with pytest.raises(InvalidValueError) as info:
        _forecast(10).chance_at_least(Liar(150))
    assert ("threshold", "0 to 100") == (info.value.field, info.value.rule)


def test_to_json_refuses_an_indent_past_the_widest():
    """``indent=Liar(50_000_000)`` wrote a hundred million characters."""
    with pytest.raises(InvalidValueError) as info:
        serialize.to_json(Money("1.00", "USD"), indent=Liar(50_000_000))
    assert "indent" == info.value.field
    assert serialize.to_json([1], indent=2) == serialize.to_json([1], indent=Liar(2))


def test_business_days_refuses_a_negative_count():
    """``add_business_days(start, Liar(-3))`` called the count not negative and zero."""
    friday = datetime(2024, 1, 12, 18, tzinfo=timezone.utc)
    with pytest.raises(InvalidValueError) as info:
        add_business_days(friday, Liar(-3))
    assert "n" == info.value.field
    assert friday + timedelta(days=5) == add_business_days(friday, Liar(3))


def test_withdrawal_method_refuses_fewest_days_above_most():
    """``business_days=(Liar(5), Liar(2))`` was called (fewest, most)."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=(Liar(5), Liar(2)))
    assert ("WithdrawalMethod.business_days", "fewest <= most") == (
        info.value.field,
        info.value.rule,
    )
    with pytest.raises(RulesError):
        attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=(Liar(-1), Liar(2)))


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: fees.Frequency("odd", Liar(0)), "Frequency.per_year"),
        (lambda: jss.ForecastBin(90, Liar(0)), "ForecastBin.trials"),
        (lambda: factories.history(Liar(-1)), "count"),
        (lambda: us.amounts(places=Liar(-1)), "places"),
    ],
    ids=["Frequency", "ForecastBin", "factories.history", "strategies.amounts"],
)
def test_counts_elsewhere_are_read_as_the_int_they_hold(build, field):
    """Every other count the library checks refuses the subclass's lie, naming the field."""
    with pytest.raises(InvalidValueError) as info:
        build()
    assert field == info.value.field


class Shifty(int):
    """An int whose ``__int__`` says another number."""

    def __int__(self) -> int:
        return 7


def test_from_dict_reads_an_int_with_ints_own_method():
    """``from_dict`` read an int subclass with its own ``__int__`` (7, not the 90 it holds)."""
    back = serialize.from_dict(jss.ForecastBin, {"score": Shifty(90), "trials": Shifty(5)})
    assert jss.ForecastBin(90, 5) == back
    assert (int, int) == (type(back.score), type(back.trials))


def test_a_bool_is_still_refused():
    """``True`` is not the count 1, as before."""
    with pytest.raises(InvalidTypeError):
        Money("1.00", "USD").split(True)
    with pytest.raises(InvalidTypeError):
        serialize.to_json([1], indent=True)
