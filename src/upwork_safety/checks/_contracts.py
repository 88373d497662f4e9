"""Reviewing a whole contract at a moment: :func:`review_contract` and the findings it derives.

Fixed-price contracts are read through the public functions of
:mod:`~upwork_safety.escrow` (advance, deadlines) and
:mod:`~upwork_safety.fees` (the net after the service fee); hourly
contracts through :mod:`~upwork_safety.hourly` (the week's invoice).  Each
deadline kind is turned into a finding by one entry of a dispatch table.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import attrs

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
import upwork_safety.fees as fees  # noqa: PLR0402
import upwork_safety.hourly as hourly  # noqa: PLR0402
from upwork_safety._calendar import closes_after
from upwork_safety._display import NAME_LIMIT, shown
from upwork_safety._moments import utc_instant
from upwork_safety._validate import instance, optional_instance
from upwork_safety.checks._findings import (
    Finding,
    FindingCode,
    make_finding,
    rule_unconfirmed,
    sorted_findings,
)
from upwork_safety.checks._milestones import short, vague_findings
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError, RulesError
from upwork_safety.models import Contract, ContractKind, Milestone, MilestoneState
from upwork_safety.rules import HISTORY, PlatformRules

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety.money import Money

_UTC = timezone.utc


def _when(at: datetime) -> str:
    return at.astimezone(_UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _left(span: timedelta) -> str:
    """A duration in words: '6 days 23 hours', '45 minutes'."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (mins, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "less than a minute"


def _milestone_name(milestone: Milestone) -> str:
    return f"{milestone.id} ({short(milestone.title, 40)!r})"


_WORKING = frozenset(
    {
        MilestoneState.FUNDED,
        MilestoneState.SUBMITTED,
        MilestoneState.CHANGES_REQUESTED,
        MilestoneState.REFUND_REQUESTED,
        MilestoneState.DISPUTED,
    }
)
_OPEN_STATES = frozenset(
    {MilestoneState.NOT_FUNDED, MilestoneState.FUNDED, MilestoneState.CHANGES_REQUESTED}
)


