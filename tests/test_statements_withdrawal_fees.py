"""Tests for the fee audit's withdrawal fees and ``Transaction.extra_value``.

Newcomer r17 M4: a $1.99 Direct to Local Bank fee passed the audit without a
word, though the export names the method and the library knows its $0.99.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from test_statements import REPORT  # the export header, written once for the tests
from test_statements_exports import history, table
from upwork_safety import Money, fees, serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.statements import (
    FeeAudit,
    TransactionKind,
    WithdrawalFeeCheck,
    audit_fees,
    parse,
)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


#: The method the fee rows name unless a test names another (its $0.99 is confirmed).
BANK = "Direct to Local Bank (PKR)"


def _report(withdrawals: list[tuple[str, list[str]]], *, first: date = date(2025, 6, 12)) -> str:
    """A Transactions report: $1,000 of income, then each withdrawal, a day apart from *first*.

    Each withdrawal is (method, fees): $100 withdrawn under an id of its own
    (2, 3, ...), then one fee row per amount in *fees* under the same id, all
    naming *method*; the rows newest first, as the export writes them.
    """
    balance = Decimal("1000.00")
    rows = [
        {
            "Date": f"{first - timedelta(days=1):%b %d, %Y}",
            "Transaction ID": "1",
            "Transaction Type": "Bonus",
            "Transaction Summary": "Site",
            "Team": "Acme",
            "Amount $": "1000.00",
            "Current Balance $": "1000.00",
        }
    ]
    for number, (method, fees_charged) in enumerate(withdrawals, start=2):
        on = first + timedelta(days=number - 2)
        for kind, amount in (
            ("Withdrawal", "-100.00"),
            *(("Withdrawal Fee", fee) for fee in fees_charged),
        ):
            balance += Decimal(amount)
            rows.append(
                {
                    "Date": f"{on:%b %d, %Y}",
                    "Transaction ID": str(number),
                    "Transaction Type": kind,
                    "Transaction Summary": kind,
                    "Amount $": amount,
                    "Current Balance $": str(balance),
                    "Payment Method": method,
                }
            )
    return table(REPORT, rows[::-1])


def test_a_withdrawal_fee_is_set_against_its_methods_published_fee():
    """$1.99 for Direct to Local Bank is $1.00 over its $0.99; $0.99 matches (HC 211060578)."""
    audit = audit_fees(parse(_report([(BANK, ["-0.99"]), (BANK, ["-1.99"])])))
    right, wrong = audit.withdrawal_fees
    assert fees.get_method("direct_to_local_bank") is right.method is wrong.method
    assert (usd("0.99"), usd("0.99"), True, usd("0.00"), None) == (
        right.charged,
        right.expected,
        right.matches,
        right.difference,
        right.reason,
    )
    assert (usd("1.99"), usd("0.99"), False, usd("1.00")) == (
        wrong.charged,
        wrong.expected,
        wrong.matches,
        wrong.difference,
    )
    assert ((wrong,), usd("1.00")) == (audit.withdrawal_mismatches, audit.withdrawal_overcharged)
    assert usd("0.00") == audit.overcharged  # the service fees' own total is apart
    assert repr(audit).endswith("without a fee; 1 withdrawal fee not as published>")
    assert any("not dated" in note and "HC 211060578" in note for note in audit.assumptions)


def test_a_zero_withdrawal_fee_is_checked_as_a_charge_of_nothing():
    """Red team r19 mutation V1: a $0.00 fee row charges nothing (a charge is at zero or
    below); it is checked against Direct to Local Bank's $0.99 (HC 211060578), not taken
    for a refund: $0.99 below, a mismatch that offsets nothing.  Red team r24 statements L2:
    kept, as the service-fee audit reads a row at zero (``is_charge``); docs/statements.md
    and docs/cli.md now say a 0.00 row is a charge of nothing, with this verdict."""
    audit = audit_fees(parse(_report([(BANK, ["0.00"])])))
    (check,) = audit.withdrawal_fees
    assert (usd("0.00"), usd("0.99"), False, usd("-0.99"), None) == (
        check.charged,
        check.expected,
        check.matches,
        check.difference,
        check.reason,
    )
    assert (check,) == audit.withdrawal_mismatches
    assert usd("0.00") == audit.withdrawal_overcharged


def test_a_withdrawal_fee_below_the_published_one_is_a_mismatch_and_offsets_nothing():
    audit = audit_fees(parse(_report([(BANK, ["-0.49"]), (BANK, ["-1.49"])])))
    assert [usd("-0.50"), usd("0.50")] == [c.difference for c in audit.withdrawal_mismatches]
    assert usd("0.50") == audit.withdrawal_overcharged


@pytest.mark.parametrize(
    ("method", "fee", "said"),
    [
        # An unconfirmed fee gets no verdict, whatever was charged.
        # It names what was charged before the unconfirmed figure (review r33, notebook 3).
        (
            "Payoneer",
            "-9.00",
            (
                "charged USD 9.00, against Payoneer's published fee of USD 2.00, which is "
                "unconfirmed (COMM Payoneer tip"
            ),
        ),
        (
            "US Dollar wire",
            "-30.00",
            (
                "charged USD 30.00, against US Dollar wire's published fee of USD 50.00, "
                "which is unconfirmed (HC 211063898 ($30), HC 35089917299219 ($50)"
            ),
        ),
        ("Wise", "-0.99", "the library knows no withdrawal method 'Wise' (it knows Direct"),
        # r18 exports F6: other wording of a known method is not guessed at (docs say so).
        (
            "Direct to Local Bank - PKR",
            "-0.99",
            "the library knows no withdrawal method 'Direct to Local Bank - PKR' (it knows",
        ),
        ("", "-0.99", "no 'Payment Method' on the row: the Transactions report's column is"),
        ("Direct to Local Bank (PKR)", "0.99", "a refund of a withdrawal fee"),
    ],
)
def test_a_withdrawal_fee_the_library_cannot_judge_says_why_and_gives_no_verdict(method, fee, said):
    (check,) = audit_fees(parse(_report([(method, [fee])]))).withdrawal_fees
    assert (None, None, None) == (check.expected, check.matches, check.difference)
    assert check.reason is not None
    assert check.reason.startswith(said)


@pytest.mark.parametrize("method", ["direct to local bank (pkr)", "DIRECT_TO_LOCAL_BANK"])
def test_a_method_is_matched_by_its_name_or_key_in_any_case(method):
    (check,) = audit_fees(parse(_report([(method, ["-1.99"])]))).withdrawal_fees
    assert check.method is not None
    assert ("direct_to_local_bank", usd("0.99"), False) == (
        check.method.key,
        check.expected,
        check.matches,
    )


def test_the_older_export_names_no_method_so_its_withdrawal_fees_are_not_checked():
    text = history(
        [
            ("Jun 02, 2025", "1", "Bonus", "100.00", "Acme", ""),
            ("Jun 03, 2025", "2", "Withdrawal", "-50.00", "", "Direct to Local Bank (PKR)"),
            ("Jun 03, 2025", "3", "Withdrawal Fee", "-1.99", "", "Withdrawal Fee"),
        ]
    )
    audit = audit_fees(parse(text))
    (check,) = audit.withdrawal_fees
    assert (None, usd("1.99")) == (check.matches, check.charged)
    # r18 exports F2: the reason says where the method is, not that the row names none.
    assert "the older Transaction History names the method only in the withdrawal row's" in (
        check.reason or ""
    )
    assert not any("withdrawal" in note for note in audit.assumptions)
    assert "withdrawal" not in repr(audit)


def test_a_withdrawal_fee_check_refuses_a_row_of_another_kind():
    statement = parse(_report([(BANK, ["-0.99"])]))
    withdrawal = next(r for r in statement.transactions if r.kind is TransactionKind.WITHDRAWAL)
    with pytest.raises(InvalidValueError) as info:
        WithdrawalFeeCheck(fee=withdrawal)
    assert ("WithdrawalFeeCheck.fee", "a withdrawal fee row") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidTypeError):
        WithdrawalFeeCheck(fee="line 3")  # type: ignore[arg-type]


def test_a_fee_audit_refuses_a_withdrawal_fee_twice_or_out_of_order():
    audit = audit_fees(parse(_report([(BANK, ["-0.99"]), (BANK, ["-1.99"])])))
    first, second = audit.withdrawal_fees
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(audit, withdrawal_fees=(first, first))
    assert info.value.field == "FeeAudit.withdrawal_fees[1]"
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(audit, withdrawal_fees=(second, first))
    assert (info.value.field, info.value.rule) == ("FeeAudit.withdrawal_fees[1]", "oldest first")


def test_a_fee_audit_with_withdrawal_fees_round_trips():
    audit = audit_fees(parse(_report([(BANK, ["-1.99"])])))
    loaded = serialize.from_json(FeeAudit, serialize.to_json(audit))
    assert loaded == audit
    assert usd("1.00") == loaded.withdrawal_overcharged


def test_the_cli_audit_lists_a_withdrawal_fee_not_as_published(tmp_path):
    from test_cli import run

    path = tmp_path / "report.csv"
    path.write_text(_report([(BANK, ["-1.99"]), ("Payoneer", ["-2.00"])]), "utf-8")
    code, text = run("statement", str(path), "--audit")
    section = text[text.index("Withdrawal fees, checked") :]
    assert 0 == code
    assert "overcharged       USD 1.00" in section
    assert "charged USD 1.99 on 2025-06-12, expected USD 0.99 (Direct to" in section
    assert "charged USD 2.00, against Payoneer's published fee of USD 2.00" in section
    code, text = run("statement", str(path), "--audit", "--json")
    data = json.loads(text)["fee_audit"]["withdrawal_fees"]
    assert (1, {"amount": "1.00", "currency": "USD"}) == (data["checked"], data["overcharged"])
    assert ["Direct to Local Bank (PKR)"] == [m["method"] for m in data["mismatches"]]
    assert [2] == [row["line"] for row in data["not_checked"]]  # newest first: line 2


# ============================================================================ extra_value


def test_extra_value_reads_a_column_the_export_keeps_in_extra():
    """Newcomer r17 L1: ``extra`` is pairs, so ``t.extra.get(...)`` failed; this reads one."""
    statement = parse(_report([(BANK, ["-0.99"])]))
    fee = statement.transactions[-1]
    assert ("Direct to Local Bank (PKR)",) * 2 == (
        fee.extra_value("Payment Method"),
        fee.extra_value("  payment   METHOD "),
    )
    assert fee.extra_value("Activity ID") is None
    with pytest.raises(InvalidTypeError) as info:
        fee.extra_value(5)  # type: ignore[arg-type]
    assert "column" == info.value.field


# ============================================================ one withdrawal, several fee rows


#: The day of the withdrawal charged more than once (its fees under one id, 2).
AUG_05 = date(2024, 8, 5)


def test_a_withdrawal_fee_charged_twice_on_one_withdrawal_is_an_overcharge():
    """Red team r24 statements M1: two $0.99 Direct to Local Bank rows under one withdrawal's
    Transaction ID are $1.98 for a withdrawal whose published fee is $0.99 (HC 211060578):
    $0.99 overcharged, as a service fee charged twice is (docs/statements.md, ``twice``)."""
    audit = audit_fees(parse(_report([(BANK, ["-0.99", "-0.99"])], first=AUG_05)))
    (check,) = audit.withdrawal_fees
    assert ([3, 2], usd("1.98"), usd("0.99"), False, usd("0.99")) == (
        [row.line for row in check.fees],
        check.charged,
        check.expected,
        check.matches,
        check.difference,
    )
    assert ((check,), usd("0.99")) == (audit.withdrawal_mismatches, audit.withdrawal_overcharged)
    assert "lines 3, 2: charged USD 1.98" in repr(check)


def test_a_double_withdrawal_fee_refunded_once_matches_and_one_refund_stays_apart():
    """The service fees' rule: one refund netted for each charge after the first."""
    (netted,) = audit_fees(
        parse(_report([(BANK, ["-0.99", "-0.99", "0.99"])], first=AUG_05))
    ).withdrawal_fees
    assert (usd("0.99"), True, 3) == (netted.charged, netted.matches, len(netted.fees))
    (with_zero,) = audit_fees(
        parse(_report([(BANK, ["-0.99", "0.00"])], first=AUG_05))
    ).withdrawal_fees
    assert (usd("0.99"), True) == (with_zero.charged, with_zero.matches)  # 0.00 adds nothing
    single, refund = audit_fees(
        parse(_report([(BANK, ["-0.99", "0.99"])], first=AUG_05))
    ).withdrawal_fees
    assert (True, (), usd("-0.99"), None) == (
        single.matches,
        single.more_fees,
        refund.charged,
        refund.matches,
    )
    assert (refund.reason or "").startswith("a refund of a withdrawal fee")


