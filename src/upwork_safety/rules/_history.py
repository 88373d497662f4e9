"""The one mechanism for "the rules in force on a date" (private; see ``rules``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, overload

import attrs

from upwork_safety._arguments import plain_argument
from upwork_safety._display import OTHER_LIMIT, shown
from upwork_safety._moments import utc_day
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import as_sequence, id_field
from upwork_safety.errors import InvalidTypeError, RulesError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Dated", "RuleHistory", "rule_set_kind"]

#: What a caller does about a day before the first rule set, by default.
_RULES_REMEDY = "choose a later day, or pass a rule set of your own with rules="


def _refuse_before(
    first: date, day: date, *, known: str, what: str, field: str | None = None, remedy: str
) -> None:
    """The one check for "no rules are known before the first day": every dated family uses it.

    Raise :class:`RulesError` when *day* (from the argument *what*) is
    before *first*, the first day the *known* rules apply: *field* is the
    argument at fault (default *what*), the rule ``"on or after <first>"``,
    and *remedy* what the caller can do instead (review r25 hostile H8: the
    families refused an early day in different words, or not at all).
    """
    if day < first:
        # A history's name is the caller's text: a long one is quoted cut short.
        known = known if len(known) <= OTHER_LIMIT else shown(known)
        raise RulesError(
            f"no {known} are known before {first.isoformat()}, asked for {day.isoformat()} "
            f"({what}); {remedy}",
            field=what if field is None else field,
            rule=f"on or after {first.isoformat()}",
        )


class Dated(Protocol):
    """A rule set that starts applying on a date: it has ``effective`` and ``name``."""

    @property
    def effective(self) -> date:
        """The first day the rule set applies."""
        ...  # pragma: no cover

    @property
    def name(self) -> str:
        """A short human name."""
        ...  # pragma: no cover


R = TypeVar("R", bound=Dated)

#: The library's rule set classes (``PlatformRules``, ``JSSRules``, ...), each
#: added by :func:`rule_set_kind` where it is defined: the one list of what a
#: :class:`RuleHistory` may hold.
_KINDS: list[type] = []

_K = TypeVar("_K", bound=type)


def rule_set_kind(cls: _K) -> _K:
    """Mark *cls* as one of the library's rule set classes, which a history may hold."""
    _KINDS.append(cls)
    return cls


def _kind_names() -> str:
    """The library's rule set classes, for a message (``PlatformRules, JSSRules, ...``)."""
    return ", ".join(kind.__name__ for kind in _KINDS)


def _presets(value: object) -> tuple[Dated, ...]:
    # The rule of every list argument: a sequence or other finite iterable, at most MAX_ITEMS.
    presets = as_sequence(value, "RuleHistory.presets", "rule sets", ordered="oldest first")
    # A subclass of one of the library's rule sets is held as the plain rule set it holds,
    # so none of its code runs while an engine reads it (diff review r34, 1).
    return tuple(
        [
            plain_argument(preset, f"RuleHistory.presets[{index}]")
            for index, preset in enumerate(presets)
        ]
    )


