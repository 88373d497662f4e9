"""The kinds the whole library shares: how a contract is paid, where a milestone is, why it ended.

They sit below the rules and the models (a JSS rule set names end reasons;
a milestone has a state), so every layer above can import them directly.
Each member's ``value`` is the stable text used in serialised data.

:class:`StrEnum` is the base of every unordered text-valued kind of the
library (these three, deadline kinds, parties, finding codes, JSS outcomes,
statement transaction kinds...): its members *are* strings, so
``ContractKind.HOURLY == "hourly"`` holds (and so a row of ``to_records()``,
which holds the text, can be filtered by the member), they hash and sort as
their text, and they print as their value on every supported Python.  A
model's field of such a kind (``Contract.kind``, ``Feedback.end_reason``...)
also takes the text (``Contract(..., kind="hourly")``); text no member has is
refused with an error listing the values.  The ordered
``checks.Severity``/``checks.Confidence`` are not text: they compare only
with each other.
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


class ContractKind(StrEnum):
    """How a contract is paid."""

    FIXED_PRICE = "fixed_price"
    HOURLY = "hourly"


class MilestoneState(StrEnum):
    """Where a fixed-price milestone's money is (see :mod:`upwork_safety.escrow`)."""

    NOT_FUNDED = "not_funded"
    FUNDED = "funded"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PAID = "paid"
    REFUND_REQUESTED = "refund_requested"
    REFUNDED = "refunded"
    DISPUTED = "disputed"


class EndReason(StrEnum):
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
