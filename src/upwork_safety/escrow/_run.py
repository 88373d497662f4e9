"""A contract part-way through escrow steps (private): what the steps changed, before it is built.

:func:`~upwork_safety.escrow.apply`, :func:`~upwork_safety.escrow.advance`
and :func:`~upwork_safety.escrow.replay` each open one :class:`Run` on the
contract they were given, let the transition table's effects record what
changes (new milestone states, payouts, events), and build the resulting
:class:`~upwork_safety.models.Contract` once, at the end, through its
constructor.  The input contract is never touched, and a step that fails
leaves nothing behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from upwork_safety.errors import CurrencyMismatchError
from upwork_safety.models import (
    Escrow,
    Milestone,
    MilestoneState,
    Payment,
    PaymentKind,
    _holding,
    _next,
    _position,
    _zero,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date, datetime

    from upwork_safety._events import Event, History
    from upwork_safety.models import Contract
    from upwork_safety.money import Money
    from upwork_safety.rules import PlatformRules

__all__ = ["Run"]


class Run:
    """One contract being moved through escrow steps.

    Attributes:
        contract: The contract the run started from (never modified).
        rules: The caller's rules, or ``None`` for the rules in force.
        holding: Indexes of the milestones that hold escrow now: the only
            ones a clock can run on, and the ones that keep another
            milestone from being funded.
        history: The history so far (the contract's, plus each step).
        ended: The contract's end date so far.
    """

    __slots__ = (
        "_all_payments",
        "_changed",
        "_events",
        "_paid",
        "_releases",
        "contract",
        "ended",
        "history",
        "holding",
        "rules",
    )

    def __init__(self, contract: Contract, rules: PlatformRules | None) -> None:
        self.contract = contract
        self.rules = rules
        self.holding: set[int] = set(_holding(contract))
        self.history: History = cast("History", contract.history)  # the converter makes one
        self.ended: date | None = contract.ended
        self._changed: dict[int, Milestone] = {}
        self._paid: list[Payment] = []
        self._all_payments: list[Payment] | None = None
        self._events: list[Event] = []
        self._releases: dict[str, list[tuple[int, Payment]]] | None = None

    # -- reading -------------------------------------------------------------

    def index(self, milestone_id: str) -> int:
        """Where *milestone_id* is (:meth:`Contract.milestone`'s error if nowhere)."""
        return _position(self.contract, milestone_id)

    def milestone(self, index: int) -> Milestone:
        """The milestone at *index* as the steps so far left it."""
        changed = self._changed.get(index)
        return self.contract.milestones[index] if changed is None else changed

    @property
    def last_at(self) -> datetime | None:
        """The moment of the newest event, or ``None`` for an empty history."""
        last = self.last_event
        return None if last is None else last.at

    @property
    def last_event(self) -> Event | None:
        """The newest event, or ``None``."""
        return self._events[-1] if self._events else self.history.last

    def newest_first(self) -> Iterator[Event]:
        """Every event so far, newest first (this run's steps, then the history)."""
        yield from reversed(self._events)
        yield from reversed(self.history)

    def payments(self) -> list[Payment]:
        """Every payment so far, oldest first."""
        if self._all_payments is not None:
            return [*self._all_payments, *self._paid]
        return [*self.contract.payments, *self._paid]

    def releases(self, milestone_id: str) -> list[tuple[int, Payment]]:
        """``(position in payments(), payment)`` of each escrow release of *milestone_id*.

        Grouped in one pass over the payments and kept until a payment is
        added or changed, so a report over every milestone stays linear.
        """
        if self._releases is None:
            grouped: dict[str, list[tuple[int, Payment]]] = {}
            for position, payment in enumerate(self.payments()):
                if payment.kind is PaymentKind.RELEASE and payment.milestone_id is not None:
                    grouped.setdefault(payment.milestone_id, []).append((position, payment))
            self._releases = grouped
        return self._releases.get(milestone_id, [])

    # -- recording -----------------------------------------------------------

    def update(self, index: int, **changes: Any) -> Escrow:
        """Give the milestone at *index* a new escrow (its constructor checks it) and return it."""
        milestone = self.milestone(index)
        escrow = milestone.escrow.replace(**changes)
        self._changed[index] = Milestone(
            milestone.id,
            milestone.title,
            milestone.amount,
            milestone.description,
            milestone.due,
            escrow,
        )
        if escrow.held.amount:
            self.holding.add(index)
        else:
            self.holding.discard(index)
        return escrow

    def settle(self, index: int, **changes: Any) -> Escrow:
        """Empty the milestone's escrow: ``PAID`` if anything was released, else ``REFUNDED``."""
        escrow = self.milestone(index).escrow
        released: Money = changes.get("released", escrow.released)
        state = MilestoneState.PAID if released.amount else MilestoneState.REFUNDED
        return self.update(
            index,
            state=state,
            held=_zero(escrow.held.currency),
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
        milestone = self.milestone(index)
        existing = self._paid or self._all_payments or self.contract.payments
        if existing and existing[0].amount.currency != amount.currency:
            raise CurrencyMismatchError(
                f"contract {self.contract.id!r} is paid in {existing[0].amount.currency} but "
                f"milestone {milestone.id!r} pays in {amount.currency}",
                field="Contract.payments",
                rule="one currency",
            )
        self._paid.append(Payment(at.date(), amount, at=at, milestone_id=milestone.id, kind=kind))
        self._releases = None

    def rewrite_payments(self, payments: list[Payment]) -> None:
        """Replace every payment so far (after a refund of paid money lowered some)."""
        self._all_payments = payments
        self._paid = []
        self._releases = None

    def record(self, event: Event) -> None:
        """Append *event* to the history (checked when the result is built)."""
        self._events.append(event)

    def result(self) -> Contract:
        """The contract after the steps (the one given if nothing happened)."""
        if not self._events:
            return self.contract
        return _next(
            self.contract,
            changed=self._changed,
            paid=self._paid,
            payments=self._all_payments,
            events=tuple(self._events),
            ended=self.ended,
        )
