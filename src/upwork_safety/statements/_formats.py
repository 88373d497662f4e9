"""The three Upwork exports: their headers, type words, dates and numbers (private).

What each export looks like was checked against public parsers of real
exports (read for column names, type words and date styles; no code copied):

* kstockk/ledger-importers, ``importers/upwork.py``: the 19-column
  Transactions report header, read with ``utf-8-sig`` (the file starts with
  a BOM), ``Team`` as the client, and the types ``Fixed-price``, ``Hourly``,
  ``Bonus``, ``GST``, ``Connects``, ``Subscription``, ``Service Fee``,
  ``Payment``.
* An Upwork quarter check (``upwork_check.py`` and its test, in a public
  repository stored without its name): the same report with lower-case
  headers (``Transaction type``, ``Account name``, ``Current balance $``)
  and ``Agency team`` / ``Client team`` for ``Agency`` / ``Team``; dates such
  as ``Oct 2, 2026`` (one-digit days).
* Public TypeScript importers of the Transactions report (stored without
  their names): an income row and its service fee share one ``Transaction
  ID``; ``Payment`` rows may have none; refunds appear as ``Refund to
  client`` and ``Service fee refund``; fixed-price rows also as
  ``Milestone``.
* redstreet/beancount_reds_importers, its Upwork importer, and public
  beancount importers for the older Transaction History: the 13 columns with
  ``Amount in local currency`` or, in a variant, ``ExchangeRate``; dates
  ``%b %d, %Y``; the types ``Fixed Price``, ``Hourly``, ``Bonus``,
  ``Refund``, ``Service Fee``, ``Withdrawal``, ``Miscellaneous``; newest row
  first with a running ``Balance``.
* A public TypeScript parser of the Transactions report for GST invoices
  (stored without its name): beside the words above it reads
  ``Membership`` (a platform fee, with ``Subscription``), ``VAT``, ``WHT``
  and ``Processing Fee`` (rows it skips as tax-related) and ``Adjustment``
  (with ``Refund``); Upwork's own list of a statement's payment types
  (HC 14380868618898) has ``misc``.
* naodalemu/upwork-analytics, ``public/sample-data.csv``: the 5-column
  weekly summary with ISO dates, the contract id in parentheses after the
  title, hours such as ``0.33333`` (20 minutes), and ``Payment type`` empty
  (hourly), ``Fixed Price Payment`` or ``Bonus``.

No public export shows thousands separators in amounts, so none are
accepted: ``1,234.56`` is refused with a message saying so.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety import errors
from upwork_safety._decimals import CONTEXT, MAX_DIGITS
from upwork_safety._display import shown
from upwork_safety._last_day import LATEST
from upwork_safety._text import is_blank
from upwork_safety.statements import _model
from upwork_safety.statements._kinds import (
    TYPE_WORDS,
    TYPES,
    WEEKLY_TYPES,
    StatementFormat,
    TransactionKind,
    folded,
)
from upwork_safety.statements._model import (
    DAY_HOURS,
    row_amount_problem,
    segment_minutes,
    segment_steps,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Longest physical line accepted, in characters.
MAX_LINE_CHARS = 20_000
#: Most rows accepted in one export (decades of weekly invoices fit many times over).
MAX_ROWS = 50_000
#: Most physical lines accepted (blank lines and quoted line breaks count too).
MAX_LINES = _model.MAX_LINES
#: Most characters accepted in one export.
MAX_CHARS = 20_000_000
#: Most problems listed in one error (the library-wide bound of InvalidDataError);
#: reading stops there.
MAX_PROBLEMS = errors.MAX_PROBLEMS
MAX_AMOUNT = _model.MAX_AMOUNT


@attrs.frozen
class Column:
    """One column of an export: the key the parser uses and the names it is known by."""

    key: str
    names: tuple[str, ...]

    @property
    def title(self) -> str:
        """The column's name as Upwork writes it."""
        return self.names[0]


