"""A code told to the writer near a card, and the login details of the work delivered.

Review r28 (review 7 and 8).  Round 27 made a card and a checkout systems of the
work's, so that "type the card security code in the checkout field" stays clear;
that also hid a code asked to be told or read out to the writer when a card was
named ("aapke card wale number pe jo OTP aaya hai woh mujhe bata do").  A code
told, sent or read out to the writer is the account's or the card's whatever it
is for; only a code of the product being built or tested stays clear.  Round 27
also read any key starting "login" as the code Upwork sends, so a request for the
delivered site's login details ("login details bhej do jab ho jaye") and for
source code somebody wrote ("the login code you wrote yesterday") were flagged;
login details are a key only when Upwork or the reader's own is named, as before
round 27, and a login code or pin is still the code Upwork sends.
"""

import pytest

from _scanner import ACCOUNT
from upwork_safety import checks
from upwork_safety.checks import Confidence, FindingCode
from upwork_safety.checks._messages import scan_rules_only


def _shipped(text: str) -> set[FindingCode]:
    return {f.code for f in checks.scan_message(text, direction="incoming")}


def _rules(text: str) -> set[FindingCode]:
    return {f.code for f in scan_rules_only(text, direction="incoming")}


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "Aapke card wale number pe jo OTP aaya hai woh mujhe bata do",
            "jo OTP aaya hai woh mujhe bata do",
        ),
        ("Card pe jo OTP aaya hai mujhe bhej do", "OTP aaya hai mujhe bhej do"),
        ("Checkout pe OTP aayega, woh mujhe bata dena", "OTP aayega, woh mujhe bata dena"),
        (
            "Shopify store ka OTP aapke number pe aaya hoga, mujhe bhej do",
            "OTP aapke number pe aaya hoga, mujhe bhej do",
        ),
        (
            "Tell me the card's security code so I can finish the checkout",
            "Tell me the card's security code",
        ),
    ],
)
def test_a_code_told_to_the_writer_near_a_card_or_a_system_is_account_sharing(
    text: str, evidence: str
) -> None:
    """The code asked to be told or sent to the writer is flagged whatever it is for; a card
    or a checkout beside it hid it in r27 (review r28, review 7)."""
    (finding,) = scan_rules_only(text, direction="incoming")
    start, end = finding.span
    assert (finding.code, finding.evidence, text[start:end], finding.confidence) == (
        ACCOUNT,
        evidence,
        evidence,
        Confidence.HIGH,
    )
    assert {ACCOUNT} == _shipped(text)


def test_a_code_the_bank_sends_read_out_to_the_writer_is_account_sharing() -> None:
    """ "read it out to me" asks for the card's code the bank sends (review r28, review 7);
    the sentence asks by no imperative the rules know, so it stands at MEDIUM."""
    text = "Your bank will send an OTP for the card, read it out to me"
    (finding,) = scan_rules_only(text, direction="incoming")
    assert (finding.code, finding.confidence) == (ACCOUNT, Confidence.MEDIUM)
    assert {ACCOUNT} == _shipped(text)


@pytest.mark.parametrize(
    "text",
    [
        "Aapke number pe jo OTP aaya hai woh mujhe bata do",
        "Send me the login code you received",
        "Apna login OTP mujhe bhej do",
        "Login pin mujhe bata do",
        "Login ka code chahiye, jaldi bata do",
        "Apni login details mujhe bhej do",
        # The reader's own login named so, even once the work is done.
        "Send me your login details when you are done",
        "Your Upwork login details bhej do jab free ho",
    ],
)
def test_the_readers_own_login_code_or_details_stay_account_sharing(text: str) -> None:
    """A login code, pin or OTP, and login details named as the reader's or Upwork's, are
    still asked for (review r28, review 8)."""
    assert {ACCOUNT} == _rules(text) == _shipped(text)


@pytest.mark.parametrize(
    "text",
    [
        # The r27 cases: a card's code typed into the product (review r27, scanner).
        "Type the card security code in the checkout field",
        "Please type the security code of the card in the checkout form",
        # The product being built or tested, with a code in it.
        "Checkout page pe OTP ka field bana dein, bank ka OTP user khud daalega",
        "Send me a screenshot of the checkout page where the OTP is entered",
        "Test the checkout with the sandbox card, the OTP screen should show up, tell me if it does",
    ],
)
def test_a_code_of_the_product_at_a_checkout_stays_clear(text: str) -> None:
    """A code the freelancer builds, tests or types into the product is no request for it."""
    assert set() == _rules(text) == _shipped(text)


@pytest.mark.parametrize(
    "text",
    [
        "Login details bhej do jab ho jaye",
        "Send me the login details when you are done",
        "Login info bata do",
        "Admin panel ki login details bhej dena jab site live ho jaye",
        "Send me the login details of the dashboard you built once it is deployed",
        "Login details mujhe bhej dena jab website ready ho",
    ],
)
def test_the_login_details_of_the_work_delivered_stay_clear(text: str) -> None:
    """Login details with no Upwork and no "your" are the delivered site's or app's: they
    were flagged after r27 read any key starting "login" as the code Upwork sends (review
    r28, review 8)."""
    assert set() == _rules(text) == _shipped(text)


@pytest.mark.parametrize(
    "text",
    [
        "send me the login code you wrote yesterday so I can review it?",
        "Can you send me the login code you wrote yesterday so I can review it?",
        "Can you forward me the login code you wrote last week?",
        "Jo login code aap ne likha tha woh mujhe bhej do, review karna hai",
    ],
)
def test_the_login_code_somebody_wrote_is_source_code(text: str) -> None:
    """The code somebody wrote is source code, not a code sent (review r28, review 8)."""
    assert set() == _rules(text) == _shipped(text)
