"""Regression tests of review r42 (the review pass): rule sources and the scanner's anchor."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from upwork_safety import checks
from upwork_safety.checks import _sentences
from upwork_safety.checks._sentences import anchor
from upwork_safety.errors import InvalidValueError

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
