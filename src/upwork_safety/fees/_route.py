"""A withdrawal's path: the method, the applied rate and the tax rate, resolved once (private).

:func:`route` checks a withdrawal's inputs (a usable method, a reference
rate that fits the balance and the method, an offered rate or a spread,
the s.154A tax rate in force) and returns a :class:`Route`, whose
:meth:`Route.outcome` is the arithmetic of one amount: the method's fees
(:class:`FeeLine`), the conversion at the applied rate, the tax.  The
quote (``_withdrawal.py``), the comparisons, the payouts and the schedules
all go through it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._amount_fields import money_field, more_than_zero, whole_cents
from upwork_safety._decimals import CONTEXT, flag
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._rate_args import exchange_rate_arg
from upwork_safety._render import percent
from upwork_safety._validate import bool_field, id_field, instance_field, text_field
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.fees._carriers import amount_type
from upwork_safety.fees._common import (
    ONE,
    optional_day,
    optional_rate,
    resolve_method,
)
from upwork_safety.kinds import StrEnum
from upwork_safety.money import ExchangeRate, Money, plain_money, rate_of
from upwork_safety.rules import EXPORT_TAX_HISTORY, WithdrawalMethod, _in_force_of_history

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "MAX_GAIN_OVER_REFERENCE",
    "FeeLine",
    "Outcome",
    "RateBasis",
    "Route",
    "applied_rate",
    "balance_arg",
    "check_offered",
    "check_reference",
    "delivers",
    "method_fees",
    "method_field",
    "reference_arg",
    "reference_day",
    "reference_from",
    "route",
    "tax_in_force",
    "unusable",
    "usable_method",
]


#: An attrs validator: the field holds a :class:`WithdrawalMethod`.
method_field = instance_field(WithdrawalMethod)


class RateBasis(StrEnum):
    """Where a quote's applied exchange rate comes from."""

    #: The rate the method showed before the withdrawal was confirmed (``offered_rate=``).
    OFFERED = "offered"
    #: The reference rate less a spread the caller gave (``spread=``).
    SPREAD = "spread"
    #: The reference rate less the method's own published (or reported) spread.
    METHOD = "method"


@through_init
@attrs.frozen
class FeeLine:
    """One fee taken from a withdrawal.

    Args:
        name: What the fee is, e.g. ``"Direct to Local Bank (PKR) fee"``.
        amount: The fee, in the balance's currency.
        source: Where the figure comes from.
        unconfirmed: Whether the figure is unconfirmed.

    Raises:
        InvalidTypeError: A field of the wrong type (*amount* must be Money).
        InvalidValueError: An empty name or a negative amount.
    """

    name: str = attrs.field(converter=plain_text, validator=id_field)
    amount: Money = attrs.field(converter=plain_money, validator=money_field)
    source: str = attrs.field(converter=plain_text, default="", validator=text_field)
    unconfirmed: bool = attrs.field(default=False, validator=bool_field)


@attrs.frozen
class Outcome:
    """What one withdrawal gives, step by step (private to the package)."""

    fees: tuple[FeeLine, ...]
    left: Money
    converted: Money
    tax: Money

    @property
    def received(self) -> Money:
        """What arrives: the converted amount less the tax."""
        return self.converted - self.tax


def method_fees(method: WithdrawalMethod, amount: Money) -> tuple[Money, Money]:
    """The method's fixed fee, and its percentage fee (rounded half up) on what is left of *amount*.

    The fixed fee is taken first (Upwork's, per transfer); the percentage is
    charged on what reaches the provider (Payoneer's 3% on the USD 898.00 of
    a USD 900.00 withdrawal), never on the fixed fee.
    """
    fixed = method.fixed_fee
    left = amount - fixed
    return fixed, rate_of(
        left if left.amount > 0 else Money.zero(amount.currency), method.percentage_fee
    )


def unusable(method: WithdrawalMethod, amount: Money) -> str:
    """Why *method* cannot withdraw *amount*, or ``""`` if it can."""
    if amount < method.minimum:
        reading = (
            " (the balance withdrawn, its fee included: unconfirmed)"
            if method.source_of("minimum").unconfirmed
            else ""
        )
        return f"{amount} is below the {method.name} minimum of {method.minimum}{reading}"
    fixed, share = method_fees(method, amount)
    if amount - fixed - share <= Money.zero(amount.currency):
        return f"{amount} does not cover the {method.name} fees of {fixed + share}"
    return ""


