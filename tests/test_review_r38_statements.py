"""Round 38, newcomer pass: exported rows, summaries and parse problems (review r38, newcomer).

Each test failed before its fix.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from upwork_safety import ExchangeRate, Money, statements
from upwork_safety.statements import TransactionKind

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)

# --- 1: the rupees a withdrawal became are `converted`, never its dollars repeated in USD ---


def test_converted_is_none_where_upwork_repeats_the_dollars_in_usd() -> None:
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    withdrawals = [
        r for r in statements.parse(text).transactions if r.kind is TransactionKind.WITHDRAWAL
    ]
    assert withdrawals
    for row in withdrawals:
        assert row.local_amount is not None  # what the file writes: the dollars again, in USD
        assert row.local_amount.currency == "USD"
        assert row.converted is None


def test_converted_is_the_rupees_of_a_converted_row() -> None:
    statement = statements.parse(
        HEADER
        + '"Aug 05, 2024",3,Withdrawal,,,,,,,,,,,,-500.00,-137500.00,PKR,0.00,Direct\n'
        + '"Jul 01, 2024",1,Fixed-price,Site,,,,,,,Initech,,,,500.00,500.00,USD,500.00,\n'
    )
    older, newer = statement.transactions
    assert older.converted is None
    assert newer.converted == Money("-137500.00", "PKR")
    assert isinstance(newer.converted, Money)


def test_the_spread_recipe_on_the_example_file_measures_nothing_it_cannot() -> None:
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    statement = statements.parse(text)
    reference = ExchangeRate("USD", "PKR", "278.40")
    spreads = [
        1 - (row.converted.amount / row.amount.amount) / reference.rate
        for row in statement.transactions
        if row.kind is TransactionKind.WITHDRAWAL and row.converted is not None
    ]
    assert spreads == []
    assert all(isinstance(s, Decimal) for s in spreads)
    assert date(2024, 8, 5) in {r.on for r in statement.transactions}
