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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, cast

import attrs

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
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._validate import bool_field, id_field, text_field
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.escrow._kinds import DeadlineKind, Party
from upwork_safety.escrow._run import Draft, Run
from upwork_safety.escrow._timers import (
    arbitration_window,
    client_answer_due,
    dormancy_times,
    rules_at,
    start_of,
)
from upwork_safety.models import MilestoneState, Payment, PaymentKind, _zero
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules

__all__ = [
    "BY_EVENT",
    "ROWS",
    "TRANSITIONS",
    "Row",
    "Timer",
    "Transition",
    "due_automatic",
    "refusal",
    "source_of",
    "when",
]

S = MilestoneState
Guard = Callable[["Run", Draft, datetime], "str | None"]
Effect = Callable[["Run", int, Any], None]
Due = Callable[["Run", Draft], "datetime | None"]


def when(at: datetime) -> str:
    """A moment for messages: ``2026-03-23 15:00:00 UTC``."""
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def source_of(field: str) -> str:
    """Where the rule *field* of :class:`~upwork_safety.rules.PlatformRules` is published."""
    return str(attrs.fields_dict(PlatformRules)[field].metadata["rule"].source)


def _days(delta: timedelta) -> str:
    if delta % timedelta(days=1):
        return str(delta)
    days = delta.days
    return f"{days} day{'s' if days != 1 else ''}"


# --------------------------------------------------------------------------- the row types


@attrs.frozen
class Timer:
    """A clock on a milestone: when it runs out, who must act before, and what silence causes.

    Attributes:
        kind: What the deadline is (:class:`DeadlineKind`).
        who: Who must act before it runs out.
        rule: The :class:`~upwork_safety.rules.PlatformRules` field its
            period comes from (its source is that field's source).
        due: ``due(run, milestone)``: when the clock runs out for
            *milestone*, or ``None`` if it is not running.
        consequence: ``consequence(run, milestone)``: what happens when it
            runs out, in words.
        period: ``period(rules)``: how long it runs under *rules*, as the
            diagram says it (``"auto after 14 days"``).
    """

    kind: DeadlineKind
    who: Party
    rule: str
    due: Due = attrs.field(repr=False)
    consequence: Callable[[Run, Draft], str] = attrs.field(repr=False)
    period: Callable[[PlatformRules], str] = attrs.field(repr=False)


def _check_edges(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidTypeError(
            "Transition.edges must be a non-empty tuple of (from, to) MilestoneState pairs",
            field="Transition.edges",
            rule="(from, to) MilestoneState pairs",
        )
    for index, edge in enumerate(value):
        if not (
            isinstance(edge, tuple)
            and len(edge) == 2
            and all(isinstance(state, MilestoneState) for state in edge)
        ):
            raise InvalidTypeError(
                f"Transition.edges[{index}] must be a (from, to) pair of MilestoneState, "
                f"not {edge!r}",
                field=f"Transition.edges[{index}]",
                rule="a (from, to) MilestoneState pair",
            )


def _check_timer(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and value not in attrs.fields_dict(PlatformRules):
        raise InvalidValueError(
            f"Transition.timer must name a PlatformRules field, not {value!r}",
            field="Transition.timer",
            rule="a PlatformRules field",
        )


def _edges(value: Any) -> tuple[tuple[MilestoneState, MilestoneState], ...]:
    """Lists (as JSON gives them) become tuples; anything else is left for the validator."""
    if isinstance(value, (list, tuple)):
        return tuple(tuple(edge) if isinstance(edge, list) else edge for edge in value)
    return cast("tuple[tuple[MilestoneState, MilestoneState], ...]", value)


@attrs.frozen
class Transition:
    """One row of the escrow state machine, as published in :data:`TRANSITIONS`.

    Attributes:
        event: The event class's name, e.g. ``"Fund"`` (the classes are in
            :data:`MANUAL_EVENTS` and :data:`AUTOMATIC_EVENTS`).
        edges: ``(from, to)`` state pairs the row can take a milestone
            along; a pair with ``from == to`` changes the milestone without
            changing its state (a partial refund, answering a dispute).
        condition: When the row applies beyond the state, in words (shown
            on the diagram; empty when the state is enough).
        automatic: Whether only :func:`~upwork_safety.escrow.advance` takes
            it, when its clock runs out.
        timer: The :class:`~upwork_safety.rules.PlatformRules` field the
            row's clock runs by (an automatic step's wait, or the window a
            manual step is allowed in), or ``None``.
        deadline: The :class:`DeadlineKind` that clock shows as in
            :func:`~upwork_safety.escrow.deadlines`, or ``None``.
    """

    event: str = attrs.field(validator=id_field)
    edges: tuple[tuple[MilestoneState, MilestoneState], ...] = attrs.field(
        converter=_edges, validator=_check_edges
    )
    condition: str = attrs.field(default="", validator=text_field)
    automatic: bool = attrs.field(default=False, validator=bool_field)
    timer: str | None = attrs.field(default=None, validator=_check_timer)
    deadline: DeadlineKind | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(DeadlineKind)),
    )

    @property
    def sources(self) -> frozenset[MilestoneState]:
        """The states the row starts from."""
        return frozenset(a for a, _ in self.edges)

    @property
    def targets(self) -> frozenset[MilestoneState]:
        """The states the row can end in."""
        return frozenset(b for _, b in self.edges)

    @property
    def changes(self) -> frozenset[tuple[MilestoneState, MilestoneState]]:
        """The edges that change the state (what a diagram draws)."""
        return frozenset((a, b) for a, b in self.edges if a is not b)


