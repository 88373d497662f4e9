"""Review r36: a local amount that contradicts its amount (1), and rows with no client (2).

1. ``Amount in local currency`` was checked only as a number and a currency code: a
   withdrawal of USD -500.00 written as +137,500 rupees, or a "local" USD amount that
   is not the USD amount, was accepted by ``parse``, ``Transaction(...)`` and
   ``serialize.from_dict``, and the docs' spread recipe then gave 199%.
2. ``to_contracts`` gave every row with no client the one client ``"unknown client"``,
   so JSS saw a rehire (a success) and one client (not eligible) the export never showed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import pytest

from upwork_safety import Feedback, Money, jss, serialize, statements
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.models import ContractKind
from upwork_safety.statements import Transaction, TransactionKind

REPORT = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)
HISTORY = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
DLB = "Direct to Local Bank (PKR)"
EARNED = '"Jul 01, 2024",1,Fixed-price,Site,,,,,,,Initech,,,,1900.00,,,1900.00,\n'


def _withdrawal(local: str, currency: str, amount: str = "-500.00") -> str:
    """A report of one payment and one withdrawal of *amount* with *local* in *currency*."""
    balance = Money("1900.00", "USD") + Money(amount, "USD")
    return (
        REPORT
        + f'"Aug 05, 2024",2,Withdrawal,,,,,,,,,,,,{amount},{local},{currency},'
        + f"{balance.amount},{DLB}\n"
        + EARNED
    )


def _refused(text: str) -> list[tuple[str | None, str | None, int | None]]:
    with pytest.raises(InvalidDataError) as info:
        statements.parse(text)
    return [(p.path, p.rule, p.line) for p in info.value.problems]


COLUMN = "line 2, column 16 (Amount in local currency)"


# 1. The local amount against the amount -------------------------------------------------


def test_parse_refuses_rupees_signed_against_the_withdrawal_at_their_cell() -> None:
    assert [(COLUMN, "the amount's sign", 2)] == _refused(_withdrawal("137500.00", "PKR"))


def test_parse_refuses_a_local_usd_amount_that_is_not_the_amount_at_its_cell() -> None:
    rule = "the amount itself, in the amount's currency"
    assert [(COLUMN, rule, 2)] == _refused(_withdrawal("-999.00", "USD"))


def test_the_refusal_says_what_the_cell_must_be() -> None:
    with pytest.raises(InvalidDataError) as info:
        statements.parse(_withdrawal("137500.00", "PKR"))
    (problem,) = info.value.problems
    assert problem.message.startswith("137500.00 PKR must be negative")
    assert "USD -500.00" in problem.message


@pytest.mark.parametrize(
    ("amount", "local", "currency"),
    [
        ("-500.00", "-137500.00", "PKR"),  # the docs' withdrawal: rupees of its sign
        ("-500.00", "-500.00", "USD"),  # the synthetic exports: USD rows give the amount
        ("-500.00", "-500", "USD"),  # the same amount, however many places are written
        ("0.00", "0.00", "PKR"),  # zero dollars are zero rupees
        ("0.00", "-0.00", "USD"),
    ],
)
def test_parse_keeps_a_local_amount_that_agrees(amount: str, local: str, currency: str) -> None:
    rows = statements.parse(_withdrawal(local, currency, amount)).transactions
    (row,) = [r for r in rows if r.kind is TransactionKind.WITHDRAWAL]
    assert row.local_amount is not None
    assert (Money(local, currency), currency) == (row.local_amount, row.local_amount.currency)


def test_the_synthetic_exports_still_parse_with_every_local_amount() -> None:
    """Every row of the shipped examples writes its USD amount again as its local amount."""
    for name in ("synthetic-transaction-history.csv", "synthetic-transactions-report.csv"):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        for row in statements.parse(text).transactions:
            assert row.local_amount in (None, row.amount)


def _row(amount: str, local: Money) -> Transaction:
    return Transaction(
        line=2, on=date(2024, 9, 2), kind="withdrawal", amount=Money(amount, "USD"),
        local_amount=local,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "local", "rule"),
    [
        ("-100.00", Money("999.00", "USD"), "the amount itself, in the amount's currency"),
        ("-100.00", Money("-100.01", "USD"), "the amount itself, in the amount's currency"),
        ("-100.00", Money("27500.00", "PKR"), "the amount's sign"),
        ("-100.00", Money("0.00", "PKR"), "the amount's sign"),
        ("0.00", Money("5.00", "PKR"), "the amount's sign"),
        ("100.00", Money("-27500.00", "PKR"), "the amount's sign"),
    ],
)
def test_transaction_refuses_a_local_amount_that_contradicts_its_amount(
    amount: str, local: Money, rule: str
) -> None:
    with pytest.raises(InvalidValueError) as info:
        _row(amount, local)
    assert ("Transaction.local_amount", rule) == (info.value.field, info.value.rule)
    assert str(local) in str(info.value)


def test_a_reversed_withdrawal_keeps_rupees_of_its_own_sign() -> None:
    """A withdrawal above zero (a reversal) is read as written: its rupees are above zero too."""
    row = _row("100.00", Money("27500.00", "PKR"))
    assert (TransactionKind.WITHDRAWAL, Money("27500.00", "PKR")) == (row.kind, row.local_amount)


def test_evolve_and_from_dict_keep_the_rule() -> None:
    good = statements.parse(_withdrawal("-137500.00", "PKR"))
    index, row = next(
        (i, r) for i, r in enumerate(good.transactions) if r.kind is TransactionKind.WITHDRAWAL
    )
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(row, local_amount=Money("-5.00", "USD"))
    assert "Transaction.local_amount" == info.value.field
    data = json.loads(json.dumps(serialize.to_dict(good)))
    data["transactions"][index]["local_amount"] = {"amount": "999.00", "currency": "USD"}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(type(good), data)
    assert [f"$.transactions[{index}].local_amount"] == [p.path for p in loaded.value.problems]
    assert good == serialize.from_dict(type(good), serialize.to_dict(good))


def test_the_history_checks_its_local_amounts_too() -> None:
    text = (
        HISTORY
        + '"Jul 24, 2023",2,Withdrawal,x,,,,,,-290.00,80000.00,PKR,10.00\n'
        + '"Jul 10, 2023",1,Fixed Price,m,,,Acme,,,300.00,300.00,USD,300.00\n'
    )
    assert [("line 2, column 11 (Amount in local currency)", "the amount's sign", 2)] == (
        _refused(text)
    )


# 2. Rows with no client ------------------------------------------------------------------


def _report(*rows: tuple[str, str, str, str, str]) -> statements.Statement:
    """A Transactions report of income rows (date, id, type, title, amount), no Team, newest first."""
    balance = sum(Money(row[4], "USD").amount for row in rows)
    lines = []
    for on, ident, kind, title, amount in rows:
        lines.append(f'"{on}",{ident},{kind},{title},,,,,,,,,,,{amount},,,{balance},\n')
        balance -= Money(amount, "USD").amount
    return statements.parse(REPORT + "".join(lines))


def test_contracts_without_a_client_each_get_a_client_of_their_own() -> None:
    statement = _report(
        ("Mar 01, 2024", "2", "Fixed-price", "Logo for bakery", "100.00"),
        ("Jan 01, 2024", "1", "Fixed-price", "Website for dentist", "200.00"),
    )
    assert [
        ("Website for dentist", "unknown client of contract Website for dentist", ""),
        ("Logo for bakery", "unknown client of contract Logo for bakery", ""),
    ] == [(c.id, c.client_id, c.client.name) for c in statements.to_contracts(statement)]


def test_jss_sees_no_made_up_rehire_and_two_clients() -> None:
    """The review's case: with 4.0 stars each contract is neutral, and two clients make a score."""
    statement = _report(
        ("Mar 01, 2024", "2", "Fixed-price", "Logo for bakery", "100.00"),
        ("Jan 01, 2024", "1", "Fixed-price", "Website for dentist", "200.00"),
    )
    done = [
        attrs.evolve(c, ended=date(2024, 3, 15), feedback=Feedback(stars="4.0"))
        for c in statements.to_contracts(statement)
    ]
    report = jss.score(done, as_of=date(2024, 6, 1))
    assert [jss.Outcome.NEUTRAL, jss.Outcome.NEUTRAL] == [i.outcome for i in report.impacts]
    assert not any("rehired" in reason for i in report.impacts for reason in i.reasons)
    assert 0 == report.score  # eligible now (two clients), and no success among the jobs


