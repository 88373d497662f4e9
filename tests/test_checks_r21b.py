"""Tests for the r21 scanner fixes of UPFRONT_FEE, ACCOUNT_SHARING, REVIEW_BEGGING and payment.

Red team r21 M3, M4, M8, M9, L1, L2, L3: rules alone, then the shipped scanner.
Each wording here is written for the test; none is from the review's outside set.
"""

import pytest

from upwork_safety import checks
from upwork_safety.checks._messages import scan_rules_only

FEES = [
    # M3: a named fee with a bare sum, the currency left unsaid, sent by the reader.
    ("Registration fee 2500 JazzCash kar dein, phir profile approve hoga", "registration fee"),
    ("Membership charges 700 Easypaisa pe bhejo", "membership charges"),
    ("Joining fee 1200 transfer kar do aaj", "joining fee"),
    ("The onboarding fee is 900, please send it by Easypaisa.", "onboarding fee"),
    ("Profile activation ke liye 600 JazzCash kar dein", "activation ke liye 600 jazzcash kar"),
    # M4: a cheque deposited, what is left of it forwarded.
    (
        "Deposit this cheque and forward the balance to our laptop vendor.",
        "deposit this cheque and forward the balance",
    ),
    (
        "Cash the check, then forward what's left to our printer supplier.",
        "cash the check, then forward what's left",
    ),
    (
        "When the cheque clears, forward the remainder to our agent.",
        "cheque clears, forward the remainder",
    ),
    (
        "Cheque jama karwa ke baqi paise supplier ko forward kar dein",
        "cheque jama karwa ke baqi paise supplier ko forward",
    ),
]

ACCOUNT_ONLY = [
    # L1: an e-mail named with a password is the login's, not a way to talk.
    "Apna password aur email de do, proposals main bhej dunga",
    "Apni email aur password bhejo, bids main karunga",
    "Share your email & password, I will handle the bids.",
]

ACCOUNT_AND_PAYMENT = [
    # L3: the writer buys the reader's account, "pay via" with no subject is the writer's.
    "I will buy your rising talent upwork account for $300, pay via USDT",
    "We would like to buy your top rated profile for $900, pay via bitcoin",
]

QUIET_INCOMING = [
    # M8: the site's own login sent in the Upwork chat.
    "Store ka username aur password Upwork chat mein bhej diya hai",
    "Server ka login aur password Upwork pe share kar diya hai",
    "cPanel ki details Upwork ke messages mein daal di hain",
    # M3's look-alikes: the fee is the product's, or paid by the writer.
    "Registration fee 1500 checkout page pe show karni hai",
    "Activation fee 1500 company degi, aap ko kuch nahi dena",
    # M4's look-alike: a balance sheet forwarded.
    "Please forward the balance sheet to our accountant.",
]

QUIET_OUTGOING = [
    # M9: the product's users rating things, in the freelancer's status update.
    "Shoppers can now rate each item from 1 to 5 stars.",
    "Members give every recipe 1-5 stars on the detail page.",
    "Ab customers har order ko 1 se 5 star de sakte hain",
    "Readers on the blog can leave a 5 star rating under each post.",
]

STILL_CAUGHT = [
    # The neighbours keep their reading.
    ("Apne Upwork account ka password Upwork chat mein bhej do", "incoming", {"ACCOUNT_SHARING"}),
    ("Apni email bhejo, design files wahan bhejni hain", "incoming", {"OFF_PLATFORM_CONTACT"}),
    ("Could you please leave me 5 stars on the contract?", "outgoing", {"REVIEW_BEGGING"}),
    (
        "We'll send you a cheque; deposit it and wire the balance to our vendor.",
        "incoming",
        {"OFF_PLATFORM_PAYMENT", "UPFRONT_FEE"},
    ),
    # L2 (a judgement, docs/checks.md): files sent to the writer's e-mail are talk on e-mail,
    # as the development set labels them.
    ("Email me the final zip when it's done.", "incoming", {"OFF_PLATFORM_CONTACT"}),
    ("Send the edited video to my personal inbox.", "incoming", {"OFF_PLATFORM_CONTACT"}),
]


@pytest.mark.parametrize(("text", "evidence"), FEES)
def test_r21_named_fees_and_forwarded_cheques_are_upfront_fees(text, evidence):
    """A fee with a bare sum sent, a cheque's balance forwarded: UPFRONT_FEE alone, HIGH."""
    (finding,) = scan_rules_only(text)
    assert ("UPFRONT_FEE", "HIGH") == (str(finding.code), finding.confidence.name)
    assert evidence == finding.evidence.lower()
    assert finding.span is not None
    assert finding.evidence == text[finding.span[0] : finding.span[1]]
    assert ["UPFRONT_FEE"] == [str(f.code) for f in checks.scan_message(text)]


@pytest.mark.parametrize("text", ACCOUNT_ONLY)
def test_r21_login_email_is_account_sharing_only(text):
    """A password and an e-mail asked for: ACCOUNT_SHARING, and no OFF_PLATFORM_CONTACT."""
    assert ["ACCOUNT_SHARING"] == [str(f.code) for f in scan_rules_only(text)]
    assert ["ACCOUNT_SHARING"] == [str(f.code) for f in checks.scan_message(text)]


@pytest.mark.parametrize("text", ACCOUNT_AND_PAYMENT)
def test_r21_account_bought_with_crypto_is_a_payment_too(text):
    """An account bought, "pay via" crypto: ACCOUNT_SHARING and OFF_PLATFORM_PAYMENT, HIGH."""
    found = {str(f.code): f.confidence.name for f in scan_rules_only(text)}
    assert {"ACCOUNT_SHARING": "HIGH", "OFF_PLATFORM_PAYMENT": "HIGH"} == found
    assert {"ACCOUNT_SHARING", "OFF_PLATFORM_PAYMENT"} == {
        str(f.code) for f in checks.scan_message(text)
    }


@pytest.mark.parametrize("text", QUIET_INCOMING)
def test_r21_site_logins_and_product_fees_give_no_finding(text):
    """The site's login sent in the Upwork chat, a fee on a page, a balance sheet: quiet."""
    assert [] == scan_rules_only(text)
    assert [] == [str(f.code) for f in checks.scan_message(text)]


@pytest.mark.parametrize("text", QUIET_OUTGOING)
def test_r21_product_star_ratings_in_outgoing_updates_give_no_finding(text):
    """The product's users rating 1 to 5 stars, in the freelancer's own message: quiet."""
    assert [] == scan_rules_only(text, direction="outgoing")
    assert [] == [str(f.code) for f in checks.scan_message(text, direction="outgoing")]


@pytest.mark.parametrize(("text", "direction", "codes"), STILL_CAUGHT)
def test_r21_neighbours_keep_their_codes(text, direction, codes):
    """The Upwork account's password, a personal e-mail, 5 stars asked for: still found."""
    assert codes == {str(f.code) for f in scan_rules_only(text, direction=direction)}
    assert codes == {str(f.code) for f in checks.scan_message(text, direction=direction)}
