"""What is known about each contract independent of the day: the JSS facts (private).

:func:`_build` turns contracts into :class:`_Facts` under one rule set
(payments as running totals, the feedback and history sorted into
negative, strong and middling signals, rehires found by client), and
:func:`_changes` lists the days a contract's standing can change, which is
all :func:`~upwork_safety.jss.timeline` needs to re-judge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, cast

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import NAME_LIMIT, shown
from upwork_safety._events import ResolveDispute
from upwork_safety.errors import CurrencyMismatchError
from upwork_safety.jss._months import _DAY, _leaves
from upwork_safety.jss._reason_codes import ReasonCode, Said
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from upwork_safety.models import Contract, Feedback
    from upwork_safety.rules import JSSRules

_ZERO = Decimal(0)


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
        "negative_since",
        "negatives",
        "pay_dates",
        "pay_totals",
        "regular_since",
        "rehire_from",
        "started",
        "strong",
        "unpaid_positive",
    )

    def __init__(
        self,
        contract: Contract,
        rules: JSSRules,
        *,
        excluded: bool,
        rehire_from: date | None,
        words: bool = True,
        paid_field: str = "contract.payments[0].amount",
    ) -> None:
        self.contract_id = contract.id
        self.client_id = contract.client.id
        self.started = contract.started
        self.ended = contract.ended
        self.excluded = excluded
        self.rehire_from = rehire_from
        self.currency = rules.currency
        paid_in = contract.payments[0].amount.currency if contract.payments else rules.currency
        if paid_in != rules.currency:
            raise CurrencyMismatchError(
                f"contract {shown(contract.id)} is paid in {paid_in}, but the "
                f"JSS weight tiers are in {rules.currency}: convert the payments or evolve "
                "the rules with currency=",
                field=paid_field,
                rule=f"paid in {rules.currency}",
            )
        # A payment of nothing (a 0.00 row of an export) pays no one: it makes no
        # contract long-term, adds no paid month and keeps no contract from going idle.
        payments = sorted((p for p in contract.payments if p.amount.amount), key=lambda p: p.on)
        self.pay_dates = [p.on for p in payments]
        totals: list[Decimal] = []
        running = _ZERO
        for payment in payments:
            running = CONTEXT.add(running, payment.amount.amount)
            totals.append(running)
        self.pay_totals = totals
        # For each payment, where its run of regular payments began: the contract's start,
        # or the first payment after a gap longer than the long-term interval.
        interval = rules.long_term_payment_interval
        regular: list[date] = []
        since = previous = contract.started
        for day in self.pay_dates:
            if day - previous > interval:
                since = day
            regular.append(since)
            previous = day
        self.regular_since = regular
        self.negatives, self.strong, self.middling = _signals(contract, rules, words=words)
        self.negative_since = _negative_since(contract, rules) if self.negatives else None
        feedback = contract.feedback
        # "Positive feedback" for the $0 exclusion: public stars at its own line, or a
        # promoter private score, and no negative signal.
        self.unpaid_positive = (
            feedback is not None
            and not self.negatives
            and (
                (
                    feedback.stars is not None
                    and feedback.stars >= rules.unpaid_positive_stars_at_least
                )
                or (
                    feedback.private_score is not None
                    and feedback.private_score >= rules.promoter_private_at_least
                )
            )
        )
        # Feedback is public stars or a private score (DOMAIN.md section 6 lists the
        # reason for ending as a separate input): a reason alone is no feedback.
        self.has_feedback = feedback is not None and (
            feedback.stars is not None or feedback.private_score is not None
        )


#: What a signal says when nobody will read it (timelines, forecasts, batches).
_SILENT = "(not written)"


def _feedback_signals(
    feedback: Feedback,
    rules: JSSRules,
    negatives: list[Said],
    strong: list[Said],
    middling: list[Said],
    *,
    words: bool,
) -> None:
    """Sort the client's public stars, private score and end reason into the three lists.

    Without *words* each signal is :data:`_SILENT`: the same decisions, no text written.
    """
    stars = feedback.stars
    if stars is not None:
        if stars < rules.negative_stars_below:
            negatives.append(
                (
                    ReasonCode.STARS_POOR,
                    f"public stars {stars} are poor (below {rules.negative_stars_below})"
                    if words
                    else _SILENT,
                )
            )
        elif stars >= rules.positive_stars_at_least:
            strong.append(
                (
                    ReasonCode.STARS_STRONG,
                    f"public stars {stars} are strong ({rules.positive_stars_at_least} or more)"
                    if words
                    else _SILENT,
                )
            )
        else:
            said = f"public stars {stars} are middling" if words else _SILENT
            middling.append((ReasonCode.STARS_MIDDLING, said))
    private = feedback.private_score
    if private is not None:
        if private < rules.detractor_private_below:
            # The note about public stars fits only where they are strong.
            good = stars is not None and stars >= rules.positive_stars_at_least
            negatives.append(
                (
                    ReasonCode.PRIVATE_DETRACTOR,
                    f"private score {private}/10 is a detractor (below "
                    f"{rules.detractor_private_below})"
                    + (
                        "; private feedback counts even when the public stars are good"
                        if good
                        else ""
                    )
                    if words
                    else _SILENT,
                )
            )
        elif private >= rules.promoter_private_at_least:
            said = f"private score {private}/10 is a promoter" if words else _SILENT
            strong.append((ReasonCode.PRIVATE_PROMOTER, said))
        else:
            said = f"private score {private}/10 is passive" if words else _SILENT
            middling.append((ReasonCode.PRIVATE_PASSIVE, said))
    reason = feedback.end_reason
    if reason is not None and reason in rules.negative_end_reasons:
        said = f"ended as {reason.value.replace('_', ' ')!r}" if words else _SILENT
        negatives.append((ReasonCode.END_REASON_NEGATIVE, said))


def _signals(
    contract: Contract, rules: JSSRules, *, words: bool = True
) -> tuple[tuple[Said, ...], tuple[Said, ...], tuple[Said, ...]]:
    """Return the negative, strong and middling signals of *contract*, in words.

    Without *words* every signal is the same short marker: the decisions
    (which lists are empty) are identical, only the text is not written.
    """
    negatives: list[Said] = []
    strong: list[Said] = []
    middling: list[Said] = []
    if contract.feedback is not None:
        _feedback_signals(contract.feedback, rules, negatives, strong, middling, words=words)
    if rules.refund_is_negative:
        refunded = sum(_escrow_refunded(contract).values(), _ZERO)
        if refunded > 0:
            money = Money(refunded, contract.milestones[0].amount.currency)
            said = f"escrow refunded to the client ({money})" if words else _SILENT
            negatives.append((ReasonCode.ESCROW_REFUNDED, said))
    if rules.lost_dispute_is_negative:
        negatives.extend(
            (
                ReasonCode.LOST_DISPUTE,
                (
                    f"lost the dispute on milestone {shown(event.milestone_id, NAME_LIMIT)} "
                    f"({event.to_client} to the client, {event.to_freelancer} to the freelancer)"
                ),
            )
            for event in contract.history
            if isinstance(event, ResolveDispute)
            and event.to_client.amount > event.to_freelancer.amount
        )
    return tuple(negatives), tuple(strong), tuple(middling)


def _escrow_refunded(contract: Contract) -> dict[str, Decimal]:
    """Per milestone, what its escrow refunded to the client, the share a dispute gave aside.

    A dispute's resolution is judged by ``lost_dispute_is_negative`` (more to the
    client than to the freelancer): the client's share of one the freelancer
    won is not an escrow refund (red team r15).
    """
    shares: dict[str, Decimal] = {}
    for event in contract.history:
        if isinstance(event, ResolveDispute):
            shares[event.milestone_id] = CONTEXT.add(
                shares.get(event.milestone_id, _ZERO), event.to_client.amount
            )
    refunded: dict[str, Decimal] = {}
    for milestone in contract.milestones:
        amount = CONTEXT.subtract(milestone.refunded.amount, shares.get(milestone.id, _ZERO))
        if amount > 0:
            refunded[milestone.id] = amount
    return refunded


def _negative_since(contract: Contract, rules: JSSRules) -> date:
    """The first day by which *contract* is known to have a negative signal (open contracts).

    An open contract counts as negative only from the day its signal is on
    record, so a score of an earlier day is not changed by a later event: a lost
    dispute from its ``ResolveDispute``; escrow refunded to the client from the
    last recorded event of its milestone (the refund is on record by then);
    feedback, which the client gives when the contract ends, from its end (a
    contract scored on a day before its end is open then; ``Contract``
    refuses feedback on a contract with no end).  A signal with no day on
    record (a contract built by hand without its history) is taken as known
    from the contract's start.
    """
    days: list[date] = []
    if rules.lost_dispute_is_negative:
        days.extend(
            event.at.date()
            for event in contract.history
            if isinstance(event, ResolveDispute)
            and event.to_client.amount > event.to_freelancer.amount
        )
    if rules.refund_is_negative:
        last_event: dict[str, date] = {}
        for event in contract.history:
            milestone_id = getattr(event, "milestone_id", None)
            if milestone_id is not None:
                last_event[milestone_id] = event.at.date()
        days.extend(last_event.get(m, contract.started) for m in _escrow_refunded(contract))
    if contract.feedback is not None:
        poor: list[Said] = []
        _feedback_signals(contract.feedback, rules, poor, [], [], words=False)
        if poor:  # given when the contract ends, which a contract with feedback has
            days.append(cast("date", contract.ended))
    return min(days, default=contract.started)


def _build(
    contracts: Sequence[Contract],
    rules: JSSRules,
    excluded: frozenset[str],
    *,
    words: bool = True,
    paid_fields: Sequence[str] | None = None,
) -> list[_Facts]:
    """The facts of every contract; a rehire is another contract with the same client.

    Without *words* the reasons are not written (for timelines and forecasts,
    which only need the decisions).  *paid_fields* names each contract's first
    payment amount where the caller passed it, the ``field`` of the refusal of
    a contract paid in another currency than the rules'
    (default :func:`paid_at_each` of ``contracts``).
    """
    fields = paid_at_each("contracts", len(contracts)) if paid_fields is None else paid_fields
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
                paid_field=fields[index],
            )
        )
    return facts


def paid_at(contract: str) -> str:
    """The path of the first payment amount of the contract at path *contract*.

    A contract's payments are in one currency (its constructor's rule), so the
    first one's currency is the contract's: ``contracts[1].payments[0].amount``.
    """
    return f"{contract}.payments[0].amount"


def paid_at_each(what: str, count: int) -> list[str]:
    """:func:`paid_at` of each of *count* contracts passed as the sequence *what*."""
    return [paid_at(f"{what}[{index}]") for index in range(count)]


def _changes(facts: _Facts, rules: JSSRules) -> set[date]:
    """Every day on which the contract's standing may differ from the day before."""
    days = {facts.started, *facts.pay_dates}
    ended = facts.ended
    lapse = rules.long_term_payment_interval + _DAY
    grown = rules.long_term_payment_interval  # a run of regular payments begun then is long enough
    for paid in (facts.started, *facts.pay_dates):
        for due in (paid + rules.open_idle_after, paid + grown, paid + lapse):
            if ended is None or due < ended:
                days.add(due)
    if ended is not None:
        days.add(ended)
        for months in rules.tracked_months:
            leaves = _leaves(ended, months)
            if leaves is not None:  # None: it never leaves within the calendar
                days.add(leaves)
    if facts.rehire_from is not None:
        days.add(facts.rehire_from)
    since = facts.negative_since
    if since is not None and (ended is None or since < ended):
        days.add(since)  # an open contract's negative signal goes on record
    return days
