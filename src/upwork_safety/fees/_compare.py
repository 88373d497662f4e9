"""Comparing withdrawal methods: the comparison, its rows, the methods left out (private).

A :class:`WithdrawalComparison` holds the quotes best first, the methods
whose exchange-rate markup is not published and those skipped
(:class:`SkippedMethod`), each as :func:`compare_withdrawals`
(``_ranking``) lists them, and renders them as rows.  For a method whose
markup is not published it answers
:meth:`WithdrawalComparison.break_even_spread`: the markup up to which it
would still be the best choice (searched in ``_spread_search``).
:func:`~upwork_safety.fees.break_even` (:mod:`._break_even`) finds the
balance above which one method overtakes another.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import (
    TYPE_CHECKING,
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
)

import attrs

from upwork_safety import _render
from upwork_safety._decimals import CONTEXT, within_limits
from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import (
    as_tuple,
    instance,
    items_field,
    sequence_of,
    shown_text_field,
)
from upwork_safety._wallets import refuse_wallet
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidValueError,
)
from upwork_safety.fees._common import (
    MethodNames,
    check_locale,
    fmt,
    from_units,
    listed,
    rate_arg,
    resolve_method,
    short_percent,
    summary_locale,
)
from upwork_safety.fees._route import (
    RateBasis,
    balance_arg,
    delivers,
    method_field,
    reference_from,
    unusable,
    usable_method,
)
from upwork_safety.fees._spread_search import (
    _SPREAD_PLACES,
    _largest_spread,
    _trimmed,
)
from upwork_safety.fees._withdrawal import WithdrawalQuote
from upwork_safety.money import (
    ExchangeRate,
    Money,
    exact,
    plain_money,
    round_half_up,
)
from upwork_safety.rules import WithdrawalMethod

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "SkippedMethod",
    "WithdrawalComparison",
]

RateLike = Decimal | int | str


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
    reason: str = attrs.field(converter=plain_text, validator=shown_text_field)


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
    usable_method(method, field, advice="list it as skipped")
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
            from the amount's currency, with its day (``as_of``).
        tax_rate: The income tax rate every quote withholds, a fraction
            from 0 below 1 (``Decimal("0.01")``, ``"0.01"`` or ``"1%"``).
        quotes: One quote per method whose cost is known, most received first.
        unpriced: The methods that could take the amount but whose
            exchange-rate markup is not published and was not given: see
            :meth:`break_even_spread`.
        skipped: Every method that could not be quoted, with the reason.

    Raises:
        InvalidValueError: A reference rate without its ``as_of``
            (``field='WithdrawalComparison.reference_rate.as_of'``), an
            amount not above zero or below the cent, a
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
            f"<WithdrawalComparison {self.amount} at {self._rate_text}: {head}; "
            f"{len(self.quotes)} ranked, {len(self.unpriced)} unpriced, "
            f"{len(self.skipped)} skipped>"
        )

    @property
    def _rate_text(self) -> str:
        """The reference rate as given (``280.10``, not ``280.1``), for the repr and the table."""
        return f"{self.reference_rate.rate:f}"

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
        """*method* (a method, or text naming one by :class:`MethodNames`) and its quote."""
        weighed = [*(q.method for q in self.quotes), *self.unpriced]
        compared = [*weighed, *(s.method for s in self.skipped)]
        if isinstance(method, str):
            named = [compared[i] for i in MethodNames(compared).indices(method)]
        else:
            wanted = resolve_method(method, "method")
            named = [m for m in compared if m == wanted]
        if len(named) > 1:
            raise InvalidValueError(
                f"{shown(method)} names {len(named)} of the compared methods; name one in "
                f"full: {listed(named)}",
                field="method",
                rule="a compared method",
            )
        chosen = named[0] if named else None
        quote = next((q for q in self.quotes if q.method == chosen), None)
        if quote is not None:
            return quote.method, quote
        if chosen is not None and chosen in self.unpriced:
            return chosen, None
        if chosen is None:
            refuse_wallet(method, "method")  # JazzCash: not a method Upwork withdraws to
        known = listed(weighed) or "none"
        quoted = shown(method) if isinstance(method, (str, WithdrawalMethod)) else "it"
        reason = next((s.reason for s in self.skipped if s.method == chosen), "")
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
        step = from_units(1, best_rival.currency)
        # The digit limit's one test (_decimals.within_limits), not a copy of it.
        if not within_limits(CONTEXT.add(best_rival.amount, step.amount)):
            # The rival receives the most any amount may hold: nothing is more
            # (red team r43 F3's class: Money's + refused the target, as "sum").
            return None
        target = best_rival + step
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
        least = _render.rate_at_least(self.reference_rate.with_spread(spread))
        return spread, (
            f"spread not published; the best choice up to a {short_percent(spread)} spread "
            f"(an offered rate of at least {least})"
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
        rows = [quote_row(quote, locale) for quote in self.quotes]
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
        when both ends are the same.  ``currency`` is the currency of
        ``received``, ``tax`` and ``cost_vs_reference`` (the reference rate's
        quote currency, PKR for a bank in Pakistan) and ``fees_currency``
        that of ``fees`` (the balance's, USD); both are ``None`` on a row
        without amounts.

        Args:
            locale: When given (e.g. ``"en_PK"``), money is formatted for it
                with babel; otherwise money is its ``Decimal`` amount.
        """
        chosen = check_locale(locale)
        quotes = iter(self.quotes)  # the ranked rows come first, one per quote
        return [
            flat_record(row, next(quotes) if row["received"] is not None else None)
            for row in self._rows(chosen)
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.rows(),
            caption=f"Withdrawing {self.amount} at {self._rate_text}",
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


def quote_row(quote: WithdrawalQuote, locale: str | None) -> dict[str, object]:
    """A quote's row of a comparison, money kept (no *locale*) or formatted for it.

    The one place a quote's columns are named: :meth:`WithdrawalComparison.to_records`
    and :func:`~upwork_safety.fees.to_records` both read it, so a cost is
    positive in both (newcomer r42 6).
    """

    def money(value: Money) -> object:
        return value if locale is None else fmt(value, locale)

    return {
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


def flat_record(row: dict[str, object], quote: WithdrawalQuote | None) -> dict[str, object]:
    """*row* with plain values, ending with its quote's ``currency`` and ``fees_currency``."""
    record = {key: _render.plain(value) for key, value in row.items()}
    record["currency"] = None if quote is None else quote.received.currency
    record["fees_currency"] = None if quote is None else quote.total_fees.currency
    return record


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


@exact
def to_records(
    quotes: Iterable[WithdrawalQuote], *, locale: str | None = None
) -> list[dict[str, object]]:
    """Return one flat dict per withdrawal quote, in the order given: a table of withdrawals.

    For a year of withdrawals, one row each (a quote's own
    :meth:`~WithdrawalQuote.to_records` is one row per *step*).  The
    columns are :meth:`WithdrawalComparison.to_records`'s, with ``sent``
    (the balance withdrawn, fees included, in ``fees_currency``) after
    ``method``; ``break_even_spread`` is ``None``.  Costs are signed as in
    a comparison and on the quote's attributes: ``fees``, ``tax`` and
    ``cost_vs_reference`` are positive when they cost you (a gain against
    the reference is negative); only the itemised steps show them negative,
    as amounts taken out on the way.

    >>> from datetime import date
    >>> from upwork_safety import ExchangeRate, Money, fees
    >>> ref = ExchangeRate("USD", "PKR", "280", as_of=date(2026, 1, 1))
    >>> quote = fees.quote_withdrawal(Money("500", "USD"), fees.PAYONEER, reference_rate=ref)
    >>> row = fees.to_records([quote])[0]
    >>> row["method"], row["sent"], row["cost_vs_reference"], row["currency"]
    ('Payoneer', Decimal('500'), Decimal('4715.31'), 'PKR')

    Args:
        quotes: :class:`WithdrawalQuote` values (a comparison's, or quotes
            of past withdrawals), at most 200,000.
        locale: When given (e.g. ``"en_PK"``), money is formatted for it
            with babel; otherwise money is its ``Decimal`` amount.

    Raises:
        InvalidTypeError: *quotes* is not a sequence of
            :class:`WithdrawalQuote` (a ``set`` is refused, rule ``"an
            ordered sequence"``: the rows keep the order given), or
            *locale* is not a ``str``.
        InvalidValueError: *quotes* holds more than 200,000 quotes.
    """
    chosen = check_locale(locale)
    records = []
    for quote in sequence_of(quotes, WithdrawalQuote, "quotes", ordered="the order of the rows"):
        row = quote_row(quote, chosen)
        sent = quote.sent if chosen is None else fmt(quote.sent, chosen)
        row = {"method": row.pop("method"), "sent": sent, **row}
        records.append(flat_record(row, quote))
    return records
