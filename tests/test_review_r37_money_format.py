"""``f"{money:.2f}"`` shows no signed zero after rounding (review r37, review 7).

Before, ``f"{Money('-0.004', 'USD'):.2f}"`` was ``-0.00``.
"""

from __future__ import annotations

import decimal

import pytest

from upwork_safety import Money

# --- 7: f"{money:.2f}" shows no signed zero ---------------------------------------------


@pytest.mark.parametrize(
    ("amount", "spec", "shown"),
    [
        ("-0.004", ".2f", "0.00"),
        ("-0.004", "+.2f", "+0.00"),
        ("-0.004", ">8.2f", "    0.00"),
        ("-0.004", "08.2f", "00000.00"),
        # ".2%" is refused since review r38 (hostile 2): a percent shows another amount;
        # ".0f" on USD and ".2e" since review r39 (hostile 5), for the same reason.
        ("-0.00", ".2f", "0.00"),
        ("-0.005", ".2f", "-0.01"),
        ("-0.004", ".3f", "-0.004"),
        ("-0.004", "f", "-0.004"),
        ("-1234.004", ",.2f", "-1,234.00"),
    ],
)
def test_a_negative_amount_shown_as_zero_has_no_sign(amount, spec, shown):
    assert shown == format(Money(amount, "USD"), spec)


def test_no_signed_zero_in_any_decimal_context():
    hostile = decimal.Context(prec=1, rounding=decimal.ROUND_UP, traps=[decimal.Inexact])
    with decimal.localcontext(hostile):
        assert ("0.00", "-0.01") == (
            f"{Money('-0.004', 'USD'):.2f}",
            f"{Money('-0.005', 'USD'):.2f}",
        )
