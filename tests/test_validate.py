"""Tests for the shared argument rules in upwork_safety._validate (sequences, rates, days)."""

import enum
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from test_scale import VALUE_CLASSES, VALUES
from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    Feedback,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    escrow,
    serialize,
)
from upwork_safety._amount_fields import cents_field, money_field
from upwork_safety._decimals import fraction
from upwork_safety._moments import utc_day, utc_instant
from upwork_safety._text import _DEFAULT_IGNORABLE, ID_RULE, is_blank
from upwork_safety._validate import id_field, sequence_of
from upwork_safety.escrow import Choices
from upwork_safety.fees import Payday, WithdrawalMethod
from upwork_safety.hourly import Segment
from upwork_safety.jss import JSSRules


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.10"), Decimal("0.10")),
        ("0.10", Decimal("0.10")),
        (0, Decimal(0)),
        ("10%", Decimal("0.1")),
        ("2.5%", Decimal("0.025")),
        ("0%", Decimal(0)),
    ],
)
def test_a_rate_is_a_fraction_or_a_percentage(value, expected):
    """Rates are fractions; text ending in % is a percentage: one rule everywhere."""
    assert expected == fraction(value, "rate")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("10", InvalidValueError),
        (Decimal(1), InvalidValueError),
        ("100%", InvalidValueError),
        ("-1%", InvalidValueError),
        (Decimal("-0.01"), InvalidValueError),
        ("ten%", InvalidValueError),
        ("%", InvalidValueError),
        (0.1, InvalidTypeError),
        (True, InvalidTypeError),
        (None, InvalidTypeError),
    ],
)
def test_bad_rates_name_the_argument(value, error):
    """A rate of 1 or more, negative, not a number or a float is refused, naming the argument."""
    with pytest.raises(error) as info:
        fraction(value, "rate")
    assert "rate" == info.value.field


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.0000000000000001%", Decimal("1E-18")),  # 16 places: 18 as a fraction
        ("99.9999999999999999%", Decimal("0.999999999999999999")),
        ("1.000000000000000000000%", Decimal("0.01")),  # zeros hold no digit
    ],
)
def test_a_percentage_within_the_decimal_limit_is_read(value, expected):
    """A percentage whose fraction has at most 18 places is read exactly."""
    assert expected == fraction(value, "rate")


@pytest.mark.parametrize(
    "value", ["0.000000000000000001%", "0.00000000000000001%", "1.00000000000000001%"]
)
def test_a_percentage_beyond_the_decimal_limit_names_the_argument(value):
    """A percentage with more than 16 places (over 18 as a fraction) is refused where it is read."""
    with pytest.raises(InvalidValueError) as info:
        fraction(value, "tax_rate")
    assert "tax_rate" == info.value.field
    assert "at most 18 decimal places" == info.value.rule


def test_a_rate_of_ten_suggests_the_fraction():
    """rate="10" (meaning 10%) is refused with the fraction to write instead."""
    with pytest.raises(InvalidValueError, match=r"write 0\.1 or '10%'"):
        fraction("10", "rate")
    assert Decimal(3) == fraction("3", "multiplier", below_one=False)


@pytest.mark.parametrize("value", [None, 5, "payoneer", b"x", {"a": 1}, Money(1, "USD")])
def test_a_sequence_argument_refuses_scalars_strings_and_none(value):
    """A scalar, None, a string or a mapping is never read as a sequence."""
    with pytest.raises(InvalidTypeError) as info:
        sequence_of(value, int, "items")
    assert "items" == info.value.field


def test_a_sequence_checks_each_item_with_its_index():
    """Each item's type is checked; the error names its index; a lone item gets a hint."""
    assert (1, 2) == sequence_of([1, 2], int, "items")
    assert (1, 2) == sequence_of(iter([1, 2]), int, "items")
    with pytest.raises(InvalidTypeError) as info:
        sequence_of([1, "2"], int, "items")
    assert "items[1]" == info.value.field
    with pytest.raises(InvalidTypeError, match="wrap a single one in a list"):
        sequence_of(Money(1, "USD"), Money, "amounts")


