"""The one transition table: what it publishes, and that the engine moves only along its edges.

A Hypothesis walk drives contracts through random histories (partial
approvals and carry-over, refunds of escrow and of payments, the end of the
contract, dormancy, disputes through mediation and arbitration) and replays
each history one event at a time: every state change taken must be a drawn
edge of that event's rows, and every drawn edge must be taken somewhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, escrow, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError, TransitionError
from upwork_safety.escrow import TRANSITIONS, Transition, _engine, _timers
from upwork_safety.escrow._run import Draft
from upwork_safety.escrow._table import ROWS
from upwork_safety.models import Escrow, MilestoneState

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from upwork_safety.escrow._row import Row
    from upwork_safety.escrow._run import Run

S = MilestoneState
UTC = timezone.utc
EVENTS = {cls.__name__: cls for cls in (*escrow.MANUAL_EVENTS, *escrow.AUTOMATIC_EVENTS)}
#: (from, to, event name) for every drawn edge: the state changes of the table.
DRAWN = {(a, b, t.event) for t in TRANSITIONS for a, b in t.changes}


# --------------------------------------------------------------------------- what is published


def test_every_event_class_has_its_rows():
    """Each manual and automatic event class has at least one row; automatic ones are marked."""
    assert set(EVENTS) == {t.event for t in TRANSITIONS}
    automatic = {cls.__name__ for cls in escrow.AUTOMATIC_EVENTS}
    assert automatic == {t.event for t in TRANSITIONS if t.automatic}
    assert all(t.timer is not None for t in TRANSITIONS if t.automatic)


def test_published_rows_are_the_engine_rows():
    """TRANSITIONS is the engine's own table, row for row (nothing copied by hand)."""
    assert [row.transition for row in ROWS] == list(TRANSITIONS)


def test_the_diagram_draws_exactly_the_state_changes():
    """to_mermaid() has one line per (from, to, event) state change of the table, and no other."""
    lines = escrow.to_mermaid().splitlines()[2:-2]
    drawn = set()
    for line in lines:
        edge, _, label = line.strip().partition(": ")
        source, _, target = edge.partition(" --> ")
        drawn.add((S[source], S[target], label.split(" ")[0].rstrip(",")))
    assert DRAWN == drawn
    assert len(lines) == len(drawn)


def test_carried_remainder_edges_are_in_the_table():
    """Regression: NOT_FUNDED escrow (a carried remainder) goes to REFUND_REQUESTED on end or dormancy."""
    assert (S.NOT_FUNDED, S.REFUND_REQUESTED, "EndContract") in DRAWN
    assert (S.NOT_FUNDED, S.REFUND_REQUESTED, "DormancyRefundRequest") in DRAWN


def test_each_rows_sources_are_its_published_sources_once_each():
    """The engine's Row.sources (a tuple) holds exactly the published row's source states."""
    for row in ROWS:
        assert len(set(row.sources)) == len(row.sources)
        assert frozenset(row.sources) == row.transition.sources


def test_transitions_are_checked_values():
    """A Transition refuses edges that are not state pairs and timers that are not rules."""
    row = TRANSITIONS[0]
    assert ("Fund", frozenset({S.NOT_FUNDED}), frozenset({S.FUNDED})) == (
        row.event,
        row.sources,
        row.targets,
    )
    with pytest.raises(InvalidTypeError) as info:
        Transition("Fund", ((S.NOT_FUNDED, "funded"),))  # type: ignore[arg-type]
    assert "Transition.edges[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        Transition("Fund", ((S.NOT_FUNDED, S.FUNDED),), timer="review")
    assert "Transition.timer" == info.value.field
    assert [(S.NOT_FUNDED, S.FUNDED)] == list(
        attrs.evolve(row, edges=[[S.NOT_FUNDED, S.FUNDED]]).edges
    )


# --------------------------------------------------------------------------- the walk