@attrs.frozen
class FormatSpec:
    """The columns of one export (a variant, where an export has two)."""

    format: StatementFormat
    columns: tuple[Column, ...]
    variant: str = ""
    #: Whether columns beyond :attr:`columns` may follow (kept in ``Transaction.extra``):
    #: the current exports, which Upwork still changes; never the older Transaction
    #: History, whose two variants a column of the other would then be read as.
    open: bool = False

    @property
    def label(self) -> str:
        """The export's name and shape, e.g. ``Weekly summary (5 columns)``."""
        extra = f", {self.variant}" if self.variant else ""
        return f"{self.format.title} ({len(self.columns)} columns{extra})"


def _columns(*specs: str | tuple[str, ...]) -> tuple[Column, ...]:
    found: list[Column] = []
    for spec in specs:
        names = (spec,) if isinstance(spec, str) else spec
        key = re.sub(r"[^a-z0-9]+", "_", names[0].casefold()).strip("_")
        found.append(Column(key, names))
    return tuple(found)


_HISTORY_START = ("Date", "Ref ID", "Type", "Description", "Agency", "Freelancer", "Team")
_HISTORY_MIDDLE = ("Account Name", "PO", "Amount")

SPECS: tuple[FormatSpec, ...] = (
    FormatSpec(
        StatementFormat.TRANSACTION_HISTORY,
        _columns(
            *_HISTORY_START,
            *_HISTORY_MIDDLE,
            "Amount in local currency",
            "Currency",
            "Balance",
        ),
    ),
    FormatSpec(
        StatementFormat.TRANSACTION_HISTORY,
        _columns(*_HISTORY_START, *_HISTORY_MIDDLE, "ExchangeRate", "Currency", "Balance"),
        variant="with ExchangeRate",
    ),
    FormatSpec(
        StatementFormat.TRANSACTIONS_REPORT,
        _columns(
            "Date",
            "Transaction ID",
            "Transaction Type",
            "Transaction Summary",
            "Transaction Summary Details",
            "Description 1",
            "Description 2",
            "Description 3",
            ("Agency", "Agency team"),
            "Freelancer",
            ("Team", "Client team"),
            "Account Name",
            "PO",
            "Ref ID",
            "Amount $",
            "Amount in local currency",
            "Currency",
            "Current Balance $",
            "Payment Method",
        ),
        # A public importer of this report also lists an "Entered Description"
        # column: a current export may carry more than these 19, as the weekly
        # summary may, and one more column must not make the file unreadable.
        open=True,
    ),
    # Upwork lets the weekly summary be customised "to include additional details
    # such as Activity ID" before it is downloaded (HC 51481326960275).
    FormatSpec(
        StatementFormat.WEEKLY_SUMMARY,
        _columns("Date", "Contract", "Hours", "Amount", "Payment type"),
        open=True,
    ),
)


def known_formats() -> str:
    """Every known export by name and shape, for error messages."""
    return ", ".join(spec.label for spec in SPECS)


def unnamed(position: int, count: int) -> str:
    """Says that the column at *position* (of *count*) has no name, and why it may not.

    A comma at the end of every line, which a spreadsheet can add when it
    saves the file again, makes the last column one with no name.
    """
    hint = " (a comma at the end of the header line?)" if position == count - 1 else ""
    return f"column {position + 1} has no name{hint}"


def _added_columns(
    spec: FormatSpec, header: Sequence[str], cells: list[str], taken: set[int]
) -> str:
    """What is wrong with the columns a header of *spec* has beyond its own, or ``""``.

    Each added column needs a name that shows something (:func:`is_blank`)
    and no other column of the header has (names compared as
    :func:`~._kinds.folded` compares them), so its values can be kept under it.
    """
    first: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if i in taken:
            continue
        if is_blank(cell):
            return (
                f"the header of the {spec.label} has more columns, which it may, but "
                f"{unnamed(i, len(cells))}: each added column needs a name, so its values "
                "can be kept under it"
            )
        if cell in first:
            return (
                f"the header of the {spec.label} has more columns, which it may, but "
                f"column {i + 1} has the name of column {first[cell] + 1}, "
                f"{shown(header[i].strip(' '))}: "
                "each added column needs a name of its own, so its values can be told apart"
            )
        first[cell] = i
    return ""


