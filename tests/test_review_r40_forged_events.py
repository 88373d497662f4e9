"""An escrow event built around its constructor has its moment judged (red team r39, 1).

``object.__new__`` with a naive or non-UTC ``at`` reached the history, and
every later step raised a raw ``TypeError``.  The engine and a history now
judge each event's ``at`` by the event's own validator, naming where it was
passed.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import escrow
from upwork_safety._events import EVENT_TYPES
from upwork_safety._moments import utc_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.models import History
from upwork_safety.testing import factories

UTC = timezone.utc
FUNDED = datetime(2026, 3, 2, tzinfo=UTC)


def _forged(kind: type, **fields: object) -> object:
    event = object.__new__(kind)
    for name, value in fields.items():
        object.__setattr__(event, name, value)
    return event


NAIVE = _forged(escrow.Fund, milestone_id="m1", at=datetime(2026, 3, 3))
PLUS_FIVE = _forged(
    escrow.Submit,
    milestone_id="m1",
    at=datetime(2026, 3, 3, 6, tzinfo=timezone(timedelta(hours=5))),
    note="",
)


def test_every_event_judges_its_moment_by_one_validator() -> None:
    assert {attrs.fields(kind).at.validator for kind in EVENT_TYPES} == {utc_field}


def test_apply_refuses_a_forged_moment_naming_the_argument() -> None:
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(factories.contract(), NAIVE)  # type: ignore[arg-type]
    assert caught.value.field == "event.at"


def test_apply_refuses_a_moment_that_is_not_in_utc() -> None:
    funded = escrow.apply(factories.contract(), escrow.Fund("m1", FUNDED))
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(funded, PLUS_FIVE)  # type: ignore[arg-type]
    assert caught.value.field == "event.at"
    # Second red team r40, 11: the offset is steady, so the diagnosis is "not in UTC", not a
    # fickle tzinfo (which a constructor-built value is the only way to meet).
    assert caught.value.rule == "in UTC"


def test_replay_names_the_event_by_its_place() -> None:
    with pytest.raises(InvalidValueError) as caught:
        escrow.replay(factories.contract(), [escrow.Fund("m1", FUNDED), NAIVE])  # type: ignore[list-item]
    assert caught.value.field == "events[1].at"


def test_a_history_and_a_contract_refuse_it_by_its_index() -> None:
    with pytest.raises(InvalidValueError) as caught:
        History([escrow.Fund("m1", FUNDED), NAIVE])  # type: ignore[list-item]
    assert caught.value.field == "History.events[1].at"
    with pytest.raises(InvalidValueError) as kept:
        attrs.evolve(factories.contract(), history=[NAIVE])
    assert kept.value.field == "Contract.history[0].at"


def test_a_plain_event_still_applies() -> None:
    funded = escrow.apply(factories.contract(), escrow.Fund("m1", FUNDED))
    assert funded.history.last == escrow.Fund("m1", FUNDED)
