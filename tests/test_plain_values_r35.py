"""Plain values at the boundary, second pass (review r35: hostile 1, 2, 3, 7; review 4).

Round 34 made a subclass of one of the library's values plain before the
library read it.  Three ways in were left, each reproduced here with the
report's values (a service fee of USD 13.83, a JSS of 75):

* a ``date`` subclass given as a day (``on=``, ``as_of=``): ``isinstance(day,
  datetime)`` asked it for its ``__class__``, running its ``__getattribute__``
  in the library's decimal context (a fee of USD 1.00, a valid history
  refused by the library's own check, a raw ``decimal.Inexact``);
* the ``Contract`` subclasses in ``jss.score_frame``'s column, read as given;
* a ``Money`` made with ``object.__new__`` whose slots hold text, a float or
  a ``Decimal`` subclass, taken as ``Money`` (a raw ``TypeError``, a wrong
  fee, a ``Bonus`` holding a float).

And two smaller ones: an honest ``date`` subclass (freezegun's ``FakeDate``)
refused by ``ExchangeRate.as_of`` and ``fees.payout(available_on=)`` only, and
``escrow.is_automatic`` answering ``False`` for an automatic event's subclass
and for anything that is no event.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from test_decimal_context_r33 import MEDDLES
from upwork_safety import (
    Contract,
    ExchangeRate,
    Money,
    Payment,
    escrow,
    fees,
    hourly,
    jss,
    rules,
    statements,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, TransitionError
from upwork_safety.testing import factories

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

UTC = timezone.utc


class _Meddle:
    """What the caller's values below do to the current context when read (``None``: nothing)."""

    act: Callable[[], None] | None = None
    #: How many times a caller's value below ran code of its own since the last reset.
    runs = 0

    @classmethod
    def now(cls) -> None:
        cls.runs += 1
        if cls.act is not None:
            cls.act()


@pytest.fixture(params=sorted(MEDDLES))
def meddling(request: pytest.FixtureRequest) -> Iterator[decimal.Context]:
    """Each meddle in turn; yields the caller's own context, restored afterwards."""
    _Meddle.act, _Meddle.runs = MEDDLES[request.param], 0
    with decimal.localcontext() as mine:
        mine.prec = 28
        try:
            yield mine
        finally:
            _Meddle.act = None
            decimal.setcontext(mine)  # a meddle may have installed another


class QuietDate(date):
    """A lazy or proxy date: every attribute read (``__class__`` too) meddles first."""

    def __getattribute__(self, name: str) -> Any:
        _Meddle.now()
        return object.__getattribute__(self, name)


class FakeDate(date):
    """An honest subclass, as freezegun's ``FakeDate`` or ``pendulum.Date``."""


def quiet(day: date) -> date:
    return QuietDate(day.year, day.month, day.day)


def plain(day: date) -> date:
    return day


USD = "USD"
BILLED_BEFORE = Money("9990.00", USD)
RATE = ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=date(2026, 3, 10))
HISTORY = [
    factories.finished_contract(contract_id=f"c{i}", client=f"cl{i}", ended=date(2026, 5, 1))
    for i in range(3)
] + [factories.finished_contract(contract_id="c9", client="cl9", stars=2, ended=date(2026, 5, 1))]
AS_OF = date(2026, 12, 1)
CREDITS = [fees.Credit(date(2026, 3, 2), Money("700.00", USD))]


# -- hostile 1: a date subclass as a day ---------------------------------------------------


def test_a_lazy_date_gives_the_reports_service_fees(meddling: decimal.Context) -> None:
    """The report's figures: USD 13.83, 252.81 and 267.19 (it got 1.00, 265.64 and 254.33)."""
    amount, on = Money("266.64", USD), quiet(date(2020, 3, 1))
    fee = fees.service_fee(amount, on=on, billed_before=BILLED_BEFORE)
    net = fees.net_earnings(amount, on=on, billed_before=BILLED_BEFORE)
    gross = fees.gross_for_net(Money("253.33", USD), on=on, billed_before=BILLED_BEFORE)
    assert (Money("13.83", USD), Money("252.81", USD), Money("267.19", USD)) == (fee, net, gross)
    assert (Money, 0) == (type(fee), _Meddle.runs)
    assert 28 == meddling.prec  # the caller's context: the date's code never ran


def test_a_lazy_date_scores_the_reports_history(meddling: decimal.Context) -> None:
    """jss.score(as_of=a lazy date) is 75; it refused the history (``the tallies ...``)."""
    report = jss.score(HISTORY, as_of=quiet(AS_OF))
    assert (75, date, AS_OF, 0) == (report.score, type(report.as_of), report.as_of, _Meddle.runs)


