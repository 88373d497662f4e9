"""A refusal inside a set is named at the set (review r28 4).

A set has no order until it is written (sorted), so no index below it is a
place a reader could find.  ``to_dict([frozenset({("a", "b", "c", 1.5)})])``
said ``field='value[3]'``, the index of the float in the inner tuple, read
as the outer list's (which has one item); it is now ``value[0]``, the set.
Checked with msgspec (the ``fast`` extra) and without it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs
import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError

NAIVE = datetime(2024, 1, 1)


@attrs.frozen
class Tagged:
    name: str
    # Decimal, not object: a class declaring object is refused whole, unread
    # (review r30, serialize 4); a float at a Decimal place keeps its own rule.
    tags: frozenset[tuple[str, Decimal]] = frozenset()


CASES = [
    ("the reviewer's list", [frozenset({("a", "b", "c", 1.5)})], "value[0]"),
    ("the reviewer's dict", {"k": [frozenset({("x", 1.5)})]}, "value.k[0]"),
    ("a set itself", frozenset({("x", 1.5)}), "value"),
    ("a set of a float", {1.5}, "value"),
    ("second in a list", [0, {("x", 1.5)}], "value[1]"),
    ("a set in a set", [frozenset({frozenset({("x", 1.5)})})], "value[0]"),
    ("three deep", [[[frozenset({(1, 2, 1.5)})]]], "value[0][0][0]"),
    ("under a key", {"a": {"b": frozenset({("x", 1.5)})}}, "value.a.b"),
    ("a field's set", Tagged("t", frozenset({("x", 1.5)})), "value.tags"),
    ("a set in a field's list", [Tagged("t", frozenset({("x", 1.5)}))], "value[0].tags"),
]


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("how", [serialize.to_dict, serialize.to_json], ids=["dict", "json"])
@pytest.mark.parametrize(("value", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_refusal_inside_a_set_is_named_at_the_set(how, value, field):
    with pytest.raises(InvalidTypeError) as refused:
        how(value)
    assert (field, "not a float") == (refused.value.field, refused.value.rule)


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("how", [serialize.to_dict, serialize.to_json], ids=["dict", "json"])
def test_a_naive_moment_in_a_set_is_named_at_the_set(how):
    with pytest.raises(InvalidValueError) as refused:
        how({"when": [frozenset({(1, NAIVE)})]})
    assert "value.when[0]" == refused.value.field


@pytest.mark.usefixtures("writer")
def test_a_set_is_still_written_sorted():
    assert [["a", 1], ["b", 2]] == serialize.to_dict(frozenset({("b", 2), ("a", 1)}))
    assert {"name": "t", "tags": [["x", "1"], ["y", "2"]]} == serialize.to_dict(
        Tagged("t", frozenset({("y", Decimal(2)), ("x", Decimal(1))}))
    )
