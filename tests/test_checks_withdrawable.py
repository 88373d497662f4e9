"""Tests for what the pay findings say becomes available to withdraw: the amount after the fee.

Newcomer r21 H1: ``FUNDS_PENDING``, ``REVIEW_PERIOD_RUNNING``,
``HOURS_IN_REVIEW`` and ``HOURS_PENDING`` (and the demo) said the gross
payment "becomes available to withdraw", while ``fees.payout`` says the
balance is the payment less Upwork's service fee.  Every expected net is
worked out by hand from DOMAIN.md section 4:

- 2023-05-03 on, flat 10%: $900 → fee $90, net $810; $430 → $387;
  a week billed $180 → $162.
- 2025-05-01 on, a contract's own 15%: $750 → fee $112.50, net $637.50;
  a $400 release and a $100 bonus → fee $60 + $15, net $425; $180 → $153.
- A contract that kept the legacy 5% into 2023 (billed $10,500 with the
  client before 2023-05-03): $1,000 on 2023-06-06 → fee $50, net $950.
- The 2016-2023 sliding scale (20% on the first $500 billed with the
  client, 10% to $10,000): a first $300 → fee $60, net $240 (charged in
  its place, not after itself: $250 would be wrong); $300 after $400
  billed → $100 at 20% + $200 at 10% = $40, net $260.

The findings' ``amount`` stays the gross the engines count (documented).
"""

import importlib
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    ExchangeRate,
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    checks,
    escrow,
    fees,
)
from upwork_safety.checks import FindingCode
from upwork_safety.models import PaymentKind, TimeEntry

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
TITLE = "API: 5 endpoints with tests"


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def fixed(amount, *, started, rate=None, payments=(), currency="USD"):
    """A fixed-price contract with one milestone m1 of *amount*."""
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        started,
        milestones=[Milestone("m1", TITLE, Money(amount, currency))],
        payments=payments,
        service_fee_rate=rate,
    )


def approved(contract, day, *, bonus=None):
    """*contract* with m1 funded, submitted and approved (09:00 UTC on *day*, bonus optional)."""
    at = datetime.combine(day, datetime.min.time(), UTC).replace(hour=9)
    contract = escrow.apply(contract, escrow.Fund("m1", at - timedelta(days=5)))
    contract = escrow.apply(contract, escrow.Submit("m1", at - timedelta(days=1)))
    return escrow.apply(contract, escrow.Approve("m1", at, bonus=bonus))


def only(found, code):
    """The one finding of *code* in *found*."""
    (finding,) = [f for f in found if f.code is code]
    return finding


def pending(contract, day):
    """The FUNDS_PENDING finding of *contract* a day after m1 was approved on *day*."""
    now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(days=1, hours=9)
    return only(checks.review_contract(contract, now=now), FindingCode.FUNDS_PENDING)


def withdrawable(finding):
    """The clause of the finding's message saying what becomes available to withdraw."""
    return finding.message.split("(Upwork's security period): ", 1)[1].split(" at ")[0]


@pytest.mark.parametrize(
    ("amount", "rate", "net", "fee"),
    [
        ("900.00", None, "USD 810.00", "Upwork's 10% service fee"),
        ("750.00", Decimal("0.15"), "USD 637.50", "Upwork's 15% service fee"),
    ],
)
def test_funds_pending_says_the_net_that_becomes_available(amount, rate, net, fee):
    """FUNDS_PENDING says the payment less the fee in force becomes available; amount stays gross."""
    day = date(2026, 12, 1)
    finding = pending(approved(fixed(amount, started=date(2026, 11, 1), rate=rate), day), day)
    assert usd(amount) == finding.amount
    assert f"{net} of it, after {fee}, becomes available to withdraw" == withdrawable(finding)
    assert finding.message.startswith(f"{usd(amount)} paid to you for milestone m1")


def test_funds_pending_agrees_with_payout_and_net_earnings():
    """The newcomer's $750 at 15%: the finding's net is fees.payout's balance, USD 637.50."""
    day = date(2026, 12, 1)
    contract = approved(fixed("750.00", started=date(2026, 11, 10), rate="0.15"), day)
    (payment,) = contract.payments
    paid = fees.payout(
        payment,
        contract=contract,
        method=fees.PAYONEER,
        reference_rate=ExchangeRate("USD", "PKR", "280.00", as_of=day + timedelta(days=5)),
    )
    assert usd("637.50") == paid.balance
    assert usd("637.50") == fees.net_earnings(contract, on=day)
    assert str(paid.balance) in pending(contract, day).message


def test_a_release_and_its_bonus_are_each_charged():
    """A $400 release and a $100 bonus at 15%: USD 425.00 becomes available, amount USD 500.00."""
    day = date(2026, 6, 6)
    contract = fixed("400.00", started=date(2026, 1, 10), rate="0.15")
    finding = pending(approved(contract, day, bonus=usd("100.00")), day)
    assert usd("500.00") == finding.amount
    assert (
        "USD 425.00 of it, after Upwork's 15% service fee, becomes available to withdraw"
        == withdrawable(finding)
    )


