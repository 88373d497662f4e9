"""What one row of the escrow table is: its published form, its behaviour, its clock (private).

A :class:`Transition` is a row as :data:`~upwork_safety.escrow.TRANSITIONS`
publishes it (plain data); a :class:`Row` is the same row as the engine
reads it, with its guard, its effect and its :class:`Timer`.  The rows
themselves are in ``_table.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast, get_type_hints

import attrs

from upwork_safety._calendar import add_business_span
from upwork_safety._display import shown
from upwork_safety._events import AUTOMATIC_EVENTS, EVENT_TYPES, AutomaticEvent, Event
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_text, plain_text
from upwork_safety._validate import bool_field, id_field, member_field, member_text, text_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.escrow._kinds import DeadlineKind, Party
from upwork_safety.escrow._refusals import SWITCHES, Reason
from upwork_safety.escrow._run import Draft, Run
from upwork_safety.models import MilestoneState
from upwork_safety.rules import PlatformRules

__all__ = ["Due", "Each", "Effect", "Guard", "Row", "Timer", "Transition"]

Guard = Callable[["Run", Draft, datetime], "Reason | None"]
Effect = Callable[["Run", int, Any], None]
Due = Callable[["Run", Draft], "datetime | None"]
#: ``each(run, milestone)``: a clock that runs once per payment, every ``(due, consequence)``.
Each = Callable[["Run", Draft], "list[tuple[datetime, str]]"]


@attrs.frozen
class Timer:
    """A clock on a milestone: when it runs out, who must act before, and what silence causes.

    Attributes:
        kind: What the deadline is (:class:`DeadlineKind`).
        who: Who must act before it runs out.
        rule: The :class:`~upwork_safety.rules.PlatformRules` field the
            clock is named after (its deadline cites that field's source).
        wait: The :class:`~upwork_safety.rules.PlatformRules` durations
            whose sum is how long the clock runs from its start (a field,
            or ``dormancy_course``): :meth:`runs_out` reads them, and
            :data:`TRANSITIONS` publishes them.
        business_days: The :class:`~upwork_safety.rules.PlatformRules`
            switch under which the wait counts business days
            (``client_response_business_days``), or ``None``: elapsed time.
        due: ``due(run, milestone)``: when the clock runs out for
            *milestone*, or ``None`` if it is not running.
        consequence: ``consequence(run, milestone)``: what happens when it
            runs out, in words; ``None`` for a clock given by *each*.
        period: ``period(rules)``: how long it runs under *rules*, as the
            diagram says it (``"auto after 14 days"``).
        shared: Whether it is the contract's clock rather than the
            milestone's: it runs out at the same moment for every milestone
            it runs on and moves with any activity the contract records
            (dormancy), and its step is one for the whole contract, taken
            for all those milestones together before any other step due
            at the same instant.
            A milestone's own clock (the default) moves only when a step
            changes that milestone, which lets
            :func:`~upwork_safety.escrow.advance` keep the clocks in order
            instead of reading them all at every step.
        each: For a clock that runs once per payment of the milestone (the
            180 days to refund each payment), ``each(run, milestone)``:
            every ``(due, consequence)``, one per payment, which
            :func:`~upwork_safety.escrow.deadlines` lists one by one; *due*
            is then the last of them (until when the row's step is allowed
            at all).  ``None`` for a clock with one deadline.
    """

    kind: DeadlineKind
    who: Party
    rule: str
    due: Due = attrs.field(repr=False)
    consequence: Callable[[Run, Draft], str] | None = attrs.field(repr=False)
    period: Callable[[PlatformRules], str] = attrs.field(repr=False)
    wait: tuple[str, ...] = attrs.field(kw_only=True)
    business_days: str | None = attrs.field(default=None, kw_only=True)
    shared: bool = attrs.field(default=False, kw_only=True)
    each: Each | None = attrs.field(default=None, kw_only=True, repr=False)

    def __attrs_post_init__(self) -> None:
        # A clock's deadlines are worded one way: as a whole, or payment by payment.
        assert (self.consequence is None) != (self.each is None), self.kind
        assert self.wait, self.kind

    def length(self, rules: PlatformRules) -> timedelta:
        """How long the clock runs under *rules*: the sum of its :attr:`wait`."""
        first, *rest = self.wait
        total: timedelta = getattr(rules, first)
        for name in rest:
            total += getattr(rules, name)
        return total

    def runs_out(self, start: datetime, rules: PlatformRules) -> datetime:
        """When the clock started at *start* runs out under *rules* (the engine's one reading).

        Its :meth:`length` after *start*: counted in business days
        (:func:`upwork_safety._calendar.add_business_span`) when the rules
        turn its :attr:`business_days` switch on, else as elapsed time.
        """
        wait = self.length(rules)
        business = self.business_days
        if business is not None and getattr(rules, business):
            return add_business_span(start, wait)
        return start + wait

    def occurrences(self, run: Run, milestone: Draft) -> list[tuple[datetime, str]]:
        """Each ``(due, consequence)`` of this clock on *milestone*: none, one, or one a payment."""
        if self.each is not None:
            return self.each(run, milestone)
        due = self.due(run, milestone)
        if due is None:
            return []
        assert self.consequence is not None  # __attrs_post_init__: one of the two
        return [(due, self.consequence(run, milestone))]


def _check_edges(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidTypeError(
            "Transition.edges must be a non-empty tuple of (from, to) MilestoneState pairs",
            field="Transition.edges",
            rule="(from, to) MilestoneState pairs",
        )
    for index, edge in enumerate(value):
        if not (
            isinstance(edge, tuple)
            and len(edge) == 2
            and all(isinstance(state, MilestoneState) for state in edge)
        ):
            raise InvalidTypeError(
                f"Transition.edges[{index}] must be a (from, to) pair of MilestoneState, "
                f"not {shown(edge)}",
                field=f"Transition.edges[{index}]",
                rule="a (from, to) MilestoneState pair",
            )


def _check_timer(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and type(value) is not str:
        raise InvalidTypeError(
            f"Transition.timer must be a str naming a PlatformRules field, or None, not "
            f"{type(value).__name__}",
            field="Transition.timer",
            rule="a PlatformRules field",
        )
    if value is not None and value not in attrs.fields_dict(PlatformRules):
        raise InvalidValueError(
            f"Transition.timer must name a PlatformRules field, not {shown(value)}",
            field="Transition.timer",
            rule="a PlatformRules field",
        )


def _check_switch(_instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not str or value not in SWITCHES:
        raise InvalidValueError(
            f"Transition.{attribute.name} must name a PlatformRules switch (a bool field), or "
            f"be None, not {shown(value)}",
            field=f"Transition.{attribute.name}",
            rule="a PlatformRules bool field",
        )


def _durations() -> frozenset[str]:
    """The PlatformRules durations a wait may sum: timedelta fields and properties."""
    fields = {
        field.name for field in attrs.fields(PlatformRules) if isinstance(field.default, timedelta)
    }
    properties = {
        name
        for name, member in vars(PlatformRules).items()
        if isinstance(member, property)
        and member.fget is not None
        and get_type_hints(member.fget).get("return") is timedelta
    }
    return frozenset(fields | properties)


_DURATIONS = _durations()


def _check_wait(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(
            f"Transition.wait must be a tuple of PlatformRules duration names, not "
            f"{type(value).__name__}",
            field="Transition.wait",
            rule="PlatformRules durations",
        )
    for index, name in enumerate(value):
        if type(name) is not str or name not in _DURATIONS:
            raise InvalidValueError(
                f"Transition.wait[{index}] must name a PlatformRules duration (a timedelta "
                f"field, or dormancy_course), not {shown(name)}",
                field=f"Transition.wait[{index}]",
                rule="a PlatformRules duration",
            )


#: The names a Transition's event may have, and those of the automatic ones.
_EVENT_NAMES = tuple(kind.__name__ for kind in EVENT_TYPES)
_AUTOMATIC_NAMES = frozenset(kind.__name__ for kind in AUTOMATIC_EVENTS)
#: The rules a Transition's event and its automatic flag keep (review r39, review 5).
EVENT_RULE = "an escrow event"
AUTOMATIC_RULE = "automatic exactly for an automatic event"


def _check_event(_instance: object, _attribute: object, value: str) -> None:
    if value not in _EVENT_NAMES:
        raise InvalidValueError(
            f"Transition.event must name an escrow event ({', '.join(_EVENT_NAMES)}), not "
            f"{shown(value)}",
            field="Transition.event",
            rule=EVENT_RULE,
        )


def _check_automatic(instance: Transition, _attribute: object, value: object) -> None:
    """*automatic* says what the event is: an AUTOMATIC_EVENTS class, or a manual one."""
    expected = instance.event in _AUTOMATIC_NAMES
    if value is not expected:
        kind = "an automatic" if expected else "a manual"
        raise InvalidValueError(
            f"Transition.automatic must be {expected} for {shown(instance.event)}, {kind} "
            f"event, not {value}",
            field="Transition.automatic",
            rule=AUTOMATIC_RULE,
        )


def _names(value: Any) -> Any:
    """A list (as JSON gives it) becomes a tuple; anything else is left for the validator."""
    return tuple(value) if isinstance(value, list) else value


def _edges(value: Any) -> tuple[tuple[MilestoneState, MilestoneState], ...]:
    """Lists (as JSON gives them) become tuples; anything else is left for the validator."""
    if isinstance(value, (list, tuple)):
        return tuple(tuple(edge) if isinstance(edge, list) else edge for edge in value)
    return cast("tuple[tuple[MilestoneState, MilestoneState], ...]", value)


def _deadline(value: DeadlineKind | str | None) -> DeadlineKind | None:
    """A converter: the DeadlineKind a text names; anything else is for member_field."""
    return cast("DeadlineKind | None", member_text(DeadlineKind, value))


@through_init
@attrs.frozen
class Transition:
    """One row of the escrow state machine, as published in :data:`TRANSITIONS`.

    Attributes:
        event: The event class's name, e.g. ``"Fund"`` (the classes are in
            :data:`MANUAL_EVENTS` and :data:`AUTOMATIC_EVENTS`); any other
            name is refused when built or loaded (``field``
            ``Transition.event``, rule ``"an escrow event"``).
        edges: ``(from, to)`` state pairs the row can take a milestone
            along; a pair with ``from == to`` changes the milestone without
            changing its state (a partial refund, answering a dispute).
        condition: When the row applies beyond the state, in words (shown
            on the diagram; empty when the state is enough).
        automatic: Whether only :func:`~upwork_safety.escrow.advance` takes
            it, when its clock runs out: ``True`` exactly when *event* is in
            :data:`AUTOMATIC_EVENTS` (anything else is refused, ``field``
            ``Transition.automatic``, rule ``"automatic exactly for an
            automatic event"``).
        timer: The :class:`~upwork_safety.rules.PlatformRules` field the
            row's clock (an automatic step's wait, or the window a manual
            step is allowed in) is named after and whose source its
            deadline cites, or ``None``.  It is not always the clock's
            length: read that from *wait* and *business_days*.
        deadline: The :class:`DeadlineKind` (or its text) that clock shows
            as in :func:`~upwork_safety.escrow.deadlines`, or ``None``.
        switch: The :class:`~upwork_safety.rules.PlatformRules` switch (a
            bool field) the row needs on, or ``None``: under rules with it
            off the engine never takes the row, and
            :func:`~upwork_safety.escrow.to_mermaid` leaves it out
            (``"dispute_on_active_contract"`` for a dispute on an active
            contract).
        wait: The :class:`~upwork_safety.rules.PlatformRules` durations
            whose sum is how long the row's clock runs from the moment it
            starts (``("review_period",)``; dormancy's
            ``("dormancy_course",)``, 76 + 14 + 7 days; the arbitration
            default's ``("mediation_proposal", "mediation_acceptance",
            "arbitration_opt_in")``, counted from the client's answer),
            read from the same clock the engine runs; ``()`` for a row
            with no clock.
        business_days: The :class:`~upwork_safety.rules.PlatformRules`
            switch (a bool field) under which *wait* counts business days
            (Monday to Friday, UTC: the earliest moment by which that many
            business days have passed), or ``None``: elapsed time
            (``"client_response_business_days"`` for the client's answer
            to a dispute).
    """

    event: str = attrs.field(converter=plain_text, validator=[id_field, _check_event])
    edges: tuple[tuple[MilestoneState, MilestoneState], ...] = attrs.field(
        converter=_edges, validator=_check_edges
    )
    condition: str = attrs.field(converter=plain_text, default="", validator=text_field)
    automatic: bool = attrs.field(default=False, validator=[bool_field, _check_automatic])
    timer: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=_check_timer
    )
    deadline: DeadlineKind | None = attrs.field(
        default=None,
        converter=_deadline,
        validator=member_field(DeadlineKind, optional=True),
    )
    switch: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=_check_switch
    )
    wait: tuple[str, ...] = attrs.field(
        converter=_names, default=(), validator=_check_wait, kw_only=True
    )
    business_days: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=_check_switch, kw_only=True
    )

    @property
    def sources(self) -> frozenset[MilestoneState]:
        """The states the row starts from."""
        return frozenset(a for a, _ in self.edges)

    @property
    def targets(self) -> frozenset[MilestoneState]:
        """The states the row can end in."""
        return frozenset(b for _, b in self.edges)

    @property
    def changes(self) -> frozenset[tuple[MilestoneState, MilestoneState]]:
        """The edges that change the state (what a diagram draws)."""
        return frozenset((a, b) for a, b in self.edges if a is not b)


def _no_condition(_run: Run, _milestone: Draft, _at: datetime) -> None:
    """The guard of a row whose source state is condition enough."""


@attrs.frozen
class Row:
    """One row of the table as the engine reads it: the published data plus its behaviour.

    Attributes:
        event: The event class.
        edges, condition: As in :class:`Transition`.
        timer: For an automatic step, the clock that makes it fall due.
        window: For a manual step allowed only until a moment, that clock.
        notices: Informational deadlines on the way to *timer* (dormancy
            notices, the mediation steps).
        switch: ``(field, reason)``: a :class:`~upwork_safety.rules.PlatformRules`
            switch the row needs on.  With it off the row never applies
            (*reason* says why, before the guard is asked) and the diagram
            of those rules leaves it out.
        condition_switch: A :class:`~upwork_safety.rules.PlatformRules`
            switch the row's *condition* comes from (its guard asks it): the
            diagram of rules with it off draws the row without the
            condition.
    """

    event: type[Event]
    edges: tuple[tuple[MilestoneState, MilestoneState], ...]
    condition: str = ""
    #: ``guard(run, milestone, at)``: ``None`` if the row applies to
    #: *milestone* (in one of its sources) at *at*, else why not.
    guard: Guard = attrs.field(default=_no_condition, repr=False)
    #: ``effect(run, index, event)``: records in *run* what *event* changes
    #: for the milestone at *index*.
    effect: Effect = attrs.field(kw_only=True, repr=False)
    timer: Timer | None = None
    window: Timer | None = None
    notices: tuple[Timer, ...] = ()
    switch: tuple[str, str] | None = None
    condition_switch: str | None = None
    #: The states the row starts from, in the order of its edges (a tuple: a
    #: member is found in it by identity, while a set hashes it through
    #: ``Enum.__hash__``, a Python function, on every lookup).
    sources: tuple[MilestoneState, ...] = attrs.field(
        init=False,
        default=attrs.Factory(
            lambda row: tuple(dict.fromkeys(a for a, _ in row.edges)), takes_self=True
        ),
    )

    @property
    def automatic(self) -> bool:
        """Whether only :func:`~upwork_safety.escrow.advance` takes this step."""
        return self.timer is not None

    def switched_off(self, rules: PlatformRules) -> Reason | None:
        """Why *rules* switch this row off (its rule: the switch's name), or ``None``."""
        if self.switch is None:
            return None
        name, reason = self.switch
        return None if getattr(rules, name) else Reason(reason, name)

    def condition_under(self, rules: PlatformRules) -> str:
        """The row's condition as *rules* have it (none when its switch is off)."""
        if self.condition_switch is not None and not getattr(rules, self.condition_switch):
            return ""
        return self.condition

    @property
    def transition(self) -> Transition:
        """The row as published in :data:`TRANSITIONS`."""
        clock = self.timer or self.window
        return Transition(
            self.event.__name__,
            self.edges,
            self.condition,
            automatic=self.automatic,
            timer=None if clock is None else clock.rule,
            deadline=None if clock is None else clock.kind,
            switch=None if self.switch is None else self.switch[0],
            wait=() if clock is None else clock.wait,
            business_days=None if clock is None else clock.business_days,
        )

    def automatic_event(self, milestone_id: str, at: datetime) -> AutomaticEvent:
        """The automatic event of this row for *milestone_id*, due at *at*."""
        event = self.event(milestone_id, at)  # type: ignore[call-arg, arg-type]
        return cast("AutomaticEvent", event)