def detect(header: Sequence[str]) -> tuple[FormatSpec, dict[str, int]] | str:
    """Match *header* to a known export: its spec and column positions, or what is wrong.

    Names are compared without regard to ASCII case or runs of ASCII spaces
    and tabs (:func:`~._kinds.folded`); the order of the columns does not
    matter, but every column must be there exactly once, and no other except
    in an export that may have more (:attr:`FormatSpec.open`: the
    Transactions report and the weekly summary), each with a name of its own.
    """
    if len(header) > _model.MAX_COLUMNS:
        return (
            f"the header has {len(header):,} columns; an Upwork export's has at most "
            f"{_model.MAX_COLUMNS} (its own and any added)"
        )
    cells = [folded(cell) for cell in header]
    best: tuple[int, FormatSpec, list[str], list[str]] | None = None
    for spec in SPECS:
        positions: dict[str, int] = {}
        missing: list[str] = []
        for column in spec.columns:
            names = {folded(n) for n in column.names}
            found = [i for i, cell in enumerate(cells) if cell in names]
            if len(found) == 1:
                positions[column.key] = found[0]
            else:
                missing.append(column.title)
        taken = set(positions.values())
        unexpected = [
            unnamed(i, len(cells)) if is_blank(header[i]) else shown(header[i].strip())
            for i in range(len(cells))
            if i not in taken
        ]
        if not missing and (spec.open or not unexpected):
            return _added_columns(spec, header, cells, taken) or (spec, positions)
        if best is None or len(positions) - len(unexpected) > best[0]:
            best = (len(positions) - len(unexpected), spec, missing, unexpected)
    assert best is not None
    _, spec, missing, unexpected = best
    message = (
        f"the header is not one of an Upwork export this library reads (known: {known_formats()})"
    )
    if len(missing) * 2 > len(spec.columns):
        return message  # nothing close enough to be worth comparing
    parts = []
    if missing:
        parts.append("missing or repeated " + ", ".join(shown(m) for m in missing))
    if unexpected:
        listed = ", ".join(unexpected[:10])
        more = f" and {len(unexpected) - 10} more" if len(unexpected) > 10 else ""
        # An open export may have more columns: those are not what is wrong.
        label = "besides its own columns" if spec.open else "unexpected"
        parts.append(f"{label} {listed}{more}")
    return f"{message}; closest is the {spec.label}: {'; '.join(parts)}"


# ---------------------------------------------------------------------------- type words

# TYPE_WORDS, TYPES and WEEKLY_TYPES live beside TransactionKind (_model), where the
# constructors check a row's kind against its word; the reader uses the same tables.


#: The rule a type cell keeps, for the problems that break it.
TYPE_RULE = "a type word the export uses"


#: How to read the rows of a type word the library does not know, in Python and on the
#: command line: what the problem of an unknown word in a transaction export ends with
#: (newcomer r27 4: only the command line had said it).
UNKNOWN_TYPES_FIX = (
    "to read such rows anyway, counted under 'other' and named in the summary's notes, "
    'pass unknown_types="other" to parse (on the command line: --unknown-types other)'
)


def kind_of(text: str, *, weekly: bool) -> TransactionKind | str:
    """The kind a type word names, or a problem listing the known words.

    In a transaction export the problem ends with :data:`UNKNOWN_TYPES_FIX`;
    a weekly summary's rows are earnings, and an unknown word there is
    always refused.
    """
    table = WEEKLY_TYPES if weekly else TYPES
    kind = table.get(folded(text))
    if kind is not None:
        return kind
    if weekly:
        return (
            f"unknown type {shown(text)}; known types: empty (hourly), "
            "'Fixed Price Payment' or 'Bonus'"
        )
    known = ", ".join(repr(word) for word, _ in TYPE_WORDS)
    return f"unknown type {shown(text)}; known types: {known}; {UNKNOWN_TYPES_FIX}"


