"""A RuleHistory is accepted wherever ``rules=`` defaults to the rules in force on a date.

API review r20 L5: ``fees.service_fee`` took a ``RuleHistory`` as ``rules=``,
while ``escrow``, ``hourly``, ``jss``, ``checks.review_contract``,
``fees.paydays``/``arrival``/``retention_allowance`` and ``plot`` refused one,
so a what-if history (a rule change from a future date) worked for fees only.
Now one rule (``rules._history._given_rules``) reads every such argument, and
each function takes from a history the rule set it would have taken from
Upwork's own on the same day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    Money,
    checks,
    escrow,
    fees,
    hourly,
    jss,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError

UTC = timezone.utc

#: Upwork's platform history, then a what-if: from 2027 a 7-day review period.
SHORT_REVIEW = attrs.evolve(
    rules.HISTORY.current,
    effective=date(2027, 1, 1),
    name="what-if: a 7-day review from 2027",
    review_period=timedelta(days=7),
)
WHAT_IF = rules.RuleHistory("what-if platform rules", (*rules.HISTORY, SHORT_REVIEW))


def _submitted(day: date) -> Contract:
    job = Contract(
        id=f"job-{day}",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=day - timedelta(days=10),
        milestones=[Milestone("m1", "Landing page", Money("300.00", "USD"))],
    )
    funded = datetime.combine(day - timedelta(days=5), datetime.min.time(), UTC)
    job = escrow.apply(job, escrow.Fund("m1", funded), rules=WHAT_IF)
    submitted = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=12)
    return escrow.apply(job, escrow.Submit("m1", submitted), rules=WHAT_IF)


def _review_ends(job: Contract, now: datetime, given: object) -> datetime:
    (due,) = [
        d.due
        for d in escrow.deadlines(job, now, rules=given)  # type: ignore[arg-type]
        if d.kind == "review_ends"
    ]
    return due


def test_escrow_clocks_run_by_the_history_rules_of_the_day_they_started() -> None:
    before = _submitted(date(2026, 12, 20))
    after = _submitted(date(2027, 1, 10))
    now = datetime(2027, 1, 11, tzinfo=UTC)
    # started in 2026: Upwork's 14 days; started in 2027: the what-if's 7
    assert _review_ends(before, datetime(2026, 12, 21, tzinfo=UTC), WHAT_IF) == datetime(
        2027, 1, 3, 12, tzinfo=UTC
    )
    assert _review_ends(after, now, WHAT_IF) == datetime(2027, 1, 17, 12, tzinfo=UTC)
    # the same contract under Upwork's own history: 14 days
    assert _review_ends(after, now, None) == datetime(2027, 1, 24, 12, tzinfo=UTC)
    # and advance() releases it on the what-if's day, not Upwork's
    released = escrow.advance(after, datetime(2027, 1, 17, 12, tzinfo=UTC), rules=WHAT_IF)
    assert released.milestones[0].state == "paid"
    kept = escrow.advance(after, datetime(2027, 1, 17, 12, tzinfo=UTC))
    assert kept.milestones[0].state == "submitted"


def test_rules_in_force_reads_the_history() -> None:
    assert escrow.rules_in_force(datetime(2027, 1, 1, tzinfo=UTC), rules=WHAT_IF) is SHORT_REVIEW
    assert escrow.rules_in_force(datetime(2026, 12, 31, 23, 59, tzinfo=UTC), rules=WHAT_IF) is (
        rules.HISTORY.current
    )


def test_upworks_own_history_gives_the_default_answers() -> None:
    job = _submitted(date(2026, 12, 20))
    now = datetime(2026, 12, 22, tzinfo=UTC)
    assert escrow.deadlines(job, now, rules=rules.HISTORY) == escrow.deadlines(job, now)
    assert escrow.ledger(job, now, rules=rules.HISTORY) == escrow.ledger(job, now)
    assert checks.review_contract(job, now=now, rules=rules.HISTORY) == checks.review_contract(
        job, now=now
    )
    week = hourly.billing_week(datetime(2026, 3, 4, tzinfo=UTC))
    assert hourly.payout_calendar(week, rules=rules.HISTORY) == hourly.payout_calendar(week)
    day = date(2026, 3, 4)
    assert fees.paydays(
        "monthly", start=day, end=date(2026, 6, 30), rules=rules.PAYMENT_SCHEDULE_HISTORY
    ) == fees.paydays("monthly", start=day, end=date(2026, 6, 30))
    asked = datetime(2026, 3, 4, 9, tzinfo=UTC)
    assert fees.arrival("payoneer", asked, rules=rules.PAYMENT_SCHEDULE_HISTORY) == fees.arrival(
        "payoneer", asked
    )
    proceeds = Money("8000.00", "USD")
    assert fees.retention_allowance(
        proceeds, on=day, rules=rules.RETENTION_HISTORY
    ) == fees.retention_allowance(proceeds, on=day)


def test_a_jss_timeline_switches_rule_sets_where_the_history_does() -> None:
    history = [
        jss_contract(index, started=date(2024, 1, 1) + timedelta(days=20 * index))
        for index in range(8)
    ]
    strict = attrs.evolve(
        jss.HISTORY.current,
        effective=date(2025, 3, 1),
        name="what-if: 10 jobs to be eligible",
        min_jobs=10,
        min_clients=10,
    )
    what_if = rules.RuleHistory("what-if JSS rules", (*jss.HISTORY, strict))
    line = jss.timeline(
        history,
        start=date(2025, 2, 1),
        end=date(2025, 4, 1),
        step=timedelta(days=14),
        rules=what_if,
    )
    for point in line:
        if point.on < date(2025, 3, 1):
            assert point.score == jss.score(history, as_of=point.on).score
        else:
            assert point.score is None  # 8 jobs: not eligible under the what-if
            assert jss.score(history, as_of=point.on, rules=strict).score is None
    assert {p.on < date(2025, 3, 1) for p in line} == {True, False}
    assert [p.score for p in line if p.on < date(2025, 3, 1)] == [100, 100]  # eligible before
    assert jss.score(history, as_of=date(2025, 2, 1), rules=jss.HISTORY) == jss.score(
        history, as_of=date(2025, 2, 1)
    )


def jss_contract(index: int, *, started: date) -> Contract:
    from upwork_safety.testing import factories

    return factories.finished_contract(
        contract_id=f"c{index}", client=f"client-{index}", started=started, earned="500.00", days=10
    )


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda h: escrow.rules_in_force(datetime(2026, 1, 1, tzinfo=UTC), rules=h), "PlatformRules"),
        (lambda h: hourly.payout_calendar(hourly.billing_week(datetime(2026, 1, 7, tzinfo=UTC)), rules=h), "PlatformRules"),
        (lambda h: jss.score([], as_of=date(2026, 1, 1), rules=h), "JSSRules"),
        (lambda h: fees.retention_allowance(Money("1.00", "USD"), on=date(2026, 1, 1), rules=h), "RetentionRules"),
    ],
)  # fmt: skip
def test_a_history_of_the_wrong_rules_is_refused_naming_rules(call: object, kind: str) -> None:
    wrong = jss.HISTORY if kind != "JSSRules" else rules.HISTORY
    with pytest.raises(InvalidTypeError) as raised:
        call(wrong)  # type: ignore[operator]
    assert (raised.value.field, raised.value.rule) == (
        "rules",
        f"a {kind}, a RuleHistory of them, or None",
    )


def test_a_history_with_one_wrong_preset_is_refused_before_any_day_reads_it() -> None:
    """Refused when it is built, since review r34 4 (before, by the function it reached)."""
    with pytest.raises(RulesError) as raised:
        rules.RuleHistory(
            "mixed", (*rules.HISTORY, attrs.evolve(jss.HISTORY.current, effective=date(2030, 1, 1)))
        )
    assert raised.value.field == f"RuleHistory.presets[{len(rules.HISTORY)}]"
    assert raised.value.rule == "rule sets of one kind"


def test_to_mermaid_draws_one_rule_set_and_refuses_a_history_without_a_day() -> None:
    """A history of several sets needs on= (review r24 E2, review A L3): a diagram draws one."""
    slow = attrs.evolve(rules.CURRENT, name="slow", review_period=timedelta(days=21))
    several = rules.RuleHistory(
        "what-if",
        [rules.CURRENT, attrs.evolve(slow, effective=date(2027, 1, 1))],
    )
    with pytest.raises(InvalidValueError) as raised:
        escrow.to_mermaid(rules=several)
    assert (raised.value.field, raised.value.rule) == (
        "on",
        "a day to draw a history of several rule sets on",
    )
    assert "21 days" in escrow.to_mermaid(rules=several, on=date(2027, 1, 1))
    assert "21 days" not in escrow.to_mermaid(rules=several, on=date(2026, 12, 31))


def test_to_mermaid_reads_upworks_history_and_a_one_set_history_without_a_day() -> None:
    """Upwork's own HISTORY is read as no rules, as the engine reads it; one set is drawn."""
    assert escrow.to_mermaid(rules=rules.HISTORY) == escrow.to_mermaid()
    slow = attrs.evolve(rules.CURRENT, name="slow", review_period=timedelta(days=21))
    one = rules.RuleHistory("one", [slow])
    assert escrow.to_mermaid(rules=one) == escrow.to_mermaid(rules=slow)


