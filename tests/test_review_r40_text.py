"""Review r40: money text and ids (red team 2, 3; code review 5, 6).

* hostile 2: what a format writes beside the amount (a spec's fill, a
  pattern's prefix or suffix) may not read as part of it: a digit, a sign,
  a bracket, or a separator touching the digits (``_money_text._part_of_number``).
* hostile 3, review 5: the id rule's class of characters that show nothing
  is derived from ``is_blank``'s tables (``_text._UNSEEN_IN_ID``), minus
  what an id keeps on purpose (``_text._KEPT_IN_ID``).
* review 6: an amount that must not be negative refuses ``-0.00`` too.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timezone
from typing import Any

import attrs
import pytest

from upwork_safety import Client, Money, Payment, escrow, fees, jss, serialize
from upwork_safety._amount_fields import cents_field, money_field
from upwork_safety._text import (
    _KEPT_IN_ID,
    _UNSEEN_FORMAT,
    _UNSEEN_IN_BMP_ID,
    _UNSEEN_IN_ID,
    ID_RULE,
    is_blank,
)
from upwork_safety.errors import InvalidValueError, UpworkSafetyError

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


@pytest.mark.parametrize(
    "character",
    [
        "\u17b4",  # KHMER VOWEL INHERENT AQ
        "\u17b5",
        "\U0001d173",  # MUSICAL SYMBOL BEGIN BEAM
        "\U0001d17a",
        "\U0001bca0",  # SHORTHAND FORMAT LETTER OVERLAP
        "\u2065",  # unassigned, default-ignorable
        "\ufff0",
        "\ufff8",
        "\U000e0001",  # LANGUAGE TAG (deprecated; no emoji sequence uses it)
        "\U000e0000",
        "\U000e0080",
        "\U000e01f0",
    ],
)
def test_an_id_holding_an_invisible_character_of_is_blanks_table_is_refused(
    character: str,
) -> None:
    assert is_blank(character)
    with pytest.raises(InvalidValueError) as caught:
        Client("acme" + character)
    assert (caught.value.field, caught.value.rule) == ("Client.id", ID_RULE)
    with pytest.raises(InvalidValueError) as caught:
        Client("ac" + character + "me")
    assert caught.value.rule == ID_RULE


def _every_character() -> str:
    return "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_the_id_class_is_is_blanks_invisible_characters_but_the_kept_ones() -> None:
    """One source of truth: a character an id refuses is one ``is_blank`` calls invisible
    (or an interlinear annotation mark), and every invisible one but the ASCII space and the
    kept list is refused; the class searched in text below U+10000 is the same there."""
    kept = {code for low, high in _KEPT_IN_ID for code in range(low, high + 1)}
    extra = {code for low, high in _UNSEEN_FORMAT for code in range(low, high + 1)}
    text = _every_character()
    refused = {ord(found.group()) for found in _UNSEEN_IN_ID.finditer(text)}
    invisible = {ord(character) for character in text if is_blank(character)}
    assert refused == (invisible - kept - {ord(" ")}) | extra
    assert kept <= invisible
    narrow = {ord(found.group()) for found in _UNSEEN_IN_BMP_ID.finditer(text)}
    assert narrow == {code for code in refused if code <= 0xFFFF}
    # Every space and control is below the bound the class reads them under.
    assert all(
        code < 0x3001
        for code in map(ord, text)
        if chr(code).isspace() or unicodedata.category(chr(code)) == "Cc"
    )


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "\u845b\U000e0100",  # an ideographic variation sequence
        "\u1820\u180b",  # a Mongolian free variation selector
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f600",
    ],
)
def test_an_id_still_keeps_what_names_hold(text: str) -> None:
    assert Client(text).id == text


# Review 6: "not negative" for an amount is one rule (``_amount_fields.check_money``): its sign
# is not set, so -0.00 is refused wherever a non-negative amount is taken, as hourly's
# payout items refused it alone before.


def test_a_payment_of_negative_zero_is_refused_not_stored() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Payment(date(2024, 1, 1), Money("-0.00", "USD"))
    assert (caught.value.field, caught.value.rule) == ("Payment.amount", "not negative")
    assert "write 0.00" in str(caught.value)  # the amount to write instead
    assert Payment(date(2024, 1, 1), Money("0.00", "USD")).amount.amount.is_signed() is False


@pytest.mark.parametrize(
    "build",
    [
        lambda zero: jss.FutureJob(amount=zero),
        lambda zero: escrow.ResolveDispute(
            "m1",
            datetime(2025, 1, 1, tzinfo=timezone.utc),
            to_freelancer=Money("1.00", "USD"),
            to_client=zero,
        ),
        lambda zero: fees.FeeLine("Direct to Local Bank (PKR) fee", zero),
    ],
)
def test_every_non_negative_amount_refuses_negative_zero(build: Any) -> None:
    with pytest.raises(InvalidValueError) as caught:
        build(Money("-0.00", "USD"))
    assert caught.value.rule == "not negative"
    build(Money("0.00", "USD"))  # zero itself is taken


def test_a_negative_zero_payment_in_json_is_refused_on_load() -> None:
    document = '{"on":"2024-01-01","amount":{"amount":"-0.00","currency":"USD"}}'
    with pytest.raises(UpworkSafetyError):
        serialize.from_json(Payment, document)
    # Money itself still holds -0.00 as given (serialize r24): only its "not negative" uses refuse it.
    assert serialize.to_json(Money("-0.00", "USD")) == '{"amount":"-0.00","currency":"USD"}'


@pytest.mark.parametrize("check", [cents_field, money_field])
def test_the_validators_refuse_negative_zero_on_their_fast_path_too(check: Any) -> None:
    attribute = attrs.fields(Payment).amount
    with pytest.raises(InvalidValueError) as caught:
        check(Payment, attribute, Money("-0.00", "USD"))
    assert caught.value.rule == "not negative"
    assert caught.value.field.endswith(".amount")


def test_fee_arguments_refuse_a_negative_zero_by_the_one_rule() -> None:
    # The fee engine's own argument checks read the shared rule (review r40, review 6):
    # 0.2.0 charged USD -0.00 as USD 0.00.
    with pytest.raises(InvalidValueError) as caught:
        fees.service_fee(Money("-0.00", "USD"), on=date(2024, 3, 1))
    assert (caught.value.field, caught.value.rule) == ("amount", "not negative")
    with pytest.raises(InvalidValueError) as proceeds:
        fees.retention_allowance(Money("-0.00", "USD"), on=date(2024, 3, 1))
    assert (proceeds.value.field, proceeds.value.rule) == ("proceeds", "not negative")


@pytest.mark.parametrize(
    "fill",
    ["\u02d7", "\u2052", "\u202e", "\u2067", "\ufe63", "\u2796"],
    ids=["modifier-minus", "commercial-minus", "rlo", "rli", "small-hyphen", "heavy-minus"],
)
def test_every_minus_plus_and_reordering_control_is_refused_as_a_fill(fill: str) -> None:
    """Red team r40, second pass 4: the signs are read from the Unicode names and the
    bidi classes, not a hand list that missed U+02D7, U+2052 and U+202E."""
    with pytest.raises(InvalidValueError) as caught:
        format(Money("5.00", "USD"), f"{fill}>8.2f")
    assert caught.value.field == "format_spec"
    with pytest.raises(InvalidValueError) as quoted:
        Money("5.00", "USD").format(locale="en_US", format=f"'{fill}'#,##0.00")
    assert quoted.value.field == "format"


def test_a_locale_patterns_own_right_to_left_mark_is_kept() -> None:
    # The marks Arabic and Hebrew patterns hold reorder nothing.
    shown = Money("5.00", "USD").format(locale="ar", format="\u200f#,##0.00\u00a0\u00a4")
    assert shown == "\u200f5.00\u00a0US$"


def test_rule_sets_refuse_a_negative_zero_by_the_one_rule() -> None:
    # Red team r40, second pass 7: two rule sets kept their own "< 0" copy.
    import attrs

    from upwork_safety import rules
    from upwork_safety.errors import RulesError

    with pytest.raises(RulesError) as withdrawal:
        attrs.evolve(fees.PAYONEER, fixed_fee=Money("-0.00", "USD"))
    assert (withdrawal.value.field, withdrawal.value.rule) == (
        "WithdrawalMethod.fixed_fee",
        "not negative",
    )
    with pytest.raises(RulesError) as retention:
        attrs.evolve(rules.FREELANCER_RETENTION_2023, monthly_amount=Money("-0.00", "USD"))
    assert retention.value.field == "RetentionRules.monthly_amount"
