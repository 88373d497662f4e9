"""The JSS validation set (issue 19): well-formed, sourced, and split by its fixed rule."""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

# calibration/ lives beside src/ and tests/ (it is a developer tool, not part of the package).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calibration import (
    CASES_FILE,
    evaluate,
    held_out_ids,
    load,
    split_rule_ids,
    summarize,
)

CASES = load()


def test_the_validation_set_has_at_least_25_sourced_cases():
    """At least 25 cases, each with a public link, a date, a quote and its unknowns."""
    assert len(CASES) >= 25
    for case in CASES:
        assert case.url.startswith("https://")
        assert case.quote
        assert case.unknowns
        assert date(2015, 3, 1) <= case.as_of <= date(2026, 12, 31)
        assert case.groups


def test_case_ids_are_unique():
    """Every case has its own id, so the split rule is well defined."""
    ids = [case.id for case in CASES]
    assert len(set(ids)) == len(ids)


def test_the_held_out_set_is_the_one_the_fixed_rule_picks():
    """The committed held-out ids are the first third of the ids sorted by SHA-256."""
    assert split_rule_ids([case.id for case in CASES]) == held_out_ids()
    assert len(held_out_ids()) == -(-len(CASES) // 3)


def test_cases_left_out_say_why():
    """Every researcher case that is not encoded has a reason in the file."""
    doc = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    assert all(doc["not_encoded"].values())


@pytest.mark.parametrize("case", CASES[:3], ids=lambda c: c.id)
def test_a_case_expands_and_scores(case):
    """A case builds valid contracts for every variant and yields a range or 'no score'."""
    result = evaluate(case)
    assert result.variants >= 1
    assert result.low is not None or result.not_eligible


@pytest.mark.slow
def test_the_reported_figures_hold():
    """The figures in docs/jss-calibration.md: fit and held-out MAE and the cases off by > 10."""
    results = [evaluate(case) for case in CASES]
    fit = summarize([r for r in results if not r.case.held_out])
    held = summarize([r for r in results if r.case.held_out])
    assert (Decimal("2.55"), 11) == (fit.mae, fit.worst)
    assert ("brajpal-100-to-89-may-2017",) == fit.ids_over_ten
    assert (Decimal("3.10"), 14) == (held.mae, held.worst)
    assert (
        "moiz-3-good-1-unresponsive-client-75",
        "rehan-100-to-86-covid",
    ) == held.ids_over_ten
