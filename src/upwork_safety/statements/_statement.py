"""A whole statement: its rows in order, its balance, its records (private).

:class:`Statement` holds what :func:`~upwork_safety.statements.parse` read
from one export (or what was built by hand) and checks, in its constructor,
every rule a whole export keeps: one format, rows in time order with their
lines, each row's fields as its format has them, balances that follow
(or the breaks between them listed), at most
:data:`~upwork_safety.statements.MAX_COLUMNS` extra columns.  The rows
themselves are :mod:`._model`'s.
"""

from __future__ import annotations

import functools
import itertools
from datetime import date
from typing import Any  # noqa: F401  (the hints of attrs __init__ name converters' Any)

import attrs

from upwork_safety import _render
from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._validate import as_tuple, bool_field, items_field, member_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import Money
from upwork_safety.statements._balance import BalanceBreak, find_breaks
from upwork_safety.statements._formats import SPECS
from upwork_safety.statements._hours import hours_over
from upwork_safety.statements._kinds import (
    ROW_FIELDS,
    StatementFormat,
    TransactionKind,
    folded,
    format_of_text,
    kind_named,
)
from upwork_safety.statements._model import MAX_COLUMNS, Transaction, hours_problem
from upwork_safety.statements._rows import always_read


def check_statement(value: object, what: str = "statement") -> Statement:
    """*value* if it is a :class:`Statement`, else an error naming *what* (private)."""
    if not isinstance(value, Statement):
        hint = (
            " (read the export with statements.parse(text) first)" if isinstance(value, str) else ""
        )
        raise InvalidTypeError(
            f"{what} must be a Statement, not {type(value).__name__}{hint}",
            field=what,
            rule="a Statement",
        )
    return value


#: What each ``extra`` column's key in :meth:`Statement.to_records` starts with,
#: so that an added column never takes a field's key (``"extra:Activity ID"``).
EXTRA_PREFIX = "extra:"
#: The fields :data:`ROW_FIELDS` speaks of, each with its default.
_OPTIONAL = (
    ("id", None),
    ("description", ""),
    ("client", ""),
    ("contract", ""),
    ("contract_id", None),
    ("related_id", None),
    ("hours", None),
    ("local_amount", None),
    ("exchange_rate", None),
    ("extra", ()),
)
#: The optional fields every record of :meth:`Statement.to_records` has, whatever
#: the export (with line, date, kind, type word, amount and balance).
_IN_EVERY_RECORD = frozenset({"id", "description", "client", "contract", "related_id"})
#: The fields beyond the ones every record has that :meth:`Statement.to_records`
#: gives for each export, in the order of :data:`_OPTIONAL`: those of
#: :data:`ROW_FIELDS` but ``extra`` (which becomes keys of its own).
RECORD_FIELDS: dict[StatementFormat, tuple[str, ...]] = {
    export: tuple(
        name
        for name, _ in _OPTIONAL
        if name in fields and name != "extra" and name not in _IN_EVERY_RECORD
    )
    for export, fields in ROW_FIELDS.items()
}


def _shown(value: object, limit: int = 40) -> str:
    """*value* for a message: Money as it prints, anything else as its ``repr``, cut short."""
    if not isinstance(value, Money):
        return shown(value, limit)
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.cache
def _column_names(export: StatementFormat) -> tuple[frozenset[str], frozenset[str], bool]:
    """*export*'s column names, folded, and whether columns may be added to it.

    All its column names, and those always read into a field: the columns its
    reader reads on every row (:func:`._rows.always_read`: the date, the type
    word, the amount, and those each row gives a field) never reach ``extra``.
    """
    own: set[str] = set()
    read: set[str] = set()
    added = False
    for spec in SPECS:
        if spec.format is export:
            added = added or spec.open
            always = always_read(spec)
            for column in spec.columns:
                names = {folded(name) for name in column.names}
                own |= names
                if column.key in always:
                    read |= names
    return frozenset(own), frozenset(read), added


def _extra_problem(row: Transaction, export: StatementFormat) -> tuple[str, str] | None:
    """An ``extra`` column of *row* that the reader could not have kept there, or ``None``.

    One rule for every export: ``extra`` keeps the export's own columns the
    reader does not read into a field (never the date, type or amount) and,
    in an export that may have columns added (the Transactions report and
    the weekly summary), those added columns, which a header names apart
    from its own.
    """
    own, read, added = _column_names(export)
    for index, (column, _value) in enumerate(row.extra):
        name = folded(column)
        if name in read:
            why = f"the {export.title}'s column read into a field of every row"
        elif not added and name not in own:
            why = f"not a column of the {export.title}, which has none added"
        else:
            continue
        return (
            f"has extra[{index}] named {shown(column)}: {why}, never kept in extra",
            "extra columns the reader keeps",
        )
    return None


