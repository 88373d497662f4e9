"""Regression tests for round 30's red team (escrow, JSS, billing, Money): findings 1 and 3.

And a bare ``typing.List`` field of a caller's class, left open by the serialize fixes.

Finding 2 (Money's other operators) is in tests/test_money_errors.py.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Milestone,
    Money,
    Payment,
    escrow,
    jss,
    serialize,
)
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss import Outcome

JUNE = date(2025, 6, 30)
PLAN = [jss.FutureJob(Money("500.00", "USD"), days=14)]
ODDS = {
    Outcome.POSITIVE: Decimal("0.8"),
    Outcome.NEUTRAL: Decimal("0.1"),
    Outcome.NEGATIVE: Decimal("0.1"),
}


def job(number: int, client: str) -> Contract:
    started = date(2025, 1, 1 + number)
    ended = date(2025, 3, 1 + number)
    return Contract(
        f"c{number}",
        client,
        ContractKind.FIXED_PRICE,
        started,
        ended,
        payments=[Payment(ended, Money("300", "USD"))],
        feedback=Feedback(stars="5.0" if number % 3 else "3.0"),
    )


HISTORY = [job(n, f"client{n % 3}") for n in range(6)]


class Lying(str):
    """Says it equals anything and hashes as client1."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("client1")


class Raising(str):
    """Raises from its own __eq__ and __hash__."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")


# ------------------------------------------------------------ finding 3: plain text in look-ups


def test_a_lying_client_id_excludes_only_the_client_it_names():
    whole = jss.score(HISTORY, as_of=JUNE)
    assert whole.windows[0].contracts == 6
    # "zzz" names no client: it is refused (review r34 3), read as its own text.
    with pytest.raises(InvalidValueError) as lied:
        jss.score(HISTORY, as_of=JUNE, exclude_clients=[Lying("zzz")])
    assert "exclude_clients[0]" == lied.value.field
    assert "'zzz'" in str(lied.value)
    named = jss.score(HISTORY, as_of=JUNE, exclude_clients=(c for c in [Lying("client1")]))
    assert named.windows[0].contracts == 4


def test_a_raising_client_id_is_read_as_its_text():
    report = jss.score(HISTORY, as_of=JUNE, exclude_clients=[Raising("client1")])
    assert report.windows[0].contracts == 4
    assert report == jss.score(HISTORY, as_of=JUNE, exclude_clients=["client1"])


def test_a_report_finds_an_impact_by_the_text_of_the_id():
    report = jss.score(HISTORY, as_of=JUNE)
    assert report.impact(Raising("c2")).contract_id == "c2"
    assert report.impact(Lying("c4")).contract_id == "c4"
    with pytest.raises(InvalidValueError) as info:
        report.impact(Lying("nope"))
    assert info.value.field == "contract_id"


def funded() -> Contract:
    offer = Contract(
        "k",
        "client",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=(  # b first: milestones are funded in order (review r33, domain 1)
            Milestone("b", "Checkout", Money("50.00", "USD")),
            Milestone("a", "Landing page", Money("100.00", "USD")),
        ),
        service_fee_rate=Decimal("0.10"),
    )
    return escrow.apply(offer, escrow.Fund("b", datetime(2025, 3, 4, tzinfo=timezone.utc)))


def test_a_milestone_is_found_by_the_text_of_its_id():
    contract = funded()
    assert contract.milestone(Raising("b")).id == "b"
    assert contract.milestone(Lying("a")).id == "a"
    choices = escrow.allowed(contract, Raising("b"), now=datetime(2025, 3, 5, tzinfo=timezone.utc))
    assert type(choices.milestone_id) is str
    assert choices.milestone_id == "b"
    assert "Submit" in choices.allowed
    with pytest.raises(InvalidValueError) as info:
        contract.milestone(Lying("zzz"))
    assert info.value.field == "milestone_id"


def test_every_list_of_text_argument_comes_back_plain():
    """The one reader of list arguments (``sequence_of``) gives plain ``str``, lists and iterators."""
    for given in ([Raising("weekly"), "monthly"], (n for n in [Lying("weekly")])):
        read = sequence_of(given, str, "schedules")
        assert [type(item) for item in read] == [str] * len(read)
        assert read[0] == "weekly"


def test_text_comes_back_plain_when_str_is_one_of_several_kinds():
    """A tuple of kinds that includes ``str`` makes text plain too; other items stay as given."""
    for given in ([Raising("weekly"), 3], (n for n in [Lying("weekly"), 4])):
        read = sequence_of(given, (str, int), "items")
        assert [type(item) for item in read] == [str, int]
        assert read == ("weekly", read[1])


# ------------------------------------------------------ finding 1: forecast odds read each once


class Endless(Mapping[object, object]):
    """A mapping whose items never end: POSITIVE again and again."""

    def __getitem__(self, key: object) -> object:
        return Decimal("0.5")

    def __len__(self) -> int:
        return 3

    def __iter__(self) -> Iterator[object]:
        while True:
            yield Outcome.POSITIVE


class RaisingMapping(Mapping[object, object]):
    def __getitem__(self, key: object) -> object:
        raise RuntimeError("getitem")

    def __len__(self) -> int:
        return 1

    def __iter__(self) -> Iterator[object]:
        yield Outcome.POSITIVE


class NotPairs(dict[object, object]):
    def items(self):  # type: ignore[override]
        return iter([Outcome.POSITIVE])


@pytest.mark.parametrize(
    ("odds", "error", "rule"),
    [
        (Endless(), InvalidValueError, "each outcome once"),
        (NotPairs({Outcome.POSITIVE: 1}), InvalidValueError, "a mapping of Outcome to chance"),
    ],
    ids=["endless", "not pairs"],
)
def test_forecast_odds_are_read_once_each_and_refused_fast(odds, error, rule):
    with pytest.raises(error) as info:
        jss.forecast(HISTORY, as_of=JUNE, jobs=PLAN, outcome_odds=odds, trials=10, seed=1)
    assert info.value.field == "outcome_odds"
    assert info.value.rule == rule


def test_forecast_odds_let_the_callers_own_exception_through():
    """The caller's own code raising propagates unchanged, as everywhere (docs/api/errors.md)."""
    with pytest.raises(RuntimeError, match="getitem") as info:
        jss.forecast(
            HISTORY, as_of=JUNE, jobs=PLAN, outcome_odds=RaisingMapping(), trials=10, seed=1
        )
    assert type(info.value) is RuntimeError


