"""Round 38 code review, findings 4, 5, 6 and 8: the rules' day arguments, constants and sources."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from types import ModuleType  # noqa: TC003  (the copy's type, read at run time too)
from typing import Any

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Money,
    Payment,
    UpworkSafetyError,
    fees,
    jss,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.rules import _history

UTC = timezone.utc


def test_snapshot_takes_an_aware_datetime_as_its_utc_day():
    """Review r38, 4: ``JSSRules.snapshot`` crashed with a bare TypeError on a datetime."""
    late = datetime(2025, 3, 1, 2, tzinfo=timezone(timedelta(hours=5)))  # 2025-02-28 UTC
    assert jss.CURRENT.snapshot(late) == jss.CURRENT.snapshot(date(2025, 2, 28))


@pytest.mark.parametrize(
    ("on", "error", "rule"),
    [
        ("2025-01-01", InvalidTypeError, "a date or an aware datetime"),
        (datetime(2025, 1, 1), InvalidValueError, None),  # naive: no day of its own
        (date(9995, 1, 1), InvalidValueError, "on or before 9990-12-31"),
    ],
)
def test_snapshot_refuses_what_is_no_supported_day(on, error, rule):
    with pytest.raises(error) as info:
        jss.CURRENT.snapshot(on)
    assert isinstance(info.value, UpworkSafetyError)
    assert info.value.field == "on"
    if rule is not None:
        assert info.value.rule == rule


@pytest.mark.parametrize(
    ("added", "on", "field"),
    [(date(9995, 1, 1), date(2025, 1, 9), "added"), (date(2025, 1, 1), date(9995, 1, 9), "on")],
)
def test_method_active_refuses_a_day_after_the_last(added, on, field):
    """The last-day rule every other day argument applies (review r38, 4)."""
    with pytest.raises(InvalidValueError) as info:
        fees.PAYMENT_SCHEDULE_HISTORY.current.method_active(added, on)
    assert (field, "on or before 9990-12-31") == (info.value.field, info.value.rule)


def _tax_module_with_a_newer_preset(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A fresh copy of ``rules._tax`` whose history gains a newer preset (0.5% and 2%)."""
    real = _history.RuleHistory

    def with_newer(name: str, presets: tuple[Any, ...]) -> Any:
        newer = attrs.evolve(
            presets[-1],
            effective=date(2030, 7, 1),
            pseb_registered=Decimal("0.005"),
            not_registered=Decimal("0.02"),
        )
        return real(name, (*presets, newer))

    # The copy's class registers itself as a rule set kind: on a copy of the list.
    monkeypatch.setattr(_history, "_KINDS", list(_history._KINDS))
    monkeypatch.setattr(_history, "RuleHistory", with_newer)
    spec = importlib.util.find_spec("upwork_safety.rules._tax")
    assert spec is not None
    assert spec.origin is not None
    copy_spec = importlib.util.spec_from_file_location("_tax_with_a_newer_preset", spec.origin)
    assert copy_spec is not None
    assert copy_spec.loader is not None
    module = importlib.util.module_from_spec(copy_spec)
    copy_spec.loader.exec_module(module)
    return module


def test_the_tax_constants_are_the_current_rules(monkeypatch):
    """Review r38, 5 (diff review 10): derived from the history's current rules.

    With one preset today, the constants equal the 2022 preset's either way; so a copy of
    the module whose history gains a newer preset shows the derivation.
    """
    current = fees.EXPORT_TAX_HISTORY.current
    assert fees.TAX_RATE_PSEB == current.pseb_registered
    assert fees.TAX_RATE_NOT_PSEB == current.not_registered
    module = _tax_module_with_a_newer_preset(monkeypatch)
    assert module.EXPORT_TAX_HISTORY.current.effective == date(2030, 7, 1)
    assert module.TAX_RATE_PSEB == Decimal("0.005")
    assert module.TAX_RATE_NOT_PSEB == Decimal("0.02")


def test_impact_points_add_up_to_the_unrounded_percent():
    """Review r38, 6: the points add up to the percent the score is rounded from.

    That behaviour held before the round (the round fixed the wording that said the points
    add up to the score); this pins it against the window's own percent (diff review 10).
    """

    def job(n: int, stars: str) -> Contract:
        return Contract(
            f"c{n}",
            f"client{n}",
            ContractKind.FIXED_PRICE,
            started=date(2025, 1, 1),
            ended=date(2025, 2, 1),
            payments=[Payment(date(2025, 2, 1), Money(100, "USD"))],
            feedback=Feedback(stars=stars),
        )

    report = jss.score([job(1, "5.0"), job(2, "5.0"), job(3, "2.0")], as_of=date(2025, 6, 1))
    total = sum(report.impact(c).points for c in ("c1", "c2", "c3"))
    (shown,) = [w for w in report.windows if w.shown]
    assert total == shown.percent == Decimal("66.67")
    assert report.score == 67 != total


@pytest.mark.parametrize("kind", ["RETENTION_HISTORY", "PAYMENT_SCHEDULE_HISTORY"])
def test_sources_answers_for_the_two_kinds_its_docstring_left_out(kind):
    """Review r38, 8: one source per rule of the two kinds, with the rule's own value.

    The round's fix was the signature and docstring (tests/typing/api.py pins the
    signature); this pins what ``sources`` answers for them (diff review 10).
    """
    current = getattr(rules, kind).current
    listed = rules.sources(current)
    meta = {"effective", "name", "source"}
    assert [n for n, _, _ in listed] == [
        f.name for f in attrs.fields(type(current)) if f.name not in meta
    ]
    assert all(value == getattr(current, name) for name, value, _ in listed)
    assert all(isinstance(source, rules.RuleSource) for _, _, source in listed)
