"""Reading an export: bounded lines, the stdlib ``csv`` module, every problem listed (private).

A hostile file costs bounded time and memory: a line longer than
:data:`MAX_LINE_CHARS`, more than :data:`MAX_ROWS` rows, :data:`MAX_LINES`
lines or :data:`MAX_CHARS` characters stop the reader at once (an iterable
of lines is never read past them), and after :data:`MAX_PROBLEMS` problems
it stops reading and says where.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._validate import is_blank
from upwork_safety.errors import (
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Problem,
    UpworkSafetyError,
)
from upwork_safety.money import Money, exact, unicode_text
from upwork_safety.statements import _formats, _model
from upwork_safety.statements._formats import (
    MAX_CHARS,
    MAX_FIELD_CHARS,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_PROBLEMS,
    MAX_ROWS,
    FormatSpec,
)
from upwork_safety.statements._model import (
    USD,
    StatementFormat,
    Transaction,
    TransactionKind,
    find_breaks,
    hours_problem,
)
from upwork_safety.statements._statement import Statement

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date
    from decimal import Decimal

_BOM = "\ufeff"
#: What *text* must be, for the errors' ``rule``.
_RULE = "an Upwork CSV export (str or iterable of str lines)"
#: Text this short, one line with no comma, ending ``.csv`` or ``.txt``, is a file name.
_PATH_CHARS = 4096


class _Refused(Exception):  # noqa: N818  (internal signal, never escapes parse)
    """The input breaks a size limit: reading stops at once, with this problem."""

    def __init__(self, line: int, message: str, rule: str) -> None:
        super().__init__(message)
        self.problem = Problem(f"line {line}", message, rule=rule, line=line)


class _Stop(Exception):  # noqa: N818  (internal signal, never escapes parse)
    """Too many problems: reading stops."""


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

#: How many problems of one rule in one column are listed in full; the rest are counted.
_REPEATS = 3


#: How many lines a repeated problem's note names before saying how many others.
_NAMED_LINES = 5


class _Repeats:
    """The problems of one rule in one column not listed: how many, on which lines (a few)."""

    def __init__(self, line: int) -> None:
        self.count = 1
        self.lines = [line]  # the first _NAMED_LINES
        self.last = line
        self.contiguous = True  # every line from the first to the last has it

    def add(self, line: int) -> None:
        self.count += 1
        self.contiguous = self.contiguous and line == self.last + 1
        self.last = line
        if len(self.lines) < _NAMED_LINES:
            self.lines.append(line)

    def note(self) -> str:
        """``on 3 more lines, not listed: lines 5, 8 and 12``: the count once, the lines true."""
        if self.count == 1:
            return f"on 1 more line, not listed: line {self.last}"
        head = f"on {self.count:,} more lines, not listed: lines "
        if self.contiguous:
            return f"{head}{self.lines[0]} to {self.last}"
        if self.count <= _NAMED_LINES:
            named = ", ".join(map(str, self.lines[:-1]))
            return f"{head}{named} and {self.lines[-1]}"
        others = self.count - _NAMED_LINES
        return (
            f"{head}{', '.join(map(str, self.lines))} and {others:,} "
            f"other{'s' if others != 1 else ''}, the last on line {self.last}"
        )


class _Problems:
    """The problems found so far; the last one an error keeps says where reading stopped.

    A problem of one rule in one column (a date a spreadsheet rewrote, on
    every row) is listed in full :data:`_REPEATS` times; the rest are
    counted, and the last one listed says how many more lines have it.
    """

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._listed: dict[tuple[str, str], list[int]] = {}  # indexes of those listed
        self._repeats: dict[tuple[str, str], _Repeats] = {}

    def add(
        self, line: int, message: str, *, column: str | None = None, rule: str | None = None
    ) -> None:
        """Record a problem on *line* (in *column*, a ``"column 3 (Amount)"``, if one)."""
        key = None if column is None or rule is None else (column, rule)
        if key is not None and len(self._listed.get(key, ())) >= _REPEATS:
            if key in self._repeats:
                self._repeats[key].add(line)
            else:
                self._repeats[key] = _Repeats(line)
            return
        if len(self.items) >= MAX_PROBLEMS - 1:
            self.items.append(
                Problem(
                    f"line {line}",
                    f"more than {MAX_PROBLEMS - 1} problems; stopped reading here, "
                    "the rest of the file was not checked",
                    rule=f"at most {MAX_PROBLEMS - 1} problems read",
                    line=line,
                )
            )
            raise _Stop
        where = f"line {line}" if column is None else f"line {line}, {column}"
        if key is not None:
            self._listed.setdefault(key, []).append(len(self.items))
        self.items.append(Problem(where, message, rule=rule, line=line))

    def listed(self) -> list[Problem]:
        """The problems to list: each repeated one's last listing says how many more there are."""
        items = list(self.items)
        for key, repeats in self._repeats.items():
            index = self._listed[key][-1]
            kept = items[index]
            items[index] = Problem(
                kept.path,
                f"{kept.message}; the same problem in this column {repeats.note()}",
                rule=kept.rule,
                line=kept.line,
            )
        return items

    @property
    def unlisted(self) -> int:
        """How many problems were counted but not listed."""
        return sum(r.count for r in self._repeats.values())

    def error(self) -> InvalidDataError:
        items = self.listed()
        # The repeats' own notes count the problems not listed: the error does not again.
        return InvalidDataError(
            items,
            count=len(items) + self.unlisted,
            noted=self.unlisted,
            field="text",
            rule=_RULE,
        )


