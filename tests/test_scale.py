"""Scale beyond one process: every public value pickles, and scoring fans out to workers.

Histories and reports must travel to Dask, Spark or ``concurrent.futures``
workers, so every public value (models, escrow events and reports, hourly
invoices, fee quotes, JSS reports, rule sets, findings, errors) must pickle
and unpickle equal.  A process pool then scores 20,000 freelancers' small
histories and must give exactly the answers of one process.
"""

from __future__ import annotations

import copy
import copyreg
import io
import pickle
import pickletools
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from test_hardening import SAMPLES, TYPES, jss_history, public_types
from test_statements import FEE_ROW
from upwork_safety import (
    Contract,
    ContractKind,
    CurrencyMismatchError,
    EndReason,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    Milestone,
    Money,
    Payment,
    TransitionError,
    UpworkSafetyError,
    errors,
    escrow,
    jss,
    rules,
    statements,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import History
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


# --------------------------------------------------------------------------- through the constructor

#: Every public module whose ``__all__`` may list a value class, and ``_events``
#: (the escrow events' own module).  A new module of values belongs here.
VALUE_MODULES = (
    "money",
    "models",
    "kinds",
    "rules",
    "escrow",
    "hourly",
    "jss",
    "fees",
    "checks",
    "statements",
    "serialize",
    "testing",
    "testing.strategies",
    "testing.factories",
    "_events",
)


def _statement_samples() -> dict[type, list[object]]:
    """A value of every statements class, read from the documented example export."""
    examples = Path(__file__).resolve().parent.parent / "docs" / "examples"
    statement = statements.parse((examples / "synthetic-transaction-history.csv").read_text())
    audit = statements.audit_fees(statement)
    summary = statements.summarize(statement)
    usd = Money("100.00", "USD")
    values: list[object] = [
        statement,
        statement.transactions[0],
        audit,
        audit.checks[0],
        statements.UncheckedFee(FEE_ROW, "no client"),
        summary,
        summary.rows[0],
        statements.BalanceBreak(3, 2, usd, Money("50.00", "USD")),
        # The report example's first $0.99 Direct to Local Bank withdrawal fee.
        statements.audit_fees(
            statements.parse((examples / "synthetic-transactions-report.csv").read_text("utf-8"))
        ).withdrawal_fees[0],
    ]
    return {type(value): [value] for value in values}


VALUE_CLASSES = public_types(VALUE_MODULES)
VALUES = {**SAMPLES, **_statement_samples()}


def test_every_value_class_has_a_sample():
    """The samples hold a value of every public attrs class (so none is skipped below)."""
    assert [] == [cls.__qualname__ for cls in VALUE_CLASSES if cls not in VALUES]
    assert set(TYPES) <= set(VALUE_CLASSES)


def _setstate_opcodes(data: bytes) -> list[str]:
    """The BUILD opcodes of a pickle: each restores an object without calling its constructor."""
    return [op.name for op, _, _ in pickletools.genops(data) if op.name == "BUILD"]


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__qualname__)
def test_every_value_pickles_and_copies_through_its_constructor(cls):
    """Each public value pickles (protocols 0-5) and copies equal, and nothing in it skips a check.

    attrs' default ``__setstate__`` (a BUILD opcode) puts fields back
    unchecked; no object of any pickle may be restored that way.
    """
    for value in VALUES[cls][:3]:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            data = pickle.dumps(value, protocol=protocol)
            assert [] == _setstate_opcodes(data)
            back = pickle.loads(data)
            assert value == back
            assert cls is type(back)
        assert value == copy.copy(value)
        assert value == copy.deepcopy(value)


class _Stranger:
    """A value no field of the library takes."""


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__qualname__)
def test_every_constructor_argument_of_a_pickle_is_checked(cls):
    """A pickle whose constructor arguments were edited (any one, to a stranger) is refused."""
    value = VALUES[cls][0]
    build, arguments = value.__reduce__()  # type: ignore[misc]
    start = 0 if build is cls else 1  # keyword-only classes send their class first
    assert start < len(arguments) or not attrs.fields(cls)
    for index in range(start, len(arguments)):
        edited = (*arguments[:index], _Stranger(), *arguments[index + 1 :])
        with pytest.raises(UpworkSafetyError):
            pickle.loads(pickle.dumps(_Pickled(build, edited)))


