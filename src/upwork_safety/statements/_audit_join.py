"""Which income row each service fee of a statement belongs to (private).

:func:`upwork_safety.statements.audit_fees` judges the fees of one income row
together; this module joins them (by the fee's ``related_id``, through
``_audit_pricing._join``) and sets fee refunds aside with the reason each is
not netted.
"""

from __future__ import annotations

from collections import defaultdict

from upwork_safety.statements._audit_pricing import (
    REFUND,
    REFUND_ALONE,
    REFUND_BESIDE_ONE_FEE,
    REFUND_BESIDE_ONE_FEE_ALONE,
    REFUND_WITH_PAYMENT,
    _join,
)
from upwork_safety.statements._fee_check import UncheckedFee
from upwork_safety.statements._fee_rows import is_charge, judged_together
from upwork_safety.statements._kinds import TransactionKind
from upwork_safety.statements._model import Transaction
from upwork_safety.statements._statement import Statement


def _by_id(
    statement: Statement,
) -> tuple[dict[str, list[Transaction]], dict[str, Transaction]]:
    """The income rows of each id, and the first refund of a payment of each id."""
    income_by_id: dict[str, list[Transaction]] = defaultdict(list)
    refund_by_id: dict[str, Transaction] = {}
    for row in statement.transactions:
        if row.is_income and row.id is not None:
            income_by_id[row.id].append(row)
        if row.kind is TransactionKind.REFUND and row.id is not None:
            refund_by_id.setdefault(row.id, row)
    return income_by_id, refund_by_id


def _joined(
    statement: Statement, unchecked: list[UncheckedFee], named: set[str]
) -> dict[Transaction, list[Transaction]]:
    """Each income row with every fee row joined to it, in the order of its first fee.

    The fees of one row are judged once, together: split over rows, or
    charged twice.  Refunds of a fee (positive rows) are netted one for
    each charge after the first (a fee reversed, or a double charge given
    back: ``_fee_rows.netted_beside``); any other refund (beside a single
    fee, or the second refund of a double charge) is the fee returned with a
    refund of the payment, which the export does not tie to it, so the fee
    left is checked as charged and the refund listed in *unchecked*.  A fee that joins
    no row goes to *unchecked* with the reason; every id a fee names is
    added to *named*.
    """
    income_by_id, refund_by_id = _by_id(statement)
    joined: dict[Transaction, list[Transaction]] = {}
    for fee in statement.transactions:
        if fee.kind is not TransactionKind.SERVICE_FEE:
            continue
        if fee.related_id is not None:
            named.add(fee.related_id)
        found = _join(fee, income_by_id, statement.format)
        if isinstance(found, str):
            unchecked.append(UncheckedFee(fee, _unjoined_reason(fee, found, refund_by_id)))
        else:
            joined.setdefault(found, []).append(fee)
    refunded = {
        row.related_id
        for row in statement.transactions
        if row.kind is TransactionKind.REFUND and row.related_id is not None
    }
    charged: dict[Transaction, list[Transaction]] = {}
    for income, rows in joined.items():
        together, refunds = judged_together(rows)
        if together:
            charged[income] = list(together)
        if refunds:
            reason = _refund_reason(charged=bool(together), payment_refunded=income.id in refunded)
            unchecked.extend(UncheckedFee(row, reason) for row in refunds)
    return charged


def _unjoined_reason(fee: Transaction, found: str, refund_by_id: dict[str, Transaction]) -> str:
    """Why a fee that joins no income row is not checked: *found*, or the refund it came with.

    A fee refund sharing its id with a refund of a payment (the Transactions
    report writes the two under one Transaction ID) is the fee given back with
    it; no published rule says how much of a fee a refund returns (newcomer
    r17 L12: the join rule's long reason did not say that).
    """
    if is_charge(fee):
        return found
    payment = refund_by_id.get(fee.related_id) if fee.related_id is not None else None
    if payment is None:
        return f"{REFUND} ({found})"
    return REFUND_WITH_PAYMENT.format(line=payment.line, amount=payment.amount)


def _refund_reason(*, charged: bool, payment_refunded: bool) -> str:
    """Why a fee refund is not netted: no fee charged, or beside one (with the payment's refund)."""
    if not charged:
        return REFUND_ALONE
    return REFUND_BESIDE_ONE_FEE if payment_refunded else REFUND_BESIDE_ONE_FEE_ALONE
