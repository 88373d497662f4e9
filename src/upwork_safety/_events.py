"""The escrow events that make up ``Contract.history`` (private; public via :mod:`upwork_safety.escrow`).

They live below the models so that a :class:`~upwork_safety.models.Contract`
can carry its history and :mod:`upwork_safety.serialize` can round-trip it.
Every event is frozen and carries ``at``, a timezone-aware datetime.
Events a person performs are in :data:`MANUAL_EVENTS`; those only
:func:`upwork_safety.escrow.advance` produces are in :data:`AUTOMATIC_EVENTS`.
"""

from __future__ import annotations

from datetime import datetime  # noqa: TC003  (attrs resolves annotations at runtime)
from typing import Union

import attrs

from upwork_safety._validate import (
    aware_field,
    id_field,
    optional_money_field,
    text_field,
)
from upwork_safety.money import Money  # noqa: TC001  (attrs needs it at runtime)


@attrs.frozen
class Fund:
    """The client deposits the milestone's amount into escrow."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class Submit:
    """The freelancer submits work through "Submit work"; the review clock starts."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)
    note: str = attrs.field(default="", validator=text_field)


@attrs.frozen
class RequestChanges:
    """The client asks for changes; the review clock stops."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)
    note: str = attrs.field(default="", validator=text_field)


@attrs.frozen
class Approve:
    """The client approves and pays: the whole escrow by default, less (*amount*), plus a *bonus*."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)
    amount: Money | None = attrs.field(default=None, validator=optional_money_field)
    bonus: Money | None = attrs.field(default=None, validator=optional_money_field)


@attrs.frozen
class RequestRefund:
    """The client asks for escrow back (e.g. when ending the contract)."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class AcceptRefund:
    """The freelancer agrees to a pending escrow refund request."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class Refund:
    """The freelancer returns escrowed money voluntarily: all of it, or *amount*."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)
    amount: Money | None = attrs.field(default=None, validator=optional_money_field)


@attrs.frozen
class OpenDispute:
    """The freelancer disputes an escrow refund request; the money is frozen."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class ResolveDispute:
    """A dispute ends: the disputed escrow is split exactly between the two sides."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)
    to_freelancer: Money = attrs.field(validator=optional_money_field)
    to_client: Money = attrs.field(validator=optional_money_field)


@attrs.frozen
class EndContract:
    """Either side ends the contract; the dispute-filing window starts."""

    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class AutoApprove:
    """Automatic: the review period passed in silence, so the escrow is released."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class AutoRefund:
    """Automatic: the freelancer did not answer a refund request in time."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


@attrs.frozen
class DormancyRefundRequest:
    """Automatic: escrow sat untouched through the dormancy period and both notices."""

    milestone_id: str = attrs.field(validator=id_field)
    at: datetime = attrs.field(validator=aware_field)


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
    EndContract,
]
AutomaticEvent = Union[AutoApprove, AutoRefund, DormancyRefundRequest]  # noqa: UP007
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
    EndContract,
)
AUTOMATIC_EVENTS: tuple[type, ...] = (AutoApprove, AutoRefund, DormancyRefundRequest)
#: Every event class, in the order the serialised ``"type"`` tag is looked up.
EVENT_TYPES: tuple[type, ...] = MANUAL_EVENTS + AUTOMATIC_EVENTS
