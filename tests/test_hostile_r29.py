"""Hostile input, red team r29: each finding's regression (review r29, hostile N)."""

from __future__ import annotations

import datetime as dt
import http
import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs
import pytest

from upwork_safety import checks, cli, fees, serialize, statements
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.money import ExchangeRate, Money

DAY = date(2026, 3, 2)
RATE = ExchangeRate("USD", "PKR", "280", as_of=DAY)


# --------------------------------------------------------------------------
# 3: an offered rate far above the reference
# --------------------------------------------------------------------------


def test_offered_rate_far_above_the_reference_is_refused_by_quote():
    """999 typed for 279 is refused, naming offered_rate and the bound."""
    with pytest.raises(InvalidValueError) as info:
        fees.quote_withdrawal(
            Money("100", "USD"),
            "payoneer",
            reference_rate=RATE,
            offered_rate=ExchangeRate("USD", "PKR", "999", as_of=DAY),
        )
    assert ("offered_rate", "at most 10% above the reference rate") == (
        info.value.field,
        info.value.rule,
    )


def test_offered_rate_far_above_the_reference_is_refused_by_compare():
    """compare_withdrawals refuses the entry by its key, rather than ranking it best."""
    with pytest.raises(InvalidValueError) as info:
        fees.compare_withdrawals(
            Money("100", "USD"),
            reference_rate=RATE,
            methods=["payoneer"],
            offered_rates={"payoneer": ExchangeRate("USD", "PKR", "999")},
        )
    assert "offered_rates['payoneer']" == info.value.field


@pytest.mark.parametrize(
    ("offered", "accepted"),
    [("308", True), ("308.00", True), ("308.01", False), ("277.2", True), ("1", True)],
)
def test_the_bound_is_ten_percent_above_the_reference(offered, accepted):
    """280 × 1.10 = 308 is the highest accepted; below the reference any rate is a cost."""
    assert Decimal("0.10") == fees.MAX_GAIN_OVER_REFERENCE
    rate = ExchangeRate("USD", "PKR", offered, as_of=DAY)
    if accepted:
        quote = fees.quote_withdrawal(
            Money("100", "USD"), "payoneer", reference_rate=RATE, offered_rate=rate
        )
        assert rate == quote.applied_rate
    else:
        with pytest.raises(InvalidValueError):
            fees.quote_withdrawal(
                Money("100", "USD"), "payoneer", reference_rate=RATE, offered_rate=rate
            )


def test_cli_refuses_an_offered_rate_far_above_the_reference(capsys):
    """`withdraw 100 --rate 280 --offered-rate payoneer=999` is refused, not recommended."""
    status = cli.main(["withdraw", "100", "--rate", "280", "--offered-rate", "payoneer=999"])
    captured = capsys.readouterr()
    assert 0 != status
    assert "Best here" not in captured.out
    assert "10% above" in captured.err


# --------------------------------------------------------------------------
# 1: an endless iterable where a list of library values is declared
# --------------------------------------------------------------------------


@attrs.frozen
class Monies:
    a: list[Money]


@attrs.frozen
class MoneyTuple:
    a: tuple[Money, ...]


class EndlessSequence(Sequence[Money]):
    """A sequence whose length lies: its items never end."""

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index):  # type: ignore[override]
        return Money("1", "USD")


ONE_USD = Money("1", "USD")


