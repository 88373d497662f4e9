"""What :func:`~upwork_safety.escrow.allowed` returns: the events allowed now and why not (private).

Each refusal carries its sentence and its stable key (review r41, newcomer 4).
"""

from __future__ import annotations

from typing import Any, cast

import attrs

from upwork_safety._display import shown
from upwork_safety._events import ManualEvent
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text, plain_text_items
from upwork_safety._render import html_table
from upwork_safety._validate import (
    KEPT_ORDER,
    as_tuple,
    field_name,
    id_field,
    member_field,
    member_text,
    plain_texts,
    refuse_subclass,
    sequence_of,
    text_items_field,
    text_value,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._kinds import EVENT_NAMES, event_kind_name, event_name
from upwork_safety.escrow._refusals import REFUSAL_KEYS
from upwork_safety.escrow._table import ROWS
from upwork_safety.models import MilestoneState

__all__ = ["Choices"]


def _milestone_state(value: MilestoneState | str) -> MilestoneState:
    """A converter: the MilestoneState member a text names; anything else is for member_field."""
    return cast("MilestoneState", member_text(MilestoneState, value))


def _event_names(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a tuple of plain text, each the name of a manual escrow event."""
    text_items_field(instance, attribute, value)
    name = field_name(instance, attribute)
    for index, item in enumerate(value):
        event_name(item, f"{name}[{index}]")


def _plain_refusals(value: Any) -> Any:
    """An attrs converter: the refusals as a tuple, the text of each pair made plain."""
    value = as_tuple(value)
    if type(value) is not tuple:
        return value
    return tuple([plain_text_items(pair) if type(pair) is tuple else pair for pair in value])


def _refusals(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a tuple of ``(event name, reason)`` pairs of plain text."""
    name = field_name(instance, attribute)
    for index, pair in enumerate(sequence_of(value, tuple, name, ordered=KEPT_ORDER)):
        if len(pair) != 2:
            raise InvalidValueError(
                f"{name}[{index}] must be an (event name, reason) pair, got {len(pair)} items",
                field=f"{name}[{index}]",
                rule="an (event name, reason) pair",
            )
        for part in (0, 1):
            refuse_subclass(pair[part], str, f"{name}[{index}][{part}]")
            text_value(pair[part], f"{name}[{index}][{part}]")
        event_name(pair[0], f"{name}[{index}][0]")


#: The switches a refusal can name: the table's rows that a rule set switches off
#: (``Row.switch``), not every bool of PlatformRules (diff review r42, 5).
_SWITCHED_ROWS = frozenset(row.switch[0] for row in ROWS if row.switch is not None)


def _refusal_rules(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: refusal pairs whose second item is a key a refusal's rule takes."""
    _refusals(instance, attribute, value)
    for index, (_, key) in enumerate(value):
        if key not in REFUSAL_KEYS and key not in _SWITCHED_ROWS:
            raise InvalidValueError(
                f"Choices.refused_rules[{index}][1] must be a RefusalRule key or the "
                f"PlatformRules switch of a row a rule set switches off, not {shown(key)}",
                field=f"Choices.refused_rules[{index}][1]",
                rule="a RefusalRule key or a row's switch",
            )


@through_init
@attrs.frozen
class Choices:
    """The events allowed on one milestone now, and why each other one is not.

    ``Submit in choices`` (the class, an event of it, or its name
    ``"Submit"``) tells whether :class:`Submit` is allowed, and
    :meth:`reason` says why not.  Anything that does not name one of
    :data:`MANUAL_EVENTS` (a typo such as ``"Aprove"``, an automatic event)
    is refused with an error rather than answered ``False``.

    Attributes:
        milestone_id: The milestone.
        state: Its state.
        allowed: Names of the allowed events (``EndContract`` included while
            the contract is open).
        refused: ``(event name, reason)`` for every other event: the
            sentence people read.
        refused_rules: ``(event name, rule)`` for the same events in the
            same order: the stable key of each refusal, the ``rule`` that
            :func:`apply` gives the same step's
            :class:`~upwork_safety.errors.TransitionError`: a
            :class:`RefusalRule` key (``RefusalRule.STARTED`` before the
            contract starts), or a switched-off row's
            :class:`~upwork_safety.rules.PlatformRules` field name; a value
            with any other key cannot be built or loaded.  Branch on it, or
            key your own translations by it; never parse the sentence.

    Every manual escrow event is named once, allowed or refused: a value
    that names one twice, or leaves one out, cannot be built or loaded, nor
    can one whose ``refused_rules`` do not name the events of ``refused``,
    in its order.
    """

    milestone_id: str = attrs.field(converter=plain_text, validator=id_field)
    state: MilestoneState = attrs.field(
        converter=_milestone_state, validator=member_field(MilestoneState)
    )
    allowed: tuple[str, ...] = attrs.field(converter=plain_texts, validator=_event_names)
    refused: tuple[tuple[str, str], ...] = attrs.field(
        converter=_plain_refusals, validator=_refusals
    )
    refused_rules: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_plain_refusals, validator=_refusal_rules
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        twice = None
        # Each name with its path: a repeat is named where it is (Choices.allowed[1]).
        named = (
            *((name, f"Choices.allowed[{i}]") for i, name in enumerate(self.allowed)),
            *((name, f"Choices.refused[{i}][0]") for i, (name, _) in enumerate(self.refused)),
        )
        for name, path in named:
            if name in seen and twice is None:
                twice = name, path
            seen.add(name)
        missing = next((name for name in EVENT_NAMES if name not in seen), None)
        if twice is not None or missing is not None:
            said = f"{twice[0]} is named twice" if twice is not None else f"{missing} is missing"
            raise InvalidValueError(
                f"Choices must name every manual escrow event once, allowed or refused "
                f"with its reason: {said}",
                # A name left out is missing from both lists: the refusals are where it goes.
                field="Choices.refused" if twice is None else twice[1],
                rule="every manual escrow event once",
            )
        keyed = tuple(name for name, _ in self.refused_rules)
        if keyed != tuple(name for name, _ in self.refused):
            raise InvalidValueError(
                "Choices.refused_rules must give the rule of each refused event, in the "
                f"order of Choices.refused: {list(keyed)} against "
                f"{[name for name, _ in self.refused]}",
                field="Choices.refused_rules",
                rule="a rule for each refusal",
            )

    def __contains__(self, name: object) -> bool:
        """Whether the event *name* stands for is allowed now.

        Args:
            name: A manual event class (``Approve``, that class itself), an
                event of one (of a subclass too, read as the plain event it
                holds, as :func:`apply` reads it), or its name (``"Approve"``).

        Raises:
            InvalidValueError: *name* does not stand for a manual escrow event.
        """
        return event_kind_name(name, "name") in self.allowed

    def reason(self, name: type[ManualEvent] | ManualEvent | str) -> str | None:
        """Return why the event *name* stands for is refused, or ``None`` if it is allowed.

        Args:
            name: A manual event class (``Approve``, that class itself), an
                event of one (of a subclass too, read as the plain event it
                holds, as :func:`apply` reads it), or its name (``"Approve"``).

        Raises:
            InvalidValueError: *name* does not stand for a manual escrow event.
        """
        return self._refusal(name, self.refused)

    def rule(self, name: type[ManualEvent] | ManualEvent | str) -> str | None:
        """Return the stable key of the refusal of the event *name* stands for, or ``None``.

        The key beside :meth:`reason`'s sentence (:attr:`refused_rules`);
        ``None`` if the event is allowed.

        Args:
            name: As for :meth:`reason`.

        Raises:
            InvalidValueError: *name* does not stand for a manual escrow event.
        """
        return self._refusal(name, self.refused_rules)

    def _refusal(
        self, name: type[ManualEvent] | ManualEvent | str, pairs: tuple[tuple[str, str], ...]
    ) -> str | None:
        """The second item of *pairs* for the event *name* stands for, ``None`` if allowed."""
        kind = event_kind_name(name, "name")
        if kind in self.allowed:
            return None
        # The constructor makes every manual event allowed or refused, once, with its key.
        return next(item for event, item in pairs if event == kind)

    def to_records(self) -> list[dict[str, object]]:
        """One row per event: ``event``, ``allowed``, ``reason``, ``rule`` (``""`` if allowed)."""
        rows: list[dict[str, object]] = [
            {"event": name, "allowed": True, "reason": "", "rule": ""} for name in self.allowed
        ]
        rows.extend(
            {"event": name, "allowed": False, "reason": why, "rule": key}
            for (name, why), (_, key) in zip(self.refused, self.refused_rules, strict=True)
        )
        return rows

    def _repr_html_(self) -> str:
        caption = f"Milestone {self.milestone_id} ({self.state.name})"
        return html_table(self.to_records(), caption=caption)
