"""Reviewing a whole contract at a moment: :func:`review_contract` and the findings it derives.

Fixed-price contracts are read through the public functions of
:mod:`~upwork_safety.escrow` (advance, deadlines) and
:mod:`~upwork_safety.fees` (the net after the service fee); hourly
contracts through :mod:`~upwork_safety.hourly` (the week's invoice, in
``_hourly_weeks``).  Each deadline kind is turned into a finding by one
entry of a dispatch table (``_clocks``); the findings about the contract
as a whole (unfunded work, arbitration that costs more than it could win,
vague milestones) are written here.
"""

from __future__ import annotations

# Imported at run time: the API docs resolve review_contract's annotations.
from datetime import datetime

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import shown
from upwork_safety._moments import utc_instant
from upwork_safety._validate import instance
from upwork_safety.checks._changes import changes_findings
from upwork_safety.checks._clocks import (
    _BY_DEADLINE,
    _UTC,
    _Clock,
    _fee_unconfirmed,
    _milestone_name,
)
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._currency import currency_findings
from upwork_safety.checks._fee_rate import fee_rate_findings
from upwork_safety.checks._findings import Finding, make_finding, sorted_findings
from upwork_safety.checks._fund_advice import (
    FundRefusal,
    below_minimum_findings,
    fund_refusal,
    minimum_unconfirmed,
)
from upwork_safety.checks._hourly_weeks import _hourly
from upwork_safety.checks._milestones import short, vague_findings
from upwork_safety.checks._net import best_net_of_amount
from upwork_safety.checks._normalise import checked_text
from upwork_safety.checks._pending import pending_findings
from upwork_safety.models import Contract, ContractKind, Milestone, MilestoneState
from upwork_safety.rules import PlatformRules, RuleHistory, _given_rules

_WORKING = frozenset(
    {
        MilestoneState.FUNDED,
        MilestoneState.SUBMITTED,
        MilestoneState.CHANGES_REQUESTED,
        MilestoneState.REFUND_REQUESTED,
        MilestoneState.DISPUTED,
    }
)
#: The states from which work is submitted through "Submit work": the escrow table's own.
_SUBMITTABLE = frozenset(
    source for row in escrow.TRANSITIONS if row.event == "Submit" for source, _ in row.edges
)
_OPEN_STATES = frozenset(
    {MilestoneState.NOT_FUNDED, MilestoneState.FUNDED, MilestoneState.CHANGES_REQUESTED}
)


def _titled(milestone: Milestone) -> str:
    """A milestone as a script names it to the client: by its title, which both see on Upwork.

    Its ``id`` is the caller's own key, which the client never sees.
    """
    return f'"{short(milestone.title, 40)}"'


def _refused_advice(milestone: Milestone, refused: FundRefusal) -> tuple[str, str]:
    """The advice and the script for a next milestone the engine will not fund as it stands."""
    title = _titled(milestone)
    starts = refused.starts
    when = "" if starts is None else f" on or after {starts} (UTC), the day the contract starts"
    if refused.minimum is not None:
        minimum = refused.minimum
        advice = (
            "Don't open your editor yet: ask the client to raise the milestone to at least "
            f"{minimum} (or merge it with another one) and fund it{when}; start once it "
            "shows as funded."
        )
        script = (
            f"I'm ready to start {title}! Upwork can only fund milestones of at least "
            f"{minimum}: could you raise this one (or merge it with the next) and fund "
            f"it{when}? I'll begin as soon as it shows as funded."
        )
    elif refused.other is None:
        advice = (
            f"Don't open your editor yet: the contract starts on {starts} (a UTC day), and "
            "Upwork opens funding on its start day. Ask the client to fund the milestone "
            "then; start once it shows as funded."
        )
        script = (
            f"I'm looking forward to starting {title} when the contract starts on {starts} (UTC)! "
            "Could you fund the milestone on Upwork that day? I'll begin as soon as it "
            "shows as funded."
        )
    else:
        # No guard gives another reason for this milestone today (the contract is
        # open, nothing else is active): Upwork's own words, should one appear.
        advice = (
            f"Don't open your editor yet: Upwork will not fund it as it stands "
            f"({refused.other}). Settle that with the client and have it funded{when}; "
            "start once it shows as funded."
        )
        script = (
            f"I'm ready to start {title}! Upwork won't let this milestone be funded as it "
            "stands: could you look at it on Upwork and fund it? I'll begin as soon as it "
            "shows as funded."
        )
    return advice, script


