"""Tests for upwork_safety.kinds: the enums every layer shares."""

import pickle
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    MilestoneState,
    Money,
    hourly,
    jss,
    serialize,
    statements,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.hourly import PayoutKind
from upwork_safety.jss import Outcome
from upwork_safety.kinds import StrEnum
from upwork_safety.models import Escrow
from upwork_safety.statements import StatementFormat, TransactionKind
from upwork_safety.testing import factories

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


class Colour(StrEnum):
    """A StrEnum for the tests."""

    DARK_GREEN = "dark_green"


def test_str_enum_members_are_their_values_everywhere():
    """A StrEnum member equals, prints and formats as its value on every Python."""
    assert "dark_green" == Colour.DARK_GREEN
    assert "dark_green" == str(Colour.DARK_GREEN)
    assert "dark_green" == f"{Colour.DARK_GREEN}"
    assert "dark_green  " == f"{Colour.DARK_GREEN:<12}"
    assert Colour.DARK_GREEN is Colour("dark_green")


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (ContractKind, ["fixed_price", "hourly"]),
        (
            MilestoneState,
            [
                "not_funded",
                "funded",
                "submitted",
                "changes_requested",
                "paid",
                "refund_requested",
                "refunded",
                "disputed",
            ],
        ),
        (
            EndReason,
            [
                "completed",
                "unsuccessful",
                "cancelled_early",
                "freelancer_unresponsive",
                "client_unresponsive",
                "other",
            ],
        ),
    ],
)
def test_kinds_keep_their_serialised_values(kind, values):
    """The values used in serialised data are stable."""
    assert values == [member.value for member in kind]


# --------------------------------------------------------------- r20 M2: text-valued kinds


_SIX = [ContractKind, MilestoneState, EndReason, Outcome, TransactionKind, StatementFormat]


@pytest.mark.parametrize("kind", _SIX, ids=[kind.__name__ for kind in _SIX])
def test_text_valued_kinds_are_str_enums(kind):
    """Regression (r20 M2): six kinds were plain Enums, unequal to the text to_records writes."""
    assert issubclass(kind, StrEnum)
    for member in kind:
        assert member.value == member
        assert hash(member.value) == hash(member)
        assert {member.value: 1}[member] == 1
        assert (member.value, member.value) == (str(member), f"{member}")
        assert f"<{kind.__name__}.{member.name}: {member.value!r}>" == repr(member)
        assert member is pickle.loads(pickle.dumps(member))
        assert member is kind(member.value)
    assert sorted(member.value for member in kind) == sorted(kind)


def test_records_filter_by_member():
    """Regression (r20 M2): filtering to_records() rows by an Outcome or TransactionKind found nothing."""
    history = factories.history(6)
    rows = jss.score(history, as_of=date(2026, 6, 1)).to_records()
    by_member = [row["contract_id"] for row in rows if row["outcome"] == Outcome.POSITIVE]
    by_text = [row["contract_id"] for row in rows if row["outcome"] == "positive"]
    assert by_text == by_member
    assert 6 == len(by_member)
    statement = statements.parse((EXAMPLES / "synthetic-transaction-history.csv").read_text())
    kinds = [row["kind"] for row in statement.to_records()]
    assert [str] * len(kinds) == [type(kind) for kind in kinds]  # written as plain text
    fixed = [kind for kind in kinds if kind == TransactionKind.FIXED_PRICE]
    assert 2 == len(fixed)
    assert kinds.count("fixed_price") == len(fixed)


def test_constructors_take_the_text_of_a_kind():
    """Contract, Escrow, Feedback and Impact take a kind's text, as Payment takes its kind's."""
    contract = Contract("c", "acme", "hourly", date(2026, 1, 1))
    assert ContractKind.HOURLY is contract.kind
    assert EndReason.OTHER is Feedback(end_reason="other").end_reason
    assert MilestoneState.NOT_FUNDED is Escrow("not_funded", Money("0", "USD")).state
    impact = jss.Impact(
        "c",
        "x",
        "excluded",
        Decimal(0),
        ("r",),
        exclusion="outside_windows",
        codes=["outside_windows"],
    )
    assert Outcome.EXCLUDED is impact.outcome
    with pytest.raises(InvalidValueError) as info:
        Contract("c", "acme", "Hourly", date(2026, 1, 1))
    assert ("Contract.kind", "a ContractKind") == (info.value.field, info.value.rule)


def test_serialised_text_is_unchanged():
    """Regression guard (r20 M2): the JSON of the six kinds is their value, as before."""
    feedback = Feedback(Decimal("4.5"), 9, EndReason.CANCELLED_EARLY)
    assert '{"stars":"4.5","private_score":9,"end_reason":"cancelled_early"}' == serialize.to_json(
        feedback
    )
    impact = jss.Impact("c", "x", Outcome.NEGATIVE, Decimal(1), ("late",), codes=("stars_poor",))
    assert (
        '{"contract_id":"c","client_id":"x","outcome":"negative","weight":"1","reasons":["late"],"codes":["stars_poor"]}'
        == serialize.to_json(impact)
    )
    contract = Contract("c", "acme", ContractKind.HOURLY, date(2026, 1, 1))
    text = serialize.to_json(contract)
    assert '"kind":"hourly"' in text
    for value in (feedback, impact, contract):
        back = serialize.from_json(type(value), serialize.to_json(value))
        assert value == back
        assert serialize.to_json(value) == serialize.to_json(back)