def _no_condition(_run: Run, _milestone: Draft, _at: datetime) -> None:
    """The guard of a row whose source state is condition enough."""


@attrs.frozen
class Row:
    """One row of the table as the engine reads it: the published data plus its behaviour.

    Attributes:
        event: The event class.
        edges, condition: As in :class:`Transition`.
        timer: For an automatic step, the clock that makes it fall due.
        window: For a manual step allowed only until a moment, that clock.
        notices: Informational deadlines on the way to *timer* (dormancy
            notices, the mediation steps).
    """

    event: type[Event]
    edges: tuple[tuple[MilestoneState, MilestoneState], ...]
    condition: str = ""
    #: ``guard(run, milestone, at)``: ``None`` if the row applies to
    #: *milestone* (in one of its sources) at *at*, else why not.
    guard: Guard = attrs.field(default=_no_condition, repr=False)
    #: ``effect(run, index, event)``: records in *run* what *event* changes
    #: for the milestone at *index*.
    effect: Effect = attrs.field(kw_only=True, repr=False)
    timer: Timer | None = None
    window: Timer | None = None
    notices: tuple[Timer, ...] = ()
    #: The states the row starts from.
    sources: frozenset[MilestoneState] = attrs.field(
        init=False,
        default=attrs.Factory(lambda row: frozenset(a for a, _ in row.edges), takes_self=True),
    )

    @property
    def automatic(self) -> bool:
        """Whether only :func:`~upwork_safety.escrow.advance` takes this step."""
        return self.timer is not None

    @property
    def transition(self) -> Transition:
        """The row as published in :data:`TRANSITIONS`."""
        clock = self.timer or self.window
        return Transition(
            self.event.__name__,
            self.edges,
            self.condition,
            automatic=self.automatic,
            timer=None if clock is None else clock.rule,
            deadline=None if clock is None else clock.kind,
        )

    def automatic_event(self, milestone_id: str, at: datetime) -> AutomaticEvent:
        """The automatic event of this row for *milestone_id*, due at *at*."""
        event = self.event(milestone_id, at)  # type: ignore[call-arg, arg-type]
        return cast("AutomaticEvent", event)


# --------------------------------------------------------------------------- reasons


def _holds(milestone: Draft) -> bool:
    return bool(milestone.held.amount)


def state_reason(milestone: Draft) -> str:  # noqa: PLR0911  (one reason per state)
    """Why a milestone in its current state takes no further step of the kind asked."""
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
    if state is S.PAID and _holds(milestone):
        return (
            f"it is paid; only the {milestone.held} left in escrow can still be approved "
            "or refunded"
        )
    if state is S.PAID:
        return "it is paid and nothing is left in escrow"
    if state is S.NOT_FUNDED:
        if _holds(milestone):
            return (
                f"it holds only the {milestone.held} carried from a partial approval and "
                "is not funded yet: the client funds it (or ends the contract to ask for it back)"
            )
        return "nothing is in escrow: the client funds it first"
    return "work has not been submitted for review"


_NO_DISPUTE = "there is no open dispute"


