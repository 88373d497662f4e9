"""What the escrow engine reports (private): deadlines, the ledger, and the choices on a milestone.

Each report is a frozen value built through its constructor, which checks
it (a :class:`Ledger` that does not add up cannot be built), and each reads
the transition table rather than restating its rules: a deadline is a
:class:`~upwork_safety.escrow.Transition`'s timer, window or notice; a
choice is a row whose guard passes.
"""

from __future__ import annotations

import functools
import operator
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from upwork_safety._amount_fields import cents_field
from upwork_safety._checked_once import unless_held_earlier
from upwork_safety._decimals import exact
from upwork_safety._events import MANUAL_EVENTS, EndContract
from upwork_safety._moments import to_utc, utc_field, utc_instant
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table, plain
from upwork_safety._validate import (
    instance,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.escrow._choices import Choices
from upwork_safety.escrow._deadline import Deadline, Deadlines
from upwork_safety.escrow._engine import (
    allowed_names,
    before_start,
    check_rules,
    choose,
    run_at,
    start_moment,
)
from upwork_safety.escrow._kinds import (
    DeadlineKind,
    Party,
)
from upwork_safety.escrow._reasons import when
from upwork_safety.escrow._refusals import RefusalRule, ended_reason
from upwork_safety.escrow._table import BY_EVENT, ROWS
from upwork_safety.escrow._timers import available_at, rules_at
from upwork_safety.models import (
    Contract,
    MilestoneState,
    PaymentKind,
    _position,
    _zero,
)
from upwork_safety.money import Money, _add, _subtract, plain_money
from upwork_safety.rules import PlatformRules, RuleHistory, _rule_source

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety.escrow._run import Draft, Run

__all__ = ["Choices", "Deadline", "Deadlines", "Ledger", "allowed", "deadlines", "ledger"]

_S = MilestoneState
_ZERO = Decimal(0)


def _milestone_deadlines(run: Run, milestone: Draft) -> list[Deadline]:
    """The deadlines the transition table gives *milestone*: timers, their notices, windows."""
    found: list[Deadline] = []
    for row in ROWS:
        if milestone.state not in row.sources:
            continue
        for timer in (*row.notices, row.timer, row.window):
            if timer is None:
                continue
            occurrences = timer.occurrences(run, milestone)
            if occurrences:
                source = _rule_source(timer.rule).source
                found.extend(
                    Deadline(timer.kind, due, milestone.id, timer.who, consequence, source)
                    for due, consequence in occurrences
                )
    return found


def _payment_deadlines(run: Run) -> list[Deadline]:
    """When each escrow release and bonus leaves its security period (HC 211060918)."""
    found: list[Deadline] = []
    for payment in run.payments():
        if payment.kind is PaymentKind.OTHER:
            continue
        # Its moment, as the ledger reads it: a payment recorded by its day alone counts
        # from that day's 00:00 UTC (review r19 M1: the ledger held such a bonus pending
        # while no deadline said when it became available).
        paid_at = payment.moment
        what = "bonus" if payment.kind is PaymentKind.BONUS else "payment"
        found.append(
            Deadline(
                DeadlineKind.FUNDS_AVAILABLE,
                available_at(paid_at, run.rules),
                payment.milestone_id,
                Party.NOBODY,
                f"the {payment.amount} {what} of {when(paid_at)} (before Upwork's service "
                "fee) moves from pending to available",
                _rule_source("security_period").source,
                payment.amount,
            )
        )
    return found


@exact
def deadlines(
    contract: Contract,
    now: datetime,
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Deadlines:
    """What happens next, when, who must act, and what silence causes.

    The contract is first advanced to *now* (:func:`advance`), so a review
    period that already ran out shows as its consequence (money pending),
    not as a deadline.  Every deadline comes from the transition table
    (each automatic step's timer and notices, each time-limited step's
    window), plus the end of each payment's security period.  The
    dispute-filing window is the window of ``OpenDispute`` against a refund
    request, one per milestone under a refund request (the contract's end
    makes one of each milestone still holding escrow): its ``due`` is the
    first moment the engine refuses that dispute, the filing window or the
    automatic refund, whichever comes first.

    Args:
        contract: A fixed-price contract.
        now: The moment to look from (timezone-aware).
        rules: As for :func:`apply`.

    Returns:
        Every deadline after *now*, soonest first, with ``due`` in UTC: a
        :class:`Deadlines` list (one table row per deadline with
        ``to_records()``).  Of deadlines due at the same moment, those of no
        milestone (``milestone_id`` ``None``, such as a bonus paid on its
        own) come first, then each milestone's in the order the contract
        lists its milestones; one milestone's own due together come in no
        promised order.

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event (or a
            moment recorded on a milestone's escrow, such as ``submitted_at``,
            or a recorded payment), or
            a milestone's clock ran out before the last recorded event (the
            contract, or *rules*, is not what its history was recorded under),
            or a dispute step recorded on a milestone's escrow (the client's
            answer, an arbitration fee) falls outside the time the rules give it,
            or an automatic step in the history is recorded at another moment
            than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``).
        InvalidTypeError: An argument of the wrong type.
    """
    run, moment = run_at(contract, now, rules)
    found = _payment_deadlines(run)
    for index in range(len(run.contract.milestones)):
        found.extend(_milestone_deadlines(run, run.milestone(index)))
    order = {m.id: index for index, m in enumerate(run.contract.milestones)}
    upcoming = [d for d in found if d.due > moment]
    upcoming.sort(key=lambda d: (d.due, -1 if d.milestone_id is None else order[d.milestone_id]))
    return Deadlines(upcoming)


def rules_in_force(
    at: datetime, *, rules: PlatformRules | RuleHistory[PlatformRules] | None = None
) -> PlatformRules:
    """The rules the engine applies to a step taken, or a clock started, at *at*.

    Each of the engine's clocks (review, security period, refund answer,
    dispute steps, dormancy) runs by the rules in force on the UTC day it
    started, and a step is judged by the rules of its own UTC day (the
    minimum milestone a :class:`Fund` must reach): :func:`upwork_safety.rules.as_of`
    of that day.  Rules you pass (a what-if, or figures you know) apply to
    every clock and step instead, as they do for :func:`apply`.  The checks
    quote the minimum milestone and a dispute's arbitration fee through this
    one rule, so their advice names the figure the engine enforces.

    Args:
        at: The moment (timezone-aware; its UTC day is used).
        rules: As for :func:`apply`: a rule set is returned as given; a
            ``RuleHistory`` gives its rule set in force on *at*'s UTC day.

    Returns:
        The :class:`~upwork_safety.rules.PlatformRules` for *at*.

    Raises:
        InvalidValueError: *at* is naive.
        InvalidTypeError: *at* is not a datetime, or *rules* not a ``PlatformRules``
            or a ``RuleHistory`` of them.
        RulesError: *at* is before the first rule set of *rules*' history
            (``field='rules'``) or, with ``None``, of the published rules.

    >>> from datetime import datetime, timezone
    >>> from upwork_safety import escrow
    >>> print(escrow.rules_in_force(datetime(2024, 3, 1, 9, tzinfo=timezone.utc)).minimum_milestone)
    USD 5.00
    """
    return rules_at(utc_instant(at, "at"), check_rules(rules))


# --------------------------------------------------------------------------- ledger

#: The states whose escrow a ledger counts as at risk.
_AT_RISK = (_S.REFUND_REQUESTED, _S.DISPUTED)

_BUCKETS = ("work_in_progress", "in_review", "pending", "available", "refunded")


#: The conserved buckets of a ledger, read in one call.
_buckets = operator.attrgetter(*_BUCKETS)


def _bucket_currency(instance: Ledger, currency: str) -> NoReturn:
    """Refuse the first conserved bucket in another currency than *currency* (Ledger.funded's)."""
    for name in _BUCKETS:
        part: Money = getattr(instance, name)
        if part.currency != currency:
            raise CurrencyMismatchError(
                f"Ledger.{name} is in {part.currency} but Ledger.funded in {currency}",
                field=f"Ledger.{name}",
                rule="one currency",
            )
    raise AssertionError  # pragma: no cover  (called only on a mismatch)


def _check_ledger(instance: Ledger, attribute: Any, value: Money) -> None:
    """Ledger.funded's validator: whole cents, the sum of the conserved buckets, one currency."""
    cents_field(instance, attribute, value)
    total = _ZERO
    currency = value.currency
    for part in _buckets(instance):
        if part.currency != currency:
            _bucket_currency(instance, currency)
        total = _add(total, part.amount)
    if value.amount != total:
        raise InvalidValueError(
            "Ledger.funded must equal work_in_progress + in_review + pending + available + "
            f"refunded, got {value} against {Money(total, value.currency)}",
            field="Ledger.funded",
            rule="funded == work_in_progress + in_review + pending + available + refunded",
        )
    for name in _BESIDE:
        beside: Money = getattr(instance, name)
        if beside.currency != currency:
            raise CurrencyMismatchError(
                f"Ledger.{name} is in {beside.currency} but Ledger.funded in {currency}",
                field=f"Ledger.{name}",
                rule="one currency",
            )
    if instance.at_risk.amount > instance.work_in_progress.amount:
        raise InvalidValueError(
            f"Ledger.at_risk is the part of work_in_progress under a refund request or in "
            f"dispute, so at most {instance.work_in_progress}, got {instance.at_risk}",
            field="Ledger.at_risk",
            rule="at most work_in_progress",
        )


#: The totals kept beside the conserved buckets, in the same currency.
_BESIDE = ("bonus_pending", "bonus_available", "at_risk")


#: Every row of the ledger, in order: the conserved buckets, then the totals beside them.
_ROWS = (*_BUCKETS, "funded", *_BESIDE)


def _bucket(name: str) -> Callable[[Any, Any, Any], None]:
    """The validator of the bucket *name*: ``cents_field``, skipped for a bucket before it."""
    order = (*_BUCKETS, *_BESIDE)
    return unless_held_earlier(cents_field, *order[: order.index(name)])


@through_init
@attrs.frozen
class Ledger:
    """Where a contract's money is at one moment, in the freelancer's buckets (HC 211063718).

    ``funded == work_in_progress + in_review + pending + available +
    refunded`` always, and ``at_risk <= work_in_progress`` (the constructor
    refuses anything else).  Bonuses are
    paid fresh, not from escrow, so they are counted apart.

    Every bucket is gross: the amounts the client funded and paid, before
    Upwork's service fee, which comes out of each payment to the freelancer.
    So *available* is more than the "Available" balance Upwork shows (a USD
    300.00 milestone paid at a 10% fee is USD 300.00 here and USD 270.00
    there): for what a payment, or a contract's payments, leave after the
    fee, see :func:`upwork_safety.fees.net_earnings`.

    Attributes:
        at: The moment (UTC).
        work_in_progress: Escrow not submitted for review (including escrow
            under a refund request or a dispute, see *at_risk*).
        in_review: Escrow of submitted work whose review period runs.
        pending: Escrow paid out, still in the security period.
        available: Escrow paid out and past the security period.
        refunded: Escrow returned to the client.
        bonus_pending: Bonuses still in the security period.
        bonus_available: Bonuses past the security period.
        at_risk: The part of *work_in_progress* under a refund request or
            in dispute.
        funded: Everything the client deposited into escrow.
    """

    at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    work_in_progress: Money = attrs.field(converter=plain_money, validator=cents_field)
    in_review: Money = attrs.field(converter=plain_money, validator=_bucket("in_review"))
    pending: Money = attrs.field(converter=plain_money, validator=_bucket("pending"))
    available: Money = attrs.field(converter=plain_money, validator=_bucket("available"))
    refunded: Money = attrs.field(converter=plain_money, validator=_bucket("refunded"))
    bonus_pending: Money = attrs.field(converter=plain_money, validator=_bucket("bonus_pending"))
    bonus_available: Money = attrs.field(
        converter=plain_money, validator=_bucket("bonus_available")
    )
    at_risk: Money = attrs.field(converter=plain_money, validator=_bucket("at_risk"))
    funded: Money = attrs.field(converter=plain_money, validator=_check_ledger)

    @property
    def in_escrow(self) -> Money:
        """Money still held in escrow (work in progress plus in review)."""
        return self.work_in_progress + self.in_review

    @property
    def bonuses(self) -> Money:
        """Every bonus paid, pending or available."""
        return self.bonus_pending + self.bonus_available

    @property
    def paid(self) -> Money:
        """Everything paid to the freelancer: escrow released plus bonuses."""
        return self.pending + self.available + self.bonuses

    def __repr__(self) -> str:
        # One line: ten Money fields in full run to a kilobyte.
        held = [f"{name} {getattr(self, name)}" for name in _BUCKETS if getattr(self, name)]
        text = f"<Ledger {when(self.at)}: funded {self.funded}"
        if held:
            text += f" = {' + '.join(held)}"
        for name in ("bonus_pending", "bonus_available", "at_risk"):
            if getattr(self, name):
                text += f"; {name} {getattr(self, name)}"
        return text + ">"

    def to_records(self) -> list[dict[str, object]]:
        """One row per bucket (``bucket``, ``amount``, ``currency``), for ``pandas``."""
        rows: list[dict[str, object]] = []
        for name in _ROWS:
            value: Money = getattr(self, name)
            rows.append({"bucket": name, "amount": plain(value), "currency": value.currency})
        return rows

    def _repr_html_(self) -> str:
        rows = [{"bucket": name, "amount": getattr(self, name)} for name in _ROWS]
        return html_table(rows, caption=f"Escrow ledger at {when(self.at)}")


@functools.lru_cache(maxsize=64)
def _empty(currency: str) -> Money:
    """*currency*'s empty bucket: its zero in the minor unit (``0.00``), built once per currency.

    Money is immutable, so every ledger in one currency shares the one value,
    built and checked by its constructor (as unfunded milestones share their
    escrow, ``models._escrow._unfunded``).
    """
    return _zero(currency).rounded()


@exact
def ledger(
    contract: Contract,
    now: datetime,
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Ledger:
    """The freelancer's money buckets at *now* (after :func:`advance` to *now*).

    Escrow buckets come from each milestone's :class:`~upwork_safety.models.Escrow`;
    pending and available come from the contract's release payments, each
    with the security period in force when it was paid.  The two must agree.
    The buckets are gross, before Upwork's service fee (see :class:`Ledger`);
    :func:`upwork_safety.fees.net_earnings` gives what is left after it.

    Args:
        contract: A fixed-price contract.
        now: The moment (timezone-aware).
        rules: As for :func:`apply`.

    Returns:
        A :class:`Ledger`, in the contract's currency: its first
        milestone's, else (no milestone) its first payment's, else USD (a
        contract with neither); an empty bucket is that currency's zero in its minor
        unit (``0.00``), as Upwork shows it.

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event (or a
            moment recorded on a milestone's escrow, such as ``submitted_at``,
            or a recorded payment), or
            a milestone's clock ran out before the last recorded event (the
            contract, or *rules*, is not what its history was recorded under),
            or a dispute step recorded on a milestone's escrow (the client's
            answer, an arbitration fee) falls outside the time the rules give it,
            or an automatic step in the history is recorded at another moment
            than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``).
        InvalidTypeError: An argument of the wrong type.
    """
    run, moment = run_at(contract, now, rules)
    milestones = run.contract.milestones
    # Contract holds one currency (milestones, payments); USD for an empty contract.
    payments = run.contract.payments
    first = milestones[0].amount if milestones else payments[0].amount if payments else None
    currency = "USD" if first is None else first.currency
    add = _add
    zero = _ZERO
    wip = review = refunded = funded = at_risk = zero
    for index in range(len(milestones)):
        escrow = run.books(index)
        held = escrow.held.amount
        if escrow.state is _S.SUBMITTED:
            review = add(review, held)
        else:
            wip = add(wip, held)
        if escrow.state in _AT_RISK:
            at_risk = add(at_risk, held)
        refunded = add(refunded, escrow.refunded.amount)
        funded = add(funded, _subtract(escrow.funded.amount, escrow.carried_over.amount))
    pending = available = bonus_pending = bonus_available = zero
    for payment in run.payments():
        if payment.kind is PaymentKind.OTHER:
            continue
        paid_at = payment.moment
        over = moment >= available_at(paid_at, run.rules)
        amount = payment.amount.amount
        if payment.kind is PaymentKind.BONUS:
            if over:
                bonus_available = add(bonus_available, amount)
            else:
                bonus_pending = add(bonus_pending, amount)
            continue
        if over:
            available = add(available, amount)
        else:
            pending = add(pending, amount)
    # Empty buckets share the currency's zero (Money is immutable), in its minor
    # unit as the buckets that hold money are ("0.00", not "0", beside "600.00").
    empty = _empty(currency)
    return Ledger(
        moment,
        work_in_progress=Money(wip, currency) if wip else empty,
        in_review=Money(review, currency) if review else empty,
        pending=Money(pending, currency) if pending else empty,
        available=Money(available, currency) if available else empty,
        refunded=Money(refunded, currency) if refunded else empty,
        bonus_pending=Money(bonus_pending, currency) if bonus_pending else empty,
        bonus_available=Money(bonus_available, currency) if bonus_available else empty,
        at_risk=Money(at_risk, currency) if at_risk else empty,
        funded=Money(funded, currency) if funded else empty,
    )


def allowed(
    contract: Contract,
    milestone_id: str,
    *,
    now: datetime | None = None,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Choices:
    """The events allowed on *milestone_id*, with the reason each other one is not.

    Args:
        contract: A fixed-price contract.
        milestone_id: The milestone.
        now: If given, the contract is first advanced to *now* and the
            events are judged at *now*; else at the last moment the
            contract records (its last event; on a contract built by hand,
            a later moment on a milestone's escrow or a later payment), or
            its first day.
        rules: As for :func:`apply`.

    Returns:
        A :class:`Choices`.

    Raises:
        InvalidValueError: No milestone has that id, or *now* is naive or
            earlier than the last event (or a moment recorded on a milestone's
            escrow, or a recorded payment), or a milestone's clock ran out
            before the last recorded event (the contract, or *rules*, is not
            what its history was recorded under), or a dispute step recorded
            on a milestone's escrow (the client's answer, an arbitration fee)
            falls outside the time the rules give it, or an automatic step in the history is
            recorded at another moment than its clock makes due under the rules
            (the error names the entry, ``Contract.history[i]``, rule
            ``"the automatic step due"``).
        InvalidTypeError: An argument of the wrong type.
    """
    if now is None:
        from upwork_safety.escrow._engine import advance_run, open_run

        run = open_run(contract, rules)
        at = start_moment(run)
        # A contract built by hand may record a moment after a clock that ran out:
        # judged there, as apply would be, once the steps due by then are taken.
        advance_run(run, at)
    else:
        run, at = run_at(contract, now, rules)
    # Made plain by the look-up and by Choices' converter (red team r30 L3).
    milestone_id = instance(milestone_id, str, "milestone_id")
    milestone = run.milestone(_position(run.contract, milestone_id))
    names = allowed_names(run, milestone, at)
    if before_start(run, at):
        # A UTC day: 01:00 in Karachi on the 7th is still the 6th (newcomer r36, 4).
        why = f"the contract starts on {run.contract.started}, at 00:00 UTC"
        refused = [(kind.__name__, why) for kind in MANUAL_EVENTS if kind is not EndContract]
        refused.append(("EndContract", why))
        keys = tuple((name, RefusalRule.STARTED) for name, _ in refused)
        return Choices(milestone_id, milestone.state, names, tuple(refused), keys)
    reasons = [
        (kind.__name__, reason)
        for kind in MANUAL_EVENTS
        if kind is not EndContract and (reason := choose(run, milestone, kind, at)[1])
    ]
    # The sentence, and beside it its key: the rule apply's TransitionError gives.
    refused = [(name, str(reason)) for name, reason in reasons]
    rule_keys = [(name, reason.rule) for name, reason in reasons]
    if run.ended is not None:
        ended = ended_reason(run.ended)
        refused.append(("EndContract", str(ended)))
        rule_keys.append(("EndContract", ended.rule))
    assert set(BY_EVENT) >= set(MANUAL_EVENTS)
    return Choices(milestone_id, milestone.state, names, tuple(refused), tuple(rule_keys))
