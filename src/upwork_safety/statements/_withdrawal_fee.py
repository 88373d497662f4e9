"""A withdrawal fee row set against the fee of the method its export names (private).

The fee a withdrawal should have cost is the library's preset
:class:`~upwork_safety.fees.WithdrawalMethod` (``fixed_fee``, found by
:func:`upwork_safety.fees.get_method`); nothing here knows a fee of its own.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    NamedTuple,
)

import attrs

from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._render import plain
from upwork_safety._text import is_blank
from upwork_safety._validate import as_tuple, instance_field, items_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees import get_method
from upwork_safety.money import Money
from upwork_safety.rules import PAKISTAN_METHODS, WithdrawalMethod
from upwork_safety.statements._fee_rows import (
    check_more_fees,
    is_charge,
    judged_together,
    nets_another,
)
from upwork_safety.statements._kinds import TransactionKind
from upwork_safety.statements._model import USD, Transaction

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "METHOD_COLUMN",
    "WithdrawalFeeCheck",
    "one_per_withdrawal",
    "withdrawal_checks",
    "withdrawal_record",
]

#: The column of the Transactions report that names a withdrawal's method.
METHOD_COLUMN = "Payment Method"


class _Judged(NamedTuple):
    """A withdrawal fee row's method, and the fee expected or why none is."""

    method: WithdrawalMethod | None
    expected: Money | None
    reason: str | None


def _read_as(row: Transaction) -> WithdrawalMethod | str | None:
    """The method *row*'s ``Payment Method`` names, as one row alone is read.

    The method :func:`~upwork_safety.fees.get_method` reads it as (its key or
    name, in any case), else its text (a method the library does not know),
    else ``None`` (none named): rows of one withdrawal that read alike name
    one method, however each spells it (review r24 B M2).
    """
    name = row.extra_value(METHOD_COLUMN)
    if name is None or is_blank(name):
        return None
    try:
        return get_method(name)
    except InvalidValueError:
        return name


def _judged(fees: tuple[Transaction, ...]) -> _Judged:
    """The one rule: a charge, by a method the library knows, whose fee its sources confirm.

    *fees* are the rows of one withdrawal (the first charged first), judged
    by their total, as :func:`~upwork_safety.statements.audit_fees` judges
    the service fees of one payment.
    """
    if -Money.total((row.amount for row in fees), USD) < Money.zero(USD):
        return _Judged(
            None,
            None,
            "a refund of a withdrawal fee (a positive amount)"
            if len(fees) == 1
            else "the rows give back more than they charge (a refund of a withdrawal fee)",
        )
    fee = fees[0]
    if len({_read_as(row) for row in fees}) > 1:
        said = ", ".join(
            dict.fromkeys(
                "none named" if name is None or is_blank(name) else shown(name)
                for name in (row.extra_value(METHOD_COLUMN) for row in fees)
            )
        )
        return _Judged(
            None, None, f"the fee rows of one withdrawal name different methods ({said})"
        )
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
        # The amount charged first: the fee the library has is not the one the rows charged.
        charged = -Money.total((row.amount for row in fees), USD)
        return _Judged(
            method,
            None,
            f"charged {charged}, against {method.name}'s published fee of "
            f"{method.fixed_fee}, which is unconfirmed ({source.source}{note})",
        )
    return _Judged(method, method.fixed_fee, None)


