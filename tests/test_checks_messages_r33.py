"""The r33 scanner round: wordings of each family that the rules did not read.

Review r33 (scanner dev-r33): 80 development messages written by an outside hand,
blind to the scanner, were added to ``messages.json``; the rules missed eleven of
them and gave a wrong extra code on two. Each case below is a kind of those misses or
false alarms, in other words than the development message's, and gave the opposite
answer before this round, read by the rules alone:

* a "head start" asked for while the funding waits ("mind getting a head start");
* the milestone said not needed with "wagera" or "zaroori nahi";
* a bank account's title and number asked for in order to pay: payment, not contact;
* money handed to the reader's relative ("paise aap ke bhai ko de dunga");
* a fee named, then sent on in the next sentence ("Send it via Binance"): the reader
  pays (``UPFRONT_FEE``), nobody pays the reader off Upwork;
* a paid course required after a negated certificate in the same sentence;
* a guarantee lodged in Roman Urdu ("guarantee ke taur pe ... jama");
* a purchase whose reimbursement comes in the next sentence;
* more work that the listing "also needs", fitted "into the current budget", or asked
  "same deal";
* free work traded for a glowing rating ("without billing me");
* ratings kept whole, swapped ("meri rating poori rakhna, main bhi ... rakhunga"), or
  asked and given back ("rate me five stars ... and I'll rate you five", the kind of an
  older development message that only the model found);
* the reader's account named by what it has ("achi rating wale account") used to bid;
* and two found by the corpus tests on the new messages: a sentence before an identity
  request ("Thanks! ...") no longer hides it, and a 2FA option for a product's admins is
  the product's feature, not the reader's code.

One new miss is left to the model: more work with the price kept as its only evidence,
with a line wrapped between the work and the price ("can you also do an arabic" /
"version too, same deal"): the joined reading keeps only a code whose evidence spans the
break (docs/checks.md, *Wrapped lines*); the test below pins that limit.

A nineteenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A head start asked for while the funding waits.
        (
            "Finance approves the budget on Monday. Could you get a head start on the API today?",
            "incoming",
            FUNDING,
        ),
        (
            "The milestone can't be funded until payday. Mind making a head start on the wireframes?",
            "incoming",
            FUNDING,
        ),
        # The milestone not needed, with "wagera" or "zaroori".
        ("Escrow wagaira lazmi nahi, aap aaj se landing page shuru kar dein.", "incoming", FUNDING),
        # Money handed to the reader's relative.
        (
            "Main Karachi aa raha hun, poori payment aap ke abbu ko de dunga.",
            "incoming",
            PAYMENT,
        ),
        # A paid course required after a negated certificate.
        (
            "Certification ke baghair orders nahi milenge, pehle 2500 wala course lena hoga.",
            "incoming",
            FEE,
        ),
        # A guarantee lodged.
        (
            "Laptop office ka hoga, lekin guarantee ke taur pe pachas hazar jama karwane honge.",
            "incoming",
            FEE,
        ),
        # A purchase reimbursed in the next sentence.
        (
            "Get a Figma seat on your own for the mockups. We reimburse it with the second payment.",
            "incoming",
            FEE,
        ),
        # More work fitted into the current budget, or asked "same deal".
        (
            "The store also needs a size guide page, can we fit it into the current budget?",
            "incoming",
            SCOPE,
        ),
        ("Could you also make a dark mode version, same deal as before?", "incoming", SCOPE),
        # Free work traded for a glowing rating.
        (
            "Make three extra posts without charging us and my review will be glowing.",
            "incoming",
            REVIEW,
        ),
        # Ratings kept whole and swapped, either side.
        ("Aap mera feedback full rakhna, hum bhi aap ka full rakhenge.", "incoming", REVIEW),
        ("Aap meri rating poori rakhna, main bhi aap ki poori rakhunga.", "outgoing", REVIEW),
        # A rating asked for the writer, then one given back.
        (
            "Rate me five stars as your client, and I'll rate you five too.",
            "incoming",
            REVIEW,
        ),
        # The reader's account named by what it has, used by others.
        (
            "Tumhare 100% JSS wale profile se hamari team proposals bhejegi, har mahine 20 hazar.",
            "incoming",
            ACCOUNT,
        ),
        (
            "Our writers will bid from your high-rated profile and you keep 25 percent.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r33)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A bank account's title and number asked for, to pay: no contact.
        (
            "Salary ke liye apna HBL account title aur number bhej dein.",
            "incoming",
            CONTACT,
        ),
        (
            "Our onboarding needs a $40 training fee. Please send it through JazzCash today.",
            "incoming",
            PAYMENT,
        ),
        # A fee named, then sent on: the reader pays, nobody pays the reader.
        (
            "A refundable $30 activation deposit is required. Send it via Binance to start.",
            "incoming",
            PAYMENT,
        ),
        # A 2FA option of the product, also read with its lines joined (a message in capitals).
        (
            "The portal needs a 2FA option for admins, using Google Authenticator.",
            "incoming",
            ACCOUNT,
        ),
        (
            "THE DASHBOARD NEEDS A 2FA OPTION\nFOR ADMINS ONLY, USING GOOGLE AUTHENTICATOR.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r33)."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A head start once funded; the milestone funded, then a head start.
        ("Mind if I get a head start on the schema once the milestone is funded?", "incoming"),
        ("The milestone is funded, feel free to get a head start on the schema today.", "incoming"),
        # A relative who likes the work, the payment on Upwork.
        ("Mere cousin ko aap ka kaam pasand aya, payment milestone se hogi.", "incoming"),
        # A guarantee of quality, not a deposit.
        (
            "Hum guarantee ke taur pe apna purana kaam dikhate hain, koi paise nahi lete.",
            "incoming",
        ),
        ("Guarantee ke taur pe main aap ko 30 din ki free support dunga.", "incoming"),
        # A copy of free software; the budget that fits.
        ("Grab a copy of the software for your laptop. It's free for students.", "incoming"),
        ("The logo fits into the current budget nicely, thanks.", "incoming"),
        # The extra given its own milestone or job.
        ("The store also needs a size guide page, I'll add a milestone for it.", "incoming"),
        ("Our shop also needs a new logo later this year, we'll post a separate job.", "incoming"),
        # The rating said of the work done, nothing traded.
        ("Great work on the extra banners, my feedback will be glowing.", "incoming"),
        # A client's rating promised, nothing asked back.
        ("Great job! I'll leave you 5 stars now.", "incoming"),
        # A design kept simple; a hire because of the rating.
        ("Aap ka project time pe deliver karunga, design simple rakhna hai.", "outgoing"),
        (
            "Aap ke achi rating wale account ki wajah se hi aap ko hire kiya, milestone fund hai.",
            "incoming",
        ),
        ("Your top-rated profile looks great, I'm sending the offer now.", "incoming"),
        # 2FA for the product's staff.
        ("Our app needs 2FA for admins.", "incoming"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A fee said of Upwork, the payment then moved: still a payment off Upwork.
        (
            "The fee on Upwork is 10%. Send it via Payoneer instead and we both save.",
            "incoming",
            PAYMENT,
        ),
        # A bank account's name and number asked for, to pay: still a payment off Upwork.
        ("Send me your account name and number so I can pay you directly.", "incoming", PAYMENT),
        # A phone number asked for with a channel: still contact.
        ("Apna naam aur number bhej do, WhatsApp pe baat karte hain.", "incoming", CONTACT),
        # A 2FA setting turned off and the code sent to the writer: still the account's code.
        (
            "Turn off the 2FA setting and send me the Google Authenticator code.",
            "incoming",
            ACCOUNT,
        ),
    ],
)
def test_a_risky_neighbour_is_still_found(text: str, direction: str, code: FindingCode) -> None:
    assert code in _codes(text, direction)


def test_a_sentence_before_an_identity_request_changes_nothing() -> None:
    """Another person's selfie and ID for the writer's account is found after any first
    sentence: the check read the clause at the sentence's place in the message, so
    "Thanks!" hid it before r33."""
    text = "Mera account verify nahi ho raha, aap apni selfie aur CNIC ki photo bhej do."
    alone = [(f.code, f.evidence) for f in checks.scan_message(text)]
    assert [ACCOUNT] == [code for code, _ in alone]
    for prefix in ("Thanks! ", "Thanks!  ", "Ok. ", "Hi Sara,\n"):
        after = checks.scan_message(prefix + text)
        assert alone == [(f.code, f.evidence) for f in after], prefix


def test_a_wrapped_line_before_the_price_kept_is_left_to_the_model() -> None:
    """The limit kept: more work whose only evidence is the price kept, with the line
    wrapped between the work and the price, is found by the rules in one line and not in
    two (the joined reading keeps a code only where its evidence spans the break)."""
    assert SCOPE in _codes("can you also make a french version too, same deal")
    assert SCOPE not in _codes("can you also make a french\nversion too, same deal")
