"""Tests for checks.scan_message: intent in English and Roman Urdu, context, evidence spans, hostile input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import checks
from upwork_safety.checks import CODES, Confidence, Direction, FindingCode, Severity
from upwork_safety.checks._messages import scan_rules_only
from upwork_safety.errors import InvalidTypeError, InvalidValueError


def scan(text, direction="incoming"):
    """The codes scan_message finds in *text*, as plain strings."""
    return [str(f.code) for f in checks.scan_message(text, direction=direction)]


# ============================================================================ what each code catches

TRIGGERS = {
    "START_BEFORE_FUNDING": [
        "Please start today, I will fund the milestone next week.",
        "Go ahead and begin the designs; escrow will come later once finance approves.",
        "Can you do a free sample of the landing page first?",
        "I'll only pay after I see the finished result.",
        "Let's skip the escrow this time, start now.",
        "Send me the first draft and we'll talk about the contract after.",
        "We need an unpaid test task before we send any offer.",
        # Roman Urdu, verb last
        "aap kaam shuru karo, paise baad mein mil jayenge",
        "Pehle design bana ke bhej dein, pasand aaya to milestone bana dunga",
        "Milestone ki zaroorat nahi, bas kaam kar dein",
        "Free mein ek sample bana dein please",
    ],
    "OFF_PLATFORM_PAYMENT": [
        "I'll pay you by PayPal, it's simpler.",
        "Can I send the payment to your Payoneer directly?",
        "Let's do the rest outside Upwork, I'll pay directly.",
        "We can save the Upwork fee if I pay you by bank transfer.",
        "Please share your IBAN and account details.",
        "I can pay in USDT, no platform fees.",
        # Roman Urdu, verb last
        "Bhai payment bahar kar dein",
        "JazzCash pe payment kar doon?",
        "Easypaisa number bhej dein, paise wahan bhej deta hoon",
        "Upwork ki fees bach jayegi, direct bank mein transfer kar deta hoon",
    ],
    "OFF_PLATFORM_CONTACT": [
        "Add me on WhatsApp +1 415 555 0100",
        "My Telegram is @anna_hr, text me there.",
        "Email me at sam.recruiter@yahoo.com please.",
        "What's your Skype?",
        "Can you share your phone number?",
        "Let's continue the conversation outside Upwork.",
        "Don't use the Upwork messenger, write to me at someone@example.com",
        "Call me on 0300-1234567",
        "My email is mark dot stevens at gmail dot com",
        "Join here: chat.whatsapp.com/AbCdEf123",
        # Roman Urdu, verb last
        "Mujhe apna number de dein",
        "WhatsApp pe baat karte hain",
        "Skype id bhej dein please",
    ],
    "UPFRONT_FEE": [
        "You need to pay a $30 registration fee first.",
        "A refundable security deposit of $50 is required.",
        "Please buy the laptop from our vendor and we'll reimburse you.",
        "Recharge your account with 20 USDT to unlock your earnings.",
        "Buy the $25 training kit before we onboard you.",
        "Purchase the licence from our vendor, we will reimburse you.",
        "Training fee 3000 rupay jama karwayen",
        "Account activate karne ke liye 20 dollar bhej dein",
    ],
    "SCOPE_CREEP": [
        "Could you also quickly add a pricing page?",
        "One more screen please, the settings page.",
        "While you're at it, redo the footer.",
        "It shouldn't take long to add dark mode too.",
        "Can you add a couple more icons? Same budget.",
        # Roman Urdu, verb last
        "ek aur page bana dein",
        "aik aur page bhi add kar dein, isi budget mein",
        "Logo ke sath business card bhi bana dein, extra paise nahi hain",
    ],
}
QUIET = [
    "Thanks, the milestone is funded, you can start.",
    "I'll fund milestone 2 once you submit milestone 1.",
    "Start once the milestone shows as funded, not before.",
    "Our app needs a WhatsApp share button.",
    "We're integrating PayPal checkout on the store.",
    "The bot should post to our Telegram channel.",
    "A PayPal checkout on the product page, please.",
    "I used to pay my old designer through PayPal.",
    "Please don't contact me on WhatsApp, Upwork is fine.",
    "I never pay outside Upwork, don't worry.",
    "Payments only on Upwork, please.",
    "Our security deposit page needs a new layout.",
    "One more question: what font do you use?",
    "Can you also tell me your availability next week?",
    "Is the 10% fee taken from your side?",
    "I withdraw my Upwork earnings to Payoneer and then to JazzCash.",
    "Let's talk on Upwork's video call tomorrow.",
    "Bhai WhatsApp pe mat bulaein, sab baat yahin Upwork pe hogi",
    "Online store mein JazzCash aur Easypaisa ka payment option chahiye",
    "Milestone fund kar diya hai, aap kaam shuru kar sakte hain",
    "I'll create a new milestone for the extra pages.",
    "",
    "   ",
    "👍",
]


@pytest.mark.parametrize(
    ("code", "text"), [(code, text) for code, texts in TRIGGERS.items() for text in texts]
)
def test_incoming_trigger(code, text):
    """Each incoming code fires on requests and offers in English and Roman Urdu."""
    assert code in scan(text)


@pytest.mark.parametrize("text", QUIET)
def test_incoming_quiet(text):
    """The rules give no finding on ordinary, negated, past, product and Upwork-feature messages."""
    from upwork_safety.checks._messages import scan_rules_only

    assert [] == scan_rules_only(text)


@pytest.mark.parametrize("text", QUIET)
def test_incoming_quiet_at_most_a_low_confidence_model_finding(text):
    """The model reads words, not negation: on these it adds at most a LOW-confidence finding."""
    assert all(f.confidence is Confidence.LOW for f in checks.scan_message(text))


def test_model_reads_words_not_negation():
    """A known limit, documented: the model flags a refusal the rules let pass, at LOW confidence."""
    (finding,) = checks.scan_message("Please don't contact me on WhatsApp, Upwork is fine.")
    assert (FindingCode.OFF_PLATFORM_CONTACT, Confidence.LOW) == (
        finding.code,
        finding.confidence,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Please leave me 5 stars!",
        "Could you give me a five-star review?",
        "Kindly rate me 10/10 in the private feedback.",
        "plz give me good feedback",
        "Please select 'would recommend', thanks in advance!",
        "⭐⭐⭐⭐⭐ please",
        "I'll add a free revision if you leave a positive review.",
        "Sir please 5 star feedback de dijiye ga",
        "Achi si rating de dena please",
    ],
)
def test_outgoing_review_begging(text):
    """Asking for (or offering something for) a particular rating is REVIEW_BEGGING."""
    assert ["REVIEW_BEGGING"] == scan(text, "outgoing")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the 5 stars!",
        "If you were happy, I'd be grateful for your honest feedback.",
        "I added five star icons to the reviews widget.",
        "Please fund the next milestone.",
        "Could you give me feedback on the two drafts?",
    ],
)
def test_outgoing_quiet(text):
    """Thanks for a rating, honest-feedback requests and project talk are fine."""
    assert [] == scan(text, "outgoing")


def test_a_clients_bare_request_for_stars_is_not_review_begging():
    """A client's mention of five stars, with nothing offered for them, is not REVIEW_BEGGING."""
    assert [] == scan("Please leave me 5 stars too, haha", "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Please leave the contract open and I will give you 5 stars if you refund $100 back to me.",
        "could you leave me a 5 star review too? I'll do the same.",
        "Refund $25 and I'll change my review to 5 stars.",
        "If you don't refund half, I'll leave you 1 star.",
        "Main aap ko 5 star de dunga agar aap 50 dollar refund kar dein.",
        "Aap bhi mujhe 5 star dena, main bhi de raha hoon.",
    ],
)
def test_incoming_rating_traded_is_review_begging(text):
    """A client offering a rating (or threatening a bad one) for something, or a swap."""
    (finding,) = checks.scan_message(text)
    assert "REVIEW_BEGGING" == finding.code
    assert Confidence.HIGH is finding.confidence
    assert finding.script.startswith("Thanks, but I can't exchange anything for feedback")
    assert text[slice(*finding.span)] == finding.evidence


@pytest.mark.parametrize(
    "text",
    [
        "I've left a review, 5 stars, well deserved!",
        "If you finish by Friday I'll leave you 5 stars and a bonus.",
        "I'll leave you a 5-star review for the great work.",
        "If a customer asks for a refund, the app should ask them for a 5 star rating first.",
        "Give the client a discount if they leave a 5-star review on Google.",
        "Let's leave honest reviews for each other at the end.",
        "I'll give you 5 stars, and please send the source files back.",
    ],
)
def test_incoming_ratings_not_traded_are_quiet(text):
    """Stars given, promised for the work, honest reviews, or the product's customers' ratings."""
    assert [] == scan(text, "incoming")