def _check_presets(
    instance: RuleHistory[Dated], _attribute: object, value: tuple[Dated, ...]
) -> None:
    if not value:
        raise RulesError(
            f"RuleHistory {shown(instance.name)} needs at least one rule set",
            field="RuleHistory.presets",
            rule="at least one rule set",
        )
    previous: date | None = None
    kind = type(value[0])
    for index, preset in enumerate(value):
        # One of the library's rule sets (a subclass is already its plain rule set): an
        # object with an 'effective' date and a 'name' was held, and every engine that
        # read the history refused it later (review r35, hostile 6).
        if type(preset) not in _KINDS:
            raise InvalidTypeError(
                f"RuleHistory.presets[{index}] must be one of the library's rule sets "
                f"({_kind_names()}), not {type(preset).__name__}",
                field=f"RuleHistory.presets[{index}]",
                rule="a dated rule set",
            )
        effective = getattr(preset, "effective", None)
        # The Dated protocol still holds for a rule set not built by its constructor.
        if (
            not isinstance(effective, date)
            or isinstance(effective, datetime)
            or not isinstance(getattr(preset, "name", None), str)
        ):
            raise InvalidTypeError(
                f"RuleHistory.presets[{index}] must be a rule set with an 'effective' date and "
                f"a 'name', not {type(preset).__name__}",
                field=f"RuleHistory.presets[{index}]",
                rule="a dated rule set",
            )
        if type(preset) is not kind:
            # One kind: a history of mixed kinds was built, refused only when used,
            # and did not read back as it was written (review r34 4).
            raise RulesError(
                f"RuleHistory {shown(instance.name)} holds rule sets of one kind: presets[0] is "
                f"a {kind.__name__}, presets[{index}] a {type(preset).__name__}",
                field=f"RuleHistory.presets[{index}]",
                rule="rule sets of one kind",
            )
        if previous is not None and effective <= previous:
            raise RulesError(
                f"RuleHistory {shown(instance.name)}: presets must be oldest first with distinct "
                f"dates; presets[{index}] starts {effective}, not after {previous}",
                field=f"RuleHistory.presets[{index}]",
                rule="oldest first",
            )
        previous = effective


@through_init
@attrs.frozen
class RuleHistory(Generic[R]):
    """Dated rule sets of one kind, oldest first, and which one is in force on a day.

    Platform rules (:data:`upwork_safety.rules.HISTORY`), service-fee
    schedules (:data:`upwork_safety.fees.SERVICE_FEE_HISTORY`) and JSS rule
    sets (:data:`upwork_safety.jss.HISTORY`) are each one of these, so "the
    rules on a date" means the same thing, and fails the same way,
    everywhere.  It reads like the tuple of its presets (``len``, indexing,
    iteration).

    Args:
        name: What the rule sets are, for messages (e.g. ``"JSS rules"``).
        presets: The rule sets, oldest first, with distinct ``effective``
            dates, all of one of the library's rule set types
            (:class:`~upwork_safety.rules.PlatformRules`,
            :class:`~upwork_safety.jss.JSSRules`, a service-fee schedule,
            ...; an ``attrs.evolve`` of a preset is one).

    Raises:
        RulesError: No presets, presets out of date order, or presets of
            different types (rule ``rule sets of one kind``, field
            ``RuleHistory.presets[i]``, the first of another type than
            ``presets[0]``).
        InvalidTypeError: A preset that is not one of the library's rule
            sets, such as an object of your own with an ``effective`` date
            and a ``name`` (rule ``a dated rule set``, field
            ``RuleHistory.presets[i]``).

    >>> from datetime import date
    >>> from upwork_safety import rules
    >>> rules.HISTORY.in_force(date(2024, 1, 1)).name
    'streamlined disputes (2023-12-05)'
    """

    name: str = attrs.field(converter=plain_text, validator=id_field)
    presets: tuple[R, ...] = attrs.field(converter=_presets, validator=_check_presets)

    @property
    def current(self) -> R:
        """The newest rule set."""
        return self.presets[-1]

    @property
    def first_day(self) -> date:
        """The first day any rule set of this history applies."""
        return self.presets[0].effective

    def in_force(self, on: date | datetime, *, what: str = "on") -> R:
        """Return the rule set in force on *on*.

        Args:
            on: A date, or a timezone-aware datetime (its UTC date is used).
            what: The name of the caller's argument *on* came from, for the
                errors (``"as_of"``, ``"start"``); default ``"on"``.

        Returns:
            The newest rule set whose ``effective`` date is not after *on*.

        Raises:
            InvalidTypeError: *on* is not a date or datetime.
            InvalidValueError: *on* is a naive datetime.
            RulesError: *on* is before the first rule set: ``field`` is
                *what* and ``rule`` ``"on or after <first_day>"``, as
                every dated family of the library refuses such a day.
        """
        return _in_force_of_history(self, on, what=what)

    def __len__(self) -> int:
        return len(self.presets)

    def __iter__(self) -> Iterator[R]:
        return iter(self.presets)

    def __reversed__(self) -> Iterator[R]:
        return reversed(self.presets)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...
    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        return self.presets[index]