#: Every character ``str.splitlines`` ends a line at, so the lines it gives
#: with ``keepends=True`` are lines with their endings.
_LINE_ENDS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


class _Source:
    """The lines of the input, counted and bounded; the first line's BOM removed.

    Lines the caller gave (an iterable, not one ``str``) must keep their line
    endings, as a file opened with ``newline=""`` gives them: the csv module
    reads a field quoted across lines by its line breaks, and lines without
    them would run the field's lines together (a title "Logo", new line, "v2"
    read as "Logov2").
    Only the last line may end without one.
    """

    def __init__(self, lines: Iterator[object], *, given_lines: bool) -> None:
        self._lines = lines
        self._given_lines = given_lines
        self._unended = False  # the line before had no line ending
        self.count = 0
        self.chars = 0

    def __iter__(self) -> _Source:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        if not isinstance(line, str):
            msg = (
                f"text must be a str or an iterable of str lines; line {self.count} is "
                f"{type(line).__name__} (decode bytes first, e.g. data.decode('utf-8-sig'))"
            )
            raise InvalidTypeError(msg, field=f"text[{self.count - 1}]", rule="a str line")
        if self._unended:
            msg = (
                f"text's line {self.count - 1} has no line ending, and more lines follow: pass "
                "the lines with their endings (text.splitlines(keepends=True), or a file opened "
                "with newline=''), or the whole text as one str; without them a field quoted "
                "across lines would lose its line breaks"
            )
            raise InvalidValueError(
                msg, field=f"text[{self.count - 2}]", rule="lines with their line endings"
            )
        self._unended = self._given_lines and line[-1:] not in _LINE_ENDS
        # The line's own characters: its line ending does not count.
        ending = 2 if line.endswith("\r\n") else int(line[-1:] in _LINE_ENDS)
        if len(line) - ending > MAX_LINE_CHARS:
            msg = (
                f"longer than {MAX_LINE_CHARS:,} characters; the lines of "
                "an Upwork export are far shorter, so this is not one"
            )
            raise _Refused(self.count, msg, f"lines of at most {MAX_LINE_CHARS:,} characters")
        self.chars += len(line)
        if self.chars > MAX_CHARS:
            msg = f"the text is longer than {MAX_CHARS:,} characters"
            raise _Refused(self.count, msg, f"at most {MAX_CHARS:,} characters")
        if self.count > MAX_LINES:
            msg = f"the text has more than {MAX_LINES:,} lines"
            raise _Refused(self.count, msg, f"at most {MAX_LINES:,} lines")
        if self.count == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        return line


def _looks_like_a_path(text: str) -> bool:
    """One short line with no comma, ending like a file name: no export's text looks so."""
    return (
        len(text) <= _PATH_CHARS
        and "," not in text
        and "\n" not in text
        and text.strip().lower().endswith((".csv", ".txt"))
    )


