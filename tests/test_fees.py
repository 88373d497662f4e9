"""Tests for upwork_safety.fees: the service fee, its dated schedules, and the fee rules as data.

Withdrawals are in test_fees_withdrawals.py, automatic payment schedules in
test_fees_schedules.py.  The sweep of every public function with
wrong-typed arguments is at the end of this file.
"""

from __future__ import annotations

import decimal
import inspect
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _ids import label
from upwork_safety import ExchangeRate, fees, hourly, rules, serialize
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
    UpworkSafetyError,
)
from upwork_safety.models import Contract, ContractKind, Payment
from upwork_safety.money import Money
from upwork_safety.rules import RuleSource


def usd(amount: str) -> Money:
    return Money(amount, "USD")


D2023 = date(2024, 1, 10)
D2020 = date(2020, 3, 1)
D2025 = date(2025, 6, 1)
CENT = Decimal("0.01")


#: A contract's own rate is shown on its offer from 2025-05-01 (fidelity r18 L8).
OFFER_DAY = date(2025, 5, 1)


def contract(
    *payments: Payment, rate: str | None = None, started: date = date(2015, 1, 1)
) -> Contract:
    return Contract(
        id="c1",
        client="client-1",
        kind=ContractKind.FIXED_PRICE,
        started=started,
        payments=payments,
        service_fee_rate=rate,
    )


# --------------------------------------------------------------------------
# Upwork's worked examples (DOMAIN.md section 4)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "on", "fee", "net"),
    [
        ("266.64", D2023, "26.66", "239.98"),
        ("333.36", D2023, "33.34", "300.02"),
        ("600.00", D2020, "110.00", "490.00"),
        ("500.00", D2023, "50.00", "450.00"),
        ("100.00", D2025, "10.00", "90.00"),
    ],
)
def test_upwork_worked_examples(gross, on, fee, net):
    """Upwork's published examples (HC 211062538) and the 2025 default come out to the cent."""
    assert usd(fee) == fees.service_fee(usd(gross), on=on)
    assert usd(net) == fees.net_earnings(usd(gross), on=on)


def test_rounding_is_half_up_per_transaction():
    """A fee of exactly half a cent rounds up: 10% of $0.05 is $0.01."""
    assert usd("0.01") == fees.service_fee(usd("0.05"), on=D2023)
    assert usd("0.00") == fees.service_fee(usd("0.04"), on=D2023)


def test_schedule_boundaries_exact_days():
    """Each schedule starts on its published day and the previous one ends the day before."""
    assert fees.FLAT_10_2016 is fees.schedule_as_of(date(2016, 6, 20))
    assert fees.SLIDING_SCALE_2016 is fees.schedule_as_of(date(2016, 6, 21))
    assert fees.SLIDING_SCALE_2016 is fees.schedule_as_of(date(2023, 5, 2))
    assert fees.FLAT_10_2023 is fees.schedule_as_of(date(2023, 5, 3))
    assert fees.FLAT_10_2023 is fees.schedule_as_of(date(2025, 4, 30))
    assert fees.PER_CONTRACT_2025 is fees.schedule_as_of(date(2025, 5, 1))
    assert fees.FLAT_10_2016 is fees.schedule_as_of(date(2001, 1, 1))


def test_schedule_as_of_accepts_aware_datetimes_by_utc_date():
    """An aware datetime picks the schedule of its UTC date."""
    late = datetime(2023, 5, 3, 1, 0, tzinfo=timezone(timedelta(hours=5)))
    assert fees.SLIDING_SCALE_2016 is fees.schedule_as_of(late)
    assert fees.FLAT_10_2023 is fees.schedule_as_of(datetime(2023, 5, 3, tzinfo=timezone.utc))


def test_schedule_as_of_refuses_naive_datetimes():
    """A naive datetime is refused naming the argument."""
    with pytest.raises(InvalidValueError) as info:
        fees.schedule_as_of(datetime(2023, 5, 3))
    assert "on" == info.value.field


def test_pre_2016_flat_ten_percent():
    """Before 2016-06-21 every payment pays a flat 10%, whatever was billed before."""
    assert usd("60.00") == fees.service_fee(
        usd("600.00"), on=date(2016, 6, 20), billed_before=usd("20000")
    )


def test_sliding_scale_crosses_bands_marginally():
    """The sliding scale charges each band of lifetime billings at its own rate."""
    # $400 already billed: $100 at 20% + $500 at 10% = $70.
    assert usd("70.00") == fees.service_fee(usd("600.00"), on=D2020, billed_before=usd("400"))
    # From $9,900 to $10,500: $100 at 10% + $500 at 5% = $35.
    assert usd("35.00") == fees.service_fee(usd("600.00"), on=D2020, billed_before=usd("9900"))
    # All three bands at once: 100 + 950 + 25 = 1,075.
    assert usd("1075.00") == fees.service_fee(usd("10500.00"), on=D2020)
    # Deep in the top band: 5%.
    assert usd("30.00") == fees.service_fee(usd("600.00"), on=D2020, billed_before=usd("50000"))


def test_a_sliding_scale_in_another_currency_rounds_to_its_own_minor_unit():
    """Mutation r21 M2: a sliding fee rounded to 2 places passed every test (all in USD).

    The 2016 scale moved to Kuwaiti dinars (3 places, the fils), the tiers' ends with it:
    20% of KWD 100.005 is exactly KWD 20.001, kept to the fils, not rounded to 20.00.
    """
    kwd = attrs.evolve(
        fees.SLIDING_SCALE_2016,
        currency="KWD",
        tiers=tuple(
            attrs.evolve(t, up_to=None if t.up_to is None else Money(t.up_to.amount, "KWD"))
            for t in fees.SLIDING_SCALE_2016.tiers
        ),
    )
    explained = fees.explain_service_fee(Money("100.005", "KWD"), on=D2020, rules=kwd)
    assert Money("20.001", "KWD") == explained.fee
    assert -3 == explained.fee.amount.as_tuple().exponent
    assert Money("80.004", "KWD") == explained.net


def test_sliding_scale_refuses_a_rate():
    """The 2016–2023 scale has no per-contract rate, so passing one is an error naming rate."""
    with pytest.raises(RulesError) as info:
        fees.service_fee(usd("100"), on=D2020, rate=Decimal("0.10"))
    assert ("rate", "no per-contract rate under the sliding scale") == (
        info.value.field,
        info.value.rule,
    )


def test_legacy_five_percent_honoured_until_end_of_2023():
    """A contract kept at 5% pays 5% through 2023-12-31 and is refused from 2024-01-01."""
    past = usd("12000.00")  # billed past the scale's $10,000: the contract was at 5%
    assert usd("25.00") == fees.service_fee(
        usd("500"), on=date(2023, 12, 31), rate="0.05", billed_before=past
    )
    with pytest.raises(RulesError) as info:
        fees.service_fee(usd("500"), on=date(2024, 1, 1), rate="0.05", billed_before=past)
    assert "legacy rate until 2023-12-31" == info.value.rule


def test_a_contract_that_kept_five_percent_pays_the_flat_rate_from_2024():
    """Red team r14 F2: a kept-5% contract that went on into 2024 could not be charged at all
    (RulesError), and without its rate its 2023 payment was charged 10%.

    DOMAIN.md section 4: 5% kept until 2023-12-31, then the flat 10%. Bands on 2022's 12,000
    (1,150), 5% of 2023's 1,000 (50), 10% of 2024's 1,000 (100): 1,300.
    """
    kept = contract(
        Payment(date(2022, 6, 1), usd("12000.00")),
        Payment(date(2023, 6, 1), usd("1000.00")),
        Payment(date(2024, 1, 15), usd("1000.00")),
        rate="0.05",
    )
    assert usd("1300.00") == fees.service_fee(kept, on=date(2024, 2, 1))
    assert usd("1200.00") == fees.service_fee(kept, on=date(2024, 1, 14))  # before the 2024 one
    later = fees.explain_service_fee(usd("200.00"), on=date(2024, 3, 1), contract=kept)
    assert (fees.FeeBasis.FLAT, usd("20.00")) == (later.basis, later.fee)
    # From 2025-05-01 a contract's own rate is the one its offer showed (fidelity r18 L8):
    # a contract that kept 5% until 2023 showed none, so it pays the default 10%, and the
    # whole contract can still be charged into 2025.
    own = fees.explain_service_fee(usd("200.00"), on=date(2025, 6, 2), contract=kept)
    assert (fees.FeeBasis.DEFAULT, usd("20.00")) == (own.basis, own.fee)
    into_2025 = attrs.evolve(
        kept, payments=(*kept.payments, Payment(date(2025, 6, 2), usd("200.00")))
    )
    assert usd("1320.00") == fees.service_fee(into_2025, on=date(2025, 6, 30))
    # A contract with no payment while 5% was honoured never kept it: said, not charged.
    late = contract(Payment(date(2024, 1, 15), usd("1000.00")), rate="0.05")
    for charge in (
        lambda: fees.service_fee(late, on=date(2024, 2, 1)),
        lambda: fees.explain_service_fee(usd("200.00"), on=date(2024, 3, 1), contract=late),
    ):
        with pytest.raises(RulesError) as info:
            charge()
        assert ("Contract.service_fee_rate", "legacy rate until 2023-12-31") == (
            info.value.field,
            info.value.rule,
        )


def test_contract_that_kept_five_percent_spans_the_sliding_scale():
    """DOMAIN.md section 4: a contract at 5% when the sliding scale ended kept 5% in 2023.

    Its 2022 payment is charged by the bands (20% of 500, 10% of 9,500, 5%
    of 2,000 = 1,150) and its 2023 payment at the kept 5% (50): 1,200.
    """
    kept = contract(
        Payment(date(2022, 6, 1), usd("12000.00")),
        Payment(date(2023, 6, 1), usd("1000.00")),
        rate="0.05",
    )
    assert usd("1200.00") == fees.service_fee(kept, on=date(2023, 7, 1))
    assert usd("11800.00") == fees.net_earnings(kept, on=date(2023, 7, 1))
    # Any other contract rate is still refused under the sliding scale.
    other = contract(Payment(date(2022, 6, 1), usd("12000.00")), rate="0.15")
    with pytest.raises(RulesError) as info:
        fees.service_fee(other, on=date(2023, 7, 1))
    assert ("Contract.service_fee_rate", "no per-contract rate under the sliding scale") == (
        info.value.field,
        info.value.rule,
    )
    # A single payment with rate= is still refused: it would be silently unused.
    with pytest.raises(RulesError):
        fees.service_fee(usd("100"), on=D2020, rate="0.05")
    # Review: a contract whose billings never passed $10,000 under the scale was never
    # "at 5%", and says so; billed_before counts the client's earlier contracts.
    small = contract(
        Payment(date(2022, 6, 1), usd("100.00")),
        Payment(date(2023, 6, 1), usd("1000.00")),
        rate="0.05",
    )
    with pytest.raises(RulesError) as info:
        fees.service_fee(small, on=date(2023, 7, 1))
    assert ("Contract.service_fee_rate", "billings over USD 10,000.00 under the sliding scale") == (
        info.value.field,
        info.value.rule,
    )
    assert usd("55.00") == fees.service_fee(small, on=date(2023, 7, 1), billed_before=usd("20000"))
    # Second review: on a day under the scale the kept rate is not charged yet, so a
    # contract that passes $10,000 only later is charged by the bands, not refused.
    later = contract(
        Payment(date(2022, 1, 10), usd("600.00")),
        Payment(date(2023, 3, 1), usd("12000.00")),
        Payment(date(2023, 6, 1), usd("1000.00")),
        rate="0.05",
    )
    assert usd("110.00") == fees.service_fee(later, on=date(2022, 2, 1))
    assert usd("1230.00") == fees.service_fee(later, on=date(2023, 7, 1))


