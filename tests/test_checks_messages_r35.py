"""The r35 scanner round: wordings of each family that the rules did not read.

Review r35 (scanner dev-r35): 75 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``; the rules alone missed thirteen
of its 38 risky messages and gave a wrong code on two ordinary ones. The r35 newcomer
found three more kinds (findings 1 and 3), whose messages joined the development set
too. Each case below is a kind of those misses or false alarms, in other words than
the development message's, and gave the opposite answer before this round, read by the
rules alone:

* a remote-access tool the reader is told to install, with no device named ("please
  install AnyDesk so I can show you the project", "AnyDesk install kar lein");
* a chat group or channel the reader is told to log in to or join ("log in to our
  Telegram group", "join our Telegram channel");
* the reader's identity card asked for the payment ("CNIC ki copy bhej dein payment
  release karne ke liye");
* a trial said in the next sentence to bring no pay ("No pay for these");
* the pay put off until the site is live, said first in Roman Urdu ("website live hone
  ke baad hi poori payment");
* Upwork's submission said to be forgotten while the work is mailed and the contract
  ended;
* a purchase with the reader's own card "added to your final payment", a deposit that is
  the rule of a tasks app ("deposit karna parta hai"), a named fee through a partner site;
* more work kept off the bill ("rather not add anything to the invoice", "alag bill mat
  bhejna"), and asked right after a request called small;
* a rating promised as the review's words for a sum let go, and a swap "meri taraf se bhi";
* the code in an Upwork or security mail ("usme jo digits hain"), and a stand-in at
  another's verification ("uski jagah");
* and, as false alarms: card payments taken on a product's page, and money lost to a scam
  told as a story.

Left: a wrapped line's capital start was not the kind of this batch's misses (one of
thirteen, the purchase "...;" / "We will add the cost", now read across the two
sentences; and one of the two false alarms, cleared by the product's page), so the limit
was not measured again.

A twenty-first held-out set, written by an outside hand that never saw the rules, was
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
        # A remote-access tool the reader is told to install (newcomer r35, 1).
        ("Kindly download TeamViewer so I can walk you through the design.", "incoming", ACCOUNT),
        ("Please install RustDesk first, then we can start the interview.", "incoming", ACCOUNT),
        ("TeamViewer install kar lo, main aapko demo dikhata hun.", "incoming", ACCOUNT),
        # A chat group the reader is told to log in to or join (newcomer r35, 1).
        ("Please log in to the Telegram group, the interview is there.", "incoming", CONTACT),
        ("Join our Telegram channel for the screening questions.", "incoming", CONTACT),
        # The reader's identity card asked for the payment (newcomer r35, 3).
        ("Please email your passport scan before we can release the payment.", "incoming", ACCOUNT),
        ("Apna shanakhti card bhej do, salary transfer ke liye zaroori hai.", "incoming", ACCOUNT),
        # A trial said, in the next sentence, to bring no pay.
        (
            (
                "We'd like a test translation of one page before hiring. It is unpaid, as it's "
                "only for screening."
            ),
            "incoming",
            FUNDING,
        ),
        (
            "Please record a 30 second test voiceover of our script first. These won't be paid.",
            "incoming",
            FUNDING,
        ),
        # The pay put off until the site is live, said first in Roman Urdu.
        (
            "Store live hone ke baad hi saari payment release hogi. Aap aaj se kaam shuru karein.",
            "incoming",
            FUNDING,
        ),
        # Upwork's submission forgotten, the work mailed and the contract ended.
        (
            (
                "Ignore Upwork's submission for the last video, email the file to my gmail and "
                "we'll close the contract after."
            ),
            "incoming",
            FUNDING,
        ),
        # A purchase with the reader's own money, its cost added to a later payment.
        (
            (
                "Buy the premium font licence with your own money please. We'll add it to your "
                "last milestone."
            ),
            "incoming",
            FEE,
        ),
        # A deposit that is the rule of the place.
        (
            "Is platform pe orders lene ke liye 40 USDT deposit karna padta hai, phir kaam milta hai.",
            "incoming",
            FEE,
        ),
        # A named fee paid through a partner site.
        (
            (
                "Before we onboard you there is a $20 verification payment through our partner "
                "website, due Monday."
            ),
            "incoming",
            FEE,
        ),
        # More work kept off the bill.
        (
            (
                "Could you also set up the Mailchimp signup form? We won't put anything extra on "
                "the invoice for it."
            ),
            "incoming",
            SCOPE,
        ),
        (
            "Sath mein Instagram ke 5 posts bhi bana dein, iska alag bill mat bhejna.",
            "incoming",
            SCOPE,
        ),
        # More work asked right after a request called small, the price kept.
        (
            "Quick favour.\nPlease add a dark mode switch to the dashboard. The budget stays the same.",
            "incoming",
            SCOPE,
        ),
        # A rating promised as the review's words for a sum let go.
        (
            "Drop the final $25 and my feedback says you are a great designer, promise.",
            "incoming",
            REVIEW,
        ),
        # A swap of ratings promised "meri taraf se bhi".
        (
            "Aap mujhe full stars dena, hamari taraf se bhi aapko 5 star milenge.",
            "incoming",
            REVIEW,
        ),
        # The code in an Upwork or security mail, asked for.
        (
            "Verification SMS aya hoga aapko, is mein jo digits hain wo yahan likh dein.",
            "incoming",
            ACCOUNT,
        ),
        # A stand-in at another's verification.
        (
            (
                "My cousin's profile is stuck at the ID check, could you do the video verification "
                "in his place? I'll pay 20 dollars."
            ),
            "incoming",
            ACCOUNT,
        ),
        (
            "Meri behen ki jagah verification call pe aap baat kar lo, bas 5 minute ka kaam hai.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_r35_risky_wordings_are_read(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # The client's own machine, a tool not to install, an app that is no remote tool.
        ("Please install AnyDesk on our office server so you can deploy the build.", "incoming"),
        ("Don't install AnyDesk for anyone who asks, it's how accounts get stolen.", "incoming"),
        ("Please download the Zoom app for the interview.", "incoming"),
        ("Install TeamViewer on our customers' kiosks as part of the support module.", "incoming"),
        # Telegram as a topic or a product.
        (
            "Log in to the Telegram channel admin panel and change the bot's welcome text.",
            "incoming",
        ),
        ("Our Telegram channel for customers needs a better banner.", "incoming"),
        ("I wrote an article about Telegram groups for small businesses.", "outgoing"),
        # A CNIC for Upwork's own identity check, the writer's own, a feature, a warning.
        (
            "Upwork asked me for my CNIC to verify my identity before my first payment.",
            "outgoing",
        ),
        ("Upwork may ask for your CNIC before your first payment, that's normal.", "incoming"),
        ("My CNIC number is on the invoice for the payment, please check it.", "incoming"),
        ("We need the CNIC field on the payment form of the app.", "incoming"),
        ("Never send your CNIC to a client for the payment, Upwork pays you itself.", "incoming"),
        # Past samples, a paid test, a site going live after funding.
        (
            "Please share two samples of your previous work. No pay for these, just links.",
            "incoming",
        ),
        ("The test task is paid at $20. No pay for these extra revisions though.", "incoming"),
        (
            "Milestone fund kar diya hai, website live hone ke baad hum next phase discuss karenge.",
            "incoming",
        ),
        # The delivery button kept, or not yet used.
        ("Don't forget the Upwork delivery button when the final cut is ready.", "incoming"),
        (
            "Forget the Upwork delivery button for now, I'll test the build on staging first.",
            "incoming",
        ),
        # Customers' deposits in the product; Upwork's withdrawals.
        (
            (
                "Hamari app mein customers ko 500 rupay deposit karna parta hai booking ke liye, "
                "yeh flow bana dein."
            ),
            "incoming",
        ),
        (
            "Upwork pe withdrawal ke liye kuch nahi jama karna parta, seedha bank mein aata hai.",
            "incoming",
        ),
        (
            "Customers pay the $15 booking deposit through the partner site, build that page.",
            "incoming",
        ),
        # Nothing more asked; the bill for the extra sent.
        ("The invoice looks right, keep it as is.", "incoming"),
        ("Leave it off the homepage, we'll decide on the banner later.", "incoming"),
        # A review read, thanks said "hamari taraf se bhi", a draft's pages dropped.
        ("Your review says I was late, could you tell me what went wrong?", "outgoing"),
        ("Hamari taraf se bhi shukriya, kaam bohat acha tha.", "incoming"),
        (
            "Please drop the final 2 pages from the brief, the review of the draft is tomorrow.",
            "incoming",
        ),
        # A mail's amount or link, a code kept; a verification of designs; a button's place.
        ("Upwork ka invoice mail aaya hai, us mein jo amount hai woh check kar lein.", "incoming"),
        (
            "Upwork ka security mail aaya tha, us mein jo code tha woh maine kisi ko nahi diya.",
            "outgoing",
        ),
        (
            (
                "I'll handle the client calls instead of him while he is on leave; the "
                "verification of the designs is done."
            ),
            "incoming",
        ),
        ("Usi jagah pe verification ka button laga dein jahan pehle login tha.", "incoming"),
    ],
)
def test_r35_innocent_neighbours_stay_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        # Card payments on a product's page (the false alarm of the batch, in other words).
        ("We want SadaPay and card payments on the booking page of the salon site.", PAYMENT),
        # Money lost to a scam, told as a story, the work kept on Upwork.
        (
            (
                "My uncle lost 200 dollars to a fake recruiter who wanted Western Union. "
                "So we only pay through Upwork."
            ),
            PAYMENT,
        ),
    ],
)
def test_r35_false_alarms_cleared(text: str, cleared: FindingCode) -> None:
    assert cleared not in _codes(text)


def test_newcomer_message_gets_both_codes_with_their_evidence() -> None:
    """The newcomer's first message: the remote tool and the Telegram group, each found."""
    text = (
        "Please install AnyDesk so I can show you the project, and log in to our Telegram "
        "group for the interview."
    )
    found = {f.code: f for f in checks.scan_message(text)}
    assert set(found) == {ACCOUNT, CONTACT}
    assert found[ACCOUNT].evidence == "AnyDesk"
    assert "Telegram" in found[CONTACT].evidence
    assert found[ACCOUNT].severity is checks.Severity.DANGER


def test_cnic_for_the_payment_names_the_card_and_the_payment() -> None:
    found = checks.scan_message("Send me your CNIC front and back, I need it for the payment.")
    assert [f.code for f in found] == [ACCOUNT]
    assert found[0].evidence.startswith("CNIC")
    assert found[0].evidence.endswith("payment")
    assert found[0].confidence is checks.Confidence.HIGH
