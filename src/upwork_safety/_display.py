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
from typing import cast

#: How many characters of a value a message shows before cutting it.
LIMIT = 40

#: How many digits an int may have before it is described instead of printed: a
#: 64-bit number prints whole; Python refuses to print one of thousands of digits.
_INT_BITS = 64


#: How many characters of a name a result shows (a client in a finding, a contract
#: or milestone in a JSS reason, a rule set's name): real ones fit whole, and a
#: hostile one of a megabyte still makes a short text.
NAME_LIMIT = 120

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
        return _shown_items(value, limit, 0)
    text = _OTHER.repr(value)  # reprlib: a repr that raises is described, not raised
    return text if len(text) <= OTHER_LIMIT else f"{text[:OTHER_LIMIT]}…"


#: How deep a message looks into containers within containers (deeper ones are ``…``).
DEPTH = 3


def _shown_items(value: object, limit: int, depth: int) -> str:
    """A container's first :data:`ITEMS` items, each shown, and its size when cut.

    Containers inside it are shown the same way down to :data:`DEPTH` levels, and
    as ``…`` below that, so a value nested a million deep is shown in a few steps.
    The builtin's own iterator and length are read, so a subclass cannot answer
    for itself.
    """
    items: list[str]
    if isinstance(value, dict):
        pairs = itertools.islice(dict.items(value), ITEMS)
        items = [f"{_item(key, limit, depth)}: {_item(item, limit, depth)}" for key, item in pairs]
        opening, closing, size = "{", "}", dict.__len__(value)
    elif isinstance(value, list):
        items = [_item(i, limit, depth) for i in itertools.islice(list.__iter__(value), ITEMS)]
        opening, closing, size = "[", "]", list.__len__(value)
    elif isinstance(value, tuple):
        items = [_item(i, limit, depth) for i in itertools.islice(tuple.__iter__(value), ITEMS)]
        opening, closing, size = "(", ")", tuple.__len__(value)
        if size == 1:
            return f"({items[0]},)"
    else:
        if isinstance(value, frozenset):
            kind, members, size = "frozenset", frozenset.__iter__(value), frozenset.__len__(value)
        else:
            group = cast("set[object]", value)
            kind, members, size = "set", set.__iter__(group), set.__len__(group)
        items = [_item(i, limit, depth) for i in itertools.islice(members, ITEMS)]
        if not size:
            return f"{kind}()"
        opening, closing = "{", "}"
    if size > ITEMS:
        return f"{opening}{', '.join(items)}, … {closing} ({size:,} items)"
    return f"{opening}{', '.join(items)}{closing}"


def _item(value: object, limit: int, depth: int) -> str:
    """An item of a container at *depth*: :func:`shown`, a nested container one level down."""
    if isinstance(value, list | tuple | set | frozenset | dict):
        return "…" if depth + 1 >= DEPTH else _shown_items(value, limit, depth + 1)
    return shown(value, limit)
