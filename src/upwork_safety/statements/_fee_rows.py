"""Which fee rows are judged together, and the refunds netted beside them (private).

The one rule :func:`~upwork_safety.statements.audit_fees` holds the fee rows
of one income row or one withdrawal to, shared by :class:`FeeCheck` and the
withdrawal fee check (``_withdrawal_fee``): every charge judged together,
with one refund netted for each charge after the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upwork_safety.statements._model import Transaction

__all__ = ["check_more_fees", "is_charge", "judged_together", "nets_another", "netted_beside"]


def is_charge(row: Transaction) -> bool:
    """Whether a fee row (a service or a withdrawal fee) charges a fee (0 or below, as signed).

    The audit goes by the sign: a row above zero gives a fee back, whatever
    its word (``summarize`` names a row whose sign and word disagree).
    """
    return row.amount.amount <= 0


def netted_beside(charges: int) -> int:
    """How many fee refunds are netted into the fees of a row charged *charges* times.

    :func:`~upwork_safety.statements.audit_fees`' one rule: one for each
    charge after the first (a fee reversed and charged again, or a double
    charge given back), so the fee left is judged as charged.  A refund
    beyond those (beside a single fee, or the second refund of a double
    charge given back twice) is a fee returned with a refund of the payment
    or the withdrawal, which the export does not tie to it: it stays out of
    the check (``not_checked``, or a check of its own with no verdict).  A
    fee charged and given back costs nothing, so it is neither an overcharge
    nor a mismatch (review r26: two withdrawal fees both refunded read as a
    fee of USD 0.00, a mismatch).
    """
    return max(charges - 1, 0)


def nets_another(rows: Sequence[Transaction]) -> bool:
    """Whether a check of *rows* nets fewer refunds than :func:`netted_beside` allows.

    A refund of the same row or withdrawal kept outside such a check would
    have been netted in it (:func:`judged_together`).
    """
    charges = sum(1 for row in rows if is_charge(row))
    return len(rows) - charges < netted_beside(charges)


def judged_together(
    rows: Sequence[Transaction],
) -> tuple[tuple[Transaction, ...], tuple[Transaction, ...]]:
    """The fee rows of one payment or withdrawal judged together, and the refunds left out.

    :func:`~upwork_safety.statements.audit_fees`' one rule for the fees of
    one income row and of one withdrawal: every charge is judged together
    (a fee split over rows, or charged twice), with as many of the refunds
    among *rows* as :func:`netted_beside` nets, the largest ones (the
    earlier of two equal), so the order of the rows never changes the
    verdict and a partial refund never stands for a whole one given back
    (review r26: ``-0.99, -0.99, +0.50, +0.99`` read as an overcharge of
    0.49, and as a match with the refunds swapped); the other refunds are
    left out, each on its own.  Both in the order of *rows*.
    """
    refunds = [index for index, row in enumerate(rows) if not is_charge(row)]
    room = netted_beside(len(rows) - len(refunds))
    netted = set(sorted(refunds, key=lambda index: -rows[index].amount.amount)[:room])
    together = tuple(
        row for index, row in enumerate(rows) if index not in refunds or index in netted
    )
    apart = tuple(row for index, row in enumerate(rows) if index in refunds and index not in netted)
    return together, apart


def check_more_fees(
    owner: str, fee: Transaction, more_fees: Sequence[Transaction], beside_one: str
) -> None:
    """The rule both fee checks hold their rows to: *fee* first, refunds only where netted.

    *owner* names the check (``"FeeCheck"``), *fee* its first charge and
    *more_fees* the other rows judged with it; *beside_one* ends the refusal
    of a refund beyond those netted (where a refund is netted).
    :func:`judged_together` makes checks that pass.

    Raises:
        InvalidValueError: More refunds in *more_fees* than
            :func:`netted_beside` nets, or a charge before *fee*.
    """
    charges = sum(1 for row in (fee, *more_fees) if is_charge(row))
    room = netted_beside(charges)
    for index, row in enumerate(more_fees):
        where = f"{owner}.more_fees[{index}]"
        if not is_charge(row):
            if not room:
                raise InvalidValueError(
                    f"{where} (line {row.line}) is a fee refund beyond those netted beside "
                    f"{charges} fee{'s' if charges != 1 else ''} charged: a refund is netted "
                    f"only where {beside_one}, one for each charge after the first",
                    field=where,
                    rule="one fee refund netted for each charge after the first",
                )
            room -= 1
        if is_charge(row) and row.on < fee.on:
            raise InvalidValueError(
                f"{where} (line {row.line}, {row.on}) is a fee charged before {owner}.fee "
                f"(line {fee.line}, {fee.on}): fee is the first one charged",
                field=where,
                rule="fee is the first charge",
            )
