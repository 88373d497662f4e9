"""Money paid out but still in the security period: the ``FUNDS_PENDING`` finding (private).

:func:`~upwork_safety.checks.review_contract` reports, for each moment at
which paid money of a milestone becomes available, how much and when.  The
moment is the engine's own: a ``funds_available`` deadline of
:func:`upwork_safety.escrow.deadlines`, never a second copy of the security
period.  Which payments a deadline frees is read from the advanced
contract's payments, each with the rules the engine's clock runs by
(:func:`upwork_safety.escrow.rules_in_force` on its moment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety.checks._clocks import _left, _milestone_name, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.models import PaymentKind

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety.models import Contract, Payment
    from upwork_safety.rules import PlatformRules


def _freed_by(
    contract: Contract, deadline: escrow.Deadline, rules: PlatformRules | None
) -> list[Payment]:
    """The payments of *deadline*'s milestone whose security period ends at its ``due``."""
    found: list[Payment] = []
    for payment in contract.payments:
        if (
            payment.kind is PaymentKind.OTHER
            or payment.at is None
            or payment.milestone_id != deadline.milestone_id
        ):
            continue
        period = escrow.rules_in_force(payment.at, rules=rules).security_period
        if payment.at + period == deadline.due:
            found.append(payment)
    return found


def _what(payments: Sequence[Payment]) -> str:
    """The payments in words: 'the USD 430.00 released on 2026-03-23 15:00:00 UTC'."""
    parts = []
    for payment in payments:
        assert payment.at is not None  # _freed_by keeps only payments with a moment
        what = "bonus paid" if payment.kind is PaymentKind.BONUS else "released"
        parts.append(f"the {payment.amount} {what} on {_when(payment.at)}")
    return " and ".join(parts)


def pending_findings(
    contract: Contract,
    deadlines: Sequence[escrow.Deadline],
    now: datetime,
    rules: PlatformRules | None,
) -> list[Finding]:
    """One ``FUNDS_PENDING`` finding per milestone and moment at which paid money becomes available.

    Args:
        contract: The contract advanced to *now* (its payments are recorded).
        deadlines: ``escrow.deadlines(contract, now, rules=rules)``.
        now: The moment of the review (UTC).
        rules: The caller's rules, if any (as for :func:`escrow.deadlines`).
    """
    groups: dict[tuple[str | None, datetime], list[escrow.Deadline]] = {}
    for deadline in deadlines:
        if deadline.kind is escrow.DeadlineKind.FUNDS_AVAILABLE:
            # A release and its bonus share one moment: said in one finding.
            groups.setdefault((deadline.milestone_id, deadline.due), []).append(deadline)
    found: list[Finding] = []
    for (milestone_id, due), same in groups.items():
        payments = _freed_by(contract, same[0], rules)
        # The engine made each of these deadlines from one of these payments.
        assert len(payments) == len(same), same
        amount = sum((p.amount for p in payments[1:]), payments[0].amount)
        of = (
            ""
            if milestone_id is None
            else f" for milestone {_milestone_name(contract.milestone(milestone_id))}"
        )
        what = _what(payments)
        left = due - now
        verb = "are" if len(payments) > 1 else "is"
        message = (
            f"{what[0].upper()}{what[1:]}{of} {verb} pending (Upwork's security period): it "
            f"becomes available to withdraw at {_when(due)} ({_left(left)} from now)."
        )
        advice = (
            "Nothing to do: pending money becomes available by itself. Plan the withdrawal "
            f"for {_when(due)} or later; until then it cannot be withdrawn."
        )
        found.append(
            make_finding(
                FindingCode.FUNDS_PENDING,
                message,
                advice,
                "",
                milestone_id=milestone_id,
                due=due,
                time_left=left,
                amount=amount,
                evidence="; ".join(f"{d.kind} at {_when(due)}: {d.consequence}" for d in same),
            )
        )
    return found
