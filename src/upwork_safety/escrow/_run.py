"""A contract part-way through escrow steps (private): what the steps changed, before it is built.

:func:`~upwork_safety.escrow.apply`, :func:`~upwork_safety.escrow.advance`
and :func:`~upwork_safety.escrow.replay` each open one :class:`Run` on the
contract they were given, let the transition table's effects record what
changes (new milestone states, payouts, events), and build the resulting
:class:`~upwork_safety.Contract` once, at the end, through its
constructor.  The input contract is never touched, and a step that fails
leaves nothing behind.

Inside a run a milestone's escrow is a :class:`Draft`: its fields, written
by the effects and not checked while the run goes on, since no one outside
the run can see them.  When the run ends, each changed draft becomes an
:class:`~upwork_safety.models.Escrow` and a
:class:`~upwork_safety.Milestone` through their constructors, which
check the books and the state as for any other value.  :func:`~upwork_safety.escrow.apply`
is a run of one event, so it builds exactly what a replay of that one event
builds; a replay of many events builds each changed milestone once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from upwork_safety._escrow_amounts import settled_state
from upwork_safety.models import (
    _ESCROW_FIELDS,
    Escrow,
    Milestone,
    MilestoneState,
    Payment,
    PaymentKind,
    _history_of,
    _indexes,
    _next,
    _position,
    _zero,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date, datetime

    from upwork_safety._events import Event
    from upwork_safety._history import History
    from upwork_safety.escrow._table import Clocks
    from upwork_safety.models import Contract
    from upwork_safety.money import Money
    from upwork_safety.rules import PlatformRules, RuleHistory

__all__ = ["Draft", "Recorded", "Run"]

#: The latest moment a contract records outside its history: ``(moment, escrow
#: field name, milestone id, the rule an earlier moment breaks)``
#: (``_recorded_moments.recorded_outside``); the name and id are ``""`` for the latest
#: payment, found only to name it.
Recorded = tuple["datetime", str, str, str]


class Draft:
    """One milestone's escrow while a run moves it: the fields of its :class:`Escrow`, unchecked.

    The transition table reads and writes these fields (through
    :meth:`Run.update`); :meth:`build` makes the checked
    :class:`~upwork_safety.models.Escrow` and
    :class:`~upwork_safety.Milestone` from them when the run ends.
    A draft never leaves its run.

    Attributes:
        milestone: The milestone as the run found it.
        id: Its id.
        amount: Its agreed amount.
        state, funded, held, released, refunded, carried_over,
            submitted_at, refund_requested_at, disputed_at,
            dispute_answered_at, client_paid_arbitration_at,
            freelancer_paid_arbitration_at: The fields of
            :class:`~upwork_safety.models.Escrow`, as the steps so far left them.
    """

    __slots__ = ("amount", "id", "milestone", *_ESCROW_FIELDS)

    state: MilestoneState
    funded: Money
    held: Money
    released: Money
    refunded: Money
    carried_over: Money
    submitted_at: datetime | None
    refund_requested_at: datetime | None
    disputed_at: datetime | None
    dispute_answered_at: datetime | None
    client_paid_arbitration_at: datetime | None
    freelancer_paid_arbitration_at: datetime | None

    def __init__(self, milestone: Milestone) -> None:
        self.milestone = milestone
        self.id = milestone.id
        self.amount = milestone.amount
        escrow = milestone.escrow
        self.state = escrow.state
        self.funded = escrow.funded
        self.held = escrow.held
        self.released = escrow.released
        self.refunded = escrow.refunded
        self.carried_over = escrow.carried_over
        self.submitted_at = escrow.submitted_at
        self.refund_requested_at = escrow.refund_requested_at
        self.disputed_at = escrow.disputed_at
        self.dispute_answered_at = escrow.dispute_answered_at
        self.client_paid_arbitration_at = escrow.client_paid_arbitration_at
        self.freelancer_paid_arbitration_at = escrow.freelancer_paid_arbitration_at

    def build(self) -> Milestone:
        """The milestone with this escrow, both through their constructors (which check them)."""
        milestone = self.milestone
        escrow = Escrow(
            self.state,
            self.funded,
            self.held,
            self.released,
            self.refunded,
            self.carried_over,
            self.submitted_at,
            self.refund_requested_at,
            self.disputed_at,
            self.dispute_answered_at,
            self.client_paid_arbitration_at,
            self.freelancer_paid_arbitration_at,
        )
        return Milestone(
            milestone.id,
            milestone.title,
            milestone.amount,
            milestone.description,
            milestone.due,
            escrow,
        )


class Run:
    """One contract being moved through escrow steps.

    Attributes:
        contract: The contract the run started from (never modified).
        rules: The caller's rules, or ``None`` for the rules in force.
        positions: Where each milestone id is in ``contract.milestones``.
        holding: Indexes of the milestones that hold escrow now: the only
            ones a clock can run on, and the ones that keep another
            milestone from being funded.
        waiting: No milestone before this index is ``NOT_FUNDED`` now (the
            contract's first waiting one as the run opens; moved forward
            by ``_guards.first_waiting`` as the run's steps fund them).
        history: The contract's history (the steps of the run are kept apart
            until the result is built).
        last_event: The newest event so far (this run's, else the
            history's), or ``None``.
        last_at: Its moment, or ``None``.
        ended: The contract's end date so far.
        clocks: The automatic steps waiting, in order (kept by
            ``_table.due_automatic``), or ``None`` before it first looks.
        touched: Indexes of the milestones changed since the clocks were
            last read (kept only once they are kept).
        recorded: The latest moment the contract records outside its
            history (an escrow moment or a payment), what it is and the
            rule an earlier moment breaks, or ``None``; set when the run
            opens (``_recorded_moments.recorded_outside``).
        arg: How the caller passed the manual event being applied
            (``"event"``, or ``"events[3]"`` in a replay): an amount it
            names that the milestone refuses is named under it
            (``events[3].amount``).
    """

    __slots__ = (
        "_all_payments",
        "_changed",
        "_drafts",
        "_events",
        "_paid",
        "_releases",
        "arg",
        "clocks",
        "contract",
        "ended",
        "history",
        "holding",
        "last_at",
        "last_event",
        "positions",
        "recorded",
        "rules",
        "touched",
        "waiting",
    )

    def __init__(
        self, contract: Contract, rules: PlatformRules | RuleHistory[PlatformRules] | None
    ) -> None:
        self.contract = contract
        self.rules = rules
        self.positions, holding, self.waiting = _indexes(contract)
        self.holding: set[int] = set(holding)
        self.history: History = _history_of(contract)
        self.last_event: Event | None = self.history.last
        self.last_at: datetime | None = None if self.last_event is None else self.last_event.at
        self.ended: date | None = contract.ended
        self._drafts: dict[int, Draft] = {}
        self._changed: set[int] = set()
        self._paid: list[Payment] = []
        self._all_payments: list[Payment | None] | None = None
        self._events: list[Event] = []
        self._releases: dict[str, list[int]] | None = None
        self.clocks: Clocks | None = None
        self.touched: list[int] = []
        self.recorded: Recorded | None = None
        self.arg = "event"

    # -- reading -------------------------------------------------------------

    def index(self, milestone_id: str, what: str = "milestone_id") -> int:
        """Where *milestone_id* is (the contract's error, naming *what*, if nowhere)."""
        index = self.positions.get(milestone_id)
        return _position(self.contract, milestone_id, what) if index is None else index

    def milestone(self, index: int) -> Draft:
        """The milestone at *index* as the steps so far left it."""
        draft = self._drafts.get(index)
        if draft is None:
            draft = self._drafts[index] = Draft(self.contract.milestones[index])
        return draft

    def books(self, index: int) -> Draft | Escrow:
        """The escrow of the milestone at *index* as the steps so far left it, to read only.

        Unlike :meth:`milestone` it opens no draft, so a report that reads
        every milestone costs no more than reading the contract.
        """
        draft = self._drafts.get(index)
        return self.contract.milestones[index].escrow if draft is None else draft

    def newest_first(self) -> Iterator[Event]:
        """Every event so far, newest first (this run's steps, then the history)."""
        yield from reversed(self._events)
        yield from reversed(self.history)

    def payments(self) -> list[Payment]:
        """Every payment so far, oldest first."""
        return [payment for payment in self._payment_slots() if payment is not None]

    def releases(self, milestone_id: str) -> list[tuple[int, Payment]]:
        """``(slot, payment)`` of each escrow release of *milestone_id*, oldest first.

        A slot names a payment for :meth:`rewrite_payment`.  The releases are
        grouped by milestone in one pass over the payments, the first time
        they are asked for, and the groups are kept up to date as payments
        are added or rewritten: a refund of paid money costs its milestone's
        payments, not every payment of the contract.
        """
        if self._releases is None:
            grouped: dict[str, list[int]] = {}
            for slot, payment in enumerate(self._payment_slots()):
                if (
                    payment is not None
                    and payment.kind is PaymentKind.RELEASE
                    and payment.milestone_id is not None
                ):
                    grouped.setdefault(payment.milestone_id, []).append(slot)
            self._releases = grouped
        return [(slot, self._payment(slot)) for slot in self._releases.get(milestone_id, ())]

    def _payment_slots(self) -> Iterator[Payment | None]:
        """Every payment so far, each at its slot (``None`` where one was given back in full)."""
        yield from self.contract.payments if self._all_payments is None else self._all_payments
        yield from self._paid

    def _payment(self, slot: int) -> Payment:
        """The payment at *slot* (one that :meth:`releases` gave)."""
        base = self.contract.payments if self._all_payments is None else self._all_payments
        payment = base[slot] if slot < len(base) else self._paid[slot - len(base)]
        assert payment is not None  # a slot given back in full leaves its group
        return payment

    # -- recording -----------------------------------------------------------

    def update(self, index: int, **changes: Any) -> None:
        """Change fields of the milestone's escrow (checked when the run's result is built)."""
        draft = self.milestone(index)
        for name, value in changes.items():
            setattr(draft, name, value)
        self._changed.add(index)
        if self.clocks is not None:  # before they are read, every clock is read then
            self.touched.append(index)
        if draft.held.amount:
            self.holding.add(index)
        else:
            self.holding.discard(index)

    def settle(self, index: int, **changes: Any) -> None:
        """Empty the milestone's escrow: ``PAID`` if anything was released, else ``REFUNDED``."""
        draft = self.milestone(index)
        released: Money = changes.get("released", draft.released)
        state = settled_state(released.amount)
        self.update(
            index,
            state=state,
            held=_zero(draft.held.currency),
            submitted_at=None,
            refund_requested_at=None,
            disputed_at=None,
            dispute_answered_at=None,
            client_paid_arbitration_at=None,
            freelancer_paid_arbitration_at=None,
            **changes,
        )

    def pay(self, index: int, at: datetime, amount: Money, kind: PaymentKind) -> None:
        """Record a payout of *amount* for the milestone at *index* (nothing for zero)."""
        if not amount.amount:
            return
        # The amount is in the milestone's currency (the effects check what events
        # bring), which Contract holds one with its payments.
        milestone = self.milestone(index)
        payment = Payment(at.date(), amount, at=at, milestone_id=milestone.id, kind=kind)
        self._paid.append(payment)
        if self._releases is not None and kind is PaymentKind.RELEASE:
            base = self.contract.payments if self._all_payments is None else self._all_payments
            slot = len(base) + len(self._paid) - 1
            self._releases.setdefault(milestone.id, []).append(slot)

    def rewrite_payment(self, slot: int, payment: Payment | None) -> None:
        """Lower the release at *slot* (a refund of paid money) to *payment*, or drop it (``None``).

        *slot* is one that :meth:`releases` gave, and *payment* the same
        release with a smaller amount.  The first rewrite copies the
        payments once, and each later payout joins that copy once; a
        rewrite itself costs one slot.
        """
        old = self._payment(slot)
        if self._all_payments is None:
            self._all_payments = list(self.contract.payments)
        # Payouts of the run join the list at the slots they already had.
        self._all_payments += self._paid
        self._paid = []
        self._all_payments[slot] = payment
        if payment is None:
            # The slot came from releases(), so its milestone's group is there.
            assert self._releases is not None
            assert old.milestone_id is not None
            self._releases[old.milestone_id].remove(slot)

    def record(self, event: Event) -> None:
        """Append *event* to the history (checked when the result is built)."""
        self._events.append(event)
        self.last_event = event
        self.last_at = event.at

    def result(self) -> Contract:
        """The contract after the steps (the one given if nothing happened)."""
        if not self._events:
            return self.contract
        return _next(
            self.contract,
            changed={index: self._drafts[index].build() for index in sorted(self._changed)},
            paid=self._paid,
            payments=None
            if self._all_payments is None
            else [p for p in self._all_payments if p is not None],
            events=tuple(self._events),
            ended=self.ended,
        )
