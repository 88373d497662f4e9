"""Writing a caller's own attrs classes: the writers refuse what the readers refuse (review r30).

Each section is one item of the round's serialize fixes (review r30,
serialize N): the caller's own exception at a factory or subclass default
(1), a value of another type where a library leaf type is declared (2),
a UTC offset with seconds (3), a field declared ``object`` (4), ``str`` and
``bool`` fields (5).
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import ContractKind, MilestoneState, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.money import Money

# --------------------------------------------------------------------------
# 1: the caller's raise at a factory default, or at a subclass of the default's class
# --------------------------------------------------------------------------


@attrs.define
class Touchy:
    """An ``__eq__`` of the caller's that raises."""

    v: int = 0

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("touchy eq")

    __hash__ = None  # type: ignore[assignment]


class TouchySub(Touchy):
    """A subclass of the default's class."""


class RaisingInt(int):
    """An int whose comparisons raise."""

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("raising int")

    __eq__ = __ne__
    __hash__ = int.__hash__


@attrs.define(eq=False)
class FactoryDefault:
    i: Touchy = attrs.Factory(Touchy)


@attrs.define(eq=False)
class SelfFactoryDefault:
    i: Touchy = attrs.Factory(lambda self: Touchy(), takes_self=True)


@attrs.define(eq=False)
class PlainDefault:
    i: Touchy = Touchy()  # noqa: RUF009  (a plain default, as the finding has it)


@attrs.define
class IntDefault:
    x: int = 0


@attrs.define
class Outside:
    inner: FactoryDefault


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (FactoryDefault(Touchy(1)), "value.i"),
        (SelfFactoryDefault(Touchy(1)), "value.i"),
        (PlainDefault(TouchySub(1)), "value.i"),
        (IntDefault(RaisingInt(3)), "value.x"),
        (Outside(FactoryDefault(Touchy(1))), "value.inner.i"),
        ([FactoryDefault(Touchy(1))], "value[0].i"),
    ],
)
def test_the_callers_raise_at_any_default_is_refused_at_its_field(value, field):
    """Wherever leaving defaults out compares, the caller's raise is the library's error."""
    for write in (serialize.to_json, serialize.to_dict):
        with pytest.raises(InvalidValueError) as info:
            write(value)
        assert (field, "a field that can be read") == (info.value.field, info.value.rule)


def test_with_every_field_written_nothing_is_compared():
    """omit_defaults=False compares nothing, so the caller's __eq__ is never called."""
    assert {"i": {"v": 1}} == serialize.to_dict(FactoryDefault(Touchy(1)), omit_defaults=False)
    assert {"x": 3} == serialize.to_dict(IntDefault(RaisingInt(3)), omit_defaults=False)


# --------------------------------------------------------------------------
# 2: a value of another type where a library leaf type is declared
# --------------------------------------------------------------------------


@attrs.define
class Leaves:
    money: Money = Money("1", "USD")  # noqa: RUF009
    day: date = date(2026, 1, 1)
    moment: datetime = datetime(2026, 1, 1, tzinfo=timezone.utc)
    span: timedelta = timedelta(0)
    amount: Decimal = Decimal(1)
    kind: ContractKind = ContractKind.HOURLY
    monies: list[Money] = attrs.Factory(list)
    maybe: Money | None = None
    by_key: dict[str, Money] = attrs.Factory(dict)
    pair: tuple[Money, date] = (Money("1", "USD"), date(2026, 1, 1))


class Shade(enum.Enum):
    """An enum of the caller's own, not str or int."""

    DARK = "dark"


@attrs.define
class Shaded:
    shade: Shade = Shade.DARK


@pytest.mark.parametrize("wrong", [5, "x", 1.5, object()])
@pytest.mark.parametrize(
    ("field", "hold"),
    [
        ("money", lambda w: {"money": w}),
        ("day", lambda w: {"day": w}),
        ("moment", lambda w: {"moment": w}),
        ("span", lambda w: {"span": w}),
        ("kind", lambda w: {"kind": w}),
        ("monies[1]", lambda w: {"monies": [Money("2", "USD"), w]}),
        ("maybe", lambda w: {"maybe": w}),
        ("by_key.a", lambda w: {"by_key": {"a": w}}),
        ("pair[0]", lambda w: {"pair": (w, date(2026, 1, 1))}),
    ],
)
def test_another_type_where_a_library_leaf_is_declared_is_refused(field, hold, wrong):
    """Refused as the declared type at its place, not a raw AttributeError or TypeError."""
    value = Leaves(**hold(wrong))
    for write in (serialize.to_json, serialize.to_dict):
        with pytest.raises(InvalidTypeError) as info:
            write(value)
        assert (f"value.{field}", "the declared type") == (info.value.field, info.value.rule)


