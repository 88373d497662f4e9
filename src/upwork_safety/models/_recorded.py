"""A contract's escrow and payments agree with its recorded history (private; used by ``Contract``).

The escrow engine records every step it takes in ``Contract.history`` and
moves each milestone's :class:`~upwork_safety.models.Escrow` and the
contract's payments in the same step, so the three always tell one story.
A contract built by hand or loaded from a file could tell two (a submission
time edited ten days early, a dispute's answer dropped, a payment dated
before its milestone was funded), and every answer read from it would be
wrong.  :func:`check_recorded` refuses what no engine run could have left.

It reads only what an event records, never the rules in force, so a
contract recorded under a what-if rule set passes as it was recorded.  A
milestone may start the history mid-way (built by hand in some state, then
driven by the engine); what its history cannot say about it is not judged.
A milestone whose first recorded event is its ``Fund`` has its whole life
recorded, so its moments, releases and refunds are judged against it too.
Each milestone's events are walked through the models' copy of the
transition table (``_recorded_states``), so a history the engine could
not have recorded (a second ``Fund``) is refused, and the money they
move is walked by the engine's amount rules (``_recorded_amounts``), so a
``Refund`` after everything was refunded or a resolution that does not
split the escrow is refused too.  The engine never trips these rules: a
property test rebuilds random engine contracts through their constructor,
and others check ``EDGES`` and :data:`RESULTS` against the transition table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
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
    Event,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import MilestoneState
from upwork_safety.models._escrow import _MOMENTS
from upwork_safety.models._payment import PaymentKind
from upwork_safety.models._recorded_amounts import walk_amounts
from upwork_safety.models._recorded_states import REFUND_RESULTS, RESULTS, walk_states
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date, datetime

    from upwork_safety.models._escrow import Escrow
    from upwork_safety.models._milestone import Milestone
    from upwork_safety.models._payment import Payment

__all__ = ["LOWERING", "OPEN_ONLY", "REFUND_RESULTS", "RESULTS", "check_recorded"]

_S = MilestoneState

#: Events only an open contract takes: the engine's rows for them have its
#: ``contract_open`` guard (a test checks they are the same).  A client may
#: still approve work in review after dormancy closed the contract.
OPEN_ONLY: tuple[type[Event], ...] = (Fund, Submit)

#: Events that can release escrow: those that can leave a milestone ``PAID``
#: (:data:`RESULTS`), and ``Refund`` (of a request, the rest is released).
_RELEASING: tuple[type[Event], ...] = (
    *(kind for kind, states in RESULTS.items() if _S.PAID in states),
    Refund,
)

#: Events after which a milestone's earlier release payments may be lower than
#: paid, never higher: a refund of paid money lowers them, newest first.  Only
#: the engine's ``refund_paid`` effect rewrites a payment (a test checks the
#: table's rows and every step of random engine runs); the same event class
#: also refunds escrow, which lowers nothing, so after one a release is
#: checked to be at most what its event stated.
LOWERING: tuple[type[Event], ...] = (Refund,)

#: Events that close the contract, and those that request a milestone's refund.
_CLOSINGS = (EndContract, DormancyRefundRequest)
_REQUESTS = (RequestRefund, DormancyRefundRequest)

#: The moment of a dispute each event records, once the dispute is open.
_DISPUTE_MOMENTS: Mapping[type[Event], str] = {
    AnswerDispute: "dispute_answered_at",
    ClientPaysArbitration: "client_paid_arbitration_at",
    FreelancerPaysArbitration: "freelancer_paid_arbitration_at",
}

_RULE = "escrow and payments as the history recorded them"


def check_recorded(
    milestones: Sequence[Milestone],
    positions: Mapping[str, int],
    payments: Sequence[Payment],
    history: Sequence[Event],
    ended: date | None,
) -> None:
    """Refuse escrow, payments or an end that the recorded *history* contradicts.

    * every payment that names a milestone names one of the contract's;
    * what the unfunded milestones hold (a partial approval's remainder carried
      to them) is no more than what was carried on from the others;
    * nothing an open contract alone takes (:data:`OPEN_ONLY`) is after the end;
    * each milestone's recorded events are steps the transition table allows
      from the states the events before them leave it in, and it is in a
      state its last one leads to (or, when the contract closed after it, that
      state or a refund request): ``_recorded_states.walk_states``;
    * a milestone emptied by a recorded event (all it held released or
      refunded) holds nothing, and its ``refunded`` is at least what its
      events state they refunded (exactly that, when its ``Fund`` is
      recorded and every refund on it states its amount);
    * a ``SUBMITTED`` milestone's ``submitted_at`` is its last ``Submit``, a
      ``DISPUTED`` one's moments are its last ``OpenDispute`` and what was
      recorded after it, and a ``REFUND_REQUESTED`` one's request is its last
      recorded request, or the closing that came after its last step;
    * the release (or bonus) paid at an instant is what all the milestone's
      events at that instant state they paid, when they state it (a release
      at most that, when a later refund may have lowered it), and an event
      that released escrow has its release payment (unless a later refund
      may have given it back);
    * a milestone whose ``Fund`` is recorded: no escrow moment before it, and
      every release paid at one of its recorded events that releases escrow;
    * the money each milestone's events move, walked by the engine's amount
      rules: ``_recorded_amounts.walk_amounts``.

    Raises:
        InvalidValueError: naming the milestone, payment or event at fault.
    """
    _payments_name_milestones(payments, positions)
    _carried_conserved(milestones)
    if not history:
        return  # every check below reads a milestone's recorded events: there are none
    own, at_index, closings, closed_at = _walk(history, positions, ended, len(milestones))
    # Where the contract closed, in half steps: 2i is history[i], 2i - 1 just before it. An
    # end set by hand with no closing on record was on its day, before any event of the day.
    closed = [2 * i for i in closed_at]
    if ended is not None and not closed:
        day = next((i for i, e in enumerate(history) if e.at.date() >= ended), len(history))
        closed = [2 * day - 1]
    paid: dict[str, list[Payment]] = {}
    for payment in payments:
        if payment.kind is not PaymentKind.OTHER and payment.milestone_id is not None:
            paid.setdefault(payment.milestone_id, []).append(payment)
    for index, milestone in enumerate(milestones):
        events = own[index]
        if not events:
            continue
        where = f"Contract.milestones[{index}].escrow"
        escrow = milestone.escrow
        walk_states(where, milestone, events, at_index[index], closed)
        _refunds_recorded(where, milestone, events, whole_life=isinstance(events[0], Fund))
        _emptied(where, milestone, events)
        _moments_recorded(where, escrow, events)
        if escrow.state is _S.REFUND_REQUESTED:
            _request_recorded(
                where, escrow, events, at_index[index], closings, closed_at, ended=ended
            )
        mine = paid.get(milestone.id, ())
        _amounts_recorded(milestone, events, mine)
        if isinstance(events[0], Fund):
            _whole_life(where, milestone, events, mine)
        walk_amounts(where, milestone, events, at_index[index])


#: Events that refund what a milestone holds without stating how much.
_UNSTATED_REFUNDS: tuple[type[Event], ...] = (AcceptRefund, AutoRefund, ArbitrationDefault)


def _refunds_recorded(
    where: str, milestone: Milestone, events: Sequence[Event], *, whole_life: bool
) -> None:
    """What the milestone's events state they refunded, its escrow counts as refunded.

    Every refund (of escrow or of paid money) adds to ``refunded`` and nothing
    takes it back, so the amounts stated (by a ``Refund`` and a dispute's
    ``to_client``) add up to at most what it holds, and to less when a
    ``Refund`` of everything (no amount) returned more.  When its whole life
    is recorded (*whole_life*) and every refund on it states its amount,
    they add up to exactly what it holds (M2 r21).  Summed as amounts: the
    contract has refused event money in another currency before this runs
    (``Contract.history[i]``, the one-currency rule).
    """
    stated = Decimal(0)
    whole = False  # a Refund of everything returns something more
    unstated = False  # an event refunded what it held, unstated
    for event in events:
        if isinstance(event, Refund):
            if event.amount is None:
                whole = True
            else:
                stated = CONTEXT.add(stated, event.amount.amount)
        elif isinstance(event, ResolveDispute):
            stated = CONTEXT.add(stated, event.to_client.amount)
        elif isinstance(event, _UNSTATED_REFUNDS):
            unstated = True
    refunded = milestone.escrow.refunded
    exact = whole_life and not (whole or unstated)
    if (
        stated > refunded.amount
        or (whole and stated == refunded.amount)
        or (exact and stated != refunded.amount)
    ):
        _refused(
            where,
            f"milestone {shown(milestone.id)} has refunded {refunded}, but its recorded events "
            f"state refunds of {Money(stated, refunded.currency)}"
            + (", and nothing else refunded it" if exact else ""),
            _RULE,
        )


def _walk(
    history: Sequence[Event], positions: Mapping[str, int], ended: date | None, count: int
) -> tuple[list[list[Event]], list[list[int]], list[Event], list[int]]:
    """Each milestone's own events and their indexes; the closings and theirs.

    Refuses an event only an open contract takes (:data:`OPEN_ONLY`) after the end.
    """
    own: list[list[Event]] = [[] for _ in range(count)]
    at_index: list[list[int]] = [[] for _ in range(count)]
    closings: list[Event] = []
    closed_at: list[int] = []
    for index, event in enumerate(history):
        if isinstance(event, OPEN_ONLY) and (
            closings or (ended is not None and event.at.date() > ended)
        ):
            end = (
                f"{type(closings[0]).__name__} at {closings[0].at.isoformat()}"
                if closings
                else f"Contract.ended is {ended}"
            )
            _refused(
                f"Contract.history[{index}]",
                f"{type(event).__name__} at {event.at.isoformat()} is after the contract "
                f"ended ({end})",
                "no funding or submitting after the end",
            )
        if isinstance(event, _CLOSINGS):
            closings.append(event)
            closed_at.append(index)
        if not isinstance(event, EndContract):
            position = positions[event.milestone_id]
            own[position].append(event)
            at_index[position].append(index)
    return own, at_index, closings, closed_at


def _payments_name_milestones(payments: Sequence[Payment], positions: Mapping[str, int]) -> None:
    for index, payment in enumerate(payments):
        if payment.milestone_id is not None and payment.milestone_id not in positions:
            _refused(
                f"Contract.payments[{index}]",
                f"it names milestone {shown(payment.milestone_id)}, which the contract does "
                "not have",
                "a payment names one of the contract's milestones",
            )


def _carried_conserved(milestones: Sequence[Milestone]) -> None:
    """Escrow carried on comes from somewhere, and goes somewhere.

    What the unfunded milestones hold was carried on from others. And what a
    milestone carried on went to another milestone: one still unfunded that
    holds it, or one funded since, whose escrow counts it in ``funded``; so it
    is at most what the other milestones hold unfunded or were funded with.
    """
    carried = Decimal(0)
    waiting = Decimal(0)
    absorbed = Decimal(0)  # what the milestones funded at some time were funded with
    for milestone in milestones:
        books = milestone.escrow
        carried = CONTEXT.add(carried, books.carried_over.amount)
        if books.state is _S.NOT_FUNDED:
            waiting = CONTEXT.add(waiting, books.held.amount)
        else:
            absorbed = CONTEXT.add(absorbed, books.funded.amount)
    if waiting > carried:
        _refused(
            "Contract.milestones",
            f"the unfunded milestones hold {waiting} carried from partial approvals, but the "
            f"milestones carried on only {carried}: escrow cannot come from nowhere",
            "carried in is at most carried on",
        )
    if carried:
        _carried_somewhere(milestones, waiting, absorbed)


def _carried_somewhere(
    milestones: Sequence[Milestone], waiting: Decimal, absorbed: Decimal
) -> None:
    """What the milestones carried on went to other milestones (see :func:`_carried_conserved`).

    *waiting* is what the unfunded milestones hold, *absorbed* what the
    others were funded with.
    """
    # The last milestone to carry on (in time) carried to one that was unfunded then and
    # carried nothing on after: one still waiting or funded since but not a carrier. So
    # the smallest carry at least fits in what those hold or were funded with.
    carriers = [m for m in milestones if m.escrow.carried_over.amount]
    if len(carriers) > 1:
        spare = waiting
        for milestone in milestones:
            books = milestone.escrow
            if books.state is not _S.NOT_FUNDED and not books.carried_over.amount:
                spare = CONTEXT.add(spare, books.funded.amount)
        least = min(carriers, key=lambda m: m.escrow.carried_over.amount)
        if least.escrow.carried_over.amount > spare:
            _refused(
                f"Contract.milestones[{milestones.index(least)}].escrow.carried_over",
                f"milestones {', '.join(shown(m.id) for m in carriers[:5])} carried on "
                f"escrow, but the milestones that carried nothing on hold or were funded "
                f"with only {Money(spare, least.escrow.funded.currency)}: the last to carry on "
                "must have carried to one of them",
                "carried on to another milestone",
            )
    for index, milestone in enumerate(milestones):
        books = milestone.escrow
        if not books.carried_over.amount:
            continue
        # A milestone that carried on was funded (it is paid), so it is counted in absorbed.
        others = CONTEXT.add(waiting, CONTEXT.subtract(absorbed, books.funded.amount))
        if books.carried_over.amount > others:
            _refused(
                f"Contract.milestones[{index}].escrow.carried_over",
                f"milestone {shown(milestone.id)} carried on {books.carried_over}, but the "
                f"other milestones hold or were funded with only "
                f"{Money(others, books.funded.currency)}: escrow carried on must go to another "
                "milestone",
                "carried on to another milestone",
            )


def _moments_recorded(where: str, escrow: Escrow, events: Sequence[Event]) -> None:
    """The moments of a running submission or dispute are those its recorded events give."""
    if escrow.state is _S.SUBMITTED:
        submits = [event.at for event in events if isinstance(event, Submit)]
        if submits and escrow.submitted_at != submits[-1]:
            _moment_differs(where, "submitted_at", escrow.submitted_at, submits[-1])
    elif escrow.state is _S.DISPUTED:
        opened = [i for i, event in enumerate(events) if isinstance(event, OpenDispute)]
        if not opened:
            return
        start = opened[-1]
        if escrow.disputed_at != events[start].at:
            _moment_differs(where, "disputed_at", escrow.disputed_at, events[start].at)
        for kind, name in _DISPUTE_MOMENTS.items():
            recorded = [event.at for event in events[start:] if isinstance(event, kind)]
            expected = recorded[-1] if recorded else None
            held: datetime | None = getattr(escrow, name)
            if held != expected:
                _moment_differs(where, name, held, expected)


def _request_recorded(  # noqa: PLR0917  (the walk's four lists, as it returns them)
    where: str,
    escrow: Escrow,
    events: Sequence[Event],
    indexes: Sequence[int],
    closings: Sequence[Event],
    closed_at: Sequence[int],
    *,
    ended: date | None,
) -> None:
    """A refund request is its last recorded request, or the closing after its last step.

    With no closing recorded, the closing is the contract's end set by hand
    (*ended*), and the request it made is on that day.
    """
    step = len(events) - 1
    while step >= 0 and isinstance(events[step], Refund):  # a partial refund keeps the request
        step -= 1
    if step < 0:
        return  # only refunds recorded: the request is from before the history
    if isinstance(events[step], _REQUESTS):
        expected = events[step].at
    else:
        after = [c for c, i in zip(closings, closed_at, strict=True) if i > indexes[step]]
        if not after:
            if ended is not None and not closings:
                _request_by_hand_end(where, escrow, events[step], ended)
            return  # the state is judged by walk_states
        expected = after[0].at
    if escrow.refund_requested_at != expected:
        _moment_differs(where, "refund_requested_at", escrow.refund_requested_at, expected)


def _request_by_hand_end(where: str, escrow: Escrow, last: Event, ended: date) -> None:
    """A refund request that only the end set by hand can have made is on the end's day."""
    asked = escrow.refund_requested_at
    if asked is not None and asked.date() != ended:
        _refused(
            f"{where}.refund_requested_at",
            f"it is {asked.isoformat()}, but no request is recorded after the milestone's last "
            f"step ({type(last).__name__} at {last.at.isoformat()}) and no closing either: "
            f"only the contract's end on {ended} can have made the request, on that day",
            _RULE,
        )


