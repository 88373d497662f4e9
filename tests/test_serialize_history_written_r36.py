"""Regression tests, red team r36 finding 3: what ``to_dict`` refuses in a history or a list.

A contract's ``history`` set by hand (``object.__setattr__``) to numbers raised a bare
``KeyError`` from cattrs' tagged-union writer; text where a list is declared was written as
a list of its characters.  Both are now refused as the declared type, at their place.
"""

from __future__ import annotations

from datetime import datetime, timezone

import attrs
import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError
from upwork_safety.escrow import Event, Fund
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


def test_an_optional_event_in_a_callers_class_is_tagged_checked_and_read_back():
    """Diff review r36, 4: ``Event | None`` was written untagged and unchecked, and its
    JSON could not be read (a bare cattrs ``TypeError``)."""

    @attrs.frozen
    class Box:
        event: Event | None = None

    fund = Fund("m1", datetime(2024, 1, 1, tzinfo=timezone.utc))
    text = serialize.to_json(Box(fund))
    assert '"type":"Fund"' in text
    assert Box(fund) == serialize.from_json(Box, text)
    assert Box() == serialize.from_json(Box, '{"event": null}')
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_json(Box("junk"))  # type: ignore[arg-type]
    assert ("value.event", "the declared type") == (caught.value.field, caught.value.rule)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_json(Box, '{"event": 5}')
    assert ["$.event"] == [p.path for p in refused.value.problems]
