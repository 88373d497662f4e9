"""Round 40 regressions: jss.score_many's contract for bad input (newcomer 3, red team 6)."""

from __future__ import annotations

from datetime import date

import pytest

from upwork_safety import InvalidTypeError, InvalidValueError, jss
from upwork_safety.testing import factories

AS_OF = date(2025, 6, 1)


def test_a_single_history_is_refused_at_the_call() -> None:
    history = factories.history(3)
    with pytest.raises(InvalidTypeError) as caught:
        jss.score_many(history, as_of=AS_OF, rules=jss.CURRENT)  # no next(): at the call
    assert caught.value.field == "histories[0]"
    assert caught.value.rule == "a sequence of Contract"


def test_a_bad_history_ends_the_batch_by_default() -> None:
    good = factories.history(4)
    reports = jss.score_many([good, good + good[:1], good], as_of=AS_OF, rules=jss.CURRENT)
    assert next(reports).score is not None
    with pytest.raises(InvalidValueError) as caught:
        next(reports)
    assert caught.value.field == "histories[1][4].id"
    assert next(reports, None) is None


def test_errors_yield_keeps_going_with_one_item_per_history() -> None:
    good = factories.history(4)
    items = list(
        jss.score_many(
            [good, good + good[:1], good[0], good],
            as_of=AS_OF,
            rules=jss.CURRENT,
            errors="yield",
        )
    )
    assert len(items) == 4
    first, duplicate, single, last = items
    assert isinstance(first, jss.JSSReport)
    assert isinstance(last, jss.JSSReport)
    assert first == last == jss.score(good, as_of=AS_OF, rules=jss.CURRENT)
    assert isinstance(duplicate, InvalidValueError)
    assert (duplicate.field, duplicate.rule) == ("histories[1][4].id", "unique contract ids")
    assert isinstance(single, InvalidTypeError)
    assert single.field == "histories[2]"


def test_errors_takes_only_its_two_values() -> None:
    with pytest.raises(InvalidValueError) as caught:
        jss.score_many([], as_of=AS_OF, rules=jss.CURRENT, errors="skip")  # type: ignore[call-overload]
    assert caught.value.field == "errors"
