"""Tests for the keys of summarize's rates= mapping (red team r18, newcomer F10).

A key that is no period's label is refused, naming it and the statement's
periods; a key for a period the statement does not reach is accepted, so
one year-wide table of rates serves every statement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from upwork_safety import ExchangeRate, Money
from upwork_safety.errors import InvalidValueError
from upwork_safety.statements import parse, summarize

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
REPORT = parse((EXAMPLES / "synthetic-transactions-report.csv").read_text("utf-8-sig"))
RATE = ExchangeRate("USD", "PKR", "278.50")


def test_a_key_that_is_no_period_is_refused_naming_it_and_the_periods():
    """'2026/27' beside the right keys was ignored unseen; it is refused, naming both."""
    rates = {"2023-24": RATE, "2024-25": RATE, "2024/25": RATE}
    with pytest.raises(InvalidValueError) as info:
        summarize(REPORT, by="tax_year", rates=rates)
    error = info.value
    assert ("rates['2024/25']", "a key that is a period by tax_year") == (error.field, error.rule)
    assert "'2024/25'" in str(error)
    assert "the statement's periods are 2023-24, 2024-25" in str(error)


@pytest.mark.parametrize(
    ("by", "key"),
    [
        ("tax_year", "2024-2025"),
        ("tax_year", "2024-26"),  # not one tax year
        ("tax_year", "2024-07"),  # a month's label
        ("month", "2024-25"),  # a tax year's label
        ("month", "2024-7"),
        ("month", "2024-13"),
        ("month", "Jul 2024"),
        ("month", "0000-01"),
    ],
)
def test_each_kind_of_wrong_key_is_refused(by, key):
    """A key must be a label the summary itself writes for some period."""
    rates = {row.period: RATE for row in summarize(REPORT, by=by).rows} | {key: RATE}
    with pytest.raises(InvalidValueError) as info:
        summarize(REPORT, by=by, rates=rates)
    assert f"rates[{key!r}]" == info.value.field


def test_every_wrong_key_is_named():
    """Two typos are both named in one error."""
    rates = {"2024-06": RATE, "2024-07": RATE, "2024-08": RATE, "2024/07": RATE, "24-08": RATE}
    with pytest.raises(InvalidValueError) as info:
        summarize(REPORT, rates=rates)
    assert "keys '2024/07', '24-08' that are not a period" in str(info.value)


def test_a_year_wide_table_with_periods_the_statement_does_not_reach_is_accepted():
    """Rates for every month of 2023-2025 convert a statement of four months of 2024."""
    table = {f"{year}-{month:02d}": RATE for year in (2023, 2024, 2025) for month in range(1, 13)}
    summary = summarize(REPORT, rates=table)
    assert ["2024-05", "2024-06", "2024-07", "2024-08"] == [row.period for row in summary.rows]
    # net USD 1,439.00 and USD 1,400.00 withdrawn, at 278.50
    assert (Money("400761.50", "PKR"), Money("389900.00", "PKR")) == (
        summary.net_pkr,
        summary.withdrawn_pkr,
    )
    years = {"2022-23": RATE, "2023-24": RATE, "2024-25": RATE, "2025-26": RATE}
    by_year = summarize(REPORT, by="tax_year", rates=years)
    assert (["2023-24", "2024-25"], Money("400761.50", "PKR")) == (
        [row.period for row in by_year.rows],
        by_year.net_pkr,
    )
