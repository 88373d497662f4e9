"""One parameter at a time, on the fitting set only: which cases each value moves.

``python -m calibration --sweep`` evolves every rule set in force with one
candidate value of one uncertain field, scores the *fitting* cases (never
the held-out ones) and prints the mean absolute error with the cases whose
error changed.  This is the evidence table of docs/jss-calibration.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

import attrs

from calibration._cases import Case, CaseResult, evaluate, summarize
from upwork_safety import jss

#: The fields and the values the sources allow (see docs/jss-calibration.md).
CANDIDATES: Mapping[str, Sequence[object]] = {
    "neutral_credit": (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75")),
    "positive_stars_at_least": (Decimal("4.5"), Decimal("4.7"), Decimal("4.8"), Decimal("4.9")),
    "negative_stars_below": (Decimal("3.5"), Decimal(4), Decimal("4.3")),
    "detractor_private_below": (5, 6, 7, 8),
    "promoter_private_at_least": (8, 9, 10),
    "rehire_needs_earnings": (False, True),
    "unpaid_weight": (None, Decimal("0.5"), Decimal("0.25")),
    "unpaid_positive_stars_at_least": (Decimal(4), Decimal("4.5"), Decimal(5)),
    # Not swept: duration_bonus_non_positive.  Every fitting case is scored under a rule
    # set with no duration bonus (before 2024-06-01), so no value of it moves any case
    # (fidelity audit r17 L2); the sweep printed three identical rows as if it had been tried.
    "open_idle_after": (timedelta(days=90), timedelta(days=120), timedelta(days=180)),
}

RulesFor = Callable[[date], jss.JSSRules]


def with_value(base: RulesFor, name: str, value: object) -> RulesFor:
    """*base* with one field set to *value* in every rule set."""

    def rules_for(day: date) -> jss.JSSRules:
        rules = base(day)
        if name == "promoter_private_at_least" and rules.detractor_private_below > value:  # type: ignore[operator]
            return attrs.evolve(rules, detractor_private_below=value, **{name: value})
        return attrs.evolve(rules, **{name: value})

    return rules_for


def sweep(cases: Sequence[Case], base: RulesFor = jss.rules_as_of) -> list[str]:
    """The sweep's report lines (fitting cases only)."""
    fit = [case for case in cases if not case.held_out]
    reference = {r.case.id: r for r in (evaluate(case, base) for case in fit)}
    lines = [f"reference: {_line(list(reference.values()))}"]
    for name, values in CANDIDATES.items():
        lines.append(f"\n{name}")
        for value in values:
            results = [evaluate(case, with_value(base, name, value)) for case in fit]
            moved = [
                f"{r.case.id} {_err(reference[r.case.id])}→{_err(r)}"
                for r in results
                if _err(r) != _err(reference[r.case.id])
            ]
            lines.append(f"  {value!s:>8}: {_line(results)}")
            lines.extend(f"            {m}" for m in moved)
    return lines


def _err(result: CaseResult) -> str:
    if result.eligibility_miss:
        return "miss"
    return "-" if result.error is None else str(result.error)


def _line(results: Sequence[CaseResult]) -> str:
    summary = summarize(results)
    return (
        f"MAE {summary.mae}  worst {summary.worst}  met {summary.met}/{summary.cases}  "
        f"off by >10 {summary.over_ten}"
    )
