"""JSS boundaries where a freelancer's number jumped (fidelity audit r17).

The 90-day cadence of open long-term contracts (M2), the paid duration of
ended contracts (M3), the threshold of "$0 earned with positive feedback"
(M4, L3) and a score from one client's jobs (L5).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import jss
from upwork_safety.jss import Outcome, ReasonCode
from upwork_safety.models import Contract, ContractKind, Feedback, Payment
from upwork_safety.money import Money

START = date(2025, 1, 1)


def pay(on: date, amount: str = "100") -> Payment:
    return Payment(on, Money(amount, "USD"))


def job(
    cid: str,
    *,
    started: date = START,
    ended: date | None = date(2025, 1, 31),
    stars: str | None = "5.0",
    payments: list[Payment] | None = None,
    amount: str = "100",
    client: str | None = None,
) -> Contract:
    if payments is None:
        payments = [pay(ended, amount)] if ended is not None and Decimal(amount) else []
    feedback = None if ended is None or stars is None else Feedback(stars=stars)
    return Contract(
        cid,
        client or f"client-{cid}",
        ContractKind.FIXED_PRICE,
        started,
        ended,
        payments=payments,
        feedback=feedback,
    )


def day(n: int) -> date:
    return START + timedelta(days=n)


# --------------------------------------------------------------------------
# M2: one payment a day earlier never makes an open contract count later


@pytest.mark.parametrize("paid_on", [89, 90])
def test_a_second_payment_on_day_89_or_90_counts_from_day_90_until_90_days_after_it(paid_on):
    """Regression (red team r17 M2): paid on day 89, an open contract never counted until
    another payment came, while one paid on day 90 counted at once.

    "Paid at least every 90 days for 90 days or more" is counted up to the day judged:
    with a run of two payments (days 30 and 89, or 30 and 90), both count from day 90
    (the run from the start is then 90 days long, with no gap over 90 days), and both
    stop 91 days after their last payment.
    """
    retainer = job("lt", ended=None, payments=[pay(day(30), "300"), pay(day(paid_on), "600")])

    def outcome(n: int) -> Outcome:
        return jss.classify(retainer, as_of=day(n)).outcome

    assert Outcome.EXCLUDED is outcome(89)  # the run is 89 days long: not yet
    assert [Outcome.POSITIVE] * 4 == [outcome(n) for n in (90, 100, 178, paid_on + 90)]
    assert Outcome.EXCLUDED is outcome(paid_on + 91)  # more than 90 days since it was paid


@pytest.mark.parametrize("paid_on", [0, 30, 89, 90])
def test_a_single_payment_is_not_a_run_of_regular_payments(paid_on):
    """Regression (review r17 M2): paid once, on its first day, an open contract counted as
    a long-term success on day 90 alone (a score of 50, 67, 50 on days 89, 90, 91).  One
    payment is not "payment made every 90 days": it never counts until a second comes."""
    once = job("lt", ended=None, payments=[pay(day(paid_on), "600")])
    assert {jss.classify(once, as_of=day(n)).outcome for n in range(85, 180)} == {Outcome.EXCLUDED}


def test_paying_a_day_earlier_never_lowers_the_score_for_the_90_day_rule():
    """Day by day from day 85 to 185, the contract paid on days 30 and 89 counts whenever
    the one paid on days 30 and 90 does, except on day 180, 91 days after its payment; and
    the timeline re-judges on day 90, the day the run grows long enough (it equals score()
    daily)."""
    others = [job(f"g{i}") for i in range(3)] + [job("bad", stars="2.0")]
    counted: dict[int, list[Outcome]] = {}
    for paid_on in (89, 90):
        payments = [pay(day(30), "300"), pay(day(paid_on), "600")]
        history = [*others, job("lt", ended=None, payments=payments)]
        points = jss.timeline(history, start=day(85), end=day(185))
        assert [jss.score(history, as_of=p.on).score for p in points] == [p.score for p in points]
        counted[paid_on] = [
            jss.score(history, as_of=day(n)).impact("lt").outcome for n in range(85, 186)
        ]
    for n, (earlier, later) in enumerate(zip(counted[89], counted[90], strict=True), start=85):
        if later is Outcome.POSITIVE and n != 180:
            assert earlier is Outcome.POSITIVE, n
    assert counted[89][90 - 85 :].count(Outcome.POSITIVE) == 90  # days 90 to 179


# --------------------------------------------------------------------------
# M3: an ended contract's paid duration is its run of regular payments


def test_a_single_late_payment_is_not_21_months_of_paid_duration():
    """Regression (red team r17 M3): a contract started in August 2023 and paid once, on
    2025-05-01, weighed 8 ("paid over 21 months") and, with one bad review, outweighed
    eight good jobs.  Its paid duration is counted as an open contract's is: from the
    start of its run of regular payments, the one late payment."""
    late = job("late", started=date(2023, 8, 1), ended=date(2025, 5, 1), stars="1.0")
    impact = jss.classify(late, as_of=date(2025, 6, 1))
    assert (Outcome.NEGATIVE, Decimal(1)) == (impact.outcome, impact.weight)
    assert impact.codes[-2:] == (ReasonCode.WEIGHT_FROM_LATER_RUN, ReasonCode.COUNTS_UNTIL)
    assert impact.reasons[-2] == (
        "weight 1: earned USD 100.00, paid over 0 months (counted from 2025-05-01: no "
        "payment in the 90 days before it)"
    )
    smalls = [job(f"g{i}", ended=date(2025, 1, 20)) for i in range(8)]
    assert 89 == jss.score([*smalls, late], as_of=date(2025, 6, 1)).score  # was 50


def test_a_middling_job_paid_once_at_its_end_is_not_long_term():
    """Regression (red team r17 M3): a 4.2-star job that ran six months and was paid once
    at its end counted as a long-term success ("long-term: paid over 6 months")."""
    middling = job("mid", started=date(2024, 11, 1), ended=date(2025, 5, 1), stars="4.2")
    impact = jss.classify(middling, as_of=date(2025, 6, 1))
    assert (Outcome.NEUTRAL, Decimal(1)) == (impact.outcome, impact.weight)
    monthly = attrs.evolve(middling, payments=[pay(date(2024, m, 1)) for m in (12,)] + [
        pay(date(2025, m, 1)) for m in range(1, 6)
    ])  # fmt: skip
    impact = jss.classify(monthly, as_of=date(2025, 6, 1))
    assert (Outcome.POSITIVE, Decimal("3.25")) == (impact.outcome, impact.weight)
    assert "long-term: paid over 6 months" in impact.reasons


def test_an_invoice_after_the_end_pays_the_run_up_to_the_end():
    """A last week's invoice after the end (within 90 days of the payment before it) adds
    money, not months: the run it continues is paid up to the contract's end, as before.
    A late payment more than 90 days after the last one neither adds nor takes months."""
    weekly = [pay(START + timedelta(weeks=k)) for k in range(1, 13)]  # to 2025-03-26
    hourly = job("h", ended=date(2025, 4, 1), payments=[*weekly, pay(date(2025, 4, 3))])
    assert jss.classify(hourly, as_of=date(2025, 6, 1)).reasons[-2] == (
        "weight 2.5: earned USD 1,300.00, paid over 3 months"
    )
    bonus = attrs.evolve(hourly, payments=[*weekly, pay(date(2025, 7, 1))])
    assert jss.classify(bonus, as_of=date(2025, 7, 2)).reasons[-2] == (
        "weight 1.5: earned USD 1,300.00, paid over 2 months"
    )


# --------------------------------------------------------------------------
# M4, L3: "$0 earned with positive feedback" has its own, documented threshold


def test_positive_feedback_for_the_unpaid_exclusion_is_its_own_field():
    """Regression (red team r17 M4): a $0 job with 4.3 stars counted as neutral (100 → 80)
    because "positive" silently meant the strong-feedback line; the line is now
    ``unpaid_positive_stars_at_least`` (4.5, unconfirmed), its reasons say why the
    exclusion did not apply, and a what-if can move it apart from ``positive_stars_at_least``."""
    assert Decimal("4.5") == jss.CURRENT.unpaid_positive_stars_at_least
    sources = {name: source for name, _, source in jss.rule_sources()}
    assert sources["unpaid_positive_stars_at_least"].unconfirmed
    others = [job(f"g{i}") for i in range(4)]
    unpaid = job("zero", stars="4.3", amount="0")
    report = jss.score([*others, unpaid], as_of=date(2025, 6, 1))
    assert (80, Outcome.NEUTRAL) == (report.score, report.impact("zero").outcome)
    assert report.impact("zero").reasons[-3] == (
        "nothing earned, but not positive feedback for the $0 exclusion (public stars 4.5 or "
        "more, or a private score of 9 or more): counts"
    )
    lenient = attrs.evolve(jss.CURRENT, unpaid_positive_stars_at_least="4.0")
    report = jss.score([*others, unpaid], as_of=date(2025, 6, 1), rules=lenient)
    assert (100, Outcome.EXCLUDED) == (report.score, report.impact("zero").outcome)
    paid = jss.classify(job("p", stars="4.3"), as_of=date(2025, 6, 1), rules=lenient)
    assert Outcome.NEUTRAL is paid.outcome  # a paid 4.3-star job is still middling


def test_a_zero_dollar_job_with_positive_feedback_is_still_an_eligible_job():
    """Regression (red team r17 L3): a $0 five-star job was left out of eligibility too,
    though the current help page counts the jobs with feedback as eligible.  It is left
    out of the score only: with one paid job from another client there is a score, from
    the paid job alone."""
    paid = job("a", amount="300")
    unpaid = job("b", amount="0")
    report = jss.score([paid, unpaid], as_of=date(2025, 6, 1))
    assert (100, Outcome.EXCLUDED) == (report.score, report.impact("b").outcome)
    assert report.windows[0].contracts == 1
    # Under the 24-month eligibility of December 2023, only while inside that window
    # (whose windows need 2 clients' outcomes: eligible, but no window to show).
    paid = job("a", amount="300", started=date(2023, 12, 1), ended=date(2023, 12, 20))
    old = job("b", amount="0", started=date(2021, 1, 1), ended=date(2021, 11, 30))
    assert jss.score([paid, old], as_of=date(2024, 1, 2)).reason.startswith(
        "not eligible: 1 eligible job(s) from 1 client(s) in the last 24 months"
    )
    recent = attrs.evolve(old, started=date(2023, 12, 1), ended=date(2023, 12, 20))
    scored = jss.score([paid, recent], as_of=date(2024, 1, 2))
    assert scored.score is None
    assert "2 distinct clients" in scored.reason


def test_a_zero_dollar_job_ending_on_the_eligibility_windows_first_day_is_eligible():
    """Red team r19 mutation G3: the 24-month eligibility window includes its first day.

    Scored on 2 January 2024 (the snapshot of 24 December 2023) under the
    24-month eligibility of December 2023, a $0 five-star job counts toward
    eligibility alone while it ended on or after 24 December 2021.  With one
    paid job from another client it is the second eligible job: a score is
    shown (one client's window allowed here), and a day earlier there is none.
    """
    rules = attrs.evolve(jss.ELIGIBILITY_2023, min_window_clients=1)
    assert 24 == rules.eligibility_months
    paid = job("a", amount="300", started=date(2023, 12, 1), ended=date(2023, 12, 20))
    unpaid = job("b", amount="0", started=date(2021, 1, 1), ended=date(2021, 12, 24))
    report = jss.score([paid, unpaid], as_of=date(2024, 1, 2), rules=rules)
    assert (date(2023, 12, 24), 100, Outcome.EXCLUDED) == (
        report.computed_on,
        report.score,
        report.impact("b").outcome,
    )
    earlier = attrs.evolve(unpaid, ended=date(2021, 12, 23))
    assert jss.score([paid, earlier], as_of=date(2024, 1, 2), rules=rules).score is None


# --------------------------------------------------------------------------
# L5: a score from one client's outcomes says so


def test_a_score_from_one_clients_outcomes_says_so():
    """Regression (red team r17 L5): an old job from client A and a recent 1-star job from
    client B showed "0% from the 24 months window", not saying that the window holds one
    client's outcomes, which today's rules show (min_window_clients 1, unconfirmed) where
    the 2020 rule asked for 2 clients."""
    old = job("a", started=date(2022, 1, 1), ended=date(2023, 1, 31))
    recent = job("b", stars="1.0")
    report = jss.score([old, recent], as_of=date(2025, 6, 1))
    assert (0, 1) == (report.score, report.windows[0].clients)
    assert jss.CURRENT.min_window_clients == 1
    assert "all from one client" in report.reason
    two = jss.score([old, recent, job("c")], as_of=date(2025, 6, 1))
    assert (two.score, two.windows[0].clients) == (50, 2)
    assert "one client" not in two.reason
    strict = attrs.evolve(jss.CURRENT, min_window_clients=2)
    assert jss.score([old, recent], as_of=date(2025, 6, 1), rules=strict).score is None
