"""The hourly package's public surface: its names, its layers, wrong-typed arguments, exact decimals."""

from __future__ import annotations

import ast
import decimal
import importlib
import inspect
import pkgutil
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import hourly, rules
from upwork_safety.errors import InvalidValueError, UpworkSafetyError
from upwork_safety.hourly import (
    BillingWeek,
    Pause,
    TimeEntry,
    bonus,
    dispute_response,
    invoice,
    payout_schedule,
    weekly_payment,
)
from upwork_safety.models import Client, Contract, ContractKind
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))
PACKAGE = Path(hourly.__file__).parent


def at(day, hour=0, minute=0, *, tz=UTC):
    return datetime(2024, 1, day, hour, minute, tzinfo=tz)


def usd(amount):
    return Money(amount, "USD")


DIARY = [
    TimeEntry(at(2, 9), at(2, 11), memo="api", activity=6),
    TimeEntry(at(3, 9), at(3, 10), manual=True, memo="call"),
]
CONTRACT = Contract(
    "h1",
    Client("acme", payment_verified=True),
    ContractKind.HOURLY,
    date(2023, 12, 1),
    hourly_rate=usd("25.00"),
    time_entries=tuple(DIARY),
)


# --- the surface ------------------------------------------------------------------------


def test_public_names_are_sorted_and_include_the_design_contract():
    """__all__ is sorted, and every name DESIGN.md gives the hourly package is in it.

    Sorted as ruff sorts it (RUF022): constants (``MAX_WEEKS``) first, then
    classes, then functions, each alphabetically.
    """

    def kind(name):
        return 0 if name.isupper() else 1 if name[0].isupper() else 2

    assert sorted(hourly.__all__, key=lambda name: (kind(name), name)) == hourly.__all__
    assert {"billing_week", "BillingWeek", "TimeEntry", "invoice", "WeeklyInvoice"} <= set(
        hourly.__all__
    )
    assert {
        "Bonus",
        "Pause",
        "PayoutSchedule",
        "WeeklyPayment",
        "bonus",
        "payout_schedule",
        "weekly_payment",
    } <= set(hourly.__all__)


def test_every_private_module_says_what_it_owns():
    """Each private module of the package has a module docstring and no public names leak."""
    for info in pkgutil.iter_modules([str(PACKAGE)]):
        assert info.name.startswith("_"), info.name
        module = importlib.import_module(f"upwork_safety.hourly.{info.name}")
        assert (module.__doc__ or "").strip(), info.name


ALLOWED = {
    "upwork_safety._calendar",
    "upwork_safety._decimals",
    "upwork_safety._display",
    "upwork_safety._last_day",
    "upwork_safety._moments",
    "upwork_safety._pickling",
    "upwork_safety._plain",
    "upwork_safety._scales",
    "upwork_safety._render",
    "upwork_safety._validate",
    "upwork_safety._amount_fields",
    "upwork_safety._text",
    "upwork_safety.errors",
    "upwork_safety.kinds",
    "upwork_safety.models",
    "upwork_safety.money",
    "upwork_safety.rules",
}


