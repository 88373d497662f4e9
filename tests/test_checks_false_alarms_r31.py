"""Two known false alarms of ``OFF_PLATFORM_PAYMENT`` (r31 scanner, second pass).

* A freelancer's own withdrawal method named as where their Upwork earnings go
  ("I usually receive my Upwork earnings in Payoneer"): Upwork's payout, not a
  payment off Upwork.
* A method refused after it is named ("Payment via Binance is not something I
  use"): English negations were read only before the word they negate.

Each has neighbours that stay flagged: a request to be paid into the method, a
refusal followed by another method offered.
"""

import pytest

from _scanner import CONTACT, OPP
from _scanner import scanned_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import Confidence, FindingCode


def _finding(text: str, direction: str, code: FindingCode) -> checks.Finding:
    (found,) = [f for f in checks.scan_message(text, direction=direction) if f.code is code]
    assert text[found.span[0] : found.span[1]] == found.evidence
    return found


@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
@pytest.mark.parametrize(
    "text",
    [
        "I usually receive my Upwork earnings in Payoneer",
        "I receive my Upwork earnings in Payoneer.",
        "My Upwork earnings go to my Payoneer account",
        "My income from Upwork goes to Wise",
    ],
)
def test_where_your_upwork_earnings_go_is_upworks_payout(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction", "evidence"),
    [
        (
            "I usually receive my Upwork earnings in Payoneer, so send the bonus to my Payoneer",
            "outgoing",
            "receive my Upwork earnings in Payoneer",
        ),
        (
            "I usually receive my Upwork earnings in Payoneer, but pay me directly there",
            "outgoing",
            "receive my Upwork earnings in Payoneer",
        ),
        (
            "My Upwork income goes to Wise, I can send you the rest there directly",
            "incoming",
            "to Wise, I can send",
        ),
    ],
)
def test_earnings_named_with_a_payment_into_the_method_are_still_found(
    text: str, direction: str, evidence: str
) -> None:
    found = _finding(text, direction, OPP)
    assert found.evidence == evidence
    assert found.confidence is Confidence.HIGH


@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
@pytest.mark.parametrize(
    "text",
    [
        "Payment via Binance is not something I use",
        "Payment via Binance is not something I use.",
        "Paying through Binance isn't something we accept",
        "Payment via Binance is not an option for me",
    ],
)
def test_a_method_refused_after_it_is_named_is_not_a_payment(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


def test_a_channel_refused_after_it_is_named_is_not_contact() -> None:
    assert _codes("Telegram is not something I use", "incoming") == set()


@pytest.mark.parametrize(
    ("text", "direction", "code", "evidence"),
    [
        (
            "Payment via Binance is not something I use, but I can pay you via PayPal",
            "incoming",
            OPP,
            "Payment via Binance is not something I use, but I can pay you via PayPal",
        ),
        (
            "WhatsApp is not something I use, add me on Telegram",
            "incoming",
            CONTACT,
            "add me on Telegram",
        ),
        ("Payment via Binance is something I use", "outgoing", OPP, "Binance"),
        (
            "Payment via Binance is not something we can avoid",
            "incoming",
            OPP,
            "Payment via Binance",
        ),
    ],
)
def test_another_method_offered_or_no_refusal_is_still_found(
    text: str, direction: str, code: FindingCode, evidence: str
) -> None:
    assert _finding(text, direction, code).evidence == evidence
