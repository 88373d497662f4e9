"""Tests for upwork_safety.money: exact amounts, currencies, rounding, sharing, formatting."""

import decimal
import math
import pickle
from datetime import date, datetime, timezone
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Contract,
    ContractKind,
    CurrencyMismatchError,
    ExchangeRate,
    Money,
    Payment,
    UpworkSafetyError,
    fees,
)
from upwork_safety import money as money_module
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import MAX_DIGITS, MAX_PARTS, minor_unit
from upwork_safety.testing import strategies as us


class TestConstruction:
    def test_amount_kept_exactly(self):
        """A str amount becomes the same Decimal, trailing zeros included."""
        assert Decimal("1000.00") == Money("1000.00", "USD").amount
        assert str(Money("1000.00", "USD").amount) == "1000.00"

    @pytest.mark.parametrize("value", [5, Decimal(5), "5", "+5", "5.0", "-5.00"])
    def test_int_decimal_str_accepted(self, value):
        """int, Decimal and canonical str amounts are accepted, kept exactly."""
        assert abs(Money(value, "USD").amount) == Decimal(5)

    @pytest.mark.parametrize(
        "text",
        [
            " 5",
            "5 ",
            "5_0",
            "1_000",
            "\uff11\uff10",
            "\u0665",
            "1e3",
            "5.",
            ".5",
            "1,000",
            "--5",
            "",
            "0x10",
        ],
    )
    def test_only_canonical_text_accepted(self, text):
        """Text must be ASCII digits, a sign and one point: nothing is rewritten into a number."""
        with pytest.raises(InvalidValueError) as info:
            Money(text, "USD")
        assert ("Money.amount", "canonical decimal text") == (info.value.field, info.value.rule)

    def test_float_refused_with_advice(self):
        """A float is a TypeError that says to pass a str or Decimal."""
        with pytest.raises(TypeError, match=r"pass Decimal\('0.1'\) or '0.1'"):
            Money(0.1, "USD")  # type: ignore[arg-type]

    def test_float_error_is_in_family(self):
        """The float error is an UpworkSafetyError too."""
        with pytest.raises(UpworkSafetyError):
            Money(1.5, "USD")  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [True, None, [1], b"1"])
    def test_other_types_refused(self, value):
        """bool, None and other types are refused with a TypeError."""
        with pytest.raises(InvalidTypeError, match="Money.amount"):
            Money(value, "USD")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-inf")]
    )
    def test_not_finite_refused(self, value):
        """NaN (signalling too) and infinities are refused with a library error."""
        with pytest.raises(InvalidValueError) as info:
            Money(value, "USD")
        assert ("Money.amount", "finite") == (info.value.field, info.value.rule)

    @pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-inf"])
    def test_not_finite_text_refused(self, text):
        """NaN and infinities written as text are not canonical numbers."""
        with pytest.raises(InvalidValueError) as info:
            Money(text, "USD")
        assert "Money.amount" == info.value.field

    @pytest.mark.parametrize(
        ("value", "rule"),
        [
            (Decimal("1" * 40), f"at most {MAX_DIGITS} integer digits"),
            (10**MAX_DIGITS, f"at most {MAX_DIGITS} integer digits"),
            (-(10**MAX_DIGITS), f"at most {MAX_DIGITS} integer digits"),
            (Decimal("1e999999"), f"at most {MAX_DIGITS} integer digits"),
            (Decimal("0." + "0" * 30 + "1"), f"at most {MAX_DIGITS} decimal places"),
            (Decimal("1e-999999999"), f"at most {MAX_DIGITS} decimal places"),
        ],
    )
    def test_beyond_the_digit_limits_refused(self, value, rule):
        """More than 18 digits either side of the point is refused, never rounded."""
        with pytest.raises(InvalidValueError) as info:
            Money(value, "USD")
        assert ("Money.amount", rule) == (info.value.field, info.value.rule)

    def test_largest_and_finest_amounts_accepted(self):
        """18 integer digits and 18 decimal places are both accepted exactly."""
        assert Decimal("9" * 18) == Money("9" * 18, "USD").amount
        assert Decimal("0." + "0" * 17 + "1") == Money("0." + "0" * 17 + "1", "USD").amount
        # Trailing zeros beyond 18 places hold no digit and are kept as given.
        assert Money("1", "USD") == Money(Decimal("1." + "0" * 25), "USD")

    @pytest.mark.parametrize("code", ["usd", "XYZ", "", "DOLLARS"])
    def test_unknown_currency_refused(self, code):
        """Unknown ISO codes are a ValueError naming the field."""
        with pytest.raises(ValueError, match="currency must be an ISO 4217") as info:
            Money(1, code)
        assert "Money.currency" == info.value.field

    def test_currency_must_be_str(self):
        """A non-str currency is a TypeError."""
        with pytest.raises(TypeError, match="currency"):
            Money(1, 840)  # type: ignore[arg-type]

    def test_frozen(self):
        """Money is immutable."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            Money(1, "USD").amount = Decimal(2)  # type: ignore[misc]


class TestArithmetic:
    def test_add_sub(self):
        """Addition and subtraction stay exact."""
        a, b = Money("0.10", "USD"), Money("0.20", "USD")
        assert Money("0.30", "USD") == a + b
        assert Money("-0.10", "USD") == a - b

    def test_mixing_currencies_refused(self):
        """Adding, subtracting or comparing USD and PKR raises CurrencyMismatchError."""
        usd, pkr = Money(1, "USD"), Money(1, "PKR")
        for op in (lambda: usd + pkr, lambda: usd - pkr, lambda: usd < pkr):
            with pytest.raises(CurrencyMismatchError, match="USD and PKR"):
                op()

    def test_mismatch_is_value_error(self):
        """CurrencyMismatchError is a ValueError and an UpworkSafetyError."""
        assert issubclass(CurrencyMismatchError, ValueError)
        assert issubclass(CurrencyMismatchError, UpworkSafetyError)

    def test_multiply_never_rounds(self):
        """Multiplying by int/Decimal never rounds."""
        m = Money("333.36", "USD")
        assert Money("33.336", "USD") == m * Decimal("0.1")
        assert Money("666.72", "USD") == 2 * m

    @pytest.mark.parametrize("divisor", [3, Decimal(2), 0, 1.5, Money(2, "USD")])
    def test_division_refused_pointing_to_split_and_allocate(self, divisor):
        """Money / x is refused (the result would need hidden rounding); split/allocate share it."""
        with pytest.raises(InvalidTypeError, match=r"split\(n\).*allocate\(ratios\)") as info:
            Money("10", "USD") / divisor  # type: ignore[operator]
        assert "divisor" == info.value.field
        with pytest.raises(InvalidTypeError):
            Money("10", "USD") // divisor  # type: ignore[operator]

    def test_multiply_by_float_refused(self):
        """A float factor is refused like a float amount, naming the Decimal to pass."""
        with pytest.raises(InvalidTypeError) as info:
            Money(1, "USD") * 1.5  # type: ignore[operator]
        assert "pass Decimal('1.5')" in str(info.value)
        assert "not a float" == info.value.rule

    @pytest.mark.parametrize("factor", [Decimal("NaN"), Decimal("sNaN"), Decimal("1e999999")])
    def test_multiply_by_a_non_finite_or_absurd_factor_refused(self, factor):
        """A NaN (even signalling) or absurd factor gives a library error, not decimal's own."""
        with pytest.raises(InvalidValueError) as info:
            Money(1, "USD") * factor
        assert "factor" == info.value.field

    def test_multiply_by_money_unsupported(self):
        """Money times Money or a string is not defined."""
        with pytest.raises(TypeError):
            Money(1, "USD") * Money(1, "USD")  # type: ignore[operator]
        with pytest.raises(TypeError):
            Money(1, "USD") / "2"  # type: ignore[operator]
        with pytest.raises(TypeError):
            Money(1, "USD") + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            Money(1, "USD") - 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            1 + Money(1, "USD")  # type: ignore[operator]

    def test_unary(self):
        """Unary minus, plus and abs."""
        m = Money("-2.50", "USD")
        assert Money("2.50", "USD") == -m
        assert m == +m
        assert Money("2.50", "USD") == abs(m)

    def test_truthiness(self):
        """Zero money is falsy."""
        assert not Money.zero("USD")
        assert Money("0.01", "USD")

    def test_sum_with_zero_start_and_plain_sum(self):
        """sum() works from Money.zero and from the default int 0."""
        items = [Money("1.10", "USD"), Money("2.20", "USD")]
        assert Money("3.30", "USD") == sum(items, Money.zero("USD"))
        assert Money("3.30", "USD") == sum(items)
        assert Money.zero("PKR") == Money.total([], "PKR")

    def test_comparisons(self):
        """Ordering works within one currency and not against other types."""
        a, b = Money(1, "USD"), Money(2, "USD")
        assert a < b
        assert a <= b
        assert b > a
        assert b >= a
        assert a <= Money("1.00", "USD")
        assert a >= Money("1.00", "USD")
        assert Money(1, "USD") != Money(1, "PKR")
        with pytest.raises(TypeError):
            assert a < 1  # type: ignore[operator]

    @given(us.money("USD"), us.money("USD"), us.money("USD"))
    def test_addition_associative(self, a, b, c):
        """Exact Decimal addition is associative (no hidden rounding)."""
        assert (a + b) + c == a + (b + c)


