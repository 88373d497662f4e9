"""Regression tests for round 43's JSS and fee sums at the library's edges (hostile F2, F3)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, ExchangeRate, Feedback, Money, Payment, fees, jss
from upwork_safety._decimals import TOTAL_RULE
from upwork_safety._last_day import LATEST
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss import Outcome, ReasonCode
from upwork_safety.rules import PAYONEER_USD_ACCOUNT

# -- hostile F2: a contract that ends in the library's last two years is scored


def _ended(cid: str, ended: date, *, started: date | None = None) -> Contract:
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        started=started or date(ended.year, ended.month, 1),
        ended=ended,
        payments=[Payment(ended, Money(100, "USD"))],
        feedback=Feedback(stars="5.0"),
    )


def _counted_without_a_day(impact: jss.Impact) -> None:
    assert impact.outcome is Outcome.POSITIVE
    assert impact.leaves_on is None
    assert ReasonCode.COUNTS_UNTIL not in impact.codes
    assert len(impact.codes) == len(impact.reasons)


def test_score_classify_and_explain_change_answer_in_the_last_two_years() -> None:
    contract = _ended("c1", date(9989, 6, 1))
    day = date(9989, 7, 1)
    report = jss.score([contract], as_of=day)
    assert report.computed_on == day
    _counted_without_a_day(report.impact("c1"))
    assert report.to_records()[0]["leaves_on"] is None
    _counted_without_a_day(jss.classify(contract, as_of=day))
    change = jss.explain_change([contract], date(9989, 6, 15), day)
    assert isinstance(change, jss.JSSChange)
    _counted_without_a_day(change.after.impact("c1"))
    extra = _ended("c2", date(9989, 6, 2))
    assert jss.what_if([contract], [extra], as_of=day).after == 100


def test_contracts_ended_in_the_last_days_are_scored_on_the_last_day() -> None:
    contracts = [_ended(f"c{n}", date(9990, 12, n)) for n in (1, 2, 3, 4)]
    report = jss.score(contracts, as_of=LATEST)
    assert report.computed_on == LATEST
    for impact in report.impacts:
        _counted_without_a_day(impact)
    points = jss.timeline(contracts, start=date(9990, 12, 1), end=LATEST)
    assert points[-1].on == LATEST


@pytest.mark.parametrize(
    ("ended", "leaves"),
    [
        (date(9988, 12, 29), date(9990, 12, 30)),
        (date(9988, 12, 30), LATEST),  # the last day told: the library's last
        (date(9988, 12, 31), None),  # it would leave on 9991-01-01
    ],
)
def test_leaves_on_is_told_up_to_the_library_s_last_day(ended: date, leaves: date | None) -> None:
    contract = _ended("c1", ended, started=date(9988, 1, 1))
    impact = jss.score([contract], as_of=date(9989, 1, 1)).impact("c1")
    assert impact.leaves_on == leaves
    assert (ReasonCode.COUNTS_UNTIL in impact.codes) is (leaves is not None)
    if leaves is not None:
        said = impact.reasons[impact.codes.index(ReasonCode.COUNTS_UNTIL)]
        assert said.endswith((leaves - timedelta(days=1)).isoformat())


def test_a_report_s_check_takes_no_day_past_the_library_s_last() -> None:
    """A report rebuilt with the engine's own impacts is accepted as it was made."""
    report = jss.score([_ended("c1", date(9989, 6, 1))], as_of=date(9989, 7, 1))
    assert attrs.evolve(report) == report


# -- hostile F3: sums of amounts that each fit, named by the argument that made them


BIG = Money("600000000000000000.00", "USD")
HUGE = Money("900000000000000000.00", "USD")


def _paid(cid: str, day: int, amount: Money) -> Contract:
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        started=date(2024, 1, day),
        ended=date(2024, 3, day),
        payments=[Payment(date(2024, 3, day), amount)],
        feedback=Feedback(stars="5.0"),
    )


