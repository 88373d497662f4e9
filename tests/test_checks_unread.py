"""UNREAD_SCRIPT: a message the scanner could not read is not reported as safe (newcomer r17 M2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import checks
from upwork_safety.checks import Confidence, FindingCode, Severity
from upwork_safety.checks._messages import scan_rules_only

URDU_START_FIRST = "پہلے کام شروع کریں، پیسے بعد میں دوں گا"  # start first, I'll pay later


@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
def test_a_message_in_urdu_script_is_said_to_be_unread(direction):
    """Before: no finding at all, so a bot answered "no risks" to an Urdu-script scam."""
    (found,) = checks.scan_message(URDU_START_FIRST, direction=direction)
    assert found.code is FindingCode.UNREAD_SCRIPT
    assert (found.severity, found.confidence) == (Severity.INFO, Confidence.HIGH)
    assert found.evidence == URDU_START_FIRST
    assert found.span == (0, len(URDU_START_FIRST))
    assert "Urdu or Arabic script" in found.message
    assert ("this message" if direction == "incoming" else "your message") in found.message
    assert bool(found.script) is (direction == "incoming")


def test_the_evidence_is_the_part_not_read_beside_the_findings_of_the_rest():
    """A mixed message: the English part is read, the Urdu part is named as unread."""
    text = "Add me on WhatsApp +92 300 1234567. شکریہ بھائی"
    found = checks.scan_message(text)
    assert [f.code for f in found] == [FindingCode.OFF_PLATFORM_CONTACT, FindingCode.UNREAD_SCRIPT]
    unread = found[1]
    assert unread.evidence == "شکریہ بھائی"
    assert text[unread.span[0] : unread.span[1]] == unread.evidence
    assert scan_rules_only(text)[-1].code is FindingCode.UNREAD_SCRIPT


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("नमस्ते भाई, काम शुरू करो", "Devanagari"),
        ("Το έργο ξεκινά τώρα", "Greek"),
        ("Привет друг", "Cyrillic"),
        ("先做工作然后付款", "Chinese or Japanese"),
    ],
)
def test_other_scripts_are_named(text, script):
    (found,) = checks.scan_message(text)
    assert found.code is FindingCode.UNREAD_SCRIPT
    assert f"in {script} script" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "The error is below 0.5σ and μ = 3",  # three Greek letters: not a word
        "Find the MLE of θ, then the posterior of λ given μ and σ²",  # review r17 M1
        "The Prophet ﷺ said it; ﷲ is great",  # one symbol each, spelled out by NFKC (r17 L1)
        "Café, naïve, Ærø and Łódź are Latin",
        "Add me on WhatsАpp",  # a Cyrillic А folded to Latin: read, not unread
        "ＷｈａｔｓＡｐｐ me",  # full-width Latin letters are Latin
        "𝐖𝐡𝐚𝐭𝐬𝐀𝐩𝐩 me",  # so are mathematical ones
        "Great work 👍🎉",
        "Bhai payment bahar kar dein",
    ],
)
def test_latin_look_alikes_formulas_and_emoji_are_not_unread(text):
    assert FindingCode.UNREAD_SCRIPT not in {f.code for f in checks.scan_message(text)}


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
def test_property_ascii_text_is_always_read(text):
    assert FindingCode.UNREAD_SCRIPT not in {f.code for f in checks.scan_message(text)}


@given(
    st.text(max_size=60),
    st.text(alphabet="ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے", min_size=4, max_size=30),
    st.text(max_size=60),
)
def test_property_four_urdu_letters_anywhere_are_reported_with_their_span(before, urdu, after):
    text = f"{before} {urdu} {after}"
    found = [f for f in checks.scan_message(text) if f.code is FindingCode.UNREAD_SCRIPT]
    assert len(found) == 1
    start, end = found[0].span
    assert text[start:end] == found[0].evidence
    assert urdu in found[0].evidence


def test_the_evidence_is_only_the_words_not_read():
    """Review r17 M1: the evidence ran from the first unread letter to the last, English between."""
    text = "شکریہ بھائی, please start the design now and send it by Friday. اللہ حافظ"
    (found,) = [f for f in checks.scan_message(text) if f.code is FindingCode.UNREAD_SCRIPT]
    assert found.evidence == "شکریہ بھائی"
    assert found.span == (0, len("شکریہ بھائی"))
