"""The model itself: judge each contract, tally the windows, and turn the tallies into a score.

:func:`classify` judges one contract and :func:`score` a history on one day;
:func:`timeline` keeps the tallies current day by day, re-judging a contract
only on the days its standing can change.  The helpers here (facts,
verdicts, tallies, the score of a tally) are shared with the forecast,
explanation and Top Rated modules of this package.
"""

from __future__ import annotations

import bisect
import calendar
import decimal
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import cast

from upwork_safety._events import ResolveDispute
from upwork_safety._validate import utc_day
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.jss._reports import (
    Impact,
    JSSPoint,
    JSSReport,
    JSSTimeline,
    Outcome,
    WindowScore,
)
from upwork_safety.models import Contract, Feedback
from upwork_safety.money import CONTEXT
from upwork_safety.rules import JSS_HISTORY, Formula, JSSRules, Rounding

__all__ = ["classify", "score", "timeline"]

_DAY = timedelta(days=1)
_HUNDRED = Fraction(100)
_CENT = Decimal("0.01")
_ZERO = Decimal(0)


# --------------------------------------------------------------------------
# Dates


def _shift_months(day: date, months: int) -> date:
    """Move *day* by whole calendar *months*, clamping to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _months_between(start: date, end: date) -> int:
    """Whole calendar months from *start* to *end* (0 when *end* is not after it)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if _shift_months(start, months) <= end else months - 1


def _leaves(ended: date, months: int) -> date:
    """The first day on which a contract that ended on *ended* is outside an N-month window."""
    day = _shift_months(ended, months)
    while _shift_months(day, -months) <= ended:
        day += _DAY
    return day


# --------------------------------------------------------------------------
# Input checks


def _contracts(value: object, what: str = "contracts") -> tuple[Contract, ...]:
    if isinstance(value, (str, bytes, Contract, Mapping)) or not isinstance(value, Iterable):
        hint = " (wrap a single one in a list: [contract])" if isinstance(value, Contract) else ""
        raise InvalidTypeError(
            f"{what} must be a sequence of Contract, not {type(value).__name__}{hint}",
            field=what,
            rule="a sequence of Contract",
        )
    items: list[Contract] = []
    seen: set[str] = set()
    for index, item in enumerate(cast("Iterable[object]", value)):
        if not isinstance(item, Contract):
            raise InvalidTypeError(
                f"{what}[{index}] must be a Contract, not {type(item).__name__}",
                field=f"{what}[{index}]",
                rule="a Contract",
            )
        if item.id in seen:
            raise InvalidValueError(
                f"{what} has two contracts with id {item.id!r}; ids must be unique so "
                "every impact can be told apart",
                field=f"{what}[{index}].id",
                rule="unique contract ids",
            )
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def _client_ids(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            "exclude_clients must be a collection of client ids (e.g. a set of str), "
            f"not {type(value).__name__}",
            field="exclude_clients",
            rule="a collection of client ids",
        )
    ids: set[str] = set()
    for client_id in cast("Iterable[object]", value):
        if not isinstance(client_id, str):
            raise InvalidTypeError(
                f"exclude_clients must hold client id strings, not {type(client_id).__name__}",
                field="exclude_clients",
                rule="client id strings",
            )
        ids.add(client_id)
    return frozenset(ids)


def _rules(value: object, on: date) -> JSSRules:
    if value is None:
        return JSS_HISTORY.in_force(on)
    if not isinstance(value, JSSRules):
        raise InvalidTypeError(
            f"rules must be JSSRules or None, not {type(value).__name__}",
            field="rules",
            rule="JSSRules or None",
        )
    return value


# --------------------------------------------------------------------------
# What is known about each contract, independent of the day


