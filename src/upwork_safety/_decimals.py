"""The library's decimal context and the rules every number obeys (private; public via ``money``).

How a value becomes an exact ``Decimal`` within the library's limits
(:func:`to_decimal`), and the one rule for rates (:func:`fraction`).  The
one context every computation runs in (:data:`CONTEXT`, :func:`exact`,
:func:`restore_context`) lives in :mod:`upwork_safety._context`, the lowest
layer, and is re-exported here.  :mod:`upwork_safety.money` re-exports
the names other modules use and documents the constants.
"""

from __future__ import annotations

import decimal
import re
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from upwork_safety._arguments import exact as exact  # noqa: PLC0414  (re-exported: its old home)
from upwork_safety._context import CONTEXT as CONTEXT  # noqa: PLC0414  (re-exported: its old home)
from upwork_safety._context import restore_context as restore_context  # noqa: PLC0414
from upwork_safety._context import settings_copy as settings_copy  # noqa: PLC0414
from upwork_safety._display import is_missing, shown, shown_int, type_name
from upwork_safety._plain import whole_number
from upwork_safety.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_T = TypeVar("_T")

#: The most digits either side of the point (documented as
#: :data:`upwork_safety.money.MAX_DIGITS`).
MAX_DIGITS = 18

#: The largest count the library holds (of contracts, of clients, of parts, in
#: a JSS rule set or result): as many digits as any number it holds
#: (:data:`MAX_DIGITS`), so every value can always be shown, saved and
#: compared (Python refuses to print an int of thousands of digits).
MAX_COUNT = 10**MAX_DIGITS - 1

#: The most items an argument read by ``_validate.sequence_of`` holds (events, time
#: entries, pauses, methods, ...): an iterator is read one item past it and then
#: refused (red team r25 H1).  It is also ``statements.MAX_LINES``, the most lines of an export, the
#: largest count the library reads, so every list the library itself makes fits
#: (a statement's ``MAX_ROWS`` rows, a timeline's ``jss.MAX_TIMELINE_POINTS``).
MAX_ITEMS = 200_000

#: The most keys one object of data (a ``dict`` subclass, read through its own
#: keys) is read for: as many as a list's items, and far more than any class
#: has fields, so only an endless or hostile object meets it.
MAX_KEYS = MAX_ITEMS

#: The rules a number past the library's digit limits breaks, each the one text
#: every site that raises it or tells it apart uses (imported, never retyped):
#: more than :data:`MAX_DIGITS` digits before the point,
INTEGER_DIGITS_RULE = f"at most {MAX_DIGITS} integer digits"
#: a digit past :data:`MAX_DIGITS` decimal places,
DECIMAL_PLACES_RULE = f"at most {MAX_DIGITS} decimal places"
#: and more places written than :data:`CONTEXT` holds.
PLACES_WRITTEN_RULE = f"at most {CONTEXT.prec} decimal places written"
#: The three, for a caller that tells a digit limit apart from other refusals.
DIGIT_LIMIT_RULES = frozenset({INTEGER_DIGITS_RULE, DECIMAL_PLACES_RULE, PLACES_WRITTEN_RULE})
#: :data:`CONTEXT`'s addition and subtraction, looked up once (looking up a
#: method of a C context costs about as much as the exact sum itself).
_add = CONTEXT.add
_subtract = CONTEXT.subtract

#: The settings of a product of two values within the limits: each has at most
#: ``2 * MAX_DIGITS`` digits, so their product has at most ``4 * MAX_DIGITS``
#: (72), more than :data:`CONTEXT`'s 60, and is exact here.  ``Inexact`` is
#: trapped, so no product is ever rounded silently (review r43, 3).
_PRODUCT = settings_copy()
_PRODUCT.prec = 4 * MAX_DIGITS
_PRODUCT.traps[decimal.Inexact] = True


def exact_product(value: Decimal, factor: Decimal) -> Decimal:
    """*value* times *factor*, exactly: both within the limits (:func:`to_decimal`)."""
    return _PRODUCT.multiply(value, factor)