def test_every_outcome_is_saved_as_its_text():
    """Regression guard (review r24, mutation O04): each Outcome's saved text is its name.

    docs/jss.md and files saved before read ``"neutral"`` (and the other three):
    the text is the file format, so a file written before still loads.
    """
    texts = {"positive", "neutral", "negative", "excluded"}
    assert {outcome.value for outcome in Outcome} == texts
    for outcome in Outcome:
        weight = Decimal(0) if outcome is Outcome.EXCLUDED else Decimal(1)
        why = jss.ExclusionCode.NO_FEEDBACK if outcome is Outcome.EXCLUDED else None
        impact = jss.Impact(
            "c", "x", outcome, weight, ("r",), exclusion=why, codes=(why or "weight",)
        )
        text = serialize.to_json(impact)
        assert f'"outcome":"{outcome.name.lower()}"' in text
        assert serialize.from_json(jss.Impact, text).outcome is outcome


def test_a_payout_item_takes_the_text_of_its_kind():
    """Regression (r25 leftover): PayoutItem.kind refused "bonus" where every other kind takes its text."""
    paid = datetime(2024, 1, 10, 15, tzinfo=timezone.utc)
    (item,) = hourly.payout_schedule(
        bonuses=[hourly.bonus(Money("50.00", "USD"), paid_at=paid)]
    ).items
    assert PayoutKind.BONUS is item.kind
    by_text = attrs.evolve(item, kind="bonus")
    assert (PayoutKind.BONUS, item) == (by_text.kind, by_text)
    assert PayoutKind.BONUS is pickle.loads(pickle.dumps(by_text)).kind
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(item, kind="Bonus")
    assert ("PayoutItem.kind", "a PayoutKind") == (info.value.field, info.value.rule)
    assert all(repr(kind.value) in str(info.value) for kind in PayoutKind)
    with pytest.raises(InvalidTypeError) as wrong:
        attrs.evolve(item, kind=1)
    assert ("PayoutItem.kind", "a PayoutKind") == (wrong.value.field, wrong.value.rule)


def test_a_weekly_payment_takes_the_text_of_its_basis():
    """Regression (r25 leftover): WeeklyPayment.basis refused "full_week" where other kinds take text."""
    week = hourly.billing_week(datetime(2026, 3, 4, tzinfo=timezone.utc))
    payment = hourly.weekly_payment(Money("100.00", "USD"), week=week)
    assert hourly.WeeklyPaymentBasis.FULL_WEEK is payment.basis
    by_text = attrs.evolve(payment, basis="full_week")
    assert (hourly.WeeklyPaymentBasis.FULL_WEEK, payment) == (by_text.basis, by_text)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(payment, basis="FULL_WEEK")
    assert ("WeeklyPayment.basis", "a WeeklyPaymentBasis") == (info.value.field, info.value.rule)
    assert all(repr(basis.value) in str(info.value) for basis in hourly.WeeklyPaymentBasis)
    with pytest.raises(InvalidTypeError) as wrong:
        attrs.evolve(payment, basis=None)
    assert "WeeklyPayment.basis" == wrong.value.field


def test_a_fee_check_takes_the_text_of_its_basis():
    """Regression (r25 leftover): FeeCheck.basis refused "flat" where other kinds take text."""
    from upwork_safety.fees import FeeBasis

    examples = Path(__file__).resolve().parent.parent / "docs" / "examples"
    text = (examples / "synthetic-transactions-report.csv").read_text(encoding="utf-8")
    check = statements.audit_fees(statements.parse(text)).checks[0]
    by_text = attrs.evolve(check, basis=check.basis.value)
    assert (check.basis, check) == (by_text.basis, by_text)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(check, basis=check.basis.name)
    assert ("FeeCheck.basis", "a FeeBasis") == (info.value.field, info.value.rule)
    assert all(repr(basis.value) in str(info.value) for basis in FeeBasis)


def _public_attrs_classes() -> dict[str, type]:
    """Every attrs class a public module of the library lists in its ``__all__``."""
    import importlib
    import pkgutil

    import upwork_safety

    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if any(part.startswith("_") for part in module_info.name.split(".")):
            continue
        module = importlib.import_module(module_info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_public_kind_field_takes_its_text():
    """Every field of a public class typed with a text-valued kind reads that kind's text."""
    import enum
    import types
    import typing

    checked = []
    for where, cls in sorted(_public_attrs_classes().items()):
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            hint = hints[field.name]
            union = typing.get_origin(hint) in (typing.Union, types.UnionType)
            for kind in typing.get_args(hint) if union else (hint,):
                if isinstance(kind, type) and issubclass(kind, enum.Enum) and issubclass(kind, str):
                    member = next(iter(kind))
                    assert field.converter is not None, (where, field.name)
                    assert member is field.converter(member.value), (where, field.name)
                    checked.append((cls.__name__, field.name))
    assert {
        ("PayoutItem", "kind"),
        ("WeeklyPayment", "basis"),
        ("FeeCheck", "basis"),
        ("Transition", "deadline"),
        ("Contract", "kind"),
    } <= set(checked)


def test_a_kind_given_as_a_hostile_str_subclass_is_read_as_its_text():
    """Regression (review r25): a str subclass whose __hash__ raises reached the enum lookup."""

    class Hostile(str):
        __slots__ = ()

        def __hash__(self) -> int:
            raise RuntimeError("asked")

        def __eq__(self, other: object) -> bool:
            raise RuntimeError("asked")

    paid = datetime(2024, 1, 10, 15, tzinfo=timezone.utc)
    (item,) = hourly.payout_schedule(
        bonuses=[hourly.bonus(Money("50.00", "USD"), paid_at=paid)]
    ).items
    assert PayoutKind.BONUS is attrs.evolve(item, kind=Hostile("bonus")).kind
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(item, kind=Hostile("Bonus"))
    assert "PayoutItem.kind" == info.value.field