def test_the_fee_rows_of_one_withdrawal_naming_two_methods_get_no_verdict():
    statement = parse(_report([(BANK, ["-0.99", "-0.99"])], first=AUG_05))
    first, second = (r for r in statement.transactions if r.kind is TransactionKind.WITHDRAWAL_FEE)
    extra = tuple((k, "Payoneer" if k == METHOD else v) for k, v in second.extra)
    check = WithdrawalFeeCheck(fee=first, more_fees=[attrs.evolve(second, extra=extra)])
    assert (None, None) == (check.matches, check.expected)
    assert (check.reason or "").startswith("the fee rows of one withdrawal name different methods")


@pytest.mark.parametrize(
    "spelling",
    ["direct_to_local_bank", "DIRECT TO LOCAL BANK (PKR)", "Direct to Local Bank (PKR) "],
)
def test_one_method_spelt_two_ways_is_one_method_and_the_double_charge_is_found(spelling):
    """Review r24 B M2: rows are read as one row alone is (fees.get_method), not by their text."""
    statement = parse(_report([(BANK, ["-0.99", "-0.99"])], first=AUG_05))
    first, second = (r for r in statement.transactions if r.kind is TransactionKind.WITHDRAWAL_FEE)
    extra = tuple((k, spelling if k == METHOD else v) for k, v in second.extra)
    check = WithdrawalFeeCheck(fee=first, more_fees=[attrs.evolve(second, extra=extra)])
    assert (False, usd("0.99"), usd("1.98")) == (check.matches, check.expected, check.charged)


