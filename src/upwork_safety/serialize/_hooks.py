"""The converter: which reader or writer handles each type (private).

Reading has two paths, both ending in each class's own constructor, where the invariants
live; nothing here skips a constructor.

* The detailed path is the hooks registered here: cattrs' generated per-class hooks (with
  detailed validation and unknown keys refused), the strict leaf readers of
  :mod:`._strict` and :mod:`._times`, escrow events as a union tagged by ``"type"``
  through cattrs' own
  :func:`~cattrs.strategies.configure_tagged_union`, and lists read with a bounded error
  collection (:mod:`._problems`), so a hostile document costs bounded memory whatever its
  size.  It finds and reports every problem.
* The fused path (:mod:`._fused`), which ``from_dict`` tries first, reads a whole value
  with one generated function per attrs class, derived from these hooks: each hook made
  here is recorded with what it reads (:func:`._fused.noted`).  It raises at the first
  problem, and ``from_dict`` then runs the detailed path, so errors are always the
  detailed path's.

Writing omits every field that holds its default exactly (same value and same text),
which the readers fill in again; leaf values are written by :mod:`upwork_safety._render`,
the one set of rules shared with the CLI and the reports.  A value a writer refuses (a
naive datetime, a float) is noted with the field, index or key it is under as the refusal
leaves each object, list and dict, as cattrs notes a reading error, so the refusal names
its place by the readers' own walk (:mod:`._problems`).
"""

from __future__ import annotations

import collections.abc
import enum
import itertools
import pathlib
import typing
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, get_args, get_origin

import attrs
import cattrs
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn_from_attrs
from cattrs.strategies import configure_tagged_union

from upwork_safety import _render
from upwork_safety._display import shown
from upwork_safety._events import EVENT_TYPES, AutomaticEvent, Event, ManualEvent
from upwork_safety._validate import bounded
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.kinds import StrEnum
from upwork_safety.models import Client
from upwork_safety.money import Money, to_decimal, within_limits
from upwork_safety.serialize import _fused, _strict, _times
from upwork_safety.serialize._fields import NONE_TYPE as _NONE_TYPE
from upwork_safety.serialize._fields import UNION_ORIGINS as _UNION_ORIGINS
from upwork_safety.serialize._fields import field_note as _field_note
from upwork_safety.serialize._fields import fields_written as _fields
from upwork_safety.serialize._fields import is_enum as _is_enum
from upwork_safety.serialize._fields import library_class as _library_class
from upwork_safety.serialize._fields import raising_field, unread_refusal
from upwork_safety.serialize._leaves import enum_writer, is_checked_enum, leaf_writers, write_enum
from upwork_safety.serialize._mappings import fixed, guarded, mapping_writer
from upwork_safety.serialize._problems import (
    LIMIT,
    WRITTEN_FIELD,
    ItemsError,
    Written,
    place,
    placed,
    refused_by_writer,
    tally,
)
from upwork_safety.serialize._sets import member_type, set_reader, set_writer
from upwork_safety.serialize._strict import RefusedError, type_name

if TYPE_CHECKING:
    from collections.abc import Callable

#: The tag that names an escrow event's class in its serialised form.
TAG = "type"

_EVENT_NAMES = {cls: cls.__name__ for cls in EVENT_TYPES}
#: The unions of escrow events, read and written as tagged unions.
_UNIONS: frozenset[object] = frozenset({Event, ManualEvent, AutomaticEvent})


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
        for index, item in enumerate(value):
            if kept >= LIMIT:
                raise ItemsError(errors, t, *_rest(value, index, shape))
            if shape is not None and not isinstance(item, shape):
                errors.append(
                    _noted(RefusedError(f"expected {wanted}, got {type_name(item)}"), index, t)
                )
                kept += 1
                continue
            try:
                items.append(hook(item, item_type))
            except Exception as exc:  # noqa: BLE001  (collected and raised below)
                errors.append(_noted(exc, index, t))
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
                errors.append(_noted(exc, index, t))
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


def _rest(value: list[object], start: int, shape: type | None) -> tuple[int, bool]:
    """``(uncounted, complete)`` for the items from *start* on, looking only at their type."""
    if shape is None:
        return 0, False
    wrong = 0
    for item in itertools.islice(value, start, None):
        if not isinstance(item, shape):
            wrong += 1
    return wrong, wrong == len(value) - start


def _note(index: int | str, t: object) -> cattrs.IterableValidationNote:
    """The note that an error is at *index* (a list's, or a dict's key) of a *t*."""
    return cattrs.IterableValidationNote(f"{t} @ index {index}", index, t)