def refusal(  # noqa: C901, PLR0911  (one reason per case)
    run: Run, kind: type[Event], milestone: Draft
) -> str:
    """Why *kind* does not apply to *milestone* in its state (no row starts from it)."""
    state = milestone.state
    if kind in (Fund, Submit) and run.ended is not None:
        return f"the contract ended on {run.ended.isoformat()}"
    if kind is Fund:
        return f"it was already funded ({state.name}); a milestone is funded once"
    if kind is Submit and state is S.NOT_FUNDED:
        return (
            "it is not funded: ask the client to fund it first; only funded work is "
            "protected (HC 211063748)"
        )
    if kind is Submit and state is S.SUBMITTED:
        return "work is already submitted and the client's review period is running"
    if kind is RequestRefund and state is S.REFUND_REQUESTED:
        return "a refund request is already pending"
    if kind is AcceptRefund and state is not S.DISPUTED:
        return "no escrow refund request is pending"
    if kind is OpenDispute:
        if state is S.DISPUTED:
            return "a dispute is already open"
        if state is S.SUBMITTED:
            return (
                "the client's review period is running, and silence releases the escrow: "
                "there is nothing to dispute"
            )
        return (
            "there is nothing to dispute: a dispute answers an escrow refund request, or "
            "escrow the client does not release"
        )
    if kind in (AnswerDispute, ClientPaysArbitration, FreelancerPaysArbitration, ResolveDispute):
        return _NO_DISPUTE
    return state_reason(milestone)


# --------------------------------------------------------------------------- guards


def _contract_open(run: Run, _milestone: Draft, _at: datetime) -> str | None:
    if run.ended is None:
        return None
    return f"the contract ended on {run.ended.isoformat()}"


def _can_fund(run: Run, milestone: Draft, at: datetime) -> str | None:
    closed = _contract_open(run, milestone, at)
    if closed is not None:
        return closed
    rules = rules_at(at, run.rules)
    if rules.one_active_milestone:
        for index in sorted(run.holding):
            other = run.milestone(index)
            if other.id != milestone.id:
                return (
                    f"milestone {other.id!r} is still active ({other.state.name}); only one "
                    "milestone may be funded at a time (HC 360000990268): it must be paid or "
                    "refunded first"
                )
    minimum = rules.minimum_milestone
    if milestone.amount.currency == minimum.currency and milestone.amount < minimum:
        return (
            f"its amount {milestone.amount} is below the {minimum} minimum milestone "
            "(HC 360000990268)"
        )
    return None


def _holds_escrow(_run: Run, milestone: Draft, _at: datetime) -> str | None:
    return None if _holds(milestone) else state_reason(milestone)


def _release_payments(run: Run, milestone: Draft) -> list[tuple[int, Payment]]:
    """``(position in the payments, payment)`` of every escrow release of *milestone*."""
    return run.releases(milestone.id)


def _refundable(run: Run, milestone: Draft, at: datetime) -> list[tuple[int, Payment]]:
    """The release payments of *milestone* still inside their refund window at *at*."""
    return [
        (index, payment)
        for index, payment in _release_payments(run, milestone)
        if at < payment.moment + rules_at(payment.moment, run.rules).refund_after_payment_window
    ]


def _refund_window_due(run: Run, milestone: Draft) -> datetime | None:
    if _holds(milestone) or not milestone.released.amount:
        return None
    paid = _release_payments(run, milestone)
    if not paid:
        return None
    latest = max(payment.moment for _, payment in paid)
    return latest + rules_at(latest, run.rules).refund_after_payment_window


def _can_refund_paid(run: Run, milestone: Draft, at: datetime) -> str | None:
    if _holds(milestone):
        return state_reason(milestone)
    if _refundable(run, milestone, at):
        return None
    closes = _refund_window_due(run, milestone)
    if closes is None:
        return "none of its payments is recorded, so none can be refunded"
    window = rules_at(closes, run.rules).refund_after_payment_window
    return (
        f"the {_days(window)} to refund its payments closed at {when(closes)} "
        "(HC section 360002670934)"
    )


def _can_dispute_non_release(run: Run, milestone: Draft, at: datetime) -> str | None:
    if not rules_at(at, run.rules).dispute_on_active_contract:
        return "these rules allow a dispute only after an escrow refund request"
    if run.ended is not None:
        return (
            f"the contract ended on {run.ended.isoformat()}: a dispute answers its escrow "
            "refund request"
        )
    if not _holds(milestone):
        return refusal(run, OpenDispute, milestone)
    return None


def _unanswered(_run: Run, milestone: Draft, _at: datetime) -> str | None:
    answered = milestone.dispute_answered_at
    if answered is None:
        return None
    return f"the client already answered the dispute at {when(answered)}"


