"""Review r26 (carried): a JSON number is not an amount's text, an integer included.

``{"amount": 5, ...}`` was loaded and written back as ``"5"``: every other amount loads
only from the text ``to_json`` writes, so the integer is refused at its path with the rule
``canonical decimal text``, the message giving the text to write.  The default reader and
the fused reader (with the ``fast`` extra's msgspec converter when installed) agree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from test_serialize_fast_reader import detailed_outcome, outcome
from upwork_safety import Money, serialize
from upwork_safety.errors import InvalidDataError
from upwork_safety.models import Milestone, Payment


@pytest.mark.parametrize(
    ("cls", "data", "path", "hint"),
    [
        (Money, {"amount": 5, "currency": "USD"}, "$.amount", '("5.00" or "5")'),
        (Money, {"amount": -12, "currency": "PKR"}, "$.amount", '("-12.00" or "-12")'),
        (
            Payment,
            {"on": "2025-06-02", "amount": {"amount": 5, "currency": "USD"}},
            "$.amount.amount",
            '("5.00" or "5")',
        ),
        (
            Milestone,
            {"id": "m1", "title": "Logo", "amount": {"amount": 100, "currency": "USD"}},
            "$.amount.amount",
            '("100.00" or "100")',
        ),
        (Money, {"amount": 10**30, "currency": "USD"}, "$.amount", "as text, not"),
    ],
)
def test_a_json_integer_amount_is_refused_at_its_path(
    cls: Any, data: dict[str, Any], path: str, hint: str
) -> None:
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(cls, data)
    (problem,) = info.value.problems
    assert (path, "canonical decimal text") == (problem.path, problem.rule)
    assert hint in problem.message
    assert outcome(cls, data) == detailed_outcome(cls, data)  # the fused path's error too


def test_from_json_refuses_the_integer_and_loads_its_text() -> None:
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Money, '{"amount": 5, "currency": "USD"}')
    assert ["$.amount"] == [p.path for p in info.value.problems]
    for text in ("5.00", "5"):
        loaded = serialize.from_json(Money, f'{{"amount": "{text}", "currency": "USD"}}')
        assert f'{{"amount":"{text}","currency":"USD"}}' == serialize.to_json(loaded)
    payment = serialize.from_json(
        Payment, '{"on": "2025-06-02", "amount": {"amount": "5.00", "currency": "USD"}}'
    )
    assert Payment(date(2025, 6, 2), Money("5.00", "USD")) == payment
