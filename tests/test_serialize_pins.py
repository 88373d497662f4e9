"""Serialization answers that mutation testing (red team r20) found unpinned.

A zero written ``0.00`` in a defaulted Money field is kept as written, and a
duration written with more than six decimal places is refused for its text
(red team r24 S1: only the text the writer writes is read) even when it is a
whole number of microseconds, and for its value when it is not.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from upwork_safety import serialize
from upwork_safety.errors import InvalidDataError
from upwork_safety.models import Escrow, MilestoneState
from upwork_safety.money import Money

# --- a zero written "0.00" in a defaulted field (red team r20 M4) -----------------


def funded(**buckets):
    """A funded escrow of USD 100.00 held in full, with the other buckets given."""
    return Escrow(
        state=MilestoneState.FUNDED,
        funded=Money("100.00", "USD"),
        held=Money("100.00", "USD"),
        **buckets,
    )


def test_a_zero_written_with_cents_in_a_defaulted_field_is_kept():
    """r20 M4: released=USD 0.00 is written as "0.00" and reads back as "0.00", not "0"."""
    escrow = funded(released=Money("0.00", "USD"))
    written = serialize.to_dict(escrow)
    assert {"amount": "0.00", "currency": "USD"} == written["released"]
    text = serialize.to_json(escrow)
    assert '"released":{"amount":"0.00","currency":"USD"}' in text
    back = serialize.from_json(Escrow, text)
    assert "0.00" == str(back.released.amount)
    assert "0.00" == str(serialize.from_dict(Escrow, written).released.amount)


def test_a_defaulted_zero_is_left_out_and_comes_back_as_the_default():
    """The other side of r20 M4: the default zero ("0") is not written and loads as "0"."""
    escrow = funded()
    assert "0" == str(escrow.released.amount)
    written = serialize.to_dict(escrow)
    assert {"state", "funded", "held"} == set(written)
    assert "0" == str(serialize.from_json(Escrow, serialize.to_json(escrow)).released.amount)


# --- seconds to the microsecond, with more than six places (red team r20 L7) -------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("1.0000000", "1"),
        ("0.1234560", "0.123456"),
        ("-2.500000000", "-2.5"),
    ],
)
def test_whole_microseconds_written_with_more_places_are_refused(text, written):
    """r24 S1 (was r20 L7): a duration is read only from the text the writer writes for it.

    These are whole microseconds, but to_json writes them *written*: reading
    them would rewrite the document.  The message gives the text to write.
    """
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(timedelta, text)
    (problem,) = caught.value.problems
    assert ("$", "canonical decimal text") == (problem.path, problem.rule)
    assert repr(written) in problem.message
    assert written == serialize.to_dict(serialize.from_dict(timedelta, written))


def test_a_seventh_place_that_is_not_zero_is_still_refused():
    """The other side of r20 L7: 0.1234561 seconds is finer than a microsecond."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(timedelta, "0.1234561")
    assert ["$"] == [problem.split(": ", 1)[0] for problem in caught.value.problems]
