"""Dated rules: every number the library knows about Upwork, with its date and source.

Upwork revises its Help Center in place, so every timing, limit, fee and
model parameter lives in a frozen, dated rule set, never as a bare constant
inside an engine, and each number says where it is published and whether it
is *unconfirmed*:

* :class:`PlatformRules`: fixed-price escrow, disputes and hourly timings
  (DOMAIN.md sections 1–3); :data:`HISTORY`, :data:`CURRENT`, :func:`as_of`.
* :class:`ServiceFeeSchedule`, :class:`WithdrawalMethod`,
  :class:`ExportTaxRules`: fees, withdrawals and tax (sections 4–5); also
  re-exported by :mod:`upwork_safety.fees`.
* :class:`JSSRules`: the Job Success Score model (section 6); also
  re-exported by :mod:`upwork_safety.jss`.

Each kind has one :class:`RuleHistory`, the one mechanism for "the rules in
force on a date", and every number one :class:`RuleSource`, listed by
:func:`sources`.  Engines take ``rules=`` and default to the rule set in
force on the relevant date.  For a what-if, evolve a rule set::

    >>> import attrs
    >>> from datetime import timedelta
    >>> from upwork_safety import rules
    >>> slow_client = attrs.evolve(rules.CURRENT, review_period=timedelta(days=21))
    >>> slow_client.review_period.days
    21
"""

from __future__ import annotations

from upwork_safety.rules._fees import (
    SERVICE_FEE_HISTORY,
    ExportTaxRules,
    FeeTier,
    ServiceFeeSchedule,
    WithdrawalMethod,
)
from upwork_safety.rules._history import Dated, RuleHistory
from upwork_safety.rules._jss import HISTORY as JSS_HISTORY
from upwork_safety.rules._jss import JSSRules, WeightTier
from upwork_safety.rules._platform import (
    BEFORE_STREAMLINED_DISPUTES,
    CURRENT,
    HISTORY,
    STREAMLINED_DISPUTES,
    PlatformRules,
    as_of,
)
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._provenance import sources as _sources

__all__ = [
    "BEFORE_STREAMLINED_DISPUTES",
    "CURRENT",
    "HISTORY",
    "JSS_HISTORY",
    "SERVICE_FEE_HISTORY",
    "STREAMLINED_DISPUTES",
    "Dated",
    "ExportTaxRules",
    "FeeTier",
    "JSSRules",
    "PlatformRules",
    "RuleHistory",
    "RuleSource",
    "ServiceFeeSchedule",
    "WeightTier",
    "WithdrawalMethod",
    "as_of",
    "sources",
]


def sources(rules: object | None = None) -> list[tuple[str, object, RuleSource]]:
    """List every rule of a rules object with its value and source.

    Args:
        rules: Any rules object of the library (default :data:`CURRENT`):
            :class:`PlatformRules`, :class:`JSSRules`,
            :class:`WithdrawalMethod` (one source per number),
            :class:`ServiceFeeSchedule` or :class:`ExportTaxRules` (one
            source for the whole set).

    Returns:
        ``(field name, value, RuleSource)`` for each sourced field, in
        declaration order.

    Raises:
        InvalidTypeError: *rules* is not a rules object.
    """
    return _sources(CURRENT if rules is None else rules)
