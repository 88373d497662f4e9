"""The r37 scanner round: wordings of each family that the rules did not read.

Review r37 (scanner dev-r37): 76 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``, with the r37 newcomer's two
unpaid test tasks (newcomer r37, 1); the rules alone missed fourteen of those 45 risky
messages (the model found two of them) and gave no false alarm. Each case below is a
kind of those misses, in other words than the development message's, and gave the
opposite answer before this round, read by the rules alone:

* an unpaid test said so as its own phrase ("a test read first, unpaid, ...") or later
  in its own sentence ("as a test first, it's unpaid"), a sample said not to be
  "compensated" in the next sentence, and no milestones "please";
* a method the reader is asked to take by habit ("... lete ho?") and one the writer
  offers to take, in Roman Urdu ("Skrill se bhi le sakta hun");
* a security lodged in Roman Urdu thousands ("8 hazar"), a wrapped line after it, and a
  level or account activated for a crypto sum;
* money back asked with no bad review as its price ("... and we won't post a negative
  review"), and ratings swapped with "poore stars" given back;
* freelancers worked with for the old Upwork accounts they hold, and an identity check
  sat in the writer's place;
* and two kinds only the model found: more work said to take "half an hour tops", and
  more work asked while the budget cannot be stretched.

Left: one development message whose played-down size starts a wrapped line ("an hour"
/ "of work at most"), the documented limit of more work whose evidence is on one line
and whose reason is across the break (docs/checks.md, *Wrapped lines*); the model finds
it. None of this batch's misses started a wrapped line with a capital, so that limit
was not measured again.

The writer's four labelling rules (free extra work for a rating is ``REVIEW_BEGGING``
and ``SCOPE_CREEP``; a fee paid via Binance is ``UPFRONT_FEE`` alone; a cheque to deposit
and forward is ``UPFRONT_FEE`` and ``OFF_PLATFORM_PAYMENT``; a CNIC asked for to release
payment is ``ACCOUNT_SHARING``) agree with docs/checks.md's definitions, so no label was
changed.

A twenty-third held-out set, written by an outside hand that never saw the rules, was
committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # An unpaid test said so as its own phrase, or later in its own sentence.
        (
            (
                "Could you record a short test read first, unpaid, about ten minutes? If it "
                "fits we'll book the whole audiobook."
            ),
            "incoming",
            FUNDING,
        ),
        (
            "Please translate one page as a test first, it's unpaid. If the quality is right we hire you.",
            "incoming",
            FUNDING,
        ),
        # A sample said not to be compensated, in the next sentence.
        (
            "Send us a sample edit of the intro. These aren't compensated, sorry.",
            "incoming",
            FUNDING,
        ),
        # No milestones, please.
        ("No milestones, please; ship the files and we settle on Friday.", "incoming", FUNDING),
        # A method asked of the reader by habit, and one the writer offers to take.
        ("Skrill se payment le lete ho? Bonus bhi milega", "incoming", PAYMENT),
        ("Skrill se bhi le sakta hun agar asaani ho", "outgoing", PAYMENT),
        # A security in Roman Urdu thousands, the line wrapped after it.
        (
            "Security ke taur pe 8 hazar jama\nkarwane parenge, pehle order ke baad wapas",
            "incoming",
            FEE,
        ),
        # A level or an account activated for a crypto sum.
        (
            "Worker account activate karne ke liye 40 USDT lagenge, phir roz ke tasks",
            "incoming",
            FEE,
        ),
        ("To unlock your worker level you need 75 USDT, tasks start right after.", "incoming", FEE),
        # Money back, with no bad review as its price.
        ("Return the last 40 dollars and we won't post a negative review.", "incoming", REVIEW),
        ("Refund the remaining $15 and I won't write a bad review.", "incoming", REVIEW),
        # Ratings swapped, "poore stars" given back.
        (
            "Meri rating thori kam hai, aap 5 de dein to main bhi aap ko review mein poore stars de dunga",
            "incoming",
            REVIEW,
        ),
        # Freelancers worked with for the old accounts they hold.
        (
            "We partner with people who have aged Upwork profiles; our bidders do the rest and you keep 15%.",
            "incoming",
            ACCOUNT,
        ),
        # An identity check sat in the writer's place.
        (
            "Can you take the KYC video for my account in my place? I'm stuck at work.",
            "incoming",
            ACCOUNT,
        ),
        # More work played down as half an hour, or asked with the budget not stretched
        # (development messages the model alone found, now read by the rules).
        (
            "Could you also add a FAQ block under the pricing table? Half an hour tops.",
            "incoming",
            SCOPE,
        ),
        (
            "Could you also write alt text for every image? We can't stretch the budget, sorry.",
            "incoming",
            SCOPE,
        ),
    ],
)
def test_r37_wordings_are_found(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Milestones not made yet, funded before the start; a test said to be paid (a false
        # alarm before: "it is paid" was read as "it is not paid").
        ("No milestones for this one yet, I'll fund the first before you start.", "incoming"),
        ("The milestone is funded. Do the 2 hour test task, it is paid at $20.", "incoming"),
        # Samples not yet paid for, of the shoot.
        (
            "We ordered fabric samples for the shoot. They aren't paid yet, I will sort it.",
            "incoming",
        ),
        # A product's own trial, and an invoice unpaid.
        ("Our app gives every new user a free trial, unpaid, for 14 days.", "incoming"),
        # The product's checkout, and the reader's own trade asked.
        ("Checkout mein Bitcoin accept karte ho ya sirf card?", "incoming"),
        ("Aap logo design karte ho? Portfolio bhej do", "incoming"),
        # The writer's own Upwork earnings withdrawn; feedback taken.
        ("Upwork se payment le leta hun, phir Payoneer mein withdraw karta hun", "outgoing"),
        ("Theek hai, feedback le leta hun client se", "outgoing"),
        # A price in thousands, a milestone made for it; the product's crypto plan.
        ("Logo ke 10 hazar rupay theek hain, milestone bana deta hun", "incoming"),
        (
            "Users ka premium level unlock karne ke liye 20 USDT ka plan banana hai checkout mein",
            "incoming",
        ),
        # No bad review, with nothing asked for it.
        ("Don't worry about the delay, I won't leave you a bad review.", "incoming"),
        ("Thanks for the refund, and I won't leave you a bad review.", "incoming"),
        # Old accounts talked of; the writer's own identity check.
        (
            "Many freelancers who own old Upwork accounts complain about the Connects price.",
            "incoming",
        ),
        ("I did the identity check call myself yesterday, it took ten minutes.", "incoming"),
        # The budget not stretched, with no more work; a call an hour at most.
        (
            "We can't stretch the budget this month, so let's pause the second milestone.",
            "incoming",
        ),
        ("The call will take an hour at most, could you also bring the wireframes?", "incoming"),
    ],
)
def test_r37_innocent_neighbours_stay_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


def test_unpaid_phrase_is_the_evidence() -> None:
    """The bare "unpaid" is what the finding points at, a free-trial danger."""
    text = (
        "Could you record a short test read first, unpaid, about ten minutes? It decides the cast."
    )
    found = {f.code: f for f in checks.scan_message(text)}
    assert FUNDING in found
    assert found[FUNDING].evidence == "unpaid"
    assert found[FUNDING].severity is checks.Severity.DANGER
    start, end = found[FUNDING].span
    assert text[start:end] == "unpaid"
