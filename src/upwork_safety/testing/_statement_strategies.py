"""Strategies for statements: rows of a freelancer's Upwork exports (private).

Public through :mod:`upwork_safety.testing.strategies`.  Hours are whole
billing segments of the platform rules in force on the row's day, read from
:func:`upwork_safety.rules.as_of`, and amounts stay below
:data:`upwork_safety.statements.MAX_AMOUNT`, as the constructor requires.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from hypothesis import strategies as st

from upwork_safety import rules, statements
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import CONTEXT, Money, minor_unit, to_decimal
from upwork_safety.statements import Transaction, TransactionKind
from upwork_safety.testing._arguments import _refuse, _units
from upwork_safety.testing._scalar_strategies import _numbered, amounts, dates, money

if TYPE_CHECKING:
    from collections.abc import Iterable

_HOUR = timedelta(hours=1)
_WEEK = timedelta(weeks=1)
#: The places Upwork writes hours to (``0.33333`` is 20 minutes).
_HOUR_PLACES = Decimal("0.00001")
#: Line 1 of an export is its header, so a row is on line 2 or later.
_FIRST_ROW = 2


def transactions(
    *,
    kinds: Iterable[TransactionKind] | None = None,
    max_value: Decimal | int | str = "10000",
) -> st.SearchStrategy[Transaction]:
    """:class:`~upwork_safety.statements.Transaction` rows, as ``statements.parse`` gives them.

    A row of one of *kinds* (default: every
    :class:`~upwork_safety.statements.TransactionKind`), on a day of
    :func:`dates`, on line 2 (after the header) or later, of up to
    *max_value* US dollars in whole cents, signed as the exports sign
    them: earnings (:data:`~upwork_safety.statements.INCOME_KINDS`)
    positive, fees, withdrawals, refunds, connects, subscriptions and
    taxes negative, payments and miscellaneous rows either way.  Hourly rows
    may carry hours, a whole number of the billing segments in force that
    day written to five places as Upwork writes them (``0.33333``); rows may
    carry an id, a running balance, a client, a contract and its id, a PKR
    amount and an exchange rate, and a service fee may name the row it was
    charged on.  The running balances of several rows are not kept
    consistent: these are rows, not a statement.

    >>> from hypothesis import find, settings
    >>> from upwork_safety.statements import TransactionKind
    >>> from upwork_safety.testing import strategies as us
    >>> row = find(us.transactions(kinds=[TransactionKind.SERVICE_FEE]), lambda t: True,
    ...            settings=settings(database=None))
    >>> row.kind, row.amount.amount < 0
    (<TransactionKind.SERVICE_FEE: 'service_fee'>, True)

    Raises:
        InvalidTypeError: *kinds* holds something else than a
            ``TransactionKind`` (``field`` is ``kinds[i]``), or *max_value*
            is a float or not a number.
        InvalidValueError: *kinds* is empty, or *max_value* is below a cent,
            not whole cents, or not below ``statements.MAX_AMOUNT``.
    """
    chosen = tuple(TransactionKind) if kinds is None else _kinds(kinds)
    top = to_decimal(max_value, "max_value")
    cents = _units(top, minor_unit("USD"), "max_value", "cents")
    if cents < 1:
        _refuse("max_value", f"must be at least a cent, got {max_value}", "at least a cent")
    if top >= statements.MAX_AMOUNT:
        _refuse(
            "max_value",
            f"must be below statements.MAX_AMOUNT ({statements.MAX_AMOUNT:,}), got {max_value}",
            "below statements.MAX_AMOUNT",
        )
    return _transactions(chosen, top)


def _kinds(kinds: object) -> tuple[TransactionKind, ...]:
    if isinstance(kinds, (str, bytes)) or not hasattr(kinds, "__iter__"):
        raise InvalidTypeError(
            f"kinds must be TransactionKind members (a list, a set...), not {type(kinds).__name__}",
            field="kinds",
            rule="TransactionKind members",
        )
    found = tuple(cast("Iterable[object]", kinds))
    checked: list[TransactionKind] = []
    for index, kind in enumerate(found):
        if not isinstance(kind, TransactionKind):
            raise InvalidTypeError(
                f"kinds[{index}] must be a TransactionKind, not {type(kind).__name__}",
                field=f"kinds[{index}]",
                rule="a TransactionKind",
            )
        checked.append(kind)
    if not found:
        _refuse("kinds", "must name at least one TransactionKind", "at least one kind")
    return tuple(dict.fromkeys(checked))


def _hours(on: date, steps: int) -> Decimal:
    """*steps* billing segments in force *on*, in hours as Upwork writes them."""
    segment = rules.as_of(on).hourly_segment
    exact = CONTEXT.divide(Decimal(steps * (segment // timedelta(seconds=1))), Decimal(3600))
    written = exact.quantize(_HOUR_PLACES, context=CONTEXT)
    return exact if exact == written else written


def _sign(kind: TransactionKind, amount: Money, negative: bool) -> Money:  # noqa: FBT001
    # The exports' signs: earnings positive, money taken from the balance
    # (statements.OUTGOING_KINDS) negative, the rest either way.
    if kind in statements.INCOME_KINDS:
        return amount
    if kind in statements.OUTGOING_KINDS:
        return -amount
    return -amount if negative else amount


@functools.cache
def _transactions(
    kinds: tuple[TransactionKind, ...], top: Decimal
) -> st.SearchStrategy[Transaction]:
    return _transaction(kinds, top)


@st.composite
def _transaction(draw: st.DrawFn, kinds: tuple[TransactionKind, ...], top: Decimal) -> Transaction:
    kind = draw(st.sampled_from(kinds))
    on = draw(dates())
    amount = _sign(kind, draw(money("USD", min_value="0.01", max_value=top)), draw(st.booleans()))
    hours = None
    if kind is TransactionKind.HOURLY and draw(st.booleans()):
        per_week = _WEEK // rules.as_of(on).hourly_segment
        hours = _hours(on, draw(st.integers(0, per_week)))
    related = None
    if kind is TransactionKind.SERVICE_FEE:
        related = draw(st.none() | _numbered("9000", 99))
    local = draw(st.none() | money("PKR", max_value="3000000"))
    rate = None if local is None else draw(amounts(min_value="100", max_value="400", places=4))
    return Transaction(
        line=draw(st.integers(_FIRST_ROW, statements.MAX_LINES)),
        on=on,
        kind=kind,
        amount=amount,
        id=draw(st.none() | _numbered("8000", 9999)),
        type_text=kind.value.replace("_", " ").title(),
        description=draw(st.sampled_from(["", "Invoice for 2024-01-01", "Logo design"])),
        balance=draw(st.none() | money("USD", max_value=top)),
        client=draw(st.sampled_from(["", "Acme", "Studio Noor"])),
        contract=draw(st.sampled_from(["", "Logo design", "Data pipeline"])),
        contract_id=draw(st.none() | _numbered("3810000", 99)),
        related_id=related,
        hours=hours,
        local_amount=local,
        exchange_rate=rate,
        extra=draw(st.sampled_from([(), (("Activity ID", "1234"),)])),
    )
