"""A withdrawal fee row set against the fee of the method its export names (private).

The fee a withdrawal should have cost is the library's preset
:class:`~upwork_safety.fees.WithdrawalMethod` (``fixed_fee``, found by
:func:`upwork_safety.fees.get_method`); nothing here knows a fee of its own.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._validate import instance_field, is_blank
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees import get_method

# Imported at run time: the API docs resolve the properties' annotations (Money | None).
from upwork_safety.money import Money  # noqa: TC001
from upwork_safety.rules import PAKISTAN_METHODS, WithdrawalMethod
from upwork_safety.statements._model import Transaction, TransactionKind

__all__ = ["METHOD_COLUMN", "WithdrawalFeeCheck"]

#: The column of the Transactions report that names a withdrawal's method.
METHOD_COLUMN = "Payment Method"


class _Judged(NamedTuple):
    """A withdrawal fee row's method, and the fee expected or why none is."""

    method: WithdrawalMethod | None
    expected: Money | None
    reason: str | None


def _judged(fee: Transaction) -> _Judged:
    """The one rule: a charge, by a method the library knows, whose fee its sources confirm."""
    if fee.amount.amount > 0:
        return _Judged(None, None, "a refund of a withdrawal fee (a positive amount)")
    name = fee.extra_value(METHOD_COLUMN)
    if name is None or is_blank(name):
        return _Judged(
            None,
            None,
            # Not "the row names none": in the older Transaction History the method is in
            # the withdrawal row's description, which a fee row is not tied to (r18 F2).
            f"no '{METHOD_COLUMN}' on the row: the Transactions report's column is empty "
            "here, or the export has no such column (the older Transaction History names "
            "the method only in the withdrawal row's description, which is not read for it)",
        )
    try:
        method = get_method(name)
    except InvalidValueError:
        known = ", ".join(m.name for m in PAKISTAN_METHODS)
        return _Judged(
            None, None, f"the library knows no withdrawal method {shown(name)} (it knows {known})"
        )
    source = method.source_of("fixed_fee")
    if "fixed_fee" in method.unconfirmed:
        note = f": {source.note}" if source.note else ""
        return _Judged(
            method,
            None,
            f"{method.name}'s fee ({method.fixed_fee}) is unconfirmed ({source.source}{note})",
        )
    return _Judged(method, method.fixed_fee, None)


@through_init
@attrs.frozen(kw_only=True)
class WithdrawalFeeCheck:
    """A withdrawal fee row, set against the published fee of the method the export names.

    Only the row is stored.  The method (the preset whose name or key the
    row's ``Payment Method`` is, by :func:`upwork_safety.fees.get_method`),
    the fee expected (its ``fixed_fee``) and why a fee is not checked are
    worked out from it, so a check cannot disagree with its row or the
    presets.  A fee is checked when the row charges one (at zero or below),
    names a method the library knows, and that method's fee is confirmed by
    its sources (``fixed_fee`` not in
    :attr:`~upwork_safety.fees.WithdrawalMethod.unconfirmed`: Direct to
    Local Bank's $0.99 is, Payoneer's "about $2" is not).  Otherwise
    :attr:`reason` says why, and there is no verdict (:attr:`matches` is
    ``None``).  The presets are not dated: a fee is compared with the one
    published now.

    Args:
        fee: The withdrawal fee row.

    Raises:
        InvalidTypeError: *fee* is not a Transaction.
        InvalidValueError: *fee* is not a withdrawal fee row.
    """

    fee: Transaction = attrs.field(validator=instance_field(Transaction))

    def __attrs_post_init__(self) -> None:
        if self.fee.kind is not TransactionKind.WITHDRAWAL_FEE:
            raise InvalidValueError(
                "WithdrawalFeeCheck.fee must be a withdrawal fee row, not a "
                f"{self.fee.kind.value} row (line {self.fee.line})",
                field="WithdrawalFeeCheck.fee",
                rule="a withdrawal fee row",
            )

    @property
    def method(self) -> WithdrawalMethod | None:
        """The preset the row's ``Payment Method`` names, or ``None`` (none named, or unknown)."""
        return _judged(self.fee).method

    @property
    def expected(self) -> Money | None:
        """The method's published fee, or ``None`` when the fee is not checked."""
        return _judged(self.fee).expected

    @property
    def reason(self) -> str | None:
        """Why the fee is not checked, in words, or ``None`` when it is."""
        return _judged(self.fee).reason

    @property
    def charged(self) -> Money:
        """The fee the row charged, positive (a refund row's is negative)."""
        return -self.fee.amount

    @property
    def difference(self) -> Money | None:
        """``charged - expected`` (positive: charged more), or ``None`` when not checked."""
        expected = self.expected
        return None if expected is None else self.charged - expected

    @property
    def matches(self) -> bool | None:
        """Whether the fee is the method's published fee; ``None`` when not checked."""
        expected = self.expected
        return None if expected is None else self.charged == expected

    def __repr__(self) -> str:
        if self.expected is None:
            return f"<WithdrawalFeeCheck line {self.fee.line}: not checked, {self.reason}>"
        return (
            f"<WithdrawalFeeCheck line {self.fee.line}: charged {self.charged}, "
            f"expected {self.expected} ({self.method!r})>"
        )
