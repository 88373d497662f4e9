"""Tests for upwork_safety.serialize: strict round-trips with JSON paths in errors."""

import enum
import functools
import importlib.util
import json
import sys
import tracemalloc
import typing
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, localcontext
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _ids import label
from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    UpworkSafetyError,
    escrow,
    serialize,
)
from upwork_safety._events import Approve, EndContract, Fund
from upwork_safety.models import Escrow, History, MilestoneState, TimeEntry
from upwork_safety.serialize import _fast, _strict, _times
from upwork_safety.testing import strategies as us

PKT = timezone(timedelta(hours=5))


def sample_contract():
    """An ended contract as the engine recorded it: funded, approved with a bonus, ended."""
    offer = Contract(
        "c1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.FIXED_PRICE,
        date(2024, 1, 1),
        milestones=[Milestone("m1", "Logo in SVG", Money("100.00", "USD"))],
        service_fee_rate="0.10",
    )
    ended = escrow.replay(
        offer,
        [
            Fund("m1", datetime(2024, 1, 2, 9, tzinfo=PKT)),
            Approve("m1", datetime(2024, 1, 20, tzinfo=timezone.utc), bonus=Money("5", "USD")),
            EndContract(datetime(2024, 2, 1, tzinfo=timezone.utc)),
        ],
    )
    # Feedback is given once the contract has ended (an open contract refuses it).
    return attrs.evolve(ended, feedback=Feedback("4.75", 9, EndReason.COMPLETED))


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
    ("change", "path"),
    [
        (
            lambda d: d["milestones"][0]["amount"].update(amount=3.5),
            "$.milestones[0].amount.amount",
        ),
        (lambda d: d["client"].update(payment_verified="false"), "$.client.payment_verified"),
        (lambda d: d["feedback"].update(private_score=3.9), "$.feedback.private_score"),
        (lambda d: d["feedback"].update(private_score=True), "$.feedback.private_score"),
        (lambda d: d.update(kind="weekly"), "$.kind"),
        (lambda d: d.pop("started"), "$.started"),
        (lambda d: d.update(started="2024-13-01"), "$.started"),
        (lambda d: d.update(started=20240101), "$.started"),
        (lambda d: d["history"][0].update(at="2024-01-02T09:00:00"), "$.history[0].at"),
        (lambda d: d["history"][0].update(at="yesterday"), "$.history[0].at"),
        (lambda d: d["history"][0].update(at=5), "$.history[0].at"),
        (lambda d: d["history"][1].update(type="Pay"), "$.history[1].type"),
        (lambda d: d["history"][1].pop("type"), "$.history[1].type"),
        (lambda d: d["history"].__setitem__(1, "Fund"), "$.history[1]"),
        (lambda d: d.update(extra=1), "$"),
        (lambda d: d.update(payments={}), "$.payments"),
        (lambda d: d.update(client=[]), "$.client"),
        (lambda d: d.update(client=""), "$.client"),
        (lambda d: d.update(id=7), "$.id"),
        (lambda d: d.update(service_fee_rate=0.1), "$.service_fee_rate"),
        (lambda d: d.update(service_fee_rate="ten"), "$.service_fee_rate"),
        (lambda d: d.update(service_fee_rate="NaN"), "$.service_fee_rate"),
        (lambda d: d["payments"][0].update(amount={"amount": "1"}), "$.payments[0].amount"),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": "USD", "x": 1}),
            "$.payments[0].amount",
        ),
        (lambda d: d["payments"][0].update(amount=[1]), "$.payments[0].amount"),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": 840}),
            "$.payments[0].amount.currency",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1", "currency": "XYZ"}),
            "$.payments[0].amount.currency",
        ),
        (
            lambda d: d["payments"][0].update(amount={"amount": "1e99", "currency": "USD"}),
            "$.payments[0].amount.amount",
        ),
        (
            lambda d: d["milestones"][0].update(amount={"amount": "0", "currency": "USD"}),
            "$.milestones[0].amount",
        ),
    ],
)
def test_strict_errors_name_the_path(change, path):
    """Each kind of bad data is refused with its JSON path."""
    data = serialize.to_dict(sample_contract(), omit_defaults=False)
    change(data)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert [path] == [p.split(": ", 1)[0] for p in info.value.problems]
    assert (1, True) == (info.value.count, info.value.complete)


def test_every_problem_listed():
    """Several problems are reported together, in document order, each with its path."""
    data = serialize.to_dict(sample_contract())
    data["milestones"][0]["amount"]["amount"] = 3.5
    data["feedback"]["private_score"] = 3.9
    del data["kind"]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert [
        "$.kind",
        "$.milestones[0].amount.amount",
        "$.feedback.private_score",
    ] == [p.split(": ", 1)[0] for p in info.value.problems]
    assert (3, True) == (info.value.count, info.value.complete)


@pytest.mark.parametrize("data", [1, [], "x", None, 2.5])
def test_top_level_must_be_object(data):
    """A non-object where an object is expected is one clear problem."""
    with pytest.raises(InvalidDataError, match=r"\$: expected an object for Contract"):
        serialize.from_dict(Contract, data)


@pytest.mark.parametrize(
    ("text", "rule"),
    [("{", "JSON"), ("", "JSON"), ("[1,", "JSON"), (b"\xff", "UTF-8"), ("nan", "JSON")],
)
def test_bad_json(text, rule):
    """Text that is not JSON (or bytes not UTF-8) is an InvalidDataError, not a JSONDecodeError."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Contract, text)
    assert [("$", rule)] == [(p.path, p.rule) for p in caught.value.problems]


def test_deep_json():
    """Absurdly nested JSON is refused cleanly."""
    with pytest.raises(InvalidDataError):
        serialize.from_json(Contract, "[" * 100_000 + "]" * 100_000)


def test_timedelta_and_rates():
    """Other public values round-trip too (timedelta as exact seconds, ExchangeRate)."""
    rate = ExchangeRate("USD", "PKR", "280.25", as_of=date(2026, 11, 20), source="SBP")
    assert rate == serialize.from_json(ExchangeRate, serialize.to_json(rate))
    assert "90.5" == serialize.to_dict(timedelta(seconds=90.5))
    assert "1209600" == serialize.to_dict(timedelta(days=14))
    assert "-0.000001" == serialize.to_dict(timedelta(microseconds=-1))
    assert timedelta(seconds=90.5) == serialize.from_dict(timedelta, "90.5")
    assert timedelta(days=14) == serialize.from_dict(timedelta, 1209600)
    # Only the text the writer writes (red team r24 S1): "1209600.0" would be rewritten.
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(timedelta, "1209600.0")
    assert info.value.problems[0].rule == "canonical decimal text"


def test_timedelta_exact_at_the_ends():
    """The longest durations keep their microseconds (no float on the way)."""
    longest = timedelta.max
    assert longest == serialize.from_dict(timedelta, serialize.to_dict(longest))
    assert timedelta.min == serialize.from_dict(timedelta, serialize.to_dict(timedelta.min))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("soon", "canonical decimal text"),
        (1.5, "canonical decimal text"),
        ("1e30", "canonical decimal text"),
        ("1e999990", "canonical decimal text"),
        ("0.0000001", "whole microseconds"),
        ("9" * 18, "within timedelta's range"),
        (" 5", "canonical decimal text"),
    ],
)
def test_durations_refused(text, rule):
    """Durations are canonical seconds to the microsecond within timedelta's range."""
    with pytest.raises(_strict.RefusedError) as info:
        _times.read_seconds(text)
    assert rule == info.value.rule
    with pytest.raises(InvalidDataError) as data_error:
        serialize.from_dict(timedelta, text)
    assert ["$"] == [p.split(": ", 1)[0] for p in data_error.value.problems]


