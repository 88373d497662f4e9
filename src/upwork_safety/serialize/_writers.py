"""The writers: how each type is written by ``to_dict`` (private).

Writing omits every field that holds its default exactly (same value and same
text), which the readers fill in again; leaf values are written by
:mod:`upwork_safety._render`, the one set of rules shared with the CLI and the
reports.  A value a writer refuses (a naive datetime, a float) is noted with the
field, index or key it is under as the refusal leaves each object, list and
dict, as cattrs notes a reading error, so the refusal names its place by the
readers' own walk (:mod:`._problems`).  :mod:`._hooks` registers these.
"""

from __future__ import annotations

import collections.abc
import enum
import typing
from typing import TYPE_CHECKING, Any, get_args, get_origin

import attrs
from cattrs.fns import identity
from cattrs.gen import make_dict_unstructure_fn_from_attrs

from upwork_safety import _render
from upwork_safety._decimals import bounded
from upwork_safety._history import History
from upwork_safety._validate import countable
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.kinds import StrEnum
from upwork_safety.money import Money, own
from upwork_safety.serialize import _strict
from upwork_safety.serialize._fields import EVENT_NAMES, TAG, raising_field
from upwork_safety.serialize._fields import UNION_ORIGINS as _UNION_ORIGINS
from upwork_safety.serialize._fields import field_note as _field_note
from upwork_safety.serialize._fields import fields_written as _fields
from upwork_safety.serialize._fields import library_class as _library_class
from upwork_safety.serialize._mappings import fixed, guarded, mapping_writer, not_declared
from upwork_safety.serialize._problems import (
    WRITTEN_FIELD,
    Written,
    index_note,
    place,
    placed,
    refused_by_writer,
)
from upwork_safety.serialize._sets import member_type, set_writer
from upwork_safety.serialize._strict import type_name

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs


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
        return _same(value, self.default, self.write)

    def __ne__(self, value: object) -> bool:
        return not _same(value, self.default, self.write)


def _same(value: object, default: Any, write: Any) -> bool:
    """Whether *value* is *default* exactly: equal, of the same class, written the same way."""
    if value is default:
        return True
    if value.__class__ is not default.__class__:
        return False
    if type(value) is Money and type(default) is Money:
        # What Money's own == reads (``own``: each refused as it refuses a forged one),
        # read once here for both tests: equal, and the same text (Decimal("0.00") is
        # not "0").
        mine, theirs = own(value, "self"), own(default, "other")
        return mine == theirs and str(mine[0]) == str(theirs[0])
    if value != default:
        return False
    if value.__class__ in _EXACT:
        return True
    # Equal values of one class: the same text too.
    return bool(write(value) == write(default))


class _Decided:
    """A default that has answered already whether a field holds it exactly.

    It is of a class no value of the field is, so the field value's own
    ``!=`` gives way to it (``NotImplemented``) and it answers: the field is
    left out (:data:`_LEFT_OUT`) or written (:data:`_KEPT`).
    """

    __slots__ = ("left_out",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, *, left_out: bool) -> None:
        self.left_out = left_out

    def __eq__(self, value: object) -> bool:
        return self.left_out

    def __ne__(self, value: object) -> bool:
        return not self.left_out


