"""Review r40 1: the fee audit and a client's billings before the export.

``audit_fees`` took every client's billings before the export as $0.00, so a
correct sliding-scale fee on a client billed before was "not as scheduled",
with ``rate_assumed=False``, and the caller had no way to give the billings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import fees, statements
from upwork_safety.cli import main
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.money import Money

HEADER = (
    '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name","PO",'
    '"Amount","Amount in local currency","Currency","Balance"\n'
)


def _export(fee: str = "-30.00", day: str = "Jan 10, 2022", client: str = "Northwind") -> str:
    return HEADER + (
        f'"{day}","2","Service Fee","Service Fee for Ref ID 1","","A","{client}","A","",'
        f'"{fee}","{fee}","USD","{Decimal("300.00") + Decimal(fee)}"\n'
        f'"{day}","1","Fixed Price","Milestone 1","","A","{client}","A","","300.00","300.00",'
        '"USD","300.00"\n'
    )


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def test_a_fee_some_earlier_billings_explain_is_on_assumed_billings() -> None:
    audit = statements.audit_fees(statements.parse(_export()))
    (check,) = audit.checks
    # The engine itself charges $30 on $300 to a client billed $600 before.
    assert usd("30.00") == fees.service_fee(
        usd("300.00"), on=date(2022, 1, 10), billed_before=usd("600.00")
    )
    assert check.billings_assumed is True
    assert check.rate_assumed is False
    assert check.within_schedule is True
    assert (usd("15.00"), usd("60.00")) == check.allowed  # 5% of all, to a new client's
    assert (usd("0.00"), usd("60.00")) == (check.billed_before, check.expected)
    assert ((), (check,)) == (audit.mismatches, audit.on_assumed_billings)
    assert audit.to_records()[0]["billings_assumed"] is True
    assert any("unknown" in note for note in audit.assumptions)


@pytest.mark.parametrize(
    ("fee", "excess"),
    [("-61.00", usd("1.00")), ("-14.00", usd("-1.00"))],  # above a new client's, below 5%
)
def test_a_fee_no_earlier_billings_explain_is_still_a_mismatch(fee: str, excess: Money) -> None:
    audit = statements.audit_fees(statements.parse(_export(fee)))
    (check,) = audit.mismatches
    assert check.billings_assumed is True
    assert excess == check.excess


@pytest.mark.parametrize(
    ("billed", "expected", "within"),
    [("600.00", "30.00", True), ("0.00", "60.00", False), ("10000.00", "15.00", False)],
)
def test_billings_given_by_client_are_the_engines_input(
    billed: str, expected: str, within: bool
) -> None:
    audit = statements.audit_fees(
        statements.parse(_export()), billed_before={"Northwind": usd(billed)}
    )
    (check,) = audit.checks
    engine = fees.service_fee(usd("300.00"), on=date(2022, 1, 10), billed_before=usd(billed))
    assert (usd(billed), engine) == (check.billed_before, check.expected)
    assert usd(expected) == check.expected
    assert (check.billings_assumed, check.allowed, check.within_schedule) == (False, None, within)
    assert () == audit.on_assumed_billings
    assert not any("unknown" in note for note in audit.assumptions)


def test_a_check_cannot_claim_assumed_billings_off_the_sliding_scale() -> None:
    audit = statements.audit_fees(statements.parse(_export("-30.00", "Jan 10, 2024")))
    (check,) = audit.checks
    assert check.billings_assumed is False
    with pytest.raises(InvalidValueError) as info:
        statements.FeeCheck(
            fee=check.fee,
            income=check.income,
            expected=check.expected,
            schedule=check.schedule,
            basis=check.basis,
            billings_assumed=True,
        )
    assert "FeeCheck.billings_assumed" == info.value.field


def test_a_saved_check_with_assumed_billings_must_carry_the_engines_range() -> None:
    (check,) = statements.audit_fees(statements.parse(_export())).checks
    with pytest.raises(InvalidValueError) as info:
        statements.FeeCheck(
            fee=check.fee,
            income=check.income,
            expected=check.expected,
            schedule=check.schedule,
            basis=check.basis,
            billed_before=check.billed_before,
            billings_assumed=True,
            allowed=(usd("0.00"), usd("60.00")),
        )
    assert "FeeCheck.allowed" == info.value.field


@pytest.mark.parametrize(
    ("given", "error", "field", "rule"),
    [
        (
            {"northwind": usd("1.00")},
            InvalidValueError,
            "billed_before",
            "a client of the statement",
        ),
        ({" ": usd("1.00")}, InvalidValueError, "billed_before", "a client that shows something"),
        ({1: usd("1.00")}, InvalidTypeError, "billed_before", "str clients"),
        (
            [("Northwind", usd("1.00"))],
            InvalidTypeError,
            "billed_before",
            "a mapping of client to Money",
        ),
        (
            {"Northwind": usd("-1.00")},
            InvalidValueError,
            "billed_before['Northwind']",
            "not negative",
        ),
        (
            {"Northwind": Money("1.00", "EUR")},
            CurrencyMismatchError,
            "billed_before['Northwind']",
            "in USD",
        ),
        ({"Northwind": 5}, InvalidTypeError, "billed_before['Northwind']", "Money"),
    ],
)
def test_billings_are_refused_by_the_engines_rules(given, error, field, rule) -> None:
    with pytest.raises(error) as info:
        statements.audit_fees(statements.parse(_export()), billed_before=given)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_the_command_line_takes_billings_by_client(tmp_path, capsys) -> None:
    path = tmp_path / "history.csv"
    path.write_text(_export(), encoding="utf-8")
    assert 0 == main(["statement", str(path), "--audit", "--json"])
    import json

    assumed = json.loads(capsys.readouterr().out)["fee_audit"]
    assert (0, 1) == (len(assumed["mismatches"]), assumed["on_assumed_billings"])
    assert 0 == main(
        ["statement", str(path), "--audit", "--json", "--billed-before", "Northwind=0.00"]
    )
    known = json.loads(capsys.readouterr().out)["fee_audit"]
    assert (1, 0) == (len(known["mismatches"]), known["on_assumed_billings"])