def _lines(text: str | Iterable[str]) -> Iterator[object]:
    given: object = text
    if isinstance(given, str):
        if len(given) > MAX_CHARS:
            msg = (
                f"the text is {len(given):,} characters long, more than the {MAX_CHARS:,} accepted"
            )
            raise _Refused(1, msg, f"at most {MAX_CHARS:,} characters")
        if _looks_like_a_path(given):
            raise InvalidValueError(
                f"text must be the file's text, not its name ({shown(given)}): nothing is read "
                "from disk; pass e.g. Path(name).read_text(encoding='utf-8-sig')",
                field="text",
                rule="the file's text, not its path",
            )
        return iter(io.StringIO(given, newline=""))
    if isinstance(given, os.PathLike):
        raise InvalidTypeError(
            f"text must be the file's text, not a {type(given).__name__}: nothing is read from "
            "disk; pass e.g. path.read_text(encoding='utf-8-sig')",
            field="text",
            rule=_RULE,
        )
    if isinstance(given, (bytes, bytearray)):
        raise InvalidTypeError(
            "text must be a str or an iterable of str lines, not bytes: decode it first, "
            "e.g. data.decode('utf-8-sig')",
            field="text",
            rule=_RULE,
        )
    if isinstance(given, Mapping) or not isinstance(given, Iterable):
        raise InvalidTypeError(
            f"text must be a str or an iterable of str lines, not {type(given).__name__}",
            field="text",
            rule=_RULE,
        )
    return iter(given)


class _Row:
    """One record being read: its cells by column key, and the problems it has."""

    def __init__(
        self,
        record: list[str],
        line: int,
        header: list[str],
        positions: dict[str, int],
        problems: _Problems,
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

    def problem(self, key: str, message: str, *, rule: str | None = None) -> None:
        """Report *message* in the column *key*; problems with a *rule* are listed a few times."""
        self.problem_at(self.positions[key], message, rule=rule)

    def problem_at(self, position: int, message: str, *, rule: str | None = None) -> None:
        """Report *message* in the column at *position* (an added column too)."""
        name = self.header[position].strip()
        shown_name = name if len(name) <= 40 else name[:39] + "…"
        self.ok = False
        column = f"column {position + 1} ({shown_name})"
        self.problems.add(self.line, message, column=column, rule=rule)

    def date(self, key: str) -> date | None:
        value = _formats.parse_date(self.text(key))
        if isinstance(value, str):
            # A spreadsheet that rewrote one date rewrote them all: list it a few times.
            self.problem(key, value, rule=_formats.DATE_RULE)
            return None
        return value

    def amount(self, key: str, *, required: bool) -> Decimal | None:
        text = self.text(key)
        if not text and not required:
            return None
        if not text:
            self.problem(key, "the amount is empty")
            return None
        value = _formats.parse_amount(text)
        if isinstance(value, str):
            # A spreadsheet that rewrote one amount rewrote them all: list it a few times.
            self.problem(key, value, rule=_formats.AMOUNT_RULE)
            return None
        return value

    def kind(self, key: str, *, weekly: bool) -> TransactionKind | None:
        value = _formats.kind_of(self.text(key), weekly=weekly)
        if isinstance(value, str):
            self.problem(key, value)
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
            if not _model.blank(value) and keys.get(i) not in self.used
        )


def _local_amount(row: _Row) -> Money | None:
    text = row.text("amount_in_local_currency")
    if not text:
        return None
    currency = row.text("currency")
    value = _formats.parse_amount(text, usd=False)
    if isinstance(value, str):
        row.problem("amount_in_local_currency", value)
        return None
    if not currency:
        row.problem("currency", f"empty, but Amount in local currency is {text}")
        return None
    try:
        return Money(value, currency)
    except InvalidValueError:
        row.problem("currency", f"{shown(currency)} is not an ISO 4217 currency code")
        return None


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
    for found in _formats.ref_ids(*texts):
        if found != own:
            return found
    return None