def test_days_and_instants():
    """A date is its own day; an aware datetime its UTC day and instant; naive is refused."""
    karachi = timezone(timedelta(hours=5))
    assert date(2026, 3, 1) == utc_day(datetime(2026, 3, 2, 3, tzinfo=karachi), "on")
    assert date(2026, 3, 2) == utc_day(date(2026, 3, 2), "on")
    moment = utc_instant(datetime(2026, 3, 2, 3, tzinfo=karachi), "at")
    assert (datetime(2026, 3, 1, 22, tzinfo=timezone.utc), timezone.utc) == (
        moment,
        moment.tzinfo,
    )
    with pytest.raises(InvalidValueError) as naive:
        utc_day(datetime(2026, 3, 2), "on")
    assert "on" == naive.value.field
    with pytest.raises(InvalidTypeError):
        utc_day("2026-03-02", "on")
    with pytest.raises(InvalidValueError):
        utc_instant(datetime(9999, 12, 31, tzinfo=timezone.utc), "at")


class _SlowDecimal(Decimal):
    """A Decimal subclass: fraction() reads it the general way (to_decimal), never the fast one."""


_RATE_EDGES = [
    "0.10",
    "0.1",
    "0",
    "-0",
    "-0.00",
    "0.9999",
    "0.999999999999999999",  # 18 places: the most the fast path takes
    "0.9999999999999999999",  # 19 places: refused
    "0.1000000000000000000000",  # 22 places, only zeros past 18: accepted the slow way
    "0.00001",
    "1E-7",  # printed with an exponent
    "0E-25",
    "0E-100",  # zero written with more places than the library's precision
    "1",
    "1.0",
    "1.5",
    "-0.01",
    "-1E-30",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "1E+999999",
    "1E-999999",
    "10",
]


def _outcome(call):
    try:
        value = call()
    except (InvalidTypeError, InvalidValueError) as error:
        return type(error), error.field, error.rule
    return "ok", str(value), type(value)


@pytest.mark.parametrize("text", _RATE_EDGES)
@pytest.mark.parametrize("below_one", [True, False])
def test_a_decimal_rate_is_judged_the_same_fast_or_slow(text, below_one):
    """A plain Decimal rate takes fraction()'s fast path; a subclass the general one: same answer.

    Same value (to the digit: ``0.10`` stays ``0.10``) or the same error
    (class, field, rule), for the edge values of each limit.
    """
    fast = _outcome(lambda: fraction(Decimal(text), "rate", below_one=below_one))
    slow = _outcome(lambda: fraction(_SlowDecimal(text), "rate", below_one=below_one))
    assert fast == slow


@pytest.mark.parametrize("value", [*(Decimal(text) for text in _RATE_EDGES), "10%", "0.10", 0])
def test_a_contract_fee_rate_is_the_one_rate_rule(value):
    """Contract.service_fee_rate accepts and refuses exactly what fraction() does."""
    expected = _outcome(lambda: fraction(value, "Contract.service_fee_rate"))
    got = _outcome(
        lambda: (
            Contract(
                "c1", "client", ContractKind.FIXED_PRICE, date(2025, 1, 6), service_fee_rate=value
            ).service_fee_rate
        )
    )
    assert expected == got


def test_a_fast_rate_is_the_value_given():
    """The fast path returns the Decimal it was given, digits and all."""
    rate = Decimal("0.9999")
    assert fraction(rate, "rate") is rate
    assert "0.10" == str(fraction(Decimal("0.10"), "rate"))


