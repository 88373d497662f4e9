"""Round 37, the newcomer's findings (an hourly VA using the CLI and a notebook)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from upwork_safety import (
    ExchangeRate,
    InvalidTypeError,
    InvalidValueError,
    Money,
    fees,
    hourly,
    statements,
)
from upwork_safety.cli import main
from upwork_safety.models import TimeEntry
from upwork_safety.testing import factories

UTC = timezone.utc

MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _invoice() -> hourly.WeeklyInvoice:
    entry = TimeEntry(MONDAY, MONDAY + timedelta(hours=5), memo="Inbox", activity=6)
    return hourly.invoice([entry], week=hourly.billing_week(MONDAY), rate=usd("12.00"))


def _carriers() -> dict[str, object]:
    """One real value of each class in ``fees._carriers.CARRIERS``."""
    inv = _invoice()
    bonus = hourly.bonus(usd("20.00"), paid_at=MONDAY)
    pay = hourly.weekly_payment(usd("300.00"), week=hourly.billing_week(MONDAY))
    item = hourly.payout_schedule(invoices=[inv]).items[0]
    row = statements.Transaction(
        line=2,
        on=date(2026, 12, 7),
        kind="hourly",
        amount=usd("60.00"),
        description="Invoice for 11/30/2026-12/06/2026 - 5:00 hrs @ $12.00/hr",
    )
    return {
        "WeeklyInvoice": inv,
        "Bonus": bonus,
        "WeeklyPayment": pay,
        "PayoutItem": item,
        "Transaction": row,
    }


# -- finding 4: the amount's type is judged before on= is asked for

_FEE_FUNCTIONS = {
    "service_fee": fees.service_fee,
    "net_earnings": fees.net_earnings,
    "explain_service_fee": fees.explain_service_fee,
}
_NOT_MONEY = [None, 144.0, 144, "144.00", Decimal("144.00"), object()]


@pytest.mark.parametrize("name", list(_FEE_FUNCTIONS))
@pytest.mark.parametrize("value", _NOT_MONEY, ids=lambda v: type(v).__name__)
def test_a_fee_function_names_the_amount_before_asking_for_on(name, value):
    """Newcomer r37, 4: ``service_fee(144.0)`` asked for ``on=`` first, then, given it,
    refused the float: two errors about one argument, the first pointing elsewhere."""
    with pytest.raises(InvalidTypeError) as refused:
        _FEE_FUNCTIONS[name](value)  # type: ignore[operator]
    assert (refused.value.field, refused.value.rule) == ("amount", "Money")


@pytest.mark.parametrize("value", _NOT_MONEY, ids=lambda v: type(v).__name__)
def test_payout_names_the_payment_before_asking_for_on(value):
    rate = ExchangeRate("USD", "PKR", "280.50", as_of=date(2026, 12, 16))
    with pytest.raises(InvalidTypeError) as refused:
        fees.payout(value, method="payoneer", reference_rate=rate)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.rule) == ("payment", "Money")
    with pytest.raises(InvalidTypeError) as refused:  # before a bad on= too
        fees.payout(value, method="payoneer", reference_rate=rate, on="2026-12-07")  # type: ignore[arg-type]
    assert refused.value.field == "payment"


def test_the_carriers_table_names_real_classes_and_attributes():
    """Every class and attribute the hints name exists: the table cannot drift from them."""
    from upwork_safety.fees._carriers import CARRIERS  # new in r37

    values = _carriers()
    packages = {"hourly": hourly, "statements": statements}
    assert sorted(name for _, name in CARRIERS) == sorted(values)
    for (package, name), carrier in CARRIERS.items():
        kind = getattr(packages[package], name)
        assert isinstance(values[name], kind)
        assert isinstance(values[name].amount, Money)
        assert getattr(values[name], carrier.charged) is not None


def _hinted(message: str) -> str:
    """The ``fees.payout(...)`` call a message gives, with its method and rate filled in."""
    start = message.index("fees.payout(")
    depth, end = 0, start
    for end in range(start, len(message)):
        depth += {"(": 1, ")": -1}.get(message[end], 0)
        if depth == 0 and message[end] == ")":
            break
    call = message[start : end + 1]
    return call.replace("method=...", "method='payoneer'").replace(
        "reference_rate=...", "reference_rate=rate"
    )


@pytest.mark.parametrize(
    "name", ["WeeklyInvoice", "Bonus", "WeeklyPayment", "PayoutItem", "Transaction"]
)
@pytest.mark.parametrize(
    "call", ["service_fee", "net_earnings", "explain_service_fee", "payout", "quote"]
)
def test_a_library_value_carrying_an_amount_gets_the_call_that_takes_it(name, call):
    """Newcomer r37, 4: ``fees.payout(inv, ...)`` said "needs on= for a bare amount", then
    "payment must be Money, not WeeklyInvoice"; now one error gives the call, and it works."""
    from upwork_safety.fees._carriers import CARRIERS  # new in r37

    value = _carriers()[name]
    carrier = next(c for (_, n), c in CARRIERS.items() if n == name)
    rate = ExchangeRate("USD", "PKR", "280.50", as_of=date(2026, 12, 31))
    calls = {
        "service_fee": lambda: fees.service_fee(value),  # type: ignore[call-overload]
        "net_earnings": lambda: fees.net_earnings(value),  # type: ignore[call-overload]
        "explain_service_fee": lambda: fees.explain_service_fee(value),  # type: ignore[arg-type]
        "payout": lambda: fees.payout(value, method="payoneer", reference_rate=rate),  # type: ignore[arg-type]
        "quote": lambda: fees.quote_withdrawal(value, "payoneer", reference_rate=rate),  # type: ignore[arg-type]
    }
    with pytest.raises(InvalidTypeError) as refused:
        calls[call]()
    field = "payment" if call == "payout" else "amount"
    assert (refused.value.field, refused.value.rule) == (field, "Money")
    message = str(refused.value)
    assert name in message
    v = carrier.name
    if call in _FEE_FUNCTIONS:
        assert f"fees.{call}({v}.amount, on={v}.{carrier.charged})" in message
    hint = _hinted(message)
    assert f"on={v}.{carrier.charged}" in hint
    done = eval(hint, {"fees": fees, "statements": statements, "rate": rate, v: value})  # noqa: S307
    assert isinstance(done, fees.Payout)
    assert done.fee.amount == value.amount  # type: ignore[attr-defined]


def test_the_invoice_hint_gives_the_invoices_own_pay_day():
    inv = _invoice()
    rate = ExchangeRate("USD", "PKR", "280.50", as_of=inv.available_at.date())
    with pytest.raises(InvalidTypeError) as refused:
        fees.payout(inv, method="payoneer", reference_rate=rate)  # type: ignore[arg-type]
    done = eval(_hinted(str(refused.value)), {"fees": fees, "rate": rate, "inv": inv})  # noqa: S307
    assert done.available_on == date(2026, 12, 16)  # the Wednesday 10 days after the week
    assert done.fee.on == date(2026, 12, 7)  # the Monday invoice


# -- finding 5: where the withdrawal's days end


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


_NOW = ("--now", "2026-12-16T10:00:00+05:00")


def test_payoneer_arrives_at_payoneer_and_the_bank_step_is_not_modelled():
    """Newcomer r37, 5: "arrives 2026-12-18" for Payoneer read as the day in the bank."""
    at = datetime(2026, 12, 16, 5, tzinfo=UTC)
    payoneer = fees.arrival("payoneer", at)
    assert fees.PAYONEER.arrives_at == fees.PAYONEER_USD_ACCOUNT.arrives_at == "Payoneer"
    assert payoneer.arrives_at.startswith("Payoneer")
    assert "not modelled" in payoneer.arrives_at
    assert "not modelled" in dict(payoneer.lines())["Arrives"]
    for key in ("direct_to_local_bank", "wire_usd"):
        assert fees.arrival(key, at).arrives_at == "your account"
        assert fees.get_method(key).arrives_at == ""


def test_the_withdraw_table_says_where_the_money_arrives():
    code, text = _run("withdraw", "58.50", "--rate", "280.50", "--on", "2026-12-16", *_NOW)
    assert code == 0
    table = text[text.index("When it arrives") :]
    header = next(line for line in table.splitlines() if line.strip().startswith("method"))
    assert header.split() == ["method", "processed", "arrives", "at"]
    words = " ".join(table.split())
    assert "Payoneer 2026-12-16 2026-12-18 Payoneer; its transfer to your bank is not" in words
    assert "Direct to Local Bank (PKR) 2026-12-16 2026-12-17 to 2026-12-25 your account" in words
    code, text = _run(
        "--json", "withdraw", "58.50", "--rate", "280.50", "--on", "2026-12-16", *_NOW
    )
    arrivals = {row["method"]: row["arrival"] for row in json.loads(text)["methods"]}
    assert (
        arrivals["Payoneer"]["at"]
        == fees.arrival("payoneer", datetime(2026, 12, 16, 5, tzinfo=UTC)).arrives_at
    )
    assert arrivals["Direct to Local Bank (PKR)"]["at"] == "your account"


# -- finding 6: a wallet app named as a withdrawal method

_WALLET_RULE = "a method Upwork withdraws to"
_WALLETS = ["JazzCash", "jazzcash", "Jazz Cash", "easypaisa", "Easy-Paisa", "SadaPay", "naya_pay"]
_RATE = ExchangeRate("USD", "PKR", "280.50", as_of=date(2026, 12, 7))


@pytest.mark.parametrize("name", _WALLETS)
def test_a_wallet_app_is_refused_with_the_route_to_model(name):
    """Newcomer r37, 6: "jazzcash" got "unknown method" and a list, not why or what to do."""
    calls = {
        "name": lambda: fees.get_method(name),
        "method": lambda: fees.quote_withdrawal(usd("500.00"), name, reference_rate=_RATE),
        f"offered_rates[{name!r}]": lambda: fees.compare_withdrawals(
            usd("500.00"), reference_rate=_RATE, offered_rates={name: "279"}
        ),
        "methods[0]": lambda: fees.compare_withdrawals(
            usd("500.00"), reference_rate=_RATE, methods=[name]
        ),
    }
    for field, call in calls.items():
        with pytest.raises(InvalidValueError) as refused:
            call()
        assert (refused.value.field, refused.value.rule) == (field, _WALLET_RULE)
        message = str(refused.value)
        assert "not a method Upwork withdraws to" in message
        assert "direct_to_local_bank" in message
        assert "payoneer" in message
    comparison = fees.compare_withdrawals(usd("500.00"), reference_rate=_RATE)
    with pytest.raises(InvalidValueError) as refused:
        comparison.break_even_spread(name)
    assert (refused.value.field, refused.value.rule) == ("method", _WALLET_RULE)


@pytest.mark.parametrize("option", ["--offered-rate", "--spread"])
def test_the_cli_says_a_wallet_app_is_not_a_method(option, capsys):
    value = "jazzcash=279" if option == "--offered-rate" else "jazzcash=1%"
    assert (
        main(["withdraw", "500", "--rate", "280.50", option, value, *_NOW], out=io.StringIO()) == 2
    )
    err = capsys.readouterr().err
    assert "JazzCash is a Pakistani wallet app, not a method Upwork withdraws to" in err
    assert "unknown method" not in err


def test_an_unknown_name_is_still_unknown():
    with pytest.raises(InvalidValueError) as refused:
        fees.get_method("jazz")
    assert refused.value.rule == "a known withdrawal method"


def test_the_wallet_table_is_the_one_the_docs_list():
    from pathlib import Path

    from upwork_safety._wallets import NOT_UPWORK_METHODS  # new in r37

    page = (Path(__file__).resolve().parent.parent / "docs" / "fees.md").read_text("utf-8")
    listed = [
        line.split("|")[1].strip()
        for line in page.splitlines()
        if line.endswith("| a Pakistani wallet app: not a method Upwork withdraws to |")
    ]
    assert listed == list(NOT_UPWORK_METHODS)


# -- finding 7: a docs example that needs an extra says so

#: What a run example imports, by the extra (or package) it needs.
_NEEDS = {
    "testing": ("upwork_safety.testing import strategies", "hypothesis"),
    "plot": ("upwork_safety.plot", "matplotlib"),
    "pandas": ("pandas",),
    "fast": ("msgspec",),
}


def _run_imports(page: str) -> set[str]:
    """The extras the ``>>>`` examples of *page* import from (the lines ``doctest`` runs)."""
    needed = set()
    for line in page.splitlines():
        code = line.strip()
        if not code.startswith(">>> ") or "import" not in code:
            continue
        for extra, modules in _NEEDS.items():
            if any(f"from {m} " in code or f"import {m}" in code for m in modules):
                needed.add(extra)
    return needed


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).resolve().parent.parent / "docs").glob("*.md")),
    ids=lambda p: p.name,
)
def test_a_page_whose_examples_need_an_extra_says_so(path):
    """Newcomer r37, 7: upgrading.md imported the strategies in a run example, and nothing on
    the page said they need the testing extra; in the README's install it raised ImportError."""
    page = path.read_text("utf-8")
    for extra in _run_imports(page):
        assert f"`{extra}` extra" in page or f"[{extra}]" in page, f"{path.name}: {extra}"