def test_forecast_odds_still_read_a_plain_mapping():
    outlook = jss.forecast(HISTORY, as_of=JUNE, jobs=PLAN, outcome_odds=ODDS, trials=50, seed=3)
    assert sum(b.trials for b in outlook.bins) == 50
    with pytest.raises(InvalidTypeError):
        jss.forecast(HISTORY, as_of=JUNE, jobs=PLAN, outcome_odds={"good": 1}, trials=5, seed=1)


# ------------------------------------- serialize: a bare typing.List is written as a bare list


@attrs.define
class _Bare:
    items: typing.List = attrs.Factory(list)  # noqa: UP006  (the bare typing alias is the case)
    steps: typing.Sequence = ()  # type: ignore[type-arg]
    plain: list = attrs.Factory(list)  # type: ignore[type-arg]


def test_a_bare_typing_list_is_written_as_a_bare_list_is():
    """It was a raw IndexError on writing; the readers take it as a bare list."""
    value = _Bare([1, "a", None], [2, "b"], [1, "a", None])
    text = serialize.to_json(value)
    assert text == '{"items":[1,"a",null],"steps":[2,"b"],"plain":[1,"a",null]}'
    back = serialize.from_json(_Bare, text)
    assert back.items == [1, "a", None]
    assert back.plain == back.items
    assert list(back.steps) == [2, "b"]
    assert serialize.to_dict(value)["items"] == [1, "a", None]
