"""Caller code the library runs during a call cannot change the library's decimal context.

Red team r33 (finding 1): ``exact`` installs a copy of the library's context
for the outermost call, and calls nested in it trusted that copy by its
identity.  Caller code the library runs while it reads its arguments (a
generator of contracts, a ``tzinfo``'s ``utcoffset()``, a ``dict`` subclass
given to ``serialize.from_dict``, a mapping given as ``spreads=``) could
change that copy (``getcontext().prec = 1``, a trap on ``Inexact``) or
install another (``decimal.setcontext``), and the rest of the call ran in
it: a service fee of USD 1.00 for USD 13.83, a JSS of 20 for 17, a valid
history refused, a bare ``decimal.Inexact``.

Every public function that takes an iterable, a moment or a mapping is fed
a meddling one, three ways, and must give exactly the plain input's answer.
"""

from __future__ import annotations

import decimal
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, TypeVar

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    ExchangeRate,
    Feedback,
    Milestone,
    Money,
    Payment,
    checks,
    escrow,
    fees,
    hourly,
    jss,
    serialize,
    statements,
)

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def _prec1_floor() -> None:
    context = decimal.getcontext()
    context.prec = 1
    context.rounding = decimal.ROUND_FLOOR


def _trap_inexact() -> None:
    context = decimal.getcontext()
    context.prec = 6
    context.traps[decimal.Inexact] = True


def _set_another() -> None:
    decimal.setcontext(decimal.Context(prec=1, rounding=decimal.ROUND_FLOOR))


#: What the caller's code does to the current context while the library runs it.
MEDDLES: dict[str, Callable[[], None]] = {
    "prec1-floor": _prec1_floor,
    "trap-inexact": _trap_inexact,
    "setcontext": _set_another,
}


class _Meddler:
    """Which meddle the caller's objects below perform (``None``: they behave)."""

    meddle: Callable[[], None] | None = None

    @classmethod
    def act(cls) -> None:
        if cls.meddle is not None:
            cls.meddle()


def lazy(items: Iterable[T]) -> Iterator[T]:
    """A generator of *items* that meddles before each one."""
    for item in items:
        _Meddler.act()
        yield item