def test_decimal_accepts_int_and_string():
    """Decimals accept integer JSON numbers and strings, not floats."""
    assert Decimal(3) == serialize.from_dict(Decimal, 3)
    assert Decimal("3.10") == serialize.from_dict(Decimal, "3.10")


@pytest.mark.parametrize(
    "text", ["1E-7", "1E+2", "1.5E+3", "0E-20", "0E+3", "1E-18", "-0E-3", "0E-60", "123.4500"]
)
def test_decimals_in_exponent_form_are_written_plain_and_read_back(text):
    """Regression (red team): Money("0.0000001") was written as "1E-7", which no reader takes.

    ``ExchangeRate.inverse()`` of a VND rate made such a value itself.
    """
    money = Money(Decimal(text), "USD")
    written = serialize.to_dict(money)["amount"]
    assert format(Decimal(text), "f") == written
    assert "E" not in written
    assert "E" not in str(money)
    assert money == serialize.from_json(Money, serialize.to_json(money))


def test_an_inverse_rate_the_library_made_reads_back():
    """ExchangeRate.inverse() of a VND rate is 1E-7: a value the library built itself."""
    rate = ExchangeRate("USD", "VND", "10000000").inverse()
    assert Decimal("1E-7") == rate.rate
    assert rate == serialize.from_json(ExchangeRate, serialize.to_json(rate))


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: d.is_finite() and abs(d.as_tuple().exponent) <= 70  # type: ignore[arg-type]
    )
)
def test_every_amount_money_holds_is_written_so_it_reads_back(value):
    """Whatever Decimal Money accepts, its JSON text is plain and reads back to an equal value."""
    try:
        money = Money(value, "USD")
    except UpworkSafetyError:
        return  # refused when built: nothing to write
    data = serialize.to_dict(money)
    assert format(value, "f") == data["amount"]
    assert money == serialize.from_dict(Money, data)


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


@pytest.mark.fuzz
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


@pytest.mark.fuzz
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
    """Money given as an int amount goes through the careful path and names the field.

    Review r26: the int amount is refused (an amount is read only from its text), no
    longer loaded and written back as "5".
    """
    with pytest.raises(InvalidDataError, match=r"\$.amount: expected the amount as text"):
        serialize.from_dict(Money, {"amount": 5, "currency": "USD"})
    with pytest.raises(InvalidDataError, match=r"\$.currency: Money.currency must be an ISO 4217"):
        serialize.from_dict(Money, {"amount": "5", "currency": "ZZZ"})
    with pytest.raises(InvalidDataError, match=r"\$.amount: Money.amount must be a plain decimal"):
        serialize.from_dict(Money, {"amount": "NaN", "currency": "USD"})


def test_unknown_type_is_a_wrong_cls():
    """Asking for a type the converter cannot build blames cls, not the data (newcomer r21 L1)."""

    class NotAttrs:
        def __init__(self, x):
            self.x = x

    with pytest.raises(InvalidTypeError) as info:
        serialize.from_dict(NotAttrs, {"x": 1})
    assert ("cls", "a type serialize reads") == (info.value.field, info.value.rule)
    assert "cannot read the type NotAttrs:" in str(info.value)


def test_one_or_a_list_of_contracts_is_a_wrong_cls_naming_what_is_read():
    """from_json(Contract | list[Contract]) blames cls, says how to read the CLI's file (r21 L1)."""
    text = serialize.to_json([Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2))])
    for read in (
        lambda: serialize.from_json(Contract | list[Contract], text),
        lambda: serialize.from_dict(Contract | list[Contract], json.loads(text)),
        lambda: serialize.from_json(Contract | list[Contract], "not JSON at all"),
    ):
        with pytest.raises(InvalidTypeError) as info:
            read()
        error = info.value
        assert ("cls", "a type serialize reads") == (error.field, error.rule)
        message = str(error)
        assert "cannot read the type Contract | list[Contract]:" in message
        assert "list[...], tuple[...] and dict[str, ...] of them" in message
        assert "read as list[Contract] when its text starts with '['" in message
        assert "_contract" not in message  # no private module path
        assert "structure hook" not in message  # nothing about cattrs' converter


def test_a_class_holding_an_unreadable_type_names_both():
    """An attrs class with a field of a type nothing reads: the class and the field's type."""

    @attrs.frozen
    class Holder:
        value: object

    with pytest.raises(InvalidTypeError) as info:
        serialize.from_dict(Holder, {"value": 1})
    assert "cannot read the type Holder (it holds object):" in str(info.value)
    assert "list[Contract]" not in str(info.value)


def test_the_documented_reading_of_one_or_a_list_of_contracts():
    """The CLI's file in either shape reads back as a list, by its first character (cli.md)."""
    contracts = [
        Contract(f"c{i}", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2)) for i in range(2)
    ]

    def read(text):
        if text.lstrip().startswith("["):
            return serialize.from_json(list[Contract], text)
        return [serialize.from_json(Contract, text)]

    assert contracts == read(serialize.to_json(contracts, indent=2))
    assert contracts[:1] == read(serialize.to_json(contracts[0]))


# --------------------------------------------------------------------------- strict, bounded loading (issue 12)


def _paths(info: pytest.ExceptionInfo[InvalidDataError]) -> list[str]:
    return [p.split(": ", 1)[0] for p in info.value.problems]


@pytest.mark.parametrize(
    "amount",
    ["1_000", "１０００", "١٢٣", " 5", "5 ", "\t5", "1e3", "1E3", "0x10", "5.", ".5", "--5", "٥"],
)
def test_non_canonical_amounts_refused(amount):
    """Amount text that Decimal() would accept or rewrite is refused, naming the amount."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Money, {"amount": amount, "currency": "USD"})
    assert ["$.amount"] == _paths(info)
    with pytest.raises(_strict.RefusedError) as refused:
        _strict.read_money({"amount": amount, "currency": "USD"})
    assert ("canonical decimal text", ".amount") == (refused.value.rule, refused.value.where)


@pytest.mark.parametrize("rate", ["1_000", "０.1", " 0.1", "0.1 ", "1e-1", "NaN", "-Infinity"])
def test_non_canonical_decimals_refused(rate):
    """Every Decimal field reads canonical text only (the Money rule)."""
    data = serialize.to_dict(sample_contract())
    data["service_fee_rate"] = rate
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert ["$.service_fee_rate"] == _paths(info)
    with pytest.raises(_strict.RefusedError) as refused:
        _strict.read_decimal(rate)
    assert "canonical decimal text" == refused.value.rule


def test_a_percentage_in_json_is_refused_with_the_fraction_to_write():
    """ "10%" is how Python callers may give a rate; JSON holds the canonical fraction.

    The refusal keeps one spelling on disk and says what to write instead.
    """
    data = serialize.to_dict(sample_contract())
    data["service_fee_rate"] = "10%"
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert ["$.service_fee_rate"] == _paths(info)
    assert "0.1 for 10%" in str(info.value)
    data["service_fee_rate"] = "0.1"
    assert Decimal("0.1") == serialize.from_dict(Contract, data).service_fee_rate


def test_huge_exponent_duration_refused():
    """A duration of "1e999990" seconds is refused by its text, never built as a number."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(timedelta, '"1e999990"')
    assert ["$"] == _paths(info)
    with pytest.raises(_strict.RefusedError) as refused:
        _times.read_seconds("1e999990")
    assert "canonical decimal text" == refused.value.rule


