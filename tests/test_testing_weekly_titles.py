"""The weekly-summary strategy draws statements ``to_contracts`` accepts (red team r22 M1).

A weekly summary writes a contract's title beside each of its rows, and
``to_contracts`` refuses one contract id under two titles ("one title per
contract id"); the strategy drew each row's title on its own, so one id
could get two.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind
from upwork_safety._text import is_blank
from upwork_safety.statements import StatementFormat, to_contracts
from upwork_safety.testing import strategies as us


@settings(max_examples=100, deadline=None)
@given(
    us.statements(format=StatementFormat.WEEKLY_SUMMARY),
    st.sampled_from(ContractKind),
)
def test_every_drawn_weekly_summary_converts_to_contracts(statement, bonus_only):
    """Every drawn weekly summary gives one title per contract id, and converts."""
    titles: dict[str | None, set[str]] = {}
    for row in statement.transactions:
        if not is_blank(row.contract):
            titles.setdefault(row.contract_id, set()).add(row.contract)
    assert all(len(named) == 1 for named in titles.values())
    contracts = to_contracts(statement, bonus_only=bonus_only)
    assert isinstance(contracts, tuple)
    assert all(isinstance(contract, Contract) for contract in contracts)
    for contract in contracts:
        if contract.id in titles:
            assert {contract.title} == titles[contract.id]
