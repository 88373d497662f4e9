"""The fixed-price deadline findings: one for each kind of clock escrow reports (private).

:func:`~upwork_safety.checks.review_contract` (``_contracts``) reads a
fixed-price contract's clocks through :func:`upwork_safety.escrow.deadlines`
and turns each into a finding by one entry of :data:`_BY_DEADLINE`: the
review period running, a refund request pending, the dispute window of an
ended contract, a dispute step due, dormant escrow.  Here too is how the
contract findings write a moment, a time left and a milestone
(:func:`_when`, :func:`_left`, :func:`_milestone_name`) and whether an
arbitration fee is an unconfirmed figure (:func:`_fee_unconfirmed`), which
the rest of the review shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import attrs

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import utc_text
from upwork_safety._last_day import LATEST
from upwork_safety.checks._codes import FindingCode, rule_unconfirmed
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._milestones import short
from upwork_safety.checks._net import becomes_available, net_of_amount
from upwork_safety.errors import RulesError
from upwork_safety.models import Contract, Milestone, MilestoneState
from upwork_safety.rules import PlatformRules, RuleHistory

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety.money import Money


_UTC = timezone.utc


def _when(at: datetime) -> str:
    return utc_text(at)


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
    override: PlatformRules | RuleHistory[PlatformRules] | None = None

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
    available = _available_after_release(clock)
    if available is not None:
        # What the release leaves on the balance (newcomer r21 H1): the escrow is gross.
        net = net_of_amount(clock.contract, milestone.held, clock.deadline.due.date())
        message += (
            " It is then pending for Upwork's security period, and "
            f"{becomes_available(net)} at {_when(available)}."
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


def _available_after_release(clock: _Clock) -> datetime | None:
    """When the escrow released at the end of the review would become available.

    The engine's own answer: the contract advanced to the release, and the
    ``funds_available`` deadline it then reports for the milestone (the
    security period is never restated here).
    """
    released = clock.deadline.due
    if released.date() > LATEST:  # the engine is not run past its calendar
        return None
    after = escrow.advance(clock.contract, released, rules=clock.override)
    dues = [
        d.due
        for d in escrow.deadlines(after, released, rules=clock.override)
        if d.kind is escrow.DeadlineKind.FUNDS_AVAILABLE
        and d.milestone_id == clock.deadline.milestone_id
    ]
    return max(dues, default=None)


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
    # Whether work was submitted: the scripts claim a delivery only when one is recorded.
    submitted = _submitted(clock.contract, milestone)
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
            if submitted
            else "Upwork closed our contract automatically because it had been inactive, "
            "and the escrow for this milestone is set to go back to you. Before it does, "
            "can we agree on the work done on this milestone so far? If none was, the "
            "refund can go ahead."
        )
    else:
        message = (
            f"The client asked for the {milestone.held} in escrow for milestone "
            f"{_milestone_name(milestone)} back. {when_text}"
        )
        script = (
            "I've delivered the work for this milestone, so I can't agree to a full "
            "refund, but I'm happy to talk about what would make it right."
            if submitted
            else "Before I answer the refund request, can we agree on the work done on this "
            "milestone so far? If none was, I'll accept the refund."
        )
    advice = (
        "Answer before the deadline: accept if no work was delivered; if you "
        "delivered work, open a dispute and keep the evidence (files, messages)."
    )
    if not submitted:
        advice += (
            " No submission of this milestone is recorded: if you delivered the work "
            "outside Upwork's Submit work, the files and messages are your only proof."
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


def _submitted(contract: Contract, milestone: Milestone) -> bool:
    """Whether the history records work submitted for *milestone* before its refund request."""
    asked = milestone.escrow.refund_requested_at
    return any(
        isinstance(event, escrow.Submit)
        and event.milestone_id == milestone.id
        and (asked is None or event.at <= asked)
        for event in contract.history
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


def _dispute_answer(clock: _Clock) -> Finding | None:
    """A dispute awaiting the client's answer: the date is shown, no step is the freelancer's.

    DISPUTE_STEP_DUE stays silent while the answer is awaited (the freelancer
    has nothing to do); this one says when the answer is due and what silence
    does (newcomer r35 6: the date was visible only through escrow.deadlines).
    """
    milestone = clock.milestone
    message = (
        f"Milestone {_milestone_name(milestone)} ({milestone.held}) is in dispute: the "
        f"client has until {_when(clock.deadline.due)} ({_left(clock.left)} from now) to "
        f"answer it; if they do not, {clock.deadline.consequence}. If they answer, a "
        "mediator steps in and proposes a resolution."
    )
    advice = (
        "Nothing to do but wait for the client's answer; meanwhile gather your evidence "
        "(delivered files, Upwork messages, the milestone description) for mediation, "
        "and keep talking to the client only in Upwork messages."
    )
    return make_finding(
        FindingCode.DISPUTE_ANSWER_DUE,
        message,
        advice,
        "",
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


def _held_back(clock: _Clock) -> Finding | None:
    """A partial approval's remainder kept on its own milestone, reported at once.

    Nothing moves it but the client (a release), a dispute or a refund: left
    alone, dormancy closes the contract and turns it into a refund request
    (newcomer r16 #3: the first word of it came weeks later, near the notice).
    """
    milestone = clock.milestone
    close = clock.same_milestone(escrow.DeadlineKind.DORMANCY_CLOSE)
    closes = "" if close is None else f" and closes the contract at {_when(close.due)}"
    message = (
        f"{milestone.held} of milestone {_milestone_name(milestone)} was not released when "
        f"the client approved {milestone.escrow.released} of it: it stays in escrow, and if "
        f"nothing moves it Upwork sends its first dormancy notice at {_when(clock.deadline.due)}"
        f"{closes}, turning the escrow into a refund request to the client."
    )
    advice = (
        f"Ask the client why {milestone.held} was held back, and to release it if the work "
        "was delivered as agreed. If they will not, file a non-release dispute through "
        "Support (HC 211068528) while the escrow is still there."
    )
    script = (
        f"Hi! Thanks for approving this milestone. {milestone.held} of it is still in escrow: "
        "could you release it, or tell me what is missing so I can finish it?"
    )
    return _dormant(clock, message, advice, script)


def _dormant(clock: _Clock, message: str, advice: str, script: str) -> Finding:
    # The one DORMANT_ESCROW finding: the money is what the milestone still holds.
    return make_finding(
        FindingCode.DORMANT_ESCROW,
        message,
        advice,
        script,
        amount=clock.milestone.held,
        **clock.fields(),
    )


def _dormancy(clock: _Clock, *, closing: bool) -> Finding | None:
    # The first notice is the warning to act on: report it once it is due within
    # one notice period.  Once it has passed, the closing date is what matters.
    # A partial approval's remainder on its own (paid) milestone is said at once, unless a
    # milestone waits to be funded (UNFUNDED_MILESTONE then asks to settle it first).
    milestone = clock.milestone
    waiting = any(m.state is MilestoneState.NOT_FUNDED for m in clock.contract.milestones)
    if not closing and milestone.state is MilestoneState.PAID and not waiting:
        return _held_back(clock)
    rules = clock.rules
    reach = rules.dormancy_first_notice
    if closing:
        reach += rules.dormancy_final_notice
    if clock.left > reach:
        return None
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
    elif "Approve" in choices.allowed:
        # Escrow with no work to submit (a partial approval's remainder on its paid
        # milestone): the client can release it (or a dispute can move it).
        advice = (
            f"Ask the client to release the {milestone.held} still in escrow, or agree the "
            "next step with them, before then."
        )
        script = (
            f"Hi! {milestone.held} is still in escrow on this milestone. Could you release "
            "it, or shall we agree what happens to it?"
        )
    elif "Fund" in choices.allowed:
        # A remainder carried to a milestone not yet funded: it moves once the client
        # funds the rest of the milestone.
        rest = milestone.amount - milestone.held
        advice = (
            f"Ask the client to fund the rest of this milestone ({rest}; the {milestone.held} "
            "carried from a partial approval is already in escrow for it), or agree the next "
            "step with them, before then."
        )
        script = (
            f"Hi! {milestone.held} from the last milestone is in escrow for this one. Could "
            f"you fund the remaining {rest} so I can start, or shall we agree what happens "
            "to it?"
        )
    else:
        advice = "Agree the next step for this escrow with the client before then."
        script = (
            f"Hi! {milestone.held} is still in escrow on this milestone. What would you like "
            "to do with it?"
        )
    return _dormant(clock, message, advice, script)


def _dormancy_notice(clock: _Clock) -> Finding | None:
    return _dormancy(clock, closing=False)


def _dormancy_close(clock: _Clock) -> Finding | None:
    return _dormancy(clock, closing=True)


#: Which finding each deadline kind gives; kinds not listed give none.
_BY_DEADLINE: dict[str, Callable[[_Clock], Finding | None]] = {
    "review_ends": _review_running,
    "refund_response_due": _refund_pending,
    "dispute_window_closes": _dispute_window,
    "dispute_response_due": _dispute_answer,
    "mediation_acceptance_due": _dispute_step,
    "arbitration_opt_in_due": _dispute_step,
    "dormancy_notice": _dormancy_notice,
    "dormancy_close": _dormancy_close,
}