def test_flat_schedule_accepts_its_own_rate_and_refuses_others():
    """Under a flat schedule the caller may restate its rate; any other rate is refused."""
    assert usd("50.00") == fees.service_fee(usd("500"), on=D2023, rate=Decimal("0.10"))
    for on in (D2023, date(2015, 1, 1)):
        with pytest.raises(RulesError) as info:
            fees.service_fee(usd("500"), on=on, rate="0.12")
        assert ("rate", "the flat 10%") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------
# From 2025-05-01: the published 10% unless the contract's own rate is given
# --------------------------------------------------------------------------


def test_from_2025_the_default_is_the_published_ten_percent():
    """Without a rate, $100 on 2025-05-01 pays $10, and the result says it is the default."""
    fee = fees.explain_service_fee(usd("100.00"), on=date(2025, 5, 1))
    assert (usd("10.00"), usd("90.00")) == (fee.fee, fee.net)
    assert (fees.FeeBasis.DEFAULT, Decimal("0.10")) == (fee.basis, fee.rate)
    assert "HC 211062538" in fee.explanation
    assert fees.PER_CONTRACT_2025 is fee.schedule


@pytest.mark.parametrize(
    ("rate", "fee"),
    [
        ("0", "0.00"),
        ("0.15", "15.00"),
        ("15%", "15.00"),
        ("0.075", "7.50"),
        (Decimal("0.1"), "10.00"),
    ],
)
def test_from_2025_the_contract_rate_is_charged(rate, fee):
    """A contract's own rate is charged, anywhere from 0% to 15% ($100 at 15% → $15)."""
    result = fees.explain_service_fee(usd("100.00"), on=D2025, rate=rate)
    assert (usd(fee), fees.FeeBasis.CONTRACT) == (result.fee, result.basis)
    assert "unconfirmed" in result.explanation


def test_from_2025_a_rate_outside_the_range_is_refused():
    """A rate above 15% in the per-contract era is refused, naming the range."""
    with pytest.raises(RulesError) as info:
        fees.service_fee(usd("1000"), on=D2025, rate="0.16")
    assert ("rate", "within 0%–15%") == (info.value.field, info.value.rule)


def test_a_contract_may_hold_any_rate_but_the_engine_checks_it_against_the_schedule():
    """The model holds 20% (no cap); the fee engine refuses it on a date whose range stops at 15%."""
    job = contract(Payment(D2025, usd("100.00")), rate="0.20")
    assert Decimal("0.20") == job.service_fee_rate
    with pytest.raises(RulesError) as info:
        fees.service_fee(job, on=D2025)
    assert "Contract.service_fee_rate" == info.value.field
    assert usd("20.00") == fees.service_fee(job, on=D2025, rules=fees.ENTERPRISE)


def test_rates_are_read_the_same_way_everywhere():
    """A rate is a Decimal, canonical text or a percentage: 0.12, "0.12" and "12%" agree."""
    amounts = {
        fees.service_fee(usd("250.00"), on=D2025, rate=rate)
        for rate in (Decimal("0.12"), "0.12", "12%")
    }
    assert {usd("30.00")} == amounts
    with pytest.raises(InvalidTypeError) as info:
        fees.service_fee(usd("1000"), on=D2025, rate=0.1)  # type: ignore[arg-type]
    assert "rate" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        fees.service_fee(usd("1000"), on=D2025, rate="12")
    assert "rate" == info.value.field


def test_a_per_contract_schedule_without_a_default_needs_the_rate():
    """A what-if schedule with no default rate asks for the contract's own."""
    strict = attrs.evolve(fees.PER_CONTRACT_2025, rate=None)
    with pytest.raises(RulesError) as info:
        fees.service_fee(usd("100"), on=D2025, rules=strict)
    assert ("rate", "the contract's own rate") == (info.value.field, info.value.rule)


def test_explanation_names_the_rate_and_its_source_for_every_basis():
    """Each basis says which rate was used and where it is published."""
    cases = {
        fees.FeeBasis.FLAT: fees.explain_service_fee(usd("500"), on=D2023),
        fees.FeeBasis.LEGACY: fees.explain_service_fee(
            usd("500"), on=date(2023, 7, 1), rate="5%", billed_before=usd("12000.00")
        ),
        fees.FeeBasis.SLIDING: fees.explain_service_fee(usd("600"), on=D2020),
        fees.FeeBasis.DEFAULT: fees.explain_service_fee(usd("500"), on=D2025),
        fees.FeeBasis.CONTRACT: fees.explain_service_fee(usd("500"), on=D2025, rate="12%"),
    }
    assert all(basis == fee.basis for basis, fee in cases.items())
    assert [usd("50.00"), usd("25.00"), usd("110.00"), usd("50.00"), usd("60.00")] == [
        fee.fee for fee in cases.values()
    ]
    assert cases[fees.FeeBasis.SLIDING].rate is None
    assert all(fee.explanation for fee in cases.values())
    assert "2023-12-31" in cases[fees.FeeBasis.LEGACY].explanation


def test_service_fee_report_renders_records_and_a_short_repr():
    """A ServiceFee lists its steps, formats them for a locale, and prints in one short line."""
    fee = fees.explain_service_fee(usd("100.00"), on=D2025)
    records = fee.to_records()
    assert ["Client paid", "Upwork service fee", "Net earnings"] == [r["step"] for r in records]
    assert [Decimal("100.00"), Decimal("-10.00"), Decimal("90.00")] == [
        r["amount"] for r in records
    ]
    assert "-US$10.00" == fee.to_records(locale="en_PK")[1]["amount"]
    assert "<ServiceFee USD 10.00 on USD 100.00: default 10%, 2025-06-01>" == repr(fee)
    assert "<caption>Service fee on USD 100.00 paid on 2025-06-01</caption>" in fee._repr_html_()
    assert fee == serialize.from_dict(fees.ServiceFee, serialize.to_dict(fee))


def test_a_service_fee_cannot_be_built_with_a_rate_its_schedule_refuses():
    """ServiceFee checks its rate against its schedule at construction."""
    with pytest.raises(RulesError) as info:
        fees.ServiceFee(
            amount=usd("1"), on=D2020, schedule=fees.FLAT_10_2023, contract_rate=Decimal("0.2")
        )
    assert "ServiceFee.contract_rate" == info.value.field


# --------------------------------------------------------------------------
# Enterprise clients and the Database Administration start of the sliding scale
# --------------------------------------------------------------------------


def test_enterprise_contracts_default_to_ten_percent_and_take_their_own_rate():
    """Enterprise: in general a flat 10%; the contract's own rate, with no published cap."""
    assert usd("60.00") == fees.service_fee(usd("600.00"), on=D2020, rules=fees.ENTERPRISE)
    assert usd("120.00") == fees.service_fee(
        usd("600.00"), on=D2020, rate="20%", rules=fees.ENTERPRISE
    )
    assert fees.ENTERPRISE.maximum_rate is None
    assert fees.ENTERPRISE.source.source == "HC 226684828"
    assert fees.ENTERPRISE.range_source is not None
    assert fees.ENTERPRISE.range_source.unconfirmed


def test_database_administration_moved_to_the_sliding_scale_on_2016_06_07():
    """$600 with a new client on 2016-06-10: $110 for Database Administration, $60 elsewhere."""
    on = date(2016, 6, 10)
    dba = fees.DATABASE_ADMINISTRATION_HISTORY
    assert usd("110.00") == fees.service_fee(usd("600.00"), on=on, rules=dba)
    assert usd("60.00") == fees.service_fee(usd("600.00"), on=on)
    assert usd("60.00") == fees.service_fee(usd("600.00"), on=date(2016, 6, 6), rules=dba)
    assert fees.DATABASE_ADMINISTRATION_2016 is dba.in_force(date(2016, 6, 7))
    assert fees.PER_CONTRACT_2025 is dba.in_force(D2025)


def test_rules_take_a_schedule_a_history_or_nothing():
    """rules= is a schedule, a RuleHistory of them, or None; anything else is refused."""
    cheaper = attrs.evolve(fees.FLAT_10_2023, rate=Decimal("0.08"))
    assert usd("40.00") == fees.service_fee(usd("500"), on=D2020, rules=cheaper)
    history = rules.RuleHistory("what-if", (cheaper,))
    assert usd("40.00") == fees.service_fee(usd("500"), on=D2025, rules=history)
    with pytest.raises(RulesError) as before:
        fees.service_fee(usd("500"), on=D2020, rules=history)
    # The history given does not cover the day: it names rules=, as every family's does (r26).
    assert ("rules", "on or after 2023-05-03") == (before.value.field, before.value.rule)
    with pytest.raises(InvalidTypeError) as info:
        fees.service_fee(usd("500"), on=D2020, rules="flat")  # type: ignore[arg-type]
    assert "rules" == info.value.field
    with pytest.raises(InvalidTypeError) as other:
        fees.service_fee(usd("500"), on=D2020, rules=rules.HISTORY)  # type: ignore[arg-type]
    assert "rules" == other.value.field


# --------------------------------------------------------------------------
# A contract's payments
# --------------------------------------------------------------------------


def test_contract_rate_is_used():
    """A Contract's own service_fee_rate is used for its payments."""
    job = contract(Payment(D2025, usd("1000.00")), rate="0.12", started=OFFER_DAY)
    assert usd("120.00") == fees.service_fee(job, on=D2025)
    assert usd("880.00") == fees.net_earnings(job, on=D2025)


def test_contract_counts_payments_up_to_on_each_by_its_own_schedule():
    """A Contract stands for its payments up to `on`, each charged on its own date."""
    job = contract(
        Payment(date(2023, 5, 2), usd("600.00")),
        Payment(date(2023, 5, 3), usd("100.00")),  # flat 10%: 10
        Payment(date(2020, 1, 1), usd("400.00")),  # sliding, first: 80
        Payment(date(2023, 6, 1), usd("999.00")),  # after `on`: not counted
    )
    # By date: 400 at 20% = 80; then 600 with 400 billed = 100 × 0.2 + 500 × 0.1 = 70; then 10.
    assert usd("160.00") == fees.service_fee(job, on=date(2023, 5, 3))
    assert usd("940.00") == fees.net_earnings(job, on=date(2023, 5, 3))


def test_contract_billed_before_counts_earlier_contracts_with_the_client():
    """billed_before with a Contract is what was billed with the client before it."""
    job = contract(Payment(D2020, usd("100.00")), Payment(D2020, usd("100.00")))
    assert usd("10.00") == fees.service_fee(job, on=D2020, billed_before=usd("10000"))
    assert usd("40.00") == fees.service_fee(job, on=D2020)


