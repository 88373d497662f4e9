"""The Job Success Score simulator: a transparent, dated model of Upwork's JSS.

Upwork does not publish the formula.  This module reproduces what Upwork has
said in public (rolling windows, job-size weights, exclusions, eligibility)
and fills the gaps with assumptions that are fields of :class:`JSSRules`, so
every one of them can be seen and changed.  Every score explains itself:
each contract is listed with its :class:`Outcome`, its weight and the reasons.

* :func:`classify` judges one contract; :func:`score` the whole history.
* :func:`timeline` follows the score day by day (incrementally), and
  :func:`explain_change` says which contracts moved it between two dates.
* :func:`what_if` and :func:`forecast` look ahead; :func:`top_rated_weeks`
  applies the 13-of-16-weeks Top Rated rule.

    >>> from datetime import date
    >>> from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss
    >>> def job(n, stars):
    ...     return Contract(f"c{n}", f"client{n}", ContractKind.FIXED_PRICE,
    ...                     started=date(2025, 1, n), ended=date(2025, 2, n),
    ...                     payments=[Payment(date(2025, 2, n), Money(100, "USD"))],
    ...                     feedback=Feedback(stars=stars))
    >>> history = [job(1, "5.0"), job(2, "5.0"), job(3, "5.0"), job(4, "2.0")]
    >>> report = jss.score(history, as_of=date(2025, 6, 1))
    >>> report.score
    75
    >>> report.impact("c4").reasons
    ('public stars 2.0 are poor (below 4)', 'weight 1: earned 100 USD, paid over 1 month')
"""

from __future__ import annotations

import bisect
import calendar
import decimal
import enum
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import cast

import attrs

from upwork_safety import _render
from upwork_safety._events import ResolveDispute
from upwork_safety._validate import LATEST, money_field, utc_day
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.models import Contract, ContractKind, EndReason, Feedback, Payment
from upwork_safety.money import Money
from upwork_safety.rules._jss import (
    CURRENT,
    ELIGIBILITY_2023,
    HISTORY,
    JOB_SIZE_2020,
    LAUNCH_2015,
    NO_FEEDBACK_2020,
    TRENDING_2021,
    JSSRules,
    WeightTier,
    rule_sources,
    rules_as_of,
)

__all__ = [
    "CURRENT",
    "ELIGIBILITY_2023",
    "HISTORY",
    "JOB_SIZE_2020",
    "LAUNCH_2015",
    "NO_FEEDBACK_2020",
    "TRENDING_2021",
    "ChangeItem",
    "Forecast",
    "ForecastBin",
    "FutureJob",
    "Impact",
    "JSSChange",
    "JSSPoint",
    "JSSReport",
    "JSSRules",
    "JSSTimeline",
    "Outcome",
    "TopRatedWeeks",
    "WeightTier",
    "WhatIf",
    "WindowScore",
    "classify",
    "explain_change",
    "forecast",
    "rule_sources",
    "rules_as_of",
    "score",
    "timeline",
    "top_rated_weeks",
    "what_if",
]

_DAY = timedelta(days=1)
_HUNDRED = Fraction(100)
_CENT = Decimal("0.01")


class Outcome(enum.Enum):
    """How one contract counts in the score."""

    #: Counted, and counted as a success.
    POSITIVE = "positive"
    #: Counted in the total, but not as a success (it still lowers the share).
    NEUTRAL = "neutral"
    #: Counted in the total as a failure.
    NEGATIVE = "negative"
    #: Not counted at all.
    EXCLUDED = "excluded"


@attrs.frozen
class Impact:
    """How one contract counts, and why.

    Attributes:
        contract_id: The contract's id.
        client_id: Its client's id.
        outcome: The :class:`Outcome`.
        weight: How many jobs it counts as (``0`` when excluded).
        reasons: Every decision that led to *outcome* and *weight*, in words.
    """

    contract_id: str
    client_id: str
    outcome: Outcome
    weight: Decimal
    reasons: tuple[str, ...]


@attrs.frozen
class WindowScore:
    """The tallies of one rolling window.

    Attributes:
        months: The window's length.
        contracts: Counted contracts inside it.
        clients: Their distinct clients.
        successes: The summed weight of positive outcomes.
        negatives: The summed weight of negative outcomes.
        total: The summed weight of every counted outcome.
        percent: The window's unrounded score in percent (to the hundredth),
            or ``None`` when it has no outcomes or too few clients.
        shown: Whether it competes for the displayed score (eligibility-only
            and trending-only windows do not on their own).
    """

    months: int
    contracts: int
    clients: int
    successes: Decimal
    negatives: Decimal
    total: Decimal
    percent: Decimal | None
    shown: bool


