"""The contract models: clients, feedback, payments, milestones with their escrow, and contracts.

All are frozen attrs classes whose constructors refuse a value that breaks
a documented rule, with an error naming the field and the rule, so an
impossible state can be neither built nor loaded:

* a milestone's :class:`Escrow` adds up (``funded == held + released +
  refunded + carried_over``) and its fields fit its state (a ``SUBMITTED``
  milestone has a submission time, a ``PAID`` one was paid, ...);
* a :class:`Payment` says what it pays: escrow released for a milestone, a
  bonus, or another payment;
* a :class:`Contract`'s history is in time order and starts no earlier than
  the contract, its milestone ids are unique and its payments share one
  currency.

Collections are tuples (the history is a :class:`History`, an append-only
tuple-like log).  Engines return new values and never mutate these.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timezone
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn, cast

import attrs

from upwork_safety._events import Event, History, history
from upwork_safety._events import extend as _extend
from upwork_safety._validate import (
    bool_field,
    date_field,
    id_field,
    member_field,
    member_text,
    money_field,
    optional_date_field,
    optional_id_field,
    optional_to_utc,
    optional_utc_field,
    sequence_of,
    text_field,
    to_utc,
    utc_field,
    utc_instant,
)
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.kinds import ContractKind, EndReason, MilestoneState, StrEnum
from upwork_safety.money import CONTEXT, Money, to_decimal

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "Client",
    "Contract",
    "ContractKind",
    "EndReason",
    "Escrow",
    "Feedback",
    "History",
    "Milestone",
    "MilestoneState",
    "Payment",
    "PaymentKind",
    "TimeEntry",
]

_S = MilestoneState
_UTC = timezone.utc


@attrs.frozen
class Client:
    """A client (the buyer) on Upwork.

    Args:
        id: A non-empty identifier, stable across contracts with this client
            (rehires are detected by it).
        name: A display name.
        payment_verified: Whether the client has a verified billing method;
            Hourly Protection requires it.
        country: Free text, e.g. ``"United States"``.
    """

    id: str = attrs.field(validator=id_field)
    name: str = attrs.field(default="", validator=text_field)
    payment_verified: bool = attrs.field(default=False, validator=bool_field)
    country: str = attrs.field(default="", validator=text_field)


def _stars(value: Decimal | float | str | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        # Star ratings are averages people type as 4.5, not money: keep the
        # digits as written.
        value = repr(value)
    return to_decimal(value, "Feedback.stars")


def _check_stars(_instance: object, _attribute: object, value: Decimal | None) -> None:
    if value is not None and not Decimal(1) <= value <= Decimal(5):
        raise InvalidValueError(
            f"Feedback.stars is the public 1.0–5.0 average, got {value}",
            field="Feedback.stars",
            rule="from 1.0 to 5.0",
        )


def _check_private(_instance: object, _attribute: object, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"Feedback.private_score must be a whole number 0–10, not {value!r}",
            field="Feedback.private_score",
            rule="a whole number 0–10",
        )
    if not 0 <= value <= 10:
        raise InvalidValueError(
            f"Feedback.private_score is the 0–10 'how likely to recommend', got {value}",
            field="Feedback.private_score",
            rule="0 to 10",
        )


@attrs.frozen
class Feedback:
    """What the client said when the contract ended.

    Args:
        stars: The public rating, the 1.0–5.0 average of six scores, or
            ``None`` when the client left none.  ``str``, ``int``,
            ``Decimal`` or ``float`` (kept as written).
        private_score: The private 0–10 "how likely are you to recommend",
            which the freelancer never sees but the JSS uses, or ``None``.
        end_reason: Why the client ended the contract, or ``None``.
    """

    stars: Decimal | None = attrs.field(default=None, converter=_stars, validator=_check_stars)
    private_score: int | None = attrs.field(default=None, validator=_check_private)
    end_reason: EndReason | None = attrs.field(
        default=None, validator=member_field(EndReason, optional=True)
    )


# --------------------------------------------------------------------------- payments


class PaymentKind(StrEnum):
    """What a :class:`Payment` pays."""

    #: Escrow released for a milestone (an approval, an automatic release, a dispute won).
    RELEASE = "release"
    #: A bonus: fresh money on top of the escrow, never taken from it.
    BONUS = "bonus"
    #: Any other payment: hourly pay, or one recorded by hand or from a statement.
    OTHER = "other"


def _payment_kind(value: PaymentKind | str) -> PaymentKind:
    # A value that is not a member is left for member_field to refuse.
    return cast("PaymentKind", member_text(PaymentKind, value))


@attrs.frozen
class Payment:
    """Money the freelancer earned on a contract (before Upwork's fee): the one record of a payout.

    The escrow engine records every payout here, once: escrow released for a
    milestone (:attr:`PaymentKind.RELEASE`) and bonuses
    (:attr:`PaymentKind.BONUS`), each with its moment, so the security
    period, the fee schedule and the Job Success Score all read the same
    facts.  A refund of paid money lowers the milestone's own release
    payments, newest first.

    Args:
        on: The payment date (the UTC day of *at* when *at* is given).
        amount: A non-negative amount; more than zero for a release or a bonus.
        at: The moment of the payment (timezone-aware, stored in UTC), if known;
            a release needs it (its security period runs from it).
        milestone_id: The milestone paid, if any; a release needs it.
        kind: What the payment pays; :attr:`PaymentKind.OTHER` by default.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: *on* is not the UTC day of *at*, or a release
            without its milestone, its moment or an amount.
    """

    on: date = attrs.field(validator=date_field)
    amount: Money = attrs.field(validator=money_field)
    at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    milestone_id: str | None = attrs.field(default=None, validator=optional_id_field)
    kind: PaymentKind = attrs.field(
        default=PaymentKind.OTHER, converter=_payment_kind, validator=member_field(PaymentKind)
    )

    def __attrs_post_init__(self) -> None:
        if self.at is not None and self.at.date() != self.on:
            raise InvalidValueError(
                f"Payment.on ({self.on}) must be the UTC day of Payment.at ({self.at.isoformat()})",
                field="Payment.on",
                rule="the UTC day of Payment.at",
            )
        if self.kind is PaymentKind.OTHER:
            return
        if not self.amount.amount:
            raise InvalidValueError(
                f"Payment.amount of a {self.kind} must be more than zero",
                field="Payment.amount",
                rule="more than zero",
            )
        if self.kind is PaymentKind.RELEASE:
            for name in ("milestone_id", "at"):
                if getattr(self, name) is None:
                    raise InvalidValueError(
                        f"Payment.{name} is required for a release of escrow",
                        field=f"Payment.{name}",
                        rule="required for a release",
                    )

    @property
    def moment(self) -> datetime:
        """:attr:`at`, or the start (00:00 UTC) of :attr:`on` when the moment is not known."""
        return self.at if self.at is not None else datetime.combine(self.on, time(0), _UTC)


# --------------------------------------------------------------------------- milestones


@functools.lru_cache(maxsize=64)
def _zero(currency: str) -> Money:
    return Money.zero(currency)


def _zero_like_funded(escrow: Escrow) -> Money:
    # Money is immutable, so the zero buckets of one currency share one value.
    # A wrong-typed *funded* is left to its own validator, which runs first.
    funded: object = escrow.funded
    return _zero(funded.currency) if isinstance(funded, Money) else cast("Money", funded)


#: What each state allows: (money fields that must be zero, those that must be
#: more than zero, the moment it needs, the moments it may hold).
_SHAPES: Mapping[MilestoneState, tuple[tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]] = {
    _S.NOT_FUNDED: (("released", "refunded", "carried_over"), (), "", ()),
    _S.FUNDED: (("released", "carried_over"), ("held",), "", ()),
    _S.SUBMITTED: (("released", "carried_over"), ("held",), "submitted_at", ()),
    _S.CHANGES_REQUESTED: (("released", "carried_over"), ("held",), "", ()),
    _S.PAID: ((), ("released",), "", ()),
    _S.REFUND_REQUESTED: (("carried_over",), ("held",), "refund_requested_at", ()),
    _S.DISPUTED: (
        ("carried_over",),
        ("held",),
        "disputed_at",
        ("dispute_answered_at", "client_paid_arbitration_at", "freelancer_paid_arbitration_at"),
    ),
    _S.REFUNDED: (("held", "released"), ("refunded",), "", ()),
}
_MONEY = ("held", "released", "refunded", "carried_over")
_MOMENTS = (
    "submitted_at",
    "refund_requested_at",
    "disputed_at",
    "dispute_answered_at",
    "client_paid_arbitration_at",
    "freelancer_paid_arbitration_at",
)


def _refuse(field: str, rule: str, message: str) -> NoReturn:
    raise InvalidValueError(message, field=f"Escrow.{field}", rule=rule)


def _moment(value: object, what: str) -> datetime | None:
    """An optional moment: ``None``, or an aware datetime in UTC (else an error naming *what*)."""
    return None if value is None else utc_instant(value, what)


# One converter per moment, so each error names its field (attrs converters get the value only).


def _submitted_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.submitted_at")


def _refund_requested_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.refund_requested_at")


def _disputed_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.disputed_at")


def _dispute_answered_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.dispute_answered_at")


def _client_paid_arbitration_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.client_paid_arbitration_at")


def _freelancer_paid_arbitration_at(value: object) -> datetime | None:
    return _moment(value, "Escrow.freelancer_paid_arbitration_at")


@attrs.frozen(repr=False)
class Escrow:
    """Where one milestone's money is, and the clocks its state runs: a value that cannot lie.

    Its constructor enforces the bookkeeping identity ``funded == held +
    released + refunded + carried_over`` (every amount non-negative, one
    currency) and that the fields fit the state:

    ============================  =====================================  =====================
    state                         money                                  moments
    ============================  =====================================  =====================
    ``NOT_FUNDED``                nothing, or a remainder carried here   none
                                  from an earlier partial approval
                                  (held, and funded by it)
    ``FUNDED``                    held; nothing released or carried on   none
    ``SUBMITTED``                 held; nothing released or carried on   ``submitted_at``
    ``CHANGES_REQUESTED``         held; nothing released or carried on   none
    ``PAID``                      something released; escrow still held  none
                                  only as a partial approval's
                                  remainder that was not carried on
    ``REFUND_REQUESTED``          held; nothing carried on               ``refund_requested_at``
    ``DISPUTED``                  held; nothing carried on               ``disputed_at`` (then
                                                                         the answer and the
                                                                         arbitration fees)
    ``REFUNDED``                  nothing held or released; something    none
                                  refunded
    ============================  =====================================  =====================

    The escrow engine moves it (:mod:`upwork_safety.escrow`); build one by
    hand only to describe a milestone mid-way.

    Args:
        state: The milestone's state.
        funded: Everything ever deposited into escrow for it, including a
            remainder carried over from an earlier milestone.
        held: In escrow now.
        released: Released to the freelancer (its payments are the
            contract's :attr:`PaymentKind.RELEASE` payments).
        refunded: Returned to the client.
        carried_over: Left by a partial approval and moved on to fund the
            next milestone (HC 360000990348).
        submitted_at: When the running review period started (``SUBMITTED``).
        refund_requested_at: When the pending escrow refund request was made.
        disputed_at: When the open dispute was filed.
        dispute_answered_at: When the client answered it (mediation starts).
        client_paid_arbitration_at: When the client paid the arbitration fee.
        freelancer_paid_arbitration_at: When the freelancer paid it.

    Raises:
        InvalidTypeError: A field of the wrong type.
        CurrencyMismatchError: Amounts in different currencies.
        InvalidValueError: The amounts do not add up, or do not fit the
            state, or a moment is missing, not allowed or out of order.
    """

    state: MilestoneState = attrs.field(validator=member_field(MilestoneState))
    funded: Money = attrs.field(validator=money_field)
    held: Money = attrs.field(
        default=attrs.Factory(_zero_like_funded, takes_self=True), validator=money_field
    )
    released: Money = attrs.field(
        default=attrs.Factory(_zero_like_funded, takes_self=True), validator=money_field
    )
    refunded: Money = attrs.field(
        default=attrs.Factory(_zero_like_funded, takes_self=True), validator=money_field
    )
    carried_over: Money = attrs.field(
        default=attrs.Factory(_zero_like_funded, takes_self=True), validator=money_field
    )
    submitted_at: datetime | None = attrs.field(default=None, converter=_submitted_at)
    refund_requested_at: datetime | None = attrs.field(default=None, converter=_refund_requested_at)
    disputed_at: datetime | None = attrs.field(default=None, converter=_disputed_at)
    dispute_answered_at: datetime | None = attrs.field(default=None, converter=_dispute_answered_at)
    client_paid_arbitration_at: datetime | None = attrs.field(
        default=None, converter=_client_paid_arbitration_at
    )
    freelancer_paid_arbitration_at: datetime | None = attrs.field(
        default=None, converter=_freelancer_paid_arbitration_at
    )

    def __repr__(self) -> str:
        """The state, what was funded, and every other field that is not zero or ``None``."""
        shown = [f"state={self.state!r}", f"funded={self.funded!r}"]
        for name in (*_MONEY, *_MOMENTS):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, Money) and not value.amount):
                shown.append(f"{name}={value!r}")
        return f"Escrow({', '.join(shown)})"

    @classmethod
    def unfunded(cls, currency: str) -> Escrow:
        """A milestone's escrow before anything is deposited: ``NOT_FUNDED``, all zero."""
        return _unfunded(currency)

    def replace(self, **changes: Any) -> Escrow:
        """This escrow with *changes* (like ``attrs.evolve``), checked like any new one.

        Raises:
            InvalidValueError: A change names no field of ``Escrow``.
        """
        unknown = changes.keys() - _ESCROW_FIELDS
        if unknown:
            raise InvalidValueError(
                f"Escrow has no field {min(unknown)!r}", field="Escrow", rule="a field"
            )
        return Escrow(*[changes[n] if n in changes else getattr(self, n) for n in _ESCROW_FIELDS])

    def __attrs_post_init__(self) -> None:
        funded, held, released = self.funded, self.held, self.released
        refunded, carried = self.refunded, self.carried_over
        currency = funded.currency
        if not (
            held.currency == currency
            and released.currency == currency
            and refunded.currency == currency
            and carried.currency == currency
        ):
            self._currency_mismatch()
        total = CONTEXT.add(
            CONTEXT.add(held.amount, released.amount),
            CONTEXT.add(refunded.amount, carried.amount),
        )
        if total != funded.amount:
            _refuse(
                "funded",
                "funded == held + released + refunded + carried_over",
                f"Escrow.funded ({funded}) must equal held + released + refunded + "
                f"carried_over ({held} + {released} + {refunded} + {carried})",
            )
        self._check_state()

    def _currency_mismatch(self) -> NoReturn:
        currency = self.funded.currency
        for name in _MONEY:
            other: Money = getattr(self, name)
            if other.currency != currency:
                raise CurrencyMismatchError(
                    f"Escrow.{name} is in {other.currency} but Escrow.funded is in {currency}",
                    field=f"Escrow.{name}",
                    rule="one currency",
                )
        raise AssertionError  # pragma: no cover  (called only on a mismatch)

    def _check_state(self) -> None:  # noqa: C901  (one check per column of the state table)
        state = self.state
        zero, positive, needed, optional = _SHAPES[state]
        for field in zero:
            if getattr(self, field).amount:
                _refuse(
                    field, f"zero when {state.name}", f"a {state.name} escrow has no {field} money"
                )
        for field in positive:
            if not getattr(self, field).amount:
                _refuse(
                    field,
                    f"more than zero when {state.name}",
                    f"a {state.name} escrow has {field} money",
                )
        if state is _S.PAID and self.held.amount and self.carried_over.amount:
            _refuse(
                "held",
                "a remainder is held or carried on, not both",
                "a PAID escrow holds a partial approval's remainder only if it was not "
                f"carried on, but it holds {self.held} and carried on {self.carried_over}",
            )
        for field in _MOMENTS:
            if field == needed:
                if getattr(self, field) is None:
                    _refuse(
                        field, f"required when {state.name}", f"a {state.name} escrow needs {field}"
                    )
            elif field not in optional and getattr(self, field) is not None:
                _refuse(
                    field,
                    f"only in its state, not {state.name}",
                    f"a {state.name} escrow has no {field}",
                )
        if state is _S.DISPUTED:
            self._check_dispute()

    def _check_dispute(self) -> None:
        opened, answered = self.disputed_at, self.dispute_answered_at
        assert opened is not None
        if answered is not None and answered < opened:
            _refuse("dispute_answered_at", "not before disputed_at", "answered before filed")
        for field in ("client_paid_arbitration_at", "freelancer_paid_arbitration_at"):
            paid = getattr(self, field)
            if paid is not None and (answered is None or paid < answered):
                _refuse(
                    field,
                    "after the client's answer",
                    f"{field} needs a dispute the client answered, and comes after the answer",
                )


#: Escrow's fields, in order (for :meth:`Escrow.replace`).
_ESCROW_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Escrow))