_LEFT_OUT = _Decided(left_out=True)
_KEPT = _Decided(left_out=False)


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

        def exact(instance: object) -> object:
            value = factory(instance)
            held = getattr(instance, name)
            money = held.__class__ is Money
            plain = type(held) is Money  # (a lying __class__ keeps its own comparison)
            if convert is None and held is value:
                # The field holds this very default (shared zero buckets do):
                # the same object is written the same way, so it compares
                # equal to itself and is left out without the wrapper.  A
                # Money is answered "left out" at once: its ``!=`` checks it
                # (``own``) and gives way to the answer, where comparing it
                # with itself would check it twice.
                return _LEFT_OUT if plain else value
            if money or checked:
                # A Money field (an escrow's buckets), or any field of the
                # library's own classes (whose values are the library's and
                # give way to another class's comparison), answered here by
                # the one rule, instead of by the wrapper the field's ``!=``
                # would ask next.  The field value's ``!=`` (a Money's checks
                # the Money once, ``own``) gives way to the answer.
                default = value if convert is None else convert(value)
                if held is not default and not _same(held, default, write):
                    return _KEPT
                return held if money and not plain else _LEFT_OUT
            return _Exactly(value if convert is None else convert(value), write)

        def exact_made() -> object:
            value = factory()
            return _Exactly(value if convert is None else convert(value), write)

        wrapped: object = (
            attrs.Factory(exact, takes_self=True) if takes_self else attrs.Factory(exact_made)
        )
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
    tag = EVENT_NAMES.get(cls)

    def write_placed(value: object) -> dict[str, object]:
        try:
            if tag is None:
                return generated(value)  # type: ignore[no-any-return]
            return {TAG: tag, **generated(value)}
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
            # The field's type is judged before its comparison with the default: a value
            # its writer refuses (a NumPy array in a Sequence[str]) gets that refusal, as
            # where the field has no default (review r38, hostile 4).
            refused = _refusal(conv, cls, value, name)
            if refused is not None:
                raise placed(refused, _field_note(name), value, cls) from None
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


def _refusal(
    conv: cattrs.Converter, cls: type, value: object, name: str
) -> UpworkSafetyError | Written | None:
    """The refusal the writer of *value*'s field *name* gives its value, if it refuses it.

    ``None`` when it writes it, or when reading or writing it raises anything
    else (the caller's own code): the caller then reports what raised.
    """
    for a in _fields(cls):
        if a.name != name:
            continue
        write = conv.unstructure if a.type is None else conv.get_unstructure_hook(a.type)
        try:
            write(getattr(value, name))
        except (UpworkSafetyError, Written) as exc:
            return exc if refused_by_writer(exc) else None
        except Exception:  # noqa: BLE001  (the caller's code raised: reported by the caller)
            return None
    return None


def _declared(t: Any) -> bool:
    """Whether values declared as *t* can be written by *t*'s hook (else by their own type).

    A union, a class, and a generic of a class (``list[int]``, ``dict[str, int]``:
    their writers check each item by its declared type, review r29, review 1).
    """
    if get_origin(t) in _UNION_ORIGINS:
        return True
    t = get_origin(t) or t
    return isinstance(t, type) and t is not object and not getattr(t, "_is_protocol", False)


#: What is never written where a list or sequence is declared, refused as the declared
#: type (rule ``the declared type``): text and bytes are no list of their characters or
#: bytes (review r36), a mapping is no list of its keys nor a set one in hash order
#: (review r37, hostile 5).
_NOT_A_LIST = (
    str,
    bytes,
    bytearray,
    memoryview,
    collections.abc.Mapping,
    collections.abc.Set,
)


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
        # The object the field holds: a refusal from an item of its copy (a range, a deque)
        # is placed at it, so the field above finds its own place (review r38, hostile 3).
        held = value
        # A sequence is read through the one bounded reader; anything else (an endless
        # generator, a dict view) by its own type, as a list[int] field's: refused, unread.
        if not isinstance(value, (list, tuple)):  # (review r29, hostile 1)
            if type(value) is History and countable(value):
                # A contract's own log, read by its own code (no caller's code runs).
                value = tuple(value)
            elif isinstance(value, _NOT_A_LIST):
                raise not_declared(t, value)
            elif not isinstance(value, collections.abc.Sequence):
                return conv.unstructure(value)
            else:
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
            raise place(exc, held, t, parts, lambda index: index_note(index, t)) from None

    return write


def _set_writer(conv: cattrs.Converter, t: Any) -> Any:
    member = member_type(t)
    return set_writer(t, conv.unstructure if member is None else _writer_of(conv, member))


def _mapping_writer(conv: cattrs.Converter, t: Any) -> Any:
    args = get_args(t)
    write_item = _writer_of(conv, args[1]) if len(args) == 2 else conv.unstructure
    return mapping_writer(write_item, lambda key: index_note(key, dict))


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