def _unfunded(contract: Contract, now: datetime, rules: PlatformRules | None) -> list[Finding]:
    if contract.ended is not None or any(m.state in _WORKING for m in contract.milestones):
        return []
    upcoming = [m for m in contract.milestones if m.state is MilestoneState.NOT_FUNDED]
    if contract.milestones and not upcoming:
        return []
    if not contract.milestones and contract.payments:
        # Paid without a milestone on record (a contract read from an export,
        # which lists no milestones): what is in escrow is not known.
        return []
    advice = (
        "Don't open your editor yet: only a funded milestone is protected. Ask the "
        "client to fund it and start once it shows as funded."
    )
    script = (
        "I'm ready to start! Could you fund the milestone on Upwork? I'll begin as soon "
        "as it shows as funded."
    )
    if not upcoming:
        message = "The contract is open but has no milestone, so nothing is in escrow."
        return [make_finding(FindingCode.UNFUNDED_MILESTONE, message, advice, script)]
    nxt = upcoming[0]
    # What the milestone holds already (a remainder carried from a partial
    # approval) is in escrow for it: only the rest of its amount is unprotected.
    if nxt.held >= nxt.amount:
        return []
    missing = nxt.amount - nxt.held
    # A remainder too large to carry stays on its paid milestone, and under the
    # one-active-milestone rule the next milestone can be funded only once it is
    # released or refunded: "fund it" alone would be advice the client cannot follow.
    # The engine says whether Fund is refused, and the rules in force say why.
    holder = next((m for m in contract.milestones if m is not nxt and m.held.amount), None)
    blocked = escrow.allowed(contract, nxt.id, now=now, rules=rules).reason("Fund")
    in_force = escrow.rules_in_force(now, rules=rules)
    evidence = (
        f"state {nxt.state.name}, {nxt.held} of {nxt.amount} in escrow; no other milestone active"
    )
    if blocked and holder is not None and in_force.one_active_milestone:
        message = (
            f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, is not funded, "
            f"and cannot be while {_milestone_name(holder)} still holds {holder.held} left "
            "from a partial approval: work on it now would be unprotected."
        )
        advice = (
            "Don't open your editor yet: ask the client to release or refund what is left "
            f"in escrow on {holder.id} first, then to fund {nxt.id}; start once it shows "
            "as funded."
        )
        script = (
            f"I'm ready to start {nxt.id}! {holder.held} is still in escrow on {holder.id}: "
            "could you release it (or refund it) and then fund the next milestone on "
            "Upwork? I'll begin as soon as it shows as funded."
        )
        evidence = (
            f"state {nxt.state.name}, {nxt.held} of {nxt.amount} in escrow; "
            f"{holder.id} ({holder.state.name}) holds {holder.held}"
        )
    elif blocked:
        # The engine refuses to fund it as it stands (below the minimum milestone of
        # the Fund guard's rules):
        # "fund it" would be advice the client cannot follow.
        minimum = in_force.minimum_milestone
        message = (
            f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, is not funded, "
            f"and cannot be as it stands ({blocked}): work on it now would be unprotected."
        )
        advice = (
            "Don't open your editor yet: ask the client to raise the milestone to at least "
            f"{minimum} (or merge it with another one) and fund it; start once it shows as "
            "funded."
        )
        script = (
            f"I'm ready to start {nxt.id}! Upwork can only fund milestones of at least "
            f"{minimum}: could you raise this one (or merge it with the next) and fund it? "
            "I'll begin as soon as it shows as funded."
        )
        evidence = f"state {nxt.state.name}, {nxt.held} of {nxt.amount} in escrow; Fund: {blocked}"
    elif nxt.held.amount:
        message = (
            f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, holds only the "
            f"{nxt.held} carried from a partial approval and is not funded: {missing} of "
            "work on it would be unprotected."
        )
    else:
        message = (
            f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, is not funded: "
            "work on it now would be unprotected."
        )
    return [
        make_finding(
            FindingCode.UNFUNDED_MILESTONE,
            message,
            advice,
            script,
            milestone_id=nxt.id,
            amount=missing,
            evidence=evidence,
        )
    ]


@attrs.frozen
class _Clock:
    """What is known about a deadline when its finding is written."""

    contract: Contract
    deadline: escrow.Deadline
    now: datetime
    rules: PlatformRules
    #: Every deadline upcoming at *now* by kind and milestone (the first of each).
    upcoming: Mapping[tuple[escrow.DeadlineKind, str | None], escrow.Deadline] = attrs.field(
        factory=dict
    )
    #: The caller's own rules, if any (*rules* is then the same).
    override: PlatformRules | None = None

    def same_milestone(self, kind: escrow.DeadlineKind) -> escrow.Deadline | None:
        """The upcoming deadline of *kind* on this deadline's milestone, if any."""
        return self.upcoming.get((kind, self.deadline.milestone_id))

    @property
    def left(self) -> timedelta:
        return self.deadline.due - self.now

    @property
    def milestone(self) -> Milestone:
        # Every deadline handled below except the dispute window names its milestone.
        assert self.deadline.milestone_id is not None
        return self.contract.milestone(self.deadline.milestone_id)

    def fields(self) -> dict[str, object]:
        return {
            "milestone_id": self.deadline.milestone_id,
            "due": self.deadline.due,
            "time_left": self.left,
            "evidence": f"{self.deadline.kind} at {_when(self.deadline.due)}: "
            f"{self.deadline.consequence}",
        }


