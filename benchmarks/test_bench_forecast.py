"""JSS forecast: 10,000 trials of 20 future jobs against re-scoring every trial.

Ours is :func:`upwork_safety.jss.forecast`, which judges the real history
once, judges each future job once per possible outcome, and then only adds
up window totals per trial.  The baseline is what a caller would otherwise
write with the public API: per trial, draw the outcomes with the same
``random.Random(seed).choices`` call, build the 20 future contracts with
that feedback, and call :func:`upwork_safety.jss.score` on the whole
history.  ``test_baseline_agrees`` shows that both give the same
distribution, trial for trial.

Re-scoring 10,000 trials takes minutes, so the baseline times the first
``SAMPLE`` trials and scales the time to 10,000 (each trial does the same
work, so the scaling is fair); the ratio table shows the result.

The target (issue 18): at most 0.2 s for 10,000 trials of 20 jobs over a
1,000-contract history, identical for a seed.  ``test_forecast_paired``
measures it the README's way (interleaved with the baseline, 5 rounds,
GC on and off; run with ``-s`` to see the table).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from upwork_safety import Contract, ContractKind, EndReason, Feedback, Money, Payment, jss

from ._data import contracts
from .test_bench_jss import paired, report

GROUP = "forecast-vs-rescoring"
HISTORY = 1_000
TRIALS = 10_000
SAMPLE = 50
SEED = 2026
AS_OF = date(2025, 10, 1)
JOBS = tuple(jss.FutureJob(Money("500.00", "USD"), days=14) for _ in range(20))
ODDS = {
    jss.Outcome.POSITIVE: Decimal("0.80"),
    jss.Outcome.NEUTRAL: Decimal("0.15"),
    jss.Outcome.NEGATIVE: Decimal("0.05"),
}


@pytest.fixture(scope="module")
def history() -> list[Contract]:
    return contracts(HISTORY)


def ours(history: list[Contract], trials: int) -> jss.Forecast:
    return jss.forecast(
        history, as_of=AS_OF, jobs=JOBS, outcome_odds=ODDS, trials=trials, seed=SEED
    )


def rescoring(history: list[Contract], trials: int) -> Counter[int | None]:
    """The naive Monte Carlo: a full ``jss.score`` per trial."""
    rng = random.Random(SEED)
    horizon = AS_OF + timedelta(days=sum(job.days for job in JOBS))
    rules = jss.rules_as_of(horizon)
    feedback = (
        Feedback(stars=Decimal(5), private_score=10, end_reason=EndReason.COMPLETED),
        Feedback(stars=rules.negative_stars_below),
        Feedback(stars=Decimal(1), private_score=0, end_reason=EndReason.UNSUCCESSFUL),
    )
    cumulative = [float(sum(list(ODDS.values())[: i + 1], Decimal(0))) for i in range(3)]
    counts: Counter[int | None] = Counter()
    for _ in range(trials):
        picks = rng.choices(range(3), cum_weights=cumulative, k=len(JOBS))
        start = AS_OF
        future = []
        for number, (job, pick) in enumerate(zip(JOBS, picks, strict=True), 1):
            end = start + timedelta(days=job.days)
            future.append(
                Contract(
                    f"future-{number}",
                    f"future-client-{number}",
                    ContractKind.FIXED_PRICE,
                    start,
                    end,
                    payments=(Payment(end, job.amount),),
                    feedback=feedback[pick],
                )
            )
            start = end
        counts[jss.score([*history, *future], as_of=horizon, rules=rules).score] += 1
    return counts


def test_forecast(benchmark, history):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "ours"
    benchmark.extra_info["trials"] = TRIALS
    benchmark.extra_info["jobs"] = len(JOBS)
    benchmark.extra_info["history"] = HISTORY
    result = benchmark.pedantic(ours, args=(history, TRIALS), rounds=5, warmup_rounds=1)
    assert sum(b.trials for b in result.bins) == TRIALS
    assert result == ours(history, TRIALS)


def test_rescoring(benchmark, history):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "baseline"
    benchmark.extra_info["timed_trials"] = SAMPLE
    benchmark.extra_info["scaled_by"] = TRIALS / SAMPLE
    elapsed: list[float] = []

    def run():
        start = time.perf_counter()
        counts = rescoring(history, SAMPLE)
        elapsed.append((time.perf_counter() - start) * TRIALS / SAMPLE)
        return counts

    # pytest-benchmark reads its timer before and after each call; this one
    # reports the sample's time scaled up to all 10,000 trials.
    benchmark._timer = lambda: sum(elapsed)  # noqa: SLF001
    counts = benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=0)
    assert sum(counts.values()) == SAMPLE


def test_baseline_agrees(history):
    """Re-scoring every trial gives forecast()'s distribution, trial for trial."""
    expected = {b.score: b.trials for b in ours(history, SAMPLE).bins}
    assert expected == dict(rescoring(history, SAMPLE))


def test_forecast_paired(benchmark, history):
    """forecast vs re-scoring per trial, interleaved, 5 rounds each, GC on and off."""
    benchmark.group = "forecast-paired"
    benchmark.extra_info["role"] = "ours-only"
    first = ours(history, TRIALS)

    def run():
        assert first == ours(history, TRIALS)  # identical for a seed, every round

    def baseline():
        start = time.perf_counter()
        rescoring(history, SAMPLE)
        return (time.perf_counter() - start) * TRIALS / SAMPLE

    result = paired(run, baseline)
    benchmark.extra_info["paired"] = result
    print("\n" + report("jss.forecast, 10,000 trials x 20 jobs, 1,000 contracts", result))
    benchmark.pedantic(run, rounds=1, iterations=1)
    assert result["gc on"]["ours_median"] <= 0.2
