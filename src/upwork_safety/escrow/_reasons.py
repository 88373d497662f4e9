"""How the escrow engine says things: why a step does not apply, moments and periods (private).

:func:`refusal` and :func:`state_reason` explain a step that no row of the
table takes; :func:`when` and :func:`days` write moments and periods the
same way in every message, report and diagram.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._display import shown, utc_text
from upwork_safety._events import (
    AUTOMATIC_EVENTS,
    AcceptRefund,
    AnswerDispute,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    Event,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._render import period_text
from upwork_safety.escrow._refusals import Reason, RefusalRule
from upwork_safety.models import MilestoneState

if TYPE_CHECKING:
    from datetime import datetime

    from upwork_safety._events import AutomaticEvent
    from upwork_safety.escrow._run import Draft, Run

__all__ = [
    "automatic_between",
    "automatic_clause",
    "days",
    "holds",
    "refusal",
    "released_note",
    "state_reason",
    "when",
]

S = MilestoneState


def when(at: datetime) -> str:
    """A moment for messages: ``2026-03-23 15:00:00 UTC`` (the one writer, ``utc_text``)."""
    return utc_text(at)


#: A rule's period in a message, the one wording the checks share (review r38, diff review 7).
days = period_text


def holds(milestone: Draft) -> bool:
    return bool(milestone.held.amount)


def state_reason(milestone: Draft) -> Reason:
    """Why a milestone in its current state takes no further step of the kind asked."""
    return Reason(_state_text(milestone), RefusalRule.STATE)


def _state_text(milestone: Draft) -> str:  # noqa: PLR0911  (one reason per state)
    state = milestone.state
    if state is S.REFUND_REQUESTED:
        return (
            "the client asked for the escrow back: the freelancer accepts the refund, "
            "returns it (Refund) or opens a dispute"
        )
    if state is S.DISPUTED:
        return "its money is frozen in a dispute until the dispute is resolved"
    if state is S.REFUNDED:
        return "it was refunded and is closed"
    if state is S.PAID and holds(milestone):
        return (
            f"it is paid; only the {milestone.held} left in escrow can still be approved "
            "or refunded"
        )
    if state is S.PAID:
        return "it is paid and nothing is left in escrow"
    if state is S.NOT_FUNDED:
        if holds(milestone):
            return (
                f"it holds only the {milestone.held} carried from a partial approval and "
                "is not funded yet: the client funds it (or ends the contract to ask for it back)"
            )
        return "nothing is in escrow: the client funds it first"
    return "work has not been submitted for review"


_NO_DISPUTE = Reason("there is no open dispute", RefusalRule.OPEN_DISPUTE)


def refusal(  # noqa: C901, PLR0911  (one reason per case)
    run: Run, kind: type[Event], milestone: Draft
) -> Reason:
    """Why *kind* does not apply to *milestone* in its state (no row starts from it)."""
    state = milestone.state
    if kind in (Fund, Submit) and run.ended is not None:
        return Reason(f"the contract ended on {run.ended.isoformat()}", RefusalRule.CONTRACT_OPEN)
    if kind is Fund:
        return Reason(
            f"it was already funded ({state.name}); a milestone is funded once",
            RefusalRule.FUNDED_ONCE,
        )
    if kind is Submit and state is S.NOT_FUNDED:
        return Reason(
            "it is not funded: ask the client to fund it first; only funded work is "
            "protected (HC 211063748)",
            RefusalRule.FUNDED_FIRST,
        )
    if kind is Submit and state is S.SUBMITTED:
        return Reason(
            "work is already submitted and the client's review period is running",
            RefusalRule.ONE_REVIEW,
        )
    if kind is RequestRefund and state is S.REFUND_REQUESTED:
        return Reason("a refund request is already pending", RefusalRule.ONE_REFUND_REQUEST)
    if kind is AcceptRefund and state is not S.DISPUTED:
        return Reason("no escrow refund request is pending", RefusalRule.REFUND_REQUESTED)
    if kind is OpenDispute:
        if state is S.DISPUTED:
            return Reason("a dispute is already open", RefusalRule.ONE_DISPUTE)
        if state is S.SUBMITTED:
            return Reason(
                "the client's review period is running, and silence releases the escrow: "
                "there is nothing to dispute",
                RefusalRule.SOMETHING_TO_DISPUTE,
            )
        return Reason(
            "there is nothing to dispute: a dispute answers an escrow refund request, or "
            "escrow the client does not release",
            RefusalRule.SOMETHING_TO_DISPUTE,
        )
    if kind in (AnswerDispute, ClientPaysArbitration, FreelancerPaysArbitration, ResolveDispute):
        return _NO_DISPUTE
    return state_reason(milestone)


def released_note(run: Run, milestone: Draft) -> str:
    """For a refused step: that a paid milestone's escrow was released by the review clock.

    A freelancer whose client "approves" late never saw the automatic
    release; this says when it happened.  It reads the history back to the
    milestone's newest event, so it is for error messages only.
    """
    if milestone.state is not S.PAID or holds(milestone):
        return ""
    for event in run.newest_first():
        if getattr(event, "milestone_id", None) == milestone.id:
            if isinstance(event, AutoApprove):
                return f" Its escrow {automatic_clause(event)}."
            return ""
    return ""


#: What each automatic step did to a milestone's escrow, and why: the one wording of an
#: automatic step in a refusal (:func:`released_note`, :func:`automatic_between`).
_AUTOMATIC: dict[type[Event], tuple[str, str]] = {
    AutoApprove: ("was released automatically", "the client's review period ran out"),
    AutoRefund: (
        "was refunded to the client automatically",
        "the freelancer did not answer the refund request in time",
    ),
    DormancyRefundRequest: (
        "became a refund request automatically",
        "it sat untouched through the dormancy period and the contract closed",
    ),
    AutoDisputeRelease: (
        "was released to the freelancer automatically",
        "the client did not answer the dispute in time",
    ),
    ArbitrationDefault: (
        "was given out automatically",
        "the arbitration window closed without both fees paid",
    ),
}


def automatic_clause(event: AutomaticEvent) -> str:
    """What automatic *event* did to its milestone's escrow, when and why (after "Its escrow")."""
    done, why = _AUTOMATIC[type(event)]
    return f"{done} at {when(event.at)}, when {why} ({type(event).__name__})"


def automatic_between(run: Run, after: datetime, milestone_id: str | None) -> str:
    """A sentence naming the automatic steps recorded later than *after*, or ``""``.

    Those of *milestone_id*, or of every milestone when it is ``None`` (an
    ``EndContract``), oldest first: for a refusal of an event earlier than
    the history, they are what the late event would have met.  It reads the
    history back only to *after*, so it is for error messages only.
    """
    steps: list[str] = []
    for event in run.newest_first():
        if not event.at > after:
            break
        if isinstance(event, AUTOMATIC_EVENTS) and milestone_id in (None, event.milestone_id):
            steps.append(
                f"the escrow of milestone {shown(event.milestone_id)} " + automatic_clause(event)
            )
    if not steps:
        return ""
    return " Between the two, steps that happen by themselves were recorded: " + (
        "; ".join(reversed(steps)) + "."
    )