# ----------------------------------------------------------- review r23 (reviewlead)


def test_top_rated_weeks_reads_a_history_from_its_own_first_day() -> None:
    """Review M1: a history was read like one rule set, from year 1, so Upwork's own JSS
    history refused early-2015 days the default accepts."""
    from upwork_safety.testing import factories

    history = [
        factories.finished_contract(
            contract_id=f"c{i}",
            client=f"k{i}",
            started=date(2015, 1, 1) + timedelta(days=5 * i),
            earned="500.00",
            days=3,
        )
        for i in range(4)
    ]
    for day in (date(2015, 3, 20), date(2015, 6, 1)):
        default = jss.top_rated_weeks(history, as_of=day)
        given = jss.top_rated_weeks(history, as_of=day, rules=jss.HISTORY)
        assert given == default
        assert jss.top_rated(history, as_of=day, rules=jss.HISTORY) == jss.top_rated(
            history, as_of=day
        )
    assert len(jss.top_rated_weeks(history, as_of=date(2015, 3, 20)).weeks) == 3


def test_dispute_response_reads_the_history_as_the_invoice_did() -> None:
    """Review M2: with an invoice, a history gives the set in force as the week ends (the
    invoice's), not on the day the dispute opens."""
    from upwork_safety.testing import factories

    fast = attrs.evolve(
        rules.HISTORY.current,
        effective=date(2027, 1, 1),
        name="what-if: 7-day hourly hold from 2027",
        hourly_available_delay=timedelta(days=7),
    )
    what_if = rules.RuleHistory("what-if platform rules", (*rules.HISTORY, fast))
    contract = factories.hourly_contract(started=date(2026, 12, 21), days=3, hours=2)
    week = hourly.billing_week(datetime(2026, 12, 22, tzinfo=UTC))
    bill = hourly.invoice_for(contract, week=week, rules=what_if)
    assert bill.rules is rules.HISTORY.current  # the week ends in 2026
    opened = datetime(2027, 1, 1, 1, tzinfo=UTC)  # in the window, after the switch
    answer = hourly.dispute_response(opened, invoice=bill, rules=what_if)
    assert answer == hourly.dispute_response(opened, invoice=bill)
    assert answer.respond_by == datetime(2027, 1, 4, 1, tzinfo=UTC)


