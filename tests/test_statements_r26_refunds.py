"""A fee charged and given back costs nothing (r25 left open: two withdrawal fees both refunded).

Two $0.99 fees on one withdrawal, both refunded, were netted to a fee of USD 0.00 and read
as a mismatch against the $0.99 Direct to Local Bank charges (DOMAIN.md §5).  The one
grouping rule (``judged_together``) now nets one refund for each charge after the first:
the double charge refunded once is the $0.99 published, and the second refund is checked on
its own (no verdict), as a refund beside a single fee always was.  Service fees follow the
same rule: $40 charged twice on a $400 payment (flat 10%, DOMAIN.md §4) and refunded twice.
"""

from __future__ import annotations

import attrs
import pytest

import test_statements
from test_statements_exports import table
from test_statements_withdrawal_fees import AUG_05, BANK, _report
from upwork_safety import Money, serialize, statements
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.statements import TransactionKind, WithdrawalFeeCheck, audit_fees, parse


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def test_two_withdrawal_fees_both_refunded_are_no_mismatch() -> None:
    audit = audit_fees(parse(_report([(BANK, ["-0.99", "-0.99", "0.99", "0.99"])], first=AUG_05)))
    netted, apart = audit.withdrawal_fees
    assert ([5, 4, 3], usd("0.99"), usd("0.99"), True) == (
        [row.line for row in netted.fees],
        netted.charged,
        netted.expected,
        netted.matches,
    )
    assert (2, usd("-0.99"), None) == (apart.fee.line, apart.charged, apart.matches)
    assert (apart.reason or "").startswith("a refund of a withdrawal fee")
    assert ((), usd("0.00")) == (audit.withdrawal_mismatches, audit.withdrawal_overcharged)
    assert audit == serialize.from_dict(statements.FeeAudit, serialize.to_dict(audit))


def test_three_charges_net_two_refunds_and_a_third_stays_apart() -> None:
    audit = audit_fees(
        parse(_report([(BANK, ["-0.99", "-0.99", "-0.99", "0.99", "0.99", "0.99"])], first=AUG_05))
    )
    netted, apart = audit.withdrawal_fees
    assert (5, usd("0.99"), True) == (len(netted.fees), netted.charged, netted.matches)
    assert (None, ()) == (apart.matches, audit.withdrawal_mismatches)


def test_two_service_fees_both_refunded_are_no_mismatch() -> None:
    audit = audit_fees(
        parse(
            table(
                test_statements.HISTORY,
                test_statements.TestFeeRefundsNetR12.rows("-40.00", "-40.00", "40.00", "40.00"),
            )
        )
    )
    (check,) = audit.checks
    assert (3, usd("40.00"), True) == (len(check.fees), check.charged, check.matches)
    assert ((), usd("0.00")) == (audit.mismatches, audit.overcharged)
    (refund,) = audit.not_checked
    assert usd("40.00") == refund.fee.amount


def test_a_check_nets_no_more_refunds_than_charges_after_the_first() -> None:
    statement = parse(_report([(BANK, ["-0.99", "-0.99", "0.99", "0.99"])], first=AUG_05))
    rows = [r for r in statement.transactions if r.kind is TransactionKind.WITHDRAWAL_FEE]
    charges = [r for r in rows if r.amount.amount < 0]
    refunds = [r for r in rows if r.amount.amount > 0]
    with pytest.raises(InvalidValueError) as info:
        WithdrawalFeeCheck(fee=charges[0], more_fees=[charges[1], *refunds])
    assert (
        "WithdrawalFeeCheck.more_fees[2]",
        "one fee refund netted for each charge after the first",
    ) == (
        info.value.field,
        info.value.rule,
    )


def test_a_saved_audit_keeps_the_second_refund_apart_and_the_first_netted() -> None:
    audit = audit_fees(parse(_report([(BANK, ["-0.99", "-0.99", "0.99", "0.99"])], first=AUG_05)))
    netted, apart = audit.withdrawal_fees
    # The first refund moved out of its check: it would have been netted there.
    out = attrs.evolve(netted, more_fees=netted.more_fees[:1])
    moved = WithdrawalFeeCheck(fee=netted.more_fees[1])
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(audit, withdrawal_fees=[out, moved, apart])
    assert "the fees of one withdrawal in one check" == info.value.rule
    data = serialize.to_dict(audit)
    data["withdrawal_fees"][0]["more_fees"].append(data["withdrawal_fees"][1]["fee"])
    del data["withdrawal_fees"][1]
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(statements.FeeAudit, data)
    assert ["one fee refund netted for each charge after the first"] == [
        p.rule for p in loaded.value.problems
    ]


@pytest.mark.parametrize(
    "fees", [["-0.99", "-0.99", "0.50", "0.99"], ["-0.99", "-0.99", "0.99", "0.50"]]
)
def test_the_largest_refund_is_netted_whatever_the_rows_order(fees: list[str]) -> None:
    """Review r26: the first refund in the rows was netted, so a partial refund of 0.50 read
    as an overcharge of 0.49 in one order and as a match in the other."""
    audit = audit_fees(parse(_report([(BANK, fees)], first=AUG_05)))
    netted, apart = audit.withdrawal_fees
    assert (usd("0.99"), True) == (netted.charged, netted.matches)
    assert (usd("-0.50"), None) == (apart.charged, apart.matches)
    assert ((), usd("0.00")) == (audit.withdrawal_mismatches, audit.withdrawal_overcharged)
