"""Regression tests for round 35's hourly, rules, serialize and CLI findings (fix35-hourly).

Hostile 4, 5 and 6 (/work/notes/r35/report_hostile.md), review 3 and newcomer 8.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import Contract, ExchangeRate, Money, fees, hourly, jss, rules, serialize
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError, RulesError
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
    "history",
    [rules.HISTORY, jss.HISTORY, fees.SERVICE_FEE_HISTORY],
    ids=["platform", "jss", "fees"],
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


# --------------------------------------------------------------------------
# Newcomer 8: the statement command's counts and --by's spellings

_REPORT = Path(__file__).parent.parent / "docs" / "examples" / "synthetic-transactions-report.csv"


def _statement(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["statement", *argv], out=out)
    return code, out.getvalue()


def test_one_scheduled_row_is_counted_as_one_row(tmp_path):
    """Newcomer r35 8: ``scheduled 1 rows, not counted``; two stay ``2 rows``."""
    lines = _REPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    one = tmp_path / "one-scheduled.csv"
    one.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")  # the fee row only
    code, text = _statement(str(one))
    assert 0 == code
    assert re.search(r"scheduled +1 row, not counted", text)
    assert re.search(r"scheduled +2 rows, not counted", _statement(str(_REPORT))[1])


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("quarter", ""),
        ("tax year", " (did you mean 'tax-year'?)"),
        ("Tax_Year", " (did you mean 'tax-year'?)"),
        ("Month", " (did you mean 'month'?)"),
        ("calendar year", " (did you mean 'year'?)"),
    ],
)
def test_by_is_refused_listing_the_choices_as_the_help_spells_them(capsys, given, hint):
    """Newcomer r35 8: the error listed ``('month', 'tax_year', 'year')``, the help ``tax-year``."""
    with pytest.raises(SystemExit) as info:
        main(["statement", str(_REPORT), "--by", given])
    assert 2 == info.value.code
    err = capsys.readouterr().err
    expected = f"argument --by: must be one of month, tax-year or year, got '{given}'{hint}"
    assert expected in err
    assert "tax_year" not in err.replace(given, "")


@pytest.mark.parametrize("given", ["tax-year", "tax_year"])
def test_by_takes_both_spellings_of_the_tax_year(given):
    """Both spellings still work, as the help says."""
    code, text = _statement(str(_REPORT), "--by", given)
    assert 0 == code
    assert "Pakistani tax year" in text


def test_spaces_around_a_period_are_refused_without_a_guess(capsys):
    """As docs/cli.md says: ``' month '`` gets the choices, not a guess."""
    with pytest.raises(SystemExit):
        main(["statement", str(_REPORT), "--by", " month "])
    assert "did you mean" not in capsys.readouterr().err


# --------------------------------------------------------------------------
# Review 3: the shared converter takes hooks for the caller's classes only


@attrs.frozen
class _Reading:
    """A class of the caller's holding a library value."""

    label: str
    amount: Money


@attrs.frozen
class _Code:
    """A class of the caller's that a hook reads from and writes as one string."""

    text: str


@pytest.mark.parametrize(
    "hint",
    [Money, Contract, datetime, Decimal, str, object, Money | None, tuple[str, ...]],
    ids=["Money", "Contract", "datetime", "Decimal", "str", "object", "Money|None", "tuple[str]"],
)
def test_a_hook_for_a_library_type_is_refused_and_reading_stays_strict(hint):
    """Review r35 3: a hook on ``Money`` replaced the strict reader for the whole process."""
    with pytest.raises(InvalidTypeError) as refused:
        serialize.converter.register_structure_hook(
            hint, lambda _data, _type: Money("999.00", "USD")
        )
    assert ("cl", "a class of your own") == (refused.value.field, refused.value.rule)
    with pytest.raises(InvalidTypeError) as written:
        serialize.converter.register_unstructure_hook(hint, lambda _value: "hacked")
    assert ("cls", "a class of your own") == (written.value.field, written.value.rule)
    assert Money("1.00", "USD") == serialize.from_json(
        Money, '{"amount": "1.00", "currency": "USD"}'
    )
    assert '{"amount":"1.00","currency":"USD"}' == serialize.to_json(Money("1.00", "USD"))
    with pytest.raises(InvalidDataError):
        serialize.from_dict(Money, {"amount": 1, "currency": "USD"})


def test_decorator_forms_and_predicates_taking_in_a_library_type_are_refused():
    """The decorator forms name the type by annotation; a predicate is asked about the library's."""
    with pytest.raises(InvalidTypeError):

        @serialize.converter.register_structure_hook
        def _read(data: object, _type: object) -> Money:  # pragma: no cover  (never registered)
            return Money(str(data), "USD")

    with pytest.raises(InvalidTypeError) as factory:
        serialize.converter.register_structure_hook_factory(attrs.has, lambda _cls: None)
    assert ("predicate", "a class of your own") == (factory.value.field, factory.value.rule)
    with pytest.raises(InvalidTypeError) as func:
        serialize.converter.register_unstructure_hook_func(lambda t: t is Money, lambda _m: "x")
    assert "check_func" == func.value.field
    assert '{"amount":"1.00","currency":"USD"}' == serialize.to_json(Money("1.00", "USD"))