def test_a_sequence_of_several_kinds_names_them_all():
    """With several kinds, the messages and rules name each, joined with "or"."""
    assert (1, "2") == sequence_of([1, "2"], (int, str), "items")
    with pytest.raises(InvalidTypeError) as info:
        sequence_of([1, 2.5], (int, str), "items")
    assert ("items[1]", "a int or str") == (info.value.field, info.value.rule)
    assert "float" in str(info.value)  # names what it got
    with pytest.raises(InvalidTypeError) as info:
        sequence_of(3, (int, str), "items")
    assert ("items", "a sequence of int or str") == (info.value.field, info.value.rule)


def test_a_naive_datetime_for_a_day_says_to_pass_a_date():
    """Fifth round (newcomer): a naive pandas Timestamp as as_of was told to add a time zone;
    for a day, the message says to pass a date."""
    from datetime import datetime

    from upwork_safety import jss

    with pytest.raises(InvalidValueError) as info:
        jss.score([], as_of=datetime(2025, 4, 30))
    assert "as_of" == info.value.field
    assert ".date()" in str(info.value)


# --------------------------------------------------------------------------- plain values


class _Text(str):
    """A str subclass that answers for itself: equal to any casing, never blank."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.lower() == other.lower()

    __hash__ = str.__hash__

    def isspace(self) -> bool:
        return False


class _Count(int):
    """An int subclass (as an IntEnum member is one)."""


class _Cents(Money):
    """A Money subclass with a method of its own."""

    def cents(self) -> int:
        return int(self.amount * 100)


def _subclassed(value: object) -> tuple[object, type] | None:
    """*value* as a subclass of its plain type (str, int or Money), and that type; else None."""
    if type(value) is str:
        return _Text(value), str
    if type(value) is int:
        return _Count(value), int
    if type(value) is Money:
        return _Cents(value.amount, value.currency), Money
    return None


#: The fields that refuse a subclass instead of storing it plain: a rule set's name, read
#: through RuleHistory's protocol (pyright cannot match a field with a converter to it), and
#: Summary.by (a Literal, which a converter returning str would widen).
REFUSING = {
    "ExportTaxRules.name",
    "JSSRules.name",
    "PaymentScheduleRules.name",
    "PlatformRules.name",
    "RetentionRules.name",
    "ServiceFeeSchedule.name",
    "Summary.by",
}


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__qualname__)
def test_every_field_stores_the_plain_value_of_a_subclass(cls):
    """A str, int or Money subclass given to a field is stored plain (a few refuse it); never kept."""
    for value in VALUES[cls][:2]:
        for field in attrs.fields(cls):
            given = _subclassed(getattr(value, field.name))
            if not field.init or given is None:
                continue
            subclass, plain = given
            name = f"{cls.__name__}.{field.name}"
            if name in REFUSING:
                with pytest.raises(InvalidTypeError) as info:
                    attrs.evolve(value, **{field.alias: subclass})
                assert name == info.value.field
                continue
            built = attrs.evolve(value, **{field.alias: subclass})
            assert plain is type(getattr(built, field.name)), name
            assert value == built


def _item_subclassed(items: tuple) -> Iterator[tuple[str, tuple, type]]:
    """Each way to make one item of *items* (or one part of a pair in it) a subclass.

    Yields the position (``[i]`` or ``[i][j]``), the new tuple, and the plain type.
    """
    for index, item in enumerate(items[:3]):
        given = _subclassed(item)
        if given is not None:
            yield f"[{index}]", (*items[:index], given[0], *items[index + 1 :]), given[1]
        elif type(item) is tuple:
            for part, inner in enumerate(item):
                given = _subclassed(inner)
                if given is not None:
                    pair = (*item[:part], given[0], *item[part + 1 :])
                    changed = (*items[:index], pair, *items[index + 1 :])
                    yield f"[{index}][{part}]", changed, given[1]


def _item(value: tuple, position: str) -> object:
    """The item of *value* at *position* (``[i]`` or ``[i][j]``)."""
    for index in position.strip("[]").split("]["):
        value = value[int(index)]
    return value


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__qualname__)
def test_every_tuple_field_stores_plain_items(cls):
    """A str, int or Money subclass given as an item of a tuple field (or a part of a pair in
    it) is stored plain.  Regression: Choices.refused, Payday.weeks, JSSRules.windows,
    WithdrawalMethod.business_days and .sources[i][0], and Segment.entries kept them."""
    checked = 0
    for value in VALUES[cls][:3]:
        for field in attrs.fields(cls):
            items = getattr(value, field.name)
            if not field.init or type(items) is not tuple:
                continue
            for position, changed, plain in _item_subclassed(items):
                built = attrs.evolve(value, **{field.alias: changed})
                name = f"{cls.__name__}.{field.name}{position}"
                assert plain is type(_item(getattr(built, field.name), position)), name
                assert value == built, name
                checked += 1
    assert checked or cls not in _HAS_TUPLE_ITEMS


#: Classes whose sample values hold a str, int or Money inside a tuple field: the sweep above
#: must have checked at least one item of each (so a sample losing its items is noticed).
_HAS_TUPLE_ITEMS = {Choices, JSSRules, Payday, Segment, WithdrawalMethod}


def test_a_money_subclass_round_trips_as_plain_money():
    """Regression: a Money subclass was kept, so from_dict(to_dict(x)) != x."""
    milestone = Milestone("m1", "Logo, 3 concepts", _Cents("100.00", "USD"))
    payment = Payment(date(2025, 1, 1), _Cents("5", "USD"))
    assert Money is type(milestone.amount)
    assert milestone == serialize.from_dict(Milestone, serialize.to_dict(milestone))
    assert payment == serialize.from_json(Payment, serialize.to_json(payment))


def test_a_client_subclass_is_stored_as_a_plain_client():
    """Regression: Contract.client kept a Client subclass, so the contract did not round-trip."""

    class Vip(Client):
        pass

    contract = Contract("c", Vip("acme", "Acme"), ContractKind.FIXED_PRICE, date(2025, 1, 1))
    assert Client("acme", "Acme") == contract.client
    assert Client is type(contract.client)
    assert contract == serialize.from_dict(Contract, serialize.to_dict(contract))


def test_ids_are_plain_text_read_with_str_methods():
    """A str subclass is stored as the text it holds; its own __eq__ and isspace() are not asked."""
    caseless = Client(_Text("acme"))
    assert str is type(caseless.id)
    assert Client("ACME") != caseless
    assert Client("acme") == caseless
    with pytest.raises(InvalidValueError) as info:
        Client(_Text("   "))
    assert "Client.id" == info.value.field


def test_numpy_text_ids_work_as_plain_text():
    """Notebook ids (numpy.str_) keep working, stored as plain str."""
    numpy = pytest.importorskip("numpy")
    client = Client(numpy.str_("acme"))
    assert str is type(client.id)
    assert Client("acme") == client
    milestone = Milestone(numpy.str_("m1"), numpy.str_("Logo, 3 concepts"), Money("1", "USD"))
    assert ("m1", "Logo, 3 concepts") == (milestone.id, milestone.title)
    assert (str, str) == (type(milestone.id), type(milestone.title))


def test_an_int_enum_private_score_is_stored_as_an_int():
    """Regression: Feedback(private_score=IntEnum member) stored the member."""

    class Score(enum.IntEnum):
        HIGH = 9

    feedback = Feedback(private_score=Score.HIGH)
    assert 9 == feedback.private_score
    assert int is type(feedback.private_score)
    assert "Feedback(stars=None, private_score=9, end_reason=None)" == repr(feedback)


@attrs.frozen
class _Unconverted:
    """A value whose fields have validators but no converters."""

    name: str = attrs.field(validator=id_field)
    amount: Money = attrs.field(validator=money_field)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": _Text("x")}, "_Unconverted.name"),
        ({"amount": _Cents("1", "USD")}, "_Unconverted.amount"),
    ],
)
def test_a_subclass_reaching_a_field_without_its_converter_is_refused(changes, field):
    """The validators refuse a subclass (never keep it) when no converter made it plain."""
    with pytest.raises(InvalidTypeError) as info:
        _Unconverted(**{"name": "x", "amount": Money("1", "USD"), **changes})
    assert field == info.value.field


def _choices() -> escrow.Choices:
    """The choices of a fixed-price contract's one milestone, not yet funded."""
    contract = Contract(
        "c",
        "a",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Logo, 3 concepts", Money("100", "USD"))],
    )
    return escrow.allowed(contract, "m1")