class TestRounding:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("26.664", "26.66"),
            ("33.336", "33.34"),
            ("0.005", "0.01"),
            ("0.015", "0.02"),
            ("2517.228", "2517.23"),
            ("-0.005", "-0.01"),
        ],
    )
    def test_half_up_to_cents(self, amount, expected):
        """rounded() is half up to the cent, as in Upwork's own examples."""
        assert Decimal(expected) == Money(amount, "USD").rounded().amount

    def test_minor_units_from_babel(self):
        """JPY has no minor unit, KWD three, USD and PKR two."""
        assert minor_unit("JPY") == 0
        assert minor_unit("KWD") == 3
        assert Money(1, "PKR").minor_unit == 2
        assert Decimal(3) == Money("2.5", "JPY").rounded().amount
        assert Decimal("1.235") == Money("1.2345", "KWD").rounded().amount

    def test_is_rounded(self):
        """is_rounded() tells whether rounding would change the amount."""
        assert Money("1.20", "USD").is_rounded()
        assert not Money("1.201", "USD").is_rounded()

    @given(us.amounts(places=6))
    def test_rounding_idempotent_and_close(self, amount):
        """Rounding twice changes nothing and moves at most half a cent."""
        m = Money(amount, "USD")
        assert m.rounded() == m.rounded().rounded()
        assert abs((m.rounded() - m).amount) <= Decimal("0.005")


