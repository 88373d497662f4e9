"""Round 38 diff review, findings 3 and 5: ``fees.payout``'s day-only moment and its field."""

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
    checks,
    escrow,
    fees,
    rules,
)
from upwork_safety.errors import InvalidValueError, RulesError
from upwork_safety.fees._available import available_from
from upwork_safety.models import PaymentKind
from upwork_safety.rules import RuleHistory

UTC = timezone.utc
ODD = attrs.evolve(rules.CURRENT, security_period=timedelta(days=5, hours=23))
SLOW = attrs.evolve(rules.CURRENT, security_period=timedelta(days=12))


def _rate(day: date) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", "278", as_of=day)


def _with_bonus() -> tuple[Contract, Payment]:
    bonus = Payment(on=date(2024, 1, 10), amount=Money("100", "USD"), kind=PaymentKind.BONUS)
    ct = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2024, 1, 1),
        milestones=[Milestone("m1", "Deliver 3 logo concepts as PNG and SVG", Money("500", "USD"))],
        payments=[bonus],
    )
    return ct, bonus


# --- diff review 3: a payment known only by its day ----------------------------------------


def test_a_bonus_without_its_moment_is_available_the_day_the_checks_say():
    """Before, payout refused 2024-01-15, the day review_contract makes the bonus available."""
    ct, bonus = _with_bonus()
    assert bonus.at is None
    pending = [
        f.due
        for f in checks.review_contract(ct, now=datetime(2024, 1, 15, 22, tzinfo=UTC), rules=ODD)
        if f.code.value == "FUNDS_PENDING"
    ]
    assert pending == [datetime(2024, 1, 15, 23, tzinfo=UTC)]
    later = checks.review_contract(ct, now=datetime(2024, 1, 15, 23, 30, tzinfo=UTC), rules=ODD)
    assert all(f.code.value != "FUNDS_PENDING" for f in later)
    p = fees.payout(
        bonus, method="payoneer", reference_rate=_rate(date(2024, 1, 15)), platform_rules=ODD
    )
    assert isinstance(p, fees.Payout)
    assert p.paid_at is None
    assert p.available_on == date(2024, 1, 15) == pending[0].date()
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            bonus, method="payoneer", reference_rate=_rate(date(2024, 1, 14)), platform_rules=ODD
        )
    assert caught.value.field == "reference_rate"


def test_the_ledger_and_payout_agree_for_a_day_only_payment():
    ct, bonus = _with_bonus()
    p = fees.payout(
        bonus, method="payoneer", reference_rate=_rate(date(2024, 1, 15)), platform_rules=ODD
    )
    before = escrow.ledger(ct, datetime(2024, 1, 15, 22, 59, tzinfo=UTC), rules=ODD)
    after = escrow.ledger(ct, datetime(2024, 1, 15, 23, tzinfo=UTC), rules=ODD)
    assert before.bonus_pending == Money("100.00", "USD")
    assert after.bonus_pending == Money("0.00", "USD")
    assert p.available_on == date(2024, 1, 15)


def test_a_day_only_payments_moment_is_paymentmoment():
    bonus = Payment(on=date(2024, 1, 10), amount=Money("100", "USD"), kind=PaymentKind.BONUS)
    assert bonus.moment == datetime(2024, 1, 10, tzinfo=UTC)
    assert available_from(date(2024, 1, 10), ODD) == (bonus.moment + ODD.security_period).date()


def test_whole_day_periods_give_the_same_days_as_before():
    for day in (date(2024, 1, 10), date(2024, 2, 29), date(2024, 12, 31)):
        bonus = Payment(on=day, amount=Money("100", "USD"), kind=PaymentKind.BONUS)
        for what_if, days in ((None, 5), (SLOW, 12)):
            due = day + timedelta(days=days)
            p = fees.payout(
                bonus, method="payoneer", reference_rate=_rate(due), platform_rules=what_if
            )
            assert p.available_on == due
            with pytest.raises(InvalidValueError):
                fees.payout(
                    bonus,
                    method="payoneer",
                    reference_rate=_rate(due - timedelta(days=1)),
                    platform_rules=what_if,
                )


# --- diff review 5: an hourly payout names Payout.platform_rules ---------------------------


def _payout() -> fees.Payout:
    return fees.payout(
        Money("500", "USD"),
        on=date(2024, 1, 10),
        method="payoneer",
        reference_rate=_rate(date(2024, 1, 22)),
        platform_rules=SLOW,
    )


LATE = RuleHistory("platform rules", [attrs.evolve(SLOW, effective=date(2024, 6, 1))])


@pytest.mark.parametrize("hourly_pay", [False, True])
def test_a_late_history_is_refused_naming_payout_platform_rules(hourly_pay: bool) -> None:
    p = _payout()
    with pytest.raises(RulesError) as caught:
        attrs.evolve(p, platform_rules=LATE, hourly_pay=hourly_pay)
    assert caught.value.field == "Payout.platform_rules"


@pytest.mark.parametrize("hourly_pay", [False, True])
def test_a_late_history_with_the_default_day_names_payout_platform_rules(hourly_pay: bool) -> None:
    p = _payout()
    with pytest.raises(RulesError) as caught:
        fees.Payout(
            fee=p.fee,
            withdrawal=p.withdrawal,
            platform_rules=LATE,
            hourly_pay=hourly_pay,
            withdrawn_on=p.withdrawn_on,
        )
    assert caught.value.field == "Payout.platform_rules"
