"""The escrow state diagram (private): :func:`to_mermaid`, drawn from the transition table."""

from __future__ import annotations

from datetime import date, datetime

from upwork_safety._display import shown
from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._table import ROWS
from upwork_safety.kinds import MilestoneState
from upwork_safety.rules import (
    CURRENT,
    HISTORY,
    PlatformRules,
    RuleHistory,
    _given_rules,
    _in_force_of,
)

__all__ = ["to_mermaid"]


def _label(event: str, condition: str, timer: str) -> str:
    text = event
    if condition:
        text += f" ({condition})"
    if timer:
        text += f", {timer}"
    return text


def to_mermaid(
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
    on: date | datetime | None = None,
) -> str:
    """A Mermaid ``stateDiagram-v2`` of a milestone, drawn from the rows of :data:`TRANSITIONS`.

    One line per state change a row of the table can make (steps that keep
    the state, such as a partial refund or answering a dispute, are in the
    table but not drawn), with the row's condition in brackets (as the
    rules drawn have it: with ``one_active_milestone`` off, ``Fund`` has
    none) and, on
    automatic edges, how long their timer runs.  A row the rules drawn
    switch off (a dispute on an active contract, with
    ``dispute_on_active_contract`` off) is left out, as the engine never
    takes it under them.

    A diagram is of one rule set.  A :class:`~upwork_safety.rules.RuleHistory`
    (the ``rules=`` every other escrow function takes) of several sets needs
    *on*, the day whose rules to draw, and the set in force that day is
    picked by the same rule the engine uses (``history.in_force(on)``); a
    history of one set draws it, and Upwork's own
    (:data:`upwork_safety.rules.HISTORY`) without *on* is read as no rules,
    as the engine reads it.

    Args:
        rules: Whose timings to write: a rule set, or a history with *on*
            (default: the rules in force now,
            :data:`upwork_safety.rules.CURRENT`, or with *on* Upwork's
            rules in force that day).
        on: With a history or no *rules*: the day (a date, or an aware
            datetime's UTC day) whose rules to draw.

    Returns:
        The diagram source, one edge per line.

    Raises:
        InvalidTypeError: *rules* is not a rule set, a history of them or
            ``None``.
        InvalidValueError: A history of several sets (other than Upwork's
            own) without *on*, or *on* with a single rule set (which is
            already one day's); ``field`` ``"on"``.  Or *on* is naive.
        RulesError: *on* is before the history's first rule set.

    >>> print(to_mermaid().splitlines()[2])
        NOT_FUNDED --> FUNDED: Fund (one at a time, earlier milestones first)
    """
    chosen = _drawn_rules(rules, on)
    lines = ["stateDiagram-v2", f"    [*] --> {MilestoneState.NOT_FUNDED.name}"]
    seen: set[str] = set()
    for row in ROWS:
        if row.switched_off(chosen):
            continue  # these rules never take it
        timer = row.timer or row.window
        period = "" if timer is None else timer.period(chosen)
        text = _label(row.event.__name__, row.condition_under(chosen), period)
        for source, target in row.edges:
            line = f"    {source.name} --> {target.name}: {text}"
            if source is not target and line not in seen:
                seen.add(line)
                lines.append(line)
    lines.extend(
        f"    {state.name} --> [*]" for state in (MilestoneState.PAID, MilestoneState.REFUNDED)
    )
    return "\n".join(lines)


def _drawn_rules(rules: object, on: date | datetime | None) -> PlatformRules:
    """The one rule set :func:`to_mermaid` draws: *rules*, or its history's set in force *on*."""
    given = _given_rules(rules, PlatformRules)
    if on is None:
        if given is None or given == HISTORY:
            return CURRENT  # Upwork's own history is read as no rules, as the engine does
        if isinstance(given, RuleHistory):
            if len(given) == 1:
                return given.in_force(given.first_day)  # its one set: nothing to choose
            raise InvalidValueError(
                f"rules is the RuleHistory {shown(given.name)}, which holds {len(given)} rule "
                "sets, and a diagram draws one: pass on=<day> to draw the set in force that day, "
                "or rules=history.in_force(day)",
                field="on",
                rule="a day to draw a history of several rule sets on",
            )
        return given
    if isinstance(given, PlatformRules):
        raise InvalidValueError(
            f"on picks a rule set from a RuleHistory, and rules is already one rule set "
            f"({shown(given.name)}): leave on out, or pass the history",
            field="on",
            rule="on= with a RuleHistory or no rules",
        )
    return _in_force_of(given, HISTORY, on, what="on")
