"""JSS timeline: the incremental timeline against re-scoring at every point.

5,000 contracts, two years of daily points (731), the current rules.  The
baseline is what a caller would otherwise write: ``jss.score`` at every
point.  Scoring all 731 points takes minutes per round, so the baseline
times every 17th point (43 points, spread over the whole two years) and
scales the time up to 731 points; a check in the same run confirms that
score() costs about the same at every point, so the scaling is fair.

:func:`paired` is the timing discipline every JSS figure in the README
follows: ours and the baseline alternate round by round in one run (so a
slow minute on a shared machine hits both), at least five rounds each,
once with the garbage collector on (what users get) and once off, and the
result is min/median/max of each side and the ratio of the medians.
``test_timeline_paired`` prints that table (run with ``-s`` to see it).
"""

from __future__ import annotations

import gc
import statistics
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from upwork_safety import jss

from ._data import contracts

if TYPE_CHECKING:
    from collections.abc import Callable

GROUP = "jss-timeline-vs-rescoring"
COUNT = 5_000
START = date(2024, 1, 1)
END = date(2025, 12, 31)
RULES = jss.CURRENT
POINTS = [START + timedelta(days=i) for i in range((END - START).days + 1)]
SAMPLE = POINTS[::17]
SCALE = len(POINTS) / len(SAMPLE)


def paired(
    ours: Callable[[], object],
    baseline: Callable[[], float] | None,
    *,
    rounds: int = 5,
) -> dict[str, dict[str, float]]:
    """Time *ours* and *baseline* alternately, *rounds* each, with the GC on and off.

    *baseline* returns the seconds it stands for (a sampled baseline scales
    its own time); *ours* is timed from outside.  Returns, per ``"gc on"``
    and ``"gc off"``: ours and baseline min/median/max and the ratio of the
    medians (ours / baseline).
    """
    out: dict[str, dict[str, float]] = {}
    for label, collect in (("gc on", True), ("gc off", False)):
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(rounds):
            gc.collect()
            if not collect:
                gc.disable()
            try:
                start = time.perf_counter()
                ours()
                mine.append(time.perf_counter() - start)
                if baseline is not None:
                    theirs.append(baseline())
            finally:
                gc.enable()
        row = {
            "ours_min": min(mine),
            "ours_median": statistics.median(mine),
            "ours_max": max(mine),
        }
        if theirs:
            row |= {
                "base_min": min(theirs),
                "base_median": statistics.median(theirs),
                "base_max": max(theirs),
                "ratio": statistics.median(mine) / statistics.median(theirs),
            }
        out[label] = row
    return out


def report(title: str, result: dict[str, dict[str, float]]) -> str:
    """The paired result as Markdown rows (what the README quotes)."""
    lines = [
        f"{title}",
        "| GC | ours min / median / max (s) | baseline min / median / max (s) | ratio |",
        "|---|---|---|---|",
    ]
    for label, row in result.items():
        base = (
            f"{row['base_min']:.4f} / {row['base_median']:.4f} / {row['base_max']:.4f}"
            if "base_median" in row
            else "–"
        )
        ratio = f"{row['ratio']:.4f}" if "ratio" in row else "–"
        lines.append(
            f"| {label} | {row['ours_min']:.4f} / {row['ours_median']:.4f} / "
            f"{row['ours_max']:.4f} | {base} | {ratio} |"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def history():
    return contracts(COUNT)


def test_timeline_incremental(benchmark, history):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "ours"
    benchmark.extra_info["points"] = len(POINTS)
    points = benchmark.pedantic(
        jss.timeline,
        args=(history,),
        kwargs={"start": START, "end": END, "rules": RULES},
        rounds=5,
        iterations=1,
        warmup_rounds=1,
    )
    assert len(POINTS) == len(points)
    for point in points[::97]:
        assert jss.score(history, as_of=point.on, rules=RULES).score == point.score


def _rescore_sample(history):
    start = time.perf_counter()
    scores = [jss.score(history, as_of=day, rules=RULES).score for day in SAMPLE]
    return scores, time.perf_counter() - start


def test_rescoring_every_point(benchmark, history):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "baseline"
    benchmark.extra_info["points"] = len(POINTS)
    benchmark.extra_info["timed_points"] = len(SAMPLE)
    benchmark.extra_info["scaled_by"] = round(SCALE, 3)

    # pytest-benchmark times the function it calls; the sample's time is
    # scaled to all 731 points by timing the sample inside and reporting the
    # scaled figure through a manual timer.
    elapsed: list[float] = []

    def run():
        scores, seconds = _rescore_sample(history)
        elapsed.append(seconds * SCALE)
        return scores

    def scaled_timer():
        return sum(elapsed)

    benchmark._timer = scaled_timer  # noqa: SLF001  (report the scaled sample time)
    scores = benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=0)
    timeline = jss.timeline(history, start=START, end=END, rules=RULES)
    assert [p.score for p in timeline][::17] == scores
    # The cost of score() does not depend much on the day: first and last
    # thirds of the sample take comparable time, so scaling the sample is fair.
    third = len(SAMPLE) // 3
    early = _time(lambda: [jss.score(history, as_of=d, rules=RULES) for d in SAMPLE[:third]])
    late = _time(lambda: [jss.score(history, as_of=d, rules=RULES) for d in SAMPLE[-third:]])
    assert 1 / 3 < early / late < 3


def _time(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_timeline_paired(benchmark, history):
    """Timeline vs re-scoring, interleaved, 5 rounds each, GC on and off (printed with -s)."""
    benchmark.group = "jss-timeline-paired"
    benchmark.extra_info["role"] = "ours-only"

    def ours():
        jss.timeline(history, start=START, end=END, rules=RULES)

    def baseline():
        return _rescore_sample(history)[1] * SCALE

    result = paired(ours, baseline)
    benchmark.extra_info["paired"] = result
    print("\n" + report("jss.timeline vs jss.score at every point (5,000 contracts)", result))
    benchmark.pedantic(ours, rounds=1, iterations=1)
    assert result["gc on"]["ratio"] < 0.05