def _review_running(clock: _Clock) -> Finding | None:
    milestone = clock.milestone
    message = (
        f"Milestone {_milestone_name(milestone)} is in review: if the client does "
        f"nothing, the {milestone.held} in escrow is released to you automatically "
        f"at {_when(clock.deadline.due)} ({_left(clock.left)} from now)."
    )
    advice = (
        "Nothing to do but wait; answer change requests promptly (they stop the "
        "clock). A short, friendly note is fine."
    )
    script = (
        "Hi! Just a note that I've submitted the milestone; let me know if you'd like any changes."
    )
    return make_finding(
        FindingCode.REVIEW_PERIOD_RUNNING,
        message,
        advice,
        script,
        amount=milestone.held,
        **clock.fields(),
    )


def _refund_pending(clock: _Clock) -> Finding | None:
    milestone = clock.milestone
    refunded = clock.deadline.due
    # The engine's own window for OpenDispute against this request (escrow.deadlines
    # reports it from the guard's function): when it closes before the refund, the
    # dispute cannot wait for the refund's deadline, and after it silence and
    # accepting come to the same thing, so it is the finding's deadline.
    window = clock.same_milestone(escrow.DeadlineKind.DISPUTE_WINDOW_CLOSES)
    # Who asked: Upwork's dormancy closure or the client (one answer for both messages).
    dormant = _closed_for_dormancy(clock.contract, milestone)
    if window is None:
        # The window closed before the refund runs (rules with a longer refund window):
        # the engine refuses a dispute now, so the finding must not advise one.
        return _refund_undisputable(clock, dormant=dormant)
    disputable = min(window.due, refunded)
    left = disputable - clock.now
    if disputable < refunded:
        when_text = (
            f"You have {_left(left)} (until {_when(disputable)}) to dispute it, and until "
            f"{_when(refunded)} to accept it; if you do nothing, it is refunded."
        )
    else:
        when_text = (
            f"You have {_left(left)} (until {_when(refunded)}) to accept or dispute; if you "
            "do nothing, it is refunded."
        )
    if dormant:
        # Upwork's own closure, not the client's request (HC "Contracts Gone Dormant"):
        # the client asked for nothing, so the script cannot refuse a refund.
        message = (
            f"Upwork closed the contract because its escrow had not moved for a long time, "
            f"and turned the {milestone.held} in escrow for milestone "
            f"{_milestone_name(milestone)} into a refund request. {when_text}"
        )
        script = (
            "Upwork closed our contract automatically because it had been inactive, and "
            "the escrow for this milestone is set to go back to you. The work for it was "
            "delivered, so I'll open a dispute to settle the payment on Upwork; I'm happy to "
            "agree a fair outcome there."
        )
    else:
        message = (
            f"The client asked for the {milestone.held} in escrow for milestone "
            f"{_milestone_name(milestone)} back. {when_text}"
        )
        script = (
            "I've delivered the work for this milestone, so I can't agree to a full "
            "refund, but I'm happy to talk about what would make it right."
        )
    advice = (
        "Answer before the deadline: accept if no work was delivered; if you "
        "delivered work, open a dispute and keep the evidence (files, messages)."
    )
    fields = clock.fields()
    fields.update(due=disputable, time_left=left)
    return make_finding(
        FindingCode.REFUND_REQUEST_PENDING,
        message,
        advice,
        script,
        amount=milestone.held,
        **fields,
    )


def _closed_for_dormancy(contract: Contract, milestone: Milestone) -> bool:
    """Whether *milestone*'s refund request is Upwork's dormancy closure (from the history)."""
    asked = milestone.escrow.refund_requested_at
    if asked is None:  # pragma: no cover  (a refund request has its moment)
        return False
    for event in reversed(contract.history):  # in time order: stop before the request
        if event.at < asked:
            return False
        if isinstance(event, escrow.DormancyRefundRequest) and event.milestone_id == milestone.id:
            return True
    return False


