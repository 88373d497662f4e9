"""Review r37, hostile: the converter's name, sequences written by hand, the 9990 edge, ids."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import cattrs
import pytest

from upwork_safety import (
    Contract,
    ExchangeRate,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    _decimals,
    escrow,
    fees,
    hourly,
    rules,
    serialize,
    statements,
)
from upwork_safety.testing import factories

# --------------------------------------------------------------------------
# Finding 4: rebinding serialize.converter is refused; the library keeps its own


def _lenient() -> cattrs.Converter:
    """A copy that reads a float amount, as the red team's did (docs: "build readers on a copy")."""
    mine: cattrs.Converter = serialize.converter.copy()
    mine.register_structure_hook(
        Money, lambda data, _: Money(str(data["amount"]), data["currency"])
    )
    return mine


@pytest.mark.parametrize("other", [cattrs.Converter, _lenient], ids=["cattrs", "a copy"])
def test_assigning_another_converter_is_refused(other):
    """``serialize.converter = cattrs.Converter()`` replaced the library's reader and writer."""
    before = serialize.converter
    with pytest.raises(InvalidTypeError) as caught:
        serialize.converter = other()
    assert (caught.value.field, caught.value.rule) == (
        "converter",
        "the library's converter, not rebound",
    )
    assert serialize.converter is before


def test_deleting_the_converter_is_refused_and_setting_it_to_itself_is_not():
    before = serialize.converter
    with pytest.raises(InvalidTypeError) as caught:
        del serialize.converter
    assert caught.value.field == "converter"
    serialize.converter = before  # what monkeypatch's undo does: the same object
    assert serialize.converter is before


def test_the_library_reads_and_writes_with_its_own_converter_whatever_the_name_holds(monkeypatch):
    """The name forced past the refusal (the module's dict) changes nothing the library does."""
    monkeypatch.setitem(vars(serialize), "converter", _lenient())
    assert serialize.to_dict(Money("1.00", "USD")) == {"amount": "1.00", "currency": "USD"}
    for read in (
        lambda: serialize.from_dict(Money, {"amount": 1.01, "currency": "USD"}),
        lambda: serialize.from_json(Money, '{"amount": 1.01, "currency": "USD"}'),
    ):
        with pytest.raises(InvalidDataError) as caught:
            read()
        assert [(p.path, p.rule) for p in caught.value.problems] == [
            ("$.amount", "canonical decimal text")
        ]
    contract = factories.contract()
    assert serialize.from_json(type(contract), serialize.to_json(contract)) == contract
    monkeypatch.setitem(vars(serialize), "converter", cattrs.Converter())
    assert serialize.from_dict(type(contract), serialize.to_dict(contract)) == contract
    assert serialize.to_json(Money("1.00", "USD")) == '{"amount":"1.00","currency":"USD"}'


# --------------------------------------------------------------------------
# Finding 5: a dict, set, bytearray or memoryview where a sequence is declared


_FUND = escrow.Fund(at=datetime(2026, 3, 3, tzinfo=timezone.utc), milestone_id="m1")


@pytest.mark.parametrize("name", ["history", "milestones", "payments"])
@pytest.mark.parametrize(
    "held",
    [{"a": 1}, {_FUND}, frozenset({_FUND}), bytearray(b"ab"), memoryview(b"ab")],
    ids=["dict", "set", "frozenset", "bytearray", "memoryview"],
)
def test_a_mapping_set_or_bytes_put_where_a_sequence_is_declared_is_refused_at_its_field(
    name, held
):
    """A dict was written as an object and a set in hash order; bytes were refused at value[0]."""
    contract = factories.contract()
    object.__setattr__(contract, name, held)
    for write in (serialize.to_dict, serialize.to_json):
        with pytest.raises(InvalidTypeError) as caught:
            write(contract)
        assert (caught.value.field, caught.value.rule) == (f"value.{name}", "the declared type")
        assert f"got {type(held).__name__}" in str(caught.value)


@attrs.frozen
class _Codes:
    codes: list[int]


def test_a_class_of_your_own_declaring_a_list_refuses_a_dict_there_too():
    assert serialize.to_dict(_Codes([1, 2])) == {"codes": [1, 2]}
    value = _Codes([1])
    object.__setattr__(value, "codes", {1: 2})
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(value)
    assert (caught.value.field, caught.value.rule) == ("value.codes", "the declared type")


# --------------------------------------------------------------------------
# Finding 6: days past 9990-12-31 are answered by every reader; payout says why it cannot


_LAST_PAID = date(9990, 12, 31)


def test_statements_available_on_answers_past_the_last_day_as_the_engines_do():
    """``statements.available_on`` refused 9991-01-05; ``hourly.bonus`` and the rules gave it."""
    row = statements.Transaction(
        line=2, on=_LAST_PAID, kind="fixed_price", amount=Money("150.00", "USD")
    )
    paid_at = datetime(9990, 12, 31, tzinfo=timezone.utc)
    engine = hourly.bonus(Money("10.00", "USD"), paid_at=paid_at).available_at
    assert statements.available_on(row) == engine.date() == date(9991, 1, 5)
    assert rules._available_after(paid_at, rules.CURRENT).date() == date(9991, 1, 5)


