"""Reading an export: the stdlib ``csv`` module over bounded lines, every problem listed (private).

A hostile file costs bounded time and memory: a line longer than
:data:`MAX_LINE_CHARS`, more than :data:`MAX_ROWS` rows, :data:`MAX_LINES`
lines or :data:`MAX_CHARS` characters stop the reader at once (an iterable
of lines is never read past them), and after :data:`MAX_PROBLEMS` problems
it stops reading and says where.  The lines and the problems are
:mod:`._input`'s; this module finds the export's format and reads its
records, each made a row by :mod:`._rows`.
"""

from __future__ import annotations

import array
import collections
import csv
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from upwork_safety._decimals import flag
from upwork_safety._display import shown
from upwork_safety.errors import InvalidDataError, InvalidValueError, Problem
from upwork_safety.money import exact
from upwork_safety.statements import _formats, _kinds
from upwork_safety.statements._balance import find_breaks
from upwork_safety.statements._cells import MAX_FIELD_CHARS, export_text_problem
from upwork_safety.statements._formats import (
    MAX_LINE_CHARS,
    MAX_PROBLEMS,
    MAX_ROWS,
    FormatSpec,
)
from upwork_safety.statements._hours import hours_over
from upwork_safety.statements._input import Problems, Refused, Source, Stop, lines_of
from upwork_safety.statements._kinds import StatementFormat
from upwork_safety.statements._rows import _one_row, _Row, cells_fit
from upwork_safety.statements._statement import Statement

if TYPE_CHECKING:
    from collections.abc import Iterator

    from upwork_safety.statements._model import Transaction


def _text_lines(source: Source, problems: Problems) -> Iterator[str]:
    """The lines of *source*; one with a NUL character or a lone surrogate is reported and left out.

    A NUL byte means the file is not a text export; the csv module treats it
    differently on each Python version, so the parser refuses it itself, at
    its line, the same way everywhere (the line's place is kept so line
    numbers stay right).  The rule is :func:`._cells.export_text_problem`,
    which the constructors keep too.
    """
    for line in source:
        problem = export_text_problem(line)
        if problem is None:
            yield line
        else:
            problems.add(source.count, problem[0], rule=problem[1])
            yield "\n"


def _records(
    source: Source, problems: Problems, lines: Iterator[str]
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


def _lead(source: Source, problems: Problems) -> tuple[Iterator[str], int | None] | None:
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
    records: Iterator[tuple[int, list[str]]], problems: Problems
) -> tuple[int, list[str]] | None:
    """The header's line and cells, or ``None`` after reporting why there is none."""
    # Blank lines before the header (cells that are all empty or spaces) hold nothing.
    first = next(((n, r) for n, r in records if not all(map(_kinds.blank, r))), None)
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
    header: list[str], line: int, separator_line: int | None, problems: Problems
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


#: What a kept record's cells are joined with until its row is made: no cell holds it,
#: since a line holding a NUL is reported and read as an empty line (:func:`_text_lines`).
_JOIN = "\x00"


def _repeats(record: list[str], names: list[str]) -> bool:
    """Whether *record* is the header (of folded *names*) again: a second file joined on.

    Matched as the header is (:func:`._kinds.folded`); a joined file's byte
    order mark is then inside the text, before its first name's quote
    (``\ufeff"Date"``), so it and those quotes are passed over (review r38,
    newcomer 3: such a line was five problems and advice that could not help).
    """
    if len(record) != len(names) or not record:
        return False
    first = record[0].removeprefix("\ufeff")
    if len(first) > 1 and first[0] == first[-1] == '"':
        first = first[1:-1].replace('""', '"')
    if _kinds.folded(first) != names[0]:
        return False
    rest = zip(record[1:], names[1:], strict=True)
    return all(_kinds.folded(cell) == name for cell, name in rest)


