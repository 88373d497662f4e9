"""The fixed-price escrow engine: every milestone from offer to money in hand.

A milestone starts ``NOT_FUNDED``; the client's :class:`Fund` puts its
amount in escrow; the freelancer's :class:`Submit` starts the client's
review period; the client approves (:class:`Approve`, in full, in part or
with a bonus), asks for changes (:class:`RequestChanges`) or stays silent
and :func:`advance` releases the money when the review period has fully
elapsed.  Released money is *pending* for the security period, then
*available* (:func:`ledger`).  Escrow refund requests, voluntary refunds,
disputes (through mediation and arbitration to their default outcomes), the
end of the contract and dormancy are modelled too, each with the timings of
:class:`~upwork_safety.rules.PlatformRules` (DOMAIN.md sections 1 and 2).

The state machine is written once, as :data:`TRANSITIONS`: every
:class:`Transition` names an event, the states it moves a milestone between,
its condition and, for automatic steps, the rule its clock runs by.  :func:`apply`,
:func:`allowed`, :func:`advance`, :func:`deadlines` and :func:`to_mermaid`
are all read from it.

Everything is a pure function of its arguments: :func:`apply` and
:func:`advance` return a new :class:`~upwork_safety.Contract` whose
``history`` records every step (automatic ones as their own event classes)
and whose ``payments`` record every payout once, so earnings, fees and the
Job Success Score see them.  Every milestone's
:class:`~upwork_safety.models.Escrow` adds up after every step::

    funded == held + released + refunded + carried_over

>>> from datetime import date, datetime, timezone
>>> from upwork_safety import Contract, ContractKind, Milestone, Money, escrow
>>> logo = Milestone("m1", "Logo, 3 concepts", Money("15.00", "USD"))
>>> c = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2024, 3, 1), milestones=[logo])
>>> c = escrow.apply(c, escrow.Fund("m1", datetime(2024, 3, 1, 9, tzinfo=timezone.utc)))
>>> c = escrow.apply(c, escrow.Submit("m1", datetime(2024, 3, 4, 17, tzinfo=timezone.utc)))
>>> [d.due for d in escrow.deadlines(c, datetime(2024, 3, 5, tzinfo=timezone.utc))
...  if d.kind == "review_ends"]
[datetime.datetime(2024, 3, 18, 17, 0, tzinfo=datetime.timezone.utc)]
"""

from __future__ import annotations

from upwork_safety._events import (
    AUTOMATIC_EVENTS,
    MANUAL_EVENTS,
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutomaticEvent,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    EndContract,
    Event,
    FreelancerPaysArbitration,
    Fund,
    ManualEvent,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.escrow._diagram import to_mermaid
from upwork_safety.escrow._engine import advance, apply, is_automatic, replay
from upwork_safety.escrow._kinds import DeadlineKind, Party
from upwork_safety.escrow._offer import as_offered
from upwork_safety.escrow._refusals import RefusalRule
from upwork_safety.escrow._reports import (
    Choices,
    Deadline,
    Deadlines,
    Ledger,
    allowed,
    deadlines,
    ledger,
    rules_in_force,
)
from upwork_safety.escrow._row import Transition
from upwork_safety.escrow._table import TRANSITIONS

__all__ = [
    "AUTOMATIC_EVENTS",
    "MANUAL_EVENTS",
    "TRANSITIONS",
    "AcceptRefund",
    "AnswerDispute",
    "Approve",
    "ArbitrationDefault",
    "AutoApprove",
    "AutoDisputeRelease",
    "AutoRefund",
    "AutomaticEvent",
    "Choices",
    "ClientPaysArbitration",
    "Deadline",
    "DeadlineKind",
    "Deadlines",
    "DormancyRefundRequest",
    "EndContract",
    "Event",
    "FreelancerPaysArbitration",
    "Fund",
    "Ledger",
    "ManualEvent",
    "OpenDispute",
    "Party",
    "Refund",
    "RefusalRule",
    "RequestChanges",
    "RequestRefund",
    "ResolveDispute",
    "Submit",
    "Transition",
    "advance",
    "allowed",
    "apply",
    "as_offered",
    "deadlines",
    "is_automatic",
    "ledger",
    "replay",
    "rules_in_force",
    "to_mermaid",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