def test_upworks_own_history_blames_an_inconsistent_escrow_as_the_default_does() -> None:
    """Review L1: under Upwork's own history the engine said "the rules given (rules=)"."""
    slow = attrs.evolve(
        rules.HISTORY.current,
        name="30-day answer",
        client_dispute_response=timedelta(days=30),
    )
    job = Contract(
        id="j",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=date(2026, 3, 1),
        milestones=[Milestone("m1", "A", Money("300.00", "USD"))],
    )
    for event in (
        escrow.Fund("m1", datetime(2026, 3, 2, tzinfo=UTC)),
        escrow.Submit("m1", datetime(2026, 3, 3, tzinfo=UTC)),
        escrow.RequestRefund("m1", datetime(2026, 3, 4, tzinfo=UTC)),
        escrow.OpenDispute("m1", datetime(2026, 3, 5, tzinfo=UTC)),
        escrow.AnswerDispute("m1", datetime(2026, 3, 20, tzinfo=UTC)),
    ):
        job = escrow.apply(job, event, rules=slow)
    now = datetime(2026, 3, 21, tzinfo=UTC)
    fields = set()
    for given in (None, rules.HISTORY):
        with pytest.raises(InvalidValueError) as raised:
            escrow.ledger(job, now, rules=given)
        fields.add(raised.value.field)
    assert fields == {"Contract.milestones[0].escrow.dispute_answered_at"}


def test_a_history_that_starts_after_a_day_it_is_asked_about_is_refused_naming_rules() -> None:
    """Review L3: the error named a field "on" neither function has."""
    late = rules.RuleHistory(
        "what-if from 2027", (attrs.evolve(rules.HISTORY.current, effective=date(2027, 1, 1)),)
    )
    with pytest.raises(RulesError) as raised:
        escrow.rules_in_force(datetime(2026, 3, 3, tzinfo=UTC), rules=late)
    assert (raised.value.field, raised.value.rule) == ("rules", "on or after 2027-01-01")
    with pytest.raises(RulesError) as in_fees:
        fees.retention_allowance(
            Money("1.00", "USD"),
            on=date(2026, 1, 1),
            rules=rules.RuleHistory(
                "late", (attrs.evolve(rules.RETENTION_HISTORY.current, effective=date(2027, 1, 1)),)
            ),
        )
    assert in_fees.value.field == "rules"


def test_a_history_after_the_disputed_week_names_the_weeks_last_day_not_on() -> None:
    """Review r24 A L4: dispute_response has no on=, and the refusal named one."""
    late = rules.RuleHistory("late", [attrs.evolve(rules.CURRENT, effective=date(2024, 1, 10))])
    with pytest.raises(RulesError) as raised:
        hourly.dispute_response(datetime(2024, 1, 11, tzinfo=UTC), rules=late)
    assert (raised.value.field, raised.value.rule) == ("rules", "on or after 2024-01-10")
    assert "(the week's last day)" in str(raised.value)
    assert "(on)" not in str(raised.value)
