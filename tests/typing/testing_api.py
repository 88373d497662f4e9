"""Use upwork_safety.testing the way another project's suite would; type-checked, never executed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from upwork_safety import Contract, Milestone, escrow, hourly, rules, statements
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

if TYPE_CHECKING:
    from decimal import Decimal

    from hypothesis import strategies as st

weeks: st.SearchStrategy[hourly.BillingWeek] = us.billing_weeks(min_value=date(2024, 1, 1))
limits: st.SearchStrategy[Decimal] = us.weekly_limits(max_value=40)
paused: st.SearchStrategy[hourly.Pause] = us.pauses(open_ended=False)
diaries: st.SearchStrategy[
    tuple[hourly.BillingWeek, tuple[hourly.TimeEntry, ...], tuple[hourly.Pause, ...]]
] = us.work_weeks(max_entries=4, max_pauses=1)
extras: st.SearchStrategy[hourly.Bonus] = us.bonuses("PKR", rules=us.platform_rules())
weekly: st.SearchStrategy[hourly.WeeklyPayment] = us.weekly_payments()
rows: st.SearchStrategy[statements.Transaction] = us.transactions(
    kinds=statements.INCOME_KINDS, max_value="500"
)
platform: st.SearchStrategy[rules.PlatformRules] = us.platform_rules(what_if=False)
scoring: st.SearchStrategy[rules.JSSRules] = us.jss_rules()
job: Contract = factories.hourly_contract(rate="35", weekly_limit=10, days=5, hours=4)
around: st.SearchStrategy[list[Contract]] = us.histories(as_of=date(2026, 1, 1), max_size=4)
scored: st.SearchStrategy[tuple[list[Contract], date]] = us.histories_with_as_of(min_size=2)


def offer(rate: factories.FeeRate = factories.FROM_RULES) -> Contract:
    """A typed wrapper of a factory: its fee-rate type and sentinel are public (r19 L3)."""
    return factories.contract(amount="400", service_fee_rate=rate)


own_rate: Contract = offer("0.05")
no_rate: Contract = offer(None)
sentinel: factories.FromRules = factories.FROM_RULES

# Every contract factory takes a Client, not only its id (newcomer r22 L1).
verified_done: Contract = factories.finished_contract(client=factories.VERIFIED_CLIENT)
verified_offer: Contract = factories.contract(client=factories.VERIFIED_CLIENT)
verified_hours: Contract = factories.hourly_contract(client=factories.VERIFIED_CLIENT)

# Dollars in every form the factories' docstrings list: Money, or a str, int
# or Decimal of dollars (red team r23 L1: ``rate=35`` was refused by both checkers).
hourly_int: Contract = factories.hourly_contract(rate=35)
offer_int: Contract = factories.contract(amount=250)
done_int: Contract = factories.finished_contract(earned=100)
part_int: Milestone = factories.milestone(amount=5)


def in_decimal(dollars: Decimal) -> Contract:
    """A Decimal of dollars is accepted too."""
    return factories.hourly_contract(rate=dollars)


book_of_one_client: st.SearchStrategy[tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]] = (
    us.contract_histories(max_events=6, client=factories.VERIFIED_CLIENT)
)
by_id = us.contract_histories(client="acme")