class _Facts:
    """The date-independent facts about one contract under one rule set."""

    __slots__ = (
        "client_id",
        "contract_id",
        "currency",
        "ended",
        "excluded",
        "has_feedback",
        "middling",
        "negatives",
        "pay_dates",
        "pay_totals",
        "rehire_from",
        "started",
        "strong",
    )

    def __init__(
        self,
        contract: Contract,
        rules: JSSRules,
        *,
        excluded: bool,
        rehire_from: date | None,
        words: bool = True,
    ) -> None:
        self.contract_id = contract.id
        self.client_id = contract.client.id
        self.started = contract.started
        self.ended = contract.ended
        self.excluded = excluded
        self.rehire_from = rehire_from
        payments = sorted(contract.payments, key=lambda p: p.on)
        self.currency = rules.currency
        if payments and payments[0].amount.currency != rules.currency:
            raise CurrencyMismatchError(
                f"contract {contract.id!r} is paid in {payments[0].amount.currency}, but the "
                f"JSS weight tiers are in {rules.currency}: convert the payments or evolve "
                "the rules with currency=",
                field=f"contract {contract.id!r} payments",
                rule=f"paid in {rules.currency}",
            )
        self.pay_dates = [p.on for p in payments]
        totals: list[Decimal] = []
        running = _ZERO
        for payment in payments:
            running = CONTEXT.add(running, payment.amount.amount)
            totals.append(running)
        self.pay_totals = totals
        self.negatives, self.strong, self.middling = _signals(contract, rules, words=words)
        feedback = contract.feedback
        self.has_feedback = feedback is not None and (
            feedback.stars is not None
            or feedback.private_score is not None
            or feedback.end_reason is not None
        )


#: What a signal says when nobody will read it (timelines, forecasts, batches).
_SILENT = "(not written)"


def _feedback_signals(
    feedback: Feedback,
    rules: JSSRules,
    negatives: list[str],
    strong: list[str],
    middling: list[str],
    *,
    words: bool,
) -> None:
    """Sort the client's public stars, private score and end reason into the three lists."""
    if not words:
        _feedback_flags(feedback, rules, negatives, strong, middling)
        return
    stars = feedback.stars
    if stars is not None:
        if stars < rules.negative_stars_below:
            negatives.append(f"public stars {stars} are poor (below {rules.negative_stars_below})")
        elif stars >= rules.positive_stars_at_least:
            strong.append(
                f"public stars {stars} are strong ({rules.positive_stars_at_least} or more)"
            )
        else:
            middling.append(f"public stars {stars} are middling")
    private = feedback.private_score
    if private is not None:
        if private < rules.detractor_private_below:
            negatives.append(
                f"private score {private}/10 is a detractor (below "
                f"{rules.detractor_private_below}); private feedback counts even when "
                "the public stars are good"
            )
        elif private >= rules.promoter_private_at_least:
            strong.append(f"private score {private}/10 is a promoter")
        else:
            middling.append(f"private score {private}/10 is passive")
    reason = feedback.end_reason
    if reason is not None and reason in rules.negative_end_reasons:
        negatives.append(f"ended as {reason.value.replace('_', ' ')!r}")


def _feedback_flags(
    feedback: Feedback,
    rules: JSSRules,
    negatives: list[str],
    strong: list[str],
    middling: list[str],
) -> None:
    """:func:`_feedback_signals` without the words: the same decisions, one marker each."""
    stars, private, reason = feedback.stars, feedback.private_score, feedback.end_reason
    if stars is not None:
        if stars < rules.negative_stars_below:
            negatives.append(_SILENT)
        elif stars >= rules.positive_stars_at_least:
            strong.append(_SILENT)
        else:
            middling.append(_SILENT)
    if private is not None:
        if private < rules.detractor_private_below:
            negatives.append(_SILENT)
        elif private >= rules.promoter_private_at_least:
            strong.append(_SILENT)
        else:
            middling.append(_SILENT)
    if reason is not None and reason in rules.negative_end_reasons:
        negatives.append(_SILENT)


