"""What every part of the fees package shares (private): exact arithmetic, argument checks, reports.

* Every public function here wears ``exact`` (:mod:`upwork_safety.money`):
  it runs in the library's decimal context, so a caller's
  ``decimal.getcontext().prec = 6`` never changes a cent.
* The argument checks name the argument at fault and the rule it breaks.
* :class:`Steps` renders the reports made of ``(step, amount, note)``
  lines (quotes, payouts, service fees) for notebooks and pandas.
"""

from __future__ import annotations

import abc
import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety import _render
from upwork_safety._amount_fields import check_money, more_than_zero
from upwork_safety._decimals import CONTEXT, fraction
from upwork_safety._display import shown
from upwork_safety._moments import utc_day
from upwork_safety._render import percent
from upwork_safety._validate import optional_instance
from upwork_safety._wallets import refuse_wallet
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.money import (
    MAX_DIGITS,
    Money,
    explicit_locale,
    require_money,
    round_half_up,
)
from upwork_safety.rules import PAKISTAN_METHODS, WithdrawalMethod

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date


ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class Default:
    """A default argument that stands for a preset, shown by its name in ``help()``.

    ``compare_withdrawals(methods=PAKISTAN_METHODS)`` would print every
    method in full in the signature; this prints ``PAKISTAN_METHODS``.
    """

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


#: The default of every ``methods=`` argument: :data:`PAKISTAN_METHODS`.
ALL_METHODS = Default("PAKISTAN_METHODS")


def rate_arg(value: object, what: str) -> Decimal:
    """A rate argument: the library's one rule (``Decimal("0.02")``, ``"0.02"`` or ``"2%"``)."""
    return fraction(value, what)


def optional_rate(value: object, what: str) -> Decimal | None:
    """:func:`rate_arg`, or ``None``."""
    return None if value is None else fraction(value, what)


def day_arg(value: object, what: str) -> date:
    """A date, or an aware datetime's UTC date."""
    return utc_day(value, what)


def optional_day(value: object, what: str) -> date | None:
    """:func:`day_arg`, or ``None``."""
    return None if value is None else utc_day(value, what)


def money_arg(
    value: object,
    what: str,
    currency: str,
    *,
    why: str = "",
    field: str | None = None,
    positive: bool = False,
) -> Money:
    """Non-negative :class:`Money` in *currency*, or an error naming *what*.

    Args:
        value: The argument.
        what: Its name, for the message.
        currency: The currency it must be in.
        why: Why that currency, for the message (e.g. "the service fee is
            charged on USD").
        field: The error's ``field``, when *what* is words rather than the
            path of the value (``"payment on 2025-01-31"`` is the value at
            ``Contract.payments[0].amount``); default *what*.
        positive: Refuse zero as well, by the one "more than zero" rule
            (:func:`~upwork_safety._amount_fields.more_than_zero`, a negative
            amount too), not "not negative".
    """
    path = what if field is None else field
    money = require_money(value, path)
    if money.currency != currency:
        because = f": {why}" if why else ""
        raise CurrencyMismatchError(
            f"{what} is in {money.currency}, not {currency}{because}",
            field=path,
            rule=f"in {currency}",
        )
    if positive:
        return more_than_zero(money, path)  # rule MORE_THAN_ZERO for -0.01, -0.00 and 0 alike
    return check_money(money, path)  # the one "not negative" rule, which refuses -0.00 too


def units(money: Money) -> int:
    """*money* in whole minor units (cents), for searches over cents."""
    return int(money.amount.scaleb(money.minor_unit, context=CONTEXT))


def units_up(amount: Decimal, currency: str) -> int:
    """The smallest whole number of minor units of *currency* not below *amount*."""
    return math.ceil(amount.scaleb(Money.zero(currency).minor_unit, context=CONTEXT))


def from_units(count: int, currency: str) -> Money:
    """*count* minor units of *currency* as Money."""
    return Money(Decimal(count).scaleb(-Money.zero(currency).minor_unit, context=CONTEXT), currency)


def most_units(currency: str) -> int:
    """The largest count of minor units of *currency* a :class:`Money` holds.

    :data:`~upwork_safety.money.MAX_DIGITS` digits before the point and the
    currency's minor unit after it: 99,999,999,999,999,999,999 cents.
    """
    # An int power: exact whatever the decimal context (a negative exponent is impossible).
    limit: int = 10 ** (MAX_DIGITS + Money.zero(currency).minor_unit)
    return limit - 1