def test_money_sent_back_off_upwork_is_payment():
    """The overpayment scam: money the client wants back through a method that leaves Upwork."""
    text = "Pay me back the difference via Easypaisa 0300-1234567"
    assert ["OFF_PLATFORM_PAYMENT", "OFF_PLATFORM_CONTACT"] == scan(text)
    # A fee paid that way is still UPFRONT_FEE alone, even when it is "paid back" later.
    assert ["UPFRONT_FEE"] == scan(
        "Please pay the $30 fee via JazzCash, we'll pay it back after training."
    )


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            (
                "I will close this contract and open a new one, but please don't submit the "
                "work through Upwork."
            ),
            ["START_BEFORE_FUNDING"],
        ),
        ("Kaam Upwork pe submit mat karna, mujhe Drive link bhej dena.", ["START_BEFORE_FUNDING"]),
        ("Don't submit on Upwork yet, I'm checking the staging link.", []),
        ("No need to upload the raw footage to Upwork, just the final cut.", []),
        ("Never submit the files outside Upwork.", []),
        (
            (
                "You can deliver the source files through Google Drive and submit the "
                "milestone on Upwork."
            ),
            [],
        ),
        (
            "Do the extra logo variations for free and you'll get a 5-star review from me.",
            ["SCOPE_CREEP", "REVIEW_BEGGING"],
        ),
    ],
)
def test_the_seventh_batchs_wordings(text, codes):
    """Work handed over outside Upwork's submission; extra work for free is scope creep."""
    assert codes == scan(text)


# A reviewer's findings on the seventh batch's widened scopes (each defect by number).
EIGHTH_BATCH_QUIET = [
    # 1. "check it before you submit" is a condition, not a request to skip Upwork
    ("Don't submit on Upwork before you test it on mobile.", "incoming"),
    ("Never submit anything on Upwork without running the tests first.", "incoming"),
    ("Don't submit to Upwork without a README.", "incoming"),
    ("Don't submit through Upwork unless all tests pass.", "incoming"),
    ("Please don't submit the milestone on Upwork with placeholder text.", "incoming"),
    # 2. a swap is read in the rating's sentence (or the next), and of a rating
    (
        "It was great working with each other on this. I'll leave you 5 stars once it's closed.",
        "incoming",
    ),
    # 3. the trade must be linked to the rating, not merely beside it
    ("I'll give you 5 stars for the quick turnaround, no refund needed of course.", "incoming"),
    ("I'll give you five stars and we'll add the extra pages as a paid milestone.", "incoming"),
    ("Send it back to me with the changes and I'll leave a good review.", "incoming"),
    (
        (
            "Thanks, I'll rate you 5 stars for your work and send the bonus, the refund for M2 "
            "was my mistake."
        ),
        "incoming",
    ),
    (
        (
            "I always give 5 stars to good freelancers; if not happy I request a refund "
            "through Upwork."
        ),
        "incoming",
    ),
    ("I'll leave you a great review, and if you need a refund later just ask.", "incoming"),
    # 4. "a 10" is no rating before a unit
    ("Can you give me a 10% discount for the next milestone?", "incoming"),
    ("I can offer a 10% discount if you book the next milestone now.", "outgoing"),
    ("Could we do a 10 minute call on Upwork tomorrow? Please confirm.", "outgoing"),
]
EIGHTH_BATCH_CAUGHT = [
    # 1. still caught: somewhere else to send the work, or the contract closing
    ("Don't submit it on Upwork, upload the files to my Dropbox instead.", "START_BEFORE_FUNDING"),
    (
        "Don't deliver through Upwork once you're done, I'll end the contract and pay you later.",
        "START_BEFORE_FUNDING",
    ),
    # 3. still caught: a condition, an order or "for a" links the trade to the rating
    ("I'll give you five stars as long as you send $40 back to me.", "REVIEW_BEGGING"),
    ("I'll give you 5 stars for a $50 refund.", "REVIEW_BEGGING"),
    ("Give me a 20% discount and I will give you five stars.", "REVIEW_BEGGING"),
    # 5. money asked back through a method, though the sentence says "I paid twice"
    (
        "I accidentally paid the milestone twice. Please return the extra via Payoneer.",
        "OFF_PLATFORM_PAYMENT",
    ),
    ("Please refund the extra via PayPal, I paid twice.", "OFF_PLATFORM_PAYMENT"),
    # 6. misses inside REVIEW_BEGGING's scope
    ("Main aapko 5 star dunga aur aap bhi mujhe 5 star dena.", "REVIEW_BEGGING"),
    (
        "I'll give you a 5 star review if you waive the last milestone payment.",
        "REVIEW_BEGGING",
    ),
    ("If you don't refund me I'll leave a 1 star review.", "REVIEW_BEGGING"),
]


@pytest.mark.parametrize(("text", "direction"), EIGHTH_BATCH_QUIET)
def test_the_eighth_batchs_false_alarms_are_quiet(text, direction):
    """Conditions on a submission, ratings beside a refund, "a 10%": no finding."""
    assert [] == scan(text, direction)


@pytest.mark.parametrize(("text", "code"), EIGHTH_BATCH_CAUGHT)
def test_the_eighth_batchs_misses_are_caught_by_the_rules(text, code):
    """Each is found by the rules alone, at HIGH confidence, and only that code."""
    (finding,) = scan_rules_only(text)
    assert code == finding.code
    assert Confidence.HIGH is finding.confidence
    assert [code] == scan(text)


# The ninth batch's general rules: each caught by the rules alone, with its evidence.
NINTH_BATCH_CAUGHT = [
    # a button or a logo is the product's only in the method's own phrase
    (
        "I'll send the money via PayPal later tonight for the banner.",
        "OFF_PLATFORM_PAYMENT",
        "send the money via PayPal",
    ),
    # a payment account's e-mail is payment, not contact
    (
        "Apni Payoneer ki email bhej dein, payment wahan karunga",
        "OFF_PLATFORM_PAYMENT",
        "Payoneer ki email bhej",
    ),
    # the past, with a request for now, is still asked
    (
        "Pichli dafa PayPal pe paise bheje the, is dafa bhi PayPal pe bhej dein",
        "OFF_PLATFORM_PAYMENT",
        "PayPal pe paise",
    ),
    # fees named for screening or evaluation, "paid by you", "dene honge"
    ("A $15 screening fee is required before the interview.", "UPFRONT_FEE", "$15 screening fee"),
    (
        "The assessment fee is paid by you, refunded after you pass.",
        "UPFRONT_FEE",
        "assessment fee",
    ),
    ("Registration ke liye 500 rupay dene honge", "UPFRONT_FEE", "500 rupay"),
    # "throw in" asked, "while you're in the code", "same total", "included in the price"
    ("Toss in a favicon too, it's tiny.", "SCOPE_CREEP", "Toss in"),
    ("While you're in the theme files, fix the footer too.", "SCOPE_CREEP", "While you're in the"),
    ("We'd like a French version as well, same total.", "SCOPE_CREEP", "same total"),
    (
        "Please add the print version too, it's included in the price.",
        "SCOPE_CREEP",
        "included in the price",
    ),
    # played down and kept at the price, the added work need not be named
    (
        (
            "They now need the same report for March as well, shouldn't take long. "
            "Can we keep it within this milestone?"
        ),
        "SCOPE_CREEP",
        "need the same report for March as well",
    ),
    # free work as a rating's price is a trade, not a trial before hiring
    (
        "Make me a free banner or I'll leave a 1 star review.",
        "REVIEW_BEGGING",
        "free banner or I'll leave a 1 star",
    ),
    # a person's number, or a phone to be reached on, is still contact
    (
        "My number is +92 321 5556677, call me about the site footer.",
        "OFF_PLATFORM_CONTACT",
        "+92 321 5556677",
    ),
    ("Text me on my phone, I'm rarely on Upwork.", "OFF_PLATFORM_CONTACT", "Text me"),
]
NINTH_BATCH_QUIET = [
    # the product's buttons and logos
    "Add a PayPal button to the banner, please.",
    "The PayPal logo in the footer is blurry, can you fix it?",
    # Roman-Urdu past
    "Mere purane client ne JazzCash pe paise bheje the",
    # the client pays the fee, or buys something of yours
    "The assessment fee is paid by us, don't worry about it.",
    "I want to buy your old laptop, I can pay $200 for it.",
    # "throw in" offered, "while you're in" a place, a price already agreed
    "I'll throw in a bonus for the fast delivery.",
    "While you're in Lahore, enjoy the food!",
    "Hosting is included in the price we agreed, thanks for checking.",
    # stars for work done
    "5 stars for the free revisions you did, thanks!",
    # a business's number for the site, the phone as a screen
    "Please add our clinic's number +92 321 5556677 to the footer of the site.",
    "I'll review the mockup on my phone tonight.",
]


@pytest.mark.parametrize(("text", "code", "evidence"), NINTH_BATCH_CAUGHT)
def test_the_ninth_batchs_rules_catch_with_their_evidence(text, code, evidence):
    """Each is found by the rules alone, at HIGH confidence, only that code, with that evidence."""
    (finding,) = scan_rules_only(text)
    assert (code, Confidence.HIGH, evidence) == (finding.code, finding.confidence, finding.evidence)
    start, end = finding.span
    assert evidence == text[start:end]
    assert [code] == scan(text)


