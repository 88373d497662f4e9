"""Round 38 diff review, findings 4 and 6: a weekly summary's unknown figures stay unknown."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from test_cli import run
from upwork_safety import ExchangeRate, Money, statements
from upwork_safety.errors import InvalidValueError
from upwork_safety.statements import SummaryRow
from upwork_safety.statements._summary import _MONEY_COLUMNS

#: The money columns but the earnings: what a weekly summary's row cannot know. Read from
#: the summary's own list, so a new column is tested without an edit here.
_FIGURES = tuple(name for name in _MONEY_COLUMNS if name != "gross")

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
WEEKLY = EXAMPLES / "synthetic-weekly-summary.csv"
HISTORY = EXAMPLES / "synthetic-transaction-history.csv"


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


def _as_json(record: dict[str, object]) -> dict[str, object]:
    """A record as ``--json`` writes it: dates in ISO, money with its currency, None as null."""
    out: dict[str, object] = {}
    for name, value in record.items():
        if isinstance(value, Decimal):
            out[name] = {"amount": str(value), "currency": "USD"}
        elif isinstance(value, date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


# --- diff review 4: statement --json writes what record() gives ---------------------------


def test_statement_json_of_a_weekly_summary_writes_unknown_figures_as_null():
    """Before, the CLI wrote 0.00 fees and net = change = gross where record() gives None."""
    code, dumped = run("statement", str(WEEKLY), "--json")
    assert code == 0
    document = json.loads(dumped)
    summary = statements.summarize(statements.parse(WEEKLY.read_text(encoding="utf-8")))
    row = document["rows"][0]
    assert row["gross"] == {"amount": "475.00", "currency": "USD"}
    for name in ("service_fees", "refunds", "net", "withdrawn", "change"):
        assert row[name] is None
    assert document["rows"] == [_as_json(r) for r in summary.to_records()]
    assert document["total"] == _as_json(summary.total.record())


@pytest.mark.parametrize("by", ["month", "tax-year"])
def test_statement_json_of_a_full_export_is_its_records(by: str) -> None:
    code, dumped = run("statement", str(HISTORY), "--json", "--by", by)
    assert code == 0
    document = json.loads(dumped)
    summary = statements.summarize(
        statements.parse(HISTORY.read_text(encoding="utf-8")),
        by=by.replace("-", "_"),
    )
    assert document["rows"] == [_as_json(r) for r in summary.to_records()]
    assert document["rows"][0]["net"] is not None


# --- diff review 6: an earnings_only row holds placeholders only ----------------------------


def _row(**figures: str) -> dict[str, object]:
    columns = dict.fromkeys(_FIGURES, "0")
    columns.update(figures)
    return {
        "period": "2024-07",
        "start": date(2024, 7, 1),
        "end": date(2024, 7, 31),
        "transactions": 3,
        "gross": _usd("500"),
        "rate": ExchangeRate("USD", "PKR", "278", as_of=date(2024, 7, 31)),
        **{name: _usd(value) for name, value in columns.items()},
    }


@pytest.mark.parametrize("column", _FIGURES)
def test_an_earnings_only_row_with_a_real_figure_is_refused(column: str) -> None:
    """Before, it was built and record() dropped the figure (net, change) as None."""
    with pytest.raises(InvalidValueError) as caught:
        SummaryRow(**_row(**{column: "-7.5" if column == "other" else "50"}), earnings_only=True)
    assert caught.value.field == f"SummaryRow.{column}"
    assert caught.value.rule == "zero for an earnings-only row"


def test_an_earnings_only_row_of_placeholders_is_built():
    row = SummaryRow(**_row(), earnings_only=True)
    assert row.net == row.change == row.gross == _usd("500")
    assert row.record()["gross"] == Decimal("500.00")
    assert row.record()["net"] is None


def test_a_full_row_keeps_its_figures():
    row = SummaryRow(**_row(service_fees="50", withdrawn="400"))
    assert row.net == _usd("450")
    assert row.record()["withdrawn"] == Decimal("400.00")
