"""Every negative rate is refused by one rule and says so (review r28 9).

``--fee-rate -0`` said "a fraction from 0 up to (not including) 1, got '-0'",
though 0 is in that range: the message now says a zero with a minus sign is
refused as a negative rate.  ``-.5`` was called "not a fraction or a
percentage" while ``-1%`` and ``-0.5`` were out of range: every text that
reads as a negative number is now refused under the range rule.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from upwork_safety._decimals import fraction
from upwork_safety.cli import main
from upwork_safety.errors import InvalidValueError

RANGE = "a fraction from 0 up to (not including) 1"


def _refusal(value: object) -> InvalidValueError:
    with pytest.raises(InvalidValueError) as caught:
        fraction(value, "the rate")
    return caught.value


@pytest.mark.parametrize("value", ["-.5", "-5.", "-.5%", "-0.5", "-1%", "-1", Decimal("-0.5"), -1])
def test_a_negative_rate_is_refused_as_negative_whatever_its_form(value):
    refusal = _refusal(value)
    assert ("the rate", RANGE) == (refusal.field, refusal.rule)
    assert str(refusal).endswith(": a rate is never negative")


@pytest.mark.parametrize("value", ["-0", "-0%", "-0.00", Decimal("-0"), Decimal("-0.0")])
def test_a_negative_zero_says_why_it_is_refused(value):
    """0 is in the range the message states, so the message says what is wrong: the sign."""
    refusal = _refusal(value)
    assert ("the rate", RANGE) == (refusal.field, refusal.rule)
    assert "minus sign" in str(refusal)
    assert str(refusal).endswith("write 0")


@pytest.mark.parametrize("value", ["-abc", "-", "-.", "-.%", ".5", "-1e3"])
def test_text_that_is_no_number_is_still_not_a_rate(value):
    assert "a fraction or a percentage" == _refusal(value).rule


@pytest.mark.parametrize("text", ["-0", "-.5", "-1%"])
def test_the_command_line_gives_each_negative_rate_the_librarys_one_refusal(capsys, text):
    out = io.StringIO()
    with pytest.raises(SystemExit):
        main(["fees", "100", "--on", "2025-06-01", "--fee-rate", text], out=out)
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.endswith(f"error: argument --fee-rate: {_refusal(text)}")
    assert f"the rate is {RANGE}, got {text!r}: " in line
