"""No caller's decimal context reaches the library's arithmetic: large amounts, every view.

Review r32 (embedder 1): under a notebook's ``prec = 6`` a contract the
engine built was refused on reload, pickling and copying ("state is USD
12,345.70" for a bonus of 12,345.67), and under a trap a bare
``decimal.Inexact`` or ``decimal.Rounded`` escaped: the contract's history
check and the least-rate text computed in the caller's context.
``tests/test_context.py`` sweeps the API with amounts of a few hundred
dollars; here the amounts have five and six digits before the point with
cents that do not round (12,345.67; 45,678.91), and each answer is also
read through every view a caller uses (``str``, ``repr``, ``to_records()``,
``summary(locale=...)``, ``_repr_html_()``, ``serialize.to_json``), which
round-trips, pickles and deep-copies.  Each is compared with the answer in
the default context.
"""

from __future__ import annotations

import copy
import csv
import decimal
import functools
import io
import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    ExchangeRate,
    Feedback,
    Milestone,
    Money,
    Payment,
    escrow,
    fees,
    hourly,
    jss,
    serialize,
    statements,
)
from upwork_safety.testing import strategies as us

if TYPE_CHECKING:
    from collections.abc import Callable

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type]


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


#: The caller's contexts: few digits (no traps), rounding trapped, rounding
#: towards one side at the default precision, and a tiny exponent range.
HOSTILE: dict[str, Callable[[], decimal.Context]] = {
    "prec1": lambda: decimal.Context(prec=1, traps=[]),
    "prec3": lambda: decimal.Context(prec=3, traps=[]),
    "prec6": lambda: decimal.Context(prec=6, traps=[]),
    "prec1-traps": lambda: decimal.Context(prec=1, traps=[decimal.Inexact, decimal.Rounded]),
    "prec3-traps": lambda: decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded]),
    "floor": lambda: decimal.Context(rounding=decimal.ROUND_FLOOR),
    "ceiling": lambda: decimal.Context(rounding=decimal.ROUND_CEILING),
    "emax4": lambda: decimal.Context(Emax=4, Emin=-4),
}

#: The engine's own history of a three-milestone contract: a partial approval
#: with a bonus, a refund of escrow, a dispute settled by a split, and a
#: milestone left in review (its review period runs out in ``advance``).
_EVENTS = (
    escrow.Fund("m1", _utc(2026, 3, 2, 9)),
    escrow.Submit("m1", _utc(2026, 3, 9, 15)),
    escrow.Approve("m1", _utc(2026, 3, 10, 15), amount=_usd("20000.00"), bonus=_usd("12345.67")),
    escrow.Approve("m1", _utc(2026, 3, 11, 15)),
    escrow.Fund("m2", _utc(2026, 3, 12, 9)),
    escrow.Submit("m2", _utc(2026, 3, 13, 9)),
    escrow.Refund("m2", _utc(2026, 3, 13, 10), amount=_usd("1234.56")),
    escrow.RequestRefund("m2", _utc(2026, 3, 14, 9)),
    escrow.OpenDispute("m2", _utc(2026, 3, 15, 9)),
    escrow.AnswerDispute("m2", _utc(2026, 3, 16, 9)),
    escrow.ResolveDispute(
        "m2", _utc(2026, 3, 17, 9), to_freelancer=_usd("7654.32"), to_client=_usd("3456.79")
    ),
    escrow.Fund("m3", _utc(2026, 3, 18, 9)),
    escrow.Submit("m3", _utc(2026, 3, 19, 9)),
)
LATER = _utc(2026, 4, 30)


def _offer() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[
            Milestone("m1", "Data pipeline", _usd("45678.91")),
            Milestone("m2", "Dashboard", _usd("12345.67")),
            Milestone("m3", "Reports", _usd("98765.43")),
        ],
    )


def _applied() -> Contract:
    contract = _offer()
    for event in _EVENTS:
        contract = escrow.apply(contract, event)
    return contract


@functools.cache
def _built() -> tuple[Contract, Contract]:
    """The contract the engine built in the default context, and it advanced past review."""
    with decimal.localcontext(decimal.Context()):
        contract = _applied()
        return contract, escrow.advance(contract, LATER)


def _rebuilt(contract: Contract) -> Contract:
    """*contract* built again by its constructor, from its own fields."""
    return Contract(
        contract.id,
        contract.client,
        contract.kind,
        contract.started,
        contract.ended,
        milestones=list(contract.milestones),
        payments=list(contract.payments),
        feedback=contract.feedback,
        history=list(contract.history),
    )


