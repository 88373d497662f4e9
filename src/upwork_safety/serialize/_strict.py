"""Strict readers for the leaf values of serialised data (private).

Each reader takes one JSON value and returns the Python value, or raises
:class:`RefusedError` saying what was expected.  Nothing is coerced or
normalised: ``"false"`` is not ``False``, ``3.9`` is not ``3``, ``"1_000"``
and full-width digits are not numbers, ``20250602`` is not a date.  Every
reader costs time bounded by a small multiple of the length of its input, so
hostile values (``"1e999990"`` seconds, a megabyte of digits) are refused at
once.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import math
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, get_args

from upwork_safety import _display
from upwork_safety._decimals import CANONICAL_RULE, MAX_KEYS, bounded, restore_context
from upwork_safety._plain import plain_int, plain_text, whole_number
from upwork_safety._render import decimal_text, jsonable
from upwork_safety.errors import (
    MAX_PROBLEMS,
    InvalidTypeError,
    InvalidValueError,
    UpworkSafetyError,
)
from upwork_safety.money import Money, to_decimal, unicode_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

E = TypeVar("E", bound=enum.Enum)


class RefusedError(ValueError):
    """A reader refused a value; the message is what the user sees.

    Attributes:
        where: A path below the value being read, e.g. ``".amount"``, or
            ``""`` for the value itself.
        rule: The rule that was broken, in a few words, where there is one.
    """

    def __init__(self, message: str, where: str = "", rule: str | None = None) -> None:
        super().__init__(message)
        self.where = where
        self.rule = rule


#: The floats :func:`~upwork_safety.serialize.from_json` is reading whose text
#: Python's ``repr`` would not give back, each with the text the document wrote,
#: by the float's ``id`` (set while it builds the values, by
#: :meth:`WrittenNumbers.quoted`).  The table holds the floats themselves, so no
#: id in it is reused while it is set.
_WRITTEN: ContextVar[dict[int, tuple[float, str]] | None] = ContextVar(
    "upwork_safety_written_numbers", default=None
)

#: The most floats one :class:`WrittenNumbers` keeps the text of: twenty times
#: the problems an error keeps (:data:`~upwork_safety.errors.MAX_PROBLEMS`), so
#: the numbers a report of a hand-written file quotes are quoted as written,
#: while a hostile document of a million floats costs little more than the
#: floats themselves (red team r22 M2: keeping every one peaked at 217 MB for
#: 4 MB of text, six times the 35 MB ``json.loads`` needs).
MAX_WRITTEN_NUMBERS = 20 * MAX_PROBLEMS


class WrittenNumbers:
    """The JSON numbers with a fraction or exponent one ``json.loads`` read, with their text.

    :meth:`read` is ``json.loads``' ``parse_float``: it gives the float the
    standard library would (a caller's own class may hold a float), and keeps
    the text the document wrote.  No reader of the library takes a float, so
    the text only serves messages: inside :meth:`quoted`, :func:`shown` quotes
    each of these floats as the document wrote it (``500.50``,
    ``123456789012345678.99``, ``1e2``), not as Python's ``repr`` of the float
    (``500.5``, ``1.2345678901234568e+17``, ``100.0``), and says ``1e400`` is
    out of a float's range rather than showing ``inf``.

    Only a text that ``repr`` would not give back is kept (``1.5`` is
    shown as ``repr`` shows it, the same text), and only for the first
    :data:`MAX_WRITTEN_NUMBERS` such floats, so the memory it takes is
    bounded whatever the document: a float past them is shown as ``repr``
    shows it.
    """

    __slots__ = ("_texts",)

    def __init__(self) -> None:
        self._texts: dict[int, tuple[float, str]] = {}

    def read(self, text: str) -> float:
        """The float *text* names, as ``json.loads`` makes it, its text kept if needed."""
        number = float(text)
        if len(self._texts) < MAX_WRITTEN_NUMBERS and repr(number) != text:
            self._texts[id(number)] = (number, text)
        return number

    @contextlib.contextmanager
    def quoted(self) -> Iterator[None]:
        """While inside, messages quote the numbers :meth:`read` read as they were written."""
        token = _WRITTEN.set(self._texts or None)
        try:
            yield
        finally:
            _WRITTEN.reset(token)


def _written_text(value: float) -> str | None:
    """The text the document wrote for *value*, a float that :meth:`WrittenNumbers.read` made.

    ``None`` for any other float, or outside :meth:`WrittenNumbers.quoted`.
    """
    texts = _WRITTEN.get()
    if texts is None:
        return None
    entry = texts.get(id(value))
    return entry[1] if entry is not None and entry[0] is value else None


#: The most digits a JSON integer may have to be read as a number: more than any
#: value holds (an amount has at most 18 before its point, a forecast's seed at
#: most 256 bits, 78 digits).  A longer one is kept as its text
#: (:class:`WrittenInt`) and refused with its path, in time linear in its
#: length, whatever the interpreter's own digit limit
#: (``sys.set_int_max_str_digits``).
MAX_JSON_INT_DIGITS = 100


class WrittenInt:
    """A JSON integer of more than :data:`MAX_JSON_INT_DIGITS` digits, kept as written.

    Converting it would take time quadratic in its length (or fail past the
    interpreter's digit limit with advice to raise it); no reader takes one,
    so it is never converted, only found and refused with its path.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def digits(self) -> int:
        """How many digits it has (its sign aside)."""
        return len(self.text) - self.text.startswith("-")


def read_json_int(text: str) -> int | WrittenInt:
    """A JSON integer, for ``json.loads``'s ``parse_int``: an ``int``, or too long to be one."""
    if len(text) > MAX_JSON_INT_DIGITS and len(text.lstrip("-")) > MAX_JSON_INT_DIGITS:
        return WrittenInt(text)
    return int(text)


#: The least integer too long to read back: :data:`MAX_JSON_INT_DIGITS` + 1 digits.
_TOO_LONG = 10**MAX_JSON_INT_DIGITS


def write_no_float(value: float) -> NoReturn:
    """Refuse a float, wherever it is written."""
    # No public value holds a float (the library's numbers are Decimal), and
    # JSON encoders disagree on how to write them (1e+16 or 1e16): refused.
    raise InvalidTypeError(
        f"cannot serialise the float {_display.shown(value)}: numbers are written from "
        "Decimal or int (floats cannot hold decimal fractions exactly)",
        field="value",
        rule="not a float",
    )


def write_int(value: int) -> int:
    """*value*, written where an ``int`` is declared (or an ``int`` is found), if it reads back.

    What :func:`read_int` refuses is refused here (review r29, hostile 2):
    a ``bool`` where an ``int`` is declared (JSON ``true``), and an integer
    of more than :data:`MAX_JSON_INT_DIGITS` digits, found by comparison,
    never by writing its digits (past the interpreter's digit limit that
    fails with advice to raise the limit).
    """
    number = whole_number(value)
    if isinstance(value, float):
        write_no_float(value)
    if number is None:
        raise InvalidTypeError(
            f"cannot serialise {got(value)} where an integer is declared: the readers "
            "take back only an integer there",
            field="value",
            rule="an integer",
        )
    if not -_TOO_LONG < number < _TOO_LONG:
        raise InvalidValueError(
            f"cannot serialise an integer of more than {MAX_JSON_INT_DIGITS} digits "
            f"(about {number.bit_length() * 30103 // 100000 + 1:,}): the readers take back none",
            field="value",
            rule=f"at most {MAX_JSON_INT_DIGITS} digits",
        )
    return number  # a plain int, as the readers give back (an IntEnum's value, not the member)


def type_name(value: object) -> str:
    """The JSON-ish name of *value*'s type, for messages (``null`` for ``None``)."""
    if value is None:
        return "null"
    return type(value).__name__


def _written(text: str, number: float, limit: int) -> str:
    """A JSON number as the document wrote it, saying so when a float cannot hold it."""
    quoted = text if len(text) <= limit else text[:limit] + "…"
    mantissa = text.lower().partition("e")[0]
    if number in (math.inf, -math.inf) or (not number and any(d in "123456789" for d in mantissa)):
        return f"{quoted} (out of the range of a float as written)"
    return quoted


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)``, cut to about *limit* characters so a message stays short.

    A number :func:`~upwork_safety.serialize.from_json` read as a float is
    shown as the document wrote it (``500.50``, not ``500.5``; see
    :class:`WrittenNumbers`), and one a float cannot hold (``1e400``, not
    ``inf``) is said to be out of its range.
    """
    if type(value) is float and (text := _written_text(value)) is not None:
        return _written(text, value, limit)
    if isinstance(value, dict | list):
        return type_name(value)
    return _display.shown(value, limit)


def got(value: object) -> str:
    """What a message says it got: the JSON type, and the value too when it is a scalar.

    ``null``, an object or an array is named by its type alone (``got list``,
    not ``got list list``: red team r26 serialize 4).
    """
    if value is None or isinstance(value, dict | list):
        return type_name(value)
    return f"{type_name(value)} {shown(value)}"


def plain(value: object) -> object:
    """A ``str`` or ``int`` subclass in the data as the plain ``str`` or ``int`` it holds.

    The one rule every leaf reader applies first (red team r32, hostile 4),
    the models' own (:func:`~upwork_safety._plain.plain_text`,
    :func:`~upwork_safety._plain.plain_int`): a caller's ``MyStr("USD")`` or
    ``MyInt(3)`` (an ORM's id type, ``numpy.str_``, another enum's member) is
    read as the text or number it holds, by ``str``'s and ``int``'s own
    methods, never its own.  Anything else is returned as it is, for the
    reader to take or refuse: a ``bool`` stays a ``bool`` (``true`` is not
    ``1``), a float a float.
    """
    return plain_int(plain_text(value))  # type: ignore[arg-type]


#: The rules a ``str`` and a ``bool`` keep, read or written (review r30, serialize 5).
STRING, TRUE_OR_FALSE = "a string", "true or false"


def read_str(value: object, cls: object = None) -> str:
    """A JSON string of valid Unicode text (a lone surrogate such as U+D800 is refused).

    cattrs finds this reader for every subclass of ``str`` before it looks
    for enums, so a ``str`` enum (``class Kind(StrEnum)``) is read here as
    its member, by :func:`read_enum`.
    """
    if _is_enum_type(cls):
        return read_enum(value, cls)  # type: ignore[arg-type]
    value = plain(value)
    if type(value) is str:
        if unicode_text(value):
            return value
        raise RefusedError(
            "expected Unicode text, got a lone surrogate (an unpaired \\ud800–\\udfff escape)",
            rule="valid Unicode text",
        )
    raise RefusedError(f"expected a string, got {type_name(value)}", rule=STRING)


def read_int(value: object, cls: object = None) -> int:
    """A JSON integer (``true`` and ``3.0`` are refused); for an ``int`` enum, its member.

    As :func:`read_str` for ``str`` enums.
    """
    if _is_enum_type(cls):
        return read_enum(value, cls)  # type: ignore[arg-type]
    if type(value) is int:
        return value
    number = whole_number(value)  # a subclass by int's own method (plain), not its __int__
    if number is not None:
        return number
    raise RefusedError(f"expected an integer, got {got(value)}", rule="an integer")


def _is_enum_type(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def read_bool(value: object, _: object = None) -> bool:
    """``true`` or ``false`` (not ``"false"``, not ``0``)."""
    if value is True or value is False:
        return value
    raise RefusedError(f"expected true or false, got {got(value)}", rule=TRUE_OR_FALSE)


#: The rule a decimal text breaks when it is not the text the writer writes
#: (``to_decimal``'s own, so a model's refusal and a reader's say the same).
CANONICAL = CANONICAL_RULE


def as_written(text: str, value: Decimal, what: str) -> Decimal:
    """*value*, read from *text*, if *text* is the very text the writer writes for it.

    The one rule for the decimal text every reader takes (amounts, rates,
    stars, counts): the text :func:`~upwork_safety._render.decimal_text`
    writes for the value read, which ``to_json`` writes; so a document loads
    only if writing it back gives the same text.  ``"05"``, ``"+5"``,
    ``"01.5"`` and ``"025.00"`` read as numbers but are not written so, and
    are refused rather than rewritten.  Negative zero is written as it is
    held (``"-0.00"`` stays ``"-0.00"``), so it is read as written.

    Raises:
        InvalidValueError: *text* is not the writer's text (``field`` *what*,
            ``rule`` :data:`CANONICAL`); the message gives the text to write.
    """
    written = decimal_text(value)
    if written == text:
        return value
    raise InvalidValueError(
        f"{what} must be written as to_json writes it: {shown(written)}, not {shown(text)} "
        "(no leading zeros, no plus sign)",
        field=what,
        rule=CANONICAL,
    )


def read_decimal(value: object, _: object = None) -> Decimal:
    """A decimal number as canonical text (``"12.50"``) or a JSON integer.

    The text rule is :func:`upwork_safety.money.to_decimal`'s: ASCII digits,
    an optional sign, one decimal point; at most 18 integer digits and 18
    decimal places, with trailing zeros written up to the library's 60
    places (as a ``Decimal`` amount may hold them); and the text must be the
    one the writer writes for that number (:func:`as_written`: not ``"05"``
    or ``"+5"``).  Floats are refused because they cannot hold decimals
    exactly.
    """
    if type(value) is not str and type(value) is not int:
        value = plain(value)
    try:
        if type(value) is str:
            if len(value) <= _CACHED_TEXT:
                return _decimal(value)
            return as_written(value, to_decimal(value, "the number"), "the number")
        if type(value) is int:
            return to_decimal(value, "the number")
    except UpworkSafetyError as exc:
        raise RefusedError(str(exc), rule=exc.rule) from None
    raise RefusedError(
        f'expected a decimal number as a string (e.g. "12.50"), got {got(value)}',
        rule=CANONICAL,
    )


#: Texts up to this length are read through the caches below (longer ones are
#: read each time, and never hashed for a cache).
_CACHED_TEXT = 64


@functools.lru_cache(maxsize=4096)
def _decimal(text: str) -> Decimal:
    """``to_decimal(text)`` if *text* is :func:`as_written`, kept: documents repeat rates.

    Only values are kept; a refused text raises each time.
    """
    return as_written(text, to_decimal(text, "the number"), "the number")


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[tuple[type, object], enum.Enum]:
    return {(type(m.value), m.value): m for m in cls}


def read_enum(value: object, cls: type[E]) -> E:
    """An enum member by its value (of the value's own type: ``"1"`` is not ``1``).

    A member of *cls* itself is taken as it is (a ``str`` enum's member is
    also a string).
    """
    if type(value) is cls:
        return value
    kind = type(value)
    if kind is not str and kind is not int:
        value = plain(value)  # a subclass's own __hash__ and __eq__ are never asked
        kind = type(value)
    try:
        return _members(cls)[kind, value]  # type: ignore[return-value]
    except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
        if issubclass(cls, enum.Flag) and type(value) is int:
            with contextlib.suppress(ValueError):  # a combination of a flag's members
                return cls(value)
        allowed = ", ".join(repr(m.value) for m in cls)
        raise RefusedError(
            f"expected one of {allowed}, got {got(value)}", rule=f"a {cls.__name__}"
        ) from None


def read_literal(value: object, t: Any) -> object:
    """One of a ``Literal``'s values, of the value's own type (``"1"`` is not ``1``).

    An enum member in the ``Literal`` is read from its value, as it is written.
    """
    if not any(value is allowed for allowed in get_args(t)):
        value = plain(value)
    for allowed in get_args(t):
        written = jsonable(allowed)  # an enum member is written as its value
        if (type(value) is type(written) and value == written) or value is allowed:
            return allowed
    choices = ", ".join(repr(jsonable(a)) for a in get_args(t))
    raise RefusedError(f"expected one of {choices}, got {got(value)}", rule=f"one of {choices}")


@functools.lru_cache(maxsize=4096)
def _money(amount: str, currency: str) -> Money:
    """Money is immutable, so the same text always gives an equal, shareable value.

    Histories repeat the same few amounts (zeros, milestone prices) many
    times; building each once saves a quarter of the load time.
    """
    return _as_written_money(Money(amount, currency), amount)


def _as_written_money(money: Money, amount: str) -> Money:
    """*money*, read from the text *amount*, if that is the text the writer writes (as_written)."""
    as_written(amount, money.amount, "Money.amount")
    return money


_MONEY_KEYS = frozenset({"amount", "currency"})


#: What the count rule names for a ``dict`` subclass whose keys pass the bound.
_THIS_OBJECT = "this object"


def plain_object(value: dict[Any, Any]) -> dict[Any, Any]:
    """*value*, a JSON object, as an exact ``dict`` with plain ``str`` keys.

    A ``dict`` subclass (an ORM row, a lazy JSON proxy) is read through its
    own keys and ``[]``, as the readers would read it, and then the
    library's decimal context is put back: the subclass's code may have
    changed it, and the values read next are built in it (red team r33 1).

    A key that is a ``str`` subclass is read as the text it holds, by
    ``str``'s own method, as every ``str`` leaf is: looking a field up in a
    ``dict`` that holds such a key would ask the key's own ``__eq__``, the
    caller's code, in the middle of the reading (second diff review r33, 1).
    Two keys that hold the same text are refused, never merged.
    """
    kind = type(value)
    if kind is dict and [*map(type, value)].count(str) == len(value):
        return value  # the common case: a plain dict with plain keys, read as it is
    try:  # a subclass's own keys, boundedly: they may never end (hostile r43 1)
        pairs = (
            dict.items(value)
            if kind is dict
            else [
                (key, value[key]) for key in bounded(value, _THIS_OBJECT, most=MAX_KEYS, keys=True)
            ]
        )
    except InvalidValueError as too_many:
        raise RefusedError(str(too_many), rule=too_many.rule) from None
    finally:
        restore_context()
    read = {plain(key): item for key, item in pairs}
    if len(read) != len(value):
        raise RefusedError(
            "two keys hold the same text (one of them a str subclass); each key must be unique",
            rule="unique keys",
        )
    return read


def read_money(value: object, _: object = None) -> Money:
    """``{"amount": "1000.00", "currency": "USD"}``: the amount as text, never a JSON number.

    An amount must be the text the writer writes for it (:func:`as_written`):
    ``"05"`` and ``"+5"`` are refused at ``.amount``, and so is a JSON number,
    an integer too (``5``: write ``"5.00"`` or ``"5"``), which would be
    written back as text (review r26: it was accepted and rewritten).
    """
    if type(value) is dict and len(value) == 2:
        first, second = value  # plain keys only: a str subclass's __eq__ is never asked
        if type(first) is str and type(second) is str:
            amount = value.get("amount")
            currency = value.get("currency")
            if type(amount) is str and type(currency) is str:
                try:
                    return _money(amount, currency)
                except UpworkSafetyError as exc:
                    raise _money_refused(exc) from None
    return _read_money_carefully(value)


def _money_refused(exc: UpworkSafetyError) -> RefusedError:
    # The error names its field ("Money.amount", "Money.currency"): that is
    # the key under the Money object.
    where = exc.field[len("Money") :] if exc.field and exc.field.startswith("Money.") else ""
    return RefusedError(str(exc), where, exc.rule)


#: A JSON integer amount below this (in size) is shown as the text to write instead.
_HINTED = 10**18


def _read_money_carefully(value: object) -> Money:
    if not isinstance(value, dict):
        raise RefusedError(
            f'expected {{"amount": "…", "currency": "…"}}, got {type_name(value)}', rule="Money"
        )
    value = plain_object(value)
    if value.keys() != _MONEY_KEYS:
        extra = sorted(str(k) for k in list(value)[:10] if k not in _MONEY_KEYS)
        missing = sorted(_MONEY_KEYS - value.keys())
        raise RefusedError(
            "Money needs exactly 'amount' and 'currency'"
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {extra}" if extra else ""),
            rule="Money",
        )
    amount = plain(value["amount"])
    if type(amount) is int:
        # A JSON integer is a number, not the amount's text: loaded, it would be
        # written back as text ("5"), so it is refused, as "05" is.
        hint = f' ("{amount}.00" or "{amount}")' if -_HINTED < amount < _HINTED else ""
        raise RefusedError(
            f"expected the amount as text{hint}, not a JSON number ({shown(amount)}): "
            "an amount is read only from the text to_json writes",
            ".amount",
            CANONICAL,
        )
    if type(amount) is not str:
        why = " (floats cannot hold cents exactly)" if isinstance(amount, float) else ""
        raise RefusedError(
            f'expected a string like "1000.00"{why}, got {got(amount)}',
            ".amount",
            CANONICAL,
        )
    currency = plain(value["currency"])
    if type(currency) is not str:
        raise RefusedError(
            f"expected an ISO 4217 code, got {type_name(currency)}", ".currency", "an ISO 4217 code"
        )
    try:
        return _as_written_money(Money(amount, currency), amount)
    except UpworkSafetyError as exc:
        raise _money_refused(exc) from None


#: For the readers that return valid input unchanged: a test (Python source
#: over ``{v}``) under which the reader returns its value itself.  Each test
#: is a case the reader's own first lines accept as they are (an exact
#: ``str`` of ASCII characters is Unicode text; an exact ``int`` is an
#: integer; ``True`` and ``False`` are booleans), so the fused readers
#: (:mod:`._fused`) may test it inline and call the reader for anything
#: else.  ``tests/test_serialize_fast_reader.py`` checks each against its
#: reader.
PASS_THROUGH: dict[object, str] = {
    read_str: "type({v}) is str and {v}.isascii()",
    read_int: "type({v}) is int",
    read_bool: "{v} is True or {v} is False",
}


def enum_hook(hook: object, t: object) -> object:
    """The reader *hook* hands a value of *t* to: an enum's, or *hook* itself.

    :func:`read_str` and :func:`read_int` hand an enum *t* to :func:`read_enum`
    as their first step.  For the fused reader (:mod:`._fused`), which knows *t*
    when it is built and calls that reader at once, with the same arguments.
    """
    if (hook is read_str or hook is read_int) and _is_enum_type(t):
        return read_enum
    return hook