def test_contract_without_payments_owes_nothing():
    """A contract with no payments by `on` has a zero fee and zero net."""
    assert usd("0") == fees.service_fee(contract(), on=D2025)
    assert usd("0") == fees.net_earnings(contract(), on=D2025)


def test_explicit_rate_must_agree_with_contract():
    """An explicit rate that disagrees with the contract's own is refused, not picked."""
    job = contract(Payment(D2025, usd("100")), rate="0.10")
    with pytest.raises(InvalidValueError) as info:
        fees.service_fee(job, on=D2025, rate="0.12")
    assert "rate" == info.value.field
    assert usd("10.00") == fees.service_fee(job, on=D2025, rate="0.10")


def test_explicit_rate_fills_in_for_a_contract_without_one():
    """A contract with no rate of its own takes the explicit one, or else the default."""
    job = contract(Payment(D2025, usd("100")), started=OFFER_DAY)
    assert usd("5.00") == fees.service_fee(job, on=D2025, rate="0.05")
    assert usd("10.00") == fees.service_fee(job, on=D2025)


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("100", InvalidTypeError),
        (Money("100", "PKR"), CurrencyMismatchError),
        (usd("-1"), InvalidValueError),
    ],
)
def test_bad_amounts_are_refused(amount, error):
    """Non-Money, non-USD and negative amounts are refused naming the argument."""
    with pytest.raises(error) as info:
        fees.service_fee(amount, on=D2023)
    assert "amount" == info.value.field


def test_bad_billed_before_is_refused():
    """billed_before must be non-negative USD."""
    with pytest.raises(InvalidValueError) as info:
        fees.service_fee(usd("1"), on=D2020, billed_before=usd("-5"))
    assert "billed_before" == info.value.field


def test_on_takes_a_date_or_an_aware_datetime():
    """`on` takes a date or an aware datetime (its UTC day), like jss; naive and other types fail."""
    late_utc = datetime(2023, 5, 2, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert fees.service_fee(usd("600"), on=date(2023, 5, 3)) == fees.service_fee(
        usd("600"), on=late_utc
    )
    with pytest.raises(InvalidValueError) as naive:
        fees.service_fee(usd("1"), on=datetime(2024, 1, 1))
    assert "on" == naive.value.field
    with pytest.raises(InvalidTypeError) as text:
        fees.service_fee(usd("1"), on="2024-01-01")  # type: ignore[arg-type]
    assert "on" == text.value.field


def test_contract_argument_must_be_a_contract():
    """gross_for_net(contract=...) refuses anything but a Contract."""
    with pytest.raises(InvalidTypeError) as info:
        fees.gross_for_net(usd("1"), on=D2025, contract="c1")  # type: ignore[arg-type]
    assert "contract" == info.value.field


# --------------------------------------------------------------------------
# Exact in any decimal context
# --------------------------------------------------------------------------


def test_a_2020_fee_is_exact_with_six_digits_of_precision():
    """With the caller's precision at 6, the 2020 fee on $123,456.78 is still $6,722.84."""
    with decimal.localcontext(decimal.Context(prec=6)):
        assert usd("6722.84") == fees.service_fee(usd("123456.78"), on=D2020)
        assert usd("116733.94") == fees.net_earnings(usd("123456.78"), on=D2020)
        assert usd("123456.78") == fees.gross_for_net(usd("116733.94"), on=D2020)


def test_a_hostile_context_changes_nothing_and_leaks_no_decimal_error():
    """Every trap set, precision 3, rounding down: the same answers and no raw decimal errors."""
    hostile = decimal.Context(
        prec=3, rounding=decimal.ROUND_DOWN, traps=list(decimal.Context().flags)
    )
    reference = ExchangeRate("USD", "PKR", "280.13", as_of=D2025)
    calls = {
        "fee": lambda: fees.service_fee(usd("333.36"), on=D2023),
        "gross": lambda: fees.gross_for_net(usd("300.02"), on=D2023),
        "quote": lambda: (
            fees.quote_withdrawal(usd("987.65"), "payoneer", reference_rate=reference).received
        ),
        "compare": lambda: fees.compare_withdrawals(
            usd("987.65"), reference_rate=reference
        ).to_records(),
        "spread": lambda: fees.compare_withdrawals(
            usd("987.65"), reference_rate=reference
        ).break_even_spread("direct_to_local_bank"),
        "target": lambda: fees.withdrawal_for_target(
            Money("100000", "PKR"), "payoneer", reference_rate=reference
        ),
    }
    expected = {name: call() for name, call in calls.items()}
    with decimal.localcontext(hostile):
        assert expected == {name: call() for name, call in calls.items()}


@settings(max_examples=200)
@given(
    amount=st.decimals(min_value=0, max_value=10**12, places=2),
    on=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    billed=st.decimals(min_value=0, max_value=10**8, places=2),
)
def test_fees_do_not_depend_on_the_callers_precision(amount, on, billed):
    """Any fee computed at precision 2 equals the fee computed normally."""
    expected = fees.service_fee(usd(str(amount)), on=on, billed_before=usd(str(billed)))
    with decimal.localcontext(decimal.Context(prec=2)):
        assert expected == fees.service_fee(usd(str(amount)), on=on, billed_before=usd(str(billed)))


# --------------------------------------------------------------------------
# gross_for_net
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("net", "on", "gross"),
    [
        ("239.98", D2023, "266.64"),
        ("300.02", D2023, "333.36"),
        ("490.00", D2020, "600.00"),
        ("450.00", D2023, "500.00"),
        ("90.00", D2025, "100.00"),
        ("0", D2023, "0.00"),
    ],
)
def test_gross_for_net_inverts_the_worked_examples(net, on, gross):
    """gross_for_net gives back Upwork's gross for each example's net."""
    assert usd(gross) == fees.gross_for_net(usd(net), on=on)


def test_gross_for_net_uses_contract_rate():
    """gross_for_net takes the rate from a contract."""
    job = contract(rate="0.15", started=OFFER_DAY)
    assert usd("100.00") == fees.gross_for_net(usd("85.00"), on=D2025, contract=job)


# r20 M3: service_fee and net_earnings take contract= as their siblings do.
_RATED = [
    contract(Payment(date(2025, 6, 2), usd("300.00")), rate=rate, started=OFFER_DAY)
    for rate in (None, "0", "0.03", "0.05", "0.125", "0.15")
]


@settings(max_examples=60, deadline=None)
@given(
    job=st.sampled_from(_RATED),
    cents=st.integers(min_value=0, max_value=10**9),
    day=st.dates(min_value=date(2025, 6, 2), max_value=date(2027, 12, 31)),
)
def test_net_earnings_inverts_gross_for_net_on_a_contract(job, cents, day):
    """Regression (r20 M3): net_earnings(gross_for_net(n, contract=c), contract=c) == n."""
    net = Money(Decimal(cents) / 100, "USD")
    gross = fees.gross_for_net(net, on=day, contract=job)
    assert net == fees.net_earnings(gross, on=day, contract=job)
    fee = fees.service_fee(gross, on=day, contract=job)
    assert fees.explain_service_fee(gross, on=day, contract=job).fee == fee
    assert gross == fee + net


def test_service_fee_and_net_earnings_charge_a_payment_as_its_contract():
    """Regression (r20 M3): contract= was a TypeError; it means what it means in explain_service_fee."""
    job = contract(Payment(date(2025, 7, 2), usd("500")), rate="0.05", started=date(2025, 6, 2))
    pay, day = usd("200"), date(2025, 8, 1)
    assert usd("10.00") == fees.service_fee(pay, on=day, contract=job)
    assert usd("190.00") == fees.net_earnings(pay, on=day, contract=job)
    assert usd("25.00") == fees.service_fee(job, on=day)  # the contract as amount: all of it
    # Under the sliding scale the contract's earlier payments count as billed before.
    assert usd("50.00") == fees.service_fee(
        usd("1000.00"), on=date(2020, 3, 1), contract=BIG_CLIENT
    )
    assert usd("950.00") == fees.net_earnings(
        usd("1000.00"), on=date(2020, 3, 1), contract=BIG_CLIENT
    )


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: fees.service_fee(usd("1"), on=D2025, contract="c1"), InvalidTypeError, "contract"),
        (lambda: fees.net_earnings(usd("1"), on=D2025, contract=5), InvalidTypeError, "contract"),
        (lambda: fees.service_fee(_RATED[1], on=D2025, contract=_RATED[1]), InvalidTypeError, "amount"),
        (lambda: fees.net_earnings(_RATED[1], on=D2025, contract=_RATED[1]), InvalidTypeError, "amount"),
        (lambda: fees.service_fee(usd("1"), on=D2025, rate="0.1", contract=_RATED[4]), InvalidValueError, "rate"),
        (lambda: fees.net_earnings(usd("1"), on=date(2025, 4, 1), contract=_RATED[4]), InvalidValueError, "on"),
    ],
)  # fmt: skip
def test_contract_is_refused_as_explain_service_fee_refuses_it(call, error, field):
    """A wrong contract=, or one with a contract as amount, is refused naming the argument."""
    with pytest.raises(error) as info:
        call()
    assert field == info.value.field


NEVER_AT_5 = Contract(
    "new",
    "acme",
    ContractKind.HOURLY,
    started=date(2023, 6, 1),
    service_fee_rate="5%",
    payments=[Payment(date(2023, 7, 1), usd("1000.00"))],
)
BIG_CLIENT = Contract(
    "big",
    "acme",
    ContractKind.HOURLY,
    started=date(2019, 1, 1),
    payments=[
        Payment(date(2019, 6, 1), usd("20000.00")),
        Payment(date(2020, 3, 1), usd("1000.00")),
    ],
)
KEPT_5 = Contract(
    "kept",
    "acme",
    ContractKind.HOURLY,
    started=date(2022, 1, 3),
    service_fee_rate="5%",
    payments=[
        Payment(date(2022, 6, 1), usd("12000.00")),
        Payment(date(2023, 6, 1), usd("1000.00")),
    ],
)
REF_2023 = ExchangeRate("USD", "PKR", "280.00", as_of=date(2023, 7, 1))


@pytest.mark.parametrize(
    "charge",
    [
        lambda: fees.payout(
            NEVER_AT_5.payments[0],
            method="payoneer",
            reference_rate=REF_2023,
            contract=NEVER_AT_5,
            available_on=_out(NEVER_AT_5.payments[0].on),
        ),
        lambda: fees.explain_service_fee(usd("1000.00"), on=date(2023, 7, 1), contract=NEVER_AT_5),
        lambda: fees.gross_for_net(usd("950.00"), on=date(2023, 7, 1), contract=NEVER_AT_5),
    ],
    ids=["payout", "explain_service_fee", "gross_for_net"],
)
def test_one_payment_functions_refuse_the_kept_5_percent_as_service_fee_does(charge):
    """A contract never at 5% is refused the kept 5% by every function given it (finding 1)."""
    with pytest.raises(RulesError) as caught:
        fees.service_fee(NEVER_AT_5, on=date(2023, 7, 31))
    with pytest.raises(RulesError) as refused:
        charge()
    assert refused.value.field == caught.value.field == "Contract.service_fee_rate"
    assert refused.value.rule == caught.value.rule


