"""Requests for the code Upwork sends named by what it opens, and "approve" said after the milestone.

Review r27 (scanner): a code request still went unseen when the code was named
by what it opens or who sent it ("security pin", "Upwork wala code"), asked for
before it came ("code aate hi mujhe forward kar dena", "send me the code as soon
as it comes"), named by the digits in the SMS ("jo digits SMS pe aaye hain"), or
asked for with "type" or "likh do".  And a milestone approved after a check,
said in the Roman-Urdu order ("... ke baad milestone approve karunga"), read as
the funding put off until the work was seen.  Each case below gave the opposite
answer before this round, read by the rules alone.  A thirteenth held-out set was
written before the change.
"""

import pytest

from _scanner import ACCOUNT
from _scanner import rule_codes as _codes
from upwork_safety.checks import Confidence, FindingCode
from upwork_safety.checks._messages import scan_rules_only


@pytest.mark.parametrize(
    ("text", "evidence", "confidence"),
    [
        ("Apna security pin mujhe bata do", "security pin mujhe bata do", Confidence.HIGH),
        (
            "Upwork wala code yahan paste kar dein",
            "Upwork wala code yahan paste kar dein",
            Confidence.HIGH,
        ),
        (
            "Jab code aa jaye to mujhe batana, main login kar raha hoon",
            "code aa jaye to mujhe batana",
            Confidence.MEDIUM,
        ),
        (
            "Code aate hi mujhe forward kar dena",
            "Code aate hi mujhe forward kar dena",
            Confidence.HIGH,
        ),
        (
            "Send me the code as soon as it comes",
            "Send me the code as soon as it comes",
            Confidence.HIGH,
        ),
        (
            "Jo digits SMS pe aaye hain wo idhar likh do",
            "digits SMS pe aaye hain wo idhar likh do",
            Confidence.HIGH,
        ),
        ("Type the verification code here please", "Type the verification code", Confidence.HIGH),
    ],
)
def test_a_code_request_named_by_what_it_opens_or_before_it_comes_is_account_sharing(
    text: str, evidence: str, confidence: Confidence
) -> None:
    """The rules alone find ``ACCOUNT_SHARING`` and quote the ask (none did before r27)."""
    (finding,) = scan_rules_only(text, direction="incoming")
    start, end = finding.span
    assert (finding.code, finding.evidence, text[start:end], finding.confidence) == (
        ACCOUNT,
        evidence,
        evidence,
        confidence,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Login ka code refactor kar dein",
        "Type the card security code in the checkout field",
        "Send the login code for the admin panel to GitHub",
        "Upwork ka code of conduct yaad rakhein",
        "Reply with your availability for a call on Upwork",
    ],
)
def test_the_code_of_the_work_and_a_card_code_stay_clear(text: str) -> None:
    """Source code worked on, a card's security code, a code of conduct: no finding."""
    assert set() == _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Code check karne ke baad milestone approve karunga",
        "Design dekhne ke baad milestone approve kar dunga",
    ],
)
def test_a_milestone_approved_after_a_check_in_roman_urdu_is_no_funding_put_off(text: str) -> None:
    """Approving a milestone means it is funded: "... ke baad milestone approve karunga" is the
    release after a check, as "approve the milestone after I check it" already was (these gave
    ``START_BEFORE_FUNDING`` before r27)."""
    assert set() == _codes(text)


def test_work_asked_now_with_the_milestone_put_off_is_still_start_before_funding() -> None:
    """The release reading needs the verb right after the milestone: "kaam shuru karo,
    milestone baad mein approve karunga" still asks for work before anything is funded."""
    assert {FindingCode.START_BEFORE_FUNDING} == _codes(
        "Kaam shuru karo, milestone baad mein approve karunga"
    )