class TestFormat:
    def test_pkr_in_en_pk(self):
        """A PKR amount reads the way Pakistani English expects."""
        assert Money("251722.80", "PKR").format(locale="en_PK") == "Rs251,722.80"

    def test_pkr_in_ur_pk(self):
        """Urdu (Pakistan) formatting from CLDR uses the same Latin digits and Rs sign."""
        assert Money("251722.80", "PKR").format(locale="ur_PK") == "Rs251,722.80"

    def test_usd_in_en_us(self):
        """A USD amount in American English."""
        assert Money("1234.5", "USD").format(locale="en_US") == "$1,234.50"

    def test_usd_in_en_pk_is_disambiguated(self):
        """In Pakistan, dollars are marked US$ so they are not taken for rupees."""
        assert Money("1234.5", "USD").format(locale="en_PK") == "US$1,234.50"

    def test_babel_options_pass_through(self):
        """babel's own argument names work."""
        assert (
            Money("1234.5", "USD").format(locale="en_US", format_type="name")
            == "1,234.50 US dollars"
        )

    def test_locale_is_required(self):
        """There is no default locale, and locale=None is refused (never babel's default)."""
        with pytest.raises(TypeError):
            Money(1, "USD").format()  # type: ignore[call-arg]
        with pytest.raises(InvalidTypeError) as info:
            Money(1, "USD").format(locale=None)  # type: ignore[arg-type]
        assert "locale" == info.value.field

    def test_negative_zero_shows_as_zero(self):
        """Money("-0") prints 0.00, in str(), format() and a format spec."""
        negative_zero = Money("-0", "USD")
        assert "USD 0.00" == str(negative_zero)
        assert "$0.00" == negative_zero.format(locale="en_US")
        assert "0.00" == f"{negative_zero:.2f}"
        assert Money.zero("USD") == negative_zero

    def test_str_and_format_spec(self):
        """str() shows at least the minor unit and never rounds; a format spec formats the amount."""
        assert "USD 1,234.50" == str(Money("1234.5", "USD"))
        assert "USD 0.00" == str(Money(0, "USD"))
        assert "USD 1.235" == str(Money("1.235", "USD"))
        assert "JPY 5" == str(Money(5, "JPY"))
        assert "1234.5" == f"{Money('1234.5', 'USD'):f}"
        assert "USD 2.00" == f"{Money(2, 'USD')}"

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"locale": "xx"}, "locale='xx'"),
            ({"locale": "en-PK"}, "locale='en-PK'"),
            ({"locale": "en_US", "format_type": "weird"}, "got 'weird'"),
        ],
    )
    def test_bad_locale_or_format_is_a_clear_error(self, kwargs, match):
        """Babel's own errors become InvalidValueError naming the argument."""
        with pytest.raises(InvalidValueError, match=match):
            Money(1, "USD").format(**kwargs)

    @pytest.mark.parametrize(
        ("locale", "read"),
        [
            ("en_ZZ", "en_US"),
            ("en_AAAA", "en"),
            ("EN_us", "en_US"),
            ("en_US.UTF-8", "en_US"),
            ("", None),
        ],
    )
    def test_a_locale_babel_would_read_as_another_is_refused(self, locale, read):
        """Regression (red team): these were formatted for another locale without a word."""
        with pytest.raises(InvalidValueError) as info:
            Money(1, "USD").format(locale=locale)
        assert ("locale", "a locale babel knows") == (info.value.field, info.value.rule)
        if read is not None:
            assert f"read it as {read!r}" in str(info.value)
        assert "US$1.00" == Money(1, "USD").format(locale="en_PK")

    @pytest.mark.parametrize(
        ("locale", "shown"),
        [
            ("pa_PK", "US$\xa01.00"),
            ("pa_Arab_PK", "US$\xa01.00"),
            ("zh_TW", "US$1.00"),
            ("sr_RS", "1,00\xa0US$"),
        ],
    )
    def test_a_locale_written_without_the_script_babel_adds_is_taken(self, locale, shown):
        """Regression (review): pa_PK is pa_Arab_PK to babel, the same locale; it was refused."""
        assert shown == Money(1, "USD").format(locale=locale)

    @pytest.mark.parametrize("locale", ["en_PK@x", "de_DE@euro", "en_US@calendar=x"])
    def test_a_locale_with_a_modifier_is_refused(self, locale):
        """Regression (second review): babel keeps "@euro" but formats as if it were absent."""
        with pytest.raises(InvalidValueError) as info:
            Money(1, "USD").format(locale=locale)
        assert ("locale", "a locale babel knows") == (info.value.field, info.value.rule)

    def test_a_str_subclass_cannot_answer_for_its_locale_name(self):
        """Regression (second review): a subclass equal to everything passed as 'en_ZZ'."""

        class Agreeable(str):
            __slots__ = ()

            def __eq__(self, other: object) -> bool:
                return True

            __hash__ = str.__hash__

        with pytest.raises(InvalidValueError):
            Money(1, "USD").format(locale=Agreeable("en_ZZ"))


