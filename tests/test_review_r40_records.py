"""Review r40 (newcomer): records, stored JSON and errors for embedders (2, 4, 6, 7).

2. Every ``to_records`` row keeps the currency of an amount: ``currency`` after
   the first money column, ``<name>_currency`` after each other one.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    Money,
    checks,
    escrow,
    hourly,
    serialize,
)

UTC = timezone.utc


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def eur_job() -> Contract:
    job = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Logo", Money("150.00", "EUR"))],
    )
    job = escrow.apply(job, escrow.Fund("m1", at(2026, 3, 2, 9)))
    return escrow.apply(job, escrow.Submit("m1", at(2026, 3, 3, 9)))


# --- 2: the currency of an amount in records -----------------------------------


def test_finding_records_keep_the_currency_of_the_amount():
    job = escrow.apply(eur_job(), escrow.RequestRefund("m1", at(2026, 3, 4, 9)))
    found = checks.review_contract(job, now=at(2026, 3, 4, 10))
    rows = checks.to_records(found)
    pending = next(r for r in rows if r["code"] == "REFUND_REQUEST_PENDING")
    assert Decimal("150.00") == pending["amount"]
    assert "EUR" == pending["currency"]
    assert list(pending).index("currency") == list(pending).index("amount") + 1
    # A finding without an amount has the same keys, None for both.
    other = next(r for r in rows if r["amount"] is None)
    assert other["currency"] is None
    assert list(other) == list(pending)
    # and it reaches JSON with the currency beside the amount
    written = json.loads(serialize.to_json(rows))
    assert {"amount": "150.00", "currency": "EUR"}.items() <= next(
        r for r in written if r["code"] == "REFUND_REQUEST_PENDING"
    ).items()


def test_finding_to_records_matches_checks_to_records():
    finding = checks.Finding(
        "REVIEW_PERIOD_RUNNING",
        checks.Severity.INFO,
        "In review.",
        "Wait.",
        milestone_id="m1",
        amount=Money("15.00", "PKR"),
    )
    row = finding.to_records()[0]
    assert (Decimal("15.00"), "PKR") == (row["amount"], row["currency"])
    assert [row] == checks.to_records([finding])


def test_deadline_records_keep_the_currency_of_the_amount():
    job = escrow.apply(eur_job(), escrow.Approve("m1", at(2026, 3, 4, 9)))
    rows = escrow.deadlines(job, at(2026, 3, 5)).to_records()
    available = next(r for r in rows if r["kind"] == "funds_available")
    assert (Decimal("150.00"), "EUR") == (available["amount"], available["currency"])
    assert all(r["currency"] is None for r in rows if r["amount"] is None)
    assert {tuple(r) for r in rows} == {tuple(available)}


def test_payout_schedule_records_are_decimals_with_their_currency():
    paid = hourly.bonus(Money("40.00", "EUR"), paid_at=at(2025, 1, 7, 10))
    row = hourly.payout_schedule(bonuses=[paid]).to_records()[0]
    assert (Decimal("40.00"), "EUR") == (row["amount"], row["currency"])
    assert (Decimal("0.00"), "EUR") == (row["protected_amount"], row["protected_amount_currency"])
    assert not any(isinstance(v, Money) for v in row.values())


def test_no_record_holds_an_amount_without_its_currency():
    """Each money column of these reports' rows is followed by its currency column."""
    job = escrow.apply(eur_job(), escrow.Approve("m1", at(2026, 3, 4, 9)))
    reports = [
        escrow.ledger(job, at(2026, 3, 5)).to_records(),
        escrow.deadlines(job, at(2026, 3, 5)).to_records(),
        checks.to_records(checks.review_contract(job, now=at(2026, 3, 5))),
    ]
    for rows in reports:
        for row in rows:
            names = list(row)
            for i, name in enumerate(names):
                if name in {"amount", "protected_amount"}:
                    following = names[i + 1]
                    assert following in {"currency", f"{name}_currency"}, (name, names)
                    if row[name] is not None:
                        assert row[following] == "EUR"