def _transaction_row(row: _Row, spec: FormatSpec) -> Transaction | None:
    history = spec.format is StatementFormat.TRANSACTION_HISTORY
    on = row.date("date")
    kind = row.kind("type" if history else "transaction_type", weekly=False)
    amount = row.amount("amount", required=True)
    balance = row.amount("balance" if history else "current_balance", required=False)
    own = row.optional_id("ref_id" if history else "transaction_id")
    local = _local_amount(row) if "amount_in_local_currency" in row.positions else None
    rate = _exchange_rate(row)
    client = row.text("team")
    if history:
        description = row.text("description")
        contract = ""
        related = _related(own, description)
    else:
        description = row.text("transaction_summary_details")
        contract = row.text("transaction_summary")
        texts = [row.record[row.positions[f"description_{n}"]] for n in (1, 2, 3)]
        related = _related(own, contract, description, *texts)
        if related is None and kind is TransactionKind.SERVICE_FEE:
            # The report gives a service fee its income row's Transaction ID.
            related = own
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


def _text_lines(source: _Source, problems: _Problems) -> Iterator[str]:
    """The lines of *source*; one with a NUL character or a lone surrogate is reported and left out.

    A NUL byte means the file is not a text export; the csv module treats it
    differently on each Python version, so the parser refuses it itself, at
    its line, the same way everywhere (the line's place is kept so line
    numbers stay right).
    """
    for line in source:
        if "\x00" in line:
            problems.add(source.count, "a NUL character: not a text export", rule="text")
            yield "\n"
        elif not unicode_text(line):
            problems.add(
                source.count,
                "a lone surrogate (e.g. '\\ud800'), which no UTF-8 text holds: not a text export",
                rule="text",
            )
            yield "\n"
        else:
            yield line


def _records(
    source: _Source, problems: _Problems, lines: Iterator[str]
) -> Iterator[tuple[int, list[str]]]:
    """Each record of *lines* (*source*'s text lines) that is not an empty line, with its line."""
    reader = csv.reader(lines, strict=True)
    previous = 0
    read = 0  # characters read before the record
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = previous + 1
            where = (
                ""
                if reader.line_num == start
                else f" at line {reader.line_num} (a field quoted on line {start} runs on to it)"
            )
            if source.chars - read <= MAX_FIELD_CHARS + MAX_LINE_CHARS:
                problems.add(start, f"not valid CSV: {exc}{where}", rule="CSV")
                previous, read = reader.line_num, source.chars
                continue
            # The record ran on past any field and line an export holds: a quote
            # opened on its first line never closed, and what follows is not rows.
            problems.add(
                start,
                f"not valid CSV: {exc}{where}; no field of an export runs so far, "
                "so reading stops there",
                rule="CSV",
            )
            return
        read = source.chars
        start = previous + 1
        previous = reader.line_num
        if record:
            yield start, record


class _Read:
    """What reading found: the export, its header as written, and the rows that read."""

    def __init__(self, spec: FormatSpec, header: list[str], positions: dict[str, int]) -> None:
        self.spec = spec
        self.header = header
        self.positions = positions
        self.rows: list[Transaction] = []

    def column(self, key: str) -> str:
        """``column 13 (Balance)``, naming the column as the file does."""
        position = self.positions[key]
        return f"column {position + 1} ({self.header[position].strip()})"

    @property
    def balance_key(self) -> str:
        return "balance" if "balance" in self.positions else "current_balance"


def _separator_text(line: str) -> str:
    """*line* without its line end and the spaces around it (a tab is kept: it may be declared)."""
    return line.rstrip("\r\n").strip(" ")


def _separator(line: str) -> str | None:
    r"""The separator Excel's ``sep=`` line declares (``sep=;`` → ``";"``), or ``None``.

    Spaces and tabs around the line are passed over (``sep=,\t`` is the comma
    line), except a tab that is the character declared (``sep=\t``).  A tool
    that pads every row to the header's width writes the declared separator
    again (``sep=,,,,``): that is the same line.
    """
    text = _separator_text(line)
    core = text.strip(" \t")
    if core[:4].lower() != "sep=":
        return None
    rest = core[4:]
    if not rest:  # nothing after "sep=" but spacing: a tab, if one follows it
        return "\t" if "\t" in text[text.lower().index("sep=") + 4 :] else None
    declared = rest[0]
    return declared if not rest[1:].strip(declared) else None