class TestExchangeRate:
    def test_convert_rounds_to_quote_minor_unit(self):
        """Converting $899.01 at 280 gives PKR 251,722.80 (DOMAIN.md example)."""
        rate = ExchangeRate("USD", "PKR", "280.00", as_of=date(2026, 11, 20), source="SBP")
        assert Money("251722.80", "PKR") == rate.convert(Money("899.01", "USD"))
        assert Money("0.00", "PKR") == rate.convert(Money("0", "USD"))

    @pytest.mark.parametrize(
        ("base", "quote", "rate", "amount", "expected"),
        [
            # 150.456 yen, rounded half up to the yen (0 places), not to the dollar's cent.
            ("USD", "JPY", "150.456", "1.00", "150"),
            ("JPY", "USD", "0.006667", "1000", "6.67"),
            # 10.05 × 0.30712 = 3.086556 dinars, rounded half up to the fils (3 places).
            ("USD", "KWD", "0.30712", "10.05", "3.087"),
        ],
    )
    def test_convert_rounds_to_the_quote_currencys_own_minor_unit(
        self, base, quote, rate, amount, expected
    ):
        """Mutation r21 M1: rounding to the *base* currency's unit passed every test (USD→PKR)."""
        converted = ExchangeRate(base, quote, rate).convert(Money(amount, base))
        assert Money(expected, quote) == converted
        assert decimal.Decimal(expected).as_tuple().exponent == converted.amount.as_tuple().exponent

    def test_wrong_direction_refused(self):
        """A PKR amount given to a USD→PKR rate is refused, never inverted silently."""
        rate = ExchangeRate("USD", "PKR", "280")
        with pytest.raises(CurrencyMismatchError, match="converts USD to PKR"):
            rate.convert(Money(100, "PKR"))

    def test_inverse(self):
        """The inverse converts back within a rupee's rounding."""
        rate = ExchangeRate("USD", "PKR", "280")
        back = rate.inverse()
        assert (back.base, back.quote) == ("PKR", "USD")
        assert Money("100.00", "USD") == back.convert(Money(28000, "PKR"))

    def test_inverse_of_a_rate_with_cents_converts(self):
        """Regression: converting with the inverse of 280.50 rounds the product, never refuses it."""
        back = ExchangeRate("USD", "PKR", "280.50").inverse()
        assert Money("100.00", "USD") == back.convert(Money("28050.75", "PKR"))

    def test_inverse_keeps_date_and_source_and_18_places(self):
        """inverse() keeps as_of and source and rounds half up to exactly 18 decimal places."""
        rate = ExchangeRate("USD", "PKR", "3", as_of=date(2025, 1, 2), source="SBP")
        expected = ExchangeRate(
            "PKR", "USD", Decimal("0.333333333333333333"), as_of=date(2025, 1, 2), source="SBP"
        )
        assert expected == rate.inverse()
        assert Decimal("0.666666666666666667") == ExchangeRate("USD", "PKR", "1.5").inverse().rate

    def test_inverse_of_a_tiny_rate_is_a_library_error(self):
        """A rate whose inverse has more than 18 integer digits is refused, naming the inverse.

        It named ``ExchangeRate.rate``, the field of a rate the caller did not
        make (red team r23 L2).
        """
        with pytest.raises(InvalidValueError) as info:
            ExchangeRate("USD", "PKR", "0.000000000000000001").inverse()
        assert "inverse rate" == info.value.field

    def test_inverse_of_the_largest_rate_is_the_smallest_step(self):
        """The largest rate's inverse still rounds to a positive 18-place rate."""
        assert Decimal("1E-18") == ExchangeRate("USD", "PKR", "9" * 18).inverse().rate

    def test_convert_refuses_a_plain_number(self):
        """convert(5) is a library TypeError showing how to write Money."""
        with pytest.raises(InvalidTypeError, match=r'Money\("5", "USD"\)') as info:
            ExchangeRate("USD", "PKR", "280").convert(5)  # type: ignore[arg-type]
        assert "money" == info.value.field

    def test_with_spread(self):
        """A 2% spread lowers the rate to 98%."""
        assert (
            Decimal("274.40") == ExchangeRate("USD", "PKR", "280").with_spread(Decimal("0.02")).rate
        )

    @pytest.mark.parametrize("spread", [Decimal("0.02"), "0.02", "2%"])
    def test_a_spread_is_a_rate_like_every_rate(self, spread):
        """Regression (r11 audit #3): quote_withdrawal took spread="1%", with_spread refused
        it, while the fees page says "5%" and "0.05" are one rate everywhere."""
        assert Decimal("274.40") == ExchangeRate("USD", "PKR", "280").with_spread(spread).rate

    @pytest.mark.parametrize("spread", [Decimal("-0.01"), Decimal(1), "100%", "-1%"])
    def test_bad_spread_refused(self, spread):
        """A negative spread or one of 100% is refused."""
        with pytest.raises(InvalidValueError, match="spread"):
            ExchangeRate("USD", "PKR", "280").with_spread(spread)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"base": "USD", "quote": "USD", "rate": 1}, "must differ"),
            ({"base": "USD", "quote": "PKR", "rate": 0}, "positive"),
            ({"base": "USD", "quote": "PKR", "rate": 280.5}, "not float"),
            (
                {
                    "base": "USD",
                    "quote": "PKR",
                    "rate": 1,
                    "as_of": datetime(2026, 1, 1, tzinfo=timezone.utc),
                },
                "as_of",
            ),
            ({"base": "USD", "quote": "PKR", "rate": 1, "source": None}, "source"),
            ({"base": "US", "quote": "PKR", "rate": 1}, "ISO 4217"),
        ],
    )
    def test_bad_rates_refused(self, kwargs, match):
        """Equal currencies, non-positive or float rates and wrong field types are refused."""
        with pytest.raises(UpworkSafetyError, match=match):
            ExchangeRate(**kwargs)


@given(us.money())
def test_pickle_round_trip(m):
    """Money pickles and unpickles equal (for process pools)."""
    assert m == pickle.loads(pickle.dumps(m))


