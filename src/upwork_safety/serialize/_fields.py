"""Which fields of a class the writers write by their declared type, and which by value (private).

cattrs writes a field by the hook of its declared type.  For the plain
leaves (``int``, ``str``, ``bool``, ``None``) and lists of them that hook is
``identity`` or ``list``: the value is handed on unchecked.  The library's
own classes refuse a float in every such field when built; a class of the
caller's own does not, so its plain fields are written by value, where a
float meets the float writer's refusal (review r28 10).
"""

from __future__ import annotations

import collections.abc
import enum
import types
from typing import Any, Optional, Union, get_args, get_origin

import attrs
import cattrs

from upwork_safety._events import EVENT_TYPES
from upwork_safety.errors import InvalidTypeError
from upwork_safety.serialize._leaves import CheckedBool, CheckedStr, PlainItem, checked_enum
from upwork_safety.serialize._problems import WRITTEN_FIELD, placed

#: The tag that names an escrow event's class in its serialised form.
TAG = "type"
#: Each escrow event class's tag: its class name.
EVENT_NAMES = {cls: cls.__name__ for cls in EVENT_TYPES}

#: The type of ``None``, a plain leaf.
NONE_TYPE = type(None)
#: ``typing.Union[X, Y]`` and ``X | Y`` (3.10+) have these origins.
UNION_ORIGINS = frozenset({Union, types.UnionType})


def fields_written(cls: type) -> list[attrs.Attribute[Any]]:
    """*cls*'s fields with resolved types, or untyped (written by value) if they cannot be.

    A field of a class of the caller's own is written by the type
    :func:`_checked_within` gives it: its ``str``, ``bool`` and enum places
    by checking writers, its containers without item types holding plain
    JSON only, wherever they are.  The library's own classes keep their declared writers
    (their constructors see to every such field's type), so writing them
    costs no more.
    """
    try:
        attrs.resolve_types(cls)
    except Exception:  # noqa: BLE001  (an annotation that cannot be resolved: write by value)
        return [a.evolve(type=None) for a in attrs.fields(cls)]
    if library_class(cls):
        return list(attrs.fields(cls))
    return [_written(a) for a in attrs.fields(cls)]


def _written(a: attrs.Attribute[Any]) -> attrs.Attribute[Any]:
    """A field of a caller's class, with the type it is written by (:func:`fields_written`)."""
    deep = _checked_within(a.type)
    return a if deep is a.type else a.evolve(type=deep)


_SEQUENCES = frozenset({list, collections.abc.Sequence, collections.abc.MutableSequence})
_MAPPINGS = frozenset({dict, collections.abc.Mapping, collections.abc.MutableMapping})


def _checked_within(t: Any) -> Any:
    """*t* with what its writers would hand on unchecked checked, wherever it is; else *t* itself.

    The declared writers of ``str``, ``bool`` and enums hand the value on
    unchecked, so an ``int`` in a ``str`` field, ``1`` in a ``bool`` one or
    a member of another enum was written, and no reader takes it back
    (review r28 10, review r30 serialize 5, r31): they become
    :class:`~._leaves.CheckedStr`, :class:`~._leaves.CheckedBool` and the
    enum's :func:`~._leaves.checked_enum`, whose writers check.  A container
    declared without item types holds plain JSON only
    (:func:`_bare_container`, :class:`~._leaves.PlainItem`).  Each holds
    inside an optional, a list, a homogeneous or fixed tuple, or a dict's
    values, at any depth (review r31, diff review 1 and 2).  ``None``
    (written by value) where no declared type can say it: another union of
    plain leaves (``str | bool``), ``None`` itself, or a container of them.
    Anything else (``Money``, ``date``, a class, a set, another union,
    ``Any``, which is written by each value's own type) is left to its
    declared writer.
    """
    leaf = _LEAVES[t] if isinstance(t, type) and t in _LEAVES else _bare_container(t)
    if is_enum(t):
        return checked_enum(t)
    if leaf is not None or t is NONE_TYPE:
        return leaf
    args = get_args(t)
    if get_origin(t) not in UNION_ORIGINS:
        return _items_checked(t) if args else t
    inner = [arg for arg in args if arg is not NONE_TYPE]
    if len(args) != 2 or len(inner) != 1:  # another union: by value if of plain leaves
        return None if _passed_through(t) else t
    within = _checked_within(inner[0])
    if within is None or within is inner[0]:
        return None if within is None else t
    return Optional[within]  # noqa: UP045  (built at run time)


#: The plain leaves' checking writers; ``None`` itself is written by value.
_LEAVES: dict[Any, Any] = {str: CheckedStr, bool: CheckedBool, NONE_TYPE: None}


def _items_checked(t: Any) -> Any:
    """A container type *t* with its items' types checked by :func:`_checked_within`."""
    origin, args = get_origin(t), get_args(t)
    if origin in _SEQUENCES or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        rebuilt: tuple[Any, ...] = (_checked_within(args[0]), *args[1:])
    elif origin is tuple:  # a fixed tuple: each place
        rebuilt = tuple(_checked_within(arg) for arg in args)
    elif origin in _MAPPINGS and len(args) == 2:
        rebuilt = (args[0], _checked_within(args[1]))
    else:
        return t
    if any(new is None for new in rebuilt):  # an item written by value: the whole too
        return None
    if all(new is old for new, old in zip(rebuilt, args, strict=True)):
        return t
    generic: Any = origin
    return generic[rebuilt]