def _counted(
    records: Iterator[tuple[int, list[str]]], read: _Read, header_line: int, problems: Problems
) -> tuple[array.array[int], collections.deque[str]]:
    """The records after the header that may make rows, each with its line, all counted first.

    A file over :data:`MAX_ROWS` is refused before any row is made (red team
    r24 statements L5: 50,000 rows were made, then refused).  Each record is
    checked cheaply as it is counted, with the problems reported as reading
    them as rows would: its column count, each cell's length
    (:func:`._rows.cells_fit`), and reading stops after :data:`MAX_PROBLEMS`
    of them.  A blank record is passed over, and only a record that passes
    is kept: its line, and its cells joined into one text.  What is held is
    about the text read (:data:`MAX_CHARS`), never every record's list of
    cells (the first attempt held those, 531 MB for a 19.5-million-character
    file).
    """
    header = read.header
    names = [_kinds.folded(cell) for cell in header]
    lines = array.array("q")
    body: collections.deque[str] = collections.deque()
    for count, (line, record) in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise Refused(line, f"more than {MAX_ROWS:,} rows", f"at most {MAX_ROWS:,} rows")
        if _repeats(record, names):
            problems.add(
                line,
                f"repeats the header of line {header_line}: two exports joined into one? "
                "Parse each file on its own (the statements guide, 'Several downloads of one "
                "person', says how to use them together)",
                rule="one header",
            )
            continue
        if len(record) != len(header):
            problems.add(
                line,
                f"{len(record)} columns, but the {read.spec.format.title} header "
                f"on line {header_line} has {len(header)}",
                rule="as many columns as the header",
            )
            continue
        if all(map(_kinds.blank, record)):
            continue  # a blank row in the export's shape (",,,,") holds nothing to read
        if cells_fit(_Row(record, line, header, read.positions, problems)):
            lines.append(line)
            body.append(_JOIN.join(record))
    return lines, body


def _read(source: Source, problems: Problems, *, unknown_as_other: bool = False) -> _Read | None:
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
    unread = problems.unread
    # Counting checks no row's values: a stop while counting says so (review r26).
    problems.unread = (
        "no row's values were checked (the rows before it only for their number of "
        "columns and their cells' lengths), and the rest of the file was not read"
    )
    at, body = _counted(records, read, header_line, problems)
    problems.unread = (
        "the rows after it were checked only for their number of columns and their cells' lengths"
    )
    try:
        for line in at:
            joined = body.popleft()  # each record let go once its row is made
            made = _one_row(
                _Row(joined.split(_JOIN), line, header, read.positions, problems),
                read.spec,
                unknown_as_other=unknown_as_other,
            )
            if made is not None:
                read.rows.append(made)
    finally:
        problems.in_line_order()
    problems.unread = unread  # the checks of the whole statement that follow
    return read


def _order(rows: list[Transaction], problems: Problems) -> list[Transaction] | None:
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
    read: _Read, rows: list[Transaction], problems: Problems
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
def format_of(text: str | Iterable[str]) -> StatementFormat | None:
    r"""The export whose header *text* starts with, as :func:`parse` recognises it, or ``None``.

    Only the lines up to the header are read (blank lines and Excel's
    ``sep=,`` line before it are passed over, as :func:`parse` passes them),
    and the header is matched by :func:`parse`'s own rule; the rows are not
    checked, so a file with a known header may still be refused by
    :func:`parse`.  For a reader of another kind of file to tell that it was
    given an export instead (the command line's JSON of contracts).

    >>> format_of("Date,Contract,Hours,Amount,Payment type\n")
    <StatementFormat.WEEKLY_SUMMARY: 'weekly_summary'>
    >>> format_of('[{"id": "c1"}]') is None
    True

    Args:
        text: The file's text, or an iterable of its lines, as :func:`parse` takes it.

    Raises:
        InvalidTypeError: *text* is not a ``str`` or an iterable of ``str``
            (a pandas ``DataFrame`` read from the file included: pass the
            file's text).
        InvalidValueError: *text* is a file name instead of the file's text.
    """
    problems = Problems()
    try:
        source = Source(lines_of(text), given_lines=not isinstance(text, str))
        lead = _lead(source, problems)
        first = (
            None if lead is None else _header_record(_records(source, problems, lead[0]), problems)
        )
    except (Stop, Refused):
        return None
    if first is None:
        return None
    detected = _formats.detect(first[1])
    return None if isinstance(detected, str) else detected[0].format


