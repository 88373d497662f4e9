"""Tests for the r20 scanner fixes (red team r20 M1-M6, L1): rules alone, then the shipped scanner.

Each wording here is written for the test; none is from the review's outside set.
"""

import pytest

from upwork_safety import checks
from upwork_safety.checks._messages import scan_rules_only

QUIET = [
    # M1: funded in the normal order, then "start once it shows as funded".
    "I'm funding the third milestone now, get started once you see it funded.",
    "Funding milestone 4 right now, kick off as soon as it's in escrow.",
    "Teesra milestone fund kar raha hoon, jab funded nazar aaye to kaam shuru karein.",
    "Milestone 5 funded just now, begin when you see it.",
    # M2: what an Upwork profile shows, shared to be looked at.
    "Could you share your Upwork reviews so my partner can read them?",
    "Please share your Upwork work history before the call.",
    "Apna Upwork portfolio share karein, logo wala kaam dekhna hai.",
    # M3: the reader's e-mail read for Upwork's own offer or notice.
    "The offer is out, check your email for it.",
    "Upwork sends a notification, so please check your email in a minute.",
    "Apni email check kar lein, Upwork ka contract offer wahan hoga.",
    # M4's neighbours: work kept on Upwork, Upwork hours.
    "All future projects will stay on Upwork, I'll send a new offer each time.",
    "Outside Upwork hours I run a bakery, so evenings are slow for me.",
    # M5's neighbours: "dun" with no way off Upwork.
    "Milestone aaj fund kar dun ya kal?",
    # M6's neighbours: another's account mentioned, nobody works on it.
    "My sister has an Upwork account as well, she does copywriting.",
    "You have an Upwork account, so you can work on it and send me a proposal.",
    # L1: the product's payers paying its owner.
    "Our students pay us by bank transfer, so the portal needs a receipt upload.",
]

CAUGHT = [
    ("Starting next quarter let's run the projects outside Upwork.", "OFF_PLATFORM_PAYMENT"),
    ("Naye orders Upwork se bahar karenge, aap ka faida hoga.", "OFF_PLATFORM_PAYMENT"),
    ("From now on let's collaborate directly, no Upwork.", "OFF_PLATFORM_PAYMENT"),
    ("Remaining amount Payoneer pe bhej dun?", "OFF_PLATFORM_PAYMENT"),
    ("Paise seedha bank mein transfer kar dun?", "OFF_PLATFORM_PAYMENT"),
    (
        "My friend owns a Rising Talent Upwork account, you can bid on it and keep 60%.",
        "ACCOUNT_SHARING",
    ),
    ("Chacha ka account hai Upwork pe, aap us se jobs apply karo.", "ACCOUNT_SHARING"),
    ("Let me log into your Upwork and apply to jobs for you.", "ACCOUNT_SHARING"),
    # The risky neighbours stay caught.
    ("Start milestone 4 now, I'll fund it once I see the first screen.", "START_BEFORE_FUNDING"),
    ("Share your Upwork password with me so I can bid.", "ACCOUNT_SHARING"),
    ("Send me your personal email, let's talk there.", "OFF_PLATFORM_CONTACT"),
]


@pytest.mark.parametrize("text", QUIET)
def test_r20_benign_wordings_give_no_finding(text):
    """Funded-then-start, a profile's reviews, Upwork's e-mail, the product's payers: quiet."""
    assert [] == scan_rules_only(text)
    assert [] == [str(f.code) for f in checks.scan_message(text)]


@pytest.mark.parametrize(("text", "code"), CAUGHT)
def test_r20_risky_wordings_are_found(text, code):
    """Work taken off Upwork, "kar dun", another's account a clause later: found, HIGH."""
    (finding,) = scan_rules_only(text)
    assert (code, "HIGH") == (str(finding.code), finding.confidence.name)
    assert [code] == [str(f.code) for f in checks.scan_message(text)]