def _bare_container(t: Any) -> Any:
    """*t*, a list, tuple or dict declared without item types, with items of plain JSON only.

    Its items are written by :class:`~._leaves.PlainItem`'s writer, which
    refuses what the readers would not give back equal; ``None`` for any
    other *t*.
    """
    base = get_origin(t) or t
    if get_args(t) or not isinstance(base, type):
        return None
    generic: Any = base
    if base in {list, collections.abc.Sequence, collections.abc.MutableSequence}:
        return generic[PlainItem]
    if base is tuple:
        return tuple[PlainItem, ...]
    if base in {dict, collections.abc.Mapping, collections.abc.MutableMapping}:
        return generic[str, PlainItem]
    return None


def raising_field(
    value: object, fields: list[attrs.Attribute[Any]], *, compared: bool
) -> str | None:
    """The first of *fields* of *value* whose reading, or comparison with its default, raises.

    What the writer does with each field of the caller's class: read it,
    and, when it leaves defaults out (*compared*), compare it with the
    default it wrote into *fields* (:func:`._writers._exact_default`), as
    cattrs' generated writer does: ``held != default``, a factory's default
    made first.  The caller's own code (a property, an ``__eq__``, a
    factory) may raise there; the writer names the field it raised at
    (review r29, hostile 9).  Every default is compared, a factory's and one
    the held value's class differs from too (a subclass's ``__ne__`` is
    called as the writer calls it: review r29, review 7).
    """
    for a in fields:
        default: Any = a.default
        try:
            held = getattr(value, a.name)
            if compared and default is not attrs.NOTHING:
                # attrs types Factory as a function, so mypy cannot check this isinstance.
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    made = default.factory
                    default = made(value) if default.takes_self else made()
                bool(held != default)
        except Exception:  # noqa: BLE001  (the caller's own code: what is looked for)
            return a.name
    return None


def field_note(name: object) -> cattrs.AttributeValidationNote:
    """The note that a writer's refusal is at the field *name*, as cattrs notes a reader's."""
    return cattrs.AttributeValidationNote(f"Unstructuring field {name}", str(name), None)


def unread_refusal(conv: cattrs.Converter, cls: type) -> Any:
    """A writer refusing every value of the caller's *cls* if no reader takes it back, else None.

    The readers refuse a class one of whose fields is declared as a type
    they cannot read (``object``, ``list[object]``, or a class holding
    one), whatever the document, with the rule ``a type serialize reads``.
    The writer refuses it the same way, at that field, whatever the value:
    a field holding its default is left out, so only the readers met the
    declaration, and ``{}`` was written that no reader took (review r29,
    review 9; review r30, serialize 4).
    """
    if library_class(cls) or _unread(conv, cls) is None:
        return None
    found = [(a, held) for a in attrs.fields(cls) if (held := _unread(conv, a.type)) is not None]
    if not found:
        return None
    name = found[0][0].name
    held, declared = (getattr(t, "__qualname__", str(t)) for t in (found[0][1], found[0][0].type))
    holds = "" if held == declared else f" (it holds {held})"

    def refuse(value: object) -> dict[str, object]:
        error = InvalidTypeError(
            f"cannot serialise a field declared as {declared}, which no reader takes "
            f"back{holds}: serialize writes and reads a field by its declared type; declare "
            "a type it reads",
            field=WRITTEN_FIELD,
            rule="a type serialize reads",
        )
        raise placed(error, field_note(name), value, cls)

    return refuse


def _unread(conv: cattrs.Converter, t: Any) -> object | None:
    """The type no reader takes that *t* is or holds, or ``None``.

    ``None`` too when *t* cannot be looked at (an annotation that cannot be
    resolved): the readers say so themselves.
    """
    try:
        conv.get_structure_hook(t)
    except cattrs.StructureHandlerNotFoundError as exc:
        return exc.type_
    except Exception:  # noqa: BLE001  (see above)
        return None
    return None


def library_class(cls: type) -> bool:
    """Whether *cls* is one of the library's own classes (whose constructors check every field)."""
    module = getattr(cls, "__module__", "") or ""
    return module == "upwork_safety" or module.startswith("upwork_safety.")


#: The leaves the writers hand on as they are, unchecked (their hook is ``identity``).
#: ``int``'s writer checks (a bool or an integer too long to read back is refused:
#: review r29, hostile 2), so a field typed ``int``, a list of them or ``int | None``
#: (whose writer cattrs hands on) keeps it.
_PASSED = frozenset({str, bool, NONE_TYPE})


def _passed_through(t: Any) -> bool:
    """Whether a value declared as *t* is written as it is, unchecked (a float in it too).

    ``str``, ``bool`` and ``None``, and the homogeneous lists and tuples
    (``list[str]``) and optionals of them (``str | None``), at any depth:
    their writers are ``identity`` and ``list``.  And an enum, whose writer
    checks that it holds a member, but of any enum.  A fixed tuple
    (``tuple[int, int]``), a mapping or a ``Literal`` checks each item.
    """
    if t in _PASSED or is_enum(t):
        return True
    origin, args = get_origin(t), get_args(t)
    if origin in UNION_ORIGINS:
        return all(_passed_through(arg) for arg in args)
    if origin in {list, tuple, collections.abc.Sequence, collections.abc.MutableSequence}:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return False
        return bool(args) and _passed_through(args[0])
    return False


def is_enum(t: Any) -> bool:
    """Whether *t* is an enum class."""
    return isinstance(t, type) and issubclass(t, enum.Enum)
