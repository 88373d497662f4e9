"""Review r37, hostile: the converter's name, sequences written by hand, the 9990 edge, ids."""

from __future__ import annotations

import cattrs
import pytest

from upwork_safety import InvalidDataError, InvalidTypeError, Money, serialize
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
