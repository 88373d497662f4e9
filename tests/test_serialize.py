"""Tests for upwork_safety.serialize: strict round-trips with JSON paths in errors."""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    Milestone,
    Money,
    Payment,
    serialize,
)
from upwork_safety._events import Approve, EndContract, Fund
from upwork_safety.models import TimeEntry
from upwork_safety.testing import strategies as us

PKT = timezone(timedelta(hours=5))


def sample_contract():
    return Contract(
        "c1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        ended=date(2024, 2, 1),
        milestones=[Milestone("m1", "Logo in SVG", Money("100.00", "USD"))],
        payments=[Payment(date(2024, 1, 20), Money("100.00", "USD"))],
        feedback=Feedback("4.75", 9, EndReason.COMPLETED),
        service_fee_rate="0.10",
        history=[
            Fund("m1", datetime(2024, 1, 2, 9, tzinfo=PKT)),
            Approve("m1", datetime(2024, 1, 20, tzinfo=timezone.utc), bonus=Money("5", "USD")),
            EndContract(datetime(2024, 2, 1, tzinfo=timezone.utc)),
        ],
    )


def test_money_shape():
    """Money serialises as amount string and currency."""
    assert serialize.to_dict(Money("1000.00", "USD")) == {"amount": "1000.00", "currency": "USD"}


def test_contract_shape():
    """Dates are ISO, datetimes are written in UTC, events carry a type tag, enums their value."""
    data = serialize.to_dict(sample_contract())
    assert data["started"] == "2024-01-01"
    assert data["kind"] == "fixed_price"
    assert data["history"][0] == {
        "type": "Fund",
        "milestone_id": "m1",
        "at": "2024-01-02T04:00:00+00:00",
    }
    assert data["feedback"] == {"stars": "4.75", "private_score": 9, "end_reason": "completed"}
    assert data["service_fee_rate"] == "0.10"


def test_round_trip_sample():
    """The sample contract round-trips through dicts and JSON exactly."""
    c = sample_contract()
    assert c == serialize.from_dict(Contract, serialize.to_dict(c))
    assert c == serialize.from_json(Contract, serialize.to_json(c, indent=2))
    back = serialize.from_json(Contract, serialize.to_json(c))
    # Moments are normalised to UTC on entry: the same instant, written in UTC.
    assert timedelta(0) == back.history[0].at.utcoffset()
    assert c.history[0].at == back.history[0].at


def test_lists_round_trip():
    """A list of contracts round-trips (the CLI reads lists)."""
    c = sample_contract()
    assert [c, c] == serialize.from_json(list[Contract], serialize.to_json([c, c]))


def test_client_as_plain_id():
    """A contract's client may be a plain id string in the data."""
    data = serialize.to_dict(sample_contract())
    data["client"] = "acme"
    assert Client("acme") == serialize.from_dict(Contract, data).client