def _can_pay_arbitration(field: str) -> Guard:
    def guard(run: Run, milestone: Draft, at: datetime) -> str | None:
        if milestone.dispute_answered_at is None:
            return "the client has not answered the dispute: mediation has not started"
        _proposal, opens, closes = arbitration_window(milestone.dispute_answered_at, run.rules)
        if at < opens:
            return f"mediation runs until {when(opens)}; arbitration opens after it fails"
        paid = getattr(milestone, field)
        if paid is not None:
            return f"the fee was already paid at {when(paid)}"
        if at >= closes:  # pragma: no cover  (advance() applies the default outcome first)
            return f"the arbitration opt-in window closed at {when(closes)}"
        return None

    return guard


# --------------------------------------------------------------------------- effects


def _check_amount(value: Money, milestone: Draft, what: str) -> None:
    if value.currency != milestone.amount.currency:
        raise CurrencyMismatchError(
            f"{what} is in {value.currency} but milestone {milestone.id!r} is in "
            f"{milestone.amount.currency}",
            field=what,
            rule="the milestone's currency",
        )
    if value.amount <= 0:
        raise InvalidValueError(
            f"{what} must be more than zero, got {value}", field=what, rule="more than zero"
        )
    _whole_cents(value, what)


def _whole_cents(value: Money, what: str) -> None:
    if not value.is_rounded():
        raise InvalidValueError(
            f"{what} must be whole {value.currency} minor units (escrow moves cents), got {value}",
            field=what,
            rule="whole minor units",
        )


def _fund(run: Run, index: int, _event: Fund) -> None:
    milestone = run.milestone(index)
    carried = milestone.held  # a remainder carried here from a partial approval, if any
    if not carried.amount:
        deposit = milestone.amount
    elif milestone.amount <= carried:
        # The carried remainder already covers the milestone: nothing more is deposited.
        run.update(index, state=S.FUNDED)
        return
    else:
        deposit = milestone.amount - carried
    run.update(index, state=S.FUNDED, held=milestone.amount, funded=milestone.funded + deposit)


def _submit(run: Run, index: int, event: Submit) -> None:
    run.update(index, state=S.SUBMITTED, submitted_at=event.at)


def _request_changes(run: Run, index: int, _event: RequestChanges) -> None:
    run.update(index, state=S.CHANGES_REQUESTED, submitted_at=None)


def _carry_target(run: Run, index: int, currency: str) -> int | None:
    """The next unfunded milestone a partial approval's remainder funds (HC 360000990348)."""
    for other, milestone in enumerate(run.contract.milestones):
        if (
            other != index
            and run.books(other).state is S.NOT_FUNDED
            and milestone.amount.currency == currency
        ):
            return other
    return None


def _approve(run: Run, index: int, event: Approve) -> None:
    milestone = run.milestone(index)
    amount = milestone.held
    if event.amount is not None:
        _check_amount(event.amount, milestone, "Approve.amount")
        if event.amount > milestone.held:
            raise InvalidValueError(
                f"Approve.amount ({event.amount}) is more than the {milestone.held} in escrow for "
                f"milestone {milestone.id!r}; pay more as a bonus (Approve.bonus), which is "
                "charged fresh (HC 360000990348)",
                field="Approve.amount",
                rule="at most the escrow",
            )
        amount = event.amount
    if event.bonus is not None:
        _check_amount(event.bonus, milestone, "Approve.bonus")
    run.pay(index, event.at, amount, PaymentKind.RELEASE)
    if event.bonus is not None:
        run.pay(index, event.at, event.bonus, PaymentKind.BONUS)
    released = milestone.released + amount
    if amount == milestone.held:
        run.settle(index, released=released)
        return
    remainder = milestone.held - amount
    target = _carry_target(run, index, remainder.currency) if run.ended is None else None
    if target is None:
        # No later milestone to carry it to: it stays in escrow until approved,
        # refunded or disputed.
        run.update(
            index,
            state=S.PAID,
            held=remainder,
            released=released,
            submitted_at=None,
            refund_requested_at=None,
        )
        return
    run.update(
        index,
        state=S.PAID,
        held=_zero(remainder.currency),
        released=released,
        carried_over=milestone.carried_over + remainder,
        submitted_at=None,
        refund_requested_at=None,
    )
    receiving = run.milestone(target)
    run.update(target, held=receiving.held + remainder, funded=receiving.funded + remainder)


def _request_refund(run: Run, index: int, event: RequestRefund | DormancyRefundRequest) -> None:
    run.update(index, state=S.REFUND_REQUESTED, refund_requested_at=event.at, submitted_at=None)


def _refund_all(run: Run, index: int, _event: object) -> None:
    milestone = run.milestone(index)
    run.settle(index, refunded=milestone.refunded + milestone.held)