def test_the_kept_legacy_five_percent_is_charged():
    """A contract that kept 5% into 2023: $1,000 on 2023-06-06 leaves USD 950.00."""
    early = Payment(date(2022, 6, 1), usd("10500.00"))
    contract = fixed("1000.00", started=date(2022, 1, 10), rate="0.05", payments=[early])
    day = date(2023, 6, 6)
    finding = pending(approved(contract, day), day)
    assert usd("1000.00") == finding.amount
    assert (
        "USD 950.00 of it, after Upwork's 5% service fee, becomes available to withdraw"
        == withdrawable(finding)
    )


def test_the_sliding_scale_charges_the_payment_in_its_place():
    """2020, a new client: a first $300 is charged 20%, USD 240.00, not as if billed after itself."""
    day = date(2020, 6, 6)
    finding = pending(approved(fixed("300.00", started=date(2020, 1, 10)), day), day)
    # No single rate under the sliding scale: the fee is named without one.
    assert (
        "USD 240.00 of it, after Upwork's service fee, becomes available to withdraw"
        == withdrawable(finding)
    )


def test_review_period_running_says_the_net_of_the_release():
    """In review, 2020, $400 billed before: the $300 release leaves USD 260.00 (20% then 10%)."""
    earlier = Payment(date(2020, 2, 1), usd("400.00"))
    contract = fixed("300.00", started=date(2020, 1, 10), payments=[earlier])
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2020, 6, 1, 9, tzinfo=UTC)))
    contract = escrow.apply(contract, escrow.Submit("m1", datetime(2020, 6, 5, 9, tzinfo=UTC)))
    found = checks.review_contract(contract, now=datetime(2020, 6, 6, tzinfo=UTC))
    finding = only(found, FindingCode.REVIEW_PERIOD_RUNNING)
    assert usd("300.00") == finding.amount
    assert finding.message.endswith(
        "It is then pending for Upwork's security period, and USD 260.00 of it, after "
        "Upwork's service fee, becomes available to withdraw at 2020-06-24 09:00:00 UTC."
    )


def test_review_period_running_at_a_contract_rate():
    """A $750 milestone in review at 15%: USD 637.50 of it becomes available after release."""
    contract = fixed("750.00", started=date(2026, 11, 10), rate="0.15")
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2026, 11, 10, 9, tzinfo=UTC)))
    contract = escrow.apply(contract, escrow.Submit("m1", datetime(2026, 11, 28, 9, tzinfo=UTC)))
    found = checks.review_contract(contract, now=datetime(2026, 11, 29, tzinfo=UTC))
    finding = only(found, FindingCode.REVIEW_PERIOD_RUNNING)
    assert usd("750.00") == finding.amount
    assert "USD 637.50 of it, after Upwork's 15% service fee, becomes available" in (
        finding.message
    )


def test_a_fee_that_cannot_be_worked_out_is_said_to_come_off():
    """A EUR milestone (the fee is charged on USD): no net, but never the gross as withdrawable."""
    day = date(2026, 6, 6)
    finding = pending(
        approved(fixed("400.00", started=date(2026, 1, 10), currency="EUR"), day), day
    )
    assert Money("400.00", "EUR") == finding.amount
    assert "it becomes available to withdraw, less Upwork's service fee," == withdrawable(finding)


def test_a_payment_listed_twice_is_not_guessed():
    """One Payment object listed twice: the fee is said to come off, not worked out on a guess."""
    at = datetime(2020, 6, 6, 9, tzinfo=UTC)
    bonus = Payment(at.date(), usd("100.00"), at=at, kind=PaymentKind.BONUS)
    contract = Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 10), payments=[bonus, bonus]
    )
    (finding,) = checks.review_contract(contract, now=datetime(2020, 6, 7, tzinfo=UTC))
    assert FindingCode.FUNDS_PENDING is finding.code
    assert usd("200.00") == finding.amount
    assert "it becomes available to withdraw, less Upwork's service fee," == withdrawable(finding)


def hourly_contract(rate=None):
    """The r20 newcomer's week: $15/h, 12 h in the week of 30 Nov 2026, $180 billed."""
    start = datetime(2026, 11, 30, 10, tzinfo=KARACHI)
    entries = [TimeEntry(start + timedelta(days=d), start + timedelta(days=d, hours=4),
                         memo="API work", activity=7) for d in range(3)]  # fmt: skip
    return Contract(
        "h1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 11, 1),
        hourly_rate=usd("15.00"),
        weekly_limit=20,
        time_entries=entries,
        service_fee_rate=rate,
    )


