"""The newcomer pass of review round 31: each test pins one finding's fix."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from test_statements_exports import _contract_2024_to_2025
from upwork_safety import Contract, ContractKind, ExchangeRate, Money, fees, statements
from upwork_safety.cli import main
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.statements import StatementFormat

#: The header of a Transactions report, as the export writes it.
_REPORT_HEADER = (
    '"Date","Transaction ID","Transaction Type","Transaction Summary",'
    '"Transaction Summary Details","Description 1","Description 2","Description 3","Agency",'
    '"Freelancer","Team","Account Name","PO","Ref ID","Amount $","Amount in local currency",'
    '"Currency","Current Balance $","Payment Method"\r\n'
)


# F2: a DataFrame read from the export, passed as its text --------------------------------


def test_parse_and_format_of_refuse_a_dataframe_naming_the_text_to_pass():
    """A DataFrame is refused by name (its items are its column names), not read as a bad header."""
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"Date": ["Oct 01, 2025"], "Amount $": ["-0.99"]})
    for reader in (statements.parse, statements.format_of):
        with pytest.raises(InvalidTypeError) as caught:
            reader(frame)
        rule = "an Upwork CSV export (str or iterable of str lines)"
        assert ("text", rule) == (caught.value.field, caught.value.rule)
        # The type as the installed pandas names it (pandas.DataFrame, or pandas.core.frame.DataFrame).
        assert "DataFrame, whose items are its column names" in str(caught.value)
        assert "read_text(encoding='utf-8-sig')" in str(caught.value)


def test_format_of_still_reads_the_header_the_frame_came_from():
    """The export's own text is recognised: only the table is refused."""
    assert StatementFormat.TRANSACTIONS_REPORT is statements.format_of(_REPORT_HEADER)


# F3: a contract of bonus rows only, refused by to_contracts -------------------------------


def test_the_bonus_only_refusal_reads_as_one_sentence_for_a_client_without_titles():
    """Rows of a client with no contract title are "the contracts of" it: the verb agrees."""
    text = _REPORT_HEADER + (
        '"Jul 16, 2024","7100008","Bonus","","Bonus: launched a day early","","","","",'
        '"Ayesha Khan","Northwind Traders","Ayesha Khan","","7100008","50.00","50.00","USD",'
        '"50.00",""\r\n'
    )
    with pytest.raises(InvalidValueError) as caught:
        statements.to_contracts(statements.parse(text))
    assert ("statement", "a contract kind the export shows") == (
        caught.value.field,
        caught.value.rule,
    )
    message = str(caught.value)
    assert "has only bonus rows for the contracts of 'Northwind Traders' (line 2)," in message
    assert " has only bonus rows in this statement" not in message
    contracts = statements.to_contracts(statements.parse(text), bonus_only=ContractKind.HOURLY)
    assert [(ContractKind.HOURLY, Money("50.00", "USD"))] == [
        (c.kind, c.earnings) for c in contracts
    ]


# F4: one dated rate for every period, dated outside them all ------------------------------

_TWO_MONTHS = _REPORT_HEADER + (
    '"Jun 10, 2025","8200001","Fixed Price","Logo","Invoice for Logo","","","","",'
    '"Bilal Ahmed","Acme","Bilal Ahmed","","8200001","100.00","","","100.00",""\r\n'
    '"Jul 20, 2025","8200002","Fixed Price","Logo","Invoice for Logo","","","","",'
    '"Bilal Ahmed","Acme","Bilal Ahmed","","8200002","100.00","","","200.00",""\r\n'
)


def test_one_rate_dated_outside_the_statements_periods_is_refused_as_the_mapping_is():
    """A single rate dated years before the statement is refused by the mapping's own rule."""
    statement = statements.parse(_TWO_MONTHS)
    old = ExchangeRate("USD", "PKR", "281.00", as_of=date(2019, 1, 1))
    with pytest.raises(InvalidValueError) as caught:
        statements.summarize(statement, by="month", rates=old)
    assert ("rates", "a period's rate dated within it") == (
        caught.value.field,
        caught.value.rule,
    )
    assert "2019-01-01" in str(caught.value)
    assert "(2025-06-01 to 2025-07-31)" in str(caught.value)
    after = ExchangeRate("USD", "PKR", "281.00", as_of=date(2025, 8, 1))
    with pytest.raises(InvalidValueError):
        statements.summarize(statement, by="month", rates=after)