def _release_all(run: Run, index: int, event: AutoApprove | AutoDisputeRelease) -> None:
    milestone = run.milestone(index)
    run.pay(index, event.at, milestone.held, PaymentKind.RELEASE)
    run.settle(index, released=milestone.released + milestone.held)


def _refund_escrow(run: Run, index: int, event: Refund) -> None:
    milestone = run.milestone(index)
    amount = milestone.held
    if event.amount is not None:
        _check_amount(event.amount, milestone, "Refund.amount")
        if event.amount > milestone.held:
            raise InvalidValueError(
                f"Refund.amount ({event.amount}) is more than the {milestone.held} in escrow for "
                f"milestone {milestone.id!r}",
                field="Refund.amount",
                rule="at most the escrow",
            )
        amount = event.amount
    if amount == milestone.held:
        run.settle(index, refunded=milestone.refunded + amount)
    else:
        run.update(index, held=milestone.held - amount, refunded=milestone.refunded + amount)


def _refund_paid(run: Run, index: int, event: Refund) -> None:
    """The freelancer gives back money already paid (HC section 360002670934).

    Only this milestone's own release payments inside their refund window are
    lowered, newest first; other milestones' payments and bonuses never are.
    """
    milestone = run.milestone(index)
    refundable = _refundable(run, milestone, event.at)
    total = Money.total((payment.amount for _, payment in refundable), milestone.released.currency)
    amount = total
    if event.amount is not None:
        _check_amount(event.amount, milestone, "Refund.amount")
        if event.amount > total:
            raise InvalidValueError(
                f"Refund.amount ({event.amount}) is more than the {total} paid for milestone "
                f"{milestone.id!r} within the refund window (HC section 360002670934)",
                field="Refund.amount",
                rule="at most the refundable payments",
            )
        amount = event.amount
    payments: list[Payment | None] = list(run.payments())
    left = amount
    for position, payment in sorted(refundable, key=lambda item: item[1].moment, reverse=True):
        if not left.amount:
            break
        if payment.amount <= left:
            payments[position] = None  # given back in full
            left -= payment.amount
        else:
            payments[position] = attrs.evolve(payment, amount=payment.amount - left)
            left -= left
    run.rewrite_payments([p for p in payments if p is not None])
    released = milestone.released - amount
    run.update(
        index,
        state=S.PAID if released.amount else S.REFUNDED,
        released=released,
        refunded=milestone.refunded + amount,
    )


def _open_dispute(run: Run, index: int, event: OpenDispute) -> None:
    run.update(
        index,
        state=S.DISPUTED,
        disputed_at=event.at,
        refund_requested_at=None,
        submitted_at=None,
    )


def _answer_dispute(run: Run, index: int, event: AnswerDispute) -> None:
    run.update(index, dispute_answered_at=event.at)


def _client_pays(run: Run, index: int, event: ClientPaysArbitration) -> None:
    run.update(index, client_paid_arbitration_at=event.at)


def _freelancer_pays(run: Run, index: int, event: FreelancerPaysArbitration) -> None:
    run.update(index, freelancer_paid_arbitration_at=event.at)


def _resolve_dispute(run: Run, index: int, event: ResolveDispute) -> None:
    milestone = run.milestone(index)
    for name in ("to_freelancer", "to_client"):
        value: Money = getattr(event, name)
        if value.currency != milestone.amount.currency:
            raise CurrencyMismatchError(
                f"ResolveDispute.{name} is in {value.currency} but milestone {milestone.id!r} "
                f"is in {milestone.amount.currency}",
                field=f"ResolveDispute.{name}",
                rule="the milestone's currency",
            )
        _whole_cents(value, f"ResolveDispute.{name}")
    split = event.to_freelancer + event.to_client
    if split != milestone.held:
        raise InvalidValueError(
            f"ResolveDispute must split exactly the disputed {milestone.held} of milestone "
            f"{milestone.id!r}: to_freelancer ({event.to_freelancer}) + to_client "
            f"({event.to_client}) = {split}",
            field="ResolveDispute.to_client",
            rule="the split adds up to the disputed escrow",
        )
    run.pay(index, event.at, event.to_freelancer, PaymentKind.RELEASE)
    run.settle(
        index,
        released=milestone.released + event.to_freelancer,
        refunded=milestone.refunded + event.to_client,
    )


def _arbitration_default(run: Run, index: int, event: ArbitrationDefault) -> None:
    milestone = run.milestone(index)
    if milestone.freelancer_paid_arbitration_at is not None:
        _release_all(run, index, AutoDisputeRelease(event.milestone_id, event.at))
    else:
        _refund_all(run, index, event)