@pytest.mark.parametrize(
    ("method", "left", "right", "expected"),
    [
        ("__lt__", "1.00", "1.50", True),
        ("__lt__", "1.00", "1.00", False),
        ("__lt__", "1.50", "1.00", False),
        ("__le__", "1.00", "1.50", True),
        ("__le__", "1.00", "1.00", True),
        ("__le__", "1.50", "1.00", False),
        ("__gt__", "1.50", "1.00", True),
        ("__gt__", "1.00", "1.00", False),
        ("__gt__", "1.00", "1.50", False),
        ("__ge__", "1.50", "1.00", True),
        ("__ge__", "1.00", "1.00", True),
        ("__ge__", "1.00", "1.50", False),
        ("__gt__", "1.005", "1.00", True),
        ("__le__", "1.005", "1.00", False),
    ],
)
def test_comparison_dunders_answer_themselves(method, left, right, expected):
    """Each comparison dunder answers directly (not through Python's reflected fallback)."""
    assert expected is getattr(Money(left, "USD"), method)(Money(right, "USD"))


@pytest.mark.parametrize("method", ["__lt__", "__le__", "__gt__", "__ge__"])
def test_comparison_dunders_refuse_other_types(method):
    """Comparing with a non-Money raises the library's error, a TypeError (review r24 N3)."""
    with pytest.raises(InvalidTypeError) as caught:
        getattr(Money(1, "USD"), method)(Decimal(1))
    assert ("other", "Money of the same currency") == (caught.value.field, caught.value.rule)
    assert isinstance(caught.value, TypeError)


def test_format_passes_babel_arguments_through():
    """format= and currency_digits= reach babel unchanged; display never rounds (r11)."""
    usd = Money("1234.5", "USD")
    assert "1,234.500 $" == usd.format(locale="en_US", format="#,##0.000 ¤", currency_digits=False)
    yen = Money("1234.5", "JPY")
    assert "¥1,234.5" == yen.format(locale="en_US")
    assert "¥1,235" == yen.rounded().format(locale="en_US")
    assert "¥1,234.50" == yen.format(locale="en_US", currency_digits=False)


def test_format_spec_applies_to_the_amount():
    """A format spec formats the amount, half up; an empty spec gives str()."""
    usd = Money("1234.5", "USD")
    assert "1234.500" == f"{usd:.3f}"
    assert "2.13" == f"{Money('2.125', 'USD'):.2f}"
    assert "USD 1,234.50" == f"{usd}"


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: Money(1, "USD") + Money(1, "PKR"), CurrencyMismatchError, "currency"),
        (lambda: ExchangeRate("USD", "PKR", "x"), InvalidValueError, "ExchangeRate.rate"),
        (
            lambda: ExchangeRate("USD", "PKR", "1", as_of="2025-01-01"),
            InvalidTypeError,
            "ExchangeRate.as_of",
        ),
        (
            lambda: ExchangeRate("USD", "PKR", "1", source=3),
            InvalidTypeError,
            "ExchangeRate.source",
        ),
        (lambda: ExchangeRate("USD", "PKR", "280").with_spread("x"), InvalidValueError, "spread"),
        (lambda: ExchangeRate("USD", "USD", "1"), InvalidValueError, "ExchangeRate.quote"),
    ],
    ids=["add", "rate", "as_of", "source", "spread", "same"],
)
def test_refusals_name_the_field(build, error, field):
    """Each refusal names the field or operation in its *field* attribute."""
    with pytest.raises(error) as info:
        build()
    assert field == info.value.field


# --------------------------------------------------------------------------- caller's context


@pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=6),
        decimal.Context(prec=3, rounding=decimal.ROUND_DOWN),
        decimal.Context(prec=28, traps=[decimal.Inexact, decimal.Rounded]),
        decimal.Context(prec=28, Emax=10, Emin=-10),
    ],
    ids=["prec6", "prec3-down", "inexact-traps", "tiny-exponents"],
)
def test_results_ignore_the_callers_decimal_context(context):
    """No caller setting of decimal changes a result or raises decimal's own errors."""
    m = Money("123456.78", "USD")
    rate = ExchangeRate("USD", "PKR", "280.50")
    with decimal.localcontext(context):
        assert Money("246913.56", "USD") == m + m
        assert Money("0.00", "USD") == m - m
        assert Money("12345.678", "USD") == m * Decimal("0.1")
        assert Money("-123456.78", "USD") == -m
        assert Money("123456.78", "USD") == abs(-m)
        assert Money("12345.68", "USD") == (m * Decimal("0.1")).rounded()
        assert "USD 123,456.78" == str(m)
        assert "USD 0.00" == str(Money("-0", "USD"))
        assert "$123,456.78" == m.format(locale="en_US")
        assert Money("34629626.79", "PKR") == rate.convert(m)
        assert Decimal("0.003565062388591800") == rate.inverse().rate
        assert Money("100.00", "USD") == rate.inverse().convert(Money("28050.75", "PKR"))
        assert (Money("41152.26", "USD"),) * 3 == m.split(3)
        assert Decimal("274.890") == rate.with_spread(Decimal("0.02")).rate


# --------------------------------------------------------------------------- split and allocate


