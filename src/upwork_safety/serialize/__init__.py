"""Strict JSON for every public type: one preconfigured cattrs converter.

``to_dict``/``to_json`` turn values into plain JSON-ready data;
``from_dict``/``from_json`` turn such data back through the classes' own
constructors, so loaded values pass every check a value built in code
passes.  Reading is strict and guesses nothing; an amount, or a decimal
or a duration given as text, that loads is written back as it was (a JSON
integer is written back as its text, a datetime in the one form
``to_json`` writes):

* Money is ``{"amount": "1000.00", "currency": "USD"}``; the amount is
  canonical text (ASCII digits, an optional sign, one decimal point),
  never a JSON number: ``5`` is refused at ``.amount`` (write ``"5.00"`` or
  ``"5"``), and so are floats, ``"1_000"``, ``" 5"``, ``"1e3"`` and
  full-width digits.  Canonical means the very text
  ``to_json`` writes for the value read (the rule is derived from the
  writer), so ``"05"``, ``"+5"`` and ``"025.00"`` are refused, not
  rewritten as ``"5"`` and ``"25.00"``; ``"-0.00"`` is held and written
  as given.
* Other decimals (star ratings, fee rates, hours) are the same canonical
  text, or a JSON integer (``{"stars": 4}`` loads, and is written back as
  ``{"stars": "4"}``); floats and the text refused for an amount are
  refused.  Durations are seconds in the same form as other decimals, to
  the microsecond (``"90.5"`` or ``90``; not ``"90.50"``).
* Dates are extended ISO 8601 (``2025-06-02``; not ``20250602``, week or
  ordinal dates); datetimes are extended ISO 8601 with seconds and an
  offset (``2025-06-02T09:30:00+05:00`` or ``…Z``; not ``-00:00``, which
  RFC 3339 writes for an unknown offset).
* JSON is strict (RFC 8259): ``NaN`` and ``Infinity`` are refused; one
  byte-order mark at the start is ignored, in ``str`` as in ``bytes``.
* ``"false"`` is not ``False`` and ``3.9`` is not ``3``; unknown enum
  values, unknown keys, duplicate keys (in :func:`from_json`) and missing
  fields are refused.
* Escrow events carry a ``"type"`` tag with the event's class name; a
  :class:`~upwork_safety.models.History` (what ``Contract.history`` holds)
  is the list of its tagged events, as inside a contract, and
  ``from_dict(History, ...)`` reads it back through ``History``'s own
  constructor (an event out of time order is refused at its index).

Writing leaves out every field that holds its default exactly (the same
value written the same way), and reading fills such fields in from the
class's defaults, so both the short form and the full form (every field
written out, as versions before 0.2 wrote) load to equal values.

The problems found are raised together as one
:class:`~upwork_safety.errors.InvalidDataError`, each a
:class:`~upwork_safety.errors.Problem` with its JSON path and rule: every
value that fails to read, in every list item and object, but only the first
problem of each object, since a value's constructor stops at its first
broken rule (fix it and the next shows).  The first 50 are kept and the rest
counted, so a hostile document is refused in bounded memory with a bounded
message.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
import threading
import types
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import cattrs

from upwork_safety._decimals import exact, flag, reading_data
from upwork_safety._display import shown
from upwork_safety._plain import whole_number
from upwork_safety.errors import (
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Problem,
    UpworkSafetyError,
)
from upwork_safety.serialize import _fast, _fused
from upwork_safety.serialize._guard import SealedModule, guarded, is_library
from upwork_safety.serialize._hooks import make_converter
from upwork_safety.serialize._json_text import TEXT, checked_text, parse_json
from upwork_safety.serialize._problems import (
    Written,
    complete,
    problems,
    written_error,
)
from upwork_safety.serialize._strict import (
    RefusedError,
)

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

if TYPE_CHECKING:
    from collections.abc import Iterator

T = TypeVar("T")

#: The one problem of data nested deeper than Python can read.
_TOO_DEEP = Problem("$", "data nested too deeply", rule="nested no deeper than Python reads")

#: The widest indent to_json writes (a bound, so the text cannot be blown up).
_MAX_INDENT = 16

#: The converter the library built: its own functions read and write with this one,
#: whatever the public name is bound to (review r37, hostile 4).
_converter: cattrs.Converter = make_converter(cls=guarded(_fast.CONVERTER_CLASS))
_converter._sealed = True  # type: ignore[attr-defined]  # noqa: SLF001  (a Guarded converter)

#: The converter behind :func:`to_dict` and :func:`from_dict`; use it to
#: register hooks for your own classes that contain upwork_safety values.  It is
#: shared by the whole process, so it refuses a hook for one of the library's own
#: types (``InvalidTypeError``, rule ``a class of your own``): see ``_guard``; and
#: the name cannot be rebound (:class:`~._guard.SealedModule`).
converter: cattrs.Converter = _converter


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one read or write, when no other thread runs.

    Reading 10,000 contracts creates about a million small objects and no
    reference cycles; the collector's passes over them were half the time
    (benchmarks/README.md).  Reference counting still frees everything.  The
    collector is process-wide state: with another thread running, pausing it
    would change what that thread sees (and undo a ``gc.disable()`` it made
    meanwhile), so then, or when the collector is off already, it is left
    alone.  Alone, the caller cannot see the pause: it is restored on the way
    out, whatever happens.
    """
    if not gc.isenabled() or threading.active_count() > 1:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_full: cattrs.Converter | None = None


