"""Values shown in error messages, bounded (private).

A message quotes what the caller gave (an id, a code, a direction) so the
mistake can be found, but never all of it: a megabyte id must not become a
megabyte message (logs, terminals and notebooks show it all).  The one
helper every error message uses for a value the caller supplied (a test
scans ``src/`` for messages that quote a value another way).
"""

from __future__ import annotations

import reprlib

#: How many characters of a value a message shows before cutting it.
LIMIT = 40

#: How many digits an int may have before it is described instead of printed: a
#: 64-bit number prints whole; Python refuses to print one of thousands of digits.
_INT_BITS = 64


def _bounded_repr(limit: int) -> reprlib.Repr:
    """A ``reprlib.Repr`` that shows at most a few items of a container, each cut to *limit*."""
    bounded = reprlib.Repr()
    bounded.maxstring = bounded.maxother = bounded.maxlong = limit
    bounded.maxlevel = 3
    return bounded


_REPR = _bounded_repr(LIMIT)


def shown_int(value: int) -> str:
    """*value* for a message: itself up to 19 digits, else described with its sign.

    An ``int`` of thousands of digits cannot be printed (Python refuses), and a
    long one would make a long message.
    """
    number = int.__int__(value)  # an int subclass's own __str__ is not asked
    if number.bit_length() <= _INT_BITS:
        return str(number)
    return f"a {'negative ' if number < 0 else ''}number of more than 19 digits"


def shown(value: object, limit: int = LIMIT) -> str:
    """*value*'s ``repr`` for a message, cut to about *limit* characters.

    Text (``str``, ``bytes``) longer than *limit* is cut before it is quoted
    and shown with its length (read with the builtin's own methods, so a
    subclass cannot answer for itself); an ``int`` is shown by
    :func:`shown_int`; a container shows its first few items, each cut (built
    with :mod:`reprlib`, so a huge container is never printed whole); any
    other value's ``repr`` is cut with an ellipsis.
    """
    if isinstance(value, str):
        text = str.__str__(value)
        if len(text) <= limit:
            return repr(text)
        return f"{text[:limit]!r}… ({len(text):,} characters)"
    if isinstance(value, bytes | bytearray):
        data = bytes(value[:limit])
        return repr(data) if len(value) <= limit else f"{data!r}… ({len(value):,} bytes)"
    if isinstance(value, int) and not isinstance(value, bool):
        return shown_int(value)
    bounded = _REPR if limit == LIMIT else _bounded_repr(limit)
    try:
        text = bounded.repr(value)
    except ValueError:  # an int of more digits than Python prints, inside a container
        name = type(value).__name__
        return f"{'an' if name[:1] in 'aeiou' else 'a'} {name} too long to show"
    return text if len(text) <= limit else f"{text[:limit]}…"
