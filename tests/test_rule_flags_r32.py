"""Figures the sources do not give for a rule set are flagged unconfirmed there (review r32, domain 1, 2).

Domain 1: the JSS model's long-term months (3, from a secondary page) and its
list of negative end reasons (the library's own) were listed as sourced.
Domain 2: the dispute timings of the 2023-12-05 announcement, applied to the
rule set before that day, were listed as confirmed there, while the docs said
to read them as unconfirmed.  ``rules.sources``, ``jss.rule_sources`` and the
CLI's ``rules`` table read the one flag.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import attrs
import pytest

from upwork_safety import jss, rules
from upwork_safety.cli import main

#: The dispute timings the 2023-12-05 announcement gives (DOMAIN.md section 2).
DISPUTE_TIMINGS = (
    "dispute_filing_window",
    "client_dispute_response",
    "mediation_proposal",
    "mediation_acceptance",
)


def flags(listed):
    """``{name: RuleSource}`` of a sources() listing."""
    return {name: source for name, _, source in listed}


def rules_text(day: str) -> str:
    """``upwork-safety rules --on DAY``, as printed."""
    out = io.StringIO()
    assert 0 == main(["rules", "--on", day], out=out)
    return out.getvalue()


def row(text: str, name: str) -> str:
    """The lines of *name*'s row in a printed table (up to the next row)."""
    start = text.index(f"  {name} ")
    end = text.find("\n  ", start + 1)
    while end != -1 and text[end + 3] == " ":  # a continuation line of the same row
        end = text.find("\n  ", end + 1)
    return text[start:end]


@pytest.mark.parametrize("name", ["long_term_months", "negative_end_reasons"])
def test_the_jss_figures_upwork_does_not_publish_are_unconfirmed(name):
    """Every JSS rule set lists them as unconfirmed, and the CLI's table says so."""
    for preset in jss.HISTORY:
        assert flags(jss.rule_sources(preset))[name].unconfirmed, preset.name
    assert "(unconfirmed)" in row(rules_text("2025-06-02"), name)


def test_the_dispute_timings_before_2023_12_05_are_unconfirmed_there_only():
    """The older set flags the four timings, with a note; today's set keeps them confirmed."""
    before = flags(rules.sources(rules.as_of(date(2022, 1, 1))))
    today = flags(rules.sources(rules.CURRENT))
    for name in DISPUTE_TIMINGS:
        assert before[name].unconfirmed, name
        assert before[name].note.endswith("; the 2023-12-05 figure, applied to earlier dates")
        assert today[name].source == before[name].source  # the same citation
        assert not today[name].unconfirmed, name
    # The other rules of the older set are listed as in today's.
    others = set(today) - set(DISPUTE_TIMINGS)
    assert {name: today[name] for name in others} == {name: before[name] for name in others}


def test_the_cli_flags_the_old_timings_on_an_old_day():
    """``upwork-safety rules --on 2020-06-01`` marks the four rows; on 2024-01-01 it does not."""
    old, new = rules_text("2020-06-01"), rules_text("2024-01-01")
    for name in DISPUTE_TIMINGS:
        assert "(unconfirmed)" in row(old, name), name
        assert "(unconfirmed)" not in row(new, name), name


def test_a_rule_set_made_to_start_earlier_flags_them_too():
    """The flag is read from the set's effective day: today's figures moved to 2020 are unconfirmed."""
    moved = attrs.evolve(rules.CURRENT, effective=date(2020, 1, 1))
    assert all(flags(rules.sources(moved))[name].unconfirmed for name in DISPUTE_TIMINGS)
    # A what-if value of the older set is a what-if value, as anywhere else.
    longer = attrs.evolve(
        rules.BEFORE_STREAMLINED_DISPUTES, dispute_filing_window=timedelta(days=10)
    )
    assert (
        "what-if value (no source)" == flags(rules.sources(longer))["dispute_filing_window"].source
    )
