"""Strategies for statements: rows of a freelancer's Upwork exports (private).

Public through :mod:`upwork_safety.testing.strategies`.  Hours are whole
billing segments of the platform rules in force on the row's day, read from
:func:`upwork_safety.rules.as_of`, and amounts stay below
:data:`upwork_safety.statements.MAX_AMOUNT`, as the constructor requires.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

import attrs
from hypothesis import strategies as st

from upwork_safety import rules
from upwork_safety import statements as _exports
from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._text import is_blank
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import Money, minor_unit, to_decimal
from upwork_safety.statements import Statement, StatementFormat, Transaction, TransactionKind
from upwork_safety.testing._arguments import _refuse, _size_range, _sometimes, _units, kind_of
from upwork_safety.testing._scalar_strategies import LAST_DAY, _numbered, amounts, dates, money

_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)
_DAY = timedelta(days=1)
#: The places Upwork writes hours to (``0.33333`` is 20 minutes).
_HOUR_PLACES = Decimal("0.00001")
#: Line 1 of an export is its header, so a row is on line 2 or later.
_FIRST_ROW = 2


def transactions(
    *,
    kinds: Iterable[TransactionKind | str] | None = None,
    max_value: Decimal | int | str = "10000",
    format: StatementFormat | str | None = None,  # noqa: A002  (the name Statement gives it)
) -> st.SearchStrategy[Transaction]:
    """:class:`~upwork_safety.statements.Transaction` rows, as ``statements.parse`` gives them.

    A row of one of *kinds* (default: every
    :class:`~upwork_safety.statements.TransactionKind`), on a day of
    :func:`dates`, on line 2 (after the header) or later, of up to
    *max_value* US dollars in whole cents, signed as the exports sign
    them: earnings (:data:`~upwork_safety.statements.INCOME_KINDS`)
    positive, money taken from the balance
    (:data:`~upwork_safety.statements.OUTGOING_KINDS`) negative, payments
    and miscellaneous rows either way.

    Without *format*, a row may hold any field of any export: hours (on
    hourly rows, a whole number of the billing segments in force that day
    written to five places as Upwork writes them, ``0.33333``), an id, a
    running balance, a client, a contract and its id, a PKR amount and an
    exchange rate, and a service fee may name the row it was charged on.
    Such rows are valid :class:`Transaction` values, but most of them fit
    no one export.  With *format* (a
    :class:`~upwork_safety.statements.StatementFormat`), every row is one
    that export's reader gives: only the fields its columns give
    (:attr:`StatementFormat.row_fields`), a type word it writes for the kind
    (:meth:`StatementFormat.type_words`), a balance exactly where it has
    one, and on a weekly summary a contract id on every row and hours on
    every hourly row; each row alone makes a
    :class:`~upwork_safety.statements.Statement` of *format*.  An hourly
    row of an export with a description (the Transactions report, the
    Transaction History) carries Upwork's invoice text for the week before
    the one holding its day, ``Invoice for 10/12/2026-10/18/2026``, half
    the time followed by `` - `` and hours and a rate that make its amount
    (``- 6:30 hrs @ $15.00/hr``), so
    :func:`~upwork_safety.statements.invoiced_week` reads its week and
    :func:`~upwork_safety.statements.available_on` answers for it; without
    *format*, half the hourly rows carry it.  The running
    balances of several rows are not kept consistent: these are rows;
    :func:`statements` draws whole statements.  A kind or a format may
    also be given as its text (``format="weekly_summary"``), as
    :class:`~upwork_safety.statements.Statement` and ``Transaction`` take it.

    >>> from hypothesis import find, settings
    >>> from upwork_safety.statements import Statement, StatementFormat, TransactionKind
    >>> from upwork_safety.testing import strategies as us
    >>> row = find(us.transactions(kinds=[TransactionKind.SERVICE_FEE]), lambda t: True,
    ...            settings=settings(database=None))
    >>> row.kind, row.amount.amount < 0
    (<TransactionKind.SERVICE_FEE: 'service_fee'>, True)
    >>> weekly = find(us.transactions(format=StatementFormat.WEEKLY_SUMMARY), lambda t: True,
    ...               settings=settings(database=None))
    >>> len(Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[weekly]).transactions)
    1

    Raises:
        InvalidTypeError: *kinds* holds something else than a
            ``TransactionKind`` or its text (``field`` is ``kinds[i]``),
            *max_value* is a float or not a number, or *format* is not a
            ``StatementFormat`` or its text.
        InvalidValueError: *kinds* is empty, holds text no kind has, or a kind *format* has
            no rows of (a weekly summary lists earnings only), or
            *max_value* is below a cent, not whole cents, or not below
            ``statements.MAX_AMOUNT``.
    """
    export = None if format is None else kind_of(StatementFormat, format, "format")
    chosen = _kinds_of(kinds, export)
    return _transactions(chosen, _top(max_value), export)


def statements(
    *,
    format: StatementFormat | str,  # noqa: A002  (the name Statement gives it)
    kinds: Iterable[TransactionKind | str] | None = None,
    max_value: Decimal | int | str = "10000",
    min_size: int = 0,
    max_size: int = 20,
) -> st.SearchStrategy[Statement]:
    """Whole :class:`~upwork_safety.statements.Statement` values of one export.

    From *min_size* to *max_size* rows of :func:`transactions` with
    *format* (and *kinds* and *max_value*), oldest first on lines 2, 3, ...
    as a file listing them oldest first gives them.  In the two transaction
    exports every row has an id of its own, and a service fee row (a
    charge, or a ``Service fee refund``) is charged on one of the
    statement's income rows (three times in four), on its day or up to 3
    days later, or on none, joined as the export joins them.  Where
    *kinds* allows fees and earnings, three statements in four also get a
    fee charged on an income row (and the income row, if they have none)
    when *max_size* leaves room, so about four statements in five give
    :func:`~upwork_safety.statements.audit_fees` a fee to check (a
    :class:`~upwork_safety.statements.FeeCheck`).  Where the export has a
    running balance (:attr:`StatementFormat.has_balance`), every row's
    balance is the one before it plus its amount, from an opening balance
    that keeps each of them at zero or above, so the statement has no
    :attr:`~upwork_safety.statements.Statement.balance_breaks`.

    Each statement is a valid export, but
    :func:`~upwork_safety.statements.to_contracts` refuses one in which a
    contract has bonus rows only (the export does not say that contract's
    kind; one bonus row is enough): to test code that takes contracts from
    statements, pass ``to_contracts`` the kind with ``bonus_only=``, or draw
    no bonuses (*kinds* without ``TransactionKind.BONUS``).

    >>> from hypothesis import given, settings
    >>> from upwork_safety import statements
    >>> from upwork_safety.testing import strategies as us
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(us.statements(format=statements.StatementFormat.TRANSACTIONS_REPORT))
    ... def check(statement):
    ...     assert statement.balance_breaks == ()
    ...     statements.summarize(statement)
    >>> check()

    Raises:
        InvalidTypeError: As :func:`transactions`, or a size that is not an
            ``int``.
        InvalidValueError: As :func:`transactions` (and *format* text no
            format has), or *min_size* below 0,
            *max_size* below *min_size*, or above 100, or so many rows of
            up to *max_value* that a running balance could reach
            ``statements.MAX_AMOUNT``.
    """
    export = kind_of(StatementFormat, format, "format")
    chosen = _kinds_of(kinds, export)
    top = _top(max_value)
    rows = _transactions(chosen, top, export)
    low, high = _sizes(min_size, max_size)
    # A running balance is the opening one plus the amounts so far: at most the
    # widest spread of those sums (every row's amount) and _OPENING_REST.
    widest = CONTEXT.add(CONTEXT.multiply(high, _top(max_value)), _OPENING_REST)
    if export.has_balance and widest >= _exports.MAX_AMOUNT:
        _refuse(
            "max_size",
            f"({high}) rows of up to {max_value} US dollars could take a running balance past "
            f"statements.MAX_AMOUNT ({_exports.MAX_AMOUNT:,}); draw fewer or smaller rows",
            "balances below statements.MAX_AMOUNT",
        )
    # A fee charged on an income row, for audit_fees to check (red team r20 L2): only where
    # the export joins fees to rows and the statement may hold both.
    charges = None
    earning = tuple(kind for kind in chosen if kind in _exports.INCOME_KINDS)
    if "id" in export.row_fields and TransactionKind.SERVICE_FEE in chosen and earning:
        charges = (
            _transactions(earning, top, export),
            _transactions((TransactionKind.SERVICE_FEE,), top, export),
        )
    return _statements(export, rows, charges, low=low, high=high)


#: The most rows :func:`statements` draws: a statement of more is no better a test, and
#: Hypothesis draws a list of a few hundred such rows only with its health checks off.
_MOST_ROWS = 100
#: The most an opening balance holds beyond what keeps every running balance at zero.
_OPENING_REST = 1_000


def _within_a_day(rows: list[Transaction]) -> list[Transaction]:
    """*rows* with one contract's hours on one day at most a day's (a row past it gets 0).

    A weekly summary's rows are days of a contract's work, so a statement
    holds at most 24 hours per contract and day (and so 168 per week).
    """
    day = _DAY // _MINUTE
    used: dict[tuple[str | None, date], int] = {}
    fitted: list[Transaction] = []
    for row in rows:
        if row.hours is not None:
            key = (row.contract_id, row.on)
            minutes = int(CONTEXT.multiply(row.hours, 60).to_integral_value(context=CONTEXT))
            if used.get(key, 0) + minutes > day:
                row, minutes = attrs.evolve(row, hours=Decimal(0)), 0  # noqa: PLW2901
            used[key] = used.get(key, 0) + minutes
        fitted.append(row)
    return fitted


def _one_title_each(rows: list[Transaction]) -> list[Transaction]:
    """*rows* with one title per contract id: the first titled row's, on every titled row.

    A weekly summary writes one contract's title beside each of its rows, so
    the title is the contract's, not the row's; rows drawn on their own could
    give one id two titles, which ``to_contracts`` refuses ("one title per
    contract id", red team r22 M1).  A row without a title keeps none.
    """
    titles: dict[str | None, str] = {}
    kept: list[Transaction] = []
    for row in rows:
        if is_blank(row.contract):
            kept.append(row)
            continue
        title = titles.setdefault(row.contract_id, row.contract)
        kept.append(row if title == row.contract else attrs.evolve(row, contract=title))
    return kept


def _sizes(min_size: object, max_size: object) -> tuple[int, int]:
    return _size_range(min_size, max_size, most=_MOST_ROWS, of="rows")


@st.composite
def _statements(
    draw: st.DrawFn,
    export: StatementFormat,
    rows: st.SearchStrategy[Transaction],
    charges: tuple[st.SearchStrategy[Transaction], st.SearchStrategy[Transaction]] | None,
    *,
    low: int,
    high: int,
) -> Statement:
    drawn = draw(st.lists(rows, min_size=low, max_size=high))
    charged = None
    if charges is not None and draw(_CHARGED):
        charged = _charge_one(draw, export, drawn, charges, high)
    if export is StatementFormat.TRANSACTION_HISTORY:
        # One file is one header variant: local amounts, or exchange rates.
        if draw(st.booleans()):
            drawn = [attrs.evolve(row, exchange_rate=None) for row in drawn]
        else:
            drawn = [attrs.evolve(row, local_amount=None) for row in drawn]
    if "id" in export.row_fields:
        drawn = _linked(draw, export, drawn, charged)
    if export is StatementFormat.WEEKLY_SUMMARY:
        drawn = _one_title_each(_within_a_day(drawn))
    # Oldest first; on one day an income row before the fees charged on it.
    drawn.sort(key=lambda row: (row.on, not row.is_income))
    placed: list[Transaction] = []
    balance: Decimal | None = None
    if export.has_balance and drawn:
        # Low enough a start that no running balance goes below zero, plus a drawn rest.
        lowest = Decimal(0)
        running = Decimal(0)
        for row in drawn:
            running = CONTEXT.add(running, row.amount.amount)
            lowest = min(lowest, running)
        rest = draw(amounts(min_value=0, max_value=_OPENING_REST, places=2))
        balance = CONTEXT.subtract(rest, lowest)
    for line, row in enumerate(drawn, _FIRST_ROW):
        if balance is not None:
            balance = CONTEXT.add(balance, row.amount.amount)
            row = attrs.evolve(row, line=line, balance=Money(balance, "USD"))  # noqa: PLW2901
        else:
            row = attrs.evolve(row, line=line)  # noqa: PLW2901
        placed.append(row)
    return Statement(format=export, transactions=placed)


#: Whether a statement that can hold one gets a fee charged on an income row (three in four).
_CHARGED = st.sampled_from((True, True, True, False))


def _charge_one(
    draw: st.DrawFn,
    export: StatementFormat,
    drawn: list[Transaction],
    charges: tuple[st.SearchStrategy[Transaction], st.SearchStrategy[Transaction]],
    high: int,
) -> int | None:
    """Append to *drawn* a fee to charge on an income row (and the row if it has none).

    Rows of a dozen kinds hold few fees, and half of those are refunds or on
    no row, so without it few statements gave ``audit_fees`` a fee to check
    (red team r20 L2).  Only where *high* (``max_size``) leaves room; the
    fee's index, for :func:`_linked` to join, or ``None``.
    """
    earning, fees = charges
    room = high - len(drawn)
    if room < 1 or (room < 2 and not any(row.is_income for row in drawn)):
        return None
    if not any(row.is_income for row in drawn):
        drawn.append(draw(earning))
    drawn.append(_as_charge(draw(fees), export))
    return len(drawn) - 1


def _as_charge(fee: Transaction, export: StatementFormat) -> Transaction:
    """*fee* as a charge: below zero, with the export's word for a fee (not a refund)."""
    charged = Money(fee.amount.amount.copy_abs().copy_negate(), "USD")
    local = fee.local_amount  # of the amount's sign, as Transaction requires
    if local is not None:
        local = Money(local.amount.copy_abs().copy_negate(), local.currency)
    rows = (
        attrs.evolve(fee, type_text=word, amount=charged, local_amount=local)
        for word in export.type_words(TransactionKind.SERVICE_FEE)
    )
    return next(row for row in rows if not row.signed_against_kind)


def _linked(
    draw: st.DrawFn, export: StatementFormat, rows: list[Transaction], charged: int | None
) -> list[Transaction]:
    """*rows* with ids of their own, and service fees joined to income rows as the export does.

    Every row gets its own id (a ``Ref ID`` or ``Transaction ID``); a fee
    row names an income row of the statement (three times in four, and
    always the row at *charged*), or none, and falls on its day or up to 3
    days later: in the Transaction History by ``Ref ID`` in its description,
    in the Transactions report by sharing the income row's
    ``Transaction ID``.
    """
    named = [attrs.evolve(row, id=str(_FIRST_ID + index)) for index, row in enumerate(rows)]
    incomes = [row for row in named if row.is_income]
    linked: list[Transaction] = []
    for index, row in enumerate(named):
        if row.kind is TransactionKind.SERVICE_FEE:
            income = None
            if index == charged:
                income = draw(st.sampled_from(incomes))
            elif incomes:
                income = draw(_sometimes(st.sampled_from(incomes), st.none()))
            later = timedelta(days=draw(st.integers(0, 3)))  # charged that day or soon after
            row = _fee_on(export, row, income, later)  # noqa: PLW2901
        linked.append(row)
    return linked


#: The first id :func:`statements` gives its rows.
_FIRST_ID = 8_100_000


def _fee_on(
    export: StatementFormat, fee: Transaction, income: Transaction | None, later: timedelta
) -> Transaction:
    """*fee* charged on *income*, *later* than it (or on no row), as *export* writes it."""
    if export is StatementFormat.TRANSACTIONS_REPORT:
        if income is None:
            return attrs.evolve(fee, related_id=fee.id)
        on = min(income.on + later, _LAST_DAY)
        return attrs.evolve(fee, id=income.id, related_id=income.id, on=on)
    if income is None or income.id is None:  # _linked gave every row an id
        return attrs.evolve(fee, related_id=None, description="")
    on = min(income.on + later, _LAST_DAY)
    return attrs.evolve(fee, related_id=income.id, description=_fee_text(fee, income.id), on=on)


#: The last day a drawn row may fall on (``dates()``'s own last day).
_LAST_DAY = LAST_DAY


def _fee_text(fee: Transaction, income_id: str) -> str:
    """A Transaction History fee row's description, naming its income row by ``Ref ID``."""
    what = "Service Fee Refund" if fee.amount.amount > 0 else "Service Fee"
    return f"{what} for Ref ID {income_id}"


def _top(max_value: object) -> Decimal:
    top = to_decimal(max_value, "max_value")
    cents = _units(top, minor_unit("USD"), "max_value", "cents")
    if cents < 1:
        _refuse("max_value", f"must be at least a cent, got {max_value}", "at least a cent")
    if top >= _exports.MAX_AMOUNT:
        _refuse(
            "max_value",
            f"must be below statements.MAX_AMOUNT ({_exports.MAX_AMOUNT:,}), got {max_value}",
            "below statements.MAX_AMOUNT",
        )
    return top


def _kinds_of(kinds: object, export: StatementFormat | None) -> tuple[TransactionKind, ...]:
    """*kinds* checked (default: every kind *export* has rows of).

    A kind *export* has no rows of is refused naming the item as given (its
    index in *kinds*, the text or member passed) and the values it has rows
    of.
    """
    every = tuple(TransactionKind)
    has = every if export is None else tuple(k for k in every if export.type_words(k))
    if kinds is None:
        return has
    if isinstance(kinds, (str, bytes)) or not hasattr(kinds, "__iter__"):
        raise InvalidTypeError(
            f"kinds must be TransactionKind members (a list, a set...), not {type(kinds).__name__}",
            field="kinds",
            rule="TransactionKind members",
        )
    checked: list[TransactionKind] = []
    for index, value in enumerate(cast("Iterable[object]", kinds)):
        kind = kind_of(TransactionKind, value, f"kinds[{index}]")
        if export is not None and kind not in has:
            _refuse(
                f"kinds[{index}]",
                f"is {shown(value)}, and a {export.title} has no rows of that kind; "
                f"it has rows of {', '.join(shown(k.value) for k in has)}",
                f"a kind a {export.title} has rows of",
            )
        checked.append(kind)
    if not checked:
        _refuse("kinds", "must name at least one TransactionKind", "at least one kind")
    return tuple(dict.fromkeys(checked))


def _hours(on: date, steps: int) -> Decimal:
    """*steps* billing segments in force *on*, in hours as Upwork writes them."""
    segment = rules.as_of(on).hourly_segment
    exact = CONTEXT.divide(Decimal(steps * (segment // timedelta(seconds=1))), Decimal(3600))
    written = exact.quantize(_HOUR_PLACES, context=CONTEXT)
    return exact if exact == written else written


def _sign(kind: TransactionKind, amount: Money, negative: bool) -> Money:  # noqa: FBT001
    # The exports' signs: earnings positive, money taken from the balance
    # (statements.OUTGOING_KINDS) negative, the rest either way.
    if kind in _exports.INCOME_KINDS:
        return amount
    if kind in _exports.OUTGOING_KINDS:
        return -amount
    return -amount if negative else amount


@functools.cache
def _transactions(
    kinds: tuple[TransactionKind, ...], top: Decimal, export: StatementFormat | None
) -> st.SearchStrategy[Transaction]:
    return _transaction(kinds, top, export)


#: The optional fields a row may hold without a format: every export's.
_EVERY_FIELD = frozenset().union(*(export.row_fields for export in StatementFormat))


@st.composite
def _transaction(
    draw: st.DrawFn,
    kinds: tuple[TransactionKind, ...],
    top: Decimal,
    export: StatementFormat | None,
) -> Transaction:
    fields = _EVERY_FIELD if export is None else export.row_fields
    weekly = export is StatementFormat.WEEKLY_SUMMARY

    def given(name: str, values: st.SearchStrategy[Any], default: Any) -> Any:
        return draw(values) if name in fields else default

    kind = draw(st.sampled_from(kinds))
    on = draw(dates())
    amount = _sign(kind, draw(money("USD", min_value="0.01", max_value=top)), draw(st.booleans()))
    hours = None
    # A weekly summary gives every hourly row its hours; without a format they may be there.
    if kind is TransactionKind.HOURLY and "hours" in fields and (weekly or draw(st.booleans())):
        # A row is one day's work of a contract: at most a day's segments.
        per_day = _DAY // rules.as_of(on).hourly_segment
        hours = _hours(on, draw(st.integers(0, per_day)))
    related = None
    if kind is TransactionKind.SERVICE_FEE:
        related = given("related_id", st.none() | _numbered("9000", 99), None)
    # The amount in rupees, so of its sign (the constructors' rule: money converted keeps it).
    local = given(
        "local_amount", st.none() | money("PKR", min_value="0.01", max_value="3000000"), None
    )
    if local is not None and amount.amount < 0:
        local = -local
    rate = None
    if local is not None:
        rate = given("exchange_rate", amounts(min_value="100", max_value="400", places=4), None)
    if rate is not None and export is not None:
        # The Transaction History's two header variants: "Amount in local currency" or
        # "ExchangeRate", never both.
        local, rate = (None, rate) if draw(st.booleans()) else (local, None)
    if export is None:
        type_text = kind.value.replace("_", " ").title()
        balance = draw(st.none() | money("USD", max_value=top))
    else:
        type_text = draw(st.sampled_from(export.type_words(kind)))
        balance = draw(money("USD", max_value=top)) if export.has_balance else None
    contract_id = st.none() | _numbered("3810000", 99)
    description = given("description", _DESCRIPTIONS, "")
    if kind is TransactionKind.HOURLY and "description" in fields:
        # Upwork's invoice text names the week an hourly row pays (statements.invoiced_week):
        # on every hourly row of an export that has the column, on some without a format.
        invoice = _invoice_text(on, amount, draw(_INVOICE_SEGMENTS))
        description = invoice if export is not None or draw(st.booleans()) else description
    row = Transaction(
        line=draw(st.integers(_FIRST_ROW, _exports.MAX_LINES)),
        on=on,
        kind=kind,
        amount=amount,
        id=given("id", st.none() | _numbered("8000", 9999), None),
        type_text=type_text,
        description=description,
        balance=balance,
        client=given("client", st.sampled_from(["", "Acme", "Studio Noor"]), ""),
        contract=given("contract", st.sampled_from(["", "Logo design", "Data pipeline"]), ""),
        contract_id=given("contract_id", _numbered("3810000", 99) if weekly else contract_id, None),
        related_id=related,
        hours=hours,
        local_amount=local,
        exchange_rate=rate,
        # The current exports' headers may carry added columns (the weekly summary's
        # Activity ID, the report's Entered Description); the older History's not.
        extra=given("extra", st.sampled_from([(), (_ADDED_COLUMN[export],)]), ())
        if export in _ADDED_COLUMN
        else (),
    )
    if export is None or kind is not TransactionKind.SERVICE_FEE:
        return row
    return _fee_as_written(row, export, related)


#: A row's description, when it is not an hourly invoice's.
_DESCRIPTIONS = st.sampled_from(["", "Invoice for 2024-01-01", "Logo design"])
#: The most billing segments an invoice's text says were worked (40 hours of 10 minutes).
_MOST_SEGMENTS = 240
#: The segments an invoice's text says were worked, or (half the time) 0: the text alone.
_INVOICE_SEGMENTS = _sometimes(st.just(0), st.integers(1, _MOST_SEGMENTS), one_in=2)
#: The highest hourly rate an invoice's text is drawn with: ``$999.99/hr`` (no thousands
#: separator to guess).
_HIGHEST_RATE = Decimal("999.99")
_CENT = Decimal("0.01")


def _invoice_text(on: date, amount: Money, segments: int) -> str:
    """Upwork's text for the invoice dated *on*: the week before *on*'s, and maybe the hours.

    Upwork dates an hourly invoice the Monday after its billing week, so the
    row pays the week before the one holding its day (the row falls 1 to 7
    days after that week's Sunday).  With *segments* (billing segments of
    the rules in force on *on*), the text goes on `` - H:MM hrs @ $R/hr``,
    the hours times the whole-cent rate exactly *amount*: the nearest number
    of segments to *segments* (fewer first) that gives a rate up to
    ``$999.99``; the text alone when none does.
    """
    monday = on - timedelta(days=on.weekday() + 7)
    sunday = monday + timedelta(days=6)
    text = f"Invoice for {monday:%m/%d/%Y}-{sunday:%m/%d/%Y}"
    if segments == 0:
        return text
    segment = rules.as_of(on).hourly_segment // _MINUTE
    for count in (*range(segments, 0, -1), *range(segments + 1, _MOST_SEGMENTS + 1)):
        minutes = count * segment
        rate = CONTEXT.divide(CONTEXT.multiply(amount.amount, 60), Decimal(minutes))
        if rate == rate.quantize(_CENT, context=CONTEXT) and rate <= _HIGHEST_RATE:
            hours, rest = divmod(minutes, 60)
            return f"{text} - {hours}:{rest:02d} hrs @ ${rate.quantize(_CENT, context=CONTEXT)}/hr"
    return text


#: An added column each export that may have one can carry, with a value.
_ADDED_COLUMN: dict[StatementFormat | None, tuple[str, str]] = {
    None: ("Activity ID", "1234"),
    StatementFormat.WEEKLY_SUMMARY: ("Activity ID", "1234"),
    StatementFormat.TRANSACTIONS_REPORT: ("Entered Description", "Logo v2"),
}


def _fee_as_written(fee: Transaction, export: StatementFormat, related: str | None) -> Transaction:
    """A service fee row as *export* writes it: signed by its word, naming its payment."""
    if fee.signed_against_kind:  # a "Service fee refund" gives a fee back: above zero
        local = None if fee.local_amount is None else -fee.local_amount  # keeps the amount's sign
        fee = attrs.evolve(fee, amount=-fee.amount, local_amount=local)
    if export is StatementFormat.TRANSACTIONS_REPORT:  # a fee shares its payment's id
        return attrs.evolve(fee, related_id=fee.id)
    # The Transaction History names the payment in the fee's description.
    return attrs.evolve(fee, description="" if related is None else _fee_text(fee, related))
