"""Escrow tests that kill mutants mutmut found surviving (dates in UTC, small remainders, messages)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow
from upwork_safety.errors import InvalidTypeError

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))


def contract(*amounts):
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 1),
        milestones=[
            Milestone(f"m{i + 1}", f"Part {i + 1}", Money(a, "USD")) for i, a in enumerate(amounts)
        ],
    )


def test_payment_date_is_the_utc_date_even_for_local_times():
    """An approval at 03:00 in Karachi on 24 March is paid on 23 March (UTC)."""
    c = escrow.apply(contract("100"), escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=UTC)))
    c = escrow.apply(c, escrow.Approve("m1", datetime(2026, 3, 24, 3, tzinfo=KARACHI)))
    assert [date(2026, 3, 23)] == [p.on for p in c.payments]


def test_payment_date_for_utc_times():
    """An approval at 23:30 UTC is paid that same UTC day."""
    c = escrow.apply(contract("100"), escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=UTC)))
    c = escrow.apply(c, escrow.Approve("m1", datetime(2026, 3, 23, 23, 30, tzinfo=UTC)))
    assert [date(2026, 3, 23)] == [p.on for p in c.payments]


def test_a_remainder_under_one_dollar_still_counts_as_escrow():
    """$0.50 left after a partial approval (and no next milestone) is still in escrow."""
    c = escrow.apply(contract("10"), escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=UTC)))
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    c = escrow.apply(c, escrow.Approve("m1", at, amount=Money("9.50", "USD")))
    book = escrow.ledger(c, at)
    assert Money("0.50", "USD") == book.in_escrow
    assert "RequestRefund" in escrow.allowed(c, "m1").allowed
    ended = escrow.apply(c, escrow.EndContract(at + timedelta(hours=1)))
    assert "refund_response_due" in [
        d.kind for d in escrow.deadlines(ended, at + timedelta(hours=1))
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: escrow.apply(
                contract("10"), escrow.Fund("m1", datetime(2026, 3, 2, tzinfo=UTC)), rules=42
            ),
            "rules must be a PlatformRules or None, not int",
        ),
        (
            lambda: escrow.apply("c1", escrow.Fund("m1", datetime(2026, 3, 2, tzinfo=UTC))),
            "contract must be a Contract, not str",
        ),
    ],
)
def test_type_errors_name_the_type_given(call, message):
    """Wrong argument types are refused naming the type that was given."""
    with pytest.raises(InvalidTypeError, match=message):
        call()
