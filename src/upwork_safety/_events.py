"""The escrow events (private; public via ``escrow``).

They live below the models so that a :class:`~upwork_safety.Contract`
can carry them in its history (:mod:`upwork_safety._history`) and
:mod:`upwork_safety.serialize` can round-trip them.  Every event is
frozen and carries ``at``, a timezone-aware datetime stored in UTC.  Events a person performs are in
:data:`MANUAL_EVENTS`; those only :func:`upwork_safety.escrow.advance`
produces are in :data:`AUTOMATIC_EVENTS`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Union

import attrs

from upwork_safety._amount_fields import (
    MORE_THAN_ZERO,
    cents_field,
    optional_positive_cents_field,
)
from upwork_safety._dispute_split import split_of
from upwork_safety._moments import to_utc, utc_field
from upwork_safety._money_fields import ONE_CURRENCY
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._records import plain_record
from upwork_safety._validate import field_name, id_field, text_field
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    UpworkSafetyError,
)
from upwork_safety.money import Money, optional_plain_money, plain_money

__all__ = [
    "AUTOMATIC_EVENTS",
    "EVENT_TYPES",
    "MANUAL_EVENTS",
    "AcceptRefund",
    "AnswerDispute",
    "Approve",
    "ArbitrationDefault",
    "AutoApprove",
    "AutoDisputeRelease",
    "AutoRefund",
    "AutomaticEvent",
    "ClientPaysArbitration",
    "DormancyRefundRequest",
    "EndContract",
    "Event",
    "FreelancerPaysArbitration",
    "Fund",
    "ManualEvent",
    "OpenDispute",
    "Refund",
    "RequestChanges",
    "RequestRefund",
    "ResolveDispute",
    "Submit",
    "event_class",
    "judge_field",
    "judge_moment",
    "plain_event",
    "plain_events",
]


def _same_currency_as(other: str) -> Any:
    """An attrs validator: the field is ``None`` or in the currency of the field *other*.

    Every amount an event states is in the contract's one currency, so one
    event in two currencies could never be applied (review r35, 1).
    """

    def check(instance: object, attribute: Any, value: Money | None) -> None:
        first: Money | None = getattr(instance, other)
        if value is None or first is None or value.currency == first.currency:
            return
        name = field_name(instance, attribute)
        raise CurrencyMismatchError(
            f"{name} is in {value.currency}, but {type(instance).__name__}.{other} is in "
            f"{first.currency}: the money of one event is in one currency, the contract's",
            field=name,
            rule=ONE_CURRENCY,
        )

    return check


def judge_field(event: Event, name: str, path: str) -> None:
    """Judge *event*'s field *name* by its own constructor's validators (the one rule).

    The escrow engine calls it on each amount it applies, and
    :func:`judge_moment` on each event's moment, so an event built around its
    constructor (``object.__new__``) is refused as its constructor would
    refuse it, not applied and recorded in a history that could not be loaded
    back (review r38, hostile2 8; red team r39, 1).  A refusal is re-raised
    naming *path*, where the caller passed the event (``"events[3].amount"``).

    Raises:
        UpworkSafetyError: The subclass the validator raises (e.g.
            :class:`~upwork_safety.errors.InvalidValueError`, rule
            :data:`MORE_THAN_ZERO`), ``field`` *path*.
    """
    try:
        _judge(event, name)
    except UpworkSafetyError as error:
        raise type(error)(f"{path}: {error}", field=path, rule=error.rule) from error


def judge_moment(event: Event, where: str, index: int | None = None) -> None:
    """:func:`judge_field` of *event*'s ``at``, named ``where.at`` or ``where[index].at``.

    The name is built only for a refusal: the engine judges every event it
    applies, and a history every event it takes, and nearly all pass.
    """
    try:
        _judge(event, "at")
    except UpworkSafetyError as error:
        path = f"{where}.at" if index is None else f"{where}[{index}].at"
        raise type(error)(f"{path}: {error}", field=path, rule=error.rule) from error


def _judge(event: Event, name: str) -> None:
    kind = type(event)
    attribute = (_FIELDS.get(kind) or attrs.fields_dict(kind))[name]
    if attribute.validator is not None:
        attribute.validator(event, attribute, getattr(event, name))


@through_init
@attrs.frozen
class Fund:
    """The client deposits the milestone's amount into escrow."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class Submit:
    """The freelancer submits work through "Submit work"; the review clock starts."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    note: str = attrs.field(converter=plain_text, default="", validator=text_field)


@through_init
@attrs.frozen
class RequestChanges:
    """The client asks for changes; the review clock stops."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    note: str = attrs.field(converter=plain_text, default="", validator=text_field)


