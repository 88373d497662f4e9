"""A fixed-price milestone: what was agreed, and its escrow (private; public as ``Milestone``)."""

from __future__ import annotations

from datetime import date
from typing import cast

import attrs

from upwork_safety._amount_fields import positive_cents_field
from upwork_safety._moments import optional_date_field, optional_to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._records import plain_record
from upwork_safety._validate import id_field, instance, shown_text_field, text_field
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.kinds import MilestoneState
from upwork_safety.models._escrow import WHOLLY_FUNDED, Escrow
from upwork_safety.money import Money, held, plain_money

__all__ = ["Milestone"]


def _unfunded_like_amount(milestone: Milestone) -> Escrow:
    amount: object = milestone.amount
    if isinstance(amount, Money) and held(amount) is not None:
        return Escrow.unfunded(amount.currency)
    # Refused by the amount's own validator, which runs after this default: a
    # hand-made Money is refused there, naming Milestone.amount (review r36, hostile 1).
    return cast("Escrow", amount)


def _plain_escrow(value: Escrow) -> Escrow:
    # A subclass is stored as the plain Escrow it holds (as Contract stores its records).
    return plain_record(value, Escrow, "Milestone.escrow")


def _check_escrow(milestone: Milestone, _attribute: object, value: object) -> None:
    escrow = instance(value, Escrow, "Milestone.escrow")
    if escrow.funded.currency != milestone.amount.currency:
        raise CurrencyMismatchError(
            f"Milestone.escrow is in {escrow.funded.currency} but the milestone amount is in "
            f"{milestone.amount.currency}",
            field="Milestone.escrow",
            rule="one currency",
        )
    if escrow.funded.amount > milestone.amount.amount:
        raise InvalidValueError(
            f"Milestone.escrow was funded {escrow.funded}, more than the milestone's amount "
            f"{milestone.amount}: a milestone's escrow never holds more (a payment above it is "
            "a bonus, charged fresh, HC 360000990348)",
            field="Milestone.escrow",
            rule="funded at most the amount",
        )
    # One currency (checked above): the Money values are equal when their amounts are.
    if escrow.state in WHOLLY_FUNDED and escrow.funded.amount != milestone.amount.amount:
        raise InvalidValueError(
            f"Milestone.escrow is {escrow.state.name} with {escrow.funded} funded, but the "
            f"milestone's amount is {milestone.amount}: funding deposits the whole amount "
            "(what a carried remainder does not cover), and only a milestone not yet funded "
            "may be edited (HC 360000990268)",
            field="Milestone.escrow",
            rule="an active milestone funded with its whole amount",
        )


@through_init
@attrs.frozen
class Milestone:
    """A fixed-price milestone: what was agreed, and its :class:`Escrow`.

    Args:
        id: A non-empty identifier, unique within the contract, written as
            it shows (as ``Client.id``).
        title: What the milestone delivers.
        amount: The agreed price, more than zero.  The model holds the
            fact; the escrow engine checks it against the minimum milestone
            of the rules in force when it is funded (Upwork's $5.00 today).
        description: The deliverables and acceptance criteria.
        due: The agreed due date, if any.
        escrow: Where its money is; unfunded by default.  The escrow engine
            moves it.  An ``Escrow`` subclass is stored as the plain escrow
            it holds.

    Raises:
        InvalidTypeError: A plain number (or anything but ``Money``) as
            *amount*: write ``Money("500", "USD")``.
        InvalidValueError: An empty id or title, a zero amount or one below
            the minor unit (``USD 5.005``: Upwork milestones are in cents),
            an escrow funded with more than *amount*, or a milestone being
            worked on (``FUNDED``, ``SUBMITTED``, ``CHANGES_REQUESTED``) whose
            escrow was not funded with exactly *amount* (its amount edited
            after funding).
        CurrencyMismatchError: An escrow in another currency than *amount*.
    """

    id: str = attrs.field(converter=plain_text, validator=id_field)
    title: str = attrs.field(converter=plain_text, validator=shown_text_field)
    amount: Money = attrs.field(converter=plain_money, validator=positive_cents_field)
    description: str = attrs.field(converter=plain_text, default="", validator=text_field)
    due: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=optional_date_field
    )
    escrow: Escrow = attrs.field(
        default=attrs.Factory(_unfunded_like_amount, takes_self=True),
        converter=_plain_escrow,
        validator=_check_escrow,
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