@functools.lru_cache(maxsize=64)
def _unfunded(currency: str) -> Escrow:
    # Immutable, so every unfunded milestone of one currency shares one value.
    return Escrow(_S.NOT_FUNDED, _zero(currency))


def _milestone_amount(instance: Milestone, attribute: Any, value: Any) -> None:
    money_field(instance, attribute, value)
    if not value.amount:
        raise InvalidValueError(
            f"Milestone.amount must be more than zero, got {value}",
            field="Milestone.amount",
            rule="more than zero",
        )


def _unfunded_like_amount(milestone: Milestone) -> Escrow:
    amount: object = milestone.amount
    if isinstance(amount, Money):
        return Escrow.unfunded(amount.currency)
    # Refused by the amount's own validator, which runs first.
    return cast("Escrow", amount)


def _check_escrow(instance: Milestone, _attribute: object, value: object) -> None:
    if not isinstance(value, Escrow):
        raise InvalidTypeError(
            f"Milestone.escrow must be an Escrow, not {type(value).__name__}",
            field="Milestone.escrow",
            rule="an Escrow",
        )
    if value.funded.currency != instance.amount.currency:
        raise CurrencyMismatchError(
            f"Milestone.escrow is in {value.funded.currency} but the milestone amount is in "
            f"{instance.amount.currency}",
            field="Milestone.escrow",
            rule="one currency",
        )