@attrs.frozen
class Route:
    """A withdrawal's checked inputs, with the applied rate worked out once (private)."""

    method: WithdrawalMethod
    reference: ExchangeRate
    applied: ExchangeRate
    basis: RateBasis
    tax_rate: Decimal

    def outcome(self, amount: Money) -> Outcome:
        """Fees, conversion and tax for a usable *amount* of the balance."""
        method = self.method
        fixed, share = method_fees(method, amount)
        lines: list[FeeLine] = []
        if fixed:
            source = method.source_of("fixed_fee")
            lines.append(FeeLine(f"{method.name} fee", fixed, source.source, source.unconfirmed))
        if share:
            source = method.source_of("percentage_fee")
            lines.append(
                FeeLine(
                    f"{method.name} {percent(method.percentage_fee)} fee",
                    share,
                    source.source,
                    source.unconfirmed,
                )
            )
        left = amount - fixed - share
        converted = self.applied.convert(left)
        tax = rate_of(converted, self.tax_rate)
        return Outcome(tuple(lines), left, converted, tax)

    def received(self, amount: Money) -> Money:
        """What arrives for a usable *amount*."""
        return self.outcome(amount).received


#: The currency a reference rate's example converts to when the method's is unknown
#: (or is the balance's own): the library is for freelancers in Pakistan first.
EXAMPLE_QUOTE = "PKR"


def reference_arg(
    value: object, balance: str, what: str = "reference_rate", quote: str = EXAMPLE_QUOTE
) -> ExchangeRate:
    """*value* if it is an :class:`ExchangeRate` (its currencies not yet checked).

    The message's example converts *balance* to *quote* (to
    :data:`EXAMPLE_QUOTE` when *quote* is the balance's own currency).
    """
    example = quote if quote != balance else EXAMPLE_QUOTE
    return exchange_rate_arg(value, what, balance, example)


def reference_from(
    reference_rate: object,
    balance: str,
    what: str = "reference_rate",
    quote: str = EXAMPLE_QUOTE,
) -> ExchangeRate:
    """An :class:`ExchangeRate` from the *balance* currency, or an error naming *what*.

    *quote* is the currency the message's example converts to.
    """
    reference_rate = reference_arg(reference_rate, balance, what, quote)
    if reference_rate.base != balance:
        hint = (
            f"; this looks inverted: pass reference_rate.inverse() "
            f"({reference_rate.quote}→{reference_rate.base})"
            if reference_rate.quote == balance
            else ""
        )
        raise CurrencyMismatchError(
            f"{what} converts {reference_rate.base}→{reference_rate.quote}, but the "
            f"balance is in {balance}: a {balance}→<your currency> rate is needed{hint}",
            field=what,
            rule=f"from {balance}",
        )
    reference_day(reference_rate, what)
    return reference_rate


#: The rule a reference rate without its day breaks (DOMAIN.md section 5: the
#: caller supplies the rate "with its date").
DATED_RULE = "a reference rate needs its date (as_of)"


def reference_day(reference_rate: ExchangeRate, what: str = "reference_rate") -> date:
    """*reference_rate*'s ``as_of``, refused when it has none (the error names ``<what>.as_of``).

    A withdrawal is measured against the reference rate of its own day, and
    that day picks the s.154A tax rules: an undated rate would leave the
    library to guess the day (it reads no clock), so it is refused.  (A day
    after 9990-12-31, the last day a withdrawal may be on, is refused by
    :class:`~upwork_safety.ExchangeRate` itself.)
    """
    day = reference_rate.as_of
    if day is None:
        raise InvalidValueError(
            f"{what} {reference_rate.base}→{reference_rate.quote} {reference_rate.rate} has no "
            "as_of: a reference rate needs its date, the day it is the rate of, which picks "
            "the tax rules and the day of the withdrawal; pass "
            "ExchangeRate(..., as_of=date(...))",
            field=f"{what}.as_of",
            rule=DATED_RULE,
        )
    return day


