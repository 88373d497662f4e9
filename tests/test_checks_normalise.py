"""Tests for the scanner's text normalisation and its map back to the original offsets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety.checks._normalise import normalise


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("WhatsApp", "whatsapp"),
        ("ＷｈａｔｓＡｐｐ", "whatsapp"),  # full-width
        ("Wh\u0430ts\u0430pp", "whatsapp"),  # Cyrillic a
        ("\u0420\u0430y\u0420\u0430l", "paypal"),  # Cyrillic capital P and a
        ("tele\u200bgram", "telegram"),  # zero-width space
        ("pay\u00adpal", "paypal"),  # soft hyphen
        ("t.e.l.e.g.r.a.m", "telegram"),
        ("w h a t s a p p", "whatsapp"),
        ("what's app", "whatsapp"),
        ("whats app", "whatsapp"),
        ("pay pal", "paypal"),
        ("jazz cash", "jazzcash"),
        ("easy paisa", "easypaisa"),
        ("wh4tsapp", "whatsapp"),
        ("sk!pe", "skype"),
        ("e mail", "email"),
        ("Caf\u00e9 r\u00e9sum\u00e9", "cafe resume"),
        ("\u201cdon\u2019t\u201d", "\u201cdon't\u201d"),
        ("  many   spaces\t\there  ", "many spaces here"),
        ("line one\n\n  line two", "line one\nline two"),
    ],
)
def test_characters_and_disguised_names(text, normal):
    """Look-alikes, invisible characters and spaced-out or split names read as the plain word."""
    assert normal == normalise(text).text


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("kardein", "kar dein"),
        ("kar den", "kar dein"),
        ("kr do", "kar do"),
        ("kardo", "kar do"),
        ("pese", "paise"),
        ("paisay", "paise"),
        ("bahir", "bahar"),
        ("bhaij dein", "bhej dein"),
        ("bhaij", "bhej"),
        ("mujhy", "mujhe"),
        ("nhi", "nahi"),
        ("plz u r", "please you r"),
        ("whatsapp no. 0300", "whatsapp number 0300"),
        ("phone no: 0300", "phone number: 0300"),
        ("tomorow", "tomorrow"),
    ],
)
def test_roman_urdu_spellings_and_chat_shorthand(text, normal):
    """Roman-Urdu spelling variants and chat shorthand become one spelling."""
    assert normal == normalise(text).text


@pytest.mark.parametrize(
    "text",
    [
        "we chat on upwork",  # two ordinary words are not WeChat
        "the answer is no.",  # "no." is only "number" after a contact word
        "big mail",
        "a b c",
        "pay 100",
    ],
)
def test_ordinary_words_are_left_alone(text):
    """Words that only look like a disguised name are not joined."""
    assert text == normalise(text).text


def test_spans_map_back_to_the_words_as_written():
    """Every normalised word maps back to the original characters it came from."""
    text = "Add me on Wh\u0430ts\u0430pp:  w h a t s a p p, bhai kardein ＰＬＺ"
    normal = normalise(text)
    pieces = {
        word: text[
            slice(
                *normal.original_span(normal.text.index(word), normal.text.index(word) + len(word))
            )
        ]
        for word in ("add", "whatsapp:", "kar dein", "please")
    }
    assert {
        "add": "Add",
        "whatsapp:": "Wh\u0430ts\u0430pp:",
        "kar dein": "kardein",
        "please": "ＰＬＺ",
    } == pieces


def test_empty_and_blank_text():
    """Empty and blank text normalise to nothing and map to the whole input."""
    assert "" == normalise("").text
    assert "" == normalise(" \n\t ").text
    assert (0, 4) == normalise(" \n\t ").original_span(0, 0)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_spans_stay_inside_the_original(text):
    """Any span of the normalised text maps to an ordered span inside the original."""
    normal = normalise(text)
    size = len(normal.text)
    for start, end in ((0, size), (0, min(3, size)), (size // 2, size)):
        low, high = normal.original_span(start, end)
        assert 0 <= low <= high <= len(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E)))
def test_printable_ascii_without_spaces_is_only_lower_cased(text):
    """A run of printable ASCII maps character for character unless a rule rewrites a word."""
    normal = normalise(text)
    if normal.text == text.lower().replace("`", "'"):
        for index in range(len(normal.text)):
            assert (index, index + 1) == normal.original_span(index, index + 1)


@given(st.text())
def test_normalising_is_idempotent_on_its_own_output_words(text):
    """Normalising normalised text changes nothing more (one spelling per word)."""
    once = normalise(text).text
    assert once == normalise(once).text
