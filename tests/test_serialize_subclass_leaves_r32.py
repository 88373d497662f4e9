"""A caller's ``str``/``int`` subclass is read by its plain value at every leaf (red team r32, 4).

``from_dict`` took a ``MyStr`` id or currency and a ``MyInt`` private score,
but refused a ``MyStr`` amount, stars, date or kind, the kind with a message
naming the valid value as the bad one.  Every leaf reader now reads a
subclass as the plain ``str`` or ``int`` it holds, by ``str``'s and
``int``'s own methods (as the models do), on the fused and the detailed
path alike, with and without the ``fast`` extra.
"""

from __future__ import annotations

import contextlib
import enum
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Literal
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    Feedback,
    InvalidDataError,
    Milestone,
    MilestoneState,
    Money,
    serialize,
)
from upwork_safety._events import Event, Fund
from upwork_safety.models import Escrow
from upwork_safety.serialize import _fused
from upwork_safety.testing import strategies as us

UTC = timezone.utc

#: The public types read from objects, as tests/test_serialize_fast_reader.py draws them.
PUBLIC = [
    (Client, us.clients()),
    (Feedback, us.feedbacks()),
    (Contract, us.contracts()),
    (Event, us.events()),
]
IDS = ["Client", "Feedback", "Contract", "Event"]


class MyStr(str):
    """A caller's own text type, as an ORM hands it out."""

    __slots__ = ()


class MyInt(int):
    """A caller's own number type."""

    __slots__ = ()


class Liar(str):
    """Text whose own methods lie: equal to everything, one hash, another text."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0

    def __str__(self) -> str:
        return "PKR"


class Shade(enum.IntEnum):
    DARK = 1
    LIGHT = 2


@attrs.frozen
class Settings:
    """A caller's class with a leaf of each remaining kind."""

    name: str
    count: int
    wait: timedelta
    shade: Shade
    mode: Literal["a", "b"]


@pytest.fixture(params=["fused", "detailed"])
def path(request: pytest.FixtureRequest, writer: str) -> str:
    """Each test on the fused reader and on the detailed path, with and without ``fast``."""
    return f"{writer}-{request.param}"


def read(path: str, cls: object, data: object) -> object:
    manager = (
        mock.patch.object(_fused, "reader", return_value=None)
        if path.endswith("detailed")
        else contextlib.nullcontext()
    )
    with manager:
        return serialize.from_dict(cls, data)  # type: ignore[call-overload]


CONTRACT = {"id": "c", "client": "a", "kind": "fixed_price", "started": "2025-01-01"}


def test_a_money_amount_and_currency_subclass(path):
    money = read(path, Money, {"amount": MyStr("1.00"), "currency": MyStr("USD")})
    assert Money("1.00", "USD") == money
    assert type(money.amount) is Decimal
    assert type(money.currency) is str


def test_a_contract_id_client_started_and_kind_subclass(path):
    data = {
        "id": MyStr("c"),
        "client": MyStr("acme"),
        "kind": MyStr("hourly"),
        "started": MyStr("2025-01-01"),
    }
    contract = read(path, Contract, data)
    assert isinstance(contract, Contract)
    assert (type(contract.id), contract.id) == (str, "c")
    assert Client("acme") == contract.client
    assert contract.kind is ContractKind.HOURLY
    assert (type(contract.started), contract.started) == (date, date(2025, 1, 1))


def test_feedback_stars_and_private_score_subclasses(path):
    feedback = read(path, Feedback, {"stars": MyStr("5.0"), "private_score": MyInt(3)})
    assert Feedback(stars="5.0", private_score=3) == feedback
    assert (type(feedback.stars), str(feedback.stars)) == (Decimal, "5.0")
    assert type(feedback.private_score) is int
    # A decimal may be a JSON integer: a MyInt is read as that integer.
    assert Decimal(4) == read(path, Feedback, {"stars": MyInt(4)}).stars


def test_an_event_with_a_subclass_tag_and_moment(path):
    at = "2025-06-02T09:00:00+00:00"
    event = Fund("m1", datetime(2025, 6, 2, 9, tzinfo=UTC))
    on_its_own = {"type": MyStr("Fund"), "milestone_id": "m1", "at": MyStr(at)}
    assert event == read(path, Fund, on_its_own)
    funded = Escrow(MilestoneState.FUNDED, Money("100.00", "USD"), held=Money("100.00", "USD"))
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 1),
        milestones=[Milestone("m1", "Logo", Money("100.00", "USD"), escrow=funded)],
        history=[event],
    )
    data = serialize.to_dict(contract)
    data["history"][0].update(type=MyStr("Fund"), at=MyStr(at))
    assert contract == read(path, Contract, data)