@pytest.mark.parametrize(
    "text",
    [
        "20250602",
        "2025-W23-1",
        "2025W231",
        "2025-153",
        "2025153",
        "2025-06-02T00:00:00",
        "２０２５-06-02",
        "2025-6-2",
        " 2025-06-02",
        "+2025-06-02",
    ],
)
def test_dates_extended_iso_only(text):
    """Only YYYY-MM-DD is a date: basic format, week and ordinal dates are refused."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Payment, {"on": text, "amount": {"amount": "5", "currency": "USD"}})
    assert ["$.on"] == _paths(info)
    with pytest.raises(_strict.RefusedError) as refused:
        _times.read_date(text)
    assert "an ISO 8601 date" == refused.value.rule


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("2025-13-01", "no such month"),
        ("2025-00-10", "no such month"),
        ("2025-02-29", "no such day that month"),
        ("2025-06-31", "no such day that month"),
        ("0000-01-01", "no such year"),
    ],
)
def test_a_date_form_that_is_no_day_says_so(text, what):
    """Newcomer 8: "2025-13-01" was refused as "expected an ISO date like 2024-05-01"."""
    with pytest.raises(_strict.RefusedError) as refused:
        _times.read_date(text)
    assert "an ISO 8601 date" == refused.value.rule
    assert what in str(refused.value)
    assert date(2024, 2, 29) == _times.read_date("2024-02-29")


@pytest.mark.parametrize(
    "text",
    [
        "20250602T093000Z",
        "2025-06-02T09:30Z",
        "2025-06-02 09:30:00+00:00",
        "2025-06-02T09:30:00+0500",
        "2025-06-02T09:30:00.5+00:00",
        "2025-06-02T09:30:00z",
        "2025-06-02t09:30:00Z",
        "2025-W23-1T09:30:00Z",
        "2025-06-02T09:30:00",
        "2025-06-02T24:00:00Z",
        "2025-06-02T09:30:00+24:00",
    ],
)
def test_datetimes_extended_iso_with_offset_only(text):
    """A moment is YYYY-MM-DDTHH:MM:SS[.fff[fff]] with Z or ±HH:MM; nothing else."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Fund, {"milestone_id": "m1", "at": text})
    assert ["$.at"] == _paths(info)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-02T09:30:00Z", datetime(2025, 6, 2, 9, 30, tzinfo=timezone.utc)),
        ("2025-06-02T09:30:00.250+00:00", datetime(2025, 6, 2, 9, 30, 0, 250_000, timezone.utc)),
        ("2025-06-02T14:30:00.000001+05:00", datetime(2025, 6, 2, 9, 30, 0, 1, timezone.utc)),
    ],
)
def test_datetimes_accepted(text, expected):
    """The extended forms load as the same instant (stored in UTC)."""
    assert expected == serialize.from_dict(Fund, {"milestone_id": "m1", "at": text}).at


def test_duplicate_key_refused_with_path():
    """A repeated key is refused (json.loads would keep the last), naming where it is."""
    text = serialize.to_json(sample_contract())
    repeated = text.replace('"title":"Logo in SVG"', '"title":"Logo in SVG","title":"Logo"')
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Contract, repeated)
    assert ["$.milestones[0].title"] == _paths(info)
    top = text.replace('"id":"c1"', '"id":"c1","id":"c2"', 1)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Contract, top)
    assert ["$.id"] == _paths(info)


@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_too_long_to_read_is_refused_at_its_path(sign):
    """Red team r14 F3/F4: a 5,000-digit amount was "not valid JSON" at ``$`` with advice to
    raise the interpreter's digit limit, and with that limit lifted one long integer took
    seconds (conversion is quadratic). It is kept as its text and refused at its path."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # a caller that lifted the limit: nothing may convert it
    try:
        text = (
            '{"amount": ' + sign + "9" * 5000 + ', "currency": "USD"}'
            if sign
            else '[{"amount": "1.00", "currency": "USD"}, {"amount": 1, "currency": "USD", '
            '"x": ' + "9" * 5000 + ", " + '"y": ' + "8" * 101 + "}]"
        )
        with pytest.raises(InvalidDataError) as info:
            serialize.from_json(Money if sign else list[Money], text)
    finally:
        sys.set_int_max_str_digits(old)
    if sign:
        ((path, rule),) = [(p.path, p.rule) for p in info.value.problems]
        assert ("$.amount", "at most 100 digits") == (path, rule)
        assert "5,000 digits" in info.value.problems[0].message
    else:
        assert [("$[1].x", "at most 100 digits"), ("$[1].y", "at most 100 digits")] == [
            (p.path, p.rule) for p in info.value.problems
        ]
    assert "set_int_max_str_digits" not in str(info.value)


def test_an_integer_of_up_to_100_digits_reaches_its_reader():
    """The reader of the field judges an integer within the limit (here: 18 digits at most).

    A decimal that is not an amount still takes a JSON integer; an amount takes only its
    text (review r26), so Money's reader refuses the integer as a number, not by its length.
    """
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(dict[str, Decimal], '{"rate": ' + "9" * 100 + "}")
    ((path, rule),) = [(p.path, p.rule) for p in info.value.problems]
    assert ("$.rate", "at most 18 integer digits") == (path, rule)
    assert {"rate": Decimal(12)} == serialize.from_json(dict[str, Decimal], '{"rate": 12}')
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Money, '{"amount": ' + "9" * 100 + ', "currency": "USD"}')
    ((path, rule),) = [(p.path, p.rule) for p in info.value.problems]
    assert ("$.amount", "canonical decimal text") == (path, rule)


def _peak_bytes(call) -> int:
    """Peak memory traced while *call* runs (tracemalloc), above what was allocated before."""
    tracemalloc.start()
    try:
        call()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


@pytest.mark.slow
def test_million_zeros_bounded_in_memory_and_message():
    """A 2 MB list of a million zeros as list[Contract]: exact count, 50 problems kept, little memory.

    Before the fix it took 1.8 GB and made a 54 MB message.  The list that
    json.loads builds is 8 MB by itself; everything else must stay small.
    """
    text = "[" + ",".join(["0"] * 1_000_000) + "]"
    errors: list[InvalidDataError] = []

    def load() -> None:
        try:
            serialize.from_json(list[Contract], text)
        except InvalidDataError as exc:
            errors.append(exc)

    peak = _peak_bytes(load)
    (error,) = errors
    assert (1_000_000, True, 50) == (error.count, error.complete, len(error.problems))
    assert "$[0]" == error.problems[0].split(": ", 1)[0]
    assert len(str(error)) < 5_000
    assert peak < 32 * 1024 * 1024


def test_one_object_repeating_a_key_is_refused_in_the_memory_json_needs():
    """Red team r17 M3: 100,000 repeats of one key made 100,000 problems before 50 were kept
    (6 MB of input peaked at 544 MB); now each repeat is counted, 50 are kept, and the
    peak is what json.loads needs to read the object's pairs at all."""
    text = '{"id": "c", ' + ", ".join(['"x": 0'] * 100_000) + "}"
    errors: list[InvalidDataError] = []

    def load() -> None:
        try:
            serialize.from_json(Contract, text)
        except InvalidDataError as exc:
            errors.append(exc)

    peak = _peak_bytes(load)
    # What reading the object's pairs at all costs (the pairs before a dict is made of them).
    baseline = _peak_bytes(lambda: json.loads(text, object_pairs_hook=lambda pairs: pairs))
    (error,) = errors
    assert (99_999, 50) == (error.count, len(error.problems))
    assert {p.rule for p in error.problems} == {"each key once"}
    assert error.problems[0].path == "$.x"
    assert peak < 2 * baseline


