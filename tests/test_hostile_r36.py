"""Review r36, hostile: hand-made Money values, the converter guard, long lists, rule dates."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import typing
from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
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
    jss,
    serialize,
)
from upwork_safety.rules import _payment_schedule as payment_schedules
from upwork_safety.testing import factories

_BUILT = "a Money built by its constructor"

#: (amount, currency) a plain Decimal and str that Money's constructor refuses.
_REFUSED = [
    ("10.00", "usd"),
    ("1.00", "XXX"),
    ("1.00", "ZZZ"),
    ("Infinity", "USD"),
    ("-Infinity", "USD"),
    ("NaN", "USD"),
    ("sNaN", "USD"),
    ("1E+999999", "USD"),
    ("1000000000000000000", "USD"),  # 19 integer digits
    ("1.0000000000000000001", "USD"),  # 19 places
    ("0E-1000000", "USD"),  # a zero written with a million places
]
_IDS = [f"{amount} {currency}" for amount, currency in _REFUSED]


def _forged(amount: str, currency: str) -> Money:
    """A Money made without its constructor: its slots set by hand."""
    money = object.__new__(Money)
    object.__setattr__(money, "amount", Decimal(amount))
    object.__setattr__(money, "currency", currency)
    return money


def _refused(call, field: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        call()
    assert (field, _BUILT) == (refused.value.field, refused.value.rule)


# --------------------------------------------------------------------------
# Finding 1: held() checks the values the constructor checks, not only the types


@pytest.mark.parametrize(("amount", "currency"), _REFUSED, ids=_IDS)
def test_the_constructor_refuses_each_value(amount, currency):
    """The values below are the constructor's refusals, so a hand-made one must be refused."""
    with pytest.raises(InvalidValueError):
        Money(Decimal(amount), currency)


@pytest.mark.parametrize(("amount", "currency"), _REFUSED, ids=_IDS)
def test_a_library_value_refuses_a_hand_made_money_with_refused_values(amount, currency):
    money = _forged(amount, currency)
    moment = datetime(2026, 3, 2, tzinfo=timezone.utc)
    _refused(lambda: Payment(date(2026, 3, 1), money), "Payment.amount")
    with pytest.raises(InvalidValueError) as milestone:
        Milestone("m1", "t", money)
    assert "Milestone.amount" == milestone.value.field
    _refused(lambda: escrow.Approve("m1", moment, bonus=money), "Approve.bonus")
    _refused(lambda: fees.Credit(date(2026, 3, 1), money), "Credit.amount")


@pytest.mark.parametrize(("amount", "currency"), _REFUSED, ids=_IDS)
def test_serialize_does_not_write_a_hand_made_money_it_would_not_read(amount, currency):
    money = _forged(amount, currency)
    _refused(lambda: serialize.to_json(money), "value")
    _refused(lambda: serialize.to_dict(money), "value")
    payment = Payment(date(2026, 3, 1), Money("1.00", "USD"))
    object.__setattr__(payment, "amount", money)
    _refused(lambda: serialize.to_json(payment), "value.amount")
    _refused(lambda: copy.copy(payment), "Payment.amount")
    _refused(lambda: attrs.evolve(payment), "Payment.amount")


@pytest.mark.parametrize(("amount", "currency"), _REFUSED, ids=_IDS)
def test_fees_and_conversion_refuse_a_hand_made_money(amount, currency):
    money = _forged(amount, currency)
    _refused(lambda: fees.service_fee(money, on=date(2026, 3, 1)), "amount")
    _refused(lambda: ExchangeRate("USD", "PKR", "280.50").convert(money), "money")


@pytest.mark.parametrize(("amount", "currency"), _REFUSED, ids=_IDS)
def test_a_hand_made_moneys_own_methods_raise_the_librarys_error(amount, currency):
    """``str``, ``+``: the library's refusal of a Money its constructor did not build, never a
    raw ``decimal`` error (``InvalidOperation``, ``Overflow``) nor an answer (review r43, 2)."""
    money = _forged(amount, currency)
    _refused(lambda: str(money), "self")
    _refused(lambda: money + Money("1.00", "USD"), "self")
    _refused(lambda: Money("1.00", "USD") + money, "other")


@pytest.mark.parametrize("nan", ["NaN", "sNaN"])
def test_ordering_and_multiplying_a_hand_made_nan_raise_the_librarys_error(nan):
    """Diff review r36, 5: ``<`` on a quiet NaN and ``*`` on a signalling one raised a bare
    ``decimal.InvalidOperation``."""
    money = _forged(nan, "USD")
    five = Money("5", "USD")
    _refused(lambda: five < money, "other")
    _refused(lambda: money >= five, "self")
    with pytest.raises(InvalidValueError) as caught:
        money * 2
    assert caught.value.field in ("self", "Money.amount")