def _dormancy(run: Run, index: int, event: DormancyRefundRequest) -> None:
    _request_refund(run, index, event)
    if run.ended is None:
        # "Contracts Gone Dormant": the contract is closed with the refund request.
        run.ended = event.at.date()


#: The states whose escrow EndContract and dormancy turn into a refund request.
_UNCLAIMED = (S.NOT_FUNDED, S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED, S.PAID)
#: States in which escrow waits on no running clock: only dormancy (or a dispute) moves it.
_IDLE = (S.NOT_FUNDED, S.FUNDED, S.CHANGES_REQUESTED, S.PAID)


def _end(run: Run, _index: int, event: EndContract) -> None:
    for index in sorted(run.holding):
        if run.milestone(index).state in _UNCLAIMED:
            run.update(
                index, state=S.REFUND_REQUESTED, refund_requested_at=event.at, submitted_at=None
            )
    run.ended = event.at.date()


# --------------------------------------------------------------------------- timers


def _review_ends(run: Run, milestone: Draft) -> datetime | None:
    start = milestone.submitted_at
    if start is None:  # pragma: no cover  (an Escrow in review always has it)
        return None
    return start + rules_at(start, run.rules).review_period


def _refund_response_due(run: Run, milestone: Draft) -> datetime | None:
    start = milestone.refund_requested_at
    if start is None:  # pragma: no cover  (an Escrow under a refund request always has it)
        return None
    return start + rules_at(start, run.rules).refund_response_window


def _answer_due(run: Run, milestone: Draft) -> datetime | None:
    if milestone.disputed_at is None or milestone.dispute_answered_at is not None:
        return None
    return client_answer_due(milestone.disputed_at, run.rules)


def _mediation(run: Run, milestone: Draft) -> tuple[datetime, datetime, datetime] | None:
    answered = milestone.dispute_answered_at
    both = (
        milestone.client_paid_arbitration_at is not None
        and milestone.freelancer_paid_arbitration_at is not None
    )
    if answered is None or both:
        return None
    return arbitration_window(answered, run.rules)


def _last_moment(run: Run) -> datetime:
    last = run.last_at
    return start_of(run.contract.started) if last is None else last


def _dormancy_times(run: Run, milestone: Draft) -> tuple[datetime, datetime, datetime] | None:
    if not _holds(milestone) or run.ended is not None:
        return None
    return dormancy_times(_last_moment(run), run.rules)


def _dormancy_due(run: Run, milestone: Draft) -> datetime | None:
    if not _holds(milestone):
        return None
    if run.ended is None:
        return dormancy_times(_last_moment(run), run.rules)[2]
    if isinstance(run.last_event, DormancyRefundRequest):
        # Dormancy closes the contract for every milestone still holding escrow at once.
        return run.last_at
    return None


def _at(index: int, times: Callable[[Run, Draft], tuple[datetime, ...] | None]) -> Due:
    def due(run: Run, milestone: Draft) -> datetime | None:
        found = times(run, milestone)
        return None if found is None else found[index]

    return due


def _period(field: str) -> Callable[[PlatformRules], str]:
    return lambda rules: f"auto after {_days(getattr(rules, field))}"


def _answer_period(rules: PlatformRules) -> str:
    period = _days(rules.client_dispute_response)
    if rules.client_response_business_days:
        period = period.replace(" day", " business day")
    return f"auto after {period}"


def _dormancy_period(rules: PlatformRules) -> str:
    total = rules.dormancy_period + rules.dormancy_first_notice + rules.dormancy_final_notice
    return f"auto after {_days(total)} untouched"


def _arbitration_outcome(run: Run, milestone: Draft) -> str:
    held = milestone.held
    answered = milestone.dispute_answered_at
    assert answered is not None
    fee = rules_at(answered, run.rules).arbitration_fee
    if milestone.freelancer_paid_arbitration_at is not None:
        return f"only the freelancer paid the {fee} fee: the {held} goes to the freelancer"
    if milestone.client_paid_arbitration_at is not None:
        return f"only the client paid the {fee} fee: the {held} goes to the client"
    return (
        f"both decline: the {held} goes to the client; only one pays the {fee} fee: "
        "it goes to the payer"
    )


