"""The r29 scanner round: wordings of each family that the rules did not read.

Review r29 (scanner dev-r29): 75 development messages written by an outside hand
were added to ``messages.json``, and the scanner missed thirteen of them and
flagged three innocent ones; each case below is a kind of those misses or false
alarms, in other words than the development message's, and gave the opposite
answer before this round, read by the rules alone:

* a client's rating traded for money named otherwise: the writer's company or
  "the client" rated ("rate our company 5 stars", "give the client rating 5/5"),
  the money after it ("there's a bonus waiting for you", "the final payment"), the
  review promised by what it will say ("my feedback will say ...");
* your own request for the review's words ("would hire again", "stars full");
* the money left to the end ("we'll sort the money at the end"), only once the work
  is done ("paisa kaam complete hone ke baad"), a sample until someone else likes it
  ("if the boss likes it we'll talk budget"), the milestone not to be made ("milestone
  mat banao"), the files sent by a file service as the contract closes;
* a paid certification made the way in, a security named with its sum in Roman Urdu;
* more work with the price kept said otherwise ("budget stays the same", "I know we
  said 1500 words", "not in scope I know", "alag paise ki kya baat"), and "we'd also
  like you to build ..." read as more work, not as "I'd also like to say";
* an account worked from for a share of the pay, also after a negated condition
  ("agar aap ka account nahi chal raha to mera account use kar lein, 30%"), people
  sought for the old accounts they hold, "your account, my skills";
* and clear again: extra work moved to a later milestone the client will fund, a
  phone number typed into a form as test data, a question whether Upwork's own code
  was normal, and the login of the delivered site asked for with the site named.

A fifteenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        ("A $40 bonus is yours if you rate our agency five stars today.", "incoming", REVIEW),
        ("Rate the employer 5/5 please, and there's a small tip for you.", "incoming", REVIEW),
        (
            "End the contract with five stars first and I'll release the final payment.",
            "incoming",
            REVIEW,
        ),
        ("Return 30% and the feedback will say you're a genius.", "incoming", REVIEW),
        ("Review mein 'would hire again' likh dena please, aur stars full.", "outgoing", REVIEW),
        ("Begin the landing page today, we will settle the money at the end.", "incoming", FUNDING),
        ("Raqam project mukammal hone ke baad hi milegi, pehle kuch nahi.", "incoming", FUNDING),
        (
            "Record a 20-second sample voice-over first; if our client approves it we'll talk budget.",
            "incoming",
            FUNDING,
        ),
        ("Contract abhi mat bhejo, kaam shuru kar do.", "incoming", FUNDING),
        (
            "I'm ending the contract today, share the rest of the designs via Dropbox.",
            "incoming",
            FUNDING,
        ),
        ("Before we give you tasks you must take a paid certification, only $25.", "incoming", FEE),
        ("Kaam shuru karne se pehle uski security 8000 deni hogi.", "incoming", FEE),
        ("Can you expand the report to 40 pages? The price stays the same.", "incoming", SCOPE),
        ("Ab invoice module bhi add kar do, alag budget ki kya baat.", "incoming", SCOPE),
        ("Also build the mobile version, it's not in scope I know.", "incoming", SCOPE),
        (
            "We'd also like you to design the whole French site in the current milestone.",
            "incoming",
            SCOPE,
        ),
        (
            "Agar aapki ID verify nahi ho rahi to mere account se bid karo, 30% mera.",
            "outgoing",
            ACCOUNT,
        ),
        (
            "We're seeking people with aged Upwork accounts for a long partnership.",
            "incoming",
            ACCOUNT,
        ),
        ("Your profile, my team: we split every payment 70/30.", "incoming", ACCOUNT),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r29)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        (
            "Put the extra screens into milestone 3, I'll fund it after this one.",
            "incoming",
            SCOPE,
        ),
        (
            "Try the sign up form with dummy phone 0300 1111111 and a fake email.",
            "incoming",
            CONTACT,
        ),
        (
            "Upwork sent me a login code when I signed in on my tablet, is this normal?",
            "incoming",
            ACCOUNT,
        ),
        (
            "Share the login credentials with me once the dashboard is finished.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r29)."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A bonus beside a rating the client gives, not asked for.
        ("I left you 5 stars and the final payment is released.", "incoming"),
        # A star scale in the product.
        ("Rate the app 5/5 in the store mockup.", "incoming"),
        # A question about more work, not a request for a rating.
        ("Would you hire me again for the next phase?", "outgoing"),
        # The milestone funded first, the review at the end.
        ("Milestone fund ho gaya hai, kaam shuru karo, review end mein karenge.", "incoming"),
        # Samples of past work, liked by someone else.
        (
            "Send me samples of your past work. If the boss likes them we'll send an offer.",
            "incoming",
        ),
        # The office's security, not a deposit.
        ("Office ki security 24 ghante hai, laptop safe rahega.", "incoming"),
        # The certification already paid for by the client.
        ("We paid for your certification already, just start the course.", "incoming"),
        # A deadline moved, not more work; a size raised, not a count.
        ("Can you increase the logo size to 200 px? Budget stays the same.", "incoming"),
        ("I know we said Friday, can you extend the deadline to Monday?", "incoming"),
        # A call joined, not more work.
        ("We'd also like you to join the kickoff call on Monday.", "incoming"),
        # Developers sought for their skills.
        ("We are looking for developers with experience in React for a long project.", "incoming"),
        # The account not to be used.
        ("Mera account use mat karna, 30% wala deal cancel.", "outgoing"),
        # The work handed in on Upwork, the raw files beside it.
        (
            (
                "Submit the final files on Upwork; I'll close the contract after, and send "
                "the raw footage via Drive."
            ),
            "incoming",
        ),
        # A closed contract told in the past.
        (
            "I closed the contract last week after you sent the files through WeTransfer.",
            "incoming",
        ),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """The widened rules find nothing in these (nor did the rules before)."""
    assert set() == _codes(text, direction)


def test_a_number_to_call_in_a_test_sentence_is_still_contact() -> None:
    """Test data clears a number only where no one is told to call it (r29)."""
    assert CONTACT in _codes("This is a test, call me on 0301 2345678.")
