"""Hostile sizes: the cost of a ten times larger input, as a ratio (linear means about 10).

The test suite feeds the library hostile sizes (a message of
``checks.MAX_TEXT_CHARS`` characters, 100,000 contracts) and checks the
answers; how long they take is measured here, never asserted there.  Each
pair times the large input against one a tenth of its size, in the same run,
alternately (:func:`~benchmarks.test_bench_jss.paired`):
a ratio near 10 says the work grows linearly, a ratio near 100 would say it
grows with the square.

* ``hostile-scan``: :func:`upwork_safety.checks.scan_message` on a message of
  the most characters the checks read (``checks.MAX_TEXT_CHARS``, 100,000)
  against one of a tenth of that (ordinary text, an off-platform request at
  the end).
* ``hostile-trials``: :func:`upwork_safety.checks.scan_message` on ``"test! "``
  repeated to ``checks.MAX_TEXT_CHARS`` characters against a tenth of that: every
  sentence names a test, and the trial check used to search the whole message
  for every one of them (quadratic: 8 minutes at the limit; red team r38, 1).
* ``hostile-jss``: :func:`upwork_safety.jss.score` on 100,000 contracts against
  10,000.
* ``hostile-statement``: :func:`upwork_safety.statements.parse` on a weekly
  summary of 5,000 rows whose contract cells hide a run of 1,980 spaces
  (``"x      …y (38100001)"``, 10 MB), against 500 such rows.
* ``hostile-report``: :func:`upwork_safety.serialize.from_json` of a
  :class:`~upwork_safety.jss.JSSReport` holding the most windows a report may
  hold (``jss.MAX_WINDOW_MONTHS``, 1,200) under a trending label, against
  120 windows.  Checking the label used to build a label for every pair of
  windows: quadratic.
* ``hostile-memo``: :func:`upwork_safety.hourly.invoice` of 10,000 entries of
  distinct memos inside one 10-minute slot, against 1,000.  The slot's memos
  used to be de-duplicated with a list look-up: quadratic (red team r9b).
  10,000 is about the most a slot's joined memo holds (``" / "`` between
  memos of 2 to 5 characters) within the 100,000 characters of one text;
  20,000 is refused (``Segment.memo``).

Run ``python -m pytest benchmarks/test_bench_hostile.py --benchmark-only -s``
for the paired table.
"""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Money,
    Payment,
    checks,
    hourly,
    jss,
    serialize,
    statements,
)

from .test_bench_jss import paired, report

if TYPE_CHECKING:
    from collections.abc import Callable

SENTENCE = "Thanks for the update, looking good so far. "
REQUEST = " Please send me your WhatsApp number and we can pay outside Upwork."


def _message(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size] + REQUEST


def _weekly(rows: int) -> str:
    """A weekly summary whose contract titles hide a run of 1,980 spaces.

    One contract per row: a contract's rows of one day hold at most 24 hours
    (r19), and every row here is dated the same day.
    """
    cell = "x" + " " * 1_980 + "y"
    lines = "".join(
        f'"2024-09-02","{cell} ({38100001 + n})","2.5","62.5",""\n' for n in range(rows)
    )
    return '"Date","Contract","Hours","Amount","Payment type"\n' + lines


def _history(count: int) -> list[Contract]:
    day = date(2023, 1, 2)
    good, poor = Feedback(stars=5), Feedback(stars=2)
    out = []
    for n in range(count):
        start = day + timedelta(days=n % 700)
        end = start + timedelta(days=1 + n % 60)
        out.append(
            Contract(
                f"c{n}",
                f"client{n % 5000}",
                ContractKind.FIXED_PRICE,
                start,
                end,
                payments=(Payment(end, Money(100 + n % 900, "USD")),),
                feedback=poor if n % 10 == 0 else good,
            )
        )
    return out


def _pair(benchmark, group: str, large: Callable[[], object], small: Callable[[], object]) -> None:
    """Time *large* against *small* alternately (GC on and off) and print the table."""
    benchmark.group = group
    benchmark.extra_info["role"] = "ours"

    def small_seconds() -> float:
        start = time.perf_counter()
        small()
        return time.perf_counter() - start

    result = paired(large, small_seconds)
    benchmark.extra_info["paired"] = result
    print("\n" + report(f"{group}: 10x the input (ours) against the input (baseline)", result))
    benchmark.pedantic(large, rounds=1, iterations=1)


def _small(benchmark, group: str, small: Callable[[], object]) -> None:
    benchmark.group = group
    benchmark.extra_info["role"] = "baseline"
    benchmark.pedantic(small, rounds=5, iterations=1)


