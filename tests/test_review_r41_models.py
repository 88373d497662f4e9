"""Round 41 findings on models, serialize and decimals (review 2 and 6, newcomer 3 and 7)."""

from __future__ import annotations

import typing
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    TimeEntry,
    _decimals,
    escrow,
    hourly,
    serialize,
)
from upwork_safety._validate import sequence_of
from upwork_safety.serialize import _strict
from upwork_safety.testing import factories

UTC = timezone.utc
START = date(2025, 6, 2)
AT = datetime(2025, 6, 2, 9, tzinfo=UTC)
ORDERED = "an ordered sequence"


def _milestones() -> list[Milestone]:
    return [Milestone(f"m{i}", f"Part {i}", Money("100.00", "USD")) for i in range(1, 4)]


# --------------------------------------------------------------- review 2: sets where order counts


@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_of_milestones_is_refused(kind: type) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, START, milestones=kind(_milestones()))
    assert caught.value.field == "Contract.milestones"
    assert caught.value.rule == ORDERED


@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_of_payments_is_refused(kind: type) -> None:
    paid = {Payment(START + timedelta(days=i), Money("10.00", "USD")) for i in range(3)}
    with pytest.raises(InvalidTypeError) as caught:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, START, payments=kind(paid))
    assert caught.value.field == "Contract.payments"
    assert caught.value.rule == ORDERED


@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_of_time_entries_is_refused(kind: type) -> None:
    entries = {TimeEntry(AT + timedelta(days=i), AT + timedelta(days=i, hours=2)) for i in range(3)}
    with pytest.raises(InvalidTypeError) as caught:
        Contract(
            "c1",
            "acme",
            ContractKind.HOURLY,
            START,
            hourly_rate=Money("20.00", "USD"),
            time_entries=kind(entries),
        )
    assert caught.value.field == "Contract.time_entries"
    assert caught.value.rule == ORDERED


@pytest.mark.parametrize("kind", [set, frozenset])
def test_replay_refuses_a_set_of_events(kind: type) -> None:
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, START, milestones=_milestones())
    events = {
        escrow.Fund("m1", AT),
        escrow.Submit("m1", AT + timedelta(days=1)),
        escrow.Approve("m1", AT + timedelta(days=2)),
    }
    with pytest.raises(InvalidTypeError) as caught:
        escrow.replay(contract, kind(events))
    assert caught.value.field == "events"
    assert caught.value.rule == ORDERED


def test_evolve_and_the_factory_take_the_same_rule() -> None:
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, START, milestones=_milestones())
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(contract, milestones=set(_milestones()))
    assert caught.value.rule == ORDERED
    with pytest.raises(InvalidTypeError) as caught:
        factories.contract(milestones=frozenset(_milestones()))
    assert caught.value.rule == ORDERED


def test_ordered_sequences_and_iterators_are_still_read_in_their_order() -> None:
    listed = _milestones()[::-1]
    for given in (listed, tuple(listed), iter(listed), (m for m in listed)):
        contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, START, milestones=given)
        assert [m.id for m in contract.milestones] == ["m3", "m2", "m1"]
    kept = {m.id: m for m in listed}  # a dict's values keep its insertion order
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, START, milestones=kept.values())
    assert [m.id for m in contract.milestones] == ["m3", "m2", "m1"]


def test_sequence_of_takes_a_set_only_where_order_does_not_count() -> None:
    assert sorted(sequence_of({"b", "a"}, str, "names")) == ["a", "b"]
    with pytest.raises(InvalidTypeError) as caught:
        sequence_of({"b", "a"}, str, "names", ordered="oldest first")
    assert (caught.value.field, caught.value.rule) == ("names", ORDERED)
    assert "oldest first" in str(caught.value)
    # A dict's keys are set-like, yet in the dict's order: read as a sequence.
    assert sequence_of({"b": 1, "a": 2}.keys(), str, "names", ordered="x") == ("b", "a")


# --------------------------------------------------------------- newcomer 3: unions of event classes


def _reported() -> list[escrow.ManualEvent]:
    return [
        escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=UTC)),
        escrow.Submit("m1", datetime(2026, 3, 9, 15, tzinfo=UTC)),
    ]


