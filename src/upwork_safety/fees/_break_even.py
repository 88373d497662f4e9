"""Where one withdrawal method overtakes another: :func:`break_even` (private).

Two methods' costs are each a line in the balance (a flat part and a
proportional part, after the fee's bounds); :func:`break_even` finds the
balance above which one delivers more than the other, checked cent by
cent around the crossing the lines give, within :data:`_MAX_SCAN` cents.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

import attrs

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import id_field
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError, RulesError
from upwork_safety.fees._common import ONE, from_units, units
from upwork_safety.fees._compare import RateLike
from upwork_safety.fees._route import Route, balance_arg, route, usable_method
from upwork_safety.fees._withdrawal import lowest_usable, most_convertible
from upwork_safety.money import MAX_DIGITS, ExchangeRate, Money, exact, plain_money
from upwork_safety.rules import WithdrawalMethod

__all__ = ["BreakEven", "break_even"]

#: Break-even search scans at most this many cents around the crossing.
_MAX_SCAN = 100_000


@through_init
@attrs.frozen(kw_only=True)
class BreakEven:
    """Where one withdrawal method overtakes another.

    Built by :func:`break_even`.  Each method's result is rounded to the
    minor unit at every step (its percentage fee, the conversion, the tax),
    so near the crossing the lead can alternate from one cent to the next:
    *amount* is where it stops alternating.

    Args:
        amount: The largest balance (to the cent) at which *better_above*
            does not deliver more than *better_below*: at every cent above
            it, *better_above* delivers strictly more.
        better_above: The name of the method that delivers strictly more
            at every cent above *amount*.
        better_below: The name of the other method: it delivers at least
            as much at *amount*, and below it wherever the two methods'
            exact (unrounded) results differ by more than their rounding.
            Just below *amount*, within that rounding, either may deliver
            more at a given cent: compare the two quotes there.

    Raises:
        InvalidValueError: An amount not above zero or below the minor
            unit, an empty name, or the same name on both sides.
        InvalidTypeError: A field of the wrong type.
    """

    amount: Money = attrs.field(
        converter=plain_money,
    )
    better_above: str = attrs.field(converter=plain_text, validator=id_field)
    better_below: str = attrs.field(converter=plain_text, validator=id_field)

    def __attrs_post_init__(self) -> None:
        balance_arg(self.amount, "BreakEven.amount")
        if self.better_above == self.better_below:
            raise InvalidValueError(
                f"BreakEven.better_above and .better_below must be two different methods, "
                f"both are {shown(self.better_above)}",
                field="BreakEven.better_below",
                rule="two different methods",
            )


def _priced(entry: object, what: str) -> WithdrawalMethod:
    method = usable_method(entry, what)
    if method.spread is None:
        raise RulesError(
            f"{method.name} does not publish its exchange-rate markup: give it the spread you "
            f"measured with attrs.evolve({what}, spread=...), or use compare_withdrawals(..., "
            "offered_rates=...) and its break_even_spread()",
            field=what,
            rule="a method with a known spread",
        )
    return method


@exact
def break_even(
    a: WithdrawalMethod | str,
    b: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    tax_rate: RateLike | None = None,
    pseb_registered: bool = False,
    on: date | datetime | None = None,
) -> BreakEven | None:
    """Return the balance above which one of two methods delivers more, or ``None``.

    A method with a lower spread but a higher fixed fee loses on small
    withdrawals and wins on large ones; this finds the crossing, exactly to
    the cent: above the returned amount the winner receives strictly more
    at every cent, at the amount it does not.  Below it the other method
    receives at least as much, except within rounding of the crossing:
    each result is rounded to the minor unit (the percentage fee, the
    conversion, the tax), so there the lead can alternate from one cent to
    the next (see :class:`BreakEven`).  Both methods need a known spread
    (``attrs.evolve(fees.WIRE_USD, spread=...)`` for one that publishes
    none), and different names.

    Args:
        a: One method (or its key or name), with its own spread.
        b: The other.
        reference_rate: The reference rate both are measured against, with
            its day (``as_of``, required), as :func:`quote_withdrawal`.
        tax_rate: As :func:`quote_withdrawal`.
        pseb_registered: As :func:`quote_withdrawal`.
        on: As :func:`quote_withdrawal`.

    Returns:
        A :class:`BreakEven`, or ``None`` when one method is at least as
        good at every balance both can withdraw (no crossing): one whose
        fees are no higher and whose rate is no lower, or one whose exact
        result is ahead by more than rounding everywhere.

    Raises:
        RulesError: A method not available in Pakistan or without a known
            spread, two methods so alike that the crossing cannot be
            pinned to the cent within 100,000 cents of scanning, two whose
            exact results differ by no more than rounding at every balance
            (the lead passes back and forth from cent to cent), or a
            crossing beyond the largest balance both can work out (a
            converted amount holds :data:`~upwork_safety.money.MAX_DIGITS`
            digits before the point).
        InvalidValueError: An unknown method name, or two methods of the
            same name (the result names them).
    """
    first_method = _priced(a, "a")
    second_method = _priced(b, "b")
    if first_method.name == second_method.name:
        raise InvalidValueError(
            f"a and b are both called {shown(first_method.name)}: the break-even names the method "
            "that wins on each side, so compare two methods of different names (give a "
            "what-if its own with attrs.evolve(b, name=...))",
            field="b",
            rule="two different methods",
        )
    balance = first_method.balance_currency
    first, second = (
        route(
            balance,
            method,
            reference_rate,
            tax_rate=tax_rate,
            pseb_registered=pseb_registered,
            on=on,
        )
        for method in (first_method, second_method)
    )
    if second_method.balance_currency != balance:
        raise CurrencyMismatchError(
            f"{first_method.name} and {second_method.name} withdraw balances in different "
            "currencies",
            field="b",
            rule=f"a {balance} balance",
        )
    return _crossing(first, second)


def _line(path: Route) -> tuple[Decimal, Decimal]:
    """Without rounding a method receives ``slope × balance − offset``.

    That is ``(1 − p) × (balance − fixed) × rate × (1 − tax)``: the
    percentage is charged on what is left after the fixed fee
    (:func:`~._route.method_fees`).
    """
    keep = path.applied.rate * (ONE - path.tax_rate) * (ONE - path.method.percentage_fee)
    return keep, path.method.fixed_fee.amount * keep


def _within_reach(first: Route, second: Route, top: int, lowest: int) -> None:
    """Refuse a crossing search that reaches balances (up to *top* cents) too large to work out.

    A balance counts when both methods can convert it within
    :data:`~upwork_safety.money.MAX_DIGITS` digits; only a crossing within a
    tenth of that limit is asked about, so the usual case costs nothing.
    """
    balance = first.method.balance_currency
    rate = max(first.applied.rate, second.applied.rate)
    near_limit = Decimal(10) ** (MAX_DIGITS - 1)
    top_amount = Decimal(top).scaleb(-Money.zero(balance).minor_unit, context=CONTEXT)
    if CONTEXT.multiply(top_amount, rate) < near_limit:
        return
    reach = [most_convertible(path, lowest, balance) for path in (first, second)]
    most = min((-1 if cents is None else cents) for cents in reach)
    if top <= most:
        return
    largest = (
        f"the largest balance both can work out is {from_units(most, balance)}"
        if most >= lowest
        else "neither can work out any balance both can withdraw"
    )
    raise RulesError(
        f"the break-even of {first.method.name} and {second.method.name} lies beyond the "
        f"amounts the library holds: {largest} (a converted amount has at most "
        f"{MAX_DIGITS} digits before the decimal point); compare quotes at the amounts "
        "you need",
        field="b",
        rule=f"a crossing within the amounts of at most {MAX_DIGITS} integer digits",
    )


def _never_worse(better: Route, worse: Route) -> bool:
    """Whether *better* delivers at least as much as *worse* at every balance, rounding and all.

    So it is when no part of its cost is higher: a percentage fee and a fixed
    fee no higher and an applied rate no lower (the tax rate is shared).
    Every step (the rounded percentage fee, the conversion, the tax) is
    monotone in its input, so the lead can never pass to *worse*.
    """
    return (
        better.method.percentage_fee <= worse.method.percentage_fee
        and better.method.fixed_fee.amount <= worse.method.fixed_fee.amount
        and better.applied.rate >= worse.applied.rate
        and better.tax_rate == worse.tax_rate
    )


def _crossing(first: Route, second: Route) -> BreakEven | None:
    balance = first.method.balance_currency
    quote_currency = first.reference.quote
    if _never_worse(first, second) or _never_worse(second, first):
        return None
    (slope_a, offset_a), (slope_b, offset_b) = _line(first), _line(second)
    # Rounding moves each method's result by at most half a cent of the
    # balance (the percentage fee) times the rate, plus half a minor unit
    # for the conversion and for the tax: where the exact results differ by
    # more than `noise`, the one ahead stays ahead whatever the rounding.
    step = from_units(1, balance).amount
    half = from_units(1, quote_currency).amount / 2
    noise = (step / 2) * (first.applied.rate + second.applied.rate) + 4 * half
    if slope_a == slope_b:
        if abs(offset_a - offset_b) > noise:
            return None  # parallel lines further apart than rounding: one always ahead
        raise RulesError(
            f"{first.method.name} and {second.method.name} deliver the same, within "
            "rounding, at every balance, so the lead passes from one to the other from "
            "cent to cent and has no break-even; compare quotes at the amounts you need",
            field="b",
            rule="methods that differ by more than rounding",
        )
    winner, loser = (first, second) if slope_a > slope_b else (second, first)
    (w_slope, w_offset), (l_slope, l_offset) = (
        ((slope_a, offset_a), (slope_b, offset_b))
        if winner is first
        else ((slope_b, offset_b), (slope_a, offset_a))
    )
    gap = w_slope - l_slope
    crossing = (w_offset - l_offset) / gap
    # Beyond `noise / gap` of the crossing the winner wins whatever the rounding.
    high_cents = math.ceil((crossing + noise / gap).scaleb(Money.zero(balance).minor_unit)) + 1
    lowest_cents = max(units(lowest_usable(first.method)), units(lowest_usable(second.method)))
    if high_cents <= lowest_cents:
        return None
    floor_cents = math.floor((crossing - noise / gap).scaleb(Money.zero(balance).minor_unit)) - 1
    _within_reach(first, second, high_cents - 1, lowest_cents)
    if high_cents - max(lowest_cents, floor_cents) > _MAX_SCAN:
        raise RulesError(
            f"{winner.method.name} and {loser.method.name} are too alike to pin their "
            f"break-even to the cent (it lies near "
            f"{from_units(math.floor(crossing / step), balance)}); "
            "compare quotes at the amounts you need",
            field="b",
            rule=f"a crossing found within {_MAX_SCAN:,} cents",
        )
    cents = high_cents - 1
    while cents >= lowest_cents:
        amount = from_units(cents, balance)
        if winner.received(amount) <= loser.received(amount):
            return BreakEven(
                amount=amount,
                better_above=winner.method.name,
                better_below=loser.method.name,
            )
        cents -= 1
    return None
