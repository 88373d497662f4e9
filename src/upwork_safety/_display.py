"""Values shown in error messages, bounded (private).

A message quotes what the caller gave (an id, a code, a direction) so the
mistake can be found, but never all of it: a megabyte id must not become a
megabyte message (logs, terminals and notebooks show it all).  The one
helper every error message uses for a value the caller supplied (a test
scans ``src/`` for messages that quote a value another way).
"""

from __future__ import annotations

import itertools
import reprlib

#: How many characters of a value a message shows before cutting it.
LIMIT = 40

#: How many digits an int may have before it is described instead of printed: a
#: 64-bit number prints whole; Python refuses to print one of thousands of digits.
_INT_BITS = 64


#: How many characters of any other value's ``repr`` a message shows (a ``Money``,
#: a ``Decimal``, an enum member fit whole; an object whose ``repr`` runs on is cut).
OTHER_LIMIT = 160

#: How many items of a container a message shows.
ITEMS = 10

_OTHER = reprlib.Repr()
_OTHER.maxother = OTHER_LIMIT + 1  # reprlib cuts the middle; cut the end instead, below


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
    """*value* for a message, bounded.

    Text (``str``, ``bytes``) longer than *limit* is cut before it is quoted
    and shown with its length (read with the builtin's own methods, so a
    subclass cannot answer for itself); an ``int`` is shown by
    :func:`shown_int`; a container (a list, tuple, set or dict, or a subclass
    of one) shows its first :data:`ITEMS` items, each shown by this rule,
    and how many there are when there are more, read with the builtin's own
    iterator, so a huge container is never printed whole; any other value's
    ``repr`` is cut after :data:`OTHER_LIMIT` characters.
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
    if isinstance(value, list | tuple | set | frozenset | dict):
        return _shown_items(value, limit)
    text = _OTHER.repr(value)  # reprlib: a repr that raises is described, not raised
    return text if len(text) <= OTHER_LIMIT else f"{text[:OTHER_LIMIT]}…"


def _shown_items(
    value: list[object]
    | tuple[object, ...]
    | set[object]
    | frozenset[object]
    | dict[object, object],
    limit: int,
) -> str:
    """A container's first :data:`ITEMS` items, each :func:`shown`, and its size when cut."""
    if isinstance(value, dict):
        pairs = itertools.islice(dict.items(value), ITEMS)
        items = [f"{shown(key, limit)}: {shown(item, limit)}" for key, item in pairs]
        opening, closing, size = "{", "}", dict.__len__(value)
    else:
        kind = next(kind for kind in (list, tuple, set, frozenset) if isinstance(value, kind))
        items = [shown(item, limit) for item in itertools.islice(kind.__iter__(value), ITEMS)]
        opening, closing = (
            ("[", "]") if kind is list else ("(", ")") if kind is tuple else ("{", "}")
        )
        size = kind.__len__(value)
    if size > ITEMS:
        return f"{opening}{', '.join(items)}, … {closing} ({size:,} items)"
    if not size and opening == "{" and not isinstance(value, dict):
        return "set()" if isinstance(value, set) else "frozenset()"
    if size == 1 and opening == "(":
        return f"({items[0]},)"
    return f"{opening}{', '.join(items)}{closing}"
