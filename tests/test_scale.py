"""Scale beyond one process: every public value pickles, and scoring fans out to workers.

Histories and reports must travel to Dask, Spark or ``concurrent.futures``
workers, so every public value (models, escrow events and reports, hourly
invoices, fee quotes, JSS reports, rule sets, findings, errors) must pickle
and unpickle equal.  A process pool then scores 20,000 freelancers' small
histories and must give exactly the answers of one process.
"""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given

from test_hardening import SAMPLES, TYPES, jss_history
from upwork_safety import (
    Contract,
    ContractKind,
    CurrencyMismatchError,
    EndReason,
    Feedback,
    InvalidDataError,
    Money,
    Payment,
    TransitionError,
    errors,
    jss,
    rules,
)
from upwork_safety.testing import strategies as us

FREELANCERS = 20_000
AS_OF = date(2025, 6, 30)


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__qualname__)
def test_property_every_public_type_pickles_equal(cls):
    """Every sample of every public attrs type unpickles equal, with the same type."""
    for value in SAMPLES[cls]:
        back = _round_trip(value)
        assert value == back
        assert type(value) is type(back)


def test_property_reports_and_presets_pickle_equal():
    """Whole reports, the timeline list and the dated rule presets unpickle equal."""
    history = jss_history()
    values = [
        jss.timeline(history, start=date(2025, 1, 1), end=date(2025, 1, 3)),
        jss.score(history, as_of=date(2025, 6, 1)),
        history,
        jss.HISTORY,
        rules.HISTORY,
        rules.sources(),
    ]
    for value in values:
        assert value == _round_trip(value)
    assert type(values[0]) is type(_round_trip(values[0]))


@given(value=us.contracts() | us.exchange_rates() | us.events() | us.money())
def test_property_generated_values_pickle_equal(value):
    """Any generated contract, rate, escrow event or amount unpickles equal."""
    assert value == _round_trip(value)


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidValueError("Money.amount must be finite"),
        errors.InvalidTypeError("Money.amount must not be a float"),
        CurrencyMismatchError("cannot add USD and PKR"),
        errors.RulesError("no JSS rule set before 2015-03-01"),
        TransitionError(
            "Approve refused",
            milestone_id="m1",
            state="FUNDED",
            event="Approve",
            allowed=("Submit",),
        ),
        InvalidDataError(["$.amount: expected a string", "$.currency: unknown"]),
    ],
    ids=lambda e: type(e).__name__,
)
def test_property_errors_pickle_with_their_details(error):
    """Errors raised in a worker reach the parent intact (message and attributes)."""
    back = _round_trip(error)
    assert type(error) is type(back)
    assert str(error) == str(back)
    assert vars(error) == vars(back)


# --------------------------------------------------------------------------- process pool


def history_of(freelancer: int) -> list[Contract]:
    """A small, deterministic history: 2 to 4 finished contracts with mixed feedback."""
    count = 2 + freelancer % 3
    out = []
    for n in range(count):
        seed = freelancer * 7 + n * 13
        start = date(2023, 7, 3) + timedelta(days=(seed * 37) % 600)
        end = start + timedelta(days=5 + seed % 90)
        stars = ("5.0", "4.9", "4.5", "3.5", "2.0")[seed % 5]
        out.append(
            Contract(
                f"f{freelancer}-c{n}",
                f"client{(freelancer + n * (seed % 2)) % 997}",
                ContractKind.FIXED_PRICE,
                start,
                end,
                payments=(Payment(end, Money(50 + seed % 3000, "USD")),),
                feedback=Feedback(
                    stars=Decimal(stars),
                    private_score=(seed * 3) % 11,
                    end_reason=EndReason.COMPLETED if seed % 7 else EndReason.CANCELLED_EARLY,
                ),
            )
        )
    return out


def score_chunk(histories: list[list[Contract]]) -> list[tuple[int | None, str]]:
    """Score each history (runs in a worker: module-level so it pickles by reference)."""
    out = []
    for history in histories:
        report = jss.score(history, as_of=AS_OF)
        out.append((report.score, report.reason))
    return out


def _chunks(items: list[list[Contract]], size: int) -> list[list[list[Contract]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.mark.slow
def test_property_process_pool_scores_20000_freelancers_like_one_process():
    """20,000 histories scored across a 2-worker process pool equal the single-process scores."""
    histories = [history_of(f) for f in range(FREELANCERS)]
    alone = score_chunk(histories)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = [
            row for chunk in pool.map(score_chunk, _chunks(histories, 1_000)) for row in chunk
        ]
    assert alone == pooled
    assert FREELANCERS == len(pooled)
    # The sample is not degenerate: scores spread and some are not eligible.
    scores = {s for s, _ in alone}
    assert None in scores
    assert len(scores) > 10


def score_json_chunk(texts: list[str]) -> list[jss.JSSReport]:
    """Read histories from JSON and score them with score_many (runs in a worker)."""
    from upwork_safety import serialize

    histories = (serialize.from_json(list[Contract], text) for text in texts)
    return list(jss.score_many(histories, as_of=AS_OF, rules=jss.CURRENT))


@pytest.mark.slow
def test_property_score_many_over_json_in_a_pool_equals_one_process():
    """JSON in, reports back: a process pool of score_many equals score() in one process."""
    from upwork_safety import serialize

    histories = [history_of(f) for f in range(4_000)]
    texts = [serialize.to_json(h) for h in histories]
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = [r for chunk in pool.map(score_json_chunk, _chunks(texts, 500)) for r in chunk]
    assert [jss.score(h, as_of=AS_OF, rules=jss.CURRENT) for h in histories] == pooled


def test_property_reports_pickle_smaller_than_their_field_dicts():
    """A report's pickle carries its field values, not their names (compact __reduce__)."""
    report = jss.score(history_of(2), as_of=AS_OF)
    data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    by_dict = pickle.dumps(
        {f: getattr(report, f) for f in ("as_of", "computed_on", "rules", "score", "reason")},
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    assert report == pickle.loads(data)
    assert b"computed_on" in by_dict
    assert b"computed_on" not in data
    assert b"contract_id" not in data