def test_hundred_thousand_zeros_counted_exactly():
    """100,000 zeros as list[Contract]: every one counted, 50 kept (the fast variant of the next)."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(list[Contract], "[" + ",".join(["0"] * 100_000) + "]")
    assert (100_000, True, 50) == (info.value.count, info.value.complete, len(info.value.problems))


def test_many_bad_objects_stop_early_in_bounded_memory():
    """200,000 empty objects: reading stops after the first problems and says so."""
    data = [{} for _ in range(200_000)]
    errors: list[InvalidDataError] = []

    def load() -> None:
        try:
            serialize.from_dict(list[Contract], data)
        except InvalidDataError as exc:
            errors.append(exc)

    peak = _peak_bytes(load)
    (error,) = errors
    assert not error.complete
    assert 50 <= error.count < 100
    assert 50 == len(error.problems)
    assert "at least" in str(error).splitlines()[0]
    assert peak < 4 * 1024 * 1024


def test_many_unknown_keys_bounded_message():
    """An object with 100,000 unknown keys gives one short problem line."""
    data = serialize.to_dict(Money("5", "USD"))
    client = {"id": "acme", **{f"k{i}": i for i in range(100_000)}}
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Client, client)
    assert ["$"] == _paths(info)
    assert len(info.value.problems[0]) <= 300
    assert data == {"amount": "5", "currency": "USD"}


def test_nested_lists_keep_few_errors():
    """Bad items deep in many lists: the kept problems stay near the limit."""
    bad_history = [{"type": "Fund", "milestone_id": "", "at": "x"}] * 200
    data = [dict(serialize.to_dict(sample_contract()), history=bad_history) for _ in range(200)]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(list[Contract], data)
    assert 50 == len(info.value.problems)
    assert not info.value.complete
    assert info.value.count < 200


def test_reading_independent_of_the_callers_decimal_context():
    """A caller's decimal precision changes nothing that is read."""
    with localcontext() as ctx:
        ctx.prec = 3
        assert timedelta(seconds=123456, microseconds=789) == serialize.from_dict(
            timedelta, "123456.000789"
        )
        assert Decimal("123456.789") == serialize.from_dict(Decimal, "123456.789")


# --------------------------------------------------------------------------- the short form


def test_defaults_left_out():
    """Fields holding their default are not written; both forms load to the same value."""
    contract = sample_contract()
    short = serialize.to_dict(contract)
    full = serialize.to_dict(contract, omit_defaults=False)
    assert "description" not in short["milestones"][0]
    assert "held" not in short["milestones"][0]["escrow"]  # paid: nothing held, the default
    assert {"amount": "0", "currency": "USD"} == full["milestones"][0]["escrow"]["held"]
    assert set(short) < set(full)
    assert contract == serialize.from_dict(Contract, short)
    assert contract == serialize.from_dict(Contract, full)


def test_equal_but_differently_written_default_is_kept():
    """An escrow of Money("0.00") equals the unfunded default but is written, and loads as written."""
    unfunded = Escrow(MilestoneState.NOT_FUNDED, Money("0.00", "USD"))
    milestone = Milestone("m1", "Logo", Money("5.00", "USD"), escrow=unfunded)
    assert milestone == Milestone("m1", "Logo", Money("5.00", "USD"))
    data = serialize.to_dict(milestone)
    assert {"state": "not_funded", "funded": {"amount": "0.00", "currency": "USD"}} == data[
        "escrow"
    ]
    back = serialize.from_dict(Milestone, data)
    assert "0.00" == str(back.escrow.funded.amount)
    assert data == serialize.to_dict(back)


@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=[c.__name__ for c, _ in PUBLIC])
@given(data=st.data())
def test_property_short_and_full_forms_agree(cls, strategy, data):
    """Short and full forms load to the same value, and re-writing gives the same text."""
    value = data.draw(strategy)
    short = serialize.to_json(value)
    full = serialize.to_json(value, omit_defaults=False)
    assert value == serialize.from_json(cls, short) == serialize.from_json(cls, full)
    assert short == serialize.to_json(serialize.from_json(cls, full))


# --------------------------------------------------------------------------- wrong types (issue 17)


class _NotPublic:
    pass


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (object(), "value"),
        (_NotPublic(), "value"),
        ([Money("1", "USD"), object()], "value[1]"),
        ({"a": object()}, "value.a"),
        ({1: "x"}, "value"),
        (b"x", "value"),
    ],
    ids=["object", "class", "in-list", "in-dict", "int-key", "bytes"],
)
def test_non_public_values_refused_on_writing(value, field):
    """to_dict/to_json of something that is not a public value: InvalidTypeError naming it.

    Inside a list or dict, the field is its place (review r26, review 4).
    """
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(value)
    assert field == info.value.field
    with pytest.raises(InvalidTypeError) as written:
        serialize.to_dict(value)
    assert field == written.value.field


@pytest.mark.parametrize("number", [1.5, float("nan"), 1e16])
def test_floats_refused_on_writing(number):
    """A float in plain data is refused: no public value holds one, and encoders disagree on them."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json([number])
    assert ("value[0]", "not a float") == (info.value.field, info.value.rule)


WRONG = [None, 5, "x", 2.5, object(), [1], {"a": 1}, b"\xff", Money("1", "USD")]


@pytest.mark.parametrize("bad", WRONG, ids=label)
def test_wrong_typed_arguments_give_library_errors(bad):
    """Every public function, given a wrong-typed argument, raises only the library's errors."""
    calls = [
        lambda: serialize.from_dict(bad, {}),
        lambda: serialize.from_dict(Contract, bad),
        lambda: serialize.from_json(bad, "{}"),
        lambda: serialize.from_json(Contract, bad),
        lambda: serialize.to_json(Money("1", "USD"), indent=bad),
        lambda: serialize.to_dict(bad),
        lambda: serialize.to_json(bad),
    ]
    for call in calls:
        _library_error_or_none(call)


def _library_error_or_none(call) -> None:
    try:
        call()
    except UpworkSafetyError:
        pass


def test_incomplete_error_pickles():
    """An InvalidDataError that stopped early keeps count and completeness through pickle."""
    import pickle

    error = InvalidDataError(["$[0]: x"] * 50, count=60, complete=False)
    back = pickle.loads(pickle.dumps(error))
    assert (60, False, 50) == (back.count, back.complete, len(back.problems))
    assert str(error) == str(back)
    assert str(back).startswith("at least 60 problems")


# --------------------------------------------------------------------------- one set of rendering rules


@pytest.mark.parametrize(
    "value",
    [
        Money("12.50", "USD"),
        Decimal("0.10"),
        date(2025, 6, 2),
        datetime(2025, 6, 2, 9, 30, tzinfo=timezone.utc),
        timedelta(days=14, microseconds=5),
        ContractKind.HOURLY,
        "text",
        7,
    ],
    ids=repr,
)
def test_json_records_and_serialize_agree(value):
    """to_dict, the JSON renderer and the table-cell renderer give one answer per value."""
    from upwork_safety import _render

    assert serialize.to_dict(value) == _render.jsonable(value)
    cell = _render.plain(value)
    text = _render.jsonable(value)
    if isinstance(value, Money):
        assert (cell, value.currency) == (Decimal(text["amount"]), text["currency"])
    elif isinstance(value, (Decimal, timedelta)):
        assert Decimal(text) == cell
    elif isinstance(value, (date, datetime)):
        assert value.isoformat() == text
        assert value == cell
    else:
        assert text == cell