def _semicolons(line: str) -> FormatSpec | None:
    """The export whose header *line* is when split at ``;`` instead of ``,``, if one."""
    if ";" not in line:
        return None
    try:
        cells = next(csv.reader([line], delimiter=";", strict=True))
    except csv.Error:
        return None
    found = _formats.detect(cells)
    return None if isinstance(found, str) else found[0]


def _lead(source: _Source, problems: _Problems) -> tuple[Iterator[str], int | None] | None:
    """The text lines, with Excel's ``sep=,`` line passed over; ``None`` after a problem.

    Returns the lines (a passed-over line is an empty line, so line numbers
    hold) and the line of ``sep=,``, if there was one.  A file whose first
    line declares another separator, or whose header is an export's header
    split at semicolons, is one problem, said once (every row would
    otherwise be reported as bad CSV).
    """
    lines = _text_lines(source, problems)
    blanks: list[str] = []
    for line in lines:
        if line.strip(" \t\r\n"):
            break
        blanks.append("\n")  # spacing before the header holds nothing
    else:
        return iter(blanks), None
    at = source.count
    separator = _separator(line)
    if separator == ",":
        return itertools.chain(blanks, ["\n"], lines), at
    if separator is not None:
        problems.add(
            at,
            f"Excel's separator line {shown(_separator_text(line))}: this file's fields are "
            f"separated by {shown(separator)}, and an Upwork export's by commas; save it as CSV "
            "with commas (or download the export again)",
            rule="comma-separated",
        )
        return None
    spec = _semicolons(line)
    if spec is not None:
        problems.add(
            at,
            f"the header looks semicolon-separated: split at ';' it is the {spec.label} "
            "header, but an Upwork export separates fields with commas (a spreadsheet set to "
            "decimal commas saves ';'); save it as CSV with commas (or download the export "
            "again)",
            rule="comma-separated",
        )
        return None
    return itertools.chain(blanks, [line], lines), None


def _header_record(
    records: Iterator[tuple[int, list[str]]], problems: _Problems
) -> tuple[int, list[str]] | None:
    """The header's line and cells, or ``None`` after reporting why there is none."""
    # Blank lines before the header (cells that are all empty or spaces) hold nothing.
    first = next(((n, r) for n, r in records if not all(map(_model.blank, r))), None)
    if first is None:
        if not problems.items:  # a line that was not text is the problem already
            problems.add(
                1,
                "the text is empty; expected the header line of an Upwork CSV export",
                rule="a header line",
            )
        return None
    if problems.items:
        # A line up to the header was not text (a NUL, a lone surrogate): the file is
        # not an export, and the line read as its header would only add a false problem.
        return None
    return first


#: The UTF-8 byte order mark (EF BB BF) decoded as Latin-1 or Windows-1252: what a
#: Transactions report's first cell starts with when the caller read the file with
#: the platform's default encoding instead of UTF-8.
_MISREAD_BOM = "\u00ef\u00bb\u00bf"


def _detected(
    header: list[str], line: int, separator_line: int | None, problems: _Problems
) -> tuple[FormatSpec, dict[str, int]] | None:
    """The export *header* (on *line*) belongs to, or ``None`` after reporting why none."""
    detected = _formats.detect(header)
    if not isinstance(detected, str):
        return detected
    if separator_line is not None:
        detected += (
            f" (line {separator_line} is Excel's separator line 'sep=,', passed over: the "
            "export's header must follow it)"
        )
    if header and header[0].startswith(_MISREAD_BOM):
        detected += (
            " (the file starts with the UTF-8 byte order mark read as another encoding, "
            "'\u00ef\u00bb\u00bf': read the file as UTF-8, e.g. "
            "path.read_text(encoding='utf-8-sig'))"
        )
    problems.add(line, detected, rule="a known export's header")
    return None