def test_one_payment_functions_count_the_contracts_earlier_payments():
    """Given the contract, a payment is charged after the client's earlier billings (finding 2).

    $1,000 after $20,000 with the client is in the 5% band: fee $50, as
    service_fee(contract) charges it, not the $150 of a new client.
    """
    second = BIG_CLIENT.payments[1]
    by_contract = fees.service_fee(BIG_CLIENT, on=second.on) - fees.service_fee(
        BIG_CLIENT, on=date(2020, 2, 1)
    )
    explained = fees.explain_service_fee(second.amount, on=second.on, contract=BIG_CLIENT)
    paid = fees.payout(
        second,
        method="payoneer",
        contract=BIG_CLIENT,
        tax_rate=0,
        reference_rate=ExchangeRate("USD", "PKR", "160.00", as_of=_out(second.on)),
        available_on=_out(second.on),
    )
    assert by_contract == explained.fee == paid.service_fee == usd("50.00")
    assert paid.fee.billed_before == usd("20000.00")
    # A bare amount is one more payment: after the $1,000 of that day too.
    assert explained.billed_before == usd("21000.00")
    assert fees.gross_for_net(usd("950.00"), on=second.on, contract=BIG_CLIENT) == usd("1000.00")


def test_payout_follows_a_kept_5_percent_contract_through_the_scale():
    """Each payment's payout fee adds up to service_fee(contract) for the docs' kept-5% contract."""
    reference = ExchangeRate("USD", "PKR", "200")
    paid = [_paid(p, KEPT_5, reference) for p in KEPT_5.payments]
    # 20% of $500 + 10% of $9,500 + 5% of $2,000 under the bands; then the kept 5%.
    assert [p.service_fee for p in paid] == [usd("1150.00"), usd("50.00")]
    assert [p.fee.basis for p in paid] == [fees.FeeBasis.SLIDING, fees.FeeBasis.LEGACY]
    assert fees.service_fee(KEPT_5, on=date(2023, 7, 1)) == usd("1200.00")


def test_payout_of_a_same_day_payment_counts_the_ones_listed_before_it():
    """Two payments on one day: the second is billed after the first, as service_fee charges it."""
    day = date(2020, 3, 1)
    job = contract(Payment(day, usd("500.00")), Payment(day, usd("100.00")))
    reference = ExchangeRate("USD", "PKR", "160.00")
    fee_of = [_paid(p, job, reference) for p in job.payments]
    assert [p.service_fee for p in fee_of] == [usd("100.00"), usd("10.00")]
    assert fees.service_fee(job, on=day) == usd("110.00")


def _weekly(started: date, payments: list[Payment]) -> Contract:
    return Contract("h", "acme", ContractKind.HOURLY, started=started, payments=tuple(payments))


@pytest.mark.parametrize(
    ("started", "flat"),
    [(date(2025, 5, 1), True), (date(2023, 5, 3), True), (date(2019, 1, 1), False)],
    ids=["per-contract", "flat-2023", "sliding"],
)
def test_a_payment_on_a_contract_is_charged_without_recharging_its_earlier_payments(
    monkeypatch: pytest.MonkeyPatch, started: date, flat: bool
) -> None:
    """n payments' fees with contract= cost n charges, not n²/2 (review 10, finding 1).

    Each call used to charge every earlier payment again, even where no
    earlier billing can change the fee: 2,000 payments took 21.9 s.  Only
    the sliding scale reads them, and then as one sum; the fees still add
    up to service_fee(contract).
    """
    job = _weekly(
        started, [Payment(started + timedelta(days=i // 5), usd("10.00")) for i in range(300)]
    )
    charged = 0
    real = fees._fee_explanation.explain

    def counted(*args, **kwargs):
        nonlocal charged
        charged += 1
        return real(*args, **kwargs)

    # Every module that charges a payment for explain_service_fee and payment_terms.
    for charging in (fees._service_fee, fees._contract_terms):
        monkeypatch.setattr(charging, "explain", counted)
    reference = ExchangeRate("USD", "PKR", "280.00")
    paid = [_paid(p, job, reference) for p in job.payments]
    last = job.payments[-1].on
    explained = fees.explain_service_fee(usd("10.00"), on=last, contract=job)
    assert charged == 1  # explain_service_fee's own payment (payout charges in _payout)
    total = Money.total((p.service_fee for p in paid), "USD")
    # Sliding: 20% of the first $500 and 10% of the other $2,500.
    assert total == fees.service_fee(job, on=last) == usd("300.00" if flat else "350.00")
    assert explained.fee == usd("1.00")  # 10%, flat or in the scale's 10% band


def test_a_bare_amount_on_a_contract_is_billed_after_that_days_payments():
    """One more payment on a day the contract was already paid $800 (review 10, finding 2).

    Under the sliding scale the new payment is billed after the $800, as
    service_fee(contract) charges it appended: past the first $500, all of
    it is in the 10% band, so net $100 needs $111.11 (the 20% band of a
    new client's first $500 asked $125.00).
    """
    day = date(2019, 6, 1)
    job = _weekly(date(2019, 1, 1), [Payment(day, usd("800.00"))])
    assert fees.gross_for_net(usd("100.00"), on=day, contract=job) == usd("111.11")
    explained = fees.explain_service_fee(usd("125.00"), on=day, contract=job)
    assert (explained.fee, explained.billed_before) == (usd("12.50"), usd("800.00"))
    reference = ExchangeRate("USD", "PKR", "160.00", as_of=_out(day))
    paid = fees.payout(
        usd("125.00"), on=day, method="payoneer", contract=job, tax_rate=0,
        reference_rate=reference, available_on=_out(day),
    )  # fmt: skip
    assert paid.service_fee == usd("12.50")


_FEE_DAYS = st.sampled_from(
    [date(2016, 6, 20), date(2016, 6, 21), date(2019, 6, 1), date(2023, 5, 2), date(2023, 5, 3)]
)


@settings(max_examples=150, deadline=None)
@given(
    paid=st.lists(st.tuples(_FEE_DAYS, st.integers(0, 1_200_000)), max_size=6),
    day=_FEE_DAYS,
    cents=st.integers(0, 1_200_000),
)
def test_property_one_more_payment_is_charged_as_service_fee_charges_it_appended(
    paid: list[tuple[date, int]], day: date, cents: int
) -> None:
    """explain_service_fee and gross_for_net with contract= agree with the contract appended to.

    The fee of a bare amount on *day* is what service_fee(contract) adds
    when a payment of it on *day* is appended; gross_for_net's price is
    the smallest such payment whose net reaches the target.
    """
    payments = [Payment(on, Money(Decimal(c) / 100, "USD")) for on, c in paid]
    job = _weekly(date(2016, 1, 1), payments)
    amount = Money(Decimal(cents) / 100, "USD")

    def added_fee(more: Money) -> Money:
        appended = attrs.evolve(job, payments=(*payments, Payment(day, more)))
        return fees.service_fee(appended, on=day) - fees.service_fee(job, on=day)

    assert fees.explain_service_fee(amount, on=day, contract=job).fee == added_fee(amount)
    price = fees.gross_for_net(amount, on=day, contract=job)
    assert price - added_fee(price) >= amount
    if price.amount > 0:
        less = price - usd("0.01")
        assert less - added_fee(less) < amount


def test_payout_finds_a_copy_of_a_contracts_payment_in_its_place():
    """A reloaded contract's payments are charged in their places (review 10, finding 3)."""
    day = date(2020, 3, 1)
    job = contract(Payment(day, usd("500.00")), Payment(day, usd("100.00")))
    copy = serialize.from_json(Contract, serialize.to_json(job))
    reference = ExchangeRate("USD", "PKR", "160.00")
    fee_of = [_paid(p, copy, reference) for p in job.payments]
    assert [p.service_fee for p in fee_of] == [usd("100.00"), usd("10.00")]


def test_payout_refuses_a_copy_equal_to_several_of_the_contracts_payments():
    """Two equal same-day payments: a copy could be either, so it is refused (finding 3).

    It was charged as the first, so both payments' fees came to $200 where
    service_fee(contract) says $150; the contract's own entries still work.
    """
    day = date(2020, 3, 1)
    job = contract(Payment(day, usd("500.00")), Payment(day, usd("500.00")))
    reference = ExchangeRate("USD", "PKR", "160.00")

    def paid(p: Payment, on: Contract) -> Money:
        return _paid(p, on, reference).service_fee

    assert [paid(p, job) for p in job.payments] == [usd("100.00"), usd("50.00")]
    assert fees.service_fee(job, on=day) == usd("150.00")
    copy = serialize.from_json(Contract, serialize.to_json(job))
    with pytest.raises(InvalidValueError) as refused:
        paid(job.payments[1], copy)
    assert refused.value.field == "payment"
    assert "payments[0], payments[1]" in str(refused.value)
    assert "contract.payments[i]" in str(refused.value)
    twice = contract(*[job.payments[0]] * 2)
    with pytest.raises(InvalidValueError, match="listed 2 times"):
        paid(twice.payments[1], twice)
    # Where no earlier billing counts, every copy is charged alike and taken.
    later = contract(Payment(D2025, usd("500.00")), Payment(D2025, usd("500.00")))
    again = Payment(D2025, usd("500.00"))
    assert paid(again, later) == usd("50.00")


def test_gross_for_net_rounds_a_sub_cent_target_up():
    """A target between cents needs the gross whose net reaches it."""
    assert usd("111.13") == fees.gross_for_net(usd("100.011"), on=D2023)


def test_gross_for_net_with_no_published_cap():
    """Under the Enterprise preset a 90% fee still inverts exactly: $99.96 nets $10.00."""
    gross = fees.gross_for_net(usd("10.00"), on=D2025, rate="90%", rules=fees.ENTERPRISE)
    assert usd("99.96") == gross  # fee 89.964 → 89.96; $99.95 pays 89.955 → 89.96, nets 9.99
    assert usd("9.99") == fees.net_earnings(
        usd("99.95"), on=D2025, rate="90%", rules=fees.ENTERPRISE
    )


ERAS = [
    {"on": date(2015, 1, 1)},
    {"on": D2020},
    {"on": D2020, "billed_before": usd("499.37")},
    {"on": D2020, "billed_before": usd("9990.00")},
    {"on": D2023},
    {"on": date(2023, 7, 1), "rate": "0.05", "billed_before": usd("12000.00")},
    {"on": D2025},
    {"on": D2025, "rate": "0.15"},
    {"on": D2025, "rate": "0.03"},
    {"on": D2025, "rate": "0"},
]


@pytest.mark.slow
@pytest.mark.parametrize("era", ERAS, ids=lambda e: f"{e['on']}-{e.get('rate')}")
def test_gross_for_net_is_minimal_for_every_cent_in_a_sweep(era):
    """For 2,000 consecutive cent targets, the gross reaches the net and one cent less does not."""
    start = Decimal("480.00")
    for cents in range(2000):
        target = usd(str(start + cents * CENT))
        gross = fees.gross_for_net(target, **era)
        assert fees.net_earnings(gross, **era) >= target
        assert fees.net_earnings(gross - usd("0.01"), **era) < target


era_strategy = st.sampled_from(ERAS)
cents = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c) * CENT)


@pytest.mark.fuzz
@settings(max_examples=2000)  # thousands of cent values, in every era
@given(era=era_strategy, net=cents)
def test_gross_for_net_is_the_smallest_gross(era, net):
    """gross_for_net(n) nets at least n and one cent less nets less than n, in every era."""
    gross = fees.gross_for_net(usd(str(net)), **era)
    assert fees.net_earnings(gross, **era).amount >= net
    if gross.amount > 0:
        assert fees.net_earnings(gross - usd("0.01"), **era).amount < net


@given(era=era_strategy, net=cents)
def test_gross_for_net_is_the_smallest_gross_quick(era, net):
    """gross_for_net(n) nets at least n and one cent less nets less than n (default run)."""
    gross = fees.gross_for_net(usd(str(net)), **era)
    assert fees.net_earnings(gross, **era).amount >= net
    if gross.amount > 0:
        assert fees.net_earnings(gross - usd("0.01"), **era).amount < net


@given(era=era_strategy, gross=cents)
def test_gross_for_net_round_trips_a_net(era, gross):
    """gross_for_net(net_earnings(g)) never exceeds g, and nets the same."""
    net = fees.net_earnings(usd(str(gross)), **era)
    back = fees.gross_for_net(net, **era)
    assert back.amount <= gross
    assert net == fees.net_earnings(back, **era)


@given(era=era_strategy, gross=cents)
def test_fee_is_never_more_than_the_top_rate(era, gross):
    """The fee is between 0 and 20% of the gross, and a whole number of cents."""
    fee = fees.service_fee(usd(str(gross)), **era)
    assert fee.is_rounded()
    assert Decimal(0) <= fee.amount <= gross * Decimal("0.2") + Decimal("0.005")


# --------------------------------------------------------------------------
# Schedules as data
# --------------------------------------------------------------------------


def test_schedules_describe_themselves():
    """Each schedule's kind and description say what it charges."""
    assert (fees.FLAT_10_2016.kind, fees.FLAT_10_2016.describe()) == ("flat", "flat 10%")
    assert (fees.FLAT_10_2023.kind, fees.FLAT_10_2023.describe()) == (
        "flat",
        "flat 10% (5% contracts honoured until 2023-12-31)",
    )
    assert (fees.SLIDING_SCALE_2016.kind, fees.SLIDING_SCALE_2016.describe()) == (
        "sliding",
        (
            "marginal on lifetime billings with the client: 20% up to 500.00, "
            "10% up to 10,000.00, 5% above 10,000.00"
        ),
    )
    assert (fees.PER_CONTRACT_2025.kind, fees.PER_CONTRACT_2025.describe()) == (
        "per_contract",
        "per contract, 0%–15%, shown on the offer; 10% when the contract's own rate is not given",
    )
    assert "from 0% (no published cap)" in fees.ENTERPRISE.describe()


def test_the_2025_default_is_published_and_its_range_unconfirmed():
    """Only the per-contract range (and its start) is unconfirmed; the 10% default is the HC's."""
    assert [s.unconfirmed for s in fees.SERVICE_FEE_HISTORY] == [False, False, False, True]
    schedule = fees.PER_CONTRACT_2025
    listed = {name: source for name, _, source in rules.sources(schedule)}
    assert not listed["rate"].unconfirmed
    assert "HC 211062538" == listed["rate"].source
    assert listed["maximum_rate"].unconfirmed
    assert listed["minimum_rate"] is schedule.range_source
    assert "range_source" not in listed
    assert all(s.source.source for s in fees.SERVICE_FEE_HISTORY)


def test_schedules_have_short_reprs_and_round_trip_through_serialize():
    """Every schedule prints as its name and survives to_dict/from_dict unchanged."""
    presets = [*fees.SERVICE_FEE_HISTORY, fees.ENTERPRISE, fees.DATABASE_ADMINISTRATION_2016]
    for schedule in presets:
        assert schedule == serialize.from_dict(fees.ServiceFeeSchedule, serialize.to_dict(schedule))
        assert f"<ServiceFeeSchedule {schedule.name!r}>" == repr(schedule)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rate": None}, "ServiceFeeSchedule"),
        ({"tiers": fees.SLIDING_SCALE_2016.tiers}, "ServiceFeeSchedule"),
        ({"rate": "1"}, "ServiceFeeSchedule.rate"),
        ({"legacy_until": None}, "ServiceFeeSchedule.legacy_until"),
        ({"minimum_rate": "0.2", "maximum_rate": "0.1"}, "ServiceFeeSchedule.minimum_rate"),
        ({"per_contract": True}, "ServiceFeeSchedule.legacy_rate"),
    ],
)
def test_bad_schedules_are_refused(changes, field):
    """A schedule that is not exactly one consistent shape is refused, naming the field."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(fees.FLAT_10_2023, **changes)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("currency", "error"),
    [("dollars", InvalidValueError), ("usd", InvalidValueError), (840, InvalidTypeError)],
)
def test_a_schedule_currency_is_an_iso_code_like_every_currency(currency, error):
    """Regression: currency="dollars" was built, then every fee call failed with a mismatch."""
    with pytest.raises(error) as info:
        fees.ServiceFeeSchedule(
            effective=date(2000, 1, 1), name="what-if", rate="0.1", currency=currency
        )
    assert ("ServiceFeeSchedule.currency", "an ISO 4217 code") == (
        info.value.field,
        info.value.rule,
    )
    data = serialize.to_dict(fees.FLAT_10_2023)
    data["currency"] = currency
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(fees.ServiceFeeSchedule, data)
    assert loaded.value.problems[0].startswith("$.currency: ")


def test_a_default_rate_outside_the_range_is_refused():
    """A per-contract schedule's default must lie within its own range."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(fees.PER_CONTRACT_2025, rate="0.2")
    assert "ServiceFeeSchedule.rate" == info.value.field


