"""Judging one contract on one day: its outcome, its weight, and the reasons (private).

:func:`_judge` reads a contract's :class:`~upwork_safety.jss._facts._Facts`
on a day under a rule set: open contracts count once paid long enough or
go neutral when idle, ended ones are negative, positive or neutral by their
signals, and the documented exclusions leave some out.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import NAME_LIMIT, shown
from upwork_safety.jss._exclusion import ExclusionCode
from upwork_safety.jss._months import _DAY, _leaves_told, _months_between
from upwork_safety.jss._reason_codes import ReasonCode, Said
from upwork_safety.jss._reports import Outcome
from upwork_safety.money import Money
from upwork_safety.rules import JSS_HISTORY
from upwork_safety.rules import sources as rule_sources

if TYPE_CHECKING:
    from upwork_safety.jss._facts import _Facts
    from upwork_safety.rules import JSSRules

_ZERO = Decimal(0)


#: Where a counted contract counts: everywhere, toward eligibility only (a job
#: outside every window under lifetime eligibility, a $0 job with positive
#: feedback while inside the eligibility window), or in the score only (an idle open contract, which
#: is no eligible job, whatever signal it carries).
_Scope = Literal["everywhere", "eligibility only", "score only"]
#: (outcome, weight, the day it counts from, reasons, where it counts, why it is
#: excluded: ``None`` exactly when it counts)
_Verdict = tuple[Outcome, Decimal, date | None, tuple[Said, ...], _Scope, ExclusionCode | None]


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
    """Judge *facts* on *on*: (outcome, weight, the day it counts from, reasons, scope, code).

    An excluded contract's :class:`ExclusionCode` is chosen in the same branch
    that writes its sentence, so the two never disagree.

    *cuts* are the first days of the tracked windows on *on* (see
    :func:`_cuts`).  The day is ``None`` for an open contract, which counts
    in every window.  Date-dependent reasons are only written when *explain*
    is true (timelines and forecasts skip them).
    """
    if facts.excluded:
        why = f"client {shown(facts.client_id, NAME_LIMIT)} is excluded by the caller"
        return (
            Outcome.EXCLUDED,
            _ZERO,
            None,
            ((ReasonCode.CLIENT_EXCLUDED, why),) if explain else (),
            "everywhere",
            ExclusionCode.CLIENT_EXCLUDED,
        )
    if on < facts.started:
        why = f"starts on {facts.started}, after {on}"
        return (
            Outcome.EXCLUDED,
            _ZERO,
            None,
            ((ReasonCode.STARTS_AFTER, why),) if explain else (),
            "everywhere",
            ExclusionCode.STARTS_AFTER,
        )
    paid = bisect.bisect_right(facts.pay_dates, on)
    earned = facts.pay_totals[paid - 1] if paid else _ZERO
    last_paid = facts.pay_dates[paid - 1] if paid else None
    ended = facts.ended
    regular = facts.regular_since[paid - 1] if paid else None
    # The payments of that run so far (the runs are consecutive, their starts in order).
    in_run = (
        0 if regular is None else paid - bisect.bisect_left(facts.regular_since, regular, 0, paid)
    )
    run = _paid_run(facts, on, paid)
    months_paid = 0 if run is None else _months_between(*run)
    reasons: list[Said] = []
    scope: _Scope = "everywhere"
    if ended is None or ended > on:  # still open
        outcome, idle, code = _judge_open(
            facts, on, rules, (last_paid, regular, in_run), reasons if explain else None
        )
        counts_from = None
        if code is not None:
            return outcome, _ZERO, None, tuple(reasons), scope, code
        if idle:
            scope = "score only"
    else:
        left_out, scope, code = _exclusion(facts, rules, earned, eligible=cuts[-1] <= ended)
        if code is not None:
            return Outcome.EXCLUDED, _ZERO, ended, left_out if explain else (), scope, code
        if ended < cuts[0]:  # before the longest window's first end day
            longest = rules.tracked_months[0]
            why = f"ended {ended}, more than {longest} months before {on}: outside every window"
            said = ReasonCode.OUTSIDE_WINDOWS
            if rules.lifetime_eligibility:
                why += "; it still counts toward lifetime eligibility"
                said = ReasonCode.OUTSIDE_WINDOWS_STILL_ELIGIBLE
            return (
                Outcome.EXCLUDED,
                _ZERO,
                ended,
                ((said, why),) if explain else (),
                "eligibility only" if rules.lifetime_eligibility else scope,
                ExclusionCode.OUTSIDE_WINDOWS,
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
        reasons.append(_weight_reason(facts, rules, (weight, earned, months_paid), run))
        reasons.extend(_until(outcome, counts_from, rules))
    return outcome, weight, counts_from, tuple(reasons), scope, None


def _until(outcome: Outcome, counts_from: date | None, rules: JSSRules) -> tuple[Said, ...]:
    """The reason saying the last day a counted, ended contract counts (newcomer r42 3)."""
    leaves = leaves_on(outcome, counts_from, rules)
    if leaves is None:
        return ()
    longest = rules.tracked_months[0]
    said = f"counts in the {longest} months window until {leaves - _DAY}"
    return ((ReasonCode.COUNTS_UNTIL, said),)


def leaves_on(outcome: Outcome, counts_from: date | None, rules: JSSRules) -> date | None:
    """:attr:`Impact.leaves_on` of a verdict: the first day a counted, ended contract is out.

    Out of the longest tracked window, by the one rule of "the last N
    months" (:func:`~upwork_safety.jss._months._leaves_told`); ``None`` for an
    excluded or open contract, and for one that would leave after 9990-12-31,
    the library's last day (:data:`~upwork_safety._last_day.LATEST`, the bound
    of every date field; red team r43 F2): then it has no ``counts_until``
    reason either.
    """
    if outcome is Outcome.EXCLUDED or counts_from is None:
        return None
    return _leaves_told(counts_from, rules.tracked_months[0])


def _weight_reason(
    facts: _Facts,
    rules: JSSRules,
    numbers: tuple[Decimal, Decimal, int],
    run: tuple[date, date] | None,
) -> Said:
    """The weight, what was earned and the paid months, and from when they count."""
    weight, earned, months = numbers
    unit = "month" if months == 1 else "months"
    why = f"weight {weight}: earned {Money(earned, facts.currency)}, paid over {months} {unit}"
    if run is not None and run[0] != facts.started:
        why += (
            f" (counted from {run[0]}: no payment in the "
            f"{rules.long_term_payment_interval.days} days before it)"
        )
        return ReasonCode.WEIGHT_FROM_LATER_RUN, why
    return ReasonCode.WEIGHT, why


def _paid_run(facts: _Facts, on: date, paid: int) -> tuple[date, date] | None:
    """The paid duration on *on*: its first and last day, or ``None`` before any payment.

    *paid* counts the payments made by *on*.  Paid duration is the run of regular
    payments (none more than ``long_term_payment_interval`` after the one before, or
    after the start) that holds the latest payment in the contract's term, the same for
    an open contract and an ended one, so months with no pay before a late payment are
    not paid duration.  It ends with the contract: a payment after the end (the last
    week's invoice, a late bonus) adds money, not months; when it comes within the
    interval, the run it continues is paid up to the end.
    """
    until = on if facts.ended is None else min(on, facts.ended)
    in_term = bisect.bisect_right(facts.pay_dates, until, hi=paid)
    if in_term < paid and facts.regular_since[in_term] <= until:
        return facts.regular_since[in_term], until
    if not in_term:
        return None
    return facts.regular_since[in_term - 1], facts.pay_dates[in_term - 1]


def _judge_open(
    facts: _Facts,
    on: date,
    rules: JSSRules,
    paid: tuple[date | None, date | None, int],
    reasons: list[Said] | None,
) -> tuple[Outcome, bool, ExclusionCode | None]:
    """An open contract: idle (neutral), paid long-term (positive) or not counted yet.

    Returns the outcome, whether the contract is idle (an idle one counts
    in the score only, never as an eligible job) and, when it does not count,
    why.  A negative signal always
    wins (docs/jss.md): an open contract that counts and already has one on
    record by *on* (escrow refunded to the client, a lost dispute; see
    ``_negative_since``) is negative, never a success; one not counted yet
    stays out until it counts or ends, as any open contract does.
    """
    outcome, code = _open_standing(facts, on, rules, paid, reasons)
    idle = outcome is Outcome.NEUTRAL
    since = facts.negative_since
    if facts.negatives and since is not None and since <= on:
        if reasons is not None:
            reasons.extend(facts.negatives)
            reasons.append(
                (
                    ReasonCode.NEGATIVE_WINS,
                    "a negative signal always wins: counts as negative while open",
                )
                if outcome is not Outcome.EXCLUDED
                else (
                    ReasonCode.NEGATIVE_WINS_ONCE_COUNTED,
                    "a negative signal always wins: will count as negative once it counts",
                )
            )
        if outcome is not Outcome.EXCLUDED:
            return Outcome.NEGATIVE, idle, None
    return outcome, idle, code


#: The fewest payments that make a run of regular payments (one is a payment, not a habit).
_REGULAR_PAYMENTS = 2


def _idle_rule(rules: JSSRules) -> str:
    """Where the idle period comes from, said when the rule is unconfirmed (newcomer r17 L11)."""
    for name, _, source in rule_sources(rules):
        if name == "open_idle_after" and source.unconfirmed:
            days = rules.open_idle_after.days
            return f"; after {days} days, unconfirmed: {source.note} ({source.source})"
    return ""


_ONE_DAY = timedelta(days=1)


def _later(day: date, by: timedelta) -> date | None:
    """*day* + *by*, or ``None`` past the calendar's last day (that day never comes)."""
    return day + by if date.max - day >= by else None


def _unpaid_days(
    started: date, paid: tuple[date | None, date | None, int], rules: JSSRules
) -> tuple[date | None, date | None]:
    """When an open contract's standing turns for want of a payment after its last one.

    *paid* is as :func:`_open_standing` reads it (the last payment, the start of its
    run of regular payments, how many payments the run holds).  Returns the first
    day a long-term contract stops counting (more than ``long_term_payment_interval``
    since its last payment; ``None`` when no run of two payments or more made it
    one) and the first day it is idle (``open_idle_after`` since its last payment,
    or since its start without one); either is ``None`` past the calendar's end.
    :func:`_open_standing` judges by these two days, and
    :func:`~upwork_safety.jss.timeline` names them on the days it projects past
    the history's last recorded day.
    """
    last_paid, regular, in_run = paid
    idle_from = _later(started if last_paid is None else last_paid, rules.open_idle_after)
    if last_paid is None or regular is None or in_run < _REGULAR_PAYMENTS:
        return None, idle_from
    return _later(last_paid, rules.long_term_payment_interval + _ONE_DAY), idle_from


def _open_standing(
    facts: _Facts,
    on: date,
    rules: JSSRules,
    paid: tuple[date | None, date | None, int],
    reasons: list[Said] | None,
) -> tuple[Outcome, ExclusionCode | None]:
    """Whether an open contract counts yet, and how, by its payments alone (and why not).

    *paid* is the last payment by *on*, the start of its run of regular
    payments (no gap over ``long_term_payment_interval``, from the contract's
    start) and how many payments the run holds: a long-term contract is one
    paid at least that often for at least that long (HC 34958134307475),
    counted up to *on*, so one payment after months of silence does not make
    it one, and a run of two payments or more that began at least the
    interval before *on*, with its latest payment within the interval, does.
    A single payment is not "payment made every 90 days": without the
    second, a contract paid once on its first day counted on its 90th day
    alone (review r17 M2).
    """
    last_paid, regular, in_run = paid
    idle_since = facts.started if last_paid is None else last_paid
    interval = rules.long_term_payment_interval
    stops, idle_from = _unpaid_days(facts.started, paid, rules)
    if idle_from is not None and on >= idle_from:
        if reasons is not None:
            reasons.append(
                (
                    ReasonCode.OPEN_IDLE,
                    f"open with no payment since {idle_since} ({(on - idle_since).days} days): "
                    "counts as not successful, in the score only (not an eligible job)"
                    + _idle_rule(rules),
                )
            )
        return Outcome.NEUTRAL, None
    # Paid at least every interval since *regular*, counted up to the day judged: a
    # payment a day earlier never makes a contract count later (red team r17 M2).
    if (
        last_paid is not None
        and regular is not None
        and in_run >= _REGULAR_PAYMENTS
        and on - regular >= interval
    ):
        if stops is not None and on >= stops:
            if reasons is not None:
                reasons.append(
                    (
                        ReasonCode.LONG_TERM_LAPSED,
                        (
                            f"open long-term contract with no payment since {last_paid} "
                            f"({(on - last_paid).days} days): counts while paid at least every "
                            f"{interval.days} days"
                        ),
                    )
                )
            return Outcome.EXCLUDED, ExclusionCode.LONG_TERM_LAPSED
        if reasons is not None:
            since = (
                f"started {facts.started}"
                if regular == facts.started
                else f"paid at least every {interval.days} days since {regular}"
            )
            reasons.append(
                (
                    ReasonCode.OPEN_LONG_TERM,
                    (
                        f"open long-term contract {since}, last paid {last_paid}: "
                        f"counts: paid at least every {interval.days} days for "
                        f"{interval.days} days or more"
                    ),
                )
            )
        return Outcome.POSITIVE, None
    if reasons is not None:
        why = (
            f"still open, last paid {last_paid}"
            if last_paid
            else f"still open, started {facts.started} with no payment yet"
        )
        if regular is not None and regular != facts.started:
            why += f" (paid at least every {interval.days} days only since {regular})"
        idle = rules.open_idle_after
        # The idle warning is left out when the contract's own end, or a payment it
        # records after *on*, comes first: then it never turns idle (newcomer r39 5).
        coming = [d for d in (facts.ended, *_after(facts, on)[:1]) if d is not None and d > on]
        warned = (
            ""
            if coming and idle_from is not None and min(coming) <= idle_from
            else f", or as not successful from {idle_since + idle} if no payment comes "
            f"({idle.days} days idle)"
        )
        reasons.append(
            (
                ReasonCode.OPEN_NOT_YET_COUNTED,
                (
                    f"{why} ({(on - idle_since).days} days before {on}): counts once paid at least "
                    f"every {interval.days} days for {interval.days} days or more{warned}"
                ),
            )
        )
    return Outcome.EXCLUDED, ExclusionCode.OPEN_NOT_YET_COUNTED


def _after(facts: _Facts, on: date) -> list[date]:
    """The days of the contract's payments after *on*, in order."""
    return facts.pay_dates[bisect.bisect_right(facts.pay_dates, on) :]


def _after_the_day(facts: _Facts, on: date) -> str:
    """Say first what the contract records after *on*, and from when it counts; else ``""``.

    A contract may be given with its end, feedback or payments after the day
    judged (a finished version of an open contract, asked about today): none
    of them counts on *on*, and the reasons say so before anything else
    (newcomer r39 5).
    """
    if facts.excluded or on < facts.started:
        return ""  # its first reason already says why nothing counts
    later = _after(facts, on)
    ended = facts.ended if facts.ended is not None and facts.ended > on else None
    if ended is None and not later:
        return ""
    paid = (
        ""
        if not later
        else f"the payment of {later[0]}"
        if len(later) == 1
        else f"the {len(later)} payments from {later[0]} to {later[-1]}"
    )
    last = max(day for day in (ended, *later) if day is not None)
    if ended is None:
        one = len(later) == 1
        head = f"{paid} {'comes' if one else 'come'} after {on}: {'it' if one else 'they'} "
    else:
        held = [
            "its end",
            *(["its feedback"] if facts.has_feedback else []),
            *([paid] if paid else []),
        ]
        listed = held[0] if len(held) == 1 else f"{', '.join(held[:-1])} and {held[-1]}"
        head = f"ends {ended}, after {on}: {listed} "
        one = len(held) == 1
    return head + (
        f"{'counts only from its day' if one else 'count only from their days'}; score on or "
        f"after {last} to see {'it' if one else 'them'}"
    )


def _judge_explained(facts: _Facts, on: date, rules: JSSRules, cuts: tuple[date, ...]) -> _Verdict:
    """:func:`_judge` with reasons, led by what the contract records after *on*, if anything."""
    outcome, weight, counts_from, reasons, scope, code = _judge(
        facts, on, rules, cuts, explain=True
    )
    ahead = _after_the_day(facts, on)
    said = ((ReasonCode.RECORDED_AFTER_THE_DAY, ahead), *reasons) if ahead else reasons
    return outcome, weight, counts_from, said, scope, code


def _first_with(flag: str) -> date:
    """The day Upwork's published JSS rules first applied the exclusion *flag*."""
    return next(rules.effective for rules in JSS_HISTORY if getattr(rules, flag))


#: When each exclusion began, read from the dated presets (each field's source
#: is in ``JSSRules``).
_UNPAID_POSITIVE_SINCE = _first_with("exclude_unpaid_positive")
_NO_FEEDBACK_SINCE = _first_with("exclude_no_feedback")


def _exclusion(
    facts: _Facts, rules: JSSRules, earned: Decimal, *, eligible: bool
) -> tuple[tuple[Said, ...], _Scope, ExclusionCode | None]:
    """Why an ended contract is left out by a documented exclusion, where, and its code.

    The code is ``None`` (and the reasons empty) when no exclusion applies.

    A $0 contract with positive feedback is left out of the score only: it is a
    job with feedback, which the current help page counts as an eligible job,
    while it ended inside the eligibility window (*eligible*); one that ended
    before it counts nowhere, and its reason says so (red team r40, second
    pass 2).
    A contract that ended without feedback is left out whatever else it holds:
    a negative signal on it (a lost dispute, escrow refunded to the client)
    is named as seen and set aside by that rule, so the reasons say the
    outcome hangs on feedback (newcomer r35 5; DOMAIN.md section 6).
    """
    if rules.exclude_unpaid_positive and not earned and facts.unpaid_positive:
        why = (
            f"nothing earned and positive feedback: excluded from the score (since "
            f"{_UNPAID_POSITIVE_SINCE}); "
        )
        if not eligible:
            why += "it ended before the eligibility window, so it counts toward nothing"
            said = ReasonCode.UNPAID_POSITIVE_BEFORE_ELIGIBILITY
            return ((said, why),), "everywhere", ExclusionCode.UNPAID_POSITIVE
        why += "it still counts toward eligibility, a job with feedback"
        said = ReasonCode.UNPAID_POSITIVE
        return ((said, why),), "eligibility only", ExclusionCode.UNPAID_POSITIVE
    if rules.exclude_no_feedback and not facts.has_feedback:
        why = (
            "ended without feedback: excluded, whether or not anything was paid "
            f"(since {_NO_FEEDBACK_SINCE})"
        )
        if not facts.negatives:
            return ((ReasonCode.NO_FEEDBACK, why),), "everywhere", ExclusionCode.NO_FEEDBACK
        seen = "; ".join(text for _, text in facts.negatives)
        set_aside = (
            f"{seen}: seen, and set aside as the contract ended "
            "without feedback; with feedback, it would count as not successful (a "
            "negative signal always wins)"
        )
        return (
            ((ReasonCode.NO_FEEDBACK, why), (ReasonCode.NEGATIVE_SET_ASIDE, set_aside)),
            "everywhere",
            ExclusionCode.NO_FEEDBACK,
        )
    return (), "everywhere", None


def _judge_ended(
    facts: _Facts,
    on: date,
    rules: JSSRules,
    *,
    months_paid: int,
    earned: Decimal,
    reasons: list[Said] | None,
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
                reasons.append((ReasonCode.LONG_TERM, f"long-term: paid over {months_paid} months"))
            if rehired:
                client = shown(facts.client_id, NAME_LIMIT)
                reasons.append((ReasonCode.REHIRED, f"rehired: client {client} hired again"))
        return Outcome.POSITIVE
    if reasons is not None:
        reasons.extend(facts.middling or ((ReasonCode.NO_FEEDBACK_COUNTED, "no feedback"),))
        reasons.append((ReasonCode.NOT_STRONG, "no strong feedback and no long-term relationship"))
        if rules.exclude_unpaid_positive and not earned and facts.has_feedback:
            reasons.append(
                (
                    ReasonCode.UNPAID_NOT_POSITIVE,
                    (
                        "nothing earned, but not positive feedback for the $0 exclusion (public "
                        f"stars {rules.unpaid_positive_stars_at_least} or more, or a private score "
                        f"of {rules.promoter_private_at_least} or more): counts"
                    ),
                )
            )
    return Outcome.NEUTRAL
