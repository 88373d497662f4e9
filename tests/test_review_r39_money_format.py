"""Red team r39, hostile 5: ``format(money, spec)`` refuses a spec that shows another amount.

Significant digits, scientific notation and fewer decimal places than the
currency's minor unit are refused as ``Money.format`` refuses ``@@`` and
``0.0E0``, by the one rule of both (``_money_text._ANOTHER_WAYS``).
"""

from __future__ import annotations

import pytest

from upwork_safety import Money
from upwork_safety.errors import InvalidValueError

RULE = "a Decimal format spec that shows the amount as it is"


@pytest.mark.parametrize(
    ("amount", "currency", "spec"),
    [
        ("1234.50", "USD", ".2"),
        ("1234.50", "USD", ".2g"),
        ("1234.50", "USD", "g"),
        ("1234.50", "USD", ".1e"),
        ("1234.50", "USD", "E"),
        ("1234.50", "USD", ">20.3G"),
        ("1234.50", "USD", "n"),
        ("1234.50", "USD", ".0f"),
        ("1234.00", "USD", ".1f"),
        ("1234.00", "USD", ",.0F"),
        ("1.234", "KWD", ".2f"),
        ("1234.50", "USD", ".1%"),
    ],
)
def test_a_spec_showing_another_amount_is_refused(amount: str, currency: str, spec: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        format(Money(amount, currency), spec)
    assert caught.value.field == "format_spec"
    assert caught.value.rule == RULE


@pytest.mark.parametrize(
    ("amount", "currency", "spec", "shown"),
    [
        ("1234.50", "USD", ",.2f", "1,234.50"),
        ("1234.50", "USD", ".3f", "1234.500"),
        ("1234.50", "USD", "f", "1234.50"),
        ("1234.50", "USD", ",", "1,234.50"),
        ("1234.50", "USD", ">10", "   1234.50"),
        ("1234", "JPY", ",.0f", "1,234"),
        ("1.234", "KWD", ".3f", "1.234"),
        ("-0.004", "USD", ".2f", "0.00"),  # rounded past the minor unit, as documented
    ],
)
def test_a_spec_showing_the_amount_as_it_is_formats(
    amount: str, currency: str, spec: str, shown: str
) -> None:
    assert format(Money(amount, currency), spec) == shown


def test_money_format_and_format_spec_share_the_rule() -> None:
    money = Money("1234.50", "USD")
    for pattern in ("@@", "0.0E0"):
        with pytest.raises(InvalidValueError) as by_pattern:
            money.format(locale="en_US", format=pattern)
        assert by_pattern.value.rule.endswith("shows the amount as it is")
    with pytest.raises(InvalidValueError) as by_spec:
        format(money, ".2")
    assert by_spec.value.rule.endswith("shows the amount as it is")