def test_a_signalling_nan_is_refused_by_hash_equality_and_arithmetic():
    """``hash`` raised ``TypeError``, ``==`` and ``+`` raised ``decimal.InvalidOperation``."""
    money = _forged("sNaN", "USD")
    one = Money("1.00", "USD")
    _refused(lambda: hash(money), "self")
    _refused(lambda: money == one, "self")
    _refused(lambda: one == money, "other")
    _refused(lambda: money + one, "self")
    _refused(lambda: one - money, "other")
    _refused(lambda: money < one, "self")


def test_a_hand_made_money_holding_what_the_constructor_keeps_is_taken():
    """The common case, and a value only the exact rules take (zeros past 18 places)."""
    for amount in ("10.00", "-0.00", "1.00000000000000000000", "1E+2"):
        money = _forged(amount, "USD")
        assert Money(Decimal(amount), "USD") == money
        assert Payment(date(2026, 3, 1), _forged("10.00", "USD")).amount == Money("10.00", "USD")
        assert str(Money(Decimal(amount), "USD")) == str(money)
    assert hash(Money("1.00", "USD")) == hash(Money("1.00", "USD"))
    assert Money("1", "USD") == Money("1.00", "USD")
    assert len({Money("1", "USD"), Money("1.00", "USD"), Money("1.00", "PKR")}) == 2
    assert (Money("1.00", "USD") == Decimal("1.00")) is False


# --------------------------------------------------------------------------
# Finding 2: the converter guard and the top-level value of a library class

_TAKEN_OVER = """
from upwork_safety import InvalidTypeError, Milestone, Money, serialize
from upwork_safety.serialize import converter
armed = [False]
converter.register_structure_hook_factory(
    lambda t: armed[0] and t is Milestone, lambda t: (lambda v, tt: "not a milestone")
)
armed[0] = True
try:
    print(repr(serialize.from_dict(Milestone, {})))
except InvalidTypeError as exc:
    print(exc.field, exc.rule)
converter._structure_func.register_cls_list([(Money, lambda v, t: "not money")])
try:
    print(repr(serialize.from_json(Money, '{"amount": "1.00", "currency": "USD"}')))
except InvalidTypeError as exc:
    print(exc.field, exc.rule)
"""


def test_a_predicate_that_changes_its_answer_cannot_make_from_dict_answer_with_junk():
    """Review r36 hostile 2: ``from_dict(Milestone, {})`` returned the str ``'not a milestone'``."""
    ran = subprocess.run(  # noqa: S603  (the test's own interpreter and code)
        [sys.executable, "-c", _TAKEN_OVER], capture_output=True, text=True, check=True
    )
    assert ["cls a class of your own"] * 2 == ran.stdout.splitlines()


def test_sealed_is_read_only_and_a_copy_is_unsealed():
    """``converter.sealed = False`` let any hook on Money in; now it cannot be set."""
    assert serialize.converter.sealed is True  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        serialize.converter.sealed = False  # type: ignore[attr-defined,misc]
    assert serialize.converter.sealed is True  # type: ignore[attr-defined]
    assert serialize.converter.copy().sealed is False  # type: ignore[attr-defined]
    with pytest.raises(InvalidTypeError):
        serialize.converter.register_structure_hook(Money, lambda _data, _type: None)


# --------------------------------------------------------------------------
# Finding 4: an over-long list is refused by its length before its items are read


def _contract_with(milestones: list[object]) -> dict[str, object]:
    base = serialize.to_dict(factories.contract())
    return {**base, "milestones": milestones}


def _milestone_data(index: int) -> dict[str, object]:
    return {"id": f"m{index}", "title": "t", "amount": {"amount": "1.00", "currency": "USD"}}


@pytest.mark.parametrize("as_json", [False, True], ids=["from_dict", "from_json"])
def test_a_list_past_the_bound_is_refused_before_any_item_is_built(as_json, monkeypatch):
    """200,001 valid milestones were all built (16.7 s) before Contract refused them."""
    data = _contract_with([_milestone_data(i) for i in range(4)])
    three = _contract_with([_milestone_data(i) for i in range(3)])
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    built: list[object] = []
    init = Milestone.__init__

    def counted(self, *args, **kwargs):
        built.append(args)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Milestone, "__init__", counted)
    read = serialize.from_json if as_json else serialize.from_dict
    with pytest.raises(InvalidDataError) as refused:
        read(Contract, json.dumps(data) if as_json else data)
    assert [] == built  # no item read
    [problem] = refused.value.problems
    assert ("$.milestones", "at most 3 items") == (problem.path, problem.rule)
    assert "Contract.milestones holds more than 3 items" in problem.message
    # Three milestones are within the bound, and each is built once.
    read_three = serialize.from_dict(Contract, three)
    assert ("m0", "m1", "m2") == tuple(m.id for m in read_three.milestones)
    assert 3 == len(built)


