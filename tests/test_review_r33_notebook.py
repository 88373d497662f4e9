"""The notebook newcomer's smaller findings (review r33, notebook 4 and 5)."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, statements
from upwork_safety.errors import InvalidTypeError
from upwork_safety.statements import Transaction

HINT = "pass a date (e.g. value.date() for the day written)"


def _contract():
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 1, 5))


def _row(**changes):
    return attrs.evolve(
        Transaction(line=2, on=date(2026, 1, 5), kind="bonus", amount=Money("5.00", "USD")),
        **changes,
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda day: attrs.evolve(_contract(), ended=day), "Contract.ended"),
        (lambda day: attrs.evolve(_contract(), started=day), "Contract.started"),
        (lambda day: Payment(day, Money("5.00", "USD")), "Payment.on"),
        (lambda day: Milestone("m1", "Logo", Money("5.00", "USD"), due=day), "Milestone.due"),
        (lambda day: _row(on=day), "Transaction.on"),
    ],
)
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 14),  # naive, as a spreadsheet's date column
    ],
)
def test_a_datetime_in_a_date_field_says_to_pass_value_date(build, field, moment):
    """Every date field refuses a naive datetime with as_of='s hint: value.date() (notebook 4).

    An aware one is told to pass its UTC day (tests/test_review_r39_models.py).
    """
    with pytest.raises(InvalidTypeError) as caught:
        build(moment)
    assert (field, "a date") == (caught.value.field, caught.value.rule)
    assert HINT in str(caught.value)


def test_a_pandas_timestamp_in_contract_ended_says_to_pass_value_date():
    """The report's own call: attrs.evolve(contract, ended=pd.Timestamp(...))."""
    pandas = pytest.importorskip("pandas")
    stamp = pandas.Timestamp("2026-11-14")
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(_contract(), ended=stamp)
    assert ("Contract.ended", "a date") == (caught.value.field, caught.value.rule)
    assert "got Timestamp" in str(caught.value)
    assert HINT in str(caught.value)
    assert date(2026, 11, 14) == attrs.evolve(_contract(), ended=stamp.date()).ended


def test_a_line_break_in_a_statement_cell_shows_as_br():
    """A title with a quoted line break shows as <br>, not as a literal backslash-n (notebook 5)."""
    text = (
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
        '"Jan 05, 2026",1,Fixed Price,"Landing page,\nv2 <after feedback> & more",,,Acme,,,'
        "150.00,,,150.00\n"
    )
    html = statements.parse(text)._repr_html_()
    assert "Landing page,<br>v2 &lt;after feedback&gt; &amp; more" in html
    assert "\\n" not in html
    assert "<after feedback>" not in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a<br>b"),
        ("a\n\nb", "a<br><br>b"),
        ("a\rb", "a\\rb"),  # a lone carriage return is a control, still escaped
        ("a\n\x1b[2J<b>", "a<br>\\x1b[2J&lt;b&gt;"),
        ("a\u2028b", "a\\u2028b"),
    ],
)
def test_a_table_cell_breaks_lines_and_escapes_the_rest(text, expected):
    """Only \\n and \\r\\n become <br>; every other control and HTML stays escaped."""
    from upwork_safety._render import cell

    assert expected == cell(text)
