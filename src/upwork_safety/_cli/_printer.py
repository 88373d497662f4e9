"""How the command line writes: headings, key/value lines, tables within 100 columns (private)."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from upwork_safety._display import utc_text
from upwork_safety._render import hidden, shown
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

__all__ = ["WIDTH", "Printer", "duration", "hidden", "shown"]

#: Every line fits a 100-column terminal.
WIDTH = 100
#: Prose (findings, notes) wraps earlier, where it reads best.
PROSE = 88
#: A table column is never squeezed below this many characters.
NARROWEST = 10
#: The space between a currency code and its amount, kept on one line when wrapping.
_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=-?[0-9])")


def duration(value: timedelta) -> str:
    """``14 days``, ``12 hours``, ``10 minutes`` or timedelta's own form."""
    seconds = int(value.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds and seconds % size == 0 and value.microseconds == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return str(value)


class Printer:
    """Text output for one command.

    Money is written one way everywhere, in tables, headings and the
    library's own messages: ``USD 1,234.50``, the form :class:`Money`
    prints.  With a *locale* (``--locale en_PK``) the command's own tables
    and headings use that locale's form instead (``US$1,234.50``); the
    library's messages keep theirs.

    Args:
        out: Where the lines go.
        locale: A babel locale for amounts, or ``None`` for the library's form.
    """

    def __init__(self, out: TextIO, locale: str | None = None) -> None:
        self.out = out
        self.locale = locale
        self._started = False

    def money(self, value: Money | None) -> str:
        """*value* rounded to its minor unit, in the one money style (empty for ``None``)."""
        if value is None:
            return ""
        rounded = value.rounded()
        return str(rounded) if self.locale is None else rounded.format(locale=self.locale)

    def line(self, text: str = "") -> None:
        """Print one line."""
        self._started = True
        self.out.write(text.rstrip() + "\n")

    def wrapped(self, text: str, *, indent: str = "  ", first: str | None = None) -> None:
        """Print *text* wrapped at 88 columns, every line after the first at *indent*.

        An amount (``PKR 246,713.51``) is never split across two lines.  The
        text goes through :func:`shown`: prose quotes what came from the input
        (a contract's title in an audit's mismatch), and nothing in it may act
        on the terminal (red team r15).
        """
        kept = _AMOUNT.sub("\\1\u00a0", shown(text))  # textwrap never breaks at a no-break space
        filled = textwrap.fill(
            kept,
            width=PROSE,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        self.line(filled.replace("\u00a0", " "))

    def heading(self, text: str) -> None:
        """Print a section heading, after a blank line unless it is the first output."""
        if self._started:
            self.line()
        for part in textwrap.wrap(text, width=WIDTH, break_on_hyphens=False) or [""]:
            self.line(part)
        self.line("=" * min(len(text), WIDTH))

    def pairs(self, items: Sequence[tuple[str, object]]) -> None:
        """Print aligned ``key  value`` lines; long values wrap under themselves."""
        width = max((len(k) for k, _ in items), default=0)
        indent = " " * (width + 4)
        for key, value in items:
            self.line(
                textwrap.fill(
                    self.cell(value),
                    width=WIDTH,
                    initial_indent=f"  {key.ljust(width)}  ",
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )

    def cell(self, value: object) -> str:
        """Format one value for a table cell or a key/value line (text through :func:`shown`)."""
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, datetime):
            return utc_text(value)
        if isinstance(value, Enum):
            return str(value.name)
        if isinstance(value, timedelta):
            return duration(value)
        if value is None:
            return "-"
        return shown(str(value))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Print an aligned table within 100 columns.

        Numbers and money are right-aligned.  When the table is wider than
        the terminal, its widest text columns wrap inside narrower columns.
        """
        cells = [[self.cell(v) for v in row] for row in rows]
        numeric = [
            bool(rows)
            and all(isinstance(row[i], (Money, Decimal, int)) for row in rows if row[i] is not None)
            for i in range(len(headers))
        ]
        widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
        # A column may shrink, its text wrapping, down to its longest word (text) or its
        # longest value (numbers and money, whose headers wrap instead), so names and
        # amounts never break; the column with the most room to give gives first.
        floors = []
        for i, width in enumerate(widths):
            words = [len(w) for w in headers[i].split()]
            if numeric[i]:
                words += [len(r[i]) for r in cells]
            else:
                words += [len(w) for r in cells for w in r[i].split()]
                words.append(NARROWEST)
            floors.append(min(width, max(words)))
        room = WIDTH - 2 - 2 * (len(headers) - 1)
        while sum(widths) > room:
            shrinkable = [i for i, width in enumerate(widths) if width > floors[i]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda i: widths[i] - floors[i])] -= 1

        def lines(values: Sequence[str]) -> list[str]:
            wrapped = [
                textwrap.wrap(v, width=w, break_on_hyphens=False) or [""] if len(v) > w else [v]
                for v, w in zip(values, widths, strict=True)
            ]
            out = []
            for n in range(max(len(parts) for parts in wrapped)):
                parts = [
                    (cell[n] if n < len(cell) else "").rjust(w)
                    if num
                    else (cell[n] if n < len(cell) else "").ljust(w)
                    for cell, w, num in zip(wrapped, widths, numeric, strict=True)
                ]
                out.append("  " + "  ".join(parts))
            return out

        for text_line in lines(list(headers)):
            self.line(text_line)
        self.line("  " + "  ".join("-" * w for w in widths))
        for row in cells:
            for text_line in lines(row):
                self.line(text_line)
