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
refused with an error listing the values, and so is such text given to the
class itself: ``ContractKind("HOURLY")`` raises
:class:`~upwork_safety.InvalidValueError` (a ``ValueError``) whose ``field``
is the enum's name (``"ContractKind"``), listing the values and suggesting
``'hourly'``, as every public enum of the library does.  The ordered
``checks.Severity``/``checks.Confidence`` are not text: they compare only
with each other.
"""

from __future__ import annotations

from upwork_safety._members import CheckedEnum

__all__ = ["ContractKind", "EndReason", "MilestoneState", "StrEnum"]


class StrEnum(str, CheckedEnum):  # noqa: SLOT000  (an enum: slots are not for its members)
    """An enum whose members are their own ``str`` values.

    Like :class:`enum.StrEnum` of Python 3.11, but also on 3.10: ``str()``
    and ``format()`` give the value (``"review_ends"``), never the member's
    name, on every supported version.  Text no member has, given to the class
    (``ContractKind("HOURLY")``), is refused with the library's
    :class:`~upwork_safety.InvalidValueError`, not a bare ``ValueError``; so
    is a name no member has (``ContractKind["hourly"]``), with an error that
    is also a ``KeyError``, as Python's own was.
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