def test_hooks_for_the_callers_own_classes_still_work_beside_library_values():
    """The documented use: hooks for your own classes, inside and around library values."""
    serialize.converter.register_structure_hook(_Code, lambda data, _type: _Code(data))
    serialize.converter.register_unstructure_hook(_Code, lambda code: code.text)
    serialize.converter.register_structure_hook_func(
        lambda t: t is _Reading,
        lambda data, _type: _Reading(data["label"], serialize.from_dict(Money, data["amount"])),
    )
    assert _Code("ab") == serialize.from_dict(_Code, "ab")
    assert "ab" == serialize.to_dict(_Code("ab"))
    reading = serialize.from_dict(
        _Reading, {"label": "x", "amount": {"amount": "2.00", "currency": "USD"}}
    )
    assert _Reading("x", Money("2.00", "USD")) == reading


def test_a_copy_of_the_converter_is_the_callers_own_and_takes_any_hook():
    """``serialize.converter.copy()`` takes a Money hook; the shared converter stays strict."""
    mine = serialize.converter.copy()
    mine.register_structure_hook(Money, lambda _data, _type: Money("999.00", "USD"))
    assert Money("999.00", "USD") == mine.structure({"amount": "1"}, Money)
    assert Money("1.00", "USD") == serialize.from_dict(Money, {"amount": "1.00", "currency": "USD"})


# --------------------------------------------------------------------------
# Hostile 5: where the hourly engine's moments pass 9990-12-31 (docs/hourly.md's table)

_LAST = date(9990, 12, 31)


def _week(day: int) -> hourly.BillingWeek:
    return hourly.BillingWeek(datetime(9990, 12, day, tzinfo=timezone.utc))


@pytest.mark.parametrize(
    ("top_rated", "last_within", "first_past", "paid"),
    [(False, 10, 17, date(9991, 1, 2)), (True, 17, 24, date(9991, 1, 5))],
    ids=["hold", "top-rated"],
)
def test_the_pay_day_passes_the_last_day_from_the_week_the_docs_name(
    top_rated, last_within, first_past, paid
):
    """Hostile r35 5: docs/hourly.md names the first week whose pay day passes 9990-12-31."""
    within = hourly.payout_calendar(_week(last_within), top_rated=top_rated)
    past = hourly.payout_calendar(_week(first_past), top_rated=top_rated)
    assert within.available_at.date() <= _LAST
    assert paid == past.available_at.date()
    rate = ExchangeRate("USD", "PKR", Decimal(280), as_of=_LAST)
    with pytest.raises(InvalidValueError) as refused:
        fees.payout(
            Money("100", "USD"),
            method="payoneer",
            reference_rate=rate,
            on=_LAST,
            available_on=past.available_at.date(),
        )
    assert ("available_on", "on or before 9990-12-31") == (
        refused.value.field,
        refused.value.rule,
    )


def test_the_other_moments_pass_the_last_day_where_the_docs_say():
    """The week's end, its window's end, its invoice and the answer to a dispute."""
    assert datetime(9991, 1, 6, 23, 59, 59, 999999, tzinfo=timezone.utc) == (
        hourly.billing_week(datetime(9990, 12, 31, tzinfo=timezone.utc)).end
    )
    assert hourly.billing_week(datetime(9990, 12, 30, tzinfo=timezone.utc)).end.date() < _LAST
    assert hourly.payout_calendar(_week(17)).dispute_window_ends.date() <= _LAST
    assert date(9991, 1, 4) == hourly.payout_calendar(_week(24)).dispute_window_ends.date()
    assert hourly.payout_calendar(_week(24)).invoiced_at.date() == _LAST
    assert date(9991, 1, 7) == hourly.payout_calendar(_week(31)).invoiced_at.date()
    late = hourly.dispute_response(datetime(9990, 12, 31, 12, tzinfo=timezone.utc))
    assert datetime(9991, 1, 3, 12, tzinfo=timezone.utc) == late.respond_by
    with pytest.raises(InvalidValueError):  # no window holds it
        hourly.dispute_response(datetime(9990, 12, 31, 11, 59, 59, 999999, tzinfo=timezone.utc))
    friday = hourly.dispute_response(datetime(9990, 12, 28, 23, 59, 59, tzinfo=timezone.utc))
    assert friday.respond_by.date() == _LAST
    wednesday = hourly.dispute_response(
        datetime(9990, 12, 26, 23, 59, 59, 999999, tzinfo=timezone.utc)
    )
    assert wednesday.respond_by_if_business_days.date() == _LAST
    thursday = hourly.dispute_response(datetime(9990, 12, 27, tzinfo=timezone.utc))
    assert datetime(9991, 1, 1, tzinfo=timezone.utc) == thursday.respond_by_if_business_days


@attrs.frozen
class _Tag:
    """A class of the caller's registered with the decorator forms."""

    text: str


def test_the_decorator_forms_give_the_function_back_for_the_callers_class():
    """``@converter.register_structure_hook`` on a hook of yours keeps the function's name bound."""

    @serialize.converter.register_structure_hook
    def read_tag(data: str, _type: object) -> _Tag:
        return _Tag(data)

    @serialize.converter.register_unstructure_hook
    def write_tag(tag: _Tag) -> str:
        return tag.text

    assert callable(read_tag)
    assert callable(write_tag)
    assert _Tag("x") == serialize.from_dict(_Tag, "x")
    assert "x" == serialize.to_dict(_Tag("x"))