METHOD = "Payment Method"


def test_a_withdrawal_fee_check_refuses_rows_of_another_withdrawal_or_a_lone_refund_netted():
    statement = parse(_report([(BANK, ["-0.99", "0.99"])], first=AUG_05))
    charge, refund = (r for r in statement.transactions if r.kind is TransactionKind.WITHDRAWAL_FEE)
    with pytest.raises(InvalidValueError) as info:
        WithdrawalFeeCheck(fee=charge, more_fees=[refund])
    assert (
        "WithdrawalFeeCheck.more_fees[0]",
        "one fee refund netted for each charge after the first",
    ) == (
        info.value.field,
        info.value.rule,
    )
    other = attrs.evolve(refund, amount=usd("-0.99"), id="9")
    with pytest.raises(InvalidValueError) as info:
        WithdrawalFeeCheck(fee=charge, more_fees=[other])
    assert ("WithdrawalFeeCheck.more_fees[0]", "the fee rows of one withdrawal (one id)") == (
        info.value.field,
        info.value.rule,
    )
    with pytest.raises(InvalidValueError) as info:
        WithdrawalFeeCheck(fee=charge, more_fees=[charge])
    assert "each row on a line of its own" == info.value.rule


def test_a_fee_audit_refuses_the_charges_of_one_withdrawal_in_two_checks():
    """A saved audit cannot hide a double charge by splitting it over two checks."""
    audit = audit_fees(parse(_report([(BANK, ["-0.99", "-0.99"])], first=AUG_05)))
    (check,) = audit.withdrawal_fees
    split = (WithdrawalFeeCheck(fee=check.fee), WithdrawalFeeCheck(fee=check.more_fees[0]))
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(audit, withdrawal_fees=split)
    assert ("FeeAudit.withdrawal_fees[1]", "the fees of one withdrawal in one check") == (
        info.value.field,
        info.value.rule,
    )
    loaded = serialize.from_json(FeeAudit, serialize.to_json(audit))
    assert (loaded, usd("0.99")) == (audit, loaded.withdrawal_overcharged)


