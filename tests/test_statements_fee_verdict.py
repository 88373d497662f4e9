"""Tests for what a fee check says it is measured against (red team r18, newcomer F5).

With an assumed rate, a fee above the range allowed is over by what exceeds
the highest fee of the range, not by its distance from the fee expected:
the check's text, and the ``statement --audit`` line, say so.
"""

from __future__ import annotations

import io

from test_statements_exports import report
from upwork_safety import Money
from upwork_safety.cli import main
from upwork_safety.statements import audit_fees, parse


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _logo_2026(charged: str) -> str:
    """A $500 fixed-price payment of 2026 and its service fee of *charged*."""
    return report(
        [
            ("May 18, 2026", "8300013", "Fixed-price", "500.00", "Lahore Digital", "Logo kit"),
            ("May 18, 2026", "8300013", "Service Fee", f"-{charged}", "Lahore Digital", "Logo kit"),
        ]
    )


def test_a_fee_above_the_range_names_the_highest_fee_allowed():
    """$80 on $500 with 10% assumed: $5.00 above the 15% top ($75.00), not $30.00 above $50.00."""
    (check,) = audit_fees(parse(_logo_2026("80.00"))).mismatches
    assert (usd("50.00"), usd("30.00"), usd("5.00"), usd("75.00")) == (
        check.expected,
        check.difference,
        check.excess,
        check.excess_from,
    )
    assert "the highest fee the 0%–15% range allows" == check.excess_from_text
    assert "USD 5.00 above the highest fee the 0%–15% range allows, USD 75.00" == check.verdict
    assert check.verdict in repr(check)


def test_a_fee_within_the_range_is_within_the_schedule():
    """$60 on $500 (12%) with 10% assumed: a rate allowed charges it, measured from itself."""
    (check,) = audit_fees(parse(_logo_2026("60.00"))).checks
    assert (usd("0.00"), usd("60.00"), "within the schedule") == (
        check.excess,
        check.excess_from,
        check.verdict,
    )
    assert "the fee charged, within the 0%–15% range" == check.excess_from_text


def test_a_fee_with_a_known_rate_is_measured_from_the_fee_expected():
    """With the contract's rate given, the excess is the difference from the fee expected."""
    (check,) = audit_fees(parse(_logo_2026("80.00")), rate="15%").mismatches
    assert (usd("5.00"), usd("75.00"), "the fee expected (contract)") == (
        check.excess,
        check.excess_from,
        check.excess_from_text,
    )
    assert "USD 5.00 above the fee expected (contract), USD 75.00" == check.verdict
    (below,) = audit_fees(parse(_logo_2026("70.00")), rate="15%").mismatches
    assert "USD 5.00 below the fee expected (contract), USD 75.00" == below.verdict


def test_the_cli_audit_line_says_what_the_excess_is_above(tmp_path):
    """statement --audit: 'USD 5.00 above the highest fee the 0%–15% range allows, USD 75.00'."""
    path = tmp_path / "report.csv"
    path.write_text(_logo_2026("80.00"), encoding="utf-8")
    out = io.StringIO()
    assert 0 == main(["statement", str(path), "--audit"], out=out)
    text = " ".join(out.getvalue().split())  # the line is wrapped
    assert (
        "expected USD 50.00 (default, an assumed rate): USD 5.00 above the highest fee the "
        "0%–15% range allows, USD 75.00" in text
    )
    assert "above the schedule" not in text
