"""Each recorded ``Fund`` judged by the state its history had reached then (private).

Under rules with ``one_active_milestone`` on, the ``Fund`` row's guard
(``_guards.can_fund``) refuses a ``Fund`` while another milestone holds
escrow, or while one before it in the contract still waits for its own
``Fund`` (HC 360000990268).  A history recorded under a what-if with the
rule off, or built by hand, can break either and still end with one
milestone holding escrow (red team r34 1): two milestones funded at once
and the first paid since, or a later one funded while an earlier one held
a carried remainder that a dispute then settled without a ``Fund``.
:class:`FundOrder` reads each recorded ``Fund`` as the guard reads a live
one, on the milestones as the history had left them at that step, under
the rules in force at its moment, so what ``apply`` would have refused then
is refused when the history is read, at its entry (``Contract.history[i]``).

What the history says about a milestone at a step, without its amounts:

* **not settled yet** (waiting unfunded, or holding escrow: what keeps a
  later milestone from being funded) at every step up to the last event
  that finds it so, or to the end when it is ``NOT_FUNDED`` or holds escrow
  at the end.  No step makes a settled milestone (``PAID`` or ``REFUNDED``
  with nothing held) wait or hold again, so "not settled" is a prefix of
  the history.  Every event on a milestone finds it not settled but a
  ``Refund`` (the one step the table takes on money already paid,
  ``_edges.REFUND_PAID``), which does only when the event before it on the
  milestone leaves it in a state that always holds escrow
  (``models._HOLDING``).
* **holding escrow** from its recorded ``Fund`` on, while not settled.

What the history cannot say without the amounts (a milestone funded by
hand, held since before its first event; a ``Refund`` after a partial
approval, of the remainder kept or of money paid) keeps a later ``Fund``
from being judged against it, as the models leave it unjudged.  One pass
over the history, and each ``Fund`` is judged in constant time, so reading
a history stays linear in its length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from upwork_safety._display import shown
from upwork_safety._edges import REFUND_PAID
from upwork_safety._events import EndContract, Fund
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._reasons import when
from upwork_safety.escrow._refusals import FUND_ORDER_RULE, ONE_ACTIVE_RULE
from upwork_safety.escrow._timers import rules_at, start_moment
from upwork_safety.models import _HOLDING, _RESULTS, MilestoneState

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upwork_safety._events import Event
    from upwork_safety.escrow._run import Run

__all__ = ["FUND_ORDER_RULE", "ONE_ACTIVE_RULE", "FundOrder", "check_one_active"]


#: The event class of the one step the table takes on a settled milestone: a refund of
#: money already paid.
_ON_PAID_MONEY = REFUND_PAID[0]


class FundOrder:
    """The milestones' spans as a history records them, and its ``Fund`` entries judged.

    Built once per history read (:class:`~upwork_safety.escrow._recorded_steps._Walk`);
    :meth:`step` is called on every entry that names a milestone, in order.

    Attributes:
        funded: Per milestone, the index of its recorded ``Fund`` (-1: none).
        unsettled: Per milestone, the last index before which it is known not
            settled (``len(history)``: to the end; -1: not known).
        before: Per milestone, the most of :attr:`unsettled` over the
            milestones before it in the contract.
        holding: The milestones known to hold escrow before the current entry.
    """

    __slots__ = ("_expire", "before", "funded", "history", "holding", "run", "unsettled")

    def __init__(self, run: Run, history: Sequence[Event]) -> None:
        self.run = run
        self.history = history
        milestones = run.contract.milestones
        count = len(milestones)
        funded = [-1] * count
        unsettled = [-1] * count
        last: list[type[Event] | None] = [None] * count  # the last event other than a Refund
        positions = run.positions
        for index, event in enumerate(history):
            if isinstance(event, EndContract):
                continue
            where = positions[event.milestone_id]
            kind = type(event)
            if kind is Fund:
                funded[where] = index
            if kind is not _ON_PAID_MONEY:
                unsettled[where] = index
                last[where] = kind
            elif (previous := last[where]) is not None and _RESULTS[previous] <= _HOLDING:
                unsettled[where] = index  # a refund of the escrow its last step left held
        end = len(history)
        for where, milestone in enumerate(milestones):
            books = milestone.escrow
            if books.state is MilestoneState.NOT_FUNDED or books.held.amount:
                unsettled[where] = end
        most = -1
        before: list[int] = []
        for until in unsettled:
            before.append(most)
            most = max(most, until)
        self.funded = funded
        self.unsettled = unsettled
        self.before = before
        self.holding: set[int] = set()
        self._expire: dict[int, list[int]] = {}

    def step(self, index: int, event: Event, where: int) -> None:
        """Judge the entry at *index* if it is a ``Fund``, then note what it leaves held."""
        if isinstance(event, Fund):
            self._judge(index, event, where)
            until = self.unsettled[where]
            if until > index:
                self.holding.add(where)
                self._expire.setdefault(until, []).append(where)
        for settled in self._expire.pop(index, ()):
            self.holding.discard(settled)

    def _judge(self, index: int, event: Fund, where: int) -> None:
        """Refuse the ``Fund`` at *index* where ``can_fund``'s one-at-a-time rule would have."""
        run = self.run
        if not rules_at(event.at, run.rules).one_active_milestone:
            return  # a what-if that funds several at once funds them in any order
        milestones = run.contract.milestones
        held = min((other for other in self.holding if other != where), default=None)
        if held is not None:
            self._refuse(
                index,
                event,
                f"milestone {shown(milestones[held].id)} still held escrow (funded at "
                f"Contract.history[{self.funded[held]}]); only one milestone may be funded at a "
                "time",
                ONE_ACTIVE_RULE,
            )
        if self.before[where] < index:
            return
        waiting = next(
            other for other in range(where) if self.unsettled[other] >= index
        )  # before[where] says there is one
        fund = self.funded[waiting]
        if fund > index:
            how = f"was still waiting unfunded (its Fund is Contract.history[{fund}])"
        elif self.unsettled[waiting] == len(self.history):
            state = milestones[waiting].escrow.state
            how = (
                "was still waiting for its own Fund (NOT_FUNDED to this day)"
                if state is MilestoneState.NOT_FUNDED
                else f"was not settled yet (it holds escrow to this day, {state.name})"
            )
        else:
            how = (
                "was not settled yet: it waited for its own Fund or held escrow, as "
                f"Contract.history[{self.unsettled[waiting]}] "
                f"({type(self.history[self.unsettled[waiting]]).__name__}) finds it"
            )
        self._refuse(
            index,
            event,
            f"milestone {shown(milestones[waiting].id)}, before it in the contract, {how}; "
            "milestones are funded in the contract's order, one at a time",
            FUND_ORDER_RULE,
        )

    def _refuse(self, index: int, event: Fund, why: str, rule: str) -> NoReturn:
        run = self.run
        under = (
            "under the rules given (rules=)"
            if run.rules is not None
            else "under the rules in force"
        )
        raise InvalidValueError(
            f"Contract.history[{index}] (Fund of milestone {shown(event.milestone_id)} at "
            f"{when(event.at)}) funds it while {why} {under} (HC 360000990268), so this "
            "history, the order of its milestones, or the rules it is read under, cannot be "
            "right (a contract recorded under other rules is read with them, rules=)",
            field="rules" if run.rules is not None else f"Contract.history[{index}]",
            rule=rule,
        )