def check_reference(
    reference_rate: object,
    balance: str,
    method: WithdrawalMethod,
    what: str = "reference_rate",
) -> ExchangeRate:
    """A dated reference rate from the *balance* currency to one *method* delivers.

    (Or to the balance's own currency.)  Errors name *what*.
    """
    reference_rate = reference_from(reference_rate, balance, what, quote=method.currency)
    if not delivers(method, reference_rate):
        raise CurrencyMismatchError(
            f"{method.name} delivers {method.currency}, but {what} converts to "
            f"{reference_rate.quote}; pass a {balance}→{method.currency} rate",
            field=what,
            rule=f"to {method.currency}",
        )
    return reference_rate


def delivers(method: WithdrawalMethod, reference: ExchangeRate) -> bool:
    """Whether *reference* prices what *method* delivers: the balance's currency or its quote."""
    return method.currency in {reference.base, reference.quote}


#: The most an offered rate may be above the reference rate, as a fraction
#: of the reference: 10%, the library's own bound (no platform rule gives
#: one).  A method's rate is the reference less its markup
#: (a spread, never negative); shown later the same day it may be above the
#: reference by that day's move, a gain the quote shows as one.  A rate more
#: than 10% above is not a day's move but a slip (999 typed for 279, a rate
#: of another currency), and counting it would rank the method best at a
#: cost below zero (review r29, hostile 3).  Below the reference there is no
#: bound but the rate's own (more than zero): a low rate only costs more.
MAX_GAIN_OVER_REFERENCE = Decimal("0.10")


def check_offered(
    offered: object, reference: ExchangeRate, what: str = "offered_rate"
) -> ExchangeRate:
    """*offered*, a rate in *reference*'s currencies (and of its day), or an error naming *what*.

    The one rule for a rate a method shows, used by :func:`quote_withdrawal`,
    :func:`compare_withdrawals` (each of ``offered_rates=``), the CLI's
    ``--offered-rate`` and a :class:`WithdrawalQuote`'s applied rate: in the
    reference's currencies, of its day when both are dated, and at most
    :data:`MAX_GAIN_OVER_REFERENCE` above it.
    """
    offered = exchange_rate_arg(offered, what, reference.base, reference.quote)
    if (offered.base, offered.quote) != (reference.base, reference.quote):
        raise CurrencyMismatchError(
            f"{what} converts {offered.base}→{offered.quote} but reference_rate "
            f"{reference.base}→{reference.quote}: compare like with like",
            field=what,
            rule="the reference rate's currencies",
        )
    if None not in {offered.as_of, reference.as_of} and offered.as_of != reference.as_of:
        raise InvalidValueError(
            f"{what} is for {offered.as_of} but reference_rate for {reference.as_of}: "
            "measure a rate against the reference of the same day",
            field=what,
            rule="the reference rate's day",
        )
    ceiling = CONTEXT.multiply(reference.rate, ONE + MAX_GAIN_OVER_REFERENCE)
    if offered.rate > ceiling:
        raise InvalidValueError(
            f"{what} {offered.rate} {offered.quote} per {offered.base} is more than "
            f"{percent(MAX_GAIN_OVER_REFERENCE)} above reference_rate {reference.rate}: "
            "a method's rate is the reference less its markup, so this is most likely a "
            "typing slip or another currency's rate; check both rates",
            field=what,
            rule=f"at most {percent(MAX_GAIN_OVER_REFERENCE)} above the reference rate",
        )
    return offered


def usable_method(
    entry: object, what: str = "method", *, advice: str = "choose another method"
) -> WithdrawalMethod:
    """The method *entry* names, refused if freelancers in Pakistan cannot use it.

    *advice* ends the refusal's message: what the caller should do instead.
    """
    method = resolve_method(entry, what)
    if not method.available_in_pakistan:
        raise RulesError(
            f"{method.name} is not available to freelancers in Pakistan "
            f"({method.source_of('available_in_pakistan').source}); {advice}",
            field=what,
            rule="available in Pakistan",
        )
    return method