def test_zulu_datetimes_accepted():
    """'Z' is read as UTC."""
    event = serialize.from_dict(Fund, {"milestone_id": "m1", "at": "2024-01-02T09:00:00Z"})
    assert datetime(2024, 1, 2, 9, tzinfo=timezone.utc) == event.at


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["milestones"][0]["amount"].update(amount=3.5),
            "$.milestones[0].amount.amount: expected a string",
        ),
        (
            lambda d: d["client"].update(payment_verified="false"),
            "$.client.payment_verified: expected true or false",
        ),
        (
            lambda d: d["feedback"].update(private_score=3.9),
            "$.feedback.private_score: expected an integer",
        ),
        (
            lambda d: d["feedback"].update(private_score=True),
            "$.feedback.private_score: expected an integer",
        ),
        (lambda d: d.update(kind="weekly"), "$.kind: expected one of 'fixed_price', 'hourly'"),
        (lambda d: d.pop("started"), "$.started: required field missing"),
        (lambda d: d.update(started="2024-13-01"), "$.started: expected an ISO date"),
        (lambda d: d.update(started=20240101), "$.started: expected an ISO date string"),
        (
            lambda d: d["history"][0].update(at="2024-01-02T09:00:00"),
            "$.history[0].at: datetime '2024-01-02T09:00:00' has no UTC offset",
        ),
        (
            lambda d: d["history"][0].update(at="yesterday"),
            "$.history[0].at: expected an ISO datetime",
        ),
        (
            lambda d: d["history"][0].update(at=5),
            "$.history[0].at: expected an ISO datetime string",
        ),
        (
            lambda d: d["history"][1].update(type="Pay"),
            "$.history[1]: 'type' must name an escrow event",
        ),
        (lambda d: d["history"].__setitem__(1, "Fund"), "$.history[1]: expected an event object"),
        (lambda d: d.update(extra=1), "$: unknown field(s) ['extra']"),
        (lambda d: d.update(payments={}), "$.payments: expected a list, got dict"),
        (lambda d: d.update(client=[]), "$.client: expected an object for Client, got list"),
        (lambda d: d.update(id=7), "$.id: expected a string, got int"),
        (
            lambda d: d.update(service_fee_rate=0.1),
            "$.service_fee_rate: expected a decimal number as a string",
        ),
        (
            lambda d: d.update(service_fee_rate="ten"),
            "$.service_fee_rate: expected a decimal number",
        ),
        (
            lambda d: d.update(service_fee_rate="NaN"),
            "$.service_fee_rate: expected a finite number",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1"}),
            "$.payments[0].amount: Money needs exactly 'amount' and 'currency'; missing ['currency']",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": "USD", "x": 1}),
            "unknown ['x']",
        ),
        (lambda d: d["payments"][0].update(amount=[1]), '$.payments[0].amount: expected {"amount"'),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": 840}),
            "$.payments[0].amount.currency: expected an ISO 4217 code",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": "XYZ"}),
            "$.payments[0].amount.currency: Money.currency must be an ISO 4217",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1e99", "currency": "USD"}),
            "$.payments[0].amount.amount: Money.amount must be a plain decimal number",
        ),
        (
            lambda d: d.update(ended="2023-01-01"),
            "$: Contract.ended (2023-01-01) must not be before",
        ),
    ],
)
def test_strict_errors_name_the_path(change, problem):
    """Each kind of bad data is refused with its JSON path and the rule."""
    data = serialize.to_dict(sample_contract())
    change(data)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert any(problem in p for p in info.value.problems), info.value.problems


def test_every_problem_listed():
    """Several problems are reported together."""
    data = serialize.to_dict(sample_contract())
    data["milestones"][0]["amount"]["amount"] = 3.5
    data["feedback"]["private_score"] = 3.9
    del data["kind"]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert list(info.value.problems) == [
        "$.kind: required field missing",
        (
            '$.milestones[0].amount.amount: expected a string like "1000.00" (floats cannot '
            "hold cents exactly), got float 3.5"
        ),
        "$.feedback.private_score: expected an integer, got float 3.9",
    ]


@pytest.mark.parametrize("data", [1, [], "x", None, 2.5])
def test_top_level_must_be_object(data):
    """A non-object where an object is expected is one clear problem."""
    with pytest.raises(InvalidDataError, match=r"\$: expected an object for Contract"):
        serialize.from_dict(Contract, data)


@pytest.mark.parametrize("text", ["{", "", "[1,", b"\xff", "nan"])
def test_bad_json(text):
    """Text that is not JSON is an InvalidDataError, not a JSONDecodeError."""
    with pytest.raises(InvalidDataError, match="not valid JSON"):
        serialize.from_json(Contract, text)


def test_deep_json():
    """Absurdly nested JSON is refused cleanly."""
    with pytest.raises(InvalidDataError):
        serialize.from_json(Contract, "[" * 100_000 + "]" * 100_000)


