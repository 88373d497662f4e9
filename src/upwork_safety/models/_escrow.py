"""A milestone's escrow: where its money is and which clocks its state runs (private).

:class:`Escrow`'s constructor enforces the bookkeeping identity ``funded ==
held + released + refunded + carried_over`` and that every field fits the
state (the table in its docstring).  The escrow engine builds the next one
after each step; ``_zero`` and ``_ESCROW_FIELDS`` are its shared helpers.
"""

from __future__ import annotations

import functools
import operator
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn, cast

import attrs

from upwork_safety._amount_fields import money_field, whole_cents
from upwork_safety._checked_once import unless_held_earlier
from upwork_safety._display import shown
from upwork_safety._moments import optional_to_utc, optional_utc_field
from upwork_safety._pickling import through_init
from upwork_safety._validate import member_field, member_text
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.kinds import MilestoneState
from upwork_safety.money import Money, _add, _places, minor_unit, plain_money

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["Escrow"]


_S = MilestoneState

#: The states of a milestone being worked on: funding put its whole amount in escrow,
#: and a funded milestone's amount cannot be edited, so ``funded == amount`` (checked by
#: ``Milestone``); nothing is released or carried on yet, so unless some was refunded
#: the escrow holds all that was funded.
WHOLLY_FUNDED = frozenset({_S.FUNDED, _S.SUBMITTED, _S.CHANGES_REQUESTED})


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
#: The moments an escrow in each state may hold (the one it needs, then the
#: others it may), read from :data:`_SHAPES`.
_MOMENTS_HELD: Mapping[MilestoneState, tuple[str, ...]] = {
    state: ((needed,) if needed else ()) + optional
    for state, (_zero_fields, _positive, needed, optional) in _SHAPES.items()
}
#: The states whose escrow always holds money (``held`` more than zero), read from
#: :data:`_SHAPES`: only a ``NOT_FUNDED`` milestone (unless a remainder was carried to
#: it) and a ``PAID`` one (unless it kept a remainder) may hold nothing, besides a
#: ``REFUNDED`` one, which never holds.
_HOLDING: frozenset[MilestoneState] = frozenset(
    state
    for state, (_zero_fields, positive, _needed, _optional) in _SHAPES.items()
    if "held" in positive
)
_MONEY = ("held", "released", "refunded", "carried_over")
_MOMENTS = (
    "submitted_at",
    "refund_requested_at",
    "disputed_at",
    "dispute_answered_at",
    "client_paid_arbitration_at",
    "freelancer_paid_arbitration_at",
)