def _read(source: _Source, problems: _Problems) -> _Read | None:
    lead = _lead(source, problems)
    if lead is None:
        return None
    lines, separator_line = lead
    records = _records(source, problems, lines)
    first = _header_record(records, problems)
    if first is None:
        return None
    header_line, header = first
    detected = _detected(header, header_line, separator_line, problems)
    if detected is None:
        return None
    read = _Read(detected[0], header, detected[1])
    count = 0
    for line, record in records:
        count += 1
        if count > MAX_ROWS:
            raise _Refused(line, f"more than {MAX_ROWS:,} rows", f"at most {MAX_ROWS:,} rows")
        if len(record) != len(header):
            problems.add(
                line,
                f"{len(record)} columns, but the {read.spec.format.title} header "
                f"on line {header_line} has {len(header)}",
                rule="as many columns as the header",
            )
            continue
        if all(map(_model.blank, record)):
            continue  # a blank row in the export's shape (",,,,") holds nothing to read
        made = _one_row(_Row(record, line, header, read.positions, problems), read.spec)
        if made is not None:
            read.rows.append(made)
    return read


def _one_row(row: _Row, spec: FormatSpec) -> Transaction | None:
    for position, cell in enumerate(row.record):  # every field, added columns' too
        if len(cell) > MAX_FIELD_CHARS:
            row.problem_at(position, f"longer than {MAX_FIELD_CHARS:,} characters")
    if not row.ok:
        return None
    try:
        if spec.format is StatementFormat.WEEKLY_SUMMARY:
            return _weekly_row(row)
        return _transaction_row(row, spec)
    except UpworkSafetyError as error:
        # Never a bare error: parse lists every problem with its line.
        row.refused(error)
        return None


def _order(rows: list[Transaction], problems: _Problems) -> list[Transaction] | None:
    """The rows oldest first, or ``None`` after reporting rows out of date order.

    The file may run newest first (as Upwork writes it) or oldest first; the
    dates say which.  When every row has the same date, the running balance
    decides (newest first unless only the other order balances).
    """
    newest_first: bool | None = None
    for older, newer in itertools.pairwise(rows):
        if older.on != newer.on:
            newest_first = older.on > newer.on
            break
    if newest_first is None:
        balanced = [r for r in rows if r.balance is not None]
        # Newest first unless only oldest first gives an unbroken balance.
        newest_first = not find_breaks(balanced[::-1]) or bool(find_breaks(balanced))
        return rows[::-1] if newest_first else rows
    direction = "newest first" if newest_first else "oldest first"
    for before, after in itertools.pairwise(rows):
        if (after.on > before.on) if newest_first else (after.on < before.on):
            problems.add(
                after.line,
                f"dated {after.on}, out of order: the file runs "
                f"{direction}, but line {before.line} before it is dated {before.on}",
                rule="in date order",
            )
    if problems.items:
        return None
    return rows[::-1] if newest_first else rows


def _split_scheduled(
    read: _Read, rows: list[Transaction], problems: _Problems
) -> tuple[list[Transaction], list[Transaction]]:
    """Transactions and scheduled rows: no balance, dated after the newest balanced row.

    With no balanced row at all, nothing in the file says which rows lie in
    the future, so every row is a missing balance.
    """
    dates = [r.on for r in rows if r.balance is not None]
    newest = max(dates) if dates else None
    done: list[Transaction] = []
    scheduled: list[Transaction] = []
    for row in rows:
        if row.balance is not None:
            done.append(row)
        elif newest is not None and row.on > newest:
            scheduled.append(row)
        elif newest is None:
            problems.add(
                row.line,
                "empty, as on every row of the file: a row without a balance is a scheduled "
                "earning only when dated after the newest row with one, so with none this "
                "file cannot say which rows happened (download the export again)",
                column=read.column(read.balance_key),
                rule="a balance",
            )
        else:
            problems.add(
                row.line,
                f"empty, but only rows dated after the newest row with a balance ({newest}) are "
                "scheduled earnings; every other row needs its balance",
                column=read.column(read.balance_key),
                rule="a balance",
            )
    return done, scheduled