def test_timedelta_and_rates():
    """Other public values round-trip too (timedelta as seconds, ExchangeRate)."""
    rate = ExchangeRate("USD", "PKR", "280.25", as_of=date(2026, 11, 20), source="SBP")
    assert rate == serialize.from_json(ExchangeRate, serialize.to_json(rate))
    assert serialize.to_dict(timedelta(seconds=90.5)) == "90.5"
    assert timedelta(seconds=90.5) == serialize.from_dict(timedelta, "90.5")
    with pytest.raises(InvalidDataError, match="seconds"):
        serialize.from_dict(timedelta, "soon")
    with pytest.raises(InvalidDataError, match="seconds"):
        serialize.from_dict(timedelta, 1.5)
    with pytest.raises(InvalidDataError, match="finer than a microsecond"):
        serialize.from_dict(timedelta, "0.0000001")
    with pytest.raises(InvalidDataError, match="expected a number of seconds"):
        serialize.from_dict(timedelta, "1e30")
    assert timedelta(days=14) == serialize.from_dict(timedelta, "1209600.0")


def test_decimal_accepts_int_and_string():
    """Decimals accept integer JSON numbers and strings, not floats."""
    assert Decimal(3) == serialize.from_dict(Decimal, 3)
    assert Decimal("3.10") == serialize.from_dict(Decimal, "3.10")


PUBLIC = [
    (Money, us.money()),
    (ExchangeRate, us.exchange_rates()),
    (Client, us.clients()),
    (Feedback, us.feedbacks()),
    (Payment, us.payments()),
    (Milestone, us.milestones()),
    (TimeEntry, us.time_entries()),
    (Contract, us.contracts()),
]


@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=[c.__name__ for c, _ in PUBLIC])
@given(data=st.data())
def test_round_trip_every_public_type(cls, strategy, data):
    """from_dict(to_dict(x)) == x and the same through JSON, for every public type."""
    value = data.draw(strategy)
    assert value == serialize.from_dict(cls, serialize.to_dict(value))
    assert value == serialize.from_json(cls, serialize.to_json(value))


@given(us.events())
def test_round_trip_events(event):
    """Every escrow event round-trips by its type tag."""
    from upwork_safety._events import Event

    assert event == serialize.from_json(Event, serialize.to_json(event))


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "client", "kind", "started", "amount", "currency", "type", "x"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@pytest.mark.parametrize(("cls", "_strategy"), PUBLIC, ids=[c.__name__ for c, _ in PUBLIC])
@given(data=st.data())
def test_arbitrary_data_only_invalid_data_error(cls, _strategy, data):
    """Arbitrary JSON-like data either builds a value or raises InvalidDataError, nothing else."""
    value = data.draw(json_like)
    try:
        serialize.from_dict(cls, value)
    except InvalidDataError:
        pass
    try:
        serialize.from_json(cls, json.dumps(value))
    except InvalidDataError:
        pass


@given(data=st.data())
def test_mutated_contract_data_only_invalid_data_error(data):
    """A valid contract dict with one field replaced by junk raises only InvalidDataError."""
    c = data.draw(us.contracts())
    d = serialize.to_dict(c)
    key = data.draw(st.sampled_from(sorted(d)))
    d[key] = data.draw(json_like)
    try:
        assert isinstance(serialize.from_dict(Contract, d), Contract)
    except InvalidDataError as exc:
        assert exc.problems


def test_money_slow_path_errors():
    """Money given as an int amount goes through the careful path and still names the field."""
    assert Money(5, "USD") == serialize.from_dict(Money, {"amount": 5, "currency": "USD"})
    with pytest.raises(InvalidDataError, match=r"\$.currency: Money.currency must be an ISO 4217"):
        serialize.from_dict(Money, {"amount": 5, "currency": "ZZZ"})
    with pytest.raises(InvalidDataError, match=r"\$.amount: Money.amount must be a plain decimal"):
        serialize.from_dict(Money, {"amount": "NaN", "currency": "USD"})


def test_unknown_type_is_invalid_data():
    """Asking for a type the converter cannot build is reported, not raised raw."""

    class NotAttrs:
        def __init__(self, x):
            self.x = x

    with pytest.raises(InvalidDataError, match="cannot read this type"):
        serialize.from_dict(NotAttrs, {"x": 1})