def test_imports_point_only_downward():
    """The hourly modules import only the layers below them and each other, never another engine."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and "upwork_safety" in node.module:
                assert node.module in ALLOWED or node.module.startswith("upwork_safety.hourly"), (
                    f"{path.name} imports {node.module}"
                )


# --- wrong-typed arguments (issue 17) ----------------------------------------------------

#: Wrong-typed values every argument is tried with, by label.
WRONG = {
    "None": None,
    "int": 5,
    "str": "payoneer",
    "float": 2.5,
    "decimal": Decimal(1),
    "object": object(),
    "list of objects": [object()],
    "dict": {"a": 1},
    "date": date(2024, 1, 2),
    "naive datetime": datetime(2024, 1, 2, 9),
}

EXTRA = bonus(usd(50), paid_at=at(10, 15))
WEEKLY = weekly_payment(usd(400), week=WEEK, started=date(2024, 1, 2))
BILL = invoice(
    DIARY,
    week=WEEK,
    rate=usd(25),
    weekly_limit=10,
    pauses=[Pause(at(4), at(5))],
    client_verified=True,
)
PLAN = payout_schedule(invoices=[BILL], bonuses=[EXTRA], weekly_payments=[WEEKLY])

#: (name, function, valid keyword arguments, labels of WRONG values that are in fact valid).
FUNCTIONS = [
    ("billing_week", hourly.billing_week, {"at": at(3)}, {}),
    ("weeks_of", hourly.weeks_of, {"entries": DIARY}, {}),
    (
        "payout_calendar",
        hourly.payout_calendar,
        {"week": WEEK, "top_rated": False, "rules": None},
        {"rules": {"None"}},
    ),
    (
        "invoice",
        invoice,
        {
            "entries": DIARY,
            "week": WEEK,
            "rate": usd(25),
            "weekly_limit": None,
            "client_verified": True,
            "top_rated": False,
            "pauses": [],
            "rules": None,
        },
        {"weekly_limit": {"None", "int", "decimal"}, "rules": {"None"}},
    ),
    (
        "invoice_for",
        hourly.invoice_for,
        {"contract": CONTRACT, "week": WEEK, "top_rated": False, "pauses": [], "rules": None},
        {"rules": {"None"}},
    ),
    (
        "dispute_response",
        dispute_response,
        {"opened_at": at(9), "invoice": BILL, "rules": None},
        {"invoice": {"None"}, "rules": {"None"}},
    ),
    ("bonus", bonus, {"amount": usd(50), "paid_at": at(10), "rules": None}, {"rules": {"None"}}),
    (
        "weekly_payment",
        weekly_payment,
        {
            "weekly_amount": usd(400),
            "week": WEEK,
            "started": None,
            "ended": None,
            "pauses": [],
            "rules": None,
        },
        {"started": {"None", "date"}, "ended": {"None", "date"}, "rules": {"None"}},
    ),
    (
        "payout_schedule",
        payout_schedule,
        {"invoices": [BILL], "bonuses": [EXTRA], "weekly_payments": [WEEKLY]},
        {},
    ),
    ("BillingWeek.contains", WEEK.contains, {"at": at(3)}, {}),
    (
        "BillingWeek.calendar",
        WEEK.calendar,
        {"top_rated": False, "rules": None},
        {"rules": {"None"}},
    ),
    ("Pause.contains", Pause(at(2)).contains, {"at": at(3)}, {}),
    ("Pause.overlap", Pause(at(2)).overlap, {"start": at(1), "end": at(3)}, {}),
    ("Bonus.status", EXTRA.status, {"at": at(3)}, {}),
    ("WeeklyPayment.status", WEEKLY.status, {"at": at(3)}, {}),
    ("PayoutItem.status", PLAN.items[0].status, {"at": at(3)}, {}),
    ("PayoutSchedule.balances", PLAN.balances, {"at": at(3)}, {}),
]


def _function_cases():
    for name, function, valid, allowed in FUNCTIONS:
        for argument in valid:
            for label, value in WRONG.items():
                if label in allowed.get(argument, set()):
                    continue
                yield pytest.param(
                    function, valid, argument, value, id=f"{name}-{argument}-{label}"
                )


def test_the_sweep_covers_every_public_function():
    """Every public function of the package, and every method taking arguments, is swept."""
    functions = {n for n in hourly.__all__ if inspect.isfunction(getattr(hourly, n))}
    assert functions == {name for name, *_ in FUNCTIONS if "." not in name}
    for name, function, valid, _ in FUNCTIONS:
        assert set(inspect.signature(function).parameters) == set(valid), name


@pytest.mark.parametrize(("function", "valid", "argument", "value"), list(_function_cases()))
def test_wrong_typed_arguments_get_a_library_error_naming_them(function, valid, argument, value):
    """A wrong-typed argument raises the library's error naming that argument, never a raw one."""
    function(**valid)  # the valid call works
    with pytest.raises(UpworkSafetyError) as info:
        function(**{**valid, argument: value})
    assert info.value.field is not None
    assert info.value.field.split("[")[0] in {argument, f"Contract.{argument}"} or (
        argument == "opened_at" and info.value.field == "opened_at"
    ), info.value.field


#: One real value of every public attrs class, and the WRONG labels each field accepts.
VALUES = [
    (WEEK, {}),
    (Pause(at(2), at(3)), {"end": {"None"}}),
    (BILL.segments[0], {"activity": {"None", "int"}, "memo": {"str"}}),
    (BILL, {"weekly_limit": {"None", "int", "decimal"}}),
    (BILL.calendar, {}),
    (dispute_response(at(9)), {"protected_amount": {"None"}, "unprotected_amount": {"None"}}),
    (EXTRA, {}),
    (
        attrs.evolve(WEEKLY, share=Decimal(1), basis=hourly.WeeklyPaymentBasis.FULL_WEEK),
        {"share": {"decimal"}},
    ),
    (PLAN.items[0], {"review_ends": {"None"}, "week": {"None"}}),
    (PLAN, {}),
]


def _constructor_cases():
    for value, allowed in VALUES:
        cls = type(value)
        for field in attrs.fields(cls):
            for label, wrong in WRONG.items():
                if label in allowed.get(field.name, set()):
                    continue
                yield pytest.param(
                    value, field.name, wrong, id=f"{cls.__name__}.{field.name}-{label}"
                )


