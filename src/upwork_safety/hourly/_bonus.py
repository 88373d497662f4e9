"""Bonuses on hourly contracts: fresh money, never invoiced hours, never protected (private).

A client can pay a bonus (or any manual payment: expenses, time over the
weekly limit) on an hourly contract at any time.  It is charged fresh, not
from any invoice; it has no review window and cannot be disputed; Hourly
Protection does not cover it (HC 211068288, HC 41471537743251); and it is
*Pending* for the five-day security period before it is *Available*, like a
fixed-price release (HC 211067938, HC 40368699452179).  The period is the
same rule as the fixed-price one, ``PlatformRules.security_period``.

Top Rated faster payouts skip the hold only for hours the client has had
five days to review (HC 360047676133); a bonus has no review, so the library
keeps the five-day hold for every freelancer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import attrs

from upwork_safety._amount_fields import positive_cents_field
from upwork_safety._display import shown
from upwork_safety._moments import computed_utc_field, to_utc, utc_field, utc_instant
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table
from upwork_safety._validate import instance_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly._args import (
    positive_cents,
    rules_changed_on,
    rules_for,
)
from upwork_safety.hourly._kinds import PayoutStatus, payout_status
from upwork_safety.money import Money, plain_money
from upwork_safety.rules import PlatformRules, RuleHistory, _available_after

__all__ = ["Bonus", "bonus", "bonus_available"]


def bonus_available(paid_at: datetime, rules: PlatformRules) -> datetime:
    """When a bonus paid at *paid_at* is available under *rules*: after the security period.

    The one rule of a :class:`Bonus` and of a payout item for one (HC 211067938):
    the rules' one reading of the security period (``rules._available_after``),
    as for a fixed-price release.
    """
    return _available_after(paid_at, rules)


#: Why a bonus is never covered by Hourly Protection.
_NOT_PROTECTED = (
    "bonuses and other manual payments are not covered by Hourly Protection and cannot "
    "be disputed (HC 211068288, HC 41471537743251)"
)


def _rules_when_paid(extra: Any) -> PlatformRules:
    """The default *rules*: those in force when the bonus was paid."""
    paid: object = extra.paid_at
    if not isinstance(paid, datetime) or paid.tzinfo is None or paid.utcoffset() is None:
        # Refused by the moment's own validator, which runs first, naming paid_at.
        return cast("PlatformRules", paid)
    return rules_for(None, paid)


@through_init
@attrs.frozen
class Bonus:
    """A bonus paid on an hourly contract, and when it becomes available (UTC).

    Built by :func:`bonus`.  The amount is what the client paid, before the
    freelancer's service fee (see :mod:`upwork_safety.fees`).

    The hold is the one *rules* give (the builder function computes it, and
    a what-if rule set is kept with the bonus); the constructor checks it,
    so a value built by hand or loaded from JSON says no more than
    :func:`bonus` could under the rules it carries, and
    :attr:`rules_changed` names any rule that is not the published one.

    Args:
        amount: What the client paid, positive.
        paid_at: When the client paid it; it is *Pending* from then.
        available_at: When it becomes *Available*: *paid_at* plus
            ``rules.security_period`` (5 days, HC 211067938).
        rules: The platform rules the hold comes from; default: those in
            force at *paid_at*.

    Raises:
        InvalidValueError: *available_at* is not *paid_at* plus
            ``rules.security_period``, or the amount is not positive.
        InvalidTypeError: A field has the wrong type.
    """

    amount: Money = attrs.field(converter=plain_money, validator=positive_cents_field)
    paid_at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    available_at: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    rules: PlatformRules = attrs.field(
        default=attrs.Factory(_rules_when_paid, takes_self=True),
        validator=instance_field(PlatformRules),
    )

    #: Why Hourly Protection never covers a bonus.
    not_protected_because = _NOT_PROTECTED

    def __attrs_post_init__(self) -> None:
        if self.available_at <= self.paid_at:
            raise InvalidValueError(
                f"Bonus.available_at ({self.available_at.isoformat()}) must be after "
                f"Bonus.paid_at ({self.paid_at.isoformat()}): the security period applies",
                field="Bonus.available_at",
                rule="after paid_at (security period, HC 211067938)",
            )
        hold = self.rules.security_period
        available = bonus_available(self.paid_at, self.rules)
        if self.available_at != available:
            raise InvalidValueError(
                f"Bonus.available_at ({self.available_at.isoformat()}) must be Bonus.paid_at "
                f"plus rules.security_period ({hold}): "
                f"{available.isoformat()} under rules {shown(self.rules.name)} "
                "(a bonus saved from what-if rules by an earlier version, which kept no rules, "
                "needs those rules added as its rules)",
                field="Bonus.available_at",
                rule="paid_at plus rules.security_period",
            )

    @property
    def rules_changed(self) -> tuple[str, ...]:
        """The rules (field names of :attr:`rules`) not as published when the bonus was paid.

        The same comparison as :attr:`WeeklyInvoice.rules_changed`, against
        the rules in force at :attr:`paid_at`; empty under them.
        """
        return rules_changed_on(self.rules, self.paid_at)

    @property
    def protected(self) -> bool:
        """Always ``False``: Hourly Protection does not cover bonuses (HC 211068288)."""
        return False

    def status(self, at: datetime) -> PayoutStatus:
        """Return where the bonus is at the moment *at*: upcoming, pending or available.

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        return payout_status(at, self.paid_at, self.available_at)

    def to_records(self) -> list[dict[str, object]]:
        """Return the bonus's own calendar as rows (``when``, ``step``, ``source``)."""
        return [
            {
                "when": self.paid_at,
                "step": f"bonus of {self.amount} paid: pending (not protected)",
                "source": "HC 211067938, HC 211068288",
            },
            {
                "when": self.available_at,
                "step": "bonus available to withdraw",
                "source": "HC 211067938, HC 40368699452179",
            },
        ]

    def _repr_html_(self) -> str:
        caption = "Bonus"
        if self.rules_changed:
            caption += " (what-if rules: " + ", ".join(self.rules_changed) + ")"
        return html_table(self.to_records(), caption=caption)


def bonus(
    amount: Money,
    *,
    paid_at: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Bonus:
    """Return a bonus paid at *paid_at* with the moment it becomes available.

    The bonus is pending for ``rules.security_period`` (5 days) from the
    moment the client pays, then available; no review window, no dispute,
    no Hourly Protection (HC 211067938, HC 211068288).

    Args:
        amount: What the client paid, positive :class:`~upwork_safety.money.Money`.
        paid_at: When the client paid (aware; any zone).
        rules: The platform rules; default: those in force at *paid_at*.

    Returns:
        The :class:`Bonus`.

    Raises:
        InvalidValueError: *amount* is not positive, or *paid_at* is naive.
        InvalidTypeError: An argument has the wrong type.

    >>> from datetime import datetime, timezone
    >>> from upwork_safety import Money
    >>> extra = bonus(Money("50.00", "USD"), paid_at=datetime(2024, 1, 10, 15, tzinfo=timezone.utc))
    >>> extra.available_at.isoformat()
    '2024-01-15T15:00:00+00:00'
    """
    amount = positive_cents(amount, "amount")
    paid = utc_instant(paid_at, "paid_at")
    rules = rules_for(rules, paid)
    return Bonus(
        amount=amount, paid_at=paid, available_at=bonus_available(paid, rules), rules=rules
    )
