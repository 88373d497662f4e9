"""Money paid out but still in the security period: the ``FUNDS_PENDING`` finding (private).

:func:`~upwork_safety.checks.review_contract` reports, for each moment at
which paid money of a milestone becomes available, how much and when.  The
moment and the money are the engine's own: each ``funds_available``
deadline of :func:`upwork_safety.escrow.deadlines`, with its ``due`` and
the payment's ``amount``.  What becomes withdrawable is the payment less
Upwork's service fee (``_net``, newcomer r21 H1): the finding's ``amount``
stays the gross payment the engine counts, and its message says both.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety.checks._clocks import _left, _milestone_name, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._net import becomes_available, net_of_payments, own_fees
from upwork_safety.models import PaymentKind
from upwork_safety.rules import _available_after

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety.models import Contract, Payment
    from upwork_safety.money import Money
    from upwork_safety.rules import PlatformRules, RuleHistory


class _Paid:
    """The contract's payments by milestone, amount and the moment each is available.

    Made once per review: a deadline is matched against the payments of its
    milestone and amount only, each payment's moment is worked out once, and
    each payment is taken at most once (red team r39, hostile 2 and second
    pass 4: scanning every payment, or every equal payment, for each deadline
    was quadratic).
    """

    def __init__(
        self,
        contract: Contract,
        rules: PlatformRules | RuleHistory[PlatformRules] | None,
    ) -> None:
        self._rules = rules
        self._by: dict[tuple[str | None, Money | None], list[Payment]] = {}
        for p in contract.payments:  # in the contract's order: the first match is the first listed
            if p.kind is not PaymentKind.OTHER:
                self._by.setdefault((p.milestone_id, p.amount), []).append(p)
        self._at: dict[tuple[str | None, Money | None], dict[datetime, deque[Payment]]] = {}

    def _by_moment(self, key: tuple[str | None, Money | None]) -> dict[datetime, deque[Payment]]:
        """The payments of one milestone and amount by when their security period ends.

        Worked out the first time a deadline asks for *key*, as the engine's
        timer counts it (:func:`escrow.rules_in_force` and the rules' one
        reading of the period, ``rules._available_after``); each list keeps
        the contract's order.
        """
        at = self._at.get(key)
        if at is None:
            at = {}
            for payment in self._by.get(key, ()):
                moment = payment.moment
                due = _available_after(moment, escrow.rules_in_force(moment, rules=self._rules))
                at.setdefault(due, deque()).append(payment)
            self._at[key] = at
        return at

    def find(self, same: Sequence[escrow.Deadline]) -> list[Payment] | None:
        """The contract's payments that *same* (one milestone's, due at one moment) make available.

        Each deadline is the first listed payment of its milestone and amount,
        not already taken, whose security period ends at the deadline's
        ``due``, by the rules the engine runs it under; ``None`` when one
        cannot be told apart from another (then only the gross is said).  A
        deadline names no payment (only its milestone, amount and due), so
        the payment is found by the moment the engine gave it, worked out as
        the engine works it out (the same rules, the same one reading), not
        by a copy of the sum.  One group of deadlines is the only one to ask
        for its milestone and moment, so a payment taken here is not wanted
        by another.
        """
        found: list[Payment] = []
        taken: set[int] = set()
        for deadline in same:
            waiting = self._by_moment((deadline.milestone_id, deadline.amount)).get(deadline.due)
            match = None
            while waiting and match is None:
                candidate = waiting.popleft()
                if id(candidate) not in taken:  # one Payment object listed twice is taken once
                    match = candidate
            if match is None:  # which entry of a payment listed twice is meant is not known
                return None
            taken.add(id(match))
            found.append(match)  # equal payments at one moment: each the same fee's turn
        return found


def pending_findings(
    contract: Contract,
    deadlines: Sequence[escrow.Deadline],
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> list[Finding]:
    """One ``FUNDS_PENDING`` finding per milestone and moment at which paid money becomes available.

    Args:
        contract: The contract advanced to *now* (its payments are recorded).
        deadlines: ``escrow.deadlines(contract, now, rules=rules)``.
        now: The moment of the review (UTC).
        rules: The caller's rules (``None``: those in force), as the deadlines were given.
    """
    groups: dict[tuple[str | None, datetime], list[escrow.Deadline]] = {}
    for deadline in deadlines:
        if deadline.kind is escrow.DeadlineKind.FUNDS_AVAILABLE:
            # A release and its bonus share one moment: said in one finding.
            groups.setdefault((deadline.milestone_id, deadline.due), []).append(deadline)
    found: list[Finding] = []
    paid = _Paid(contract, rules)
    charge = own_fees(contract)
    for (milestone_id, due), same in groups.items():
        amounts = [d.amount for d in same if d.amount is not None]  # the engine's: always set
        amount = sum(amounts[1:], amounts[0])
        of = (
            ""
            if milestone_id is None
            else f" for milestone {_milestone_name(contract.milestone(milestone_id))}"
        )
        left = due - now
        payments = paid.find(same)
        net = None if payments is None else net_of_payments(charge, payments)
        message = (
            f"{amount} paid to you{of} is pending (Upwork's security period): "
            f"{becomes_available(net)} "
            f"at {_when(due)} ({_left(left)} from now)."
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
                evidence=_evidence(same, due),
            )
        )
    return found


#: The most different deadlines one finding's evidence lists; the rest are counted.
_LISTED = 10


def _evidence(same: Sequence[escrow.Deadline], due: datetime) -> str:
    """The deadlines behind one finding: each different one once, with how many say it.

    Many releases of one milestone at one moment (partial approvals replayed
    together) are one line with a count, and past :data:`_LISTED` different
    lines the rest are counted, so the evidence of a valid contract stays
    inside the library's text limit (red team r40, 1).
    """
    lines: dict[str, int] = {}
    for deadline in same:
        line = f"{deadline.kind} at {_when(due)}: {deadline.consequence}"
        lines[line] = lines.get(line, 0) + 1
    shown = [line if n == 1 else f"{line} (x{n})" for line, n in list(lines.items())[:_LISTED]]
    rest = sum(list(lines.values())[_LISTED:])
    if rest:
        shown.append(f"and {rest} more at the same moment")
    return "; ".join(shown)