def test_the_cli_names_every_fee_row_of_a_withdrawal_charged_twice(tmp_path):
    from test_cli import run

    path = tmp_path / "report.csv"
    path.write_text(_report([(BANK, ["-0.99", "-0.99"])], first=AUG_05), "utf-8")
    code, text = run("statement", str(path), "--audit")
    section = text[text.index("Withdrawal fees, checked") :]
    # The check's own order (fee, the first charged, then more_fees), as --json and repr
    # give it; the text sorted them (review r25 leftovers 3).
    (check,) = audit_fees(parse(path.read_text("utf-8"))).withdrawal_fees
    assert repr(check).startswith("<WithdrawalFeeCheck lines 3, 2: ")
    assert (0, True, True) == (
        code,
        "checked           2 fee rows" in section,
        "Withdrawal fee lines 3, 2: charged USD 1.98 on 2024-08-05, expected USD 0.99" in section,
    )
    code, text = run("statement", str(path), "--audit", "--json")
    data = json.loads(text)["fee_audit"]["withdrawal_fees"]
    assert (2, {"amount": "0.99", "currency": "USD"}, [[3, 2]]) == (
        data["checked"],
        data["overcharged"],
        [m["fee_lines"] for m in data["mismatches"]],
    )


def test_an_unconfirmed_fee_carries_the_amount_charged_and_the_published_figure():
    """A $30 wire fee reads as charged $30, not $50: both figures are on the check (r33 3)."""
    (check,) = audit_fees(parse(_report([("US Dollar wire", ["-30.00"])]))).withdrawal_fees
    assert usd("30.00") == check.charged
    assert check.method is not None
    assert usd("50.00") == check.method.fixed_fee
    assert check.reason is not None
    assert check.reason.index("USD 30.00") < check.reason.index("USD 50.00")