@exact
def parse(text: str | Iterable[str], *, allow_breaks: bool = False) -> Statement:
    """Read an Upwork CSV export into a :class:`Statement`.

    The export is recognised by its header (see :class:`StatementFormat`); a
    UTF-8 byte order mark, lower-case column names and either date style
    (``Jan 01, 2023`` or ``2023-01-01``) are accepted.  Nothing is read from
    disk: pass the file's text.

    Every row is checked: a date, a known type, a canonical amount (ASCII
    digits, an optional sign and one decimal point; no thousands separators)
    and, in the two transaction exports, a running balance that follows from
    the row before.  Rows with no balance dated after the newest row with one
    are scheduled earnings: they go to :attr:`Statement.scheduled` and are
    never counted; any other row without a balance is refused, and so is a
    file in which no row has one (nothing then says which rows happened).
    The file may list rows newest first (as Upwork does) or oldest first.
    Empty lines, and rows of the header's width whose cells are all empty or
    ASCII spaces and tabs, hold nothing and are passed over; every other row
    must have as many columns as the header.  Type words and column names
    are compared without regard to ASCII case and runs of ASCII spaces and
    tabs, and nothing else: a look-alike letter or other spacing is refused.

    Args:
        text: The whole file as one ``str``, or an iterable of its lines,
            each with its line ending (a file opened with ``newline=""``, or
            ``text.splitlines(keepends=True)``); only the last line may lack
            one.
        allow_breaks: Keep a statement whose running balance breaks instead
            of refusing it; the breaks are then listed in
            :attr:`Statement.balance_breaks`.

    Returns:
        The statement, transactions oldest first.

    Raises:
        InvalidDataError: Listing every problem with its line and column (at
            most :data:`MAX_PROBLEMS`, then where reading stopped): an unknown
            header (naming the formats that are known), a malformed row,
            rows out of date order, a missing balance, or (unless
            *allow_breaks*) every break in the running balance with the two
            lines it falls between.  Also for text over the size limits
            (:data:`MAX_LINE_CHARS`, :data:`MAX_ROWS`, :data:`MAX_LINES`,
            :data:`MAX_CHARS`).
        InvalidTypeError: *text* is not a ``str`` or an iterable of ``str``
            (a ``Path`` included: pass its text), or *allow_breaks* is not a
            bool.
        InvalidValueError: *text* is a file name (one line, no comma, ending
            ``.csv`` or ``.txt``) instead of the file's text, or lines given
            without their line endings (``text.splitlines()``): a field
            quoted across lines would lose its line breaks.
    """
    if not isinstance(allow_breaks, bool):
        raise InvalidTypeError(
            f"allow_breaks must be True or False, not {type(allow_breaks).__name__}",
            field="allow_breaks",
            rule="a bool",
        )
    problems = _Problems()
    try:
        source = _Source(_lines(text), given_lines=not isinstance(text, str))
        read = _read(source, problems)
    except _Stop:
        read = None
    except _Refused as exc:
        raise InvalidDataError(
            [*problems.items[: MAX_PROBLEMS - 1], exc.problem], field="text", rule=_RULE
        ) from None
    if read is None or problems.items:
        raise problems.error()
    return _statement(read, problems, allow_breaks=allow_breaks)


def _statement(read: _Read, problems: _Problems, *, allow_breaks: bool) -> Statement:
    if read.spec.format is StatementFormat.WEEKLY_SUMMARY:
        rows = sorted(read.rows, key=lambda r: (r.on, r.line))
        return Statement(format=read.spec.format, transactions=rows)
    try:
        ordered = _order(read.rows, problems)
        if ordered is None:
            raise problems.error()
        done, scheduled = _split_scheduled(read, ordered, problems)
    except _Stop:
        raise problems.error() from None
    if problems.items:
        raise problems.error()
    statement = Statement(format=read.spec.format, transactions=done, scheduled=scheduled)
    breaks = statement.balance_breaks
    if breaks and not allow_breaks:
        where = read.column(read.balance_key)
        listed = [
            Problem(
                f"line {b.newer_line}, {where}",
                b.describe(),
                rule="an unbroken running balance",
                line=b.newer_line,
            )
            for b in breaks[:MAX_PROBLEMS]
        ]
        raise InvalidDataError(
            listed, count=len(breaks), field="text", rule="an unbroken running balance"
        )
    return statement
