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
  for ``us.histories_with_as_of()`` at its own day;
* the other shares docs/testing.md's strategy table quotes (red team r20
  L1): ``us.pauses()`` still running; of ``us.histories_with_as_of()``'s
  contracts, those starting inside the two-year JSS window, ended by its
  day, ended with public stars and with a client of their own;
  ``us.contract_histories()`` left in review or with changes requested,
  still open, with a dispute and with each arbitration step (r23 M1);
  ``us.contracts()`` from 2025-05-01 with their own fee rate;
  ``us.statements()`` of the two transaction exports that give
  ``statements.audit_fees`` a fee to check (r20 L2).

docs/testing.md and CHANGELOG.md quote these figures.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from upwork_safety import jss, rules, statements
from upwork_safety.models import MilestoneState
from upwork_safety.statements import StatementFormat
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


#: The arbitration steps docs/testing.md says ``us.contract_histories()`` reaches (r23 M1).
_ARBITRATION_STEPS = ("ClientPaysArbitration", "FreelancerPaysArbitration", "ArbitrationDefault")


def _holds(history: object, step: str) -> bool:
    """Whether the final contract of a ``contract_histories()`` value records an event *step*."""
    _original, _events, final = history  # type: ignore[misc]
    return any(type(event).__name__ == step for event in final.history)


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
    _documented_shares(n, k, pairs)


def _documented_shares(n: int, k: int, pairs: list[object]) -> None:
    """The strategy table's other shares (red team r20 L1, L2)."""
    found = _draws(us.pauses(), n, k)
    print("pauses()     still running  ", _share(found, lambda p: p.end is None))  # type: ignore[attr-defined]
    contracts: list[tuple[Contract, date, bool]] = []
    for history, as_of in pairs:  # type: ignore[misc]
        seen: set[str] = set()
        for contract in history:
            contracts.append((contract, as_of, contract.client.id not in seen))
            seen.add(contract.client.id)
    window = max(rules.JSS_HISTORY.current.windows)
    print(
        f"histories()  contracts starting within {window} months",
        _share(contracts, lambda c: c[0].started > _months_before(c[1], window)),  # type: ignore[index]
    )
    ended = [c for c, _as_of, _own in contracts if c.ended is not None]
    print("histories()  contracts ended", _share(contracts, lambda c: c[0].ended is not None))  # type: ignore[index]
    print(
        "histories()  ended with public stars",
        _share(ended, lambda c: c.feedback is not None and c.feedback.stars is not None),  # type: ignore[attr-defined]
    )
    print("histories()  own client     ", _share(contracts, lambda c: c[2]))  # type: ignore[index]
    lives = _draws(us.contract_histories(), n, k)
    middle = {MilestoneState.SUBMITTED, MilestoneState.CHANGES_REQUESTED}
    print(
        "contract_histories() in review or changes requested",
        _share(lives, lambda h: any(m.state in middle for m in h[2].milestones)),  # type: ignore[index]
    )
    print("contract_histories() still open", _share(lives, lambda h: h[2].ended is None))  # type: ignore[index]
    for step in ("OpenDispute", *_ARBITRATION_STEPS):
        print(
            f"contract_histories() with {step}",
            _share(lives, lambda h, s=step: _holds(h, s)),
        )
    newest = [c for c in _draws(us.contracts(), n, k) if c.started >= NEWEST]  # type: ignore[attr-defined]
    print(
        "contracts()  own fee rate, of those from 2025-05-01",
        _share(newest, lambda c: c.service_fee_rate is not None),  # type: ignore[attr-defined]
    )
    for export in (StatementFormat.TRANSACTION_HISTORY, StatementFormat.TRANSACTIONS_REPORT):
        drawn = _draws(us.statements(format=export), n, k)
        print(
            f"statements({export.name}) with a fee to check",
            _share(drawn, lambda s: bool(statements.audit_fees(s).checks)),  # type: ignore[arg-type]
        )


def _months_before(day: date, months: int) -> date:
    """The day *months* calendar months before *day* (the 1st where that month is shorter)."""
    month = day.year * 12 + day.month - 1 - months
    year, index = divmod(month, 12)
    try:
        return day.replace(year=year, month=index + 1)
    except ValueError:
        return date(year, index + 2, 1) if index < 11 else date(year + 1, 1, 1)


if __name__ == "__main__":
    main()