# -- finding 8: Top Rated pay is available by the end of Friday


def test_check_says_top_rated_pay_is_there_by_the_end_of_friday():
    """Newcomer r37, 8: DOMAIN.md says "the Friday after the review window"; `check` said
    "at 2026-12-12 00:00:00 UTC", a Saturday, and read as another day.  HC 360047676133:
    "Cleared payments are released on Fridays by 11:59 p.m., UTC"."""
    from upwork_safety import checks

    start = datetime(2026, 11, 30, 9, tzinfo=UTC)
    contract = factories.hourly_contract(started=start.date(), days=1)
    before = checks.review_contract(contract, now=datetime(2026, 12, 8, 5, tzinfo=UTC))
    (review,) = [f for f in before if f.code == "HOURS_IN_REVIEW"]
    assert "available earlier, by the end of Friday 2026-12-11 UTC (2026-12-12 00:00:00 UTC)" in (
        review.message
    )
    after = checks.review_contract(contract, now=datetime(2026, 12, 12, 5, tzinfo=UTC))
    (pending,) = [f for f in after if f.code == "HOURS_PENDING"]
    assert "available already, since the end of Friday 2026-12-11 UTC" in pending.message
    calendar = hourly.billing_week(start).calendar(top_rated=True)
    assert calendar.available_at == datetime(2026, 12, 12, tzinfo=UTC)  # no number changed
    assert "by the end of the Friday" in " ".join((hourly.PayoutCalendar.__doc__ or "").split())


