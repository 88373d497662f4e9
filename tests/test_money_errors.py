"""Every error path of ``money``: its class, the field and rule it names, and a message that names the field.

One row per ``raise`` in :mod:`upwork_safety.money`, at its boundary where it
has one (the last accepted value is checked beside the first refused one).
A mutation run (``nox -s mutation`` on money.py, 2026-12-02) found these
paths reached but their fields, rules and limits unpinned.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from upwork_safety import (
    CurrencyMismatchError,
    ExchangeRate,
    InvalidTypeError,
    InvalidValueError,
    Money,
)
from upwork_safety.money import (
    MAX_DIGITS,
    MAX_FORMAT_WIDTH,
    MAX_PARTS,
    rate_of,
    round_down,
    round_half_up,
    to_decimal,
)

USD = Money("10.00", "USD")
RATE = ExchangeRate("USD", "PKR", "280.50")
#: The smallest rate: its inverse is 10**18, one digit past the limit.
TINY_RATE = ExchangeRate("USD", "PKR", "0." + "0" * (MAX_DIGITS - 1) + "1")
#: The largest amount in cents.
MOST = Money("9" * MAX_DIGITS + ".99", "USD")


class _Dec(Decimal):
    """A Decimal subclass: checked as the plain Decimal it holds."""


#: (name, call, error class, field, rule)
ERRORS = [
    ("integer digits", lambda: Money(Decimal("1" + "0" * MAX_DIGITS), "USD"), InvalidValueError, "Money.amount", f"at most {MAX_DIGITS} integer digits"),
    ("int digits", lambda: Money(10**MAX_DIGITS, "USD"), InvalidValueError, "Money.amount", f"at most {MAX_DIGITS} integer digits"),
    ("decimal places", lambda: Money(Decimal("0." + "0" * MAX_DIGITS + "1"), "USD"), InvalidValueError, "Money.amount", f"at most {MAX_DIGITS} decimal places"),
    ("written places", lambda: Money(Decimal("0E-61"), "USD"), InvalidValueError, "Money.amount", "at most 60 decimal places written"),
    ("not finite", lambda: Money(Decimal("NaN"), "USD"), InvalidValueError, "Money.amount", "finite"),
    ("not canonical", lambda: Money("1_000", "USD"), InvalidValueError, "Money.amount", "canonical decimal text"),
    ("too long text", lambda: Money("1" * 41, "USD"), InvalidValueError, "Money.amount", "at most 18 integer digits"),
    ("bool", lambda: Money(True, "USD"), InvalidTypeError, "Money.amount", "a number"),
    ("float", lambda: Money(1.5, "USD"), InvalidTypeError, "Money.amount", "not a float"),
    ("object", lambda: Money(object(), "USD"), InvalidTypeError, "Money.amount", "a number"),
    ("subclass digits", lambda: Money(_Dec("1" + "0" * MAX_DIGITS), "USD"), InvalidValueError, "Money.amount", f"at most {MAX_DIGITS} integer digits"),
    ("currency type", lambda: Money("1", 5), InvalidTypeError, "Money.currency", "an ISO 4217 code"),
    ("currency code", lambda: Money("1", "usd"), InvalidValueError, "Money.currency", "an ISO 4217 code"),
    ("require money", lambda: Money.total([5], "USD"), InvalidTypeError, "items[0]", "Money"),
    ("total items", lambda: Money.total(None, "USD"), InvalidTypeError, "items", "an iterable of Money"),
    ("add currencies", lambda: USD + Money("1", "PKR"), CurrencyMismatchError, "currency", "one currency"),
    ("subtract currencies", lambda: USD - Money("1", "PKR"), CurrencyMismatchError, "currency", "one currency"),
    ("compare currencies", lambda: USD < Money("1", "PKR"), CurrencyMismatchError, "currency", "one currency"),
    ("multiply float", lambda: USD * 1.5, InvalidTypeError, "factor", "not a float"),
    ("divide", lambda: USD / 3, InvalidTypeError, "divisor", "use split() or allocate()"),
    # red team r30 finding 2: the other operators met Python's own TypeError
    ("modulo", lambda: USD % 3, InvalidTypeError, "divisor", "use split() or allocate()"),
    ("divmod", lambda: divmod(USD, 3), InvalidTypeError, "divisor", "use split() or allocate()"),
    ("floor divide", lambda: USD // Decimal(2), InvalidTypeError, "divisor", "use split() or allocate()"),
    ("number over money", lambda: 3 / USD, InvalidTypeError, "divisor", "Money divides nothing"),
    ("number floor over money", lambda: 3 // USD, InvalidTypeError, "divisor", "Money divides nothing"),
    ("number modulo money", lambda: 3 % USD, InvalidTypeError, "divisor", "Money divides nothing"),
    ("divmod of a number by money", lambda: divmod(3, USD), InvalidTypeError, "divisor", "Money divides nothing"),
    ("power", lambda: USD**2, InvalidTypeError, "exponent", "Money has no powers"),
    ("three-argument pow", lambda: pow(USD, 2, 5), InvalidTypeError, "exponent", "Money has no powers"),
    ("number to the power of money", lambda: 2**USD, InvalidTypeError, "exponent", "Money has no powers"),
    ("round", lambda: round(USD), InvalidTypeError, "ndigits", "use rounded()"),
    ("round to places", lambda: round(USD, 2), InvalidTypeError, "ndigits", "use rounded()"),
    ("split sub-cent", lambda: Money("10.001", "USD").split(2), InvalidValueError, "amount", "whole minor units"),
    ("split type", lambda: USD.split(2.0), InvalidTypeError, "parts", "a whole number"),
    ("split zero", lambda: USD.split(0), InvalidValueError, "parts", f"1 to {MAX_PARTS:,}"),
    ("split too many", lambda: USD.split(MAX_PARTS + 1), InvalidValueError, "parts", f"1 to {MAX_PARTS:,}"),
    ("allocate type", lambda: USD.allocate(5), InvalidTypeError, "ratios", "a sequence of numbers"),
    ("allocate a dict", lambda: USD.allocate({1: 5, 3: 7}), InvalidTypeError, "ratios", "a sequence of numbers"),
    ("allocate a set", lambda: USD.allocate({1, 3}), InvalidTypeError, "ratios", "a sequence of numbers"),
    ("allocate too many", lambda: USD.allocate([1] * (MAX_PARTS + 1)), InvalidValueError, "ratios", f"at most {MAX_PARTS} parts"),
    ("allocate negative", lambda: USD.allocate([1, -1]), InvalidValueError, "ratios[1]", "not negative"),
    ("allocate zeros", lambda: USD.allocate([0, 0]), InvalidValueError, "ratios", "a positive ratio"),
    ("allocate float", lambda: USD.allocate([1, 0.5]), InvalidTypeError, "ratios[1]", "not a float"),
    ("locale none", lambda: USD.format(locale=None), InvalidTypeError, "locale", "an explicit locale"),
    ("locale unknown", lambda: USD.format(locale="xx_XX"), InvalidValueError, "locale", "a locale babel knows"),
    ("format width", lambda: format(USD, str(MAX_FORMAT_WIDTH + 1)), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format precision", lambda: format(USD, f".{MAX_FORMAT_WIDTH + 1}f"), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format spec", lambda: format(USD, "Q"), InvalidValueError, "format_spec", "a Decimal format spec"),
    # Python's int() refuses more than 4,300 digits with a bare ValueError: the digits
    # are counted first (red team r23 L1).
    ("format width, 4,301 digits", lambda: format(USD, "9" * 4301), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format width after align, 5,000 digits", lambda: format(USD, ">" + "9" * 5000), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format precision, 5,000 digits", lambda: format(USD, "." + "9" * 5000 + "f"), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format width after zeros", lambda: format(USD, "0" * 5000 + "1001"), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format digits out of place", lambda: format(USD, "_,." + "9" * 5000 + "f"), InvalidValueError, "format_spec", f"width and precision at most {MAX_FORMAT_WIDTH}"),
    ("format small width after zeros", lambda: format(USD, "0" * 5000 + "5"), InvalidValueError, "format_spec", "a Decimal format spec"),
    ("format spec not a str", lambda: USD.__format__(5), InvalidTypeError, "format_spec", "a Decimal format spec"),
    ("rate zero", lambda: ExchangeRate("USD", "PKR", "0"), InvalidValueError, "ExchangeRate.rate", "positive"),
    ("rate as_of", lambda: ExchangeRate("USD", "PKR", "280", as_of=datetime(2025, 1, 1, tzinfo=timezone.utc)), InvalidTypeError, "ExchangeRate.as_of", "a date"),
    ("rate source", lambda: ExchangeRate("USD", "PKR", "280", source=5), InvalidTypeError, "ExchangeRate.source", "a str"),
    ("rate same currency", lambda: ExchangeRate("USD", "USD", "1"), InvalidValueError, "ExchangeRate.quote", "two currencies"),
    ("convert currency", lambda: RATE.convert(Money("1", "PKR")), CurrencyMismatchError, "money", "the rate's base currency"),
    ("convert overflow", lambda: ExchangeRate("USD", "PKR", "1000").convert(Money("9" * 17, "USD")), InvalidValueError, "converted amount", f"at most {MAX_DIGITS} integer digits"),
    ("inverse overflow", TINY_RATE.inverse, InvalidValueError, "inverse rate", f"at most {MAX_DIGITS} integer digits"),
    ("spread rounds the rate to zero", lambda: TINY_RATE.with_spread("0.6"), InvalidValueError, "rate after spread", "positive"),
    ("spread one", lambda: RATE.with_spread(Decimal(1)), InvalidValueError, "spread", "a fraction from 0 up to (not including) 1"),
    ("spread negative", lambda: RATE.with_spread(Decimal("-0.01")), InvalidValueError, "spread", "a fraction from 0 up to (not including) 1"),
    # The two roundings became public names (r19): a caller's mistake is the family's error,
    # where places=-1 indexed the table from its end and NaN came back as a result.
    ("round value type", lambda: round_half_up("1.005", 2), InvalidTypeError, "value", "a Decimal"),
    ("round value nan", lambda: round_half_up(Decimal("NaN"), 2), InvalidValueError, "value", "finite"),
    ("round value snan", lambda: round_down(Decimal("sNaN"), 2), InvalidValueError, "value", "finite"),
    ("round value inf", lambda: round_down(Decimal("-Infinity"), 0), InvalidValueError, "value", "finite"),
    ("round places type", lambda: round_half_up(Decimal(1), True), InvalidTypeError, "places", "a whole number"),
    ("round places negative", lambda: round_half_up(Decimal(1), -1), InvalidValueError, "places", f"0 to {MAX_DIGITS}"),
    ("round places above", lambda: round_down(Decimal(1), MAX_DIGITS + 1), InvalidValueError, "places", f"0 to {MAX_DIGITS}"),
    ("round too many digits", lambda: round_half_up(Decimal("1E+58"), 2), InvalidValueError, "value", "at most 60 digits once rounded"),
    ("round up adds a digit", lambda: round_half_up(Decimal("9" * 58 + ".995"), 2), InvalidValueError, "value", "at most 60 digits once rounded"),
    ("round up adds a digit, 0 places", lambda: round_half_up(Decimal("9" * 60 + ".5"), 0), InvalidValueError, "value", "at most 60 digits once rounded"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "kind", "field", "rule"), [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS]
)
def test_every_error_names_its_field_and_rule(call, kind, field, rule):
    """The class, ``field`` and ``rule`` of each error, and a short message."""
    with pytest.raises(kind) as info:
        call()
    assert (field, rule) == (info.value.field, info.value.rule)
    message = str(info.value)
    assert 20 < len(message) < 400  # a sentence, and bounded


#: (name, call, field, rule, operands): an operation whose exact result passes a limit.
#: Its error names the result and the limit, and its message the operands: it named
#: ``Money.amount``, which the caller never passed (red team r23 L2).
RESULTS = [
    ("sum", lambda: MOST + Money("0.01", "USD"), "sum", f"at most {MAX_DIGITS} integer digits", ("USD 999,999,999,999,999,999.99 + USD 0.01",)),
    ("sum()", lambda: sum([MOST, Money("0.01", "USD")]), "sum", f"at most {MAX_DIGITS} integer digits", ("+ USD 0.01",)),
    ("Money.total", lambda: Money.total([MOST, Money("0.01", "USD")], "USD"), "sum", f"at most {MAX_DIGITS} integer digits", ("+ USD 0.01",)),
    ("difference", lambda: -MOST - Money("0.01", "USD"), "difference", f"at most {MAX_DIGITS} integer digits", ("USD -999,999,999,999,999,999.99 - USD 0.01",)),
    ("product, places", lambda: Money("1.10", "USD") * Decimal("0.123456789012345678"), "product", f"at most {MAX_DIGITS} decimal places", ("USD 1.10 * 0.123456789012345678",)),
    ("product, int on the left", lambda: 10**9 * Money("1000000000.00", "USD"), "product", f"at most {MAX_DIGITS} integer digits", ("USD 1,000,000,000.00 * 1000000000",)),
    ("product, places written", lambda: Money(Decimal("0E-60"), "USD") * Decimal("0E-1"), "product", "at most 60 decimal places written", ("* 0.0",)),
    ("product by an inverse rate", lambda: Money("251722.80", "PKR") * ExchangeRate("USD", "PKR", "280.00").inverse().rate, "product", f"at most {MAX_DIGITS} decimal places", ("PKR 251,722.80 * 0.003571428571428571",)),
    ("rounded", lambda: Money("9" * MAX_DIGITS + ".995", "USD").rounded(), "rounded amount", f"at most {MAX_DIGITS} integer digits", ("999,999,999,999,999,999.995",)),
    ("convert", lambda: ExchangeRate("USD", "PKR", "1000").convert(Money("9" * 17, "USD")), "converted amount", f"at most {MAX_DIGITS} integer digits", ("USD 99,999,999,999,999,999.00 at 1000 PKR per USD",)),
    ("inverse", TINY_RATE.inverse, "inverse rate", f"at most {MAX_DIGITS} integer digits", ("1 / 1E-18 PKR per USD",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "field", "rule", "operands"),
    [row[1:] for row in RESULTS],
    ids=[row[0] for row in RESULTS],
)
def test_a_result_past_a_limit_names_the_result_and_its_operands(call, field, rule, operands):
    """The error names the result (not ``Money.amount``) and the limit; the message, the operands."""
    with pytest.raises(InvalidValueError) as info:
        call()
    assert (InvalidValueError, field, rule) == (type(info.value), info.value.field, info.value.rule)
    assert all(operand in str(info.value) for operand in operands)


#: The last value each limit accepts, beside the first it refuses above.
ACCEPTED = [
    ("18 integer digits", lambda: Money(Decimal("9" * MAX_DIGITS), "USD").amount, Decimal("9" * MAX_DIGITS)),
    ("18 places", lambda: Money("0." + "0" * (MAX_DIGITS - 1) + "1", "USD").amount, Decimal("1e-18")),
    ("60 places written", lambda: Money(Decimal("0E-60"), "USD").amount, Decimal(0)),
    ("canonical length", lambda: len(str(Money("1" * MAX_DIGITS + "." + "1" * MAX_DIGITS, "USD").amount)), 2 * MAX_DIGITS + 1),
    ("decimal subclass", lambda: type(to_decimal(_Dec("1.50"), "x")), Decimal),
    ("split at the limit", lambda: len(Money("1000.00", "USD").split(MAX_PARTS)), MAX_PARTS),
    ("allocate at the limit", lambda: len(Money("1000.00", "USD").allocate([1] * MAX_PARTS)), MAX_PARTS),
    ("format at the width", lambda: len(format(USD, str(MAX_FORMAT_WIDTH))), MAX_FORMAT_WIDTH),
    ("format at the width, zero-padded", lambda: format(USD, f"0{MAX_FORMAT_WIDTH}.{MAX_FORMAT_WIDTH}f")[-MAX_FORMAT_WIDTH - 3:], "10." + "0" * MAX_FORMAT_WIDTH),
    ("format with a fill", lambda: format(USD, "*>7"), "**10.00"),
    ("sum at the limit", lambda: (MOST - Money("0.01", "USD") + Money("0.01", "USD")).amount, MOST.amount),
    ("difference at the limit", lambda: (-MOST + Money("0.01", "USD") - Money("0.01", "USD")).amount, -MOST.amount),
    ("product at the limits", lambda: (Money("1.10", "USD") * Decimal("0.12345678901234567")).amount, Decimal("0.135802467913580237")),
    ("rounded at the limit", lambda: Money("9" * MAX_DIGITS + ".994", "USD").rounded().amount, Decimal("9" * MAX_DIGITS + ".99")),
    ("inverse at the limit", lambda: ExchangeRate("USD", "PKR", "0." + "0" * (MAX_DIGITS - 2) + "1").inverse().rate, Decimal(10 ** (MAX_DIGITS - 1))),
    ("spread to the smallest rate", lambda: TINY_RATE.with_spread("0.5").rate, Decimal("1E-18")),
    ("rate_of the most", lambda: (rate_of(MOST, Decimal("0." + "9" * MAX_DIGITS)).amount, rate_of(-MOST, Decimal("0." + "9" * MAX_DIGITS)).amount), (Decimal("9" * (MAX_DIGITS - 1) + "8.99"), Decimal("-" + "9" * (MAX_DIGITS - 1) + "8.99"))),
    ("rate_of the most yen", lambda: rate_of(Money("9" * MAX_DIGITS, "JPY"), Decimal("0." + "9" * MAX_DIGITS)).amount, Decimal("9" * (MAX_DIGITS - 1) + "8")),
    ("split the most", lambda: sum(MOST.split(3)) == MOST, True),
    ("allocate the most", lambda: sum(MOST.allocate([1, 2])) == MOST, True),
    ("half up", lambda: Money("0.125", "USD").rounded().amount, Decimal("0.13")),
    ("half up, negative", lambda: Money("-0.125", "USD").rounded().amount, Decimal("-0.13")),
    ("sub-cent kept", lambda: Money("0.125", "USD").amount, Decimal("0.125")),
    ("round half up", lambda: (round_half_up(Decimal("33.335"), 2), round_half_up(Decimal("-0.005"), 2)), (Decimal("33.34"), Decimal("-0.01"))),
    ("round down", lambda: (round_down(Decimal("33.339"), 2), round_down(Decimal("-0.009"), 2)), (Decimal("33.33"), Decimal("0.00"))),
    ("round at the places limit", lambda: round_half_up(Decimal("1E-19") * 5, MAX_DIGITS), Decimal("1E-18")),
    ("round the most digits", lambda: round_half_up(Decimal("9" * 58), 2), Decimal("9" * 58 + ".00")),
    ("round a subclass", lambda: type(round_down(_Dec("1.239"), 2)), Decimal),
    ("rounded check", lambda: (Money("1.10", "USD").is_rounded(), Money("1.101", "USD").is_rounded(), Money("1.1000", "USD").is_rounded()), (True, False, True)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "expected"), [row[1:] for row in ACCEPTED], ids=[row[0] for row in ACCEPTED]
)
def test_limits_accept_their_last_value(call, expected):
    """Each limit is inclusive where its rule says "at most"."""
    assert expected == call()


def test_a_decimal_subclass_is_checked_like_a_decimal():
    """A subclass of Decimal with too many digits is refused by the same rule as a Decimal."""
    assert Decimal("1.50") == to_decimal(_Dec("1.50"), "x")
    with pytest.raises(InvalidValueError) as info:
        to_decimal(_Dec("NaN"), "x")
    assert ("x", "finite") == (info.value.field, info.value.rule)


def test_rounding_ignores_a_callers_rounding_mode():
    """rounded() is half up even when the caller's context rounds down."""
    import decimal

    with decimal.localcontext(decimal.Context(rounding=decimal.ROUND_DOWN, prec=3)):
        assert Decimal("1234.57") == Money("1234.565", "USD").rounded().amount
        assert not Money("1.001", "USD").is_rounded()


