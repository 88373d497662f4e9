"""Tests for upwork_safety.statements on the shapes of real exports an audit found.

Type words public parsers of the real report read, a weekly summary with
extra columns, spreadsheet re-saves, and the fee audit's assumed and legacy
rates.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from upwork_safety import Money
from upwork_safety.errors import InvalidDataError
from upwork_safety.statements import (
    TransactionKind,
    parse,
    summarize,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"

HISTORY = [
    "Date",
    "Ref ID",
    "Type",
    "Description",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Amount",
    "Amount in local currency",
    "Currency",
    "Balance",
]
REPORT = [
    "Date",
    "Transaction ID",
    "Transaction Type",
    "Transaction Summary",
    "Transaction Summary Details",
    "Description 1",
    "Description 2",
    "Description 3",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Ref ID",
    "Amount $",
    "Amount in local currency",
    "Currency",
    "Current Balance $",
    "Payment Method",
]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def table(header: list[str], rows: list[dict[str, str]]) -> str:
    """A CSV text with *header* and one line per dict (missing columns empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue()


def history(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    """A Transaction History from chronological (date, ref, type, amount, team, description) rows."""
    balance = Decimal(0)
    written = []
    for on, ref, kind, amount, team, description in rows:
        balance += Decimal(amount)
        written.append(
            {
                "Date": on,
                "Ref ID": ref,
                "Type": kind,
                "Description": description,
                "Team": team,
                "Amount": amount,
                "Balance": str(balance),
            }
        )
    return table(HISTORY, written[::-1])


# ============================================================================ type words


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Membership", TransactionKind.SUBSCRIPTION),
        ("VAT", TransactionKind.TAX),
        ("WHT", TransactionKind.TAX),
        ("Adjustment", TransactionKind.MISCELLANEOUS),
        ("Processing Fee", TransactionKind.MISCELLANEOUS),
        ("misc", TransactionKind.MISCELLANEOUS),
    ],
)
def test_type_words_public_parsers_of_the_real_report_read(word, kind):
    """Each word with evidence is read as its kind, and the row keeps the word as written."""
    text = history([("Jan 02, 2024", "1", word, "-3.00", "", "")])
    (row,) = parse(text, allow_breaks=True).transactions
    assert (kind, word) == (row.kind, row.type_text)


@pytest.mark.parametrize("word", ["expense", "Salary", "Membership Fee"])
def test_type_words_without_evidence_of_their_kind_are_still_refused(word):
    """Words whose kind no source settles are refused, naming the line, column and word."""
    with pytest.raises(InvalidDataError) as info:
        parse(history([("Jan 02, 2024", "1", word, "-3.00", "", "")]))
    (problem,) = info.value.problems
    assert (2, "line 2, column 3 (Type)") == (problem.line, problem.path)
    assert repr(word) in problem.message


def test_the_new_words_are_counted_where_the_guide_says():
    """VAT and WHT are taxes, Membership a subscription, Adjustment and Processing Fee 'other'."""
    text = history(
        [
            ("Jan 02, 2024", "1", "Fixed Price", "100.00", "Acme", ""),
            ("Jan 03, 2024", "2", "VAT", "-2.00", "", ""),
            ("Jan 03, 2024", "3", "WHT", "-1.00", "", ""),
            ("Jan 04, 2024", "4", "Membership", "-10.00", "", ""),
            ("Jan 05, 2024", "5", "Adjustment", "4.00", "", ""),
            ("Jan 05, 2024", "6", "Processing Fee", "-0.50", "", ""),
        ]
    )
    (row,) = summarize(parse(text), by="tax_year").rows
    assert (usd("3.00"), usd("10.00"), usd("3.50"), usd("90.50")) == (
        row.taxes,
        row.connects_and_subscriptions,
        row.other,
        row.change,
    )
