"""Review r40 2: ARBITRATION_UNECONOMIC compares what winning would leave with the fee.

The trigger had compared the gross held amount with the $291 fee while its
message argued from the net after Upwork's service fee: a $291-$323.32
milestone at 10% (which leaves less than $291) got no finding.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from upwork_safety import Contract, ContractKind, Milestone, checks, escrow, fees
from upwork_safety.checks import FindingCode
from upwork_safety.money import Money

UTC = timezone.utc
FEE = Money("291.00", "USD")


def _review(amount: str, start: date, rate: str | None = None) -> list[checks.Finding]:
    extra = {} if rate is None else {"service_fee_rate": Decimal(rate)}
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        start,
        milestones=[
            Milestone("m1", "Deliver 5 logo concepts as PNG and SVG files", Money(amount, "USD"))
        ],
        **extra,
    )
    funded_at = datetime(start.year, start.month, start.day, 10, tzinfo=UTC)
    contract = escrow.apply(contract, escrow.Fund(at=funded_at, milestone_id="m1"))
    now = datetime(start.year, start.month, start.day + 1, tzinfo=UTC)
    found = checks.review_contract(contract, now=now)
    return [f for f in found if f.code is FindingCode.ARBITRATION_UNECONOMIC]


# (amount, contract start, contract rate, finding expected): the edges at the fee
# rates in force, each with its net worked out by the public fee engine below.
EDGES = [
    ("290.00", date(2024, 3, 1), None, True),
    ("291.00", date(2024, 3, 1), None, True),  # net $261.90 (flat 10%)
    ("300.00", date(2024, 3, 1), None, True),  # net $270.00
    ("323.32", date(2024, 3, 1), None, True),  # net $290.99
    ("323.33", date(2024, 3, 1), None, False),  # net $291.00
    ("323.32", date(2025, 6, 2), None, True),  # the default 10% per-contract rate
    ("323.33", date(2025, 6, 2), None, False),
    ("342.34", date(2025, 6, 2), "0.15", True),  # a contract's own 15%: net $290.99
    ("342.35", date(2025, 6, 2), "0.15", False),
    ("363.74", date(2020, 3, 2), None, True),  # sliding scale, a new client's 20%
    ("363.75", date(2020, 3, 2), None, False),
]


@pytest.mark.parametrize(("amount", "start", "rate", "expected"), EDGES)
def test_the_trigger_is_the_net_against_the_fee(
    amount: str, start: date, rate: str | None, expected: bool
) -> None:
    held = Money(amount, "USD")
    net = fees.explain_service_fee(held, on=start, rate=None if rate is None else Decimal(rate)).net
    assert (net < FEE) is expected  # the engine's own figure decides the edge
    found = _review(amount, start, rate)
    assert len(found) == int(expected)
    if expected:
        (finding,) = found
        assert FEE == finding.amount
        assert "m1" == finding.milestone_id
        assert str(net) in finding.evidence  # the figure, not the sentence
        assert f"about {net} after" in finding.message


def test_a_milestone_in_another_currency_still_gets_no_finding() -> None:
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Deliver 5 logo concepts", Money("150.00", "EUR"))],
    )
    contract = escrow.apply(
        contract, escrow.Fund(at=datetime(2024, 3, 1, 10, tzinfo=UTC), milestone_id="m1")
    )
    found = checks.review_contract(contract, now=datetime(2024, 3, 2, tzinfo=UTC))
    assert FindingCode.ARBITRATION_UNECONOMIC not in [f.code for f in found]
