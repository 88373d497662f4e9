"""Money paid out but still in the security period: the ``FUNDS_PENDING`` finding (private).

:func:`~upwork_safety.checks.review_contract` reports, for each moment at
which paid money of a milestone becomes available, how much and when.  The
moment and the money are the engine's own: each ``funds_available``
deadline of :func:`upwork_safety.escrow.deadlines`, with its ``due`` and
the payment's ``amount``, never a second copy of the security period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety.checks._clocks import _left, _milestone_name, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety.models import Contract


def pending_findings(
    contract: Contract,
    deadlines: Sequence[escrow.Deadline],
    now: datetime,
) -> list[Finding]:
    """One ``FUNDS_PENDING`` finding per milestone and moment at which paid money becomes available.

    Args:
        contract: The contract advanced to *now* (its payments are recorded).
        deadlines: ``escrow.deadlines(contract, now, rules=rules)``.
        now: The moment of the review (UTC).
    """
    groups: dict[tuple[str | None, datetime], list[escrow.Deadline]] = {}
    for deadline in deadlines:
        if deadline.kind is escrow.DeadlineKind.FUNDS_AVAILABLE:
            # A release and its bonus share one moment: said in one finding.
            groups.setdefault((deadline.milestone_id, deadline.due), []).append(deadline)
    found: list[Finding] = []
    for (milestone_id, due), same in groups.items():
        amounts = [d.amount for d in same if d.amount is not None]  # the engine's: always set
        amount = sum(amounts[1:], amounts[0])
        of = (
            ""
            if milestone_id is None
            else f" for milestone {_milestone_name(contract.milestone(milestone_id))}"
        )
        left = due - now
        message = (
            f"{amount} paid to you{of} is pending (Upwork's security period): it becomes "
            f"available to withdraw at {_when(due)} ({_left(left)} from now)."
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