@pytest.mark.parametrize("text", NINTH_BATCH_QUIET)
def test_the_ninth_batchs_innocent_neighbours_are_quiet(text):
    """The narrower readings leave their innocent neighbours alone."""
    assert [] == scan(text)


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        ("If you finish by Friday I'll leave you 5 stars and a bonus.", True),
        ("Once you deliver the logo, 5 stars from me for sure.", True),
        ("I'll leave you a 5-star review for the great work.", True),
        ("If you finish by Friday and refund $20 I'll leave you 5 stars.", False),
        ("If you finish by Friday, let's leave each other 5 stars.", False),
        ("I'll give you 5 stars if you send $40 back.", False),
    ],
)
def test_a_rating_promised_for_the_work_clears_review_begging(text, cleared):
    """The rules rule the code out, so the retrained model may not add it at LOW."""
    from upwork_safety.checks._intent import cleared as cleared_codes
    from upwork_safety.checks._normalise import normalise

    codes = cleared_codes(normalise(text).text, outgoing=False)
    assert cleared is (FindingCode.REVIEW_BEGGING in codes)
    assert cleared is not (FindingCode.REVIEW_BEGGING in scan(text))
    assert FindingCode.REVIEW_BEGGING not in cleared_codes(normalise(text).text, outgoing=True)


def test_extra_work_put_in_a_new_milestone_is_no_scope_creep_for_the_rules():
    """The rules read the new milestone; the model, reading words, may still add LOW."""
    text = "They now need the same report for March as well. We'll add a milestone for it."
    assert [] == scan_rules_only(text)
    assert all(f.confidence is Confidence.LOW for f in checks.scan_message(text))


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f642Start now, fund later",
        "\U0001f642 Start now, fund later",
        "Thanks \U0001f64f start now and fund later",
        "Great \u2764\ufe0f start now, I will fund the milestone later",
        "Great profile \u23f0 Start now, fund later",  # an alarm clock
        "Great profile \U0001f1f5\U0001f1f0 Start now, fund later",  # a flag
        "Great profile \U0001f197 Start now, fund later",  # OK in a square
    ],
)
def test_a_run_of_emoji_ends_a_sentence(text):
    """Regression (code review): an emoji before "Start now, fund later" hid the request."""
    found = checks.scan_message(text)
    assert [FindingCode.START_BEFORE_FUNDING] == [f.code for f in found]
    assert text[found[0].span[0] : found[0].span[1]] == found[0].evidence


def test_credential_requests_have_no_code():
    """No code covers a request to log in to someone's account; the scanner says nothing."""
    assert [] == scan("login to my google account with password to verify")


def test_client_only_codes_are_not_checked_outgoing():
    """START_BEFORE_FUNDING, UPFRONT_FEE and SCOPE_CREEP apply to incoming messages only."""
    text = "Start now, I'll fund it later. Pay a $20 registration fee. One more page too."
    assert ["START_BEFORE_FUNDING", "UPFRONT_FEE", "SCOPE_CREEP"] == scan(text)
    assert [] == scan(text, "outgoing")


def test_outgoing_off_platform():
    """Proposing off-platform payment or contact in your own message is flagged, with your advice."""
    found = checks.scan_message("Pay me via PayPal and add me on WhatsApp", direction="outgoing")
    assert ["OFF_PLATFORM_PAYMENT", "OFF_PLATFORM_CONTACT"] == [f.code for f in found]
    assert all(f.advice.startswith("Don't send it") for f in found)


def test_payment_account_number_is_payment_not_contact():
    """A JazzCash/Easypaisa number asked for is a payment account, not a way to talk."""
    assert ["OFF_PLATFORM_PAYMENT"] == scan("Easypaisa number bhej dein, payment wahan kar dunga")


def test_a_fee_paid_by_the_freelancer_is_not_off_platform_payment():
    """Paying a fee in crypto is UPFRONT_FEE; off-platform payment is about being paid."""
    assert ["UPFRONT_FEE"] == scan("Kindly pay the onboarding charges via Bitcoin.")


# ============================================================================ evidence, span, confidence


def test_finding_carries_evidence_span_and_script():
    """A message finding's evidence is the words as written at its span; the advice ends with the script."""
    text = "Hi! Can you ALSO just quickly add a blog? Same budget."
    (finding,) = checks.scan_message(text)
    assert FindingCode.SCOPE_CREEP is finding.code
    assert Severity.WARNING is finding.severity
    start, end = finding.span
    assert text[start:end] == finding.evidence
    assert finding.script.startswith("Happy to add that; it's outside what we scoped")
    assert finding.advice.endswith(f'Say: "{finding.script}"')
    assert finding.milestone_id is None


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Add me on Wh\u0430ts\u0430pp now", "Add me on Wh\u0430ts\u0430pp"),
        ("ping me on tele\u200bgram: @kate_pm", "@kate_pm"),
        ("Text me on w h a t s a p p please", "Text me on w h a t s a p p"),
        ("ＷｈａｔｓＡｐｐ me", "ＷｈａｔｓＡｐｐ me"),
        ("Email me: tom(at)example(dot)com", "tom(at)example(dot)com"),
        ("Bhai payment bahir kardein", "payment bahir"),
    ],
)
def test_evidence_points_into_the_original_text(text, evidence):
    """Look-alike letters, zero-width characters and spacing are read through, but evidence is as written."""
    (finding,) = checks.scan_message(text)
    start, end = finding.span
    assert evidence == text[start:end] == finding.evidence


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("My number is 0300 1234567", Confidence.HIGH),
        ("Add me on Skype please", Confidence.HIGH),
        ("I'm more active on WhatsApp.", Confidence.MEDIUM),
        ("Do you have a PayPal account?", Confidence.MEDIUM),
        ("I'll pay you via PayPal", Confidence.HIGH),
    ],
)
def test_confidence_levels(text, confidence):
    """A contact detail or an explicit request is HIGH; a single cue with nothing against it is MEDIUM."""
    (finding,) = checks.scan_message(text)
    assert confidence is finding.confidence


def test_scan_orders_by_severity_then_code_and_reports_each_code_once():
    """Findings come most severe first, then in documented code order, one per code."""
    text = (
        "One more page please. Add me on Telegram. I'll pay via Wise. Start now, fund later. "
        "Add me on Skype too. Pay me via PayPal."
    )
    assert [
        "START_BEFORE_FUNDING",
        "OFF_PLATFORM_PAYMENT",
        "OFF_PLATFORM_CONTACT",
        "SCOPE_CREEP",
    ] == scan(text)


# ============================================================================ direction


def test_direction_is_a_str_enum_and_text_still_works():
    """Direction members equal their text; both spellings scan alike."""
    assert "outgoing" == Direction.OUTGOING
    text = "Please leave me 5 stars"
    assert checks.scan_message(text, direction=Direction.OUTGOING) == checks.scan_message(
        text, direction="outgoing"
    )
    assert checks.scan_message(text) == checks.scan_message(text, direction=Direction.INCOMING)


@pytest.mark.parametrize(
    ("direction", "error"),
    [("sideways", InvalidValueError), ("INCOMING", InvalidValueError), (None, InvalidTypeError)],
)
def test_scan_refuses_bad_direction(direction, error):
    """An unknown direction is refused, naming the argument."""
    with pytest.raises(error) as info:
        checks.scan_message("hi", direction=direction)
    assert "direction" == info.value.field


def test_scan_refuses_non_text():
    """A non-str text is refused, naming the argument."""
    with pytest.raises(InvalidTypeError) as info:
        checks.scan_message(b"bytes")  # type: ignore[arg-type]
    assert "text" == info.value.field


# ============================================================================ any input


@pytest.mark.parametrize(
    "text",
    [
        "Start now\ud800 fund later",  # beside the evidence (was an error about Finding.evidence)
        "start now \ud800, fund later",
        "Add me on Whats\ud800App",  # inside the evidence
        "pay me via PayPal \ud83d start now, fund later",
        "Add me on WhatsApp \ud800",  # after the evidence (was scanned)
        "\ud800 start now, fund later",  # before it (was [])
        "pay me via Pay\ud800Pal",
        "email me at a\udfff@b.com",
        "Looks great, thanks!\udc80",  # nothing risky at all
        "\ud83d\ude00",  # a surrogate pair in a str is still two lone surrogates
    ],
)
@pytest.mark.parametrize("direction", list(Direction))
def test_scan_refuses_a_lone_surrogate_wherever_it_stands(text, direction):
    """Regression: a lone surrogate raised an error naming Finding.evidence, or scanned, by place."""
    for scan_text in (checks.scan_message, scan_rules_only):
        with pytest.raises(InvalidValueError) as info:
            scan_text(text, direction=direction)
        assert ("text", "valid Unicode text") == (info.value.field, info.value.rule)


def test_scan_reads_text_beside_a_real_emoji():
    """An emoji (one code point, not a surrogate) is ordinary text; spans still point at words."""
    text = "\U0001f600 Please start today, I will fund the milestone next week. \U0001f600"
    (finding,) = checks.scan_message(text)
    assert ("START_BEFORE_FUNDING", (9, 57)) == (finding.code, finding.span)
    assert "start today, I will fund the milestone next week" == finding.evidence == text[9:57]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=())))
