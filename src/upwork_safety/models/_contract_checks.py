"""The checks a :class:`~._contract.Contract` makes across its fields (private).

Each takes the fields it reads, not the contract: nothing is dated before
the contract started (payments, escrow moments, Work Diary time) or logged
after it ended; the history names the contract's milestones and ends it
once; an ended contract holds escrow only under a refund request or a
dispute.  What the history's events may do to each milestone is
:func:`~upwork_safety.models._recorded.check_recorded`'s.
"""

from __future__ import annotations

import functools
import typing
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NoReturn

import attrs

from upwork_safety._display import shown
from upwork_safety._events import DormancyRefundRequest, EndContract, Event
from upwork_safety._history import History
from upwork_safety._money_fields import ONE_CURRENCY
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.kinds import MilestoneState
from upwork_safety.models._escrow import _MOMENTS, _MOMENTS_HELD
from upwork_safety.models._time_entry import TimeEntry, _check_no_overlaps
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping

    from upwork_safety.models._collections import _Milestones

_MICROSECOND = timedelta(microseconds=1)

#: The rule every dated fact of a contract follows: nothing happens before it started.
_NOT_BEFORE_START = "not before Contract.started"
#: Its pair for the Work Diary: no time is logged after the contract ended.
_NOT_AFTER_END = "not after Contract.ended"


def _start_fix(day: date) -> str:
    """How to fix a fact dated *day*, before the contract's ``started``: start it earlier.

    A contract built from an export starts on its first payment, so the
    funding that came before is refused until ``started`` is moved back.
    """
    return f"if the contract began earlier, set its started= to {day.isoformat()} or before"


def _before_start(field: str, fact: str, started: date, day: date) -> NoReturn:
    """Refuse *field*, which *fact* (in words) puts on *day*, before *started*."""
    raise InvalidValueError(
        f"{field} {fact}, before the contract started ({started}); {_start_fix(day)}",
        field=field,
        rule=_NOT_BEFORE_START,
    )


def _check_time_entries(entries: tuple[TimeEntry, ...], started: date, ended: date | None) -> None:
    """No overlapping Work Diary time, none before the contract's first day (UTC) or after its last.

    The same rule as for payments and escrow events (:data:`_NOT_BEFORE_START`),
    and its pair for the end: a contract that has not started, or has ended,
    cannot be worked on, so its time cannot be billed.  An entry's end is
    exclusive: one that ends at midnight after the last day is inside it.
    The overlap check's one sort gives the first entry to start and the last
    to end, so the dates cost two comparisons.
    """
    if not entries:
        return
    order = _check_no_overlaps(entries, "Contract.time_entries")
    first, last = order[0], order[-1]
    if entries[first].start.date() < started:
        _before_start(
            f"Contract.time_entries[{first}]",
            f"starts at {entries[first].start.isoformat()} (UTC)",
            started,
            entries[first].start.date(),
        )
    if ended is not None and (entries[last].end - _MICROSECOND).date() > ended:
        field = f"Contract.time_entries[{last}]"
        raise InvalidValueError(
            f"{field} ends at {entries[last].end.isoformat()} (UTC), after the contract "
            f"ended ({ended}): time cannot be logged to an ended contract",
            field=field,
            rule=_NOT_AFTER_END,
        )


def _check_history(
    history: History, positions: Mapping[str, int], ended: date | None, currency: str | None
) -> None:
    """Refuse a history the escrow engine could not have recorded on this contract.

    Every event names one of the contract's milestones, and the money it
    states (an approval's amount or bonus, a refund's amount, a dispute's
    split) is in the contract's one *currency*, its milestones'
    (``ONE_CURRENCY``, the rule its milestones and
    payments follow: the engine refuses an event in another, so no run
    records one); the contract ends
    once, on its first closing event (``EndContract``, or a dormancy refund
    request when it had not ended yet), so an ``EndContract`` comes first
    and sets :attr:`Contract.ended` to its day, and a dormancy request needs
    the contract ended by its day.  What may follow the end is
    :func:`~upwork_safety.models._recorded.check_recorded`'s.
    """
    closer: Event | None = None
    for index, event in enumerate(history):
        if isinstance(event, EndContract):
            if closer is not None:
                _history_refused(
                    index,
                    event,
                    f"the contract had already ended ({type(closer).__name__} at "
                    f"{closer.at.isoformat()})",
                    "ends once",
                )
            if ended != event.at.date():
                _history_refused(
                    index,
                    event,
                    f"it ends the contract on {event.at.date()}, but Contract.ended is {ended}",
                    "Contract.ended is the EndContract's day",
                )
            closer = event
            continue
        milestone_id = event.milestone_id
        if milestone_id not in positions:
            _history_refused(
                index,
                event,
                f"it names milestone {shown(milestone_id)}, which the contract does not have",
                "a milestone of the contract",
            )
        _check_event_currency(index, event, currency)
        if isinstance(event, DormancyRefundRequest) and closer is None:
            if ended is None or ended > event.at.date():
                _history_refused(
                    index,
                    event,
                    f"a dormant contract is closed with the request, but Contract.ended is {ended}",
                    "Contract.ended by the dormancy request's day",
                )
            closer = event


