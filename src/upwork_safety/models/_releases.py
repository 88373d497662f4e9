"""Release payments against released escrow: one record per payout (private).

A payout is recorded once, as a :class:`~upwork_safety.Payment`: a
milestone's ``escrow.released`` says how much, its release payments say
when, and :func:`_match_releases` keeps the two from disagreeing (for a
whole contract; :func:`_match_new_releases` for one escrow step, from the
contract before it).  Moved from ``_contract`` verbatim.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn, cast

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety.errors import InvalidValueError
from upwork_safety.models._payment import PaymentKind
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from upwork_safety.models._collections import _Milestones
    from upwork_safety.models._milestone import Milestone
    from upwork_safety.models._payment import Payment

_ZERO = Decimal(0)


def _no_such_milestone(index: int, payment: Payment) -> NoReturn:
    raise InvalidValueError(
        f"Contract.payments[{index}] releases the escrow of milestone "
        f"{shown(payment.milestone_id)}, which the contract does not have",
        field=f"Contract.payments[{index}]",
        rule="a release pays one of the contract's milestones",
    )


def _released_differs(index: int, milestone: Milestone, paid: Decimal) -> NoReturn:
    currency = milestone.amount.currency
    raise InvalidValueError(
        f"Contract.milestones[{index}] ({shown(milestone.id)}) has {milestone.escrow.released} "
        f"released, but the contract's release payments for it add up to "
        f"{Money(paid, currency)}: record each release as a Payment(kind='release', "
        "milestone_id=..., at=...), or drive the milestone with escrow.apply or escrow.replay",
        field=f"Contract.milestones[{index}].escrow.released",
        rule="release payments add up to each milestone's released escrow",
    )


def _match_releases(milestones: _Milestones, payments: Sequence[Payment]) -> None:
    """Every release payment pays a milestone, and they add up to each one's released escrow.

    A payout is recorded once, as a :class:`Payment` (issue 12): the
    milestone's ``escrow.released`` says how much, the release payments say
    when, and this keeps the two from disagreeing.
    """
    positions = milestones.positions
    paid: dict[int, Decimal] = {}
    for index, payment in enumerate(payments):
        if payment.kind is PaymentKind.RELEASE:
            where = positions.get(cast("str", payment.milestone_id))
            if where is None:
                _no_such_milestone(index, payment)
            paid[where] = CONTEXT.add(paid.get(where, _ZERO), payment.amount.amount)
    for index, milestone in enumerate(milestones):
        released = milestone.escrow.released.amount
        if released != paid.get(index, _ZERO):
            _released_differs(index, milestone, paid.get(index, _ZERO))


def _match_new_releases(
    before: _Milestones,
    after: _Milestones,
    changed: Mapping[int, Milestone],
    paid: Sequence[Payment],
    first: int,
) -> None:
    """:func:`_match_releases` for an escrow step, from the contract before it.

    The contract before the step was checked; the step's release payments
    (numbered from *first*) must add up to what each changed milestone's
    released escrow grew by, and a milestone the step left alone gets none.
    """
    grew: dict[int, Decimal] = {}
    for offset, payment in enumerate(paid):
        if payment.kind is PaymentKind.RELEASE:
            where = after.positions.get(cast("str", payment.milestone_id))
            if where is None:
                _no_such_milestone(first + offset, payment)
            grew[where] = CONTEXT.add(grew.get(where, _ZERO), payment.amount.amount)
    for index in changed:
        old = before[index].escrow.released.amount
        new = after[index].escrow.released.amount
        added = grew.pop(index, None)
        if added is None:  # most steps pay nothing: the released escrow must stay as it was
            if new != old:
                _released_differs(index, after[index], old)
        elif CONTEXT.subtract(new, old) != added:
            _released_differs(index, after[index], CONTEXT.add(old, added))
    for index, added in grew.items():  # paid for a milestone the step left alone
        old = before[index].escrow.released.amount
        _released_differs(index, after[index], CONTEXT.add(old, added))