def test_scan_never_raises_on_any_unicode(text):
    """Any Unicode text (no lone surrogate) scans; spans point at the evidence."""
    for direction in Direction:
        found = checks.scan_message(text, direction=direction)
        assert all(f.code in CODES for f in found)
        assert all(text[f.span[0] : f.span[1]] == f.evidence for f in found)
        assert found == checks.scan_message(text, direction=direction)


SOUP = [
    "start ",
    "fund later ",
    "whatsapp ",
    "w h a t s ",
    "don't ",
    "nahi ",
    "pay ",
    "directly ",
    "kar dein ",
    "5 stars ",
    "please ",
    "one more ",
    "$20 ",
    "fee ",
    ", ",
    ". ",
    "@",
    " at ",
    " dot com ",
    "+92 300 1234567 ",
    "\u200b",
    "\u0430",
    "a",
]


@given(st.lists(st.sampled_from(SOUP), max_size=40), st.sampled_from(list(Direction)))
def test_scan_of_keyword_soup_never_raises(parts, direction):
    """Random mixtures of trigger words give documented codes, once each, with exact spans."""
    text = "".join(parts)
    found = checks.scan_message(text, direction=direction)
    assert len(found) == len({f.code for f in found})
    for finding in found:
        start, end = finding.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == finding.evidence


# ============================================================================ hostile input

#: Hostile shapes of text, each cut to the longest text the checks read
#: (``checks.MAX_TEXT_CHARS``; longer is refused, tests/test_hardening.py).
MEGABYTE = {
    "letters": "a" * 1_000_000,
    "digits": "1" * 1_000_000,
    "at signs": "a@" * 500_000,
    "phone-ish": "+9" * 500_000,
    "commas": "a," * 500_000,
    "negated channels": "i don't use whatsapp, " * 45_455,
    "rejected ratings": "thanks for the 5 stars " * 43_479,
    "triggers": "start now fund later pay via paypal one more page $20 fee " * 17_000,
}
ADVERSARIAL = {
    # Inputs aimed at the new patterns: separators that spaced-out names, phone
    # numbers and spelled addresses allow, and text the normaliser expands.
    "full stops": "." * 1_000_000,
    "spaced letters": "a " * 500_000,
    "dotted letters": "w.h." * 250_000,
    "spaced digits": "1 " * 500_000,
    "dash digits": "0-3-" * 250_000,
    "spelled at": "x at y dot " * 100_000,
    "bracket at": "(at)(dot)" * 110_000,
    "handles": "@ab_" * 250_000,
    "long word then at": "a" * (checks.MAX_TEXT_CHARS - 9) + " at gmail",
    "zero width": "a\u200b" * 500_000,
    "combining marks": "a\u0301" * 500_000,
    "cyrillic": "\u0430\u0441\u0435" * 333_334,
    "ligatures": "\ufb01" * 500_000,
    "cjk": "\u4e2d\u6587" * 500_000,
    "emoji": "\U0001f600" * 250_000,
    "roman urdu variants": "kardein pese bahir " * 52_632,
    "clauses": "a, but " * 140_000,
    "question marks": "you? " * 200_000,
    # The nineteenth session's phrases: the fee as a reason, Upwork only at first, an approval
    # still under way, a fee before the work.
    "r19 phrases": (
        "since upwork charges 20%, then directly via wise, our procurement is still approving, "
        "verification ke 500 bhejo phir kaam milega, upwork only for the first contract "
    )
    * 1_000,
    # Review r19 L4's phrases and the rating, account and bank-check wordings beside them.
    "r19 l4 phrases": (
        "upwork ki fees se bachne ke liye baqi paise sadapay pe bhej deta hoon, aap ki email pe "
        "notification aya hoga, payoneer ya bank, kis mein withdraw karte hain aap? return a "
        "third of the fee and the review will be glowing, lauta do to 5 star, verify the bank "
        "transfer with your id at the branch, kya main aap ke account se bids laga sakta hoon "
    )
    * 1_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("text", MEGABYTE.values(), ids=MEGABYTE.keys())
def test_longest_inputs_finish(text):
    """The longest hostile text the checks read is scanned both ways and reviewed."""
    text = text[: checks.MAX_TEXT_CHARS]
    checks.scan_message(text)
    checks.scan_message(text, direction="outgoing")
    checks.review_milestone(text, text)


@pytest.mark.slow
@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_inputs_finish(text):
    """Separator runs, spelled addresses, expanding Unicode: scanned in bounded time and memory."""
    text = text[: checks.MAX_TEXT_CHARS]
    found = checks.scan_message(text)
    assert all(text[f.span[0] : f.span[1]] == f.evidence for f in found)


def test_hostile_input_at_a_smaller_scale():
    """The hostile shapes at 20 kB each run in the default suite (the megabyte ones are slow)."""
    for text in (*MEGABYTE.values(), *ADVERSARIAL.values()):
        sample = text[:20_000]
        for direction in Direction:
            found = checks.scan_message(sample, direction=direction)
            assert all(sample[f.span[0] : f.span[1]] == f.evidence for f in found)


# ============================================================================ the model


def test_model_adds_a_low_confidence_finding_where_the_rules_are_silent():
    """Where no rule fires, the trained model may add a code, with LOW confidence."""
    from upwork_safety.checks._messages import scan_rules_only

    # Without "also", the rules read no added work: the model does ("quickly ... add"). The
    # r29 retraining moved "a blog section" just under the limit, and the r33 retraining "a
    # blog page ... shouldn't take long"; "a page ... shouldn't be much extra" is over it.
    text = "Can you just quickly add a page? Shouldn't be much extra."
    assert [] == scan_rules_only(text)
    (finding,) = checks.scan_message(text)
    assert FindingCode.SCOPE_CREEP is finding.code
    assert Confidence.LOW is finding.confidence
    start, end = finding.span
    assert text[start:end] == finding.evidence


def test_model_limits_cover_every_message_code():
    """Each message code has a limit strictly between 0 and 1."""
    from upwork_safety.checks._model import LIMITS

    assert {
        "START_BEFORE_FUNDING",
        "OFF_PLATFORM_PAYMENT",
        "OFF_PLATFORM_CONTACT",
        "UPFRONT_FEE",
        "SCOPE_CREEP",
        "REVIEW_BEGGING",
        "ACCOUNT_SHARING",
    } == set(LIMITS)
    assert all(0 < limit < 1 for limit in LIMITS.values())


def test_rules_only_refuses_what_scan_message_refuses():
    """The evaluation's rules-only entry point checks its arguments like scan_message."""
    from upwork_safety.checks._messages import scan_rules_only

    with pytest.raises(InvalidTypeError):
        scan_rules_only(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        scan_rules_only("hi", direction="sideways")


@pytest.mark.parametrize(
    "text",
    [
        "Can you take the images off the platform's CDN and host them locally for speed?",
        "Take the watermark off the platform screenshots in the deck, please.",
        "We're moving away from Upwork's old API to the new GraphQL one, can you update it?",
        "Our Discord: bot_token must go in the env file, never in the repo.",
        "Finish the landing page and then we can talk about the next milestone.",
        "Finish the header and then we will discuss the next milestone on Monday.",
        "Design the logo, then I'll release the payment for milestone 1 once approved.",
    ],
)
def test_the_sixth_batchs_rules_leave_ordinary_work_talk_alone(text):
    """Second review: the rules widened for the sixth batch flagged these, at HIGH confidence.

    Moving off Upwork is said of the talk or the work ("this", "the chat"),
    not of a thing; a handle after "our" or "the" app is the product's; and
    "then submit / release / the next milestone" is the funded order.
    """
    assert [] == checks.scan_message(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Let's continue outside Upwork.", FindingCode.OFF_PLATFORM_CONTACT),
        ("Let's take this off Upwork.", FindingCode.OFF_PLATFORM_CONTACT),
        ("Can we move this conversation off Upwork?", FindingCode.OFF_PLATFORM_CONTACT),
        ("My skype: john.doe55", FindingCode.OFF_PLATFORM_CONTACT),
        ("Finish the app and then I'll fund the milestone.", FindingCode.START_BEFORE_FUNDING),
    ],
)
def test_the_sixth_batchs_wordings_are_still_caught(text, code):
    """The wordings the sixth batch was tuned for stay caught after the narrowing."""
    assert [code] == [f.code for f in checks.scan_message(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I transferred the payment with my father's card on Upwork, hope that's fine.",
        "The amount with my family discount is already in the milestone.",
        "The payment to your friend's agency was a mistake, please ignore my last message.",
        "Cousin ki zariye reference mila, please proposal bhejein.",
        "I'll send the payment to my brother through Upwork, he's the one with the agency account.",
        # Red team r9c: the writer's own remittance home is no payment route.
        "Please approve it this week so I can send the money to my family before Eid.",
        "We send money to my family in Multan every month once Upwork pays out.",
    ],
)
def test_a_relative_near_money_is_not_a_payment_method_by_itself(text):
    """Ninth review: the eleventh batch's relative wording flagged these, by the rules alone.

    Money goes through a relative only when it is handed "to" or "through"
    the person (not "with my father's card", not "your friend's agency"), and
    in Roman Urdu only when a money word stands by "ke account / zariye /
    haath"; a payment the sentence still sends through Upwork stays there.
    """
    assert [] == scan_rules_only(text)
    assert [] == checks.scan_message(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll give the money to your brother in Islamabad, he can pass it on to you.",
        "Main paise aap ke bhai ke account mein bhej deta hoon, woh aap ko de dega.",
        # Red team r9c: a refusal after "Upwork pe" does not keep the money on Upwork.
        "Paise mere dost ke haath bhej doon, Upwork pe mat daalo yeh kaam.",
        "Baqi raqam tumhare bhai ke account mein de dunga, Upwork pe nahin.",
    ],
)
def test_money_handed_to_a_relative_is_still_off_platform_payment(text):
    """The wording the eleventh batch was tuned for stays caught after the narrowing."""
    assert [FindingCode.OFF_PLATFORM_PAYMENT] == [f.code for f in scan_rules_only(text)]
    assert [FindingCode.OFF_PLATFORM_PAYMENT] == [f.code for f in checks.scan_message(text)]


