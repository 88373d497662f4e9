"""The effects of the escrow table: what each event changes in the run (private).

An effect is ``effect(run, index, event)``: it records in the
:class:`~upwork_safety.escrow._run.Run` what *event* changes for the
milestone at *index* (its escrow, the contract's payments, the contract's
end), checking the amounts the event carries.  The rows (``_table.py``)
name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upwork_safety._display import shown
from upwork_safety._edges import UNCLAIMED
from upwork_safety._escrow_amounts import (
    AT_MOST_ESCROW,
    SPLIT_RULE,
    settled_state,
    splits_exactly,
)
from upwork_safety._events import (
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
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
    judge_field,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.escrow._timers import refundable
from upwork_safety.models import MilestoneState, PaymentKind, _zero
from upwork_safety.money import Money

if TYPE_CHECKING:
    from upwork_safety.escrow._run import Draft, Run

__all__ = [
    "UNCLAIMED",
    "answer_dispute",
    "approve",
    "arbitration_default",
    "client_pays",
    "dormancy",
    "end",
    "freelancer_pays",
    "fund",
    "open_dispute",
    "refund_all",
    "refund_escrow",
    "refund_paid",
    "release_all",
    "request_changes",
    "request_refund",
    "resolve_dispute",
    "submit",
]

S = MilestoneState


def _named(run: Run, event: object, name: str) -> tuple[str, str]:
    """``(path, words)`` for the field *name* of *event*, as an error names it.

    ``events[3].amount`` and ``Approve.amount (events[3].amount)``: the
    error's field is the path where the caller passed the event
    (:attr:`Run.arg`), and its message names the class too.
    """
    path = f"{run.arg}.{name}"
    return path, f"{type(event).__name__}.{name} ({path})"


def _check_amount(
    value: Money, milestone: Draft, what: tuple[str, str], event: Event, name: str
) -> None:
    """*value*, the field *name* of *event*, checked by its constructor's rules and the milestone's.

    The constructor's rules (more than zero, whole cents) are judged by its
    own validators (:func:`judge_field`), so an event built around them is
    refused here, not applied (review r38, hostile2 8).
    """
    field, words = what
    judge_field(event, name, field)
    if value.currency != milestone.amount.currency:
        raise CurrencyMismatchError(
            f"{words} is in {value.currency} but milestone {shown(milestone.id)} is in "
            f"{milestone.amount.currency}",
            field=field,
            rule="the milestone's currency",
        )


def _up_to(
    given: Money | None,
    limit: Money,
    milestone: Draft,
    *,
    what: tuple[str, str],
    where: str,
    after: str = "",
    rule: str,
    event: Event,
) -> Money:
    """*given* (checked, at most *limit*), or all of *limit* when the event names no amount.

    *what* is the field's path and its words (:func:`_named`).  A refusal
    says *given* is more than *limit* *where* (the milestone's id shown after
    it) *after*: the id is shown only when one is refused.
    """
    if given is None:
        return limit
    _check_amount(given, milestone, what, event, "amount")
    if given > limit:
        raise InvalidValueError(
            f"{what[1]} is {given}, more than the {limit} {where} {shown(milestone.id)}{after}",
            field=what[0],
            rule=rule,
        )
    return given


def fund(run: Run, index: int, _event: Fund) -> None:
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


def submit(run: Run, index: int, event: Submit) -> None:
    run.update(index, state=S.SUBMITTED, submitted_at=event.at)


def request_changes(run: Run, index: int, _event: RequestChanges) -> None:
    run.update(index, state=S.CHANGES_REQUESTED, submitted_at=None)


def _carry_target(run: Run, index: int, remainder: Money) -> int | None:
    """The next unfunded milestone a partial approval's *remainder* funds (HC 360000990348).

    The next is the first unfunded one in the contract's order (an earlier
    one under a what-if that funds milestones in any order).  ``None`` when there is none,
    or when the remainder is more than that milestone still needs: Upwork's
    help is silent on that case, and a milestone's escrow never holds more
    than its amount (a payment above it is a bonus, charged fresh), so the
    remainder stays where it is.
    """
    milestones = run.contract.milestones
    # No milestone before run.waiting is NOT_FUNDED (Run.waiting): look on from there.
    for other in range(run.waiting, len(milestones)):
        milestone = milestones[other]
        if other != index and run.books(other).state is S.NOT_FUNDED:
            if milestone.amount.currency != remainder.currency:
                continue
            receiving = run.milestone(other)
            return other if receiving.funded + remainder <= receiving.amount else None
    return None


def approve(run: Run, index: int, event: Approve) -> None:
    milestone = run.milestone(index)
    amount = _up_to(
        event.amount,
        milestone.held,
        milestone,
        what=_named(run, event, "amount"),
        event=event,
        where="in escrow for milestone",
        after="; pay more as a bonus (Approve.bonus), which is charged fresh (HC 360000990348)",
        rule=AT_MOST_ESCROW,
    )
    if event.bonus is not None:
        _check_amount(event.bonus, milestone, _named(run, event, "bonus"), event, "bonus")
    run.pay(index, event.at, amount, PaymentKind.RELEASE)
    if event.bonus is not None:
        run.pay(index, event.at, event.bonus, PaymentKind.BONUS)
    released = milestone.released + amount
    if amount == milestone.held:
        run.settle(index, released=released)
        return
    remainder = milestone.held - amount
    target = _carry_target(run, index, remainder) if run.ended is None else None
    if target is None:
        # No later milestone to carry it to (or it would hold more than its
        # amount): it stays in escrow until approved, refunded or disputed.
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


def request_refund(run: Run, index: int, event: RequestRefund | DormancyRefundRequest) -> None:
    run.update(index, state=S.REFUND_REQUESTED, refund_requested_at=event.at, submitted_at=None)


def refund_all(run: Run, index: int, _event: object) -> None:
    milestone = run.milestone(index)
    run.settle(index, refunded=milestone.refunded + milestone.held)


def release_all(run: Run, index: int, event: AutoApprove | AutoDisputeRelease) -> None:
    milestone = run.milestone(index)
    run.pay(index, event.at, milestone.held, PaymentKind.RELEASE)
    run.settle(index, released=milestone.released + milestone.held)


def refund_escrow(run: Run, index: int, event: Refund) -> None:
    milestone = run.milestone(index)
    amount = _up_to(
        event.amount,
        milestone.held,
        milestone,
        what=_named(run, event, "amount"),
        event=event,
        where="in escrow for milestone",
        rule=AT_MOST_ESCROW,
    )
    if amount == milestone.held:
        run.settle(index, refunded=milestone.refunded + amount)
    else:
        run.update(index, held=milestone.held - amount, refunded=milestone.refunded + amount)


def refund_paid(run: Run, index: int, event: Refund) -> None:
    """The freelancer gives back money already paid (HC section 360002670934).

    Only this milestone's own release payments inside their refund window are
    lowered, newest first; other milestones' payments and bonuses never are.
    """
    milestone = run.milestone(index)
    paid = refundable(run, milestone, event.at)
    total = Money.total((payment.amount for _, payment in paid), milestone.released.currency)
    amount = _up_to(
        event.amount,
        total,
        milestone,
        what=_named(run, event, "amount"),
        event=event,
        where="paid for milestone",
        after=" within the refund window (HC section 360002670934)",
        rule="at most the refundable payments",
    )
    left = amount
    for slot, payment in sorted(paid, key=lambda item: item[1].moment, reverse=True):
        if not left.amount:
            break
        if payment.amount <= left:
            run.rewrite_payment(slot, None)  # given back in full
            left -= payment.amount
        else:
            run.rewrite_payment(slot, attrs.evolve(payment, amount=payment.amount - left))
            left -= left
    released = milestone.released - amount
    run.update(
        index,
        state=settled_state(released.amount),
        released=released,
        refunded=milestone.refunded + amount,
    )


def open_dispute(run: Run, index: int, event: OpenDispute) -> None:
    run.update(
        index,
        state=S.DISPUTED,
        disputed_at=event.at,
        refund_requested_at=None,
        submitted_at=None,
    )


def answer_dispute(run: Run, index: int, event: AnswerDispute) -> None:
    run.update(index, dispute_answered_at=event.at)


def client_pays(run: Run, index: int, event: ClientPaysArbitration) -> None:
    run.update(index, client_paid_arbitration_at=event.at)


def freelancer_pays(run: Run, index: int, event: FreelancerPaysArbitration) -> None:
    run.update(index, freelancer_paid_arbitration_at=event.at)


def resolve_dispute(run: Run, index: int, event: ResolveDispute) -> None:
    milestone = run.milestone(index)
    for name in ("to_freelancer", "to_client"):
        value: Money = getattr(event, name)
        judge_field(event, name, _named(run, event, name)[0])
        if value.currency != milestone.amount.currency:
            field, words = _named(run, event, name)
            raise CurrencyMismatchError(
                f"{words} is in {value.currency} but milestone {shown(milestone.id)} is in "
                f"{milestone.amount.currency}",
                field=field,
                rule="the milestone's currency",
            )
    split = event.to_freelancer + event.to_client
    if not splits_exactly(
        event.to_freelancer.amount, event.to_client.amount, milestone.held.amount
    ):
        raise InvalidValueError(
            f"ResolveDispute must split exactly the disputed {milestone.held} of milestone "
            f"{shown(milestone.id)}: to_freelancer ({event.to_freelancer}) + to_client "
            f"({event.to_client}) = {split}",
            field=_named(run, event, "to_client")[0],
            rule=SPLIT_RULE,
        )
    run.pay(index, event.at, event.to_freelancer, PaymentKind.RELEASE)
    run.settle(
        index,
        released=milestone.released + event.to_freelancer,
        refunded=milestone.refunded + event.to_client,
    )


def arbitration_default(run: Run, index: int, event: ArbitrationDefault) -> None:
    milestone = run.milestone(index)
    if milestone.freelancer_paid_arbitration_at is not None:
        release_all(run, index, AutoDisputeRelease(event.milestone_id, event.at))
    else:
        refund_all(run, index, event)


def dormancy(run: Run, index: int, event: DormancyRefundRequest) -> None:
    request_refund(run, index, event)
    if run.ended is None:
        # "Contracts Gone Dormant": the contract is closed with the refund request.
        run.ended = event.at.date()


def end(run: Run, _index: int, event: EndContract) -> None:
    for index in sorted(run.holding):
        if run.milestone(index).state in UNCLAIMED:
            run.update(
                index, state=S.REFUND_REQUESTED, refund_requested_at=event.at, submitted_at=None
            )
    run.ended = event.at.date()