_INT_LIMIT = 10**MAX_DIGITS
_LIMIT = Decimal(_INT_LIMIT)  # from an int: exact in any context, even at import
#: Canonical amount text: ASCII digits, an optional sign, at most one decimal
#: point with digits on both sides.  No spaces, "_", exponents or other scripts.
#: One digit more than allowed either side (so :func:`_limits` names the rule
#: a longer number breaks); after the point as many as a ``Decimal`` may be
#: written with (trailing zeros past 18 places, up to the library's
#: precision), so every amount the library holds can be written as text and
#: read back.
_DIGITS = MAX_DIGITS + 1
_WRITTEN = CONTEXT.prec + 1
_CANONICAL = re.compile(rf"[+-]?[0-9]{{1,{_DIGITS}}}(?:\.[0-9]{{1,{_WRITTEN}}})?")
_CANONICAL_LENGTH = _DIGITS + _WRITTEN + 2
#: The rule text that is not a plain decimal number breaks: raised by
#: :func:`to_decimal`, asked for by :func:`fraction` and the serialize readers
#: (one constant, review r41 6).
CANONICAL_RULE = "canonical decimal text"
#: Canonical in shape but of any length: refused by the digit rule it breaks,
#: not called "not a plain decimal number" (red team r17 L5).
_SHAPE = re.compile(r"[+-]?([0-9]+)(?:\.([0-9]+))?")


def _too_long(text: str, what: str) -> None:
    """Refuse canonical-shaped *text* longer than the library reads, by the rule it breaks."""
    shaped = _SHAPE.fullmatch(text)
    if shaped is None:
        return
    whole, places = shaped.group(1), shaped.group(2) or ""
    if len(whole) > MAX_DIGITS:
        raise InvalidValueError(
            f"{what} must have at most {MAX_DIGITS} digits before the decimal point, got "
            f"{len(whole):,}",
            field=what,
            rule=INTEGER_DIGITS_RULE,
        )
    if len(places) > CONTEXT.prec:
        if places[MAX_DIGITS:].strip("0"):  # a digit past 18 places: the rule it breaks
            _too_many_places(text, what)
        raise InvalidValueError(
            f"{what} must be written with at most {CONTEXT.prec} decimal places (the "
            f"library's precision), got {len(places):,}",
            field=what,
            rule=PLACES_WRITTEN_RULE,
        )


def shows_exponent(text: str) -> bool:
    """Whether *text*, a ``Decimal``'s ``str()``, is in exponent form.

    ``str()`` writes the exponent as ``E``, or as ``e`` when the caller's
    decimal context has ``capitals=0``: both are looked for, so no caller
    setting changes what the library reads from the text.
    """
    return "E" in text or "e" in text


def _places(value: object) -> int:
    """How many digits a finite Decimal has after the point (0 for anything else).

    Read from the plain text of the number, which costs a sixth of
    ``as_tuple()`` (measured: it was a third of building a Money); numbers
    that print with an exponent take the exact, slower way.
    """
    if not isinstance(value, Decimal):
        return 0
    text = str(value)
    if shows_exponent(text):
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def _too_many_places(text: str, what: str) -> NoReturn:
    """Refuse *text*, a number with a digit past :data:`MAX_DIGITS` decimal places."""
    raise InvalidValueError(
        f"{what} must have at most {MAX_DIGITS} decimal places, got "
        f"{text if len(text) <= 60 else text[:60] + f'… ({len(text)} characters)'}",
        field=what,
        rule=DECIMAL_PLACES_RULE,
    )


def _limits(result: Decimal, what: str) -> Decimal:
    """Refuse a finite *result* beyond :data:`MAX_DIGITS` either side of the point."""
    # adjusted() and the exponent need no context, so "1e999999" costs nothing.
    if result.adjusted() >= MAX_DIGITS and result.copy_abs() >= _LIMIT:
        raise InvalidValueError(
            f"{what} must have at most {MAX_DIGITS} digits before the decimal "
            f"point, got {result.adjusted() + 1}",
            field=what,
            rule=INTEGER_DIGITS_RULE,
        )
    if _places(result) > MAX_DIGITS and result != result.quantize(
        _QUANTA[MAX_DIGITS], context=CONTEXT
    ):
        _too_many_places(str(result), what)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -CONTEXT.prec:
        # Trailing zeros past 18 places hold no digit and are kept as given,
        # but not past the library's precision: "0E-1000000" (zero written with
        # a million places) would carry its exponent into every later sum.
        raise InvalidValueError(
            f"{what} must be written with at most {CONTEXT.prec} decimal places (the "
            f"library's precision), got {-exponent}",
            field=what,
            rule=PLACES_WRITTEN_RULE,
        )
    return result


