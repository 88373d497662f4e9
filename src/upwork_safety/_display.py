"""Values shown in error messages, bounded (private).

A message quotes what the caller gave (an id, a code, a direction) so the
mistake can be found, but never all of it: a megabyte id must not become a
megabyte message (logs, terminals and notebooks show it all).  The one
helper every error message uses for a value the caller supplied (a test
scans ``src/`` for messages that quote a value another way).

What a value is, is read from its type, never from ``isinstance`` (which
believes an object's own ``__class__``), and what it holds with the
builtin's own methods, so a hostile value cannot answer for itself, make a
long message, or raise from inside the message that names it.
"""

from __future__ import annotations

import enum
import itertools
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

#: How many characters of a value a message shows before cutting it.
LIMIT = 40

#: How many digits an int may have before it is described instead of printed: a
#: 64-bit number prints whole; Python refuses to print one of thousands of digits.
_INT_BITS = 64

#: How many characters of a name a result shows (a client in a finding, a contract
#: or milestone in a JSS reason, a rule set's name): real ones fit whole, and a
#: hostile one of a megabyte still makes a short text.
NAME_LIMIT = 120

#: How many characters of a number's, a moment's or an enum member's ``repr`` a
#: message shows (a ``Decimal`` of 18 digits either side fits whole).
OTHER_LIMIT = 160

#: How many items of a container (or fields of a value) a message shows.
ITEMS = 10

#: How deep a message looks into containers within containers (deeper ones are ``…``).
DEPTH = 3

#: Types whose own ``repr`` is read (through the type, never a subclass's): numbers,
#: moments and enum members.  Any other object is named by its type, not shown.
#: ``datetime`` before ``date``: date's repr of a moment drops its time and zone
#: (review r29 promises 2).
_SCALARS: tuple[type, ...] = (float, complex, Decimal, Fraction, datetime, date, time, timedelta)
_CONTAINERS: tuple[type, ...] = (list, tuple, set, frozenset, dict)


def type_name(value: object) -> str:
    """The name of *value*'s type for a message: a builtin by its name, else module-qualified.

    ``numpy.bool_`` is named ``numpy.bool``, not ``bool`` (which would read
    as "must be a bool, not bool").  The names are read through ``type``'s own
    descriptors (a metaclass cannot answer for them) and cut to
    :data:`NAME_LIMIT` characters.
    """
    kind = type(value)
    name = type.__dict__["__qualname__"].__get__(kind)
    module = type.__dict__["__module__"].__get__(kind)
    if type(name) is not str:  # pragma: no cover  (CPython keeps __qualname__ a str)
        name = "?"
    if type(module) is not str or module == "builtins":
        return name[:NAME_LIMIT]
    return f"{module}.{name}"[:NAME_LIMIT]


#: The names of the types whose one value stands for "no value": ``pandas.NA`` and ``pandas.NaT``.
_MISSING_TYPES = frozenset({"NAType", "NaTType"})


def utc_text(at: datetime, *, timespec: str = "seconds") -> str:
    """An aware moment as a message or a table shows it, in UTC: ``2026-03-23 15:00:00 UTC``.

    The one way the library writes a moment in text: ISO 8601's fields, the
    year always of four digits (``0001-01-01 00:00:00 UTC``, as every
    ``isoformat()`` in the library's messages writes it; ``strftime("%Y")``
    wrote ``1-01-01``, red team r33 3).  *timespec* is ``isoformat``'s
    (``"minutes"`` for ``2026-03-23 15:00 UTC``).
    """
    moment = at if at.tzinfo is timezone.utc else at.astimezone(timezone.utc)
    return f"{moment.replace(tzinfo=None).isoformat(sep=' ', timespec=timespec)} UTC"


#: Day names in English, whatever the process's locale (``%A`` follows it).
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_ended_text(at: datetime, word: str) -> str:
    """A release at the first moment of a UTC day, read as the end of the day before.

    HC 360047676133 releases Top Rated hourly pay "on Fridays by 11:59 p.m.,
    UTC": the library's Saturday 00:00 UTC is the end of that Friday, and the
    text says so (DOMAIN.md's "the Friday after the review window"):
    ``by the end of Friday 2026-12-11 UTC (2026-12-12 00:00:00 UTC)``.
    Another moment (a what-if rule set) is given as it is (``at ...``).
    *word* is ``"by"`` (still to come) or ``"since"`` (passed).
    """
    if at.astimezone(timezone.utc).time() != time(0):
        return f"{'since' if word == 'since' else 'at'} {utc_text(at)}"
    day = at.astimezone(timezone.utc).date() - timedelta(days=1)
    return f"{word} the end of {_WEEKDAYS[day.weekday()]} {day} UTC ({utc_text(at)})"