@attrs.frozen
class Milestone:
    """A fixed-price milestone: what was agreed, and its :class:`Escrow`.

    Args:
        id: A non-empty identifier, unique within the contract.
        title: What the milestone delivers.
        amount: The agreed price, more than zero.  The model holds the
            fact; the escrow engine checks it against the minimum milestone
            of the rules in force when it is funded (Upwork's $5.00 today).
        description: The deliverables and acceptance criteria.
        due: The agreed due date, if any.
        escrow: Where its money is; unfunded by default.  The escrow engine
            moves it.

    Raises:
        InvalidTypeError: A plain number (or anything but ``Money``) as
            *amount*: write ``Money("500", "USD")``.
        InvalidValueError: An empty id or title, or a zero amount.
        CurrencyMismatchError: An escrow in another currency than *amount*.
    """

    id: str = attrs.field(validator=id_field)
    title: str = attrs.field(validator=id_field)
    amount: Money = attrs.field(validator=_milestone_amount)
    description: str = attrs.field(default="", validator=text_field)
    due: date | None = attrs.field(default=None, validator=optional_date_field)
    escrow: Escrow = attrs.field(
        default=attrs.Factory(_unfunded_like_amount, takes_self=True), validator=_check_escrow
    )

    @property
    def state(self) -> MilestoneState:
        """The escrow state (``escrow.state``)."""
        return self.escrow.state

    @property
    def held(self) -> Money:
        """Money in escrow for this milestone now (``escrow.held``)."""
        return self.escrow.held

    @property
    def funded(self) -> Money:
        """Everything ever deposited into escrow for it (``escrow.funded``)."""
        return self.escrow.funded

    @property
    def released(self) -> Money:
        """Escrow released to the freelancer (``escrow.released``)."""
        return self.escrow.released

    @property
    def refunded(self) -> Money:
        """Escrow returned to the client (``escrow.refunded``)."""
        return self.escrow.refunded

    @property
    def carried_over(self) -> Money:
        """Escrow carried on to fund the next milestone (``escrow.carried_over``)."""
        return self.escrow.carried_over