def _unfunded(
    contract: Contract, now: datetime, rules: PlatformRules | RuleHistory[PlatformRules] | None
) -> tuple[list[Finding], str | None]:
    """``UNFUNDED_MILESTONE`` if due, and the id of the milestone it asks to raise."""
    if contract.ended is not None or any(m.state in _WORKING for m in contract.milestones):
        return [], None
    upcoming = [m for m in contract.milestones if m.state is MilestoneState.NOT_FUNDED]
    if contract.milestones and not upcoming:
        return [], None
    if not contract.milestones and contract.payments:
        # Paid without a milestone on record (a contract read from an export,
        # which lists no milestones): what is in escrow is not known.
        return [], None
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
        return [make_finding(FindingCode.UNFUNDED_MILESTONE, message, advice, script)], None
    nxt = upcoming[0]
    # What the milestone holds already (a remainder carried from a partial
    # approval) is in escrow for it: only the rest of its amount is unprotected.
    if nxt.held >= nxt.amount:
        return [], None
    missing = nxt.amount - nxt.held
    # A remainder too large to carry stays on its paid milestone, and under the
    # one-active-milestone rule the next milestone can be funded only once it is
    # released or refunded: "fund it" alone would be advice the client cannot follow.
    # The engine says whether Fund is refused, and the rules in force say why.
    holder = next((m for m in contract.milestones if m is not nxt and m.held.amount), None)
    # Why the engine refuses Fund, if it does, read from the engine itself (asked
    # again on the start day and at the minimum): the advice names that obstacle.
    refused = fund_refusal(contract, nxt, now, rules)
    in_force = escrow.rules_in_force(now, rules=rules)
    evidence = (
        f"state {nxt.state.name}, {nxt.held} of {nxt.amount} in escrow; no other milestone active"
    )
    if refused is not None and holder is not None and in_force.one_active_milestone:
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
            f"I'm ready to start {_titled(nxt)}! {holder.held} is still in escrow on "
            f"{_titled(holder)}: could you release it (or refund it) and then fund the next "
            "milestone on Upwork? I'll begin as soon as it shows as funded."
        )
        evidence = (
            f"state {nxt.state.name}, {nxt.held} of {nxt.amount} in escrow; "
            f"{holder.id} ({holder.state.name}) holds {holder.held}"
        )
    elif refused is not None:
        # "Fund it" would be advice the client cannot follow: say what stands in the way.
        blocked = "; ".join(refused.reasons)
        message = (
            f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, is not funded, "
            f"and cannot be as it stands ({blocked}): work on it now would be unprotected."
        )
        advice, script = _refused_advice(nxt, refused)
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
    told = None if refused is None or refused.minimum is None else nxt.id
    return [
        make_finding(
            FindingCode.UNFUNDED_MILESTONE,
            message,
            advice,
            script,
            milestone_id=nxt.id,
            amount=missing,
            evidence=evidence,
            # Advice that quotes a what-if minimum says it has no source (diff review r35, 2).
            unconfirmed=told is not None and minimum_unconfirmed(contract, now, rules),
        )
    ], told


def _arbitration_advice(milestone: Milestone) -> str:
    """What to do about a milestone too small to defend in arbitration, in its state.

    "Submit through 'Submit work'" is advice only while work can still be
    submitted (newcomer r35 6: it was given on a milestone already in dispute).
    """
    if milestone.state is MilestoneState.DISPUTED:
        return (
            "The dispute is open: aim to settle it before arbitration (with the "
            "client's answer, or in mediation): arbitration would cost you more than the "
            "milestone holds. "
            "Put your evidence (delivered files, Upwork messages, the milestone "
            "description) in the dispute."
        )
    if milestone.state in _SUBMITTABLE:
        return (
            "Nothing is wrong yet; just don't count on arbitration for this milestone. "
            "Keep deliverables and agreements in Upwork messages so mediation has "
            "evidence, and submit through 'Submit work'."
        )
    return (
        "Nothing is wrong yet; just don't count on arbitration for this milestone. "
        "Keep deliverables and agreements in Upwork messages so mediation has evidence."
    )