@pytest.mark.parametrize(
    "value",
    [
        Monies(itertools.repeat(ONE_USD)),  # type: ignore[arg-type]
        Monies(ONE_USD for _ in itertools.count()),  # type: ignore[arg-type]
        MoneyTuple(itertools.repeat(ONE_USD)),  # type: ignore[arg-type]
    ],
)
def test_an_endless_iterator_of_library_values_is_refused_unread(value):
    """As a list[int] field's: refused by its type, naming the field, never read."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert ("value.a", "a public value") == (info.value.field, info.value.rule)


def test_an_endless_sequence_is_read_through_the_list_bound():
    """A sequence is read at most one item past MAX_ITEMS, then refused with its field."""
    with pytest.raises(InvalidValueError) as info:
        serialize.to_dict(Monies(EndlessSequence()))  # type: ignore[arg-type]
    assert ("value.a", "at most 200,000 items") == (info.value.field, info.value.rule)


def test_a_list_or_tuple_of_library_values_is_still_written():
    """Lists and tuples are written as before."""
    assert {"a": [{"amount": "1", "currency": "USD"}]} == serialize.to_dict(Monies([ONE_USD]))
    assert {"a": [{"amount": "1", "currency": "USD"}]} == serialize.to_dict(MoneyTuple((ONE_USD,)))


# --------------------------------------------------------------------------
# 2: to_json writes only what from_json reads back
# --------------------------------------------------------------------------


@attrs.frozen
class Count:
    a: int


@attrs.frozen
class Counts:
    a: list[int]


@attrs.frozen
class MaybeCounts:
    a: int | None = None
    b: list[int | None] = attrs.Factory(list)


@pytest.mark.parametrize(
    ("value", "error", "field", "rule"),
    [
        (Count(True), InvalidTypeError, "value.a", "an integer"),
        (Count("3"), InvalidTypeError, "value.a", "an integer"),  # type: ignore[arg-type]
        (Count(10**100), InvalidValueError, "value.a", "at most 100 digits"),
        (Count(-(10**100)), InvalidValueError, "value.a", "at most 100 digits"),
        (Count(10**4000), InvalidValueError, "value.a", "at most 100 digits"),
        (Count(10**100000), InvalidValueError, "value.a", "at most 100 digits"),
        (Counts([1, True]), InvalidTypeError, "value.a[1]", "an integer"),
        (Counts([1.5]), InvalidTypeError, "value.a[0]", "not a float"),  # type: ignore[list-item]
        ([10**200], InvalidValueError, "value[0]", "at most 100 digits"),
        # An optional int is written by int's writer too (it was passed on unchecked).
        (MaybeCounts(True), InvalidTypeError, "value.a", "an integer"),
        (MaybeCounts(b=[None, True]), InvalidTypeError, "value.b[1]", "an integer"),
        (MaybeCounts(10**100), InvalidValueError, "value.a", "at most 100 digits"),
    ],
)
def test_the_writer_refuses_what_the_reader_refuses(value, error, field, rule):
    """A bool for an int, an int past the reader's bound: refused, naming the place."""
    with pytest.raises(error) as info:
        serialize.to_json(value)
    assert (field, rule) == (info.value.field, info.value.rule)
    assert "sys.set_int_max_str_digits" not in str(info.value)


def test_the_longest_integer_the_reader_takes_round_trips():
    """100 digits, either sign, is written and read back."""
    for number in (10**100 - 1, -(10**100) + 1, 0, True + 0):
        assert Count(number) == serialize.from_json(Count, serialize.to_json(Count(number)))


def test_optional_ints_round_trip():
    """None and ints in optional int fields are written and read back as they were."""
    value = MaybeCounts(10**100 - 1, [None, 2, -3])
    text = serialize.to_json(value)
    assert text == f'{{"a":{10**100 - 1},"b":[null,2,-3]}}'
    assert serialize.from_json(MaybeCounts, text) == value
    assert serialize.to_json(MaybeCounts()) == "{}"


# --------------------------------------------------------------------------
# 10: a field declared as object
# --------------------------------------------------------------------------


@attrs.frozen
class Anything:
    a: object


def test_a_field_declared_as_object_is_named_as_the_type_at_fault():
    """The refusal names the declared type, as from_dict's does, not the plain str it holds."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(Anything("x"))
    assert ("value.a", "a type serialize reads") == (info.value.field, info.value.rule)
    assert "declared as object" in str(info.value)


# --------------------------------------------------------------------------
# 4: summarize(rates=...) with keys that never end
# --------------------------------------------------------------------------

STATEMENT_TEXT = "Date,Contract,Hours,Amount,Payment type\n2024-01-20,A (1),,100.00,Bonus\n"
PKR_RATE = ExchangeRate("USD", "PKR", "280")


class EndlessRates(Mapping[str, ExchangeRate]):
    """A mapping that says it holds one rate, and whose keys never end."""

    def __getitem__(self, key: str) -> ExchangeRate:
        return PKR_RATE

    def __iter__(self) -> Iterator[str]:
        return (str(i) for i in itertools.count())

    def __len__(self) -> int:
        return 1


class EndlessDict(dict):  # type: ignore[type-arg]
    """A dict whose items never end."""

    def items(self):  # type: ignore[override]
        return ((f"2024-{i}", PKR_RATE) for i in itertools.count())


@pytest.mark.parametrize("rates", [EndlessRates(), EndlessDict()])
def test_summarize_reads_rates_through_the_list_bound(rates):
    """Refused one entry past MAX_ITEMS, naming rates, as every list argument is."""
    statement = statements.parse(STATEMENT_TEXT)
    with pytest.raises(InvalidValueError) as info:
        statements.summarize(statement, rates=rates)
    assert ("rates", "at most 200,000 items") == (info.value.field, info.value.rule)


def test_summarize_still_takes_a_mapping_of_rates():
    """A plain mapping of a period's rate converts as before."""
    statement = statements.parse(STATEMENT_TEXT)
    summary = statements.summarize(statement, by="month", rates={"2024-01": PKR_RATE})
    row = summary.rows[0]
    assert row.rate == PKR_RATE
    # A weekly summary's net is unknown (review r38, hostile2 7): its gross converts.
    assert row.earnings_only is (statement.format is statements.StatementFormat.WEEKLY_SUMMARY)
    assert Money("28000.00", "PKR") == row.rate.convert(row.gross)


