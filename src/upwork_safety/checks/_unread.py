"""What the message scanner cannot read: letters of scripts other than Latin (private).

The scanner reads English and Roman Urdu.  Words written mostly in any
other script (Urdu or Arabic script, Devanagari, Cyrillic, and so on) were
not read, so a message that holds them says so (``UNREAD_SCRIPT``) instead
of passing as one with nothing to report.  A Latin word with a look-alike
letter in it ("WhatsАpp") is read: normalising folds the letter.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

__all__ = ["UNREAD_MIN_LETTERS", "Unread", "unread"]

#: The fewest letters, in words of other scripts, that make a finding.  A
#: Greek letter in a formula ("μ = 3") is not a word, and a message of a
#: few such letters is not one the scanner failed to read.
UNREAD_MIN_LETTERS = 4

#: Names of scripts as people call them, where the Unicode name's first word is not one.
_SCRIPT_NAMES = {"ARABIC": "Urdu or Arabic", "CJK": "Chinese or Japanese", "HANGUL": "Korean"}


class Unread(NamedTuple):
    """Letters the scanner did not read: how many, where in the message, in which script first."""

    letters: int
    start: int
    end: int
    script: str


def _script(char: str) -> str | None:
    """The script of a letter the scanner does not read, or ``None`` for a Latin letter."""
    if char.isascii():
        return None
    # Its compatibility form first: a full-width or mathematical letter ("Ｗ", "𝐖")
    # is a Latin one, as the normaliser reads it.
    folded = unicodedata.normalize("NFKC", char)
    if folded.isascii():
        return None
    name = unicodedata.name(folded[0], "")
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return None
    return _SCRIPT_NAMES.get(first, first.capitalize() if first else "an unnamed")


def _word_end(text: str, at: int) -> int:
    """Where the word starting at *at* ends: its letters and the marks inside it."""
    end = at + 1
    while end < len(text) and (
        text[end].isalpha() or unicodedata.category(text[end]).startswith("M")
    ):
        end += 1
    return end


def _unread_word(word: str) -> str | None:
    """The script of *word* when most of its letters are of one the scanner does not read.

    A single character is not a word ("θ" in a formula, or "ﷺ", one symbol);
    a Latin word with a look-alike letter in it ("WhatsАpp") is read.
    """
    letters = [char for char in word if char.isalpha()]
    if len(letters) < 2:
        return None
    scripts = [script for char in letters if (script := _script(char)) is not None]
    if 2 * len(scripts) <= len(letters):
        return None
    return scripts[0]


def unread(text: str) -> Unread | None:
    """The words of the message *text* in scripts the scanner does not read.

    A word is a run of letters (and the marks inside it) whose letters are
    mostly of such a script (:func:`_unread_word`).  ``None`` when those
    words hold fewer than :data:`UNREAD_MIN_LETTERS` letters; else their
    count, the span of the first stretch of them (up to the next word that
    is read) and its first word's script ("Urdu or Arabic",
    "Devanagari").  Linear in the length of *text*; pure ASCII text is
    answered at once.
    """
    if text.isascii():
        return None
    words: list[tuple[int, int, str | None]] = []
    at = 0
    while at < len(text):
        if not text[at].isalpha():
            at += 1
            continue
        end = _word_end(text, at)
        words.append((at, end, _unread_word(text[at:end])))
        at = end
    count = sum(sum(1 for char in text[a:b] if char.isalpha()) for a, b, script in words if script)
    if count < UNREAD_MIN_LETTERS:
        return None
    first = next(i for i, (_, _, script) in enumerate(words) if script)
    start, end, script = words[first]
    for _, stop, other in words[first + 1 :]:
        if other is None:
            break  # a word that is read: the first stretch ends
        end = stop
    assert script is not None
    return Unread(count, start, end, script)
