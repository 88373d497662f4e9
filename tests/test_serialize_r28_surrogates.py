"""A lone surrogate in plain data given to ``to_json`` is refused naming its place (r27 left open).

``to_json(["a", "\\ud800"])`` said ``field='value'``: the text is found only in
the written JSON, after the walk that names the writers' refusals.  It is now
looked for again in the written data once refused, in the order JSON writes
it, and named as the writers name their refusals (``value[1]``, ``value.a``,
``value['\\ud800']`` for a key); ``value`` itself when the value is the text.
"""

from __future__ import annotations

import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidValueError
from upwork_safety.serialize._problems import lone_surrogate_at

CASES = [
    ("\ud800", "value"),
    (["a", "b\ud800"], "value[1]"),
    ({"a": ["x", "\udcff"]}, "value.a[1]"),
    ({"\ud800": 1}, "value['\\ud800']"),
    ({"b": {"é": "ok", "k\udc00": "x"}}, "value.b['k\\udc00']"),
    ([[1, {"z": "fine", "y": ("é", "\ud801")}]], "value[0][1].y[1]"),
    # The first in written order: the key before its value, earlier entries first.
    ({"a": "\ud800", "b": "\ud801"}, "value.a"),
    ({"\ud800": "\ud801"}, "value['\\ud800']"),
    ([{"x": 1}, ["\ud800"], "\ud801"], "value[1][0]"),
]


@pytest.mark.parametrize(("value", "field"), CASES)
def test_a_lone_surrogate_is_named_by_its_place(writer, value, field):
    with pytest.raises(InvalidValueError) as info:
        serialize.to_json(value)
    assert (field, "valid Unicode text") == (info.value.field, info.value.rule)
    message = str(info.value)
    assert message.startswith(f"{field}: ") == (field != "value")
    message.encode("utf-8")  # the message itself holds no lone surrogate


@pytest.mark.parametrize(("value", "field"), CASES)
def test_the_walk_finds_the_path_the_error_names(value, field):
    assert "value" + lone_surrogate_at(value)[1:] == field


def test_text_utf8_can_hold_has_no_place():
    assert lone_surrogate_at({"a": ["é", "😀", "\U0010ffff"], "ü": 1}) is None
    assert '{"a":["é","😀"]}' == serialize.to_json({"a": ["é", "😀"]})


def test_a_deep_value_is_walked_without_recursion():
    """Ten thousand levels (past the recursion limit) are walked in a loop."""
    value: object = "\ud800"
    for _ in range(10_000):
        value = [value]
    assert "$" + "[0]" * 10_000 == lone_surrogate_at(value)
