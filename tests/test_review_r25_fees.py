"""Regressions from review r25's fees pass (F1-F5).

A withdrawal quote by a method not available in Pakistan, the reason a
contract's payment is charged the default rate, the round trip of
``gross_for_net``, and a fee band that ends between cents.
"""

import contextlib
import io
import itertools
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Money, Payment, fees, serialize
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError, InvalidValueError, RulesError
from upwork_safety.money import ExchangeRate

#: The rates of 2025-06-07, the day a payment of 2025-06-02 is available.
RATE = ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 7))
OFFERED = ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 7))


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _quote(method: fees.WithdrawalMethod) -> fees.WithdrawalQuote:
    return fees.WithdrawalQuote(
        method=method,
        sent=usd("900.00"),
        reference_rate=RATE,
        applied_rate=OFFERED,
        rate_basis=fees.RateBasis.OFFERED,
        tax_rate=Decimal("0.01"),
    )


# F1: a quote by PayPal -------------------------------------------------------------------


def test_a_quote_by_a_method_not_available_in_pakistan_cannot_be_built():
    with pytest.raises(RulesError) as caught:
        _quote(fees.PAYPAL)
    assert ("WithdrawalQuote.method", "available in Pakistan") == (
        caught.value.field,
        caught.value.rule,
    )


def test_quote_withdrawal_and_the_constructor_give_the_same_rule():
    with pytest.raises(RulesError) as caught:
        fees.quote_withdrawal(usd("900.00"), fees.PAYPAL, reference_rate=RATE, offered_rate=OFFERED)
    assert ("method", "available in Pakistan") == (caught.value.field, caught.value.rule)


def test_a_saved_quote_edited_to_paypal_is_refused_on_load():
    data = serialize.to_dict(_quote(fees.PAYONEER))
    data["method"] = serialize.to_dict(fees.PAYPAL)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(fees.WithdrawalQuote, data)
    (problem,) = caught.value.problems
    assert "$.method" == problem.path
    assert "PayPal" in problem.message


def test_a_saved_payout_whose_withdrawal_is_by_paypal_is_refused_on_load():
    fee = fees.explain_service_fee(usd("1000.00"), on=date(2025, 6, 2))
    saved = fees.Payout(fee=fee, withdrawal=_quote(fees.PAYONEER))
    data = serialize.to_dict(saved)
    assert saved == serialize.from_dict(fees.Payout, data)  # unedited, it loads
    # (900.00 - 2.00) x 277.20 = 248,925.60, less 1% tax 2,489.26
    assert Money("246436.34", "PKR") == saved.withdrawal.received
    data["withdrawal"]["method"] = serialize.to_dict(fees.PAYPAL)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(fees.Payout, data)
    (problem,) = caught.value.problems
    assert "$.withdrawal.method" == problem.path


# F2: why a contract's payment is charged the default ---------------------------------------


def _kept_five_percent() -> Contract:
    """A contract that kept 5% into 2023 (past $10,000 with the client), paid again in 2025."""
    return Contract(
        "c3",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2023, 1, 1),
        service_fee_rate=Decimal("0.05"),
        payments=[
            Payment(date(2023, 4, 1), usd("10500.00")),
            Payment(date(2023, 6, 1), usd("1000.00")),
            Payment(date(2024, 2, 1), usd("1000.00")),
            Payment(date(2025, 6, 1), usd("1000.00")),
        ],
    )


def test_a_kept_rate_charged_the_default_says_the_contract_started_before_per_contract_rates():
    contract = _kept_five_percent()
    fee = fees.explain_service_fee(contract.payments[3], contract=contract)
    assert (usd("100.00"), fees.FeeBasis.DEFAULT, date(2023, 1, 1)) == (
        fee.fee,
        fee.basis,
        fee.contract_started,
    )
    assert "not given" not in fee.explanation
    assert "started on 2023-01-01, before per-contract rates" in fee.explanation


