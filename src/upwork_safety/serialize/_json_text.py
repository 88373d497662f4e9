"""JSON text in and out of :mod:`upwork_safety.serialize`: strict parsing, checked writing.

:func:`parse_json` reads text as strict JSON (RFC 8259) and refuses what ``json.loads``
alone would let through: repeated keys, ``NaN``, UTF-16 bytes, over-long integers.
:func:`checked_text` refuses written text no UTF-8 file can hold.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NoReturn, cast

from upwork_safety.errors import InvalidDataError, InvalidValueError, Problem
from upwork_safety.money import unicode_text
from upwork_safety.serialize._problems import (
    LIMIT,
    WRITTEN_FIELD,
    key_path,
    lone_surrogate_at,
    written_field,
)
from upwork_safety.serialize._strict import (
    MAX_JSON_INT_DIGITS,
    WrittenInt,
    WrittenNumbers,
    read_json_int,
)

if TYPE_CHECKING:
    from collections.abc import Callable

#: Where JSON text is read: the argument's name and the rule it breaks.
TEXT = ("text", "JSON as to_json writes it")
_JSON_TOO_DEEP = Problem("$", "JSON nested too deeply", rule="nested no deeper than Python reads")


def parse_json(text: str | bytes) -> tuple[object, WrittenNumbers]:
    """*text* read as strict JSON, and the numbers it wrote (for messages), or refused.

    :func:`~upwork_safety.serialize.from_json`'s reading, before any value is built: the
    byte-order mark, UTF-8, repeated keys, over-long integers, ``NaN`` and nesting too
    deep are refused here with :class:`~upwork_safety.InvalidDataError` (``field='text'``).
    """
    marked: list[_Repeated] = []
    pairs = _marking(marked)

    long_ints: list[WrittenInt] = []

    def read_int(text: str) -> int | WrittenInt:
        number = read_json_int(text)
        if isinstance(number, WrittenInt):
            long_ints.append(number)
        return number

    # A float keeps the text the document wrote: no reader takes a float, so only
    # messages read it (500.50 is not shown as 500.5, nor 1e400 as inf); the first
    # MAX_WRITTEN_NUMBERS of them only, so memory stays bounded (red team r22 M2).
    numbers = WrittenNumbers()

    source: object = text  # as given: json.loads refuses any other type below
    if isinstance(source, bytes | bytearray):
        source = _utf8(source)
    if isinstance(source, str) and source.startswith(_BOM):
        source = source[len(_BOM) :]  # one mark, as a file saved by Notepad (red team r24 S3)
    try:
        data = json.loads(
            cast("str", source),
            object_pairs_hook=pairs,
            parse_float=numbers.read,
            parse_int=read_int,
            parse_constant=_not_json,
        )
    except (ValueError, TypeError) as exc:
        raise InvalidDataError(
            [Problem("$", f"not valid JSON: {exc}", rule="JSON")], field="text", rule=TEXT[1]
        ) from None
    except RecursionError:
        raise InvalidDataError([_JSON_TOO_DEEP], field="text", rule=TEXT[1]) from None
    if marked or long_ints:
        count = sum(m.count for m in marked) + len(long_ints)
        raise InvalidDataError(_paths(data, marked), count=count, field="text", rule=TEXT[1])
    return data, numbers


def checked_text(text: str, data: object) -> str:
    r"""*text*, written from *data*, if UTF-8 can hold it (the library's values can).

    Plain data may hold a lone surrogate (``'\ud800'``); the refusal names
    its place in the value (``value['a'][1]``), found only once refused.
    """
    if text.isascii() or unicode_text(text):
        return text
    field = written_field(lone_surrogate_at(data) or "$")
    place = "" if field == WRITTEN_FIELD else f"{field}: "
    raise InvalidValueError(
        f"{place}cannot write text holding a lone surrogate (e.g. '\\ud800') as JSON: "
        "no UTF-8 file can hold it, and the readers refuse it",
        field=field,
        rule="valid Unicode text",
    )


class _Repeated(dict):  # type: ignore[type-arg]
    """A JSON object that repeated a key.

    *repeated* lists the first :data:`LIMIT` repeats, in order, and *count*
    counts them all: an object that repeats one key a million times costs a
    count, not a million problems.
    """

    repeated: list[str]
    count: int


def _paths(data: object, marked: list[_Repeated]) -> list[Problem]:
    """The paths of the *marked* objects in *data*, with the keys they repeat.

    And of every integer too long to read (:class:`~._strict.WrittenInt`),
    in the document's order.
    """
    wanted = {id(m) for m in marked}
    found: list[Problem] = []
    stack: list[tuple[object, str]] = [(data, "$")]
    while stack and len(found) < LIMIT:
        node, path = stack.pop()
        if isinstance(node, WrittenInt):
            found.append(
                Problem(
                    path,
                    f"an integer of {node.digits:,} digits (starting {node.text[:12]}…): no "
                    f"number this library reads has more than {MAX_JSON_INT_DIGITS}",
                    rule=f"at most {MAX_JSON_INT_DIGITS} digits",
                )
            )
        elif isinstance(node, dict):
            if id(node) in wanted:
                found.extend(
                    Problem(key_path(path, key), "duplicate key", rule="each key once")
                    for key in node.repeated[: LIMIT - len(found)]  # type: ignore[attr-defined]
                )
            stack.extend((v, key_path(path, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))))
    return found[:LIMIT]


def _marking(marked: list[_Repeated]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """``json.loads``' pairs hook: a dict, or a :class:`_Repeated` added to *marked*."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) == len(items):
            return result
        repeated = _Repeated(result)
        seen: set[str] = set()
        repeats: list[str] = []
        count = 0
        for key, _ in items:
            if key in seen:
                count += 1
                if len(repeats) < LIMIT:
                    repeats.append(key)
            else:
                seen.add(key)
        repeated.repeated = repeats
        repeated.count = count
        marked.append(repeated)
        return repeated

    return pairs


def _utf8(data: bytes | bytearray) -> str:
    """*data* decoded as UTF-8, the only encoding JSON exchanged between systems may use.

    ``json.loads`` alone would also read UTF-16 and UTF-32 bytes (and let a
    lone surrogate through), which the docs never promised (red team r26
    serialize 5); such bytes are refused with where decoding stopped.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError(
            [
                Problem(
                    "$",
                    f"not UTF-8 text: byte {exc.start:,} cannot be read ({exc.reason}); "
                    "JSON is UTF-8 (RFC 8259 §8.1)",
                    rule="UTF-8",
                )
            ],
            field="text",
            rule=TEXT[1],
        ) from None


#: The byte-order mark, as a character: one at the start of the text is not part of the JSON.
_BOM = "\ufeff"


def _not_json(token: str) -> NoReturn:
    """``json.loads``' ``parse_constant``: ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON."""
    raise ValueError(f"{token} is not a JSON value (JSON has no NaN or infinities, RFC 8259)")
