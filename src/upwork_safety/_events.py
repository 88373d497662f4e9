"""The escrow events in ``Contract.history`` (private; public via :mod:`upwork_safety.escrow`).

They live below the models so that a :class:`~upwork_safety.models.Contract`
can carry its history and :mod:`upwork_safety.serialize` can round-trip it.
Every event is frozen and carries ``at``, a timezone-aware datetime.
Events a person performs are in :data:`MANUAL_EVENTS`; those only
:func:`upwork_safety.escrow.advance` produces are in :data:`AUTOMATIC_EVENTS`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Union

import attrs

from upwork_safety._validate import (
    id_field,
    money_field,
    optional_money_field,
    text_field,
    to_utc,
    utc_field,
)
from upwork_safety.money import Money


def _zero_bonus(release: Release) -> Money:
    return Money.zero(release.amount.currency)


@attrs.frozen
class Release:
    """Money paid out of a milestone at one moment: escrow released, plus any bonus.

    Kept on :attr:`Milestone.releases <upwork_safety.models.Milestone>` so the
    security period (pending, then available) can be told exactly for every
    payment.  A later refund of paid money lowers the newest releases first.

    Args:
        at: When the money was released (timezone-aware).
        amount: The escrow released (not counting the bonus).
        bonus: Paid on top, fresh (not from escrow); zero by default.
    """

    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    amount: Money = attrs.field(validator=money_field)
    bonus: Money = attrs.field(
        default=attrs.Factory(_zero_bonus, takes_self=True), validator=money_field
    )


@attrs.frozen
class Fund:
    """The client deposits the milestone's amount into escrow."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class Submit:
    """The freelancer submits work through "Submit work"; the review clock starts."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    note: str = attrs.field(default="", validator=text_field)


@attrs.frozen
class RequestChanges:
    """The client asks for changes; the review clock stops."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    note: str = attrs.field(default="", validator=text_field)


@attrs.frozen
class Approve:
    """The client approves: the whole escrow by default, less (*amount*), plus a *bonus*."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    amount: Money | None = attrs.field(default=None, validator=optional_money_field)
    bonus: Money | None = attrs.field(default=None, validator=optional_money_field)


@attrs.frozen
class RequestRefund:
    """The client asks for escrow back (e.g. when ending the contract)."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class AcceptRefund:
    """The freelancer agrees to a pending escrow refund request."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class Refund:
    """The freelancer returns escrowed money voluntarily: all of it, or *amount*."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    amount: Money | None = attrs.field(default=None, validator=optional_money_field)


@attrs.frozen
class OpenDispute:
    """The freelancer disputes an escrow refund request; the money is frozen."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class ResolveDispute:
    """A dispute ends: the disputed escrow is split exactly between the two sides.

    Use it for an agreement in mediation, an arbitrator's decision, or the
    arbitration outcome when one side does not pay (funds to the payer) or
    both decline (funds to the client).
    """

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    to_freelancer: Money = attrs.field(validator=money_field)
    to_client: Money = attrs.field(validator=money_field)


@attrs.frozen
class AnswerDispute:
    """The client answers a dispute in time; mediation starts and the 5-day default is off."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class EndContract:
    """Either side ends the contract; the dispute-filing window starts."""

    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class AutoApprove:
    """Automatic: the review period passed in silence, so the escrow is released."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class AutoRefund:
    """Automatic: the freelancer did not answer a refund request in time."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class DormancyRefundRequest:
    """Automatic: escrow sat untouched through the dormancy period and both notices.

    The contract closes and the escrow becomes a refund request.
    """

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@attrs.frozen
class AutoDisputeRelease:
    """Automatic: the client did not answer a dispute in time, so the funds go to the freelancer."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


ManualEvent = Union[  # noqa: UP007  (runtime union for Python 3.10 and cattrs)
    Fund,
    Submit,
    RequestChanges,
    Approve,
    RequestRefund,
    AcceptRefund,
    Refund,
    OpenDispute,
    ResolveDispute,
    AnswerDispute,
    EndContract,
]
AutomaticEvent = Union[  # noqa: UP007
    AutoApprove, AutoRefund, DormancyRefundRequest, AutoDisputeRelease
]
Event = Union[ManualEvent, AutomaticEvent]  # noqa: UP007

MANUAL_EVENTS: tuple[type, ...] = (
    Fund,
    Submit,
    RequestChanges,
    Approve,
    RequestRefund,
    AcceptRefund,
    Refund,
    OpenDispute,
    ResolveDispute,
    AnswerDispute,
    EndContract,
)
AUTOMATIC_EVENTS: tuple[type, ...] = (
    AutoApprove,
    AutoRefund,
    DormancyRefundRequest,
    AutoDisputeRelease,
)
#: Every event class, in the order the serialised ``"type"`` tag is looked up.
EVENT_TYPES: tuple[type, ...] = MANUAL_EVENTS + AUTOMATIC_EVENTS