def _refund_undisputable(clock: _Clock, *, dormant: bool) -> Finding:
    milestone = clock.milestone
    asked = (
        "Upwork closed the contract because its escrow had not moved for a long time, and "
        f"turned the {milestone.held} in escrow for milestone {_milestone_name(milestone)} "
        "into a refund request"
        if dormant
        else f"The client asked for the {milestone.held} in escrow for milestone "
        f"{_milestone_name(milestone)} back"
    )
    message = (
        f"{asked}, and the time to dispute the request has closed: it is refunded at "
        f"{_when(clock.deadline.due)} ({_left(clock.left)} from now)."
    )
    advice = (
        "A dispute is no longer possible for this request; keep your evidence (files, "
        "messages) and talk to the client about paying for delivered work in a new "
        "milestone."
    )
    return make_finding(
        FindingCode.REFUND_REQUEST_PENDING,
        message,
        advice,
        "",
        amount=milestone.held,
        **clock.fields(),
    )


def _dispute_window(clock: _Clock) -> Finding | None:
    # The window of OpenDispute against a refund request, one per milestone (the
    # engine's, so its due is the first moment the engine refuses the dispute).
    # While the contract is open, REFUND_REQUEST_PENDING gives it; once the contract
    # ended, the request is the end's (or dormancy's) and this finding says so.
    if clock.contract.ended is None:
        return None
    milestone = clock.milestone
    if not milestone.held:  # pragma: no cover  (a refund request holds escrow)
        return None
    due = _when(clock.deadline.due)
    message = (
        f"The contract ended with {milestone.held} of milestone "
        f"{_milestone_name(milestone)} still in escrow; you can file a dispute until "
        f"{due} ({_left(clock.left)} from now), and not after."
    )
    advice = (
        "If you are owed money for delivered work, file the dispute before the "
        "window closes; otherwise nothing to do."
    )
    script = (
        "Before the contract closes for good: the work for this milestone was "
        "delivered as agreed. Could we settle the payment on Upwork?"
    )
    return make_finding(
        FindingCode.DISPUTE_WINDOW_CLOSING,
        message,
        advice,
        script,
        amount=milestone.held,
        **clock.fields(),
    )


def _dispute_step(clock: _Clock) -> Finding | None:
    """A dispute in mediation or arbitration with a step of the freelancer's due."""
    milestone = clock.milestone
    books = milestone.escrow
    if books.freelancer_paid_arbitration_at is not None:
        return None  # only the freelancer paid, or both: silence costs nothing now
    fee, unconfirmed = _fee_of(clock)
    if clock.deadline.kind is escrow.DeadlineKind.MEDIATION_ACCEPTANCE_DUE:
        message = (
            f"Milestone {_milestone_name(milestone)} ({milestone.held}) is in mediation: "
            f"unless both of you accept the mediator's proposal by "
            f"{_when(clock.deadline.due)} ({_left(clock.left)} from now), mediation fails "
            f"and arbitration opens, where only a party that pays the {fee} fee keeps a say."
        )
        advice = (
            "Read the mediator's proposal and answer it in the dispute before the deadline; "
            "gather your evidence (files, messages, the milestone description) in case it "
            "goes to arbitration."
        )
    else:
        if clock.same_milestone(escrow.DeadlineKind.MEDIATION_ACCEPTANCE_DUE) is not None:
            return None  # still in mediation: the step above is the one due first
        who = (
            "the client paid the fee, so "
            if books.client_paid_arbitration_at is not None
            else "if neither of you pays, "
        )
        message = (
            f"Mediation of milestone {_milestone_name(milestone)} failed: {who}the "
            f"{milestone.held} goes to the client at {_when(clock.deadline.due)} "
            f"({_left(clock.left)} from now) unless you pay the {fee} arbitration fee "
            "before then."
        )
        advice = (
            "Decide before the deadline: pay the arbitration fee in the dispute if the "
            "milestone is worth more than the fee to you; otherwise the escrow goes to "
            "the client."
        )
    return make_finding(
        FindingCode.DISPUTE_STEP_DUE,
        message,
        advice,
        "",
        amount=milestone.held,
        unconfirmed=unconfirmed,
        **clock.fields(),
    )