def _writer(omit_defaults: bool) -> cattrs.Converter:  # noqa: FBT001
    global _full  # noqa: PLW0603  (built once, on first use)
    flag(omit_defaults, "omit_defaults")
    if omit_defaults:
        return _converter
    if _full is None:
        _full = make_converter(omit_defaults=False, cls=_fast.CONVERTER_CLASS)
    return _full


def to_dict(value: Any, *, omit_defaults: bool = True) -> Any:
    """Turn *value* (any public type, or a list or str-keyed dict of them) into JSON-ready data.

    A value is written as its fields, what it is built from, never its
    derived properties: a :class:`~upwork_safety.fees.WithdrawalQuote`'s
    ``received``, ``fees`` and ``tax``, or a
    :class:`~upwork_safety.escrow.Ledger`'s ``paid`` and ``in_escrow``, are
    computed again when the value is read back, and are not in the output.
    To answer with the figures a report shows (a JSON API, say), write its
    rows: ``to_json(report.to_records())`` writes each ``Decimal`` as its
    text, which :func:`json.dumps` cannot; a
    :class:`~upwork_safety.fees.WithdrawalComparison`'s ``rows()`` keep
    each amount with its currency, as the command line's ``withdraw --json``
    writes them.

    Args:
        value: The value to write.
        omit_defaults: Leave out fields that hold their default exactly
            (the same value, written the same way); the readers fill them
            in again, so the short form loads to an equal value.  Pass
            ``False`` to write every field (the CLI's ``--json`` output does).
            A ``bool``; anything else is refused.

    Example:
        >>> from upwork_safety import Money, serialize
        >>> serialize.to_dict(Money("1000.00", "USD"))
        {'amount': '1000.00', 'currency': 'USD'}

    Raises:
        InvalidTypeError: *value* holds something that is not a public value
            or plain data (e.g. an arbitrary object, or a float: numbers are
            written from ``Decimal`` and ``int``), naming its type; a
            ``bool`` where an ``int`` is declared; anything but a ``str``
            where your class declares a ``str``, or but ``True``/``False``
            where it declares a ``bool`` (the readers' rules, ``a string``
            and ``true or false``); a generator or other iterator where a
            list or tuple is declared (so an endless iterator is never
            read); ``str``, ``bytes``, ``bytearray``, ``memoryview``, a
            mapping or a set where a list or sequence is declared, at the
            field's own place (``value.history``); anything but a set where
            a set is declared; a value of another type where a library type
            is declared (rule ``the declared type``: an ``int`` where
            ``Money``, a ``date``, a ``datetime``, a ``timedelta`` or an
            enum is declared, in a field, ``list[Money]``, ``Money | None``
            or a ``dict[str, Money]``'s values; a ``datetime`` where a
            ``date`` is, a ``str`` where a ``Decimal`` is); a class of yours
            no reader takes back, whatever it holds (a field declared as
            ``object`` or ``list[object]``, even at its default: rule ``a
            type serialize reads``, as :func:`from_dict` refuses it); or
            *omit_defaults* is not a ``bool``.
        InvalidValueError: *value* holds a naive datetime (a moment is
            written with its UTC offset) or one whose UTC offset is not
            whole minutes (``zoneinfo``'s local mean time, ``+04:28:12``:
            the readers take hours and minutes), a ``Decimal`` no reader takes
            back (NaN, an absurd exponent), an integer of more than 100
            digits (the readers take none), or a sequence other than a
            list or tuple (a ``range``, your own ``Sequence``), or a set,
            of more than 200,000 items (the library's bound on what it reads
            one item at a time) where a list, tuple or set is declared; or
            your own code raised reading a field or comparing it with its
            default (any default: a factory's, or one the value's class
            subclasses), with the rule ``a field that can be read``; a value
            the field's writer refuses (a NumPy array where a ``Sequence[str]``
            is declared) gets that refusal first, with or without a default.

    A refused value inside *value* is named by its place, the reader's
    path with ``$`` read as ``value``: the error's ``field`` is
    ``"value.inner.at"``, ``"value[0]"`` or ``"value['a b']"`` (and its
    message starts with it); ``"value"`` is *value* itself.
    """
    writer = _writer(omit_defaults)
    with _collector_paused():
        try:
            try:
                return writer.unstructure(value)
            except Written as exc:  # a refusal inside value: it names its place
                raise written_error(exc) from None
        except RecursionError:  # only plain data nests this deep, or holds itself
            raise InvalidTypeError(
                "cannot serialise data nested this deeply (or a list or dict that holds itself)",
                field="value",
                rule="plain data of bounded depth",
            ) from None


