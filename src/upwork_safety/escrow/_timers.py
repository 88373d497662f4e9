"""The escrow clocks (private): which rules a clock runs by, when it runs out, what silence causes.

Every period is elapsed time between UTC instants (a 14-day review period is
14 × 24 hours, whatever the time zone or daylight saving the caller lives
in).  A clock uses the rules in force on the UTC day it started, unless the
caller passes its own ``rules=``.  The one period that is not plain elapsed
time is the client's answer to a dispute, which runs in business time when
the rules say so (:func:`client_answer_due`).

Below the arithmetic are the table's clocks, one :class:`Timer` per
deadline (:data:`REVIEW`, :data:`REFUND_RESPONSE`, the dispute and
dormancy clocks, :data:`REFUND_WINDOW`): the rows of ``_table.py`` name
them, and :func:`~upwork_safety.escrow.deadlines` shows them.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING

from upwork_safety.escrow._kinds import DeadlineKind, Party
from upwork_safety.escrow._reasons import days, holds, when
from upwork_safety.escrow._row import Due, Timer
from upwork_safety.rules import (
    HISTORY,
    PlatformRules,
    RuleHistory,
    _available_after,
    _in_force_of,
    as_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety.escrow._run import Draft, Run
    from upwork_safety.models import Payment

__all__ = [
    "ACCEPTANCE",
    "ARBITRATION",
    "CLIENT_ANSWER",
    "DORMANCY",
    "FILING",
    "FINAL_NOTICE",
    "FIRST_NOTICE",
    "PROPOSAL",
    "REFUND_RESPONSE",
    "REFUND_WINDOW",
    "REVIEW",
    "arbitration_window",
    "client_answer_due",
    "dormancy_times",
    "dormancy_undated",
    "filing_closes",
    "filing_due",
    "refund_closes",
    "refund_window_due",
    "refundable",
    "release_payments",
    "rules_at",
    "start_moment",
    "start_of",
]

UTC = timezone.utc

#: The ``rules=`` a caller gave the engine: a rule set, a history of them, or ``None``.
Override = PlatformRules | RuleHistory[PlatformRules] | None


@functools.lru_cache(maxsize=1024)
def _rules_on(day: date) -> PlatformRules:
    return as_of(day)


def rules_at(at: datetime, override: Override) -> PlatformRules:
    """The rules for a clock started at *at*: *override* (its history's that day) or Upwork's."""
    if override is None:
        return _rules_on(at.date())
    return _in_force_of(override, HISTORY, at.date(), what="the UTC day a clock starts")


def available_at(paid_at: datetime, override: Override) -> datetime:
    """When money paid out at *paid_at* leaves its security period and becomes available.

    The rule (HC 211060918) as the engine applies it: the security period
    in force when it was paid (:func:`rules_at`), read by the rules' one
    reading (``rules._available_after``: counted as elapsed time).  The
    ledger's pending/available split and the ``funds_available``
    deadlines both come from here.
    """
    return _available_after(paid_at, rules_at(paid_at, override))


def start_of(day: date) -> datetime:
    """00:00 UTC on *day*."""
    return datetime.combine(day, time(0), UTC)


def client_answer_due(disputed_at: datetime, override: Override) -> datetime:
    """When the client's time to answer a dispute filed at *disputed_at* runs out.

    In business days (the library's one helper,
    :func:`upwork_safety._calendar.add_business_span`: the earliest moment
    with that many days of Monday-to-Friday time in UTC since the filing,
    holidays not skipped; the same UTC time of day from a filing during a
    business day, while a dispute filed on a Saturday or Sunday, or at
    exactly Monday 00:00, has Monday to Friday whole and runs out at
    Saturday 00:00) when the rules say so, else in elapsed time.  Either way
    a later filing never runs out earlier.  A part of a day in a what-if
    period is added as elapsed time.  The clock is :data:`CLIENT_ANSWER`'s
    (:meth:`Timer.runs_out`), as the transition table publishes it.
    """
    return CLIENT_ANSWER.runs_out(disputed_at, rules_at(disputed_at, override))


def arbitration_window(
    answered_at: datetime, override: Override
) -> tuple[datetime, datetime, datetime]:
    """For a dispute answered at *answered_at*: (proposal due, opt-in opens, opt-in closes).

    Mediation lasts at most the mediator's proposal time plus both sides'
    acceptance time; the 7-day arbitration opt-in window opens when it is
    over without an agreement, and closes with the default outcome: the
    clocks :data:`PROPOSAL`, :data:`ACCEPTANCE` and :data:`ARBITRATION`, each
    counted from the answer.
    """
    rules = rules_at(answered_at, override)
    return (
        PROPOSAL.runs_out(answered_at, rules),
        ACCEPTANCE.runs_out(answered_at, rules),
        ARBITRATION.runs_out(answered_at, rules),
    )


def dormancy_times(last: datetime, override: Override) -> tuple[datetime, datetime, datetime]:
    """For escrow untouched since *last*: (first notice, final notice, closing)."""
    rules = rules_at(last, override)
    return (
        FIRST_NOTICE.runs_out(last, rules),
        FINAL_NOTICE.runs_out(last, rules),
        _closing(last, rules),
    )


def _closing(last: datetime, rules: PlatformRules) -> datetime:
    """When escrow untouched since *last* is closed under *rules* (:func:`dormancy_times`' third).

    The engine reads it before every event (the contract's clock), so it is
    computed alone there, without the two notices it does not need.
    """
    return DORMANCY.runs_out(last, rules)


# --------------------------------------------------------------------------- the table's clocks
# One Timer per deadline a row of the table runs by: when it runs out for a
# milestone, who must act before, and what silence causes.


def release_payments(run: Run, milestone: Draft) -> list[tuple[int, Payment]]:
    """``(slot, payment)`` of every escrow release of *milestone* (``Run.releases``)."""
    return run.releases(milestone.id)


def refund_closes(run: Run, payment: Payment) -> datetime:
    """The first moment *payment* can no longer be refunded: 180 days on (DOMAIN.md section 1).

    The window of the rules in force on the payment's UTC day; each
    payment has its own.
    """
    return REFUND_WINDOW.runs_out(payment.moment, rules_at(payment.moment, run.rules))


def refundable(run: Run, milestone: Draft, at: datetime) -> list[tuple[int, Payment]]:
    """The release payments of *milestone* still inside their refund window at *at*."""
    return [
        (index, payment)
        for index, payment in release_payments(run, milestone)
        if at < refund_closes(run, payment)
    ]


def filing_closes(run: Run, start: datetime) -> datetime:
    """When the dispute-filing window that opened at *start* closes (DOMAIN.md section 2).

    It opens when the contract ends or an escrow refund request is made.
    """
    return FILING.runs_out(start, rules_at(start, run.rules))


def filing_due(run: Run, milestone: Draft) -> datetime | None:
    """The first moment a dispute against *milestone*'s refund request can no longer be filed.

    The filing window (:func:`filing_closes`, from the request: the guard's
    own limit) or the automatic refund (:data:`REFUND_RESPONSE`'s clock),
    whichever comes first: once the escrow is refunded there is nothing to
    dispute.  ``None`` when no refund request is pending.
    """
    asked = milestone.refund_requested_at
    if asked is None:
        return None
    closes = filing_closes(run, asked)
    refunded = _refund_response_due(run, milestone)
    return closes if refunded is None else min(closes, refunded)


def _refund_windows(run: Run, milestone: Draft) -> list[tuple[datetime, str]]:
    """Each release payment's refund window: when it closes, what that means (fidelity r28 1)."""
    if holds(milestone) or not milestone.released.amount:
        return []
    return [
        (
            refund_closes(run, payment),
            f"the freelancer can no longer refund the {payment.amount} paid {when(payment.moment)}",
        )
        for _, payment in release_payments(run, milestone)
    ]


def refund_window_due(run: Run, milestone: Draft) -> datetime | None:
    """When the last of *milestone*'s payments can no longer be refunded (``None``: no payment)."""
    return max((due for due, _ in _refund_windows(run, milestone)), default=None)


def _review_ends(run: Run, milestone: Draft) -> datetime | None:
    start = milestone.submitted_at
    if start is None:  # pragma: no cover  (an Escrow in review always has it)
        return None
    return REVIEW.runs_out(start, rules_at(start, run.rules))


def _refund_response_due(run: Run, milestone: Draft) -> datetime | None:
    start = milestone.refund_requested_at
    if start is None:  # pragma: no cover  (an Escrow under a refund request always has it)
        return None
    return REFUND_RESPONSE.runs_out(start, rules_at(start, run.rules))


def _answer_due(run: Run, milestone: Draft) -> datetime | None:
    if milestone.disputed_at is None or milestone.dispute_answered_at is not None:
        return None
    return client_answer_due(milestone.disputed_at, run.rules)


def _mediation(run: Run, milestone: Draft) -> tuple[datetime, datetime, datetime] | None:
    answered = milestone.dispute_answered_at
    both = (
        milestone.client_paid_arbitration_at is not None
        and milestone.freelancer_paid_arbitration_at is not None
    )
    if answered is None or both:
        return None
    return arbitration_window(answered, run.rules)


def start_moment(run: Run) -> datetime:
    """The last moment the contract records, at least 00:00 UTC on its first day.

    The latest of its last event (a person's step or an automatic one, this
    run's or the history's), a moment on a milestone's escrow
    (``submitted_at`` and the like) and a payment (:attr:`Run.recorded`: on
    a contract built by hand they may be later than every event).  The last
    activity the contract knows: dormancy counts from it, and a contract is
    read as recorded up to it, never before.
    """
    last = run.last_at
    # An event is never before the UTC day the contract started (Contract and
    # the engine's time check refuse one), so the last event, when there is
    # one, is never before 00:00 UTC on that day: the day is read only without one.
    moment = start_of(run.contract.started) if last is None else last
    recorded = run.recorded
    if recorded is not None and moment < recorded[0]:
        moment = recorded[0]
    return moment


def dormancy_undated(run: Run) -> bool:
    """Whether nothing dates the contract's last activity: its dormancy clock's start is unknown.

    No event (the history's or the run's) and no moment recorded outside the
    history (:attr:`Run.recorded`): :func:`start_moment` is then only 00:00
    UTC on the contract's first day, and the escrow held (a ``FUNDED`` or
    ``CHANGES_REQUESTED`` milestone recorded by hand, the only holding states
    with no moment of their own) moved at some unknown moment after it.
    Dormancy counted from that day would be only its earliest date, so no
    dormancy deadline is given and no closure is taken (review r41, 1): a
    history event (the ``Fund`` or ``RequestChanges``) dates it.
    """
    return run.last_at is None and run.recorded is None


def _dormancy_times(run: Run, milestone: Draft) -> tuple[datetime, datetime, datetime] | None:
    if not holds(milestone) or run.ended is not None or dormancy_undated(run):
        return None
    return dormancy_times(start_moment(run), run.rules)


def _dormancy_rules(run: Run) -> PlatformRules:
    """The rules :func:`dormancy_times` counts the untouched escrow's notices by."""
    return rules_at(start_moment(run), run.rules)


def _dormancy_due(run: Run, milestone: Draft) -> datetime | None:
    # The closure is the contract's one step: the engine takes it for every idle
    # milestone holding escrow together (``_engine.take``), so an ended contract
    # has no dormancy clock left.
    if not holds(milestone) or run.ended is not None or dormancy_undated(run):
        return None
    last = start_moment(run)
    return _closing(last, rules_at(last, run.rules))


def _at(index: int, times: Callable[[Run, Draft], tuple[datetime, ...] | None]) -> Due:
    def due(run: Run, milestone: Draft) -> datetime | None:
        found = times(run, milestone)
        return None if found is None else found[index]

    return due


def _period(field: str) -> Callable[[PlatformRules], str]:
    return lambda rules: f"auto after {days(getattr(rules, field))}"


def _answer_period(rules: PlatformRules) -> str:
    period = days(rules.client_dispute_response)
    if rules.client_response_business_days:
        period = period.replace(" day", " business day")
    return f"auto after {period}"


def _dormancy_period(rules: PlatformRules) -> str:
    return f"auto after {days(rules.dormancy_course)} untouched"


def _arbitration_outcome(run: Run, milestone: Draft) -> str:
    held = milestone.held
    answered = milestone.dispute_answered_at
    assert answered is not None
    fee = rules_at(answered, run.rules).arbitration_fee
    if milestone.freelancer_paid_arbitration_at is not None:
        return f"only the freelancer paid the {fee} fee: the {held} goes to the freelancer"
    if milestone.client_paid_arbitration_at is not None:
        return f"only the client paid the {fee} fee: the {held} goes to the client"
    return (
        f"both decline: the {held} goes to the client; only one pays the {fee} fee: "
        "it goes to the payer"
    )


REVIEW = Timer(
    DeadlineKind.REVIEW_ENDS,
    Party.CLIENT,
    "review_period",
    due=_review_ends,
    consequence=lambda _r, m: f"the {m.held} in escrow is released to the freelancer automatically",
    period=_period("review_period"),
    wait=("review_period",),
)
REFUND_RESPONSE = Timer(
    DeadlineKind.REFUND_RESPONSE_DUE,
    Party.FREELANCER,
    "refund_response_window",
    due=_refund_response_due,
    consequence=lambda _r, m: (
        f"the {m.held} in escrow is refunded to the client; accept, return it or open a "
        "dispute before then"
    ),
    period=_period("refund_response_window"),
    wait=("refund_response_window",),
)
CLIENT_ANSWER = Timer(
    DeadlineKind.DISPUTE_RESPONSE_DUE,
    Party.CLIENT,
    "client_dispute_response",
    due=_answer_due,
    consequence=lambda _r, m: f"the disputed {m.held} is released to the freelancer",
    period=_answer_period,
    wait=("client_dispute_response",),
    business_days="client_response_business_days",
)
PROPOSAL = Timer(
    DeadlineKind.MEDIATION_PROPOSAL_DUE,
    Party.MEDIATOR,
    "mediation_proposal",
    due=_at(0, _mediation),
    consequence=lambda _r, _m: "the mediator proposes how to split the disputed money",
    period=_period("mediation_proposal"),
    wait=("mediation_proposal",),
)
ACCEPTANCE = Timer(
    DeadlineKind.MEDIATION_ACCEPTANCE_DUE,
    Party.BOTH,
    "mediation_acceptance",
    due=_at(1, _mediation),
    consequence=lambda _r, _m: (
        "without both accepting, mediation has failed and the arbitration opt-in window opens"
    ),
    period=_period("mediation_acceptance"),
    wait=("mediation_proposal", "mediation_acceptance"),
)
ARBITRATION = Timer(
    DeadlineKind.ARBITRATION_OPT_IN_DUE,
    Party.BOTH,
    "arbitration_opt_in",
    due=_at(2, _mediation),
    consequence=_arbitration_outcome,
    period=lambda rules: f"auto {days(rules.arbitration_opt_in)} after mediation fails",
    wait=("mediation_proposal", "mediation_acceptance", "arbitration_opt_in"),
)
FIRST_NOTICE = Timer(
    DeadlineKind.DORMANCY_NOTICE,
    Party.EITHER,
    "dormancy_period",
    due=_at(0, _dormancy_times),
    consequence=lambda r, _m: (
        "escrow untouched: Upwork sends the first dormancy notice; the final one follows "
        f"{days(_dormancy_rules(r).dormancy_first_notice)} later"
    ),
    period=_period("dormancy_period"),
    shared=True,
    wait=("dormancy_period",),
)
FINAL_NOTICE = Timer(
    DeadlineKind.DORMANCY_FINAL_NOTICE,
    Party.EITHER,
    "dormancy_first_notice",
    due=_at(1, _dormancy_times),
    consequence=lambda r, _m: (
        "Upwork sends the final dormancy notice; the contract closes "
        f"{days(_dormancy_rules(r).dormancy_final_notice)} later"
    ),
    period=_period("dormancy_first_notice"),
    shared=True,
    wait=("dormancy_period", "dormancy_first_notice"),
)
DORMANCY = Timer(
    DeadlineKind.DORMANCY_CLOSE,
    Party.EITHER,
    "dormancy_period",
    due=_dormancy_due,
    consequence=lambda _r, m: (
        f"the contract closes and the {m.held} in escrow becomes a refund request (the "
        "freelancer then has the usual response window)"
    ),
    period=_dormancy_period,
    shared=True,
    wait=("dormancy_course",),
)
FILING = Timer(
    DeadlineKind.DISPUTE_WINDOW_CLOSES,
    Party.FREELANCER,
    "dispute_filing_window",
    due=filing_due,
    consequence=lambda _r, m: (
        f"no dispute can be filed against the refund request after this; the {m.held} in "
        "escrow goes back to the client"
    ),
    period=lambda rules: f"within {days(rules.dispute_filing_window)}",
    wait=("dispute_filing_window",),
)
REFUND_WINDOW = Timer(
    DeadlineKind.REFUND_WINDOW_CLOSES,
    Party.FREELANCER,
    "refund_after_payment_window",
    due=refund_window_due,
    consequence=None,
    period=lambda rules: f"within {days(rules.refund_after_payment_window)}",
    each=_refund_windows,
    wait=("refund_after_payment_window",),
)
