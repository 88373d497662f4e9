"""Tests for the review of the r20 scanner changes (review r20 M1, M2): rules alone, then shipped.

Each wording here is written for the test; none is from the review's probes or
the development set.
"""

import pytest

from upwork_safety import checks
from upwork_safety.checks._messages import scan_rules_only

QUIET = [
    # M1's neighbours: the e-mail read for Upwork's own offer or notice, the talk kept here.
    "The contract is sent, check your email for Upwork's invite and accept it.",
    "Check your email, Upwork mails you a receipt there for every milestone.",
    "Check your email for the offer, then reply to me here on Upwork if anything is unclear.",
    "Apni email check karein, Upwork ne interview ka invite bheja hai.",
    # M2's neighbours: the client's own account, the offer, the contract or the pay from it.
    "Our agency has an Upwork account, you will get the offer from it by noon.",
    "I made a fresh Upwork account for the shop, you'll receive your pay through it weekly.",
    "My team has an Upwork account, you'll get the interview invite from it tomorrow.",
]

CAUGHT = [
    # M1: the talk moved to the e-mail, whatever the e-mail is about.
    ("Check your email and reply there about the offer, not on Upwork.", "OFF_PLATFORM_CONTACT"),
    (
        "Please check your inbox and let's continue about the contract there.",
        "OFF_PLATFORM_CONTACT",
    ),
    ("Email check kar lo, milestone ki baat wahin karte hain.", "OFF_PLATFORM_CONTACT"),
    # M2: another's account, the reader told to bid, work or log in on it.
    (
        "My neighbour has an Upwork account with 100% JSS, you'll take jobs on it for him.",
        "ACCOUNT_SHARING",
    ),
    ("We own an Upwork account, you will log in and bid on it every day.", "ACCOUNT_SHARING"),
    # The retrained model's metamorphic miss: Roman Urdu's share after the verb, then the rating.
    ("Paisa lauta do aadha, 5 star de dunga.", "REVIEW_BEGGING"),
]


@pytest.mark.parametrize("text", QUIET)
def test_r20_review_benign_wordings_give_no_finding(text):
    """Upwork's own e-mail read, and an offer or pay from the client's own account: quiet."""
    assert [] == scan_rules_only(text)
    assert [] == [str(f.code) for f in checks.scan_message(text)]


@pytest.mark.parametrize(("text", "code"), CAUGHT)
def test_r20_review_risky_wordings_are_found(text, code):
    """The talk moved to e-mail, and work on another's account a clause later: found, HIGH."""
    (finding,) = scan_rules_only(text)
    assert (code, "HIGH") == (str(finding.code), finding.confidence.name)
    assert [code] == [str(f.code) for f in checks.scan_message(text)]
