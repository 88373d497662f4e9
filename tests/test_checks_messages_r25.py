"""The scanner's four misses carried on the open list since the twenty-third round.

Roman-Urdu requests for the code Upwork sends, said with the code first ("aapke
number pe jo code aya hai wo bhej dein"); the code-request finding's evidence,
which was the code's name ("jo code aya") and is now the asking phrase; more work
called a "small request" in a sentence of its own, which the rules missed and the
model guessed at LOW where the same request played down in its own sentence is
HIGH; and a "small" said of the writer's business ("we are a small team"), read as
the work played down. Each case below gave another answer before this round; the
development set holds their neighbours and an eleventh held-out set was written
before the fix.
"""

import pytest

from _scanner import ACCOUNT, SCOPE
from upwork_safety import checks
from upwork_safety.checks import Confidence, Severity
from upwork_safety.checks._messages import scan_rules_only
from upwork_safety.checks._normalise import normalise


def _only(text: str, direction: str = "incoming") -> checks.Finding:
    """The one finding of *text*, its evidence checked against its span."""
    (found,) = checks.scan_message(text, direction=direction)
    start, end = found.span
    assert text[start:end] == found.evidence
    return found


# ---------------------------------------------------------------- the code asked for


@pytest.mark.parametrize(
    ("text", "evidence", "span"),
    [
        (
            "aapke number pe jo code aya hai wo bhej dein",
            "jo code aya hai wo bhej dein",
            (16, 44),
        ),
        ("aapki email pe code aya hoga, bata dein", "code aya hoga, bata dein", (15, 39)),
        (
            "Bhai aapke phone pe jo code aaya hai woh jaldi send kar dein",
            "jo code aaya hai woh jaldi send kar dein",
            (20, 60),
        ),
        (
            "Tumhare mobile pe abhi OTP aayega, wo mujhe bhej dena",
            "OTP aayega, wo mujhe bhej dena",
            (23, 53),
        ),
        (
            "Send me the code you received on your phone.",
            "Send me the code you received",
            (0, 29),
        ),
    ],
)
def test_a_code_asked_for_shows_the_asking_phrase(text, evidence, span):
    """The evidence is the code and the verb that asks for it, not the code's name alone
    (it was "jo code aya", "code aya", "OTP", "code you received")."""
    found = _only(text)
    assert (found.code, found.severity, found.confidence) == (
        ACCOUNT,
        Severity.DANGER,
        Confidence.HIGH,
    )
    assert (found.evidence, found.span) == (evidence, span)


def test_a_code_asked_for_in_the_next_sentence_shows_that_sentences_ask():
    """ "... code aya hoga. Wo mujhe bata dein": the evidence was the bare "bata"."""
    text = "Aapki email pe ek code aya hoga. Wo mujhe bata dein"
    found = _only(text)
    assert (found.code, found.confidence, found.evidence, found.span) == (
        ACCOUNT,
        Confidence.HIGH,
        "Wo mujhe bata dein",
        (33, 51),
    )


def test_a_code_named_by_the_text_it_came_in_is_a_code_asked_for():
    """ "a text from Upwork with a code ... send it to me" was missed."""
    text = "You'll get a text from Upwork with a code in a minute, send it to me here."
    found = _only(text)
    assert (found.code, found.confidence, found.evidence) == (
        ACCOUNT,
        Confidence.HIGH,
        "text from Upwork with a code in a minute, send it to me here",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Aapke number pe jo code aya hai wo kabhi kisi ko na bhejein",
        "Naya code repo mein daal diya hai, aapke system pe chal jaye to bata dein",
        "The signup page should send a code to the user's email, please check it works.",
    ],
)
def test_a_code_warned_of_or_written_is_not_asked_for(text):
    """The near misses beside the new wordings: a warning, source code, a feature."""
    assert checks.scan_message(text) == []


# ---------------------------------------------------------------- the request called small


@pytest.mark.parametrize(
    ("text", "evidence", "span"),
    [
        ("Small request. Please also add a FAQ page.", "also add", (22, 30)),
        ("Just a small request. Could you also design a thank-you page?", "also design", (32, 43)),
        (
            "Quick favour. Can you also write the alt text for all the images?",
            "also write",
            (22, 32),
        ),
        ("Choti si request hai. Contact page bhi bana dein", "bhi bana", (35, 43)),
    ],
)
def test_more_work_after_a_small_request_is_high(text, evidence, span):
    """ "Small request." before the work plays it down as "quick" in its own sentence does:
    HIGH from the rules (it was the model's LOW guess, or nothing)."""
    found = _only(text)
    assert (found.code, found.severity, found.confidence, found.evidence, found.span) == (
        SCOPE,
        Severity.WARNING,
        Confidence.HIGH,
        evidence,
        span,
    )


def test_a_small_request_is_as_sure_as_the_request_played_down_in_its_own_sentence():
    """The three ways of saying it get one severity and one confidence."""
    found = [
        _only(text)
        for text in (
            "Small request. Please also add a FAQ page.",
            "Quick request: please also add a FAQ page.",
            "Please also add a FAQ page. It's a quick one.",
        )
    ]
    assert {(f.code, f.severity, f.confidence, f.evidence) for f in found} == {
        (SCOPE, Severity.WARNING, Confidence.HIGH, "also add")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Small request. Please send the progress update by Friday.",
        "Small request. Please also add the FAQ page as a new $50 milestone, I'll fund it today.",
        "Thanks for the quick turnaround. We also need the logo in SVG, as listed in the brief.",
    ],
)
def test_a_small_request_for_no_unpaid_work_is_nothing(text):
    """No work added, or the extra given its own milestone ("a new $50 milestone", which
    the paid-for words did not read with its sum), or a "quick" said of something else."""
    assert checks.scan_message(text) == []


# ---------------------------------------------------------------- the writer's small business


@pytest.mark.parametrize(
    "text",
    [
        "We are a small team and also need someone for testing later",
        "I'm a small shop owner and also need help with ads later.",
        (
            "Hello, we are a small team and will also need a tester later, but for now just "
            "the website."
        ),
        "We're a small agency in Lahore. We also need a careers page.",
        "Hum chhoti company hain, aage chal ke marketing ke liye bhi banda chahiye hoga",
    ],
)
def test_a_small_business_introduced_is_no_scope_creep(text):
    """ "Small" said of the writer's business plays no work down: no finding from the rules
    (the second and third were HIGH) nor from the model (the fourth was its LOW guess)."""
    assert scan_rules_only(text) == []
    assert checks.scan_message(text) == []


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        ("We're a small agency in Lahore. We also need a careers page.", True),
        ("We are a small team and also need someone for testing later", True),
        ("We're a small agency. Please also add a careers page, same budget.", False),
        ("We're a small agency. Please also add a quick careers page.", False),
        ("We're a small agency. Small request. Please also add a careers page.", False),
        ("We're a small agency. Can you add one more page?", False),
        ("Please also add a careers page.", False),
    ],
)
def test_only_a_small_business_clears_the_models_guess(text, cleared):
    """The clearing reads "small" of the business alone; a price kept, a word that plays
    the work down, the request called small or more work named leave the code open."""
    from upwork_safety.checks._scope import small_said_of_the_writer

    assert small_said_of_the_writer(normalise(text).text) is cleared


def test_a_small_team_asked_for_more_at_the_same_price_is_still_scope_creep():
    """The introduction takes nothing away from the request after it."""
    found = _only("We are a small team, so please also add the admin panel, it's a quick one.")
    assert (found.code, found.confidence, found.evidence) == (SCOPE, Confidence.HIGH, "also add")
