"""From a statement's income rows to contracts the engines can run on (private)."""

from __future__ import annotations

from collections import defaultdict

from upwork_safety.errors import InvalidValueError
from upwork_safety.models import Client, Contract, ContractKind, Payment
from upwork_safety.money import exact
from upwork_safety.statements._model import (
    Statement,
    StatementFormat,
    Transaction,
    TransactionKind,
    check_statement,
)

_UNKNOWN = "unknown client"
_WORDS = {ContractKind.FIXED_PRICE: "fixed price", ContractKind.HOURLY: "hourly"}


def _named(text: str) -> str:
    """*text*, or ``""`` when it is only white space: no name, as an id may not be blank."""
    return text if text.strip() else ""


def _group(statement: Statement) -> dict[tuple[str, str], list[Transaction]]:
    """Income rows by (client, contract): what the export says identifies a contract.

    A client or title that is empty or only white space names none.
    """
    groups: dict[tuple[str, str], list[Transaction]] = defaultdict(list)
    for row in statement.transactions:
        if not row.is_income:
            continue
        if statement.format is StatementFormat.WEEKLY_SUMMARY:
            # Weekly rows always carry a contract id (parse refuses rows without one).
            contract_id = row.contract_id or ""
            key = (f"{_UNKNOWN} of contract {contract_id}", contract_id)
        elif statement.format is StatementFormat.TRANSACTIONS_REPORT:
            key = (_named(row.client) or _UNKNOWN, _named(row.contract))
        else:
            key = (_named(row.client) or _UNKNOWN, "")
        groups[key].append(row)
    return groups


def _by_kind(rows: list[Transaction]) -> dict[ContractKind, list[Transaction]]:
    """Split one group: hourly rows, fixed-price rows; bonuses join the hourly contract if any."""
    hourly = [r for r in rows if r.kind is TransactionKind.HOURLY]
    fixed = [r for r in rows if r.kind is TransactionKind.FIXED_PRICE]
    bonuses = [r for r in rows if r.kind is TransactionKind.BONUS]
    kinds: dict[ContractKind, list[Transaction]] = {}
    if hourly:
        kinds[ContractKind.HOURLY] = hourly + bonuses
    if fixed or not hourly:
        kinds[ContractKind.FIXED_PRICE] = fixed + ([] if hourly else bonuses)
    return kinds


@exact
def to_contracts(statement: Statement) -> tuple[Contract, ...]:
    """Group a statement's income rows into contracts with their payments.

    Each income row (fixed price, hourly, bonus) becomes a
    :class:`~upwork_safety.Payment` of its amount on its date, so the
    fee, JSS and checks engines can run on real history.  How rows are
    grouped depends on what the export says:

    * **Weekly summary**: by the contract id in parentheses after the title;
      the export names no client, so each contract gets a client of its own
      (``"unknown client of contract 38100001"``) and rehires cannot be seen.
    * **Transactions report**: by client (``Team``) and contract title
      (``Transaction Summary``); two contracts with one client under the same
      title become one.
    * **Transaction History**: this export names no contract, so by client
      and kind: every fixed-price contract with one client becomes one.

    Hourly rows make an hourly contract and fixed-price rows a fixed-price
    one; bonuses join the hourly contract of their group if there is one,
    else the fixed-price one.  Each contract starts on its first payment's
    date; ``ended`` and ``feedback`` are ``None``, because no export says
    when a contract ended or what the client wrote.  Refunds are not
    attached to contracts.  Ids are the contract id, else the title, else
    ``"<client>: <kind>"``, made unique with the client's name where needed;
    titles are the export's contract title where it writes one.  A client
    (``Team``) or title (``Transaction Summary``) that is empty or only
    white space names none: the client is ``"unknown client"``, and the
    contract is named by its client and kind.

    Args:
        statement: What :func:`parse` returned.

    Returns:
        The contracts, oldest first.

    Raises:
        InvalidTypeError: *statement* is not a Statement.
        InvalidValueError: An income row is negative (an adjustment), which a
            payment cannot hold; every such line is named.
    """
    statement = check_statement(statement)
    negative = [r for r in statement.transactions if r.is_income and r.amount.amount < 0]
    if negative:
        lines = ", ".join(
            f"line {r.line} ({r.type_text or r.kind.value} {r.amount})" for r in negative
        )
        raise InvalidValueError(
            f"to_contracts: negative income rows cannot be payments: {lines}; "
            "leave them out of the statement or handle them yourself",
            field="statement",
            rule="no negative income rows",
        )
    made: list[tuple[str, str, ContractKind, list[Transaction], bool]] = []
    for (client, contract), rows in _group(statement).items():
        kinds = _by_kind(rows)
        for kind, members in kinds.items():
            made.append((client, contract, kind, members, len(kinds) > 1))
    used: set[str] = set()
    contracts: list[Contract] = []
    # A weekly summary's group key is the contract id; its rows carry the title.
    weekly = statement.format is StatementFormat.WEEKLY_SUMMARY
    for client, contract, kind, members, split in made:
        first = members[0]
        base = first.contract_id or contract or f"{client}: {_WORDS[kind]}"
        if split and (first.contract_id or contract):
            base = f"{base} ({_WORDS[kind]})"
        ident = base if base not in used else f"{base} ({client})"
        number = 2
        while ident in used:
            ident = f"{base} ({client}) #{number}"
            number += 1
        used.add(ident)
        contracts.append(
            Contract(
                ident,
                Client(client, name="" if client.startswith(_UNKNOWN) else client),
                kind,
                min(r.on for r in members),
                payments=[Payment(r.on, r.amount) for r in sorted(members, key=lambda r: r.on)],
                title=first.contract if weekly else contract,
            )
        )
    return tuple(sorted(contracts, key=lambda c: (c.started, c.id)))
