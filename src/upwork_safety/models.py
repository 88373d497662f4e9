"""The contract models: clients, feedback, payments, milestones and contracts.

All are frozen attrs classes whose validators refuse bad values with an
error naming the field and the rule.  Collections are tuples.  Engines
return new values (``attrs.evolve``) and never mutate these.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from upwork_safety._events import Event, Release
from upwork_safety._validate import (
    bool_field,
    date_field,
    decimal_value,
    id_field,
    money_field,
    optional_date_field,
    optional_to_utc,
    optional_utc_field,
    text_field,
    to_utc,
    utc_field,
)
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.kinds import ContractKind, EndReason, MilestoneState
from upwork_safety.money import Money

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterable

__all__ = [
    "Client",
    "Contract",
    "ContractKind",
    "EndReason",
    "Feedback",
    "Milestone",
    "MilestoneState",
    "Payment",
    "TimeEntry",
]


def _enum_validator(kind: type[enum.Enum], *, optional: bool = False) -> Any:  # noqa: ANN401
    def check(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        if optional and value is None:
            return
        if not isinstance(value, kind):
            raise InvalidTypeError(
                f"{type(instance).__name__}.{attribute.name} must be a "
                f"{kind.__name__} member, not {value!r}"
            )

    return check


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
    return decimal_value(value, "Feedback.stars")


def _check_stars(_instance: object, _attribute: object, value: Decimal | None) -> None:
    if value is not None and not Decimal(1) <= value <= Decimal(5):
        raise InvalidValueError(f"Feedback.stars is the public 1.0–5.0 average, got {value}")


def _check_private(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401  (attrs validator)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"Feedback.private_score must be a whole number 0–10, not {value!r}")
    if not 0 <= value <= 10:
        raise InvalidValueError(
            f"Feedback.private_score is the 0–10 'how likely to recommend', got {value}"
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
        default=None, validator=_enum_validator(EndReason, optional=True)
    )


@attrs.frozen
class Payment:
    """Money the freelancer earned on a contract on a day (before Upwork's fee).

    Args:
        on: The payment date.
        amount: A non-negative amount.
    """

    on: date = attrs.field(validator=date_field)
    amount: Money = attrs.field(validator=money_field)


@functools.lru_cache(maxsize=64)
def _zero(currency: str) -> Money:
    return Money.zero(currency)


def _zero_like_amount(milestone: Milestone) -> Money:
    # Money is immutable, so every escrow field starting at zero can share one
    # value per currency: building a milestone then costs no Money at all.
    return _zero(milestone.amount.currency)


def _milestone_amount(instance: Milestone, attribute: Any, value: Any) -> None:  # noqa: ANN401
    money_field(instance, attribute, value)
    if not value.amount:
        raise InvalidValueError(
            f"Milestone.amount must be more than zero, got {value}",
            field="Milestone.amount",
            rule="more than zero",
        )


def _releases(value: Iterable[Any]) -> tuple[Release, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError("Milestone.releases must be a sequence of Release")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, Release):
            raise InvalidTypeError(
                f"Milestone.releases[{index}] must be a Release, not {type(item).__name__}"
            )
    return items


@attrs.frozen
class Milestone:
    """A fixed-price milestone and where its money is.

    Args:
        id: A non-empty identifier, unique within the contract.
        title: What the milestone delivers.
        amount: The agreed price, more than zero.  The model holds the
            fact; the escrow engine checks it against the minimum milestone
            of the rules in force when it is funded (Upwork's $5.00 today).
        description: The deliverables and acceptance criteria.
        due: The agreed due date, if any.
        state: The escrow state; the escrow engine moves it.
        held: Money in escrow for this milestone now.
        funded: Everything ever deposited into escrow for it (including a
            remainder carried over from an earlier partial approval).
        released: Escrow released to the freelancer.
        refunded: Escrow returned to the client.
        bonus: Paid on top of the escrow (fresh money, not from escrow).
        submitted_at: When the current review period started, if running.
        refund_requested_at: When a pending escrow refund request was made.
        carried_over: Escrow left by a partial approval and moved on to
            fund the next milestone (HC 360000990348); always
            ``funded == held + released + refunded + carried_over``.
        releases: Every payment out of this milestone (escrow released
            plus bonus) with its moment, for the security period.
        disputed_at: When the open dispute was filed, if one is open.
        dispute_answered_at: When the client answered the open dispute.

    Raises:
        InvalidValueError: A negative or mixed-currency amount, an empty
            id, or a zero amount.
    """

    id: str = attrs.field(validator=id_field)
    title: str = attrs.field(validator=id_field)
    amount: Money = attrs.field(validator=_milestone_amount)
    description: str = attrs.field(default="", validator=text_field)
    due: date | None = attrs.field(default=None, validator=optional_date_field)
    state: MilestoneState = attrs.field(
        default=MilestoneState.NOT_FUNDED, validator=_enum_validator(MilestoneState)
    )
    held: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    funded: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    released: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    refunded: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    bonus: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    submitted_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    refund_requested_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    carried_over: Money = attrs.field(
        default=attrs.Factory(_zero_like_amount, takes_self=True), validator=money_field
    )
    releases: tuple[Release, ...] = attrs.field(default=(), converter=_releases)
    disputed_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    dispute_answered_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )

    def __attrs_post_init__(self) -> None:
        currency = self.amount.currency
        for name in ("held", "funded", "released", "refunded", "bonus", "carried_over"):
            other: Money = getattr(self, name)
            if other.currency != currency:
                raise CurrencyMismatchError(
                    f"Milestone.{name} is in {other.currency} but the milestone "
                    f"amount is in {currency}"
                )


def _check_activity(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401  (attrs validator)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"TimeEntry.activity must be a whole number 0–10 or None, not {value!r}"
        )
    if not 0 <= value <= 10:
        raise InvalidValueError(
            f"TimeEntry.activity is the Work Diary's 0–10 activity level, got {value}"
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
                f"TimeEntry.start ({self.start.isoformat()})"
            )


def _client(value: Client | str) -> Client:
    if isinstance(value, str):
        return Client(value)
    if not isinstance(value, Client):
        raise InvalidTypeError(
            f"Contract.client must be a Client or a client id str, not {type(value).__name__}"
        )
    return value


def _items(value: Iterable[Any], kind: type, name: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(f"Contract.{name} must be a sequence of {kind.__name__}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                f"Contract.{name}[{index}] must be a {kind.__name__}, not {type(item).__name__}"
            )
    return items


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return _items(value, Milestone, "milestones")


def _payments(value: Iterable[Payment]) -> tuple[Payment, ...]:
    return _items(value, Payment, "payments")


def _time_entries(value: Iterable[TimeEntry]) -> tuple[TimeEntry, ...]:
    return _items(value, TimeEntry, "time_entries")


def _history(value: Iterable[Any]) -> tuple[Event, ...]:
    from upwork_safety._events import EVENT_TYPES  # noqa: PLC0415  (keeps one registry)

    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError("Contract.history must be a sequence of escrow events")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, EVENT_TYPES):
            raise InvalidTypeError(
                f"Contract.history[{index}] must be an escrow event, not {type(item).__name__}"
            )
    return items


def _fee_rate(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    rate = decimal_value(value, "Contract.service_fee_rate")
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
    hours = decimal_value(value, "Contract.weekly_limit")
    if not Decimal(0) < hours <= Decimal(168):
        raise InvalidValueError(
            f"Contract.weekly_limit is hours per week, more than 0 and at most 168, got {hours}"
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
        payments: Everything paid to the freelancer, in one currency.
        feedback: What the client said at the end, if anything.
        service_fee_rate: The contract's own service fee as a fraction
            (``Decimal("0.10")`` for 10%), shown on the offer since
            2025-05-01; the fee engine checks it against the schedule in
            force (0–15% today).
        hourly_rate: The hourly rate (hourly contracts only).
        weekly_limit: The weekly hour limit (hourly contracts only).
        history: Every escrow event applied so far, in time order.
        title: A short description of the job.
        time_entries: The Work Diary of an hourly contract.

    Raises:
        InvalidValueError: An end before the start, mixed currencies,
            duplicate milestone ids, or fields that do not fit *kind*.
    """

    id: str = attrs.field(validator=id_field)
    client: Client = attrs.field(converter=_client)
    kind: ContractKind = attrs.field(validator=_enum_validator(ContractKind))
    started: date = attrs.field(validator=date_field)
    ended: date | None = attrs.field(default=None, validator=optional_date_field)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payments)
    feedback: Feedback | None = attrs.field(default=None)
    service_fee_rate: Decimal | None = attrs.field(default=None, converter=_fee_rate)
    hourly_rate: Money | None = attrs.field(default=None)
    weekly_limit: Decimal | None = attrs.field(default=None, converter=_weekly_limit)
    history: tuple[Event, ...] = attrs.field(default=(), converter=_history)
    title: str = attrs.field(default="", validator=text_field)
    time_entries: tuple[TimeEntry, ...] = attrs.field(default=(), converter=_time_entries)

    def __attrs_post_init__(self) -> None:  # noqa: C901  (one place for every cross-field rule)
        if self.ended is not None and self.ended < self.started:
            raise InvalidValueError(
                f"Contract.ended ({self.ended}) must not be before "
                f"Contract.started ({self.started})"
            )
        if self.feedback is not None and not isinstance(self.feedback, Feedback):
            raise InvalidTypeError("Contract.feedback must be a Feedback or None")
        currencies = {p.amount.currency for p in self.payments}
        if len(currencies) > 1:
            raise CurrencyMismatchError(
                f"Contract.payments must all be in one currency, got {sorted(currencies)}"
            )
        ids = [m.id for m in self.milestones]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise InvalidValueError(f"Contract.milestones ids must be unique: {duplicates}")
        if self.kind is ContractKind.FIXED_PRICE and self.time_entries:
            raise InvalidValueError(
                "Contract.time_entries belong to hourly contracts; this one is fixed price"
            )
        if self.kind is ContractKind.HOURLY and self.milestones:
            raise InvalidValueError(
                "Contract.milestones belong to fixed-price contracts; this one is hourly"
            )
        if self.kind is ContractKind.FIXED_PRICE:
            for name in ("hourly_rate", "weekly_limit"):
                if getattr(self, name) is not None:
                    raise InvalidValueError(
                        f"Contract.{name} belongs to hourly contracts; this one is fixed price"
                    )
        if self.hourly_rate is not None:
            if not isinstance(self.hourly_rate, Money):
                raise InvalidTypeError("Contract.hourly_rate must be Money or None")
            if self.hourly_rate.amount <= 0:
                raise InvalidValueError(
                    f"Contract.hourly_rate must be positive, got {self.hourly_rate}"
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
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        known = ", ".join(m.id for m in self.milestones) or "none"
        raise InvalidValueError(
            f"contract {self.id!r} has no milestone {milestone_id!r} (milestones: {known})"
        )
