"""The public model: classify, score and timeline, and the checks of their arguments (private).

:func:`classify` judges one contract and :func:`score` a history on one day;
:func:`timeline` keeps the tallies current day by day, re-judging a contract
only on the days its standing can change.  The pieces they are built from
live beside this module and are shared with the forecast, explanation and
Top Rated modules: the facts of each contract (``_facts.py``), the verdict
of one day (``_judge.py``), the windows' tallies and the score of a tally
(``_tally.py``), calendar months (``_months.py``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from upwork_safety._display import shown
from upwork_safety._moments import utc_day
from upwork_safety._plain import plain_duration
from upwork_safety._validate import finer_error, instance, sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss._excluded import check_excluded, excluded_ids
from upwork_safety.jss._facts import _build, _changes, _Facts, paid_at
from upwork_safety.jss._invariants import UNIQUE_IDS
from upwork_safety.jss._judge import _judge_explained, _unpaid_days, leaves_on
from upwork_safety.jss._lapses import Lapse, LapseKind
from upwork_safety.jss._outcome import Outcome
from upwork_safety.jss._reason_codes import ReasonCode, Said, ScoreReason
from upwork_safety.jss._reports import JSSPoint, JSSReport
from upwork_safety.jss._tallies import Impact, WindowScore
from upwork_safety.jss._tally import (
    _contribute,
    _Contribution,
    _contribution,
    _cuts,
    _outcome,
    _percent,
    _points,
    _share,
    _Tally,
    _trend,
)
from upwork_safety.jss._timeline import JSSTimeline
from upwork_safety.models import Contract
from upwork_safety.money import exact
from upwork_safety.rules import JSS_HISTORY, JSSRules, RuleHistory, _pick_rules

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upwork_safety.jss._exclusion import ExclusionCode

__all__ = ["MAX_TIMELINE_POINTS", "classify", "score", "timeline"]

_DAY = timedelta(days=1)
_ZERO = Decimal(0)

# Documented where upwork_safety.jss re-binds it.
MAX_TIMELINE_POINTS = 100_000


# --------------------------------------------------------------------------
# Input checks


def _contracts(
    value: object, what: str = "contracts", *, beside: Sequence[Contract] = ()
) -> tuple[Contract, ...]:
    """*value*, a sequence of contracts with unique ids, as a tuple; else raise naming *what*.

    *beside* are contracts already checked that these are added to (named
    ``contracts``): an id of theirs is taken too, and a clash is reported
    at its place in *value*.
    """
    read = sequence_of(
        value,
        Contract,
        what,
        column="contract",
        also=", or score a table with jss.score_frame",
    )
    seen: set[str] = set()
    taken = {contract.id for contract in beside}
    for index, item in enumerate(read):
        if item.id in seen or item.id in taken:
            clash = (
                f"{what} has two contracts with id {shown(item.id)}; ids must be unique so every "
                "impact can be told apart"
                if item.id in seen
                else f"{what}[{index}] has id {shown(item.id)}, like a contract in contracts: "
                "extra adds contracts; to see how changing one you have would move the "
                "score, pass its changed version as replace="
            )
            raise InvalidValueError(
                clash,
                field=f"{what}[{index}].id",
                rule=UNIQUE_IDS,
            )
        seen.add(item.id)
    return read


def _others(contract: Contract, history: Sequence[Contract]) -> list[tuple[int, Contract]]:
    """*history* without *contract* itself, each with its index; another with its id is refused.

    The whole history may be passed, the judged contract included; a
    different contract with the same id would be dropped unseen, and
    :func:`score` refuses the pair (review r34 2).
    """
    others: list[tuple[int, Contract]] = []
    for index, item in enumerate(history):
        if item.id != contract.id:
            others.append((index, item))
        elif item != contract:
            raise InvalidValueError(
                f"history[{index}] has id {shown(item.id)}, like the contract judged, but is a "
                "different contract; ids must be unique so every impact can be told apart "
                "(the contract itself may be in history)",
                field=f"history[{index}].id",
                rule=UNIQUE_IDS,
            )
    return others


def _client_ids(
    value: object,
    contracts: Iterable[Contract],
    where: str = "contracts",
    *,
    also: Iterable[str] = (),
) -> frozenset[str]:
    """*value*, ``exclude_clients``, each id a client of *contracts* (or *also*); else refused."""
    ids = excluded_ids(value)
    if ids:
        check_excluded(ids, {c.client.id for c in contracts}.union(also), where)
    return frozenset(ids)


def _rules(value: object, on: date, what: str = "as_of") -> JSSRules:
    """*value*, a rule set, or the one in force on *on* (errors name the caller's *what*)."""
    return _pick_rules(value, JSSRules, JSS_HISTORY, on, when=what)


# --------------------------------------------------------------------------
# Public API


@exact
def classify(
    contract: Contract,
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    history: Iterable[Contract] = (),
    exclude_clients: Iterable[str] = (),
) -> Impact:
    """Judge one contract on a day: its outcome, weight and the reasons.

    Args:
        contract: The contract.
        as_of: The day (a date, or an aware datetime whose UTC date is used).
        rules: The rule set; default the one in force on *as_of*.
        history: The freelancer's other contracts, used to spot rehires
            (another contract with the same client).  It may hold
            *contract* itself, which is skipped; a different contract
            with *contract*'s id is refused, as :func:`score` refuses it.
        exclude_clients: Client ids to leave out of the score, each the
            client of *contract* or of a contract in *history* (else
            refused: ``InvalidValueError``, field ``exclude_clients[i]``).

    Returns:
        The contract's :class:`Impact`, judged as :func:`score` judges it on
        *as_of*: on the latest snapshot day under rules that update the
        score every two weeks (a reason then names that day).  A contract
        that ended outside the longest window is excluded; use
        :func:`score` for per-window detail.

    Raises:
        InvalidValueError: A naive datetime, or duplicate contract ids in
            *history* or a contract of *history* that is not *contract*
            but has its id (``field`` ``history[i].id``).
        InvalidTypeError: *contract* is not a :class:`~upwork_safety.Contract`.
        CurrencyMismatchError: It (``field`` ``contract.payments[0].amount``)
            or a contract of *history* (``history[i].payments[0].amount``) is
            paid in a currency other than the rules'.
    """
    contract = instance(contract, Contract, "contract")
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    others = _others(contract, _contracts(history, "history"))
    judged = [contract, *(c for _, c in others)]
    facts = _build(
        judged,
        chosen,
        _client_ids(exclude_clients, judged, "contract or history"),
        paid_fields=[paid_at("contract"), *(paid_at(f"history[{i}]") for i, _ in others)],
    )[0]
    on = chosen.snapshot(day)
    outcome, weight, counts_from, said, _, code = _judge_explained(
        facts, on, chosen, _cuts(on, chosen)
    )
    if on != day:
        said = (*said, (ReasonCode.SNAPSHOT, f"judged on the latest snapshot, {on}, as score() is"))
    return _impact(
        facts,
        outcome,
        weight,
        said,
        points=None,
        exclusion=code,
        leaves=leaves_on(outcome, counts_from, chosen),
    )


def _impact(
    facts: _Facts,
    outcome: Outcome,
    weight: Decimal,
    said: Sequence[Said],
    *,
    points: Decimal | None,
    exclusion: ExclusionCode | None,
    leaves: date | None = None,
) -> Impact:
    """The :class:`Impact` of *facts*: each reason's sentence and its code, from one pair."""
    return Impact(
        facts.contract_id,
        facts.client_id,
        outcome,
        weight,
        tuple(text for _, text in said),
        points=points,
        exclusion=exclusion,
        codes=tuple(code for code, _ in said),
        leaves_on=leaves,
    )


def _facts_report(facts: Sequence[_Facts], day: date, rules: JSSRules) -> JSSReport:
    """The report on *day* of contracts already turned into facts under *rules*."""
    on = rules.snapshot(day)
    cuts = _cuts(on, rules)
    tally = _Tally(len(cuts))
    verdicts = [_judge_explained(item, on, rules, cuts) for item in facts]
    contributions = [
        _contribution(item, verdict, cuts) for item, verdict in zip(facts, verdicts, strict=True)
    ]
    for contribution in contributions:
        if contribution is not None:
            tally.add(contribution, 1)
    result, reason, label, reason_codes = _outcome(tally, rules)
    # Each contract's points of the score shown (review r21 M1: under the best-of rules
    # a contract outside the window shown was listed as if it cost points of it).
    points: list[Decimal | None] = [None] * len(facts)
    notes: list[Said | None] = [None] * len(facts)
    if label is not None:
        ids = [item.contract_id for item in facts]
        points[:], notes[:] = _points(contributions, ids, tally, rules, label)
    impacts = [
        _impact(
            item,
            verdict[0],
            verdict[1],
            verdict[3] if note is None else (*verdict[3], note),
            points=point,
            exclusion=verdict[5],
            leaves=leaves_on(verdict[0], verdict[2], rules),
        )
        for item, verdict, point, note in zip(facts, verdicts, points, notes, strict=True)
    ]
    if not facts:
        reason, reason_codes = "not eligible: no contracts yet", (ScoreReason.NO_CONTRACTS,)
    elif all(f.ended is None and not f.has_feedback for f in facts):
        # Scored or not (newcomer r42 1: an export's contracts got 78% and no word of it).
        reason += _all_open(len(facts))
        reason_codes = (*reason_codes, ScoreReason.ALL_OPEN)
    # Only the scoring windows compete on their own; the trending pair competes as
    # its average (JSSReport.trending), the eligibility window not at all.
    shown = set(rules.windows)
    windows = tuple(
        WindowScore(
            months=months,
            contracts=tally.count[i],
            clients=tally.distinct[i],
            successes=tally.successes[i],
            negatives=tally.negatives[i],
            total=tally.total[i],
            percent=_percent(_share(tally, i, rules)),
            shown=months in shown,
            neutrals=tally.neutrals[i],
        )
        for i, months in enumerate(rules.tracked_months)
    )
    trending = None
    if rules.trending is not None:
        position = {months: i for i, months in enumerate(rules.tracked_months)}
        trending = _percent(_trend(tally, rules, position))
    return JSSReport(
        as_of=day,
        computed_on=on,
        rules=rules.label,
        score=result,
        reason=reason,
        window=label,
        windows=windows,
        trending=trending,
        impacts=tuple(impacts),
        reason_codes=reason_codes,
    )


def _all_open(count: int) -> str:
    """What to add to a report's reason when no contract has ended or has feedback.

    Contracts read from an export are such (review r38, newcomer 6: 40 members
    scored ``None`` with a reason that did not say why); said with a score too,
    which then counts every contract as open (review r42, newcomer 1).
    """
    each = (
        "the contract has not ended and has no feedback"
        if count == 1
        else f"none of the {count} contracts has ended or has feedback"
    )
    return (
        f"; {each} (contracts read from an export have neither: "
        "add Contract.ended and feedback with attrs.evolve, as the statements guide's "
        "'Contracts for the other engines' shows)"
    )


def _report(
    contracts: Sequence[Contract],
    day: date,
    rules: JSSRules,
    excluded: frozenset[str],
    paid_fields: Sequence[str] | None = None,
) -> JSSReport:
    """The report of *contracts* on *day*; *paid_fields* as :func:`_build` takes them."""
    return _facts_report(_build(contracts, rules, excluded, paid_fields=paid_fields), day, rules)


def _score_only(
    facts: Sequence[_Facts], day: date, rules: JSSRules
) -> tuple[int | None, str, str | None, tuple[ScoreReason, ...]]:
    """The score, reason, window and reason codes of *facts* on *day*, without any reasons."""
    on = rules.snapshot(day)
    cuts = _cuts(on, rules)
    tally = _Tally(len(cuts))
    for item in facts:
        contribution = _contribute(item, on, rules, cuts)
        if contribution is not None:
            tally.add(contribution, 1)
    return _outcome(tally, rules)


@exact
def score(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> JSSReport:
    """Compute the Job Success Score on a day, explaining every contract.

    Args:
        contracts: The freelancer's contracts (ids unique).  An empty
            history is simply not eligible.
        as_of: The day (a date, or an aware datetime whose UTC date is used).
            With biweekly rules the score is that of the latest snapshot.
        rules: The rule set; default the one in force on *as_of*.
        exclude_clients: Client ids to leave out (e.g. a client Upwork
            removed from the score), each the client of a contract in
            *contracts*: an id that names none, a typo, would leave
            nothing out, so it is refused (``InvalidValueError``, field
            ``exclude_clients[i]``, the id it most likely meant in the
            message).

    Returns:
        A :class:`JSSReport`.

    Raises:
        InvalidValueError: A naive datetime, or duplicate contract ids.
        InvalidTypeError: Something that is not a :class:`~upwork_safety.Contract`.
        CurrencyMismatchError: Contracts paid in a currency other than the
            rules' (so also contracts in mixed currencies); ``field`` is the
            path of the first one's payment, e.g.
            ``contracts[1].payments[0].amount``.
        RulesError: A day before 2015-03-01 without explicit *rules*.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    return _report(items, day, _rules(rules, day), _client_ids(exclude_clients, items))


class _Engine:
    """Keeps a tally current as the day moves forward, re-judging only what changed."""

    def __init__(
        self, contracts: Sequence[Contract], rules: JSSRules, excluded: frozenset[str]
    ) -> None:
        self.rules = rules
        self.facts = _build(contracts, rules, excluded, words=False)
        self.tally = _Tally(len(_cuts(rules.effective, rules)))
        self.current: list[_Contribution | None] = [None] * len(self.facts)
        events = sorted(
            (day, index) for index, item in enumerate(self.facts) for day in _changes(item, rules)
        )
        self.days = [day for day, _ in events]
        self.who = [index for _, index in events]
        self.position = 0
        self.on: date | None = None
        self.result: int | None = None
        # Past the history's last recorded day, each open contract stops counting and
        # goes idle on its own days: those turns, in day order, and the ones made so far.
        self.turns: list[tuple[date, int, Lapse]] = []
        self.turned: dict[int, Lapse] = {}
        self.lapsed: tuple[Lapse, ...] = ()

    def project(self, recorded: date) -> None:
        """List the turns the open contracts take after *recorded*, for :meth:`lapses`."""
        for index, item in enumerate(self.facts):
            if item.ended is not None or item.excluded:
                continue
            stops, idle_from = _unpaid_days(item.started, _last_payment(item), self.rules)
            if stops is not None and recorded < stops and (idle_from is None or stops < idle_from):
                self.turns.append((stops, index, Lapse(item.contract_id, LapseKind.STOPPED, stops)))
            if idle_from is not None and recorded < idle_from:
                self.turns.append(
                    (idle_from, index, Lapse(item.contract_id, LapseKind.IDLE, idle_from))
                )
        self.turns.sort(key=lambda turn: turn[:2], reverse=True)  # the next turn last

    def advance(self, on: date) -> int | None:
        """Move to *on* (never backwards) and return the score there."""
        if self.on == on:
            return self.result
        end = bisect.bisect_right(self.days, on, lo=self.position)
        indices: Iterable[int] = (
            range(len(self.facts)) if self.on is None else set(self.who[self.position : end])
        )
        self.position = end
        self.on = on
        cuts = _cuts(on, self.rules)
        for index in indices:
            item = self.facts[index]
            new = _contribute(item, on, self.rules, cuts)
            old = self.current[index]
            if new != old:
                if old is not None:
                    self.tally.add(old, -1)
                if new is not None:
                    self.tally.add(new, 1)
                self.current[index] = new
        self.result = _outcome(self.tally, self.rules)[0]
        return self.result

    def lapses(self, on: date) -> tuple[Lapse, ...]:
        """The open contracts turned by *on* only by getting no payment after the data.

        Days move forward only, as in :meth:`advance`; after :meth:`project`,
        which names the history's last recorded day (a contract that stopped
        counting or went idle by then did so in the data, not the projection).
        The same tuple is returned while no contract turns.
        """
        turns = self.turns
        if turns and turns[-1][0] <= on:
            while turns and turns[-1][0] <= on:
                _, index, lapse = turns.pop()
                self.turned[index] = lapse
            self.lapsed = tuple(self.turned[index] for index in sorted(self.turned))
        return self.lapsed


def _last_payment(facts: _Facts) -> tuple[date | None, date | None, int]:
    """An open contract's last payment, its run's start and the run's payments, as judged."""
    if not facts.pay_dates:
        return None, None, 0
    since = facts.regular_since[-1]
    run = len(facts.pay_dates) - bisect.bisect_left(facts.regular_since, since)
    return facts.pay_dates[-1], since, run


def _last_recorded(contracts: Sequence[Contract]) -> date | None:
    """The last day *contracts* record anything: a start, an end, a payment, an escrow event."""
    days = [
        day
        for contract in contracts
        for day in (
            contract.started,
            contract.ended,
            *(payment.on for payment in contract.payments),
            *(utc_day(event.at, "at") for event in contract.history),
        )
        if day is not None
    ]
    return max(days, default=None)


def _step(value: object) -> timedelta:
    """*value*, ``timeline``'s step, as the plain ``timedelta`` of whole days it holds.

    Read by its type and through ``timedelta``'s own fields (a subclass's
    comparisons never answer the rule, red team r34 2); one holding more than
    a ``timedelta`` can (nanoseconds) is refused, never rounded.
    """
    if not issubclass(type(value), timedelta):
        raise InvalidTypeError(
            f"step must be a timedelta, not {type(value).__name__}: write e.g. "
            "step=timedelta(days=30)",
            field="step",
            rule="a timedelta of whole days",
        )
    value = plain_duration(cast("timedelta", value))
    if type(value) is not timedelta:
        raise finer_error(value, timedelta, "step")
    if value < _DAY or value % _DAY:
        raise InvalidValueError(
            f"step must be a whole number of days (≥ 1), got {value}",
            field="step",
            rule="whole days, at least one",
        )
    return value


@exact
def timeline(
    contracts: Iterable[Contract],
    *,
    start: date | datetime,
    end: date | datetime,
    step: timedelta = _DAY,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> JSSTimeline:
    """Follow the score from *start* to *end*, every *step*.

    The score is kept incrementally: each contract is re-judged only on the
    days it can change (it starts, is paid, ends, goes idle, is rehired, or
    leaves a window), so long histories over many days stay fast.  Every
    point equals ``score(contracts, as_of=point.on, ...).score``.

    Args:
        contracts: The freelancer's contracts.
        start: The first day.
        end: The last day (included when a step lands on it).
        step: Whole days between points; default one day.
        rules: One rule set for every point; default the one in force on
            each point's day (the tally is rebuilt when the rules change).
        exclude_clients: Client ids to leave out, each the client of a
            contract in *contracts* (else refused: ``InvalidValueError``,
            field ``exclude_clients[i]``).

    Returns:
        A :class:`JSSTimeline` (a list of :class:`JSSPoint`).

    Raises:
        InvalidValueError: *end* before *start*, a step that is not whole
            days, a naive datetime, or more than :data:`MAX_TIMELINE_POINTS`
            points (a longer *step* follows a longer span).
        RulesError: A day before 2015-03-01 without explicit *rules*.
    """
    first = utc_day(start, "start")
    last = utc_day(end, "end")
    if last < first:
        raise InvalidValueError(
            f"end ({last}) must not be before start ({first})", field="end", rule="not before start"
        )
    gap = _step(step)
    count = (last - first).days // gap.days + 1
    if count > MAX_TIMELINE_POINTS:
        raise InvalidValueError(
            f"start {first} to end {last} every {gap.days} day(s) is {count:,} points, more "
            f"than the {MAX_TIMELINE_POINTS:,} one timeline returns: take a longer step or "
            "split the span",
            field="end",
            rule=f"at most {MAX_TIMELINE_POINTS:,} points",
        )
    items = _contracts(contracts)
    excluded = _client_ids(exclude_clients, items)
    recorded = _last_recorded(items)
    points: list[JSSPoint] = []
    engine: _Engine | None = None
    day = first
    while day <= last:
        chosen = _rules(rules, day, "start")
        if engine is None or engine.rules is not chosen:
            engine = _Engine(items, chosen, excluded)
            if recorded is not None:
                engine.project(recorded)
        on = chosen.snapshot(day)
        result = engine.advance(on)
        if recorded is None or on <= recorded:  # the score reads the snapshot day's data
            points.append(JSSPoint(day, result))
        else:
            points.append(JSSPoint(day, result, projected=True, lapses=engine.lapses(on)))
        if last - day < gap:  # the next step would pass *end* (or the calendar's end)
            break
        day += gap
    return JSSTimeline(points)
