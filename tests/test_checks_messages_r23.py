"""The r23 outside check's wording families (red team r23 M1-M6, L1), in our own words.

Each case is a wording the scanner got wrong before this round (checked against
the previous rules); the development set holds their neighbours. The outside
set itself stays with its reviewer.
"""

import pytest

from upwork_safety import checks
from upwork_safety.checks import Confidence, FindingCode
from upwork_safety.checks._normalise import normalise

OPP = "OFF_PLATFORM_PAYMENT"
CONTACT = "OFF_PLATFORM_CONTACT"
SBF = "START_BEFORE_FUNDING"
SCOPE = "SCOPE_CREEP"
REVIEW = "REVIEW_BEGGING"
ACCOUNT = "ACCOUNT_SHARING"


def _codes(text: str, direction: str = "incoming") -> set[str]:
    return {str(f.code) for f in checks.scan_message(text, direction=direction)}


def _finding(text: str, code: str) -> checks.Finding:
    (found,) = [f for f in checks.scan_message(text) if str(f.code) == code]
    assert text[found.span[0] : found.span[1]] == found.evidence
    return found


# ---------------------------------------------------------------- M1: played down elsewhere


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the speedy and quick answer. We also need an invoices screen.",
        "We're a small agency in Lahore. We also need a careers page.",
        "The quick-start guide is attached. We also want a pricing page in phase one.",
        "Thanks for the quick reply. We also need a reports tab, I'll add a $60 milestone for it.",
        "We are a tiny shop. We also need a blog, I'll set up a separate $90 milestone for that.",
        "Hum chhoti si company hain. Humein ek gallery page bhi chahiye, alag milestone bana dunga.",
    ],
)
def test_a_played_down_word_about_something_else_is_no_scope_creep(text):
    """A "quick" or "small" in an earlier sentence about something else does not play down
    the new requirement; extra work with its own priced milestone is not scope creep.

    The rules find nothing (they gave HIGH); the model may still add its LOW guess on
    "small ... also need", which is all that is left.
    """
    from upwork_safety.checks._messages import scan_rules_only

    assert SCOPE not in {str(f.code) for f in scan_rules_only(text, direction="incoming")}
    left = [f for f in checks.scan_message(text) if str(f.code) == SCOPE]
    assert all(f.confidence is Confidence.LOW for f in left)


@pytest.mark.parametrize(
    "text",
    [
        "Please also add a testimonials slider. It's a quick one, won't take you long.",
        "We also need a cookie banner. Just a small thing, ten minutes for you.",
    ],
)
def test_the_extra_played_down_after_it_is_still_scope_creep(text):
    found = _finding(text, SCOPE)
    assert found.confidence is Confidence.HIGH


# ---------------------------------------------------------------- M2: a line break mid-sentence


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("I can send the money\nthrough Wise directly", "send the money\nthrough Wise"),
        ("Can we settle\r\non PayPal instead? No fee that way", "settle\r\non PayPal"),
        ("Bhai paise\nbahar bhej dunga", "paise\nbahar"),
    ],
)
def test_a_line_break_inside_a_sentence_does_not_hide_a_payment(text, evidence):
    found = _finding(text, OPP)
    assert found.code is FindingCode.OFF_PLATFORM_PAYMENT
    assert found.evidence == evidence


def test_a_line_break_after_a_sentence_or_before_a_list_still_ends_the_sentence():
    """A line after a full stop, a "!" or a colon, or a list item, is a sentence of its own;
    case is not read, so upper-casing the message cuts it the same way."""
    assert normalise("Thanks!\nStart today").text == "thanks!\nstart today"
    assert normalise("Tasks:\nLogin page").text == "tasks:\nlogin page"
    assert normalise("Pages\n- Login").text == "pages\n- login"
    assert normalise("I'll pay you\nvia PayPal").text == "i'll pay you via paypal"
    assert normalise("PAY YOU,\r\nVIA PAYPAL").text == "pay you, via paypal"


