"""The states a milestone's recorded events walk it through (private; used by ``_recorded``).

The models cannot read the escrow engine's transition table (the engine is
a layer above them), so both read its edges from one place below them,
``_edges``: the table gives each row its step from there, and :data:`EDGES`
is their union, event by event.  :data:`RESULTS` and :data:`REFUND_RESULTS`
are read off it.

:func:`walk_states` follows one milestone's recorded events through those
edges and refuses an event the engine could not have taken from any state
the milestone can be in by then (a second ``Fund``, an ``AnswerDispute``
with no dispute open, an ``AcceptRefund`` with no request: red team r21
M1).  It reads only the states the events record, never the rules in force
or a guard's amounts and clocks, so a contract recorded under a what-if
rule set passes as recorded.  Before a milestone's first recorded event
its state is unknown (it may have been built by hand mid-way), so that
event is not judged; every later one is.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

from upwork_safety._display import shown
from upwork_safety._edges import EDGES
from upwork_safety._escrow_amounts import settled_state
from upwork_safety._events import (
    EndContract,
    Event,
    Refund,
    ResolveDispute,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import MilestoneState

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from upwork_safety.models._milestone import Milestone

__all__ = ["EDGES", "REFUND_RESULTS", "RESULTS", "walk_states"]

_S = MilestoneState


#: The states each event can move a milestone from, read off :data:`EDGES`.
_SOURCES: Mapping[type[Event], frozenset[MilestoneState]] = {
    kind: frozenset(source for source, _ in edges) for kind, edges in EDGES.items()
}

#: The states a milestone can be in right after each kind of event on it,
#: whatever came before: the targets of its :data:`EDGES`.  ``Refund`` is not
#: here (a partial refund keeps the state it found: :data:`REFUND_RESULTS`),
#: nor ``EndContract`` (it names no milestone).
RESULTS: Mapping[type[Event], frozenset[MilestoneState]] = {
    kind: frozenset(target for _, target in edges)
    for kind, edges in EDGES.items()
    if kind not in {Refund, EndContract}
}

#: :data:`RESULTS`, under the private name the models package re-exports for the
#: escrow engine (which reads which of them always hold escrow).
_RESULTS = RESULTS

#: The states a milestone can be in right after a ``Refund``: the targets of its
#: :data:`EDGES`.  A refund of a part keeps the state it found, so after one
#: whose step before is not recorded, any of them.
REFUND_RESULTS: frozenset[MilestoneState] = frozenset(target for _, target in EDGES[Refund])

_ALL = frozenset(MilestoneState)
#: The states a closing of the contract turns into a refund request (when they hold escrow).
_CLOSED_FROM: frozenset[MilestoneState] = _SOURCES[EndContract]


#: Amounts released before an event the walk cannot see: none, or some.
_NOTHING = Decimal(0)
_SOMETHING = Decimal(1)

#: What :func:`_after` found for each kind of event and states before it (a small, closed set).
_TARGETS: dict[tuple[type[Event], frozenset[MilestoneState]], frozenset[MilestoneState]] = {}


def _after(event: Event, before: frozenset[MilestoneState]) -> frozenset[MilestoneState]:
    """The states *event* can leave a milestone in from one of *before*, by what it states.

    An event that empties the escrow leaves the state the engine's one rule
    for a settled milestone gives (``_escrow_amounts.settled_state``: ``PAID``
    if anything was released, else ``REFUNDED``), read here from what the
    event states, since the walk knows no amounts released before it.
    """
    key = (type(event), before)
    after = _TARGETS.get(key)
    if after is None:
        after = frozenset(target for source, target in EDGES[key[0]] if source in before)
        _TARGETS[key] = after
    if isinstance(event, Refund) and event.amount is None:
        # A refund of everything settles the milestone: with nothing or something
        # released before it (or kept from a payment), either settled state.
        after &= {settled_state(_NOTHING), settled_state(_SOMETHING)}
    elif isinstance(event, ResolveDispute) and event.to_freelancer.amount:
        # Something is released by the resolution itself, whatever was released before.
        after &= {settled_state(event.to_freelancer.amount)}
    return after


def walk_states(
    where: str,
    milestone: Milestone,
    events: Sequence[Event],
    indexes: Sequence[int],
    closed: Sequence[int],
) -> None:
    """Walk *milestone*'s recorded *events* (at history *indexes*) through :data:`EDGES`.

    Refuses an event whose milestone cannot be in any state it moves from,
    and a milestone whose escrow is not in a state its last event (and a
    closing of the contract after it) can leave it in.  *closed* says where
    the contract closed, sorted, in half steps of the history: ``2 * i`` is
    ``history[i]`` and ``2 * i - 1`` just before it.

    Raises:
        InvalidValueError: naming the history entry or the milestone's escrow.
    """
    closing = _CLOSED_FROM
    possible: frozenset[MilestoneState] | None = None  # unknown before its first event
    previous = -1
    for event, index in zip(events, indexes, strict=True):
        if possible is not None:
            if closed and _closed_between(closed, previous, 2 * index) and possible & closing:
                possible |= {_S.REFUND_REQUESTED}
            if not possible & _SOURCES[type(event)]:
                _impossible(index, event, milestone, possible)
        possible = _after(event, _ALL if possible is None else possible)
        previous = 2 * index
    if possible is None:
        return
    if _closed_between(closed, previous, None) and possible & closing:
        possible |= {_S.REFUND_REQUESTED}
    if milestone.escrow.state not in possible:
        last = events[-1]
        _refused(
            where,
            f"milestone {shown(milestone.id)} is {milestone.escrow.state.name}, but its last "
            f"recorded event, {type(last).__name__} at {last.at.isoformat()}, leaves it "
            + " or ".join(sorted(state.name for state in possible)),
            "the state its last recorded event leads to",
        )


def _closed_between(closed: Sequence[int], after: int, before: int | None) -> bool:
    """Whether the contract closed between half steps *after* and *before* (exclusive)."""
    first = bisect_left(closed, after + 1)
    if first == len(closed):
        return False
    return before is None or closed[first] < before


def _impossible(
    index: int, event: Event, milestone: Milestone, possible: frozenset[MilestoneState]
) -> NoReturn:
    states = " or ".join(sorted(state.name for state in possible))
    sources = ", ".join(sorted(state.name for state in _SOURCES[type(event)]))
    _refused(
        f"Contract.history[{index}]",
        f"{type(event).__name__} at {event.at.isoformat()} finds milestone "
        f"{shown(milestone.id)} {states} by its recorded events, but it moves a milestone "
        f"only from {sources}: the engine could not have recorded it",
        "a step from a state the transition table allows",
    )


def _refused(field: str, why: str, rule: str) -> NoReturn:
    raise InvalidValueError(f"{field} cannot be: {why}", field=field, rule=rule)