@exact
def from_dict(cls: type[T], data: Any) -> T:
    """Build a *cls* from *data* (as made by :func:`to_dict`), strictly.

    Args:
        cls: The type to build, e.g. ``Contract`` or ``list[Contract]``.
        data: Plain data: dicts, lists, strings, numbers, booleans, ``None``.
            A subclass of ``str`` or ``int`` (an ORM's id type, an enum
            member) is read as the plain ``str`` or ``int`` it holds, by
            their own methods, never its own, at every value and every key
            alike (two keys that hold the same text are refused).

    A valid document is read once, by the fused reader
    (:mod:`._fused`); one that the fused reader stops on is read again by
    the detailed reader, which lists every problem of structure at once
    (JSON types and shapes, keys, text a field refuses) and a value's own
    rules (its constructor's) one value at a time, once all its fields are
    built (docs/api/serialize.md).  So structure hooks
    you register on :data:`converter`, and ``__attrs_post_init__`` methods of
    your own classes, may run twice on invalid data: they must not change
    their input.

    Raises:
        InvalidDataError: Listing the problems with their paths, e.g.
            ``$.milestones[0].amount: …`` (the first 50, and a count of all).
        InvalidTypeError: *cls* is not a type, or not one the readers build
            (``field='cls'``; the message says which types are read): for
            example ``Contract | list[Contract]``, whose data could be
            either; read ``list[Contract]`` or ``Contract`` by the data's shape.
    """
    _check_target(cls)
    return _build(cls, data, _DATA)


#: What each reader's errors name: the argument the data came in, and what it must be.
_DATA = ("data", "plain data as to_dict writes it")


def _build(cls: type[T], data: Any, where: tuple[str, str]) -> T:
    """Read *data* with the fused reader, else the detailed one; errors name *where*.

    A constructor's hint then never offers text the readers refuse (a rate as
    ``'10%'``: :func:`~upwork_safety._decimals.reading_data`).
    """
    with reading_data():
        with _collector_paused():
            fast = _fused.reader(_converter, cls)
            if fast is not None:
                try:
                    return _built(cls, fast(data))
                except _fused.LongList as long:  # refused by its length, before its items are read
                    if (problem := _fused.too_long(long, data)) is not None:
                        field, rule = where
                        raise InvalidDataError([problem], field=field, rule=rule) from None
                except Exception:  # noqa: BLE001, S110  (the detailed path below says what is wrong)
                    pass
        return _built(cls, _read_detailed(cls, data, where))


def _built(cls: type[T], value: Any) -> T:
    """*value*, checked to be a *cls* where *cls* is one of the library's classes; else raise.

    The guard of :data:`converter` asks a hook's predicate once, when it is
    registered; a predicate that answers otherwise later, or the converter's
    private parts changed by hand, could make the reader of a library class
    answer with anything (review r36, hostile 2).  One ``type() is`` test.
    """
    kind = get_origin(cls) or cls  # RuleHistory[PlatformRules] builds a RuleHistory
    if type(value) is kind or not (isinstance(kind, type) and is_library(kind)):
        return value  # type: ignore[no-any-return]
    raise InvalidTypeError(
        f"serialize read a {type(value).__name__} where a {kind.__name__} was asked for: a hook "
        "on serialize.converter answered for one of the library's classes; register hooks "
        "for your own classes, or on a copy (serialize.converter.copy())",
        field="cls",
        rule="a class of your own",
    )