@through_init
@attrs.frozen
class Approve:
    """The client approves: the whole escrow by default, less (*amount*), plus a *bonus*.

    *amount* and *bonus*, when given, are more than zero, and when both are
    given are in one currency (the contract's): an event breaking either is
    refused when it is built.
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    amount: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=optional_positive_cents_field,
    )
    bonus: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=[optional_positive_cents_field, _same_currency_as("amount")],
    )


@through_init
@attrs.frozen
class RequestRefund:
    """The client asks for escrow back (e.g. when ending the contract)."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class AcceptRefund:
    """The freelancer agrees to a pending escrow refund request."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class Refund:
    """The freelancer returns money voluntarily: escrow, or a payment already received.

    Without *amount*, everything that can be returned is: the escrow, or
    else every payment of the milestone still inside its refund window.
    An *amount* given is more than zero (refused when the event is built).
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    amount: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=optional_positive_cents_field,
    )


@through_init
@attrs.frozen
class OpenDispute:
    """The freelancer disputes: a refund request, or escrow the client does not release.

    On an ended contract a dispute answers the escrow refund request; on an
    active one it is the "non-release" dispute filed through Support when
    the client neither releases nor refunds escrow that no clock will move
    (HC 211068528).  The money is frozen until the dispute ends.
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class AnswerDispute:
    """The client answers a dispute in time: mediation starts and the automatic release is off."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class ClientPaysArbitration:
    """After mediation failed, the client opts in to arbitration and pays its fee."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class FreelancerPaysArbitration:
    """After mediation failed, the freelancer opts in to arbitration and pays its fee."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class ResolveDispute:
    """A dispute ends: the disputed escrow is split exactly between the two sides.

    *to_freelancer* and *to_client* are in one currency (the contract's), not
    both zero (rule ``"more than zero"``): any other split is refused when built.

    Use it for an agreement in mediation or an arbitrator's decision.  The
    default outcomes (the client does not answer; nobody, or only one side,
    pays for arbitration) happen by themselves in
    :func:`~upwork_safety.escrow.advance`.
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    to_freelancer: Money = attrs.field(converter=plain_money, validator=cents_field)
    to_client: Money = attrs.field(
        converter=plain_money,
        validator=[cents_field, _same_currency_as("to_freelancer"), split_of(MORE_THAN_ZERO)],
    )


@through_init
@attrs.frozen
class EndContract:
    """Either side ends the contract; escrow still held becomes an escrow refund request."""

    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class AutoApprove:
    """Automatic: the review period passed in silence, so the escrow is released."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class AutoRefund:
    """Automatic: the freelancer did not answer a refund request in time."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class DormancyRefundRequest:
    """Automatic: escrow sat untouched through the dormancy period and both notices.

    The contract closes and the escrow becomes a refund request.
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class AutoDisputeRelease:
    """Automatic: the client did not answer a dispute in time, so the funds go to the freelancer."""

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    at: datetime = attrs.field(converter=to_utc, validator=utc_field)