def check_one_active(run: Run, funded: Sequence[int]) -> None:
    """Refuse two milestones holding escrow under rules that allow one, unless funded on record.

    ``Fund`` is refused while another milestone holds escrow, and a partial
    approval's remainder is carried on only when it leaves its milestone
    empty, so no run under such rules comes to hold escrow on two
    milestones at once; a contract built by hand with two would break the
    engine's clocks (dormancy would close it with work in review).  Judged
    under the rules in force when the contract is read from
    (:func:`start_moment`), or those given.

    When every milestone holding escrow has its ``Fund`` in the history
    (*funded*, from :class:`FundOrder`), each ``Fund`` was judged at its own
    moment, under the rules in force then: milestones funded together while
    a rule history had the rule off still hold escrow once it is on, as
    every rule of a history applies from its day on (red team r34 5).
    """
    holding = sorted(run.holding)
    if funded and all(funded[where] >= 0 for where in holding):
        return
    rules = rules_at(start_moment(run), run.rules)
    if not rules.one_active_milestone:
        return
    first, second = holding[:2]
    milestones = run.contract.milestones
    raise InvalidValueError(
        f"milestones {shown(milestones[first].id)} and {shown(milestones[second].id)} both "
        f"hold escrow ({milestones[first].escrow.state.name}, "
        f"{milestones[second].escrow.state.name}), but only one milestone may be funded at a "
        f"time under the rules {'given (rules=)' if run.rules is not None else 'in force'} "
        "(HC 360000990268); a contract recorded under other rules is read with them (rules=)",
        field="rules" if run.rules is not None else f"Contract.milestones[{second}].escrow",
        rule=ONE_ACTIVE_RULE,
    )
