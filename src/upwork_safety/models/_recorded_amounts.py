"""The amounts a milestone's recorded events move, walked (private; used by ``_recorded``).

``_recorded_states`` walks a milestone's recorded events through the
transition table's states; this walks the money they move, by the rules
the engine's effects use (``_escrow_amounts``), so a history the engine
could not have recorded for its amounts is refused at the event (red team
r21 M1, M2, round 22): a ``Refund`` after everything was refunded, an
``Approve`` with nothing left held, a resolution that does not split the
escrow exactly, or escrow and releases other than the events left.

Only what the events state is read, never the rules in force.  Two things
a rule decides are left open: how much of the paid money a ``Refund``
without an amount returns when the milestone had several release payments
(those still inside their refund windows; with one, all of it), after
which nothing more can be refunded (a window never reopens, and nothing is
released again); and whether a partial approval's remainder was kept or
carried on to another milestone (only when the milestone carried anything
on).  Which way an ``ArbitrationDefault`` went is read from the fees
recorded in its dispute, as the engine decides it.  The amounts are known
only for a milestone whose ``Fund`` is recorded (its whole life is there);
for any milestone, an amount an event states is more than zero, and a
dispute has one answer and each side's arbitration fee once.  The walk
keeps its books as amounts of the milestone's currency: the contract has
refused any event money in another one before it runs (``Contract.history[i]``,
the one-currency rule), as it has before ``_recorded`` compares the payments
and refunds with the events by their amounts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._escrow_amounts import (
    AT_MOST_ESCROW,
    MORE_THAN_ZERO,
    SPLIT_RULE,
    settled_state,
    splits_exactly,
)
from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    Event,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestRefund,
    ResolveDispute,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upwork_safety.models._milestone import Milestone

__all__ = ["walk_amounts"]

#: What a milestone may hold and have released after an event, and how many release
#: payments it has had: ``(held, released, releases)``.  ``released`` is ``None`` after a
#: ``Refund`` of all its paid money when it had more than one release payment (how many
#: that returned depends on their refund windows, a rule); nothing more can be refunded.
Books = tuple[Decimal, Decimal | None, int]

_ZERO = Decimal(0)
#: The rule of a step the amounts its events state cannot take.
STEP_RULE = "amounts the engine could have moved"
#: The rule of a dispute's answer or arbitration fee recorded twice.
ONCE_RULE = "one answer and one fee from each side per dispute"
#: The rule of an arbitration fee recorded before the client answered the dispute.
FEE_RULE = "arbitration fees after the client's answer"

#: Events that refund everything held, whatever it is.
_REFUND_HELD: tuple[type[Event], ...] = (AcceptRefund, AutoRefund)
#: Events that release everything held to the freelancer.
_RELEASE_HELD: tuple[type[Event], ...] = (AutoApprove, AutoDisputeRelease)
#: Events the engine takes only on escrow held (its ``holds_escrow`` guard, or a
#: refund request's or dispute's escrow, which always holds some).
_NEED_HELD: tuple[type[Event], ...] = (RequestRefund, OpenDispute, *_REFUND_HELD)
#: A dispute's steps each side takes once, after which the dispute's escrow moment is set.
_ONCE: tuple[type[Event], ...] = (AnswerDispute, ClientPaysArbitration, FreelancerPaysArbitration)
_FEES: tuple[type[Event], ...] = (ClientPaysArbitration, FreelancerPaysArbitration)


def walk_amounts(
    where: str, milestone: Milestone, events: Sequence[Event], indexes: Sequence[int]
) -> None:
    """Walk the money *milestone*'s recorded *events* (at history *indexes*) move.

    Refuses an amount stated as zero or less, a dispute answered (or a side's
    fee paid) twice, and, when its ``Fund`` is recorded, an event the
    amounts held and released by then cannot take, and escrow other than
    the walk leaves (funded with its amount; held and released as the
    events left them; ``PAID`` or ``REFUNDED`` as the engine settles).

    Raises:
        InvalidValueError: naming the history entry or the milestone's escrow.
    """
    _stated_positive(events, indexes)
    _dispute_steps_once(milestone, events, indexes)
    if not events or not isinstance(events[0], Fund):
        return
    escrow = milestone.escrow
    if escrow.funded != milestone.amount:
        _refused(
            f"{where}.funded",
            f"it is {escrow.funded}, but milestone {shown(milestone.id)} was funded by its "
            f"recorded Fund, which deposits its amount {milestone.amount} (with any remainder "
            "carried to it)",
            STEP_RULE,
        )
    carries = bool(escrow.carried_over.amount)
    books: set[Books] = {(milestone.amount.amount, _ZERO, 0)}
    freelancer_paid = False  # the freelancer's arbitration fee, in the dispute open now
    for event, index in zip(events[1:], indexes[1:], strict=True):
        if isinstance(event, (OpenDispute, FreelancerPaysArbitration)):
            freelancer_paid = isinstance(event, FreelancerPaysArbitration)
        after: set[Books] = set()
        why = ""
        for held, released, releases in sorted(books, key=_order):
            step = _step(
                event,
                (held, released, releases),
                carries=carries,
                freelancer_paid=freelancer_paid,
            )
            if isinstance(step, str):
                why = why or step
            else:
                after |= step
        if not after:
            _refused(
                f"Contract.history[{index}]",
                f"{type(event).__name__} at {event.at.isoformat()} on milestone "
                f"{shown(milestone.id)}: {why}: the engine could not have recorded it",
                STEP_RULE,
            )
        books = after
    _books_left(where, milestone, events[-1], books)


def _order(books: Books) -> tuple[Decimal, Decimal, int]:
    held, released, releases = books
    return (-held, _ZERO if released is None else -released, releases)


def _step(  # noqa: PLR0911  (one branch per kind of event, as the effects have)
    event: Event, books: Books, *, carries: bool, freelancer_paid: bool
) -> set[Books] | str:
    """The books after *event* from *books*, or why it cannot be taken.

    *carries*: the milestone carried a remainder on (so a partial approval's
    may have gone); *freelancer_paid*: the freelancer paid the arbitration fee
    in the dispute open now (all of a whole-life milestone's disputes are
    recorded).
    """
    held, released, releases = books
    if isinstance(event, Fund):
        return "a milestone is funded once"
    if isinstance(event, _NEED_HELD) and not held:
        return "nothing is held in escrow by then"
    if isinstance(event, Approve):
        return _approve(event, books, carries=carries)
    if isinstance(event, Refund):
        return _refund(event, books)
    if isinstance(event, ResolveDispute):
        return _resolve(event, books)
    if isinstance(event, _REFUND_HELD):
        return {(_ZERO, released, releases)}
    if isinstance(event, _RELEASE_HELD):
        return {_release(books, held, _ZERO)}
    if isinstance(event, ArbitrationDefault):
        # Released to the freelancer if only they paid the fee (the engine's effect),
        # else refunded.
        if freelancer_paid:
            return {_release(books, held, _ZERO)}
        return {(_ZERO, released, releases)}
    return {books}


def _resolve(event: ResolveDispute, books: Books) -> set[Books] | str:
    held = books[0]
    if not splits_exactly(event.to_freelancer.amount, event.to_client.amount, held):
        total = CONTEXT.add(event.to_freelancer.amount, event.to_client.amount)
        return (
            f"to_freelancer and to_client add up to {total}, but the dispute froze {held} "
            f"({SPLIT_RULE})"
        )
    return {_release(books, event.to_freelancer.amount, _ZERO)}


def _approve(event: Approve, books: Books, *, carries: bool) -> set[Books] | str:
    held = books[0]
    if not held:
        return "nothing is left held in escrow to approve"
    if event.amount is None:
        return {_release(books, held, _ZERO)}
    amount = event.amount.amount
    if amount > held:
        return f"it approves {event.amount}, more than the {held} held ({AT_MOST_ESCROW})"
    left = CONTEXT.subtract(held, amount)
    after = {_release(books, amount, left)}
    if left and carries:
        after.add(_release(books, amount, _ZERO))  # the remainder carried on
    return after


def _refund(event: Refund, books: Books) -> set[Books] | str:
    """A refund of escrow while any is held (the engine's rows say so), else of paid money.

    A refund of all the paid money returns every release payment still inside
    its refund window, whole; with one release payment, that is all of it.
    """
    held, released, releases = books
    stated = None if event.amount is None else event.amount.amount
    if held:
        if stated is None:
            return {(_ZERO, released, releases)}
        if stated > held:
            return f"it refunds {event.amount}, more than the {held} held ({AT_MOST_ESCROW})"
        return {(CONTEXT.subtract(held, stated), released, releases)}
    return _refund_paid(event, released, releases)


def _refund_paid(event: Refund, released: Decimal | None, releases: int) -> set[Books] | str:
    """A refund of paid money (nothing held): at most what was paid, never after all was."""
    stated = None if event.amount is None else event.amount.amount
    if released is None:
        return (
            "a Refund of all its paid money came before it, and nothing paid since: "
            "nothing is left to refund"
        )
    if not released:
        return "nothing is held in escrow or paid by then, so nothing can be refunded"
    if stated is None:
        return {(_ZERO, _ZERO if releases == 1 else None, releases)}
    if stated > released:
        return f"it refunds {event.amount}, more than the {released} paid by then"
    return {(_ZERO, CONTEXT.subtract(released, stated), releases)}


def _release(books: Books, amount: Decimal, left: Decimal) -> Books:
    """*books* after *amount* of escrow is released (one more payment), *left* held."""
    _held, released, releases = books
    if not amount:
        return (left, released, releases)  # nothing paid: the engine records no payment
    return (
        left,
        None if released is None else CONTEXT.add(released, amount),
        releases + 1,
    )


def _books_left(where: str, milestone: Milestone, last: Event, books: set[Books]) -> None:
    """The milestone's escrow holds and has released what its events left it."""
    escrow = milestone.escrow
    held, released = escrow.held.amount, escrow.released.amount
    pairs = {(h, r) for h, r, _releases in books}
    fits = (held, released) in pairs or (not held and (_ZERO, None) in pairs)
    if not fits:
        currency = milestone.amount.currency
        options = " or ".join(
            f"held {Money(h, currency)} and released "
            + ("less than before its last refund" if r is None else str(Money(r, currency)))
            for h, r in sorted(pairs, key=lambda pair: _order((*pair, 0)))
        )
        _refused(
            where,
            f"milestone {shown(milestone.id)} holds {escrow.held} and released "
            f"{escrow.released}, but its recorded events (the last, {type(last).__name__} at "
            f"{last.at.isoformat()}) leave it {options}",
            STEP_RULE,
        )
    if not held and (held, released) in pairs and escrow.state is not settled_state(released):
        _refused(
            f"{where}.state",
            f"it is {escrow.state.name}, but milestone {shown(milestone.id)} holds nothing "
            f"and released {escrow.released}: an emptied escrow is "
            f"{settled_state(released).name}",
            STEP_RULE,
        )


def _stated_positive(events: Sequence[Event], indexes: Sequence[int]) -> None:
    """Every amount an approval or a refund states is more than zero (the engine's check)."""
    for event, index in zip(events, indexes, strict=True):
        stated: tuple[tuple[str, Money | None], ...]
        if isinstance(event, Approve):
            stated = (("amount", event.amount), ("bonus", event.bonus))
        elif isinstance(event, Refund):
            stated = (("amount", event.amount),)
        else:
            continue
        for name, value in stated:
            if value is not None and value.amount <= 0:
                _refused(
                    f"Contract.history[{index}].{name}",
                    f"{type(event).__name__}.{name} is {value}: the engine refuses an amount "
                    "of zero or less",
                    MORE_THAN_ZERO,
                )


def _dispute_steps_once(
    milestone: Milestone, events: Sequence[Event], indexes: Sequence[int]
) -> None:
    """A dispute is answered once, each side pays its fee once, and only after the answer.

    The steps of one dispute are those after its ``OpenDispute`` (or, when the
    milestone's history starts inside a dispute, from its start); a fee
    before an answer is refused only when the dispute's opening is recorded.
    """
    seen: dict[type[Event], Event] = {}
    opened = False
    for event, index in zip(events, indexes, strict=True):
        if isinstance(event, OpenDispute):
            seen = {}
            opened = True
            continue
        if not isinstance(event, _ONCE):
            continue
        before = seen.get(type(event))
        if before is not None:
            _refused(
                f"Contract.history[{index}]",
                f"{type(event).__name__} at {event.at.isoformat()} on milestone "
                f"{shown(milestone.id)} repeats the one at {before.at.isoformat()} in the same "
                "dispute",
                ONCE_RULE,
            )
        if isinstance(event, _FEES) and opened and AnswerDispute not in seen:
            _refused(
                f"Contract.history[{index}]",
                f"{type(event).__name__} at {event.at.isoformat()} on milestone "
                f"{shown(milestone.id)} comes before the client answered the dispute: "
                "mediation, and then arbitration, start with the answer",
                FEE_RULE,
            )
        seen[type(event)] = event


def _refused(field: str, why: str, rule: str) -> NoReturn:
    raise InvalidValueError(f"{field} cannot be: {why}", field=field, rule=rule)
