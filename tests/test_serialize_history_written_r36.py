"""Regression tests, red team r36 finding 3: what ``to_dict`` refuses in a history or a list.

A contract's ``history`` set by hand (``object.__setattr__``) to numbers raised a bare
``KeyError`` from cattrs' tagged-union writer; text where a list is declared was written as
a list of its characters.  Both are now refused as the declared type, at their place.
"""

from __future__ import annotations

import attrs
import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidTypeError
from upwork_safety.testing import factories


def _with_history(history: object):
    contract = factories.submitted_contract()
    object.__setattr__(contract, "history", history)
    return contract


@pytest.mark.parametrize("history", [[1], (1,), [None], [object()]])
def test_a_history_item_that_is_no_event_is_refused_at_its_index(history):
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_json(_with_history(history))
    assert "value.history[0]" == caught.value.field
    assert "the declared type" == caught.value.rule
    assert "an escrow event" in str(caught.value)


@pytest.mark.parametrize("history", ["x", b"x"])
def test_text_as_a_history_is_refused_not_written_by_its_characters(history):
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(_with_history(history))
    assert "value.history" == caught.value.field
    assert "the declared type" == caught.value.rule


def test_text_in_a_callers_list_field_is_refused():
    @attrs.frozen
    class Tagged:
        tags: list[str]

    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(Tagged("abc"))  # type: ignore[arg-type]
    assert "value.tags" == caught.value.field
    assert "the declared type" == caught.value.rule
    assert {"tags": ["a", "b"]} == serialize.to_dict(Tagged(["a", "b"]))
