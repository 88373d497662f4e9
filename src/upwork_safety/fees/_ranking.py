"""Ranking withdrawal methods for one balance: :func:`compare_withdrawals` (private).

Quotes the balance by every method whose cost is known (a published
markup, or an offered rate or a spread the caller gives, keyed by method
or by its key or name: :func:`_keyed`), best first; lists the others as
unpriced, and those that cannot take the balance as skipped, in a
:class:`WithdrawalComparison` (``_compare``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypeAlias

from upwork_safety._decimals import restore_context
from upwork_safety._display import ITEMS, shown
from upwork_safety._validate import sequence_of
from upwork_safety._wallets import refuse_wallet
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.fees._common import (
    ALL_METHODS,
    Default,
    MethodNames,
    listed,
    optional_day,
    resolve_method,
)
from upwork_safety.fees._compare import (
    RateLike,
    SkippedMethod,
    WithdrawalComparison,
    _by_received,
    _each_once,
    _skip_reason,
)
from upwork_safety.fees._route import (
    Route,
    applied_rate,
    balance_arg,
    check_reference,
    reference_day,
    reference_from,
    tax_in_force,
    unusable,
)
from upwork_safety.fees._withdrawal import (
    WithdrawalQuote,
    build_quote,
)
from upwork_safety.money import ExchangeRate, Money, exact
from upwork_safety.rules import PAKISTAN_METHODS, WithdrawalMethod

# Defined at run time, so typing.get_type_hints resolves compare_withdrawals (review r39, 7).
#: Offered rates keyed by method or by a method's key or name.
OfferedRates: TypeAlias = (
    Mapping[str, ExchangeRate]
    | Mapping[WithdrawalMethod, ExchangeRate]
    | Mapping[WithdrawalMethod | str, ExchangeRate]
)
#: Spreads keyed by method or by a method's key or name.
Spreads: TypeAlias = (
    Mapping[str, Decimal | int | str]
    | Mapping[WithdrawalMethod, Decimal | int | str]
    | Mapping[WithdrawalMethod | str, Decimal | int | str]
)

__all__ = [
    "compare_withdrawals",
]


def _keyed(
    value: object, what: str, methods: tuple[WithdrawalMethod, ...]
) -> dict[int, tuple[str, object]]:
    """A ``{method or key: value}`` argument, as ``{index in methods: (name, value)}``.

    The name is the entry as the caller keyed it (``offered_rates['payoneer']``),
    for the errors about its value.  Each method takes one entry: a second
    one (by key, by name or by the method itself) is refused naming both,
    and so is a key that names two methods, never "last wins".  A text key
    names a method as everywhere else (:class:`~._common.MethodNames`: key or
    name first, then the bare name).  The methods are indexed once, so
    matching is linear in the entries and the methods.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"{what} must map methods (or their keys) to values, not {type(value).__name__}",
            field=what,
            rule="a mapping of methods",
        )
    by_text = MethodNames(methods)
    by_name = {method.name: index for index, method in enumerate(methods)}  # unique (_each_once)
    found: dict[int, tuple[str, object]] = {}
    for key, item in value.items():
        name, matches = _matching(key, what, methods, by_text, by_name)
        if not matches:
            refuse_wallet(key, name)  # JazzCash: not a method Upwork withdraws to
            more = ", …" if len(methods) > ITEMS else ""
            raise InvalidValueError(
                f"{name} names no method being compared; key it by the method, its name "
                f"or its key: {listed(methods[:ITEMS])}{more}",
                field=name,
                rule="a compared method",
            )
        if len(matches) > 1:
            both = " and ".join(shown(methods[i].name, 60) for i in matches[:2])
            raise InvalidValueError(
                f"{name} names more than one method being compared ({both}): key it by "
                "the method itself, or by its key or its full name",
                field=name,
                rule="one method per entry",
            )
        index = matches[0]
        if index in found:
            raise InvalidValueError(
                f"{name} is already given as {found[index][0]} (both name "
                f"{shown(methods[index].name, 60)}): give each method one entry",
                field=name,
                rule="one entry per method",
            )
        found[index] = (name, item)
    if type(value) is not dict:
        restore_context()  # the caller's mapping ran: the library's context back (red team r33 1)
    return found


def _matching(
    key: object,
    what: str,
    methods: tuple[WithdrawalMethod, ...],
    by_text: MethodNames,
    by_name: dict[str, int],
) -> tuple[str, list[int]]:
    """The entry's name as the caller keyed it, and the indices of the methods *key* names."""
    if isinstance(key, WithdrawalMethod):
        at = by_name.get(key.name)
        return f"{what}[<WithdrawalMethod {shown(key.key, 60)}>]", (
            [at] if at is not None and methods[at] == key else []
        )
    if isinstance(key, str):
        return f"{what}[{shown(key, 60)}]", by_text.indices(key)
    raise InvalidTypeError(
        f"{what} keys must be methods or their keys, not {type(key).__name__}",
        field=what,
        rule="keyed by method",
    )