def test_legacy_rate_belongs_to_flat_schedules():
    """A legacy rate on a sliding scale is refused."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(
            fees.SLIDING_SCALE_2016, legacy_rate=Decimal("0.05"), legacy_until=date(2020, 1, 1)
        )
    assert "ServiceFeeSchedule.legacy_rate" == info.value.field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legacy_until": "2023-12-31"}, "ServiceFeeSchedule.legacy_until"),
        ({"effective": "2023-05-03"}, "ServiceFeeSchedule.effective"),
        ({"source": "HC"}, "ServiceFeeSchedule.source"),
        ({"range_source": "SEC"}, "ServiceFeeSchedule.range_source"),
        ({"tiers": 5}, "ServiceFeeSchedule.tiers"),
    ],
)
def test_schedule_fields_are_type_checked(changes, field):
    """A schedule's dates, sources and tiers are type-checked at construction."""
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(fees.FLAT_10_2023, **changes)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("tiers", "error", "field"),
    [
        (("x", fees.FeeTier(None, "0.1")), InvalidTypeError, "ServiceFeeSchedule.tiers[0]"),
        (
            (fees.FeeTier(None, "0.1"), fees.FeeTier(None, "0.1")),
            RulesError,
            "ServiceFeeSchedule.tiers[0].up_to",
        ),
        ((fees.FeeTier(usd("5"), "0.1"),), RulesError, "ServiceFeeSchedule.tiers[0].up_to"),
        (
            (fees.FeeTier(Money("5", "PKR"), "0.1"), fees.FeeTier(None, "0.1")),
            RulesError,
            "ServiceFeeSchedule.tiers[0].up_to",
        ),
        (
            (
                fees.FeeTier(usd("5"), "0.1"),
                fees.FeeTier(usd("5"), "0.1"),
                fees.FeeTier(None, "0.1"),
            ),
            RulesError,
            "ServiceFeeSchedule.tiers[1].up_to",
        ),
    ],
)
def test_bad_tiers_are_refused(tiers, error, field):
    """Tiers must be FeeTiers, increasing, in the schedule's currency, the last open-ended."""
    with pytest.raises(error) as info:
        attrs.evolve(fees.SLIDING_SCALE_2016, tiers=tiers)
    assert field == info.value.field


@pytest.mark.parametrize("up_to", [usd("0"), "500", usd("-1")])
def test_fee_tier_end_must_be_positive_money(up_to):
    """A band's end must be positive Money."""
    with pytest.raises(RulesError) as info:
        fees.FeeTier(up_to, "0.1")
    assert "FeeTier.up_to" == info.value.field


# --------------------------------------------------------------------------
# Withdrawal methods and tax as data (DOMAIN.md section 5)
# --------------------------------------------------------------------------


def test_presets_match_domain_section_5():
    """The presets carry DOMAIN.md section 5's figures; unpublished spreads are None."""
    bank = fees.DIRECT_TO_LOCAL_BANK
    assert (usd("0.99"), usd("5.00"), "PKR", (1, 7), True, None) == (
        bank.fixed_fee,
        bank.minimum,
        bank.currency,
        bank.business_days,
        bank.available_in_pakistan,
        bank.spread,
    )
    assert (usd("50.00"), "USD", None) == (
        fees.WIRE_USD.fixed_fee,
        fees.WIRE_USD.currency,
        fees.WIRE_USD.spread,
    )
    assert (usd("2.00"), Decimal("0.02")) == (fees.PAYONEER.fixed_fee, fees.PAYONEER.spread)
    payoneer_usd = fees.PAYONEER_USD_ACCOUNT
    assert (usd("2.00"), Decimal("0.03"), "USD", None) == (
        payoneer_usd.fixed_fee,
        payoneer_usd.percentage_fee,
        payoneer_usd.currency,
        payoneer_usd.spread,
    )
    assert [m.key for m in fees.PAKISTAN_METHODS] == [
        "direct_to_local_bank",
        "payoneer",
        "payoneer_usd_account",
        "wire_usd",
        "paypal",
    ]
    assert not fees.PAYPAL.available_in_pakistan


def test_unconfirmed_figures_are_flagged():
    """The wire fee and Payoneer's fees to Pakistani banks are flagged unconfirmed."""
    assert fees.WIRE_USD.source_of("fixed_fee").unconfirmed
    assert "$30" in fees.WIRE_USD.source_of("fixed_fee").note
    # Fidelity r18 L2, L3: whether the $5 counts the fee, and the fewest day, are not sourced.
    assert ("minimum", "business_days") == fees.DIRECT_TO_LOCAL_BANK.unconfirmed
    assert "business_days" in fees.WIRE_USD.unconfirmed
    assert "not published" in fees.DIRECT_TO_LOCAL_BANK.source_of("spread").note
    assert {"fixed_fee", "percentage_fee", "spread"} <= set(fees.PAYONEER.unconfirmed)
    assert {"fixed_fee", "percentage_fee"} <= set(fees.PAYONEER_USD_ACCOUNT.unconfirmed)
    assert "3%" in fees.PAYONEER_USD_ACCOUNT.source_of("percentage_fee").note


def test_methods_print_short():
    """A method prints as its key, not its every source."""
    assert "<WithdrawalMethod 'direct_to_local_bank'>" == repr(fees.DIRECT_TO_LOCAL_BANK)


