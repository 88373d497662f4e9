"""Regression tests for the r22 exports red team (M1, L1 to L5).

Each test fails on the code the report read (88a65c4) and pins the fix:
errors are checked by type, ``field``, ``rule`` and values, not whole texts.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

from test_statements import REPORT
from test_statements_exports import history, report, table
from upwork_safety import Money, serialize, statements
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.money import MAX_DIGITS
from upwork_safety.statements import (
    MAX_FIELD_CHARS,
    Statement,
    audit_fees,
    parse,
    to_contracts,
)

# ============================================================================ M1: NUL in code


def _report() -> Statement:
    return parse(
        report(
            [
                ("Jul 15, 2024", "7100007", "Fixed-price", "100.00", "Northwind", "Shop"),
                ("Jul 16, 2024", "7100008", "Connects", "-1.50", "", "Purchased 10 Connects"),
            ]
        )
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Purchased\x00 10 Connects"),
        ("contract", "Sh\x00op"),
        ("client", "North\x00wind"),
        ("type_text", "Connects\x00"),
        ("id", "71\x0000008"),
        ("related_id", "\x007100007"),
    ],
)
def test_a_transaction_built_in_code_refuses_a_nul_as_the_reader_does(field, value):
    """r22 M1: a NUL loaded; the reader refuses it in a file ("not a text export")."""
    row = _report().transactions[1]
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(row, **{field: value})
    assert caught.value.field == f"Transaction.{field}"
    assert caught.value.rule == "text"
    assert "NUL" in str(caught.value)


def test_an_extra_column_refuses_a_nul_too():
    row = _report().transactions[1]
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(row, extra=(("Payment Method", "Bank\x00"),))
    assert caught.value.field == "Transaction.extra[0][1]"
    assert caught.value.rule == "text"


def test_a_statement_loaded_from_json_with_a_nul_is_refused_at_its_path():
    """r22 M1: from_json loaded a description holding a NUL."""
    saved = json.loads(serialize.to_json(_report()))
    saved["transactions"][1]["description"] = "Purchased\x00 10 Connects"
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Statement, json.dumps(saved))
    (problem,) = caught.value.problems
    assert problem.path == "$.transactions[1].description"
    assert problem.rule == "text"


def test_the_reader_and_the_constructor_name_the_same_rule_for_a_nul():
    # The NUL goes in after the CSV is written: Python 3.10's csv writer refuses to write one.
    written = report([("Jul 15, 2024", "7100007", "Fixed-price", "100.00", "Northwind", "ShNULop")])
    text = written.replace("ShNULop", "Sh\x00op")
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert problem.path == "line 2"
    assert problem.rule == "text"


def test_text_a_file_can_give_still_loads():
    """The rule refuses NUL only: a control character a file can hold still loads."""
    row = _report().transactions[1]
    assert attrs.evolve(row, description="Purchased \x1b[2J").description == "Purchased \x1b[2J"


# ============================================================================ L3: cell limit


def test_a_cell_past_the_limit_is_refused_with_its_rule():
    """r22 L3: parse's problem for a 2,001-character cell had rule None."""
    long = "D" * (MAX_FIELD_CHARS + 1)
    text = report([("Jul 15, 2024", "7100007", "Fixed-price", "100.00", "Northwind", long)])
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert problem.path == "line 2, column 4 (Transaction Summary)"
    assert problem.rule == "at most 2,000 characters"
    assert "2,001" in problem.message
    # The constructor names the same rule for the same text.
    with pytest.raises(InvalidValueError) as built:
        attrs.evolve(_report().transactions[0], contract=long)
    assert built.value.field == "Transaction.contract"
    assert built.value.rule == problem.rule


def test_a_cell_at_the_limit_reads():
    text = report(
        [("Jul 15, 2024", "7100007", "Fixed-price", "100.00", "Northwind", "D" * MAX_FIELD_CHARS)]
    )
    assert len(parse(text).transactions[0].contract) == MAX_FIELD_CHARS


def test_the_documented_limits_name_the_cell_and_line_limits():
    """r22 L3: docs/statements.md's limits left out MAX_FIELD_CHARS and MAX_LINES."""
    docs = (
        (Path(__file__).resolve().parent.parent / "docs" / "statements.md")
        .read_text(encoding="utf-8")
        .split("## The limits, in one place", 1)[1]
    )
    assert "MAX_FIELD_CHARS" in docs
    assert "MAX_LINES" in docs