@through_init
@attrs.frozen(kw_only=True)
class WithdrawalFeeCheck:
    """The fee rows of one withdrawal, set against the published fee of the method they name.

    Only the rows are stored.  The method (the preset whose name or key the
    rows' ``Payment Method`` is, by :func:`upwork_safety.fees.get_method`),
    the fee expected (its ``fixed_fee``) and why a fee is not checked are
    worked out from them, so a check cannot disagree with its rows or the
    presets.  The rows are judged by their total, as the service fees of one
    payment are: a fee charged twice on one withdrawal is an overcharge.  A
    fee is checked when the rows charge one (a row at zero or below is a
    charge, as the exports sign it: a $0.00 row is a charge of nothing),
    name one method the library knows, and that method's fee is confirmed
    by its sources (``fixed_fee`` not in
    :attr:`~upwork_safety.fees.WithdrawalMethod.unconfirmed`: Direct to
    Local Bank's $0.99 is, Payoneer's "about $2" is not).  Otherwise
    :attr:`reason` says why, and there is no verdict (:attr:`matches` is
    ``None``).  The presets are not dated: a fee is compared with the one
    published now.

    Args:
        fee: The withdrawal fee row (the first charged, when the withdrawal
            has more rows).
        more_fees: The other withdrawal fee rows of the same withdrawal (the
            Transactions report writes a withdrawal and its fees under one
            ``Transaction ID``): a fee charged again, or a refund of one,
            one for each charge after the first (the service fees' rule,
            :func:`~upwork_safety.statements.audit_fees`).

    Raises:
        InvalidTypeError: *fee* is not a Transaction, or *more_fees* not a
            sequence of them.
        InvalidValueError: A row that is not a withdrawal fee row, given
            twice or on the line of another, a row of *more_fees* whose
            ``id`` is not *fee*'s (or none), *fee* a refund beside other rows
            or dated after a charge in *more_fees*, or more refunds in
            *more_fees* than charges after the first.
    """

    fee: Transaction = attrs.field(validator=instance_field(Transaction))
    more_fees: tuple[Transaction, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Transaction)
    )

    def __attrs_post_init__(self) -> None:
        lines: set[int] = set()
        for index, row in enumerate(self.fees):
            where = (
                "WithdrawalFeeCheck.fee"
                if not index
                else (f"WithdrawalFeeCheck.more_fees[{index - 1}]")
            )
            if row.kind is not TransactionKind.WITHDRAWAL_FEE:
                raise InvalidValueError(
                    f"{where} must be a withdrawal fee row, not a {row.kind.value} row "
                    f"(line {row.line})",
                    field=where,
                    rule="a withdrawal fee row",
                )
            if row.line in lines:
                raise InvalidValueError(
                    f"{where} is on line {row.line}, the line of a fee row before it: each "
                    "row is added once, and two rows of an export never share a line",
                    field=where,
                    rule="each row on a line of its own",
                )
            lines.add(row.line)
            if index and (row.id is None or row.id != self.fee.id):
                raise InvalidValueError(
                    f"{where} (line {row.line}) has id {shown(row.id)}, not the id of "
                    f"WithdrawalFeeCheck.fee ({shown(self.fee.id)}, line {self.fee.line}): "
                    "the fee rows of one withdrawal share its Transaction ID",
                    field=where,
                    rule="the fee rows of one withdrawal (one id)",
                )
        self._check_charges()

    def _check_charges(self) -> None:
        """*fee* the first charge; a refund only for each charge after it (audit_fees' rule)."""
        if not self.more_fees:
            return
        if not is_charge(self.fee):
            raise InvalidValueError(
                f"WithdrawalFeeCheck.fee (line {self.fee.line}) is a refund "
                f"({self.fee.amount}); beside other rows, fee is the first charge",
                field="WithdrawalFeeCheck.fee",
                rule="fee is the first charge",
            )
        check_more_fees(
            "WithdrawalFeeCheck",
            self.fee,
            self.more_fees,
            "the withdrawal was charged more than once",
        )

    @property
    def fees(self) -> tuple[Transaction, ...]:
        """Every fee row of the withdrawal: *fee*, then *more_fees*."""
        return (self.fee, *self.more_fees)

    @property
    def method(self) -> WithdrawalMethod | None:
        """The preset the row's ``Payment Method`` names, or ``None`` (none named, or unknown)."""
        return _judged(self.fees).method

    @property
    def expected(self) -> Money | None:
        """The method's published fee, or ``None`` when the fee is not checked."""
        return _judged(self.fees).expected

    @property
    def reason(self) -> str | None:
        """Why the fee is not checked, in words, or ``None`` when it is.

        For a method whose fee is unconfirmed it starts with the amount the
        rows charged (:attr:`charged`), then the published figure
        (``method.fixed_fee``) and its sources.
        """
        return _judged(self.fees).reason

    @property
    def charged(self) -> Money:
        """The fees the rows charged, net of a refund among them, positive (a refund's negative)."""
        return -Money.total((row.amount for row in self.fees), USD)

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
        lines = f"line{'s' if self.more_fees else ''} " + ", ".join(
            str(row.line) for row in self.fees
        )
        if self.expected is None:
            return f"<WithdrawalFeeCheck {lines}: not checked, {self.reason}>"
        return (
            f"<WithdrawalFeeCheck {lines}: charged {self.charged}, "
            f"expected {self.expected} ({self.method!r})>"
        )