def is_missing(value: object) -> bool:
    """Whether *value* is a table's "no value" marker: ``pandas.NA``, ``pandas.NaT`` or a NaN.

    The one test, read without importing pandas: the marker types by name,
    else a value unequal to itself (a float or numpy NaN, ``NaT``).  Errors
    use it to say "a missing value" instead of advice about a type or a
    precision that cannot fix it (review r24, newcomer N1, N2).
    """
    kind = type(value)
    if type.__dict__["__name__"].__get__(kind) in _MISSING_TYPES:
        return True
    try:
        return bool(value != value)  # noqa: PLR0124  (NaN and NaT are unequal to themselves)
    except Exception:  # noqa: BLE001  (pandas.NA answers NA, whose truth value raises)
        return False


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
    and shown with its length; an ``int`` is shown by :func:`shown_int`; a
    container (a list, tuple, set or dict, or a subclass of one) shows its
    first :data:`ITEMS` items, each shown by this rule, and how many there
    are when there are more; an attrs value shows its first fields the same
    way (``Money(amount=Decimal('-1234.56'), currency='USD')``), three levels
    deep at most; a number, a moment or an enum member shows its ``repr``, cut
    after :data:`OTHER_LIMIT` characters; anything else is named by its type.
    """
    return _shown(value, limit, 0)


def _shown(value: object, limit: int, depth: int) -> str:
    kind: type = type(value)
    if issubclass(kind, str | bytes | bytearray):
        return _shown_text(value, kind, limit)
    if issubclass(kind, _CONTAINERS):
        return "…" if depth >= DEPTH else _shown_items(value, limit, depth)
    if attrs.has(kind):
        return "…" if depth >= DEPTH else _shown_fields(value, kind, limit, depth)
    return _shown_scalar(value, kind)


def _shown_text(value: Any, kind: type, limit: int) -> str:
    """Text or bytes cut to *limit* before it is quoted, with its length when cut."""
    if issubclass(kind, str):
        text = str.__str__(value)
        return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"
    base: Any = bytes if issubclass(kind, bytes) else bytearray
    size = base.__len__(value)
    data = bytes(base.__getitem__(value, slice(0, limit)))
    return repr(data) if size <= limit else f"{data!r}… ({size:,} bytes)"


def _shown_scalar(value: Any, kind: type) -> str:
    """``None``, a bool, an int, an enum member, a number or a moment; else the type's name."""
    if value is None or issubclass(kind, bool):
        return "None" if value is None else str(bool.__bool__(value))
    if issubclass(kind, enum.Enum):
        return _cut(f"<{kind.__name__}.{object.__getattribute__(value, '_name_')}>")
    if issubclass(kind, int):
        return shown_int(value)
    base: Any = next((scalar for scalar in _SCALARS if issubclass(kind, scalar)), None)
    if base is not None:
        try:
            return _cut(base.__repr__(value))
        except Exception:  # noqa: BLE001, S110  (a broken value must not break its message)
            pass
    return f"<{kind.__name__} object>"


def _cut(text: str) -> str:
    return text if len(text) <= OTHER_LIMIT else f"{text[:OTHER_LIMIT]}…"


def _shown_items(value: Any, limit: int, depth: int) -> str:
    """A container's first :data:`ITEMS` items, each shown, and its size when cut.

    The builtin's own iterator and length are read, so a subclass cannot
    answer for itself, and a container of millions is never walked.
    """
    kind = type(value)
    base: Any = next(container for container in _CONTAINERS if issubclass(kind, container))
    size = base.__len__(value)
    if base is dict:
        pairs = itertools.islice(dict.items(value), ITEMS)
        items = [
            f"{_shown(key, limit, depth + 1)}: {_shown(item, limit, depth + 1)}"
            for key, item in pairs
        ]
    else:
        listed = itertools.islice(base.__iter__(value), ITEMS)
        items = [_shown(item, limit, depth + 1) for item in listed]
    if base in (set, frozenset) and not size:
        return f"{base.__name__}()"
    opening, closing = "[]" if base is list else "()" if base is tuple else "{}"
    if size > ITEMS:
        return f"{opening}{', '.join(items)}, … {closing} ({size:,} items)"
    if base is tuple and size == 1:
        return f"({items[0]},)"
    return f"{opening}{', '.join(items)}{closing}"


def _shown_fields(value: object, kind: type, limit: int, depth: int) -> str:
    """An attrs value as ``Name(field=value, ...)``, its first :data:`ITEMS` fields shown."""
    fields = attrs.fields(kind)
    parts = []
    for field in fields[:ITEMS]:
        try:
            held = object.__getattribute__(value, field.name)
        except AttributeError:
            parts.append(f"{field.name}=?")
            continue
        parts.append(f"{field.name}={_shown(held, limit, depth + 1)}")
    more = ", …" if len(fields) > ITEMS else ""
    return f"{kind.__name__}({', '.join(parts)}{more})"
