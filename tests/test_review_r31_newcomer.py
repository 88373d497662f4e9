"""The newcomer pass of review round 31: each test pins one finding's fix."""

from __future__ import annotations

import pytest

from upwork_safety import ContractKind, Money, statements
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
        assert "text is a pandas.DataFrame" in str(caught.value)
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