def _arbitration(contract: Contract, now: datetime, rules: PlatformRules) -> list[Finding]:
    """A finding for each milestone whose win in arbitration would not pay its fee.

    One rule for the trigger and the message (review r40, 2): what winning
    would leave, the held amount net of Upwork's service fee (worked out as
    the other findings' net figures are), is compared with the fee.  A kept
    legacy rate the engine confirms only with the client's earlier billings
    (which a contract cannot hold) is judged at the most favourable rate the
    schedule in force allows the contract, the highest net, and the finding
    says so (hostile r41, 1: it had fallen back to the held amount).  Only
    when the engine cannot price it (no schedule in force, or a contract
    rate it refuses for good, which ``FEE_RATE_NOT_CHARGED`` reports) is
    the held amount itself compared.
    """
    fee = rules.arbitration_fee
    unconfirmed = _fee_unconfirmed(fee, now)
    found: list[Finding] = []
    for milestone in contract.milestones:
        held = milestone.held
        # Every milestone holding escrow, as CODES' trigger says: also a partial
        # approval's remainder (PAID, or carried to a NOT_FUNDED milestone), which
        # has no clock and only a dispute can recover.  Only in the fee's currency, as
        # the trigger says too: no exchange rate is assumed (review r36, 5).
        if not held.amount or held.currency != fee.currency:
            continue
        if milestone.escrow.freelancer_paid_arbitration_at is not None:
            continue  # the fee is paid: advice against arbitration comes too late
        # What winning it would leave (checks/_net.py: one more payment on the
        # contract, r21 left-over); the service fee never adds, so a held amount
        # below the fee always leaves less than it.
        priced = best_net_of_amount(contract, held, now.astimezone(_UTC).date())
        won = held if priced is None else priced[0][0]
        if won >= fee:
            continue
        flag = " (a historic figure, unconfirmed today)" if unconfirmed else ""
        if priced is None:
            said = f"holds {held}, less than"
            evidence = f"held {held} < arbitration fee {fee}"
        elif priced[1]:
            (net, named), _ = priced
            said = (
                f"holds {held}, at most {net} after {named} (the most favourable rate "
                f"it can be charged: the client's earlier billings are not recorded): less than"
            )
            evidence = (
                f"held {held}, net {net} at the most favourable rate ({named}; "
                f"billed_before unknown) < arbitration fee {fee}"
            )
        else:
            (net, named), _ = priced
            said = f"holds {held}, about {net} after {named}: less than"
            evidence = f"held {held}, net {net} < arbitration fee {fee}"
        message = (
            f"Milestone {_milestone_name(milestone)} {said} the {fee} arbitration fee each "
            f"party pays{flag}: arbitration would cost more than it could win."
        )
        advice = _arbitration_advice(milestone)
        found.append(
            make_finding(
                FindingCode.ARBITRATION_UNECONOMIC,
                message,
                advice,
                "",
                milestone_id=milestone.id,
                amount=fee,
                unconfirmed=unconfirmed,
                evidence=evidence,
            )
        )
    return found


def _vague(contract: Contract) -> list[Finding]:
    if contract.ended is not None:
        # No milestone of an ended contract can be funded or edited any more
        # (escrow's can_fund: "the contract ended"): agreeing details is moot.
        return []
    found: list[Finding] = []
    for index, milestone in enumerate(contract.milestones):
        if milestone.state not in _OPEN_STATES:
            continue
        for name in ("title", "description"):
            checked_text(
                getattr(milestone, name),
                f"contract.milestones[{index}].{name}",
                what=f"contract {shown(contract.id)}, milestone {shown(milestone.id)}: its {name}",
                fix="a milestone's text on Upwork is far shorter: check the contract's data",
            )
        found.extend(
            vague_findings(
                milestone.title,
                milestone.description,
                funded=milestone.state is not MilestoneState.NOT_FUNDED,
                milestone_id=milestone.id,
            )
        )
    return found


def _fixed_price(
    contract: Contract, now: datetime, rules: PlatformRules | RuleHistory[PlatformRules] | None
) -> list[Finding]:
    current = escrow.advance(contract, now, rules=rules)
    in_force = escrow.rules_in_force(now, rules=rules)
    found, told = _unfunded(current, now, rules)
    found.extend(below_minimum_findings(current, now, rules, told=told))
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
    found.extend(pending_findings(current, deadlines, now, rules))
    found.extend(changes_findings(current, deadlines, now, in_force, reported=found))
    found.extend(_arbitration(current, now, in_force))
    found.extend(_vague(current))
    found.extend(currency_findings(current, now, in_force))
    return found