_REVIEW = Timer(
    DeadlineKind.REVIEW_ENDS,
    Party.CLIENT,
    "review_period",
    due=_review_ends,
    consequence=lambda _r, m: f"the {m.held} in escrow is released to the freelancer automatically",
    period=_period("review_period"),
)
_REFUND_RESPONSE = Timer(
    DeadlineKind.REFUND_RESPONSE_DUE,
    Party.FREELANCER,
    "refund_response_window",
    due=_refund_response_due,
    consequence=lambda _r, m: (
        f"the {m.held} in escrow is refunded to the client; accept, return it or open a "
        "dispute before then"
    ),
    period=_period("refund_response_window"),
)
_CLIENT_ANSWER = Timer(
    DeadlineKind.DISPUTE_RESPONSE_DUE,
    Party.CLIENT,
    "client_dispute_response",
    due=_answer_due,
    consequence=lambda _r, m: f"the disputed {m.held} is released to the freelancer",
    period=_answer_period,
)
_PROPOSAL = Timer(
    DeadlineKind.MEDIATION_PROPOSAL_DUE,
    Party.MEDIATOR,
    "mediation_proposal",
    due=_at(0, _mediation),
    consequence=lambda _r, _m: "the mediator proposes how to split the disputed money",
    period=_period("mediation_proposal"),
)
_ACCEPTANCE = Timer(
    DeadlineKind.MEDIATION_ACCEPTANCE_DUE,
    Party.BOTH,
    "mediation_acceptance",
    due=_at(1, _mediation),
    consequence=lambda _r, _m: (
        "without both accepting, mediation has failed and the arbitration opt-in window opens"
    ),
    period=_period("mediation_acceptance"),
)
_ARBITRATION = Timer(
    DeadlineKind.ARBITRATION_OPT_IN_DUE,
    Party.BOTH,
    "arbitration_opt_in",
    due=_at(2, _mediation),
    consequence=_arbitration_outcome,
    period=lambda rules: f"auto {_days(rules.arbitration_opt_in)} after mediation fails",
)
_FIRST_NOTICE = Timer(
    DeadlineKind.DORMANCY_NOTICE,
    Party.EITHER,
    "dormancy_period",
    due=_at(0, _dormancy_times),
    consequence=lambda _r, _m: "escrow untouched: Upwork sends the 2-week dormancy notice",
    period=_period("dormancy_period"),
)
_FINAL_NOTICE = Timer(
    DeadlineKind.DORMANCY_FINAL_NOTICE,
    Party.EITHER,
    "dormancy_period",
    due=_at(1, _dormancy_times),
    consequence=lambda _r, _m: "Upwork sends the final 1-week dormancy notice",
    period=_period("dormancy_first_notice"),
)
_DORMANCY = Timer(
    DeadlineKind.DORMANCY_CLOSE,
    Party.EITHER,
    "dormancy_period",
    due=_dormancy_due,
    consequence=lambda _r, m: (
        f"the contract closes and the {m.held} in escrow becomes a refund request (the "
        "freelancer then has the usual response window)"
    ),
    period=_dormancy_period,
)
_REFUND_WINDOW = Timer(
    DeadlineKind.REFUND_WINDOW_CLOSES,
    Party.FREELANCER,
    "refund_after_payment_window",
    due=_refund_window_due,
    consequence=lambda _r, _m: "the freelancer can no longer refund this milestone's payments",
    period=lambda rules: f"within {_days(rules.refund_after_payment_window)}",
)

_WORK = (S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED)


def _same(*states: MilestoneState) -> tuple[tuple[MilestoneState, MilestoneState], ...]:
    return tuple((state, state) for state in states)


def _to(
    target: MilestoneState, *states: MilestoneState
) -> tuple[tuple[MilestoneState, MilestoneState], ...]:
    return tuple((state, target) for state in states)