def test_a_callers_class_reads_every_other_leaf_kind_plain(path):
    data = {
        "name": MyStr("x"),
        "count": MyInt(7),
        "wait": MyStr("90.5"),
        "shade": MyInt(2),
        "mode": MyStr("b"),
    }
    settings = read(path, Settings, data)
    assert Settings("x", 7, timedelta(seconds=90.5), Shade.LIGHT, "b") == settings
    assert (type(settings.name), type(settings.count)) == (str, int)
    assert settings.shade is Shade.LIGHT
    assert Settings("x", 7, timedelta(seconds=9), Shade.DARK, "a") == read(
        path, Settings, {**data, "wait": MyInt(9), "shade": MyInt(1), "mode": "a"}
    )


def test_a_subclass_is_read_by_its_text_never_its_own_methods(path):
    """Liar says it equals anything and prints as PKR: it is read as the text it holds."""
    assert Money("1.00", "USD") == read(path, Money, {"amount": "1.00", "currency": Liar("USD")})
    contract = read(path, Contract, {**CONTRACT, "kind": Liar("hourly"), "id": Liar("c")})
    assert (contract.kind, contract.id) == (ContractKind.HOURLY, "c")
    with pytest.raises(InvalidDataError) as caught:
        read(path, Fund, {"type": Liar("Approve"), "milestone_id": "m1", "at": "x"})
    assert "$.type" in [p.path for p in caught.value.problems]


@pytest.mark.parametrize(
    ("cls", "data", "where", "rule"),
    [
        (
            Money,
            {"amount": MyStr("01.00"), "currency": "USD"},
            "$.amount",
            "canonical decimal text",
        ),
        (Contract, {**CONTRACT, "kind": MyStr("Hourly")}, "$.kind", "a ContractKind"),
        (Contract, {**CONTRACT, "started": MyStr("20250101")}, "$.started", "an ISO 8601 date"),
        (Feedback, {"private_score": True}, "$.private_score", "an integer"),
    ],
)
def test_a_subclass_is_refused_as_its_plain_value_would_be(path, cls, data, where, rule):
    """Read as plain, a subclass keeps every rule: bad text is refused as plain text is,
    and a bool is still no integer."""
    with pytest.raises(InvalidDataError) as caught:
        read(path, cls, data)
    (problem,) = caught.value.problems
    assert (where, rule) == (problem.path, problem.rule)
    plain = {k: (v if type(v) is bool else type(v).__mro__[-2](v)) for k, v in data.items()}
    with pytest.raises(InvalidDataError) as again:
        read(path, cls, plain)
    assert caught.value.problems == again.value.problems


def test_the_kind_message_names_the_type_it_got(path):
    """The report's message named a valid value as the bad one; a refused value is now
    named with its type."""
    with pytest.raises(InvalidDataError) as caught:
        read(path, Contract, {**CONTRACT, "kind": 1})
    (problem,) = caught.value.problems
    assert ("$.kind", "a ContractKind") == (problem.path, problem.rule)
    assert problem.message.endswith("got int 1")


@pytest.mark.parametrize(
    ("amount", "floats"),
    [(1.5, True), (Decimal("1.00"), False), ([1], False), (None, False)],
)
def test_the_amount_message_blames_floats_only_for_a_float(path, amount, floats):
    with pytest.raises(InvalidDataError) as caught:
        read(path, Money, {"amount": amount, "currency": "USD"})
    (problem,) = caught.value.problems
    assert ("$.amount", "canonical decimal text") == (problem.path, problem.rule)
    assert ("floats cannot hold cents" in problem.message) is floats
    assert problem.message.startswith('expected a string like "1000.00"')


def subclassed(data: object) -> object:
    """*data* with every str and int leaf (not keys, not bools) made a MyStr or MyInt."""
    if isinstance(data, dict):
        return {key: subclassed(item) for key, item in data.items()}
    if isinstance(data, list):
        return [subclassed(item) for item in data]
    if type(data) is str:
        return MyStr(data)
    if type(data) is int:
        return MyInt(data)
    return data


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=IDS)
@given(data=st.data())
@settings(max_examples=40)
def test_property_every_leaf_subclassed_reads_the_same_value(cls, strategy, data):
    """Every str and int leaf of a written value made a subclass: the fused and the detailed
    path, with and without fast, read back the equal value."""
    value = data.draw(strategy)
    written = serialize.to_dict(value)
    for where in ("fused", "detailed"):
        assert value == read(where, cls, subclassed(written))
