"""The advice and evidence of a message finding fit its case (newcomer r19 L6, L7)."""

import pytest

from upwork_safety import checks
from upwork_safety.checks import FindingCode


def only(text, code):
    """The one finding of *code* in *text*."""
    found = [f for f in checks.scan_message(text) if f.code == code]
    assert len(found) == 1
    return found[0]


FREE_TRIALS = [
    "Pehle sample bana ke bhejo free mein, agar pasand aya to contract dunga",
    "Can you do a free sample of the landing page first?",
    "We need an unpaid test task before we send any offer.",
    "Please write a sample article so we can see your style before we hire.",
]


@pytest.mark.parametrize("text", FREE_TRIALS)
def test_a_free_sample_gets_a_paid_test_not_a_funding_wait(text):
    """No milestone exists yet: the advice offers a paid test milestone (newcomer r19 L6)."""
    finding = only(text, FindingCode.START_BEFORE_FUNDING)
    assert "paid test milestone" in finding.advice
    assert "without a contract" in finding.advice
    assert "Wait until the milestone shows as funded" not in finding.advice
    assert "paid test milestone" in finding.script
    assert "unpaid samples" in finding.script
    assert finding.advice.endswith(f'Say: "{finding.script}"')


def test_the_free_sample_evidence_is_unchanged():
    finding = only(FREE_TRIALS[0], FindingCode.START_BEFORE_FUNDING)
    assert finding.evidence == "sample bana ke bhejo free mein"
    assert finding.span == (6, 36)


@pytest.mark.parametrize(
    "text",
    [
        "Please start today, I will fund the milestone next week.",
        "Aap kaam shuru karo, paise baad mein de dunga",
        "I'll only pay after I see the finished result.",
    ],
)
def test_funding_put_off_keeps_the_wait_for_funding_advice(text):
    finding = only(text, FindingCode.START_BEFORE_FUNDING)
    assert "Wait until the milestone shows as funded" in finding.advice
    assert "paid test milestone" not in finding.advice


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("2 aur pages add kar do same budget mein", "2 aur pages add kar do same budget mein"),
        ("Aik aur page bhi add kar dein, isi budget mein", None),
        ("Can you add 2 more pages for the same price?", "2 more pages for the same price"),
    ],
)
def test_scope_creep_evidence_reaches_the_price_kept(text, evidence):
    """The words that keep the price are the telling ones (newcomer r19 L6)."""
    finding = only(text, FindingCode.SCOPE_CREEP)
    assert finding.evidence == (evidence or text)
    assert finding.span == (
        text.index(finding.evidence),
        text.index(finding.evidence) + len(finding.evidence),
    )


def test_scope_creep_without_a_price_keeps_its_short_evidence():
    finding = only(
        "While you are at it, add a blog page, it should be quick.", FindingCode.SCOPE_CREEP
    )
    assert finding.evidence == "While you are at it"


UNLIMITED = [
    (
        "Website complete",
        "Make the website as discussed, all changes included",
        "all changes included",
    ),
    ("Logo", "A modern logo, unlimited revisions.", "unlimited revisions"),
    ("Logo", "A modern logo, revisions until I'm satisfied.", "revisions until i'm satisfied"),
    ("App UI", "Screens, as many revisions as needed.", "as many revisions as needed"),
    ("Video edit", "Wedding video, jitni marzi changes karwa sakta hoon.", "jitni marzi changes"),
    ("Brochure", "Company brochure design, har change included hai.", "har change included"),
]


@pytest.mark.parametrize(("title", "description", "said"), UNLIMITED)
def test_a_vague_milestone_names_its_unlimited_revisions(title, description, said):
    """The riskiest words are named in the evidence, message, advice and script (newcomer r19 L7)."""
    [finding] = checks.review_milestone(title, description)
    assert finding.code == FindingCode.VAGUE_MILESTONE
    assert finding.evidence.endswith(f"; unlimited revisions: '{said}'")
    assert f"'{said}' promises unlimited revisions" in finding.message
    assert finding.advice.startswith(f"'{said}' promises unlimited revisions")
    assert f"in place of '{said}'" in finding.advice
    assert f"two rounds of revisions instead of '{said}'" in finding.script
    assert finding.advice.endswith(f'Say: "{finding.script}"')


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Build the website", ""),
        ("Logo", "A modern logo, no unlimited revisions."),
        ("Logo", "Logo for the bakery, all changes must be discussed first."),
    ],
)
def test_a_vague_milestone_without_such_words_keeps_its_advice(title, description):
    [finding] = checks.review_milestone(title, description)
    assert "unlimited" not in finding.evidence
    assert "unlimited" not in finding.advice
    assert finding.script.endswith("and two rounds of revisions.")


