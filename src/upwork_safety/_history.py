"""The escrow history: events in time order, shared between contracts (private).

A :class:`History` is what a :class:`~upwork_safety.Contract` carries and
:mod:`upwork_safety.serialize` round-trips.  It keeps the events as a chain
of entries, so appending one event to a long history copies nothing; each
entry checks only the events it adds (each a plain escrow event, none earlier
than the one before).  The events themselves live in
:mod:`upwork_safety._events`.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, NoReturn, SupportsIndex, overload

import attrs

from upwork_safety._display import utc_text
from upwork_safety._events import Event, judge_moment, plain_events
from upwork_safety._validate import as_sequence
from upwork_safety.errors import InvalidTypeError, InvalidValueError

__all__ = ["TIME_ORDER_RULE", "History", "extend", "history"]

#: The rule an event earlier than the one before it breaks, in a history and in the engine.
TIME_ORDER_RULE = "in time order"


def _when(at: datetime) -> str:
    return utc_text(at)


def _out_of_order(previous: Event, event: Event, what: str, index: int) -> NoReturn:
    raise InvalidValueError(
        f"{what}[{index}] ({type(event).__name__} at {_when(event.at)}) is earlier than "
        f"{what}[{index - 1}] ({type(previous).__name__} at {_when(previous.at)}): "
        "a history is in time order",
        field=f"{what}[{index}]",
        rule=TIME_ORDER_RULE,
    )


class _Entry:
    """Events appended together, and the entry before them: a link of a persistent list.

    Its constructor checks the one rule a history has, for the events it
    adds only (each an escrow event, stored as its plain event class:
    :func:`plain_event`; none earlier than the one before), so a
    history of any length grows at a cost that depends only on what is
    appended, and can never hold events out of time order.  Entries are
    never changed once built.
    """

    __slots__ = ("events", "first", "last", "length", "previous")

    def __init__(self, previous: _Entry | None, events: tuple[Event, ...], what: str) -> None:
        start = 0 if previous is None else previous.length
        before = None if previous is None else previous.last
        events = plain_events(events, what, start)
        for offset, event in enumerate(events):
            judge_moment(event, what, start + offset)
            if before is not None and event.at < before.at:
                _out_of_order(before, event, what, start + offset)
            before = event
        self.previous = previous
        self.events = events
        self.length: int = start + len(events)
        self.last: Event = events[-1]
        self.first: Event = events[0] if previous is None else previous.first

    def __iter__(self) -> Iterator[Event]:
        """The events up to this entry's last one, oldest first."""
        return iter(History(self))


