"""``CURRENCY_NOT_MODELLED``: a contract in a currency Upwork's rules are not stated in (private).

A :class:`~upwork_safety.Contract` holds facts, so one with amounts in EUR or
GBP is built as given.  The rules some checks compare with are stated in
one currency (DOMAIN.md's figures, in USD): the minimum milestone and the
arbitration fee of :class:`~upwork_safety.rules.PlatformRules`, and the
fee engine's service fee schedules.  No exchange rate is assumed, so a
milestone or payment in another currency is not compared with them; the
review used to drop those findings and figures without a word (newcomer
r38, second pass, finding 2).  Now it says once which it could not judge.
The currencies are read from the rules and the fee engine, never written
here.
"""

from __future__ import annotations

from datetime import timezone
from typing import TYPE_CHECKING

import upwork_safety.fees as fees  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import shown
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.models import ContractKind

if TYPE_CHECKING:
    from datetime import datetime

    from upwork_safety.models import Contract
    from upwork_safety.rules import PlatformRules


def _currencies(contract: Contract) -> set[str]:
    """Every currency the contract's own amounts are in."""
    found = {m.amount.currency for m in contract.milestones}
    found.update(p.amount.currency for p in contract.payments)
    if contract.hourly_rate is not None:
        found.add(contract.hourly_rate.currency)
    return found


def _fee_currency(now: datetime) -> str:
    """The currency of the service fee schedule in force *now* (or the first one)."""
    history = fees.SERVICE_FEE_HISTORY
    return history.in_force(max(now.astimezone(timezone.utc).date(), history.first_day)).currency


def _skipped(contract: Contract, now: datetime, in_force: PlatformRules) -> list[tuple[str, str]]:
    """``(what was not judged, the currency its rule is in)`` for *contract*'s other currencies."""
    own = _currencies(contract)
    fee_what = (
        "the amount after Upwork's service fee (and so the net figures of the findings "
        "that say when money becomes available to withdraw)"
    )
    rules: list[tuple[str, str]] = [(fee_what, _fee_currency(now))]
    if contract.kind is ContractKind.FIXED_PRICE:
        minimum, fee = in_force.minimum_milestone, in_force.arbitration_fee
        rules += [
            (f"the minimum milestone ({minimum}: MILESTONE_BELOW_MINIMUM)", minimum.currency),
            (f"the arbitration fee ({fee}: ARBITRATION_UNECONOMIC)", fee.currency),
        ]
    return [(what, currency) for what, currency in rules if own - {currency}]


def currency_findings(contract: Contract, now: datetime, in_force: PlatformRules) -> list[Finding]:
    """One ``CURRENCY_NOT_MODELLED`` naming what could not be judged, or nothing."""
    skipped = _skipped(contract, now, in_force)
    if not skipped:
        return []
    ruled = sorted({currency for _, currency in skipped})
    other = sorted(_currencies(contract) - set(ruled))
    listed = "; ".join(what for what, _ in skipped)
    message = (
        f"Contract {shown(contract.id)} has amounts in {', '.join(other)}, and Upwork's rules "
        f"are modelled in {', '.join(ruled)}; with no exchange rate assumed, these were not "
        f"checked: {listed}."
    )
    advice = (
        f"Check the contract's offer on Upwork: if it shows its amounts in "
        f"{', '.join(ruled)}, record those. Otherwise check these rules against the "
        "contract yourself."
    )
    return [
        make_finding(
            FindingCode.CURRENCY_NOT_MODELLED,
            message,
            advice,
            "",
            evidence=f"contract in {', '.join(other)}; rules in {', '.join(ruled)}",
        )
    ]