def test_one_rate_dated_within_the_periods_or_undated_still_converts_every_period():
    """The span is the periods' own: a tax year's last day is in it, and undated is as given."""
    statement = statements.parse(_TWO_MONTHS)
    for rate in (
        ExchangeRate("USD", "PKR", "281.00", as_of=date(2025, 6, 1)),
        ExchangeRate("USD", "PKR", "281.00"),
    ):
        summary = statements.summarize(statement, by="month", rates=rate)
        assert Money("56200.00", "PKR") == summary.net_pkr
    end_of_tax_year = ExchangeRate("USD", "PKR", "281.00", as_of=date(2026, 6, 30))
    summary = statements.summarize(statement, by="tax_year", rates=end_of_tax_year)
    assert ["2024-25", "2025-26"] == [row.period for row in summary.rows]


# F7: the command line's names, and the Python ones -------------------------------------

_EXAMPLE_REPORT = Path(__file__).parent.parent / "docs/examples/synthetic-transactions-report.csv"


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main(list(argv), out=io.StringIO())
    assert 2 == caught.value.code
    return capsys.readouterr().err


def test_statement_by_takes_the_librarys_tax_year_spelling_too():
    """``--by tax_year`` (Python's by="tax_year") gives what ``--by tax-year`` gives."""
    outputs = []
    for spelling in ("tax-year", "tax_year"):
        out = io.StringIO()
        code = main(["statement", str(_EXAMPLE_REPORT), "--by", spelling, "--json"], out=out)
        assert 0 == code
        outputs.append(json.loads(out.getvalue()))
    assert outputs[0] == outputs[1]
    assert ["2023-24", "2024-25"] == [row["period"] for row in outputs[0]["rows"]]


def test_statement_by_in_another_case_is_refused_with_the_period_meant(capsys):
    """``--by Month`` gets the library's hint, as ``by="Month"`` does in Python."""
    err = _refused(capsys, "statement", str(_EXAMPLE_REPORT), "--by", "Month")
    assert "argument --by:" in err
    assert "(did you mean 'month'?)" in err


def test_an_unknown_option_is_refused_naming_the_closest_one(capsys):
    """``fees --rate 15%``: fees spells the fee rate --fee-rate, and the refusal says so."""
    err = _refused(capsys, "fees", "500", "--on", "2026-03-06", "--rate", "15%")
    assert err.startswith("upwork-safety fees: error: unrecognized arguments: --rate 15%")
    assert "(did you mean --fee-rate?)" in err
    err = _refused(capsys, "fees", "500", "600")
    assert "did you mean" not in err


@pytest.mark.parametrize(
    ("args", "positional"),
    [
        (["fees", "--amount", "5"], "amount"),
        (["fees", "--amount=5"], "amount"),
        (["scan", "--message", "hi"], "message"),
    ],
)
def test_a_positional_argument_given_as_an_option_is_told_how_to_write_it(capsys, args, positional):
    """``fees --amount 5`` was told "did you mean --on?": amount takes no flag (diff review r33 4)."""
    err = _refused(capsys, *args)
    assert "did you mean" not in err
    assert f"({positional} is given without a flag: write upwork-safety {args[0]} <" in err


def test_an_argument_holding_a_space_is_not_read_as_an_option(capsys):
    """The refused arguments are the list argparse leaves, not its message split at spaces.

    One positional ``"note --fee-rat=15%"`` was split into ``note`` and ``--fee-rat=15%``
    and got "did you mean --fee-rate?" for an option never given (review r33, review 5).
    """
    err = _refused(capsys, "fees", "500", "--on", "2025-06-02", "note --fee-rat=15%")
    assert err.startswith("upwork-safety fees: error: unrecognized arguments: note --fee-rat=15%")
    assert "did you mean" not in err
    # Given as an argument of its own, the unknown option still gets its suggestion.
    err = _refused(capsys, "fees", "500", "--on", "2025-06-02", "note", "--fee-rat3=15%")
    assert err.startswith("upwork-safety fees: error: unrecognized arguments: note --fee-rat3")
    assert "(did you mean --fee-rate?)" in err


# F8: refusals that say what was meant -----------------------------------------------------


