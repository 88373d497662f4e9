"""Review r41: ids, money text and a row's sign (red team r41, hostile 2, 3 and 4).

* hostile 3: an income row written ``-0.00`` is signed the other way from its
  kind (``Decimal.is_signed``, the library's one rule for "negative"): the
  notes name it, and ``statements.to_contracts`` refuses it naming its line,
  in a Transaction History and in a weekly summary.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from upwork_safety import statements
from upwork_safety.errors import InvalidValueError

_HISTORY = (
    '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name","PO",'
    '"Amount","Amount in local currency","Currency","Balance"\n'
    '"Jan 10, 2023","900002","Fixed Price","Milestone 2","","A","Northwind","A","",'
    '"{amount}","{amount}","USD","{balance}"\n'
    '"Jan 09, 2023","900001","Fixed Price","Milestone 1","","A","Northwind","A","",'
    '"300.00","300.00","USD","300.00"\n'
)
_WEEKLY = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2024-09-02","API integration (38100001)","2.5","{amount}",""\n'
)


@pytest.mark.parametrize("export", [_HISTORY, _WEEKLY], ids=["history", "weekly"])
@pytest.mark.parametrize("amount", ["-0.00", "-62.50"])
def test_a_negative_income_row_is_noted_and_refused_by_its_line(export: str, amount: str) -> None:
    balance = Decimal("300.00") + Decimal(amount)
    statement = statements.parse(export.format(amount=amount, balance=balance))
    row = next(row for row in statement.transactions if row.line == 2)
    assert str(row.amount.amount) == amount  # kept as written
    assert row.is_income and row.signed_against_kind is True
    notes = [note for note in statements.summarize(statement).notes if "signed the other" in note]
    assert len(notes) == 1
    assert f"line 2: '{row.type_text}' USD {amount}" in notes[0]
    with pytest.raises(InvalidValueError) as caught:
        statements.to_contracts(statement)
    assert (caught.value.field, caught.value.rule) == ("statement", "no negative income rows")
    assert f"line 2 ({row.type_text or row.kind.value} USD {amount})" in str(caught.value)


@pytest.mark.parametrize("export", [_HISTORY, _WEEKLY], ids=["history", "weekly"])
def test_an_income_row_of_zero_is_not_signed_the_other_way(export: str) -> None:
    statement = statements.parse(export.format(amount="0.00", balance="300.00"))
    row = next(row for row in statement.transactions if row.line == 2)
    assert row.signed_against_kind is False
    assert not [n for n in statements.summarize(statement).notes if "signed the other" in n]
    assert statements.to_contracts(statement)
