"""Review r40: money text and ids (red team 2, 3; code review 5, 6).

* hostile 2: what a format writes beside the amount (a spec's fill, a
  pattern's prefix or suffix) may not read as part of it: a digit, a sign,
  a bracket, or a separator touching the digits (``_money_text._part_of_number``).
"""

from __future__ import annotations

import pytest

from upwork_safety import Money
from upwork_safety.errors import InvalidValueError

SPEC_RULE = "a Decimal format spec that shows the amount as it is"
PATTERN_RULE = "a babel number pattern that shows the amount as it is"


@pytest.mark.parametrize(
    ("amount", "spec"),
    [
        ("5.00", "1>6.2f"),  # '115.00'
        ("5.00", "9>10,.2f"),  # '9999995.00'
        ("5.00", "->8.2f"),  # '----5.00': a positive amount read as negative
        ("5.00", "1>6"),
        ("-5.00", "\u0663>8.2f"),  # an Arabic-Indic three
        ("-5.00", "+>8.2f"),
        ("5.00", "0<8"),  # '5.000000'
        ("5", "0<4"),  # '5000'
        ("5.00", "\u2212>8.2f"),  # MINUS SIGN
        ("5.00", "\u2013>8.2f"),  # EN DASH
        ("5.00", "(>8.2f"),
        ("5.00", ".>8.2f"),
        ("5.00", ",^9.2f"),
        ("5.00", "\u00bd>8.2f"),  # a fraction
        ("5.00", "1=+8.2f"),  # '=': the fill goes between the sign and the digits
    ],
)
def test_a_fill_that_reads_as_part_of_the_amount_is_refused(amount: str, spec: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        format(Money(amount, "USD"), spec)
    assert (caught.value.field, caught.value.rule) == ("format_spec", SPEC_RULE)


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        ("*>8.2f", "****5.00"),
        ("_<8.2f", "5.00____"),
        (" >8.2f", "    5.00"),
        (">8.2f", "    5.00"),
        ("#^10,.2f", "###5.00###"),
        ("08.2f", "00005.00"),  # the 0 flag, not a fill: leading zeros only
        ("%>8", "%%%%5.00"),
        ("x<8.2f", "5.00xxxx"),
    ],
)
def test_a_fill_that_is_text_beside_the_amount_is_kept(spec: str, shown: str) -> None:
    assert format(Money("5.00", "USD"), spec) == shown


@pytest.mark.parametrize(
    "pattern",
    [
        "'1'#,##0.00",  # '15.00'
        "'-'#,##0.00",  # '-5.00' for a positive amount
        "'9'0.00",
        "-#,##0.00",  # an unquoted minus in the positive prefix
        "(#,##0.00)",  # a positive amount in accounting brackets
        "#,##0.00'5'",  # a digit after the amount
        "'Rs.'#,##0.00",  # a separator touching the digits: 'Rs.5.00'
        "\u00a4#,##0.00;'1'-\u00a4#,##0.00",  # a digit before a negative amount
        "#,##0.00'\u0663'",
    ],
)
def test_a_pattern_writing_a_number_part_beside_the_amount_is_refused(pattern: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Money("5.00", "USD").format(locale="en_US", format=pattern)
    assert (caught.value.field, caught.value.rule) == ("format", PATTERN_RULE)


@pytest.mark.parametrize(
    ("pattern", "positive", "negative"),
    [
        ("'Rs. '#,##0.00", "Rs. 5.00", "-Rs. 5.00"),
        ("\u00a4#,##0.00", "$5.00", "-$5.00"),
        ("#,##0.00 \u00a4", "5.00 $", "-5.00 $"),
        ("#,##0.00;(#,##0.00)", "5.00", "(5.00)"),
        ("\u00a4 #,##0.00;\u00a4 -#,##0.00", "$ 5.00", "$ -5.00"),
    ],
)
def test_a_pattern_with_text_beside_the_amount_is_kept(
    pattern: str, positive: str, negative: str
) -> None:
    assert Money("5.00", "USD").format(locale="en_US", format=pattern) == positive
    assert Money("-5.00", "USD").format(locale="en_US", format=pattern) == negative
