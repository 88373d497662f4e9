"""Tests that kill the surviving mutants of the r28 mutation pass.

Each test pins the correct answer from the docstring or DOMAIN.md value the
report cites, and fails under the mutant named here (report ``report_mutation``
finding number, mutant id):

1. D11 ``HoursDispute`` refuses one amount without the other ("both or
   neither"); killed by dropping the check in ``_disputes.py``.
2. D7 / D10 ``dispute_response(rules=RuleHistory)`` reaches back by the
   *longest* review window of the history's sets; killed by ``min`` for
   ``max`` and by ignoring the caller's rules.
3. E23 a released payment's refund window uses the rules in force on the
   payment's day; killed by reading the rules at the last event.
5. V3 a list field refuses a mapping instead of taking its keys; killed by
   ``as_tuple`` no longer excluding ``Mapping``.
4. W18 the Top Rated early release compares the invoice day; killed by
   comparing the week's close day.
9. E26 the arbitration consequence quotes the caller's what-if fee; killed by
   reading Upwork's fee.
8. E13 the ``Refund`` refusal names the *last* payment's refund close; killed
   by ``min`` for ``max``.
6. F6 a custom method's mixed-case key names it in ``spreads=``; killed by
   dropping the case fold of the key.
7. F7 only a name's *last* "(…)" part is dropped for the bare name; killed by
   removing the ``$`` anchor.
10. D8 the "outside the window" error names the latest week's window; killed
    by always naming the nearest older week.
11. D4 a moment in the calendar's first week is refused on ``opened_at``;
    killed by ``>=`` for ``>`` in the week walk.
12. I8 ``WeeklyPayment`` with ``available_at == invoiced_at`` is refused by
    the order rule; killed by ``<=`` for ``<``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, fees, hourly, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.escrow import AnswerDispute, Approve, DeadlineKind, Fund, OpenDispute
from upwork_safety.jss import Impact, Outcome
from upwork_safety.money import ExchangeRate
from upwork_safety.rules import RuleHistory

UTC = timezone.utc


def _at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


# 1. D11 -----------------------------------------------------------------


@pytest.mark.parametrize("given", ["protected_amount", "unprotected_amount"])
def test_hours_dispute_refuses_one_amount_without_the_other(given: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        hourly.HoursDispute(
            opened_at=_at(2024, 1, 12),
            respond_by=_at(2024, 1, 15),
            respond_by_if_business_days=_at(2024, 1, 17),
            **{given: Money("10.00", "USD")},
        )
    # The refusal names the missing one (lead r28: it named unprotected_amount either way).
    missing = "unprotected_amount" if given == "protected_amount" else "protected_amount"
    assert caught.value.field == f"HoursDispute.{missing}"
    assert caught.value.rule == "both or neither"


# 2. D7 / D10 --------------------------------------------------------------

LONG_WINDOW = attrs.evolve(
    rules.CURRENT,
    name="long",
    effective=date(2024, 1, 1),
    hourly_review_window=timedelta(days=20, hours=23, minutes=59, seconds=59),
    hourly_available_delay=timedelta(days=23),
)
SHORT_WINDOW = attrs.evolve(rules.CURRENT, name="short", effective=date(2024, 6, 1))


def test_dispute_search_reaches_back_by_the_history_longest_window() -> None:
    history: RuleHistory[rules.PlatformRules] = RuleHistory("mine", [LONG_WINDOW, SHORT_WINDOW])
    # The week 2024-05-20..26 closed under the long window, which still holds
    # 2024-06-10 06:00; the newer sets' short windows do not.
    answer = hourly.dispute_response(_at(2024, 6, 10, 6), rules=history)
    assert isinstance(answer, hourly.HoursDispute)
    assert answer.opened_at == _at(2024, 6, 10, 6)
    assert answer.respond_by == _at(2024, 6, 13, 6)


# 3. E23 ------------------------------------------------------------------


def test_refund_window_uses_the_rules_on_the_payment_day() -> None:
    first = attrs.evolve(rules.CURRENT, name="a", effective=date(2024, 1, 1))
    later = attrs.evolve(
        rules.CURRENT,
        name="b",
        effective=date(2024, 4, 1),
        refund_after_payment_window=timedelta(days=30),
    )
    history: RuleHistory[rules.PlatformRules] = RuleHistory("my rules", [first, later])
    contract = Contract(
        "c",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[
            Milestone("m", "P1", Money("200.00", "USD")),
            Milestone("n", "P2", Money("100.00", "USD")),
        ],
    )
    for event in (
        Fund("m", _at(2024, 3, 1, 9)),
        Approve("m", _at(2024, 3, 1, 10)),
        Fund("n", _at(2024, 5, 1, 9)),
    ):
        contract = escrow.apply(contract, event, rules=history)
    due = [
        d.due
        for d in escrow.deadlines(contract, _at(2024, 5, 1, 11), rules=history)
        if d.kind is DeadlineKind.REFUND_WINDOW_CLOSES
    ]
    # Paid 2024-03-01 10:00 under the first set: 180 days, not the later 30.
    assert due == [_at(2024, 8, 28, 10)]


# 5. V3 -------------------------------------------------------------------


def test_list_field_refuses_a_mapping() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Impact("c1", "cl1", Outcome.POSITIVE, Decimal(1), {"late delivery": 1}, codes=("weight",))
    assert caught.value.field == "Impact.reasons"
    assert caught.value.rule == "a sequence of str"
    built = Impact("c1", "cl1", Outcome.POSITIVE, Decimal(1), ["late delivery"], codes=["weight"])
    assert built.reasons == ("late delivery",)


# 4. W18 ------------------------------------------------------------------


def test_top_rated_skip_compares_the_invoice_day() -> None:
    what_if = attrs.evolve(
        rules.CURRENT,
        hourly_invoice_delay=timedelta(days=1, hours=12),
        top_rated_skip_hold_since=date(2024, 1, 9),
    )
    week = hourly.billing_week(_at(2024, 1, 3))
    calendar = hourly.payout_calendar(week, top_rated=True, rules=what_if)
    # The week closes on 2024-01-07 (before the date) but is invoiced on
    # 2024-01-09 (on it): the hold is skipped.
    assert calendar.invoiced_at == _at(2024, 1, 9, 12)
    assert calendar.hold_skipped is True
    assert calendar.available_at == _at(2024, 1, 13)


def _one_milestone() -> Contract:
    """A contract started 2024-03-01 with one USD 200.00 milestone, "m"."""
    return Contract(
        "c",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m", "P1", Money("200.00", "USD"))],
    )


# 9. E26 ------------------------------------------------------------------


def test_arbitration_consequence_quotes_the_what_if_fee() -> None:
    what_if = attrs.evolve(rules.CURRENT, arbitration_fee=Money("99.00", "USD"))
    contract = _one_milestone()
    for event in (
        Fund("m", _at(2024, 3, 1, 9)),
        OpenDispute("m", _at(2024, 3, 2, 9)),
        AnswerDispute("m", _at(2024, 3, 3, 9)),
    ):
        contract = escrow.apply(contract, event, rules=what_if)
    rows = [
        d
        for d in escrow.deadlines(contract, _at(2024, 3, 3, 10), rules=what_if)
        if d.kind is DeadlineKind.ARBITRATION_OPT_IN_DUE
    ]
    assert len(rows) == 1
    assert "USD 99.00" in rows[0].consequence
    assert str(rules.CURRENT.arbitration_fee) not in rows[0].consequence


# 8. E13 ------------------------------------------------------------------


def test_refund_refusal_names_the_last_payment_close() -> None:
    contract = _one_milestone()
    for event in (
        Fund("m", _at(2024, 3, 1, 9)),
        Approve("m", _at(2024, 3, 1, 10), amount=Money("50.00", "USD")),
        Approve("m", _at(2024, 6, 1, 10)),
    ):
        contract = escrow.apply(contract, event)
    choices = escrow.allowed(contract, "m", now=_at(2025, 1, 1))
    reason = choices.reason("Refund")
    assert reason is not None
    # 180 days after the last payment (2024-06-01 10:00), not the first.
    assert "2024-11-28 10:00:00" in reason
    assert "2024-08-28" not in reason


# 6. F6 / 7. F7 -------------------------------------------------------------

REFERENCE = ExchangeRate("USD", "PKR", "280.00", as_of=date(2024, 6, 1))


def _compare(method: fees.WithdrawalMethod, key: str) -> fees.WithdrawalComparison:
    return fees.compare_withdrawals(
        Money("100.00", "USD"),
        reference_rate=REFERENCE,
        on=date(2024, 6, 1),
        methods=[method, fees.PAYPAL],
        spreads={key: "0.01"},
    )


def test_custom_method_mixed_case_key_names_it() -> None:
    method = attrs.evolve(fees.PAYONEER, key="MyBank", name="Some Bank")
    for key in ("MyBank", "mybank"):
        comparison = _compare(method, key)
        assert isinstance(comparison, fees.WithdrawalComparison)
        # The given spread (1%) is used, not the preset's: 280.00 x 0.99.
        assert [(q.method.key, q.applied_rate.rate) for q in comparison] == [
            ("MyBank", Decimal("277.2000"))
        ]


def test_bare_name_drops_only_the_last_parenthesised_part() -> None:
    method = attrs.evolve(fees.PAYONEER, key="b", name="Bank (PKR) Express")
    assert isinstance(_compare(method, "Bank (PKR) Express"), fees.WithdrawalComparison)
    with pytest.raises(InvalidValueError) as caught:
        _compare(method, "Bank Express")
    assert caught.value.field == "spreads['Bank Express']"
    assert caught.value.rule == "a compared method"


# 10. D8 / 11. D4 ------------------------------------------------------------


def test_outside_window_error_names_the_latest_week() -> None:
    # 2024-01-15 06:00 is before the 01-08..14 week's window opens (12:00) and
    # after the 01-01..07 week's closed: the error names the latest week.
    with pytest.raises(InvalidValueError) as caught:
        hourly.dispute_response(_at(2024, 1, 15, 6))
    assert caught.value.field == "opened_at"
    text = str(caught.value)
    assert "2024-01-15T12:00:00+00:00" in text
    assert "2024-01-19T23:59:59+00:00" in text
    assert "2024-01-12T23:59:59+00:00" not in text


def test_first_calendar_week_is_refused_on_opened_at() -> None:
    with pytest.raises(InvalidValueError) as caught:
        hourly.dispute_response(_at(1, 1, 3))
    assert caught.value.field == "opened_at"
    assert caught.value.rule is not None
    assert caught.value.rule.startswith("within the dispute window")


# 12. I8 ------------------------------------------------------------------


def test_weekly_payment_refuses_available_equal_to_invoiced() -> None:
    weekly = hourly.weekly_payment(
        Money("400.00", "USD"), week=hourly.billing_week(_at(2024, 1, 3))
    )
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(weekly, available_at=weekly.invoiced_at)
    assert caught.value.field == "WeeklyPayment.available_at"
    assert caught.value.rule == "week end < invoice < available"