def _amounts_recorded(
    milestone: Milestone, events: Sequence[Event], paid: Sequence[Payment]
) -> None:
    """What the events at each instant state they paid is what was paid then (H1, H2 r21).

    Every event of the milestone at a payment's instant is read (a ``Submit``
    may share an ``Approve``'s instant): the bonuses of its approvals, and
    the releases when each event there that releases states how much.  And
    an event that releases something has its release payment, unless a
    later ``Refund`` may have given it back.
    """
    lowered_from = max(
        (p for p, event in enumerate(events) if isinstance(event, LOWERING)), default=-1
    )
    sums: dict[tuple[datetime, PaymentKind], Decimal] = {}
    for payment in paid:
        if payment.at is not None:
            key = (payment.at, payment.kind)
            sums[key] = CONTEXT.add(sums.get(key, Decimal(0)), payment.amount.amount)
    by_moment: dict[datetime, list[Event]] = {}
    first_at: dict[datetime, int] = {}  # the position of the first event at each instant
    if sums:
        for position, event in enumerate(events):
            by_moment.setdefault(event.at, []).append(event)
            first_at.setdefault(event.at, position)
    for (moment, kind), total in sums.items():
        then = by_moment.get(moment, [])
        stated = _stated(then, kind)
        if stated is None:
            continue  # no event then states what it paid
        # A later Refund may have lowered a release (never a bonus), never raised it: a
        # Refund of escrow lowers nothing, so a release stays at most what was stated.
        lowered = kind is PaymentKind.RELEASE and first_at[moment] < lowered_from
        if total > stated or (total != stated and not lowered):
            stating = Approve if kind is PaymentKind.BONUS else _PAYING
            names = ", ".join(
                dict.fromkeys(type(e).__name__ for e in then if isinstance(e, stating))
            )
            _refused(
                "Contract.payments",
                f"milestone {shown(milestone.id)} was paid {total} as {kind.value} at "
                f"{moment.isoformat()}, but what its events recorded then ({names}) state is "
                f"{Money(stated, milestone.amount.currency)}",
                _RULE,
            )
    for position, event in enumerate(events):
        if position >= lowered_from and _releases(event) and (event.at, _RELEASE) not in sums:
            _refused(
                "Contract.payments",
                f"the {type(event).__name__} of milestone {shown(milestone.id)} at "
                f"{event.at.isoformat()} released escrow, but no release payment is recorded "
                "then: the engine pays a release in the step that releases it",
                _RULE,
            )