def test_the_history_gives_unnamed_hourly_and_fixed_price_work_a_client_each() -> None:
    text = (
        HISTORY
        + '"Feb 05, 2024",2,Hourly,Invoice,,,,,,40.00,,,70.00\n'
        + '"Jan 05, 2024",1,Fixed Price,Milestone 1,,,,,,30.00,,,30.00\n'
    )
    contracts = statements.to_contracts(statements.parse(text))
    assert [
        ("unknown client: fixed price", "unknown client of the untitled fixed price contract"),
        ("unknown client: hourly", "unknown client of the untitled hourly contract"),
    ] == [(c.id, c.client_id) for c in contracts]


def test_a_team_named_unknown_client_is_not_merged_with_rows_without_one() -> None:
    """Before, a Team written "unknown client" and an empty Team were one group, one contract."""
    text = (
        REPORT
        + '"Feb 05, 2024",2,Fixed-price,Site,,,,,,,,,,,40.00,,,70.00,\n'
        + '"Jan 05, 2024",1,Fixed-price,Site,,,,,,,unknown client,,,,30.00,,,30.00,\n'
    )
    contracts = statements.to_contracts(statements.parse(text))
    assert [
        ("Site", "unknown client", "unknown client"),
        ("Site (unknown client)", "unknown client of contract Site", ""),
    ] == [(c.id, c.client_id, c.client.name) for c in contracts]


def test_a_group_of_both_kinds_without_a_client_shares_its_one_client() -> None:
    """One title is one group: its hourly and fixed-price contracts share its unknown client."""
    statement = _report(
        ("Feb 05, 2024", "2", "Hourly", "Website", "40.00"),
        ("Jan 05, 2024", "1", "Fixed-price", "Website", "30.00"),
    )
    assert [
        ("Website (fixed price)", ContractKind.FIXED_PRICE, "unknown client of contract Website"),
        ("Website (hourly)", ContractKind.HOURLY, "unknown client of contract Website"),
    ] == [(c.id, c.kind, c.client_id) for c in statements.to_contracts(statement)]