@pytest.mark.parametrize(
    ("rate", "net", "fee"),
    [
        (None, "USD 162.00", "Upwork's 10% service fee"),
        ("0.15", "USD 153.00", "Upwork's 15% service fee"),
    ],
)
@pytest.mark.parametrize(
    "moment",
    [
        (datetime(2026, 12, 8, 5, tzinfo=UTC), FindingCode.HOURS_IN_REVIEW, "the pay"),
        (datetime(2026, 12, 12, 5, tzinfo=UTC), FindingCode.HOURS_PENDING, "it"),
    ],
)
def test_an_hourly_week_says_the_net_that_becomes_available(rate, net, fee, moment):
    """A week billed $180: USD 162.00 at 10% (USD 153.00 at 15%) becomes available; amount gross."""
    now, code, of = moment
    finding = only(checks.review_contract(hourly_contract(rate), now=now), code)
    assert usd("180.00") == finding.amount
    assert (
        f"{net} of {of}, after {fee}, becomes available to withdraw at 2026-12-16 00:00:00 UTC"
        in finding.message
    )


def test_the_demo_says_the_net_is_available(capsys):
    """The demo's section 3 says USD 810.00 is available to withdraw, as section 4's balance."""
    cli = importlib.import_module("upwork_safety.cli")
    assert 0 == cli.main(["demo"])
    text = capsys.readouterr().out
    assert "available to withdraw: USD 810.00, after the service fee" in text
    assert "available to withdraw: USD 900.00" not in text
    assert "your balance  USD 810.00" in text


# ======================================================== explain_service_fee of a Payment


def test_explain_service_fee_charges_a_contracts_payment_in_its_place():
    """A Payment of the contract is charged after the ones before it, not after itself."""
    first = Payment(date(2020, 3, 2), usd("750.00"))
    second = Payment(date(2020, 3, 9), usd("300.00"))
    contract = fixed("10.00", started=date(2020, 3, 1), payments=[first, second])
    assert usd("125.00") == fees.explain_service_fee(first, contract=contract).fee
    assert usd("30.00") == fees.explain_service_fee(second, contract=contract).fee
    assert usd("155.00") == fees.service_fee(contract, on=date(2020, 3, 9))
    # Its amount alone is one more payment, billed after both: 10%.
    assert (
        usd("75.00") == fees.explain_service_fee(first.amount, on=first.on, contract=contract).fee
    )
    # Without a contract, a Payment is its amount on its day, with a new client.
    assert usd("125.00") == fees.explain_service_fee(first).fee


def test_explain_service_fee_refuses_a_date_other_than_the_payments():
    """on= must be the payment's own date; an amount needs on=."""
    payment = Payment(date(2026, 3, 2), usd("100.00"))
    assert usd("10.00") == fees.explain_service_fee(payment, on=date(2026, 3, 2)).fee
    with pytest.raises(InvalidValueError) as wrong:
        fees.explain_service_fee(payment, on=date(2026, 3, 3))
    assert ("on", "the payment's date") == (wrong.value.field, wrong.value.rule)
    with pytest.raises(InvalidValueError) as missing:
        fees.explain_service_fee(usd("100.00"))
    assert ("on", "a payment date") == (missing.value.field, missing.value.rule)


def _sliding_hourly(*, recorded: bool) -> Contract:
    """Two weeks of 10 hours at $30 in June 2020 (the sliding scale), a new client."""
    from upwork_safety.models import TimeEntry

    start = datetime(2020, 6, 1, 9, tzinfo=timezone.utc)  # a Monday
    entries = [
        TimeEntry(
            start + timedelta(days=d), start + timedelta(days=d, hours=5), memo="w", activity=7
        )
        for d in (0, 1, 7, 8)
    ]
    pay = (
        [
            Payment(date(2020, 6, 8), Money("300.00", "USD")),
            Payment(date(2020, 6, 15), Money("300.00", "USD")),
        ]
        if recorded
        else []
    )
    return Contract(
        "h1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2020, 5, 20),
        hourly_rate=Money("30.00", "USD"),
        weekly_limit=40,
        time_entries=entries,
        payments=pay,
    )


@pytest.mark.parametrize("recorded", [True, False])
def test_each_hourly_week_is_charged_in_its_own_place_on_the_sliding_scale(recorded):
    """Review r21 H1: week 1 ($300, nothing billed before) leaves $240 (fee 20% = $60);
    week 2 ($300 after $300) leaves $250 ($200 at 20% + $100 at 10% = $50), whether each
    week's pay is recorded on the contract or not yet: $250 and $270 had been said, a week
    charged after its own recorded pay, and an unrecorded week 2 as a first billing."""
    contract = _sliding_hourly(recorded=recorded)
    found = {
        f.code: f.message
        for f in checks.review_contract(contract, now=datetime(2020, 6, 16, 5, tzinfo=timezone.utc))
    }
    assert "USD 240.00 of it, after Upwork's service fee" in found[FindingCode.HOURS_PENDING]
    assert "USD 250.00 of the pay, after Upwork's service fee" in found[FindingCode.HOURS_IN_REVIEW]
    if recorded:
        assert Money("110.00", "USD") == fees.service_fee(contract, on=date(2020, 6, 20))
