"""Run the Dask recipe of docs/scaling.md exactly as written, and check its answers (``nox -s dask``).

Not a pytest module (it needs Dask, which is not a dependency): the ``dask``
nox session installs ``dask[dataframe]`` and runs this file.  It

1. copies the recipe (the ``python`` block after the ``dask-recipe`` marker
   in docs/scaling.md) unchanged into a temporary ``score_histories.py``;
2. writes synthetic histories as JSON, one row per freelancer, into a
   folder of several Parquet files;
3. runs ``python score_histories.py FOLDER OUT`` as a separate process (the
   processes scheduler, the ``__main__`` guard and the partitions are
   exercised as a user would);
4. compares every freelancer's score and reason with
   :func:`upwork_safety.jss.score_many` in this one process, and checks the
   column types promised by the recipe's ``meta``.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd

from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Money,
    Payment,
    jss,
    serialize,
)

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- dask-recipe: score_histories.py"
FREELANCERS = 3_000
FILES = 6
AS_OF = date(2025, 6, 1)


def recipe() -> str:
    """The recipe's code block, exactly as docs/scaling.md shows it."""
    text = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    after = text[text.index(MARKER) :]
    found = re.search(r"```python\n(.*?)```", after, flags=re.DOTALL)
    if found is None:
        msg = "no python block after the dask-recipe marker in docs/scaling.md"
        raise SystemExit(msg)
    return found.group(1)


def history(seed: int) -> list[Contract]:
    """A deterministic history of 0 to 5 contracts (some freelancers have no score)."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data)
    out = []
    for n in range(seed % 6):
        start = date(2023, 9, 1) + timedelta(days=rng.randrange(600))
        end = start + timedelta(days=3 + rng.randrange(90))
        out.append(
            Contract(
                f"c{n}",
                f"client{rng.randrange(4)}",
                ContractKind.FIXED_PRICE,
                start,
                end,
                payments=(Payment(end, Money(20 + rng.randrange(2000), "USD")),),
                feedback=Feedback(
                    stars=Decimal(rng.choice(["5.0", "4.8", "4.1", "2.0"])),
                    private_score=rng.randrange(11),
                    end_reason=EndReason.COMPLETED,
                ),
            )
        )
    return out


def main() -> int:
    """Write the data, run the recipe in its own process, compare with one process."""
    histories = {f"f{seed:05d}": history(seed) for seed in range(FREELANCERS)}
    expected = dict(
        zip(
            histories,
            jss.score_many(histories.values(), as_of=AS_OF, rules=jss.CURRENT),
            strict=True,
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "histories"
        folder.mkdir()
        names = list(histories)
        size = -(-len(names) // FILES)
        for part in range(FILES):
            chunk = names[part * size : (part + 1) * size]
            pd.DataFrame(
                {
                    "freelancer": chunk,
                    "history_json": [serialize.to_json(histories[n]) for n in chunk],
                }
            ).to_parquet(folder / f"part-{part}.parquet")
        script = Path(tmp) / "score_histories.py"
        script.write_text(recipe(), encoding="utf-8")
        out = Path(tmp) / "scores.parquet"
        run = subprocess.run(  # noqa: S603  (our own interpreter and file)
            [sys.executable, str(script), str(folder), str(out)],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        if run.returncode:
            return run.returncode
        if f"{FILES} partitions" not in run.stdout:
            sys.stderr.write(f"expected {FILES} partitions\n")
            return 1
        scores = pd.read_parquet(out)
    problems = []
    if str(scores["score"].dtype) != "Int64":
        problems.append(f"score column is {scores['score'].dtype}, not Int64")
    if len(scores) != len(expected):
        problems.append(f"{len(scores)} rows, expected {len(expected)}")
    for row in scores.itertuples(index=False):
        report = expected[row.freelancer]
        got = None if pd.isna(row.score) else int(row.score)
        if (got, row.reason) != (report.score, report.reason):
            problems.append(f"{row.freelancer}: {got!r} {row.reason!r} != {report.score!r}")
    missing = sum(report.score is None for report in expected.values())
    sys.stdout.write(
        f"{len(scores)} freelancers scored in worker processes; {missing} without a score; "
        f"{len(problems)} differences from one process\n"
    )
    for problem in problems[:20]:
        sys.stderr.write(problem + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