def computed(value: Decimal, what: str, *how: object, unit: str = "") -> Decimal:
    """*value*, the result of the operation *how*, within the library's limits (private).

    The one rule for a value the library computes rather than reads (a sum,
    a product, a rounded or converted amount, an inverse rate): the limits
    of every value it holds, and a refusal that names the result (``field``
    *what*, e.g. ``"product"``) and, in its message, the operation and its
    operands (*how*, written out only for the message: ``USD 1.10 * 0.5``),
    never a field the caller did not pass (red team r23 L2).  *unit* (a
    currency) is written before a result too large to hold.

    Raises:
        InvalidValueError: *value* is past a limit; ``rule`` is that limit
            (``"at most 18 integer digits"``, ``"at most 18 decimal places"``
            or ``"at most 60 decimal places written"``).
    """
    if within_limits(value):
        return value
    try:
        return _limits(value, what)
    except InvalidValueError as error:
        done = " ".join(map(str, how))
        if error.rule == INTEGER_DIGITS_RULE:
            message = (
                f"{done} is {unit}{' ' if unit else ''}{value:,f}, more than {MAX_DIGITS} "
                f"digits before the decimal point: the {what} is too large to hold"
            )
        else:
            message = (
                f"{done} is past the library's limits; the {error}: arithmetic never rounds, "
                "so round an operand first (round_half_up(), Money.rounded(), or rate_of() "
                "for a share rounded to the cent)"
            )
        raise InvalidValueError(message, field=what, rule=error.rule) from None


def to_decimal(value: object, what: str) -> Decimal:  # noqa: C901  (one branch per input kind)
    """Coerce *value* to a finite ``Decimal`` within the library's limits, or raise naming *what*.

    Accepts a ``Decimal``, an ``int`` or a ``str`` in canonical form
    (``"-1234.50"``: ASCII digits, an optional sign, one decimal point).
    Text such as ``"1_000"``, ``" 5"``, ``"1e3"`` or full-width digits is
    refused rather than rewritten.

    Raises:
        InvalidTypeError: *value* is a float, a bool or not a number.
        InvalidValueError: Not canonical, not finite, or beyond
            :data:`MAX_DIGITS` digits either side of the point.
    """
    cls = type(value)
    held: Any = value  # read by its type below, with the builtin's own methods
    if cls is Decimal:
        result: Decimal = held
        if not result.is_finite():
            raise InvalidValueError(
                f"{what} must be a finite number, got {result}", field=what, rule="finite"
            )
    elif issubclass(cls, str):  # by its type: isinstance believes a lying __class__
        text = str.__str__(held)
        if len(text) > _CANONICAL_LENGTH or _CANONICAL.fullmatch(text) is None:
            _too_long(text, what)
            percent_hint = (
                " (a rate is stored as a fraction: 0.1 for 10%)" if text.endswith("%") else ""
            )
            raise InvalidValueError(
                f'{what} must be a plain decimal number such as "1234.50" (ASCII digits, '
                f"an optional sign, one decimal point), got {shown(text)}{percent_hint}",
                field=what,
                rule=CANONICAL_RULE,
            )
        result = Decimal(text)
    elif issubclass(cls, bool):
        raise InvalidTypeError(
            f"{what} must be a str, int or Decimal, not bool", field=what, rule="a number"
        )
    elif issubclass(cls, int):
        number = held if cls is int else int.__int__(held)  # a subclass's value, not its say
        if not -_INT_LIMIT < number < _INT_LIMIT:
            raise InvalidValueError(
                f"{what} must have at most {MAX_DIGITS} digits before the decimal point",
                field=what,
                rule=INTEGER_DIGITS_RULE,
            )
        return Decimal(number)
    elif issubclass(cls, Decimal):
        return to_decimal(Decimal(held), what)  # a subclass: checked as a plain Decimal
    elif issubclass(cls, float):
        written = float.__repr__(held)
        raise InvalidTypeError(
            f"{what} must be a str, int or Decimal, not float ({shown(value)}): "
            f"floats cannot hold decimal fractions exactly; pass Decimal({shown(written)}) "
            f"or {shown(written)} instead",
            field=what,
            rule="not a float",
        )
    else:
        hint = whole_hint(value, missing="fill it in or leave the row out")
        raise InvalidTypeError(
            f"{what} must be a str, int or Decimal, not {type_name(value)}{hint}",
            field=what,
            rule="a number",
        )
    if within_limits(result):
        return result  # the common case: one cheap check for both limits
    return _limits(result, what)