def _read_detailed(cls: type[T], data: Any, where: tuple[str, str]) -> T:
    """The detailed reader: cattrs' hooks with every problem collected and reported."""
    field, rule = where
    try:
        with _collector_paused():
            return _converter.structure(data, cls)
    except RecursionError:  # pragma: no cover  (cattrs collects it; a user hook may not)
        raise InvalidDataError([_TOO_DEEP], field=field, rule=rule) from None
    except (
        cattrs.BaseValidationError,
        cattrs.StructureHandlerNotFoundError,
        RefusedError,
        UpworkSafetyError,
        ValueError,
        TypeError,
        KeyError,
    ) as exc:
        try:
            found, count = problems(exc)
            done = complete(exc)
        except RecursionError:  # the errors of a deep document nest as deep as it
            raise InvalidDataError([_TOO_DEEP], field=field, rule=rule) from None
        raise InvalidDataError(found, count=count, complete=done, field=field, rule=rule) from None


#: The types the readers build, in words: what an unreadable *cls* is told (newcomer r21 L1).
_READABLE = (
    "the library's value classes (Contract, Milestone, Money, Payment, an escrow event, a "
    "report, ...) and other attrs classes, plain JSON values (str, int, bool, Decimal, date, "
    "datetime, ...), list[...], tuple[...] and dict[str, ...] of them, X | None, and a union "
    "of attrs classes (such as escrow.Event)"
)

#: The longest type name an error quotes.
_NAME_ROOM = 120


def _type_name(cls: object) -> str:
    """*cls* as a caller writes it, without module paths: ``Contract | list[Contract]``."""
    args = get_args(cls)
    if isinstance(cls, types.UnionType) or get_origin(cls) is Union:
        return " | ".join(_type_name(arg) for arg in args)
    if cls is type(None):
        return "None"
    if cls is Ellipsis:
        return "..."
    origin = get_origin(cls)
    if origin is not None:
        inner = ", ".join(_type_name(arg) for arg in args)
        return f"{getattr(origin, '__name__', shown(origin, 40))}[{inner}]"
    if isinstance(cls, type):
        return cls.__name__
    return shown(cls, 40)


def _check_target(cls: object) -> None:
    """*cls* must be a type the readers build: a class, a generic alias or a union they read.

    A type the converter has no way to build is refused here, as the wrong
    argument it is (``field='cls'``), saying which types are read, rather
    than reported as a problem in the data.
    """
    if not (isinstance(cls, type) or get_origin(cls) is not None):
        raise InvalidTypeError(
            "cls must be the type to build (e.g. Contract or list[Contract]), "
            f"not {shown(cls, 60)}",
            field="cls",
            rule="a type",
        )
    try:
        _converter.get_structure_hook(cls)
    except cattrs.StructureHandlerNotFoundError as exc:
        named = _type_name(cls)
        inner = _type_name(exc.type_)
        held = "" if inner == named else f" (it holds {inner[:_NAME_ROOM]})"
        # A union of one class and a list of it is how a newcomer asks for the command
        # line's "one contract, or a list of them": say how that file is read.
        hint = (
            ". A file of one object or a list of them (as the command line reads) is read as "
            "list[Contract] when its text starts with '[', else as Contract (docs/cli.md, "
            "Input files)"
            if "list[" in named
            else ""
        )
        raise InvalidTypeError(
            f"serialize cannot read the type {named[:_NAME_ROOM]}{held}: cls must be a type it "
            f"reads, {_READABLE}{hint}",
            field="cls",
            rule="a type serialize reads",
        ) from None


def to_json(value: Any, *, indent: int | None = None, omit_defaults: bool = True) -> str:
    """Turn *value* into a JSON string (see :func:`to_dict`).

    Like :func:`to_dict`, it writes a value's fields, not its derived
    properties (a withdrawal quote's ``received``): for a report's figures,
    write ``to_json(report.to_records())``.

    Args:
        value: Any public value or a list of them.
        indent: Spaces per level (1 to 16) for pretty output, or ``None``
            for compact text.
        omit_defaults: As for :func:`to_dict`.

    The text is compact (no spaces) unless *indent* is given, keeps
    non-ASCII characters as they are, and is the same with or without the
    ``fast`` extra (which encodes with msgspec).

    Raises:
        InvalidTypeError: *value* holds something that is not a public value.
    """
    # The int it holds: a subclass's comparisons may lie (red team r18 M1).
    spaces = None if indent is None else whole_number(indent)
    if indent is not None and spaces is None:
        raise InvalidTypeError(
            f"indent must be a whole number of spaces or None, not {type(indent).__name__}",
            field="indent",
            rule="an int or None",
        )
    indent = spaces
    if indent is not None and not 1 <= indent <= _MAX_INDENT:
        raise InvalidValueError(
            f"indent is the number of spaces per level, 1 to {_MAX_INDENT}, or None for "
            f"compact text; got {indent}",
            field="indent",
            rule=f"1 to {_MAX_INDENT} or None",
        )
    with _collector_paused():  # one pause for both steps (nested pauses are free)
        data = to_dict(value, omit_defaults=omit_defaults)
        if _fast.ENCODER is not None:
            try:
                return checked_text(_fast.encode(data, indent), data)
            except (TypeError, ValueError, OverflowError):
                # msgspec refuses subclasses of str and int (a caller's id type), which
                # json.dumps writes as their plain value, the same text; on anything
                # else json.dumps below gives the same refusal as without the extra.
                pass
        try:
            text = json.dumps(
                data,
                indent=indent,
                separators=(",", ":") if indent is None else None,
                ensure_ascii=False,
                allow_nan=False,
            )
        except (ValueError, RecursionError) as exc:  # plain data: a loop, a 5,000-digit int
            raise InvalidTypeError(
                f"cannot write this data as JSON: {exc}",
                field="value",
                rule="plain data JSON can hold",
            ) from None
        return checked_text(text, data)