# --------------------------------------------------------------------------- the fast extra

needs_msgspec = pytest.mark.skipif(
    importlib.util.find_spec("msgspec") is None, reason="the fast extra (msgspec) is not installed"
)


def _standard_text(value, indent=None):
    """What to_json writes without the fast extra (msgspec's encoder switched off)."""
    saved = _fast.ENCODER
    _fast.ENCODER = None
    try:
        return serialize.to_json(value, indent=indent)
    finally:
        _fast.ENCODER = saved


def test_without_the_extra_the_standard_library_writes():
    """With the encoder switched off, to_json is json.dumps' compact, non-ASCII-as-is text."""
    value = Client("ä-1", "Zoë ☂")
    text = _standard_text(value)
    assert '{"id":"ä-1","name":"Zoë ☂"}' == text
    assert json.loads(text) == serialize.to_dict(value)


def test_str_and_int_subclasses_are_written_as_their_plain_values():
    """Regression (red team): with the fast extra, a str subclass id was a raw TypeError."""

    class Ident(str):
        __slots__ = ()

    class Count(int):
        __slots__ = ()

    milestone = Milestone(Ident("m1"), Ident("Logo"), Money(5, "USD"))
    expected = _standard_text(Milestone("m1", "Logo", Money(5, "USD")))
    assert (expected, expected) == (serialize.to_json(milestone), _standard_text(milestone))
    assert [1, "a"] == json.loads(serialize.to_json([Count(1), Ident("a")]))
    assert milestone == serialize.from_json(Milestone, serialize.to_json(milestone))


@needs_msgspec
def test_fast_extra_uses_cattrs_msgspec_converter():
    """With msgspec installed the converter is cattrs' own msgspec converter."""
    from cattrs.preconf.msgspec import MsgspecJsonConverter

    assert isinstance(serialize.converter, MsgspecJsonConverter)
    assert _fast.ENCODER is not None


@needs_msgspec
@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=[c.__name__ for c, _ in PUBLIC])
@given(data=st.data())
def test_property_fast_and_standard_paths_agree(cls, strategy, data):
    """Both paths write the same text (compact and indented) and read it to the same value."""
    value = data.draw(strategy)
    fast = serialize.to_json(value)
    assert _standard_text(value) == fast
    assert _standard_text(value, indent=2) == serialize.to_json(value, indent=2)
    assert value == serialize.from_json(cls, fast)


#: JSON numbers with a fraction or an exponent, as a document may write them.
JSON_FLOATS = st.from_regex(
    r"-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?", fullmatch=True
).filter(lambda text: "." in text or "e" in text.lower())


@functools.cache
def _standard_converter():
    """The converter serialize uses without the fast extra (cattrs' own, not msgspec's)."""
    import cattrs

    from upwork_safety.serialize._hooks import make_converter

    return make_converter(cls=cattrs.Converter)


def _errors_on_each_path(cls, text):
    """from_json's error on each reading path, fused or detailed, fast extra's converter or
    cattrs' standard one (the readers are the same hooks on either): its type, field, rule,
    problems, count and completeness."""
    from upwork_safety.serialize import _fused

    found = []
    for conv in (serialize.converter, _standard_converter()):
        for fused in (True, False):
            with (
                mock.patch.object(serialize, "_converter", conv),
                mock.patch.object(_fused, "reader", _fused.reader if fused else lambda *_: None),
                pytest.raises(UpworkSafetyError) as info,
            ):
                serialize.from_json(cls, text)
            error = info.value
            found.append(
                (type(error), error.field, error.rule, error.problems, error.count, error.complete)
            )
    return found


def _problems_on_each_path(cls, text):
    """from_json's problems on each reading path (:func:`_errors_on_each_path`)."""
    return [error[3] for error in _errors_on_each_path(cls, text)]


def the_same_error_on_each_path(cls, text):
    """from_json's one InvalidDataError, the same on every path; its problems."""
    first, *others = _errors_on_each_path(cls, text)
    assert all(first == other for other in others)
    assert InvalidDataError is first[0]
    return first[3]


@given(number=JSON_FLOATS)
def test_property_fast_and_standard_paths_quote_a_refused_number_alike(number):
    """Regression (newcomer r22 M1): a refused JSON number is quoted as the document wrote
    it, with the same problems on every path (fast extra or not, fused reader or not)."""
    text = (
        '[{"id": "c1", "client": {"id": "acme", "payment_verified": NUMBER}, "kind": '
        '"fixed_price", "started": "2026-03-02", "payments": [{"on": "2026-04-01", '
        '"amount": {"amount": NUMBER, "currency": "USD"}}]}]'
    ).replace("NUMBER", number)
    first, *others = _problems_on_each_path(list[Contract], text)
    assert all(first == other for other in others)
    assert ["$[0].client.payment_verified", "$[0].payments[0].amount.amount"] == sorted(
        p.path for p in first
    )
    for problem in first:
        assert f"float {number[:40]}" in problem.message


TEXTS = st.text(st.characters(codec="utf-8"), max_size=20)
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | TEXTS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXTS, children, max_size=4),
    max_leaves=20,
)


@needs_msgspec
@given(PLAIN, st.sampled_from([None, 1, 2, 4]))
def test_property_fast_and_standard_text_identical_on_plain_data(data, indent):
    """Any plain data (any Unicode, big integers, nesting) is written to the same text."""
    assert _standard_text(data, indent=indent) == serialize.to_json(data, indent=indent)


@needs_msgspec
@given(data=st.data())
def test_property_fast_path_same_problems(data):
    """Broken data written by either path is refused with the same paths."""
    contract = data.draw(us.contracts())
    broken = serialize.to_dict(contract)
    broken[data.draw(st.sampled_from(sorted(broken)))] = data.draw(json_like)
    fast_text = serialize.to_json(broken) if _no_floats(broken) else None
    if fast_text is None:
        return
    assert _standard_text(broken) == fast_text
    assert _outcome(fast_text) == _outcome(_standard_text(broken))


def _no_floats(node) -> bool:
    if isinstance(node, float):
        return False
    if isinstance(node, dict):
        return all(_no_floats(v) for v in node.values())
    if isinstance(node, list):
        return all(_no_floats(v) for v in node)
    return True


def _outcome(text):
    try:
        return serialize.from_json(Contract, text)
    except InvalidDataError as exc:
        return exc.problems, exc.count, exc.complete


# --------------------------------------------------------------------------- edges of the writers and readers


def test_sets_written_as_sorted_lists():
    """A set or frozenset in plain data is written as a list, sorted where it can be."""
    assert ["a", "b", "c"] == serialize.to_dict({"c", "a", "b"})
    assert [1, "x"] == sorted(serialize.to_dict(frozenset({1, "x"})), key=str)


@attrs.frozen
class _Unresolvable:
    """An attrs class whose annotation names a type that does not exist."""

    value: "NoSuchType" = attrs.field()  # type: ignore[name-defined]  # noqa: F821


def test_unresolvable_annotations_written_by_value():
    """A field whose declared type cannot be resolved is written by its value's own type."""
    assert {"value": {"amount": "5", "currency": "USD"}} == serialize.to_dict(
        _Unresolvable(Money("5", "USD"))
    )