def test_one_more_payment_and_a_payout_on_that_contract_say_the_same():
    contract = _kept_five_percent()
    more = fees.explain_service_fee(usd("1000.00"), on=date(2025, 7, 1), contract=contract)
    paid = fees.payout(
        usd("1000.00"),
        on=date(2025, 7, 1),
        contract=contract,
        method="payoneer",
        reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 7, 6)),
    )
    assert (date(2023, 1, 1), date(2023, 1, 1)) == (
        more.contract_started,
        paid.fee.contract_started,
    )
    assert usd("100.00") == paid.fee.fee


def test_a_rate_given_as_the_default_on_an_older_contract_is_not_called_missing():
    contract = Contract(
        "c4",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        service_fee_rate=Decimal("0.10"),
        payments=[Payment(date(2025, 6, 1), usd("1000.00"))],
    )
    fee = fees.explain_service_fee(contract.payments[0], contract=contract)
    assert (fees.FeeBasis.DEFAULT, date(2024, 1, 1)) == (fee.basis, fee.contract_started)
    assert "not given" not in fee.explanation


def test_a_rate_not_given_is_still_said_so():
    fee = fees.explain_service_fee(usd("1000.00"), on=date(2025, 6, 1))
    assert fee.contract_started is None
    assert "own rate was not given" in fee.explanation


def test_the_reason_survives_a_round_trip():
    contract = _kept_five_percent()
    fee = fees.explain_service_fee(contract.payments[3], contract=contract)
    assert fee == serialize.from_json(fees.ServiceFee, serialize.to_json(fee))


@pytest.mark.parametrize(
    ("on", "started", "rate"),
    [
        (date(2025, 6, 1), date(2025, 5, 1), None),  # not before the per-contract schedule
        (date(2025, 6, 1), date(2023, 1, 1), Decimal("0.05")),  # the contract's own rate charged
        (date(2024, 6, 1), date(2023, 1, 1), None),  # a flat schedule: no per-contract rates
    ],
)
def test_a_start_that_does_not_explain_a_default_is_refused(on, started, rate):
    schedule = fees.SERVICE_FEE_HISTORY.in_force(on)
    with pytest.raises(InvalidValueError) as caught:
        fees.ServiceFee(
            amount=usd("100.00"),
            on=on,
            schedule=schedule,
            contract_rate=rate,
            contract_started=started,
        )
    assert (
        "ServiceFee.contract_started",
        "a contract started before the per-contract schedule",
    ) == (
        caught.value.field,
        caught.value.rule,
    )


# F3: gross_for_net hits every net ---------------------------------------------------------

# Every rate the rules take: 0 up to (not including) 1, to 18 places.
_RATES = st.integers(0, 10**18 - 1).map(lambda n: Decimal(n).scaleb(-18))
_CENTS = st.integers(0, 10**8)


def _flat(rate: Decimal) -> fees.ServiceFeeSchedule:
    return fees.ServiceFeeSchedule(effective=date(2030, 1, 1), name="what-if", rate=rate)


@st.composite
def _sliding(draw: st.DrawFn) -> fees.ServiceFeeSchedule:
    bounds = sorted(set(draw(st.lists(st.integers(1, 10**7), min_size=1, max_size=3))))
    rates = draw(st.lists(_RATES, min_size=len(bounds) + 1, max_size=len(bounds) + 1))
    tiers = [
        fees.FeeTier(Money(Decimal(b).scaleb(-2), "USD"), r)
        for b, r in zip(bounds, rates[:-1], strict=True)
    ]
    return fees.ServiceFeeSchedule(
        effective=date(2030, 1, 1),
        name="what-if",
        tiers=(*tiers, fees.FeeTier(None, rates[-1])),
    )


def _cents(count: int) -> Money:
    return Money(Decimal(count).scaleb(-2), "USD")


