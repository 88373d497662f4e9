"""upwork_safety: typed, tested rules that keep Upwork freelancers from losing money.

The engines (:mod:`~upwork_safety.escrow`, :mod:`~upwork_safety.hourly`,
:mod:`~upwork_safety.jss`, :mod:`~upwork_safety.fees`,
:mod:`~upwork_safety.checks`) and :mod:`~upwork_safety.statements` are
imported on first attribute access, so
``import upwork_safety`` stays cheap for tools that embed only a part.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    TransitionError,
    UpworkSafetyError,
)
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    MilestoneState,
    Payment,
)
from upwork_safety.money import ExchangeRate, Money

if TYPE_CHECKING:
    from upwork_safety import (
        checks,
        escrow,
        fees,
        hourly,
        jss,
        rules,
        serialize,
        statements,
    )

__all__ = [
    "Client",
    "Contract",
    "ContractKind",
    "CurrencyMismatchError",
    "EndReason",
    "ExchangeRate",
    "Feedback",
    "InvalidDataError",
    "Milestone",
    "MilestoneState",
    "Money",
    "Payment",
    "TransitionError",
    "UpworkSafetyError",
    "checks",
    "escrow",
    "fees",
    "hourly",
    "jss",
    "rules",
    "serialize",
    "statements",
]

_LAZY_MODULES = frozenset(
    {"checks", "escrow", "fees", "hourly", "jss", "rules", "serialize", "statements"}
)


def __getattr__(name: str) -> Any:  # noqa: ANN401  (module __getattr__ protocol)
    if name in _LAZY_MODULES:
        return importlib.import_module(f"upwork_safety.{name}")
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415  (lazy: import cost)

        return version("upwork-safety")
    raise AttributeError(f"module 'upwork_safety' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
