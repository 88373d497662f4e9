"""What the State Bank of Pakistan lets a freelancer keep in foreign currency, dated (private).

DOMAIN.md section 5: since October 2023 a freelancer may keep 50% of each
month's export proceeds or USD 5,000, whichever is higher, in an Exporters'
Special Foreign Currency Account (ESFCA), opened beside the rupee account.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety._amount_fields import check_money, whole_cents
from upwork_safety._decimals import fraction
from upwork_safety._moments import settle_date
from upwork_safety._pickling import through_init
from upwork_safety._validate import id_field, instance
from upwork_safety.errors import InvalidValueError, RulesError, UpworkSafetyError
from upwork_safety.money import Money, plain_money
from upwork_safety.rules._common import source_field, usd
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._provenance import RuleSource

__all__ = ["FREELANCER_RETENTION_2023", "RETENTION_HISTORY", "RetentionRules"]


def _to_share(value: Any) -> Any:
    """A share read by the library's rate rule, 1 allowed; anything refused is left for `_share`."""
    try:
        return fraction(value, "share", below_one=False)
    except UpworkSafetyError:
        return value


def _share(instance_: object, attribute: Any, value: Any) -> None:
    name = f"{type(instance_).__name__}.{attribute.name}"
    try:
        share = fraction(value, name, below_one=False)
    except InvalidValueError as error:
        raise RulesError(str(error), field=name, rule=error.rule) from None
    if share > 1:
        raise RulesError(
            f"{name} is a share of the proceeds, from 0 to 1 (100%), got {share}",
            field=name,
            rule="from 0 to 1",
        )


def _monthly_amount(instance_: object, attribute: Any, value: Any) -> None:
    name = f"{type(instance_).__name__}.{attribute.name}"
    money = whole_cents(instance(value, Money, name), name)
    refused = RulesError(
        f"{name} must be an amount in USD, zero or more, got {money}",
        field=name,
        rule="zero or more, in USD",
    )
    if money.currency != "USD":
        raise refused
    try:
        check_money(money, name)  # the one not-negative rule: -0.00 too
    except InvalidValueError as error:
        raise refused from error


@rule_set_kind
@through_init
@attrs.frozen(kw_only=True)
class RetentionRules:
    """How much of a month's export proceeds may stay in foreign currency.

    The allowance for a month is the higher of *share* of that month's
    proceeds and *monthly_amount*, and never more than the proceeds
    themselves.  The bank credits that much to the foreign-currency
    account unless the freelancer asks in writing for less; the rest is
    converted to rupees.

    Args:
        effective: First day the rule applies.
        share: The part of each month's proceeds that may be kept, from 0
            to 1 (``"50%"`` or ``"0.50"``; ``"100%"`` for a what-if that
            keeps everything).
        monthly_amount: The amount that may be kept each month whatever
            the share gives, in whole US cents (zero for a rule of a share
            alone).
        source: Where the rule is published.
        name: A short human name.

    Raises:
        RulesError: A share below 0 or above 1, or a monthly amount below
            zero or not in USD.
        InvalidValueError: A monthly amount with a fraction of a cent.
        InvalidTypeError: A field of the wrong type.
    """

    effective: date = attrs.field()
    share: Decimal = attrs.field(converter=_to_share, validator=_share)
    monthly_amount: Money = attrs.field(converter=plain_money, validator=_monthly_amount)
    source: RuleSource = attrs.field(validator=source_field)
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so id_field refuses a str subclass instead of storing it plain.
    name: str = attrs.field(default="SBP freelancer retention", validator=id_field)

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "RetentionRules.effective")


#: The framework for freelancers' accounts of October 2023: keep 50% of the
#: month's export proceeds or USD 5,000, whichever is higher, in the
#: foreign-currency account.  The day is the circular's, as the news of
#: 23 October 2023 reports it; the project's rules table gives the month.
FREELANCER_RETENTION_2023 = RetentionRules(
    effective=date(2023, 10, 23),
    share=Decimal("0.50"),
    monthly_amount=usd("5000.00"),
    name="SBP framework for freelancers (October 2023)",
    source=RuleSource(
        "SBP circular of 2023-10-23, as reported by SEC news (Profit, ProPakistani, 2023-10-23)",
        note="50% of the month's export proceeds or USD 5,000, whichever is higher; "
        "the bank credits it unless the freelancer asks for less",
    ),
)

#: The retention rules, oldest first.  Before 2023-10-23 freelancers had no
#: framework of their own in the library's sources.
RETENTION_HISTORY: RuleHistory[RetentionRules] = RuleHistory(
    "foreign-currency retention rules", (FREELANCER_RETENTION_2023,)
)