def test_a_union_of_some_event_classes_is_read_by_its_tag() -> None:
    reported = _reported()
    text = serialize.to_json(reported)
    assert serialize.from_json(list[escrow.Fund | escrow.Submit], text) == reported
    assert (
        serialize.from_dict(escrow.Fund | escrow.Submit, serialize.to_dict(reported[1]))
        == (reported[1])
    )
    six = typing.Union[  # noqa: UP007  (the bot's union, spelled as on Python 3.10)
        escrow.Fund,
        escrow.Submit,
        escrow.Approve,
        escrow.RequestChanges,
        escrow.RequestRefund,
        escrow.OpenDispute,
    ]
    assert serialize.from_json(list[six], text) == reported  # type: ignore[valid-type]


def test_a_tag_outside_the_union_is_refused_at_its_path() -> None:
    text = serialize.to_json(_reported())
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(list[escrow.Fund | escrow.Approve], text)
    (problem,) = caught.value.problems
    assert problem.path == "$[1].type"
    assert problem.rule == "an escrow event of the union"
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(escrow.Fund | escrow.Approve, serialize.to_dict(_reported()[1]))
    assert [p.path for p in caught.value.problems] == ["$.type"]


def test_an_optional_union_of_events_reads_null() -> None:
    reported = _reported()
    text = serialize.to_json([*reported, None])
    read = serialize.from_json(list[escrow.Fund | escrow.Submit | None], text)
    assert read == [*reported, None]


def test_the_library_unions_keep_their_own_rules() -> None:
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(list[escrow.ManualEvent], '[{"type": "AutoApprove"}]')
    assert [p.rule for p in caught.value.problems] == ["a manual escrow event"]


@attrs.frozen
class _Waiting:
    event: escrow.Fund | escrow.Submit


def test_a_field_declared_as_a_union_of_events_is_written_and_read() -> None:
    value = _Waiting(_reported()[1])
    assert serialize.from_dict(_Waiting, serialize.to_dict(value)) == value
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(_Waiting(escrow.Approve("m1", AT)))  # type: ignore[arg-type]
    assert caught.value.rule == "the declared type"


# --------------------------------------------------------------- newcomer 7: enum keys written plain


def test_enum_keys_are_written_as_their_values() -> None:
    job = factories.hourly_contract()
    bill = hourly.invoice_for(job, week=hourly.weeks_of(job.time_entries)[0])
    plan = hourly.payout_schedule(invoices=[bill])
    balances = plan.balances(datetime(2026, 3, 10, tzinfo=UTC))
    data = serialize.to_dict(balances)
    assert {type(key) for key in data} == {str}
    assert sorted(data) == sorted(status.value for status in hourly.PayoutStatus)
    read = serialize.from_dict(dict[hourly.PayoutStatus, Money], data)
    assert read == balances
    assert all(type(key) is hourly.PayoutStatus for key in read)


class _Text(str):
    __slots__ = ()


def test_a_str_subclass_key_is_written_as_plain_text() -> None:
    data = serialize.to_dict({_Text("a"): 1})
    assert [type(key) for key in data] == [str]


class _Same(str):
    __slots__ = ()

    def __hash__(self) -> int:
        return 1

    def __eq__(self, other: object) -> bool:
        return other is self


def test_two_keys_of_one_text_are_refused_not_merged() -> None:
    with pytest.raises(InvalidValueError) as caught:
        serialize.to_dict({_Same("a"): 1, _Same("a"): 2})
    assert caught.value.rule == "keys of distinct text"


# --------------------------------------------------------------- review 6: one rule constant


def test_the_canonical_rule_is_one_constant() -> None:
    assert _strict.CANONICAL is _decimals.CANONICAL_RULE
    with pytest.raises(InvalidValueError) as caught:
        _decimals.to_decimal("1e-1", "x")
    assert caught.value.rule is _decimals.CANONICAL_RULE


def test_fraction_reads_the_rule_from_the_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_decimals, "CANONICAL_RULE", "some other words")
    with pytest.raises(InvalidValueError) as caught:
        _decimals.to_decimal("ten", "x")
    assert caught.value.rule == "some other words"
    with pytest.raises(InvalidValueError) as caught:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, START, service_fee_rate="ten percent")
    assert caught.value.rule == "a fraction or a percentage"
