"""What the message scanner cannot read: letters of scripts other than Latin (private).

The scanner reads English and Roman Urdu.  Letters of any other script that
are left after normalising (Urdu or Arabic script, Devanagari, Cyrillic
that is not a look-alike of a Latin letter, and so on) were not read, so a
message that holds a word of them says so (``UNREAD_SCRIPT``) instead of
passing as one with nothing to report.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

__all__ = ["UNREAD_MIN_LETTERS", "Unread", "unread"]

#: The fewest letters of other scripts that make a finding: a word.  A Greek
#: letter in a formula ("μ = 3") or a name's single accent is not a message
#: the scanner failed to read.
UNREAD_MIN_LETTERS = 4

#: Names of scripts as people call them, where the Unicode name's first word is not one.
_SCRIPT_NAMES = {"ARABIC": "Urdu or Arabic", "CJK": "Chinese or Japanese", "HANGUL": "Korean"}


class Unread(NamedTuple):
    """Letters the scanner did not read: how many, where, and in which script first."""

    letters: int
    start: int
    end: int
    script: str


def _script(char: str) -> str | None:
    """The script of a letter the scanner does not read, or ``None`` for a Latin letter."""
    if char.isascii():
        return None
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return None
    return _SCRIPT_NAMES.get(first, first.capitalize() if first else "an unnamed")


def unread(text: str) -> Unread | None:
    """The letters of *text* (the scanner's normalised form) in scripts it does not read.

    ``None`` when fewer than :data:`UNREAD_MIN_LETTERS` such letters are
    present; else their count, the span from the first to the last (in
    *text*) and the first one's script ("Urdu or Arabic", "Devanagari").  Linear
    in the length of *text*; pure ASCII text is answered at once.
    """
    if text.isascii():
        return None
    count = 0
    start = end = 0
    script = ""
    for at, char in enumerate(text):
        if not char.isalpha():
            continue
        found = _script(char)
        if found is None:
            continue
        if not count:
            start, script = at, found
        count += 1
        end = at + 1
    if count < UNREAD_MIN_LETTERS:
        return None
    return Unread(count, start, end, script)
