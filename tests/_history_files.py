"""The command-line tests' contract history on disk: one writer, shared by their files."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety import Contract, ContractKind, EndReason, Feedback, Money, Payment, serialize

if TYPE_CHECKING:
    from pathlib import Path


def finished_contracts(count: int = 5) -> list[Contract]:
    """*count* finished $300 contracts a month apart from 1 January 2025; the third rated 2."""
    return [
        Contract(
            f"c{i}",
            f"client{i % 3}",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 1) + timedelta(days=30 * i),
            ended=date(2025, 1, 20) + timedelta(days=30 * i),
            payments=[Payment(date(2025, 1, 20) + timedelta(days=30 * i), Money("300", "USD"))],
            feedback=Feedback(
                Decimal(5) if i != 2 else Decimal(2), 9 if i != 2 else 2, EndReason.COMPLETED
            ),
            service_fee_rate=Decimal("0.10"),
        )
        for i in range(count)
    ]


def history_file(tmp_path: Path, contracts: list[Contract] | None = None) -> Path:
    """*contracts* (default :func:`finished_contracts`) written as ``history.json`` in *tmp_path*."""
    if contracts is None:
        contracts = finished_contracts()
    path = tmp_path / "history.json"
    path.write_text(serialize.to_json(contracts), "utf-8")
    return path