# ---------------------------------------------------------------------------- values

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_US_DATE = re.compile(r"([A-Z][a-z]{2}) ([0-9]{1,2}), ([0-9]{4})")
#: An amount as the reader takes it: at most :data:`MAX_DIGITS` digits either
#: side of the point, as every amount of the library.
_AMOUNT = re.compile(rf"[+-]?[0-9]{{1,{MAX_DIGITS}}}(?:\.[0-9]{{1,{MAX_DIGITS}}})?")
#: An amount's shape with any number of digits: one that is not :data:`_AMOUNT`
#: is refused by the size rule it breaks, not called "not an amount" (red team r22 L2).
_AMOUNT_SHAPE = re.compile(r"[+-]?([0-9]+)(?:\.([0-9]+))?")
_PLAIN = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,18})?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_REF_ID = re.compile(r"\bRef ID:?\s*([0-9]{1,30})\b", re.ASCII | re.IGNORECASE)


#: How a spreadsheet writes a date it re-saved (7/23/2025, 23.07.25): not Upwork's.
_SPREADSHEET_DATE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}")

#: The rule a date cell keeps, for the problems that break it.
DATE_RULE = "a date like 'Jan 01, 2023' or '2023-01-01'"
#: The rule an amount cell keeps, for the problems that break it (a spreadsheet
#: that wrote one amount as ``$150.00`` wrote them all).
AMOUNT_RULE = "an amount as an Upwork export writes it (-12.50)"


def parse_date(text: str) -> date | str:
    """A date written ``Jan 01, 2023`` (English month, one- or two-digit day) or ISO.

    Month names are matched here rather than by ``strptime``, whose ``%b``
    follows the process locale.
    """
    iso = _ISO_DATE.fullmatch(text)
    us = _US_DATE.fullmatch(text)
    try:
        if iso is not None:
            value = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif us is not None and us[1] in _MONTHS:
            value = date(int(us[3]), _MONTHS.index(us[1]) + 1, int(us[2]))
        else:
            resaved = (
                " (a spreadsheet re-saved the file: download the export from Upwork again)"
                if _SPREADSHEET_DATE.fullmatch(text)
                else ""
            )
            return f"{shown(text)} is not {DATE_RULE}{resaved}"
    except ValueError:
        return f"{shown(text)} is not a day of the calendar"
    if value > LATEST:
        return f"{shown(text)} is after {LATEST.isoformat()}, the last day supported"
    return value


def parse_amount(text: str, *, usd: bool = True) -> Decimal | str:
    """A signed amount in canonical form: ASCII digits, optional sign, one point.

    Args:
        text: The field.
        usd: A US dollar amount or balance, which must keep the rule of
            :func:`~._model.row_amount_problem` (whole cents, below
            :data:`MAX_AMOUNT`, so the file's sums stay exact); ``False``
            for the local-currency column, kept but never summed (no limit
            beyond the money limit of 18 places).
    """
    if not _AMOUNT.fullmatch(text):
        if _GROUPED.fullmatch(text):
            return (
                f"{shown(text)} has thousands separators; Upwork exports write amounts "
                "without them (1234.56), so this file was changed or is not an export"
            )
        shape = _AMOUNT_SHAPE.fullmatch(text)
        if shape is None:
            return (
                f"{shown(text)} is not an amount: expected ASCII digits with an optional sign "
                "and one decimal point, e.g. -12.50"
            )
        return _too_long(text, shape, usd=usd)
    value = Decimal(text)
    if not usd:
        return value
    problem = row_amount_problem(value)  # the constructors' own rule
    if problem is not None:
        return f"{shown(text)} {problem[0]}"
    return value


def _too_long(text: str, shape: re.Match[str], *, usd: bool) -> str:
    """Why *text*, an amount in shape with more digits than :data:`_AMOUNT` takes, is refused.

    A US dollar amount breaks :func:`~._model.row_amount_problem`'s rule (a
    cell is at most :data:`~upwork_safety.statements.MAX_FIELD_CHARS` long, so reading it whole is
    cheap); a local amount, the digits every amount of the library keeps.
    """
    if usd:
        problem = row_amount_problem(Decimal(text))
        if problem is not None:  # always: 19 digits before the point, or after it
            return f"{shown(text)} {problem[0]}"
    side = "before" if len(shape[1]) > MAX_DIGITS else "after"
    return (
        f"{shown(text)} has more than {MAX_DIGITS} digits {side} the decimal point, more than "
        "any amount holds"
    )