# --------------------------------------------------------------------------- time entries


def _check_activity(_instance: object, _attribute: object, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"TimeEntry.activity must be a whole number 0–10 or None, not {value!r}",
            field="TimeEntry.activity",
            rule="a whole number 0–10",
        )
    if not 0 <= value <= 10:
        raise InvalidValueError(
            f"TimeEntry.activity is the Work Diary's 0–10 activity level, got {value}",
            field="TimeEntry.activity",
            rule="0 to 10",
        )


@attrs.frozen
class TimeEntry:
    """A stretch of hourly work, as the Work Diary records it.

    Args:
        start: When the stretch began (timezone-aware).
        end: When it ended (timezone-aware, after *start*).
        manual: Whether the time was added by hand rather than tracked by
            the desktop app; manual time is never covered by Hourly
            Protection (HC 211068288).
        memo: The memo the freelancer wrote; protected time needs one.
        activity: The Work Diary activity level, 0–10, or ``None`` when
            unknown (e.g. manual time).

    Raises:
        InvalidValueError: Naive datetimes, an end not after the start, or
            an activity outside 0–10.
    """

    start: datetime = attrs.field(converter=to_utc, validator=utc_field)
    end: datetime = attrs.field(converter=to_utc, validator=utc_field)
    manual: bool = attrs.field(default=False, validator=bool_field)
    memo: str = attrs.field(default="", validator=text_field)
    activity: int | None = attrs.field(default=None, validator=_check_activity)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                f"TimeEntry.end ({self.end.isoformat()}) must be after "
                f"TimeEntry.start ({self.start.isoformat()})",
                field="TimeEntry.end",
                rule="after the start",
            )


