"""The escrow engine (private): one step, every automatic step due, and a whole replay.

Each public function opens a :class:`~upwork_safety.escrow._run.Run` on the
contract it was given, applies rows of the transition table
(:data:`~upwork_safety.escrow.TRANSITIONS`), and builds the resulting
contract once, through its constructor.  A step costs the same however long
the history is and however many milestones the contract has: the history is
a persistent log, and only milestones holding escrow are looked at for
clocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from upwork_safety._decimals import exact
from upwork_safety._display import shown
from upwork_safety._events import (
    AUTOMATIC_EVENTS,
    EVENT_TYPES,
    MANUAL_EVENTS,
    AutomaticEvent,
    EndContract,
    Event,
    ManualEvent,
    event_class,
    judge_moment,
    plain_event,
    plain_events,
)
from upwork_safety._moments import utc_instant
from upwork_safety._validate import instance, sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError, TransitionError
from upwork_safety.escrow._reasons import automatic_between, refusal, released_note, when
from upwork_safety.escrow._recorded_moments import (
    check_moments_by,
    recorded_after,
    recorded_outside,
)
from upwork_safety.escrow._recorded_steps import CLOCK_RULE, check_recorded_steps, finish
from upwork_safety.escrow._refusals import NOT_REFUSED, Reason, RefusalRule, ended_reason
from upwork_safety.escrow._run import Draft, Run
from upwork_safety.escrow._table import BY_EVENT, due_automatic
from upwork_safety.escrow._timers import rules_at, start_moment
from upwork_safety.models import (
    Contract,
    ContractKind,
    _start_fix,
)
from upwork_safety.rules import HISTORY, PlatformRules, RuleHistory, _given_rules

if TYPE_CHECKING:
    from upwork_safety.escrow._row import Row

__all__ = [
    "advance",
    "advance_run",
    "allowed_names",
    "apply",
    "check_rules",
    "choose",
    "fixed_price",
    "is_automatic",
    "open_run",
    "replay",
    "run_at",
    "start_moment",
    "take",
]

_MANUAL = frozenset(MANUAL_EVENTS)
_AUTOMATIC = frozenset(AUTOMATIC_EVENTS)


#: Where an hourly contract's "what happens next, and when" lives (red team r20 L1):
#: the functions named are public and tested to exist.
_HOURLY_ROUTE = (
    "for an hourly contract, use upwork_safety.hourly: weeks_of(contract.time_entries) "
    "and invoice_for(contract, week=...) for each week's invoice, then payout_schedule("
    "invoices=...) (or each week's PayoutCalendar, billing_week(at).calendar()) for when "
    "the client can dispute it and the pay becomes available; or "
    "checks.review_contract(contract, now=...), which reports them as findings"
)


#: How an hourly contract's end is recorded (newcomer r43 4): no escrow event ends it, its
#: ``Contract.ended`` does (docs/hourly.md says so too).  Said in every refusal of an hourly
#: contract, so ``apply``, ``replay`` and the others give one message (diff review r43 6).
_HOURLY_END = (
    "; its end is recorded by setting Contract.ended: attrs.evolve(contract, ended=day) "
    "(EndContract is an escrow event, for fixed-price contracts)"
)


def fixed_price(contract: object) -> Contract:
    """*contract* if it is a fixed-price :class:`Contract`, else a library error.

    The error for an hourly contract names where its deadlines are
    (``_HOURLY_ROUTE``) and how its end is recorded (``_HOURLY_END``).
    """
    contract = instance(contract, Contract, "contract")
    if contract.kind is not ContractKind.FIXED_PRICE:
        raise InvalidValueError(
            f"the escrow engine runs fixed-price contracts; contract {shown(contract.id)} is "
            f"hourly: {_HOURLY_ROUTE}{_HOURLY_END}",
            field="contract",
            rule="a fixed-price contract",
        )
    return contract


def check_rules(rules: object) -> PlatformRules | RuleHistory[PlatformRules] | None:
    """*rules* if it is ``None``, a :class:`PlatformRules` or a history of them, else an error.

    Upwork's own history is the default itself (``None``), so an inconsistent
    contract read under it is blamed on its escrow, as with ``None``, not on
    rules the caller gave (review r23 L1).
    """
    given = _given_rules(rules, PlatformRules)
    # None (the default, on every call that passes no rules) is not compared:
    # it is the answer either way.
    return None if given is None or given == HISTORY else given


def open_run(contract: object, rules: object) -> Run:
    """A run on *contract* (checked: fixed price) with *rules* (checked).

    The steps it records, a dispute's and the automatic ones, are checked
    against the clocks of the rules the run applies, and its ``Fund`` entries
    and the milestones holding escrow against their one-at-a-time rule
    (:func:`~upwork_safety.escrow._recorded_steps.check_recorded_steps`).
    """
    run = Run(fixed_price(contract), check_rules(rules))
    if run.holding or run.contract.payments or run.contract.ended is not None:
        run.recorded = recorded_outside(run.contract)
    check_recorded_steps(run)
    return run


def choose(
    run: Run, milestone: Draft, kind: type[Event], at: datetime
) -> tuple[Row | None, Reason]:
    """The row *kind* takes for *milestone* at *at*, or ``None`` and why it is refused."""
    reason = None
    for row in BY_EVENT[kind]:
        if milestone.state in row.sources:
            reason = (
                None if row.switch is None else row.switched_off(rules_at(at, run.rules))
            ) or (row.guard(run, milestone, at) or NOT_REFUSED)
            if not reason:
                return row, NOT_REFUSED
    if reason is None:
        return None, refusal(run, kind, milestone)
    # Rows go from the general to the specific case (escrow, then paid money):
    # the last row's reason is the one that fits.
    return None, reason


def _apply_automatic(run: Run, row: Row, index: int, due: datetime) -> AutomaticEvent:
    milestone_id = run.milestone(index).id
    last = run.last_event
    if last is not None and due < last.at:
        # The engine steps every clock before an event it records, so only a
        # contract built or loaded with a clock that ran out earlier, or one
        # read under other rules than it was recorded under, gets here.
        if run.rules is not None:
            why = (
                "under the rules given (rules=), which are not the ones its history was "
                "recorded under"
            )
            field = "rules"
        else:
            why = "so this escrow's clock cannot be right"
            field = f"Contract.milestones[{index}].escrow"
        raise InvalidValueError(
            f"milestone {shown(milestone_id)}: its {row.event.__name__} was due at {when(due)}, "
            f"before the last recorded event ({type(last).__name__} at {when(last.at)}); the "
            f"engine would have recorded it first, {why}",
            field=field,
            rule=CLOCK_RULE,
        )
    event = row.automatic_event(milestone_id, due)
    row.effect(run, index, event)
    run.record(event)
    return event


def take(run: Run, row: Row, index: int, due: datetime) -> list[AutomaticEvent]:
    """Take the automatic step *row* due at *due* on the milestone at *index*; its events.

    A milestone's own clock moves that milestone alone.  The contract's
    clock (:attr:`~upwork_safety.escrow.Timer.shared`: dormancy) is one step
    for the whole contract: every milestone it runs on (each idle one
    holding escrow) gets its event at that instant, in milestone order,
    before any other step due then (``_table.due_automatic``), so the
    contract is never left closed with idle escrow on it.
    """
    timer = row.timer
    if timer is None or not timer.shared:
        return [_apply_automatic(run, row, index, due)]
    together = [i for i in sorted(run.holding) if run.milestone(i).state in row.sources]
    return [_apply_automatic(run, row, i, due) for i in together]


def advance_run(run: Run, now: datetime) -> None:
    """Apply to *run* every automatic step due up to *now*, earliest first."""
    while True:
        found = due_automatic(run)
        if found is None or found[0] > now:
            return
        due, row, index = found
        take(run, row, index, due)


def _check_time(
    run: Run, at: datetime, event: str, milestone_id: str | None, arg: str = "event"
) -> None:
    last = run.last_event
    if last is not None and at < last.at:
        _out_of_time(
            run,
            f"{event} at {when(at)} is earlier than the last event in the history "
            f"({type(last).__name__} at {when(last.at)}); events must be applied in time "
            f"order.{automatic_between(run, at, milestone_id)} {REPLAY_FIX}",
            (event, milestone_id, f"{arg}.at"),
            RefusalRule.TIME_ORDER,
            (at, last.at),
        )
    later, rule, recorded_at = recorded_after(run, at)
    if later:
        _out_of_time(
            run,
            f"{event} at {when(at)} is earlier than {later}, which the contract records; "
            "events must be applied in time order",
            (event, milestone_id, f"{arg}.at"),
            rule,
            (at, recorded_at),
        )
    if before_start(run, at):
        _out_of_time(
            run,
            f"{event} at {when(at)} is before contract {shown(run.contract.id)} started "
            f"({run.contract.started.isoformat()}); {_start_fix(at.date())} "
            "(attrs.evolve(contract, started=...))",
            (event, milestone_id, f"{arg}.at"),
            RefusalRule.STARTED,
            (at, None),
        )


#: What to do with an event earlier than a contract's history: the cookbook's correction
#: ("How do I correct a staff entry that was wrong or missed?"), in the refusal's words.
REPLAY_FIX = (
    "To record it, replay the contract from its offer with the events people performed "
    "in time order: escrow.replay(escrow.as_offered(contract), events)"
)


def _out_of_time(
    run: Run,
    message: str,
    refused: tuple[str, str | None, str],
    rule: str,
    moments: tuple[datetime, datetime | None],
) -> NoReturn:
    """Refuse an event whose moment is refused (*refused*: its name, milestone id and field).

    *moments* are the event's moment and the later one the contract records
    (``None`` for a moment before the contract started): the error's ``at``
    and ``recorded_at``.

    The error's ``state`` is the milestone's state, and its ``allowed`` the
    events :func:`~upwork_safety.escrow.allowed` allows on it at the
    contract's last recorded moment (a moment an event may have): only the
    moment was wrong (newcomer r34 3).  For ``EndContract`` they are the
    contract's: ``"open"`` and ``("EndContract",)``, or ``"ended"`` and
    nothing.
    """
    event, milestone_id, field = refused
    if milestone_id is None:
        state = "open" if run.ended is None else "ended"
        allowed_then: tuple[str, ...] = (EndContract.__name__,) if run.ended is None else ()
    else:
        milestone = run.milestone(
            run.index(milestone_id, field.removesuffix(".at") + ".milestone_id")
        )
        state = milestone.state.name
        allowed_then = allowed_names(run, milestone, start_moment(run))
    raise TransitionError(
        message,
        milestone_id=milestone_id,
        state=state,
        event=event,
        allowed=allowed_then,
        field=field,
        rule=rule,
        at=moments[0],
        recorded_at=moments[1],
    )


def before_start(run: Run, at: datetime) -> bool:
    """Whether *at* is before the contract started: no event can happen then."""
    return at.date() < run.contract.started


def allowed_names(run: Run, milestone: Draft, at: datetime) -> tuple[str, ...]:
    """The names of the manual events allowed on *milestone* at *at*, in table order."""
    if before_start(run, at):
        return ()
    names = [
        kind.__name__
        for kind in MANUAL_EVENTS
        if kind is not EndContract and choose(run, milestone, kind, at)[0] is not None
    ]
    if run.ended is None:
        names.append(EndContract.__name__)
    return tuple(names)


def _manual(run: Run, event: ManualEvent, arg: str = "event") -> None:
    """Apply one manual *event* to *run*, after every automatic step due before it.

    *arg* is how the caller passed it (``"event"``, or ``"events[3]"`` in a
    replay): its errors name it.
    """
    kind = type(event)
    name = kind.__name__
    judge_moment(event, arg)  # an event built around its constructor is refused here
    milestone_id = None if isinstance(event, EndContract) else event.milestone_id
    _check_time(run, event.at, name, milestone_id, arg)
    advance_run(run, event.at)
    if isinstance(event, EndContract):
        if run.ended is not None:
            reason = ended_reason(run.ended)
            raise TransitionError(
                f"EndContract refused on contract {shown(run.contract.id)}: {reason}",
                state="ended",
                event=name,
                field=arg,
                rule=reason.rule,
            )
        BY_EVENT[EndContract][0].effect(run, -1, event)
        run.record(event)
        return
    assert milestone_id is not None
    index = run.index(milestone_id, f"{arg}.milestone_id")
    milestone = run.milestone(index)
    row, reason = choose(run, milestone, kind, event.at)
    if row is None:
        allowed_now = allowed_names(run, milestone, event.at)
        instead = ", ".join(allowed_now) if allowed_now else "nothing"
        raise TransitionError(
            f"{name} refused for milestone {shown(milestone_id)} ({milestone.state.name}): "
            f"{reason}.{released_note(run, milestone)} Allowed now: {instead}",
            milestone_id=milestone_id,
            state=milestone.state.name,
            event=name,
            allowed=allowed_now,
            field=reason.field(arg),
            rule=reason.rule,
        )
    run.arg = arg  # an amount the milestone refuses is named where the caller passed it
    row.effect(run, index, event)
    run.record(event)


def _manual_event(event: object) -> ManualEvent:
    """*event*, a subclass of a manual event class, as the plain event; anything else refused."""
    if event_class(event) not in _MANUAL:
        _not_manual(event)
    return cast("ManualEvent", plain_event(event, "event"))


def _not_manual(event: object) -> NoReturn:
    name = type(event).__name__
    if isinstance(event, tuple(_AUTOMATIC)):
        raise TransitionError(
            f"{name} is automatic: only advance() produces it, when its time comes",
            milestone_id=event.milestone_id,  # type: ignore[attr-defined]
            state="automatic",
            event=name,
            field="event",
            rule="a manual event",
        )
    raise InvalidTypeError(
        f"event must be one of the escrow event classes, not {name}",
        field="event",
        rule="an escrow event",
    )


def is_automatic(event: object) -> bool:
    """Return whether *event* is one that only :func:`advance` produces.

    *event* is read as :func:`apply` reads it, and as ``event in choices``
    (:class:`Choices`) reads a manual one: an event (of a subclass too, read
    as the library's event class it subclasses), an event class, or its name
    (``"AutoApprove"``).

    Raises:
        InvalidValueError: *event* is none of these (``field='event'``,
            ``rule='an escrow event'``): a misspelt name, a class or an object
            that is not an escrow event, ``None``: a mistake never answers
            ``False``.

    >>> from datetime import datetime, timezone
    >>> from upwork_safety.escrow import AutoApprove, Fund, is_automatic
    >>> moment = datetime(2024, 1, 1, tzinfo=timezone.utc)
    >>> is_automatic(AutoApprove("m1", moment)), is_automatic(Fund("m1", moment))
    (True, False)
    >>> is_automatic(AutoApprove), is_automatic("Fund")
    (True, False)
    """
    kind: type | None
    if issubclass(type(event), str):  # type(), not isinstance: a __class__ cannot claim it
        text = str.__str__(cast("str", event))
        kind = next((each for each in EVENT_TYPES if each.__name__ == text), None)
    elif issubclass(type(event), type):
        kind = next((each for each in EVENT_TYPES if each is event), None)
    else:
        kind = event_class(event)  # an event of a subclass: the class it subclasses
    if kind is None:
        got = (
            f"the class {type.__dict__['__qualname__'].__get__(event)}"
            if issubclass(type(event), type)
            else shown(event)
        )
        raise InvalidValueError(
            f"{got} is not an escrow event: event must be one of "
            f"{', '.join(each.__name__ for each in EVENT_TYPES)} (the class, an event of it, "
            "or its name)",
            field="event",
            rule="an escrow event",
        )
    return kind in _AUTOMATIC


@exact
def apply(
    contract: Contract,
    event: ManualEvent,
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Contract:
    """Apply one event a person performs and return the new contract.

    Every automatic step due up to ``event.at`` (a review period that ran
    out, an unanswered refund request, ...) happens first, exactly as on the
    platform, and is recorded in the history before *event*.

    It is not idempotent: an event the milestone's state allows again (a
    partial :class:`Approve`, a bonus, a partial :class:`Refund`) given twice
    is applied twice, with two payouts, since two equal events can both be
    real.  To apply an event that may be delivered twice only once, check
    ``event in contract.history`` first (events are held in UTC, so an equal
    event in another zone matches; docs/cookbook.md, "Events that may
    arrive twice or late").

    Args:
        contract: A fixed-price contract; it is never modified.
        event: A manual event: :class:`Fund`, :class:`Submit`,
            :class:`RequestChanges`, :class:`Approve`, :class:`RequestRefund`,
            :class:`AcceptRefund`, :class:`Refund`, :class:`OpenDispute`,
            :class:`AnswerDispute`, :class:`ClientPaysArbitration`,
            :class:`FreelancerPaysArbitration`, :class:`ResolveDispute` or
            :class:`EndContract`.  A subclass of one is recorded as the
            plain event it holds (as a contract's history stores it).
        rules: The rules to use; by default those in force on the UTC date
            each clock started (:func:`upwork_safety.rules.as_of`).

    Returns:
        The contract with *event* (and any automatic steps before it)
        appended to ``history``; every payout is appended to ``payments``.

    Raises:
        TransitionError: The event is not allowed in the milestone's state
            (the error names the milestone, its state, the event and what is
            allowed instead), is earlier than the last event (or a moment
            recorded on a milestone's escrow, or a recorded payment), or is
            automatic.
        InvalidValueError: The contract has no milestone
            ``event.milestone_id`` (``field`` ``event.milestone_id``, rule
            ``"a milestone of the contract"``: a milestone added on the
            platform but not yet to *contract*), an amount that does not
            fit (more than the
            escrow, not whole cents, a dispute split that does not add up;
            the error's ``field`` is ``event.amount``, ``event.bonus``,
            ``event.to_freelancer`` or ``event.to_client``),
            or a milestone's clock ran out before the last recorded event
            (the contract, or *rules*, is not what its history was recorded
            under), or a dispute step recorded on a milestone's escrow (the
            client's answer, an arbitration fee) falls outside the time the
            rules give it, or an automatic step in the history is
            recorded at another moment than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``).
        InvalidTypeError: *contract*, *event* or *rules* of the wrong type.
    """
    run = open_run(contract, rules)
    if type(event) not in _MANUAL:
        event = _manual_event(event)
    _manual(run, event)
    return finish(run)


def run_at(contract: object, now: object, rules: object) -> tuple[Run, datetime]:
    """A run on *contract* advanced to *now* (checked: aware, not before the last event)."""
    run = open_run(contract, rules)
    moment = utc_instant(now, "now")
    last = run.last_at
    if last is not None and moment < last:
        raise InvalidValueError(
            f"now ({when(moment)}) is earlier than the last event in the history "
            f"({when(last)}); time only moves forward",
            field="now",
            rule="not before the last event",
        )
    check_moments_by(run, moment)
    advance_run(run, moment)
    return run, moment


@exact
def advance(
    contract: Contract,
    now: datetime,
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Contract:
    """Apply every automatic step due up to *now*, earliest first.

    Automatic steps: :class:`AutoApprove` when the review period has fully
    elapsed (at that second, not one before), :class:`AutoRefund` when a
    refund request went unanswered, :class:`AutoDisputeRelease` when the
    client did not answer a dispute, :class:`ArbitrationDefault` when the
    arbitration opt-in window closed without both fees paid, and
    :class:`DormancyRefundRequest` when escrow sat untouched through the
    dormancy period and both notices (counted from the last activity the
    contract records: its last event, a moment on a milestone's escrow or a
    payment).  Each is recorded in ``history`` at the moment it was due.
    The dormancy closure is one step: every idle milestone holding escrow
    gets its request at that instant, before any other step due then.

    Args:
        contract: A fixed-price contract; it is never modified.
        now: The moment to advance to (timezone-aware).
        rules: The rules to use; by default those in force when each clock
            started.

    Returns:
        The contract as it stands at *now* (the same contract if nothing
        was due).

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event (or a
            moment recorded on a milestone's escrow, such as ``submitted_at``,
            or a recorded payment), or
            a milestone's clock ran out before the last recorded event (the
            contract, or *rules*, is not what its history was recorded under),
            or a dispute step recorded on a milestone's escrow (the client's
            answer, an arbitration fee) falls outside the time the rules give it,
            or an automatic step in the history is recorded at another moment
            than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``).
        InvalidTypeError: An argument of the wrong type.
    """
    run, _moment = run_at(contract, now, rules)
    return finish(run)


@exact
def replay(
    contract: Contract,
    events: Iterable[Event],
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Contract:
    """Apply *events* in order, checking each automatic one against the clock.

    Replaying a contract's ``history`` on the contract as it was before
    gives back the same contract.  Automatic events in *events* must be
    exactly the ones :func:`advance` would produce at that moment; missing
    ones are produced as the replay goes.  A dormancy closure is one step:
    its first :class:`DormancyRefundRequest` records the requests of every
    other idle milestone too, so the events may stop after it (a prefix
    of a history replays).  The result is built once, at the
    end: each changed milestone's :class:`~upwork_safety.models.Escrow`,
    the milestone and the contract go through their constructors, which
    check them as for any other value, while the states in between are
    never built, so a replay costs about as much per event as the events'
    own work.

    Args:
        contract: The contract to start from (never modified).
        events: Manual and automatic events, in time order (a sequence,
            not a single event nor a set, whose order is no time order;
            at most 200,000, the most any list argument holds; an
            iterator is read one event at a time).
        rules: As for :func:`apply`.

    Returns:
        The contract after every event.

    Raises:
        TransitionError: An event is not allowed, or an automatic event is
            not the step due at its moment (``field`` ``events[i]``, the
            event at fault).  Every error about one event names it by its
            place in *events*: ``events[3].at``, and an amount that does not
            fit the milestone ``events[3].amount`` (``.bonus``,
            ``.to_freelancer``, ``.to_client``), as :func:`apply` names
            ``event.amount``.
        InvalidValueError: An event names no milestone of the contract
            (``field`` ``events[3].milestone_id``, rule ``"a milestone of
            the contract"``), a milestone's clock ran out before the last
            event of *contract*'s history (the contract, or *rules*, is not
            what its history was recorded under), or a dispute step recorded
            on a milestone's escrow (the client's answer, an arbitration fee)
            falls outside the time the rules give it, or an automatic step in the history is
            recorded at another moment than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``), or more than 200,000
            events (an endless generator is refused there).
        InvalidTypeError: *events* is not a sequence of escrow events (a
            ``set`` or ``frozenset`` of them: rule ``"an ordered
            sequence"``), or another argument of the wrong type.
    """
    run = open_run(contract, rules)
    checked = plain_events(
        sequence_of(events, EVENT_TYPES, "events", ordered="in time order"), "events"
    )
    # The events a step recorded together (a dormancy closure's requests) after the
    # one given: the next events given may repeat them, or leave them out.
    taken: list[AutomaticEvent] = []
    for position, event in enumerate(checked):
        if taken and event == taken[0]:
            del taken[0]
            continue
        taken = []
        if type(event) in _MANUAL:
            _manual(run, cast("ManualEvent", event), f"events[{position}]")
        else:
            taken = _replay_automatic(run, cast("AutomaticEvent", event), f"events[{position}]")[1:]
    return finish(run)


def _replay_automatic(run: Run, event: AutomaticEvent, arg: str) -> list[AutomaticEvent]:
    """Apply *event*, which must be exactly the automatic step due next; the step's events.

    *arg* is where the caller passed it (``"events[3]"``): a refusal names it.
    """
    found = due_automatic(run)
    expected = (
        None if found is None else found[1].automatic_event(run.milestone(found[2]).id, found[0])
    )
    if found is None or expected != event:
        name = type(event).__name__
        due = "nothing" if expected is None else f"{type(expected).__name__} at {when(expected.at)}"
        raise TransitionError(
            f"{name} for milestone {shown(event.milestone_id)} at {when(event.at)} is not the "
            f"automatic step due (next due: {due})",
            milestone_id=event.milestone_id,
            state=run.milestone(run.index(event.milestone_id)).state.name,
            event=name,
            field=arg,
            rule="the automatic step due",
        )
    return take(run, found[1], found[2], found[0])
