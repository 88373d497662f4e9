"""Tests for the r21 outside check's funding and scope fixes (M1, M2, M5, M6, M7, M10).

Each wording here is written for the test; none is from the outside set, the repro
scripts or the development set.
"""

import pytest

from upwork_safety import checks
from upwork_safety.checks._codes import Confidence
from upwork_safety.checks._messages import scan_rules_only

#: (text, code, span of the evidence) found by the rules alone.
CAUGHT = [
    # M2: the files handed over first, the client to release the payment after.
    ("Send the edited video first, then I'll release payment.", "START_BEFORE_FUNDING", (0, 27)),
    (
        "Please deliver the full website first and we will release payment.",
        "START_BEFORE_FUNDING",
        (7, 37),
    ),
    # M5: the client's check first, the payment after it.
    (
        "Once I review everything I'll pay, so share the final files.",
        "START_BEFORE_FUNDING",
        (0, 33),
    ),
    (
        "Pehle sari files bhej do, check karke payment release kar dunga.",
        "START_BEFORE_FUNDING",
        (0, 21),
    ),
    # M6: the whole work finished and sent, the funding after.
    (
        "Pura app mukammal kar ke bhejo, phir contract bhejta hun.",
        "START_BEFORE_FUNDING",
        (9, 52),
    ),
    (
        "Saara kaam poora kar ke dikhao, uske baad milestone fund karungi.",
        "START_BEFORE_FUNDING",
        (11, 56),
    ),
    # M7: a start while the funding is still being arranged.
    (
        "Begin the logo today while we sort out the budget.",
        "START_BEFORE_FUNDING",
        (0, 49),
    ),
    (
        "Please start, I am still arranging the escrow money.",
        "START_BEFORE_FUNDING",
        (7, 45),
    ),
    (
        "Aap kaam shuru karein, payment ka bandobast ho raha hai.",
        "START_BEFORE_FUNDING",
        (9, 51),
    ),
    # M10: extra work "free", with no "for" or "of charge".
    ("Do the extra 3 slides free please.", "SCOPE_CREEP", (7, 26)),
    ("The additional 4 icons should be free.", "SCOPE_CREEP", (4, 37)),
]

#: Their neighbours that find nothing.
QUIET = [
    # M1: the Roman-Urdu "is funded" (stative), then a start time.
    "Doosra milestone bhi funded hai, jab fursat ho start karo.",
    "Escrow mein raqam aa gayi hai, kal se kaam shuru kar dein.",
    "Milestone fund hai yaar, parson tak shuru kar lena.",
    # M2/M5: the release after a check, in a message that says the milestone is funded.
    "The milestone is funded hai, files bhej do, check karke payment release kar dunga.",
    # M6: this milestone submitted, the next one funded after it.
    "Pehla milestone mukammal kar ke submit karein, phir agla milestone fund karunga.",
    # M7: the funding sorted out and done before the start.
    "I sorted out the funding and funded the milestone, please start.",
    # M10: a plan's extras for its own users; "feel free" with a quote.
    "Our premium plan gives users 3 extra pages free.",
    "Feel free to add extra pages if you quote them first.",
]


@pytest.mark.parametrize(("text", "code", "span"), CAUGHT)
def test_r21_funding_and_scope_wordings_are_caught_by_the_rules(text, code, span):
    """Each is found by the rules alone, at HIGH confidence, with its evidence span."""
    (finding,) = scan_rules_only(text)
    assert code == finding.code
    assert span == finding.span
    assert Confidence.HIGH is finding.confidence
    assert [code] == [f.code for f in checks.scan_message(text)]


@pytest.mark.parametrize("text", QUIET)
def test_r21_funding_and_scope_neighbours_are_quiet(text):
    """Funded in Roman Urdu, the next milestone, a product's extras: nothing is found."""
    assert [] == scan_rules_only(text)
    assert [] == checks.scan_message(text)


def test_r21_m2_a_release_fee_to_pay_is_still_an_upfront_fee():
    """ "I'll release payment" is the client paying; a "release fee" to pay stays UPFRONT_FEE."""
    (finding,) = scan_rules_only("Pay the $25 release fee before we transfer your earnings.")
    assert ("UPFRONT_FEE", (8, 23)) == (finding.code, finding.span)


def test_r21_m2_files_first_then_release_is_not_an_upfront_fee():
    """Red team r21 M2: the client releasing payment after delivery is no fee the reader pays."""
    codes = [
        f.code for f in checks.scan_message("Send over the logo files first, I'll release payment.")
    ]
    assert ["START_BEFORE_FUNDING"] == codes