def test_source_of_unknown_field():
    """Asking for the source of a field that is not a sourced number is an error."""
    with pytest.raises(RulesError) as info:
        fees.DIRECT_TO_LOCAL_BANK.source_of("name")
    assert "field" == info.value.field


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"fixed_fee": "0.99"}, InvalidTypeError, "WithdrawalMethod.fixed_fee"),
        ({"minimum": usd("-1")}, RulesError, "WithdrawalMethod.minimum"),
        ({"minimum": Money("5", "PKR")}, RulesError, "WithdrawalMethod.minimum"),
        ({"currency": "XXXX"}, InvalidValueError, "WithdrawalMethod.currency"),
        ({"currency": "pkr"}, InvalidValueError, "WithdrawalMethod.currency"),
        ({"currency": 586}, InvalidTypeError, "WithdrawalMethod.currency"),
        ({"sources": ()}, RulesError, "WithdrawalMethod.sources"),
        ({"sources": ("HC",)}, InvalidTypeError, "WithdrawalMethod.sources"),
        ({"sources": "HC"}, InvalidTypeError, "WithdrawalMethod.sources"),
        ({"sources": {"fee": RuleSource("HC")}}, InvalidTypeError, "WithdrawalMethod.sources"),
        ({"spread": "-0.01"}, RulesError, "WithdrawalMethod.spread"),
        ({"spread": 0.01}, InvalidTypeError, "WithdrawalMethod.spread"),
        ({"business_days": [1, 7]}, InvalidTypeError, "WithdrawalMethod.business_days"),
        ({"business_days": (1, 2, 3)}, InvalidTypeError, "WithdrawalMethod.business_days"),
        ({"business_days": (-1, 7)}, RulesError, "WithdrawalMethod.business_days"),
        ({"business_days": (True, 7)}, RulesError, "WithdrawalMethod.business_days"),
        ({"business_days": (1, "7")}, RulesError, "WithdrawalMethod.business_days"),
        ({"business_days": (7, 1)}, RulesError, "WithdrawalMethod.business_days"),
    ],
)
def test_bad_methods_are_refused(changes, error, field):
    """A method with bad numbers or missing sources is refused, naming the field."""
    with pytest.raises(error) as info:
        attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, **changes)
    assert field == info.value.field


def test_a_method_spread_is_a_rate_like_any_other():
    """A method's spread may be given as "1.5%" and is stored as a fraction."""
    assert Decimal("0.015") == attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, spread="1.5%").spread


@pytest.mark.parametrize("name", ["payoneer", "Payoneer", " PAYONEER ", fees.PAYONEER])
def test_get_method_by_key_or_name(name):
    """A preset is found by key or name, in any case; a method passes through."""
    assert fees.PAYONEER is fees.get_method(name)


def test_get_method_unknown():
    """An unknown method name is an error naming the argument; so is a non-name."""
    with pytest.raises(InvalidValueError) as info:
        fees.get_method("directbank")
    assert ("name", "a known withdrawal method") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidTypeError) as other:
        fees.get_method(3)  # type: ignore[arg-type]
    assert "name" == other.value.field  # the argument as named (it said "method")


def test_tax_rates_sources_and_history():
    """s.154A: 0.25% (PSEB) and 1% (otherwise) since 2022-07-01, unchanged by the Finance Act 2025."""
    assert (Decimal("0.0025"), Decimal("0.01")) == (fees.TAX_RATE_PSEB, fees.TAX_RATE_NOT_PSEB)
    tax = fees.EXPORT_TAX_HISTORY.in_force(date(2025, 7, 1))
    assert tax is fees.EXPORT_TAX_2022
    assert (Decimal("0.0025"), Decimal("0.01")) == (
        tax.rate(pseb_registered=True),
        tax.rate(pseb_registered=False),
    )
    assert "s.154A" in tax.source.source
    assert "Finance Act 2025" in tax.source.source
    assert tax.non_filer_unconfirmed
    with pytest.raises(RulesError):
        fees.EXPORT_TAX_HISTORY.in_force(date(2022, 6, 30))
    with pytest.raises(InvalidTypeError) as info:
        tax.rate(pseb_registered=1)  # type: ignore[arg-type]
    assert "pseb_registered" == info.value.field
    with pytest.raises(InvalidTypeError) as effective:
        attrs.evolve(fees.EXPORT_TAX_2022, effective=None)
    assert "ExportTaxRules.effective" == effective.value.field


def test_rule_source_type_is_shared_with_rules():
    """Schedule sources use rules.RuleSource so the docs can list them alike."""
    assert isinstance(fees.FLAT_10_2023.source, RuleSource)


# --------------------------------------------------------------------------
# Every public function, given wrong-typed arguments (issue 17)
# --------------------------------------------------------------------------

REFERENCE = ExchangeRate("USD", "PKR", "280.00", as_of=date(2025, 6, 2))
OFFERED = ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 2))
HISTORY = (fees.Credit(date(2025, 1, 8), usd("1200.00")),)
SPAN = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}

#: Each public function with arguments that work; the sweep replaces one at a time.
CALLS: dict[str, tuple[object, tuple[object, ...], dict[str, object]]] = {
    "service_fee": (fees.service_fee, (usd("100"),), {"on": D2025, "rate": "10%"}),
    "net_earnings": (fees.net_earnings, (usd("100"),), {"on": D2025, "billed_before": usd("1")}),
    "gross_for_net": (fees.gross_for_net, (usd("90"),), {"on": D2025, "contract": contract()}),
    "explain_service_fee": (
        fees.explain_service_fee,
        (usd("100"),),
        {"on": D2025, "rules": fees.ENTERPRISE},
    ),
    "schedule_as_of": (fees.schedule_as_of, (D2025,), {}),
    "get_method": (fees.get_method, ("payoneer",), {}),
    "quote_withdrawal": (
        fees.quote_withdrawal,
        (usd("900"), fees.DIRECT_TO_LOCAL_BANK),
        {"reference_rate": REFERENCE, "offered_rate": OFFERED, "pseb_registered": False},
    ),
    "quote_withdrawal_spread": (
        fees.quote_withdrawal,
        (usd("900"), "payoneer"),
        {"reference_rate": REFERENCE, "spread": "1%", "tax_rate": "0", "on": date(2025, 6, 2)},
    ),
    "compare_withdrawals": (
        fees.compare_withdrawals,
        (usd("900"),),
        {
            "reference_rate": REFERENCE,
            "methods": ("payoneer", fees.DIRECT_TO_LOCAL_BANK),
            "offered_rates": {"direct_to_local_bank": OFFERED},
            "spreads": {},
            "on": date(2025, 6, 2),
        },
    ),
    "break_even": (
        fees.break_even,
        (fees.PAYONEER, attrs.evolve(fees.WIRE_USD, spread=Decimal(0))),
        {"reference_rate": REFERENCE, "tax_rate": "1%", "pseb_registered": False},
    ),
    "withdrawal_for_target": (
        fees.withdrawal_for_target,
        (Money("1000", "PKR"), "payoneer"),
        {"reference_rate": REFERENCE},
    ),
    "plan_withdrawals": (
        fees.plan_withdrawals,
        (usd("400"), "direct_to_local_bank"),
        {"max_fee_share": "0.2%", "frequencies": fees.DEFAULT_FREQUENCIES},
    ),
    "payout": (
        fees.payout,
        (Payment(date(2025, 5, 28), usd("1000")),),
        {"method": "payoneer", "reference_rate": REFERENCE, "contract": contract()},
    ),
    "paydays": (fees.paydays, ("monthly",), SPAN),
    "auto_withdrawals": (
        fees.auto_withdrawals,
        (HISTORY,),
        {**SPAN, "schedule": "weekly", "method": "payoneer", "method_added": date(2025, 1, 2)},
    ),
    "compare_schedules": (
        fees.compare_schedules,
        (HISTORY,),
        {**SPAN, "us_freelancer": True, "schedules": ("weekly", "quarterly")},
    ),
}

WRONG = [None, 5, 1.5, "x", Decimal(2), object(), [object()], {"a": 1}, usd("1"), D2025]


def _variants():
    for name, (func, args, kwargs) in CALLS.items():
        for index in range(len(args)):
            for bad in WRONG:
                changed = list(args)
                changed[index] = bad
                yield pytest.param(
                    func, tuple(changed), kwargs, id=f"{name}-arg{index}-{label(bad)}"
                )
        for key in kwargs:
            for bad in WRONG:
                yield pytest.param(
                    func, args, {**kwargs, key: bad}, id=f"{name}-{key}-{label(bad)}"
                )


def test_every_baseline_call_works():
    """The sweep's baseline calls all succeed (so each variant tests one wrong argument)."""
    for func, args, kwargs in CALLS.values():
        func(*args, **kwargs)  # type: ignore[operator]


@pytest.mark.parametrize(("func", "args", "kwargs"), list(_variants()))
def test_wrong_typed_arguments_get_library_errors(func, args, kwargs):
    """Any one argument of the wrong type gives an error of the library's family, naming a field."""
    try:
        func(*args, **kwargs)
    except UpworkSafetyError as error:
        assert error.field
    # Any other exception (AttributeError, raw TypeError, decimal errors) fails the test.


def test_report_methods_refuse_wrong_typed_arguments():
    """Reports' to_records, summary and break_even_spread refuse wrong types with library errors."""
    comparison = fees.compare_withdrawals(usd("900"), reference_rate=REFERENCE)
    reports = [
        comparison,
        fees.quote_withdrawal(usd("900"), "payoneer", reference_rate=REFERENCE),
        fees.explain_service_fee(usd("1"), on=D2025),
        fees.plan_withdrawals(usd("400"), "payoneer", max_fee_share="1%"),
        fees.compare_schedules(HISTORY, **SPAN),
        fees.auto_withdrawals(HISTORY, **SPAN),
    ]
    for report in reports:
        for bad in (5, object(), b"en_PK"):
            with pytest.raises(InvalidTypeError) as info:
                report.to_records(locale=bad)  # type: ignore[arg-type]
            assert "locale" == info.value.field
    for bad in (5, None, object()):
        with pytest.raises(UpworkSafetyError) as info:
            comparison.break_even_spread(bad)  # type: ignore[arg-type]
        assert "method" == info.value.field


def test_defaults_read_short_in_help():
    """No default floods help(): every signature of the package fits in 500 characters."""
    long = {
        name: len(str(inspect.signature(getattr(fees, name))))
        for name in fees.__all__
        if inspect.isfunction(getattr(fees, name))
    }
    assert {} == {name: size for name, size in long.items() if size > 500}
    assert "= PAKISTAN_METHODS," in str(inspect.signature(fees.compare_withdrawals))
    assert "= DEFAULT_FREQUENCIES)" in str(inspect.signature(fees.plan_withdrawals))


def test_explain_service_fee_given_a_contract_points_to_the_contract_functions():
    """Regression (newcomer trial): a contract as amount said only "amount must be Money"."""
    from upwork_safety import Contract, ContractKind, Payment

    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        payments=[Payment(date(2024, 1, 10), Money("500.00", "USD"))],
    )
    with pytest.raises(InvalidTypeError) as info:
        fees.explain_service_fee(contract, on=date(2024, 1, 10))  # type: ignore[arg-type]
    assert ("amount", "Money") == (info.value.field, info.value.rule)
    assert "service_fee(contract" in str(info.value)
    assert Money("50.00", "USD") == fees.service_fee(contract, on=date(2024, 1, 10))


