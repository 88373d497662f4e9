"""The escrow state machine, written once as a table (private; published as ``escrow.TRANSITIONS``).

Each :class:`Transition` row says which event moves a milestone from which
state to which (its *edges*), under what condition (its guard: ``None``
when allowed, else the reason in words), what changes (its effect) and,
for an automatic step, when it falls due (its :class:`Timer`).  The engine
(:func:`~upwork_safety.escrow.apply`, :func:`~upwork_safety.escrow.advance`,
:func:`~upwork_safety.escrow.replay`), the reports
(:func:`~upwork_safety.escrow.allowed`, :func:`~upwork_safety.escrow.deadlines`)
and the diagram (:func:`~upwork_safety.escrow.to_mermaid`) all read this one
table, so they cannot drift apart.  Rules come from DOMAIN.md sections 1–2
through :class:`~upwork_safety.rules.PlatformRules`.

This module holds the rows only; what they point at lives beside it: the
row types in ``_row.py``, the guards in ``_guards.py``, the effects in
``_effects.py`` and the clocks in ``_timers.py``.  A new escrow event is one
row here (and its guard and effect there).
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from upwork_safety import _edges as steps
from upwork_safety._events import (
    AUTOMATIC_EVENTS,
    MANUAL_EVENTS,
)
from upwork_safety.escrow import _effects as effects
from upwork_safety.escrow import _guards as guards
from upwork_safety.escrow import _timers as timers
from upwork_safety.escrow._row import Row, Transition
from upwork_safety.models import MilestoneState

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from upwork_safety._events import Event
    from upwork_safety.escrow._run import Run

__all__ = ["BY_EVENT", "ROWS", "TRANSITIONS", "Clocks", "due_automatic"]

#: The escrow state machine, with its behaviour: every way a milestone's escrow can move.
ROWS: tuple[Row, ...] = (
    Row(
        *steps.FUND,
        "one at a time, earlier milestones first",
        guard=guards.can_fund,
        effect=effects.fund,
        condition_switch="one_active_milestone",
    ),
    Row(
        *steps.SUBMIT,
        guard=guards.contract_open,
        effect=effects.submit,
    ),
    Row(*steps.REQUEST_CHANGES, effect=effects.request_changes),
    Row(
        *steps.APPROVE,
        "the escrow, all or part",
        guard=guards.holds_escrow,
        effect=effects.approve,
    ),
    Row(
        *steps.REQUEST_REFUND,
        "escrow held",
        guard=guards.holds_escrow,
        effect=effects.request_refund,
    ),
    Row(*steps.ACCEPT_REFUND, effect=effects.refund_all),
    Row(
        *steps.REFUND_ESCROW,
        "of escrow",
        guard=guards.holds_escrow,
        effect=effects.refund_escrow,
    ),
    Row(
        *steps.REFUND_PAID,
        "of a payment",
        guard=guards.can_refund_paid,
        effect=effects.refund_paid,
        window=timers.REFUND_WINDOW,
    ),
    Row(
        *steps.DISPUTE_REFUND_REQUEST,
        "against the refund request",
        guard=guards.within_filing_window,
        effect=effects.open_dispute,
        window=timers.FILING,
    ),
    Row(
        *steps.DISPUTE_ACTIVE,
        "escrow not released, contract active",
        guard=guards.can_dispute_non_release,
        effect=effects.open_dispute,
        switch=(
            "dispute_on_active_contract",
            "these rules allow a dispute only after an escrow refund request",
        ),
    ),
    Row(*steps.ANSWER_DISPUTE, guard=guards.unanswered, effect=effects.answer_dispute),
    Row(
        *steps.CLIENT_PAYS_ARBITRATION,
        "mediation failed",
        guard=guards.can_pay_arbitration("client_paid_arbitration_at"),
        effect=effects.client_pays,
    ),
    Row(
        *steps.FREELANCER_PAYS_ARBITRATION,
        "mediation failed",
        guard=guards.can_pay_arbitration("freelancer_paid_arbitration_at"),
        effect=effects.freelancer_pays,
    ),
    Row(*steps.RESOLVE_DISPUTE, effect=effects.resolve_dispute),
    Row(
        *steps.END_CONTRACT,
        "escrow held",
        guard=guards.contract_open,
        effect=effects.end,
    ),
    Row(*steps.AUTO_APPROVE, effect=effects.release_all, timer=timers.REVIEW),
    Row(
        *steps.AUTO_REFUND,
        effect=effects.refund_all,
        timer=timers.REFUND_RESPONSE,
    ),
    Row(
        *steps.AUTO_DISPUTE_RELEASE,
        "client did not answer",
        effect=effects.release_all,
        timer=timers.CLIENT_ANSWER,
    ),
    Row(
        *steps.ARBITRATION_DEFAULT,
        "not both paid for arbitration",
        effect=effects.arbitration_default,
        timer=timers.ARBITRATION,
        notices=(timers.PROPOSAL, timers.ACCEPTANCE),
    ),
    Row(
        *steps.DORMANCY,
        "escrow held",
        effect=effects.dormancy,
        timer=timers.DORMANCY,
        notices=(timers.FIRST_NOTICE, timers.FINAL_NOTICE),
    ),
)

#: The escrow state machine, published: every way a milestone's escrow can move, one
#: :class:`Transition` per row.  :func:`~upwork_safety.escrow.apply`,
#: :func:`~upwork_safety.escrow.allowed`, :func:`~upwork_safety.escrow.advance`,
#: :func:`~upwork_safety.escrow.deadlines` and :func:`~upwork_safety.escrow.to_mermaid`
#: all read the same rows.
TRANSITIONS: tuple[Transition, ...] = tuple(row.transition for row in ROWS)


def _by_event() -> Mapping[type[Event], tuple[Row, ...]]:
    found: dict[type[Event], tuple[Row, ...]] = {}
    for row in ROWS:
        found[row.event] = (*found.get(row.event, ()), row)
    return found


#: The rows of each event class, in table order.
BY_EVENT: Mapping[type[Event], tuple[Row, ...]] = _by_event()
#: The automatic rows that start from each state, in table order, each with its place
#: in the table (the last tie-break between steps due at the same moment).
_AUTOMATIC_FROM: Mapping[MilestoneState, tuple[tuple[int, Row], ...]] = {
    state: tuple(
        (order, row) for order, row in enumerate(ROWS) if row.automatic and state in row.sources
    )
    for state in MilestoneState
}


class Clocks:
    """The automatic steps waiting on one run, kept in the order they fall due.

    A milestone's own clocks are read once each time a step changes the
    milestone (:attr:`Run.touched`) and kept in a heap of ``(due, milestone
    index, row order, version)``; an entry from before the milestone's
    latest change is dropped when it comes to the top.  A shared clock
    (:attr:`Timer.shared`: dormancy) runs out at the same moment for every
    milestone it runs on, so only the first such milestone is kept, in a
    heap of indexes per row, and the clock is read for it alone.  So a step
    costs the logarithm of the milestones holding escrow, where reading
    every clock at every step cost their number.
    """

    __slots__ = ("_heap", "_shared", "_versions")

    def __init__(self, run: Run) -> None:
        self._heap: list[tuple[datetime, int, int, int]] = []
        self._shared: dict[int, list[int]] = {}
        self._versions: dict[int, int] = {}
        for index in run.holding:
            self._look(run, index)

    def _look(self, run: Run, index: int) -> None:
        """Read the clocks of the milestone at *index* as it is now."""
        version = self._versions[index] = self._versions.get(index, -1) + 1
        if index not in run.holding:
            return
        milestone = run.milestone(index)
        for order, row in _AUTOMATIC_FROM[milestone.state]:
            assert row.timer is not None
            if row.timer.shared:
                heapq.heappush(self._shared.setdefault(order, []), index)
                continue
            due = row.timer.due(run, milestone)
            if due is not None:
                heapq.heappush(self._heap, (due, index, order, version))

    def earliest(self, run: Run) -> tuple[datetime, Row, int] | None:
        """The earliest step waiting, after reading the milestones changed since last time."""
        touched = run.touched
        if touched:
            # One step touches one milestone: the common case needs no de-duplication.
            for index in touched if len(touched) == 1 else dict.fromkeys(touched):
                self._look(run, index)
            touched.clear()
        heap = self._heap
        versions = self._versions
        while heap and heap[0][3] != versions[heap[0][1]]:
            heapq.heappop(heap)
        # (due, 0 for the contract's clock and 1 for a milestone's, index, row order)
        best = None
        if heap:
            top = heap[0]
            best = (top[0], 1, top[1], top[2])
        holding = run.holding
        for order, first in self._shared.items():
            row = ROWS[order]
            while first:
                index = first[0]
                milestone = run.milestone(index) if index in holding else None
                if milestone is not None and milestone.state in row.sources:
                    break
                heapq.heappop(first)
            else:
                continue
            assert row.timer is not None
            assert milestone is not None  # the loop stopped at the milestone it runs on
            due = row.timer.due(run, milestone)
            if due is not None and (best is None or (due, 0, index, order) < best):
                best = (due, 0, index, order)
        return None if best is None else (best[0], ROWS[best[3]], best[2])


def due_automatic(run: Run) -> tuple[datetime, Row, int] | None:
    """The earliest automatic step waiting on the run: (due, row, milestone index).

    Only milestones holding escrow can have a running clock, so only those
    are looked at (:attr:`Run.holding`).  Ties go first to the contract's
    clock (:attr:`Timer.shared`: dormancy's closure, which ran out for the
    escrow untouched until that instant, so a step at the same instant does
    not put it off), then to the earlier milestone, then to the earlier row.
    The milestone given for the contract's clock is the first it runs on;
    the engine takes its step for all of them together (``_engine.take``).
    The clocks are read once when the run first asks and kept in order as
    steps change milestones (:class:`Clocks`).
    """
    if run.clocks is None:
        if not run.holding:
            return None  # no clock runs yet: nothing to keep in order
        run.clocks = Clocks(run)
    return run.clocks.earliest(run)


# Keep the table honest: every event class has its rows, and automatic rows are
# exactly those of the automatic events.
assert set(BY_EVENT) == set(MANUAL_EVENTS) | set(AUTOMATIC_EVENTS)
assert {r.event for r in ROWS if r.automatic} == set(AUTOMATIC_EVENTS)