class _Pickled:
    """Pickles as ``build(*arguments)``: an edited pickle, written without editing bytes."""

    def __init__(self, build: object, arguments: tuple[object, ...]) -> None:
        self.reduced = (build, arguments)

    def __reduce__(self) -> tuple[object, ...]:
        return self.reduced


def _attrs_form(cls: type, state: object) -> bytes:
    """A pickle of attrs' own form: an empty object of *cls*, then its fields (a BUILD opcode).

    Pickles written before the values pickled through their constructors have
    this form, and so can one written by hand.
    """
    empty = object.__new__(cls)

    class _Pickler(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            return (copyreg.__newobj__, (cls,), state) if obj is empty else NotImplemented

    out = io.BytesIO()
    _Pickler(out, protocol=2).dump(empty)
    return out.getvalue()


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__qualname__)
def test_a_pickle_in_attrs_form_is_checked_by_the_constructor(cls):
    """Regression (review): a pickle of attrs' own form (NEWOBJ, then BUILD with the fields)
    set the fields unchecked, so ``Money(-5, 'XYZ')`` loaded. It loads only through the
    constructor now: equal when the fields are valid, refused when one was edited.
    """
    value = VALUES[cls][0]
    state = {field.name: getattr(value, field.name) for field in attrs.fields(cls)}
    data = _attrs_form(cls, state)
    assert ["BUILD"] == _setstate_opcodes(data)
    assert value == pickle.loads(data)
    assert value == pickle.loads(_attrs_form(cls, tuple(state.values())))
    for field in attrs.fields(cls):
        if field.init:
            edited = {**state, field.name: _Stranger()}
            with pytest.raises(UpworkSafetyError):
                pickle.loads(_attrs_form(cls, edited))


def test_a_pickle_in_attrs_form_needs_every_field():
    """A state without a field the constructor takes, with one it does not have, or neither a
    dict nor a tuple of the fields, is refused by name."""
    money = Money("1.50", "USD")
    with pytest.raises(InvalidValueError) as missing:
        pickle.loads(_attrs_form(Money, {"amount": money.amount}))
    assert ("Money.currency", "a pickled state of its fields") == (
        missing.value.field,
        missing.value.rule,
    )
    with pytest.raises(InvalidValueError) as unknown:
        pickle.loads(_attrs_form(Money, {"amount": money.amount, "currency": "USD", "x": 1}))
    assert "Money" == unknown.value.field
    for odd in ([money.amount, "USD"], (money.amount, "USD", "extra")):
        with pytest.raises(InvalidTypeError) as info:
            pickle.loads(_attrs_form(Money, odd))
        assert "Money" == info.value.field


def _edited(value: object, name: str, new: object) -> _Pickled:
    """*value*'s pickle with the argument for field *name* replaced by *new*."""
    build, arguments = value.__reduce__()  # type: ignore[misc]
    names = [field.name for field in attrs.fields(type(value)) if field.init]
    index = names.index(name) + (0 if build is type(value) else 1)
    return _Pickled(build, (*arguments[:index], new, *arguments[index + 1 :]))


T = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
FUNDED = escrow.apply(
    Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Logo: 3 concepts in SVG", Money("500.00", "USD"))],
    ),
    escrow.Fund("m1", T),
)
FORECAST = jss.Forecast(
    as_of=date(2024, 1, 1),
    on=date(2024, 2, 1),
    current=90,
    trials=10,
    seed=1,
    bins=(jss.ForecastBin(None, 1), jss.ForecastBin(80, 3), jss.ForecastBin(95, 6)),
)


@pytest.mark.parametrize(
    ("value", "name", "new", "error", "field"),
    [
        (
            jss.WhatIf(50, 80, 30, "r", reason_codes=("scored",)),
            "delta",
            3,
            InvalidValueError,
            "WhatIf.delta",
        ),
        (Money("1.50", "USD"), "currency", "XYZ", InvalidValueError, "Money.currency"),
        (
            ExchangeRate("USD", "PKR", "280"),
            "rate",
            Decimal(-280),
            InvalidValueError,
            "ExchangeRate.rate",
        ),
        (
            FUNDED.milestones[0].escrow,
            "funded",
            Money("400.00", "USD"),
            InvalidValueError,
            "Escrow.funded",
        ),
        (FORECAST, "trials", 11, InvalidValueError, "Forecast.trials"),
        (rules.CURRENT, "review_period", 14, InvalidTypeError, "PlatformRules.review_period"),
    ],
    ids=lambda v: type(v).__name__ if attrs.has(type(v)) else None,
)
def test_a_pickle_breaking_a_rule_is_refused(value, name, new, error, field):
    """An edited pickle that breaks a documented rule raises the error naming the field."""
    assert value == pickle.loads(pickle.dumps(_edited(value, name, getattr(value, name))))
    with pytest.raises(error) as info:
        pickle.loads(pickle.dumps(_edited(value, name, new)))
    assert field == info.value.field