@exact
def from_json(cls: type[T], text: str | bytes) -> T:
    r"""Parse *text* and build a *cls* from it (see :func:`from_dict`).

    An object that repeats a key is refused (``json.loads`` alone would keep
    the last value silently).  A key from the data appears in a path as
    ``$.name`` when it is a plain name, else escaped in brackets
    (``$['x\x1b[31m']``, at most 40 characters), so no terminal escape or
    unencodable character in a key reaches a message.  A number is quoted
    as written (``500.50``, not ``500.5``): ``1e400`` is said to be out of a
    float's range, not shown as ``inf`` (for the first 1,000 numbers that
    Python would write otherwise; later ones are shown as Python writes them,
    so a document of a million floats is read in bounded memory).

    The text is strict JSON (RFC 8259): ``NaN``, ``Infinity`` and
    ``-Infinity``, which ``json.loads`` alone would read as floats, are
    refused as not valid JSON.  One byte-order mark at the start is ignored,
    in ``str`` (``"\ufeff{…}"``) as in ``bytes`` (``b"\xef\xbb\xbf{…}"``),
    so a file saved by Notepad reads the same whichever way it was read (as
    the ``upwork-safety`` CLI reads it); a second one is not valid JSON.
    ``bytes`` must be UTF-8 (RFC 8259 §8.1): UTF-16 and UTF-32, which
    ``json.loads`` alone would read, are refused.

    There is no size limit here: time and memory grow in proportion to the
    text.  Measured (December 2026, Python 3.11 on a shared 2-core machine,
    peak memory of a fresh process for about 10 MB of text): a list of
    contracts as ``to_json`` writes them takes about 11 MB of memory per MB
    of JSON and 0.45 s per MB, a list of integers 1 to 7 MB per MB.  The
    cheapest values cost the most: a list of empty objects or arrays
    (``[{},{},…]``) about 22 MB per MB, of one-key objects 24 to 37, and
    arrays nested in arrays (``[[[]]],…``, the worst shape found) up to
    46 MB per MB, about 0.3 s per MB (0.8 s for deeply nested objects).  So
    size a cap for text you do not trust by the worst case: 10 MB of it
    may take about 460 MB.  The ``upwork-safety`` CLI refuses a file over
    10 MB (``upwork_safety.cli.MAX_JSON_BYTES``); a service reading text it
    does not trust should cap the size before calling this.

    Raises:
        InvalidDataError: The text is not JSON, an object repeats a key, or
            the data is invalid.
        InvalidTypeError: *cls* is not a type :func:`from_dict` reads
            (``field='cls'``), whatever the text.

    A file of one contract or a list of them, as ``upwork-safety check``
    and ``jss`` read, is read by its shape (``Contract | list[Contract]``
    is not a type this reads: which one the data is must be said)::

        >>> from datetime import date
        >>> from upwork_safety import Contract, ContractKind
        >>> text = to_json([Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2))])
        >>> if text.lstrip().startswith("["):
        ...     contracts = from_json(list[Contract], text)
        ... else:
        ...     contracts = [from_json(Contract, text)]
        >>> [c.id for c in contracts]
        ['c1']
    """
    _check_target(cls)
    with _collector_paused():  # one pause for parsing and building
        data, numbers = parse_json(text)
        with numbers.quoted():
            return _build(cls, data, TEXT)


sys.modules[__name__].__class__ = SealedModule  # serialize.converter = ... is refused


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