def _noted(exc: Exception, index: int, t: object) -> Exception:
    # Exception.add_note() is 3.11+; cattrs reads __notes__ either way.
    exc.__notes__ = [*getattr(exc, "__notes__", ()), _note(index, t)]  # type: ignore[attr-defined]
    return exc


def _object_reader(conv: cattrs.Converter, cls: type) -> Any:
    inner: Any = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = cls.__name__
    tag = _EVENT_NAMES.get(cls)

    def read(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise RefusedError(f"expected an object for {name}, got {type_name(value)}", rule=name)
        if tag is not None and TAG in value:
            # An event read on its own may carry its tag (as to_dict writes it).
            if _strict.plain(value[TAG]) != tag:  # a str subclass by its text, as every leaf
                raise RefusedError(
                    f"expected {TAG!r} {shown(tag)}, got {_strict.shown(value[TAG])}", ".type"
                )
            value = {k: v for k, v in value.items() if k != TAG}
        return inner(value, cls)

    return _fused.noted(read, _fused.ObjectKind(cls, TAG, tag, _fused.fields_of(conv, cls)))


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


def _tagged_union(conv: cattrs.Converter, union: Any) -> None:
    """Events as a union tagged by ``"type"``, through cattrs' own strategy.

    The strategy's reader is wrapped only to say clearly what is wrong with
    a value that is not an object or names no known event.
    """
    configure_tagged_union(union, conv, tag_generator=_EVENT_NAMES.__getitem__, tag_name=TAG)
    read_member = conv.get_structure_hook(union)
    names = {_EVENT_NAMES[cls] for cls in get_args(union)}
    listed = ", ".join(sorted(names))

    def read(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise RefusedError(f"expected an event object, got {type_name(value)}", rule="an event")
        tag = _strict.plain(value.get(TAG))  # a str subclass by its text, as every leaf
        if type(tag) is not str or tag not in names:
            raise RefusedError(
                f"{TAG!r} must name an escrow event ({listed}), got {_strict.shown(tag)}",
                rule="an escrow event",
            )
        return read_member(value if value[TAG] is tag else {**value, TAG: tag}, union)

    # The members' hooks, as the strategy took them just now.
    members = {_EVENT_NAMES[cls]: conv.get_structure_hook(cls) for cls in get_args(union)}
    conv.register_structure_hook(union, _fused.noted(read, _fused.UnionKind(TAG, members)))


# --------------------------------------------------------------------------- writing


def _refuse(cls: type) -> Any:
    def refuse(value: object) -> object:
        if cls is object is not type(value):  # declared so: the type is wrong (r29, hostile 10)
            raise InvalidTypeError(
                f"cannot serialise a field declared as object (holding {type_name(value)}): "
                "serialize writes and reads a field by its declared type; declare that type",
                field="value",
                rule="a type serialize reads",
            )
        raise InvalidTypeError(
            f"cannot serialise a {type(value).__qualname__}: to_dict and to_json take "
            "upwork_safety values (models, events, rules, reports), attrs classes made "
            "of them, and lists, tuples and str-keyed dicts of these",
            field="value",
            rule="a public value",
        )

    return refuse


class _Exactly:
    """A field's default that compares equal only to a value written the same way.

    cattrs' generated writer leaves a field out when ``value != default``;
    with this wrapper as the default, ``Money("0.00", "USD")`` is kept (it
    equals the zero default but would load back as ``"0"``, silently
    rewritten), while the default itself is left out.
    """

    __slots__ = ("default", "write")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, default: object, write: Any) -> None:
        self.default = default
        self.write = write  # the field's writer: equal values must be written the same

    def __eq__(self, value: object) -> bool:
        default = self.default
        if value is default:
            return True
        if value.__class__ is not default.__class__ or value != default:
            return False
        if value.__class__ in _EXACT:
            return True
        # Equal values of one class: the same text too (Decimal("0.00") is not "0").
        if value.__class__ is Money:
            return str(value.amount) == str(default.amount)  # type: ignore[attr-defined]
        return bool(self.write(value) == self.write(default))

    def __ne__(self, value: object) -> bool:
        return not self.__eq__(value)


def _exact_default(a: attrs.Attribute[Any], write: Any, *, checked: bool) -> attrs.Attribute[Any]:
    """*a* with its default wrapped in :class:`_Exactly` (its converter applied first).

    *write* is the field's writer: two equal values are the same only if it
    writes them the same.  *checked*: the class is the library's, whose
    constructors keep an ``int`` field's value an ``int``; in a caller's
    class ``False``, ``0.0`` or ``Decimal(0)`` equal an ``int`` default of
    0 but are not it (review r29, review 6), so its ``int`` and ``bool``
    defaults are wrapped too.
    """
    default: Any = a.default
    convert: Any = a.converter
    if default is attrs.NOTHING:
        return a
    # attrs types Factory as a function, so mypy cannot check this isinstance.
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory, takes_self = default.factory, default.takes_self

        name = a.name

        def exact(*instance: object) -> object:
            value = factory(*instance)  # (instance) with takes_self, () without
            if convert is None and instance and getattr(instance[0], name) is value:
                # The field holds this very default (shared zero buckets do):
                # the same object is written the same way, so it compares
                # equal to itself and is left out without the wrapper.
                return value
            return _Exactly(value if convert is None else convert(value), write)

        wrapped: object = attrs.Factory(exact, takes_self=takes_self)
    else:
        value = default if convert is None else convert(default)
        # For these, equal already means written the same: no wrapper needed.  Asked
        # without the default's own __eq__, which may raise (review r29, hostile 9).
        empty = isinstance(value, tuple) and not tuple.__len__(value)
        same = _EXACT if checked else _EXACT_ANYWHERE
        if value is None or value.__class__ in same or isinstance(value, enum.Enum) or empty:
            return a
        wrapped = _Exactly(value, write)
    return a.evolve(default=wrapped, converter=None)


#: Classes whose equal values of the same class are always written the same way.
_EXACT = frozenset({str, bool, int})
#: Those no value of another class equals (``False == 0``): the exact defaults of a
#: caller's class, where nothing checked the field's class.
_EXACT_ANYWHERE = frozenset({str})


def _writer_of(conv: cattrs.Converter, t: Any) -> Any:
    """The writer for values declared as *t* (by the value's own type where *t* says too little)."""
    return conv.get_unstructure_hook(t) if _declared(t) else conv.unstructure


def _object_writer(conv: cattrs.Converter, cls: type) -> Any:
    """The writer cattrs generates for *cls*; with ``omit_if_default``, exact defaults are left out.

    An escrow event also gets its ``"type"`` tag, first, so an event written
    on its own reads back as itself and through the ``Event`` union.
    """
    fields = _fields(cls)
    if conv.omit_if_default:
        fields = [
            _exact_default(
                a,
                conv.unstructure if a.type is None else _writer_of(conv, a.type),
                checked=_library_class(cls),
            )
            for a in fields
        ]
    generated: Any = make_dict_unstructure_fn_from_attrs(
        fields, cls, conv, _cattrs_omit_if_default=conv.omit_if_default
    )
    tag = _EVENT_NAMES.get(cls)
    write = generated
    if tag is not None:

        def write_tagged(event: object) -> dict[str, object]:
            return {TAG: tag, **generated(event)}

        write = write_tagged

    def write_placed(value: object) -> dict[str, object]:
        try:
            return write(value)  # type: ignore[no-any-return]
        except (UpworkSafetyError, Written) as exc:
            if not refused_by_writer(exc):
                raise
            raise place(exc, value, cls, _field_parts(conv, cls, value), _field_note) from None
        except Exception as exc:
            if not isinstance(value, cls) and isinstance(exc, (AttributeError, TypeError)):
                # Something else where the caller's class declares this one (a float in
                # a list[A]): refused as any other value no reader takes back (lead r28).
                raise InvalidTypeError(
                    f"expected {cls.__qualname__}, as declared, got {type_name(value)}",
                    field="value",
                    rule="the declared type",
                ) from None
            name = raising_field(value, fields, compared=conv.omit_if_default)  # r29 hostile 9
            if name is None:
                raise
            raised = InvalidValueError(
                f"reading or comparing it with its default raised {type(exc).__name__}: "
                f"{str(exc)[:200]}",
                field="value",
                rule="a field that can be read",
            )
            raise placed(raised, _field_note(name), value, cls) from exc

    return write_placed


def _field_parts(
    conv: cattrs.Converter, cls: type, value: object
) -> typing.Iterator[tuple[object, object, Any]]:
    """*value*'s fields as :func:`~._problems.place` takes them: name, value, writer.

    Each field's writer is the one cattrs' generated writer uses: its type's
    hook, or the value's own type's for an untyped field.
    """
    for a in _fields(cls):
        write = conv.unstructure if a.type is None else conv.get_unstructure_hook(a.type)
        yield a.name, getattr(value, a.name), write


def _declared(t: Any) -> bool:
    """Whether values declared as *t* can be written by *t*'s hook (else by their own type).

    A union, a class, and a generic of a class (``list[int]``, ``dict[str, int]``:
    their writers check each item by its declared type, review r29, review 1).
    """
    if get_origin(t) in _UNION_ORIGINS:
        return True
    t = get_origin(t) or t
    return isinstance(t, type) and t is not object and not getattr(t, "_is_protocol", False)


def _sequence_writer(conv: cattrs.Converter, t: Any) -> Any:
    """Lists and tuples become lists; homogeneous ones use their item type's hook."""
    args = get_args(t)
    # A bare typing.List or Sequence (no item type) is a bare list: each item by its own type.
    homogeneous = bool(args) and (
        get_origin(t) in {list, collections.abc.Sequence}
        or (len(args) == 2 and args[1] is Ellipsis)
    )
    # Each item by its declared type's writer, found as every writer finds it (r30, serialize 6).
    write_item = _writer_of(conv, args[0]) if homogeneous else conv.unstructure
    # A fixed tuple (tuple[int, str]) writes each place by its declared type.
    places = None if homogeneous or not args else [guarded(_writer_of(conv, a), a) for a in args]

    def write(value: typing.Iterable[object]) -> object:
        # A sequence is read through the one bounded reader; anything else (an endless
        # generator, a dict view) by its own type, as a list[int] field's: refused, unread.
        if not isinstance(value, (list, tuple)):  # (review r29, hostile 1)
            if not isinstance(value, collections.abc.Sequence):
                return conv.unstructure(value)
            value = tuple(bounded(value, WRITTEN_FIELD))
        if write_item is identity:
            return list(value)
        writers = None if places is None else fixed(places, value)
        try:
            if writers is None:
                return [write_item(each) for each in value]
            return [writer(each) for writer, each in zip(writers, value, strict=True)]
        except (UpworkSafetyError, Written) as exc:
            if not refused_by_writer(exc):
                raise
            at = (lambda _: write_item) if writers is None else writers.__getitem__
            parts = ((index, each, at(index)) for index, each in enumerate(value))
            raise place(exc, value, t, parts, lambda index: _note(index, t)) from None

    return write


def _set_writer(conv: cattrs.Converter, t: Any) -> Any:
    member = member_type(t)
    return set_writer(t, conv.unstructure if member is None else _writer_of(conv, member))


def _mapping_writer(conv: cattrs.Converter, t: Any) -> Any:
    args = get_args(t)
    write_item = _writer_of(conv, args[1]) if len(args) == 2 else conv.unstructure
    return mapping_writer(write_item, lambda key: _note(key, dict))


def _is_literal(t: Any) -> bool:
    return get_origin(t) is typing.Literal


def _is_set(t: Any) -> bool:
    return (get_origin(t) or t) in {set, frozenset}


def _is_mapping(t: Any) -> bool:
    return isinstance(get_origin(t) or t, type) and issubclass(get_origin(t) or t, dict)


def _is_list_or_tuple(t: Any) -> bool:
    if (get_origin(t) or t) in {list, tuple, collections.abc.Sequence}:
        return True
    # A list or tuple of the library's own kind (jss.JSSTimeline, a contract's
    # milestones) is written as the list it is; a named tuple is not a list.
    return isinstance(t, type) and issubclass(t, (list, tuple)) and not hasattr(t, "_fields")


def _literal_writer(t: Any) -> Callable[[Any], Any]:
    """A ``Literal`` field's writer: one of its values (a member as its value), else refused."""
    allowed = get_args(t)

    def write(value: Any) -> Any:
        if any(value is a or (type(value) is type(a) and value == a) for a in allowed):
            return _render.jsonable(value)  # an enum member as its value
        raise InvalidTypeError(
            f"cannot serialise {_strict.shown(value)}: the field takes only {t}",
            field="value",
            rule="one of the Literal's values",
        )

    return write


#: Enum bases that are also ``str`` or ``int``: cattrs would find the ``str``
#: or ``int`` writer for their members (it looks at classes before enums), so
#: they are written by the enum rule, as their value.
_STR_AND_INT_ENUMS: tuple[type[enum.Enum], ...] = (
    StrEnum,
    enum.IntEnum,
    enum.IntFlag,
    # The standard library's StrEnum, from Python 3.11.
    *(base for base in (getattr(enum, "StrEnum", None),) if base is not None),
)


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
        lambda t: set_reader(t, _sequence_reader(conv, list[get_args(t)[0]]), _noted),  # type: ignore[misc]
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

    # Escrow events: the per-class hooks above carry the tag; the unions are
    # cattrs' tagged unions.
    for union in _UNIONS:
        _tagged_union(conv, union)
    return conv