_RELEASE = PaymentKind.RELEASE
#: Events that pay a release: those that can leave a milestone ``PAID`` but a refund's.
_PAYING: tuple[type[Event], ...] = (
    Approve,
    ResolveDispute,
    AutoApprove,
    AutoDisputeRelease,
    ArbitrationDefault,
)


def _stated(then: Sequence[Event], kind: PaymentKind) -> Decimal | None:
    """What the events *then* (at one instant) state they paid as *kind*, if they all state it."""
    if kind is PaymentKind.BONUS:
        approvals = [event for event in then if isinstance(event, Approve)]
        if not approvals:
            return None
        return sum(
            (event.bonus.amount for event in approvals if event.bonus is not None), Decimal(0)
        )
    stated = Decimal(0)
    paying = False
    for event in then:
        if isinstance(event, Approve) and event.amount is not None:
            stated = CONTEXT.add(stated, event.amount.amount)
        elif isinstance(event, ResolveDispute):
            stated = CONTEXT.add(stated, event.to_freelancer.amount)
        elif isinstance(event, _PAYING):
            return None  # it releases what was held, which the history does not state
        else:
            continue
        paying = True
    return stated if paying else None


def _releases(event: Event) -> bool:
    """Whether *event* certainly released something (and so paid a release then)."""
    if isinstance(event, ResolveDispute):
        return bool(event.to_freelancer.amount)
    # An approval releases its amount or all it holds (the engine's guard: escrow held).
    return isinstance(event, (Approve, AutoApprove, AutoDisputeRelease))