def test_choices_name_manual_events_and_store_them_plain():
    """Regression: Choices.refused kept a caseless str subclass (equal Choices hashed apart)
    and took "SUBMIT", which names no event; allowed and refused now hold event names."""
    choices = _choices()
    event, why = choices.refused[0]
    odd = attrs.evolve(choices, refused=((_Text(event), why), *choices.refused[1:]))
    assert (str, choices, hash(choices)) == (type(odd.refused[0][0]), odd, hash(odd))
    for field, value in [
        ("refused", (("SUBMIT", why),)),
        ("allowed", ("SUBMIT",)),
    ]:
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(choices, **{field: value})
        assert (f"Choices.{field}[0]" + ("[0]" if field == "refused" else "")) == info.value.field
        assert "a manual escrow event" == info.value.rule


def test_choices_name_every_manual_event_once():
    """Regression (review): Choices with an event allowed twice, or both allowed and refused,
    or with nothing at all built, and reason() then called a real event 'not a manual escrow
    event'. Every manual event is named once, allowed or refused."""
    choices = _choices()
    first, why = choices.refused[0]
    count = len(choices.allowed)
    # The field is where the repeat is (review r33, review 2); a name left out is nowhere.
    for allowed, refused, field in [
        ((), (), "Choices.refused"),
        ((*choices.allowed, *choices.allowed[:1]), choices.refused, f"Choices.allowed[{count}]"),
        ((*choices.allowed, first), choices.refused, "Choices.refused[0][0]"),
        (choices.allowed, choices.refused[1:], "Choices.refused"),
    ]:
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(choices, allowed=allowed, refused=refused)
        assert (field, "every manual escrow event once") == (info.value.field, info.value.rule)
    moved = attrs.evolve(
        choices,
        allowed=(*choices.allowed, first),
        refused=choices.refused[1:],
        refused_rules=choices.refused_rules[1:],
    )
    assert (None, why) == (moved.reason(first), choices.reason(first))


