"""The tallies of the JSS windows and the score they give (private).

A verdict becomes a contribution to each window it falls in (:func:`_cuts`
gives the windows' first days); a :class:`_Tally` adds contributions up
and takes them away again as the day moves; :func:`_outcome` turns the
tally into the score, its reason and the window that gave it.
"""

from __future__ import annotations

import decimal
from collections import Counter
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, cast

from upwork_safety._decimals import CONTEXT
from upwork_safety.jss._judge import _judge, _Verdict
from upwork_safety.jss._months import _window_start
from upwork_safety.jss._points import credit, exact_points, unit
from upwork_safety.jss._points import share as _exact_share
from upwork_safety.jss._reason_codes import ReasonCode, Said, ScoreReason
from upwork_safety.jss._reports import Outcome, _trending_label, _window_label
from upwork_safety.rules import Formula, JSSRules, Rounding

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from upwork_safety.jss._facts import _Facts

_HUNDRED = Fraction(100)
_CENT = Decimal("0.01")
_ZERO = Decimal(0)


#: (outcome, weight, client id, inside each slot: the tracked windows, then
#: the eligibility slot, which counts the eligible jobs: every job ever when
#: eligibility is lifetime, else those in its window)
_Contribution = tuple[Outcome, Decimal, str, tuple[bool, ...]]


def _cuts(on: date, rules: JSSRules) -> tuple[date, ...]:
    """The first end day inside each slot on *on*: the tracked windows, then eligibility's.

    A contract is inside a slot when it ended on or after its cut
    (:func:`~upwork_safety.jss._months._window_start`, read from the one
    window rule).  A window reaching back before the calendar's first day
    starts on it (``date.min``), as the lifetime eligibility slot does.
    """
    cuts = tuple(_window_start(on, months) for months in rules.tracked_months)
    months = rules.eligibility_months
    return (*cuts, date.min if months is None else _window_start(on, months))


def _contribution(facts: _Facts, verdict: _Verdict, cuts: tuple[date, ...]) -> _Contribution | None:
    outcome, weight, counts_from, _, scope, _ = verdict
    if scope == "eligibility only":
        # A job outside every window (lifetime eligibility) or a $0 job with positive
        # feedback: an eligible job while inside the eligibility slot.
        eligible = counts_from is None or cuts[-1] <= counts_from
        return outcome, weight, facts.client_id, (False,) * (len(cuts) - 1) + (eligible,)
    if outcome is Outcome.EXCLUDED:
        return None
    if counts_from is None:
        # An open contract counts in every window; it is an eligible job only when it
        # is not idle (DOMAIN.md section 6: the jobs with feedback, and long-term
        # contracts paid at least every 90 days; an idle one counts in the score
        # alone, as not successful or, with a refund or a lost dispute, as negative).
        inside = (True,) * (len(cuts) - 1) + (scope != "score only",)
    else:
        inside = tuple(cut <= counts_from for cut in cuts)
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
    total = tally.total[index]
    if not total:
        return None
    # What each outcome's weight counts for comes from the one rule the points
    # read too (_points.credit), so the share and the points cannot drift apart.
    net = rules.formula is Formula.NET
    neutral = Fraction(rules.neutral_credit)
    share = _exact_share(
        (
            (credit(outcome, net=net, neutral_credit=neutral), weight)
            for outcome, weight in (
                (Outcome.POSITIVE, tally.successes[index]),
                (Outcome.NEUTRAL, tally.neutrals[index]),
                (Outcome.NEGATIVE, tally.negatives[index]),
            )
        ),
        total,
    )
    return max(share, Fraction(0)) if net else share


def _candidates(tally: _Totals, rules: JSSRules) -> list[tuple[str, Fraction]]:
    """The windows competing for the displayed score, with their shares."""
    position = {months: i for i, months in enumerate(rules.tracked_months)}
    found: list[tuple[str, Fraction]] = []
    for months in rules.windows:
        share = _share(tally, position[months], rules)
        if share is not None:
            found.append((_window_label(months), share))
    if rules.trending is not None:
        trend = _trend(tally, rules, position)
        if trend is not None:
            long, short = rules.trending
            found.append((_trending_label(long, short), trend))
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


def _eligibility(tally: _Totals, rules: JSSRules) -> str | None:
    """Why there is no score yet, or ``None`` when eligible."""
    index = len(rules.tracked_months)  # the eligibility slot, after the windows
    jobs, clients = tally.count[index], tally.distinct[index]
    if jobs >= rules.min_jobs and clients >= rules.min_clients:
        return None
    where = (
        "in the freelancer's lifetime"
        if rules.eligibility_months is None
        else f"in the last {rules.eligibility_months} months"
    )
    return (
        f"not eligible: {jobs} eligible job(s) from {clients} client(s) {where}; "
        f"a score needs {rules.min_jobs} jobs from {rules.min_clients} clients"
    )


