"""Review r40 (fees): findings of the red team (hostile 4, 5) and the code review (3, 4, 8)."""

from __future__ import annotations

import copy
import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    ExchangeRate,
    Money,
    Payment,
    checks,
    fees,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.fees import _fee_explanation
from upwork_safety.rules import SLIDING_SCALE_2016, FeeTier

UTC = timezone.utc
PKT = timezone(timedelta(hours=5))
HALF_DAY = attrs.evolve(rules.CURRENT, security_period=timedelta(hours=12))
M = Money("100.00", "USD")


def _rate(day: date) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", "280", as_of=day)


# hostile 4: a moment given as on= with a Payment is used or refused, never dropped


def test_a_moment_for_a_payment_without_at_is_its_moment() -> None:
    on = datetime(2025, 6, 3, 13, tzinfo=UTC)
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            Payment(date(2025, 6, 3), M),
            on=on,
            method="payoneer",
            reference_rate=_rate(date(2025, 6, 3)),
            platform_rules=HALF_DAY,
        )
    assert caught.value.field == "reference_rate"
    assert caught.value.rule == "dated on or after the day the payment is available"
    got = fees.payout(
        Payment(date(2025, 6, 3), M),
        on=on.astimezone(PKT),
        method="payoneer",
        reference_rate=_rate(date(2025, 6, 4)),
        platform_rules=HALF_DAY,
    )
    bare = fees.payout(
        M, on=on, method="payoneer", reference_rate=_rate(date(2025, 6, 4)), platform_rules=HALF_DAY
    )
    assert got.paid_at == on == bare.paid_at
    assert got.available_on == bare.available_on == date(2025, 6, 4)
    assert got.fee == bare.fee


def test_a_moment_other_than_the_payments_at_is_refused() -> None:
    paid = Payment(date(2025, 6, 3), M, at=datetime(2025, 6, 3, 20, tzinfo=UTC))
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            paid,
            on=datetime(2025, 6, 3, 1, tzinfo=UTC),
            method="payoneer",
            reference_rate=_rate(date(2025, 6, 10)),
        )
    assert caught.value.field == "on"
    assert caught.value.rule == "the payment's moment"


def test_the_payments_own_moment_or_its_day_is_accepted() -> None:
    at = datetime(2025, 6, 3, 20, tzinfo=UTC)
    paid = Payment(date(2025, 6, 3), M, at=at)
    for on in (at, at.astimezone(PKT), date(2025, 6, 3), None):
        got = fees.payout(paid, on=on, method="payoneer", reference_rate=_rate(date(2025, 6, 10)))
        assert got.paid_at == at
        assert got.available_on == date(2025, 6, 8)


# review 8: a band in another currency is refused under its own rule, not the order's


def test_a_band_in_another_currency_is_refused_as_a_currency() -> None:
    with pytest.raises(RulesError) as caught:
        attrs.evolve(
            SLIDING_SCALE_2016,
            tiers=(
                FeeTier(Money("500.00", "EUR"), Decimal("0.20")),
                FeeTier(None, Decimal("0.05")),
            ),
        )
    assert caught.value.field == "ServiceFeeSchedule.tiers[0].up_to"
    assert caught.value.rule == "in USD"


def test_bands_out_of_order_keep_the_order_rule() -> None:
    with pytest.raises(RulesError) as caught:
        attrs.evolve(
            SLIDING_SCALE_2016,
            tiers=(
                FeeTier(Money("500.00", "USD"), Decimal("0.20")),
                FeeTier(Money("500.00", "USD"), Decimal("0.10")),
                FeeTier(None, Decimal("0.05")),
            ),
        )
    assert caught.value.field == "ServiceFeeSchedule.tiers[1].up_to"
    assert caught.value.rule == "increasing band ends"
    assert "USD 500.00" in str(caught.value)


# review 3: the one-pass charge is a public fees function, and checks calls it