@pytest.fixture(scope="module")
def messages() -> tuple[str, str]:
    most = checks.MAX_TEXT_CHARS - len(REQUEST)
    large, small = _message(most), _message(most // 10)
    for text in (large, small):
        found = {f.code for f in checks.scan_message(text)}
        assert {"OFF_PLATFORM_CONTACT", "OFF_PLATFORM_PAYMENT"} & found
    return large, small


#: A sentence naming a test, repeated: the trial check reads every one (red team r38, 1).
TRIAL_UNIT = "test! "


@pytest.fixture(scope="module")
def trial_messages() -> tuple[str, str]:
    large = (TRIAL_UNIT * (checks.MAX_TEXT_CHARS // len(TRIAL_UNIT) + 1))[: checks.MAX_TEXT_CHARS]
    small = large[: checks.MAX_TEXT_CHARS // 10]
    assert checks.scan_message(small) == []
    return large, small


def test_trials_large(benchmark, trial_messages):
    """``"test! "`` to the limit (ours), paired against a tenth of it."""
    large, small = trial_messages
    _pair(
        benchmark,
        "hostile-trials",
        lambda: checks.scan_message(large),
        lambda: checks.scan_message(small),
    )


def test_trials_small(benchmark, trial_messages):
    """A tenth of the limit of ``"test! "`` (the baseline)."""
    _small(benchmark, "hostile-trials", lambda: checks.scan_message(trial_messages[1]))


@pytest.fixture(scope="module")
def histories() -> tuple[list[Contract], list[Contract]]:
    return _history(100_000), _history(10_000)


AS_OF = date(2025, 1, 1)


def test_scan_large(benchmark, messages):
    """The longest message the checks read (ours), paired against one a tenth as long."""
    large, small = messages
    _pair(
        benchmark,
        "hostile-scan",
        lambda: checks.scan_message(large),
        lambda: checks.scan_message(small),
    )


def test_scan_small(benchmark, messages):
    """The message a tenth as long (the baseline)."""
    _small(benchmark, "hostile-scan", lambda: checks.scan_message(messages[1]))


def test_jss_large(benchmark, histories):
    """100,000 contracts (ours), paired against 10,000."""
    large, small = histories
    _pair(
        benchmark,
        "hostile-jss",
        lambda: jss.score(large, as_of=AS_OF),
        lambda: jss.score(small, as_of=AS_OF),
    )


def test_jss_small(benchmark, histories):
    """10,000 contracts (the baseline)."""
    _small(benchmark, "hostile-jss", lambda: jss.score(histories[1], as_of=AS_OF))


@pytest.fixture(scope="module")
def weekly() -> tuple[str, str]:
    large, small = _weekly(5_000), _weekly(500)
    assert len(statements.parse(large).transactions) == 5_000
    return large, small


def test_statement_large(benchmark, weekly):
    """5,000 crafted weekly rows (ours), paired against 500."""
    large, small = weekly
    _pair(
        benchmark,
        "hostile-statement",
        lambda: statements.parse(large),
        lambda: statements.parse(small),
    )


def test_statement_small(benchmark, weekly):
    """500 crafted weekly rows (the baseline)."""
    _small(benchmark, "hostile-statement", lambda: statements.parse(weekly[1]))


def _report(windows: int) -> str:
    """A report's JSON with *windows* full windows under the trending label of the last two."""
    full = {"contracts": 1, "clients": 1, "successes": "1", "negatives": "0", "total": "1"}
    impact = {"contract_id": "a", "client_id": "b", "outcome": "positive", "weight": "1"}
    return json.dumps(
        {
            "as_of": "2025-12-01",
            "computed_on": "2025-12-01",
            "rules": "x",
            "score": 100,
            "reason": "r",
            "reason_codes": ["scored"],
            "window": "trending (2m + 1m)/2",
            "windows": [
                {"months": m, **full, "percent": "100.00", "shown": False}
                for m in range(windows, 0, -1)
            ],
            "trending": "100.00",
            "impacts": [{**impact, "reasons": ["r"], "codes": ["weight"]}],
        }
    )


@pytest.fixture(scope="module")
def reports() -> tuple[str, str]:
    large, small = _report(jss.MAX_WINDOW_MONTHS), _report(jss.MAX_WINDOW_MONTHS // 10)
    assert len(serialize.from_json(jss.JSSReport, large).windows) == jss.MAX_WINDOW_MONTHS
    return large, small


def test_report_large(benchmark, reports):
    """A report of 1,200 windows (ours), paired against 120."""
    large, small = reports
    _pair(
        benchmark,
        "hostile-report",
        lambda: serialize.from_json(jss.JSSReport, large),
        lambda: serialize.from_json(jss.JSSReport, small),
    )


def test_report_small(benchmark, reports):
    """A report of 120 windows (the baseline)."""
    _small(benchmark, "hostile-report", lambda: serialize.from_json(jss.JSSReport, reports[1]))


#: The billing week whose first slot the memo pair crowds.
_MEMO_WEEK = hourly.billing_week(datetime(2025, 1, 1, tzinfo=timezone.utc))


def _crowded(count: int) -> list[hourly.TimeEntry]:
    """*count* entries of distinct memos, back to back, inside the week's first 10-minute slot."""
    step = timedelta(microseconds=600_000_000 // count)
    start = _MEMO_WEEK.start
    return [
        hourly.TimeEntry(start + step * i, start + step * (i + 1), memo=f"m{i}", activity=5)
        for i in range(count)
    ]


def _bill(entries: list[hourly.TimeEntry]) -> hourly.WeeklyInvoice:
    return hourly.invoice(entries, week=_MEMO_WEEK, rate=Money("25.00", "USD"))


@pytest.fixture(scope="module")
def crowded() -> tuple[list[hourly.TimeEntry], list[hourly.TimeEntry]]:
    large, small = _crowded(10_000), _crowded(1_000)
    assert len(_bill(large).segments[0].memo.split(" / ")) == 10_000
    return large, small


def test_memo_large(benchmark, crowded):
    """10,000 entries of distinct memos in one slot (ours), paired against 1,000."""
    large, small = crowded
    _pair(benchmark, "hostile-memo", lambda: _bill(large), lambda: _bill(small))


def test_memo_small(benchmark, crowded):
    """1,000 entries of distinct memos in one slot (the baseline)."""
    _small(benchmark, "hostile-memo", lambda: _bill(crowded[1]))