def withdrawal_record(check: WithdrawalFeeCheck) -> dict[str, object]:
    """One row of ``FeeAudit.withdrawal_records()``: *check* as a flat dict, money as ``Decimal``.

    The columns are documented there (review r42, newcomer 2).
    """
    method = check.method
    return {
        "on": check.fee.on,
        "fee_line": check.fee.line,
        "fee_lines": tuple(row.line for row in check.fees),
        "fee_id": check.fee.id,
        "payment_method": check.fee.extra_value(METHOD_COLUMN),
        "method": None if method is None else method.name,
        "charged": plain(check.charged),
        "expected": plain(check.expected),
        "difference": plain(check.difference),
        "matches": check.matches,
        "reason": check.reason,
    }


def withdrawal_checks(transactions: Sequence[Transaction]) -> list[WithdrawalFeeCheck]:
    """Each withdrawal's fee rows, judged together, oldest first (by the first fee charged).

    The rows of one withdrawal are those with one id (the Transactions
    report writes a withdrawal and its fees under one ``Transaction ID``);
    a row with no id is a withdrawal of its own.  They are grouped by the
    service fees' rule (``_fee_rows.judged_together``): a fee charged twice is
    judged once, as an overcharge; a refund is netted for each charge after
    the first, and any other refund (beside a single fee, or the second of a
    double charge refunded twice) is checked on its own, with no verdict.
    """
    by_withdrawal: dict[object, list[Transaction]] = {}
    for row in transactions:
        if row.kind is TransactionKind.WITHDRAWAL_FEE:
            by_withdrawal.setdefault(row if row.id is None else row.id, []).append(row)
    checks: list[WithdrawalFeeCheck] = []
    for rows in by_withdrawal.values():
        together, alone = judged_together(rows)
        if together:
            first = next(row for row in together if is_charge(row))
            more = [row for row in together if row is not first]
            checks.append(WithdrawalFeeCheck(fee=first, more_fees=more))
        checks.extend(WithdrawalFeeCheck(fee=row) for row in alone)
    order = {row: position for position, row in enumerate(transactions)}
    checks.sort(key=lambda check: order[check.fee])
    return checks


def one_per_withdrawal(checks: tuple[WithdrawalFeeCheck, ...]) -> None:
    """Each withdrawal fee row checked once, and the charges of one withdrawal in one check.

    FeeAudit's check of its withdrawal_fees, by :func:`withdrawal_checks`'
    rule: a repeated row would count its excess twice, and a second charge
    of a withdrawal moved to a check of its own would hide the double
    charge; only a refund beyond those netted (``_fee_rows.netted_beside``)
    is checked on its own.
    """
    withdrawn: set[Transaction] = set()
    charged: dict[str, WithdrawalFeeCheck] = {}
    for index, withdrawal in enumerate(checks):
        where = f"FeeAudit.withdrawal_fees[{index}]"
        again = next((row for row in withdrawal.fees if row in withdrawn), None)
        if again is not None:
            raise InvalidValueError(
                f"{where} holds fee line {again.line} again: each withdrawal fee row "
                "is checked once",
                field=where,
                rule="each withdrawal fee row once",
            )
        withdrawn.update(withdrawal.fees)
    for index, withdrawal in enumerate(checks):
        if withdrawal.fee.id is not None and is_charge(withdrawal.fee):
            other = charged.setdefault(withdrawal.fee.id, withdrawal)
            if other is not withdrawal:
                where = f"FeeAudit.withdrawal_fees[{index}]"
                raise InvalidValueError(
                    f"{where} (fee line {withdrawal.fee.line}) charges a fee on the "
                    f"withdrawal of id {shown(withdrawal.fee.id)}, which another check "
                    f"holds (fee line {other.fee.line}): the fees of one withdrawal are "
                    "judged together, in one check",
                    field=where,
                    rule="the fees of one withdrawal in one check",
                )
    for index, withdrawal in enumerate(checks):
        fee = withdrawal.fee
        beside = charged.get(fee.id) if fee.id is not None else None
        if beside is None or beside is withdrawal:
            continue
        if not nets_another(beside.fees):
            continue  # a refund beyond those netted (netted_beside): checked on its own
        where = f"FeeAudit.withdrawal_fees[{index}]"
        raise InvalidValueError(
            f"{where} (fee line {fee.line}) is a refund on a withdrawal charged more than "
            f"once (fee line {beside.fee.line}): it is netted in that check",
            field=where,
            rule="the fees of one withdrawal in one check",
        )