#: Events after which a milestone holds nothing: each released or refunded all it held.
_EMPTYING: tuple[type[Event], ...] = (
    AutoApprove,
    AutoDisputeRelease,
    AcceptRefund,
    AutoRefund,
    ResolveDispute,
    ArbitrationDefault,
)


def _emptied(where: str, milestone: Milestone, events: Sequence[Event]) -> None:
    """A milestone emptied by a recorded event holds nothing (M2 r21).

    Such an event settles the escrow (all released or refunded), and no
    later event funds a ``PAID`` or ``REFUNDED`` milestone again.
    """
    held = milestone.escrow.held
    if not held.amount:
        return
    for event in events:
        if isinstance(event, _EMPTYING) or (
            isinstance(event, (Approve, Refund)) and event.amount is None
        ):
            _refused(
                f"{where}.held",
                f"it is {held}, but the {type(event).__name__} of milestone "
                f"{shown(milestone.id)} at {event.at.isoformat()} released or refunded all it "
                "held, and nothing funds a paid or refunded milestone again",
                _RULE,
            )


def _whole_life(
    where: str,
    milestone: Milestone,
    events: Sequence[Event],
    paid: Sequence[Payment],
) -> None:
    """A milestone whose ``Fund`` is recorded: its moments and releases are recorded ones."""
    escrow = milestone.escrow
    funded = events[0].at
    for name in _MOMENTS:
        moment: datetime | None = getattr(escrow, name)
        if moment is not None and moment < funded:
            _refused(
                f"{where}.{name}",
                f"it is at {moment.isoformat()}, before milestone {shown(milestone.id)} was "
                f"funded ({funded.isoformat()})",
                _RULE,
            )
    releasing = {event.at for event in events if isinstance(event, _RELEASING)}
    for payment in paid:
        if payment.kind is PaymentKind.RELEASE and payment.at not in releasing:
            at = "none" if payment.at is None else payment.at.isoformat()
            _refused(
                "Contract.payments",
                f"a release of milestone {shown(milestone.id)} is at {at}, when no event "
                "that releases its escrow is recorded: the engine pays a release in the "
                "step that releases it",
                _RULE,
            )
    _bonuses_recorded(milestone, events, paid)