@pytest.mark.parametrize("wrong", [5, "dark", object()])
def test_a_non_member_where_an_enum_is_declared_is_refused(wrong):
    """Written as it was, it read back refused (5), as another value ("dark"), or not at all."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(Shaded(wrong))
    assert ("value.shade", "the declared type") == (info.value.field, info.value.rule)


class Dim(enum.Enum):
    """Another enum of the caller's, sharing a value with :class:`Shade`."""

    DARK = "dark"


@attrs.define
class Kinds:
    kind: ContractKind = ContractKind.HOURLY
    kinds: list[ContractKind] = attrs.Factory(list)
    maybe: ContractKind | None = None
    many: tuple[Shade, ...] = ()


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (Kinds(kind=MilestoneState.PAID), "value.kind"),  # type: ignore[arg-type]
        (Kinds(kinds=[ContractKind.HOURLY, MilestoneState.PAID]), "value.kinds[1]"),  # type: ignore[list-item]
        (Kinds(maybe=MilestoneState.FUNDED), "value.maybe"),  # type: ignore[arg-type]
        (Kinds(many=(Shade.DARK, Dim.DARK)), "value.many[1]"),  # type: ignore[arg-type]
        (Shaded(Dim.DARK), "value.shade"),  # type: ignore[arg-type]
    ],
)
def test_a_member_of_another_enum_is_refused_as_the_declared_type(value, field):
    """Written as its value, it read back refused ("paid" is no ContractKind) or as another member.

    ``Dim.DARK`` has ``Shade.DARK``'s value: it would have read back as ``Shade.DARK``, a
    different value from the one written (left open in r30).
    """
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert (field, "the declared type") == (info.value.field, info.value.rule)
    assert "ContractKind" in str(info.value) or "Shade" in str(info.value)


def test_members_of_the_declared_enums_still_round_trip():
    value = Kinds(
        ContractKind.FIXED_PRICE, [ContractKind.HOURLY], ContractKind.HOURLY, (Shade.DARK,)
    )
    assert value == serialize.from_json(Kinds, serialize.to_json(value))
    assert {"kind": "fixed_price"} == serialize.to_dict(Kinds(ContractKind.FIXED_PRICE))


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (Leaves(day=datetime(2026, 1, 2, tzinfo=timezone.utc)), "value.day"),
        (Leaves(amount="5"), "value.amount"),  # type: ignore[arg-type]
    ],
)
def test_a_value_the_declared_reader_would_read_as_another_is_refused(value, field):
    """A datetime is a date, and "5" is Decimal text: written, they read back as other values."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert (field, "the declared type") == (info.value.field, info.value.rule)


def test_an_int_where_a_decimal_is_declared_reads_back_equal():
    """5 is written "5" and read back Decimal("5"), equal to it: still written."""
    assert '{"amount":"5"}' == serialize.to_json(Leaves(amount=5))  # type: ignore[arg-type]


def test_a_decimal_writers_own_refusal_is_kept():
    """The guard does not hide the Decimal writer's own rule (an InvalidTypeError is a TypeError)."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(Leaves(amount=1.5))  # type: ignore[arg-type]
    assert ("value.amount", "not a float") == (info.value.field, info.value.rule)


def test_the_right_types_still_round_trip():
    """Every leaf of its declared type is written and read back equal."""
    value = Leaves(
        money=Money("2.50", "USD"),
        monies=[Money("3", "PKR")],
        maybe=Money("4", "EUR"),
        by_key={"a": Money("5", "USD")},
        kind=ContractKind.FIXED_PRICE,
    )
    assert value == serialize.from_json(Leaves, serialize.to_json(value))


@attrs.define
class DecimalPair:
    pair: tuple[Decimal, int] = (Decimal(0), 0)