def _in_force_of_history(
    history: RuleHistory[R],
    on: date | datetime,
    *,
    what: str = "on",
    field: str | None = None,
    remedy: str = _RULES_REMEDY,
) -> R:
    """:meth:`RuleHistory.in_force`, the refusal naming *field* and saying *remedy*.

    The one lookup of "the rules in force on a day": a day before the
    history's first is refused by :func:`_refuse_before`.
    """
    day = utc_day(on, what)
    first = history.first_day
    _refuse_before(first, day, known=history.name, what=what, field=field, remedy=remedy)
    return next(preset for preset in reversed(history.presets) if preset.effective <= day)


def _given_rules(value: object, kind: type[R], what: str = "rules") -> R | RuleHistory[R] | None:
    """Check a ``rules=``-style argument: ``None``, a *kind*, or a :class:`RuleHistory` of them.

    The one rule for every such argument (API review r20 L5): a history is
    accepted wherever a rule set is, each of its presets checked to be a
    *kind* here, so a wrong history is refused at once naming *what*, not on
    the first day that reads it.
    """
    wanted = f"a {kind.__name__}, a RuleHistory of them, or None"
    if value is None or issubclass(type(value), kind):
        return value  # type: ignore[return-value]
    if issubclass(type(value), RuleHistory):
        history: RuleHistory[Dated] = value  # type: ignore[assignment]
        for index, preset in enumerate(history.presets):
            if not issubclass(type(preset), kind):
                raise InvalidTypeError(
                    f"{what} is a RuleHistory whose presets[{index}] is a "
                    f"{type(preset).__name__}, not a {kind.__name__}",
                    field=what,
                    rule=wanted,
                )
        return value  # type: ignore[return-value]
    raise InvalidTypeError(
        f"{what} must be {wanted}, not {type(value).__name__}", field=what, rule=wanted
    )


def _in_force_of(
    given: R | RuleHistory[R] | None,
    default: RuleHistory[R],
    on: date | datetime,
    *,
    what: str = "on",
    field: str = "rules",
) -> R:
    """The rule set for *on*: *given* itself, the one its history has in force, else *default*'s.

    *given* is what :func:`_given_rules` returned; *what* names the argument
    *on* came from, for the errors of :meth:`RuleHistory.in_force`.  A
    history given that starts after *on* is refused naming *field* (the
    argument it came from), since the caller did pass rules: the history
    does not cover a day it is asked about.

    A single rule set given is used as given for every day, before its own
    ``effective`` too: it is a what-if ("these fees on that payment"), and
    an ``attrs.evolve`` of a preset keeps the preset's ``effective``.  A
    caller who means it to start on a day gives a history.  This is the
    one place that rule is decided, for every family (review r26, review 3:
    the retention rules alone used to refuse such a day, naming ``on``).
    """
    if given is None:
        return default.in_force(on, what=what)
    if isinstance(given, RuleHistory):
        # The caller did pass rules: a history that does not cover the day is
        # the fault of the argument it came from, *field*.
        return _in_force_of_history(
            given,
            on,
            what=what,
            field=field,
            remedy=f"the RuleHistory given as {field} starts after it: add a preset in force "
            "on that day",
        )
    return given


def _pick_rules(
    value: object,
    kind: type[R],
    default: RuleHistory[R],
    on: date | datetime,
    *,
    what: str = "rules",
    when: str = "on",
) -> R:
    """:func:`_given_rules` then :func:`_in_force_of`: the *kind* rule set for *on*."""
    return _in_force_of(_given_rules(value, kind, what), default, on, what=when, field=what)
