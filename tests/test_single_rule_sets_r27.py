"""Review r26, review 3: a rule set given alone is used as given, before its own start too.

Every family resolves ``rules=`` through one helper (``rules._history._in_force_of``):
a single rule set given is a what-if and applies to any day it is asked about,
before its own ``effective`` too (an ``attrs.evolve`` of a preset keeps the
preset's day); the same rule set given as a :class:`~upwork_safety.rules.RuleHistory`
starts on that day, and an earlier day is a :class:`RulesError` naming the
argument the rules came from, rule ``"on or after <effective>"``.  The old
code refused a :class:`RetentionRules` given alone before its own start, naming
``on`` and the library's own history; every other family used it as given.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    ExchangeRate,
    Milestone,
    Money,
    Payment,
    escrow,
    fees,
    hourly,
    jss,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.testing import factories

if TYPE_CHECKING:
    from collections.abc import Callable

UTC = timezone.utc


def usd(amount: str) -> Money:
    return Money(amount, "USD")


# What-ifs made as a user makes them: attrs.evolve of a preset, which keeps its
# effective day (2023-12-05, 2024-06-01, 2025-05-01, 2023-10-23), or a day set later.
SLOW_REVIEW = attrs.evolve(rules.CURRENT, review_period=timedelta(days=21))
SLOW_HOURLY = attrs.evolve(rules.CURRENT, hourly_available_delay=timedelta(days=10))
LONG_BONUS_HOLD = attrs.evolve(rules.CURRENT, security_period=timedelta(days=7))
WEEKLY_BY_DEFAULT = attrs.evolve(
    fees.PAYMENT_SCHEDULES, effective=date(2030, 1, 1), default_schedule="weekly"
)
SLOW_NEW_METHOD = attrs.evolve(
    fees.PAYMENT_SCHEDULES, effective=date(2030, 1, 1), new_method_wait=timedelta(days=10)
)

#: Two $500 jobs from two clients in 2015: the 2015 rules need 4 jobs, the current 2.
TWO_JOBS_2015 = [
    factories.finished_contract(
        contract_id=f"c{i}",
        client=f"client-{i}",
        started=date(2015, 6, 1) + timedelta(days=40 * i),
        earned="500.00",
        days=10,
    )
    for i in range(2)
]
WEEK_2020 = hourly.billing_week(datetime(2020, 1, 8, tzinfo=UTC))


def review_ends(given: object) -> datetime:
    """When the review of work submitted on 2020-02-01 12:00 UTC ends under *given*."""
    job = Contract(
        id="job",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=date(2020, 1, 1),
        milestones=[Milestone("m1", "Landing page", usd("300.00"))],
    )
    submitted = datetime(2020, 2, 1, 12, tzinfo=UTC)
    job = escrow.apply(job, escrow.Fund("m1", datetime(2020, 1, 2, tzinfo=UTC)), rules=given)  # type: ignore[arg-type]
    job = escrow.apply(job, escrow.Submit("m1", submitted), rules=given)  # type: ignore[arg-type]
    (due,) = [
        d.due
        for d in escrow.deadlines(job, submitted, rules=given)  # type: ignore[arg-type]
        if d.kind == "review_ends"
    ]
    return due


def arrival_refusal(given: object) -> tuple[str, str]:
    """A Payoneer request on 2024-01-08 for a method added 2024-01-01, under *given*."""
    try:
        fees.arrival(
            fees.PAYONEER,
            datetime(2024, 1, 8, 9, tzinfo=UTC),
            method_added=date(2024, 1, 1),
            rules=given,  # type: ignore[arg-type]
        )
    except RulesError:
        raise
    except InvalidValueError as error:
        return ("refused", str(error.field))
    return ("arrives", "")


# (family/function, what-if given alone, the call, its answer with the what-if,
#  its answer with Upwork's rules for that day)
CASES: list[tuple[str, object, Callable[[object], object], object, object]] = [
    ("escrow.deadlines", SLOW_REVIEW, review_ends,
     datetime(2020, 2, 22, 12, tzinfo=UTC), datetime(2020, 2, 15, 12, tzinfo=UTC)),
    ("escrow.rules_in_force", SLOW_REVIEW,
     lambda r: escrow.rules_in_force(datetime(2020, 1, 2, tzinfo=UTC), rules=r).review_period,  # type: ignore[arg-type]
     timedelta(days=21), timedelta(days=14)),
    ("hourly.payout_calendar", SLOW_HOURLY,
     lambda r: hourly.payout_calendar(WEEK_2020, rules=r).available_at,  # type: ignore[arg-type]
     datetime(2020, 1, 23, tzinfo=UTC), datetime(2020, 1, 22, tzinfo=UTC)),
    ("hourly.BillingWeek.calendar", SLOW_HOURLY,
     lambda r: WEEK_2020.calendar(rules=r).available_at,  # type: ignore[arg-type]
     datetime(2020, 1, 23, tzinfo=UTC), datetime(2020, 1, 22, tzinfo=UTC)),
    ("hourly.bonus", LONG_BONUS_HOLD,
     lambda r: hourly.bonus(usd("50.00"), paid_at=datetime(2020, 1, 8, 12, tzinfo=UTC), rules=r).available_at,  # type: ignore[arg-type]
     datetime(2020, 1, 15, 12, tzinfo=UTC), datetime(2020, 1, 13, 12, tzinfo=UTC)),
    ("jss.score", jss.CURRENT,
     lambda r: jss.score(TWO_JOBS_2015, as_of=date(2016, 1, 1), rules=r).score,  # type: ignore[arg-type]
     100, None),
    ("jss.timeline", jss.CURRENT,
     lambda r: [p.score for p in jss.timeline(TWO_JOBS_2015, start=date(2015, 12, 1), end=date(2016, 1, 1), step=timedelta(days=31), rules=r)],  # type: ignore[arg-type]
     [100, 100], [None, None]),
    ("fees.service_fee", fees.PER_CONTRACT_2025,
     lambda r: fees.service_fee(usd("100.00"), on=date(2020, 1, 1), rules=r),  # type: ignore[arg-type]
     usd("10.00"), usd("20.00")),
    ("fees.net_earnings", fees.PER_CONTRACT_2025,
     lambda r: fees.net_earnings(usd("100.00"), on=date(2020, 1, 1), rules=r),  # type: ignore[arg-type]
     usd("90.00"), usd("80.00")),
    ("fees.explain_service_fee", fees.PER_CONTRACT_2025,
     lambda r: fees.explain_service_fee(usd("100.00"), on=date(2020, 1, 1), rules=r).fee,  # type: ignore[arg-type]
     usd("10.00"), usd("20.00")),
    ("fees.gross_for_net", fees.PER_CONTRACT_2025,
     lambda r: fees.gross_for_net(usd("90.00"), on=date(2020, 1, 1), rules=r),  # type: ignore[arg-type]
     usd("100.00"), usd("112.50")),
    ("fees.retention_allowance", fees.FREELANCER_RETENTION_2023,
     lambda r: fees.retention_allowance(usd("12000.00"), on=date(2023, 1, 1), rules=r),  # type: ignore[arg-type]
     usd("6000.00"), RulesError),
    ("fees.paydays", WEEKLY_BY_DEFAULT,
     lambda r: fees.paydays(start=date(2024, 1, 1), end=date(2024, 1, 31), rules=r),  # type: ignore[arg-type]
     tuple(date(2024, 1, day) for day in (3, 10, 17, 24, 31)), ()),
    ("fees.arrival", SLOW_NEW_METHOD, arrival_refusal,
     ("refused", "requested_at"), ("arrives", "")),
]  # fmt: skip


def _answer(call: Callable[[object], object], given: object) -> object:
    try:
        return call(given)
    except RulesError:
        return RulesError


@pytest.mark.parametrize(
    ("given", "call", "with_it", "upwork"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_rule_set_given_alone_applies_before_its_own_effective_day(
    given: object, call: Callable[[object], object], with_it: object, upwork: object
) -> None:
    """Old code: the retention rules alone were refused (field 'on'); the rest answered."""
    day = given.effective  # type: ignore[attr-defined]
    assert day > date(2020, 1, 1)  # every call asks about a day before it
    assert with_it == _answer(call, given)
    assert upwork == _answer(call, None)  # not what Upwork's rules of that day give


@pytest.mark.parametrize(
    ("given", "call"),
    [case[1:3] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_same_rule_set_as_a_history_starts_on_its_day_and_names_rules(
    given: object, call: Callable[[object], object]
) -> None:
    day = given.effective  # type: ignore[attr-defined]
    history = rules.RuleHistory("what-if", (given,))  # type: ignore[type-var]
    with pytest.raises(RulesError) as refused:
        call(history)
    assert ("rules", f"on or after {day}") == (refused.value.field, refused.value.rule)
    assert str(day) in str(refused.value)


def test_the_platform_rules_of_a_payout_name_their_own_argument() -> None:
    """fees.payout's platform_rules= date an hourly week's pay: a what-if applies in 2020.

    The hours of the week 2020-01-06 → 12 are available on 2020-01-22 under
    Upwork's rules, 2020-01-23 with a 10-day delay given alone (the days an
    early available_on is refused with); given as a history that starts
    2023-12-05, the refusal names platform_rules.
    """
    contract = factories.hourly_contract(started=date(2020, 1, 1), days=0)
    paid = Payment(date(2020, 1, 10), usd("100.00"))

    def payout(platform: object, available: date) -> date:
        return fees.payout(
            paid,
            contract=contract,
            method=fees.PAYONEER,
            reference_rate=ExchangeRate("USD", "PKR", "280.00", as_of=available),
            tax_rate="0",
            available_on=available,
            platform_rules=platform,  # type: ignore[arg-type]
        ).available_on

    assert date(2020, 1, 23) == payout(SLOW_HOURLY, date(2020, 1, 23))
    for platform, hours_on in ((None, "2020-01-22"), (SLOW_HOURLY, "2020-01-23")):
        with pytest.raises(InvalidValueError) as early:  # before the bonus day, 2020-01-15
            payout(platform, date(2020, 1, 14))
        assert "available_on" == early.value.field
        assert f"{hours_on} for the hours of the week 2020-01-06" in str(early.value)
    with pytest.raises(RulesError) as refused:
        payout(rules.RuleHistory("what-if", (SLOW_HOURLY,)), date(2020, 1, 23))
    assert ("platform_rules", "on or after 2023-12-05") == (
        refused.value.field,
        refused.value.rule,
    )


def test_a_rule_set_only_function_uses_a_later_rule_set_as_given() -> None:
    """auto_withdrawals takes one rule set (no history): a 2030 what-if in 2024 applies."""
    run = fees.auto_withdrawals(
        [], start=date(2024, 1, 1), end=date(2024, 1, 31), rules=WEEKLY_BY_DEFAULT
    )
    assert (WEEKLY_BY_DEFAULT, "weekly") == (run.rules, str(run.schedule))


@pytest.mark.parametrize(
    "wrong", [rules.HISTORY, rules.JSS_HISTORY, "flat"], ids=["platform", "jss", "str"]
)
def test_the_fee_of_a_contract_checks_rules_before_reading_a_schedule(wrong: object) -> None:
    """Old code: a history of platform rules reached the contract's terms: AttributeError."""
    contract = factories.finished_contract(started=date(2024, 1, 1))
    calls = [
        lambda: fees.service_fee(contract, on=date(2024, 2, 1), rules=wrong),  # type: ignore[arg-type]
        lambda: fees.net_earnings(contract, on=date(2024, 2, 1), rules=wrong),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(InvalidTypeError) as refused:
            call()
        assert ("rules", "a ServiceFeeSchedule, a RuleHistory of them, or None") == (
            refused.value.field,
            refused.value.rule,
        )