def test_a_fixed_tuple_place_keeps_its_writers_own_refusal():
    """A float at a Decimal place is refused as a float, not as another type."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(DecimalPair((1.5, 1)))  # type: ignore[arg-type]
    assert ("value.pair[0]", "not a float") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------
# 3: a UTC offset with seconds
# --------------------------------------------------------------------------


@attrs.define
class Moment:
    at: datetime


def _offset(**parts: int) -> timezone:
    return timezone(timedelta(**parts))


@pytest.mark.parametrize(
    "tz",
    [
        _offset(hours=5, seconds=7),
        _offset(hours=-5, seconds=-7),
        _offset(hours=4, minutes=28, seconds=12),  # Asia/Karachi's local mean time
        _offset(hours=5, microseconds=7),
    ],
)
def test_an_offset_that_is_not_whole_minutes_is_refused_by_the_readers_rule(tz):
    """Written, it was refused on reading; refused on writing now, by the same rule."""
    value = Moment(datetime(1900, 1, 1, tzinfo=tz))
    with pytest.raises(InvalidValueError) as info:
        serialize.to_json(value)
    assert ("value.at", "an ISO 8601 datetime with an offset") == (
        info.value.field,
        info.value.rule,
    )
    # The readers' rule for the text the old writer wrote, the same one.
    with pytest.raises(InvalidDataError) as read:
        serialize.from_dict(Moment, {"at": datetime(1900, 1, 1, tzinfo=tz).isoformat()})
    assert info.value.rule in {problem.rule for problem in read.value.problems}


def test_zoneinfos_local_mean_time_is_refused():
    """zoneinfo gives +04:28:12 for Karachi in 1900: refused; in 2026 (+05:00) written."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        karachi = zoneinfo.ZoneInfo("Asia/Karachi")
    except zoneinfo.ZoneInfoNotFoundError:  # pragma: no cover  (no tz database here)
        pytest.skip("no time zone database")
    with pytest.raises(InvalidValueError):
        serialize.to_json(Moment(datetime(1900, 1, 1, tzinfo=karachi)))
    text = serialize.to_json(Moment(datetime(2026, 1, 1, 9, tzinfo=karachi)))
    assert '{"at":"2026-01-01T09:00:00+05:00"}' == text
    assert Moment(datetime(2026, 1, 1, 4, tzinfo=timezone.utc)) == serialize.from_json(Moment, text)


# --------------------------------------------------------------------------
# 4: a field declared as a type no reader takes, holding its default
# --------------------------------------------------------------------------


@attrs.define
class Untyped:
    x: object = 1


@attrs.define
class UntypedItems:
    xs: list[object] = attrs.Factory(list)


@attrs.define
class HoldsUntyped:
    inner: Untyped = attrs.Factory(Untyped)


@pytest.mark.parametrize("omit_defaults", [True, False])
@pytest.mark.parametrize(
    ("value", "field"),
    [
        (Untyped(), "value.x"),
        (Untyped(x="other"), "value.x"),
        (UntypedItems(), "value.xs"),
        (UntypedItems([1]), "value.xs"),
        (HoldsUntyped(), "value.inner"),
        ([Untyped()], "value[0].x"),
    ],
)
def test_a_class_no_reader_takes_is_refused_whatever_it_holds(value, field, omit_defaults):
    """Written as {} at its default, it was refused by the readers: refused here by their rule."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value, omit_defaults=omit_defaults)
    assert (field, "a type serialize reads") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidTypeError) as read:
        serialize.from_json(type(value) if not isinstance(value, list) else list[Untyped], "{}")
    assert info.value.rule == read.value.rule


# --------------------------------------------------------------------------
# 5: str and bool fields of the caller's classes
# --------------------------------------------------------------------------


class LoudText(str):
    """A str subclass whose own __str__ raises: written as its text, never through it."""

    __slots__ = ()

    def __str__(self) -> str:
        raise RuntimeError("loud")


@attrs.define
class Plainly:
    text: str = ""
    flag: bool = False
    maybe_text: str | None = None
    texts: list[str] = attrs.Factory(list)
    flags: tuple[bool, ...] = ()
    maybe_flag: bool | None = None


@pytest.mark.parametrize(
    ("value", "field", "rule"),
    [
        (Plainly(text=5), "value.text", "a string"),  # type: ignore[arg-type]
        (Plainly(text=True), "value.text", "a string"),  # type: ignore[arg-type]
        (Plainly(text=b"x"), "value.text", "a string"),  # type: ignore[arg-type]
        (Plainly(maybe_text=5), "value.maybe_text", "a string"),  # type: ignore[arg-type]
        (Plainly(texts=["a", 5]), "value.texts[1]", "a string"),  # type: ignore[list-item]
        (Plainly(flag=1), "value.flag", "true or false"),  # type: ignore[arg-type]
        (Plainly(flag=0), "value.flag", "true or false"),  # type: ignore[arg-type]
        (Plainly(flag="true"), "value.flag", "true or false"),  # type: ignore[arg-type]
        (Plainly(flags=(True, 1)), "value.flags[1]", "true or false"),  # type: ignore[arg-type]
        (Plainly(maybe_flag=1), "value.maybe_flag", "true or false"),  # type: ignore[arg-type]
        (Plainly(text=1.5), "value.text", "not a float"),  # type: ignore[arg-type]
        (Plainly(flag=1.5), "value.flag", "not a float"),  # type: ignore[arg-type]
    ],
)
def test_a_str_or_bool_field_holding_another_type_is_refused_by_the_readers_rule(
    value, field, rule
):
    """Written as a number, it was refused on reading: refused on writing, by the reader's rule."""
    for omit_defaults in (True, False):
        with pytest.raises(InvalidTypeError) as info:
            serialize.to_json(value, omit_defaults=omit_defaults)
        assert (field, rule) == (info.value.field, info.value.rule)


