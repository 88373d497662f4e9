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
    hourly,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.rules import RuleHistory

UTC = timezone.utc
SLOW = attrs.evolve(rules.CURRENT, security_period=timedelta(days=12))


def _rate(day: date) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", "278", as_of=day)


def _approved() -> Contract:
    return _approved_under(SLOW)


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


# --- hostile2 4: an hourly week's pay is dated by its payout calendar, not the security period


def _hourly_week(what_if: rules.PlatformRules) -> tuple[Contract, date]:
    week = hourly.BillingWeek(datetime(2024, 5, 27, tzinfo=UTC))
    calendar = hourly.payout_calendar(week, rules=what_if)
    ct = Contract(
        "h1",
        Client("cl", payment_verified=True),
        ContractKind.HOURLY,
        started=date(2024, 5, 1),
        hourly_rate=Money("20", "USD"),
        payments=[Payment(calendar.invoiced_at.date(), Money("400", "USD"))],
    )
    return ct, calendar.available_at.date()


def test_hourly_pay_on_its_calendar_day_under_a_what_if_is_taken():
    """Before, SLOW's 12-day security period refused the calendar's 2024-06-12."""
    ct, day = _hourly_week(SLOW)
    assert day == date(2024, 6, 12)
    p = fees.payout(
        ct.payments[0],
        method="payoneer",
        contract=ct,
        platform_rules=SLOW,
        available_on=day,
        reference_rate=_rate(day),
    )
    assert p.available_on == day
    assert p.hourly_pay is True
    assert p.platform_rules is SLOW
    rebuilt = attrs.evolve(p)  # the constructor's bound agrees with payout's
    assert rebuilt == p


def test_hourly_pay_before_its_earliest_day_is_still_refused():
    ct, _ = _hourly_week(SLOW)
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            ct.payments[0],
            method="payoneer",
            contract=ct,
            platform_rules=SLOW,
            available_on=date(2024, 6, 7),
            reference_rate=_rate(date(2024, 6, 7)),
        )
    assert caught.value.field == "available_on"
    assert caught.value.rule == fees._available.HOURLY_PAY_RULE
    assert "2024-06-08" in str(caught.value)


def test_a_payout_of_hourly_pay_built_by_hand_is_bounded_by_the_calendar():
    ct, day = _hourly_week(SLOW)
    p = fees.payout(
        ct.payments[0],
        method="payoneer",
        contract=ct,
        platform_rules=SLOW,
        available_on=day,
        reference_rate=_rate(day),
    )
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(p, available_on=date(2024, 6, 7), withdrawn_on=day)
    assert caught.value.field == "Payout.available_on"
    assert caught.value.rule == fees._available.HOURLY_PAY_RULE
    with pytest.raises(InvalidValueError) as security:
        attrs.evolve(p, hourly_pay=False)  # as released money, the 12-day period binds
    assert security.value.field == "Payout.available_on"


# --- hostile2 5: a period that is not whole days counts from the payment's moment -----------

ODD = attrs.evolve(rules.CURRENT, security_period=timedelta(days=5, hours=23))


def _approved_under(what_if: rules.PlatformRules) -> Contract:
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
        ct = escrow.apply(ct, event, rules=what_if)
    return ct


def test_payouts_day_is_the_ledgers_for_a_period_of_hours():
    """Before, payout gave 2024-01-15, a day the ledger held all USD 500 pending."""
    ct = _approved_under(ODD)
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            ct.payments[0],
            method="payoneer",
            contract=ct,
            platform_rules=ODD,
            reference_rate=_rate(date(2024, 1, 15)),
        )
    assert caught.value.field == "reference_rate"
    p = fees.payout(
        ct.payments[0],
        method="payoneer",
        contract=ct,
        platform_rules=ODD,
        reference_rate=_rate(date(2024, 1, 16)),
    )
    assert p.available_on == date(2024, 1, 16)
    assert p.paid_at == datetime(2024, 1, 10, 9, tzinfo=UTC)
    end = datetime(2024, 1, 15, 23, 59, tzinfo=UTC)
    assert escrow.ledger(ct, end, rules=ODD).pending == Money("500.00", "USD")
    due = datetime(2024, 1, 16, 8, tzinfo=UTC)
    assert escrow.ledger(ct, due, rules=ODD).pending == Money("0.00", "USD")
    assert due.date() == p.available_on
    with pytest.raises(InvalidValueError) as built:
        attrs.evolve(p, available_on=date(2024, 1, 15), withdrawn_on=date(2024, 1, 16))
    assert built.value.field == "Payout.available_on"


def test_a_bare_amount_counts_from_the_start_of_its_day():
    """As ``Payment.moment`` reads a day-only payment (review r38, diff review 3)."""
    p = fees.payout(
        Money("500", "USD"),
        on=date(2024, 1, 10),
        method="payoneer",
        platform_rules=ODD,
        reference_rate=_rate(date(2024, 1, 16)),
    )
    assert p.paid_at is None
    assert p.available_on == date(2024, 1, 15)
    whole = fees.payout(
        Money("500", "USD"),
        on=date(2024, 1, 10),
        method="payoneer",
        reference_rate=_rate(date(2024, 1, 15)),
    )
    assert whole.available_on == date(2024, 1, 15)  # whole days: as before


def test_paid_at_must_be_on_the_payments_day():
    ct = _approved_under(ODD)
    p = fees.payout(
        ct.payments[0],
        method="payoneer",
        contract=ct,
        platform_rules=ODD,
        reference_rate=_rate(date(2024, 1, 16)),
    )
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(p, paid_at=datetime(2024, 1, 9, 9, tzinfo=UTC))
    assert caught.value.field == "Payout.paid_at"
    assert caught.value.rule == "a moment of the payment's UTC day"
