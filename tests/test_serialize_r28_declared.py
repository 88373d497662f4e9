"""A value of another type where a caller's class declares an attrs class is refused, placed.

``to_dict(B(items=[A(1), 1.5]))`` with ``items: list[A]`` raised a raw
``AttributeError`` ('float' object has no attribute 'x') from the writer
cattrs generates for ``A`` (found while fixing review r28, review 10).  The
writers now refuse it as every other value no reader takes back:
``InvalidTypeError``, rule ``the declared type``, named by its place.
"""

from __future__ import annotations

import attrs
import pytest

from upwork_safety import Milestone, Money, serialize
from upwork_safety.errors import InvalidTypeError


@attrs.frozen
class A:
    x: int


@attrs.frozen
class Other:
    y: int


@attrs.frozen
class B:
    items: list[A] = attrs.field(factory=list)
    one: A | None = None
    milestones: list[Milestone] = attrs.field(factory=list)


MILESTONE = Milestone("m1", "Logo", Money("50.00", "USD"))


@pytest.mark.parametrize("write", [serialize.to_dict, serialize.to_json])
@pytest.mark.parametrize(
    ("value", "field", "got"),
    [
        (B(items=[A(1), 1.5]), "value.items[1]", "float"),
        (B(items=["x"]), "value.items[0]", "str"),
        (B(items=[A(1), Other(2)]), "value.items[1]", "Other"),
        (B(milestones=[MILESTONE, 3]), "value.milestones[1]", "int"),
    ],
)
def test_another_type_where_a_class_is_declared_is_refused_at_its_place(
    writer, write, value, field, got
):
    with pytest.raises(InvalidTypeError) as info:
        write(value)
    assert (field, "the declared type") == (info.value.field, info.value.rule)
    assert f"got {got}" in str(info.value)


def test_the_declared_class_itself_is_still_written(writer):
    value = B(items=[A(1)], one=A(2), milestones=[MILESTONE])
    assert serialize.from_json(B, serialize.to_json(value)) == value
