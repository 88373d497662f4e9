"""Measure how often the Hypothesis strategies reach today's rules and a real JSS score.

Run ``python -m benchmarks.strategy_shares`` from the repository root with the
package and Hypothesis installed.  Each strategy is drawn the way a user's
suite draws it: ``@given`` runs of Hypothesis' default 100 examples, one per
seed (1 to ``--seeds``, default 5), with no example database; the shares are
over all the draws together.  It prints, for

* ``us.dates()``: the share in 2015 (the default first year), on or after the
  newest rules' first day (2025-05-01), and on a day a rule changes;
* ``us.contracts()``: the share starting in 2015, on or after 2025-05-01, and
  carrying its own fee rate;
* ``us.histories()``: the share with a non-``None`` ``jss.score`` at the
  ``as_of`` of docs/testing.md's first badge example (drawn apart by
  ``us.dates(min_value=rules.JSS_HISTORY.first_day)``), at the last day the
  history records (a natural ``as_of`` for a user to pick), and, where the
  strategies offer them, for ``us.histories(as_of=...)`` at that day and
  for ``us.histories_with_as_of()`` at its own day.

docs/testing.md and CHANGELOG.md quote these figures.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from upwork_safety import jss, rules
from upwork_safety.testing import strategies as us
from upwork_safety.testing._rules import change_days

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety import Contract

NEWEST = rules.PER_CONTRACT_2025.effective
FIXED_AS_OF = date(2026, 1, 1)


def _draws(strategy: st.SearchStrategy[object], seeds: int, examples: int) -> list[object]:
    """What *strategy* gives over *seeds* ``@given`` runs of *examples* examples each."""
    seen: list[object] = []
    for number in range(1, seeds + 1):

        @seed(number)
        @settings(max_examples=examples, database=None, deadline=None)
        @given(strategy)
        def collect(value: object) -> None:
            seen.append(value)

        collect()
    return seen


def _share(values: list[object], test: Callable[[object], bool]) -> str:
    hits = sum(1 for value in values if test(value))
    return f"{hits / len(values):6.1%}  ({hits}/{len(values)})"


def _last_day(history: list[Contract]) -> date:
    """The last day *history* records (a start, an end, a payment), else the JSS's first day."""
    days = [rules.JSS_HISTORY.first_day]
    for contract in history:
        days.append(contract.started)
        days.extend(p.on for p in contract.payments)
        if contract.ended is not None:
            days.append(contract.ended)
    return max(days)


def _scored(history: object, as_of: date) -> bool:
    return jss.score(history, as_of=as_of).score is not None  # type: ignore[arg-type]


def main() -> None:
    """Print the shares."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--examples", type=int, default=100)
    options = parser.parse_args()
    n, k = options.seeds, options.examples
    special = set(change_days())
    print(f"{n} runs of {k} examples each (seeds 1-{n})")

    days = _draws(us.dates(), n, k)
    print("dates()      in 2015        ", _share(days, lambda d: d.year == 2015))  # type: ignore[attr-defined]
    print("dates()      >= 2025-05-01  ", _share(days, lambda d: d >= NEWEST))  # type: ignore[operator]
    print("dates()      a change day   ", _share(days, lambda d: d in special))

    found = _draws(us.contracts(), n, k)
    print("contracts()  start in 2015  ", _share(found, lambda c: c.started.year == 2015))  # type: ignore[attr-defined]
    print("contracts()  start >= 2025-05-01", _share(found, lambda c: c.started >= NEWEST))  # type: ignore[attr-defined]
    print(
        "contracts()  own fee rate   ",
        _share(found, lambda c: c.service_fee_rate is not None),  # type: ignore[attr-defined]
    )

    documented = _draws(
        st.tuples(us.histories(), us.dates(min_value=rules.JSS_HISTORY.first_day)), n, k
    )
    print(
        "histories()  scored, documented as_of",
        _share(documented, lambda pair: _scored(pair[0], pair[1])),  # type: ignore[index]
    )
    print(
        "histories()  scored, its last day    ",
        _share(documented, lambda pair: _scored(pair[0], _last_day(pair[0]))),  # type: ignore[index]
    )
    try:
        fixed = us.histories(as_of=FIXED_AS_OF)  # type: ignore[call-arg]
    except TypeError:
        return  # before this round: no as_of
    anchored = _draws(fixed, n, k)
    print(
        f"histories(as_of={FIXED_AS_OF}) scored at it",
        _share(anchored, lambda h: _scored(h, FIXED_AS_OF)),
    )
    pairs = _draws(us.histories_with_as_of(), n, k)  # type: ignore[attr-defined]
    print(
        "histories_with_as_of() scored at its day",
        _share(pairs, lambda pair: _scored(pair[0], pair[1])),  # type: ignore[index]
    )


if __name__ == "__main__":
    main()
