"""The caller's own code raising: what propagates and what is refused (docs/api/errors.md).

The rule: your exception propagates unchanged from an iterator or mapping
you pass; three places read your object as data and refuse it with the
library's error instead (a failing ``tzinfo``, a datetime subclass whose
comparison fails, and ``serialize`` with your attrs classes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone, tzinfo
from decimal import Decimal

import attrs
import pytest

import upwork_safety as us
from upwork_safety import escrow, jss, serialize, statements
from upwork_safety.jss import FutureJob, Outcome
from upwork_safety.testing import factories

AT = datetime(2026, 3, 2, tzinfo=timezone.utc)


class CallersError(Exception):
    """The caller's own exception, of a class the library has never seen."""


def raising() -> Iterator[object]:
    raise CallersError("the database went away")
    yield  # pragma: no cover  (makes this a generator)


class RaisingOdds(Mapping[object, object]):
    def __getitem__(self, key: object) -> object:
        raise CallersError("odds lookup failed")

    def __len__(self) -> int:
        return 1

    def __iter__(self) -> Iterator[object]:
        yield Outcome.POSITIVE


CONTRACT = factories.contract()

CALLS: dict[str, Callable[[], object]] = {
    "jss.score contracts": lambda: jss.score(raising(), as_of=AT),  # type: ignore[arg-type]
    "escrow.replay events": lambda: escrow.replay(CONTRACT, raising()),  # type: ignore[arg-type]
    "Contract milestones": lambda: us.Contract(
        id="c-1",
        client=CONTRACT.client,
        kind=CONTRACT.kind,
        started=CONTRACT.started,
        milestones=raising(),  # type: ignore[arg-type]
    ),
    "statements.parse lines": lambda: statements.parse(raising()),  # type: ignore[arg-type]
    "jss.forecast outcome_odds": lambda: jss.forecast(
        [],
        as_of=AT,
        jobs=[FutureJob(amount=us.Money("100", "USD"))],
        outcome_odds=RaisingOdds(),  # type: ignore[arg-type]
        trials=1,
        seed=1,
    ),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
def test_the_callers_own_exception_propagates_unchanged(call: Callable[[], object]) -> None:
    with pytest.raises(CallersError) as info:
        call()
    assert type(info.value) is CallersError
    assert not isinstance(info.value, us.UpworkSafetyError)


class FailingZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> None:
        raise CallersError("no zone data")

    def dst(self, dt: datetime | None) -> None:
        return None


def test_a_failing_tzinfo_is_refused_with_the_callers_error_as_cause() -> None:
    with pytest.raises(us.InvalidValueError) as info:
        escrow.Fund(milestone_id="m-1", at=datetime(2026, 3, 2, tzinfo=FailingZone()))
    assert info.value.field == "Fund.at"
    assert type(info.value.__cause__) is CallersError


class Touchy(datetime):
    def __eq__(self, other: object) -> bool:
        raise CallersError("cannot compare")

    __hash__ = datetime.__hash__


def test_a_datetime_subclass_whose_comparison_raises_is_refused() -> None:
    with pytest.raises(us.InvalidTypeError) as info:
        escrow.Fund(milestone_id="m-1", at=Touchy(2026, 3, 2, tzinfo=timezone.utc))
    assert info.value.field == "Fund.at"
    assert info.value.rule == "a datetime"
    assert type(info.value.__cause__) is CallersError


class Loud(Decimal):
    def __eq__(self, other: object) -> bool:
        raise CallersError("never asked")

    __hash__ = Decimal.__hash__


def test_a_decimal_subclass_is_read_as_its_plain_value_and_never_asked() -> None:
    money = us.Money(Loud("12.50"), "USD")
    assert type(money.amount) is Decimal
    assert money.amount == Decimal("12.50")


@attrs.define
class Validated:
    x: int = attrs.field()

    @x.validator
    def _refuse(self, attribute: object, value: int) -> None:
        raise CallersError("my rule")


@attrs.define
class Unreadable:
    x: int = 1

    def __getattribute__(self, name: str) -> object:
        if name == "x":
            raise CallersError("my property")
        return object.__getattribute__(self, name)


def test_serialize_reports_a_callers_validator_as_a_problem_at_its_path() -> None:
    with pytest.raises(us.InvalidDataError) as info:
        serialize.from_dict(Validated, {"x": 1})
    [problem] = info.value.problems
    assert problem.path == "$"
    assert problem.message == "my rule"


def test_serialize_names_the_field_where_the_callers_code_raised_on_writing() -> None:
    with pytest.raises(us.InvalidValueError) as info:
        serialize.to_dict(Unreadable())
    assert info.value.field == "value.x"
