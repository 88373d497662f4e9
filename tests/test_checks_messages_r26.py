"""Requests for the code Upwork sends, in the word orders the scanner missed (closing24's list).

Roman Urdu puts the phone or e-mail, the code and its arrival in any order
("aapke phone pe abhi code aa gaya hoga", "code aapki email pe bheja hai Upwork ne",
"aapko SMS mila hoga, code bata do"); each case below gave no ``ACCOUNT_SHARING``
before this round, or also gave ``OFF_PLATFORM_CONTACT`` for the e-mail or phone
the code went to.  The near misses (source code, a coupon, a code sent to test what
is built, the writer's own e-mail as where to send the work) stay clear of
``ACCOUNT_SHARING``.  The development set holds these messages' neighbours; a
twelfth held-out set was written before the change.
"""

import pytest

from _scanner import ACCOUNT, CONTACT
from _scanner import scanned_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import Confidence, FindingCode
from upwork_safety.checks._messages import scan_rules_only


@pytest.mark.parametrize(
    ("text", "evidence", "confidence"),
    [
        (
            "Aapke phone pe abhi code aa gaya hoga, mujhe send kar do",
            "code aa gaya hoga, mujhe send kar do",
            Confidence.HIGH,
        ),
        (
            "Aapke Gmail mein verification code aaya hoga, forward kar dein please",
            "verification code aaya hoga, forward kar dein",
            Confidence.HIGH,
        ),
        (
            "Jo SMS aapko abhi aaya hai us mein code hai, woh likh ke bhej do",
            "code hai, woh likh ke bhej do",
            Confidence.HIGH,
        ),
        (
            "Code aapki email pe bheja hai Upwork ne, please share karo",
            "Code aapki email pe bheja hai Upwork ne, please share karo",
            Confidence.HIGH,
        ),
        (
            "Mobile number pe ek code jayega, aap woh mujhe bata dena",
            "code jayega, aap woh mujhe bata dena",
            Confidence.HIGH,
        ),
        (
            "Yaar code bhej do jo abhi phone pe aaya",
            "code bhej do jo abhi phone pe aaya",
            Confidence.HIGH,
        ),
        (
            "Aapki email ID pe Upwork ne code send kiya hai, jaldi batao please",
            "code send kiya hai, jaldi batao",
            Confidence.HIGH,
        ),
        ("Ap k number pr code aya hai wo bta do", "code aya hai wo bta do", Confidence.HIGH),
        ("Aapko SMS mila hoga, code bata do", "code bata do", Confidence.HIGH),
        (
            "Read out the numbers in the SMS you just got, I need them to finish the login.",
            "numbers in the SMS you just got, I need them",
            Confidence.HIGH,
        ),
        (
            "Paste the code from your inbox here, it expires in 10 minutes.",
            "Paste the code from your inbox",
            Confidence.MEDIUM,
        ),
    ],
)
def test_a_code_asked_for_in_any_word_order_is_account_sharing(text, evidence, confidence):
    """The rules alone find it (they found nothing), and nothing else is reported."""
    (rule,) = scan_rules_only(text, direction="incoming")
    assert (rule.code, rule.evidence, rule.confidence) == (ACCOUNT, evidence, confidence)
    start, end = rule.span
    assert text[start:end] == evidence
    assert _codes(text) == {ACCOUNT}


@pytest.mark.parametrize(
    "text",
    [
        "Aapko jo code mila hai email pe, wo mujhe de dein taake login ho jaye",
        "Your phone should get a 6 digit code now, tell me what it says.",
        "Code aaya hoga aapke number pe, woh bata do jaldi, login karna hai",
    ],
)
def test_the_phone_or_email_a_code_went_to_is_no_way_to_talk(text):
    """ "email pe", "Your phone" were also OFF_PLATFORM_CONTACT: the place the code went."""
    assert _codes(text) == {ACCOUNT}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # The writer's own e-mail is where to send something: a way to talk, kept.
        ("Send the code Upwork sent to your phone to my email.", {ACCOUNT, CONTACT}),
        ("Aapke number pe jo code aaya hai woh mere email pe bhej do", {ACCOUNT, CONTACT}),
        ("Code mere email pe bhejo jab complete ho jaye", {CONTACT}),
        ("Source code aapke email pe bhej diya hai, dekh ke batao", {CONTACT}),
        # A client whose own e-mail got Upwork's code, an invoice in the e-mail.
        ("My email got a code from Upwork and I verified my payment method, all set.", set()),
        ("Email pe invoice aayi hogi Upwork ki, woh sahi hai?", set()),
        # Codes of the work, or sent to test what is built.
        ("Aapke phone pe code aaya ya nahi? App test kar ke batao", set()),
        ("Email pe code aaya? Batao, main app ka OTP flow test kar raha hoon", set()),
        ("Code aa gaya hoga, check karke batayein chal raha hai ya nahi", set()),
        # Nothing asked of it, or a warning.
        ("Aapke number pe code aayega, usay app mein daal dena, mujhe mat batana", set()),
        ("Users ke phone pe OTP jayega, uska SMS template bana dein", set()),
    ],
)
def test_near_misses_of_a_code_request(text, codes):
    """Each is what it was before, or (the e-mail with a code in it) no longer a contact."""
    assert _codes(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Promo code aapke email pe aa jayega, mujhe bata dein",
        "Coupon code apne email pe check karein, mujhe bata dein kaam kar raha hai",
    ],
)
def test_a_code_of_the_work_is_no_code_upwork_sends(text):
    """A coupon or promo code in the reader's e-mail, asked about: no ACCOUNT_SHARING."""
    assert ACCOUNT not in _codes(text)


def test_a_request_called_small_in_its_own_sentence_plays_the_extra_down():
    """ "Ek choti si guzarish hai, saath mein ... bhi bana dein" was the model's LOW guess."""
    (found,) = scan_rules_only(
        "Ek choti si guzarish hai, saath mein 3 banners bhi bana dein.", direction="incoming"
    )
    assert (found.code, found.confidence) == (FindingCode.SCOPE_CREEP, Confidence.HIGH)
    assert not checks.scan_message(
        "Choti si request hai, font thoda bara kar dein jaisa mockup mein tha.",
        direction="incoming",
    )
