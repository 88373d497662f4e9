"""Use the public API the way a caller would; type-checked by mypy and pyright, never executed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs

import upwork_safety
from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    CurrencyMismatchError,
    EndReason,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    TransitionError,
    UpworkSafetyError,
    checks,
    escrow,
    fees,
    hourly,
    jss,
    rules,
    serialize,
)

fee: Money = (Money("266.64", "USD") * Decimal("0.10")).rounded()
total: Money = sum([fee, fee], Money.zero("USD"))
label: str = total.format(locale="en_PK")
pkr: Money = ExchangeRate("USD", "PKR", "280").convert(total)
cheaper: bool = fee < total

contract = Contract(
    "c1",
    Client("acme", payment_verified=True),
    ContractKind.FIXED_PRICE,
    date(2024, 1, 1),
    milestones=(Milestone("m1", "Logo in SVG and PNG", Money("100", "USD")),),
    payments=(Payment(date(2024, 1, 20), Money("100", "USD")),),
    feedback=Feedback(stars=Decimal("4.8"), private_score=9, end_reason=EndReason.COMPLETED),
)
by_id = Contract("c2", "acme", ContractKind.HOURLY, date(2024, 1, 1))
earned: Money = contract.earnings
state: MilestoneState = contract.milestones[0].state

current: rules.PlatformRules = rules.as_of(date(2024, 1, 1))
what_if = attrs.evolve(current, review_period=timedelta(days=21))
period: timedelta = what_if.review_period

data = serialize.to_dict(contract)
back: Contract = serialize.from_dict(Contract, data)
many: list[Contract] = serialize.from_json(list[Contract], serialize.to_json([contract]))

try:
    serialize.from_json(Contract, "{}")
except InvalidDataError as exc:
    problems: tuple[str, ...] = exc.problems
except (CurrencyMismatchError, TransitionError, UpworkSafetyError):
    pass

version: str = upwork_safety.__version__

# --- engines, as a tool built on the library would call them -----------------

UTC = timezone.utc
funded = escrow.apply(contract, escrow.Fund("m1", datetime(2024, 1, 2, tzinfo=UTC)))
moved: Contract = escrow.advance(funded, datetime(2024, 2, 1, tzinfo=UTC))
offered: Contract = escrow.as_offered(moved, rules=rules.HISTORY)
upcoming: list[escrow.Deadline] = escrow.deadlines(moved, datetime(2024, 2, 1, tzinfo=UTC))
book: escrow.Ledger = escrow.ledger(moved, datetime(2024, 2, 1, tzinfo=UTC))
in_hand: Money = book.available
choices: escrow.Choices = escrow.allowed(moved, "m1")
approvable: bool = escrow.Approve in choices
why_not: str | None = choices.reason(escrow.Fund)
diagram: str = escrow.to_mermaid()
diagram_on: str = escrow.to_mermaid(rules=rules.HISTORY, on=date(2024, 1, 1))

week: hourly.BillingWeek = hourly.billing_week(datetime(2024, 1, 3, tzinfo=UTC))
bill: hourly.WeeklyInvoice = hourly.invoice(
    (), week=week, rate=Money("20", "USD"), client_verified=True
)
counted_under: rules.PlatformRules = bill.rules
billable: Decimal = bill.billable_hours
paused_bill: hourly.WeeklyInvoice = hourly.invoice(
    (),
    week=week,
    rate=Money("20", "USD"),
    pauses=[hourly.Pause(datetime(2024, 1, 2, tzinfo=UTC))],
    client_verified=True,
)
extra: hourly.Bonus = hourly.bonus(Money("50", "USD"), paid_at=datetime(2024, 1, 3, tzinfo=UTC))
retainer: hourly.WeeklyPayment = hourly.weekly_payment(Money("400", "USD"), week=week)
plan: hourly.PayoutSchedule = hourly.payout_schedule(
    invoices=[bill], bonuses=[extra], weekly_payments=[retainer]
)
buckets: dict[hourly.PayoutStatus, Money] = plan.balances(datetime(2024, 1, 9, tzinfo=UTC))

fee_paid: Money = fees.service_fee(Money("500", "USD"), on=date(2024, 1, 1))
fee_on_contract: Money = fees.service_fee(Money("500", "USD"), on=date(2024, 1, 1), contract=by_id)
net_on_contract: Money = fees.net_earnings(Money("500", "USD"), on=date(2024, 1, 1), contract=by_id)
explained: fees.ServiceFee = fees.explain_service_fee(Money("500", "USD"), on=date(2026, 1, 1))
basis: fees.FeeBasis = explained.basis
own_payment: Money = fees.explain_service_fee(contract.payments[0], contract=contract).net
# A contract's own payment, charged in its place; it brings its own date (newcomer r22 L4).
own_net: Money = fees.net_earnings(contract.payments[0], contract=contract)
own_fee: Money = fees.service_fee(contract.payments[0], on=date(2024, 1, 1), contract=contract)
contract_net: Money = fees.net_earnings(contract, on=date(2024, 1, 1))
quote: fees.WithdrawalQuote = fees.quote_withdrawal(
    Money("900", "USD"),
    fees.DIRECT_TO_LOCAL_BANK,
    reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2)),
    offered_rate=ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 2)),
    pseb_registered=True,
)
received: Money = quote.received
comparison: fees.WithdrawalComparison = fees.compare_withdrawals(
    Money("900", "USD"),
    reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2)),
    spreads={"wire_usd": "1%"},
)
break_even_spread: Decimal | None = comparison.break_even_spread(fees.DIRECT_TO_LOCAL_BANK)
run: fees.AutoWithdrawals = fees.auto_withdrawals(
    [fees.Credit(date(2026, 1, 7), Money("1200", "USD"))],
    start=date(2026, 1, 1),
    end=date(2026, 12, 31),
    schedule=fees.PaymentSchedule.MONTHLY,
)
replayed_with: tuple[bool, date | None, fees.PaymentScheduleRules] = (
    run.us_freelancer,
    run.method_added,
    run.rules,
)

report: jss.JSSReport = jss.score([contract, by_id], as_of=date(2024, 6, 1))
points: list[jss.JSSPoint] = list(
    jss.timeline([contract], start=date(2024, 1, 1), end=date(2024, 2, 1), step=timedelta(days=7))
)
projection: tuple[bool, tuple[jss.Lapse, ...]] = (points[-1].projected, points[-1].lapses)
turned: list[tuple[str, jss.LapseKind, date]] = [
    (lapse.contract_id, lapse.kind, lapse.since)
    for lapse in jss.timeline([contract], start=date(2025, 1, 1), end=date(2025, 6, 1)).lapses()
]
change: jss.WhatIf = jss.what_if([contract], by_id, as_of=date(2024, 6, 1))
impact: jss.Impact = jss.classify(contract, as_of=date(2024, 6, 1))

found: list[checks.Finding] = checks.review_contract(moved, now=datetime(2024, 2, 1, tzinfo=UTC))
said: list[checks.Finding] = checks.scan_message("can you also just quickly add a page?")
vague: list[checks.Finding] = checks.review_milestone("Build the website")
worst: checks.Severity = max((f.severity for f in found), default=checks.Severity.INFO)
mine: list[checks.Finding] = checks.scan_message("5 stars?", direction=checks.Direction.OUTGOING)
also_mine: list[checks.Finding] = checks.scan_message("5 stars?", direction="outgoing")
code: checks.FindingCode = said[0].code
code_text: str = said[0].code
where: tuple[int, int] | None = said[0].span
sure: checks.Confidence = said[0].confidence
documented: checks.CodeInfo = checks.CODES[checks.FindingCode.SCOPE_CREEP]

# rules.sources takes the seven kinds of rule set, and only them (review r38, review 8).
kept: list[tuple[str, object, rules.RuleSource]] = rules.sources(rules.RETENTION_HISTORY.current)
paid: list[tuple[str, object, rules.RuleSource]] = rules.sources(
    rules.PAYMENT_SCHEDULE_HISTORY.current
)
rules.sources(rules.HISTORY)  # type: ignore[arg-type]  # a history: pass one of its presets
snapped: date = jss.CURRENT.snapshot(datetime(2025, 1, 1, tzinfo=timezone.utc))

# score_many: a report per history, or with errors="yield" a report or the error (review r40).
batch: list[jss.JSSReport] = list(jss.score_many([[contract]], as_of=date(2024, 6, 1)))
kept_going: list[jss.JSSReport | upwork_safety.UpworkSafetyError] = list(
    jss.score_many([[contract]], as_of=date(2024, 6, 1), errors="yield")
)
not_only_reports: list[jss.JSSReport] = list(
    jss.score_many([[contract]], as_of=date(2024, 6, 1), errors="yield")  # type: ignore[arg-type]
)
