"""``python -m calibration``: score every case and print the error per rule set.

Prints one table row per case (fitting set first, then held-out), then the
mean absolute error per rule set and per split, for the calibrated rules
and for the rules as they were before calibration.  Then each held-out set
gathered after calibration (``tests/data/jss_cases_heldout_2.json`` and
``jss_cases_heldout_3.json``) on its own: its cases, MAE, worst case, cases
off by more than 10 and eligibility misses.  Last, every held-out set pooled (the first
set's held-out cases and each later set): the "all three" row of docs/jss-calibration.md.
``--markdown`` prints the case tables in the
form used by docs/jss-calibration.md.  ``--sweep`` reads the first set only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import TYPE_CHECKING

from calibration._cases import (
    LATER_HELD_OUT,
    CaseResult,
    Summary,
    evaluate,
    load,
    load_second_held_out,
    summarize,
    uncalibrated,
)
from calibration._sweep import sweep

if TYPE_CHECKING:
    from collections.abc import Sequence


def _summary_line(label: str, summary: Summary) -> str:
    mae = "n/a" if summary.mae is None else f"{summary.mae}"
    return (
        f"{label:<42} cases {summary.cases:>2}  scored {summary.scored:>2}  met {summary.met:>2}  "
        f"MAE {mae:>5}  worst {summary.worst if summary.worst is not None else '-':>3}  "
        f"off by >10 {summary.over_ten}"
    )


def _table(
    results: Sequence[CaseResult], before: dict[str, CaseResult], split: str | None = None
) -> list[str]:
    lines = [
        (
            "| case | split | rules | reported | model before calibration | error | "
            "model now | error |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        old = before[r.case.id]
        reported = "no score" if r.case.reported is None else str(r.case.reported)
        if r.case.reported_before is not None:
            reported = f"{r.case.reported_before} → {reported}"

        def err(result: CaseResult) -> str:
            if result.eligibility_miss:
                return "miss"
            return "—" if result.error is None else str(result.error)

        lines.append(
            f"| [{r.case.id}]({r.case.url}) | "
            f"{split or ('held-out' if r.case.held_out else 'fit')} | "
            f"{r.rules.split(':')[0]} | {reported} | {old.range_text()} | {err(old)} | "
            f"{r.range_text()} | {err(r)} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the validation set and print the report."""
    parser = argparse.ArgumentParser(prog="python -m calibration", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print the case table only")
    parser.add_argument(
        "--sweep", action="store_true", help="one parameter at a time, fitting set only"
    )
    args = parser.parse_args(argv)
    cases = load()
    if args.sweep:
        sys.stdout.write("\n".join(sweep(cases)) + "\n")
        return 0
    now = [evaluate(case) for case in cases]
    old = {r.case.id: r for r in (evaluate(case, uncalibrated) for case in cases)}
    ordered = sorted(now, key=lambda r: (r.case.held_out, r.case.as_of))
    later = _later_results()
    out = sys.stdout
    if args.markdown:
        _markdown(ordered, old, later)
        return 0
    for r in ordered:
        flag = "" if r.before_reproduced in {None, True} else "  (score before not reproduced)"
        out.write(
            f"{'H' if r.case.held_out else 'F'} {r.case.id:<52} {r.rules.split(':')[0]:<10} "
            f"reported {r.case.reported!s:>4}  model {r.range_text():<16} "
            f"error {'miss' if r.eligibility_miss else r.error!s:>4}  "
            f"(was {old[r.case.id].range_text()}){flag}\n"
        )
    for label, results in (("calibrated", now), ("before calibration", list(old.values()))):
        out.write(f"\n== {label}\n")
        for split, held in (("fit", False), ("held-out", True)):
            chosen = [r for r in results if r.case.held_out is held]
            out.write(_summary_line(f"{split}: all rule sets", summarize(chosen)) + "\n")
            by_rules: dict[str, list[CaseResult]] = defaultdict(list)
            for r in chosen:
                by_rules[r.rules.split(":")[0]].append(r)
            for name, group in sorted(by_rules.items()):
                out.write(_summary_line(f"  {split}: {name}", summarize(group)) + "\n")
            worst = summarize(chosen).ids_over_ten
            if worst:
                out.write(f"  off by more than 10: {', '.join(worst)}\n")
    for number, (name, gathered, results, before) in enumerate(later, start=2):
        _later_report(name, gathered, number, results, before)
    pooled = [r for r in now if r.case.held_out] + [r for _, _, rs, _ in later for r in rs]
    out.write(f"\n== every held-out set pooled (the first and the {len(later)} later)\n")
    out.write(_summary_line("all held-out sets", summarize(pooled)) + "\n")
    return 0


def _markdown(
    ordered: Sequence[CaseResult],
    old: dict[str, CaseResult],
    later: list[tuple[str, str, list[CaseResult], dict[str, CaseResult]]],
) -> None:
    """The case tables of docs/jss-calibration.md: the first set, then each later set."""
    out = sys.stdout
    out.write("\n".join(_table(ordered, old)) + "\n")
    for number, (name, _, results, before) in enumerate(later, start=2):
        out.write(f"\n{name.capitalize()} held-out set\n\n")
        out.write("\n".join(_table(results, before, split=f"held-out {number}")) + "\n")


def _later_results() -> list[tuple[str, str, list[CaseResult], dict[str, CaseResult]]]:
    """Each held-out set gathered after calibration: name, day, results now and before."""
    later = []
    for name, gathered, path in LATER_HELD_OUT:
        cases = load_second_held_out(path)
        results = sorted((evaluate(case) for case in cases), key=lambda r: r.case.as_of)
        before = {r.case.id: r for r in (evaluate(case, uncalibrated) for case in cases)}
        later.append((name, gathered, results, before))
    return later


def _later_report(
    name: str,
    gathered: str,
    number: int,
    results: Sequence[CaseResult],
    before: dict[str, CaseResult],
) -> None:
    """A held-out set gathered after calibration, on its own: never tuned on."""
    out = sys.stdout
    out.write(
        f"\n== {name} held-out set (gathered {gathered}, after calibration; never tuned on)\n"
    )
    for r in results:
        flag = "" if r.before_reproduced in {None, True} else "  (score before not reproduced)"
        reported = "none" if r.case.reported is None else str(r.case.reported)
        if r.case.reported_before is not None:
            reported = f"{r.case.reported_before}->{reported}"
        out.write(
            f"H{number} {r.case.id:<51} {r.rules.split(':')[0]:<10} "
            f"reported {reported:>6}  model {r.range_text():<16} "
            f"error {'miss' if r.eligibility_miss else r.error!s:>4}  "
            f"(before calibration {before[r.case.id].range_text()}){flag}\n"
        )
    summary = summarize(results)
    out.write(_summary_line(f"{name} held-out: all rule sets", summary) + "\n")
    by_rules: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        by_rules[r.rules.split(":")[0]].append(r)
    for rules, group in sorted(by_rules.items()):
        out.write(_summary_line(f"  {name} held-out: {rules}", summarize(group)) + "\n")
    out.write(f"  eligibility misses: {summary.eligibility_misses}\n")
    if summary.ids_over_ten:
        out.write(f"  off by more than 10: {', '.join(summary.ids_over_ten)}\n")
    old = summarize(list(before.values()))
    out.write(_summary_line(f"{name} held-out, before calibration", old) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
