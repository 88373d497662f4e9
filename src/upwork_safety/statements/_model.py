"""The values a statement is made of: transactions, their kinds, balance breaks (private).

Every rule a parsed export must keep is checked here, in the constructors, so
that a :class:`Statement` built by hand obeys the same rules as one read by
:func:`~upwork_safety.statements.parse`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety._amount_fields import check_money
from upwork_safety._decimals import CONTEXT, MAX_ITEMS, fraction
from upwork_safety._display import shown, shown_int
from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_text, plain_int, plain_text, whole_number
from upwork_safety._text import is_blank
from upwork_safety._validate import (
    KEPT_ORDER,
    field_name,
    instance,
    member_field,
    optional_instance,
    sequence_of,
    shown_text_field,
    text_field,
    text_value,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.money import (
    Money,
    optional_plain_money,
    plain_money,
    require_money,
    to_decimal,
)
from upwork_safety.rules import as_of
from upwork_safety.statements._cells import cell, cell_text
from upwork_safety.statements._kinds import (
    INCOME_KINDS,
    TransactionKind,
    against_its_kind,
    blank,
    folded,
    kind_of_text,
)
from upwork_safety.statements._local import local_amount_field

#: Upwork's balance and every amount in its exports are in US dollars.
USD = "USD"

_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)
#: Half a minute, in hours: how far a written hours value may be from a
#: whole number of steps (Upwork writes 20 minutes as 0.33333).
_HALF_MINUTE = CONTEXT.divide(Decimal(1), Decimal(120))
#: The hours in one billing week (Monday 00:00 to Sunday 24:00 UTC): the most the
#: rows of one contract in one billing week of the weekly summary add up to.
WEEK_HOURS = Decimal(timedelta(weeks=1) // _HOUR)
#: The hours in one day: a row of the weekly summary is one day's work of one contract
#: (its Date is the day worked: the public sample the reader follows has a row per
#: contract and day, weekends included), so one contract's rows of one date add up to
#: at most this, and so does each row.
DAY_HOURS = Decimal(timedelta(days=1) // _HOUR)


def segment_minutes(on: date) -> int:
    """The length in minutes of the billing segment in force *on* (10).

    Upwork bills and writes hours in its Work Diary segments
    (``PlatformRules.hourly_segment``, HC 211068518).
    """
    return as_of(on).hourly_segment // _MINUTE


def segment_steps(hours: Decimal, on: date) -> bool:
    """Whether *hours* is a whole number of the segments in force *on*, as Upwork writes it.

    Exact values (``1.5``) count, and so do steps rounded to the decimals
    shown (``0.33333`` for 20 minutes, ``8.66667`` for 8 h 40 min), as long as
    the written value is within half a minute of the step.
    """
    per_hour = Decimal(_HOUR // as_of(on).hourly_segment)
    steps = CONTEXT.multiply(hours, per_hour).to_integral_value(context=CONTEXT)
    exact = CONTEXT.divide(steps, per_hour)
    if exact == hours:
        return True
    # Whole hours are exact, so *hours* has decimals here: round the step to as many.
    exponent = int(hours.as_tuple().exponent)
    written = exact.quantize(Decimal(1).scaleb(exponent), context=CONTEXT)
    return written == hours and CONTEXT.subtract(exact, hours).copy_abs() < _HALF_MINUTE


#: The first line a row can start on: line 1 is the header, or a blank line before it.
FIRST_ROW_LINE = 2
#: Most physical lines accepted in one export (blank lines and quoted line breaks
#: count too), and so the highest line a row may be on.  The same number as the
#: most items of any list argument (``_decimals.MAX_ITEMS``): one bound for
#: everything the library reads.
MAX_LINES = MAX_ITEMS


def _line(instance: object, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    number = whole_number(value)  # the int it holds: a subclass's comparisons may lie (r18 M1)
    if number is None:
        raise InvalidTypeError(
            f"{name} must be an int line number, not {type(value).__name__}",
            field=name,
            rule="an int line number",
        )
    if not FIRST_ROW_LINE <= number <= MAX_LINES:
        raise InvalidValueError(
            f"{name} must be a row's line, {FIRST_ROW_LINE} (the header comes first) to "
            f"{MAX_LINES:,} (the most lines an export may have), got {shown_int(number)}",
            field=name,
            rule=f"{FIRST_ROW_LINE} to {MAX_LINES}",
        )


#: Every US dollar amount and balance of one row is below this in size (a
#: billion dollars, far beyond any Upwork payment): with at most
#: :data:`~upwork_safety.statements.MAX_ROWS` rows, any sum of them, even
#: converted at 10,000 rupees to the dollar, stays within Money's 18 integer
#: digits, so every total of an export is exact.
MAX_AMOUNT = Decimal(10**9)  # whole-number arithmetic: no decimal context at import
#: The most decimal places of a row's US dollar amount or balance: whole cents.
CENT_PLACES = 2
#: The most columns an export's header may have, its own and any added (the
#: Transactions report has 19; the weekly summary lets a few details be
#: added), and so the most distinct ``extra`` columns a statement holds: each
#: is a key of every one of its records (:meth:`Statement.to_records`).
MAX_COLUMNS = 128


def row_amount_problem(amount: Decimal) -> tuple[str, str] | None:
    """What is wrong with *amount* as one row's US dollar amount or balance, or ``None``.

    The one rule for both the reader (a cell of the export) and the
    constructors (a row built in code or loaded from JSON): whole cents, as
    Upwork writes them (at most two decimal places written), and below
    :data:`MAX_AMOUNT` in size.

    Returns:
        ``(what is wrong, the rule)``, the first completing a sentence about
        the amount ("has more than 2 decimal places ...").
    """
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: Money refuses them before this
        return "is not a number", "a finite amount"
    if -exponent > CENT_PLACES:
        return (
            f"has more than {CENT_PLACES} decimal places (Upwork writes whole cents)",
            f"at most {CENT_PLACES} decimal places",
        )
    if amount.copy_abs() >= MAX_AMOUNT:  # copy_abs: exact, whatever the caller's context
        beyond = (
            f"is beyond any Upwork amount (below {MAX_AMOUNT:,} USD), so the file's sums "
            "could not be exact"
        )
        return beyond, f"below {MAX_AMOUNT:,} USD"
    return None


def usd_field(*, non_negative: bool = False, optional: bool = False, row: bool = False) -> Any:
    """An attrs validator: Money in USD, Upwork's balance currency.

    Args:
        non_negative: Refuse a negative amount too.
        optional: Let ``None`` through.
        row: One row's amount or balance, which must keep
            :func:`row_amount_problem`'s rule (whole cents, below
            :data:`MAX_AMOUNT`) as the reader does.
    """
    check = check_money if non_negative else require_money

    def validate(instance: object, attribute: Any, value: Any) -> None:
        if optional and value is None:
            return
        name = field_name(instance, attribute)
        money = check(value, name)
        if money.currency != USD:
            raise CurrencyMismatchError(
                f"{name} must be in USD (Upwork's balance currency), got {money.currency}",
                field=name,
                rule="in USD",
            )
        problem = row_amount_problem(money.amount) if row else None
        if problem is not None:
            raise InvalidValueError(
                f"{name} {problem[0]}: got {money}", field=name, rule=problem[1]
            )

    return validate


def optional_fraction_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None``, or a ``Decimal`` fraction from 0 up to (not including) 1."""
    name = field_name(instance, attribute)
    if optional_instance(value, Decimal, name, rule="a Decimal fraction or None") is not None:
        fraction(value, name)


