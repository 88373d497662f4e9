"""Tests for upwork_safety.fees.plan_withdrawals: what a plan says of free methods, tiny
earnings and numbers past the library's limits (red team 12).

The plan's everyday behaviour is pinned in test_fees_withdrawals.py.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import fees, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.money import Money


def usd(amount: str) -> Money:
    return Money(amount, "USD")


#: Direct to Local Bank with neither a fixed fee nor a minimum (a what-if).
FREE = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, fixed_fee=usd("0.00"), minimum=usd("0.00"))


def test_no_fixed_fee_takes_nothing_even_of_a_zero_withdrawal():
    """Regression (red team 12): with no fixed fee and USD 0.01 a month, the weekly option
    (USD 0.00 each) said "the fixed fee would take 100%".  A fee of nothing takes 0; the
    option is refused because each withdrawal is USD 0.00, and monthly is recommended."""
    plan = fees.plan_withdrawals(usd("0.01"), FREE, max_fee_share="1%")
    weekly = plan.options[0]
    assert ("weekly", usd("0.00"), Decimal(0), False) == (
        weekly.frequency.name,
        weekly.amount_each,
        weekly.fee_share,
        weekly.acceptable,
    )
    assert "USD 0.00" in weekly.reason
    assert "fixed fee" not in weekly.reason
    assert Decimal("0.00") == plan.to_records()[0]["fee_share_percent"]
    assert plan.recommended is not None
    assert ("monthly", usd("0.01")) == (
        plan.recommended.frequency.name,
        plan.recommended.amount_each,
    )
    assert plan == serialize.from_json(fees.WithdrawalPlan, serialize.to_json(plan))


def test_a_fee_on_a_zero_withdrawal_still_takes_all_of_it():
    """With a fixed fee and no minimum, a USD 0.00 withdrawal's fee share stays 1 (all of it)."""
    no_minimum = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, minimum=usd("0.00"))
    plan = fees.plan_withdrawals(usd("0.01"), no_minimum, max_fee_share="1%")
    weekly = plan.options[0]
    assert (usd("0.00"), Decimal(1), False) == (
        weekly.amount_each,
        weekly.fee_share,
        weekly.acceptable,
    )
    assert "USD 0.00" in weekly.reason


def test_a_plan_of_a_zero_fee_option_with_the_old_share_is_refused():
    """A saved option claiming a free method takes 100% of a zero withdrawal no longer loads."""
    plan = fees.plan_withdrawals(usd("0.01"), FREE, max_fee_share="1%")
    data = serialize.to_dict(plan)
    data["options"][0]["fee_share"] = "1"
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(fees.WithdrawalPlan, data)
    (problem,) = info.value.problems
    assert ("$.options[0].fee_share", "fixed fee / amount_each") == (problem.path, problem.rule)


def test_a_frequency_has_at_most_18_digits():
    """Regression (red team 12): Frequency("x", 10**19) failed inside the plan naming
    "factor"; it is refused when built, naming Frequency.per_year."""
    with pytest.raises(InvalidValueError) as info:
        fees.Frequency("x", 10**19)
    assert ("Frequency.per_year", "at most 18 digits") == (info.value.field, info.value.rule)
    assert 10**18 - 1 == fees.Frequency("x", 10**18 - 1).per_year


@pytest.mark.parametrize(
    ("per_year", "rule"),
    [(10**5000, "at most 18 digits"), (-(10**5000), "1 or more")],
    ids=["huge", "huge-negative"],
)
def test_a_per_year_of_thousands_of_digits_is_refused_by_the_library(per_year, rule):
    """Review 8: building the message raised Python's ValueError (an int too long to print)."""
    with pytest.raises(InvalidValueError) as info:
        fees.Frequency("x", per_year)
    assert ("Frequency.per_year", rule) == (info.value.field, info.value.rule)


def test_fixed_fees_a_year_past_the_limit_name_the_frequency():
    """A rhythm whose fixed fees a year pass 18 digits is refused naming its per_year."""
    rhythms = (fees.Frequency("monthly", 12), fees.Frequency("absurd", 10**17))
    with pytest.raises(InvalidValueError) as info:
        fees.plan_withdrawals(usd("100"), fees.WIRE_USD, max_fee_share="1%", frequencies=rhythms)
    assert ("frequencies[1].per_year", "at most 18 integer digits") == (
        info.value.field,
        info.value.rule,
    )