def test_a_specific_milestone_stays_specific():
    """The wording is named, not a new reason to call a milestone vague."""
    assert checks.review_milestone("Logo: 3 concepts", "PNG and SVG files, 2 revision rounds") == []


HOSTILE_UNITS = [
    "all changes i ask for are included until i'm fully satisfied jitni marzi changes ",
    "jab tak " * 10,
    "2 aur pages add kar do same budget mein, ",
    "pehle sample bana ke bhejo free mein agar pasand aya to contract dunga ",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_text_of_the_new_phrases_is_read(unit):
    """100,000 characters of the new phrases are scanned and reviewed (linear patterns)."""
    text = (unit * (checks.MAX_TEXT_CHARS // len(unit) + 1))[: checks.MAX_TEXT_CHARS]
    found = checks.scan_message(text)
    assert all(text[f.span[0] : f.span[1]] == f.evidence for f in found)
    assert [f.code for f in checks.review_milestone(text, text)] in (
        [],
        [FindingCode.VAGUE_MILESTONE],
    )


# ============================================================================ r19 scanner2 rules


def codes(text, direction="incoming"):
    return [str(f.code) for f in checks.scan_message(text, direction=direction)]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "Contact me directly on Telegram as Upwork chat is laggy.",
            "Contact me directly on Telegram",
        ),
        ("Upwork chat slow hai, Telegram pe baat karte hain.", None),
        ("Join our Discord server, the invite link is in my bio.", "Join our Discord"),
        ("Discord link bio mein hai, wahan join kar lo.", None),
    ],
)
def test_contact_moved_for_a_slow_chat_or_pointed_to_in_a_bio(text, evidence):
    """Upwork's chat as the reason to leave, a link "in my bio": contact moved off Upwork."""
    found = [f for f in checks.scan_message(text) if f.code == FindingCode.OFF_PLATFORM_CONTACT]
    assert len(found) == 1
    if evidence is not None:
        assert found[0].evidence == evidence


@pytest.mark.parametrize(
    "text",
    [
        "The Shopify store owner will send a staff invite to your email address.",
        "You'll get a GitHub invite at your email, accept it to access the repo.",
        "I've added you to our Shopify store as staff, check your email for the invite.",
        "Upwork chat is laggy today, I'll reply here once it loads.",
        "Add the Discord link to the footer of the website, next to Instagram.",
    ],
)
def test_an_invite_to_your_email_or_a_slow_chat_alone_is_no_contact(text):
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (
            "Mera bank account HBL mein hai, Upwork ki payments wahan withdraw karta hoon.",
            "outgoing",
        ),
        ("My bank account was finally verified on Upwork, so withdrawals work now.", "outgoing"),
        ("Is your bank account in USD or PKR? Just curious how long withdrawals take.", "incoming"),
    ],
)
def test_a_bank_account_named_for_withdrawals_is_no_payment(text, direction):
    assert codes(text, direction) == []


@pytest.mark.parametrize(
    "text",
    [
        "Send me your bank account number, I'll transfer the money directly.",
        "Give me your bank details, you can withdraw later.",
        "Send your bank account in USD, I will pay you directly.",
    ],
)
def test_bank_details_asked_for_stay_off_platform_payment(text):
    assert "OFF_PLATFORM_PAYMENT" in codes(text)


HOSTILE_R19 = [
    "contact me on telegram as upwork chat is laggy and slow ",
    "the invite link is in my bio, link bio mein hai ",
    "they'll send an invite to your email, check your email for the invite ",
    "my bank account is in usd, withdrawals ",
]


@pytest.mark.parametrize("unit", HOSTILE_R19)
def test_hostile_text_of_the_r19_contact_and_account_phrases(unit):
    text = (unit * (checks.MAX_TEXT_CHARS // len(unit) + 1))[: checks.MAX_TEXT_CHARS]
    for direction in ("incoming", "outgoing"):
        found = checks.scan_message(text, direction=direction)
        assert all(text[f.span[0] : f.span[1]] == f.evidence for f in found)
