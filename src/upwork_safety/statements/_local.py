"""The rule a row's ``Amount in local currency`` keeps against its amount (private).

One source for the reader and the constructors (review r36, 1): the local
amount is the row's dollars in another currency, so it has their sign (zero
only with zero), and in the dollars' own currency it is the amount itself.
:func:`~upwork_safety.statements.parse` reports a row that breaks it at its
line and column, and :class:`~upwork_safety.statements.Transaction` (so a row
loaded from JSON too) refuses it, by :func:`local_amount_problem`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from upwork_safety._validate import field_name
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import require_money

if TYPE_CHECKING:
    from decimal import Decimal

    from upwork_safety.money import Money

#: The rule :func:`local_amount_problem` names when the signs differ.
SIGN_RULE = "the amount's sign"
#: The rule :func:`local_amount_problem` names when a local amount in the amount's
#: own currency is not the amount.
SAME_CURRENCY_RULE = "the amount itself, in the amount's currency"


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def local_amount_problem(amount: Money, local: Money) -> tuple[str, str] | None:
    """What makes *local* contradict *amount*, the row's signed dollars, or ``None``.

    Money converted keeps its sign: a withdrawal's rupees are negative as
    its dollars are, and zero dollars are zero rupees.  In the amount's own
    currency (Upwork writes ``USD`` there on a row it did not convert) the
    local amount is the amount, to the cent.

    Returns:
        ``(what is wrong, the rule)``, the first saying what *local* must be
        ("must be negative, as the amount USD -500.00 is (...)"), to follow
        its field's name or its cell's text.
    """
    if local.currency == amount.currency:
        if local.amount != amount.amount:
            return (
                f"must be the amount, {amount}, as it is in the amount's own currency",
                SAME_CURRENCY_RULE,
            )
        return None
    sign = _sign(amount.amount)
    if _sign(local.amount) != sign:
        must = ("zero", "positive", "negative")[sign]
        return (
            f"must be {must}, as the amount {amount} is (money converted keeps its sign)",
            SIGN_RULE,
        )
    return None


def local_amount_field(instance: Any, attribute: Any, value: Any) -> None:
    """An attrs validator of ``Transaction.local_amount``: ``None``, or Money keeping the rule.

    Run once every field is set (attrs runs the validators after ``__init__``
    sets them all), so it reads the row's ``amount``, already checked.
    """
    if value is None:
        return
    name = field_name(instance, attribute)
    problem = local_amount_problem(instance.amount, require_money(value, name))
    if problem is not None:
        raise InvalidValueError(f"{name} {problem[0]}, got {value}", field=name, rule=problem[1])
