"""The escrow's amount rules, written once for the engine and the load check (private).

The escrow engine's effects move money by these rules, and the models'
load check walks a recorded history's amounts by the same ones (it cannot
import the engine, a layer above it): an amount an event states is more
than zero and at most what it draws on, a dispute's resolution splits
exactly the escrow it froze, and a milestone whose escrow is emptied is
``PAID`` when anything was released to the freelancer, else ``REFUNDED``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._amount_fields import MORE_THAN_ZERO as _MORE_THAN_ZERO
from upwork_safety._decimals import CONTEXT
from upwork_safety.kinds import MilestoneState

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "AT_MOST_ESCROW",
    "MORE_THAN_ZERO",
    "SPLIT_RULE",
    "settled_state",
    "splits_exactly",
]

#: The rule an amount an event states breaks when it is zero or less (the library's
#: one "more than zero" rule for an amount, ``_amount_fields.MORE_THAN_ZERO``).
MORE_THAN_ZERO = _MORE_THAN_ZERO
#: The rule an approval or a refund of escrow breaks when it states more than is held.
AT_MOST_ESCROW = "at most the escrow"
#: The rule a dispute's resolution breaks when its two parts do not add up to the escrow.
SPLIT_RULE = "the split adds up to the disputed escrow"


def settled_state(released: Decimal) -> MilestoneState:
    """The state of a milestone whose escrow is emptied: ``PAID`` if anything was released."""
    return MilestoneState.PAID if released else MilestoneState.REFUNDED


def splits_exactly(to_freelancer: Decimal, to_client: Decimal, held: Decimal) -> bool:
    """Whether a dispute's resolution gives out exactly the *held* escrow, no more, no less."""
    return CONTEXT.add(to_freelancer, to_client) == held