def _fee_of(clock: _Clock) -> tuple[Money, bool]:
    """The dispute's arbitration fee as the engine's own clock takes it, and its flag.

    The caller's rules, else those in force on the UTC day the dispute was
    answered (when the clock started): the engine's one rule, :func:`escrow.rules_in_force`.
    The flag is :func:`_fee_unconfirmed`'s.
    """
    answered = clock.milestone.escrow.dispute_answered_at
    started = clock.now if answered is None else answered
    fee = escrow.rules_in_force(started, rules=clock.override).arbitration_fee
    return fee, _fee_unconfirmed(fee, started)


def _fee_unconfirmed(fee: Money, on: datetime) -> bool:
    """Whether *fee* is the arbitration fee published for *on* and that figure is unconfirmed.

    A fee from the caller's own rules that differs from the published one (a
    what-if, or a figure they know) is theirs, not the one the flag is about.
    """
    try:
        published = escrow.rules_in_force(on).arbitration_fee
    except RulesError:  # before the first published rules: the figure is the caller's
        return False
    return fee == published and rule_unconfirmed("arbitration_fee")


def _dormancy(clock: _Clock, *, closing: bool) -> Finding | None:
    # The first notice is the warning to act on: report it once it is due within
    # one notice period.  Once it has passed, the closing date is what matters.
    rules = clock.rules
    reach = rules.dormancy_first_notice
    if closing:
        reach += rules.dormancy_final_notice
    if clock.left > reach:
        return None
    milestone = clock.milestone
    what = (
        "closes the contract and turns the escrow into a refund request"
        if closing
        else "sends its first dormancy notice"
    )
    message = (
        f"The escrow of milestone {_milestone_name(milestone)} ({milestone.held}) has "
        f"not moved for a long time: Upwork {what} at {_when(clock.deadline.due)}."
    )
    choices = escrow.allowed(clock.contract, milestone.id, now=clock.now, rules=clock.override)
    if "Submit" in choices.allowed:
        advice = (
            "Submit the work through 'Submit work' (that starts the review clock) or agree "
            "the next step with the client before then."
        )
        script = (
            "Hi! This milestone has been quiet for a while. Shall I submit what's done, or "
            "is there anything you need from me to wrap it up?"
        )
    else:
        # Escrow with no work to submit (a partial approval's remainder): only the
        # client can move it, or a dispute (the engine allows no Submit here).
        advice = (
            f"Ask the client to release the {milestone.held} still in escrow, or agree the "
            "next step with them, before then."
        )
        script = (
            f"Hi! {milestone.held} is still in escrow on this milestone. Could you release "
            "it, or shall we agree what happens to it?"
        )
    return make_finding(
        FindingCode.DORMANT_ESCROW,
        message,
        advice,
        script,
        amount=milestone.held,
        **clock.fields(),
    )


def _dormancy_notice(clock: _Clock) -> Finding | None:
    return _dormancy(clock, closing=False)


def _dormancy_close(clock: _Clock) -> Finding | None:
    return _dormancy(clock, closing=True)


#: Which finding each deadline kind gives; kinds not listed give none.
_BY_DEADLINE: dict[str, Callable[[_Clock], Finding | None]] = {
    "review_ends": _review_running,
    "refund_response_due": _refund_pending,
    "dispute_window_closes": _dispute_window,
    "mediation_acceptance_due": _dispute_step,
    "arbitration_opt_in_due": _dispute_step,
    "dormancy_notice": _dormancy_notice,
    "dormancy_close": _dormancy_close,
}