def applied_rate(
    method: WithdrawalMethod,
    reference: ExchangeRate,
    *,
    spread: object,
    offered_rate: object,
    spread_what: str = "spread",
    offered_what: str = "offered_rate",
) -> tuple[ExchangeRate, RateBasis]:
    """The rate the conversion uses, worked out once, and where it comes from.

    *spread_what* and *offered_what* name the two arguments in errors (an
    entry of ``compare_withdrawals``' ``spreads=`` or ``offered_rates=``).
    """
    if offered_rate is not None and spread is not None:
        raise InvalidValueError(
            f"pass {offered_what} (the rate the method shows) or {spread_what} (a markup), "
            "not both",
            field=offered_what,
            rule="offered_rate or spread, not both",
        )
    if offered_rate is not None:
        return check_offered(offered_rate, reference, offered_what), RateBasis.OFFERED
    given = optional_rate(spread, spread_what)
    if given is not None:
        return reference.with_spread(given), RateBasis.SPREAD
    if method.spread is None:
        raise RulesError(
            f"{method.name} does not publish its exchange-rate markup, so its cost is unknown: "
            "pass offered_rate= (the rate it shows before you confirm, an ExchangeRate) or "
            "spread= (the markup you measured against the reference, e.g. '1%')",
            field="offered_rate",
            rule="offered_rate= or spread= for an unpublished spread",
        )
    return reference.with_spread(method.spread), RateBasis.METHOD


def tax_in_force(
    tax_rate: object,
    *,
    pseb_registered: object,
    on: date | None,
    rates_on: date,
    day_source: str = "",
) -> Decimal:
    """The income tax rate the bank withholds: *tax_rate*, or s.154A's rate in force.

    The day is the reference rate's (*rates_on*), which *on*, when given,
    must be; *day_source* says where *on* came from when the caller did not
    give it (a payout's), for the message refusing a day before the known
    rules.
    """
    if on is not None and on != rates_on:
        # As an offered rate of another day is refused: a withdrawal on one
        # day is measured against that day's rates.
        raise InvalidValueError(
            f"on={on} but reference_rate is for {rates_on}: a withdrawal is measured "
            "against the rates of its own day; pass that day's rate, or leave on= "
            "out to withdraw on the rate's day",
            field="on",
            rule="the reference rate's day",
        )
    registered = flag(pseb_registered, "pseb_registered")
    given = optional_rate(tax_rate, "tax_rate")
    if given is not None:
        if registered:
            raise InvalidValueError(
                "pass tax_rate (your own rate) or pseb_registered=True (s.154A's rate for "
                "PSEB-registered freelancers), not both",
                field="pseb_registered",
                rule="tax_rate or pseb_registered, not both",
            )
        return given
    source = day_source or (
        "the day given as on=, a datetime's UTC day" if on is not None else "reference_rate's as_of"
    )
    rules = _in_force_of_history(
        EXPORT_TAX_HISTORY,
        rates_on,
        what=f"the withdrawal's day: {source}",
        field="tax_rate",
        remedy="pass tax_rate= yourself (tax_rate=0 for none)",
    )
    return rules.rate(pseb_registered=registered)


def route(
    amount_currency: str,
    method: object,
    reference_rate: object,
    *,
    spread: object = None,
    offered_rate: object = None,
    tax_rate: object = None,
    pseb_registered: object = False,
    on: object = None,
    day_source: str = "",
) -> Route:
    """Check a withdrawal's inputs and work out its applied rate and tax rate (private).

    *day_source* is as :func:`tax_in_force`'s.
    """
    chosen = usable_method(method)
    balance = chosen.balance_currency
    if amount_currency != balance:
        raise CurrencyMismatchError(
            f"the amount is in {amount_currency} but {chosen.name} withdraws a {balance} balance",
            field="amount",
            rule=f"in {balance}",
        )
    reference = check_reference(reference_rate, balance, chosen)
    day = optional_day(on, "on")
    rate, basis = applied_rate(chosen, reference, spread=spread, offered_rate=offered_rate)
    tax = tax_in_force(
        tax_rate,
        pseb_registered=pseb_registered,
        on=day,
        rates_on=reference_day(reference),
        day_source=day_source,
    )
    return Route(chosen, reference, rate, basis, tax)


def balance_arg(amount: object, what: str = "amount") -> Money:
    """The balance to withdraw: Money in whole cents, more than zero."""
    amount_type(amount, what, "quote_withdrawal")  # a WeeklyInvoice: how to pass it
    # The one "more than zero" rule (MORE_THAN_ZERO), for a negative amount too.
    money = more_than_zero(amount, what, " (the balance to withdraw)")
    return whole_cents(money, what)