def test_an_edited_contract_pickle_is_refused():
    """Regression: bytes edited so a milestone's escrow had funded 400 and held 500 loaded."""
    data = pickle.dumps(FUNDED, protocol=0)
    at = data.rindex(b"V500.00")
    with pytest.raises(InvalidValueError) as info:
        pickle.loads(data[:at] + b"V400.00" + data[at + 7 :])
    assert "Escrow.funded" == info.value.field
    assert FUNDED == pickle.loads(data)


def test_edited_milestones_payments_and_history_are_refused():
    """A contract's milestone, payment and event tuples pickle through their checks too."""
    milestone = FUNDED.milestones[0]
    fund, later = escrow.Fund("m1", T), escrow.Submit("m1", T + timedelta(days=1))
    cases = [
        (type(FUNDED.milestones), ((milestone, milestone),), "Contract.milestones[1]"),
        (
            type(FUNDED.payments),
            (
                (
                    Payment(date(2025, 3, 4), Money("1", "USD")),
                    Payment(date(2025, 3, 4), Money("1", "PKR")),
                ),
            ),
            "Contract.payments[1]",
        ),
        (History, ((later, fund),), "History.events[1]"),
    ]
    for build, arguments, field in cases:
        with pytest.raises(UpworkSafetyError) as info:
            pickle.loads(pickle.dumps(_Pickled(build, arguments)))
        assert field == info.value.field


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


def test_a_pickle_cannot_refill_a_value_already_built():
    """Regression (red team): a BUILD aimed at a value already built (and checked inside a
    contract) changed it: a contract loaded with payments in USD and EUR, and a frozen
    Money changed in place (its hash with it)."""
    money = Money("1", "USD")
    with pytest.raises(InvalidValueError) as info:
        money.__setstate__({"amount": Decimal(2), "currency": "USD"})  # type: ignore[attr-defined]
    assert ("Money", Money("1", "USD")) == (info.value.field, money)


def test_the_contracts_indexes_take_no_state_from_a_pickle():
    """Regression (red team): a BUILD could fill the milestones' check cache, so a paid
    milestone without its release payment loaded (evolve refused the same contract)."""
    for tuple_type in (type(FUNDED.milestones), type(FUNDED.payments)):
        empty = tuple_type(())

        class _Pickler(pickle.Pickler):
            def reducer_override(self, obj: object, empty: object = empty) -> object:
                if obj is empty:
                    return (type(empty), ((),), {"releases_match": None})
                return NotImplemented

        out = io.BytesIO()
        _Pickler(out, protocol=2).dump(empty)
        with pytest.raises(InvalidValueError) as info:
            pickle.loads(out.getvalue())
        assert info.value.field in {"Contract.milestones", "Contract.payments"}


@pytest.mark.parametrize(
    ("data", "error", "field"),
    [
        (
            b"\x80\x02cupwork_safety._pickling\n_build\ncbuiltins\nint\n\x85R.",
            InvalidTypeError,
            "cls",
        ),
        (
            b"\x80\x02cupwork_safety._pickling\n_build\ncupwork_safety.jss\nWhatIf\nK\x01\x86R.",
            InvalidValueError,
            "WhatIf",
        ),
    ],
    ids=["another-class", "too-few-values"],
)
def test_an_edited_rebuild_is_refused_by_the_library(data, error, field):
    """Regression (red team): _build raised NotAnAttrsClassError or a bare ValueError."""
    with pytest.raises(error) as info:
        pickle.loads(data)
    assert field == info.value.field


def test_pickling_keeps_no_class_alive():
    """Regression (red team): two caches keyed by class kept every subclass made on the fly."""
    import gc
    import weakref

    def copied_once() -> weakref.ref[type]:
        made = type("Made", (Money,), {"__slots__": ()})
        value = made("1", "USD")
        if copy.copy(value) != value or copy.deepcopy(value) != value:
            raise AssertionError("a value of the subclass did not copy equal")
        return weakref.ref(made)

    alive = copied_once()
    gc.collect()
    assert alive() is None