def _arbitration(contract: Contract, now: datetime, rules: PlatformRules) -> list[Finding]:
    fee = rules.arbitration_fee
    unconfirmed = _fee_unconfirmed(fee, now)
    found: list[Finding] = []
    for milestone in contract.milestones:
        held = milestone.held
        # Every milestone holding escrow, as CODES' trigger says: also a partial
        # approval's remainder (PAID, or carried to a NOT_FUNDED milestone), which
        # has no clock and only a dispute can recover.
        if not held.amount or held.currency != fee.currency or held >= fee:
            continue
        if milestone.escrow.freelancer_paid_arbitration_at is not None:
            continue  # the fee is paid: advice against arbitration comes too late
        try:
            net = fees.net_earnings(
                held,
                on=now.astimezone(_UTC).date(),
                rate=contract.service_fee_rate,
                billed_before=contract.earnings if contract.payments else None,
            )
        except (RulesError, CurrencyMismatchError):
            net_text = ""
        else:
            net_text = f" (about {net} after Upwork's service fee)"
        flag = " (a historic figure, unconfirmed today)" if unconfirmed else ""
        message = (
            f"Milestone {_milestone_name(milestone)} holds {held}{net_text}, less than the "
            f"{fee} arbitration fee each party pays{flag}: arbitration would cost more "
            "than it could win."
        )
        advice = (
            "Nothing is wrong yet; just don't count on arbitration for this milestone. "
            "Keep deliverables and agreements in Upwork messages so mediation has "
            "evidence, and submit through 'Submit work'."
        )
        found.append(
            make_finding(
                FindingCode.ARBITRATION_UNECONOMIC,
                message,
                advice,
                "",
                milestone_id=milestone.id,
                amount=fee,
                unconfirmed=unconfirmed,
                evidence=f"held {held} < arbitration fee {fee}",
            )
        )
    return found


def _vague(contract: Contract) -> list[Finding]:
    if contract.ended is not None:
        # No milestone of an ended contract can be funded or edited any more
        # (escrow's can_fund: "the contract ended"): agreeing details is moot.
        return []
    found: list[Finding] = []
    for milestone in contract.milestones:
        if milestone.state not in _OPEN_STATES:
            continue
        found.extend(
            vague_findings(
                milestone.title,
                milestone.description,
                funded=milestone.state is not MilestoneState.NOT_FUNDED,
                milestone_id=milestone.id,
            )
        )
    return found


def _fixed_price(contract: Contract, now: datetime, rules: PlatformRules | None) -> list[Finding]:
    current = escrow.advance(contract, now, rules=rules)
    in_force = escrow.rules_in_force(now, rules=rules)
    found = _unfunded(current, now, rules)
    deadlines = escrow.deadlines(current, now, rules=rules)
    upcoming: dict[tuple[escrow.DeadlineKind, str | None], escrow.Deadline] = {}
    for deadline in deadlines:  # one look-up per deadline, not a scan of them all
        upcoming.setdefault((deadline.kind, deadline.milestone_id), deadline)
    for deadline in deadlines:
        handler = _BY_DEADLINE.get(deadline.kind)
        clock = _Clock(current, deadline, now, in_force, upcoming, rules)
        finding = None if handler is None else handler(clock)
        if finding is not None:
            found.append(finding)
    found.extend(_arbitration(current, now, in_force))
    found.extend(_vague(current))
    return found


