"""The dated JSS rule sets as :mod:`upwork_safety.jss` shows them (private).

The rule sets themselves live in :mod:`upwork_safety.rules`, with every other
dated rule; this module gives the JSS names callers use.
"""

from __future__ import annotations

from datetime import date, datetime

from upwork_safety._validate import optional_instance
from upwork_safety.rules import JSS_CURRENT, JSS_HISTORY, JSSRules, RuleSource, sources

__all__ = ["CURRENT", "HISTORY", "rule_sources", "rules_as_of"]

#: Every JSS rule set, oldest first (:data:`upwork_safety.rules.JSS_HISTORY`).
HISTORY = JSS_HISTORY

#: The JSS rule set in force now (the newest preset).
CURRENT = JSS_CURRENT


def rules_as_of(on: date | datetime) -> JSSRules:
    """Return the JSS rule set in force on *on* (``HISTORY.in_force(on)``).

    Args:
        on: A date, or a timezone-aware datetime (its UTC date is used).

    Returns:
        The newest preset whose ``effective`` date is not after *on*.

    Raises:
        InvalidValueError: *on* is a naive datetime.
        RulesError: *on* is before 2015-03-01, the first published JSS rules.
    """
    return HISTORY.in_force(on)


def rule_sources(rules: JSSRules | None = None) -> list[tuple[str, object, RuleSource]]:
    """List every rule of *rules* (default :data:`CURRENT`) with its value and source.

    Returns:
        ``(field name, value, RuleSource)`` for each rule field, in
        declaration order (see :func:`upwork_safety.rules.sources`).

    Raises:
        InvalidTypeError: *rules* is not a :class:`JSSRules` (the platform
            rules' sources are :func:`upwork_safety.rules.sources`'s).
    """
    chosen = optional_instance(rules, JSSRules, "rules", rule="a JSSRules or None")
    return sources(CURRENT if chosen is None else chosen)