def first_reaching(reaches: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest whole number from *low* to *high* for which *reaches* holds, or ``None``.

    *reaches* must never stop holding as the count grows (every fee and tax
    is a fraction below 1 of what it is charged on), so halving finds it.
    The answer is usually near *low*, so the range is first widened from
    *low* by doubling, but never past *high*: no count above *high* is ever
    probed (callers pass the largest amount they can hold).  ``None`` means
    *reaches* does not hold even at *high*.
    """
    if low > high:
        return None
    top = low
    while not reaches(top):
        if top >= high:
            return None
        low = top + 1
        top = min(top * 2 + 1, high)
    while low < top:
        middle = (low + top) // 2
        if reaches(middle):
            top = middle
        else:
            low = middle + 1
    return low


def ratio_percent(part: Money, whole: Money, places: int = 2) -> Decimal:
    """*part* as a percent of *whole*, rounded half up to *places* (0 when *whole* is zero)."""
    if not whole.amount:
        return ZERO
    exact_ratio = CONTEXT.divide(CONTEXT.multiply(part.amount, HUNDRED), whole.amount)
    return round_half_up(exact_ratio, places)


#: A name's last part in parentheses, which Upwork's pages and these docs leave out
#: ("Direct to Local Bank (PKR)" is "Direct to Local Bank" there).
_QUALIFIER = re.compile(r" \([^()]*\)$")


def _bare(name: str) -> str:
    """*name* without a last part in parentheses: ``Direct to Local Bank (PKR)`` → ``… Bank``."""
    return _QUALIFIER.sub("", name)


class MethodNames:
    """The one rule for naming one of *methods* by text.

    A method is named by its ``key`` or its ``name`` first; only when no
    method's key or name is the text does a name without its last part in
    parentheses count (``"Direct to Local Bank"`` for ``"Direct to Local
    Bank (PKR)"``, as Upwork's pages and the docs write it).  Case and the
    text's outer spaces are not compared.  Used by :func:`resolve_method`
    (among the presets), the mappings keyed by method
    (``compare_withdrawals(spreads=...)``) and
    ``WithdrawalComparison.break_even_spread`` (among the compared
    methods).  The methods are indexed once, so each look-up is a dict's.
    """

    __slots__ = ("_bare", "_exact")

    def __init__(self, methods: Iterable[WithdrawalMethod]) -> None:
        self._exact: dict[str, list[int]] = {}
        self._bare: dict[str, list[int]] = {}
        for index, method in enumerate(methods):
            for text in {method.key.casefold(), method.name.casefold()}:
                self._exact.setdefault(text, []).append(index)
            self._bare.setdefault(_bare(method.name).casefold(), []).append(index)

    def indices(self, text: str) -> list[int]:
        """The indices of the methods *text* names: one, none, or (ambiguous) several."""
        wanted = text.strip().casefold()
        return list(self._exact.get(wanted) or self._bare.get(wanted, []))


def listed(methods: Iterable[WithdrawalMethod], limit: int = 60) -> str:
    """*methods* as a refusal lists them, each by its name and its key.

    The one listing of methods in the refusals that ask for one by text
    (:func:`resolve_method`, the keyed mappings of ``compare_withdrawals``),
    so a caller sees the same two ways to name each.
    """
    return ", ".join(f"{shown(m.name, limit)} (key {shown(m.key, limit)})" for m in methods)


def resolve_method(entry: object, what: str) -> WithdrawalMethod:
    """A :class:`WithdrawalMethod`, or the preset *entry* names.

    A preset is named by text as :class:`MethodNames` says: its ``key`` or
    its ``name``, else its name without a last part in parentheses, as
    Upwork's pages and the docs write it (``"Direct to Local Bank"``) when
    no other preset's is the same (newcomer r27 5); case is not compared.
    The refusal lists each preset by its name and its key.
    """
    if isinstance(entry, WithdrawalMethod):
        return entry
    if not isinstance(entry, str):
        raise InvalidTypeError(
            f"{what} must be a WithdrawalMethod or a preset's key, not {type(entry).__name__}",
            field=what,
            rule="a WithdrawalMethod or its key",
        )
    named = MethodNames(PAKISTAN_METHODS).indices(entry)
    if len(named) == 1:
        return PAKISTAN_METHODS[named[0]]
    if not named:
        refuse_wallet(entry, what)  # JazzCash: not a method, and the route to model instead
    known = listed(PAKISTAN_METHODS)
    said = (
        f"withdrawal method {shown(entry)} names {len(named)} methods; name one in full"
        if named
        else f"unknown withdrawal method {shown(entry)}"
    )
    raise InvalidValueError(
        f"{said}; known methods, by name or key: {known}",
        field=what,
        rule="a known withdrawal method",
    )


def fmt(value: Money, locale: str | None) -> object:
    """*value* as a plain ``Decimal`` (no locale) or text formatted for *locale*."""
    return _render.plain(value) if locale is None else value.format(locale=locale)


def check_locale(locale: object) -> str | None:
    """``None`` or a locale name; anything else is refused before any formatting."""
    return optional_instance(locale, str, "locale", rule="a locale name such as 'en_PK', or None")


def summary_locale(locale: object) -> str:
    """The locale a ``summary()`` was given: a name; ``None`` or another type is refused."""
    return explicit_locale(locale, "summary")


def short_percent(rate: Decimal) -> str:
    """*rate* (a fraction) as a percentage with at most 4 decimals: ``0.00946…`` → ``0.9464%``."""
    return percent(round_half_up(rate, 6))


class Steps(abc.ABC):
    """Rendering shared by reports made of ``(step, amount, note)`` lines."""

    __slots__ = ()

    @abc.abstractmethod
    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""

    @abc.abstractmethod
    def _caption(self) -> str: ...

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per step (``step``, ``amount``, ``currency``, ``note``).

        Each amount is signed by what the step does to the money on its way
        to you, as in :meth:`lines`: fees, tax and costs are negative here,
        while the same costs named as values (attributes, a comparison's
        columns, :func:`~upwork_safety.fees.to_records`) are positive.

        Args:
            locale: When given (e.g. ``"en_PK"``, ``"ur_PK"``), amounts are
                formatted for it with babel; otherwise they are ``Decimal``.
        """
        chosen = check_locale(locale)
        return [
            {"step": step, "amount": fmt(money, chosen), "currency": money.currency, "note": note}
            for step, money, note in self.lines()
        ]

    def _repr_html_(self) -> str:
        rows = [{"step": s, "amount": m, "note": n} for s, m, n in self.lines()]
        return _render.html_table(rows, caption=self._caption())

    def summary(self, *, locale: str) -> str:
        """Return the steps as lines of text with money formatted for *locale*."""
        locale = summary_locale(locale)
        return "\n".join(
            f"{step}: {money.format(locale=locale)}" for step, money, _ in self.lines()
        )