def test_list_of_scalars_stops_early_and_says_so():
    """A list whose items need reading (no cheap type check) stops after 50 problems."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(list[Decimal], ["x"] * 500)
    assert (50, False) == (len(info.value.problems), info.value.complete)


def test_a_list_stops_reading_at_exactly_50_problems():
    """Mutation r22 L2 (Z19): items are read until 50 problems are held, then no more.

    50 bad items: all read, complete.  51: the 51st is never read, so 50 counted and
    the error says reading stopped (not "50 and 1 more").
    """
    bad = {"amount": "x", "currency": "USD"}
    seen = {}
    for n in (50, 51):
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(list[Money], [bad] * n)
        error = info.value
        seen[n] = (len(error.problems), error.count, error.complete)
        assert [f"$[{i}].amount" for i in range(50)] == [p.path for p in error.problems]
    assert {50: (50, 50, True), 51: (50, 50, False)} == seen


@pytest.mark.parametrize("tag", [["Fund"], {"a": 1}], ids=["list", "object"])
@pytest.mark.parametrize("how", ["json", "dict"])
def test_an_event_type_that_is_not_text_is_refused_by_its_rule(tag, how):
    """Mutation r22 L3 (Z22): a JSON list or object as an event's "type" is a bad tag.

    The library refuses it with its own problem (rule "an escrow event", naming 'type'),
    not Python's "unhashable type", alone and as a list item.
    """
    event = {"type": tag, "milestone_id": "m1", "at": "2025-06-02T09:00:00Z"}
    # At the tag itself (review r39, review 8).
    for cls, data, path in (
        (escrow.Event, event, "$.type"),
        (list[escrow.Event], [event], "$[0].type"),
    ):
        given = json.dumps(data) if how == "json" else data
        read = serialize.from_json if how == "json" else serialize.from_dict
        with pytest.raises(InvalidDataError) as info:
            read(cls, given)
        (problem,) = info.value.problems
        assert (path, "an escrow event") == (problem.path, problem.rule)
        assert "'type' must name an escrow event" in problem.message
        assert "unhashable" not in problem.message
        assert (1, True) == (info.value.count, info.value.complete)


@pytest.mark.parametrize("indent", [0, -1, 17])
def test_indent_range(indent):
    """indent is 1 to 16 spaces, or None."""
    with pytest.raises(InvalidValueError) as info:
        serialize.to_json(Money("1", "USD"), indent=indent)
    assert "indent" == info.value.field


def test_long_values_shown_short():
    """A megabyte-long bad value is shown cut, with its length."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(date, "x" * 1_000_000)
    assert len(info.value.problems[0]) < 200
    assert "1,000,000 characters" in info.value.problems[0]


def test_int_subclass_read_as_int():
    """An int subclass from Python data (not bool) reads as a plain int."""

    class Count(int):
        pass

    assert 7 == _strict.read_int(Count(7))
    assert int is type(_strict.read_int(Count(7)))


def test_items_error_derives():
    """The bounded list error keeps its count and completeness when split (ExceptionGroup)."""
    from upwork_safety.serialize._problems import ItemsError

    error = ItemsError([ValueError("a"), KeyError("b")], list[int], 5, complete=False)
    part = error.subgroup(lambda e: isinstance(e, ValueError))
    assert (5, False, 1) == (part.uncounted, part.complete, len(part.exceptions))


def _library_enums():
    import enum
    import importlib
    import pkgutil

    import upwork_safety

    found = {}
    for module in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if module.name.endswith(("plot", "__main__", "cli")) or "_cli" in module.name:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            ours = isinstance(value, type) and value.__module__.startswith("upwork_safety")
            if ours and issubclass(value, enum.Enum) and list(value):
                found[value.__name__] = value
    return sorted(found.values(), key=lambda e: e.__name__)


@pytest.mark.parametrize("kind", _library_enums(), ids=lambda e: e.__name__)
def test_every_enum_member_is_written_as_its_plain_value_and_read_back(kind):
    """Regression (second review): a str enum was written as its member and read back as a str.

    ``WeeklyPayment.basis`` and ``PayoutItem.kind`` then failed to load from JSON.
    """
    for member in kind:
        written = serialize.to_dict(member)
        assert (type(member.value), member.value) == (type(written), written)
        assert member is serialize.from_dict(kind, written)
        assert member is serialize.from_json(kind, serialize.to_json(member))


def test_hourly_payment_reports_round_trip_through_json():
    """Regression (second review): WeeklyPayment and PayoutSchedule could be saved, not loaded."""
    from upwork_safety import hourly

    week = hourly.billing_week(datetime(2026, 3, 4, tzinfo=timezone.utc))
    invoice = hourly.invoice([], week=week, rate=Money("10.00", "USD"), client_verified=True)
    for report in (
        hourly.weekly_payment(Money("100.00", "USD"), week=week),
        invoice,
        hourly.payout_schedule(invoices=[invoice]),
    ):
        assert report == serialize.from_json(type(report), serialize.to_json(report))


class _Plain(enum.Enum):
    A = "a"


class _Colour(str, enum.Enum):
    RED = "red"


class _Level(enum.IntEnum):
    LOW = 1


class _Perm(enum.IntFlag):
    R = 1
    W = 2


@attrs.frozen
class _UsersOwn:
    """A user's own attrs class with enum and Literal fields (no validators)."""

    colour: _Colour
    level: _Level
    perm: _Perm
    only: typing.Literal[_Plain.A]
    mode: typing.Literal["x", 1]


def test_a_users_own_enum_and_literal_fields_round_trip():
    """Regression (third review): a Literal of members, and a combined flag, did not read back."""
    value = _UsersOwn(_Colour.RED, _Level.LOW, _Perm.R | _Perm.W, _Plain.A, 1)
    data = serialize.to_dict(value)
    assert {"colour": "red", "level": 1, "perm": 3, "only": "a", "mode": 1} == data
    back = serialize.from_json(_UsersOwn, serialize.to_json(value))
    assert value == back
    assert (_Colour, _Level, _Perm, _Plain) == tuple(
        map(type, (back.colour, back.level, back.perm, back.only))
    )
    for field, bad in (("mode", True), ("mode", "1"), ("only", "b"), ("perm", "3")):
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(_UsersOwn, {**data, field: bad})
        assert info.value.problems[0].startswith(f"$.{field}: ")


@pytest.mark.parametrize("bad", [1.5, float("nan"), b"x", object(), "y"])
def test_a_literal_field_holding_something_else_is_refused_when_written(bad):
    """Regression (third review): a class without validators wrote 1.5, NaN as null, bytes."""
    with pytest.raises(InvalidTypeError) as info:
        serialize.to_json(_UsersOwn(_Colour.RED, _Level.LOW, _Perm.R, _Plain.A, bad))
    assert "one of the Literal's values" == info.value.rule


def test_text_fields_refuse_a_lone_surrogate_the_writer_could_not_write():
    """Regression (red team): these took a lone surrogate, and to_json then raised raw.

    Every text field now refuses one naming itself, as the other text fields did.
    """
    from upwork_safety import rules as rule_sets
    from upwork_safety import statements

    bad = "x\udcff"
    with pytest.raises(InvalidValueError) as info:
        ExchangeRate("USD", "PKR", "280", source=bad)
    assert ("ExchangeRate.source", "valid Unicode text") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(rule_sets.CURRENT, name=bad)
    assert "PlatformRules.name" == info.value.field
    text = "Date,Contract,Hours,Amount,Payment type\n2024-01-01,A (1),,1.00,Bonus\n"
    summary = statements.summarize(statements.parse(text), by="month")
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(summary, notes=("fine", bad))
    assert "Summary.notes[1]" == info.value.field


