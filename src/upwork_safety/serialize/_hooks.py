"""One preconfigured cattrs converter for every public type.

``to_dict``/``to_json`` turn values into plain JSON-ready data;
``from_dict``/``from_json`` turn such data back, strictly:

* Money is ``{"amount": "1000.00", "currency": "USD"}``; the amount must be
  a string (or an integer), never a float.
* Other decimals (star ratings, fee rates, hours) are strings too.
* Dates and datetimes are ISO 8601 strings; datetimes keep their offset
  and must have one.
* ``"false"`` is not ``False`` and ``3.9`` is not ``3``; unknown enum values,
  unknown keys and missing fields are refused.
* Escrow events carry a ``"type"`` tag with the event's class name.

Every problem is collected and raised together as one
:class:`~upwork_safety.errors.InvalidDataError`, each with its JSON path.
"""

from __future__ import annotations

import enum
import functools
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from upwork_safety._events import EVENT_TYPES, Event
from upwork_safety.errors import InvalidDataError, UpworkSafetyError
from upwork_safety.models import Client
from upwork_safety.money import Money

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")


class _RefusedError(ValueError):
    """A hook refused a value; the message is what the user sees.

    *where* is a path below the value being structured, e.g. ``".amount"``.
    """

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _RefusedError(f"expected a string, got {_type_name(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _RefusedError(f"expected an integer, got {_type_name(value)} {value!r}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _RefusedError(f"expected true or false, got {_type_name(value)} {value!r}")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _RefusedError(
            f'expected a decimal number as a string (e.g. "12.50"), got '
            f"{_type_name(value)} {value!r}"
        )
    try:
        result = Decimal(value)
    except ArithmeticError:
        raise _RefusedError(f"expected a decimal number, got {value!r}") from None
    if not result.is_finite():
        raise _RefusedError(f"expected a finite number, got {value!r}")
    return result


def _structure_date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise _RefusedError(f"expected an ISO date string, got {_type_name(value)}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise _RefusedError(f"expected an ISO date like 2024-05-01, got {value!r}") from None
    return parsed


def _structure_datetime(value: object, _: type) -> datetime:
    if not isinstance(value, str):
        raise _RefusedError(f"expected an ISO datetime string, got {_type_name(value)}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _RefusedError(
            f"expected an ISO datetime like 2024-05-01T12:00:00+00:00, got {value!r}"
        ) from None
    if parsed.tzinfo is None:
        raise _RefusedError(f"datetime {value!r} has no UTC offset; add one, e.g. +00:00")
    return parsed


def _structure_timedelta(value: object, _: type) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _RefusedError(f"expected a number of seconds as a string, got {_type_name(value)}")
    try:
        micro = Decimal(value) * 1_000_000
        if micro != micro.to_integral_value():
            raise _RefusedError(f"{value!r} seconds is finer than a microsecond")
        return timedelta(microseconds=int(micro))
    except (ArithmeticError, ValueError, OverflowError) as exc:
        if isinstance(exc, _RefusedError):
            raise
        raise _RefusedError(f"expected a number of seconds, got {value!r}") from None


_ENUM_VALUES: dict[type[enum.Enum], dict[tuple[type, object], enum.Enum]] = {}


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    table = _ENUM_VALUES.get(cls)
    if table is None:
        table = _ENUM_VALUES[cls] = {(type(m.value), m.value): m for m in cls}
    try:
        return table[type(value), value]
    except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
        allowed = ", ".join(repr(m.value) for m in cls)
        raise _RefusedError(f"expected one of {allowed}, got {value!r}") from None


@functools.lru_cache(maxsize=4096)
def _money(amount: str, currency: str) -> Money:
    """Money is immutable, so the same text always gives an equal, shareable value.

    Histories repeat the same few amounts (zero buckets, milestone prices)
    many times; building each once saves a quarter of the load time.
    """
    return Money(amount, currency)


def _structure_money(value: object, _: type) -> Money:
    if type(value) is dict and len(value) == 2:  # fast path: amount and currency
        amount = value.get("amount")
        currency = value.get("currency")
        if type(amount) is str and type(currency) is str:
            try:
                return _money(amount, currency)
            except UpworkSafetyError as exc:
                where = ".currency" if "currency" in str(exc) else ".amount"
                raise _RefusedError(str(exc), where) from None
    if not isinstance(value, dict):
        raise _RefusedError(f'expected {{"amount": "…", "currency": "…"}}, got {_type_name(value)}')
    extra = sorted(set(value) - {"amount", "currency"})
    missing = sorted({"amount", "currency"} - set(value))
    if extra or missing:
        raise _RefusedError(
            "Money needs exactly 'amount' and 'currency'"
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {extra}" if extra else "")
        )
    amount = value["amount"]
    if isinstance(amount, bool) or not isinstance(amount, (str, int)):
        raise _RefusedError(
            f'expected a string like "1000.00" (floats cannot hold cents '
            f"exactly), got {_type_name(amount)} {amount!r}",
            ".amount",
        )
    currency = value["currency"]
    if not isinstance(currency, str):
        raise _RefusedError(f"expected an ISO 4217 code, got {_type_name(currency)}", ".currency")
    try:
        return Money(amount, currency)
    except UpworkSafetyError as exc:
        where = ".currency" if "currency" in str(exc) else ".amount"
        raise _RefusedError(str(exc), where) from None


def _unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(timedelta, _structure_timedelta)
    conv.register_unstructure_hook(timedelta, lambda d: str(Decimal(str(d.total_seconds()))))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook(Money, _structure_money)
    conv.register_structure_hook_factory(attrs.has, lambda cls: _object_hook(conv, cls))
    conv.register_structure_hook(Client, _client_hook(conv))
    conv.register_structure_hook_factory(
        _is_homogeneous_sequence, lambda t: _sequence_hook(conv, t)
    )
    conv.register_unstructure_hook(Money, _unstructure_money)
    by_name = {cls.__name__: cls for cls in EVENT_TYPES}

    def structure_event(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise _RefusedError(f"expected an event object, got {_type_name(value)}")
        tag = value.get("type")
        if tag not in by_name:
            raise _RefusedError(
                f"'type' must name an escrow event ({', '.join(by_name)}), got {tag!r}"
            )
        fields = {k: v for k, v in value.items() if k != "type"}
        return conv.structure(fields, by_name[tag])

    conv.register_structure_hook(Event, structure_event)
    for event_type in EVENT_TYPES:
        conv.register_unstructure_hook(event_type, _tagged(conv, event_type))
        conv.register_structure_hook(event_type, _untagged(conv, event_type))
    return conv


def _sequence_hook(conv: cattrs.Converter, seq_type: Any) -> Any:  # noqa: ANN401
    origin = get_origin(seq_type)
    item_type = get_args(seq_type)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: object) -> object:
        if not isinstance(value, list):
            raise _RefusedError(f"expected a list, got {_type_name(value)}")
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001, PERF203  (collected and re-raised below)
                # Exception.add_note() is 3.11+; cattrs reads __notes__ either way.
                vars(exc)["__notes__"] = [
                    *getattr(exc, "__notes__", []),
                    cattrs.IterableValidationNote(
                        f"Structuring {seq_type} @ index {index}", index, item_type
                    ),
                ]
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(
                f"While structuring {seq_type!r}", errors, seq_type
            )
        return origin(items)

    return structure


def _is_homogeneous_sequence(t: Any) -> bool:  # noqa: ANN401
    args = get_args(t)
    if get_origin(t) is list:
        return len(args) == 1
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _object_hook(conv: cattrs.Converter, cls: type) -> Any:  # noqa: ANN401
    inner: Any = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = cls.__name__

    def structure(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise _RefusedError(f"expected an object for {name}, got {_type_name(value)}")
        return inner(value, cls)

    return structure


def _client_hook(conv: cattrs.Converter) -> Any:  # noqa: ANN401
    as_object = _object_hook(conv, Client)

    def structure(value: object, cls: object) -> Client:
        # A contract may name its client by id alone, as the model accepts.
        if isinstance(value, str):
            return Client(value)
        return as_object(value, cls)  # type: ignore[no-any-return]

    return structure


def _tagged(conv: cattrs.Converter, cls: type) -> Any:  # noqa: ANN401
    plain: Any = make_dict_unstructure_fn(cls, conv)
    name = cls.__name__

    def unstructure(event: object) -> dict[str, Any]:
        return {"type": name, **plain(event)}

    return unstructure


def _untagged(conv: cattrs.Converter, cls: type) -> Any:  # noqa: ANN401
    """Read one event class from its tagged form (or untagged), so from_dict(to_dict(e)) == e."""
    inner = _object_hook(conv, cls)
    name = cls.__name__

    def structure(value: object, _: object) -> object:
        if isinstance(value, dict) and "type" in value:
            if value["type"] != name:
                raise _RefusedError(f"expected 'type' {name!r}, got {value['type']!r}", ".type")
            value = {k: v for k, v in value.items() if k != "type"}
        return inner(value, cls)

    return structure


#: The converter behind :func:`to_dict` and :func:`from_dict`; use it to
#: register hooks for your own classes that contain upwork_safety values.
converter: cattrs.Converter = _make_converter()


def _problems(exc: BaseException, path: str = "$") -> list[str]:
    """Flatten a cattrs error tree into ``"$.path: message"`` strings."""
    found: list[str] = []
    if isinstance(exc, cattrs.BaseValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, cattrs.IterableValidationNote):
                child = f"{path}[{note.index}]"
            else:
                child = f"{path}.{note.name}"
            found.extend(_problems(inner, child))
        for inner in without:
            found.extend(_problems(inner, path))
        return found
    if isinstance(exc, KeyError):
        return [f"{path}: required field missing"]
    message = str(exc) or type(exc).__name__
    if isinstance(exc, _RefusedError):
        path += exc.where
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        message = f"unknown field(s) {sorted(exc.extra_fields)}"
    elif isinstance(exc, cattrs.StructureHandlerNotFoundError):
        message = f"cannot read this type: {exc}"
    return [f"{path}: {message}"]


def to_dict(value: Any) -> Any:  # noqa: ANN401  (any public value)
    """Turn *value* (any public type, or a list of them) into JSON-ready data.

    Example:
        >>> from upwork_safety import Money, serialize
        >>> serialize.to_dict(Money("1000.00", "USD"))
        {'amount': '1000.00', 'currency': 'USD'}
    """
    return converter.unstructure(value)


def from_dict(cls: type[T], data: Any) -> T:  # noqa: ANN401  (untrusted data)
    """Build a *cls* from *data* (as made by :func:`to_dict`), strictly.

    Args:
        cls: The type to build, e.g. ``Contract`` or ``list[Contract]``.
        data: Plain data: dicts, lists, strings, numbers, booleans, ``None``.

    Raises:
        InvalidDataError: Listing every problem with its path, e.g.
            ``$.milestones[0].amount: …``.
    """
    try:
        return converter.structure(data, cls)
    except RecursionError:  # pragma: no cover  (no public type is recursive; user hooks may be)
        raise InvalidDataError(["$: data nested too deeply"]) from None
    except (
        cattrs.BaseValidationError,
        cattrs.StructureHandlerNotFoundError,
        UpworkSafetyError,
        ValueError,
        TypeError,
        KeyError,
    ) as exc:
        raise InvalidDataError(_problems(exc) or [f"$: {exc}"]) from exc


def to_json(value: Any, *, indent: int | None = None) -> str:  # noqa: ANN401
    """Turn *value* into a JSON string (see :func:`to_dict`).

    Args:
        value: Any public value or a list of them.
        indent: Passed to :func:`json.dumps` for pretty output.
    """
    return json.dumps(to_dict(value), indent=indent, ensure_ascii=False)


def from_json(cls: type[T], text: str | bytes) -> T:
    """Parse *text* and build a *cls* from it (see :func:`from_dict`).

    Raises:
        InvalidDataError: The text is not JSON, or the data is invalid.
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise InvalidDataError([f"$: not valid JSON: {exc}"]) from None
    except RecursionError:
        raise InvalidDataError(["$: JSON nested too deeply"]) from None
    return from_dict(cls, data)
