"""Use the public API the way a caller would; type-checked by mypy and pyright, never executed."""

from __future__ import annotations

from datetime import date, timedelta
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
