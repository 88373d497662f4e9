"""``review_contract``'s pending money on many equal payments (red team r39 second pass 4, r40 1).

Equal bonuses (a weekly $10 tip) all share one milestone (none) and one
amount, so the review matched each deadline against every equal payment
before it: quadratic, 16,000 payments in 17 s.  The work is counted in
Python calls made by the pending-money code, not timed.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, checks, escrow
from upwork_safety.checks import _pending
from upwork_safety.models import PaymentKind

if TYPE_CHECKING:
    from types import FrameType

UTC = timezone.utc
_PENDING = _pending.__file__
START = datetime(2026, 3, 3, tzinfo=UTC)


def _bonuses(n: int, *, apart: timedelta = timedelta(seconds=5)) -> Contract:
    payments = [
        Payment(
            (START + apart * i).date(),
            Money("10.00", "USD"),
            kind=PaymentKind.BONUS,
            at=START + apart * i,
        )
        for i in range(n)
    ]
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 1),
        payments=payments,
        service_fee_rate="0.10",
    )


def _calls(contract: Contract, now: datetime) -> tuple[int, list[checks.Finding]]:
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == _PENDING:
            calls += 1

    sys.setprofile(count)
    try:
        found = checks.review_contract(contract, now=now)
    finally:
        sys.setprofile(None)
    return calls, found


def test_equal_bonuses_cost_linear_work() -> None:
    now = START + timedelta(days=1)
    work = []
    for n in (150, 300):
        calls, found = _calls(_bonuses(n), now)
        pending = [f for f in found if f.code is checks.FindingCode.FUNDS_PENDING]
        assert len(pending) == n
        work.append(calls)
    # Twice the payments, about twice the work (quadratic was four times).
    assert work[1] <= 2.3 * work[0], work


def test_equal_bonuses_each_get_their_own_fee() -> None:
    # Every $10 bonus is one pending finding, due five days after its own moment,
    # and each says what it nets after the contract's 10% fee.
    contract = _bonuses(3, apart=timedelta(hours=1))
    found = checks.review_contract(contract, now=START + timedelta(days=1))
    pending = [f for f in found if f.code is checks.FindingCode.FUNDS_PENDING]
    assert [f.due for f in pending] == [START + timedelta(days=5, hours=i) for i in range(3)]
    assert all(f.amount == Money("10.00", "USD") for f in pending)
    assert all("9.00" in f.message for f in pending)


def test_one_payment_listed_twice_names_only_the_gross() -> None:
    # The same Payment object twice: which entry a deadline means is not known,
    # so the finding says the gross only, as before.
    bonus = Payment(START.date(), Money("10.00", "USD"), kind=PaymentKind.BONUS, at=START)
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 1),
        payments=[bonus, bonus],
        service_fee_rate="0.10",
    )
    found = checks.review_contract(contract, now=START + timedelta(days=1))
    pending = [f for f in found if f.code is checks.FindingCode.FUNDS_PENDING]
    assert [f.amount for f in pending] == [Money("20.00", "USD")]
    assert "9.00" not in pending[0].message
    assert "18.00" not in pending[0].message


def _partial_approvals(amounts: list[str]) -> Contract:
    # Partial approvals of one milestone, all at one moment (red team r40, 1).
    total = sum(Decimal(a) for a in amounts) + 1
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 1),
        milestones=[Milestone("m1", "Work", Money(total, "USD"))],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2025, 6, 1, 9, tzinfo=UTC)))
    contract = escrow.apply(contract, escrow.Submit("m1", datetime(2025, 6, 1, 10, tzinfo=UTC)))
    at = datetime(2025, 6, 2, 9, tzinfo=UTC)
    return escrow.replay(
        contract, [escrow.Approve("m1", at, amount=Money(a, "USD")) for a in amounts]
    )


def test_equal_releases_at_one_moment_are_one_finding_in_linear_work() -> None:
    now = datetime(2025, 6, 3, tzinfo=UTC)
    work = []
    for n in (300, 600):
        calls, found = _calls(_partial_approvals(["1.00"] * n), now)
        (pending,) = [f for f in found if f.code is checks.FindingCode.FUNDS_PENDING]
        assert pending.amount == Money(n, "USD")
        assert pending.due == datetime(2025, 6, 7, 9, tzinfo=UTC)
        # One line for the n equal releases, with their count: within the text limit.
        assert pending.evidence.count("funds_available") == 1
        assert f"(x{n})" in pending.evidence
        work.append(calls)
    assert work[1] <= 2.3 * work[0], work


def test_many_different_releases_at_one_moment_list_ten_and_count_the_rest() -> None:
    amounts = [f"{i}.00" for i in range(1, 1001)]
    found = checks.review_contract(
        _partial_approvals(amounts), now=datetime(2025, 6, 3, tzinfo=UTC)
    )
    (pending,) = [f for f in found if f.code is checks.FindingCode.FUNDS_PENDING]
    assert pending.amount == Money(sum(range(1, 1001)), "USD")
    assert pending.evidence.count("funds_available") == 10
    assert pending.evidence.endswith("and 990 more at the same moment")
    assert len(pending.evidence) < 5_000
