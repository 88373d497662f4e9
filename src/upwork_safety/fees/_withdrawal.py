"""One withdrawal from the Upwork balance to the freelancer's account, each cost itemised (private).

The path is Money all the way: the method's fees come out of the balance
withdrawn, the rest is converted at the *applied* rate (worked out once:
the rate the method offered, or the reference rate less a spread), and the
bank withholds income tax on what was converted.  :func:`quote_withdrawal`
quotes it, :func:`withdrawal_for_target` inverts it, :func:`get_method`
finds a preset by name.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal
from typing import cast

import attrs

from upwork_safety._amount_fields import whole_cents
from upwork_safety._decimals import CONTEXT, INTEGER_DIGITS_RULE
from upwork_safety._pickling import through_init
from upwork_safety._render import percent
from upwork_safety._validate import member_field, member_text
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees._common import (
    ONE,
    Steps,
    first_reaching,
    from_units,
    money_arg,
    most_units,
    rate_arg,
    ratio_percent,
    resolve_method,
    short_percent,
    units,
    units_up,
)
from upwork_safety.fees._route import (
    FeeLine,
    Outcome,
    RateBasis,
    Route,
    balance_arg,
    check_offered,
    check_reference,
    method_field,
    route,
    unusable,
    usable_method,
)
from upwork_safety.money import (
    MAX_DIGITS,
    ExchangeRate,
    Money,
    exact,
    plain_money,
    round_half_up,
)
from upwork_safety.rules import WithdrawalMethod

__all__ = [
    "WithdrawalQuote",
    "get_method",
    "quote_withdrawal",
    "withdrawal_for_target",
]

RateLike = Decimal | int | str


def get_method(name: str | WithdrawalMethod) -> WithdrawalMethod:
    """Return the preset withdrawal method called *name*.

    Args:
        name: A method's ``key`` (``"payoneer"``) or ``name`` (``"Payoneer"``),
            any case, with any spaces around it ignored (as a statement's
            cell may carry them; the command line refuses them, as it does
            every typed value with spaces around it); a
            :class:`WithdrawalMethod` is returned unchanged.

    Raises:
        InvalidValueError: No preset has that key or name.
        InvalidTypeError: *name* is neither a str nor a method.

    >>> get_method("Direct to Local Bank (PKR)").key
    'direct_to_local_bank'
    """
    return resolve_method(name, "name")


def _rate_basis(value: RateBasis | str) -> RateBasis:
    # A value that is not a member is left for member_field to refuse.
    return cast("RateBasis", member_text(RateBasis, value))


def _quote_tax_rate(value: RateLike) -> Decimal:
    return rate_arg(value, "WithdrawalQuote.tax_rate")


def _route_of(quote: WithdrawalQuote) -> Route:
    return Route(
        quote.method, quote.reference_rate, quote.applied_rate, quote.rate_basis, quote.tax_rate
    )


@through_init
@attrs.frozen(kw_only=True, repr=False)
class WithdrawalQuote(Steps):
    """What a withdrawal costs and delivers, every step itemised.

    Built by :func:`quote_withdrawal`.  Only the inputs are stored; every
    amount is worked out from them (Money all the way, the applied rate
    used as it is), so a quote cannot disagree with itself.

    Args:
        method: The withdrawal method.
        sent: The Upwork balance withdrawn.
        reference_rate: The caller's reference rate (e.g. SBP interbank),
            with its day (``as_of``), which the quote's tax rate is of.
        applied_rate: The rate the conversion uses: the rate the method
            offered, or the reference rate less a spread.
        rate_basis: Where *applied_rate* comes from (:class:`RateBasis`, or
            its value such as ``"offered"``).
        tax_rate: The income tax rate the bank withholds, a fraction.

    Raises:
        InvalidTypeError: A field of the wrong type.
        RulesError: A method not available in Pakistan (as
            :func:`quote_withdrawal` refuses it).
        InvalidValueError: *sent* is below the method's minimum or does not
            cover its fees, an unknown rate basis, the rates do not fit
            the method, the reference rate has no ``as_of`` or one
            after 9990-12-31
            (``field='WithdrawalQuote.reference_rate.as_of'``), or a
            reference rate under which the rounded figures would move
            :attr:`cost_percent` by a point or more
            (``field='WithdrawalQuote.reference_rate'``, ``rule`` "converts
            finely enough to show the withdrawal's cost").
    """

    method: WithdrawalMethod = attrs.field(validator=method_field)
    sent: Money = attrs.field(
        converter=plain_money,
    )
    reference_rate: ExchangeRate = attrs.field()
    applied_rate: ExchangeRate = attrs.field()
    rate_basis: RateBasis = attrs.field(converter=_rate_basis, validator=member_field(RateBasis))
    tax_rate: Decimal = attrs.field(converter=_quote_tax_rate)

    def __attrs_post_init__(self) -> None:
        usable_method(self.method, "WithdrawalQuote.method")
        balance = self.method.balance_currency
        money_arg(self.sent, "WithdrawalQuote.sent", balance)
        whole_cents(self.sent, "WithdrawalQuote.sent")
        reference = check_reference(
            self.reference_rate, balance, self.method, "WithdrawalQuote.reference_rate"
        )
        check_offered(self.applied_rate, reference, "WithdrawalQuote.applied_rate")
        if self.rate_basis is RateBasis.METHOD and (
            self.method.spread is None
            or self.applied_rate != reference.with_spread(self.method.spread)
        ):
            raise InvalidValueError(
                "WithdrawalQuote.rate_basis is 'method', but applied_rate is not the reference "
                "rate less the method's own spread",
                field="WithdrawalQuote.rate_basis",
                rule="the method's own spread",
            )
        problem = unusable(self.method, self.sent)
        if problem:
            raise InvalidValueError(problem, field="WithdrawalQuote.sent", rule="usable amount")
        self._outcome  # noqa: B018  (work it out now: an amount too large to convert fails here)
        self._check_cost_shown()

    @exact
    def _check_cost_shown(self) -> None:
        """Refuse a quote whose figures, rounded to the received currency, lose its cost.

        :attr:`cost_percent` is worked out from the rounded amounts; unrounded,
        the same steps give the cost exactly.  Where the two differ by a whole
        percentage point or more, the received currency's minor unit is too
        coarse for the amount at this rate (a rate in the wrong unit, such as
        USD per PKR ``0.0036`` for PKR per USD): a 20% cost would read "0%".
        The rounding moves the percentage by at most 150 points divided by the
        minor units :attr:`ideal` holds, so a quote worth 150 minor units or
        more (PKR 1.50, GBP 1.50) is never refused, whatever the currency's
        size (red team r40, hostile 5).
        """
        ideal = CONTEXT.multiply(self.sent.amount, self.reference_rate.rate)
        if ideal.adjusted() >= MAX_DIGITS - 1:  # far too large to lose a cost to rounding
            return
        kept = CONTEXT.subtract(ONE, self.tax_rate)
        received = CONTEXT.multiply(
            CONTEXT.multiply(self._outcome.left.amount, self.applied_rate.rate), kept
        )
        exact_percent = round_half_up(
            CONTEXT.divide(CONTEXT.multiply(CONTEXT.subtract(ideal, received), 100), ideal), 2
        )
        shown = self.cost_percent
        if abs(exact_percent - shown) >= 1:
            rate = self.reference_rate
            raise InvalidValueError(
                f"at {rate.base}→{rate.quote} {rate.rate:f}, {self.sent} converts to "
                f"{self.ideal}: rounded to the {rate.quote} minor unit the withdrawal's cost "
                f"would read {shown}%, but it is {exact_percent}%; check the rate is "
                f"{rate.quote} per {rate.base} (not {rate.base} per {rate.quote})",
                field="WithdrawalQuote.reference_rate",
                rule=COST_SHOWN_RULE,
            )

    def __repr__(self) -> str:
        return (
            f"<WithdrawalQuote {self.method.name}: {self.sent} → {self.received} "
            f"(costs {self.cost_percent}% against the reference)>"
        )

    @functools.cached_property
    @exact
    def _outcome(self) -> Outcome:
        return _route_of(self).outcome(self.sent)

    @property
    def fees(self) -> tuple[FeeLine, ...]:
        """One line per fee the method takes out of :attr:`sent`."""
        return self._outcome.fees

    @property
    def total_fees(self) -> Money:
        """The method's fees together, in the balance's currency."""
        return Money.total((line.amount for line in self.fees), self.sent.currency)

    @property
    def converted(self) -> Money:
        """What is left after the fees, converted at :attr:`applied_rate` (half up)."""
        return self._outcome.converted

    @property
    def tax(self) -> Money:
        """The tax the bank withholds: :attr:`tax_rate` of :attr:`converted`."""
        return self._outcome.tax

    @property
    def received(self) -> Money:
        """What reaches the freelancer's account."""
        return self._outcome.received

    @property
    @exact
    def spread(self) -> Decimal:
        """The applied rate's markup below the reference, a fraction (negative if above).

        Exact when the ratio of the two rates is; otherwise to 18 decimal places.
        """
        ratio = CONTEXT.divide(self.applied_rate.rate, self.reference_rate.rate)
        value = CONTEXT.subtract(ONE, ratio)
        exponent = value.as_tuple().exponent
        return value if isinstance(exponent, int) and exponent >= -18 else round_half_up(value, 18)

    @property
    def spread_cost(self) -> Money:
        """What the spread costs, in the received currency: the fees' remainder at both rates."""
        return self.reference_rate.convert(self._outcome.left) - self.converted

    @property
    def ideal(self) -> Money:
        """What :attr:`sent` buys at the reference rate with no costs at all."""
        return self.reference_rate.convert(self.sent)

    @property
    def cost_vs_reference(self) -> Money:
        """:attr:`ideal` minus :attr:`received`: fees, spread and tax together."""
        return self.ideal - self.received

    @property
    def cost_percent(self) -> Decimal:
        """:attr:`cost_vs_reference` as a percent of :attr:`ideal` (2 decimals, half up)."""
        return ratio_percent(self.cost_vs_reference, self.ideal)

    @property
    @exact
    def effective_rate(self) -> Decimal:
        """:attr:`received` per unit of :attr:`sent`, to 4 decimals (half up)."""
        return round_half_up(CONTEXT.divide(self.received.amount, self.sent.amount), 4)

    def _rate_note(self) -> str:
        applied = f"{self.applied_rate.rate.normalize(CONTEXT):f}"
        reference = f"{self.reference_rate.rate.normalize(CONTEXT):f}"
        spread = self.spread
        if spread >= 0:
            gap = f"{short_percent(spread)} below the reference {reference}"
        else:
            gap = f"{short_percent(spread.copy_negate())} above the reference {reference}"
        if self.rate_basis is RateBasis.OFFERED:
            return f"at {applied}, the rate {self.method.name} offered ({gap})"
        if self.rate_basis is RateBasis.SPREAD:
            return f"at {applied}: a spread you gave ({gap})"
        flag = " (unconfirmed)" if self.method.source_of("spread").unconfirmed else ""
        return f"at {applied}: {self.method.name}'s own spread{flag} ({gap})"

    def steps(self) -> list[tuple[str, Money, str]]:
        """The steps from the fees to what is received (also used by a payout's lines)."""
        rows: list[tuple[str, Money, str]] = [
            (
                line.name,
                -line.amount,
                line.source + (" (unconfirmed)" if line.unconfirmed else ""),
            )
            for line in self.fees
        ]
        rows.append(("Converted", self.converted, self._rate_note()))
        if self.spread_cost:
            # An offered rate above the reference gains: named so, shown positive as gains are.
            word = "cost" if self.spread_cost.amount > 0 else "gain"
            rows.append(
                (f"Spread {word} (included above)", -self.spread_cost, "against the reference rate")
            )
        tax_note = (
            f"{percent(self.tax_rate)} of the converted amount (Income Tax Ordinance s.154A)"
            if self.tax_rate
            else "no tax withheld (tax_rate=0)"
        )
        rows.append(("Income tax withheld", -self.tax, tax_note))
        rows.append(("Received", self.received, self.method.name))
        return rows

    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""
        return [
            ("Withdrawn", self.sent, "Upwork balance"),
            *self.steps(),
            (
                "Cost against the reference rate",
                -self.cost_vs_reference,
                f"{self.cost_percent}% of what the balance buys at the reference rate",
            ),
        ]

    def _caption(self) -> str:
        return f"Withdrawal by {self.method.name}"


def build_quote(path: Route, amount: Money, what: str = "amount") -> WithdrawalQuote:
    """The quote for a checked route and a usable amount (private).

    An amount too large to convert is refused naming *what*, the argument
    the amount came in (``amount``, a payout's ``payment``): the conversion
    itself can only name its result, ``"converted amount"``, which no caller
    passed (red team r33 2).
    """
    try:
        return WithdrawalQuote(
            method=path.method,
            sent=amount,
            reference_rate=path.reference,
            applied_rate=path.applied,
            rate_basis=path.basis,
            tax_rate=path.tax_rate,
        )
    except InvalidValueError as error:
        if error.rule == COST_SHOWN_RULE:  # the caller's argument, not the quote's field
            raise InvalidValueError(str(error), field="reference_rate", rule=error.rule) from None
        if error.field != CONVERTED:
            raise
        raise InvalidValueError(str(error), field=what, rule=error.rule) from None


#: The rule of a rate under which a quote's rounded figures would lose its cost.
COST_SHOWN_RULE = "converts finely enough to show the withdrawal's cost"

#: What :meth:`~upwork_safety.ExchangeRate.convert` names a result too large to hold.
CONVERTED = "converted amount"


@exact
def quote_withdrawal(
    amount: Money,
    method: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    offered_rate: ExchangeRate | None = None,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
    pseb_registered: bool = False,
    on: date | datetime | None = None,
) -> WithdrawalQuote:
    """Quote withdrawing *amount* of the Upwork balance by *method*, every cost itemised.

    The method's fees come out of *amount*; the rest is converted at the
    applied rate and rounded half up to the minor unit; the bank then
    withholds income tax on the converted amount.

    The applied rate is the rate the method offers (*offered_rate*: Upwork
    and Payoneer show it before you confirm), or the reference rate less
    *spread*, or less the method's own published spread.  Direct to Local
    Bank and the wire publish none, so quoting them needs one of the first
    two.

    Args:
        amount: The balance to withdraw (USD, whole cents).
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: The reference USD→PKR rate (e.g. SBP interbank) of
            the withdrawal's day, with that day as its ``as_of`` (required:
            it picks the s.154A tax rules, and the library reads no clock);
            the library never fetches rates.
        offered_rate: The rate the method offers, an :class:`ExchangeRate`
            in the reference rate's currencies (and of its day, if both
            are dated), at most :data:`MAX_GAIN_OVER_REFERENCE` (10%)
            above the reference.
        spread: The converter's markup below the reference as a fraction
            (``Decimal("0.01")``, ``"0.01"`` or ``"1%"``); not with
            *offered_rate*.
        tax_rate: The income tax the bank withholds; default the s.154A
            rate in force (1%, or 0.25% with *pseb_registered*);
            ``tax_rate=0`` models none.
        pseb_registered: Whether the freelancer is registered with the
            Pakistan Software Export Board (s.154A's 0.25%).
        on: The withdrawal's day, if you give it: it must be the reference
            rate's ``as_of`` (a withdrawal is measured against its own
            day's rate), which is the day by default.  A date, or an aware
            datetime for its UTC day (as every rule date in the library;
            pass the Pakistani day as a ``date`` when it differs).

    Returns:
        The itemised :class:`WithdrawalQuote`.

    Raises:
        RulesError: A method with an unpublished spread and neither
            *offered_rate* nor *spread*; a method not available in
            Pakistan; a day before the known tax rules.
        InvalidValueError: An amount not above zero, below the method's minimum or not
            covering its fees, a rate that is not a fraction below 1, an
            unknown method, conflicting options, a reference rate without
            its ``as_of`` or with one after 9990-12-31, the library's last
            day (``field='reference_rate.as_of'``), *on* another
            day than the reference rate's ``as_of``, an offered rate of
            another day or more than :data:`MAX_GAIN_OVER_REFERENCE` above
            the reference, or an amount that converts to more than
            :data:`~upwork_safety.money.MAX_DIGITS` digits (``field``
            ``"amount"``, ``rule`` "at most 18 integer digits"), or a
            reference rate so small that the amounts, rounded to the
            received currency's minor unit, would move the cost percentage
            by a point or more (``field='reference_rate'``: PKR 0.04 for
            USD 10.00 at a rate in the wrong unit; never for a quote worth
            150 minor units or more).
        CurrencyMismatchError: A rate in the wrong direction or currency.
        InvalidTypeError: A wrong-typed argument.

    >>> from datetime import date
    >>> from upwork_safety.money import ExchangeRate
    >>> usd_pkr = ExchangeRate("USD", "PKR", "280.00", as_of=date(2025, 6, 2))
    >>> shown = ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 2))
    >>> nine_hundred = Money("900.00", "USD")
    >>> quote = quote_withdrawal(nine_hundred, "direct_to_local_bank", reference_rate=usd_pkr,
    ...                          offered_rate=shown)
    >>> print(quote.received, quote.spread)
    PKR 246,713.51 0.01
    """
    return quote(
        amount,
        method,
        reference_rate=reference_rate,
        offered_rate=offered_rate,
        spread=spread,
        tax_rate=tax_rate,
        pseb_registered=pseb_registered,
        on=on,
    )


def quote(
    amount: object,
    method: object,
    *,
    reference_rate: object,
    offered_rate: object,
    spread: object,
    tax_rate: object,
    pseb_registered: object,
    on: object,
    day_source: str = "",
    what: str = "amount",
    came_from: str = "",
) -> WithdrawalQuote:
    """:func:`quote_withdrawal`; *day_source* says where *on* came from (private).

    A payout passes the payment's day as *on*, and says so in *day_source*
    for the message refusing a day before the known tax rules.  It also
    withdraws what the service fee leaves: an amount the method cannot take
    is blamed on *what* (its ``payment``), and *came_from* says how the
    amount came about.
    """
    money = balance_arg(amount, what)
    path = route(
        money.currency,
        method,
        reference_rate,
        spread=spread,
        offered_rate=offered_rate,
        tax_rate=tax_rate,
        pseb_registered=pseb_registered,
        on=on,
        day_source=day_source,
    )
    problem = unusable(path.method, money)
    if problem:
        raise InvalidValueError(
            f"{came_from}{problem}", field=what, rule=f"usable by {path.method.name}"
        )
    return build_quote(path, money, what)


def lowest_usable(method: WithdrawalMethod) -> Money:
    """The smallest whole-cent balance *method* can withdraw (private).

    Usable never turns unusable as the balance grows (the rounded
    percentage fee grows by at most a cent a cent), so a halving search
    finds it in a bounded number of steps, from an estimate that ignores
    the fee's rounding: no cent-by-cent scan, however near 100% the fee.
    """
    currency = method.balance_currency
    # Something is left once more than the fixed fee is withdrawn (the percentage is
    # charged on what is left: method_fees), so the answer is never below the fee.
    estimate = max(method.minimum.amount, method.fixed_fee.amount)
    low = max(units_up(estimate, currency) - 2, 0)
    most = most_units(currency)
    found = first_reaching(
        lambda cents: not unusable(method, from_units(cents, currency)), min(low, most), most
    )
    if found is None:
        raise InvalidValueError(
            f"{method.name} cannot withdraw any balance the library holds: its fees take all "
            f"of {from_units(most, currency)}",
            field="method",
            rule="a method that can withdraw some balance",
        )
    return from_units(found, currency)


@exact
def withdrawal_for_target(
    target: Money,
    method: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    offered_rate: ExchangeRate | None = None,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
    pseb_registered: bool = False,
    on: date | datetime | None = None,
) -> Money:
    """Return the smallest balance to withdraw so that at least *target* arrives.

    The inverse of :func:`quote_withdrawal`: exact to the cent, so
    withdrawing one cent less delivers less than *target* (or is below the
    method's minimum).

    Args:
        target: What must arrive, in the currency *reference_rate* converts to.
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: As :func:`quote_withdrawal`.
        offered_rate: As :func:`quote_withdrawal`.
        spread: As :func:`quote_withdrawal`.
        tax_rate: As :func:`quote_withdrawal`.
        pseb_registered: As :func:`quote_withdrawal`.
        on: As :func:`quote_withdrawal`.

    Returns:
        The balance to withdraw, in whole cents.

    Raises:
        CurrencyMismatchError: *target* not in the rate's quote currency.
        InvalidValueError: A negative target, one that only a conversion
            beyond the library's 18-digit limit would deliver, or the errors
            of :func:`quote_withdrawal`.
    """
    chosen = usable_method(method)
    path = route(
        chosen.balance_currency,
        chosen,
        reference_rate,
        spread=spread,
        offered_rate=offered_rate,
        tax_rate=tax_rate,
        pseb_registered=pseb_registered,
        on=on,
    )
    quote_currency = path.reference.quote
    wanted = money_arg(
        target, "target", quote_currency, why="reference_rate converts to that currency"
    )
    currency = chosen.balance_currency
    low = units(lowest_usable(chosen))

    def reaches(cents: int) -> bool:
        return path.received(from_units(cents, currency)) >= wanted

    # What arrives never falls as the balance grows (every fee and tax is a
    # fraction below 1 of what it is charged on); the search stays within
    # the balances whose conversion the library can hold.
    most = most_convertible(path, low, currency)
    found = None if most is None else first_reaching(reaches, low, most)
    if found is None:
        shown = (
            ""
            if most is None
            else f"; the largest it can work out, {from_units(most, currency)}, delivers "
            f"{path.received(from_units(most, currency))}"
        )
        raise InvalidValueError(
            f"target {wanted} cannot be reached by {chosen.name}: it needs a balance whose "
            f"converted amount has more than {MAX_DIGITS} digits before the decimal point, "
            f"more than the library holds{shown}",
            field="target",
            rule=INTEGER_DIGITS_RULE,
        )
    return from_units(found, currency)


def most_convertible(path: Route, low: int, currency: str) -> int | None:
    """The largest balance from *low* (in cents) whose conversion fits the digit limit, or ``None``.

    Converting grows with the balance, so the balances that convert to more
    than :data:`~upwork_safety.money.MAX_DIGITS` digits are all those from
    the first one that does; the search asks the conversion itself.
    """

    def overflows(cents: int) -> bool:
        try:
            path.received(from_units(cents, currency))
        except InvalidValueError as error:
            if error.rule != INTEGER_DIGITS_RULE:
                raise
            return True
        return False

    first_too_large = first_reaching(overflows, low, most_units(currency))
    if first_too_large is None:
        return most_units(currency)
    return None if first_too_large == low else first_too_large - 1
