"""From a statement's income rows to contracts the engines can run on (private)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._text import ID_RULE, id_problem, is_blank
from upwork_safety._validate import instance
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import Client, Contract, ContractKind, Payment
from upwork_safety.money import exact
from upwork_safety.statements._kinds import StatementFormat, TransactionKind, signed_text
from upwork_safety.statements._pay_day import invoiced_week
from upwork_safety.statements._statement import Statement, check_statement

if TYPE_CHECKING:
    from collections.abc import Container
    from datetime import date

    from upwork_safety.statements._model import Transaction

_UNKNOWN = "unknown client"
_WORDS = {ContractKind.FIXED_PRICE: "fixed price", ContractKind.HOURLY: "hourly"}


def client_of(
    client: str, contract: str, kind: ContractKind, teams: Container[str] = frozenset()
) -> Client:
    """The client of a contract made of one group's rows: the one the export names, or its own.

    The one rule for rows whose export names no client (review r36, 2): such a
    client is nobody in particular, so each contract group gets an unknown
    client of its own, named after the contract (*contract*: its id in a weekly
    summary, its title in a Transactions report), or after its kind when the
    export names no contract either: ``"unknown client of contract 38100001"``,
    ``"unknown client of the untitled hourly contract"``.  The engines then
    see no rehire and no shared client between contracts the export does not
    tie together (one client for all of them made every one a rehire to JSS).

    A made-up id is never a real client's (review r37, hostile 7): where one
    of *teams* already reads so (a Team written ``unknown client of contract
    Logo``), it is numbered, ``"unknown client #2 of contract Logo"`` (or
    ``#3``, ...), a form no other made-up id takes, so it is the client of
    that one contract group still.

    Args:
        client: The client's name, ``""`` when the export names none.
        contract: What names the contract in the export (its id, else its
            title), ``""`` when nothing does.
        kind: The contract's kind.
        teams: The clients the export names (its ``Team`` texts), which a
            made-up id must not be.
    """
    if client:
        return Client(client, name=client)
    whose = f"of contract {contract}" if contract else f"of the untitled {_WORDS[kind]} contract"
    ident = f"{_UNKNOWN} {whose}"
    number = 2
    while ident in teams:
        ident = f"{_UNKNOWN} #{number} {whose}"
        number += 1
    return Client(ident, name="")


def _named(text: str) -> str:
    """*text*, or ``""`` when it shows nothing (:func:`is_blank`, the rule ids follow): no name."""
    return "" if is_blank(text) else text


def _refuse_unwritten_ids(groups: dict[tuple[str, str], list[Transaction]]) -> None:
    """Refuse a ``Team`` or title that would make an id not written as it shows (review r39, 2).

    The rows hold their cells as the export writes them; a client's name and
    a contract's title become a :class:`~upwork_safety.Client`'s and a
    :class:`~upwork_safety.Contract`'s id, which are compared as written, so
    ``"Acme "`` would be a second client.  Such a cell is refused here, naming
    its line, by the rule every id keeps (:data:`~upwork_safety._text.ID_RULE`),
    never stripped.
    """
    for (client, contract), rows in groups.items():
        for what, text in (("client (Team)", client), ("contract title", contract)):
            problem = id_problem(text) if text else None
            if problem is not None:
                raise InvalidValueError(
                    f"to_contracts: the {what} {shown(text)} on line {rows[0].line} {problem}: "
                    "it becomes an id, and ids are compared as written, so it is refused, not "
                    "stripped; give its rows the text as it shows (attrs.evolve) first",
                    field="statement",
                    rule=ID_RULE,
                )


def _group(statement: Statement) -> dict[tuple[str, str], list[Transaction]]:
    """Income rows by (client, contract): what the export says identifies a contract.

    A client or title that shows nothing (:func:`is_blank`) names none: ``""``
    (:func:`client_of` gives such a group its client).
    """
    groups: dict[tuple[str, str], list[Transaction]] = defaultdict(list)
    for row in statement.transactions:
        if not row.is_income:
            continue
        if statement.format is StatementFormat.WEEKLY_SUMMARY:
            # Weekly rows always carry a contract id (parse refuses rows without one).
            contract_id = row.contract_id or ""
            key = ("", contract_id)  # the export names no client
        elif statement.format is StatementFormat.TRANSACTIONS_REPORT:
            key = (_named(row.client), _named(row.contract))
        else:
            key = (_named(row.client), "")
        groups[key].append(row)
    return groups


#: How many contracts of bonuses only a refusal names before saying how many more.
_NAMED = 5


def _by_kind(
    rows: list[Transaction], bonus_only: ContractKind | None
) -> dict[ContractKind, list[Transaction]] | None:
    """Split one group: hourly rows, fixed-price rows; bonuses join the hourly contract if any.

    ``None`` for a group of bonuses only, unless *bonus_only* says its kind:
    a bonus is paid on hourly and fixed-price contracts alike.
    """
    hourly = [r for r in rows if r.kind is TransactionKind.HOURLY]
    fixed = [r for r in rows if r.kind is TransactionKind.FIXED_PRICE]
    bonuses = [r for r in rows if r.kind is TransactionKind.BONUS]
    if not hourly and not fixed:
        return None if bonus_only is None else {bonus_only: bonuses}
    kinds: dict[ContractKind, list[Transaction]] = {}
    if hourly:
        kinds[ContractKind.HOURLY] = hourly + bonuses
    if fixed:
        kinds[ContractKind.FIXED_PRICE] = fixed + ([] if hourly else bonuses)
    return kinds


def _bonus_only_error(
    statement: Statement, groups: list[tuple[tuple[str, str], list[Transaction]]]
) -> InvalidValueError:
    """The refusal of contracts whose rows are bonuses only, naming each (a few) by its lines."""
    named = []
    for (client, contract), rows in groups[:_NAMED]:
        lines = ", ".join(str(r.line) for r in rows[:_NAMED])
        lines += f" and {len(rows) - _NAMED} more" if len(rows) > _NAMED else ""
        if statement.format is StatementFormat.WEEKLY_SUMMARY:
            what = f"contract {shown(rows[0].contract_id)}"
        elif contract:
            what = f"contract {shown(contract)} of {shown(client or _UNKNOWN)}"
        else:
            what = f"the contracts of {shown(client or _UNKNOWN)}"
        named.append(f"{what} (line{'s' if len(rows) > 1 else ''} {lines})")
    more = f" and {len(groups) - _NAMED} more" if len(groups) > _NAMED else ""
    return InvalidValueError(
        f"to_contracts: this statement has only bonus rows for {'; '.join(named)}{more}, "
        "and a bonus is paid on hourly and fixed-price "
        "contracts alike, so the export does not say which kind it is (an hourly contract "
        "whose hours fall outside the download looks the same); download a longer period, "
        "or say the kind with bonus_only=ContractKind.HOURLY or ContractKind.FIXED_PRICE",
        field="statement",
        rule="a contract kind the export shows",
    )


def _weekly_titles(groups: dict[tuple[str, str], list[Transaction]]) -> dict[str, str]:
    """Each weekly contract id's one title (``""`` for none), or a refusal naming two.

    A weekly summary writes the title beside each row's contract id; the rows
    of one id giving two titles contradict each other, and a contract holds
    one title, so neither is kept over the other (red team r22 L5).  A title
    that shows nothing names none.
    """
    titles: dict[str, str] = {}
    for (_client, contract_id), rows in groups.items():
        named: dict[str, Transaction] = {}
        for row in rows:
            if _named(row.contract):
                named.setdefault(row.contract, row)
        if len(named) > 1:
            (one, first), (other, second) = list(named.items())[:2]
            more = f" and {len(named) - 2} more" if len(named) > 2 else ""
            raise InvalidValueError(
                f"to_contracts: contract {shown(contract_id)} has the title {shown(one)} on "
                f"line {first.line} and {shown(other)} on line {second.line}{more}: a contract "
                "has one title, so the export does not say which is this contract's; if they "
                "are one contract, give its rows one title (attrs.evolve) first",
                field="statement",
                rule="one title per contract id",
            )
        titles[contract_id] = next(iter(named), "")
    return titles


_SPLIT_RULE = "whole days, at least one"


def _gap(value: object) -> timedelta:
    """*split_after* if a timedelta of whole days, at least one, else an error naming it."""
    if not isinstance(value, timedelta):
        raise InvalidTypeError(
            f"split_after must be a timedelta, not {type(value).__name__} "
            "(timedelta(days=30): a gap after which a payment starts a new contract)",
            field="split_after",
            rule="a timedelta",
        )
    if value < timedelta(days=1) or value % timedelta(days=1):
        raise InvalidValueError(
            f"split_after must be whole days, at least one, not {shown(value)}: payments are "
            "dated by the day, so a gap is a number of days",
            field="split_after",
            rule=_SPLIT_RULE,
        )
    return value


def _parts(rows: list[Transaction], split_after: timedelta | None) -> list[list[Transaction]]:
    """*rows* by date, cut wherever a payment is more than *split_after* after the one before."""
    ordered = sorted(rows, key=lambda r: r.on)
    if split_after is None:
        return [ordered]
    parts = [[ordered[0]]]
    for row in ordered[1:]:
        if row.on - parts[-1][-1].on > split_after:
            parts.append([row])
        else:
            parts[-1].append(row)
    return parts


@exact
def to_contracts(
    statement: Statement,
    *,
    bonus_only: ContractKind | None = None,
    split_after: timedelta | None = None,
) -> tuple[Contract, ...]:
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
      title become one (see *split_after*).
    * **Transaction History**: this export names no contract, so by client
      and kind: every fixed-price contract with one client becomes one.

    Hourly rows make an hourly contract and fixed-price rows a fixed-price
    one; bonuses join the hourly contract of their group if there is one,
    else the fixed-price one.  A group of bonuses only (an hourly contract
    whose hours fall outside the download looks so) has no kind the export
    shows: it is refused unless *bonus_only* gives one.  Each contract starts on its first payment's
    date, but an hourly one on the Monday of the earliest week its invoices
    bill when that is earlier: a Transactions report
    or Transaction History dates an hourly invoice the Monday after the week
    it pays for (:func:`invoiced_week` reads the week), so the contract can
    hold that week's Work Diary; a row whose week is not readable, and a
    weekly summary's row (a day worked), count from their own date.  The
    payments are on their rows' dates, :attr:`~upwork_safety.models.PaymentKind.OTHER`
    (hourly pay's kind).  ``ended`` and ``feedback`` are ``None``, because no export says
    when a contract ended or what the client wrote.  Refunds are not
    attached to contracts.  Ids are the contract id, else the title, else
    ``"<client>: <kind>"``, made unique with the client's name where needed;
    titles are the export's contract title where it writes one (in a weekly
    summary, the one title the rows of a contract id give: rows of one id
    under two titles are refused, naming both).  A client
    (``Team``) or title (``Transaction Summary``) that is empty or only
    white space names none; one with white space at either end, or a line
    break, tab or invisible character, is refused (it would make an id
    that differs from the one it shows: ``"Acme "`` a second client), not
    stripped.  Rows with no client are nobody's in
    particular, so each contract group of them gets an unknown client of
    its own, named after its title (``"unknown client of contract Logo"``),
    or after its kind when it has none (``"unknown client of the untitled
    hourly contract"``): as in a weekly summary, no rehire and no shared
    client is made up between them; nor with a real client whose ``Team``
    reads the same: such a made-up id is numbered (``"unknown client #2 of
    contract Logo"``).  A contract with no title is named
    ``"unknown client: hourly"`` (or fixed price) by its kind.

    Where the export names no contract (a Transactions report, a
    Transaction History), a contract paid on more than one day may be
    several: a repeat client's jobs under one title are one contract here,
    which the jss model gives one outcome and a duration bonus.
    :func:`merged_contracts` names each such contract and says why; with
    *split_after*, a group's rows (bonuses too) start a new contract
    wherever the next payment is more than that after the one before, and
    each part is named after its first payment's day (``"Urdu translation
    (from 2025-03-07)"``).  Nothing is split unless you ask: the export does not
    say which, and a paused contract looks the same.

    Args:
        statement: What :func:`parse` returned.
        bonus_only: The kind of every contract whose rows in the statement
            are bonuses only, if you know it; ``None`` refuses them.
        split_after: A gap (whole days, at least one) after which a group's
            next payment starts a new contract; ``None`` (the default)
            splits nothing.  A weekly summary names each contract, so it is
            not split.

    Returns:
        The contracts, oldest first.

    Raises:
        InvalidTypeError: *statement* is not a Statement, or *bonus_only*
            is not a ContractKind, or *split_after* is not a timedelta.
        InvalidValueError: An income row is negative (an adjustment; written
            with a minus sign, ``-0.00`` included: the rows
            :attr:`~Transaction.signed_against_kind` marks), which a payment
            cannot hold; every such line is named.  Or, without
            *bonus_only*, a contract has only bonus rows: each is named
            with its lines (the first few).  Or, in a weekly summary, the
            rows of one contract id give two titles: the id, both titles
            and a line of each are named.  Or a client (``Team``) or a
            contract title, which become ids, has white space at either end,
            a line break, a tab or an invisible character (rule ``"no
            surrounding spaces, line breaks, tabs or invisible characters"``,
            field ``"statement"``): the text and a line are named.  Or
            *split_after* is not whole days, at least one.
    """
    return tuple(contract for contract, _ in _build(statement, bonus_only, split_after))


def _build(
    statement: Statement, bonus_only: ContractKind | None, split_after: timedelta | None
) -> list[tuple[Contract, list[Transaction]]]:
    """:func:`to_contracts`'s contracts, oldest first, each with the rows it was made of."""
    statement = check_statement(statement)
    if bonus_only is not None:
        bonus_only = instance(bonus_only, ContractKind, "bonus_only")
    if split_after is not None:
        split_after = _gap(split_after)
    # One sign rule with the notes' (``signed_against_kind``): an income row with a minus
    # sign, -0.00 included, which no Payment takes (red team r41, hostile 3).
    negative = [r for r in statement.transactions if r.is_income and r.signed_against_kind]
    if negative:
        lines = ", ".join(
            f"line {r.line} ({r.type_text or r.kind.value} {signed_text(r.amount)})"
            for r in negative
        )
        raise InvalidValueError(
            f"to_contracts: negative income rows cannot be payments: {lines}; "
            "leave them out of the statement or handle them yourself",
            field="statement",
            rule="no negative income rows",
        )
    made: list[tuple[str, str, ContractKind, list[Transaction], bool]] = []
    unknown: list[tuple[tuple[str, str], list[Transaction]]] = []
    groups = _group(statement)
    # A weekly summary's group key is the contract id; its rows carry the title.
    weekly = statement.format is StatementFormat.WEEKLY_SUMMARY
    titles = _weekly_titles(groups) if weekly else {}
    _refuse_unwritten_ids(groups)  # a weekly summary's key is its contract id, an id already
    for (client, contract), rows in groups.items():
        kinds = _by_kind(rows, bonus_only)
        if kinds is None:
            unknown.append(((client, contract), rows))
            continue
        for kind, members in kinds.items():
            made.append((client, contract, kind, members, len(kinds) > 1))
    if unknown:
        raise _bonus_only_error(statement, unknown)
    teams = {client for client, _ in groups if client}
    used: set[str] = set()
    built: list[tuple[Contract, list[Transaction]]] = []
    for client, contract, kind, rows, split in made:
        parts = _parts(rows, None if weekly else split_after)
        title = titles[contract] if weekly else contract
        built.extend(
            (
                _contract(
                    (client, contract, kind, members, split),
                    used,
                    title,
                    teams,
                    members[0].on if len(parts) > 1 else None,
                    export=statement.format,
                ),
                members,
            )
            for members in parts
        )
    return sorted(built, key=lambda made: (made[0].started, made[0].id))


def _work_from(row: Transaction, export: StatementFormat) -> date:
    """The first day the export says *row* pays work of (review r42, newcomer 4).

    An hourly invoice of a Transactions report or Transaction History is dated
    the Monday after the week it bills and names that week
    (:func:`invoiced_week`): its work can fall on any day from that week's
    Monday, so the contract is taken to start there and can hold the week's
    Work Diary (the export does not say on which day of the week it began).
    A weekly summary row is the day worked; any other row, or an invoice
    whose week is not readable, pays from its own date.
    """
    if export is StatementFormat.WEEKLY_SUMMARY:
        return row.on
    week = invoiced_week(row)
    return row.on if week is None else week.start.date()


def _contract(
    made: tuple[str, str, ContractKind, list[Transaction], bool],
    used: set[str],
    title: str,
    teams: set[str],
    part_from: date | None,
    *,
    export: StatementFormat,
) -> Contract:
    """One contract of a group's rows, its id unique among *used* (which it joins)."""
    client, contract, kind, members, split = made
    first = members[0]
    # In ids, a client the export does not name is "unknown client"; the
    # contract's client is client_of's, one of its own.
    label = client or _UNKNOWN
    base = first.contract_id or contract or f"{label}: {_WORDS[kind]}"
    if split and (first.contract_id or contract):
        base = f"{base} ({_WORDS[kind]})"
    if part_from is not None:
        base = f"{base} (from {part_from.isoformat()})"
    ident = base if base not in used else f"{base} ({label})"
    number = 2
    while ident in used:
        ident = f"{base} ({label}) #{number}"
        number += 1
    used.add(ident)
    return Contract(
        ident,
        client_of(client, first.contract_id or contract, kind, teams),
        kind,
        min(_work_from(r, export) for r in members),
        payments=[Payment(r.on, r.amount) for r in sorted(members, key=lambda r: r.on)],
        title=title,
    )


def _lines(rows: list[Transaction]) -> str:
    """The lines of *rows*, the first few, then how many more."""
    lines = sorted(r.line for r in rows)
    shown_lines = ", ".join(str(line) for line in lines[:_NAMED])
    return shown_lines + (f" and {len(lines) - _NAMED} more" if len(lines) > _NAMED else "")


def _why(contract: Contract, rows: list[Transaction], export: StatementFormat) -> str:
    """Why *contract*, paid on more than one day, may be several contracts."""
    days = sorted({r.on for r in rows})
    gap = max((later - earlier).days for earlier, later in itertools.pairwise(days))
    whose = (
        f"under the title {shown(contract.title)} with {shown(contract.client_id)}"
        if export is StatementFormat.TRANSACTIONS_REPORT and contract.title
        else f"of one kind with {shown(contract.client_id)}"
    )
    return (
        f"{len(rows)} payments on {len(days)} days from {days[0]} to {days[-1]} (lines "
        f"{_lines(rows)}), {whose}, the longest gap {gap} days: the export names no contract, "
        "so they may be several contracts; as one, the jss model gives them one outcome "
        "and one feedback, and weighs them by the whole time paid (a duration bonus); if "
        "they were several, split them with split_after=timedelta(days=...) or build the "
        "contracts yourself"
    )


@exact
def merged_contracts(
    statement: Statement,
    *,
    bonus_only: ContractKind | None = None,
    split_after: timedelta | None = None,
) -> dict[str, str]:
    """The contracts :func:`to_contracts` makes of rows that may be several contracts, and why.

    A Transactions report names no contract, only its title, so a repeat
    client's jobs under one title are one contract to :func:`to_contracts`
    (in a Transaction History, all the work of one kind with a client is).
    To the jss model one contract has one outcome (one feedback) and a
    weight that grows with the time it was paid over, so eight 5-star jobs
    a year apart score as one long contract, not eight.  The export does
    not say which it was; this names each contract it cannot vouch for:
    every one paid on more than one day, from an export that names no
    contract (a weekly summary names each, so it gives none).

    Called with the arguments given to :func:`to_contracts`, it speaks of
    the contracts that call made: with *split_after*, of each part still
    paid on more than one day.

    Args:
        statement: What :func:`parse` returned.
        bonus_only: As for :func:`to_contracts`.
        split_after: As for :func:`to_contracts`.

    Returns:
        Each such contract's id, with why, in words: its payments, days,
        lines, the longest gap between payments, and what merging does to
        the score; oldest first.

    Raises:
        InvalidTypeError: As :func:`to_contracts` does.
        InvalidValueError: As :func:`to_contracts` does.
    """
    built = _build(statement, bonus_only, split_after)
    if statement.format is StatementFormat.WEEKLY_SUMMARY:
        return {}
    return {
        contract.id: _why(contract, rows, statement.format)
        for contract, rows in built
        if len({r.on for r in rows}) > 1
    }