def parse_rate(text: str) -> Decimal | str:
    """A positive exchange rate in plain decimal form."""
    if not _PLAIN.fullmatch(text) or Decimal(text) <= 0:
        return f"{shown(text)} is not a positive rate such as 1 or 0.92"
    return Decimal(text)


#: The decimals of hours in Upwork's exports (``0.33333`` for 20 minutes).
_HOURS_WRITTEN = Decimal("0.00001")


def _written(minutes: int) -> Decimal:
    """*minutes* in hours as Upwork writes them: to five decimals, half up, no trailing zeros."""
    hours = CONTEXT.divide(Decimal(minutes), Decimal(60))
    return hours.quantize(_HOURS_WRITTEN, rounding=ROUND_HALF_UP, context=CONTEXT).normalize(
        CONTEXT
    )


def parse_hours(text: str, on: date | None) -> Decimal | str:
    """Hours as the weekly summary writes them: whole billing segments (``0.16667``).

    The segment is the one in force *on* the row's date; a row whose date
    could not be read (``None``, already reported) is checked for the number
    alone.
    """
    if not _PLAIN.fullmatch(text):
        return f"{shown(text)} is not a number of hours such as 1.5 or 0.33333"
    value = Decimal(text)
    if value > DAY_HOURS:
        return (
            f"{shown(text)} is more than the {DAY_HOURS} hours of a day (a row of the weekly "
            "summary is one day's work of a contract)"
        )
    if on is not None and not segment_steps(value, on):
        minutes = segment_minutes(on)
        one, two = (_written(steps * minutes) for steps in (1, 2))
        return (
            f"{shown(text)} is not a whole number of {minutes}-minute steps, the "
            f"billing segment on {on} (Upwork writes {minutes} minutes as {one} and "
            f"{2 * minutes} minutes as {two})"
        )
    return value


def ref_ids(*texts: str) -> list[str]:
    """Every id named as ``Ref ID 900001`` in *texts*, in order."""
    return [match[1] for text in texts for match in _REF_ID.finditer(text)]


def other_ref_ids(own: str | None, *texts: str) -> tuple[str, ...]:
    """The ids *texts* name as ``Ref ID``, each once, in order, but the row's *own*.

    A row belongs to the row they name when they name one; two or more name
    no one row (red team r22 L1: a fee naming two was joined to the first).
    """
    return tuple(dict.fromkeys(found for found in ref_ids(*texts) if found != own))


#: The keys of the Transactions report's columns, beside its details, whose texts
#: may name a row by ``Ref ID`` (never its contract title, which the client writes).
REPORT_REF_KEYS = ("description_1", "description_2", "description_3")
#: Those columns' names, as the report's header writes them (kept in ``extra``).
REPORT_REF_COLUMNS = tuple(
    column.names[0]
    for spec in SPECS
    if spec.format is StatementFormat.TRANSACTIONS_REPORT
    for column in spec.columns
    if column.key in REPORT_REF_KEYS
)


def split_contract(text: str) -> tuple[str, str] | str:
    """The weekly summary's ``Title (12345678)``: title and contract id, or a problem."""
    # Read from the end, in one pass (a regular expression for "title, spaces,
    # (id)" took time quadratic in a run of spaces inside the title).
    cell = text.strip()
    start = cell.rfind("(", 0, len(cell) - 1)
    ident = cell[start + 1 : -1]
    if not cell.endswith(")") or start < 0 or ")" in ident or is_blank(ident):
        return (
            f"{shown(text)} does not end with the contract id in parentheses, "
            "e.g. 'Logo design (38100001)'"
        )
    # The id is read as written: "( 1 )" trimmed to "1" merged two contracts' rows
    # (review r31, hostile 5).
    if ident != ident.strip():
        return (
            f"{shown(text)}: the contract id {shown(ident)} has spaces inside its parentheses, "
            "which are not trimmed; an export writes it without, e.g. 'Logo design (38100001)'"
        )
    return cell[:start].rstrip(), ident
