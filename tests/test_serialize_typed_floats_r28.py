"""The writers refuse a float wherever it is, in a field typed ``int`` too (review r28 10).

A field of the caller's own attrs class typed ``int``, ``str``, ``list[str]``
or ``int | None`` was written by cattrs' ``identity`` (or ``list``) hook,
which hands the value on unchecked: ``to_json(Note(["a"], 1.5))`` wrote
``{"count":1.5}``, which ``from_json(Note, ...)`` then refused.  Such fields
of the caller's classes are now written by value, where the float meets the
float writer's refusal (``InvalidTypeError``, rule ``not a float``), named
by its place.  The library's own classes keep their declared writers.
"""

from __future__ import annotations

from typing import Optional

import attrs
import pytest

from upwork_safety import Contract, serialize
from upwork_safety.errors import InvalidTypeError


@attrs.frozen
class Note:
    tags: list[str]
    count: int = 0
    label: str = ""
    maybe: Optional[int] = None  # noqa: UP045  (the typing spelling, as users write it)
    either: int | None = None
    many: tuple[int, ...] = ()
    nested: list[list[str]] = attrs.Factory(list)


@attrs.frozen
class Book:
    notes: list[Note]


CASES = [
    ("int", Note(["a"], 1.5), "value.count"),
    ("list[str]", Note([1.5]), "value.tags[0]"),  # type: ignore[list-item]
    ("list[str], second", Note(("a", 1.5)), "value.tags[1]"),  # type: ignore[arg-type]
    ("str", Note([], label=2.5), "value.label"),  # type: ignore[arg-type]
    ("Optional[int]", Note([], maybe=1.5), "value.maybe"),  # type: ignore[arg-type]
    ("int | None", Note([], either=1.5), "value.either"),  # type: ignore[arg-type]
    ("tuple[int, ...]", Note([], many=(1, 1.5)), "value.many[1]"),  # type: ignore[arg-type]
    ("list[list[str]]", Note([], nested=[["a"], ["b", 1.5]]), "value.nested[1][1]"),  # type: ignore[list-item]
    ("in a list of notes", Book([Note([]), Note(["x"], 2.5)]), "value.notes[1].count"),
    ("in plain data", [{"n": Note(["x"], 2.5)}], "value[0].n.count"),
]


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("how", [serialize.to_dict, serialize.to_json], ids=["dict", "json"])
@pytest.mark.parametrize(("value", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_float_in_a_plainly_typed_field_is_refused_by_its_place(how, value, field):
    with pytest.raises(InvalidTypeError) as refused:
        how(value)
    assert (field, "not a float") == (refused.value.field, refused.value.rule)


@pytest.mark.usefixtures("writer")
def test_what_the_fields_should_hold_is_written_as_before_and_loads_again():
    note = Note(["a"], 3, "x", 4, 5, (1, 2), [["y"]])
    expected = {
        "tags": ["a"],
        "count": 3,
        "label": "x",
        "maybe": 4,
        "either": 5,
        "many": [1, 2],
        "nested": [["y"]],
    }
    assert expected == serialize.to_dict(note)
    assert note == serialize.from_json(Note, serialize.to_json(note))


def test_the_librarys_own_classes_keep_their_declared_writers():
    """Their constructors refuse a float in every such field: writing them costs no more."""
    from upwork_safety.serialize._fields import fields_written

    assert list(attrs.fields(Contract)) == fields_written(Contract)
    assert [a.type for a in attrs.fields(Note)] != [a.type for a in fields_written(Note)]
