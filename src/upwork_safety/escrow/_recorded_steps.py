"""Recorded automatic steps against the rules the engine runs with (private).

The models check that a contract's history, escrow and payments tell one
story, but they do not read the rules (DESIGN.md), so a history whose
``AutoApprove`` is recorded a second after its ``Submit`` loads.  The engine
reads the rules: :func:`check_automatic_steps` refuses a recorded automatic
step (``AutoApprove``, ``AutoRefund``, ``AutoDisputeRelease``,
``ArbitrationDefault``, ``DormancyRefundRequest``) at a moment other than
the one its clock makes due under the rules the run applies.  The moment due
comes from the clock of the step's row in the transition table
(:attr:`~upwork_safety.escrow._row.Row.timer`), the code
:func:`~upwork_safety.escrow.advance` and :func:`~upwork_safety.escrow.replay`
produce the step with, read on the milestone as its recorded events left it
just before the step.

What the history cannot say is not judged, as the models do not judge it: a
step whose clock started before the milestone's first recorded event (a
milestone built by hand in review), or a dormancy closure when a milestone
may have held a moment by hand that a later event overwrote.

A history is read once per rule set: a contract the engine built (or read
without complaint) under the same rules and the same history and payments
is not read again (:func:`upwork_safety.models._remember_steps`), so a step
costs the same however long the history is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._events import (
    AnswerDispute,
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
    RequestRefund,
    Submit,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._fund_order import (
    FUND_ORDER_RULE,
    ONE_ACTIVE_RULE,
    FundOrder,
    check_one_active,
)
from upwork_safety.escrow._reasons import when
from upwork_safety.escrow._run import Draft, Run
from upwork_safety.escrow._table import BY_EVENT
from upwork_safety.escrow._timers import (
    arbitration_window,
    client_answer_due,
    rules_at,
    start_moment,
)
from upwork_safety.models import (
    _MOMENTS,
    _MOMENTS_HELD,
    MilestoneState,
    _remember_steps,
    _steps_checked,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety._events import Event
    from upwork_safety.models import Contract

__all__ = [
    "CLOCK_RULE",
    "FUND_ORDER_RULE",
    "ONE_ACTIVE_RULE",
    "STEP_DUE_RULE",
    "STEP_RULE",
    "check_automatic_steps",
    "check_dispute_steps",
    "check_recorded_steps",
    "finish",
]

#: The rule an escrow clock that ran out before a recorded event breaks.
CLOCK_RULE = "no automatic step due before a recorded event"
#: The rule a dispute step recorded before it could be taken breaks.
STEP_RULE = "a dispute step no earlier than the engine takes it"
#: The rule a recorded automatic step at another moment than its clock's breaks
#: (the rule ``replay`` names for an automatic event that is not the step due).
STEP_DUE_RULE = "the automatic step due"

_S = MilestoneState
_REQUESTS = (RequestRefund, DormancyRefundRequest)
#: The automatic steps of a milestone's own clock (dormancy is the contract's).
_OWN_CLOCKS = (AutoApprove, AutoRefund, AutoDisputeRelease, ArbitrationDefault)


def check_recorded_steps(run: Run) -> None:
    """Refuse a step *run*'s contract records outside the time the rules of *run* give it.

    The one check of recorded steps against the clocks, as a run opens: the
    dispute's steps on a milestone's escrow (:func:`check_dispute_steps`)
    and the automatic steps in the history (:func:`check_automatic_steps`).
    """
    check_dispute_steps(run)
    check_automatic_steps(run)


def check_dispute_steps(run: Run) -> None:
    """Refuse a dispute step recorded outside the time the rules give it.

    The engine steps every clock before it records an event, so a client's
    answer is before the client's time to answer runs out (at that moment
    the escrow is released to the freelancer), and an arbitration fee is
    paid once mediation is over (the guard's rule) and before the opt-in
    window closes (at that moment the default outcome settles it).  A
    contract built or loaded with a step outside those times is not what
    any run under these rules could leave: advancing it would pay the party
    the rules had already ruled against.  The models do not read
    the rules, so the engine checks, with the rules it applies.
    """
    milestones = run.contract.milestones  # read only, as the run starts: no draft opened
    in_dispute = [i for i in run.holding if milestones[i].escrow.state is MilestoneState.DISPUTED]
    for index in sorted(in_dispute):
        books = milestones[index].escrow
        disputed = books.disputed_at
        answered = books.dispute_answered_at
        if disputed is None or answered is None:
            continue
        # (moment, earliest, due): each step is recorded from its earliest moment and
        # before its clock runs out.
        steps = [
            ("dispute_answered_at", answered, disputed, client_answer_due(disputed, run.rules))
        ]
        _proposal, opens, closes = arbitration_window(answered, run.rules)
        steps.extend(
            (name, paid, opens, closes)
            for name in ("client_paid_arbitration_at", "freelancer_paid_arbitration_at")
            if (paid := getattr(books, name)) is not None
        )
        for name, at, earliest, due in steps:
            if earliest <= at < due:
                continue
            if at < earliest:
                raise InvalidValueError(
                    f"milestone {shown(milestones[index].id)}: escrow.{name} ({when(at)}) is "
                    f"before its step could be taken ({when(earliest)}: mediation runs until "
                    "then) under the rules "
                    f"{'given (rules=)' if run.rules is not None else 'in force'} (a contract "
                    "recorded under other rules is read with them, rules=)",
                    field="rules"
                    if run.rules is not None
                    else f"Contract.milestones[{index}].escrow.{name}",
                    rule=STEP_RULE,
                )
            under = (
                "under the rules given (rules=)"
                if run.rules is not None
                else "under the rules in force"
            )
            raise InvalidValueError(
                f"milestone {shown(milestones[index].id)}: escrow.{name} "
                f"({when(at)}) is not before its "
                f"clock ran out ({when(due)}) {under}; the engine would have settled the "
                "dispute first, so this escrow's moments, or the rules it is read under, "
                "cannot be right (a contract recorded under other rules is read with them, "
                "rules=)",
                field="rules"
                if run.rules is not None
                else f"Contract.milestones[{index}].escrow.{name}",
                rule=CLOCK_RULE,
            )


def check_automatic_steps(run: Run) -> None:
    """Refuse a recorded automatic step that the rules of *run* did not make due then.

    And a recorded ``Fund`` the one-at-a-time rule in force at its moment
    refused, and two milestones holding escrow that the history does not
    show funded under rules that allowed it
    (:func:`~upwork_safety.escrow._fund_order.check_one_active`).  Read
    once per contract and rule set (see the module's docstring).
    """
    contract = run.contract
    if _steps_checked(contract, run.rules):
        return
    history = contract.history
    funded = _Walk(run, history).check() if history else ()
    if len(run.holding) > 1:
        check_one_active(run, funded)
    _remember_steps(contract, run.rules)


def finish(run: Run) -> Contract:
    """The contract *run* built, noted as having its automatic steps checked under its rules.

    The run read its contract's steps when it opened, and every automatic
    step it added is one its own clocks made due, so the next run under the
    same rules does not read the history again.
    """
    result = run.result()
    if len(run.holding) > 1 and rules_at(start_moment(run), run.rules).one_active_milestone:
        # Several hold escrow under rules that allow one (funded before a rule history
        # switched it on): whether the history funded them is read again, as on a reload.
        return result
    _remember_steps(result, run.rules)
    return result


class _Walk:
    """One pass over a history: each milestone's clock moments as its recorded events left them."""

    def __init__(self, run: Run, history: Sequence[Event]) -> None:
        self.run = run
        self.history = history
        positions = run.positions
        # Per milestone: the events recorded for it so far (indexes), its last Submit,
        # its last step that is not a Refund (a partial refund keeps a request) and
        # the dispute's moments since its last OpenDispute.
        self.seen: dict[int, int] = {}
        self.submitted: dict[int, datetime] = {}
        self.last_step: dict[int, int] = {}
        self.dispute: dict[int, dict[str, datetime | None]] = {}
        self.ends: list[int] = []
        self.positions = positions

    def check(self) -> Sequence[int]:
        """Walk the history, judging each automatic step from what came before it.

        And each ``Fund``, by the milestones as the history had left them
        then (:class:`~upwork_safety.escrow._fund_order.FundOrder`): refused
        where the engine's ``Fund`` guard would have refused it, under rules
        with ``one_active_milestone`` on.

        Returns:
            Per milestone, the index of its recorded ``Fund`` (-1: none).
        """
        history = self.history
        order = FundOrder(self.run, history)
        closing: int | None = None
        for index, event in enumerate(history):
            if isinstance(event, EndContract):
                self.ends.append(index)
                continue
            where = self.positions[event.milestone_id]
            order.step(index, event, where)
            if isinstance(event, DormancyRefundRequest):
                if closing is None or history[closing].at != event.at:
                    closing = index
                    self._dormancy(index, event.at)
            elif isinstance(event, _OWN_CLOCKS):
                self._own_clock(index, event, where)
            self._record(index, event, where)
        return order.funded

    def _record(self, index: int, event: Event, where: int) -> None:
        self.seen.setdefault(where, index)
        if isinstance(event, Submit):
            self.submitted[where] = event.at
        if not isinstance(event, Refund):
            self.last_step[where] = index
        if isinstance(event, OpenDispute):
            self.dispute[where] = {"disputed_at": event.at}
        elif where in self.dispute:
            moments = self.dispute[where]
            if isinstance(event, AnswerDispute):
                moments["dispute_answered_at"] = event.at
            elif isinstance(event, ClientPaysArbitration):
                moments["client_paid_arbitration_at"] = event.at
            elif isinstance(event, FreelancerPaysArbitration):
                moments["freelancer_paid_arbitration_at"] = event.at

    def _draft(self, where: int, state: MilestoneState, **moments: datetime | None) -> Draft:
        """The milestone at *where* in *state*, holding escrow, with only *moments* set."""
        draft = Draft(self.run.contract.milestones[where])
        draft.state = state
        if not draft.held.amount:
            draft.held = draft.amount  # a clock runs only on escrow held: the amount is not read
        for name in _MOMENTS:
            setattr(draft, name, moments.get(name))
        return draft

    def _own_clock(self, index: int, event: Event, where: int) -> None:
        """Judge an automatic step on one milestone's own clock, when its start is recorded."""
        kind = type(event)
        if kind is AutoApprove:
            submitted = self.submitted.get(where)
            if submitted is None:
                return  # submitted before the history: not judged
            draft = self._draft(where, _S.SUBMITTED, submitted_at=submitted)
        elif kind is AutoRefund:
            asked = self._request(where)
            if asked is None:
                return
            draft = self._draft(where, _S.REFUND_REQUESTED, refund_requested_at=asked)
        else:
            moments = self.dispute.get(where)
            if moments is None:
                return  # disputed before the history
            draft = self._draft(where, _S.DISPUTED, **moments)
        (row,) = BY_EVENT[kind]
        assert row.timer is not None
        self._judge(index, event, row.timer.due(self.run, draft))

    def _request(self, where: int) -> datetime | None:
        """When the milestone's pending refund request was made, if the history says."""
        step = self.last_step.get(where)
        if step is None:
            return None
        event = self.history[step]
        if isinstance(event, _REQUESTS):
            return event.at
        after = [end for end in self.ends if end > step]
        return self.history[after[0]].at if after else None

    def _dormancy(self, index: int, at: datetime) -> None:
        """Judge a dormancy closure at *at*, when the contract's last activity before it is known.

        The last activity is the event before it, or a moment the contract
        records outside its history (a payment, a milestone's escrow moment
        set by hand) up to *at*.  A milestone first recorded after the
        closure by another event than its ``Fund`` held, by hand, moments a
        later event overwrote: then the closure is not judged.
        """
        if index == 0:
            return  # nothing recorded before it: its last activity is not in the history
        contract = self.run.contract
        history = self.history
        first = self._first_after(index)
        if any(
            not isinstance(history[i], (Fund, DormancyRefundRequest)) or history[i].at != at
            for i in first.values()
            if i > index and not isinstance(history[i], Fund)
        ):
            return  # held by hand before it, maybe with a moment: not judged
        last = history[index - 1].at
        for payment in contract.payments:
            if last < payment.moment <= at:
                last = payment.moment
        for where in sorted(self.run.holding):
            if where in self.seen or where in first:
                continue  # its moments are the history's
            escrow = contract.milestones[where].escrow
            # Every moment its state holds, as the engine's dormancy clock reads them
            # (models._recorded_outside): an answer or an arbitration fee is activity too.
            for name in _MOMENTS_HELD[escrow.state]:
                moment: datetime | None = getattr(escrow, name)
                if moment is not None and last < moment <= at:
                    last = moment
        then = Run(contract, self.run.rules)
        then.last_event = history[index - 1]
        then.last_at = last
        # An end recorded before it closed the contract: no dormancy clock runs then.
        then.ended = contract.ended if self.ends else None
        (row,) = BY_EVENT[DormancyRefundRequest]
        assert row.timer is not None
        event = history[index]
        assert isinstance(event, DormancyRefundRequest)
        draft = self._draft(self.positions[event.milestone_id], _S.FUNDED)
        self._judge(index, event, row.timer.due(then, draft))

    def _first_after(self, index: int) -> dict[int, int]:
        """From *index* on, the first event of each milestone with none recorded before it."""
        found: dict[int, int] = {}
        for at in range(index, len(self.history)):
            event = self.history[at]
            if isinstance(event, EndContract):
                continue
            where = self.positions[event.milestone_id]
            if where not in self.seen:
                found.setdefault(where, at)
        return found

    def _judge(self, index: int, event: Event, due: datetime | None) -> None:
        if due is not None and due == event.at:
            return
        run = self.run
        name = type(event).__name__
        milestone_id = getattr(event, "milestone_id", "")
        under = (
            "under the rules given (rules=)"
            if run.rules is not None
            else "under the rules in force"
        )
        expected = (
            f"it was due at {when(due)}"
            if due is not None
            else "no such step was due then (its clock was not running)"
        )
        raise InvalidValueError(
            f"Contract.history[{index}] ({name} for milestone {shown(milestone_id)} at "
            f"{when(event.at)}) is not the automatic step due {under}: {expected}. The engine "
            "takes an automatic step at the moment its clock runs out, so this history, or the "
            "rules it is read under, cannot be right (a contract recorded under other rules is "
            "read with them, rules=)",
            field="rules" if run.rules is not None else f"Contract.history[{index}]",
            rule=STEP_DUE_RULE,
        )