def test_a_line_break_keeps_the_contact_and_the_payment_apart_from_the_upwork_neighbour():
    assert _codes("I will pay you\nthrough Upwork as always, the milestone is funded") == set()
    assert _codes("Yaar\r\npaise\r\nbahar de dunga, mera number 0333 7654321 hai") == {
        OPP,
        CONTACT,
    }


# ---------------------------------------------------------------- M3: a refund off Upwork


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Refund the $80 to my Payoneer, please.", {OPP}),
        ("Refund $45 via Wise.", {OPP}),
        ("Kindly refund me through JazzCash.", {OPP}),
        ("Refund kar dein Easypaisa pe.", {OPP}),
        ("Refund it by bank transfer, not through Upwork.", {OPP}),
        ("Refund $30 via PayPal and I'll leave you five stars.", {OPP, REVIEW}),
        ("Return $60 to my Payoneer and I'll give you 5 stars.", {OPP, REVIEW}),
    ],
)
def test_a_refund_asked_for_through_a_method_off_upwork(text, codes):
    assert _codes(text) == codes
    assert _finding(text, OPP).confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "Please refund the $80 through Upwork, I've opened the request.",
        "The refund came through Upwork yesterday, thank you.",
        "Refund Upwork ke zariye kar dein.",
    ],
)
def test_a_refund_through_upwork_is_fine(text):
    assert _codes(text) == set()


# ---------------------------------------------------------------- M4: one more thing


@pytest.mark.parametrize(
    "text",
    [
        "One more thing, please also add a blog page, same budget.",
        "Oh, one more thing: please also set up the newsletter, same price.",
        "Ek aur baat, FAQ page bhi bana dein, budget wahi rahega.",
        (
            "Hi Zara, thanks for the first draft, the product cards look lovely and the colours "
            "are exactly what we asked for. We run a small bakery chain and the site has to feel "
            "homely. Oh and one more thing, please also build the catering order form in this "
            "same milestone, for the same price, it is close to the contact form. The photos are "
            "attached to the contract. Thanks again, Hamza"
        ),
    ],
)
def test_one_more_thing_then_more_work_at_the_same_price_is_high_scope_creep(text):
    found = _finding(text, SCOPE)
    assert found.confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "One more thing: the fonts are in the attachment, please use the bold one.",
        "One more thing, I'll add a second milestone for the order form, $150.",
        "One more question, do you work in Figma?",
    ],
)
def test_one_more_thing_without_more_work_is_no_scope_creep(text):
    assert SCOPE not in _codes(text)


# ---------------------------------------------------------------- M5: an OTP login being built


@pytest.mark.parametrize(
    "text",
    [
        "We need OTP based sign in for the delivery app.",
        "Hamari app mein OTP wala login chahiye.",
        "The app needs OTP login by SMS for riders.",
        "Drivers log in with the OTP we text them.",
        "Our portal needs 2FA login via SMS.",
        "Build a verification code login flow for the app.",
    ],
)
def test_an_otp_or_2fa_login_feature_is_no_account_sharing(text):
    assert ACCOUNT not in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Send me the OTP you just got so I can log in to your Upwork.",
        "Mujhe wo OTP bata do jo abhi aapko aaya hai.",
    ],
)
def test_the_code_the_reader_got_is_still_account_sharing(text):
    assert _finding(text, ACCOUNT).confidence is Confidence.HIGH


# ---------------------------------------------------------------- M6: the code sent to your phone


@pytest.mark.parametrize(
    "text",
    [
        "Upwork ne jo code aapke mobile pe bheja hai wo mujhe send kar do.",
        "Upwork ka code jo aapke phone par aaya hai, wo bata dein.",
        "Upwork ne aapke number pe code bheja hoga, mujhe bata do.",
        "Aapke number pe Upwork ka jo code aaya hai, wo share karo.",
    ],
)
def test_the_code_upwork_sent_to_your_phone_is_account_sharing(text):
    assert _codes(text) == {ACCOUNT}
    assert _finding(text, ACCOUNT).confidence is Confidence.HIGH


