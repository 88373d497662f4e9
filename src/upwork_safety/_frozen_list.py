"""A ``list`` that is checked when it is built and never changed after (private).

Some results are documented as ``list[X]`` (DESIGN.md: ``jss.timeline``,
``escrow.deadlines``), so they stay lists: ``result == [x, ...]`` holds and
they read as one.  Like every other value of the library they are checked
when built and never changed after: each subclass names its items' class
(:attr:`FrozenList.item`) and the field that orders them (:attr:`FrozenList.order_field`);
the list methods that would change it raise
:class:`~upwork_safety.errors.InvalidTypeError` naming the class.  One base,
so the list of refused methods is written once.

Like every other value it is hashable (review r32, embedder 6): its hash is
the hash of the tuple of its items, consistent with its equality, which is
``list``'s (the items, in order).  Python's own ``list`` methods called on it
directly (``list.append(timeline, point)``) are not refused: that takes
deliberate effort, and a list changed that way breaks the promise (its hash
changes with it), so it is documented rather than fought.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeVar

from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["FrozenList"]

T = TypeVar("T")


class FrozenList(list[T]):
    """A checked, unchangeable ``list`` of one library class (base of the list results).

    Subclasses set :attr:`item`, :attr:`noun` and their order (:attr:`order_field`,
    :attr:`strictly`, :attr:`order_rule`).
    """

    __slots__ = ("_built",)

    #: The class every item must be (checked by :func:`sequence_of`).
    item: ClassVar[type]
    #: How the refusal names one, e.g. ``"a JSSTimeline"`` (its rule: "... cannot be changed").
    noun: ClassVar[str]
    #: The field of each item that orders the list (``"on"``, ``"due"``).
    order_field: ClassVar[str]
    #: Whether that field must increase strictly (each value once), or only never decrease.
    strictly: ClassVar[bool]
    #: The order rule, for the error (``"days in increasing order"``).
    order_rule: ClassVar[str]

    def __init__(self, items: Iterable[T] = ()) -> None:
        if getattr(self, "_built", False):  # __init__ called again on a built one
            self._refuse("__init__")
        name = type(self).__name__
        checked: Sequence[T] = sequence_of(items, self.item, name)
        self._check_order(checked)
        super().__init__(checked)
        self._built = True

    def _check_order(self, items: Sequence[T]) -> None:
        """Refuse an item ordered before the last (or, :attr:`strictly`, level with it)."""
        name, field = type(self).__name__, self.order_field
        for index in range(1, len(items)):
            before, value = getattr(items[index - 1], field), getattr(items[index], field)
            if value < before or (self.strictly and value == before):
                raise InvalidValueError(
                    f"{name}[{index}].{field} is {value}, "
                    f"{'not after' if self.strictly else 'before'} {name}[{index - 1}]'s "
                    f"({before}): {self.order_rule}",
                    field=f"{name}[{index}].{field}",
                    rule=self.order_rule,
                )

    def __hash__(self) -> int:  # type: ignore[override]  # list sets __hash__ to None
        """The hash of the tuple of the items: equal lists (same items, in order) hash alike.

        Equality is ``list``'s, so one equals a plain list of the same items
        (which is not hashable) and another list result with them (two empty
        ones are equal whatever their class, and hash alike); never a tuple.
        """
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through the constructor (a list would be refilled with extend).
        return (type(self), (list(self),))

    @classmethod
    def _refuse(cls, what: str) -> NoReturn:
        name = cls.__name__
        rule = f"{cls.noun} cannot be changed"
        raise InvalidTypeError(
            f"{rule} ({what}): build a new one, e.g. {name}([*old, new])",
            field=name,
            rule=rule,
        )

    # The list methods that would change it: each refuses.
    def append(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("append")

    def extend(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("extend")

    def insert(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("insert")

    def pop(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("pop")

    def remove(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("remove")

    def clear(self) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("clear")

    def sort(self, *_: Any, **__: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("sort")

    def reverse(self) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("reverse")

    def __setitem__(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("item assignment")

    def __delitem__(self, *_: Any) -> NoReturn:
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("item deletion")

    def __iadd__(self, *_: Any) -> NoReturn:  # type: ignore[misc]
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("+=")

    def __imul__(self, *_: Any) -> NoReturn:  # type: ignore[misc]
        """Refused: the list cannot be changed (build a new one)."""
        self._refuse("*=")