def test_a_whole_number_of_another_type_is_told_to_pass_int():
    """Newcomer 8: Money(numpy.int64(5), ...) said "not int64" and no more."""

    class Index:  # what numpy's integers have: __index__, but they are not int
        def __index__(self) -> int:
            return 5

    with pytest.raises(InvalidTypeError) as info:
        Money(Index(), "USD")  # type: ignore[arg-type]
    assert ("Money.amount", "a number") == (info.value.field, info.value.rule)
    assert "int(value)" in str(info.value)
    with pytest.raises(InvalidTypeError) as info:
        Money(object(), "USD")  # type: ignore[arg-type]
    assert "int(value)" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1" * 19, "at most 18 integer digits"),
        ("1" * 20, "at most 18 integer digits"),
        ("1" + "0" * 30 + ".50", "at most 18 integer digits"),
        ("-" + "9" * 1_000, "at most 18 integer digits"),
        ("1." + "0" * 200, "places"),
        ("1e30", "canonical decimal text"),
        ("1_000" + "0" * 30, "canonical decimal text"),
    ],
)
def test_a_long_amount_is_refused_by_the_digit_rule_it_breaks(text, rule):
    """Red team r17 L5: 20 or more integer digits were "not a plain decimal number"."""
    from upwork_safety.money import CONTEXT

    expected = f"at most {CONTEXT.prec} decimal places written" if rule == "places" else rule
    with pytest.raises(InvalidValueError) as refused:
        Money(text, "USD")
    assert (refused.value.field, refused.value.rule) == ("Money.amount", expected)