# ============================================================ the twelfth batch's rule families

_C, _P = FindingCode.OFF_PLATFORM_CONTACT, FindingCode.OFF_PLATFORM_PAYMENT
_S, _U = FindingCode.START_BEFORE_FUNDING, FindingCode.UPFRONT_FEE
_K, _R = FindingCode.SCOPE_CREEP, FindingCode.REVIEW_BEGGING


@pytest.mark.parametrize(
    ("text", "direction", "codes"),
    [
        # chat misspellings of WhatsApp are read as the app
        ("Whtsapp me tonight, I'm there.", "incoming", [_C]),
        # a Pakistani mobile number without its 0, every digit spaced out
        ("Number hai 3 2 1 - 4 4 4 - 5 6 7 8", "incoming", [_C]),
        # an app named by its initial, and LINE where someone is to be reached on it
        ("Ping me on the W app, same name as here.", "incoming", [_C]),
        ("Message me on Line, I'm there all day.", "incoming", [_C]),
        # "where else" / "any other way" to talk
        ("Is there any other way to reach you?", "incoming", [_C]),
        # WeChat Pay and Alipay are payment methods, not chats
        ("Can I send the money by Alipay instead?", "incoming", [_P]),
        # another way to pay, with Upwork not named as that way
        ("Any other way I can pay you? My card keeps failing.", "incoming", [_P]),
        # Upwork kept only for a start
        ("We'll use Upwork only for this first job, then I'll pay you directly.", "incoming", [_P]),
        # told not to wait for the funding
        ("No need to wait for the offer, start the logo today.", "incoming", [_S]),
        ("Contract ka intezar na karein, design shuru kar dein.", "incoming", [_S]),
        # informal verbs of doing the work, and a purchase order not yet through
        (
            "Can you crank out the first banner tonight? Our purchase order is pending.",
            "incoming",
            [_S],
        ),
        # the trial as a contest
        (
            "Sample task: design 2 logo concepts (unpaid). Best designer wins the project.",
            "incoming",
            [_S],
        ),
        # hiring only once the work is finished
        ("We'll make the hire official once you complete the first module.", "incoming", [_S]),
        # crypto to activate an account, a device to buy, a named fee's payment explained
        ("Unlock your task account with 40 USDT to get tasks.", "incoming", [_U]),
        ("Buy an iPad from our partner store, we reimburse it next month.", "incoming", [_U]),
        ("I'll share the verification fee details with you tomorrow.", "incoming", [_U]),
        # gift cards the reader is told to buy are a purchase, not a payment to them
        (
            "Please get three Apple gift cards for the demo, we reimburse you Friday.",
            "incoming",
            [_U],
        ),
        # the same work on another platform, and resizing or cropping as new work
        ("We also need it on iPad, same budget.", "incoming", [_K]),
        ("Also crop the banner images for mobile, shouldn't take long.", "incoming", [_K]),
        # ratings: a bare swap, a Roman-Urdu bad review with its condition after, a share back
        ("You rate me 5, I rate you 5.", "incoming", [_R]),
        ("Feedback bura dunga agar paise wapas nahi kiye.", "incoming", [_R]),
        ("Send me 20% back and I'll leave you a 5 star review.", "incoming", [_R]),
        ("Please rate everything as outstanding when you close the contract.", "outgoing", [_R]),
    ],
)
def test_the_twelfth_batchs_rule_families_are_found_by_the_rules(text, direction, codes):
    """Each rule family the twelfth batch led to, in words of its own (not the batch's)."""
    assert codes == [f.code for f in scan_rules_only(text, direction=direction)]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Our whtsapp button in the footer is broken on mobile.", "incoming"),
        ("Order 3001234567 failed at checkout, please check the logs.", "incoming"),
        ("The order number 3001234567 shows twice in the report.", "incoming"),
        ("The T app icon needs more contrast in dark mode.", "incoming"),
        ("There's a crash on line 48 of the parser, can you look?", "incoming"),
        ("Where else should the banner appear besides the header?", "incoming"),
        ("Add Alipay and WeChat Pay to the booking form's payment options.", "incoming"),
        ("Is there another way to pay through Upwork? My card was declined.", "incoming"),
        ("We pay only through Upwork, for the first contract and every one after it.", "incoming"),
        ("Don't wait for my reply on the colours; the milestone is funded.", "incoming"),
        ("Our PO has cleared and the milestone is funded, please start.", "incoming"),
        (
            "Paise Upwork pe milestone mein hain, aap contract close kar do jab approve ho.",
            "incoming",
        ),
        ("I'll end the contract once the last milestone is approved.", "incoming"),
        ("Once you finish module 1 I'll approve the milestone and fund the next one.", "incoming"),
        ("Activate the dark mode toggle on the crypto dashboard.", "incoming"),
        ("I'll buy the iPad for testing myself.", "incoming"),
        ("The registration fee details page needs a new layout.", "incoming"),
        ("We need the Android version too; please quote it as a new milestone.", "incoming"),
        ("Resize the product photos as well, I'll add $20 to the milestone for that.", "incoming"),
        ("Review kharab nahi dunga, tension na lo.", "incoming"),
        ("Mark the milestone as complete once you've checked it.", "outgoing"),
        ("Agar koi client Telegram maange to mana kar dena.", "incoming"),
        ("Write an article comparing Payoneer and Wise for freelancers, 1200 words.", "incoming"),
        ("Please put our WhatsApp handle @ammi.kitchen on the menu card design.", "incoming"),
    ],
)
def test_the_twelfth_batchs_rule_families_leave_their_innocent_neighbours_alone(text, direction):
    """The same families' innocent neighbours: a product, a bug's line, Upwork itself, a refusal."""
    assert [] == scan_rules_only(text, direction=direction)
    assert [] == checks.scan_message(text, direction=direction)


# ================================================ the twelfth batch's families, narrowed (review)

_NARROWED_CAUGHT = [
    # "don't wait for the milestone": the funding is the whole object, a start is asked for
    ("Don't wait for the milestone, just start.", "incoming", [_S]),
    ("Don't hold off for escrow, begin the designs today.", "incoming", [_S]),
    ("Start now, forget about the milestone for the moment.", "incoming", [_S]),
    ("Milestone ka wait mat karo, kaam shuru karo.", "incoming", [_S]),
    # another way to pay: money as the object, Upwork not the way
    ("My card isn't working, how else can I get the money to you?", "incoming", [_P]),
    ("Is there another route for the funds besides this site?", "incoming", [_P]),
    ("Is there another way to pay you? Upwork takes 10%.", "incoming", [_P]),
    # a spaced-out mobile number in a sentence about reaching someone
    ("contact: 3 0 0 / 8 1 2 / 3 4 5 6", "incoming", [_C]),
    ("reach me at 300 812 3456 after 6pm", "incoming", [_C]),
    ("Reference number for you: 3001234567, call it tonight.", "incoming", [_C]),
    # a mobile number disguised in letters or spelled out (newcomer r16 #4)
    ("my whatsapp is zero three zero zero one two three four five six seven", "incoming", [_C]),
    ("my whatsapp is O3OO12345G7", "incoming", [_C]),
    ("Text me: 0 3 4 5 i 2 3 4 5 6 7", "incoming", [_C]),
    ("mera number zero three three one two two two three three four four hai", "incoming", [_C]),
    # content sent or paid for over a channel is not a content brief
    ("Send the video on WhatsApp please, Upwork compresses it.", "incoming", [_C]),
    ("I'll pay for the articles on PayPal, less hassle than Upwork.", "incoming", [_P]),
    ("For the video: I'll send your fee by Payoneer directly.", "incoming", [_P]),
    # a fee's button or option the reader is told to click
    (
        "Click the 'Pay activation fee' button in our portal to begin your training.",
        "incoming",
        [_U],
    ),
    ("Choose the $50 security deposit option in the onboarding link to start.", "incoming", [_U]),
    # only gift cards and crypto are bought; a bank or JazzCash is a way to be paid
    ("Grab the payment by bank transfer, it's faster than Upwork.", "incoming", [_P]),
    (
        "Buy 4 Razer Gold cards for the client's testing, the company reimburses on Friday.",
        "incoming",
        [_U],
    ),
    # a handle on a design clears the app only when the app's detail is placed
    ("I'll send my notes on the packaging over Telegram tonight.", "incoming", [_C]),
    ("Let's discuss the changes to the mockup on WhatsApp, it's quicker.", "incoming", [_C]),
    # the T app and LINE where someone is reached on them
    ("Let's continue on the T-app, same name as here.", "incoming", [_C]),
    ("Can you contact me over LINE tonight?", "incoming", [_C]),
    # the feedback itself marked at the top
    ("When you close the contract, please select 'Exceptional' for everything.", "outgoing", [_R]),
    # crypto that unlocks the reader's own account
    ("Reactivate your worker profile with a 50 USDT top-up.", "incoming", [_U]),
    ("Send 15 tether to enable withdrawals on your earnings page.", "incoming", [_U]),
    # a phone wallet with the reader paid
    ("Do you have Samsung Pay? I'll settle the last part there.", "incoming", [_P]),
    ("Can I send the money by Alipay instead?", "incoming", [_P]),
    # a candidate wins the contest; talking off Upwork with a person as the object
    ("Free audition round: record 30 seconds, the best voice lands the gig.", "incoming", [_S]),
    ("How else can I reach you if Upwork is down?", "incoming", [_C]),
]