def test_plain_data_json_cannot_hold_is_refused_by_the_library():
    """A caller's plain data that JSON or the readers cannot hold gets a library error.

    A lone surrogate, a list that holds itself, a 5,000-digit int, a NaN or a
    Decimal of a hundred million digits used to raise Python's own errors, or
    be written as text no reader takes back; the same with or without msgspec.
    """
    loop: list[object] = []
    loop.append(loop)
    cases = [
        (["a\ud800"], InvalidValueError),
        ({"k": "b\udcff"}, InvalidValueError),
        (loop, InvalidTypeError),
        # More digits than the reader takes (review r29, hostile 2): refused as a value.
        ([10**5000], InvalidValueError),
        ([Decimal("NaN")], InvalidValueError),
        ([Decimal("1E+100000000")], InvalidValueError),
    ]
    for value, error in cases:
        with pytest.raises(error):
            serialize.to_json(value)
        with pytest.raises(error):
            _standard_text(value)


def test_a_jss_timeline_is_written_as_the_list_of_points_it_is():
    """Regression (red team): to_dict refused a JSSTimeline, a public list of JSSPoint.

    It is written as a list and reads back as list[JSSPoint], point for point.
    """
    from upwork_safety import jss

    history = [
        Contract(
            f"c{i}",
            f"cl{i}",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 1),
            date(2025, 1, 31),
            payments=[Payment(date(2025, 1, 31), Money("100", "USD"))],
            feedback=Feedback(stars="5.0"),
        )
        for i in range(3)
    ]
    line = jss.timeline(history, start=date(2025, 6, 1), end=date(2025, 6, 3))
    data = serialize.to_dict(line)
    assert [{"on": "2025-06-01", "score": 100, "projected": True}] == data[:1]
    assert 3 == len(data)
    assert list(line) == serialize.from_json(list[jss.JSSPoint], serialize.to_json(line))


def test_a_decimal_subclass_is_written_as_its_value_not_its_str():
    """Review: the writer's fast path read str(), which a subclass may override."""

    class Shown(Decimal):
        def __str__(self) -> str:
            return "1.5"

    assert '["999"]' == serialize.to_json([Shown("999")])
    assert ["999"] == serialize.to_dict([Shown("999")])


# --------------------------------------------------------------------------- red team (loading)


def _transaction_json(extra: object) -> str:
    return json.dumps(
        {
            "line": 2,
            "on": "2024-01-02",
            "kind": "hourly",
            "type_text": "Hourly",
            "amount": {"amount": "10.00", "currency": "USD"},
            "extra": extra,
        }
    )


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        (["PO"], "$.extra[0]"),
        ([{"a": "1", "b": "2"}], "$.extra[0]"),
        ([["PO", "1", "2"]], "$.extra[0]"),
        ([["PO"]], "$.extra[0]"),
        ("PO", "$.extra"),
    ],
)
def test_a_pair_is_a_json_list_of_exactly_two(extra, path):
    """Regression (red team): "extra":["PO"] loaded as (('P','O'),), and a dict item said
    "$.extra[0][0]: required field missing"; a (column, value) pair is a list of two strings."""
    from upwork_safety.statements import Transaction

    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Transaction, _transaction_json(extra))
    (problem,) = info.value.problems
    assert path == problem.path
    if path != "$.extra":
        assert "a list of exactly 2 items" == problem.rule


def test_pairs_and_other_fixed_tuples_read_back():
    """A valid pair list and a tuple[int, int] read back as tuples; an item is read by its type."""
    from upwork_safety.statements import Transaction

    loaded = serialize.from_json(Transaction, _transaction_json([["PO", "4521"]]))
    assert (("PO", "4521"),) == loaded.extra
    assert loaded == serialize.from_json(Transaction, serialize.to_json(loaded))
    assert (1, 2) == serialize.from_dict(tuple[int, int], [1, 2])
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(tuple[int, int], [1, "2"])
    assert ["$[1]"] == _paths(info)


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("\ud800", "$['\\ud800']"),
        ("x\x1b]0;pwned\x07\x1b[31m", "$['x\\x1b]0;pwned\\x07\\x1b[31m']"),
        ("a b", "$['a b']"),
        ("k" * 100, "$['" + "k" * 40 + "'…]"),
    ],
)
def test_keys_in_paths_are_escaped_and_bounded(key, path):
    """Regression (red team): a repeated key "\\ud800" made str(error).encode('utf-8') fail,
    and ANSI/OSC escapes in a key reached the terminal; keys are shown as repr, cut short."""
    text = json.dumps({key: 1}).replace("{", "{" + json.dumps(key) + ": 0, ", 1)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Contract, text)
    assert [path] == _paths(info)
    shown = str(info.value)
    shown.encode("utf-8")
    assert "\x1b" not in shown
    assert "\x07" not in shown


def test_unknown_and_mapping_keys_are_escaped_too():
    """An unknown key's name and a mapping's key in a path are escaped as well."""
    data = serialize.to_dict(sample_contract())
    data["x\x1b[2J"] = 1
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert "\x1b" not in str(info.value)
    assert "'x\\x1b[2J'" in str(info.value)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(dict[str, int], {"\x1bx": "a", "ok": "b"})
    assert {"$['\\x1bx']", "$.ok"} == set(_paths(info))


@pytest.mark.parametrize("points", [0, 3])
def test_a_jss_timeline_round_trips_as_itself(points):
    """Regression (second review): from_json(JSSTimeline, to_json(timeline)) said
    "cannot read this type"; it reads back equal, as a JSSTimeline."""
    from upwork_safety import jss

    history = [
        Contract(
            f"c{i}", f"cl{i}", ContractKind.FIXED_PRICE, date(2025, 1, 1), date(2025, 1, 31),
            payments=[Payment(date(2025, 1, 31), Money("100", "USD"))],
            feedback=Feedback(stars="5.0"),
        )
        for i in range(points)
    ]  # fmt: skip
    line = jss.timeline(history, start=date(2025, 6, 1), end=date(2025, 6, 3))
    for loaded in (
        serialize.from_json(jss.JSSTimeline, serialize.to_json(line)),
        serialize.from_dict(jss.JSSTimeline, serialize.to_dict(line)),
    ):
        assert jss.JSSTimeline is type(loaded)
        assert line == loaded
    expected = [100, 100, 100] if points else [None, None, None]
    assert expected == [p.score for p in line]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(jss.JSSTimeline, [{"on": "2025-06-01", "score": 100}, 5])
    assert ["$[1]"] == _paths(info)


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1e400", "1e400 (out of the range of a float as written)"),
        ("-1E400", "-1E400 (out of the range of a float as written)"),
        ("1e-400", "1e-400 (out of the range of a float as written)"),
        ("2.50", "float 2.50"),
        # newcomer r22 M1: Python's repr of the float was shown for these.
        ("123456789012345678.99", "float 123456789012345678.99"),
        ("500.50", "float 500.50"),
        ("1e2", "float 1e2"),
        ("1E2", "float 1E2"),
        ("0.10", "float 0.10"),
        ("12.500", "float 12.500"),
        ("1e-2", "float 1e-2"),
        ("250.0", "float 250.0"),
        ("-0.0", "float -0.0"),
    ],
)
def test_a_number_is_quoted_as_written(number, shown):
    """Regression (red team): {"amount": 1e400} said "got float inf"; the number is quoted
    as the file wrote it, and said to be out of range when a float cannot hold it.

    Regression (newcomer r22 M1): 123456789012345678.99 was quoted as
    1.2345678901234568e+17 and 500.50 as 500.5, Python's repr of the float.
    """
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Money, '{"amount": %s, "currency": "USD"}' % number)  # noqa: UP031
    (problem,) = info.value.problems
    assert "$.amount" == problem.path
    assert "canonical decimal text" == problem.rule
    assert shown in problem.message
    assert "inf" not in problem.message.replace(number, "")
    if "out of the range" not in shown:
        assert "range" not in problem.message