def _fields_problem(row: Transaction, export: StatementFormat) -> tuple[str, str] | None:
    """A field *row* holds that no row of *export* has, or an ``extra`` column it cannot keep."""
    fields = export.row_fields
    for name, default in _OPTIONAL:
        if name not in fields and getattr(row, name) != default:
            has = (
                f"has {name} {_shown(getattr(row, name))}, which no row of a "
                f"{export.title} has (its columns give none)"
            )
            return has, f"only the fields a {export.title} gives"
    return _extra_problem(row, export) if row.extra else None


def _row_problem(
    row: Transaction,
    export: StatementFormat,
    words: dict[str, TransactionKind | None],
    *,
    unknown_as_other: bool = False,
) -> tuple[str, str] | None:
    """What a row breaks of its export's rules, as ``(what is wrong, rule)``, or ``None``.

    *words* caches :func:`kind_named` for the export (exports repeat a dozen words).
    With *unknown_as_other*, a word the export does not use may name a
    ``MISCELLANEOUS`` row (``parse(..., unknown_types="other")``).
    """
    fields = _fields_problem(row, export)
    if fields is not None:
        return fields
    if export is StatementFormat.WEEKLY_SUMMARY and not row.is_income:
        earnings = (
            f"is a {row.kind.name} row, but the Weekly summary lists earnings only "
            "(hourly, fixed price and bonus rows)"
        )
        return earnings, "earnings only"
    if row.type_text not in words:
        words[row.type_text] = kind_named(row.type_text, export)
    named = words[row.type_text]
    unknown_other = unknown_as_other and named is None and row.kind is TransactionKind.MISCELLANEOUS
    if named is not row.kind and not unknown_other:
        said = "no kind this export writes" if named is None else f"the kind {named.name}"
        return (
            f"is a {row.kind.name} row, but its type {shown(row.type_text)} names {said}",
            "the kind its type word names",
        )
    if export is StatementFormat.WEEKLY_SUMMARY and row.contract_id is None:
        return (
            "has no contract_id: every row of a Weekly summary gives its contract's id",
            "a contract id",
        )
    problem = hours_problem(
        row.kind, given=row.hours is not None, needed=export is StatementFormat.WEEKLY_SUMMARY
    )
    if problem is not None:
        return problem, "hours on every hourly row and no other"
    return None