@pytest.mark.parametrize(("text", "direction", "codes"), _NARROWED_CAUGHT)
def test_the_narrowed_families_still_catch_their_risky_wordings(text, direction, codes):
    """Review 10: each narrowed family (and the four exceptions that hid risk) still catches."""
    assert codes == [f.code for f in scan_rules_only(text, direction=direction)]


_NARROWED_QUIET = [
    # digits in letters or words that are data, not a number to reach someone on
    ("Order O3OO12345G7 shipped today, tracking is on the store page.", "incoming"),
    ("The phone field must reject zero three zero zero one two three four five six.", "incoming"),
    ("Count aloud: one two three four five six seven eight nine ten, then go.", "incoming"),
    # spelled digits that are not a Pakistani mobile number (review r16 M2)
    ("Call out the numbers: one two three four five six seven eight nine ten.", "incoming"),
    ("The chorus goes two four six eight one three five seven nine zero, sing it!", "incoming"),
    # "don't wait for" something other than the funding, or the milestone said funded
    ("Don't wait for the milestone, it's funded already, go ahead.", "incoming"),
    ("Don't wait for the milestone approval to send me questions, ask anytime here.", "incoming"),
    ("Don't wait for the contract to end; send the invoice copy now.", "incoming"),
    ("Don't wait for the escrow release notification, I'll approve today.", "incoming"),
    (
        (
            "Don't wait for the offer email; it's already in your Upwork messages, accept it "
            "and then start."
        ),
        "incoming",
    ),
    # another way to send files, to pay a third party, or Upwork named in the answer
    ("Is there any other way to send the files? The upload keeps failing.", "incoming"),
    ("Is there some other way to transfer ownership of the GitHub repo to me?", "incoming"),
    ("Can you suggest another way to pay our suppliers in bulk from the admin panel?", "incoming"),
    (
        "Is there another way to pay? Yes, through Upwork's card option or your Upwork balance.",
        "outgoing",
    ),
    # ten spaced digits as form input, test data or scores; a record's number
    (
        (
            "The phone field should accept a number typed as 3 0 0 1 2 3 4 5 6 7 and add the "
            "leading 0 itself."
        ),
        "incoming",
    ),
    (
        "Column B has scores 3 0 1 2 4 4 5 6 7 8 for the ten players; chart them as bars.",
        "incoming",
    ),
    ("Roll number 3001234567 belongs to a test student; delete it from the database.", "incoming"),
    ("The SKU number 3001234567 appears twice in the product feed.", "incoming"),
    # content briefs about a channel or method
    ("Script for our YouTube video: 'How to open a Telegram channel for your shop'.", "incoming"),
    ("Create slides about JazzCash merchant onboarding for our workshop.", "incoming"),
    # a fee button built or styled
    ("Add a 'Pay registration fee' button to the school website's admissions page.", "incoming"),
    ("Click the 'Pay registration fee' button and check it redirects to Stripe.", "incoming"),
    # a writer's own gift cards for a giveaway
    (
        "I'll buy the gift cards for the giveaway myself; you just design the Instagram post.",
        "incoming",
    ),
    # a business's detail placed on the design
    ("Put our Instagram handle @chai.corner on the cup sleeve artwork.", "incoming"),
    ("Include our Telegram channel link t.me/noorbakes on the brochure back page.", "incoming"),
    # the T app as the client's product; line items, spacing, line by line
    ("Our internal tool is called the T app; can you redesign its login screen?", "incoming"),
    (
        (
            "I've finished the T app screens; could you review them on Upwork and approve the "
            "milestone?"
        ),
        "outgoing",
    ),
    ("Ping me on line items you're unsure about before you send the invoice.", "incoming"),
    ("Could you walk me on line by line through the contract clause in Urdu?", "incoming"),
    # picking the best draft, rating fonts, a Jira priority
    ("Please choose the version you like as the best one and I'll finalise it.", "outgoing"),
    ("Could you mark this ticket as highest priority in Jira?", "outgoing"),
    # crypto in a product, a follow-on contract, feedback on the contract, a tender
    ("Upgrade the WooCommerce plugin for USDT support before launch.", "incoming"),
    ("Please activate the payment gateway with crypto as an option for customers.", "incoming"),
    ("I'll send a new offer for phase 2 once you complete this contract.", "incoming"),
    ("I'll leave feedback on the contract once you deliver the last file.", "incoming"),
    (
        "Write a sample press release for our client: 'Acme wins the contract for Lahore metro'.",
        "incoming",
    ),
    # wallets as a checkout's feature; fee details for a page; a report's POs; a page reached
    ("Can you test whether GPay works on the Android build before you submit?", "incoming"),
    ("Can you add the registration fee details to our school's admissions page?", "incoming"),
    ("Build a report that lists every PO that hasn't cleared for more than 30 days.", "incoming"),
    (
        "Is there some other way to reach the settings page in the app? The menu is broken.",
        "incoming",
    ),
]


@pytest.mark.parametrize(("text", "direction"), _NARROWED_QUIET)
def test_the_narrowed_families_leave_ordinary_work_talk_alone(text, direction):
    """Review 10: the reviewer's innocent messages each narrowed rule used to flag."""
    assert [] == scan_rules_only(text, direction=direction)