#: The escrow state machine, with its behaviour: every way a milestone's escrow can move.
ROWS: tuple[Row, ...] = (
    Row(Fund, _to(S.FUNDED, S.NOT_FUNDED), guard=_can_fund, effect=_fund),
    Row(
        Submit,
        _to(S.SUBMITTED, S.FUNDED, S.CHANGES_REQUESTED),
        guard=_contract_open,
        effect=_submit,
    ),
    Row(RequestChanges, _to(S.CHANGES_REQUESTED, S.SUBMITTED), effect=_request_changes),
    Row(
        Approve,
        _to(S.PAID, *_WORK, S.PAID),
        "the escrow, all or part",
        guard=_holds_escrow,
        effect=_approve,
    ),
    Row(
        RequestRefund,
        _to(S.REFUND_REQUESTED, *_WORK, S.PAID),
        "escrow held",
        guard=_holds_escrow,
        effect=_request_refund,
    ),
    Row(
        AcceptRefund,
        _to(S.REFUNDED, S.REFUND_REQUESTED) + _to(S.PAID, S.REFUND_REQUESTED),
        effect=_refund_all,
    ),
    Row(
        Refund,
        _same(*_WORK, S.REFUND_REQUESTED, S.PAID)
        + _to(S.REFUNDED, *_WORK, S.REFUND_REQUESTED)
        + _to(S.PAID, S.REFUND_REQUESTED),
        "of escrow",
        guard=_holds_escrow,
        effect=_refund_escrow,
    ),
    Row(
        Refund,
        ((S.PAID, S.PAID), (S.PAID, S.REFUNDED)),
        "of a payment",
        guard=_can_refund_paid,
        effect=_refund_paid,
        window=_REFUND_WINDOW,
    ),
    Row(
        OpenDispute,
        _to(S.DISPUTED, S.REFUND_REQUESTED),
        "against the refund request",
        effect=_open_dispute,
    ),
    Row(
        OpenDispute,
        _to(S.DISPUTED, S.NOT_FUNDED, S.FUNDED, S.CHANGES_REQUESTED, S.PAID),
        "escrow not released, contract active",
        guard=_can_dispute_non_release,
        effect=_open_dispute,
    ),
    Row(AnswerDispute, _same(S.DISPUTED), guard=_unanswered, effect=_answer_dispute),
    Row(
        ClientPaysArbitration,
        _same(S.DISPUTED),
        "mediation failed",
        guard=_can_pay_arbitration("client_paid_arbitration_at"),
        effect=_client_pays,
    ),
    Row(
        FreelancerPaysArbitration,
        _same(S.DISPUTED),
        "mediation failed",
        guard=_can_pay_arbitration("freelancer_paid_arbitration_at"),
        effect=_freelancer_pays,
    ),
    Row(
        ResolveDispute,
        _to(S.PAID, S.DISPUTED) + _to(S.REFUNDED, S.DISPUTED),
        effect=_resolve_dispute,
    ),
    Row(
        EndContract,
        _to(S.REFUND_REQUESTED, *_UNCLAIMED),
        "escrow held",
        guard=_contract_open,
        effect=_end,
    ),
    Row(AutoApprove, _to(S.PAID, S.SUBMITTED), effect=_release_all, timer=_REVIEW),
    Row(
        AutoRefund,
        _to(S.REFUNDED, S.REFUND_REQUESTED) + _to(S.PAID, S.REFUND_REQUESTED),
        effect=_refund_all,
        timer=_REFUND_RESPONSE,
    ),
    Row(
        AutoDisputeRelease,
        _to(S.PAID, S.DISPUTED),
        "client did not answer",
        effect=_release_all,
        timer=_CLIENT_ANSWER,
    ),
    Row(
        ArbitrationDefault,
        _to(S.PAID, S.DISPUTED) + _to(S.REFUNDED, S.DISPUTED),
        "not both paid for arbitration",
        effect=_arbitration_default,
        timer=_ARBITRATION,
        notices=(_PROPOSAL, _ACCEPTANCE),
    ),
    Row(
        DormancyRefundRequest,
        _to(S.REFUND_REQUESTED, *_IDLE),
        "escrow held",
        effect=_dormancy,
        timer=_DORMANCY,
        notices=(_FIRST_NOTICE, _FINAL_NOTICE),
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
#: The automatic rows that start from each state, in table order.
_AUTOMATIC_FROM: Mapping[MilestoneState, tuple[Row, ...]] = {
    state: tuple(row for row in ROWS if row.automatic and state in row.sources)
    for state in MilestoneState
}


def due_automatic(run: Run) -> tuple[datetime, Row, int] | None:
    """The earliest automatic step waiting on the run: (due, row, milestone index).

    Only milestones holding escrow can have a running clock, so only those
    are looked at (:attr:`Run.holding`); ties go to the earlier milestone,
    then to the earlier row.
    """
    best: tuple[datetime, Row, int] | None = None
    for index in sorted(run.holding):
        milestone = run.milestone(index)
        for row in _AUTOMATIC_FROM[milestone.state]:
            assert row.timer is not None
            due = row.timer.due(run, milestone)
            if due is not None and (best is None or due < best[0]):
                best = (due, row, index)
    return best


# Keep the table honest: every event class has its rows, and automatic rows are
# exactly those of the automatic events.
assert set(BY_EVENT) == set(MANUAL_EVENTS) | set(AUTOMATIC_EVENTS)
assert {r.event for r in ROWS if r.automatic} == set(AUTOMATIC_EVENTS)