@pytest.mark.parametrize("locale", [None, 3])
def test_summary_without_a_locale_name_is_refused_naming_summary(locale):
    """Regression (newcomer trial): summary(locale=None) named format(locale=) in its message."""
    reference = ExchangeRate("USD", "PKR", "280", as_of=D2025)
    quote = fees.quote_withdrawal(Money("500", "USD"), "payoneer", reference_rate=reference)
    comparison = fees.compare_withdrawals(Money("500", "USD"), reference_rate=reference)
    for report in (quote, comparison):
        with pytest.raises(InvalidTypeError) as info:
            report.summary(locale=locale)
        assert ("locale", "an explicit locale") == (info.value.field, info.value.rule)
        assert str(info.value).startswith("summary(locale=)")


# --------------------------------------------------------------------------
# A percentage beyond the decimal limit (fix-fees review)
# --------------------------------------------------------------------------

#: 1E-18 percent is 1E-20 as a fraction: beyond the 18 places any rate may hold.
TINY_PERCENT = "0.000000000000000001%"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: attrs.evolve(fees.PAYONEER, percentage_fee=TINY_PERCENT), "percentage_fee"),
        (lambda: attrs.evolve(fees.PAYONEER, spread=TINY_PERCENT), "spread"),
        (lambda: attrs.evolve(fees.PAYONEER, percentage_fee=Decimal("1E-20")), "percentage_fee"),
    ],
)
def test_a_method_rate_beyond_the_decimal_limit_is_refused_when_built(build, field):
    """A what-if method whose rate has over 18 places is refused at construction, naming it."""
    with pytest.raises(RulesError) as info:
        build()
    assert f"WithdrawalMethod.{field}" == info.value.field
    assert "at most 18 decimal places" == info.value.rule


@pytest.mark.parametrize("field", ["rate", "minimum_rate", "maximum_rate"])
def test_a_schedule_rate_beyond_the_decimal_limit_is_refused_when_built(field):
    """A what-if service-fee schedule whose rate has over 18 places is refused, naming the field."""
    shape = (
        {"rate": TINY_PERCENT} if field == "rate" else {"per_contract": True, field: TINY_PERCENT}
    )
    with pytest.raises(RulesError) as info:
        fees.ServiceFeeSchedule(effective=date(2000, 1, 1), name="what-if", **shape)
    assert f"ServiceFeeSchedule.{field}" == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: fees.service_fee(usd("100.00"), on=D2025, rate=TINY_PERCENT), "rate"),
        (lambda: fees.gross_for_net(usd("100.00"), on=D2025, rate=TINY_PERCENT), "rate"),
        (
            lambda: fees.quote_withdrawal(
                usd("100.00"),
                "payoneer",
                reference_rate=ExchangeRate("USD", "PKR", "280", as_of=D2025),
                tax_rate=TINY_PERCENT,
            ),
            "tax_rate",
        ),
    ],
)
def test_a_rate_argument_beyond_the_decimal_limit_names_the_argument(call, field):
    """A percentage argument with over 16 places names the caller's argument, not an internal one."""
    with pytest.raises(InvalidValueError) as info:
        call()
    assert field == info.value.field


# --------------------------------------------------------------------------
# gross_for_net near the 18-digit limit (fix-fees review)
# --------------------------------------------------------------------------


def test_gross_for_net_near_the_digit_limit_is_found():
    """Regression: the search no longer doubles past the largest amount and fails on Money.amount."""
    net = usd("600000000000000000.00")
    gross = fees.gross_for_net(net, on=D2023)
    assert usd("666666666666666666.67") == gross
    assert net == fees.net_earnings(gross, on=D2023)
    assert net > fees.net_earnings(gross - usd("0.01"), on=D2023)


@pytest.mark.parametrize(
    ("net", "kwargs"),
    [
        (usd("999999999999999999.00"), {"on": D2023}),
        (usd("999999999999999999.00"), {"on": D2025, "rate": "0.5", "rules": fees.ENTERPRISE}),
    ],
)
def test_a_net_beyond_the_digit_limit_names_net(net, kwargs):
    """A net that only a payment past the 18-digit limit would reach is refused naming net."""
    with pytest.raises(InvalidValueError) as info:
        fees.gross_for_net(net, **kwargs)
    assert ("net", "at most 18 integer digits") == (info.value.field, info.value.rule)


@given(
    low=st.integers(min_value=0, max_value=10**6),
    span=st.integers(min_value=0, max_value=10**21),
    answer=st.integers(min_value=0, max_value=10**22),
)
def test_the_cent_search_never_probes_past_its_bound(low, span, answer):
    """first_reaching finds the first count that reaches, or None, probing only low..high."""
    from upwork_safety.fees._common import first_reaching

    high = low + span
    probed: list[int] = []

    def reaches(count: int) -> bool:
        probed.append(count)
        return count >= answer

    found = first_reaching(reaches, low, high)
    assert all(low <= count <= high for count in probed)
    assert (max(low, answer) if answer <= high else None) == found


def test_a_refused_rate_names_when_the_callers_history_starts_per_contract_rates():
    """Regression: the message said "the 2025-05-01 schedule" whatever rules= the caller passed."""
    on = date(2024, 1, 10)
    with pytest.raises(RulesError) as upwork:
        fees.service_fee(usd("100.00"), on=on, rate="0.12")
    assert f"start with the {fees.PER_CONTRACT_2025.effective} schedule" in str(upwork.value)

    later = attrs.evolve(fees.PER_CONTRACT_2025, effective=date(2027, 3, 1))
    history = rules.RuleHistory("what-if", (fees.FLAT_10_2023, later))
    with pytest.raises(RulesError) as what_if:
        fees.service_fee(usd("100.00"), on=on, rate="0.12", rules=history)
    assert "start with the 2027-03-01 schedule" in str(what_if.value)
    assert "2025-05-01" not in str(what_if.value)

    for alone in (fees.FLAT_10_2023, rules.RuleHistory("flat only", (fees.FLAT_10_2023,))):
        with pytest.raises(RulesError) as flat:
            fees.gross_for_net(usd("90.00"), on=on, rate="0.12", rules=alone)
        assert "rate" == flat.value.field
        assert "per-contract rates start" not in str(flat.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: fees.service_fee(m, on=date(2025, 6, 1)),
        lambda m: fees.net_earnings(m, on=date(2025, 6, 1)),
        lambda m: fees.explain_service_fee(m, on=date(2025, 6, 1)),
    ],
)
def test_a_sub_cent_payment_is_refused_by_the_fee_functions(call):
    """Fifth round: net_earnings(USD 100.005) gave USD 90.005, while quote_withdrawal and a
    Payment refuse it; what Upwork charges a fee on is whole cents."""
    with pytest.raises(InvalidValueError) as info:
        call(Money("100.005", "USD"))
    assert ("amount", "whole minor units") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------
# Red-team money round: rates with 17-18 places (defect 3)
# --------------------------------------------------------------------------

#: Valid rates whose product with a cent amount has more than 18 places.
EIGHTEEN_PLACES = "0.000000000000000001"


def test_a_rate_with_eighteen_places_is_charged_and_rounded_once():
    """Regression: 14.9999999999999999% of USD 100.01 raised naming Money.amount; it is USD 15.00."""
    assert usd("15.00") == fees.service_fee(usd("100.01"), on=D2025, rate="14.9999999999999999%")
    assert usd("85.01") == fees.net_earnings(usd("100.01"), on=D2025, rate="0.149999999999999999")


def test_a_service_fee_at_a_tiny_rate_has_a_fee_and_a_repr():
    """Regression: explain_service_fee returned, but .fee and repr() raised naming Money.amount."""
    explained = fees.explain_service_fee(usd("100.01"), on=D2025, rate=EIGHTEEN_PLACES)
    assert (usd("0.00"), usd("100.01"), fees.FeeBasis.CONTRACT) == (
        explained.fee,
        explained.net,
        explained.basis,
    )
    assert repr(explained).startswith("<ServiceFee USD 0.00 on USD 100.01: contract")
    assert usd("100.01") == fees.gross_for_net(usd("100.01"), on=D2025, rate=EIGHTEEN_PLACES)


def test_a_what_if_band_rate_with_eighteen_places_is_rounded_once():
    """A sliding scale whose band rate has 18 places: the exact fee (20 places) is rounded once.

    20% of 500 is 100; 10.0000000000000001% of 100.01 is 10.00100000000000010001: USD 110.00.
    """
    scale = attrs.evolve(
        fees.SLIDING_SCALE_2016,
        tiers=(
            rules.FeeTier(usd("500.00"), Decimal("0.20")),
            rules.FeeTier(None, Decimal("0.100000000000000001")),
        ),
    )
    assert usd("110.00") == fees.service_fee(usd("600.01"), on=D2020, rules=scale)
    assert usd("600.01") == fees.gross_for_net(usd("490.01"), on=D2020, rules=scale)


# --------------------------------------------------------------------------
# Red-team money round: ServiceFee in whole cents (defect 8)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("amount", "100.005"), ("billed_before", "0.001"), ("billed_before", "499.995")],
)
def test_a_service_fee_holds_whole_cents(field, value):
    """Regression: a loaded amount of USD 100.005 gave a net of USD 80.005, and billed_before
    USD 0.001 built; both are refused, built or loaded, naming the field."""
    data = serialize.to_dict(fees.explain_service_fee(usd("100.00"), on=D2020))
    data[field] = {"amount": value, "currency": "USD"}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(fees.ServiceFee, data)
    assert (f"$.{field}", "whole minor units") == (
        loaded.value.problems[0].path,
        loaded.value.problems[0].rule,
    )
    fields = {"amount": usd("100.00"), "on": D2020, "schedule": fees.SLIDING_SCALE_2016}
    with pytest.raises(InvalidValueError) as built:
        fees.ServiceFee(**{**fields, field: usd(value)})
    assert (f"ServiceFee.{field}", "whole minor units") == (built.value.field, built.value.rule)


def test_gross_for_net_refuses_a_part_cent_billed_before_as_service_fee_does():
    """Regression: gross_for_net(billed_before=USD 499.995) answered USD 111.11 while
    service_fee refused that billed_before; both refuse it now, by one rule."""
    for call in (fees.gross_for_net, fees.service_fee, fees.net_earnings):
        with pytest.raises(InvalidValueError) as info:
            call(usd("100.00"), on=D2020, billed_before=usd("499.995"))
        assert ("billed_before", "whole minor units") == (info.value.field, info.value.rule)
    # Whole cents on either side of the band's end are fine, and invert service_fee.
    for before, gross in ((usd("499.99"), usd("111.11")), (usd("500.00"), usd("111.11"))):
        assert gross == fees.gross_for_net(usd("100.00"), on=D2020, billed_before=before)
        net = fees.net_earnings(gross, on=D2020, billed_before=before)
        assert (
            net
            >= usd("100.00")
            > fees.net_earnings(gross - usd("0.01"), on=D2020, billed_before=before)
        )


# --------------------------------------------------------------------------
# Red-team money round: the kept 5% needs a contract already at 5% (defect 2)
# --------------------------------------------------------------------------


