"""The r32 scanner round: wordings of each family that the rules did not read.

Review r32 (scanner dev-r32): 80 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``; the scanner missed thirteen
of them and gave a wrong extra code or a false alarm on three. Each case below is
a kind of those misses or false alarms, in other words than the development
message's, and gave the opposite answer before this round, read by the rules alone:

* a test task said to be "not compensated" (or "uncompensated");
* "milestone banane ki zaroorat nahi", the making of the milestone not needed;
* "kaam pe lag jao" as the start asked for, with the escrow left for later;
* the files collected by e-mail as the contract is said to be closed: a handover
  (``START_BEFORE_FUNDING``), not a channel to talk on;
* your own "mujhe email kar dein" beside your address, among Upwork's notifications;
* a security deposit in Roman Urdu's own word ("zamanat");
* a count agreed in the past and a larger one needed now, the budget kept in the
  next sentence, also with a line wrapped inside it;
* the price not to be talked of or changed ("alag se paise ki baat na karna",
  "let's not touch the quote") or assumed to hold ("within the original budget"), the
  extra said as "10 minute ka kaam", or announced as "a little one" in the line before;
* a review threatened as one so bad that nobody hires or trusts the reader, a
  discount traded for "the rating I give will be a glowing one", and your own rating
  request asked "if it's not too much to ask";
* the reader's Upwork account taken for a time ("do mahine ke liye le sakta hoon");
* the code in a mail that came, asked for with no one named it came to;
* and clear again: Upwork's payout that reached your own bank, and a phone said to
  be off with the talk kept on Upwork chat.

Whether a wrapped line starting with a capital ("... you must purchase" / "Our
starter kit") could be joined was measured on the development set and is not done
(docs/checks.md, *Wrapped lines*): the test below pins the limit.

An eighteenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode
from upwork_safety.checks._normalise import normalise


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # An unpaid test, said to be not compensated.
        (
            "The screening assignment is uncompensated; shortlisted writers get a contract.",
            "incoming",
            FUNDING,
        ),
        ("Our trial article is not compensated, if we like it we hire you.", "incoming", FUNDING),
        # The milestone's making not needed, in Roman Urdu.
        (
            "Yaar contract banane ki zaroorat nahi, bharosa hai, end pe sab de dunga.",
            "incoming",
            FUNDING,
        ),
        # "Lag jao" as the start asked for, the escrow later.
        ("Kal se design pe lag jao, escrow ka agle hafte dekhenge.", "incoming", FUNDING),
        # The files collected by e-mail as the contract is closed: a handover.
        (
            "Our editor will receive the chapters by email; this contract is being closed today.",
            "incoming",
            FUNDING,
        ),
        # Your own address given with "mujhe email kar dein", among notifications.
        (
            "Upwork ki notifications der se aati hain, mujhe email kar dein, sana.designs@gmail.com",
            "outgoing",
            CONTACT,
        ),
        # A security deposit named "zamanat", with its sum, taken or to be taken.
        (
            "Har naye writer se 2000 rupay zamanat li jati hai, project chhorne pe wapas milti hai.",
            "incoming",
            FEE,
        ),
        ("Shuru mein 4000 ki zamanat leni hogi, teen mahine baad lauta denge.", "incoming", FEE),
        # A count agreed, then a larger one needed now, the budget kept after it.
        (
            "We settled on 20 product photos but marketing now wants 60. Budget can't go up.",
            "incoming",
            SCOPE,
        ),
        (
            "We agreed on 15 articles but the editor\nnow needs 40. The budget is the same.",
            "incoming",
            SCOPE,
        ),
        # The price not to be talked of, or not to be touched.
        (
            "Header ke sath footer bhi bana do, alag se paise ki baat na karna.",
            "incoming",
            SCOPE,
        ),
        (
            "Please also add a testimonials section to the home page, let's not touch the quote.",
            "incoming",
            SCOPE,
        ),
        # The price assumed to hold in the next sentence: "within the original budget".
        (
            "Could you also make a landscape poster? I'm assuming it's within the original budget.",
            "incoming",
            SCOPE,
        ),
        # The extra played down as minutes of work, or announced as a little one.
        ("Thumbnail bhi add kar dein, 10 minute ka kaam hai.", "incoming", SCOPE),
        (
            "A little one.\nThe booking widget needs hooking up too. Let's not change the price.",
            "incoming",
            SCOPE,
        ),
        # A review threatened as one that stops others hiring or trusting the reader.
        (
            "Paise wapas karo warna aisi rating dunga ke koi client aap pe trust nahi karega.",
            "incoming",
            REVIEW,
        ),
        (
            "Refund half or I'll post such a review that no one will hire you again.",
            "incoming",
            REVIEW,
        ),
        # Your own rating request asked as a kindness.
        ("If it's not too much to ask, a 10/10 rating on this contract.", "outgoing", REVIEW),
        # A discount traded for the rating the client gives.
        (
            "Take $30 off the invoice and the rating I give will be a glowing one.",
            "incoming",
            REVIEW,
        ),
        # The reader's Upwork account taken for a time.
        (
            "Tumhara Upwork account do mahine ke liye le sakta hoon? 15 hazar har mahine.",
            "incoming",
            ACCOUNT,
        ),
        # The code in a mail that came, asked for.
        ("Email aayi hogi, us mein jo code hai woh mujhe bhej do.", "incoming", ACCOUNT),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r32)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Upwork's payout arrived in your own Payoneer or bank: no payment off Upwork.
        (
            "The payout showed up in my Payoneer this morning, thanks for the quick approval.",
            "outgoing",
            PAYMENT,
        ),
        ("Payout arrived in my bank today, thank you!", "outgoing", PAYMENT),
        # The phone said to be off, the talk kept on Upwork chat.
        (
            "My phone stays switched off at the office, so write to me here in the Upwork chat.",
            "incoming",
            CONTACT,
        ),
        # The files collected by e-mail as the contract closes: no channel to talk on.
        (
            "Our editor will receive the chapters by email; this contract is being closed today.",
            "incoming",
            CONTACT,
        ),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r32)."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Overtime unpaid, and no test; a milestone funded before "lag jao".
        ("Overtime is not compensated in our company, just so you know.", "incoming"),
        ("Milestone fund ho gaya hai, aaj se kaam pe lag jao.", "incoming"),
        # The files handed in on Upwork, the contract closed after.
        (
            "Submit the report on Upwork when it's done; the contract will be closed after that.",
            "incoming",
        ),
        # A guarantee of a house, not a fee; no security taken.
        ("Ghar ki zamanat ke liye bank ne papers maange hain.", "incoming"),
        ("Humari company freelancers se koi zamanat nahi leti.", "incoming"),
        # The larger count with its own milestone; a smaller count.
        ("We agreed on 30 leads but now need 100, I'll add a milestone for the rest.", "incoming"),
        # A quote asked for.
        ("Could you send a quote for the extra pages?", "incoming"),
        # A review's wording asked for, not threatened; your own honest review.
        ("Aisa review likhna ke koi client confuse na ho, simple English mein.", "incoming"),
        ("Thanks, the review I leave for you will be a perfect one.", "outgoing"),
        # Honest feedback asked as a kindness; thanks for a rating given.
        ("If it's not too much to ask, could you share honest feedback on the draft?", "outgoing"),
        ("Your kind words would mean the world to me, thank you for the 5 stars!", "outgoing"),
        # A quote asked for the extra, beyond the original fee.
        (
            "Could you also do a Spanish version? Send a quote, I know it's outside the original fee.",
            "incoming",
        ),
        # A profile link, not the account; an invitation in a mail.
        ("Aapka profile link le sakta hoon portfolio ke liye?", "incoming"),
        ("Upwork ka invite mail aya hoga, us mein join ka link hai.", "incoming"),
        # The payout reached the bank, with nothing asked off Upwork.
        ("The payout reached my bank this afternoon, thanks for releasing it.", "outgoing"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A phone said to be off, but a call asked for anyway.
        ("My phone is off during the day, call me at night.", "incoming", CONTACT),
        # The payout named, then the next payment moved off Upwork.
        (
            "The payout landed in my Payoneer, next time just send it to my Payoneer directly.",
            "outgoing",
            PAYMENT,
        ),
    ],
)
def test_a_risky_neighbour_is_still_found(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


def test_a_wrapped_line_starting_with_a_capital_is_still_read_as_two() -> None:
    """The limit kept: joining such lines gave a new finding for 1 pair in 77 of ordinary ones."""
    text = "Before your first task you must buy\nOur training pack for $40, we refund it later."
    assert normalise(text).wrapped == ()
    assert "\n" in normalise(text).text
