"""No caller's decimal context changes a result: the whole public API, swept.

Every engine computes in the library's own context (its settings are
published as a copy, :data:`upwork_safety.money.CONTEXT`).  Each call below runs once in the
default context and again under hostile ones (one significant digit
rounding down; three digits with every rounding trapped); the answers must
be equal.  The histories are chosen so that a sum computed in the caller's
context would round (window totals of four and more digits, weights of
1.25 and 1.5).
"""

from __future__ import annotations

import ast
import decimal
import inspect
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

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
    money,
    serialize,
    statements,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.models import TimeEntry

UTC = timezone.utc
AS_OF = date(2023, 6, 1)


def _job(index: int, amount: str, stars: str, private: int, why: EndReason) -> Contract:
    return Contract(
        f"c{index}",
        f"client{index}",
        ContractKind.FIXED_PRICE,
        date(2023, 1, 1),
        ended=date(2023, 2, 1),
        payments=[Payment(date(2023, 1, 15), Money(amount, "USD"))],
        feedback=Feedback(stars=stars, private_score=private, end_reason=why),
    )


#: The red-team's history (58 in any context; 50 when a sum ran in prec=1), and more of it.
HISTORY = [
    _job(1, "5000.00", "5.0", 10, EndReason.COMPLETED),
    _job(2, "150.00", "1.0", 0, EndReason.CANCELLED_EARLY),
    _job(3, "20.00", "1.0", 0, EndReason.COMPLETED),
    _job(4, "700.00", "4.0", 9, EndReason.COMPLETED),
    *(_job(10 + i, f"{300 + 97 * i}.55", "4.6", 8, EndReason.COMPLETED) for i in range(30)),
]
FUTURE = [jss.FutureJob(Money("1500.00", "USD"), days=100)]
ODDS = {jss.Outcome.POSITIVE: "0.5", jss.Outcome.NEUTRAL: "0.45", jss.Outcome.NEGATIVE: "0.05"}


def _escrow_ledger() -> object:
    t0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
    contract = Contract(
        "e1",
        "client",
        ContractKind.FIXED_PRICE,
        date(2025, 3, 3),
        milestones=[Milestone("m1", "Logo, 3 concepts", Money("1234.57", "USD"))],
    )
    contract = escrow.replay(
        contract,
        [
            escrow.Fund("m1", t0),
            escrow.Submit("m1", t0 + timedelta(days=2)),
            escrow.Approve("m1", t0 + timedelta(days=3), amount=Money("1000.01", "USD")),
        ],
    )
    return escrow.ledger(contract, t0 + timedelta(days=30))


def _hourly_invoice() -> object:
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    entries = [
        TimeEntry(start + timedelta(days=d), start + timedelta(days=d, hours=7, minutes=40))
        for d in range(5)
    ]
    return hourly.invoice(
        entries, week=hourly.billing_week(start), rate=Money("33.33", "USD"), client_verified=True
    )


#: A weekly summary with an amount of nine digits before the point (exact only
#: with ten digits of precision or more) and hours that are 20 ten-minute steps.
_SUMMARY = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2024-09-03","API integration (38100001)","3.33333","83.33",""\n'
    '"2024-09-04","Shop landing page (38100002)","","999999999.99","Fixed Price Payment"\n'
)
_CHANGE = {
    "contract_id": "c1",
    "change": "changed",
    "before": jss.Outcome.POSITIVE,
    "after": jss.Outcome.NEGATIVE,
    "weight_before": Decimal(1),
    "weight_after": Decimal(1),
    "points": Decimal("-3.25"),
    "reasons": ("r",),
    "codes": ("stars_poor",),
}

_PLAN = fees.plan_withdrawals(Money("5", "USD"), "payoneer", max_fee_share="50%")

