"""Comparing withdrawal methods: which delivers most, where one overtakes another (private).

:func:`compare_withdrawals` ranks the methods whose cost is known and, for
a method whose exchange-rate markup is not published, answers
:meth:`WithdrawalComparison.break_even_spread`: the markup up to which it
would still be the best choice.  :func:`~upwork_safety.fees.break_even`
(:mod:`._break_even`) finds the balance above which one method overtakes
another.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety import _render
from upwork_safety._display import ITEMS, shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import (
    as_tuple,
    id_field,
    instance,
    items_field,
    sequence_of,
)
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.fees._common import (
    ALL_METHODS,
    ONE,
    ZERO,
    Default,
    check_locale,
    first_reaching,
    fmt,
    from_units,
    optional_day,
    rate_arg,
    resolve_method,
    short_percent,
    summary_locale,
    units,
)
from upwork_safety.fees._route import (
    RateBasis,
    Route,
    applied_rate,
    balance_arg,
    check_reference,
    delivers,
    method_field,
    reference_arg,
    reference_from,
    tax_in_force,
    unusable,
)
from upwork_safety.fees._withdrawal import (
    WithdrawalQuote,
    build_quote,
)
from upwork_safety.money import (
    CONTEXT,
    MAX_DIGITS,
    ExchangeRate,
    Money,
    exact,
    plain_money,
    rate_of,
    round_half_up,
)
from upwork_safety.rules import PAKISTAN_METHODS, WithdrawalMethod

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import TypeAlias

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
    from datetime import date, datetime

__all__ = [
    "SPREAD_STEP",
    "SkippedMethod",
    "WithdrawalComparison",
    "compare_withdrawals",
]

RateLike = Decimal | int | str

#: :meth:`WithdrawalComparison.break_even_spread` answers on this grid: a
#: millionth, that is 0.0001%.
SPREAD_STEP = Decimal("0.000001")
_SPREAD_PLACES = 6


@through_init
@attrs.frozen
class SkippedMethod:
    """A method a comparison left out, and why.

    Args:
        method: The method left out.
        reason: Why, in words.

    Raises:
        InvalidTypeError: *method* is not a :class:`WithdrawalMethod`, or
            *reason* not a ``str``.
        InvalidValueError: An empty *reason*.
    """

    method: WithdrawalMethod = attrs.field(validator=method_field)
    reason: str = attrs.field(converter=plain_text, validator=id_field)


def _comparison_tax_rate(value: RateLike) -> Decimal:
    return rate_arg(value, "WithdrawalComparison.tax_rate")


def _unusable(method: WithdrawalMethod, amount: Money) -> str:
    """Why *method* cannot withdraw *amount* (another balance's currency included), or ``""``."""
    if method.balance_currency != amount.currency:
        return f"{method.name} withdraws a {method.balance_currency} balance"
    return unusable(method, amount)


def _listed(method: WithdrawalMethod, comparison: WithdrawalComparison, where: str) -> None:
    """A quoted or unpriced *method* is one :func:`compare_withdrawals` would weigh, or raise."""
    field = f"WithdrawalComparison.{where}"
    amount, reference = comparison.amount, comparison.reference_rate
    if not method.available_in_pakistan:
        raise InvalidValueError(
            f"{method.name} is not available in Pakistan: list it as skipped",
            field=field,
            rule="available in Pakistan",
        )
    if method.balance_currency != amount.currency:
        raise CurrencyMismatchError(
            f"{method.name} withdraws a {method.balance_currency} balance, but the amount is "
            f"in {amount.currency}",
            field=field,
            rule=f"a {amount.currency} balance",
        )
    if not delivers(method, reference):
        raise CurrencyMismatchError(
            f"{method.name} delivers {method.currency}, but the reference rate converts to "
            f"{reference.quote}",
            field=field,
            rule=f"delivers {reference.quote}",
        )
    problem = unusable(method, amount)
    if problem:
        raise InvalidValueError(
            f"{problem}: list it as skipped", field=field, rule="can withdraw the amount"
        )


def _by_received(quote: WithdrawalQuote) -> tuple[Decimal, int, str]:
    return (quote.received.amount.copy_negate(), quote.method.business_days[1], quote.method.name)


def _skip_reason(method: WithdrawalMethod, amount: Money) -> str:
    """Why :func:`compare_withdrawals` skips *method* for *amount* (the one wording)."""
    if not method.available_in_pakistan:
        return "not available in Pakistan"
    return _unusable(method, amount)


def _each_once(methods: Sequence[WithdrawalMethod], fields: Sequence[str]) -> None:
    """Refuse a method listed twice (by name: a comparison names its methods)."""
    seen: dict[str, str] = {}
    for method, field in zip(methods, fields, strict=True):
        first = seen.setdefault(method.name, field)
        if first != field:
            raise InvalidValueError(
                f"{field} ({method.name}) is already listed as {first}: a comparison lists "
                "each method once, by name",
                field=field,
                rule="each method once",
            )


@through_init
@attrs.frozen(kw_only=True, repr=False)
class WithdrawalComparison:
    """Quotes for several methods, best first; the methods whose cost is unknown; those skipped.

    Iterating, indexing and ``len()`` go over :attr:`quotes`.

    Args:
        amount: The balance withdrawn: more than zero, in whole cents.
        reference_rate: The reference rate every quote is measured against,
            from the amount's currency.
        tax_rate: The income tax rate every quote withholds, a fraction
            from 0 below 1 (``Decimal("0.01")``, ``"0.01"`` or ``"1%"``).
        quotes: One quote per method whose cost is known, most received first.
        unpriced: The methods that could take the amount but whose
            exchange-rate markup is not published and was not given: see
            :meth:`break_even_spread`.
        skipped: Every method that could not be quoted, with the reason.

    Raises:
        InvalidValueError: An amount not above zero or below the cent, a
            tax rate that is not a fraction below 1, a quote for another
            amount, rate or tax rate, quotes out of order, or a method that
            does not belong where it is listed: a quoted or unpriced method
            must be available in Pakistan and able to withdraw the amount
            (an unpriced one without a published spread), a skipped one
            must not be both, with the reason :func:`compare_withdrawals`
            gives, and no method is listed twice (by name).
        CurrencyMismatchError: A reference rate from another currency than
            the amount's, or a method that withdraws another balance or
            that the reference rate does not convert to.
        InvalidTypeError: A field of the wrong type.
    """

    amount: Money = attrs.field(
        converter=plain_money,
    )
    reference_rate: ExchangeRate = attrs.field()
    tax_rate: Decimal = attrs.field(converter=_comparison_tax_rate)
    quotes: tuple[WithdrawalQuote, ...] = attrs.field(
        converter=as_tuple, validator=items_field(WithdrawalQuote)
    )
    unpriced: tuple[WithdrawalMethod, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(WithdrawalMethod)
    )
    skipped: tuple[SkippedMethod, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(SkippedMethod)
    )

    def __attrs_post_init__(self) -> None:
        instance(self.reference_rate, ExchangeRate, "WithdrawalComparison.reference_rate")
        amount = balance_arg(self.amount, "WithdrawalComparison.amount")
        reference_from(self.reference_rate, amount.currency, "WithdrawalComparison.reference_rate")
        for index, quote in enumerate(self.quotes):
            _listed(quote.method, self, f"quotes[{index}]")
            if (quote.sent, quote.reference_rate, quote.tax_rate) != (
                self.amount,
                self.reference_rate,
                self.tax_rate,
            ):
                raise InvalidValueError(
                    f"quotes[{index}] is for another amount, reference rate or tax rate",
                    field=f"WithdrawalComparison.quotes[{index}]",
                    rule="one amount, reference rate and tax rate",
                )
        if list(self.quotes) != sorted(self.quotes, key=_by_received):
            raise InvalidValueError(
                "WithdrawalComparison.quotes must be best first",
                field="WithdrawalComparison.quotes",
                rule="most received first",
            )
        for index, method in enumerate(self.unpriced):
            _listed(method, self, f"unpriced[{index}]")
            if method.spread is not None:
                raise InvalidValueError(
                    f"{method.name} has a published spread: quote it",
                    field=f"WithdrawalComparison.unpriced[{index}]",
                    rule="a method whose spread is not published",
                )
        for index, skipped in enumerate(self.skipped):
            method = skipped.method
            if method.available_in_pakistan and not _unusable(method, amount):
                raise InvalidValueError(
                    f"{method.name} is available in Pakistan and can withdraw {amount}: "
                    "quote it, or list it as unpriced",
                    field=f"WithdrawalComparison.skipped[{index}]",
                    rule="a method that cannot withdraw the amount",
                )
            why = _skip_reason(method, amount)
            if skipped.reason != why:
                raise InvalidValueError(
                    f"WithdrawalComparison.skipped[{index}].reason must be {shown(why)}, "
                    f"the reason compare_withdrawals gives for {method.name}; got "
                    f"{shown(skipped.reason)}",
                    field=f"WithdrawalComparison.skipped[{index}].reason",
                    rule="the reason compare_withdrawals gives",
                )
        _each_once(
            [
                *(quote.method for quote in self.quotes),
                *self.unpriced,
                *(skipped.method for skipped in self.skipped),
            ],
            [
                *(f"WithdrawalComparison.quotes[{i}]" for i in range(len(self.quotes))),
                *(f"WithdrawalComparison.unpriced[{i}]" for i in range(len(self.unpriced))),
                *(f"WithdrawalComparison.skipped[{i}]" for i in range(len(self.skipped))),
            ],
        )

    def __repr__(self) -> str:
        best = self.best
        head = f"best {best.method.name}" if best is not None else "no quote"
        return (
            f"<WithdrawalComparison {self.amount} at {self.reference_rate.rate}: {head}; "
            f"{len(self.quotes)} ranked, {len(self.unpriced)} unpriced, "
            f"{len(self.skipped)} skipped>"
        )

    @property
    def best(self) -> WithdrawalQuote | None:
        """The quote that delivers the most, or ``None`` when none could be made."""
        return self.quotes[0] if self.quotes else None

    def __iter__(self) -> Iterator[WithdrawalQuote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    def __getitem__(self, index: int) -> WithdrawalQuote:
        return self.quotes[index]

    def _find(self, method: object) -> tuple[WithdrawalMethod, WithdrawalQuote | None]:
        wanted = resolve_method(method, "method") if not isinstance(method, str) else None
        key = method.strip().casefold() if isinstance(method, str) else None

        def same(candidate: WithdrawalMethod) -> bool:
            if wanted is not None:
                return candidate == wanted
            return key in {candidate.key.casefold(), candidate.name.casefold()}

        for quote in self.quotes:
            if same(quote.method):
                return quote.method, quote
        for candidate in self.unpriced:
            if same(candidate):
                return candidate, None
        listed = [*(q.method for q in self.quotes), *self.unpriced]
        known = ", ".join(shown(m.key) for m in listed) or "none"
        quoted = shown(method) if isinstance(method, (str, WithdrawalMethod)) else "it"
        reason = next((s.reason for s in self.skipped if same(s.method)), "")
        raise InvalidValueError(
            f"{quoted} is not one of the methods this comparison could weigh ({known})"
            + (f"; it was skipped: {reason}" if reason else ""),
            field="method",
            rule="a compared method",
        )

    @exact
    def break_even_spread(self, method: WithdrawalMethod | str) -> Decimal | None:
        """The largest spread at which *method* would still be the best choice.

        For a method whose markup is not published (in :attr:`unpriced`),
        this is the most it can take below the reference rate and still
        deliver more than every method whose cost is known (so the
        comparison would rank it first; a tie would leave the ranking to
        arrival time and name); for a ranked method, the same against the
        other ranked methods.  The answer is exact on a grid of
        :data:`SPREAD_STEP` (0.0001%): at the returned spread *method*
        delivers strictly more than the best other quote, at one step more
        it delivers no more.

        Args:
            method: A method of this comparison (or its key or name).

        Returns:
            The spread as a fraction, or ``None`` when *method* delivers
            no more than the best other quote even with no spread at all.

        Raises:
            InvalidValueError: *method* is not in :attr:`quotes` or
                :attr:`unpriced`, or no other method has a known cost.
        """
        chosen, own = self._find(method)
        return self._spread_against(chosen, own)

    @exact
    def _spread_against(
        self, chosen: WithdrawalMethod, own: WithdrawalQuote | None
    ) -> Decimal | None:
        """:meth:`break_even_spread` of *chosen* (quoted as *own*, or unpriced), found."""
        # The quotes are best first, so the best rival is the first that is not
        # *own*: found in one or two steps, so a report stays linear.
        rival = next((quote for quote in self.quotes if quote is not own), None)
        if rival is None:
            raise InvalidValueError(
                f"no other method has a known cost to compare {chosen.name} against",
                field="method",
                rule="another method with a known cost",
            )
        best_rival = rival.received
        # Strictly more than the best rival: on a tie the ranking's own
        # tie-break (arrival time, then name) may put the rival first.
        target = best_rival + from_units(1, best_rival.currency)
        return _largest_spread(chosen, self.amount, self.reference_rate, self.tax_rate, target)

    @exact
    def break_even_rate(self, method: WithdrawalMethod | str) -> ExchangeRate | None:
        """The lowest rate *method* may offer and still be the best choice.

        The reference rate less :meth:`break_even_spread`: if the method
        offers at least this rate, it delivers more than every other
        method whose cost is known, and the comparison ranks it first.

        Returns:
            The rate, or ``None`` when *method* cannot be the best even at
            the reference rate.
        """
        spread = self.break_even_spread(method)
        if spread is None:
            return None
        rate = self.reference_rate.with_spread(spread)
        return attrs.evolve(rate, rate=_trimmed(rate.rate))

    def _unpriced_note(self, method: WithdrawalMethod) -> tuple[Decimal | None, str]:
        if not self.quotes:
            return None, "spread not published: pass offered_rate or spread to quote it"
        spread = self._spread_against(method, None)
        if spread is None:
            return None, "spread not published; not the best even with no spread"
        rate = self.reference_rate.with_spread(spread).rate
        return spread, (
            f"spread not published; the best choice up to a {short_percent(spread)} spread "
            f"(an offered rate of at least {rate.normalize(CONTEXT):f})"
        )

    def rows(self) -> list[dict[str, object]]:
        """Return the rows of :meth:`to_records` with money kept as :class:`~upwork_safety.Money`.

        The same keys and order; ``received``, ``fees``, ``tax`` and
        ``cost_vs_reference`` are ``Money`` (each with its currency), the
        other values are as :meth:`to_records` gives them before flattening.
        For writers that keep the currency with each amount, such as
        ``python -m upwork_safety withdraw --json``::

            >>> from datetime import date
            >>> from upwork_safety import ExchangeRate, Money, fees
            >>> rate = ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2))
            >>> best = fees.compare_withdrawals(Money("500", "USD"), reference_rate=rate).rows()[0]
            >>> best["method"], best["received"].currency
            ('Payoneer', 'PKR')
        """
        return self._rows(None)

    def _rows(self, locale: str | None) -> list[dict[str, object]]:
        def money(value: Money) -> object:
            return value if locale is None else fmt(value, locale)

        rows: list[dict[str, object]] = [
            {
                "method": quote.method.name,
                "received": money(quote.received),
                "fees": money(quote.total_fees),
                "spread": _shown_spread(quote),
                "rate_basis": quote.rate_basis,
                "tax": money(quote.tax),
                "cost_vs_reference": money(quote.cost_vs_reference),
                "cost_percent": quote.cost_percent,
                "effective_rate": quote.effective_rate,
                "business_days": _days_text(quote.method.business_days),
                "break_even_spread": None,
                "note": ", ".join(quote.method.unconfirmed) + " unconfirmed"
                if quote.method.unconfirmed
                else "",
            }
            for quote in self.quotes
        ]
        empty = dict.fromkeys(
            (
                "received",
                "fees",
                "spread",
                "rate_basis",
                "tax",
                "cost_vs_reference",
                "cost_percent",
                "effective_rate",
            )
        )
        for method in self.unpriced:
            spread, note = self._unpriced_note(method)
            rows.append(
                {
                    "method": method.name,
                    **empty,
                    "business_days": _days_text(method.business_days),
                    "break_even_spread": spread,
                    "note": note,
                }
            )
        rows.extend(
            {
                "method": skipped.method.name,
                **empty,
                "business_days": None,
                "break_even_spread": None,
                "note": f"skipped: {skipped.reason}",
            }
            for skipped in self.skipped
        )
        return rows

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per method: ranked best first, then unpriced, then skipped.

        ``spread`` is a ranked quote's spread as given or published
        (``0.02``); one derived from an offered rate is shown to 0.0001%
        (six decimal places, half up), the grid ``break_even_spread`` is
        given on, while the quote's own ``spread`` stays exact.
        ``business_days`` is a range (``"1–7"``), or one number (``"2"``)
        when both ends are the same.

        Args:
            locale: When given (e.g. ``"en_PK"``), money is formatted for it
                with babel; otherwise money is its ``Decimal`` amount.
        """
        chosen = check_locale(locale)
        return [
            {key: _render.plain(value) for key, value in row.items()} for row in self._rows(chosen)
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.rows(),
            caption=f"Withdrawing {self.amount} at {self.reference_rate.rate.normalize(CONTEXT):f}",
        )

    def summary(self, *, locale: str) -> str:
        """Return one line per method, best first, money formatted for *locale*."""
        locale = summary_locale(locale)
        lines = [
            f"{q.method.name}: {q.received.format(locale=locale)} "
            f"(costs {q.cost_vs_reference.format(locale=locale)}, {q.cost_percent}%)"
            for q in self.quotes
        ]
        lines.extend(f"{m.name}: {self._unpriced_note(m)[1]}" for m in self.unpriced)
        lines.extend(f"{s.method.name}: skipped, {s.reason}" for s in self.skipped)
        return "\n".join(lines)


def _days_text(days: tuple[int, int]) -> str:
    """A method's business days for a table: ``"1–7"``, or ``"2"`` when both ends are one."""
    low, high = days
    return str(low) if low == high else f"{low}–{high}"


def _shown_spread(quote: WithdrawalQuote) -> Decimal:
    """A quote's spread for a table: a derived one on the grid of the break-even spreads.

    A spread given (``spreads=``) or published (``0.02``) is shown as it is,
    however many places it has.  One derived from an offered rate
    (``1 - 277.60/280.35``) runs to 18 places, and is rounded half up to
    0.0001% (:data:`SPREAD_STEP`), beside the ``break_even_spread`` column on
    the same grid; a derived spread below half of that step shows as 0.
    ``quote.spread`` itself stays exact.
    """
    if quote.rate_basis is not RateBasis.OFFERED:
        return quote.spread
    return round_half_up(quote.spread, _SPREAD_PLACES)


def _largest_spread(
    method: WithdrawalMethod,
    amount: Money,
    reference: ExchangeRate,
    tax_rate: Decimal,
    target: Money,
) -> Decimal | None:
    """The largest spread on the grid at which *method* still delivers at least *target*."""

    def received(spread: Decimal) -> Money:
        if not round_half_up(
            CONTEXT.multiply(reference.rate, CONTEXT.subtract(ONE, spread)), MAX_DIGITS
        ):
            # A rate that rounds to nothing at 18 places delivers nothing (and
            # is no ExchangeRate): never an error about a rate nobody built.
            return Money.zero(target.currency)
        path = Route(method, reference, reference.with_spread(spread), RateBasis.SPREAD, tax_rate)
        return path.received(amount)

    if received(ZERO) < target:
        return None
    # The conversion rounds half up, so the converted amount reaches c when
    # the unrounded amount reaches c less half a minor unit; the smallest c
    # whose after-tax amount reaches the target gives the exact spread, on
    # the grid after flooring.  The checks below make it exact whatever the
    # rounding of the applied rate.
    at_reference = Route(method, reference, reference, RateBasis.SPREAD, tax_rate).outcome(amount)
    left = at_reference.left
    currency = target.currency
    low, high = units(target), units(at_reference.converted)

    def after_tax(cents: int) -> Money:
        converted = from_units(cents, currency)
        return converted - rate_of(converted, tax_rate)

    # the smallest converted amount whose after-tax amount reaches the target
    smallest = first_reaching(lambda cents: after_tax(cents) >= target, low, max(high, low))
    # The method delivers the target at the reference rate (checked above), so at *high*.
    assert smallest is not None
    half = from_units(1, currency).amount / 2
    needed = from_units(smallest, currency).amount - half
    bound = ONE - needed / (left.amount * reference.rate)
    steps = min(math.floor(bound.scaleb(_SPREAD_PLACES)), 10**_SPREAD_PLACES - 1)
    steps = max(steps, 0)

    def spread_at(count: int) -> Decimal:
        return _trimmed(Decimal(count).scaleb(-_SPREAD_PLACES))

    while steps > 0 and received(spread_at(steps)) < target:
        steps -= 1
    while steps + 1 < 10**_SPREAD_PLACES and received(spread_at(steps + 1)) >= target:
        steps += 1
    return spread_at(steps)


def _trimmed(value: Decimal) -> Decimal:
    """*value* without trailing zeros: ``0.020990`` → ``0.02099`` (and never ``2E+2``)."""
    if value == value.to_integral_value():
        return value.quantize(ONE)
    return value.normalize(CONTEXT)


def _keyed(
    value: object, what: str, methods: tuple[WithdrawalMethod, ...]
) -> dict[int, tuple[str, object]]:
    """A ``{method or key: value}`` argument, as ``{index in methods: (name, value)}``.

    The name is the entry as the caller keyed it (``offered_rates['payoneer']``),
    for the errors about its value.  Each method takes one entry: a second
    one (by key, by name or by the method itself) is refused naming both,
    and so is a key that names two methods, never "last wins".  The methods
    are indexed once, so matching is linear in the entries and the methods.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"{what} must map methods (or their keys) to values, not {type(value).__name__}",
            field=what,
            rule="a mapping of methods",
        )
    by_text: dict[str, list[int]] = {}
    by_name: dict[str, int] = {}
    for index, method in enumerate(methods):
        for text in {method.key.casefold(), method.name.casefold()}:
            by_text.setdefault(text, []).append(index)
        by_name[method.name] = index  # names are unique (_each_once)
    found: dict[int, tuple[str, object]] = {}
    for key, item in value.items():
        name, matches = _matching(key, what, methods, by_text, by_name)
        if not matches:
            keys = ", ".join(shown(m.key, 60) for m in methods[:ITEMS])
            more = ", …" if len(methods) > ITEMS else ""
            raise InvalidValueError(
                f"{name} names no method being compared; key it by one of {keys}{more}",
                field=name,
                rule="a compared method",
            )
        if len(matches) > 1:
            both = " and ".join(shown(methods[i].name, 60) for i in matches[:2])
            raise InvalidValueError(
                f"{name} names more than one method being compared ({both}): key it by "
                "the method itself or its name",
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
    return found


def _matching(
    key: object,
    what: str,
    methods: tuple[WithdrawalMethod, ...],
    by_text: dict[str, list[int]],
    by_name: dict[str, int],
) -> tuple[str, list[int]]:
    """The entry's name as the caller keyed it, and the indices of the methods *key* names."""
    if isinstance(key, WithdrawalMethod):
        at = by_name.get(key.name)
        return f"{what}[<WithdrawalMethod {shown(key.key, 60)}>]", (
            [at] if at is not None and methods[at] == key else []
        )
    if isinstance(key, str):
        return f"{what}[{shown(key, 60)}]", by_text.get(key.strip().casefold(), [])
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
        reference_rate: The reference rate every quote is measured against.
        methods: The methods to compare (default :data:`PAKISTAN_METHODS`):
            a sequence of methods or preset keys, never a single one.
        tax_rate: As :func:`quote_withdrawal` (default the s.154A rate in force).
        pseb_registered: As :func:`quote_withdrawal`.
        on: As :func:`quote_withdrawal`.
        offered_rates: The rate each method offers, keyed by method or key,
            e.g. ``{"direct_to_local_bank": ExchangeRate("USD", "PKR", "277.20")}``.
        spreads: The spread to assume for a method, keyed by method or key.

    Returns:
        A :class:`WithdrawalComparison`.

    Raises:
        InvalidValueError: An amount not above zero, an unknown method, a
            method listed twice (by name), a bad rate, a method given
            both an offered rate and a spread, a method given two entries
            in *offered_rates* or *spreads* (say by key and by name), or a
            key there that names two methods.
        InvalidTypeError: *methods* is not a sequence, or another
            wrong-typed argument.
        CurrencyMismatchError: A rate in the wrong direction or currency
            for a usable method.
    """
    money = balance_arg(amount)
    reference_rate = reference_arg(reference_rate, money.currency)
    listed = PAKISTAN_METHODS if isinstance(methods, Default) else methods
    entries: tuple[WithdrawalMethod | str, ...] = sequence_of(
        listed, (WithdrawalMethod, str), "methods"
    )
    chosen = tuple(resolve_method(entry, f"methods[{i}]") for i, entry in enumerate(entries))
    _each_once(chosen, [f"methods[{i}]" for i in range(len(chosen))])
    offered = _keyed(offered_rates, "offered_rates", chosen)
    given = _keyed(spreads, "spreads", chosen)
    day = optional_day(on, "on")
    tax = tax_in_force(tax_rate, pseb_registered=pseb_registered, on=day, reference=reference_rate)
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
    # Checked with each usable method above; here too when every method was skipped.
    reference_from(reference_rate, money.currency)
    return WithdrawalComparison(
        amount=money,
        reference_rate=reference_rate,
        tax_rate=tax,
        quotes=tuple(sorted(quotes, key=_by_received)),
        unpriced=tuple(unpriced),
        skipped=tuple(skipped),
    )