def review_contract(
    contract: Contract,
    *,
    now: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> list[Finding]:
    """Review a contract at *now* and report what needs the freelancer's attention.

    Fixed-price contracts are first advanced to *now* with
    :func:`upwork_safety.escrow.advance` (a review period that ran out is
    already paid), then read through :func:`~upwork_safety.escrow.deadlines`:
    ``UNFUNDED_MILESTONE`` (when the engine refuses to fund the next
    milestone, the advice names why: the contract's start day, the minimum
    milestone), ``MILESTONE_BELOW_MINIMUM`` (any milestone still to be
    funded below the minimum of the rules in force), ``REVIEW_PERIOD_RUNNING`` (with the exact
    auto-release time), ``FUNDS_PENDING`` (paid money in the security
    period, with the moment it becomes available), ``REFUND_REQUEST_PENDING``
    (with the time left),
    ``DISPUTE_WINDOW_CLOSING``, ``DISPUTE_ANSWER_DUE`` (the client's
    answer deadline of an open dispute, information),
    ``DISPUTE_STEP_DUE``, ``DORMANT_ESCROW``,
    ``ARBITRATION_UNECONOMIC`` (with the fee, its *unconfirmed* flag, and the
    net after the service fee, by :func:`upwork_safety.fees.explain_service_fee`
    with the contract, as the findings below; its advice fits the
    milestone's state)
    ``CHANGES_REQUESTED`` for a milestone the client sent back (the next step
    is the freelancer's; ``due`` is the first dormancy notice), and
    ``VAGUE_MILESTONE`` for milestones not yet delivered (for a funded
    one, which can no longer be edited, the advice is to agree the details
    in writing in the contract's messages before submitting).

    Hourly contracts are invoiced with :func:`upwork_safety.hourly.invoice_for`
    for the current billing week and for every earlier week while its
    dispute window is open (last week under the published rules; more under
    rules with a longer window): ``UNPROTECTED_HOURS``, ``OVER_WEEKLY_LIMIT``, and
    ``UNVERIFIED_CLIENT`` while the contract is open.  Every billed week whose
    pay is not yet available, laid out by
    :func:`upwork_safety.hourly.payout_schedule`, gives ``HOURS_IN_REVIEW``
    while the client can dispute it (with the end of the window and the
    moment the pay becomes available) and then ``HOURS_PENDING`` (with that
    moment): the hourly counterparts of ``REVIEW_PERIOD_RUNNING`` and
    ``FUNDS_PENDING``.  Top Rated status is not part of a contract: ``due``
    is the usual payday, and the message adds the Top Rated one where the
    hold is skipped.

    The ``amount`` of ``REVIEW_PERIOD_RUNNING``, ``FUNDS_PENDING``,
    ``HOURS_IN_REVIEW`` and ``HOURS_PENDING`` is the money paid or billed,
    before Upwork's service fee, as the escrow and hourly engines count it;
    what becomes available to withdraw is that less the fee, and their
    messages say it: the amount after the fee in force on the payment's
    day, by :func:`upwork_safety.fees.explain_service_fee` with the
    contract (its ``service_fee_rate``), or that the fee comes off when it
    cannot be worked out (a currency other than USD).  A contract whose own
    ``service_fee_rate`` the fee engine refuses gets
    ``FEE_RATE_NOT_CHARGED``, quoting the engine's refusal.  A contract with
    amounts in a currency other than the one Upwork's rules are modelled in
    (USD) gets ``CURRENCY_NOT_MODELLED`` once, naming the checks and figures
    that could not be applied (no exchange rate is assumed).

    No finding means none of these checks found anything, not that the
    contract needs nothing from the freelancer.

    Args:
        contract: The contract, as recorded so far (its ``history`` and
            its Work Diary up to now, or less: automatic steps are applied
            here).
        now: The moment of the review (timezone-aware).
        rules: Platform rules to use instead of those in force on each date.

    Returns:
        The findings, most severe first, then soonest deadline first (a
        finding with no ``due`` after those with one), then in the order of
        :data:`CODES`.

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
            milestone's escrow outside the time the rules give it; an open
            milestone's title or description longer than
            :data:`~upwork_safety.checks.MAX_TEXT_CHARS`.
        InvalidTypeError: *contract* is not a Contract or *rules* not
            :class:`~upwork_safety.rules.PlatformRules` or a history of them.
    """
    contract = instance(contract, Contract, "contract")
    now = utc_instant(now, "now")
    rules = _given_rules(rules, PlatformRules)
    fee_rate = fee_rate_findings(contract, now)
    if contract.kind is ContractKind.HOURLY:
        in_force = escrow.rules_in_force(now, rules=rules)
        return sorted_findings(
            [*_hourly(contract, now, rules), *fee_rate, *currency_findings(contract, now, in_force)]
        )
    return sorted_findings([*_fixed_price(contract, now, rules), *fee_rate])