def _signals(
    contract: Contract, rules: JSSRules, *, words: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Return the negative, strong and middling signals of *contract*, in words.

    Without *words* every signal is the same short marker: the decisions
    (which lists are empty) are identical, only the text is not written.
    """
    negatives: list[str] = []
    strong: list[str] = []
    middling: list[str] = []
    if contract.feedback is not None:
        _feedback_signals(contract.feedback, rules, negatives, strong, middling, words=words)
    if rules.refund_is_negative:
        refunded = sum((m.refunded.amount for m in contract.milestones), _ZERO)
        if refunded > 0:
            negatives.append(f"escrow refunded to the client ({refunded})" if words else _SILENT)
    if rules.lost_dispute_is_negative:
        negatives.extend(
            f"lost the dispute on milestone {event.milestone_id!r} "
            f"({event.to_client} to the client, {event.to_freelancer} to the freelancer)"
            for event in contract.history
            if isinstance(event, ResolveDispute)
            and event.to_client.amount > event.to_freelancer.amount
        )
    return tuple(negatives), tuple(strong), tuple(middling)


def _build(
    contracts: Sequence[Contract],
    rules: JSSRules,
    excluded: frozenset[str],
    *,
    words: bool = True,
) -> list[_Facts]:
    """The facts of every contract; a rehire is another contract with the same client.

    Without *words* the reasons are not written (for timelines and forecasts,
    which only need the decisions).
    """
    first: dict[str, list[tuple[date, int]]] = {}
    for index, contract in enumerate(contracts):
        starts = first.setdefault(contract.client.id, [])
        starts.append((contract.started, index))
        starts.sort()
        del starts[2:]
    facts: list[_Facts] = []
    for index, contract in enumerate(contracts):
        others = [start for start, i in first[contract.client.id] if i != index]
        facts.append(
            _Facts(
                contract,
                rules,
                excluded=contract.client.id in excluded,
                rehire_from=others[0] if others else None,
                words=words,
            )
        )
    return facts


def _changes(facts: _Facts, rules: JSSRules) -> set[date]:
    """Every day on which the contract's standing may differ from the day before."""
    days = {facts.started, *facts.pay_dates}
    ended = facts.ended
    for paid in (facts.started, *facts.pay_dates):
        idle = paid + rules.open_idle_after
        if ended is None or idle < ended:
            days.add(idle)
    if ended is not None:
        days.add(ended)
        days.update(_leaves(ended, months) for months in rules.tracked_months)
    if facts.rehire_from is not None:
        days.add(facts.rehire_from)
    return days


# --------------------------------------------------------------------------
# Judging one contract on one day

#: (outcome, weight, the day it counts from, reasons, counts only toward
#: lifetime eligibility)
_Verdict = tuple[Outcome, Decimal, date | None, tuple[str, ...], bool]


def _weight_of(rules: JSSRules, earned: Decimal, months_paid: int, outcome: Outcome) -> Decimal:
    if not earned and rules.unpaid_weight is not None:
        weight = rules.unpaid_weight
    else:
        weight = rules.weight_tiers[-1].weight  # the open top tier (up_to None)
        for tier in rules.weight_tiers[:-1]:
            if earned <= tier.up_to:  # type: ignore[operator]  # only the last tier is open
                weight = tier.weight
                break
    bonus = rules.duration_bonus
    if outcome is not Outcome.POSITIVE and rules.duration_bonus_non_positive is not None:
        bonus = rules.duration_bonus_non_positive
    periods = months_paid // rules.duration_bonus_months
    if periods and bonus:
        weight = CONTEXT.add(weight, CONTEXT.multiply(bonus, Decimal(periods)))
    cap = rules.weight_cap
    return cap if cap is not None and weight > cap else weight


def _judge(
    facts: _Facts, on: date, rules: JSSRules, cuts: tuple[date, ...], *, explain: bool
) -> _Verdict:
    """Judge *facts* on *on*: (outcome, weight, the day it counts from, reasons, lifetime).

    *cuts* are the first days of the tracked windows on *on* (see
    :func:`_cuts`).  The day is ``None`` for an open contract, which counts
    in every window.  Date-dependent reasons are only written when *explain*
    is true (timelines and forecasts skip them).
    """
    if facts.excluded:
        why = f"client {facts.client_id!r} is excluded by the caller"
        return Outcome.EXCLUDED, _ZERO, None, (why,) if explain else (), False
    if on < facts.started:
        why = f"starts on {facts.started}, after {on}"
        return Outcome.EXCLUDED, _ZERO, None, (why,) if explain else (), False
    paid = bisect.bisect_right(facts.pay_dates, on)
    earned = facts.pay_totals[paid - 1] if paid else _ZERO
    last_paid = facts.pay_dates[paid - 1] if paid else None
    months_paid = _months_between(facts.started, last_paid) if last_paid is not None else 0
    reasons: list[str] = []
    ended = facts.ended
    if ended is None or ended > on:
        outcome = _judge_open(facts, on, rules, last_paid, reasons if explain else None)
        counts_from = None
        if outcome is Outcome.EXCLUDED:
            return outcome, _ZERO, None, tuple(reasons), False
    else:
        left_out = _exclusion(facts, rules, earned)
        if left_out is not None:
            return Outcome.EXCLUDED, _ZERO, None, (left_out,) if explain else (), False
        if ended < cuts[0]:
            longest = rules.tracked_months[0]
            why = f"ended {ended}, more than {longest} months before {on}: outside every window"
            return (
                Outcome.EXCLUDED,
                _ZERO,
                ended,
                (why,) if explain else (),
                (rules.lifetime_eligibility),
            )
        outcome = _judge_ended(
            facts,
            on,
            rules,
            months_paid=months_paid,
            earned=earned,
            reasons=reasons if explain else None,
        )
        counts_from = ended
    weight = _weight_of(rules, earned, months_paid, outcome)
    if explain:
        unit = "month" if months_paid == 1 else "months"
        reasons.append(
            f"weight {weight}: earned {earned} {facts.currency}, paid over {months_paid} {unit}"
        )
    return outcome, weight, counts_from, tuple(reasons), False


def _judge_open(
    facts: _Facts, on: date, rules: JSSRules, last_paid: date | None, reasons: list[str] | None
) -> Outcome:
    """An open contract: idle (neutral), paid long-term (positive) or not counted yet."""
    idle_since = facts.started if last_paid is None else last_paid
    interval = rules.long_term_payment_interval
    if on - idle_since >= rules.open_idle_after:
        if reasons is not None:
            reasons.append(
                f"open with no payment since {idle_since} ({(on - idle_since).days} days): "
                "counts as not successful"
            )
        return Outcome.NEUTRAL
    if last_paid is not None and last_paid - facts.started >= interval:
        if reasons is not None:
            reasons.append(
                f"open long-term contract paid from {facts.started} to {last_paid}: "
                f"counts once paid over {interval.days} days"
            )
        return Outcome.POSITIVE
    if reasons is not None:
        why = "still open and paid recently" if last_paid else "still open, started recently"
        reasons.append(f"{why}: counts once paid over {interval.days} days")
    return Outcome.EXCLUDED


def _exclusion(facts: _Facts, rules: JSSRules, earned: Decimal) -> str | None:
    """Why an ended contract is left out by a documented exclusion, or ``None``."""
    if rules.exclude_unpaid_positive and not earned and facts.strong and not facts.negatives:
        return "nothing earned and positive feedback: excluded (since 2020-03-01)"
    if rules.exclude_no_feedback and not facts.has_feedback:
        return (
            "ended without feedback: excluded, whether or not anything was paid (since 2020-11-08)"
        )
    return None


def _judge_ended(
    facts: _Facts,
    on: date,
    rules: JSSRules,
    *,
    months_paid: int,
    earned: Decimal,
    reasons: list[str] | None,
) -> Outcome:
    """A counted, ended contract: negative signals first, then strong or long-term ones."""
    if facts.negatives:
        if reasons is not None:
            reasons.extend(facts.negatives)
        return Outcome.NEGATIVE
    rehired = facts.rehire_from is not None and facts.rehire_from <= on
    if rehired and rules.rehire_needs_earnings and not earned:
        rehired = False
    long_term = months_paid >= rules.long_term_months
    if facts.strong or long_term or rehired:
        if reasons is not None:
            reasons.extend(facts.strong)
            if long_term:
                reasons.append(f"long-term: paid over {months_paid} months")
            if rehired:
                reasons.append(f"rehired: client {facts.client_id!r} hired again")
        return Outcome.POSITIVE
    if reasons is not None:
        reasons.extend(facts.middling or ("no feedback",))
        reasons.append("no strong feedback and no long-term relationship")
    return Outcome.NEUTRAL


# --------------------------------------------------------------------------
# Tallies and the score they give

#: (outcome, weight, client id, inside each slot: the tracked windows, then
#: the lifetime slot when eligibility counts every job ever)
_Contribution = tuple[Outcome, Decimal, str, tuple[bool, ...]]


def _cuts(on: date, rules: JSSRules) -> tuple[date, ...]:
    """The first day inside each slot on *on* (the lifetime slot starts at the dawn of time)."""
    cuts = tuple(_shift_months(on, -months) for months in rules.tracked_months)
    return (*cuts, date.min) if rules.lifetime_eligibility else cuts


def _contribution(facts: _Facts, verdict: _Verdict, cuts: tuple[date, ...]) -> _Contribution | None:
    outcome, weight, counts_from, _, lifetime_only = verdict
    if lifetime_only:
        return outcome, weight, facts.client_id, (False,) * (len(cuts) - 1) + (True,)
    if outcome is Outcome.EXCLUDED:
        return None
    if counts_from is None:
        inside = (True,) * len(cuts)
    else:
        inside = tuple(counts_from >= cut for cut in cuts)
    return outcome, weight, facts.client_id, inside


def _contribute(
    facts: _Facts, on: date, rules: JSSRules, cuts: tuple[date, ...]
) -> _Contribution | None:
    """What *facts* adds to the tallies on *on* (``None`` when excluded)."""
    return _contribution(facts, _judge(facts, on, rules, cuts, explain=False), cuts)


class _Totals:
    """Sums per slot: weights by outcome, counted contracts, distinct clients (private)."""

    __slots__ = ("count", "distinct", "negatives", "neutrals", "successes", "total")

    def __init__(self, slots: int) -> None:
        self.successes = [_ZERO] * slots
        self.neutrals = [_ZERO] * slots
        self.negatives = [_ZERO] * slots
        self.total = [_ZERO] * slots
        self.count = [0] * slots
        self.distinct = [0] * slots


class _Tally(_Totals):
    """Running sums that contributions are added to and taken from (mutable, private)."""

    __slots__ = ("clients",)

    def __init__(self, slots: int) -> None:
        super().__init__(slots)
        self.clients: list[Counter[str]] = [Counter() for _ in range(slots)]

    def add(self, contribution: _Contribution, sign: int) -> None:
        """Add a contribution (*sign* 1) or take it away again (*sign* -1)."""
        outcome, weight, client, inside = contribution
        signed = weight if sign > 0 else -weight
        for index, member in enumerate(inside):
            if not member:
                continue
            self.total[index] += signed
            if outcome is Outcome.POSITIVE:
                self.successes[index] += signed
            elif outcome is Outcome.NEGATIVE:
                self.negatives[index] += signed
            elif outcome is Outcome.NEUTRAL:
                self.neutrals[index] += signed
            self.count[index] += sign
            clients = self.clients[index]
            before = clients[client]
            now = before + sign
            if now:
                clients[client] = now
            else:
                del clients[client]
            if not before:
                self.distinct[index] += 1
            elif not now:
                self.distinct[index] -= 1


def _share(tally: _Totals, index: int, rules: JSSRules) -> Fraction | None:
    if not tally.count[index] or tally.distinct[index] < rules.min_window_clients:
        return None
    total = Fraction(tally.total[index])
    if not total:
        return None
    credited = Fraction(tally.successes[index])
    if rules.neutral_credit:
        credited += Fraction(rules.neutral_credit) * Fraction(tally.neutrals[index])
    if rules.formula is Formula.NET:
        net = (credited - Fraction(tally.negatives[index])) / total
        return max(net, Fraction(0))
    return credited / total


def _candidates(tally: _Totals, rules: JSSRules) -> list[tuple[str, Fraction]]:
    """The windows competing for the displayed score, with their shares."""
    position = {months: i for i, months in enumerate(rules.tracked_months)}
    found: list[tuple[str, Fraction]] = []
    for months in rules.windows:
        share = _share(tally, position[months], rules)
        if share is not None:
            found.append((f"{months} months", share))
    if rules.trending is not None:
        trend = _trend(tally, rules, position)
        if trend is not None:
            long, short = rules.trending
            found.append((f"trending ({long}m + {short}m)/2", trend))
    return found


def _trend(tally: _Totals, rules: JSSRules, position: Mapping[int, int]) -> Fraction | None:
    long, short = rules.trending  # type: ignore[misc]
    first = _share(tally, position[long], rules)
    second = _share(tally, position[short], rules)
    if first is None or second is None:
        return None
    return (first + second) / 2


def _round(value: Fraction, mode: str) -> int:
    """Round a non-negative *value* to a whole number with a decimal rounding *mode*."""
    whole, rest = divmod(value.numerator, value.denominator)
    if not rest or mode in {Rounding.FLOOR, Rounding.DOWN}:
        return whole
    if mode in {Rounding.CEILING, Rounding.UP}:
        return whole + 1
    twice = 2 * rest
    if twice != value.denominator:
        return whole + (twice > value.denominator)
    if mode == Rounding.HALF_UP:
        return whole + 1
    if mode == Rounding.HALF_DOWN:
        return whole
    return whole + whole % 2  # ROUND_HALF_EVEN


def _eligibility_slot(rules: JSSRules) -> int:
    if rules.eligibility_months is None:
        return len(rules.tracked_months)
    return rules.tracked_months.index(rules.eligibility_months)


def _eligibility(tally: _Totals, rules: JSSRules) -> str | None:
    """Why there is no score yet, or ``None`` when eligible."""
    index = _eligibility_slot(rules)
    jobs, clients = tally.count[index], tally.distinct[index]
    if jobs >= rules.min_jobs and clients >= rules.min_clients:
        return None
    where = (
        "in the freelancer's lifetime"
        if rules.eligibility_months is None
        else f"in the last {rules.eligibility_months} months"
    )
    return (
        f"not eligible: {jobs} counted job(s) from {clients} client(s) {where}; "
        f"a score needs {rules.min_jobs} jobs from {rules.min_clients} clients"
    )


def _outcome(tally: _Totals, rules: JSSRules) -> tuple[int | None, str, str | None]:
    """The score, its reason and the window that gave it."""
    not_eligible = _eligibility(tally, rules)
    if not_eligible is not None:
        return None, not_eligible, None
    found = _candidates(tally, rules)
    if not found:
        return (
            None,
            f"no window has outcomes from {rules.min_window_clients} distinct clients",
            None,
        )
    label, share = max(found, key=lambda item: item[1])
    result = _round(share * _HUNDRED, rules.rounding)
    return result, f"{result}% from the {label} window ({rules.formula})", label


def _percent(share: Fraction | None) -> Decimal | None:
    return None if share is None else _hundredths(share)


def _hundredths(share: Fraction) -> Decimal:
    """*share* as a percentage, rounded half up to the hundredth."""
    exact = share * _HUNDRED
    return CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator)).quantize(
        _CENT, rounding=decimal.ROUND_HALF_UP, context=CONTEXT
    )