def test_a_long_list_of_wrong_items_gets_the_length_problem_not_one_per_item(monkeypatch):
    """A million zeros gave a million item problems and never the bound."""
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, _contract_with([0] * 5))
    assert [("$.milestones", "at most 3 items")] == [
        (p.path, p.rule) for p in refused.value.problems
    ]
    with pytest.raises(InvalidDataError) as nested:  # a contract inside a list: its path
        serialize.from_dict(list[Contract], [_contract_with([0] * 4)])
    assert ["$[0].milestones"] == [p.path for p in nested.value.problems]


def test_a_list_within_the_bound_keeps_its_item_problems(monkeypatch):
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, _contract_with([0] * 3))
    assert ["$.milestones[0]", "$.milestones[1]", "$.milestones[2]"] == [
        p.path for p in refused.value.problems
    ]


def test_a_callers_class_is_never_asked_about_a_made_up_list(monkeypatch):
    """Diff review r36, 1: a caller's converter and validator ran on 200,001 ``None`` and on
    an instance whose ``__init__`` never ran, before running again on the real list."""
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    calls: list[tuple[str, object]] = []

    def converter(value):
        calls.append(("converter", value))
        return value

    def validator(instance, attribute, value):
        calls.append(("validator", value))

    @attrs.frozen
    class Mine:
        xs: list[int] = attrs.field(converter=converter, validator=validator)

    assert Mine([1, 2, 3, 4]) == serialize.from_dict(Mine, {"xs": [1, 2, 3, 4]})
    assert [("converter", [1, 2, 3, 4]), ("validator", [1, 2, 3, 4])] * 2 == calls


def test_a_list_shared_by_two_fields_is_placed_by_the_detailed_reader(monkeypatch):
    """Diff review r36, 2: one list object under two keys was placed at the other key."""
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    shared = [_milestone_data(i) for i in range(4)]
    data = _contract_with(shared)
    data["payments"] = shared
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(Contract, data)
    assert refused.value.problems
    assert all(  # never the milestones' bound at another field's path
        "Contract.milestones" not in p.message or p.path.startswith("$.milestones")
        for p in refused.value.problems
    )


# --------------------------------------------------------------------------
# Finding 5: a rule set's effective takes an honest date subclass as its plain date


class _FakeDate(date):
    """As freezegun's FakeDate: a date subclass adding nothing."""


class _Meddling(date):
    """A date subclass whose own code must not run."""

    ran: typing.ClassVar[list[str]] = []

    def toordinal(self) -> int:
        _Meddling.ran.append("toordinal")
        return 1

    def __eq__(self, other: object) -> bool:
        _Meddling.ran.append("__eq__")
        return True

    __hash__ = date.__hash__

    def __getattribute__(self, name: str) -> object:
        _Meddling.ran.append(name)
        return date.__getattribute__(self, name)


_RULE_SETS = [
    escrow.rules_in_force(datetime(2026, 3, 2, tzinfo=timezone.utc)),
    jss.CURRENT,
    fees.PER_CONTRACT_2025,
    fees.EXPORT_TAX_2022,
    fees.FREELANCER_RETENTION_2023,
    payment_schedules.PAYMENT_SCHEDULES,
]


@pytest.mark.parametrize("preset", _RULE_SETS, ids=lambda p: type(p).__name__)
def test_a_rule_sets_effective_takes_a_date_subclass_as_its_plain_date(preset):
    """``attrs.evolve(jss.CURRENT, effective=FakeDate(2026, 1, 1))`` was refused."""
    made = attrs.evolve(preset, effective=_FakeDate(2026, 1, 1))
    assert type(made.effective) is date
    assert date(2026, 1, 1) == made.effective
    _Meddling.ran.clear()
    meddled = attrs.evolve(preset, effective=_Meddling(2026, 1, 1))
    assert (date, date(2026, 1, 1)) == (type(meddled.effective), meddled.effective)
    assert [] == _Meddling.ran  # none of its code ran
    name = f"{type(preset).__name__}.effective"
    for wrong in ("2026-01-01", datetime(2026, 1, 1, tzinfo=timezone.utc)):
        with pytest.raises(InvalidTypeError) as refused:
            attrs.evolve(preset, effective=wrong)
        assert (name, "a date") == (refused.value.field, refused.value.rule)
