"""Strategies for escrow events and whole escrow histories of a contract (private).

Public through :mod:`upwork_safety.testing.strategies`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, cast

from hypothesis import strategies as st

from upwork_safety import escrow
from upwork_safety._decimals import CONTEXT
from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._records import plain_record
from upwork_safety.errors import InvalidTypeError
from upwork_safety.escrow import DeadlineKind
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
)
from upwork_safety.money import Money, minor_unit
from upwork_safety.testing._arguments import (
    _UTC,
    _count,
    _scaled,
    _sometimes,
    _zones,
    built,
    mapped,
)
from upwork_safety.testing._contract_strategies import _OWN_RATES, _TITLES
from upwork_safety.testing._renamed import as_arguments
from upwork_safety.testing._rules import clock_jumps, minimum_milestone
from upwork_safety.testing._scalar_strategies import aware_datetimes, dates, money

if TYPE_CHECKING:
    from collections.abc import Callable


@functools.cache
def events() -> st.SearchStrategy[escrow.Event]:
    """Any single escrow event (not necessarily allowed in any given state).

    Its moment is one of :func:`aware_datetimes` (often near a Monday
    00:00 UTC or a rule's first day, in any of its zones), which the event
    holds in UTC.
    """
    mid = st.sampled_from(["m1", "m2", "m3"])
    at = aware_datetimes()
    usd = money("USD", max_value="1000")
    stated = money("USD", min_value="0.01", max_value="1000")  # an event's amount: more than zero
    simple = (
        Fund,
        Submit,
        RequestChanges,
        RequestRefund,
        AcceptRefund,
        OpenDispute,
        AnswerDispute,
        ClientPaysArbitration,
        FreelancerPaysArbitration,
        AutoApprove,
        AutoRefund,
        DormancyRefundRequest,
        AutoDisputeRelease,
        ArbitrationDefault,
    )
    return cast(
        "st.SearchStrategy[escrow.Event]",
        st.one_of(
            *(built(kind, mid, at) for kind in simple),
            built(Approve, mid, at, amount=st.none() | stated, bonus=st.none() | stated),
            built(Refund, mid, at, amount=st.none() | stated),
            # A split of nothing is refused when built (review r39, review 4).
            built(ResolveDispute, mid, at, stated, usd),
            built(ResolveDispute, mid, at, usd, stated),
            built(EndContract, at),
        ),
    )


# --------------------------------------------------------------------------- histories


def _minor(draw: st.DrawFn, least: int, upto: Money) -> Money:
    """An amount in whole minor units of *upto*'s currency, from *least* units up to *upto*."""
    places = minor_unit(upto.currency)
    top = int(upto.amount.scaleb(places, context=CONTEXT))
    units = draw(st.integers(least, max(top, least)))
    return Money(_scaled(places)(units), upto.currency)


def _one_unit(currency: str) -> Money:
    """The smallest amount of *currency* (one cent of USD)."""
    return Money(_scaled(minor_unit(currency))(1), currency)


@functools.cache
def _bonuses(currency: str) -> st.SearchStrategy[Money | None]:
    return st.none() | money(currency, min_value="1", max_value="50")


_SIMPLE: dict[str, Callable[[str, datetime], escrow.ManualEvent]] = {
    "Fund": Fund,
    "Submit": Submit,
    "RequestChanges": RequestChanges,
    "RequestRefund": RequestRefund,
    "AcceptRefund": AcceptRefund,
    "OpenDispute": OpenDispute,
    "AnswerDispute": AnswerDispute,
    "ClientPaysArbitration": ClientPaysArbitration,
    "FreelancerPaysArbitration": FreelancerPaysArbitration,
}


def _event_for(  # noqa: PLR0911  (one return per kind of event)
    draw: st.DrawFn, name: str, milestone: Milestone, at: datetime
) -> escrow.ManualEvent:
    """Build the manual event *name* for *milestone* with sensible amounts."""
    mid = milestone.id
    held = milestone.held
    unit = _one_unit(held.currency)
    if name == "Approve":
        amount = None
        # A partial approval (some of what is held) three times in four it can be one.
        if held.amount >= 2 * unit.amount and draw(_GOES_FORWARD):
            amount = _minor(draw, 1, held - unit)
        return Approve(mid, at, amount=amount, bonus=draw(_bonuses(held.currency)))
    if name == "Refund":
        partial = draw(st.booleans())
        if held.amount >= 2 * unit.amount and partial:
            return Refund(mid, at, amount=_minor(draw, 1, held - unit))
        if not held.amount and partial:
            # One unit of a payment: what is refundable (inside its window) is at least that.
            return Refund(mid, at, amount=unit)
        return Refund(mid, at)
    if name == "ResolveDispute":
        to_freelancer = _minor(draw, 0, held)
        return ResolveDispute(mid, at, to_freelancer, held - to_freelancer)
    if name == "EndContract":
        return EndContract(at)
    return _SIMPLE[name](mid, at)


#: Clock jumps between events: mostly minutes to three days, so a history
#: stays mid-life (in review, with changes requested, disputed), and one in
#: eight just past one of the rules' escrow clocks (a review or security
#: period, a refund window, a business week, the dormancy period: read from
#: the rules, :func:`clock_jumps`), so those clocks run out.
_JUMPS_SHORT = mapped(st.integers(1, 3 * 24 * 60), lambda m: timedelta(minutes=m))
_JUMPS = _sometimes(_JUMPS_SHORT, st.sampled_from(clock_jumps()), one_in=8)

#: How a dispute moves on (red team r23 M1).  Short jumps seldom landed in
#: the arbitration opt-in window, which opens only after mediation, and a
#: mediated agreement (``ResolveDispute``) is offered at every step before
#: it, so under 1% of histories reached arbitration.  Now, while a dispute
#: waits on one of the engine's clocks, a jump goes to that clock's next
#: moment (:func:`_dispute_moments`): into the arbitration opt-in window, or
#: once it is open just past its close (``ArbitrationDefault``), three times
#: in four; just past the client's time to answer (``AutoDisputeRelease``)
#: one time in four.  And a step pays an arbitration fee three times in four
#: when it can, answers a dispute three times in four when it can, and opens
#: one one time in eight when it can.
#: (Each an evenly sampled number: ``st.integers`` favours 0.)
_ONE_IN_FOUR = mapped(st.sampled_from(range(4)), lambda n: n == 3)
_THREE_IN_FOUR = mapped(st.sampled_from(range(4)), bool)
_ONE_IN_EIGHT = mapped(st.sampled_from(range(8)), lambda n: n == 7)
_FEES = frozenset({"ClientPaysArbitration", "FreelancerPaysArbitration"})
_MINUTE = timedelta(minutes=1)

#: Whether a step ends the contract: about one in twenty (4-5% measured).
_ENDS = mapped(st.integers(0, 19), lambda n: n == 19)

#: The steps that move a milestone along its working life, and whether a step
#: takes one of them when it can (three in four): a walk through every
#: allowed step falls into a refund or a payment within a few steps, so few
#: milestones would be left in review or with changes requested.
_FORWARD = frozenset({"Fund", "Submit", "RequestChanges"})
_GOES_FORWARD = mapped(st.sampled_from(range(4)), bool)  # evenly: st.integers favours 0

#: Whether an open contract's history ends by leaving a milestone in review
#: (half of them), and the steps that do.
_LEFT_IN_REVIEW = st.booleans()
_IN_REVIEW = frozenset({"Submit", "RequestChanges"})

#: The hour of the first event: 09:00 UTC, Karachi's midnight (19:00 UTC) or
#: just before a UTC midnight, so local and UTC days differ.
_FIRST_HOURS = st.sampled_from([9, 19, 23])


def _dispute_moments(contract: Contract, at: datetime) -> tuple[list[datetime], list[datetime]]:
    """The next moment after *at* of each dispute waiting on a clock, read from the engine.

    Returns ``(unanswered, in_mediation)``: one minute past the client's
    time to answer of each dispute not answered yet; and for each answered
    dispute that not both sides paid for arbitration, two minutes into its
    arbitration opt-in window if that has not opened yet, else one minute
    past the window's close.  The moments are the engine's own deadlines
    (:func:`~upwork_safety.escrow.deadlines`: the dispute's answer, the end
    of mediation, the opt-in window's close), never a copy of their periods.
    """
    if all(m.escrow.state is not MilestoneState.DISPUTED for m in contract.milestones):
        return [], []
    unanswered: list[datetime] = []
    opens: dict[str | None, datetime] = {}
    closes: dict[str | None, datetime] = {}
    for deadline in escrow.deadlines(contract, at):
        if deadline.kind is DeadlineKind.DISPUTE_RESPONSE_DUE:
            unanswered.append(deadline.due + _MINUTE)
        elif deadline.kind is DeadlineKind.MEDIATION_ACCEPTANCE_DUE:
            opens[deadline.milestone_id] = deadline.due + 2 * _MINUTE
        elif deadline.kind is DeadlineKind.ARBITRATION_OPT_IN_DUE:
            closes[deadline.milestone_id] = deadline.due + _MINUTE
    mediation = [opens.get(milestone, close) for milestone, close in closes.items()]
    return [t for t in unanswered if t > at], [t for t in mediation if t > at]


def _next_moment(draw: st.DrawFn, contract: Contract, at: datetime) -> datetime:
    """*at* plus a clock jump, or the next moment of a dispute waiting on a clock."""
    unanswered, mediation = _dispute_moments(contract, at)
    if bool(mediation) and draw(_THREE_IN_FOUR):
        return draw(st.sampled_from(mediation))
    if bool(unanswered) and draw(_ONE_IN_FOUR):
        return draw(st.sampled_from(unanswered))
    return at + draw(_JUMPS)


@functools.cache
def _fresh_terms() -> st.SearchStrategy[tuple[int, str, date, Money]]:
    return st.tuples(
        st.integers(1, 99),
        st.sampled_from(["acme", "studio-noor", "client-7"]),
        dates(max_value=date(2029, 12, 31)),
        money("USD", min_value=minimum_milestone(), max_value="5000"),
    )


@st.composite
def _fresh_contract(draw: st.DrawFn, fixed_client: Client | None = None) -> Contract:
    """An open fixed-price contract with 1–3 unfunded USD milestones and nothing else.

    Its client is *fixed_client* when given, else drawn.
    """
    count = draw(st.integers(1, 3))
    number, drawn_client, started, first = draw(_fresh_terms())
    client = drawn_client if fixed_client is None else fixed_client
    amounts = [
        first,
        *(
            draw(money("USD", min_value=minimum_milestone(), max_value="5000"))
            for _ in range(count - 1)
        ),
    ]
    rate = None
    if _OWN_RATES is not None and started >= _OWN_RATES.first_day:
        rate = draw(st.sampled_from([None, _OWN_RATES.default]))
    return Contract(
        id=f"c{number}",
        client=client,
        kind=ContractKind.FIXED_PRICE,
        started=started,
        milestones=tuple(
            Milestone(f"m{i + 1}", _TITLES[i], amount) for i, amount in enumerate(amounts)
        ),
        service_fee_rate=rate,
    )


def contract_histories(
    *, max_events: int = 12, client: Client | str | None = None
) -> st.SearchStrategy[tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]]:
    """A fixed-price contract, a valid sequence of manual events, and the result.

    Each event is drawn from what :func:`upwork_safety.escrow.allowed` says is
    allowed at that moment (so milestones are funded one at a time, in the
    contract's order; partial approvals with bonuses, refunds of escrow
    and of payments, disputes through mediation and arbitration, the end of
    the contract: only one step in ten ends it while something else is
    allowed), with clock jumps mostly of minutes to days, so a history is
    often left mid-life (funded, in review, with changes requested,
    disputed), and one in four past a business week, a refund window, a
    review period or the dormancy period, so those clocks run out and their
    automatic steps appear in the history.  A step opens a dispute one
    time in eight it can, and answers one or pays an arbitration fee three
    times in four it can; a dispute in mediation mostly jumps to its next
    deadline, read from the engine's clocks (the arbitration opt-in window's
    opening, then its close).  So about three histories in ten hold a
    dispute and each arbitration step (``ClientPaysArbitration``,
    ``FreelancerPaysArbitration``, ``ArbitrationDefault``) is in about one
    in twenty.  Events are built in UTC,
    ``Asia/Karachi`` or another zone (held in UTC), starting at 09:00,
    19:00 (Karachi's midnight) or 23:00 UTC.
    Returns ``(original, events, final)`` where ``final`` is the original
    with every event applied and :func:`~upwork_safety.escrow.advance` run
    to the last moment the draw's clock reached, which may be after the
    last event: ``final`` may then also hold automatic steps after it (the
    clock jumped past a review period, a refund window or dormancy), so it
    need not equal ``escrow.replay(original, events)``.  What always holds
    is ``escrow.advance(escrow.replay(original, events),
    final.recorded_until) == final``, and ``final.recorded_until`` is the
    earliest moment to read ``final`` at.  The contract's id is ``c1`` to ``c99``, so a list
    of histories for one freelancer needs ``unique_by=lambda h: h[0].id``
    (docs/testing.md).

    Args:
        max_events: The most manual events in a history.
        client: Every contract's client: a :class:`~upwork_safety.Client`
            (``factories.VERIFIED_CLIENT``, say) or a client id; by default
            one of ``acme``, ``studio-noor`` and ``client-7``, none of them
            payment-verified.

    Raises:
        InvalidTypeError: *max_events* is not an int, or *client* is not a
            ``Client``, a ``str`` or ``None``.
        InvalidValueError: *max_events* is negative, or *client* is an id a
            ``Client`` refuses (empty, say).
    """
    return _contract_histories(_count(max_events, "max_events"), _client_option(client))


