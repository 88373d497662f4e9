"""A deadline of a fixed-price contract, and the checked list ``deadlines`` returns (private)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar, cast

import attrs

from upwork_safety._amount_fields import optional_cents_field
from upwork_safety._frozen_list import FrozenList
from upwork_safety._moments import computed_utc_field, to_utc
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_text, plain_text
from upwork_safety._render import html_table, money_record
from upwork_safety._validate import member_field, member_text, optional_id_field, text_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._kinds import DeadlineKind, Party
from upwork_safety.money import Money, optional_plain_money

__all__ = ["Deadline", "Deadlines"]


def _kind(value: DeadlineKind | str) -> DeadlineKind:
    # A value that is not a member is left for member_field to refuse.
    return cast("DeadlineKind", member_text(DeadlineKind, value))


def _party(value: Party | str) -> Party:
    return cast("Party", member_text(Party, value))


@through_init
@attrs.frozen
class Deadline:
    """Something that happens at *due* unless someone acts first.

    Attributes:
        kind: What it is (:class:`DeadlineKind`; equal to its text, e.g.
            ``"review_ends"``).
        due: When (UTC).
        milestone_id: The milestone concerned, or ``None`` for the contract.
        who: Who must act before *due* (:class:`Party`; equal to its text,
            e.g. ``"client"``).
        consequence: What happens at *due* if nobody acts.
        source: Where the rule is published.
        amount: For a ``funds_available`` deadline, the payment that
            becomes available at *due* (the engine's deadlines always say);
            ``None`` for every other kind, which cannot carry one.
    """

    kind: DeadlineKind = attrs.field(converter=_kind, validator=member_field(DeadlineKind))
    due: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    milestone_id: str | None = attrs.field(
        converter=optional_plain_text, validator=optional_id_field
    )
    who: Party = attrs.field(converter=_party, validator=member_field(Party))
    consequence: str = attrs.field(converter=plain_text, validator=text_field)
    source: str = attrs.field(converter=plain_text, validator=text_field)
    amount: Money | None = attrs.field(
        default=None, converter=optional_plain_money, validator=optional_cents_field
    )

    def __attrs_post_init__(self) -> None:
        if self.amount is not None and self.kind is not DeadlineKind.FUNDS_AVAILABLE:
            raise InvalidValueError(
                f"Deadline.amount is only for a funds_available deadline (the payment that "
                f"becomes available), not for {self.kind.value}",
                field="Deadline.amount",
                rule="only for funds_available",
            )

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``.

        The ``amount`` is its ``Decimal`` with its ``currency`` code in the
        column after it (``None`` for both on a deadline with no amount), as
        in the ledger's rows.
        """
        fields = attrs.fields(Deadline)
        return [money_record(((f.name, getattr(self, f.name)) for f in fields), ("amount",))]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Escrow deadline")


class Deadlines(FrozenList[Deadline]):
    """The list of :class:`Deadline` that :func:`deadlines` returns.

    A ``list`` (``deadlines(...) == [deadline, ...]`` holds, and it reads as
    one), but checked when it is built and never changed after, like every
    other value of the library: it holds only :class:`Deadline` values,
    soonest first (``due`` never decreases), and ``append``, ``sort``, item
    assignment and the other changing list methods raise
    :class:`~upwork_safety.errors.InvalidTypeError`.  Build a new one instead
    (``Deadlines([*found, deadline])``).  It is hashable, as the hash of the
    tuple of its deadlines (equal lists hash alike), so it can be a dict or
    cache key.  Python's own ``list`` methods called on it directly
    (``list.append(found, deadline)``) are not refused: a list changed that
    way is no longer the value it was (its hash changes too); do not.
    :meth:`to_records` gives one row per deadline, and it renders as one
    table in notebooks.

    Args:
        deadlines: The deadlines, soonest first.

    Raises:
        InvalidTypeError: *deadlines* is not a sequence, or one is not a
            :class:`Deadline` (``field='Deadlines[i]'``).
        InvalidValueError: A deadline due before the one before it
            (``field='Deadlines[i].due'``).
    """

    __slots__ = ()

    item: ClassVar[type] = Deadline
    noun: ClassVar[str] = "a Deadlines list"
    order_field: ClassVar[str] = "due"
    strictly: ClassVar[bool] = False
    order_rule: ClassVar[str] = "soonest first"

    def __init__(self, deadlines: Iterable[Deadline] = ()) -> None:
        super().__init__(deadlines)

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict per deadline, every field (as :meth:`Deadline.to_records`), in order."""
        return [row for deadline in self for row in deadline.to_records()]

    def _repr_html_(self) -> str:
        return html_table(
            self.to_records(),
            caption="Escrow deadlines",
            columns=tuple(field.name for field in attrs.fields(Deadline)),
        )
