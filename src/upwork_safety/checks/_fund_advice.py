"""Why the next milestone cannot be funded, read from the escrow engine (private).

``UNFUNDED_MILESTONE`` tells the freelancer what to ask the client for.  When
the engine refuses ``Fund`` on the next milestone, "fund it" is advice the
client cannot follow, and the advice must name the real obstacle (newcomer
r35 2: an offer that starts tomorrow was told to raise a $600 milestone "to
at least USD 5.00").  The guards are not re-coded here: the engine is asked
again where the answer could change (on the contract's start day; with the
milestone raised to the minimum), and what it answers there says which
obstacle stands in the way.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import attrs

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety.checks._clocks import _milestone_name
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._milestones import short
from upwork_safety.models import Contract, Milestone, MilestoneState
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules, RuleHistory, RuleSource, sources

__all__ = ["FundRefusal", "below_minimum_findings", "fund_refusal", "funding_opens"]

_UTC = timezone.utc


@attrs.frozen
class FundRefusal:
    """Why the engine refuses ``Fund`` on a milestone now, as advice can use it.

    Attributes:
        reasons: The engine's own reasons, as ``escrow.Choices.reason`` gives
            them: now, then on the start day when that one differs.
        starts: The contract's start day when funding opens only then, else ``None``.
        minimum: The minimum milestone the milestone must be raised to (once the
            contract has started) for the engine to fund it, else ``None``.
        other: The engine's reason once neither of those stands in the way (on
            the start day, at the minimum), else ``None``.
    """

    reasons: tuple[str, ...]
    starts: date | None = None
    minimum: Money | None = None
    other: str | None = None


def _fund_reason(
    contract: Contract,
    milestone_id: str,
    at: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
) -> str | None:
    return escrow.allowed(contract, milestone_id, now=at, rules=rules).reason("Fund")


def _raised(contract: Contract, milestone: Milestone, amount: Money) -> Contract:
    """*contract* with *milestone* (unfunded: still editable) raised to *amount*."""
    milestones = [
        attrs.evolve(m, amount=amount) if m.id == milestone.id else m for m in contract.milestones
    ]
    return attrs.evolve(contract, milestones=milestones)


def funding_opens(contract: Contract, now: datetime) -> datetime:
    """The first moment the contract's milestones could be funded: *now*, or its start day.

    The moment the engine is asked again at, and whose rules say the minimum.
    """
    return max(now, datetime.combine(contract.started, time(), tzinfo=_UTC))


def fund_refusal(
    contract: Contract,
    milestone: Milestone,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
) -> FundRefusal | None:
    """Why ``Fund`` on the unfunded *milestone* is refused at *now*, or ``None`` if it is not.

    The engine is asked at *now*; if it refuses, it is asked again at the
    first moment of the contract's start day (when that is later: funding
    opens then), and then with the milestone raised to the minimum milestone
    of the rules in force that day (an unfunded milestone can be edited).
    Whatever the engine still refuses is kept in its own words.
    """
    reason = _fund_reason(contract, milestone.id, now, rules)
    if reason is None:
        return None
    at = now
    starts = None
    reason_then = reason
    opens = funding_opens(contract, now)
    if now < opens:
        # Asked on the start day: nothing else changes by then on a contract
        # that has not started (no event, no clock).
        at = opens
        later = _fund_reason(contract, milestone.id, at, rules)
        if later is None:
            return FundRefusal((reason,), starts=contract.started)
        if later != reason:
            starts = contract.started
            reason_then = later
    reasons = (reason,) if reason_then == reason else (reason, reason_then)
    minimum = escrow.rules_in_force(at, rules=rules).minimum_milestone
    if milestone.amount.currency == minimum.currency and milestone.amount < minimum:
        raised = _raised(contract, milestone, minimum)
        still = _fund_reason(raised, milestone.id, at, rules)
        if still != reason_then:
            return FundRefusal(reasons, starts=starts, minimum=minimum, other=still)
    return FundRefusal(reasons, starts=starts, other=reason_then)


def _minimum_source(
    contract: Contract,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
) -> tuple[Money, RuleSource]:
    """The minimum milestone in force when funding can open, and its source."""
    in_force = escrow.rules_in_force(funding_opens(contract, now), rules=rules)
    (source,) = [s for name, _, s in sources(in_force) if name == "minimum_milestone"]
    return in_force.minimum_milestone, source


def minimum_unconfirmed(
    contract: Contract,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
) -> bool:
    """Whether the minimum milestone in force when funding can open has no confirmed source."""
    return _minimum_source(contract, now, rules)[1].unconfirmed


def below_minimum_findings(
    contract: Contract,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None,
    *,
    told: str | None = None,
) -> list[Finding]:
    """``MILESTONE_BELOW_MINIMUM`` for every milestone still to be funded below the minimum.

    The minimum and its source are those of the rules in force when funding
    can open (*now*, or the start day of a contract still to start), read
    with :func:`upwork_safety.rules.sources` (a what-if minimum says it has
    no source).  *told* is the milestone ``UNFUNDED_MILESTONE`` already asks
    to raise: not reported twice (newcomer r35 7).
    """
    if contract.ended is not None:
        return []  # nothing on an ended contract can be funded any more
    minimum, source = _minimum_source(contract, now, rules)
    found: list[Finding] = []
    for milestone in contract.milestones:
        amount = milestone.amount
        if (
            milestone.state is not MilestoneState.NOT_FUNDED
            or milestone.id == told
            or amount.currency != minimum.currency
            or amount >= minimum
        ):
            continue
        title = short(milestone.title, 40)
        message = (
            f"Milestone {_milestone_name(milestone)} is {amount}, below the {minimum} minimum "
            f"milestone ({source.source}): Upwork will not fund it as it stands, so work on "
            "it could never be protected."
        )
        advice = (
            f"Before you get to it, ask the client to raise it to at least {minimum} or to "
            "merge it with another milestone (an unfunded milestone can still be edited)."
        )
        script = (
            f'Upwork can only fund milestones of at least {minimum}, so "{title}" can\'t be '
            "funded as it stands: could you raise it (or merge it with another one) before "
            "we get to it?"
        )
        found.append(
            make_finding(
                FindingCode.MILESTONE_BELOW_MINIMUM,
                message,
                advice,
                script,
                milestone_id=milestone.id,
                amount=minimum,
                unconfirmed=source.unconfirmed,
                evidence=f"amount {amount} < minimum milestone {minimum} ({source.source})",
            )
        )
    return found
