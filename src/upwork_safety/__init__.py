"""upwork_safety: typed, tested rules that keep Upwork freelancers from losing money.

The engines (:mod:`~upwork_safety.escrow`, :mod:`~upwork_safety.hourly`,
:mod:`~upwork_safety.jss`, :mod:`~upwork_safety.fees`,
:mod:`~upwork_safety.checks`), :mod:`~upwork_safety.statements`, the rules,
:mod:`~upwork_safety.serialize` and the extras (:mod:`~upwork_safety.plot`,
:mod:`~upwork_safety.testing`) are imported on first attribute access, so
``import upwork_safety`` stays cheap for tools that embed only a part.  Every
error class is importable from here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from upwork_safety._display import shown as _shown
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
    TransitionError,
    UpworkSafetyError,
)
from upwork_safety.kinds import ContractKind, EndReason, MilestoneState
from upwork_safety.models import (
    Client,
    Contract,
    Feedback,
    Milestone,
    Payment,
    TimeEntry,
)
from upwork_safety.money import ExchangeRate, Money

if TYPE_CHECKING:
    from upwork_safety import (
        checks,
        escrow,
        fees,
        hourly,
        jss,
        plot,
        rules,
        serialize,
        statements,
        testing,
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
    "InvalidTypeError",
    "InvalidValueError",
    "Milestone",
    "MilestoneState",
    "Money",
    "Payment",
    "RulesError",
    "TimeEntry",
    "TransitionError",
    "UpworkSafetyError",
    "checks",
    "escrow",
    "fees",
    "hourly",
    "jss",
    "plot",
    "rules",
    "serialize",
    "statements",
    "testing",
]

#: The public subpackages and modules, imported on first use: the lower-case names above.
_LAZY_MODULES = frozenset(name for name in __all__ if name.islower())


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f"upwork_safety.{name}")
    if name == "__version__":
        from importlib.metadata import version

        return version("upwork-safety")
    raise AttributeError(f"module 'upwork_safety' has no attribute {_shown(name)}")


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