def _views(value: Any) -> tuple[object, ...]:
    """*value* and every way a caller reads it: text, records, summaries, HTML, JSON."""
    seen: list[object] = [value, str(value), repr(value)]
    seen.extend(
        getattr(value, name)()
        for name in ("to_records", "_repr_html_")
        if callable(getattr(value, name, None))
    )
    summary = getattr(value, "summary", None)
    if callable(summary):
        try:
            seen.append(summary(locale="en_PK"))
            seen.append(summary(locale="de_DE"))
        except TypeError:
            seen.append(summary())
    try:
        seen.append(serialize.to_json(value))
    except Exception as error:  # noqa: BLE001  (a value to_json refuses: the refusal is compared)
        seen.append(type(error))
    return tuple(seen)


SBP = ExchangeRate("USD", "PKR", "280.4567", as_of=date(2025, 6, 2), source="SBP")
SHOWN = ExchangeRate("USD", "PKR", "277.1234", as_of=date(2025, 6, 2), source="Upwork")
_BIG = _usd("45678.91")
UNDATED = ExchangeRate("USD", "PKR", "280.4567")
WIRE_AT_PAR = attrs.evolve(fees.WIRE_USD, spread=Decimal("0.0123"))


def _scaled_statement() -> str:
    """The synthetic transactions report with every amount and balance times 101."""
    path = ROOT / "docs" / "examples" / "synthetic-transactions-report.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    money_columns = [
        header.index(name) for name in ("Amount $", "Amount in local currency", "Current Balance $")
    ]
    for row in rows[1:]:
        for column in money_columns:
            if row[column]:
                row[column] = str(Decimal(row[column]) * 101)
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue()


STATEMENT_TEXT = _scaled_statement()


def _statement() -> statements.Statement:
    return statements.parse(STATEMENT_TEXT)


def _job(index: int, amount: str, stars: str, private: int, why: EndReason) -> Contract:
    return Contract(
        f"j{index}",
        f"client{index}",
        ContractKind.FIXED_PRICE,
        date(2023, 1, 1),
        ended=date(2023, 2, 1),
        payments=[Payment(date(2023, 1, 15), _usd(amount))],
        feedback=Feedback(stars=stars, private_score=private, end_reason=why),
    )


HISTORY = [
    _job(1, "45678.91", "5.0", 10, EndReason.COMPLETED),
    _job(2, "12345.67", "1.0", 0, EndReason.CANCELLED_EARLY),
    _job(3, "20.01", "1.0", 0, EndReason.COMPLETED),
    *(_job(10 + i, f"{1234 + 977 * i}.67", "4.6", 8, EndReason.COMPLETED) for i in range(12)),
]
AS_OF = date(2023, 6, 1)
ODDS = {jss.Outcome.POSITIVE: "0.55", jss.Outcome.NEUTRAL: "0.44", jss.Outcome.NEGATIVE: "0.01"}

_WEEK = hourly.billing_week(_utc(2024, 1, 1, 9))
_ENTRIES = [
    hourly.TimeEntry(
        _utc(2024, 1, 1 + day, 9), _utc(2024, 1, 1 + day, 9) + timedelta(hours=7, minutes=40)
    )
    for day in range(5)
]


def _invoice() -> hourly.WeeklyInvoice:
    return hourly.invoice(_ENTRIES, week=_WEEK, rate=_usd("1234.57"), client_verified=True)


def _payout() -> fees.Payout:
    return fees.payout(
        Payment(date(2025, 5, 28), _BIG),
        method=fees.DIRECT_TO_LOCAL_BANK,
        reference_rate=SBP,
        offered_rate=SHOWN,
    )