class Zone(tzinfo):
    """UTC, whose ``utcoffset()`` meddles (a timezone library with its own Decimal work)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        _Meddler.act()
        return timedelta(0)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "UTC"


class Row(dict):  # type: ignore[type-arg]
    """A dict whose reads meddle (an ORM row, a lazy JSON proxy)."""

    def __getitem__(self, key: object) -> Any:
        _Meddler.act()
        return super().__getitem__(key)

    def __iter__(self) -> Iterator[Any]:
        _Meddler.act()
        return super().__iter__()

    def items(self) -> Any:
        _Meddler.act()
        return super().items()


def rows(data: object) -> object:
    """*data* with every dict a :class:`Row`."""
    if isinstance(data, dict):
        return Row({key: rows(value) for key, value in data.items()})
    if isinstance(data, list):
        return [rows(value) for value in data]
    return data


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


def _job(index: int, amount: str, stars: str) -> Contract:
    return Contract(
        f"c{index}",
        f"client-c{index}",
        ContractKind.FIXED_PRICE,
        started=date(2025, 1, 1),
        ended=date(2025, 2, 1),
        payments=[Payment(date(2025, 2, 1), _usd(amount))],
        feedback=Feedback(stars=stars),
    )


#: The red team's history: rounding bites in its JSS (a list gives 17, then 33 for three).
HISTORY = [
    _job(0, "93338.08", "4.6"),
    _job(1, "7813.79", "2.3"),
    _job(2, "65067.87", "4.4"),
    _job(3, "56046.99", "3.0"),
    _job(4, "61028.74", "3.9"),
    _job(5, "47394.38", "2.5"),
]
ODDS = {jss.Outcome.POSITIVE: "0.55", jss.Outcome.NEUTRAL: "0.44", jss.Outcome.NEGATIVE: "0.01"}
#: A reference rate needs its day (review r33, domain 2): the day of the withdrawal.
SBP = ExchangeRate("USD", "PKR", "280.4567", as_of=date(2025, 5, 1))
#: A period's rate for summarize, which converts totals (no withdrawal day).
UNDATED = ExchangeRate("USD", "PKR", "280.4567")
#: The payout below is paid on 2025-06-02 and withdrawn when available, five days later.
SBP_PAYOUT = ExchangeRate("USD", "PKR", "280.4567", as_of=date(2025, 6, 7))
AMOUNT = _usd("266.64")
BEFORE = _usd("9990.00")


def _at(*parts: int, zone: tzinfo = UTC) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def _contract(zone: tzinfo = UTC) -> Contract:
    """A contract the engine built: a bonus and an approval of five-digit amounts."""
    contract = Contract(
        "c-big",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Data pipeline", _usd("45678.91"))],
    )
    for event in (
        escrow.Fund("m1", _at(2026, 3, 2, 15, zone=zone)),
        escrow.Submit("m1", _at(2026, 3, 9, 15, zone=zone)),
    ):
        contract = escrow.apply(contract, event)
    return escrow.apply(
        contract, escrow.Approve("m1", _at(2026, 3, 10, 15, zone=zone), bonus=_usd("12345.67"))
    )


BUILT = _contract()
STATEMENT_TEXT = (ROOT / "docs" / "examples" / "synthetic-transactions-report.csv").read_text(
    encoding="utf-8-sig"
)
STATEMENT = statements.parse(STATEMENT_TEXT)
TITLE = next(row.contract for row in STATEMENT.transactions if row.is_income and row.contract)
_WEEK = hourly.billing_week(_at(2024, 1, 1, 9))
_ENTRIES = [
    hourly.TimeEntry(_at(2024, 1, 1 + day, 9), _at(2024, 1, 1 + day, 16, 40)) for day in range(5)
]


def _many(histories: Iterable[Iterable[Contract]]) -> list[jss.JSSReport]:
    return list(jss.score_many(histories, as_of=date(2025, 6, 1)))


#: Each call, given the caller's objects: ``wrap`` makes an iterable a caller's
#: generator, ``zone`` is the tzinfo of the moments, ``mapping`` makes a dict a
#: caller's mapping.  With the identity and UTC it is the plain call.
Call = Callable[[Callable[[Any], Any], tzinfo, Callable[[Any], Any]], object]
CALLS: dict[str, Call] = {
    "fees.service_fee on": lambda wrap, zone, mapping: fees.service_fee(
        AMOUNT, on=_at(2020, 3, 1, zone=zone), billed_before=BEFORE
    ),
    "fees.explain_service_fee on": lambda wrap, zone, mapping: fees.explain_service_fee(
        AMOUNT, on=_at(2020, 3, 1, zone=zone), billed_before=BEFORE
    ),
    "fees.net_earnings on": lambda wrap, zone, mapping: fees.net_earnings(
        AMOUNT, on=_at(2020, 3, 1, zone=zone), billed_before=BEFORE
    ),
    "fees.gross_for_net on": lambda wrap, zone, mapping: fees.gross_for_net(
        AMOUNT, on=_at(2020, 3, 1, zone=zone), billed_before=BEFORE
    ),
    "fees.quote_withdrawal on": lambda wrap, zone, mapping: fees.quote_withdrawal(
        _usd("1234.57"), "payoneer", reference_rate=SBP, on=_at(2025, 5, 1, zone=zone)
    ),
    "fees.payout on": lambda wrap, zone, mapping: fees.payout(
        _usd("45678.91"),
        method="payoneer",
        reference_rate=SBP_PAYOUT,
        on=_at(2025, 6, 2, zone=zone),
    ),
    "fees.compare_withdrawals": lambda wrap, zone, mapping: fees.compare_withdrawals(
        _usd("1234.57"),
        reference_rate=SBP,
        methods=wrap(["payoneer", "paypal"]),
        on=_at(2025, 5, 1, zone=zone),
        spreads=mapping({"payoneer": "0.0123"}),
    ),
    "fees.withdrawal_for_target on": lambda wrap, zone, mapping: fees.withdrawal_for_target(
        Money("345678.91", "PKR"), "payoneer", reference_rate=SBP, on=_at(2025, 5, 1, zone=zone)
    ),
    "jss.score": lambda wrap, zone, mapping: jss.score(
        wrap(HISTORY[:3]), as_of=_at(2025, 6, 1, zone=zone), exclude_clients=wrap(["client-c2"])
    ),
    "jss.score_many": lambda wrap, zone, mapping: _many(wrap([wrap(HISTORY[:3]), wrap(HISTORY)])),
    "jss.timeline": lambda wrap, zone, mapping: jss.timeline(
        wrap(HISTORY), start=date(2025, 5, 1), end=_at(2025, 5, 3, zone=zone)
    ),
    "jss.what_if": lambda wrap, zone, mapping: jss.what_if(
        wrap(HISTORY), wrap([_job(9, "12345.67", "4.1")]), as_of=_at(2025, 6, 1, zone=zone)
    ),
    "jss.explain_change": lambda wrap, zone, mapping: jss.explain_change(
        wrap(HISTORY), date(2025, 5, 1), _at(2025, 6, 1, zone=zone)
    ),
    "jss.classify": lambda wrap, zone, mapping: jss.classify(
        HISTORY[1], as_of=_at(2025, 6, 1, zone=zone), history=wrap(HISTORY)
    ),
    "jss.top_rated": lambda wrap, zone, mapping: jss.top_rated(
        wrap(HISTORY), as_of=_at(2025, 6, 1, zone=zone)
    ),
    "jss.forecast": lambda wrap, zone, mapping: jss.forecast(
        wrap(HISTORY),
        as_of=_at(2025, 6, 1, zone=zone),
        jobs=wrap([jss.FutureJob(_usd("5000.00"))]),
        outcome_odds=mapping(ODDS),
        trials=50,
        seed=7,
    ),
    "escrow.apply": lambda wrap, zone, mapping: _contract(zone),
    "escrow.replay": lambda wrap, zone, mapping: escrow.replay(
        Contract(
            "c-big",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2026, 3, 2),
            milestones=wrap([Milestone("m1", "Data pipeline", _usd("45678.91"))]),
        ),
        wrap(BUILT.history),
    ),
    "escrow.ledger": lambda wrap, zone, mapping: escrow.ledger(BUILT, _at(2026, 3, 12, zone=zone)),
    "escrow.deadlines": lambda wrap, zone, mapping: escrow.deadlines(
        BUILT, _at(2026, 3, 12, zone=zone)
    ),
    "escrow.advance": lambda wrap, zone, mapping: escrow.advance(
        BUILT, _at(2026, 4, 30, zone=zone)
    ),
    "checks.review_contract": lambda wrap, zone, mapping: checks.review_contract(
        BUILT, now=_at(2026, 3, 12, zone=zone)
    ),
    "hourly.invoice": lambda wrap, zone, mapping: hourly.invoice(
        wrap(_ENTRIES), week=_WEEK, rate=_usd("1234.57"), weekly_limit="33.3"
    ),
    "hourly.weekly_payment": lambda wrap, zone, mapping: hourly.weekly_payment(
        _usd("1234.57"), week=_WEEK, started=_at(2024, 1, 3, 12, zone=zone)
    ),
    "hourly.bonus": lambda wrap, zone, mapping: hourly.bonus(
        _usd("12345.67"), paid_at=_at(2024, 1, 3, 12, zone=zone)
    ),
    "statements.parse": lambda wrap, zone, mapping: statements.parse(
        wrap(STATEMENT_TEXT.splitlines(keepends=True))
    ),
    "statements.summarize": lambda wrap, zone, mapping: statements.summarize(
        STATEMENT, by="year", rates=mapping({str(year): UNDATED for year in range(2020, 2027)})
    ),
    "statements.audit_fees": lambda wrap, zone, mapping: statements.audit_fees(
        STATEMENT, rates=mapping({TITLE: "0.10"})
    ),
    "serialize.from_dict": lambda wrap, zone, mapping: serialize.from_dict(
        Contract, mapping(serialize.to_dict(BUILT))
    ),
}


def _settings(context: decimal.Context) -> str:
    """*context*'s settings and traps, without its flags."""
    return repr(context).split(", flags=")[0]