def test_a_withdrawal_past_the_limit_names_the_earnings():
    """Twelve months of earnings in one withdrawal past 18 digits is refused naming the earnings."""
    with pytest.raises(InvalidValueError) as info:
        fees.plan_withdrawals(
            usd("900000000000000000.00"),
            fees.DIRECT_TO_LOCAL_BANK,
            max_fee_share="1%",
            frequencies=(fees.Frequency("yearly", 1),),
        )
    assert ("monthly_earnings", "at most 18 integer digits") == (
        info.value.field,
        info.value.rule,
    )


def test_part_cent_earnings_are_refused():
    """Regression (red team 12): USD 100.005 a month was planned silently; the balance is cents."""
    with pytest.raises(InvalidValueError) as called:
        fees.plan_withdrawals(usd("100.005"), fees.DIRECT_TO_LOCAL_BANK, max_fee_share="1%")
    assert ("monthly_earnings", "whole minor units") == (called.value.field, called.value.rule)
    plan = fees.plan_withdrawals(usd("400.00"), fees.DIRECT_TO_LOCAL_BANK, max_fee_share="0.2%")
    with pytest.raises(InvalidValueError) as built:
        attrs.evolve(plan, monthly_earnings=usd("400.001"))
    assert ("WithdrawalPlan.monthly_earnings", "whole minor units") == (
        built.value.field,
        built.value.rule,
    )
    data = serialize.to_dict(plan)
    data["monthly_earnings"] = {"amount": "400.001", "currency": "USD"}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(fees.WithdrawalPlan, data)
    (problem,) = loaded.value.problems
    assert ("$.monthly_earnings", "whole minor units") == (problem.path, problem.rule)


#: A what-if method whose fixed fee is 18 digits long: its share of a few cents has more.
HUGE_FEE = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, fixed_fee=usd("900000000000000000.00"))
METHODS = [fees.DIRECT_TO_LOCAL_BANK, fees.PAYONEER, fees.WIRE_USD, FREE, HUGE_FEE]


def test_a_fee_share_past_the_limit_names_the_fixed_fee():
    """Regression (red team): a fixed fee 10^18 times each withdrawal raised an error naming
    PlanOption.fee_share, a field the caller never passed."""
    with pytest.raises(InvalidValueError) as info:
        fees.plan_withdrawals(
            usd("0.01"), HUGE_FEE, max_fee_share="0.5", frequencies=[fees.Frequency("yearly", 1)]
        )
    assert ("method.fixed_fee", "at most 18 integer digits") == (info.value.field, info.value.rule)


@given(
    earnings=st.integers(1, 10**20 - 1).map(lambda cents: Money(Decimal(cents).scaleb(-2), "USD")),
    method=st.sampled_from(METHODS),
    share=st.integers(0, 9_999).map(lambda b: Decimal(b).scaleb(-4)),
    per_years=st.lists(st.integers(1, 400) | st.integers(1, 10**18 - 1), min_size=1, max_size=5),
)
def test_a_plan_is_built_or_refused_naming_an_argument(earnings, method, share, per_years):
    """Any earnings, method, share and rhythms give a plan that reads back equal, or an
    error naming the earnings, a rhythm or the method's fixed fee; no fixed fee is never
    said to take anything."""
    rhythms = [fees.Frequency(f"{n} a year", n) for n in per_years]
    try:
        plan = fees.plan_withdrawals(earnings, method, max_fee_share=share, frequencies=rhythms)
    except InvalidValueError as error:
        named = {"monthly_earnings", "method.fixed_fee"} | {
            f"frequencies[{i}].per_year" for i in range(len(rhythms))
        }
        assert error.field in named
        return
    assert plan == serialize.from_json(fees.WithdrawalPlan, serialize.to_json(plan))
    for option in plan.options:
        if not method.fixed_fee:
            assert Decimal(0) == option.fee_share
            assert "fixed fee" not in option.reason
        if option.acceptable:
            assert option.amount_each
