"""Regression tests for round 35's hourly, rules, serialize and CLI findings (fix35-hourly).

Hostile 4, 5 and 6 (/work/notes/r35/report_hostile.md), review 3 and newcomer 8.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from upwork_safety import fees, jss, rules, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, RulesError
from upwork_safety.rules import RuleHistory

# --------------------------------------------------------------------------
# Hostile 6: a RuleHistory holds the library's rule sets only


class _Named:
    """An object with a rule set's ``name`` and ``effective``, and nothing else."""

    name = "n"
    effective = date(2020, 1, 1)


@attrs.frozen
class _DatedRecord:
    """An attrs class of the caller's with a ``name`` and an ``effective`` date."""

    name: str
    effective: date


def test_a_history_of_objects_that_are_no_rule_set_is_refused_when_built():
    """Hostile r35 6: a duck with ``name`` and ``effective`` made a history every engine refused."""
    with pytest.raises(InvalidTypeError) as refused:
        RuleHistory("x", [_Named()])
    assert ("RuleHistory.presets[0]", "a dated rule set") == (
        refused.value.field,
        refused.value.rule,
    )
    assert "_Named" in str(refused.value)
    assert "PlatformRules" in str(refused.value)


def test_a_duck_after_a_library_rule_set_is_refused_at_its_index():
    """The duck is named where it stands, whatever comes before it."""
    later = attrs.evolve(rules.CURRENT, effective=date(2030, 1, 1))
    with pytest.raises(InvalidTypeError) as refused:
        RuleHistory("x", [later, _DatedRecord("n", date(2031, 1, 1))])
    assert "RuleHistory.presets[1]" == refused.value.field


def test_a_history_of_the_callers_attrs_records_is_refused_when_loaded():
    """Loading goes through the constructor: the path of the preset and the library's error."""
    data = {"name": "x", "presets": [{"name": "n", "effective": "2020-01-01"}]}
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_dict(RuleHistory[_DatedRecord], data)
    (problem,) = refused.value.problems
    assert ("$.presets[0]", "a dated rule set") == (problem.path, problem.rule)


@pytest.mark.parametrize(
    "history", [rules.HISTORY, jss.HISTORY, fees.SERVICE_FEE_HISTORY], ids=["platform", "jss", "fees"]
)
def test_every_library_rule_set_kind_still_makes_a_history(history):
    """Each kind of the library's rule sets, and a what-if evolve of one, is still taken."""
    later = attrs.evolve(history.current, effective=date(2030, 1, 1), name="what-if")
    made = RuleHistory("what-if", [*history, later])
    assert later is made.current
    assert type(history.current) is type(made.current)


def test_mixed_library_kinds_are_still_refused_as_of_one_kind():
    """Two library kinds keep their own refusal (review r34 4)."""
    with pytest.raises(RulesError) as refused:
        RuleHistory("mixed", [rules.HISTORY[0], jss.HISTORY[-1]])
    assert "rule sets of one kind" == refused.value.rule