# ============================================================================ the blank rule

#: The format characters Unicode leaves out of Default_Ignorable_Code_Point because
#: they show a glyph (Prepended_Concatenation_Mark), and the interlinear annotation
#: and Egyptian hieroglyph format characters.
_VISIBLE_FORMAT = frozenset(
    [
        *range(0x0600, 0x0606),
        *(0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD),
        *range(0xFFF9, 0xFFFC),
        *range(0x13430, 0x13440),
    ]
)


@pytest.mark.parametrize(
    "text",
    ["\u0600", "\u0605", "\u06dd", "\u070f", "\u08e2", "\U000110bd", "\U000110cd", "\ufff9",
     "\u200b\u06dd", "a\u200b"],
)  # fmt: skip
def test_a_format_character_that_shows_a_glyph_is_not_blank(text):
    """Review r8 #6: the Arabic number signs and END OF AYAH show; ids of them are kept.

    An id holding a zero-width space besides is refused since review r39 (review 2): it is
    not blank, but a reader cannot see all of it."""
    assert not is_blank(text)
    if "\u200b" in text or text == "\ufff9":  # the interlinear anchor prints nothing (hostile2 6)
        with pytest.raises(InvalidValueError) as caught:
            Client(text)
        assert caught.value.rule == ID_RULE
    else:
        assert text == Client(text).id