def test_audit_fees_names_the_title_meant_and_the_statements_titles():
    """A title in another case is named as the one meant; the statement's titles are listed."""
    statement = statements.parse(_EXAMPLE_REPORT.read_text(encoding="utf-8-sig"))
    with pytest.raises(InvalidValueError) as caught:
        statements.audit_fees(statement, rates={"shop landing page": "15%"})
    assert ("rates", "a contract title of the statement") == (
        caught.value.field,
        caught.value.rule,
    )
    message = str(caught.value)
    assert "(did you mean 'Shop landing page'?)" in message
    assert "its contracts are 'Shop landing page', 'API integration'" in message
    with pytest.raises(InvalidValueError) as caught:
        statements.audit_fees(statement, rates={"zzz": "15%"})
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "meant"), [("FIXED_PRICE", "'fixed_price'"), ("Hourly", "'hourly'")]
)
def test_a_kind_in_another_case_is_refused_naming_the_value_meant(text, meant):
    """Contract(kind="FIXED_PRICE") gets the case hint Money("1", "usd") gets."""
    with pytest.raises(InvalidValueError) as caught:
        Contract("c1", "acme", text, date(2026, 1, 5))
    assert ("Contract.kind", "a ContractKind") == (caught.value.field, caught.value.rule)
    assert f"(did you mean {meant}?)" in str(caught.value)


def test_a_day_given_as_text_is_refused_with_the_call_that_reads_it():
    """Contract(started="2026-01-05") says date.fromisoformat, not "(not a datetime)"."""
    with pytest.raises(InvalidTypeError) as caught:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, "2026-01-05")
    assert ("Contract.started", "a date") == (caught.value.field, caught.value.rule)
    message = str(caught.value)
    assert "date.fromisoformat('2026-01-05')" in message
    assert "not a datetime" not in message
    moment = datetime(2026, 1, 5, tzinfo=timezone.utc)
    with pytest.raises(InvalidTypeError) as caught:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, moment)
    assert "(not a datetime)" in str(caught.value)


# F11: the cosmetic slips ------------------------------------------------------------------


def test_one_contract_at_more_than_one_rate_is_one_contract_everywhere(tmp_path):
    """The table's caption and the command line say "1 contract", as the repr does."""
    text = _contract_2024_to_2025("150.00")
    audit = statements.audit_fees(statements.parse(text))
    assert "1 contract at more than one rate" in repr(audit)
    assert "1 contract at more than one rate" in audit._repr_html_()
    export = tmp_path / "report.csv"
    export.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert 0 == main(["statement", str(export), "--audit"], out=out)
    lines = [" ".join(line.split()) for line in out.getvalue().splitlines()]
    assert "more than one rate 1 contract" in lines
    assert "contract(s)" not in audit._repr_html_()


def test_a_comparison_shows_its_reference_rate_as_given_in_repr_and_table():
    """ExchangeRate("USD", "PKR", "280.10") is "at 280.10" in both, not "280.1" in one."""
    comparison = fees.compare_withdrawals(
        Money("900.00", "USD"),
        reference_rate=ExchangeRate("USD", "PKR", "280.10", as_of=date(2025, 6, 2)),
    )
    assert "<WithdrawalComparison USD 900.00 at 280.10:" in repr(comparison)
    assert "<caption>Withdrawing USD 900.00 at 280.10</caption>" in comparison._repr_html_()


def test_a_close_title_is_looked_for_among_short_titles_only():
    """difflib's cost grows with the square of a title's length (review r31, diff review 4).

    A title typed with one letter wrong is named as meant; a title longer than any contract
    title is given no close match (only one in another case), so a hostile statement of long
    titles is refused as fast as any other.
    """
    statement = statements.parse(_EXAMPLE_REPORT.read_text(encoding="utf-8-sig"))
    with pytest.raises(InvalidValueError) as caught:
        statements.audit_fees(statement, rates={"Shop landing pag": "15%"})
    assert "(did you mean 'Shop landing page'?)" in str(caught.value)
    long_title = "Landing page, " * 10
    row = (
        f'"Aug 19, 2024","7000001","Fixed-price","{long_title}","Milestone","","","","","A",'
        '"G","A","","7000001","10.00","","","10.00",""\r\n'
    )
    long_statement = statements.parse(_REPORT_HEADER + row)
    with pytest.raises(InvalidValueError) as caught:
        statements.audit_fees(long_statement, rates={long_title[:-3] + "X, ": "15%"})
    assert "did you mean" not in str(caught.value)
    with pytest.raises(InvalidValueError) as caught:  # another case: still named
        statements.audit_fees(long_statement, rates={long_title.upper(): "15%"})
    assert "did you mean" in str(caught.value)