@pytest.mark.parametrize(
    ("document", "path", "quoted"),
    [
        ('{"id": "acme", "payment_verified": 1.00}', "$.payment_verified", "float 1.00"),
        ('{"stars": "5.0", "private_score": 9.0e0}', "$.private_score", "float 9.0e0"),
        ('{"stars": 4.50}', "$.stars", "got float"),  # a decimal: its type is named
    ],
)
def test_a_number_is_quoted_as_written_in_every_field(document, path, quoted):
    """Regression (newcomer r22 M1): a float where a bool or an integer belongs was quoted
    as Python's repr too (1.0, 9.0); each is quoted as the document wrote it."""
    cls = Client if "acme" in document else Feedback
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(cls, document)
    (problem,) = info.value.problems
    assert path == problem.path
    assert quoted in problem.message


def test_a_float_read_from_data_is_shown_as_python_holds_it():
    """from_dict is given floats, not text: they are shown as Python writes them.

    And a float from_json read is quoted as written only while from_json reads
    its own document: an equal float elsewhere is not mistaken for it.
    """
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Money, {"amount": 500.50, "currency": "USD"})
    assert "got float 500.5" in info.value.problems[0].message
    assert "500.50" not in info.value.problems[0].message
    assert "500.5" == _strict.shown(500.50)


def _quoted_after(floats: list[str]) -> str:
    """The message refusing ``payment_verified: 500.50`` written after *floats* in a title."""
    text = (
        '{"id": "c1", "title": [' + ", ".join(floats) + '], "client": {"id": "acme", '
        '"payment_verified": 500.50}, "kind": "fixed_price", "started": "2026-03-02"}'
    )
    with pytest.raises(InvalidDataError) as info:
        serialize.from_json(Contract, text)
    (message,) = [p.message for p in info.value.problems if p.path == "$.client.payment_verified"]
    return message


def test_a_number_is_quoted_as_written_after_any_number_written_as_python_writes_it():
    """Red team r22 M2: only a float's text that repr would not give back is kept, so
    thousands of floats such as 1.5 (repr's own text) take no room and leave later
    numbers quoted as written."""
    message = _quoted_after(["1.5"] * (2 * _strict.MAX_WRITTEN_NUMBERS))
    assert "float 500.50" in message


def test_the_texts_of_floats_kept_are_bounded():
    """Red team r22 M2: the texts of the first MAX_WRITTEN_NUMBERS floats written otherwise
    than repr writes them are kept, no more; a later one is shown as repr shows it (the
    same value), so the memory a document of floats takes is bounded."""
    assert 1_000 == _strict.MAX_WRITTEN_NUMBERS  # the number from_json's docstring gives
    just_under = _quoted_after(["1.50"] * (_strict.MAX_WRITTEN_NUMBERS - 1))
    assert "float 500.50" in just_under
    past = _quoted_after(["1.50"] * _strict.MAX_WRITTEN_NUMBERS)
    assert "float 500.5" in past
    assert "500.50" not in past


@pytest.mark.parametrize("number", ["1.5", "1.50", "1e400"])
def test_a_document_of_floats_is_read_in_the_memory_json_needs(number):
    """Red team r22 M2: every float's text was kept, so 4 MB of floats peaked at 217 MB
    (35 MB before the texts were kept); now the peak stays near what json.loads needs."""
    text = '{"id": "c1", "title": [' + ",".join([number] * 200_000) + "]}"
    errors: list[InvalidDataError] = []

    def load() -> None:
        try:
            serialize.from_json(Contract, text)
        except InvalidDataError as exc:
            errors.append(exc)

    load()  # the readers of Contract are built on first use: not what is measured
    peak = _peak_bytes(load)
    baseline = _peak_bytes(lambda: json.loads(text))
    assert 2 == len(errors)
    assert all("$.title" in [p.path for p in error.problems] for error in errors)
    assert peak < 1.5 * baseline


def _collector_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every switch of the garbage collector that serialize makes."""
    import gc

    calls: list[str] = []
    disable, enable = gc.disable, gc.enable

    def recorded_disable() -> None:
        calls.append("disable")
        disable()

    def recorded_enable() -> None:
        calls.append("enable")
        enable()

    monkeypatch.setattr(gc, "disable", recorded_disable)
    monkeypatch.setattr(gc, "enable", recorded_enable)
    return calls


def test_the_collector_is_paused_only_while_no_other_thread_runs(monkeypatch):
    """Regression (outside review): the pause switched the process-wide collector off under
    another thread, and switched it back on after that thread had turned it off itself.
    """
    import gc
    import threading

    calls = _collector_calls(monkeypatch)
    text = serialize.to_json([Money("5.00", "USD")])
    assert ["disable", "enable"] == calls  # alone: paused and restored
    calls.clear()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert [Money("5.00", "USD")] == serialize.from_json(list[Money], text)
        assert text == serialize.to_json([Money("5.00", "USD")])
    finally:
        release.set()
        other.join()
    assert [] == calls  # with another thread running, the collector is never touched
    assert gc.isenabled()


def test_errors_name_the_argument_the_data_came_in():
    """Regression (error sweep, r10): serialize's errors carried ``field=None, rule=None``,
    unlike ``statements.parse``'s; they name ``data`` or ``text`` and what it must be."""
    from upwork_safety import Contract, serialize
    from upwork_safety.errors import InvalidDataError

    cases = [
        (lambda: serialize.from_dict(Contract, {"id": 5}), "data"),
        (lambda: serialize.from_json(Contract, '{"id": 5}'), "text"),
        (lambda: serialize.from_json(Contract, "not json"), "text"),
        (lambda: serialize.from_json(Contract, '{"id": "a", "id": "b"}'), "text"),
    ]
    for call, field in cases:
        with pytest.raises(InvalidDataError) as info:
            call()
        assert field == info.value.field
        assert info.value.rule is not None


def test_a_history_round_trips_as_its_list_of_tagged_events(writer):
    """A History is written as a contract writes its history, and read back (review r33, 3).

    ``to_dict(contract.history)`` refused it as no public value; ``from_dict(History, ...)``
    refused the type.
    """
    history = sample_contract().history
    assert History is type(history)
    data = serialize.to_dict(history)
    assert serialize.to_dict(sample_contract())["history"] == data
    assert {"type": "Fund", "milestone_id": "m1", "at": "2024-01-02T04:00:00+00:00"} == data[0]
    assert ["Fund", "Approve", "EndContract"] == [event["type"] for event in data]
    back = serialize.from_dict(History, data)
    assert (History, history) == (type(back), back)
    text = serialize.to_json(history)
    assert json.loads(text) == data
    assert history == serialize.from_json(History, text)
    assert [[]] == serialize.to_dict([History()])
    assert History() == serialize.from_json(History, "[]")


def test_a_history_out_of_time_order_is_refused_at_the_early_event(writer):
    """Loading a History runs its constructor: the early event is named by its index."""
    data = serialize.to_dict(sample_contract().history)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(History, [data[1], data[0], data[2]])
    assert [("$[1]", "in time order")] == [(p.path, p.rule) for p in info.value.problems]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(History, {"events": data})
    assert [("$", "a list")] == [(p.path, p.rule) for p in info.value.problems]