# --------------------------------------------------------------------------
# Public API


def classify(
    contract: Contract,
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    history: Iterable[Contract] = (),
    exclude_clients: Iterable[str] = (),
) -> Impact:
    """Judge one contract on a day: its outcome, weight and the reasons.

    Args:
        contract: The contract.
        as_of: The day (a date, or an aware datetime whose UTC date is used).
        rules: The rule set; default the one in force on *as_of*.
        history: The freelancer's other contracts, used to spot rehires
            (another contract with the same client).
        exclude_clients: Client ids to leave out of the score.

    Returns:
        The contract's :class:`Impact`.  A contract that ended outside the
        longest window is excluded; use :func:`score` for per-window detail.

    Raises:
        InvalidValueError: A naive datetime.
        InvalidTypeError: *contract* is not a :class:`~upwork_safety.Contract`.
        CurrencyMismatchError: It is paid in a currency other than the rules'.
    """
    if not isinstance(cast("object", contract), Contract):
        raise InvalidTypeError(
            f"contract must be a Contract, not {type(contract).__name__}",
            field="contract",
            rule="a Contract",
        )
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    others = [c for c in _contracts(history, "history") if c.id != contract.id]
    facts = _build([contract, *others], chosen, _client_ids(exclude_clients))[0]
    outcome, weight, _, reasons, _ = _judge(facts, day, chosen, _cuts(day, chosen), explain=True)
    return Impact(contract.id, contract.client.id, outcome, weight, reasons)


