"""Review r26, review 4: a value the writers refuse is named by its place, as the readers name it.

``to_dict(Outer(D(naive)))`` said ``field='value'``, with no path; the reader
reports the same place as ``$.inner.at``.  The writers now note each refusal
with the field, index or key it is under as it leaves each object, list and
dict, and the place is found by the readers' own walk: ``field`` is the path
with ``$`` read as the argument, ``value`` (``value.inner.at``), and the
message starts with it.  A refusal of *value* itself still names ``value``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError

NAIVE = datetime(2024, 1, 1)
AWARE = datetime(2024, 1, 1, tzinfo=timezone.utc)


@attrs.frozen
class D:
    at: datetime


@attrs.frozen
class Outer:
    inner: D


@attrs.frozen
class Holder:
    days: tuple[D, ...] = ()
    maybe: D | None = None
    extra: Any = None


WRITE = {
    "to_dict": serialize.to_dict,
    "to_json": serialize.to_json,
    "to_dict full": lambda value: serialize.to_dict(value, omit_defaults=False),
    "to_json full": lambda value: serialize.to_json(value, omit_defaults=False),
}

CASES = [
    ("nested object", Outer(D(NAIVE)), "value.inner.at", InvalidValueError, "timezone-aware"),
    ("in a list", [D(AWARE), D(NAIVE)], "value[1].at", InvalidValueError, "timezone-aware"),
    ("in a dict", {"k": D(NAIVE)}, "value.k.at", InvalidValueError, "timezone-aware"),
    ("a tuple field", Holder(days=(D(AWARE), D(NAIVE))), "value.days[1].at",
     InvalidValueError, "timezone-aware"),
    ("an optional field", [Holder(maybe=D(NAIVE))], "value[0].maybe.at",
     InvalidValueError, "timezone-aware"),
    ("a float in a field", Holder(extra={"rate": [Decimal(1), 1.5]}), "value.extra.rate[1]",
     InvalidTypeError, "not a float"),
    ("a key that is no name", {"a b": [1.5]}, "value['a b'][0]", InvalidTypeError,
     "not a float"),
    ("a naive datetime in plain data", {"when": [NAIVE]}, "value.when[0]", InvalidValueError,
     "timezone-aware"),
    ("a NaN", [Decimal("NaN")], "value[0]", InvalidValueError, "finite"),
    ("an int key inside", [{1: "x"}], "value[0]", InvalidTypeError, "str keys"),
    ("value itself", NAIVE, "value", InvalidValueError, "timezone-aware"),
    ("a float itself", 1.5, "value", InvalidTypeError, "not a float"),
]  # fmt: skip


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("how", WRITE)
@pytest.mark.parametrize(
    ("value", "field", "error", "rule"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_refused_value_is_named_by_its_place(how, value, field, error, rule) -> None:
    with pytest.raises(error) as refused:
        WRITE[how](value)
    assert type(refused.value) is error
    assert (field, rule) == (refused.value.field, refused.value.rule)
    # The message starts with the place, as a reader's problem line does; value itself is not.
    assert str(refused.value).startswith(f"{field}: ") is (field != "value")


def test_the_writer_names_the_place_the_reader_names() -> None:
    """The reviewer's case: the reader reports ``$.inner.at``, the writer ``value.inner.at``."""
    with pytest.raises(InvalidValueError) as written:
        serialize.to_dict(Outer(D(NAIVE)))
    with pytest.raises(InvalidDataError) as read:
        serialize.from_dict(Outer, {"inner": {"at": "2024-01-01T00:00:00"}})
    (problem,) = read.value.problems
    assert "$.inner.at" == problem.path
    assert written.value.field == "value" + problem.path[1:]


@pytest.mark.usefixtures("writer")
def test_an_aware_value_is_written_as_before() -> None:
    value = [Outer(D(AWARE)), {"k": Holder(days=(D(AWARE),))}]
    assert [
        {"inner": {"at": "2024-01-01T00:00:00+00:00"}},
        {"k": {"days": [{"at": "2024-01-01T00:00:00+00:00"}]}},
    ] == serialize.to_dict(value)
    assert Outer(D(AWARE)) == serialize.from_json(Outer, serialize.to_json(Outer(D(AWARE))))


def test_the_same_object_twice_is_named_where_it_is_first() -> None:
    """A refusal is found by identity among the parts: the first place the object is written."""
    bad = D(NAIVE)
    with pytest.raises(InvalidValueError) as refused:
        serialize.to_dict({"a": [D(AWARE), bad], "b": bad})
    assert "value.a[1].at" == refused.value.field


def test_a_deep_refusal_costs_no_more_than_writing_again_once() -> None:
    """Each level finds the part by identity: 300 nested objects are placed without rewriting.

    Writing every part again at every level would cost 2**300 writes.
    """
    value: object = D(NAIVE)
    for _ in range(300):
        value = Holder(extra=value)
    with pytest.raises(InvalidValueError) as refused:
        serialize.to_json(value)
    assert "value" + ".extra" * 300 + ".at" == refused.value.field


def test_a_later_offset_is_still_written() -> None:
    """Only a naive moment is refused; any offset is written as given."""
    karachi = datetime(2024, 1, 1, 5, tzinfo=timezone(timedelta(hours=5)))
    assert {"inner": {"at": "2024-01-01T05:00:00+05:00"}} == serialize.to_dict(Outer(D(karachi)))
