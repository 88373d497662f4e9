"""Fused readers: one generated function per attrs class, for data that is valid (private).

The detailed path (cattrs' generated per-class hooks with detailed
validation, and the wrappers in :mod:`._hooks`) collects every problem with
its path, at the cost of a call, a ``try`` and bookkeeping per field.  Most
documents are valid, so :func:`upwork_safety.serialize.from_dict` first
tries the fused reader built here, which reads a whole value in one pass:
per attrs class one generated function that takes each key, checks its
JSON type and calls the field's reader, counts the keys it used (any other
key is refused), and builds the value through the class's own constructor,
where the invariants live.  Nothing is built without its constructor.

The fused reader is derived, never written by hand:

* the fields, their keys, their init names and defaults come from
  :func:`attrs.fields`, and each field's reader is the hook cattrs'
  generated hook for the class calls: :func:`fields_of` finds it by the
  same call (:func:`cattrs.gen._shared.find_structure_handler`), right
  after that hook is generated, so a hook registered later changes both
  paths alike or neither;
* leaf readers (:mod:`._strict`) and any hook not made by :mod:`._hooks`
  (a user's own hooks) are called exactly as cattrs calls them;
* the readers :mod:`._hooks` makes for attrs classes, optionals, lists,
  escrow-event unions and the client are :func:`noted` there with what
  they read, and the fused reader does the same: the same JSON type checks
  (stricter only in taking exact ``dict`` with plain ``str`` keys, ``list`` and
  ``str``), the same
  tag rule, the same unknown-key rule.

The functions are written as Python source and compiled with ``exec``,
the way attrs writes ``__init__`` and cattrs writes its own hooks: the
source holds only identifiers (field aliases, which attrs' ``__init__``
takes as parameters, and class names, which cattrs' own hooks are named
by), keys written with ``repr``, and names bound in the reader's own
namespace, never text from the data being read.  A closure per
field would do the same work with a call and a loop step more per field,
which is the layering this module exists to remove.

It never reports anything: on the first problem (or anything unusual, such
as a dict subclass) it raises, and ``from_dict`` reads the same data again
through the detailed path, whose error it raises.  So errors are those of
the detailed path by construction, and a hostile document costs at most
one failed fast attempt (which stops at its first problem) plus the
detailed path's bounded reading.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs

from upwork_safety import _decimals
from upwork_safety.errors import InvalidValueError, Problem
from upwork_safety.serialize import _strict
from upwork_safety.serialize._fields import library_class
from upwork_safety.serialize._problems import key_path

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

V = TypeVar("V")


#: What ``dict.get`` gives for a key that is absent (no JSON value is this object).
_MISSING = object()


class UnusualError(Exception):
    """The fused reader met something it leaves to the detailed path."""


class LongList(UnusualError):  # noqa: N818  (the reader's signal, never raised to a caller)
    """A JSON list past :data:`~upwork_safety._decimals.MAX_ITEMS`, met before its items were read.

    Raised for a list given to a field of an attrs class (*cls*, field
    *name*); :func:`too_long` asks the field's own validator whether it
    refuses so many items, and where the list is in the data.
    """

    def __init__(self, items: list[Any], cls: type, name: str) -> None:
        super().__init__(name)
        self.items, self.cls, self.name = items, cls, name


def _long(items: list[Any], cls: type, name: str) -> NoReturn:
    raise LongList(items, cls, name)


def _listed(hook: object) -> bool:
    """Whether *hook* reads a JSON list (or ``None`` or a list) into a field."""
    kind = _kind(hook)
    if isinstance(kind, OptionalKind):
        kind = _kind(kind.hook)
    return isinstance(kind, SequenceKind)


def too_long(exc: LongList, data: object) -> Problem | None:
    """The problem the class's own converter finds in *exc*'s list, at its path in *data*.

    :func:`refused_length` asks; ``None`` when it finds nothing or the list
    has no one path in *data*, and the detailed path reads the list (review
    r36, hostile 4).
    """
    refused = refused_length(exc.cls, exc.name)
    if refused is None:
        return None
    path = _path_of(exc.items, data, key_path("", exc.name))
    return None if path is None else Problem(path, str(refused), rule=refused.rule)


def refused_length(cls: type, name: str) -> InvalidValueError | None:
    """The refusal *cls*'s field *name* gives a list past the bound by its length alone.

    The field's converter, which the class's constructor would run first and
    which bounds every list field of the library's models, is given a tuple of
    as many ``None`` as the bound plus one, so no item is read; if it refuses
    it by the library's count rule
    (:func:`~upwork_safety._decimals.too_many_items`), that is the refusal.
    Otherwise ``None``.  Only the library's own classes are asked: no code of a
    caller's class runs on values its data never held (diff review r36, 1).
    No validator is asked: it would need an instance no constructor built.
    """
    if not library_class(cls):
        return None
    field = attrs.fields_dict(cls)[name]
    rule = f"at most {_decimals.MAX_ITEMS:,} items"
    value: object = (None,) * (_decimals.MAX_ITEMS + 1)
    try:
        if field.converter is not None:
            field.converter(value)  # type: ignore[operator]
    except InvalidValueError as refused:
        return refused if refused.rule == rule else None
    except Exception:  # noqa: BLE001, S110  (another rule first: the detailed path tells)
        pass
    return None


def long_field(
    kind: ObjectKind, value: dict[str, Any]
) -> tuple[dict[str, Any], tuple[str, InvalidValueError] | None]:
    """*value* with its list subclasses read, and the first list *kind*'s class refuses by length.

    For the detailed reader (review r37, hostile 8): what the fused reader
    refuses by length (:class:`LongList`, :func:`too_long`), it refuses too,
    with the same refusal, where the fused reader gave up on the object (a
    ``dict`` subclass, ``str``-subclass keys) or the list (a ``list``
    subclass).  A ``list`` subclass is read once, here, through its own
    iteration and the one bounded reader
    (:func:`~upwork_safety._decimals.bounded`), so neither its ``len`` nor
    an endless ``__iter__`` can make the reader read past the bound (hostile
    r43, 1): the item past it is refused with the field's own refusal (or,
    for a class that bounds no list, the count rule, naming the field).
    Returns *value* (a new dict if a list was read; the caller's data is never
    changed) and the field's path below the object (``".milestones"``) with
    its refusal, or ``None`` for none.
    """
    if kind.fields is None:
        return value, None
    read = value
    for a, hook in kind.fields:
        items = value.get(a.name)
        if not isinstance(items, list) or not _listed(hook):
            continue
        if type(items) is not list:
            name = f"{kind.cls.__name__}.{a.name}"
            try:
                items = list(_decimals.bounded(items, name))
            except Exception as failed:  # noqa: BLE001  (the caller's __iter__ raised, or the bound)
                _decimals.restore_context()  # the caller's __iter__ ran, and may have raised
                if isinstance(failed, InvalidValueError) and failed.field == name:
                    too_many = refused_length(kind.cls, a.name) or failed
                    return value, (key_path("", a.name), too_many)
                continue  # the field's own reader meets it again, and tells it at its path
            read = {**read, a.name: items}
        if len(items) > _decimals.MAX_ITEMS:
            refused = refused_length(kind.cls, a.name)
            if refused is not None:
                return value, (key_path("", a.name), refused)
    return read, None


def _path_of(target: object, data: object, key: str) -> str | None:
    """The one JSON path of *target* (by identity) in *data* under *key* (``".milestones"``).

    ``None`` when no such path, or more than one, holds it (a list object the
    caller's data shares between two places): the detailed path then tells
    where (diff review r36, 2).
    """
    stack: list[tuple[str, object]] = [("$", data)]
    found: list[str] = []
    while stack:
        path, item = stack.pop()
        if item is target:
            found.append(path)
            continue
        if type(item) is dict:
            stack.extend((key_path(path, key), part) for key, part in item.items())
        elif type(item) is list:
            stack.extend((f"{path}[{i}]", part) for i, part in enumerate(item))
    return found[0] if len(found) == 1 and found[0].endswith(key) else None


#: One field as the detailed hook reads it: the attribute, and the hook its value goes through.
Field = tuple["attrs.Attribute[Any]", Any]


@attrs.frozen(eq=False)
class ObjectKind:
    """A reader of an attrs class *cls* from a JSON object.

    Attributes:
        cls: The class.
        tag_name: The key that may carry the class's tag (``"type"``).
        tag: The tag an escrow event carries, or ``None`` for no tag.
        fields: The fields read, each with its hook, taken when the
            detailed hook was made (:func:`fields_of`); ``None`` if the
            fused reader leaves the class to that hook.
    """

    cls: type
    tag_name: str
    tag: str | None
    fields: tuple[Field, ...] | None


@attrs.frozen(eq=False)
class OptionalKind:
    """A reader of ``X | None``: ``null``, or what *hook* reads as *inner*."""

    inner: Any
    hook: Any


@attrs.frozen(eq=False)
class SequenceKind:
    """A reader of a JSON list of *item* (each read by *hook*) into an *origin*."""

    item: Any
    origin: type
    hook: Any


@attrs.frozen(eq=False)
class UnionKind:
    """A reader of a union of classes tagged by *tag_name*: the hook of each tag's class."""

    tag_name: str
    members: Mapping[str, Any]


@attrs.frozen(eq=False)
class OrIdKind:
    """A reader of *cls* from a string (``cls(text)``) or an object (the hook *as_object*)."""

    cls: type
    as_object: Any


Kind = ObjectKind | OptionalKind | SequenceKind | UnionKind | OrIdKind

#: What each reader made by :mod:`._hooks` reads (its hook is the key).
_KINDS: weakref.WeakKeyDictionary[Any, Kind] = weakref.WeakKeyDictionary()
#: The fused reader built for each top-level hook, or ``None`` if there is none.
_BUILT: weakref.WeakKeyDictionary[Any, Callable[[Any], Any] | None] = weakref.WeakKeyDictionary()


def noted(hook: Any, kind: Kind) -> Any:
    """Record that *hook* (made by :mod:`._hooks`) reads *kind*; return *hook*.

    Every hook a kind names is the one the detailed hook calls, taken at
    the same moment, so the fused reader calls what the detailed path calls
    even after hooks are registered later.
    """
    _KINDS[hook] = kind
    return hook


def _kind(hook: object) -> Kind | None:
    """What *hook* reads, if :mod:`._hooks` made it (``None`` for any other hook)."""
    return _entry(_KINDS, hook)


def _entry(table: Mapping[Any, V], hook: object) -> V | None:
    """*table*'s entry for *hook*, or ``None`` (also for a hook that cannot be a key)."""
    try:
        return table.get(hook)
    except TypeError:  # an unhashable or unreferenceable hook: not one of ours
        return None


def reader(conv: cattrs.Converter, t: Any) -> Callable[[Any], Any] | None:
    """The fused reader for values of type *t* on *conv*, or ``None`` if there is none.

    It is built from the hook *conv* has for *t* now, and kept with that
    hook: when cattrs makes new hooks (after a hook is registered), a new
    fused reader is built from them.
    """
    try:
        hook = conv.get_structure_hook(t)
    except Exception:  # noqa: BLE001  (no hook: the detailed path says so)
        return None
    if _kind(hook) is None:
        return None
    try:
        return _BUILT[hook]
    except KeyError:
        pass
    try:
        fast: Callable[[Any], Any] | None = _Builder(conv).build(hook, t)
    except Exception:  # noqa: BLE001  (e.g. a user's class cattrs cannot read either)
        fast = None
    _BUILT[hook] = fast
    return fast


def fields_of(conv: cattrs.Converter, cls: type) -> tuple[Field, ...] | None:
    """*cls*'s fields read from JSON, each with the hook cattrs' generated hook gives it.

    Called right after cattrs generates *cls*'s detailed hook, so each hook
    is the one that hook calls: found by the same call
    (:func:`cattrs.gen._shared.find_structure_handler`), with the same
    settings.  Fields with ``init=False`` are left out (cattrs leaves them
    out and refuses their keys).  ``None`` if the fused reader leaves *cls*
    to its hook: a generic class (type variables to map), an annotation
    that cannot be resolved, or a field with an annotated override.
    """
    if getattr(cls, "__parameters__", ()):
        return None
    try:
        attrs.resolve_types(cls)
        found = [a for a in attrs.fields(cls) if a.init]
        if any(getattr(a.type, "__metadata__", None) is not None for a in found):
            return None
        # cattrs' own lookup, imported here: it is private to cattrs, so if a
        # release moves it, every class is left to its detailed hook (correct,
        # only slower) instead of the import failing.
        from cattrs.gen._shared import find_structure_handler

        prefer = conv._prefer_attrib_converters  # noqa: SLF001  (the setting cattrs' hooks use)
        return tuple((a, find_structure_handler(a, a.type, conv, prefer)) for a in found)
    except Exception:  # noqa: BLE001  (the detailed hook will say what is wrong, if anything)
        return None


def _attrs_init(cls: type) -> bool:
    """Whether *cls*'s ``__init__`` is the one attrs wrote for *cls* itself.

    Only then are its parameters the fields in order with their defaults,
    so that every field may be passed by position, a default as it is.  A
    class with an ``__init__`` of its own, or one that inherits another
    class's (``init=False``), is called as cattrs calls it: by keyword,
    with only the keys given.
    """
    code = getattr(cls.__dict__.get("__init__"), "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


class _Builder:
    """Writes the fused readers for one top-level type as Python source, and runs it.

    Each attrs class, list and union reached gets one function; optionals,
    leaves and other hooks are expressions inside them.
    """

    def __init__(self, conv: cattrs.Converter) -> None:
        self.conv = conv
        self.ns: dict[str, Any] = {
            "UnusualError": UnusualError,
            "_missing": _MISSING,
            "_long": _long,
            "_D": _decimals,
        }
        self.lines: list[str] = []
        self.names: dict[Any, str] = {}
        self.unions: list[tuple[str, dict[str, str]]] = []
        self.counter = itertools.count()

    def build(self, hook: Any, t: Any) -> Callable[[Any], Any]:
        """Write and compile the reader of *t* (whose detailed hook is *hook*)."""
        body = self.expr(hook, t, "v")
        self.lines += ["def top(v):", f"    return {body}", ""]
        exec("\n".join(self.lines), self.ns)  # noqa: S102  (source written above from attrs.fields)
        for table, tags in self.unions:
            self.ns[table].update({tag: self.ns[fn] for tag, fn in tags.items()})
        top: Callable[[Any], Any] = self.ns["top"]
        return top

    def bind(self, value: object, prefix: str) -> str:
        """A fresh global name in the generated source for *value*."""
        name = f"_{prefix}{next(self.counter)}"
        self.ns[name] = value
        return name

    def expr(self, hook: Any, t: Any, var: str) -> str:
        """An expression reading the local *var* as *t*, as the detailed *hook* would."""
        kind = _kind(hook)
        if isinstance(kind, ObjectKind):
            fn = self.object_fn(kind)
            if fn is not None:
                return f"{fn}({var})"
        elif isinstance(kind, OptionalKind):
            inner = self.expr(kind.hook, kind.inner, var)
            return f"(None if {var} is None else {inner})"
        elif isinstance(kind, SequenceKind):
            return f"{self.sequence_fn(kind)}({var})"
        elif isinstance(kind, UnionKind):
            fn = self.union_fn(kind)
            if fn is not None:
                return f"{fn}({var})"
        elif isinstance(kind, OrIdKind):
            cls = self.bind(kind.cls, "c")
            as_object = self.expr(kind.as_object, kind.cls, var)
            return f"({cls}({var}) if type({var}) is str else {as_object})"
        return self.call(hook, t, var)

    def call(self, hook: Any, t: Any, var: str) -> str:
        """An expression calling *hook* on *var* exactly as cattrs' generated hooks do."""
        if hook is None:  # an attrs converter reads the raw value
            return var
        if hook == self.conv._structure_call:  # noqa: SLF001  (cattrs' own test)
            return f"{self.bind(t, 't')}({var})"
        hook = _strict.enum_hook(hook, t)  # an enum's reader, where the str reader would pass it
        called = f"{self.bind(hook, 'h')}({var}, {self.bind(t, 't')})"
        # The pass-through tests hold for the plain types only: a str or int
        # enum reaches the same reader, which makes it a member.
        guard = _entry(_strict.PASS_THROUGH, hook) if t in (str, int, bool) else None
        return called if guard is None else f"({var} if {guard.format(v=var)} else {called})"

    def object_fn(self, kind: ObjectKind) -> str | None:
        """The name of the function reading *kind*'s class, or ``None`` to call its hook."""
        if kind in self.names:
            return self.names[kind]
        fields = kind.fields
        if fields is None or any(a.name == kind.tag_name for a, _ in fields if kind.tag):
            return None  # (a field named like the tag would be hidden by it)
        fn = f"read_{kind.cls.__name__}_{next(self.counter)}"
        self.names[kind] = fn
        explicit = _attrs_init(kind.cls)  # a plain default may be passed as attrs would pass it
        # An exact dict with plain str keys only: a key that is a str subclass
        # would answer each look-up with its own __eq__ (the detailed path
        # reads its text, plain_object).
        lines = [
            f"def {fn}(o):",
            "    if type(o) is not dict or [*map(type, o)].count(str) != len(o):",
            "        raise UnusualError",
        ]
        required = sum(a.default is attrs.NOTHING for a, _ in fields)
        lines += ["    kw = {}", f"    n = {required}"]  # the keys read so far
        args: list[str] = []
        used_kw = False
        owner = self.bind(kind.cls, "c")
        for index, (a, hook) in enumerate(fields):
            local = f"f{index}"
            read = self.expr(hook, a.type, local)
            key = repr(a.name)
            if _listed(hook):  # a list past the bound: refused by its length, no item read
                read = (
                    f"({read} if type({local}) is not list or len({local}) <= _D.MAX_ITEMS "
                    f"else _long({local}, {owner}, {key}))"
                )
            if a.default is attrs.NOTHING:
                lines += [f"    {local} = o[{key}]", f"    {local} = {read}"]
                args.append(f"{a.alias}={local}")
                continue
            lines += [
                f"    {local} = o.get({key}, _missing)",
                f"    if {local} is not _missing:",
                "        n += 1",
            ]
            if explicit and not isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                default = self.bind(a.default, "d")
                lines += [f"        {local} = {read}", "    else:", f"        {local} = {default}"]
                args.append(f"{a.alias}={local}")
            else:  # a factory (or an __init__ of the class's own): left out when absent
                lines.append(f"        kw[{a.alias!r}] = {read}")
                used_kw = True
        if kind.tag is not None:
            tag_name = repr(kind.tag_name)
            lines += [
                f"    if {tag_name} in o:",
                f"        if type(o[{tag_name}]) is not str or o[{tag_name}] != {kind.tag!r}:",
                "            raise UnusualError",
                "        n += 1",
            ]
        lines += ["    if len(o) != n:", "        raise UnusualError"]  # an unknown key
        if not used_kw:
            lines.remove("    kw = {}")
        cls = owner
        if explicit and not used_kw and not any(a.kw_only for a, _ in fields):
            # Every field is passed, in order: by position (attrs' __init__ takes them so).
            args = [arg.partition("=")[2] for arg in args]
        call = ", ".join([*args, "**kw"] if used_kw else args)
        lines += [f"    return {cls}({call})", ""]
        self.lines += lines
        return fn

    def sequence_fn(self, kind: SequenceKind) -> str:
        """The name of the function reading a JSON list as *kind* says."""
        if kind in self.names:
            return self.names[kind]
        fn = f"read_list_{next(self.counter)}"
        self.names[kind] = fn
        read = self.expr(kind.hook, kind.item, "x")
        items = f"[{read} for x in v]"
        made = items if kind.origin is list else f"{self.bind(kind.origin, 'o')}({items})"
        self.lines += [
            f"def {fn}(v):",
            "    if type(v) is not list:",
            "        raise UnusualError",
            f"    return {made}",
            "",
        ]
        return fn

    def union_fn(self, kind: UnionKind) -> str | None:
        """The name of the function reading a tagged union (the tag picks the member's reader).

        ``None`` (call the union's hook) if a member is one the fused reader leaves alone.
        """
        if kind in self.names:
            return self.names[kind]
        tags: dict[str, str] = {}
        for tag, hook in kind.members.items():
            member = _kind(hook)
            fn = self.object_fn(member) if isinstance(member, ObjectKind) else None
            if fn is None:
                return None
            tags[tag] = fn
        fn = f"read_union_{next(self.counter)}"
        self.names[kind] = fn
        table = self.bind({}, "tags")
        self.unions.append((table, tags))
        tag_name = repr(kind.tag_name)
        self.lines += [
            f"def {fn}(o):",
            "    if type(o) is not dict:",
            "        raise UnusualError",
            f"    tag = o[{tag_name}]",
            "    if type(tag) is not str:",
            "        raise UnusualError",
            f"    return {table}[tag](o)",
            "",
        ]
        return fn