def within_limits(value: Decimal) -> bool:
    """Whether finite *value* has at most :data:`MAX_DIGITS` digits on each side of the point.

    The cheap test of the common case; :func:`to_decimal` sends anything
    else (a zero written with more places, say) to the exact rules.
    """
    return value.adjusted() < MAX_DIGITS and _places(value) <= MAX_DIGITS


#: ``Decimal("1")``, ``Decimal("0.1")``, … ``Decimal("1e-18")``, by number of places.
_QUANTA: tuple[Decimal, ...] = tuple(Decimal(1).scaleb(-places) for places in range(MAX_DIGITS + 1))


_ZERO = Decimal(0)
_ONE = Decimal(1)


def fraction(value: object, what: str, *, below_one: bool = True) -> Decimal:
    """A rate as a fraction: ``Decimal("0.10")``, ``"0.10"``, ``0``, or a percentage ``"10%"``.

    The one rule for rates everywhere (library and CLI): a fraction from 0,
    given as a ``Decimal``, an ``int`` or canonical text, or a percentage as
    text ending in ``%`` (``"2.5%"`` is ``Decimal("0.025")``).  Floats are
    refused like everywhere else.

    Args:
        value: The rate.
        what: The argument name for the error.
        below_one: Whether the rate must be below 1 (true for fees, spreads
            and tax rates).

    Raises:
        InvalidTypeError: *value* is a float, a bool or not a number.
        InvalidValueError: Not a number, negative (a negative zero too:
            ``"-0%"``, ``Decimal("-0")``, and text such as ``"-.5"``), or
            (with *below_one*) 1 or more; the message says a rate is never
            negative, or shows the fraction to write instead.
    """
    if (
        type(value) is Decimal
        and value.is_finite()
        and _ZERO <= value < _ONE
        and not value.is_signed()
    ):
        # The common case (a rate a checked value already holds), decided by
        # the same rule, faster: a finite Decimal from 0 below 1 whose text
        # has no exponent and at most MAX_DIGITS places ("0." and the digits)
        # is one to_decimal returns as it is.  Anything else takes the way below.
        text = str(value)
        if len(text) <= MAX_DIGITS + 2 and not shows_exponent(text):
            return value
    percent = issubclass(type(value), str) and str.__str__(cast("str", value)).endswith("%")
    try:
        rate = _percent_as_fraction(value, what) if percent else to_decimal(value, what)  # type: ignore[arg-type]
    except InvalidValueError as error:
        if not issubclass(type(value), str) or error.rule != CANONICAL_RULE:
            raise
        if _NEGATIVE.fullmatch(str.__str__(cast("str", value))):
            # "-.5" is a negative rate, refused as "-0.5" and "-1%" are (review r28 9).
            _out_of_range(value, what, None, below_one=below_one)
        raise InvalidValueError(
            f'{what} must be a fraction such as "0.10" or a percentage such as "10%" (ASCII '
            f"digits, one decimal point), got {shown(value)}",
            field=what,
            rule="a fraction or a percentage",
        ) from None
    if rate.is_signed() or (below_one and rate >= _ONE):
        hint = ""
        if rate >= 1 and not percent:
            hint = _fraction_hint(rate, what)
        _out_of_range(value, what, rate, below_one=below_one, hint=hint)
    return rate


#: Whether :mod:`upwork_safety.serialize` is reading data (:func:`reading_data`):
#: its numbers are plain decimal text, never a percentage (``"10%"``).
_IN_DATA: ContextVar[bool] = ContextVar("upwork_safety_in_data", default=False)


@contextmanager
def reading_data() -> Iterator[None]:
    """While it runs, a rate's refusal speaks to the author of data, not of Python code.

    ``serialize`` reads its data in it, so a JSON rate of ``"10"`` is told to
    write ``"0.1"``, never ``'10%'``, which the reader would then refuse
    (newcomer r43 1), and the value refused is shown as the data wrote it
    (``10``), not as the ``Decimal('10')`` it was read into (review r43 7).
    """
    token = _IN_DATA.set(True)
    try:
        yield
    finally:
        _IN_DATA.reset(token)


def _fraction_hint(rate: Decimal, what: str) -> str:
    """How to write *rate*, a whole percentage given as a fraction, where it is being read.

    ``""`` when the fraction it would offer (*rate* / 100, and ``'{rate}%'``,
    which reads as that fraction) is itself refused: a rate of 100 or more
    is told no value to write, never one the same rule refuses (hostile r43
    F2).  Whether it is refused is :func:`fraction`'s own answer.
    """
    suggested = CONTEXT.divide(rate, Decimal(100))
    if suggested >= _ONE:
        return ""  # refused by the rule below one, and asking would ask for a hint again
    try:
        fraction(suggested, what)
    except InvalidValueError:
        return ""
    if _IN_DATA.get():
        return f' (for {rate}% write "{suggested}")'
    return f" (for {rate}% write {suggested} or '{rate}%')"