def _outcome(
    tally: _Totals, rules: JSSRules
) -> tuple[int | None, str, str | None, tuple[ScoreReason, ...]]:
    """The score, its reason, the window that gave it, and the reason's codes."""
    not_eligible = _eligibility(tally, rules)
    if not_eligible is not None:
        return None, not_eligible, None, (ScoreReason.NOT_ELIGIBLE,)
    found = _candidates(tally, rules)
    if not found:
        if not any(tally.count[rules.tracked_months.index(months)] for months in rules.windows):
            longest = max(rules.windows)
            why = f"no counted contract in the last {longest} months (none in any window)"
            return None, why, None, (ScoreReason.NO_COUNTED_CONTRACT,)
        why = f"no window has outcomes from {rules.min_window_clients} distinct clients"
        return None, why, None, (ScoreReason.TOO_FEW_CLIENTS,)
    label, share = max(found, key=lambda item: item[1])
    result = _round(share * _HUNDRED, rules.rounding)
    reason = f"{result}% from the {label} window ({rules.formula})"
    codes: tuple[ScoreReason, ...] = (ScoreReason.SCORED,)
    if rules.min_window_clients < 2 and _clients_of(tally, rules, label) == 1:
        codes = (*codes, ScoreReason.ONE_CLIENT_WINDOW)
        reason += (
            "; its outcomes are all from one client (a window with one client is shown: "
            f"min_window_clients {rules.min_window_clients}, a modelling assumption)"
        )
    return result, reason, label, codes


def _behind(rules: JSSRules, label: str) -> tuple[int, ...]:
    """The windows behind the displayed *label*: one window, or the trending pair."""
    months: dict[str, tuple[int, ...]] = {_window_label(m): (m,) for m in rules.windows}
    if rules.trending is not None:
        months[_trending_label(*rules.trending)] = rules.trending
    return months[label]


def _clients_of(tally: _Totals, rules: JSSRules, label: str) -> int:
    """The fewest distinct clients of the windows behind the displayed *label*."""
    position = rules.tracked_months.index
    return min(tally.distinct[position(m)] for m in _behind(rules, label))


def _points(
    contributions: Sequence[_Contribution | None],
    ids: Sequence[str],
    tally: _Totals,
    rules: JSSRules,
    label: str,
) -> tuple[list[Decimal], list[Said | None]]:
    """Each contribution's points of the displayed score, and a reason when it is not all in it.

    A window's percent is the sum of its contracts' shares, each computed
    by the one rule of :mod:`._points` (which reports check points with): a
    success adds 100 x weight / total, a neutral outcome *neutral_credit*
    of that, a failure under the net formula takes it away (and under the
    share, nothing: it weighs in the total).  A window floored at 0 (net
    formula) gives every contract 0.  The trending score is half of each of its two
    windows'.  The exact shares are rounded to the hundredth by largest
    remainder, so they add up to the displayed percent (:func:`_hundredths`
    of the exact share) exactly.  Equal remainders are broken by the
    contract's id (*ids*, unique, one per contribution): the smaller id in
    ``str`` order (code point by code point) takes the spare hundredth
    first, so the points never depend on the order the contracts are given
    in (review r32, hostile 2).
    """
    behind = _behind(rules, label)
    position = rules.tracked_months.index
    net = rules.formula is Formula.NET
    neutral = Fraction(rules.neutral_credit)
    worth = {outcome: credit(outcome, net=net, neutral_credit=neutral) for outcome in Outcome}
    # Each window's unit of points; a window floored at 0 (net formula) gives none.
    units = {
        position(months): unit(tally.total[position(months)], len(behind))
        for months in behind
        if not (net and _share(tally, position(months), rules) == 0)
    }
    exact: list[Fraction] = []
    notes: list[Said | None] = []
    for contribution in contributions:
        if contribution is None:
            exact.append(Fraction(0))
            notes.append(None)
            continue
        outcome, weight, _, inside = contribution
        exact.append(exact_points(worth[outcome], weight, [units[i] for i in units if inside[i]]))
        notes.append(_outside(rules, behind, [inside[position(m)] for m in behind], outcome))
    if len(behind) == 1:
        share = _share(tally, position(behind[0]), rules)
    else:
        share = _trend(tally, rules, {m: position(m) for m in rules.tracked_months})
    target = int(_hundredths(cast("Fraction", share)).scaleb(2))  # the label's window has one
    floors = [value.numerator // value.denominator for value in exact]
    spare = target - sum(floors)
    ranked = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], ids[i]))
    for index in ranked[:spare]:
        floors[index] += 1
    return [Decimal(units).scaleb(-2, context=CONTEXT) for units in floors], notes


def _outside(
    rules: JSSRules, behind: tuple[int, ...], inside: list[bool], outcome: Outcome
) -> Said | None:
    """Why a counted contract is not wholly in the displayed score, or ``None`` when it is."""
    if outcome is Outcome.EXCLUDED or all(inside):
        return None
    longest = rules.tracked_months[0]
    if len(behind) == 1:
        return (
            ReasonCode.OUTSIDE_SHOWN_WINDOW,
            (
                f"outside the {behind[0]} months window the score shown comes from (it counts in "
                f"the {longest} months window): 0 points of the score shown"
            ),
        )
    long, short = behind
    pair = _trending_label(long, short)
    if not any(inside):
        return (
            ReasonCode.OUTSIDE_TRENDING_PAIR,
            (
                f"outside both windows of the score shown, {pair} (it counts in the {longest} "
                "months window): 0 points of the score shown"
            ),
        )
    return (
        ReasonCode.HALF_IN_TRENDING,
        (
            f"in the {long} months window of the score shown, {pair}, not in the {short} months "
            "one: it counts in half of it"
        ),
    )


def _percent(share: Fraction | None) -> Decimal | None:
    return None if share is None else _hundredths(share)


def _hundredths(share: Fraction) -> Decimal:
    """*share* as a percentage, rounded half up to the hundredth."""
    exact = share * _HUNDRED
    return CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator)).quantize(
        _CENT, rounding=decimal.ROUND_HALF_UP, context=CONTEXT
    )
