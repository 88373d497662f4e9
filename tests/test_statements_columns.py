"""Tests for upwork_safety.statements on the columns of an export's header (red team r18).

The Transactions report keeps columns beyond its 19 in ``extra``, as the
weekly summary keeps its added ones (one rule); a header still needs every
column of its own, once; a column with no name is named as such; and a
problem in the local-currency column is listed as often as in any other
amount column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest

from test_statements import HISTORY, REPORT
from upwork_safety.errors import InvalidDataError
from upwork_safety.statements import Statement, StatementFormat, audit_fees, parse, summarize

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
REPORT_TEXT = (EXAMPLES / "synthetic-transactions-report.csv").read_text("utf-8-sig")


def _rewritten(text: str, edit: object) -> str:
    """*text* with each CSV record passed through *edit* (header first), written back."""
    records = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, record in enumerate(records):
        writer.writerow(edit(index, record))  # type: ignore[operator]
    return buffer.getvalue()


def _with_column(name: str, value: str, *, at: int = 8) -> str:
    """The example report with a column *name* inserted at *at*, *value* on every row."""

    def edit(index: int, record: list[str]) -> list[str]:
        return [*record[:at], name if index == 0 else value, *record[at:]]

    return _rewritten(REPORT_TEXT, edit)


def test_a_transactions_report_with_an_added_column_is_read_and_keeps_it_in_extra():
    """r18 exports F1: 'Entered Description' (listed by a public importer) no longer refuses the file."""
    plain = parse(REPORT_TEXT)
    added = parse(_with_column("Entered Description", "typed by me"))
    first = added.transactions[0]
    assert "typed by me" == first.extra_value("Entered Description")
    assert ("Entered Description", "typed by me") in first.extra
    # Nothing else changes: the same rows, figures and fee audit.
    assert [t.amount for t in plain.transactions] == [t.amount for t in added.transactions]
    assert summarize(plain).total == summarize(added).total
    assert audit_fees(plain).overcharged == audit_fees(added).overcharged
    assert [attrs.evolve(t, extra=()) for t in plain.transactions] == [
        attrs.evolve(t, extra=()) for t in added.transactions
    ]


def test_an_added_column_empty_on_a_row_is_not_kept_there():
    """An added column keeps only non-empty cells, as every extra column does."""
    statement = parse(_with_column("Entered Description", ""))
    assert all(t.extra_value("Entered Description") is None for t in statement.transactions)


def test_a_statement_built_in_code_keeps_an_added_report_column():
    """The constructors keep what the reader keeps: an added column of the report, in extra."""
    row = parse(_with_column("Entered Description", "x")).transactions[0]
    statement = Statement(format=StatementFormat.TRANSACTIONS_REPORT, transactions=[row])
    assert "x" == statement.transactions[0].extra_value("Entered Description")


def test_a_report_missing_a_column_is_still_refused_even_with_an_added_one():
    """Added columns are allowed; a column of its own that is missing is still named."""
    position = REPORT.index("Payment Method")

    def edit(index: int, record: list[str]) -> list[str]:
        return [*record[:position], *record[position + 1 :], "Notes" if index == 0 else "n"]

    with pytest.raises(InvalidDataError) as info:
        parse(_rewritten(REPORT_TEXT, edit))
    (problem,) = info.value.problems
    assert 1 == problem.line
    assert "closest is the Transactions report (19 columns)" in problem.message
    assert "missing or repeated 'Payment Method'" in problem.message
    assert "besides its own columns 'Notes'" in problem.message
    assert "unexpected" not in problem.message


@pytest.mark.parametrize("name", ["Amount $", "  amount   $ ", "Client team"])
def test_a_report_with_a_column_twice_is_still_refused(name):
    """A column of its own named twice (in any case or spacing, or by its other name) is refused."""
    with pytest.raises(InvalidDataError) as info:
        parse(_with_column(name, "1.00"))
    (problem,) = info.value.problems
    own = "Team" if name == "Client team" else "Amount $"
    assert f"missing or repeated {own!r}" in problem.message


def test_two_added_columns_of_one_name_are_refused():
    """Each added column needs a name of its own, as in the weekly summary."""
    text = _with_column("Entered Description", "a", at=8)
    text = _rewritten(text, lambda i, r: [*r, "entered  description" if i == 0 else "b"])
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    (problem,) = info.value.problems
    assert "column 21 has the name of column 9" in problem.message


def test_a_trailing_comma_on_a_report_names_the_column_with_no_name():
    """r18 exports F5: a comma ending every line is 'column 20 has no name', not "unexpected ''"."""
    text = _rewritten(REPORT_TEXT, lambda _i, r: [*r, ""])
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    (problem,) = info.value.problems
    assert (1, True, False) == (
        problem.line,
        "column 20 has no name (a comma at the end of the header line?)" in problem.message,
        "''" in problem.message,
    )


def test_a_trailing_comma_on_the_older_history_names_the_column_with_no_name():
    """The older Transaction History takes no added columns; the refusal names the empty one."""
    text = (EXAMPLES / "synthetic-transaction-history.csv").read_text("utf-8")
    with pytest.raises(InvalidDataError) as info:
        parse(_rewritten(text, lambda _i, r: [*r, ""]))
    (problem,) = info.value.problems
    assert "closest is the Transaction History (13 columns)" in problem.message
    assert (
        "unexpected column 14 has no name (a comma at the end of the header line?)"
        in problem.message
    )


def test_an_unnamed_column_inside_the_history_header_gets_no_trailing_comma_hint():
    """Only the last column's missing name suggests a comma at the end of the line."""
    header = [*HISTORY[:3], "", *HISTORY[3:]]
    with pytest.raises(InvalidDataError) as info:
        parse(",".join(header) + "\n")
    (problem,) = info.value.problems
    assert "unexpected column 4 has no name" in problem.message
    assert "comma at the end" not in problem.message


def test_the_history_still_refuses_a_column_beyond_its_own():
    """The older export's two variants are told apart by their columns: it takes none added."""
    with pytest.raises(InvalidDataError) as info:
        parse(",".join([*HISTORY, "ExchangeRate"]) + "\n")
    (problem,) = info.value.problems
    assert "unexpected 'ExchangeRate'" in problem.message


def test_local_currency_problems_are_listed_three_times_like_other_amounts():
    """r18 exports F3: '$' amounts in every amount column are listed three times per column."""
    amounts = [REPORT.index(name) for name in ("Amount $", "Amount in local currency")]

    def edit(index: int, record: list[str]) -> list[str]:
        if index == 0:
            return record
        return [f"${cell}" if i in amounts and cell else cell for i, cell in enumerate(record)]

    with pytest.raises(InvalidDataError) as info:
        parse(_rewritten(REPORT_TEXT, edit))
    columns = [p.path.partition(", ")[2] for p in info.value.problems]
    assert 3 == columns.count("column 16 (Amount in local currency)")
    assert 3 == columns.count("column 15 (Amount $)")
    records = list(csv.reader(io.StringIO(REPORT_TEXT)))[1:]
    filled = [sum(1 for r in records if r[i]) for i in amounts]
    assert (19, 17) == tuple(filled)  # the example's rows; two have no local amount
    assert sum(filled) == info.value.count  # each problem counted once
    local = [p for p in info.value.problems if "local currency" in p.path]
    assert "the same problem in this column" in local[-1].message