def _client_option(client: object) -> Client | None:
    """*client* as the plain :class:`Client` every drawn contract gets, or ``None``: drawn."""
    if client is None:
        return None
    if issubclass(type(client), str):
        with as_arguments({"Client.id": "client"}):
            return Client(cast("str", client))
    if issubclass(type(client), Client):
        return plain_record(cast("Client", client), Client, "client")
    raise InvalidTypeError(
        f"client must be a Client, a client id str or None, got {type(client).__name__}",
        field="client",
        rule="a Client or a client id",
    )


@functools.cache
def _contract_histories(
    max_events: int, client: Client | None
) -> st.SearchStrategy[tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]]:
    return _histories_of(max_events, client)


@st.composite
def _histories_of(
    draw: st.DrawFn, max_events: int, client: Client | None
) -> tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]:
    original = draw(_fresh_contract(client))
    start = original.started
    at = datetime(start.year, start.month, start.day, draw(_FIRST_HOURS), tzinfo=_UTC)
    zone = draw(st.sampled_from(_zones()))
    contract = original
    events: list[escrow.ManualEvent] = []
    for _ in range(draw(st.integers(0, max_events))):
        at = _next_moment(draw, contract, at)
        contract = escrow.advance(contract, at)
        options = [
            (milestone, name)
            for milestone in contract.milestones
            for name in escrow.allowed(contract, milestone.id, now=at).allowed
            if name != "EndContract"
        ]
        local = at.astimezone(zone)
        if contract.ended is None and (not options or draw(_ENDS)):
            event: escrow.ManualEvent = EndContract(local)
        elif options:
            fees = [option for option in options if option[1] in _FEES]
            answers = [option for option in options if option[1] == "AnswerDispute"]
            disputes = [option for option in options if option[1] == "OpenDispute"]
            forward = [option for option in options if option[1] in _FORWARD]
            if bool(fees) and draw(_THREE_IN_FOUR):
                options = fees
            elif bool(answers) and draw(_THREE_IN_FOUR):
                options = answers
            elif bool(disputes) and draw(_ONE_IN_EIGHT):
                options = disputes
            elif bool(forward) and draw(_GOES_FORWARD):
                options = forward
            milestone, name = draw(st.sampled_from(options))
            event = _event_for(draw, name, milestone, local)
        else:
            break  # ended, and every milestone settled: nothing is left to happen
        # allowed() and apply() agree by construction; a refusal here is an engine bug.
        contract = escrow.apply(contract, event)
        events.append(event)
    if len(events) < max_events and contract.ended is None and draw(_LEFT_IN_REVIEW):
        # Leave a milestone in review: submit work, or ask for changes to it.
        at += draw(_JUMPS_SHORT)
        contract = escrow.advance(contract, at)
        last = [
            (milestone, name)
            for milestone in contract.milestones
            for name in escrow.allowed(contract, milestone.id, now=at).allowed
            if name in _IN_REVIEW
        ]
        if last:
            milestone, name = draw(st.sampled_from(last))
            event = _event_for(draw, name, milestone, at.astimezone(zone))
            contract = escrow.apply(contract, event)
            events.append(event)
    return original, tuple(events), contract