@attrs.frozen
class JSSReport:
    """The score on a day, with every contract's :class:`Impact`.

    Attributes:
        as_of: The day asked about.
        computed_on: The snapshot day the score is computed on (the same as
            *as_of* when scores update daily).
        rules: The name of the :class:`JSSRules` used.
        score: The whole-percent score, or ``None`` when not eligible.
        reason: Why the score is what it is (or why there is none).
        window: The window that gave the displayed score, e.g.
            ``"24 months"`` or ``"trending (6m + 3m)/2"``; ``None`` without a score.
        windows: Each tracked window's tallies, longest first.
        trending: The unrounded trending score in percent, if the rules have one.
        impacts: Every contract's :class:`Impact`, in input order.
    """

    as_of: date
    computed_on: date
    rules: str
    score: int | None
    reason: str
    window: str | None
    windows: tuple[WindowScore, ...]
    trending: Decimal | None
    impacts: tuple[Impact, ...]

    def impact(self, contract_id: str) -> Impact:
        """Return the :class:`Impact` of the contract with *contract_id*.

        Raises:
            InvalidValueError: No contract has that id.
        """
        for impact in self.impacts:
            if impact.contract_id == contract_id:
                return impact
        raise InvalidValueError(f"the report has no contract {contract_id!r}")

    def to_records(self) -> list[dict[str, object]]:
        """One row per contract: id, client, outcome, weight and reasons."""
        return [
            {
                "contract_id": i.contract_id,
                "client_id": i.client_id,
                "outcome": _render.plain(i.outcome),
                "weight": i.weight,
                "reasons": "; ".join(i.reasons),
            }
            for i in self.impacts
        ]

    def _repr_html_(self) -> str:
        shown = "not eligible" if self.score is None else f"{self.score}%"
        caption = f"JSS {shown} as of {self.as_of.isoformat()}: {self.reason}"
        return _render.html_table(self.to_records(), caption=caption)


@attrs.frozen
class JSSPoint:
    """The score on one day of a :func:`timeline`.

    Attributes:
        on: The day.
        score: The whole-percent score, or ``None`` when not eligible.
    """

    on: date
    score: int | None


class JSSTimeline(list[JSSPoint]):
    """The list of :class:`JSSPoint` that :func:`timeline` returns, renderable in notebooks."""

    def to_records(self) -> list[dict[str, object]]:
        """One row per point: ``on`` and ``score``."""
        return [{"on": p.on, "score": p.score} for p in self]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(), caption="JSS timeline", columns=("on", "score")
        )


@attrs.frozen
class WhatIf:
    """The score before and after adding hypothetical contracts.

    Attributes:
        before: The score without them (``None`` when not eligible).
        after: The score with them.
        delta: ``after - before``, or ``None`` when either is ``None``.
        reason: Why the score after is what it is.
    """

    before: int | None
    after: int | None
    delta: int | None
    reason: str

    def to_records(self) -> list[dict[str, object]]:
        """One row: before, after, delta and reason."""
        return [attrs.asdict(self)]

    def _repr_html_(self) -> str:
        return _render.html_table(self.to_records(), caption="JSS what-if")


def _positive_days(_instance: object, _attribute: object, value: int) -> None:
    given = cast("object", value)
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= 3660:
        raise InvalidValueError(
            f"FutureJob.days must be a whole number of days from 1 to 3660 (ten years), "
            f"got {value!r}"
        )


def _optional_client(_instance: object, _attribute: object, value: str | None) -> None:
    given = cast("object", value)
    if given is not None and (not isinstance(given, str) or not given.strip()):
        raise InvalidValueError(
            f"FutureJob.client_id must be a non-empty str or None, got {value!r}"
        )


@attrs.frozen
class FutureJob:
    """A hypothetical job for :func:`forecast`.

    Args:
        amount: What it will pay, in full, on its last day.
        days: How long it runs; jobs run one after another.
        client_id: An existing client's id for a rehire, or ``None`` for a
            new client.

    Raises:
        InvalidValueError: Fewer than 1 day, a negative amount or an empty
            client id.
    """

    amount: Money = attrs.field(validator=money_field)
    days: int = attrs.field(default=30, validator=_positive_days)
    client_id: str | None = attrs.field(default=None, validator=_optional_client)


@attrs.frozen
class ForecastBin:
    """How many trials of a :func:`forecast` ended at one score.

    Attributes:
        score: The whole-percent score, or ``None`` for "not eligible".
        trials: How many trials ended there.
    """

    score: int | None
    trials: int