@functools.cache
def _money_fields(kind: type) -> tuple[str, ...]:
    """The fields of the event class *kind* declared to hold ``Money`` (or ``Money | None``).

    Read once per class from its type hints, so every event class is covered,
    a new one included, and the events without money cost nothing to check.
    """
    hints = typing.get_type_hints(kind)
    return tuple(
        a.name
        for a in attrs.fields(kind)
        if Money in (hints[a.name], *typing.get_args(hints[a.name]))
    )


def _check_event_currency(index: int, event: Event, currency: str | None) -> None:
    """Refuse money in *event* (``Contract.history[index]``) in another currency than *currency*.

    Every field of the event declared to hold ``Money`` is read, whichever event class it is.
    """
    kind: type = type(event)
    for name in _money_fields(kind):
        value = getattr(event, name)
        if value is not None and value.currency != currency:
            field = f"Contract.history[{index}].{name}"
            raise CurrencyMismatchError(
                f"{field} ({type(event).__name__} at {event.at.isoformat()}) is in "
                f"{value.currency}, but a contract is in one currency: its milestones are in "
                f"{currency}",
                field=field,
                rule=ONE_CURRENCY,
            )


#: Where escrow held on an ended contract can be: ending it (or dormancy closing
#: it) turns every other holding into a refund request (DOMAIN.md sections 1-2).
_AFTER_END = frozenset({MilestoneState.REFUND_REQUESTED, MilestoneState.DISPUTED})

#: The moments an escrow in each state may hold (:data:`~._escrow._MOMENTS_HELD`,
#: which its constructor enforces: every other one is ``None``), in the order
#: of :data:`~._escrow._MOMENTS`, so the first one refused is the same.
_MOMENTS_BY_STATE: Mapping[MilestoneState, tuple[str, ...]] = {
    state: tuple(name for name in _MOMENTS if name in held) for state, held in _MOMENTS_HELD.items()
}


def _check_moments(milestones: _Milestones, started: date, ended: date | None) -> None:
    """Refuse an escrow clock that started before the contract did, and escrow the end left.

    Only a milestone holding escrow can have a running clock (a submission,
    a refund request, a dispute), so only those are read.  On an ended
    contract that escrow is under a refund request or a dispute: the end
    turned it into a refund request, with its window to dispute, so a
    contract recorded as ended with escrow still funded (or in review) is a
    state that cannot be, and no deadline could be told for it.
    """
    for index in sorted(milestones.holding):
        escrow = milestones[index].escrow
        if ended is not None and escrow.state not in _AFTER_END:
            raise InvalidValueError(
                f"Contract.milestones[{index}].escrow holds {escrow.held} in state "
                f"{escrow.state.name}, but Contract.ended is {ended}: ending a contract turns "
                "the escrow it holds into a refund request (record it as REFUND_REQUESTED with "
                "refund_requested_at, or apply EndContract to the open contract)",
                field=f"Contract.milestones[{index}].escrow",
                rule="escrow on an ended contract is under a refund request or a dispute",
            )
        for name in _MOMENTS_BY_STATE[escrow.state]:  # the others are None
            moment: datetime | None = getattr(escrow, name)
            if moment is not None and moment.date() < started:
                _before_start(
                    f"Contract.milestones[{index}].escrow.{name}",
                    f"is at {moment.isoformat()}",
                    started,
                    moment.date(),
                )


def _history_refused(index: int, event: Event, why: str, rule: str) -> NoReturn:
    raise InvalidValueError(
        f"Contract.history[{index}] ({type(event).__name__} at {event.at.isoformat()}) cannot "
        f"be: {why}",
        field=f"Contract.history[{index}]",
        rule=rule,
    )
