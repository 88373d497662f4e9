r"""Statements: a freelancer's own Upwork CSV exports as typed values.

Text in, typed values out: the caller reads the file (the library does no
I/O) and :func:`parse` recognises the export by its header.

* :func:`parse` reads the older Transaction History (13 columns, also with
  ``ExchangeRate``), the current Transactions report (19 columns, with a
  byte order mark and lower-case headers in some exports) and the weekly
  summary (5 columns) into a :class:`Statement` of :class:`Transaction`
  rows, checking every row and the running balance.
* :func:`format_of` tells which of them a text is, by its header alone.
* :func:`summarize` adds it up by month, by Pakistani tax year (1 July to
  30 June) or by calendar year, with PKR at the caller's rates and an s.154A
  tax estimate.
* :func:`audit_fees` sets every service fee against the schedule in force,
  and every withdrawal fee against the published fee of the method the
  export names.
* :func:`available_on` gives the first day an income row can be withdrawn
  (an hourly row: the day its :func:`invoiced_week` is paid out).
* :func:`to_contracts` groups the earnings into
  :class:`~upwork_safety.Contract` values for the other engines;
  :func:`merged_contracts` names those that may be several contracts.

>>> statement = parse(
...     "Date,Contract,Hours,Amount,Payment type\n"
...     "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
... )
>>> statement.transactions[0].kind
<TransactionKind.FIXED_PRICE: 'fixed_price'>
>>> summarize(statement).total.gross
Money(amount=Decimal('150.00'), currency='USD')
"""

from __future__ import annotations

from upwork_safety.statements import _cells, _formats, _kinds, _model, _summarize, _summary
from upwork_safety.statements._audit import FeeAudit, audit_fees
from upwork_safety.statements._balance import BalanceBreak
from upwork_safety.statements._contracts import merged_contracts, to_contracts
from upwork_safety.statements._fee_check import FeeCheck, UncheckedFee
from upwork_safety.statements._kinds import StatementFormat, TransactionKind
from upwork_safety.statements._model import Transaction
from upwork_safety.statements._parse import format_of, parse
from upwork_safety.statements._pay_day import available_on, invoiced_week
from upwork_safety.statements._statement import Statement
from upwork_safety.statements._summarize import summarize
from upwork_safety.statements._summary import Summary, SummaryRow, period_name, tax_year
from upwork_safety.statements._withdrawal_fee import WithdrawalFeeCheck

# Re-bound here (not copied) so that each carries its documentation.

#: The kinds that are earnings before fees: fixed price, hourly and bonus.
INCOME_KINDS = _kinds.INCOME_KINDS
#: The kinds the exports write negative (money taken from the balance): refunds,
#: service fees, withdrawals and their fees, Connects, subscriptions and taxes.
OUTGOING_KINDS = _kinds.OUTGOING_KINDS
#: The ways :func:`summarize` groups rows (calendar month, Pakistani tax year or calendar year).
Period = _summary.Period
#: The s.154A rates :func:`summarize` estimates with (PSEB-registered or not).
TaxStatus = _summary.TaxStatus
#: The longest physical line :func:`parse` accepts, in characters.
MAX_LINE_CHARS = _formats.MAX_LINE_CHARS
#: The longest field accepted, in characters.
MAX_FIELD_CHARS = _cells.MAX_FIELD_CHARS
#: The most rows accepted in one export.
MAX_ROWS = _formats.MAX_ROWS
#: The most physical lines accepted, blank lines and quoted line breaks included.
MAX_LINES = _formats.MAX_LINES
#: The most characters accepted in one export.
MAX_CHARS = _formats.MAX_CHARS
#: The most problems listed in one error; reading stops at the next one.
MAX_PROBLEMS = _formats.MAX_PROBLEMS
#: Every US dollar amount or balance in an export is below this (so sums stay exact).
MAX_AMOUNT = _formats.MAX_AMOUNT
#: The most columns an export's header may have, its own and any added; so also the
#: most distinct ``Transaction.extra`` columns a :class:`Statement` holds.
MAX_COLUMNS = _model.MAX_COLUMNS
#: The longest span, in years, :func:`summarize` covers (a row for every period).
MAX_SPAN_YEARS = _summarize.MAX_SPAN_YEARS
#: The ``rule`` of the problem :func:`parse` reports for a row of a type word the
#: library does not know: such a file can be read with ``unknown_types="other"``.
UNKNOWN_TYPE_RULE = _formats.TYPE_RULE

__all__ = [
    "INCOME_KINDS",
    "MAX_AMOUNT",
    "MAX_CHARS",
    "MAX_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_LINES",
    "MAX_LINE_CHARS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_SPAN_YEARS",
    "OUTGOING_KINDS",
    "UNKNOWN_TYPE_RULE",
    "BalanceBreak",
    "FeeAudit",
    "FeeCheck",
    "Period",
    "Statement",
    "StatementFormat",
    "Summary",
    "SummaryRow",
    "TaxStatus",
    "Transaction",
    "TransactionKind",
    "UncheckedFee",
    "WithdrawalFeeCheck",
    "audit_fees",
    "available_on",
    "format_of",
    "invoiced_week",
    "merged_contracts",
    "parse",
    "period_name",
    "summarize",
    "tax_year",
    "to_contracts",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