@pytest.mark.parametrize(
    "text",
    ["", " ", "\xa0", "\u3000", "\x00", "\x1c", "\x7f", "\x85", "\u200b", "\u200d", "\u2060",
     "\ufeff", "\u00ad", "\u034f", "\ufe0f", "\U000e0101", "\u3164", "\uffa0", "\u115f",
     "\u2800", "\U000e0041", " \u034f\ufe0f\t"],
)  # fmt: skip
def test_white_space_controls_and_default_ignorables_are_blank(text):
    """Review r8 #6: the combining grapheme joiner and variation selectors show nothing too."""
    assert is_blank(text)
    with pytest.raises(InvalidValueError) as info:
        Client(text)
    assert ("Client.id", "not empty") == (info.value.field, info.value.rule)


def test_the_default_ignorable_table_follows_its_unicode_derivation():
    """The table is DerivedCoreProperties' list: its 4174 code points, every invisible Cf in it."""
    table = {code for low, high in _DEFAULT_IGNORABLE for code in range(low, high + 1)}
    assert 4174 == len(table)
    assert sorted(_DEFAULT_IGNORABLE) == list(_DEFAULT_IGNORABLE)
    format_characters = {
        code for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"
    }
    assert set() == (format_characters - _VISIBLE_FORMAT) - table
    assert set() == table & _VISIBLE_FORMAT
    assert set() == {code for code in table if chr(code).isspace()}


class _Lying(Money):
    """A Money subclass that claims to be plain Money and to hold whole cents."""

    @property  # type: ignore[override]
    def __class__(self) -> type:  # the lie under test
        return Money

    def is_rounded(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("value", "error", "rule"),
    [
        (Money("5.005", "USD"), InvalidValueError, "whole minor units"),
        (Money("-5.00", "USD"), InvalidValueError, "not negative"),
        (_Cents("5.00", "USD"), InvalidTypeError, "a plain Money"),
        (_Lying("5.005", "USD"), InvalidTypeError, "a plain Money"),
        (Decimal("5.00"), InvalidTypeError, "Money"),
    ],
)
def test_cents_field_takes_plain_money_in_whole_cents_only(value, error, rule):
    """cents_field's one-step case (plain Money in whole cents) lets nothing else through."""
    attribute = attrs.fields(Payment).amount
    cents_field(Payment, attribute, Money("5.00", "USD"))  # the common case: accepted
    with pytest.raises(error) as caught:
        cents_field(Payment, attribute, value)
    assert caught.value.rule == rule


@pytest.mark.parametrize(
    "text", ["a\u3164b", "a\u2800b", "a\u2028b", "a\u00a0b", "a\u202eb", "a\ufff9b", "a\u00adb"]
)
def test_an_id_holding_a_character_a_reader_cannot_see_is_refused(text):
    """Review r39 (review 2, after the merge): not only what ``str.isprintable`` refuses, but
    what shows nothing though Python prints it (a Hangul filler, the blank Braille pattern),
    a line separator, NBSP, a bidi override, an interlinear annotation mark and the soft
    hyphen are refused inside an id, while a format character that shows a glyph is kept
    (above)."""
    with pytest.raises(InvalidValueError) as caught:
        Client(text)
    assert caught.value.rule == ID_RULE
    assert caught.value.field == "Client.id"


@pytest.mark.parametrize(
    "text",
    ["Logo design \u2714\ufe0f", "\u2b50\ufe0f Shopify store", "\u0dc1\u0dca\u200d\u0dbb\u0dd3",
     "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
     "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "Jos\u00e9 Ltd"],
)  # fmt: skip
def test_an_id_keeps_what_real_names_and_titles_hold(text):
    """Red team r39 (hostile2 1): emoji with a variation selector, the zero-width joiners of
    Sinhala, Persian and emoji sequences, and emoji tag sequences are text as it shows; the
    id rule refused them for one merge and keeps them now."""
    assert text == Client(text).id
