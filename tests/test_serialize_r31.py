"""A caller's field declared as a bare ``list``, ``tuple`` or ``dict`` (review r31, left open in r30).

With no item type to read by, the readers give back plain JSON.  Whatever
else such a field held (a ``Money``, a ``date``, a tuple) was written by its
own type and read back as its JSON, a different value; it is refused on
writing, at its place, rule ``a type serialize reads``.
"""

from __future__ import annotations

import collections
import enum
import typing
from datetime import date
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Money, serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError


class Level(enum.IntEnum):
    ONE = 1


@attrs.define
class Loose:
    items: list = attrs.Factory(list)  # type: ignore[type-arg]
    old: typing.List = attrs.Factory(list)  # type: ignore[type-arg]  # noqa: UP006
    fixed: tuple = ()  # type: ignore[type-arg]
    extra: dict = attrs.Factory(dict)  # type: ignore[type-arg]
    old_map: typing.Dict = attrs.Factory(dict)  # type: ignore[type-arg]  # noqa: UP006


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (Loose(items=[1, Money("1", "USD")]), "value.items[1]"),
        (Loose(old=[date(2026, 1, 1)]), "value.old[0]"),
        (Loose(fixed=(1, (2,))), "value.fixed[1]"),
        (Loose(items=[[1, (2,)]]), "value.items[0]"),
        (Loose(extra={"a": Decimal("1.5")}), "value.extra.a"),
        (Loose(old_map={"a": {"b": Money("2", "PKR")}}), "value.old_map.a"),
    ],
)
def test_what_would_read_back_as_another_value_is_refused(value, field):
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert (field, "a type serialize reads") == (info.value.field, info.value.rule)


def test_a_float_and_a_long_integer_keep_their_own_rules():
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(Loose(items=[1.5]))
    assert ("value.items[0]", "not a float") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as too_long:
        serialize.to_json(Loose(extra={"n": 10**200}))
    assert too_long.value.field == "value.extra.n"


def test_plain_json_round_trips_equal():
    value = Loose(
        items=[1, "a", None, True, [2, {"k": [3, None]}]],
        old=["x"],
        fixed=(1, "two"),
        extra={"a": [1, 2], "b": {"c": False}},
        old_map={"z": None},
    )
    text = serialize.to_json(value)
    assert value == serialize.from_json(Loose, text)


def test_text_and_whole_number_subclasses_are_written_plain():
    """An IntEnum member is written as its number and reads back equal to it."""
    data = serialize.to_dict(Loose(items=[Level.ONE], extra={"s": type("Tag", (str,), {})("t")}))
    assert data == {"items": [1], "extra": {"s": "t"}}
    assert [type(data["items"][0]), type(data["extra"]["s"])] == [int, str]


def test_a_top_level_list_of_library_values_is_still_written():
    """Only a field declared without an item type reads back plain; a value passed whole does not."""
    monies = [Money("1", "USD"), Money("2", "PKR")]
    assert monies == serialize.from_json(list[Money], serialize.to_json(monies))


# --------------------------------------------------------------------------
# Wherever the field's type holds them (review r31, diff review 1-3)
# --------------------------------------------------------------------------


class Mine(list):  # type: ignore[type-arg]
    """A list subclass of the caller's."""


@attrs.define
class Deep:
    maybe: list | None = None  # type: ignore[type-arg]
    optional_map: typing.Optional[dict] = None  # type: ignore[type-arg]  # noqa: UP045
    nested: list[list] = attrs.Factory(list)  # type: ignore[type-arg]
    lists_by_key: dict[str, list] = attrs.Factory(dict)  # type: ignore[type-arg]
    kinds: dict[str, Level] = attrs.Factory(dict)
    pair: tuple[Level, int] = (Level.ONE, 0)
    texts: dict[str, str] = attrs.Factory(dict)


@pytest.mark.parametrize(
    ("value", "field", "rule"),
    [
        (Deep(maybe=[Money("1", "USD")]), "value.maybe[0]", "a type serialize reads"),
        (
            Deep(optional_map={"a": date(2026, 1, 1)}),
            "value.optional_map.a",
            "a type serialize reads",
        ),
        (Deep(nested=[[Money("1", "USD")]]), "value.nested[0][0]", "a type serialize reads"),
        (Deep(lists_by_key={"a": [(1,)]}), "value.lists_by_key.a[0]", "a type serialize reads"),
        (Deep(kinds={"a": enum.Enum("Other", "ONE")(1)}), "value.kinds.a", "the declared type"),
        (Deep(pair=(enum.Enum("Other", "ONE")(1), 0)), "value.pair[0]", "the declared type"),  # type: ignore[arg-type]
        (Deep(texts={"a": 5}), "value.texts.a", "a string"),  # type: ignore[dict-item]
    ],
)
def test_what_reads_back_as_another_value_is_refused_at_any_depth(value, field, rule):
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert (info.value.field, info.value.rule) == (field, rule)


def test_the_right_values_still_round_trip_at_any_depth():
    value = Deep(
        maybe=[1, "a"],
        optional_map={"k": [None]},
        nested=[[1], []],
        lists_by_key={"a": [True]},
        kinds={"a": Level.ONE},
        pair=(Level.ONE, 3),
        texts={"a": "b"},
    )
    assert value == serialize.from_json(Deep, serialize.to_json(value))


def test_list_and_dict_subclasses_of_plain_json_are_written_as_plain_lists_and_dicts():
    """An OrderedDict or a list subclass reads back as a dict or list equal to it (as before r31)."""
    value = Loose(
        items=[collections.OrderedDict(a=1), Mine([2])],
        extra={"d": collections.defaultdict(int, b=3)},
    )
    assert value == serialize.from_json(Loose, serialize.to_json(value))
