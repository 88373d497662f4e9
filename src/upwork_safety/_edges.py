"""The escrow state graph: which events move a milestone from which state to which (private).

One source for two readers.  The escrow engine's table
(``escrow.TRANSITIONS``) gives each of its rows one of these edge sets and
adds the row's guard, effect and timer; the models check a loaded
contract's recorded history against the same edges (a milestone funded
twice, an answer to no dispute), without importing the engine, which is a
layer above them.  An event with two rows (a ``Refund`` of escrow or of a
payment, an ``OpenDispute`` against a refund request or on an active
contract) has one edge set per row; :data:`EDGES` is their union, event by
event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.kinds import MilestoneState

if TYPE_CHECKING:
    from collections.abc import Mapping

    from upwork_safety._events import Event

__all__ = [
    "ACCEPT_REFUND",
    "ANSWER_DISPUTE",
    "APPROVE",
    "ARBITRATION_DEFAULT",
    "AUTO_APPROVE",
    "AUTO_DISPUTE_RELEASE",
    "AUTO_REFUND",
    "CLIENT_PAYS_ARBITRATION",
    "DISPUTE_ACTIVE",
    "DISPUTE_REFUND_REQUEST",
    "DORMANCY",
    "EDGES",
    "END_CONTRACT",
    "FREELANCER_PAYS_ARBITRATION",
    "FUND",
    "IDLE",
    "REFUND_ESCROW",
    "REFUND_PAID",
    "REQUEST_CHANGES",
    "REQUEST_REFUND",
    "RESOLVE_DISPUTE",
    "STEPS",
    "SUBMIT",
    "UNCLAIMED",
    "WORK",
    "Edges",
    "Step",
]

S = MilestoneState
#: ``(from, to)`` state pairs, in the order the table draws them.
Edges = tuple[tuple[MilestoneState, MilestoneState], ...]

#: States with work under way: funded, in review, or sent back for changes.
WORK = (S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED)
#: States in which escrow waits on no running clock: only dormancy (or a dispute) moves it.
IDLE = (S.NOT_FUNDED, S.FUNDED, S.CHANGES_REQUESTED, S.PAID)
#: States whose escrow the end of the contract turns into a refund request.
UNCLAIMED = (S.NOT_FUNDED, S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED, S.PAID)


def _same(*states: MilestoneState) -> Edges:
    return tuple((state, state) for state in states)


def _to(target: MilestoneState, *states: MilestoneState) -> Edges:
    return tuple((state, target) for state in states)


#: One row's step: its event class and the edges it draws.  The table writes
#: ``Row(*FUND, guard=...)``, so a row's event and its edges come from here together.
Step = tuple["type[Event]", Edges]

FUND: Step = (Fund, _to(S.FUNDED, S.NOT_FUNDED))
SUBMIT: Step = (Submit, _to(S.SUBMITTED, S.FUNDED, S.CHANGES_REQUESTED))
REQUEST_CHANGES: Step = (RequestChanges, _to(S.CHANGES_REQUESTED, S.SUBMITTED))
APPROVE: Step = (Approve, _to(S.PAID, *WORK, S.PAID))
REQUEST_REFUND: Step = (RequestRefund, _to(S.REFUND_REQUESTED, *WORK, S.PAID))
ACCEPT_REFUND: Step = (
    AcceptRefund,
    _to(S.REFUNDED, S.REFUND_REQUESTED) + _to(S.PAID, S.REFUND_REQUESTED),
)
#: A refund of escrow: of a part (the state stays) or of all (refunded, or paid when
#: part was released before).
REFUND_ESCROW: Step = (
    Refund,
    _same(*WORK, S.REFUND_REQUESTED, S.PAID)
    + _to(S.REFUNDED, *WORK, S.REFUND_REQUESTED)
    + _to(S.PAID, S.REFUND_REQUESTED),
)
#: A refund of money already paid, within the refund window.
REFUND_PAID: Step = (Refund, ((S.PAID, S.PAID), (S.PAID, S.REFUNDED)))
DISPUTE_REFUND_REQUEST: Step = (OpenDispute, _to(S.DISPUTED, S.REFUND_REQUESTED))
#: A dispute while escrow is not released and the contract is active (where the rules allow it).
DISPUTE_ACTIVE: Step = (
    OpenDispute,
    _to(S.DISPUTED, S.NOT_FUNDED, S.FUNDED, S.CHANGES_REQUESTED, S.PAID),
)
ANSWER_DISPUTE: Step = (AnswerDispute, _same(S.DISPUTED))
CLIENT_PAYS_ARBITRATION: Step = (ClientPaysArbitration, _same(S.DISPUTED))
FREELANCER_PAYS_ARBITRATION: Step = (FreelancerPaysArbitration, _same(S.DISPUTED))
RESOLVE_DISPUTE: Step = (ResolveDispute, _to(S.PAID, S.DISPUTED) + _to(S.REFUNDED, S.DISPUTED))
END_CONTRACT: Step = (EndContract, _to(S.REFUND_REQUESTED, *UNCLAIMED))
AUTO_APPROVE: Step = (AutoApprove, _to(S.PAID, S.SUBMITTED))
AUTO_REFUND: Step = (
    AutoRefund,
    _to(S.REFUNDED, S.REFUND_REQUESTED) + _to(S.PAID, S.REFUND_REQUESTED),
)
AUTO_DISPUTE_RELEASE: Step = (AutoDisputeRelease, _to(S.PAID, S.DISPUTED))
ARBITRATION_DEFAULT: Step = (
    ArbitrationDefault,
    _to(S.PAID, S.DISPUTED) + _to(S.REFUNDED, S.DISPUTED),
)
DORMANCY: Step = (DormancyRefundRequest, _to(S.REFUND_REQUESTED, *IDLE))

#: Every step above, in the table's order.
STEPS: tuple[Step, ...] = (
    FUND,
    SUBMIT,
    REQUEST_CHANGES,
    APPROVE,
    REQUEST_REFUND,
    ACCEPT_REFUND,
    REFUND_ESCROW,
    REFUND_PAID,
    DISPUTE_REFUND_REQUEST,
    DISPUTE_ACTIVE,
    ANSWER_DISPUTE,
    CLIENT_PAYS_ARBITRATION,
    FREELANCER_PAYS_ARBITRATION,
    RESOLVE_DISPUTE,
    END_CONTRACT,
    AUTO_APPROVE,
    AUTO_REFUND,
    AUTO_DISPUTE_RELEASE,
    ARBITRATION_DEFAULT,
    DORMANCY,
)


def _union() -> Mapping[type[Event], frozenset[tuple[MilestoneState, MilestoneState]]]:
    found: dict[type[Event], frozenset[tuple[MilestoneState, MilestoneState]]] = {}
    for event, edges in STEPS:
        found[event] = found.get(event, frozenset()) | frozenset(edges)
    return found


#: Every ``(from, to)`` pair each kind of event can take a milestone along, whatever
#: the guards: the union of its rows' edges.  ``EndContract`` names no milestone: it
#: moves each one holding escrow in one of its from-states to a refund request.
EDGES: Mapping[type[Event], frozenset[tuple[MilestoneState, MilestoneState]]] = _union()
