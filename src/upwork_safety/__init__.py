"""upwork_safety: typed, tested rules that keep Upwork freelancers from losing money.

The engines (:mod:`~upwork_safety.escrow`, :mod:`~upwork_safety.hourly`,
:mod:`~upwork_safety.jss`, :mod:`~upwork_safety.fees`,
:mod:`~upwork_safety.checks`), :mod:`~upwork_safety.statements`, the rules,
:mod:`~upwork_safety.serialize` and the extras (:mod:`~upwork_safety.plot`,
:mod:`~upwork_safety.testing`) are imported on first attribute access, so
``import upwork_safety`` stays cheap for tools that embed only a part.  The
first use of an engine pays its import: a quarter of a second or more for
:mod:`~upwork_safety.checks`, which compiles its phrase tables as it loads
(0.7 s on a busy 2-core machine), and up to a fifth of a second for each
other engine.  In a Hypothesis test, import the engines you use at module
level (``from upwork_safety import checks``), so that cost does not fall
inside the first example and its 200 ms deadline.  Every error class is
importable from here.
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
    UnknownMemberError,
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
    "UnknownMemberError",
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