@exact
def parse(
    text: str | Iterable[str],
    *,
    allow_breaks: bool = False,
    unknown_types: Literal["refuse", "other"] = "refuse",
) -> Statement:
    """Read an Upwork CSV export into a :class:`Statement`.

    The export is recognised by its header (see :class:`StatementFormat`); a
    UTF-8 byte order mark, lower-case column names and either date style
    (``Jan 01, 2023`` or ``2023-01-01``) are accepted.  Nothing is read from
    disk: pass the file's text.

    Every row is checked: a date, a known type, a canonical amount (ASCII
    digits, an optional sign and one decimal point; no thousands separators)
    and, in the two transaction exports, a running balance that follows from
    the row before, and an ``Amount in local currency`` of the amount's sign
    (the amount itself where ``Currency`` is ``USD``).  Rows with no balance
    dated after the newest row with one are scheduled earnings: they go to
    :attr:`Statement.scheduled` and are never counted; any other row without
    a balance is refused, and so is a file in which no row has one (nothing
    then says which rows happened).
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
        unknown_types: What to do with a row whose type word the library
            does not know (in the two transaction exports): ``"refuse"``
            (the default: the row is a problem, listing the known words), or
            ``"other"``: read it as ``MISCELLANEOUS``, keeping its word in
            ``type_text``, so it is counted under ``other`` by
            :func:`summarize` (whose notes name it) and listed in
            :attr:`Statement.unknown_type_rows`.  Nothing is dropped either
            way; a weekly summary's rows are earnings, so an unknown word
            there is always refused.

    Returns:
        The statement, transactions oldest first.

    Raises:
        InvalidDataError: Listing every problem with its line and column (at
            most :data:`MAX_PROBLEMS`, then where reading stopped): an unknown
            header (naming the formats that are known), a malformed row,
            rows out of date order, a missing balance, or (unless
            *allow_breaks*) every break in the running balance with the two
            lines it falls between, in line order.  Also for text over the
            size limits (:data:`MAX_LINE_CHARS`, :data:`MAX_ROWS`,
            :data:`MAX_LINES`, :data:`MAX_CHARS`); the rows are counted, and
            checked only for their columns and cells' lengths, before any is
            read, so a file over :data:`MAX_ROWS` is refused without reading
            its rows.
        InvalidTypeError: *text* is not a ``str`` or an iterable of ``str``
            (a ``Path`` included: pass its text; a pandas ``DataFrame`` read
            from the file too: pass the file's text, not the table), or
            *allow_breaks* is not a bool.
        InvalidValueError: *text* is a file name (one line, no comma, ending
            ``.csv`` or ``.txt``) instead of the file's text, lines given
            without their line endings (``text.splitlines()``): a field
            quoted across lines would lose its line breaks, or
            *unknown_types* is not ``"refuse"`` or ``"other"``.
    """
    flag(allow_breaks, "allow_breaks")
    if unknown_types not in ("refuse", "other"):
        raise InvalidValueError(
            f"unknown_types must be 'refuse' or 'other', not {shown(unknown_types)}",
            field="unknown_types",
            rule="'refuse' or 'other'",
        )
    other = unknown_types == "other"
    problems = Problems()
    try:
        source = Source(lines_of(text), given_lines=not isinstance(text, str))
        read = _read(source, problems, unknown_as_other=other)
    except Stop:
        read = None
    except Refused as exc:
        # A limit stops reading: the problems so far, the limit last, and not complete.
        raise problems.error(last=exc.problem, complete=False) from None
    if read is None or problems.items:
        raise problems.error(complete=not problems.overflowed)
    return _statement(read, problems, allow_breaks=allow_breaks, unknown_as_other=other)


def _check_hours(read: _Read, rows: list[Transaction], problems: Problems) -> None:
    """Report each contract's day or billing week holding more hours than it has, with its lines.

    The rule is :class:`Statement`'s (:func:`._hours.hours_over`); each
    problem is on the line whose hours took the total over.
    """
    try:
        for over in hours_over(rows):
            problems.add(
                rows[over.index].line,
                over.describe(),
                column=read.column("hours"),
                rule=over.rule,
                each=True,
            )
    except Stop:
        pass
    if problems.items:
        raise problems.error()


def _statement(
    read: _Read, problems: Problems, *, allow_breaks: bool, unknown_as_other: bool
) -> Statement:
    if read.spec.format is StatementFormat.WEEKLY_SUMMARY:
        rows = sorted(read.rows, key=lambda r: (r.on, r.line))
        _check_hours(read, rows, problems)
        return Statement(format=read.spec.format, transactions=rows)
    try:
        ordered = _order(read.rows, problems)
        if ordered is None:
            raise problems.error()
        done, scheduled = _split_scheduled(read, ordered, problems)
    except Stop:
        raise problems.error() from None
    if problems.items:
        raise problems.error()
    statement = Statement(
        format=read.spec.format,
        transactions=done,
        scheduled=scheduled,
        unknown_types_as_other=unknown_as_other,
    )
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
