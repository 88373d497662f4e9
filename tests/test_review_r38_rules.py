"""Round 38 code review, findings 4, 5, 6 and 8: the rules' day arguments, constants and sources."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

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


def test_the_tax_constants_are_the_current_rules():
    """Review r38, 5: derived from the history's current rules, not the 2022 preset.

    (Equal today, with one preset: the derivation is what this pins.)
    """
    current = fees.EXPORT_TAX_HISTORY.current
    assert fees.TAX_RATE_PSEB == current.pseb_registered == Decimal("0.0025")
    assert fees.TAX_RATE_NOT_PSEB == current.not_registered == Decimal("0.01")


def test_impact_points_add_up_to_the_unrounded_percent():
    """Review r38, 6: the points add up to the percent the score is rounded from."""

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
    assert (report.score, total) == (67, Decimal("66.67"))
    assert "unrounded percent the score is rounded from" in " ".join(jss.__doc__.split())


@pytest.mark.parametrize("kind", ["RETENTION_HISTORY", "PAYMENT_SCHEDULE_HISTORY"])
def test_sources_answers_for_the_two_kinds_its_docstring_left_out(kind):
    """Review r38, 8: the docstring names all seven kinds of rule set."""
    current = getattr(rules, kind).current
    assert rules.sources(current)
    assert type(current).__name__ in rules.sources.__doc__