class TestSplitAndAllocate:
    def test_split_gives_leftover_cents_to_the_first_parts(self):
        """$10 in three: 3.34, 3.33, 3.33 (the leftover cent goes first)."""
        assert (Money("3.34", "USD"), Money("3.33", "USD"), Money("3.33", "USD")) == Money(
            "10", "USD"
        ).split(3)

    def test_split_in_one_and_of_zero(self):
        """Splitting in one part gives the amount; zero splits into zeros."""
        assert (Money("7.25", "USD"),) == Money("7.25", "USD").split(1)
        assert (Money("0.00", "USD"),) * 4 == Money.zero("USD").split(4)

    def test_split_of_a_negative_amount(self):
        """A negative amount splits the same way, each part negative."""
        assert (Money("-0.03", "USD"), Money("-0.02", "USD")) == Money("-0.05", "USD").split(2)

    def test_allocate_like_dinero(self):
        """allocate([70, 30]) and with a zero ratio: the leftover skips the zero part."""
        assert (Money("70.00", "USD"), Money("30.00", "USD")) == Money("100", "USD").allocate(
            [70, 30]
        )
        assert (Money("0.03", "USD"), Money("0.00", "USD"), Money("0.02", "USD")) == Money(
            "0.05", "USD"
        ).allocate([1, 0, 1])
        assert (Money("0.50", "USD"), Money("0.25", "USD"), Money("0.25", "USD")) == Money(
            "1.00", "USD"
        ).allocate(["0.5", "0.25", "0.25"])
        assert (Money("0.34", "USD"), Money("0.33", "USD"), Money("0.33", "USD")) == Money(
            "1.00", "USD"
        ).allocate([Decimal(1), "1", 1])

    def test_allocate_in_currencies_without_cents(self):
        """Minor units come from the currency: yen have none, dinars three."""
        assert (Money("34", "JPY"), Money("33", "JPY"), Money("33", "JPY")) == Money(
            "100", "JPY"
        ).split(3)
        assert (Money("0.334", "KWD"), Money("0.333", "KWD"), Money("0.333", "KWD")) == Money(
            "1", "KWD"
        ).split(3)

    @pytest.mark.parametrize(
        ("call", "error", "field"),
        [
            (lambda m: m.split(0), InvalidValueError, "parts"),
            (lambda m: m.split(MAX_PARTS + 1), InvalidValueError, "parts"),
            (lambda m: m.split(2.0), InvalidTypeError, "parts"),
            (lambda m: m.split(True), InvalidTypeError, "parts"),
            (lambda m: m.allocate([]), InvalidValueError, "ratios"),
            (lambda m: m.allocate([0, 0]), InvalidValueError, "ratios"),
            (lambda m: m.allocate([1, -1]), InvalidValueError, "ratios[1]"),
            (lambda m: m.allocate([1, 0.5]), InvalidTypeError, "ratios[1]"),
            (lambda m: m.allocate("70/30"), InvalidTypeError, "ratios"),
            (lambda m: m.allocate(5), InvalidTypeError, "ratios"),
            (lambda m: m.allocate(None), InvalidTypeError, "ratios"),
            (lambda m: Money("0.005", "USD").split(2), InvalidValueError, "amount"),
        ],
    )
    def test_bad_arguments_refused(self, call, error, field):
        """Bad part counts, ratios or sub-cent amounts give a library error naming the argument."""
        with pytest.raises(error) as info:
            call(Money("10", "USD"))
        assert field == info.value.field

    @given(
        us.money("USD").map(lambda m: m.rounded()),
        st.lists(st.integers(0, 1000) | st.decimals("0", "100", places=2), min_size=1, max_size=12),
    )
    def test_allocate_conserves_the_total_exactly(self, money, ratios):
        """Parts add up to the amount; each is within one cent of its exact share."""
        if not any(ratios):
            ratios = [*ratios, 1]
        parts = money.allocate(ratios)
        assert len(ratios) == len(parts)
        assert money == Money.total(parts, "USD")
        total = sum(Decimal(r) for r in ratios)
        for part, ratio in zip(parts, ratios, strict=True):
            exact = money.amount * Decimal(ratio) / total
            assert abs(part.amount - exact) < Decimal("0.01")
            if not ratio:
                assert not part

    @given(us.money("USD").map(lambda m: m.rounded()), st.integers(1, 50))
    def test_split_parts_differ_by_at_most_one_cent_largest_first(self, money, parts):
        """split(n): n parts summing to the amount, non-increasing in size, at most a cent apart."""
        shares = money.split(parts)
        assert money == Money.total(shares, "USD")
        sizes = [abs(s.amount) for s in shares]
        assert sizes == sorted(sizes, reverse=True)
        assert sizes[0] - sizes[-1] <= Decimal("0.01")


def test_a_conversion_too_large_to_hold_names_the_converted_amount():
    """USD 999,999,999,999,999.00 at 9999 is refused naming the PKR result, not the input."""
    rate = ExchangeRate("USD", "PKR", "9999")
    with pytest.raises(InvalidValueError) as info:
        rate.convert(Money("999999999999999", "USD"))
    assert "converted amount" == info.value.field
    assert "PKR 9,998,999,999,999,990,001.00" in str(info.value)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_places_read_from_the_text_agree_with_the_exponent(value):
    """The cheap count of decimal places is the exponent's, for every finite Decimal."""
    from upwork_safety.money import _places

    exponent = value.as_tuple().exponent
    assert (-exponent if exponent < 0 else 0) == _places(value)


@pytest.mark.parametrize(
    ("value", "places", "half_up", "down"),
    [
        ("5000.005", 2, "5000.01", "5000.00"),
        ("33.336", 2, "33.34", "33.33"),
        ("-1.239", 2, "-1.24", "-1.23"),  # down is toward zero
        ("7", 2, "7.00", "7.00"),
        ("0.125", 0, "0", "0"),
    ],
)
def test_the_two_rounding_helpers(value, places, half_up, down):
    """Half up for what a rule computes, down for a most; neither reads the caller's context."""
    with decimal.localcontext() as caller:
        caller.prec = 3
        caller.rounding = decimal.ROUND_CEILING
        assert Decimal(half_up) == money_module.round_half_up(Decimal(value), places)
        assert Decimal(down) == money_module.round_down(Decimal(value), places)
    assert places == -money_module.round_down(Decimal(value), places).as_tuple().exponent


