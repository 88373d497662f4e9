"""Where a statement's running balance breaks (private).

:class:`BalanceBreak` names two consecutive rows whose balances do not
follow from each other, and :func:`find_breaks` finds every one; the
statement reports them (``Statement.balance_breaks``) and the reader reads a
file's direction by them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import Money, plain_money
from upwork_safety.statements._model import _line, usd_field

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upwork_safety.statements._model import Transaction

__all__ = ["BalanceBreak", "find_breaks"]


@through_init
@attrs.frozen
class BalanceBreak:
    """Two rows whose running balances do not follow from each other.

    Between two consecutive rows, the newer row's balance must be the older
    row's balance plus the newer row's amount; when it is not, a row is
    missing between them or one of them was altered.

    Attributes:
        older_line: The line of the older row.
        newer_line: The line of the newer row.
        expected: The older balance plus the newer amount.
        found: The newer row's balance.

    Raises:
        InvalidTypeError: A line that is not an int, or an amount that is not Money.
        InvalidValueError: A line below 2, the same line twice, an amount not
            in USD, or *found* equal to *expected* (no break).
    """

    older_line: int = attrs.field(converter=plain_int, validator=_line)
    newer_line: int = attrs.field(converter=plain_int, validator=_line)
    expected: Money = attrs.field(converter=plain_money, validator=usd_field())
    found: Money = attrs.field(converter=plain_money, validator=usd_field())

    def __attrs_post_init__(self) -> None:
        if self.older_line == self.newer_line:
            raise InvalidValueError(
                f"BalanceBreak.newer_line must be another row than older_line ({self.older_line})",
                field="BalanceBreak.newer_line",
                rule="two different rows",
            )
        if self.found == self.expected:
            raise InvalidValueError(
                f"BalanceBreak.found equals expected ({self.expected}): that is no break",
                field="BalanceBreak.found",
                rule="differs from expected",
            )

    @property
    def difference(self) -> Money:
        """``found - expected``: what the missing or altered rows add up to."""
        return self.found - self.expected

    def describe(self) -> str:
        """The break in words, naming both lines."""
        return (
            f"the running balance breaks between line {self.older_line} and line "
            f"{self.newer_line}: expected {self.expected} (line {self.older_line}'s balance "
            f"plus this row's amount), found {self.found}, a difference of {self.difference}: "
            "a row is missing or was altered"
        )


def find_breaks(transactions: Iterable[Transaction]) -> tuple[BalanceBreak, ...]:
    """Every break in the running balance of *transactions*, oldest first."""
    found: list[BalanceBreak] = []
    previous: Transaction | None = None
    for row in transactions:
        if row.balance is None:
            continue
        if previous is not None and previous.balance is not None:
            expected = previous.balance + row.amount
            if expected != row.balance:
                found.append(BalanceBreak(previous.line, row.line, expected, row.balance))
        previous = row
    return tuple(found)
