"""The r34 scanner round: wordings of each family that the rules did not read.

Review r34 (scanner dev-r34): 77 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``; the rules alone missed sixteen
of its 43 risky messages, a second code on one more, and gave a wrong code on four (two
of them ordinary messages). Each case below is a kind of those misses or false alarms,
in other words than the development message's, and gave the opposite answer before this
round, read by the rules alone:

* work outlined while the budget waits ("sketch out the flow meanwhile");
* work begun now with the pay sent weekly by a method named before the money
  ("SadaPay pe raqam bhej dunga");
* pay promised only once the app is on the Play Store or the App Store;
* a sample or test said to bring no pay ("sample ka koi paisa nahi hota");
* a Roman-Urdu question to the reader with no "aap" ("USDT mein payment le loge?");
* money handed to someone for the reader to collect ("aap us se le lena");
* money wanted back through a method ("we need the extra $60 back via PayPal");
* a past detail, then a Roman-Urdu request ("number profile mein diya tha, ... bhej dena");
* a page count raised in Roman Urdu ("40 se 60 pages tak barha dein"), the work played down
  in moments ("do pal ka kaam"), made "bina paise ke", or the price kept ("price same",
  "keeping the existing budget");
* praise promised in the review ("review mein tareef"), a full rating asked while rating
  ("mujhe full dena"), and the review's words asked for ("'the best' in your review");
* a code read out to the writer ("parh ke suna do"), and owners of Upwork accounts
  recruited as such;
* a course's price in brackets after it ("complete the safety course ($25)"), the kind of
  an older development message that only the model found (the retrained model added six
  codes to the development set, one more than the corpus test allows);
* and, as false alarms: a network's cover image, the work sent to the writer's e-mail
  instead of Upwork's submission (a handover, not a way to talk), extra work priced
  separately as another funded milestone, a fee anyone might ask for, to be reported, and
  (found beside the Play Store wording) the product's payment screen tested once the app
  is launched.

Three misses are left. Two are limits of wrapped lines (docs/checks.md, *Wrapped
lines*): the price kept on the line after the request, with no evidence spanning the
break ("we'd love" / "it as well, keeping the current quote"), which the test below pins;
and a purchase whose line breaks onto a capital ("your own" / "Card from the vendor"),
which the model finds. The third is a trial said to have "koi charge nahi": "charge" may
be either side's price, and "test ka koi fee nahi" tells the reader there is nothing to
pay, so only "koi paisa nahi" is read as unpaid.

A twentieth held-out set, written by an outside hand that never saw the rules, was
committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Work outlined while the budget or the offer waits.
        (
            "The offer goes out on Friday. Could you sketch out the checkout flow meanwhile?",
            "incoming",
            FUNDING,
        ),
        (
            "Finance signs off next week, so if you could map out the API routes before then.",
            "incoming",
            FUNDING,
        ),
        # Work begun now, the pay sent by a method named before the money.
        (
            "Aap apna kaam shuru karo, har hafte SadaPay pe raqam bhej dunga, Upwork ko chhoro.",
            "incoming",
            FUNDING,
        ),
        # A sample said to bring no pay ("koi paisa nahi"), not "koi charge nahi" (see above).
        (
            "1500 words ka sample article likhna hoga, sample ka koi paisa nahi hota.",
            "incoming",
            FUNDING,
        ),
        # Pay only once the app sells.
        (
            "You get paid once the game is on the App Store and earning.",
            "incoming",
            FUNDING,
        ),
        # A Roman-Urdu question to the reader, with no "aap".
        ("USDT mein payment le loge? Fee bhi nahi kategi.", "incoming", PAYMENT),
        # Money handed to someone, for the reader to collect.
        (
            "Aap ki khala ko paise de aaunga, aap un se le lijiye ga.",
            "incoming",
            PAYMENT,
        ),
        # Money wanted back through a method.
        (
            "We were billed twice, so we need the extra $60 back via PayPal today.",
            "incoming",
            PAYMENT,
        ),
        # A past detail, then a request in Roman Urdu.
        (
            "Mera WhatsApp number profile mein diya tha, wahan screenshot bhej dena.",
            "incoming",
            CONTACT,
        ),
        # A count raised in Roman Urdu; work played down in moments; made for no money.
        ("Ebook ko 40 se 60 pages tak barha dein, paise wohi rahenge.", "incoming", SCOPE),
        ("Ek pal ka kaam hai, contact page pe map bhi laga do.", "incoming", SCOPE),
        (
            "Saath mein 2 extra thumbnails bhi bina paise ke bana dein.",
            "incoming",
            SCOPE,
        ),
        # The price kept, in other words.
        ("We'd like a tablet layout too, keeping the existing budget.", "incoming", SCOPE),
        # Praise promised in the review for free work; a full rating asked while rating.
        (
            "Do extra banner bina paise ke bana do, feedback mein tareef karunga.",
            "incoming",
            REVIEW,
        ),
        (
            "Project close karte hue rating mein mujhe full dena, main bhi full dunga.",
            "incoming",
            REVIEW,
        ),
        # The review's words asked for, also with the verb on the line before.
        (
            "Could you mention 'the best designer' in your feedback please?",
            "outgoing",
            REVIEW,
        ),
        ("A small ask: could you put\n'excellent' in your review?", "outgoing", REVIEW),
        # A course's price in brackets after it (an older development message's kind, which
        # only the model found).
        (
            "Before you start, complete the safety course ($25), it's mandatory.",
            "incoming",
            FEE,
        ),
        # A code read out to the writer.
        ("Phone pe jo code aaya hai wo parh ke suna do.", "incoming", ACCOUNT),
        # Owners of Upwork accounts recruited as such.
        (
            "We are hiring profile owners with Top Rated Upwork badges, our team bids for you.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r34)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A network's cover image.
        ("Do banner aur bana do Instagram cover ke size ka.", "incoming", CONTACT),
        ("Please export the artwork as a Facebook cover photo too.", "incoming", CONTACT),
        # The work sent to the writer's e-mail instead of Upwork's submission: a handover.
        (
            "Send the source files to my email instead of uploading them on Upwork.",
            "incoming",
            CONTACT,
        ),
        # Extra work priced separately as another funded milestone.
        (
            "Price the FAQ and blog pages separately, a second funded milestone for them is fine.",
            "incoming",
            PAYMENT,
        ),
        # The product's payment screen tested once the app is out: not pay put off.
        ("Please test the payment screen once the app is launched.", "incoming", FUNDING),
        # A fee anyone might ask for, to be reported.
        (
            "If someone asks you for a registration fee, report them to Upwork.",
            "incoming",
            FEE,
        ),
        ("Agar koi aap se security deposit maange to block kar dena.", "incoming", FEE),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r34)."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Outlining once funded; paid once the funded milestone is released.
        ("Once the milestone is funded, please sketch out the schema.", "incoming"),
        (
            "Milestone is funded; I'll release the payment when the app is on the Play Store.",
            "incoming",
        ),
        ("Please test the payment flow when the app is on the Play Store.", "incoming"),
        # A question about Upwork's own withdrawal.
        ("Kya aap Payoneer se withdraw karoge?", "incoming"),
        # A file collected from a relative, not money.
        ("Mera bhai aap ko file de dega, aap us se le lena.", "incoming"),
        # Something else wanted back.
        ("We need the old logo back in the PayPal checkout page.", "incoming"),
        # A cover letter, and a cover for the product.
        ("Design a LinkedIn cover for my page.", "incoming"),
        # Bank account holders of the product, not of Upwork.
        ("We are hiring account holders for our bank's new app, testers wanted.", "incoming"),
        # No fee for a test: nothing to pay, and no unpaid work either.
        ("Test task ka koi fee nahi hai, bas apply karein.", "incoming"),
        # A story asked for, not a code.
        ("Koi kahani sunao, code baad mein likhte hain.", "incoming"),
        # The quote kept for later work, nothing added now.
        (
            "We'd love to keep working with you, keeping the current quote for the next job.",
            "incoming",
        ),
        # Words of the writer's own review.
        ("I wrote 'highly recommended' in my review of the tool.", "outgoing"),
        # A course the product's students take, and one the writer pays for.
        ("Our students take the course ($99) before the exam.", "incoming"),
        ("The kit ($30) is required before the first order, we pay for it.", "incoming"),
        # A badge in the product's review widget.
        ("Thanks! Clients loved the 'excellent' badge in your review widget.", "outgoing"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Talk moved to the e-mail, beside a handover: still contact.
        ("Email me on my gmail instead of submitting here, let's talk there", "incoming", CONTACT),
        # Paid separately outside the milestone: still a payment off Upwork.
        (
            "I'll pay you separately for the extra pages, outside the milestone.",
            "incoming",
            PAYMENT,
        ),
        # A fee to pay, with a report asked back: still the reader's fee.
        (
            "If the agent asks for the registration fee, pay it and report back to me.",
            "incoming",
            FEE,
        ),
        # Start now, with the pay by a method after the money: still both.
        ("Kaam shuru kar do, paise Easypaisa pe bhej dunga.", "incoming", FUNDING),
    ],
)
def test_a_risky_neighbour_is_still_found(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


def test_the_handover_by_mail_is_start_before_funding_alone() -> None:
    """The final files sent to the writer's Gmail instead of Upwork's submission, with no
    address, is the handover (``START_BEFORE_FUNDING``), not a way to talk (docs/checks.md,
    the handover rule); before r34 the e-mail named before the handover was read as contact."""
    text = "Upload the final video to my Gmail instead of submitting it here."
    assert _codes(text) == {FUNDING}


def test_a_wrapped_line_before_the_price_kept_is_left_to_the_model() -> None:
    """The limit kept: the price kept in other words ("keeping the existing budget") is found
    by the rules in one line, and not with the line wrapped between the request and the
    price (the joined reading keeps a code only where its evidence spans the break)."""
    assert SCOPE in _codes("We'd like a tablet layout as well, keeping the existing budget.")
    assert SCOPE not in _codes("We'd like a tablet layout\nas well, keeping the existing budget.")