CALLS = {
    "jss.score": lambda: jss.score(HISTORY, as_of=AS_OF),
    "jss.classify": lambda: [jss.classify(c, as_of=AS_OF) for c in HISTORY],
    "jss.timeline": lambda: tuple(
        jss.timeline(HISTORY, start=date(2023, 2, 1), end=AS_OF, step=timedelta(days=7))
    ),
    "jss.what_if": lambda: jss.what_if(HISTORY[:5], HISTORY[5:], as_of=AS_OF),
    "jss.explain_change": lambda: jss.explain_change(HISTORY, date(2023, 1, 20), AS_OF),
    "jss.forecast": lambda: jss.forecast(
        HISTORY, as_of=AS_OF, jobs=FUTURE, outcome_odds=ODDS, trials=200, seed=7
    ),
    "jss.top_rated": lambda: jss.top_rated(HISTORY, as_of=AS_OF),
    "jss.score_many": lambda: list(jss.score_many([HISTORY, HISTORY[:7]], as_of=AS_OF)),
    "jss.ChangeItem": lambda: jss.ChangeItem(**_CHANGE),  # type: ignore[arg-type]
    "serialize.from_dict(ChangeItem)": lambda: serialize.from_dict(
        jss.ChangeItem,
        serialize.to_dict(jss.ChangeItem(**_CHANGE)),  # type: ignore[arg-type]
    ),
    "statements.parse": lambda: statements.parse(_SUMMARY),
    "serialize.from_dict(Statement)": lambda: serialize.from_dict(
        statements.Statement, serialize.to_dict(statements.parse(_SUMMARY))
    ),
    "escrow.ledger": _escrow_ledger,
    "hourly.invoice": _hourly_invoice,
    "fees.service_fee": lambda: fees.service_fee(Money("123456.78", "USD"), on=date(2020, 1, 1)),
    "fees.quote_withdrawal": lambda: fees.quote_withdrawal(
        Money("987.65", "USD"),
        fees.PAKISTAN_METHODS[0],
        reference_rate=ExchangeRate("USD", "PKR", "280.4567", as_of=date(2025, 6, 2)),
        offered_rate=ExchangeRate("USD", "PKR", "277.1234", as_of=date(2025, 6, 2)),
    ),
    "fees.quote_withdrawal(Payoneer)": lambda: fees.quote_withdrawal(
        Money("987.65", "USD"),
        fees.PAKISTAN_METHODS[1],
        reference_rate=ExchangeRate("USD", "PKR", "280.4567", as_of=date(2025, 6, 2)),
        spread="2.5%",
        pseb_registered=True,
    ),
    "fees.retention_allowance": lambda: fees.retention_allowance(
        Money("12345678.99", "USD"), on=date(2025, 6, 30)
    ),
    "Money.allocate": lambda: Money("100.00", "USD").allocate([1, 1, 1]),
    "Money.split": lambda: Money("100.00", "USD").split(7),
    "ExchangeRate.convert": lambda: (
        ExchangeRate("USD", "PKR", "280.50").inverse().convert(Money("28050.75", "PKR"))
    ),
    # Values whose str() has an exponent: written as plain text in every context.
    "serialize.to_json": lambda: serialize.to_json(
        [ExchangeRate("USD", "VND", "10000000").inverse(), Money("0.0000000", "USD"), _PLAN]
    ),
}


def _prec_one() -> decimal.Context:
    return decimal.Context(prec=1, rounding=decimal.ROUND_DOWN)


def _prec_three_trapped() -> decimal.Context:
    context = decimal.Context(prec=3)
    context.traps[decimal.Inexact] = True
    context.traps[decimal.Rounded] = True
    return context


def _lowercase_exponent() -> decimal.Context:
    """str() writes 1e-7, not 1E-7: the library read "E" in the text to find an exponent."""
    return decimal.Context(capitals=0)


@pytest.mark.parametrize(
    "hostile",
    [_prec_one, _prec_three_trapped, _lowercase_exponent],
    ids=["prec1-down", "prec3-traps", "lowercase-e"],
)
@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_callers_context_changes_no_result(name, hostile):
    """The same answer in the default context and under a hostile one.

    Regression (outside review): ``statements.parse`` refused a valid
    999,999,999.99 under ``prec=10`` and raised a raw ``decimal.Inexact``
    under a trap; a ``ChangeItem`` with negative points raised
    ``decimal.Rounded``: both rounded in the caller's context (``abs()``,
    unary minus).
    """
    call = CALLS[name]
    expected = call()
    with decimal.localcontext(hostile()):
        assert expected == call()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_callers_context_is_left_as_it_was(name):
    """No call sets a flag in the caller's context (an inexact sum there would)."""
    with decimal.localcontext(decimal.Context()) as context:
        CALLS[name]()
        assert [] == [signal.__name__ for signal, raised in context.flags.items() if raised]


def test_the_red_team_history_scores_58():
    """The history that scored 50 under prec=1 scores its real 58 (window total 4.75, not 4)."""
    with decimal.localcontext(_prec_one()):
        report = jss.score(HISTORY[:4], as_of=AS_OF)
    assert 58 == report.score


