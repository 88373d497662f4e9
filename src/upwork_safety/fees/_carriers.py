"""An amount argument's type, judged first, and the library's values that carry an amount (private).

The fee functions take an amount (:class:`~upwork_safety.money.Money`) and
its day; some of the library's own values carry both, such as an hourly
week's :class:`~upwork_safety.hourly.WeeklyInvoice`.  They are not taken as
an amount: the engines do not import one another (DESIGN.md, "Layers"), and
the value's own attributes are its one source of truth for its dates, so the
error says how to pass them, with the value's own attribute names (review
r37, newcomer 4).  A test checks every name in :data:`CARRIERS` against the
real class.
"""

from __future__ import annotations

from typing import NamedTuple

from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import Money, require_money

__all__ = ["CARRIERS", "Carrier", "amount_type", "carrier_of"]


class Carrier(NamedTuple):
    """How one of the library's values that carries an amount and its dates is passed."""

    #: The name the hint calls the value by.
    name: str
    #: The attribute holding the moment it is charged (its ``on=``).
    charged: str
    #: The expression giving the first day it can be withdrawn (its ``available_on=``).
    available: str


#: The library's values that carry an amount and its dates, by package and class name.
CARRIERS: dict[tuple[str, str], Carrier] = {
    ("hourly", "WeeklyInvoice"): Carrier("inv", "invoiced_at", "inv.available_at.date()"),
    ("hourly", "WeeklyPayment"): Carrier("pay", "invoiced_at", "pay.available_at.date()"),
    ("hourly", "Bonus"): Carrier("bonus", "paid_at", "bonus.available_at.date()"),
    ("hourly", "PayoutItem"): Carrier("item", "charged_at", "item.available_at.date()"),
    ("statements", "Transaction"): Carrier("row", "on", "statements.available_on(row)"),
}


def carrier_of(value: object) -> tuple[str, Carrier] | None:
    """``(class name, Carrier)`` for a value of :data:`CARRIERS` (or a subclass); else ``None``.

    The classes are read through ``type``'s own descriptors, so no code of
    the value's (or its metaclass's) runs.
    """
    mro = type.__dict__["__mro__"].__get__(type(value))
    for kind in mro:
        name = type.__dict__["__qualname__"].__get__(kind)
        module = type.__dict__["__module__"].__get__(kind)
        if type(name) is not str or type(module) is not str:  # pragma: no cover
            continue
        parts = module.split(".")
        if len(parts) >= 2 and parts[0] == "upwork_safety":
            found = CARRIERS.get((parts[1], name))
            if found is not None:
                return name, found
    return None


def payout_hint(carrier: Carrier) -> str:
    """The call that follows a carrier's amount to the bank, with its own attribute names."""
    v = carrier.name
    return (
        f"fees.payout({v}.amount, on={v}.{carrier.charged}, available_on={carrier.available}, "
        "method=..., reference_rate=...)"
    )


def amount_type(value: object, what: str, caller: str, *, payment: bool = False) -> None:
    """Refuse an amount argument that is not Money, before any other argument is asked for.

    Args:
        value: The argument.
        what: Its name (the error's ``field``).
        caller: The public function, for the hint (``service_fee``, ``payout``, ...).
        payment: Whether a :class:`~upwork_safety.Payment` is accepted too
            (checked by the caller before this).
    """
    if issubclass(type(value), Money):
        return
    found = carrier_of(value)
    if found is None:
        require_money(value, what)  # raises, with its hint for a plain number
        return  # pragma: no cover  (require_money raised)
    name, carrier = found
    v = carrier.name
    accepted = "Money or a Payment" if payment else "Money"
    if caller == "payout":
        how = f"pass its amount and its dates, {payout_hint(carrier)}"
    elif caller in {"service_fee", "net_earnings", "explain_service_fee"}:
        how = (
            f"pass its amount and its date, fees.{caller}({v}.amount, on={v}.{carrier.charged}); "
            f"to follow it to the bank, {payout_hint(carrier)}"
        )
    else:  # a balance to withdraw: the carrier's amount is before the service fee
        how = (
            "its amount is what the client pays, before the service fee, and "
            f"{payout_hint(carrier)} follows it to the bank"
        )
    raise InvalidTypeError(
        f"{what} must be {accepted}, not {name}: {how}",
        field=what,
        rule="Money",
    )
