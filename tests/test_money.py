"""Tests for upwork_safety.money: exact amounts, currencies, rounding, formatting."""

import pickle
from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from upwork_safety import CurrencyMismatchError, ExchangeRate, Money, UpworkSafetyError
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import MAX_DIGITS, minor_unit
from upwork_safety.testing import strategies as us


class TestConstruction:
    def test_amount_kept_exactly(self):
        """A str amount becomes the same Decimal, trailing zeros included."""
        assert Decimal("1000.00") == Money("1000.00", "USD").amount
        assert str(Money("1000.00", "USD").amount) == "1000.00"

    @pytest.mark.parametrize("value", [5, Decimal(5), "5", " 5 ", "5_0"])
    def test_int_decimal_str_accepted(self, value):
        """int, Decimal and str amounts are accepted (str may use _ and spaces)."""
        assert Money(value, "USD").amount in (Decimal(5), Decimal(50))

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

    @pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf", Decimal("nan")])
    def test_not_finite_refused(self, value):
        """NaN and infinities are refused."""
        with pytest.raises(InvalidValueError, match="finite"):
            Money(value, "USD")

    def test_garbage_string_refused(self):
        """A string that is not a number names the field."""
        with pytest.raises(InvalidValueError, match="Money.amount must be a decimal number"):
            Money("12,50", "USD")

    def test_too_many_digits_refused(self):
        """40-digit amounts are refused clearly instead of silently rounded."""
        with pytest.raises(InvalidValueError, match=f"at most {MAX_DIGITS} digits"):
            Money("1" * 40, "USD")

    def test_too_many_places_refused(self):
        """Absurd precision below the decimal point is refused too."""
        with pytest.raises(InvalidValueError, match="decimal places"):
            Money("0." + "0" * 30 + "1", "USD")

    @pytest.mark.parametrize("code", ["usd", "XYZ", "", "DOLLARS"])
    def test_unknown_currency_refused(self, code):
        """Unknown ISO codes are a ValueError naming the field."""
        with pytest.raises(ValueError, match="currency must be an ISO 4217"):
            Money(1, code)

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

    def test_multiply_and_divide(self):
        """Multiplying by int/Decimal and dividing never round."""
        m = Money("333.36", "USD")
        assert Money("33.336", "USD") == m * Decimal("0.1")
        assert Money("666.72", "USD") == 2 * m
        assert Money("111.12", "USD") == m / 3

    def test_multiply_by_float_refused(self):
        """A float factor is refused like a float amount."""
        with pytest.raises(TypeError, match="not a float"):
            Money(1, "USD") * 0.5  # type: ignore[operator]
        with pytest.raises(TypeError, match="not a float"):
            Money(1, "USD") / 0.5  # type: ignore[operator]

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

    def test_divide_by_zero_refused(self):
        """Division by zero is a clear error."""
        with pytest.raises(InvalidValueError, match="zero"):
            Money(1, "USD") / 0

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
        """There is no default locale."""
        with pytest.raises(TypeError):
            Money(1, "USD").format()  # type: ignore[call-arg]

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
            ({"locale": "xx"}, "unknown locale 'xx'"),
            ({"locale": "en-PK"}, "locale='en-PK'"),
            ({"locale": "en_US", "format_type": "weird"}, "format_type='weird'"),
        ],
    )
    def test_bad_locale_or_format_is_a_clear_error(self, kwargs, match):
        """Babel's own errors become InvalidValueError naming the argument."""
        with pytest.raises(InvalidValueError, match=match):
            Money(1, "USD").format(**kwargs)


class TestExchangeRate:
    def test_convert_rounds_to_quote_minor_unit(self):
        """Converting $899.01 at 280 gives PKR 251,722.80 (DOMAIN.md example)."""
        rate = ExchangeRate("USD", "PKR", "280.00", as_of=date(2026, 11, 20), source="SBP")
        assert Money("251722.80", "PKR") == rate.convert(Money("899.01", "USD"))
        assert Money("0.00", "PKR") == rate.convert(Money("0", "USD"))

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

    def test_with_spread(self):
        """A 2% spread lowers the rate to 98%."""
        assert (
            Decimal("274.40") == ExchangeRate("USD", "PKR", "280").with_spread(Decimal("0.02")).rate
        )

    @pytest.mark.parametrize("spread", [Decimal("-0.01"), Decimal(1)])
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