def hours_problem(kind: TransactionKind, *, given: bool, needed: bool) -> str | None:
    """What is wrong with the hours of a row of *kind*, or ``None``.

    The one rule for the reader and the constructors: hours are worked on
    hourly rows only, and where the export gives hours (*needed*: the weekly
    summary) every hourly row has them.

    Args:
        kind: The row's kind.
        given: Whether the row has hours.
        needed: Whether its export gives every hourly row its hours.
    """
    if given and kind is not TransactionKind.HOURLY:
        return f"a {kind.value} row has no hours (only hourly rows do)"
    if needed and not given and kind is TransactionKind.HOURLY:
        return "an hourly row needs its hours (the weekly summary gives them)"
    return None


def _optional_cell_id(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None``, or an export's id cell as written, showing something.

    Not :func:`~upwork_safety._validate.id_field`: a row keeps its cells as the
    export writes them (red team r39, hostile2 5: one Transaction ID with a
    space refused the whole export), and its ids are never a model's ids.
    """
    if value is not None:
        shown_text_field(instance, attribute, value)


#: The rule of an export's contract id: Upwork writes it in ASCII digits, so the same id
#: in full-width or Arabic-Indic digits, or with a joiner or a mark among them, would be
#: read as another contract's (red team r43 F4, second red team r43 F1).
CONTRACT_ID_RULE = "a contract id in ASCII"


def contract_id_problem(ident: str) -> str | None:
    """Why *ident* cannot be an export's contract id (:data:`CONTRACT_ID_RULE`), or ``None``."""
    if ident.isascii():
        return None
    return (
        f"the contract id {shown(ident)} holds characters that are not ASCII, so it would "
        "be another contract's; an export writes its ids in ASCII digits, e.g. "
        "'Logo design (38100001)'"
    )


def _contract_id(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: :func:`_optional_cell_id`, in ASCII (:data:`CONTRACT_ID_RULE`)."""
    _optional_cell_id(instance, attribute, value)
    if value is not None and (problem := contract_id_problem(value)) is not None:
        name = field_name(instance, attribute)
        raise InvalidValueError(f"{name}: {problem}", field=name, rule=CONTRACT_ID_RULE)


def _hours(instance: Transaction, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    if optional_instance(value, Decimal, name) is None:
        return
    on = instance.on  # validators run once every field is set
    if value.is_finite() and value > DAY_HOURS:
        raise InvalidValueError(
            f"{name} must be at most {DAY_HOURS}, the hours in a day (a row of the weekly "
            f"summary is one day's work of a contract), got {value}",
            field=name,
            rule=f"at most {DAY_HOURS} hours",
        )
    if not value.is_finite() or value < 0 or not segment_steps(value, on):
        minutes = segment_minutes(on)
        raise InvalidValueError(
            f"{name} must be a non-negative whole number of {minutes}-minute steps (the "
            f"billing segment on {on}; e.g. 1.5 or 0.33333 for 20 minutes), got {value}",
            field=name,
            rule=f"whole {minutes}-minute steps",
        )
    problem = hours_problem(instance.kind, given=True, needed=False)
    if problem is not None:
        raise InvalidValueError(f"{name}: {problem}", field=name, rule="hours on hourly rows only")


def _rate(instance: object, attribute: Any, value: Any) -> None:
    """An exchange rate as :class:`~upwork_safety.ExchangeRate` holds one, or ``None``.

    Positive, and within the digits every number of the library keeps
    (:func:`~upwork_safety.money.to_decimal`), so a row that is built can be
    saved and read back.
    """
    name = field_name(instance, attribute)
    if optional_instance(value, Decimal, name) is None:
        return
    if not value.is_finite() or value <= 0:
        raise InvalidValueError(
            f"{name} must be positive, got {shown(value)}", field=name, rule="positive"
        )
    to_decimal(value, name)  # refuses more digits than a number may have, naming the field


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    """A converter: *extra* as (column, value) pairs, each column named once, no empty cell."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    given: tuple[tuple[object, ...] | list[object], ...] = sequence_of(
        value, (tuple, list), "Transaction.extra", ordered=KEPT_ORDER
    )
    for index, pair in enumerate(given):
        if len(pair) != 2 or not all(isinstance(item, str) for item in pair):
            raise InvalidTypeError(
                f"Transaction.extra[{index}] must be a (column, value) pair of str",
                field=f"Transaction.extra[{index}]",
                rule="a (column, value) pair of str",
            )
        column, text = pair
        name = f"Transaction.extra[{index}]"
        column = text_value(str(column), f"{name}[0]")
        text = text_value(str(text), f"{name}[1]")
        cell_text(column, f"{name}[0]")
        cell_text(text, f"{name}[1]")
        if is_blank(column):
            raise InvalidValueError(
                f"{name}[0] must name its column, got {shown(column)}",
                field=f"{name}[0]",
                rule="a column name that shows something",
            )
        if blank(text):
            raise InvalidValueError(
                f"{name}[1]: extra keeps only non-empty cells, got {shown(text)}",
                field=f"{name}[1]",
                rule="a non-empty cell",
            )
        if folded(column) in seen:
            raise InvalidValueError(
                f"{name}[0]: the column {shown(column)} is already in extra (at "
                f"{seen[folded(column)]}); each column is kept once",
                field=f"{name}[0]",
                rule="one pair per column",
            )
        seen[folded(column)] = index
        pairs.append((column, text))
    return tuple(pairs)


@through_init
@attrs.frozen(kw_only=True)
class Transaction:
    """One row of an Upwork export, typed.

    Amounts are signed as the export signs them: earnings are positive, fees,
    withdrawals and refunds to the client negative.

    Args:
        line: The line of the file the row starts on: 2 or more, since the
            header comes before every row.
        on: The row's date.
        kind: What the row is (a :class:`TransactionKind`, or its text).
        amount: The signed amount, in USD.
        id: The row's id (``Ref ID`` in the Transaction History,
            ``Transaction ID`` in the Transactions report), or ``None`` when
            the export gives none (the weekly summary never does; a cell
            that shows nothing, by the library's one blank rule, gives none).
        type_text: The type exactly as the export writes it, e.g.
            ``"Fixed-price"``.
        description: The row's description (``Description``, or ``Transaction
            Summary Details`` in the Transactions report).
        balance: The running balance after this row, or ``None`` when the
            export gives none (weekly summary, scheduled rows).
        client: The client's team name (``Team`` or ``Client team``), or ``""``.
        contract: The contract's title where the export names it
            (``Transaction Summary``, or the weekly summary's ``Contract``).
        contract_id: The contract's id, where the export gives one (the
            weekly summary, in parentheses after the title), in ASCII as
            the export writes it (rule ``"a contract id in ASCII"``).
        related_id: The id of the row this one belongs to: the income row a
            service fee was charged on (``Service Fee for Ref ID 900001``;
            in the Transactions report, the shared ``Transaction ID``), or a
            row named by ``Ref ID`` in the texts of a row that is not income
            (never in the contract's title, nor in an income row's texts,
            which are titles the client writes).  ``None`` when the texts
            name two or more rows: which one the row belongs to is not
            guessed, and :func:`~upwork_safety.statements.audit_fees` lists
            such a fee in ``not_checked``, naming the ids.
        hours: Hours worked (weekly summary, hourly rows): a whole number of
            10-minute steps as Upwork writes them (``0.33333`` is 20 minutes),
            at most the 24 hours of a day (a row is one day's work of a
            contract; :class:`Statement` adds one contract's rows up by day and by
            billing week).  Only the weekly summary gives them: the hours in a Transactions
            report's invoice text are not read.
        local_amount: ``Amount in local currency`` in ``Currency``, when given:
            the amount in that currency, so of its sign (zero only with zero),
            and the amount itself when ``Currency`` is ``USD`` (a row Upwork did
            not convert); :attr:`converted` is it only when it was converted.
        exchange_rate: The ``ExchangeRate`` column of the older export's
            variant, when given.
        extra: Every other non-empty column (a column added to the weekly
            summary, such as ``Activity ID``, or to the Transactions report,
            such as ``Entered Description``, too), as ``(column, value)``
            pairs in the file's order, so nothing the export said is lost:
            each column named (not blank) and kept once, each value not empty.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A line below 2, an empty id, hours that are not
            10-minute steps, are over a day's or are on a row that is not hourly, a rate that is
            not positive, or an amount or balance that is not whole cents
            (at most two decimal places written, as the reader requires) or
            not below :data:`MAX_AMOUNT` in size, or an *extra* column that
            is blank or named twice, or an empty *extra* value, or a text
            (an *extra* column or value too) longer than an export's cell
            holds (:data:`~upwork_safety.statements.MAX_FIELD_CHARS`) or holding a NUL character,
            which no text export holds (the reader's rules, so a row built
            in code or loaded from JSON is one a file could give), or a
            *local_amount* not of the amount's sign, or in USD and not the amount.
        CurrencyMismatchError: An amount or balance not in USD.
    """

    line: int = attrs.field(converter=plain_int, validator=_line)
    on: date = attrs.field(converter=to_date, validator=date_field)
    kind: TransactionKind = attrs.field(
        converter=kind_of_text, validator=member_field(TransactionKind)
    )
    amount: Money = attrs.field(converter=plain_money, validator=usd_field(row=True))
    id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=cell(_optional_cell_id)
    )
    type_text: str = attrs.field(converter=plain_text, default="", validator=cell(text_field))
    description: str = attrs.field(converter=plain_text, default="", validator=cell(text_field))
    balance: Money | None = attrs.field(
        converter=optional_plain_money, default=None, validator=usd_field(optional=True, row=True)
    )
    client: str = attrs.field(converter=plain_text, default="", validator=cell(text_field))
    contract: str = attrs.field(converter=plain_text, default="", validator=cell(text_field))
    contract_id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=cell(_contract_id)
    )
    related_id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=cell(_optional_cell_id)
    )
    hours: Decimal | None = attrs.field(default=None, validator=_hours)
    local_amount: Money | None = attrs.field(
        converter=optional_plain_money, default=None, validator=local_amount_field
    )
    exchange_rate: Decimal | None = attrs.field(default=None, validator=_rate)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    @property
    def converted(self) -> Money | None:
        """:attr:`local_amount` when in another currency than the amount (rupees), else ``None``."""
        local = self.local_amount
        return None if local is None or local.currency == self.amount.currency else local

    @property
    def is_income(self) -> bool:
        """Whether the row is earnings before fees (fixed price, hourly or bonus)."""
        return self.kind in INCOME_KINDS

    def extra_value(self, column: str) -> str | None:
        """The value of the *extra* column *column* (``"Payment Method"``), or ``None``.

        *column* is compared as the readers compare a header (ASCII case and
        spacing folded); ``None`` when the row has no value in such a column.

        Raises:
            InvalidTypeError: *column* is not a str.
        """
        wanted = folded(instance(column, str, "column"))
        return next((value for name, value in self.extra if folded(name) == wanted), None)

    @property
    def signed_against_kind(self) -> bool:
        """Whether the row is signed the other way from its kind's rows (a reversal, or a mistake).

        Earnings written with a minus sign (``-0.00`` too), or money taken
        from the balance (:data:`OUTGOING_KINDS`) above zero; a service fee
        row is signed by its word: a ``Service fee refund`` with no minus
        sign, any other fee at zero or below.  :func:`~upwork_safety.statements.summarize` names
        such rows in its notes (the fee audit goes by the sign alone: a fee
        row above zero gives a fee back, whatever its word).
        """
        return against_its_kind(self.kind, self.amount.amount, self.type_text)

    def __repr__(self) -> str:
        # One line: a row's texts and its extra columns can run long.
        parts = [f"{self.kind.value} {self.amount}"]
        if self.balance is not None:
            parts.append(f"balance {self.balance}")
        if self.id is not None:
            parts.append(f"id {shown(self.id)}")
        if self.hours is not None:
            parts.append(f"{cut(str(self.hours))} h")
        if self.contract:
            parts.append(f"contract {shown(self.contract)}")
        elif self.description:
            parts.append(shown(self.description))
        if self.contract_id is not None:
            parts.append(f"contract_id {shown(self.contract_id)}")
        return f"<Transaction line {self.line}, {self.on.isoformat()}: {', '.join(parts)}>"


def cut(text: str, limit: int = 20) -> str:
    """*text* (a number written out) cut to *limit* characters, for a repr."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
