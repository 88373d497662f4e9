"""Round 38, newcomer pass: exported rows, summaries and parse problems (review r38, newcomer).

Each test failed before its fix.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import ExchangeRate, InvalidDataError, Money, serialize, statements
from upwork_safety.errors import InvalidValueError, Problem
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


# --- 2: a figure the weekly summary does not hold is None in to_records(), never a zero -----


def test_weekly_summary_records_hold_none_where_the_export_holds_nothing() -> None:
    text = (EXAMPLES / "synthetic-weekly-summary.csv").read_text(encoding="utf-8")
    summary = statements.summarize(
        statements.parse(text), rates=ExchangeRate("USD", "PKR", "280"), tax="standard"
    )
    records = summary.to_records()
    assert records
    unknown = {
        "service_fees",
        "refunds",
        "net",
        "withdrawn",
        "withdrawal_fees",
        "connects_and_subscriptions",
        "taxes",
        "other",
        "change",
        "net_pkr",
        "withdrawn_pkr",
        "tax_pkr",
    }
    for record in records:
        assert unknown <= set(record)
        assert {key for key, value in record.items() if value is None} >= unknown
        assert record["gross"] == Decimal("475.00")
        assert isinstance(record["gross"], Decimal)
        assert record["rate"] == Decimal(280)
    # The rows themselves are unchanged: 0.00, with the note saying why.
    assert summary.rows[0].service_fees == Money("0.00", "USD")
    assert summary.notes


def test_other_exports_records_keep_their_figures() -> None:
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    records = statements.summarize(statements.parse(text)).to_records()
    assert all(isinstance(r["service_fees"], Decimal) for r in records)
    assert all(isinstance(r["net"], Decimal) for r in records)


def test_weekly_summary_table_total_leaves_unknown_figures_blank() -> None:
    text = (EXAMPLES / "synthetic-weekly-summary.csv").read_text(encoding="utf-8")
    html = statements.summarize(statements.parse(text))._repr_html_()
    assert "0.00" not in html.replace("475.00", "")


# --- 3: a header repeated in the rows is one problem, saying two exports were joined --------


def _two_downloads() -> tuple[str, str]:
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    return "".join(lines[:10]), lines[0] + "".join(lines[10:])


@pytest.mark.parametrize("unknown_types", ["refuse", "other"])
def test_a_repeated_header_is_one_problem_naming_the_join(unknown_types: str) -> None:
    newer, older = _two_downloads()
    assert older.startswith("\ufeff")  # the second file's byte order mark is inside the text
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(newer + older, unknown_types=unknown_types)  # type: ignore[arg-type]
    problems = caught.value.problems
    assert len(problems) == 1
    assert isinstance(problems[0], Problem)
    assert problems[0].line == 11
    assert problems[0].rule == "one header"
    assert "unknown_types" not in str(caught.value)


def test_a_repeated_header_without_its_mark_or_quotes_is_found_too() -> None:
    newer, older = _two_downloads()
    plain = "DATE, Transaction ID" + older.split("\n", 1)[0].split('","Transaction ID"', 1)[1]
    plain = plain.replace('"', "") + "\n" + older.split("\n", 1)[1]
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(newer + plain)
    assert [p.rule for p in caught.value.problems] == ["one header"]


def test_two_downloads_joined_under_one_header_parse_as_one() -> None:
    newer, older = _two_downloads()
    both = statements.parse(newer + older.split("\n", 1)[1])
    apart = statements.parse(newer), statements.parse(older)
    ids = [r.id for r in both.transactions]
    assert ids == [r.id for part in reversed(apart) for r in part.transactions]
    assert apart[1].closing_balance == apart[0].opening_balance


# --- hostile2 7: every public reader of a weekly summary says unknown, as to_records() does -


def _weekly_summary() -> statements.Summary:
    text = (EXAMPLES / "synthetic-weekly-summary.csv").read_text(encoding="utf-8")
    return statements.summarize(
        statements.parse(text), rates=ExchangeRate("USD", "PKR", "280"), tax="standard"
    )


def test_weekly_summary_row_and_total_records_hold_none_as_to_records_does() -> None:
    """Before, rows[0].record() and total.record() gave 0.00 fees and net = gross."""
    summary = _weekly_summary()
    (record,) = summary.to_records()
    row = summary.rows[0].record()
    total = summary.total.record()
    assert summary.rows[0].earnings_only is True
    assert summary.total.earnings_only is True
    for key, value in row.items():
        assert value == record[key], key
    for key in ("service_fees", "refunds", "net", "withdrawn", "change"):
        assert row[key] is None
        assert total[key] is None
    assert row["gross"] == total["gross"] == Decimal("475.00")
    assert isinstance(total["gross"], Decimal)


def test_weekly_summary_rupee_figures_are_none() -> None:
    """Before, Summary.net_pkr was the gross in rupees (PKR 133,000.00)."""
    summary = _weekly_summary()
    assert summary.rows[0].rate is not None
    assert summary.net_pkr is None
    assert summary.withdrawn_pkr is None
    assert summary.tax_pkr is None
    assert summary.rows[0].net_pkr is None


def test_other_exports_rupee_figures_and_records_are_kept() -> None:
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    summary = statements.summarize(statements.parse(text), rates=ExchangeRate("USD", "PKR", "280"))
    assert all(not row.earnings_only for row in summary.rows)
    assert isinstance(summary.net_pkr, Money)
    assert isinstance(summary.total.record()["net"], Decimal)


def test_a_summary_whose_rows_disagree_with_its_format_is_refused() -> None:
    summary = _weekly_summary()
    plain = attrs.evolve(summary.rows[0], earnings_only=False)
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(summary, rows=[plain])
    assert caught.value.field == "Summary.rows[0].earnings_only"
    assert caught.value.rule == "earnings only for a weekly summary, and for it only"
    report = statements.StatementFormat.TRANSACTIONS_REPORT
    with pytest.raises(InvalidValueError) as other:
        attrs.evolve(summary, format=report)
    assert other.value.field == "Summary.rows[0].earnings_only"


def test_a_weekly_summary_round_trips_with_its_rows_earnings_only() -> None:
    summary = _weekly_summary()
    loaded = serialize.from_dict(statements.Summary, serialize.to_dict(summary))
    assert loaded == summary
    assert loaded.rows[0].earnings_only is True