# -- finding 2: the hourly calendar from the command line

_SYDNEY_MONDAY = "2026-12-07T08:00:00+11:00"  # Sunday 21:00 UTC: the week of 30 November


def test_week_prints_the_weeks_calendar_from_the_hourly_engine():
    """Newcomer r37, 2: no command answered "which billing week, when does the diary lock,
    when can the client dispute, when is it available" without a JSON Work Diary."""
    code, text = _run("week", _SYDNEY_MONDAY)
    assert code == 0
    moment = datetime(2026, 12, 6, 21, tzinfo=UTC)
    week = hourly.billing_week(moment)
    calendar, top = week.calendar(), week.calendar(top_rated=True)
    words = " ".join(text.split())
    assert f"Billing week {week}, for 2026-12-06 21:00:00 UTC" in words
    assert "Work Diary locks 2026-12-07 12:00:00 UTC" in words
    assert calendar.edits_close == calendar.invoiced_at == datetime(2026, 12, 7, 12, tzinfo=UTC)
    assert "client can dispute 2026-12-07 12:00:00 UTC to 2026-12-11 23:59:59 UTC" in words
    assert "pay available 2026-12-16 00:00:00 UTC" in words
    assert calendar.available_at == datetime(2026, 12, 16, tzinfo=UTC)
    assert "Top Rated by the end of Friday 2026-12-11 UTC (2026-12-12 00:00:00 UTC)" in words
    assert top.available_at == datetime(2026, 12, 12, tzinfo=UTC)