def test_forecast_accepts_odds_that_sum_to_one_in_any_context():
    """0.5 + 0.45 + 0.05 is 1 whatever the caller's precision (prec=1 once summed it to 0.9)."""
    with decimal.localcontext(_prec_one()):
        result = jss.forecast(
            [], as_of=AS_OF, jobs=[jss.FutureJob(Money("100.00", "USD"))], outcome_odds=ODDS,
            trials=10, seed=1,
        )  # fmt: skip
    assert 10 == sum(b.trials for b in result.bins)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Money(Decimal("1E-30"), "USD"),
        lambda: Contract(
            "c", "a", ContractKind.FIXED_PRICE, date(2025, 1, 1), service_fee_rate=Decimal("1E-30")
        ),
        lambda: serialize.to_json([Decimal("-1E-999")]),
    ],
    ids=["Money", "rate", "to_json"],
)
def test_a_lowercase_exponent_does_not_slip_past_the_limits(build):
    """Review: under capitals=0 the text "1e-30" was read as a number with no places.

    Money took 30 places, a rate took 1E-30 and to_json wrote a thousand
    digits the readers refuse; each is refused as in the default context.
    """
    with decimal.localcontext(_lowercase_exponent()), pytest.raises(InvalidValueError) as info:
        build()
    assert "at most 18 decimal places" == info.value.rule


#: Public functions of fees, jss and statements that do no Decimal arithmetic of their own: they
#: look a rule set or a method up, list dates or sources, or hand each history to
#: ``jss.score`` (which runs in the library's context itself), or name a tax year or a
#: row's billing week and pay day.
NO_ARITHMETIC = {
    "fees.get_method",
    "fees.paydays",
    "fees.schedule_as_of",
    "jss.rule_sources",
    "jss.rules_as_of",
    "jss.score_many",
    "statements.available_on",
    "statements.invoiced_week",
    "statements.period_name",
    "statements.tax_year",
}


def test_every_public_fee_jss_and_statements_function_runs_in_the_librarys_context():
    """Regression (red team): retention_allowance ran in the caller's context.

    Under prec=6 it kept more than half of USD 12,345,678.99; every public
    function of these packages that computes wears ``money.exact``, so a new one
    cannot be missed by the list of calls above.
    """
    missing = []
    for package in (fees, jss, statements):
        for name in package.__all__:
            function = getattr(package, name)
            qualified = f"{package.__name__.rpartition('.')[2]}.{name}"
            computes = inspect.isfunction(function) and qualified not in NO_ARITHMETIC
            if computes and not hasattr(function, "__wrapped__"):
                missing.append(qualified)
    assert [] == missing


def _answers() -> tuple[object, ...]:
    """Money arithmetic, shares, a conversion, an inverse and a fee, each exact only at 60 digits."""
    rate = ExchangeRate("USD", "PKR", "280.1234")
    return (
        Money("123456.78", "USD") + Money("0.01", "USD"),
        Money("1234.57", "USD") * Decimal("1.5"),
        Money("1000000.01", "USD").split(3),
        Money("1000000.01", "USD").allocate(["0.5", "0.3", "0.2"]),
        rate.convert(Money("1234567.89", "USD")),
        rate.inverse(),
        fees.service_fee(Money("123456.78", "USD"), on=date(2020, 1, 1)),
        str(Money("1000000.01", "USD")),
    )


def _set(context: decimal.Context, change: str) -> None:
    """Make one of the changes a notebook might make to a context."""
    if change == "prec":
        context.prec = 6
    elif change == "rounding":
        context.rounding = decimal.ROUND_DOWN
    elif change == "traps-on":
        context.traps[decimal.Inexact] = True
        context.traps[decimal.Rounded] = True
    elif change == "traps-off":
        for signal in (decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow):
            context.traps[signal] = False
    else:
        context.Emax, context.Emin = 5, -5


def _restore(context: decimal.Context, saved: decimal.Context) -> None:
    """Put *saved*'s settings back into *context* (the object itself, which others hold)."""
    context.prec, context.rounding = saved.prec, saved.rounding
    context.Emax, context.Emin = saved.Emax, saved.Emin
    context.capitals, context.clamp = saved.capitals, saved.clamp
    for signal, trapped in saved.traps.items():
        context.traps[signal] = trapped
    context.clear_flags()


CHANGES = ["prec", "rounding", "traps-on", "traps-off", "Emax"]