def test_a_str_subclass_is_written_as_its_text():
    """Its own __str__ is never called, and to_dict gives back a plain str."""
    value = Plainly(text=LoudText("hi"), texts=[LoudText("a")])
    data = serialize.to_dict(value)
    assert {"text": "hi", "texts": ["a"]} == data
    assert str is type(data["text"]) is type(data["texts"][0])
    assert value == serialize.from_json(Plainly, serialize.to_json(value))


def test_the_librarys_own_str_and_bool_fields_keep_their_fast_writers():
    """Their constructors see to the types: fields_written leaves them as declared."""
    from upwork_safety import Contract
    from upwork_safety.serialize._fields import fields_written

    written = [a.type for a in fields_written(Contract)]  # resolves the class's types
    assert [a.type for a in attrs.fields(Contract)] == written
    assert str in written


# --------------------------------------------------------------------------
# All of them: whatever to_json writes, from_json reads back equal
# --------------------------------------------------------------------------


@attrs.define
class Shapes:
    """A caller's class with every field shape above."""

    text: str = ""
    flag: bool = False
    maybe_text: str | None = None
    texts: list[str] = attrs.Factory(list)
    money: Money = Money("0", "USD")  # noqa: RUF009
    monies: list[Money] = attrs.Factory(list)
    maybe_money: Money | None = None
    by_key: dict[str, Money] = attrs.Factory(dict)
    day: date = date(2026, 1, 1)
    moment: datetime = datetime(2026, 1, 1, tzinfo=timezone.utc)
    amount: Decimal = Decimal(0)
    kind: ContractKind = ContractKind.HOURLY
    loose: list = attrs.Factory(list)  # type: ignore[type-arg]  (no item type: plain JSON only)


_OFFSETS = st.sampled_from(
    [timezone.utc, _offset(hours=5), _offset(hours=-3, minutes=-30), _offset(hours=5, seconds=7)]
)
_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**6, min_value=0),
    st.dates(),
    st.datetimes(timezones=_OFFSETS),
    st.sampled_from(
        [*ContractKind, *MilestoneState, Money("1.50", "USD"), Money("0", "PKR"), timedelta(1)]
    ),
)
_SHAPES = {a.name: _ANY for a in attrs.fields(Shapes)}
_SHAPES.update(
    texts=st.lists(_ANY, max_size=3),
    monies=st.lists(_ANY, max_size=3),
    by_key=st.dictionaries(st.text(max_size=3), _ANY, max_size=3),
    loose=st.lists(st.one_of(_ANY, st.lists(_ANY, max_size=2), st.tuples(_ANY)), max_size=3),
)


@given(st.fixed_dictionaries({}, optional=_SHAPES))
def test_property_what_to_json_writes_reads_back_equal(fields):
    """Right types or wrong, each field: written and read back equal, or refused by the library."""
    value = Shapes(**fields)
    try:
        text = serialize.to_json(value)
    except (InvalidTypeError, InvalidValueError):
        return
    assert value == serialize.from_json(Shapes, text)
