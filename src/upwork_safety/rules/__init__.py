"""Dated rules: every number the library knows about Upwork, with its date and source.

Upwork revises its Help Center in place, so every timing, limit, fee and
model parameter lives in a frozen, dated rule set, never as a bare constant
inside an engine, and each number says where it is published and whether it
is *unconfirmed*:

* :class:`PlatformRules`: fixed-price escrow, disputes and hourly timings
  (DOMAIN.md sections 1–3); :data:`HISTORY`, :data:`CURRENT`, :func:`as_of`.
* :class:`ServiceFeeSchedule`, :class:`WithdrawalMethod`,
  :class:`ExportTaxRules`, :class:`RetentionRules`: fees, withdrawals, tax
  and the dollars a freelancer may keep (sections 4–5); also re-exported
  by :mod:`upwork_safety.fees`.
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

from collections.abc import Mapping
from typing import Any

from upwork_safety.rules._history import Dated, RuleHistory
from upwork_safety.rules._history import _given_rules as _given_rules
from upwork_safety.rules._history import _in_force_of as _in_force_of
from upwork_safety.rules._history import _in_force_of_history as _in_force_of_history
from upwork_safety.rules._history import _pick_rules as _pick_rules
from upwork_safety.rules._history import _refuse_before as _refuse_before
from upwork_safety.rules._jss import CURRENT as JSS_CURRENT
from upwork_safety.rules._jss import (
    ELIGIBILITY_2023,
    JOB_SIZE_2020,
    LAUNCH_2015,
    NO_FEEDBACK_2020,
    TRENDING_2021,
    JSSRules,
)
from upwork_safety.rules._jss import HISTORY as JSS_HISTORY

# The most months a window of a JSS rule set may hold, which bounds the windows
# a JSS report may hold; re-exported here, outside __all__, because another
# package may import only this public module.
from upwork_safety.rules._jss_fields import _MAX_MONTHS as _MAX_MONTHS
from upwork_safety.rules._jss_kinds import Formula, Rounding, WeightTier
from upwork_safety.rules._jss_sources import PRESET_SOURCES as JSS_PRESET_SOURCES
from upwork_safety.rules._payment_schedule import (
    PAYMENT_SCHEDULE_HISTORY,
    PAYMENT_SCHEDULES,
    Payday,
    PaymentSchedule,
    PaymentScheduleRules,
)
from upwork_safety.rules._platform import (
    BEFORE_STREAMLINED_DISPUTES,
    CURRENT,
    HISTORY,
    STREAMLINED_DISPUTES,
    PlatformRules,
    as_of,
)

# The one reading of the security period (when paid money becomes available),
# which the escrow engine, the checks, fees.payout and the hourly payments share;
# re-exported here, outside __all__, because another package may import only
# this public module.
from upwork_safety.rules._platform import _available_after as _available_after

# The source of one PlatformRules field, which the escrow reports and the
# findings cite; re-exported here, outside __all__, because another package
# may import only this public module.
from upwork_safety.rules._platform import _rule_source as _rule_source
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._provenance import sources as _sources
from upwork_safety.rules._retention import (
    FREELANCER_RETENTION_2023,
    RETENTION_HISTORY,
    RetentionRules,
)
from upwork_safety.rules._service_fee import (
    DATABASE_ADMINISTRATION_2016,
    DATABASE_ADMINISTRATION_HISTORY,
    ENTERPRISE,
    FLAT_10_2016,
    FLAT_10_2023,
    PER_CONTRACT_2025,
    SERVICE_FEE_HISTORY,
    SLIDING_SCALE_2016,
    FeeTier,
    ServiceFeeSchedule,
    schedule_as_of,
)
from upwork_safety.rules._tax import (
    EXPORT_TAX_2022,
    EXPORT_TAX_HISTORY,
    TAX_RATE_NOT_PSEB,
    TAX_RATE_PSEB,
    ExportTaxRules,
)

# The source of a what-if value, which the fee explanations tell apart.
from upwork_safety.rules._what_if import _WHAT_IF_SOURCE as _WHAT_IF_SOURCE
from upwork_safety.rules._what_if import made_from as _made_from
from upwork_safety.rules._what_if import sourced as _sourced
from upwork_safety.rules._withdrawal import (
    DIRECT_TO_LOCAL_BANK,
    OPTIONAL_SOURCED_FIELDS,
    PAKISTAN_METHODS,
    PAYONEER,
    PAYONEER_USD_ACCOUNT,
    PAYPAL,
    SOURCED_FIELDS,
    WIRE_USD,
    WithdrawalMethod,
)

__all__ = [
    "BEFORE_STREAMLINED_DISPUTES",
    "CURRENT",
    "DATABASE_ADMINISTRATION_2016",
    "DATABASE_ADMINISTRATION_HISTORY",
    "DIRECT_TO_LOCAL_BANK",
    "ELIGIBILITY_2023",
    "ENTERPRISE",
    "EXPORT_TAX_2022",
    "EXPORT_TAX_HISTORY",
    "FLAT_10_2016",
    "FLAT_10_2023",
    "FREELANCER_RETENTION_2023",
    "HISTORY",
    "JOB_SIZE_2020",
    "JSS_CURRENT",
    "JSS_HISTORY",
    "LAUNCH_2015",
    "NO_FEEDBACK_2020",
    "OPTIONAL_SOURCED_FIELDS",
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
    "SOURCED_FIELDS",
    "STREAMLINED_DISPUTES",
    "TAX_RATE_NOT_PSEB",
    "TAX_RATE_PSEB",
    "TRENDING_2021",
    "WIRE_USD",
    "Dated",
    "ExportTaxRules",
    "FeeTier",
    "Formula",
    "JSSRules",
    "Payday",
    "PaymentSchedule",
    "PaymentScheduleRules",
    "PlatformRules",
    "RetentionRules",
    "Rounding",
    "RuleHistory",
    "RuleSource",
    "ServiceFeeSchedule",
    "WeightTier",
    "WithdrawalMethod",
    "as_of",
    "schedule_as_of",
    "sources",
]


def sources(
    rules: PlatformRules
    | JSSRules
    | WithdrawalMethod
    | ServiceFeeSchedule
    | ExportTaxRules
    | RetentionRules
    | PaymentScheduleRules
    | None = None,
) -> list[tuple[str, object, RuleSource]]:
    """List every rule of a rules object with its value and source.

    Args:
        rules: Any of the library's seven kinds of rule set (default
            :data:`CURRENT`): :class:`PlatformRules`, :class:`JSSRules`,
            :class:`RetentionRules` or :class:`PaymentScheduleRules` (one
            source per rule), :class:`WithdrawalMethod` (one source per
            number), :class:`ServiceFeeSchedule` or :class:`ExportTaxRules`
            (one source for the whole set).  A :class:`RuleHistory` is not
            one: pass one of its presets (``history.current``, or
            ``history.in_force(day)``).

    A source's note describes the published value: for a what-if made
    with ``attrs.evolve`` from a preset, a value that differs from the
    preset's (and keeps its source) is listed with an unconfirmed source
    saying it is a what-if value with no source.  A figure its source gives
    only from a day after the set's ``effective`` (the dispute timings of
    the 2023-12-05 announcement, in :data:`BEFORE_STREAMLINED_DISPUTES`) is
    listed as unconfirmed, its note saying it is applied to earlier dates.
    A JSS preset's value that is not its class's (the 2015 rules' single
    weight and no cap) is listed with that value's own source, and a
    flat or sliding fee schedule's range fields as ``"not applicable"``.

    >>> import attrs
    >>> from datetime import timedelta
    >>> fine = attrs.evolve(CURRENT, hourly_segment=timedelta(minutes=15))
    >>> dict((name, source.note) for name, _, source in sources(fine))["hourly_segment"]
    'a what-if value: no source gives it'

    Returns:
        ``(field name, value, RuleSource)`` for each sourced field, in
        declaration order.

    Raises:
        InvalidTypeError: *rules* is not a rules object.
    """
    chosen = CURRENT if rules is None else rules
    listed = _sources(chosen)
    history = _HISTORIES.get(type(chosen))
    if history is None:  # a fee schedule or a method: its source_of says it already
        return listed
    base = _made_from(
        chosen,
        history,
        lambda preset: getattr(preset, "name", None),
        lambda: history.in_force(max(chosen.effective, history.first_day)),  # type: ignore[union-attr]
    )
    if base is None:
        return listed
    # A preset's value that is not its class's cites its own source (review r42, review 2);
    # a what-if made from the preset keeps it, as it keeps the class's.
    own = _PRESET_SOURCES.get(type(chosen), {}).get(getattr(base, "name", ""), {})
    listed = [(name, value, own.get(name, source)) for name, value, source in listed]
    if base == chosen:
        return listed
    published = {name: own.get(name, source) for name, _, source in _sources(base)}
    return [
        (name, value, _sourced(chosen, base, name, source, published.get(name, source)))
        for name, value, source in listed
    ]


#: The sources of the values presets hold that are not their class's, by kind and preset name.
_PRESET_SOURCES: dict[type, Mapping[str, Mapping[str, RuleSource]]] = {
    JSSRules: JSS_PRESET_SOURCES,
}

#: The histories of the rule sets whose sources are their class's or one for the set.
_HISTORIES: dict[type, RuleHistory[Any]] = {
    PlatformRules: HISTORY,
    JSSRules: JSS_HISTORY,
    ExportTaxRules: EXPORT_TAX_HISTORY,
    RetentionRules: RETENTION_HISTORY,
    PaymentScheduleRules: PAYMENT_SCHEDULE_HISTORY,
}


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