def _hourly(started: date, *payments: Payment) -> Contract:
    return Contract(
        "n", "acme", ContractKind.HOURLY, started=started, service_fee_rate="5%", payments=payments
    )


def _paid(payment: Payment, job: Contract, reference: ExchangeRate) -> fees.Payout:
    """*payment* of *job* paid out by Payoneer, untaxed, available nine days on (see `_out`).

    *reference* is the rate of that day: the call dates it so.
    """
    return fees.payout(
        payment,
        method="payoneer",
        contract=job,
        tax_rate=0,
        reference_rate=attrs.evolve(reference, as_of=_out(payment.on)),
        available_on=_out(payment.on),
    )


def _out(day: date) -> date:
    """The day an hourly payment of *day* is given as available: payout needs it for an hourly
    contract's pay (review r16 H2), one such a payment can be available on (r18 M1): here
    the hours of the week *day* falls in, on that week's payout calendar."""
    moment = datetime.combine(day, time(12), timezone.utc)
    return hourly.billing_week(moment).calendar().available_at.date()


KEPT_FIELD = "Contract.service_fee_rate"


@pytest.mark.parametrize("rules_", [None, fees.DATABASE_ADMINISTRATION_HISTORY])
def test_a_contract_with_no_payment_under_the_scale_did_not_keep_five_percent(rules_):
    """Regression: a contract started 2023-06-01 at "5%" was charged USD 50.00 on USD 1,000,
    while one $100 payment under the scale got it refused; its billings never passed $10,000."""
    new = _hourly(date(2023, 6, 1), Payment(date(2023, 7, 1), usd("1000.00")))
    with pytest.raises(RulesError) as info:
        fees.service_fee(new, on=date(2023, 7, 31), rules=rules_)
    assert (KEPT_FIELD, "billings over USD 10,000.00 under the sliding scale") == (
        info.value.field,
        info.value.rule,
    )
    assert "USD 0.00" in str(info.value)
    with pytest.raises(RulesError):
        fees.net_earnings(new, on=date(2023, 7, 31), rules=rules_)


def test_a_contract_started_after_the_scale_ended_did_not_keep_five_percent():
    """Billings with the client past $10,000 are not enough: the contract itself must have
    existed when the flat schedule took effect (2023-05-03) to be "already at 5%"."""
    new = _hourly(date(2023, 6, 1), Payment(date(2023, 7, 1), usd("1000.00")))
    with pytest.raises(RulesError) as info:
        fees.service_fee(new, on=date(2023, 7, 31), billed_before=usd("20000.00"))
    assert (KEPT_FIELD, "a contract started before 2023-05-03") == (
        info.value.field,
        info.value.rule,
    )


def test_a_contract_started_under_the_scale_keeps_five_percent_on_its_billings_before():
    """A contract started 2023-04-03 with a client billed $20,000 before was at 5% when the
    scale ended, though its first payment came after: USD 50.00 on USD 1,000; without those
    billings it was not, and is refused."""
    kept = _hourly(date(2023, 4, 3), Payment(date(2023, 7, 1), usd("1000.00")))
    assert usd("50.00") == fees.service_fee(
        kept, on=date(2023, 7, 31), billed_before=usd("20000.00")
    )
    with pytest.raises(RulesError) as info:
        fees.service_fee(kept, on=date(2023, 7, 31), billed_before=usd("10000.00"))
    assert "billings over USD 10,000.00 under the sliding scale" == info.value.rule
    # Nothing is charged at the kept rate before the contract's first payment.
    assert usd("0.00") == fees.service_fee(kept, on=date(2023, 6, 30))


@pytest.mark.parametrize(
    ("billed", "refused"),
    [("0.00", True), ("800.00", True), ("10000.00", True), ("10000.01", False), (None, True)],
)
def test_one_payment_at_the_kept_rate_is_refused_when_billed_before_was_never_past_the_scale(
    billed, refused
):
    """Fidelity r16 L4: rate="5%" on one 2023 payment was charged 5% with billed_before $0.

    Billings only grow, so a client not past $10,000 by this payment was not past it on
    2023-05-02: the contract was never at 5% (the same rule as for a whole contract, and the
    same boundary: exactly $10,000.00 is not past it).  Review r29 promises 1: without
    billed_before the client is new, as documented ($0 billed), and refused the same way; it
    was taken as "unknown" and charged 5% (DOMAIN.md section 4: $100 -> $10, not $5).
    """
    kwargs = {} if billed is None else {"billed_before": usd(billed)}
    if not refused:
        fee = fees.explain_service_fee(usd("100.00"), on=date(2023, 6, 1), rate="5%", **kwargs)
        assert (usd("5.00"), fees.FeeBasis.LEGACY) == (fee.fee, fee.basis)
        gross = fees.gross_for_net(usd("95.00"), on=date(2023, 6, 1), rate="5%", **kwargs)
        assert usd("100.00") == gross
        return
    for charge, amount in (
        (fees.service_fee, "100.00"),
        (fees.net_earnings, "100.00"),
        (fees.explain_service_fee, "100.00"),
        (fees.gross_for_net, "95.00"),
    ):
        with pytest.raises(RulesError) as caught:
            charge(usd(amount), on=date(2023, 6, 1), rate="5%", **kwargs)
        assert ("rate", "billings over USD 10,000.00 under the sliding scale") == (
            caught.value.field,
            caught.value.rule,
        )
        assert str(caught.value).endswith(f"come to USD {Decimal(billed or 0):,.2f}")


def test_with_one_flat_schedule_as_rules_the_kept_rate_is_taken_as_given():
    """rules= one schedule has no sliding scale before it to check against: a contract's kept
    5% is charged as given, as for one payment with rate="5%"."""
    new = _hourly(date(2023, 6, 1), Payment(date(2023, 7, 1), usd("1000.00")))
    assert usd("50.00") == fees.service_fee(new, on=date(2023, 7, 31), rules=fees.FLAT_10_2023)


def test_one_payment_refuses_a_contract_rate_an_earlier_schedule_refuses():
    """Regression (review of r10): outside the sliding scale the one-payment path stopped
    checking the contract's rate against its other payments, so a contract paid in 2024
    at 15% got a USD 150 fee from payout and explain_service_fee where service_fee(contract)
    refuses the rate (2024's schedule charges a flat 10%)."""
    from upwork_safety.errors import RulesError

    contract = Contract(
        "x",
        "client",
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        None,
        payments=[
            Payment(date(2024, 6, 1), Money("1000", "USD")),
            Payment(date(2025, 6, 1), Money("1000", "USD")),
        ],
        service_fee_rate=Decimal("0.15"),
    )
    calls = [
        lambda: fees.service_fee(contract, on=date(2025, 6, 1)),
        lambda: fees.explain_service_fee(
            Money("1000", "USD"), on=date(2025, 6, 1), contract=contract
        ),
        lambda: fees.gross_for_net(Money("850", "USD"), on=date(2025, 6, 1), contract=contract),
    ]
    for call in calls:
        with pytest.raises(RulesError) as info:
            call()
        assert "service_fee_rate" in (info.value.field or "")


_LATE_START = Contract("late", "acme", ContractKind.FIXED_PRICE, started=date(2024, 6, 1))
_BEFORE = date(2024, 5, 31)


@pytest.mark.parametrize(
    ("charge", "field"),
    [
        (
            lambda: fees.payout(
                Payment(_BEFORE, usd("100.00")),
                method="payoneer",
                contract=_LATE_START,
                reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2024, 6, 10)),
            ),
            "payment",
        ),
        (
            lambda: fees.payout(
                usd("100.00"),
                on=_BEFORE,
                method="payoneer",
                contract=_LATE_START,
                reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2024, 6, 10)),
            ),
            "on",
        ),
        (
            lambda: fees.explain_service_fee(usd("100.00"), on=_BEFORE, contract=_LATE_START),
            "on",
        ),
        (lambda: fees.gross_for_net(usd("90.00"), on=_BEFORE, contract=_LATE_START), "on"),
    ],
    ids=["payout-payment", "payout-amount", "explain_service_fee", "gross_for_net"],
)
def test_one_payment_functions_refuse_a_day_before_the_contract_started(charge, field):
    """A payment the contract itself would refuse is not charged on it either (review r16 L5).

    The contract refuses a payment of its own dated before it started; one
    more payment given with contract= was charged there, a day before the work.
    """
    with pytest.raises(InvalidValueError) as own:
        attrs.evolve(_LATE_START, payments=[Payment(_BEFORE, usd("100.00"))])
    with pytest.raises(InvalidValueError) as refused:
        charge()
    assert refused.value.field == field
    assert refused.value.rule == own.value.rule == "not before Contract.started"


def test_one_payment_functions_charge_the_contracts_first_day():
    """The day the contract started is inside it: charged at the contract's terms."""
    started = _LATE_START.started
    assert fees.explain_service_fee(usd("100.00"), on=started, contract=_LATE_START).fee == usd(
        "10.00"
    )
    assert fees.gross_for_net(usd("90.00"), on=started, contract=_LATE_START) == usd("100.00")


OFFER_RULE = "a contract started under a per-contract schedule"


def _fee_contract(started: date, rate: str) -> Contract:
    return Contract(
        "c",
        "acme",
        ContractKind.FIXED_PRICE,
        started=started,
        service_fee_rate=rate,
        payments=[Payment(date(2025, 6, 1), usd("100.00"))],
    )


@pytest.mark.parametrize(
    "charge",
    [
        lambda job: fees.service_fee(job, on=date(2025, 6, 30)),
        lambda job: fees.explain_service_fee(usd("100.00"), on=date(2025, 6, 2), contract=job),
        lambda job: fees.payout(
            job.payments[0],
            contract=job,
            method="payoneer",
            tax_rate=0,
            reference_rate=ExchangeRate("USD", "PKR", "280.00", as_of=date(2025, 6, 6)),
        ),
    ],
    ids=["service_fee", "explain_service_fee", "payout"],
)
def test_a_contract_started_before_per_contract_rates_cannot_carry_one(charge):
    """Fidelity r18 L8: a contract started 2024-03-01 with a 15% rate was charged USD 15.00 on
    a 2025 payment; its offer could show no rate of its own (DOMAIN.md section 4), so every
    function refuses it, and one started on 2025-05-01 keeps it."""
    with pytest.raises(RulesError) as caught:
        charge(_fee_contract(date(2024, 3, 1), "15%"))
    assert ("Contract.service_fee_rate", OFFER_RULE) == (caught.value.field, caught.value.rule)
    assert usd("15.00") == fees.service_fee(
        _fee_contract(date(2025, 5, 1), "15%"), on=date(2025, 6, 30)
    )


def test_a_contract_started_before_per_contract_rates_pays_the_default():
    """The default rate on an old contract is accepted, and a single schedule as rules= (a
    what-if with no earlier schedule) takes the contract's rate as given (r18 L8)."""
    old = _fee_contract(date(2024, 3, 1), "10%")
    assert usd("10.00") == fees.service_fee(old, on=date(2025, 6, 30))
    what_if = _fee_contract(date(2024, 3, 1), "15%")
    assert usd("15.00") == fees.service_fee(
        what_if, on=date(2025, 6, 30), rules=rules.PER_CONTRACT_2025
    )