@pytest.mark.parametrize("bare", [False, True], ids=["Payment", "an amount and on="])
def test_payout_of_money_available_after_the_last_day_says_so(bare):
    """payout asked for a rate of 9991-01-05 or later, which ExchangeRate cannot hold."""
    rate = ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=_LAST_PAID)
    paid = Money("100.00", "USD")
    given = (paid,) if bare else (Payment(_LAST_PAID, paid),)
    day = {"on": _LAST_PAID} if bare else {}
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(*given, method="payoneer", reference_rate=rate, **day)
    assert caught.value.field == ("on" if bare else "payment")
    assert caught.value.rule == "available on or before 9990-12-31"
    assert "9991-01-05" in str(caught.value)
    # Paid 9990-12-25, available 9990-12-30: a rate of that day can be built, so it is asked for.
    paid_on = date(9990, 12, 25)
    early = ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=paid_on)
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(Payment(paid_on, paid), method="payoneer", reference_rate=early)
    assert caught.value.field == "reference_rate"


# --------------------------------------------------------------------------
# Finding 7: a made-up client id is never a real Team's

_REPORT_HEAD = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,Ref ID,"
    "Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)


def _report_row(day: str, number: int, title: str, team: str, balance: str) -> str:
    return f'"{day}",{number},Fixed-price,{title},,,,,,,{team},,,,100.00,,,{balance},\n'


def test_a_real_team_named_like_a_made_up_client_keeps_its_own_id():
    """Both contracts had the client id ``unknown client of contract Logo``: a made-up rehire."""
    teams = ["unknown client of contract Logo", "unknown client #2 of contract Logo"]
    text = (
        _REPORT_HEAD
        + _report_row("Jul 04, 2024", 3, "Other 1", teams[1], "300.00")
        + _report_row("Jul 03, 2024", 2, "Other 0", teams[0], "200.00")
        + _report_row("Jul 01, 2024", 1, "Logo", "", "100.00")
    )
    contracts = statements.to_contracts(statements.parse(text))
    clients = {c.title: (c.client_id, c.client.name) for c in contracts}
    assert clients == {
        "Logo": ("unknown client #3 of contract Logo", ""),
        "Other 0": (teams[0], teams[0]),
        "Other 1": (teams[1], teams[1]),
    }
    assert len({c.client_id for c in contracts}) == 3


# --------------------------------------------------------------------------
# Finding 8: the detailed reader refuses an over-long list field by its length, unread


class _Object(dict):  # type: ignore[type-arg]
    """A dict subclass (an ORM row): the fused reader leaves it to the detailed reader."""


class _Key(str):
    """A str-subclass key: the fused reader leaves its object to the detailed reader."""

    __slots__ = ()


class _List(list):  # type: ignore[type-arg]
    """A list subclass whose own len lies: the bound counts with list's own."""

    def __len__(self) -> int:
        return 0


def _milestone(index: int) -> dict[str, object]:
    return {"id": f"m{index}", "title": "t", "amount": {"amount": "1.00", "currency": "USD"}}


def _contract(milestones: object) -> dict[str, object]:
    return {**serialize.to_dict(factories.contract()), "milestones": milestones}


_HOSTILE = {
    "a dict subclass": lambda items: _Object(_contract(items)),
    "str-subclass keys": lambda items: {_Key(k): v for k, v in _contract(items).items()},
    "a list subclass": lambda items: _contract(_List(items)),
}


@pytest.mark.parametrize("shape", list(_HOSTILE))
def test_the_detailed_reader_refuses_a_long_list_before_building_an_item(shape, monkeypatch):
    """A dict subclass of 600,000 milestones built them all first (24 s, 63 MB)."""
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    plain = _contract([_milestone(i) for i in range(4)])
    with pytest.raises(InvalidDataError) as fast:
        serialize.from_dict(Contract, plain)  # the fused reader's refusal, for comparison
    data = _HOSTILE[shape]([_milestone(i) for i in range(4)])
    listed = [_contract([_milestone(0)]), _HOSTILE[shape]([0] * 4)]
    three, zeros = (
        _HOSTILE[shape](items) for items in ([_milestone(i) for i in range(3)], [0] * 3)
    )
    built: list[object] = []
    init = Milestone.__init__

    def counted(self, *args, **kwargs):
        built.append(args)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Milestone, "__init__", counted)
    with pytest.raises(InvalidDataError) as detailed:
        serialize.from_dict(Contract, data)
    assert built == []  # no item read
    [problem] = detailed.value.problems
    assert (problem.path, problem.rule, problem.message) == (
        "$.milestones",
        "at most 3 items",
        fast.value.problems[0].message,
    )
    with pytest.raises(InvalidDataError) as nested:  # a contract inside a list: its path
        serialize.from_dict(list[Contract], listed)
    assert [(p.path, p.rule) for p in nested.value.problems] == [
        ("$[1].milestones", "at most 3 items")
    ]
    assert len(built) == 2  # the first contract's one milestone, by each reader: none of $[1]
    # Within the bound, the list is read item by item, as before.
    assert tuple(m.id for m in serialize.from_dict(Contract, three).milestones) == (
        "m0",
        "m1",
        "m2",
    )
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, zeros)
    assert [p.path for p in refused.value.problems] == [f"$.milestones[{i}]" for i in range(3)]
