"""The guards of the escrow table: when a row applies, or why not, in words (private).

A guard is ``guard(run, milestone, at)``: ``None`` when the row applies to
*milestone* at *at*, else the :class:`~upwork_safety.escrow._refusals.Reason` a
:class:`~upwork_safety.errors.TransitionError` shows (its sentence) and names
(its ``rule``, a :class:`~upwork_safety.escrow.RefusalRule` key).  The rows
(``_table.py``) name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._events import OpenDispute
from upwork_safety.escrow._reasons import days, holds, refusal, state_reason, when
from upwork_safety.escrow._refusals import Reason, RefusalRule
from upwork_safety.escrow._timers import (
    arbitration_window,
    filing_closes,
    refund_window_due,
    refundable,
    rules_at,
)
from upwork_safety.kinds import MilestoneState
from upwork_safety.rules import sources

if TYPE_CHECKING:
    from datetime import datetime

    from upwork_safety.escrow._row import Guard
    from upwork_safety.escrow._run import Draft, Run

__all__ = [
    "can_dispute_non_release",
    "can_fund",
    "can_pay_arbitration",
    "can_refund_paid",
    "contract_open",
    "first_waiting",
    "holds_escrow",
    "unanswered",
    "within_filing_window",
]


def contract_open(run: Run, _milestone: Draft, _at: datetime) -> Reason | None:
    if run.ended is None:
        return None
    return Reason(f"the contract ended on {run.ended.isoformat()}", RefusalRule.CONTRACT_OPEN)


def can_fund(run: Run, milestone: Draft, at: datetime) -> Reason | None:
    closed = contract_open(run, milestone, at)
    if closed is not None:
        return closed
    rules = rules_at(at, run.rules)
    if rules.one_active_milestone:
        busy = _one_at_a_time(run, milestone)
        if busy is not None:
            return busy
    minimum = rules.minimum_milestone
    if milestone.amount.currency == minimum.currency and milestone.amount < minimum:
        # The minimum's own source: a what-if minimum is not credited to Upwork's page
        # (diff review r35, 2).
        (source,) = [s for name, _, s in sources(rules) if name == "minimum_milestone"]
        return Reason(
            f"its amount {milestone.amount} is below the {minimum} minimum milestone "
            f"({source.source})",
            RefusalRule.MINIMUM_MILESTONE,
        )
    return None


def _one_at_a_time(run: Run, milestone: Draft) -> Reason | None:
    """Why *milestone* may not be funded now under one active milestone, or ``None``.

    Another milestone holds escrow, or an earlier one still waits for its
    ``Fund`` (HC 360000990268).
    """
    for index in sorted(run.holding):
        other = run.milestone(index)
        if other.id != milestone.id:
            if other.state is MilestoneState.PAID:  # a partial approval's remainder
                return Reason(
                    f"milestone {shown(other.id)} still holds {other.held} of escrow (the "
                    "remainder of a partial approval); only one milestone may be funded "
                    "at a time (HC 360000990268): it must be approved, refunded or "
                    "disputed first",
                    RefusalRule.ONE_ACTIVE,
                )
            if other.state is MilestoneState.NOT_FUNDED:  # carried to it, its Fund to come
                return Reason(
                    f"milestone {shown(other.id)} holds {other.held} carried from a partial "
                    "approval and still waits for its own Fund; milestones are funded in "
                    f"order, one at a time (HC 360000990268): fund {shown(other.id)} first",
                    RefusalRule.FUND_ORDER,
                )
            return Reason(
                f"milestone {shown(other.id)} is still active ({other.state.name}); only one "
                "milestone may be funded at a time (HC 360000990268): it must be paid or "
                "refunded first",
                RefusalRule.ONE_ACTIVE,
            )
    waiting = first_waiting(run, run.index(milestone.id))
    if waiting is not None:
        return Reason(
            f"milestone {shown(waiting)} comes before it in the contract and is not funded "
            f"yet ({MilestoneState.NOT_FUNDED.name}); milestones wait unfunded, in order, "
            f"one at a time (HC 360000990268): fund {shown(waiting)} first, or delete it "
            "from the contract (an unfunded milestone may be edited or deleted)",
            RefusalRule.FUND_ORDER,
        )
    return None


def first_waiting(run: Run, index: int) -> str | None:
    """The id of the first milestone before *index* in the contract still waiting to be funded.

    Waiting is ``NOT_FUNDED``, whether or not a partial approval's remainder
    was carried to it (its own ``Fund`` is still to come).  A milestone that
    was funded, or settled without a ``Fund`` of its own (a carried
    remainder disputed, then paid or refunded), waits for nothing.

    No step makes a milestone ``NOT_FUNDED`` again, so the run keeps how far
    it has found none (:attr:`Run.waiting`, from the contract's own index of
    its first waiting milestone) and only looks on from there: a ``Fund``
    costs the same however many milestones come before it.
    """
    earliest = run.waiting
    while earliest < index and run.books(earliest).state is not MilestoneState.NOT_FUNDED:
        earliest += 1
    run.waiting = earliest
    return run.contract.milestones[earliest].id if earliest < index else None


def holds_escrow(_run: Run, milestone: Draft, _at: datetime) -> Reason | None:
    return None if holds(milestone) else state_reason(milestone)


def can_refund_paid(run: Run, milestone: Draft, at: datetime) -> Reason | None:
    if holds(milestone):
        return state_reason(milestone)
    if refundable(run, milestone, at):
        return None
    closes = refund_window_due(run, milestone)
    if closes is None:
        return Reason(
            "none of its payments is recorded, so none can be refunded",
            RefusalRule.PAYMENT_RECORDED,
        )
    window = rules_at(closes, run.rules).refund_after_payment_window
    return Reason(
        f"the {days(window)} to refund its payments closed at {when(closes)} "
        "(HC section 360002670934)",
        RefusalRule.REFUND_WINDOW,
        "at",
    )


def can_dispute_non_release(run: Run, milestone: Draft, _at: datetime) -> Reason | None:
    # The rules' switch for this row (dispute_on_active_contract) is the row's own
    # (Row.switch), asked before this guard, so the diagram can read it too.
    if run.ended is not None:
        return Reason(
            f"the contract ended on {run.ended.isoformat()}: a dispute answers its escrow "
            "refund request",
            RefusalRule.SOMETHING_TO_DISPUTE,
        )
    if not holds(milestone):
        return refusal(run, OpenDispute, milestone)
    return None


def within_filing_window(run: Run, milestone: Draft, at: datetime) -> Reason | None:
    """A dispute against a refund request is filed within the window after the request.

    DOMAIN.md section 2: within 7 days of the contract ending or of an
    escrow refund request; the contract's end makes its refund requests at
    that moment, so one window serves both.
    """
    asked = milestone.refund_requested_at
    if asked is None:  # pragma: no cover  (an Escrow under a refund request has it)
        return None
    closes = filing_closes(run, asked)
    if at < closes:
        return None
    return Reason(
        f"the {days(closes - asked)} to dispute the refund request of {when(asked)} closed "
        f"at {when(closes)}",
        RefusalRule.FILING_WINDOW,
        "at",
    )


def unanswered(_run: Run, milestone: Draft, _at: datetime) -> Reason | None:
    answered = milestone.dispute_answered_at
    if answered is None:
        return None
    return Reason(
        f"the client already answered the dispute at {when(answered)}",
        RefusalRule.ANSWERED_ONCE,
    )


def can_pay_arbitration(field: str) -> Guard:
    def guard(run: Run, milestone: Draft, at: datetime) -> Reason | None:
        if milestone.dispute_answered_at is None:
            return Reason(
                "the client has not answered the dispute: mediation has not started",
                RefusalRule.MEDIATION_FIRST,
            )
        _proposal, opens, closes = arbitration_window(milestone.dispute_answered_at, run.rules)
        if at < opens:
            return Reason(
                f"mediation runs until {when(opens)}; arbitration opens after it fails",
                RefusalRule.MEDIATION_FIRST,
                "at",
            )
        paid = getattr(milestone, field)
        if paid is not None:
            return Reason(f"the fee was already paid at {when(paid)}", RefusalRule.FEE_PAID_ONCE)
        if at >= closes:  # pragma: no cover  (advance() applies the default outcome first)
            return Reason(
                f"the arbitration opt-in window closed at {when(closes)}",
                RefusalRule.ARBITRATION_WINDOW,
                "at",
            )
        return None

    return guard
