"""Amounts the engines work out themselves are in their currency's minor unit (red team r22 L1).

docs/testing.md promises that a zero the library computes is written in
cents (``"0.00"``), so that fixtures written with their cents give JSON whose
every amount has two decimals.  ``hourly.payout_schedule`` wrote ``"0"`` for
the protected part of a bonus or weekly payment, an empty bucket of
``balances()`` and an empty schedule's total; the statement audit wrote
``"0"`` for a first row's billings, and ``Contract.earnings`` was ``0`` for a
contract with no payments.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, serialize, statements
from upwork_safety.hourly import (
    PayoutStatus,
    billing_week,
    bonus,
    invoice,
    payout_schedule,
    weekly_payment,
)
from upwork_safety.money import minor_unit
from upwork_safety.testing import strategies as us

UTC = timezone.utc
WEEK = billing_week(datetime(2024, 1, 3, tzinfo=UTC))


def written_amounts(value: object) -> list[tuple[str, str]]:
    """Every ``(amount, currency)`` in *value*'s JSON form, in the order written."""
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if set(node) == {"amount", "currency"}:
                found.append((node["amount"], node["currency"]))
                return
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(serialize.to_dict(value))
    return found


def off_minor_unit(value: object) -> list[tuple[str, str]]:
    """The amounts of *value*'s JSON not written to exactly their currency's minor unit."""
    return [
        (amount, currency)
        for amount, currency in written_amounts(value)
        if len(amount.partition(".")[2]) != minor_unit(currency)
    ]


# --------------------------------------------------------------------------- pinned


def test_schedule_zeros_are_in_cents_beside_the_amounts_given_in_cents():
    """The page's own case: a $40.00 bonus and a $150.00 weekly payment, every amount with cents."""
    extra = bonus(Money("40.00", "USD"), paid_at=datetime(2024, 1, 3, tzinfo=UTC))
    retainer = weekly_payment(Money("150.00", "USD"), week=WEEK)
    plan = payout_schedule(bonuses=[extra], weekly_payments=[retainer])
    assert [("40.00", "USD"), ("0.00", "USD"), ("150.00", "USD"), ("0.00", "USD")] == (
        written_amounts(plan)
    )
    balances = plan.balances(datetime(2024, 1, 4, tzinfo=UTC))
    assert {
        PayoutStatus.UPCOMING: "150.00",
        PayoutStatus.IN_REVIEW: "0.00",
        PayoutStatus.PENDING: "40.00",
        PayoutStatus.AVAILABLE: "0.00",
    } == {status: str(money.amount) for status, money in balances.items()}
    assert (
        '{"upcoming":{"amount":"150.00","currency":"USD"},'
        '"in_review":{"amount":"0.00","currency":"USD"},'
        '"pending":{"amount":"40.00","currency":"USD"},'
        '"available":{"amount":"0.00","currency":"USD"}}'
    ) == serialize.to_json(balances)
    assert ("0.00", "190.00") == (str(plan.protected.amount), str(plan.total.amount))


def test_an_empty_schedule_totals_zero_in_cents():
    """No payments: the total, the protected part and every bucket are USD 0.00, not USD 0."""
    plan = payout_schedule()
    zeros = [plan.total, plan.protected, *plan.balances(datetime(2024, 1, 1, tzinfo=UTC)).values()]
    assert [Money("0.00", "USD")] * 6 == zeros
    assert ["0.00"] * 6 == [str(zero.amount) for zero in zeros]


def test_schedule_zeros_follow_the_currencys_own_minor_unit():
    """A yen bonus's protected part is JPY 0 (no minor unit), a dinar one's KWD 0.000."""
    paid = datetime(2024, 1, 3, tzinfo=UTC)
    for currency, amount, zero in (("JPY", "4000", "0"), ("KWD", "12.500", "0.000")):
        plan = payout_schedule(bonuses=[bonus(Money(amount, currency), paid_at=paid)])
        assert (zero, zero) == (
            str(plan.items[0].protected_amount.amount),
            str(plan.balances(paid)[PayoutStatus.AVAILABLE].amount),
        )


def test_amounts_given_without_cents_are_added_as_given():
    """Only a zero the schedule makes is written in cents; a bonus given as USD 40 stays 40."""
    extra = bonus(Money("40", "USD"), paid_at=datetime(2024, 1, 3, tzinfo=UTC))
    plan = payout_schedule(bonuses=[extra])
    assert ("40", "40") == (
        str(plan.total.amount),
        str(plan.balances(extra.paid_at)[PayoutStatus.PENDING].amount),
    )


def test_a_contract_without_payments_has_earned_zero_in_cents():
    """Contract.earnings with no payments is the milestones' currency's zero, USD 0.00."""
    job = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Logo", Money("300.00", "USD"))],
    )
    assert ("0.00", "USD") == (str(job.earnings.amount), job.earnings.currency)
    yen = Contract(
        "c2", "acme", ContractKind.HOURLY, date(2024, 3, 1), hourly_rate=Money("3000", "JPY")
    )
    assert ("0", "JPY") == (str(yen.earnings.amount), yen.earnings.currency)


def test_the_fee_audit_writes_a_new_clients_billings_in_cents():
    """On the sliding scale a client's first income row was billed_before USD 0, not 0.00."""
    found = statements.parse(
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
        "2023-01-09,900002,Service Fee,Service Fee for Ref ID 900001,,,Initech,,,-30.00,,,120.00\n"
        "2023-01-09,900001,Fixed Price,Invoice,,,Initech,,,150.00,,,150.00\n"
    )
    (check,) = statements.audit_fees(found).checks
    assert ("0.00", []) == (str(check.billed_before.amount), off_minor_unit(check))


# --------------------------------------------------------------------------- properties

#: Currencies with 2, 0 and 3 decimals of minor unit.
CURRENCIES = st.sampled_from(["USD", "JPY", "KWD"])


@given(data=st.data(), currency=CURRENCIES)
def test_every_amount_of_a_payout_schedule_is_in_minor_units(data, currency):
    """Inputs in whole minor units give a schedule, its balances and sums in minor units only."""
    week, entries, pauses = data.draw(us.work_weeks())
    rate = data.draw(us.money(currency, min_value=1))
    limit = data.draw(st.none() | us.weekly_limits())
    bill = invoice(entries, week=week, rate=rate, weekly_limit=limit, pauses=pauses)
    chosen = {
        "invoices": data.draw(st.lists(st.just(bill), max_size=1)),
        "bonuses": data.draw(st.lists(us.bonuses(currency), max_size=2)),
        "weekly_payments": data.draw(st.lists(us.weekly_payments(currency), max_size=1)),
    }
    plan = payout_schedule(**chosen)
    moment = data.draw(us.aware_datetimes())
    assert [] == off_minor_unit(plan)
    assert [] == off_minor_unit(plan.balances(moment))
    assert [] == off_minor_unit([plan.total, plan.protected])


@given(us.contract_histories())
def test_every_amount_of_an_escrow_ledger_is_in_minor_units(history):
    """Contracts in whole minor units: the replayed contract, its ledger and earnings stay so."""
    _, _events, final = history
    # From the last moment final records: an automatic step (a dormancy
    # closure, then its automatic refund) can come after the last event drawn.
    moment = max(datetime(2030, 1, 1, tzinfo=UTC), final.recorded_until)
    moment += timedelta(days=30)
    assert [] == off_minor_unit(final)
    assert [] == off_minor_unit(escrow.ledger(final, moment))
    assert [] == off_minor_unit(final.earnings)