#: Every public function that takes a day, by family, given its days through ``d``.
DAY_CALLS: dict[str, Callable[[Callable[[date], date]], object]] = {
    # fees
    "fees.service_fee": lambda d: fees.service_fee(
        Money("266.64", USD), on=d(date(2020, 3, 1)), billed_before=BILLED_BEFORE
    ),
    "fees.explain_service_fee": lambda d: fees.explain_service_fee(
        Money("266.64", USD), on=d(date(2020, 3, 1)), billed_before=BILLED_BEFORE
    ),
    "fees.net_earnings": lambda d: fees.net_earnings(
        Money("266.64", USD), on=d(date(2020, 3, 1)), billed_before=BILLED_BEFORE
    ),
    "fees.gross_for_net": lambda d: fees.gross_for_net(
        Money("253.33", USD), on=d(date(2020, 3, 1)), billed_before=BILLED_BEFORE
    ),
    "fees.quote_withdrawal": lambda d: fees.quote_withdrawal(
        Money("1234.56", USD), "payoneer", reference_rate=RATE, on=d(date(2026, 3, 10))
    ),
    "fees.compare_withdrawals": lambda d: fees.compare_withdrawals(
        Money("1234.56", USD), reference_rate=RATE, on=d(date(2026, 3, 10))
    ),
    "fees.withdrawal_for_target": lambda d: fees.withdrawal_for_target(
        Money("300000", "PKR"), "payoneer", reference_rate=RATE, on=d(date(2026, 3, 10))
    ),
    "fees.break_even": lambda d: fees.break_even(
        fees.PAYONEER,
        attrs.evolve(fees.WIRE_USD, spread=Decimal(0)),
        reference_rate=RATE,
        on=d(date(2026, 3, 10)),
    ),
    "fees.payout on=, available_on=": lambda d: fees.payout(
        Money("1234.56", USD),
        method="payoneer",
        reference_rate=RATE,
        on=d(date(2026, 3, 1)),
        available_on=d(date(2026, 3, 10)),
    ),
    "fees.retention_allowance": lambda d: fees.retention_allowance(
        Money("1234.56", USD), on=d(date(2026, 3, 1))
    ),
    "fees.arrival method_added=": lambda d: fees.arrival(
        "payoneer", datetime(2026, 3, 10, 9, tzinfo=UTC), method_added=d(date(2026, 3, 1))
    ),
    "fees.paydays": lambda d: fees.paydays(start=d(date(2026, 3, 1)), end=d(date(2026, 6, 30))),
    "fees.auto_withdrawals": lambda d: fees.auto_withdrawals(
        CREDITS, start=d(date(2026, 3, 1)), end=d(date(2026, 6, 30))
    ),
    "fees.compare_schedules": lambda d: fees.compare_schedules(
        CREDITS, start=d(date(2026, 3, 1)), end=d(date(2026, 6, 30))
    ),
    "fees.schedule_as_of": lambda d: fees.schedule_as_of(d(date(2020, 3, 1))),
    # jss
    "jss.score": lambda d: jss.score(HISTORY, as_of=d(AS_OF)),
    "jss.score_many": lambda d: list(jss.score_many([HISTORY], as_of=d(AS_OF))),
    "jss.timeline": lambda d: jss.timeline(
        HISTORY, start=d(date(2026, 11, 1)), end=d(date(2026, 11, 3))
    ),
    "jss.top_rated": lambda d: jss.top_rated(HISTORY, as_of=d(AS_OF)),
    "jss.top_rated_weeks": lambda d: jss.top_rated_weeks(HISTORY, as_of=d(AS_OF)),
    "jss.what_if": lambda d: jss.what_if(HISTORY[:3], HISTORY[3], as_of=d(AS_OF)),
    "jss.classify": lambda d: jss.classify(HISTORY[3], as_of=d(AS_OF), history=HISTORY),
    "jss.explain_change": lambda d: jss.explain_change(
        HISTORY, d(date(2026, 4, 1)), d(date(2026, 12, 1))
    ),
    "jss.rules_as_of": lambda d: jss.rules_as_of(d(AS_OF)),
    # rules, statements, escrow, hourly, testing
    "rules.as_of": lambda d: rules.as_of(d(date(2020, 3, 1))),
    "statements.tax_year": lambda d: statements.tax_year(d(date(2026, 3, 1))),
    "escrow.to_mermaid": lambda d: escrow.to_mermaid(on=d(date(2020, 3, 1))),
    "hourly.weekly_payment": lambda d: hourly.weekly_payment(
        Money("266.64", USD),
        week=hourly.billing_week(datetime(2026, 3, 4, tzinfo=UTC)),
        started=d(date(2026, 3, 4)),
    ),
    "factories.contract started=": lambda d: factories.contract(started=d(date(2026, 3, 2))),
}