@attrs.frozen
class Forecast:
    """The simulated distribution of the score once the future jobs are done.

    Attributes:
        as_of: The day the simulation starts.
        on: The day the score is read (the last future job's end).
        current: Today's score.
        trials: The number of trials.
        seed: The seed given to ``random.Random``.
        bins: The distribution, "not eligible" first, then by score.
    """

    as_of: date
    on: date
    current: int | None
    trials: int
    seed: int
    bins: tuple[ForecastBin, ...]

    def chance_at_least(self, threshold: int) -> Decimal:
        """Return the share of trials whose score is at least *threshold*.

        Args:
            threshold: A whole percent, e.g. ``90``.

        Returns:
            A ``Decimal`` from 0 to 1; "not eligible" never counts.
        """
        hits = sum(b.trials for b in self.bins if b.score is not None and b.score >= threshold)
        return Decimal(hits) / Decimal(self.trials)

    @property
    def most_likely(self) -> int | None:
        """The score reached by the most trials (the lowest on a tie)."""
        return max(self.bins, key=lambda b: b.trials).score

    def to_records(self) -> list[dict[str, object]]:
        """One row per score: the score, the trials and their share."""
        return [
            {"score": b.score, "trials": b.trials, "share": Decimal(b.trials) / self.trials}
            for b in self.bins
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"JSS forecast for {self.on.isoformat()} ({self.trials} trials, seed {self.seed}); "
            f"today {self.current}"
        )
        return _render.html_table(self.to_records(), caption=caption)


@attrs.frozen
class TopRatedWeeks:
    """The 13-of-16-weeks Job Success part of the Top Rated rule.

    Attributes:
        as_of: The last week's day.
        weeks: The weekly scores, oldest first.
        threshold: The score a week needs.
        required: How many weeks need it.
        qualifying: How many weeks have it.
        met: Whether *qualifying* reaches *required*.
    """

    as_of: date
    weeks: tuple[JSSPoint, ...]
    threshold: int
    required: int
    qualifying: int
    met: bool

    def to_records(self) -> list[dict[str, object]]:
        """One row per week: the day, the score and whether it qualifies."""
        return [
            {
                "on": p.on,
                "score": p.score,
                "qualifies": p.score is not None and p.score >= self.threshold,
            }
            for p in self.weeks
        ]

    def _repr_html_(self) -> str:
        verdict = "met" if self.met else "not met"
        caption = (
            f"Top Rated JSS rule {verdict}: {self.qualifying} of {len(self.weeks)} weeks at "
            f"{self.threshold}% or more (needs {self.required})"
        )
        return _render.html_table(self.to_records(), caption=caption)


@attrs.frozen
class ChangeItem:
    """One contract whose standing changed between two dates.

    Attributes:
        contract_id: The contract.
        change: ``"entered"`` (counted now, not before), ``"left"`` (counted
            before, not now, e.g. it left the window) or ``"changed"``
            (counted both times, differently).
        before: Its outcome at the earlier date.
        after: Its outcome at the later date.
        weight_before: Its weight at the earlier date.
        weight_after: Its weight at the later date.
        points: How many percentage points (unrounded, to the hundredth) it
            moved the score, applied in list order; ``None`` when a step has
            no score to compare.
        reasons: Why it counts as it does at the later date.
    """

    contract_id: str
    change: str
    before: Outcome
    after: Outcome
    weight_before: Decimal
    weight_after: Decimal
    points: Decimal | None
    reasons: tuple[str, ...]


@attrs.frozen
class JSSChange:
    """Why the score moved between two dates.

    Attributes:
        before: The report at the earlier date.
        after: The report at the later date.
        delta: ``after.score - before.score``, or ``None``.
        changes: Every contract that entered, left or changed.
    """

    before: JSSReport
    after: JSSReport
    delta: int | None
    changes: tuple[ChangeItem, ...]

    def to_records(self) -> list[dict[str, object]]:
        """One row per changed contract."""
        return [
            {
                "contract_id": c.contract_id,
                "change": c.change,
                "before": _render.plain(c.before),
                "after": _render.plain(c.after),
                "weight_before": c.weight_before,
                "weight_after": c.weight_after,
                "points": c.points,
                "reasons": "; ".join(c.reasons),
            }
            for c in self.changes
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"JSS {self.before.score} on {self.before.as_of.isoformat()} → "
            f"{self.after.score} on {self.after.as_of.isoformat()}"
        )
        return _render.html_table(self.to_records(), caption=caption)


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
    if isinstance(value, (str, bytes, Contract)) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"{what} must be a sequence of Contract, not {type(value).__name__}")
    items: list[Contract] = []
    seen: set[str] = set()
    for index, item in enumerate(cast("Iterable[object]", value)):
        if not isinstance(item, Contract):
            raise InvalidTypeError(f"{what}[{index}] must be a Contract, not {type(item).__name__}")
        if item.id in seen:
            raise InvalidValueError(
                f"{what} has two contracts with id {item.id!r}; ids must be unique so "
                "every impact can be told apart"
            )
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def _client_ids(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            "exclude_clients must be a collection of client ids (e.g. a set of str), "
            f"not {type(value).__name__}"
        )
    ids: set[str] = set()
    for client_id in cast("Iterable[object]", value):
        if not isinstance(client_id, str):
            raise InvalidTypeError(
                f"exclude_clients must hold client id strings, not {type(client_id).__name__}"
            )
        ids.add(client_id)
    return frozenset(ids)