# --------------------------------------------------------------------------- contracts


class _Milestones(tuple[Milestone, ...]):  # noqa: SLOT001  (keeps its two indexes in __dict__)
    """A contract's milestones, checked once: ``Milestone`` values with unique ids.

    Besides the tuple it keeps two derived indexes, built with it: where
    each id is, and which milestones hold escrow (only those can have a
    running clock).  :meth:`replacing` derives the milestones after an
    escrow step by checking only what the step changed, so the engine's
    cost does not grow with the number of milestones.
    """

    positions: Mapping[str, int]
    holding: frozenset[int]

    def __new__(cls, items: object) -> Self:
        checked = sequence_of(items, Milestone, "Contract.milestones")
        positions: dict[str, int] = {}
        holding: list[int] = []
        for index, milestone in enumerate(checked):
            first = positions.setdefault(milestone.id, index)
            if first != index:
                raise InvalidValueError(
                    f"Contract.milestones[{index}] repeats the id {milestone.id!r} of "
                    f"milestones[{first}]; milestone ids must be unique",
                    field=f"Contract.milestones[{index}]",
                    rule="unique milestone ids",
                )
            if milestone.escrow.held.amount:
                holding.append(index)
        new = super().__new__(cls, checked)
        new.positions = MappingProxyType(positions)
        new.holding = frozenset(holding)
        return new

    def replacing(self, changes: Mapping[int, Milestone]) -> _Milestones:
        """These milestones with ``changes[index]`` in place of the one at each index (same id)."""
        items = list(self)
        holding = set(self.holding)
        for index, milestone in changes.items():
            if milestone.id != items[index].id:
                raise InvalidValueError(
                    f"Contract.milestones[{index}] may only be replaced by its own next state",
                    field=f"Contract.milestones[{index}]",
                    rule="the same milestone id",
                )
            items[index] = milestone
            if milestone.escrow.held.amount:
                holding.add(index)
            else:
                holding.discard(index)
        # Like namedtuple._make: the tuple is built directly, since only the
        # replaced items needed checking and the ids (so the positions) are the same.
        new = tuple.__new__(_Milestones, items)
        new.positions = self.positions
        new.holding = frozenset(holding)
        return new

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Milestones, (tuple(self),))


