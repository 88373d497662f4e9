"""Wrapped lines (red team r31, hostile 2): a line break inside a request hid it.

A line break between two words, with no punctuation at it and a small letter
after it, may end a sentence or wrap one ("Send me your bank" / "account
details").  The scanner reads such a message both ways: line by line as before,
and with those lines joined, where a code only the joined words find is kept.
The neighbours (two separate lines, a list, a signature block, a capital after
a small letter) stay as they were.
"""

import pytest

from _scanner import OPP
from _scanner import scanned_codes as _codes
from upwork_safety import checks
from upwork_safety.checks import Confidence
from upwork_safety.checks._messages import scan_rules_only
from upwork_safety.checks._normalise import normalise

SENTENCE = "I will pay you via PayPal outside Upwork to save the fee"


@pytest.mark.parametrize(
    ("text", "direction", "evidence"),
    [
        ("Send me your bank\naccount details", "incoming", "bank\naccount"),
        ("I will pay\nyou via PayPal", "incoming", "pay\nyou via PayPal"),
        ("I will pay\r\nyou via PayPal", "incoming", "pay\r\nyou via PayPal"),
        ("i will pay\nyou via paypal", "incoming", "pay\nyou via paypal"),
        ("I WILL PAY\nYOU VIA PAYPAL", "incoming", "PAY\nYOU VIA PAYPAL"),
        ("I can send you my bank\naccount details for the payment", "outgoing", "bank\naccount"),
    ],
)
def test_a_request_wrapped_over_two_lines_is_read_as_one(
    text: str, direction: str, evidence: str
) -> None:
    """Each of these found nothing: neither line alone holds the request."""
    (found,) = scan_rules_only(text, direction=direction)
    assert found.code is OPP
    assert found.confidence is Confidence.HIGH
    assert found.evidence == evidence
    assert text[found.span[0] : found.span[1]] == evidence


@pytest.mark.parametrize("gap", ["\n", "\r\n", "\t\r"])
def test_a_request_with_every_space_a_line_break_is_still_read(gap: str) -> None:
    text = SENTENCE.replace(" ", gap)
    (found,) = checks.scan_message(text)
    assert found.code is OPP
    assert found.evidence == gap.join(["pay", "you", "via", "PayPal"])
    assert len(normalise(text).wrapped) == 4  # before "will", "pay", "you" and "the"


@pytest.mark.parametrize(
    "text",
    [
        # a capital after a small letter starts a line of its own
        "Thanks for the update\nI will pay the milestone on Friday",
        (
            "Please send the progress update by Friday\nMere pichle designer ne Payoneer pe "
            "paise maange the, isi liye ab sirf Upwork pe kaam karwata hoon"
        ),
        (
            "We'll pay via Upwork as usual, the milestone is funded\nCan you test whether GPay "
            "works on the Android build before you submit?"
        ),
        # lists
        "Deliverables\npayment page\nbank account form\nPayPal checkout",
        "Pages to build\nlogin\nbank account settings\ncheckout with PayPal",
        "Tasks\n1. login page\n2. bank account form",
        "Team\nour accountant pays suppliers by bank transfer\nwe need an invoicing tool",
        # signature blocks
        "Looking forward to working with you\nBest regards\nAhmed Khan\nPayments team",
        "Regards\nSara\nsent from my iPhone",
        # joined, the sentence is still a warning, or kept on Upwork
        "Never share your bank\naccount details with clients",
        "I will pay\nyou through Upwork as always",
    ],
)
def test_separate_lines_lists_and_signatures_stay_apart(text: str) -> None:
    assert _codes(text) == set()


def test_a_code_found_line_by_line_keeps_its_evidence() -> None:
    """The joined reading only adds a code the lines do not find one by one (review r23 H1)."""
    text = "Forget the Upwork fee\nI will pay you through Payoneer"
    (found,) = checks.scan_message(text)
    assert (found.code, found.evidence) == (OPP, "pay you through Payoneer")
    assert normalise(text).wrapped == ()  # "I" after "fee": a line of its own


def test_the_wrapped_breaks_are_known_and_read_as_sentence_ends_first() -> None:
    text = "Send me your bank\naccount details\n\nthanks"
    first = normalise(text)
    assert first.text == "send me your bank\naccount details\nthanks"
    assert first.wrapped == ((17, 18),)  # not the blank line
    joined = normalise(text, join_wrapped=True)
    assert joined.text == "send me your bank account details\nthanks"
    assert joined.wrapped == ((17, 18),)
    assert joined.original_span(14, 26) == (14, 26)  # "bank account"


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("your bank\naccount", ((9, 10),)),
        ("YOUR BANK\nACCOUNT", ((9, 10),)),  # no case used: either
        ("your bank\nAccount", ()),  # a capital after a small letter
        ("your bank.\naccount", ()),  # a full stop ends it
        ("your bank:\naccount", ()),
        ("your bank\n- account", ()),  # a list's dash
        ("your bank\n2 accounts", ()),  # a number
        ("your bank\n\naccount", ()),  # a blank line
        ("pay you\nvia PayPal", ()),  # always inside a sentence: a space already
    ],
)
def test_which_line_breaks_may_wrap_a_sentence(
    text: str, wrapped: tuple[tuple[int, int], ...]
) -> None:
    assert normalise(text).wrapped == wrapped
