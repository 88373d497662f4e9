"""The writer's short form against the rule it follows, field by field (round 36, speed).

``to_dict`` leaves out a field that holds its default exactly: a value of
the default's class, equal to it, and written the same way (round 36 made
this decision cheaper: a field's default answers it once, instead of a
wrapper asked through the field value's ``!=``).  These tests derive the
short form from the full form (``omit_defaults=False``) by that rule alone,
walking the value beside it, and compare: same dicts, same keys, same order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    InvalidValueError,
    Milestone,
    MilestoneState,
    Money,
    _decimals,
    escrow,
    serialize,
)
from upwork_safety.models import Escrow
from upwork_safety.testing import strategies as us


def _default(value: object, a: attrs.Attribute[Any]) -> object:
    default: Any = a.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory(value) if default.takes_self else default.factory()
    return default if a.converter is None else a.converter(default)


def _full(value: object) -> object:
    return serialize.to_dict(value, omit_defaults=False)


def _exactly(held: object, default: object) -> bool:
    """The rule, by the full writer: same class, equal, written the same."""
    return type(held) is type(default) and held == default and _full(held) == _full(default)


def _short(value: object, full: object) -> object:
    """*full* (the full form of *value*) with every field holding its default exactly left out."""
    if isinstance(full, list):
        return [_short(item, each) for item, each in zip(value, full, strict=True)]  # type: ignore[call-overload]
    if not isinstance(full, dict) or not attrs.has(type(value)) or type(value) is Money:
        return full
    fields = {a.name: a for a in attrs.fields(type(value))}
    short = {}
    for key, each in full.items():
        a = fields.get(key)
        if a is None:  # an event's "type" tag
            short[key] = each
            continue
        held = getattr(value, key)
        if a.default is not attrs.NOTHING and _exactly(held, _default(value, a)):
            continue
        short[key] = _short(held, each)
    return short


def _same_dicts(left: object, right: object) -> None:
    """Equal, with every dict's keys in the same order."""
    assert left == right
    if isinstance(left, dict):
        assert list(left) == list(right)  # type: ignore[call-overload]
        for key in left:
            _same_dicts(left[key], right[key])  # type: ignore[index]
    elif isinstance(left, list):
        for a, b in zip(left, right, strict=True):  # type: ignore[call-overload]
            _same_dicts(a, b)


def _check(value: object) -> None:
    _same_dicts(serialize.to_dict(value), _short(value, _full(value)))


@given(st.one_of(us.contracts(), us.milestones(), us.payments(), us.events()))
def test_property_short_form_is_the_full_form_less_exact_defaults(value):
    """Contracts, milestones, payments and events: the short form is the rule's, in order."""
    _check(value)


@given(us.contract_histories())
def test_property_short_form_of_escrow_histories(drawn):
    """Every escrow state a history reaches: each bucket left out only at its default."""
    for contract in drawn:
        _check(contract)


_ZEROS = st.sampled_from(["0", "0.0", "0.00"])


@given(amount=st.sampled_from(["10", "10.0", "10.00"]), refunded=_ZEROS, carried=_ZEROS)
def test_property_zero_buckets_kept_by_their_text(amount, refunded, carried):
    """A zero bucket is left out only as the default's own text ("0"), whatever the amount's."""
    escrow = Escrow(
        MilestoneState.PAID,
        Money(amount, "USD"),
        released=Money(amount, "USD"),
        refunded=Money(refunded, "USD"),
        carried_over=Money(carried, "USD"),
    )
    written = serialize.to_dict(escrow)
    assert ("refunded" in written) is (refunded != "0")
    assert ("carried_over" in written) is (carried != "0")
    assert "held" not in written
    _check(escrow)
    milestone = Milestone("m1", "Design", Money(amount, "USD"), escrow=escrow)
    assert serialize.to_dict(milestone)["escrow"] == written
    _check(milestone)


def _eight_events() -> Contract:
    at = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    milestones = tuple(Milestone(f"m{k}", f"Part {k}", Money("100.00", "USD")) for k in (1, 2, 3))
    contract = Contract(
        "c1", Client("client1"), ContractKind.FIXED_PRICE, date(2026, 1, 5), milestones=milestones
    )
    for k, milestone in enumerate(milestones):
        contract = escrow.apply(contract, escrow.Fund(milestone.id, at))
        at += timedelta(days=1)
        if k < 2:
            contract = escrow.apply(contract, escrow.Submit(milestone.id, at))
            at += timedelta(days=1)
            contract = escrow.apply(contract, escrow.Approve(milestone.id, at))
            at += timedelta(days=1)
    return escrow.apply(contract, escrow.EndContract(at))


def test_a_history_past_the_bound_is_refused_as_before(monkeypatch):
    """A contract's own History is read whole only within the bound every sequence has."""
    contract = _eight_events()
    assert len(contract.history) == 8
    written = serialize.to_dict(contract)["history"]
    assert [event["type"] for event in written][:3] == ["Fund", "Submit", "Approve"]
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 7)
    with pytest.raises(InvalidValueError) as raised:
        serialize.to_dict(contract)
    assert raised.value.field == "value.history"
    assert raised.value.rule == "at most 7 items"
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 8)
    assert serialize.to_dict(contract)["history"] == written
