"""Use upwork_safety.statements the way a caller would; type-checked by mypy and pyright, never run."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from upwork_safety import Contract, ContractKind, ExchangeRate, Money, statements

if TYPE_CHECKING:
    from upwork_safety.statements import (
        BalanceBreak,
        FeeAudit,
        FeeCheck,
        Period,
        Statement,
        StatementFormat,
        Summary,
        SummaryRow,
        Transaction,
        TransactionKind,
        UncheckedFee,
    )

text: str = Path("export.csv").read_text(encoding="utf-8")
statement: Statement = statements.parse(text)
with Path("export.csv").open(encoding="utf-8", newline="") as handle:
    from_lines: Statement = statements.parse(handle, allow_breaks=True)
kind: StatementFormat = statement.format
rows: tuple[Transaction, ...] = statement.transactions
later: tuple[Transaction, ...] = statement.scheduled
breaks: tuple[BalanceBreak, ...] = from_lines.balance_breaks
first: Transaction = rows[0]
when: date = first.on
what: TransactionKind = first.kind
amount: Money = first.amount
balance: Money | None = first.balance
related: str | None = first.related_id
hours: Decimal | None = first.hours
income: bool = first.is_income
rupees: Money | None = first.converted
opening: Money | None = statement.opening_balance
records: list[dict[str, object]] = statement.to_records()

by: Period = "tax_year"
summary: Summary = statements.summarize(
    statement,
    by=by,
    rates={"2024-25": ExchangeRate("USD", "PKR", "278.00")},
    tax="pseb",
)
monthly: Summary = statements.summarize(statement, rates=ExchangeRate("USD", "PKR", "278"))
yearly: Summary = statements.summarize(
    statement, by="year", rates={"2024": ExchangeRate("USD", "PKR", "278.00")}
)
total: SummaryRow = summary.total
net: Money = total.net
tax: Money | None = summary.tax_pkr
label: str = statements.tax_year(date(2024, 7, 1))

audit: FeeAudit = statements.audit_fees(statement, rate=Decimal("0.10"))
checks: tuple[FeeCheck, ...] = audit.mismatches
difference: Money = checks[0].difference
skipped: tuple[UncheckedFee, ...] = audit.not_checked
by_contract: FeeAudit = statements.audit_fees(statement, rates={"Site": "15%"}, rate="10%")
assumed: tuple[FeeCheck, ...] = by_contract.on_assumed_rate
allowed: tuple[Money, Money] | None = assumed[0].allowed
excess: Money = assumed[0].excess
excess_from: Money = assumed[0].excess_from
said_from: str = assumed[0].excess_from_text
verdict: str = assumed[0].verdict
explained: bool = assumed[0].within_schedule and assumed[0].rate_assumed

contracts: tuple[Contract, ...] = statements.to_contracts(statement)
said: tuple[Contract, ...] = statements.to_contracts(statement, bonus_only=ContractKind.HOURLY)
parts: tuple[Contract, ...] = statements.to_contracts(statement, split_after=timedelta(days=30))
merged: dict[str, str] = statements.merged_contracts(statement, split_after=timedelta(days=30))
limit: int = statements.MAX_ROWS