def _facts_report(facts: Sequence[_Facts], day: date, rules: JSSRules) -> JSSReport:
    """The report on *day* of contracts already turned into facts under *rules*."""
    on = rules.snapshot(day)
    cuts = _cuts(on, rules)
    tally = _Tally(len(cuts))
    impacts: list[Impact] = []
    for item in facts:
        verdict = _judge(item, on, rules, cuts, explain=True)
        contribution = _contribution(item, verdict, cuts)
        if contribution is not None:
            tally.add(contribution, 1)
        impacts.append(Impact(item.contract_id, item.client_id, verdict[0], verdict[1], verdict[3]))
    result, reason, label = _outcome(tally, rules)
    if not facts:
        reason = "not eligible: no contracts yet"
    shown = {*rules.windows, *(rules.trending or ())}
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
        rules=rules.name,
        score=result,
        reason=reason,
        window=label,
        windows=windows,
        trending=trending,
        impacts=tuple(impacts),
    )


def _report(
    contracts: Sequence[Contract], day: date, rules: JSSRules, excluded: frozenset[str]
) -> JSSReport:
    return _facts_report(_build(contracts, rules, excluded), day, rules)


def _score_only(
    facts: Sequence[_Facts], day: date, rules: JSSRules
) -> tuple[int | None, str, str | None]:
    """The score, reason and window of *facts* on *day*, without writing any reasons."""
    on = rules.snapshot(day)
    cuts = _cuts(on, rules)
    tally = _Tally(len(cuts))
    for item in facts:
        contribution = _contribute(item, on, rules, cuts)
        if contribution is not None:
            tally.add(contribution, 1)
    return _outcome(tally, rules)