@pytest.fixture(autouse=True)
def _own_context_kept() -> Iterator[None]:
    """No test here leaves the thread's context changed (the next test would compute in it)."""
    before = decimal.getcontext()
    settings = _settings(before)
    yield
    assert decimal.getcontext() is before
    assert _settings(before) == settings


def _plain(value: Any) -> Any:
    return value


def _answer(call: Call, meddle: Callable[[], None] | None) -> object:
    """*call*'s answer with the caller's objects meddling by *meddle* (plain when ``None``)."""
    _Meddler.meddle = meddle
    try:
        with decimal.localcontext(decimal.Context()):
            if meddle is None:
                return call(_plain, UTC, _plain)
            return call(lazy, Zone(), rows)
    finally:
        _Meddler.meddle = None


@pytest.mark.parametrize("meddle", MEDDLES.values(), ids=MEDDLES.keys())
@pytest.mark.parametrize("name", CALLS)
def test_meddling_caller_code_changes_no_answer(name: str, meddle: Callable[[], None]) -> None:
    call = CALLS[name]
    assert _answer(call, meddle) == _answer(call, None)


@pytest.mark.parametrize("meddle", MEDDLES.values(), ids=MEDDLES.keys())
def test_the_red_teams_cases(meddle: Callable[[], None]) -> None:
    _Meddler.meddle = meddle
    # score_many reads each history before it installs the library's context, so
    # there the generator changes this test's own context: kept to this test.
    try:
        with decimal.localcontext(decimal.Context()):
            fee = fees.service_fee(AMOUNT, on=_at(2020, 3, 1, zone=Zone()), billed_before=BEFORE)
            assert type(fee) is Money
            assert fee == _usd("13.83")
            line = jss.timeline(lazy(HISTORY), start=date(2025, 5, 1), end=date(2025, 5, 3))
            assert [point.score for point in line] == [17, 17, 17]
            report = jss.score(lazy(HISTORY[:3]), as_of=date(2025, 6, 1))
            assert type(report.score) is int
            assert report.score == 33
            (streamed,) = jss.score_many([lazy(HISTORY[:3])], as_of=date(2025, 6, 1))
            assert streamed == report
            loaded = serialize.from_dict(Contract, rows(serialize.to_dict(BUILT)))
            assert loaded == BUILT
            assert [str(payment.amount) for payment in loaded.payments] == [
                "USD 45,678.91",
                "USD 12,345.67",
            ]
    finally:
        _Meddler.meddle = None