class _Payments(tuple[Payment, ...]):
    """A contract's payments, checked once: ``Payment`` values in one currency."""

    __slots__ = ()

    def __new__(cls, items: object) -> Self:
        checked = sequence_of(items, Payment, "Contract.payments")
        if checked:
            currency = checked[0].amount.currency
            for index, payment in enumerate(checked):
                if payment.amount.currency != currency:
                    raise CurrencyMismatchError(
                        f"Contract.payments must all be in one currency: payments[{index}] is "
                        f"in {payment.amount.currency}, payments[0] in {currency}",
                        field=f"Contract.payments[{index}]",
                        rule="one currency",
                    )
        return super().__new__(cls, checked)

    def appending(self, new: Sequence[Payment]) -> _Payments:
        """These payments and *new* ones after them (checked: each a Payment, one currency)."""
        if not new:
            return self
        currency = (self or new)[0].amount.currency
        for index, payment in enumerate(new, len(self)):
            if payment.amount.currency != currency:
                raise CurrencyMismatchError(
                    f"Contract.payments[{index}] must be a Payment in {currency}",
                    field=f"Contract.payments[{index}]",
                    rule="one currency",
                )
        return tuple.__new__(_Payments, (*self, *new))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Payments, (tuple(self),))


def _client(value: Client | str) -> Client:
    if isinstance(value, str):
        return Client(value)
    if not isinstance(value, Client):
        raise InvalidTypeError(
            f"Contract.client must be a Client or a client id str, not {type(value).__name__}",
            field="Contract.client",
            rule="a Client or a client id",
        )
    return value


#: A contract without milestones or payments shares these (they never change).
_NO_MILESTONES = _Milestones(())
_NO_PAYMENTS = _Payments(())


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    if type(value) is _Milestones:
        return value
    return _NO_MILESTONES if value == () else _Milestones(value)


def _payments(value: Iterable[Payment]) -> tuple[Payment, ...]:
    if type(value) is _Payments:
        return value
    return _NO_PAYMENTS if value == () else _Payments(value)