def test_the_constructor_sweep_covers_every_public_class():
    """Every public attrs class of the package has a value in the constructor sweep."""
    classes = {n for n in hourly.__all__ if attrs.has(getattr(hourly, n)) and n != "TimeEntry"}
    assert classes == {type(value).__name__ for value, _ in VALUES}


@pytest.mark.parametrize(("value", "name", "wrong"), list(_constructor_cases()))
def test_wrong_typed_fields_get_a_library_error_naming_them(value, name, wrong):
    """Building any public class with a wrong-typed field raises the library's error naming it."""
    cls = type(value)
    with pytest.raises(UpworkSafetyError) as info:
        attrs.evolve(value, **{name: wrong})
    assert info.value.field is not None
    assert info.value.field.startswith(f"{cls.__name__}."), info.value.field


# --- exact decimals in any context (issue 12, item 5) ------------------------------------


def compute():
    """Amounts and hours whose exact values need more than 3 digits."""
    long_week = [TimeEntry(at(1, 0), at(2, 13, 30), memo="migration", activity=5)]  # 37.5 h
    bill = invoice(
        long_week,
        week=WEEK,
        rate=usd("123.45"),
        pauses=[Pause(at(2, 13), at(3))],
        client_verified=True,
    )
    weekly = weekly_payment(usd("333.33"), week=WEEK, started=date(2024, 1, 3))
    plan = payout_schedule(
        invoices=[bill], weekly_payments=[weekly], bonuses=[bonus(usd("1234.56"), paid_at=at(9))]
    )
    return (
        bill.amount,
        bill.billable_hours,
        bill.paused_hours,
        bill.protected_amount,
        weekly.amount,
        plan.total,
        plan.balances(at(13, 12)),
    )


def test_results_do_not_depend_on_the_callers_decimal_context():
    """With prec=3 and rounding down in force, every hourly figure is still exact."""
    expected = compute()
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_DOWN
        context.traps[decimal.Inexact] = True
        assert expected == compute()
    amount, hours, paused, protected, weekly, total, _ = expected
    # 37 h at $123.45 (37.5 h logged, 30 min paused) = 4,567.65.
    assert usd("4567.65") == amount
    assert Decimal("37.00") == hours
    assert Decimal("0.50") == paused
    assert usd("4567.65") == protected
    assert usd("200.00") == weekly  # 333.33 × 60% = 199.998
    assert usd("6002.21") == total


# --- time as instants (issue 12, item 4) ---------------------------------------------------


def test_equal_instants_in_any_zone_give_equal_results():
    """The same diary, pauses and payments given in Karachi time equal those given in UTC."""
    karachi_diary = [
        TimeEntry(e.start.astimezone(KARACHI), e.end.astimezone(KARACHI), memo=e.memo)
        for e in DIARY
    ]
    utc_diary = [TimeEntry(e.start, e.end, memo=e.memo) for e in DIARY]
    pause_k = Pause(at(2, 15, 30, tz=KARACHI), at(2, 16, tz=KARACHI))
    pause_u = Pause(at(2, 10, 30), at(2, 11))
    assert invoice(
        utc_diary, week=WEEK, rate=usd(20), pauses=[pause_u], client_verified=True
    ) == invoice(karachi_diary, week=WEEK, rate=usd(20), pauses=[pause_k], client_verified=True)
    assert bonus(usd(5), paid_at=at(3, 4, tz=KARACHI)) == bonus(usd(5), paid_at=at(2, 23))
    assert dispute_response(at(9, 17, tz=KARACHI)) == dispute_response(at(9, 12))
    assert BillingWeek(at(1, 5, tz=KARACHI)) == WEEK


def test_every_stored_moment_is_utc():
    """Every datetime a public hourly value holds is in UTC, whatever zone it came in."""
    value = dispute_response(at(9, 17, tz=KARACHI))
    assert {UTC} == {value.opened_at.tzinfo, value.respond_by.tzinfo}
    calendar = attrs.evolve(BILL.calendar, available_at=at(17, 5, tz=KARACHI))
    assert UTC == calendar.available_at.tzinfo
    assert rules.CURRENT.security_period == EXTRA.available_at - EXTRA.paid_at


def test_a_calendar_moment_on_pythons_last_day_is_refused_not_overflowed():
    """Regression (error sweep, r10): the order check added a second to the window's end,
    and ``datetime.max`` raised Python's OverflowError instead of the library's error."""
    last = datetime.max.replace(tzinfo=timezone.utc)
    calendar = hourly.payout_calendar(
        hourly.billing_week(datetime(2026, 3, 9, tzinfo=timezone.utc))
    )
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(calendar, dispute_window_ends=last)
    assert "PayoutCalendar.available_at" == info.value.field