#: Clock jumps just past a clock: mediation, a business week, a refund window,
#: the arbitration window, a review; then, rarely, dormancy and the 180 days to
#: refund a payment.
CLOCKS = [timedelta(days=d, minutes=1) for d in (4, 5, 7, 8, 11, 14)]
LONG = [timedelta(days=97, minutes=1), timedelta(days=181)]


def _jump(rnd: random.Random) -> timedelta:
    """Mostly minutes to days; often just past a clock; rarely past dormancy."""
    roll = rnd.randrange(30)
    if roll < len(LONG):
        return LONG[roll]
    if roll < 12:
        return rnd.choice(CLOCKS)
    return timedelta(minutes=rnd.randrange(1, 3 * 24 * 60))


def _event(rnd: random.Random, name: str, milestone: Milestone, at: datetime) -> object:
    held = milestone.held
    if name == "EndContract":
        return escrow.EndContract(at)
    if name == "Approve":
        partial = held.amount >= Decimal("0.02") and rnd.random() < 0.5
        amount = Money(held.amount - Decimal("0.01"), "USD") if partial else None
        bonus = rnd.choice([None, Money("5.00", "USD")])
        return escrow.Approve(milestone.id, at, amount=amount, bonus=bonus)
    if name == "Refund":
        part = held.amount >= Decimal("0.02") and rnd.random() < 0.5
        return escrow.Refund(milestone.id, at, amount=Money("0.01", "USD") if part else None)
    if name == "ResolveDispute":
        share = rnd.choice([Decimal(0), held.amount / 2, held.amount])
        to_freelancer = Money(share, "USD").rounded()
        return escrow.ResolveDispute(milestone.id, at, to_freelancer, held - to_freelancer)
    return EVENTS[name](milestone.id, at)


def walk(rnd: random.Random) -> tuple[Contract, Contract]:
    """A fresh contract and the same contract after a random, allowed history."""
    amounts = [rnd.choice(["15.00", "20.00", "300.00"]) for _ in range(rnd.randint(1, 3))]
    original = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone(f"m{i}", "Part", Money(a, "USD")) for i, a in enumerate(amounts)],
    )
    contract = original
    at = datetime(2025, 3, 3, 9, tzinfo=UTC)
    for _ in range(rnd.randint(8, 30)):
        at += _jump(rnd)
        contract = escrow.advance(contract, at)
        options = sorted(
            (m.id, name)
            for m in contract.milestones
            for name in escrow.allowed(contract, m.id, now=at).allowed
            if name != "EndContract"
        )
        if contract.ended is None and rnd.randrange(15) == 0:
            options = [("", "EndContract")]  # now and then, not at every chance
        if not options:
            continue
        mid, name = rnd.choice(options)
        milestone = contract.milestone(mid) if mid else contract.milestones[0]
        contract = escrow.apply(contract, _event(rnd, name, milestone, at))  # type: ignore[arg-type]
    return original, escrow.advance(contract, at + _jump(rnd))


def changes(original: Contract, final: Contract) -> set[tuple[MilestoneState, MilestoneState, str]]:
    """Every (from, to, event) state change of *final*'s history, replayed one event at a time."""
    taken = set()
    contract = original
    for event in final.history:
        after = escrow.replay(contract, [event])
        for before_m, after_m in zip(contract.milestones, after.milestones, strict=True):
            if before_m.state is not after_m.state:
                taken.add((before_m.state, after_m.state, type(event).__name__))
        contract = after
    assert final == contract
    return taken


@pytest.mark.slow
def test_every_state_change_is_drawn_and_every_drawn_edge_is_taken():
    """Random histories move milestones only along drawn edges, and together take every one."""
    taken: set[tuple[MilestoneState, MilestoneState, str]] = set()

    @settings(
        max_examples=1500,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.randoms(use_true_random=False))
    def one_walk(rnd: random.Random) -> None:
        original, final = walk(rnd)
        found = changes(original, final)
        assert found <= DRAWN, found - DRAWN
        taken.update(found)

    one_walk()
    assert set() == DRAWN - taken