# ============================================================================ L2: long amounts


@pytest.mark.parametrize(
    "amount", ["1000000000.00", "1234567890123456789.00", "-" + "1" * 30 + ".00", "1" * 19]
)
def test_an_amount_past_the_limit_is_refused_by_the_size_rule_however_long(amount):
    """r22 L2: 19 or more digits fell through to "not an amount: expected ASCII digits"."""
    text = report([("Jul 15, 2024", "7100007", "Fixed-price", amount, "Northwind", "Shop")])
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    amount_problem = next(p for p in caught.value.problems if "Amount $" in p.path)
    assert amount_problem.path == "line 2, column 15 (Amount $)"
    assert "beyond any Upwork amount" in amount_problem.message
    assert f"below {statements.MAX_AMOUNT:,} USD" in amount_problem.message
    assert "not an amount" not in amount_problem.message


def test_more_decimal_places_than_any_amount_is_refused_as_more_than_cents():
    text = report(
        [("Jul 15, 2024", "7100007", "Fixed-price", "1." + "5" * 19, "Northwind", "Shop")]
    )
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    amount_problem = next(p for p in caught.value.problems if "Amount $" in p.path)
    assert "more than 2 decimal places" in amount_problem.message


@pytest.mark.parametrize(
    ("local", "side"), [("1" * 19 + ".00", "before"), ("1." + "5" * 19, "after")]
)
def test_a_local_amount_past_the_digits_of_any_amount_says_so(local, side):
    """r22 L2: the same fall-through in ``Amount in local currency``."""
    text = table(
        REPORT,
        [
            {
                "Date": "Jul 15, 2024",
                "Transaction ID": "7100007",
                "Transaction Type": "Fixed-price",
                "Transaction Summary": "Shop",
                "Team": "Northwind",
                "Amount $": "100.00",
                "Amount in local currency": local,
                "Currency": "PKR",
                "Current Balance $": "100.00",
            }
        ],
    )
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert problem.path == "line 2, column 16 (Amount in local currency)"
    assert f"more than {MAX_DIGITS} digits {side} the decimal point" in problem.message
    assert "not an amount" not in problem.message


def test_text_that_is_not_an_amount_is_still_called_so():
    text = report([("Jul 15, 2024", "7100007", "Fixed-price", "1e3", "Northwind", "Shop")])
    with pytest.raises(InvalidDataError) as caught:
        parse(text)
    assert "is not an amount" in caught.value.problems[0].message


# ============================================================================ L4: --contract-rate

REPORT_CSV = (
    Path(__file__).resolve().parent.parent / "docs/examples/synthetic-transactions-report.csv"
)


@pytest.mark.parametrize("given", ["Shop landing page", "Shop 15%", "Shop:15%"])
def test_a_contract_rate_without_its_equals_sign_asks_for_title_equals_rate(capsys, given):
    """r22 L4: ``--contract-rate Shop`` said the title "is not a rate"."""
    with pytest.raises(SystemExit) as info:
        main(["statement", str(REPORT_CSV), "--audit", "--contract-rate", given])
    err = capsys.readouterr().err.strip().splitlines()
    assert 2 == info.value.code
    assert 1 == len(err)
    assert err[0].startswith("upwork-safety statement: error: argument --contract-rate: ")
    assert "TITLE=RATE" in err[0]
    assert "no '=RATE'" in err[0]
    assert "is not a rate" not in err[0]


def test_a_bare_rate_still_asks_for_its_title(capsys):
    code = main(
        ["statement", str(REPORT_CSV), "--audit", "--contract-rate", "15%"], out=io.StringIO()
    )
    assert 2 == code
    assert "--contract-rate needs a contract title: TITLE=RATE" in capsys.readouterr().err


def test_a_title_with_its_rate_is_still_read(capsys):
    out = io.StringIO()
    code = main(
        [
            "statement",
            str(REPORT_CSV),
            "--audit",
            "--json",
            "--contract-rate",
            "Shop landing page=10%",
        ],
        out=out,
    )
    assert 0 == code, capsys.readouterr().err
    assert json.loads(out.getvalue())["fee_audit"] is not None


# ============================================================================ L1: two Ref IDs