def _bonuses_recorded(
    milestone: Milestone, events: Sequence[Event], paid: Sequence[Payment]
) -> None:
    """Every bonus stated by a recorded ``Approve`` was paid then, and no other was (L1, r17).

    A bonus is paid fresh, in the step that states it, and no refund lowers
    it, so the payments and the history say the same bonuses; their amounts
    are checked by :func:`_amounts_recorded`.
    """
    stated = {
        event.at: event.bonus
        for event in events
        if isinstance(event, Approve) and event.bonus is not None and event.bonus.amount
    }
    bonus_at = {payment.at for payment in paid if payment.kind is PaymentKind.BONUS}
    for payment in paid:
        if payment.kind is PaymentKind.BONUS and payment.at not in stated:
            at = "none" if payment.at is None else payment.at.isoformat()
            _refused(
                "Contract.payments",
                f"a bonus for milestone {shown(milestone.id)} is at {at}, when no recorded "
                "Approve states a bonus: the engine pays a bonus in the approval that states it",
                _RULE,
            )
    for moment, bonus in stated.items():
        if moment not in bonus_at:
            _refused(
                "Contract.payments",
                f"the Approve of milestone {shown(milestone.id)} at {moment.isoformat()} states a "
                f"bonus of {bonus}, but no bonus payment is recorded then",
                _RULE,
            )


def _moment_differs(
    where: str, name: str, held: datetime | None, recorded: datetime | None
) -> NoReturn:
    def text(moment: datetime | None) -> str:
        return "none" if moment is None else moment.isoformat()

    _refused(
        f"{where}.{name}",
        f"it is {text(held)}, but the history records {text(recorded)}",
        _RULE,
    )


def _refused(field: str, why: str, rule: str) -> NoReturn:
    raise InvalidValueError(f"{field} cannot be: {why}", field=field, rule=rule)