@pytest.mark.slow
@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.randoms(use_true_random=False))
def test_one_replay_of_a_whole_history_equals_the_steps(rnd: random.Random):
    """One run over a random history (its intermediate states never built) gives what the steps gave."""
    original, final = walk(rnd)
    assert final == escrow.replay(original, final.history)


def test_what_if_rules_can_switch_non_release_disputes_off():
    """With dispute_on_active_contract off, a dispute answers a refund request only."""
    strict = attrs.evolve(rules.CURRENT, dispute_on_active_contract=False)
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Part", Money("15.00", "USD"))],
    )
    c = escrow.apply(c, escrow.Fund("m1", datetime(2025, 3, 3, 9, tzinfo=UTC)))
    choices = escrow.allowed(c, "m1", rules=strict)
    assert "OpenDispute" not in choices
    assert "only after an escrow refund request" in (choices.reason("OpenDispute") or "")


# --------------------------------------------------------------------------- drafts


def test_a_draft_has_every_field_of_escrow():
    """A run's working copy of a milestone's escrow has exactly Escrow's fields (and the milestone's id and amount)."""
    assert {f.name for f in attrs.fields(Escrow)} | {"milestone", "id", "amount"} == set(
        Draft.__slots__
    )


def test_a_draft_is_checked_when_it_is_built():
    """Whatever a run leaves in a draft goes through Escrow's constructor: books that do not add up are refused."""
    funded = escrow.apply(_one_milestone(), escrow.Fund("m1", datetime(2025, 3, 3, 9, tzinfo=UTC)))
    draft = Draft(funded.milestones[0])
    assert funded.milestones[0] == draft.build()
    draft.held = Money("1.00", "USD")
    with pytest.raises(InvalidValueError) as info:
        draft.build()
    assert "Escrow.funded" == info.value.field
    draft.held = Money("15.00", "USD")
    draft.state = S.SUBMITTED
    with pytest.raises(InvalidValueError) as info:
        draft.build()
    assert "Escrow.submitted_at" == info.value.field


def _one_milestone() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Part", Money("15.00", "USD"))],
    )


# --------------------------------------------------------------------------- many clocks at once
# The engine funds one milestone at a time, but a contract built or loaded can
# hold escrow on many; advance keeps their clocks in order (red team r8, finding 3).

START = date(2024, 3, 1)
T0 = datetime(2024, 3, 1, tzinfo=UTC)
USD = Money("100.00", "USD")


def _holding(state: MilestoneState, **moments: datetime) -> Escrow:
    return Escrow(state, USD, held=USD, **moments)  # type: ignore[arg-type]


#: Several milestones holding escrow at once: a what-if without the one-active-milestone
#: rule (under it such a contract is refused: red team r14 F4).
_MANY = attrs.evolve(rules.CURRENT, one_active_milestone=False)


def _contract(escrows: list[Escrow]) -> Contract:
    return Contract(
        "c",
        "client",
        ContractKind.FIXED_PRICE,
        START,
        milestones=[
            Milestone(f"m{i}", f"Deliver item {i} as PNG", USD, escrow=held)
            for i, held in enumerate(escrows)
        ],
    )