@through_init
@attrs.frozen
class ArbitrationDefault:
    """Automatic: the arbitration opt-in window closed without both fees paid.

    Nobody paid: the funds go to the client; only one side paid: they go to
    the side that paid (HC 14044146250259).
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
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
    AnswerDispute,
    ClientPaysArbitration,
    FreelancerPaysArbitration,
    ResolveDispute,
    EndContract,
]
AutomaticEvent = Union[  # noqa: UP007
    AutoApprove, AutoRefund, DormancyRefundRequest, AutoDisputeRelease, ArbitrationDefault
]
Event = Union[ManualEvent, AutomaticEvent]  # noqa: UP007

#: The events a person performs, in the order :func:`~upwork_safety.escrow.allowed` lists them.
MANUAL_EVENTS: tuple[type[ManualEvent], ...] = (
    Fund,
    Submit,
    RequestChanges,
    Approve,
    RequestRefund,
    AcceptRefund,
    Refund,
    OpenDispute,
    AnswerDispute,
    ClientPaysArbitration,
    FreelancerPaysArbitration,
    ResolveDispute,
    EndContract,
)
#: The events only :func:`~upwork_safety.escrow.advance` produces.
AUTOMATIC_EVENTS: tuple[type[AutomaticEvent], ...] = (
    AutoApprove,
    AutoRefund,
    DormancyRefundRequest,
    AutoDisputeRelease,
    ArbitrationDefault,
)
#: Every event class, in the order the serialised ``"type"`` tag is looked up.
EVENT_TYPES: tuple[type[Event], ...] = MANUAL_EVENTS + AUTOMATIC_EVENTS
#: The same classes as a set: an event of exactly one of them is recognised in
#: one lookup (``isinstance`` with the tuple tries the classes one by one).
_EVENT_CLASSES = frozenset(EVENT_TYPES)
#: Each event class's fields by name, for :func:`judge_field` (``attrs.fields_dict``
#: builds a new dict on every call).
_FIELDS = {kind: attrs.fields_dict(kind) for kind in EVENT_TYPES}


def event_class(value: object) -> type[Event] | None:
    """The escrow event class *value* is: its own class, or the one it subclasses; else ``None``.

    The one rule for what an escrow event is, which a history,
    :func:`~upwork_safety.escrow.apply` and :func:`~upwork_safety.escrow.replay`
    share.  The event classes subclass no other event class, so a subclass
    has exactly one of them among its bases.
    """
    # type() and its MRO: a subclass's own __class__ cannot claim another class.
    return next((base for base in type(value).__mro__ if base in _EVENT_CLASSES), None)


def plain_event(value: object, what: str) -> Event:
    """*value* as the plain escrow event it is: a subclass rebuilt as its event class.

    As a contract stores every record (:func:`~upwork_safety._records.plain_record`):
    the event class's constructor, from what its own fields hold, so a
    subclass whose properties answer differently later (an ``at`` that
    moves) cannot put a history out of time order, and
    :mod:`~upwork_safety.serialize` knows every event it is given.

    Raises:
        InvalidTypeError: *value* is not an escrow event (``field`` *what*).
    """
    kind = event_class(value)
    if kind is None:
        raise InvalidTypeError(
            f"{what} must be an escrow event, not {type(value).__name__}",
            field=what,
            rule="an escrow event",
        )
    return value if type(value) is kind else plain_record(value, kind, what)  # type: ignore[return-value]


def plain_events(events: tuple[object, ...], what: str, start: int = 0) -> tuple[Event, ...]:
    """Each of *events* as :func:`plain_event` makes it (``what[start + i]`` in errors)."""
    # A loop, not all() over a generator: the engine appends one to five events per
    # step, where the generator's set-up and resumptions cost more than the test.
    for event in events:
        if type(event) not in _EVENT_CLASSES:
            return tuple(
                [plain_event(event, f"{what}[{start + i}]") for i, event in enumerate(events)]
            )
    return events  # type: ignore[return-value]  # the common case: every one is plain
