"""How much of a month's proceeds may stay in US dollars in Pakistan (private)."""

from __future__ import annotations

from datetime import date

from upwork_safety._amount_fields import check_money, whole_cents
from upwork_safety._moments import utc_day
from upwork_safety.errors import CurrencyMismatchError
from upwork_safety.money import Money, exact, require_money, round_down
from upwork_safety.rules import (
    RETENTION_HISTORY,
    RetentionRules,
    RuleHistory,
    _pick_rules,
)

__all__ = ["retention_allowance"]


@exact
def retention_allowance(
    proceeds: Money, *, on: date, rules: RetentionRules | RuleHistory[RetentionRules] | None = None
) -> Money:
    """How much of a month's export proceeds you may keep in your dollar account.

    Since October 2023 the State Bank of Pakistan lets a freelancer keep
    50% of each month's export proceeds or USD 5,000, whichever is higher,
    in a foreign-currency account (an ESFCA) opened beside the rupee
    account; the bank credits that much there unless you ask in writing for
    less, and converts the rest to rupees.  The allowance is the higher of
    the share and the monthly amount, never more than the proceeds; the
    share is rounded down to the cent, so it is never passed.

    It concerns dollars that reach your Pakistani bank as dollars: a US
    dollar wire, or Payoneer to your bank's dollar account.  Direct to
    Local Bank pays rupees, converted before they reach the bank.

    Args:
        proceeds: The month's export proceeds reaching your bank, in whole
            US cents, zero or more.
        on: A day of the month (a date, or an aware datetime for its UTC
            day, as every rule date in the library: 03:00 in Karachi is
            the previous UTC day, so pass the Pakistani day as a ``date``
            when it differs), which picks the rule in force.  The rule
            starts on the day of the SBP circular, 2023-10-23 (DOMAIN.md
            gives the month, "since 2023-10"): 1 to 22 October 2023 are
            refused, and for October 2023 pass only the proceeds from the
            23rd (the library's reading: the sources do not say how the
            first, partial month is counted).
        rules: Your own :class:`RetentionRules` (a what-if), used as
            given whatever *on* is, before its own ``effective`` too; or a
            :class:`~upwork_safety.rules.RuleHistory` of them, which
            gives the rule set in force on *on*.  By default the rule in
            force on *on* (:data:`RETENTION_HISTORY`).

    Returns:
        The most you may keep in US dollars that month; the rest of
        *proceeds* is converted to rupees.

    Raises:
        CurrencyMismatchError: *proceeds* is not in US dollars.
        InvalidValueError: Negative proceeds, or a fraction of a cent.
        RulesError: *on* is before the rules take effect: the first
            preset's 2023-10-23 (``field`` ``"on"``), or the first day
            of the history given as *rules* (``field`` ``"rules"``).
        InvalidTypeError: An argument of the wrong type.

    >>> from datetime import date
    >>> from upwork_safety.money import Money
    >>> print(retention_allowance(Money("3000.00", "USD"), on=date(2025, 6, 30)))
    USD 3,000.00
    >>> print(retention_allowance(Money("8000.00", "USD"), on=date(2025, 6, 30)))
    USD 5,000.00
    >>> print(retention_allowance(Money("12000.00", "USD"), on=date(2025, 6, 30)))
    USD 6,000.00
    >>> print(retention_allowance(Money("10000.01", "USD"), on=date(2025, 6, 30)))
    USD 5,000.00
    """
    money = whole_cents(require_money(proceeds, "proceeds"), "proceeds")
    day = utc_day(on, "on")
    # A rule set given alone is used as given for any day, as in every family.
    chosen = _pick_rules(rules, RetentionRules, RETENTION_HISTORY, day)
    floor = chosen.monthly_amount
    if money.currency != floor.currency:
        raise CurrencyMismatchError(
            f"proceeds must be in {floor.currency}, the currency of the retention rule, "
            f"got {money.currency}",
            field="proceeds",
            rule=f"in {floor.currency}",
        )
    check_money(money, "proceeds")  # the one "not negative" rule, which refuses -0.00 too
    share = Money(round_down(money.amount * chosen.share, money.minor_unit), money.currency)
    return min(money, max(share, floor))