@through_init
@attrs.frozen(kw_only=True)
class Statement:
    """Everything an Upwork export says, as typed values.

    A statement holds what :func:`~upwork_safety.statements.parse` can read
    from an export, and nothing else: the rules below are the reader's, so a
    statement built in code or loaded from JSON is one a file could give.

    Args:
        format: Which export the rows came from (a :class:`StatementFormat`, or its text).
        transactions: Every row that happened, oldest first (rows on the same
            day in the order they happened); each keeps its ``line`` in the file.
        scheduled: Rows dated after the newest row with a balance and with no
            balance of their own: earnings Upwork has scheduled but not paid.
            They are kept apart and never counted.
        unknown_types_as_other: Whether rows of a type word the library does
            not know were read as ``MISCELLANEOUS``, keeping the word in
            ``type_text`` (``parse(..., unknown_types="other")``; the
            transaction exports only: refused on a Weekly summary).
            :attr:`unknown_type_rows` lists them.

    Raises:
        InvalidTypeError: A format that is not a StatementFormat (or its text), or a row
            that is not a Transaction.
        InvalidValueError: A rule of the export broken, naming the row:

            * two rows on one ``line``, or lines out of the file's order:
              in the two transaction exports the rows (transactions, then
              scheduled) run through the file one way, newest first or
              oldest first; in the weekly summary rows of one day keep the
              file's order;
            * transactions out of date order;
            * a row with a field its export has no column for (the weekly
              summary gives only the contract, its id, the hours and the
              columns added to it, in ``extra``, each named apart from its
              own five; the other exports keep in ``extra`` only their own
              columns not read into a field, never the date, type or amount; only
              the Transactions report names a contract, only the
              Transaction History has ``exchange_rate``), or a kind its
              ``type_text`` does not name (with *unknown_types_as_other*, a
              word the export does not use may name a ``MISCELLANEOUS``
              row; the weekly summary's rows are earnings only: hourly,
              fixed price or bonus);
            * hours on a row that is not hourly, or (weekly summary) an
              hourly row without them, or a weekly row without a
              ``contract_id``;
            * (weekly summary) one contract's rows holding more hours on one
              date than a day has (24), or in one billing week (Monday to
              Sunday, UTC, as :func:`upwork_safety.hourly.billing_week` has
              it) than the week has (168): a row is one day's work;
            * in an export with a running balance, a transaction without one;
              in the weekly summary, a balance;
            * a scheduled row with a balance, not dated after every
              transaction, in a statement with no transaction (nothing says
              what is in the future then), or in the weekly summary;
            * more than :data:`MAX_COLUMNS` distinct ``extra`` columns.

    The balance is not required to be unbroken here (a statement read with
    ``parse(..., allow_breaks=True)`` may have breaks); :attr:`balance_breaks`
    lists every break, derived from the transactions themselves.
    """

    format: StatementFormat = attrs.field(
        converter=format_of_text, validator=member_field(StatementFormat)
    )
    transactions: tuple[Transaction, ...] = attrs.field(
        converter=as_tuple, validator=items_field(Transaction)
    )
    scheduled: tuple[Transaction, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Transaction)
    )
    unknown_types_as_other: bool = attrs.field(default=False, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        if self.unknown_types_as_other and self.format is StatementFormat.WEEKLY_SUMMARY:
            # parse never sets it there: the weekly summary's rows are earnings, and an
            # unknown word in it is always refused.
            raise InvalidValueError(
                "Statement.unknown_types_as_other is for the transaction exports only: a "
                "Weekly summary's rows are earnings, and a word it does not use is refused",
                field="Statement.unknown_types_as_other",
                rule="the transaction exports only",
            )
        self._check_lines()
        for index, (older, newer) in enumerate(itertools.pairwise(self.transactions), start=1):
            if newer.on < older.on:
                raise InvalidValueError(
                    f"Statement.transactions must be oldest first: line {newer.line} "
                    f"({newer.on}) comes after line {older.line} ({older.on})",
                    field=f"Statement.transactions[{index}]",
                    rule="oldest first",
                )
        words: dict[str, TransactionKind | None] = {}
        for index, row in enumerate(self._rows()):
            problem = _row_problem(
                row, self.format, words, unknown_as_other=self.unknown_types_as_other
            )
            if problem is not None:
                where = self._where(index)
                raise InvalidValueError(
                    f"{where}: line {row.line} {problem[0]}", field=where, rule=problem[1]
                )
        self._check_extra_columns()
        self._check_hours()
        for index, row in enumerate(self.transactions):
            if (row.balance is None) == self.format.has_balance:
                rule = "needs a balance" if self.format.has_balance else "has no balance"
                raise InvalidValueError(
                    f"Statement.transactions: line {row.line} in a {self.format.title}, which "
                    f"{rule} on every row",
                    field=f"Statement.transactions[{index}]",
                    rule=f"a {self.format.title} {rule} on every row",
                )
        self._check_scheduled()

    @property
    def unknown_type_rows(self) -> tuple[Transaction, ...]:
        """The rows whose type word the library does not know, read as ``MISCELLANEOUS``.

        Empty unless the statement was read with
        ``parse(..., unknown_types="other")``; transactions, then scheduled rows.
        """
        if not self.unknown_types_as_other:
            return ()
        return tuple(row for row in self._rows() if kind_named(row.type_text, self.format) is None)

    def _check_extra_columns(self) -> None:
        """At most :data:`MAX_COLUMNS` distinct ``extra`` columns, as a header can hold."""
        names: set[str] = set()
        for index, row in enumerate(self._rows()):
            names.update(folded(column) for column, _ in row.extra)
            if len(names) > MAX_COLUMNS:
                where = self._where(index)
                raise InvalidValueError(
                    f"{where}: line {row.line} brings the statement's extra columns past "
                    f"{MAX_COLUMNS}, the most an export's header may have",
                    field=f"{where}.extra",
                    rule=f"at most {MAX_COLUMNS} columns",
                )

    def _check_hours(self) -> None:
        """One contract's hours on one day and in one billing week fit in it (weekly summary)."""
        if self.format is not StatementFormat.WEEKLY_SUMMARY:
            return
        for over in hours_over(self.transactions)[:1]:
            where = f"Statement.transactions[{over.index}].hours"
            raise InvalidValueError(f"{where}: {over.describe()}", field=where, rule=over.rule)

    def _rows(self) -> tuple[Transaction, ...]:
        """Every row in the file's sense: the transactions, then the scheduled rows."""
        return self.transactions + self.scheduled

    def _where(self, index: int) -> str:
        """The field that holds row *index* of :meth:`_rows`, e.g. ``Statement.scheduled[0]``."""
        count = len(self.transactions)
        if index < count:
            return f"Statement.transactions[{index}]"
        return f"Statement.scheduled[{index - count}]"

    def _check_lines(self) -> None:
        """Each row on a line of its own, the lines in the order the reader leaves them."""
        rows = self._rows()
        seen: dict[int, int] = {}
        for index, row in enumerate(rows):
            before = seen.setdefault(row.line, index)
            if before != index:
                where = self._where(index)
                raise InvalidValueError(
                    f"{where}: line {row.line} is also the line of "
                    f"{self._where(before).removeprefix('Statement.')}; "
                    "each row of an export starts on a line of its own",
                    field=where,
                    rule="each line once",
                )
        if self.format.has_balance and len(rows) > 2:
            # The reader keeps the file's order (reversed if it ran newest first).
            rising = rows[1].line > rows[0].line
            for index in range(2, len(rows)):
                previous, row = rows[index - 1], rows[index]
                if (row.line > previous.line) != rising:
                    where = self._where(index)
                    order = "oldest first" if rising else "newest first"
                    raise InvalidValueError(
                        f"{where}: line {row.line} comes after line {previous.line}, but the "
                        f"rows before run {order} through the file (line {rows[0].line}, then "
                        f"{rows[1].line}); an export's rows keep the file's order",
                        field=where,
                        rule="the file's order",
                    )
        if self.format.has_balance:
            return
        for index, (older, newer) in enumerate(itertools.pairwise(rows), start=1):
            if newer.on == older.on and newer.line < older.line:
                where = self._where(index)
                raise InvalidValueError(
                    f"{where}: line {newer.line} comes after line {older.line} on the same day "
                    f"({newer.on}); rows of one day keep the file's order",
                    field=where,
                    rule="the file's order within a day",
                )

    def _check_scheduled(self) -> None:
        if not self.scheduled:
            return
        if not self.format.has_balance or not self.transactions:
            why = (
                "the Weekly summary has no balance, so no row of it is scheduled"
                if not self.format.has_balance
                else "a row is scheduled when dated after the newest row with a balance, and "
                "there is none"
            )
            raise InvalidValueError(
                f"Statement.scheduled: line {self.scheduled[0].line}: {why}",
                field="Statement.scheduled[0]",
                rule="scheduled rows after a row with a balance",
            )
        newest = self.transactions[-1].on
        for index, row in enumerate(self.scheduled):
            if row.balance is not None or row.on <= newest:
                raise InvalidValueError(
                    f"Statement.scheduled: line {row.line} must have no balance and be dated "
                    f"after the newest transaction ({newest})",
                    field=f"Statement.scheduled[{index}]",
                    rule="no balance, dated after every transaction",
                )

    @functools.cached_property
    def balance_breaks(self) -> tuple[BalanceBreak, ...]:
        """Every break in the running balance, oldest first (empty when unbroken)."""
        return find_breaks(self.transactions)

    @functools.cached_property
    def order_assumed(self) -> bool:
        """Whether the file's order (newest or oldest first) was assumed, not read.

        The dates tell which way a transaction export runs, and when they
        cannot (every transaction on one date, none scheduled), the running
        balance does, if it reads unbroken one way only.  When it reads the
        same both ways (a payment and a withdrawal of the same amount on a
        one-day export), the reader takes the file as newest first, the way
        Upwork writes it, and this is ``True``: :attr:`opening_balance` and
        :attr:`closing_balance` then rest on that guess, :attr:`other_order`
        gives the other reading, and :func:`summarize` notes both when they
        differ.
        """
        rows = self.transactions
        if not self.format.has_balance or self.scheduled or len(rows) < 2:
            return False
        if any(row.on != rows[0].on for row in rows):
            return False
        return bool(find_breaks(rows[::-1])) == bool(self.balance_breaks)

    @property
    def other_order(self) -> Statement | None:
        """The same rows read the other way through the file, when :attr:`order_assumed`.

        ``None`` when the dates or the running balance settle the order.
        """
        if not self.order_assumed:
            return None
        return attrs.evolve(self, transactions=self.transactions[::-1])

    @property
    def date_turns(self) -> tuple[int, ...]:
        """The lines at which one contract's dates turn back, in the weekly summary's order.

        The weekly summary's rows are kept in date order whatever order the
        file used, but each contract's rows run one way: oldest first (as
        Upwork writes them) or newest first, the contract's first two dates
        that differ say which.  A row dated against its contract's way
        (``2024-09-02`` after ``2024-09-06``) is the sign of rows pasted or
        joined twice, which are then counted twice; identical rows can be
        genuine, so this is not refused, and :func:`summarize` notes the
        lines.  A file that lists one contract's days, then the next
        contract's, turns back between contracts, not within one, and has
        none.  Always empty for the transaction exports,
        which refuse rows out of date order.
        """
        if self.format.has_balance:
            return ()
        last: dict[str | None, tuple[date, bool | None]] = {}
        turns: list[int] = []
        for row in sorted(self.transactions, key=lambda row: row.line):
            seen = last.get(row.contract_id)
            if seen is None:
                last[row.contract_id] = (row.on, None)
                continue
            before, rising = seen
            if row.on != before:
                later = row.on > before
                if rising is None:
                    rising = later
                elif later != rising:
                    turns.append(row.line)
            last[row.contract_id] = (row.on, rising)
        return tuple(turns)

    @property
    def start(self) -> date | None:
        """The date of the oldest transaction, or ``None`` when there are none."""
        return self.transactions[0].on if self.transactions else None

    @property
    def end(self) -> date | None:
        """The date of the newest transaction, or ``None`` when there are none."""
        return self.transactions[-1].on if self.transactions else None

    @property
    def opening_balance(self) -> Money | None:
        """The balance before the oldest transaction (``None`` without balances).

        When every row shares one date it may rest on an assumed order:
        see :attr:`order_assumed`.
        """
        for row in self.transactions:
            if row.balance is not None:
                return row.balance - row.amount
        return None

    @property
    def closing_balance(self) -> Money | None:
        """The balance after the newest transaction (``None`` without balances).

        When every row shares one date it may rest on an assumed order:
        see :attr:`order_assumed`.
        """
        for row in reversed(self.transactions):
            if row.balance is not None:
                return row.balance
        return None

    def to_records(self) -> list[dict[str, object]]:
        """One dict per transaction, oldest first, for ``pandas.DataFrame``.

        Every record has ``line``, ``on``, ``id``, ``kind`` (its value),
        ``type`` (the type word as written), ``amount`` and ``balance`` (the
        ``Decimal`` USD amounts), ``client``, ``contract``, ``description``
        and ``related_id``; then each other field the statement's export can
        hold: ``contract_id`` and ``hours`` (weekly
        summary), ``local_amount`` with its currency in ``local_currency``
        (the two transaction exports), ``exchange_rate`` (the Transaction
        History).  Each column kept in ``extra`` is a key of its own,
        ``"extra:"`` and its name as written (``"extra:Activity ID"``), in
        the order the columns first appear (at most :data:`MAX_COLUMNS` of
        them, as a header can hold).  Every record of one statement has the
        same keys, in the same order; a row with no value for one has
        ``None`` there.
        """
        fields = RECORD_FIELDS[self.format]
        extra = {
            f"{EXTRA_PREFIX}{column}": None for row in self.transactions for column, _ in row.extra
        }
        records: list[dict[str, object]] = []
        for row in self.transactions:
            record: dict[str, object] = {
                "line": row.line,
                "on": row.on,
                "id": row.id,
                "kind": _render.plain(row.kind),
                "type": row.type_text,
                "amount": _render.plain(row.amount),
                "balance": None if row.balance is None else _render.plain(row.balance),
                "client": row.client,
                "contract": row.contract,
                "description": row.description,
                "related_id": row.related_id,
            }
            for name in fields:
                if name == "local_amount":
                    local = row.local_amount
                    record["local_amount"] = None if local is None else _render.plain(local)
                    record["local_currency"] = None if local is None else local.currency
                else:
                    record[name] = getattr(row, name)
            record.update(extra)
            record.update((f"{EXTRA_PREFIX}{column}", text) for column, text in row.extra)
            records.append(record)
        return records

    def __repr__(self) -> str:
        # One line: the rows of an 18-month export run to a hundred kilobytes.
        count = len(self.transactions)
        text = f"<Statement {self.format.value}: {count} transaction{'' if count == 1 else 's'}"
        if self.start is not None:
            text += f" {self.start.isoformat()}..{self.end}"
        closing = self.closing_balance
        if closing is not None:
            text += f", closing balance {closing}"
        breaks = len(self.balance_breaks)
        if breaks:
            text += f", {breaks} balance break{'' if breaks == 1 else 's'}"
        if self.scheduled:
            text += f", {len(self.scheduled)} scheduled"
        return text + ">"

    def _repr_html_(self) -> str:
        caption = f"{self.format.title}: {len(self.transactions)} transactions"
        if self.start is not None:
            caption += f" from {self.start.isoformat()} to {self.end}"
        if self.scheduled:
            caption += f"; {len(self.scheduled)} scheduled, not counted"
        return _render.html_table(self.to_records(), caption=caption)