# ============================================================================ account sharing


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Can I use your Upwork account? I will give you 30% of every payment.", "incoming"),
        ("Bhai apna Upwork account rent pe de do, 10k monthly dunga", "incoming"),
        ("I want to buy your Top Rated account", "incoming"),
        ("Let me bid from your profile, you get 20%", "incoming"),
        ("Send me your email and password so I can submit proposals", "incoming"),
        ("Please tell me the OTP you received", "incoming"),
        ("verify my account with your CNIC please", "incoming"),
        ("Install AnyDesk and send me the ID so I can check your setup", "incoming"),
        ("I can rent my Upwork account to you for 15k a month", "outgoing"),
        ("Mere account se bid karo, profit 50 50", "incoming"),
        ("Apna account mujhe de do, main chalaunga, aapko 30% milega", "incoming"),
        ("Your Upwork ID is verified? Mujhe chahiye monthly rent pe, 15k fix", "incoming"),
        # Review r15: a back-story in the sentence takes nothing away (H3), and wordings the
        # first rules missed (M3).
        ("My account got suspended, can I use your Upwork account? 30% is yours.", "incoming"),
        ("Bhai mera account band ho gaya, apna Upwork account rent pe de do", "incoming"),
        ("This is not a scam, send me your Upwork email and password", "incoming"),
        ("Share the code Upwork sends you, I will log in from the US.", "incoming"),
        ("OTP aaya hai? wo bata do please, account verify karna hai.", "incoming"),
        ("I need your Upwork account for 3 months, I will pay 20k per month.", "incoming"),
        ("Can you open a new Upwork account with your ID card for me? I'll pay you.", "incoming"),
        ("Main apna account aap ko de dunga, kaam aap karo", "outgoing"),
        ("Here is my Upwork password: abc123, log in and bid on the jobs.", "outgoing"),
        # Review 2 r15: wordings, a request beside a product word, a share for its use.
        ("What's the code Upwork just sent?", "incoming"),
        ("Upwork ne jo code bheja wo jaldi batao.", "incoming"),
        ("Can I have your Upwork account for the summer? I'll pay you.", "incoming"),
        (
            "Give me remote access to your PC with AnyDesk, I'll build the API from there.",
            "incoming",
        ),
        (
            "Mera account suspend ho gaya, ab tumhare account se kaam karna hai, 40% tumhara.",
            "incoming",
        ),
    ],
)
def test_account_sharing_is_found_in_either_direction(text, direction):
    """An account rented, used by another, its keys, a lent identity, remote access."""
    found = checks.scan_message(text, direction=direction)
    (finding,) = [f for f in found if f.code == "ACCOUNT_SHARING"]
    assert Severity.DANGER is finding.severity
    assert Confidence.HIGH is finding.confidence
    assert text[slice(*finding.span)] == finding.evidence
    assert finding.script.startswith(
        "Sorry, I can't share" if direction == "incoming" else "I work only from my own"
    )


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Log in to your Upwork account to accept the offer", "incoming"),
        ("Here are the WordPress admin credentials: user admin, password xyz", "incoming"),
        ("Share your Upwork profile link please", "incoming"),
        ("Never share your Upwork password with anyone", "incoming"),
        ("I will connect to our server via AnyDesk", "incoming"),
        ("Could you give me AnyDesk access to your PC to install the software?", "outgoing"),
        ("My cousin rented his account and got banned", "outgoing"),
        ("I verified my identity yesterday", "outgoing"),
        ("We need an OTP login screen for the app", "incoming"),
        ("Please send me the password for the staging server", "outgoing"),
        ("I invited you to our agency on Upwork", "incoming"),
        ("I'll transfer the payment to your account directly", "incoming"),
        ("Apna Upwork password kisi ko bhi mat dena", "incoming"),
        ("I turned on 2FA on my Upwork account, so logins need a code now.", "outgoing"),
        # Review r15 H2: the reader's own account, with an "I" elsewhere in the sentence.
        ("Log in to your Upwork account and accept the offer I sent.", "incoming"),
        ("Submit the proposal from your profile and I will hire you.", "incoming"),
        ("Aap apne account se apply karo, main hire kar lunga.", "incoming"),
        # Review r15 L1: a product's own accounts and remote support.
        ("We use TeamViewer to support our customers, can you integrate it?", "incoming"),
        ("Build a feature where users can share their account with family members.", "incoming"),
        ("Baqi raqam tumhare bhai ke account mein de dunga, Upwork pe nahin.", "incoming"),
        # Review 2 r15: warnings and reports in another clause, the nearest subject, source
        # code, a bare ID or a profile on another service handed over, the client's own
        # accounts of other services.
        ("Beware, some people will ask to rent your Upwork account for monthly money.", "incoming"),
        (
            "Bhai ek banda keh raha tha apna Upwork account rent pe de do, ye fraud hai na?",
            "outgoing",
        ),
        ("I want you to log in to your Upwork account and accept the contract.", "incoming"),
        ("Once I send the offer, log in to your Upwork account and accept it.", "incoming"),
        (
            "The code you got from the old developer does not compile. Send me the error log.",
            "incoming",
        ),
        ("I'll give you my ID once the contract starts so you can add me to Slack.", "outgoing"),
        ("Let me give you my profile on Behance so you can see more samples.", "outgoing"),
        (
            "Please log in to my account on the hosting panel and renew the SSL certificate.",
            "incoming",
        ),
        ("Please send me the AnyDesk ID of your office computer so I can set it up.", "outgoing"),
    ],
)
def test_account_words_in_ordinary_messages_are_not_account_sharing(text, direction):
    """The work's own logins, one's own account, links, warnings, stories, bank accounts."""
    assert "ACCOUNT_SHARING" not in {f.code for f in checks.scan_message(text, direction=direction)}


@pytest.mark.parametrize(
    "text",
    [
        "I'll leave you five stars if you leave me five stars.",
        "If you give me 5 stars I'll give you 5 stars.",
        "Leave me a 5 star review and I will send you more work.",
    ],
)
def test_a_rating_with_an_offer_is_not_cleared_as_a_bare_request(text):
    """Review r15 H4: the rule clearing a client's bare "leave me 5 stars too" cleared
    swaps and trades worded in ways the rules do not read, which the model caught."""
    assert ["REVIEW_BEGGING"] == [f.code for f in checks.scan_message(text)]
    assert [] == checks.scan_message("Please leave me 5 stars too, haha")


def test_a_condition_that_something_runs_is_not_payment_after_delivery():
    """Review r15 L2: "when the payroll runs" read as work delivered before payment."""
    assert [] == checks.scan_message("We pay our staff when the payroll runs on Friday.")
    (found,) = checks.scan_message("Start now, I will pay after I test it on my server.")
    assert "START_BEFORE_FUNDING" == found.code


# Newcomer r18: a client funding first, told DANGER; four common Pakistani wordings missed.
R18_QUIET = [
    "Once you accept, I'll fund milestone 1 and you can start.",
    (
        "Upwork protects both of us through escrow, so please don't worry - once you accept, "
        "I'll fund milestone 1 and you can start."
    ),
    "Please accept the offer; I'll fund milestone 1 right after and you can begin.",
    "I'll fund the milestone today and you can start tomorrow.",
    "I can pay you directly via an Upwork bonus if you finish early.",
    "We can pay you directly as a bonus on Upwork.",
    "Upwork asked me to verify my profile with my ID, it took a day.",
    # Accounts on other tools, and numbers that are not sums (review r18 #4, #5).
    "Make an account with your details on Figma so I can share the file.",
    "Create a profile with your name on our Slack workspace.",
    "Registration ke 3 steps hain, pehle email verify karein.",
    "As soon as you accept I will fund it and you can get started.",
    "I'll fund the first milestone tomorrow morning and you can begin right after.",
    # Upwork's fee explained, not a reason to leave; the reader's own account (second review
    # r18 #2, #3).
    "Upwork takes 10% so you'll get $450 when you withdraw to your bank.",
    "As Upwork takes 10% we budgeted for it, you can withdraw to your bank after 5 days.",
    "Open an Upwork account with your own name and apply to my job post.",
    "I'll fund the first milestone right after I send the offer and you can begin.",
]
R18_CAUGHT = [
    ("I'll fund it next week and you can start today.", "START_BEFORE_FUNDING"),
    ("I'll fund the milestone later and you can start right now.", "START_BEFORE_FUNDING"),
    (
        "I'll pay you directly to your bank, a bonus on Upwork costs us fees.",
        "OFF_PLATFORM_PAYMENT",
    ),
    ("Registration ke 1500 rupay Easypaisa kar dein phir kaam milega", "UPFRONT_FEE"),
    ("Sir jee kaam mukammal karke bhej dein, payment baad mein ho jayegi", "START_BEFORE_FUNDING"),
    (
        (
            "Hello dear, I am looking for someone to open an Upwork account with his own "
            "details and I will work on it. 10% for you."
        ),
        "ACCOUNT_SHARING",
    ),
    ("Can you verify my Upwork profile using your ID? I'll pay 5000.", "ACCOUNT_SHARING"),
    # A delay between the funding and the start keeps it a start before funding (review r18 #1).
    ("We'll fund after the demo and you can begin the backend.", "START_BEFORE_FUNDING"),
    ("I'll fund once my card clears and you can start the designs.", "START_BEFORE_FUNDING"),
    ("I'll fund it at the end of the month and you can start the design.", "START_BEFORE_FUNDING"),
    ("I'll fund the milestone later and you can begin soon.", "START_BEFORE_FUNDING"),
    (
        "We'll fund the milestone on Friday and you can start on the homepage.",
        "START_BEFORE_FUNDING",
    ),
    # Upwork's fee as the reason, not an Upwork bonus (review r18 #2).
    ("I'll pay you directly to your bank as Upwork charges too much.", "OFF_PLATFORM_PAYMENT"),
    ("We'll pay directly via Wise as Upwork fees are high.", "OFF_PLATFORM_PAYMENT"),
    # Any word but the thing funded may put it off (second review r18 #1).
    ("I'll fund it on the 15th and you can start the wireframes.", "START_BEFORE_FUNDING"),
    ("I'll fund it afterwards and you can start the wireframes.", "START_BEFORE_FUNDING"),
    ("I'll fund it agle hafte and you can start the wireframes.", "START_BEFORE_FUNDING"),
    ("I'll fund it this evening and you can start the wireframes.", "START_BEFORE_FUNDING"),
    # An Upwork account on the reader's name, for the writer's use or a share (#3).
    (
        "Create an Upwork profile under your name and I will bid from it, 30% is yours.",
        "ACCOUNT_SHARING",
    ),
    ("Apne naam pe Upwork account bana do, kaam main karunga, 20% aap ka.", "ACCOUNT_SHARING"),
]


@pytest.mark.parametrize("text", R18_QUIET)
def test_r18_funding_first_and_upwork_bonuses_are_quiet(text):
    """The funding first and the start joined to it; "directly" as an Upwork bonus."""
    assert [] == scan_rules_only(text)
    assert [] == scan(text)


@pytest.mark.parametrize(("text", "code"), R18_CAUGHT)
def test_r18_wordings_are_caught_by_the_rules(text, code):
    """Each is found by the rules alone, at HIGH confidence, and only that code."""
    (finding,) = scan_rules_only(text)
    assert code == finding.code
    assert Confidence.HIGH is finding.confidence
    assert [code] == scan(text)


