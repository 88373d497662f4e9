"""The input of :func:`~upwork_safety.statements.parse`, bounded, and its problems (private).

:class:`Source` gives the lines of the text (one ``str`` or an iterable of
lines), counting them and stopping at once at a size limit
(:class:`Refused`); :class:`Problems` collects what the reader finds, lists
a repeated problem of one column a few times and counts the rest, and stops
reading (:class:`Stop`) after :data:`~upwork_safety.statements.MAX_PROBLEMS`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from upwork_safety._display import shown
from upwork_safety._validate import refuse_frame
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError, Problem
from upwork_safety.statements._formats import MAX_CHARS, MAX_LINE_CHARS, MAX_LINES, MAX_PROBLEMS

if TYPE_CHECKING:
    from collections.abc import Iterator

_BOM = "\ufeff"
#: What *text* must be, for the errors' ``rule``.
RULE = "an Upwork CSV export (str or iterable of str lines)"
#: Text this short, one line with no comma, ending ``.csv`` or ``.txt``, is a file name.
_PATH_CHARS = 4096


class Refused(Exception):  # noqa: N818  (internal signal, never escapes parse)
    """The input breaks a size limit: reading stops at once, with this problem."""

    def __init__(self, line: int, message: str, rule: str) -> None:
        super().__init__(message)
        self.problem = Problem(f"line {line}", message, rule=rule, line=line)


class Stop(Exception):  # noqa: N818  (internal signal, never escapes parse)
    """Too many problems: reading stops."""


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


class Problems:
    """The problems found so far; the last one an error keeps says where reading stopped.

    A problem of one rule in one column (a date a spreadsheet rewrote, on
    every row) is listed in full :data:`_REPEATS` times; the rest are
    counted, and the last one listed says how many more lines have it.
    """

    def __init__(self) -> None:
        self.items: list[Problem] = []
        #: What the problem that stops reading says of the lines after it.
        self.unread = "the rest of the file was not checked"
        self.overflowed = False  # reading stopped at too many problems: the count is a floor
        self._listed: dict[tuple[str, str], list[int]] = {}  # indexes of those listed
        self._repeats: dict[tuple[str, str], _Repeats] = {}

    def add(
        self,
        line: int,
        message: str,
        *,
        column: str | None = None,
        rule: str | None = None,
        each: bool = False,
    ) -> None:
        """Record a problem on *line* (in *column*, a ``"column 3 (Amount)"``, if one).

        With *each*, a problem with a *rule* is still listed every time (an
        unknown type word: each row may name another).
        """
        key = None if column is None or rule is None or each else (column, rule)
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
                    f"more than {MAX_PROBLEMS - 1} problems; stopped reading here, {self.unread}",
                    rule=f"at most {MAX_PROBLEMS - 1} problems read",
                    line=line,
                )
            )
            self.overflowed = True
            raise Stop
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

    def in_line_order(self) -> None:
        """Put the problems found so far in line order; the one that stopped reading stays last.

        The records are checked for their shape as they are counted, before
        any row is made of them (:func:`._parse._counted`), so a row's
        problems are found after the shape problems of the lines below it.
        The sort is stable: one line's problems keep their columns' order.
        """
        count = len(self.items) - (1 if self.overflowed else 0)
        order = sorted(range(count), key=lambda index: self.items[index].line or 0)
        order += range(count, len(self.items))
        moved = {old: new for new, old in enumerate(order)}
        self.items = [self.items[index] for index in order]
        self._listed = {key: [moved[i] for i in listed] for key, listed in self._listed.items()}

    @property
    def unlisted(self) -> int:
        """How many problems were counted but not listed."""
        return sum(r.count for r in self._repeats.values())

    def error(self, *, last: Problem | None = None, complete: bool = True) -> InvalidDataError:
        """The error listing the problems (then *last*, the limit that stopped reading, if one).

        *complete* is ``False`` when reading stopped early (a size limit, or
        too many problems), so the count is only of the lines read (red team
        r25 H3: a limit's error once dropped the repeats' counts and said
        complete).
        """
        items = self.listed() if last is None else [*self.listed(), last]
        # The repeats' own notes count the problems not listed: the error does not again.
        return InvalidDataError(
            items,
            count=len(items) + self.unlisted,
            complete=complete,
            noted=self.unlisted,
            field="text",
            rule=RULE,
        )


#: Every character ``str.splitlines`` ends a line at, so the lines it gives
#: with ``keepends=True`` are lines with their endings.
_LINE_ENDS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
#: Those a file opened with ``newline=""`` keeps inside a line (only ``\n``,
#: ``\r`` and ``\r\n`` end one there): a given line ending in one runs on
#: into the next, as it does when the whole text is given as one ``str``.
_INNER_ENDS = _LINE_ENDS - {"\n", "\r"}
#: What the caller's iterator gives when it has no more lines (no item is this object:
#: a ``None`` among the lines is refused as the wrong type, never read as the end).
_END: Any = object()


class Source:
    """The lines of the input, counted and bounded; the first line's BOM removed.

    Lines the caller gave (an iterable, not one ``str``) must keep their line
    endings, as a file opened with ``newline=""`` gives them: the csv module
    reads a field quoted across lines by its line breaks, and lines without
    them would run the field's lines together (a title "Logo", new line, "v2"
    read as "Logov2").
    Only the last line may end without one.  Lines cut where
    ``str.splitlines`` cuts but a file does not (at U+2028, U+0085, a form
    feed...) are joined again, so ``text.splitlines(keepends=True)`` reads
    as ``text`` does.
    """

    def __init__(self, lines: Iterator[object], *, given_lines: bool) -> None:
        self._lines = lines
        self._given_lines = given_lines
        self._unended = False  # the line before had no line ending
        self._items = 0  # the caller's items read, for the errors that name one
        self.count = 0
        self.chars = 0

    def __iter__(self) -> Source:
        return self

    def _take(self) -> str | None:
        """The caller's next item, checked to be a str; ``None`` when there are no more."""
        line = next(self._lines, _END)
        if line is _END:
            return None
        self._items += 1
        if not isinstance(line, str):  # None included: it never reads as the end
            hint = (
                " (decode bytes first, e.g. data.decode('utf-8-sig'))"
                if isinstance(line, (bytes, bytearray))
                else ""
            )
            msg = (
                f"text must be a str or an iterable of str lines; line {self._items} is "
                f"{type(line).__name__}{hint}"
            )
            raise InvalidTypeError(msg, field=f"text[{self._items - 1}]", rule="a str line")
        return line

    def __next__(self) -> str:
        line = self._take()
        if line is None:
            raise StopIteration
        first = self._items  # the caller's item this line starts with, from 1
        # Bounded: the joined line is refused below once it is longer than a line may be.
        while self._given_lines and line[-1:] in _INNER_ENDS and len(line) <= MAX_LINE_CHARS:
            more = self._take()
            if more is None:
                break
            line += more
        self.count += 1
        if self._unended:
            msg = (
                f"text's line {first - 1} has no line ending, and more lines follow: pass "
                "the lines with their endings (text.splitlines(keepends=True), or a file opened "
                "with newline=''), or the whole text as one str; without them a field quoted "
                "across lines would lose its line breaks"
            )
            raise InvalidValueError(
                msg, field=f"text[{first - 2}]", rule="lines with their line endings"
            )
        self._unended = self._given_lines and line[-1:] not in _LINE_ENDS
        # The line's own characters: its line ending does not count.
        ending = 2 if line.endswith("\r\n") else int(line[-1:] in _LINE_ENDS)
        if len(line) - ending > MAX_LINE_CHARS:
            msg = (
                f"longer than {MAX_LINE_CHARS:,} characters; the lines of "
                "an Upwork export are far shorter, so this is not one"
            )
            raise Refused(self.count, msg, f"lines of at most {MAX_LINE_CHARS:,} characters")
        self.chars += len(line)
        if self.chars > MAX_CHARS:
            msg = f"the text is longer than {MAX_CHARS:,} characters"
            raise Refused(self.count, msg, f"at most {MAX_CHARS:,} characters")
        if self.count > MAX_LINES:
            msg = f"the text has more than {MAX_LINES:,} lines"
            raise Refused(self.count, msg, f"at most {MAX_LINES:,} lines")
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


def lines_of(text: str | Iterable[str]) -> Iterator[object]:
    given: object = text
    if isinstance(given, str):
        if len(given) > MAX_CHARS:
            msg = (
                f"the text is {len(given):,} characters long, more than the {MAX_CHARS:,} accepted"
            )
            raise Refused(1, msg, f"at most {MAX_CHARS:,} characters")
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
            rule=RULE,
        )
    refuse_frame(
        given,
        "text",
        "",
        instead="pass the file's text, e.g. Path(name).read_text(encoding='utf-8-sig'), "
        "not a table read from it",
        rule=RULE,
    )
    if isinstance(given, (bytes, bytearray)):
        raise InvalidTypeError(
            "text must be a str or an iterable of str lines, not bytes: decode it first, "
            "e.g. data.decode('utf-8-sig')",
            field="text",
            rule=RULE,
        )
    if isinstance(given, Mapping) or not isinstance(given, Iterable):
        raise InvalidTypeError(
            f"text must be a str or an iterable of str lines, not {type(given).__name__}",
            field="text",
            rule=RULE,
        )
    return iter(given)
