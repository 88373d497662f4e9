"""Hypothesis strategies for the values upwork_safety's functions take.

Every model, escrow event and statement, the platform's, the JSS's and the
service fee's rule sets, withdrawal methods and future jobs, each with
what-if variations where a rule set has them.  The other rule sets (export
tax, retention, payment schedules) have no strategy: pass their presets
from :mod:`upwork_safety.rules`.

Use them in your own tests::

    from hypothesis import given
    from upwork_safety.testing import strategies as us

    @given(us.contracts())
    def test_my_report_handles_any_contract(contract): ...

Every strategy produces only valid values (they pass the models'
validators); shrinking goes towards small, simple contracts.  They are
built to be cheap: amounts, dates and moments are drawn as integers and
mapped (no rejection sampling, no filters), text fields are sampled from
short lists, so a contract costs about a millisecond and a whole escrow
history a few (see ``docs/testing.md`` for measured figures).
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401  (only to fail early, with the extra named)
except ImportError as error:  # pragma: no cover  (tested in a subprocess)
    msg = (
        "upwork_safety.testing.strategies needs Hypothesis: install the 'testing' extra "
        "(upwork_safety.testing.factories works without it)"
    )
    raise ImportError(msg) from error

# The strategies live in private modules by subject; this module is their one
# public name, so callers (and the API docs) see one flat namespace.
from upwork_safety.testing._arguments import DEFAULT_CURRENCIES  # noqa: F401  (kept importable)
from upwork_safety.testing._contract_strategies import (
    clients,
    contracts,
    contracts_with_moments,
    exchange_rates,
    feedbacks,
    fixed_price_contracts,
    hourly_contracts,
    milestones,
    moments_after,
    payments,
    time_entries,
)
from upwork_safety.testing._fee_strategies import (
    future_jobs,
    service_fee_schedules,
    withdrawal_methods,
)
from upwork_safety.testing._freelancer_histories import histories, histories_with_as_of
from upwork_safety.testing._history_strategies import contract_histories, events
from upwork_safety.testing._hourly_strategies import (
    billing_weeks,
    bonuses,
    pauses,
    weekly_limits,
    weekly_payments,
    work_weeks,
)
from upwork_safety.testing._rule_strategies import jss_rules, platform_rules
from upwork_safety.testing._scalar_strategies import (
    amounts,
    aware_datetimes,
    currencies,
    dates,
    ids,
    money,
)
from upwork_safety.testing._statement_strategies import statements, transactions

__all__ = [
    "amounts",
    "aware_datetimes",
    "billing_weeks",
    "bonuses",
    "clients",
    "contract_histories",
    "contracts",
    "contracts_with_moments",
    "currencies",
    "dates",
    "events",
    "exchange_rates",
    "feedbacks",
    "fixed_price_contracts",
    "future_jobs",
    "histories",
    "histories_with_as_of",
    "hourly_contracts",
    "ids",
    "jss_rules",
    "milestones",
    "moments_after",
    "money",
    "pauses",
    "payments",
    "platform_rules",
    "service_fee_schedules",
    "statements",
    "time_entries",
    "transactions",
    "weekly_limits",
    "weekly_payments",
    "withdrawal_methods",
    "work_weeks",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
