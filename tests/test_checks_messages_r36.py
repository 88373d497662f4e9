"""The r36 scanner round: wordings of each family that the rules did not read.

Review r36 (scanner dev-r36): 82 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``; the rules alone missed
seventeen of its 47 risky messages (one more had a code short) and gave a wrong code
on three ordinary ones. Each case below is a kind of those misses or false alarms, in
other words than the development message's, and gave the opposite answer before this
round, read by the rules alone:

* more work with the agreed pay kept in other words ("rather not change what we agreed
  to pay", "the invoice stays as it is", "extra kuch nahi de sakta"), the count raised
  "instead of" a number in words, the work asked "while you have the code open", and
  asked after "lekin" once it is owned as outside the milestone;
* a review promised to say great things for a refund, ratings swapped "aik doosre ko",
  and free work followed by "phir dekhna" a rating;
* the reader's passport as the pay's only condition ("tab hi pay karte hain jab"), and
  the writer's identity card put on a third person's account;
* escrow said not to be worried about, the pay "jaise hi" the app is live, and a
  skipped Upwork submission whose next sentence sends the work to a Drive;
* money a relative brings to the reader by hand, the contract closed on Upwork;
* a cheque's rest sent on to someone of the writer's once "it" clears;
* and two older development messages that only the retrained model found: more versions
  the work should "also come in", and a sum "ke liye" a named fee;
* and, as false alarms: a code the product's own riders get, a chat app said to be
  blocked, and a test number typed into a form.

Left: the two misses whose request starts a wrapped line with a capital ("I will pay"
/ "You through Wise", "needs a" / "Background check") are the documented wrapped-line
limit, two of twenty, so it was not measured again; and "isi paise mein" read as
negated by a later "farq nahi" in one run-on Roman Urdu sentence.

The writer's two labelling rules (free extra work for a rating is ``REVIEW_BEGGING``
and ``SCOPE_CREEP``; a fee the freelancer pays, its method named, is ``UPFRONT_FEE``
alone) agree with docs/checks.md's definitions, so no label was changed.

A twenty-second held-out set, written by an outside hand that never saw the rules, was
committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # More work, the agreed pay kept in other words.
        (
            (
                "Can you whip up two extra banner sizes for the sale too? We'd rather not "
                "change what we agreed on."
            ),
            "incoming",
            SCOPE,
        ),
        (
            "The gallery page now needs eight photos instead of four, the quote stays as it is.",
            "incoming",
            SCOPE,
        ),
        (
            "Contact page bhi bana do na, extra kuch nahi de sakta is mahine.",
            "incoming",
            SCOPE,
        ),
        # The work asked while the reader has it open.
        (
            "While you have the theme open, could you also add a newsletter section?",
            "incoming",
            SCOPE,
        ),
        # Asked after "lekin", once it is owned as outside the milestone.
        (
            "Brief mein nahi tha, lekin footer mein map bhi laga do, budget wohi hai.",
            "incoming",
            SCOPE,
        ),
        # More versions the work should "also come in", played down (a development message the
        # retrained model alone found, now read by the rules).
        (
            "Could the banner also come in square and story versions? Same design, should be quick.",
            "incoming",
            SCOPE,
        ),
        # A review promised to say great things for a refund.
        (
            "Refund half the fee and my feedback says nice things about you, promise.",
            "incoming",
            REVIEW,
        ),
        # Ratings swapped "aik doosre ko".
        (
            "Project khatam hone pe hum ek doosre ko 5 star dete hain, deal?",
            "incoming",
            REVIEW,
        ),
        # Free work, then the rating the reader will "see".
        (
            "Two more reels bana do bina paise ke, phir dekhna kaisi zabardast review likhta hun.",
            "incoming",
            REVIEW,
        ),
        # The passport as the pay's only condition.
        (
            "We only pay new contractors once they upload a passport scan, please send yours.",
            "incoming",
            ACCOUNT,
        ),
        (
            "Hum tab hi payment karte hain jab freelancer apna CNIC share kare, bhej dein.",
            "incoming",
            ACCOUNT,
        ),
        # The writer's identity card put on a third person's account.
        (
            "Mera CNIC le lo aur unke account pe laga do verification ke liye.",
            "outgoing",
            ACCOUNT,
        ),
        # Escrow not to be worried about; the pay once the app is live.
        ("Contract ki fikar mat karo, logo aaj hi bana do.", "incoming", FUNDING),
        (
            "Site ko server pe daal do, jaise hi launch hui poori payment mil jayegi.",
            "incoming",
            FUNDING,
        ),
        # A skipped submission, the work sent to a Drive in the next sentence.
        (
            "No need to press submit on Upwork this time. Upload the PSDs to my Dropbox instead.",
            "incoming",
            FUNDING,
        ),
        # A relative bringing the money by hand, the contract closed.
        (
            "Raqam mera cousin aap ke office de jayega, contract band kar dete hain.",
            "incoming",
            PAYMENT,
        ),
        # A sum "ke liye" a named fee (a development message the model alone found).
        (
            "Profile activation ke liye 800 rupay ka balance daalna hoga, phir kaam milega.",
            "incoming",
            FEE,
        ),
        # A cheque's rest sent on once "it" clears.
        (
            (
                "Our accountant posted you a check for the equipment. When it clears, please "
                "wire the balance to our photographer."
            ),
            "incoming",
            FEE,
        ),
    ],
)
def test_r36_wordings_are_found(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # More work paid for, or the agreed pay talked of with no extra asked.
        ("Could you whip up two banner sizes? I'll add a new milestone for them.", "incoming"),
        ("We agreed on the price last week, the invoice stays as it is.", "incoming"),
        # A rating for the work, and "each other" of the work.
        ("Kaam acha hua to main aap ko 5 star dunga.", "incoming"),
        ("Hum ek doosre ki madad karte rahenge, project acha chal raha hai.", "incoming"),
        # The passport for Upwork's own check; a card on the writer's own account.
        ("Upwork will ask for your passport scan before your first withdrawal.", "incoming"),
        ("Main ne apna CNIC apne account pe laga diya hai.", "outgoing"),
        # Funded first; submission not yet, with a Drive for the assets; on Upwork too.
        ("Milestone funded hai, fikar mat karo, kaam shuru kar do.", "incoming"),
        (
            "Don't submit on Upwork yet. I'll share the Drive folder with the brand assets.",
            "incoming",
        ),
        (
            (
                "Please don't upload the source files here. Submit the final logo on Upwork and "
                "put the sources on our Dropbox."
            ),
            "incoming",
        ),
        # Funded, the pay released once live; the product's own payment option.
        (
            "Milestone fund ho gaya hai, jaise hi live hui poori payment release ho jayegi.",
            "incoming",
        ),
        ("Jaise hi app live hogi, users ko payment ka option milega.", "incoming"),
        # Versions of the product's own, and a fee the customers of the product pay.
        (
            "The logo can also come in two versions, which we will price as a new milestone.",
            "incoming",
        ),
        # A relative who visits; the writer sends money on after it clears.
        ("Mera bhai kal aap ke ghar aayega, dinner pe milte hain.", "incoming"),
        ("The invoice is paid. Once it clears, I'll send the rest to the team.", "incoming"),
    ],
)
def test_r36_innocent_neighbours_stay_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction", "cleared"),
    [
        # A code the product's own riders get (the batch's false alarm, in other words).
        (
            "Passengers ko OTP SMS pe aata hai, us screen ka design behtar kar dein.",
            "incoming",
            ACCOUNT,
        ),
        # A chat app said to be blocked, the chat kept here.
        (
            "Telegram is banned on our office wifi, so let's just keep talking here.",
            "outgoing",
            CONTACT,
        ),
        # A test number typed into a form.
        (
            "Signup form mein test ke liye 0312 0000000 daal ke OTP flow check karo.",
            "incoming",
            CONTACT,
        ),
    ],
)
def test_r36_false_alarms_cleared(text: str, direction: str, cleared: FindingCode) -> None:
    assert cleared not in _codes(text, direction)


def test_blocked_channel_clears_only_the_blocked_one() -> None:
    """A channel said to be blocked is no way off; another one named beside it still is."""
    found = _codes("Discord is blocked at work, so message me on WhatsApp instead.", "incoming")
    assert CONTACT in found


def test_cheque_rest_names_the_clearing_and_the_payee() -> None:
    text = "We mailed you a cheque. When it clears, forward the balance to our printer."
    found = {f.code: f for f in checks.scan_message(text)}
    assert FEE in found
    assert found[FEE].evidence.startswith("When it clears")
    assert found[FEE].evidence.endswith("printer")
    assert found[FEE].severity is checks.Severity.DANGER