#: The nineteenth session's misses, caught by the rules: a payment off Upwork because of its
#: fee, Upwork kept only for a start, a fee before the work is given (Roman Urdu), an approval
#: still under way while the work is asked for.  Each with its code and evidence span.
R19_CAUGHT = [
    ("Can I pay you directly since Upwork charges 20%?", "OFF_PLATFORM_PAYMENT", (14, 43)),
    ("Upwork takes 10%, let's use Wise instead.", "OFF_PLATFORM_PAYMENT", (0, 32)),
    (
        "Let's do the payment directly in cash as upwork takes 10 percent.",
        "OFF_PLATFORM_PAYMENT",
        (30, 53),
    ),
    ("Pay you directly by bank transfer as upwork is slow.", "OFF_PLATFORM_PAYMENT", (0, 24)),
    (
        "Because of Upwork's fee I'd rather send the money to your Payoneer directly.",
        "OFF_PLATFORM_PAYMENT",
        (0, 66),
    ),
    ("Upwork only for the first contract, then directly.", "OFF_PLATFORM_PAYMENT", (20, 49)),
    (
        "Pehla contract Upwork pe, uske baad payment Easypaisa pe.",
        "OFF_PLATFORM_PAYMENT",
        (0, 53),
    ),
    ("Verification ke 500 bhejo phir kaam milega.", "UPFRONT_FEE", (0, 25)),
    ("Training ke 3000 rupay bhej do, uske baad aap ko tasks milenge.", "UPFRONT_FEE", (0, 22)),
    ("I'll send you instructions for the joining fee tonight.", "UPFRONT_FEE", (35, 46)),
    (
        "Start the design, our procurement is still approving the vendor.",
        "START_BEFORE_FUNDING",
        (0, 52),
    ),
    (
        "Kindly begin now; invoice approval takes two weeks at our company.",
        "START_BEFORE_FUNDING",
        (7, 50),
    ),
    ("The hire goes through once the app is up and running.", "START_BEFORE_FUNDING", (4, 52)),
]
#: Their innocent neighbours: Upwork's fee as a neutral fact, later work kept on Upwork, a
#: fee the writer pays, an approval done before the start.
R19_QUIET = [
    "Since Upwork takes 10%, I've added it to the budget so you get the full amount.",
    "Because of Upwork's fee, I rounded the bonus up to $60.",
    "Upwork takes 10%, so you'll receive $450 when you withdraw to your bank.",
    "Since Upwork charges 5%, can you send me the final invoice through Upwork?",
    "Upwork takes 10%, let's keep the price at $500 anyway.",
    "First contract on Upwork, then we'll see about a longer one.",
    "Pehla kaam Upwork pe, uske baad agla contract bhi Upwork pe.",
    "Use wise judgement on the colours.",
    "Pay you on Friday through Upwork as usual.",
    "Upwork ki verification complete kar lein, phir kaam milega.",
    "Training ke 3000 rupay company degi, uske baad kaam milega.",
    "Instructions for the onboarding are attached, then you'll get your first task.",
    "Our finance team is still approving the budget, so please don't start yet.",
    "Procurement approved you as a vendor and the milestone is funded, please start.",
]


@pytest.mark.parametrize(("text", "code", "span"), R19_CAUGHT)
def test_r19_wordings_are_caught_by_the_rules(text, code, span):
    """Each is found by the rules alone, at HIGH confidence, with its evidence span."""
    (finding,) = scan_rules_only(text)
    assert code == finding.code
    assert span == finding.span
    assert Confidence.HIGH is finding.confidence
    assert [code] == scan(text)


@pytest.mark.parametrize("text", R19_QUIET)
def test_r19_neighbours_are_quiet(text):
    """The fee as a fact, Upwork kept for later work, a fee paid by the writer: nothing found."""
    assert [] == scan_rules_only(text)


#: Review r19 L4 (new wordings, not the review's own): Upwork's fee avoided in Roman Urdu
#: word order ("fees se bachne"), with a method, "direct" or a bank.
R19_L4_CAUGHT = [
    (
        "Upwork ki fees se bachne ka aasan tareeqa hai, agla installment Raast pe kar deta hoon.",
        (10, 24),
    ),
    ("Upwork ki fees se bachne ke liye is dafa payment direct karte hain.", (41, 55)),
    ("Upwork ki fees se bachna hai to invoice ki raqam bank mein le lena.", (32, 58)),
]
#: Their neighbours: a withdrawal asked about (the fee in the next sentence), Upwork's own
#: notices that reached the reader's e-mail, a withdrawal planned to save on its charges.
R19_L4_QUIET = [
    "Payoneer ya bank, kis mein withdraw karte hain aap? Fees ka farq dekh raha tha.",
    "Proposal accept ho gaya, aap ki email pe confirmation aayi hogi.",
    "Upwork ne aap ki email par invite bheja hoga, wahan se join kar lein.",
    "Upwork ki fees se bachne ke liye main Payoneer se mahine mein ek dafa withdraw karta hoon.",
]


@pytest.mark.parametrize(("text", "span"), R19_L4_CAUGHT)
def test_r19_l4_roman_urdu_fee_avoidance_is_an_off_platform_payment(text, span):
    """Review r19 L4: "fees se bachne" with a way to pay is found at HIGH, with its span."""
    (finding,) = scan_rules_only(text)
    assert "OFF_PLATFORM_PAYMENT" == finding.code
    assert span == finding.span
    assert Confidence.HIGH is finding.confidence


@pytest.mark.parametrize("text", R19_L4_QUIET)
def test_r19_l4_withdrawals_and_upwork_notices_are_quiet(text):
    """Review r19 L4: a withdrawal question and a notice in the reader's e-mail find nothing."""
    assert [] == scan_rules_only(text)


def test_r19_l4_a_payment_offered_because_withdrawing_is_slow_is_still_found():
    """A withdrawal named as the reason to pay another way is no withdrawal question."""
    text = "Withdrawals from Upwork are slow, so I'll send the rest to your JazzCash."
    (finding,) = scan_rules_only(text)
    assert ("OFF_PLATFORM_PAYMENT", (42, 72)) == (finding.code, finding.span)


#: Ratings traded for money back (new wordings, beside the dev set's misses): a share of
#: the fee returned, "top marks", the rating as it will read, Roman Urdu "... kar dein to".
RATING_FOR_MONEY_BACK = [
    ("Give back 10% and the feedback will be excellent.", (0, 48)),
    ("Refund a quarter of the milestone and I'll rate you top marks.", (0, 61)),
    ("Aadhe paise lauta dein to rating achi dunga.", (12, 37)),
    ("20% wapas kar dein to 5 star feedback pakka.", (4, 28)),
]
#: Their neighbours: a glowing review for work done, money returned with no rating asked,
#: a rating for a change of the work (no money back).
RATING_WITHOUT_A_TRADE = [
    "Thanks, the review will be glowing because you delivered early.",
    "Main paise lauta deta hoon, aap ko review dena zaroori nahi.",
    "Logo ka rang theek kar do to 5 star dunga.",
]


@pytest.mark.parametrize(("text", "span"), RATING_FOR_MONEY_BACK)
def test_a_rating_offered_for_money_back_is_review_begging(text, span):
    """The rating is the price of a refund or share returned: found at HIGH, with its span."""
    (finding,) = scan_rules_only(text)
    assert "REVIEW_BEGGING" == finding.code
    assert span == finding.span
    assert Confidence.HIGH is finding.confidence


@pytest.mark.parametrize("text", RATING_WITHOUT_A_TRADE)
def test_a_rating_with_no_money_back_asked_is_quiet(text):
    """Thanks, an unconditioned refund, or work asked for are no rating trade."""
    assert [] == scan_rules_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "Verify the wire transfer at the branch with your passport.",
        "Bank transfer ka receipt teller se check karwa lein, apna CNIC saath le jayein.",
    ],
)
def test_a_transfer_checked_at_the_bank_is_no_off_platform_payment(text):
    """A transfer the reader checks at the branch or with an ID is no way to be paid."""
    assert [] == scan_rules_only(text)


def test_a_payment_offered_beside_an_id_check_is_still_found():
    """An ID check beside "I'll pay via bank transfer" leaves the payment found."""
    (finding,) = scan_rules_only("Confirm your CNIC and I'll pay via bank transfer.")
    assert ("OFF_PLATFORM_PAYMENT", (27, 39)) == (finding.code, finding.span)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("My account is on hold, so can I run a few contracts from your Upwork profile?", (57, 76)),
        (
            "Kya hum aap ke account se proposals bhej sakte hain? Mera abhi verify nahi hua.",
            (8, 22),
        ),
    ],
)
def test_work_run_from_the_readers_account_is_account_sharing(text, span):
    """ "Run ... from your Upwork profile" and Roman Urdu's subject before the account are found."""
    (finding,) = scan_rules_only(text)
    assert ("ACCOUNT_SHARING", span) == (finding.code, finding.span)


@pytest.mark.parametrize(
    "text",
    [
        "Please run the report from your Upwork account settings page.",
        "Aap apne account se proposal bhej dein, main job post kar chuka hoon.",
        "Can you run the migration from your own account on the server?",
    ],
)
def test_the_readers_own_account_used_by_the_reader_is_quiet(text):
    """The reader running or sending from their own account is no sharing."""
    assert [] == scan_rules_only(text)
