"""The sources of the values an older or newer JSS preset holds (private).

A :class:`JSSRules` field carries one source, its class's, which describes
the class's value (the current Help Center's weights, the cap of 8).  A
preset that holds another value cites that value's own source here, so
:func:`upwork_safety.rules.sources` never lists a value with the note of
another (review r42, review 2: "at most 8 jobs" beside the 2015 preset's
``weight_cap=None``).  A field whose class source already names every value
the presets hold (``windows``: "COMM 2015 (best of 6, 12, 24)";
``min_jobs``: "before: 4"; ``trending``: its note says what ``None`` means
today) needs no entry; a test checks that every other
value a preset changes has one.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from upwork_safety._display import shown
from upwork_safety.rules._jss import (
    ELIGIBILITY_2023,
    JOB_SIZE_2020,
    LAUNCH_2015,
    NO_FEEDBACK_2020,
    TRENDING_2021,
    JSSRules,
)
from upwork_safety.rules._provenance import RuleSource

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PRESET_SOURCES"]


def _class_source(field: str) -> str:
    """The citation :class:`JSSRules` keeps for *field* (read, never typed again)."""
    found = attrs.fields_dict(JSSRules)[field].metadata["rule"]
    assert isinstance(found, RuleSource)
    return found.source


_COMM_2015 = "COMM 2015 (the score's launch)"
_JOB_SIZE = _class_source("exclude_unpaid_positive")
_JOB_SIZE_DAY = JOB_SIZE_2020.effective.isoformat()
_NO_FEEDBACK_DAY = NO_FEEDBACK_2020.effective.isoformat()
_CURRENT_HC = "HC 34958134307475"
_LATER = f"first published on the current Help Center page ({_CURRENT_HC}), whose start is not"

#: The 2015 rules: every job weighs the same, nothing is excluded.
_LAUNCH = {
    "trending": RuleSource(_COMM_2015, note="the best of the 6, 12 and 24-month scores only"),
    "weight_tiers": RuleSource(_COMM_2015, note="every job weighs the same (one tier, weight 1)"),
    "duration_bonus": RuleSource(_COMM_2015, note="no duration bonus: every job weighs 1"),
    "weight_cap": RuleSource(_COMM_2015, note="no cap: every job weighs 1"),
    "exclude_unpaid_positive": RuleSource(
        _JOB_SIZE,
        note=f"$0 contracts with positive feedback are excluded only from {_JOB_SIZE_DAY}",
    ),
    "exclude_no_feedback": RuleSource(
        _class_source("exclude_no_feedback"),
        note=f"contracts closed without feedback are excluded only from {_NO_FEEDBACK_DAY}",
    ),
}

#: From 2020-03-01 to the current page: job-size weights, with no duration bonus or cap.
_JOB_SIZE_WEIGHTS = {
    "weight_tiers": RuleSource(
        f"{_JOB_SIZE}; amounts from {_CURRENT_HC}",
        unconfirmed=True,
        note=f"bigger jobs weigh more from {_JOB_SIZE_DAY}; the tier amounts are the ones "
        "published later ($1–$250 → 1; $251–$1,000 → 1.25; over $1,000 → 1.5), applied "
        "to earlier dates",
    ),
    "duration_bonus": RuleSource(
        f"{_JOB_SIZE}; modelling assumption",
        unconfirmed=True,
        note=f"no duration bonus: the announcement weighs by job size only; the bonus is {_LATER}",
    ),
    "weight_cap": RuleSource(
        f"{_JOB_SIZE}; modelling assumption",
        unconfirmed=True,
        note=f"no cap: the announcement publishes none; the cap of 8 is {_LATER}",
    ),
}

#: Before the trending score (around 2021, its start unconfirmed).
_BEFORE_TRENDING = {
    "trending": RuleSource(
        "COMM 'How Job Success Score is Calculated'",
        unconfirmed=True,
        note="no trending score yet: it joined the best-of around 2021 (start unconfirmed)",
    ),
}

#: The sources of each preset's values that are not its class's, by preset name.
PRESET_SOURCES: Mapping[str, Mapping[str, RuleSource]] = MappingProxyType(
    {
        LAUNCH_2015.name: MappingProxyType(_LAUNCH),
        JOB_SIZE_2020.name: MappingProxyType(
            {
                **_JOB_SIZE_WEIGHTS,
                **_BEFORE_TRENDING,
                "exclude_no_feedback": _LAUNCH["exclude_no_feedback"],
            }
        ),
        NO_FEEDBACK_2020.name: MappingProxyType({**_JOB_SIZE_WEIGHTS, **_BEFORE_TRENDING}),
        TRENDING_2021.name: MappingProxyType(_JOB_SIZE_WEIGHTS),
        ELIGIBILITY_2023.name: MappingProxyType(_JOB_SIZE_WEIGHTS),
    }
)


def _check() -> None:
    """Every entry names a rule field (a typo would silently cite nothing)."""
    rules = {field.name for field in attrs.fields(JSSRules) if "rule" in field.metadata}
    for preset, table in PRESET_SOURCES.items():
        unknown = set(table) - rules
        if unknown:  # pragma: no cover - a mistake in this module, caught at import
            msg = f"PRESET_SOURCES[{shown(preset)}] names no rule field: {shown(sorted(unknown))}"
            raise AssertionError(msg)


_check()