def _given(value: object) -> str:
    """*value*, a rate refused, for its message: as the data wrote it while data is read.

    The data reader takes a number only as decimal text or a JSON integer,
    either read into a ``Decimal`` whose text is the one written (it refuses
    any other text: ``"05"``, ``"1e1"``), so that text, not the ``Decimal``'s
    ``repr``, is what the author of the data wrote; elsewhere :func:`shown`.
    """
    if type(value) is Decimal and _IN_DATA.get():
        return str(value)
    return shown(value)


#: Text that reads as a negative number, though not in canonical form ("-.5", "-5.%").
_NEGATIVE = re.compile(r"-(?=\.?[0-9])[0-9]*\.?[0-9]*%?")


def _out_of_range(
    value: object, what: str, rate: Decimal | None, *, below_one: bool, hint: str = ""
) -> NoReturn:
    """Refuse *value*, a rate outside the range: one rule and one wording for each negative.

    A negative zero (``"-0"``, ``"-0%"``, ``Decimal("-0")``) equals 0 but is
    signed: refused under the same rule, never rewritten as 0 nor echoed as
    "-0%" (review r25 hostile H9), and the message says why, since 0 itself
    is in range (review r28 9).  Every other negative rate (*rate* ``None``
    for text such as ``"-.5"``) is told it is negative, whatever its form.
    """
    limit = "from 0 up to (not including) 1" if below_one else "from 0"
    why = hint
    if rate is not None and rate.is_zero() and rate.is_signed():
        why = ": a zero with a minus sign is refused as a negative rate is; write 0"
    elif rate is None or rate.is_signed():
        why = ": a rate is never negative"
    raise InvalidValueError(
        f"{what} is a fraction {limit}, got {_given(value)}{why}",
        field=what,
        rule=f"a fraction {limit}",
    )


def _percent_as_fraction(text: str, what: str) -> Decimal:
    """*text*, a percentage such as ``"2.5%"``, as a fraction; refused naming *what*.

    A percentage with more than ``MAX_DIGITS - 2`` places becomes a fraction
    with more than :data:`~upwork_safety.money.MAX_DIGITS`, which no rate
    may hold; it is refused here, where the caller's field is known.
    """
    rate = CONTEXT.divide(to_decimal(text[:-1], what), Decimal(100))
    try:
        return to_decimal(rate, what)
    except InvalidValueError:
        raise InvalidValueError(
            f"{what} as a percentage may have at most {MAX_DIGITS - 2} decimal places (a "
            f"fraction at most {MAX_DIGITS}), got {shown(text)}",
            field=what,
            rule=DECIMAL_PLACES_RULE,
        ) from None


def whole_hint(value: object, *, missing: str) -> str:
    """The advice for *value*, refused where a whole number was wanted: ``""`` if there is none.

    The one wording, for a count, a whole-number field and a Money amount
    (review r24, newcomer N1): a whole number of another library's type
    (``numpy.int64``, which says so by having ``__index__``) or a float
    holding a whole number (``9.0``, from a column with gaps) gets "pass
    int(value)"; a missing value (``pandas.NA``, NaN, :func:`is_missing`)
    gets *missing*, what to do instead.
    """
    if is_missing(value):
        return f"; it is a missing value: {missing}"
    kind = type(value)
    if issubclass(kind, bool):
        return ""
    if hasattr(kind, "__index__") or (issubclass(kind, float) and float.is_integer(value)):  # type: ignore[arg-type]
        return "; pass int(value) for a whole number"
    return ""


def bounded(
    items: Iterable[_T], what: str, *, most: int | None = None, keys: bool = False
) -> Iterator[_T]:
    """Yield *items* (the argument *what*) one by one, refusing the one past the bound.

    The one reader of an iterator of unknown length: ``_validate.as_sequence``
    and ``sequence_of`` both read through it, so an endless generator
    is refused after the same number of items, whoever reads it.  The bound
    is *most*, else :data:`MAX_ITEMS`; *keys* says that *items* are an
    object's keys, for the refusal's words (:func:`too_many_items`).
    """
    limit = MAX_ITEMS if most is None else most
    for index, item in enumerate(items):
        if index == limit:
            restore_context()  # the caller's iterator ran, and the refusal ends the reading
            too_many_items(what, most=limit, keys=keys)
        yield item
    restore_context()  # the caller's iterator ran: the library's context back (red team r33 1)