@pytest.mark.parametrize("name", sorted(DAY_CALLS))
def test_every_day_argument_reads_a_lazy_date_as_its_plain_date(
    name: str, meddling: decimal.Context
) -> None:
    """Each family's days: the same answer as the plain date, and none of the subclass's code runs."""
    call = DAY_CALLS[name]
    _Meddle.act, act = None, _Meddle.act
    expected = call(plain)
    _Meddle.act, _Meddle.runs = act, 0
    assert expected == call(quiet)
    assert 0 == _Meddle.runs
    assert 28 == meddling.prec


class ClaimsDate:
    """Not a date, but claims to be one through ``__class__`` (which ``isinstance`` believes)."""

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return date


def test_an_object_that_only_claims_to_be_a_date_is_refused() -> None:
    """``isinstance`` believed it, and ``date``'s own methods then raised a raw ``TypeError``."""
    with pytest.raises(InvalidTypeError) as info:
        fees.service_fee(Money("266.64", USD), on=ClaimsDate())  # type: ignore[arg-type]
    assert "on" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        Payment(ClaimsDate(), Money("266.64", USD))  # type: ignore[arg-type]
    assert "Payment.on" == info.value.field


# -- hostile 2: score_frame's column -----------------------------------------------------------


def test_score_frame_reads_a_lazy_contract_as_the_plain_contract(
    meddling: decimal.Context,
) -> None:
    """The report's frame scores 75, as ``jss.score`` of the same contracts; it refused it."""
    pd = pytest.importorskip("pandas")
    lazy_kind = type("LazyContract", (Contract,), {"__getattribute__": QuietDate.__getattribute__})
    held = [
        {field.alias: getattr(contract, field.name) for field in attrs.fields(Contract)}
        for contract in HISTORY
    ]
    _Meddle.act, act = None, _Meddle.act
    lazy = [lazy_kind(**fields) for fields in held]
    frame = pd.DataFrame({"freelancer": ["f"] * 4, "contract": lazy})  # pandas reads them
    _Meddle.act, _Meddle.runs = act, 0
    table = jss.score_frame(frame, as_of=AS_OF)
    assert ([75], [4]) == (table["score"].tolist(), table["contracts_given"].tolist())
    assert 0 == _Meddle.runs
    assert 28 == meddling.prec


class ClaimsContract:
    """Not a Contract, but claims to be one through ``__class__``."""

    id = "c1"

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return Contract


