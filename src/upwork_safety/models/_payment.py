"""A payment on a contract and what it pays (private; public via ``upwork_safety.models``).

:class:`Payment` is the one record of every payout: escrow released for a
milestone, a bonus, or any other payment, each with its day and moment.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NoReturn, cast

import attrs

from upwork_safety._amount_fields import cents_field, more_than_zero
from upwork_safety._moments import (
    date_field,
    optional_to_utc,
    optional_utc_field,
    payment_moment,
    to_date,
)
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_text
from upwork_safety._validate import member_field, member_text, optional_id_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import StrEnum
from upwork_safety.money import Money, plain_money

__all__ = ["Payment", "PaymentKind"]


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


def _release_needs(name: str) -> NoReturn:
    raise InvalidValueError(
        f"Payment.{name} is required for a release of escrow",
        field=f"Payment.{name}",
        rule="required for a release",
    )


def _payment_amount(payment: Payment, attribute: Any, value: Any) -> None:
    """Not negative, whole cents; more than zero for a release or a bonus (one rule, any sign)."""
    kind = payment.kind  # converted before any validator runs; a non-member is refused later
    if kind is PaymentKind.RELEASE or kind is PaymentKind.BONUS:
        more_than_zero(value, "Payment.amount", f" of a {kind}")
    cents_field(payment, attribute, value)


@through_init
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
        amount: A non-negative amount in whole minor units (cents); more
            than zero for a release or a bonus.
        at: The moment of the payment (timezone-aware, stored in UTC), if known;
            a release needs it (its security period runs from it).
        milestone_id: The milestone paid, if any; a release needs it.
        kind: What the payment pays; :attr:`PaymentKind.OTHER` by default.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: *on* is not the UTC day of *at*, an amount below
            the minor unit (``USD 5.005``), or a release without its
            milestone, its moment or an amount.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    amount: Money = attrs.field(converter=plain_money, validator=_payment_amount)
    at: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )
    milestone_id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=optional_id_field
    )
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
        if self.kind is PaymentKind.RELEASE:
            if self.milestone_id is None:
                _release_needs("milestone_id")
            if self.at is None:
                _release_needs("at")

    @property
    def moment(self) -> datetime:
        """:attr:`at`, or the start (00:00 UTC) of :attr:`on` when the moment is not known.

        The library's one reading of a payment known only by its day
        (``fees.payout`` counts the security period from it too).
        """
        return payment_moment(self.on, self.at)