def _time_entries(value: Iterable[TimeEntry]) -> tuple[TimeEntry, ...]:
    if value == ():  # a fixed-price contract's, every time it is rebuilt
        return ()
    return sequence_of(value, TimeEntry, "Contract.time_entries")


def _history(value: Iterable[Event]) -> History:
    return history(value, "Contract.history")


def _fee_rate(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    rate = to_decimal(value, "Contract.service_fee_rate")
    if not Decimal(0) <= rate < Decimal(1):
        raise InvalidValueError(
            "Contract.service_fee_rate is a fraction from 0 up to (not including) 1, e.g. "
            f"Decimal('0.10') for 10%, got {rate}",
            field="Contract.service_fee_rate",
            rule="a fraction from 0 to below 1",
        )
    return rate


def _weekly_limit(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    hours = to_decimal(value, "Contract.weekly_limit")
    if not Decimal(0) < hours <= Decimal(168):
        raise InvalidValueError(
            f"Contract.weekly_limit is hours per week, more than 0 and at most 168, got {hours}",
            field="Contract.weekly_limit",
            rule="more than 0 and at most 168 hours",
        )
    return hours


@attrs.frozen
class Contract:
    """A contract with one client: fixed price (milestones) or hourly.

    Args:
        id: A non-empty identifier.
        client: A :class:`Client`, or a plain client id ``str``.
        kind: :attr:`ContractKind.FIXED_PRICE` or :attr:`ContractKind.HOURLY`.
        started: The start date.
        ended: The end date, or ``None`` while the contract is open; not
            before *started*.
        milestones: Fixed-price milestones, in order; ids unique.
        payments: Everything paid to the freelancer, in one currency: the
            one record of every payout (:class:`Payment`).
        feedback: What the client said at the end, if anything.
        service_fee_rate: The contract's own service fee as a fraction
            (``Decimal("0.10")`` for 10%), shown on the offer since
            2025-05-01; the fee engine checks it against the schedule in
            force (0–15% today).
        hourly_rate: The hourly rate (hourly contracts only).
        weekly_limit: The weekly hour limit (hourly contracts only).
        history: Every escrow event applied so far, in time order and not
            before *started* (any sequence of events; stored as a
            :class:`History`).
        title: A short description of the job.
        time_entries: The Work Diary of an hourly contract.

    What the constructor checks is what can be checked without a pass over
    every milestone and payment (so an escrow step costs the same on a big
    contract): each milestone's own books (:class:`Escrow`), unique ids, one
    payment currency, the history's order and start.  Whether the release
    payments add up to what each milestone's escrow says was released takes
    such a pass: :func:`upwork_safety.escrow.ledger` checks it.

    Raises:
        InvalidTypeError: A field of the wrong type, or a collection
            holding something else than its items.
        InvalidValueError: An end before the start, duplicate milestone
            ids, a history out of time order or before the start, or
            fields that do not fit *kind*.
        CurrencyMismatchError: Payments in more than one currency.
    """

    id: str = attrs.field(validator=id_field)
    client: Client = attrs.field(converter=_client)
    kind: ContractKind = attrs.field(validator=member_field(ContractKind))
    started: date = attrs.field(validator=date_field)
    ended: date | None = attrs.field(default=None, validator=optional_date_field)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payments)
    feedback: Feedback | None = attrs.field(default=None)
    service_fee_rate: Decimal | None = attrs.field(default=None, converter=_fee_rate)
    hourly_rate: Money | None = attrs.field(default=None)
    weekly_limit: Decimal | None = attrs.field(default=None, converter=_weekly_limit)
    history: Sequence[Event] = attrs.field(default=(), converter=_history)
    title: str = attrs.field(default="", validator=text_field)
    time_entries: tuple[TimeEntry, ...] = attrs.field(default=(), converter=_time_entries)

    def __attrs_post_init__(self) -> None:
        if self.ended is not None and self.ended < self.started:
            raise InvalidValueError(
                f"Contract.ended ({self.ended}) must not be before "
                f"Contract.started ({self.started})",
                field="Contract.ended",
                rule="not before Contract.started",
            )
        if self.feedback is not None and not isinstance(self.feedback, Feedback):
            raise InvalidTypeError(
                "Contract.feedback must be a Feedback or None",
                field="Contract.feedback",
                rule="a Feedback or None",
            )
        first = cast("History", self.history).first
        if first is not None and first.at.date() < self.started:
            raise InvalidValueError(
                f"Contract.history[0] ({type(first).__name__} at {first.at.isoformat()}) is "
                f"before the contract started ({self.started})",
                field="Contract.history[0]",
                rule="not before Contract.started",
            )
        self._check_kind()

    def _check_kind(self) -> None:
        if self.kind is ContractKind.FIXED_PRICE:
            if self.time_entries:
                self._wrong_kind("time_entries", "hourly", "fixed price")
            for name in ("hourly_rate", "weekly_limit"):
                if getattr(self, name) is not None:
                    self._wrong_kind(name, "hourly", "fixed price")
        elif self.milestones:
            self._wrong_kind("milestones", "fixed-price", "hourly")
        if self.hourly_rate is not None:
            if not isinstance(self.hourly_rate, Money):
                raise InvalidTypeError(
                    "Contract.hourly_rate must be Money or None",
                    field="Contract.hourly_rate",
                    rule="Money",
                )
            if self.hourly_rate.amount <= 0:
                raise InvalidValueError(
                    f"Contract.hourly_rate must be positive, got {self.hourly_rate}",
                    field="Contract.hourly_rate",
                    rule="positive",
                )

    @staticmethod
    def _wrong_kind(name: str, belongs: str, kind: str) -> NoReturn:
        verb = "belong" if name in ("milestones", "time_entries") else "belongs"
        raise InvalidValueError(
            f"Contract.{name} {verb} to {belongs} contracts; this one is {kind}",
            field=f"Contract.{name}",
            rule=f"{belongs} contracts only",
        )

    @property
    def earnings(self) -> Money:
        """The sum of :attr:`payments` (zero USD when there are none)."""
        if not self.payments:
            return Money.zero("USD")
        return Money.total((p.amount for p in self.payments), self.payments[0].amount.currency)

    @property
    def client_id(self) -> str:
        """The client's id (a shortcut for ``contract.client.id``)."""
        return self.client.id

    def milestone(self, milestone_id: str) -> Milestone:
        """Return the milestone with *milestone_id*.

        Raises:
            InvalidValueError: No milestone has that id.
        """
        return self.milestones[_position(self, milestone_id)]


def _position(contract: Contract, milestone_id: object) -> int:
    """Where the milestone *milestone_id* is in ``contract.milestones``."""
    positions = _checked(contract).positions
    index: int | None = positions.get(milestone_id) if isinstance(milestone_id, str) else None
    if index is None:
        if not isinstance(milestone_id, str):
            raise InvalidTypeError(
                f"milestone_id must be a str, not {type(milestone_id).__name__}",
                field="milestone_id",
                rule="a str",
            )
        known = ", ".join(m.id for m in contract.milestones) or "none"
        raise InvalidValueError(
            f"contract {contract.id!r} has no milestone {milestone_id!r} (milestones: {known})",
            field="milestone_id",
            rule="a milestone of the contract",
        )
    return index


def _checked(contract: Contract) -> _Milestones:
    """``contract.milestones``, which the converter always makes a :class:`_Milestones`."""
    return cast("_Milestones", contract.milestones)


def _positions(contract: Contract) -> Mapping[str, int]:
    """Where each milestone id is in ``contract.milestones`` (kept with the milestones)."""
    return _checked(contract).positions


def _holding(contract: Contract) -> frozenset[int]:
    """The indexes of ``contract.milestones`` that hold escrow (kept with the milestones)."""
    return _checked(contract).holding


def _next(
    contract: Contract,
    *,
    changed: Mapping[int, Milestone],
    paid: Sequence[Payment],
    payments: Sequence[Payment] | None,
    events: tuple[Event, ...],
    ended: date | None,
) -> Contract:
    """The contract after escrow steps: the escrow engine's one way to build the next contract.

    Only what the steps changed is checked again (the replaced milestones,
    the payments added, the events appended, through the constructors of
    :class:`_Milestones`, :class:`_Payments` and the history); the rest was
    checked when *contract* was built.  *payments*, when given, replaces
    every payment (after a refund of paid money) and is checked in full.
    """
    milestones = _checked(contract)
    if payments is None:
        new_payments = cast("_Payments", contract.payments).appending(paid)
    else:
        new_payments = _Payments((*payments, *paid))
    history = _extend(cast("History", contract.history), events, "Contract.history")
    return Contract(
        contract.id,
        contract.client,
        contract.kind,
        contract.started,
        ended,
        milestones.replacing(changed) if changed else milestones,
        new_payments,
        contract.feedback,
        contract.service_fee_rate,
        contract.hourly_rate,
        contract.weekly_limit,
        history,
        contract.title,
        contract.time_entries,
    )