def test_week_json_gives_every_date_and_the_dispute_deadline():
    disputed = "2026-12-10T15:00:00+00:00"
    code, text = _run("--json", "week", _SYDNEY_MONDAY, "--top-rated", "--disputed-at", disputed)
    assert code == 0
    data = json.loads(text)
    moment = datetime(2026, 12, 6, 21, tzinfo=UTC)
    calendar = hourly.billing_week(moment).calendar(top_rated=True)
    answer = hourly.dispute_response(datetime(2026, 12, 10, 15, tzinfo=UTC))
    assert data["week"] == {
        "start": "2026-11-30T00:00:00+00:00",
        "end": "2026-12-06T23:59:59.999999+00:00",
    }
    assert data["edits_close"] == data["invoiced_at"] == calendar.invoiced_at.isoformat()
    assert data["dispute_window"] == {
        "opens": "2026-12-07T12:00:00+00:00",
        "ends": "2026-12-11T23:59:59+00:00",
    }
    assert data["top_rated"] is True
    assert data["available_at"] == data["available_at_top_rated"] == "2026-12-12T00:00:00+00:00"
    assert data["available_at_ordinary"] == "2026-12-16T00:00:00+00:00"
    assert (
        data["dispute"]["respond_by"]
        == answer.respond_by.isoformat()
        == "2026-12-13T15:00:00+00:00"
    )
    assert data["dispute"]["respond_by_if_business_days"] == "2026-12-15T15:00:00+00:00"
    assert data["dispute"]["if_silent"] == hourly.HoursDispute.if_silent


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["week", "2026-12-07T08:00:00"], "has no UTC offset"),
        (["week", _SYDNEY_MONDAY, "--disputed-at", "2026-12-10T15:00:00"], "has no UTC offset"),
        (["week", "next monday"], "MOMENT"),
    ],
)
def test_week_refuses_a_naive_or_unreadable_moment(argv, said, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv, out=io.StringIO())
    assert info.value.code == 2
    assert said in capsys.readouterr().err


def test_week_refuses_a_dispute_outside_the_weeks_window(capsys):
    argv = ["week", _SYDNEY_MONDAY, "--disputed-at", "2026-12-12T00:00:00+00:00"]
    assert main(argv, out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert "outside the client's dispute window" in err
    assert "2026-12-11 23:59:59 UTC" in err


def test_week_before_the_top_rated_release_says_there_is_none():
    code, text = _run("week", "2018-01-03T08:00:00+00:00", "--top-rated")
    assert code == 0
    assert "2018-01-17 00:00:00 UTC (no faster release for this week)" in " ".join(text.split())
