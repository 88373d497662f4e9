"""What paid money leaves on the Upwork balance, for the findings that say when it is withdrawable.

``FUNDS_PENDING``, ``REVIEW_PERIOD_RUNNING``, ``HOURS_IN_REVIEW`` and
``HOURS_PENDING`` say when money "becomes available to withdraw".  What can
be withdrawn then is the payment less Upwork's service fee (HC 211062538:
the fee is charged per transaction, and the balance holds the rest), so
each of them says that figure, worked out by the fee engine's own public
:func:`upwork_safety.fees.explain_service_fee` with the contract (for the
contract's own payments, its one-pass form
:func:`upwork_safety.fees.contract_payment_fees`; its
``service_fee_rate`` and the schedule in force on the payment's day),
never a copied rate (newcomer r21 H1).  The findings' ``amount`` stays the
gross figure the escrow and hourly engines count (private).

When the engine cannot answer, the figure is left out (``None``: "less
Upwork's service fee"), never guessed.  That is silent only where the
answer is unknowable (a currency other than USD): a contract rate the
engine refuses is reported on its own as ``FEE_RATE_NOT_CHARGED``
(``_fee_rate``, review r38, review 2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

import upwork_safety.fees as fees  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._render import percent
from upwork_safety.errors import CurrencyMismatchError, RulesError, UpworkSafetyError
from upwork_safety.models import Payment, PaymentKind
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date
    from typing import TypeAlias

    from upwork_safety.models import Contract

    #: A contract's own payments' fees, each charged in its place (:func:`own_fees`).
    OwnFees: TypeAlias = Callable[[Payment], fees.ServiceFee]

    #: What a payment leaves on the balance, and the fee named ("Upwork's 10% service fee").
    Net: TypeAlias = tuple[Money, str]


def _described(charged: Sequence[fees.ServiceFee]) -> tuple[Money, str]:
    """The net of the fees of one or more payments, and the fee: "Upwork's 10% service fee"."""
    net = Money.total((fee.net for fee in charged), charged[0].net.currency)
    rates = {fee.rate for fee in charged}
    rate = next(iter(rates)) if len(rates) == 1 else None  # None: the sliding scale, or mixed
    named = "" if rate is None else f"{percent(rate)} "
    return net, f"Upwork's {named}service fee"


def own_fees(contract: Contract) -> OwnFees:
    """``fees.explain_service_fee(payment, contract=contract)`` for the contract's own payments.

    One per review: the work that reads every payment is done once for all
    the payments charged (red team r39, hostile 2), with the same answers.
    """
    return fees.contract_payment_fees(contract)


def net_of_payments(charge: OwnFees, payments: Sequence[Payment]) -> Net | None:
    """What *payments*, a contract's own, leave on the balance; ``None`` if it cannot be told.

    Each is charged in its place on the contract (under the sliding scale,
    after the payments billed before it), as :func:`fees.service_fee`
    charges the contract's payments, by *charge*: the contract's
    :func:`own_fees`.
    """
    try:
        return _described([charge(p) for p in payments])
    except (RulesError, CurrencyMismatchError):
        return None


def net_of_amount(contract: Contract, amount: Money, on: date) -> Net | None:
    """What *amount*, paid on the contract *on* that day, leaves on the balance, or ``None``.

    A payment still to come: charged as one more payment on the contract.
    """
    try:
        return _described([fees.explain_service_fee(amount, on=on, contract=contract)])
    except (RulesError, CurrencyMismatchError):
        return None


def best_net_of_amount(contract: Contract, amount: Money, on: date) -> tuple[Net, bool] | None:
    """What *amount*, paid on the contract *on* that day, leaves, or at most leaves; or ``None``.

    As :func:`net_of_amount`, with ``False``: the engine's answer.  When
    the engine refuses only for want of the client's earlier billings
    (``RulesError.needs == "billed_before"``: a kept legacy rate, which a
    :class:`~upwork_safety.Contract` cannot show was kept), a schedule is
    in force and the contract is charged either its kept rate (once the
    billings are past the threshold, as the engine charges it when told
    them) or, if it never kept it, the schedule's own rate: the higher of
    the two nets, with ``True`` (hostile r41, 1).  ``None`` when the engine
    cannot price it at all (no schedule in force, another currency) or
    refuses the rate for good (``FEE_RATE_NOT_CHARGED`` says why).
    """
    try:
        return _described([fees.explain_service_fee(amount, on=on, contract=contract)]), False
    except (RulesError, CurrencyMismatchError) as exc:
        if not isinstance(exc, RulesError) or exc.needs != "billed_before":
            return None
    try:
        kept = fees.explain_service_fee(
            amount, on=on, contract=contract, billed_before=_past_every_threshold()
        )
        own = fees.explain_service_fee(amount, on=on)  # the schedule's own rate
    except (RulesError, CurrencyMismatchError):
        return None  # refused for more than the billings: not a rate it can be charged
    best = kept if kept.net >= own.net else own
    return _described([best]), True


def _past_every_threshold() -> Money:
    """Billings with a client past every band of Upwork's fee schedules.

    One cent above the highest ``FeeTier.up_to`` (a band ends *at* its
    ``up_to``, inclusive): the billings the engine asks for to charge a
    kept rate, whatever the schedule.
    """
    tops = [
        tier.up_to
        for schedule in fees.SERVICE_FEE_HISTORY
        for tier in schedule.tiers
        if tier.up_to is not None
    ]
    top = max(tops, key=lambda up_to: up_to.amount)
    return top + Money("0.01", top.currency)


def net_of_weeks(contract: Contract, weeks: Sequence[tuple[Money, date]]) -> list[Net | None]:
    """What each week's pay (its amount, and the day it is invoiced), oldest first, leaves.

    Each week is charged in its own place (review r21 H1: under the sliding
    scale a week had been charged after its own recorded pay, and a week
    not yet recorded as if nothing before it were billed): a week whose pay
    the contract already records (a payment of the hourly kind, ``OTHER``,
    on its invoice day, of its amount) is that payment, charged where it
    stands; a week not recorded is one more payment after the contract's
    payments up to its day and the earlier weeks here that are not
    recorded either.
    """
    found: list[Net | None] = []
    unrecorded: list[Payment] = []
    hourly: dict[tuple[date, Money], Payment] = {}  # the first of each, as listed
    for p in contract.payments:
        if p.kind is PaymentKind.OTHER:
            hourly.setdefault((p.on, p.amount), p)
    charge = own_fees(contract)
    for amount, on in weeks:
        recorded = hourly.get((on, amount))
        if recorded is not None:
            found.append(net_of_payments(charge, [recorded]))
            continue
        try:
            billed = attrs.evolve(contract, payments=(*contract.payments, *unrecorded))
        except UpworkSafetyError:
            found.append(None)  # the earlier weeks cannot be recorded on it: the fee is not told
        else:
            found.append(net_of_amount(billed, amount, on))
        unrecorded.append(Payment(on, amount))
    return found


def becomes_available(net: Net | None, of: str = "it") -> str:
    """The clause saying what becomes withdrawable: the net, or that the fee comes off.

    ``"USD 810.00 of it, after Upwork's 10% service fee, becomes available
    to withdraw"``; when the fee cannot be worked out (a currency other
    than USD, a rate the schedule does not charge), ``"it becomes
    available to withdraw, less Upwork's service fee,"``: never the gross
    as if it were withdrawable.
    """
    if net is None:
        return f"{of} becomes available to withdraw, less Upwork's service fee,"
    money, fee = net
    return f"{money} of {of}, after {fee}, becomes available to withdraw"
