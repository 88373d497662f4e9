"""JSS timeline: the incremental timeline against re-scoring at every point.

5,000 contracts, two years of daily points (731), the current rules.  The
baseline is what a caller would otherwise write: ``jss.score`` at every
point.  Scoring all 731 points takes minutes per round, so the baseline
times every 17th point (43 points, spread over the whole two years) and
scales the time up to 731 points; a check in the same run confirms that
score() costs about the same at every point, so the scaling is fair.  The
ratio table printed by ``conftest.py`` compares the two.

A forecast of 10,000 trials of 20 future jobs on the same history is timed
too (no baseline: it shows that ``score``'s machinery is fast enough to be
re-used per trial).
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from upwork_safety import Money, jss

from ._data import contracts

GROUP = "jss-timeline-vs-rescoring"
COUNT = 5_000
START = date(2024, 1, 1)
END = date(2025, 12, 31)
RULES = jss.CURRENT
POINTS = [START + timedelta(days=i) for i in range((END - START).days + 1)]
SAMPLE = POINTS[::17]
SCALE = len(POINTS) / len(SAMPLE)


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


def test_forecast_10000_trials_of_20_jobs(benchmark, history):
    benchmark.group = "jss-forecast"
    benchmark.extra_info["role"] = "ours-only"
    jobs = [jss.FutureJob(Money("500", "USD"), days=10) for _ in range(20)]
    odds = {jss.Outcome.POSITIVE: "0.8", jss.Outcome.NEUTRAL: "0.1", jss.Outcome.NEGATIVE: "0.1"}
    result = benchmark.pedantic(
        jss.forecast,
        args=(history,),
        kwargs={
            "as_of": date(2025, 1, 1),
            "jobs": jobs,
            "outcome_odds": odds,
            "trials": 10_000,
            "seed": 2026,
        },
        rounds=3,
        iterations=1,
        warmup_rounds=0,
    )
    assert sum(b.trials for b in result.bins) == 10_000