def _hours(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def _week_findings(
    contract: Contract,
    week: hourly.BillingWeek,
    now: datetime,
    rules: PlatformRules | None,
    *,
    label: str,
) -> list[Finding]:
    """The findings of one billing week: this week, or a past one the client may still dispute."""
    if label != _THIS_WEEK and now >= week.calendar(rules=rules).dispute_window_closes:
        return []
    if not any(e.start <= week.end and e.end > week.start for e in contract.time_entries):
        return []
    bill = hourly.invoice_for(contract, week=week, rules=rules)
    due = bill.dispute_window_ends
    # due is the window's last whole second (Friday 23:59:59); the window itself
    # closes at Saturday 00:00, so in the last second the time left is nil, not negative.
    found: list[Finding] = []
    if bill.unprotected_time:
        unprotected = bill.unprotected_segments
        reasons = "; ".join(
            f"{_hours(span)} {reason.explanation}"
            for reason in hourly.UnprotectedReason
            if (span := sum((s.length for s in unprotected if reason in s.reasons), timedelta()))
        )
        message = (
            f"{_hours(bill.unprotected_time)} billed {label} ({week}), worth "
            f"{bill.unprotected_amount}, is not covered by Hourly Protection; the client "
            f"can dispute it until {_when(due)}."
        )
        advice = (
            "Track time with the desktop app, write a memo for every stretch, keep "
            "activity up, and prefer manual time only with the client's written OK."
        )
        script = _unprotected_script(unprotected, label)
        found.append(
            make_finding(
                FindingCode.UNPROTECTED_HOURS,
                message,
                advice,
                script,
                due=due,
                time_left=max(due - now, timedelta()),
                amount=bill.unprotected_amount,
                evidence=reasons,
            )
        )
    if bill.over_limit_time:
        # The time actually logged in the over-limit slots, from the Work Diary: the
        # invoice's over_limit_time counts whole billing segments (a partial slot
        # rounded up by a modelling assumption) and can exceed all the time logged.
        logged = sum((s.logged for s in bill.over_limit_segments), timedelta())
        message = (
            f"{_hours(logged)} logged {label} ({week}) after the weekly "
            f"limit of {bill.weekly_limit} hours is not invoiced: that time is unpaid."
        )
        advice = "Stop tracking at the limit, or ask the client to raise it first."
        script = (
            "This week needs more hours than our weekly limit allows. Could you raise the "
            "limit so the extra time is billed? Otherwise I'll stop at the limit."
        )
        found.append(
            make_finding(
                FindingCode.OVER_WEEKLY_LIMIT,
                message,
                advice,
                script,
                due=due,
                time_left=max(due - now, timedelta()),
                evidence=f"over limit: {_hours(logged)} logged, in "
                f"{len(bill.over_limit_segments)} billing segments ({bill.over_limit_hours} h)",
            )
        )
    return found


def _unprotected_script(unprotected: tuple[hourly.Segment, ...], label: str) -> str:
    """The note to the client that the week's reasons make true, or ``""`` if none fits.

    Only manual time is worth telling the client about; the note says the
    details are in the memos only when every unprotected segment has one.
    Low activity, missing memos or an unverified client have no honest note
    (UNVERIFIED_CLIENT carries its own).
    """
    manual = sum(
        (s.length for s in unprotected if hourly.UnprotectedReason.MANUAL in s.reasons),
        timedelta(),
    )
    if not manual:
        return ""
    memos = not any(hourly.UnprotectedReason.NO_MEMO in s.reasons for s in unprotected)
    details = "; the details are in the memos" if memos else ""
    return (
        f"Quick note: I added {_hours(manual)} of manual time {label} for work done away "
        f"from the tracker{details}. Let me know if you have any questions."
    )


def _check_diary_ends_by(contract: Contract, now: datetime) -> None:
    """Refuse a Work Diary that records time after *now*, as the escrow engine refuses history."""
    last = max((entry.end for entry in contract.time_entries), default=None)
    if last is not None and now < last:
        raise InvalidValueError(
            f"now ({_when(now)}) is earlier than the end of the last time entry in the Work "
            f"Diary ({_when(last)}); time only moves forward",
            field="now",
            rule="not before the end of the last time entry",
        )


_THIS_WEEK = "this week"


def _past_weeks(now: datetime, rules: PlatformRules | None) -> list[tuple[hourly.BillingWeek, str]]:
    """The weeks before *now*'s whose dispute window may still be open, newest first.

    Last week under the published rules; under a what-if dispute window
    longer than a week (up to a year), every week it may still cover.  Each
    week's own calendar decides (:func:`_week_findings`); this bounds the walk
    by the longest window the rules in use can give.
    """
    longest = (
        rules.hourly_review_window
        if rules is not None
        else max(preset.hourly_review_window for preset in HISTORY)
    )
    weeks: list[tuple[hourly.BillingWeek, str]] = []
    week = hourly.billing_week(now)
    # The calendar's first week (from 0001-01-01) has no week before it to check.
    while week.start.date() - date.min >= timedelta(days=7):
        week = week.previous()
        if now >= closes_after(week.closes_at + longest):
            break
        back = len(weeks) + 1
        weeks.append((week, "last week" if back == 1 else f"{back} weeks ago"))
    return weeks


def _hourly(contract: Contract, now: datetime, rules: PlatformRules | None) -> list[Finding]:
    _check_diary_ends_by(contract, now)
    found = _week_findings(contract, hourly.billing_week(now), now, rules, label=_THIS_WEEK)
    for week, label in _past_weeks(now, rules):
        found.extend(_week_findings(contract, week, now, rules, label=label))
    if contract.ended is None and not contract.client.payment_verified:
        message = (
            f"Client {shown(contract.client.name or contract.client_id, NAME_LIMIT)} has no "
            "verified billing method: Hourly Protection covers none of your hours."
        )
        advice = (
            "Ask the client to verify a billing method before you log more time, or move "
            "the work to funded fixed-price milestones."
        )
        script = (
            "Before I log more hours, could you verify your billing method on Upwork? "
            "It's what lets Upwork protect hourly work for both of us."
        )
        found.append(
            make_finding(
                FindingCode.UNVERIFIED_CLIENT,
                message,
                advice,
                script,
                evidence="Client.payment_verified is False",
            )
        )
    return found


def review_contract(
    contract: Contract, *, now: datetime, rules: PlatformRules | None = None
) -> list[Finding]:
    """Review a contract at *now* and report what needs the freelancer's attention.

    Fixed-price contracts are first advanced to *now* with
    :func:`upwork_safety.escrow.advance` (a review period that ran out is
    already paid), then read through :func:`~upwork_safety.escrow.deadlines`:
    ``UNFUNDED_MILESTONE``, ``REVIEW_PERIOD_RUNNING`` (with the exact
    auto-release time), ``REFUND_REQUEST_PENDING`` (with the time left),
    ``DISPUTE_WINDOW_CLOSING``, ``DORMANT_ESCROW``,
    ``ARBITRATION_UNECONOMIC`` (with the fee, its *unconfirmed* flag, and the
    net after the service fee from :func:`upwork_safety.fees.net_earnings`)
    and ``VAGUE_MILESTONE`` for milestones not yet delivered (for a funded
    one, which can no longer be edited, the advice is to agree the details
    in writing in the contract's messages before submitting).

    Hourly contracts are invoiced with :func:`upwork_safety.hourly.invoice_for`
    for the current billing week and for every earlier week while its
    dispute window is open (last week under the published rules; more under
    rules with a longer window): ``UNPROTECTED_HOURS``, ``OVER_WEEKLY_LIMIT``, and
    ``UNVERIFIED_CLIENT`` while the contract is open.

    Args:
        contract: The contract, as recorded so far (its ``history`` and
            its Work Diary up to now, or less: automatic steps are applied
            here).
        now: The moment of the review (timezone-aware).
        rules: Platform rules to use instead of those in force on each date.

    Returns:
        The findings, most severe first, then soonest deadline first.

    Raises:
        InvalidValueError: *now* is naive; earlier than a fixed-price
            contract's last event, or than a moment recorded on a
            milestone's escrow (``submitted_at`` and the like), or than the
            end of an hourly contract's
            last time entry (the contract is recorded up to *now*, or
            less, never beyond it); an hourly contract with time but no
            hourly rate; a milestone's clock that ran out before the last
            recorded event (the contract, or *rules*, is not what its
            history was recorded under), or a dispute step recorded on a
            milestone's escrow outside the time the rules give it.
        InvalidTypeError: *contract* is not a Contract or *rules* not
            :class:`~upwork_safety.rules.PlatformRules`.
    """
    contract = instance(contract, Contract, "contract")
    now = utc_instant(now, "now")
    optional_instance(rules, PlatformRules, "rules")
    if contract.kind is ContractKind.HOURLY:
        return sorted_findings(_hourly(contract, now, rules))
    return sorted_findings(_fixed_price(contract, now, rules))