def score(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
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
            removed from the score).

    Returns:
        A :class:`JSSReport`.

    Raises:
        InvalidValueError: A naive datetime, or duplicate contract ids.
        InvalidTypeError: Something that is not a :class:`~upwork_safety.Contract`.
        CurrencyMismatchError: Contracts paid in a currency other than the
            rules' (so also contracts in mixed currencies).
        RulesError: A day before 2015-03-01 without explicit *rules*.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    return _report(items, day, _rules(rules, day), _client_ids(exclude_clients))


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


def _step(value: object) -> timedelta:
    if not isinstance(value, timedelta):
        raise InvalidTypeError(
            f"step must be a timedelta, not {type(value).__name__}",
            field="step",
            rule="a timedelta of whole days",
        )
    if value < _DAY or value % _DAY:
        raise InvalidValueError(
            f"step must be a whole number of days (≥ 1), got {value}",
            field="step",
            rule="whole days, at least one",
        )
    return value


def timeline(
    contracts: Iterable[Contract],
    *,
    start: date | datetime,
    end: date | datetime,
    step: timedelta = _DAY,
    rules: JSSRules | None = None,
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
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`JSSTimeline` (a list of :class:`JSSPoint`).

    Raises:
        InvalidValueError: *end* before *start*, a step that is not whole
            days, a naive datetime.
        RulesError: A day before 2015-03-01 without explicit *rules*.
    """
    first = utc_day(start, "start")
    last = utc_day(end, "end")
    if last < first:
        raise InvalidValueError(
            f"end ({last}) must not be before start ({first})", field="end", rule="not before start"
        )
    gap = _step(step)
    items = _contracts(contracts)
    excluded = _client_ids(exclude_clients)
    points = JSSTimeline()
    engine: _Engine | None = None
    day = first
    while day <= last:
        chosen = _rules(rules, day)
        if engine is None or engine.rules is not chosen:
            engine = _Engine(items, chosen, excluded)
        points.append(JSSPoint(day, engine.advance(chosen.snapshot(day))))
        if last - day < gap:  # the next step would pass *end* (or the calendar's end)
            break
        day += gap
    return points