def _pickled(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


CALLS: dict[str, Callable[[], object]] = {
    # escrow: the engine, its reports, and the contracts it builds read back
    "escrow.apply": lambda: _views(_applied()),
    "escrow.replay": lambda: _views(escrow.replay(_offer(), _EVENTS)),
    "escrow.advance": lambda: _views(escrow.advance(_built()[0], LATER)),
    "escrow.ledger": lambda: _views(escrow.ledger(_built()[0], LATER)),
    "escrow.deadlines": lambda: _views(escrow.deadlines(_built()[0], _utc(2026, 3, 20))),
    "escrow.allowed": lambda: _views(escrow.allowed(_built()[0], "m3")),
    "Contract()": lambda: _rebuilt(_built()[0]) == _built()[0],
    "Contract() advanced": lambda: _rebuilt(_built()[1]) == _built()[1],
    "from_json": lambda: serialize.from_json(Contract, serialize.to_json(_built()[0])),
    "from_json advanced": lambda: serialize.from_json(Contract, serialize.to_json(_built()[1])),
    "from_dict": lambda: serialize.from_dict(Contract, serialize.to_dict(_built()[0])),
    "pickle": lambda: _pickled(_built()[0]) == _built()[0],
    "pickle advanced": lambda: _pickled(_built()[1]) == _built()[1],
    "deepcopy": lambda: copy.deepcopy(_built()[0]) == _built()[0],
    "deepcopy advanced": lambda: copy.deepcopy(_built()[1]) == _built()[1],
    "Contract views": lambda: _views(_built()[1]),
    # hourly
    "hourly.invoice": lambda: _views(_invoice()),
    "hourly.earnings": lambda: tuple(
        getattr(_invoice(), name)
        for name in (
            "amount",
            "billable_hours",
            "protected_amount",
            "unprotected_amount",
            "over_limit_hours",
            "available_at",
            "dispute_window_ends",
        )
    ),
    "hourly.payout_calendar": lambda: _views(hourly.payout_calendar(_WEEK)),
    "hourly.payout_schedule": lambda: _views(
        hourly.payout_schedule(
            invoices=[_invoice()], bonuses=[hourly.bonus(_BIG, paid_at=_utc(2024, 1, 3, 9))]
        )
    ),
    "hourly.weekly_payment": lambda: _views(
        hourly.weekly_payment(_usd("12345.67"), week=_WEEK, started=date(2023, 12, 27))
    ),
    # fees
    "fees.service_fee": lambda: fees.service_fee(_BIG, on=date(2025, 6, 2)),
    "fees.service_fee(2020)": lambda: fees.service_fee(_usd("123456.78"), on=date(2020, 1, 1)),
    "fees.explain_service_fee": lambda: _views(
        fees.explain_service_fee(_usd("123456.78"), on=date(2020, 1, 1))
    ),
    "fees.net_earnings": lambda: fees.net_earnings(_BIG, on=date(2025, 6, 2)),
    "fees.gross_for_net": lambda: fees.gross_for_net(_BIG, on=date(2025, 6, 2)),
    "fees.quote_withdrawal": lambda: _views(
        fees.quote_withdrawal(
            _BIG, fees.DIRECT_TO_LOCAL_BANK, reference_rate=SBP, offered_rate=SHOWN
        )
    ),
    "fees.quote_withdrawal(Payoneer)": lambda: _views(
        fees.quote_withdrawal(
            _usd("12345.67"),
            fees.PAYONEER,
            reference_rate=SBP,
            spread="2.5%",
            pseb_registered=True,
        )
    ),
    "fees.compare_withdrawals": lambda: _views(
        fees.compare_withdrawals(
            _BIG,
            reference_rate=SBP,
            offered_rates={
                fees.DIRECT_TO_LOCAL_BANK: SHOWN,
            },
        )
    ),
    "fees.compare_withdrawals(small)": lambda: _views(
        fees.compare_withdrawals(_usd("12.34"), reference_rate=SBP)
    ),
    "fees.break_even": lambda: _views(
        fees.break_even(fees.PAYONEER, WIRE_AT_PAR, reference_rate=SBP)
    ),
    "fees.withdrawal_for_target": lambda: fees.withdrawal_for_target(
        Money("9876543.21", "PKR"), fees.PAYONEER, reference_rate=SBP
    ),
    "fees.payout": lambda: _views(_payout()),
    "fees.plan_withdrawals": lambda: _views(
        fees.plan_withdrawals(_usd("12345.67"), "payoneer", max_fee_share="1%")
    ),
    "fees.retention_allowance": lambda: fees.retention_allowance(
        _usd("12345678.99"), on=date(2025, 6, 30)
    ),
    # jss
    "jss.score": lambda: _views(jss.score(HISTORY, as_of=AS_OF)),
    "jss.timeline": lambda: _views(
        jss.timeline(HISTORY, start=date(2023, 2, 1), end=AS_OF, step=timedelta(days=15))
    ),
    "jss.forecast": lambda: _views(
        jss.forecast(
            HISTORY,
            as_of=AS_OF,
            jobs=[jss.FutureJob(_usd("12345.67"), days=100)],
            outcome_odds=ODDS,
            trials=100,
            seed=7,
        )
    ),
    # statements
    "statements.parse": lambda: _views(_statement()),
    "statements.summarize": lambda: _views(statements.summarize(_statement())),
    "statements.summarize(rates)": lambda: _views(
        statements.summarize(_statement(), by="year", rates=UNDATED)
    ),
    "statements.audit_fees": lambda: _views(statements.audit_fees(_statement())),
    "statements.to_contracts": lambda: statements.to_contracts(_statement()),
    # Money and ExchangeRate
    "Money arithmetic": lambda: (
        _BIG + _usd("12345.67"),
        _BIG - _usd("12345.67"),
        -_BIG,
        abs(-_BIG),
        _BIG * Decimal("1.5"),
        _BIG * 3,
        sum([_BIG, _usd("12345.67"), _usd("0.01")], Money.zero("USD")),
        (_BIG * Decimal("0.123")).rounded(),
        _BIG > _usd("12345.67"),
    ),
    "Money.split": lambda: _BIG.split(7),
    "Money.allocate": lambda: _BIG.allocate(["0.5", "0.3", "0.2"]),
    "Money.allocate(ints)": lambda: _usd("12345.67").allocate([70, 20, 9, 1]),
    "Money.format": lambda: [
        _BIG.format(locale=locale) for locale in ("en_US", "en_PK", "ur_PK", "de_DE", "ar_EG")
    ],
    "Money text": lambda: (str(_BIG), repr(_BIG), f"{_BIG}"),
    "ExchangeRate.convert": lambda: SBP.convert(_BIG),
    "ExchangeRate.inverse": lambda: (
        SBP.inverse(),
        str(SBP.inverse()),
        SBP.inverse().convert(Money("12345678.91", "PKR")),
    ),
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_callers_context_changes_no_answer(name: str, hostile: str) -> None:
    """The same answer, read every way, in the default context and under a hostile one."""
    call = CALLS[name]
    with decimal.localcontext(decimal.Context()):
        expected = call()
    with decimal.localcontext(HOSTILE[hostile]()):
        actual = call()
    assert expected == actual


def test_an_engine_built_contract_reads_back_under_prec_6():
    """The report's case: a bonus of 12,345.67 was read back as "state is USD 12,345.70"."""
    contract = _built()[0]
    text = serialize.to_json(contract)
    with decimal.localcontext(decimal.Context(prec=6)):
        loaded = serialize.from_json(Contract, text)
    assert contract == loaded
    bonus = [p for p in loaded.payments if p.kind.value == "bonus"]
    assert [_usd("12345.67")] == [p.amount for p in bonus]


def test_the_least_rate_text_rounds_up_in_any_context():
    """``to_records()`` raised a bare ``decimal.Rounded`` under prec 2 with the trap set."""
    comparison = fees.compare_withdrawals(_usd("450.00"), reference_rate=SBP)
    expected = comparison.to_records()
    context = decimal.Context(prec=2, rounding=decimal.ROUND_FLOOR, traps=[decimal.Rounded])
    with decimal.localcontext(context):
        assert expected == comparison.to_records()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(us.contract_histories())
def test_every_drawn_history_reads_back_the_same_in_every_context(history):
    """Engine-built contracts from random histories load, unpickle and copy equal anywhere."""
    final = history[2]
    text = serialize.to_json(final)
    for make in HOSTILE.values():
        with decimal.localcontext(make()):
            assert final == serialize.from_json(Contract, text)
            assert final == _pickled(final)
            assert final == copy.deepcopy(final)
            assert text == serialize.to_json(final)


def test_the_withdrawal_plots_title_shows_the_whole_rate_in_any_context():
    """The title normalised the reference rate in the caller's context: 280.4567 showed as 280."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from upwork_safety import plot

    comparison = fees.compare_withdrawals(_BIG, reference_rate=SBP)
    titles = []
    for make in (decimal.Context, HOSTILE["prec3"], HOSTILE["prec1-traps"]):
        with decimal.localcontext(make()):
            titles.append(plot.withdrawals(comparison).get_title())
        plt.close("all")
    assert ["Withdrawing USD 45,678.91 at 280.4567 PKR per USD"] * 3 == titles


def _draws(strategy: Any, examples: int = 15) -> list[object]:
    """The first *examples* values *strategy* draws, the same every run (derandomized)."""
    seen: list[object] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: object) -> None:
        seen.append(value)

    collect()
    return seen


STRATEGIES: dict[str, Callable[[], Any]] = {
    "jss_rules": us.jss_rules,
    "statements(transactions_report)": lambda: us.statements(
        format=statements.StatementFormat.TRANSACTIONS_REPORT, max_value="45678.91"
    ),
    "statements(transaction_history)": lambda: us.statements(
        format=statements.StatementFormat.TRANSACTION_HISTORY, max_value="45678.91"
    ),
}


@pytest.mark.parametrize("hostile", ["prec1", "prec1-traps", "prec3-traps"])
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_the_testing_strategies_draw_the_same_values_in_any_context(name: str, hostile: str):
    """``upwork_safety.testing`` drew in the caller's context: star tenths rounded, balances off.

    Under one digit of precision a threshold of 4.5 stars was drawn as 5, and
    a trap on ``Rounded`` raised from inside a draw.
    """
    with decimal.localcontext(decimal.Context()):
        expected = _draws(STRATEGIES[name]())
    with decimal.localcontext(HOSTILE[hostile]()):
        actual = _draws(STRATEGIES[name]())
    assert expected == actual