def _scan(run: Run) -> tuple[datetime, Row, int] | None:
    """The reference: every clock of every milestone holding escrow, read at every step.

    At the same moment the contract's clock (dormancy's closure) comes first, then the
    earlier milestone, then the earlier row (red team r17 M2).
    """
    best: tuple[datetime, bool, Row, int] | None = None
    for index in sorted(run.holding):
        milestone = run.milestone(index)
        for row in ROWS:
            if row.timer is not None and milestone.state in row.sources:
                due = row.timer.due(run, milestone)
                mine = not row.timer.shared
                if due is not None and (best is None or (due, mine) < best[:2]):
                    best = (due, mine, row, index)
    return None if best is None else (best[0], best[2], best[3])


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the reads of the rules a clock runs by (every clock reads them once)."""
    calls = [0]
    rules_at = _timers.rules_at

    def counted(at: datetime, override: rules.PlatformRules | None) -> rules.PlatformRules:
        calls[0] += 1
        return rules_at(at, override)

    monkeypatch.setattr(_timers, "rules_at", counted)
    return calls


@pytest.mark.parametrize(
    ("state", "field"),
    [
        (S.SUBMITTED, "submitted_at"),
        (S.REFUND_REQUESTED, "refund_requested_at"),
        (S.DISPUTED, "disputed_at"),
        (S.FUNDED, None),
    ],
)
def test_advance_reads_each_clock_a_bounded_number_of_times(monkeypatch, state, field):
    """Red team r8, finding 3: k milestones holding escrow cost k steps, not k x k clocks.

    Counted, not timed: the clocks' rules are read a number of times that
    grows with k (it grew with k squared: each automatic step read every
    milestone's clocks).  FUNDED escrow waits on dormancy, the contract's
    one clock, which closes every milestone at the same moment.
    """
    k = 80
    escrows = [
        _holding(state, **({} if field is None else {field: T0 + timedelta(seconds=i)}))
        for i in range(k)
    ]
    c = _contract(escrows)
    if field is None:  # dormancy counts from a dated fact (review r41, 1): a payment at T0
        c = attrs.evolve(c, payments=[Payment(T0.date(), USD, T0)])
    calls = _counted(monkeypatch)
    done = escrow.advance(c, T0 + timedelta(days=400), rules=_MANY)
    assert all(m.escrow.held.amount == 0 for m in done.milestones)
    assert calls[0] <= 4 * k


@st.composite
def _escrows(draw: st.DrawFn) -> list[Escrow]:
    """Several milestones holding escrow in every state a clock can run in, on a coarse grid."""
    found = []
    for _ in range(draw(st.integers(1, 7))):
        state = draw(
            st.sampled_from(
                [S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED, S.REFUND_REQUESTED, S.DISPUTED]
            )
        )
        moment = T0 + timedelta(days=draw(st.integers(0, 12)), hours=draw(st.sampled_from([0, 12])))
        if state is S.SUBMITTED:
            found.append(_holding(state, submitted_at=moment))
        elif state is S.REFUND_REQUESTED:
            found.append(_holding(state, refund_requested_at=moment))
        elif state is S.DISPUTED:
            answered = draw(st.sampled_from([None, moment, moment + timedelta(days=3)]))
            moments = {"disputed_at": moment}
            if answered is not None:
                moments["dispute_answered_at"] = answered
                payer = draw(st.sampled_from([None, "client", "freelancer"]))
                if payer is not None:
                    moments[f"{payer}_paid_arbitration_at"] = answered
            found.append(_holding(state, **moments))
        else:
            found.append(_holding(state))
    return found


def _outcome(call: Callable[[], Contract]) -> object:
    try:
        return call()
    except (TransitionError, InvalidValueError) as refused:
        return (type(refused), refused.rule, str(refused))


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(st.data())
def test_advance_and_replay_equal_a_scan_of_every_clock(data):
    """Several milestones holding escrow: the same steps, in the same order, as reading every clock.

    Ties (the same moment) go to dormancy's closure, which closes every idle
    milestone at once, then to the earlier milestone, then to the earlier row.
    """
    c = _contract(data.draw(_escrows()))
    now = T0 + timedelta(
        days=data.draw(st.integers(0, 240)), hours=data.draw(st.sampled_from([0, 12]))
    )
    ids = [m.id for m in c.milestones]
    events = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    [
                        "Submit",
                        "Approve",
                        "RequestChanges",
                        "RequestRefund",
                        "AcceptRefund",
                        "EndContract",
                    ]
                ),
                st.sampled_from(ids),
                st.integers(1, 48),
            ),
            max_size=6,
        )
    )
    moment = now
    steps: list[object] = []
    for name, mid, hours in events:
        moment += timedelta(hours=hours)
        steps.append(EVENTS[name](moment) if name == "EndContract" else EVENTS[name](mid, moment))
    found = (
        _outcome(lambda: escrow.advance(c, now, rules=_MANY)),
        _outcome(lambda: escrow.replay(c, steps, rules=_MANY)),
    )
    # Read under _MANY: never refused for holding escrow on several milestones.
    for outcome in found:
        if isinstance(outcome, tuple):
            assert "one milestone holding escrow" != outcome[1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_engine, "due_automatic", _scan)
        expected = (
            _outcome(lambda: escrow.advance(c, now, rules=_MANY)),
            _outcome(lambda: escrow.replay(c, steps, rules=_MANY)),
        )
    assert expected == found


#: The deadlines that are an automatic step's moment (the others only inform).
_STEPS = frozenset({"review_ends", "refund_response_due", "dispute_response_due", "dormancy_close"})


@st.composite
def _tight_rules(draw: st.DrawFn) -> rules.PlatformRules:
    """What-if rules of a few whole days each, so clocks often run out at the same instant."""

    def days(most: int = 6) -> timedelta:
        return timedelta(days=draw(st.integers(1, most)))

    dormancy = [days(), days(), days()]
    course = sum(dormancy, timedelta()).days
    return attrs.evolve(
        rules.CURRENT,
        one_active_milestone=False,
        review_period=days(min(6, course - 1)),  # shorter than dormancy's course (the rules')
        refund_response_window=days(),
        dormancy_period=dormancy[0],
        dormancy_first_notice=dormancy[1],
        dormancy_final_notice=dormancy[2],
    )


@st.composite
def _idle_and_waiting(draw: st.DrawFn) -> list[Escrow]:
    """Milestones holding escrow, idle or on a clock, with moments on a whole-day grid."""
    found = []
    for _ in range(draw(st.integers(1, 5))):
        state = draw(
            st.sampled_from([S.FUNDED, S.CHANGES_REQUESTED, S.SUBMITTED, S.REFUND_REQUESTED])
        )
        moment = T0 + timedelta(days=draw(st.integers(0, 6)))
        field = {S.SUBMITTED: "submitted_at", S.REFUND_REQUESTED: "refund_requested_at"}.get(state)
        found.append(_holding(state, **({} if field is None else {field: moment})))
    return found


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(_tight_rules(), _idle_and_waiting())
def test_the_engine_reads_what_it_leaves_and_its_deadlines_are_its_steps(tight, escrows):
    """Red team r17 M1 and M2, as a property: under what-if rules with clocks of a few days,
    on contracts holding escrow on several milestones with moments recorded on it:

    - advance never builds a contract that advance, deadlines or review_contract then refuse,
      and every milestone's end state is the same whatever the milestones' order;
    - the earliest deadline that is a step is the moment advance takes its first step;
    - every prefix of the steps replays, and a replay up to a whole instant is advance to it.
    """
    from upwork_safety import checks

    c = _contract(escrows)
    start = c.recorded_until
    far = start + timedelta(days=60)
    later = escrow.advance(c, far, rules=tight)
    assert later == escrow.advance(later, far, rules=tight)
    escrow.deadlines(later, far, rules=tight)
    checks.review_contract(later, now=far, rules=tight)
    backwards = attrs.evolve(c, milestones=c.milestones[::-1])
    reversed_end = escrow.advance(backwards, far, rules=tight)
    assert {m.id: m.escrow for m in later.milestones} == {
        m.id: m.escrow for m in reversed_end.milestones
    }
    # Deadlines are read after the steps due by then: compare them with the steps after.
    now = escrow.advance(c, start, rules=tight)
    steps = [d.due for d in escrow.deadlines(c, start, rules=tight) if d.kind in _STEPS]
    after = later.history[len(now.history) :]
    assert bool(steps) == bool(after)
    if after:
        first = min(steps)
        assert (first, now) == (
            after[0].at,
            escrow.advance(c, first - timedelta(seconds=1), rules=tight),
        )
    taken = later.history
    for k in range(len(taken) + 1):
        escrow.replay(c, taken[:k], rules=tight)
    for instant in dict.fromkeys(e.at for e in taken if e.at >= start):
        upto = [e for e in taken if e.at <= instant]
        assert escrow.advance(c, instant, rules=tight) == escrow.replay(c, upto, rules=tight)


def test_a_transition_timer_of_the_wrong_type_is_the_librarys_error():
    """Regression (error sweep, r10): ``timer=[1]`` raised "unhashable type: 'list'"."""
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(TRANSITIONS[0], timer=[1])
    assert "Transition.timer" == info.value.field


def test_a_diagram_leaves_out_the_rows_its_rules_switch_off():
    """Red team r12 #5: with dispute_on_active_contract off, the diagram still drew four
    OpenDispute edges the engine refuses under those rules."""
    from upwork_safety.escrow import _table
    from upwork_safety.escrow._engine import choose
    from upwork_safety.escrow._run import Run

    switched = [row for row in _table.ROWS if row.switch is not None]
    assert ["OpenDispute"] == [row.event.__name__ for row in switched]
    for row in switched:
        name, _reason = row.switch  # type: ignore[misc]
        assert isinstance(getattr(rules.CURRENT, name), bool)  # a PlatformRules switch
    off = attrs.evolve(rules.CURRENT, dispute_on_active_contract=False)
    assert "contract active" in escrow.to_mermaid()
    assert "contract active" not in escrow.to_mermaid(rules=off)
    # The engine agrees: the row is refused under those rules, with the row's reason.
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 2),
        milestones=[Milestone("m1", "Logo, 3 concepts", Money("100.00", "USD"))],
    )
    at = datetime(2025, 6, 2, 9, tzinfo=timezone.utc)
    c = escrow.apply(c, escrow.Fund("m1", at), rules=off)
    run = Run(c, off)
    row, reason = choose(run, run.milestone(0), escrow.OpenDispute, at)
    assert (None, switched[0].switch[1]) == (row, reason)  # type: ignore[index]
    assert "OpenDispute" not in escrow.allowed(c, "m1", now=at, rules=off).allowed
    assert "OpenDispute" in escrow.allowed(c, "m1", now=at).allowed


def test_the_published_table_names_each_rows_switch():
    """Review r12 #9: Row.switch was not in TRANSITIONS, so a diagram drawn from the
    published table disagreed with to_mermaid(rules=)."""
    from upwork_safety.escrow import _table

    assert [r.switch[0] if r.switch else None for r in _table.ROWS] == [
        t.switch for t in escrow.TRANSITIONS
    ]
    off = attrs.evolve(rules.CURRENT, dispute_on_active_contract=False)
    drawn = escrow.to_mermaid(rules=off)
    for t in escrow.TRANSITIONS:
        if t.switch is not None and not getattr(off, t.switch):
            assert all(
                f"{a.name} --> {b.name}: {t.event} ({t.condition})" not in drawn for a, b in t.edges
            )
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(escrow.TRANSITIONS[0], switch="review_period")  # a duration, not a switch
    assert ("Transition.switch", "a PlatformRules bool field") == (
        info.value.field,
        info.value.rule,
    )


def test_each_clocks_period_follows_the_rule_field_it_names():
    """A clock's ``rule`` is the field its period is read from (and its source).

    Lengthening that field under what-if rules changes the period the
    diagram prints; the final dormancy notice once named ``dormancy_period``
    while its period was ``dormancy_first_notice``.
    """
    clocks = {
        clock.kind: clock
        for row in ROWS
        for clock in (*row.notices, row.timer, row.window)
        if clock is not None
    }
    assert len(clocks) >= 10
    for clock in clocks.values():
        longer = attrs.evolve(
            rules.CURRENT, **{clock.rule: getattr(rules.CURRENT, clock.rule) + timedelta(days=1)}
        )
        assert clock.period(longer) != clock.period(rules.CURRENT), clock.kind
    assert "dormancy_first_notice" == _timers.FINAL_NOTICE.rule