@exact
def compare_withdrawals(
    amount: Money,
    *,
    reference_rate: ExchangeRate,
    methods: Sequence[WithdrawalMethod | str] | Default = ALL_METHODS,
    tax_rate: RateLike | None = None,
    pseb_registered: bool = False,
    on: date | datetime | None = None,
    offered_rates: OfferedRates | None = None,
    spreads: Spreads | None = None,
) -> WithdrawalComparison:
    """Quote *amount* by every method whose cost is known, best (most received) first.

    A method's cost is known when it publishes its markup (Payoneer's
    reported 2%), or when you give the rate it offers (*offered_rates*) or
    the spread you measured (*spreads*).  The others (Direct to Local Bank
    and the wire, by default) are listed in ``unpriced``, and
    :meth:`WithdrawalComparison.break_even_spread` says up to which spread
    each would still be the best.  Methods that are not available in
    Pakistan, or that cannot withdraw *amount* (below the minimum, or not
    covering the fees), are listed in ``skipped`` with the reason, never
    dropped silently.

    Args:
        amount: The balance to withdraw (USD, whole cents).
        reference_rate: The reference rate every quote is measured against,
            with its day (``as_of``, required), as :func:`quote_withdrawal`.
        methods: The methods to compare (default :data:`PAKISTAN_METHODS`):
            a sequence of methods or preset keys, never a single one.
        tax_rate: As :func:`quote_withdrawal` (default the s.154A rate in force).
        pseb_registered: As :func:`quote_withdrawal`.
        on: As :func:`quote_withdrawal`.
        offered_rates: The rate each method offers, keyed by method or key,
            e.g. ``{"direct_to_local_bank": ExchangeRate("USD", "PKR", "277.20",
            as_of=day)}``; each of the reference rate's day, at most
            :data:`MAX_GAIN_OVER_REFERENCE` (10%) above the reference (one
            rate of 999 typed for 279 would rank its method best at a cost
            below zero).
        spreads: The spread to assume for a method, keyed by method or key.

    Returns:
        A :class:`WithdrawalComparison`.

    Raises:
        InvalidValueError: An amount not above zero, an unknown method, a
            method listed twice (by name), a reference rate without its
            ``as_of`` (``field='reference_rate.as_of'``), a bad rate (an
            offered rate of another day or too far above the reference
            too), a method given
            both an offered rate and a spread, a method given two entries
            in *offered_rates* or *spreads* (say by key and by name), a
            key there that names two methods, or an amount that converts to
            more than :data:`~upwork_safety.money.MAX_DIGITS` digits
            (``field`` ``"amount"``).
        InvalidTypeError: *methods* is not a sequence, or another
            wrong-typed argument.
        CurrencyMismatchError: A rate in the wrong direction or currency
            for a usable method.
    """
    money = balance_arg(amount)
    reference_rate = reference_from(reference_rate, money.currency)
    listed = PAKISTAN_METHODS if isinstance(methods, Default) else methods
    entries: tuple[WithdrawalMethod | str, ...] = sequence_of(
        listed, (WithdrawalMethod, str), "methods"
    )
    chosen = tuple(resolve_method(entry, f"methods[{i}]") for i, entry in enumerate(entries))
    _each_once(chosen, [f"methods[{i}]" for i in range(len(chosen))])
    offered = _keyed(offered_rates, "offered_rates", chosen)
    given = _keyed(spreads, "spreads", chosen)
    day = optional_day(on, "on")
    tax = tax_in_force(
        tax_rate,
        pseb_registered=pseb_registered,
        on=day,
        rates_on=reference_day(reference_rate),
    )
    quotes: list[WithdrawalQuote] = []
    unpriced: list[WithdrawalMethod] = []
    skipped: list[SkippedMethod] = []
    for index, method in enumerate(chosen):
        if not method.available_in_pakistan:
            skipped.append(SkippedMethod(method, _skip_reason(method, money)))
            continue
        if money.currency != method.balance_currency:
            raise CurrencyMismatchError(
                f"the amount is in {money.currency} but {method.name} withdraws a "
                f"{method.balance_currency} balance",
                field="amount",
                rule=f"in {method.balance_currency}",
            )
        problem = unusable(method, money)
        if problem:
            skipped.append(SkippedMethod(method, problem))
            continue
        reference = check_reference(reference_rate, money.currency, method)
        if method.spread is None and index not in offered and index not in given:
            unpriced.append(method)
            continue
        spread_what, spread = given.get(index, ("spreads", None))
        offered_what, offered_rate = offered.get(index, ("offered_rates", None))
        rate, basis = applied_rate(
            method,
            reference,
            spread=spread,
            offered_rate=offered_rate,
            spread_what=spread_what,
            offered_what=offered_what,
        )
        quotes.append(build_quote(Route(method, reference, rate, basis, tax), money))
    return WithdrawalComparison(
        amount=money,
        reference_rate=reference_rate,
        tax_rate=tax,
        quotes=tuple(sorted(quotes, key=_by_received)),
        unpriced=tuple(unpriced),
        skipped=tuple(skipped),
    )