def test_score_frame_refuses_a_cell_that_only_claims_to_be_a_contract() -> None:
    """``isinstance`` believed its ``__class__``; it is refused at its row, as ``score`` refuses it."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"freelancer": ["f", "f"], "contract": [HISTORY[0], ClaimsContract()]})
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame(frame, as_of=AS_OF)
    assert ("contract[1]", "a Contract") == (info.value.field, info.value.rule)


# -- hostile 3: a Money whose slots were filled by hand ---------------------------------------


class MeddlingDecimal(Decimal):
    """A ``Decimal`` whose arithmetic meddles (set into a ``Money``'s slot by hand)."""

    def __mul__(self, other: object) -> Decimal:
        _Meddle.now()
        return Decimal.__mul__(self, other)  # type: ignore[operator]

    __rmul__ = __mul__


def money_with(amount: object, currency: object = USD) -> Money:
    """A ``Money`` made without its constructor, its slots set by hand."""
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


HAND_MADE = {
    "text": lambda: money_with("266.64"),
    "float": lambda: money_with(266.64),
    "Decimal subclass": lambda: money_with(MeddlingDecimal("266.64")),
    "str subclass currency": lambda: money_with(Decimal("266.64"), type("Code", (str,), {})(USD)),
    "int": lambda: money_with(266),
}


@pytest.mark.parametrize("kind", sorted(HAND_MADE))
def test_a_hand_made_money_is_refused_as_an_argument(kind: str, meddling: decimal.Context) -> None:
    """It gave a raw ``TypeError`` (text, a float) or USD 1.00 (a meddling Decimal)."""
    with pytest.raises(InvalidValueError) as info:
        fees.service_fee(HAND_MADE[kind](), on=date(2020, 3, 1), billed_before=BILLED_BEFORE)
    assert ("amount", "a Money built by its constructor") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        fees.service_fee(Money("266.64", USD), on=date(2020, 3, 1), billed_before=HAND_MADE[kind]())
    assert "billed_before" == info.value.field
    assert 28 == meddling.prec


@pytest.mark.parametrize("kind", sorted(HAND_MADE))
def test_a_hand_made_money_is_refused_in_a_field(kind: str) -> None:
    """A value holding it was built: ``hourly.bonus`` gave a ``Bonus`` holding a float."""
    with pytest.raises(InvalidValueError) as info:
        hourly.bonus(HAND_MADE[kind](), paid_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert ("amount", "a Money built by its constructor") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        Payment(date(2026, 3, 1), HAND_MADE[kind]())
    assert ("Payment.amount", "a Money built by its constructor") == (
        info.value.field,
        info.value.rule,
    )


def test_a_money_built_by_its_constructor_holds_a_plain_decimal_and_str() -> None:
    """What the check takes: the constructor makes a Decimal subclass and a str subclass plain."""
    money = Money(MeddlingDecimal("266.64"), type("Code", (str,), {})(USD))
    assert (Decimal, str) == (type(money.amount), type(money.currency))
    fee = fees.service_fee(money, on=date(2020, 3, 1), billed_before=BILLED_BEFORE)
    assert Money("13.83", USD) == fee


# -- hostile 7: an honest date subclass as a rate's day and a payout's available day ----------


def test_an_exchange_rate_takes_a_date_subclass_as_its_plain_date() -> None:
    """It was refused (``must be a date or None, not FakeDate``), unlike every other day."""
    rate = ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=FakeDate(2026, 3, 10))
    assert (date, date(2026, 3, 10)) == (type(rate.as_of), rate.as_of)
    assert RATE == rate
    with pytest.raises(InvalidValueError) as info:
        ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=FakeDate(9991, 1, 1))
    assert ("ExchangeRate.as_of", "on or before 9990-12-31") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidTypeError) as info:
        ExchangeRate("USD", "PKR", Decimal("280.50"), as_of=datetime(2026, 3, 10, tzinfo=UTC))  # type: ignore[arg-type]
    assert ("ExchangeRate.as_of", "a date") == (info.value.field, info.value.rule)


def test_payout_takes_a_date_subclass_as_its_available_day() -> None:
    """``available_on=FakeDate(...)`` was refused; it is the plain day, and the bound still holds."""
    paid = Money("1234.56", USD)

    def payout(available_on: date) -> fees.Payout:
        return fees.payout(
            paid,
            method="payoneer",
            reference_rate=RATE,
            on=date(2026, 3, 1),
            available_on=available_on,
        )

    made = payout(FakeDate(2026, 3, 10))
    assert made == payout(date(2026, 3, 10))
    assert (date, date(2026, 3, 10)) == (type(made.available_on), made.available_on)
    assert made == attrs.evolve(made, available_on=FakeDate(2026, 3, 10))
    with pytest.raises(InvalidValueError) as info:
        payout(FakeDate(9991, 1, 1))
    assert ("available_on", "on or before 9990-12-31") == (info.value.field, info.value.rule)


# -- review 4: escrow.is_automatic -------------------------------------------------------------

MOMENT = datetime(2024, 1, 1, tzinfo=UTC)


class MyAutoApprove(escrow.AutoApprove):
    """An event of a subclass (an ORM's record), which ``apply`` reads as the AutoApprove it is."""


def test_is_automatic_reads_an_event_as_apply_does() -> None:
    """A subclass of an automatic event is automatic (it was ``False``); a class or a name too."""
    assert (True, True, True) == (
        escrow.is_automatic(MyAutoApprove("m1", MOMENT)),
        escrow.is_automatic(escrow.AutoApprove),
        escrow.is_automatic("AutoApprove"),
    )
    assert (False, False, False) == (
        escrow.is_automatic(escrow.Fund("m1", MOMENT)),
        escrow.is_automatic(escrow.Fund),
        escrow.is_automatic("Fund"),
    )
    with pytest.raises(TransitionError) as info:  # what apply says of the same event
        escrow.apply(factories.contract(), MyAutoApprove("m1", MOMENT))  # type: ignore[arg-type]
    assert "a manual event" == info.value.rule


@pytest.mark.parametrize("value", ["Fnud", "", None, 3, object(), MyAutoApprove, Contract])
def test_is_automatic_refuses_what_is_no_event(value: object) -> None:
    """A misspelt name or a non-event was answered ``False``, as a person's event."""
    with pytest.raises(InvalidValueError) as info:
        escrow.is_automatic(value)
    assert ("event", "an escrow event") == (info.value.field, info.value.rule)
