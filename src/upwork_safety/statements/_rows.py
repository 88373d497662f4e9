"""Reading one record of an export into a :class:`Transaction`, every problem located (private).

:func:`_one_row` makes a :class:`Transaction` of one record that
:mod:`._parse` read, by the export's format: each cell is checked (a date,
a known type, a canonical amount, a contract's title and id, hours) and a
problem is reported at its line and column (:class:`_Row`); a constructor's
refusal that the checks let through is still a problem of the line.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._text import is_blank
from upwork_safety.errors import InvalidValueError, UpworkSafetyError
from upwork_safety.money import Money
from upwork_safety.statements import _formats, _kinds
from upwork_safety.statements._cells import cell_length_problem
from upwork_safety.statements._input import Problems
from upwork_safety.statements._kinds import INCOME_KINDS, StatementFormat, TransactionKind
from upwork_safety.statements._local import local_amount_problem
from upwork_safety.statements._model import (
    CONTRACT_ID_RULE,
    USD,
    Transaction,
    contract_id_problem,
    hours_problem,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date
    from decimal import Decimal

    from upwork_safety.statements._formats import FormatSpec


#: The columns each :class:`Transaction` field is read from, in the exports that have them.
_COLUMNS_OF: Mapping[str, tuple[str, ...]] = {
    "on": ("date",),
    "kind": ("type", "transaction_type", "payment_type"),
    "amount": ("amount",),
    "id": ("ref_id", "transaction_id"),
    "type_text": ("type", "transaction_type", "payment_type"),
    "description": ("description", "transaction_summary_details"),
    "balance": ("balance", "current_balance"),
    "client": ("team",),
    "contract": ("transaction_summary", "contract"),
    "contract_id": ("contract",),
    "hours": ("hours",),
    "local_amount": ("amount_in_local_currency",),
    "exchange_rate": ("exchangerate",),
}


class _Row:
    """One record being read: its cells by column key, and the problems it has."""

    def __init__(
        self,
        record: list[str],
        line: int,
        header: list[str],
        positions: dict[str, int],
        problems: Problems,
    ) -> None:
        self.record = record
        self.line = line
        self.header = header
        self.positions = positions
        self.problems = problems
        self.used: set[str] = set()
        self.ok = True

    def text(self, key: str) -> str:
        self.used.add(key)
        return self.record[self.positions[key]]

    def problem(
        self, key: str, message: str, *, rule: str | None = None, each: bool = False
    ) -> None:
        """Report *message* in the column *key*.

        Problems with a *rule* are listed a few times (every time with *each*).
        """
        self.problem_at(self.positions[key], message, rule=rule, each=each)

    def problem_at(
        self, position: int, message: str, *, rule: str | None = None, each: bool = False
    ) -> None:
        """Report *message* in the column at *position* (an added column too)."""
        name = self.header[position].strip()
        shown_name = name if len(name) <= 40 else name[:39] + "…"
        self.ok = False
        column = f"column {position + 1} ({shown_name})"
        self.problems.add(self.line, message, column=column, rule=rule, each=each)

    def date(self, key: str) -> date | None:
        value = _formats.parse_date(self.text(key))
        if isinstance(value, str):
            # A spreadsheet that rewrote one date rewrote them all: list it a few times.
            self.problem(key, value, rule=_formats.DATE_RULE)
            return None
        return value

    def amount(self, key: str, *, required: bool, usd: bool = True) -> Decimal | None:
        """The amount in the column *key*: ``None`` if empty and not *required*, or after a problem.

        Every amount column of an export, the local-currency one too
        (*usd* ``False``, :func:`~._formats.parse_amount`), is read here, so a
        problem in any of them is reported by the one rule.
        """
        text = self.text(key)
        if not text and not required:
            return None
        if not text:
            self.problem(key, "the amount is empty")
            return None
        value = _formats.parse_amount(text, usd=usd)
        if isinstance(value, str):
            # A spreadsheet that rewrote one amount rewrote them all: list it a few times.
            self.problem(key, value, rule=_formats.AMOUNT_RULE)
            return None
        return value

    def kind(
        self, key: str, *, weekly: bool, unknown_as_other: bool = False
    ) -> TransactionKind | None:
        """The kind the type word in *key* names, or ``None`` after reporting an unknown one.

        With *unknown_as_other* an unknown word reads as ``MISCELLANEOUS``
        (``parse(..., unknown_types="other")``).
        """
        value = _formats.kind_of(self.text(key), weekly=weekly)
        if not isinstance(value, TransactionKind):  # a problem (a kind is text too)
            if unknown_as_other:
                return TransactionKind.MISCELLANEOUS
            self.problem(key, value, rule=_formats.TYPE_RULE, each=True)
            return None
        return value

    def optional_id(self, key: str) -> str | None:
        """The id in the column *key*; ``None`` for a cell that shows nothing (:func:`is_blank`)."""
        text = self.text(key)
        return None if is_blank(text) else text

    def refused(self, error: UpworkSafetyError) -> None:
        """Report *error*, a constructor's refusal of this row, at its line (and its column).

        The reader checks each cell before building the row, so this is the
        backstop that keeps every refusal located: a cell the reader let
        through and a constructor refused is still a problem of this line.
        """
        field = (error.field or "").removeprefix("Transaction.").partition("[")[0]
        keys = [key for key in _COLUMNS_OF.get(field, ()) if key in self.positions]
        if keys:
            self.problem(keys[0], str(error), rule=error.rule)
        else:
            self.ok = False
            self.problems.add(self.line, str(error), rule=error.rule)

    def extra(self) -> tuple[tuple[str, str], ...]:
        keys = {position: key for key, position in self.positions.items()}
        return tuple(
            # The name as written, less the ASCII spacing around it: the spacing
            # folded() passes over, so the name is the column's identity there too.
            (self.header[i].strip(" \t"), value)
            for i, value in enumerate(self.record)
            if not _kinds.blank(value) and keys.get(i) not in self.used
        )


def _local_amount(row: _Row, amount: Decimal | None) -> Money | None:
    """The row's local amount, or ``None``: empty, or after reporting its problem.

    Checked against the row's *amount* (when it was read) by the
    constructors' own rule (:func:`._local.local_amount_problem`), said of this cell.
    """
    value = row.amount("amount_in_local_currency", required=False, usd=False)
    if value is None:  # empty, or its problem is reported
        return None
    text = row.text("amount_in_local_currency")
    currency = row.text("currency")
    if not currency:
        row.problem("currency", f"empty, but Amount in local currency is {text}")
        return None
    try:
        local = Money(value, currency)
    except InvalidValueError:
        row.problem("currency", f"{shown(currency)} is not an ISO 4217 currency code")
        return None
    problem = None if amount is None else local_amount_problem(Money(amount, USD), local)
    if problem is not None:
        row.problem("amount_in_local_currency", f"{text} {currency} {problem[0]}", rule=problem[1])
        return None
    return local


def _exchange_rate(row: _Row) -> Decimal | None:
    if "exchangerate" not in row.positions:
        return None
    text = row.text("exchangerate")
    if not text:
        return None
    value = _formats.parse_rate(text)
    if isinstance(value, str):
        row.problem("exchangerate", value)
        return None
    return value


def _related(own: str | None, *texts: str) -> str | None:
    """The one row *texts* name by ``Ref ID``, or ``None`` when they name none, or two or more.

    A row naming two rows is not joined to either (red team r22 L1): the
    audit lists such a fee in ``not_checked``, naming the ids.
    """
    named = _formats.other_ref_ids(own, *texts)
    return named[0] if len(named) == 1 else None


def ref_ids_named(row: Transaction) -> tuple[str, ...]:
    """The ids *row*'s texts name by ``Ref ID`` (not its own), as the reader looked for them.

    The texts :func:`_related` reads: the description, and in the
    Transactions report its ``Description 1`` to ``3`` (kept in ``extra``).
    """
    texts = (row.extra_value(column) for column in _formats.REPORT_REF_COLUMNS)
    return _formats.other_ref_ids(row.id, row.description, *(text or "" for text in texts))


def _transaction_row(
    row: _Row, spec: FormatSpec, *, unknown_as_other: bool = False
) -> Transaction | None:
    history = spec.format is StatementFormat.TRANSACTION_HISTORY
    on = row.date("date")
    kind = row.kind(
        "type" if history else "transaction_type",
        weekly=False,
        unknown_as_other=unknown_as_other,
    )
    amount = row.amount("amount", required=True)
    balance = row.amount("balance" if history else "current_balance", required=False)
    own = row.optional_id("ref_id" if history else "transaction_id")
    local = _local_amount(row, amount) if "amount_in_local_currency" in row.positions else None
    rate = _exchange_rate(row)
    client = row.text("team")
    if history:
        description = row.text("description")
        contract = ""
        # An income row's description holds the milestone's title, which the client
        # writes: a "Ref ID" in it names no row this one belongs to.
        related = None if kind in INCOME_KINDS else _related(own, description)
    else:
        description = row.text("transaction_summary_details")
        contract = row.text("transaction_summary")
        texts = [row.record[row.positions[key]] for key in _formats.REPORT_REF_KEYS]
        if kind is TransactionKind.SERVICE_FEE and own is not None:
            # The report gives a service fee its income row's Transaction ID: the export's
            # own join key, which no text can override.
            related = own
        elif kind in INCOME_KINDS:
            # An income row's texts are the contract's and the milestone's titles, which
            # the client writes: a "Ref ID" in them names no row this one belongs to.
            related = None
        else:
            # Never the contract title (Transaction Summary): the client writes it, and a
            # "Ref ID" in it would point a row at another payment.
            related = _related(own, description, *texts)
    if on is None or kind is None or amount is None or not row.ok:
        return None
    return Transaction(
        line=row.line,
        on=on,
        kind=kind,
        amount=Money(amount, USD),
        id=own,
        type_text=row.text("type" if history else "transaction_type"),
        description=description,
        balance=None if balance is None else Money(balance, USD),
        client=client,
        contract=contract,
        related_id=related,
        local_amount=local,
        exchange_rate=rate,
        extra=row.extra(),
    )


def _weekly_row(row: _Row) -> Transaction | None:
    on = row.date("date")
    kind = row.kind("payment_type", weekly=True)
    amount = row.amount("amount", required=True)
    title_and_id = _formats.split_contract(row.text("contract"))
    if isinstance(title_and_id, str):
        row.problem("contract", title_and_id)
    elif (problem := contract_id_problem(title_and_id[1])) is not None:
        row.problem("contract", f"{shown(row.text('contract'))}: {problem}", rule=CONTRACT_ID_RULE)
    hours_text = row.text("hours")
    hours: Decimal | None = None
    # The constructors' own rule, said of this cell.
    problem = None if kind is None else hours_problem(kind, given=bool(hours_text), needed=True)
    if problem is not None:
        written = shown(hours_text) if hours_text else "empty"
        row.problem("hours", f"{written}: {problem}")
    elif hours_text:
        parsed = _formats.parse_hours(hours_text, on)
        if isinstance(parsed, str):
            row.problem("hours", parsed)
        else:
            hours = parsed
    if on is None or kind is None or amount is None or isinstance(title_and_id, str) or not row.ok:
        return None
    title, contract_id = title_and_id
    return Transaction(
        line=row.line,
        on=on,
        kind=kind,
        amount=Money(amount, USD),
        type_text=row.text("payment_type"),
        contract=title,
        contract_id=contract_id,
        hours=hours,
        extra=row.extra(),
    )


def cells_fit(row: _Row) -> bool:
    """Whether every cell of *row*, added columns' too, is one a cell of an export holds.

    Each cell that is not is reported at its column (:func:`._cells.cell_length_problem`,
    the constructors' rule).  The reader checks this as it counts the records, before
    any row is made (:func:`._parse._counted`).
    """
    if cell_length_problem(max(row.record, key=len)) is None:
        return True  # the rule holds for the longest cell, so for every one: one pass
    for position, cell in enumerate(row.record):
        problem = cell_length_problem(cell)
        if problem is not None:
            row.problem_at(position, problem[0], rule=problem[1])
    return False


def _one_row(row: _Row, spec: FormatSpec, *, unknown_as_other: bool = False) -> Transaction | None:
    """The :class:`Transaction` of *row*, or ``None`` after reporting its problems.

    Its cells' lengths were checked as the records were counted (:func:`cells_fit`).
    """
    try:
        if spec.format is StatementFormat.WEEKLY_SUMMARY:
            return _weekly_row(row)
        return _transaction_row(row, spec, unknown_as_other=unknown_as_other)
    except UpworkSafetyError as error:
        # Never a bare error: parse lists every problem with its line.
        row.refused(error)
        return None


@functools.cache
def always_read(spec: FormatSpec) -> frozenset[str]:
    """The keys of the columns *spec*'s reader reads into a field on every row.

    Learnt from the reader itself, never listed by hand: it reads a blank
    record of the export, and every cell it looks at there (the date, the
    type, the amount, and the columns each row gives a field whatever it
    holds) is one it reads on every row, so its value never reaches
    ``extra``.  A column read only beside another's value (the currency of
    a local amount) is not among them.
    """
    header = [column.title for column in spec.columns]
    positions = {column.key: index for index, column in enumerate(spec.columns)}
    row = _Row([""] * len(header), 1, header, positions, Problems())
    _one_row(row, spec)
    return frozenset(row.used)
