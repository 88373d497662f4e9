"""Scoring a population: 1,000,000 synthetic histories; histories per core-second; where time goes.

Each worker process builds its own histories from seeds (so nothing but a
range of numbers is pickled to it) and scores them with
:func:`upwork_safety.jss.score_many`; the parent adds up the workers'
CPU time.  The figure is *histories per core-second*: histories scored
divided by the CPU seconds the workers spent (building plus scoring, and
scoring alone).  A profile of 20,000 histories in one process says where the
time goes, and the JSON path of the Dask recipe (``serialize.from_json``
per history) is timed beside it.

``JSS_POPULATION`` sets the population size (default 1,000,000; about a
minute of CPU per 100,000 on this machine).  Run with ``-s`` to see the
tables.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from upwork_safety import Contract, ContractKind, EndReason, Feedback, Money, Payment, jss

POPULATION = int(os.environ.get("JSS_POPULATION", "1000000"))
CHUNK = 25_000
AS_OF = date(2025, 6, 30)
RULES = jss.CURRENT
STARS = (Decimal("5.0"), Decimal("4.9"), Decimal("4.6"), Decimal("3.5"), Decimal("2.0"))


def history(seed: int) -> list[Contract]:
    """A deterministic history of 1 to 6 contracts for freelancer *seed*."""
    rng = random.Random(seed)
    out = []
    for n in range(1 + seed % 6):
        start = date(2023, 7, 3) + timedelta(days=rng.randrange(600))
        end = start + timedelta(days=5 + rng.randrange(120))
        out.append(
            Contract(
                f"f{seed}-c{n}",
                f"client{rng.randrange(max(seed // 3, 1))}",
                ContractKind.FIXED_PRICE,
                start,
                end,
                payments=(Payment(end, Money(50 + rng.randrange(3000), "USD")),),
                feedback=Feedback(
                    stars=STARS[rng.randrange(5)],
                    private_score=rng.randrange(11),
                    end_reason=EndReason.COMPLETED if rng.random() < 0.9 else None,
                ),
            )
        )
    return out


def score_range(bounds: tuple[int, int]) -> tuple[int, int, float, float]:
    """Build and score freelancers start..stop-1: (count, score checksum, build s, score s)."""
    start, stop = bounds
    build = score = 0.0
    checksum = count = 0
    batch = 1_000
    for first in range(start, stop, batch):
        began = time.process_time()
        histories = [history(seed) for seed in range(first, min(first + batch, stop))]
        built = time.process_time()
        for report in jss.score_many(histories, as_of=AS_OF, rules=RULES):
            checksum += -1 if report.score is None else report.score
            count += 1
        score += time.process_time() - built
        build += built - began
    return count, checksum, build, score


def test_population_histories_per_core_second(benchmark):
    """Score POPULATION histories on every core; histories per core-second."""
    benchmark.group = "jss-population"
    benchmark.extra_info["role"] = "ours-only"
    ranges = [(i, min(i + CHUNK, POPULATION)) for i in range(0, POPULATION, CHUNK)]
    workers = os.cpu_count() or 1
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(score_range, ranges))
    wall = time.perf_counter() - began
    count = sum(p[0] for p in parts)
    build = sum(p[2] for p in parts)
    scoring = sum(p[3] for p in parts)
    assert count == POPULATION
    # One process gives the same answers (checked on the first chunk).
    assert parts[0][:2] == score_range(ranges[0])[:2]
    info = {
        "histories": count,
        "workers": workers,
        "wall_s": round(wall, 1),
        "cpu_build_s": round(build, 1),
        "cpu_score_s": round(scoring, 1),
        "per_core_second_scoring": round(count / scoring),
        "per_core_second_build_and_score": round(count / (build + scoring)),
    }
    benchmark.extra_info.update(info)
    print("\n" + "\n".join(f"{k}: {v}" for k, v in info.items()))
    benchmark.pedantic(score_range, args=((0, 1_000),), rounds=1, iterations=1)


#: The model's stages, by the function that does each (cumulative time).
STAGES = {
    "_contracts": "input checks (sequence, types, unique ids)",
    "_build": "facts: payments sorted and summed, feedback sorted into signals with words",
    "_judge": "judging each contract on the day (outcome, weight, reasons)",
    "add": "tallies per window",
    "_outcome": "the score from the tallies (eligibility, best window, rounding)",
    "_facts_report": "everything in one report (judging, tallies, Impact and WindowScore values)",
}


def test_population_where_the_time_goes(benchmark):
    """cProfile of scoring 20,000 histories in one process, grouped by stage; JSON path beside."""
    benchmark.group = "jss-population"
    benchmark.extra_info["role"] = "ours-only"
    from upwork_safety import serialize

    histories = [history(seed) for seed in range(20_000)]
    profile = cProfile.Profile()
    profile.enable()
    reports = list(jss.score_many(histories, as_of=AS_OF, rules=RULES))
    profile.disable()
    assert len(reports) == 20_000
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    own: dict[str, float] = defaultdict(float)
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        module = Path(filename).name
        own[f"{name} ({module.removesuffix('.py')})"] += tottime
    top = sorted(own.items(), key=lambda item: -item[1])[:12]
    stages: dict[str, float] = defaultdict(float)
    for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if Path(filename).name == "_model.py" and name in STAGES:
            stages[STAGES[name]] += cumulative
    texts = [serialize.to_json(h) for h in histories[:5_000]]
    began = time.perf_counter()
    loaded = [serialize.from_json(list[Contract], t) for t in texts]
    per_json = (time.perf_counter() - began) / len(texts)
    began = time.perf_counter()
    list(jss.score_many(loaded, as_of=AS_OF, rules=RULES))
    per_score = (time.perf_counter() - began) / len(texts)
    lines = [f"profiled total {total:.2f} s for 20,000 histories; by stage (cumulative):"]
    lines += [f"  {share / total:6.1%}  {name}" for name, share in stages.items()]
    lines.append("own time by function:")
    lines += [f"  {share / total:6.1%}  {name}" for name, share in top]
    lines.append(
        f"JSON path: from_json {per_json * 1e6:.0f} µs and score {per_score * 1e6:.0f} µs "
        "per history"
    )
    benchmark.extra_info["profile"] = lines
    print("\n" + "\n".join(lines))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
