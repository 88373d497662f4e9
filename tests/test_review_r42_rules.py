"""Regression tests of review r42 (the review pass): rule sources and the scanner's anchor."""

from __future__ import annotations

import importlib
import pkgutil
import re
from decimal import Decimal

import attrs
import pytest

from upwork_safety import checks, fees, rules
from upwork_safety.checks import _sentences
from upwork_safety.checks._sentences import anchor
from upwork_safety.errors import InvalidValueError
from upwork_safety.rules import RuleSource, ServiceFeeSchedule

# --- review 3: anchor() refuses a flagged pattern, never dropping its flags ------------


@pytest.mark.parametrize(
    "flagged",
    [
        re.compile(r"\bwhats ?app\b", re.IGNORECASE),
        re.compile(r"\bwhats ?app\b", re.DOTALL | re.MULTILINE),
        re.compile(r"(?i)\bwhats ?app\b"),
        re.compile(r"\bwhats ?app\b", re.ASCII),
    ],
)
def test_anchor_refuses_a_pattern_with_flags(flagged):
    """Regression (review r42, 3): the flags were dropped and the keys were case-sensitive."""
    with pytest.raises(InvalidValueError) as info:
        anchor((re.compile(r"\bpay\b"), flagged))
    assert ("patterns[1]", "no regex flags") == (info.value.field, info.value.rule)


def test_anchor_keeps_inline_scoped_flags_and_plain_patterns():
    """A flag written inline around its part is carried by the text: accepted, and it matches."""
    scoped = anchor((re.compile(r"(?i:\bwhats ?app\b)"),))
    assert scoped.pattern.search("add me on WhatsApp") is not None
    assert scoped.keys.search("add me on WhatsApp") is not None
    plain = anchor((re.compile(r"\bwhats ?app\b"), re.compile(r"\btelegram\b")))
    assert re.UNICODE == plain.pattern.flags
    assert plain.pattern.search("my telegram") is not None


def test_no_anchor_of_the_scanner_carries_a_flag():
    """Every anchor the scanner builds at import is flagless (else import would have raised)."""
    anchors = [
        value
        for info in pkgutil.iter_modules(checks.__path__, "upwork_safety.checks.")
        for value in vars(importlib.import_module(info.name)).values()
        if isinstance(value, _sentences.Anchor)
    ]
    assert anchors
    assert all(each.pattern.flags == re.UNICODE for each in anchors)


# --- review 2: every figure's source is the source of that schedule's or preset's value ---


def _listed(rules_set):
    return {name: (value, source) for name, value, source in rules.sources(rules_set)}


@pytest.mark.parametrize(
    "schedule", [fees.FLAT_10_2016, fees.SLIDING_SCALE_2016, fees.FLAT_10_2023]
)
def test_a_schedule_without_a_range_cites_no_source_for_a_cap(schedule):
    """Regression (review r42, 2): the 15% cap was listed as confirmed by HC 211062538 for 2016-2023."""
    listed = _listed(schedule)
    assert schedule.maximum_rate is None
    for name in ("minimum_rate", "maximum_rate"):
        source = listed[name][1]
        assert isinstance(source, RuleSource)
        assert "not applicable" == source.source
        assert "HC" not in source.source
    assert listed["rate" if schedule.tiers == () else "tiers"][1] is schedule.source


def test_the_15_percent_cap_is_the_2025_schedules_alone_and_unconfirmed():
    """One 0.15: the class default is no cap, the 2025 schedule's cap its range source's."""
    assert attrs.fields_dict(ServiceFeeSchedule)["maximum_rate"].default is None
    assert Decimal("0.15") == fees.PER_CONTRACT_2025.maximum_rate
    value, source = _listed(fees.PER_CONTRACT_2025)["maximum_rate"]
    assert (Decimal("0.15"), True) == (value, source.unconfirmed)
    assert source is fees.PER_CONTRACT_2025.range_source
    assert fees.PER_CONTRACT_2025.accepts(Decimal("0.15"))
    assert not fees.PER_CONTRACT_2025.accepts(Decimal("0.1501"))


def test_a_what_if_that_turns_the_range_on_has_no_source_for_it():
    """A flat schedule made per-contract keeps no published source for the range it now has."""
    wide = attrs.evolve(fees.FLAT_10_2023, per_contract=True, legacy_rate=None, legacy_until=None)
    listed = _listed(wide)
    for name in ("per_contract", "minimum_rate", "maximum_rate"):
        assert listed[name][1].unconfirmed
        assert "what-if value (no source)" == listed[name][1].source
    assert not listed["rate"][1].unconfirmed  # 10% is still the published flat rate


@pytest.mark.parametrize("preset", [rules.LAUNCH_2015, rules.JOB_SIZE_2020])
def test_an_older_jss_preset_cites_the_source_of_its_own_weights(preset):
    """Regression (review r42, 2): 'at most 8 jobs' (HC, confirmed) was listed beside weight_cap=None."""
    listed = _listed(preset)
    for name in ("duration_bonus", "weight_cap"):
        value, source = listed[name]
        assert value in (None, Decimal(0))
        assert "HC 34958134307475" != source.source
        assert "8 jobs" not in source.note
    tiers = listed["weight_tiers"][1]
    if preset is rules.LAUNCH_2015:
        assert (False, "COMM 2015 (the score's launch)") == (tiers.unconfirmed, tiers.source)
        assert listed["exclude_no_feedback"][1].source.startswith("COMM announcement 2020-11-08")
    else:  # the amounts are the ones published later, applied to 2020
        assert tiers.unconfirmed
        assert tiers.source.startswith("COMM 'Job size will now be factored into your JSS'")


def test_the_current_jss_rules_keep_their_class_sources():
    """The current rules hold the class's values: each cites the class's source."""
    listed = _listed(rules.JSS_CURRENT)
    for field in attrs.fields(rules.JSSRules):
        if "rule" in field.metadata:
            assert field.metadata["rule"] is listed[field.name][1]


#: The fields whose class source names every value the presets hold.
_NAMED_BY_THE_CLASS = frozenset(
    {
        "windows",
        "trending",
        "snapshot_every",
        "snapshot_anchor",
        "eligibility_months",
        "min_jobs",
        "min_window_clients",
    }
)


@pytest.mark.parametrize("preset", list(rules.JSS_HISTORY), ids=lambda preset: preset.name)
def test_every_value_a_jss_preset_changes_cites_its_own_source(preset):
    """A preset's value that is not the class's is listed with a source of its own."""
    listed = _listed(preset)
    for field in attrs.fields(rules.JSSRules):
        if "rule" not in field.metadata or field.name in _NAMED_BY_THE_CLASS:
            continue
        if getattr(preset, field.name) != field.default:
            assert field.metadata["rule"] != listed[field.name][1], field.name


def test_a_what_if_of_an_older_jss_preset_keeps_its_sources_for_what_it_keeps():
    """A what-if made from LAUNCH_2015 cites 2015 for what it keeps, no source for what it changes."""
    capped = attrs.evolve(rules.LAUNCH_2015, weight_cap=Decimal(5))
    listed = _listed(capped)
    assert "what-if value (no source)" == listed["weight_cap"][1].source
    assert "COMM 2015 (the score's launch)" == listed["duration_bonus"][1].source
