"""Fees and withdrawals: from what the client paid to rupees in a Pakistani bank.

Four things take money between a client's payment and the freelancer's
account, and this package shows each of them:

1. Upwork's **service fee**, by the dated schedule in force on the payment
   date (:func:`service_fee`, :func:`net_earnings`, the inverse
   :func:`gross_for_net`, and :func:`explain_service_fee`, which says which
   rate was used: from 2025-05-01 the published 10% unless the contract's
   own rate is given; :func:`contract_payment_fees` charges many payments
   of one contract in one pass);
2. the **withdrawal method's fee** (:class:`WithdrawalMethod`, presets
   :data:`DIRECT_TO_LOCAL_BANK`, :data:`PAYONEER`, :data:`WIRE_USD`, ...);
3. the **exchange rate**: the rate the method offers, or a spread against
   a reference rate the caller supplies (the library never fetches rates;
   a method whose markup is not published needs one of them);
4. the **income tax** the bank withholds under s.154A (1%, 0.25% if
   PSEB-registered; :data:`EXPORT_TAX_HISTORY`).

What the bank may keep in dollars instead of converting (50% of the
month's proceeds or USD 5,000, whichever is higher, since October 2023) is
:func:`retention_allowance`, by :data:`RETENTION_HISTORY`.

:func:`quote_withdrawal` itemises 2–4 for one method,
:func:`compare_withdrawals` ranks the methods whose cost is known and says
up to which spread each of the others would win, :func:`break_even` finds
the amount where one method overtakes another, :func:`withdrawal_for_target`
inverts a quote, :func:`plan_withdrawals` picks how often to withdraw by
hand, :func:`payout` runs the whole path in one call, and
:func:`auto_withdrawals` and :func:`compare_schedules` replay a balance
history through Upwork's automatic payment schedules, and :func:`arrival`
says on which days a withdrawal reaches the bank.

Fees are computed per transaction and rounded half up to the cent, as in
Upwork's own examples, in the library's own decimal context::

    >>> from datetime import date
    >>> from upwork_safety.money import Money
    >>> service_fee(Money("600.00", "USD"), on=date(2020, 3, 1))
    Money(amount=Decimal('110.00'), currency='USD')
"""

from __future__ import annotations

from upwork_safety.fees._arrival import Arrival, arrival
from upwork_safety.fees._break_even import BreakEven, break_even
from upwork_safety.fees._compare import SkippedMethod, WithdrawalComparison, to_records
from upwork_safety.fees._fee_explanation import FeeBasis, ServiceFee
from upwork_safety.fees._paydays import (
    Credit,
    PayoutReason,
    ScheduledPayout,
    SkippedPayday,
    SkipReason,
    paydays,
)
from upwork_safety.fees._payout import Payout, payout
from upwork_safety.fees._planning import (
    DEFAULT_FREQUENCIES,
    Frequency,
    PlanOption,
    WithdrawalPlan,
    plan_withdrawals,
)
from upwork_safety.fees._ranking import compare_withdrawals
from upwork_safety.fees._retention import retention_allowance
from upwork_safety.fees._route import MAX_GAIN_OVER_REFERENCE, FeeLine, RateBasis
from upwork_safety.fees._schedule_comparison import ScheduleComparison, compare_schedules
from upwork_safety.fees._schedules import AutoWithdrawals, auto_withdrawals
from upwork_safety.fees._service_fee import (
    contract_payment_fees,
    explain_service_fee,
    gross_for_net,
    net_earnings,
    service_fee,
)
from upwork_safety.fees._spread_search import SPREAD_STEP
from upwork_safety.fees._withdrawal import (
    WithdrawalQuote,
    get_method,
    quote_withdrawal,
    withdrawal_for_target,
)
from upwork_safety.rules import (
    DATABASE_ADMINISTRATION_2016,
    DATABASE_ADMINISTRATION_HISTORY,
    DIRECT_TO_LOCAL_BANK,
    ENTERPRISE,
    EXPORT_TAX_2022,
    EXPORT_TAX_HISTORY,
    FLAT_10_2016,
    FLAT_10_2023,
    FREELANCER_RETENTION_2023,
    PAKISTAN_METHODS,
    PAYMENT_SCHEDULE_HISTORY,
    PAYMENT_SCHEDULES,
    PAYONEER,
    PAYONEER_USD_ACCOUNT,
    PAYPAL,
    PER_CONTRACT_2025,
    RETENTION_HISTORY,
    SERVICE_FEE_HISTORY,
    SLIDING_SCALE_2016,
    TAX_RATE_NOT_PSEB,
    TAX_RATE_PSEB,
    WIRE_USD,
    ExportTaxRules,
    FeeTier,
    Payday,
    PaymentSchedule,
    PaymentScheduleRules,
    RetentionRules,
    ServiceFeeSchedule,
    WithdrawalMethod,
    schedule_as_of,
)

__all__ = [
    "DATABASE_ADMINISTRATION_2016",
    "DATABASE_ADMINISTRATION_HISTORY",
    "DEFAULT_FREQUENCIES",
    "DIRECT_TO_LOCAL_BANK",
    "ENTERPRISE",
    "EXPORT_TAX_2022",
    "EXPORT_TAX_HISTORY",
    "FLAT_10_2016",
    "FLAT_10_2023",
    "FREELANCER_RETENTION_2023",
    "MAX_GAIN_OVER_REFERENCE",
    "PAKISTAN_METHODS",
    "PAYMENT_SCHEDULES",
    "PAYMENT_SCHEDULE_HISTORY",
    "PAYONEER",
    "PAYONEER_USD_ACCOUNT",
    "PAYPAL",
    "PER_CONTRACT_2025",
    "RETENTION_HISTORY",
    "SERVICE_FEE_HISTORY",
    "SLIDING_SCALE_2016",
    "SPREAD_STEP",
    "TAX_RATE_NOT_PSEB",
    "TAX_RATE_PSEB",
    "WIRE_USD",
    "Arrival",
    "AutoWithdrawals",
    "BreakEven",
    "Credit",
    "ExportTaxRules",
    "FeeBasis",
    "FeeLine",
    "FeeTier",
    "Frequency",
    "Payday",
    "PaymentSchedule",
    "PaymentScheduleRules",
    "Payout",
    "PayoutReason",
    "PlanOption",
    "RateBasis",
    "RetentionRules",
    "ScheduleComparison",
    "ScheduledPayout",
    "ServiceFee",
    "ServiceFeeSchedule",
    "SkipReason",
    "SkippedMethod",
    "SkippedPayday",
    "WithdrawalComparison",
    "WithdrawalMethod",
    "WithdrawalPlan",
    "WithdrawalQuote",
    "arrival",
    "auto_withdrawals",
    "break_even",
    "compare_schedules",
    "compare_withdrawals",
    "contract_payment_fees",
    "explain_service_fee",
    "get_method",
    "gross_for_net",
    "net_earnings",
    "paydays",
    "payout",
    "plan_withdrawals",
    "quote_withdrawal",
    "retention_allowance",
    "schedule_as_of",
    "service_fee",
    "to_records",
    "withdrawal_for_target",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
