"""The kinds the whole library shares: how a contract is paid, where a milestone is, why it ended.

They sit below the rules and the models (a JSS rule set names end reasons;
a milestone has a state), so every layer above can import them directly.
Each member's ``value`` is the stable text used in serialised data.

:class:`StrEnum` is the base of the library's text-valued kinds (deadline
kinds, parties, finding codes): its members *are* strings, so
``kind == "review_ends"`` holds, and they print as their value on every
supported Python.
"""

from __future__ import annotations

import enum

__all__ = ["ContractKind", "EndReason", "MilestoneState", "StrEnum"]


class StrEnum(str, enum.Enum):
    """An enum whose members are their own ``str`` values.

    Like :class:`enum.StrEnum` of Python 3.11, but also on 3.10: ``str()``
    and ``format()`` give the value (``"review_ends"``), never the member's
    name, on every supported version.
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class ContractKind(enum.Enum):
    """How a contract is paid."""

    FIXED_PRICE = "fixed_price"
    HOURLY = "hourly"


class MilestoneState(enum.Enum):
    """Where a fixed-price milestone's money is (see :mod:`upwork_safety.escrow`)."""

    NOT_FUNDED = "not_funded"
    FUNDED = "funded"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PAID = "paid"
    REFUND_REQUESTED = "refund_requested"
    REFUNDED = "refunded"
    DISPUTED = "disputed"


class EndReason(enum.Enum):
    """Why a contract ended, as the client reports it when closing the contract."""

    COMPLETED = "completed"
    UNSUCCESSFUL = "unsuccessful"
    CANCELLED_EARLY = "cancelled_early"
    FREELANCER_UNRESPONSIVE = "freelancer_unresponsive"
    CLIENT_UNRESPONSIVE = "client_unresponsive"
    OTHER = "other"


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
