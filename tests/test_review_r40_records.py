"""Review r40 (newcomer): records, stored JSON and errors for embedders (2, 4, 6, 7).

2. Every ``to_records`` row keeps the currency of an amount: ``currency`` after
   the first money column, ``<name>_currency`` after each other one.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

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


# --- 6: JSON-safe errors; CODES refuses an unknown code with the library's error ----


def test_codes_lookup_of_an_unknown_code_is_a_library_error():
    from upwork_safety import UnknownMemberError

    for key in ("off_platform_payment", "NOPE", 3, ["x"]):
        with pytest.raises(UnknownMemberError) as caught:
            checks.CODES[key]  # type: ignore[index]
        assert ("code", "a FindingCode") == (caught.value.field, caught.value.rule)
        assert isinstance(caught.value, KeyError)
    assert checks.CODES.get("nope") is None  # type: ignore[call-overload]
    assert "nope" not in checks.CODES
    assert checks.CODES["OFF_PLATFORM_PAYMENT"].code is checks.FindingCode.OFF_PLATFORM_PAYMENT


def test_an_error_has_a_json_safe_dict():
    from upwork_safety import InvalidValueError

    body = InvalidValueError("bad", field="Milestone.amount", rule="whole cents").to_dict()
    assert {
        "error": "InvalidValueError",
        "message": "bad",
        "field": "Milestone.amount",
        "rule": "whole cents",
    } == body


def test_a_loading_error_has_its_problems_as_dicts():
    from upwork_safety import Contract, InvalidDataError

    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(
            Contract, '{"id": "c1", "client": "acme", "kind": "x", "started": "no"}'
        )
    body = caught.value.to_dict()
    assert ("InvalidDataError", "text", 2, True) == (
        body["error"],
        body["field"],
        body["count"],
        body["complete"],
    )
    problems = body["problems"]
    assert isinstance(problems, list)
    assert ["$.kind", "$.started"] == [p["path"] for p in problems]
    assert all(set(p) == {"path", "message", "rule", "line"} for p in problems)
    assert json.loads(json.dumps(body)) == body


def test_a_file_problem_dict_has_its_line():
    from upwork_safety import InvalidDataError, statements

    text = "Date,Contract,Hours,Amount,Payment type\n2024-09-02,API integration (38100001),2.00,$40.00,\n"
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(text)
    first = caught.value.problems[0].to_dict()
    assert first["line"] == 2
    assert isinstance(first["rule"], str)
    assert isinstance(first["path"], str)
    assert "line 2" in first["path"]


# --- 7: the factories' default amounts have their cents --------------------------


def test_factory_defaults_are_written_with_cents():
    from upwork_safety.testing import factories

    amounts = [
        factories.milestone().amount,
        factories.contract().milestones[0].amount,
        factories.submitted_contract().milestones[0].amount,
        factories.finished_contract().payments[0].amount,
        factories.history(2)[1].payments[0].amount,
    ]
    rate = factories.hourly_contract().hourly_rate
    assert rate is not None
    assert ["500.00"] * 5 + ["20.00"] == [str(m.amount) for m in [*amounts, rate]]
    # equal (and hashing alike) to the same amounts without cents
    assert Money("500", "USD") == amounts[0]
    assert hash(Money("500", "USD")) == hash(amounts[0])


def test_a_snapshot_of_default_fixtures_has_two_decimals_throughout():
    from upwork_safety.testing import factories

    job = factories.submitted_contract()
    written = serialize.to_dict(escrow.ledger(job, at(2026, 3, 10)))
    amounts = [v["amount"] for v in written.values() if isinstance(v, dict) and "amount" in v]
    assert amounts
    assert all(a.partition(".")[2] == "00" for a in amounts), amounts
