"""Round 38 code review, finding 1: ``fees.payout`` reads a what-if's security period."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    ExchangeRate,
    Milestone,
    Money,
    Payment,
    escrow,
    fees,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.rules import RuleHistory

UTC = timezone.utc
SLOW = attrs.evolve(rules.CURRENT, security_period=timedelta(days=12))


def _rate(day: date) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", "278", as_of=day)


def _approved() -> Contract:
    ct = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2024, 1, 1),
        milestones=[Milestone("m1", "Deliver 3 logo concepts as PNG and SVG", Money("500", "USD"))],
    )
    for event in (
        escrow.Fund("m1", datetime(2024, 1, 1, 9, tzinfo=UTC)),
        escrow.Submit("m1", datetime(2024, 1, 2, 9, tzinfo=UTC)),
        escrow.Approve("m1", datetime(2024, 1, 10, 9, tzinfo=UTC)),
    ):
        ct = escrow.apply(ct, event, rules=SLOW)
    return ct


def test_payout_and_the_ledger_give_one_answer_for_one_what_if():
    """Review r38, 1: payout kept Upwork's 5 days and quoted a withdrawal of pending money."""
    ct = _approved()
    with pytest.raises(InvalidValueError) as info:
        fees.payout(
            ct.payments[0],
            method="payoneer",
            reference_rate=_rate(date(2024, 1, 16)),
            contract=ct,
            platform_rules=SLOW,
        )
    assert (info.value.field, info.value.rule) == (
        "reference_rate",
        "dated on or after the day the payment is available",
    )
    paid = fees.payout(
        ct.payments[0],
        method="payoneer",
        reference_rate=_rate(date(2024, 1, 22)),
        contract=ct,
        platform_rules=SLOW,
    )
    assert paid.available_on == date(2024, 1, 22)
    assert paid.platform_rules is SLOW
    # The ledger under the same rules: pending the day before, available on the day.
    assert escrow.ledger(ct, datetime(2024, 1, 21, tzinfo=UTC), rules=SLOW).pending == Money(
        "500", "USD"
    )
    assert escrow.ledger(ct, datetime(2024, 1, 22, 9, tzinfo=UTC), rules=SLOW).pending == Money(
        "0", "USD"
    )


def test_without_a_what_if_the_period_is_upworks_of_the_day():
    paid = fees.payout(
        Payment(date(2025, 6, 3), Money("500", "USD")),
        method="payoneer",
        reference_rate=_rate(date(2025, 6, 8)),
    )
    assert (paid.available_on, paid.platform_rules) == (date(2025, 6, 8), None)


def test_a_history_gives_the_rules_in_force_on_the_payments_day():
    late = attrs.evolve(SLOW, effective=date(2025, 6, 1), name="12 days from June")
    history = RuleHistory("mine", (*rules.HISTORY.presets, late))
    before = fees.payout(
        Payment(date(2025, 5, 20), Money("500", "USD")),
        method="payoneer",
        reference_rate=_rate(date(2025, 5, 25)),
        platform_rules=history,
    )
    after = fees.payout(
        Payment(date(2025, 6, 3), Money("500", "USD")),
        method="payoneer",
        reference_rate=_rate(date(2025, 6, 15)),
        platform_rules=history,
    )
    assert (before.available_on, after.available_on) == (date(2025, 5, 25), date(2025, 6, 15))


def test_a_history_that_starts_after_the_payment_is_refused():
    only_late = RuleHistory("late", (attrs.evolve(SLOW, effective=date(2025, 6, 1)),))
    with pytest.raises(RulesError) as info:
        fees.payout(
            Payment(date(2025, 5, 20), Money("500", "USD")),
            method="payoneer",
            reference_rate=_rate(date(2025, 6, 15)),
            platform_rules=only_late,
        )
    assert info.value.field == "platform_rules"


def test_a_payouts_bound_follows_the_rules_it_was_computed_under():
    """The invariant lives in the constructor: available_on is held to its own rules' period."""
    paid = fees.payout(
        Payment(date(2024, 1, 10), Money("500", "USD")),
        method="payoneer",
        reference_rate=_rate(date(2024, 1, 22)),
        platform_rules=SLOW,
    )
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(paid, available_on=date(2024, 1, 15))
    assert (info.value.field, info.value.rule) == (
        "Payout.available_on",
        "on or after the payment's day plus the security period",
    )
    upworks = attrs.evolve(paid, platform_rules=None, available_on=date(2024, 1, 15))
    assert upworks.available_on == date(2024, 1, 15)
    with pytest.raises(InvalidTypeError) as wrong:
        attrs.evolve(paid, platform_rules="12 days")
    assert wrong.value.field == "Payout.platform_rules"