# --------------------------------------------------------------------------
# 5: a tzinfo that raises, 6: a set member repeated, 7: a str that lies
# --------------------------------------------------------------------------


class FailingZone(dt.tzinfo):
    """A tzinfo whose offset cannot be had."""

    def utcoffset(self, moment):
        raise RuntimeError("tz")

    def dst(self, moment):
        return None


@attrs.frozen
class Moment:
    a: dt.datetime


def test_a_tzinfo_that_raises_is_refused_as_every_moment_argument_is():
    """Same rule as escrow.deadlines(now=...): a tzinfo with a valid UTC offset."""
    with pytest.raises(InvalidValueError) as info:
        serialize.to_dict(Moment(dt.datetime(2026, 1, 1, tzinfo=FailingZone())))
    assert ("value.a", "a tzinfo with a valid UTC offset") == (info.value.field, info.value.rule)


@attrs.frozen
class Members:
    a: frozenset[int]


def test_a_repeated_set_member_is_refused_not_dropped():
    """to_json writes each member once; a repeat is refused at its index."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Members, '{"a":[1,1]}')
    assert [("$.a[1]", "each member once")] == [(p.path, p.rule) for p in info.value.problems]
    assert Members(frozenset({1, 2})) == serialize.from_json(Members, '{"a":[2,1]}')


class ShortSaying(str):
    """A str that says it is one character long."""

    __slots__ = ()

    def __len__(self) -> int:
        return 1


def test_scan_message_measures_a_str_subclass_by_str_length():
    """A text past MAX_TEXT_CHARS is refused whatever its __len__ says."""
    with pytest.raises(InvalidValueError) as info:
        checks.scan_message(ShortSaying("x" * (checks.MAX_TEXT_CHARS + 1)))
    assert ("text", f"at most {checks.MAX_TEXT_CHARS:,} characters") == (
        info.value.field,
        info.value.rule,
    )


# --------------------------------------------------------------------------
# 9: the caller's own code raising inside the writer
# --------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Touchy:
    """A value whose comparison raises."""

    a: int = 1

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = object.__hash__


@attrs.frozen
class WithTouchyDefault:
    a: Touchy = Touchy()


@attrs.frozen
class Holder:
    inner: WithTouchyDefault


@attrs.define
class Plain:
    a: int = 1


class Unreadable(Plain):
    """An attribute that raises when read."""

    def __getattribute__(self, name: str) -> object:
        if name == "a":
            raise RuntimeError("boom")
        return object.__getattribute__(self, name)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (WithTouchyDefault(Touchy()), "value.a"),
        (Holder(WithTouchyDefault(Touchy())), "value.inner.a"),
        (Unreadable(), "value.a"),
        ([Unreadable()], "value[0].a"),
    ],
)
def test_the_callers_own_exception_is_refused_naming_the_field(value, field):
    """An __eq__ or attribute of the caller's that raises: a library error at its field."""
    with pytest.raises(InvalidValueError) as info:
        serialize.to_json(value)
    assert (field, "a field that can be read") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------
# The round's review: sets written as the readers read them, plain ints
# --------------------------------------------------------------------------


@attrs.frozen
class SetFields:
    a: set[int] = attrs.Factory(set)
    b: frozenset[int] = frozenset()