def _values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A function reading the (dotted) attributes *names* of an escrow, as a tuple."""
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda escrow: (one(escrow),)
    if names:
        return operator.attrgetter(*names)
    return lambda _escrow: ()


def _quick(state: MilestoneState) -> tuple[Callable[[object], tuple[Any, ...]], ...]:
    """For *state*, read from :data:`_SHAPES`: (what must be empty, what must be there).

    Empty: the money that must be zero and the moments the state does not
    hold (a zero amount and ``None`` are both false); there: the money that
    must be more than zero and the moment the state needs (both true).
    """
    zero, positive, needed, optional = _SHAPES[state]
    absent = tuple(name for name in _MOMENTS if name != needed and name not in optional)
    present = (*(f"{name}.amount" for name in positive), *((needed,) if needed else ()))
    return _values((*(f"{name}.amount" for name in zero), *absent)), _values(present)


#: :data:`_SHAPES` as two reads per state, so that a well-formed escrow is
#: recognised in two calls (its moments are datetimes or ``None``, checked by
#: their validators first); otherwise :meth:`Escrow._check_shape` walks the table.
_QUICK = {state: _quick(state) for state in MilestoneState}


def _refuse(field: str, rule: str, message: str) -> NoReturn:
    raise InvalidValueError(message, field=f"Escrow.{field}", rule=rule)


def _milestone_state(value: MilestoneState | str) -> MilestoneState:
    """A converter: the MilestoneState member a text names; anything else is for member_field."""
    if type(value) is MilestoneState:  # every escrow the engine builds: as it is
        return value
    return cast("MilestoneState", member_text(MilestoneState, value))


@through_init
@attrs.frozen(repr=False)
class Escrow:
    """Where one milestone's money is, and the clocks its state runs: a value that cannot lie.

    Its constructor enforces the bookkeeping identity ``funded == held +
    released + refunded + carried_over`` (every amount non-negative, in
    whole minor units, one currency) and that the fields fit the state:

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
    hand only to describe a milestone mid-way.  A milestone not funded yet
    has :meth:`unfunded` (``Escrow.unfunded("USD")``), which a
    :class:`~upwork_safety.Milestone` built without ``escrow=`` starts with;
    :func:`~upwork_safety.escrow.as_offered` gives a stored contract back
    with every milestone unfunded.

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
        InvalidValueError: The amounts do not add up, hold digits below the
            minor unit (``USD 0.005``), or do not fit the state, or a moment
            is missing, not allowed or out of order.
    """

    state: MilestoneState = attrs.field(
        converter=_milestone_state, validator=member_field(MilestoneState)
    )
    funded: Money = attrs.field(converter=plain_money, validator=money_field)
    held: Money = attrs.field(
        converter=plain_money,
        default=attrs.Factory(_zero_like_funded, takes_self=True),
        validator=unless_held_earlier(money_field, "funded"),
    )
    released: Money = attrs.field(
        converter=plain_money,
        default=attrs.Factory(_zero_like_funded, takes_self=True),
        validator=unless_held_earlier(money_field, "funded", "held"),
    )
    refunded: Money = attrs.field(
        converter=plain_money,
        default=attrs.Factory(_zero_like_funded, takes_self=True),
        validator=unless_held_earlier(money_field, "funded", "held", "released"),
    )
    carried_over: Money = attrs.field(
        converter=plain_money,
        default=attrs.Factory(_zero_like_funded, takes_self=True),
        validator=unless_held_earlier(money_field, "funded", "held", "released", "refunded"),
    )
    submitted_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    refund_requested_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    disputed_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    dispute_answered_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    client_paid_arbitration_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    freelancer_paid_arbitration_at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
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
                f"Escrow has no field {shown(min(unknown))}", field="Escrow", rule="a field"
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
        total = _add(_add(held.amount, released.amount), _add(refunded.amount, carried.amount))
        if total != funded.amount:
            _refuse(
                "funded",
                "funded == held + released + refunded + carried_over",
                f"Escrow.funded ({funded}) must equal held + released + refunded + "
                f"carried_over ({held} + {released} + {refunded} + {carried})" + self._held_hint(),
            )
        if _places(total) > minor_unit(currency):
            self._check_cents()
        self._check_state()

    def _held_hint(self) -> str:
        """For a working escrow that records nothing but what was funded: what it holds.

        A funded, submitted or changes-requested milestone has released and
        carried nothing on (see the table above): with nothing refunded either,
        it holds all that was funded (red team r19 M2: ``held`` left out by hand).
        """
        if self.state not in WHOLLY_FUNDED or self.released or self.refunded or self.carried_over:
            return ""
        return (
            f"; a {self.state.value} escrow holds everything funded: give held equal to "
            f"funded ({self.funded})"
        )

    def _check_cents(self) -> None:
        """Refuse an amount below the minor unit (a sum's places are its parts' most)."""
        for name in _MONEY:
            whole_cents(getattr(self, name), f"Escrow.{name}")

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

    def _check_state(self) -> None:
        state = self.state
        empty, there = _QUICK[state]
        if any(empty(self)) or not all(there(self)):
            self._check_shape()  # something may not fit: find it (and the PAID rule) in order
        elif state is _S.PAID:
            self._check_remainder()
        if state is _S.DISPUTED:
            self._check_dispute()

    def _check_remainder(self) -> None:
        if self.held.amount and self.carried_over.amount:
            _refuse(
                "held",
                "a remainder is held or carried on, not both",
                "a PAID escrow holds a partial approval's remainder only if it was not "
                f"carried on, but it holds {self.held} and carried on {self.carried_over}",
            )

    def _check_shape(self) -> None:
        """Refuse the first field that does not fit the state (:data:`_SHAPES`, in order)."""
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
        if state is _S.PAID:
            self._check_remainder()
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