def test_a_warning_about_the_code_sent_to_your_phone_is_fine():
    assert _codes("Upwork ne aapke phone pe code bheja hoga, wo kisi ko mat batana.") == set()


# ---------------------------------------------------------------- L1: Roman Urdu rating trades


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("4 banner free bana do to 5 star de dunga.", {REVIEW, SCOPE}),
        ("Agar 5 star chahiye to 3 page free bana do.", {REVIEW, SCOPE}),
        ("5 star chahiye to discount de do.", {REVIEW}),
        ("Discount doge to 5 star milenge.", {REVIEW}),
        ("Rate kam karo to achi review dunga.", {REVIEW}),
    ],
)
def test_a_rating_traded_for_free_work_or_a_discount_in_roman_urdu(text, codes):
    assert _codes(text) == codes
    assert _finding(text, REVIEW).confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "5 star de diye hain, agla page alag milestone mein karwa lete hain.",
        "Kaam acha tha, 5 star dunga, discount ki zaroorat nahi.",
    ],
)
def test_a_rating_beside_a_discount_or_paid_work_is_fine(text):
    assert _codes(text) == set()


def test_the_families_are_read_by_the_rules_too():
    """The rules alone, not only the model, read each family (M4 was the model's at LOW)."""
    from upwork_safety.checks._messages import scan_rules_only

    pairs = [
        ("One more thing, please also add a blog page, same budget.", SCOPE),
        ("Refund $45 via Wise.", OPP),
        ("Upwork ne jo code aapke mobile pe bheja hai wo mujhe send kar do.", ACCOUNT),
        ("5 star chahiye to discount de do.", REVIEW),
        ("I can send the money\nthrough Wise directly", OPP),
    ]
    for text, code in pairs:
        assert code in {str(f.code) for f in scan_rules_only(text, direction="incoming")}, text
    assert SBF not in _codes("Refund $45 via Wise.")


# --------------------------------------------------- review r23 (reviewb): line breaks, H1 and M1


@pytest.mark.parametrize(
    "text",
    [
        "Skip the Upwork charges\nI can pay you on Payoneer",
        "Why lose 10% to Upwork\nWe will send payment by Wise",
        "Forget the Upwork fee\nI will pay you through Payoneer",
    ],
)
def test_a_line_ending_a_clause_still_ends_its_sentence(text: str) -> None:
    """Review H1: every line break between two words was read as a space, so a line
    about Upwork's fee ran into the pitch after it and the pitch was read as Upwork's."""
    assert _codes(text) == {OPP}
    assert "\n" in normalise(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Team\nour accountant pays suppliers by bank transfer\nwe need an invoicing tool",
        "Deliverables\nlanding page\ntwo revisions included in the quote",
    ],
)
def test_an_unpunctuated_list_is_not_read_as_one_sentence(text: str) -> None:
    """Review M1: a brief's list without punctuation became one sentence and new false alarms."""
    assert _codes(text) == set()
    assert normalise(text).text.count("\n") == 2


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Payment hum\nbahar karenge", "payment hum bahar karenge"),
        ("Let's talk on\nWhatsApp", "let's talk on whatsapp"),
        ("I'll pay you\nvia PayPal", "i'll pay you via paypal"),
        ("Send it to my\nPayPal", "send it to my paypal"),
    ],
)
def test_a_line_that_cannot_end_or_start_there_runs_on(text: str, joined: str) -> None:
    """What a line break inside a sentence is: after a word a sentence cannot end with,
    or before one it cannot start with (or after a comma)."""
    assert normalise(text).text == joined


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Hamari app mein refund JazzCash pe jata hai, wo feature theek kar dein.", set()),
        ("Hamari website pe Easypaisa ka option lagana hai", set()),
        ("Refund kar do JazzCash pe, kaam pasand nahi aya", {OPP}),
    ],
)
def test_our_apps_refunds_in_roman_urdu_are_the_product(text: str, codes: set[str]) -> None:
    """Review r23 M3: "hamari app" (our app) did not mark a brief about the app's own refunds,
    which the English brief's "our app" does."""
    assert _codes(text) == codes