def too_many_items(what: str, *, most: int | None = None, keys: bool = False) -> NoReturn:
    """Refuse an argument or field *what* that holds more than *most* (:data:`MAX_ITEMS`) items.

    The message says what was counted: a list's items, or (*keys*) an
    object's keys (review r43 3); the rule is the same for both.
    """
    limit = MAX_ITEMS if most is None else most
    counted, container = ("keys", "object") if keys else ("items", "list")
    raise InvalidValueError(
        f"{what} holds more than {limit:,} {counted}, the most the library reads in one "
        f"{container}",
        field=what,
        rule=f"at most {limit:,} items",
    )


#: The rule a total breaks when it needs more digits than any amount may have.
TOTAL_RULE = f"a total of at most {MAX_DIGITS} integer digits"
#: The first total too large to hold.
_TOTAL_LIMIT = Decimal(10**MAX_DIGITS)


def fitting_total(
    amounts: Iterable[Decimal], what: str, why: str, *, start: Decimal = Decimal(0)
) -> Decimal:
    """*start* plus *amounts*, exactly; refused (naming *what*) past the digits an amount holds.

    The one check that a value's amounts can be added up, wherever a value
    reports a total of them (a contract's milestones and payments, a
    payout's credits, a payout schedule's items): each amount fits, and
    their sum must too, or the value could be built but not its total.
    *why* ends the message: what could not be told.

    Raises:
        InvalidValueError: The sum has more than :data:`MAX_DIGITS` digits
            before the point (``field`` *what*, ``rule`` :data:`TOTAL_RULE`).
    """
    total = start
    for amount in amounts:
        total = CONTEXT.add(total, amount)
    if total.copy_abs() >= _TOTAL_LIMIT:
        raise InvalidValueError(
            f"{what} add up to more than {MAX_DIGITS} digits before the decimal point, the "
            f"most any amount the library holds may have, so {why}",
            field=what,
            rule=TOTAL_RULE,
        )
    return total


def flag(value: object, name: str) -> bool:
    """*value* if it is a real ``bool``; else raise naming *name*.

    The one check of a yes-or-no argument or field, wherever one is given
    (review r42, review 3): ``0``, ``1``, ``"false"`` and ``None`` are not a
    flag (``bool`` has no subclasses, so the type is the value's own).

    Raises:
        InvalidTypeError: *value* is not a ``bool`` (``field`` *name*,
            ``rule`` "a bool").
    """
    if type(value) is not bool:
        raise InvalidTypeError(
            f"{name} must be a bool (True or False), not {type_name(value)}",
            field=name,
            rule="a bool",
        )
    return value


def count(value: object, name: str, *, low: int = 0, high: int | None = None) -> int:
    """*value*, a whole number from *low* to *high*, as the plain ``int`` it holds; else raise.

    The one check of a count, a size or a number of places, wherever one is
    given: an ``int`` or a subclass of it, never a ``bool`` (``True`` is not
    the count 1) or a float such as ``1.0``, read and compared as the ``int``
    it holds (:func:`~upwork_safety._plain.whole_number`: a subclass's
    comparisons may lie, red team r18 M1).  Without *high* the bound is
    :data:`MAX_COUNT`.

    Raises:
        InvalidTypeError: *value* is not a whole number (``field`` *name*,
            ``rule`` "a whole number").
        InvalidValueError: *value* is out of range (``field`` *name*; ``rule``
            "*low* to *high*", or without *high* "*low* or more" below and
            "at most 18 digits" above).
    """
    number = whole_number(value)
    if number is None:
        hint = whole_hint(value, missing="fill it in or leave it out")
        raise InvalidTypeError(
            f"{name} must be a whole number, not {type_name(value)}{hint}",
            field=name,
            rule="a whole number",
        )
    if number < low or number > (MAX_COUNT if high is None else high):
        if high is not None:
            rule = f"{low:,} to {high:,}"
        elif number < low:
            rule = f"{low:,} or more"
        else:
            rule = f"at most {MAX_DIGITS} digits"
        raise InvalidValueError(
            f"{name} must be {rule}, got {shown_int(number)}", field=name, rule=rule
        )
    return number