@pytest.mark.parametrize("value", ["-0.001", "-0.00", "-0", "-0.004"])
def test_rounding_never_gives_a_negative_zero(value):
    """Red team r13 #5: 10% of a -0.00 income row was a fee expected of -0.00 in the audit."""
    for rounded in (
        money_module.round_half_up(Decimal(value), 2),
        money_module.round_down(Decimal(value), 2),
        money_module.rate_of(Money(value, "USD"), Decimal("0.10")).amount,
    ):
        assert ("0.00", False) == (str(rounded), rounded.is_signed())


@pytest.mark.parametrize("value", ["0.00", "-0.00", "0"])
def test_negating_or_multiplying_zero_gives_positive_zero(value):
    """Review r13 #2: a $0.00 fee row, negated into FeeCheck.charged, was -0.00 in records."""
    for computed in (-Money(value, "USD"), Money(value, "USD") * -3, Money(value, "USD") * 2):
        assert Decimal(0) == computed.amount
        assert not computed.amount.is_signed()


# --------------------------------------------------------------------------
# rate_of: a rate of an amount, rounded once (red-team money round, defect 3)
# --------------------------------------------------------------------------


def _half_up_cents(value: Fraction) -> Fraction:
    """*value* (not negative) rounded half up to the cent, by exact fractions."""
    return Fraction(math.floor(value * 100 + Fraction(1, 2)), 100)


@given(
    cents=st.integers(min_value=0, max_value=10**20 - 1),
    rate=st.decimals(min_value=0, max_value=Decimal("0.999999999999999999"), places=18),
    context=st.sampled_from(
        [decimal.Context(prec=6), decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)]
    ),
)
def test_rate_of_is_the_exact_product_rounded_half_up_once(cents, rate, context):
    """rate_of equals the exact product rounded half up to the cent, for any rate with up to
    18 places and any caller's context (Money * rate refuses such products with 19+ places)."""
    amount = Money(Decimal(cents).scaleb(-2), "USD")
    with decimal.localcontext(context):
        share = money_module.rate_of(amount, rate)
    expected = _half_up_cents(Fraction(amount.amount) * Fraction(rate))
    assert ("USD", expected) == (share.currency, Fraction(share.amount))
    assert share.is_rounded()


def test_rate_of_a_rate_with_eighteen_places():
    """Regression: 14.9999999999999999% of USD 100.01 is USD 15.00 (exactly 15.00149999…)."""
    rate = Decimal("0.149999999999999999")
    with pytest.raises(InvalidValueError):
        Money("100.01", "USD") * rate  # the unrounded product has 20 places
    assert Money("15.00", "USD") == money_module.rate_of(Money("100.01", "USD"), rate)
    assert Money("0", "JPY") == money_module.rate_of(Money("499", "JPY"), Decimal("0.001"))
    assert Money("1", "JPY") == money_module.rate_of(Money("500", "JPY"), Decimal("0.001"))


@pytest.mark.parametrize(
    ("money", "rate", "error", "field"),
    [
        ("100.00", Decimal("0.1"), InvalidTypeError, "money"),
        (Money("100.00", "USD"), Decimal(1), InvalidValueError, "rate"),
        (Money("100.00", "USD"), Decimal("-0.1"), InvalidValueError, "rate"),
        (Money("100.00", "USD"), 0.1, InvalidTypeError, "rate"),
    ],
)
def test_rate_of_refuses_what_is_not_a_fraction_of_money(money, rate, error, field):
    """rate_of takes Money and a fraction from 0 below 1, naming the argument at fault."""
    with pytest.raises(error) as info:
        money_module.rate_of(money, rate)
    assert field == info.value.field


_AS_IT_IS = "a babel number pattern that shows the amount as it is"


@pytest.mark.parametrize(
    ("kwargs", "error", "field", "rule"),
    [
        ({"format": 5}, InvalidTypeError, "format", "a babel number pattern"),
        ({"format": "abc"}, InvalidValueError, "format", "a babel number pattern with a digit"),
        ({"format": "   "}, InvalidValueError, "format", "a babel number pattern with a digit"),
        ({"format": "'0'abc"}, InvalidValueError, "format", "a babel number pattern with a digit"),
        ({"format": "0" * 201}, InvalidValueError, "format", "at most 200 characters"),
        ({"format": "0%"}, InvalidValueError, "format", _AS_IT_IS),  # 123456.00%
        ({"format": "0‰"}, InvalidValueError, "format", _AS_IT_IS),  # 1234560.00‰
        ({"format": "#E0"}, InvalidValueError, "format", _AS_IT_IS),  # 1.23E3
        # Red team r14 F5: significant digits and sign-less negative subpatterns.
        ({"format": "¤@@"}, InvalidValueError, "format", _AS_IT_IS),  # $1200
        ({"format": "0.0;@@"}, InvalidValueError, "format", _AS_IT_IS),  # 1000
        ({"format": "'@'0.00"}, InvalidValueError, "format", _AS_IT_IS),  # -@1000
        ({"format": "0.00;0.00"}, InvalidValueError, "format", _AS_IT_IS),  # 1234.24 for -1234.24
        ({"format": "#;#"}, InvalidValueError, "format", _AS_IT_IS),
        ({"format": "(¤#,##0.00);(¤#,##0.00)"}, InvalidValueError, "format", _AS_IT_IS),
        ({"format": "-0.00;-0.00"}, InvalidValueError, "format", _AS_IT_IS),
        ({"format_type": None}, InvalidTypeError, "format_type", None),
        ({"format_type": "nope"}, InvalidValueError, "format_type", None),
        ({"currency_digits": "false"}, InvalidTypeError, "currency_digits", "a bool"),
        ({"currency_digits": []}, InvalidTypeError, "currency_digits", "a bool"),
    ],
)
def test_format_names_the_argument_at_fault(kwargs, error, field, rule):
    """Regression (error sweep, r10): every babel failure was blamed on ``locale``; a pattern
    without a digit returned the pattern (``format='abc'`` gave ``'abc'``: the amount
    dropped), ``currency_digits='false'`` meant True, and a 10 MB pattern took 1.4 GB."""
    with pytest.raises(error) as info:
        Money("100.00", "USD").format(locale="en_US", **kwargs)
    assert field == info.value.field
    if rule is not None:
        assert rule == info.value.rule
    else:
        assert "standard" in (info.value.rule or "")


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("¤#,##0.00;(¤#,##0.00)", "($1,234.24)"),
        ("0.00;-0.00", "-1234.24"),
        ("¤#,##0.00", "-$1,234.24"),
    ],
)
def test_format_keeps_negative_subpatterns_that_show_the_sign(pattern, shown):
    """A negative subpattern with a minus sign or brackets still shows a negative amount."""
    assert shown == Money("-1234.24", "USD").format(locale="en_US", format=pattern)


