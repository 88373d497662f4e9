"""Red team r39, hostile 4: ``payout(amount, on=<aware datetime>)`` keeps the moment given.

The security period is counted from it, as from a ``Payment``'s ``at``:
under a what-if period that is not whole days, the same moment given either
way gives the same day (it had been cut to 00:00 UTC of its day).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import ExchangeRate, Money, Payment, fees, rules
from upwork_safety.errors import InvalidValueError

UTC = timezone.utc
PKT = timezone(timedelta(hours=5))
WHAT_IF = attrs.evolve(rules.as_of(date(2025, 5, 1)), security_period=timedelta(days=5, hours=23))
AT = datetime(2025, 5, 1, 23, 0, tzinfo=UTC)


def _rate(day: int) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", "280", as_of=date(2025, 5, day))


@pytest.mark.parametrize("on", [AT, AT.astimezone(PKT)])
def test_a_bare_amount_on_a_moment_is_counted_from_it(on: datetime) -> None:
    bare = fees.payout(
        Money("100", "USD"),
        on=on,
        method="payoneer",
        reference_rate=_rate(7),
        platform_rules=WHAT_IF,
    )
    same = fees.payout(
        Payment(date(2025, 5, 1), Money("100", "USD"), at=AT),
        method="payoneer",
        reference_rate=_rate(7),
        platform_rules=WHAT_IF,
    )
    assert bare.available_on == same.available_on == date(2025, 5, 7)
    assert bare.paid_at == AT
    assert bare.paid_at is not None
    assert bare.paid_at.utcoffset() == timedelta(0)
    assert bare.fee == same.fee


def test_a_rate_before_the_moments_period_ends_is_refused_as_for_a_payment() -> None:
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            Money("100", "USD"),
            on=AT,
            method="payoneer",
            reference_rate=_rate(6),
            platform_rules=WHAT_IF,
        )
    assert caught.value.field == "reference_rate"
    assert caught.value.rule == "dated on or after the day the payment is available"


def test_a_bare_amount_on_a_date_is_still_counted_from_midnight() -> None:
    bare = fees.payout(
        Money("100", "USD"),
        on=date(2025, 5, 1),
        method="payoneer",
        reference_rate=_rate(6),
        platform_rules=WHAT_IF,
    )
    assert bare.available_on == date(2025, 5, 6)
    assert bare.paid_at is None