def _rules(value: object, on: date) -> JSSRules:
    if value is None:
        return rules_as_of(on)
    if not isinstance(value, JSSRules):
        raise InvalidTypeError(f"rules must be JSSRules or None, not {type(value).__name__}")
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
                "the rules with currency="
            )
        self.pay_dates = [p.on for p in payments]
        totals: list[Decimal] = []
        running = Decimal(0)
        for payment in payments:
            running += payment.amount.amount
            totals.append(running)
        self.pay_totals = totals
        self.negatives, self.strong, self.middling = _signals(contract, rules)
        feedback = contract.feedback
        self.has_feedback = feedback is not None and (
            feedback.stars is not None
            or feedback.private_score is not None
            or feedback.end_reason is not None
        )


def _feedback_signals(
    feedback: Feedback,
    rules: JSSRules,
    negatives: list[str],
    strong: list[str],
    middling: list[str],
) -> None:
    """Sort the client's public stars, private score and end reason into the three lists."""
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


def _signals(
    contract: Contract, rules: JSSRules
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Return the negative, strong and middling signals of *contract*, in words."""
    negatives: list[str] = []
    strong: list[str] = []
    middling: list[str] = []
    if contract.feedback is not None:
        _feedback_signals(contract.feedback, rules, negatives, strong, middling)
    if rules.refund_is_negative:
        refunded = sum((m.refunded.amount for m in contract.milestones), Decimal(0))
        if refunded > 0:
            negatives.append(f"escrow refunded to the client ({refunded})")
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
    contracts: Sequence[Contract], rules: JSSRules, excluded: frozenset[str]
) -> list[_Facts]:
    """The facts of every contract; a rehire is another contract with the same client."""
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

_Verdict = tuple[Outcome, Decimal, date | None, tuple[str, ...]]
_ZERO = Decimal(0)


def _weight_of(rules: JSSRules, earned: Decimal, months_paid: int) -> Decimal:
    weight = next(t.weight for t in rules.weight_tiers if t.up_to is None or earned <= t.up_to)
    weight += rules.duration_bonus * (months_paid // rules.duration_bonus_months)
    cap = rules.weight_cap
    return cap if cap is not None and weight > cap else weight


def _judge(
    facts: _Facts, on: date, rules: JSSRules, cuts: tuple[date, ...], *, explain: bool
) -> _Verdict:
    """Judge *facts* on *on*: (outcome, weight, the day it counts from, reasons).

    *cuts* are the first days of the tracked windows on *on* (see
    :func:`_cuts`).  The day is ``None`` for an open contract, which counts
    in every window.
    Date-dependent reasons are only written when *explain* is true (timelines
    and forecasts skip them).
    """
    if facts.excluded:
        why = f"client {facts.client_id!r} is excluded by the caller"
        return Outcome.EXCLUDED, _ZERO, None, (why,) if explain else ()
    if on < facts.started:
        why = f"starts on {facts.started}, after {on}"
        return Outcome.EXCLUDED, _ZERO, None, (why,) if explain else ()
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
            return outcome, _ZERO, None, tuple(reasons)
    else:
        left_out = _exclusion(facts, on, rules, earned, cuts[0])
        if left_out is not None:
            return Outcome.EXCLUDED, _ZERO, None, (left_out,) if explain else ()
        outcome = _judge_ended(
            facts, on, rules, months_paid=months_paid, reasons=reasons if explain else None
        )
        counts_from = ended
    weight = _weight_of(rules, earned, months_paid)
    if explain:
        unit = "month" if months_paid == 1 else "months"
        reasons.append(
            f"weight {weight}: earned {earned} {facts.currency}, paid over {months_paid} {unit}"
        )
    return outcome, weight, counts_from, tuple(reasons)


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


def _exclusion(
    facts: _Facts, on: date, rules: JSSRules, earned: Decimal, first: date
) -> str | None:
    """Why an ended contract is left out (window, documented exclusions), or ``None``."""
    ended: date = facts.ended  # type: ignore[assignment]
    if ended < first:
        longest = rules.tracked_months[0]
        return f"ended {ended}, more than {longest} months before {on}: outside every window"
    if rules.exclude_unpaid_positive and not earned and facts.strong and not facts.negatives:
        return "nothing earned and positive feedback: excluded (since 2020-03-01)"
    if rules.exclude_no_feedback_no_earnings and not earned and not facts.has_feedback:
        return "no feedback and nothing earned: excluded (since 2020-11-08)"
    return None


def _judge_ended(
    facts: _Facts, on: date, rules: JSSRules, *, months_paid: int, reasons: list[str] | None
) -> Outcome:
    """A counted, ended contract: negative signals first, then strong or long-term ones."""
    if facts.negatives:
        if reasons is not None:
            reasons.extend(facts.negatives)
        return Outcome.NEGATIVE
    rehired = facts.rehire_from is not None and facts.rehire_from <= on
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

_Contribution = tuple[Outcome, Decimal, str, tuple[bool, ...]]


def _cuts(on: date, rules: JSSRules) -> tuple[date, ...]:
    """The first day inside each tracked window on *on*."""
    return tuple(_shift_months(on, -months) for months in rules.tracked_months)


def _contribution(facts: _Facts, verdict: _Verdict, cuts: tuple[date, ...]) -> _Contribution | None:
    outcome, weight, counts_from, _ = verdict
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
    """Sums per tracked window: weights, counted contracts, distinct clients (private)."""

    __slots__ = ("count", "distinct", "negatives", "successes", "total")

    def __init__(self, windows: int) -> None:
        self.successes = [_ZERO] * windows
        self.negatives = [_ZERO] * windows
        self.total = [_ZERO] * windows
        self.count = [0] * windows
        self.distinct = [0] * windows


class _Tally(_Totals):
    """Running sums that contributions are added to and taken from (mutable, private)."""

    __slots__ = ("clients",)

    def __init__(self, windows: int) -> None:
        super().__init__(windows)
        self.clients: list[Counter[str]] = [Counter() for _ in range(windows)]

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
    if rules.formula == "net":
        net = Fraction(tally.successes[index] - tally.negatives[index]) / total
        return max(net, Fraction(0))
    return Fraction(tally.successes[index]) / total


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
    if not rest or mode in {decimal.ROUND_FLOOR, decimal.ROUND_DOWN}:
        return whole
    if mode in {decimal.ROUND_CEILING, decimal.ROUND_UP}:
        return whole + 1
    twice = 2 * rest
    if twice != value.denominator:
        return whole + (twice > value.denominator)
    if mode == decimal.ROUND_HALF_UP:
        return whole + 1
    if mode == decimal.ROUND_HALF_DOWN:
        return whole
    return whole + whole % 2  # ROUND_HALF_EVEN


def _eligibility(tally: _Totals, rules: JSSRules) -> str | None:
    """Why there is no score yet, or ``None`` when eligible."""
    index = rules.tracked_months.index(rules.eligibility_months)
    jobs, clients = tally.count[index], tally.distinct[index]
    if jobs >= rules.min_jobs and clients >= rules.min_clients:
        return None
    return (
        f"not eligible: {jobs} counted job(s) from {clients} client(s) in the last "
        f"{rules.eligibility_months} months; a score needs {rules.min_jobs} jobs from "
        f"{rules.min_clients} clients"
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
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        _CENT, rounding=decimal.ROUND_HALF_UP
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
        InvalidTypeError: *contract* is not a :class:`Contract`.
        CurrencyMismatchError: It is paid in a currency other than the rules'.
    """
    if not isinstance(cast("object", contract), Contract):
        raise InvalidTypeError(f"contract must be a Contract, not {type(contract).__name__}")
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    others = [c for c in _contracts(history, "history") if c.id != contract.id]
    facts = _build([contract, *others], chosen, _client_ids(exclude_clients))[0]
    outcome, weight, _, reasons = _judge(facts, day, chosen, _cuts(day, chosen), explain=True)
    return Impact(contract.id, contract.client.id, outcome, weight, reasons)


def _report(
    contracts: Sequence[Contract], day: date, rules: JSSRules, excluded: frozenset[str]
) -> JSSReport:
    on = rules.snapshot(day)
    facts = _build(contracts, rules, excluded)
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
        InvalidTypeError: Something that is not a :class:`Contract`.
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
        self.facts = _build(contracts, rules, excluded)
        self.tally = _Tally(len(rules.tracked_months))
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
        raise InvalidTypeError(f"step must be a timedelta, not {type(value).__name__}")
    if value < _DAY or value % _DAY:
        raise InvalidValueError(f"step must be a whole number of days (≥ 1), got {value}")
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
        raise InvalidValueError(f"end ({last}) must not be before start ({first})")
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


def what_if(
    contracts: Iterable[Contract],
    extra: Contract | Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> WhatIf:
    """Compare the score with and without hypothetical contracts.

    Args:
        contracts: The real history.
        extra: One contract or several to add.
        as_of: The day.
        rules: The rule set; default the one in force on *as_of*.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`WhatIf` with ``before``, ``after`` and ``delta``.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    added = _contracts((extra,) if isinstance(extra, Contract) else extra, "extra")
    chosen = _rules(rules, day)
    excluded = _client_ids(exclude_clients)
    before = _report(items, day, chosen, excluded)
    after = _report(_contracts((*items, *added)), day, chosen, excluded)
    delta = None
    if before.score is not None and after.score is not None:
        delta = after.score - before.score
    return WhatIf(before.score, after.score, delta, after.reason)


_SIMULATED = (Outcome.POSITIVE, Outcome.NEUTRAL, Outcome.NEGATIVE)


def _odds(value: object) -> tuple[Decimal, ...]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "outcome_odds must map Outcome.POSITIVE/NEUTRAL/NEGATIVE to chances, "
            f"not {type(value).__name__}"
        )
    odds = {outcome: Decimal(0) for outcome in _SIMULATED}
    for key, chance in cast("Mapping[object, object]", value).items():
        if not isinstance(key, Outcome) or key not in odds:
            raise InvalidValueError(
                f"outcome_odds keys must be Outcome.POSITIVE, NEUTRAL or NEGATIVE, got {key!r}"
            )
        amount = _decimal(chance, f"outcome_odds[{key}]")
        if not Decimal(0) <= amount <= Decimal(1):
            raise InvalidValueError(f"outcome_odds[{key}] must be from 0 to 1, got {amount}")
        odds[key] = amount
    total = sum(odds.values(), Decimal(0))
    if total != 1:
        raise InvalidValueError(f"outcome_odds must sum to exactly 1, got {total}")
    return tuple(odds[outcome] for outcome in _SIMULATED)


def _decimal(value: object, what: str) -> Decimal:
    from upwork_safety._validate import decimal_value  # noqa: PLC0415  (keeps imports tidy)

    return decimal_value(value, what)


def _simulated_feedback(outcome: Outcome, rules: JSSRules) -> Feedback:
    if outcome is Outcome.POSITIVE:
        return Feedback(stars=Decimal(5), private_score=10, end_reason=EndReason.COMPLETED)
    if outcome is Outcome.NEUTRAL:
        return Feedback(stars=rules.negative_stars_below)
    return Feedback(stars=Decimal(1), private_score=0, end_reason=EndReason.UNSUCCESSFUL)


def _future_contracts(jobs: Sequence[FutureJob], start: date) -> tuple[list[Contract], date]:
    """One contract per job (without feedback), run back to back from *start*."""
    contracts: list[Contract] = []
    for number, job in enumerate(jobs, 1):
        if job.days > (LATEST - start).days:
            raise InvalidValueError(
                f"the future jobs would run past {LATEST.isoformat()}, the last supported day"
            )
        end = start + timedelta(days=job.days)
        contracts.append(
            Contract(
                id=f"future-{number}",
                client=job.client_id or f"future-client-{number}",
                kind=ContractKind.FIXED_PRICE,
                started=start,
                ended=end,
                payments=(Payment(end, job.amount),) if job.amount.amount > 0 else (),
            )
        )
        start = end
    return contracts, start


def _check_trials(trials: object, seed: object) -> None:
    if isinstance(trials, bool) or not isinstance(trials, int) or trials < 1:
        raise InvalidValueError(f"trials must be a whole number ≥ 1, got {trials!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidTypeError(f"seed must be an int, not {type(seed).__name__}")


def _simulate(
    base: _Tally,
    variants: Sequence[tuple[_Contribution | None, ...]],
    rules: JSSRules,
    *,
    odds: tuple[Decimal, ...],
    trials: int,
    seed: int,
) -> Counter[int | None]:
    """Run the trials on top of *base* and count the scores they end at."""
    rng = random.Random(seed)  # noqa: S311  (a simulation, not cryptography)
    cumulative = [float(sum(odds[: i + 1], Decimal(0))) for i in range(len(odds))]
    choices = range(len(_SIMULATED))
    windows = range(len(base.total))
    counts: Counter[int | None] = Counter()
    for _ in range(trials):
        picks = rng.choices(choices, cum_weights=cumulative, k=len(variants))
        counted = [
            c for row, pick in zip(variants, picks, strict=True) if (c := row[pick]) is not None
        ]
        counts[_outcome(_with(base, counted, windows), rules)[0]] += 1
    return counts


def _with(base: _Tally, counted: Sequence[_Contribution], windows: range) -> _Totals:
    """The totals of *base* plus *counted*, without changing *base*."""
    totals = _Totals(len(windows))
    for index in windows:
        successes, negatives = base.successes[index], base.negatives[index]
        total, count = base.total[index], base.count[index]
        known = base.clients[index]
        fresh: set[str] = set()
        for outcome, weight, client, inside in counted:
            if inside[index]:
                total += weight
                count += 1
                if outcome is Outcome.POSITIVE:
                    successes += weight
                elif outcome is Outcome.NEGATIVE:
                    negatives += weight
                if client not in known:
                    fresh.add(client)
        totals.successes[index], totals.negatives[index] = successes, negatives
        totals.total[index], totals.count[index] = total, count
        totals.distinct[index] = base.distinct[index] + len(fresh)
    return totals


def forecast(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    jobs: Iterable[FutureJob],
    outcome_odds: Mapping[Outcome, Decimal | str | int],
    trials: int,
    seed: int,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> Forecast:
    """Simulate the score after some future jobs, many times (seeded Monte Carlo).

    The jobs run back to back from *as_of*, each paid in full on its last
    day, each for a new client unless it names one.  Each trial draws every
    job's outcome in order with ``random.Random(seed).choices`` over
    POSITIVE, NEUTRAL, NEGATIVE and turns it into feedback (5 stars and
    10/10; middling stars; 1 star, 0/10 and "unsuccessful").  The model then
    judges the jobs like any contract, so a neutral job that lasts three
    months or is a rehire counts as positive.  The score is read on the day
    the last job ends.  No global random state is used: the same seed
    gives the same answer.

    Args:
        contracts: The real history.
        as_of: The day the first job starts.
        jobs: The future jobs, at least one.
        outcome_odds: Chances of ``Outcome.POSITIVE``, ``NEUTRAL`` and
            ``NEGATIVE`` (``Decimal``, ``str`` or ``int``), summing to 1.
        trials: How many trials, at least 1.
        seed: The seed for ``random.Random``.
        rules: The rule set; default the one in force when the last job ends.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`Forecast`.

    Raises:
        InvalidValueError: Odds that do not sum to 1, no jobs, fewer than
            one trial, a naive datetime.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    given = tuple(cast("Iterable[object]", jobs))
    planned = tuple(job for job in given if isinstance(job, FutureJob))
    if not planned or len(planned) != len(given):
        raise InvalidValueError("jobs must be a non-empty sequence of FutureJob")
    odds = _odds(outcome_odds)
    _check_trials(trials, seed)
    excluded = _client_ids(exclude_clients)
    future, horizon = _future_contracts(planned, day)
    chosen = _rules(rules, horizon)
    current = _report(items, day, _rules(rules, day), excluded).score
    on = chosen.snapshot(horizon)
    cuts = _cuts(on, chosen)
    facts = _build([*items, *future], chosen, excluded)
    tally = _Tally(len(cuts))
    for item in facts[: len(items)]:
        contribution = _contribute(item, on, chosen, cuts)
        if contribution is not None:
            tally.add(contribution, 1)
    variants: list[tuple[_Contribution | None, ...]] = []
    for base, contract in zip(facts[len(items) :], future, strict=True):
        row: list[_Contribution | None] = []
        for outcome in _SIMULATED:
            judged = attrs.evolve(contract, feedback=_simulated_feedback(outcome, chosen))
            item = _Facts(judged, chosen, excluded=base.excluded, rehire_from=base.rehire_from)
            row.append(_contribute(item, on, chosen, cuts))
        variants.append(tuple(row))
    counts = _simulate(tally, variants, chosen, odds=odds, trials=trials, seed=seed)
    bins = tuple(
        ForecastBin(result, counts[result])
        for result in sorted(counts, key=lambda s: -1 if s is None else s)
    )
    return Forecast(as_of=day, on=horizon, current=current, trials=trials, seed=seed, bins=bins)


def top_rated_weeks(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> TopRatedWeeks:
    """Apply Top Rated's Job Success rule: 90% or more in 13 of the last 16 weeks.

    The weekly scores are read on *as_of* and on the same weekday of each
    earlier week.  The other Top Rated conditions (earnings, account age)
    are not checked here.

    Args:
        contracts: The freelancer's contracts.
        as_of: The last week's day.
        rules: The rule set for every week; default the one in force on each.
            The thresholds come from *rules* or the rules in force on *as_of*.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`TopRatedWeeks`.
    """
    day = utc_day(as_of, "as_of")
    thresholds = _rules(rules, day)
    first = day - timedelta(weeks=thresholds.top_rated_weeks - 1)
    weeks = tuple(
        timeline(
            contracts,
            start=first,
            end=day,
            step=timedelta(weeks=1),
            rules=rules,
            exclude_clients=exclude_clients,
        )
    )
    qualifying = sum(
        1 for p in weeks if p.score is not None and p.score >= thresholds.top_rated_min_score
    )
    return TopRatedWeeks(
        as_of=day,
        weeks=weeks,
        threshold=thresholds.top_rated_min_score,
        required=thresholds.top_rated_required_weeks,
        qualifying=qualifying,
        met=qualifying >= thresholds.top_rated_required_weeks,
    )


def _raw(tally: _Totals, rules: JSSRules) -> Fraction | None:
    found = _candidates(tally, rules)
    return max(share for _, share in found) if found else None


def _left_windows(
    rules: JSSRules, old: _Contribution | None, new: _Contribution | None
) -> tuple[str, ...]:
    """Say which windows a contract counted both times has left, if any."""
    if old is None or new is None or old[3] == new[3]:
        return ()
    windows = [
        f"{months}-month"
        for months, was, now in zip(rules.tracked_months, old[3], new[3], strict=True)
        if was and not now
    ]
    return (f"left the {', '.join(windows)} window",)


def explain_change(
    contracts: Iterable[Contract],
    before: date | datetime,
    after: date | datetime,
    *,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> JSSChange:
    """Say which contracts moved the score between two days, and by how much.

    Both days are judged with one rule set (*rules*, or the rules in force
    on *after*), so every point of difference comes from the contracts.
    The contracts' changes are applied one by one in input order; each
    item's ``points`` is the exact (unrounded) move of the displayed
    percentage when it is applied.

    Args:
        contracts: The freelancer's contracts.
        before: The earlier day.
        after: The later day.
        rules: The rule set; default the one in force on *after*.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`JSSChange`.
    """
    first = utc_day(before, "before")
    second = utc_day(after, "after")
    if second < first:
        raise InvalidValueError(f"after ({second}) must not be before before ({first})")
    items = _contracts(contracts)
    chosen = _rules(rules, second)
    excluded = _client_ids(exclude_clients)
    report_before = _report(items, first, chosen, excluded)
    report_after = _report(items, second, chosen, excluded)
    facts = _build(items, chosen, excluded)
    on_before, on_after = chosen.snapshot(first), chosen.snapshot(second)
    cuts_before, cuts_after = _cuts(on_before, chosen), _cuts(on_after, chosen)
    tally = _Tally(len(cuts_before))
    olds = [_contribute(f, on_before, chosen, cuts_before) for f in facts]
    for old in olds:
        if old is not None:
            tally.add(old, 1)
    changes: list[ChangeItem] = []
    for index, item in enumerate(facts):
        old = olds[index]
        new = _contribute(item, on_after, chosen, cuts_after)
        if old == new:
            continue
        start = _raw(tally, chosen)
        if old is not None:
            tally.add(old, -1)
        if new is not None:
            tally.add(new, 1)
        finish = _raw(tally, chosen)
        moved = None
        if start is not None and finish is not None:
            moved = _hundredths(finish) - _hundredths(start)
        kind = "entered" if old is None else "left" if new is None else "changed"
        was, now = report_before.impacts[index], report_after.impacts[index]
        reasons = _left_windows(chosen, old, new) + now.reasons
        changes.append(
            ChangeItem(
                contract_id=item.contract_id,
                change=kind,
                before=was.outcome,
                after=now.outcome,
                weight_before=was.weight,
                weight_after=now.weight,
                points=moved,
                reasons=reasons,
            )
        )
    delta = None
    if report_before.score is not None and report_after.score is not None:
        delta = report_after.score - report_before.score
    return JSSChange(report_before, report_after, delta, tuple(changes))