def _two_ids_history(second_fee: str) -> Statement:
    return parse(
        history(
            [
                ("Mar 01, 2024", "900001", "Hourly", "100.00", "Acme", "Invoice for week 1"),
                ("Mar 01, 2024", "900002", "Fixed Price", "300.00", "Acme", "Milestone 2"),
                (
                    "Mar 01, 2024",
                    "900003",
                    "Service Fee",
                    "-10.00",
                    "Acme",
                    "Service Fee for Ref ID 900001",
                ),
                ("Mar 01, 2024", "900004", "Service Fee", "-30.00", "Acme", second_fee),
            ]
        )
    )


def test_a_fee_naming_two_ref_ids_is_joined_to_neither_and_not_checked():
    """r22 L1: it was joined to the first id, and the audit reported "overcharged USD 30.00"."""
    statement = _two_ids_history("Service Fee for Ref ID 900001 (Ref ID 900002)")
    fee = next(row for row in statement.transactions if row.id == "900004")
    assert fee.related_id is None
    audit = audit_fees(statement)
    assert [] == list(audit.mismatches)
    assert Money("0.00", "USD") == audit.overcharged
    (check,) = audit.checks
    assert ("900001", Money("10.00", "USD")) == (check.income.id, check.charged)
    (unchecked,) = audit.not_checked
    assert unchecked.fee is fee
    assert "'900001', '900002'" in unchecked.reason
    assert ["900002"] == [row.id for row in audit.income_without_fee]


def test_a_fee_naming_one_ref_id_twice_is_still_joined():
    statement = _two_ids_history("Service Fee for Ref ID 900002 (Ref ID 900002)")
    fee = next(row for row in statement.transactions if row.id == "900004")
    assert "900002" == fee.related_id
    audit = audit_fees(statement)
    assert 2 == len(audit.checks)
    assert [] == list(audit.not_checked)


def test_a_report_row_naming_two_ref_ids_in_its_descriptions_names_neither():
    text = table(
        REPORT,
        [
            {
                "Date": "Jul 16, 2024",
                "Transaction ID": "",
                "Transaction Type": "Service Fee",
                "Transaction Summary": "Shop",
                "Transaction Summary Details": "Service Fee for Ref ID 7100007",
                "Description 1": "Ref ID 7100008",
                "Team": "Northwind",
                "Amount $": "-10.00",
                "Current Balance $": "90.00",
            },
            {
                "Date": "Jul 15, 2024",
                "Transaction ID": "7100007",
                "Transaction Type": "Fixed-price",
                "Transaction Summary": "Shop",
                "Team": "Northwind",
                "Amount $": "100.00",
                "Current Balance $": "100.00",
            },
        ],
    )
    statement = parse(text)
    fee = statement.transactions[1]
    assert fee.related_id is None
    (unchecked,) = audit_fees(statement).not_checked
    assert unchecked.fee is fee
    assert "'7100007', '7100008'" in unchecked.reason


# ============================================================================ L5: weekly titles


def _weekly(*rows: str) -> Statement:
    head = '"Date","Contract","Hours","Amount","Payment type"\r\n'
    return parse(head + "".join(row + "\r\n" for row in rows))


def test_a_weekly_contract_id_under_two_titles_is_refused_naming_both():
    """r22 L5: to_contracts kept the first title and dropped the second, silently."""
    statement = _weekly(
        '"2024-09-02","API integration (38100001)","2.5","62.5",""',
        '"2024-09-03","Mobile app rebuild (38100001)","2.5","62.5",""',
    )
    with pytest.raises(InvalidValueError) as caught:
        to_contracts(statement)
    assert caught.value.field == "statement"
    assert caught.value.rule == "one title per contract id"
    said = str(caught.value)
    for named in ("'38100001'", "'API integration'", "'Mobile app rebuild'", "line 2", "line 3"):
        assert named in said


def test_a_weekly_contract_with_one_title_keeps_it():
    statement = _weekly(
        '"2024-09-02","API integration (38100001)","2.5","62.5",""',
        '"2024-09-03","API integration (38100001)","1","25",""',
        '"2024-09-03","Logo (38100002)","","40","Fixed Price Payment"',
    )
    by_id = {c.id: c for c in to_contracts(statement)}
    assert ("API integration", Money("87.50", "USD")) == (
        by_id["38100001"].title,
        by_id["38100001"].earnings,
    )
    assert "Logo" == by_id["38100002"].title