def test_top_rated_refuses_earnings_past_the_digits_naming_contracts() -> None:
    contracts = [_paid("c1", 1, BIG), _paid("c2", 2, BIG)]
    assert jss.score(contracts, as_of=date(2025, 1, 1)).score == 100
    with pytest.raises(InvalidValueError) as caught:
        jss.top_rated(contracts, as_of=date(2025, 1, 1))
    assert caught.value.field == "contracts"
    assert caught.value.rule == TOTAL_RULE
    one = jss.top_rated(contracts[:1], as_of=date(2025, 1, 1))
    assert one.earned == BIG


def _billed(year: int, *amounts: Money) -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        started=date(year, 1, 1),
        payments=[Payment(date(year, 3, 1 + n), a) for n, a in enumerate(amounts)],
    )


@pytest.mark.parametrize("year", [2020, 2024, 2026])
@pytest.mark.parametrize("call", [fees.service_fee, fees.net_earnings])
def test_a_contract_s_billings_past_the_digits_name_billed_before(year: int, call) -> None:
    contract = _billed(year, HUGE, Money("1.00", "USD"))
    with pytest.raises(InvalidValueError) as caught:
        call(contract, on=date(year, 3, 3), billed_before=HUGE)
    assert caught.value.field == "billed_before"
    assert caught.value.rule == TOTAL_RULE


def test_one_payment_after_the_contract_s_names_billed_before() -> None:
    contract = _billed(2020, HUGE, Money("1.00", "USD"))
    for charge in (
        lambda: fees.explain_service_fee(
            Money("1.00", "USD"), on=date(2020, 3, 3), contract=contract, billed_before=HUGE
        ),
        lambda: fees.explain_service_fee(
            contract.payments[1], contract=contract, billed_before=HUGE
        ),
        lambda: fees.gross_for_net(
            Money("1.00", "USD"), on=date(2020, 3, 3), contract=contract, billed_before=HUGE
        ),
    ):
        with pytest.raises(InvalidValueError) as caught:
            charge()
        assert caught.value.field == "billed_before"
        assert caught.value.rule == TOTAL_RULE


def test_the_kept_rate_s_billings_past_the_digits_name_billed_before() -> None:
    contract = Contract(
        "c2",
        "acme",
        ContractKind.FIXED_PRICE,
        started=date(2022, 1, 1),
        service_fee_rate=Decimal("0.05"),
        payments=[Payment(date(2022, 3, 1), HUGE), Payment(date(2023, 6, 1), Money("1.00", "USD"))],
    )
    with pytest.raises(InvalidValueError) as caught:
        fees.explain_service_fee(
            Money("1.00", "USD"), on=date(2023, 6, 2), contract=contract, billed_before=HUGE
        )
    assert caught.value.field == "billed_before"
    assert caught.value.rule == TOTAL_RULE


def test_billings_after_the_last_payment_are_not_needed() -> None:
    """Only the billings before each payment are read: their sum after the last one is not."""
    contract = _billed(2020, HUGE)
    alone = fees.service_fee(HUGE, on=date(2020, 3, 1), billed_before=HUGE)
    assert fees.service_fee(contract, on=date(2020, 3, 1), billed_before=HUGE) == alone
    assert alone == Money("45000000000000000.00", "USD")


def test_break_even_spread_against_a_rival_receiving_the_most_is_none() -> None:
    """No method can deliver more than the largest amount: the answer, not Money's refusal."""
    free = attrs.evolve(
        PAYONEER_USD_ACCOUNT,
        key="free",
        name="Free",
        fixed_fee=Money("0.00", "USD"),
        percentage_fee=Decimal(0),
        spread=Decimal(0),
        minimum=Money("0.00", "USD"),
    )
    other = attrs.evolve(PAYONEER_USD_ACCOUNT, key="other", name="Other", spread=None)
    rate = ExchangeRate("USD", "PKR", "1", as_of=date(2025, 6, 2), source="example")
    most = Money("999999999999999999.99", "USD")
    comparison = fees.compare_withdrawals(
        most, reference_rate=rate, methods=[free, other], tax_rate="0"
    )
    assert comparison.best is not None
    assert comparison.best.received == Money("999999999999999999.99", "PKR")
    assert comparison.break_even_spread("other") is None
    assert comparison.break_even_rate("other") is None
    assert "not the best even with no spread" in comparison.summary(locale="en_US")