def test_format_keeps_patterns_that_show_the_amount():
    """Patterns with a digit, and each format type, still format as babel does."""
    amount = Money("1234.50", "USD")
    assert "$1,234.50" == amount.format(locale="en_US", format="¤#,##0.00")
    assert "1234.50" == amount.format(locale="en_US", format="0")
    assert "$1,234.50" == amount.format(locale="en_US", format_type="accounting")
    assert "1,234.50 US dollars" == amount.format(locale="en_US", format_type="name")


@pytest.mark.parametrize(
    ("amount", "currency", "kwargs", "shown"),
    [
        ("1.004", "USD", {}, "$1.004"),
        ("33.3360", "USD", {}, "$33.336"),
        ("-0.004", "USD", {}, "-$0.004"),
        ("1.5", "JPY", {}, "¥1.5"),
        ("1.004", "USD", {"currency_digits": False}, "$1.004"),
        ("1.004", "USD", {"format": "¤#,##0"}, "$1.004"),
        ("1234.5", "USD", {}, "$1,234.50"),
        ("1234", "USD", {"format": "¤#,##0", "currency_digits": False}, "$1,234"),
    ],
)
def test_format_never_rounds_an_amount_away(amount, currency, kwargs, shown):
    """Regression (r11 audit #2): USD 1.004 showed as "$1.00" and USD -0.004 as "-$0.00";
    the currency's (or the pattern's) decimals are the fewest shown, never the most."""
    assert shown == Money(amount, currency).format(locale="en_US", **kwargs)
    assert "$1.00" == Money("1.004", "USD").rounded().format(locale="en_US")


#: Red team r18 L2: a pickle that names Money and builds it with NEWOBJ, sending no state.
_NO_STATE = b"\x80\x02cupwork_safety.money\nMoney\n)\x81."


@pytest.mark.parametrize(
    ("use", "field"),
    [
        (lambda empty: Money("1.00", "USD") + empty, "other"),
        (lambda empty: empty - Money("1.00", "USD"), "self"),
        (lambda empty: Money("1.00", "USD") < empty, "other"),
        (lambda empty: Payment(date(2024, 1, 2), empty), "Payment.amount"),
        (
            lambda empty: Contract(
                "c1", "cl", ContractKind.HOURLY, date(2024, 1, 1), hourly_rate=empty
            ),
            "Contract.hourly_rate",
        ),
        (lambda empty: fees.service_fee(empty, on=date(2024, 1, 2)), "amount"),
        (lambda empty: ExchangeRate("USD", "PKR", "280").convert(empty), "money"),
    ],
    ids=["add", "subtract", "compare", "Payment", "hourly_rate", "service_fee", "convert"],
)
def test_a_money_without_its_fields_is_refused_naming_the_field(use, field):
    """A Money loaded with no state gave AttributeError wherever it went; a library error now."""
    empty = pickle.loads(_NO_STATE)
    with pytest.raises(InvalidValueError) as info:
        use(empty)
    assert (field, "a Money built by its constructor") == (info.value.field, info.value.rule)


def test_the_digit_limit_rules_are_one_text_each_imported_where_used():
    """The limit rules live once, in ``_decimals``; no site retypes them (review r33, review 6).

    ``_cli/_args.py`` told a digit limit apart by three f-strings of its own, and the fee
    engines raised it by retyping ``_decimals``' wording.
    """
    import pathlib

    from upwork_safety import _decimals

    assert {
        "at most 18 integer digits",
        "at most 18 decimal places",
        "at most 60 decimal places written",
    } == _decimals.DIGIT_LIMIT_RULES
    with pytest.raises(InvalidValueError) as info:
        Money("1" * 19, "USD")
    assert _decimals.INTEGER_DIGITS_RULE == info.value.rule
    src = pathlib.Path(_decimals.__file__).parent
    retyped = [
        f"{path.relative_to(src)}:{number}"
        for path in sorted(src.rglob("*.py"))
        if path.name != "_decimals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(
            f'"at most {{{name}}} {words}' in line
            for name in ("MAX_DIGITS", "CONTEXT.prec")
            for words in ("integer digits", "decimal places")
        )
    ]
    assert [] == retyped