@pytest.mark.parametrize("change", CHANGES)
def test_changing_the_published_context_changes_no_result(change):
    """Red team r18 H1: ``money.CONTEXT.prec = 6`` made split() lose a dollar; it is a copy now."""
    expected = _answers()
    saved = money.CONTEXT.copy()
    try:
        _set(money.CONTEXT, change)
        assert expected == _answers()
    finally:
        _restore(money.CONTEXT, saved)


@pytest.mark.parametrize("change", CHANGES)
def test_installing_the_published_context_and_changing_it_changes_no_result(change):
    """Red team r18 H1: ``setcontext(money.CONTEXT)`` then ``getcontext().prec = 6`` rounded sums.

    It also made ``ExchangeRate.convert`` raise a bare ``decimal.InvalidOperation``.
    """
    expected = _answers()
    saved_thread, saved = decimal.getcontext(), money.CONTEXT.copy()
    try:
        decimal.setcontext(money.CONTEXT)
        _set(decimal.getcontext(), change)
        assert expected == _answers()
    finally:
        decimal.setcontext(saved_thread)
        _restore(money.CONTEXT, saved)


def test_the_answers_the_context_changes_are_checked_against():
    """The pinned answers: the split conserves the cent, the conversion keeps every digit."""
    total, product, split, allocated, converted, inverse, fee, text = _answers()
    assert Money("123456.79", "USD") == total
    assert Money("1851.855", "USD") == product
    parts = Money("333333.34", "USD"), Money("333333.34", "USD"), Money("333333.33", "USD")
    assert parts == split
    assert Money("1000000.01", "USD") == sum(allocated, Money.zero("USD"))
    assert Money("345831354.88", "PKR") == converted
    assert Decimal("0.003569855285206448") == inverse.rate  # type: ignore[attr-defined]
    assert Money("6722.84", "USD") == fee  # 2020 sliding scale: 100 + 950 + 5672.84
    assert "USD 1,000,000.01" == text


def test_the_published_context_has_the_librarys_settings():
    """``money.CONTEXT`` shows the settings the library computes with: 60 digits, half up, traps."""
    context = money.CONTEXT
    assert (60, decimal.ROUND_HALF_UP, 999_999, -999_999) == (
        context.prec,
        context.rounding,
        context.Emax,
        context.Emin,
    )
    trapped = {signal for signal, on in context.traps.items() if on}
    assert {decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow} == trapped
    assert [] == [signal for signal, raised in context.flags.items() if raised]


def test_no_module_computes_with_the_published_context():
    """Red team r18 H1: every module imports the private context, never ``money.CONTEXT``."""
    source = Path(money.__file__).parent
    found = set()
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "upwork_safety.money"
                and any(alias.name == "CONTEXT" for alias in node.names)
            ):
                found.add(path.relative_to(source).as_posix())
    assert set() == found


def test_importing_every_module_under_a_hostile_context_computes_nothing_in_it():
    """Modules are imported lazily, so inside whatever context the caller has then (review r31, 4).

    A module-level constant computed with ``decimal`` arithmetic raised a raw
    ``decimal.Rounded`` there, or kept ``1.00E+9`` for the rest of the process.
    Each module is imported in a fresh interpreter, under three significant
    digits with every rounding trapped, and its constants must match a
    default import's.
    """
    import subprocess
    import sys

    script = """
import decimal, importlib, pathlib, sys
import upwork_safety
hostile = sys.argv[1] == "hostile"
root = pathlib.Path(upwork_safety.__file__).parent
# Found by file, not by pkgutil.walk_packages, which imports every package to look inside.
names = sorted(
    ".".join(("upwork_safety", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
    for path in root.rglob("*.py")
)
names = [n for n in names if not n.endswith(("plot", "__main__")) and ".testing" not in n]
assert not [n for n in names if n in sys.modules and "statements" in n], "imported too early"
with decimal.localcontext() as context:
    if hostile:
        context.prec = 3
        context.rounding = decimal.ROUND_DOWN
        context.traps[decimal.Rounded] = context.traps[decimal.Inexact] = True
    modules = [importlib.import_module(name) for name in names]
for module in modules:
    for key, value in sorted(vars(module).items()):
        if isinstance(value, decimal.Decimal):
            print(module.__name__, key, repr(value))
"""
    runs = [
        subprocess.run(  # noqa: S603  (this interpreter, a fixed script)
            [sys.executable, "-c", script, kind],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        for kind in ("default", "hostile")
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[1].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
    assert "upwork_safety.statements._model MAX_AMOUNT Decimal('1000000000')" in runs[0].stdout