class History(Sequence[Event]):
    """Every escrow event of a contract, oldest first: an immutable, append-only log in time order.

    It reads like a tuple (``len``, indexing, slicing, iteration, ``in``;
    an index is anything a tuple takes, an ``int`` or an object with
    ``__index__`` such as a numpy integer, but not a ``bool``)
    and compares equal to a tuple of the same events.  Its constructor
    refuses anything that is not an escrow event and any event earlier than
    the one before it (events at the same moment keep their order).  A
    subclass of an event class is stored as the plain event it holds,
    rebuilt through that class's constructor from its own fields, as a
    contract stores every record.

    :meth:`append` and :meth:`extend` return a new history that shares every
    event of this one, so recording a step costs the same however long the
    history is; that is how :func:`~upwork_safety.escrow.apply` stays flat
    in history length.

    Args:
        events: Escrow events, oldest first (any iterable, or a ``History``).

    Raises:
        InvalidTypeError: *events* is not a sequence, or an item is not an
            escrow event.
        InvalidValueError: An event is earlier than the one before it.
    """

    __slots__ = ("_flat", "_head")
    _head: _Entry | None
    #: The events as one tuple, built on the first indexed read and kept (the
    #: history never changes), so a loop by index is linear, not quadratic.
    _flat: tuple[Event, ...] | None

    def __init__(self, events: Iterable[Event] = ()) -> None:
        object.__setattr__(self, "_head", _chain(events, "History.events"))
        object.__setattr__(self, "_flat", None)

    # -- building ------------------------------------------------------------

    def append(self, event: Event) -> History:
        """Return this history with *event* added at the end (this one is unchanged).

        Raises:
            InvalidTypeError: *event* is not an escrow event.
            InvalidValueError: *event* is earlier than the last event.
        """
        return History(_Entry(self._head, (event,), "History.events"))

    def extend(self, events: Iterable[Event]) -> History:
        """Return this history with *events* added at the end, in order.

        Raises:
            InvalidTypeError: *events* is not a sequence, or an item is not
                an escrow event.
            InvalidValueError: An event is earlier than the one before it.
        """
        added = _items(events, "History.events")
        if not added:
            return self
        return History(_Entry(self._head, added, "History.events"))

    @property
    def last(self) -> Event | None:
        """The newest event, or ``None`` for an empty history."""
        return None if self._head is None else self._head.last

    @property
    def first(self) -> Event | None:
        """The oldest event, or ``None`` for an empty history."""
        return None if self._head is None else self._head.first

    # -- reading -------------------------------------------------------------

    def _entries(self) -> list[_Entry]:
        """The entries, newest first."""
        found = []
        entry = self._head
        while entry is not None:
            found.append(entry)
            entry = entry.previous
        return found

    def __len__(self) -> int:
        return 0 if self._head is None else self._head.length

    def __reversed__(self) -> Iterator[Event]:
        for entry in self._entries():
            yield from reversed(entry.events)

    def __iter__(self) -> Iterator[Event]:
        entries = self._entries()
        entries.reverse()
        return itertools.chain.from_iterable(entry.events for entry in entries)

    @overload
    def __getitem__(self, index: SupportsIndex) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Event | tuple[Event, ...]:
        if isinstance(index, slice):
            return self._events()[index]
        wrong = InvalidTypeError(
            f"History indices must be integers or slices, not {type(index).__name__}",
            field="index",
            rule="an int or a slice",
        )
        if isinstance(index, bool):  # a flag, never a position
            raise wrong
        try:  # anything a tuple takes: an int, a numpy integer (review r38, review 7)
            whole = operator.index(index)
        except TypeError:
            raise wrong from None
        length = len(self)
        position = whole + length if whole < 0 else whole
        if not 0 <= position < length:
            msg = f"History index {whole} out of range for {length} events"
            raise IndexError(msg)
        if position == length - 1 and self._head is not None:
            return self._head.last  # the newest, read most often, without the tuple
        return self._events()[position]

    def _events(self) -> tuple[Event, ...]:
        """Every event as one tuple, built once (red team r17 L3: ``history[i]`` walked the log)."""
        flat = self._flat
        if flat is None:
            flat = tuple(self)
            object.__setattr__(self, "_flat", flat)
        return flat

    # -- value semantics -----------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple):
            return tuple(self) == other
        if not isinstance(other, History):
            return NotImplemented
        if self._head is other._head:
            return True
        return len(self) == len(other) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"History({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (History, (tuple(self),))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> NoReturn:
        raise attrs.exceptions.FrozenInstanceError

    def __copy__(self) -> History:
        return self

    def __deepcopy__(self, memo: object) -> History:
        return self


def _items(events: object, what: str) -> tuple[Event, ...]:
    # each item is checked by the entry
    return as_sequence(events, what, "escrow events", ordered="in time order")


def _chain(events: object, what: str) -> _Entry | None:
    """The last entry of a history holding *events*, each checked (``what[i]`` in errors)."""
    if isinstance(events, _Entry):  # first: History is an ABC, dearer to ask
        return events
    if isinstance(events, History):
        return events._head  # noqa: SLF001  (already a checked chain)
    items = _items(events, what)
    return _Entry(None, items, what) if items else None


def history(events: object, what: str) -> History:
    """*events* as a :class:`History`, with errors naming *what* (e.g. ``"Contract.history"``)."""
    if isinstance(events, History):
        return events
    # A new contract's, shared: a history never changes.  Asked by type, never
    # ``==``, which a numpy array or pandas Series answers item by item (review r34 5).
    if type(events) is tuple and not events:
        return _EMPTY
    head = _chain(events, what)
    return History() if head is None else History(head)


_EMPTY = History()


def extend(history: History, events: tuple[Event, ...], what: str) -> History:
    """*history* with *events* appended, checked, with errors naming *what*."""
    if not events:
        return history
    return History(_Entry(history._head, events, what))  # noqa: SLF001  (same module)