def test_the_callers_context_is_left_as_the_caller_had_it() -> None:
    """The caller's own context is its own: only the library's copy is put back."""
    _Meddler.meddle = _prec1_floor
    try:
        with decimal.localcontext(decimal.Context(prec=28)) as mine:
            jss.score(lazy(HISTORY[:3]), as_of=date(2025, 6, 1))
            assert decimal.getcontext() is mine
            assert mine.prec == 28
    finally:
        _Meddler.meddle = None


def test_importing_the_library_imports_no_zoneinfo():
    """The check for a standard zone looks zoneinfo up rather than importing it (lead r33).

    Importing it made every ``import upwork_safety`` 3 ms (5%) slower; before
    anything imports it there is no ``ZoneInfo`` to be given.  Run in a child
    process, where nothing else has imported it.
    """
    code = (
        "import sys, upwork_safety, upwork_safety.fees, upwork_safety.jss; "
        "print('zoneinfo' in sys.modules)"
    )
    done = subprocess.run(  # noqa: S603  (the test's own interpreter)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == done.stdout.strip()


def test_a_zoneinfo_subclass_still_counts_as_caller_code():
    """Only ``ZoneInfo`` itself is trusted: a subclass's methods are the caller's."""
    from zoneinfo import ZoneInfo

    from upwork_safety._moments import _standard_zone

    class Mine(ZoneInfo):
        pass

    assert _standard_zone(timezone.utc)
    assert _standard_zone(ZoneInfo("Asia/Karachi"))
    assert not _standard_zone(Mine("Asia/Karachi"))

    class Plain(tzinfo):
        pass

    assert not _standard_zone(Plain())
