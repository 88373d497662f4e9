"""The r41 scanner round: the outside writer's blind batch.

Each kind of miss (and of false alarm) the batch showed that the round mends is pinned here
in new wordings, none of them the batch's texts, with innocent neighbours beside each rule
that stay clear.  Every risky wording below was missed before the round's change, and every
wording under "no longer a false alarm" was flagged before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from _scanner import ACCOUNT, CONTACT, FUNDING, PAYMENT, REVIEW, SCOPE, scanned_codes
from _scanner import rule_codes as _codes
from upwork_safety import checks

if TYPE_CHECKING:
    from upwork_safety.checks import FindingCode

# ============================================================================ the batch's kinds


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A rating promised for free extras, with a part of the product named further on (the
        # product word beside the rating, not anywhere in the sentence, makes it the product's).
        (
            "You'll get 5 stars from me if you add the extra icons at no extra cost.",
            "incoming",
            REVIEW,
        ),
        ("Five stars if you also make the widget free of charge.", "incoming", REVIEW),
        # The next order at a share of the price, a rating promised for it.
        ("Agli dafa half price pe kaam karo to 5 star dunga", "incoming", REVIEW),
        ("Do the next order at half the rate and I'll leave you five stars.", "incoming", REVIEW),
        # Signal with Roman Urdu's "on" after it.
        ("Signal par message karo, wahan baat karte hain", "incoming", CONTACT),
        ("Mujhe Signal pe add kar lo, details wahan dunga", "outgoing", CONTACT),
        # Extra work asked with the money as it was before.
        ("Landing page ke saath blog bhi bana do, budget pehle wala hi", "incoming", SCOPE),
        ("Captions bhi likh dena, payment pehle jitni hi", "incoming", SCOPE),
        # Free extra work, its refusal threatened with a bad rating.
        (
            "If you won't make the extra banners for free, expect a 1 star review.",
            "incoming",
            SCOPE,
        ),
        ("Do aur concepts free mein nahi banaye to rating kharab dunga", "incoming", SCOPE),
        # The account in another person's name, or another person's account as a front.
        (
            "My Upwork profile is registered in my cousin's name, but I handle it.",
            "outgoing",
            ACCOUNT,
        ),
        ("Aap ka account aap ki behen ke naam pe hai kya? Koi masla nahi", "incoming", ACCOUNT),
        (
            "My brother will send the offer from his Top Rated account, I'll do the work.",
            "outgoing",
            ACCOUNT,
        ),
        # A request with an adverb before its verb, the next milestone not yet funded.
        ("Until I fund milestone 3, please also build the API.", "incoming", FUNDING),
        ("Before I fund the next one, kindly also finish the footer.", "incoming", FUNDING),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """Each new wording is found with its code (the rules alone, no model)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A product that reads messages for the channel: the channel is what it detects.
        (
            "We need a classifier that detects messages telling freelancers to pay through JazzCash.",
            "incoming",
            PAYMENT,
        ),
        # A message held back, told of: the channel named only as why.
        ("Upwork hid my message since I mentioned WhatsApp, my bad.", "incoming", CONTACT),
        ("My message got flagged because it had the word Telegram in it.", "outgoing", CONTACT),
    ],
)
def test_no_longer_a_false_alarm(text: str, direction: str, code: FindingCode) -> None:
    """Each wording was flagged with its code before the round; it is not now."""
    assert code not in scanned_codes(text, direction)


@pytest.mark.parametrize(
    "text",
    [
        "Don't begin the logo work until the milestone shows funded, please.",
        "Please do not start anything before I fund it, the contract comes first.",
        "Wait until the offer is accepted and funded before you open Figma.",
    ],
)
def test_a_client_telling_you_to_wait_for_the_funding_is_not_flagged(text: str) -> None:
    """The fund-first instruction clears START_BEFORE_FUNDING for the model as well.

    The second wording was flagged (by the model) before the round; the others pin the
    same instruction in other words.
    """
    assert FUNDING not in scanned_codes(text)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A product that reads messages for the channel (and for a payment method).
        ("Our bot filters comments that ask people to move to Telegram.", "incoming"),
        # A rating product beside the rating stays the product's.
        ("Add a 5 star rating widget under each product, with star icons.", "incoming"),
        ("Our orders page shows 5 star ratings for each order.", "incoming"),
        # Half price said of the client's own sale, no rating traded.
        ("Our store runs a half price sale on Friday, update the banner.", "incoming"),
        # Signal as a word, not the app.
        ("The signal pe noise ratio is in the report, check the chart.", "incoming"),
        # The money said as before, with no extra work.
        ("Payment pehle jitni hi hogi, milestone kal fund karunga.", "incoming"),
        # A refusal with no threat, and the agreed work redone.
        ("If you can't do the revisions for free, no worries, I'll pay for them.", "incoming"),
        # Accounts that are the subject of the work, or not the writer's Upwork one.
        ("The bank account is in my wife's name; translate the form for her.", "incoming"),
        ("My brother's account on Shopify needs the new theme, I'll share the brief.", "incoming"),
        # A client's own job posted from a relative's account, the client paying on Upwork.
        ("Mere bhai ke account se job post hui thi, payment main Upwork pe karunga.", "incoming"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """Each neighbour of a new rule gets no finding from the rules."""
    assert _codes(text, direction) == set()


def test_a_fund_first_sentence_does_not_clear_a_start_asked_for_elsewhere() -> None:
    """A clearing never overrides the rules: work asked for now is still found."""
    text = "Don't start the audit before I fund it. Please start now, I'll fund it next week."
    assert FUNDING in scanned_codes(text)


def test_the_new_finding_has_its_evidence_in_the_message() -> None:
    """The account-in-another's-name finding points at the words that say so."""
    text = "Sir, my account is under my sister's name, she verified it."
    (finding,) = checks.scan_message(text, direction="outgoing")
    assert finding.code == ACCOUNT
    assert text[finding.span[0] : finding.span[1]] == finding.evidence
    assert finding.evidence == "my account is under my sister's name"


@pytest.mark.parametrize(
    "text",
    [
        "Don't wait until I fund it, just start now",
        "No need to wait till we deposit the money, begin the logo today please",
    ],
)
def test_told_not_to_wait_for_the_writers_funding_is_start_before_funding(text: str) -> None:
    """Diff review r41, 4: the new clearing read "wait ... until ... fund" without its negation,
    and marked this wording safe."""
    assert "START_BEFORE_FUNDING" in _codes(text)


def test_waiting_for_the_funding_is_still_cleared() -> None:
    assert "START_BEFORE_FUNDING" not in _codes(
        "Please wait until I fund the milestone, then start."
    )
