"""Every public enum refuses a value no member has with the library's error (review r37, review 6).

Before, ``ContractKind("HOURLY")`` raised Python's bare ``ValueError``.
"""

from __future__ import annotations

import enum
import importlib
import pickle
from datetime import date

import pytest

from _public import MODULES
from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    InvalidValueError,
    MilestoneState,
    serialize,
)
from upwork_safety.checks import Severity
from upwork_safety.kinds import StrEnum
from upwork_safety.testing import factories

# --- 6: every public enum refuses a value no member has with the library's error ----------


def _public_enums() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            value = getattr(module, attr)
            if isinstance(value, type) and issubclass(value, enum.Enum) and list(value):
                found[value.__qualname__] = value
    return sorted(found.values(), key=lambda kind: kind.__name__)


ENUMS = _public_enums()


def test_the_sweep_finds_the_enums_of_every_layer():
    names = {kind.__name__ for kind in ENUMS}
    assert {"ContractKind", "MilestoneState", "Severity", "Party", "FromRules"} <= names
    assert len(ENUMS) >= 20


@pytest.mark.parametrize("kind", ENUMS, ids=lambda kind: kind.__name__)
def test_every_public_enum_refuses_text_no_member_has(kind):
    """Python's bare ValueError before; now InvalidValueError naming the enum, with the values."""
    with pytest.raises(InvalidValueError) as caught:
        kind("no such value")
    assert (kind.__name__, f"a {kind.__name__}") == (caught.value.field, caught.value.rule)
    assert all(repr(member.value) in str(caught.value) for member in kind)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("kind", ENUMS, ids=lambda kind: kind.__name__)
def test_every_public_enum_still_finds_its_members_and_pickles(kind):
    for member in kind:
        assert member is kind(member.value)
        assert member is pickle.loads(pickle.dumps(member))


def test_the_class_and_the_field_say_the_same_did_you_mean():
    with pytest.raises(InvalidValueError) as by_class:
        ContractKind("HOURLY")
    assert (
        "ContractKind must be one of 'fixed_price', 'hourly', got 'HOURLY' (did you mean 'hourly'?)"
    ) == str(by_class.value)
    with pytest.raises(InvalidValueError) as by_field:
        Contract("c1", "acme", "HOURLY", date(2026, 3, 2))
    assert str(by_field.value) == str(by_class.value).replace("ContractKind", "Contract.kind", 1)
    with pytest.raises(InvalidValueError) as state:
        MilestoneState("PAID")
    assert ("MilestoneState", "a MilestoneState") == (state.value.field, state.value.rule)
    assert str(state.value).endswith("(did you mean 'paid'?)")


def test_a_value_of_another_type_is_refused_as_a_value_error_too():
    """``ContractKind(5)`` stays a ValueError (InvalidValueError), as Python's was."""
    for kind, value in [(ContractKind, 5), (Severity, None), (EndReason, b"completed")]:
        with pytest.raises(InvalidValueError) as caught:
            kind(value)
        assert kind.__name__ == caught.value.field


def test_callers_of_an_enum_lookup_still_answer_as_before():
    """The serializer, the models and the ordered kinds read members as they did."""
    contract = factories.submitted_contract()
    assert contract == serialize.from_json(type(contract), serialize.to_json(contract))
    assert ContractKind.HOURLY is serialize.from_dict(ContractKind, "hourly")
    assert Severity.INFO < Severity("danger")
    assert issubclass(ContractKind, StrEnum)
