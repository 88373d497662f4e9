"""The r43 scanner round: the outside writer's blind batch.

Each kind of miss the batch showed that the round mends is pinned here in new wordings,
none of them the batch's texts, with innocent neighbours beside each rule that stay clear.
Every risky wording below was missed before the round's change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from _scanner import ACCOUNT, CONTACT, FUNDING, REVIEW, SCOPE, scanned_codes
from _scanner import rule_codes as _codes
from upwork_safety import checks

if TYPE_CHECKING:
    from upwork_safety.checks import FindingCode

# ============================================================================ the batch's kinds


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A bad review threatened as leverage: one so bad that no other client comes.
        (
            "Paise wapis karo warna aisi rating dunga ke koi naya client nahi aayega.",
            "incoming",
            REVIEW,
        ),
        (
            "Refund do warna aisa feedback likhunga ke aapko koi project nahi milega",
            "incoming",
            REVIEW,
        ),
        # A swap of ratings with the writer named in the role rated and "then" before the
        # rating given back.
        (
            "Pehle aap mujhe employer ke taur pe 5 star de dein, phir main aap ko dunga.",
            "incoming",
            REVIEW,
        ),
        # Money offered for the words of the reader's review of the writer.
        (
            "I'll send a $15 bonus if your review of me says I'm a fantastic client.",
            "incoming",
            REVIEW,
        ),
        # Work asked "till then", a thing made for oneself further on in the clause.
        (
            "Offer agle hafte bhejenge, tab tak aap app ke login screen ka mockup abhi se bana lein.",
            "incoming",
            FUNDING,
        ),
        (
            "Contract Monday se start hoga, tab tak aap podcast ke pehle episode ke show notes likh lo.",
            "incoming",
            FUNDING,
        ),
        # More work, the scope owned as smaller and the budget said to be tight.
        (
            "Please also build the referral page. I know we only discussed the landing page.",
            "incoming",
            SCOPE,
        ),
        (
            "Could you also design two Instagram story templates? We're short on money this month.",
            "incoming",
            SCOPE,
        ),
        # The reader paid a sum per month for the writer to use the reader's account.
        (
            "We can pay you $300/month to use your verified profile for bidding.",
            "incoming",
            ACCOUNT,
        ),
        (
            "I'll pay you $150/month to use your old account, my team handles the rest.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """A wording of a kind the batch missed is found by the rules, with its code."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Waiting "till then" is no work.
        ("Contract next week start karenge, tab tak intezar karein.", "incoming"),
        ("Milestone kal fund hoga, tab tak aap thora aram kar lein.", "incoming"),
        ("Milestone fund ho gaya hai, aap wireframe bana lo.", "incoming"),
        ("Payment kal karunga, mera account number likh lo.", "incoming"),
        # The budget tight, but nothing more asked, or the extra quoted apart.
        (
            "We're tight on budget this month, so let's pause the welcome series for now.",
            "incoming",
        ),
        ("Budget is tight, so could you also suggest a cheaper hosting plan?", "incoming"),
        (
            "We're tight on budget, please also quote the welcome series as a separate milestone.",
            "incoming",
        ),
        (
            "I know we only talked about the logo, happy to add a new milestone for the cards.",
            "incoming",
        ),
    ],
)
def test_a_neighbour_of_the_funding_and_scope_rules_stays_clear(text: str, direction: str) -> None:
    """Waiting, a thing noted down, or a tight budget with no extra asked: neither code."""
    assert scanned_codes(text, direction) & {FUNDING, SCOPE} == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The contact a Roman Urdu handover by e-mail only names the delivery channel.
        ("Zip file mujhe mail kar dein, Upwork pe submit karne ki zaroorat nahi.", CONTACT),
        # A lesson about scams, named by their examples, is the subject of the work.
        ("Write a short lesson on frauds such as recruiters moving chats to Telegram.", CONTACT),
    ],
)
def test_no_longer_flagged(text: str, code: FindingCode) -> None:
    """A wording flagged with *code* before the round is clear of it now."""
    assert code not in scanned_codes(text)


def test_the_handover_by_mail_keeps_its_own_code_and_a_real_contact_stays() -> None:
    """The handover is still START_BEFORE_FUNDING; "mujhe email kar do" alone is still contact."""
    assert scanned_codes(
        "Zip file mujhe mail kar dein, Upwork pe submit karne ki zaroorat nahi."
    ) == {FUNDING}
    assert CONTACT in scanned_codes("Final files email kar do.")
    assert CONTACT in scanned_codes(
        "Upwork is full of scams like this, add me on WhatsApp instead."
    )


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A bad review's consequence said of the product's customers, and a review left.
        ("Aisa review page banao ke koi bhi customer confuse na ho.", "incoming"),
        ("I left you 5 stars and a tip, thanks for the quick work!", "incoming"),
        # The reader's review of the writer, with nothing offered for it.
        ("Thanks, your review of me says I'm a great client, that made my day.", "outgoing"),
        # The reader paid to use their own tools, not an account.
        ("I can pay you $200/month to use your own laptop and software for the edits.", "incoming"),
        (
            "The retainer is $200/month through Upwork; use your own Canva account for it.",
            "incoming",
        ),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """A neighbour of a mended kind raises none of its codes."""
    assert scanned_codes(text, direction) & {REVIEW, ACCOUNT} == set()


def test_a_found_threat_names_the_threat_as_evidence() -> None:
    """The finding is REVIEW_BEGGING, HIGH, its evidence the threat and its consequence."""
    (found,) = checks.scan_message(
        "Refund do warna aisa feedback likhunga ke aapko koi project nahi milega"
    )
    assert found.code == REVIEW
    assert found.confidence is checks.Confidence.HIGH
    assert "warna aisa feedback likhunga" in found.evidence
    assert found.evidence.endswith("nahi milega")
