"""Regression tests for round 43's fee and hourly amounts that must be worth something.

Diff review findings 1 and 4: every amount of the fee engine and the hourly
payouts that must be more than zero is refused by the one rule
(``_amount_fields.MORE_THAN_ZERO``) for zero, a negative zero and a negative
amount alike; and the break-even search asks the one digit-limit test.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from upwork_safety import ExchangeRate, Money, fees
from upwork_safety._amount_fields import MORE_THAN_ZERO
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees import _compare
from upwork_safety.hourly import BillingWeek, PayoutItem, PayoutKind

if TYPE_CHECKING:
    from collections.abc import Callable

RATE = ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2), source="example")
DAY = date(2025, 1, 1)
UTC = timezone.utc


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


def _plan() -> fees.WithdrawalPlan:
    return fees.plan_withdrawals(_usd("400.00"), fees.DIRECT_TO_LOCAL_BANK, max_fee_share="0.2%")


def _bonus(amount: Money) -> PayoutItem:
    return PayoutItem(
        kind=PayoutKind.BONUS,
        amount=amount,
        charged_at=datetime(2024, 1, 7, tzinfo=UTC),
        review_ends=None,
        available_at=datetime(2024, 1, 12, tzinfo=UTC),
        protected_amount=_usd("0.00"),
    )


#: (the field the error names, a call building it with the amount).
SITES: list[tuple[str, Callable[[Money], object]]] = [
    ("Credit.amount", lambda v: fees.Credit(on=DAY, amount=v)),
    (
        "SkippedPayday.balance",
        lambda v: fees.SkippedPayday(on=DAY, balance=v, reason=next(iter(fees.SkipReason))),
    ),
    (
        "monthly_earnings",
        lambda v: fees.plan_withdrawals(v, fees.DIRECT_TO_LOCAL_BANK, max_fee_share="0.2%"),
    ),
    ("WithdrawalPlan.monthly_earnings", lambda v: attrs.evolve(_plan(), monthly_earnings=v)),
    ("amount", lambda v: fees.quote_withdrawal(v, fees.PAYONEER, reference_rate=RATE)),
    ("amount", lambda v: fees.compare_withdrawals(v, reference_rate=RATE)),
    (
        "WithdrawalComparison.amount",
        lambda v: attrs.evolve(
            fees.compare_withdrawals(_usd("1000.00"), reference_rate=RATE), amount=v
        ),
    ),
    ("PayoutItem.amount", _bonus),
]


@pytest.mark.parametrize("amount", ["0.00", "-0.01", "-0.00", "-5.00"])
@pytest.mark.parametrize(("field", "build"), SITES, ids=[f for f, _ in SITES])
def test_an_amount_that_must_be_worth_something_is_refused_by_one_rule(
    field: str, build: Callable[[Money], object], amount: str
) -> None:
    """Zero, a negative zero and a negative amount: one type, the field, rule MORE_THAN_ZERO."""
    with pytest.raises(InvalidValueError) as caught:
        build(_usd(amount))
    assert type(caught.value) is InvalidValueError
    assert (field, MORE_THAN_ZERO) == (caught.value.field, caught.value.rule)


@pytest.mark.parametrize(
    ("field", "build"),
    [site for site in SITES if "Plan." not in site[0] and "Comparison." not in site[0]],
)
def test_an_amount_worth_something_is_still_taken(
    field: str, build: Callable[[Money], object]
) -> None:
    """The rule refuses nothing more than it did: USD 5.00 is taken at each site."""
    assert field
    assert build(_usd("5.00")) is not None


def test_a_negative_zero_is_shown_as_given() -> None:
    """The shared check's message: ``-0.00`` is named a negative zero, not shown as ``0.00``."""
    with pytest.raises(InvalidValueError) as caught:
        fees.quote_withdrawal(_usd("-0.00"), fees.PAYONEER, reference_rate=RATE)
    assert "-0.00" in str(caught.value)


def test_hours_and_weekly_payments_keep_not_negative() -> None:
    """Only a bonus must be worth something; another item's amount may be zero, not below."""
    week = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidValueError) as caught:
        PayoutItem(
            kind=PayoutKind.WEEKLY_PAYMENT,
            amount=_usd("-0.01"),
            charged_at=datetime(2024, 1, 8, 12, tzinfo=UTC),
            review_ends=None,
            available_at=datetime(2024, 1, 13, 12, tzinfo=UTC),
            protected_amount=_usd("0.00"),
            week=week,
        )
    assert ("PayoutItem.amount", "not negative") == (caught.value.field, caught.value.rule)


def test_break_even_spread_asks_the_one_digit_limit_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 4: whether the rival's amount plus a cent still fits is ``_decimals``' test."""
    comparison = fees.compare_withdrawals(_usd("1000.00"), reference_rate=RATE)
    assert comparison.break_even_spread("direct_to_local_bank") == Decimal("0.02099")
    seen: list[Decimal] = []

    def never_fits(value: Decimal) -> bool:
        seen.append(value)
        return False

    monkeypatch.setattr(_compare, "within_limits", never_fits)
    assert comparison.break_even_spread("direct_to_local_bank") is None
    assert seen