@pytest.mark.parametrize(
    ("value", "field", "rule"),
    [
        (SetFields([1, 2, 1]), "value.a", "a set"),  # type: ignore[arg-type]  (a repeat)
        (SetFields([1, 2]), "value.a", "a set"),  # type: ignore[arg-type]
        (SetFields(b=itertools.count()), "value.b", "a set"),  # type: ignore[arg-type]
        (SetFields(b=(x for x in [1])), "value.b", "a set"),  # type: ignore[arg-type]
        (SetFields(b=frozenset({True})), "value.b", "an integer"),
        (SetFields(b=frozenset({10**100})), "value.b", "at most 100 digits"),
    ],
)
def test_a_set_field_is_written_only_from_a_set_of_its_declared_members(value, field, rule):
    """A list (which may repeat a member), an iterator or a bool member: refused at the set."""
    with pytest.raises((InvalidTypeError, InvalidValueError)) as info:
        serialize.to_json(value)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_sets_round_trip_sorted():
    """A set of ints is written sorted, each once, and read back equal."""
    value = SetFields({3, 1, 2}, frozenset({-5, 7}))
    text = serialize.to_json(value)
    assert text == '{"a":[1,2,3],"b":[-5,7]}'
    assert serialize.from_json(SetFields, text) == value


def test_an_int_subclass_is_written_as_a_plain_int():
    """to_dict gives an IntEnum's value as a plain int, as it did before the int writer."""
    written = serialize.to_dict(Count(http.HTTPStatus.OK))
    assert written == {"a": 200}
    assert type(written["a"]) is int


@attrs.frozen
class Shapes:
    d: dict[str, int] = attrs.Factory(dict)
    t: tuple[int, str, Money] = (0, "", Money("1.00", "USD"))
    n: list[list[int]] = attrs.Factory(list)
    m: dict[str, Money] = attrs.Factory(dict)


def _pairs() -> Iterator[tuple[str, int]]:
    yield ("a", 1)


@pytest.mark.parametrize(
    ("value", "error", "field", "rule"),
    [
        (Shapes(d={"a": True}), InvalidTypeError, "value.d.a", "an integer"),
        (Shapes(n=[[1], [2, True]]), InvalidTypeError, "value.n[1][1]", "an integer"),
        (Shapes(t=(True, "a", Money("1.00", "USD"))), InvalidTypeError, "value.t[0]", "an integer"),
        (Shapes(t=(1, "a", 5)), InvalidTypeError, "value.t[2]", "the declared type"),  # type: ignore[arg-type]
        (Shapes(t=(1, "a")), InvalidValueError, "value.t", "exactly 3 items"),  # type: ignore[arg-type]
        (Shapes(d=[("a", 1)]), InvalidTypeError, "value.d", "the declared type"),  # type: ignore[arg-type]
        (Shapes(m=_pairs()), InvalidTypeError, "value.m", "the declared type"),  # type: ignore[arg-type]
    ],
)
def test_mappings_fixed_tuples_and_nested_lists_write_what_reads_back(value, error, field, rule):
    """Each item by its declared type, each place of a fixed tuple by its own (review 1, 4)."""
    with pytest.raises(error) as info:
        serialize.to_json(value)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_mappings_fixed_tuples_and_nested_lists_round_trip():
    """The same shapes holding what they declare are written and read back equal."""
    value = Shapes({"a": 1}, (2, "b", Money("3.50", "USD")), [[1, 2], []], {"x": Money("4", "PKR")})
    assert serialize.from_json(Shapes, serialize.to_json(value)) == value


@attrs.frozen
class Defaults:
    x: int = 0
    y: int | None = 1


@pytest.mark.parametrize(
    ("value", "field", "rule"),
    [
        (Defaults(False), "value.x", "an integer"),
        (Defaults(0.0), "value.x", "not a float"),  # type: ignore[arg-type]
        (Defaults(Decimal(0)), "value.x", "an integer"),  # type: ignore[arg-type]
        (Defaults(y=True), "value.y", "an integer"),
    ],
)
def test_a_value_equal_to_an_int_default_is_not_taken_for_it(value, field, rule):
    """False == 0, but False is no int: refused, not left out as the default (review 6)."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_int_defaults_are_still_left_out():
    """The default itself, and an equal int, are left out; another int is written."""
    assert serialize.to_json(Defaults()) == "{}"
    assert serialize.to_json(Defaults(0, 1)) == "{}"
    assert serialize.to_json(Defaults(2, None)) == '{"x":2,"y":null}'