def _round_trip(net: Money, schedule: fees.ServiceFeeSchedule, before: Money | None) -> None:
    on = date(2030, 6, 1)
    try:
        gross = fees.gross_for_net(net, on=on, rules=schedule, billed_before=before)
    except InvalidValueError as error:  # only a net past the library's 18-digit limit
        assert ("net", "at most 18 integer digits") == (error.field, error.rule)
        assume(False)
    assert net == fees.net_earnings(gross, on=on, rules=schedule, billed_before=before)
    if gross.amount:  # the smallest such payment
        less = gross - _cents(1)
        assert fees.net_earnings(less, on=on, rules=schedule, billed_before=before) < net


@given(rate=_RATES, net=_CENTS)
def test_gross_for_net_gives_back_every_net_exactly_at_any_flat_rate(rate, net):
    _round_trip(_cents(net), _flat(rate), None)


@given(schedule=_sliding(), net=_CENTS, before=st.none() | st.integers(0, 10**8).map(_cents))
def test_gross_for_net_gives_back_every_net_exactly_under_any_sliding_scale(schedule, net, before):
    _round_trip(_cents(net), schedule, before)


@pytest.mark.parametrize("rate", ["0.15", "0.149999999999999999", "0.999999999999999999", "0"])
def test_every_net_in_a_run_of_cents_is_reached(rate):
    """One more cent of payment adds none or one cent of net: no net is skipped."""
    schedule = _flat(Decimal(rate))
    on = date(2030, 6, 1)
    nets = [fees.net_earnings(_cents(g), on=on, rules=schedule) for g in range(3001)]
    steps = {(b - a).amount for a, b in itertools.pairwise(nets)}
    assert steps <= {Decimal("0.00"), Decimal("0.01")}
    assert nets[-1] == _cents(len({n.amount for n in nets}) - 1)


# F5: a fee band ends on a cent ------------------------------------------------------------


@pytest.mark.parametrize("amount", ["500.005", "0.001", "10000.0000001"])
def test_a_fee_band_that_ends_between_cents_is_refused(amount):
    with pytest.raises(RulesError) as caught:
        fees.FeeTier(usd(amount), Decimal("0.20"))
    assert ("FeeTier.up_to", "whole minor units") == (caught.value.field, caught.value.rule)


def test_a_fee_band_on_a_cent_still_builds_and_reloads():
    tier = fees.FeeTier(usd("500.01"), Decimal("0.20"))
    assert (usd("500.01"), Decimal("0.20")) == (tier.up_to, tier.rate)
    assert tier == serialize.from_dict(fees.FeeTier, serialize.to_dict(tier))
    # Trailing zeros below the cent are still a whole cent.
    assert usd("500.00") == fees.FeeTier(usd("500.000"), Decimal("0.20")).up_to


def test_a_saved_band_edited_to_end_between_cents_is_refused_on_load():
    data = serialize.to_dict(fees.FeeTier(usd("500.00"), Decimal("0.20")))
    data["up_to"]["amount"] = "500.005"
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(fees.FeeTier, data)
    (problem,) = caught.value.problems
    assert "$.up_to" == problem.path


# F4: the command line's AMOUNT in --json ------------------------------------------------


def _json_of(*argv: str) -> dict[str, object]:
    out = io.StringIO()
    assert 0 == main([*argv, "--json"], out=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("typed", ["600", "600.0", "600.00"])
def test_fees_json_gives_the_amount_as_money_with_its_two_places(typed):
    data = _json_of("fees", typed, "--on", "2024-06-01")
    money = [data[key] for key in ("amount", "fee", "net")]
    assert [
        {"amount": "600.00", "currency": "USD"},
        {"amount": "60.00", "currency": "USD"},
        {"amount": "540.00", "currency": "USD"},
    ] == money


def test_withdraw_json_gives_the_amount_as_money_with_its_two_places():
    data = _json_of("withdraw", "900", "--rate", "280", "--on", "2026-01-01")
    assert {"amount": "900.00", "currency": "USD"} == data["amount"]


def test_fees_help_says_the_amount_must_be_more_than_zero():
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["fees", "--help"], out=out)
    assert "more than 0" in " ".join(out.getvalue().split())