def test_contract_payment_fees_charges_each_payment_in_its_place() -> None:
    paid = [Payment(date(2020, 1, 15), Money("400.00", "USD")) for _ in range(3)]
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 1), payments=paid)
    charge = fees.contract_payment_fees(contract)
    got = [charge(p) for p in contract.payments]
    assert [f.fee for f in got] == [Money(v, "USD") for v in ("80.00", "50.00", "40.00")]
    assert [f.net for f in got] == [Money(v, "USD") for v in ("320.00", "350.00", "360.00")]
    assert all(isinstance(f, fees.ServiceFee) for f in got)
    assert got == [fees.explain_service_fee(p, contract=contract) for p in contract.payments]
    more = Payment(date(2020, 2, 1), Money("100.00", "USD"))  # one more: after the $1,200 billed
    assert charge(more) == fees.explain_service_fee(more, contract=contract)
    assert charge(more).fee == Money("10.00", "USD")


def test_contract_payment_fees_refuses_a_non_contract_at_the_call() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        fees.contract_payment_fees(Money("1.00", "USD"))  # type: ignore[arg-type]
    assert caught.value.field == "contract"
    assert caught.value.rule == "a Contract"
    assert "contract_payment_fees" in fees.__all__


# review 4: a kept rate refused for want of billings is told apart as data, not by its text


def test_a_kept_rate_refused_for_billings_carries_needs() -> None:
    with pytest.raises(RulesError) as caught:
        fees.service_fee(Money("500.00", "USD"), on=date(2023, 6, 1), rate="5%")
    assert caught.value.needs == "billed_before"
    assert caught.value.field == "rate"
    with pytest.raises(RulesError) as other:
        fees.service_fee(Money("500.00", "USD"), on=date(2024, 1, 1), rate="5%")
    assert other.value.needs is None
    assert copy.copy(caught.value).needs == "billed_before"
    assert pickle.loads(pickle.dumps(caught.value)).needs == "billed_before"


def _kept(rate: str, paid_on: date) -> Contract:
    return Contract(
        "c",
        "cl",
        ContractKind.FIXED_PRICE,
        date(2022, 1, 1),
        payments=[Payment(paid_on, Money("100.00", "USD"))],
        service_fee_rate=Decimal(rate),
    )


def test_the_review_keys_on_needs_not_on_the_rules_text(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2023, 6, 2, tzinfo=UTC)
    codes = [f.code for f in checks.review_contract(_kept("0.05", date(2023, 6, 1)), now=now)]
    assert "FEE_RATE_NOT_CHARGED" not in codes  # billings the review cannot know
    # The rule's text is for people: rewording it does not flip the check.
    monkeypatch.setattr(_fee_explanation, "billings_rule", lambda floor: f"past {floor}")
    with pytest.raises(RulesError) as caught:
        fees.service_fee(_kept("0.05", date(2023, 6, 1)), on=date(2023, 6, 1))
    assert caught.value.rule == "past USD 10,000.00"
    codes = [f.code for f in checks.review_contract(_kept("0.05", date(2023, 6, 1)), now=now)]
    assert "FEE_RATE_NOT_CHARGED" not in codes
    # A rate Upwork never charges is still reported.
    wrong = checks.review_contract(_kept("0.07", date(2023, 6, 1)), now=now)
    assert "FEE_RATE_NOT_CHARGED" in [f.code for f in wrong]


# hostile 5: a rate whose rounding would read a cost as 0% is refused


@pytest.mark.parametrize("rate", ["0.0001", "0.001", "0.0036"])
def test_a_rate_that_rounds_the_cost_away_is_refused(rate: str) -> None:
    reference = ExchangeRate("USD", "PKR", rate, as_of=date(2025, 6, 1))
    with pytest.raises(InvalidValueError) as caught:
        fees.quote_withdrawal(Money("10.00", "USD"), method="payoneer", reference_rate=reference)
    assert caught.value.field == "reference_rate"
    assert caught.value.rule == "converts finely enough to show the withdrawal's cost"


def test_small_but_real_figures_are_quoted() -> None:
    pkr = ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 1))
    quote = fees.quote_withdrawal(Money("10.00", "USD"), method="payoneer", reference_rate=pkr)
    assert quote.cost_percent == Decimal("22.38")
    valuable = ExchangeRate("USD", "KWD", "0.3070", as_of=date(2025, 6, 1))
    wire = fees.quote_withdrawal(
        Money("150.00", "USD"), fees.WIRE_USD, reference_rate=valuable, spread="0", tax_rate="0"
    )
    assert wire.received == Money("30.700", "KWD")  # USD 150.00 less the USD 50.00 fee
    assert wire.cost_percent == Decimal("33.33")
