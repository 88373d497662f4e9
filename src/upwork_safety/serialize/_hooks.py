"""The converter: which reader or writer handles each type (private).

Reading has two paths, both ending in each class's own constructor, where the invariants
live; nothing here skips a constructor.

* The detailed path is the hooks registered here: cattrs' generated per-class hooks (with
  detailed validation and unknown keys refused), the strict leaf readers of
  :mod:`._strict` and :mod:`._times`, any union of escrow events tagged by ``"type"``
  (the tag picks the class, whose own reader reads the object), and lists read with a bounded error
  collection (:mod:`._problems`), so a hostile document costs bounded memory whatever its
  size.  It finds and reports every problem.
* The fused path (:mod:`._fused`), which ``from_dict`` tries first, reads a whole value
  with one generated function per attrs class, derived from these hooks: each hook made
  here is recorded with what it reads (:func:`._fused.noted`).  It raises at the first
  problem, and ``from_dict`` then runs the detailed path, so errors are always the
  detailed path's.

Writing is done by the writers of :mod:`._writers` (fields that hold their default
exactly are left out; refusals are noted with their place), which this module registers.
"""

from __future__ import annotations

import collections.abc
import itertools
import pathlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn

from upwork_safety import _render
from upwork_safety._decimals import bounded
from upwork_safety._display import shown
from upwork_safety._events import AutomaticEvent, Event, ManualEvent
from upwork_safety._history import History
from upwork_safety.errors import InvalidTypeError, UpworkSafetyError
from upwork_safety.models import Client
from upwork_safety.money import Money, to_decimal, within_limits
from upwork_safety.serialize import _fused, _strict, _times
from upwork_safety.serialize._fields import EVENT_NAMES, TAG, unread_refusal
from upwork_safety.serialize._fields import NONE_TYPE as _NONE_TYPE
from upwork_safety.serialize._fields import UNION_ORIGINS as _UNION_ORIGINS
from upwork_safety.serialize._fields import is_enum as _is_enum
from upwork_safety.serialize._leaves import enum_writer, is_checked_enum, leaf_writers, write_enum
from upwork_safety.serialize._problems import (
    LIMIT,
    WRITTEN_FIELD,
    ItemsError,
    index_noted,
    tally,
)
from upwork_safety.serialize._sets import set_reader
from upwork_safety.serialize._strict import RefusedError, type_name
from upwork_safety.serialize._writers import (
    _STR_AND_INT_ENUMS,
    _is_list_or_tuple,
    _is_literal,
    _is_mapping,
    _is_set,
    _literal_writer,
    _mapping_writer,
    _object_writer,
    _refuse,
    _sequence_writer,
    _set_writer,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The unions of escrow events, read and written as tagged unions.
_UNIONS: frozenset[object] = frozenset({Event, ManualEvent, AutomaticEvent})
#: What each union's tag must name, as a rule: the same words the escrow engine and
#: Choices use, so AutoApprove read as a manual event is not "not an escrow event"
#: (review r39, review 8).
_UNION_RULES: dict[object, str] = {
    Event: "an escrow event",
    ManualEvent: "a manual escrow event",
    AutomaticEvent: "an automatic escrow event",
}


# --------------------------------------------------------------------------- reading


def _is_optional(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) in _UNION_ORIGINS and len(args) == 2 and _NONE_TYPE in args


def _optional_reader(conv: cattrs.Converter, t: Any) -> Any:
    inner = next(a for a in get_args(t) if a is not _NONE_TYPE)
    hook = conv.get_structure_hook(inner)

    def read(value: object, _: object) -> object:
        return None if value is None else hook(value, inner)

    return _fused.noted(read, _fused.OptionalKind(inner, hook))


def _is_sequence(t: Any) -> bool:
    """``list[X]``, ``tuple[X, ...]`` or ``Sequence[X]`` (read as a tuple)."""
    args = get_args(t)
    if get_origin(t) in {list, collections.abc.Sequence}:
        return len(args) == 1
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _shape(t: Any) -> type | None:
    """The JSON type every valid item of type *t* has, if there is one."""
    if attrs.has(t) or t is Money or t in _UNIONS:
        return dict
    if t is str:
        return str
    return None


#: What the count rule names for a list subclass read where no field names it (at the top).
_THIS_LIST = "this list"


def _sequence_reader(conv: cattrs.Converter, t: Any, *, list_class: type | None = None) -> Any:
    """A list reader whose work and error collection are bounded.

    Failing items keep their errors until they hold :data:`~._problems.LIMIT`
    problems.  After that no item is read any more: the rest are only looked
    at for their JSON type (``0`` where an object is expected is counted as
    one more problem, at the cost of a type check), and if any of them would
    need reading, the error says that reading stopped early.  So a million
    zeros give an exact count in milliseconds, and a million empty objects
    do not cost a million failed reads.

    With *list_class* (a class subclassing ``list[X]``, such as
    ``jss.JSSTimeline``) the items are read as ``X`` and the list built as
    that class, so what :func:`to_dict` writes as a list reads back as the
    value it was.
    """
    if list_class is not None:  # a list of the library's own kind is built as itself
        origin: Any = list_class
        item_type = _list_class_item(list_class)
    else:
        origin = tuple if get_origin(t) is collections.abc.Sequence else get_origin(t)
        item_type = get_args(t)[0]
    hook = conv.get_structure_hook(item_type)
    shape = _shape(item_type)
    wanted = "an object" if shape is dict else f"a {type_name(shape())}" if shape else ""

    def read(value: object, _: object) -> object:
        if not isinstance(value, list):
            raise RefusedError(f"expected a list, got {type_name(value)}", rule="a list")
        items: list[object] = []
        errors: list[Exception] = []
        kept = 0
        # A list subclass through its own iteration, boundedly: its len may lie (hostile r43 1).
        source = iter(value) if type(value) is list else bounded(value, _THIS_LIST)
        for index, item in enumerate(source):
            if kept >= LIMIT:
                raise ItemsError(errors, t, *_rest(itertools.chain((item,), source), shape))
            if shape is not None and not isinstance(item, shape):
                errors.append(
                    index_noted(RefusedError(f"expected {wanted}, got {type_name(item)}"), index, t)
                )
                kept += 1
                continue
            try:
                items.append(hook(item, item_type))
            except Exception as exc:  # noqa: BLE001  (collected and raised below)
                errors.append(index_noted(exc, index, t))
                kept += tally(exc)[0]
        if errors:
            raise ItemsError(errors, t)
        return origin(items)

    return _fused.noted(read, _fused.SequenceKind(item_type, origin, hook))


def _is_fixed_tuple(t: Any) -> bool:
    """``tuple[X, Y]``: a fixed number of items, each of its own type (e.g. a column and value)."""
    args = get_args(t)
    return get_origin(t) is tuple and bool(args) and args[-1] is not Ellipsis


def _fixed_tuple_reader(conv: cattrs.Converter, t: Any) -> Any:
    """A JSON list of exactly as many items as *t* has types, each read by its type's hook.

    Nothing else is taken as the items: a string is not its letters (``"PO"``
    is not ``("P", "O")``), an object is not its keys.
    """
    item_types = get_args(t)
    hooks = [conv.get_structure_hook(item) for item in item_types]
    size = len(item_types)
    wanted = f"a list of exactly {size} item{'s' if size != 1 else ''}"

    def read(value: object, _: object) -> tuple[object, ...]:
        if type(value) is not list:
            what = "" if isinstance(value, (dict, list)) else f" {_strict.shown(value)}"
            raise RefusedError(f"expected {wanted}, got {type_name(value)}{what}", rule=wanted)
        if len(value) != size:
            raise RefusedError(f"expected {wanted}, got a list of {len(value)}", rule=wanted)
        items: list[object] = []
        errors: list[Exception] = []
        for index, (item, hook, item_type) in enumerate(zip(value, hooks, item_types, strict=True)):
            try:
                items.append(hook(item, item_type))
            except Exception as exc:  # noqa: BLE001, PERF203  (collected and raised below)
                errors.append(index_noted(exc, index, t))
        if errors:
            raise ItemsError(errors, t)
        return tuple(items)

    return read


def _list_class_item(t: Any) -> Any:
    """``X`` for a library class subclassing ``list[X]`` (``JSSTimeline``, ``Deadlines``)."""
    if not isinstance(t, type) or t is list or not issubclass(t, list) or attrs.has(t):
        return None
    for base in getattr(t, "__orig_bases__", ()):
        origin = get_origin(base)
        if isinstance(origin, type) and issubclass(origin, list) and len(get_args(base)) == 1:
            return get_args(base)[0]
    return None


def _is_list_class(t: Any) -> bool:
    return _list_class_item(t) is not None


def _rest(rest: Iterator[object], shape: type | None) -> tuple[int, bool]:
    """``(uncounted, complete)`` for the items *rest* has left, looking only at their type."""
    if shape is None:
        return 0, False
    wrong = seen = 0
    for item in rest:
        seen += 1
        if not isinstance(item, shape):
            wrong += 1
    return wrong, wrong == seen


def _object_reader(conv: cattrs.Converter, cls: type) -> Any:
    inner: Any = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = cls.__name__
    tag = EVENT_NAMES.get(cls)
    kind = _fused.ObjectKind(cls, TAG, tag, _fused.fields_of(conv, cls))

    def read(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise RefusedError(f"expected an object for {name}, got {type_name(value)}", rule=name)
        value = _strict.plain_object(value)
        if tag is not None and TAG in value:
            # An event read on its own may carry its tag (as to_dict writes it).
            if _strict.plain(value[TAG]) != tag:  # a str subclass by its text, as every leaf
                raise RefusedError(
                    f"expected {TAG!r} {shown(tag)}, got {_strict.shown(value[TAG])}",
                    "." + TAG,
                    rule=f"the event type {shown(tag)}",
                )
            value = {k: v for k, v in value.items() if k != TAG}
        value, long = _fused.long_field(kind, value)  # list subclasses read boundedly
        if long is not None:  # refused unread (r37, hostile 8)
            where, refused = long
            raise RefusedError(str(refused), where, rule=refused.rule)
        return inner(value, cls)

    return _fused.noted(read, kind)


def _client_reader(conv: cattrs.Converter) -> Any:
    as_object = _object_reader(conv, Client)

    def read(value: object, cls: object) -> Client:
        # A contract may name its client by id alone, as the model accepts.
        if isinstance(value, str):
            try:
                return Client(value)
            except UpworkSafetyError as exc:
                raise RefusedError(str(exc), rule=exc.rule) from None
        return as_object(value, cls)  # type: ignore[no-any-return]

    return _fused.noted(read, _fused.OrIdKind(Client, as_object))


#: The rule a tag outside a caller's union of event classes (``Fund | Submit``) breaks.
_OTHER_UNION_RULE = "an escrow event of the union"


def _event_union(conv: cattrs.Converter, union: Any, rule: str) -> tuple[Any, Any]:
    """The reader and writer of a *union* of escrow event classes, tagged by ``"type"``.

    One rule for every union of events, the library's (``escrow.Event``) and a
    caller's (``Fund | Submit``): the tag ``to_dict`` writes picks the member
    class, whose own reader then reads the object (and checks the tag again);
    a tag outside the union is refused at the tag itself (``$.type``) with
    *rule*.  Events are told apart by their tag alone: cattrs' own union
    reader, which tells classes apart by their fields, cannot tell ``Fund``
    from ``Submit`` (newcomer r41 3).
    """
    classes = get_args(union)
    members = {EVENT_NAMES[cls]: conv.get_structure_hook(cls) for cls in classes}
    tagged = {EVENT_NAMES[cls]: cls for cls in classes}
    # Writing: an event of a member class by that class's writer, which writes its tag
    # first.  Anything else is refused as the declared type (red team r36, 3).
    writers = {cls: conv.get_unstructure_hook(cls) for cls in classes}
    listed = ", ".join(sorted(members))
    automatic = {EVENT_NAMES[cls] for cls in get_args(AutomaticEvent)}

    def write(value: object) -> object:
        write_member = writers.get(type(value))
        if write_member is None:
            raise InvalidTypeError(
                f"expected an escrow event ({listed}), as declared, got {type_name(value)}",
                field=WRITTEN_FIELD,
                rule="the declared type",
            )
        return write_member(value)

    def read(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise RefusedError(f"expected an event object, got {type_name(value)}", rule="an event")
        value = _strict.plain_object(value)
        tag = _strict.plain(value.get(TAG))  # a str subclass by its text, as every leaf
        if type(tag) is not str or tag not in members:
            # At the tag itself ($.type), as a wrong tag of a single event is.
            other = ""
            if type(tag) is not str:
                pass
            elif tag in automatic:  # an escrow event, only not one a person performs
                other = ", an automatic event: only advance() produces it"
            elif tag in EVENT_NAMES.values():
                other = ", a manual event"
            raise RefusedError(
                f"{TAG!r} must name {rule} ({listed}), got {_strict.shown(tag)}{other}",
                "." + TAG,
                rule=rule,
            )
        return members[tag](value if value[TAG] is tag else {**value, TAG: tag}, tagged[tag])

    return _fused.noted(read, _fused.UnionKind(TAG, members)), write


def _tagged_union(conv: cattrs.Converter, union: Any) -> None:
    """Register one of the library's unions of events (``escrow.Event``), with its rule."""
    read, write = _event_union(conv, union, _UNION_RULES[union])
    conv.register_unstructure_hook(union, write)
    conv.register_structure_hook(union, read)
    # An optional event (a caller's ``Event | None`` field) is the union or null: cattrs
    # alone wrote it untagged and unchecked, and could not read it (diff review r36, 4).
    optional = union | None
    conv.register_unstructure_hook(optional, lambda value: None if value is None else write(value))
    conv.register_structure_hook(
        optional, lambda value, _: None if value is None else read(value, union)
    )


def _events_of(t: Any) -> tuple[Any, ...] | None:
    """The event classes of *t*, a union of two or more of them (and perhaps ``None``).

    ``None`` when *t* is anything else.
    """
    if get_origin(t) not in _UNION_ORIGINS:
        return None
    members = tuple(arg for arg in get_args(t) if arg is not _NONE_TYPE)
    if len(members) < 2 or not all(arg in EVENT_NAMES for arg in members):
        return None
    return members


def _is_caller_union(t: Any) -> bool:
    """Whether *t* is a union of event classes other than the library's own (and their optionals).

    The library's unions keep their own hooks and rules (``escrow.ManualEvent``
    refuses ``AutoApprove`` as "a manual escrow event").
    """
    members = _events_of(t)
    return members is not None and Union[members] not in _UNIONS  # noqa: UP007


def _caller_union(conv: cattrs.Converter, t: Any, *, reading: bool) -> Any:
    """The reader (or writer) of a caller's union of event classes, such as ``Fund | Submit``."""
    members = _events_of(t)
    union: Any = Union[members]  # noqa: UP007  (built from a tuple)
    read, write = _event_union(conv, union, _OTHER_UNION_RULE)
    if _NONE_TYPE not in get_args(t):
        return read if reading else write
    if not reading:
        return lambda value: None if value is None else write(value)

    def read_optional(value: object, _: object) -> object:
        return None if value is None else read(value, union)

    return _fused.noted(read_optional, _fused.OptionalKind(union, read))


# --------------------------------------------------------------------------- the converter


def _write_decimal(value: Decimal) -> str:
    """A ``Decimal`` as the text the readers take back; NaN or an absurd exponent is refused.

    The library's own values hold only such numbers; this guards a ``Decimal``
    in plain data (a list or dict of the caller's) from being written as
    ``"NaN"``, or as a hundred megabytes of zeros, that no reader would take.
    """
    # The common case, and every library value's: a plain Decimal (a subclass's
    # str() could say anything) within the limits the readers take back.
    if type(value) is Decimal and value.is_finite() and within_limits(value):
        return _render.decimal_text(value)
    return _render.decimal_text(to_decimal(value, "value"))


def _read_no_float(value: object, _: object = None) -> NoReturn:
    # What the writer refuses, the reader refuses (red team r26 serialize 7): a
    # float is no type the library writes, so none is read back either.
    raise RefusedError(
        f"expected no float: the library reads numbers as Decimal (written as text), "
        f"got {_strict.got(value)}",
        rule="not a float",
    )


def make_converter(
    *, omit_defaults: bool = True, cls: type[cattrs.Converter] = cattrs.Converter
) -> cattrs.Converter:
    """Build the converter behind ``to_dict``/``from_dict``.

    Args:
        omit_defaults: Whether writing leaves out fields that hold their
            default exactly (the short form) or writes every field.
        cls: The converter class (``MsgspecJsonConverter`` with the ``fast``
            extra); the hooks are the same.
    """
    conv = cls(
        omit_if_default=omit_defaults,
        forbid_extra_keys=True,
        detailed_validation=True,
        unstructure_fallback_factory=_refuse,
    )
    # Reading: strict leaves.
    conv.register_structure_hook(str, _strict.read_str)
    conv.register_structure_hook(int, _strict.read_int)
    conv.register_structure_hook(bool, _strict.read_bool)
    conv.register_structure_hook(Decimal, _strict.read_decimal)
    conv.register_structure_hook(float, _read_no_float)
    conv.register_structure_hook(date, _times.read_date)
    conv.register_structure_hook(datetime, _times.read_datetime)
    conv.register_structure_hook(timedelta, _times.read_seconds)
    conv.register_structure_hook(Money, _strict.read_money)
    conv.register_structure_hook_func(_is_enum, _strict.read_enum)
    conv.register_structure_hook_func(_is_literal, _strict.read_literal)
    conv.register_structure_hook_factory(_is_optional, lambda t: _optional_reader(conv, t))
    conv.register_structure_hook_factory(_is_sequence, lambda t: _sequence_reader(conv, t))
    conv.register_structure_hook_factory(
        _is_list_class, lambda t: _sequence_reader(conv, t, list_class=t)
    )
    conv.register_structure_hook_factory(_is_fixed_tuple, lambda t: _fixed_tuple_reader(conv, t))
    conv.register_structure_hook_factory(  # a set: its list, each member once
        lambda t: _is_set(t) and len(get_args(t)) == 1,
        lambda t: set_reader(t, _sequence_reader(conv, list[get_args(t)[0]]), index_noted),  # type: ignore[misc]
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _object_reader(conv, cls))
    conv.register_structure_hook(Client, _client_reader(conv))

    # Writing: leaves by the shared rules, containers to lists and dicts.
    for plain_type in (str, bool, _NONE_TYPE):
        conv.register_unstructure_hook(plain_type, identity)
    conv.register_unstructure_hook(int, _strict.write_int)
    for base in _STR_AND_INT_ENUMS:
        conv.register_unstructure_hook(base, write_enum)
    conv.register_unstructure_hook(float, _strict.write_no_float)
    for not_json in (bytes, bytearray, pathlib.PurePath):  # cattrs passes these through
        conv.register_unstructure_hook(not_json, _refuse(not_json))
    for leaf, write_leaf in leaf_writers(_write_decimal):  # each refuses another type
        conv.register_unstructure_hook(leaf, write_leaf)
    conv.register_unstructure_hook_func(_is_enum, write_enum)
    conv.register_unstructure_hook_factory(is_checked_enum, enum_writer)  # a caller's enum field
    # A Literal field (Summary.by) holds one of its plain values; cattrs reads it back.
    conv.register_unstructure_hook_factory(_is_literal, _literal_writer)
    conv.register_unstructure_hook_factory(_is_list_or_tuple, lambda t: _sequence_writer(conv, t))
    conv.register_unstructure_hook_factory(_is_set, lambda t: _set_writer(conv, t))
    conv.register_unstructure_hook_factory(_is_mapping, lambda t: _mapping_writer(conv, t))
    conv.register_unstructure_hook_factory(  # a class no reader takes is refused whole
        attrs.has, lambda cls: unread_refusal(conv, cls) or _object_writer(conv, cls)
    )

    # Escrow events: the per-class hooks above carry the tag; every union of them is
    # read by that tag, the library's own unions with their rules.
    conv.register_structure_hook_factory(
        _is_caller_union, lambda t: _caller_union(conv, t, reading=True)
    )
    conv.register_unstructure_hook_factory(
        _is_caller_union, lambda t: _caller_union(conv, t, reading=False)
    )
    for union in _UNIONS:
        _tagged_union(conv, union)
    _history_hooks(conv)
    return conv


#: How a contract declares its history: a History is written and read as that list.
_EVENTS = collections.abc.Sequence[Event]


def _history_hooks(conv: cattrs.Converter) -> None:
    """A :class:`History` is the list of tagged events a contract's ``history`` is.

    Written by the writer of ``Contract.history``'s declared type and read by
    its reader, then built through ``History``'s own constructor: an event
    out of time order is refused at its index (``$[1]``), as a contract's
    history is.
    """
    write = _sequence_writer(conv, _EVENTS)
    read_events = conv.get_structure_hook(_EVENTS)
    prefix = "History.events"

    def read(value: object, _: object) -> History:
        events = read_events(value, _EVENTS)
        try:
            return History(events)
        except UpworkSafetyError as exc:
            field = exc.field or ""
            where = field[len(prefix) :] if field.startswith(prefix) else ""
            raise RefusedError(str(exc), where, rule=exc.rule) from None

    conv.register_unstructure_hook(History, write)
    conv.register_structure_hook(History, read)
